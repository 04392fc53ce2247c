"""Timing figures for Nudge, side by side in one process (what `make bench` runs).

1. One epoch of mini-batch SGD (784-16-16-10, batch 10, learning rate 1.5, the
   videos' quadratic cost), our vectorised `helpers.Network` against a
   per-example-loop reference network in the classic textbook style
   (benchmarks/reference_network.py), both starting from the same seed-0
   weights, on the bundled 8,000 training images and on 60,000 images (full
   MNIST when it is cached, otherwise the bundled images tiled).
   First it checks that one identical mini-batch step gives the same weights
   in both, so the two are timed doing the same computation.
2. The numeric work behind one slider move: cost and gradient on 1,000 images.
3. The accuracy goal: 30 epochs of default training, seeds 0, 1, 2.

    python benchmarks/bench.py            # everything, well under a minute
    python benchmarks/bench.py --quick    # skip the 60,000-image reference run and the 30-epoch goal

Benchmarks print; they assert nothing about time. Correctness lives in tests/.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.append(str(Path(__file__).resolve().parents[1]))   # the repository, if helpers is not installed
from reference_network import ReferenceNetwork  # noqa: E402

from helpers import Network, load_digits  # noqa: E402
from helpers import data as nudge_data  # noqa: E402

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


def time_ours(X, y, evaluate=False):
    times = []
    for _ in range(REPEATS):
        net = Network(SIZES, seed=SEED)
        start = time.perf_counter()
        net.train(X, y, epochs=1, batch_size=BATCH, learning_rate=RATE, seed=SEED, progress=False,
                  evaluate=evaluate)
        times.append(time.perf_counter() - start)
    return min(times), net


def time_reference(X, y):
    pairs = ReferenceNetwork.as_columns(X, y)          # data preparation is not timed
    times = []
    for _ in range(REPEATS):
        ref = ReferenceNetwork.copy_of(Network(SIZES, seed=SEED))
        start = time.perf_counter()
        ref.sgd_epoch(pairs, BATCH, RATE, seed=SEED)
        times.append(time.perf_counter() - start)
    return min(times), ref


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


WIDGET_GOAL_MS = 50.0
SWEEP = np.linspace(-1.0, 1.0, 21)


def slider_widgets():
    """(label, factory, control, values) for every widget that recomputes on a slider move."""
    from helpers import widgets

    sweep = [float(v) for v in SWEEP]
    indices = list(range(0, 2000, 100))
    return [
        ("00 digit_browser: move the digit number", widgets.digit_browser, "index", indices),
        ("01 single_neuron: move w1", widgets.single_neuron, "w1", sweep),
        ("01 weight_pattern: move the bias", widgets.weight_pattern, "bias", [10 * v for v in sweep]),
        ("01 network_view: move the test digit", widgets.network_view, "index", indices),
        ("02 descent_1d: move the start", widgets.descent_1d, "start", sweep),
        ("02 descent_2d: move the start x0", widgets.descent_2d, "x0", sweep),
        ("02 gradient_explorer: move Δ", widgets.gradient_explorer, "delta", sweep),
        ("04 chain_explorer: move w(3)", widgets.chain_explorer, "w3", sweep),
        ("04 network_nudger: move Δ", widgets.network_nudger, "delta", sweep),
    ]


def rule(width=78):
    print("-" * width)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="skip the 60,000-image reference run and the 30-epoch accuracy goal")
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
    print(f"   best of {REPEATS} runs each")
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
        t_ours, net = time_ours(X_run, y_run)
        t_stats, _ = time_ours(X_run, y_run, evaluate=True)
        if args.quick and len(X_run) > len(X):
            rows.append((len(X_run), name, t_ours, t_stats, None, None))
            continue
        t_ref, ref = time_reference(X_run, y_run)
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
    print("3. Whole update of a slider widget (numbers + redraw into its PNG), median over a sweep")
    print(f"   of {len(SWEEP)} slider positions; goal: under {WIDGET_GOAL_MS:g} ms")
    for label, make, control, values in slider_widgets():
        widget = make()
        times = []
        for value in values:
            widget.set(**{control: value})
            times.append(widget.last_update_ms)
        median = statistics.median(times)
        print(f"   {label:<46} {median:6.1f} ms  (slowest {max(times):5.1f})  "
              f"{'met' if median < WIDGET_GOAL_MS else 'NOT met'}")
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
    print(f"Whole benchmark: {time.perf_counter() - began:.1f} s")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
