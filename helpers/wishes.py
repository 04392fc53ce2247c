"""Lesson 03's numbers: one example's "wishes", their average over examples, and mini-batch descent.

What a wish is, exactly. Take ONE training example x with label `label`, its
one-hot target y and the cost of that one example (the videos' cost)
    C_x = sum_j (a_j - y_j)^2 .
The WISH of output neuron j is
    wish_j = y_j - a_j :
its sign says which way a_j should move (up for the right digit, down for the
others) and its size how far a_j is from its target. Since dC_x/da_j = 2 (a_j - y_j),
a wish is exactly half the negative derivative:
    wish = -1/2 dC_x/da .
The same definition, -1/2 times the derivative of C_x, gives every other wish, so
"proportional" (V3's word) is always the one factor 1/2:
    the wish of a neuron k of the layer before the outputs
        wish_k = sum_j w_jk sigma'(z_j) wish_j        (= -1/2 dC_x/da_k)
    the wish for output j's bias           sigma'(z_j) wish_j        (= -1/2 dC_x/db_j)
    the wish for the weight w_jk           a_k sigma'(z_j) wish_j    (= -1/2 dC_x/dw_jk)
Repeating the first line layer by layer gives the wishes of every layer (the
backward pass). Lesson 04's error delta = dC_x/dz is the same thing, scaled:
    delta = -2 sigma'(z) (.) wish .
Math with column vectors as in the videos: one example, one 1-D vector per layer.

Nothing here draws (plots/wishes.py and widgets/wishes.py do): NumPy and the
Network's public methods only.
"""

import functools
import numbers

import numpy as np

from .core import checks
from .core.data import load_digits
from .core.languages import _, tr
from .core.network import Network
from .core.training import SGD, History

__all__ = ["PARTLY_TRAINED", "partly_trained_network", "example_two", "one_example", "layer_wishes",
           "lever_wishes", "hidden_wish_terms", "deltas_from_wishes", "moved_copy",
           "average_of_example_gradients", "WISH_TABLE_ROWS", "parameter_wishes", "wish_table",
           "one_step_effects", "minibatch_directions",
           "BATCH_SIZES", "FULL_BATCH_STEPS", "SGD_PASSES", "SGD_MAX_STEPS", "LEARNING_RATE",
           "sgd_step_budget", "mini_batch_descent", "ONE_STEP_SIZES"]

# ----- the partly trained network and the "2" it gets wrong ----------------------------------

# How the lesson's partly trained network is made: one pass of mini-batch SGD over the first
# 4,000 training digits (400 steps of 10 examples), starting from Network([784, 16, 16, 10], seed=0).
PARTLY_TRAINED = {"sizes": [784, 16, 16, 10], "seed": 0, "examples": 4000, "batch_size": 10,
                  "learning_rate": 1.5, "shuffle_seed": 0}


@functools.cache
def _partly_trained():
    p = PARTLY_TRAINED
    (X, y), _ = load_digits()
    net = Network(p["sizes"], seed=p["seed"])
    net.train(X[:p["examples"]], y[:p["examples"]], epochs=1, batch_size=p["batch_size"],
              learning_rate=p["learning_rate"], seed=p["shuffle_seed"], progress=False)
    return net


def partly_trained_network():
    """A fresh copy of the lesson's partly trained 784-16-16-10 network (see PARTLY_TRAINED).

    Trained just enough that its outputs are mixed, like the half-trained network of
    V3: it is right more often than chance, and often unsure. The result is seeded,
    so every call returns the same numbers; it is made once (about 0.1 s) and cached.
    """
    return _partly_trained().copy()


def example_two(net=None):
    """The lesson's example: (index, x, label) of a training "2" that `net` does not get right yet.

    Rule: among the training 2s whose largest output is NOT the 2-neuron, take the one
    whose ten outputs add up to the most, the most undecided answer (mixed outputs,
    like V3's example). x is the (784,) image, label is 2.
    """
    net = partly_trained_network() if net is None else checks.check_network(net)
    (X, y), _test = load_digits()
    twos = np.flatnonzero(y == 2)
    outputs = net.forward(X[twos])
    wrong = twos[np.argmax(outputs, axis=1) != 2]
    if len(wrong) == 0:
        raise ValueError(_("this network classifies every training 2 correctly; there is no wrong 2 to show"))
    mixed = net.forward(X[wrong]).sum(axis=1)
    index = int(wrong[np.argmax(mixed)])
    return index, X[index], int(y[index])


# ----- wishes: -1/2 times derivatives of one example's cost ----------------------------------

def one_example(net, x, label):
    """(x, y, zs, activations) for one example: checked (784,) image, (10,) one-hot target, forward pass.

    `label` is a digit or a one-hot row. zs[l] and activations[l + 1] are the 1-D
    vectors of the layer weights[l] leads into (activations[0] = x): the videos'
    column vectors laid flat.
    """
    checks.check_network(net)
    checks.check_one_example("x", x, net.sizes[0])
    X, Y = net.check_batch(np.reshape(x, (1, -1)), np.reshape(label, (1, -1)) if np.ndim(label) else [label])
    zs, activations = net.feedforward(X)
    return X[0], Y[0], [z[0] for z in zs], [a[0] for a in activations]


def _sigma_primes(net, zs, activations):
    """sigma'(z) of every layer after the input: [sigma'(z^(1)), ..., sigma'(z^(L))], each 1-D."""
    return [net.layer_function(l)[1](zs[l], activations[l + 1]) for l in range(len(zs))]


def layer_wishes(net, x, label):
    """The wishes of every layer for one example: a list, wishes[l] for layer l = 0 (pixels) ... L.

    wishes[L] = y - a^(L) (the output wishes), and going backwards
        wishes[l] = W^T (sigma'(z^(l+1)) * wishes[l+1]),
    where W = net.weights[l] (rows: neurons of layer l + 1) and * is element-wise.
    Each wishes[l] equals -1/2 dC_x/da^(l) for C_x = sum_j (a_j - y_j)^2.
    """
    _, y, zs, activations = one_example(net, x, label)
    primes = _sigma_primes(net, zs, activations)
    wishes = [None] * len(activations)
    wishes[-1] = y - activations[-1]
    for l in reversed(range(len(net.weights))):          # l: the weights from layer l to layer l + 1
        wishes[l] = net.weights[l].T @ (primes[l] * wishes[l + 1])
    return wishes


def deltas_from_wishes(net, x, label):
    """Lesson 04's errors delta^(l) = dC_x/dz^(l) from lesson 03's wishes, layer l = 1 ... L (index l - 1).

        delta^(l) = -2 sigma'(z^(l)) (.) wish^(l)
    because wish = -1/2 dC_x/da and da/dz = sigma'(z). For one example, BP3 says
    delta^(l) is also dC_x/db^(l): net.gradient(x, label)[1][l - 1].
    """
    _, _, zs, activations = one_example(net, x, label)
    wishes = layer_wishes(net, x, label)
    return [-2.0 * prime * wish for prime, wish in zip(_sigma_primes(net, zs, activations), wishes[1:])]


def lever_wishes(net, x, label, j=None):
    """The three levers on output neuron j (default: the labelled digit's neuron), for one example.

    Returns a dict of 1-D arrays / numbers, each -1/2 times a derivative of C_x:
      "output_wish"      y_j - a_j
      "sigma_prime"      sigma'(z_j)
      "bias"             sigma'(z_j) (y_j - a_j)             raise the bias this much
      "weights"          a_k sigma'(z_j) (y_j - a_j), per k   most for the brightest a_k
      "previous"         w_jk sigma'(z_j) (y_j - a_j), per k  in proportion to the weights
      "previous_activations"  a_k of the layer before (what the weight wishes are made of)
      "incoming_weights" w_jk
    """
    _, y, zs, activations = one_example(net, x, label)
    j = int(np.argmax(y)) if j is None else checks.check_whole_number("j", j, 0, len(y) - 1)
    wish = y[j] - activations[-1][j]
    sp = float(_sigma_primes(net, zs, activations)[-1][j])
    previous = activations[-2]
    incoming = net.weights[-1][j]
    return {"neuron": j, "output_wish": float(wish), "sigma_prime": sp, "bias": sp * wish,
            "weights": previous * sp * wish, "previous": incoming * sp * wish,
            "previous_activations": previous.copy(), "incoming_weights": incoming.copy()}


def hidden_wish_terms(net, x, label):
    """What every output j wishes for every neuron k of the last hidden layer, one example.

    Returns a dict:
      "hidden"         a_k, the last hidden layer's activations, shape (16,)
      "output_wishes"  y_j - a_j, shape (10,)
      "sigma_prime"    sigma'(z_j) of the outputs, shape (10,)
      "weights"        W = net.weights[-1], shape (10, 16): w_jk, to output j from hidden k
      "contributions"  w_jk sigma'(z_j) (y_j - a_j), shape (10, 16): [j, k] is what j asks of k
      "totals"         their sums over j, the summed wishes W^T (sigma' * wish) = -1/2 dC_x/da_k, (16,)
    """
    _, y, zs, activations = one_example(net, x, label)
    output_wishes = y - activations[-1]
    sigma_prime = _sigma_primes(net, zs, activations)[-1]
    W = net.weights[-1]
    contributions = W * (sigma_prime * output_wishes)[:, None]
    return {"hidden": activations[-2], "output_wishes": output_wishes, "sigma_prime": sigma_prime,
            "weights": W, "contributions": contributions, "totals": contributions.sum(axis=0)}


def moved_copy(net, gradient, learning_rate):
    """A copy of `net` moved one step against a gradient computed before: p <- p - learning_rate * dC/dp.

    `gradient` is (nabla_w, nabla_b), e.g. from net.gradient(...). Several step sizes
    along one direction need its gradient once; to walk (a new gradient at every
    step) use net.step. learning_rate = 0 gives an unchanged copy; it must be a finite number >= 0.
    """
    checks.check_network(net)
    _check_gradient(net, gradient)
    checks.check_number("learning_rate", learning_rate, 0)
    twin = net.copy()
    for W, b, gW, gb in zip(twin.weights, twin.biases, *gradient):
        W -= learning_rate * gW
        b -= learning_rate * gb
    return twin


def _check_gradient(net, gradient):
    """(nabla_w, nabla_b): two lists of finite arrays shaped exactly like net.weights and net.biases."""
    expected_w = [W.shape for W in net.weights]
    expected_b = [b.shape for b in net.biases]
    if isinstance(gradient, (str, bytes, np.ndarray)) or not isinstance(gradient, (tuple, list)) \
            or len(gradient) != 2:
        raise TypeError(tr("gradient must be the pair (nabla_w, nabla_b), as net.gradient(X, y) returns it; got "
                           "{value}", value=checks.describe(gradient)))
    for name, given, expected in (("nabla_w", gradient[0], expected_w), ("nabla_b", gradient[1], expected_b)):
        try:
            shapes = [np.shape(g) for g in given]
        except (TypeError, ValueError):
            shapes = None
        if shapes != expected:
            raise ValueError(tr("gradient must be the pair (nabla_w, nabla_b) with the shapes of net.weights "
                                "{shapes_w} and net.biases {shapes_b}; its {name} has shapes {got}", name=name,
                                shapes_w=expected_w, shapes_b=expected_b,
                                got=shapes if shapes is not None else checks.describe(given)))
        if not all(np.all(np.isfinite(g)) for g in given):
            raise ValueError(tr("gradient contains NaN or infinite values (in {name}); a step along it would spoil "
                                "every weight", name=name))


# ----- many examples: the average, and how one example alone misleads ------------------------

def average_of_example_gradients(net, X, y):
    """(nabla_w, nabla_b): each example's gradient of its own cost C_x, then the average.

    Loops over the examples one at a time (slow on purpose: it is what "average the
    wishes of every example" means); net.gradient(X, y) gets the same numbers from
    one vectorized pass, because the cost is the mean of the examples' costs.
    """
    checks.check_network(net)
    X, Y = net.check_batch(X, y)
    total_w = [np.zeros_like(W) for W in net.weights]
    total_b = [np.zeros_like(b) for b in net.biases]
    for i in range(len(X)):
        nabla_w, nabla_b = net.gradient(X[i:i + 1], Y[i:i + 1])
        for t, g in zip(total_w + total_b, nabla_w + nabla_b):
            t += g
    return [t / len(X) for t in total_w], [t / len(X) for t in total_b]


# The rows of the lesson's table of wishes (V3's table): the 2-neuron's bias and one of its weights, the
# biases of two other outputs, two biases and a weight of layer 2, and a weight from the centre pixel
# into hidden neuron 0. ("w", layer, j, k) or ("b", layer, j), layers counted as in the videos.
WISH_TABLE_ROWS = (("b", 3, 2), ("w", 3, 2, 1), ("b", 3, 3), ("b", 3, 8), ("b", 2, 4), ("b", 2, 5),
                   ("w", 2, 0, 0), ("w", 1, 0, 406))


def _parameter(arrays, name):
    """The entry `name` = ("w", layer, j, k) | ("b", layer, j) of (weight arrays, bias arrays)."""
    weights, biases = arrays
    if not isinstance(name, (tuple, list)) or len(name) not in (3, 4) or name[0] not in ("w", "b") \
            or len(name) != (4 if name[0] == "w" else 3):
        raise ValueError(tr("a parameter is (\"w\", layer, j, k) or (\"b\", layer, j), layers counted from 1; "
                            "got {value}", value=checks.describe(name)))
    layer = checks.check_whole_number("layer", name[1], 1, len(weights))
    if name[0] == "w":
        rows, columns = weights[layer - 1].shape
        return weights[layer - 1][checks.check_whole_number("j", name[2], 0, rows - 1),
                                  checks.check_whole_number("k", name[3], 0, columns - 1)]
    return biases[layer - 1][checks.check_whole_number("j", name[2], 0, len(biases[layer - 1]) - 1)]


def parameter_wishes(net, X, y, parameters=WISH_TABLE_ROWS):
    """Each example's wish for each parameter: an array (len(parameters), n_examples).

    The wish of example i for parameter p is the nudge its own cost C_x asks of p, with the
    lesson's scale: -1/2 dC_x/dp (for an output bias, sigma'(z_j)(y_j - a_j), lever 1).
    parameters: ("w", layer, j, k) or ("b", layer, j), layers counted from 1 as in the videos.
    """
    checks.check_network(net)
    X, Y = net.check_batch(X, y)
    table = np.empty((len(parameters), len(X)))
    for i in range(len(X)):
        gradient = net.gradient(X[i:i + 1], Y[i:i + 1])
        table[:, i] = [-0.5 * _parameter(gradient, name) for name in parameters]
    return table


def wish_table(net, X, y, examples, parameters=WISH_TABLE_ROWS):
    """V3's table: rows = weights and biases, columns = a few examples' wishes, last column = the average.

    examples: indices into (X, y) of the columns shown. Returns a dict:
      "parameters"  the rows, as given
      "examples"    [(index, label), ...] of the columns
      "wishes"      (n_rows, n_examples): each example's wish for each parameter (`parameter_wishes`)
      "average"     (n_rows,): the average wish over ALL of X, i.e. -1/2 times the gradient of the cost
                    C = (1/n) sum_x C_x on (X, y), row by row
      "n"           len(X), how many examples that average is over
    """
    checks.check_network(net)
    X, Y = net.check_batch(X, y)
    examples = [checks.check_whole_number("example", i, 0, len(X) - 1) for i in examples]
    wishes = parameter_wishes(net, X[examples], Y[examples], parameters)
    gradient = net.gradient(X, Y)
    average = np.array([-0.5 * _parameter(gradient, name) for name in parameters])
    labels = [int(np.argmax(Y[i])) for i in examples]
    return {"parameters": list(parameters), "examples": list(zip(examples, labels)), "wishes": wishes,
            "average": average, "n": len(X)}


ONE_STEP_SIZES = tuple(np.linspace(0.0, 6.0, 13))   # the step sizes eta that one_step_effects tries


def one_step_effects(net, x, label, X_train, y_train, X_test, y_test, steps=ONE_STEP_SIZES, shown=3.0):
    """What ONE gradient step does to the test digits: along one example's wishes vs along the average.

    For each step size eta in `steps`, two copies of `net` take one step
        p <- p - eta * dC_x/dp    (C_x: the cost of the single example x)
        p <- p - eta * dC/dp      (C: the average cost over all of X_train)
    and are scored on the test digits. Returns a dict of arrays: "steps", the test
    accuracy and the fraction of test digits called `label`, for each direction
    ("one_*" and "average_*"), plus "counts_*": how many test digits each copy gives
    each answer 0-9 at eta = `shown` ("counts_before" for the unchanged network).
    steps and shown: finite numbers >= 0; y_test: one digit per image of X_test.
    """
    x, y, _, _ = one_example(net, x, label)
    label = int(np.argmax(y))
    checks.check_numbers("steps", steps, 0, example="np.linspace(0, 6, 13)")
    checks.check_number("shown", shown, 0)
    before = net.predict(X_test)
    checks.check_labels("y_test", y_test, net.sizes[-1], np.size(before), "X_test")
    result = {"steps": np.asarray(steps, dtype=float), "label": label, "shown": float(shown),
              "counts_before": np.bincount(before, minlength=10)}
    for name, gradient in (("one", net.gradient(x[None], y[None])), ("average", net.gradient(X_train, y_train))):
        accuracy, called = [], []
        for eta in [*result["steps"], shown]:
            answers = moved_copy(net, gradient, float(eta)).predict(X_test)
            accuracy.append(float(np.mean(answers == y_test)))
            called.append(float(np.mean(answers == label)))
        result[f"{name}_accuracy"], result[f"{name}_called"] = np.array(accuracy[:-1]), np.array(called[:-1])
        result[f"counts_{name}"] = np.bincount(answers, minlength=10)
        result[f"{name}_accuracy_shown"], result[f"{name}_called_shown"] = accuracy[-1], called[-1]
    return result


def _flat(gradient):
    """(nabla_w, nabla_b) as one long vector of partial derivatives (13,002 for the videos' network)."""
    return np.concatenate([g.ravel() for g in gradient[0] + gradient[1]])


def minibatch_directions(net, X, y, batch_sizes=(1, 10, 100, 1000), draws=20, seed=0):
    """How well a mini-batch's gradient points the same way as the full gradient on all of X.

    For each batch size, `draws` random mini-batches (seeded, without repeats inside a
    batch); for each, the cosine of the angle between its gradient and the full-batch
    gradient, both as one long vector of 13,002 partial derivatives:
        cos = g_batch . g_full / (|g_batch| |g_full|)     (1: the same direction).
    Returns {batch_size: array of `draws` cosines}. Each batch size from 1 to len(X); 1 <= draws <= 1,000.
    """
    checks.check_network(net)
    X, Y = net.check_batch(X, y)
    if isinstance(batch_sizes, (str, bytes, dict, numbers.Number, np.generic)) or not np.iterable(batch_sizes) \
            or len(batch_sizes) == 0:
        raise TypeError(tr("batch_sizes must be a list of whole numbers such as (1, 10, 100); got {value}",
                           value=checks.describe(batch_sizes)))
    for i, size in enumerate(batch_sizes):
        checks.check_whole_number(f"batch_sizes[{i}]", size, 1, len(X))
    checks.check_whole_number("draws", draws, 1, MAX_DRAWS)
    checks.check_seed(seed)
    full = _flat(net.gradient(X, Y))
    rng = np.random.default_rng(seed)
    cosines = {}
    for size in batch_sizes:
        values = []
        for _draw in range(draws):
            batch = rng.choice(len(X), size=size, replace=False)
            g = _flat(net.gradient(X[batch], Y[batch]))
            lengths = np.linalg.norm(g) * np.linalg.norm(full)
            values.append(float(g @ full / lengths) if lengths > 0 else 0.0)   # a zero gradient: no direction
        cosines[size] = np.array(values)
    return cosines


# ----- the race: full-batch gradient descent against mini-batch SGD --------------------------

BATCH_SIZES = (1, 10, 100, 1000, 8000)
FULL_BATCH_STEPS = 20          # the careful walker: 20 steps, each on all 8,000 examples (it plateaus by then)
SGD_PASSES = 4                 # the quick walker: four shuffled passes through the data ...
SGD_MAX_STEPS = 3200           # ... or 3,200 steps, whichever is fewer (batch size 1 stops at 3,200)
LEARNING_RATE = 1.5            # the same rate for both (the default of Network.train)
MAX_WALK_STEPS = 100_000       # the most steps mini_batch_descent takes (the race's longest walk is 3,200)
MAX_CHECKPOINTS = 10_000
MAX_DRAWS = 1000               # minibatch_directions: more mini-batches per size only take longer


def sgd_step_budget(batch_size, n_examples=8000, passes=SGD_PASSES, max_steps=SGD_MAX_STEPS):
    """How many steps the quick walker takes: `passes` passes through the data, at most `max_steps`."""
    batch_size = checks.check_whole_number("batch_size", batch_size, 1)
    n_examples = checks.check_whole_number("n_examples", n_examples, 1)
    passes = checks.check_whole_number("passes", passes, 1)
    max_steps = checks.check_whole_number("max_steps", max_steps, 1)
    return int(min(max_steps, passes * n_examples // batch_size))


def mini_batch_descent(net, X, y, batch_size, steps, learning_rate=LEARNING_RATE, seed=0, checkpoints=20,
                       progress=None):
    """Gradient descent on mini-batches, in place, by the one training loop (helpers/core/training.py).

    Each pass shuffles the examples (seeded) and cuts them into consecutive batches of
    `batch_size` (the last of a pass may be shorter); each step moves every parameter by
    -learning_rate * the batch's gradient. batch_size >= len(X) is full-batch gradient descent.

    Returns a History: lists "step", "cost", "seconds": the cost on ALL of X after that
    many steps (at about `checkpoints` steps spread evenly on a log scale, every step
    for full batch) and the training time so far (measuring the cost is not counted).
    When the stop button (Ctrl-C) ends the walk early, between two steps, the lists end
    at the step where it stopped and `interrupted` is True. `progress(done)` is called
    now and then with the number of steps taken.

    steps: a whole number from 1 to 100,000; checkpoints: from 1 to 10,000; progress: None or a function.
    batch_size, learning_rate and seed are checked by the training loop.
    """
    checks.check_network(net)
    steps = checks.check_whole_number("steps", steps, 1, MAX_WALK_STEPS)
    checkpoints = checks.check_whole_number("checkpoints", checkpoints, 1, MAX_CHECKPOINTS)
    checks.check_function("progress", progress)
    sgd = SGD(net, X, y, learning_rate, batch_size, seed=seed)
    if batch_size >= len(sgd.X):
        marks = set(range(1, steps + 1))
    else:
        marks = set(np.geomspace(1, steps, checkpoints).astype(int).tolist()) | {steps}
    history = History(step=[0], cost=[net.evaluate(sgd.X, sgd.Y)[0]], seconds=[0.0])
    every = max(1, steps // 50)

    def measure(_batch_cost):
        if sgd.steps in marks:
            _record(history, sgd, net)
        if progress is not None and (sgd.steps % every == 0 or sgd.steps == steps):
            progress(sgd.steps)

    sgd.run(steps=steps, after_step=measure)
    if sgd.interrupted and history["step"][-1] != sgd.steps:     # a stopped walk ends where it stopped
        _record(history, sgd, net)
    history.interrupted = sgd.interrupted
    return history


def _record(history, sgd, net):
    history["step"].append(sgd.steps)
    history["cost"].append(net.evaluate(sgd.X, sgd.Y)[0])
    history["seconds"].append(sgd.seconds)
