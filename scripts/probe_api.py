"""Try odd inputs on the public API, as a new learner would, and sort what happens.

    python scripts/probe_api.py            # the table of counts
    python scripts/probe_api.py --verbose  # and one line per input

Each case says what a teacher would want: a clear error (an exception whose
message matches a pattern that names the argument and the fix) or that the
input simply works (and a check of the result). What actually happens falls in
one of five boxes:

    works          a valid but unusual input did the right thing
    clear error    the expected kind of error, in our words
    unclear error  an error in NumPy's or Python's words, or NumPy warnings on the way
    silent wrong   no error although the input is a mistake (or a wrong result)
    crash          an internal error (AttributeError, IndexError, a NumPy ufunc error, ...)

Exits with 1 when any case lands in the last three boxes. No network access:
the downloads point at a closed port on 127.0.0.1.
"""

import argparse
import contextlib
import io
import os
import re
import socket
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np

import helpers
from helpers import Network, gradient_check, load_digits, load_mnist, numerical_gradient

BOXES = ("works", "clear error", "unclear error", "silent wrong", "crash")
# Errors a learner is meant to read; anything else escaping the API is an internal error.
USER_ERRORS = (ValueError, TypeError, OSError, ConnectionError, FloatingPointError)


class Raises:
    """The input is a mistake: expect an error whose 'Type: message' matches `pattern`."""

    def __init__(self, pattern):
        self.pattern = pattern


class Works:
    """The input is valid: expect a result for which `check(result)` is true."""

    def __init__(self, check=lambda result: True):
        self.check = check


def classify(call, expected):
    """Run one case; return (box, what happened in a few words)."""
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(io.StringIO()), \
            contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("always")
        try:
            result = call()
        except BaseException as exc:            # noqa: BLE001 -- a probe must survive anything
            if isinstance(exc, KeyboardInterrupt):
                raise
            said = f"{type(exc).__name__}: {exc}"
            internal = (not isinstance(exc, USER_ERRORS) or type(exc).__module__.startswith("numpy"))
            if internal:
                return "crash", said
            if isinstance(expected, Raises) and re.search(expected.pattern, said, re.S):
                numpy_noise = [w for w in caught
                               if issubclass(w.category, (RuntimeWarning, np.exceptions.ComplexWarning))]
                if numpy_noise:
                    return "unclear error", f"{said} (after NumPy's warning: {numpy_noise[0].message})"
                return "clear error", said
            return "unclear error", said
    numpy_noise = [w for w in caught if issubclass(w.category, (RuntimeWarning, np.exceptions.ComplexWarning))]
    if isinstance(expected, Raises):
        return "silent wrong", "returned " + _short(result)
    if not expected.check(result):
        return "silent wrong", "wrong result " + _short(result)
    if numpy_noise:
        return "unclear error", f"worked, with NumPy's warning: {numpy_noise[0].message}"
    return "works", _short(result)


def _short(value):
    text = repr(value) if not isinstance(value, np.ndarray) else f"array{value.shape}"
    return text if len(text) < 60 else text[:57] + "..."


def closed_port_url():
    """A URL on 127.0.0.1 at a port nobody listens on: a download there fails at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/mnist/"


def cases(folder):
    """(api, input, call, expectation) for about fifty odd inputs."""
    rng = np.random.default_rng(0)
    X = rng.random((6, 784))
    y = np.array([0, 1, 2, 3, 4, 5])
    net = Network([784, 4, 10])
    small = Network([3, 2])
    x3 = np.full((1, 3), 0.5)
    dead = closed_port_url()
    saved = folder / "good.npz"
    net.save(saved)
    (folder / "junk.npz").write_bytes(b"not a zip")
    nan_net = dict(np.load(saved))
    nan_net["w0"] = np.full_like(nan_net["w0"], np.nan)
    np.savez(folder / "nan.npz", **nan_net)
    fractional = dict(np.load(saved), sizes=np.array([784.5, 4, 10]))
    np.savez(folder / "fractional.npz", **fractional)
    locked = _unwritable_folder(folder)

    def in_folder(fn):
        def run():
            here = os.getcwd()
            os.chdir(folder)
            try:
                return fn()
            finally:
                os.chdir(here)
        return run

    def same_as_labels(result):
        return result == net.cost(X[0], 3)

    yield "Network()", "sizes=784 (not a list)", lambda: Network(784), Raises("list of layer widths")
    yield "Network()", "sizes=[784]", lambda: Network([784]), Raises("at least two layers")
    yield "Network()", "a layer of width 0", lambda: Network([784, 0, 10]), Raises("must be positive")
    yield "Network()", "a width of 16.5", lambda: Network([784, 16.5, 10]), Raises("whole number")
    yield "Network()", "a width given as '16'", lambda: Network([784, "16", 10]), Raises("whole number")
    yield "Network()", "sizes=None", lambda: Network(None), Raises("sizes must be a list")
    yield "Network()", "sizes as a NumPy array", lambda: Network(np.array([784, 16, 10])), Works()
    yield "Network()", "activation='tanh'", lambda: Network([784, 10], activation="tanh"),\
        Raises("activation must be one of")
    yield "Network()", "cost='mse'", lambda: Network([784, 10], cost="mse"), Raises("cost must be one of")
    yield "Network()", "dtype=int", lambda: Network([784, 10], dtype=int), Raises("dtype must be")
    yield "Network()", "seed='my seed'", lambda: Network([784, 10], seed="my seed"), Raises("seed must")
    yield "forward", "a 28x28 image", lambda: net.forward(np.zeros((28, 28))), Raises("flattened")
    yield "forward", "uint8 pixels 0-255", lambda: net.forward((X * 255).astype(np.uint8)), Raises(r"/ 255")
    yield "forward", "float pixels 0-255", lambda: net.forward(X * 255), Raises(r"/ 255")
    yield "forward", "NaN pixels", lambda: net.forward(np.full((2, 784), np.nan)), Raises("NaN or infinite")
    yield "forward", "a string", lambda: net.forward("digit.png"), Raises("X must be an array")
    yield "forward", "ragged rows", lambda: net.forward([[0.1] * 784, [0.2] * 783]), Raises(r"X.*(same length|ragged)")
    yield "forward", "complex pixels", lambda: net.forward(X + 1j), Raises("real numbers")
    yield "forward", "a generator of rows", lambda: net.forward(row for row in X), Raises("X must")
    yield "forward", "a list of lists", lambda: net.forward(X.tolist()),\
        Works(lambda a: np.allclose(a, net.forward(X)))
    yield "forward", "a Fortran-ordered array", lambda: net.forward(np.asfortranarray(X)),\
        Works(lambda a: np.allclose(a, net.forward(X)))
    yield "cost", "label 10", lambda: net.cost(X, [0, 1, 2, 3, 4, 10]), Raises("labels must lie in 0-9")
    yield "cost", "5 labels for 6 images", lambda: net.cost(X, y[:5]), Raises("same number of examples")
    yield "cost", "label 0.5", lambda: net.cost(X, y + 0.5), Raises("whole numbers")
    yield "cost", "labels as strings", lambda: net.cost(X, [str(v) for v in y]), Raises("y must hold numbers")
    yield "cost", "y=None", lambda: net.cost(X, None), Raises("y must be labels")
    yield "cost", "labels as a column (6, 1)", lambda: net.cost(X, y[:, None]), Raises(r"shape \(6,\)")
    yield "cost", "one image with a one-hot target", lambda: net.cost(X[0], np.eye(10)[3]), Works(same_as_labels)
    yield "cost", "an empty batch", lambda: net.cost(X[:0], y[:0]), Raises("no examples")
    yield "gradient", "one-hot rows of width 9", lambda: net.gradient(X, np.zeros((6, 9))), Raises(r"\(6, 10\)")
    yield "gradient", "targets of 2.0", lambda: net.gradient(X, np.full((6, 10), 2.0)), Raises(r"in \[0, 1\]")
    yield "accuracy", "a dict as labels", lambda: net.accuracy(X, {0: 1}), Raises("y must hold numbers")
    yield "predict", "one image", lambda: net.predict(X[0]), Works(lambda p: np.ndim(p) == 0 and 0 <= p <= 9)
    yield "train", "test=X_test without labels", lambda: net.copy().train(X, y, epochs=1, test=X, progress=False),\
        Raises(r"pair \(X_test, y_test\)")
    yield "train", "learning_rate=0", lambda: net.copy().train(X, y, learning_rate=0, progress=False),\
        Raises("learning_rate must be positive")
    yield "train", "learning_rate='fast'", lambda: net.copy().train(X, y, learning_rate="fast", progress=False),\
        Raises("learning_rate must be a positive number")
    yield "train", "batch_size=2.5", lambda: net.copy().train(X, y, batch_size=2.5, progress=False),\
        Raises("batch_size must be a positive whole number")
    yield "train", "epochs=0", lambda: net.copy().train(X, y, epochs=0, progress=False),\
        Raises("epochs must be positive")
    yield "train", "weight_decay=nan", lambda: net.copy().train(X, y, weight_decay=float("nan"), progress=False),\
        Raises("weight_decay must be a finite number")
    yield "train", "learning_rate*weight_decay=3", lambda: net.copy().train(X, y, weight_decay=2.0, progress=False),\
        Raises(r"must be below 1")
    yield "train", "NumPy numbers as settings", lambda: small.copy().train(
        np.ones((4, 3)) / 2, [0, 1, 0, 1], epochs=np.int64(2), batch_size=np.int32(2),
        learning_rate=np.float32(0.5), progress=False), Works(lambda h: len(h["epoch"]) == 2)
    yield "train", "batch_size larger than the data", lambda: small.copy().train(
        np.ones((4, 3)) / 2, [0, 1, 0, 1], epochs=1, batch_size=1000, progress=False),\
        Works(lambda h: len(h["epoch"]) == 1)
    yield "train", "a ReLU net at learning rate 1e200", lambda: Network(
        [784, 16, 10], activation="relu", cost="cross_entropy").train(X, y, epochs=2, learning_rate=1e200,
                                                                     progress=False),\
        Raises(r"TrainingDiverged: .*epoch \d.*too large")
    yield "save/load", "save('mynet') then load('mynet')",\
        in_folder(lambda: (net.save("mynet"), Network.load("mynet"))[1]),\
        Works(lambda back: all(np.array_equal(a, b) for a, b in zip(back.weights, net.weights)))
    yield "save/load", "save into a missing folder", lambda: net.save(folder / "missing" / "net"),\
        Raises(r"FileNotFoundError: (?!.*\.part).*missing")
    yield "save/load", "load a file that is not there", lambda: Network.load(folder / "absent"), Raises("absent")
    yield "save/load", "load a file that is no .npz", lambda: Network.load(folder / "junk.npz"),\
        Raises("not a network saved by Network.save")
    yield "save/load", "load NaN weights", lambda: Network.load(folder / "nan.npz"), Raises("NaN or infinite")
    yield "save/load", "load sizes 784.5", lambda: Network.load(folder / "fractional.npz"), Raises("whole numbers")
    yield "save/load", "load(None)", lambda: Network.load(None), Raises(r"str, bytes or os.PathLike|path")
    yield "load_digits", "load_digits(1)", lambda: load_digits(1), Raises("positional argument")
    yield "load_digits", "change a returned array",\
        lambda: (load_digits()[0][0].fill(0), load_digits()[0][0].max())[1],\
        Works(lambda top: top == 1.0)
    yield "load_mnist", "every mirror down", lambda: load_mnist(folder / "m1", mirrors=[dead], progress=False),\
        Raises("ConnectionError: .*every mirror failed")
    yield "load_mnist", "cache_dir='~/…' (tilde)", in_folder(lambda: _tilde_is_expanded(dead)), Works(lambda ok: ok)
    yield "load_mnist", "a cache folder you cannot write", lambda: load_mnist(locked / "sub", mirrors=[dead],
                                                                              progress=False),\
        Raises(r"PermissionError: .*" + re.escape(str(locked)) + ".*permission")
    yield "numerical_gradient", "the net and X swapped", lambda: numerical_gradient(X, net, y),\
        Raises("first argument must be a Network")
    yield "numerical_gradient", "eps=0", lambda: numerical_gradient(small, x3, [0], eps=0),\
        Raises("eps must be positive")
    yield "gradient_check", "a string for the net", lambda: gradient_check("net", x3, [0]),\
        Raises("first argument must be a Network")
    yield "gradient_check", "eps='small'", lambda: gradient_check(small, x3, [0], eps="small"),\
        Raises("eps must be a positive number")
    yield "gradient_check", "pixels 0-255", lambda: gradient_check(net, X[:1] * 255, y[:1]), Raises(r"/ 255")
    yield "gradient_check", "a float32 network", lambda: gradient_check(Network([3, 2], dtype=np.float32), x3, [0]),\
        Works(lambda error: 0 <= error < 1)


def _unwritable_folder(folder):
    """A folder this process may not write in: a read-only one, or (root may write anywhere) one in /sys."""
    if os.name == "posix" and os.geteuid() == 0:
        return Path("/sys/nudge-probe")
    locked = folder / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    return locked


def _tilde_is_expanded(dead):
    """load_mnist('~/nudge-probe-…') must look under the home folder, not make a folder named '~' here."""
    home = Path(tempfile.mkdtemp(prefix="home-"))
    old = os.environ.get("HOME")
    os.environ["HOME"] = str(home)
    try:
        try:
            load_mnist("~/probe-cache", mirrors=[dead], progress=False)
        except ConnectionError:
            pass
        return (home / "probe-cache").is_dir() and not Path("~").exists()
    finally:
        if old is None:
            del os.environ["HOME"]
        else:
            os.environ["HOME"] = old


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="one line per input")
    args = parser.parse_args(argv)
    counts = dict.fromkeys(BOXES, 0)
    bad = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        try:
            for api, what, call, expected in cases(folder):
                box, said = classify(call, expected)
                counts[box] += 1
                if args.verbose:
                    print(f"{box:13}  {api:18} {what:36} {said[:110]}")
                if box not in ("works", "clear error"):
                    bad.append(f"{box}: {api}({what}) -> {said[:160]}")
        finally:
            if (folder / "locked").exists():
                (folder / "locked").chmod(0o700)
    total = sum(counts.values())
    print(f"\nhelpers {helpers.__file__}")
    print(f"{'inputs tried':>14} | " + " | ".join(f"{b:>13}" for b in BOXES))
    print(f"{total:>14} | " + " | ".join(f"{counts[b]:>13}" for b in BOXES))
    if bad:
        print("\nTo fix:")
        print("\n".join("  " + line for line in bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
