"""Lesson 03 (what backpropagation is really doing): exercises.

    check_output_nudges(fn)     fn(a, label) -> y - a, the ten output wishes of one example
    check_hidden_wish(fn)       fn(W, output_wishes, sigma_prime_z) -> W.T @ (output_wishes * sigma_prime_z)
    check_average_gradient(fn)  fn(net, X, y) -> the average of the examples' own gradients

A wish, as the lesson defines it, is -1/2 times a derivative of one example's cost
C_0 = sum_j (a_j - y_j)^2; for an output neuron that is simply y_j - a_j.
"""

from functools import cache

import numpy as np

from ..core.data import load_digits
from ..core.languages import _, tr
from ..core.network import Network
from ._core import (
    Problem,
    array_list,
    check,
    close,
    correct,
    describe,
    frozen,
    mistake,
    numbers,
    reference,
    run,
    sentences,
    swapped_pair,
    worst_entry,
)

__all__ = ["check_output_nudges", "check_hidden_wish", "check_average_gradient"]


# ----- 1. the output wishes --------------------------------------------------------------------

@reference("output_nudges")
def output_nudges(a, label):
    y = np.zeros(10)
    y[label] = 1.0          # the one-hot target: 1 for the right digit, 0 for the nine others
    return y - a            # up for the right digit, down for the others, each as far as it is off


@check("output_nudges(a, label)")
def check_output_nudges(fn):
    """fn(a, label) must return the vector y - a: y is the one-hot target of `label`, a the ten outputs."""
    rng = np.random.default_rng(3)
    for label in (2, 7, 0):
        a = rng.uniform(0.02, 0.98, 10)
        y = np.eye(10)[label]
        expected = y - a
        got = numbers(run(fn, a, label), (10,), what=_("the ten wishes"), enforce_shape=False)
        if close(got, expected):
            continue
        mistake(got, {
            _("The sign is flipped: you returned a − y. A wish points where the neuron should go: up (positive) for "
              "the right digit, whose target is 1, down for the others: y − a."): a - y,
            _("You returned 2(y − a). That is −∂C₀/∂a (lesson 04), but this lesson defines the wish without the 2: "
              "return y − a."): 2 * expected,
            _("It looks like y is not one-hot. The target for a label is ten numbers: 1 at position `label` and 0 "
              "everywhere else (e.g. y = np.zeros(10); y[label] = 1, or np.eye(10)[label])."): label - a,
            _("It looks like y is not one-hot: you left it at 0. The target for a label is ten numbers: 1 at "
              "position `label` and 0 everywhere else (e.g. y = np.zeros(10); y[label] = 1, or "
              "np.eye(10)[label])."): -a,
            _("Your wishes have lost their sign: squaring says how far, but not which way. Return y − a."):
                expected ** 2,
            _("Your wishes have lost their sign: the absolute value says how far, but not which way. Return y − a."):
                np.abs(expected),
        }, rtol=1e-9)
        if got.shape != (10,):
            raise Problem(tr("Return one wish per output neuron: a vector of shape (10,), not {yours}.",
                             yours=_("one number") if got.ndim == 0 else got.shape))
        first, want_text, got_text = worst_entry(got, expected)
        raise Problem(tr("For label {label} and a = {a}, the wish of output {output} should be {want}; yours gives "
                         "{got}.", label=label, a=np.round(a, 2), output=first, want=want_text, got=got_text))
    return correct(_("The right digit's neuron wishes to go up by 1 − a, the nine others down by their a."))


# ----- 2. one hidden layer's summed wishes -----------------------------------------------------

@reference("hidden_wish")
def hidden_wish(W, output_wishes, sigma_prime_z):
    # output j moves by sigma'(z_j) per unit of z_j, and z_j by w_jk per unit of a_k:
    # neuron k's wish adds up w_jk * sigma'(z_j) * wish_j over every output j
    return W.T @ (output_wishes * sigma_prime_z)


def _hidden_case(rng, n_out, n_hidden):
    W = rng.normal(0.0, 1.0, (n_out, n_hidden))
    a = rng.uniform(0.02, 0.98, n_out)
    wishes = np.eye(n_out)[1] - a
    return W, wishes, a * (1 - a)


def _brackets():
    return _("σ′(z) belongs to the output neurons: multiply each output's wish by it BEFORE the sum over the "
             "outputs, W.T @ (output_wishes * sigma_prime_z). Mind the brackets: @ and * are done left to right, so "
             "W.T @ output_wishes * sigma_prime_z multiplies after the sum.")


@check("hidden_wish(W, output_wishes, sigma_prime_z)")
def check_hidden_wish(fn):
    """fn(W, output_wishes, sigma_prime_z) -> W.T @ (output_wishes * sigma_prime_z), one wish per hidden neuron."""
    rng = np.random.default_rng(5)
    # A square W first: there W @ v runs without an error, so a missing transpose shows as wrong numbers.
    for n_out, n_hidden in ((10, 10), (10, 16)):
        W, wishes, sp = _hidden_case(rng, n_out, n_hidden)
        expected = W.T @ (wishes * sp)
        try:
            result = run(fn, W, wishes, sp)
        except Problem as problem:
            if set(problem.broadcast_shapes()) == {(n_hidden,), (n_out,)}:
                raise Problem(sentences(_brackets(), problem.hint)) from None
            if problem.mentions("matmul", "shapes", "broadcast", "aligned"):
                raise Problem(tr("{hint} — W has one row per output neuron (10) and one column per hidden neuron "
                                 "(16); to collect over the outputs use W.T.", hint=problem.hint)) from None
            raise
        got = numbers(result, (n_hidden,), what=_("the hidden wishes"), enforce_shape=False)
        if close(got, expected):
            continue
        contributions = W * (wishes * sp)[:, None]          # [j, k]: what output j asks of neuron k
        mistake(got, {
            _("Use W.T, not W: w_jk is the weight TO output j FROM hidden neuron k, so row j of W holds output j's "
              "weights. Neuron k's wish collects column k of W: that is W.T @ (...)."): W @ (wishes * sp),
            _("You forgot σ′(z): an output neuron only moves as much as its sigmoid lets it. Multiply each output's "
              "wish by sigma_prime_z before adding them up."): W.T @ wishes,
            _brackets(): (W.T @ wishes) * sp,
            _("The sign is flipped: the wishes already point where each output should go, so add them up as they "
              "are: W.T @ (output_wishes * sigma_prime_z)."): -expected,
            _("There is an extra factor 2: the output wishes y − a are already the lesson's wishes; no 2 is needed "
              "here."): 2 * expected,
            _("You added up along the wrong axis: that sums over the hidden neurons k, one number per output. "
              "Neuron k's wish sums over the outputs j, axis 0 of W: W.T @ (...) does it."):
                contributions.sum(axis=1),
            _("These are the separate contributions w_jk σ′(z_j)(y_j − a_j). Add them up over the output neurons "
              "j, to get one summed wish per hidden neuron."): contributions,
            _("These are the separate contributions w_jk σ′(z_j)(y_j − a_j), transposed. Add them up over the "
              "output neurons j, to get one summed wish per hidden neuron."): contributions.T,
        }, rtol=1e-9)
        if got.shape != (n_hidden,):
            raise Problem(tr("Return one summed wish per hidden neuron: shape ({n},), not {yours}.", n=n_hidden,
                             yours=_("one number") if got.ndim == 0 else got.shape))
        first, want_text, got_text = worst_entry(got, expected)
        raise Problem(tr("Hidden neuron {neuron}'s wish should be {want}; yours gives {got}. Check each factor of "
                         "W.T @ (output_wishes * sigma_prime_z): the weight w_jk, σ′(z_j), and the output's wish.",
                         neuron=first, want=want_text, got=got_text))
    return correct(_("Each hidden neuron's wish is the sum of what every output asks of it."))


# ----- 3. averaging the examples' gradients ----------------------------------------------------

@reference("average_gradient")
def average_gradient(net, X, y):
    n = len(X)
    total_w = [np.zeros_like(W) for W in net.weights]
    total_b = [np.zeros_like(b) for b in net.biases]
    for i in range(n):
        nabla_w, nabla_b = net.gradient(X[i:i + 1], y[i:i + 1])   # one example: the gradient of its own C_x
        for total, g in zip(total_w, nabla_w):
            total += g
        for total, g in zip(total_b, nabla_b):
            total += g
    return [t / n for t in total_w], [t / n for t in total_b]


def _as_pair(result, net):
    """(nabla_w, nabla_b) as lists of float arrays shaped like net's, or Problem."""
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise Problem(tr("Return two lists, like net.gradient does: (nabla_w, nabla_b), one array per layer in "
                         "each; your function returned {value}.", value=describe(result)))
    shapes_w, shapes_b = [W.shape for W in net.weights], [b.shape for b in net.biases]
    if swapped_pair(result, shapes_w, shapes_b):
        raise Problem(_("The two lists are swapped: return (nabla_w, nabla_b), the weight gradients first, as "
                        "net.gradient does."))
    if isinstance(result[1], (list, tuple)) and [np.shape(g) for g in result[1]] == shapes_w:
        raise Problem(_("Both lists hold weight-shaped arrays; the second must hold the bias gradients."))
    return (array_list(result[0], shapes_w, what=_("nabla_w (the weight gradients)")),
            array_list(result[1], shapes_b, what=_("nabla_b (the bias gradients)")))


def _largest_gap(a, b):
    return max(float(np.max(np.abs(x - y))) for x, y in zip(a[0] + a[1], b[0] + b[1]))


def _watched(net):
    """A copy of net whose gradient calls are recorded: (copy, list of the X each call was given).

    The record lives in a subclass, not on the instance, so it survives the deep copy
    the skeleton makes before handing the network to the learner's function.
    """
    seen = []

    class Watched(type(net)):
        def cost_and_gradient(self, X, y):      # gradient() comes here too
            seen.append(np.atleast_2d(np.array(X, dtype=float)))
            return super().cost_and_gradient(X, y)

    given = net.copy()
    given.__class__ = Watched
    return given, seen


def _per_example_problem(X, seen):
    """A hint when the learner's function did not take every example's own gradient, else None."""
    alone = {batch[0].tobytes() for batch in seen if len(batch) == 1}
    covered = sum(row.tobytes() in alone for row in X)
    if covered == len(X):
        return None
    whole = sum(len(batch) == len(X) for batch in seen)
    if whole:
        asked = tr("you asked net.gradient for the whole batch at once ({n} times)", n=whole) if whole > 1 else \
            _("you asked net.gradient for the whole batch at once")
    elif not seen:
        asked = _("your function never called net.gradient")
    else:
        asked = tr("only {covered} of the {n} examples had a gradient of their own", covered=covered, n=len(X))
    return tr("Those are the right numbers, but not from the examples' own gradients: {asked}. The exercise is "
              "the other way round: one example at a time, net.gradient(X[i:i+1], y[i:i+1]), then the average — "
              "and see that it matches the whole batch's gradient.", asked=asked)


@cache
def _average_case(n):
    """The first n training digits, the videos' network (seed 1) and its gradient on them."""
    (X, y), _test = load_digits()
    X, y = X[:n].copy(), y[:n].copy()
    net = Network([784, 16, 16, 10], seed=1)
    return frozen(X, y, net, net.gradient(X, y))


@check("average_gradient(net, X, y)")
def check_average_gradient(fn, n=12):
    """fn(net, X, y) must average the n examples' own gradients; compared with net.gradient(X, y) to 1e-12.

    The network handed to fn records its gradient calls: an answer that never takes one
    example's gradient at a time (e.g. the whole batch's gradient, averaged n times) is
    not accepted, even though its numbers are right.
    """
    X, y, net, expected = _average_case(n)
    given, seen = _watched(net)
    pair_ = _as_pair(run(fn, given, X, y), net)
    gap = _largest_gap(pair_, expected)
    if gap <= 1e-12:
        problem = _per_example_problem(X, seen)
        if problem:
            raise Problem(problem)
        return correct(tr("The average of the {n} examples' gradients equals net.gradient on the batch: the "
                          "largest difference is {gap:.1e}, rounding only.", n=n, gap=gap))

    def scaled(factor):
        return [g * factor for g in expected[0]], [g * factor for g in expected[1]]

    if _largest_gap(pair_, scaled(n)) <= 1e-10:
        raise Problem(tr("Your numbers are {n} times too big: you added the examples' gradients up. Divide the sum "
                         "by the number of examples, len(X), to average them.", n=n))
    if _largest_gap(pair_, scaled(1.0 / n)) <= 1e-12:
        raise Problem(tr("Your numbers are {n} times too small: you divided by the number of examples twice.", n=n))
    if _largest_gap(pair_, scaled(-1.0)) <= 1e-12:
        raise Problem(_("The sign is flipped: return the gradient itself (what net.gradient gives), not the "
                        "downhill direction −∇C."))
    last = net.gradient(X[-1:], y[-1:])
    if _largest_gap(pair_, last) <= 1e-12 or \
            _largest_gap(pair_, ([g / n for g in last[0]], [g / n for g in last[1]])) <= 1e-12:
        raise Problem(_("Only the last example's gradient survived: each pass of your loop replaced the total "
                        "instead of adding to it (use total += g, with totals that start at zero)."))
    raise Problem(tr("The numbers differ from net.gradient(X, y) by up to {gap:.2e}. Take each example's gradient "
                     "with net.gradient(X[i:i+1], y[i:i+1]), add them up layer by layer, and divide by len(X).",
                     gap=gap))
