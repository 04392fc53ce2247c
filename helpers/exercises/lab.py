"""Lesson 06 (the lab: take the network apart): exercises.

- `check_confusion_matrix(fn)`: fn(labels, predictions) -> (10, 10) counts, rows = true label.
- `check_abstain(fn)`: fn(outputs, labels, tau) -> (coverage, accuracy on the answered).
- `check_top_two_components(fn)`: fn(A) -> (n, 2) coordinates on the top two principal components
  (checked against NumPy's SVD; either sign of a component is right).
"""

from functools import cache

import numpy as np

from ..core.data import load_digits, load_trained_network
from ..core.languages import _, tr
from ._core import (
    Problem,
    check,
    close,
    correct,
    differs,
    frozen,
    mistake,
    numbers,
    pair,
    reference,
    run,
    sentences,
)

__all__ = ["check_confusion_matrix", "check_abstain", "check_top_two_components"]


# ----- 1. confusion matrix ---------------------------------------------------------------------

@reference("confusion_matrix")
def _confusion_matrix(labels, predictions):
    counts = np.zeros((10, 10), dtype=int)
    for label, answer in zip(labels, predictions):
        counts[label, answer] += 1            # row: the true label; column: what the network said
    return counts


def _confusion_cases():
    rng = np.random.default_rng(6)
    labels = rng.integers(0, 10, 300)
    noisy = np.where(rng.random(300) < 0.3, rng.integers(0, 10, 300), labels)     # 30 % changed: asymmetric
    _train, (X_test, y_test) = load_digits()
    net = load_trained_network()
    return [(np.array([3, 3, 5, 9]), np.array([3, 8, 5, 4])), (labels, noisy),
            (y_test[:500], net.predict(X_test[:500])),
            (np.array([0, 1, 2, 2, 1, 0]), np.array([0, 2, 1, 2, 2, 0]))]    # only 0, 1, 2: the matrix is still 10×10


def _confusion_slips(want):
    rows = np.maximum(want.sum(axis=1, keepdims=True), 1)
    return {
        _("Rows and columns are swapped: row i is the TRUE label i, column j the network's answer j "
          "(counts[label, prediction] += 1)."): want.T,
        _("Count, don't divide: each entry is a number of examples, and each row sums to how many examples "
          "have that label."): want / rows,
        _("Each entry counts the examples with that (label, answer) pair; you seem to have marked whether a "
          "pair occurs (1) rather than how often."): (want > 0).astype(float),
    }


@check("confusion_matrix(labels, predictions)")
def check_confusion_matrix(fn):
    """Check fn(labels, predictions) -> counts (10, 10): counts[i, j] = how many label-i examples were called j."""
    for labels, predictions in _confusion_cases():
        want = _confusion_matrix(labels, predictions)
        got = numbers(run(fn, labels, predictions), (10, 10), what=_("the confusion matrix"), enforce_shape=False)
        if got.shape != (10, 10):
            present = sorted(set(labels.tolist()) | set(predictions.tolist()))
            if got.ndim == 2 and got.shape[0] == got.shape[1] < 10:
                raise Problem(tr("The confusion matrix is always 10 × 10, one row and one column for each digit "
                                 "0–9, even when some digits never occur in the data; yours is {shape} for data "
                                 "holding only {present}. Start from np.zeros((10, 10)), not from a size read off "
                                 "the data.", shape=got.shape, present=present))
            numbers(got, (10, 10), what=_("the confusion matrix"))          # the usual shape hint
        if close(got, want):
            continue
        mistake(got, _confusion_slips(want))
        raise Problem(sentences(differs(got, want, _("the confusion matrix")),
                                tr("Check: row sums should be the label counts {counts}.",
                                   counts=np.bincount(labels, minlength=10).tolist())))
    return correct(_("The diagonal holds the right answers: its sum over the total is the accuracy."))


# ----- 2. abstaining --------------------------------------------------------------------------------

@reference("abstain")
def _abstain(outputs, labels, tau):
    top = outputs.max(axis=1)                          # the answer's activation, per example
    answered = top >= tau                              # answer only when it reaches tau
    coverage = answered.mean()                         # fraction answered
    if not answered.any():
        return coverage, float("nan")                  # nothing answered: no accuracy to speak of
    right = outputs[answered].argmax(axis=1) == labels[answered]
    return coverage, right.mean()                      # accuracy among the answered only


@cache
def _abstain_cases():
    _train, (X_test, y_test) = load_digits()
    outputs = load_trained_network().forward(X_test[:400])
    tied = np.array([[0.1, 0.7, 0.2], [0.6, 0.3, 0.1], [0.2, 0.2, 0.9], [0.5, 0.4, 0.45]])
    frozen(outputs, y_test, tied)
    return [(outputs, y_test[:400], 0.9), (outputs, y_test[:400], 0.5), (outputs, y_test[:400], 0.0),
            (tied, np.array([1, 1, 2, 0]), 0.6)]       # top outputs 0.7, 0.6, 0.9, 0.5: one sits exactly on tau


def _abstain_slips(outputs, labels, tau, want):
    top = outputs.max(axis=1)
    right = outputs.argmax(axis=1) == labels
    answered = top >= tau
    strict = top > tau
    return {
        _("Answer when the top output *reaches* tau (top >= tau): with > an output exactly equal to tau is "
          "wrongly left out."): [np.mean(strict), np.mean(right[strict]) if strict.any() else np.nan],
        _("The accuracy counts only the answered examples: right answers among them / how many were answered, "
          "not / all examples."): [want[0], np.sum(right & answered) / len(labels)],
        _("Coverage is a fraction (answered / all), not a count."): [answered.sum(), want[1]],
        _("The accuracy is measured on the answered examples, not on those the rule abstains from."):
            [want[0], np.mean(right[~answered]) if (~answered).any() else np.nan],
        _("Coverage and accuracy are swapped: return (coverage, accuracy)."): want[::-1],
        _("Compare each example's TOP output (outputs.max(axis=1)) with tau, not every output."):
            [np.mean(outputs >= tau), want[1]],
    }


@check("abstain(outputs, labels, tau)")
def check_abstain(fn):
    """Check fn(outputs, labels, tau) -> (coverage, accuracy on the answered), with >= tau answered."""
    for outputs, labels, tau in _abstain_cases():
        want = np.array(_abstain(outputs, labels, tau), dtype=float)
        result = run(fn, outputs, labels, tau)
        got = numbers(result, (2,), what=_("(coverage, accuracy)"), enforce_shape=False)
        if got.shape != (2,):
            raise Problem(tr("Return two numbers, (coverage, accuracy); yours {has_shape}.",
                             has_shape=_("is one number") if got.ndim == 0 else tr("has shape {shape}",
                                                                                     shape=got.shape)))
        if close(got, want):
            continue
        mistake(got, _abstain_slips(outputs, labels, tau, want))
        (c_want, c_got), (a_want, a_got) = pair(want[0], got[0]), pair(want[1], got[1])
        raise Problem(tr("With tau = {tau}, coverage should be {c_want} and accuracy {a_want}; yours are {c_got} "
                         "and {a_got}. Answer an example when its top output is >= tau; accuracy counts only those.",
                         tau=tau, c_want=c_want, a_want=a_want, c_got=c_got, a_got=a_got))
    # tau above every output: nothing is answered, and the lesson asks for (0, nan), not (0, 0).
    outputs, labels = _abstain_cases()[-1][:2]
    try:
        nothing = run(fn, outputs, labels, 1.5)
    except Problem as problem:
        if problem.kind != "part missing":
            raise
        raise Problem(tr("With tau above every output nothing is answered, and your function returned {value}. "
                         "Return two numbers: coverage 0.0 and, for the accuracy, float('nan') (there is no "
                         "answer to be right or wrong).", value=problem.detail)) from None
    got = numbers(nothing, (2,), what=_("(coverage, accuracy)"), finite=False, enforce_shape=False)
    if got.shape != (2,) or got[0] != 0:
        raise Problem(_("With tau above every output, nothing is answered: coverage 0 (and the accuracy is "
                        "undefined: return float('nan'))."))
    if not np.isnan(got[1]):
        raise Problem(tr("With tau above every output nothing is answered: coverage 0 is right, but an accuracy "
                         "of {accuracy:g} would describe answers that were never given. There are none to measure: "
                         "return float('nan') for the accuracy, as the exercise asks.",
                         accuracy=float(got[1])))
    return correct(_("Raising tau trades coverage for accuracy on what is answered."))


# ----- 3. top two principal components ---------------------------------------------------------------

@reference("top_two_components")
def _top_two_components(A):
    centred = A - A.mean(axis=0)                       # PCA looks at the spread around the mean
    _, _, Vt = np.linalg.svd(centred, full_matrices=False)
    return centred @ Vt[:2].T                          # coordinates along the two strongest directions


@cache
def _pca_cases():
    rng = np.random.default_rng(8)
    stretched = rng.standard_normal((200, 3)) * [5.0, 2.0, 0.3] + [10.0, -4.0, 2.0]   # far from the origin
    _train, (X_test, _labels) = load_digits()
    hidden = load_trained_network().feedforward(X_test[:300])[1][2]
    return frozen(stretched, hidden)


def _aligned(got, reference):
    """got with each column's sign flipped to agree with reference (an SVD may return v or -v)."""
    signs = np.sign(np.sum(got * reference, axis=0))
    signs[signs == 0] = 1
    return got * signs


def _pca_slips(A):
    centred = A - A.mean(axis=0)
    _u, s, Vt = np.linalg.svd(centred, full_matrices=False)
    Vt_raw = np.linalg.svd(A, full_matrices=False)[2]
    return {
        _("Centre the rows first (subtract A.mean(axis=0)): otherwise the first direction points at the mean."):
            A @ Vt_raw[:2].T,
        _("Project the centred rows, A - mean: the directions are right, the coordinates are shifted by the "
          "mean's."): A @ Vt[:2].T,
        _("Those are U's columns, scaled to length 1: the coordinates are U[:, :2] * s[:2] "
          "(= centred @ Vt[:2].T)."): centred @ Vt[:2].T / s[:2],
        _("The columns are in the wrong order: the first column is the direction of the LARGEST singular value "
          "(NumPy's svd returns them largest first)."): centred @ Vt[[1, 0]].T,
        _("Take the first two ROWS of Vt (the directions), not its first two columns: centred @ Vt[:2].T."):
            centred @ Vt[:, :2],
    }


@check("top_two_components(A)")
def check_top_two_components(fn):
    """Check fn(A) -> (n, 2): centred rows projected on the top two right singular vectors (any sign per column)."""
    for A in _pca_cases():
        want = _top_two_components(A)
        got = numbers(run(fn, A), want.shape, what=_("the 2-D coordinates"))
        if close(_aligned(got, want), want, rtol=1e-6, atol=1e-8):
            continue
        for hint, wrong in _pca_slips(A).items():
            if close(_aligned(got, wrong), wrong, rtol=1e-6, atol=1e-8):
                raise Problem(hint)
        raise Problem(sentences(differs(_aligned(got, want), want, _("the 2-D coordinates"), rtol=1e-6, atol=1e-8),
                                _("Take the first two ROWS of Vt from np.linalg.svd(centred, full_matrices=False), "
                                  "and return centred @ Vt[:2].T.")))
    return correct(_("Two coordinates per example, along the two directions of largest spread."))
