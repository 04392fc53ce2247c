"""Lesson 04's self-checks: accept our solutions, reject the usual slips with the matching hint."""

import re

import numpy as np
import pytest

from helpers import exercises
from helpers.core.activations import sigmoid, sigmoid_prime
from helpers.exercises import backprop as ours


def verdict_and_text(capsys, check, fn):
    result = check(fn)
    return bool(result), capsys.readouterr().out


def test_every_check_accepts_the_reference(capsys):
    for check, solution in [
        (exercises.check_chain_derivatives, ours.chain_derivatives),
        (exercises.check_output_delta, ours.output_delta),
        (exercises.check_backprop_delta, ours.backprop_delta),
        (exercises.check_parameter_gradients, ours.parameter_gradients),
        (exercises.check_backprop, ours.backprop),
    ]:
        passed, text = verdict_and_text(capsys, check, solution)
        assert passed and "Correct" in text


def test_unsolved_starters_get_a_friendly_message(capsys):
    def starter(*args):
        ...
    for check in (exercises.check_chain_derivatives, exercises.check_output_delta, exercises.check_backprop):
        passed, text = verdict_and_text(capsys, check, starter)
        assert not passed and "replace the `...`" in text


@pytest.mark.parametrize("wrong, hint", [
    (lambda a, w, b, y: (a * 2 * (sigmoid(w * a + b) - y), 2 * (sigmoid(w * a + b) - y),
                         w * 2 * (sigmoid(w * a + b) - y)),
     "sigma'(z)"),
    (lambda a, w, b, y: tuple(0.5 * v for v in ours.chain_derivatives(a, w, b, y)), "2 (a - y)"),
    (lambda a, w, b, y: tuple(-v for v in ours.chain_derivatives(a, w, b, y)), "signs are flipped"),
    (lambda a, w, b, y: ours.chain_derivatives(a, w, b, y)[:2] + (ours.chain_derivatives(a, w, b, y)[0],),
     "dz/da_prev = w"),
])
def test_chain_derivatives_slips(capsys, wrong, hint):
    passed, text = verdict_and_text(capsys, exercises.check_chain_derivatives, wrong)
    assert not passed and hint in text


@pytest.mark.parametrize("wrong, hint", [
    (lambda z, a, y: (a - y) * sigmoid_prime(z), "Half the right size"),
    (lambda z, a, y: 2 * (a - y), "Missing ⊙ σ′(z^L)"),
    (lambda z, a, y: a - y, "cross-entropy"),
    (lambda z, a, y: 2 * (y - a) * sigmoid_prime(z), "sign is flipped"),
    (lambda z, a, y: 2 * (a - y) * sigmoid_prime(a), "taken at z"),
])
def test_output_delta_slips(capsys, wrong, hint):
    passed, text = verdict_and_text(capsys, exercises.check_output_delta, wrong)
    assert not passed and hint in text


@pytest.mark.parametrize("wrong, hint", [
    (lambda W, d, z: (W @ d) * sigmoid_prime(z), "transpose"),
    (lambda W, d, z: W.T @ d, "Missing ⊙ σ′(z^l)"),
])
def test_backprop_delta_slips(capsys, wrong, hint):
    passed, text = verdict_and_text(capsys, exercises.check_backprop_delta, wrong)
    assert not passed and hint in text


@pytest.mark.parametrize("wrong, hint", [
    (lambda d, a: (d, np.outer(a, d)), "Transposed"),
    (lambda d, a: (d, float(np.sum(d)) * float(np.sum(a))), "np.outer"),
    (lambda d, a: (d * 2, np.outer(d, a)), "BP3"),
])
def test_parameter_gradient_slips(capsys, wrong, hint):
    passed, text = verdict_and_text(capsys, exercises.check_parameter_gradients, wrong)
    assert not passed and hint in text


def summed(weights, biases, X, Y):
    nabla_w, nabla_b = ours.backprop(weights, biases, X, Y)
    return [g * len(X) for g in nabla_w], [g * len(X) for g in nabla_b]


def halved(weights, biases, X, Y):
    nabla_w, nabla_b = ours.backprop(weights, biases, X, Y)
    return [g / 2 for g in nabla_w], [g / 2 for g in nabla_b]


def no_hidden_prime(weights, biases, X, Y):
    return ours._backprop_variant(weights, biases, X, Y, hidden_prime=False)


def untransposed(weights, biases, X, Y):
    nabla_w, nabla_b = ours.backprop(weights, biases, X, Y)
    return [g.T for g in nabla_w], nabla_b


@pytest.mark.parametrize("wrong, hint", [
    (summed, "summed over the examples"),
    (halved, "half the right size"),
    (no_hidden_prime, "Missing σ′(z^l) in BP2"),
    (untransposed, "A transpose is missing"),
])
def test_backprop_slips(capsys, wrong, hint):
    passed, text = verdict_and_text(capsys, exercises.check_backprop, wrong)
    assert not passed and hint in text


def test_solution_is_shown_only_when_asked(capsys):
    exercises.solution("backprop")
    shown = capsys.readouterr().out
    assert "def backprop(weights, biases, X, Y):" in shown and "@reference" not in shown
    exercises.solution("nonsense")
    assert "There is no exercise called 'nonsense'" in capsys.readouterr().out


# ----- issue 15 item 7: any sequence of three numbers -------------------------------------------

@pytest.mark.parametrize("form", [np.array, list, tuple, lambda v: np.array(v).reshape(3)])
def test_chain_derivatives_accepts_an_array_or_a_list(capsys, form):
    passed, text = verdict_and_text(capsys, exercises.check_chain_derivatives,
                                    lambda a, w, b, y: form(ours.chain_derivatives(a, w, b, y)))
    assert passed and "Correct" in text


def test_chain_derivatives_array_slips_still_named(capsys):
    passed, text = verdict_and_text(capsys, exercises.check_chain_derivatives,
                                    lambda a, w, b, y: -np.array(ours.chain_derivatives(a, w, b, y)))
    assert not passed and "signs are flipped" in text
    passed, text = verdict_and_text(capsys, exercises.check_chain_derivatives,
                                    lambda a, w, b, y: np.array(ours.chain_derivatives(a, w, b, y)).reshape(3, 1))
    assert not passed and "three numbers" in text and "(3, 1)" in text


# ----- issue 23: each hint names the slip that was made, and only that one ---------------------

def assert_says(text, says, never):
    """Every phrase of `says` in the verdict, none of `never` (the learner's quoted line left out)."""
    hint = re.sub(r"\(in `.*?`\)", "", text)
    for words in says:
        assert words in hint, text
    for words in never:
        assert words not in hint, text


def _swapped(weights, biases, X, Y):
    nabla_w, nabla_b = ours.backprop(weights, biases, X, Y)
    return nabla_b, nabla_w


def _biases_shaped(shape):
    def answer(weights, biases, X, Y):
        nabla_w, nabla_b = ours.backprop(weights, biases, X, Y)
        return nabla_w, [b.reshape(shape(b)) for b in nabla_b]
    return answer


def prime_before_carrying_back(weights, biases, X, Y):
    """BP2 with σ′(z^l) multiplied into delta^(l+1) before delta @ W: a broadcast error (n, 3) vs (n, 4)."""
    activations, zs = [X], []
    for W, b in zip(weights, biases):
        zs.append(activations[-1] @ W.T + b)
        activations.append(sigmoid(zs[-1]))
    delta = 2 * (activations[-1] - Y) * sigmoid_prime(zs[-1]) / len(X)
    nabla_w, nabla_b = [None] * len(weights), [None] * len(biases)
    for l in reversed(range(len(weights))):
        nabla_w[l], nabla_b[l] = delta.T @ activations[l], delta.sum(axis=0)
        if l > 0:
            delta = (delta * sigmoid_prime(zs[l - 1])) @ weights[l]
    return nabla_w, nabla_b


def _forward_without_transpose(weights, biases, X, Y):
    a = X
    for W, b in zip(weights, biases):
        a = sigmoid(a @ W + b)                    # a matmul error: (7, 6) @ (5, 6)
    return a, a


@pytest.mark.parametrize("wrong, says, never", [
    (_swapped, ["lists are swapped", "(nabla_w, nabla_b)"], ["transpose"]),
    (_biases_shaped(lambda b: (-1, 1)), ["(5, 1)", "keep them flat"], ["transpose", "swapped"]),
    (_biases_shaped(lambda b: (1, -1)), ["(1, 5)", "keep them flat"], ["transpose", "swapped"]),
    (untransposed, ["A transpose is missing"], ["keep them flat", "swapped"]),
    (prime_before_carrying_back, ["σ′(z^l) has layer l's shape", "(delta @ W^(l+1)) * σ′(z^l)"],
     ["Z = A @ W.T + b going forward"]),
    (_forward_without_transpose, ["Z = A @ W.T + b going forward"], ["σ′(z^l) has layer l's shape"]),
])
def test_backprop_hints_name_the_slip_made(capsys, wrong, says, never):
    passed, text = verdict_and_text(capsys, exercises.check_backprop, wrong)
    assert not passed
    assert_says(text, says, never)


def test_the_right_backprop_is_not_called_swapped_or_column(capsys):
    passed, text = verdict_and_text(capsys, exercises.check_backprop, lambda *a: tuple(ours.backprop(*a)))
    assert passed and "swapped" not in text and "flat" not in text


@pytest.mark.parametrize("wrong, says, never", [
    # the right numbers as a column: not "did you use W instead of W.T?"
    (lambda W, d, z: ours.backprop_delta(W, d, z).reshape(-1, 1), ["numbers are right", "(6, 1)", "(6,)"],
     ["W instead of W.T", "Use @"]),
    (lambda W, d, z: ours.backprop_delta(W, d, z).reshape(1, -1), ["numbers are right", "(1, 6)"],
     ["W instead of W.T"]),
    # a column of wrong numbers: a shape hint, without "the numbers are right"
    (lambda W, d, z: 2 * ours.backprop_delta(W, d, z).reshape(-1, 1), ["(6,)", "(6, 1)"],
     ["numbers are right", "W instead of W.T", "Use @"]),
    # one entry per neuron of layer l+1: W where W.T belongs
    (lambda W, d, z: (W @ sigmoid_prime(z)) * d, ["W instead of W.T"], ["numbers are right"]),
    # σ′ multiplied in before W.T carried delta back (W.T was used): not "use W.T"
    (lambda W, d, z: W.T @ (d * sigmoid_prime(z)), ["σ′(z^l) belongs to layer l (6 neurons)", "layer l+1 (4)"],
     ["its transpose W.T that carries", "matrix product"]),
    # W * delta where W.T @ delta belongs
    (lambda W, d, z: (W * d).sum(axis=0) * sigmoid_prime(z), ["element by element", "W_next.T @ delta_next"],
     ["belongs to layer l"]),
    (lambda W, d, z: (W.T * d) * sigmoid_prime(z), ["element by element"], ["belongs to layer l"]),
    # a matmul error: the transpose hint, not the σ′ one
    (lambda W, d, z: (W @ d) * sigmoid_prime(z), ["its transpose W.T that carries"], ["belongs to layer l"]),
    (lambda W, d, z: (W.T @ d) * sigmoid(z), ["That is σ(z), not σ′(z)"], ["Missing ⊙ σ′"]),
    (lambda W, d, z: W.T @ d, ["Missing ⊙ σ′(z^l)"], ["That is σ(z)"]),
    (lambda W, d, z: np.outer(W.T @ d, sigmoid_prime(z)), ["Use @ for W_next.T @ delta_next"], ["numbers are right"]),
])
def test_backprop_delta_hints_name_the_slip_made(capsys, wrong, says, never):
    passed, text = verdict_and_text(capsys, exercises.check_backprop_delta, wrong)
    assert not passed
    assert_says(text, says, never)


@pytest.mark.parametrize("wrong, says, never", [
    (lambda z, a, y: ours.output_delta(z, a, y).reshape(-1, 1), ["numbers are right", "(10, 1)", "(10,)"],
     ["not @"]),
    (lambda z, a, y: (a - y).reshape(-1, 1), ["(10,)", "(10, 1)"], ["numbers are right", "not @"]),
    (lambda z, a, y: np.outer(2 * (a - y), sigmoid_prime(z)), ["Use element-wise *, not @"], ["numbers are right"]),
])
def test_output_delta_shape_hints(capsys, wrong, says, never):
    passed, text = verdict_and_text(capsys, exercises.check_output_delta, wrong)
    assert not passed
    assert_says(text, says, never)


@pytest.mark.parametrize("wrong, says, never", [
    (lambda d, a: (np.outer(d, a), d), ["swapped", "(dC/db, dC/dW)"], ["Transposed"]),
    (lambda d, a: (np.outer(a, d), d), ["swapped"], []),                   # swapped and transposed: the order first
    (lambda d, a: (d, np.outer(a, d)), ["Transposed"], ["swapped"]),
    (lambda d, a: (d.reshape(-1, 1), np.outer(d, a)), ["dC/db", "(3,)"], ["swapped"]),
])
def test_parameter_gradients_order_is_named(capsys, wrong, says, never):
    passed, text = verdict_and_text(capsys, exercises.check_parameter_gradients, wrong)
    assert not passed
    assert_says(text, says, never)


# ----- the zh-CN edition ----------------------------------------------------------------

def test_backprop_checks_speak_chinese(zh_cn, capsys):
    passed, text = verdict_and_text(capsys, exercises.check_output_delta, lambda z, a, y: 2 * (a - y))
    assert not passed and "链式法则" in text and "σ′(z^L)" in text
    passed, text = verdict_and_text(capsys, exercises.check_backprop, ours.backprop)
    assert passed and "有限差分" in text and "✔ 正确！" in text
    passed, text = verdict_and_text(capsys, exercises.check_parameter_gradients,
                                    lambda delta, a_prev: (delta, np.outer(a_prev, delta)))
    assert not passed and "转置了" in text


def test_a_missing_transpose_is_named_in_chinese(zh_cn, capsys):
    """check_backprop adds its BP4 advice by the problem's kind, not by the hint's English words."""
    def transposed(weights, biases, X, Y):
        nabla_w, nabla_b = ours.backprop(weights, biases, X, Y)
        return [g.T for g in nabla_w], nabla_b

    passed, text = verdict_and_text(capsys, exercises.check_backprop, transposed)
    assert not passed and "形状" in text and "某处少了一次转置" in text


def test_three_numbers_in_chinese_but_not_for_an_empty_answer(zh_cn, capsys):
    passed, text = verdict_and_text(capsys, exercises.check_chain_derivatives,
                                    lambda a, w, b, y: np.array(ours.chain_derivatives(a, w, b, y)).reshape(3, 1))
    assert not passed and "三个数" in text and "(3, 1)" in text
    passed, text = verdict_and_text(capsys, exercises.check_chain_derivatives, lambda a, w, b, y: ...)
    assert not passed and "还什么都没有返回" in text and "三个数" not in text


# ----- issue 24 (pedagogy 7): exercise 5 is a skeleton with four numbered blanks -----------------

def _skeleton(bp1=None, bp3=None, bp4=None, bp2=None):
    """The lesson's exercise-5 skeleton: the forward pass given, each blank `...` unless a fill is passed.

    A fill is a function of the names the blank can see: bp1(activations, zs, Y, n), bp3(delta),
    bp4(delta, activations, l), bp2(delta, weights, zs, l).
    """
    def backprop(weights, biases, X, Y):
        activations, zs = [X], []
        for W, b in zip(weights, biases):
            zs.append(activations[-1] @ W.T + b)
            activations.append(sigmoid(zs[-1]))
        n = len(X)
        nabla_w, nabla_b = [None] * len(weights), [None] * len(biases)
        delta = ... if bp1 is None else bp1(activations, zs, Y, n)
        for l in reversed(range(len(weights))):
            nabla_b[l] = ... if bp3 is None else bp3(delta)
            nabla_w[l] = ... if bp4 is None else bp4(delta, activations, l)
            if l > 0:
                delta = ... if bp2 is None else bp2(delta, weights, zs, l)
        return nabla_w, nabla_b
    return backprop


RIGHT = dict(bp1=lambda a, zs, Y, n: 2 * (a[-1] - Y) * sigmoid_prime(zs[-1]) / n,
             bp3=lambda d: d.sum(axis=0),
             bp4=lambda d, a, l: d.T @ a[l],
             bp2=lambda d, W, zs, l: (d @ W[l]) * sigmoid_prime(zs[l - 1]))


def _fill(**changes):
    return _skeleton(**{**RIGHT, **changes})


def test_the_skeleton_filled_right_is_correct(capsys):
    passed, text = verdict_and_text(capsys, exercises.check_backprop, _fill())
    assert passed and "Correct" in text


@pytest.mark.parametrize("wrong, says, never", [
    # the untouched skeleton: the gradient blanks are named, no traceback, no equation blamed
    (_skeleton(), ["blank 2 (BP3)", "blank 3 (BP4)"], ["blank 4 (BP2) and", "Relative error"]),
    # blanks 2-4 filled, blank 1 left: delta is `...` in the first pass
    (_skeleton(bp3=RIGHT["bp3"], bp4=RIGHT["bp4"], bp2=RIGHT["bp2"]), ["fill blank 1 (BP1) first"],
     ["blank 4 (BP2)"]),
    # blank 4 left: the last layer goes through, then delta is `...`
    (_skeleton(bp1=RIGHT["bp1"], bp3=RIGHT["bp3"], bp4=RIGHT["bp4"]), ["fill blank 4 (BP2)"],
     ["fill blank 1 (BP1)"]),
    # BP1 wrong in a way no listed slip matches (σ′ at a instead of z): named by the layer reading
    (_fill(bp1=lambda a, zs, Y, n: 2 * (a[-1] - Y) * sigmoid_prime(a[-1]) / n), ["check blank 1 (BP1)"],
     ["blank 2 ", "blank 3 ", "blank 4 "]),
    # the listed BP1 slips carry their blank
    (_fill(bp1=lambda a, zs, Y, n: 2 * (a[-1] - Y) * sigmoid_prime(zs[-1])), ["Blank 1 (BP1)", "summed over"],
     ["blank 4 "]),
    (_fill(bp1=lambda a, zs, Y, n: 2 * (a[-1] - Y) / n), ["Blank 1 (BP1)", "Missing σ′(z^L)"], ["blank 4 "]),
    # BP3 wrong (mean instead of sum: BP1 already divided by n)
    (_fill(bp3=lambda d: d.mean(axis=0)), ["check blank 2 (BP3)"], ["blank 1 ", "blank 3 ", "blank 4 "]),
    # BP4 wrong with the right shape (an extra factor 2 in the weight gradients only)
    (_fill(bp4=lambda d, a, l: 2 * d.T @ a[l]), ["check blank 3 (BP4)"], ["blank 1 ", "blank 2 ", "blank 4 "]),
    # BP2 wrong: σ instead of σ′, σ′ forgotten, or a sign flipped only on the way back (no listed slip)
    (_fill(bp2=lambda d, W, zs, l: (d @ W[l]) * sigmoid(zs[l - 1])), ["Blank 4 (BP2)", "σ(z^l), not σ′(z^l)"],
     ["blank 1 ", "blank 3 "]),
    (_fill(bp2=lambda d, W, zs, l: (d @ W[l])), ["Blank 4 (BP2)", "Missing σ′(z^l) in BP2"], ["blank 1 "]),
    (_fill(bp2=lambda d, W, zs, l: -(d @ W[l]) * sigmoid_prime(zs[l - 1])), ["check blank 4 (BP2)"],
     ["blank 1 ", "blank 2 ", "blank 3 ", "sign is flipped"]),
])
def test_the_skeleton_hints_name_the_blank(capsys, wrong, says, never):
    passed, text = verdict_and_text(capsys, exercises.check_backprop, wrong)
    assert not passed
    assert_says(text, says, never)
    assert "Traceback" not in text
