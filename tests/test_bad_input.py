"""Every bad input named in DESIGN.md gets a clear error that names what was expected."""

import numpy as np
import pytest

from helpers import Network

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
