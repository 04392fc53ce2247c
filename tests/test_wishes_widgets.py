"""Lesson 03's widgets show the right numbers, checked against an independent computation.

A wish is -1/2 times a derivative of one example's cost C_x = sum_j (a_j - y_j)^2, so
the references here are finite differences and net.gradient, not the widget's own code.
The math itself is tested in test_wishes_math.py.
"""

import io
import os
import signal

import numpy as np
import PIL.Image
import pytest
from chinese import drawn_without_missing_glyphs
from figure_checks import texts_cut_off
from matplotlib.colors import to_rgb
from test_wishes_math import central_difference, forward_layers, manual_descent, one_hot, sigmoid
from test_wishes_plots import legends_over_axes

from helpers import plots, widgets, wishes
from helpers.plots._core import readability_problems


@pytest.fixture(scope="module")
def lesson():
    net = wishes.partly_trained_network()
    index, x, label = wishes.example_two(net)
    return net, index, x, label


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

@pytest.mark.slow
def test_sgd_vs_full_batch_runs_both_and_draws_both_curves():
    w = widgets.sgd_vs_full_batch(full_batch_steps=3, passes=1, max_steps=20)
    assert not w.values["ran"] and "Run" in w.summary.value
    assert len(w.full_lines[0].get_xdata()) == 0
    assert w.progress.layout.visibility == "hidden"      # no bar (empty or full) before Run is pressed
    w.set(batch_size=100)
    w.run_button.click()                                 # what pressing Run does
    values = w.values
    assert values["ran"] and values["batch_size"] == 100
    assert values["full_steps"] == 3 and values["sgd_steps"] == 20 and values["sgd_examples"] == 2000
    assert values["full_cost"] == pytest.approx(manual_descent(8000, 3), rel=1e-10)
    assert values["sgd_cost"] == pytest.approx(manual_descent(100, 20), rel=1e-10)
    assert values["start_cost"] == pytest.approx(manual_descent(8000, 0), rel=1e-12)
    assert w.progress.value == w.progress.max and w.progress.layout.visibility == "hidden"
    assert w.status.value == "" and not w.run_button.disabled
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


def test_the_stop_button_ends_a_race_with_a_plain_stopped_status():
    w = widgets.sgd_vs_full_batch(full_batch_steps=3, passes=1, max_steps=40)
    w.set(batch_size=100)
    w.run()
    w.set(batch_size=10)
    pressed = []

    def stop_after_some_steps(done, total, what):
        pressed.append(done)
        if len(pressed) == 2:                           # the stop button: SIGINT, between two steps
            os.kill(os.getpid(), signal.SIGINT)
    w._report = stop_after_some_steps
    w.run_button.click()
    assert w.status.value.startswith("Stopped") and "running" not in w.status.value.lower()
    assert "SGD with batches of 10 after 2 steps" in w.status.value
    assert 10 not in w.results and not w.values["ran"]  # nothing half-trained is kept
    assert not w.run_button.disabled and w.progress.layout.visibility == "hidden"
    del w._report
    w.run()                                             # Run again: the whole walk, the same numbers as ever
    assert w.values["sgd_cost"] == pytest.approx(manual_descent(10, 40), rel=1e-10) and w.status.value == ""


def test_a_keyboard_interrupt_in_a_run_says_stopped_and_frees_the_button():
    w = widgets.sgd_vs_full_batch(full_batch_steps=2, passes=1, max_steps=10)

    def interrupt(done, total, what):
        raise KeyboardInterrupt           # a second press of the stop button stops at once
    w._report = interrupt
    w.run_button.click()
    assert w.status.value == "Stopped." and not w.run_button.disabled
    assert w.full is None and w.progress.layout.visibility == "hidden"


@pytest.mark.slow
@pytest.mark.figures
def test_every_widget_figure_of_lesson_03_fits_the_page_and_is_readable():
    """At most 840 px wide, no text under 9 px, no legend over a plot; shown at the PNG's own size (issue 16)."""
    race = widgets.sgd_vs_full_batch(full_batch_steps=2, passes=1, max_steps=10)
    race.run()
    for w in (widgets.output_wishes(), widgets.hidden_wish(), race):
        fig = w.view.figure
        assert readability_problems(fig) == [], type(w).__name__
        assert legends_over_axes(fig) == [], type(w).__name__
        width, height = PIL.Image.open(io.BytesIO(w.view.widget.value)).size
        assert width <= 840 and w.view.widget.layout.width == f"{width}px"
    # the race keeps its height while it runs: a status line that is never empty-and-collapsed, two summary lines
    assert race.status.layout.min_height == "28px" and race.summary.value.count("<br>") == 1


# ----- the Chinese edition (zh-CN): the same widgets, in Chinese, with the same numbers ----------------

def test_output_wishes_speak_chinese(zh_cn):
    w = widgets.output_wishes()
    w.set(step=1.0)
    assert "步长" in w.controls["step"].description and "愿望" in w.controls["step"].description
    assert "代价" in w.summary.value and f"{w.values['cost_after']:.4f}" in w.summary.value
    assert "网络的回答" in w.summary.value
    assert "输出神经元 j" in w.table.value and "现在的愿望" in w.table.value
    assert w.bar_axes.get_title().startswith("这个样本的代价") and "$" not in w.bar_axes.get_title()
    legend = [t.get_text() for t in w.bar_axes.get_legend().get_texts()]
    assert "愿望向上：yⱼ − aⱼ > 0" in legend and "目标 yⱼ" in legend
    assert drawn_without_missing_glyphs(w.view)


def test_hidden_wish_speaks_chinese(zh_cn):
    w = widgets.hidden_wish()
    w.set(neuron=3)
    assert w.controls["neuron"].description == "隐藏神经元 k"
    assert "愿望总和" in w.summary.value and ("更亮" in w.summary.value or "更暗" in w.summary.value)
    assert f"{w.values['total']:+.5f}" in w.summary.value
    assert "把 k 往上推的" in w.note.value and "把 k 往下推的" in w.note.value
    assert "隐藏神经元 k = 3" in w.left.get_title() and "愿望" in w.right.get_ylabel()
    assert "总和" in [label.get_text() for label in w.left.get_xticklabels()]
    assert drawn_without_missing_glyphs(w.view)


def test_sgd_race_speaks_chinese(zh_cn):
    w = widgets.sgd_vs_full_batch(full_batch_steps=2, passes=1, max_steps=10)
    assert w.controls["batch_size"].description == "SGD 小批量大小" and w.run_button.description == "运行"
    assert "开始训练" in w.summary.value and "学习率" in w.summary.value
    w.run()
    assert ("全批量" in w.summary.value and "每步" in w.summary.value
            and f"{w.values['sgd_cost']:.4f}" in w.summary.value)
    legend = [t.get_text() for t in w.view.figure.legends[0].get_texts()]
    assert "SGD，每批 10 个" in legend and "开始时的代价" in legend
    assert "代价" in w.axes[0].get_ylabel()
    w._stopped("每批 10 个的 SGD", 2)
    assert w.status.value.startswith("已停止") and "按“运行”重新开始" in w.status.value
    assert drawn_without_missing_glyphs(w.view)


def test_the_sgd_race_is_english_without_the_chinese_edition():
    w = widgets.sgd_vs_full_batch(full_batch_steps=2, passes=1, max_steps=10)
    assert w.summary.value.startswith("Press <b>Run</b> to train")


@pytest.mark.slow
@pytest.mark.figures
def test_every_widget_figure_of_lesson_03_is_readable_in_chinese(zh_cn):
    race = widgets.sgd_vs_full_batch(full_batch_steps=2, passes=1, max_steps=10)
    race.run()
    for w in (widgets.output_wishes(), widgets.hidden_wish(), race):
        fig = w.view.figure
        assert readability_problems(fig) == [], type(w).__name__
        assert legends_over_axes(fig) == [], type(w).__name__             # draws the whole figure
        # the race's seconds axis ends where this machine's timing puts it: its edge tick label may overhang
        words = [t for t in texts_cut_off(fig, drawn=True) if not t.startswith("$\\mathdefault")]
        assert words == [], type(w).__name__
