"""Lesson 02's plots: the numbers they draw are the numbers the math gives."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers import Network, load_digits, plots
from helpers.evaluation import confusion_counts
from helpers.sensitivity import one_hot


@pytest.fixture(scope="module")
def data():
    (X, y), (Xt, yt) = load_digits()
    return X[:300], y[:300], Xt[:400], yt[:400]


def test_confusion_counts_by_hand():
    counts = confusion_counts([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 2, 0])
    expected = np.zeros((10, 10), int)
    expected[0, 0], expected[0, 1], expected[1, 1], expected[2, 2], expected[2, 0] = 1, 1, 1, 2, 1
    np.testing.assert_array_equal(counts, expected)


def test_confusion_matrix_figure_shows_the_counts(data):
    _, _, Xt, yt = data
    net = Network([784, 16, 16, 10], seed=0)
    net.train(Xt, yt, epochs=2, progress=False)
    fig = plots.confusion_matrix(net, Xt, yt)
    assert isinstance(fig, Figure)
    counts = confusion_counts(yt, net.predict(Xt))
    ax = fig.axes[0]
    shown = np.nan_to_num(ax.images[0].get_array().filled(np.nan))
    np.testing.assert_array_equal(shown, counts)
    assert f"{net.accuracy(Xt, yt):.1%}" in ax.get_title()
    assert sum(int(t.get_text()) for t in ax.texts) == len(yt)


def test_mistake_gallery_titles_match_the_network(data):
    _, _, Xt, yt = data
    net = Network([784, 16, 16, 10], seed=0)
    fig = plots.mistake_gallery(net, Xt, yt, n=6)
    outputs = net.forward(Xt)
    titled = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert len(titled) == 6
    wrong = np.flatnonzero(outputs.argmax(1) != yt)
    most = wrong[np.argsort(-outputs[wrong].max(1), kind="stable")][0]
    assert titled[0] == f"true {yt[most]} · net {outputs[most].argmax()}\nconfidence {outputs[most].max():.2f}"


def test_five_descents_titles_state_each_behaviour():
    fig = plots.five_descents()
    titles = [ax.get_title() for ax in fig.axes]
    assert "1.131" in titles[0] and "settled" in titles[0]
    assert "-1.301" in titles[1] and "-1.301" in titles[2]
    assert "bouncing" in titles[3] and "-1.445" in titles[3] and "-1.085" in titles[3]
    assert "diverged" in titles[4]


def test_learning_curve_draws_both_series():
    history = {"epoch": [1, 2, 3], "train_cost": [0.5, 0.3, 0.2], "test_accuracy": [0.7, 0.8, 0.85],
               "train_accuracy": [0.7, 0.8, 0.9], "seconds": [0.1, 0.2, 0.3]}
    fig = plots.learning_curve(history)
    left, right = fig.axes
    np.testing.assert_allclose(left.lines[0].get_ydata(), [0.5, 0.3, 0.2])
    np.testing.assert_allclose(right.lines[0].get_ydata(), [70, 80, 85])
    assert left.get_ylabel() and right.get_ylabel()


def test_noise_outputs_and_example_cost_titles(data):
    X, y, _, _ = data
    net = Network([784, 16, 16, 10], seed=0)
    noise = np.random.default_rng(0).random((3, 784))
    fig = plots.noise_outputs(net, noise)
    answers = net.forward(noise).argmax(1)
    bar_titles = [ax.get_title() for ax in fig.axes if ax.get_title().startswith("answer")]
    assert [int(t.split()[1].rstrip(",")) for t in bar_titles] == list(answers)
    fig = plots.example_cost(X[0], y[0], {"random": net})
    cost = np.sum((net.forward(X[0]) - one_hot([y[0]])[0]) ** 2)
    assert any(f"{cost:.3f}" in ax.get_title() for ax in fig.axes)
