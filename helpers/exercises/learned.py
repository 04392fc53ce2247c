"""Lesson 05 (what the network really learned): exercises.

- `check_center_of_mass(fn)`: fn(image) -> (row, column) of the brightness-weighted centre.
- `check_shuffle_pixels(fn)`: fn(X, permutation) -> every image's pixels put through ONE permutation.
- `check_input_gradient(fn)`: fn(net, x, digit) -> d a_digit / d x, backpropagation to the pixels.
"""

from functools import cache, partial

import numpy as np

from ..core.activations import sigmoid, sigmoid_prime
from ..core.data import load_digits, load_trained_network
from ..core.languages import _, tr
from ..core.network import Network
from ._core import (
    Problem,
    check,
    close,
    correct,
    frozen,
    mistake,
    numbers,
    pair,
    reference,
    run,
    run_watching,
    worst_entry,
)

__all__ = ["check_center_of_mass", "check_shuffle_pixels", "check_input_gradient"]


# ----- centre of mass ------------------------------------------------------------------

@reference("center_of_mass")
def _center_of_mass(image):
    image = np.asarray(image, dtype=float)
    total = image.sum()                                   # total brightness
    rows = np.arange(image.shape[0])                      # 0, 1, ..., 27 from the top
    cols = np.arange(image.shape[1])                      # 0, 1, ..., 27 from the left
    row = rows @ image.sum(axis=1) / total                # sum_r r * (brightness of row r) / total
    col = cols @ image.sum(axis=0) / total                # sum_c c * (brightness of column c) / total
    return row, col


@cache
def _com_cases():
    """Pictures whose centre of mass is off the middle and differs between rows and columns."""
    blob = np.zeros((28, 28))
    blob[4:8, 17:23] = 1.0                    # a bright bar up and to the right
    blob[20, 3] = 0.25                        # plus a faint pixel low on the left
    _train, (X, _labels) = load_digits()
    grey = np.zeros((28, 28))
    grey[10:12, 5:9] = 0.2                    # faint block on the left ...
    grey[18:20, 20:22] = 1.0                  # ... bright block low on the right: brightness must weigh in
    return frozen(blob, X[0].reshape(28, 28), grey)


@check("center_of_mass(image)")
def check_center_of_mass(fn):
    """Check fn(image) -> (row, column): the brightness-weighted mean position, rows and columns from 0."""
    for image in _com_cases():
        want = np.array(_center_of_mass(image))
        got = numbers(run(fn, image), (2,), what=_("the centre (row, column)"), enforce_shape=False)
        if got.shape != (2,):
            if got.size == 2 and close(got.ravel(), want, rtol=1e-7, atol=1e-9):
                raise Problem(tr("The numbers are right, but they come in shape {shape}: return just the two, "
                                 "(row, column), so that `row, column = center_of_mass(image)` works.",
                                 shape=got.shape))
            raise Problem(tr("Return two numbers, (row, column); yours {has_shape}.",
                             has_shape=_("is one number") if got.ndim == 0 else tr("has shape {shape}",
                                                                                     shape=got.shape)))
        if close(got, want, rtol=1e-7, atol=1e-9):
            continue
        total = image.sum()
        lit_rows, lit_cols = np.nonzero(image > 0)
        mistake(got, {
            _("Row and column are swapped. Rows run down the picture (axis 0, the first index), columns across it "
              "(axis 1): return (row, column)."): want[::-1],
            _("Off by one: count rows and columns from 0 (np.arange(28)), not from 1."): want + 1,
            _("Divide by the total brightness sum(I): without it you get a sum, not a mean position."): want * total,
            _("Divide by the total brightness sum(I), not by the number of pixels (784): dark pixels must not "
              "count."): want * total / image.size,
            _("You averaged the positions of the lit pixels as if they were equally bright. Weigh each position by "
              "its brightness: sum(r * I[r, c]) / sum(I)."): [lit_rows.mean(), lit_cols.mean()],
            _("You averaged the positions of the lit pixels as if they were equally bright (and swapped row and "
              "column). Weigh each position by its brightness: sum(r * I[r, c]) / sum(I)."):
                [lit_cols.mean(), lit_rows.mean()],
        }, rtol=1e-7, atol=1e-9)
        (row_want, row_got), (col_want, col_got) = pair(want[0], got[0]), pair(want[1], got[1])
        raise Problem(tr("For a test picture the centre should be row {row_want}, column {col_want}; yours is row "
                         "{row_got}, column {col_got}. Weigh each row (column) number by its brightness, add up, "
                         "divide by the total brightness.", row_want=row_want, col_want=col_want, row_got=row_got,
                         col_got=col_got))
    return correct(_("That is the point MNIST's preparation moves to the centre of the frame."))


# ----- shuffled pixels ------------------------------------------------------------------

@reference("shuffle_pixels")
def _shuffle_pixels(X, permutation):
    # Every row is one image: keep the rows, reorder the columns (pixels), the same way for all.
    return X[:, permutation]


def _pixel_maps(result, X):
    """For each row, where each output pixel came from in the input row (values are all distinct), or None."""
    maps = []
    for got_row, row in zip(result, X):
        order = np.argsort(row)
        positions = np.searchsorted(row, got_row, sorter=order)
        positions = np.clip(positions, 0, len(row) - 1)
        source = order[positions]
        if not np.array_equal(row[source], got_row):
            return None
        maps.append(source)
    return np.array(maps)


@cache
def _shuffle_cases():
    """One permutation of the 784 pixels, and (X, X shuffled) for 6 and for 784 images."""
    rng = np.random.default_rng(5)
    permutation = rng.permutation(784)
    # 784 images as well, so that reordering the rows by mistake runs without an error;
    # every value distinct, so we can see where each pixel went.
    images = [rng.random((n, 784)) for n in (6, 784)]
    return frozen(permutation, tuple((X, X[:, permutation]) for X in images))


@check("shuffle_pixels(X, permutation)")
def check_shuffle_pixels(fn):
    """Check fn(X, permutation) -> X with every row's pixels reordered by the SAME permutation.

    The one check where changing an input is itself a mistake: in the lesson X is the
    learner's data set, used again after the shuffle.
    """
    permutation, cases = _shuffle_cases()
    for X, expected in cases:
        n = len(X)
        try:
            result, changed = run_watching(fn, X, permutation)
        except Problem as problem:
            if problem.mentions("reshape", "with size 28"):
                raise Problem(tr("{hint} — it looks like you reshaped the images to 28×28. X keeps each image as one "
                                 "row of 784 pixels, and the permutation numbers those 784 pixels: no reshape is "
                                 "needed, X[:, permutation] reorders them.", hint=problem.hint)) from None
            if problem.mentions(f"axis 0 with size {n}"):
                raise Problem(tr("{hint} — it looks like you reordered the rows (images) with X[permutation]. "
                                 "The permutation is of the 784 pixels, the columns: X[:, permutation].",
                                 hint=problem.hint)) from None
            raise
        if 0 in changed:
            raise Problem(_("Your function changed X itself. Return a new array (X[:, permutation] makes one) "
                            "and leave the learner's data as it was."))
        got = numbers(result, X.shape, what=_("the shuffled images"), enforce_shape=False)
        if got.shape != X.shape:
            if got.shape == (n, 28, 28):
                raise Problem(tr("The result should have the shape of X, {shape}; yours is {yours}: images of "
                                 "28×28. Keep each image as one row of 784 pixels (no reshape), as X has them.",
                                 shape=X.shape, yours=got.shape))
            raise Problem(tr("The result should have the shape of X, {shape}; got {yours}.", shape=X.shape,
                             yours=_("one number") if got.ndim == 0 else got.shape))
        if np.array_equal(got, expected):
            continue
        if n == 784 and np.array_equal(got, X[permutation]):
            raise Problem(_("You reordered the rows (the images), not the columns (the pixels). "
                            "Each row is one image: X[:, permutation]."))
        if np.array_equal(got, X[:, np.argsort(permutation)]):
            raise Problem(_("You applied the inverse permutation: new pixel i should be old pixel permutation[i], "
                            "which is X[:, permutation]."))
        maps = _pixel_maps(got, X)
        if maps is None:
            raise Problem(_("Your result contains values that are not pixels of the same image: only reorder "
                            "the pixels within each row."))
        if not np.all(maps == maps[0]):
            raise Problem(_("Each image got a different shuffle. The experiment needs ONE fixed permutation, the "
                            "same for every image (training and test), so that pixel positions still mean "
                            "something to the network: use the permutation you are given for all rows."))
        raise Problem(_("Every image got the same shuffle, but not the one you were given. Use `permutation` "
                        "itself (do not draw a new one): X[:, permutation]."))
    return correct(_("One permutation for every image: the pixels' neighbours are scrambled, "
                     "but pixel i always lands in the same place."))


# ----- input gradient ------------------------------------------------------------------

@reference("input_gradient")
def _input_gradient(net, x, digit):
    # Forward pass, keeping every weighted input z and activation a (one image, column-vector style).
    zs, activations = [], [np.asarray(x, dtype=float)]
    for W, b in zip(net.weights, net.biases):
        zs.append(W @ activations[-1] + b)
        activations.append(sigmoid(zs[-1]))
    # BP1, but for the single output a_digit instead of a cost: d a_digit / d z^L is sigma'(z) at `digit`, 0 elsewhere.
    delta = np.zeros(len(zs[-1]))
    delta[digit] = sigmoid_prime(zs[-1][digit])
    # BP2, back through every hidden layer: delta^l = (W^(l+1)^T delta^(l+1)) * sigma'(z^l).
    for l in range(len(net.weights) - 1, 0, -1):
        delta = (net.weights[l].T @ delta) * sigmoid_prime(zs[l - 1])
    # One step more: the input has no sigmoid, so d a_digit / d x = W^(1)^T delta^(1).
    return net.weights[0].T @ delta


def _variant(net, x, digit, output_prime=True, hidden_prime=True, transpose=True):
    """The reference with one typical slip switched on (for recognising mistakes)."""
    zs, activations = [], [x]
    for W, b in zip(net.weights, net.biases):
        zs.append(W @ activations[-1] + b)
        activations.append(sigmoid(zs[-1]))
    delta = np.zeros(len(zs[-1]))
    delta[digit] = sigmoid_prime(zs[-1][digit]) if output_prime else 1.0
    for l in range(len(net.weights) - 1, 0, -1):
        W = net.weights[l].T if transpose else net.weights[l]
        delta = (W @ delta) * (sigmoid_prime(zs[l - 1]) if hidden_prime else 1.0)
    return net.weights[0].T @ delta


@cache
def _gradient_cases():
    _train, (X, y) = load_digits()
    small = Network([784, 10, 10, 10], seed=3)   # square layers: W and W.T both run, so a missing .T shows
    small.weights = [0.1 * W for W in small.weights]   # gentle weights: no neuron saturated, every slip shows
    return frozen((load_trained_network(), X[0], 5), (small, X[1], 2), (small, X[2], 7))


@check("input_gradient(net, x, digit)")
def check_input_gradient(fn):
    """Check fn(net, x, digit) -> d a_digit / d x, shape (784,), for sigmoid networks."""
    for net, x, digit in _gradient_cases():
        want = _input_gradient(net, x, digit)
        try:
            result = run(fn, net, x, digit)
        except Problem as problem:
            shapes = problem.broadcast_shapes()
            if len(shapes) == 2 and all(len(shape) == 1 and shape[0] in net.sizes[1:] for shape in shapes):
                raise Problem(tr("{hint} — two layers' vectors were multiplied element by element: σ′(z^l) belongs "
                                 "to layer l, so it multiplies delta only after W.T has carried delta back to that "
                                 "layer: delta = (net.weights[l].T @ delta) * sigmoid_prime(zs[l - 1]).",
                                 hint=problem.hint)) from None
            if problem.mentions("shape", "matmul", "align"):
                raise Problem(tr("{hint} — shapes: W is (n_out, n_in), so going backwards multiplies by W.T "
                                 "(W.T @ delta), not by W.", hint=problem.hint)) from None
            raise
        got = numbers(result, (784,), what="d a_digit / d x", enforce_shape=False)
        if got.shape != (784,):
            if got.size == 784 and close(got.ravel(), want, rtol=1e-6, atol=1e-12):
                raise Problem(tr("The numbers are right, but in shape {shape}: return one number per pixel in "
                                 "shape (784,), like x itself (net.weights[0].T @ delta gives that shape).",
                                 shape=got.shape))
            if got.size == net.sizes[1]:
                raise Problem(tr("You returned {n} numbers: delta of the first hidden layer. One more step "
                                 "reaches the 784 pixels: W^(1)^T delta, i.e. net.weights[0].T @ delta.",
                                 n=got.size))
            raise Problem(tr("Return one number per pixel, shape (784,); got {yours}.",
                             yours=_("one number") if got.ndim == 0 else tr("shape {shape}", shape=got.shape)))
        if close(got, want, rtol=1e-6, atol=1e-12):
            continue
        mistake(got, {
            _("The sign is flipped: the gradient points to where a_digit grows."): -want,
            _("You found d z_digit / d x. The output is a_digit = sigma(z_digit): start with delta[digit] = "
              "sigma'(z_digit), not 1."): partial(_variant, net, x, digit, output_prime=False),
            _("Each hidden layer also multiplies by sigma'(z^l) (BP2): delta = (W.T @ delta) * sigma_prime(z)."):
                partial(_variant, net, x, digit, hidden_prime=False),
            # Only runs where every layer is square; elsewhere W @ delta is a shape error, and the slip is skipped.
            _("Going backwards multiplies by W.T, not W (W maps layer l-1 forward to layer l)."):
                partial(_variant, net, x, digit, transpose=False),
        }, rtol=1e-6, atol=1e-12)
        first, want_text, got_text = worst_entry(got, want, rtol=1e-6)
        raise Problem(tr("Not the gradient yet: for pixel {pixel} it should be {want}; yours gives {got}. Steps: "
                         "delta = sigma'(z^L) at `digit` (0 elsewhere); then for each hidden layer "
                         "delta = (W.T @ delta) * sigma'(z); finally net.weights[0].T @ delta.", pixel=first,
                         want=want_text, got=got_text))
    return correct(_("Backpropagation reaches the pixels: this is what 'dreaming' climbs."))
