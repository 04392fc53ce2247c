"""Static drawings for the lessons (each returns a matplotlib Figure that Jupyter shows).

Figures are built with matplotlib.figure.Figure, not pyplot, so importing or
using this module changes no global matplotlib setting.
"""

from . import backprop, descent, lab, learned, neuron, wishes
from .backprop import *  # noqa: F401,F403  lesson 04
from .descent import *  # noqa: F401,F403   lesson 02
from .digits import (
    digit_and_vector,
    digit_grid,
    draw_weight_tiles,
    draw_weights,
    first_layer_tiles,
    label_counts,
    weight_picture,
)
from .lab import *  # noqa: F401,F403       lesson 06
from .learned import *  # noqa: F401,F403   lesson 05
from .neuron import *  # noqa: F401,F403    lesson 01
from .palette import current_palette, negative_color, positive_color, use_palette, weight_cmap
from .wishes import *  # noqa: F401,F403    lesson 03

__all__ = ["use_palette", "current_palette", "positive_color", "negative_color", "weight_cmap",
           "digit_grid", "digit_and_vector", "label_counts", "draw_weights", "weight_picture",
           "draw_weight_tiles", "first_layer_tiles",
           *neuron.__all__, *descent.__all__, *wishes.__all__, *backprop.__all__, *learned.__all__, *lab.__all__]
