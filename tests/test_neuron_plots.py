"""Lesson 01's numbers and drawings: the hand-made weight patterns, one neuron's arithmetic, the figures."""

import re

import numpy as np
import pytest
from figure_checks import figure_texts, texts_cut_off
from matplotlib.colors import to_rgba

from helpers import load_digits, load_trained_network, plots
from helpers.neuron import (
    PATTERN_NAMES,
    connection_contributions,
    digits_that_excite,
    hope_pictures,
    neuron_response,
    pattern_weights,
)
from helpers.plots._core import readability_problems


@pytest.mark.parametrize("name", PATTERN_NAMES)
def test_patterns_are_28_by_28_weights_in_minus_one_to_one(name):
    w = pattern_weights(name)
    assert w.shape == (28, 28) and np.all(np.isfinite(w))
    assert np.all(np.abs(w) <= 1.0)
    np.testing.assert_array_equal(w, pattern_weights(name))       # seeded: the same every call
    w[0, 0] = 123.0                                                      # a fresh array each call
    assert pattern_weights(name)[0, 0] != 123.0


def test_loop_detector_is_a_positive_ring_with_negative_centre_and_outside():
    w = pattern_weights("loop, upper half")      # centre (row 10, column 14), radius 4
    assert w[10, 14 + 4] == 1.0 and w[10 - 4, 14] == 1.0
    assert w[10, 14 + 1] == -1.0 and w[10, 14 + 7] == -1.0
    assert w[26, 0] == 0.0


def test_unknown_pattern_is_named():
    with pytest.raises(ValueError, match="pattern must be one of"):
        pattern_weights("spiral")


def test_hope_pictures_are_pieces_of_the_nine():
    pictures = hope_pictures()
    loop, stroke = pictures["pieces"]
    nine = pictures["digit"]
    assert len(pictures["edges"]) == 6 and set(np.unique(nine)) == {0.0, 1.0}
    np.testing.assert_array_equal(nine, (loop == 1) | (stroke == 1))
    # the four quarter arcs together are the whole loop detector
    np.testing.assert_array_equal(sum(pictures["edges"][:4]), loop)


def test_neuron_response_is_the_weighted_sum_plus_bias():
    w, a = np.array([2.0, -1.5, 0.0]), np.array([0.7, 0.4, 1.0])
    r = neuron_response(w, a, -0.3)
    assert r["weighted_sum"] == pytest.approx(2.0 * 0.7 - 1.5 * 0.4)
    assert r["positive_part"] == pytest.approx(1.4) and r["negative_part"] == pytest.approx(-0.6)
    assert r["z"] == pytest.approx(0.5) and r["activation"] == pytest.approx(1 / (1 + np.exp(-0.5)))
    np.testing.assert_allclose(r["products"], [1.4, -0.6, 0.0])
    with np.errstate(over="raise"):
        assert neuron_response([1000.0], [1.0], 0.0)["activation"] == 1.0       # no overflow
        assert neuron_response([-1000.0], [1.0], 0.0)["activation"] == 0.0
    with pytest.raises(ValueError, match="same shape"):
        neuron_response(np.ones(784), np.ones((28, 28)), 0.0)


def test_digits_that_excite_ranks_by_z_and_counts_the_best_100():
    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.5, 0.5]] * 30)
    y = np.array([7, 1, 4, 2] * 30)
    ranking = digits_that_excite(X, y, np.array([2.0, -1.0]), 1.0, top=3)
    # z = 2 x0 - x1 + 1: 0, 3, 2, 1.5 -> the 1.0-ties keep the data's order
    assert ranking["indices"] == [1, 5, 9] and ranking["labels"] == [1, 1, 1]
    assert ranking["z"] == [3.0, 3.0, 3.0]
    assert ranking["activations"] == pytest.approx([1 / (1 + np.exp(-3.0))] * 3)
    assert ranking["top100_counts"] == [0, 30, 30, 0, 30, 0, 0, 10, 0, 0]


def test_connection_contributions_are_w_jk_times_a_k():
    W = np.arange(6.0).reshape(2, 3)
    a = np.array([1.0, 0.5, 0.0])
    contributions = connection_contributions(W, a)
    np.testing.assert_array_equal(contributions, [[0.0, 0.5, 0.0], [3.0, 2.0, 0.0]])
    np.testing.assert_allclose(contributions.sum(axis=1), W @ a)


def test_sigmoid_and_relu_draw_the_two_formulas():
    fig = plots.sigmoid_and_relu()
    left, right = fig.axes
    z, a = left.lines[0].get_data()
    np.testing.assert_allclose(a, 1 / (1 + np.exp(-z)), rtol=1e-12, atol=1e-15)
    z, r = right.lines[0].get_data()
    np.testing.assert_array_equal(r, np.maximum(z, 0))
    z, silu = right.lines[1].get_data()                       # the smooth relative, z sigma(z)
    np.testing.assert_allclose(silu, z / (1 + np.exp(-z)), rtol=1e-12, atol=1e-15)
    assert left.get_title() and right.get_title() and left.get_xlabel() and left.get_legend()


def test_weight_drawings_follow_the_palette():
    try:
        plots.use_palette("colorblind")
        fig = plots.weight_patterns()
        image = fig.axes[0].images[0]
        assert image.cmap(1.0) == to_rgba(plots.positive_color())
        assert image.cmap(0.0) == to_rgba(plots.negative_color())
    finally:
        plots.use_palette("video")


def test_other_figures_have_titles():
    (_, _), (X_test, _) = load_digits()
    net = load_trained_network()
    for fig in (plots.network_structure(), plots.hope_of_layers(), plots.layer_as_matrix(net, X_test[0], 3)):
        fig.canvas.draw()
        titles = [fig.get_suptitle()] + [ax.get_title() for ax in fig.axes]
        assert any(titles)
    bars = plots.layer_as_matrix(net, X_test[0], 3).axes[-1].patches
    expected = 1 / (1 + np.exp(-(net.weights[0] @ X_test[0] + net.biases[0])))
    np.testing.assert_allclose([bar.get_width() for bar in bars], expected, rtol=1e-9, atol=1e-12)


def test_matrix_times_vector_writes_in_the_numbers_and_outlines_one_row():
    from helpers.neuron import matrix_vector_example
    example = matrix_vector_example()
    for row in range(3):
        fig = plots.matrix_times_vector(row=row)
        texts = figure_texts(fig)
        numbers = [float(t.replace("−", "-")) for t in texts if re.fullmatch(r"−?[0-9.]+", t)]
        cells = [*example["W"].ravel(), *example["a"], *example["Wa"]]
        indices = [0, 1, 2, 3, 0, 1, 2]                              # column k and row j labels
        assert sorted(numbers) == sorted(cells + indices)           # every number written in, nothing else
        line = next(t for t in texts if t.startswith(f"row {row} · a ="))
        total = example["Wa"][row]
        assert line.endswith(f"= {total:g}".replace("-", "−"))
        assert line.count(")(") == 4                                   # one product per input
        outlined = [p for p in fig.axes[0].patches if not p.get_fill()]
        assert any(p.get_width() == 4 and p.get_height() == 1 for p in outlined)   # W's row `row`
        assert "−0" not in " ".join(texts)
    with pytest.raises(ValueError, match="row must be"):
        plots.matrix_times_vector(row=3)


# ----- readable on a laptop screen (issue 16): every figure lessons 00 and 01 show -----

def lesson_figures():
    """Each figure lessons 00 and 01 show, by name: a function that builds it."""
    (X, y), (X_test, y_test) = load_digits()
    net = load_trained_network()
    threes = np.flatnonzero(y == 3)[:16]
    return {
        "00 digit grid": lambda: plots.digit_grid(X, y, n=24),
        "00 digit and vector": lambda: plots.digit_and_vector(X[0], y[0]),
        "00 label counts": lambda: plots.label_counts(y, y_test),
        "00 weight picture": lambda: plots.weight_picture(net.weights[0][3],
                                                           title="weights into hidden neuron 3 (video palette)"),
        "01 sixteen threes": lambda: plots.digit_grid(X[threes], y[threes], n=16, title="Sixteen different threes"),
        "01 network structure": lambda: plots.network_structure([784, 16, 16, 10]),
        "01 hope of layers": plots.hope_of_layers,
        "01 weight patterns": plots.weight_patterns,
        "01 layer as matrix": lambda: plots.layer_as_matrix(net, X_test[0], neuron=3),
        "01 matrix times vector": lambda: plots.matrix_times_vector(row=0),
        "01 sigmoid and relu": plots.sigmoid_and_relu,
        "predictions grid": lambda: plots.digit_grid(X, y, n=16, predictions=(y[:16] + 1) % 10),
    }


@pytest.mark.slow
@pytest.mark.parametrize("name", list(lesson_figures()))
def test_every_figure_of_lessons_00_and_01_is_readable(name):
    """Readable text, and no text cut at the figure edge once it is laid out (one layout for both)."""
    fig = lesson_figures()[name]()
    assert readability_problems(fig) == [], name
    fig.draw_without_rendering()
    assert texts_cut_off(fig, drawn=True) == [], name


@pytest.mark.slow
def test_no_text_of_lessons_00_and_01_is_cut_at_the_figure_edge():
    """The check can fail (each lesson figure's texts: test_every_figure_of_lessons_00_and_01_is_readable)."""
    long_title = plots.weight_picture(np.zeros(784), title="x" * 80)
    assert texts_cut_off(long_title)


def test_a_figure_too_wide_or_with_tiny_text_is_reported():
    """The check above can fail: the old 10-inch digit-and-vector figure and 7-point text break the rules."""
    fig = plots.digit_grid(*load_digits()[0], n=8)
    fig.set_size_inches(10, 3)
    fig.axes[0].set_title("tiny", fontsize=5)
    problems = readability_problems(fig)
    assert any("1000 px wide" in p for p in problems) and any("'tiny'" in p for p in problems)


def test_label_counts_legend_sits_beside_the_bars_not_on_them():
    (_, y), (_, y_test) = load_digits()
    fig = plots.label_counts(y, y_test)
    fig.draw_without_rendering()                                  # runs the layout, as Jupyter's draw does
    ax = fig.axes[0]
    legend, frame = ax.get_legend().get_window_extent(), ax.get_window_extent()
    assert legend.x0 >= frame.x1                                  # entirely right of the axes
    assert fig.get_figwidth() * fig.dpi >= legend.x1              # and still inside the figure
    counts = [bar.get_height() for bar in ax.patches]
    np.testing.assert_array_equal(counts[:10], np.bincount(y, minlength=10))


# ----- the Simplified Chinese edition --------------------------------------------------------------

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")


@pytest.mark.slow
@pytest.mark.parametrize("name", list(lesson_figures()))
def test_lesson_00_and_01_figures_speak_chinese_and_still_fit(name, zh_cn):
    fig = lesson_figures()[name]()
    texts = figure_texts(fig)                                   # laid out once: every check below measures it
    assert any(CJK.search(t) for t in texts), name
    assert [t for t in texts if CJK.search(t) and "$" in t] == [], name      # no Chinese inside mathtext
    assert readability_problems(fig) == [], name
    assert texts_cut_off(fig, drawn=True) == [], name
    if name == "01 network structure":
        assert any("784 个神经元" in t for t in texts) and any("视频里的网络" in t for t in texts)
    if name == "00 label counts":
        assert fig.axes[0].get_xlabel() == "数字"
    if name == "01 sigmoid and relu":
        assert "激活值" in fig.axes[0].get_ylabel()


def test_palette_words_follow_the_language(zh_cn, capsys):
    from helpers.plots.palette import sign_words, weight_label
    try:
        plots.use_palette("colorblind")
        assert "正权重用蓝色" in capsys.readouterr().out
        assert sign_words() == ("橙色", "蓝色") and weight_label() == "权重（蓝色 +，橙色 −）"
    finally:
        plots.use_palette("video")
    assert weight_label() == "权重（绿色 +，红色 −）"
    with pytest.raises(ValueError, match="配色必须是"):
        plots.use_palette("rainbow")


def test_pattern_names_stay_english_keys_and_read_in_chinese(zh_cn):
    from helpers.core import languages
    assert PATTERN_NAMES[0] == "horizontal stroke, top"          # what code and the widget compare
    assert languages._(PATTERN_NAMES[0]) == "横笔画，上"
    titles = [ax.get_title() for ax in plots.weight_patterns().axes]
    assert "圈，上半部" in titles
    with pytest.raises(ValueError, match="图案必须是"):
        pattern_weights("spiral")
