"""The lesson math modules check what a learner gives them, as Network does (issue 23).

Every public function a lesson calls in helpers/lab.py, helpers/core/evaluation.py,
helpers/descent.py, helpers/backprop.py, helpers/wishes.py and helpers/learned/experiments.py
names the expected type, range or shape and the value received, offers the near name for a
typo, refuses work that would run for hours and never drops or reorders an example silently;
its messages go through the catalogue (the lesson's language). scripts/probe_lesson_math.py
tries the same and more and sorts what happens.
"""

import math
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from helpers import Network, backprop, descent, lab, load_digits, load_trained_network, wishes
from helpers.core import checks, languages
from helpers.core import evaluation as ev
from helpers.learned import experiments as ex

(X_TRAIN, Y_TRAIN), (X_TEST, Y_TEST) = load_digits()
TRAINED = load_trained_network()
X, Y = X_TEST[:40], Y_TEST[:40]
OUTPUTS = TRAINED.forward(X)
TINY = {"X_train": X_TRAIN[:100], "y_train": Y_TRAIN[:100], "X_test": X_TEST[:50], "y_test": Y_TEST[:50],
        "data_set": "the first 100 / 50 bundled digits"}
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def fresh_net():
    return Network([784, 16, 16, 10], seed=0)


def parameters(net):
    return [p.copy() for p in net.weights + net.biases]


def unchanged(net, before):
    return all(np.array_equal(a, b) for a, b in zip(net.weights + net.biases, before))


def shown(value):
    """How a message shows a value: checks.describe, escaped for a regular expression."""
    return re.escape(checks.describe(value))


# ----- the issue's examples -------------------------------------------------------------------------

NET = fresh_net()


@pytest.mark.parametrize("call, error, message", [
    (lambda: lab.thicken(X[:2], 1e9), ValueError, r"amount must be a number between -28 and 28; got 1000000000\.0"),
    (lambda: lab.thicken(X[:2], math.inf), ValueError, r"amount must be a number between -28 and 28; got inf"),
    (lambda: ev.confusion_counts([-1, 2], [3, 2]), ValueError, r"labels must lie in 0-9; got \[-1\]"),
    (lambda: ev.confusion_counts([10, 2], [3, 2]), ValueError, r"labels must lie in 0-9; got \[10\]"),
    (lambda: ev.confusion_counts([1, 2, 3], [3, 2]), ValueError,
     r"predictions and labels must have the same number of examples; labels has 3, predictions has 2"),
    (lambda: ev.coverage_and_accuracy(OUTPUTS, Y[:10], .5), ValueError,
     r"labels and outputs must have the same number of examples; outputs has 40, labels has 10"),
    (lambda: ex.run_experiment("shuffled-pixels", data=TINY), ValueError, r"did you mean 'shuffled_pixels'\?"),
    (lambda: ex.run_recipe(TINY, [784, 10], "videos", 1, n_train=-10), ValueError,
     r"n_train must be a whole number between 1 and 100; got -10"),
    (lambda: ex.run_recipe(TINY, [784, 10], "videos", 0), ValueError,
     r"epochs must be a whole number between 1 and 1,000; got 0"),
    (lambda: ex.run_recipe(TINY, [784, 10], "videos", 1.5), ValueError,
     r"epochs must be a whole number between 1 and 1,000; got 1\.5"),
    (lambda: ex.shuffled_pixels(TINY, epochs=0, progress=False), ValueError, r"epochs must be a whole number"),
    (lambda: lab.TrainingSession(fresh_net(), X_TRAIN[:60], Y_TRAIN[:60], X, Y, batch_size=-5), ValueError,
     r"batch_size must be positive.*-5"),
    (lambda: wishes.mini_batch_descent(fresh_net(), X, Y, 10, steps=0), ValueError,
     r"steps must be a whole number between 1 and 100,000; got 0"),
    (lambda: lab.damage_curve(TRAINED, X, Y, "blur"), ValueError,
     r"kind must be one of \['noise', 'rotation', 'shift', 'thickness'\]; got 'blur'$"),
    (lambda: backprop.nudge_parameter(NET, X[0], int(Y[0]), 5, 0, 0, 0.1), ValueError,
     r"layer must be one of 0\.\.2, the index into net\.weights .*\[0, 1, 2\]\); got 5"),
])
def test_the_issues_examples_get_one_clear_sentence(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_a_refused_nudge_leaves_the_network_as_it_was():
    before = parameters(NET)
    for layer, j, k, delta in [(5, 0, 0, 0.1), (-1, 0, 0, 0.1), (0, 16, 0, 0.1), (0, 0, 784, 0.1),
                               (0, 0, 0, math.nan), (0, 0, 0, "0.1"), (2.5, 0, 0, 0.1)]:
        with pytest.raises((ValueError, TypeError)):
            backprop.nudge_parameter(NET, X[0], int(Y[0]), layer, j, k, delta)
        assert unchanged(NET, before)
    with pytest.raises(ValueError, match=r"x must be one image of shape \(784,\); got shape \(3, 784\)"):
        backprop.nudge_parameter(NET, X[:3], int(Y[0]), 0, 0, 0, 0.1)


def test_the_training_session_checks_the_rate_and_batch_size_it_is_given_between_chunks():
    session = lab.TrainingSession(fresh_net(), X_TRAIN[:60], Y_TRAIN[:60], X, Y)
    with pytest.raises(ValueError, match=r"batch_size must be positive \(and finite\); got -5"):
        session.batch_size = -5
    with pytest.raises(TypeError, match=r"batch_size must be a positive whole number; got 2\.5"):
        session.batch_size = 2.5
    with pytest.raises(TypeError, match=r"learning_rate must be a positive number; got 'fast'"):
        session.learning_rate = "fast"
    assert (session.batch_size, session.learning_rate) == (10, 1.5)       # a refused value changes nothing
    session.batch_size, session.learning_rate = 25, 0.5
    session.step_batch()
    assert session.examples_seen == 25
    with pytest.raises(ValueError, match=r"evaluate_every must be a whole number >= 1; got 0"):
        lab.TrainingSession(fresh_net(), X_TRAIN[:60], Y_TRAIN[:60], X, Y, evaluate_every=0)


# ----- lab: damage and maps ----------------------------------------------------------------------------

@pytest.mark.parametrize("call, error, message", [
    (lambda: lab.damage(X[:2], "rotate", 10), ValueError, r"got 'rotate': did you mean 'rotation'\?"),
    (lambda: lab.damage(X[:2], "Noise", 0.1), ValueError, r"did you mean 'noise'\?"),
    (lambda: lab.damage(X[:2], "noise", -0.1), ValueError, r"level must be a number between 0 and 10; got -0\.1"),
    (lambda: lab.damage(X[:2], "shift", "2"), TypeError, r"level must be a number; got '2'"),
    (lambda: lab.add_noise(X[:2], 0.1, seed=-1), TypeError, r"seed must be a whole number >= 0"),
    (lambda: lab.add_noise(X[:2] * 255, 0.1), ValueError, r"divided by 255"),
    (lambda: lab.rotate(np.full((2, 784), 1.5), 10), ValueError, r"pixels must lie in \[0, 1\].*from 1\.5 to 1\.5"),
    (lambda: lab.rotate(np.linspace(-0.5, 0.5, 784), 10), ValueError,
     r"pixels must lie in \[0, 1\].*from -0\.5 to 0\.5"),
    (lambda: lab.rotate("digit.png", 10), TypeError, r"X must be one image of 784 pixels.*got str"),
    (lambda: lab.rotate(X[:2], math.inf), ValueError, r"degrees must be a finite number; got inf"),
    (lambda: lab.shift(X[:2], 0, None), TypeError, r"cols must be a number; got None"),
    (lambda: lab.damage_curve(TRAINED, X, Y, "noise", levels=0.3), TypeError, r"levels must be a list of numbers"),
    (lambda: lab.damage_curve(TRAINED, X, Y, "thickness", [0, 1e9]), ValueError,
     r"levels\[1\] must be a number between -28 and 28; got 1000000000\.0"),
    (lambda: lab.damage_curve("net", X, Y, "noise"), TypeError, r"first argument must be a Network.*got str"),
    (lambda: lab.principal_components(np.ones((50, 3)), 5), ValueError,
     r"k must be a whole number between 1 and 3; got 5"),
    (lambda: lab.principal_components(np.full((5, 3), np.nan)), ValueError, r"A contains NaN"),
    (lambda: lab.project(np.ones((4, 3)), np.zeros(4), np.eye(3)[:2]), ValueError,
     r"mean must have shape \(3,\).*got shape \(4,\)"),
    (lambda: lab.nearest_centroid_accuracy(np.ones((5, 2)), [0, 1, 2, 3]), ValueError,
     r"labels and points must have the same number of examples; points has 5, labels has 4"),
    (lambda: lab.nearest_centroid_accuracy(np.ones((2, 2)), [0, 10]), ValueError,
     r"labels must lie in 0-9; got \[10\]"),
    (lambda: lab.layer_maps(TRAINED, X[:30], Y[:29], X[30:], Y[30:]), ValueError,
     r"y_fit and X_fit must have the same number of examples; X_fit has 30, y_fit has 29"),
])
def test_lab_names_what_it_expected_and_what_it_got(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_the_largest_thickness_and_a_huge_shift_still_work_and_change_nothing_they_were_given():
    images = X[:3].copy()
    assert lab.thicken(images, -28).max() == 0                       # eroded to black
    assert np.allclose(lab.thicken(images, 28), images.max(axis=1, keepdims=True))   # dilated to the brightest
    assert lab.shift(images, 0, 1e300).max() == 0 and lab.shift(images, -1e300, 0).max() == 0
    assert np.array_equal(lab.shift(images, 0, 1e300), lab.shift(images, 0, 28))
    assert np.array_equal(images, X[:3])


# ----- evaluation ------------------------------------------------------------------------------------

@pytest.mark.parametrize("call, error, message", [
    (lambda: ev.confusion_counts([1.5, 2], [1, 2]), ValueError, r"labels must be whole numbers 0-9; got \[1\.5\]"),
    (lambda: ev.confusion_counts(Y, OUTPUTS), ValueError,
     r"predictions must be one whole number per example, shape \(40,\); got shape \(40, 10\).*argmax"),
    (lambda: ev.confusion_counts(["1"], [1]), TypeError, r"labels must hold numbers"),
    (lambda: ev.per_digit_accuracy([1, 2], [1, 11]), ValueError, r"predictions must lie in 0-9; got \[11\]"),
    (lambda: ev.coverage_and_accuracy(OUTPUTS, Y, 90), ValueError, r"tau must be a number between 0 and 1.*got 90"),
    (lambda: ev.coverage_and_accuracy(OUTPUTS, Y, -0.1), ValueError, r"tau must be a finite number >= 0; got -0\.1"),
    (lambda: ev.abstain_curve(OUTPUTS, Y, 0.5), TypeError, r"taus must be a list of numbers"),
    (lambda: ev.answered(OUTPUTS, "0.5"), TypeError, r"tau must be a finite number >= 0; got '0\.5'"),
    (lambda: ev.ablated_outputs(TRAINED, X, (1, 3)), TypeError, r"off must be a list of \(layer, neuron\) pairs"),
    (lambda: ev.ablated_outputs(TRAINED, X, {1: 3}), TypeError, r"off as a dict maps each layer to a list"),
    (lambda: ev.ablated_outputs(TRAINED, X, [(1.5, 3)]), ValueError, r"layer must be a whole number; got 1\.5"),
    (lambda: ev.ablated_outputs(TRAINED, X, [(1, 3)], [np.zeros(3)]), ValueError, r"fill must be one array per "
     r"hidden layer, of shapes \[\(16,\), \(16,\)\]"),
    (lambda: ev.ablated_outputs(TRAINED, X, [(1, 3)], first_hidden=np.zeros((5, 16))), ValueError,
     r"first_hidden .*shape \(40, 16\); got shape \(5, 16\)"),
    (lambda: ev.random_ablation_curve(TRAINED, X, Y, [40]), ValueError,
     r"counts\[0\] must be a whole number between 0 and 32; got 40"),
    (lambda: ev.random_ablation_curve(TRAINED, X, Y, [2], seeds=5), TypeError, r"seeds must be a list"),
    (lambda: ev.ablation_accuracy(TRAINED, X, Y[:1]), ValueError,
     r"labels and X must have the same number of examples; X has 40, labels has 1"),
])
def test_evaluation_never_drops_or_wraps_an_example(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_a_tau_above_every_output_still_answers_nothing_and_whole_float_labels_count():
    assert ev.coverage_and_accuracy(OUTPUTS, Y, 1.5)[0] == 0.0
    counts = ev.confusion_counts([1.0, 2.0, 2.0], np.array([1, 2, 3], dtype=np.uint8))
    assert counts[1, 1] == 1 and counts[2, 2] == 1 and counts[2, 3] == 1 and counts.sum() == 3


# ----- descent, backprop, wishes -------------------------------------------------------------------------

@pytest.mark.parametrize("call, error, message", [
    (lambda: descent.Walk1D(2, -0.05), ValueError, r"learning_rate must be positive \(and finite\); got -0\.05"),
    (lambda: descent.descend_2d((0.3, 1.5), 0), ValueError, r"learning_rate must be positive \(and finite\); got 0"),
    (lambda: descent.Walk1D("2", 0.05), TypeError, r"start must be a number; got '2'"),
    (lambda: descent.Walk1D(2, 0.05).step(1e9), ValueError,
     r"n must be a whole number between 0 and 1,000,000; got 1000000000\.0"),
    (lambda: descent.descend_2d((0.3,), 0.05), ValueError, r"start must be a pair \(x, y\) of finite numbers"),
    (lambda: descent.descend_2d((0.3, 1.5), 0.5, 1e9), ValueError, r"max_steps must be a whole number between 1"),
    (lambda: descent.place_name("deep vally"), ValueError, r"did you mean 'deep valley'\?"),
    (lambda: descent.one_hot([-1, 2]), ValueError, r"labels must lie in 0-9; got \[-1\]"),
    (lambda: descent.example_costs(NET, X, Y[:1]), ValueError, r"y and X must have the same number of examples"),
    (lambda: descent.explorer_batch(9000), ValueError, r"size must be a whole number between 1 and 8,000; got 9000"),
    (lambda: descent.rank_weights(NET.gradient(X[:5], Y[:5])), TypeError, r"nabla_w must be a list of weight"),
    (lambda: descent.CostProbe(NET, X[:10], Y[:10]).cost_change((1, -1, 0), 0.1), ValueError,
     r"j must be a whole number between 0 and 15; got -1"),
    (lambda: backprop.chain_rule_terms([1, 2, 3], [0, 0], 0.8, 1), ValueError,
     r"w and b must have the same length.*got 3 weights and 2 biases"),
    (lambda: backprop.chain_rule_terms([1, 2], [0, 0], "0.8", 1), TypeError, r"a0 must be a number; got '0\.8'"),
    (lambda: backprop.check_chain([1.5], [0.5], 0.8, 1.0, eps=1e-20), ValueError,
     r"eps must be a number between 1e-10 and 0\.01; got 1e-20"),
    (lambda: backprop.dependency_path("W2"), ValueError, r"no parameter 'W2' .*did you mean 'w2'\?"),
    (lambda: backprop.dependency_path("a2"), ValueError, r"no parameter 'a2' in a chain of 3"),
    (lambda: wishes.lever_wishes(NET, X[0], 2, j=10), ValueError, r"j must be a whole number between 0 and 9; got 10"),
    (lambda: wishes.one_example(NET, X[:3], 2), ValueError, r"x must be one image of shape \(784,\)"),
    (lambda: wishes.moved_copy(NET, NET.gradient(X[:5], Y[:5])[0], 1.0), TypeError,
     r"gradient must be the pair \(nabla_w, nabla_b\)"),
    (lambda: wishes.moved_copy(NET, NET.gradient(X[:5], Y[:5])[::-1], 1.0), ValueError,
     r"shapes of net\.weights \[\(16, 784\), \(16, 16\), \(10, 16\)\]"),
    (lambda: wishes.mini_batch_descent(fresh_net(), X, Y, 10, 2.5), ValueError, r"steps must be a whole number"),
    (lambda: wishes.mini_batch_descent(fresh_net(), X, Y, 10, 5, progress=True), TypeError,
     r"progress must be a function \(or None\); got True"),
    (lambda: wishes.minibatch_directions(NET, X, Y, (10, 1000)), ValueError,
     r"batch_sizes\[1\] must be a whole number between 1 and 40; got 1000"),
    (lambda: wishes.one_step_effects(NET, X[0], 2, X[:10], Y[:10], X, Y[:5], steps=[0.0, 1.0]), ValueError,
     r"y_test and X_test must have the same number of examples; X_test has 40, y_test has 5"),
    (lambda: wishes.sgd_step_budget(0), ValueError, r"batch_size must be a whole number >= 1; got 0"),
])
def test_lessons_02_to_04_name_what_they_expected_and_what_they_got(call, error, message):
    with pytest.raises(error, match=message):
        call()


# ----- lesson 05's experiments -------------------------------------------------------------------------

@pytest.mark.parametrize("call, error, message", [
    (lambda: ex.run_experiment("dropout", data=TINY), ValueError, r"name must be one of \['first_layer_weights'.*"
     r"got 'dropout'$"),
    (lambda: ex.run_experiment("tweaks", "medium", data=TINY), ValueError,
     r"size must be one of \['live', 'full'\]; got 'medium'"),
    (lambda: ex.run_experiment("tweaks", data={"X_train": X}), TypeError, r"data must be a dict .*missing \['y_train'"),
    (lambda: ex.run_experiment("tweaks", data=TINY, progress="yes"), TypeError, r"progress must be True, False"),
    (lambda: ex.run_recipe(TINY, [784, 10], "videos", 1, n_train=100000), ValueError,
     r"n_train must be a whole number between 1 and 100; got 100000"),
    (lambda: ex.run_recipe(TINY, [784, 10], "videos", 10 ** 6), ValueError, r"epochs must be .* 1,000; got 1000000"),
    (lambda: ex.run_recipe(TINY, [784, 10], "video", 1), ValueError, r"did you mean 'videos'\?"),
    (lambda: ex.run_recipe(TINY, [784, 10], dict(activation="sigmoid", cost="quadratic", init="normal"), 1),
     ValueError, r"recipe lacks learning_rate"),
    (lambda: ex.run_recipe(TINY, [784, 10], dict(activation="sigmoid", cost="quadratic", init="normal",
                                                 learning_rate=1, momentum=0.9), 1), ValueError,
     r"recipe has momentum, which no recipe takes"),
    (lambda: ex.run_recipe(TINY, [784, 10], "videos", 1, labels="shuffled"), ValueError,
     r"labels must be one of \['true', 'random'\]; got 'shuffled'$"),
    (lambda: ex.run_recipe(TINY, [784, 10], "videos", 1, pixels="shuffle"), ValueError,
     r"pixels must be one of \['original', 'shuffled'\]; got 'shuffle': did you mean 'shuffled'\?"),
    (lambda: ex.run_recipe(TINY, [784, 10], "videos", 1, seed=-1), TypeError, r"seed must be a whole number >= 0"),
    (lambda: ex.run_recipe(TINY, [784, 10], "videos", 1, tick=True), TypeError, r"tick must be a function"),
])
def test_experiments_check_their_arguments_before_anything_trains(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_a_whole_float_epoch_count_trains_as_the_whole_number():
    net, history = ex.run_recipe(TINY, [784, 10], "videos", 2.0, n_train=50)
    again_net, again = ex.run_recipe(TINY, [784, 10], "videos", 2, n_train=50)
    assert history["epoch"] == [1, 2] and np.array_equal(net.weights[0], again_net.weights[0])


# ----- messages are the lesson's language ------------------------------------------------------------------

class _Marked:
    """A stand-in catalogue that marks every message it is asked for, so a test sees which went through it."""

    def gettext(self, message):
        return "«" + message + "»"

    def ngettext(self, singular, plural, n):
        return "«" + (singular if n == 1 else plural) + "»"


@pytest.mark.parametrize("call", [
    lambda: lab.thicken(X[:2], 1e9),
    lambda: lab.damage(X[:2], "rotate", 10),
    lambda: lab.rotate(X[:2] * 1.5, 10),
    lambda: lab.principal_components(np.ones((5, 3)), 4),
    lambda: ev.confusion_counts([1, 2, 3], [3, 2]),
    lambda: ev.confusion_counts(Y, OUTPUTS),
    lambda: ev.coverage_and_accuracy(OUTPUTS, Y, 90),
    lambda: ev.ablated_outputs(TRAINED, X, (1, 3)),
    lambda: descent.descend_2d((0.3,), 0.05),
    lambda: descent.rank_weights([1, 2]),
    lambda: backprop.chain_rule_terms([1, 2, 3], [0, 0], 0.8, 1),
    lambda: backprop.dependency_path("W2"),
    lambda: backprop.nudge_parameter(NET, X[0], 2, 5, 0, 0, 0.1),
    lambda: wishes.moved_copy(NET, [1, 2, 3], 1.0),
    lambda: wishes.mini_batch_descent(fresh_net(), X, Y, 10, 0),
    lambda: ex.run_experiment("shuffled-pixels", data=TINY),
    lambda: ex.run_recipe(TINY, [784, 10], dict(activation="sigmoid"), 1),
    lambda: ex.run_recipe(None, [784, 10], "videos", 1),
])
def test_every_message_goes_through_the_catalogue(call, monkeypatch):
    monkeypatch.setattr(languages, "_translations", _Marked())
    with pytest.raises((ValueError, TypeError)) as raised:
        call()
    assert str(raised.value).startswith("«"), str(raised.value)


def test_a_chinese_lesson_reads_the_kinds_and_the_network_in_chinese(zh_cn):
    kinds = r"\['noise', 'rotation', 'shift', 'thickness'\]"
    with pytest.raises(ValueError, match=r"kind 必须是 " + kinds + r" 之一；收到的是 'blur'"):
        lab.damage_curve(TRAINED, X, Y, "blur")
    with pytest.raises(TypeError, match=r"第一个参数必须是 Network"):
        ev.hidden_means("net", X)


# ----- properties (Hypothesis) -------------------------------------------------------------------------------

IMAGES = X_TEST[:3]
IN_RANGE = {"noise": st.floats(0, 10), "rotation": st.floats(-1e6, 1e6), "shift": st.floats(-1e6, 1e6),
            "thickness": st.floats(-28, 28)}


@PROPERTY
@given(st.data())
def test_any_level_in_range_gives_pixels_in_0_1_of_the_same_shape(data):
    kind = data.draw(st.sampled_from(sorted(lab.KINDS)))
    level = data.draw(IN_RANGE[kind])
    one = data.draw(st.booleans())
    images = IMAGES[0] if one else IMAGES
    out = lab.damage(images, kind, level, seed=1)
    assert out.shape == images.shape
    assert np.all(np.isfinite(out)) and out.min() >= 0 and out.max() <= 1
    assert np.array_equal(images, IMAGES[0] if one else IMAGES)          # the caller's images stay as they were


OUT_OF_RANGE = {"noise": st.one_of(st.floats(max_value=-1e-9), st.floats(min_value=10.000001)),
                "thickness": st.one_of(st.floats(max_value=-28.000001), st.floats(min_value=28.000001)),
                "rotation": st.sampled_from([math.inf, -math.inf, math.nan]),
                "shift": st.sampled_from([math.inf, -math.inf, math.nan])}


@PROPERTY
@given(st.data())
def test_any_level_out_of_range_is_a_value_error_naming_the_level_and_the_value(data):
    kind = data.draw(st.sampled_from(sorted(lab.KINDS)))
    level = data.draw(OUT_OF_RANGE[kind])
    with pytest.raises(ValueError, match=r"^level must be a (finite )?number.*; got " + shown(level) + "$"):
        lab.damage(IMAGES, kind, level)
    with pytest.raises(ValueError, match=r"^levels\[1\] must be a (finite )?number.*" + shown(level)):
        lab.damage_curve(TRAINED, IMAGES, Y_TEST[:3], kind, [0, level])


@PROPERTY
@given(st.sampled_from(sorted(lab.KINDS)), st.sampled_from(["upper", "title", "spaces", "drop_last"]))
def test_a_mistyped_kind_is_told_the_kind_it_meant(kind, slip):
    typo = {"upper": kind.upper(), "title": kind.title(), "spaces": " " + kind + " ", "drop_last": kind[:-1]}[slip]
    with pytest.raises(ValueError, match=r"did you mean " + re.escape(repr(kind)) + r"\?"):
        lab.damage(IMAGES, typo, 0)


@PROPERTY
@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), min_size=1, max_size=50))
def test_confusion_counts_count_every_example_once_in_its_own_row(pairs):
    labels, predictions = map(list, zip(*pairs))
    counts = ev.confusion_counts(labels, predictions)
    assert counts.sum() == len(pairs)
    assert np.array_equal(counts.sum(axis=1), np.bincount(labels, minlength=10))
    assert np.array_equal(counts.sum(axis=0), np.bincount(predictions, minlength=10))


@PROPERTY
@given(st.lists(st.integers(0, 9), min_size=1, max_size=20), st.data())
def test_a_label_outside_0_9_is_named_never_counted(labels, data):
    bad = data.draw(st.one_of(st.integers(-2 ** 62, -1), st.integers(10, 2 ** 62)))
    where = data.draw(st.integers(0, len(labels)))
    spoiled = labels[:where] + [bad] + labels[where:]
    which = data.draw(st.sampled_from(["labels", "predictions"]))
    others = [0] * len(spoiled)
    with pytest.raises(ValueError, match=rf"^{which} must lie in 0-9; got \[{bad}\]$"):
        ev.confusion_counts(*((spoiled, others) if which == "labels" else (others, spoiled)))


@PROPERTY
@given(st.integers(1, 30), st.integers(1, 30))
def test_unequal_lengths_are_named_with_both_lengths(n_labels, n_predictions):
    assume(n_labels != n_predictions)
    with pytest.raises(ValueError, match=rf"labels has {n_labels}, predictions has {n_predictions}$"):
        ev.confusion_counts([1] * n_labels, [1] * n_predictions)


@PROPERTY
@given(st.floats(0, 1))
def test_any_tau_in_0_1_answers_the_outputs_that_reach_it(tau):
    coverage, accuracy = ev.coverage_and_accuracy(OUTPUTS, Y, tau)
    mask = OUTPUTS.max(axis=1) >= tau
    assert coverage == mask.mean()
    assert np.isnan(accuracy) if not mask.any() else accuracy == np.mean(OUTPUTS[mask].argmax(axis=1) == Y[mask])


@PROPERTY
@given(st.one_of(st.floats(max_value=-1e-12), st.floats(min_value=2), st.sampled_from([math.nan, math.inf])))
def test_any_tau_out_of_range_is_a_value_error_naming_tau(tau):
    with pytest.raises(ValueError, match=r"^tau must be a .*; got " + shown(tau) + "$"):
        ev.coverage_and_accuracy(OUTPUTS, Y, tau)


BOUNDS = st.tuples(st.integers(-1000, 1000), st.integers(0, 1000)).map(lambda p: (p[0], p[0] + p[1]))


@PROPERTY
@given(BOUNDS, st.data())
def test_whole_numbers_in_range_come_back_as_ints_and_others_name_the_range(bounds, data):
    low, high = bounds
    inside = data.draw(st.integers(low, high))
    as_float = data.draw(st.booleans())
    value = float(inside) if as_float else np.int64(inside)
    assert checks.check_whole_number("count", value, low, high) == inside
    assert type(checks.check_whole_number("count", value, low, high)) is int
    outside = data.draw(st.one_of(st.integers(max_value=low - 1), st.integers(min_value=high + 1)))
    with pytest.raises(ValueError, match=rf"^count must be a whole number between {low:,} and {high:,}; got "
                                         rf"{outside}$"):
        checks.check_whole_number("count", outside, low, high)
    fraction = inside + 0.5
    with pytest.raises(ValueError, match=rf"^count must be a whole number .*; got {fraction}$"):
        checks.check_whole_number("count", fraction, low, high)


@PROPERTY
@given(st.one_of(st.text(max_size=5), st.none(), st.booleans(), st.lists(st.integers(), max_size=3)))
def test_anything_but_a_number_is_a_type_error_naming_the_argument(value):
    for check in (checks.check_number, checks.check_whole_number):
        with pytest.raises(TypeError, match=r"^amount must be a (whole |finite )?number"):
            check("amount", value, 0, 1)


NUDGED = fresh_net()


@PROPERTY
@given(st.integers(-5, 8), st.integers(-3, 20), st.one_of(st.none(), st.integers(-3, 20)), st.floats(-3, 3))
def test_a_nudge_inside_the_network_works_and_any_other_is_named_and_the_network_stays(layer, j, k, delta):
    before = parameters(NUDGED)
    rows, columns = ((16, 784), (16, 16), (10, 16))[layer] if 0 <= layer <= 2 else (0, 0)
    valid = 0 <= layer <= 2 and 0 <= j < rows and (k is None or 0 <= k < columns)
    if valid:
        nudge = backprop.nudge_parameter(NUDGED, X[0], int(Y[0]), layer, j, k, delta)
        assert nudge.cost_change == nudge.cost - nudge.cost_before
    else:
        name = "layer" if not 0 <= layer <= 2 else "j" if not 0 <= j < rows else "k"
        with pytest.raises(ValueError, match=rf"^{name} must be "):
            backprop.nudge_parameter(NUDGED, X[0], int(Y[0]), layer, j, k, delta)
    assert unchanged(NUDGED, before)


@PROPERTY
@given(st.one_of(st.integers(max_value=-1), st.integers(min_value=1_000_001), st.floats(0.1, 1e6).filter(
    lambda v: not v.is_integer())))
def test_a_walk_refuses_any_step_count_it_cannot_take(n):
    walk = descent.Walk1D(2, 0.05)
    with pytest.raises(ValueError, match=r"^n must be a whole number between 0 and 1,000,000; got " + shown(n) + "$"):
        walk.step(n)
    assert walk.steps == 0


@PROPERTY
@given(st.one_of(st.integers(max_value=0), st.integers(min_value=101)))
def test_any_n_train_outside_the_data_is_named_before_training(n_train):
    with pytest.raises(ValueError, match=rf"^n_train must be a whole number between 1 and 100; got {n_train}$"):
        ex.run_recipe(TINY, [784, 10], "videos", 1, n_train=n_train)


@PROPERTY
@given(st.one_of(st.integers(max_value=0), st.integers(min_value=100_001)))
def test_any_step_count_out_of_range_is_named_before_the_walk(steps):
    net = fresh_net()
    before = parameters(net)
    with pytest.raises(ValueError, match=rf"^steps must be a whole number between 1 and 100,000; got {steps}$"):
        wishes.mini_batch_descent(net, X, Y, 10, steps)
    assert unchanged(net, before)


@PROPERTY
@given(st.lists(st.integers(0, 9), min_size=1, max_size=30))
def test_one_hot_puts_one_1_in_each_labels_column(labels):
    targets = descent.one_hot(labels)
    assert targets.shape == (len(labels), 10)
    assert np.array_equal(targets.argmax(axis=1), labels) and np.all(targets.sum(axis=1) == 1)


@PROPERTY
@given(st.integers(2, 12), st.integers(2, 6), st.integers(-3, 15))
def test_principal_components_give_as_many_directions_as_asked_or_name_k(n, d, k):
    A = np.random.default_rng(n * 100 + d).random((n, d))
    if 1 <= k <= min(n, d):
        mean, components = lab.principal_components(A, k)
        assert components.shape == (k, d) and np.allclose(np.linalg.norm(components, axis=1), 1)
        assert lab.explained_variance(A, k).shape == (k,)
    else:
        with pytest.raises(ValueError, match=rf"^k must be a whole number between 1 and {min(n, d)}; got {k}$"):
            lab.principal_components(A, k)


@PROPERTY
@given(st.sampled_from(sorted(ex.EXPERIMENTS)), st.sampled_from(["-", " ", "upper"]))
def test_an_experiment_name_with_another_separator_or_case_is_told_its_name(name, slip):
    typo = name.upper() if slip == "upper" else name.replace("_", slip)
    assume(typo != name)
    with pytest.raises(ValueError, match=r"did you mean " + re.escape(repr(name)) + r"\?$"):
        ex.run_experiment(typo, data=TINY)
