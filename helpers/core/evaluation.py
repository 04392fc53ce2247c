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

Every function checks what it is given (helpers/core/checks.py): labels outside 0-9, unequal
lengths or a threshold outside [0, 1] get one sentence naming them, never a dropped or
wrapped-around example.
"""

import numbers

import numpy as np

from . import checks
from .languages import _, tr

__all__ = ["confusion_counts", "per_digit_accuracy", "hidden_means", "ablated_outputs", "ablation_accuracy",
           "single_neuron_drops", "random_ablation_curve", "answered", "coverage_and_accuracy", "abstain_curve"]


def confusion_counts(labels, predictions, n=10):
    """counts[i, j] = how many examples with true label i the network called j (rows: truth).

    Each row sums to the number of examples with that label; the diagonal holds the
    right answers, so trace / total is the accuracy. labels and predictions: whole numbers
    0..n-1, as many of one as of the other.
    """
    n = checks.check_whole_number("n", n, 1, 1000)
    labels = checks.check_labels("labels", labels, n)
    predictions = checks.check_labels("predictions", predictions, n, len(labels), "labels")
    counts = np.zeros((n, n), dtype=int)
    np.add.at(counts, (labels, predictions), 1)
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
    checks.check_network(net)
    _, activations = net.feedforward(X)
    return [a.mean(axis=0) for a in activations[1:-1]]


def _as_pairs(off):
    """(layer, neuron) pairs from a list of pairs or a {layer: [neurons]} dict (None: no neuron)."""
    if off is None:
        return []
    if isinstance(off, dict):
        pairs = []
        for layer, neurons in off.items():
            if isinstance(neurons, (str, bytes, numbers.Number)) or not np.iterable(neurons):
                raise TypeError(tr("off as a dict maps each layer to a list of its neurons, such as {{1: [0, 5]}}; got "
                                   "{value}", value=checks.describe(off)))
            pairs += [(layer, j) for j in neurons]
    else:
        if isinstance(off, (str, bytes)) or not np.iterable(off) or any(
                isinstance(pair, (str, bytes)) or not np.iterable(pair) or len(pair) != 2 for pair in off):
            raise TypeError(tr("off must be a list of (layer, neuron) pairs such as [(1, 3)], or a dict "
                               "{{layer: [neurons]}}; got {value}", value=checks.describe(off)))
        pairs = list(off)
    return [(checks.check_whole_number("layer", layer), checks.check_whole_number("neuron", j)) for layer, j in pairs]


def _fill(net, fill):
    """None (zero ablation), or one finite array per hidden layer of that layer's width (mean ablation)."""
    if fill is None:
        return None
    widths = net.sizes[1:-1]
    try:
        shapes = [np.shape(f) for f in fill]
    except (TypeError, ValueError):
        shapes = None
    if shapes != [(w,) for w in widths]:
        raise ValueError(tr("fill must be one array per hidden layer, of shapes {expected} (as hidden_means returns "
                            "them); got {got}", expected=[(w,) for w in widths],
                            got=shapes if shapes is not None else checks.describe(fill)))
    if not all(np.all(np.isfinite(np.asarray(f, dtype=float))) for f in fill):
        raise ValueError(_("fill contains NaN or infinite values; the replacement activations must be finite numbers"))
    return fill


def _first_hidden(net, X, first_hidden):
    """The layer-1 activations given for X: an (n, width of layer 1) array, n the number of images in X."""
    width = net.sizes[1]
    n = np.shape(X)[0] if np.ndim(X) == 2 else None
    shape = np.shape(first_hidden)
    if len(shape) != 2 or shape[1] != width or (n is not None and shape[0] != n):
        raise ValueError(tr("first_hidden must be the layer-1 activations of X, shape ({n}, {width}); got shape "
                            "{shape}", n=n if n is not None else "n", width=width, shape=shape))
    return first_hidden


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
    checks.check_network(net)
    pairs = _as_pairs(off)
    n_hidden = len(net.weights) - 1
    for layer, j in pairs:
        if not 1 <= layer <= n_hidden or not 0 <= j < net.sizes[layer]:
            raise ValueError(tr("there is no hidden neuron {j} in layer {layer}: hidden layers are 1..{n_hidden}, "
                                "of widths {widths}", j=j, layer=layer, n_hidden=n_hidden, widths=net.sizes[1:-1]))
    fill = _fill(net, fill)
    if first_hidden is None:
        first_hidden = net.feedforward(X)[1][1]
    else:
        _first_hidden(net, X, first_hidden)
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
    """(overall accuracy, per-digit accuracy (10,)) with the neurons in `off` switched off (see ablated_outputs).

    labels: one digit per image of X.
    """
    predictions = np.argmax(ablated_outputs(net, X, off, fill, first_hidden), axis=1)
    labels = checks.check_labels("labels", labels, net.sizes[-1], len(predictions), "X")
    return float(np.mean(predictions == labels)), per_digit_accuracy(labels, predictions, net.sizes[-1])


def single_neuron_drops(net, X, labels, fill=None, first_hidden=None):
    """Switch off one hidden neuron at a time: [(drop in accuracy, layer, neuron)], largest drop first.

    drop = plain accuracy - accuracy without that neuron (negative: the net did better without it).
    Ties keep the order layer 1 before layer 2, lower index first.
    """
    checks.check_network(net)
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
    counts: whole numbers from 0 to the number of hidden neurons; seeds: a list of whole numbers >= 0.
    """
    checks.check_network(net)
    everyone = [(layer, j) for layer in range(1, len(net.weights)) for j in range(net.sizes[layer])]
    counts = _whole_numbers("counts", counts, 0, len(everyone), "[0, 4, 8]")
    seeds = _whole_numbers("seeds", seeds, 0, None, "range(5)")
    if first_hidden is None:
        first_hidden = net.feedforward(X)[1][1]
    curves = np.zeros((len(seeds), len(counts)))
    for s, seed in enumerate(seeds):
        order = np.random.default_rng(seed).permutation(len(everyone))
        for c, k in enumerate(counts):
            off = [everyone[i] for i in order[:k]]
            curves[s, c] = ablation_accuracy(net, X, labels, off, fill, first_hidden)[0]
    return curves


def _whole_numbers(name, values, low, high, example):
    """A list (or range, or 1-D array) of at least one whole number in [low, high]: each checked, kept as given."""
    if values is None or isinstance(values, (str, bytes, dict, numbers.Number, np.generic)) \
            or not np.iterable(values) or np.ndim(values) != 1 or len(values) == 0:
        raise TypeError(tr("{name} must be a list of whole numbers such as {example}; got {value}", name=name,
                           example=example, value=checks.describe(values)))
    for i, value in enumerate(values):
        checks.check_whole_number(f"{name}[{i}]", value, low, high)
    return values


# ----- abstaining: "I don't know" ----------------------------------------------------------


def _outputs(outputs):
    """Output activations: a finite (n, k) array (or one example's (k,)), as a NumPy array."""
    if outputs is None or isinstance(outputs, (str, bytes)):
        raise TypeError(tr("outputs must be the network's output activations, shape (n, 10); got {kind}",
                           kind=type(outputs).__name__))
    try:
        array = np.asarray(outputs)
    except ValueError:
        raise ValueError(_("outputs must be the network's output activations, shape (n, 10), all rows the same "
                           "length; got rows of different lengths")) from None
    if array.dtype == object or array.dtype.kind not in "biuf":
        raise TypeError(tr("outputs must hold numbers; got {value}", value=checks.describe(outputs)))
    if array.ndim not in (1, 2) or array.shape[-1] == 0 or (array.ndim == 2 and array.shape[0] == 0):
        raise ValueError(tr("outputs must be the network's output activations, shape (n, 10); got shape {shape}",
                            shape=array.shape))
    if not np.all(np.isfinite(array)):
        raise ValueError(_("outputs contains NaN or infinite values; output activations are finite numbers"))
    return array


def _tau(tau, name="tau"):
    """A threshold on outputs in [0, 1]: a finite number >= 0. Above 1 nothing is answered (a test asks that
    on purpose); from 2 on it is a percentage by mistake (90 for 0.9), and is refused."""
    checks.check_number(name, tau, 0)
    if tau >= 2:
        raise ValueError(tr("{name} must be a number between 0 and 1, a threshold on outputs that lie in [0, 1] (90 % "
                            "is 0.9); got {value}", name=name, value=checks.describe(tau)))
    return tau

def answered(outputs, tau):
    """True for the examples whose top output reaches tau (>= tau): those the rule answers.

    tau = 0 answers everything (sigmoid outputs are never negative); a higher tau answers fewer.
    outputs: (n, 10) (or one example's (10,)); 0 <= tau <= 1 (above 1: nothing; 2 or more is refused).
    """
    tau = _tau(tau)
    return np.max(_outputs(outputs), axis=-1) >= tau


def coverage_and_accuracy(outputs, labels, tau):
    """(coverage, accuracy on the answered): the fraction answered, and the fraction right among them.

    Accuracy is NaN when nothing is answered (there is nothing to be right about).
    outputs: (n, 10); labels: n digits; 0 <= tau <= 1 (above 1: nothing answered; 2 or more is refused).
    """
    tau = _tau(tau)
    outputs, labels = _outputs_and_labels(outputs, labels)
    return _coverage_and_accuracy(outputs, labels, tau)


def _outputs_and_labels(outputs, labels):
    outputs = _outputs(outputs)
    if outputs.ndim != 2:
        raise ValueError(tr("outputs must be the network's output activations, shape (n, 10); got shape {shape}",
                            shape=outputs.shape))
    return outputs, checks.check_labels("labels", labels, outputs.shape[1], len(outputs), "outputs")


def _coverage_and_accuracy(outputs, labels, tau):
    """coverage_and_accuracy on checked arrays."""
    mask = np.max(outputs, axis=-1) >= tau
    coverage = float(np.mean(mask))
    if not mask.any():
        return coverage, float("nan")
    right = np.argmax(outputs[mask], axis=1) == labels[mask]
    return coverage, float(np.mean(right))


def abstain_curve(outputs, labels, taus):
    """coverage_and_accuracy for every tau in `taus`: two arrays (coverage, accuracy), each (len(taus),)."""
    checks.check_numbers("taus", taus, 0, example="np.linspace(0, 1, 101)")
    for i, tau in enumerate(taus):
        _tau(tau, f"taus[{i}]")
    outputs, labels = _outputs_and_labels(outputs, labels)
    pairs = np.array([_coverage_and_accuracy(outputs, labels, tau) for tau in taus]).reshape(-1, 2)
    return pairs[:, 0], pairs[:, 1]
