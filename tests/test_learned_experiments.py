"""Lesson 05's numbers: image preparation (helpers/images.py), probes (helpers/probes.py), the experiments
(helpers/experiments.py), their result files (helpers/results.py) and the shipped data/results/*.json."""

import json
import re

import numpy as np
import pytest

from helpers import Network, load_digits, load_trained_network
from helpers.learned import experiments as ex
from helpers.learned import images, probes, results

(X_TRAIN, Y_TRAIN), (X_TEST, Y_TEST) = load_digits()


# ----- mnist_preprocess ------------------------------------------------------------------

def bounding_box(image):
    picture = np.reshape(image, (28, 28))
    rows, cols = np.nonzero(picture > 0)
    return rows.min(), rows.max(), cols.min(), cols.max()


def test_center_of_mass_by_hand():
    image = np.zeros((28, 28))
    image[2, 3] = 1.0
    image[6, 3] = 3.0            # three times as bright: the centre is 3/4 of the way down
    assert images.center_of_mass(image) == pytest.approx((5.0, 3.0))
    assert images.center_of_mass(image.ravel()) == pytest.approx((5.0, 3.0))
    assert images.center_of_mass(np.zeros((28, 28))) == (13.5, 13.5)


def test_off_centre_stroke_is_moved_so_its_centre_of_mass_is_at_the_centre():
    stroke = np.zeros((28, 28))
    stroke[2:12, 1:3] = 1.0      # a short vertical stroke in the top-left corner
    out = images.mnist_preprocess(stroke)
    row, col = images.center_of_mass(out)
    assert abs(row - 14.0) <= 0.5 + 1e-9 and abs(col - 14.0) <= 0.5 + 1e-9
    assert images.center_of_mass(stroke)[0] < 8    # it really was off-centre


def test_bounding_box_is_scaled_to_fit_20x20_keeping_aspect_ratio():
    block = np.zeros((28, 28))
    block[3:13, 15:20] = 1.0     # 10 rows x 5 columns: the long side becomes 20, the short one 10
    out = images.mnist_preprocess(block)
    top, bottom, left, right = bounding_box(out)
    assert (bottom - top + 1, right - left + 1) == (20, 10)
    assert out.max() == pytest.approx(1.0)
    wide = np.zeros((28, 28))
    wide[10:13, 2:26] = 1.0      # 3 x 24: shrinks to 20 wide; 3 * 20/24 = 2.5 rows rounds to 2
    out = images.mnist_preprocess(wide)
    top, bottom, left, right = bounding_box(out)
    assert right - left + 1 == 20
    assert bottom - top + 1 == round(3 * 20 / 24)
    assert np.sum(out) == pytest.approx(np.sum(wide) * (20 / 24) * (2 / 3))   # area averaging: ink x area ratio


def test_larger_canvas_is_accepted_and_empty_drawing_is_black():
    big = np.zeros((112, 112))
    big[20:100, 50:58] = 1.0     # a "1" drawn on a finer grid
    out = images.mnist_preprocess(big)
    assert out.shape == (784,)
    top, bottom, left, right = bounding_box(out)
    assert bottom - top + 1 == 20 and right - left + 1 == 2
    assert np.array_equal(images.mnist_preprocess(np.zeros((28, 28))), np.zeros(784))
    with pytest.raises(ValueError, match="NaN"):
        images.mnist_preprocess(np.full((28, 28), np.nan))
    with pytest.raises(ValueError, match="square"):
        images.mnist_preprocess(np.zeros(100 + 1))


def test_bundled_digits_are_already_prepared():
    # MNIST's own digits pass through unchanged: box 20, centre of mass within half a pixel of (14, 14).
    for x in X_TEST[:300]:
        assert np.array_equal(images.mnist_preprocess(x), x)


def test_area_resample_rows_sum_to_one():
    for n_out, n_in in [(20, 28), (20, 7), (13, 13), (1, 5)]:
        matrix = images._area_resample_matrix(n_out, n_in)
        assert matrix.shape == (n_out, n_in)
        assert np.allclose(matrix.sum(axis=1), 1.0)


# ----- shifting, thinning, shuffling -------------------------------------------------------

def test_shift_images_moves_without_wrapping():
    x = np.zeros((28, 28))
    x[0, 0], x[27, 27] = 1.0, 0.5
    moved = images.shift_images(x.ravel(), 2, 3).reshape(28, 28)
    assert moved[2, 3] == 1.0 and moved.sum() == 1.0       # the bottom-right pixel fell off the edge
    back = images.shift_images(x.ravel(), -27, -27).reshape(28, 28)
    assert back[0, 0] == 0.5 and back.sum() == 0.5
    batch = images.shift_images(X_TEST[:5], 1, -1)
    assert batch.shape == (5, 784)
    assert np.array_equal(batch.reshape(5, 28, 28)[:, 1:, :-1], X_TEST[:5].reshape(5, 28, 28)[:, :-1, 1:])


def test_thin_strokes_erodes_one_pixel_per_pass():
    x = np.zeros((28, 28))
    x[5:20, 10:15] = 1.0                                   # a stroke 5 pixels wide
    once = images.thin_strokes(x.ravel()).reshape(28, 28)
    assert np.array_equal(np.nonzero(once.any(axis=0))[0], np.arange(11, 14))   # 3 wide
    twice = images.thin_strokes(x.ravel(), 2).reshape(28, 28)
    assert np.array_equal(np.nonzero(twice.any(axis=0))[0], [12])               # 1 wide
    assert images.thin_strokes(X_TEST[:3]).sum() < X_TEST[:3].sum()


def test_shuffle_pixels_applies_one_permutation_to_every_row():
    permutation = images.pixel_permutation()
    assert np.array_equal(np.sort(permutation), np.arange(784))
    assert np.array_equal(permutation, images.pixel_permutation())                   # fixed
    shuffled = images.shuffle_pixels(X_TEST[:4], permutation)
    for i in range(4):
        assert np.array_equal(shuffled[i], X_TEST[i][permutation])


# ----- inside the network --------------------------------------------------------------------

@pytest.mark.parametrize("sizes, activation", [([784, 16, 16, 10], "sigmoid"), ([784, 12, 10], "relu"),
                                               ([784, 8, 7, 6, 10], "sigmoid")])
def test_input_gradient_agrees_with_finite_differences(sizes, activation):
    net = Network(sizes, seed=1, activation=activation, init="scaled")
    x = X_TEST[3]
    # Central differences, all 784 pixels at once. eps = 1e-4: these derivatives are small (~1e-4),
    # so rounding error (~1e-16 / eps) dominates the truncation error (~eps^2) below that.
    eps = 1e-4
    nudges = eps * np.eye(784)
    for digit in (0, 5, 9):
        grad = probes.input_gradient(net, x, digit)
        numeric = (net.forward(x + nudges)[:, digit] - net.forward(x - nudges)[:, digit]) / (2 * eps)
        error = np.linalg.norm(grad - numeric) / (np.linalg.norm(grad) + np.linalg.norm(numeric))
        assert error < 1e-7, error
        assert np.max(np.abs(grad)) > 1e-6    # not trivially zero


def test_input_gradient_on_a_batch_matches_one_by_one():
    net = load_trained_network()
    batch = probes.input_gradient(net, X_TEST[:4], 5)
    assert batch.shape == (4, 784)
    for i in range(4):
        assert np.allclose(batch[i], probes.input_gradient(net, X_TEST[i], 5), rtol=1e-12, atol=1e-15)


def test_dream_raises_the_chosen_output_and_stays_in_range():
    net = load_trained_network()
    image, trace = probes.dream(net, 5, steps=10, step_size=0.05)
    assert image.min() >= 0 and image.max() <= 1
    assert trace[-1] > 0.9 > net.forward(np.zeros(784))[5]
    assert net.predict(image) == 5


def test_roughness_is_one_for_noise_and_small_for_smooth_pictures():
    noise = np.random.default_rng(0).standard_normal((50, 784))
    assert probes.roughness(noise) == pytest.approx(1.0, abs=0.05)
    rows, cols = np.mgrid[0:28, 0:28]
    smooth = np.sin(rows / 6.0) + np.cos(cols / 5.0)
    assert probes.roughness(smooth.ravel()) < 0.05


def test_noise_images_are_seeded():
    assert np.array_equal(probes.noise_images(3, seed=4), probes.noise_images(3, seed=4))
    assert not np.array_equal(probes.noise_images(3, seed=4), probes.noise_images(3, seed=5))


def test_preparation_damage_numbers():
    net = load_trained_network()
    X, y = X_TEST[:200], Y_TEST[:200]
    damage = probes.preparation_damage(net, X, y, shifts=[0, 3], thin_passes=[0, 1])
    assert damage["shifted"]["right"][0] == net.accuracy(X, y)
    assert damage["shifted"]["down"][1] == net.accuracy(images.shift_images(X, 3, 0), y)
    assert damage["thinned"][1] == net.accuracy(images.thin_strokes(X, 1), y)
    assert damage["recentred"][1] >= damage["shifted"]["right"][1]
    table = probes.damage_table(damage)
    assert f"{damage['shifted']['left'][1]:7.1%}" in table.splitlines()[4]


# ----- experiments ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tiny_data():
    """A small slice of the bundled digits so experiments run in a fraction of a second."""
    return {"X_train": X_TRAIN[:300], "y_train": Y_TRAIN[:300], "X_test": X_TEST[:200], "y_test": Y_TEST[:200],
            "data_set": "bundled MNIST subset (first 300 / 200 images, for a test)"}


def test_run_recipe_is_reproducible_and_matches_network_train(tiny_data):
    net, history = ex.run_recipe(tiny_data, [784, 10, 10], "videos", epochs=2, seed=3)
    net2, again = ex.run_recipe(tiny_data, [784, 10, 10], "videos", epochs=2, seed=3)
    assert history["test_accuracy"] == again["test_accuracy"]
    assert np.array_equal(net.weights[0], net2.weights[0])
    # the same as Network.train with the run's seed: one training loop for both
    by_hand = Network([784, 10, 10], seed=3)
    by_hand.train(tiny_data["X_train"], tiny_data["y_train"], epochs=2, learning_rate=1.5, seed=3, progress=False)
    assert np.array_equal(by_hand.weights[0], net.weights[0])
    assert history["test_accuracy"][-1] == by_hand.accuracy(tiny_data["X_test"], tiny_data["y_test"])


def test_random_labels_run_trains_on_shuffled_labels(tiny_data):
    net, history = ex.run_recipe(tiny_data, [784, 10, 10], "videos", epochs=1, seed=0, labels="random")
    shuffled = np.random.default_rng(0).permutation(tiny_data["y_train"])
    assert history["train_accuracy"][-1] == net.accuracy(tiny_data["X_train"], shuffled)
    assert history["test_accuracy"][-1] == net.accuracy(tiny_data["X_test"], tiny_data["y_test"])


def test_shuffled_pixels_run_uses_the_same_permutation_for_test_images(tiny_data):
    net, history = ex.run_recipe(tiny_data, [784, 10, 10], "videos", epochs=1, seed=0, pixels="shuffled")
    permutation = images.pixel_permutation()
    assert history["test_accuracy"][-1] == net.accuracy(tiny_data["X_test"][:, permutation], tiny_data["y_test"])


def test_experiment_results_have_curves_and_settings(tiny_data):
    result = ex.shuffled_pixels(tiny_data, epochs=2, seeds=(0, 1), progress=False)
    assert result["experiment"] == "shuffled_pixels" and result["seeds"] == [0, 1]
    assert set(result["runs"]) == {"original pixels", "shuffled pixels"}
    run = result["runs"]["shuffled pixels"]
    assert run["settings"]["pixels"] == "shuffled" and run["settings"]["sizes"] == [784, 16, 16, 10]
    assert len(run["histories"]) == 2 and run["histories"][0]["epoch"] == [1, 2]
    epochs, mean, low, high = results.curve(result, "shuffled pixels")
    values = np.array([h["test_accuracy"] for h in run["histories"]])
    assert np.allclose(mean, values.mean(axis=0)) and np.all(low <= mean) and np.all(mean <= high)
    assert results.final(result, "shuffled pixels") == pytest.approx(values[:, -1].mean())
    assert results.budget(result) == "300 training images, 2 epochs, 2 seeds"
    assert "shuffled pixels" in results.summary(result)


def test_every_experiment_runs_with_a_tiny_budget(tiny_data):
    for name, function in ex.EXPERIMENTS.items():
        kwargs = {"n_train": 100} if name.startswith("random_labels") else {}
        result = function(tiny_data, epochs=1, progress=False, **kwargs)
        assert result["experiment"] == name
        assert all(len(r["histories"][0]["epoch"]) == 1 for r in result["runs"].values())


def test_tweaks_are_added_one_at_a_time(tiny_data):
    result = ex.tweaks(tiny_data, epochs=1, progress=False)
    settings = [r["settings"] for r in result["runs"].values()]
    assert [s["cost"] for s in settings] == ["quadratic"] + ["cross_entropy"] * 4
    assert [s["init"] for s in settings] == ["normal", "normal", "scaled", "scaled", "scaled"]
    assert [s["sizes"][1] for s in settings] == [30, 30, 30, 100, 100]
    assert [s["weight_decay"] for s in settings] == [0, 0, 0, 0, ex.NIELSEN_WEIGHT_DECAY]
    assert ex.NIELSEN_WEIGHT_DECAY == pytest.approx(5 / 50_000)


# ----- the shipped results files ------------------------------------------------------------------

@pytest.mark.parametrize("name", list(ex.EXPERIMENTS))
def test_results_file_says_where_it_came_from(name):
    result = results.load_result(name)
    assert result is not None, f"data/results/{name}.json is missing: run python scripts/run_experiments.py"
    for key in ("data_set", "n_train", "n_test", "epochs", "seeds", "date", "versions", "sizes", "runs", "data_note"):
        assert key in result, key
    assert set(result["versions"]) >= {"python", "numpy", "nudge"}
    assert result["epochs"] == ex.BUDGETS[name]["full"]["epochs"]
    assert result["seeds"] == list(ex.BUDGETS[name]["full"]["seeds"])
    if not result["full_mnist_cached"]:
        assert result["data_set"].startswith("bundled") and "not cached" in result["data_note"]
    for run in result["runs"].values():
        assert len(run["histories"]) == len(result["seeds"])
        for history in run["histories"]:
            assert history["epoch"] == list(range(1, result["epochs"] + 1))
            assert all(0 <= a <= 1 for a in history["test_accuracy"])
    json.dumps(result)   # plain JSON all the way down


# ----- every run says what it changes; the stop button ends an experiment cleanly ----------------

COMPARED = ("sizes", "activation", "cost", "init", "learning_rate", "weight_decay", "labels", "pixels", "n_train")


@pytest.mark.parametrize("name", list(ex.EXPERIMENTS))
def test_every_run_that_changes_two_things_says_so(name, tiny_data):
    kwargs = {"n_train": 100} if name.startswith("random_labels") else {}
    result = ex.EXPERIMENTS[name](tiny_data, epochs=1, progress=False, **kwargs)
    runs = list(result["runs"].values())
    for i, (label, run) in enumerate(result["runs"].items()):
        # each tweak is added to the run before it; every other run is compared with the first
        reference = runs[i - 1 if name == "tweaks" and i else 0]["settings"]
        settings = run["settings"]
        changed = [key for key in COMPARED if settings[key] != reference[key]]
        assert settings["changes"], label
        if len(changed) >= 2:
            assert " and " in settings["changes"], (label, changed, settings["changes"])
        elif len(changed) == 1 and run is not runs[0]:
            assert settings["changes"].endswith("only"), (label, changed)


def test_relu_and_sigmoid_differ_only_in_the_activation(tiny_data):
    for function in (ex.relu_vs_sigmoid, ex.relu_vs_sigmoid_deep):
        result = function(tiny_data, epochs=1, progress=False)
        sigmoid, relu, sigmoid_fast = (run["settings"] for run in result["runs"].values())
        assert {k for k in COMPARED if sigmoid[k] != relu[k]} == {"activation"}
        assert {k for k in COMPARED if sigmoid[k] != sigmoid_fast[k]} == {"learning_rate"}
        assert sigmoid["init"] == relu["init"] == "scaled" and sigmoid["cost"] == relu["cost"] == "quadratic"


def stop_after(epochs):
    """A progress function that presses the stop button (SIGINT) after `epochs` epochs."""
    import os
    import signal

    def progress(done, total):
        if done == epochs:
            os.kill(os.getpid(), signal.SIGINT)
    return progress


def test_stop_button_ends_an_experiment_cleanly(tiny_data, capsys):
    result = ex.shuffled_pixels(tiny_data, epochs=3, seeds=(0, 1), progress=stop_after(2))
    assert result["interrupted"] is True
    assert list(result["runs"]) == ["original pixels"]           # the second run never started
    histories = result["runs"]["original pixels"]["histories"]
    assert len(histories) == 1 and histories[0]["epoch"] == [1, 2]  # seed 0, two complete epochs
    assert results.budget(result).endswith("stopped early")
    assert "original pixels" in results.summary(result)
    assert results.curve(result, "original pixels")[0].tolist() == [1, 2]
    assert capsys.readouterr().out == ""      # a progress function (a widget) reports the stop itself


def press_stop_after_three_epochs(monkeypatch):
    """Make the next experiment press the stop button after its third epoch, as Jupyter's would.

    `_thread.interrupt_main` runs the main thread's SIGINT handler as a real signal would. It is pressed from
    inside the run, not on a timer: a timer can fire before the run begins or after it ends (once, in CI, a
    weakref callback swallowed that KeyboardInterrupt and the run went on to its last epoch).
    """
    import _thread

    train = ex.run_recipe

    def train_and_press(*args, tick, **kwargs):
        epochs = 0

        def tick_and_press():
            nonlocal epochs
            tick()
            epochs += 1
            if epochs == 3:
                _thread.interrupt_main()
        return train(*args, tick=tick_and_press, **kwargs)

    monkeypatch.setattr(ex, "run_recipe", train_and_press)


def test_stop_button_in_a_notebook_cell_prints_one_short_line(tiny_data, capsys, monkeypatch):
    press_stop_after_three_epochs(monkeypatch)
    result = ex.shuffled_pixels(tiny_data, epochs=400, seeds=(0,), progress=False)
    assert result["interrupted"] is True and 3 <= len(result["runs"]["original pixels"]["histories"][0]["epoch"]) < 400
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.startswith("Stopped by you: 'Shuffled pixels' kept"), out


def test_a_stopped_seed_is_dropped_when_complete_seeds_exist(tiny_data):
    result = ex.shuffled_pixels(tiny_data, epochs=2, seeds=(0, 1), progress=stop_after(3))
    histories = result["runs"]["original pixels"]["histories"]
    assert [h["epoch"] for h in histories] == [[1, 2]]            # seed 1 stopped after 1 of 2 epochs: dropped
    assert results.curve(result, "original pixels")[1].shape == (2,)


def test_results_are_saved_atomically_and_never_from_a_stopped_run(tiny_data, tmp_path, monkeypatch):
    monkeypatch.setattr(results, "RESULTS_DIR", tmp_path)
    result = results.stamp(ex.shuffled_pixels(tiny_data, epochs=1, progress=False), "a test", 1.0, {"nudge": "x"})
    path = results.save_result(result)
    assert path == tmp_path / "shuffled_pixels.json" and results.load_result("shuffled_pixels") == result
    assert result["date"] and result["sizes"]["shuffled pixels"] == [784, 16, 16, 10]
    stopped = dict(result, interrupted=True)
    with pytest.raises(ValueError, match="stopped early"):
        results.save_result(stopped)
    assert results.load_result("shuffled_pixels") == result and not list(tmp_path.glob("*.part"))


# ----- the Simplified Chinese edition --------------------------------------------------------------

def test_results_lines_speak_chinese_and_keep_their_columns(tiny_data, zh_cn):
    from helpers.core.languages import text_width
    result = ex.shuffled_pixels(tiny_data, epochs=2, seeds=(0, 1), progress=False)
    assert set(result["runs"]) == {"original pixels", "shuffled pixels"}     # the result itself stays English
    assert result["title"] == "Shuffled pixels"
    assert results.budget(result) == "300 张训练图像，2 轮，2 个种子"
    lines = results.summary(result).splitlines()
    assert lines[0].startswith("打乱像素 — 300 张训练图像")
    assert "训练准确率" in lines[1] and "测试准确率" in lines[1]
    assert any(line.startswith("打乱的像素") for line in lines[2:])
    assert len({text_width(line) for line in lines[1:]}) == 1               # columns line up, Chinese counted double
    saved = results.load_result("first_layer_weights")
    assert "运行于" in results.provenance(saved) and "自带的 MNIST 子集" in results.provenance(saved)
    table = results.roughness_table(saved).splitlines()
    assert "粗糙度" in table[0] and len({text_width(line) for line in table}) == 1


def test_titles_and_run_names_are_shown_in_the_lessons_language_and_keyed_in_english(zh_cn):
    saved = results.load_result("random_labels")
    assert results.title(saved) == "随机标签" and saved["title"] == "Random labels"
    assert results.run_names(saved) == {"true labels": "真实标签", "random labels": "随机标签"}
    names = results.run_names(results.load_result("relu_vs_sigmoid"))
    assert list(names) == ["sigmoid, η = 0.3", "ReLU, η = 0.3", "sigmoid, η = 3"]      # the result's order
    assert names["ReLU, η = 0.3"] == "ReLU，η = 0.3"


def test_titles_and_run_names_in_english_are_the_keys():
    saved = results.load_result("random_labels")
    assert results.title(saved) == "Random labels"
    assert results.run_names(saved) == {"true labels": "true labels", "random labels": "random labels"}


def test_probes_tables_and_image_errors_speak_chinese(zh_cn):
    damage = probes.preparation_damage(load_trained_network(), X_TEST[:50], Y_TEST[:50], shifts=range(2))
    assert "as in MNIST" in damage["examples"]                             # keys stay English
    table = probes.damage_table(damage).splitlines()
    assert table[0].startswith("移动的像素数：") and table[3].strip().startswith("右移")
    with pytest.raises(ValueError, match="像素数必须是平方数"):
        images.as_picture(np.zeros(10))
    with pytest.raises(ValueError, match="NaN"):
        images.as_picture(np.full(784, np.nan))


def test_lesson_05_figures_speak_chinese_without_mathtext(tiny_data, zh_cn):
    from matplotlib.text import Text

    from helpers import plots
    live = ex.tweaks(tiny_data, epochs=1, progress=False)
    saved = results.load_result("tweaks")
    curves, bars = plots.experiment_curves(live, saved), plots.tweak_bars(live, saved)
    assert curves.get_suptitle().startswith("迈向 98% 的改进")
    assert "+ 初始权重 1/√nᵢₙ" in [t.get_text() for t in bars.axes[0].get_yticklabels()]
    relu = results.load_result("relu_vs_sigmoid")
    assert "nᵢₙ" in plots.experiment_curves(relu, relu).get_suptitle()
    for fig in (curves, bars, plots.preparation_damage(probes.preparation_damage(
            load_trained_network(), X_TEST[:50], Y_TEST[:50], shifts=range(2)))):
        fig.draw_without_rendering()
        texts = [t.get_text() for t in fig.findobj(Text)]
        assert not [t for t in texts if "$" in t and re.search(r"[\u3400-\u9fff\uff00-\uffef]", t)]


def test_a_stopped_experiment_says_so_in_chinese(tiny_data, zh_cn, capsys, monkeypatch):
    press_stop_after_three_epochs(monkeypatch)
    result = ex.shuffled_pixels(tiny_data, epochs=400, seeds=(0,), progress=False)
    assert result["interrupted"] is True
    assert capsys.readouterr().out.startswith("你停止了训练：'打乱像素'")
    assert results.budget(result).endswith("提前停止")


def test_results_are_found_in_nudge_data_dir_as_the_digits_are(tmp_path, monkeypatch):
    """JupyterLite (and an installed wheel) has no data/ beside the package: $NUDGE_DATA_DIR/results is used."""
    (tmp_path / "results").mkdir()
    (tmp_path / "results" / "tweaks.json").write_text('{"experiment": "tweaks", "runs": {}}', encoding="utf-8")
    monkeypatch.setattr(results, "RESULTS_DIR", tmp_path / "not-here")
    monkeypatch.setenv("NUDGE_DATA_DIR", str(tmp_path))
    assert results.list_results() == ["tweaks"]
    assert results.load_result("tweaks") == {"experiment": "tweaks", "runs": {}}
    monkeypatch.delenv("NUDGE_DATA_DIR")
    assert results.list_results() == [] and results.load_result("tweaks") is None
