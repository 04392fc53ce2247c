"""Lesson 05's widgets, driven from code: the numbers shown and the pictures drawn."""

import html
import re

import numpy as np
import pytest
from chinese import drawn_without_missing_glyphs
from figure_checks import texts_cut_off

from helpers import load_digits, load_trained_network, widgets
from helpers.learned import experiments as ex
from helpers.learned import images, probes, results
from helpers.widgets import learned

(X_TRAIN, Y_TRAIN), (X_TEST, Y_TEST) = load_digits()
NET = load_trained_network()


# ----- weight tiles -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tiles():
    return widgets.weight_tiles(epochs=1)


def test_weight_tiles_show_the_first_layer_rows(tiles):
    tiles.set(net="16 hidden (the videos' net)", first=0)
    net, accuracy = tiles.nets["16 hidden (the videos' net)"]
    assert tiles.values["hidden"] == 16
    assert tiles.values["limit"] == pytest.approx(np.max(np.abs(net.weights[0])))
    assert tiles.values["roughness"] == pytest.approx(probes.roughness(net.weights[0]))
    assert tiles.values["test_accuracy"] == pytest.approx(net.accuracy(X_TEST, Y_TEST))
    for k in (0, 7, 15):
        assert np.array_equal(tiles.images[k].get_array(), net.weights[0][k].reshape(28, 28))
    assert tiles.images[0].norm.vmin == -tiles.values["limit"]


def test_weight_tiles_page_through_100_neurons(tiles):
    tiles.set(net="100 hidden, 1/√n_in start, cross-entropy", first=32)
    net, _ = tiles.nets["100 hidden, 1/√n_in start, cross-entropy"]
    assert net.sizes == [784, 100, 10] and net.init == "scaled"
    assert tiles.values["first"] == 32
    assert np.array_equal(tiles.images[0].get_array(), net.weights[0][32].reshape(28, 28))
    assert np.array_equal(tiles.images[15].get_array(), net.weights[0][47].reshape(28, 28))
    assert "32–47 of 100" in tiles.title.value
    tiles.set(net="16 hidden + L2 weight decay")     # a 16-neuron net cannot start at 32: shows 0-15
    assert tiles.values["first"] == 0


def test_weight_tiles_nets_follow_their_recipes(tiles):
    decayed, _ = tiles.nets["16 hidden + L2 weight decay"]
    plain, _ = tiles.nets["16 hidden (the videos' net)"]
    same, history = ex.train_weight_net("16 hidden + L2 weight decay", ex.experiment_data(full=False), epochs=1)
    assert np.array_equal(decayed.weights[0], same.weights[0])       # the widget trains exactly the recipe
    # weight decay pulls the never-used border weights towards 0, the plain net keeps its N(0, 1) start there
    border = np.zeros((28, 28), bool)
    border[:2], border[-2:], border[:, :2], border[:, -2:] = True, True, True, True
    assert np.abs(decayed.weights[0][:, border.ravel()]).mean() < np.abs(plain.weights[0][:, border.ravel()]).mean()


# ----- draw your own digit ------------------------------------------------------------------

def vertical_line(top=4, bottom=24, col=14, width=2):
    image = np.zeros((28, 28))
    image[top:bottom, col:col + width] = 1.0
    return image


@pytest.fixture()
def canvas():
    if not learned.canvas_available():
        pytest.skip("anywidget is not installed")
    return widgets.draw_digit()


def test_drawing_a_one_is_classified_after_preparing_it(canvas):
    line = vertical_line()
    canvas.draw(line)
    seen = images.mnist_preprocess(line)
    assert np.array_equal(canvas.values["seen"], seen)
    assert canvas.values["prediction"] == NET.predict(seen) == 1
    assert canvas.values["outputs"] == pytest.approx(list(NET.forward(seen)))
    assert np.array_equal(canvas.seen_image.get_array(), seen.reshape(28, 28))
    assert np.array_equal(canvas.raw_image.get_array(), line)
    heights = [bar.get_height() for bar in canvas.bars]
    assert heights == pytest.approx(list(NET.forward(seen)))
    assert "says <b>1</b>" in canvas.answer.value


def test_canvas_pixels_from_the_browser_are_classified(canvas):
    # the browser sends 784 floats through the synced `pixels` list
    drawing = np.zeros((28, 28))
    drawing[6:22, 9:11] = 1.0
    drawing[6, 9:19] = 1.0                   # a "7"-ish shape: top bar and a stroke
    canvas.canvas.pixels = [float(v) for v in drawing.ravel()]
    seen = images.mnist_preprocess(drawing)
    assert canvas.values["prediction"] == NET.predict(seen)
    assert canvas.values["ink"] == pytest.approx(drawing.sum())


def test_off_centre_drawing_is_moved_to_the_centre(canvas):
    corner = vertical_line(top=0, bottom=12, col=1)
    canvas.draw(corner)
    row, col = canvas.values["center_of_mass"]
    assert abs(row - 14) <= 0.5 + 1e-9 and abs(col - 14) <= 0.5 + 1e-9
    assert canvas.values["prediction"] == NET.predict(images.mnist_preprocess(corner))
    canvas.set(prepare=False)                 # as drawn: the net sees the corner, and the centre stays there
    row, col = canvas.values["center_of_mass"]
    assert row == pytest.approx(5.5) and col == pytest.approx(1.5)
    assert canvas.values["prediction"] == NET.predict(corner.ravel())
    assert np.array_equal(canvas.seen_image.get_array(), corner)


def test_thin_drawing_is_handled(canvas):
    thin = np.zeros((28, 28))
    thin[5:23, 14] = 0.3                      # one faint pixel wide
    canvas.draw(thin)
    seen = images.mnist_preprocess(thin)
    assert canvas.values["prediction"] == NET.predict(seen)
    assert np.all(np.isfinite(canvas.values["outputs"]))


def test_clear_empties_the_canvas_and_the_prediction(canvas):
    canvas.draw(vertical_line())
    canvas.clear_button.click()
    assert canvas.canvas.pixels == [0.0] * 784
    assert canvas.values["empty"] and canvas.values["prediction"] is None
    assert "Draw a digit" in canvas.answer.value
    assert not np.any(canvas.seen_image.get_array())


def test_canvas_brush_slider_reaches_the_browser_widget(canvas):
    canvas.set(brush=30)
    assert canvas.canvas.brush == 30


def test_canvas_rendered_hides_the_fallback_hint(canvas):
    assert "fallback=True" in canvas.hint.value
    canvas.canvas.rendered = True             # what the browser sends once the canvas is on screen
    assert canvas.hint.value == ""


def test_esm_has_pointer_events_and_sends_pixels():
    esm = learned._CANVAS_ESM
    for needle in ("pointerdown", "pointermove", "pointerup", "touchAction", 'model.set("pixels"',
                   "save_changes", "export default"):
        assert needle in esm


def test_fallback_brush_editor_paints_and_classifies():
    editor = widgets.draw_digit(fallback=True)
    assert isinstance(editor, learned.BrushEditor)
    editor.set(digit=5, row=0, column=27)
    expected = X_TEST[5].reshape(28, 28).copy()
    assert np.array_equal(editor.drawing(), expected)
    editor.paint()                            # the brush is cut at the corner of the frame
    expected[0:2, 26:28] = np.maximum(X_TEST[5].reshape(28, 28)[0:2, 26:28], [[0.8, 1.0], [0.4, 0.8]])
    assert np.allclose(editor.drawing(), expected)
    assert editor.values["prediction"] == NET.predict(images.mnist_preprocess(expected))
    assert editor.cursor.get_xy() == (27 - 1.5, 0 - 1.5)
    editor.set(row=14, column=14)
    editor.erase()
    assert not np.any(editor.drawing()[13:16, 13:16])
    editor.clear()
    assert editor.values["empty"] and editor.values["prediction"] is None
    editor.set(digit=6)                       # a new digit replaces the edits
    assert np.array_equal(editor.drawing(), X_TEST[6].reshape(28, 28))
    assert editor.values["label"] == Y_TEST[6]


def test_draw_digit_falls_back_without_anywidget(monkeypatch):
    monkeypatch.setattr(learned, "DigitCanvas", None)
    assert isinstance(widgets.draw_digit(), learned.BrushEditor)
    with pytest.raises(RuntimeError, match="anywidget"):
        learned.DrawDigit()


# ----- experiment chooser --------------------------------------------------------------------

def test_experiment_chooser_draws_the_results_file():
    chooser = widgets.experiment_chooser()
    chooser.set(experiment="random_labels", metric="train_accuracy")
    saved = results.load_result("random_labels")
    assert chooser.values["saved"] and not chooser.values["live"]
    for run in saved["runs"]:
        epochs, mean, _, _ = results.curve(saved, run, "train_accuracy")
        assert chooser.values["final"][run] == pytest.approx(mean[-1])
        line = next(l for l in chooser.axes.get_lines() if l.get_label() == run)
        assert np.allclose(line.get_ydata(), mean) and np.array_equal(line.get_xdata(), epochs)
    assert "data/results/random_labels.json" in chooser.info.value
    assert saved["data_set"].split(" (")[0] in chooser.info.value


def test_experiment_chooser_runs_live_and_overlays(monkeypatch):
    chooser = widgets.experiment_chooser()
    chooser.set(experiment="shuffled_pixels", metric="test_accuracy")
    monkeypatch.setitem(ex.BUDGETS, "shuffled_pixels", {"live": dict(epochs=1, n_train=200), "full": {}})
    live = chooser.run()
    assert chooser.values["live"] and chooser.progress.value == chooser.progress.max == 2
    for run in ("original pixels", "shuffled pixels"):
        assert chooser.values["final"][run + " (live)"] == pytest.approx(results.final(live, run))
        line = next(l for l in chooser.axes.get_lines() if l.get_label() == run + " (live)")
        assert line.get_linestyle() == "--"
    assert "200 training images, 1 epoch," in chooser.info.value
    assert not chooser.run_button.disabled


# ----- the canvas in a real browser ------------------------------------------------------------

CANVAS_NOTEBOOK = {
    "cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "id": "draw",
               "source": "from helpers import widgets\nwidgets.draw_digit()"}],
    "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}},
    "nbformat": 4, "nbformat_minor": 5,
}


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_canvas_draws_with_mouse_and_touch_in_jupyterlab():
    """JupyterLab 4 in headless Chromium: the anywidget canvas shows, a mouse stroke and a touch
    stroke reach Python, the network's answer appears, and Clear empties it again."""
    import json

    from jupyterlab_browser import jupyterlab

    if not learned.canvas_available():
        pytest.skip("anywidget is not installed")
    with jupyterlab() as lab:
        (lab.root_dir / "canvas_check.ipynb").write_text(json.dumps(CANVAS_NOTEBOOK), encoding="utf-8")
        with lab.notebook("canvas_check.ipynb", screenshot="lesson05-canvas") as nb:
            nb.run_all()
            canvas = nb.page.locator("canvas.nudge-canvas")
            canvas.wait_for(timeout=30_000)
            assert nb.text("nudge-readout-prediction").startswith("Draw a digit")
            box = canvas.bounding_box()
            # a mouse stroke: a vertical line down the middle of the canvas
            x = box["x"] + box["width"] / 2
            nb.page.mouse.move(x, box["y"] + 40)
            nb.page.mouse.down()
            for step in range(1, 21):
                nb.page.mouse.move(x, box["y"] + 40 + step * 10)
            nb.page.mouse.up()
            answer = nb.wait_for_text_change("nudge-readout-prediction",
                                             "Draw a digit: the ten outputs appear as you draw.")
            assert answer.startswith("The network says 1"), answer
            # the browser told Python the canvas rendered, so the fallback hint is gone
            assert "fallback" not in nb.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").inner_text()
            # a touch stroke (pointer events with pointerType "touch"): a bar across the top
            nb.page.evaluate("""([x0, x1, y]) => {
                const canvas = document.querySelector('canvas.nudge-canvas');
                const fire = (type, x) => canvas.dispatchEvent(new PointerEvent(type, {
                    pointerId: 7, pointerType: 'touch', isPrimary: true, clientX: x, clientY: y,
                    bubbles: true, cancelable: true, buttons: 1}));
                fire('pointerdown', x0);
                for (let i = 1; i <= 10; i++) fire('pointermove', x0 + (x1 - x0) * i / 10);
                fire('pointerup', x1);
            }""", [box["x"] + 60, box["x"] + box["width"] / 2 + 10, box["y"] + 40])
            nb.wait_for_text_change("nudge-readout-prediction", answer)
            top_bar_lit = nb.page.evaluate("""() => {
                const c = document.querySelector('canvas.nudge-canvas');
                return c.getContext('2d').getImageData(80, 40, 1, 1).data[0]; }""")
            assert top_bar_lit == 255, "the touch stroke did not draw"
            nb.page.wait_for_timeout(1000)   # let the redrawn figure arrive too, for the screenshot
            nb.screenshot("lesson05-canvas-drawn")
            nb.widget("nudge-button-clear").click()
            nb.wait_for_text("nudge-readout-prediction", "Draw a digit: the ten outputs appear as you draw.")
            blank = nb.page.evaluate("""() => {
                const c = document.querySelector('canvas.nudge-canvas');
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let lit = 0; for (let i = 0; i < d.length; i += 4) lit += d[i] > 0;
                return lit; }""")
            assert blank == 0


def test_run_live_stopped_says_so_and_never_stays_on_training(monkeypatch):
    import os
    import signal

    chooser = widgets.experiment_chooser()
    chooser.set(experiment="shuffled_pixels")
    monkeypatch.setitem(ex.BUDGETS, "shuffled_pixels", {"live": dict(epochs=3, n_train=200), "full": {}})

    def press_stop(done, total):
        if done == 2:
            os.kill(os.getpid(), signal.SIGINT)
    monkeypatch.setattr(chooser, "_show_progress", press_stop)
    chooser.run_button.click()                      # as a learner would: through the button
    assert chooser.status.value.startswith("Stopped: “Shuffled pixels” after"), chooser.status.value
    assert "the run trained so far" in chooser.status.value
    assert "shuffled_pixels" not in chooser.status.value and not chooser.run_button.disabled
    assert chooser.values["live"] and "original pixels (live)" in chooser.values["final"]


def test_run_live_says_done_in_plain_words(monkeypatch):
    chooser = widgets.experiment_chooser()
    chooser.set(experiment="relu_vs_sigmoid")
    monkeypatch.setitem(ex.BUDGETS, "relu_vs_sigmoid", {"live": dict(epochs=1, n_train=100), "full": {}})
    chooser.run_button.click()
    assert chooser.status.value.startswith("Done: “ReLU vs sigmoid, 784-16-16-10” trained live")


def test_weight_tiles_slider_follows_the_net_shown(tiles):
    tiles.set(net="16 hidden (the videos' net)")
    assert tiles.controls["first"].max == 0 and tiles.controls["first"].disabled
    tiles.set(net="100 hidden")
    assert tiles.controls["first"].max == 84 and not tiles.controls["first"].disabled
    tiles.set(first=80)
    assert tiles.values["first"] == 80 and "80–95 of 100" in tiles.title.value


def test_weight_tiles_switch_nets_without_drawing_the_figure_again(tiles):
    """Every net's first page is drawn when the widget is built; a page drawn for the first time says
    "Working…" on the status line while it is drawn, then gives the line back."""
    fresh = widgets.weight_tiles(epochs=1)
    assert all(fresh.view.has_scene((name, 0)) for name in fresh.nets)
    assert fresh.values["net"] == "16 hidden (the videos' net)" and fresh.status.value == ""
    seen = []
    fresh.status.observe(lambda change: seen.append(change["new"]), names="value")
    fresh.set(net="100 hidden")
    assert seen == []                                       # a kept scene: nothing to wait for
    fresh.set(first=48)
    assert seen == ["<i>Working…</i>", ""] and fresh.view.has_scene(("100 hidden", 48))
    quick = fresh.view.widget.value
    fresh.view.redraw(full=True)
    assert quick == fresh.view.widget.value                 # the kept scene draws what the whole figure draws
    assert [t.get_text() for t in fresh.tile_titles[:2]] == ["neuron 48", "neuron 49"]


def chooser_states():
    for experiment in ex.EXPERIMENTS:
        for metric in ("test_accuracy", "train_accuracy", "train_cost"):
            yield experiment, metric


@pytest.mark.slow
def test_experiment_chooser_draws_every_experiment_as_the_whole_figure_would():
    """Switching experiments redraws the curves over a kept scene (frame, ticks, labels): the picture is the
    whole figure's, the legend beside it names each curve in its colour and style, nothing is cut off."""
    from helpers.plots._core import readability_problems
    chooser = widgets.experiment_chooser()
    for experiment, metric in chooser_states():
        chooser.set(experiment=experiment, metric=metric)
        quick = chooser.view.widget.value
        chooser.view.redraw(full=True)
        assert quick == chooser.view.widget.value, (experiment, metric)
        lines = [line for line in chooser.axes.get_lines() if line is not chooser.chance_line]
        assert len(lines) == len(chooser.values["final"])
        for line, label in zip(lines, chooser.values["final"]):
            text = html.escape(label).replace("n_in", "n<sub>in</sub>")
            assert f"{line.get_color()};margin-right:6px'></span><span>{text}</span>" in chooser.legend.value
        assert chooser.chance_line.get_visible() == metric.endswith("accuracy")
        low, high = chooser.axes.get_ylim()
        assert (low, high) == (0, 1) if metric.endswith("accuracy") else low < min(
            line.get_ydata().min() for line in lines) <= max(line.get_ydata().max() for line in lines) < high
        # laid out as the whole-figure drawing above left it: nothing has changed since
        assert readability_problems(chooser.view.figure) == [] and texts_cut_off(chooser.view.figure, drawn=True) == []


def test_experiment_chooser_switches_among_kept_scenes_and_says_working_for_a_new_one():
    chooser = widgets.experiment_chooser()
    seen = []
    chooser.status.observe(lambda change: seen.append(change["new"]), names="value")
    chooser.set(experiment="tweaks")                        # the same axes as shuffled pixels: a kept scene
    assert seen == [] and chooser.axes.get_title() == "The tweaks toward 98 % (Nielsen ch. 3)"
    chooser.set(metric="train_cost")                        # a new axis range: drawn once, "Working…" meanwhile
    assert seen == ["<i>Working…</i>", ""]
    chooser.set(metric="test_accuracy")
    assert seen == ["<i>Working…</i>", ""]


def test_experiment_legend_writes_n_in_as_a_subscript_and_escapes_the_rest():
    chooser = widgets.experiment_chooser()
    chooser.set(experiment="tweaks")
    assert "+ 1/√n<sub>in</sub> start" in chooser.legend.value and "η 1.5 → 0.5" in chooser.legend.value
    assert "border-top:2px solid" in chooser.legend.value and "dashed" not in chooser.legend.value


# ----- readable at its own size: every figure of lesson 05 ----------------------------------------

def lesson_figures():
    """Every figure lesson 05 shows, built as the lesson builds it (small live budgets)."""
    from helpers import plots

    tiny = {"X_train": X_TRAIN[:200], "y_train": Y_TRAIN[:200], "X_test": X_TEST[:100], "y_test": Y_TEST[:100],
            "data_set": "bundled MNIST subset (a test slice)"}
    live = ex.tweaks(tiny, epochs=1, progress=False)
    curves = ex.random_labels(tiny, n_train=100, epochs=1, progress=False)
    yield "first_layer_tiles", plots.first_layer_tiles(NET)
    yield "preparation_damage", plots.preparation_damage(probes.preparation_damage(NET, X_TEST[:100], Y_TEST[:100]))
    yield "noise_answers", plots.noise_answers(NET, probes.noise_images(8), seed=0)
    yield "dreams", plots.dreams(NET, X_TEST, Y_TEST, steps=2)
    yield "digit_grid", plots.digit_grid(X_TEST[:8], Y_TEST[:8], n=8)
    yield "experiment_curves", plots.experiment_curves(curves, results.load_result("random_labels"))
    yield "experiment_curves without a file", plots.experiment_curves(curves, None)
    yield "tweak_bars", plots.tweak_bars(live, results.load_result("tweaks"))
    yield "tweak_curves", plots.experiment_curves(live, results.load_result("tweaks"))


@pytest.mark.slow
@pytest.mark.figures
def test_every_lesson_figure_is_readable_at_its_own_size():
    from helpers.plots._core import readability_problems

    for name, fig in lesson_figures():
        assert readability_problems(fig) == [], name


@pytest.mark.slow
@pytest.mark.figures
def test_every_widget_figure_is_readable_and_shown_at_its_own_aspect(tiles):
    from helpers.plots._core import readability_problems

    shown = [tiles, widgets.draw_digit(fallback=True), widgets.experiment_chooser()]
    if learned.canvas_available():
        shown.append(widgets.draw_digit())
    for widget in shown:
        assert readability_problems(widget.view.figure) == [], type(widget).__name__
        width, height = widget.view.figure.canvas.get_width_height()
        assert width <= 840
        layout = widget.view.widget.layout
        # the Image widget is given the PNG's own width, and the PNG's height where an HBox could stretch it
        assert layout.width == f"{width}px" and layout.height in (None, f"{height}px"), type(widget).__name__


# ----- the Chinese edition (zh-CN): the same widgets, in Chinese, with the same numbers ----------------

def test_weight_tiles_speak_chinese_and_keep_english_values(zh_cn, tiles):
    w = widgets.weight_tiles(epochs=1)                  # the nets are trained once a session: this is quick
    net = w.controls["net"]
    assert net.description == "网络" and net.value == "16 hidden (the videos' net)"
    assert all(re.search(r"[\u4e00-\u9fff]", label) for label in net._options_labels)
    w.set(net="100 hidden", first=32)
    assert "32–47" in w.title.value and "权重" in w.title.value and w.tile_titles[0].get_text() == "神经元 32"
    assert "测试准确率" in w.info.value and "粗糙度" in w.info.value and "二次代价" in w.info.value
    assert f"{w.values['test_accuracy']:.1%}" in w.info.value
    assert w.controls["first"].description == "显示的第一个神经元"
    assert drawn_without_missing_glyphs(w.view)


def test_brush_editor_speaks_chinese(zh_cn):
    w = widgets.draw_digit(fallback=True)
    assert [b.description for b in w.children[2].children] == ["涂色", "擦除", "清空"]
    assert w.controls["prepare"].description == "像 MNIST 那样居中、缩放" and w.controls["row"].description == "行"
    assert w.answer.value.startswith("网络说是") and "质心" in w.answer.value
    assert w.out_title.get_text().startswith("网络说是") and "$" not in w.out_title.get_text()
    assert "质心" in w.seen_title.get_text() and "画笔" in w.ax_raw.get_title()
    w.clear()
    assert "画一个数字" in w.answer.value and w.out_title.get_text() == "还什么都没画"
    assert drawn_without_missing_glyphs(w.view)


def test_canvas_speaks_chinese(zh_cn):
    if not learned.canvas_available():
        pytest.skip("anywidget is not installed")
    w = widgets.draw_digit()
    assert w.clear_button.description == "清空" and w.controls["brush"].description == "画笔粗细"
    assert "上面没有画布" in w.hint.value and "fallback=True" in w.hint.value
    w.draw(vertical_line())
    assert f"<b>{w.values['prediction']}</b>" in w.answer.value and "网络说是" in w.answer.value


def test_experiment_chooser_speaks_chinese_and_keeps_english_values(zh_cn, monkeypatch):
    chooser = widgets.experiment_chooser()
    menu, metric = chooser.controls["experiment"], chooser.controls["metric"]
    assert menu.value == "shuffled_pixels" and metric.value == "test_accuracy"
    assert menu.description == "实验" and metric._options_labels == ("测试准确率", "训练准确率", "训练代价")
    assert chooser.run_button.description == "现场训练（小预算）"
    assert "实线" in chooser.info.value and "data/results/shuffled_pixels.json" in chooser.info.value
    assert chooser.axes.get_xlabel() == "轮" and chooser.axes.get_ylabel() == "测试准确率"
    chooser.set(experiment="relu_vs_sigmoid")
    assert chooser.axes.get_title() == "ReLU 对比 sigmoid，784-16-16-10"
    monkeypatch.setitem(ex.BUDGETS, "relu_vs_sigmoid", {"live": dict(epochs=1, n_train=100), "full": {}})
    chooser.run_button.click()
    assert chooser.status.value.startswith("完成：“ReLU 对比 sigmoid，784-16-16-10”现场训练用时"), chooser.status.value
    assert "虚线" in chooser.info.value
    assert "ReLU，η = 0.3（现场）" in chooser.legend.value or "（现场）</span>" in chooser.legend.value
    assert "border-top:2px dashed" in chooser.legend.value
    assert drawn_without_missing_glyphs(chooser.view)


def test_the_experiment_chooser_is_english_without_the_chinese_edition():
    chooser = widgets.experiment_chooser()
    assert chooser.controls["metric"]._options_labels == ("test accuracy", "training accuracy", "training cost")


@pytest.mark.slow
@pytest.mark.figures
def test_every_widget_figure_of_lesson_05_is_readable_in_chinese(zh_cn, tiles):
    from helpers.plots._core import readability_problems

    shown = [widgets.weight_tiles(epochs=1), widgets.draw_digit(fallback=True), widgets.experiment_chooser()]
    if learned.canvas_available():
        shown.append(widgets.draw_digit())
    for widget in shown:
        assert readability_problems(widget.view.figure) == [], type(widget).__name__
        assert texts_cut_off(widget.view.figure) == [], type(widget).__name__
    chooser = shown[2]
    for experiment, metric in chooser_states():               # the fixed axes leave room for Chinese labels too
        chooser.set(experiment=experiment, metric=metric)
        assert texts_cut_off(chooser.view.figure) == [], (experiment, metric)


# ----- the lesson's "Try this" questions: what they say the learner sees ---------------------------

def test_try_this_weight_tiles_small_start_smooths_at_once_decay_needs_epochs(tiles):
    """§1: the small start's tiles are smooth after one epoch (roughness < 0.5, colour bar within ±1, the
    videos' net beyond ±3); L2 after one epoch is still speckled (> 0.9) with less than half the scale."""
    shown = {}
    for name in ex.WEIGHT_NETS:
        tiles.set(net=name)
        shown[name] = dict(tiles.values)
    videos, small = shown["16 hidden (the videos' net)"], shown["100 hidden, 1/√n_in start, cross-entropy"]
    decay = shown["16 hidden + L2 weight decay"]
    assert tiles.epochs == 1
    assert videos["roughness"] > 0.9 and small["roughness"] < 0.5
    assert videos["limit"] > 3 and small["limit"] < 1
    assert decay["roughness"] > 0.9 and decay["limit"] < 0.5 * videos["limit"]
    tiles.set(net="16 hidden (the videos' net)")


def small_in_the_corner(image):
    """A test digit at half size in the top-left corner of the canvas (about a quarter of it)."""
    drawing = np.zeros((28, 28))
    drawing[1:15, 1:15] = np.reshape(image, (28, 28))[::2, ::2]
    return drawing


def test_try_this_a_small_seven_in_the_corner_needs_the_preparation(canvas):
    """§2: prepared, a small 7 in the corner is a confident 7; unprepared, another digit or far less confident."""
    for index in (14, 43):
        assert Y_TEST[index] == 7
        canvas.set(prepare=True)
        canvas.draw(small_in_the_corner(X_TEST[index]))
        assert canvas.values["prediction"] == 7 and canvas.values["confidence"] > 0.9
        canvas.set(prepare=False)
        assert canvas.values["prediction"] != 7 or canvas.values["confidence"] < 0.5
    canvas.set(prepare=True)


def test_try_this_experiment_chooser_deep_sigmoid_waits_random_labels_come_late():
    """After the experiment chooser: the deep sigmoid at η = 0.3 stays on chance longest, ReLU is above 80 % after
    one epoch; with random labels the training accuracy reaches the top many epochs after the true labels."""
    chooser = widgets.experiment_chooser()
    chooser.set(experiment="relu_vs_sigmoid_deep", metric="test_accuracy")
    deep = results.load_result("relu_vs_sigmoid_deep")
    assert chooser.values["saved"] and set(chooser.values["final"]) == set(deep["runs"])
    leaves_chance = {run: int(np.argmax(results.curve(deep, run)[1] > 0.2)) for run in deep["runs"]}
    assert max(leaves_chance, key=leaves_chance.get) == "sigmoid, η = 0.3" and leaves_chance["sigmoid, η = 0.3"] >= 5
    assert results.curve(deep, "ReLU, η = 0.3")[1][0] > 0.8
    chooser.set(experiment="random_labels", metric="train_accuracy")
    labels = results.load_result("random_labels")
    assert all(value > 0.99 for value in chooser.values["final"].values())
    true_labels, random_labels = (results.epochs_to_reach(labels, run, 0.9) for run in ("true labels", "random labels"))
    assert random_labels > 3 * true_labels
