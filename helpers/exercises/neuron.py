"""Lesson 01 (what a neural network is): exercises.

    check_sigmoid(fn)            fn(z) = 1 / (1 + e^(-z)), element-wise, with no overflow warning
    check_layer_forward(fn)      fn(W, a, b) = sigma(W a + b) for one example (column-vector math)
    check_count_parameters(fn)   fn(sizes) = the number of weights plus biases
"""

import numpy as np

from ..core.activations import sigmoid
from ..core.languages import _, tr
from ._core import (
    Problem,
    check,
    close,
    correct,
    mistake,
    number,
    numbers,
    pair,
    reference,
    run,
    run_recording,
    worst_entry,
)

__all__ = ["check_sigmoid", "check_layer_forward", "check_count_parameters"]


# ----- sigmoid ---------------------------------------------------------------------

@reference("sigmoid")
def sigmoid_solution(z):
    z = np.asarray(z, dtype=float)
    # e^(-|z|) is at most 1, so np.exp never overflows, whatever the sign of z.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


_SCALAR_ONLY = ("only length-1 arrays", "only 0-dimensional", "truth value of an array", "only size-1 arrays")


@check("my_sigmoid(z)")
def check_sigmoid(fn):
    """Check a sigmoid: right values, works on whole arrays, and no overflow warning at z = +-1000."""
    z = np.linspace(-8.0, 8.0, 33)
    expected = sigmoid_solution(z)
    try:
        result, _warnings = run_recording(fn, z)
    except Problem as problem:
        if problem.mentions(*_SCALAR_ONLY):
            raise Problem(_("Your function works on one number but not on a whole array. Use NumPy: np.exp(...) "
                            "works element by element (math.exp and `if z < 0:` do not).")) from None
        raise
    got = numbers(result, z.shape, what="σ(z)", enforce_shape=False)
    if got.shape != z.shape:
        returned = _("one number") if got.ndim == 0 else tr("shape {shape}", shape=got.shape)
        raise Problem(tr("Given an array of shape {shape} your function returned {returned}. It should work "
                         "element-wise: one output per input (use np.exp, not a Python loop that keeps only the "
                         "last value).", shape=z.shape, returned=returned))
    mistake(got, {
        _("The sign is flipped: you computed 1/(1 + e^z), which falls as z grows. "
          "σ(z) = 1/(1 + e^(−z)) rises from 0 to 1."): 1.0 - expected,
        _("Remember the 1 + in the denominator: σ(z) = 1 / (1 + e^(−z))."): np.exp(-z),
        _("Remember the 1 + in the denominator, and the minus sign: σ(z) = 1 / (1 + e^(−z))."): np.exp(z),
    })
    if not close(got, expected, rtol=1e-7, atol=1e-12):
        first, want_text, got_text = worst_entry(got, expected, rtol=1e-7)
        raise Problem(tr("σ({z:g}) should be {want}; yours gives {got}. Check: σ(0) = 0.5, σ(z) → 1 for large z, "
                         "σ(z) → 0 for very negative z.", z=z[first], want=want_text, got=got_text))

    extremes = np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0])
    try:
        result, messages = run_recording(fn, extremes)
    except Problem as problem:
        raise Problem(tr("At z = ±1000: {hint}", hint=problem.hint)) from None
    got = numbers(result, shape=extremes.shape, what=_("σ(z) for five values of z"), finite=False)
    if not np.all(np.isfinite(got)):
        raise Problem(_("At z = ±1000 your function returns nan or inf: e^1000 overflows to inf, and inf/inf is "
                        "nan. Arrange the formula so that np.exp only ever sees numbers ≤ 0."))
    if messages:
        raise Problem(tr("The values are right, but NumPy warned: {warning}. np.exp(-z) overflows for very "
                         "negative z (e^1000 is too big for a float). Make the exponent never positive: with "
                         "e = np.exp(-np.abs(z)), σ(z) = 1/(1+e) where z ≥ 0 and e/(1+e) where z < 0 "
                         "(np.where picks between them).", warning=messages[0]))
    if not close(got, sigmoid_solution(extremes), rtol=1e-9, atol=1e-12):
        raise Problem(tr("At z = ±1000 σ(z) should be (almost exactly) 0 and 1; yours gives {low:.6g} and "
                         "{high:.6g}.", low=got[0], high=got[-1]))
    # One number as a 0-d array (the exercise asks for arrays, so never a plain float): a function that
    # cannot take a 0-d array at all (len(z), z[mask] on some NumPy versions) is not wrong for it.
    try:
        single = run(fn, np.array(0.0))
    except Problem as problem:
        if problem.error is None:
            raise
    else:
        try:
            got = numbers(single, what="σ(0)")
            single = number(got.ravel()[0] if got.size == 1 else got, what="σ(0)")
        except Problem as problem:
            raise Problem(tr("For a single number, σ(0) should be 0.5: {hint}", hint=problem.hint)) from None
        if not close(single, 0.5):
            raise Problem(tr("For a single number, σ(0) should be 0.5; yours gives {got}.",
                             got=pair(0.5, single)[1]))
    return correct(_("σ works on whole arrays and never overflows: σ(0) = 0.5, σ(−1000) = 0, σ(1000) = 1."))


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


_SHAPE_ERRORS = ("matmul", "shapes", "broadcast", "aligned", "dimension")


@check("layer_forward(W, a, b)")
def check_layer_forward(fn):
    """Check fn(W, a, b) = sigma(W a + b): W (n_out, n_in), a (n_in,), b (n_out,) -> (n_out,)."""
    for W, a, b in _layer_cases():
        shapes = tr("W has shape {W}, a {a}, b {b}", W=W.shape, a=a.shape, b=b.shape)
        expected = sigmoid(W @ a + b)
        try:
            result = run(fn, W, a, b)
        except Problem as problem:
            if problem.mentions(*_SHAPE_ERRORS):
                raise Problem(tr("A shape error ({detail}.) Here {shapes}. Row j of W holds the weights INTO "
                                 "neuron j, so W @ a (not W.T @ a, and not the element-wise W * a) gives the {n} "
                                 "weighted sums.", detail=problem.detail, shapes=shapes, n=W.shape[0])) from None
            raise
        got = numbers(result, expected.shape, what="σ(W a + b)", enforce_shape=False)
        if got.shape != expected.shape:
            if got.size == expected.size and close(got.ravel(), expected):
                raise Problem(tr("The numbers are right but the shape is {shape}; return a flat vector of shape "
                                 "{expected}, like a and b (use W @ a, not W @ a.reshape(-1, 1)).", shape=got.shape,
                                 expected=expected.shape))
            if got.shape == W.shape:
                raise Problem(_("You got a matrix back: W * a multiplies element by element. "
                                "The weighted sums are the matrix-vector product W @ a."))
            raise Problem(tr("Here {shapes}; σ(W a + b) should have shape {expected}, yours has {yours}.",
                             shapes=shapes, expected=expected.shape,
                             yours=_("one number") if got.ndim == 0 else got.shape))
        if close(got, expected, rtol=1e-7, atol=1e-12):
            continue
        slips = {
            _("You forgot the bias: z = W a + b, then σ(z)."): sigmoid(W @ a),
            _("You forgot σ: the layer's activations are σ(W a + b), squashed into (0, 1)."): W @ a + b,
            _("The bias goes inside σ: σ(W a + b), not σ(W a) + b."): sigmoid(W @ a) + b,
            _("The bias is added, not subtracted: z = W a + b."): sigmoid(W @ a - b),
        }
        if W.shape[0] == W.shape[1]:        # only a square W lets the transpose run without a shape error
            slips[_("You used W.T (the transpose). Row j of W holds the weights INTO neuron j, so the weighted "
                    "sum of neuron j is row j times a: W @ a.")] = sigmoid(W.T @ a + b)
        mistake(got, slips)
        first, want_text, got_text = worst_entry(got, expected, rtol=1e-7)
        raise Problem(tr("For W of shape {W}, a {a}, b {b}: neuron {neuron}'s activation should be {want}; yours "
                         "gives {got}. Compute z = W @ a + b first, then the sigmoid of z.", W=W.shape, a=a.shape,
                         b=b.shape, neuron=first, want=want_text, got=got_text))
    return correct(_("a^(1) = σ(W a^(0) + b): one matrix-vector product, one vector addition, σ on each "
                     "component."))


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
        (weights, _("You counted only the weights. Every neuron after the input layer also has its own bias.")),
        (biases, _("You counted only the biases. There is also one weight per connection: n_in × n_out "
                   "between each pair of neighbouring layers.")),
        (weights + sum(sizes), _("The input layer has no biases: its activations are the pixels themselves. "
                                 "Count a bias for every neuron of the later layers only.")),
        (weights + len(sizes) - 1, _("Every neuron has its own bias, not one bias per layer: "
                                     "a layer of 16 neurons has 16 biases.")),
        (sizes[0] * sizes[1] + biases, _("You counted the weights of the first layer only. Every pair of "
                                         "neighbouring layers is fully connected: add n_in × n_out for each pair.")),
        (sizes[0] * sizes[1] + sizes[1], _("You counted the first layer only (its weights and biases). Add the "
                                           "weights and biases of every later layer too.")),
        (int(np.prod(sizes)) + biases, _("Weights connect neighbouring layers only: multiply each pair of "
                                         "neighbours (784·16, 16·16, 16·10) and add, rather than multiplying all "
                                         "the sizes.")),
        (int(np.prod(sizes)), _("Weights connect neighbouring layers only: multiply each pair of neighbours "
                                "(784·16, 16·16, 16·10), add, and then add one bias per non-input neuron.")),
    ]


@check("count_parameters(sizes)")
def check_count_parameters(fn):
    """Check fn(sizes) = total weights + biases, on the videos' [784, 16, 16, 10] (13,002) and other sizes."""
    results = {}
    for sizes in _PARAMETER_CASES:
        try:
            results[tuple(sizes)] = number(run(fn, list(sizes)), what=_("the number of parameters"))
        except Problem as problem:
            if problem.kind == "empty":
                raise
            raise Problem(tr("For sizes {sizes}: {hint}", sizes=sizes, hint=problem.hint)) from None
    if all(results[tuple(s)] == count_parameters_solution(s) for s in _PARAMETER_CASES):
        return correct(tr("[784, 16, 16, 10] has {count:,} parameters — “almost exactly 13,000”, as V1 says.",
                          count=count_parameters_solution([784, 16, 16, 10])))
    wrong = [_wrong_counts(s) for s in _PARAMETER_CASES]
    for k, (_count, hint) in enumerate(wrong[0]):
        if all(results[tuple(s)] == wrong[i][k][0] for i, s in enumerate(_PARAMETER_CASES)):
            raise Problem(hint)
    if results[(784, 16, 16, 10)] == count_parameters_solution([784, 16, 16, 10]):
        bad = next(s for s in _PARAMETER_CASES if results[tuple(s)] != count_parameters_solution(s))
        raise Problem(tr("13,002 for the videos' network is right, but for sizes {sizes} you return {got}. Count "
                         "from the list you are given, for any number of layers (no numbers typed in).", sizes=bad,
                         got=pair(count_parameters_solution(bad), results[tuple(bad)])[1]))
    raise Problem(tr("For [784, 16, 16, 10] you return {got}. A small case to check by hand: [2, 3, 1] has "
                     "2·3 + 3·1 = 9 weights and 3 + 1 = 4 biases, 13 in all.",
                     got=pair(13002, results[(784, 16, 16, 10)])[1]))
