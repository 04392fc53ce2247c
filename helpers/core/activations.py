"""Activation functions and their derivatives, vectorized and overflow-free.

Each activation is a pair of functions: `f(z)` and `prime(z, a)`, where `a = f(z)`
is passed in too so the derivative can reuse it (the sigmoid's does).
"""

import numpy as np


def sigmoid(z):
    """The logistic function sigma(z) = 1 / (1 + e^(-z)), element-wise.

    Computed as (1 + tanh(z/2)) / 2, the same function written another way:
    tanh never overflows, so there is no warning for any z (float32 or float64),
    and it takes fewer steps than guarding e^(-z) against overflow.
    """
    a = np.multiply(z, 0.5)
    if np.ndim(a) == 0:
        return 0.5 + 0.5 * np.tanh(a)
    np.tanh(a, out=a)            # in place: training calls this three times per mini-batch
    a *= 0.5
    a += 0.5
    return a


def sigmoid_prime(z, a=None):
    """sigma'(z) = sigma(z) (1 - sigma(z)); its largest value is 1/4, at z = 0."""
    if a is None:
        a = sigmoid(z)
    return a * (1.0 - a)


def relu(z):
    """ReLU(z) = max(0, z), element-wise."""
    return np.maximum(z, 0.0)


def relu_prime(z, a=None):
    """ReLU'(z) = 1 where z > 0, else 0 (we take 0 at the kink z = 0)."""
    return (np.asarray(z) > 0).astype(np.asarray(z).dtype)


ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_prime),
    "relu": (relu, relu_prime),
}
