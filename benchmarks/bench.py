"""Timing figures for Nudge, side by side in one process (what `make bench` runs).

1. One epoch of mini-batch SGD (784-16-16-10, batch 10, learning rate 1.5, the
   videos' quadratic cost), our vectorised `helpers.Network` against a
   per-example-loop reference network in the classic textbook style
   (benchmarks/reference_network.py), both starting from the same seed-0
   weights, on the bundled 8,000 training images and on 60,000 images (full
   MNIST when it is cached, otherwise the bundled images tiled).
   First it checks that one identical mini-batch step gives the same weights
   in both, so the two are timed doing the same computation.
   Then one epoch on a Fortran-ordered array (what X[:, permutation] returns)
   beside the same images C-ordered: the network must not care.
2. The numeric work behind one slider move: cost and gradient on 1,000 images.
3. Whole widget updates: every lesson widget (lessons 00-05, and 06's lab when
   helpers.widgets.lab exists), one control swept through its range.
4. The accuracy goal: 30 epochs of default training, seeds 0, 1, 2.
5. Each lesson's "Run All", English and zh-CN, in a fresh kernel (nbclient, as tests/test_lessons.py
   runs them), seconds beside the 30 s goal.

    python benchmarks/bench.py            # everything, a few minutes
    python benchmarks/bench.py --quick    # skip the 60,000-image reference run and the 30-epoch goal
    python benchmarks/bench.py --skip-lessons   # without section 5

Benchmarks print; they assert nothing about time. Correctness lives in tests/.
"""

import argparse
import importlib
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.append(str(Path(__file__).resolve().parents[1]))   # the repository, if helpers is not installed
from reference_network import ReferenceNetwork  # noqa: E402

from helpers import Network, load_digits  # noqa: E402
from helpers.core import data as nudge_data  # noqa: E402

SIZES = [784, 16, 16, 10]
SEED = 0
BATCH = 10
RATE = 1.5
SLIDER_GOAL_MS = 2.0
ACCURACY_GOAL = 0.90
BIG = 60_000


def big_training_set(X, y):
    """60,000 training images: full MNIST if cached, else the bundled 8,000 tiled."""
    if nudge_data.mnist_is_cached():
        (X_full, y_full), _ = nudge_data.load_mnist(progress=False)
        return X_full, y_full, f"full MNIST training set (cached in {nudge_data.default_cache_dir()})"
    reps = -(-BIG // len(X))
    return (np.tile(X, (reps, 1))[:BIG], np.tile(y, reps)[:BIG],
            f"bundled 8,000 images tiled x{BIG / len(X):g} (full MNIST not cached)")


REPEATS = 5   # each timing is the best of 5 identical runs: the least disturbed by other work on the machine


def one_epoch_ours(X, y, evaluate=False):
    """(seconds, network) of one epoch of Network.train from the seed-0 weights."""
    net = Network(SIZES, seed=SEED)
    start = time.perf_counter()
    net.train(X, y, epochs=1, batch_size=BATCH, learning_rate=RATE, seed=SEED, progress=False, evaluate=evaluate)
    return time.perf_counter() - start, net


def one_epoch_reference(pairs):
    """(seconds, reference network) of one epoch of the reference from the same seed-0 weights."""
    ref = ReferenceNetwork.copy_of(Network(SIZES, seed=SEED))
    start = time.perf_counter()
    ref.sgd_epoch(pairs, BATCH, RATE, seed=SEED)
    return time.perf_counter() - start, ref


def time_ours(X, y, evaluate=False):
    """Best of REPEATS epochs of ours: (seconds, the last network)."""
    runs = [one_epoch_ours(X, y, evaluate) for _ in range(REPEATS)]
    return min(t for t, _ in runs), runs[-1][1]


def time_side_by_side(X, y):
    """Best-of-REPEATS seconds of ours, ours + stats and the reference, taken in turns.

    A shared machine's speed drifts over seconds; taking the runs in turns lets both sides
    meet the same quiet moments, so the ratio of the best runs is steady from run to run.
    """
    pairs = ReferenceNetwork.as_columns(X, y)          # data preparation is not timed
    ours, stats, reference = [], [], []
    for _ in range(REPEATS):
        ours.append(one_epoch_ours(X, y))
        stats.append(one_epoch_ours(X, y, evaluate=True))
        reference.append(one_epoch_reference(pairs))
    def best(runs):
        return min(t for t, _ in runs)
    return best(ours), best(stats), best(reference), ours[-1][1], reference[-1][1]


def max_difference(net, ref):
    return max(max(np.abs(W - rW).max(), np.abs(b - rb[:, 0]).max())
               for W, b, rW, rb in zip(net.weights, net.biases, ref.weights, ref.biases))


def check_one_step(X, y):
    """One identical mini-batch step in both implementations; returns the largest parameter difference."""
    net = Network(SIZES, seed=SEED)
    ref = ReferenceNetwork.copy_of(net)
    grad_w, grad_b = net.gradient(X[:BATCH], y[:BATCH])
    for W, b, gW, gb in zip(net.weights, net.biases, grad_w, grad_b):
        W -= RATE * gW
        b -= RATE * gb
    ref.step(ReferenceNetwork.as_columns(X[:BATCH], y[:BATCH]), RATE)
    return max_difference(net, ref)


def time_layouts(X, y):
    """Seconds for one epoch on C-ordered and on Fortran-ordered copies of the same shuffled-pixel images."""
    permutation = np.random.default_rng(SEED).permutation(X.shape[1])
    fortran = X[:, permutation]                       # NumPy returns this column gather Fortran-ordered
    c_order = np.ascontiguousarray(fortran)
    t_c, net_c = time_ours(c_order, y)
    t_f, net_f = time_ours(fortran, y)
    same = all(np.array_equal(a, b) for a, b in zip(net_c.weights + net_c.biases, net_f.weights + net_f.biases))
    return t_c, t_f, fortran.flags.f_contiguous, same


WIDGET_GOAL_MS = 50.0
SWEEP_POSITIONS = 11

# Lesson number -> module of helpers.widgets; "lab" (lesson 06) is optional: it may not exist yet.
WIDGET_MODULES = {"00": "digits", "01": "neuron", "02": "descent", "03": "wishes", "04": "backprop",
                  "05": "learned", "06": "lab"}
# The control a learner moves most, where it is not the first slider of the widget.
PREFERRED_CONTROL = {"gradient_explorer": "delta", "network_nudger": "delta", "chain_explorer": "w3",
                     "weight_pattern": "bias", "descent_2d": "x0",
                     "damage_lab": "level", "training_watch": "play"}   # lesson 06: a play tick = 15 ms of SGD + redraw


def lesson_widgets():
    """(lesson, name, factory) for every widget factory in helpers.widgets (lowercase names in __all__).

    A module that does not exist (lesson 06's lab, before it lands) is left out; one that fails
    to import is listed with a factory that raises its error, so the table shows it.
    """
    found = []
    for lesson, module_name in WIDGET_MODULES.items():
        full_name = f"helpers.widgets.{module_name}"
        try:
            module = importlib.import_module(full_name)
        except ModuleNotFoundError as exc:
            if exc.name == full_name:
                continue
            found.append((lesson, module_name, _raiser(exc)))
            continue
        except Exception as exc:
            found.append((lesson, module_name, _raiser(exc)))
            continue
        for name in getattr(module, "__all__", []):
            factory = getattr(module, name)
            if name[0].islower() and callable(factory) and not name.endswith("_data"):
                found.append((lesson, name, factory))
    return found


def _raiser(exc):
    def factory():
        raise exc
    return factory


def sweep_of(name, widget):
    """(control name, values): the preferred control, else the first slider-like one, swept over its range."""
    controls = widget.controls
    names = [PREFERRED_CONTROL[name]] if PREFERRED_CONTROL.get(name) in controls else list(controls)
    for control_name in names:
        control = controls[control_name]
        if hasattr(control, "min") and hasattr(control, "max") and not getattr(control, "disabled", False):
            values = np.linspace(control.min, control.max, SWEEP_POSITIONS)
            if isinstance(control.value, (int, np.integer)) and not isinstance(control.value, bool):
                values = sorted({int(round(v)) for v in values})
            return control_name, [v if isinstance(v, int) else float(v) for v in values]
        options = getattr(control, "options", None)
        if options and not getattr(control, "disabled", False):
            values = [o[1] if isinstance(o, tuple) and len(o) == 2 else o for o in options]
            return control_name, (values * SWEEP_POSITIONS)[:SWEEP_POSITIONS]
        if isinstance(getattr(control, "value", None), bool):
            return control_name, [bool(i % 2) for i in range(1, SWEEP_POSITIONS + 1)]
    return None, []


def time_widget(name, widget, rounds=1):
    """(control, times in ms, first-visit times in ms) of a learner's moves: `widget.set(...)` timed from the call to
    its return (every observer of the control and the whole update, what the learner waits for), over the sweep.

    A menu's sweep comes back to options already shown, which a widget may keep drawn (a scene): the first
    visit of each option is timed apart, and so is a slider position, so a kept picture cannot hide the wait
    of the first time. rounds > 1 repeats the sweep (more samples; the first visits are the first round's).
    """
    control, values = sweep_of(name, widget)
    times, first, seen = [], [], {repr(widget.controls[control].value)} if control else set()
    for _ in range(rounds):
        for value in values:
            started = time.perf_counter()
            widget.set(**{control: value})
            elapsed = 1000 * (time.perf_counter() - started)
            times.append(elapsed)
            if repr(value) not in seen:
                seen.add(repr(value))
                first.append(elapsed)
    return control, times, first


def print_widget_updates(only=None, rounds=1):
    """Section 3: every lesson widget (or those named in `only`), one control swept as a learner moves it."""
    print("3. Whole update of every lesson widget (numbers + redraw into its PNG), median over")
    print(f"   {SWEEP_POSITIONS} positions of one control (w.set(...), timed from the move to its return, as a")
    print(f"   learner waits); 'first' = each option's or position's first showing; goal: under {WIDGET_GOAL_MS:g} ms")
    for lesson, name, make in lesson_widgets():
        if only and name not in only:
            continue
        label = f"{lesson} {name}"
        try:
            started = time.perf_counter()
            widget = make()
            built = time.perf_counter() - started
            if not hasattr(widget, "controls"):          # a helper such as canvas_available(), not a widget
                continue
            control, times, first = time_widget(name, widget, rounds)
            if not times:
                print(f"   {label:<26} built in {built:5.2f} s; no control to sweep")
                continue
        except Exception as exc:       # a widget mid-rewrite by someone else must not end the benchmark
            print(f"   {label:<26} FAILED: {type(exc).__name__}: {str(exc)[:60]}")
            continue
        median = statistics.median(times)
        first_median = statistics.median(first) if first else median
        met = median < WIDGET_GOAL_MS and first_median < WIDGET_GOAL_MS
        print(f"   {label:<26} move {control:<14} {median:6.1f} ms  (first {first_median:6.1f}, slowest "
              f"{max(times):6.1f})  {'met' if met else 'NOT met'}   built in {built:5.2f} s")


RUN_ALL_GOAL_S = 30.0
LESSONS_DIR = Path(__file__).resolve().parents[1] / "lessons"


def run_all_seconds(path):
    """Wall-clock seconds to execute a notebook top to bottom in a fresh kernel of this interpreter.

    The kernel's start-up (about a second) is not counted: a learner's Run All starts with a live kernel.
    """
    import ipykernel.kernelspec
    import nbformat
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync
    from nbclient import NotebookClient

    class ThisInterpreter(KernelSpecManager):          # every kernel name: ipykernel on this Python
        def get_kernel_spec(self, kernel_name):
            return self.kernel_spec_class(resource_dir=ipykernel.kernelspec.RESOURCES,
                                          **ipykernel.kernelspec.get_kernel_dict())

    nb = nbformat.read(path, as_version=4)
    kernel = AsyncKernelManager(kernel_name="python3", kernel_spec_manager=ThisInterpreter())
    client = NotebookClient(nb, km=kernel, timeout=600, startup_timeout=60,
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        with client.setup_kernel(stderr=subprocess.DEVNULL):      # the kernel's start-up notices: not ours
            start = time.perf_counter()
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
            return time.perf_counter() - start
    finally:
        if kernel.has_kernel:
            run_sync(kernel.shutdown_kernel)(now=True)


def rule(width=78):
    print("-" * width)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="skip the 60,000-image reference run and the 30-epoch accuracy goal")
    parser.add_argument("--skip-lessons", action="store_true", help="skip timing each lesson's Run All")
    args = parser.parse_args(argv)
    began = time.perf_counter()

    (X, y), (X_test, y_test) = load_digits()
    print("Nudge benchmark" + ("  (--quick)" if args.quick else ""))
    print(f"Python {platform.python_version()}, NumPy {np.__version__}, {os.cpu_count()} CPU(s), "
          f"{platform.machine()}; float64; network {'-'.join(map(str, SIZES))}, seed {SEED}")
    rule()

    # ----- 0. the reference is faithful ---------------------------------------
    diff = check_one_step(X, y)
    agree = diff < 1e-10
    print(f"One mini-batch step (10 bundled images, learning rate {RATE}) from identical weights:")
    print(f"  largest difference in any weight or bias: {diff:.1e}   agree: {'yes' if agree else 'NO'}")
    rule()

    # ----- 1. one epoch of SGD ---------------------------------------------------
    print(f"1. One epoch of mini-batch SGD (batch {BATCH}, learning rate {RATE}), seconds per epoch,")
    print(f"   best of {REPEATS} runs each, the three taken in turns")
    print("   ours = helpers.Network.train(epochs=1, evaluate=False): vectorised over each batch;")
    print("          '+ stats' is the default train(), which also measures training cost and accuracy")
    print("          after the epoch (one more forward pass over every image; the reference does none);")
    print("   reference = benchmarks/reference_network.py: a Python loop over the examples of each")
    print("          batch, column vectors (784, 1), backprop one example at a time.")
    print()
    rows = []
    test_pairs = ReferenceNetwork.as_columns(X_test, y_test)

    def after(net, ref):
        """How far apart the two are after the epoch, and each one's bundled test accuracy."""
        return max_difference(net, ref), net.accuracy(X_test, y_test), ref.accuracy(test_pairs)

    X_big, y_big, big_name = big_training_set(X, y)
    for X_run, y_run, name in ((X, y, "bundled MNIST subset (training part)"), (X_big, y_big, big_name)):
        if args.quick and len(X_run) > len(X):
            rows.append((len(X_run), name, time_ours(X_run, y_run)[0], time_ours(X_run, y_run, True)[0], None, None))
            continue
        t_ours, t_stats, t_ref, net, ref = time_side_by_side(X_run, y_run)
        rows.append((len(X_run), name, t_ours, t_stats, t_ref, after(net, ref)))
    width = max(len(name) for _, name, *_ in rows)
    print(f"   {'images':>7}  {'data':<{width}}  {'ours':>8}  {'+ stats':>8}  {'reference':>9}  {'ratio':>6}")
    for n, name, t_o, t_s, t_r, _ in rows:
        ref_text = f"{t_r:8.2f} s" if t_r is not None else f"{'skipped':>9}"
        ratio = f"{t_r / t_o:5.1f}x" if t_r is not None else f"{'-':>6}"
        print(f"   {n:>7,}  {name:<{width}}  {t_o:6.3f} s  {t_s:6.3f} s  {ref_text}  {ratio}")
    print("   (ratio = reference seconds / ours, the same work on both sides; higher means ours is faster)")
    print("   After the epoch (same shuffle in both), largest parameter difference and accuracy on the")
    print("   2,000 bundled test images. Rounding differences of ~1e-16 grow step by step in SGD, so over")
    print("   thousands of steps the two drift apart while learning equally well:")
    for n, _, _, _, t_r, result in rows:
        if t_r is not None:
            d, acc_ours, acc_ref = result
            print(f"   {n:>7,} images: difference {d:.1e};  test accuracy ours {100 * acc_ours:5.2f} %, "
                  f"reference {100 * acc_ref:5.2f} %")
    rule()

    t_c, t_f, is_fortran, same = time_layouts(X, y)
    print(f"   Memory layout, {len(X):,} bundled images with shuffled pixels (X[:, permutation]), one epoch:")
    print(f"   C-ordered {t_c:6.3f} s   Fortran-ordered{'' if is_fortran else ' (NOT Fortran?)'} {t_f:6.3f} s   "
          f"ratio {t_f / t_c:4.2f}x   same weights after: {'yes' if same else 'NO'}   "
          f"goal: ratio under 1.5 -> {'met' if t_f / t_c < 1.5 else 'NOT met'}")
    rule()

    # ----- 2. one slider move ------------------------------------------------------
    net = Network(SIZES, seed=SEED)
    X_k, y_k = X[:1000], y[:1000]
    net.cost_and_gradient(X_k, y_k)                         # warm-up
    samples = []
    for _ in range(200):
        start = time.perf_counter()
        net.cost_and_gradient(X_k, y_k)
        samples.append(time.perf_counter() - start)
    median_ms = 1000 * statistics.median(samples)
    print("2. Numeric work of one slider move: net.cost_and_gradient on 1,000 bundled images")
    print("   (input checks + one forward pass + cost + one backward pass), 200 repeats")
    print(f"   median {median_ms:6.2f} ms   (fastest {1000 * min(samples):.2f} ms, "
          f"slowest {1000 * max(samples):.2f} ms)   goal: under {SLIDER_GOAL_MS:g} ms -> "
          f"{'met' if median_ms < SLIDER_GOAL_MS else 'NOT met'}")
    rule()

    # ----- 3. whole widget updates ------------------------------------------------
    print_widget_updates()
    rule()

    # ----- 4. the accuracy goal --------------------------------------------------
    if args.quick:
        print("4. Accuracy goal (30 epochs x 3 seeds): skipped with --quick")
    else:
        print("4. Accuracy goal: Network([784, 16, 16, 10], seed=s).train(X, y, epochs=30,")
        print("   test=(X_test, y_test), seed=s) with default settings; bundled data, 8,000 train / 2,000 test")
        accuracies = []
        for s in (0, 1, 2):
            start = time.perf_counter()
            history = Network(SIZES, seed=s).train(X, y, epochs=30, test=(X_test, y_test), seed=s, progress=False)
            accuracies.append(history["test_accuracy"][-1])
            print(f"   seed {s}: final test accuracy {100 * accuracies[-1]:5.2f} %   "
                  f"({time.perf_counter() - start:.1f} s)")
        median_acc = statistics.median(accuracies)
        print(f"   median:  {100 * median_acc:5.2f} %   goal: at least {100 * ACCURACY_GOAL:.0f} % -> "
              f"{'met' if median_acc >= ACCURACY_GOAL else 'NOT met'}")
    rule()

    # ----- 5. each lesson's Run All --------------------------------------------------
    if args.skip_lessons:
        print("5. Lessons' Run All: skipped with --skip-lessons")
    else:
        print(f"5. Each lesson's Run All in a fresh kernel (nbclient, cwd its folder); goal: {RUN_ALL_GOAL_S:g} s each."
              "\n   English and its 简体中文 twin (lessons/zh-CN: same code, Chinese text and figure font)"
              " side by side")
        print(f"   {'lesson':<36} {'English':>8} {'zh-CN':>8} {'zh/en':>6}")
        for path in sorted(LESSONS_DIR.glob("*.ipynb")):
            twin = LESSONS_DIR / "zh-CN" / path.name
            times = []
            for notebook in (path, twin):
                try:
                    times.append(run_all_seconds(notebook) if notebook.exists() else None)
                except Exception as exc:
                    print(f"   {notebook.relative_to(LESSONS_DIR)} FAILED: {type(exc).__name__}: "
                          f"{str(exc).strip().splitlines()[-1][:60]}")
                    times.append(None)
            shown = [f"{t:6.1f} s" if t is not None else "     —  " for t in times]
            ratio = f"{times[1] / times[0]:5.2f}×" if None not in times else "     "
            verdict = "met" if all(t is None or t <= RUN_ALL_GOAL_S for t in times) else "NOT met"
            print(f"   {path.stem:<36} {shown[0]:>8} {shown[1]:>8} {ratio:>6}   {verdict}")
    rule()
    print(f"Whole benchmark: {time.perf_counter() - began:.1f} s")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
