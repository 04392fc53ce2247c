"""The real network's cost example by example and weight by weight (helpers.descent),
checked against independent computations: a copied network with one weight changed."""

import numpy as np
import pytest
from independent import cost_after_nudge

from helpers import Network, load_digits
from helpers import descent as S


@pytest.fixture(scope="module")
def reference():
    (X, y), _ = load_digits()
    index = np.random.default_rng(0).choice(8000, 100, replace=False)
    net = Network([784, 16, 16, 10], seed=0)
    return net, X[index], y[index]


@pytest.fixture(scope="module")
def probe(reference):
    net, X, y = reference
    return S.CostProbe(net, X, y)


def test_one_hot_and_example_costs_average_to_the_network_cost(reference):
    net, X, y = reference
    targets = S.one_hot(y)
    assert targets.shape == (100, 10) and np.all(targets.sum(axis=1) == 1) and np.all(targets.argmax(axis=1) == y)
    costs = S.example_costs(net, X, y)
    assert costs.shape == (100,)
    assert costs.mean() == pytest.approx(net.cost(X, y), rel=1e-12)      # the cost over a set is the average
    assert costs[7] == pytest.approx(np.sum((net.forward(X[7]) - targets[7]) ** 2))


def test_explorer_batch_is_seeded_training_digits(reference):
    _, X, y = reference
    Xb, yb = S.explorer_batch()
    np.testing.assert_array_equal(Xb, X)
    np.testing.assert_array_equal(yb, y)
    assert len(S.explorer_batch(size=7, seed=3)[0]) == 7


def test_rank_weights_by_hand():
    nabla_w = [np.array([[0.1, -0.5], [0.0, 0.3]]), np.array([[-0.3, 0.2]])]
    ranking = S.rank_weights(nabla_w)
    assert ranking[0] == (1, 0, 1, -0.5)
    assert ranking[1:3] == [(1, 1, 1, 0.3), (2, 0, 0, -0.3)]      # a tie: the earlier position first
    assert ranking[-1] == (1, 1, 0, 0.0)
    assert len(ranking) == 6


def test_probe_ranks_the_real_gradient(probe, reference):
    net, X, y = reference
    nabla_w, _ = net.gradient(X, y)
    assert probe.cost == pytest.approx(net.cost(X, y), rel=1e-12)
    assert len(probe.ranking) == 12960 == sum(g.size for g in nabla_w)
    sizes = np.concatenate([np.abs(g).ravel() for g in nabla_w])
    layer, j, k, g = probe.ranking[0]
    assert abs(g) == pytest.approx(sizes.max()) and g == pytest.approx(nabla_w[layer - 1][j, k])
    assert probe.n_nonzero == int(np.sum(sizes > 0))
    rank = probe.rank_closest_to(1 / 32)
    ranked = np.sort(sizes[sizes > 0])[::-1]
    low = abs(probe.ranking[rank - 1][3])
    assert abs(low - ranked[0] / 32) == pytest.approx(np.min(np.abs(ranked[1:] - ranked[0] / 32)))
    assert ranked[0] / low == pytest.approx(32, rel=0.05)


def test_cost_change_matches_a_nudged_copy_in_every_layer(probe, reference):
    net, X, y = reference
    first_of_layer = {}
    for rank, entry in enumerate(probe.ranking[:probe.n_nonzero], start=1):
        first_of_layer.setdefault(entry[0], rank)
    assert set(first_of_layer) == {1, 2, 3}
    before = [W.copy() for W in net.weights]
    for rank in (*first_of_layer.values(), 5000, probe.n_nonzero):
        entry = probe.ranking[rank - 1]
        for delta in (0.01, 0.3, -0.5):
            assert probe.cost_change(entry, delta) == pytest.approx(cost_after_nudge(net, X, y, *entry[:3], delta),
                                                                    rel=1e-9, abs=1e-15)
    for W, B in zip(net.weights, before):
        np.testing.assert_array_equal(W, B)                   # the network is never changed
    assert probe.cost_change(probe.ranking[0], 0.0) == 0.0


def test_small_nudges_are_linear_large_ones_are_not(probe):
    top = probe.ranking[0]
    assert probe.cost_change(top, 1e-3) == pytest.approx(top[3] * 1e-3, rel=1e-3)
    assert probe.cost_change(top, 2.0) != pytest.approx(top[3] * 2.0, rel=0.05)
