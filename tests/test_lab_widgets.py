"""Lesson 06's widgets and figures, driven from code: the numbers shown equal helpers' numbers."""

import re

import numpy as np
import pytest
from chinese import drawn_without_missing_glyphs
from figure_checks import texts_cut_off
from matplotlib.colors import to_rgb

from helpers import lab as dm
from helpers import lab as pj
from helpers import plots
from helpers.core import evaluation as ev
from helpers.plots._core import readability_problems
from helpers.widgets import lab

DATA = lab.lab_data()
NET, X_TEST, Y_TEST = DATA["net"], DATA["X_test"], DATA["y_test"]
PLAIN = NET.accuracy(X_TEST, Y_TEST)


@pytest.fixture(scope="module")
def ablation():
    return lab.ablation_lab()


@pytest.fixture(scope="module")
def abstain():
    return lab.abstain_lab()


@pytest.fixture(scope="module")
def damage():
    return lab.damage_lab()


# ----- 1. confusion ---------------------------------------------------------------------------

def test_confusion_explorer_shows_the_digits_of_the_chosen_cell():
    w = lab.confusion_explorer()
    counts = ev.confusion_counts(Y_TEST, NET.predict(X_TEST))
    assert w.values["accuracy"] == pytest.approx(PLAIN)
    assert np.trace(w.counts) / w.counts.sum() == pytest.approx(PLAIN)
    assert np.array_equal(w.counts.sum(axis=1), np.bincount(Y_TEST, minlength=10))
    w.set(label=4, answer=9)
    assert w.values["count"] == counts[4, 9] and w.values["row_total"] == np.sum(Y_TEST == 4)
    for k, index in enumerate(w.values["indices"]):
        assert Y_TEST[index] == 4 and NET.predict(X_TEST[index]) == 9
        assert np.array_equal(w.images[k].get_array(), X_TEST[index].reshape(28, 28))
    assert w.cell.get_xy() == (8.5, 3.5)
    w.set(label=2, answer=2)
    assert w.values["count"] == counts[2, 2] and len(w.values["indices"]) == 12
    assert readability_problems(w.view.figure) == []


# ----- 2. ablation -------------------------------------------------------------------------------

def test_ablating_nothing_reproduces_the_plain_accuracy(ablation):
    ablation.switch_all_on()
    for replacement in ("zero", "mean"):
        ablation.set(replacement=replacement)
        assert ablation.values["accuracy"] == pytest.approx(PLAIN)
        assert ablation.values["drop"] == pytest.approx(0)
        assert ablation.accuracy_readout.value == f"{PLAIN:.2%}"


def test_ticking_neurons_off_shows_the_ablation_accuracy(ablation):
    ablation.switch_all_on()
    ablation.set(l1n11=True, l2n6=True, replacement="zero")
    expected, per_digit = ev.ablation_accuracy(NET, X_TEST, Y_TEST, [(1, 11), (2, 6)])
    assert ablation.values["off"] == [(1, 11), (2, 6)]
    assert ablation.values["accuracy"] == pytest.approx(expected) and expected < PLAIN - 0.05
    assert np.allclose(ablation.values["per_digit"], per_digit)
    assert np.allclose([bar.get_height() for bar in ablation.bars], per_digit)
    assert ablation.accuracy_readout.value == f"{expected:.2%}"
    ablation.set(replacement="mean")
    assert ablation.values["accuracy"] == pytest.approx(
        ev.ablation_accuracy(NET, X_TEST, Y_TEST, [(1, 11), (2, 6)], DATA["means"])[0])
    assert ablation.values["accuracy"] > expected               # the mean is the gentler, fairer test here
    assert ablation.last_update_ms is not None
    assert readability_problems(ablation.view.figure) == []


def test_switching_off_the_whole_second_layer_leaves_one_answer(ablation):
    ablation.switch_all_on()
    ablation.set(replacement="zero", **{f"l2n{j}": True for j in range(16)})
    counts = np.bincount(Y_TEST, minlength=10)
    constant = np.argmax(ev.ablated_outputs(NET, X_TEST[:1], {2: range(16)}))
    assert ablation.values["accuracy"] == pytest.approx(counts[constant] / len(Y_TEST))
    assert np.count_nonzero(ablation.values["per_digit"]) == 1
    ablation.switch_all_on()
    assert ablation.values["off"] == []


# ----- 3. damage and abstaining --------------------------------------------------------------------

def test_zero_damage_changes_nothing(damage):
    for kind in dm.KINDS:
        damage.set(kind=kind)
        damage.set(level=0.0, digit=7)
        assert np.array_equal(damage.values["image"], X_TEST[7])
        assert np.allclose(damage.values["outputs"], NET.forward(X_TEST[7]))


def test_damage_slider_shows_the_damaged_digit_and_its_outputs(damage):
    damage.set(kind="rotation")
    damage.set(level=40.0, digit=3)
    image = dm.rotate(X_TEST[3], 40.0)
    assert np.allclose(damage.values["image"], image)
    assert np.allclose(damage.values["outputs"], NET.forward(image))
    assert damage.values["answer"] == NET.predict(image)
    assert np.allclose([bar.get_height() for bar in damage.bars], NET.forward(image))
    damage.set(kind="noise")                                     # a new kind: its own units, level back to 0
    assert damage.controls["level"].value == 0.0 and damage.controls["level"].max == 0.6
    damage.set(level=0.3)
    assert np.allclose(damage.values["image"], dm.add_noise(X_TEST[3], 0.3, seed=3))
    assert readability_problems(damage.view.figure) == []


def test_tau_zero_answers_everything(abstain):
    abstain.set(tau=0.0)
    assert abstain.values["coverage"] == 1.0
    assert abstain.values["accuracy"] == pytest.approx(PLAIN)
    assert abstain.coverage_readout.value == "100.00%"


def test_tau_readouts_equal_the_abstain_rule_and_coverage_never_rises(abstain):
    previous = 1.0
    for tau in (0.3, 0.5, 0.7, 0.9, 0.95, 0.99):
        abstain.set(tau=tau)
        coverage, accuracy = ev.coverage_and_accuracy(DATA["outputs"], Y_TEST, tau)
        assert abstain.values["coverage"] == coverage <= previous
        assert abstain.values["accuracy"] == pytest.approx(accuracy)
        assert abstain.coverage_readout.value == f"{coverage:.2%}"
        assert abstain.accuracy_readout.value == f"{accuracy:.2%}"
        assert tuple(abstain.dot.get_data()[0]) == (coverage,)
        previous = coverage
    assert abstain.values["wrong_kept"] > 0                      # even at 0.99 some wrong answers are confident
    assert 0 < abstain.values["noise_answered"] < 1
    assert readability_problems(abstain.view.figure) == []


# ----- 4. layer maps -----------------------------------------------------------------------------------

def test_layer_map_reports_the_projection_scores_and_highlights_one_digit():
    w = lab.layer_map()
    maps = pj.layer_maps(NET, DATA["X_train"], DATA["y_train"], X_TEST, Y_TEST)
    assert w.values["accuracy_2d"] == pytest.approx([m["accuracy_2d"] for m in maps])
    w.set(digit=4)
    colours = to_rgb(w.dots[0][4].get_color()), to_rgb(w.dots[0][3].get_color())
    assert not np.allclose(colours[0], colours[1])
    assert np.allclose(colours[1], [0xd0 / 255] * 3)             # the other digits turn grey
    assert np.array_equal(w.dots[2][4].get_xdata(), w.maps[2]["points"][Y_TEST == 4, 0])
    assert len(w.values["digit_accuracy"]) == 3
    assert readability_problems(w.view.figure) == []


# ----- 5. training you can watch -------------------------------------------------------------------------

def test_training_watch_steps_ticks_and_starts_again():
    w = lab.training_watch()
    start = w.values["test_accuracy"]
    w.step()
    assert w.values["examples_seen"] == 10 and w.values["batches"] == 1
    w.set(batch_size=50, learning_rate=3.0)
    w.step()
    assert w.values["examples_seen"] == 60 and w.session.learning_rate == 3.0
    w.tick()
    assert w.values["examples_seen"] > 60 and w.last_update_ms > 0
    seen = w.values["examples_seen"]
    w.play.value += 1                                            # a tick sent by the Play widget
    assert w.values["examples_seen"] > seen
    seen = w.values["examples_seen"]
    w.play.value = 0                                             # its stop button: no work
    assert w.values["examples_seen"] == seen
    w.set(unit="epoch")
    w.step()
    assert w.session.position == 8000 and w.values["test_accuracy"] > start + 0.3
    assert np.array_equal(w.tiles.get_array()[:28, :28], w.session.net.weights[0][0].reshape(28, 28))
    w.set(tiles="change since start")
    change = w.session.net.weights[0] - w.start_weights
    assert np.allclose(w.tiles.get_array()[29:57, 29:57], change[5].reshape(28, 28))   # tile 5: row 1, column 1
    assert w.norm.vmax == 1.0 and np.abs(change).max() > 0.1
    w.reset()
    assert w.values["examples_seen"] == 0 and w.values["test_accuracy"] == start
    assert readability_problems(w.view.figure) == []


def test_a_diverging_session_pauses_with_a_message_on_the_status_line():
    w = lab.training_watch()
    playing = "playing" if w.play.has_trait("playing") else "_playing"     # ipywidgets 8, or Colab's 7.7.1
    w.session.net.weights[1][0, 0] = np.inf
    setattr(w.play, playing, True)
    w.step()
    assert not getattr(w.play, playing) and "too large" in w.status.value
    assert all(np.isfinite(p).all() for p in w.session.net.parameters())   # back at its last good weights
    w.session.net.weights[1][0, 0] = np.inf
    setattr(w.play, playing, True)
    w.play.value += 1                                            # a tick from the browser: same message
    assert not getattr(w.play, playing) and "too large" in w.status.value and "TrainingDiverged" in w.status.value


# ----- static figures -------------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.figures
def test_every_lesson_06_figure_is_readable():
    counts = ev.confusion_counts(Y_TEST, NET.predict(X_TEST))
    drops = ev.single_neuron_drops(NET, X_TEST[:300], Y_TEST[:300])
    curves = ev.random_ablation_curve(NET, X_TEST[:300], Y_TEST[:300], [0, 16, 32], seeds=(0, 1))
    damage_curves = {kind: dm.damage_curve(NET, X_TEST[:200], Y_TEST[:200], kind, levels[:2])
                     for kind, (_, levels) in dm.KINDS.items()}
    maps = pj.layer_maps(NET, X_TEST[:500], Y_TEST[:500], X_TEST[:500], Y_TEST[:500])
    figures = [plots.confusion_grid(counts), plots.neuron_drops(drops, drops, PLAIN),
               plots.random_ablation([0, 16, 32], curves, curves, PLAIN), plots.damage_curves(damage_curves, PLAIN),
               plots.layer_maps(maps, Y_TEST[:500]), plots.layer_maps(maps, Y_TEST[:500], highlight=3)]
    for fig in figures:
        assert readability_problems(fig) == []


# ----- the Chinese edition (zh-CN): the same widgets, in Chinese, with the same numbers ----------------

def test_confusion_explorer_speaks_chinese(zh_cn):
    w = lab.confusion_explorer(label=4, answer=9)
    assert w.controls["label"].description == "真实标签" and w.controls["answer"].description == "网络的答案"
    assert "个测试数字是 4" in w.info.value and "判成了 9" in w.info.value and f"{PLAIN:.1%}" in w.info.value
    w.set(answer=4)
    assert "（正确）" in w.info.value
    assert "红框格子里的前 12 个数字" in [t.get_text() for t in w.view.figure.texts]
    assert drawn_without_missing_glyphs(w.view)


def test_ablation_lab_speaks_chinese_and_keeps_english_values(zh_cn):
    w = lab.ablation_lab()
    replace = w.controls["replacement"]
    assert replace.description == "替换为" and replace._options_labels == ("零", "它的均值") and replace.value == "zero"
    assert w.clear.description == "全部打开"
    w.set(l1n11=True, replacement="mean")
    assert w.accuracy_readout.value == f"{w.values['accuracy']:.2%}"          # numbers as in English
    assert "全部打开时" in w.info.value and "个百分点" in w.info.value and "L1:11" in w.info.value
    assert "训练集上的均值" in w.info.value
    assert w.view.figure.axes[0].get_ylabel() == "测试准确率"
    assert drawn_without_missing_glyphs(w.view)


def test_damage_lab_speaks_chinese_and_keeps_english_values(zh_cn):
    w = lab.damage_lab()
    kind = w.controls["kind"]
    assert kind.description == "损坏方式" and kind.value == "rotation"
    assert all(re.search(r"[\u4e00-\u9fff]", label) for label in kind._options_labels)
    assert re.search(r"[\u4e00-\u9fff]", w.controls["level"].description)         # the units, in Chinese
    w.set(kind="noise")
    assert w.values["kind"] == "noise" and w.controls["level"].max == 0.6
    units = w.controls["level"].description
    assert re.search(r"[\u4e00-\u9fff]", units) and units.endswith(" s")     # the noise level s, in Chinese
    assert "网络说是" in w.info.value and "最高输出" in w.info.value
    assert drawn_without_missing_glyphs(w.view)


def test_abstain_lab_speaks_chinese_with_the_english_numbers(zh_cn):
    w = lab.abstain_lab(tau=0.9)
    assert w.controls["tau"].description == "阈值 τ"
    assert w.coverage_readout.value == f"{w.values['coverage']:.2%}"
    assert "回答了" in w.info.value and "纯噪声" in w.info.value
    left, curve = w.view.figure.axes[:2]
    assert "覆盖率" in curve.get_xlabel() and "答对的" in [t.get_text() for t in left.get_legend().get_texts()]
    assert drawn_without_missing_glyphs(w.view)


def test_layer_map_and_training_watch_speak_chinese(zh_cn):
    m = lab.layer_map()
    assert m.controls["digit"].description == "突出显示" and m.controls["digit"]._options_labels[0] == "所有数字"
    m.set(digit=4)
    assert "类中心" in m.info.value and "只看 4" in m.info.value
    w = lab.training_watch()
    assert w.info.value.startswith("第 1 轮 · 在 0 个小批量里见过 0 个样本")
    tiles, unit = w.controls["tiles"], w.controls["unit"]
    assert tiles._options_labels == ("权重", "自开始以来的变化") and tiles.value == "weights"
    assert unit._options_labels == ("小批量", "轮") and unit.value == "mini-batch"
    w.step()
    w.set(tiles="change since start")
    assert "自开始以来的变化" in w.tiles_title.get_text() and w.norm.vmax == 1.0
    assert w.step_button.description == "单步" and w.play.description == "播放"
    assert drawn_without_missing_glyphs(m.view) and drawn_without_missing_glyphs(w.view)


def test_the_training_watch_is_english_without_the_chinese_edition():
    w = lab.training_watch()
    assert w.info.value.startswith("epoch 1 · 0 examples seen")        # what the browser test reads
    assert w.controls["tiles"]._options_labels == ("weights", "change since start")


@pytest.mark.slow
@pytest.mark.figures
def test_every_widget_figure_of_lesson_06_is_readable_in_chinese(zh_cn):
    watch = lab.training_watch()
    watch.step()
    for w in (lab.confusion_explorer(), lab.ablation_lab(), lab.damage_lab(), lab.abstain_lab(), lab.layer_map(),
              watch):
        assert readability_problems(w.view.figure) == [], type(w).__name__
        assert texts_cut_off(w.view.figure) == [], type(w).__name__


# ----- what lesson 06's "Try this" paragraphs promise, driven from code ------------------------------------

def test_try_this_confusion_the_reverse_of_the_top_mistake_is_rarer_and_the_diagonal_matches():
    counts = ev.confusion_counts(Y_TEST, np.argmax(DATA["outputs"], axis=1))
    mistakes = counts - np.diag(np.diag(counts))
    label, answer = divmod(int(np.argmax(mistakes)), 10)
    w = lab.confusion_explorer(label, answer)
    forward = w.values["count"]
    w.set(label=answer, answer=label)
    assert forward == counts[label, answer] and w.values["count"] < forward / 2
    w.set(label=1, answer=1)
    assert w.values["count"] == counts[1, 1] and f"<b>{counts[1, 1]}</b>" in w.info.value


def test_try_this_ablation_zero_hurts_the_high_mean_neuron_not_the_near_zero_one_and_layer_2_off_is_one_bar():
    w = lab.ablation_lab()
    high, low = int(np.argmax(DATA["means"][0])), int(np.argmin(DATA["means"][1]))
    drops = {}
    for name in (f"l1n{high}", f"l2n{low}"):
        for replacement in ("zero", "mean"):
            w.set(**{name: True, "replacement": replacement})
            drops[name, replacement] = w.values["drop"]
        w.set(**{name: False})
    assert drops[f"l1n{high}", "zero"] > 3 * max(drops[f"l1n{high}", "mean"], 0.001)      # "several times"
    assert drops[f"l2n{low}", "zero"] == pytest.approx(drops[f"l2n{low}", "mean"], abs=1e-9)   # "the same"
    w.switch_all_on()
    w.set(**{f"l2n{j}": True for j in range(16)}, replacement="zero")
    heights = np.array([bar.get_height() for bar in w.bars])
    assert sorted(heights.tolist()) == [0.0] * 9 + [1.0]                      # one full bar, the rest at 0


def test_try_this_damage_digit_0_turned_30_degrees_is_confidently_wrong():
    w = lab.damage_lab()                                    # starts on test digit 0, rotation
    w.set(level=30.0)
    assert w.values["answer"] != w.values["label"] and w.values["outputs"].max() > 0.9


def test_try_this_abstain_tau_0_9_matches_the_printed_line_and_still_answers_noise(abstain):
    abstain.set(tau=0.5)
    before = dict(abstain.values)
    abstain.set(tau=0.9)
    coverage, accuracy = ev.coverage_and_accuracy(DATA["outputs"], Y_TEST, 0.9)
    assert abstain.values["coverage"] == coverage < before["coverage"]
    assert abstain.values["accuracy"] == accuracy > before["accuracy"]
    assert abstain.values["noise_answered"] > 0
    top = DATA["outputs"].max(axis=1)
    right = np.argmax(DATA["outputs"], axis=1) == Y_TEST
    assert np.median(top[~right]) < np.median(top[right])   # the wrong answers' histogram sits to the left


def test_try_this_layer_map_the_2s_rise_and_the_8s_are_worst_in_the_output_map():
    w = lab.layer_map()
    w.set(digit=2)
    twos = w.values["digit_accuracy"]
    assert twos[0] < twos[1] < twos[2] and "2" in w.info.value
    w.set(digit=8)
    eights = w.values["digit_accuracy"]
    assert eights[2] < 0.5 and eights[2] < min(eights[:2])
    # with all ten output coordinates, most 8s are nearest their own centre
    outputs = DATA["outputs"]
    centres = np.array([outputs[Y_TEST == d].mean(axis=0) for d in range(10)])
    nearest = np.argmin(((outputs[Y_TEST == 8, None, :] - centres[None]) ** 2).sum(axis=2), axis=1)
    assert np.mean(nearest == 8) > 0.5


def test_try_this_training_watch_one_epoch_small_rate_and_big_batches_lag_behind():
    w = lab.training_watch()
    accuracy = {}
    for rate, batch in ((1.5, 10), (0.1, 10), (1.5, 500)):
        w.reset()
        w.set(learning_rate=rate, batch_size=batch, unit="epoch")
        w.step()
        accuracy[rate, batch] = w.values["test_accuracy"]
        assert w.values["batches"] == 8000 // batch
    assert accuracy[0.1, 10] < accuracy[1.5, 10] - 0.3              # "far lower"
    assert accuracy[1.5, 500] < 0.3                                 # "barely started"
