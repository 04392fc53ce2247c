"""Lesson 02's widgets, driven from code: the numbers shown and the artists drawn.

Every expected number is computed here independently (plain loops, NumPy, a
fresh Network), not read back from the numbers layer the widget uses. The math itself
is tested in test_landscapes.py and test_sensitivity.py.
"""


import re

import numpy as np
import pytest
from chinese import drawn_without_missing_glyphs
from figure_checks import texts_cut_off
from independent import C, cost_after_nudge, dC, plain_descent, plain_descent_2d, surface
from matplotlib.text import Text

from helpers import Network, load_digits, widgets
from helpers import descent as landscapes
from helpers.widgets import descent as d
from helpers.widgets._core import signed

# ----- 1-D ----------------------------------------------------------------------

@pytest.mark.parametrize("start, rate, where", [(2.0, 0.05, 1.131), (-2.0, 0.05, -1.301), (2.0, 0.1, -1.301)])
def test_1d_settles_where_the_curriculum_says(start, rate, where, no_warnings):
    w = widgets.descent_1d()
    w.set(start=start, learning_rate=rate)
    w.run(300)
    v = w.values
    assert v["status"] == "settled in a valley"
    assert v["steps"] == 300
    assert v["w"] == pytest.approx(where, abs=5e-4)
    expected = plain_descent(start, rate, 300)
    assert v["w"] == pytest.approx(expected[-1], abs=1e-12)
    assert abs(dC(v["w"])) < 1e-6 and 12 * v["w"] ** 2 - 6 > 0       # a minimum: slope 0, curving up
    assert v["cost"] == pytest.approx(C(expected[-1]))
    assert v["slope"] == pytest.approx(dC(expected[-1]), abs=1e-9)
    # the picture: the path through every visited point, the ball at the end
    xs, ys = w.path_line.get_data()
    np.testing.assert_allclose(xs, expected)
    np.testing.assert_allclose(ys, [C(x) for x in expected])
    assert w.ball.get_data()[0][0] == pytest.approx(expected[-1])
    assert "settled in a valley" in w.status.value
    assert f"{expected[-1]:.4f}" in w.readouts["w"].value


def test_1d_bounces_forever_at_rate_0_15(no_warnings):
    w = widgets.descent_1d()
    w.set(start=2.0, learning_rate=0.15)
    w.run(300)
    v = w.values
    assert v["status"] == "bouncing (not settling)"
    low, high = v["bounce_between"]
    assert low == pytest.approx(-1.445, abs=5e-4) and high == pytest.approx(-1.085, abs=5e-4)
    expected = plain_descent(2.0, 0.15, 300)
    assert sorted(expected[-2:]) == pytest.approx([low, high])
    # still bouncing 100 steps later: a true two-cycle, not a slow settling
    w.run(100)
    assert w.values["status"] == "bouncing (not settling)"
    assert w.values["bounce_between"] == pytest.approx((low, high), abs=1e-9)
    assert "bouncing" in w.status.value and "-1.445" in w.status.value


def test_1d_diverges_within_five_steps_without_warnings(no_warnings):
    w = widgets.descent_1d()
    w.set(start=2.0, learning_rate=0.2)
    w.run(300)
    v = w.values
    assert v["status"] == "diverged"
    assert v["steps"] <= 5
    assert abs(v["w"]) > 10 and np.isfinite(v["w"])
    assert v["cost"] is None and v["slope"] is None
    assert plain_descent(2.0, 0.2, 300)[: v["steps"] + 1] == pytest.approx(list(v["path"]))
    # nothing drawn at infinity: the ball disappears, the path keeps only points within the bound
    assert len(w.ball.get_data()[0]) == 0
    xs, ys = w.path_line.get_data()
    assert np.all(np.isfinite(xs)) and np.all(np.isfinite(ys)) and np.all(np.abs(xs) <= 10)
    assert "diverged" in w.banner.get_text() and "diverged" in w.status.value
    for r in w.readouts.values():
        assert "nan" not in r.value.lower() and "inf" not in r.value.lower()
    steps = v["steps"]
    w.step()                                  # a diverged walk stays put
    assert w.values["steps"] == steps
    assert w.buttons["step"].disabled and w.buttons["run"].disabled and not w.buttons["reset"].disabled
    w.buttons["reset"].click()
    assert not w.buttons["step"].disabled and not w.buttons["run"].disabled


def test_1d_extreme_sliders_do_not_warn(no_warnings):
    w = widgets.descent_1d()
    for start in (-2.1, 2.1):
        w.set(start=start, learning_rate=0.25)
        w.run(300)
        assert w.values["status"] == "diverged"
    w.set(start=2.1, learning_rate=0.01)
    w.run(300)
    assert w.values["status"] in ("settled in a valley", "still moving")
    assert w.values["w"] == pytest.approx(plain_descent(2.1, 0.01, 300)[-1])


def test_1d_buttons_step_run_and_reset():
    w = widgets.descent_1d()
    assert w.values["steps"] == 0 and w.values["status"] == "not started"
    w.buttons["step"].click()
    assert w.values["steps"] == 1 and w.values["w"] == pytest.approx(2 - 0.05 * dC(2))   # 0.95
    line = w.tangent.get_data()
    assert (line[1][1] - line[1][0]) / (line[0][1] - line[0][0]) == pytest.approx(dC(0.95))   # drawn slope
    w.buttons["run"].click()
    assert w.values["steps"] == 51
    assert w.values["w"] == pytest.approx(plain_descent(2.0, 0.05, 51)[-1])
    w.buttons["reset"].click()
    assert w.values["steps"] == 0 and w.values["w"] == 2.0
    w.run(5)
    w.controls["learning_rate"].value = 0.07          # moving a slider starts a fresh walk
    assert w.values["steps"] == 0 and w.values["learning_rate"] == 0.07
    assert len(w.path_line.get_data()[0]) == 1


def test_1d_next_step_arrow_points_downhill():
    w = widgets.descent_1d(start=-2.0, learning_rate=0.05)
    tail, head = w.next_step.get_position(), w.next_step.xy
    assert tail[0] == pytest.approx(-2.0)
    assert head[0] == pytest.approx(-2.0 - 0.05 * dC(-2.0))     # slope negative at -2: step to the right
    assert head[0] > tail[0]


def test_1d_png_changes_with_the_walk():
    w = widgets.descent_1d()
    before = w.view.widget.value
    w.run(10)
    assert w.view.widget.value != before and w.view.widget.value[:8] == b"\x89PNG\r\n\x1a\n"


# ----- 2-D ----------------------------------------------------------------------


@pytest.mark.parametrize("start, valley", [((-0.3, 1.5), "deep valley"), ((1.2, 1.5), "shallow valley"),
                                           ((0.5, -1.0), "shallow valley"), ((-0.5, -1.0), "deep valley")])
def test_2d_run_reaches_the_valley_of_its_start(start, valley, no_warnings):
    w = widgets.descent_2d()
    w.set(x0=start[0], y0=start[1], learning_rate=0.05)
    assert w.values["steps"] == 0 and w.values["reached"] is None
    w.run()
    v = w.values
    assert v["stop"] == "settled" and v["reached"] == valley
    expected = plain_descent_2d(start, 0.05)
    assert v["end"] == pytest.approx(tuple(expected[-1]), abs=1e-5)
    assert v["end"] == pytest.approx(landscapes.SURFACE.flat_points()[valley], abs=1e-4)
    assert v["cost"] == pytest.approx(surface(*v["end"]))
    assert abs(v["steps"] - (len(expected) - 1)) <= 2
    xs, ys = w.path_line.get_data()
    assert (xs[0], ys[0]) == pytest.approx(start) and (xs[-1], ys[-1]) == pytest.approx(v["end"])
    assert w.end_dot.get_data()[0][0] == pytest.approx(v["end"][0])
    assert valley in w.readouts["reached"].value


def test_2d_slider_move_clears_the_path_and_reset_too():
    w = widgets.descent_2d()
    w.run()
    assert len(w.path_line.get_data()[0]) > 1
    w.controls["x0"].value = 1.0
    assert w.values["steps"] == 0 and len(w.path_line.get_data()[0]) == 0
    assert w.start_dot.get_data()[0][0] == pytest.approx(1.0)
    w.run()
    w.buttons["reset"].click()
    assert w.values["steps"] == 0 and len(w.end_dot.get_data()[0]) == 0


def test_2d_too_large_a_step_bounces_or_diverges_without_warnings(no_warnings):
    w = widgets.descent_2d()
    w.set(x0=-1.5, y0=1.5, learning_rate=0.15)   # the deep valley is too narrow for this rate
    w.run()
    assert w.values["stop"] == "bouncing" and w.values["steps"] == 1000
    w.set(x0=1.8, y0=-1.2, learning_rate=0.15)
    w.run()
    assert w.values["stop"] == "diverged" and w.values["end"] is None and w.values["cost"] is None
    xs, ys = w.path_line.get_data()
    assert np.all(np.isfinite(xs)) and np.all(np.abs(xs) <= 10) and np.all(np.abs(ys) <= 10)
    for r in w.readouts.values():
        assert "nan" not in r.value.lower()


# ----- the gradient of the real network -----------------------------------------

@pytest.fixture(scope="module")
def explorer():
    return widgets.gradient_explorer()


@pytest.fixture(scope="module")
def reference():
    (X, y), _ = load_digits()
    index = np.random.default_rng(0).choice(8000, 100, replace=False)
    net = Network([784, 16, 16, 10], seed=0)
    return net, X[index], y[index]


@pytest.mark.parametrize("deltas", [[-2.0, -0.4, 0.02, 1.2], [0.5, 0.0, -0.05]])
def test_explorer_bars_and_their_axis_drawn_quickly_equal_the_whole_figure(explorer, deltas):
    """A Δ move redraws the bars and the y-axis over the rest: the picture is the whole figure's, whatever the
    axis range, and Δ = 0 (no bars to fit) keeps the scale instead of zooming onto 1e-8."""
    for delta in deltas:
        before = explorer._bar_limit
        explorer.set(delta=delta)
        quick = explorer.bar_view.widget.value
        explorer.bar_view.redraw(full=True)
        assert quick == explorer.bar_view.widget.value, delta
        low, high = explorer.bar_axes.get_ylim()
        heights = [explorer.values[k] for k in ("measured_top", "predicted_top", "measured_low", "predicted_low")]
        assert low == -high and max(map(abs, heights)) <= high
        if delta == 0.0:
            assert high == before


def test_explorer_ranks_the_real_gradient(explorer, reference):
    net, X, y = reference
    nabla_w, _ = net.gradient(X, y)
    assert explorer.cost == pytest.approx(net.cost(X, y), rel=1e-12)
    assert len(explorer.ranking) == 12960 == sum(g.size for g in nabla_w)
    sizes = np.concatenate([np.abs(g).ravel() for g in nabla_w])
    layer, j, k, g = explorer.ranking[0]
    assert abs(g) == pytest.approx(sizes.max())
    assert g == pytest.approx(nabla_w[layer - 1][j, k])
    listed = [abs(entry[3]) for entry in explorer.ranking]
    assert listed == sorted(listed, reverse=True)
    assert explorer.n_nonzero == int(np.sum(sizes > 0))
    # the default low-ranked weight has the gradient closest to 1/32 of the top one
    low = explorer.values["low"]
    ranked = np.sort(sizes[sizes > 0])[::-1]
    assert abs(abs(low[3]) - abs(g) / 32) == pytest.approx(np.min(np.abs(ranked[1:] - abs(g) / 32)))
    assert "weights[" in explorer.ranked_list.value


def test_explorer_nudges_match_an_independent_measurement(explorer, reference):
    net, X, y = reference
    for delta in (0.01, 0.1, -0.5):
        explorer.set(delta=delta, which="top-ranked")
        v = explorer.values
        for key in ("top", "low"):
            layer, j, k, g = v[key]
            assert v[f"measured_{key}"] == pytest.approx(cost_after_nudge(net, X, y, layer, j, k, delta), rel=1e-9)
            assert v[f"predicted_{key}"] == pytest.approx(g * delta)
        assert v["measured"] == v["measured_top"] and v["chosen"] == v["top"]
        heights = [bar.get_height() for bar in explorer.bars]
        assert heights == pytest.approx([v["measured_top"], v["predicted_top"], v["measured_low"], v["predicted_low"]])
    explorer.set(delta=0.01)
    v = explorer.values
    assert v["measured_top"] == pytest.approx(v["predicted_top"], rel=0.02)   # small nudge: linear
    assert v["effect_ratio"] == pytest.approx(v["gradient_ratio"], rel=0.05)
    assert v["gradient_ratio"] == pytest.approx(32, rel=0.05)


def test_explorer_toggle_and_rank_move_the_markers(explorer):
    explorer.set(which="low-ranked", low_rank=2)
    v = explorer.values
    assert v["chosen"] == explorer.ranking[1] and v["low"] == explorer.ranking[1]
    assert v["measured"] == v["measured_low"]
    assert explorer.bars[2].get_linewidth() > explorer.bars[0].get_linewidth()
    layer, j, k, _ = v["low"]
    ax, top_marker, low_marker = explorer.panels[layer - 1]
    col, row = (k, j) if layer > 1 else ((j % 4) * 28 + k % 28, (j // 4) * 28 + k // 28)
    assert low_marker.get_data()[0][0] == col and low_marker.get_data()[1][0] == row
    explorer.set(which="top-ranked", low_rank=5000)
    assert explorer.values["low"] == explorer.ranking[4999]


def test_explorer_measures_nudges_in_every_layer(explorer, reference):
    net, X, y = reference
    layers = set()
    first_of_layer = {}
    for rank, entry in enumerate(explorer.ranking[1:explorer.n_nonzero], start=2):
        first_of_layer.setdefault(entry[0], rank)
    for rank in (*first_of_layer.values(), 5000, explorer.n_nonzero):
        explorer.set(low_rank=rank, delta=0.3)
        layer, j, k, g = explorer.values["low"]
        layers.add(layer)
        assert explorer.values["measured_low"] == pytest.approx(cost_after_nudge(net, X, y, layer, j, k, 0.3),
                                                                rel=1e-9, abs=1e-15)
    assert layers == {1, 2, 3}


def test_explorer_leaves_the_network_unchanged(explorer):
    fresh = Network([784, 16, 16, 10], seed=0)
    explorer.set(delta=1.7, which="low-ranked")
    for W, F in zip(explorer.net.weights, fresh.weights):
        np.testing.assert_array_equal(W, F)


def test_explorer_layer_one_mosaic_puts_tile_j_in_place():
    grads = np.arange(16 * 784, dtype=float).reshape(16, 784)
    mosaic = d.GradientExplorer._mosaic(grads)
    for j in (0, 5, 15):
        tile = mosaic[(j // 4) * 28:(j // 4 + 1) * 28, (j % 4) * 28:(j % 4 + 1) * 28]
        np.testing.assert_array_equal(tile, grads[j].reshape(28, 28))


def test_explorer_zero_nudge_says_so():
    w = widgets.gradient_explorer()
    w.set(delta=0.0)
    assert w.values["effect_ratio"] is None and "no nudge" in w.readouts["ratio"].value


# ----- readable on a laptop screen, no "-0" readouts, no label left on a vanished arrow ----------

@pytest.mark.slow
@pytest.mark.figures
def test_every_widget_figure_is_readable_and_fits(explorer):
    from helpers.plots._core import readability_problems

    views = {"descent_1d": [widgets.descent_1d().view], "descent_2d": [widgets.descent_2d().view],
             "gradient_explorer": [explorer.view, explorer.bar_view]}
    for name, figures in views.items():
        for view in figures:
            assert readability_problems(view.figure) == [], name
        # Pictures side by side within 740 px: a widget's output area is narrower than the
        # 860 px notebook (the prompt column takes its share), and the row must not wrap.
        width = sum(view.figure.get_figwidth() * view.figure.dpi for view in figures)
        assert width <= 740, f"{name}: {width:.0f} px of pictures side by side"


def test_1d_next_step_is_named_in_the_legend_not_on_the_arrow():
    w = widgets.descent_1d(start=2.0, learning_rate=0.05)
    texts = [t.get_text() for t in w.axes.texts]
    assert not any("next step" in t for t in texts)
    assert any("next step" in t.get_text() for t in w.axes.get_legend().get_texts())
    w.run(300)                                   # settled: the step is ~0, so no arrow is drawn
    assert not w.next_step.get_visible()


# "-0.000" with no other digit after it; a real small negative such as -0.000404 is fine.
MINUS_ZERO = re.compile(r"-0\.0+(?!\d)")


def test_signed_readouts_never_show_minus_zero(explorer):
    assert signed(-1e-9, 6) == "0.000000" and signed(-0.0, 3) == "0.000"
    assert signed(0.5, 2) == "+0.50" and signed(-0.5, 2) == "-0.50"
    for which in ("top-ranked", "low-ranked"):
        explorer.set(delta=0.0, which=which)
        for r in explorer.readouts.values():
            assert not MINUS_ZERO.search(r.value), r.value
    explorer.set(delta=0.1, which="top-ranked")
    w = widgets.descent_2d()
    w.set(x0=0.0, y0=0.0)
    assert not MINUS_ZERO.search(w.readouts["end"].value)


def test_buttons_report_errors_on_the_status_line():
    w = widgets.descent_1d()
    w.walk = None                                # a broken state: Step raises inside the click handler
    w.buttons["step"].click()
    assert "Something went wrong" in w.status.value and "AttributeError" in w.status.value
    w.buttons["reset"].click()                   # the next good update clears it
    assert "Something went wrong" not in w.status.value and w.values["steps"] == 0


# ----- the Chinese edition (zh-CN): the same widgets, in Chinese, with the same numbers ----------------

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_1d_descent_speaks_chinese(zh_cn):
    w = widgets.descent_1d()
    assert w.controls["learning_rate"].description == "学习率 η" and w.controls["start"].description == "起点 w₀"
    assert w.buttons["step"].description == "走一步" and w.buttons["reset"].description == "重置"
    assert "准备就绪" in w.status.value and "斜率" in w.readouts["slope"].value
    assert "梯度下降" in w.axes.get_title() and "$" not in w.axes.get_title()
    assert any("代价" in t.get_text() for t in w.axes.get_legend().get_texts())
    w.run(50)
    assert w.values["status"] == "settled in a valley" and "山谷" in w.status.value
    assert f"{plain_descent(2.0, 0.05, 50)[-1]:.4f}" in w.readouts["w"].value and "步数" in w.readouts["steps"].value
    w.set(learning_rate=0.2)
    w.run(300)
    assert w.values["status"] == "diverged" and "发散" in w.status.value and "发散" in w.banner.get_text()
    assert "学习率" in w.status.value and "极大" in w.readouts["cost"].value
    assert drawn_without_missing_glyphs(w.view)


def test_1d_descent_is_english_without_the_chinese_edition():
    w = widgets.descent_1d()
    assert w.status.value == "ready: press Step or Run" and w.buttons["step"].description == "Step"


def test_2d_descent_speaks_chinese(zh_cn):
    w = widgets.descent_2d()
    assert "用滑块选一个起点" in w.status.value and w.buttons["run"].description == "运行"
    w.run()
    assert w.values["reached"] == "deep valley"                  # code compares English
    assert "深谷" in w.readouts["reached"].value and "深谷" in w.status.value and "终点" in w.readouts["end"].value
    legend = [t.get_text() for t in w.view.figure.legends[0].get_texts()]
    assert "鞍点" in legend and "极小值" in legend
    assert "鞍点" in w.axes.get_title()
    assert drawn_without_missing_glyphs(w.view)


def test_gradient_explorer_speaks_chinese_and_keeps_english_values(zh_cn):
    w = widgets.gradient_explorer()
    which = w.controls["which"]
    assert which.value == "top-ranked" and which._options_labels == ("轻推排名第一的权重", "轻推一个排名靠后的权重")
    assert w.controls["delta"].description == "轻推 Δ"
    w.set(delta=0.5, which="low-ranked")
    assert "实测" in w.readouts["measured"].value and "倍" in w.readouts["ratio"].value
    assert f"{w.values['measured']:+.6f}" in w.readouts["measured"].value
    assert "代价" in w.status.value and "梯度中最大的几项" in w.ranked_list.value
    assert "代价的变化" == w.bar_axes.get_ylabel()
    assert all(not ("$" in t.get_text() and CJK.search(t.get_text())) for t in w.view.figure.findobj(Text))
    w.set(delta=0.0)
    assert "没有变化" in w.readouts["ratio"].value
    assert drawn_without_missing_glyphs(w.view) and drawn_without_missing_glyphs(w.bar_view)


@pytest.mark.slow
@pytest.mark.figures
def test_every_widget_figure_is_readable_and_fits_in_chinese(zh_cn):
    from helpers.plots._core import readability_problems

    one = widgets.descent_1d()
    one.set(learning_rate=0.2)
    one.run(10)                                          # the banner of a diverged walk
    explorer = widgets.gradient_explorer()
    for name, view in {"descent_1d": one.view, "descent_2d": widgets.descent_2d().view,
                       "gradient_explorer": explorer.view, "gradient_explorer bars": explorer.bar_view}.items():
        assert readability_problems(view.figure) == [], name
        assert texts_cut_off(view.figure) == [], name
