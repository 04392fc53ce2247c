"""Self-checks for the lesson exercises: friendly verdicts, never an exception.

A check runs the learner's function on a few cases, compares with our reference,
and prints either "Correct" or the hint for the mistake it recognises. It returns a
Verdict, true or false, so tests can assert on it (`assert check(fn)`). `solution(name)` prints our worked
solution, only when asked.
"""

import inspect
import textwrap

import numpy as np

_SOLUTIONS = {}


def reference(name):
    """Register a function as the worked solution of exercise `name`."""
    def register(fn):
        _SOLUTIONS[name] = fn
        return fn
    return register


def solution(name):
    """Print our worked solution of one exercise (only when you ask for it)."""
    if name not in _SOLUTIONS:
        print(f"There is no exercise called {name!r}. Exercises: {', '.join(sorted(_SOLUTIONS))}")
        return
    source = textwrap.dedent(inspect.getsource(_SOLUTIONS[name]))
    source = "\n".join(line for line in source.splitlines() if not line.startswith("@reference"))
    print(f"One way to write {name!r}:\n\n{source}")


class Verdict:
    """What a check returns: true or false for code and tests, and nothing extra on screen
    (the printed sentence is the verdict a learner reads; no `Out: False` below it)."""

    def __init__(self, passed):
        self.passed = bool(passed)

    def __bool__(self):
        return self.passed

    def __eq__(self, other):
        return self.passed == bool(other)

    def __hash__(self):
        return hash(self.passed)

    def __repr__(self):
        return f"Verdict({self.passed})"

    def _ipython_display_(self):
        pass


def correct(message=""):
    print("✅ Correct!" + (f" {message}" if message else ""))
    return Verdict(True)


def not_yet(hint):
    print(f"❌ Not yet. {hint}")
    return Verdict(False)


def call(fn, *args):
    """Run the learner's function; return (result, None) or (None, a hint about the error)."""
    try:
        result = fn(*args)
    except Exception as exc:
        return None, f"Your function raised {type(exc).__name__}: {exc}"
    if result is None or result is Ellipsis:
        return None, "Your function returned nothing yet: replace the `...` with your code and `return` the result."
    return result, None


def close(a, b, rtol=1e-9, atol=1e-12):
    """Same shape and the same numbers, up to rounding."""
    try:
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    except (TypeError, ValueError):
        return False
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))
