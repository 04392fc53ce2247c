"""Lesson 04's numbers (helpers.backprop, helpers.backprop, helpers.backprop), each checked independently."""

import numpy as np
import pytest
from independent import central_difference
from independent import chain_cost as plain_chain_cost

from helpers import Network, load_digits, load_trained_network
from helpers.backprop import (
    annotate_backprop,
    chain_cost,
    chain_network,
    chain_rule_terms,
    check_chain,
    dependency_path,
    last_hidden_derivatives,
    moved_parameter,
    nudge_parameter,
    path_factors,
    show_backprop_code,
    straight_line_verdict,
)
from helpers.core.activations import sigmoid
from helpers.core.gradcheck import agrees

W, B, A0, Y = [1.5, -2.0, 2.5], [-0.5, 1.0, -1.0], 0.8, 1.0


@pytest.fixture(scope="module")
def data():
    _, (X_test, y_test) = load_digits()
    return X_test, y_test


def test_chain_rule_terms_are_the_videos_products():
    zs, acts, terms = chain_rule_terms(W, B, A0, Y)
    assert acts[0] == A0 and np.isclose(acts[1], sigmoid(1.5 * 0.8 - 0.5))
    assert zs[0] == pytest.approx(1.5 * 0.8 - 0.5)
    last = terms["w3"]
    assert last.dz_dp == acts[2]
    assert np.isclose(last.sigma_prime, acts[3] * (1 - acts[3]))
    assert np.isclose(last.dC_da, 2 * (acts[3] - Y))
    assert terms["b3"].dz_dp == 1.0
    # one layer back: dC/da(2) = w(3) sigma'(z(3)) 2(a(3) - y)
    assert np.isclose(terms["w2"].dC_da, W[2] * last.sigma_prime * last.dC_da)
    assert chain_cost(W, B, A0, Y) == pytest.approx(plain_chain_cost(W, B, A0, Y), rel=1e-14)


@pytest.mark.parametrize("w, b, a0, y", [(W, B, A0, Y), ([-3.2, 0.4, 1.0], [0.0, 2.5, -0.3], 0.1, 0.3),
                                          ([4.0, 1.0], [4.0, -1.0], 0.9, 0.0), ([0.7], [0.2], 0.5, 1.0)])
def test_every_chain_derivative_three_ways(w, b, a0, y):
    checks = check_chain(w, b, a0, y)
    assert set(checks) == {f"{kind}{i}" for kind in "wb" for i in range(1, len(w) + 1)}
    for name, check in checks.items():
        i = int(name[1:]) - 1

        def cost_of(p, name=name, i=i):
            ww, bb = list(w), list(b)
            (ww if name[0] == "w" else bb)[i] = p
            return plain_chain_cost(ww, bb, a0, y)

        independent = central_difference(cost_of, (w if name[0] == "w" else b)[i])
        assert check.chain_rule == pytest.approx(independent, rel=1e-6, abs=1e-9)
        assert check.backprop == pytest.approx(check.chain_rule, rel=1e-12, abs=1e-15)
        assert check.agree and agrees(check.chain_rule, check.finite_difference)


def test_a_wrong_chain_rule_would_not_agree():
    check = check_chain(W, B, A0, Y)["w2"]
    assert not agrees(2 * check.chain_rule, check.finite_difference)


def test_chain_network_is_the_chain():
    net = chain_network(W, B)
    assert net.sizes == [1, 1, 1, 1]
    assert net.cost(np.array([[A0]]), np.array([[Y]])) == pytest.approx(plain_chain_cost(W, B, A0, Y), rel=1e-14)


def test_saturated_neuron_is_named():
    _, _, terms = chain_rule_terms([4.0, -2.0, 2.5], [4.0, 1.0, -1.0], A0, Y)
    assert terms["w1"].saturated and terms["b1"].saturated
    assert not terms["w3"].saturated


def test_dependency_paths():
    assert dependency_path("w3") == ["w3", "z3", "a3", "C0"]
    assert dependency_path("b2") == ["b2", "z2", "a2", "z3", "a3", "C0"]
    assert dependency_path("a0") == ["a0", "z1", "a1", "z2", "a2", "z3", "a3", "C0"]
    assert dependency_path("y") == ["y", "C0"]
    assert dependency_path("w1", length=1) == ["w1", "z1", "a1", "C0"]
    with pytest.raises(ValueError, match="no parameter"):
        dependency_path("w4")


def test_moved_parameter():
    assert moved_parameter(None, {"w1": 1.0}) is None
    assert moved_parameter({"w1": 1.0, "b1": 0.0}, {"w1": 1.0, "b1": 0.5}) == "b1"
    assert moved_parameter({"w1": 1.0}, {"w1": 1.0}) is None


# ----- many neurons per layer -----------------------------------------------------------

def test_last_hidden_derivatives_sum_over_outputs(data):
    X_test, y_test = data
    net = load_trained_network()
    a_k, by_sum, by_nudge = last_hidden_derivatives(net, X_test[2], y_test[2])
    np.testing.assert_allclose(by_sum, by_nudge, rtol=1e-6, atol=1e-9)
    # the same numbers backpropagation carries: delta^(L-1) = (W^T delta^L) (.) sigma'(z), so W^T delta^L = by_sum
    X, Y = net.check_batch(X_test[2], [y_test[2]])
    zs, acts = net.feedforward(X)
    delta_L = 2 * (acts[-1] - Y) * acts[-1] * (1 - acts[-1])
    np.testing.assert_allclose(by_sum, (delta_L @ net.weights[-1])[0], rtol=1e-12)
    np.testing.assert_array_equal(a_k, acts[-2][0])
    # written out as the lesson writes it: sum_j w_jk sigma'(z_j) 2 (a_j - y_j)
    a, y = acts[-1][0], Y[0]
    k = 5
    assert by_sum[k] == pytest.approx(sum(net.weights[-1][j, k] * a[j] * (1 - a[j]) * 2 * (a[j] - y[j])
                                          for j in range(10)), rel=1e-12)


def test_last_hidden_derivatives_table_is_text():
    net = Network([4, 3, 2], seed=3)
    result = last_hidden_derivatives(net, np.linspace(0, 1, 4), 1)
    table = result.table(rows=2)
    assert "sum over j" in table and len(table.splitlines()) == 3
    assert f"{result.by_sum[1]:+14.8f}" in table


def test_last_hidden_derivatives_follow_the_networks_cost():
    """Nielsen's half cost halves every derivative; the finite difference sees the same."""
    x = np.linspace(0, 1, 4)
    full = last_hidden_derivatives(Network([4, 3, 2], seed=3), x, 0)
    half = last_hidden_derivatives(Network([4, 3, 2], seed=3, cost="half_quadratic"), x, 0)
    np.testing.assert_allclose(half.by_sum, full.by_sum / 2, rtol=1e-12)
    np.testing.assert_allclose(half.by_nudge, half.by_sum, rtol=1e-6, atol=1e-9)


# ----- nudging one parameter of the network ----------------------------------------------

@pytest.mark.parametrize("layer, j, k", [(2, 3, 5), (0, 4, 406), (1, 11, None)])
@pytest.mark.parametrize("delta", [0.0, 0.4])
def test_nudge_parameter(data, layer, j, k, delta):
    X_test, y_test = data
    net = load_trained_network()
    before = [W.copy() for W in net.weights], [b.copy() for b in net.biases]
    x, label = X_test[5], int(y_test[5])
    nudge = nudge_parameter(net, x, label, layer, j, k, delta)
    for W, W0 in zip(net.weights, before[0]):
        np.testing.assert_array_equal(W, W0)          # the nudge is undone
    twin = net.copy()
    (twin.weights[layer].__setitem__((j, k), twin.weights[layer][j, k] + delta) if k is not None
     else twin.biases[layer].__setitem__(j, twin.biases[layer][j] + delta))
    assert nudge.label == label
    assert nudge.cost_before == pytest.approx(net.cost(x[None], [label]), rel=1e-12)
    assert nudge.cost == pytest.approx(twin.cost(x[None], [label]), rel=1e-12)
    np.testing.assert_allclose(nudge.outputs, twin.forward(x), rtol=1e-12)
    assert nudge.prediction == int(np.argmax(twin.forward(x)))
    grad_w, grad_b = twin.gradient(x[None], [label])
    np.testing.assert_allclose(nudge.gradient_w, grad_w[layer], rtol=1e-12)
    np.testing.assert_allclose(nudge.gradient_b, grad_b[layer], rtol=1e-12)
    here = grad_w[layer][j, k] if k is not None else grad_b[layer][j]
    assert nudge.backprop == pytest.approx(here, rel=1e-12, abs=1e-18)
    assert nudge.agree
    start_w, start_b = net.gradient(x[None], [label])
    start = start_w[layer][j, k] if k is not None else start_b[layer][j]
    assert nudge.linear_prediction(delta) == pytest.approx(start * delta, rel=1e-12, abs=1e-18)
    assert nudge.cost_change == pytest.approx(nudge.cost - nudge.cost_before, abs=1e-15)


def test_straight_line_verdict():
    assert straight_line_verdict(0.0, 0.0, 0.0) == "no nudge"
    assert straight_line_verdict(1.0e-3, 1.01e-3, 0.01) == "agree"
    assert straight_line_verdict(0.5, 1.0, 3.0) == "part ways"


# ----- reading the code ------------------------------------------------------------------

def test_show_backprop_code_finds_all_four_equations(capsys):
    where = show_backprop_code()
    printed = capsys.readouterr().out
    assert set(where) == {"BP1", "BP2", "BP3", "BP4"}
    assert "delta.T @ activations[l]" in printed
    assert "↳ BP2, 2nd half: ⊙ σ′(z^(l))" in printed


def test_every_tagged_line_carries_its_quantity():
    rows = annotate_backprop()
    for tag in ("BP1", "BP2", "BP3", "BP4"):
        tagged = [note for _, code, note in rows if f"# {tag}" in code]
        assert tagged and tagged[0] is not None and tag in tagged[0]
    # the docstring's lines are prose: no notes there
    assert all(note is None for _, code, note in rows if code.strip().startswith(("BP1", "BP2", "BP3", "BP4")))


@pytest.mark.parametrize("parameter", ["w1", "b1", "w2", "b2", "w3", "b3"])
def test_path_factors_multiply_to_the_derivative(parameter):
    factors = path_factors(parameter, W, B, A0, Y)
    assert list(factors) == list(zip(dependency_path(parameter)[:-1], dependency_path(parameter)[1:]))
    assert np.prod(list(factors.values())) == pytest.approx(check_chain(W, B, A0, Y)[parameter].chain_rule, rel=1e-12)


def test_path_factors_of_the_input_and_target():
    slope_a0 = central_difference(lambda a: plain_chain_cost(W, B, a, Y), A0)
    assert np.prod(list(path_factors("a0", W, B, A0, Y).values())) == pytest.approx(slope_a0, rel=1e-6)
    slope_y = central_difference(lambda y: plain_chain_cost(W, B, A0, y), Y)
    assert path_factors("y", W, B, A0, Y)[("y", "C0")] == pytest.approx(slope_y, rel=1e-6)
    # the factors of w1's path: a(0), sigma'(z1), w(2), sigma'(z2), w(3), sigma'(z3), 2(a3 - y)
    _, acts, _ = chain_rule_terms(W, B, A0, Y)
    values = list(path_factors("w1", W, B, A0, Y).values())
    assert values[0] == A0 and values[2] == W[1] and values[4] == W[2]
    assert values[1] == pytest.approx(acts[1] * (1 - acts[1]), rel=1e-14)


# ----- the Simplified Chinese edition --------------------------------------------------------------

def test_tables_notes_and_errors_speak_chinese(zh_cn, capsys):
    net = Network([4, 3, 2], seed=3)
    result = last_hidden_derivatives(net, np.linspace(0, 1, 4), 1)
    header, *rows = result.table(rows=2).splitlines()
    assert "对 j 求和" in header and "有限差分" in header
    assert rows[1].split()[2] == f"{result.by_sum[1]:+.8f}"         # the numbers as in English
    where = show_backprop_code()
    printed = capsys.readouterr().out
    assert "↳ 前向传播" in printed and f"BP1：第 {where['BP1']} 行" in printed
    assert "delta.T @ activations[l]" in printed                      # the code itself is never translated
    with pytest.raises(ValueError, match="没有参数 'q9'"):
        dependency_path("q9")
