"""Run lesson 05's experiments at full size and write data/results/<experiment>.json.

The notebook runs each experiment on a small budget (seconds); this script runs the
very same functions (helpers/experiments.py; files: helpers/results.py) with more epochs and three seeds, on
full MNIST when it is cached (python -m helpers.core.data --full) and on the bundled
10,000 digits otherwise. Every file records what it was made from: the data set,
the number of training and test images, epochs, seeds, each run's settings (layer
sizes, activation, cost, initial weights, learning rate, weight decay), the date,
the package versions, and every run's learning curves.

    python scripts/run_experiments.py                   # every experiment, 2 processes
    python scripts/run_experiments.py tweaks shuffled_pixels
    python scripts/run_experiments.py --bundled         # ignore a cached full MNIST
    python scripts/run_experiments.py --jobs 1

On the bundled digits the whole run takes about 3-5 minutes on 2 cores.
"""

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# One BLAS thread per process: these matrices are small, and on a busy machine OpenBLAS's extra
# threads only wait for cores (measured: 28x slower under load). Set before NumPy loads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import matplotlib  # noqa: E402

import helpers  # noqa: E402
from helpers.core.data import mnist_is_cached  # noqa: E402
from helpers.learned import experiments, results  # noqa: E402


def run_one(name, use_full):
    """Run one experiment at full size and return (name, result with its provenance, seconds)."""
    start = time.perf_counter()
    data = experiments.experiment_data(full=use_full)
    result = experiments.run_experiment(name, "full", data=data, progress=False)
    seconds = time.perf_counter() - start
    cached = mnist_is_cached()
    data_note = ("full MNIST (cached on this machine)" if use_full else
                 "the bundled subset: full MNIST was not cached on the machine that ran this"
                 if not cached else "the bundled subset (--bundled)")
    stamped = results.stamp(result, data_note, seconds,
                            {"matplotlib": matplotlib.__version__, "nudge": helpers.__version__})
    stamped["full_mnist_cached"] = cached
    return name, stamped, seconds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*",
                        help=f"experiments to run (default: all of {', '.join(experiments.EXPERIMENTS)})")
    parser.add_argument("--bundled", action="store_true", help="use the bundled digits even if full MNIST is cached")
    parser.add_argument("--jobs", type=int, default=2, help="processes to run experiments in (default 2)")
    args = parser.parse_args(argv)
    names = args.names or list(experiments.EXPERIMENTS)
    unknown = [n for n in names if n not in experiments.EXPERIMENTS]
    if unknown:
        parser.error(f"unknown experiment(s) {unknown}; choose from {list(experiments.EXPERIMENTS)}")
    use_full = mnist_is_cached() and not args.bundled
    print("data:", "full MNIST (cached)" if use_full else
          "the bundled 10,000 digits (full MNIST is not cached: python -m helpers.core.data --full)")

    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(run_one, name, use_full) for name in names]
        for future in futures:
            name, result, seconds = future.result()
            path = results.save_result(result)
            print(f"\nwrote {path.relative_to(ROOT)} in {seconds:.0f} s")
            print(results.summary(result))
    print(f"\nall done in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
