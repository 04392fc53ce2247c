"""Lesson 05's self-checks: each accepts our solution and names the typical mistakes."""

import re

import numpy as np
import pytest

from helpers import exercises
from helpers.core.activations import sigmoid, sigmoid_prime
from helpers.exercises import _core


def solution(name):
    return _core._SOLUTIONS[name]


# ----- centre of mass ------------------------------------------------------------------

def test_center_of_mass_accepts_the_reference(capsys):
    assert bool(exercises.check_center_of_mass(solution("center_of_mass"))) is True
    assert "Correct" in capsys.readouterr().out


def test_center_of_mass_unfinished_starter_does_not_raise(capsys):
    def starter(image):
        ...
    assert bool(exercises.check_center_of_mass(starter)) is False
    assert "returned nothing" in capsys.readouterr().out


def test_center_of_mass_swapped_row_and_column(capsys):
    def swapped(image):
        row, col = solution("center_of_mass")(image)
        return col, row
    assert bool(exercises.check_center_of_mass(swapped)) is False
    assert "swapped" in capsys.readouterr().out


def test_center_of_mass_unweighted_positions(capsys):
    def unweighted(image):
        rows, cols = np.nonzero(np.asarray(image) > 0)
        return rows.mean(), cols.mean()
    assert bool(exercises.check_center_of_mass(unweighted)) is False
    assert "equally bright" in capsys.readouterr().out


def test_center_of_mass_not_normalised(capsys):
    def summed(image):
        image = np.asarray(image)
        return (np.arange(28) @ image.sum(axis=1), np.arange(28) @ image.sum(axis=0))
    assert bool(exercises.check_center_of_mass(summed)) is False
    assert "total brightness" in capsys.readouterr().out


def test_center_of_mass_counted_from_one(capsys):
    def one_based(image):
        image = np.asarray(image)
        total = image.sum()
        return (np.arange(1, 29) @ image.sum(axis=1) / total, np.arange(1, 29) @ image.sum(axis=0) / total)
    assert bool(exercises.check_center_of_mass(one_based)) is False
    assert "from 0" in capsys.readouterr().out


# ----- shuffled pixels ------------------------------------------------------------------

def test_shuffle_pixels_accepts_the_reference(capsys):
    assert bool(exercises.check_shuffle_pixels(solution("shuffle_pixels"))) is True
    assert "Correct" in capsys.readouterr().out


def test_shuffle_pixels_rows_instead_of_columns(capsys):
    assert bool(exercises.check_shuffle_pixels(lambda X, p: X[p])) is False
    assert "rows" in capsys.readouterr().out


def test_shuffle_pixels_a_different_permutation_per_image(capsys):
    def per_image(X, permutation):
        rng = np.random.default_rng(0)
        return np.array([row[rng.permutation(len(row))] for row in X])
    assert bool(exercises.check_shuffle_pixels(per_image)) is False
    assert "different shuffle" in capsys.readouterr().out


def test_shuffle_pixels_inverse_permutation(capsys):
    assert bool(exercises.check_shuffle_pixels(lambda X, p: X[:, np.argsort(p)])) is False
    assert "inverse" in capsys.readouterr().out


def test_shuffle_pixels_new_permutation(capsys):
    def own(X, permutation):
        return X[:, np.random.default_rng(1).permutation(784)]
    assert bool(exercises.check_shuffle_pixels(own)) is False
    assert "not the one you were given" in capsys.readouterr().out


def test_shuffle_pixels_in_place(capsys):
    def in_place(X, permutation):
        X[:] = X[:, permutation]
        return X
    assert bool(exercises.check_shuffle_pixels(in_place)) is False
    assert "changed X itself" in capsys.readouterr().out


# ----- input gradient ------------------------------------------------------------------

def _forward(net, x):
    zs, activations = [], [np.asarray(x, dtype=float)]
    for W, b in zip(net.weights, net.biases):
        zs.append(W @ activations[-1] + b)
        activations.append(sigmoid(zs[-1]))
    return zs, activations


def test_input_gradient_accepts_the_reference(capsys):
    assert bool(exercises.check_input_gradient(solution("input_gradient"))) is True
    assert "Correct" in capsys.readouterr().out


def test_input_gradient_accepts_the_helpers_version(capsys):
    from helpers.learned.probes import input_gradient
    assert bool(exercises.check_input_gradient(input_gradient)) is True


def test_input_gradient_forgot_output_sigma_prime(capsys):
    def no_output_prime(net, x, digit):
        zs, _ = _forward(net, x)
        delta = np.zeros(10)
        delta[digit] = 1.0
        for l in range(len(net.weights) - 1, 0, -1):
            delta = (net.weights[l].T @ delta) * sigmoid_prime(zs[l - 1])
        return net.weights[0].T @ delta
    assert bool(exercises.check_input_gradient(no_output_prime)) is False
    assert "z_digit" in capsys.readouterr().out


def test_input_gradient_forgot_hidden_sigma_prime(capsys):
    def no_hidden_prime(net, x, digit):
        zs, _ = _forward(net, x)
        delta = np.zeros(10)
        delta[digit] = sigmoid_prime(zs[-1][digit])
        for l in range(len(net.weights) - 1, 0, -1):
            delta = net.weights[l].T @ delta
        return net.weights[0].T @ delta
    assert bool(exercises.check_input_gradient(no_hidden_prime)) is False
    assert "BP2" in capsys.readouterr().out


def test_input_gradient_w_instead_of_w_transpose(capsys):
    def no_transpose(net, x, digit):
        zs, _ = _forward(net, x)
        delta = np.zeros(10)
        delta[digit] = sigmoid_prime(zs[-1][digit])
        for l in range(len(net.weights) - 1, 0, -1):
            delta = (net.weights[l] @ delta) * sigmoid_prime(zs[l - 1])
        return net.weights[0].T @ delta
    assert bool(exercises.check_input_gradient(no_transpose)) is False
    assert "W.T" in capsys.readouterr().out


def test_input_gradient_stopped_one_layer_early(capsys):
    def stops_early(net, x, digit):
        zs, _ = _forward(net, x)
        delta = np.zeros(10)
        delta[digit] = sigmoid_prime(zs[-1][digit])
        for l in range(len(net.weights) - 1, 0, -1):
            delta = (net.weights[l].T @ delta) * sigmoid_prime(zs[l - 1])
        return delta
    assert bool(exercises.check_input_gradient(stops_early)) is False
    assert "One more step" in capsys.readouterr().out


def test_input_gradient_sign_flipped(capsys):
    assert bool(exercises.check_input_gradient(lambda net, x, d: -solution("input_gradient")(net, x, d))) is False
    assert "sign" in capsys.readouterr().out


def test_solutions_print(capsys):
    for name in ("center_of_mass", "shuffle_pixels", "input_gradient"):
        exercises.solution(name)
        out = capsys.readouterr().out
        assert "def " in out and "@reference" not in out


# ----- issue 23: each hint names the slip that was made, and only that one ---------------------

def _without_quoted_line(text):
    return re.sub(r"\(in `.*?`\)", "", text)


@pytest.mark.parametrize("wrong, says, never", [
    # reshaped to 28×28 (the index error is on axis 1): not "you reordered the rows"
    (lambda X, p: X.reshape(-1, 28, 28)[:, p], ["reshaped the images to 28×28", "X[:, permutation]"],
     ["reordered the rows"]),
    (lambda X, p: X.reshape(28, 28)[:, p], ["reshaped the images to 28×28"], ["reordered the rows"]),
    (lambda X, p: X[:, p].reshape(-1, 28, 28), ["(6, 784)", "(6, 28, 28)", "no reshape"], ["reordered the rows"]),
    # the rows reordered (the index error is on axis 0): not "you reshaped"
    (lambda X, p: X[p], ["reordered the rows"], ["reshaped", "28×28"]),
    (lambda X, p: X[p, :], ["reordered the rows"], ["reshaped", "28×28"]),
])
def test_shuffle_pixels_hints_name_the_slip_made(wrong, says, never, capsys):
    assert not exercises.check_shuffle_pixels(wrong)
    hint = _without_quoted_line(capsys.readouterr().out)
    for words in says:
        assert words in hint, hint
    for words in never:
        assert words not in hint, hint


def test_shuffle_pixels_through_28_by_28_and_back_is_right(capsys):
    def via_images(X, permutation):
        images = X.reshape(-1, 28, 28)
        return images[:, permutation // 28, permutation % 28]
    assert exercises.check_shuffle_pixels(via_images), capsys.readouterr().out


def _backwards(net, x, digit, step):
    zs, _ = _forward(net, x)
    delta = np.zeros(10)
    delta[digit] = sigmoid_prime(zs[-1][digit])
    for l in range(len(net.weights) - 1, 0, -1):
        delta = step(net, l, delta, zs)
    return net.weights[0].T @ delta


@pytest.mark.parametrize("step, says, never", [
    # σ′ multiplied in before W.T carried delta back (W.T was used): not "multiply by W.T, not by W"
    (lambda net, l, delta, zs: net.weights[l].T @ (delta * sigmoid_prime(zs[l - 1])),
     ["σ′(z^l) belongs to layer l", "(net.weights[l].T @ delta) * sigmoid_prime(zs[l - 1])"], ["not by W"]),
    # σ′ of the layer delta came from
    (lambda net, l, delta, zs: (net.weights[l].T @ delta) * sigmoid_prime(zs[l]), ["σ′(z^l) belongs to layer l"],
     ["not by W"]),
    # W where W.T belongs: "not by W", not the σ′ hint
    (lambda net, l, delta, zs: (net.weights[l] @ delta) * sigmoid_prime(zs[l - 1]), ["not by W"],
     ["σ′(z^l) belongs"]),
])
def test_input_gradient_hints_name_the_slip_made(step, says, never, capsys):
    assert not exercises.check_input_gradient(lambda net, x, digit: _backwards(net, x, digit, step))
    hint = _without_quoted_line(capsys.readouterr().out)
    for words in says:
        assert words in hint, hint
    for words in never:
        assert words not in hint, hint


# ----- the zh-CN edition ----------------------------------------------------------------

def test_lesson_05_checks_speak_chinese(zh_cn, capsys):
    assert not exercises.check_center_of_mass(lambda image: _core._SOLUTIONS["center_of_mass"](image)[::-1])
    out = capsys.readouterr().out
    assert out.startswith("✘ 还不对。") and "行和列弄反了" in out
    assert not exercises.check_shuffle_pixels(lambda X, permutation: X[permutation])
    assert "像素" in capsys.readouterr().out
    assert not exercises.check_input_gradient(lambda net, x, digit: np.zeros(3))
    assert "形状为 (3,) 的数组" in capsys.readouterr().out
    assert exercises.check_center_of_mass(_core._SOLUTIONS["center_of_mass"])
    assert "✔ 正确！" in capsys.readouterr().out
