"""The benchmark's per-example reference network computes the same gradient as ours.

This checks correctness, not speed: if the reference disagreed, the timings in
benchmarks/bench.py would compare two different computations.

Scaling: ReferenceNetwork.summed_gradient adds up each example's gradient of
C_x = sum_j (a_j - y_j)^2 (a SUM over the batch), while Network.gradient is the
gradient of Network.cost, the MEAN over the batch. So
    Network.gradient == summed_gradient / batch size.
"""

import sys
from pathlib import Path

import numpy as np
import pytest

from helpers import Network, load_digits

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from reference_network import ReferenceNetwork  # noqa: E402

RTOL = 1e-10


def _compare(ours, reference, atol=0.0):
    for a, b in zip(ours, reference):
        np.testing.assert_allclose(a, b, rtol=RTOL, atol=atol)


def test_copy_of_starts_from_identical_parameters():
    net = Network([784, 16, 16, 10], seed=0)
    ref = ReferenceNetwork.copy_of(net)
    for W, b, rW, rb in zip(net.weights, net.biases, ref.weights, ref.biases):
        np.testing.assert_array_equal(W, rW)
        np.testing.assert_array_equal(b, rb[:, 0])
        assert rb.shape == (len(b), 1)
    # its own seeded init draws the same N(0, 1) numbers in the same order
    fresh = ReferenceNetwork([784, 16, 16, 10], seed=0)
    for W, rW in zip(net.weights, fresh.weights):
        np.testing.assert_array_equal(W, rW)


@pytest.mark.parametrize("sizes, n", [([784, 16, 16, 10], 10), ([784, 16, 16, 10], 1), ([784, 5, 10], 7)])
def test_summed_gradient_over_batch_size_equals_network_gradient(sizes, n):
    (X, y), _ = load_digits()
    X, y = X[:n], y[:n]
    net = Network(sizes, seed=3)
    ref = ReferenceNetwork.copy_of(net)

    grad_w, grad_b = net.gradient(X, y)                              # mean over the batch
    sum_w, sum_b = ref.summed_gradient(ReferenceNetwork.as_columns(X, y))  # sum over the batch
    assert [g.shape for g in sum_b] == [(s, 1) for s in sizes[1:]]
    # entries that are exactly 0 in one (saturated neurons) can be ~1e-300 in the other
    _compare(grad_w, [g / n for g in sum_w], atol=1e-15)
    _compare(grad_b, [g[:, 0] / n for g in sum_b], atol=1e-15)
    # and the gradient is not trivially zero
    assert max(np.abs(g).max() for g in grad_w) > 1e-3


def test_one_step_and_outputs_agree():
    (X, y), _ = load_digits()
    net = Network([784, 16, 16, 10], seed=0)
    ref = ReferenceNetwork.copy_of(net)
    np.testing.assert_allclose(net.forward(X[:5]), np.hstack([ref.feedforward(x.reshape(-1, 1)) for x in X[:5]]).T,
                               rtol=1e-12)
    grad_w, grad_b = net.gradient(X[:10], y[:10])
    for W, b, gW, gb in zip(net.weights, net.biases, grad_w, grad_b):
        W -= 1.5 * gW
        b -= 1.5 * gb
    ref.step(ReferenceNetwork.as_columns(X[:10], y[:10]), 1.5)
    for W, b, rW, rb in zip(net.weights, net.biases, ref.weights, ref.biases):
        np.testing.assert_allclose(W, rW, rtol=0, atol=1e-12)
        np.testing.assert_allclose(b, rb[:, 0], rtol=0, atol=1e-12)
