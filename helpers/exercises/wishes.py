"""Lesson 03 (what backpropagation is really doing): exercises.

    check_output_nudges(fn)     fn(a, label) -> y - a, the ten output wishes of one example
    check_hidden_wish(fn)       fn(W, output_wishes, sigma_prime_z) -> W.T @ (output_wishes * sigma_prime_z)
    check_average_gradient(fn)  fn(net, X, y) -> the average of the examples' own gradients

A wish, as the lesson defines it, is -1/2 times a derivative of one example's cost
C_0 = sum_j (a_j - y_j)^2; for an output neuron that is simply y_j - a_j.
"""

import numpy as np

from ..data import load_digits
from ..network import Network
from ._core import call, close, correct, not_yet, reference

__all__ = ["check_output_nudges", "check_hidden_wish", "check_average_gradient"]


# ----- 1. the output wishes --------------------------------------------------------------------

@reference("output_nudges")
def output_nudges(a, label):
    y = np.zeros(10)
    y[label] = 1.0          # the one-hot target: 1 for the right digit, 0 for the nine others
    return y - a            # up for the right digit, down for the others, each as far as it is off


def check_output_nudges(fn):
    """fn(a, label) must return the vector y - a: y is the one-hot target of `label`, a the ten outputs."""
    rng = np.random.default_rng(3)
    for label in (2, 7, 0):
        a = rng.uniform(0.02, 0.98, 10)
        y = np.eye(10)[label]
        got, problem = call(fn, a.copy(), label)
        if problem:
            return not_yet(problem)
        expected = y - a
        if close(got, expected):
            continue
        if close(got, a - y):
            return not_yet("The sign is flipped: you returned a − y. A wish points where the neuron should go: "
                           "up (positive) for the right digit, whose target is 1, down for the others: y − a.")
        if close(got, 2 * expected):
            return not_yet("You returned 2(y − a). That is −∂C₀/∂a (lesson 04), but this lesson defines the wish "
                           "without the 2: return y − a.")
        if close(got, label - a) or close(got, -a) or close(got, np.full(10, label) - a):
            return not_yet("It looks like y is not one-hot. The target for a label is ten numbers: 1 at position "
                           "`label` and 0 everywhere else (e.g. y = np.zeros(10); y[label] = 1, or np.eye(10)[label]).")
        if close(got, expected ** 2) or close(got, np.abs(expected)):
            return not_yet("Your wishes have lost their sign: squaring or taking the absolute value says how far, "
                           "but not which way. Return y − a.")
        shape = np.shape(got)
        if shape != (10,):
            return not_yet(f"Return one wish per output neuron: a vector of shape (10,), not {shape}.")
        return not_yet(f"For label {label} and a = {np.round(a, 2)} we expect y − a = {np.round(expected, 2)}, "
                       f"but got {np.round(np.asarray(got, dtype=float), 2)}.")
    return correct("The right digit's neuron wishes to go up by 1 − a, the nine others down by their a.")


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


def check_hidden_wish(fn):
    """fn(W, output_wishes, sigma_prime_z) must return W.T @ (output_wishes * sigma_prime_z), one wish per hidden neuron."""
    rng = np.random.default_rng(5)
    # A square W first: there W @ v runs without an error, so a missing transpose shows as wrong numbers.
    for n_out, n_hidden in ((10, 10), (10, 16)):
        W, wishes, sp = _hidden_case(rng, n_out, n_hidden)
        got, problem = call(fn, W.copy(), wishes.copy(), sp.copy())
        if problem:
            if "matmul" in problem or "shapes" in problem or "broadcast" in problem:
                problem += (" — W has one row per output neuron (10) and one column per hidden neuron (16); "
                            "to collect over the outputs use W.T.")
            return not_yet(problem)
        expected = W.T @ (wishes * sp)
        if close(got, expected):
            continue
        if close(got, W @ (wishes * sp)):
            return not_yet("Use W.T, not W: w_jk is the weight TO output j FROM hidden neuron k, so row j of W holds "
                           "output j's weights. Neuron k's wish collects column k of W: that is W.T @ (...).")
        if close(got, W.T @ wishes):
            return not_yet("You forgot σ′(z): an output neuron only moves as much as its sigmoid lets it. Multiply "
                           "each output's wish by sigma_prime_z before adding them up.")
        if close(got, -expected):
            return not_yet("The sign is flipped: the wishes already point where each output should go, so add them "
                           "up as they are: W.T @ (output_wishes * sigma_prime_z).")
        if close(got, 2 * expected):
            return not_yet("There is an extra factor 2: the output wishes y − a are already the lesson's wishes; "
                           "no 2 is needed here.")
        contributions = W * (wishes * sp)[:, None]          # [j, k]: what output j asks of neuron k
        if close(got, contributions.sum(axis=1)):
            return not_yet("You added up along the wrong axis: that sums over the hidden neurons k, one number per "
                           "output. Neuron k's wish sums over the outputs j, axis 0 of W: W.T @ (...) does it.")
        if close(got, contributions) or close(got, contributions.T):
            return not_yet("These are the separate contributions w_jk σ′(z_j)(y_j − a_j). Add them up over the "
                           "output neurons j, to get one summed wish per hidden neuron.")
        shape = np.shape(got)
        if shape != (n_hidden,):
            return not_yet(f"Return one summed wish per hidden neuron: shape ({n_hidden},), not {shape}.")
        return not_yet("The numbers do not match W.T @ (output_wishes * sigma_prime_z). Check each factor: the "
                       "weight w_jk, σ′(z_j), and the output's wish.")
    return correct("Each hidden neuron's wish is the sum of what every output asks of it.")


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
    """(nabla_w, nabla_b) as lists of float arrays shaped like net's, or (None, a hint)."""
    try:
        nabla_w, nabla_b = result
        nabla_w = [np.asarray(g, dtype=float) for g in nabla_w]
        nabla_b = [np.asarray(g, dtype=float) for g in nabla_b]
    except (TypeError, ValueError):
        return None, ("Return two lists, like net.gradient does: (nabla_w, nabla_b), one array per layer in each.")
    shapes_w = [W.shape for W in net.weights]
    if [g.shape for g in nabla_w] == shapes_w and [g.shape for g in nabla_b] == shapes_w:
        return None, "Both lists hold weight-shaped arrays; the second must hold the bias gradients."
    if [g.shape for g in nabla_w] != shapes_w or [g.shape for g in nabla_b] != [b.shape for b in net.biases]:
        return None, (f"Return (nabla_w, nabla_b) shaped like net.weights {shapes_w} and net.biases "
                      f"{[b.shape for b in net.biases]}; got {[g.shape for g in nabla_w]} and {[g.shape for g in nabla_b]}.")
    return (nabla_w, nabla_b), None


def _largest_gap(a, b):
    return max(float(np.max(np.abs(x - y))) for x, y in zip(a[0] + a[1], b[0] + b[1]))


def check_average_gradient(fn, n=12):
    """fn(net, X, y) must average the n examples' own gradients; compared with net.gradient(X, y) to 1e-12."""
    (X, y), _ = load_digits()
    X, y = X[:n], y[:n]
    net = Network([784, 16, 16, 10], seed=1)
    expected = net.gradient(X, y)
    given = net.copy()
    batch_sizes = []
    original_gradient = given.gradient

    def counting_gradient(Xb, yb):       # so the check can see how the learner used net.gradient
        batch_sizes.append(len(np.atleast_2d(Xb)))
        return original_gradient(Xb, yb)

    given.gradient = counting_gradient
    result, problem = call(fn, given, X.copy(), y.copy())
    if problem:
        return not_yet(problem)
    pair, problem = _as_pair(result, net)
    if problem:
        return not_yet(problem)
    gap = _largest_gap(pair, expected)
    if gap <= 1e-12:
        if batch_sizes and max(batch_sizes) == n and len(batch_sizes) == 1:
            return not_yet("Those are the right numbers, but you asked net.gradient for the whole batch at once. "
                           "The exercise is the other way round: one example at a time, net.gradient(X[i:i+1], "
                           "y[i:i+1]), then the average — and see that it matches.")
        return correct(f"The average of the {n} examples' gradients equals net.gradient on the batch: the largest "
                       f"difference is {gap:.1e}, rounding only.")
    scaled = lambda factor: ([g * factor for g in expected[0]], [g * factor for g in expected[1]])
    if _largest_gap(pair, scaled(n)) <= 1e-10:
        return not_yet(f"Your numbers are {n} times too big: you added the examples' gradients up. Divide the sum "
                       f"by the number of examples, len(X), to average them.")
    if _largest_gap(pair, scaled(1.0 / n)) <= 1e-12:
        return not_yet(f"Your numbers are {n} times too small: you divided by the number of examples twice.")
    if _largest_gap(pair, scaled(-1.0)) <= 1e-12:
        return not_yet("The sign is flipped: return the gradient itself (what net.gradient gives), not the "
                       "downhill direction −∇C.")
    last = net.gradient(X[-1:], y[-1:])
    if _largest_gap(pair, last) <= 1e-12 or _largest_gap(pair, ([g / n for g in last[0]], [g / n for g in last[1]])) <= 1e-12:
        return not_yet("Only the last example's gradient survived: each pass of your loop replaced the total "
                       "instead of adding to it (use total += g, with totals that start at zero).")
    return not_yet(f"The numbers differ from net.gradient(X, y) by up to {gap:.2e}. Take each example's gradient "
                   "with net.gradient(X[i:i+1], y[i:i+1]), add them up layer by layer, and divide by len(X).")
