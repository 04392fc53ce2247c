"""Lesson 05's experiments: the recipes each one trains, and the loop that trains them.

Each experiment trains a few small networks ("runs") and returns their
learning curves as a plain dict, a *result* (its layout: helpers/results.py).
The notebook calls an experiment with its "live" budget (seconds, the bundled
digits); scripts/run_experiments.py calls the very same function with its
"full" budget (minutes, three seeds, full MNIST when cached) and saves the
result in data/results/.

A run is a recipe (activation, cost, starting weights, learning rate) plus what
it does to the data (shuffled labels or pixels, fewer images) and a weight
decay. Every run of one experiment sees the same images, epochs and seeds; a
run's label names what it changes, and its settings say it again in
"changes" (so a run that changes two things says so).

The stop button (Ctrl-C) ends an experiment between two mini-batches: the
result then holds the trainings finished so far, with "interrupted": True.

A result's title, data set and run labels stay English (code and the results files
compare them); each is marked with N_() here, so the catalogue holds it, and whatever
shows one translates it: _(result["title"]), _(run).
NumPy only: no plotting, no widgets.
"""


import numpy as np

from ..core import checks
from ..core.data import load_digits, load_mnist, mnist_is_cached
from ..core.languages import N_, _, tr
from ..core.network import Network
from ..core.progress import progress_bar
from ..core.stopping import stop_requests
from ..core.training import train
from .images import pixel_permutation, shuffle_pixels
from .probes import roughness

__all__ = ["VIDEO_NET", "RECIPES", "NIELSEN_WEIGHT_DECAY", "WEIGHT_NETS", "EXPERIMENTS", "BUDGETS",
           "experiment_data", "run_recipe", "run_experiment", "train_weight_net", "first_layer_weights",
           "shuffled_pixels", "random_labels", "random_labels_video_net", "relu_vs_sigmoid",
           "relu_vs_sigmoid_deep", "tweaks"]


def experiment_data(full=None):
    """The digits experiments train on, named: full MNIST when asked and cached, else the bundled set.

    full=None means "full MNIST if it is cached". Returns a dict with X_train,
    y_train, X_test, y_test and `data_set`, a sentence naming the source.
    """
    use_full = mnist_is_cached() if full is None else bool(full)
    if use_full:
        (X, y), (Xt, yt) = load_mnist(progress=False)
        name = N_("full MNIST (60,000 training / 10,000 test images)")
    else:
        (X, y), (Xt, yt) = load_digits()
        name = N_("bundled MNIST subset (8,000 training / 2,000 test images)")
    return {"X_train": X, "y_train": y, "X_test": Xt, "y_test": yt, "data_set": name}


# ----- recipes ----------------------------------------------------------------------------------

VIDEO_NET = [784, 16, 16, 10]
RECIPES = {
    # the videos' network as lessons 02-04 train it (Nielsen's network.py: N(0, 1) start, quadratic cost)
    "videos": dict(activation="sigmoid", cost="quadratic", init="normal", learning_rate=1.5),
    # ch. 3's first two tweaks; cross-entropy needs a smaller step, so eta changes with the cost
    "cross_entropy": dict(activation="sigmoid", cost="cross_entropy", init="normal", learning_rate=0.5),
    "cross_entropy_scaled": dict(activation="sigmoid", cost="cross_entropy", init="scaled", learning_rate=0.5),
    # ReLU against sigmoid: the same N(0, 1/n_in) start and quadratic cost; only the activation
    # differs, then the learning rate. Each eta was the best of 0.1, 0.3, 1 and 3 after five epochs
    # (seed 0, bundled digits) for both depths, within a point: 3 for sigmoid, 0.3 for ReLU.
    "sigmoid_scaled": dict(activation="sigmoid", cost="quadratic", init="scaled", learning_rate=3.0),
    "sigmoid_scaled_slow": dict(activation="sigmoid", cost="quadratic", init="scaled", learning_rate=0.3),
    "relu_scaled": dict(activation="relu", cost="quadratic", init="scaled", learning_rate=0.3),
}
RECIPE_KEYS = ("activation", "cost", "init", "learning_rate")
DATA_KEYS = ("X_train", "y_train", "X_test", "y_test")
# The most epochs one training takes here: the longest budget is 100 (random labels on 500 images);
# a thousand epochs of full MNIST would already run for hours.
MAX_EPOCHS = 1000
# Nielsen ch. 3 adds (lambda / 2n) sum w^2 with lambda = 5 on n = 50,000 images:
# w <- (1 - eta lambda / n) w - ..., i.e. our weight_decay = lambda / n = 1e-4.
NIELSEN_WEIGHT_DECAY = 5 / 50_000


def run_recipe(data, sizes, recipe, epochs, seed=0, n_train=None, labels="true", pixels="original",
               weight_decay=0.0, batch_size=10, tick=None):
    """Train one network with the one training loop; return (trained network, history), the order used everywhere.

    `recipe`: a key of RECIPES or a dict of activation, cost, init, learning_rate.
    `n_train`: use the first n_train training images (None = all).
    `labels="random"`: the training labels are shuffled (seeded by `seed`); the
    test labels stay true, so test accuracy says what the network learned about digits.
    `pixels="shuffled"`: every image, training and test, gets the same fixed
    pixel permutation (`images.pixel_permutation()`).
    The mini-batches are shuffled from `seed`. `tick()` is called after every epoch.
    The stop button ends it after the current mini-batch: the history then holds the
    complete epochs and has `interrupted` set (an experiment says so once, itself).

    Checked before anything trains: data (a dict with X_train, y_train, X_test, y_test), the recipe,
    1 <= epochs <= 1,000 (2.0 counts as 2), the seed, 1 <= n_train <= len(X_train), labels
    "true" | "random", pixels "original" | "shuffled", tick (None or a function); the layer sizes,
    batch size and weight decay are checked by Network and the training loop.
    """
    _check_data(data)
    recipe = _check_recipe(recipe)
    epochs = checks.check_whole_number("epochs", epochs, 1, MAX_EPOCHS)
    checks.check_seed(seed)
    if n_train is not None:
        n_train = checks.check_whole_number("n_train", n_train, 1, len(data["X_train"]))
    checks.check_one_of("labels", labels, ("true", "random"))
    checks.check_one_of("pixels", pixels, ("original", "shuffled"))
    checks.check_function("tick", tick)
    learning_rate = recipe.pop("learning_rate")
    X, y = data["X_train"][:n_train], data["y_train"][:n_train]
    X_test, y_test = data["X_test"], data["y_test"]
    if labels == "random":
        y = np.random.default_rng(seed).permutation(y)
    if pixels == "shuffled":
        permutation = pixel_permutation()
        X, X_test = shuffle_pixels(X, permutation), shuffle_pixels(X_test, permutation)
    net = Network(sizes, seed=seed, **recipe)
    with stop_requests():      # inside an experiment: the experiment, not each training, tells the learner of a stop
        history = train(net, X, y, epochs, batch_size, learning_rate, weight_decay, test=(X_test, y_test), seed=seed,
                        progress=False, after_epoch=None if tick is None else lambda _history: tick())
    return net, history


def _check_data(data):
    """What experiments train on: a dict with X_train, y_train, X_test and y_test (experiment_data() makes one)."""
    if not isinstance(data, dict) or any(key not in data for key in DATA_KEYS):
        missing = [key for key in DATA_KEYS if key not in data] if isinstance(data, dict) else list(DATA_KEYS)
        raise TypeError(tr("data must be a dict with X_train, y_train, X_test and y_test, as experiment_data() returns "
                           "it; got {value} (missing {missing})", value=type(data).__name__, missing=missing))
    return data


def _check_recipe(recipe):
    """A copy of the recipe: a name from RECIPES (a near miss named), or a dict of exactly RECIPE_KEYS."""
    if isinstance(recipe, str):
        return dict(RECIPES[checks.check_one_of("recipe", recipe, RECIPES)])
    if not isinstance(recipe, dict):
        raise TypeError(tr("recipe must be a name from {names} or a dict of activation, cost, init and learning_rate; "
                           "got {value}", names=list(RECIPES), value=checks.describe(recipe)))
    missing = [key for key in RECIPE_KEYS if key not in recipe]
    extra = [key for key in recipe if key not in RECIPE_KEYS]
    if missing:
        raise ValueError(tr("recipe lacks {missing}: a recipe is a dict of activation, cost, init and learning_rate",
                            missing=", ".join(missing)))
    if extra:
        raise ValueError(tr("recipe has {extra}, which no recipe takes: a recipe is a dict of exactly activation, "
                            "cost, init and learning_rate", extra=", ".join(extra)))
    return dict(recipe)


def _settings(sizes, recipe, weight_decay=0.0, labels="true", pixels="original", n_train=None, changes=""):
    """The settings of one run, as stored in a result (plain JSON types)."""
    recipe = dict(RECIPES[recipe] if isinstance(recipe, str) else recipe)
    return {"sizes": list(sizes), **recipe, "weight_decay": weight_decay, "batch_size": 10,
            "labels": labels, "pixels": pixels, "n_train": n_train, "changes": changes}


def _run_all(name, title, data, runs, epochs, seeds, n_train, metrics, progress):
    """Train every run for every seed; return the result (helpers/results.py describes it).

    `runs`: {label: dict(sizes, recipe, and optionally labels, pixels, weight_decay,
    n_train, changes)}. `progress`: True for a notebook progress bar, False for
    none, or a function progress(done, total) called after every epoch.
    """
    seeds = list(seeds)
    total = len(runs) * len(seeds) * epochs
    done = 0
    result_runs = {}
    interrupted = False
    with progress_bar(total, _(title), _("epoch"), enabled=progress is True) as bar, stop_requests() as stop:
        def tick():
            nonlocal done
            done += 1
            bar.update(1)
            if callable(progress):
                progress(done, total)

        for label, spec in runs.items():
            spec = dict(spec)
            sizes, recipe = spec.pop("sizes"), spec.pop("recipe")
            changes = spec.pop("changes", "")
            used = spec.get("n_train", n_train)
            histories, extras = [], []
            for seed in seeds:
                net, history = run_recipe(data, sizes, recipe, epochs, seed=seed, n_train=used,
                                          labels=spec.get("labels", "true"), pixels=spec.get("pixels", "original"),
                                          weight_decay=spec.get("weight_decay", 0.0), tick=tick)
                interrupted = history.interrupted or stop.requested
                # an unfinished training is kept only as its run's only one (curves average equal lengths)
                if len(history["epoch"]) == epochs or (not histories and history["epoch"]):
                    histories.append(history)
                    extras.append({"first_layer_roughness": roughness(net.weights[0])})
                if interrupted:
                    break
            if histories:
                result_runs[label] = {"settings": _settings(sizes, recipe, spec.get("weight_decay", 0.0),
                                                            spec.get("labels", "true"),
                                                            spec.get("pixels", "original"),
                                                            used or len(data["X_train"]), changes),
                                      "histories": histories, "final": extras}
            if interrupted:
                break
    if interrupted and not callable(progress):   # a widget says it on its status line instead (never the log)
        print(tr("Stopped by you: {title!r} kept {kept} of {runs} runs ({done} of {total} epochs trained).",
                 title=_(title), kept=len(result_runs), runs=len(runs), done=done, total=total))
    return {"experiment": name, "title": title, "data_set": data["data_set"],
            "n_train": n_train or len(data["X_train"]), "n_test": len(data["X_test"]), "epochs": epochs,
            "seeds": seeds, "metrics": list(metrics), "interrupted": interrupted, "runs": result_runs}


# ----- the experiments ----------------------------------------------------------------------------

def shuffled_pixels(data=None, n_train=None, epochs=10, seeds=(0,), progress=True):
    """The videos' network on the original images and on images whose pixels are all
    put through one fixed permutation (training and test alike)."""
    data = data or experiment_data()
    runs = {N_("original pixels"): dict(sizes=VIDEO_NET, recipe="videos", changes="reference"),
            N_("shuffled pixels"): dict(sizes=VIDEO_NET, recipe="videos", pixels="shuffled",
                                        changes="the pixel order only")}
    return _run_all("shuffled_pixels", N_("Shuffled pixels"), data, runs, epochs, seeds, n_train,
                    ["test_accuracy"], progress)


def random_labels(data=None, n_train=500, epochs=60, hidden=100, seeds=(0,), progress=True):
    """A wide one-hidden-layer network on n_train images, with their true labels and with
    the labels shuffled. Cross-entropy cost and 1/sqrt(n_in) initial weights (the
    recipe of section 7), so that memorising takes epochs, not hours."""
    data = data or experiment_data()
    sizes = [784, hidden, 10]
    runs = {N_("true labels"): dict(sizes=sizes, recipe="cross_entropy_scaled", changes="reference"),
            N_("random labels"): dict(sizes=sizes, recipe="cross_entropy_scaled", labels="random",
                                      changes="the training labels only")}
    return _run_all("random_labels", N_("Random labels"), data, runs, epochs, seeds, n_train,
                    ["train_accuracy", "test_accuracy"], progress)


def random_labels_video_net(data=None, n_train=8000, epochs=30, seeds=(0,), progress=True):
    """The videos' 784-16-16-10 network and recipe on n_train images with shuffled labels."""
    data = data or experiment_data()
    runs = {N_("random labels"): dict(sizes=VIDEO_NET, recipe="videos", labels="random",
                                      changes="the training labels")}
    return _run_all("random_labels_video_net", N_("Random labels, the videos' network"), data, runs, epochs, seeds,
                    n_train, ["train_accuracy", "test_accuracy"], progress)


# The titles of the two depths the lesson runs, written out so that the catalogue holds them
# (any other depth gets the same words, untranslated).
_RELU_TITLES = {(784, 16, 16, 10): N_("ReLU vs sigmoid, 784-16-16-10, N(0, 1/n_in) start"),
                (784, 30, 30, 30, 30, 10): N_("ReLU vs sigmoid, 784-30-30-30-30-10, N(0, 1/n_in) start")}


def relu_vs_sigmoid(data=None, n_train=None, epochs=10, sizes=VIDEO_NET, seeds=(0,), progress=True,
                    name="relu_vs_sigmoid"):
    """Sigmoid and ReLU hidden layers with everything else the same: data, layer sizes,
    N(0, 1/n_in) start, quadratic cost, epochs, mini-batches and learning rate 0.3
    (a good one for ReLU); plus the sigmoid at the learning rate that suits it (3)."""
    data = data or experiment_data()
    runs = {N_("sigmoid, η = 0.3"): dict(sizes=sizes, recipe="sigmoid_scaled_slow", changes="reference"),
            N_("ReLU, η = 0.3"): dict(sizes=sizes, recipe="relu_scaled", changes="the activation only"),
            N_("sigmoid, η = 3"): dict(sizes=sizes, recipe="sigmoid_scaled", changes="the learning rate only")}
    title = _RELU_TITLES.get(tuple(sizes), "ReLU vs sigmoid, " + "-".join(map(str, sizes)) + ", N(0, 1/n_in) start")
    return _run_all(name, title, data, runs, epochs, seeds, n_train, ["test_accuracy"], progress)


def relu_vs_sigmoid_deep(data=None, n_train=None, epochs=10, seeds=(0,), progress=True):
    """relu_vs_sigmoid on a deeper net, 784-30-30-30-30-10."""
    return relu_vs_sigmoid(data, n_train, epochs, [784, 30, 30, 30, 30, 10], seeds, progress,
                           name="relu_vs_sigmoid_deep")


def tweaks(data=None, n_train=None, epochs=10, seeds=(0,), progress=True):
    """Nielsen ch. 3's improvements, added one at a time to a 784-30-10 network:
    cross-entropy cost (with the smaller learning rate it needs), 1/sqrt(n_in) initial
    weights, 100 hidden neurons, L2 weight decay."""
    data = data or experiment_data()
    runs = {N_("784-30-10, quadratic cost"): dict(sizes=[784, 30, 10], recipe="videos", changes="reference"),
            N_("+ cross-entropy, η 1.5 → 0.5"): dict(sizes=[784, 30, 10], recipe="cross_entropy",
                                                     changes="the cost and the learning rate"),
            N_("+ 1/√n_in start"): dict(sizes=[784, 30, 10], recipe="cross_entropy_scaled",
                                        changes="the start only"),
            N_("+ 100 hidden"): dict(sizes=[784, 100, 10], recipe="cross_entropy_scaled",
                                     changes="the hidden layer's width only"),
            N_("+ L2 weight decay"): dict(sizes=[784, 100, 10], recipe="cross_entropy_scaled",
                                          weight_decay=NIELSEN_WEIGHT_DECAY, changes="the weight decay only")}
    return _run_all("tweaks", N_("The tweaks toward 98 %"), data, runs, epochs, seeds, n_train,
                    ["test_accuracy"], progress)


# The first-layer pictures of section 1: four nets, each with the recipe that made it.
WEIGHT_NETS = {
    N_("16 hidden (the videos' net)"): dict(sizes=VIDEO_NET, recipe="videos", changes="reference"),
    N_("100 hidden"): dict(sizes=[784, 100, 10], recipe="videos", changes="the hidden layer's width only"),
    N_("100 hidden, 1/√n_in start, cross-entropy"): dict(sizes=[784, 100, 10], recipe="cross_entropy_scaled",
                                                         changes="the width, the start, the cost and the "
                                                                 "learning rate"),
    N_("16 hidden + L2 weight decay"): dict(sizes=VIDEO_NET, recipe="videos", weight_decay=1e-3,
                                            changes="the weight decay only"),
}


def first_layer_weights(data=None, n_train=None, epochs=5, seeds=(0,), progress=True):
    """Train the nets of WEIGHT_NETS; record their curves and how noisy their first-layer pictures are."""
    data = data or experiment_data()
    return _run_all("first_layer_weights", N_("First-layer weights"), data, WEIGHT_NETS, epochs, seeds, n_train,
                    ["test_accuracy"], progress)


def train_weight_net(name, data=None, n_train=None, epochs=5, seed=0):
    """One net of WEIGHT_NETS, trained with its recipe: (network, history)."""
    data = data or experiment_data(full=False)
    spec = dict(WEIGHT_NETS[name])
    spec.pop("changes", None)
    net, history = run_recipe(data, spec.pop("sizes"), spec.pop("recipe"), epochs, seed=seed, n_train=n_train, **spec)
    return net, history


EXPERIMENTS = {f.__name__: f for f in (first_layer_weights, shuffled_pixels, random_labels, random_labels_video_net,
                                       relu_vs_sigmoid, relu_vs_sigmoid_deep, tweaks)}

# The two budgets of every experiment: "live" runs in the notebook (seconds, bundled
# digits; together they keep lesson 05's Run All within 30 s on two cores), "full" is what
# scripts/run_experiments.py runs (minutes; full MNIST when cached).
BUDGETS = {
    "first_layer_weights": {"live": dict(epochs=2), "full": dict(epochs=30, seeds=(0, 1, 2))},
    "shuffled_pixels": {"live": dict(epochs=3), "full": dict(epochs=30, seeds=(0, 1, 2))},
    "random_labels": {"live": dict(n_train=500, epochs=30), "full": dict(n_train=500, epochs=100, seeds=(0, 1, 2))},
    "random_labels_video_net": {"live": dict(n_train=8000, epochs=5),
                                "full": dict(n_train=8000, epochs=30, seeds=(0, 1, 2))},
    "relu_vs_sigmoid": {"live": dict(epochs=3), "full": dict(epochs=30, seeds=(0, 1, 2))},
    "relu_vs_sigmoid_deep": {"live": dict(epochs=3), "full": dict(epochs=30, seeds=(0, 1, 2))},
    "tweaks": {"live": dict(epochs=2), "full": dict(epochs=30, seeds=(0, 1, 2))},
}


def run_experiment(name, size="live", data=None, progress=True):
    """Run experiment `name` with its "live" or "full" budget (BUDGETS) and return its result.

    name: a key of EXPERIMENTS (a near miss is named: "shuffled-pixels" -> did you mean 'shuffled_pixels'?);
    data: None (experiment_data()) or a dict like it; progress: True, False or a function progress(done, total).
    """
    checks.check_one_of("name", name, EXPERIMENTS)
    checks.check_one_of("size", size, BUDGETS[name])
    if data is not None:
        _check_data(data)
    if not isinstance(progress, bool) and not callable(progress):
        raise TypeError(tr("progress must be True, False or a function progress(done, total); got {value}",
                           value=checks.describe(progress)))
    return EXPERIMENTS[name](data=data, progress=progress, **BUDGETS[name][size])
