"""Exercises: `check_<name>(your_function)` prints a verdict; `solution("<name>")` shows ours.

Every check is built on the one skeleton in `_core.py` (its docstring shows how to write one).
"""

from ._core import solution
from .backprop import (
    check_backprop,
    check_backprop_delta,
    check_chain_derivatives,
    check_output_delta,
    check_parameter_gradients,
)
from .descent import check_descent_step, check_example_cost, check_sgd_update
from .lab import check_abstain, check_confusion_matrix, check_top_two_components
from .learned import check_center_of_mass, check_input_gradient, check_shuffle_pixels
from .neuron import check_count_parameters, check_layer_forward, check_sigmoid
from .wishes import check_average_gradient, check_hidden_wish, check_output_nudges

__all__ = [
    "solution",
    "check_sigmoid", "check_layer_forward", "check_count_parameters",                         # lesson 01
    "check_example_cost", "check_descent_step", "check_sgd_update",                           # lesson 02
    "check_output_nudges", "check_hidden_wish", "check_average_gradient",                     # lesson 03
    "check_chain_derivatives", "check_output_delta", "check_backprop_delta",                  # lesson 04
    "check_parameter_gradients", "check_backprop",
    "check_center_of_mass", "check_shuffle_pixels", "check_input_gradient",                   # lesson 05
    "check_confusion_matrix", "check_abstain", "check_top_two_components",                   # lesson 06
]
