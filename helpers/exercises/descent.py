"""Lesson 02 (gradient descent): exercises.

    check_example_cost(fn)   fn(a, label) -> sum_j (a_j - y_j)^2 with the one-hot target y
    check_descent_step(fn)   fn(w, learning_rate) -> w - learning_rate * C'(w) for C(w) = w^4 - 3w^2 + w + 3
    check_sgd_update(fn)     fn(weights, gradients, learning_rate) -> [W - learning_rate * G for each pair]
"""

import types

import numpy as np

from ._core import call, close, correct, not_yet, reference

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


def check_example_cost(fn):
    """Check fn(a, label) = sum over the ten outputs of (a_j - y_j)^2, y the one-hot target of `label`."""
    mistakes = [
        (lambda a, y, label: np.sum(a - y),
         "It looks like you forgot to square: add up (a_j − y_j)², not (a_j − y_j)."),
        (lambda a, y, label: np.sum(np.abs(a - y)),
         "You added up |a_j − y_j|. The cost squares each difference: (a_j − y_j)²."),
        (lambda a, y, label: np.sqrt(np.sum((a - y) ** 2)),
         "You took a square root: the cost is the sum of squares itself, not the length of a − y."),
        (lambda a, y, label: np.sum((a - label) ** 2),
         "You compared every output with the label itself. The target y is one-hot: "
         "y_j = 1 for the right digit and 0 for the other nine."),
        (lambda a, y, label: 0.5 * np.sum((a - y) ** 2),
         "Your answer is half the cost: that is Nielsen's ½ convention. The video's cost (and ours) has no ½."),
        (lambda a, y, label: np.mean((a - y) ** 2),
         "You took the mean over the ten outputs. The cost of one example is their SUM; "
         "the averaging comes later, over the training examples."),
    ]
    for a, label in _example_cases():
        result, problem = call(fn, a.copy(), label)
        if problem:
            return not_yet(problem)
        expected = _example_cost(a, label)
        if np.shape(result) == (10,) and close(result, (a - np.eye(10)[label]) ** 2):
            return not_yet("You returned the ten squared differences; add them up into one number.")
        if np.ndim(result) != 0:
            return not_yet(f"The cost is one number, but your function returned something of shape {np.shape(result)}.")
        if close(result, expected):
            continue
        y = np.eye(10)[label]
        for wrong, hint in mistakes:
            if close(result, wrong(a, y, label)):
                return not_yet(hint)
        return not_yet(f"For outputs a = {np.round(a, 3)} and label {label} the cost is {expected:.6f}; "
                       f"your function gave {float(result):.6f}.")
    return correct("That is the cost of one example, Σⱼ (aⱼ − yⱼ)².")


# ----- 2. one gradient-descent step on C(w) --------------------------------------

def _cost(w):
    return w ** 4 - 3 * w ** 2 + w + 3


def _slope(w):
    return 4 * w ** 3 - 6 * w + 1


@reference("descent_step")
def _descent_step(w, learning_rate):
    slope = 4 * w ** 3 - 6 * w + 1      # C'(w) for C(w) = w^4 - 3w^2 + w + 3
    return w - learning_rate * slope     # step against the slope: downhill


def check_descent_step(fn):
    """Check fn(w, learning_rate) = w - learning_rate * C'(w) with C'(w) = 4w^3 - 6w + 1."""
    mistakes = [
        (lambda w, eta: w + eta * _slope(w),
         "Your step goes uphill: the sign is flipped. Gradient descent steps AGAINST the slope, w − η·C'(w)."),
        (lambda w, eta: w - eta * _cost(w),
         "You stepped by the cost C(w) itself. The step uses the slope C'(w) = 4w³ − 6w + 1."),
        (lambda w, eta: w - _slope(w),
         "You forgot the learning rate: multiply the slope by η before stepping."),
        (lambda w, eta: -eta * _slope(w),
         "You returned only the step −η·C'(w). Return the new position: w plus that step."),
        (lambda w, eta: eta * _slope(w),
         "You returned the size of the step. Return the new position w − η·C'(w)."),
        (lambda w, eta: w - eta * (4 * w ** 3 - 6 * w),
         "Close: your slope misses the +1. The derivative of w⁴ − 3w² + w + 3 is 4w³ − 6w + 1."),
    ]
    for w, eta in ((2.0, 0.05), (-0.7, 0.1), (1.3, 0.02), (0.4, 0.15)):
        result, problem = call(fn, w, eta)
        if problem:
            return not_yet(problem)
        if np.ndim(result) != 0:
            return not_yet(f"The new w is one number, but your function returned something of shape {np.shape(result)}.")
        if close(result, _descent_step(w, eta)):
            continue
        for wrong, hint in mistakes:
            if close(result, wrong(w, eta)):
                return not_yet(hint)
        return not_yet(f"From w = {w} with η = {eta} the step should land on {_descent_step(w, eta):.6f}; "
                       f"your function gave {float(result):.6f}.")
    return correct("Each call takes one step downhill: w ← w − η·C'(w).")


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


def check_sgd_update(fn):
    """Check fn(weights, gradients, learning_rate) -> a new list [W - learning_rate * G for each pair]."""
    for weights, gradients, eta in _sgd_cases():
        result, problem = call(fn, [W.copy() for W in weights], [G.copy() for G in gradients], eta)
        if problem:
            return not_yet(problem)
        expected = _sgd_update(weights, gradients, eta)
        if isinstance(result, (types.GeneratorType, map, zip)):
            return not_yet("You returned a generator (or map); wrap it in list(...) so it holds the arrays.")
        if isinstance(result, np.ndarray):
            return not_yet("Return a list with one array per layer (the arrays have different shapes), "
                           "not a single NumPy array.")
        if not isinstance(result, (list, tuple)):
            return not_yet(f"Return a list of arrays, one per layer; your function returned a {type(result).__name__}.")
        if len(result) != len(weights):
            return not_yet(f"There are {len(weights)} weight arrays, so the answer needs {len(weights)} arrays; "
                           f"your list has {len(result)}.")
        shapes = [np.shape(R) for R in result]
        if shapes != [W.shape for W in weights]:
            return not_yet(f"Each new array keeps its layer's shape {[W.shape for W in weights]}; "
                           f"yours have shapes {shapes}.")
        if all(close(R, E) for R, E in zip(result, expected)):
            continue
        if all(close(R, W + eta * G) for R, W, G in zip(result, weights, gradients)):
            return not_yet("The sign is flipped: W + η·G climbs uphill. Step against the gradient, W − η·G.")
        if all(close(R, W - G) for R, W, G in zip(result, weights, gradients)):
            return not_yet("You forgot the learning rate: subtract η·G, not G.")
        updated = [close(R, E) for R, E in zip(result, expected)]
        unchanged = [close(R, W) for R, W in zip(result, weights)]
        if any(updated) and all(u or same for u, same in zip(updated, unchanged)):
            return not_yet(f"Only {sum(updated)} of the {len(weights)} arrays were updated; the others came back "
                           "unchanged. Loop over every (W, G) pair, e.g. with zip(weights, gradients).")
        return not_yet("Every array should become W − η·G, with the same η for all of them; "
                       "your numbers differ from that.")
    return correct("That is one step of gradient descent for every weight at once.")
