"""Lesson 03's static drawings show the numbers they are given, and those numbers are right."""

import re

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from helpers import Network, load_digits, plots, wishes
from helpers.plots._core import readability_problems


@pytest.fixture(scope="module")
def lesson():
    net = wishes.partly_trained_network()
    _, x, label = wishes.example_two(net)
    return net, x, label


def bar_heights(ax):
    return np.array([p.get_height() for p in ax.patches])


def test_three_levers_draws_activations_weight_and_activation_wishes(lesson):
    net, x, label = lesson
    levers = wishes.lever_wishes(net, x, label)
    fig = plots.three_levers(levers)
    left, middle, right = fig.axes[:3]
    np.testing.assert_allclose(bar_heights(left), levers["previous_activations"])
    np.testing.assert_allclose(bar_heights(middle), levers["weights"])
    np.testing.assert_allclose(bar_heights(right), levers["previous"])
    assert f"{levers['bias']:+.4f}" in fig.get_suptitle()


def test_wishes_by_layer_draws_every_layer(lesson):
    net, x, label = lesson
    w = wishes.layer_wishes(net, x, label)
    fig = plots.wishes_by_layer(w, x)
    for panel, layer in enumerate((3, 2, 1)):
        np.testing.assert_allclose(bar_heights(fig.axes[panel]), w[layer])
    np.testing.assert_allclose(fig.axes[3].images[0].get_array(), w[0].reshape(28, 28))
    vmin, vmax = fig.axes[3].images[0].get_clim()
    assert vmin == -vmax                     # white is zero


def test_one_step_effects_and_their_drawing(lesson):
    net, x, label = lesson
    (X, y), (Xt, yt) = load_digits()
    effects = wishes.one_step_effects(net, x, label, X, y, Xt, yt, steps=[0.0, 3.0], shown=3.0)
    # independent: one step on this example's cost, then the test answers
    nabla_w, nabla_b = net.gradient(x[None], [label])
    moved = net.copy()
    for W, b, gW, gb in zip(moved.weights, moved.biases, nabla_w, nabla_b):
        W -= 3.0 * gW
        b -= 3.0 * gb
    answers = moved.predict(Xt)
    assert effects["one_accuracy"][1] == pytest.approx(np.mean(answers == yt))
    assert effects["one_called"][1] == pytest.approx(np.mean(answers == 2))
    np.testing.assert_array_equal(effects["counts_one"], np.bincount(answers, minlength=10))
    assert effects["one_accuracy"][0] == effects["average_accuracy"][0] == pytest.approx(net.accuracy(Xt, yt))
    # the lesson's point: the lone example's step makes far more 2s than the average's
    assert effects["one_called_shown"] > 0.5 > effects["average_called_shown"]
    assert effects["average_accuracy_shown"] > effects["one_accuracy_shown"]
    fig = plots.one_example_vs_average(effects)
    left, right = fig.axes
    np.testing.assert_allclose(right.lines[0].get_ydata(), effects["one_accuracy"])
    heights = bar_heights(left)
    np.testing.assert_allclose(heights[10:20], effects["counts_one"])


def test_minibatch_directions_are_cosines_with_the_full_gradient():
    (X, y), _ = load_digits()
    X, y = X[:500], y[:500]
    net = Network([784, 16, 16, 10], seed=2)
    cosines = wishes.minibatch_directions(net, X, y, batch_sizes=(5, 500), draws=3, seed=1)

    def flat(g):
        return np.concatenate([a.ravel() for a in g[0] + g[1]])

    full = flat(net.gradient(X, y))
    rng = np.random.default_rng(1)
    batch = rng.choice(500, size=5, replace=False)
    g = flat(net.gradient(X[batch], y[batch]))
    assert cosines[5][0] == pytest.approx(g @ full / np.linalg.norm(g) / np.linalg.norm(full), rel=1e-10)
    np.testing.assert_allclose(cosines[500], 1.0, rtol=1e-10)     # the whole set is the full batch
    fig = plots.minibatch_directions_plot(cosines)
    np.testing.assert_allclose(fig.axes[0].collections[0].get_offsets()[:, 1], cosines[5])


def legends_over_axes(fig):
    """Legends whose box overlaps an axes' plotting area (where they could cover data)."""
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    legends = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    return [(legend, ax) for legend in legends for ax in fig.axes
            if legend.get_window_extent(renderer).overlaps(ax.get_window_extent(renderer))]


@pytest.mark.slow
def test_every_figure_of_lesson_03_fits_the_page_and_is_readable(lesson):
    """At most 840 px wide, no text under 9 px, and no legend on top of a plot (issue 16)."""
    net, x, label = lesson
    (X, y), (Xt, yt) = load_digits()
    figures = {
        "three_levers": plots.three_levers(wishes.lever_wishes(net, x, label)),
        "wishes_by_layer": plots.wishes_by_layer(wishes.layer_wishes(net, x, label), x),
        "one_example_vs_average": plots.one_example_vs_average(
            wishes.one_step_effects(net, x, label, X, y, Xt, yt, steps=[0.0, 3.0], shown=3.0)),
        "minibatch_directions_plot": plots.minibatch_directions_plot(
            wishes.minibatch_directions(net, X[:500], y[:500], batch_sizes=(1, 10, 100), draws=3)),
        "digit_grid": plots.digit_grid(X[y == 2], y[y == 2], n=24, title="Some of the bundled training 2s"),
    }
    for name, fig in figures.items():
        assert readability_problems(fig) == [], name
        assert fig.get_figwidth() * fig.dpi <= 840, name
    for name in ("three_levers", "wishes_by_layer", "one_example_vs_average"):
        assert legends_over_axes(figures[name]) == [], name


# ----- the Simplified Chinese edition --------------------------------------------------------------

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")


def test_lesson_03_figures_speak_chinese_and_keep_their_legends_off_the_data(lesson, zh_cn):
    net, x, label = lesson
    (X, y), (Xt, yt) = load_digits()
    figures = {
        "three_levers": plots.three_levers(wishes.lever_wishes(net, x, label)),
        "wishes_by_layer": plots.wishes_by_layer(wishes.layer_wishes(net, x, label), x),
        "one_example_vs_average": plots.one_example_vs_average(
            wishes.one_step_effects(net, x, label, X, y, Xt, yt, steps=[0.0, 3.0], shown=3.0)),
        "minibatch_directions_plot": plots.minibatch_directions_plot(
            wishes.minibatch_directions(net, X[:300], y[:300], batch_sizes=(1, 10), draws=3)),
    }
    for name, fig in figures.items():
        assert readability_problems(fig) == [], name
        texts = [t.get_text() for t in fig.findobj(Text) if t.get_text().strip()]
        assert any(CJK.search(t) for t in texts), name
        assert [t for t in texts if CJK.search(t) and "$" in t] == [], name     # matplotlib: no Chinese in $...$
    for name in ("three_levers", "wishes_by_layer", "one_example_vs_average"):
        assert legends_over_axes(figures[name]) == [], name
    levers = figures["three_levers"]
    assert "杠杆 1" in levers.get_suptitle() and "偏置" in levers.get_suptitle()
    legend = [t.get_text() for t in figures["wishes_by_layer"].legends[0].get_texts()]
    assert legend == ["愿望：更亮（绿色）", "愿望：更暗（红色）"]
    assert figures["minibatch_directions_plot"].axes[0].get_xlabel() == "小批量大小（对数刻度）"


def test_wish_table_plot_shows_every_number():
    from helpers import load_digits
    from helpers.wishes import partly_trained_network, wish_table
    (X, y), _ = load_digits()
    table = wish_table(partly_trained_network(), X[:200], y[:200], examples=[0, 1, 2])
    fig = plots.wish_table_plot(table)
    assert readability_problems(fig) == []
    texts = [t.get_text() for t in fig.axes[0].texts]
    for value in list(table["wishes"].ravel()) + list(table["average"]):
        assert (f"{value:+.4f}" if abs(value) >= 5e-5 else "≈ 0") in texts
    shown = fig.axes[0].images[0].get_array()
    np.testing.assert_allclose(shown[:, -1], table["average"])
