"""The one skeleton every exercise check uses: any answer gets a verdict and a hint, never a traceback.

A check runs the learner's function on a few cases, compares each result with our
reference, and prints either "✔ Correct!" or "✘ Not yet." with the hint for the
mistake it recognises. It returns a `Verdict`, true or false, so tests can write
`assert check(fn)`. `solution(name)` prints our worked solution, only when asked.

How to write a check (the whole contract is in these few lines)::

    @reference("double")                       # what solution("double") prints
    def double_solution(x):
        return 2 * x

    @check("double(x)")                        # the signature the learner's function must have
    def check_double(fn):
        for x in (np.arange(3.0), np.ones(4)):
            want = double_solution(x)           # from pristine inputs, before the learner's code runs
            got = numbers(run(fn, x), shape=want.shape, what="double(x)")
            if close(got, want):
                continue
            mistake(got, {_("You added instead of multiplying."): x + 2})   # known slips -> hint
            raise Problem(differs(got, want, f"double({x})"))               # generic hint, near misses visible
        return correct(_("2x, element by element."))

What the skeleton promises, so a check body need not think about it:
- `@check` answers "not a function" and "wrong number of arguments" before anything runs,
  turns a `Problem` into the printed hint, turns Ctrl-C into a short message, and turns
  any error of our own (a case no check foresaw) into a cautious hint: nothing escapes.
  NumPy's floating-point warnings are silenced for the whole check (the learner's own
  are recorded by `run_recording` where a check needs them).
- Time: the learner's code gets `TIME_BUDGET` seconds (5) in all per check. The first call is
  timed like every call; a call still running when the budget is spent is stopped (on
  Linux and macOS, in the main thread: a timer signal; elsewhere the check stops before
  the next call), and the verdict says how long the function took, never calling a 30 s
  function five times. The stop button (Ctrl-C) still ends any call at once. An `async def`
  or a `yield` function gets its own verdict before it is called (no "coroutine ... never
  awaited" warning), and a coroutine returned by a plain def is closed the same way.
- `run(fn, *args)` calls the learner's function on deep copies of the arguments, so a
  function that changes its inputs is judged on what it returns and our cases stay
  pristine. Any exception becomes a `Problem` naming the error and the learner's line;
  returning None or `...` becomes "returned nothing yet".
- `numbers(result, shape)` / `number(result)` / `array_list(result, shapes)` accept any
  array-like of real numbers (lists, tuples, NumPy scalars, 0-d arrays) and reject
  strings, dicts, generators, ragged lists, complex, object or bool arrays, nan/inf and
  wrong shapes, each with a hint naming the expected type and shape. The shape is
  checked before any arithmetic, so a huge answer is rejected at once. A wrong shape is
  diagnosed by `shape_slip` (a transpose, a column (n, 1) where a flat (n,) belongs, or
  the reverse); `swapped_pair` sees two results returned in the wrong order, and
  `Problem.broadcast_shapes()` reads the shapes of a learner's broadcast error (so a
  check can tell σ′ multiplied in the wrong place from a missing transpose).
- Cases that take time to build (data, networks, finite differences) are made once with
  `functools.cache` and `frozen(...)` (read-only, so no check can change them by accident;
  the learner's deep copies are writable).
- `differs(got, want)` prints enough digits (and the difference) that a near miss never
  reads as two equal numbers.
- Every sentence a learner reads is in the lesson's language: hints, verdicts and the
  `what=` names go through `_()`/`tr()` (helpers.core.languages); code names such as "σ(W a + b)"
  or "nabla_w" need none. A check never tests a hint's words: it tests `Problem.kind`.
"""

import contextvars
import copy
import functools
import inspect
import re
import reprlib
import signal
import textwrap
import threading
import time
import traceback
import warnings

import numpy as np

from ..core.languages import _, ngettext, tr
from ..core.questions import record_check, register_exercise

__all__ = ["Verdict", "Problem", "check", "correct", "not_yet", "run", "run_recording", "run_watching",
           "numbers", "number", "array_list", "close", "mistake", "differs", "worst_entry", "pair", "describe",
           "frozen", "reference", "solution", "sentences", "shape_slip", "swapped_pair", "TIME_BUDGET"]

TIME_BUDGET = 5.0      # seconds of the learner's own code per check, over all its calls

_SOLUTIONS = {}
_SIGNATURES = {}       # exercise name -> how the lesson writes the learner's function, e.g. "my_sigmoid(z)"
_LOW_PRECISION = contextvars.ContextVar("low_precision", default="")   # 'float32' when numbers() saw one
_CLOCK = contextvars.ContextVar("clock", default=None)                 # the running check's _Clock


def reference(name):
    """Register a function as the worked solution of exercise `name`."""
    def register(fn):
        _SOLUTIONS[name] = fn
        return fn
    return register


def solution(name):
    """Print our worked solution of one exercise (only when you ask for it)."""
    if name not in _SOLUTIONS:
        print(tr("There is no exercise called {name!r}. Exercises: {names}", name=name,
                 names=", ".join(sorted(_SOLUTIONS))))
        return
    fn = _SOLUTIONS[name]
    source = textwrap.dedent(inspect.getsource(fn))
    source = "\n".join(line for line in source.splitlines() if not line.startswith("@reference"))
    lesson_name = _SIGNATURES.get(name, fn.__name__).split("(")[0]
    if lesson_name != fn.__name__:          # pasted into the lesson, the check cell finds it under its name
        source += f"\n\n\n{lesson_name} = {fn.__name__}"
    print(tr("One way to write {name!r}:\n\n{source}", name=name, source=source))


# ----- verdicts ------------------------------------------------------------------------

class Verdict:
    """What a check returns: true or false for code and tests, and nothing extra on screen
    (the printed sentence is the verdict a learner reads; no `Out: False` below it).
    `.hint` keeps the printed hint of a "not yet", for tests."""

    def __init__(self, passed, hint=""):
        self.passed = bool(passed)
        self.hint = hint

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


# Sentences that end in a full-width mark (Chinese) need no space before the next one.
_FULL_WIDTH_END = tuple("。！？：；）”")


def sentences(*parts):
    """Sentences one after the other: a space after an English one, none after a Chinese one.

    Empty parts are left out, so `sentences(hint, extra)` works whether or not there is an extra.
    """
    text = ""
    for part in parts:
        if part:
            text += part if not text or text.endswith(_FULL_WIDTH_END) else " " + part
    return text


# ✔ and ✘ are in DejaVu Sans and every common font; the emoji ✅/❌ need a colour-emoji font.
def correct(message=""):
    """Print the verdict "✔ Correct!" and `message` (already in the lesson's language: pass _("...")/tr(...))."""
    print(sentences(_("✔ Correct!"), message))
    return Verdict(True)


def not_yet(hint):
    print(tr("✘ Not yet. {hint}", hint=hint))
    return Verdict(False, hint)


class Problem(Exception):
    """Raised inside a check body: `@check` prints its hint as the verdict.

    `error` is the learner's own exception when their function raised one (so a check
    can add a hint for, say, a shape error), else None; `detail` is then that error's
    message (and the learner's line), to quote in a hint of the check's own (for "part
    missing", the answer as returned).
    `kind` names a problem a check may treat specially: "empty" when the function returned
    nothing yet (`...` or None), "part missing" when a tuple or list it returned holds None
    or `...`, "layer shapes" when `array_list` found arrays of the wrong shapes (then `slip`
    says which: see `shape_slip`), "slow" when the time budget ran out. A check tests `kind`,
    never the hint's words (they are in the lesson's language).
    """

    def __init__(self, hint, error=None, detail="", kind="", slip=""):
        super().__init__(hint)
        self.hint = hint
        self.error = error
        self.detail = detail
        self.kind = kind
        self.slip = slip

    def mentions(self, *words):
        """True when the learner's function raised an error whose message has one of these words."""
        return self.error is not None and any(w.lower() in str(self.error).lower() for w in words)

    def broadcast_shapes(self):
        """The shapes in the learner's "could not be broadcast" error, e.g. [(4,), (6,)]; [] for any other error.

        An element-wise product of two things of different lengths: σ′ of one layer multiplied into a
        vector of another layer, or W * v where W @ v was meant. A matmul error ("mismatch in its core
        dimension", "not aligned") is not a broadcast error.
        """
        text = str(self.error) if self.error is not None else ""
        if "broadcast" not in text:
            return []
        shapes = []
        for inside in re.findall(r"\(([\d,\s]*)\)", text):
            shape = tuple(int(n) for n in inside.replace(" ", "").split(",") if n)
            if shape not in shapes:
                shapes.append(shape)
        return shapes


# ----- the check decorator ---------------------------------------------------------------

def _parameter_count(signature):
    """'fn(W, a, b)' -> 3."""
    inside = signature[signature.index("(") + 1:signature.rindex(")")].strip()
    return len(inside.split(",")) if inside else 0


def _arity_problem(fn, signature):
    """A hint when fn cannot be called with the arguments `signature` names, else None."""
    try:
        parameters = inspect.signature(fn)
    except (TypeError, ValueError):          # some built-ins have no signature: let the call decide
        return None
    n = _parameter_count(signature)
    try:
        parameters.bind(*range(n))
    except TypeError:
        name = getattr(fn, "__name__", None)
        name = _("your function") if name is None else name
        return ngettext("This exercise calls your function with {n} argument, like {signature}; yours is defined "
                        "as {name}{parameters}. Give it exactly those parameters, in that order.",
                        "This exercise calls your function with {n} arguments, like {signature}; yours is defined "
                        "as {name}{parameters}. Give it exactly those parameters, in that order.",
                        n).format(n=n, signature=signature, name=name, parameters=parameters)
    return None


def _kind_of_function_problem(fn):
    """A hint when fn is an `async def` or has `yield` in it (calling it would not run its code), else None."""
    if inspect.iscoroutinefunction(fn) or inspect.isasyncgenfunction(fn):
        return _("Your function is async (`async def`): calling it only makes a coroutine, and this check calls "
                 "plain functions. Write it with a plain `def` (no async, no await).")
    if inspect.isgeneratorfunction(fn):
        return _("Your function has `yield` in it, so calling it makes a generator instead of running your code. "
                 "Hand back the answer with `return`.")
    return None


def check(signature):
    """Decorate a check body `body(fn, ...)`: the safety net described in the module docstring.

    `signature` is how the lesson writes the learner's function, e.g. "layer_forward(W, a, b)".
    """
    def decorate(body):
        @functools.wraps(body)
        def checked(fn, *args, **kwargs):
            if not callable(fn):
                name = body.__name__
                return not_yet(tr("{check} needs your function itself, e.g. {check}({function}) — the name without "
                                  "brackets. It was given {value}.", check=name, function=signature.split("(")[0],
                                  value=describe(fn)))
            problem = _arity_problem(fn, signature)
            if problem:
                return not_yet(problem)
            problem = _kind_of_function_problem(fn)
            if problem:
                return not_yet(problem)
            low_precision = _LOW_PRECISION.set("")
            clock = _CLOCK.set(_Clock())
            try:
                with warnings.catch_warnings(), np.errstate(all="ignore"):
                    warnings.simplefilter("ignore")
                    verdict = body(fn, *args, **kwargs)
                if _CLOCK.get().slow is not None:       # a body that caught the Problem still gets no "Correct"
                    raise _CLOCK.get().slow
                return verdict
            except Problem as problem:
                if _CLOCK.get().slow is not None:       # out of time: say that, whatever the body made of it
                    return not_yet(_CLOCK.get().slow.hint)
                if _LOW_PRECISION.get():         # say so first: it alone makes right formulas differ a little
                    return not_yet(sentences(
                        tr("Note: your function returns {dtype} numbers, which keep fewer digits than our float64 "
                           "(NumPy's default), so even a right formula differs slightly; compute in float64.",
                           dtype=_LOW_PRECISION.get()),
                        problem.hint))
                return not_yet(problem.hint)
            except KeyboardInterrupt:
                return not_yet(_("Stopped (Ctrl-C or the stop button) before your function finished. If it runs "
                                 "for ever, look for a loop that never ends."))
            except RecursionError:
                return not_yet(_("Your function calls itself without end (RecursionError)."))
            except Exception as exc:      # noqa: BLE001  a case no check foresaw: still a verdict, never "Correct"
                return not_yet(tr("Your answer is not in the form this check expects ({error}: {text}). Compare "
                                  "it with the description above the exercise: what it takes ({signature}), what "
                                  "it returns and in which shape.", error=type(exc).__name__, text=_short(exc),
                                  signature=signature))
            finally:
                _LOW_PRECISION.reset(low_precision)
                _CLOCK.reset(clock)
        checked.signature = signature
        name = body.__name__.removeprefix("check_")
        _SIGNATURES[name] = signature
        register_exercise(name, body.__module__.rsplit(".", 1)[-1], signature)

        @functools.wraps(body)
        def recorded(fn, *args, **kwargs):
            verdict = checked(fn, *args, **kwargs)
            record_check(name, bool(verdict))          # for where_am_i: this kernel only, in memory
            return verdict
        recorded.signature = signature
        return recorded
    return decorate


# ----- running the learner's code --------------------------------------------------------

def _short(exc, limit=300):
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return text if len(text) <= limit else text[:limit] + " …"


def _learner_line(exc, fn):
    """The line of the learner's function where exc was raised, stripped, or ''."""
    code = getattr(fn, "__code__", None)
    if code is None:
        return ""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == code.co_filename]
    if not frames or not frames[-1].line:
        return ""
    return frames[-1].line.strip()


def _error_detail(exc, fn):
    """The learner's error message and, where known, their line: 'message (in `line`)'."""
    line = _learner_line(exc, fn)
    return tr("{text} (in `{line}`)", text=_short(exc), line=line) if line else _short(exc)


class _TimeUp(BaseException):
    """Raised inside the learner's function when the check's time budget runs out.

    A BaseException, so that the learner's own `except Exception:` cannot swallow it.
    """


class _Clock:
    """The time the learner's function has taken so far in one check."""

    def __init__(self):
        self.calls, self.first, self.spent = 0, 0.0, 0.0
        self.slow = None            # the Problem(kind="slow") once the budget ran out

    def timed(self, fn, copies):
        """fn(*copies), timed, and stopped when the budget runs out: Problem(kind="slow") then."""
        if self.calls and self.spent >= TIME_BUDGET:
            raise self.over_budget(still_running=False)
        self.calls += 1
        alarm = _Alarm()
        start = time.perf_counter()
        try:
            try:
                alarm.arm(TIME_BUDGET - self.spent)
                result = fn(*copies)
            finally:
                alarm.disarm()
        except _TimeUp:
            self._record(time.perf_counter() - start)
            raise self.over_budget(still_running=True) from None
        except BaseException:
            self._record(time.perf_counter() - start)
            raise
        self._record(time.perf_counter() - start)
        return result

    def _record(self, seconds):
        self.spent += seconds
        if self.calls == 1:
            self.first = seconds

    def over_budget(self, still_running):
        """The Problem once the budget is spent: it says how long the function took."""
        if self.calls == 1 and still_running:
            took = tr("Your function was still running after {seconds:.1f} s, so the check stopped it.",
                      seconds=self.spent)
        elif self.calls == 1:
            took = tr("Your function took {seconds:.1f} s for one call.", seconds=self.spent)
        elif still_running:
            took = tr("Your function took {first:.1f} s on its first call and was still running after {seconds:.1f} "
                      "s in all (call {n}), so the check stopped it.", first=self.first, seconds=self.spent,
                      n=self.calls)
        else:
            took = tr("Your function took {first:.1f} s on its first call, {seconds:.1f} s in all for {n} calls.",
                      first=self.first, seconds=self.spent, n=self.calls)
        self.slow = Problem(sentences(took, tr("This check gives your code {budget:g} s in all, on a few small "
                                               "cases that should each take well under a second. Look for a loop "
                                               "that never ends, a sleep, or a Python loop over many numbers that "
                                               "one NumPy operation does at once.", budget=TIME_BUDGET)), kind="slow")
        return self.slow


class _Alarm:
    """Raise _TimeUp in the main thread once the seconds given to `arm` have passed, where a timer can.

    Only with setitimer (Linux, macOS), in the main thread (where a Jupyter cell runs) and when no
    other timer is running (a test runner's timeout keeps its own); elsewhere the check stops
    before the next call instead. The stop button (SIGINT) is untouched. It rings at most once,
    and after `disarm` (in a `finally`) the timer is off and the previous handler is back, even
    when a signal arrives in the middle of disarming.
    """

    def __init__(self):
        self.armed = self.live = self.fired = False

    def _ring(self, signum, frame):
        if self.live and not self.fired:
            self.fired = True
            raise _TimeUp

    def arm(self, seconds):
        if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread() \
                or signal.getitimer(signal.ITIMER_REAL) != (0.0, 0.0):
            return
        self.previous = signal.getsignal(signal.SIGALRM)
        self.armed = self.live = True
        signal.signal(signal.SIGALRM, self._ring)
        signal.setitimer(signal.ITIMER_REAL, max(seconds, 1e-3))

    def _disarm_once(self):
        self.live = False                         # from here on a late ring does nothing
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
            self.armed = False

    def disarm(self):
        try:
            self._disarm_once()
        except BaseException:       # a ring or Ctrl-C between two steps: finish them, then let it go on
            self._disarm_once()
            raise


def _call(fn, args):
    """Call fn on deep copies of args: (result, NumPy warning messages, the copies after the call)."""
    copies = copy.deepcopy(args)
    clock = _CLOCK.get() or _Clock()
    with warnings.catch_warnings(record=True) as caught, \
            np.errstate(over="warn", invalid="warn", divide="warn", under="ignore"):
        warnings.simplefilter("always")
        try:
            result = clock.timed(fn, copies)
        except (Problem, KeyboardInterrupt, RecursionError):
            raise
        except (Exception, SystemExit) as exc:      # noqa: BLE001  the learner's error becomes the hint
            detail = _error_detail(exc, fn)
            raise Problem(tr("Your function raised {error}: {detail}.", error=type(exc).__name__, detail=detail),
                          error=exc, detail=detail) from None
    if inspect.isawaitable(result):
        if inspect.iscoroutine(result):
            result.close()                 # never started: closing it keeps "coroutine ... never awaited" away
        raise Problem(_("Your function returned a coroutine (what calling an `async def` function gives) instead of "
                        "numbers. Write plain `def` functions here, with no async or await, and return the result "
                        "itself."))
    if result is None or result is Ellipsis:
        raise Problem(_("Your function returned nothing yet: replace the `...` with your code and `return` the "
                        "result."), kind="empty")
    if isinstance(result, (tuple, list)) and any(part is None or part is Ellipsis for part in result):
        raise Problem(tr("Part of your answer is still missing: it holds {value}. Replace each `...` (or None) with "
                         "the value it stands for.", value=reprlib.repr(result)), detail=reprlib.repr(result),
                      kind="part missing")
    messages = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    return result, messages, copies


def run(fn, *args):
    """Call fn on deep copies of args and return its result (Problem if it fails or returns nothing)."""
    return _call(fn, args)[0]


def run_recording(fn, *args):
    """Like `run`, and also the NumPy warnings the call raised: (result, messages).

    Overflow, invalid and divide-by-zero warn (even if the learner's session silenced
    them); underflow (e^-1000 rounding to 0) is harmless and ignored.
    """
    return _call(fn, args)[:2]


def run_watching(fn, *args):
    """Like `run`, and also which array arguments the call changed: (result, [indices]).

    For the rare exercise where changing an input is itself the mistake (the learner's
    data set, used again later in the lesson).
    """
    result, _warnings, copies = _call(fn, args)
    changed = [i for i, (before, after) in enumerate(zip(args, copies))
               if isinstance(before, np.ndarray) and not np.array_equal(before, after)]
    return result, changed


# ----- safe conversion -------------------------------------------------------------------

def describe(value):
    """A short description of any value, never huge: "a str ('abc')", "an array of shape (3, 4)"."""
    if isinstance(value, np.ndarray):
        return tr("an array of shape {shape} (dtype {dtype})", shape=value.shape, dtype=value.dtype)
    if isinstance(value, dict):
        return tr("a dict (keys {keys})", keys=reprlib.repr(list(value)))
    if isinstance(value, (list, tuple)):
        n = len(value)
        return ngettext("a {kind} of {n} item", "a {kind} of {n} items", n).format(kind=type(value).__name__, n=n)
    if hasattr(value, "__next__"):
        return tr("a {kind} object (its values are produced one at a time, and only once)",
                  kind=type(value).__name__)
    if callable(value):
        return tr("a function ({name})", name=getattr(value, "__name__", type(value).__name__))
    name = type(value).__name__
    if name[:1].lower() in "aeiou":
        return tr("an {kind} ({value})", kind=name, value=reprlib.repr(value))
    return tr("a {kind} ({value})", kind=name, value=reprlib.repr(value))


def _sentence(text):
    """Capitalise a hint's first word if it is English ("the cost" -> "The cost"), not math (σ(z), dC/db)."""
    first = text.split(" ", 1)[0]
    return text[:1].upper() + text[1:] if first in ("the", "array", "entry", "your", "each") else text


def _shape_text(shape):
    return _("one number") if tuple(shape) == () else tr("an array of shape {shape}", shape=tuple(shape))


def numbers(result, shape=None, what=None, finite=True, enforce_shape=True):
    """result as a float array, or Problem with a hint naming the expected type and shape.

    Accepts arrays, lists, tuples, NumPy scalars and plain numbers of real values.
    `shape` is the expected shape; with enforce_shape=False it only words the hints
    (the check looks at a wrong shape itself, to recognise a slip). `what` names the
    result in the hint, lower case ("the cost", "σ(z)"), in the lesson's language
    (pass _("the cost")); by default "your result".
    """
    what = _("your result") if what is None else what
    if shape is not None:
        expected = tr("{what} should be {shape}", what=_sentence(what), shape=_shape_text(shape))
    else:
        expected = tr("{what} should be numbers", what=_sentence(what))
    iterator = hasattr(result, "__next__")          # a generator, map, zip, iter(...): used up once read
    if isinstance(result, (str, bytes, dict, set, frozenset)) or callable(result) or iterator:
        hint = ""
        if iterator:
            hint = _("Build the array itself, e.g. np.array(list(...)) around a generator or map.")
        elif callable(result):
            hint = _("Return the value the function computes, not a function.")
        raise Problem(sentences(tr("{expected}; your function returned {value}.", expected=expected,
                                   value=describe(result)), hint))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")        # NumPy < 1.24 only warns about a ragged list
            array = np.asarray(result)
    except (ValueError, TypeError, Warning):
        raise Problem(tr("{expected}; your function returned {value} whose rows have different lengths (a ragged "
                         "list). Every row must have as many numbers.", expected=expected,
                         value=describe(result))) from None
    if array.dtype == object:
        raise Problem(tr("{expected}; your function returned {value}, which NumPy cannot read as one block of "
                         "numbers (rows of different lengths, or things that are not numbers).", expected=expected,
                         value=describe(result)))
    if np.issubdtype(array.dtype, np.complexfloating):
        raise Problem(tr("{expected}; your function returned complex numbers. Everything here is real: look for a "
                         "square root or power of a negative number.", expected=expected))
    if array.dtype == bool:
        raise Problem(tr("{expected}; your function returned True/False values, not numbers.", expected=expected))
    if not np.issubdtype(array.dtype, np.number):
        raise Problem(tr("{expected}; your function returned {value}, which is not numbers.", expected=expected,
                         value=describe(result)))
    if shape is not None and enforce_shape and array.shape != tuple(shape):
        raise Problem(tr("{expected}; yours {has_shape}.", expected=expected, has_shape=_has_shape(array)))
    if array.dtype in (np.float16, np.float32):
        _LOW_PRECISION.set(array.dtype.name)
    array = array.astype(float, copy=False)
    if finite and not np.all(np.isfinite(array)):
        if np.any(np.isnan(array)):
            raise Problem(tr("There is a nan in {what}: somewhere a number overflowed or was divided by zero (a nan "
                             "also comes from inf − inf or 0/0).", what=what))
        raise Problem(tr("There is an inf in {what}: somewhere a number overflowed or was divided by zero (a nan "
                         "also comes from inf − inf or 0/0).", what=what))
    return array


def _has_shape(array):
    return _("is one number") if np.ndim(array) == 0 else tr("has shape {shape}", shape=np.shape(array))


def number(result, what=None):
    """result as one float (a plain number, NumPy scalar or 0-d array), or Problem."""
    return float(numbers(result, shape=(), what=what))


def array_list(result, shapes, what=None):
    """result as a list of float arrays with the given shapes (e.g. one per layer), or Problem.

    A wrong shape of an array raises a Problem of kind "layer shapes" (a check may add to its hint).
    """
    what = _("your result") if what is None else what
    shapes = [tuple(s) for s in shapes]
    if hasattr(result, "__next__"):
        raise Problem(tr("{what} should be a list of {n} arrays; your function returned {value}. Wrap it in "
                         "list(...) so it holds the arrays.", what=_sentence(what), n=len(shapes),
                         value=describe(result)))
    if isinstance(result, np.ndarray) and result.dtype != object:
        raise Problem(tr("{what} should be a list with one array per layer (their shapes differ: {shapes}), not a "
                         "single NumPy array.", what=_sentence(what), shapes=shapes))
    if not isinstance(result, (list, tuple, np.ndarray)):
        raise Problem(tr("{what} should be a list of {n} arrays shaped {shapes}; your function returned {value}.",
                         what=_sentence(what), n=len(shapes), shapes=shapes, value=describe(result)))
    if len(result) != len(shapes):
        raise Problem(tr("The answer needs {n} arrays for {what}, one per layer, shaped {shapes}; yours holds "
                         "{count}.", n=len(shapes), what=what, shapes=shapes, count=len(result)))
    arrays = [numbers(item, shapes[i], what=tr("array {i} of {what}", i=i, what=what), finite=False,
                      enforce_shape=False)
              for i, item in enumerate(result)]
    got = [a.shape for a in arrays]
    if got != shapes:
        slips = {shape_slip(g, s) for g, s in zip(got, shapes) if g != s}
        slip = slips.pop() if len(slips) == 1 else ""
        hint = tr("Each array of {what} keeps its layer's shape {shapes}; yours have shapes {got}.", what=what,
                  shapes=shapes, got=got)
        if slip == "column":
            hint = sentences(hint, _("Yours hold the right number of entries with an extra axis of length 1 (a "
                                     "column (n, 1) or a row (1, n)); keep them flat, shaped (n,): sum without "
                                     "keepdims, or use .ravel()."))
        elif slip == "flattened":
            hint = sentences(hint, _("Yours hold the right number of entries, but flat; give them the shapes "
                                     "above (.reshape(...))."))
        raise Problem(hint, kind="layer shapes", slip=slip)
    for i, a in enumerate(arrays):
        numbers(a, what=tr("array {i} of {what}", i=i, what=what))    # now the nan/inf test, the shapes being right
    return arrays


def shape_slip(got, want):
    """How an array of shape `got` differs from the expected shape `want`, or '' when it does not.

    'transposed': a matrix the other way round ((3, 5) for (5, 3)); 'column': the same entries with
    extra axes of length 1 ((n, 1) or (1, n) where a flat (n,) belongs); 'flattened': the reverse
    ((n,) where (n, 1) belongs); 'other' for anything else.
    """
    got, want = tuple(got), tuple(want)
    if got == want:
        return ""
    if len(got) == len(want) == 2 and got == want[::-1]:
        return "transposed"
    if int(np.prod(got)) == int(np.prod(want)) and \
            tuple(d for d in got if d != 1) == tuple(d for d in want if d != 1):
        if len(got) != len(want):
            return "column" if len(got) > len(want) else "flattened"
    return "other"


def _sizes(value, layers):
    """The entry counts of value: [n] for one array-like, one per item for a list of `layers` arrays; None if
    it is not that."""
    try:
        if layers is None:
            return [int(np.size(np.asarray(value, dtype=float)))]
        if not isinstance(value, (list, tuple)) or len(value) != layers:
            return None
        return [int(np.size(np.asarray(item, dtype=float))) for item in value]
    except (TypeError, ValueError):
        return None


def swapped_pair(result, first, second):
    """True when result holds two parts in the wrong order: (second, first) where (first, second) was asked.

    `first`, `second`: the expected shape of each part, or a list of shapes (a list of arrays, one per layer).
    Parts are compared by their entry counts, so a swapped pair is seen even with a transpose or a column in it.
    """
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        return False

    def layers(spec):
        return len(spec) if spec and isinstance(spec[0], (tuple, list)) else None

    def want(spec):
        return [int(np.prod(s)) for s in spec] if layers(spec) is not None else [int(np.prod(spec))]
    if want(first) == want(second):
        return False
    return _sizes(result[0], layers(second)) == want(second) and _sizes(result[1], layers(first)) == want(first)


def frozen(*values):
    """Make the arrays (and networks' weights and biases) in values read-only; return values.

    For cached cases: a check cannot change them by accident, and the deep copies the
    learner's function receives are writable as usual.
    """
    for value in values:
        if isinstance(value, np.ndarray):
            value.setflags(write=False)
        elif isinstance(value, (list, tuple)):
            frozen(*value)
        elif hasattr(value, "weights") and hasattr(value, "biases"):
            frozen(*value.weights, *value.biases)
    return values


# ----- comparing ----------------------------------------------------------------------------

def close(a, b, rtol=1e-9, atol=1e-12):
    """Same shape and the same numbers, up to rounding; False (never an error) for anything else."""
    try:
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))
    except (TypeError, ValueError):
        return False


def mistake(got, slips, rtol=1e-7, atol=1e-12):
    """Raise Problem(hint) for the first {hint: wrong value} in `slips` that got equals; else return.

    A wrong value may be a callable (computed only when reached) or a list of arrays.
    """
    for hint, wrong in slips.items():
        if callable(wrong):
            try:
                wrong = wrong()
            except Exception:      # noqa: BLE001  a slip that cannot happen for this case (e.g. shapes)
                continue
        if isinstance(wrong, (list, tuple)) and isinstance(got, (list, tuple)) and len(wrong) == len(got) \
                and any(np.ndim(w) for w in wrong):
            if all(close(g, w, rtol, atol) for g, w in zip(got, wrong)):
                raise Problem(hint)
        elif close(got, wrong, rtol, atol):
            raise Problem(hint)


def pair(want, got):
    """Format two numbers with enough significant digits that different numbers look different.

    pair(0.95, 0.9500001) -> ('0.950000000', '0.950000100 (off by 1.0e-07)'); whole numbers stay whole.
    """
    want, got = float(want), float(got)
    for digits in (6, 9, 12, 17):
        a, b = f"{want:#.{digits}g}", f"{got:#.{digits}g}"       # '#' keeps trailing zeros: 0.950000
        if a != b or want == got:
            break
    if want.is_integer() and abs(want) < 1e15:               # counts: 13002, not 13002.0000
        a = f"{want:.0f}"
        b = f"{got:.0f}" if got.is_integer() else f"{got:.{digits}g}"
    if digits > 6:
        b = tr("{value} (off by {difference:.1e})", value=b, difference=got - want)
    return a, b


def worst_entry(got, want, rtol=1e-9, atol=1e-12):
    """(index, want as text, got as text) at the entry furthest outside the tolerance.

    Pass the tolerances the check compared with; the two texts always differ when the
    numbers do (see `pair`).
    """
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    badness = np.abs(got - want) / (atol + rtol * np.abs(want))     # > 1 where np.isclose says "different"
    index = np.unravel_index(int(np.argmax(badness)), want.shape) if want.ndim else ()
    index = index[0] if len(index) == 1 else tuple(int(i) for i in index)
    return (index, *pair(want[index], got[index]))


def differs(got, want, where="", rtol=1e-9, atol=1e-12):
    """The generic hint: the entry that differs most, as 'Entry i of <where> should be X; yours gives Y'.

    `where` is in the lesson's language (pass _("the confusion matrix")); code names need no _().
    """
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    where = where or _("the result")
    if got.shape != want.shape:
        return tr("{where} should have shape {shape}; yours {has_shape}.", where=_sentence(where), shape=want.shape,
                  has_shape=_has_shape(got))
    index, a, b = worst_entry(got, want, rtol, atol)
    if want.ndim == 0:
        return tr("{where} should be {want}; yours gives {got}.", where=_sentence(where), want=a, got=b)
    wrong = int(np.sum(~np.isclose(got, want, rtol=rtol, atol=atol)))
    return tr("Entry {index} of {where} should be {want}; yours gives {got} ({wrong} of {size} differ).",
              index=index, where=where, want=a, got=b, wrong=wrong, size=want.size)
