"""Probes: questions put to a trained network, answered with numbers (lesson 05).

- `input_gradient`: d a_digit / d x, backpropagation carried one step past the
  first layer, to the pixels; `dream` climbs it (gradient ascent on the input).
- `noise_images`, `average_digits`, `cosine_similarity`: what the dreams and
  the noise answers are compared with.
- `roughness`: how much a 28x28 weight picture looks like noise.
- `weighted_input_spread`: how large the weighted inputs z of each layer are;
  `error_sizes`: how large the backpropagated error delta is in each layer;
  `backward_factors`: what each step back (BP2) multiplies that size by, split
  into its two parts (the weights W^T, then the slopes f'(z)).
- `preparation_damage`: accuracy on test digits moved off-centre or thinned.

Shapes: images are rows of 784 pixels in [0, 1] (axis 0 is the batch) or one
(784,) vector. NumPy only: no plotting, no widgets.
"""

import numpy as np

from ..core.languages import N_, _, pad
from .images import SIDE, mnist_preprocess, shift_images, thin_strokes

__all__ = ["input_gradient", "dream", "cosine_similarity", "noise_images", "average_digits", "roughness",
           "weighted_input_spread", "error_sizes", "backward_factors", "preparation_damage", "damage_table",
           "MOVED_WORDS"]

# preparation_damage's directions, as a table and a legend call them (show with _(MOVED_WORDS[direction]))
MOVED_WORDS = {"down": N_("moved down"), "up": N_("moved up"), "right": N_("moved right"), "left": N_("moved left")}


def input_gradient(net, X, digit):
    """d a_digit / d x: how output neuron `digit` changes with each input pixel.

    Backpropagation, but started from one output activation instead of the cost
    and carried one step further, to the input (the videos' numbering: W^(1)
    leads from the input a^(0) to the first hidden layer, net.weights[0]):
        delta^(L) = e_digit (.) sigma'(z^(L))               (only neuron `digit`)
        delta^(l) = (W^(l+1)^T delta^(l+1)) (.) f'(z^(l))    (BP2, f = the hidden activation)
        da/dx     = W^(1)^T delta^(1)                        (the input has no activation)
    X: (n, 784) -> (n, 784); a single (784,) image -> (784,). In code, with one
    example per row, W^T delta is written delta @ W.
    """
    single = np.ndim(X) == 1
    zs, activations = net.feedforward(X)
    last = len(net.weights) - 1
    delta = np.zeros_like(activations[-1])
    delta[:, digit] = net.layer_function(last)[1](zs[last][:, digit], activations[-1][:, digit])
    for l in reversed(range(1, len(net.weights))):
        delta = (delta @ net.weights[l]) * net.layer_function(l - 1)[1](zs[l - 1], activations[l])
    grad = delta @ net.weights[0]
    return grad[0] if single else grad


def dream(net, digit, steps=20, step_size=0.05, start=None):
    """Gradient ascent on the INPUT: change the pixels to make output `digit` as bright as possible.

    Each step moves every pixel by step_size in the direction that raises a_digit,
    then clips it back into [0, 1] (a pixel must stay a grey value):
        x <- clip(x + step_size * sign(d a_digit / d x), 0, 1)
    Using only the sign is the steepest way up when no pixel may move by more
    than step_size per step (the same step as Goodfellow et al.'s 2015 "fast
    gradient sign" adversarial examples); it treats faint and strong pixels alike,
    so the picture shows every pixel the network cares about.
    Starts from `start` (default: black). Returns (image (784,), a_digit after every step).
    """
    x = np.zeros(SIDE * SIDE) if start is None else np.clip(np.asarray(start, dtype=float), 0, 1).copy()
    trace = []
    for _step in range(steps):
        x = np.clip(x + step_size * np.sign(input_gradient(net, x, digit)), 0.0, 1.0)
        trace.append(float(net.forward(x)[digit]))
    return x, np.array(trace)


def cosine_similarity(a, b):
    """a . b / (|a| |b|): 1 when two images are the same up to brightness, 0 when they share no lit pixel."""
    a, b = np.ravel(a).astype(float), np.ravel(b).astype(float)
    norms = np.linalg.norm(a) * np.linalg.norm(b)
    return float(a @ b / norms) if norms > 0 else 0.0


def noise_images(n, seed=0):
    """n images of uniform random noise: every pixel an independent draw from [0, 1]."""
    return np.random.default_rng(seed).random((n, SIDE * SIDE))


def average_digits(X, y):
    """The mean image of each digit 0-9: (10, 784)."""
    return np.array([X[y == d].mean(axis=0) for d in range(10)])


def roughness(weights):
    """How much a weight picture looks like noise: 1 = as rough as pure noise, 0 = smooth.

    For each 28x28 picture W: the mean squared difference between neighbouring
    weights (left-right and up-down) divided by twice the weights' variance. For
    independent random weights both are the same, so the ratio is about 1; for a
    smooth picture neighbours agree and it falls towards 0. Returns the mean over
    the pictures (rows of `weights`, (n, 784) or (784,)).
    """
    pictures = np.asarray(weights, dtype=float).reshape(-1, SIDE, SIDE)
    neighbours = (np.mean(np.diff(pictures, axis=1) ** 2, axis=(1, 2)) +
                  np.mean(np.diff(pictures, axis=2) ** 2, axis=(1, 2))) / 2
    variance = pictures.var(axis=(1, 2))
    return float(np.mean(neighbours / (2 * np.where(variance > 0, variance, 1.0))))


def weighted_input_spread(net, X):
    """Standard deviation of the weighted inputs z of every layer over the images X: one number per layer.

    Sigmoids saturate when |z| is much above 4; ReLUs pass large z straight on to the next layer.
    """
    zs, _ = net.feedforward(X)
    return [float(np.std(z)) for z in zs]


def error_sizes(net, X, y):
    """How large the backpropagated error delta^(l) is in each layer: one number per layer, input side first.

    For every example separately, backpropagation gives delta^(l) = dC/dz^(l) (the
    gradient for the biases of layer l, BP3); we return the root mean square over
    the examples and the layer's neurons. From one layer back to the one before,
    BP2 multiplies delta by the weights and by f'(z), so the ratio of neighbouring
    sizes shows the per-layer factor |w f'(z)|: below 1 the early layers' gradients
    vanish, above 1 they explode (Nielsen ch. 5).
    """
    squares = np.zeros(len(net.weights))
    for x, label in zip(X, y):
        _, nabla_b = net.gradient(x, label)
        squares += [np.mean(np.square(delta)) for delta in nabla_b]
    return [float(v) for v in np.sqrt(squares / len(X))]


def _rms(values):
    """Root mean square over every entry: the "size" of a batch of vectors."""
    return float(np.sqrt(np.mean(np.square(values))))


def backward_factors(net, X, y):
    """What one step back of BP2 does to the size of the error, layer by layer, split in two.

    BP2: delta^(l) = (W^(l+1)^T delta^(l+1)) (.) f'(z^(l)). For every example at once
    (one per row; sizes are root mean squares over the examples and the neurons):
        weights[i] = size(W^T delta) / size(delta^(l+1))    multiplying by W^T
        slopes[i]  = size(delta^(l)) / size(W^T delta)      then by the slopes f'(z^(l))
        ratios[i]  = size(delta^(l)) / size(delta^(l+1)) = weights[i] * slopes[i]
    With the N(0, 1/n_in) start a sum of n_out terms w delta has about
    sqrt(n_out / n_in) times delta's size, so W^T keeps it between equally wide layers;
    the slopes' factor is then about the root mean square of f'(z): near 0.2 for the
    sigmoid (f' <= 1/4), sqrt(fraction passing) ~ 0.7 for ReLU (f' is 0 or 1).
    Also returns slope_rms[i] (that root mean square), slope_mean[i] (mean f'), passing[i]
    (fraction of the layer's f'(z) > 0) and sizes (size of delta per layer, as error_sizes).
    Lists run input side first: entry i is the step back into hidden layer i (weights[i]'s output).
    X: (n, n_in) images; y: labels or one-hot rows.
    """
    X, Y = net.check_batch(X, y)
    zs, activations = net.feedforward(X, check=False)
    delta = net.output_delta(zs[-1], activations[-1], Y)      # BP1, one row per example
    sizes, weights, slopes, ratios, slope_rms, slope_mean, passing = [_rms(delta)], [], [], [], [], [], []
    for l in reversed(range(1, len(net.weights))):
        carried = delta @ net.weights[l]                      # W^T delta, per row
        prime = net.layer_function(l - 1)[1](zs[l - 1], activations[l])
        new = carried * prime
        weights.insert(0, _rms(carried) / sizes[0])
        slopes.insert(0, _rms(new) / _rms(carried))
        ratios.insert(0, _rms(new) / sizes[0])
        slope_rms.insert(0, _rms(prime))
        slope_mean.insert(0, float(np.mean(prime)))
        passing.insert(0, float(np.mean(prime > 0)))
        sizes.insert(0, _rms(new))
        delta = new
    return {"sizes": sizes, "weights": weights, "slopes": slopes, "ratios": ratios, "slope_rms": slope_rms,
            "slope_mean": slope_mean, "passing": passing}


def preparation_damage(net, X, y, shifts=range(5), thin_passes=(0, 1, 2), example=0):
    """How a trained net copes with test digits prepared differently from MNIST's.

    Measures test accuracy on: every digit moved by s pixels (down, up, right,
    left; no re-centring) for each s in `shifts`; the right-moved digits put back
    through `mnist_preprocess`; digits thinned by 0, 1, 2 erosion passes, as they
    are and after `mnist_preprocess`. Returns a dict of these accuracies (lists
    follow `shifts` / `thin_passes`) and example images of X[example] (under English
    names: show them with _(name)).
    """
    shifts, thin_passes = list(shifts), list(thin_passes)
    directions = {"down": (1, 0), "up": (-1, 0), "right": (0, 1), "left": (0, -1)}
    shifted = {name: [net.accuracy(shift_images(X, s * dr, s * dc), y) for s in shifts]
               for name, (dr, dc) in directions.items()}
    prepared = _prepare_each(X)
    recentred = [net.accuracy(_prepare_moved(X, shift_images(X, 0, s), prepared), y) for s in shifts]
    thinned, thinned_recentred = [], []
    for passes in thin_passes:
        thin = thin_strokes(X, passes)
        thinned.append(net.accuracy(thin, y))
        thinned_recentred.append(net.accuracy(prepared if passes == 0 else _prepare_each(thin), y))
    x = X[example]
    examples = {N_("as in MNIST"): x, N_("moved 2 px right"): shift_images(x, 0, 2),
                N_("moved 4 px right"): shift_images(x, 0, 4),
                N_("moved 4 px, re-centred"): mnist_preprocess(shift_images(x, 0, 4)),
                N_("thinned once"): thin_strokes(x, 1), N_("thinned twice"): thin_strokes(x, 2)}
    return {"n": len(X), "shifts": shifts, "shifted": shifted, "recentred": recentred, "thin_passes": thin_passes,
            "thinned": thinned, "thinned_recentred": thinned_recentred, "examples": examples}


def _prepare_each(X):
    """mnist_preprocess of every row of X, as an (n, 784) array."""
    return np.array([mnist_preprocess(x) for x in X])


def _prepare_moved(X, moved, prepared):
    """`_prepare_each(moved)` for images `moved` by whole pixels from X, whose prepared copies are `prepared`.

    Preparing crops to the lit pixels first, so a digit moved with none of its lit pixels pushed off the frame
    prepares to exactly what it did before: only the digits that lost pixels are prepared again (the same numbers,
    a few hundred calls instead of 2,000 per shift).
    """
    lost = np.count_nonzero(moved > 0, axis=1) != np.count_nonzero(X > 0, axis=1)
    out = prepared.copy()
    if lost.any():
        out[lost] = _prepare_each(moved[lost])
    return out


def damage_table(damage):
    """The accuracies of `preparation_damage` as a small text table (its words in the lesson's language)."""
    lines = [pad(_("pixels moved:"), 21) + "".join(f"{s:>7d}" for s in damage["shifts"])]
    for name, values in damage["shifted"].items():
        lines.append("  " + pad(_(MOVED_WORDS[name]), 20) + "".join(f"{v:7.1%}" for v in values))
    lines.append("  " + pad(_("right, re-centred"), 20) + "".join(f"{v:7.1%}" for v in damage["recentred"]))
    lines.append(pad(_("erosion passes:"), 21) + "".join(f"{p:>7d}" for p in damage["thin_passes"]))
    lines.append("  " + pad(_("thinned"), 19) + "".join(f"{v:7.1%}" for v in damage["thinned"]))
    lines.append("  " + pad(_("thinned, prepared"), 19) + "".join(f"{v:7.1%}" for v in damage["thinned_recentred"]))
    return "\n".join(lines)
