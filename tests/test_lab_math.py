"""Lesson 06's numbers: ablation, abstaining, damage, 2-D maps and the watchable training session."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.text import Text

from helpers import Network, lab, load_digits, load_trained_network
from helpers.core import evaluation as ev
from helpers.core.training import TrainingDiverged
from helpers.lab import TrainingSession
from helpers.learned import images

(X_TRAIN, Y_TRAIN), (X_TEST, Y_TEST) = load_digits()
NET = load_trained_network()
OUTPUTS = NET.forward(X_TEST)
MEANS = ev.hidden_means(NET, X_TRAIN)


# ----- confusion and per-digit accuracy -------------------------------------------------------

def test_confusion_diagonal_over_total_is_the_accuracy_and_rows_are_label_counts():
    counts = ev.confusion_counts(Y_TEST, NET.predict(X_TEST))
    assert np.trace(counts) / counts.sum() == pytest.approx(NET.accuracy(X_TEST, Y_TEST))
    assert np.array_equal(counts.sum(axis=1), np.bincount(Y_TEST, minlength=10))


def test_per_digit_accuracy_counts_each_label_separately():
    labels = np.array([0, 0, 1, 1, 1, 2])
    predictions = np.array([0, 1, 1, 1, 0, 2])
    assert np.allclose(ev.per_digit_accuracy(labels, predictions, n=4)[:3], [0.5, 2 / 3, 1.0])
    assert np.isnan(ev.per_digit_accuracy(labels, predictions, n=4)[3])


# ----- ablation ---------------------------------------------------------------------------------

def test_ablating_nothing_reproduces_the_plain_outputs_and_accuracy():
    assert np.allclose(ev.ablated_outputs(NET, X_TEST), OUTPUTS)
    overall, per_digit = ev.ablation_accuracy(NET, X_TEST, Y_TEST, [], MEANS)
    assert overall == pytest.approx(NET.accuracy(X_TEST, Y_TEST))
    assert np.allclose(per_digit, ev.per_digit_accuracy(Y_TEST, NET.predict(X_TEST)))


def test_zero_ablation_equals_a_network_whose_neuron_sends_nothing():
    # Zeroing hidden neuron 3 of layer 1 = zeroing column 3 of the weights it sends to layer 2.
    cut = NET.copy()
    cut.weights[1][:, 3] = 0.0
    assert np.allclose(ev.ablated_outputs(NET, X_TEST[:50], [(1, 3)]), cut.forward(X_TEST[:50]))


def test_mean_ablation_uses_the_training_means_and_the_precomputed_layer_gives_the_same_answer():
    first_hidden = NET.feedforward(X_TEST)[1][1]
    keep = first_hidden.copy()
    a = ev.ablated_outputs(NET, X_TEST, {1: [0, 5], 2: [7]}, MEANS)
    b = ev.ablated_outputs(NET, X_TEST, [(1, 0), (1, 5), (2, 7)], MEANS, first_hidden)
    assert np.array_equal(a, b)
    assert np.array_equal(first_hidden, keep)            # the caller's array is not changed
    by_hand = NET.feedforward(X_TEST)[1][1].copy()
    by_hand[:, [0, 5]] = MEANS[0][[0, 5]]
    second = 1 / (1 + np.exp(-(by_hand @ NET.weights[1].T + NET.biases[1])))
    second[:, 7] = MEANS[1][7]
    assert np.allclose(a, 1 / (1 + np.exp(-(second @ NET.weights[2].T + NET.biases[2]))))


@pytest.mark.parametrize("fill", [None, MEANS])
def test_switching_off_the_whole_last_hidden_layer_leaves_one_constant_answer(fill):
    outputs = ev.ablated_outputs(NET, X_TEST, {2: range(16)}, fill)
    assert np.allclose(outputs, outputs[0])
    assert len(np.unique(np.argmax(outputs, axis=1))) == 1


def test_a_neuron_that_is_not_there_is_named():
    with pytest.raises(ValueError, match="no hidden neuron 16 in layer 1"):
        ev.ablated_outputs(NET, X_TEST[:3], [(1, 16)])
    with pytest.raises(ValueError, match="layer 3"):
        ev.ablated_outputs(NET, X_TEST[:3], [(3, 0)])


def test_single_neuron_drops_are_ranked_and_match_one_ablation_each():
    drops = ev.single_neuron_drops(NET, X_TEST, Y_TEST, MEANS)
    assert len(drops) == 32 and {(l, j) for _, l, j in drops} == {(l, j) for l in (1, 2) for j in range(16)}
    values = [d for d, _, _ in drops]
    assert values == sorted(values, reverse=True)
    top, layer, neuron = drops[0]
    plain = NET.accuracy(X_TEST, Y_TEST)
    assert top == pytest.approx(plain - ev.ablation_accuracy(NET, X_TEST, Y_TEST, [(layer, neuron)], MEANS)[0])
    assert top > 0.01                                          # some neuron matters


def test_random_ablation_curves_start_at_the_plain_accuracy_and_end_at_a_constant_answer():
    curves = ev.random_ablation_curve(NET, X_TEST, Y_TEST, [0, 8, 32], seeds=(0, 1, 2))
    assert curves.shape == (3, 3)
    assert np.allclose(curves[:, 0], NET.accuracy(X_TEST, Y_TEST))
    assert np.all(curves[:, 2] < 0.2)                          # everything off: one answer for all digits
    assert np.all(curves[:, 1] < curves[:, 0])
    assert not np.allclose(curves[0], curves[1])               # the seeds choose different neurons


# ----- abstaining ---------------------------------------------------------------------------------

def test_tau_zero_answers_everything_with_the_plain_accuracy():
    coverage, accuracy = ev.coverage_and_accuracy(OUTPUTS, Y_TEST, 0.0)
    assert coverage == 1.0 and accuracy == pytest.approx(NET.accuracy(X_TEST, Y_TEST))


def test_tau_above_every_output_answers_nothing():
    coverage, accuracy = ev.coverage_and_accuracy(OUTPUTS, Y_TEST, 1.01)
    assert coverage == 0.0 and np.isnan(accuracy)


def test_coverage_never_rises_as_tau_rises_and_accuracy_on_the_answered_is_counted():
    taus = np.linspace(0, 1, 101)
    coverage, accuracy = ev.abstain_curve(OUTPUTS, Y_TEST, taus)
    assert np.all(np.diff(coverage) <= 0)
    mask = OUTPUTS.max(axis=1) >= 0.9
    assert coverage[90] == pytest.approx(mask.mean())
    assert accuracy[90] == pytest.approx(np.mean(OUTPUTS[mask].argmax(axis=1) == Y_TEST[mask]))
    assert accuracy[90] > accuracy[0]                          # on these digits, confident answers are right more often


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=2, max_size=8))
def test_coverage_is_monotone_for_any_thresholds(taus):
    taus = sorted(taus)
    coverage, _ = ev.abstain_curve(OUTPUTS[:300], Y_TEST[:300], taus)
    assert np.all(np.diff(coverage) <= 0)


# ----- damage -------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", list(lab.KINDS))
def test_zero_damage_changes_nothing(kind):
    assert np.array_equal(lab.damage(X_TEST[:20], kind, 0), X_TEST[:20])
    assert np.array_equal(lab.damage(X_TEST[0], kind, 0), X_TEST[0])


@pytest.mark.parametrize("kind,level", [("noise", 0.3), ("rotation", 25), ("shift", 1.5), ("thickness", 1.5),
                                        ("thickness", -0.5)])
def test_damaged_images_keep_shape_and_range(kind, level):
    damaged = lab.damage(X_TEST[:10], kind, level)
    assert damaged.shape == (10, 784) and damaged.min() >= 0 and damaged.max() <= 1 + 1e-12
    assert not np.allclose(damaged, X_TEST[:10])


def test_whole_pixel_shifts_agree_with_images_shift_images():
    assert np.allclose(lab.shift(X_TEST[:30], 2, -3), images.shift_images(X_TEST[:30], 2, -3))


def test_half_pixel_shift_is_the_mean_of_its_two_neighbours():
    half = lab.shift(X_TEST[:5], 0, 0.5)
    assert np.allclose(half, 0.5 * (X_TEST[:5] + images.shift_images(X_TEST[:5], 0, 1)))


def test_rotation_by_90_degrees_turns_the_picture_counter_clockwise():
    picture = X_TEST[3].reshape(28, 28)
    assert np.allclose(lab.rotate(X_TEST[3], 90).reshape(28, 28), np.rot90(picture), atol=1e-9)
    assert np.allclose(lab.rotate(X_TEST[3], 360), X_TEST[3], atol=1e-9)


def test_thickness_is_max_or_min_over_3x3_and_blends_fractions():
    x = np.zeros(784)
    x[14 * 28 + 14] = 1.0
    thick = lab.thicken(x, 1).reshape(28, 28)
    assert thick.sum() == 9 and thick[13:16, 13:16].min() == 1
    assert np.allclose(lab.thicken(x, 0.5), 0.5 * x + 0.5 * lab.thicken(x, 1))
    assert lab.thicken(x, -1).sum() == 0                     # one lone pixel is eroded away
    assert lab.thicken(X_TEST[:5], 1).sum() > X_TEST[:5].sum() > lab.thicken(X_TEST[:5], -1).sum()


def test_noise_is_seeded_and_clipped():
    assert np.array_equal(lab.add_noise(X_TEST[:4], 0.3, seed=1), lab.add_noise(X_TEST[:4], 0.3, seed=1))
    assert not np.array_equal(lab.add_noise(X_TEST[:4], 0.3, seed=1), lab.add_noise(X_TEST[:4], 0.3, seed=2))


def test_damage_curves_start_at_the_plain_accuracy_and_fall():
    levels, accuracy = lab.damage_curve(NET, X_TEST[:500], Y_TEST[:500], "rotation", [0, 45])
    assert accuracy[0] == pytest.approx(NET.accuracy(X_TEST[:500], Y_TEST[:500]))
    assert accuracy[1] < accuracy[0] - 0.2
    with pytest.raises(ValueError, match="kind must be one of"):
        lab.damage(X_TEST[:2], "blur", 1)


def test_damage_table_prints_each_kind_in_the_lessons_language_with_aligned_numbers(capsys, zh_cn):
    curves = {"noise": ([0, 0.1], [0.9, 0.85]), "thickness": ([-1.5, 0], [0.48, 0.9])}
    lab.print_damage_table(curves)
    assert capsys.readouterr().out == "噪声 0: 90%  0.1: 85%\n粗细 -1.5: 48%  0: 90%\n"
    from helpers import set_language
    set_language("en")
    lab.print_damage_table(curves)
    assert capsys.readouterr().out == "noise     0: 90%  0.1: 85%\nthickness -1.5: 48%  0: 90%\n"


# ----- projection -----------------------------------------------------------------------------------

def test_principal_components_match_the_svd_and_the_variance_they_keep():
    A = NET.feedforward(X_TEST[:400])[1][1]
    mean, components = lab.principal_components(A, 2)
    centred = A - A.mean(axis=0)
    _, s, Vt = np.linalg.svd(centred, full_matrices=False)
    for k in range(2):
        assert abs(abs(components[k] @ Vt[k]) - 1) < 1e-9
    assert np.allclose(components @ components.T, np.eye(2), atol=1e-12)
    points = lab.project(A, mean, components)
    assert np.allclose(points.var(axis=0) * len(A), s[:2] ** 2)
    assert np.allclose(lab.explained_variance(A, 2), s[:2] ** 2 / np.sum(s ** 2))


def test_nearest_centroid_accuracy_on_two_clean_clusters():
    points = np.array([[0, 0], [0.1, 0], [5, 5], [5.1, 5], [0.2, 0.1]])
    labels = np.array([0, 0, 1, 1, 1])                     # the last point sits in the wrong cluster
    assert lab.nearest_centroid_accuracy(points, labels) == pytest.approx(4 / 5)


def _separation_by_loops(points, labels):
    """class_separation written out again, one class and one pair at a time (no broadcasting)."""
    classes = sorted(set(labels.tolist()))
    centres = {c: points[labels == c].mean(axis=0) for c in classes}
    gaps = [np.linalg.norm(centres[a] - centres[b]) for i, a in enumerate(classes) for b in classes[i + 1:]]
    spreads = []
    for c in classes:
        mine = points[labels == c]
        spreads.append(np.sqrt(np.mean([np.sum((x - centres[c]) ** 2) for x in mine])))
    return np.mean(gaps) / np.mean(spreads)


def test_class_separation_is_centroid_distance_over_within_class_spread():
    # two classes, two points each: centroids (0, 0) and (4, 0); every point 1 from its own centroid
    points = np.array([[0, 1], [0, -1], [4, 1], [4, -1]], dtype=float)
    assert lab.class_separation(points, np.array([0, 0, 1, 1])) == pytest.approx(4.0)
    rng = np.random.default_rng(3)
    points, labels = rng.normal(size=(300, 7)), rng.integers(0, 10, 300)
    points[:, 0] += 3 * labels                              # classes strung out along one coordinate
    want = _separation_by_loops(points, labels)
    assert lab.class_separation(points, labels) == pytest.approx(want, rel=1e-12)
    turn, _ = np.linalg.qr(rng.normal(size=(7, 7)))        # moved, turned and scaled: the same ratio
    assert lab.class_separation(5 * points @ turn + 2, labels) == pytest.approx(want, rel=1e-9)
    with pytest.raises(ValueError, match="two different labels"):
        lab.class_separation(points[:3], np.array([1, 1, 1]))


def test_layer_maps_report_a_class_separation_that_grows_layer_by_layer():
    maps = lab.layer_maps(NET, X_TRAIN[:3000], Y_TRAIN[:3000], X_TEST, Y_TEST)
    activations = NET.feedforward(X_TEST)[1][1:]
    for m, A in zip(maps, activations):
        assert m["separation"] == pytest.approx(_separation_by_loops(A, Y_TEST), rel=1e-10)
        assert m["separation_2d"] == pytest.approx(_separation_by_loops(m["points"], Y_TEST), rel=1e-10)
    separation = [m["separation"] for m in maps]
    assert separation[0] < separation[1] < separation[2]   # what lesson 06, section 4 says


def test_spread_kept_is_largest_along_the_first_principal_direction():
    cloud = lab.demo_cloud()
    assert cloud.shape == (60, 2)
    assert np.array_equal(cloud, lab.demo_cloud())        # seeded
    mean, components = lab.principal_components(cloud, 2)
    first = lab.explained_variance(cloud, 2)
    # independent: the variance along u over the total variance, by np.var
    for u in (components[0], components[1], np.array([1.0, 0.0]), np.array([3.0, 4.0]) / 5):
        want = np.var(cloud @ u) / (np.var(cloud[:, 0]) + np.var(cloud[:, 1]))
        assert lab.spread_kept(cloud, u)[0] == pytest.approx(want, rel=1e-12)
    assert lab.spread_kept(cloud, components[0])[0] == pytest.approx(first[0], rel=1e-12)
    assert lab.spread_kept(cloud, 7 * components[1])[0] == pytest.approx(first[1], rel=1e-12)   # length ignored
    angles = np.deg2rad(np.arange(0, 180, 0.5))
    shares = lab.spread_kept(cloud, np.column_stack([np.cos(angles), np.sin(angles)]))
    assert shares.max() <= first[0] + 1e-12 and shares.min() >= first[1] - 1e-12
    best = np.rad2deg(angles[np.argmax(shares)])
    assert abs(best - np.rad2deg(np.arctan2(components[0][1], components[0][0])) % 180) <= 0.5
    assert 25 < best < 35                                  # the cloud was stretched along 30 degrees
    with pytest.raises(ValueError, match="length 0"):
        lab.spread_kept(cloud, [0.0, 0.0])
    with pytest.raises(ValueError, match="2 columns"):
        lab.spread_kept(cloud, [1.0, 0.0, 0.0])


def test_layer_maps_later_layers_separate_better_in_two_dimensions():
    maps = lab.layer_maps(NET, X_TRAIN[:3000], Y_TRAIN[:3000], X_TEST, Y_TEST)
    assert [m["layer"] for m in maps] == [1, 2, 3]
    assert maps[0]["points"].shape == (2000, 2)
    scores = [m["accuracy_2d"] for m in maps]
    assert scores[0] < scores[1] < scores[2]


# ----- watchable training -------------------------------------------------------------------------------

def test_a_session_batch_is_one_network_step_on_the_shuffled_order():
    net, twin = Network([784, 16, 16, 10], seed=1), Network([784, 16, 16, 10], seed=1)
    session = TrainingSession(net, X_TRAIN[:100], Y_TRAIN[:100], X_TEST[:200], Y_TEST[:200], batch_size=10, seed=4)
    order = np.random.default_rng(4).permutation(100)
    session.step_batch()
    twin.step(X_TRAIN[order[:10]], Y_TRAIN[order[:10]], 1.5)
    assert all(np.array_equal(a, b) for a, b in zip(net.weights, twin.weights))
    assert session.batch_costs[0][0] == 10
    assert session.batch_costs[0][1] == pytest.approx(Network([784, 16, 16, 10], seed=1).cost(
        X_TRAIN[order[:10]], Y_TRAIN[order[:10]]))


def test_batch_size_and_learning_rate_change_between_steps_and_epochs_wrap():
    session = TrainingSession(Network([784, 16, 16, 10]), X_TRAIN[:100], Y_TRAIN[:100], X_TEST[:200], Y_TEST[:200],
                              evaluate_every=50)
    session.step_batch()
    session.batch_size, session.learning_rate = 30, 0.5
    session.step_batch()
    assert session.examples_seen == 40 and session.position == 40
    session.step_epoch()
    assert session.examples_seen == 100 and session.epoch == 1
    session.step_batch()
    assert session.epoch == 2 and session.position == 30
    seen = [n for n, _ in session.test_accuracy]
    assert seen[0] == 0 and seen == sorted(seen) and 100 in seen


def test_training_improves_and_a_huge_learning_rate_is_stopped():
    session = TrainingSession(Network([784, 16, 16, 10]), X_TRAIN, Y_TRAIN, X_TEST, Y_TEST)
    session.step_epoch()
    assert session.test_accuracy[-1][1] > session.test_accuracy[0][1] + 0.3
    assert session.run_for(5) >= 1
    broken = Network([784, 16, 16, 10])
    broken.weights[1][0, 0] = np.inf                   # as after a step far too large
    wild = TrainingSession(broken, X_TRAIN[:50], Y_TRAIN[:50], X_TEST[:50], Y_TEST[:50])
    with pytest.raises(TrainingDiverged, match="too large"):
        wild.step_batch()


# ----- the Simplified Chinese edition --------------------------------------------------------------

def test_errors_speak_chinese(zh_cn):
    with pytest.raises(ValueError, match="第 1 层没有隐藏神经元 16"):
        ev.ablated_outputs(NET, X_TEST[:3], [(1, 16)])
    with pytest.raises(ValueError, match="kind 必须是"):
        lab.damage(X_TEST[:2], "blur", 1)
    with pytest.raises(ValueError, match="需要一张 784 像素的图像"):
        lab.rotate(np.zeros(10), 10)
    broken = Network([784, 16, 16, 10])
    broken.weights[1][0, 0] = np.inf
    wild = TrainingSession(broken, X_TRAIN[:50], Y_TRAIN[:50], X_TEST[:50], Y_TEST[:50])
    with pytest.raises(TrainingDiverged, match="学习率 1.5 可能太大了"):
        wild.step_batch()


def test_damage_kinds_stay_english_keys_and_lesson_06_figures_read_in_chinese(zh_cn):
    from helpers import plots
    from helpers.core import languages
    assert list(lab.KINDS) == ["noise", "rotation", "shift", "thickness"]      # what code compares
    assert languages._(lab.KINDS["rotation"][0]) == "旋转（度）"
    curves = {kind: lab.damage_curve(NET, X_TEST[:100], Y_TEST[:100], kind, levels[:2])
              for kind, (_, levels) in lab.KINDS.items()}
    fig = plots.damage_curves(curves, 0.9)
    assert [ax.get_title() for ax in fig.axes] == ["噪声", "旋转", "平移", "粗细"]
    assert fig.axes[1].get_xlabel() == "旋转（度）" and "受损测试数字" in fig.get_suptitle()
    maps = lab.layer_maps(NET, X_TRAIN[:300], Y_TRAIN[:300], X_TEST[:200], Y_TEST[:200])
    titles = [ax.get_title() for ax in plots.layer_maps(maps, Y_TEST[:200]).axes]
    assert titles[0].startswith("第 1 个隐藏层：保留") and titles[-1].startswith("输出层：")
    counts = ev.confusion_counts(Y_TEST, np.argmax(OUTPUTS, axis=1))
    grid = plots.confusion_grid(counts)
    assert "个测试数字" in grid.get_suptitle() and grid.axes[0].get_xlabel() == "网络的答案"
    for fig in (plots.damage_curves(curves, 0.9), grid):
        fig.draw_without_rendering()
        assert not any("$" in t.get_text() for t in fig.findobj(Text))
