"""Lesson 02 (gradient descent): exercises.

    check_example_cost(fn)   fn(a, label) -> sum_j (a_j - y_j)^2 with the one-hot target y
    check_descent_step(fn)   fn(w, learning_rate) -> w - learning_rate * C'(w) for C(w) = w^4 - 3w^2 + w + 3
    check_sgd_update(fn)     fn(weights, gradients, learning_rate) -> [W - learning_rate * G for each pair]
"""

import numpy as np

from ..core.languages import _, tr
from ._core import Problem, array_list, check, close, correct, mistake, numbers, pair, reference, run

__all__ = ["check_example_cost", "check_descent_step", "check_sgd_update"]


# ----- 1. the cost of one example ------------------------------------------------

@reference("example_cost")
def _example_cost(a, label):
    y = np.zeros(10)
    y[label] = 1.0                      # the one-hot target: 1 for the right digit, 0 elsewhere
    return np.sum((a - y) ** 2)


def _example_cases():
    rng = np.random.default_rng(2)
    return [(rng.random(10), int(label)) for label in (3, 0, 9, 7)]


@check("example_cost(a, label)")
def check_example_cost(fn):
    """Check fn(a, label) = sum over the ten outputs of (a_j - y_j)^2, y the one-hot target of `label`."""
    for a, label in _example_cases():
        expected = _example_cost(a, label)
        y = np.eye(10)[label]
        got = numbers(run(fn, a, label), (), what=_("the cost"), enforce_shape=False)
        if got.shape == (10,) and close(got, (a - y) ** 2):
            raise Problem(_("You returned the ten squared differences; add them up into one number."))
        if got.ndim != 0:
            raise Problem(tr("The cost is one number, but your function returned something of shape {shape}.",
                             shape=got.shape))
        if close(got, expected):
            continue
        mistake(got, {
            _("It looks like you forgot to square: add up (a_j − y_j)², not (a_j − y_j)."): np.sum(a - y),
            _("You added up |a_j − y_j|. The cost squares each difference: (a_j − y_j)²."): np.sum(np.abs(a - y)),
            _("You took a square root: the cost is the sum of squares itself, not the length of a − y."):
                np.sqrt(np.sum((a - y) ** 2)),
            _("You compared every output with the label itself. The target y is one-hot: "
              "y_j = 1 for the right digit and 0 for the other nine."): np.sum((a - label) ** 2),
            _("Your answer is half the cost: that is Nielsen's ½ convention. The video's cost (and ours) has no ½."):
                0.5 * expected,
            _("You took the mean over the ten outputs. The cost of one example is their SUM; "
              "the averaging comes later, over the training examples."): np.mean((a - y) ** 2),
        }, rtol=1e-9)
        want_text, got_text = pair(expected, got)
        raise Problem(tr("For outputs a = {a} and label {label} the cost should be {want}; yours gives {got}.",
                         a=np.round(a, 3), label=label, want=want_text, got=got_text))
    return correct(_("That is the cost of one example, Σⱼ (aⱼ − yⱼ)²."))


# ----- 2. one gradient-descent step on C(w) --------------------------------------

def _cost(w):
    return w ** 4 - 3 * w ** 2 + w + 3


def _slope(w):
    return 4 * w ** 3 - 6 * w + 1


@reference("descent_step")
def _descent_step(w, learning_rate):
    slope = 4 * w ** 3 - 6 * w + 1      # C'(w) for C(w) = w^4 - 3w^2 + w + 3
    return w - learning_rate * slope     # step against the slope: downhill


@check("descent_step(w, learning_rate)")
def check_descent_step(fn):
    """Check fn(w, learning_rate) = w - learning_rate * C'(w) with C'(w) = 4w^3 - 6w + 1."""
    for w, eta in ((2.0, 0.05), (-0.7, 0.1), (1.3, 0.02), (0.4, 0.15)):
        expected = _descent_step(w, eta)
        got = numbers(run(fn, w, eta), (), what=_("the new w"), enforce_shape=False)
        if got.ndim != 0:
            raise Problem(tr("The new w is one number, but your function returned something of shape {shape}.",
                             shape=got.shape))
        if close(got, expected):
            continue
        mistake(got, {
            _("Your step goes uphill: the sign is flipped. Gradient descent steps AGAINST the slope, w − η·C'(w)."):
                w + eta * _slope(w),
            _("You stepped by the cost C(w) itself. The step uses the slope C'(w) = 4w³ − 6w + 1."):
                w - eta * _cost(w),
            _("You forgot the learning rate: multiply the slope by η before stepping."): w - _slope(w),
            _("You returned only the step −η·C'(w). Return the new position: w plus that step."): -eta * _slope(w),
            _("You returned the size of the step. Return the new position w − η·C'(w)."): eta * _slope(w),
            _("Close: your slope misses the +1. The derivative of w⁴ − 3w² + w + 3 is 4w³ − 6w + 1."):
                w - eta * (4 * w ** 3 - 6 * w),
        }, rtol=1e-9)
        want_text, got_text = pair(expected, got)
        raise Problem(tr("From w = {w} with η = {eta} the step should land on {want}; yours gives {got}.",
                         w=w, eta=eta, want=want_text, got=got_text))
    return correct(_("Each call takes one step downhill: w ← w − η·C'(w)."))


# ----- 3. the SGD update for a list of weight arrays ------------------------------

@reference("sgd_update")
def _sgd_update(weights, gradients, learning_rate):
    return [W - learning_rate * G for W, G in zip(weights, gradients)]


def _sgd_cases():
    rng = np.random.default_rng(5)
    for sizes, eta in (([6, 4, 3], 0.5), ([5, 3, 3, 2], 1.5)):
        weights = [rng.standard_normal((n_out, n_in)) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
        gradients = [rng.standard_normal(W.shape) for W in weights]
        yield weights, gradients, eta


@check("sgd_update(weights, gradients, learning_rate)")
def check_sgd_update(fn):
    """Check fn(weights, gradients, learning_rate) -> a new list [W - learning_rate * G for each pair]."""
    for weights, gradients, eta in _sgd_cases():
        expected = _sgd_update(weights, gradients, eta)
        got = array_list(run(fn, weights, gradients, eta), [W.shape for W in weights], what=_("the new weights"))
        if all(close(R, E) for R, E in zip(got, expected)):
            continue
        mistake(got, {
            _("The sign is flipped: W + η·G climbs uphill. Step against the gradient, W − η·G."):
                [W + eta * G for W, G in zip(weights, gradients)],
            _("You forgot the learning rate: subtract η·G, not G."): [W - G for W, G in zip(weights, gradients)],
        }, rtol=1e-9)
        updated = [close(R, E) for R, E in zip(got, expected)]
        unchanged = [close(R, W) for R, W in zip(got, weights)]
        if any(updated) and all(u or same for u, same in zip(updated, unchanged)):
            raise Problem(tr("Only {updated} of the {n} arrays were updated; the others came back unchanged. Loop "
                             "over every (W, G) pair, e.g. with zip(weights, gradients).", updated=sum(updated),
                             n=len(weights)))
        layer = updated.index(False)
        wrong = ~np.isclose(got[layer], expected[layer], rtol=1e-9, atol=1e-12)
        index = np.unravel_index(int(np.argmax(wrong)), wrong.shape)
        want_text, got_text = pair(expected[layer][index], got[layer][index])
        raise Problem(tr("Every array should become W − η·G, with the same η for all of them. In array {layer}, "
                         "entry {entry} should be {want}; yours gives {got}.", layer=layer,
                         entry=tuple(int(i) for i in index), want=want_text, got=got_text))
    return correct(_("That is one step of gradient descent for every weight at once."))
