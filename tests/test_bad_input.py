"""Every bad input a learner is likely to give gets a clear error that names what was expected
(CONTRIBUTING.md, "Mistakes")."""

import importlib.util
import warnings
from pathlib import Path

import numpy as np
import pytest

from helpers import Network, gradient_check, numerical_gradient
from helpers.core.gradcheck import numerical_partial
from helpers.core.training import TrainingDiverged

NET = Network([784, 16, 16, 10])
X = np.random.default_rng(0).random((4, 784))
Y = np.array([0, 1, 2, 3])


@pytest.mark.parametrize("images, message", [
    (np.zeros((4, 28, 28)), r"shape \(n, 784\).*flattened"),
    (np.zeros((4, 783)), r"shape \(n, 784\)"),
    (np.zeros(100), r"shape \(n, 784\)"),
    (np.full((4, 784), np.nan), "NaN or infinite"),
    (np.full((4, 784), np.inf), "NaN or infinite"),
    ("not an array", "must be an array"),
    (np.array([["a"] * 784]), "must hold numbers"),
])
def test_bad_images(images, message):
    with pytest.raises((ValueError, TypeError), match=message):
        NET.forward(images)


@pytest.mark.parametrize("labels, message", [
    (np.array([0, 1, 2, 10]), r"labels must lie in 0-9.*10"),
    (np.array([0, 1, -1, 3]), r"labels must lie in 0-9.*-1"),
    (np.array([0, 1, 2]), "same number of examples; X has 4, y has 3"),
    (np.array([0.5, 1, 2, 3]), "whole numbers"),
    (np.zeros((4, 9)), r"one-hot targets of shape \(4, 10\)"),
    (np.full((4, 10), 2.0), r"one-hot targets must be finite numbers in \[0, 1\]"),
])
def test_bad_labels(labels, message):
    for call in (NET.cost, NET.gradient, NET.accuracy):
        with pytest.raises(ValueError, match=message):
            call(X, labels)


@pytest.mark.parametrize("sizes, error, message", [
    ([784], ValueError, "at least two layers"),
    ([], ValueError, "at least two layers"),
    ([784, 0, 10], ValueError, "must be positive; got 0"),
    ([784, -3, 10], ValueError, "must be positive; got -3"),
    ([784, 16.5, 10], TypeError, "whole number"),
    (784, TypeError, "list of layer widths"),
])
def test_bad_sizes(sizes, error, message):
    with pytest.raises(error, match=message):
        Network(sizes)


@pytest.mark.parametrize("option, value, message", [
    ("activation", "tanh", "activation must be one of"),
    ("cost", "mse", "cost must be one of"),
    ("init", "xavier", "init must be one of"),
])
def test_bad_options(option, value, message):
    with pytest.raises(ValueError, match=message):
        Network([4, 2], **{option: value})


@pytest.mark.parametrize("kwargs, error, message", [
    ({"learning_rate": 0}, ValueError, "learning_rate must be positive"),
    ({"learning_rate": -1.0}, ValueError, "learning_rate must be positive"),
    ({"learning_rate": "fast"}, TypeError, "learning_rate must be a positive number"),
    ({"batch_size": 0}, ValueError, "batch_size must be positive"),
    ({"batch_size": 2.5}, TypeError, "batch_size must be a positive whole number"),
    ({"epochs": 0}, ValueError, "epochs must be positive"),
    ({"weight_decay": -0.1}, ValueError, "weight_decay"),
])
def test_bad_training_settings(kwargs, error, message):
    net = Network([784, 4, 10])
    before = net.weights[0].copy()
    with pytest.raises(error, match=message):
        net.train(X, Y, progress=False, **kwargs)
    np.testing.assert_array_equal(net.weights[0], before)   # nothing was lost


def test_bad_test_set_is_caught_before_training():
    net = Network([784, 4, 10])
    with pytest.raises(ValueError, match="X and y must have the same number"):
        net.train(X, Y, epochs=1, test=(X, Y[:2]), progress=False)


def test_load_of_a_damaged_network_file_names_it(tmp_path):
    bad = tmp_path / "broken.npz"
    bad.write_bytes(b"this is not a zip file")
    with pytest.raises(ValueError, match="broken.npz is not a network saved by Network.save"):
        Network.load(bad)


# ----- the learner's likely mistakes (CONTRIBUTING.md, "Mistakes") ---------------

@pytest.mark.parametrize("pixels", [
    (X * 255).astype(np.uint8),          # what an image file holds
    X * 255,                             # the same, as floats
    np.round(X * 255),
])
def test_pixels_0_to_255_are_named_with_the_fix(pixels):
    for call in (lambda: NET.forward(pixels), lambda: NET.predict(pixels), lambda: NET.cost(pixels, Y),
                 lambda: NET.accuracy(pixels, Y), lambda: NET.gradient(pixels, Y),
                 lambda: Network([784, 4, 10]).train(pixels, Y, epochs=1, progress=False)):
        with pytest.raises(ValueError, match=r"0-255.*/ 255"):
            call()


def test_pixels_in_0_1_as_uint8_or_bool_are_accepted():
    binary = (X > 0.5)
    np.testing.assert_array_equal(NET.forward(binary.astype(np.uint8)), NET.forward(binary.astype(float)))
    np.testing.assert_array_equal(NET.forward(binary), NET.forward(binary.astype(float)))


@pytest.mark.parametrize("weight_decay, learning_rate, message", [
    (float("nan"), 1.5, "weight_decay must be a finite number"),
    (float("inf"), 1.5, "weight_decay must be a finite number"),
    (1.0, 1.0, r"learning_rate \* weight_decay = 1.*below 1"),
    (0.5, 3.0, r"learning_rate \* weight_decay = 1.5.*below 1"),
    ("0.1", 1.5, "weight_decay must be a number"),
])
def test_weight_decay_that_would_destroy_the_weights_is_refused(weight_decay, learning_rate, message):
    net = Network([784, 4, 10])
    before = [W.copy() for W in net.weights]
    with pytest.raises((ValueError, TypeError), match=message):
        net.train(X, Y, epochs=1, learning_rate=learning_rate, weight_decay=weight_decay, progress=False)
    with pytest.raises((ValueError, TypeError), match=message):
        net.step(X, Y, learning_rate=learning_rate, weight_decay=weight_decay)
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights))


def test_weight_decay_just_below_the_limit_is_allowed():
    net = Network([784, 4, 10])
    net.train(X, Y, epochs=1, learning_rate=1.0, weight_decay=0.99, progress=False)
    assert all(np.isfinite(W).all() for W in net.weights)


@pytest.mark.parametrize("test", [X, list(X), (X,), (X, Y, Y)])
def test_test_set_without_its_labels_names_the_pair(test):
    net = Network([784, 4, 10])
    with pytest.raises(TypeError, match=r"test must be a pair \(X_test, y_test\)"):
        net.train(X, Y, epochs=1, test=test, progress=False)


def test_one_image_with_a_one_hot_target_is_one_image_with_a_label():
    one_hot = np.eye(10)[3]
    assert NET.cost(X[0], one_hot) == NET.cost(X[0], 3)
    assert NET.accuracy(X[0], one_hot) == NET.accuracy(X[0], 3)
    for a, b in zip(NET.gradient(X[0], one_hot)[0], NET.gradient(X[0], 3)[0]):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("images, labels, message", [
    (np.zeros((0, 784)), np.zeros(0, dtype=int), "X holds no examples"),
    (np.zeros((0, 784)), np.zeros((0, 10)), "X holds no examples"),
    ([], [], r"shape \(n, 784\)"),            # a flat empty list reads as one image of 0 pixels
])
def test_empty_batch_is_a_clear_error_without_runtime_warnings(images, labels, message):
    with warnings.catch_warnings():
        warnings.simplefilter("error")          # a RuntimeWarning ("mean of empty slice") would fail here
        for call in (NET.cost, NET.gradient, NET.accuracy, NET.step, NET.cost_and_gradient,
                     lambda a, b: Network([784, 4, 10]).train(a, b, progress=False)):
            with pytest.raises(ValueError, match=message):
                call(images, labels)


@pytest.mark.parametrize("net, eps, error, message", [
    ("my network", 1e-5, TypeError, "first argument must be a Network"),
    (None, 1e-5, TypeError, "first argument must be a Network"),
    (Network([784, 2, 10]), 0, ValueError, "eps must be positive"),
    (Network([784, 2, 10]), float("nan"), ValueError, "eps must be positive"),
    (Network([784, 2, 10]), "small", TypeError, "eps must be a positive number"),
])
def test_gradient_checker_names_a_wrong_network_or_step(net, eps, error, message):
    for call in (gradient_check, numerical_gradient):
        with pytest.raises(error, match=message):
            call(net, X[:1], Y[:1], eps=eps)
    with pytest.raises(error, match=message):
        numerical_partial(net, X[:1], Y[:1], 0, 0, 0, eps=eps)


# ----- known gaps in helpers/core/network.py and helpers/core/checks.py (the lead's files) -----------------
# Each was a learner's input that got NumPy's words instead of ours.

def test_ragged_rows_are_named():
    with pytest.raises(ValueError, match=r"X.*(same length|ragged|784 values)"):
        NET.forward([[0.1] * 784, [0.2] * 783])


def test_complex_images_are_refused():
    with pytest.raises(TypeError, match="X must hold real numbers"):
        NET.forward(X + 1j)


def test_a_seed_that_is_not_a_whole_number_is_named():
    with pytest.raises(TypeError, match="seed must be a whole number"):
        Network([784, 2, 10], seed="my seed")


def test_save_into_a_missing_folder_names_the_folder(tmp_path):
    with pytest.raises(FileNotFoundError) as caught:
        NET.save(tmp_path / "no such folder" / "net")
    assert ".part" not in str(caught.value) and "no such folder" in str(caught.value)


def test_divergence_says_it_once_in_our_words():
    net = Network([784, 16, 10], activation="relu", cost="cross_entropy")
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.raises(TrainingDiverged, match="too large"):
            net.train(X, Y, epochs=2, learning_rate=1e200, progress=False)


def test_probe_of_the_public_api_finds_no_crash_and_no_unclear_or_silent_answer(tmp_path):
    """scripts/probe_api.py's 61 odd inputs: each either works or gets a clear error in our words."""
    spec = importlib.util.spec_from_file_location("probe_api", Path(__file__).parents[1] / "scripts" / "probe_api.py")
    probe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(probe)
    outcomes = {(api, what): probe.classify(call, expected) for api, what, call, expected in probe.cases(tmp_path)}
    assert len(outcomes) >= 40
    bad = {case: outcome for case, outcome in outcomes.items() if outcome[0] not in ("works", "clear error")}
    assert bad == {}
    assert {box for box, _ in outcomes.values()} == {"works", "clear error"}


# ----- the zh-CN edition ----------------------------------------------------------------

@pytest.mark.parametrize("call, error, words", [
    (lambda: NET.forward(np.zeros((4, 28, 28))), ValueError, "展平成 784 个值"),
    (lambda: NET.forward("not an array"), TypeError, "必须是形状为 (n, 784) 的数组"),
    (lambda: NET.cost(X, np.array([0, 1, 2, 10])), ValueError, "标签必须在 0-9 之间"),
    (lambda: NET.cost(X, np.array([0, 1, 2])), ValueError, "样本数必须相同"),
    (lambda: Network([784]), ValueError, "至少需要两层"),
    (lambda: Network([784, 16], cost="mse"), ValueError,
     "必须是 ['cross_entropy', 'half_quadratic', 'quadratic'] 之一"),
    (lambda: NET.train(X, Y, learning_rate=-1), ValueError, "learning_rate 必须是正数"),
    (lambda: NET.train(X, Y, epochs=2.5), TypeError, "epochs 必须是正整数"),
    (lambda: NET.train(X, Y, weight_decay=1.0, learning_rate=1.5), ValueError, "清零或翻转符号"),
    (lambda: NET.train(X, Y, test=X), TypeError, "(X_test, y_test)"),
    (lambda: gradient_check("net", X, Y), TypeError, "第一个参数必须是 Network"),
    (lambda: Network([784, 2, 10], seed="my seed"), TypeError, "seed 必须是 >= 0 的整数"),
    (lambda: NET.forward(np.full((4, 784), 255.0)), ValueError, "先除以 255"),
])
def test_errors_a_learner_meets_speak_chinese(zh_cn, call, error, words):
    with pytest.raises(error) as caught:
        call()
    assert words in str(caught.value)


def test_divergence_advice_speaks_chinese(zh_cn):
    net = Network([784, 16, 10], activation="relu", cost="cross_entropy")
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.raises(TrainingDiverged) as caught:
            net.train(X, Y, epochs=2, learning_rate=1e200, progress=False)
    assert "发散" in str(caught.value) and "学习率 1e+200 可能太大了" in str(caught.value)
    assert "第 1 轮结束时" in str(caught.value)


def test_saving_and_loading_errors_speak_chinese(zh_cn, tmp_path):
    with pytest.raises(FileNotFoundError, match="不存在"):
        NET.save(tmp_path / "no such folder" / "net")
    (tmp_path / "junk.npz").write_bytes(b"not a network")
    with pytest.raises(ValueError, match="不是用 Network.save 保存的网络"):
        Network.load(tmp_path / "junk.npz")
