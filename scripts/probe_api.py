"""Try odd inputs on the public API, as a new learner would, and sort what happens.

    python scripts/probe_api.py            # the table of counts
    python scripts/probe_api.py --verbose  # and one line per input

Each case says what a teacher would want: a clear error (an exception whose
message matches a pattern that names the argument and the fix) or that the
input simply works (and a check of the result), or that it works with a warning
in words (a learning rate that stops all learning). What actually happens falls
in one of eight boxes (scripts/_probe.py, shared with the other probes); here "data lost"
means the network or a saved file was left changed (by an interrupted call, say).

Exits with 1 when any case lands in a box after the first two. No network access:
the downloads point at a closed port on 127.0.0.1.
"""

import argparse
import os
import re
import socket
import sys
import tempfile
from pathlib import Path

import numpy as np

import helpers
from helpers import Network, gradient_check, load_digits, load_mnist, numerical_gradient
from helpers.core import training
from helpers.core.gradcheck import numerical_partial

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "tests"))
from _probe import BOXES, Raises, Warns, Works, classify, print_table  # noqa: E402
from test_network import PressesCtrlC  # noqa: E402  (the Ctrl-C tripwire the tests use)

HANG_SECONDS = 60


def closed_port_url():
    """A URL on 127.0.0.1 at a port nobody listens on: a download there fails at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/mnist/"


def cases(folder):
    """(api, input, call, expectation) for about a hundred odd inputs."""
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
    yield from issue_23_cases(folder, locked)


def issue_23_cases(folder, locked):
    """Issue 23's doors into the network, the gradient checker and saving, and more of the same kind."""
    (digits, labels), _test = load_digits()
    X, y = digits[:6], labels[:6]
    X500, y500 = digits[:500], labels[:500]
    net = Network([784, 4, 10])
    small = Network([3, 2])
    x3 = np.full((1, 3), 0.5)

    # --- layer sizes
    yield "Network()", "sizes as an array of floats", lambda: Network(np.array([784., 16, 10])).sizes,\
        Works(lambda sizes: sizes == [784, 16, 10] and all(type(w) is int for w in sizes))
    yield "Network()", "a width of 16.0", lambda: Network([784, 16.0, 10]).sizes,\
        Works(lambda sizes: sizes == [784, 16, 10] and all(type(w) is int for w in sizes))
    yield "Network()", "a width of np.float32(16)", lambda: Network([784, np.float32(16), 10]).sizes,\
        Works(lambda sizes: sizes == [784, 16, 10])
    yield "Network()", "sizes as a set", lambda: Network({784, 30, 10}), Raises(r"TypeError: .*order.*\[784, 30, 10\]")
    yield "Network()", "an array of floats with 16.5", lambda: Network(np.array([784., 16.5, 10])),\
        Raises(r"whole number; got 16\.5 in sizes=\[784(\.0)?, 16\.5, 10(\.0)?\]$")
    yield "Network()", "sizes as a string '784,16,10'", lambda: Network("784,16,10"), Raises("list of layer widths")
    yield "Network()", "sizes as a 2-D array", lambda: Network(np.array([[784, 16, 10]])),\
        Raises(r"list of layer widths.*\(1, 3\)")
    yield "Network()", "a width of nan", lambda: Network([784, float("nan"), 10]), Raises("whole number; got nan")
    yield "Network()", "ten million hidden neurons", lambda: Network([784, 10**7, 10]),\
        Raises(r"7,950,000,010 weights and biases")

    # --- the gradient checker: its step, and Ctrl-C in the middle
    yield "gradient_check", "eps=1e-20", lambda: gradient_check(net, X[:1], y[:1], eps=1e-20),\
        Raises(r"eps=1e-20 .*1e-07 to 0\.001")
    yield "gradient_check", "eps=0.5", lambda: gradient_check(small, x3, [0], eps=0.5),\
        Raises(r"eps=0\.5 .*1e-07 to 0\.001")
    yield "numerical_gradient", "eps=1e-20", lambda: numerical_gradient(small, x3, [0], eps=1e-20),\
        Raises(r"eps=1e-20 ")
    yield "gradient_check", "eps=1e-9 (rounding shows)", lambda: gradient_check(small, x3, [0], eps=1e-9),\
        Warns(r"eps=1e-09 .*1e-07 to 0\.001")
    yield "gradient_check", "eps=1e-3 (still good)", lambda: gradient_check(small, x3, [0], eps=1e-3),\
        Works(lambda error: error < 1e-7, quiet=True)
    yield "numerical_partial", "layer=5 in a 2-layer net", lambda: numerical_partial(small, x3, [0], 5, 0, 0),\
        Raises(r"layer must be a whole number from 0 to 0; got 5")
    yield "numerical_partial", "neuron j=7 of 2", lambda: numerical_partial(small, x3, [0], 0, 7, 0),\
        Raises(r"j must be a whole number from 0 to 1; got 7")
    yield "numerical_partial", "k=0.5", lambda: numerical_partial(small, x3, [0], 0, 0, 0.5),\
        Raises(r"k must be a whole number from 0 to 2; got 0\.5")
    yield "numerical_partial", "eps=1e-12 (lesson 04's sweep)",\
        lambda: numerical_partial(small, x3, [0], 0, 0, 0, eps=1e-12), Works(np.isfinite)
    for name, call in (("gradient_check", lambda n: gradient_check(n, X[:2], y[:2])),
                       ("numerical_gradient", lambda n: numerical_gradient(n, X[:2], y[:2])),
                       ("numerical_partial", lambda n: numerical_partial(n, X[:2], y[:2], 0, 1, 2))):
        victim = Network([784, 4, 10], seed=1)
        yield name, "Ctrl-C in the middle", lambda v=victim, c=call: _interrupted(v, "feedforward", 2, lambda: c(v)),\
            Works(lambda said: said == "interrupted", intact=_unchanged(victim))

    # --- training: a learning rate that stops all learning, and a second Ctrl-C within a step
    yield "train", "learning_rate=1e12 (flat cost)",\
        lambda: Network([784, 16, 10]).train(X500, y500, epochs=3, learning_rate=1e12, progress=False),\
        Warns(r"not moved.*learning rate 1e\+12.*too large.*saturated")
    yield "train", "learning_rate=1e-9 (flat cost)",\
        lambda: Network([784, 16, 10]).train(X500, y500, epochs=3, learning_rate=1e-9, progress=False),\
        Warns(r"not moved.*learning rate 1e-09.*too small")
    yield "train", "ReLU at learning_rate=1e12 (huge cost)", lambda: Network(
        [784, 16, 10], activation="relu", cost="cross_entropy").train(X500, y500, epochs=3, learning_rate=1e12,
                                                                     progress=False),\
        Warns(r"cost rose from .* learning rate 1e\+12 may be too large")
    yield "train", "the default learning rate (no false alarm)",\
        lambda: Network([784, 16, 10]).train(X500, y500, epochs=3, progress=False)["train_cost"],\
        Works(lambda costs: costs[-1] < costs[0], quiet=True)
    stepped = Network([784, 4, 10], seed=2)
    yield "step", "a second Ctrl-C within the update", lambda: _second_press_within_step(stepped, X, y),\
        Works(lambda whole: whole)
    pressed_twice = Network([784, 4, 10], seed=4)
    yield "SGD.run", "two Ctrl-C within the update", lambda: _two_presses_within_run(pressed_twice, X, y),\
        Works(lambda outcome: outcome == ("KeyboardInterrupt", True))
    yield "Network()", "sizes as a generator", lambda: Network(w for w in (784, 16, 10)).sizes,\
        Works(lambda sizes: sizes == [784, 16, 10])
    yield "Network()", "a width of True", lambda: Network([784, True, 10]), Raises("whole number; got True")

    # --- pixels that are not grey values in [0, 1]
    mean, spread = digits.mean(), digits.std()
    yield "forward", "standardised pixels", lambda: net.forward((X - mean) / spread),\
        Raises(r"down to -0\.4.*\[0, 1\].*standardised")
    yield "train", "pixels scaled to [-1, 1]", lambda: Network([784, 4, 10]).train(X * 2 - 1, y, epochs=1,
                                                                                   progress=False),\
        Raises(r"down to -1, .*\[0, 1\]")
    yield "cost", "one standardised image", lambda: net.cost((X[0] - mean) / spread, y[0]),\
        Raises(r"\[0, 1\].*standardised")
    yield "forward", "noise that went below 0", lambda: net.forward(X + np.random.default_rng(0).normal(0, .3,
                                                                                                        X.shape)),\
        Raises(r"np\.clip\(X, 0, 1\)")
    yield "forward", "a rounding error below 0 (-1e-12)", lambda: net.forward(X - 1e-12).shape, Works(
        lambda shape: shape == (6, 10))
    nudge = np.zeros(784)
    nudge[0] = 1e-5                                     # lesson 05's check of the input gradient, on a black pixel
    yield "forward", "a finite-difference nudge below 0", lambda: net.forward(np.zeros(784) - nudge).shape,\
        Works(lambda shape: shape == (10,))
    yield "forward", "noise of 0.1 left unclipped", lambda: net.forward(
        X + np.random.default_rng(1).normal(0, .1, X.shape)), Raises(r"down to .*np\.clip\(X, 0, 1\)")

    # --- saving and loading
    unwritable = locked if locked.is_dir() else locked.parent         # root may write anywhere but in /sys
    yield "save/load", "save into a folder you cannot write", lambda: net.save(unwritable / "net"),\
        Raises(r"PermissionError: (?!.*\.part).*" + re.escape(str(unwritable / "net.npz")) + ".*permission")
    (folder / "a-folder.npz").mkdir()
    yield "save/load", "save onto a folder's name", lambda: net.save(folder / "a-folder.npz"),\
        Raises(r"(?!.*\.part)a-folder\.npz.*is a folder")
    (folder / "a-file").write_text("")
    yield "save/load", "save below a file", lambda: net.save(folder / "a-file" / "net"),\
        Raises(r"(?!.*\.part)a-file.*is a file")
    yield "save/load", "save(None)", lambda: net.save(None), Raises(r"TypeError: .*file name.*None")
    keep = folder / "keep.npz"
    net.save(keep)
    kept = keep.read_bytes()
    yield "save/load", "Ctrl-C while saving over a file", lambda: _interrupted_save(Network([784, 4, 10], seed=9),
                                                                                    keep),\
        Works(lambda said: said == "interrupted",
              intact=lambda: keep.read_bytes() == kept and not list(folder.glob("*.part")))
    good = dict(np.load(keep))
    np.savez(folder / "bias.npz", **dict(good, b0=np.zeros(5)))
    yield "save/load", "load a bias of the wrong shape", lambda: Network.load(folder / "bias.npz"),\
        Raises(r"bias.*layer 0.*shape \(5,\), expected \(4,\)")
    np.savez(folder / "weights.npz", **dict(good, w1=np.zeros((10, 5))))
    yield "save/load", "load weights of the wrong shape", lambda: Network.load(folder / "weights.npz"),\
        Raises(r"weights.*layer 1.*shape \(10, 5\), expected \(10, 4\)")
    np.savez(folder / "short.npz", **{k: v for k, v in good.items() if k != "w1"})
    yield "save/load", "load a file without layer 1", lambda: Network.load(folder / "short.npz"),\
        Raises("not a network saved by Network.save")
    yield "save/load", "load a missing file", lambda: Network.load(folder / "nothing-here"),\
        Raises(r"FileNotFoundError: .*nothing-here")
    single = Network([784, 4, 10], dtype=np.float32)
    yield "save/load", "a float32 network and back", lambda: Network.load(single.save(folder / "single")),\
        Works(lambda back: back.dtype == np.float32 and all(np.array_equal(a, b)
                                                            for a, b in zip(back.weights, single.weights)))


def _parameters(net):
    return [p.copy() for p in net.parameters()]


def _unchanged(net):
    """intact(): every parameter of `net` is exactly as it is now."""
    before = _parameters(net)
    return lambda: all(np.array_equal(a, b) for a, b in zip(before, net.parameters()))


def _interrupted(net, method, after, call):
    """Run call() with net.<method> raising KeyboardInterrupt (Ctrl-C) on its `after`-th use; "interrupted" if so."""
    original, uses = getattr(net, method), []

    def pressed(*args, **kwargs):
        uses.append(1)
        if len(uses) == after:
            raise KeyboardInterrupt
        return original(*args, **kwargs)

    setattr(net, method, pressed)
    try:
        call()
    except KeyboardInterrupt:
        return "interrupted"
    finally:
        delattr(net, method)
    return "not interrupted"


def _whole_step(net, before, after):
    """True when every parameter of net equals `before` or every one equals `after`."""
    now = net.parameters()
    return (all(np.array_equal(a, b) for a, b in zip(now, before))
            or all(np.array_equal(a, b) for a, b in zip(now, after)))


def _second_press_within_step(net, X, y):
    """Ctrl-C (Python's own handler: as a second press) arrives while the step changes layer 1's weights."""
    before = _parameters(net)
    twin = net.copy()
    twin.step(X, y, weight_decay=0.01)
    after = _parameters(twin)
    arrays = net.parameters()
    views = [p.view(PressesCtrlC) if i == 1 else p for i, p in enumerate(arrays)]
    net.parameters = lambda: views
    PressesCtrlC.presses, PressesCtrlC.pressed = 1, []
    try:
        net.step(X, y, weight_decay=0.01)
    except KeyboardInterrupt:
        pass
    finally:
        del net.parameters
    return bool(PressesCtrlC.pressed) and _whole_step(net, before, after)


def _two_presses_within_run(net, X, y):
    """Ctrl-C twice while SGD.run's step writes layer 1 (the stop button pressed twice): stopped, at a whole step."""
    before = _parameters(net)
    twin = net.copy()
    training.SGD(twin, X, y, 1.5, batch_size=6).step()
    after = _parameters(twin)
    views = [p.view(PressesCtrlC) if i == 1 else p for i, p in enumerate(net.parameters())]
    net.parameters = lambda: views
    PressesCtrlC.presses, PressesCtrlC.pressed = 2, []
    try:
        training.SGD(net, X, y, 1.5, batch_size=6).run(steps=3)
        outcome = "finished"
    except KeyboardInterrupt:
        outcome = "KeyboardInterrupt"
    finally:
        del net.parameters
    return outcome, _whole_step(net, before, after)


def _interrupted_save(net, path):
    """Ctrl-C while np.savez_compressed writes over `path`."""
    original = np.savez_compressed

    def half_then_interrupted(file, *args, **kwargs):
        file.write(b"PK\x03\x04 half a zip")
        raise KeyboardInterrupt

    np.savez_compressed = half_then_interrupted
    try:
        net.save(path)
    except KeyboardInterrupt:
        return "interrupted"
    finally:
        np.savez_compressed = original
    return "not interrupted"


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
    counts = {"Network & co": dict.fromkeys(BOXES, 0)}
    bad = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        try:
            for api, what, call, expected in cases(folder):
                box, said = classify(call, expected, HANG_SECONDS)
                counts["Network & co"][box] += 1
                if args.verbose:
                    print(f"{box:13}  {api:18} {what:36} {said[:110]}")
                if box not in ("works", "clear error"):
                    bad.append(f"{box}: {api}({what}) -> {said[:160]}")
        finally:
            if (folder / "locked").exists():
                (folder / "locked").chmod(0o700)
    print(f"\nhelpers {helpers.__file__}")
    return print_table(counts, bad, "inputs")


if __name__ == "__main__":
    sys.exit(main())
