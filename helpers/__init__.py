"""Nudge: neural networks you can poke. The package every lesson imports.

Importing it changes no global setting (no matplotlib style, no NumPy print options).
Lessons speak English or, after `set_language("zh-CN")`, Chinese (helpers/_i18n.py).

Three layers, imports pointing one way (CONTRIBUTING.md): lessons -> widgets -> plots -> numbers,
and exercises -> numbers. Which modules each lesson uses:

    lesson                         numbers (NumPy only)                 plots/ , widgets/ , exercises/
    all                            network, costs, activations,         plots.digits, plots.palette,
                                   gradcheck, data                      widgets._base, exercises._core
    00 Start here                  data                                 plots.digits, widgets.digits
    01 What is a neural network    neuron, patterns                     neuron (all three)
    02 Gradient descent            landscapes, sensitivity, evaluation  descent (all three)
    03 Backpropagation intuition   wishes                               wishes (all three)
    04 Backpropagation calculus    chain, nudge, backprop_code          backprop (all three)
    05 What the network learned    images, probes, experiments, results learned (all three)
    06 The lab                     evaluation, damage, projection,      lab (all three)
                                   watch
"""

from ._i18n import available_languages, language, say, set_language, tr
from .data import load_digits, load_mnist, load_trained_network
from .gradcheck import gradient_check, numerical_gradient
from .network import Network

__all__ = ["Network", "load_digits", "load_mnist", "load_trained_network", "numerical_gradient", "gradient_check",
           "set_language", "language", "available_languages", "say", "tr"]
__version__ = "0.1.0"
