"""Every bad input a learner is likely to give gets a clear error that names what was expected
(CONTRIBUTING.md, "Mistakes")."""

import importlib.util
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import Network, gradient_check, numerical_gradient
from helpers.core.gradcheck import numerical_partial
from helpers.core.training import TrainingDiverged

NET = Network([784, 16, 16, 10])
X = np.random.default_rng(0).random((4, 784))
Y = np.array([0, 1, 2, 3])


@pytest.mark.parametrize("images, message", [
    (np.zeros((4, 28, 28)), r"shape \(n, 784\).*flattened"),
    (np.zeros((4, 783)), r"shape \(n, 784\)"),
    (np.zeros(100), r"shape \(n, 784\)"),
    (np.full((4, 784), np.nan), "NaN or infinite"),
    (np.full((4, 784), np.inf), "NaN or infinite"),
    ("not an array", "must be an array"),
    (np.array([["a"] * 784]), "must hold numbers"),
])
def test_bad_images(images, message):
    with pytest.raises((ValueError, TypeError), match=message):
        NET.forward(images)


@pytest.mark.parametrize("labels, message", [
    (np.array([0, 1, 2, 10]), r"labels must lie in 0-9.*10"),
    (np.array([0, 1, -1, 3]), r"labels must lie in 0-9.*-1"),
    (np.array([0, 1, 2]), "same number of examples; X has 4, y has 3"),
    (np.array([0.5, 1, 2, 3]), "whole numbers"),
    (np.zeros((4, 9)), r"one-hot targets of shape \(4, 10\)"),
    (np.full((4, 10), 2.0), r"one-hot targets must be finite numbers in \[0, 1\]"),
])
def test_bad_labels(labels, message):
    for call in (NET.cost, NET.gradient, NET.accuracy):
        with pytest.raises(ValueError, match=message):
            call(X, labels)


@pytest.mark.parametrize("sizes, error, message", [
    ([784], ValueError, "at least two layers"),
    ([], ValueError, "at least two layers"),
    ([784, 0, 10], ValueError, "must be positive; got 0"),
    ([784, -3, 10], ValueError, "must be positive; got -3"),
    ([784, 16.5, 10], TypeError, "whole number"),
    (784, TypeError, "list of layer widths"),
])
def test_bad_sizes(sizes, error, message):
    with pytest.raises(error, match=message):
        Network(sizes)


@pytest.mark.parametrize("option, value, message", [
    ("activation", "tanh", "activation must be one of"),
    ("cost", "mse", "cost must be one of"),
    ("init", "xavier", "init must be one of"),
])
def test_bad_options(option, value, message):
    with pytest.raises(ValueError, match=message):
        Network([4, 2], **{option: value})


@pytest.mark.parametrize("kwargs, error, message", [
    ({"learning_rate": 0}, ValueError, "learning_rate must be positive"),
    ({"learning_rate": -1.0}, ValueError, "learning_rate must be positive"),
    ({"learning_rate": "fast"}, TypeError, "learning_rate must be a positive number"),
    ({"batch_size": 0}, ValueError, "batch_size must be positive"),
    ({"batch_size": 2.5}, TypeError, "batch_size must be a positive whole number"),
    ({"epochs": 0}, ValueError, "epochs must be positive"),
    ({"weight_decay": -0.1}, ValueError, "weight_decay"),
])
def test_bad_training_settings(kwargs, error, message):
    net = Network([784, 4, 10])
    before = net.weights[0].copy()
    with pytest.raises(error, match=message):
        net.train(X, Y, progress=False, **kwargs)
    np.testing.assert_array_equal(net.weights[0], before)   # nothing was lost


def test_bad_test_set_is_caught_before_training():
    net = Network([784, 4, 10])
    with pytest.raises(ValueError, match="X and y must have the same number"):
        net.train(X, Y, epochs=1, test=(X, Y[:2]), progress=False)


def test_load_of_a_damaged_network_file_names_it(tmp_path):
    bad = tmp_path / "broken.npz"
    bad.write_bytes(b"this is not a zip file")
    with pytest.raises(ValueError, match="broken.npz is not a network saved by Network.save"):
        Network.load(bad)


# ----- the learner's likely mistakes (CONTRIBUTING.md, "Mistakes") ---------------

@pytest.mark.parametrize("pixels", [
    (X * 255).astype(np.uint8),          # what an image file holds
    X * 255,                             # the same, as floats
    np.round(X * 255),
])
def test_pixels_0_to_255_are_named_with_the_fix(pixels):
    for call in (lambda: NET.forward(pixels), lambda: NET.predict(pixels), lambda: NET.cost(pixels, Y),
                 lambda: NET.accuracy(pixels, Y), lambda: NET.gradient(pixels, Y),
                 lambda: Network([784, 4, 10]).train(pixels, Y, epochs=1, progress=False)):
        with pytest.raises(ValueError, match=r"0-255.*/ 255"):
            call()


def test_pixels_in_0_1_as_uint8_or_bool_are_accepted():
    binary = (X > 0.5)
    np.testing.assert_array_equal(NET.forward(binary.astype(np.uint8)), NET.forward(binary.astype(float)))
    np.testing.assert_array_equal(NET.forward(binary), NET.forward(binary.astype(float)))


@pytest.mark.parametrize("weight_decay, learning_rate, message", [
    (float("nan"), 1.5, "weight_decay must be a finite number"),
    (float("inf"), 1.5, "weight_decay must be a finite number"),
    (1.0, 1.0, r"learning_rate \* weight_decay = 1.*below 1"),
    (0.5, 3.0, r"learning_rate \* weight_decay = 1.5.*below 1"),
    ("0.1", 1.5, "weight_decay must be a number"),
])
def test_weight_decay_that_would_destroy_the_weights_is_refused(weight_decay, learning_rate, message):
    net = Network([784, 4, 10])
    before = [W.copy() for W in net.weights]
    with pytest.raises((ValueError, TypeError), match=message):
        net.train(X, Y, epochs=1, learning_rate=learning_rate, weight_decay=weight_decay, progress=False)
    with pytest.raises((ValueError, TypeError), match=message):
        net.step(X, Y, learning_rate=learning_rate, weight_decay=weight_decay)
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights))


def test_weight_decay_just_below_the_limit_is_allowed():
    net = Network([784, 4, 10])
    net.train(X, Y, epochs=1, learning_rate=1.0, weight_decay=0.99, progress=False)
    assert all(np.isfinite(W).all() for W in net.weights)


@pytest.mark.parametrize("test", [X, list(X), (X,), (X, Y, Y)])
def test_test_set_without_its_labels_names_the_pair(test):
    net = Network([784, 4, 10])
    with pytest.raises(TypeError, match=r"test must be a pair \(X_test, y_test\)"):
        net.train(X, Y, epochs=1, test=test, progress=False)


def test_one_image_with_a_one_hot_target_is_one_image_with_a_label():
    one_hot = np.eye(10)[3]
    assert NET.cost(X[0], one_hot) == NET.cost(X[0], 3)
    assert NET.accuracy(X[0], one_hot) == NET.accuracy(X[0], 3)
    for a, b in zip(NET.gradient(X[0], one_hot)[0], NET.gradient(X[0], 3)[0]):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("images, labels, message", [
    (np.zeros((0, 784)), np.zeros(0, dtype=int), "X holds no examples"),
    (np.zeros((0, 784)), np.zeros((0, 10)), "X holds no examples"),
    ([], [], r"shape \(n, 784\)"),            # a flat empty list reads as one image of 0 pixels
])
def test_empty_batch_is_a_clear_error_without_runtime_warnings(images, labels, message):
    with warnings.catch_warnings():
        warnings.simplefilter("error")          # a RuntimeWarning ("mean of empty slice") would fail here
        for call in (NET.cost, NET.gradient, NET.accuracy, NET.step, NET.cost_and_gradient,
                     lambda a, b: Network([784, 4, 10]).train(a, b, progress=False)):
            with pytest.raises(ValueError, match=message):
                call(images, labels)


@pytest.mark.parametrize("net, eps, error, message", [
    ("my network", 1e-5, TypeError, "first argument must be a Network"),
    (None, 1e-5, TypeError, "first argument must be a Network"),
    (Network([784, 2, 10]), 0, ValueError, "eps must be positive"),
    (Network([784, 2, 10]), float("nan"), ValueError, "eps must be positive"),
    (Network([784, 2, 10]), "small", TypeError, "eps must be a positive number"),
])
def test_gradient_checker_names_a_wrong_network_or_step(net, eps, error, message):
    for call in (gradient_check, numerical_gradient):
        with pytest.raises(error, match=message):
            call(net, X[:1], Y[:1], eps=eps)
    with pytest.raises(error, match=message):
        numerical_partial(net, X[:1], Y[:1], 0, 0, 0, eps=eps)


# ----- known gaps in helpers/core/network.py and helpers/core/checks.py (the lead's files) -----------------
# Each was a learner's input that got NumPy's words instead of ours.

def test_ragged_rows_are_named():
    with pytest.raises(ValueError, match=r"X.*(same length|ragged|784 values)"):
        NET.forward([[0.1] * 784, [0.2] * 783])


def test_complex_images_are_refused():
    with pytest.raises(TypeError, match="X must hold real numbers"):
        NET.forward(X + 1j)


def test_a_seed_that_is_not_a_whole_number_is_named():
    with pytest.raises(TypeError, match="seed must be a whole number"):
        Network([784, 2, 10], seed="my seed")


def test_save_into_a_missing_folder_names_the_folder(tmp_path):
    with pytest.raises(FileNotFoundError) as caught:
        NET.save(tmp_path / "no such folder" / "net")
    assert ".part" not in str(caught.value) and "no such folder" in str(caught.value)


def test_divergence_says_it_once_in_our_words():
    net = Network([784, 16, 10], activation="relu", cost="cross_entropy")
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.raises(TrainingDiverged, match="too large"):
            net.train(X, Y, epochs=2, learning_rate=1e200, progress=False)


def test_probe_of_the_public_api_finds_no_crash_and_no_unclear_or_silent_answer(tmp_path):
    """scripts/probe_api.py's 107 odd inputs: each either works or gets a clear error (or warning) in our words;
    none is refused though valid, crashes, hangs or loses a network's numbers or a saved file."""
    spec = importlib.util.spec_from_file_location("probe_api", Path(__file__).parents[1] / "scripts" / "probe_api.py")
    probe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(probe)
    outcomes = {(api, what): probe.classify(call, expected, probe.HANG_SECONDS)
                for api, what, call, expected in probe.cases(tmp_path)}
    assert len(outcomes) >= 100
    bad = {case: outcome for case, outcome in outcomes.items() if outcome[0] not in ("works", "clear error")}
    assert bad == {}
    assert {box for box, _ in outcomes.values()} == {"works", "clear error"}


# ----- the zh-CN edition ----------------------------------------------------------------

@pytest.mark.parametrize("call, error, words", [
    (lambda: NET.forward(np.zeros((4, 28, 28))), ValueError, "展平成 784 个值"),
    (lambda: NET.forward("not an array"), TypeError, "必须是形状为 (n, 784) 的数组"),
    (lambda: NET.cost(X, np.array([0, 1, 2, 10])), ValueError, "标签必须在 0-9 之间"),
    (lambda: NET.cost(X, np.array([0, 1, 2])), ValueError, "样本数必须相同"),
    (lambda: Network([784]), ValueError, "至少需要两层"),
    (lambda: Network([784, 16], cost="mse"), ValueError,
     "必须是 ['cross_entropy', 'half_quadratic', 'quadratic'] 之一"),
    (lambda: NET.train(X, Y, learning_rate=-1), ValueError, "learning_rate 必须是正数"),
    (lambda: NET.train(X, Y, epochs=2.5), TypeError, "epochs 必须是正整数"),
    (lambda: NET.train(X, Y, weight_decay=1.0, learning_rate=1.5), ValueError, "清零或翻转符号"),
    (lambda: NET.train(X, Y, test=X), TypeError, "(X_test, y_test)"),
    (lambda: gradient_check("net", X, Y), TypeError, "第一个参数必须是 Network"),
    (lambda: Network([784, 2, 10], seed="my seed"), TypeError, "seed 必须是 >= 0 的整数"),
    (lambda: NET.forward(np.full((4, 784), 255.0)), ValueError, "先除以 255"),
])
def test_errors_a_learner_meets_speak_chinese(zh_cn, call, error, words):
    with pytest.raises(error) as caught:
        call()
    assert words in str(caught.value)


def test_divergence_advice_speaks_chinese(zh_cn):
    net = Network([784, 16, 10], activation="relu", cost="cross_entropy")
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.raises(TrainingDiverged) as caught:
            net.train(X, Y, epochs=2, learning_rate=1e200, progress=False)
    assert "发散" in str(caught.value) and "学习率 1e+200 可能太大了" in str(caught.value)
    assert "第 1 轮结束时" in str(caught.value)


def test_saving_and_loading_errors_speak_chinese(zh_cn, tmp_path):
    with pytest.raises(FileNotFoundError, match="不存在"):
        NET.save(tmp_path / "no such folder" / "net")
    (tmp_path / "junk.npz").write_bytes(b"not a network")
    with pytest.raises(ValueError, match="不是用 Network.save 保存的网络"):
        Network.load(tmp_path / "junk.npz")


# ----- issue 23: layer sizes, pixels that are not grey values, paths ---------------------------------------------

@pytest.mark.parametrize("sizes", [np.array([784., 16, 10]), [784, 16.0, 10], (784.0, 16, 10.0),
                                   [np.int64(784), np.float32(16), 10], np.array([784, 16, 10], dtype=np.uint16)])
def test_whole_widths_written_as_floats_or_numpy_numbers_are_accepted(sizes):
    net = Network(sizes)
    assert net.sizes == [784, 16, 10] and all(type(width) is int for width in net.sizes)
    assert [W.shape for W in net.weights] == [(16, 784), (10, 16)]
    reference = Network([784, 16, 10])
    assert all(np.array_equal(a, b) for a, b in zip(net.parameters(), reference.parameters()))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 12), min_size=2, max_size=4))
def test_sizes_as_floats_build_the_same_network_as_ints(widths):
    as_floats, as_ints = Network([float(w) for w in widths], seed=1), Network(widths, seed=1)
    assert as_floats.sizes == widths
    assert all(np.array_equal(a, b) for a, b in zip(as_floats.parameters(), as_ints.parameters()))


@settings(max_examples=40, deadline=None)
@given(st.floats(0.01, 100).filter(lambda w: not float(w).is_integer()))
def test_a_width_that_is_not_whole_is_named(width):
    with pytest.raises(TypeError) as caught:
        Network([784, width, 10])
    assert f"every layer width must be a whole number; got {width!r} in sizes=[784, {width!r}, 10]" \
        == str(caught.value)


@pytest.mark.parametrize("sizes", [{784, 30, 10}, frozenset({784, 16, 10})])
def test_a_set_of_sizes_is_refused_because_it_has_no_order(sizes):
    with pytest.raises(TypeError) as caught:
        Network(sizes)
    message = str(caught.value)
    assert "layer order" in message and "a set" in message
    assert str(sorted(sizes, reverse=True)) in message         # the order it most likely meant, as an example


@pytest.mark.parametrize("sizes, message", [
    (np.array([784., 16.5, 10]), r"whole number; got 16\.5 in sizes=\[784\.0, 16\.5, 10\.0\]$"),
    ("784,16,10", r"list of layer widths such as \[784, 16, 16, 10\]; got '784,16,10'"),
    (np.array([[784, 16, 10]]), r"list of layer widths.*an array of shape \(1, 3\)"),
    ({784: 16}, r"list of layer widths"),
    ([784, float("nan"), 10], "whole number; got nan"),
    ([784, True, 10], "whole number; got True"),
])
def test_sizes_that_are_no_list_of_widths_are_named(sizes, message):
    with pytest.raises(TypeError, match=message):
        Network(sizes)


def test_a_network_too_large_for_any_lesson_is_refused_before_memory_runs_out():
    with pytest.raises(ValueError, match=r"7,950,000,010 weights and biases \(64 GB in float64\).*narrower"):
        Network([784, 10**7, 10])
    assert Network([784, 100, 10]).n_params == 79510            # lesson 05's largest is far below the limit


MEAN, SPREAD = X.mean(), X.std()


@pytest.mark.parametrize("images", [
    (X - MEAN) / SPREAD,                                 # standardised: mean 0, standard deviation 1
    X * 2 - 1,                                           # scaled to [-1, 1]
    X - MEAN,                                            # centred
    (X[0] - MEAN) / SPREAD,                              # one standardised image
])
def test_negative_pixels_get_their_own_sentence_not_the_0_255_one(images):
    low = f"{images.min():g}"
    assert low.startswith("-0.") or low.startswith("-1.")
    for call in (lambda: NET.forward(images), lambda: NET.cost(images, Y[:len(np.atleast_2d(images))]),
                 lambda: Network([784, 4, 10]).train(images, Y[:len(np.atleast_2d(images))], epochs=1,
                                                     progress=False)):
        with pytest.raises(ValueError) as caught:
            call()
        message = str(caught.value)
        assert f"down to {low}" in message and "must lie in [0, 1]" in message and "standardised" in message
        assert "255" not in message


@settings(max_examples=40, deadline=None)
@given(shift=st.floats(0.051, 5), scale=st.floats(0.5, 3))
def test_any_image_reaching_below_zero_is_refused(shift, scale):
    images = (X[:2] - X[:2].min()) * scale - shift          # its darkest pixel at -shift
    with pytest.raises(ValueError, match=r"down to .*must lie in \[0, 1\]"):
        NET.forward(images)


def test_pixels_a_rounding_error_or_a_finite_difference_nudge_below_zero_are_still_pixels():
    """Lesson 05 checks its input gradient with x - 1e-5 on black pixels; steps up to 1e-2 measure something."""
    np.testing.assert_allclose(NET.forward(X - 1e-12), NET.forward(X), rtol=1e-9)
    black = np.zeros(784)
    for step in (1e-5, 1e-2, 0.05):
        nudged = black.copy()
        nudged[300] = -step
        assert NET.forward(nudged).shape == (10,)
    np.testing.assert_array_equal(NET.forward(np.clip(X - 0.3, 0, 1)).shape, (4, 10))


def test_networks_that_are_not_for_pixels_take_negative_inputs():
    assert Network([3, 2]).forward(np.array([-5.0, 0.0, 5.0])).shape == (2,)


@pytest.mark.parametrize("path", [None, 3, "", "   "])
def test_save_and_load_name_a_path_that_is_no_file_name(path):
    for call in (lambda: NET.save(path), lambda: Network.load(path)):
        with pytest.raises(TypeError, match=r"the path must be a file name such as \"my_network.npz\""):
            call()


def test_save_onto_a_folder_or_below_a_file_names_it(tmp_path):
    (tmp_path / "nets.npz").mkdir()
    with pytest.raises(IsADirectoryError) as caught:
        NET.save(tmp_path / "nets.npz")
    assert f"cannot save to {tmp_path / 'nets.npz'}: it is a folder" in str(caught.value)
    assert ".part" not in str(caught.value)
    (tmp_path / "notes").write_text("a file")
    with pytest.raises(NotADirectoryError, match=r"notes is a file, not a folder"):
        NET.save(tmp_path / "notes" / "net")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nets.npz", "notes"]


def test_load_of_a_missing_file_or_a_folder_names_it(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"cannot load .*absent: there is no such file"):
        Network.load(tmp_path / "absent")
    with pytest.raises(IsADirectoryError, match=r"cannot load .*: it is a folder"):
        Network.load(tmp_path)


@pytest.mark.parametrize("call, error, words", [
    (lambda: Network({784, 30, 10}), TypeError, "集合不保留顺序"),
    (lambda: Network([784, 10**7, 10]), ValueError, "7,950,000,010 个权重和偏置"),
    (lambda: NET.forward(X * 2 - 1), ValueError, "标准化或中心化"),
    (lambda: gradient_check(Network([3, 2]), np.full((1, 3), 0.5), [0], eps=1e-20), ValueError,
     "eps=1e-20 太小了"),
    (lambda: gradient_check(Network([3, 2]), np.full((1, 3), 0.5), [0], eps=0.5), ValueError,
     "eps=0.5 太大了"),
    (lambda: numerical_partial(Network([3, 2]), np.full((1, 3), 0.5), [0], 4, 0, 0), ValueError,
     "layer 必须是 0 到 0 之间的整数"),
    (lambda: NET.save(None), TypeError, "路径必须是一个文件名"),
])
def test_issue_23s_errors_speak_chinese(zh_cn, call, error, words):
    with pytest.raises(error) as caught:
        call()
    assert words in str(caught.value)


def test_saving_where_you_may_not_write_speaks_chinese(zh_cn, tmp_path, monkeypatch):
    import errno

    import helpers.core.saving as saving

    def refused(dir=None, prefix="", suffix=""):
        raise PermissionError(errno.EACCES, "Permission denied", str(Path(dir) / (prefix + "x1y2" + suffix)))

    monkeypatch.setattr(saving.tempfile, "mkstemp", refused)
    with pytest.raises(PermissionError) as caught:
        NET.save(tmp_path / "net")
    message = str(caught.value)
    assert f"无法保存到 {tmp_path / 'net.npz'}：你没有在文件夹 {tmp_path} 里写入的权限" in message
    assert ".part" not in message


def test_a_wrong_bias_shape_speaks_chinese(zh_cn, tmp_path):
    net = Network([6, 5, 3], seed=3)
    saved = dict(np.load(net.save(tmp_path / "good.npz")))
    np.savez(tmp_path / "bias.npz", **dict(saved, b0=np.zeros(4)))
    with pytest.raises(ValueError, match=r"第 0 层的偏置形状是 \(4,\)，应当是 \(5,\)"):
        Network.load(tmp_path / "bias.npz")


def test_a_flat_cost_speaks_chinese(zh_cn):
    from helpers import load_digits

    (images, labels), _ = load_digits()
    with pytest.warns(UserWarning, match=r"从第 1 轮到第 2 轮，训练代价一点没动.*学习率 1e\+12 可能太大了.*饱和"):
        Network([784, 16, 10]).train(images[:300], labels[:300], epochs=2, learning_rate=1e12, progress=False)
