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

Then targeted answers (`TARGETED`, issue 23): the slips a learner really makes, each
with the words its hint must say and the words it must NOT say (a hint naming a slip
the learner did not make is unclear), right answers written another way (a boolean
mask, an empty mean giving nan) that must be accepted, slow functions, async functions
and the stop button. Their outcomes add "false reject" (a right answer refused) and
"hang" (no verdict within HANG_SECONDS; a watchdog presses the stop button after
WATCHDOG_SECONDS so the probe itself ends).

The script uses whatever `helpers` is importable first, so PYTHONPATH=<an old checkout>
measures an older version.
"""

import asyncio
import contextlib
import gc
import io
import re
import signal
import sys
import threading
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.append(str(Path(__file__).resolve().parents[1]))      # after PYTHONPATH: an old checkout can win
sys.path.append(str(Path(__file__).resolve().parents[1] / "tests"))   # learner answers the tests already hold

from test_backprop_exercises import prime_before_carrying_back  # noqa: E402
from test_neuron_exercises import len_sigmoid, mask_sigmoid  # noqa: E402

from helpers import exercises  # noqa: E402
from helpers.core.activations import sigmoid, sigmoid_prime  # noqa: E402
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


def _clear(text, must_mention, raised=False):
    """Why a printed verdict is not clear, or '' when it is (`raised`: the learner's function did raise)."""
    verdicts = [line for line in text.splitlines() if "Not yet" in line]
    if len(verdicts) != 1:
        return f"{len(verdicts)} verdict lines"
    hint = text.split("Not yet.", 1)[-1].strip()
    if not hint:
        return "empty hint"
    if must_mention and must_mention not in hint:
        return f"does not say {must_mention!r}"
    if not raised and not must_mention.startswith("raised") and hint.startswith("Your function raised"):
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
    totals = {}
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
        totals[form] = counts
    return totals


def probe(verbose=False):
    """Run every check on every kind; return {kind: {outcome: count}} and print the table."""
    outcomes = ("clear", "unclear", "silent wrong", "crash", "hang")
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
            if seconds > HANG_SECONDS:
                outcome, detail = "hang", f"{seconds:.0f} s before a verdict"
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


# ----- targeted answers (issue 23) ----------------------------------------------------------

HANG_SECONDS = 15.0        # no verdict by then counts as a hang
WATCHDOG_SECONDS = 40.0    # then the probe presses the stop button itself, so that it ends


class Wrong:
    """A wrong answer: its hint must contain every word of `must` and none of `must_not`."""

    def __init__(self, must=(), must_not=()):
        self.must, self.must_not = tuple(must), tuple(must_not)


class Right:
    """A right answer: it must be accepted."""


def _solution(name):
    return _core._SOLUTIONS[name]


def _swapped_pair(name):
    return lambda *args: tuple(_solution(name)(*args))[::-1]


def _biases_as(name, shape):
    def answer(*args):
        nabla_w, nabla_b = _solution(name)(*args)
        return nabla_w, [b.reshape(shape(b)) for b in nabla_b]
    return answer


def _input_gradient_carrying_back(carry):
    """Our input gradient (helpers/exercises/learned.py) with its BP2 line replaced by carry(net, l, delta, zs)."""
    def answer(net, x, digit):
        zs, activations = [], [np.asarray(x, dtype=float)]
        for W, b in zip(net.weights, net.biases):
            zs.append(W @ activations[-1] + b)
            activations.append(sigmoid(zs[-1]))
        delta = np.zeros(len(zs[-1]))
        delta[digit] = sigmoid_prime(zs[-1][digit])
        for l in range(len(net.weights) - 1, 0, -1):
            delta = carry(net, l, delta, zs)
        return net.weights[0].T @ delta
    return answer


# sigma' applied before W.T, and sigma' of the layer above instead of this one's
_input_gradient_prime_first = _input_gradient_carrying_back(
    lambda net, l, delta, zs: net.weights[l].T @ (delta * sigmoid_prime(zs[l - 1])))
_input_gradient_prime_of_next_layer = _input_gradient_carrying_back(
    lambda net, l, delta, zs: (net.weights[l].T @ delta) * sigmoid_prime(zs[l]))


def _sized_from_data(labels, predictions):
    n = int(max(np.max(labels), np.max(predictions))) + 1
    counts = np.zeros((n, n), dtype=int)
    np.add.at(counts, (labels, predictions), 1)
    return counts


def _histogram_counts(labels, predictions):
    return np.histogram2d(labels, predictions, bins=10, range=[[-0.5, 9.5], [-0.5, 9.5]])[0]


def _abstain_with(nothing):
    """Right, except what it returns when nothing is answered."""
    def answer(outputs, labels, tau):
        answered = outputs.max(axis=1) >= tau
        if not answered.any():
            return nothing
        return answered.mean(), np.mean(outputs[answered].argmax(axis=1) == labels[answered])
    return answer


def _abstain_empty_mean(outputs, labels, tau):
    answered = outputs.max(axis=1) >= tau
    return answered.mean(), np.mean(outputs[answered].argmax(axis=1) == labels[answered])   # nan when empty


def _sleeping(name, seconds):
    def answer(*args):
        time.sleep(seconds)
        return _solution(name)(*args)
    return answer


def _busy(name, seconds):
    def answer(*args):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            pass
        return _solution(name)(*args)
    return answer


def _slow_first_call(name, seconds):
    calls = []

    def answer(*args):
        if not calls:
            time.sleep(seconds)
        calls.append(1)
        return _solution(name)(*args)
    return answer


def _async(name):
    async def answer(*args):
        return _solution(name)(*args)
    return answer


def _returns_coroutine(name):
    def answer(*args):
        return asyncio.sleep(0, result=_solution(name)(*args))
    return answer


def _yields(name):
    def answer(*args):
        yield _solution(name)(*args)
    return answer


def _flat_to_column(name):
    return lambda *args: np.asarray(_solution(name)(*args)).reshape(-1, 1)


# (check, what the learner did, their function, Wrong(must, must_not) or Right(), seconds until the stop button)
TARGETED = [
    # hints that name the slip that was made (issue 23, "Checks")
    ("check_backprop", "returns (nabla_b, nabla_w)", _swapped_pair("backprop"),
     Wrong(["(nabla_w, nabla_b)"], ["transpose"])),
    ("check_backprop", "biases as columns (n, 1)", _biases_as("backprop", lambda b: (-1, 1)),
     Wrong(["flat"], ["transpose"])),
    ("check_backprop", "biases as rows (1, n)", _biases_as("backprop", lambda b: (1, -1)),
     Wrong(["flat"], ["transpose"])),
    ("check_backprop", "nabla_w transposed", lambda *a: ([g.T for g in _solution("backprop")(*a)[0]],
                                                         _solution("backprop")(*a)[1]),
     Wrong(["transpose"])),
    ("check_backprop", "σ′ applied before carrying delta back", prime_before_carrying_back,
     Wrong(["σ′"], ["Z = A @ W.T + b going forward"])),
    ("check_backprop_delta", "right numbers as a (6, 1) column", _flat_to_column("backprop_delta"),
     Wrong(["numbers are right", "(6,)"], ["W instead of W.T"])),
    ("check_backprop_delta", "σ′ applied before W.T", lambda W, d, z: W.T @ (d * sigmoid_prime(z)),
     Wrong(["σ′"], ["transpose W.T that carries"])),
    ("check_backprop_delta", "W * delta (element-wise)", lambda W, d, z: (W * d).sum(axis=0) * sigmoid_prime(z),
     Wrong(["@"])),
    ("check_backprop_delta", "σ instead of σ′", lambda W, d, z: (W.T @ d) * sigmoid(z), Wrong(["σ′"])),
    ("check_backprop_delta", "a loop over the outer product", lambda W, d, z: (W * d[:, None]).sum(axis=0)
     * sigmoid_prime(z), Right()),
    ("check_output_delta", "right numbers as a (10, 1) column", _flat_to_column("output_delta"),
     Wrong(["numbers are right"], ["not @"])),
    ("check_parameter_gradients", "returns (dC/dW, dC/db)", _swapped_pair("parameter_gradients"),
     Wrong(["(dC/db, dC/dW)"])),
    ("check_average_gradient", "returns (nabla_b, nabla_w)", _swapped_pair("average_gradient"),
     Wrong(["(nabla_w, nabla_b)"], ["transpose"])),
    ("check_hidden_wish", "σ′ after the sum (W.T @ w * s)", lambda W, w, s: W.T @ w * s,
     Wrong(["brackets"], ["Use W.T, not W"])),
    ("check_input_gradient", "σ′ applied before W.T", _input_gradient_prime_first,
     Wrong(["σ′"], ["W.T, not W", "not by W"])),
    ("check_input_gradient", "σ′ of the layer above", _input_gradient_prime_of_next_layer,
     Wrong(["σ′"], ["W.T, not W", "not by W"])),
    ("check_input_gradient", "right numbers as a (784, 1) column", _flat_to_column("input_gradient"),
     Wrong(["numbers are right"])),
    ("check_shuffle_pixels", "images reshaped to 28×28", lambda X, p: X.reshape(-1, 28, 28)[:, p],
     Wrong(["28"], ["reordered the rows"])),
    ("check_shuffle_pixels", "X reshaped to one 28×28 image", lambda X, p: X.reshape(28, 28)[:, p],
     Wrong(["28"], ["reordered the rows"])),
    ("check_shuffle_pixels", "rows reordered", lambda X, p: X[p], Wrong(["rows"])),
    ("check_shuffle_pixels", "shuffled, then returned as 28×28", lambda X, p: X[:, p].reshape(-1, 28, 28),
     Wrong(["784"])),
    ("check_layer_forward", "right numbers as a column", _flat_to_column("layer_forward"), Wrong(["flat"])),
    ("check_center_of_mass", "right numbers as a (2, 1) column", _flat_to_column("center_of_mass"),
     Wrong(["numbers are right"])),
    # right answers that were refused
    ("check_sigmoid", "stable sigmoid with a boolean mask", mask_sigmoid, Right()),
    ("check_sigmoid", "stable sigmoid with len(z) and a loop", len_sigmoid, Right()),
    ("check_sigmoid", "np.where on np.exp(-|z|)", _solution("sigmoid"), Right()),
    ("check_confusion_matrix", "float counts from np.histogram2d", _histogram_counts, Right()),
    ("check_abstain", "nan from the mean of nothing", _abstain_empty_mean, Right()),
    ("check_abstain", "(0, nan) as whole numbers", _abstain_with((0, float("nan"))), Right()),
    # wrong answers that were accepted
    ("check_abstain", "(0.0, 0.0) when nothing is answered", _abstain_with((0.0, 0.0)), Wrong(["nan"])),
    ("check_abstain", "(0.0, None) when nothing is answered", _abstain_with((0.0, None)), Wrong(["nan"])),
    ("check_abstain", "(0.0, 1.0) when nothing is answered", _abstain_with((0.0, 1.0)), Wrong(["nan"])),
    ("check_confusion_matrix", "size read from the data (max + 1)", _sized_from_data, Wrong(["10"])),
    ("check_confusion_matrix", "size = number of distinct labels",
     lambda labels, predictions: _sized_from_data(labels, predictions)[:len(set(labels)), :len(set(labels))],
     Wrong(["10"])),
    # time, async, the stop button
    ("check_sigmoid", "30 s per call (sleep)", _sleeping("sigmoid", 30), Wrong([" s "])),
    ("check_count_parameters", "30 s per call (sleep)", _sleeping("count_parameters", 30), Wrong([" s "])),
    ("check_abstain", "30 s per call (a busy loop)", _busy("abstain", 30), Wrong([" s "])),
    ("check_descent_step", "2 s on the first call only", _slow_first_call("descent_step", 2), Right()),
    ("check_count_parameters", "stop button during a 30 s call", _sleeping("count_parameters", 30),
     Wrong(["Stopped"]), 1.0),
    ("check_abstain", "stop button during a busy loop", _busy("abstain", 30), Wrong(["Stopped"]), 1.0),
    ("check_sigmoid", "async def", _async("sigmoid"), Wrong(["async"])),
    ("check_backprop", "async def", _async("backprop"), Wrong(["async"])),
    ("check_layer_forward", "def returning a coroutine", _returns_coroutine("layer_forward"), Wrong(["async"])),
    ("check_count_parameters", "yield instead of return", _yields("count_parameters"), Wrong(["return"])),
]


def _verdict_problem(text, expect):
    """Why a printed verdict for a wrong answer is not clear, or ''."""
    problem = _clear(text, "", raised=True)      # the targeted slips may raise: must / must_not judge the hint
    if problem:
        return problem
    hint = text.split("Not yet.", 1)[-1]
    missing = [w for w in expect.must if w not in hint]
    if missing:
        return f"does not say {missing}"
    wrong = [w for w in expect.must_not if w in hint]
    return f"names a slip not made: {wrong}" if wrong else ""


def _stop_button_after(seconds):
    """Press the stop button (SIGINT to the main thread) after `seconds`, unless cancelled."""
    main, armed = threading.main_thread().ident, threading.Event()
    armed.set()

    def press():
        if armed.is_set():
            signal.pthread_kill(main, signal.SIGINT)
    timer = threading.Timer(seconds, press)
    timer.daemon = True
    timer.start()
    return armed, timer


def _try_targeted(check, fn, expect, stop_after=None):
    """(outcome, detail, seconds) for one targeted answer."""
    out, err = io.StringIO(), io.StringIO()
    armed, timer = _stop_button_after(stop_after or WATCHDOG_SECONDS)
    start = time.perf_counter()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
                warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                verdict = check(fn)
            finally:
                armed.clear()
            gc.collect()                      # an un-awaited coroutine warns when it is collected
    except BaseException as exc:      # noqa: BLE001  a crash is what we count
        return "crash", f"{type(exc).__name__}: {str(exc)[:120]}", time.perf_counter() - start
    finally:
        armed.clear()
        timer.cancel()
    seconds = time.perf_counter() - start
    text = out.getvalue()
    leaked = [str(w.message) for w in caught] + ([err.getvalue().strip()] if err.getvalue().strip() else [])
    if seconds > HANG_SECONDS and stop_after is None:
        return "hang", f"{seconds:.0f} s before a verdict: {text.strip()[:160]}", seconds
    if isinstance(expect, Right):
        if bool(verdict):
            return "clear", "", seconds
        return "false reject", text.strip()[:240], seconds
    if bool(verdict):
        return "silent wrong", text.strip()[:160], seconds
    problem = _verdict_problem(text, expect)
    if not problem and leaked:
        problem = f"printed under the verdict: {leaked[0][:100]}"
    return ("unclear", f"{problem}: {text.strip()[:240]}", seconds) if problem else ("clear", "", seconds)


TARGETED_OUTCOMES = ("clear", "unclear", "silent wrong", "false reject", "crash", "hang")


def probe_targeted(verbose=False):
    """Run every targeted answer; print one line per answer that is not clear, and the counts."""
    counts = dict.fromkeys(TARGETED_OUTCOMES, 0)
    print(f"\n{'targeted answers':<36}  tried  " + "  ".join(TARGETED_OUTCOMES))
    for check_name, label, fn, expect, *stop in TARGETED:
        outcome, detail, seconds = _try_targeted(getattr(exercises, check_name), fn, expect, *stop)
        counts[outcome] += 1
        if verbose and outcome != "clear":
            print(f"  [{outcome}] {check_name} / {label} ({seconds:.1f} s): {detail}")
    print(f"{'total':<36}  {sum(counts.values()):5d}  " +
          "  ".join(f"{counts[o]:{len(o)}d}" for o in TARGETED_OUTCOMES))
    return counts


def summary(odd, right, targeted):
    """One line over the three tables: tried / clear / unclear / silent wrong / false reject / crash / hang.

    A right answer rejected is a false reject, except a right answer that changes X in check_shuffle_pixels
    (that check names that mistake on purpose), counted clear.
    """
    total = dict.fromkeys(TARGETED_OUTCOMES, 0)
    for counts in odd.values():
        for outcome, n in counts.items():
            total[outcome] += n
    for form, counts in right.items():
        expected_rejections = 1 if form == "changes its inputs after computing" else 0
        total["clear"] += counts["accepted"] + min(counts["rejected"], expected_rejections)
        total["false reject"] += max(counts["rejected"] - expected_rejections, 0)
        total["crash"] += counts["crash"]
    for outcome, n in targeted.items():
        total[outcome] += n
    print(f"\n{'all answers':<36}  tried  " + "  ".join(TARGETED_OUTCOMES))
    print(f"{'total':<36}  {sum(total.values()):5d}  " + "  ".join(f"{total[o]:{len(o)}d}" for o in TARGETED_OUTCOMES))
    return total


if __name__ == "__main__":
    verbose = "-v" in sys.argv
    summary(probe(verbose), probe_right(verbose), probe_targeted(verbose))
