"""Lesson 01 (what a neural network is): exercises.

    check_sigmoid(fn)            fn(z) = 1 / (1 + e^(-z)), element-wise, with no overflow warning
    check_layer_forward(fn)      fn(W, a, b) = sigma(W a + b) for one example (column-vector math)
    check_count_parameters(fn)   fn(sizes) = the number of weights plus biases
"""

import warnings

import numpy as np

from ..activations import sigmoid
from ._core import call, close, correct, not_yet, reference

__all__ = ["check_sigmoid", "check_layer_forward", "check_count_parameters"]


# ----- sigmoid ---------------------------------------------------------------------

@reference("sigmoid")
def sigmoid_solution(z):
    z = np.asarray(z, dtype=float)
    # e^(-|z|) is at most 1, so np.exp never overflows, whatever the sign of z.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _run_quietly(fn, *args):
    """Call fn, recording NumPy's floating-point warnings instead of printing them.

    Returns (result, hint, warning messages). np.errstate makes overflow a warning
    even if the learner's session has silenced it; underflow (e^-1000 rounding to 0)
    is harmless and ignored.
    """
    with warnings.catch_warnings(record=True) as caught, \
            np.errstate(over="warn", invalid="warn", divide="warn", under="ignore"):
        warnings.simplefilter("always")
        result, hint = call(fn, *args)
    messages = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    return result, hint, messages


def check_sigmoid(fn):
    """Check a sigmoid: right values, works on whole arrays, and no overflow warning at z = +-1000."""
    z = np.linspace(-8.0, 8.0, 33)
    z_before = z.copy()
    result, hint, messages = _run_quietly(fn, z)
    if hint:
        if "only length-1 arrays" in hint or "only 0-dimensional" in hint or "truth value of an array" in hint:
            return not_yet("Your function works on one number but not on a whole array. Use NumPy: np.exp(...) "
                           "works element by element (math.exp and `if z < 0:` do not).")
        return not_yet(hint)
    if not np.array_equal(z, z_before):
        return not_yet("Your function changed the array it was given. Compute into a new array instead.")
    result = np.asarray(result, dtype=float) if np.ndim(result) else result
    if np.shape(result) != z.shape:
        return not_yet(f"Given an array of shape {z.shape} your function returned shape {np.shape(result)}. "
                       "It should work element-wise: one output per input (use np.exp, not a Python loop "
                       "that keeps only the last value).")
    expected = sigmoid_solution(z)
    if close(result, 1.0 - expected, rtol=1e-7, atol=1e-9):
        return not_yet("The sign is flipped: you computed 1/(1 + e^z), which falls as z grows. "
                       "σ(z) = 1/(1 + e^(−z)) rises from 0 to 1.")
    if close(result, np.exp(-z), rtol=1e-7) or close(result, 1.0 / np.exp(-z), rtol=1e-7):
        return not_yet("Remember the 1 + in the denominator: σ(z) = 1 / (1 + e^(−z)).")
    if not close(result, expected, rtol=1e-7, atol=1e-12):
        first = int(np.argmax(~np.isclose(result, expected, rtol=1e-7, atol=1e-12)))
        return not_yet(f"σ({z[first]:g}) should be {expected[first]:.6f}, yours gives {result[first]:.6f}. "
                       f"Check: σ(0) = 0.5, σ(z) → 1 for large z, σ(z) → 0 for very negative z.")

    extremes = np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0])
    result, hint, messages = _run_quietly(fn, extremes)
    if hint:
        return not_yet(f"At z = ±1000: {hint}")
    result = np.asarray(result, dtype=float)
    if not np.all(np.isfinite(result)):
        return not_yet("At z = ±1000 your function returns nan or inf: e^1000 overflows to inf, and inf/inf is "
                       "nan. Arrange the formula so that np.exp only ever sees numbers ≤ 0.")
    if messages:
        return not_yet("The values are right, but NumPy warned: " + messages[0] + ". np.exp(-z) overflows for "
                       "very negative z (e^1000 is too big for a float). Make the exponent never positive: "
                       "with e = np.exp(-np.abs(z)), σ(z) = 1/(1+e) where z ≥ 0 and e/(1+e) where z < 0 "
                       "(np.where picks between them).")
    if not close(result, sigmoid_solution(extremes), rtol=1e-9, atol=1e-12):
        return not_yet("At z = ±1000 σ(z) should be (almost exactly) 0 and 1; yours gives "
                       f"{result[0]:g} and {result[-1]:g}.")
    single, hint, _ = _run_quietly(fn, 0.0)
    if hint or not close(single, 0.5):
        return not_yet("For a single number, σ(0) should be 0.5" + (f": {hint}" if hint else f"; yours gives {single}."))
    return correct("σ works on whole arrays and never overflows: σ(0) = 0.5, σ(−1000) = 0, σ(1000) = 1.")


# ----- one layer -------------------------------------------------------------------

@reference("layer_forward")
def layer_forward_solution(W, a, b):
    # W: (n_out, n_in), row j = the weights into neuron j; a: (n_in,); b: (n_out,)
    z = W @ a + b                    # the weighted sums of all n_out neurons at once, plus their biases
    return sigmoid(z)                # your sigmoid from the first exercise works here too


def _layer_cases():
    rng = np.random.default_rng(1)
    cases = []
    for n_out, n_in in ((4, 4), (3, 5), (2, 7)):     # square first: there W.T gives wrong numbers, not a shape error
        cases.append((rng.normal(0, 1, (n_out, n_in)), rng.random(n_in), rng.normal(0, 1, n_out)))
    return cases


def check_layer_forward(fn):
    """Check fn(W, a, b) = sigma(W a + b): W (n_out, n_in), a (n_in,), b (n_out,) -> (n_out,)."""
    for W, a, b in _layer_cases():
        inputs = [W.copy(), a.copy(), b.copy()]
        result, hint = call(fn, *inputs)
        shapes = f"W has shape {W.shape}, a {a.shape}, b {b.shape}"
        if hint:
            if "matmul" in hint or "shapes" in hint or "broadcast" in hint or "aligned" in hint:
                return not_yet(f"A shape error ({hint.split(': ', 1)[-1]}). Here {shapes}. Row j of W holds the "
                               "weights INTO neuron j, so W @ a (not W.T @ a, and not the element-wise W * a) "
                               f"gives the {W.shape[0]} weighted sums.")
            return not_yet(hint)
        if not all(np.array_equal(x, y) for x, y in zip(inputs, (W, a, b))):
            return not_yet("Your function changed W, a or b in place. Compute into new arrays instead.")
        expected = sigmoid(W @ a + b)
        got = np.asarray(result, dtype=float)
        if got.shape != expected.shape:
            if got.size == expected.size and close(got.ravel(), expected):
                return not_yet(f"The numbers are right but the shape is {got.shape}; return a flat vector of "
                               f"shape {expected.shape}, like a and b (use W @ a, not W @ a.reshape(-1, 1)).")
            if got.shape == W.shape:
                return not_yet("You got a matrix back: W * a multiplies element by element. "
                               "The weighted sums are the matrix-vector product W @ a.")
            return not_yet(f"Here {shapes}; σ(W a + b) should have shape {expected.shape}, yours has {got.shape}.")
        if close(got, expected, rtol=1e-7, atol=1e-12):
            continue
        if close(got, sigmoid(W @ a), rtol=1e-7):
            return not_yet("You forgot the bias: z = W a + b, then σ(z).")
        if close(got, W @ a + b, rtol=1e-7):
            return not_yet("You forgot σ: the layer's activations are σ(W a + b), squashed into (0, 1).")
        if close(got, sigmoid(W @ a) + b, rtol=1e-7):
            return not_yet("The bias goes inside σ: σ(W a + b), not σ(W a) + b.")
        if W.shape[0] == W.shape[1] and close(got, sigmoid(W.T @ a + b), rtol=1e-7):
            return not_yet("You used W.T (the transpose). Row j of W holds the weights INTO neuron j, so the "
                           "weighted sum of neuron j is row j times a: W @ a.")
        if close(got, sigmoid(W @ a - b), rtol=1e-7):
            return not_yet("The bias is added, not subtracted: z = W a + b.")
        return not_yet(f"For {shapes} the values differ from σ(W a + b). Compute z = W @ a + b first, "
                       "then the sigmoid of z.")
    return correct("a^(1) = σ(W a^(0) + b): one matrix-vector product, one vector addition, σ on each component.")


# ----- counting parameters ---------------------------------------------------------

@reference("count_parameters")
def count_parameters_solution(sizes):
    weights = sum(n_in * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
    biases = sum(sizes[1:])          # every neuron after the input layer has its own bias
    return weights + biases


_PARAMETER_CASES = ([784, 16, 16, 10], [2, 3, 1], [784, 30, 10], [5, 5], [3, 4, 5, 6])


def _wrong_counts(sizes):
    """Typical miscounts, each with its hint."""
    pairs = list(zip(sizes[:-1], sizes[1:]))
    weights = sum(i * o for i, o in pairs)
    biases = sum(sizes[1:])
    return [
        (weights, "You counted only the weights. Every neuron after the input layer also has its own bias."),
        (biases, "You counted only the biases. There is also one weight per connection: n_in × n_out "
                 "between each pair of neighbouring layers."),
        (weights + sum(sizes), "The input layer has no biases: its activations are the pixels themselves. "
                               "Count a bias for every neuron of the later layers only."),
        (weights + len(sizes) - 1, "Every neuron has its own bias, not one bias per layer: "
                                   "a layer of 16 neurons has 16 biases."),
        (sizes[0] * sizes[1] + biases, "You counted the weights of the first layer only. Every pair of neighbouring "
                                       "layers is fully connected: add n_in × n_out for each pair."),
        (sizes[0] * sizes[1] + sizes[1], "You counted the first layer only (its weights and biases). Add the "
                                         "weights and biases of every later layer too."),
        (int(np.prod(sizes)) + biases, "Weights connect neighbouring layers only: multiply each pair of neighbours "
                                        "(784·16, 16·16, 16·10) and add, rather than multiplying all the sizes."),
        (int(np.prod(sizes)), "Weights connect neighbouring layers only: multiply each pair of neighbours "
                              "(784·16, 16·16, 16·10), add, and then add one bias per non-input neuron."),
    ]


def check_count_parameters(fn):
    """Check fn(sizes) = total weights + biases, on the videos' [784, 16, 16, 10] (13,002) and other sizes."""
    results = {}
    for sizes in _PARAMETER_CASES:
        result, hint = call(fn, list(sizes))
        if hint:
            return not_yet(hint if result is None and "nothing yet" in hint else f"For sizes {sizes}: {hint}")
        try:
            results[tuple(sizes)] = float(result)
        except (TypeError, ValueError):
            return not_yet(f"For sizes {sizes} your function returned {result!r}; it should return one number.")
    if all(results[tuple(s)] == count_parameters_solution(s) for s in _PARAMETER_CASES):
        return correct(f"[784, 16, 16, 10] has {count_parameters_solution([784, 16, 16, 10]):,} parameters — "
                       "“almost exactly 13,000”, as V1 says.")
    wrong = [_wrong_counts(s) for s in _PARAMETER_CASES]
    for k, (_, hint) in enumerate(wrong[0]):
        if all(results[tuple(s)] == wrong[i][k][0] for i, s in enumerate(_PARAMETER_CASES)):
            return not_yet(hint)
    if results[(784, 16, 16, 10)] == count_parameters_solution([784, 16, 16, 10]):
        bad = next(s for s in _PARAMETER_CASES if results[tuple(s)] != count_parameters_solution(s))
        return not_yet(f"13,002 for the videos' network is right, but for sizes {bad} you return "
                       f"{results[tuple(bad)]:g}. Count from the list you are given, for any number of layers "
                       "(no numbers typed in).")
    return not_yet(f"For [784, 16, 16, 10] you return {results[(784, 16, 16, 10)]:g}. A small case to check by "
                   "hand: [2, 3, 1] has 2·3 + 3·1 = 9 weights and 3 + 1 = 4 biases, 13 in all.")
