"""Lesson 02's numbers about the real network's cost: example by example, weight by weight (NumPy only).

- `one_hot`, `example_costs`: the cost of each example on its own, C_x = sum_j (a_j - y_j)^2;
  the cost of the network is their average.
- `explorer_batch`: the 100 training digits the lesson takes the gradient on.
- `rank_weights`: every weight ranked by |dC/dw|, largest first.
- `CostProbe`: one network and one batch, with the cost, the gradient, the ranking,
  and the measured change of the cost when one weight is nudged by Δ, to set beside
  the linear prediction dC/dw · Δ.

Layers in a ranking are counted as in the videos: layer 1 holds the weights into
the first hidden layer, which the code keeps in `weights[0]`.
"""

import numpy as np

from .data import load_digits

__all__ = ["one_hot", "example_costs", "explorer_batch", "rank_weights", "CostProbe"]


def one_hot(labels, n=10):
    """Labels (n_examples,) -> targets (n_examples, n): 1 at the right digit, 0 elsewhere."""
    labels = np.asarray(labels, dtype=int)
    targets = np.zeros((labels.size, n))
    targets[np.arange(labels.size), labels] = 1.0
    return targets


def example_costs(net, X, y):
    """The cost of every example on its own: sum_j (a_j - y_j)^2, shape (n_examples,).

    This is the videos' cost; their mean is `net.cost(X, y)` for a Network with the
    default cost="quadratic".
    """
    return np.sum((net.forward(X) - one_hot(y)) ** 2, axis=1)


def explorer_batch(size=100, seed=0):
    """`size` training digits drawn without replacement with `seed`: (X (size, 784), y (size,))."""
    (X, y), _ = load_digits()
    index = np.random.default_rng(seed).choice(len(X), size, replace=False)
    return X[index], y[index]


def rank_weights(nabla_w):
    """Every weight of the network ranked by |dC/dw|, largest first.

    `nabla_w` is a list of arrays shaped like `net.weights` (one (n_out, n_in) array
    per layer). Returns a list of (layer, j, k, dC/dw) with `layer` counted as in the
    videos (layer 1 = `weights[0]`). Ties are broken by position, so the ranking is the
    same on every run.
    """
    entries = []
    for l, g in enumerate(nabla_w):
        j, k = np.unravel_index(np.arange(g.size), g.shape)
        entries.append(np.stack([np.full(g.size, l + 1), j, k], axis=1))
    where = np.concatenate(entries)
    values = np.concatenate([g.ravel() for g in nabla_w])
    order = np.argsort(-np.abs(values), kind="stable")
    return [(int(where[i, 0]), int(where[i, 1]), int(where[i, 2]), float(values[i])) for i in order]


class CostProbe:
    """The cost of `net` on one batch, its gradient, and what nudging one weight does to it.

        probe = CostProbe(net, X, y)
        probe.cost                    C on the batch
        probe.nabla_w, probe.nabla_b  dC/dW and dC/db per layer (shaped like net.weights, net.biases)
        probe.ranking                 rank_weights(probe.nabla_w)
        probe.n_nonzero               how many weights have dC/dw != 0 here
        probe.cost_change(entry, Δ)   C(w + Δ) - C(w) for one weight, measured

    The network is never changed.
    """

    def __init__(self, net, X, y):
        self.net = net
        self.X, self.Y = net.check_batch(X, y)
        self.cost, (self.nabla_w, self.nabla_b) = net.cost_and_gradient(self.X, self.Y)
        # Kept so that a nudge restarts the forward pass at the nudged layer.
        self._zs, self._activations = net.feedforward(self.X)
        self.ranking = rank_weights(self.nabla_w)
        self.n_nonzero = sum(1 for entry in self.ranking if entry[3] != 0.0)

    def rank_closest_to(self, fraction):
        """The rank (1 = top) of the weight whose |dC/dw| is closest to `fraction` × the top one, rank 1 excluded.

        `fraction=1/32` echoes V3's derivatives 3.2 and 0.1: one weight that matters 32 times as much.
        """
        target = abs(self.ranking[0][3]) * fraction
        sizes = np.abs([entry[3] for entry in self.ranking[1:self.n_nonzero]])
        return 2 + int(np.argmin(np.abs(sizes - target)))

    def cost_change(self, entry, delta):
        """ΔC = C(w + Δ) - C(w) for the weight `entry` = (layer, j, k, ...) (layer counted from 1).

        Nudging w_jk of a layer by Δ adds Δ·a_k (the input it multiplies) to z_j of
        that layer and to nothing before it, so the forward pass restarts from the
        stored weighted inputs of that layer: the same numbers as a full forward pass,
        a few times faster.
        """
        layer, j, k = entry[:3]
        net = self.net
        z = self._zs[layer - 1].copy()
        z[:, j] += delta * self._activations[layer - 1][:, k]
        a = net.layer_function(layer - 1)[0](z)
        for l in range(layer, len(net.weights)):
            z = a @ net.weights[l].T + net.biases[l]
            a = net.layer_function(l)[0](z)
        return net.output_cost(z, a, self.Y) - self.cost
