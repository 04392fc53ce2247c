"""Nudge: neural networks you can poke. The package every lesson imports.

Importing it changes no global setting (no matplotlib style, no NumPy print options).
Lessons speak English or, after `set_language("zh-CN")`, Chinese (helpers/core/languages.py).

One naming rule: a lesson's topic has the same name in every layer. Lesson 02 is `descent`:
its math is helpers/descent.py, its drawings helpers/plots/descent.py, its widgets
helpers/widgets/descent.py, its self-checks helpers/exercises/descent.py. The topics:
00 digits, 01 neuron, 02 descent, 03 wishes, 04 backprop, 05 learned, 06 lab.
Shared machinery sits apart, in `core`: helpers/core/ (network, training, costs, activations,
gradcheck, data, evaluation, languages, checks, ...) and plots/_core.py, widgets/_core.py,
exercises/_core.py. Imports point one way (CONTRIBUTING.md): lessons -> widgets -> plots -> numbers,
and exercises -> numbers.
"""

from .core.data import load_digits, load_mnist, load_trained_network
from .core.gradcheck import gradient_check, numerical_gradient
from .core.languages import available_languages, language, set_language, tr
from .core.network import Network
from .core.questions import where_am_i

__all__ = ["Network", "load_digits", "load_mnist", "load_trained_network", "numerical_gradient", "gradient_check",
           "set_language", "language", "available_languages", "tr", "where_am_i"]
__version__ = "0.1.0"
