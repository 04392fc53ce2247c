"""A small, fully connected neural network in NumPy, trained by backpropagation.

Math versus code. The lessons write one example as a column vector and a layer as
    z = W a + b,    a = sigma(z),
with W[j, k] the weight *to* neuron j *from* neuron k. The code keeps exactly that
W (shape (n_out, n_in), row j = the weights into neuron j) but stacks a batch of
examples as the ROWS of a matrix, so it computes the same numbers as
    Z = A @ W.T + b          # A: (n, n_in), Z: (n, n_out); axis 0 is the batch

Layer numbers. The videos count activations a^(0) (input) ... a^(L) (output);
Nielsen's book counts layers from 1 (the input). Here `activations[0]` is the
input, as in the videos, and `weights[l]`, `biases[l]` lead from activations[l]
to activations[l + 1] (the videos' W^(l+1), Nielsen's w^(l+2)).
"""

import copy
import os
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

from . import checks
from .activations import ACTIVATIONS, sigmoid, sigmoid_prime
from .costs import COSTS
from .languages import _, tr
from .progress import progress_bar
from .stopping import stop_requests

INITS = ("normal", "scaled")


class TrainingDiverged(FloatingPointError):
    """Training produced NaN or infinite numbers; `.history` holds the epochs completed before."""

    def __init__(self, message, history):
        super().__init__(message)
        self.history = history


class History(dict):
    """What `train` returns: a dict of equal-length lists, one entry per completed epoch.

    `interrupted` is True when the stop button (Ctrl-C) ended training early.
    """

    interrupted = False


class Network:
    """A feed-forward network: hidden layers use `activation`, the output layer is always sigmoid.

    Network([784, 16, 16, 10]) is the videos' network: 13,002 weights and biases.

    Options: cost "quadratic" (the videos', mean over examples of sum_j (a_j - y_j)^2)
    | "half_quadratic" (Nielsen's, exactly half of it, so exactly half the gradient)
    | "cross_entropy"; init "normal" (every weight and bias from N(0, 1), as in
    Nielsen's network.py; the videos do not say) | "scaled" (weights from
    N(0, 1/n_in)); dtype float64 (default) or float32.
    """

    def __init__(self, sizes, seed=0, activation="sigmoid", cost="quadratic", init="normal", dtype=np.float64):
        self.sizes = checks.check_sizes(sizes)
        self.activation = checks.check_choice("activation", activation, ACTIVATIONS)
        self.cost_name = checks.check_choice("cost", cost, COSTS)
        self.init = checks.check_choice("init", init, INITS)
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float32, np.float64):
            raise TypeError(tr("dtype must be np.float64 or np.float32; got {dtype!r}", dtype=dtype))
        self.seed = checks.check_seed(seed)
        self._cost = COSTS[cost]()

        rng = np.random.default_rng(seed)
        self.weights, self.biases = [], []
        for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:]):
            scale = 1.0 if init == "normal" else 1.0 / np.sqrt(n_in)
            self.weights.append((scale * rng.standard_normal((n_out, n_in))).astype(self.dtype))
            self.biases.append(rng.standard_normal(n_out).astype(self.dtype))

    def __repr__(self):
        return (f"Network({self.sizes}, activation={self.activation!r}, cost={self.cost_name!r}, "
                f"init={self.init!r}, dtype={self.dtype.name})")

    @property
    def n_params(self):
        """How many numbers training can change: every weight and every bias."""
        return sum(w.size + b.size for w, b in zip(self.weights, self.biases))

    def layer_function(self, l):
        """(f, f_prime) of the layer that weights[l] leads into; f_prime(z, a) reuses a = f(z).

        The one place that decides it: the output layer is always sigmoid (its
        activations are read as ten brightnesses in [0, 1]); hidden layers use `activation`.
        """
        if l == len(self.weights) - 1:
            return sigmoid, sigmoid_prime
        return ACTIVATIONS[self.activation]

    # ----- forward -------------------------------------------------------------

    def check_batch(self, X, y):
        """(X, Y) as the network computes with them: X (n, n_in), Y one-hot (n, n_out), both `dtype`.

        Accepts labels or one-hot rows, and one image (n_in,) with one label or one one-hot row.
        Every mistake is named in one sentence (see helpers.core.checks).
        """
        X, _single = checks.check_images(X, self.sizes[0], self.dtype)
        if X.shape[0] == 0:
            raise ValueError(tr("X holds no examples; a cost or gradient needs at least one row of {n}",
                                n=self.sizes[0]))
        return X, checks.check_targets(y, X.shape[0], self.sizes[-1], self.dtype)

    def feedforward(self, X):
        """Every layer at once: (zs, activations) for a batch X of shape (n, n_in) (or one (n_in,) image).

        zs[l] = activations[l] @ weights[l].T + biases[l] is the weighted input of
        the layer after activations[l], and activations[l + 1] = f(zs[l]); each is
        (n, width), and activations[0] is X itself (one image becomes a batch of one).
        """
        X, _single = checks.check_images(X, self.sizes[0], self.dtype)
        return self._feedforward(X)

    def _feedforward(self, X):
        zs, activations = [], [X]
        for l, (W, b) in enumerate(zip(self.weights, self.biases)):
            z = activations[-1] @ W.T              # z = W a + b, one example per row
            z += b
            zs.append(z)
            activations.append(self.layer_function(l)[0](z))
        return zs, activations

    def forward(self, X):
        """Output activations a^(L): (n, n_in) -> (n, n_out); a single (n_in,) image -> (n_out,)."""
        X, single = checks.check_images(X, self.sizes[0], self.dtype)
        output = self._feedforward(X)[1][-1]
        return output[0] if single else output

    def predict(self, X):
        """The network's answer: the index of the brightest output neuron, per example."""
        return np.argmax(self.forward(X), axis=-1)

    def accuracy(self, X, y):
        """Fraction of examples whose prediction equals the label (y: labels or one-hot)."""
        X, Y = self.check_batch(X, y)
        return self._cost_and_accuracy(X, Y)[1]

    def cost(self, X, y):
        """The cost C averaged over the examples (see helpers.costs for each formula)."""
        X, Y = self.check_batch(X, y)
        zs, activations = self._feedforward(X)
        return self.output_cost(zs[-1], activations[-1], Y)

    def output_cost(self, z_out, a_out, Y):
        """The cost from an output layer already computed: z^L and a^L (n, n_out), Y one-hot."""
        return self._cost.value(z_out, a_out, Y)

    def output_delta(self, z_out, a_out, Y):
        """BP1 for each example (one per row, not yet averaged): delta^L = dC_x/da^L (.) sigma'(z^L)."""
        return self._cost.output_delta(z_out, a_out, Y, self.layer_function(len(self.weights) - 1)[1](z_out, a_out))

    # ----- backward ------------------------------------------------------------

    def gradient(self, X, y):
        """Gradient of `cost(X, y)` by backpropagation, vectorized over the batch.

        Returns (nabla_w, nabla_b), lists shaped like `weights` and `biases`.
        """
        return self._backprop(*self.check_batch(X, y))

    def cost_and_gradient(self, X, y):
        """(C, (nabla_w, nabla_b)) from one forward and one backward pass: what a slider move needs."""
        cost = []
        gradient = self._backprop(*self.check_batch(X, y), cost_out=cost)
        return cost[0], gradient

    def _backprop(self, X, Y, cost_out=None, scale=1.0):
        """The four equations of backpropagation (Nielsen ch. 2), for a checked batch.

        delta has one row per example, shape (n, width of the layer weights[l] leads into).
          BP1  delta^L = dC/da^L (.) sigma'(z^L)                     (the cost's output_delta)
          BP2  delta^l = (delta^(l+1) @ W^(l+1)) (.) sigma'(z^l)   i.e. (W^T delta) per example
          BP3  dC/db^l = delta^l, averaged over the batch
          BP4  dC/dw^l_jk = a^(l-1)_k delta^l_j, averaged: one matrix product delta.T @ A
        """
        n = X.shape[0]
        zs, activations = self._feedforward(X)
        nabla_w = [None] * len(self.weights)
        nabla_b = [None] * len(self.biases)

        delta = self.output_delta(zs[-1], activations[-1], Y)   # BP1
        delta *= scale / n                                   # the mean over the batch
        for l in reversed(range(len(self.weights))):
            nabla_b[l] = delta.sum(axis=0)                   # BP3
            nabla_w[l] = delta.T @ activations[l]            # BP4
            if l > 0:
                delta = delta @ self.weights[l]              # BP2: (W^T delta) per row,
                delta *= self.layer_function(l - 1)[1](zs[l - 1], activations[l])   # then (.) sigma'(z)
        if cost_out is not None:
            cost_out.append(self.output_cost(zs[-1], activations[-1], Y))
        return nabla_w, nabla_b

    # ----- training ------------------------------------------------------------

    def train(self, X, y, epochs=30, batch_size=10, learning_rate=1.5, weight_decay=0.0,
              test=None, seed=0, progress=True, evaluate=True):
        """Mini-batch stochastic gradient descent.

        Each epoch shuffles the examples (from `seed`), splits them into batches of
        `batch_size` and steps every parameter against that batch's gradient:
            w <- w - learning_rate * (dC/dw + weight_decay * w)
        (weight_decay adds weight_decay/2 * sum(w^2) to the cost: L2 regularisation.)

        The default learning rate 1.5 with the videos' cost equals Nielsen's 3.0
        with his half cost: the gradients differ by exactly a factor of two.

        Returns a History: a dict of equal-length lists "epoch", "train_cost",
        "train_accuracy", "test_accuracy" (None without a test set), "seconds".
        After each epoch one forward pass over the training set measures its cost
        and accuracy; evaluate=False skips it (those entries are then None).
        The stop button (Ctrl-C) ends training after the current mini-batch, with a
        message; the History then has `interrupted = True`. Weights that turn NaN or
        infinite raise TrainingDiverged, with the network put back as it was after
        the last good epoch.
        """
        X, Y = self.check_batch(X, y)
        checks.check_positive("epochs", epochs, whole=True)
        checks.check_positive("batch_size", batch_size, whole=True)
        checks.check_positive("learning_rate", learning_rate)
        checks.check_weight_decay(weight_decay, learning_rate)
        if test is not None:
            X_test, Y_test = self.check_batch(*checks.check_test_pair(test))

        rng = np.random.default_rng(checks.check_seed(seed))
        history = History(epoch=[], train_cost=[], train_accuracy=[], test_accuracy=[], seconds=[])
        start = time.perf_counter()
        # Overflow on the way to NaN is reported once, in our words (TrainingDiverged), not as NumPy warnings.
        with progress_bar(epochs, _("training"), _("epoch"), progress) as bar, stop_requests() as stop, \
                np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(1, epochs + 1):
                last_good = [W.copy() for W in self.weights], [b.copy() for b in self.biases]
                order = rng.permutation(len(X))
                for first in range(0, len(X), batch_size):
                    batch = order[first:first + batch_size]
                    # take() is X[batch] without fancy indexing's overhead, which counts at 10 rows
                    self._step(X.take(batch, axis=0), Y.take(batch, axis=0), learning_rate, weight_decay)
                    if stop.requested:
                        break
                if stop.requested and first + batch_size < len(X):
                    break                                   # stopped mid-epoch: the epoch is not recorded
                if not all(np.isfinite(P).all() for P in self.weights + self.biases):
                    self.weights, self.biases = last_good
                    if epoch > 1:
                        advice = tr("training diverged in epoch {epoch}: weights became NaN or infinite. The learning "
                                    "rate {learning_rate} is probably too large; try one ten times smaller. The "
                                    "network was put back as it was after epoch {previous}.", epoch=epoch,
                                    learning_rate=learning_rate, previous=epoch - 1)
                    else:
                        advice = tr("training diverged in epoch {epoch}: weights became NaN or infinite. The learning "
                                    "rate {learning_rate} is probably too large; try one ten times smaller. The "
                                    "network was put back as it was before training.", epoch=epoch,
                                    learning_rate=learning_rate)
                    raise TrainingDiverged(advice, history)
                history["epoch"].append(epoch)
                history["seconds"].append(time.perf_counter() - start)
                train_cost, train_accuracy = self._cost_and_accuracy(X, Y) if evaluate else (None, None)
                history["train_cost"].append(train_cost)
                history["train_accuracy"].append(train_accuracy)
                history["test_accuracy"].append(None if test is None else self._cost_and_accuracy(X_test, Y_test)[1])
                _warn_if_exploding(history, learning_rate)
                shown = {_("cost"): f"{train_cost:.4f}", _("train acc"): f"{train_accuracy:.3f}"} if evaluate else {}
                if test is not None:
                    shown[_("test acc")] = f"{history['test_accuracy'][-1]:.3f}"
                bar.set_postfix(shown)
                bar.update(1)
                if stop.requested:
                    break
        if stop.requested:   # checked here too: a press during the last epoch's evaluation must not get lost
            history.interrupted = True
            print(tr("Stopped by you: {n} complete epoch(s) in the history; the network keeps the weights of its "
                     "last mini-batch step.", n=len(history["epoch"])))
        return history

    def step(self, X, y, learning_rate=1.5, weight_decay=0.0):
        """One gradient-descent step on one mini-batch: w <- w - learning_rate * (dC/dw + weight_decay * w).

        What `train` does for every mini-batch, for code that walks step by step
        (a race between batch sizes, training you can pause).
        """
        checks.check_positive("learning_rate", learning_rate)
        checks.check_weight_decay(weight_decay, learning_rate)
        self._step(*self.check_batch(X, y), learning_rate, weight_decay)

    def _step(self, X, Y, learning_rate, weight_decay):
        """One gradient-descent step on one checked mini-batch (learning rate folded into backprop)."""
        step_w, step_b = self._backprop(X, Y, scale=learning_rate)
        for W, b, dW, db in zip(self.weights, self.biases, step_w, step_b):
            if weight_decay:
                W *= 1.0 - learning_rate * weight_decay   # the weight_decay * w part of the step
            W -= dW
            b -= db

    def _cost_and_accuracy(self, X, Y):
        """Cost and fraction correct from one forward pass (for the per-epoch history)."""
        zs, activations = self._feedforward(X)
        correct = np.argmax(activations[-1], axis=1) == np.argmax(Y, axis=1)
        return self.output_cost(zs[-1], activations[-1], Y), float(np.mean(correct))

    # ----- saving --------------------------------------------------------------

    def copy(self):
        """An independent copy that shares nothing: nudging the copy leaves this network unchanged."""
        return copy.deepcopy(self)

    def save(self, path):
        """Write sizes, options and every parameter to one .npz file; returns the path written.

        ".npz" is added when the name lacks it (as NumPy does), and `load` finds the
        file under the same name. The file is written beside its target and renamed
        into place, so a failed save leaves any previous file intact.
        """
        path = _npz_path(path)
        if not path.parent.is_dir():
            raise FileNotFoundError(tr("cannot save to {path}: the folder {folder} does not exist", path=path,
                                       folder=path.parent))
        arrays = {f"w{l}": W for l, W in enumerate(self.weights)}
        arrays.update({f"b{l}": b for l, b in enumerate(self.biases)})
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as f:
                np.savez_compressed(f, sizes=np.array(self.sizes), activation=self.activation,
                                    cost=self.cost_name, init=self.init, dtype=self.dtype.name, **arrays)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)
        return path

    @classmethod
    def load(cls, path):
        """Read a network written by `save` (same name, ".npz" optional); a damaged file is named in the error."""
        path = Path(path)
        if not path.exists() and _npz_path(path).exists():
            path = _npz_path(path)
        try:
            with np.load(path, allow_pickle=False) as f:
                sizes = f["sizes"]
                if not np.issubdtype(sizes.dtype, np.integer):
                    raise ValueError(tr("layer sizes must be whole numbers, found {sizes}", sizes=sizes.tolist()))
                net = cls([int(s) for s in sizes], activation=str(f["activation"]), cost=str(f["cost"]),
                          init=str(f["init"]), dtype=np.dtype(str(f["dtype"])))
                for l in range(len(net.weights)):
                    W, b = f[f"w{l}"], f[f"b{l}"]
                    if W.shape != net.weights[l].shape or b.shape != net.biases[l].shape:
                        raise ValueError(tr("layer {layer} has shape {shape}, expected {expected}", layer=l,
                                            shape=W.shape, expected=net.weights[l].shape))
                    if not (np.isfinite(W).all() and np.isfinite(b).all()):
                        raise ValueError(tr("layer {layer} holds NaN or infinite parameters", layer=l))
                    net.weights[l], net.biases[l] = W.astype(net.dtype), b.astype(net.dtype)
        except FileNotFoundError:
            raise
        except Exception as exc:
            raise ValueError(tr("{path} is not a network saved by Network.save ({error})", path=path,
                                error=exc)) from exc
        return net


def _npz_path(path):
    path = Path(os.path.expanduser(os.fspath(path)))
    return path if path.suffix == ".npz" else path.with_name(path.name + ".npz")


def _warn_if_exploding(history, learning_rate):
    """A cost that climbs far above its best so far usually means steps that overshoot: say so once."""
    costs = [c for c in history["train_cost"] if c is not None]
    if len(costs) >= 2 and costs[-1] > 2 * min(costs[:-1]) and costs[-2] <= 2 * min(costs[:-1]):
        warnings.warn(tr("the training cost rose from {best:.4g} to {cost:.4g} by epoch {epoch}: the learning rate "
                         "{learning_rate} may be too large.", best=min(costs[:-1]), cost=costs[-1],
                         epoch=history["epoch"][-1], learning_rate=learning_rate),
                      UserWarning, stacklevel=3)
