"""Lesson 04: backpropagation calculus, static drawings."""

import numpy as np

from ..activations import sigmoid, sigmoid_prime
from ..gradcheck import numerical_partial
from ._figure import new_figure

__all__ = ["sigmoid_and_derivative", "finite_difference_error"]


def sigmoid_and_derivative():
    """sigma(z) and sigma'(z) = sigma(z)(1 - sigma(z)), with the derivative's peak 1/4 at z = 0 marked."""
    z = np.linspace(-8, 8, 400)
    fig = new_figure((7, 3))
    ax = fig.add_subplot()
    ax.plot(z, sigmoid(z), color="black", label="σ(z)")
    ax.plot(z, sigmoid_prime(z), color="#1f77b4", lw=2, label="σ′(z) = σ(z)(1 − σ(z))")
    ax.plot([0], [0.25], "o", color="#1f77b4")
    ax.annotate("largest slope: σ′(0) = 1/4", xy=(0, 0.25), xytext=(1.2, 0.42),
                arrowprops={"arrowstyle": "->"})
    ax.axvspan(-8, -4.6, color="#f2d0d0", alpha=0.5, lw=0)
    ax.axvspan(4.6, 8, color="#f2d0d0", alpha=0.5, lw=0, label="σ′(z) < 0.01: saturated")
    ax.set_xlim(-8, 8)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("weighted input z")
    ax.set_ylabel("value")
    ax.set_title("The sigmoid and its derivative")
    ax.legend(loc="center left", fontsize=9)
    return fig


def finite_difference_error(net, X, y, layer=2, j=0, k=0, epsilons=None):
    """How the finite-difference estimate of one derivative approaches backprop's as eps shrinks.

    Too large an eps: the curve's bend (error ~ eps^2). Too small: rounding in the
    two nearly equal costs (error ~ 1e-16 / eps). The sweet spot is near 1e-5.
    """
    epsilons = np.logspace(-12, 0, 49) if epsilons is None else np.asarray(epsilons)
    exact = float(net.gradient(X, y)[0][layer][j, k])
    errors = np.array([abs(numerical_partial(net, X, y, layer, j, k, eps) - exact) for eps in epsilons])
    errors = np.maximum(errors, 1e-18)        # an exact match would vanish from a log axis
    fig = new_figure((6.5, 3.2))
    ax = fig.add_subplot()
    ax.loglog(epsilons, errors, "o-", ms=3, color="black")
    ax.axvline(1e-5, color="#1f77b4", ls="--", label="ε = 1e-5 (what we use)")
    ax.set_xlabel("nudge size ε")
    ax.set_ylabel("|finite difference − backprop|")
    ax.set_title(f"One derivative, ∂C/∂w{j},{k} of layer {layer + 1}: error of the finite difference")
    ax.legend()
    return fig
