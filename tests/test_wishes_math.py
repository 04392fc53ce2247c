"""Lesson 03's numbers (helpers/wishes.py), every one checked against an independent computation.

A wish is -1/2 times a derivative of one example's cost C_x = sum_j (a_j - y_j)^2, so
the references here are finite differences, a plain column-vector forward pass and
net.gradient, not the module's own code.
"""

import os
import signal

import numpy as np
import pytest

from helpers import Network, load_digits, wishes


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def forward_layers(net, x):
    """Plain column-vector forward pass, as in the videos: a' = sigma(W a + b); returns every a."""
    activations = [np.asarray(x, dtype=float)]
    for W, b in zip(net.weights, net.biases):
        activations.append(sigmoid(W @ activations[-1] + b))
    return activations


def one_hot(label):
    return np.eye(10)[label]


def central_difference(f, value, eps=1e-6):
    return (f(value + eps) - f(value - eps)) / (2 * eps)


@pytest.fixture(scope="module")
def lesson():
    net = wishes.partly_trained_network()
    index, x, label = wishes.example_two(net)
    return net, index, x, label


# ----- the partly trained network and its example -----------------------------------------------

def test_partly_trained_network_follows_its_recipe_and_is_a_fresh_copy():
    (X, y), _ = load_digits()
    p = wishes.PARTLY_TRAINED
    ours = Network(p["sizes"], seed=p["seed"])
    ours.train(X[:p["examples"]], y[:p["examples"]], epochs=1, batch_size=p["batch_size"],
               learning_rate=p["learning_rate"], seed=p["shuffle_seed"], progress=False)
    net = wishes.partly_trained_network()
    for W, V in zip(net.weights + net.biases, ours.weights + ours.biases):
        np.testing.assert_array_equal(W, V)
    net.weights[0][0, 0] += 1.0                          # a copy: nudging it changes no later call
    assert wishes.partly_trained_network().weights[0][0, 0] == ours.weights[0][0, 0]


def test_example_is_a_two_the_network_gets_wrong_with_the_most_mixed_outputs(lesson):
    net, index, x, label = lesson
    (X, y), _ = load_digits()
    assert label == 2 and y[index] == 2
    np.testing.assert_array_equal(x, X[index])
    outputs = net.forward(X)
    wrong_twos = [i for i in range(len(X)) if y[i] == 2 and np.argmax(outputs[i]) != 2]
    assert index == max(wrong_twos, key=lambda i: outputs[i].sum())
    assert np.argmax(net.forward(x)) != 2
    # "mixed": the network is unsure, several outputs neither near 0 nor near 1
    assert np.sum((outputs[index] > 0.1) & (outputs[index] < 0.9)) >= 3


# ----- wishes are -1/2 times derivatives of C_x -------------------------------------------------

def test_output_wishes_are_target_minus_activation(lesson):
    net, _, x, label = lesson
    w = wishes.layer_wishes(net, x, label)
    np.testing.assert_allclose(w[-1], one_hot(label) - forward_layers(net, x)[-1], rtol=1e-12)


def test_every_layers_wishes_are_minus_half_the_derivative_of_the_cost(lesson):
    net, _, x, label = lesson
    w = wishes.layer_wishes(net, x, label)
    acts = forward_layers(net, x)
    nabla_w, nabla_b = net.gradient(x[None], [label])
    # dC_x/db^l = sigma'(z^l) dC_x/da^l, so -1/2 nabla_b = sigma' * wish, layer by layer
    for l in range(1, len(acts)):
        sigma_prime = acts[l] * (1 - acts[l])
        np.testing.assert_allclose(-0.5 * nabla_b[l - 1], sigma_prime * w[l], rtol=1e-9, atol=1e-15)
    # the pixels' wishes, by finite differences on the input itself
    def cost_with_pixel(i):
        def cost(value):
            xx = x.copy()
            xx[i] = value
            return np.sum((forward_layers(net, xx)[-1] - one_hot(label)) ** 2)
        return cost
    for i in (0, 300, 410, 783):
        assert w[0][i] == pytest.approx(-0.5 * central_difference(cost_with_pixel(i), x[i]), rel=1e-6, abs=1e-10)


def test_three_levers_are_minus_half_the_derivatives_of_the_cost(lesson):
    net, _, x, label = lesson
    levers = wishes.lever_wishes(net, x, label)
    nabla_w, nabla_b = net.gradient(x[None], [label])
    acts = forward_layers(net, x)
    j = label
    assert levers["neuron"] == j
    assert levers["output_wish"] == pytest.approx(1.0 - acts[-1][j], rel=1e-12)
    assert levers["bias"] == pytest.approx(-0.5 * nabla_b[-1][j], rel=1e-9)
    np.testing.assert_allclose(levers["weights"], -0.5 * nabla_w[-1][j], rtol=1e-9)
    # the weight wishes follow the previous activations; the activation wishes follow the weights
    np.testing.assert_allclose(levers["weights"], acts[-2] * levers["bias"], rtol=1e-12)
    np.testing.assert_allclose(levers["previous"], net.weights[-1][j] * levers["bias"], rtol=1e-12)
    assert levers["output_wish"] > 0 and np.all(levers["weights"] >= 0)


def test_average_of_example_gradients_equals_the_batch_gradient():
    (X, y), _ = load_digits()
    net = Network([784, 16, 16, 10], seed=4)
    averaged = wishes.average_of_example_gradients(net, X[:25], y[:25])
    batched = net.gradient(X[:25], y[:25])
    for a, b in zip(averaged[0] + averaged[1], batched[0] + batched[1]):
        assert np.max(np.abs(a - b)) < 1e-12
    # and it is an average, not a sum: one example's gradient differs
    one = net.gradient(X[:1], y[:1])
    assert np.max(np.abs(one[0][0] - batched[0][0])) > 1e-4


def test_deltas_are_minus_two_sigma_prime_times_the_wishes(lesson):
    """The bridge to lesson 04: delta = dC_x/dz = -2 sigma'(z) wish, and BP3 makes it dC_x/db for one example."""
    net, _, x, label = lesson
    deltas = wishes.deltas_from_wishes(net, x, label)
    w = wishes.layer_wishes(net, x, label)
    acts = forward_layers(net, x)
    _, nabla_b = net.gradient(x[None], [label])
    assert len(deltas) == 3
    for l in (1, 2, 3):
        np.testing.assert_allclose(deltas[l - 1], -2 * acts[l] * (1 - acts[l]) * w[l], rtol=1e-9, atol=1e-15)
        np.testing.assert_allclose(deltas[l - 1], nabla_b[l - 1], rtol=1e-9, atol=1e-15)
    # BP2 in lesson 04's form gives the same hidden delta as lesson 03's summed wish
    sp = acts[2] * (1 - acts[2])
    np.testing.assert_allclose(deltas[1], (net.weights[2].T @ deltas[2]) * sp, rtol=1e-10, atol=1e-15)


def test_hidden_wish_terms_sum_to_the_last_hidden_layers_wishes(lesson):
    net, _, x, label = lesson
    terms = wishes.hidden_wish_terms(net, x, label)
    acts = forward_layers(net, x)
    a = acts[-1]
    np.testing.assert_allclose(terms["hidden"], acts[-2], rtol=1e-12)
    np.testing.assert_allclose(terms["output_wishes"], one_hot(label) - a, rtol=1e-12)
    np.testing.assert_allclose(terms["contributions"][:, 5], net.weights[-1][:, 5] * a * (1 - a) * (one_hot(label) - a),
                               rtol=1e-12)
    np.testing.assert_allclose(terms["totals"], wishes.layer_wishes(net, x, label)[-2], rtol=1e-12)


def test_a_moved_copy_takes_one_step_along_the_given_gradient_and_leaves_the_network_alone(lesson):
    net, _, x, label = lesson
    gradient = net.gradient(x[None], [label])
    before = net.weights[1].copy()
    moved = wishes.moved_copy(net, gradient, 0.5)
    np.testing.assert_allclose(moved.weights[1], before - 0.5 * gradient[0][1], rtol=1e-15)
    np.testing.assert_allclose(moved.biases[2], net.biases[2] - 0.5 * gradient[1][2], rtol=1e-15)
    np.testing.assert_array_equal(net.weights[1], before)
    np.testing.assert_array_equal(wishes.moved_copy(net, gradient, 0.0).weights[0], net.weights[0])
    # one step along this example's gradient is Network.step on it, up to rounding
    stepped = net.copy()
    stepped.step(x[None], [label], 0.5)
    np.testing.assert_allclose(moved.weights[2], stepped.weights[2], rtol=1e-12, atol=1e-15)


# ----- the race: mini-batch descent ---------------------------------------------------------------

def manual_descent(batch_size, steps, seed=0, rate=1.5):
    """Independent mini-batch gradient descent: shuffle per pass, consecutive batches."""
    (X, y), _ = load_digits()
    net = Network([784, 16, 16, 10], seed=seed)
    rng = np.random.default_rng(seed)
    order, position = rng.permutation(len(X)), 0
    for _ in range(steps):
        if batch_size >= len(X):
            batch = np.arange(len(X))
        else:
            if position + batch_size > len(X):
                order, position = rng.permutation(len(X)), 0
            batch = order[position:position + batch_size]
            position += batch_size
        nabla_w, nabla_b = net.gradient(X[batch], y[batch])
        for W, b, gW, gb in zip(net.weights, net.biases, nabla_w, nabla_b):
            W -= rate * gW
            b -= rate * gb
    return net.cost(X, y)


def test_mini_batch_descent_records_the_cost_after_each_checkpoint():
    (X, y), _ = load_digits()
    history = wishes.mini_batch_descent(Network([784, 16, 16, 10], seed=0), X, y, batch_size=100, steps=12,
                                        checkpoints=4)
    assert history["step"][0] == 0 and history["step"][-1] == 12
    assert history["step"] == sorted(history["step"]) and len(history["step"]) == len(history["cost"])
    assert history["cost"][0] == pytest.approx(Network([784, 16, 16, 10], seed=0).cost(X, y), rel=1e-12)
    assert history["cost"][-1] == pytest.approx(manual_descent(100, 12), rel=1e-10)
    full = wishes.mini_batch_descent(Network([784, 16, 16, 10], seed=0), X, y, batch_size=len(X), steps=3)
    assert full["step"] == [0, 1, 2, 3]                    # every step, the cost coming with the gradient
    for s, c in zip(full["step"], full["cost"]):
        assert c == pytest.approx(manual_descent(len(X), s), rel=1e-10)
    assert all(b >= a for a, b in zip(full["seconds"], full["seconds"][1:]))


def test_sgd_steps_budget():
    assert [wishes.sgd_step_budget(b) for b in wishes.BATCH_SIZES] == [3200, 3200, 320, 32, 4]


def test_the_stop_button_ends_a_descent_between_two_steps():
    (X, y), _ = load_digits()
    net = Network([784, 16, 16, 10], seed=0)
    seen, handler_before = [], signal.getsignal(signal.SIGINT)

    def press_stop(done):       # the stop button sends SIGINT; here it arrives after the 4th step
        seen.append(done)
        if done == 4:
            os.kill(os.getpid(), signal.SIGINT)
    history = wishes.mini_batch_descent(net, X, y, batch_size=10, steps=50, progress=press_stop)
    assert history.interrupted and history["step"][-1] == 4 and seen[-1] == 4
    assert history["cost"][0] == pytest.approx(Network([784, 16, 16, 10], seed=0).cost(X, y), rel=1e-12)
    # the network took exactly four steps: compare with four steps taken by hand
    assert net.cost(X, y) == pytest.approx(manual_descent(10, 4), rel=1e-10) == history["cost"][-1]
    assert signal.getsignal(signal.SIGINT) is handler_before     # the handler is put back
    assert not wishes.mini_batch_descent(Network([784, 16, 16, 10], seed=0), X, y, 10, 5).interrupted


def test_wish_table_rows_are_minus_half_the_gradients():
    from helpers import load_digits
    from helpers.wishes import WISH_TABLE_ROWS, parameter_wishes, partly_trained_network, wish_table
    (X, y), _ = load_digits()
    net = partly_trained_network()
    table = wish_table(net, X[:300], y[:300], examples=[5, 0, 1])
    assert table["examples"] == [(5, int(y[5])), (0, int(y[0])), (1, int(y[1]))] and table["n"] == 300
    g = net.gradient(X[5:6], y[5:6])
    assert np.isclose(table["wishes"][0, 0], -0.5 * g[1][2][2])            # ("b", 3, 2)
    assert np.isclose(table["wishes"][1, 0], -0.5 * g[0][2][2, 1])         # ("w", 3, 2, 1)
    assert np.isclose(table["wishes"][-1, 0], -0.5 * g[0][0][0, 406])      # ("w", 1, 0, 406)
    # the last column: the average of every example's wish, row by row
    every = parameter_wishes(net, X[:300], y[:300], WISH_TABLE_ROWS)
    np.testing.assert_allclose(table["average"], every.mean(axis=1), rtol=1e-10, atol=1e-15)
    with pytest.raises(ValueError):
        parameter_wishes(net, X[:2], y[:2], [("v", 1, 0)])
