"""Try odd inputs on the lesson math modules, as a new learner would, and sort what happens.

    python scripts/probe_lesson_math.py                      # the table of counts, per module
    python scripts/probe_lesson_math.py --verbose            # and one line per input
    python scripts/probe_lesson_math.py --language zh-CN     # the same in Chinese: an error must be in Chinese

The surfaces: lesson 06's damage and 2-D maps and its watchable training (helpers/lab.py),
the counts of helpers/core/evaluation.py, lesson 02's walks and cost probe (helpers/descent.py),
lesson 04's chain and nudges (helpers/backprop.py), lesson 03's wishes and mini-batch race
(helpers/wishes.py) and lesson 05's experiments (helpers/learned/experiments.py).
A model of scripts/probe_api.py, which probes Network and the gradient checker.

Each case says what a teacher would want: a clear error (one of the errors a learner is
meant to read, whose 'Type: message' matches a pattern naming the argument, the expected
type, range or shape, and the value received) or that the input simply works (and a check
of the result). What actually happens falls in one of eight boxes (scripts/_probe.py, shared
with the other probes); here "data lost" means the call changed what it was given (a network's
weights, the caller's images), and "hang" still running after --seconds (5 s by default).

Under --language zh-CN an error is clear only if its message is in Chinese (the lesson's language).
Exits with 1 when any case lands in the last six boxes.
"""

import argparse
import sys
from pathlib import Path

import numpy as np

import helpers
from helpers import Network, load_digits, load_trained_network

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _probe import BAD, BOXES, Raises, Works, classify, print_table  # noqa: E402


def pixels_in_range(shape):
    return lambda out: np.shape(out) == shape and np.all((out >= 0) & (out <= 1))


# ----- the cases ------------------------------------------------------------------------------------

def cases():
    """(surface, input, call, expectation, intact): intact() is False when the call changed its inputs."""
    from helpers import backprop, descent, lab, wishes
    from helpers.core import evaluation as ev
    from helpers.learned import experiments as ex

    (X_train, y_train), (X_test, y_test) = load_digits()
    X, y = X_test[:40].copy(), y_test[:40].copy()
    X_keep = X.copy()
    trained = load_trained_network()
    outputs = trained.forward(X)
    net = Network([784, 16, 16, 10], seed=0)
    net_keep = net.copy()
    x, label = X[0], int(y[0])
    grad = net.gradient(X[:10], y[:10])
    A = np.random.default_rng(0).random((50, 3))
    tiny = {"X_train": X_train[:100], "y_train": y_train[:100], "X_test": X_test[:50], "y_test": y_test[:50],
            "data_set": "the first 100 / 50 bundled digits"}

    def intact_net():
        return all(np.array_equal(a, b) for a, b in zip(net.weights + net.biases, net_keep.weights + net_keep.biases))

    def intact_images():
        return np.array_equal(X, X_keep)

    def session(**settings):
        return lab.TrainingSession(Network([784, 16, 16, 10], seed=0), X_train[:60], y_train[:60], X, y, **settings)

    def session_after(name, value):
        s = session()
        setattr(s, name, value)
        s.step_batch()
        return s

    def probe():
        return descent.CostProbe(net, X[:10], y[:10])

    def walk_hang():
        return descent.Walk1D(2, 0.05).step(1e9)

    # ===== lab: damage ================================================================================
    L = "lab damage"
    yield L, "thicken(X, 1e9)", lambda: lab.thicken(X[:2], 1e9), Raises(r"amount.*-28.*28.*1000000000"), None
    yield L, "thicken(X, inf)", lambda: lab.thicken(X[:2], np.inf), Raises(r"amount.*-28.*28.*inf"), None
    yield L, "thicken(X, nan)", lambda: lab.thicken(X[:2], np.nan), Raises(r"amount.*nan"), None
    yield L, "thicken(X, '2')", lambda: lab.thicken(X[:2], "2"), Raises(r"amount must be a number.*'2'"), None
    yield L, "thicken(X, 1.5)", lambda: lab.thicken(X[:2], 1.5), Works(pixels_in_range((2, 784))), intact_images
    yield L, "thicken(X, -28) (the limit)", lambda: lab.thicken(X[:2], -28), Works(lambda out: out.max() == 0), None
    yield L, "damage kind 'blur'", lambda: lab.damage(X[:2], "blur", 1),\
        Raises(r"kind must be one of.*noise.*rotation.*shift.*thickness.*'blur'"), None
    yield L, "damage kind 'rotate'", lambda: lab.damage(X[:2], "rotate", 10), Raises(r"did you mean 'rotation'"),\
        None
    yield L, "damage kind 'Noise'", lambda: lab.damage(X[:2], "Noise", 0.1), Raises(r"did you mean 'noise'"), None
    yield L, "damage kind None", lambda: lab.damage(X[:2], None, 0.1), Raises(r"kind must be one of.*None"), None
    yield L, "damage noise level -0.1", lambda: lab.damage(X[:2], "noise", -0.1),\
        Raises(r"level.*between 0 and 10.*-0\.1"), None
    yield L, "damage noise level nan", lambda: lab.damage(X[:2], "noise", np.nan), Raises(r"level.*nan"), None
    yield L, "damage shift level [1, 2]", lambda: lab.damage(X[:2], "shift", [1, 2]),\
        Raises(r"level must be a number.*\[1, 2\]"), None
    yield L, "damage rotation np.float32(10)", lambda: lab.damage(X[:2], "rotation", np.float32(10)),\
        Works(lambda out: np.allclose(out, lab.rotate(X[:2], 10))), intact_images
    yield L, "damage shift 2.5", lambda: lab.damage(X[:2], "shift", 2.5),\
        Works(lambda out: np.array_equal(out, lab.shift(X[:2], 0, 2.5))), intact_images
    yield L, "add_noise seed=-1", lambda: lab.add_noise(X[:2], 0.2, seed=-1), Raises(r"seed must.*-1"), None
    yield L, "add_noise sigma='0.2'", lambda: lab.add_noise(X[:2], "0.2"), Raises(r"sigma must be a number"), None
    yield L, "add_noise on pixels 0-255", lambda: lab.add_noise(X[:2] * 255, 0.1), Raises(r"\[0, 1\].*255"), None
    yield L, "add_noise on one image", lambda: lab.add_noise(X[0], 0.3), Works(pixels_in_range((784,))),\
        intact_images
    yield L, "rotate 28x28 images", lambda: lab.rotate(X[:2].reshape(-1, 28, 28), 10),\
        Raises(r"784.*got \(2, 28, 28\)"), None
    yield L, "rotate by 'ten'", lambda: lab.rotate(X[:2], "ten"), Raises(r"degrees must be a number.*'ten'"), None
    yield L, "rotate by inf", lambda: lab.rotate(X[:2], np.inf), Raises(r"degrees.*finite.*inf"), None
    yield L, "rotate NaN images", lambda: lab.rotate(np.full((2, 784), np.nan), 10), Raises(r"NaN"), None
    yield L, "rotate a string", lambda: lab.rotate("digit.png", 10), Raises(r"X must be.*784.*str"), None
    yield L, "shift by 1e300 (all black)", lambda: lab.shift(X[:2], 0, 1e300), Works(lambda out: out.max() == 0),\
        None
    yield L, "shift cols=None", lambda: lab.shift(X[:2], 0, None), Raises(r"cols must be a number.*None"), None
    yield L, "damage_curve kind 'blur'", lambda: lab.damage_curve(trained, X, y, "blur"),\
        Raises(r"kind must be one of.*noise.*'blur'"), None
    yield L, "damage_curve levels=0.3", lambda: lab.damage_curve(trained, X, y, "noise", levels=0.3),\
        Raises(r"levels must be a list.*0\.3"), None
    yield L, "damage_curve thickness up to 1e9", lambda: lab.damage_curve(trained, X, y, "thickness", [0, 1e9]),\
        Raises(r"level.*-28.*28.*1000000000"), None
    yield L, "damage_curve of a string 'net'", lambda: lab.damage_curve("net", X, y, "noise"),\
        Raises(r"must be a Network"), None
    yield L, "damage_curve 5 labels for 40", lambda: lab.damage_curve(trained, X, y[:5], "noise", [0]),\
        Raises(r"same number of examples"), None
    yield L, "damage_curve levels as an array", lambda: lab.damage_curve(trained, X, y, "shift", np.arange(3)),\
        Works(lambda r: len(r[1]) == 3 and r[1][0] == trained.accuracy(X, y)), intact_images

    # ===== lab: 2-D maps ==============================================================================
    P = "lab projection"
    yield P, "principal_components k=5 of 3-D rows", lambda: lab.principal_components(A, 5),\
        Raises(r"k must be.*between 1 and 3.*5"), None
    yield P, "principal_components k=0", lambda: lab.principal_components(A, 0), Raises(r"k must be.*0"), None
    yield P, "principal_components of a 1-D array", lambda: lab.principal_components(np.arange(5.0), 1),\
        Raises(r"A must .*\(n, d\).*\(5,\)"), None
    yield P, "principal_components with NaN", lambda: lab.principal_components(np.full((5, 3), np.nan), 2),\
        Raises(r"A .*NaN"), None
    yield P, "principal_components np.int64(2)", lambda: lab.principal_components(A, np.int64(2)),\
        Works(lambda r: r[1].shape == (2, 3)), None
    yield P, "project with a mean of the wrong width",\
        lambda: lab.project(A, np.zeros(4), lab.principal_components(A, 2)[1]), Raises(r"mean.*\(3,\).*\(4,\)"), None
    yield P, "explained_variance k=1.5", lambda: lab.explained_variance(A, 1.5), Raises(r"k must be a whole"), None
    yield P, "nearest_centroid_accuracy of 3 classes", lambda: lab.nearest_centroid_accuracy(A, np.arange(50) % 3),\
        Works(lambda r: 0 <= r <= 1), None
    yield P, "nearest_centroid_accuracy unequal lengths",\
        lambda: lab.nearest_centroid_accuracy(A, np.arange(49) % 3), Raises(r"same number.*50.*49"), None
    yield P, "nearest_centroid_accuracy label 10 with n=10",\
        lambda: lab.nearest_centroid_accuracy(A, np.r_[np.arange(49) % 3, 10]), Raises(r"labels.*0-9.*10"), None
    yield P, "layer_maps with one label short",\
        lambda: lab.layer_maps(trained, X[:30], y[:29], X[30:], y[30:]), Raises(r"same number of examples"), None

    # ===== lab: the training you can watch ============================================================
    T = "lab TrainingSession"
    yield T, "TrainingSession(batch_size=-5)", lambda: session(batch_size=-5), Raises(r"batch_size.*-5"), None
    yield T, "session.batch_size = -5, then a step", lambda: session_after("batch_size", -5),\
        Raises(r"batch_size.*-5"), None
    yield T, "session.batch_size = 2.5", lambda: session_after("batch_size", 2.5), Raises(r"batch_size.*whole"), None
    yield T, "session.learning_rate = 'fast'", lambda: session_after("learning_rate", "fast"),\
        Raises(r"learning_rate must be a positive number.*'fast'"), None
    yield T, "session.learning_rate = np.float32(0.5)", lambda: session_after("learning_rate", np.float32(0.5)),\
        Works(lambda s: s.steps == 1), None
    yield T, "TrainingSession(evaluate_every=0)", lambda: session(evaluate_every=0),\
        Raises(r"evaluate_every.*0"), None
    yield T, "TrainingSession(evaluate_every=None)", lambda: session(evaluate_every=None),\
        Raises(r"evaluate_every.*None"), None
    yield T, "TrainingSession y_test one short", lambda: lab.TrainingSession(
        Network([784, 16, 16, 10]), X_train[:60], y_train[:60], X, y[:-1]), Raises(r"same number of examples"), None

    # ===== evaluation =================================================================================
    E = "evaluation"
    yield E, "confusion_counts label -1", lambda: ev.confusion_counts([-1, 2], [3, 2]),\
        Raises(r"labels must .*0-9.*-1"), None
    yield E, "confusion_counts label 10", lambda: ev.confusion_counts([10, 2], [3, 2]),\
        Raises(r"labels must .*0-9.*10"), None
    yield E, "confusion_counts 3 labels, 2 predictions", lambda: ev.confusion_counts([1, 2, 3], [3, 2]),\
        Raises(r"same number.*3.*2"), None
    yield E, "confusion_counts label 1.5", lambda: ev.confusion_counts([1.5, 2], [1, 2]),\
        Raises(r"whole numbers.*1\.5"), None
    yield E, "confusion_counts of outputs (n, 10)", lambda: ev.confusion_counts(y, outputs),\
        Raises(r"predictions.*\(40,\).*\(40, 10\).*argmax"), None
    yield E, "confusion_counts n=0", lambda: ev.confusion_counts([1], [1], n=0), Raises(r"n must be.*0"), None
    yield E, "confusion_counts labels 1.0, 2.0", lambda: ev.confusion_counts([1.0, 2.0], [1, 2]),\
        Works(lambda c: c[1, 1] == 1 and c[2, 2] == 1 and c.sum() == 2), None
    yield E, "confusion_counts of strings", lambda: ev.confusion_counts(["1", "2"], [1, 2]),\
        Raises(r"labels must hold numbers"), None
    yield E, "per_digit_accuracy prediction 11", lambda: ev.per_digit_accuracy([1, 2], [1, 11]),\
        Raises(r"predictions must .*0-9.*11"), None
    yield E, "coverage_and_accuracy 10 labels for 40", lambda: ev.coverage_and_accuracy(outputs, y[:10], .5),\
        Raises(r"same number.*40.*10"), None
    yield E, "coverage_and_accuracy tau=90 (a percentage)", lambda: ev.coverage_and_accuracy(outputs, y, 90),\
        Raises(r"tau.*between 0 and 1.*0\.9.*90"), None
    yield E, "coverage_and_accuracy tau=1.5 (answers nothing)", lambda: ev.coverage_and_accuracy(outputs, y, 1.5),\
        Works(lambda r: r[0] == 0 and np.isnan(r[1])), None
    yield E, "coverage_and_accuracy tau=nan", lambda: ev.coverage_and_accuracy(outputs, y, np.nan),\
        Raises(r"tau.*nan"), None
    yield E, "coverage_and_accuracy of (10, n) outputs", lambda: ev.coverage_and_accuracy(outputs.T, y, .5),\
        Raises(r"outputs.*\(n, 10\).*\(10, 40\)|labels and outputs.*same number.*outputs has 10, labels has 40"), None
    yield E, "coverage_and_accuracy np.float32 tau", lambda: ev.coverage_and_accuracy(outputs, y, np.float32(.5)),\
        Works(lambda r: 0 <= r[0] <= 1), None
    yield E, "abstain_curve taus=0.5", lambda: ev.abstain_curve(outputs, y, 0.5), Raises(r"taus must be a list"),\
        None
    yield E, "answered tau '0.5'", lambda: ev.answered(outputs, "0.5"),\
        Raises(r"tau must be a (finite )?number.*'0.5'"), None
    yield E, "ablated_outputs off=(1, 3)", lambda: ev.ablated_outputs(trained, X, (1, 3)),\
        Raises(r"off must be.*pairs.*\(1, 3\)"), None
    yield E, "ablated_outputs layer 1.5", lambda: ev.ablated_outputs(trained, X, [(1.5, 3)]),\
        Raises(r"whole.*1\.5"), None
    yield E, "ablated_outputs fill too short", lambda: ev.ablated_outputs(trained, X, [(1, 3)], [np.zeros(3)]),\
        Raises(r"fill.*\(16,\)"), None
    yield E, "ablated_outputs first_hidden of 5 rows", lambda: ev.ablated_outputs(
        trained, X, [(1, 3)], first_hidden=np.zeros((5, 16))), Raises(r"first_hidden.*\(40, 16\).*\(5, 16\)"), None
    yield E, "ablated_outputs {1: range(16)}", lambda: ev.ablated_outputs(trained, X, {1: range(16)}),\
        Works(lambda out: out.shape == (40, 10)), intact_images
    yield E, "random_ablation_curve 40 of 32", lambda: ev.random_ablation_curve(trained, X, y, [40]),\
        Raises(r"counts.*0.*32.*40"), None
    yield E, "random_ablation_curve count -2", lambda: ev.random_ablation_curve(trained, X, y, [-2]),\
        Raises(r"counts.*-2"), None
    yield E, "random_ablation_curve seeds=5", lambda: ev.random_ablation_curve(trained, X, y, [2], seeds=5),\
        Raises(r"seeds must be a list.*5"), None
    yield E, "ablation_accuracy 1 label for 40", lambda: ev.ablation_accuracy(trained, X, y[:1]),\
        Raises(r"same number.*40.*1"), None
    yield E, "single_neuron_drops 39 labels", lambda: ev.single_neuron_drops(trained, X, y[:-1]),\
        Raises(r"same number.*40.*39"), None
    yield E, "hidden_means of 'net'", lambda: ev.hidden_means("net", X), Raises(r"must be a Network"), None

    # ===== descent ====================================================================================
    D = "descent"
    yield D, "Walk1D learning rate -0.05", lambda: descent.Walk1D(2, -0.05),\
        Raises(r"learning_rate must be positive.*-0\.05"), None
    yield D, "Walk1D learning rate 0 (never moves)", lambda: descent.Walk1D(2, 0),\
        Raises(r"learning_rate must be positive.*0"), None
    yield D, "Walk1D start nan", lambda: descent.Walk1D(np.nan, 0.05), Raises(r"start.*finite.*nan"), None
    yield D, "Walk1D start '2'", lambda: descent.Walk1D("2", 0.05), Raises(r"start must be a number.*'2'"), None
    yield D, "Walk1D numpy numbers", lambda: descent.Walk1D(np.int64(2), np.float32(0.05)).step(np.int64(3)),\
        Works(lambda w: w.steps == 3), None
    yield D, "Walk1D.step(1e9)", walk_hang, Raises(r"n must be.*1,000,000.*1000000000"), None
    yield D, "Walk1D.step(2.5)", lambda: descent.Walk1D(2, 0.05).step(2.5), Raises(r"n must be a whole.*2\.5"), None
    yield D, "Walk1D.step(-1)", lambda: descent.Walk1D(2, 0.05).step(-1), Raises(r"n must be.*-1"), None
    yield D, "descend_2d start (0.3,)", lambda: descent.descend_2d((0.3,), 0.05),\
        Raises(r"start must be a pair.*\(0\.3,\)"), None
    yield D, "descend_2d max_steps 1e9, a bouncing rate", lambda: descent.descend_2d((0.3, 1.5), 0.5, 1e9),\
        Raises(r"max_steps.*1,000,000"), None
    yield D, "descend_2d learning rate '0.05'", lambda: descent.descend_2d((0.3, 1.5), "0.05"),\
        Raises(r"learning_rate must be a positive number.*'0.05'"), None
    yield D, "descend_2d from a NumPy array", lambda: descent.descend_2d(np.array([0.3, 1.5]), 0.05),\
        Works(lambda r: r[1] == "settled"), None
    yield D, "nearest_flat_point of (0.3,)", lambda: descent.nearest_flat_point((0.3,)),\
        Raises(r"point must be a pair"), None
    yield D, "place_name('deep vally')", lambda: descent.place_name("deep vally"),\
        Raises(r"did you mean 'deep valley'"), None
    yield D, "one_hot([-1, 2])", lambda: descent.one_hot([-1, 2]), Raises(r"labels must .*0-9.*-1"), None
    yield D, "one_hot([10])", lambda: descent.one_hot([10]), Raises(r"labels must .*0-9.*10"), None
    yield D, "one_hot([2.5])", lambda: descent.one_hot([2.5]), Raises(r"whole numbers.*2\.5"), None
    yield D, "one_hot(3) (one label)", lambda: descent.one_hot(3), Works(lambda t: t.shape == (1, 10) and t[0, 3]),\
        None
    yield D, "example_costs 1 label for 40", lambda: descent.example_costs(net, X, y[:1]),\
        Raises(r"same number of examples.*40.*1"), None
    yield D, "explorer_batch size 9000", lambda: descent.explorer_batch(9000),\
        Raises(r"size.*between 1 and 8,?000.*9000"), None
    yield D, "explorer_batch size 0", lambda: descent.explorer_batch(0), Raises(r"size.*0"), None
    yield D, "rank_weights of (nabla_w, nabla_b)", lambda: descent.rank_weights(grad),\
        Raises(r"nabla_w.*one .* per layer"), None
    yield D, "cost_change of weight j=-1", lambda: probe().cost_change((1, -1, 0), 0.1),\
        Raises(r"j.*0.*15.*-1"), intact_net
    yield D, "cost_change of layer 4", lambda: probe().cost_change((4, 0, 0), 0.1), Raises(r"layer.*1.*3.*4"),\
        intact_net
    yield D, "cost_change delta nan", lambda: probe().cost_change((1, 0, 0), np.nan), Raises(r"delta.*nan"), None
    yield D, "rank_closest_to(-1)", lambda: probe().rank_closest_to(-1), Raises(r"fraction.*-1"), None
    yield D, "CostProbe of 'net'", lambda: descent.CostProbe("net", X, y), Raises(r"must be a Network"), None

    # ===== backprop ===================================================================================
    B = "backprop"
    w3, b3 = [1.5, -2.0, 2.5], [-0.5, 1.0, -1.0]
    yield B, "chain_rule_terms 3 weights, 2 biases", lambda: backprop.chain_rule_terms(w3, b3[:2], 0.8, 1.0),\
        Raises(r"w and b.*same length.*3.*2"), None
    yield B, "chain_rule_terms w=1.5", lambda: backprop.chain_rule_terms(1.5, 0.5, 0.8, 1.0),\
        Raises(r"w must be a list.*1\.5"), None
    yield B, "chain_rule_terms a0='0.8'", lambda: backprop.chain_rule_terms(w3, b3, "0.8", 1.0),\
        Raises(r"a0 must be a number.*'0.8'"), None
    yield B, "chain_rule_terms a weight nan", lambda: backprop.chain_rule_terms([1, np.nan, 2], b3, 0.8, 1.0),\
        Raises(r"w\[1\] .*finite.*nan"), None
    yield B, "chain_rule_terms NumPy arrays", lambda: backprop.chain_rule_terms(np.array(w3), np.array(b3), 0.8, 1),\
        Works(lambda r: set(r[2]) == {"w1", "b1", "w2", "b2", "w3", "b3"}), None
    yield B, "chain_rule_terms no neurons", lambda: backprop.chain_rule_terms([], [], 0.8, 1.0),\
        Raises(r"at least one"), None
    yield B, "check_chain eps=1e-20", lambda: backprop.check_chain(w3, b3, 0.8, 1.0, eps=1e-20),\
        Raises(r"eps.*between 1e-10 and 0.01.*1e-20"), None
    yield B, "check_chain eps=0", lambda: backprop.check_chain(w3, b3, 0.8, 1.0, eps=0), Raises(r"eps.*0"), None
    yield B, "dependency_path('wx')", lambda: backprop.dependency_path("wx"), Raises(r"no parameter 'wx'"), None
    yield B, "dependency_path('W2')", lambda: backprop.dependency_path("W2"), Raises(r"did you mean 'w2'"), None
    yield B, "dependency_path('a2')", lambda: backprop.dependency_path("a2"), Raises(r"no parameter 'a2'"), None
    yield B, "dependency_path(3)", lambda: backprop.dependency_path(3), Raises(r"no parameter 3"), None
    yield B, "dependency_path('y')", lambda: backprop.dependency_path("y"), Works(lambda p: p == ["y", "C0"]), None
    yield B, "path_factors('w4') in a chain of 3", lambda: backprop.path_factors("w4", w3, b3, 0.8, 1.0),\
        Raises(r"no parameter 'w4' in a chain of 3"), None
    yield B, "nudge_parameter layer=5", lambda: backprop.nudge_parameter(net, x, label, 5, 0, 0, 0.1),\
        Raises(r"layer must be .*0.*1.*2.*got 5"), intact_net
    yield B, "nudge_parameter layer=-1", lambda: backprop.nudge_parameter(net, x, label, -1, 0, 0, 0.1),\
        Raises(r"layer must be .*0.*2.*got -1"), intact_net
    yield B, "nudge_parameter j=16 in layer 0", lambda: backprop.nudge_parameter(net, x, label, 0, 16, 0, 0.1),\
        Raises(r"j must be .*0.*15.*16"), intact_net
    yield B, "nudge_parameter k=784", lambda: backprop.nudge_parameter(net, x, label, 0, 0, 784, 0.1),\
        Raises(r"k must be .*0.*783.*784"), intact_net
    yield B, "nudge_parameter delta=nan", lambda: backprop.nudge_parameter(net, x, label, 0, 0, 0, np.nan),\
        Raises(r"delta.*nan"), intact_net
    yield B, "nudge_parameter delta='0.1'", lambda: backprop.nudge_parameter(net, x, label, 0, 0, 0, "0.1"),\
        Raises(r"delta must be a number.*'0.1'"), intact_net
    yield B, "nudge_parameter of 3 images", lambda: backprop.nudge_parameter(net, X[:3], label, 0, 0, 0, 0.1),\
        Raises(r"x must be one image.*\(3, 784\)"), intact_net
    yield B, "nudge_parameter label 10", lambda: backprop.nudge_parameter(net, x, 10, 0, 0, 0, 0.1),\
        Raises(r"labels must lie in 0-9"), intact_net
    yield B, "nudge_parameter a bias, NumPy ints", lambda: backprop.nudge_parameter(
        net, x, np.int64(label), np.int64(2), np.int64(3), None, 0.5),\
        Works(lambda n: n.cost != n.cost_before), intact_net
    yield B, "last_hidden_derivatives eps=0", lambda: backprop.last_hidden_derivatives(net, x, label, eps=0),\
        Raises(r"eps.*0"), None

    # ===== wishes =====================================================================================
    W = "wishes"
    yield W, "lever_wishes j=10", lambda: wishes.lever_wishes(net, x, 2, j=10), Raises(r"j must be.*0.*9.*10"), None
    yield W, "lever_wishes j=-1", lambda: wishes.lever_wishes(net, x, 2, j=-1), Raises(r"j must be.*-1"), None
    yield W, "lever_wishes j=2.5", lambda: wishes.lever_wishes(net, x, 2, j=2.5), Raises(r"j must be.*2\.5"), None
    yield W, "lever_wishes j=np.int64(3)", lambda: wishes.lever_wishes(net, x, 2, j=np.int64(3)),\
        Works(lambda r: r["neuron"] == 3), None
    yield W, "one_example of 3 images", lambda: wishes.one_example(net, X[:3], 2),\
        Raises(r"x must be one image.*\(3, 784\)"), None
    yield W, "layer_wishes label 2.5", lambda: wishes.layer_wishes(net, x, 2.5), Raises(r"whole numbers"), None
    yield W, "moved_copy of nabla_w alone", lambda: wishes.moved_copy(net, grad[0], 1.0),\
        Raises(r"gradient must be the pair \(nabla_w, nabla_b\)"), intact_net
    yield W, "moved_copy of (nabla_b, nabla_w)", lambda: wishes.moved_copy(net, grad[::-1], 1.0),\
        Raises(r"gradient.*shape.*\(16, 784\)"), intact_net
    yield W, "moved_copy learning rate nan", lambda: wishes.moved_copy(net, grad, np.nan),\
        Raises(r"learning_rate.*nan"), intact_net
    yield W, "moved_copy learning rate 0", lambda: wishes.moved_copy(net, grad, 0),\
        Works(lambda twin: np.array_equal(twin.weights[0], net.weights[0])), intact_net
    yield W, "mini_batch_descent steps=0", lambda: wishes.mini_batch_descent(net.copy(), X, y, 10, steps=0),\
        Raises(r"steps must be.*0"), None
    yield W, "mini_batch_descent steps=2.5", lambda: wishes.mini_batch_descent(net.copy(), X, y, 10, steps=2.5),\
        Raises(r"steps must be a .*whole.*2\.5"), None
    yield W, "mini_batch_descent steps=10**9", lambda: wishes.mini_batch_descent(net.copy(), X, y, 10, 10 ** 9),\
        Raises(r"steps.*100,000.*1000000000"), None
    yield W, "mini_batch_descent checkpoints=-1", lambda: wishes.mini_batch_descent(
        net.copy(), X, y, 10, 5, checkpoints=-1), Raises(r"checkpoints.*-1"), None
    yield W, "mini_batch_descent progress=True", lambda: wishes.mini_batch_descent(
        net.copy(), X, y, 10, 5, progress=True), Raises(r"progress must be.*function.*True"), None
    yield W, "mini_batch_descent batch_size=-5", lambda: wishes.mini_batch_descent(net.copy(), X, y, -5, 5),\
        Raises(r"batch_size.*-5"), None
    yield W, "mini_batch_descent 5 steps", lambda: wishes.mini_batch_descent(net.copy(), X, y, 10, np.int64(5)),\
        Works(lambda h: h["step"][-1] == 5), intact_images
    yield W, "minibatch_directions a batch of 1000 from 40", lambda: wishes.minibatch_directions(
        net, X, y, batch_sizes=(10, 1000)), Raises(r"batch_sizes.*1 and 40.*1000"), None
    yield W, "minibatch_directions draws=0", lambda: wishes.minibatch_directions(net, X, y, (10,), draws=0),\
        Raises(r"draws.*0"), None
    yield W, "one_step_effects 5 test labels for 40", lambda: wishes.one_step_effects(
        net, x, 2, X[:10], y[:10], X, y[:5], steps=[0.0, 1.0]), Raises(r"same number.*40.*5"), None
    yield W, "example_two('net')", lambda: wishes.example_two("net"), Raises(r"must be a Network"), None
    yield W, "sgd_step_budget(0)", lambda: wishes.sgd_step_budget(0), Raises(r"batch_size.*0"), None
    yield W, "average_of_example_gradients 3 labels", lambda: wishes.average_of_example_gradients(net, X, y[:3]),\
        Raises(r"same number of examples"), None

    # ===== learned: experiments =======================================================================
    R = "learned experiments"
    yield R, "run_experiment('shuffled-pixels')", lambda: ex.run_experiment("shuffled-pixels", data=tiny),\
        Raises(r"did you mean 'shuffled_pixels'"), None
    yield R, "run_experiment('dropout')", lambda: ex.run_experiment("dropout", data=tiny),\
        Raises(r"name must be one of.*tweaks.*'dropout'"), None
    yield R, "run_experiment size='medium'", lambda: ex.run_experiment("tweaks", "medium", data=tiny),\
        Raises(r"size must be one of.*live.*full.*'medium'"), None
    yield R, "run_experiment data without X_test", lambda: ex.run_experiment("tweaks", data={"X_train": X}),\
        Raises(r"data must be a dict.*X_test"), None
    yield R, "run_experiment progress='yes'", lambda: ex.run_experiment("tweaks", data=tiny, progress="yes"),\
        Raises(r"progress must be.*'yes'"), None
    yield R, "run_recipe n_train=-10", lambda: ex.run_recipe(tiny, [784, 10], "videos", 1, n_train=-10),\
        Raises(r"n_train.*1 and 100.*-10"), None
    yield R, "run_recipe n_train=100000", lambda: ex.run_recipe(tiny, [784, 10], "videos", 1, n_train=100000),\
        Raises(r"n_train.*1 and 100.*100000"), None
    yield R, "run_recipe epochs=0", lambda: ex.run_recipe(tiny, [784, 10], "videos", 0), Raises(r"epochs.*0"), None
    yield R, "run_recipe epochs=1.5", lambda: ex.run_recipe(tiny, [784, 10], "videos", 1.5),\
        Raises(r"epochs must be a .*whole.*1\.5"), None
    yield R, "run_recipe epochs=10**6", lambda: ex.run_recipe(tiny, [784, 10], "videos", 10 ** 6),\
        Raises(r"epochs.*1,000.*1000000"), None
    yield R, "shuffled_pixels epochs=0", lambda: ex.shuffled_pixels(tiny, epochs=0, progress=False),\
        Raises(r"epochs.*0"), None
    yield R, "shuffled_pixels epochs=1.5", lambda: ex.shuffled_pixels(tiny, epochs=1.5, progress=False),\
        Raises(r"epochs must be a .*whole.*1\.5"), None
    yield R, "random_labels n_train=-10", lambda: ex.random_labels(tiny, n_train=-10, epochs=1, progress=False),\
        Raises(r"n_train.*-10"), None
    yield R, "run_recipe recipe 'video'", lambda: ex.run_recipe(tiny, [784, 10], "video", 1),\
        Raises(r"did you mean 'videos'"), None
    yield R, "run_recipe recipe without learning_rate", lambda: ex.run_recipe(
        tiny, [784, 10], dict(activation="sigmoid", cost="quadratic", init="normal"), 1),\
        Raises(r"recipe.*learning_rate"), None
    yield R, "run_recipe labels='shuffled'", lambda: ex.run_recipe(tiny, [784, 10], "videos", 1, labels="shuffled"),\
        Raises(r"labels must be one of.*random.*'shuffled'"), None
    yield R, "run_recipe pixels='shuffle'", lambda: ex.run_recipe(tiny, [784, 10], "videos", 1, pixels="shuffle"),\
        Raises(r"did you mean 'shuffled'"), None
    yield R, "run_recipe seed=-1", lambda: ex.run_recipe(tiny, [784, 10], "videos", 1, seed=-1),\
        Raises(r"seed must.*-1"), None
    yield R, "run_recipe tick=True", lambda: ex.run_recipe(tiny, [784, 10], "videos", 1, tick=True),\
        Raises(r"tick must be.*function.*True"), None
    yield R, "run_recipe data=None", lambda: ex.run_recipe(None, [784, 10], "videos", 1),\
        Raises(r"data must be a dict"), None
    yield R, "run_recipe 50 images, epochs=2.0", lambda: ex.run_recipe(tiny, [784, 10], "videos", 2.0, n_train=50),\
        Works(lambda r: r[1]["epoch"] == [1, 2]), None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="one line per input")
    parser.add_argument("--language", default="en", help="the lesson's language (en, zh-CN)")
    parser.add_argument("--seconds", type=float, default=5.0, help="time limit per case")
    args = parser.parse_args(argv)
    helpers.set_language(args.language)
    chinese = args.language != "en"
    counts = {}
    bad = []
    for surface, what, call, expected, intact in cases():
        box, said = classify(call, expected, args.seconds, chinese)
        if intact is not None and not intact():
            box, said = "data lost", "the call changed its input; " + said
        counts.setdefault(surface, dict.fromkeys(BOXES, 0))[box] += 1
        if args.verbose:
            print(f"{box:13}  {surface:20} {what:44} {said[:110]}")
        if box in BAD:
            bad.append(f"{box}: {surface}: {what} -> {said[:160]}")
    print(f"\nhelpers {helpers.__file__} (language {args.language})")
    return print_table(counts, bad)


if __name__ == "__main__":
    sys.exit(main())
