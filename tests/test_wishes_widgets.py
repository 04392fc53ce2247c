"""Lesson 03's wishes and widgets, every number checked against an independent computation.

A wish is -1/2 times a derivative of one example's cost C_0 = sum_j (a_j - y_j)^2, so
the references here are finite differences and net.gradient, not the widget's own code.
"""

import numpy as np
import pytest
from matplotlib.colors import to_rgb

from helpers import Network, load_digits, plots, widgets
from helpers.widgets import wishes


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


# ----- wishes are -1/2 times derivatives of C_0 -------------------------------------------------

def test_output_wishes_are_target_minus_activation(lesson):
    net, _, x, label = lesson
    w = wishes.layer_wishes(net, x, label)
    np.testing.assert_allclose(w[-1], one_hot(label) - forward_layers(net, x)[-1], rtol=1e-12)


def test_every_layers_wishes_are_minus_half_the_derivative_of_the_cost(lesson):
    net, _, x, label = lesson
    w = wishes.layer_wishes(net, x, label)
    acts = forward_layers(net, x)
    nabla_w, nabla_b = net.gradient(x[None], [label])
    # dC_0/db^l = sigma'(z^l) dC_0/da^l, so -1/2 nabla_b = sigma' * wish, layer by layer
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


# ----- widget 1: the output wishes and a step along them ----------------------------------------

def test_output_wishes_starts_at_the_example_and_draws_it(lesson):
    net, index, x, label = lesson
    w = widgets.output_wishes()
    a = forward_layers(net, x)[-1]
    v = w.values
    assert v["step"] == 0.0 and v["label"] == 2
    assert v["cost_before"] == pytest.approx(np.sum((a - one_hot(2)) ** 2), rel=1e-12)
    assert v["cost_after"] == pytest.approx(v["cost_before"], rel=1e-12)
    np.testing.assert_allclose(v["wishes_before"], one_hot(2) - a, rtol=1e-12)
    np.testing.assert_allclose([bar.get_height() for bar in w.bars], a, rtol=1e-12)
    # arrows start at the bars and end on the targets
    np.testing.assert_allclose(w.arrows.get_offsets(), np.column_stack([np.arange(10), a]), rtol=1e-12)
    np.testing.assert_allclose(w.arrows.V, one_hot(2) - a, rtol=1e-12)
    np.testing.assert_allclose(w.arrows.U, 0.0)
    assert str(index) in w.view.figure.axes[0].get_title()


@pytest.mark.parametrize("step", [0.5, 1.0, 3.0])
def test_a_step_along_the_wishes_is_a_gradient_step_on_this_one_example(lesson, step):
    net, _, x, label = lesson
    w = widgets.output_wishes()
    w.set(step=step)
    nabla_w, nabla_b = net.gradient(x[None], [label])
    moved = net.copy()
    for W, b, gW, gb in zip(moved.weights, moved.biases, nabla_w, nabla_b):
        W -= step * gW
        b -= step * gb
    a = forward_layers(moved, x)[-1]
    v = w.values
    assert v["cost_after"] == pytest.approx(np.sum((a - one_hot(2)) ** 2), rel=1e-10)
    assert v["cost_after"] < v["cost_before"]
    np.testing.assert_allclose(v["activations_after"], a, rtol=1e-10)
    np.testing.assert_allclose([bar.get_height() for bar in w.bars], a, rtol=1e-10)
    np.testing.assert_allclose(w.arrows.V, one_hot(2) - a, rtol=1e-10)
    assert f"{v['cost_after']:.4f}" in w.bar_axes.get_title()
    # the lesson's network itself is untouched
    np.testing.assert_array_equal(w.net.weights[0], net.weights[0])


def test_stepping_further_lowers_the_cost_and_moves_the_two_up(lesson):
    w = widgets.output_wishes()
    costs, twos = [], []
    for step in (0.0, 0.25, 0.5, 1.0, 2.0):
        w.set(step=step)
        costs.append(w.values["cost_after"])
        twos.append(w.values["activations_after"][2])
    assert costs == sorted(costs, reverse=True) and twos == sorted(twos)
    picture = w.view.widget.value
    w.set(step=3.0)
    assert w.view.widget.value != picture and w.view.widget.value[:4] == b"\x89PNG"
    assert w.values["answer_after"] == 2 and w.values["answer_before"] != 2
    assert w.numeric_ms < 1000 and w.last_update_ms is not None


# ----- widget 2: one hidden neuron's summed wish ------------------------------------------------

def test_hidden_wish_total_is_minus_half_dC_da_k(lesson):
    net, _, x, label = lesson
    w = widgets.hidden_wish()
    acts = forward_layers(net, x)
    hidden = acts[-2]
    W, b = net.weights[-1], net.biases[-1]
    nabla_w, nabla_b = net.gradient(x[None], [label])
    for k in (0, 3, 7, 15):
        w.set(neuron=k)
        v = w.values

        def cost_of_hidden(value, k=k):
            h = hidden.copy()
            h[k] = value
            return np.sum((sigmoid(W @ h + b) - one_hot(label)) ** 2)
        assert v["total"] == pytest.approx(-0.5 * central_difference(cost_of_hidden, hidden[k]), rel=1e-6, abs=1e-10)
        # through the network's own backprop: dC/db_k = sigma'(z_k) dC/da_k
        sigma_prime_k = hidden[k] * (1 - hidden[k])
        assert v["total"] == pytest.approx(-0.5 * nabla_b[-2][k] / sigma_prime_k, rel=1e-9)
        a = acts[-1]
        expected = W[:, k] * a * (1 - a) * (one_hot(label) - a)
        np.testing.assert_allclose(v["contributions"], expected, rtol=1e-12)
        assert v["total"] == pytest.approx(expected.sum(), rel=1e-12)
        # what is drawn
        np.testing.assert_allclose([bar.get_height() for bar in w.bars], expected, rtol=1e-12)
        assert w.total_bar.get_height() == pytest.approx(expected.sum(), rel=1e-12)
        assert [bar.get_linewidth() > 0 for bar in w.all_bars] == [i == k for i in range(16)]
        assert f"k = {k}" in w.left.get_title()
        assert set(v["push_up"]) == {j for j in range(10) if expected[j] > 0}
        assert set(v["push_down"]) == {j for j in range(10) if expected[j] < 0}
        # bar colours follow the sign
        for bar, c in zip(w.bars, expected):
            colour = plots.positive_color() if c >= 0 else plots.negative_color()
            assert np.allclose(bar.get_facecolor()[:3], to_rgb(colour))


def test_hidden_wish_right_panel_shows_every_summed_wish(lesson):
    net, _, x, label = lesson
    w = widgets.hidden_wish()
    expected = wishes.layer_wishes(net, x, label)[-2]
    np.testing.assert_allclose([bar.get_height() for bar in w.all_bars], expected, rtol=1e-12)


# ----- widget 3: SGD against full batch ---------------------------------------------------------

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
    history = wishes.mini_batch_descent(Network([784, 16, 16, 10], seed=0), X, y, batch_size=100, steps=12, checkpoints=4)
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


def test_sgd_vs_full_batch_runs_both_and_draws_both_curves():
    w = widgets.sgd_vs_full_batch(full_batch_steps=3, passes=1, max_steps=20)
    assert not w.values["ran"] and "Run" in w.summary.value
    assert len(w.full_lines[0].get_xdata()) == 0
    w.set(batch_size=100)
    values = w.run()
    assert values["ran"] and values["batch_size"] == 100
    assert values["full_steps"] == 3 and values["sgd_steps"] == 20 and values["sgd_examples"] == 2000
    assert values["full_cost"] == pytest.approx(manual_descent(8000, 3), rel=1e-10)
    assert values["sgd_cost"] == pytest.approx(manual_descent(100, 20), rel=1e-10)
    assert values["start_cost"] == pytest.approx(manual_descent(8000, 0), rel=1e-12)
    assert w.progress.value == w.progress.max
    # the plotted curves are the recorded ones: costs against steps and against seconds
    result = w.results[100]
    step_line, time_line = w.sgd_lines[100]
    np.testing.assert_array_equal(step_line.get_xdata(), result["step"][1:])
    np.testing.assert_array_equal(step_line.get_ydata(), result["cost"][1:])
    np.testing.assert_array_equal(time_line.get_xdata(), result["seconds"][1:])
    np.testing.assert_array_equal(w.full_lines[0].get_ydata(), w.full["cost"][1:])
    assert step_line.get_linewidth() > w.sgd_lines[1][0].get_linewidth()
    assert values["sgd_ms_per_step"] > 0 and values["full_ms_per_step"] > 0
    # another batch size: the full-batch run is kept, SGD runs anew; the earlier curve stays, fainter
    full_before = w.full
    w.set(batch_size=10)
    assert not w.values["ran"]
    w.run()
    assert w.full is full_before
    assert w.values["sgd_cost"] == pytest.approx(manual_descent(10, 20), rel=1e-10)
    assert w.sgd_lines[100][0].get_alpha() < 1 and w.sgd_lines[10][0].get_alpha() == 1
    # the same seed, the same numbers
    again = widgets.sgd_vs_full_batch(full_batch_steps=3, passes=1, max_steps=20)
    again.set(batch_size=10)
    assert again.run()["sgd_cost"] == w.values["sgd_cost"]


def test_full_batch_size_in_sgd_is_full_batch_descent():
    w = widgets.sgd_vs_full_batch(full_batch_steps=2, passes=2, max_steps=100)
    w.set(batch_size=8000)
    values = w.run()
    assert values["sgd_steps"] == 2
    assert values["sgd_cost"] == pytest.approx(values["full_cost"], rel=1e-10)
