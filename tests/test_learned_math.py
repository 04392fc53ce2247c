"""Lesson 05's numbers: what one step back of backpropagation does to the size of the error."""

import numpy as np
import pytest

from helpers import Network, load_digits
from helpers.learned import probes

(X_TRAIN, Y_TRAIN), _TEST = load_digits()
DEEP = [784, 30, 30, 30, 30, 10]


def factors(activation, init, n=200):
    net = Network(DEEP, activation=activation, init=init)
    return probes.backward_factors(net, X_TRAIN[:n], Y_TRAIN[:n])


def test_sizes_are_the_error_sizes_of_backpropagation():
    net = Network([784, 12, 8, 10], activation="relu", init="scaled", seed=3)
    found = probes.backward_factors(net, X_TRAIN[:40], Y_TRAIN[:40])
    assert np.allclose(found["sizes"], probes.error_sizes(net, X_TRAIN[:40], Y_TRAIN[:40]))


def test_each_step_is_the_product_of_its_two_parts():
    found = factors("sigmoid", "scaled", 50)
    assert len(found["weights"]) == len(found["slopes"]) == len(found["ratios"]) == len(DEEP) - 2
    assert np.allclose(np.multiply(found["weights"], found["slopes"]), found["ratios"])
    sizes = found["sizes"]
    assert np.allclose(found["ratios"], np.divide(sizes[:-1], sizes[1:]))
    assert np.isclose(np.prod(found["ratios"]), sizes[0] / sizes[-1])


def test_a_step_by_hand():
    """One hidden layer: the step back computed here with plain NumPy, one example per row."""
    net = Network([784, 5, 10], seed=1, init="scaled")
    X, y = X_TRAIN[:7], Y_TRAIN[:7]
    Y = np.eye(10)[y]
    z1 = X @ net.weights[0].T + net.biases[0]
    a1 = 1 / (1 + np.exp(-z1))
    z2 = a1 @ net.weights[1].T + net.biases[1]
    a2 = 1 / (1 + np.exp(-z2))
    delta2 = 2 * (a2 - Y) * a2 * (1 - a2)                  # the videos' cost, BP1
    carried = delta2 @ net.weights[1]
    delta1 = carried * a1 * (1 - a1)                        # BP2

    def rms(v):
        return np.sqrt(np.mean(v ** 2))

    found = probes.backward_factors(net, X, y)
    assert found["weights"][0] == pytest.approx(rms(carried) / rms(delta2))
    assert found["slopes"][0] == pytest.approx(rms(delta1) / rms(carried))
    assert found["slope_rms"][0] == pytest.approx(rms(a1 * (1 - a1)))
    assert found["slope_mean"][0] == pytest.approx(np.mean(a1 * (1 - a1)))
    assert found["passing"][0] == 1.0


def test_the_small_start_keeps_the_size_through_the_weights_and_the_slopes_set_it():
    """Lesson 05 §6: W^T keeps delta's size between equal layers (sqrt(10/30) out of the 10 outputs);
    the slopes scale it by about 0.2 (sigmoid) or about sqrt(1/2) ~ 0.7 (ReLU, about half the units pass)."""
    sigmoid, relu = factors("sigmoid", "scaled"), factors("relu", "scaled")
    for found in (sigmoid, relu):
        assert abs(found["weights"][-1] - np.sqrt(10 / 30)) < 0.1
        assert all(0.8 < v < 1.2 for v in found["weights"][:-1])
    assert all(abs(v - 0.2) < 0.05 for v in sigmoid["slopes"])
    assert all(abs(v - 0.7) < 0.1 for v in relu["slopes"])
    assert all(0.3 < p < 0.7 for p in relu["passing"]) and all(p == 1.0 for p in sigmoid["passing"])
    assert sigmoid["sizes"][0] / sigmoid["sizes"][-1] < 0.01 < 0.1 < relu["sizes"][0] / relu["sizes"][-1]


def test_the_large_start_grows_delta_through_the_weights():
    found = factors("sigmoid", "normal")
    assert all(w > 3 for w in found["weights"])            # about sqrt(30) ~ 5.5 (sqrt(10) out of the outputs)
    assert all(s < 0.2 for s in found["slopes"])           # saturated slopes, smaller than at the small start
