"""Lesson 02's self-checks: each accepts our solution and names the typical mistakes."""

import numpy as np
import pytest

from helpers import descent as landscapes
from helpers import exercises
from helpers.exercises import _core


def verdict(check, fn, capsys):
    result = check(fn)
    return result, capsys.readouterr().out


# ----- the cost of one example ---------------------------------------------------

def test_example_cost_accepts_the_reference_and_a_loop(capsys):
    ok, out = verdict(exercises.check_example_cost, _core._SOLUTIONS["example_cost"], capsys)
    assert ok and "Correct" in out

    def with_a_loop(a, label):
        total = 0.0
        for j in range(10):
            total += (a[j] - (1.0 if j == label else 0.0)) ** 2
        return total
    assert verdict(exercises.check_example_cost, with_a_loop, capsys)[0]


def one_hot(label):
    y = np.zeros(10)
    y[label] = 1
    return y


@pytest.mark.parametrize("wrong, hint", [
    (lambda a, label: np.sum(a - one_hot(label)), "forgot to square"),
    (lambda a, label: np.sum((a - label) ** 2), "one-hot"),
    (lambda a, label: 0.5 * np.sum((a - one_hot(label)) ** 2), "½"),
    (lambda a, label: np.mean((a - one_hot(label)) ** 2), "mean over the ten outputs"),
    (lambda a, label: (a - one_hot(label)) ** 2, "add them up"),
    (lambda a, label: np.linalg.norm(a - one_hot(label)), "square root"),
    (lambda a, label: ..., "returned nothing"),
    (lambda a, label: 1 / 0, "ZeroDivisionError"),
])
def test_example_cost_names_the_mistake(wrong, hint, capsys):
    ok, out = verdict(exercises.check_example_cost, wrong, capsys)
    assert not ok
    assert "Not yet" in out and hint in out


# ----- one descent step ---------------------------------------------------------------

def test_descent_step_accepts_the_reference(capsys):
    ok, out = verdict(exercises.check_descent_step, _core._SOLUTIONS["descent_step"], capsys)
    assert ok and "Correct" in out


def test_descent_step_uses_the_lessons_cost():
    step = _core._SOLUTIONS["descent_step"]
    for w in (-2.0, -0.3, 0.5, 1.7):
        assert step(w, 0.05) == pytest.approx(w - 0.05 * landscapes.slope_1d(w))
        # and the widget's slope is the derivative of the widget's cost
        eps = 1e-6
        numeric = (landscapes.cost_1d(w + eps) - landscapes.cost_1d(w - eps)) / (2 * eps)
        assert landscapes.slope_1d(w) == pytest.approx(numeric, rel=1e-7)


def slope(w):
    return 4 * w ** 3 - 6 * w + 1


@pytest.mark.parametrize("wrong, hint", [
    (lambda w, eta: w + eta * slope(w), "sign is flipped"),
    (lambda w, eta: w - eta * (w ** 4 - 3 * w ** 2 + w + 3), "cost C(w) itself"),
    (lambda w, eta: w - slope(w), "forgot the learning rate"),
    (lambda w, eta: -eta * slope(w), "Return the new position"),
    (lambda w, eta: w - eta * (4 * w ** 3 - 6 * w), "misses the +1"),
    (lambda w, eta: w - 2 * eta * slope(w), "should land on"),
])
def test_descent_step_names_the_mistake(wrong, hint, capsys):
    ok, out = verdict(exercises.check_descent_step, wrong, capsys)
    assert not ok
    assert "Not yet" in out and hint in out


# ----- the SGD update ------------------------------------------------------------------

def test_sgd_update_accepts_the_reference_and_in_place_updates(capsys):
    ok, out = verdict(exercises.check_sgd_update, _core._SOLUTIONS["sgd_update"], capsys)
    assert ok and "Correct" in out

    def in_place(weights, gradients, learning_rate):
        for W, G in zip(weights, gradients):
            W -= learning_rate * G
        return weights
    assert verdict(exercises.check_sgd_update, in_place, capsys)[0]


def only_first(weights, gradients, eta):
    return [weights[0] - eta * gradients[0]] + list(weights[1:])


@pytest.mark.parametrize("wrong, hint", [
    (lambda W, G, eta: [w + eta * g for w, g in zip(W, G)], "sign is flipped"),
    (lambda W, G, eta: [w - g for w, g in zip(W, G)], "forgot the learning rate"),
    (only_first, "Only 1 of the"),
    (lambda W, G, eta: (w - eta * g for w, g in zip(W, G)), "generator"),
    (lambda W, G, eta: W[0] - eta * G[0], "single NumPy array"),
    (lambda W, G, eta: [w - eta * g for w, g in zip(W[:-1], G[:-1])], "needs"),
    (lambda W, G, eta: {"W": W}, "dict"),
    (lambda W, G, eta: [(w - eta * g).T for w, g in zip(W, G)], "shape"),
])
def test_sgd_update_names_the_mistake(wrong, hint, capsys):
    ok, out = verdict(exercises.check_sgd_update, wrong, capsys)
    assert not ok
    assert "Not yet" in out and hint in out


def test_solutions_print_without_the_decorator(capsys):
    for name in ("example_cost", "descent_step", "sgd_update"):
        exercises.solution(name)
        out = capsys.readouterr().out
        assert "def _" in out and "@reference" not in out


# ----- the zh-CN edition ----------------------------------------------------------------

def test_descent_checks_speak_chinese(zh_cn, capsys):
    rng = np.random.default_rng(0)
    passed, out = verdict(exercises.check_example_cost, lambda a, label: (a - np.eye(10)[label]) ** 2, capsys)
    assert not passed and "✘ 还不对。" in out and "十个差的平方" in out
    passed, out = verdict(exercises.check_descent_step, lambda w, eta: w - (4 * w ** 3 - 6 * w + 1), capsys)
    assert not passed and "学习率" in out
    passed, out = verdict(exercises.check_descent_step, lambda w, eta: w - eta * (4 * w ** 3 - 6 * w + 1), capsys)
    assert passed and out.startswith("✔ 正确！") and "下坡" in out
    passed, out = verdict(exercises.check_sgd_update, lambda W, G, eta: [rng.random(w.shape) for w in W], capsys)
    assert not passed and "W − η·G" in out and "你的结果是" in out


def test_near_misses_show_the_difference_in_chinese(zh_cn, capsys):
    passed, out = verdict(exercises.check_example_cost,
                          lambda a, label: np.sum((a - np.eye(10)[label]) ** 2) * (1 + 1e-7), capsys)
    assert not passed and "代价应当是" in out and "相差" in out
