"""Lesson 06's widgets and figures, driven from code: the numbers shown equal helpers' numbers."""

import numpy as np
import pytest
from matplotlib.colors import to_rgb

from helpers import damage as dm
from helpers import evaluation as ev
from helpers import plots
from helpers import projection as pj
from helpers.plots._figure import readability_problems
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
    w.session.net.weights[1][0, 0] = np.inf
    w.play.playing = True
    w.step()
    assert not w.play.playing and "too large" in w.status.value
    w.play.playing = True
    w.play.value += 1                                            # a tick from the browser: same message
    assert not w.play.playing and "too large" in w.status.value and "TrainingDiverged" in w.status.value


# ----- static figures -------------------------------------------------------------------------------------

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
