"""What one neuron computes (lesson 01), in NumPy only.

A neuron with weights w_k on the activations a_k of the previous layer and bias b:

    z = sum_k w_k a_k + b        its weighted input
    a = sigma(z)                 its activation, sigma(z) = 1 / (1 + e^(-z))

with helpers.activations.sigmoid, which never overflows (z = +-1000 gives 0 and 1,
no warning). The same sum over a whole layer is one matrix product; see Network.
"""

import numpy as np

from ._i18n import tr
from .activations import sigmoid

__all__ = ["neuron_response", "digits_that_excite", "connection_contributions"]

TOP_COUNTED = 100      # digits_that_excite counts the labels among this many best digits


def neuron_response(weights, activations, bias):
    """One neuron's arithmetic, step by step, for weights and activations of the same shape.

    Returns a dict of floats: "weighted_sum" = sum_k w_k a_k, split into
    "positive_part" (the cells where w_k a_k > 0) and "negative_part" (< 0),
    "bias", "z" = weighted_sum + bias and "activation" = sigma(z); and "products",
    the array w * a cell by cell (its sum is the weighted sum).
    """
    w = np.asarray(weights, dtype=float)
    a = np.asarray(activations, dtype=float)
    if w.shape != a.shape:
        raise ValueError(tr("weights {weights} and activations {activations} must have the same shape",
                            weights=w.shape, activations=a.shape))
    products = w * a
    weighted_sum = float(products.sum())
    z = weighted_sum + float(bias)
    return {"products": products, "weighted_sum": weighted_sum,
            "positive_part": float(products[products > 0].sum()),
            "negative_part": float(products[products < 0].sum()),
            "bias": float(bias), "z": z, "activation": float(sigmoid(z))}


def digits_that_excite(X, y, weights, bias, top=8):
    """The digits that excite one neuron most: all of X ranked by z = X w + b, highest first.

    X: (n, 784) images, y: (n,) labels, weights: 784 values (any shape), bias: a number.
    Ranked by z, not by sigma(z), because sigma rounds many large z to the same 1.0;
    ties keep the data's order. Returns a dict of plain lists: "indices", "labels",
    "z" and "activations" of the `top` best digits, and "top100_counts", how many of
    each digit 0-9 are among the best 100.
    """
    z_all = np.asarray(X, dtype=float) @ np.asarray(weights, dtype=float).ravel() + float(bias)
    order = np.argsort(-z_all, kind="stable")
    best = order[:top]
    counts = np.bincount(np.asarray(y)[order[:TOP_COUNTED]], minlength=10)
    return {"indices": [int(k) for k in best], "labels": [int(y[k]) for k in best],
            "z": [float(v) for v in z_all[best]], "activations": [float(v) for v in sigmoid(z_all[best])],
            "top100_counts": [int(v) for v in counts]}


def connection_contributions(W, a):
    """How hard each connection pushes for this input: the (n_out, n_in) array of w_jk a_k.

    W: (n_out, n_in) weights into a layer, a: (n_in,) activations of the layer before.
    Row j sums to neuron j's weighted sum without its bias.
    """
    return np.asarray(W, dtype=float) * np.asarray(a, dtype=float)[np.newaxis, :]
