"""Lesson 01's widgets, driven from code: the numbers shown and the artists drawn.

Expected numbers are computed here independently: the sigmoid written out as
1 / (1 + exp(-z)) (only where z is moderate), weighted sums as plain NumPy sums,
the network's layers as explicit matrix products.
"""

import io
import re
import warnings

import numpy as np
import pytest
from chinese import drawn_without_missing_glyphs
from figure_checks import texts_cut_off
from PIL import Image

from helpers import load_digits, load_trained_network, plots, widgets
from helpers.neuron import pattern_weights


def plain_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def png_pixels(widget):
    return np.asarray(Image.open(io.BytesIO(widget.view.widget.value)).convert("RGB"), dtype=int)


@pytest.fixture
def no_warnings():
    """Numeric warnings (overflow, invalid value) become errors."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        yield


@pytest.fixture(scope="module")
def digits():
    return load_digits()


# ----- lesson 00's digit browser -----------------------------------------------------

def test_digit_browser_shows_the_chosen_training_digit(digits):
    (X, y), _ = digits
    w = widgets.digit_browser()
    before = png_pixels(w)
    w.set(index=1234)
    assert w.values == {"index": 1234, "label": int(y[1234]), "lit_pixels": int(np.count_nonzero(X[1234])),
                        "brightest": float(X[1234].max())}
    np.testing.assert_array_equal(w.image.get_array(), X[1234].reshape(28, 28))
    assert w.title.get_text() == f"training digit 1234: a {y[1234]}"
    assert f"label <b>{y[1234]}</b>" in w.info.value
    assert not np.array_equal(before, png_pixels(w))           # the picture really changed


# ----- single neuron --------------------------------------------------------------

def test_single_neuron_numbers_and_marker(no_warnings):
    w = widgets.single_neuron()
    w.set(w1=2.0, a1=0.7, w2=-1.5, a2=0.4, b=-0.3)
    z = 2.0 * 0.7 + -1.5 * 0.4 + -0.3
    v = w.values
    assert v["weighted_sum"] == pytest.approx(2.0 * 0.7 - 1.5 * 0.4)
    assert v["z"] == pytest.approx(z)
    assert v["activation"] == pytest.approx(plain_sigmoid(z), rel=1e-12)
    assert v["off_chart"] is None
    # the dot sits on the curve at (z, sigma(z)); the vertical and horizontal lines follow it
    xs, ys = w.dot.get_data()
    assert xs[0] == pytest.approx(z) and ys[0] == pytest.approx(plain_sigmoid(z), rel=1e-12)
    assert w.z_line.get_xdata()[0] == pytest.approx(z)
    assert w.a_line.get_ydata()[0] == pytest.approx(plain_sigmoid(z), rel=1e-12)
    assert f"{z:.6f}" in w.z_text.value and f"{plain_sigmoid(z):.6f}" in w.a_text.value


def test_single_neuron_bias_shifts_the_threshold_both_ways():
    w = widgets.single_neuron()
    w.set(w1=10.0, a1=1.0, w2=0.0, a2=0.0, b=-10.0)      # V1's example: sum 10 just reaches the threshold
    assert w.values["z"] == pytest.approx(0.0) and w.values["activation"] == pytest.approx(0.5)
    w.set(w1=1.0, a1=0.5, b=5.0)                           # a positive bias: active with little input
    assert w.values["activation"] == pytest.approx(plain_sigmoid(5.5), rel=1e-12)
    assert w.values["activation"] > 0.99


@pytest.mark.parametrize("settings, z, side", [
    (dict(w1=10.0, a1=1.0, w2=10.0, a2=1.0, b=10.0), 30.0, "right"),
    (dict(w1=-10.0, a1=1.0, w2=-10.0, a2=1.0, b=-10.0), -30.0, "left"),
])
def test_single_neuron_extreme_z_is_clipped_and_clean(settings, z, side, no_warnings):
    w = widgets.single_neuron()
    before = png_pixels(w)
    w.set(**settings)
    v = w.values
    assert v["z"] == pytest.approx(z) and v["off_chart"] == side
    assert np.isfinite(v["activation"]) and 0.0 <= v["activation"] <= 1.0
    assert v["marker_z"] == pytest.approx(np.sign(z) * w.Z_LIMIT)
    assert w.dot.get_data()[0][0] == pytest.approx(np.sign(z) * w.Z_LIMIT)
    assert "off the chart" in w.z_text.value and "nan" not in (w.z_text.value + w.a_text.value).lower()
    assert w.edge_note.get_text() != ""
    assert not np.array_equal(before, png_pixels(w))           # the picture really changed
    w.set(w1=1.0, w2=0.0, b=0.0)
    assert w.values["off_chart"] is None and w.edge_note.get_text() == ""


# ----- weight pattern -------------------------------------------------------------

def test_weight_pattern_sum_and_activation(digits, no_warnings):
    (X, y), _ = digits
    w = widgets.weight_pattern()
    for name in ["vertical stroke, centre", "loop, upper half", "random (seed 0)"]:
        w.set(pattern=name, digit=7, bias=-4.5)
        weights = pattern_weights(name)
        weighted_sum = float(np.sum(weights.ravel() * X[7]))
        v = w.values
        assert v["weighted_sum"] == pytest.approx(weighted_sum, rel=1e-12, abs=1e-12)
        assert v["z"] == pytest.approx(weighted_sum - 4.5)
        assert v["activation"] == pytest.approx(plain_sigmoid(weighted_sum - 4.5), rel=1e-9)
        assert v["label"] == y[7]
        np.testing.assert_array_equal(w.weight_image.get_array(), weights)
        np.testing.assert_allclose(w.digit_image.get_array(), X[7].reshape(28, 28))
        np.testing.assert_allclose(w.product_image.get_array(), weights * X[7].reshape(28, 28))
        assert v["positive_part"] + v["negative_part"] == pytest.approx(weighted_sum)


def test_edge_detector_shape():
    """Positive on a strip, negative just around it, zero elsewhere."""
    w = pattern_weights("horizontal stroke, middle")
    assert set(np.unique(w)) == {-1.0, 0.0, 1.0}
    assert np.all(w[14, 10:18] == 1) and np.all(w[11, 10:18] == -1) and np.all(w[17, 10:18] == -1)
    assert np.all(w[:8] == 0) and np.all(w[22:] == 0)


def test_painting_cells(digits):
    (X, _), _ = digits
    w = widgets.weight_pattern()
    w.set(pattern="blank (paint your own)", digit=3, bias=0.0)
    assert w.values["weighted_sum"] == 0.0
    w.set(row=10, column=12, size=3, brush=1.0)
    w.paint()
    w.set(row=20, column=27, size=1, brush=-1.0)
    w.paint()
    expected = np.zeros((28, 28))
    expected[9:12, 11:14] = 1.0
    expected[20, 27] = -1.0
    np.testing.assert_array_equal(w.weights, expected)
    np.testing.assert_array_equal(w.weight_image.get_array(), expected)
    assert w.values["weighted_sum"] == pytest.approx(float(expected.ravel() @ X[3]))
    assert "10 painted" in w.values["pattern"]
    # the cursor outlines the brush square
    assert w.cursors[0].get_xy() == (26.5, 19.5) and w.cursors[0].get_width() == 1
    w.set(brush=0.0, row=10, column=12, size=3)
    w.paint()                                               # the eraser
    np.testing.assert_array_equal(w.weights[9:12, 11:14], 0.0)
    w.set(pattern="loop, lower half")                       # choosing a pattern replaces the painting
    np.testing.assert_array_equal(w.weights, pattern_weights("loop, lower half"))
    assert "painted" not in w.values["pattern"]


def test_rank_digits_matches_a_brute_force_ranking(digits):
    (X, y), _ = digits
    w = widgets.weight_pattern()
    w.set(pattern="vertical stroke, centre", bias=-10.0)
    ranking = w.rank_digits()
    weights = pattern_weights("vertical stroke, centre").ravel()
    z = np.array([float(np.dot(weights, x)) - 10.0 for x in X])
    top = np.argsort(-z, kind="stable")[:8]
    assert ranking["indices"] == [int(k) for k in top]
    assert ranking["labels"] == [int(y[k]) for k in top]
    np.testing.assert_allclose(ranking["z"], z[top])
    assert sum(ranking["top100_counts"]) == 100
    for image, k in zip(w.rank_images, top):
        np.testing.assert_allclose(image.get_array(), X[k].reshape(28, 28))
    assert w.rank_view.widget in w.children
    w.set(digit=11)                                          # the ranking still holds for the same weights
    assert w.values["ranking"] == ranking
    w.set(bias=0.0)
    assert "press the button again" in w.rank_text.value and "ranking" not in w.values


# ----- the whole network ----------------------------------------------------------

def test_network_view_matches_the_layer_formulas(digits, no_warnings):
    _, (X_test, y_test) = digits
    net = load_trained_network()
    w = widgets.network_view()
    for i in (0, 5, 1234):
        w.set(index=i)
        a0 = X_test[i]
        a1 = plain_sigmoid(net.weights[0] @ a0 + net.biases[0])
        a2 = plain_sigmoid(net.weights[1] @ a1 + net.biases[1])
        a3 = plain_sigmoid(net.weights[2] @ a2 + net.biases[2])
        v = w.values
        np.testing.assert_allclose(v["hidden1"], a1, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(v["hidden2"], a2, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(v["output"], a3, rtol=1e-9, atol=1e-12)
        assert v["prediction"] == int(np.argmax(a3)) and v["label"] == y_test[i]
        assert v["correct"] == (int(np.argmax(a3)) == y_test[i])
        # the drawing: circles shaded by activation, bars as long as the outputs
        np.testing.assert_allclose(w.h1.get_array(), a1, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(w.h2.get_array(), a2, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose([bar.get_width() for bar in w.bars], w.BAR_LENGTH * a3, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(w.input_image.get_array(), a0.reshape(28, 28))
        verdict = "right" if v["correct"] else "wrong"
        assert verdict in w.answer_text.value


def test_network_view_shows_a_wrong_answer(digits):
    _, (X_test, y_test) = digits
    net = load_trained_network()
    wrong = int(np.flatnonzero(net.predict(X_test) != y_test)[0])
    w = widgets.network_view()
    w.set(index=wrong)
    assert w.values["correct"] is False and "wrong" in w.answer_text.value
    assert (f"test digit {wrong}: the network says {w.values['prediction']}, the label is {y_test[wrong]} (wrong)"
            in w.title.value)
    assert [t.get_text() for t in w.bar_values] == [f"{a:.2f}" for a in w.values["output"]]


def drawn_line_colours(w):
    """Every connection's colour as drawn, in the order of the widget's connections: a line too faint to see
    is left out of the collection, so it counts as fully transparent here."""
    drawn = {tuple(np.round(segment, 9).ravel()): colour for segment, colour in
             zip(w.lines.get_segments(), w.lines.get_colors())}
    return np.array([drawn.get(tuple(np.round(segment, 9).ravel()), (0.0, 0.0, 0.0, 0.0)) for segment in w._segments])


def test_network_view_lines_follow_the_contributions():
    net = load_trained_network()
    w = widgets.network_view()
    w.set(index=3)
    a1 = w.values["hidden1"]
    contributions = (net.weights[1] * a1).ravel()
    colours = drawn_line_colours(w)[:contributions.size]
    strongest = int(np.argmax(np.abs(contributions)))
    assert colours[strongest, 3] == pytest.approx(0.85)           # the strongest line is the most opaque
    sign_colour = plots.positive_color() if contributions[strongest] > 0 else plots.negative_color()
    from matplotlib.colors import to_rgb
    np.testing.assert_allclose(colours[strongest, :3], to_rgb(sign_colour))
    # the faint lines left out are the ones no screen shows: below half a colour level
    strength = np.abs(contributions) / np.abs(contributions).max()
    faint = 0.85 * strength ** 2 < 0.5 / 255
    assert faint.any() and np.all(colours[faint, 3] == 0) and np.all(colours[~faint, 3] > 0)
    np.testing.assert_allclose(colours[~faint, 3], 0.85 * strength[~faint] ** 2)


# ----- readable on a laptop screen (issue 16) ----------------------------------------

@pytest.mark.slow
@pytest.mark.figures
def test_every_widget_figure_of_lessons_00_and_01_is_readable():
    from helpers.plots._core import readability_problems
    pattern = widgets.weight_pattern()
    pattern.rank_digits()                                   # the ranking gallery appears after the button
    views = {"00 digit browser": widgets.digit_browser().view, "01 single neuron": widgets.single_neuron().view,
             "01 weight pattern": pattern.view, "01 ranking gallery": pattern.rank_view,
             "01 network view": widgets.network_view().view}
    problems = {name: readability_problems(view.figure) + texts_cut_off(view.figure) for name, view in views.items()}
    assert {name: p for name, p in problems.items() if p} == {}
    for name, view in views.items():                       # shown at its own pixel size, never scaled
        width, _ = Image.open(io.BytesIO(view.widget.value)).size
        assert view.widget.layout.width == f"{width}px", name


def test_single_neuron_legend_stays_off_the_moving_lines():
    w = widgets.single_neuron()
    w.set(w1=10.0, a1=1.0, b=10.0)                          # a = 1: the orange line runs along the top
    figure = w.view.figure
    legend, frame = w.axes.get_legend().get_window_extent(), w.axes.get_window_extent()
    assert legend.x0 >= frame.x1 and legend.x1 <= figure.get_figwidth() * figure.dpi


def test_readouts_never_show_minus_zero():
    w = widgets.single_neuron()
    w.set(w1=-1e-12, a1=1.0, w2=-0.0, a2=0.0, b=-1e-9)      # slider arithmetic can leave such values
    assert "-0.00" not in w.z_text.value and "−0.00" not in w.z_text.value
    assert w.values["z"] < 0                                 # the value itself is kept; only its text is clean
    p = widgets.weight_pattern()
    p.set(pattern="blank (paint your own)", bias=-1e-9)
    assert "-0.00" not in p.sum_text.value + p.activation_text.value


# ----- the Chinese edition (zh-CN): the same widgets, in Chinese, with the same numbers ----------------

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_digit_browser_speaks_chinese(zh_cn, digits):
    (_, y), _ = digits
    w = widgets.digit_browser()
    w.set(index=1234)
    assert w.controls["index"].description == "数字编号"
    assert w.title.get_text() == f"训练数字 1234：写的是 {y[1234]}"
    assert f"标签 <b>{y[1234]}</b>" in w.info.value and "像素" in w.info.value
    assert w.axes.get_xlabel() == "列" and w.axes.get_ylabel() == "行"
    assert drawn_without_missing_glyphs(w.view)


def test_single_neuron_speaks_chinese_with_the_english_numbers(zh_cn):
    w = widgets.single_neuron()
    c = w.controls
    assert (c["w1"].description, c["a1"].description, c["b"].description) == ("权重 w₁", "输入 a₁", "偏置 b")
    assert "激活值" in w.a_text.value and f"{plain_sigmoid(0.5):.6f}" in w.a_text.value
    assert "加权输入" in w.axes.get_xlabel() and "$" not in w.axes.get_xlabel()    # Chinese never inside mathtext
    assert "神经元" in w.axes.get_title()
    w.set(w1=10.0, a1=1.0, b=10.0)                          # z = 20: off the chart, saturated
    assert "超出了图的右边" in w.z_text.value and "20.000000" in w.z_text.value
    assert "饱和" in w.a_text.value and "圆点停在右边缘" in w.edge_note.get_text()
    assert drawn_without_missing_glyphs(w.view)


def test_single_neuron_is_english_without_the_chinese_edition():
    w = widgets.single_neuron()
    assert w.controls["w1"].description == "weight w₁" and w.a_text.value.startswith("activation a = σ(z)")
    assert not CJK.search(w.a_text.value + w.axes.get_title())


def test_weight_pattern_speaks_chinese_and_keeps_english_values(zh_cn):
    w = widgets.weight_pattern()
    menu = w.controls["pattern"]
    assert menu.description == "权重图案" and menu.value == "horizontal stroke, top"   # code still compares English
    labels = dict(zip(menu._options_values, menu._options_labels))
    assert all(CJK.search(label) for label in labels.values())
    w.set(pattern="vertical stroke, centre", digit=7, bias=-4.5)
    assert w.values["pattern"] == "vertical stroke, centre"
    assert "加权和" in w.sum_text.value and "偏置" in w.sum_text.value and "激活值" in w.activation_text.value
    assert w.paint_button.description == "涂色" and w.rank_button.description == "哪些数字能激发它？"
    assert w.controls["brush"].description == "画笔" and "0（擦除）" in w.controls["brush"]._options_labels
    assert "权重" in w.axes[0].get_title() and "激活值" in w.axes[1].get_title()
    w.rank_digits()
    assert "最能激发这个神经元" in w.rank_title.get_text() and "标签" in w.rank_text.value
    w.set(bias=0.0)
    assert "重新排序" in w.rank_text.value
    assert drawn_without_missing_glyphs(w.view) and drawn_without_missing_glyphs(w.rank_view)


def test_network_view_speaks_chinese(zh_cn, digits):
    _, (_, y_test) = digits
    w = widgets.network_view()
    w.set(index=5)
    verdict = "正确" if w.values["correct"] else "错误"
    assert "预测" in w.answer_text.value and "真实标签" in w.answer_text.value and verdict in w.answer_text.value
    assert "测试数字 5：" in w.title.value and f"标签是 {y_test[5]}" in w.title.value
    texts = [t.get_text() for t in w.axes.texts]
    assert any(t.startswith("隐藏层") for t in texts) and not any("$" in t for t in texts if CJK.search(t))
    assert drawn_without_missing_glyphs(w.view)


def test_a_widget_error_is_chinese(zh_cn):
    w = widgets.single_neuron()
    with pytest.raises(KeyError, match="没有名为"):
        w.set(weight=1.0)
    w.run_safely(lambda: 1 / 0)
    assert "出错了" in w.status.value and "ZeroDivisionError" in w.status.value
    w.run_safely(lambda: (_ for _ in ()).throw(KeyboardInterrupt))
    assert w.status.value == "已停止。"


@pytest.mark.slow
@pytest.mark.figures
def test_every_widget_figure_of_lessons_00_and_01_is_readable_in_chinese(zh_cn):
    from helpers.plots._core import readability_problems
    pattern = widgets.weight_pattern()
    pattern.paint()
    pattern.rank_digits()
    neuron = widgets.single_neuron()
    neuron.set(w1=10.0, a1=1.0, b=10.0)                     # the longest edge note
    views = {"00 digit browser": widgets.digit_browser().view, "01 single neuron": neuron.view,
             "01 weight pattern": pattern.view, "01 ranking gallery": pattern.rank_view,
             "01 network view": widgets.network_view().view}
    problems = {name: readability_problems(view.figure) + texts_cut_off(view.figure) for name, view in views.items()}
    assert {name: p for name, p in problems.items() if p} == {}


# ----- the widget kit's speed-ups (helpers/widgets/_core.py) ----------------------------------

def test_png_bytes_are_the_canvas_pixels():
    from helpers.widgets._core import png_bytes
    w = widgets.network_view()
    canvas = w.view.figure.canvas
    image = Image.open(io.BytesIO(png_bytes(canvas)))
    assert image.format == "PNG" and image.mode == "RGBA" and image.size == canvas.get_width_height()
    assert np.array_equal(np.asarray(image), np.asarray(canvas.buffer_rgba()))
    assert w.view.widget.value == png_bytes(canvas)          # what the widget shows


def test_a_kept_scene_is_drawn_exactly_like_the_whole_figure():
    """redraw_scene: a scene seen before restores its background; the picture equals a whole-figure drawing."""
    from helpers.widgets._core import FigureImage
    view = FigureImage(figsize=(3, 2))
    ax = view.figure.add_subplot()
    line, = ax.plot([0, 1], [0, 1])
    view.animate(line)
    shown = {}
    for scene in ("one", "two", "one", "two"):
        ax.set_title(scene)                      # the still part differs from scene to scene
        line.set_ydata([0, 0.5] if scene == "one" else [1, 0])
        assert view.has_scene(scene) == (scene in shown)
        view.redraw_scene(scene)
        quick = view.widget.value
        view.redraw(full=True)
        assert quick == view.widget.value, scene
        shown[scene] = quick
    assert shown["one"] != shown["two"]


def test_a_scene_with_nothing_moving_keeps_its_picture():
    """No moving artists: a scene's whole picture is kept; coming back shows it without drawing anything."""
    from helpers.widgets._core import FigureImage
    view = FigureImage(figsize=(3, 2))
    ax = view.figure.add_subplot()
    pictures = {}
    for scene in ("one", "two"):
        ax.set_title(scene)
        view.redraw_scene(scene)
        pictures[scene] = view.widget.value
    draws = []
    view.figure.canvas.draw = lambda: draws.append(1)         # a kept scene must not draw
    ax.set_title("one")
    view.redraw_scene("one")
    assert view.widget.value == pictures["one"] != pictures["two"] and draws == []
    del view.figure.canvas.draw
    view.redraw(full=True)
    assert view.widget.value == pictures["one"]


def test_working_shows_at_once_and_gives_the_status_line_back():
    w = widgets.network_view()
    w.say("before")
    seen = []
    w.status.observe(lambda change: seen.append(change["new"]), names="value")
    with w.working():
        assert "Working…" in w.status.value
    assert w.status.value == "before" and seen == ["<i>Working…</i>", "before"]
    with w.working("Drawing the tiles…"):
        w.say("Done: trained.")                  # what the step itself says stays
    assert w.status.value == "Done: trained."
    with pytest.raises(ZeroDivisionError), w.working():
        raise ZeroDivisionError
    assert w.status.value == "Done: trained."


# ----- every "Try this" of lessons 00 and 01 shows what its text says --------------------------

def test_try_this_digit_browser_an_eight_lights_twice_the_pixels_of_a_one(digits):
    """L00 §2: digit 1 is an 8, digit 2 a 1; the readout falls from 197 to 90 of 784 pixels."""
    w = widgets.digit_browser()
    w.set(index=1)
    eight = dict(w.values)
    w.set(index=2)
    one = dict(w.values)
    assert (eight["label"], one["label"]) == (8, 1)
    assert (eight["lit_pixels"], one["lit_pixels"]) == (197, 90)
    assert "90 of 784" in w.info.value


def test_try_this_single_neuron_ten_times_the_weight_is_not_ten_times_the_activation():
    """L01 §3: a1 = 1, b = 0, w1 from 1 to 10: z goes 1 -> 10, a only 0.731 -> 0.99995 (saturated)."""
    w = widgets.single_neuron(w1=1.0, a1=1.0, w2=0.0, a2=0.0, b=0.0)
    assert w.values["z"] == 1.0 and round(w.values["activation"], 3) == 0.731
    assert "0.731059" in w.a_text.value
    w.set(w1=10.0)
    assert w.values["z"] == 10.0 and round(w.values["activation"], 5) == 0.99995
    assert "0.999955" in w.a_text.value


def test_try_this_single_neuron_bias_minus_ten_is_the_videos_threshold():
    """L01 §3: w1 = 10, a1 = 1, b = -10 puts the dot at the middle; a1 = 0.5 then leaves it dark."""
    w = widgets.single_neuron(w1=10.0, a1=1.0, w2=0.0, a2=0.0, b=0.0)
    w.set(b=-10.0)
    assert w.values["z"] == 0.0 and w.values["activation"] == 0.5
    assert "<b>0.500000</b>" in w.a_text.value
    w.set(a1=0.5)
    assert w.values["z"] == -5.0 and round(w.values["activation"], 4) == 0.0067
    w.set(a1=1.0, w1=1.0, b=-10.0)           # the weighted sum must pass about 10: 1 is far too little
    assert w.values["activation"] < 0.001


def test_try_this_top_stroke_detector_prefers_threes_and_fives_to_sevens(digits):
    """L01 §3: the top-stroke detector's top 100 are mostly 3s (54), then 5s and 2s; no 7 at all."""
    (X, y), _ = digits
    w = widgets.weight_pattern(pattern="horizontal stroke, top", digit=0, bias=-10.0)
    counts = w.rank_digits()["top100_counts"]
    assert counts[3] == 54 and counts[7] == 0
    assert sorted(range(10), key=lambda d: -counts[d])[:3] == [3, 5, 2]
    assert "<b>3</b> (54 of 100)" in w.rank_text.value
    # why: a 7's ink falls more on the red margin than on the green strip, a 3's the other way round
    from helpers.neuron import neuron_response
    parts = {d: np.mean([[r["positive_part"], -r["negative_part"]] for r in
                         (neuron_response(w.weights, X[i].reshape(28, 28), 0.0) for i in np.flatnonzero(y == d))],
                        axis=0) for d in (3, 7)}
    assert parts[7][1] > 2 * parts[7][0] and parts[3][0] > parts[3][1]
    w.set(digit=45)                                  # the 7 the lesson points to: its bar lies on the red margin
    assert w.values["label"] == 7
    assert round(w.values["positive_part"], 1) == 4.6 and round(w.values["negative_part"], 1) == -24.7


def test_try_this_upper_loop_detector_prefers_eights_and_nines(digits):
    """L01 §3: 'loop, upper half' ranks 8s (58 of 100) and 9s (31) first."""
    w = widgets.weight_pattern(pattern="loop, upper half", digit=0, bias=-10.0)
    counts = w.rank_digits()["top100_counts"]
    assert (counts[8], counts[9]) == (58, 31)
    assert "<b>8</b> (58 of 100)" in w.rank_text.value


def test_try_this_network_view_a_wrong_answer_is_less_sure(digits):
    """L01 §4: test digit 0 (a 3) is read with 0.99; digit 53 (a 3 too) is called a 5 with only 0.66."""
    _, (X_test, y_test) = digits
    w = widgets.network_view(index=0)
    assert (w.values["label"], w.values["prediction"], round(w.values["confidence"], 2)) == (3, 3, 0.99)
    w.set(index=53)
    assert (w.values["label"], w.values["prediction"], round(w.values["confidence"], 2)) == (3, 5, 0.66)
    assert w.values["output"][3] < 0.05                          # the true label's bar is nearly empty too
    outputs = w.net.forward(X_test)
    brightest, right = outputs.max(axis=1), outputs.argmax(axis=1) == y_test
    assert round(brightest[right].mean(), 2) == 0.96 and round(brightest[~right].mean(), 2) == 0.64
