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
to activations[l + 1].
"""

import sys
import time

import numpy as np
from tqdm import tqdm

from . import _validate
from .activations import ACTIVATIONS, sigmoid, sigmoid_prime
from .costs import COSTS

INITS = ("normal", "scaled")


class Network:
    """A feed-forward network: hidden layers use `activation`, the output layer is always sigmoid.

    Network([784, 16, 16, 10]) is the videos' network: 13,002 weights and biases.

    Options (DESIGN.md): cost "quadratic" (the videos', mean over examples of
    sum_j (a_j - y_j)^2) | "half_quadratic" (Nielsen's, exactly half of it, so
    exactly half the gradient) | "cross_entropy"; init "normal" (every weight
    and bias from N(0, 1), as in Nielsen's network.py; the videos do not say) |
    "scaled" (weights from N(0, 1/n_in)); dtype float64 (default) or float32.
    """

    def __init__(self, sizes, seed=0, activation="sigmoid", cost="quadratic", init="normal", dtype=np.float64):
        self.sizes = _validate.check_sizes(sizes)
        self.activation = _validate.check_choice("activation", activation, ACTIVATIONS)
        self.cost_name = _validate.check_choice("cost", cost, COSTS)
        self.init = _validate.check_choice("init", init, INITS)
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float32, np.float64):
            raise TypeError(f"dtype must be np.float64 or np.float32; got {dtype!r}")
        self.seed = seed
        self._hidden_f, self._hidden_prime = ACTIVATIONS[activation]
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

    # ----- forward -------------------------------------------------------------

    def _feedforward(self, X):
        """All layers at once for a checked (n, n_in) batch.

        Returns (zs, activations): zs[l] is the weighted input of layer l + 1 and
        activations[l] its output, each (n, width); activations[0] is X itself.
        """
        zs, activations = [], [X]
        last = len(self.weights) - 1
        for l, (W, b) in enumerate(zip(self.weights, self.biases)):
            z = activations[-1] @ W.T              # z = W a + b, one example per row
            z += b
            zs.append(z)
            activations.append(sigmoid(z) if l == last else self._hidden_f(z))
        return zs, activations

    def forward(self, X):
        """Output activations a^(L): (n, n_in) -> (n, n_out); a single (n_in,) image -> (n_out,)."""
        X, single = _validate.check_images(X, self.sizes[0], self.dtype)
        output = self._feedforward(X)[1][-1]
        return output[0] if single else output

    def predict(self, X):
        """The network's answer: the index of the brightest output neuron, per example."""
        return np.argmax(self.forward(X), axis=-1)

    def accuracy(self, X, y):
        """Fraction of examples whose prediction equals the label (y: labels or one-hot)."""
        X, _ = _validate.check_images(X, self.sizes[0], self.dtype)
        Y = _validate.check_targets(y, X.shape[0], self.sizes[-1], self.dtype)
        return float(np.mean(self.predict(X) == np.argmax(Y, axis=1)))

    def cost(self, X, y):
        """The cost C averaged over the examples (see helpers.costs for each formula)."""
        X, Y = self._check_batch(X, y)
        zs, activations = self._feedforward(X)
        return self._cost.value(zs[-1], activations[-1], Y)

    # ----- backward ------------------------------------------------------------

    def gradient(self, X, y):
        """Gradient of `cost(X, y)` by backpropagation, vectorized over the batch.

        Returns (nabla_w, nabla_b), lists shaped like `weights` and `biases`.
        """
        return self._backprop(*self._check_batch(X, y))

    def cost_and_gradient(self, X, y):
        """(C, (nabla_w, nabla_b)) from one forward and one backward pass: what a slider move needs."""
        cost = []
        gradient = self._backprop(*self._check_batch(X, y), cost_out=cost)
        return cost[0], gradient

    def _backprop(self, X, Y, cost_out=None, scale=1.0):
        """The four equations of backpropagation (Nielsen ch. 2), for a checked batch.

        delta[l] has one row per example, shape (n, width of layer l + 1).
          BP1  delta^L = dC/da^L (.) sigma'(z^L)          (the cost's output_delta)
          BP2  delta^l = (delta^(l+1) @ W^(l+1)) (.) sigma'(z^l)   i.e. (W^T delta) per example
          BP3  dC/db^l = delta^l, averaged over the batch
          BP4  dC/dw^l_jk = a^(l-1)_k delta^l_j, averaged: one matrix product delta.T @ A
        """
        n = X.shape[0]
        zs, activations = self._feedforward(X)
        nabla_w = [None] * len(self.weights)
        nabla_b = [None] * len(self.biases)

        out_prime = sigmoid_prime(zs[-1], activations[-1])
        delta = self._cost.output_delta(zs[-1], activations[-1], Y, out_prime)   # BP1
        delta *= scale / n                                   # the mean over the batch
        for l in reversed(range(len(self.weights))):
            nabla_b[l] = delta.sum(axis=0)                   # BP3
            nabla_w[l] = delta.T @ activations[l]            # BP4
            if l > 0:
                delta = delta @ self.weights[l]              # BP2: (W^T delta) per row,
                delta *= self._hidden_prime(zs[l - 1], activations[l])   # then (.) sigma'(z)
        if cost_out is not None:
            cost_out.append(self._cost.value(zs[-1], activations[-1], Y))
        return nabla_w, nabla_b

    def _check_batch(self, X, y):
        X, _ = _validate.check_images(X, self.sizes[0], self.dtype)
        return X, _validate.check_targets(y, X.shape[0], self.sizes[-1], self.dtype)

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

        Returns a history dict of equal-length lists: "epoch", "train_cost",
        "train_accuracy", "test_accuracy" (None without a test set), "seconds".
        After each epoch one forward pass over the training set measures its cost
        and accuracy; evaluate=False skips it (those entries are then None), for
        long runs or timing the SGD steps alone.
        Interrupting (Ctrl-C, the stop button) ends training after the current
        batch and returns the epochs completed.
        """
        X, Y = self._check_batch(X, y)
        _validate.check_positive("epochs", epochs, whole=True)
        _validate.check_positive("batch_size", batch_size, whole=True)
        _validate.check_positive("learning_rate", learning_rate)
        if weight_decay < 0:
            raise ValueError(f"weight_decay must be zero or positive; got {weight_decay}")
        if test is not None:
            X_test, Y_test = self._check_batch(*test)

        rng = np.random.default_rng(seed)
        history = {"epoch": [], "train_cost": [], "train_accuracy": [], "test_accuracy": [], "seconds": []}
        bar = tqdm(range(1, epochs + 1), desc="training", unit="epoch", file=sys.stderr, disable=not progress)
        start = time.perf_counter()
        try:
            for epoch in bar:
                order = rng.permutation(len(X))
                for first in range(0, len(X), batch_size):
                    batch = order[first:first + batch_size]
                    # take() is X[batch] without fancy indexing's overhead, which counts at 10 rows
                    step_w, step_b = self._backprop(X.take(batch, axis=0), Y.take(batch, axis=0),
                                                    scale=learning_rate)
                    for W, b, dW, db in zip(self.weights, self.biases, step_w, step_b):
                        if weight_decay:
                            W *= 1.0 - learning_rate * weight_decay   # the weight_decay * w part of the step
                        W -= dW
                        b -= db
                history["epoch"].append(epoch)
                history["seconds"].append(time.perf_counter() - start)
                train_cost, train_accuracy = self._cost_and_accuracy(X, Y) if evaluate else (None, None)
                history["train_cost"].append(train_cost)
                history["train_accuracy"].append(train_accuracy)
                history["test_accuracy"].append(None if test is None else self._cost_and_accuracy(X_test, Y_test)[1])
                shown = {"cost": f"{train_cost:.4f}", "train acc": f"{train_accuracy:.3f}"} if evaluate else {}
                if test is not None:
                    shown["test acc"] = f"{history['test_accuracy'][-1]:.3f}"
                bar.set_postfix(shown)
        except KeyboardInterrupt:
            print(f"Training interrupted after {len(history['epoch'])} complete epoch(s).", file=sys.stderr)
        finally:
            bar.close()
        return history

    def _cost_of(self, X, Y):
        zs, activations = self._feedforward(X)
        return self._cost.value(zs[-1], activations[-1], Y)

    def _cost_and_accuracy(self, X, Y):
        """Cost and fraction correct from one forward pass (for the per-epoch history)."""
        zs, activations = self._feedforward(X)
        correct = np.argmax(activations[-1], axis=1) == np.argmax(Y, axis=1)
        return self._cost.value(zs[-1], activations[-1], Y), float(np.mean(correct))

    # ----- saving --------------------------------------------------------------

    def copy(self):
        """An independent copy: nudging the copy leaves this network unchanged."""
        twin = Network.__new__(Network)
        twin.__dict__.update(self.__dict__)
        twin.weights = [W.copy() for W in self.weights]
        twin.biases = [b.copy() for b in self.biases]
        return twin

    def save(self, path):
        """Write sizes, options and every parameter to one .npz file."""
        arrays = {f"w{l}": W for l, W in enumerate(self.weights)}
        arrays.update({f"b{l}": b for l, b in enumerate(self.biases)})
        np.savez_compressed(path, sizes=np.array(self.sizes), activation=self.activation,
                            cost=self.cost_name, init=self.init, dtype=self.dtype.name, **arrays)

    @classmethod
    def load(cls, path):
        """Read a network written by `save`; a missing or damaged file is named in the error."""
        try:
            with np.load(path, allow_pickle=False) as f:
                net = cls([int(s) for s in f["sizes"]], activation=str(f["activation"]), cost=str(f["cost"]),
                          init=str(f["init"]), dtype=np.dtype(str(f["dtype"])))
                for l in range(len(net.weights)):
                    W, b = f[f"w{l}"], f[f"b{l}"]
                    if W.shape != net.weights[l].shape or b.shape != net.biases[l].shape:
                        raise ValueError(f"layer {l} has shape {W.shape}, expected {net.weights[l].shape}")
                    net.weights[l], net.biases[l] = W.astype(net.dtype), b.astype(net.dtype)
        except FileNotFoundError:
            raise
        except Exception as exc:
            raise ValueError(f"{path} is not a network saved by Network.save ({exc})") from exc
        return net
