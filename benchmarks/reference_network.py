"""A deliberately plain reference network: one example at a time, column vectors.

This is the yardstick `benchmarks/bench.py` times our `helpers.Network` against.
It follows the shape of the classic textbook implementation (Nielsen's
network.py, the book's chapter 1-2 code) but is written afresh here:

- every example is a column vector: an image is (784, 1), a target (10, 1);
- a mini-batch step loops over its examples in Python, runs backpropagation on
  each one separately and adds up the per-example gradients;
- sigmoid everywhere, weights and biases drawn from N(0, 1);
- the cost is the videos' C_x = sum_j (a_j - y_j)^2 for one example, so the
  output error is delta^L = 2 (a^L - y) * sigma'(z^L).

Layer numbers: `weights[l]` and `biases[l]` lead from `activations[l]` to
`activations[l + 1]`, with activations[0] the input, as in helpers/core/network.py.
(The book counts its first layer as 1 and writes w^l for what is weights[l - 2]
here; only the indexing differs.)

Nothing here is vectorised over the batch on purpose: that is exactly what the
benchmark measures. The book's code also allocates as it goes, and so does this one,
so that the yardstick costs what the book's does: every example's backpropagation
starts from fresh zero gradients, the running sums are rebuilt as new arrays after
each example, and a step builds new weight and bias lists rather than changing them
in place.
"""

import numpy as np


def sigmoid(z):
    """1 / (1 + e^(-z)), written the plain textbook way.

    No overflow guard, as in the textbook code: a guard (np.errstate) on every
    call would make the reference slower and flatter our ratio. e^(-z) only
    overflows for z < -709, which this benchmark's weighted inputs never reach.
    """
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1.0 - s)


class ReferenceNetwork:
    """A sigmoid network that learns one example at a time.

    weights[l]: (n_out, n_in), row j holds the weights into neuron j.
    biases[l]:  (n_out, 1), a column.
    """

    def __init__(self, sizes, seed=0):
        self.sizes = list(sizes)
        rng = np.random.default_rng(seed)
        self.weights, self.biases = [], []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):      # same draw order as helpers.Network
            self.weights.append(rng.standard_normal((n_out, n_in)))
            self.biases.append(rng.standard_normal((n_out, 1)))

    @classmethod
    def copy_of(cls, net):
        """A reference network with exactly the weights and biases of a helpers.Network."""
        twin = cls.__new__(cls)
        twin.sizes = list(net.sizes)
        twin.weights = [np.array(W, dtype=np.float64) for W in net.weights]
        twin.biases = [np.array(b, dtype=np.float64).reshape(-1, 1) for b in net.biases]
        return twin

    # ----- data in the shape this network wants -----------------------------

    @staticmethod
    def as_columns(X, y, n_out=10):
        """Rows of X (n, 784) and labels y (n,) -> a list of (x (784, 1), target (n_out, 1)) pairs."""
        pairs = []
        for image, label in zip(X, y):
            target = np.zeros((n_out, 1))
            target[int(label)] = 1.0
            pairs.append((image.reshape(-1, 1).astype(np.float64), target))
        return pairs

    # ----- forward and backward, one example --------------------------------

    def feedforward(self, a):
        """Output (n_out, 1) for one input column a (n_in, 1)."""
        for W, b in zip(self.weights, self.biases):
            a = sigmoid(W @ a + b)
        return a

    def backprop(self, x, y):
        """Gradient of C_x = sum_j (a_j - y_j)^2 for ONE example (x: (784, 1), y: (10, 1)).

        Returns (nabla_w, nabla_b), shaped like weights and biases (biases as columns).
        """
        # forward, remembering every weighted input z and every activation
        activation = x
        activations = [x]
        zs = []
        for W, b in zip(self.weights, self.biases):
            z = W @ activation + b
            zs.append(z)
            activation = sigmoid(z)
            activations.append(activation)

        nabla_w = [np.zeros(W.shape) for W in self.weights]
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        # output layer: dC/da = 2 (a - y), times sigma'(z)
        delta = 2.0 * (activations[-1] - y) * sigmoid_derivative(zs[-1])
        nabla_b[-1] = delta
        nabla_w[-1] = delta @ activations[-2].T
        # walk back one layer at a time; `back` counts layers from the output
        for back in range(2, len(self.sizes)):
            z = zs[-back]
            delta = (self.weights[-back + 1].T @ delta) * sigmoid_derivative(z)
            nabla_b[-back] = delta
            nabla_w[-back] = delta @ activations[-back - 1].T
        return nabla_w, nabla_b

    def summed_gradient(self, batch):
        """Sum over the (x, y) pairs of `batch` of each example's gradient (a sum, NOT a mean)."""
        total_w = [np.zeros(W.shape) for W in self.weights]
        total_b = [np.zeros(b.shape) for b in self.biases]
        for x, y in batch:
            one_w, one_b = self.backprop(x, y)
            total_w = [total + one for total, one in zip(total_w, one_w)]
            total_b = [total + one for total, one in zip(total_b, one_b)]
        return total_w, total_b

    # ----- learning ---------------------------------------------------------

    def step(self, batch, learning_rate):
        """One gradient-descent step on the mean cost of `batch`."""
        total_w, total_b = self.summed_gradient(batch)
        scale = learning_rate / len(batch)
        self.weights = [W - scale * total for W, total in zip(self.weights, total_w)]
        self.biases = [b - scale * total for b, total in zip(self.biases, total_b)]

    def sgd_epoch(self, pairs, batch_size, learning_rate, seed=0):
        """One pass of mini-batch SGD over `pairs` in an order shuffled from `seed`."""
        order = np.random.default_rng(seed).permutation(len(pairs))
        for first in range(0, len(pairs), batch_size):
            self.step([pairs[i] for i in order[first:first + batch_size]], learning_rate)

    def accuracy(self, pairs):
        """Fraction of pairs whose brightest output neuron is the target's."""
        hits = sum(int(np.argmax(self.feedforward(x)) == np.argmax(y)) for x, y in pairs)
        return hits / len(pairs)
