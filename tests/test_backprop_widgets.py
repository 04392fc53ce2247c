"""Lesson 04's widgets, driven through their controls: every number checked independently."""

import io
import re

import numpy as np
import pytest
from chinese import drawn_without_missing_glyphs
from figure_checks import texts_cut_off
from independent import central_difference, chain_cost
from PIL import Image

from helpers import load_digits, load_trained_network, plots, widgets
from helpers.backprop import dependency_path
from helpers.core.gradcheck import agrees

PARAMS = ["w1", "b1", "w2", "b2", "w3", "b3"]


@pytest.mark.parametrize("settings", [
    {},
    {"w1": -3.2, "b2": 2.5, "a0": 0.1, "y": 0.3},
    {"w1": 4.0, "b1": 4.0},                     # saturated first neuron
    {"w3": 0.0, "y": 0.0},
])
def test_chain_explorer_numbers_match_an_independent_computation(settings):
    chain = widgets.chain_explorer()
    chain.set(**settings)
    w, b, a0, y = chain.parameters()
    assert chain.values["cost"] == pytest.approx(chain_cost(w, b, a0, y), rel=1e-12)
    for name in PARAMS:
        i = int(name[1]) - 1
        def cost_of(p, name=name, i=i):
            ww, bb = list(w), list(b)
            (ww if name[0] == "w" else bb)[i] = p
            return chain_cost(ww, bb, a0, y)
        independent = central_difference(cost_of, (w if name[0] == "w" else b)[i])
        assert chain.values[f"dC/d{name}"] == pytest.approx(independent, rel=1e-6, abs=1e-9)
        assert chain.values[f"backprop {name}"] == pytest.approx(chain.values[f"dC/d{name}"], rel=1e-12, abs=1e-15)
        assert agrees(chain.values[f"dC/d{name}"], chain.values[f"finite difference {name}"])
        assert chain.values[f"agree {name}"]


def test_chain_explorer_redraws_the_picture_and_table():
    chain = widgets.chain_explorer()
    before_png, before_text = chain.view.widget.value, chain.cost_box.value
    before_tree = chain.tree_view.widget.value
    chain.set(w3=-1.0)
    assert chain.view.widget.value != before_png and chain.tree_view.widget.value != before_tree
    assert chain.cost_box.value != before_text
    assert f"{chain.values['cost']:.6f}" in chain.cost_box.value
    assert f"({chain.values['a'][3]:.4f} - 1.00)²" in chain.cost_box.value
    assert chain.edge_text[2].get_text() == "w(3) = -1.00"
    # neuron shades follow activations (grey level = activation)
    shade = chain.circles[3].get_facecolor()[0]
    assert shade == pytest.approx(chain.values["a"][3], abs=1 / 255)
    assert f"{chain.values['dC/dw3']:+.10f}" in chain.table.value
    assert f"{chain.values['cost']:.8f}" in chain.cost_readout.value


def test_chain_explorer_names_a_saturated_neuron():
    chain = widgets.chain_explorer()
    assert chain.values["saturated"] == []
    chain.set(w1=4.0, b1=4.0)
    assert chain.values["saturated"] == [1]
    assert "stopped learning" in chain.table.value
    assert abs(chain.values["dC/dw1"]) < 1e-3


def test_chain_target_equal_to_output_zeroes_every_derivative():
    chain = widgets.chain_explorer()
    chain.set(y=round(chain.values["a"][3], 2))
    residual = chain.values["a"][3] - chain.controls["y"].value
    for name in PARAMS:
        assert abs(chain.values[f"dC/d{name}"]) <= 2 * abs(residual) + 1e-12


# ----- the full network ------------------------------------------------------------

@pytest.fixture(scope="module")
def data():
    _, (X_test, y_test) = load_digits()
    return X_test, y_test


def cost_with(net, layer, j, k, delta, x, label):
    twin = net.copy()
    if k is None:
        twin.biases[layer][j] += delta
    else:
        twin.weights[layer][j, k] += delta
    return twin.cost(x[None], [label])


@pytest.mark.parametrize("choice", [
    dict(layer=2, j=3, k=5, parameter="weight"),
    dict(layer=1, j=7, k=2, parameter="weight"),
    dict(layer=0, j=4, k=406, parameter="weight"),
    dict(layer=0, j=11, parameter="bias"),
    dict(layer=2, j=9, parameter="bias"),
])
@pytest.mark.parametrize("delta", [0.0, 0.25, -1.5])
def test_network_nudger_numbers(data, choice, delta):
    X_test, y_test = data
    nudger = widgets.network_nudger(digit=7)
    nudger.set(**choice, delta=delta)
    net = load_trained_network()
    layer, j = choice["layer"], choice["j"]
    k = choice.get("k") if choice["parameter"] == "weight" else None
    x, label = X_test[7], int(y_test[7])
    v = nudger.values
    assert v["label"] == label
    assert v["cost_before"] == pytest.approx(net.cost(x[None], [label]), rel=1e-12)
    assert v["cost"] == pytest.approx(cost_with(net, layer, j, k, delta, x, label), rel=1e-12)
    slope_here = central_difference(lambda p: cost_with(net, layer, j, k, p, x, label), delta, eps=1e-5)
    assert agrees(v["backprop"], slope_here)
    assert agrees(v["backprop"], v["finite_difference"]) and v["agree"]
    assert v["cost_change"] == pytest.approx(v["cost"] - v["cost_before"], abs=1e-15)
    grad_w, grad_b = net.gradient(x[None], [label])
    start_slope = grad_w[layer][j, k] if k is not None else grad_b[layer][j]
    assert v["linear_prediction"] == pytest.approx(start_slope * delta, rel=1e-12, abs=1e-18)
    twin = net.copy()
    if k is None:
        twin.biases[layer][j] += delta
    else:
        twin.weights[layer][j, k] += delta
    assert v["prediction"] == int(np.argmax(twin.forward(x)))
    # the nudge never leaks into the widget's network
    assert np.array_equal(nudger.networks["trained"].weights[layer], net.weights[layer])


def test_network_nudger_plots_the_layer_gradient_and_outputs(data):
    X_test, y_test = data
    nudger = widgets.network_nudger(digit=3)
    nudger.set(layer=1, j=2, k=9, delta=0.5)
    net = load_trained_network()
    x, label = X_test[3], int(y_test[3])
    twin = net.copy()
    twin.weights[1][2, 9] += 0.5
    grad_w, grad_b = twin.gradient(x[None], [label])
    np.testing.assert_allclose(nudger.grad_image.get_array(), grad_w[1], rtol=1e-12)
    np.testing.assert_allclose(nudger.bias_image.get_array()[:, 0], grad_b[1], rtol=1e-12)
    assert nudger.marker.get_xy() == (9 - 0.5, 2 - 0.5) and nudger.marker.get_visible()
    np.testing.assert_allclose([bar.get_height() for bar in nudger.bars], twin.forward(x), rtol=1e-12)
    # layer 1: 16 tiles of 28x28; the tile of neuron j=5 holds its 784 gradients, the marker at pixel k
    nudger.set(layer=0, j=5, k=300, delta=0.0)
    picture = nudger.grad_image.get_array()
    assert picture.shape == (112, 112)
    grad_w, _ = net.gradient(x[None], [label])
    np.testing.assert_allclose(picture[28:56, 28:56], grad_w[0][5].reshape(28, 28), rtol=1e-12)
    assert nudger.marker.get_xy() == (28 + 300 % 28 - 0.5, 28 + 300 // 28 - 0.5)


def test_weights_from_black_pixels_get_no_gradient(data):
    X_test, _ = data
    nudger = widgets.network_nudger(digit=0)
    black = int(np.flatnonzero(X_test[0] == 0)[0])
    nudger.set(layer=0, j=1, k=black)
    assert nudger.values["backprop"] == 0.0 and nudger.values["finite_difference"] == 0.0


def test_the_nudger_shows_the_layer_gradient_it_draws(data):
    """values["gradient_w"] is the chosen layer's gradient after the nudge: zero in every column of a black pixel
    in layer 1 (what lesson 04's "Try this" asserts), and the backprop readout is its chosen entry."""
    X_test, _ = data
    nudger = widgets.network_nudger(digit=0)
    nudger.set(layer=0, j=3, k=300)
    grad = nudger.values["gradient_w"]
    assert grad.shape == (16, 784)
    assert np.all(grad[:, X_test[0] == 0] == 0) and np.any(grad[:, X_test[0] > 0] != 0)
    assert grad[3, 300] == nudger.values["backprop"]
    assert nudger.values["gradient_b"].shape == (16,)


def test_linear_prediction_holds_for_small_nudges_only(data):
    nudger = widgets.network_nudger(network="untrained (seed 0)", digit=1)
    nudger.set(layer=2, j=0, k=0, delta=0.001)
    small = nudger.values
    assert abs(small["cost_change"] - small["linear_prediction"]) < 1e-3 * abs(small["linear_prediction"])
    nudger.set(delta=3.0)
    big = nudger.values
    assert abs(big["cost_change"] - big["linear_prediction"]) > 0.05 * abs(big["linear_prediction"])
    assert "part ways" in nudger.readouts["linear"].value


def test_index_sliders_follow_the_layer(data):
    nudger = widgets.network_nudger()
    nudger.set(layer=0)
    assert (nudger.controls["j"].max, nudger.controls["k"].max) == (15, 783)
    nudger.set(layer=2)
    assert (nudger.controls["j"].max, nudger.controls["k"].max) == (9, 15)


def test_chain_tree_lights_the_path_of_the_slider_moved_last():
    chain = widgets.chain_explorer()
    assert chain.values["path"] == dependency_path("w3")             # the lesson's first formula
    chain.set(b2=0.3)
    assert chain.values["path"] == dependency_path("b2")
    assert chain.values["path product"] == pytest.approx(chain.values["dC/db2"], rel=1e-12)
    lit = {edge for edge, label in chain.tree.labels.items() if label.get_text()}
    assert lit == set(zip(dependency_path("b2")[:-1], dependency_path("b2")[1:]))
    assert (chain.tree.edges[("b2", "z2")].arrow_patch.get_linewidth()
            > chain.tree.edges[("w2", "z2")].arrow_patch.get_linewidth())
    chain.set(a0=0.5)
    assert chain.values["path"] == dependency_path("a0")
    assert "a(0)" in chain.tree_title.value
    before = chain.view.widget.value
    chain.set(w1=-1.0)
    assert chain.values["path"][0] == "w1" and chain.view.widget.value != before
    assert chain.values["path product"] == pytest.approx(chain.values["dC/dw1"], rel=1e-12)


def tree_pixels(chain):
    return np.asarray(Image.open(io.BytesIO(chain.tree_view.widget.value)).convert("RGB"), dtype=int)


@pytest.mark.parametrize("moves", [[("b2", 0.3)], [("a0", 0.5), ("y", 0.2)], [("w1", -1.0), ("w3", 1.0), ("w1", 0.5)]])
def test_a_lit_path_drawn_over_the_plain_tree_looks_like_the_whole_tree_drawn(moves):
    """A new path is drawn over the plain tree (its arrows and nodes only); coming back reuses it. Either way the
    picture is the one a whole-figure drawing gives, but for a few anti-aliased edge pixels."""
    chain = widgets.chain_explorer()
    for name, value in moves:
        chain.set(**{name: value})
        assert chain.tree_view.has_scene(name) and chain.values["path"][0] == name
        quick = tree_pixels(chain)
        chain.tree_view.redraw(full=True)
        whole = tree_pixels(chain)
        assert quick.shape == whole.shape
        differ = np.abs(quick - whole).max(axis=2) > 40
        assert differ.sum() <= 12, (name, int(differ.sum()))
        lit = {edge for edge, label in chain.tree.labels.items() if label.get_text()}
        assert lit == set(zip(chain.values["path"][:-1], chain.values["path"][1:]))


def test_chain_numbers_under_each_neuron_are_the_values_shown():
    chain = widgets.chain_explorer()
    chain.set(w2=-3.0, b3=0.5)
    strip = chain.neuron_strip.value
    cells = dict(re.findall(r"nudge-chain-neuron-(\d)' style='[^']*'>(.*?)</div>", strip))
    assert set(cells) == {"0", "1", "2", "3"}
    zs, acts = chain.values["z"], chain.values["a"]
    assert cells["0"] == f"a = {acts[0]:.4f}"
    for i in (1, 2, 3):
        assert f"a = {acts[i]:.4f}" in cells[str(i)] and f"z = {zs[i - 1]:+.3f}" in cells[str(i)]
    assert "b = +0.50" in cells["3"] and "b = +1.00" in cells["2"]
    # each neuron's numbers are centred under its circle
    for i, circle in enumerate(chain.circles):
        x = chain.axes.transData.transform(circle.center)[0]
        left, width = map(float, re.search(rf"nudge-chain-neuron-{i}' style='[^']*left:([\d.]+)px;width:([\d.]+)px",
                                           strip).groups())
        assert abs(left + width / 2 - x) <= 1.5, i


def test_chain_weights_on_the_arrows_follow_the_sliders_in_the_palette_colours():
    chain = widgets.chain_explorer()
    chain.set(w1=-0.25, w2=3.5)
    assert [t.get_text() for t in chain.edge_text] == ["w(1) = -0.25", "w(2) = +3.50", "w(3) = +2.50"]
    from matplotlib.colors import to_rgba
    assert to_rgba(chain.edge_text[0].get_color()) == to_rgba(plots.negative_color())
    assert to_rgba(chain.edge_text[1].get_color()) == to_rgba(plots.positive_color())


# ----- the Chinese edition (zh-CN): the same widgets, in Chinese, with the same numbers ----------------

def test_chain_explorer_speaks_chinese(zh_cn):
    chain = widgets.chain_explorer()
    c = chain.controls
    assert (c["a0"].description, c["y"].description, c["w1"].description, c["b3"].description) == \
        ("输入 a(0)", "目标 y", "权重 w(1)", "偏置 b(3)")
    assert "代价" in chain.cost_readout.value and f"{chain.values['cost']:.8f}" in chain.cost_readout.value
    for words in ("参数", "链式法则", "有限差分", "一致？"):
        assert words in chain.table.value
    assert f"{chain.values['dC/dw3']:+.10f}" in chain.table.value
    chain.set(w1=4.0, b1=4.0)                              # a saturated first neuron
    assert "饱和" in chain.table.value and "几乎停止学习" in chain.table.value
    assert "点亮的是 w(1) 的路径" in chain.tree_title.value and "∂C0/∂w(1)" in chain.tree_title.value
    assert drawn_without_missing_glyphs(chain.view) and drawn_without_missing_glyphs(chain.tree_view)


def test_network_nudger_speaks_chinese_and_keeps_english_values(zh_cn):
    nudger = widgets.network_nudger(network="untrained (seed 0)", digit=1)
    c = nudger.controls
    assert (c["network"].value == "untrained (seed 0)"
            and c["network"]._options_labels == ("训练好的", "未训练的（种子 0）"))
    assert c["parameter"].value == "weight" and c["parameter"]._options_labels == ("权重", "偏置")
    assert c["layer"]._options_labels[0] == "第 1 层（输入 → 隐藏层 1）" and c["delta"].description == "Δ（轻推量）"
    nudger.set(layer=2, j=0, k=0, delta=3.0)
    r = nudger.readouts
    assert "代价" in r["cost"].value and "预测" in r["prediction"].value and "标签是" in r["prediction"].value
    assert ("反向传播" in r["derivatives"].value and "有限差分" in r["derivatives"].value
            and "一致" in r["derivatives"].value)
    assert f"{nudger.values['cost']:.8f}" in r["cost"].value
    assert "分道扬镳" in r["linear"].value and "对比" in r["linear"].value
    nudger.set(parameter="bias")
    assert nudger.values["backprop"] == pytest.approx(nudger.values["finite_difference"], abs=1e-7)
    assert "第 3 层" in nudger.grad_axes.get_title() and "轻推之前" in nudger.out_axes.get_title(loc="right")
    assert "激活值" == nudger.out_axes.get_ylabel()
    assert drawn_without_missing_glyphs(nudger.view)


def test_the_nudger_is_english_without_the_chinese_edition():
    nudger = widgets.network_nudger()
    assert nudger.controls["network"]._options_labels == ("trained", "untrained (seed 0)")
    assert nudger.readouts["cost"].value.startswith("<b>cost</b>")


@pytest.mark.slow
@pytest.mark.figures
def test_every_widget_figure_of_lesson_04_is_readable_in_chinese(zh_cn):
    from helpers.plots._core import readability_problems
    chain = widgets.chain_explorer()
    nudger = widgets.network_nudger()
    nudger.set(layer=0)
    for name, view in {"chain": chain.view, "tree": chain.tree_view, "nudger": nudger.view}.items():
        assert readability_problems(view.figure) == [], name
        assert texts_cut_off(view.figure) == [], name
