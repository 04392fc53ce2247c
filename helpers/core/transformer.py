"""A tiny character-level GPT in NumPy: reads the start of a name, predicts its next letter.

Tokens. 27 of them: 0 is ".", which starts a name and ends it, and 1-26 are a-z. The name
"emma" is the row X = . e m m a (its input) with the targets Y = e m m a . (each position
predicts the next token); shorter rows are padded, X with "." and Y with -1 (nothing to predict).

Shapes. A batch of token rows X is (n, T) with T <= context, axis 0 the batch. Every position
carries a vector of d_model numbers, the residual stream x of shape (n, T, d_model):
    x = token_embedding[X] + position_embedding[:T]
    per layer:  x = x + attention(layer_norm(x))      each head h: A_h = softmax(Q_h K_h^T / sqrt(d_head)
                x = x + mlp(layer_norm(x))              + causal mask), out = sum_h A_h V_h W_o[h]
    logits = layer_norm(x) @ W_unembed + b_unembed    (n, T, 27): a score per next token
The causal mask lets position t read positions 0..t only, so the prediction for t never sees
the letter it must guess. The cost is cross-entropy: mean over the predicted characters of
-ln p(target), in nats. Backpropagation is written out by hand, layer by layer, in reverse.

Training is the one loop of helpers/core/training.py (SGD(model, X, Y, ..., optimizer="adam")).
"""

import math
import os

import numpy as np

from . import checks, saving
from .languages import _, tr

VOCABULARY = ".abcdefghijklmnopqrstuvwxyz"
LAYER_PARAMETERS = ("ln1_gain", "ln1_bias", "W_q", "W_k", "W_v", "W_o",
                    "ln2_gain", "ln2_bias", "W_up", "b_up", "W_down", "b_down")
LN_EPS = 1e-5           # keeps 1/std finite for a row of equal numbers


def layer_norm(x, gain, bias):
    """Each position's vector (last axis) to mean 0 and variance 1, then gain * x_hat + bias; also (x_hat, 1/std)."""
    centred = x - x.mean(axis=-1, keepdims=True)
    inv_std = 1.0 / np.sqrt((centred * centred).mean(axis=-1, keepdims=True) + LN_EPS)
    x_hat = centred * inv_std
    return x_hat * gain + bias, (x_hat, inv_std)


def layer_norm_backward(d_out, x_hat, inv_std, gain):
    """(d_x, d_gain, d_bias) of layer_norm, per position over the last axis (d_xh = d_out * gain):

        d_x = (d_xh - mean(d_xh) - x_hat * mean(d_xh * x_hat)) / std
    """
    d_xh = d_out * gain
    d_x = inv_std * (d_xh - d_xh.mean(axis=-1, keepdims=True) - x_hat * (d_xh * x_hat).mean(axis=-1, keepdims=True))
    return d_x, (d_out * x_hat).sum(axis=(0, 1)), d_out.sum(axis=(0, 1))


class Transformer:
    """A decoder-only transformer over the 27 tokens of VOCABULARY (".", a-z).

    Transformer() has context 16, d_model 64, 4 heads of 16, one layer, an MLP 4 x d_model wide:
    54,363 parameters. Initial values from `seed`: token embeddings N(0, 0.1^2), positions
    N(0, 1) (they start larger than the tokens, so a head can find "the position before me"
    early), every matrix N(0, 1/fan_in), layer-norm gains 1, biases 0. dtype float32 or float64.
    """

    def __init__(self, context=16, d_model=64, n_heads=4, n_layers=1, seed=0, dtype=np.float32):
        for name, value in (("context", context), ("d_model", d_model), ("n_heads", n_heads),
                            ("n_layers", n_layers)):
            checks.check_positive(name, value, whole=True)
        if d_model % n_heads:
            raise ValueError(tr("d_model must be a multiple of n_heads (each head gets d_model / n_heads numbers); "
                                "got d_model={d_model}, n_heads={n_heads}", d_model=d_model, n_heads=n_heads))
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float32, np.float64):
            raise TypeError(tr("dtype must be np.float64 or np.float32; got {dtype!r}", dtype=dtype))
        self.context, self.d_model, self.n_heads, self.n_layers = context, d_model, n_heads, n_layers
        self.d_head, self.vocab_size, self.seed = d_model // n_heads, len(VOCABULARY), checks.check_seed(seed)
        rng = np.random.default_rng(seed)

        def normal(scale, *shape):
            return (scale * rng.standard_normal(shape)).astype(self.dtype)

        d, h, dh, wide = d_model, n_heads, self.d_head, 4 * d_model
        self.params = {"token_embedding": normal(0.1, self.vocab_size, d),
                       "position_embedding": normal(1.0, context, d)}
        for l in range(n_layers):
            shapes = {"W_q": (d, h, dh), "W_k": (d, h, dh), "W_v": (d, h, dh), "W_o": (h, dh, d),
                      "W_up": (d, wide), "W_down": (wide, d)}
            for name in LAYER_PARAMETERS:
                if name in shapes:
                    fan_in = d if name != "W_down" else wide
                    self.params[f"{l}.{name}"] = normal(1 / math.sqrt(fan_in), *shapes[name])
                else:     # gains start at 1, biases at 0
                    size = wide if name == "b_up" else d
                    self.params[f"{l}.{name}"] = np.full(size, float(name.endswith("gain")), self.dtype)
        self.params.update(final_gain=np.ones(d, self.dtype), final_bias=np.zeros(d, self.dtype),
                           W_unembed=normal(1 / math.sqrt(d), d, self.vocab_size),
                           b_unembed=np.zeros(self.vocab_size, self.dtype))
        # True above the diagonal: position t must not read positions after t
        self.future = np.triu(np.ones((context, context), dtype=bool), k=1)

    def __repr__(self):
        return (f"Transformer(context={self.context}, d_model={self.d_model}, n_heads={self.n_heads}, "
                f"n_layers={self.n_layers}, dtype={self.dtype.name})")

    @property
    def n_params(self):
        """How many numbers training can change."""
        return sum(p.size for p in self.params.values())

    def parameters(self):
        """Every array training changes, in the order of `parameter_names()` (and of backprop's gradients)."""
        return list(self.params.values())

    def parameter_names(self):
        """Names of parameters(): "token_embedding", ..., "0.W_q" (layer 0's queries: (d_model, n_heads, d_head))..."""
        return list(self.params)

    # ----- tokens ------------------------------------------------------------------

    def encode(self, names):
        """(X, Y) of a list of names: X (n, context) rows ". e m m a . . ." and Y (n, context) "e m m a . -1 -1 ..."."""
        if isinstance(names, str) or not all(isinstance(name, str) for name in names):
            raise TypeError(tr("names must be a list of str such as ['emma', 'olivia']; got {value}",
                               value=checks.describe(names)))
        X, Y = np.zeros((len(names), self.context), np.int64), np.full((len(names), self.context), -1, np.int64)
        for i, name in enumerate(names):
            if not (0 < len(name) < self.context and set(name) <= set(VOCABULARY[1:])):
                raise ValueError(tr("each name must be 1 to {longest} letters a-z (lowercase); got {name!r}",
                                    longest=self.context - 1, name=name))
            tokens = [VOCABULARY.index(c) for c in name]
            X[i, 1:len(name) + 1] = tokens
            Y[i, :len(name) + 1] = tokens + [0]
        return X, Y

    def check_batch(self, X, y):
        """(X, Y) as int64 arrays of one shape (n, T), 1 <= T <= context: tokens 0-26, targets -1-26 (-1: none)."""
        last = self.vocab_size - 1
        arrays = []
        for name, value, low in (("X", X, 0), ("y", y, -1)):
            try:
                array = np.asarray(value) if not isinstance(value, (str, bytes)) and value is not None else None
            except ValueError:                  # rows of different lengths
                array = np.empty(0, object)
            if array is None or array.dtype.kind not in "iu":
                kind = type(value).__name__ if array is None else tr("dtype {dtype}", dtype=array.dtype)
                raise TypeError(tr("{name} must hold whole-number token ids (0 is '.', 1-26 are a-z; "
                                   "model.encode(names) makes them); got {kind}", name=name, kind=kind))
            if array.ndim == 1:
                array = array[np.newaxis]       # one row: a batch of one
            if array.ndim != 2 or not 1 <= array.shape[1] <= self.context or len(array) == 0:
                raise ValueError(tr("{name} must have shape (n, T): one row of tokens per name, T from 1 to "
                                    "{context}; got shape {shape}", name=name, context=self.context,
                                    shape=np.shape(value)))
            bad = (array < low) | (array > last)
            if bad.any():
                raise ValueError(tr("{name} must hold token ids from {low} to {last}; got {values}", name=name,
                                    low=low, last=last, values=array[bad][:5].tolist()))
            arrays.append(np.ascontiguousarray(array, dtype=np.int64))
        X, Y = arrays
        if X.shape != Y.shape:
            raise ValueError(tr("y must have the shape of X, {shape}: one target per position; got shape {got}",
                                shape=X.shape, got=Y.shape))
        if not (Y >= 0).any():
            raise ValueError(_("y holds no target at all (every entry is -1): the cost needs a character to predict"))
        return X, Y

    # ----- forward -----------------------------------------------------------------

    def feedforward(self, X):
        """Everything the model computes for token rows X (n, T), as a dict a lesson can show.

        "residual": the stream x (n, T, d_model) after the embeddings, then after each attention and
        each MLP (1 + 2 n_layers of them); "layers": per layer a dict with "queries", "keys",
        "values" (n, n_heads, T, d_head), "attention" (n, n_heads, T, T): row t holds how much
        position t reads each position (rows sum to 1, zero above the diagonal), "heads" (each
        head's output A V), and what backprop needs; "logits" and "probabilities" (n, T, 27).
        """
        p, (n, T) = self.params, X.shape
        d, h, dh = self.d_model, self.n_heads, self.d_head
        x = p["token_embedding"][X] + p["position_embedding"][:T]
        trace = {"X": X, "residual": [x], "layers": []}
        for l in range(self.n_layers):
            normed, ln1 = layer_norm(x, p[f"{l}.ln1_gain"], p[f"{l}.ln1_bias"])
            flat = normed.reshape(n * T, d)
            # (n*T, d) @ (d, h*dh) -> (n, h, T, dh): one matrix product for every head at once
            q, k, v = ((flat @ p[f"{l}.{name}"].reshape(d, h * dh)).reshape(n, T, h, dh).transpose(0, 2, 1, 3)
                       for name in ("W_q", "W_k", "W_v"))
            scores = q @ k.transpose(0, 1, 3, 2) * (1 / math.sqrt(dh))   # a Python float keeps float32 float32
            scores[..., self.future[:T, :T]] = -np.inf                     # exp(-inf) = 0: no weight on the future
            attention = np.exp(scores - scores.max(axis=-1, keepdims=True))
            attention /= attention.sum(axis=-1, keepdims=True)
            heads = attention @ v
            merged = heads.transpose(0, 2, 1, 3).reshape(n * T, h * dh)
            x = x + (merged @ p[f"{l}.W_o"].reshape(h * dh, d)).reshape(n, T, d)
            trace["residual"].append(x)
            normed2, ln2 = layer_norm(x, p[f"{l}.ln2_gain"], p[f"{l}.ln2_bias"])
            hidden = np.maximum(normed2.reshape(n * T, d) @ p[f"{l}.W_up"] + p[f"{l}.b_up"], 0)   # ReLU
            x = x + (hidden @ p[f"{l}.W_down"] + p[f"{l}.b_down"]).reshape(n, T, d)
            trace["residual"].append(x)
            trace["layers"].append(dict(queries=q, keys=k, values=v, attention=attention, heads=heads, ln1=ln1,
                                        attention_input=flat, merged=merged, ln2=ln2, mlp_input=normed2,
                                        hidden=hidden))
        final, trace["final_ln"] = layer_norm(x, p["final_gain"], p["final_bias"])
        trace["final"] = final
        logits = final @ p["W_unembed"] + p["b_unembed"]
        trace["logits"] = logits
        shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
        trace["probabilities"] = shifted / shifted.sum(axis=-1, keepdims=True)
        return trace

    def evaluate(self, X, Y, rows=1024):
        """(cost, accuracy) of checked (X, Y): mean -ln p(target) in nats, fraction of targets ranked first.

        Both over the predicted characters only (Y >= 0); `rows` at a time, to bound the memory.
        """
        total, right, count = 0.0, 0, 0
        for start in range(0, len(X), rows):
            x, y = self.trim(X[start:start + rows], Y[start:start + rows])
            probabilities, targets = self.feedforward(x)["probabilities"], y >= 0
            picked = np.take_along_axis(probabilities, np.maximum(y, 0)[..., None], axis=-1)[..., 0]
            total -= float(np.log(picked[targets], dtype=np.float64).sum())
            right += int((probabilities.argmax(axis=-1) == y)[targets].sum())
            count += int(targets.sum())
        return total / count, right / count

    def trim(self, X, Y):
        """X and Y without their last columns where no row predicts anything: fewer positions, the same cost.

        Causality makes it exact: a padded position never changes an earlier one.
        """
        width = int(np.flatnonzero((Y >= 0).any(axis=0)).max()) + 1 if (Y >= 0).any() else Y.shape[1]
        return X[:, :width], Y[:, :width]

    # ----- backward ----------------------------------------------------------------

    def backprop(self, X, Y):
        """(cost, gradients) of checked (X, Y): gradients in the order of parameters(), each the shape of its array.

        The chain rule backwards through feedforward. Softmax + cross-entropy give
        dC/dlogits = (probabilities - one_hot(target)) / (number of targets), 0 where Y is -1; each
        residual addition passes its gradient to both branches; attention's softmax gives
        dC/dscores = A (.) (dC/dA - sum_j A_j dC/dA_j) per row.
        """
        X, Y = self.trim(X, Y)
        trace, p, g = self.feedforward(X), self.params, {}
        (n, T), d, h, dh = X.shape, self.d_model, self.n_heads, self.d_head
        targets = Y >= 0
        probabilities = trace["probabilities"]
        picked = np.take_along_axis(probabilities, np.maximum(Y, 0)[..., None], axis=-1)[..., 0]
        cost = -float(np.log(picked[targets], dtype=np.float64).mean())
        d_logits = probabilities.copy()
        d_logits[targets, Y[targets]] -= 1
        d_logits[~targets] = 0                  # padding predicts nothing
        d_logits *= 1 / targets.sum()           # the mean over the predicted characters
        g["W_unembed"] = trace["final"].reshape(-1, d).T @ d_logits.reshape(-1, self.vocab_size)
        g["b_unembed"] = d_logits.sum(axis=(0, 1))
        dx, g["final_gain"], g["final_bias"] = layer_norm_backward(d_logits @ p["W_unembed"].T, *trace["final_ln"],
                                                                   p["final_gain"])
        for l in reversed(range(self.n_layers)):
            layer = trace["layers"][l]
            # MLP: x = x + relu(ln2(x) @ W_up + b_up) @ W_down + b_down
            d_out = dx.reshape(n * T, d)
            g[f"{l}.W_down"], g[f"{l}.b_down"] = layer["hidden"].T @ d_out, d_out.sum(axis=0)
            d_hidden = (d_out @ p[f"{l}.W_down"].T) * (layer["hidden"] > 0)
            g[f"{l}.W_up"] = layer["mlp_input"].reshape(n * T, d).T @ d_hidden
            g[f"{l}.b_up"] = d_hidden.sum(axis=0)
            d_normed, g[f"{l}.ln2_gain"], g[f"{l}.ln2_bias"] = layer_norm_backward(
                (d_hidden @ p[f"{l}.W_up"].T).reshape(n, T, d), *layer["ln2"], p[f"{l}.ln2_gain"])
            dx = dx + d_normed
            # attention: x = x + merge(softmax(Q K^T / sqrt(dh)) V) @ W_o
            d_out = dx.reshape(n * T, d)
            g[f"{l}.W_o"] = (layer["merged"].T @ d_out).reshape(h, dh, d)
            d_heads = (d_out @ p[f"{l}.W_o"].reshape(h * dh, d).T).reshape(n, T, h, dh).transpose(0, 2, 1, 3)
            A = layer["attention"]
            d_A = d_heads @ layer["values"].transpose(0, 1, 3, 2)
            d_v = A.transpose(0, 1, 3, 2) @ d_heads
            d_scores = A * (d_A - (d_A * A).sum(axis=-1, keepdims=True)) * (1 / math.sqrt(dh))
            d_q = d_scores @ layer["keys"]
            d_k = d_scores.transpose(0, 1, 3, 2) @ layer["queries"]
            d_flat = 0
            for name, d_part in (("W_q", d_q), ("W_k", d_k), ("W_v", d_v)):
                d_part = d_part.transpose(0, 2, 1, 3).reshape(n * T, h * dh)
                g[f"{l}.{name}"] = (layer["attention_input"].T @ d_part).reshape(d, h, dh)
                d_flat = d_flat + d_part @ p[f"{l}.{name}"].reshape(d, h * dh).T
            d_normed, g[f"{l}.ln1_gain"], g[f"{l}.ln1_bias"] = layer_norm_backward(
                d_flat.reshape(n, T, d), *layer["ln1"], p[f"{l}.ln1_gain"])
            dx = dx + d_normed
        # embeddings: each token's row gets the gradient of every position it sits at (a one-hot product,
        # far faster than np.add.at); each position's row gets the sum over the batch
        one_hot = (X.reshape(-1, 1) == np.arange(self.vocab_size)).astype(self.dtype)
        g["token_embedding"] = one_hot.T @ dx.reshape(n * T, d)
        g["position_embedding"] = np.zeros_like(p["position_embedding"])
        g["position_embedding"][:T] = dx.sum(axis=0)
        return cost, [g[name] for name in self.params]

    # ----- using it ----------------------------------------------------------------

    def sample(self, n=10, temperature=1.0, seed=0):
        """`n` new names, one letter at a time, each drawn from softmax(logits / temperature).

        Below 1 the likeliest letters win more often (0.1: nearly always the likeliest), above 1
        rarer ones come up. The same seed draws the same names.
        """
        n = checks.check_positive("n", n, whole=True)
        temperature = checks.check_positive("temperature", temperature)
        rng = np.random.default_rng(checks.check_seed(seed))
        X, done = np.zeros((n, 1), np.int64), np.zeros(n, bool)
        for _step in range(self.context - 1):
            logits = self.feedforward(X)["logits"][:, -1].astype(np.float64) / temperature
            weights = np.exp(logits - logits.max(axis=1, keepdims=True))
            cumulative = np.cumsum(weights / weights.sum(axis=1, keepdims=True), axis=1)
            # one uniform draw per row, found in the row's cumulative probabilities (min: never past the last token)
            token = np.minimum((cumulative < rng.random((n, 1))).sum(axis=1), self.vocab_size - 1)
            done |= token == 0
            X = np.concatenate([X, np.where(done, 0, token)[:, None]], axis=1)
        return ["".join(VOCABULARY[t] for t in row[1:]).split(".")[0] for row in X]

    def save(self, path, dtype=None):
        """Write the configuration and every parameter to one .npz (atomic, like Network.save); returns its path.

        dtype=np.float16 halves the file; the loaded model computes in float32 with those values.
        """
        arrays = {name: value.astype(dtype or self.dtype) for name, value in self.params.items()}
        return saving.save_npz(path, config=np.array([self.context, self.d_model, self.n_heads, self.n_layers]),
                               vocabulary=VOCABULARY, **arrays)

    @classmethod
    def load(cls, path, dtype=np.float32):
        """A Transformer with the configuration and parameters `save` wrote to `path`, computing in `dtype`."""
        path = saving.npz_path(path)
        if not path.is_file():
            raise FileNotFoundError(tr("cannot load {path}: there is no such file (a name without a folder is "
                                       "looked for in {folder})", path=path, folder=os.getcwd()))
        try:
            with np.load(path, allow_pickle=False) as f:
                if str(f["vocabulary"]) != VOCABULARY:
                    raise ValueError(tr("its tokens are {tokens!r}, not {expected!r}", tokens=str(f["vocabulary"]),
                                        expected=VOCABULARY))
                model = cls(*(int(v) for v in f["config"]), dtype=dtype)
                for name, value in model.params.items():
                    if f[name].shape != value.shape:
                        raise ValueError(tr("{name} has shape {shape}, expected {expected}", name=name,
                                            shape=f[name].shape, expected=value.shape))
                    if not np.isfinite(f[name]).all():
                        raise ValueError(tr("{name} holds NaN or infinite values", name=name))
                    value[...] = f[name]
        except Exception as exc:
            raise ValueError(tr("{path} is not a model saved by Transformer.save ({error})", path=path,
                                error=exc)) from exc
        return model


def ngram_cost(train_names, held_out_names, n=3, smoothing=0.1):
    """The yardstick: held-out nats per character of a model that only counts (n - 1)-letter contexts.

    p(next | previous n - 1 tokens) = (count + smoothing) / (total + 27 smoothing), counted over
    train_names (".." starts each name, "." ends it); n=2 is the bigram model, n=3 the trigram.
    """
    def windows(names):
        for name in names:
            tokens = [0] * (n - 1) + [VOCABULARY.index(c) for c in name] + [0]
            for i in range(n - 1, len(tokens)):
                yield tokens[i - n + 1:i + 1]

    shape = (len(VOCABULARY),) * n
    seen = np.ravel_multi_index(np.array(list(windows(train_names))).T, shape)
    counts = np.bincount(seen, minlength=np.prod(shape)).reshape(shape) + smoothing
    probabilities = counts / counts.sum(axis=-1, keepdims=True)
    return float(-np.log(probabilities[tuple(np.array(list(windows(held_out_names))).T)]).mean())
