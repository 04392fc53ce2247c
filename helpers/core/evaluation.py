"""How well a trained network does, counted: the numbers behind lessons 02 and 06.

- `confusion_counts`, `per_digit_accuracy`: which digits it gets right and what it
  calls the others.
- Ablation (lesson 06, section 2): switch hidden neurons off, i.e. replace their
  activation by 0 or by its mean over the training set, and measure again.
  `ablated_outputs`, `ablation_accuracy`, `single_neuron_drops`, `random_ablation_curve`.
- Abstaining (section 3): answer only when the top output reaches a threshold tau.
  `answered`, `coverage_and_accuracy`, `abstain_curve`.

Shapes: X is (n, 784), one image per row; labels are (n,) ints; outputs (n, 10).
A hidden neuron is named (layer, index) with layers counted as in the videos: the
first hidden layer is a^(1) (layer 1), the second a^(2) (layer 2).
"""

import numpy as np

from .languages import tr

__all__ = ["confusion_counts", "per_digit_accuracy", "hidden_means", "ablated_outputs", "ablation_accuracy",
           "single_neuron_drops", "random_ablation_curve", "answered", "coverage_and_accuracy", "abstain_curve"]


def confusion_counts(labels, predictions, n=10):
    """counts[i, j] = how many examples with true label i the network called j (rows: truth).

    Each row sums to the number of examples with that label; the diagonal holds the
    right answers, so trace / total is the accuracy.
    """
    counts = np.zeros((n, n), dtype=int)
    np.add.at(counts, (np.asarray(labels, dtype=int), np.asarray(predictions, dtype=int)), 1)
    return counts


def per_digit_accuracy(labels, predictions, n=10):
    """Fraction right among the examples of each label: diag(counts) / row sums, shape (n,)
    (NaN for an absent label)."""
    counts = confusion_counts(labels, predictions, n)
    totals = counts.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(totals > 0, np.diag(counts) / np.maximum(totals, 1), np.nan)


# ----- ablation: switching hidden neurons off -------------------------------------------

def hidden_means(net, X):
    """Mean activation of every hidden neuron over the images X: a list, one (width,) array per hidden layer.

    Mean ablation puts these in place of a switched-off neuron: the layers after it then
    still get the input they are used to on average, and only the neuron's *information* is gone.
    """
    _, activations = net.feedforward(X)
    return [a.mean(axis=0) for a in activations[1:-1]]


def _as_pairs(off):
    """(layer, neuron) pairs from a list of pairs or a {layer: [neurons]} dict."""
    if isinstance(off, dict):
        return [(int(layer), int(j)) for layer, neurons in off.items() for j in neurons]
    return [(int(layer), int(j)) for layer, j in off]


def ablated_outputs(net, X, off=(), fill=None, first_hidden=None):
    """Output activations (n, 10) with the hidden neurons in `off` switched off.

    off: (layer, neuron) pairs, or {layer: [neurons]}; layer 1 is the first hidden layer.
    fill: None = replace by 0 ("zero ablation"); else a list like `hidden_means(...)`,
        one array of replacement values per hidden layer ("mean ablation").
    first_hidden: the layer-1 activations of X (n, width), if already computed: a
        slider then needs only the small layers after it (a few ms for 2,000 images).
    Each layer is computed as usual, a^(l) = f(W a^(l-1) + b), and then the chosen
    entries of a^(l) are overwritten before the next layer reads it.
    """
    pairs = _as_pairs(off)
    n_hidden = len(net.weights) - 1
    for layer, j in pairs:
        if not 1 <= layer <= n_hidden or not 0 <= j < net.sizes[layer]:
            raise ValueError(tr("there is no hidden neuron {j} in layer {layer}: hidden layers are 1..{n_hidden}, "
                                "of widths {widths}", j=j, layer=layer, n_hidden=n_hidden, widths=net.sizes[1:-1]))
    if first_hidden is None:
        first_hidden = net.feedforward(X)[1][1]
    a = np.array(first_hidden, dtype=float)             # a copy: the caller's array stays as it was
    for l in range(1, len(net.weights) + 1):           # a is a^(l) here
        if l <= n_hidden:
            neurons = [j for layer, j in pairs if layer == l]
            if neurons:
                a[:, neurons] = 0.0 if fill is None else np.asarray(fill[l - 1])[neurons]
        if l == len(net.weights):
            return a
        z = a @ net.weights[l].T + net.biases[l]
        a = net.layer_function(l)[0](z)
    return a


def ablation_accuracy(net, X, labels, off=(), fill=None, first_hidden=None):
    """(overall accuracy, per-digit accuracy (10,)) with the neurons in `off` switched off (see ablated_outputs)."""
    predictions = np.argmax(ablated_outputs(net, X, off, fill, first_hidden), axis=1)
    labels = np.asarray(labels)
    return float(np.mean(predictions == labels)), per_digit_accuracy(labels, predictions, net.sizes[-1])


def single_neuron_drops(net, X, labels, fill=None, first_hidden=None):
    """Switch off one hidden neuron at a time: [(drop in accuracy, layer, neuron)], largest drop first.

    drop = plain accuracy - accuracy without that neuron (negative: the net did better without it).
    Ties keep the order layer 1 before layer 2, lower index first.
    """
    if first_hidden is None:
        first_hidden = net.feedforward(X)[1][1]
    plain = ablation_accuracy(net, X, labels, (), fill, first_hidden)[0]
    drops = [(plain - ablation_accuracy(net, X, labels, [(layer, j)], fill, first_hidden)[0], layer, j)
             for layer in range(1, len(net.weights)) for j in range(net.sizes[layer])]
    order = sorted(range(len(drops)), key=lambda i: (-drops[i][0], i))
    return [drops[i] for i in order]


def random_ablation_curve(net, X, labels, counts, seeds=(0, 1, 2, 3, 4), fill=None, first_hidden=None):
    """Accuracy with k hidden neurons switched off at random, for each k in `counts` and each seed.

    For one seed the neurons are switched off in one random order, so the k+1 switched off
    include the k before (a curve per seed, as if the damage grew). Returns (len(seeds), len(counts)).
    """
    if first_hidden is None:
        first_hidden = net.feedforward(X)[1][1]
    everyone = [(layer, j) for layer in range(1, len(net.weights)) for j in range(net.sizes[layer])]
    curves = np.zeros((len(seeds), len(counts)))
    for s, seed in enumerate(seeds):
        order = np.random.default_rng(seed).permutation(len(everyone))
        for c, k in enumerate(counts):
            off = [everyone[i] for i in order[:k]]
            curves[s, c] = ablation_accuracy(net, X, labels, off, fill, first_hidden)[0]
    return curves


# ----- abstaining: "I don't know" ----------------------------------------------------------

def answered(outputs, tau):
    """True for the examples whose top output reaches tau (>= tau): those the rule answers.

    tau = 0 answers everything (sigmoid outputs are never negative); a higher tau answers fewer.
    """
    return np.max(np.asarray(outputs), axis=-1) >= tau


def coverage_and_accuracy(outputs, labels, tau):
    """(coverage, accuracy on the answered): the fraction answered, and the fraction right among them.

    Accuracy is NaN when nothing is answered (there is nothing to be right about).
    """
    outputs = np.asarray(outputs)
    mask = answered(outputs, tau)
    coverage = float(np.mean(mask))
    if not mask.any():
        return coverage, float("nan")
    right = np.argmax(outputs[mask], axis=1) == np.asarray(labels)[mask]
    return coverage, float(np.mean(right))


def abstain_curve(outputs, labels, taus):
    """coverage_and_accuracy for every tau in `taus`: two arrays (coverage, accuracy), each (len(taus),)."""
    pairs = np.array([coverage_and_accuracy(outputs, labels, tau) for tau in taus]).reshape(-1, 2)
    return pairs[:, 0], pairs[:, 1]
