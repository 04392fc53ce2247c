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

This file is the math only: training (mini-batch SGD) is helpers/core/training.py,
saving and loading helpers/core/saving.py.
"""

import copy

import numpy as np

from . import checks, saving, training
from .activations import ACTIVATIONS, sigmoid, sigmoid_prime
from .costs import COSTS
from .languages import tr

INITS = ("normal", "scaled")


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
        self.cost_function = COSTS[cost]()

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
        return sum(p.size for p in self.parameters())

    def parameters(self):
        """Every array training changes, weights first: [W_0, ..., W_last, b_0, ..., b_last]."""
        return self.weights + self.biases

    def layer_function(self, l):
        """(f, f_prime) of the layer that weights[l] leads into; f_prime(z, a) reuses a = f(z).

        The one place that decides it: the output layer is always sigmoid (its
        activations are read as ten brightnesses in [0, 1]); hidden layers use `activation`.
        """
        if l == len(self.weights) - 1:
            return sigmoid, sigmoid_prime
        return ACTIVATIONS[self.activation]

    def check_batch(self, X, y):
        """(X, Y) as the network computes with them: X (n, n_in), Y one-hot (n, n_out), both `dtype`.

        Accepts labels or one-hot rows, and one image (n_in,) with one label or one one-hot row.
        Every mistake is named in one sentence (helpers/core/checks.py).
        """
        X, _single = checks.check_images(X, self.sizes[0], self.dtype)
        if X.shape[0] == 0:
            raise ValueError(tr("X holds no examples; a cost or gradient needs at least one row of {n}",
                                n=self.sizes[0]))
        return X, checks.check_targets(y, X.shape[0], self.sizes[-1], self.dtype)

    # ----- forward -------------------------------------------------------------

    def feedforward(self, X, check=True):
        """Every layer at once: (zs, activations) for a batch X of shape (n, n_in) (or one (n_in,) image).

        zs[l] = activations[l] @ weights[l].T + biases[l] is the weighted input of
        the layer after activations[l], and activations[l + 1] = f(zs[l]); each is
        (n, width), and activations[0] is X itself (one image becomes a batch of one).
        check=False skips the input check, for an X that check_batch already returned.
        """
        if check:
            X, _single = checks.check_images(X, self.sizes[0], self.dtype)
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
        output = self.feedforward(X, check=False)[1][-1]
        return output[0] if single else output

    def predict(self, X):
        """The network's answer: the index of the brightest output neuron, per example."""
        return np.argmax(self.forward(X), axis=-1)

    def accuracy(self, X, y):
        """Fraction of examples whose prediction equals the label (y: labels or one-hot)."""
        return self.evaluate(*self.check_batch(X, y))[1]

    def cost(self, X, y):
        """The cost C averaged over the examples (see helpers/core/costs.py for each formula)."""
        return self.evaluate(*self.check_batch(X, y))[0]

    def evaluate(self, X, Y):
        """(cost, fraction correct) of a checked batch, from one forward pass."""
        zs, activations = self.feedforward(X, check=False)
        correct = np.argmax(activations[-1], axis=1) == np.argmax(Y, axis=1)
        return self.output_cost(zs[-1], activations[-1], Y), float(np.mean(correct))

    def output_cost(self, z_out, a_out, Y):
        """The cost from an output layer already computed: z^L and a^L (n, n_out), Y one-hot."""
        return self.cost_function.value(z_out, a_out, Y)

    def output_delta(self, z_out, a_out, Y):
        """BP1 for each example (one per row, not yet averaged): delta^L = dC_x/da^L (.) sigma'(z^L)."""
        sigma_prime = self.layer_function(len(self.weights) - 1)[1](z_out, a_out)
        return self.cost_function.output_delta(z_out, a_out, Y, sigma_prime)

    # ----- backward ------------------------------------------------------------

    def backprop(self, X, Y):
        """The cost of a checked batch and its gradient by the four equations of backpropagation (Nielsen ch. 2).

        X (n, n_in) and one-hot Y (n, n_out) as check_batch returns them. Returns
        (cost, gradients), gradients = nabla_w + nabla_b in the order of parameters().
        delta has one row per example, shape (n, width of the layer weights[l] leads into).
          BP1  delta^L = dC/da^L (.) sigma'(z^L)                     (the cost's output_delta)
          BP2  delta^l = (delta^(l+1) @ W^(l+1)) (.) sigma'(z^l)   i.e. (W^T delta) per example
          BP3  dC/db^l = delta^l, averaged over the batch
          BP4  dC/dw^l_jk = a^(l-1)_k delta^l_j, averaged: one matrix product delta.T @ A
        """
        zs, activations = self.feedforward(X, check=False)
        nabla_w = [None] * len(self.weights)
        nabla_b = [None] * len(self.biases)

        delta = self.output_delta(zs[-1], activations[-1], Y)   # BP1
        delta *= 1.0 / X.shape[0]                            # the mean over the batch
        for l in reversed(range(len(self.weights))):
            nabla_b[l] = delta.sum(axis=0)                   # BP3
            nabla_w[l] = delta.T @ activations[l]            # BP4
            if l > 0:
                delta = delta @ self.weights[l]              # BP2: (W^T delta) per row,
                delta *= self.layer_function(l - 1)[1](zs[l - 1], activations[l])   # then (.) sigma'(z)
        return self.output_cost(zs[-1], activations[-1], Y), nabla_w + nabla_b

    def cost_and_gradient(self, X, y):
        """(C, (nabla_w, nabla_b)) of `cost(X, y)`, from one forward and one backward pass."""
        cost, gradients = self.backprop(*self.check_batch(X, y))
        layers = len(self.weights)
        return cost, (gradients[:layers], gradients[layers:])

    def gradient(self, X, y):
        """Gradient of `cost(X, y)` by backpropagation: (nabla_w, nabla_b), shaped like weights and biases."""
        return self.cost_and_gradient(X, y)[1]

    # ----- learning, copying, saving -------------------------------------------

    def train(self, X, y, epochs=30, batch_size=10, learning_rate=1.5, weight_decay=0.0,
              test=None, seed=0, progress=True, evaluate=True):
        """Mini-batch stochastic gradient descent (helpers/core/training.py); returns its History.

        Each epoch shuffles the examples (from `seed`), splits them into batches of
        `batch_size` and steps every parameter against that batch's gradient:
            w <- w - learning_rate * (dC/dw + weight_decay * w)
        The default learning rate 1.5 with the videos' cost equals Nielsen's 3.0
        with his half cost: the gradients differ by exactly a factor of two.
        History: lists "epoch", "train_cost", "train_accuracy", "test_accuracy" (None
        without a test set), "seconds"; `interrupted` after the stop button.
        """
        return training.train(self, X, y, epochs, batch_size, learning_rate, weight_decay, test, seed, progress,
                              evaluate)

    def step(self, X, y, learning_rate=1.5, weight_decay=0.0):
        """One gradient-descent step on this one batch: w <- w - learning_rate * (dC/dw + weight_decay * w)."""
        training.SGD(self, X, y, learning_rate, batch_size=len(np.atleast_2d(X)), weight_decay=weight_decay).step()

    def copy(self):
        """An independent copy that shares nothing: nudging the copy leaves this network unchanged."""
        return copy.deepcopy(self)

    def save(self, path):
        """Write sizes, options and every parameter to one .npz file (helpers/core/saving.py); returns its path."""
        return saving.save_network(self, path)

    @classmethod
    def load(cls, path):
        """Read a network written by `save` (same name, ".npz" optional); a damaged file is named in the error."""
        return saving.load_network(cls, path)
