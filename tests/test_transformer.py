"""The tiny character-level transformer (helpers/core/transformer.py), its names and its training.

Kept fast (CI time is precious): the gradient check runs on a model of a few hundred parameters,
everything else on small batches; only the shipped model's held-out cost looks at 3,200 names.
"""

import numpy as np
import pytest

import helpers.core.data as data
from helpers.core.gradcheck import relative_error
from helpers.core.training import SGD
from helpers.core.transformer import VOCABULARY, Transformer, ngram_cost

TRAINED_FILE = data.DATA_DIR / "trained-names-transformer.npz"


def tiny(dtype=np.float64, seed=1):
    """Two layers of everything, few enough numbers that finite differences over all of them take a second."""
    model = Transformer(context=5, d_model=4, n_heads=2, n_layers=2, seed=seed, dtype=dtype)
    rng = np.random.default_rng(seed + 1)
    for p in model.parameters():     # gains off 1 and biases off 0, so that their gradients are nothing special
        p += 0.2 * rng.standard_normal(p.shape)
    return model


# ----- gradients ----------------------------------------------------------------

def test_backprop_matches_finite_differences_for_every_parameter_tensor():
    """Central differences at eps = 1e-5 in float64; each tensor's relative error must stay below 1e-7.

    The batch has names of different lengths, so padding (targets -1) and trimming are covered.
    """
    model = tiny()
    X, Y = model.check_batch(*model.encode(["ab", "zoe", "q"]))
    cost, gradients = model.backprop(X, Y)
    targets = Y >= 0

    def cost_now():       # what evaluate computes, without its bookkeeping: 1,454 of these below
        return -np.log(model.feedforward(X)["probabilities"][targets, Y[targets]]).mean()

    assert np.isclose(cost, cost_now(), rtol=1e-12) and np.isclose(cost, model.evaluate(X, Y)[0], rtol=1e-12)
    eps = 1e-5
    for name, P, G in zip(model.parameter_names(), model.parameters(), gradients):
        assert G.shape == P.shape, name
        numeric = np.zeros_like(P)
        flat, flat_numeric = P.reshape(-1), numeric.reshape(-1)
        for i in range(flat.size):
            original = flat[i]
            flat[i] = original + eps
            plus = cost_now()
            flat[i] = original - eps
            minus = cost_now()
            flat[i] = original
            flat_numeric[i] = (plus - minus) / (2 * eps)
        assert relative_error(G, numeric) < 1e-7, f"{name}: relative error {relative_error(G, numeric):.2e}"


def test_float32_stays_float32():
    """NumPy 2 promotes float32 * np.float64 to float64: no scalar of ours may do that."""
    model = Transformer(context=6, d_model=8, n_heads=2, seed=0)
    X, Y = model.check_batch(*model.encode(["emma", "li"]))
    trace = model.feedforward(X)
    assert trace["logits"].dtype == trace["layers"][0]["attention"].dtype == np.float32
    assert all(g.dtype == np.float32 for g in model.backprop(X, Y)[1])


# ----- attention ----------------------------------------------------------------

def test_a_later_token_never_changes_an_earlier_position():
    model = tiny()
    X = np.array([[0, 5, 13, 13, 1]])
    before = model.feedforward(X)
    for t in range(1, X.shape[1]):
        changed = X.copy()
        changed[0, t] = 26 if X[0, t] != 26 else 1
        after = model.feedforward(changed)
        np.testing.assert_array_equal(after["logits"][:, :t], before["logits"][:, :t])
        np.testing.assert_array_equal(after["residual"][-1][:, :t], before["residual"][-1][:, :t])
        assert not np.allclose(after["logits"][:, t], before["logits"][:, t])


def test_attention_rows_sum_to_one_and_never_look_ahead():
    model = tiny()
    trace = model.feedforward(model.check_batch(*model.encode(["emma", "bo"]))[0])
    for layer in trace["layers"]:
        A = layer["attention"]
        assert A.shape == (2, 2, 5, 5)
        np.testing.assert_allclose(A.sum(axis=-1), 1.0, rtol=1e-12)
        assert np.all(A[..., np.triu_indices(5, k=1)[0], np.triu_indices(5, k=1)[1]] == 0)
        assert layer["queries"].shape == layer["keys"].shape == layer["values"].shape == (2, 2, 5, 2)
    assert len(trace["residual"]) == 1 + 2 * model.n_layers


# ----- input --------------------------------------------------------------------

def test_encode_writes_start_and_end_tokens_and_padding():
    model = Transformer(context=6, d_model=8, n_heads=2)
    X, Y = model.encode(["emma"])
    assert "".join(VOCABULARY[t] for t in X[0]) == ".emma."
    assert Y[0].tolist() == [5, 13, 13, 1, 0, -1]


@pytest.mark.parametrize("X, y, error, words", [
    (np.zeros((2, 17), int), np.zeros((2, 17), int), ValueError, r"shape \(n, T\).*T from 1 to 16"),
    (np.zeros((2, 3, 4), int), np.zeros((2, 3, 4), int), ValueError, r"shape \(n, T\)"),
    (np.full((1, 4), 27), np.zeros((1, 4), int), ValueError, "token ids from 0 to 26; got"),
    (np.zeros((1, 4), int), np.full((1, 4), -2), ValueError, "token ids from -1 to 26"),
    (np.zeros((1, 4)), np.zeros((1, 4), int), TypeError, "whole-number token ids.*dtype float64"),
    ("emma", np.zeros((1, 4), int), TypeError, "whole-number token ids.*model.encode"),
    ([[0, 1], [0]], np.zeros((2, 2), int), TypeError, "whole-number token ids"),
    (np.zeros((2, 4), int), np.zeros((2, 3), int), ValueError, r"shape of X, \(2, 4\)"),
    (np.zeros((2, 4), int), np.full((2, 4), -1), ValueError, "no target"),
])
def test_bad_batches_are_named_in_one_sentence(X, y, error, words):
    with pytest.raises(error, match=words):
        Transformer().check_batch(X, y)


def test_bad_names_and_options_are_named():
    model = Transformer(context=6, d_model=8, n_heads=2)
    for names in (["Emma"], ["emma5"], [""], ["abcdefg"]):
        with pytest.raises(ValueError, match="1 to 5 letters a-z"):
            model.encode(names)
    with pytest.raises(TypeError, match="list of str"):
        model.encode("emma")
    with pytest.raises(ValueError, match="multiple of n_heads"):
        Transformer(d_model=10, n_heads=4)
    with pytest.raises(ValueError, match="optimizer must be one of"):
        SGD(model, *model.encode(["ab"]), learning_rate=0.1, optimizer="adma")


def test_bad_input_speaks_chinese(zh_cn):
    with pytest.raises(ValueError, match="字符编号"):
        Transformer().check_batch(np.full((1, 4), 27), np.zeros((1, 4), int))


# ----- training, sampling, saving -------------------------------------------------

def test_adam_through_the_one_loop_lowers_the_cost():
    model = Transformer(context=8, d_model=16, n_heads=2, seed=0)
    names = ["anna", "hannah", "ava", "otto", "bob", "eve", "emme", "ada"]
    X, Y = model.check_batch(*model.encode(names))
    before = model.evaluate(X, Y)[0]
    sgd = SGD(model, X, Y, learning_rate=1e-2, batch_size=4, seed=0, optimizer="adam")
    sgd.run(steps=40)
    assert sgd.adam.t == 40 and model.evaluate(X, Y)[0] < 0.6 * before


def test_sampling_is_reproducible_for_a_seed():
    model = tiny(np.float32)
    model_names = model.sample(8, temperature=1.0, seed=3)
    assert model_names == model.sample(8, temperature=1.0, seed=3)
    assert model_names != model.sample(8, temperature=1.0, seed=4)
    assert all(set(name) <= set(VOCABULARY[1:]) and len(name) <= model.context - 1 for name in model_names)
    with pytest.raises(ValueError, match="temperature must be positive"):
        model.sample(2, temperature=0)


def test_save_and_load_round_trip(tmp_path):
    model = tiny()
    path = model.save(tmp_path / "model")
    assert path.name == "model.npz" and not list(tmp_path.glob("*.part"))
    again = Transformer.load(path, dtype=np.float64)
    assert repr(again) == repr(model) and again.parameter_names() == model.parameter_names()
    for p, q in zip(model.parameters(), again.parameters()):
        np.testing.assert_array_equal(p, q)
    half = Transformer.load(model.save(tmp_path / "half", dtype=np.float16))
    assert half.dtype == np.float32
    np.testing.assert_allclose(half.parameters()[0], model.parameters()[0], rtol=1e-3, atol=1e-4)


def test_damaged_or_missing_file_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        Transformer.load(tmp_path / "nothing.npz")
    (tmp_path / "broken.npz").write_bytes(b"not a zip")
    with pytest.raises(ValueError, match="not a model saved by Transformer.save"):
        Transformer.load(tmp_path / "broken.npz")


@pytest.fixture(scope="module")
def shipped():
    return Transformer.load(TRAINED_FILE)


@pytest.mark.slow
def test_the_shipped_model_beats_the_trigram_baseline(shipped):
    train, held_out = data.load_names_split()
    X, Y = shipped.check_batch(*shipped.encode(held_out))
    cost, accuracy = shipped.evaluate(X, Y)
    trigram = ngram_cost(train, held_out, n=3, smoothing=0.1)
    assert 2.15 < trigram < 2.25          # counting alone, for scale: the bigram model reaches about 2.43
    assert cost < trigram - 0.05 and accuracy > 0.3


def test_the_shipped_model_has_a_previous_letter_head(shipped):
    """One head of the pinned seed reads the letter just before (lessons 07-08 show it): from position 2 on,
    where that is a letter and not the start, it puts most of its attention there (about 88 % on held-out names)."""
    X, Y = shipped.check_batch(*shipped.encode(data.load_names_split()[1][:1000]))
    A = shipped.feedforward(X)["layers"][0]["attention"]      # (n, heads, T, T)
    t = np.arange(2, X.shape[1])
    real = (Y >= 0)[:, None, 2:]                              # positions 2.. that predict a letter or the end
    share = (A[:, :, t, t - 1] * real).sum(axis=(0, 2)) / real.sum()
    assert share.max() > 0.8 and np.sort(share)[-2] < 0.5     # one head, not several


# ----- the names ----------------------------------------------------------------

@pytest.fixture(autouse=True)
def forget_the_kept_names():
    yield
    data._read_names.cache_clear()


def test_names_are_the_bundled_32000():
    names = data.load_names()
    assert len(names) == len(set(names)) == 32000
    assert names[:4] == ["james", "john", "robert", "michael"]
    assert all(2 <= len(n) <= 15 and n.isascii() and n.isalpha() and n.islower() for n in names)
    train, held_out = data.load_names_split()
    assert (len(train), len(held_out)) == (28800, 3200) and not set(train) & set(held_out)
    assert data.load_names_split() == (train, held_out)


def test_names_checksum_catches_a_changed_file(tmp_path, monkeypatch):
    text = (data.DATA_DIR / data.NAMES_FILE).read_text().replace("james\n", "jamez\n", 1)
    (tmp_path / data.NAMES_FILE).write_text(text)
    monkeypatch.setenv("NUDGE_DATA_DIR", str(tmp_path))
    data._read_names.cache_clear()
    with pytest.raises(ValueError, match="does not match its checksum.*build_names.py"):
        data.load_names()
    (tmp_path / data.NAMES_FILE).write_bytes((data.DATA_DIR / data.NAMES_FILE).read_bytes().replace(b"\n", b"\r\n"))
    data._read_names.cache_clear()
    assert len(data.load_names()) == 32000       # a Windows checkout's line ends pass
