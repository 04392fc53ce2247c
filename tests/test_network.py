"""The network: shapes, backpropagation against finite differences, training, saving."""

import os
import signal
import sys
import threading
import time
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import Network, gradient_check, load_digits, numerical_gradient
from helpers.core import gradcheck
from helpers.core.activations import sigmoid
from helpers.core.gradcheck import agrees, flatten, numerical_partial
from helpers.core.training import SGD, TrainingDiverged, train

# CONTRIBUTING.md, "Agreement of two derivatives": relative error of the norms, float64, eps = 1e-5
GRADCHECK_TOLERANCE = 1e-7


def random_architecture(rng):
    """2 to 5 layers of random widths."""
    return [int(w) for w in rng.integers(1, 9, size=rng.integers(2, 6))]


def random_problem(sizes, rng, n=5):
    X = rng.random((n, sizes[0]))               # inputs in [0, 1], like pixels
    y = rng.integers(0, sizes[-1], size=n)
    return X, y


def test_video_network_has_13002_parameters():
    net = Network([784, 16, 16, 10])
    assert net.n_params == 784 * 16 + 16 * 16 + 16 * 10 + 16 + 16 + 10 == 13002
    assert [W.shape for W in net.weights] == [(16, 784), (16, 16), (10, 16)]
    assert [b.shape for b in net.biases] == [(16,), (16,), (10,)]


def test_forward_shapes_and_single_image():
    net = Network([784, 16, 16, 10])
    X = np.random.default_rng(0).random((3, 784))
    out = net.forward(X)
    assert out.shape == (3, 10) and np.all((out > 0) & (out < 1))
    np.testing.assert_allclose(net.forward(X[1]), out[1], rtol=1e-13)   # BLAS may round a batch differently
    assert net.forward(X[1]).shape == (10,)


def test_forward_is_the_layer_formula_from_the_videos():
    """a' = sigma(W a + b) with column vectors, layer by layer, for one example."""
    net = Network([6, 4, 3], seed=3)
    a = np.random.default_rng(1).random(6)
    for W, b in zip(net.weights, net.biases):
        a = 1 / (1 + np.exp(-(W @ a + b)))
    np.testing.assert_allclose(net.forward(np.random.default_rng(1).random(6)), a, rtol=1e-12)


def test_cost_is_mean_of_sum_of_squares():
    net = Network([4, 3, 2], seed=1)
    X = np.random.default_rng(2).random((5, 4))
    y = np.array([0, 1, 1, 0, 1])
    A = net.forward(X)
    Y = np.eye(2)[y]
    assert net.cost(X, y) == pytest.approx(np.mean(np.sum((A - Y) ** 2, axis=1)), rel=1e-12)
    assert net.cost(X, Y) == net.cost(X, y)   # one-hot and labels mean the same


@pytest.mark.parametrize("cost", ["quadratic", "half_quadratic"])
def test_gradient_check_on_20_random_architectures(cost):
    rng = np.random.default_rng(2024)
    worst = 0.0
    for trial in range(20):
        sizes = random_architecture(rng)
        net = Network(sizes, seed=trial, cost=cost)
        X, y = random_problem(sizes, rng)
        worst = max(worst, gradient_check(net, X, y))
    assert worst < GRADCHECK_TOLERANCE, f"worst relative error {worst:.2e}"


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
@pytest.mark.parametrize("cost", ["quadratic", "half_quadratic", "cross_entropy"])
@pytest.mark.parametrize("init", ["normal", "scaled"])
def test_gradient_check_every_option(activation, cost, init):
    rng = np.random.default_rng(7)
    for trial in range(4):
        sizes = random_architecture(rng)
        net = Network(sizes, seed=trial, activation=activation, cost=cost, init=init)
        X, y = random_problem(sizes, rng)
        assert gradient_check(net, X, y) < GRADCHECK_TOLERANCE


def test_gradient_check_on_real_digits():
    """784 real pixels in, every one of the 3,194 parameters checked."""
    (X, y), _ = load_digits()
    net = Network([784, 4, 10], seed=0)
    assert gradient_check(net, X[:3], y[:3]) < GRADCHECK_TOLERANCE


def test_numerical_gradient_leaves_the_network_unchanged():
    net = Network([5, 3, 2], seed=0)
    before = [W.copy() for W in net.weights] + [b.copy() for b in net.biases]
    numerical_gradient(net, np.ones((2, 5)) / 2, [0, 1])
    after = net.weights + net.biases
    assert all(np.array_equal(p, q) for p, q in zip(before, after))


def test_half_quadratic_is_exactly_half():
    X = np.random.default_rng(0).random((6, 5))
    y = np.arange(6) % 3
    full, half = Network([5, 4, 3], seed=2), Network([5, 4, 3], seed=2, cost="half_quadratic")
    assert half.cost(X, y) == pytest.approx(full.cost(X, y) / 2, rel=1e-14)
    np.testing.assert_allclose(flatten(*half.gradient(X, y)) * 2, flatten(*full.gradient(X, y)), rtol=1e-13)


def test_cost_and_gradient_matches_the_separate_calls():
    net = Network([5, 4, 3], seed=2)
    X = np.random.default_rng(0).random((6, 5))
    y = np.arange(6) % 3
    cost, grads = net.cost_and_gradient(X, y)
    assert cost == net.cost(X, y)
    np.testing.assert_array_equal(flatten(*grads), flatten(*net.gradient(X, y)))


def test_gradient_is_mean_of_per_example_gradients():
    net = Network([5, 4, 3], seed=4)
    X = np.random.default_rng(1).random((7, 5))
    y = np.arange(7) % 3
    per_example = np.mean([flatten(*net.gradient(X[i:i + 1], y[i:i + 1])) for i in range(7)], axis=0)
    np.testing.assert_allclose(flatten(*net.gradient(X, y)), per_example, rtol=1e-12, atol=1e-15)


def test_single_parameter_agreement_rule():
    assert agrees(0.123456, 0.123456 + 1e-8)
    assert not agrees(0.123456, 0.123457)
    assert agrees(0.0, 5e-10)            # the absolute floor for saturated neurons


def test_sigmoid_has_no_overflow_warning_for_huge_inputs():
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is exact enough
        for dtype in (np.float32, np.float64):
            z = np.array([-1e4, -800, -50, 0, 50, 800, 1e4], dtype=dtype)
            a = sigmoid(z)
            assert a.dtype == dtype and np.all(np.isfinite(a))
            assert a[0] == 0 and a[3] == 0.5 and a[-1] == 1


def test_float32_network_runs_in_float32():
    net = Network([784, 16, 10], dtype=np.float32)
    X = np.random.default_rng(0).random((4, 784))
    assert net.forward(X).dtype == np.float32
    assert net.gradient(X, [1, 2, 3, 4])[0][0].dtype == np.float32


def test_seeded_networks_are_identical():
    a, b = Network([784, 16, 16, 10], seed=5), Network([784, 16, 16, 10], seed=5)
    c = Network([784, 16, 16, 10], seed=6)
    assert all(np.array_equal(x, y) for x, y in zip(a.weights, b.weights))
    assert not np.array_equal(a.weights[0], c.weights[0])


def test_training_learns_the_bundled_digits():
    """Lower bound that proves learning within a unit-test budget: 3 epochs, default settings.

    (The full goal, >= 90 % after 30 epochs, median of 3 seeds, is measured by
    `make bench`; 3 epochs already lift a random net's ~10 % to over 80 %.)
    """
    (X, y), (X_test, y_test) = load_digits()
    net = Network([784, 16, 16, 10], seed=0)
    before = net.accuracy(X_test, y_test)
    history = net.train(X, y, epochs=3, test=(X_test, y_test), progress=False)
    assert before < 0.2
    assert history["test_accuracy"][-1] > 0.80
    assert history["train_cost"][0] > history["train_cost"][-1]
    assert set(history) == {"epoch", "train_cost", "train_accuracy", "test_accuracy", "seconds"}
    assert all(len(v) == 3 for v in history.values())


def test_training_is_reproducible_and_without_test_set():
    X = np.random.default_rng(0).random((50, 8))
    y = np.arange(50) % 3
    runs = [Network([8, 5, 3], seed=1).train(X, y, epochs=2, progress=False, seed=9) for _ in range(2)]
    assert runs[0]["train_cost"] == runs[1]["train_cost"]
    assert runs[0]["test_accuracy"] == [None, None]


def test_weight_decay_shrinks_weights():
    X = np.random.default_rng(0).random((40, 8))
    y = np.arange(40) % 3
    plain, decayed = Network([8, 5, 3], seed=1), Network([8, 5, 3], seed=1)
    plain.train(X, y, epochs=5, progress=False)
    decayed.train(X, y, epochs=5, progress=False, weight_decay=0.5)
    assert np.linalg.norm(decayed.weights[0]) < np.linalg.norm(plain.weights[0])


def test_save_and_load_round_trip(tmp_path):
    net = Network([6, 5, 3], seed=3, activation="relu", cost="cross_entropy", init="scaled")
    net.save(tmp_path / "net.npz")
    back = Network.load(tmp_path / "net.npz")
    assert (back.sizes, back.activation, back.cost_name, back.init) == ([6, 5, 3], "relu", "cross_entropy", "scaled")
    X = np.random.default_rng(0).random((2, 6))
    np.testing.assert_array_equal(back.forward(X), net.forward(X))


def test_copy_is_independent():
    net = Network([3, 2])
    twin = net.copy()
    twin.weights[0][0, 0] += 1
    assert twin.weights[0][0, 0] != net.weights[0][0, 0]


def test_training_without_evaluation_learns_the_same():
    X = np.random.default_rng(0).random((60, 8))
    y = np.arange(60) % 3
    quiet, measured = Network([8, 5, 3], seed=1), Network([8, 5, 3], seed=1)
    history = quiet.train(X, y, epochs=2, progress=False, evaluate=False, test=(X, y))
    measured.train(X, y, epochs=2, progress=False)
    assert history["train_cost"] == [None, None] and history["train_accuracy"] == [None, None]
    assert all(a is not None for a in history["test_accuracy"])
    assert all(np.array_equal(a, b) for a, b in zip(quiet.weights, measured.weights))


# ----- hardening: divergence, the stop button, saving, copies, memory layout ---------------------

def _parameters(net):
    return [W.copy() for W in net.weights] + [b.copy() for b in net.biases]


def _same(a, b):
    return len(a) == len(b) and all(np.array_equal(p, q) for p, q in zip(a, b))


def test_divergence_names_the_epoch_and_restores_the_last_good_epoch():
    """A weight turned NaN after epoch 2 spoils epoch 3: training stops naming epoch 3, back at epoch 2's end."""
    (X, y), _ = load_digits()
    X, y = X[:200], y[:200]

    def poison_after_epoch_2(history):
        if history["epoch"][-1] == 2:
            net.weights[1][0, 0] = np.nan        # after the check that saved epoch 2's weights

    net = Network([784, 16, 16, 10], seed=0)
    with pytest.raises(TrainingDiverged) as caught:
        train(net, X, y, epochs=5, progress=False, after_epoch=poison_after_epoch_2)
    message = str(caught.value)
    assert "epoch 3" in message and "after epoch 2" in message and "smaller" in message
    assert caught.value.history["epoch"] == [1, 2]
    assert all(len(v) == 2 for v in caught.value.history.values())
    twin = Network([784, 16, 16, 10], seed=0)                # the same training, stopped after epoch 2
    twin.train(X, y, epochs=2, progress=False)
    assert _same(_parameters(net), _parameters(twin))


def test_divergence_in_the_first_epoch_gives_back_the_network_it_started_with():
    X = np.random.default_rng(0).random((40, 784))
    y = np.arange(40) % 10
    net = Network([784, 16, 16, 10], activation="relu", cost="cross_entropy")
    before = _parameters(net)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        with pytest.raises(TrainingDiverged, match="epoch 1.*too large"):
            net.train(X, y, epochs=3, learning_rate=1e200, progress=False)
    assert _same(_parameters(net), before)


def _interrupt_soon(delay):
    """Send this process SIGINT (the stop button) after `delay` seconds, from another thread."""
    timer = threading.Timer(delay, os.kill, args=(os.getpid(), signal.SIGINT))
    timer.start()
    return timer


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to oneself is POSIX")
def test_stop_button_ends_training_cleanly(capsys):
    X = np.random.default_rng(0).random((2000, 784))
    y = np.arange(2000) % 10
    net = Network([784, 16, 16, 10])
    handler_before = signal.getsignal(signal.SIGINT)
    timer = _interrupt_soon(0.5)
    try:
        history = net.train(X, y, epochs=200, batch_size=10, progress=False)    # ~ a minute if not stopped
    finally:
        timer.cancel()
    assert history.interrupted is True
    epochs_kept = len(history["epoch"])
    assert epochs_kept < 200 and all(len(v) == epochs_kept for v in history.values())
    out = capsys.readouterr().out
    assert "Stopped by you" in out and len(out.strip().splitlines()) == 1
    assert all(np.isfinite(p).all() for p in _parameters(net))
    assert [W.shape for W in net.weights] == [(16, 784), (16, 16), (10, 16)]
    assert signal.getsignal(signal.SIGINT) is handler_before          # the usual Ctrl-C is back
    assert 0.0 <= net.accuracy(X[:100], y[:100]) <= 1.0                # still a working network
    history = net.train(X[:50], y[:50], epochs=1, progress=False)     # and it trains on
    assert history.interrupted is False and len(history["epoch"]) == 1


def test_save_and_load_under_the_same_name_without_npz(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    net = Network([6, 5, 3], seed=3)
    written = net.save("mynet")
    assert written.name == "mynet.npz" and (tmp_path / "mynet.npz").is_file()
    back = Network.load("mynet")
    assert _same(_parameters(back), _parameters(net))
    assert _same(_parameters(Network.load("mynet.npz")), _parameters(net))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mynet.npz"]


def test_a_save_that_fails_midway_keeps_the_previous_file(tmp_path, monkeypatch):
    good = Network([6, 5, 3], seed=1)
    path = good.save(tmp_path / "net.npz")
    before = path.read_bytes()

    def half_then_fail(file, *args, **kwargs):
        file.write(b"PK\x03\x04 half a zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(np, "savez_compressed", half_then_fail)
    with pytest.raises(OSError, match="No space left"):
        Network([6, 5, 3], seed=2).save(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["net.npz"]         # no .part left behind
    monkeypatch.undo()
    assert _same(_parameters(Network.load(path)), _parameters(good))


def test_fortran_ordered_images_train_to_the_same_weights_at_full_speed():
    """X[:, permutation] is Fortran-ordered; it must train like the C-ordered array, as fast."""
    (X, y), _ = load_digits()
    X, y = X[:2000], y[:2000]
    permutation = np.random.default_rng(0).permutation(784)
    C = np.ascontiguousarray(X[:, permutation])
    F = X[:, permutation]
    assert F.flags.f_contiguous and not F.flags.c_contiguous
    seconds, nets = {}, {}
    for name, images in (("C", C), ("F", F)):
        nets[name] = Network([784, 16, 16, 10], seed=0)
        start = time.perf_counter()
        nets[name].train(images, y, epochs=1, progress=False, evaluate=False)
        seconds[name] = time.perf_counter() - start
    assert _same(_parameters(nets["C"]), _parameters(nets["F"]))
    assert seconds["F"] < 5 * seconds["C"] + 0.5, seconds    # was 260x slower (a copy of X per mini-batch)


def _mutate_everything(obj, depth=0):
    """Change every array in place and every list/dict/attribute reachable from obj (a copy's insides)."""
    if depth > 4:
        return
    if isinstance(obj, np.ndarray):
        if obj.flags.writeable and obj.size:
            obj += 1
        return
    if isinstance(obj, list):
        for item in obj:
            _mutate_everything(item, depth + 1)
        obj.append("mutated")
        return
    if isinstance(obj, dict):
        for value in list(obj.values()):
            _mutate_everything(value, depth + 1)
        obj["mutated"] = True
        return
    if hasattr(obj, "__dict__") and not isinstance(obj, type):
        _mutate_everything(vars(obj), depth + 1)


def _mutable_parts(obj, depth=0):
    """ids of every array, list, dict and object reachable from obj's attributes."""
    if depth > 4:
        return set()
    found = set()
    if isinstance(obj, (np.ndarray, list, dict)) or (hasattr(obj, "__dict__") and not isinstance(obj, type)):
        found.add(id(obj))
    children = (obj if isinstance(obj, list) else obj.values() if isinstance(obj, dict)
                else vars(obj).values() if hasattr(obj, "__dict__") and not isinstance(obj, type) else ())
    for child in children:
        found |= _mutable_parts(child, depth + 1)
    return found


def test_copy_shares_no_array_or_object_with_the_original():
    net = Network([5, 4, 3], seed=2, activation="relu", cost="cross_entropy")
    X = np.random.default_rng(0).random((6, 5))
    y = np.arange(6) % 3
    before_parameters, before_output, before_repr = _parameters(net), net.forward(X), repr(net)
    twin = net.copy()
    assert _mutable_parts(net) & _mutable_parts(twin) == set()
    _mutate_everything(twin)
    assert _same(_parameters(net), before_parameters)
    np.testing.assert_array_equal(net.forward(X), before_output)
    assert repr(net) == before_repr and net.sizes == [5, 4, 3]
    net.train(X, y, epochs=1, progress=False)                  # the original still trains


def test_load_rejects_nan_weights_and_fractional_sizes(tmp_path):
    net = Network([6, 5, 3], seed=3)
    saved = dict(np.load(net.save(tmp_path / "good.npz")))
    nan_weights = dict(saved, w0=np.full_like(saved["w0"], np.nan))
    np.savez(tmp_path / "nan.npz", **nan_weights)
    with pytest.raises(ValueError, match="nan.npz.*NaN or infinite"):
        Network.load(tmp_path / "nan.npz")
    inf_bias = dict(saved, b1=np.full_like(saved["b1"], np.inf))
    np.savez(tmp_path / "inf.npz", **inf_bias)
    with pytest.raises(ValueError, match="NaN or infinite"):
        Network.load(tmp_path / "inf.npz")
    fractional = dict(saved, sizes=np.array([6.5, 5, 3]))
    np.savez(tmp_path / "sizes.npz", **fractional)
    with pytest.raises(ValueError, match="sizes.npz.*whole numbers"):
        Network.load(tmp_path / "sizes.npz")
    wrong_shape = dict(saved, w1=np.zeros((2, 2)))
    np.savez(tmp_path / "shape.npz", **wrong_shape)
    with pytest.raises(ValueError, match=r"shape.npz.*the weights of layer 1 have shape \(2, 2\), expected \(3, 5\)"):
        Network.load(tmp_path / "shape.npz")
    with pytest.raises(FileNotFoundError):
        Network.load(tmp_path / "absent")


def test_gradient_check_warns_on_float32_networks():
    net = Network([5, 4, 3], seed=0, dtype=np.float32)
    X = np.random.default_rng(0).random((2, 5))
    with pytest.warns(UserWarning, match="float32.*rounding"):
        gradient_check(net, X, [0, 1])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gradient_check(Network([5, 4, 3], seed=0), X, [0, 1])     # float64: no warning


def test_gradient_check_shows_progress_only_on_big_inputs(monkeypatch, capsys):
    net = Network([5, 4, 3], seed=0)
    X = np.random.default_rng(0).random((2, 5))
    gradient_check(net, X, [0, 1])
    assert "finite differences" not in capsys.readouterr().err        # small: quiet
    big = net.n_params * len(X) - 1
    monkeypatch.setattr(gradcheck, "_QUIET_WORK", big)               # as if this were a big input
    gradient_check(net, X, [0, 1])
    err = capsys.readouterr().err
    assert "finite differences" in err and f"{net.n_params}/{net.n_params}" in err


def test_a_stop_pressed_after_the_last_batch_is_not_lost(monkeypatch, capsys):
    """The press lands after the last mini-batch of the last epoch (in the progress bar's update): the
    history still says so, so that a caller training epoch by epoch (lesson 05's experiments) stops too."""
    import _thread

    import helpers.core.training

    class PressingBar:
        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def set_postfix(self, shown):
            pass

        def update(self, n):
            _thread.interrupt_main()      # what Jupyter's stop button does, as a signal would

    monkeypatch.setattr(helpers.core.training, "progress_bar", PressingBar)
    X = np.random.default_rng(0).random((40, 784))
    y = np.arange(40) % 10
    history = Network([784, 16, 10]).train(X, y, epochs=1, progress=False)
    assert history.interrupted is True and history["epoch"] == [1]
    assert capsys.readouterr().out.startswith("Stopped by you: 1 complete epoch(s)")


# ----- the zh-CN edition ----------------------------------------------------------------

class RecordingBar:
    """A stand-in progress bar that keeps what a learner would read on it."""

    made = []

    def __init__(self, total, description, unit, enabled=True):
        self.description, self.unit, self.postfix = description, unit, {}
        RecordingBar.made.append(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def set_postfix(self, shown):
        self.postfix = dict(shown)

    def update(self, n):
        pass


def test_training_progress_speaks_chinese(zh_cn, monkeypatch):
    import helpers.core.training

    RecordingBar.made = []
    monkeypatch.setattr(helpers.core.training, "progress_bar", RecordingBar)
    X = np.random.default_rng(0).random((20, 784))
    y = np.arange(20) % 10
    Network([784, 8, 10]).train(X, y, epochs=1, test=(X, y))
    bar = RecordingBar.made[-1]
    assert bar.description == "训练" and bar.unit == "轮"
    assert set(bar.postfix) == {"代价", "训练准确率", "测试准确率"}
    assert all(value.replace(".", "").isdigit() for value in bar.postfix.values())   # numbers as in English


def test_training_progress_is_english_by_default(monkeypatch):
    import helpers.core.training

    RecordingBar.made = []
    monkeypatch.setattr(helpers.core.training, "progress_bar", RecordingBar)
    X = np.random.default_rng(0).random((20, 784))
    Network([784, 8, 10]).train(X, np.arange(20) % 10, epochs=1, test=(X, np.arange(20) % 10))
    bar = RecordingBar.made[-1]
    assert (bar.description, bar.unit, set(bar.postfix)) == ("training", "epoch", {"cost", "train acc", "test acc"})


def test_the_stop_line_speaks_chinese(zh_cn, monkeypatch, capsys):
    import _thread

    import helpers.core.training

    class PressingBar(RecordingBar):
        def update(self, n):
            _thread.interrupt_main()

    monkeypatch.setattr(helpers.core.training, "progress_bar", PressingBar)
    X = np.random.default_rng(0).random((40, 784))
    history = Network([784, 16, 10]).train(X, np.arange(40) % 10, epochs=1, progress=False)
    assert history.interrupted is True
    out = capsys.readouterr().out
    assert out.startswith("你停止了训练") and "1 个完整的轮" in out and "小批量" in out


def test_a_climbing_cost_is_told_in_chinese(zh_cn):
    from helpers.core.training import History, _warn_if_exploding

    history = History(epoch=[1, 2, 3], train_cost=[0.5, 0.4, 1.2])
    with pytest.warns(UserWarning, match="学习率 3.0") as caught:
        _warn_if_exploding(history, 3.0)
    assert "训练代价从 0.4 升到了 1.2" in str(caught[0].message)


def test_gradient_check_warns_on_float32_networks_in_chinese(zh_cn):
    net = Network([5, 4, 3], seed=0, dtype=np.float32)
    X, y = np.random.default_rng(0).random((2, 5)), [0, 2]
    with pytest.warns(UserWarning, match="float32.*舍入误差"):
        numerical_gradient(net, X, y)


# ----- issue 23: every change undone on any exception, whole steps, words for a step that measures nothing -------

def _cost_that_fails_on_call(net, n, error=KeyboardInterrupt):
    """Make the n-th cost from now on raise `error` (Ctrl-C by default): its forward pass does (one per cost)."""
    original, calls = net.feedforward, []

    def cost(*args, **kwargs):
        calls.append(1)
        if len(calls) == n:
            raise error
        return original(*args, **kwargs)

    net.feedforward = cost
    return calls


@settings(max_examples=30, deadline=None)
@given(call=st.integers(1, 2 * 14), which=st.sampled_from(["gradient_check", "numerical_gradient"]),
       error=st.sampled_from([KeyboardInterrupt, ValueError, MemoryError]))
def test_an_interrupted_finite_difference_check_leaves_every_weight_exactly_as_it_was(call, which, error):
    """Ctrl-C (or any error) at any of the 2 x 14 cost evaluations: no weight keeps its nudge of eps."""
    net = Network([3, 2, 2], seed=0)                    # 14 parameters, two nudged costs each
    X, y = np.random.default_rng(0).random((2, 3)), [0, 1]
    before = _parameters(net)
    _cost_that_fails_on_call(net, call, error)
    checker = gradient_check if which == "gradient_check" else numerical_gradient
    with pytest.raises(error):
        checker(net, X, y)
    assert _same(_parameters(net), before)


@pytest.mark.parametrize("call", [1, 2])
def test_an_interrupted_single_partial_derivative_restores_its_parameter(call):
    net = Network([784, 4, 10], seed=1)
    (X, y), _ = load_digits()
    before = _parameters(net)
    _cost_that_fails_on_call(net, call)
    with pytest.raises(KeyboardInterrupt):
        numerical_partial(net, X[:2], y[:2], 0, 1, 2)
    assert _same(_parameters(net), before)


def _one_step_by_hand(net, X, y, learning_rate, weight_decay):
    """The parameters after one full-batch step, written out: p (1 - eta lambda) - eta dC/dp (weights decay)."""
    _cost, gradients = net.backprop(*net.check_batch(X, y))
    return [(p * (1.0 - learning_rate * weight_decay) if weight_decay and p.ndim > 1 else p) - learning_rate * g
            for p, g in zip(net.parameters(), gradients)]


class PressesCtrlC(np.ndarray):
    """A view of a parameter that sends this process SIGINT (Ctrl-C) `presses` times when it is first written.

    scripts/probe_api.py uses it too."""

    presses, pressed = 1, []

    def _press(self):
        if not PressesCtrlC.pressed:
            PressesCtrlC.pressed.append(True)
            for _ in range(PressesCtrlC.presses):
                signal.raise_signal(signal.SIGINT)

    def __setitem__(self, key, value):
        self._press()
        super().__setitem__(key, value)

    def __isub__(self, other):
        self._press()
        return super().__isub__(other)

    def __imul__(self, other):
        self._press()
        return super().__imul__(other)


def _with_tripwire_on(net, index, monkeypatch, presses):
    views = [p.view(PressesCtrlC) if i == index else p for i, p in enumerate(net.parameters())]
    monkeypatch.setattr(net, "parameters", lambda: views)
    PressesCtrlC.presses, PressesCtrlC.pressed = presses, []


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to oneself is POSIX")
@pytest.mark.parametrize("weight_decay", [0.0, 0.01])
@pytest.mark.parametrize("index", [1, 2, 4])       # a later weight matrix, the first bias, the last bias
def test_ctrl_c_during_a_step_leaves_every_layer_stepped(monkeypatch, index, weight_decay):
    """Net.step outside any training loop: Python's own Ctrl-C arrives while a later layer is written.
    It is delivered after the last layer: the network is at the whole step, never half of it."""
    (X, y), _ = load_digits()
    X, y = X[:10], y[:10]
    net = Network([784, 6, 5, 10], seed=0)
    before, after = _parameters(net), _one_step_by_hand(net, X, y, 1.5, weight_decay)
    _with_tripwire_on(net, index, monkeypatch, presses=1)
    with pytest.raises(KeyboardInterrupt):
        net.step(X, y, learning_rate=1.5, weight_decay=weight_decay)
    monkeypatch.undo()
    assert PressesCtrlC.pressed == [True]
    assert not _same(_parameters(net), before)
    for p, q in zip(_parameters(net), after):
        np.testing.assert_allclose(p, q, rtol=1e-12, atol=1e-14)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to oneself is POSIX")
@pytest.mark.parametrize("presses, stopped_by", [(1, "request"), (2, "KeyboardInterrupt")])
def test_the_stop_button_during_the_update_of_a_training_run(monkeypatch, presses, stopped_by):
    """Inside SGD.run: one press within the update stops the run after that whole step; a second press
    (the learner pressing again) raises KeyboardInterrupt, also only after the whole step."""
    (X, y), _ = load_digits()
    X, y = X[:40], y[:40]
    net = Network([784, 6, 10], seed=0)
    twin = net.copy()
    SGD(twin, X, y, 1.5, batch_size=10, seed=0).step()
    sgd = SGD(net, X, y, 1.5, batch_size=10, seed=0)
    _with_tripwire_on(net, 1, monkeypatch, presses=presses)
    if stopped_by == "request":
        assert sgd.run(steps=4) is False and sgd.interrupted is True
    else:
        with pytest.raises(KeyboardInterrupt):
            sgd.run(steps=4)
    monkeypatch.undo()
    assert sgd.steps == 1 and sgd.examples_seen == 10
    assert _same(_parameters(net), _parameters(twin))


@pytest.mark.parametrize("dtype, learning_rate, weight_decay", [
    (np.float64, 1.5, 0.0), (np.float64, 0.5, 1e-3), (np.float32, 1.5, 0.0),
    (np.float32, np.float64(0.5), np.float64(1e-3)), (np.float32, np.float32(0.5), 1e-3)])
def test_a_step_gives_the_numbers_of_the_update_in_place(dtype, learning_rate, weight_decay):
    """Lessons compare numbers exactly: the step rounds as p *= 1 - eta lambda; p -= eta g did, bit for bit."""
    (X, y), _ = load_digits()
    net = Network([784, 6, 5, 10], seed=0, dtype=dtype)
    expected = []
    _cost, gradients = net.backprop(*net.check_batch(X[:10], y[:10]))
    for p, g in zip(_parameters(net), gradients):
        if weight_decay and p.ndim > 1:
            p *= 1.0 - learning_rate * weight_decay
        g *= learning_rate
        p -= g
        expected.append(p)
    net.step(X[:10], y[:10], learning_rate=learning_rate, weight_decay=weight_decay)
    assert all(p.dtype == dtype for p in net.parameters())
    assert _same(_parameters(net), expected)


@pytest.mark.parametrize("eps", [1e-20, 1e-16, 1e-11, 0.02, 0.5, 3.0])
def test_an_eps_whose_differences_mean_nothing_is_refused_with_the_good_range(eps):
    net = Network([5, 4, 3], seed=0)
    X, y = np.random.default_rng(0).random((2, 5)), [0, 2]
    for checker in (gradient_check, numerical_gradient):
        with pytest.raises(ValueError) as caught:
            checker(net, X, y, eps=eps)
        message = str(caught.value)
        assert f"eps={eps:g} is too " in message and "from 1e-07 to 0.001" in message and "1e-5" in message


@pytest.mark.parametrize("eps", [1e-10, 1e-9, 5e-3, 1e-2])
def test_an_eps_outside_the_good_range_warns_and_still_answers(eps):
    net = Network([5, 4, 3], seed=0)
    X, y = np.random.default_rng(0).random((2, 5)), [0, 2]
    with pytest.warns(UserWarning, match=rf"eps={eps:g} is outside the good range 1e-07 to 0\.001") as caught:
        error = gradient_check(net, X, y, eps=eps)
    assert len(caught) == 1 and 0 <= error < 1e-4


@pytest.mark.parametrize("eps", [1e-7, 1e-5, 1e-3])
def test_an_eps_in_the_good_range_passes_quietly(eps):
    net = Network([5, 4, 3], seed=0)
    X, y = np.random.default_rng(0).random((2, 5)), [0, 2]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert gradient_check(net, X, y, eps=eps) < GRADCHECK_TOLERANCE


def test_lesson_04s_sweep_over_eps_still_reaches_every_step():
    """numerical_partial takes any positive eps: lesson 04's figure shows where too small and too large go wrong."""
    net = Network([5, 4, 3], seed=0)
    X, y = np.random.default_rng(0).random((2, 5)), [0, 2]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = [numerical_partial(net, X, y, 1, 0, 0, eps) for eps in (1e-12, 1e-5, 1.0)]
    assert all(np.isfinite(values))


def test_a_float32_check_refuses_a_step_below_its_rounding():
    net = Network([5, 4, 3], seed=0, dtype=np.float32)
    X, y = np.random.default_rng(0).random((2, 5)), [0, 2]
    with pytest.raises(ValueError, match=r"eps=1e-07 is too small.*from 0\.0001 to 0\.01"):
        gradient_check(net, X, y, eps=1e-7)
    with pytest.warns(UserWarning, match="float32"):
        assert gradient_check(net, X, y) < 0.1           # the usual 1e-5 still runs, with the float32 warning


def _flat_cost_warnings(caught):
    return [w for w in caught if "has not moved" in str(w.message)]


def test_a_learning_rate_that_saturates_every_neuron_is_named_once():
    (X, y), _ = load_digits()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = Network([784, 16, 10]).train(X[:500], y[:500], epochs=4, learning_rate=1e12, progress=False)
    costs = history["train_cost"]
    assert f"{costs[1]:.6g}" == f"{costs[-1]:.6g}"                  # the case: a cost that does not move
    flat = _flat_cost_warnings(caught)
    assert len(flat) == 1
    message = str(flat[0].message)
    assert "from epoch 1 to epoch 2" in message and f"{costs[1]:.6g}" in message
    assert "learning rate 1e+12 may be too large" in message and "saturated" in message


def test_a_learning_rate_too_small_to_move_anything_is_named():
    (X, y), _ = load_digits()
    with pytest.warns(UserWarning, match=r"has not moved.*learning rate 1e-09 may be too small"):
        Network([784, 16, 10]).train(X[:500], y[:500], epochs=2, learning_rate=1e-9, progress=False)


@pytest.mark.parametrize("settings_", [dict(), dict(learning_rate=0.5, cost="cross_entropy"),
                                       dict(learning_rate=0.3, activation="relu", init="scaled")])
def test_ordinary_training_says_nothing(settings_):
    (X, y), _ = load_digits()
    learning_rate = settings_.pop("learning_rate", 1.5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Network([784, 16, 10], **settings_).train(X[:1000], y[:1000], epochs=3, learning_rate=learning_rate,
                                                   progress=False)


def test_a_cost_that_exploded_in_the_first_epoch_is_compared_with_the_start():
    """The climbing-cost warning also sees the cost before training: a ReLU net at 1e12 ends epoch 1 at ~1e11."""
    (X, y), _ = load_digits()
    net = Network([784, 16, 10], activation="relu", cost="cross_entropy")
    start = net.cost(X[:500], y[:500])
    with pytest.warns(UserWarning, match=r"rose from .* by epoch 1: the learning rate 1e\+12 may be too large") \
            as caught:
        net.train(X[:500], y[:500], epochs=2, learning_rate=1e12, progress=False)
    assert f"{start:.4g}" in str(caught[0].message)


def test_a_settled_cost_with_weights_that_moved_moderately_is_not_warned_about():
    """Flat costs alone are not enough: between 'moved far' and 'hardly moved' nothing is said."""
    from helpers.core.training import History, _warn_if_flat

    start = [np.ones((3, 3))]
    history = History(epoch=[1, 2], train_cost=[0.25, 0.25])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _warn_if_flat(history, 1.5, [np.ones((3, 3)) * 1.5], start)     # moved half its size: a settled net
    with pytest.warns(UserWarning, match="too large"):
        _warn_if_flat(history, 1.5, [np.ones((3, 3)) * 50], start)
    with pytest.warns(UserWarning, match="too small"):
        _warn_if_flat(history, 1.5, [np.ones((3, 3)) + 1e-9], start)


def _fail_to_create(errno_number, strerror):
    def mkstemp(dir=None, prefix="", suffix=""):
        raise OSError(errno_number, strerror, os.path.join(dir, prefix + "q1w2e3r4" + suffix))
    return mkstemp


@pytest.mark.parametrize("errno_name, kind, words", [
    ("EACCES", PermissionError, "no permission to write in the folder"),
    ("EROFS", OSError, "read-only file system"),
    ("ENOSPC", OSError, "the disk (or your quota) is full"),
    ("EIO", OSError, "Input/output error"),
])
def test_a_failed_save_names_the_target_not_the_temporary_file(tmp_path, monkeypatch, errno_name, kind, words):
    import errno

    import helpers.core.saving as saving

    number = getattr(errno, errno_name)
    monkeypatch.setattr(saving.tempfile, "mkstemp", _fail_to_create(number, os.strerror(number)))
    with pytest.raises(kind) as caught:
        Network([6, 5, 3]).save(tmp_path / "net")
    message = str(caught.value)
    assert f"cannot save to {tmp_path / 'net.npz'}:" in message and words in message
    assert ".part" not in message and "q1w2e3r4" not in message and caught.value.errno == number


def test_saving_into_a_folder_nobody_may_write_names_the_target(tmp_path):
    """For real: a read-only folder (root writes anywhere, but not in /sys)."""
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    folder = Path("/sys") if os.geteuid() == 0 else tmp_path / "locked"
    if folder != Path("/sys"):
        folder.mkdir()
        folder.chmod(0o500)
    try:
        with pytest.raises(PermissionError) as caught:
            Network([6, 5, 3]).save(folder / "net")
    finally:
        if folder != Path("/sys"):
            folder.chmod(0o700)
    assert str(folder / "net.npz") in str(caught.value) and ".part" not in str(caught.value)


def test_a_wrong_bias_shape_is_named_as_the_bias(tmp_path):
    net = Network([6, 5, 3], seed=3)
    saved = dict(np.load(net.save(tmp_path / "good.npz")))
    np.savez(tmp_path / "bias.npz", **dict(saved, b0=np.zeros(4)))
    with pytest.raises(ValueError, match=r"the biases of layer 0 have shape \(4,\), expected \(5,\)"):
        Network.load(tmp_path / "bias.npz")
    np.savez(tmp_path / "column.npz", **dict(saved, b1=saved["b1"][:, None]))
    with pytest.raises(ValueError, match=r"the biases of layer 1 have shape \(3, 1\), expected \(3,\)"):
        Network.load(tmp_path / "column.npz")
