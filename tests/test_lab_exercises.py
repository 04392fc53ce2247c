"""Lesson 06's exercise checks: right answers pass, known slips get their hint, odd answers a verdict."""

import warnings

import numpy as np
import pytest

from helpers.exercises import lab


def confusion_right(labels, predictions):
    counts = np.zeros((10, 10), dtype=int)
    np.add.at(counts, (labels, predictions), 1)
    return counts


def abstain_right(outputs, labels, tau):
    answered = outputs.max(axis=1) >= tau
    if not answered.any():
        return 0.0, float("nan")
    return answered.mean(), np.mean(outputs[answered].argmax(axis=1) == labels[answered])


def pca_right(A):
    centred = A - A.mean(axis=0)
    U, s, _ = np.linalg.svd(centred, full_matrices=False)
    return -U[:, :2] * s[:2]                         # the other sign, and via U: still right


def test_right_answers_pass(capsys):
    assert lab.check_confusion_matrix(confusion_right)
    assert lab.check_abstain(abstain_right)
    assert lab.check_top_two_components(pca_right)
    assert capsys.readouterr().out.count("Correct") == 3


@pytest.mark.parametrize("wrong,words", [
    (lambda labels, predictions: confusion_right(predictions, labels), "swapped"),
    (lambda labels, predictions: confusion_right(labels, predictions) / np.maximum(
        confusion_right(labels, predictions).sum(axis=1, keepdims=True), 1), "Count, don't divide"),
    (lambda labels, predictions: np.zeros((10, 10)), "row sums should be the label counts"),
    (lambda labels, predictions: None, "returned nothing"),
    (lambda labels, predictions: np.zeros(10), "shape (10, 10)"),
])
def test_confusion_slips_get_their_hint(wrong, words, capsys):
    assert not lab.check_confusion_matrix(wrong)
    assert words in capsys.readouterr().out


def _strict(outputs, labels, tau):
    answered = outputs.max(axis=1) > tau
    return answered.mean(), np.mean(outputs[answered].argmax(axis=1) == labels[answered])


def _over_all(outputs, labels, tau):
    answered = outputs.max(axis=1) >= tau
    return answered.mean(), np.sum(answered & (outputs.argmax(axis=1) == labels)) / len(labels)


@pytest.mark.parametrize("wrong,words", [
    (_strict, "reaches"),
    (_over_all, "only the answered"),
    (lambda o, y, t: abstain_right(o, y, t)[::-1], "swapped"),
    (lambda o, y, t: ((o.max(axis=1) >= t).sum(), abstain_right(o, y, t)[1]), "a fraction"),
    (lambda o, y, t: 0.5, "two numbers"),
    (lambda o, y, t: (1.0, 1.0), "tau ="),
])
def test_abstain_slips_get_their_hint(wrong, words, capsys):
    assert not lab.check_abstain(wrong)
    assert words in capsys.readouterr().out


def test_abstain_must_answer_nothing_above_every_output(capsys):
    def never_zero(outputs, labels, tau):
        coverage, accuracy = abstain_right(outputs, labels, tau)
        return (coverage, accuracy) if tau <= 1 else (1.0, 0.5)
    assert not lab.check_abstain(never_zero)
    assert "nothing is answered" in capsys.readouterr().out


# ----- issue 23: (0, nan) when nothing is answered; the matrix is 10 × 10 whatever the data ------

def _abstain_then(nothing):
    """Right while something is answered; `nothing` when nothing is."""
    def answer(outputs, labels, tau):
        answered = outputs.max(axis=1) >= tau
        return nothing if not answered.any() else abstain_right(outputs, labels, tau)
    return answer


def _abstain_empty_mean(outputs, labels, tau):
    """nan the natural way: the mean of no examples (NumPy warns; the check keeps the warning to itself)."""
    answered = outputs.max(axis=1) >= tau
    return answered.mean(), np.mean(outputs[answered].argmax(axis=1) == labels[answered])


@pytest.mark.parametrize("nothing, words", [
    ((0.0, 0.0), "accuracy of 0 would describe answers that were never given"),
    ((0.0, 1.0), "accuracy of 1 would describe"),
    ((0, 0), "float('nan') for the accuracy"),
    ((0.0, None), "your function returned (0.0, None)"),
    ((0.0, ...), "float('nan')"),
    ((0.0,), "nothing is answered: coverage 0"),
    ((float("nan"), float("nan")), "nothing is answered: coverage 0"),
    ((1.0, float("nan")), "nothing is answered: coverage 0"),
])
def test_abstain_wants_nan_accuracy_when_nothing_is_answered(nothing, words, capsys):
    assert not lab.check_abstain(_abstain_then(nothing))
    out = capsys.readouterr().out
    assert words in out and "Correct" not in out, out


@pytest.mark.parametrize("right", [_abstain_empty_mean, _abstain_then((0, float("nan"))),
                                   _abstain_then(np.array([0.0, np.nan])), _abstain_then([0.0, float("nan")])])
def test_abstain_accepts_nan_however_it_is_made(right, capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("error")                  # the learner's "Mean of empty slice" stays in the check
        assert lab.check_abstain(right)
    assert "Correct" in capsys.readouterr().out


def _sized_from_data(labels, predictions):
    n = int(max(np.max(labels), np.max(predictions))) + 1
    counts = np.zeros((n, n), dtype=int)
    np.add.at(counts, (labels, predictions), 1)
    return counts


@pytest.mark.parametrize("wrong, says, never", [
    (_sized_from_data, ["always 10 × 10", "yours is (3, 3)", "only [0, 1, 2]"], ["row sums"]),
    (lambda labels, predictions: confusion_right(labels, predictions)[:len(set(labels)), :len(set(labels))],
     ["always 10 × 10", "yours is (3, 3)"], ["row sums"]),
    # not a size read from the data: the usual hints, without "always 10 × 10"
    (lambda labels, predictions: np.zeros(10), ["shape (10, 10)"], ["always 10 × 10"]),
    (lambda labels, predictions: np.zeros((10, 12)), ["shape (10, 10)"], ["always 10 × 10"]),
    (lambda labels, predictions: confusion_right(predictions, labels), ["swapped"], ["always 10 × 10"]),
])
def test_confusion_matrix_is_10_by_10_whatever_the_data(wrong, says, never, capsys):
    assert not lab.check_confusion_matrix(wrong)
    out = capsys.readouterr().out
    for words in says:
        assert words in out, out
    for words in never:
        assert words not in out, out


def test_confusion_matrix_cases_include_data_lacking_digits():
    """The case that catches a size read from the data: its largest label and answer are below 9."""
    assert any(max(labels.max(), predictions.max()) < 9 for labels, predictions in lab._confusion_cases())


def _uncentred(A):
    _, _, Vt = np.linalg.svd(A, full_matrices=False)
    return A @ Vt[:2].T


def _unit_columns(A):
    U, _, _ = np.linalg.svd(A - A.mean(axis=0), full_matrices=False)
    return U[:, :2]


def _swapped(A):
    return np.fliplr(pca_right(A))


def _columns_of_vt(A):
    centred = A - A.mean(axis=0)
    _, _, Vt = np.linalg.svd(centred, full_matrices=False)
    return centred @ Vt[:, :2]


@pytest.mark.parametrize("wrong,words", [
    (_uncentred, "Centre the rows first"),
    (_unit_columns, "U's columns"),
    (_swapped, "wrong order"),
    (_columns_of_vt, "ROWS of Vt"),
    (lambda A: A[:, :2], "Entry"),
    (lambda A: "pca", "your function returned"),
])
def test_pca_slips_get_their_hint(wrong, words, capsys):
    assert not lab.check_top_two_components(wrong)
    assert words in capsys.readouterr().out


def test_a_function_that_changes_its_input_is_judged_on_its_result(capsys):
    def centres_in_place(A):
        A -= A.mean(axis=0)
        _, _, Vt = np.linalg.svd(A, full_matrices=False)
        return A @ Vt[:2].T
    assert lab.check_top_two_components(centres_in_place)


# ----- the zh-CN edition ----------------------------------------------------------------

def test_lesson_06_checks_speak_chinese(zh_cn, capsys):
    assert not lab.check_confusion_matrix(lambda labels, predictions: np.zeros((10, 10)))
    out = capsys.readouterr().out
    assert out.startswith("✘ 还不对。") and "混淆矩阵" in out and "各行之和" in out
    assert not lab.check_abstain(lambda outputs, labels, tau: (1.0, 1.0))
    assert "覆盖率" in capsys.readouterr().out
    assert lab.check_abstain(lab._abstain)
    out = capsys.readouterr().out
    assert "✔ 正确！" in out and "准确率" in out
