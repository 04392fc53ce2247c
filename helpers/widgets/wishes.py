"""Lesson 03 (what backpropagation is really doing): the math of "wishes", and three widgets.

What a wish is, exactly. Take ONE training example x with label `label`, its
one-hot target y and the cost of that one example (the videos' cost)
    C_0 = sum_j (a_j - y_j)^2 .
The WISH of output neuron j is
    wish_j = y_j - a_j :
its sign says which way a_j should move (up for the right digit, down for the
others) and its size how far a_j is from its target. Lesson 04 shows that
-dC_0/da_j = 2 (y_j - a_j), so a wish is exactly half the negative derivative:
    wish = -1/2 dC_0/da .
The same definition, -1/2 times the derivative of C_0, gives every other wish
in this lesson, so "proportional" is always the one factor 1/2:
    the wish of a neuron k of the layer before the outputs
        wish_k = sum_j w_jk sigma'(z_j) wish_j        (= -1/2 dC_0/da_k)
    the wish for output j's bias           sigma'(z_j) wish_j        (= -1/2 dC_0/db_j)
    the wish for the weight w_jk           a_k sigma'(z_j) wish_j    (= -1/2 dC_0/dw_jk)
and repeating the first line layer by layer gives the wishes of every layer
(the backward pass). Math with column vectors as in the videos: `layer_wishes`
works on one example, a 1-D vector per layer.

Widgets (each a LessonWidget; drive them from code with .set(...) and read .values):
    output_wishes()      the "2" example: ten outputs, their targets and wishes; step along them
    hidden_wish()        one last-hidden neuron k: what each output wants from it, and the sum
    sgd_vs_full_batch()  full-batch gradient descent against mini-batch SGD on the real network
"""

import time

import ipywidgets
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..activations import ACTIVATIONS, sigmoid_prime
from ..data import load_digits
from ..network import Network
from ..plots.palette import negative_color, positive_color
from ._base import FigureImage, LessonWidget, int_slider, number, readout, slider

__all__ = ["output_wishes", "hidden_wish", "sgd_vs_full_batch", "partly_trained_network", "example_two",
           "layer_wishes", "lever_wishes", "average_of_example_gradients", "one_step_effects",
           "minibatch_directions", "mini_batch_descent", "sgd_step_budget",
           "PARTLY_TRAINED", "OutputWishes", "HiddenWish", "SgdVsFullBatch"]

BAR_GREY = "#9a9a9a"        # activations: neither positive nor negative, so not a palette colour
FULL_BATCH_COLOR = "#222222"
# One colour per mini-batch size (curves, not weights: these colours carry no sign).
SGD_COLORS = {1: "#9ecae1", 10: "#4c72b0", 100: "#8172b3", 1000: "#dd8452", 8000: "#937860"}

# ----- the partly trained network and the "2" it gets wrong ----------------------------------

# How the lesson's partly trained network is made: one pass of mini-batch SGD over the first
# 4,000 training digits (400 steps of 10 examples), starting from Network([784, 16, 16, 10], seed=0).
PARTLY_TRAINED = {"sizes": [784, 16, 16, 10], "seed": 0, "examples": 4000, "batch_size": 10,
                  "learning_rate": 1.5, "shuffle_seed": 0}
_cache = {}


def partly_trained_network():
    """A fresh copy of the lesson's partly trained 784-16-16-10 network (see PARTLY_TRAINED).

    Trained just enough that its outputs are mixed, like the half-trained network of
    V3: it is right more often than chance, and often unsure. The result is seeded,
    so every call returns the same numbers; it is made once (about 0.1 s) and cached.
    """
    if "net" not in _cache:
        p = PARTLY_TRAINED
        (X, y), _ = load_digits()
        net = Network(p["sizes"], seed=p["seed"])
        net.train(X[:p["examples"]], y[:p["examples"]], epochs=1, batch_size=p["batch_size"],
                  learning_rate=p["learning_rate"], seed=p["shuffle_seed"], progress=False)
        _cache["net"] = net
    return _cache["net"].copy()


def example_two(net=None):
    """The lesson's example: (index, x, label) of a training "2" that `net` does not get right yet.

    Rule: among the training 2s whose largest output is NOT the 2-neuron, take the one
    whose ten outputs add up to the most, the most undecided answer (mixed outputs,
    like V3's example). x is the (784,) image, label is 2.
    """
    net = partly_trained_network() if net is None else net
    (X, y), _ = load_digits()
    twos = np.flatnonzero(y == 2)
    outputs = net.forward(X[twos])
    wrong = twos[np.argmax(outputs, axis=1) != 2]
    if len(wrong) == 0:
        raise ValueError("this network classifies every training 2 correctly; there is no wrong 2 to show")
    mixed = net.forward(X[wrong]).sum(axis=1)
    index = int(wrong[np.argmax(mixed)])
    return index, X[index], int(y[index])


# ----- wishes: -1/2 times derivatives of one example's cost ----------------------------------

def _one_example(net, x, label):
    """Checked (784,) image and (10,) one-hot target, plus the forward pass's zs and activations.

    zs[l] and activations[l + 1] are 1-D vectors of layer l + 1 (activations[0] = x), the
    videos' column vectors laid flat.
    """
    X, Y = net.check_batch(np.reshape(x, (1, -1)), np.reshape(label, (1, -1)) if np.ndim(label) else [label])
    zs, activations = net.feedforward(X)
    return X[0], Y[0], [z[0] for z in zs], [a[0] for a in activations]


def _prime(net, layer, z, a):
    """sigma'(z) of layer `layer` (1 = first hidden ... L = output); the output layer is always sigmoid."""
    if layer == len(net.sizes) - 1:
        return sigmoid_prime(z, a)
    return ACTIVATIONS[net.activation][1](z, a)


def layer_wishes(net, x, label):
    """The wishes of every layer for one example: a list, wishes[l] for layer l = 0 (pixels) ... L.

    wishes[L] = y - a^(L) (the output wishes), and going backwards
        wishes[l] = W^T (sigma'(z^(l+1)) * wishes[l+1]),
    where W = net.weights[l] (rows: neurons of layer l + 1) and * is element-wise.
    Each wishes[l] equals -1/2 dC_0/da^(l) for C_0 = sum_j (a_j - y_j)^2.
    """
    x, y, zs, activations = _one_example(net, x, label)
    wishes = [None] * len(activations)
    wishes[-1] = y - activations[-1]
    for l in range(len(net.weights) - 1, -1, -1):          # l: the weights from layer l to layer l + 1
        moved = _prime(net, l + 1, zs[l], activations[l + 1]) * wishes[l + 1]
        wishes[l] = net.weights[l].T @ moved
    return wishes


def lever_wishes(net, x, label, j=None):
    """The three levers on output neuron j (default: the labelled digit's neuron), for one example.

    Returns a dict of 1-D arrays / numbers, each -1/2 times a derivative of C_0:
      "output_wish"      y_j - a_j
      "sigma_prime"      sigma'(z_j)
      "bias"             sigma'(z_j) (y_j - a_j)             raise the bias this much
      "weights"          a_k sigma'(z_j) (y_j - a_j), per k   most for the brightest a_k
      "previous"         w_jk sigma'(z_j) (y_j - a_j), per k  in proportion to the weights
      "previous_activations"  a_k of the layer before (what the weight wishes are made of)
      "incoming_weights" w_jk
    """
    x, y, zs, activations = _one_example(net, x, label)
    j = int(np.argmax(y)) if j is None else int(j)
    wish = y[j] - activations[-1][j]
    sp = float(sigmoid_prime(zs[-1][j], activations[-1][j]))
    previous = activations[-2]
    incoming = net.weights[-1][j]
    return {"neuron": j, "output_wish": float(wish), "sigma_prime": sp, "bias": sp * wish,
            "weights": previous * sp * wish, "previous": incoming * sp * wish,
            "previous_activations": previous.copy(), "incoming_weights": incoming.copy()}


def average_of_example_gradients(net, X, y):
    """(nabla_w, nabla_b): each example's gradient of its own cost C_x, then the average.

    Loops over the examples one at a time (slow on purpose: it is what "average the
    wishes of every example" means); net.gradient(X, y) gets the same numbers from
    one vectorized pass, because the cost is the mean of the examples' costs.
    """
    X, Y = net.check_batch(X, y)
    total_w = [np.zeros_like(W) for W in net.weights]
    total_b = [np.zeros_like(b) for b in net.biases]
    for i in range(len(X)):
        nabla_w, nabla_b = net.gradient(X[i:i + 1], Y[i:i + 1])
        for t, g in zip(total_w + total_b, nabla_w + nabla_b):
            t += g
    return [t / len(X) for t in total_w], [t / len(X) for t in total_b]


def one_step_effects(net, x, label, X_train, y_train, X_test, y_test, steps=np.linspace(0.0, 6.0, 13), shown=3.0):
    """What ONE gradient step does to the test digits: along one example's wishes vs along the average.

    For each step size eta in `steps`, two copies of `net` take one step
        p <- p - eta * dC_0/dp    (C_0: the cost of the single example x)
        p <- p - eta * dC/dp      (C: the average cost over all of X_train)
    and are scored on the test digits. Returns a dict of arrays: "steps", the test
    accuracy and the fraction of test digits called `label`, for each direction
    ("one_*" and "average_*"), plus "counts_*": how many test digits each copy gives
    each answer 0-9 at eta = `shown` ("counts_before" for the unchanged network).
    """
    x, y, _, _ = _one_example(net, x, label)
    label = int(np.argmax(y))
    one = net.gradient(x[None], y[None])
    average = net.gradient(X_train, y_train)
    result = {"steps": np.asarray(steps, dtype=float), "label": label, "shown": float(shown),
              "counts_before": np.bincount(net.predict(X_test), minlength=10)}
    for name, gradient in (("one", one), ("average", average)):
        accuracy, called = [], []
        for eta in list(result["steps"]) + [shown]:
            twin = net.copy()
            _step(twin, *gradient, eta)
            answers = twin.predict(X_test)
            accuracy.append(float(np.mean(answers == y_test)))
            called.append(float(np.mean(answers == label)))
        result[f"{name}_accuracy"], result[f"{name}_called"] = np.array(accuracy[:-1]), np.array(called[:-1])
        result[f"counts_{name}"] = np.bincount(answers, minlength=10)
        result[f"{name}_accuracy_shown"], result[f"{name}_called_shown"] = accuracy[-1], called[-1]
    return result


def minibatch_directions(net, X, y, batch_sizes=(1, 10, 100, 1000), draws=20, seed=0):
    """How well a mini-batch's gradient points the same way as the full gradient on all of X.

    For each batch size, `draws` random mini-batches (seeded, without repeats inside a
    batch); for each, the cosine of the angle between its gradient and the full-batch
    gradient, both as one long vector of 13,002 partial derivatives:
        cos = g_batch . g_full / (|g_batch| |g_full|)     (1: the same direction).
    Returns {batch_size: array of `draws` cosines}.
    """
    X, Y = net.check_batch(X, y)
    full = np.concatenate([g.ravel() for g in sum(net.gradient(X, Y), [])])
    rng = np.random.default_rng(seed)
    cosines = {}
    for size in batch_sizes:
        values = []
        for _ in range(draws):
            batch = rng.choice(len(X), size=size, replace=False)
            g = np.concatenate([g.ravel() for g in sum(net.gradient(X[batch], Y[batch]), [])])
            lengths = np.linalg.norm(g) * np.linalg.norm(full)
            values.append(float(g @ full / lengths) if lengths > 0 else 0.0)   # a zero gradient: no direction
        cosines[size] = np.array(values)
    return cosines


def _step(net, nabla_w, nabla_b, learning_rate):
    """One gradient-descent step in place: every parameter p <- p - learning_rate * dC/dp."""
    for W, b, gW, gb in zip(net.weights, net.biases, nabla_w, nabla_b):
        W -= learning_rate * gW
        b -= learning_rate * gb


def _colors(values):
    """Positive palette colour where a value is >= 0, negative colour where it is < 0."""
    pos, neg = positive_color(), negative_color()
    return [pos if v >= 0 else neg for v in values]


# ----- widget 1: the "2" example -----------------------------------------------------------

class OutputWishes(LessonWidget):
    """Ten output bars, their targets and their wishes; a slider steps along this one example's wishes.

    The step is one gradient-descent step on C_0, the cost of this ONE example:
        p <- p - eta * dC_0/dp   for every weight and bias p
    applied to a copy of the network (so the lesson's network never changes).
    Because every wish is -1/2 dC_0/d(something), this is the same as moving every
    parameter by 2 eta times its wish. Arrows: from a_j, length y_j - a_j (they end
    on the target); drawn for the activations after the step.
    """

    def __init__(self, net=None, x=None, label=None, index=None, max_step=3.0):
        super().__init__()
        if net is None:
            net = partly_trained_network()
        if x is None:
            index, x, label = example_two(net)
        self.net, self.index = net, index
        self.x, self.target, _, start = _one_example(net, x, label)
        self.label = int(np.argmax(self.target))
        self.start = start[-1]
        # The step direction is fixed: the gradient of C_0 at the starting network.
        self.cost_start, (self.nabla_w, self.nabla_b) = net.cost_and_gradient(self.x[None], self.target[None])
        self.controls["step"] = slider("step size η along this example's wishes", 0.0, 0.0, max_step, 0.05,
                                       "step", continuous=True, width="460px")
        self.summary = readout("cost")
        self.table = readout("outputs")
        self.view = FigureImage(figsize=(8.2, 3.3), dpi=80, layout="constrained")
        self._build_figure()
        self.children = [self.controls["step"], self.summary, self.view.widget, self.table, self.status]
        self._start()

    def _build_figure(self):
        fig = self.view.figure
        image_ax, ax = fig.subplots(1, 2, width_ratios=[1, 2.6])
        image_ax.imshow(self.x.reshape(28, 28), cmap="gray", vmin=0, vmax=1)
        image_ax.set_title(f"training digit {self.index}: a {self.label}" if self.index is not None
                           else f"the example: a {self.label}")
        image_ax.set_xticks([])
        image_ax.set_yticks([])
        digits = np.arange(10)
        self.bars = ax.bar(digits, self.start, width=0.7, color=BAR_GREY, alpha=0.85)
        ghosts = ax.bar(digits, self.start, width=0.7, facecolor="none", edgecolor="#555555", linestyle=":")
        ax.plot(digits, self.target, linestyle="none", marker="_", markersize=22, markeredgewidth=2.5,
                color="black")
        self.arrows = ax.quiver(digits, self.start, np.zeros(10), self.target - self.start,
                                angles="xy", scale_units="xy", scale=1, width=0.012, minlength=0,
                                color=_colors(self.target - self.start))
        ax.set_xticks(digits)
        ax.set_xlim(-0.6, 9.6)
        ax.set_ylim(-0.05, 1.12)
        ax.set_xlabel("output neuron j (the digit it stands for)")
        ax.set_ylabel("activation $a_j$")
        self.bar_axes = ax
        handles = [Patch(color=BAR_GREY, label="activation after the step"),
                   Patch(facecolor="none", edgecolor="#555555", linestyle=":", label="activation before"),
                   Line2D([], [], color="black", marker="_", linestyle="none", markersize=14,
                          markeredgewidth=2.5, label="target $y_j$"),
                   Line2D([], [], color=positive_color(), marker="^", linestyle="none", label="wish up: $y_j-a_j>0$"),
                   Line2D([], [], color=negative_color(), marker="v", linestyle="none", label="wish down: $y_j-a_j<0$")]
        ax.legend(handles=handles, loc="upper right", fontsize=7.5, framealpha=0.9)
        ax.set_title(" ")
        self.view.animate(*self.bars, *ghosts, self.arrows, ax.title)   # outlines on top of the bars

    def nudged_network(self, step):
        """A copy of the network after one gradient step of size `step` on this example's cost."""
        twin = self.net.copy()
        _step(twin, self.nabla_w, self.nabla_b, step)
        return twin

    def update(self):
        started = time.perf_counter()
        eta = float(self.controls["step"].value)
        twin = self.nudged_network(eta)
        after = twin.forward(self.x)
        cost_after = twin.cost(self.x[None], self.target[None])
        self.numeric_ms = (time.perf_counter() - started) * 1000
        wishes = self.target - after
        self.values = {"step": eta, "label": self.label, "cost_before": float(self.cost_start),
                       "cost_after": float(cost_after), "activations_before": self.start.tolist(),
                       "activations_after": after.tolist(), "wishes_before": (self.target - self.start).tolist(),
                       "wishes_after": wishes.tolist(), "answer_before": int(np.argmax(self.start)),
                       "answer_after": int(np.argmax(after))}
        for bar, height in zip(self.bars, after):
            bar.set_height(height)
        self.arrows.set_offsets(np.column_stack([np.arange(10), after]))
        self.arrows.set_UVC(np.zeros(10), wishes)
        self.arrows.set_color(_colors(wishes))
        self.bar_axes.set_title(f"cost of this example $C_0$: {self.cost_start:.4f} → {cost_after:.4f}   (η = {eta:.2f})")
        v = self.values
        self.summary.value = (f"Step size η = <b>{eta:.2f}</b> · cost of this one example "
                              f"C<sub>0</sub> = Σ<sub>j</sub>(a<sub>j</sub> − y<sub>j</sub>)² : "
                              f"<b>{number(v['cost_before'], 4)}</b> before → <b>{number(v['cost_after'], 4)}</b> after · "
                              f"the network's answer: {v['answer_before']} → <b>{v['answer_after']}</b>")
        cells = "".join(f"<th style='padding:0 6px'>{j}</th>" for j in range(10))
        row = lambda name, xs: (f"<tr><td style='padding-right:8px'>{name}</td>"
                                + "".join(f"<td style='padding:0 6px;text-align:right'>{x:+.3f}</td>" for x in xs) + "</tr>")
        self.table.value = ("<table style='font-family:monospace;font-size:12px'>"
                            f"<tr><td>output neuron j</td>{cells}</tr>"
                            + row("a<sub>j</sub> before", self.start) + row("a<sub>j</sub> after", after)
                            + row("wish y<sub>j</sub> − a<sub>j</sub> now", wishes) + "</table>")
        self.view.redraw()


def output_wishes(net=None, x=None, label=None, max_step=3.0):
    """Lesson 03, section 1: the example's ten outputs, their targets, their wishes, and a step along them.

    Defaults: the lesson's partly trained network and the training "2" it gets wrong
    (partly_trained_network(), example_two()). The slider sets eta in
    p <- p - eta dC_0/dp, one gradient step on this example's cost alone.
    """
    index = None
    if net is None and x is None:
        net = partly_trained_network()
        index, x, label = example_two(net)
    return OutputWishes(net, x, label, index=index, max_step=max_step)


# ----- widget 2: one hidden neuron's summed wish ---------------------------------------------

class HiddenWish(LessonWidget):
    """What every output neuron j wishes for one neuron k of the last hidden layer, and the sum.

    Plotted for neuron k, one bar per output j:
        contribution_jk = w_jk * sigma'(z_j) * (y_j - a_j)
    (the weight from k to j, times how easily output j moves, times how much output j
    wants to move), and their total, the summed wish of neuron k:
        wish_k = sum_j contribution_jk = -1/2 dC_0/da_k .
    """

    def __init__(self, net=None, x=None, label=None, index=None):
        super().__init__()
        if net is None:
            net = partly_trained_network()
        if x is None:
            index, x, label = example_two(net)
        self.net, self.index = net, index
        x, y, zs, activations = _one_example(net, x, label)
        self.label = int(np.argmax(y))
        self.hidden = activations[-2]                           # a^(L-1), 16 values
        self.output_wish = y - activations[-1]                  # y_j - a_j
        self.sigma_prime = sigmoid_prime(zs[-1], activations[-1])
        self.W = net.weights[-1]                                # (10, 16): w_jk, to j from k
        self.contributions = self.W * (self.sigma_prime * self.output_wish)[:, None]   # (10, 16)
        self.totals = self.contributions.sum(axis=0)            # = W^T (sigma' * wish)
        n_hidden = self.W.shape[1]
        self.controls["neuron"] = int_slider("hidden neuron k", 0, 0, n_hidden - 1, "neuron", width="420px")
        self.summary = readout("hidden-wish")
        self.note = readout("push")
        self.view = FigureImage(figsize=(8.6, 3.4), dpi=80, layout="constrained")
        self._build_figure()
        self.children = [self.controls["neuron"], self.summary, self.view.widget, self.note, self.status]
        self._start()

    def _build_figure(self):
        left, right = self.view.figure.subplots(1, 2, width_ratios=[1.25, 1])
        positions = np.arange(10)
        self.bars = left.bar(positions, np.zeros(10), width=0.7)
        self.total_bar = left.bar([11], [0.0], width=0.9, color="#333333")[0]
        left.axhline(0, color="black", linewidth=0.8)
        left.axvline(10.1, color="#999999", linewidth=0.8, linestyle=":")
        limit = 1.15 * max(np.abs(self.contributions).max(), np.abs(self.totals).max(), 1e-12)
        left.set_ylim(-limit, limit)
        left.set_xticks(list(positions) + [11], [str(j) for j in positions] + ["sum"])
        left.set_xlim(-0.7, 11.7)
        left.set_xlabel("output neuron j")
        left.set_ylabel(r"$w_{jk}\,\sigma'(z_j)\,(y_j-a_j)$")
        left.legend(handles=[Patch(color=positive_color(), label="wants k brighter"),
                             Patch(color=negative_color(), label="wants k dimmer"),
                             Patch(color="#333333", label="sum: the wish of k")], loc="lower left", fontsize=7.5)
        self.left = left
        k_all = np.arange(len(self.totals))
        self.all_bars = right.bar(k_all, self.totals, width=0.7, color=_colors(self.totals))
        right.axhline(0, color="black", linewidth=0.8)
        right.set_xticks(k_all[::3])
        right.set_xlabel("neuron k of the last hidden layer")
        right.set_ylabel(r"wish of $k$ $= -\frac{1}{2}\,\partial C_0/\partial a_k$")
        right.set_title("every last-hidden neuron's summed wish", fontsize=10)
        self.right = right
        left.set_title(" ", fontsize=10)
        self.view.animate(*self.bars, self.total_bar, *self.all_bars, left.title)

    def update(self):
        started = time.perf_counter()
        k = int(self.controls["neuron"].value)
        column = self.contributions[:, k]
        total = float(self.totals[k])
        order = np.argsort(-np.abs(column))
        up = [int(j) for j in order if column[j] > 0]
        down = [int(j) for j in order if column[j] < 0]
        self.numeric_ms = (time.perf_counter() - started) * 1000
        self.values = {"neuron": k, "activation": float(self.hidden[k]), "contributions": column.tolist(),
                       "total": total, "weights": self.W[:, k].tolist(), "output_wishes": self.output_wish.tolist(),
                       "sigma_prime": self.sigma_prime.tolist(), "push_up": up, "push_down": down}
        for bar, height, colour in zip(self.bars, column, _colors(column)):
            bar.set_height(height)
            bar.set_color(colour)
        self.total_bar.set_height(total)
        for i, bar in enumerate(self.all_bars):
            bar.set_edgecolor("black" if i == k else "none")
            bar.set_linewidth(2.0 if i == k else 0.0)
        self.left.set_title(f"what each output wants from hidden neuron k = {k}", fontsize=10)
        direction = "brighter" if total > 0 else "dimmer"
        self.summary.value = (f"Hidden neuron k = <b>{k}</b>: activation a<sub>k</sub> = {self.hidden[k]:.3f} · "
                              f"summed wish Σ<sub>j</sub> w<sub>jk</sub> σ′(z<sub>j</sub>)(y<sub>j</sub> − a<sub>j</sub>) = "
                              f"<b>{total:+.5f}</b>: all outputs together want it <b>{direction}</b>")

        def amount(c):     # tiny contributions (a saturated output: sigma' near 0) in scientific notation
            return f"{c:+.4f}" if abs(c) >= 1e-3 else f"{c:+.1e}"

        def describe(js):
            return ", ".join(f"{j} ({'wants up' if self.output_wish[j] > 0 else 'wants down'}, "
                             f"w<sub>{j}k</sub> = {self.W[j, k]:+.2f}: {amount(column[j])})" for j in js[:3]) or "none"
        self.note.value = (f"<b>Pushing k up</b> (largest first): outputs {describe(up)}.<br>"
                           f"<b>Pushing k down</b>: outputs {describe(down)}.<br>"
                           "An output that wants to go <i>up</i> asks for more of k when its weight from k is "
                           "positive; an output that wants to go <i>down</i> asks for <i>less</i> of k then.")
        self.view.redraw()


def hidden_wish(net=None, x=None, label=None):
    """Lesson 03, section 3: choose a last-hidden neuron k; see each output's wish for it and the sum.

    Bars: w_jk sigma'(z_j) (y_j - a_j) for j = 0..9, and their sum = -1/2 dC_0/da_k.
    Defaults: the lesson's partly trained network and its wrong "2".
    """
    index = None
    if net is None and x is None:
        net = partly_trained_network()
        index, x, label = example_two(net)
    return HiddenWish(net, x, label, index=index)


# ----- widget 3: stochastic gradient descent against full-batch gradient descent -------------

BATCH_SIZES = (1, 10, 100, 1000, 8000)
FULL_BATCH_STEPS = 20          # the careful walker: 20 steps, each on all 8,000 examples (it plateaus by then)
SGD_PASSES = 4                 # the quick walker: four shuffled passes through the data ...
SGD_MAX_STEPS = 3200           # ... or 3,200 steps, whichever is fewer (batch size 1 stops at 3,200)
LEARNING_RATE = 1.5            # the same rate for both (the default of Network.train)


def sgd_step_budget(batch_size, n_examples=8000, passes=SGD_PASSES, max_steps=SGD_MAX_STEPS):
    """How many steps the quick walker takes: `passes` passes through the data, at most `max_steps`."""
    return int(min(max_steps, passes * n_examples // batch_size))


def mini_batch_descent(net, X, y, batch_size, steps, learning_rate=LEARNING_RATE, seed=0, checkpoints=20, progress=None):
    """Gradient descent on mini-batches, in place; returns what happened along the way.

    Each pass shuffles the examples (seeded) and cuts them into consecutive batches of
    `batch_size`; each step moves every parameter by -learning_rate * the batch's
    gradient. batch_size = len(X) is full-batch gradient descent.

    Returns a dict of lists "step", "cost", "seconds": the cost on ALL of X after
    that many steps (at about `checkpoints` steps spread evenly on a log scale, plus
    every step when batch_size = len(X), where the cost comes free with the gradient),
    and the training time so far (measuring the cost is not counted).
    `progress(done)` is called now and then with the number of steps taken.
    """
    X, Y = net.check_batch(X, y)
    rng = np.random.default_rng(seed)
    full = batch_size >= len(X)
    marks = set(np.unique(np.geomspace(1, steps, checkpoints).astype(int)).tolist()) | {steps}
    history = {"step": [0], "cost": [net.cost(X, Y)], "seconds": [0.0]}
    clock, order, position = 0.0, rng.permutation(len(X)), 0
    every = max(1, steps // 50)
    for step in range(1, steps + 1):
        started = time.perf_counter()
        if position + batch_size > len(X) and not full:
            order, position = rng.permutation(len(X)), 0
        if full:      # every example, every step: shuffling changes nothing, so skip the copy
            cost, (nabla_w, nabla_b) = net.cost_and_gradient(X, Y)
        else:
            batch = order[position:position + batch_size]
            position += batch_size
            cost, (nabla_w, nabla_b) = net.cost_and_gradient(X[batch], Y[batch])
        _step(net, nabla_w, nabla_b, learning_rate)
        clock += time.perf_counter() - started
        if full and step > 1:
            # that cost was measured at the parameters after step - 1 steps, before this step
            history["step"].append(step - 1)
            history["cost"].append(cost)
            history["seconds"].append(seconds_before)
        if step in marks and not (full and step < steps):
            history["step"].append(step)
            history["cost"].append(net.cost(X, Y))
            history["seconds"].append(clock)
        seconds_before = clock
        if progress is not None and (step % every == 0 or step == steps):
            progress(step)
    return history


class SgdVsFullBatch(LessonWidget):
    """The careful walker (full batch) against the quick, stumbling walker (mini-batch SGD).

    Both start from Network([784, 16, 16, 10], seed=0) on the 8,000 training digits, with
    the videos' cost and learning rate 1.5, float64. Budgets are fixed step counts, so
    every cost shown is the same on every run; only the seconds depend on the machine:
      full batch: FULL_BATCH_STEPS steps, each on all 8,000 examples;
      SGD: SGD_PASSES shuffled passes, at most SGD_MAX_STEPS steps (sgd_step_budget(batch_size)).
    The Run button (or .run()) trains; results are kept per batch size, so moving the
    slider back shows an earlier run again. The full-batch run is made once.
    """

    def __init__(self, seed=0, full_batch_steps=FULL_BATCH_STEPS, passes=SGD_PASSES, max_steps=SGD_MAX_STEPS):
        super().__init__()
        self.seed = seed
        self.full_batch_steps, self.passes, self.max_steps = full_batch_steps, passes, max_steps
        (self.X, self.y), _ = load_digits()
        self.results = {}
        self.full = None
        self.controls["batch_size"] = ipywidgets.SelectionSlider(
            options=list(BATCH_SIZES), value=10, description="SGD mini-batch size", continuous_update=False,
            style={"description_width": "initial"}, layout=ipywidgets.Layout(width="420px"))
        self.controls["batch_size"].add_class("nudge-slider-batch-size")
        self.run_button = ipywidgets.Button(description="Run", button_style="primary", icon="play")
        self.run_button.add_class("nudge-button-run")
        self.run_button.on_click(lambda _: self.run())
        self.progress = ipywidgets.IntProgress(value=0, min=0, max=1, description="",
                                               layout=ipywidgets.Layout(width="260px"))
        self.summary = readout("sgd")
        self.view = FigureImage(figsize=(9.0, 3.5), dpi=80, layout="constrained")
        self._build_figure()
        self.children = [ipywidgets.HBox([self.controls["batch_size"], self.run_button, self.progress]),
                         self.summary, self.view.widget, self.status]
        self._start()

    def _build_figure(self):
        by_step, by_time = self.view.figure.subplots(1, 2)
        self.axes = (by_step, by_time)
        self.full_lines = [ax.plot([], [], color=FULL_BATCH_COLOR, linewidth=1.8, marker=".", markersize=4, zorder=3,
                                   label=f"full batch ({len(self.X):,} per step)")[0] for ax in self.axes]
        self.sgd_lines = {size: [ax.plot([], [], color=SGD_COLORS[size], linewidth=1, alpha=0.45,
                                         label=f"SGD, batches of {size:,}")[0] for ax in self.axes]
                          for size in BATCH_SIZES}
        for ax in self.axes:
            ax.set_xscale("log")
            ax.set_ylabel("cost C on all 8,000 training digits")
            ax.grid(True, which="major", alpha=0.3)
        by_step.set_xlabel("steps taken (log scale)")
        by_step.set_title("cost vs steps", fontsize=10)
        by_time.set_xlabel("seconds of training (log scale)")
        by_time.set_title("cost vs seconds", fontsize=10)
        self.start_lines = [ax.axhline(np.nan, color="#888888", linestyle="--", linewidth=1, label="cost at the start")
                            for ax in self.axes]

    def sgd_steps(self, batch_size):
        """Steps of the quick walker for this batch size: `passes` passes, at most `max_steps`."""
        return sgd_step_budget(batch_size, len(self.X), self.passes, self.max_steps)

    def _report(self, done, total, what):
        self.progress.value = done
        self.status.value = f"training: {what}: step {done:,} of {total:,}"

    def run(self):
        """Train what is missing for the chosen batch size, then show it. Returns self.values."""
        size = int(self.controls["batch_size"].value)
        self.run_button.disabled = True
        todo = (0 if self.full else self.full_batch_steps) + (0 if size in self.results else self.sgd_steps(size))
        self.progress.max, self.progress.value = max(todo, 1), 0
        try:
            offset = 0
            if self.full is None:
                net = Network([784, 16, 16, 10], seed=self.seed)
                self.full = mini_batch_descent(net, self.X, self.y, len(self.X), self.full_batch_steps, seed=self.seed,
                                    progress=lambda d: self._report(d, todo, "full batch"))
                offset = self.full_batch_steps
            if size not in self.results:
                net = Network([784, 16, 16, 10], seed=self.seed)
                self.results[size] = mini_batch_descent(net, self.X, self.y, size, self.sgd_steps(size), seed=self.seed,
                                             progress=lambda d: self._report(offset + d, todo, f"SGD, batches of {size}"))
            self.progress.value = self.progress.max
        finally:
            self.run_button.disabled = False
        self.status.value = ""
        self.refresh()
        return self.values

    def update(self):
        size = int(self.controls["batch_size"].value)
        for s, (line_step, line_time) in self.sgd_lines.items():
            result = self.results.get(s)
            if result is None:
                continue
            for line, xs in ((line_step, result["step"][1:]), (line_time, result["seconds"][1:])):
                line.set_data(xs, result["cost"][1:])
                line.set_alpha(1.0 if s == size else 0.45)
                line.set_linewidth(2.2 if s == size else 1.0)
        if self.full is not None:
            self.full_lines[0].set_data(self.full["step"][1:], self.full["cost"][1:])
            self.full_lines[1].set_data(self.full["seconds"][1:], self.full["cost"][1:])
            for line in self.start_lines:
                line.set_ydata([self.full["cost"][0]] * 2)
        for ax in self.axes:
            ax.relim()
            ax.autoscale_view()
            handles = [line for line in ax.get_lines() if len(line.get_xdata()) and not line.get_label().startswith("_")]
            if handles:
                ax.legend(handles=handles, fontsize=7.5, loc="upper right")
        self.values = {"batch_size": size, "learning_rate": LEARNING_RATE, "ran": size in self.results}
        if self.full is not None:
            self.values.update({"full_steps": self.full["step"][-1], "full_cost": self.full["cost"][-1],
                                "start_cost": self.full["cost"][0], "full_seconds": self.full["seconds"][-1],
                                "full_ms_per_step": 1000 * self.full["seconds"][-1] / self.full["step"][-1]})
        if size in self.results:
            r = self.results[size]
            self.values.update({"sgd_steps": r["step"][-1], "sgd_cost": r["cost"][-1], "sgd_seconds": r["seconds"][-1],
                                "sgd_examples": r["step"][-1] * size,
                                "sgd_ms_per_step": 1000 * r["seconds"][-1] / r["step"][-1]})
        v = self.values
        if v["ran"] and self.full is not None:
            self.summary.value = (
                f"Start: cost {v['start_cost']:.4f}. <b>Full batch</b>: {v['full_steps']} steps → cost "
                f"<b>{v['full_cost']:.4f}</b> in {v['full_seconds']:.2f} s ({v['full_ms_per_step']:.2f} ms per step). "
                f"<b>SGD, batches of {size:,}</b>: {v['sgd_steps']:,} steps ({v['sgd_examples']:,} examples) → cost "
                f"<b>{v['sgd_cost']:.4f}</b> in {v['sgd_seconds']:.2f} s ({v['sgd_ms_per_step']:.3f} ms per step).")
        else:
            self.summary.value = (f"Press <b>Run</b> to train: full batch for {self.full_batch_steps} steps, and SGD with "
                                  f"batches of {size:,} for {self.sgd_steps(size):,} steps "
                                  f"(learning rate {LEARNING_RATE} for both).")
        self.view.redraw()


def sgd_vs_full_batch(seed=0, full_batch_steps=FULL_BATCH_STEPS, passes=SGD_PASSES, max_steps=SGD_MAX_STEPS):
    """Lesson 03, section 5: full-batch gradient descent vs mini-batch SGD from the same start.

    Choose the mini-batch size and press Run (or call .run()); both cost curves appear,
    against steps and against seconds, with the time per step. The budgets are fixed
    step counts (the defaults take a few seconds; tests pass smaller ones).
    """
    return SgdVsFullBatch(seed=seed, full_batch_steps=full_batch_steps, passes=passes, max_steps=max_steps)
