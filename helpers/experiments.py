"""Lesson 05's measurements: what did the trained network really learn?

Three kinds of tools live here, all plain NumPy on top of `Network`:

1. Images as MNIST prepares them: `center_of_mass`, `mnist_preprocess` (centre
   a drawing by its centre of mass and scale it into the 20x20 box), `shift_images`
   and `thin_strokes` (the damage MNIST's preprocessing protects against).
2. Looking inside a network: `input_gradient` (da_j/dx by backpropagation all the
   way to the pixels), `dream` (gradient ascent on the input), `noise_images`,
   `roughness` (how much a weight picture looks like noise).
3. Experiments: each trains a few small networks and returns their learning
   curves as a plain dict (a "result"). The notebook calls them with a small
   budget (seconds); scripts/run_experiments.py calls the very same functions
   with a full budget and writes data/results/<name>.json, which
   `load_result(name)` reads back.

A result is a plain dict (JSON as it stands): "experiment", "title",
"data_set" (a sentence naming the images), "n_train", "n_test", "epochs",
"seeds", "metrics" (what its plot shows), and "runs": {run label: {"settings":
sizes, activation, cost, init, learning_rate, weight_decay, labels, pixels;
"histories": one Network.train-style history per seed; "final": per seed, the
first-layer roughness of the trained net}}. The script adds "date",
"versions", "data_note" and "sizes".

Shapes: images are rows of 784 pixels in [0, 1] (axis 0 is the batch), or a
single (784,) vector, or a 2-D picture where the docstring says so.
"""

import functools
import json
import math
import sys

import numpy as np
from tqdm import tqdm

from .activations import sigmoid_prime
from .data import DATA_DIR, load_digits, load_mnist, mnist_is_cached
from .network import Network

SIDE = 28            # MNIST images are 28 x 28
BOX = 20             # ... and each digit was scaled to fit a 20 x 20 box inside them
CENTRE = 14.0        # where MNIST puts the centre of mass (row and column, counted from 0)
RESULTS_DIR = DATA_DIR / "results"
PERMUTATION_SEED = 2017   # the one fixed shuffle of the 784 pixel positions


# ----- 1. images as MNIST prepares them -------------------------------------------

def _as_picture(image):
    """A 2-D float array from a 2-D picture or a flat square one (784 -> 28 x 28)."""
    picture = np.asarray(image, dtype=float)
    if picture.ndim == 1:
        side = int(round(np.sqrt(picture.size)))
        if side * side != picture.size:
            raise ValueError(f"a flat image must have a square number of pixels (784 = 28x28); got {picture.size}")
        picture = picture.reshape(side, side)
    if picture.ndim != 2 or min(picture.shape) < 1:
        raise ValueError(f"an image must be 2-D (rows, columns) or flat (784,); got shape {np.shape(image)}")
    if not np.all(np.isfinite(picture)):
        raise ValueError("the image contains NaN or infinite values; pixels must lie in [0, 1]")
    return picture


def center_of_mass(image):
    """The brightness-weighted mean position (row, column) of a 2-D image.

        row = sum_rc r I[r, c] / sum_rc I[r, c],   column = sum_rc c I[r, c] / sum_rc I[r, c]

    Rows and columns count from 0 at the top left. An all-black image has no
    centre of mass: we return the middle of the frame.
    """
    picture = _as_picture(image)
    total = picture.sum()
    if total <= 0:
        return ((picture.shape[0] - 1) / 2, (picture.shape[1] - 1) / 2)
    rows = np.arange(picture.shape[0]) @ picture.sum(axis=1) / total
    cols = np.arange(picture.shape[1]) @ picture.sum(axis=0) / total
    return float(rows), float(cols)


@functools.lru_cache(maxsize=1024)
def _area_resample_matrix(n_out, n_in):
    """(n_out, n_in) matrix that resizes a line of n_in pixels to n_out by area averaging.

    Output pixel i covers the input stretch [i s, (i + 1) s) with s = n_in / n_out;
    its value is the mean of the input over that stretch (partly covered pixels
    count by their overlap). Shrinking this way anti-aliases, as MNIST's
    normalisation did; growing repeats pixels. Every row sums to 1.
    """
    s = n_in / n_out
    starts = np.arange(n_out)[:, None] * s
    k = np.arange(n_in)[None, :]
    overlap = np.maximum(np.minimum(starts + s, k + 1) - np.maximum(starts, k), 0.0)
    matrix = overlap / s
    matrix.flags.writeable = False   # cached and shared: nobody may change it
    return matrix


def mnist_preprocess(image, box=BOX, side=SIDE, threshold=0.0):
    """Prepare a drawing the way MNIST's digits were prepared; returns (784,) in [0, 1].

    MNIST's description (LeCun, Cortes and Burges): each digit was scaled to fit a
    20x20 box, keeping its aspect ratio (the scaling anti-aliases, so edges turn
    grey), then placed in a 28x28 frame so that its centre of mass sits at the
    centre. Here:
      1. crop to the bounding box of the pixels brighter than `threshold`;
      2. scale that box by box / max(height, width) (aspect ratio kept) with
         area averaging (`_area_resample_matrix`);
      3. paste it into a side x side frame shifted by whole pixels so that its
         centre of mass lands on (14, 14), rows and columns counted from 0 (the
         bundled digits' centres of mass lie within half a pixel of it);
         a lopsided drawing whose box would stick out is kept inside the frame.
    `image` is any 2-D picture (a canvas grid, 28x28 or larger) or a flat (784,)
    vector, values in [0, 1]. An empty drawing gives an all-black image.
    """
    picture = np.minimum(np.maximum(_as_picture(image), 0.0), 1.0)
    lit = picture > threshold
    lit_rows = np.flatnonzero(lit.any(axis=1))
    lit_cols = np.flatnonzero(lit.any(axis=0))
    frame = np.zeros((side, side))
    if lit_rows.size == 0:
        return frame.ravel()
    crop = picture[lit_rows[0]:lit_rows[-1] + 1, lit_cols[0]:lit_cols[-1] + 1]
    height, width = crop.shape
    scale = box / max(height, width)
    new_height, new_width = max(1, int(round(height * scale))), max(1, int(round(width * scale)))
    scaled = _area_resample_matrix(new_height, height) @ crop @ _area_resample_matrix(new_width, width).T
    row, col = center_of_mass(scaled)
    centre = side / 2   # (14, 14) in a 28x28 frame, as in MNIST
    top = min(max(math.floor(centre - row + 0.5), 0), side - new_height)
    left = min(max(math.floor(centre - col + 0.5), 0), side - new_width)
    frame[top:top + new_height, left:left + new_width] = scaled
    return np.minimum(frame, 1.0).ravel()   # averages of values <= 1 are <= 1; this only trims rounding


def shift_images(X, rows, cols):
    """Move every image by whole pixels (down by `rows`, right by `cols`; negative = up/left).

    Pixels pushed over the edge are lost and the uncovered strip is black: no
    wrap-around (np.roll would bring the digit back in on the other side).
    X: (n, 784) or (784,); returns the same shape.
    """
    X = np.asarray(X, dtype=float)
    pictures = X.reshape(-1, SIDE, SIDE)
    out = np.zeros_like(pictures)
    r_src, r_dst = (slice(0, SIDE - rows), slice(rows, SIDE)) if rows >= 0 else (slice(-rows, SIDE), slice(0, SIDE + rows))
    c_src, c_dst = (slice(0, SIDE - cols), slice(cols, SIDE)) if cols >= 0 else (slice(-cols, SIDE), slice(0, SIDE + cols))
    if abs(rows) < SIDE and abs(cols) < SIDE:
        out[:, r_dst, c_dst] = pictures[:, r_src, c_src]
    return out.reshape(X.shape)


def thin_strokes(X, times=1):
    """Make strokes thinner by grey-level erosion, `times` over.

    Each pass replaces a pixel by the darkest of itself and its four neighbours
    (up, down, left, right; outside the frame counts as black), so every stroke
    loses about one pixel on each side. X: (n, 784) or (784,); same shape back.
    """
    X = np.asarray(X, dtype=float)
    pictures = X.reshape(-1, SIDE, SIDE).copy()
    for _ in range(times):
        padded = np.pad(pictures, ((0, 0), (1, 1), (1, 1)))
        pictures = np.minimum.reduce([padded[:, 1:-1, 1:-1], padded[:, :-2, 1:-1], padded[:, 2:, 1:-1],
                                      padded[:, 1:-1, :-2], padded[:, 1:-1, 2:]])
    return pictures.reshape(X.shape)


def shuffle_pixels(X, permutation):
    """Apply ONE permutation of the 784 pixel positions to every image: column i of the
    result is column permutation[i] of X (X[:, permutation]). Rows (images) stay in place."""
    X = np.asarray(X)
    return X[..., np.asarray(permutation)]


def pixel_permutation(seed=PERMUTATION_SEED):
    """The fixed shuffle of the 784 pixel positions used by the shuffled-pixels experiment."""
    return np.random.default_rng(seed).permutation(SIDE * SIDE)


# ----- 2. looking inside a network -----------------------------------------------

def input_gradient(net, X, digit):
    """d a_digit / d x: how output neuron `digit` changes with each input pixel.

    Backpropagation, but started from one output activation instead of the cost
    and carried one step further, to the input:
        delta^L   = e_digit (.) sigma'(z^L)             (only neuron `digit`)
        delta^l   = (W^(l+1)^T delta^(l+1)) (.) f'(z^l)  (BP2, f = the hidden activation)
        da/dx     = W^(1)^T delta^(1)                    (the input has no activation)
    X: (n, 784) -> (n, 784); a single (784,) image -> (784,). In code, with one
    example per row, W^T delta is written delta @ W.
    """
    single = np.ndim(X) == 1
    X2 = np.atleast_2d(np.asarray(X, dtype=net.dtype))
    X2, _ = net.check_batch(X2, np.zeros(len(X2), dtype=int))
    zs, activations = net.feedforward(X2)
    delta = np.zeros_like(activations[-1])
    delta[:, digit] = sigmoid_prime(zs[-1][:, digit], activations[-1][:, digit])
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
    for _ in range(steps):
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


# ----- 3. experiments ---------------------------------------------------------------

def experiment_data(full=None):
    """The digits experiments train on, named: full MNIST when asked and cached, else the bundled set.

    full=None means "full MNIST if it is cached". Returns a dict with X_train,
    y_train, X_test, y_test and `data_set`, a sentence naming the source.
    """
    use_full = mnist_is_cached() if full is None else bool(full)
    if use_full:
        (X, y), (Xt, yt) = load_mnist(progress=False)
        name = "full MNIST (60,000 training / 10,000 test images)"
    else:
        (X, y), (Xt, yt) = load_digits()
        name = "bundled MNIST subset (8,000 training / 2,000 test images)"
    return {"X_train": X, "y_train": y, "X_test": Xt, "y_test": yt, "data_set": name}


# What the experiments train. Each run is a recipe; every run of one experiment
# sees the same images, the same epochs and the same seeds.
VIDEO_NET = [784, 16, 16, 10]
RECIPES = {
    "videos": dict(activation="sigmoid", cost="quadratic", init="normal", learning_rate=1.5),
    "relu": dict(activation="relu", cost="quadratic", init="scaled", learning_rate=0.1),
    "relu_normal_init": dict(activation="relu", cost="quadratic", init="normal", learning_rate=0.1),
    "cross_entropy": dict(activation="sigmoid", cost="cross_entropy", init="normal", learning_rate=0.5),
    "cross_entropy_scaled": dict(activation="sigmoid", cost="cross_entropy", init="scaled", learning_rate=0.5),
}
# Nielsen ch. 3 adds (lambda / 2n) sum w^2 with lambda = 5 on n = 50,000 images:
# w <- (1 - eta lambda / n) w - ..., i.e. our weight_decay = lambda / n = 1e-4.
NIELSEN_WEIGHT_DECAY = 5 / 50_000


def run_recipe(data, sizes, recipe, epochs, seed=0, n_train=None, labels="true", pixels="original",
               weight_decay=0.0, batch_size=10, tick=None):
    """Train one network; return (history, trained network).

    `recipe`: a key of RECIPES or a dict of activation, cost, init, learning_rate.
    `n_train`: use the first n_train training images (None = all).
    `labels="random"`: the training labels are shuffled (seeded by `seed`); the
    test labels stay true, so test accuracy says what the network learned about digits.
    `pixels="shuffled"`: every image, training and test, gets the same fixed
    pixel permutation (`pixel_permutation()`).
    Epoch e (from 1) shuffles the mini-batches with seed 1000 * seed + e, so a
    run is reproducible epoch by epoch. `tick()` is called after every epoch.
    """
    recipe = dict(RECIPES[recipe] if isinstance(recipe, str) else recipe)
    learning_rate = recipe.pop("learning_rate")
    X, y = data["X_train"][:n_train], data["y_train"][:n_train]
    X_test, y_test = data["X_test"], data["y_test"]
    if labels == "random":
        y = np.random.default_rng(seed).permutation(y)
    if pixels == "shuffled":
        permutation = pixel_permutation()
        X, X_test = shuffle_pixels(X, permutation), shuffle_pixels(X_test, permutation)
    net = Network(sizes, seed=seed, **recipe)
    history = {"epoch": [], "train_cost": [], "train_accuracy": [], "test_accuracy": [], "seconds": []}
    elapsed = 0.0
    for epoch in range(1, epochs + 1):
        one = net.train(X, y, epochs=1, batch_size=batch_size, learning_rate=learning_rate,
                        weight_decay=weight_decay, test=(X_test, y_test), seed=1000 * seed + epoch, progress=False)
        elapsed += one["seconds"][0]
        history["epoch"].append(epoch)
        history["seconds"].append(elapsed)
        for key in ("train_cost", "train_accuracy", "test_accuracy"):
            history[key].append(one[key][0])
        if tick is not None:
            tick()
    return history, net


def _describe(sizes, recipe, weight_decay=0.0, labels="true", pixels="original", n_train=None):
    """The settings of one run, as stored in a result (plain JSON types)."""
    recipe = dict(RECIPES[recipe] if isinstance(recipe, str) else recipe)
    return {"sizes": list(sizes), **recipe, "weight_decay": weight_decay, "batch_size": 10,
            "labels": labels, "pixels": pixels, "n_train": n_train}


def _run_all(name, title, data, runs, epochs, seeds, n_train, metrics, progress):
    """Train every run for every seed; return the result dict (see module docstring)."""
    seeds = list(seeds)
    total = len(runs) * len(seeds) * epochs
    # mininterval: one redraw a second is plenty, and keeps saved notebook outputs short
    bar = tqdm(total=total, desc=title, unit="epoch", file=sys.stderr, disable=not progress, leave=False,
               mininterval=1.0)
    ticks = {"done": 0}

    def tick():
        ticks["done"] += 1
        bar.update(1)
        if callable(progress):
            progress(ticks["done"], total)

    result_runs = {}
    try:
        for label, spec in runs.items():
            spec = dict(spec)
            sizes, recipe = spec.pop("sizes"), spec.pop("recipe")
            histories, extras = [], []
            for seed in seeds:
                history, net = run_recipe(data, sizes, recipe, epochs, seed=seed, n_train=spec.get("n_train", n_train),
                                          labels=spec.get("labels", "true"), pixels=spec.get("pixels", "original"),
                                          weight_decay=spec.get("weight_decay", 0.0), tick=tick)
                histories.append(history)
                extras.append({"first_layer_roughness": roughness(net.weights[0])})
            result_runs[label] = {"settings": _describe(sizes, recipe, spec.get("weight_decay", 0.0),
                                                        spec.get("labels", "true"), spec.get("pixels", "original"),
                                                        spec.get("n_train", n_train) or len(data["X_train"])),
                                  "histories": histories, "final": extras}
    finally:
        bar.close()
    n_used = n_train or len(data["X_train"])
    return {"experiment": name, "title": title, "data_set": data["data_set"], "n_train": n_used,
            "n_test": len(data["X_test"]), "epochs": epochs, "seeds": seeds, "metrics": list(metrics),
            "runs": result_runs}


def shuffled_pixels(data=None, n_train=None, epochs=10, seeds=(0,), progress=True):
    """The videos' network on the original images and on images whose pixels are all
    put through one fixed permutation (training and test alike)."""
    data = data or experiment_data()
    runs = {"original pixels": dict(sizes=VIDEO_NET, recipe="videos"),
            "shuffled pixels": dict(sizes=VIDEO_NET, recipe="videos", pixels="shuffled")}
    return _run_all("shuffled_pixels", "Shuffled pixels", data, runs, epochs, seeds, n_train,
                    ["test_accuracy"], progress)


def random_labels(data=None, n_train=500, epochs=60, hidden=100, seeds=(0,), progress=True):
    """A wide one-hidden-layer network on n_train images, with their true labels and with
    the labels shuffled. Cross-entropy cost and 1/sqrt(n_in) initial weights (the
    recipe of section 7), so that memorising takes epochs, not hours."""
    data = data or experiment_data()
    sizes = [784, hidden, 10]
    runs = {"true labels": dict(sizes=sizes, recipe="cross_entropy_scaled"),
            "random labels": dict(sizes=sizes, recipe="cross_entropy_scaled", labels="random")}
    return _run_all("random_labels", "Random labels", data, runs, epochs, seeds, n_train,
                    ["train_accuracy", "test_accuracy"], progress)


def random_labels_video_net(data=None, n_train=8000, epochs=30, seeds=(0,), progress=True):
    """The videos' 784-16-16-10 network and recipe on n_train images with shuffled labels."""
    data = data or experiment_data()
    runs = {"random labels": dict(sizes=VIDEO_NET, recipe="videos", labels="random")}
    return _run_all("random_labels_video_net", "Random labels, the videos' network", data, runs, epochs, seeds,
                    n_train, ["train_accuracy", "test_accuracy"], progress)


def relu_vs_sigmoid(data=None, n_train=None, epochs=10, sizes=VIDEO_NET, seeds=(0,), progress=True,
                    name="relu_vs_sigmoid"):
    """Sigmoid and ReLU hidden layers, same data, architecture and epochs, each with the
    initial weights it needs; plus ReLU with the sigmoid's N(0, 1) start, which fails."""
    data = data or experiment_data()
    runs = {"sigmoid, N(0, 1) start, η = 1.5": dict(sizes=sizes, recipe="videos"),
            "ReLU, N(0, 1/n_in) start, η = 0.1": dict(sizes=sizes, recipe="relu"),
            "ReLU, N(0, 1) start, η = 0.1": dict(sizes=sizes, recipe="relu_normal_init")}
    title = "ReLU vs sigmoid, " + "-".join(map(str, sizes))
    return _run_all(name, title, data, runs, epochs, seeds, n_train, ["test_accuracy"], progress)


def tweaks(data=None, n_train=None, epochs=10, seeds=(0,), progress=True):
    """Nielsen ch. 3's improvements, added one at a time to a 784-30-10 network:
    cross-entropy cost, 1/sqrt(n_in) initial weights, 100 hidden neurons, L2 weight decay."""
    data = data or experiment_data()
    runs = {"784-30-10, quadratic cost": dict(sizes=[784, 30, 10], recipe="videos"),
            "+ cross-entropy": dict(sizes=[784, 30, 10], recipe="cross_entropy"),
            "+ 1/√n_in start": dict(sizes=[784, 30, 10], recipe="cross_entropy_scaled"),
            "+ 100 hidden": dict(sizes=[784, 100, 10], recipe="cross_entropy_scaled"),
            "+ L2 weight decay": dict(sizes=[784, 100, 10], recipe="cross_entropy_scaled",
                                      weight_decay=NIELSEN_WEIGHT_DECAY)}
    return _run_all("tweaks", "The tweaks toward 98 %", data, runs, epochs, seeds, n_train,
                    ["test_accuracy"], progress)


# The first-layer pictures of section 1: four nets, each with the recipe that made it.
WEIGHT_NETS = {
    "16 hidden (the videos' net)": dict(sizes=VIDEO_NET, recipe="videos"),
    "100 hidden": dict(sizes=[784, 100, 10], recipe="videos"),
    "100 hidden, 1/√n_in start": dict(sizes=[784, 100, 10], recipe="cross_entropy_scaled"),
    "16 hidden + L2 weight decay": dict(sizes=VIDEO_NET, recipe="videos", weight_decay=1e-3),
}


def first_layer_weights(data=None, n_train=None, epochs=5, seeds=(0,), progress=True):
    """Train the nets of WEIGHT_NETS; record their curves and how noisy their first-layer pictures are."""
    data = data or experiment_data()
    return _run_all("first_layer_weights", "First-layer weights", data, WEIGHT_NETS, epochs, seeds, n_train,
                    ["test_accuracy"], progress)


def train_weight_net(name, data=None, n_train=None, epochs=5, seed=0):
    """One net of WEIGHT_NETS, trained with its recipe: (network, history)."""
    data = data or experiment_data(full=False)
    spec = dict(WEIGHT_NETS[name])
    history, net = run_recipe(data, spec.pop("sizes"), spec.pop("recipe"), epochs, seed=seed, n_train=n_train, **spec)
    return net, history


def relu_vs_sigmoid_deep(data=None, n_train=None, epochs=10, seeds=(0,), progress=True):
    """relu_vs_sigmoid on a deeper net, 784-30-30-30-30-10, where the sigmoid's small
    derivative (at most 1/4 per layer) slows the early layers down."""
    return relu_vs_sigmoid(data, n_train, epochs, [784, 30, 30, 30, 30, 10], seeds, progress, name="relu_vs_sigmoid_deep")


EXPERIMENTS = {f.__name__: f for f in (first_layer_weights, shuffled_pixels, random_labels, random_labels_video_net,
                                       relu_vs_sigmoid, relu_vs_sigmoid_deep, tweaks)}

# The two budgets of every experiment: "live" runs in the notebook (seconds, bundled
# digits), "full" is what scripts/run_experiments.py runs (minutes; full MNIST when cached).
BUDGETS = {
    "first_layer_weights": {"live": dict(epochs=3), "full": dict(epochs=30, seeds=(0, 1, 2))},
    "shuffled_pixels": {"live": dict(epochs=5), "full": dict(epochs=30, seeds=(0, 1, 2))},
    "random_labels": {"live": dict(n_train=500, epochs=40), "full": dict(n_train=500, epochs=100, seeds=(0, 1, 2))},
    "random_labels_video_net": {"live": dict(n_train=8000, epochs=5),
                                "full": dict(n_train=8000, epochs=30, seeds=(0, 1, 2))},
    "relu_vs_sigmoid": {"live": dict(epochs=5), "full": dict(epochs=30, seeds=(0, 1, 2))},
    "relu_vs_sigmoid_deep": {"live": dict(epochs=3), "full": dict(epochs=30, seeds=(0, 1, 2))},
    "tweaks": {"live": dict(epochs=3), "full": dict(epochs=30, seeds=(0, 1, 2))},
}


def run_experiment(name, size="live", data=None, progress=True):
    """Run experiment `name` with its "live" or "full" budget (BUDGETS) and return its result."""
    return EXPERIMENTS[name](data=data, progress=progress, **BUDGETS[name][size])


# ----- results files -----------------------------------------------------------------

def result_path(name):
    return RESULTS_DIR / f"{name}.json"


def load_result(name):
    """The full-size result written by scripts/run_experiments.py, or None when there is none."""
    path = result_path(name)
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def list_results():
    """Names of the results files present in data/results/."""
    return sorted(p.stem for p in RESULTS_DIR.glob("*.json")) if RESULTS_DIR.is_dir() else []


def final(result, run, metric="test_accuracy"):
    """The last epoch's value of `metric` for one run, averaged over the seeds."""
    return float(np.mean([h[metric][-1] for h in result["runs"][run]["histories"]]))


def curve(result, run, metric="test_accuracy"):
    """(epochs, mean over seeds, lowest seed, highest seed) of one run's `metric`."""
    values = np.array([h[metric] for h in result["runs"][run]["histories"]], dtype=float)
    epochs = np.array(result["runs"][run]["histories"][0]["epoch"])
    return epochs, values.mean(axis=0), values.min(axis=0), values.max(axis=0)


def budget(result):
    """One line saying what a result was trained on: images, epochs, seeds."""
    seeds = result["seeds"]
    seed_text = f"seed {seeds[0]}" if len(seeds) == 1 else f"{len(seeds)} seeds"
    epochs = f"{result['epochs']} epoch" + ("" if result["epochs"] == 1 else "s")
    return f"{result['n_train']:,} training images, {epochs}, {seed_text}"


def provenance(result):
    """Where a saved result came from: data set, budget and date (for plot titles)."""
    data = result["data_set"].split(" (")[0]
    return f"{data}, {budget(result)}, run {result.get('date', 'on an unknown date')}"


# ----- measured figures for the notebook ----------------------------------------------

def preparation_damage(net, X, y, shifts=range(5), thin_passes=(0, 1, 2), example=0):
    """How a trained net copes with test digits prepared differently from MNIST's.

    Measures test accuracy on: every digit moved by s pixels (down, up, right,
    left; no re-centring) for each s in `shifts`; the right-moved digits put back
    through `mnist_preprocess`; digits thinned by 0, 1, 2 erosion passes, as they
    are and after `mnist_preprocess`. Returns a dict of these accuracies (lists
    follow `shifts` / `thin_passes`) and example images of X[example].
    """
    shifts, thin_passes = list(shifts), list(thin_passes)
    directions = {"down": (1, 0), "up": (-1, 0), "right": (0, 1), "left": (0, -1)}
    shifted = {name: [net.accuracy(shift_images(X, s * dr, s * dc), y) for s in shifts]
               for name, (dr, dc) in directions.items()}
    recentred = [net.accuracy(np.array([mnist_preprocess(x) for x in shift_images(X, 0, s)]), y) for s in shifts]
    thinned, thinned_recentred = [], []
    for passes in thin_passes:
        thin = thin_strokes(X, passes)
        thinned.append(net.accuracy(thin, y))
        thinned_recentred.append(net.accuracy(np.array([mnist_preprocess(x) for x in thin]), y))
    x = X[example]
    examples = {"as in MNIST": x, "moved 2 px right": shift_images(x, 0, 2), "moved 4 px right": shift_images(x, 0, 4),
                "moved 4 px, re-centred": mnist_preprocess(shift_images(x, 0, 4)),
                "thinned once": thin_strokes(x, 1), "thinned twice": thin_strokes(x, 2)}
    return {"n": len(X), "shifts": shifts, "shifted": shifted, "recentred": recentred, "thin_passes": thin_passes,
            "thinned": thinned, "thinned_recentred": thinned_recentred, "examples": examples}


def damage_table(damage):
    """The accuracies of `preparation_damage` as a small text table."""
    lines = ["pixels moved:        " + "".join(f"{s:>7d}" for s in damage["shifts"])]
    for name, values in damage["shifted"].items():
        lines.append(f"  moved {name:<14s}" + "".join(f"{v:7.1%}" for v in values))
    lines.append("  right, re-centred   " + "".join(f"{v:7.1%}" for v in damage["recentred"]))
    lines.append("erosion passes:      " + "".join(f"{p:>7d}" for p in damage["thin_passes"]))
    lines.append("  thinned            " + "".join(f"{v:7.1%}" for v in damage["thinned"]))
    lines.append("  thinned, prepared  " + "".join(f"{v:7.1%}" for v in damage["thinned_recentred"]))
    return "\n".join(lines)


def summary(result):
    """One line per run: the last epoch's training and test accuracy (mean over seeds)."""
    width = max(len(r) for r in result["runs"]) + 2
    lines = [f"{result['title']} — {budget(result)} ({result['data_set']})",
             f"{'run':<{width}}{'train acc':>10}{'test acc':>10}"]
    for run in result["runs"]:
        lines.append(f"{run:<{width}}{final(result, run, 'train_accuracy'):>10.1%}{final(result, run):>10.1%}")
    return "\n".join(lines)


def roughness_table(result):
    """Per run of a first_layer_weights result: test accuracy and first-layer roughness (mean over seeds)."""
    width = max(len(r) for r in result["runs"]) + 2
    lines = [f"{'network':<{width}}{'test acc':>10}{'roughness':>11}"]
    for run, spec in result["runs"].items():
        lines.append(f"{run:<{width}}{final(result, run):>10.1%}{final_roughness(result, run):>11.2f}")
    return "\n".join(lines)


def epochs_to_reach(result, run, level, metric="train_accuracy"):
    """The first epoch at which a run's mean `metric` reaches `level`, or None if it never does."""
    epochs, mean, _, _ = curve(result, run, metric)
    reached = np.flatnonzero(mean >= level)
    return int(epochs[reached[0]]) if reached.size else None


def average_digits(X, y):
    """The mean image of each digit 0-9: (10, 784)."""
    return np.array([X[y == d].mean(axis=0) for d in range(10)])


def weighted_input_spread(net, X):
    """Standard deviation of the weighted inputs z of every layer over the images X: one number per layer.

    Sigmoids saturate when |z| is much above 4; ReLUs pass large z straight on to the next layer.
    """
    zs, _ = net.feedforward(net.check_batch(X, np.zeros(len(X), dtype=int))[0])
    return [float(np.std(z)) for z in zs]


def final_roughness(result, run):
    """Mean over seeds of a run's first-layer roughness after training (first_layer_weights results)."""
    return float(np.mean([extra["first_layer_roughness"] for extra in result["runs"][run]["final"]]))
