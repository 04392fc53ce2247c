"""One neuron and the weight patterns it could look for (lesson 01), in NumPy only.

What one neuron computes (lesson 01), in NumPy only.

A neuron with weights w_k on the activations a_k of the previous layer and bias b:

    z = sum_k w_k a_k + b        its weighted input
    a = sigma(z)                 its activation, sigma(z) = 1 / (1 + e^(-z))

with helpers.core.activations.sigmoid, which never overflows (z = +-1000 gives 0 and 1,
no warning). The same sum over a whole layer is one matrix product; see Network.

Hand-made weight patterns for one first-layer neuron (lesson 01).

A weight pattern is the 784 weights into one neuron, laid out as a (28, 28) array
in the digit's own rows and columns (row 0 at the top). The patterns here are made
by hand to show what a neuron *could* look for, V1's edge and loop detectors; they
are not what a trained network learns (lesson 05 looks at that).

Every pattern is built from one shape and one rule, `band`: weight +1 on the shape,
-1 in a margin just around it, 0 further away. A bright stroke on the shape with dark
on either side then gives a large weighted sum; a big bright blob does not.
"""

import numpy as np

from .core.activations import sigmoid
from .core.languages import N_, tr

__all__ = ['neuron_response', 'digits_that_excite', 'connection_contributions', 'matrix_vector_example',
           'PATTERN_NAMES', 'pattern_weights', 'stroke', 'loop', 'arc', 'band', 'hope_pictures']


# ===== one neuron ================================================================================


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


def matrix_vector_example():
    """A matrix-vector product small enough to do by hand: 3 neurons, 4 inputs (lesson 01, section 4).

    W is (3, 4): row j holds the weights into neuron j. a is (4,): the previous layer's
    activations. Returns a dict of arrays: "W", "a", "products" = W * a (row j: w_jk a_k
    for k = 0..3, see connection_contributions) and "Wa" = W @ a, the (3,) column of
    weighted sums; Wa[j] is row j's dot product with a, the sum of products[j].
    The numbers are halves, so every product and sum is exact.
    """
    W = np.array([[1.0, -1.0, 0.0, 2.0],
                  [0.5, 2.0, -1.0, 0.0],
                  [-2.0, 0.0, 1.0, 1.0]])
    a = np.array([1.0, 0.5, 0.0, 1.0])
    products = connection_contributions(W, a)
    return {"W": W, "a": a, "products": products, "Wa": products.sum(axis=1)}


# ===== hand-made weight patterns =================================================================


SIZE = 28
_ROWS, _COLS = np.mgrid[0:SIZE, 0:SIZE].astype(float)     # every pixel centre's (row, column)


def _distance_to_segment(start, end):
    """Distance of every pixel centre from the segment start-end ((row, column) points), as (28, 28)."""
    p0, p1 = np.asarray(start, float), np.asarray(end, float)
    d = p1 - p0
    # t: where the foot of the perpendicular falls along the segment, clipped to its ends
    t = ((_ROWS - p0[0]) * d[0] + (_COLS - p0[1]) * d[1]) / max(float(d @ d), 1e-12)
    t = np.clip(t, 0.0, 1.0)
    return np.hypot(_ROWS - (p0[0] + t * d[0]), _COLS - (p0[1] + t * d[1]))


def band(distance, half_width=1.5, margin=2.0):
    """Weights from a (28, 28) distance map: +1 within half_width of the shape, -1 in the margin around it, else 0."""
    w = np.zeros((SIZE, SIZE))
    w[distance <= half_width] = 1.0
    w[(distance > half_width) & (distance <= half_width + margin)] = -1.0
    return w


def stroke(start, end):
    """An edge (stroke) detector along the segment start-end: +1 on a strip, -1 just around it, 0 elsewhere."""
    return band(_distance_to_segment(start, end))


def loop(centre, radius):
    """A loop detector: +1 on the ring |p - centre| = radius, -1 just inside and just outside it."""
    return band(np.abs(np.hypot(_ROWS - centre[0], _COLS - centre[1]) - radius))


def arc(centre, radius, angle_from, angle_to):
    """The loop detector cut down to the arc between two angles (degrees: 0 = right, 90 = up)."""
    w = loop(centre, radius)
    angle = np.degrees(np.arctan2(-(_ROWS - centre[0]), _COLS - centre[1])) % 360
    inside = (angle >= angle_from) & (angle < angle_to)
    return np.where(inside, w, 0.0)


# name -> a function making the (28, 28) pattern; (row, column) coordinates, row 0 at the top.
# The names are English (code compares them); show one with _(name).
_PATTERNS = {
    N_("horizontal stroke, top"): lambda: stroke((6, 8), (6, 19)),
    N_("horizontal stroke, middle"): lambda: stroke((14, 8), (14, 19)),
    N_("horizontal stroke, bottom"): lambda: stroke((21, 8), (21, 19)),
    N_("vertical stroke, left"): lambda: stroke((6, 9), (21, 9)),
    N_("vertical stroke, centre"): lambda: stroke((6, 14), (21, 14)),
    N_("vertical stroke, right"): lambda: stroke((6, 19), (21, 19)),
    N_("diagonal stroke /"): lambda: stroke((21, 9), (6, 18)),
    N_("diagonal stroke \\"): lambda: stroke((6, 9), (21, 18)),
    N_("loop, upper half"): lambda: loop((10, 14), 4),
    N_("loop, lower half"): lambda: loop((18, 13), 4),
    N_("loop, whole digit (a 0?)"): lambda: loop((14, 14), 7),
    N_("random (seed 0)"): lambda: np.random.default_rng(0).uniform(-1.0, 1.0, (SIZE, SIZE)),
    N_("blank (paint your own)"): lambda: np.zeros((SIZE, SIZE)),
}
PATTERN_NAMES = list(_PATTERNS)


def pattern_weights(name):
    """One hand-made pattern of 784 weights, as a fresh (28, 28) float64 array.

    Strokes and loops use weights +1 (on the shape) and -1 (just around it); the
    random pattern draws every weight uniformly from [-1, 1] with seed 0.
    """
    if name not in _PATTERNS:
        raise ValueError(tr("pattern must be one of {names}; got {name!r}", names=PATTERN_NAMES, name=name))
    return _PATTERNS[name]()


def hope_pictures():
    """V1's *hope* made by hand: little edges -> pieces (a loop, a stroke) -> a 9.

    Returns a dict: "edges", six (28, 28) weight patterns (four quarter arcs of the
    loop and two halves of the stroke); "pieces", the whole loop and the whole
    stroke; "digit", the 9 they make, activations in [0, 1] (1 on the shapes).
    Nothing here is learned.
    """
    ring, line = ((10, 14), 4), ((8, 18), (22, 18))
    edges = [arc(*ring, 0, 90), arc(*ring, 90, 180), arc(*ring, 180, 270), arc(*ring, 270, 360),
             stroke((8, 18), (15, 18)), stroke((15, 18), (22, 18))]
    pieces = [loop(*ring), stroke(*line)]
    digit = np.clip(np.maximum(pieces[0], pieces[1]), 0.0, 1.0)
    return {"edges": edges, "pieces": pieces, "digit": digit}
