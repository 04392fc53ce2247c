"""Lesson 04: backpropagation calculus, exercises with self-checks.

Every check compares your function with ours on a few seeded cases and, when
they differ, with the usual slips (a missing sigma', a missing factor 2, a sign,
a transpose, a sum instead of a mean) to say which one it looks like.
"""

from functools import cache

import numpy as np

from ..core.activations import sigmoid, sigmoid_prime
from ..core.gradcheck import flatten, numerical_gradient, relative_error
from ..core.languages import _, tr
from ..core.network import Network
from ._core import (
    Problem,
    array_list,
    check,
    close,
    correct,
    describe,
    differs,
    frozen,
    mistake,
    numbers,
    reference,
    run,
    sentences,
    shape_slip,
    swapped_pair,
    worst_entry,
)

__all__ = ["check_chain_derivatives", "check_output_delta", "check_backprop_delta",
           "check_parameter_gradients", "check_backprop"]


# ----- 1. the chain of single neurons -------------------------------------------------

@reference("chain_derivatives")
def chain_derivatives(a_prev, w, b, y):
    z = w * a_prev + b
    a = 1 / (1 + np.exp(-z))
    dC_da = 2 * (a - y)                  # C0 = (a - y)^2
    da_dz = a * (1 - a)                  # sigma'(z)
    return a_prev * da_dz * dC_da, 1 * da_dz * dC_da, w * da_dz * dC_da


@check("chain_derivatives(a_prev, w, b, y)")
def check_chain_derivatives(fn):
    """fn(a_prev, w, b, y) -> (dC0/dw, dC0/db, dC0/da_prev) for C0 = (sigma(w a_prev + b) - y)^2.

    Any sequence of three numbers is accepted: a tuple, a list or a NumPy array.
    """
    names = ("dC0/dw", "dC0/db", "dC0/da_prev")
    for a_prev, w, b, y in [(0.8, 1.5, -0.5, 1.0), (0.3, -2.0, 0.7, 0.0), (0.55, 0.9, 0.2, 0.25)]:
        right = np.array(chain_derivatives(a_prev, w, b, y))
        try:
            result = run(fn, a_prev, w, b, y)
            answer = numbers(result, (3,), what=_("the answer"))
        except Problem as problem:
            if problem.error is not None or problem.kind == "empty":
                raise
            raise Problem(sentences(_("Return three numbers, in this order: (dC0/dw, dC0/db, dC0/da_prev)."),
                                    problem.hint)) from None
        if close(answer, right):
            continue
        a = float(sigmoid(w * a_prev + b))
        g = 2 * (a - y)
        if close(answer[:2], right[:2]) and close(answer[2], right[0]):
            raise Problem(_("dC0/dw and dC0/db are right, but dC0/da_prev is not: dz/da_prev = w "
                            "(the weight), not a_prev."))
        if close(answer[0], right[1]) and close(answer[1], right[0]):
            raise Problem(_("dC0/dw and dC0/db are swapped: dz/dw = a_prev and dz/db = 1."))
        mistake(answer, {
            _("Each derivative is missing the middle factor sigma'(z) = a (1 - a): the nudge reaches "
              "the cost only through the sigmoid."): np.array([a_prev * g, g, w * g]),
            _("All three are half the right size: the derivative of (a - y)^2 is 2 (a - y), not (a - y)."):
                0.5 * right,
            _("The signs are flipped: dC0/da = 2 (a - y), with a first (if a is above the target, raising a "
              "raises the cost)."): -right,
        }, rtol=1e-9)
        first, want_text, got_text = worst_entry(answer, right)
        raise Problem(tr("For a_prev={a_prev}, w={w}, b={b}, y={y}, {name} should be {want}; yours gives {got}. "
                         "Write the three factors dz/dp, da/dz, dC0/da separately and multiply them.",
                         a_prev=a_prev, w=w, b=b, y=y, name=names[first], want=want_text, got=got_text))
    return correct(_("Each derivative is dz/dp · σ′(z) · 2(a − y), with dz/dw = a_prev, dz/db = 1, "
                     "dz/da_prev = w."))


# ----- 2. BP1 ------------------------------------------------------------------------

def _right_numbers_in_another_shape(answer, right):
    """Problem when answer holds the right numbers as a column (n, 1) or row (1, n) instead of flat (n,)."""
    if answer.size == right.size and shape_slip(answer.shape, right.shape) == "column" \
            and close(answer.ravel(), right, rtol=1e-7):
        raise Problem(tr("The numbers are right, but the shape is {shape}: return a flat vector of shape {expected}, "
                         "like the vectors you were given (a column comes from .reshape(-1, 1) or [:, None]; "
                         ".ravel() undoes it).", shape=answer.shape, expected=right.shape))


@reference("output_delta")
def output_delta(z, a, y):
    return 2 * (a - y) * sigmoid_prime(z)      # BP1 with the videos' cost: nabla_a C = 2 (a - y)


@check("output_delta(z, a, y)")
def check_output_delta(fn):
    """fn(z, a, y) -> delta^L = 2 (a - y) (.) sigma'(z) for one example (vectors of equal length)."""
    rng = np.random.default_rng(4)
    z = rng.normal(0, 2, size=10)
    a, y = sigmoid(z), np.eye(10)[3]
    right = output_delta(z, a, y)
    answer = numbers(run(fn, z, a, y), right.shape, what="delta^L", enforce_shape=False)
    if close(answer, right, rtol=1e-7):
        return correct(_("δ^L = 2(a − y) ⊙ σ′(z^L): the videos' cost. Nielsen's ½ cost would give "
                         "(a − y) ⊙ σ′(z^L)."))
    if answer.shape != right.shape:
        _right_numbers_in_another_shape(answer, right)
        if shape_slip(answer.shape, right.shape) == "column":
            raise Problem(differs(answer, right, "delta^L"))
        raise Problem(tr("delta^L has one entry per output neuron: shape {shape}; yours has {yours}. Use "
                         "element-wise *, not @.", shape=right.shape,
                         yours=_("one number") if answer.ndim == 0 else answer.shape))
    mistake(answer, {
        _("Half the right size: with the videos' cost C = Σ (a − y)², ∂C/∂a = 2(a − y). "
          "(The ½ in Nielsen's cost is what removes the 2.)"): (a - y) * sigmoid_prime(z),
        _("Missing ⊙ σ′(z^L): the output activation is σ(z), so the chain rule multiplies by σ′(z)."): 2 * (a - y),
        _("That is δ^L for the cross-entropy cost, where σ′ cancels. With the videos' quadratic cost "
          "it is 2(a − y) ⊙ σ′(z)."): a - y,
        _("The sign is flipped: 2(a − y), not 2(y − a)."): -right,
        _("σ′ must be taken at z, not at a: σ′(z) = σ(z)(1 − σ(z)) = a(1 − a)."): 2 * (a - y) * sigmoid_prime(a),
    })
    raise Problem(sentences(_("Compare with BP1: δ^L = ∇_a C ⊙ σ′(z^L), and ∇_a C = 2(a − y) here."),
                            differs(answer, right, "delta^L", rtol=1e-7)))


# ----- 3. BP2 ------------------------------------------------------------------------

@reference("backprop_delta")
def backprop_delta(W_next, delta_next, z):
    return (W_next.T @ delta_next) * sigmoid_prime(z)      # BP2, one example as vectors


@check("backprop_delta(W_next, delta_next, z)")
def check_backprop_delta(fn):
    """fn(W_next, delta_next, z) -> delta^l = ((W^(l+1))^T delta^(l+1)) (.) sigma'(z^l)."""
    rng = np.random.default_rng(5)
    W_next = rng.normal(size=(4, 6))            # 6 neurons in layer l, 4 in layer l+1
    delta_next, z = rng.normal(size=4), rng.normal(size=6)
    right = backprop_delta(W_next, delta_next, z)
    try:
        result = run(fn, W_next, delta_next, z)
    except Problem as problem:
        shapes = problem.broadcast_shapes()
        if any(len(shape) == 2 for shape in shapes):
            raise Problem(sentences(_("A matrix times a vector with * multiplies element by element. The sum over "
                                      "the neurons of layer l+1 is a matrix product: W_next.T @ delta_next."),
                                    problem.hint)) from None
        if set(shapes) == {z.shape, delta_next.shape}:
            raise Problem(sentences(tr("σ′(z^l) belongs to layer l ({n} neurons), delta_next to layer l+1 ({m}): "
                                       "multiply by σ′(z) only after W.T has carried delta back to layer l, "
                                       "(W_next.T @ delta_next) * sigmoid_prime(z).", n=len(z),
                                       m=len(delta_next)), problem.hint)) from None
        if problem.mentions("matmul", "shapes", "aligned"):
            raise Problem(sentences(_("The shapes do not fit: W^(l+1) is (neurons in l+1, neurons in l), so it is "
                                      "its transpose W.T that carries delta^(l+1) back to layer l."),
                                    problem.hint)) from None
        raise
    answer = numbers(result, right.shape, what="delta^l", enforce_shape=False)
    if close(answer, right, rtol=1e-7):
        return correct(_("δ^l = ((W^(l+1))ᵀ δ^(l+1)) ⊙ σ′(z^l): each neuron k sums w_jk δ_j over the neurons j it "
                         "feeds."))
    if answer.shape != right.shape:
        _right_numbers_in_another_shape(answer, right)
        if answer.shape == delta_next.shape:
            raise Problem(tr("delta^l has one entry per neuron of layer l: shape {shape}; yours has {yours}. Did you "
                             "use W instead of W.T (the transpose)?", shape=right.shape, yours=answer.shape))
        if answer.ndim == 2 and shape_slip(answer.shape, right.shape) != "column":     # * where @ was meant
            raise Problem(tr("delta^l has one entry per neuron of layer l: shape {shape}; yours has shape {yours}. "
                             "Use @ for W_next.T @ delta_next and * only for ⊙ σ′(z).", shape=right.shape,
                             yours=answer.shape))
        raise Problem(differs(answer, right, "delta^l"))
    mistake(answer, {
        _("Missing ⊙ σ′(z^l): the wish for a^l becomes a wish for z^l through the sigmoid's slope."):
            W_next.T @ delta_next,
        _("The sign is flipped."): -right,
        _("That is σ(z), not σ′(z): multiply by the sigmoid's slope σ′(z) = σ(z)(1 − σ(z))."):
            (W_next.T @ delta_next) * sigmoid(z),
    })
    raise Problem(sentences(_("Compare with BP2: first W.T @ delta_next, then multiply element-wise by σ′(z)."),
                            differs(answer, right, "delta^l", rtol=1e-7)))


# ----- 4. BP3 and BP4 ----------------------------------------------------------------

@reference("parameter_gradients")
def parameter_gradients(delta, a_prev):
    return delta, np.outer(delta, a_prev)      # BP3: dC/db_j = delta_j;  BP4: dC/dw_jk = a_prev_k delta_j


@check("parameter_gradients(delta, a_prev)")
def check_parameter_gradients(fn):
    """fn(delta, a_prev) -> (dC/db, dC/dW) for one layer and one example: BP3 and BP4."""
    rng = np.random.default_rng(6)
    delta, a_prev = rng.normal(size=3), rng.random(5)
    right_b, right_W = parameter_gradients(delta, a_prev)
    answer = run(fn, delta, a_prev)
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise Problem(tr("Return two arrays: (dC/db, dC/dW); your function returned {value}.",
                         value=describe(answer)))
    if swapped_pair(answer, right_b.shape, right_W.shape):
        raise Problem(_("The two are swapped: return (dC/db, dC/dW), the bias gradient first."))
    grad_b = numbers(answer[0], right_b.shape, what="dC/db")
    grad_W = numbers(answer[1], right_W.shape, what="dC/dW", enforce_shape=False)
    if not close(grad_b, right_b):
        raise Problem(sentences(_("dC/db is not right. BP3: ∂C/∂b_j = δ_j, because ∂z_j/∂b_j = 1."),
                                differs(grad_b, right_b, "dC/db")))
    if close(grad_W, right_W):
        return correct(_("∂C/∂w_jk = a_k^(l−1) δ_j^l: the outer product δ a_prevᵀ, shaped like W (to j, from k)."))
    if grad_W.shape == right_W.T.shape and close(grad_W.T, right_W):
        raise Problem(tr("Transposed: W has shape (neurons j, inputs k) = {shape}, so dC/dW = "
                         "np.outer(delta, a_prev), not np.outer(a_prev, delta).", shape=right_W.shape))
    if grad_W.ndim == 0:
        raise Problem(_("dC/dW must be a matrix shaped like W, one entry per weight: use np.outer, not a dot "
                        "product."))
    if grad_W.shape != right_W.shape:
        raise Problem(tr("dC/dW must be shaped like W, {shape} (one entry per weight); yours has shape {yours}.",
                         shape=right_W.shape, yours=grad_W.shape))
    raise Problem(sentences(_("BP4: ∂C/∂w_jk = a_k δ_j. Every weight's gradient is the activation it carries times "
                              "the delta of the neuron it feeds."), differs(grad_W, right_W, "dC/dW")))


# ----- 5. the whole of backpropagation -----------------------------------------------

def _backprop_variant(weights, biases, X, Y, factor=2.0, output_prime=True, hidden_prime=True, mean=True,
                      hidden_slope=sigmoid_prime):
    """Backpropagation for rows of examples, with switches that reproduce the usual slips."""
    activations, zs = [X], []
    for W, b in zip(weights, biases):
        zs.append(activations[-1] @ W.T + b)
        activations.append(sigmoid(zs[-1]))
    delta = factor * (activations[-1] - Y)
    if output_prime:
        delta = delta * sigmoid_prime(zs[-1])
    if mean:
        delta = delta / len(X)
    nabla_w, nabla_b = [None] * len(weights), [None] * len(biases)
    for l in reversed(range(len(weights))):
        nabla_w[l], nabla_b[l] = delta.T @ activations[l], delta.sum(axis=0)
        if l > 0:
            delta = delta @ weights[l]
            if hidden_prime:
                delta = delta * hidden_slope(zs[l - 1])
    return nabla_w, nabla_b


@reference("backprop")
def backprop(weights, biases, X, Y):
    # The forward pass (given in the lesson): one example per ROW of X (n, n_in) and Y (n, n_out).
    activations, zs = [X], []
    for W, b in zip(weights, biases):
        zs.append(activations[-1] @ W.T + b)
        activations.append(sigmoid(zs[-1]))
    n = len(X)
    nabla_w, nabla_b = [None] * len(weights), [None] * len(biases)
    delta = 2 * (activations[-1] - Y) * sigmoid_prime(zs[-1]) / n       # blank 1, BP1 (÷ n: the mean)
    for l in reversed(range(len(weights))):                             # weights[l] is W^(l+1)
        nabla_b[l] = delta.sum(axis=0)                                   # blank 2, BP3 (summed over the rows)
        nabla_w[l] = delta.T @ activations[l]                            # blank 3, BP4 (one matrix product)
        if l > 0:
            delta = (delta @ weights[l]) * sigmoid_prime(zs[l - 1])      # blank 4, BP2 (back to layer l)
    return nabla_w, nabla_b


# The four numbered blanks of the lesson's skeleton and the equation each one holds.
BLANKS = {1: "BP1", 2: "BP3", 3: "BP4", 4: "BP2"}


def _blank(number):
    """"blank 2 (BP3)", in the lesson's language."""
    return tr("blank {number} ({equation})", number=number, equation=BLANKS[number])


def _failing_loop_index(error, fn):
    """The loop variable `l` of the learner's function where `error` was raised, or None if it cannot be read."""
    code = getattr(fn, "__code__", None)
    tb = getattr(error, "__traceback__", None)
    while tb is not None:
        if tb.tb_frame.f_code is code:
            value = tb.tb_frame.f_locals.get("l")
            return value if isinstance(value, int) else None
        tb = tb.tb_next
    return None


def _unfilled_delta(problem, fn, layers):
    """Problem naming the blank whose `...` was used as delta (blank 1 in the first pass, blank 4 later), or None."""
    if problem.error is None or "ellipsis" not in str(problem.error).lower():
        return None
    l = _failing_loop_index(problem.error, fn)
    if l == layers - 1:
        return Problem(tr("delta is still `...` in the first pass of the loop: fill {blank} first, δ^(L) = "
                          "2(a − y) ⊙ σ′(z^(L)) for every row, divided by n.", blank=_blank(1)))
    if l is not None:
        return Problem(tr("Blank 1 works: the last layer went through. Then delta became `...`: fill {blank}, "
                          "which carries delta back one layer.", blank=_blank(4)))
    return Problem(tr("delta is still `...` when it is used: fill {first} and {second}.",
                      first=_blank(1), second=_blank(4)))


def _unfilled_blanks(answer):
    """The blanks (2, 3) still holding `...` or None in a returned (nabla_w, nabla_b), as a Problem, or None."""
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return None
    empty = []
    for number, part in ((3, answer[0]), (2, answer[1])):
        if isinstance(part, (list, tuple)) and any(item is None or item is Ellipsis for item in part):
            empty.append(number)
    if not empty:
        return None
    names = _(" and ").join(_blank(number) for number in sorted(empty))
    return Problem(tr("Some gradients are still `...`: fill {names} (and blanks 1 and 4 if they are still `...` "
                      "too).", names=names), kind="part missing")


def _which_equation(nabla_w, nabla_b, right_w, right_b):
    """Which blank is wrong, read from the layers, last first: the last layer's bias gradient is δ^(L) summed (BP1,
    BP3), its weight gradient adds BP4; an earlier layer that goes wrong after a right last layer is BP2's fault."""
    last = len(right_w) - 1

    def ok(mine, right):
        return close(mine, right, rtol=1e-6, atol=1e-12)

    if not ok(nabla_b[last], right_b[last]):
        if ok(nabla_w[last], right_w[last]):
            return Problem(tr("The last layer's weight gradients are right, so δ^(L) is right, but its bias "
                              "gradients are not: check {blank}, ∂C/∂b = δ summed over the rows (axis 0).",
                              blank=_blank(2)))
        return Problem(tr("The last layer's gradients are already wrong, so δ^(L) is: check {blank}, "
                          "δ^(L) = 2(a − y) ⊙ σ′(z^(L)) / n, with a = activations[-1] and z = zs[-1].",
                          blank=_blank(1)))
    if not ok(nabla_w[last], right_w[last]):
        return Problem(tr("δ^(L) is right (the last layer's bias gradients are), but its weight gradients are not: "
                          "check {blank}, ∂C/∂W^(l+1) = delta.T @ activations[l], the activations that feed the "
                          "layer.", blank=_blank(3)))
    for l in reversed(range(last)):
        if not ok(nabla_b[l], right_b[l]):
            return Problem(tr("The last layer is right, but layer {layer}'s δ is not: check {blank}, "
                              "δ^(l) = (delta @ weights[l]) ⊙ σ′(zs[l − 1]).", layer=l + 1, blank=_blank(4)))
        if not ok(nabla_w[l], right_w[l]):
            return Problem(tr("Layer {layer}'s δ is right but its weight gradients are not: check {blank}, "
                              "delta.T @ activations[l].", layer=l + 1, blank=_blank(3)))
    return None


@cache
def _backprop_case():
    """A small 6-5-4-3 network, seven examples, and the gradient by finite differences."""
    rng = np.random.default_rng(8)
    net = Network([6, 5, 4, 3], seed=8)
    X, labels = rng.random((7, 6)), rng.integers(0, 3, size=7)
    numeric = flatten(*numerical_gradient(net, X, labels))
    return frozen(net.weights, net.biases, X, np.eye(3)[labels], numeric)


@check("backprop(weights, biases, X, Y)")
def check_backprop(fn):
    """fn(weights, biases, X, Y) -> (nabla_w, nabla_b), checked against finite differences to < 1e-7.

    The lesson gives the forward pass and four numbered blanks (1) BP1, (2) BP3, (3) BP4, (4) BP2; a wrong answer
    is told which blank (which equation) to look at.
    """
    weights, biases, X, Y, numeric = _backprop_case()
    try:
        answer = run(fn, weights, biases, X, Y)
    except Problem as problem:
        unfilled = _unfilled_delta(problem, fn, len(weights))
        if unfilled is not None:
            raise unfilled from None
        shapes = problem.broadcast_shapes()
        layer_sizes = {(len(X), n) for n in [W.shape[1] for W in weights] + [W.shape[0] for W in weights]}
        if len(shapes) >= 2 and set(shapes[:2]) <= layer_sizes:
            raise Problem(sentences(_("Two layers' arrays were multiplied element by element: σ′(z^l) has layer l's "
                                      "shape (n, neurons of l), so it multiplies delta only after delta has been "
                                      "carried back to layer l: delta = (delta @ W^(l+1)) * σ′(z^l)."),
                                    problem.hint)) from None
        if problem.mentions("matmul", "shapes", "aligned"):
            raise Problem(sentences(_("The shapes do not fit. Rows of X are examples: Z = A @ W.T + b going "
                                      "forward, delta @ W going back (that is (Wᵀ δ) for each row), and delta.T @ A "
                                      "for BP4."), problem.hint)) from None
        raise
    unfilled = _unfilled_blanks(answer)
    if unfilled is not None:
        raise unfilled
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise Problem(tr("Return (nabla_w, nabla_b): two lists with one array per layer; your function returned "
                         "{value}.", value=describe(answer)))
    shapes_w, shapes_b = [W.shape for W in weights], [b.shape for b in biases]
    if swapped_pair(answer, shapes_w, shapes_b):
        raise Problem(_("The two lists are swapped: return (nabla_w, nabla_b), the weight gradients first (as "
                        "Network.backprop does)."))
    try:
        nabla_w = array_list(answer[0], shapes_w, what="nabla_w")
        nabla_b = array_list(answer[1], shapes_b, what="nabla_b")
    except Problem as problem:
        if problem.kind == "layer shapes" and problem.slip == "transposed":
            raise Problem(sentences(problem.hint, _("A transpose is missing somewhere (delta.T @ A for BP4)."))) \
                from None
        raise
    error = relative_error(flatten(nabla_w, nabla_b), numeric)
    if error < 1e-7:
        return correct(tr("Relative error against finite differences: {error:.1e} (we ask for < 1e-7).", error=error))
    slips = {
        (1, _("You summed over the examples instead of averaging: the cost is the MEAN over the batch, so divide "
              "by n.")): dict(mean=False),
        (1, _("Everything is half the right size: with the videos' cost, ∂C/∂a = 2(a − y).")): dict(factor=1.0),
        (1, _("Missing σ′(z^L) in BP1: δ^L = 2(a − y) ⊙ σ′(z^L).")): dict(output_prime=False),
        (4, _("Missing σ′(z^l) in BP2: δ^l = (δ^(l+1) @ W^(l+1)) ⊙ σ′(z^l).")): dict(hidden_prime=False),
        (4, _("That is σ(z^l), not σ′(z^l): BP2 multiplies by the sigmoid's slope, sigmoid_prime(zs[l - 1]).")):
            dict(hidden_slope=sigmoid),
        (1, _("The sign is flipped: δ^L = 2(a − y) ⊙ σ′(z), with a first.")): dict(factor=-2.0),
    }
    mine = flatten(nabla_w, nabla_b)
    for (blank, hint), switches in slips.items():
        if relative_error(mine, flatten(*_backprop_variant(weights, biases, X, Y, **switches))) < 1e-7:
            raise Problem(tr("Blank {number} ({equation}): {hint}", number=blank, equation=BLANKS[blank], hint=hint))
    right_w, right_b = backprop(weights, biases, X, Y)
    located = _which_equation(nabla_w, nabla_b, right_w, right_b)
    if located is not None:
        raise Problem(sentences(located.hint, tr("(Relative error against finite differences: {error:.1e}.)",
                                                 error=error)))
    raise Problem(tr("Relative error against finite differences is {error:.1e} (we ask for < 1e-7). Check each "
                     "line against BP1–BP4, and check_output_delta / check_backprop_delta above.", error=error))
