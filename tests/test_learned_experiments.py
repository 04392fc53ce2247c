"""Lesson 05's measurements (helpers/experiments.py) and the shipped results files."""

import json

import numpy as np
import pytest

from helpers import Network, load_digits, load_trained_network
from helpers import experiments as ex

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
    assert ex.center_of_mass(image) == pytest.approx((5.0, 3.0))
    assert ex.center_of_mass(image.ravel()) == pytest.approx((5.0, 3.0))
    assert ex.center_of_mass(np.zeros((28, 28))) == (13.5, 13.5)


def test_off_centre_stroke_is_moved_so_its_centre_of_mass_is_at_the_centre():
    stroke = np.zeros((28, 28))
    stroke[2:12, 1:3] = 1.0      # a short vertical stroke in the top-left corner
    out = ex.mnist_preprocess(stroke)
    row, col = ex.center_of_mass(out)
    assert abs(row - 14.0) <= 0.5 + 1e-9 and abs(col - 14.0) <= 0.5 + 1e-9
    assert ex.center_of_mass(stroke)[0] < 8    # it really was off-centre


def test_bounding_box_is_scaled_to_fit_20x20_keeping_aspect_ratio():
    block = np.zeros((28, 28))
    block[3:13, 15:20] = 1.0     # 10 rows x 5 columns: the long side becomes 20, the short one 10
    out = ex.mnist_preprocess(block)
    top, bottom, left, right = bounding_box(out)
    assert (bottom - top + 1, right - left + 1) == (20, 10)
    assert out.max() == pytest.approx(1.0)
    wide = np.zeros((28, 28))
    wide[10:13, 2:26] = 1.0      # 3 x 24: shrinks to 20 wide; 3 * 20/24 = 2.5 rows rounds to 2
    out = ex.mnist_preprocess(wide)
    top, bottom, left, right = bounding_box(out)
    assert right - left + 1 == 20
    assert bottom - top + 1 == round(3 * 20 / 24)
    assert np.sum(out) == pytest.approx(np.sum(wide) * (20 / 24) * (2 / 3))   # area averaging: ink x area ratio


def test_larger_canvas_is_accepted_and_empty_drawing_is_black():
    big = np.zeros((112, 112))
    big[20:100, 50:58] = 1.0     # a "1" drawn on a finer grid
    out = ex.mnist_preprocess(big)
    assert out.shape == (784,)
    top, bottom, left, right = bounding_box(out)
    assert bottom - top + 1 == 20 and right - left + 1 == 2
    assert np.array_equal(ex.mnist_preprocess(np.zeros((28, 28))), np.zeros(784))
    with pytest.raises(ValueError, match="NaN"):
        ex.mnist_preprocess(np.full((28, 28), np.nan))
    with pytest.raises(ValueError, match="square"):
        ex.mnist_preprocess(np.zeros(100 + 1))


def test_bundled_digits_are_already_prepared():
    # MNIST's own digits pass through unchanged: box 20, centre of mass within half a pixel of (14, 14).
    for x in X_TEST[:300]:
        assert np.array_equal(ex.mnist_preprocess(x), x)


def test_area_resample_rows_sum_to_one():
    for n_out, n_in in [(20, 28), (20, 7), (13, 13), (1, 5)]:
        matrix = ex._area_resample_matrix(n_out, n_in)
        assert matrix.shape == (n_out, n_in)
        assert np.allclose(matrix.sum(axis=1), 1.0)


# ----- shifting, thinning, shuffling -------------------------------------------------------

def test_shift_images_moves_without_wrapping():
    x = np.zeros((28, 28))
    x[0, 0], x[27, 27] = 1.0, 0.5
    moved = ex.shift_images(x.ravel(), 2, 3).reshape(28, 28)
    assert moved[2, 3] == 1.0 and moved.sum() == 1.0       # the bottom-right pixel fell off the edge
    back = ex.shift_images(x.ravel(), -27, -27).reshape(28, 28)
    assert back[0, 0] == 0.5 and back.sum() == 0.5
    batch = ex.shift_images(X_TEST[:5], 1, -1)
    assert batch.shape == (5, 784)
    assert np.array_equal(batch.reshape(5, 28, 28)[:, 1:, :-1], X_TEST[:5].reshape(5, 28, 28)[:, :-1, 1:])


def test_thin_strokes_erodes_one_pixel_per_pass():
    x = np.zeros((28, 28))
    x[5:20, 10:15] = 1.0                                   # a stroke 5 pixels wide
    once = ex.thin_strokes(x.ravel()).reshape(28, 28)
    assert np.array_equal(np.nonzero(once.any(axis=0))[0], np.arange(11, 14))   # 3 wide
    twice = ex.thin_strokes(x.ravel(), 2).reshape(28, 28)
    assert np.array_equal(np.nonzero(twice.any(axis=0))[0], [12])               # 1 wide
    assert ex.thin_strokes(X_TEST[:3]).sum() < X_TEST[:3].sum()


def test_shuffle_pixels_applies_one_permutation_to_every_row():
    permutation = ex.pixel_permutation()
    assert np.array_equal(np.sort(permutation), np.arange(784))
    assert np.array_equal(permutation, ex.pixel_permutation())                   # fixed
    shuffled = ex.shuffle_pixels(X_TEST[:4], permutation)
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
        grad = ex.input_gradient(net, x, digit)
        numeric = (net.forward(x + nudges)[:, digit] - net.forward(x - nudges)[:, digit]) / (2 * eps)
        error = np.linalg.norm(grad - numeric) / (np.linalg.norm(grad) + np.linalg.norm(numeric))
        assert error < 1e-7, error
        assert np.max(np.abs(grad)) > 1e-6    # not trivially zero


def test_input_gradient_on_a_batch_matches_one_by_one():
    net = load_trained_network()
    batch = ex.input_gradient(net, X_TEST[:4], 5)
    assert batch.shape == (4, 784)
    for i in range(4):
        assert np.allclose(batch[i], ex.input_gradient(net, X_TEST[i], 5), rtol=1e-12, atol=1e-15)


def test_dream_raises_the_chosen_output_and_stays_in_range():
    net = load_trained_network()
    image, trace = ex.dream(net, 5, steps=10, step_size=0.05)
    assert image.min() >= 0 and image.max() <= 1
    assert trace[-1] > 0.9 > net.forward(np.zeros(784))[5]
    assert net.predict(image) == 5


def test_roughness_is_one_for_noise_and_small_for_smooth_pictures():
    noise = np.random.default_rng(0).standard_normal((50, 784))
    assert ex.roughness(noise) == pytest.approx(1.0, abs=0.05)
    rows, cols = np.mgrid[0:28, 0:28]
    smooth = np.sin(rows / 6.0) + np.cos(cols / 5.0)
    assert ex.roughness(smooth.ravel()) < 0.05


def test_noise_images_are_seeded():
    assert np.array_equal(ex.noise_images(3, seed=4), ex.noise_images(3, seed=4))
    assert not np.array_equal(ex.noise_images(3, seed=4), ex.noise_images(3, seed=5))


def test_preparation_damage_numbers():
    net = load_trained_network()
    X, y = X_TEST[:200], Y_TEST[:200]
    damage = ex.preparation_damage(net, X, y, shifts=[0, 3], thin_passes=[0, 1])
    assert damage["shifted"]["right"][0] == net.accuracy(X, y)
    assert damage["shifted"]["down"][1] == net.accuracy(ex.shift_images(X, 3, 0), y)
    assert damage["thinned"][1] == net.accuracy(ex.thin_strokes(X, 1), y)
    assert damage["recentred"][1] >= damage["shifted"]["right"][1]
    table = ex.damage_table(damage)
    assert f"{damage['shifted']['left'][1]:7.1%}" in table.splitlines()[4]


# ----- experiments ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tiny_data():
    """A small slice of the bundled digits so experiments run in a fraction of a second."""
    return {"X_train": X_TRAIN[:300], "y_train": Y_TRAIN[:300], "X_test": X_TEST[:200], "y_test": Y_TEST[:200],
            "data_set": "bundled MNIST subset (first 300 / 200 images, for a test)"}


def test_run_recipe_is_reproducible_and_matches_network_train(tiny_data):
    history, net = ex.run_recipe(tiny_data, [784, 10, 10], "videos", epochs=2, seed=3)
    again, net2 = ex.run_recipe(tiny_data, [784, 10, 10], "videos", epochs=2, seed=3)
    assert history["test_accuracy"] == again["test_accuracy"]
    assert np.array_equal(net.weights[0], net2.weights[0])
    # the same as training by hand, one epoch at a time with the documented seeds
    by_hand = Network([784, 10, 10], seed=3)
    for epoch in (1, 2):
        by_hand.train(tiny_data["X_train"], tiny_data["y_train"], epochs=1, learning_rate=1.5,
                      seed=1000 * 3 + epoch, progress=False)
    assert np.array_equal(by_hand.weights[0], net.weights[0])
    assert history["test_accuracy"][-1] == by_hand.accuracy(tiny_data["X_test"], tiny_data["y_test"])


def test_random_labels_run_trains_on_shuffled_labels(tiny_data):
    history, net = ex.run_recipe(tiny_data, [784, 10, 10], "videos", epochs=1, seed=0, labels="random")
    shuffled = np.random.default_rng(0).permutation(tiny_data["y_train"])
    assert history["train_accuracy"][-1] == net.accuracy(tiny_data["X_train"], shuffled)
    assert history["test_accuracy"][-1] == net.accuracy(tiny_data["X_test"], tiny_data["y_test"])


def test_shuffled_pixels_run_uses_the_same_permutation_for_test_images(tiny_data):
    history, net = ex.run_recipe(tiny_data, [784, 10, 10], "videos", epochs=1, seed=0, pixels="shuffled")
    permutation = ex.pixel_permutation()
    assert history["test_accuracy"][-1] == net.accuracy(tiny_data["X_test"][:, permutation], tiny_data["y_test"])


def test_experiment_results_have_curves_and_settings(tiny_data):
    result = ex.shuffled_pixels(tiny_data, epochs=2, seeds=(0, 1), progress=False)
    assert result["experiment"] == "shuffled_pixels" and result["seeds"] == [0, 1]
    assert set(result["runs"]) == {"original pixels", "shuffled pixels"}
    run = result["runs"]["shuffled pixels"]
    assert run["settings"]["pixels"] == "shuffled" and run["settings"]["sizes"] == [784, 16, 16, 10]
    assert len(run["histories"]) == 2 and run["histories"][0]["epoch"] == [1, 2]
    epochs, mean, low, high = ex.curve(result, "shuffled pixels")
    values = np.array([h["test_accuracy"] for h in run["histories"]])
    assert np.allclose(mean, values.mean(axis=0)) and np.all(low <= mean) and np.all(mean <= high)
    assert ex.final(result, "shuffled pixels") == pytest.approx(values[:, -1].mean())
    assert ex.budget(result) == "300 training images, 2 epochs, 2 seeds"
    assert "shuffled pixels" in ex.summary(result)


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
    result = ex.load_result(name)
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
