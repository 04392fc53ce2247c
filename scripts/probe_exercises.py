"""Probe every exercise check with the odd answers a learner gives, and count the verdicts.

    python scripts/probe_exercises.py            # the table, one row per kind of odd answer
    python scripts/probe_exercises.py -v         # and every verdict that is not clear

Each check meets 19 kinds of odd answer (plus a near miss: our solution off by a factor
1 + 2e-6). Every answer is wrong, so each try ends in one of:
- clear: a false verdict whose hint speaks to the actual problem (see `_clear`);
- unclear: a false verdict whose hint does not (e.g. "your function raised ..." when the
  learner's function raised nothing, a hint showing two equal numbers as different);
- silent wrong: "Correct" for a wrong answer;
- crash: an exception reaching the learner.

Then right answers in other forms (lists instead of arrays, a function that changes its
inputs after computing its answer) must be accepted; check_shuffle_pixels rejects the
second on purpose (X is the learner's data set, used again in the lesson).

The script uses whatever `helpers` is importable first, so PYTHONPATH=<an old checkout>
measures an older version.
"""

import contextlib
import io
import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.append(str(Path(__file__).resolve().parents[1]))      # after PYTHONPATH: an old checkout can win

from helpers import exercises  # noqa: E402
from helpers.exercises import _core  # noqa: E402

# check name -> the exercise whose reference solution it judges (check_<name> judges <name>)
CHECKS = {name: name.removeprefix("check_") for name in exercises.__all__ if name.startswith("check_")}


def _like(value, f):
    """Apply f to every array or number inside value, keeping lists and tuples as they are."""
    if isinstance(value, (list, tuple)):
        return type(value)(_like(v, f) for v in value)
    return f(np.asarray(value))


def _returning(make):
    """A learner's function that computes our answer and returns make(answer) instead."""
    def build(solution):
        def answer(*args):
            return make(solution(*args))
        return answer
    return build


def _raises(*args):
    raise ValueError("something went wrong in my code")


def _generator():
    return (x for x in (0.5, 0.25))


# kind -> (how to build the learner's "function" from our solution, what a clear hint must mention)
KINDS = {
    "returns None": (_returning(lambda r: None), "nothing yet"),
    "returns ...": (_returning(lambda r: ...), "nothing yet"),
    "returns nan": (_returning(lambda r: float("nan")), ""),
    "returns inf everywhere": (_returning(lambda r: _like(r, lambda a: np.full(a.shape, np.inf))), ""),
    "returns a string": (_returning(lambda r: "0.5"), ""),
    "returns a dict": (_returning(lambda r: {"answer": r}), ""),
    "returns a map": (_returning(lambda r: map(float, [0.5, 0.25])), ""),
    "returns a generator": (_returning(lambda r: _generator()), ""),
    "returns a ragged list": (_returning(lambda r: [[1.0, 2.0], [3.0]]), ""),
    "returns complex numbers": (_returning(lambda r: _like(r, lambda a: a + 1j)), ""),
    "returns an object array": (_returning(lambda r: _like(r, lambda a: np.full(a.shape, None, dtype=object))), ""),
    "returns True/False": (_returning(lambda r: _like(r, lambda a: a > 0)), ""),
    "returns an empty list": (_returning(lambda r: []), ""),
    "returns a huge array": (_returning(lambda r: np.zeros((4000, 4000))), ""),
    "returns the wrong shape": (_returning(lambda r: np.zeros((3, 4, 5))), ""),
    "raises": (lambda solution: _raises, "raised ValueError"),
    "takes no arguments": (lambda solution: (lambda: 0.5), "argument"),
    "is not a function": (lambda solution: 42, "function itself"),
    "is its result, not a function": (lambda solution: np.full(10, 0.5), "function itself"),
}
NEAR_MISS = "near miss (x (1 + 2e-6))"

_EQUAL_NUMBERS = re.compile(r"should be (-?[\d.e+-]+)[^;]*; yours (?:gives|is) (-?[\d.e+-]+)")


def _clear(text, must_mention):
    """Why a printed verdict is not clear, or '' when it is."""
    verdicts = [line for line in text.splitlines() if "Not yet" in line]
    if len(verdicts) != 1:
        return f"{len(verdicts)} verdict lines"
    hint = text.split("Not yet.", 1)[-1].strip()
    if not hint:
        return "empty hint"
    if must_mention and must_mention not in hint:
        return f"does not say {must_mention!r}"
    if not must_mention.startswith("raised") and hint.startswith("Your function raised"):
        return "blames the learner's function for an error it did not raise"
    if "not in the form this check expects" in hint:
        return "the safety net answered (a case no check foresaw)"
    for want, got in _EQUAL_NUMBERS.findall(hint):
        if want.rstrip(".") == got.rstrip("."):
            return f"shows {want} as different from {got}"
    return ""


def _try(check, fn, must_mention):
    """(outcome, detail, seconds) for one check on one learner's function."""
    out = io.StringIO()
    start = time.perf_counter()
    try:
        with contextlib.redirect_stdout(out):
            verdict = check(fn)
    except BaseException as exc:      # noqa: BLE001  a crash is what we count
        return "crash", f"{type(exc).__name__}: {str(exc)[:120]}", time.perf_counter() - start
    seconds = time.perf_counter() - start
    if bool(verdict):
        return "silent wrong", out.getvalue().strip()[:160], seconds
    problem = _clear(out.getvalue(), must_mention)
    return ("unclear", f"{problem}: {out.getvalue().strip()[:200]}", seconds) if problem else ("clear", "", seconds)


def _spoil(value):
    """Change an argument in place, as careless code does: arrays zeroed, lists emptied of meaning."""
    if isinstance(value, np.ndarray) and value.flags.writeable:
        value[...] = 0
    elif isinstance(value, list):
        for item in value:
            _spoil(item)
        value.append("changed")
    elif hasattr(value, "weights"):                  # a Network
        for W in value.weights:
            W[...] = 0


def _then_changes_inputs(solution):
    """Our solution, which afterwards changes every argument it was given."""
    def answer(*args):
        import copy
        result = copy.deepcopy(solution(*args))
        for arg in args:
            _spoil(arg)
        return result
    return answer


# right answers in other forms: each should be accepted
RIGHT = {
    "our solution": lambda solution: solution,
    "returns lists, not arrays": _returning(lambda r: _like(r, lambda a: a.tolist())),
    "changes its inputs after computing": _then_changes_inputs,
}


def probe_right(verbose=False):
    """Run every check on right answers in other forms; print accepted / rejected / crash per form."""
    outcomes = ("accepted", "rejected", "crash")
    print(f"\n{'right answer':<36}  tried  " + "  ".join(outcomes))
    for form, build in RIGHT.items():
        counts = dict.fromkeys(outcomes, 0)
        for check_name, exercise in CHECKS.items():
            out = io.StringIO()
            try:
                with contextlib.redirect_stdout(out):
                    passed = bool(getattr(exercises, check_name)(build(_core._SOLUTIONS[exercise])))
                outcome = "accepted" if passed else "rejected"
            except BaseException as exc:      # noqa: BLE001
                outcome = "crash"
                out.write(f"{type(exc).__name__}: {exc}")
            counts[outcome] += 1
            if verbose and outcome != "accepted":
                print(f"  [{outcome}] {check_name} / {form}: {out.getvalue().strip()[:200]}")
        print(f"{form:<36}  {sum(counts.values()):5d}  " + "  ".join(f"{counts[o]:{len(o)}d}" for o in outcomes))


def probe(verbose=False):
    """Run every check on every kind; return {kind: {outcome: count}} and print the table."""
    outcomes = ("clear", "unclear", "silent wrong", "crash")
    table, slowest = {}, (0.0, "")
    kinds = {**KINDS, NEAR_MISS: (_returning(None), "")}
    for kind, (build, must_mention) in kinds.items():
        counts = dict.fromkeys(outcomes, 0)
        for check_name, exercise in CHECKS.items():
            solution = _core._SOLUTIONS[exercise]
            if kind == NEAR_MISS:
                fn = _returning(lambda r: _like(r, lambda a: a * (1 + 2e-6)))(solution)
            else:
                fn = build(solution)
            outcome, detail, seconds = _try(getattr(exercises, check_name), fn, must_mention)
            counts[outcome] += 1
            slowest = max(slowest, (seconds, f"{check_name}, {kind}"))
            if verbose and outcome != "clear":
                print(f"  [{outcome}] {check_name} / {kind}: {detail}")
        table[kind] = counts
    width = max(len(k) for k in table)
    print(f"{'answer':<{width}}  tried  " + "  ".join(outcomes))
    totals = dict.fromkeys(outcomes, 0)
    for kind, counts in table.items():
        print(f"{kind:<{width}}  {sum(counts.values()):5d}  " +
              "  ".join(f"{counts[o]:{len(o)}d}" for o in outcomes))
        for o in outcomes:
            totals[o] += counts[o]
    print(f"{'total':<{width}}  {sum(totals.values()):5d}  " + "  ".join(f"{totals[o]:{len(o)}d}" for o in outcomes))
    print(f"slowest verdict: {slowest[0]:.2f} s ({slowest[1]})")
    return table


if __name__ == "__main__":
    probe(verbose="-v" in sys.argv)
    probe_right(verbose="-v" in sys.argv)
