"""Lesson 03's self-checks: each accepts our solution and names the typical mistakes."""

import re

import numpy as np
import pytest

from helpers import exercises
from helpers.exercises._core import _SOLUTIONS


def test_every_exercise_has_a_worked_solution(capsys):
    for name in ("output_nudges", "hidden_wish", "average_gradient"):
        assert name in _SOLUTIONS
        exercises.solution(name)
        assert f"One way to write {name!r}" in capsys.readouterr().out


# ----- output nudges ----------------------------------------------------------------------------

def test_output_nudges_accepts_the_solution(capsys):
    assert exercises.check_output_nudges(_SOLUTIONS["output_nudges"])
    assert "Correct" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, hint", [
    (lambda a, label: a - np.eye(10)[label], "sign is flipped"),
    (lambda a, label: label - a, "not one-hot"),
    (lambda a, label: -a, "not one-hot"),
    (lambda a, label: 2 * (np.eye(10)[label] - a), "without the 2"),
    (lambda a, label: (np.eye(10)[label] - a) ** 2, "lost their sign"),
    (lambda a, label: np.eye(10)[label][:, None] - a, "shape (10,)"),
    (lambda a, label: ..., "returned nothing"),
    (lambda a, label: 1 / 0, "ZeroDivisionError"),
])
def test_output_nudges_names_the_mistake(wrong, hint, capsys):
    assert not exercises.check_output_nudges(wrong)
    out = capsys.readouterr().out
    assert "Not yet" in out and hint in out


# ----- hidden wish ------------------------------------------------------------------------------

def test_hidden_wish_accepts_the_solution_and_an_explicit_loop(capsys):
    assert exercises.check_hidden_wish(_SOLUTIONS["hidden_wish"])

    def loop(W, output_wishes, sigma_prime_z):
        total = np.zeros(W.shape[1])
        for j in range(W.shape[0]):
            for k in range(W.shape[1]):
                total[k] += W[j, k] * sigma_prime_z[j] * output_wishes[j]
        return total
    assert exercises.check_hidden_wish(loop)
    assert capsys.readouterr().out.count("Correct") == 2


@pytest.mark.parametrize("wrong, hint", [
    (lambda W, w, s: W @ (w * s), "Use W.T, not W"),
    (lambda W, w, s: (W * (w * s)[:, None]).sum(axis=1), "wrong axis"),
    (lambda W, w, s: W.T @ w, "forgot σ′(z)"),
    (lambda W, w, s: -(W.T @ (w * s)), "sign is flipped"),
    (lambda W, w, s: 2 * W.T @ (w * s), "extra factor 2"),
    (lambda W, w, s: W * (w * s)[:, None], "Add them up"),
])
def test_hidden_wish_names_the_mistake(wrong, hint, capsys):
    assert not exercises.check_hidden_wish(wrong)
    out = capsys.readouterr().out
    assert "Not yet" in out and hint in out


# ----- average gradient -------------------------------------------------------------------------

def summed(net, X, y):
    total_w = [np.zeros_like(W) for W in net.weights]
    total_b = [np.zeros_like(b) for b in net.biases]
    for i in range(len(X)):
        nabla_w, nabla_b = net.gradient(X[i:i + 1], y[i:i + 1])
        total_w = [t + g for t, g in zip(total_w, nabla_w)]
        total_b = [t + g for t, g in zip(total_b, nabla_b)]
    return total_w, total_b


def last_only(net, X, y):
    for i in range(len(X)):
        nabla_w, nabla_b = net.gradient(X[i:i + 1], y[i:i + 1])
    return [g / len(X) for g in nabla_w], [g / len(X) for g in nabla_b]


def test_average_gradient_accepts_the_solution(capsys):
    assert exercises.check_average_gradient(_SOLUTIONS["average_gradient"])
    out = capsys.readouterr().out
    assert "Correct" in out and "largest difference" in out


@pytest.mark.parametrize("wrong, hint", [
    (summed, "times too big"),
    (lambda net, X, y: net.gradient(X, y), "whole batch at once"),
    (lambda net, X, y: tuple([-g for g in part] for part in net.gradient(X, y)), "sign is flipped"),
    (last_only, "last example"),
    (lambda net, X, y: net.gradient(X, y)[0], "Return two lists"),
    (lambda net, X, y: (net.gradient(X, y)[0], net.gradient(X, y)[0]), "bias gradients"),
    (lambda net, X, y: ..., "returned nothing"),
])
def test_average_gradient_names_the_mistake(wrong, hint, capsys):
    assert not exercises.check_average_gradient(wrong)
    out = capsys.readouterr().out
    assert "Not yet" in out and hint in out


def test_average_gradient_tolerance_is_1e_12(capsys):
    """Off by 1e-9 in one entry is not the same numbers."""
    def nearly(net, X, y):
        nabla_w, nabla_b = _SOLUTIONS["average_gradient"](net, X, y)
        nabla_b[0][0] += 1e-9
        return nabla_w, nabla_b
    assert not exercises.check_average_gradient(nearly)
    assert "differ" in capsys.readouterr().out


# ----- issue 15 item 7: the check judges the exercise (per-example gradients), not only the numbers ----

def whole_batch_n_times(net, X, y):
    """The right numbers without a single per-example gradient: the batch's gradient, averaged n times."""
    grads = [net.gradient(X, y) for _ in range(len(X))]
    return ([sum(g[0][l] for g in grads) / len(X) for l in range(len(net.weights))],
            [sum(g[1][l] for g in grads) / len(X) for l in range(len(net.biases))])


def half_and_half(net, X, y):
    """Per-example gradients for the first half only, the second half as one batch."""
    half = len(X) // 2
    parts = [net.gradient(X[i:i + 1], y[i:i + 1]) for i in range(half)] + [net.gradient(X[half:], y[half:])]
    weights = [1.0] * half + [len(X) - half]
    return ([sum(w * p[0][l] for w, p in zip(weights, parts)) / len(X) for l in range(len(net.weights))],
            [sum(w * p[1][l] for w, p in zip(weights, parts)) / len(X) for l in range(len(net.biases))])


def precomputed(net, X, y):
    """Numbers computed elsewhere (a fresh copy of the same network), never asking the network given."""
    from helpers.core.network import Network
    return Network([784, 16, 16, 10], seed=1).gradient(np.array(X), np.array(y))


@pytest.mark.parametrize("wrong, hint", [
    (whole_batch_n_times, "whole batch at once (12 times)"),
    (half_and_half, "only 6 of the 12 examples"),
    (precomputed, "never called net.gradient"),
])
def test_average_gradient_needs_every_example_on_its_own(wrong, hint, capsys):
    assert not exercises.check_average_gradient(wrong)
    out = capsys.readouterr().out
    assert "right numbers" in out and hint in out and "one example at a time" in out


def only_some_examples(net, X, y):
    """Per-example gradients for all but the last two, whose gradient comes from a 2-example batch."""
    parts = [net.gradient(X[i:i + 1], y[i:i + 1]) for i in range(len(X) - 2)]
    pair_ = net.gradient(X[-2:], y[-2:])
    n = len(X)
    return ([(sum(p[0][l] for p in parts) + 2 * pair_[0][l]) / n for l in range(len(net.weights))],
            [(sum(p[1][l] for p in parts) + 2 * pair_[1][l]) / n for l in range(len(net.biases))])


def test_average_gradient_counts_the_examples_that_had_their_own_gradient(capsys):
    assert not exercises.check_average_gradient(only_some_examples)
    assert "only 10 of the 12 examples had a gradient of their own" in capsys.readouterr().out


def one_image_at_a_time(net, X, y):
    """Per example with 1-D images and the cost_and_gradient variant: still one example at a time."""
    grads = [net.cost_and_gradient(X[i], y[i:i + 1])[1] for i in range(len(X))]
    return ([np.mean([g[0][l] for g in grads], axis=0) for l in range(len(net.weights))],
            [np.mean([g[1][l] for g in grads], axis=0) for l in range(len(net.biases))])


def test_average_gradient_accepts_other_per_example_forms(capsys):
    assert exercises.check_average_gradient(one_image_at_a_time), capsys.readouterr().out
    assert "Correct" in capsys.readouterr().out


# ----- issue 23: each hint names the slip that was made, and only that one ---------------------

def _square_then(slip):
    """Right on the square case (10 outputs, 10 hidden), `slip` on the (10, 16) one."""
    def answer(W, w, s):
        return W.T @ (w * s) if W.shape[0] == W.shape[1] else slip(W, w, s)
    return answer


@pytest.mark.parametrize("wrong, says, never", [
    # σ′ after the sum (W.T was used): the brackets, not "use W.T"
    (lambda W, w, s: W.T @ w * s, ["Mind the brackets", "W.T @ (output_wishes * sigma_prime_z)"],
     ["Use W.T, not W", "use W.T."]),
    (_square_then(lambda W, w, s: W.T @ w * s), ["Mind the brackets"], ["Use W.T, not W", "use W.T."]),
    # W where W.T belongs: "use W.T", not the brackets
    (lambda W, w, s: W @ (w * s), ["Use W.T, not W"], ["Mind the brackets"]),
    (_square_then(lambda W, w, s: W @ (w * s)), ["to collect over the outputs use W.T"], ["Mind the brackets"]),
    (lambda W, w, s: W.T @ w, ["forgot σ′(z)"], ["Mind the brackets"]),
])
def test_hidden_wish_hints_name_the_slip_made(wrong, says, never, capsys):
    assert not exercises.check_hidden_wish(wrong)
    hint = re.sub(r"\(in `.*?`\)", "", capsys.readouterr().out)       # the learner's quoted line left out
    for words in says:
        assert words in hint, hint
    for words in never:
        assert words not in hint, hint


@pytest.mark.parametrize("wrong, says, never", [
    (lambda net, X, y: tuple(_SOLUTIONS["average_gradient"](net, X, y))[::-1],
     ["lists are swapped", "(nabla_w, nabla_b)"], ["bias gradients", "shape"]),
    (lambda net, X, y: (net.gradient(X, y)[0], net.gradient(X, y)[0]), ["bias gradients"], ["swapped"]),
    (lambda net, X, y: ([g.T for g in net.gradient(X, y)[0]], net.gradient(X, y)[1]), ["shape"], ["swapped"]),
])
def test_average_gradient_names_a_swapped_pair(wrong, says, never, capsys):
    assert not exercises.check_average_gradient(wrong)
    out = capsys.readouterr().out
    for words in says:
        assert words in out, out
    for words in never:
        assert words not in out, out


# ----- the zh-CN edition ----------------------------------------------------------------

def test_wish_checks_speak_chinese(zh_cn, capsys):
    assert not exercises.check_output_nudges(lambda a, label: a - np.eye(10)[label])
    out = capsys.readouterr().out
    assert out.startswith("✘ 还不对。") and "符号反了" in out and "愿望" in out
    assert not exercises.check_hidden_wish(lambda W, wishes, sp: W.T @ wishes)
    assert "σ′(z)" in capsys.readouterr().out
    assert exercises.check_output_nudges(_SOLUTIONS["output_nudges"])
    assert "✔ 正确！" in capsys.readouterr().out


def test_average_gradient_speaks_chinese(zh_cn, capsys):
    assert not exercises.check_average_gradient(lambda net, X, y: net.gradient(X, y))
    out = capsys.readouterr().out
    assert "数是对的" in out and "net.gradient(X[i:i+1], y[i:i+1])" in out
    assert not exercises.check_average_gradient(lambda net, X, y: 7)
    assert "两个列表" in capsys.readouterr().out
