"""Nudge: neural networks you can poke. The package every lesson imports.

Importing it changes no global setting (no matplotlib style, no NumPy print options).
"""

from .data import load_digits, load_mnist, load_trained_network
from .gradcheck import gradient_check, numerical_gradient
from .network import Network

__all__ = ["Network", "load_digits", "load_mnist", "load_trained_network", "numerical_gradient", "gradient_check"]
__version__ = "0.1.0"
