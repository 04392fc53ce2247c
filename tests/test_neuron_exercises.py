"""Lesson 01's self-checks: each accepts our solution and names the typical mistakes."""

import math
import warnings

import numpy as np
import pytest

from helpers import exercises
from helpers.exercises import neuron as ex


def verdict(check, fn, capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)   # a check must not leak the learner's warnings
        passed = check(fn)
    return bool(passed), capsys.readouterr().out


# ----- sigmoid ---------------------------------------------------------------------

def test_sigmoid_accepts_the_reference_and_a_clipped_version(capsys):
    passed, out = verdict(exercises.check_sigmoid, ex.sigmoid_solution, capsys)
    assert passed and "Correct" in out
    passed, out = verdict(exercises.check_sigmoid, lambda z: 0.5 * (1 + np.tanh(0.5 * np.asarray(z))), capsys)
    assert passed


@pytest.mark.parametrize("fn, hint", [
    (lambda z: 1 / (1 + np.exp(-z)), "np.exp(-z) overflows for very negative z"),
    (lambda z: 1 / (1 + np.exp(z)), "sign is flipped"),
    (lambda z: 1 / (1 + math.exp(-z)), "not on a whole array"),
    (lambda z: np.exp(z) / (1 + np.exp(z)), "returns nan or inf"),
    (lambda z: np.exp(-z), "1 +"),
    (lambda z: ..., "returned nothing yet"),
])
def test_sigmoid_mistakes(fn, hint, capsys):
    passed, out = verdict(exercises.check_sigmoid, fn, capsys)
    assert not passed
    assert "Not yet" in out and hint in out


# ----- issue 23: arrays, never a plain float ---------------------------------------------

def mask_sigmoid(z):
    """The textbook stable sigmoid with a boolean mask: works on arrays (z[mask]), not on a plain float."""
    out = np.empty_like(z, dtype=float)
    positive = z >= 0
    out[positive] = 1 / (1 + np.exp(-z[positive]))
    e = np.exp(z[~positive])
    out[~positive] = e / (1 + e)
    return out


def len_sigmoid(z):
    """Right for every 1-D array, written with len(z): a 0-d array has no len."""
    out = np.zeros(len(z))
    for i in range(len(z)):
        out[i] = 1 / (1 + np.exp(-z[i])) if z[i] >= 0 else np.exp(z[i]) / (1 + np.exp(z[i]))
    return out


def float_or_array_sigmoid(z):
    """Handles plain floats and arrays alike (math for one number, NumPy otherwise)."""
    if np.ndim(z) == 0:
        z = float(z)
        return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
    return ex.sigmoid_solution(z)


@pytest.mark.parametrize("fn", [mask_sigmoid, len_sigmoid, float_or_array_sigmoid, ex.sigmoid_solution,
                                np.vectorize(lambda v: float_or_array_sigmoid(float(v)))])
def test_sigmoid_accepts_right_answers_for_arrays(fn, capsys):
    passed, out = verdict(exercises.check_sigmoid, fn, capsys)
    assert passed and "Correct" in out, out


def test_sigmoid_is_only_ever_called_with_arrays(capsys):
    seen = []

    def recording(z):
        seen.append(type(z))
        return ex.sigmoid_solution(z)
    passed, _out = verdict(exercises.check_sigmoid, recording, capsys)
    assert passed and seen and all(kind is np.ndarray for kind in seen), seen


@pytest.mark.parametrize("fn, hint", [
    (lambda z: ex.sigmoid_solution(z) if np.ndim(z) else 0.7, "σ(0) should be 0.5; yours gives 0.7"),
    (lambda z: ex.sigmoid_solution(z) if np.ndim(z) else np.array([0.5, 0.5]), "σ(0) should be 0.5"),
    (lambda z: ex.sigmoid_solution(z) if np.ndim(z) else "0.5", "σ(0) should be 0.5"),
])
def test_sigmoid_still_judges_a_single_number(fn, hint, capsys):
    """A 0-d array that the function answers wrongly is still a wrong answer."""
    passed, out = verdict(exercises.check_sigmoid, fn, capsys)
    assert not passed and hint in out, out


def test_sigmoid_that_loops_and_keeps_one_value(capsys):
    def last_only(z):
        for value in np.asarray(z).ravel():
            result = 1 / (1 + math.exp(-value))
        return result
    passed, out = verdict(exercises.check_sigmoid, last_only, capsys)
    assert not passed and "element-wise" in out


# ----- one layer -------------------------------------------------------------------

def test_layer_forward_accepts_the_reference_and_row_vector_form(capsys):
    passed, out = verdict(exercises.check_layer_forward, ex.layer_forward_solution, capsys)
    assert passed and "Correct" in out
    passed, _ = verdict(exercises.check_layer_forward, lambda W, a, b: ex.sigmoid(a @ W.T + b), capsys)
    assert passed


@pytest.mark.parametrize("fn, hint", [
    (lambda W, a, b: ex.sigmoid(W @ a), "forgot the bias"),
    (lambda W, a, b: ex.sigmoid(W.T @ a + b), "W.T"),
    (lambda W, a, b: W @ a + b, "forgot σ"),
    (lambda W, a, b: ex.sigmoid(W @ a) + b, "bias goes inside σ"),
    (lambda W, a, b: ex.sigmoid(W * a + b), "element by element"),
    (lambda W, a, b: ex.sigmoid(W @ a + b).reshape(-1, 1), "flat vector"),
])
def test_layer_forward_mistakes(fn, hint, capsys):
    passed, out = verdict(exercises.check_layer_forward, fn, capsys)
    assert not passed
    assert hint in out


def test_layer_forward_shape_error_on_a_non_square_layer(capsys):
    def transposed_after_square(W, a, b):
        if W.shape[0] == W.shape[1]:
            return ex.sigmoid(W @ a + b)
        return ex.sigmoid(W.T @ a + b)
    passed, out = verdict(exercises.check_layer_forward, transposed_after_square, capsys)
    assert not passed and "shape error" in out and "W @ a" in out


# ----- counting parameters ---------------------------------------------------------

def test_count_parameters_accepts_the_reference_and_a_network(capsys):
    passed, out = verdict(exercises.check_count_parameters, ex.count_parameters_solution, capsys)
    assert passed and "13,002" in out
    from helpers import Network
    passed, _ = verdict(exercises.check_count_parameters, lambda sizes: Network(sizes).n_params, capsys)
    assert passed


def weights_only(sizes):
    return sum(i * o for i, o in zip(sizes[:-1], sizes[1:]))


@pytest.mark.parametrize("fn, hint", [
    (weights_only, "counted only the weights"),
    (lambda s: weights_only(s) + sum(s), "input layer has no biases"),
    (lambda s: s[0] * s[1] + sum(s[1:]), "first layer only"),
    (lambda s: weights_only(s) + len(s) - 1, "not one bias per layer"),
    (lambda s: sum(s[1:]), "counted only the biases"),
    (lambda s: int(np.prod(s)) + sum(s[1:]), "neighbouring layers only"),
    (lambda s: 13002, "for any number of layers"),
    (lambda s: [weights_only(s), sum(s[1:])], "one number"),
])
def test_count_parameters_mistakes(fn, hint, capsys):
    passed, out = verdict(exercises.check_count_parameters, fn, capsys)
    assert not passed
    assert hint in out


def test_solutions_are_printed_only_on_request(capsys):
    exercises.solution("count_parameters")
    out = capsys.readouterr().out
    assert "def count_parameters_solution" in out and "sum(sizes[1:])" in out
    assert ex.count_parameters_solution([784, 16, 16, 10]) == 784 * 16 + 16 * 16 + 16 * 10 + 16 + 16 + 10 == 13002


# ----- the zh-CN edition ----------------------------------------------------------------

def test_verdicts_and_hints_speak_chinese(zh_cn, capsys):
    passed, out = verdict(exercises.check_sigmoid, ex.sigmoid_solution, capsys)
    assert passed and out.startswith("✔ 正确！") and "σ(0) = 0.5" in out and "Correct" not in out
    passed, out = verdict(exercises.check_sigmoid, lambda z: 1 / (1 + np.exp(z)), capsys)
    assert not passed and out.startswith("✘ 还不对。") and "符号反了" in out and "Not yet" not in out
    passed, out = verdict(exercises.check_sigmoid, lambda z: 1 / (1 + math.exp(-z)), capsys)
    assert not passed and "整个数组" in out
    passed, out = verdict(exercises.check_layer_forward, lambda W, a, b: W @ a + b, capsys)
    assert not passed and "激活值" in out and "σ(W a + b)" in out


def test_parameter_count_speaks_chinese_and_keeps_the_number_format(zh_cn, capsys):
    passed, out = verdict(exercises.check_count_parameters, ex.count_parameters_solution, capsys)
    assert passed and "13,002 个参数" in out
    passed, out = verdict(exercises.check_count_parameters,
                          lambda sizes: sum(i * o for i, o in zip(sizes[:-1], sizes[1:])), capsys)
    assert not passed and "偏置" in out and "权重" in out
    # "nothing yet" is recognised by its kind, not by its English words: no "for sizes ..." in front
    passed, out = verdict(exercises.check_count_parameters, lambda sizes: ..., capsys)
    assert not passed and "还什么都没有返回" in out and "sizes" not in out


def test_the_safety_net_speaks_chinese(zh_cn, capsys):
    passed, out = verdict(exercises.check_sigmoid, "my_sigmoid", capsys)
    assert not passed and "函数本身" in out and "不带括号" in out
    passed, out = verdict(exercises.check_sigmoid, lambda a, b: a, capsys)
    assert not passed and "1 个参数" in out and "my_sigmoid(z)" in out
    passed, out = verdict(exercises.check_layer_forward, lambda W, a, b: W @ a.reshape(-1, 1, 1), capsys)
    assert not passed and "形状" in out


def test_english_stays_the_default(capsys):
    passed, out = verdict(exercises.check_sigmoid, lambda z: 1 / (1 + np.exp(z)), capsys)
    assert out.startswith("✘ Not yet.") and "sign is flipped" in out
