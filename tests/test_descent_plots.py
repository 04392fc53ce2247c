"""Lesson 02's plots: the numbers they draw are the numbers the math gives."""

import re
from functools import partial

import numpy as np
import pytest
from figure_checks import figure_texts, shown_in_jupyter
from matplotlib.figure import Figure
from matplotlib.text import Text

from helpers import Network, load_digits, load_trained_network, plots
from helpers.core.evaluation import confusion_counts
from helpers.descent import one_hot
from helpers.plots._core import readability_problems


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


# ----- every figure lesson 02 shows fits the notebook and has readable text ---------------

def lesson_figures():
    """Each figure lesson 02 draws, built as the lesson builds it (a short fake history for the curve)."""
    (X, y), (Xt, yt) = load_digits()
    fresh, trained = Network([784, 16, 16, 10], seed=0), load_trained_network()
    history = {"epoch": [1, 2, 3], "train_cost": [0.5, 0.3, 0.2], "test_accuracy": [0.7, 0.8, 0.85],
               "train_accuracy": [0.7, 0.8, 0.9], "seconds": [0.1, 0.2, 0.3]}
    nets = {"random network": fresh, "trained network": trained}
    noise = np.random.default_rng(0).random((5, 784))
    return {
        "example_cost": lambda: plots.example_cost(X[0], y[0], nets),
        "cost_per_example": lambda: plots.cost_per_example(nets, X[:500], y[:500]),
        "five_descents": plots.five_descents,
        "learning_curve": lambda: plots.learning_curve(history),
        "confusion_matrix": lambda: plots.confusion_matrix(trained, Xt, yt),
        "mistake_gallery": lambda: plots.mistake_gallery(trained, Xt, yt, n=16),
        "noise_outputs": lambda: plots.noise_outputs(trained, noise),
        "first_layer_tiles": lambda: plots.first_layer_tiles(
            trained, title="Weights into the 16 first-layer neurons of the trained network"),
    }


@pytest.mark.parametrize("name", list(lesson_figures()))
def test_every_lesson_figure_is_readable(name):
    """Readable text; at most 840 px wide as shown; no legend over the data; no raw underscore; no text cut at the
    edge. The layout is measured once, as the PNG shows it (tests/figure_checks.py): a draw each is most of the cost."""
    fig = lesson_figures()[name]()
    assert readability_problems(fig) == []
    raw_underscores = [s for s in (text.get_text() for text in fig.findobj(Text)) if "_" in s and s.count("$") < 2]
    assert raw_underscores == [], f"{name}: {raw_underscores[0]!r} shows a raw underscore"
    # As Jupyter's inline backend shows it: a tight bounding box with 0.1 inch of padding.
    (width, height), (covered, cut) = shown_in_jupyter(fig, partial(legend_overlaps, drawn=True),
                                                       partial(texts_cut_off, drawn=True))
    assert width <= 840, f"{name} is shown {width} px wide"
    assert covered == [], name
    assert cut == [], name


def test_readability_check_would_catch_the_old_five_descents():
    """The rule is live: five panels side by side at 2.6 inches each (the old layout) break it."""
    from helpers.plots._core import new_figure

    fig = new_figure((2.6 * 5, 2.9))
    fig.add_subplot().set_title("w₀ = 2, η = 0.05", fontsize=6)
    problems = readability_problems(fig)
    assert any("wide" in p for p in problems) and any("px (at least" in p for p in problems)


def legend_overlaps(fig, drawn=False):
    """What lies under a legend of `fig`, measured on the drawn figure: bars and plotted points.

    `drawn`: the caller has just laid the figure out (`fig.canvas.draw()` of a bare Figure lays nothing out).
    """
    if not drawn:
        fig.canvas.draw()
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend()] + list(fig.legends)
    boxes = [legend.get_window_extent() for legend in legends]
    covered = []
    for ax in fig.axes:
        for patch in ax.patches:
            extent = patch.get_window_extent()
            if extent.width > 0 and extent.height > 1 and any(box.overlaps(extent) for box in boxes):
                covered.append("a bar")
        for line in ax.lines:
            points = line.get_transform().transform(np.asarray(line.get_xydata(), float))
            if any(box.contains(x, y) for box in boxes for x, y in points if np.isfinite(x) and np.isfinite(y)):
                covered.append(line.get_label())
    return covered


def test_legend_check_is_live():
    from helpers.plots._core import new_figure

    fig = new_figure((4, 3))
    ax = fig.add_subplot()
    ax.plot(np.linspace(0, 1, 200), np.full(200, 0.5), label="a flat line through the middle")
    ax.legend(loc="center")
    assert legend_overlaps(fig) == ["a flat line through the middle"]


def texts_cut_off(fig, drawn=False):
    """Visible texts that reach outside the figure once it is laid out (a title or legend cut at the edge).

    Tick labels count only for ticks inside the axis' limits: matplotlib keeps the others, undrawn.
    The figure is laid out first, unless `drawn`: the caller has just laid it out.
    """
    if not drawn:
        fig.draw_without_rendering()
    width, height = fig.get_figwidth() * fig.dpi, fig.get_figheight() * fig.dpi
    texts = [t for t in fig.texts] + [t for legend in fig.legends for t in legend.get_texts()]
    for ax in fig.axes:
        texts += [ax.title, *ax.texts]
        if ax.get_legend() is not None:
            texts += ax.get_legend().get_texts() + [ax.get_legend().get_title()]
        if ax.axison:
            texts += [ax.xaxis.label, ax.yaxis.label]
            for axis in (ax.xaxis, ax.yaxis):
                lo, hi = sorted(axis.get_view_interval())
                texts += [tick.label1 for tick in axis.get_major_ticks() if lo <= tick.get_loc() <= hi]
    cut = []
    for text in texts:
        if text.get_visible() and text.get_text().strip():
            box = text.get_window_extent()
            if box.x0 < -1 or box.y0 < -1 or box.x1 > width + 1 or box.y1 > height + 1:
                cut.append(text.get_text()[:30])
    return cut


@pytest.mark.slow
def test_no_text_is_cut_at_the_figure_edge():
    """The widgets' figures here; each lesson figure's texts in test_every_lesson_figure_is_readable."""
    from helpers import widgets

    explorer = widgets.gradient_explorer()
    figures = {"descent_1d": widgets.descent_1d().view.figure, "descent_2d": widgets.descent_2d().view.figure,
               "explorer maps": explorer.view.figure, "explorer bars": explorer.bar_view.figure}
    cut = {name: texts_cut_off(fig) for name, fig in figures.items()}
    assert {name: c for name, c in cut.items() if c} == {}
    from helpers.plots._core import new_figure

    narrow = new_figure((2, 2), layout=None)
    narrow.suptitle("x" * 80)                     # the check can fail
    assert texts_cut_off(narrow)


def test_checks_measure_the_layout_the_png_shows():
    """shown_in_jupyter's measures see the figure laid out, before savefig shifts anything for its crop: a y label
    left of the figure is cut there (after savefig it would sit inside, moved by the crop's margin)."""
    from helpers.plots._core import new_figure

    fig = new_figure((4, 3), layout=None)
    ax = fig.add_subplot()
    ax.set_position([0.0, 0.1, 0.9, 0.8])
    ax.set_ylabel("a y label off the edge")
    ax.plot(np.linspace(0, 1, 200), np.full(200, 0.5), label="a flat line through the middle")
    ax.legend(loc="center")
    (width, _), (cut, covered) = shown_in_jupyter(fig, partial(texts_cut_off, drawn=True),
                                                  partial(legend_overlaps, drawn=True))
    assert "a y label off the edge" in cut and covered == ["a flat line through the middle"]
    assert width > 400                                       # the crop took in the label


# ----- the Simplified Chinese edition --------------------------------------------------------------

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")


@pytest.mark.slow
@pytest.mark.parametrize("name", list(lesson_figures()))
def test_every_lesson_02_figure_speaks_chinese(name, zh_cn, no_warnings):
    fig = lesson_figures()[name]()
    # the texts as laid out for the PNG; the PNG drawn with no "glyph missing from font" warning
    (width, _), (texts,) = shown_in_jupyter(fig, partial(figure_texts, drawn=True))
    assert any(CJK.search(t) for t in texts), texts
    # matplotlib cannot draw Chinese inside a text that holds $...$: the translation writes the math in Unicode
    assert [t for t in texts if CJK.search(t) and "$" in t] == []
    assert readability_problems(fig) == []
    assert width <= 840


def test_lesson_02_titles_and_axes_are_chinese_under_zh_cn_and_english_without(zh_cn):
    fig = plots.five_descents()
    assert "梯度下降" in fig.get_suptitle()
    assert any("停在了谷底" in ax.get_title() for ax in fig.axes)          # a walk's status, translated
    trained = load_trained_network()
    (_, _), (Xt, yt) = load_digits()
    fig = plots.confusion_matrix(trained, Xt[:200], yt[:200])
    ax = fig.axes[0]
    assert ax.get_xlabel() == "网络的答案" and ax.get_ylabel() == "真实标签"
    assert "混淆矩阵" in ax.get_title()
    assert "训练" in plots.learning_curve({"epoch": [1], "train_cost": [0.3],
                                          "test_accuracy": [0.9]}).axes[0].get_title()


def test_lesson_02_figures_stay_english_by_default():
    fig = plots.five_descents()
    assert fig.get_suptitle().startswith("Five runs of gradient descent")
    assert not any(CJK.search(t) for t in figure_texts(fig))


def test_partial_derivatives_figure_shows_the_slices_and_their_slopes():
    from helpers.descent import partial_slices
    fig = plots.partial_derivatives((0.5, 1.0))
    assert readability_problems(fig) == []
    cut = partial_slices((0.5, 1.0))
    _, along_x, along_y = fig.axes[:3]
    np.testing.assert_allclose(along_x.lines[0].get_ydata(), cut["x"]["cost"])
    np.testing.assert_allclose(along_y.lines[0].get_ydata(), cut["y"]["cost"])
    tangent = along_x.lines[1]
    (x0, x1), (y0, y1) = tangent.get_xdata(), tangent.get_ydata()
    assert np.isclose((y1 - y0) / (x1 - x0), cut["x"]["slope"])
    assert "-3.95" in along_x.get_title() and "+5.50" in along_y.get_title()


def test_nudge_column_figure_prints_the_rows():
    from helpers.descent import explorer_batch, nudge_column
    net = Network([784, 16, 16, 10], seed=0)
    rows = nudge_column(net, net.gradient(*explorer_batch()))
    fig = plots.nudge_column(rows, net.n_params)
    assert readability_problems(fig) == []
    texts = [t.get_text() for t in fig.axes[0].texts]
    for row in rows:
        assert f"{row['nudge']:+.4f}" in texts and f"{row['value']:+.3f}" in texts
    assert texts.count("⋮") >= 2 * sum(r["gap_before"] for r in rows)
    bars = fig.axes[0].patches
    top = max(rows, key=lambda r: abs(r["nudge"]))
    assert np.isclose(max(b.get_width() for b in bars), 2.8) and top["rank"] == 1
    assert sum(b.get_width() > 0 for b in bars) == sum(r["nudge"] != 0 for r in rows)
