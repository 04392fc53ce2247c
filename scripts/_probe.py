"""What the three probes share: the expectations, the eight boxes and how a call is sorted into one.

scripts/probe_api.py (Network, the gradient checker, saving, downloads), scripts/probe_lesson_math.py
(the modules a lesson calls) and scripts/probe_exercises.py (the exercise checks) try odd inputs as a
new learner would. A case says what a teacher wants (`Raises`: a clear error; `Works`: a right result;
`Warns`: a warning in words), and `classify` says what happened, in one of the BOXES:

    works          a valid (if unusual) input did the right thing
    clear error    the expected kind of error (or warning), in our words
    unclear error  an error in NumPy's or Python's words, or NumPy warnings on the way
    silent wrong   no error although the input is a mistake (or a wrong result, or no warning)
    false reject   a valid input refused, or warned about
    crash          an internal error (AttributeError, IndexError, KeyError, a NumPy error, ...)
    hang           still running after the time limit
    data lost      what the call was given, or a saved file, was left changed
"""

import contextlib
import io
import re
import signal
import time
import unicodedata
import warnings

import numpy as np

BOXES = ("works", "clear error", "unclear error", "silent wrong", "false reject", "crash", "hang", "data lost")
BAD = BOXES[2:]
# Errors a learner is meant to read; anything else escaping the API is an internal error.
USER_ERRORS = (ValueError, TypeError, OSError, ConnectionError, FloatingPointError)
NUMPY_NOISE = (RuntimeWarning, np.exceptions.ComplexWarning)


class Expected:
    """`intact()`, when given, is checked after the call whatever happened: False means data was lost."""

    intact = None


class Raises(Expected):
    """The input is a mistake: expect an error whose 'Type: message' matches `pattern`."""

    def __init__(self, pattern, intact=None):
        self.pattern, self.intact = pattern, intact


class Works(Expected):
    """The input is valid: expect a result for which `check(result)` is true, and no UserWarning if `quiet`."""

    def __init__(self, check=lambda result: True, intact=None, quiet=False):
        self.check, self.intact, self.quiet = check, intact, quiet


class Warns(Expected):
    """The input runs but cannot do what the learner wants: expect a UserWarning matching `pattern`."""

    def __init__(self, pattern):
        self.pattern = pattern


class Hang(BaseException):
    """Raised by the alarm when a case runs past its time limit (a BaseException: no `except Exception` eats it)."""


@contextlib.contextmanager
def time_limit(seconds):
    """Raise Hang in the main thread after `seconds` (POSIX); no limit elsewhere."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def alarm(signum, frame):
        raise Hang

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def is_chinese(text):
    return any(unicodedata.name(ch, "").startswith("CJK UNIFIED") for ch in text)


def classify(call, expected, seconds, chinese=False):
    """Run one case under a time limit; return (box, what happened in a few words).

    chinese=True: an error is clear only when its message is in Chinese (the lesson's language).
    """
    box, said = _classify(call, expected, seconds, chinese)
    if expected.intact is not None and box != "hang" and not expected.intact():
        return "data lost", said
    return box, said


def _classify(call, expected, seconds, chinese):
    started = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(io.StringIO()), \
            contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("always")
        try:
            with time_limit(seconds):
                result = call()
        except Hang:
            return "hang", f"still running after {time.perf_counter() - started:.1f} s"
        except BaseException as exc:            # noqa: BLE001 -- a probe must survive anything
            if isinstance(exc, KeyboardInterrupt):
                raise
            said = f"{type(exc).__name__}: {exc}"
            if not isinstance(exc, USER_ERRORS) or type(exc).__module__.startswith("numpy"):
                return "crash", said
            if isinstance(expected, Works):
                return "false reject", said
            ours = isinstance(expected, Raises) and (
                is_chinese(str(exc)) if chinese else re.search(expected.pattern, said, re.S))
            if not ours:
                return "unclear error", said
            noise = [w for w in caught if issubclass(w.category, NUMPY_NOISE)]
            if noise:
                return "unclear error", f"{said} (after NumPy's warning: {noise[0].message})"
            return "clear error", said
    noise = [w for w in caught if issubclass(w.category, NUMPY_NOISE)]
    told = [w for w in caught if issubclass(w.category, UserWarning)]
    if isinstance(expected, Raises):
        return "silent wrong", "returned " + short(result)
    if isinstance(expected, Warns):
        matching = [w for w in told if re.search(expected.pattern, str(w.message), re.S)]
        if matching:
            return "clear error", f"warned: {matching[0].message}"
        if told:
            return "unclear error", f"warned: {told[0].message}"
        return "silent wrong", "no warning; returned " + short(result)
    try:
        right = expected.check(result)
    except Exception as exc:                    # noqa: BLE001 -- a result the check cannot even read is wrong
        right = False
        result = f"{result!r:.40} ({type(exc).__name__} in the check)"
    if not right:
        return "silent wrong", "wrong result " + short(result)
    if expected.quiet and told:
        return "false reject", f"worked, but warned: {told[0].message}"
    if noise:
        return "unclear error", f"worked, with NumPy's warning: {noise[0].message}"
    return "works", short(result)


def short(value):
    """A result in under 60 characters: arrays by their shape."""
    text = repr(value) if not isinstance(value, np.ndarray) else f"array{value.shape}"
    text = " ".join(text.split())
    return text if len(text) < 60 else text[:57] + "..."


def print_table(counts, bad, first_column="surface"):
    """The counts per surface ({surface: {box: n}}) and a total row, then every case to fix; 1 if any."""
    total = {box: sum(c[box] for c in counts.values()) for box in BOXES}
    rows = [*counts.items(), ("total", total)] if len(counts) > 1 else [("total", total)]
    print(f"{first_column:>20} | {'tried':>5} | " + " | ".join(f"{b:>13}" for b in BOXES))
    for surface, c in rows:
        print(f"{surface:>20} | {sum(c.values()):>5} | " + " | ".join(f"{c[b]:>13}" for b in BOXES))
    if bad:
        print("\nTo fix:")
        print("\n".join("  " + line for line in bad))
    return 1 if bad else 0
