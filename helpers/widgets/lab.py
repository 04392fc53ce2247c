"""Lesson 06 (the lab: take the network apart): widgets.

- `confusion_explorer()`: the confusion matrix; choose a true label and an answer
  to see the test digits in that cell.
- `ablation_lab()`: tick any of the 32 hidden neurons off (replaced by 0 or by its
  mean over the training digits); accuracy overall and per digit follow at once.
- `damage_lab()`: one test digit damaged (noise, rotation, shift, thickness) with
  the network's ten outputs.
- `abstain_lab()`: answer only when the top output reaches tau; coverage and the
  accuracy on the answered digits follow the slider, on the trade-off curve.
- `layer_map()`: the 2-D PCA maps of both hidden layers and the output; highlight one digit.
- `training_watch()`: a fresh 784-16-16-10 trained before your eyes; play / pause,
  step by mini-batch or epoch, learning rate and batch size changeable in between.

Every number comes from helpers.evaluation, .damage, .projection or .watch; the
expensive parts (the test digits' first hidden layer, the outputs, the maps) are
computed once per session, so a move is a few milliseconds of NumPy.
Drive them from code: `w.set(name=value)`, then read `w.values`.
"""

import functools
import time

import ipywidgets
import numpy as np
from matplotlib.colors import Normalize

from .. import lab
from ..core import evaluation as ev
from ..core.data import load_digits, load_trained_network
from ..core.languages import N_, _, tr
from ..core.network import Network
from ..core.training import TrainingDiverged
from ..lab import TrainingSession
from ..plots.digits import GREY
from ..plots.lab import (
    ABLATION_COLOURS,
    colour_layer_map,
    colour_outputs,
    digit_key,
    draw_confusion,
    draw_layer_map,
    draw_outputs,
    highlight_cell,
    layer_map_title,
)
from ..plots.palette import weight_cmap
from ._core import FigureImage, LessonWidget, checkbox, dropdown, int_slider, readout, slider, toggle

__all__ = ["confusion_explorer", "ablation_lab", "damage_lab", "abstain_lab", "layer_map", "training_watch",
           "ConfusionExplorer", "AblationLab", "DamageLab", "AbstainLab", "LayerMap", "TrainingWatch", "lab_data"]

DIGITS = [(str(d), d) for d in range(10)]


@functools.cache
def lab_data():
    """What every lab widget reads, computed once: the trained net, the digits, and the test set passed through it.

    A dict: net, X_train, y_train, X_test, y_test, first_hidden (the test digits' layer-1
    activations), means (evaluation.hidden_means on the training digits), outputs (test, (2000, 10)),
    accuracy (plain test accuracy). Treat it as read-only.
    """
    (X_train, y_train), (X_test, y_test) = load_digits()
    net = load_trained_network()
    _zs, activations = net.feedforward(X_test)
    return {"net": net, "X_train": X_train, "y_train": y_train, "X_test": X_test, "y_test": y_test,
            "first_hidden": activations[1], "means": ev.hidden_means(net, X_train), "outputs": activations[-1],
            "accuracy": float(np.mean(np.argmax(activations[-1], axis=1) == y_test))}


def _percent(x):
    return "—" if np.isnan(x) else f"{x:.2%}"


# ----- 1. confusion matrix ----------------------------------------------------------------------

class ConfusionExplorer(LessonWidget):
    """The confusion matrix of the trained net on the test digits, and the digits in one cell.

    values: count (digits in the chosen cell), indices (their positions in X_test, up to 12
    shown), accuracy (trace / total), row_total (test digits with that label).
    """

    SHOWN = 12

    def __init__(self, label=4, answer=9):
        super().__init__()
        data = lab_data()
        self.labels, self.predictions = data["y_test"], np.argmax(data["outputs"], axis=1)
        self.counts = ev.confusion_counts(self.labels, self.predictions)
        self.controls["label"] = dropdown(_("true label"), DIGITS, label, "confusion-label", width="150px")
        self.controls["answer"] = dropdown(_("network's answer"), DIGITS, answer, "confusion-answer", width="190px")
        self.info = readout("confusion")
        self.view = FigureImage(figsize=(8.6, 4.3), dpi=90, layout="constrained")
        fig = self.view.figure
        grid = fig.add_gridspec(1, 2, width_ratios=[1.05, 1])
        draw_confusion(fig.add_subplot(grid[0]), self.counts)
        self.cell = self.view.animate(highlight_cell(fig.axes[0], label, answer))
        right = grid[1].subgridspec(3, 4)
        self.images, self.titles = [], []
        for k in range(self.SHOWN):
            ax = fig.add_subplot(right[k // 4, k % 4])
            ax.set_xticks([])
            ax.set_yticks([])
            self.images.append(ax.imshow(np.zeros((28, 28)), cmap=GREY, vmin=0, vmax=1))
        fig.text(0.76, 0.985, _("the first 12 digits of the cell in red"), ha="center", va="top", fontsize=10)
        self.view.animate(*self.images)
        self.children = [ipywidgets.HBox([self.controls["label"], self.controls["answer"]]), self.info,
                         self.view.widget, self.status]
        self._start()

    def update(self):
        label, answer = self.controls["label"].value, self.controls["answer"].value
        indices = np.flatnonzero((self.labels == label) & (self.predictions == answer))
        shown = indices[:self.SHOWN]
        X_test = lab_data()["X_test"]
        for k, image in enumerate(self.images):
            # an empty slot stays blank (NaN draws nothing), not a black square that looks like a digit
            image.set_data(X_test[shown[k]].reshape(28, 28) if k < len(shown) else np.full((28, 28), np.nan))
        self.cell.set_xy((answer - 0.5, label - 0.5))
        self.values = {"label": label, "answer": answer, "count": int(len(indices)), "indices": shown.tolist(),
                       "row_total": int(self.counts[label].sum()),
                       "accuracy": float(np.trace(self.counts) / self.counts.sum())}
        facts = {"total": self.values["row_total"], "label": label, "count": len(indices), "answer": answer,
                 "shown": ", ".join(f"#{i}" for i in shown) or _("none"), "accuracy": self.values["accuracy"]}
        if label == answer:
            self.info.value = tr("{total} test digits are {label}s; the network called <b>{count}</b> of them {answer} "
                                 "(right); shown: test digits {shown}. Diagonal / total = accuracy "
                                 "<b>{accuracy:.1%}</b>.", **facts)
        else:
            self.info.value = tr("{total} test digits are {label}s; the network called <b>{count}</b> of them "
                                 "{answer}; shown: test digits {shown}. Diagonal / total = accuracy "
                                 "<b>{accuracy:.1%}</b>.",
                                 **facts)
        self.view.redraw()


def confusion_explorer(label=4, answer=9):
    """Lesson 06, section 1: the confusion matrix, and the test digits in any of its cells."""
    return ConfusionExplorer(label, answer)


# ----- 2. ablation ------------------------------------------------------------------------------------

class AblationLab(LessonWidget):
    """Switch hidden neurons off and watch the test accuracy, overall and per digit.

    Controls: `l1n0` ... `l1n15`, `l2n0` ... `l2n15` (True = switched off), `replacement`
    ("zero" or "mean"). values: accuracy, per_digit (10,), plain, drop, off [(layer, neuron)].
    """

    def __init__(self):
        super().__init__()
        data = lab_data()
        self.net = data["net"]
        rows = []
        for layer in (1, 2):
            boxes = []
            for j in range(self.net.sizes[layer]):
                box = checkbox(str(j), False, f"l{layer}n{j}", width="46px")
                self.controls[f"l{layer}n{j}"] = box
                boxes.append(box)
            rows.append(ipywidgets.HBox([ipywidgets.HTML(tr("<b>layer {layer}</b> off:", layer=layer),
                                                         layout=ipywidgets.Layout(width="95px")), *boxes],
                                        layout=ipywidgets.Layout(flex_flow="row wrap")))
        self.controls["replacement"] = toggle(_("replace by"), [(_("zero"), "zero"), (_("its mean"), "mean")], "zero",
                                              "replacement", tooltips=[_("activation set to 0"),
                                                                       _("activation set to its training-set mean")])
        self.clear = self.button(_("switch all on"), "ablation-clear", self.switch_all_on, icon="undo")
        self.accuracy_readout = readout("ablation-accuracy")
        self.info = readout("ablation")
        self.plain_per_digit = ev.per_digit_accuracy(data["y_test"], np.argmax(data["outputs"], axis=1))
        self.view = FigureImage(figsize=(7.0, 3.0), dpi=90, layout="constrained")
        ax = self.view.figure.add_subplot()
        x = np.arange(10)
        ax.bar(x - 0.2, self.plain_per_digit, width=0.4, color="#bdbdbd", label=_("all neurons on"))
        self.bars = ax.bar(x + 0.2, self.plain_per_digit, width=0.4, color=ABLATION_COLOURS["zero"],
                           label=_("with the ticked\nneurons off"))
        ax.set_xticks(x)
        ax.set_ylim(0, 1.0)
        ax.set_xlabel(_("true digit"))
        ax.set_ylabel(_("test accuracy"))
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9)
        self.view.animate(*self.bars)
        self.children = [*rows, ipywidgets.HBox([self.controls["replacement"], self.clear]),
                         ipywidgets.HBox([ipywidgets.HTML(_("test accuracy with these neurons off:&nbsp;")),
                                          self.accuracy_readout]),
                         self.info, self.view.widget, self.status]
        self._start()

    def switch_all_on(self):
        self.set(**{name: False for name in self.controls if name != "replacement"})

    def off(self):
        return [(layer, j) for layer in (1, 2) for j in range(self.net.sizes[layer])
                if self.controls[f"l{layer}n{j}"].value]

    def update(self):
        data = lab_data()
        off, replacement = self.off(), self.controls["replacement"].value
        fill = data["means"] if replacement == "mean" else None
        accuracy, per_digit = ev.ablation_accuracy(self.net, data["X_test"], data["y_test"], off, fill,
                                                   data["first_hidden"])
        for bar, value in zip(self.bars, per_digit):
            bar.set_height(value)
        named = ", ".join(f"L{layer}:{j}" for layer, j in off) or _("none")
        self.values = {"accuracy": accuracy, "per_digit": per_digit, "plain": data["accuracy"],
                       "drop": data["accuracy"] - accuracy, "off": off, "replacement": replacement}
        self.accuracy_readout.value = f"{accuracy:.2%}"
        facts = {"plain": data["accuracy"], "points": 100 * (accuracy - data["accuracy"]), "n": len(off),
                 "named": named}
        if replacement == "zero":
            self.info.value = tr("all on: {plain:.2%} · change: <b>{points:+.2f}</b> points · {n} of 32 off ({named}), "
                                 "replaced by 0", **facts)
        else:
            self.info.value = tr("all on: {plain:.2%} · change: <b>{points:+.2f}</b> points · {n} of 32 off ({named}), "
                                 "replaced by their training-set mean", **facts)
        self.view.redraw()


def ablation_lab():
    """Lesson 06, section 2: tick hidden neurons off; the test accuracy follows."""
    return AblationLab()


# ----- 3. damaged digits and "I don't know" ---------------------------------------------------------

DAMAGE_RANGES = {"noise": (0.0, 0.6, 0.02), "rotation": (-90.0, 90.0, 1.0), "shift": (-6.0, 6.0, 0.25),
                 "thickness": (-2.0, 2.0, 0.1)}


class DamageLab(LessonWidget):
    """One test digit, damaged, and the trained network's ten outputs.

    Controls: kind (noise | rotation | shift | thickness), level (its units: sigma, degrees,
    pixels right, passes), digit (index into X_test). The noise is seeded by the digit's index,
    so raising sigma scales one fixed pattern. values: outputs (10,), answer, label, image (784,).
    """

    def __init__(self, kind="rotation", level=0.0, digit=0):
        super().__init__()
        low, high, step = DAMAGE_RANGES[kind]
        # the kinds' names and units are N_()-marked in helpers.damage; the menu's values stay English
        self.controls["kind"] = dropdown(_("damage"), [(_(name), name) for name in DAMAGE_RANGES], kind, "damage-kind",
                                         width="200px")
        units = lab.KINDS[kind][0]
        self.controls["level"] = slider(_(units), level, low, high, step, "damage-level", width="420px")
        self.controls["digit"] = int_slider(_("test digit"), digit, 0, len(lab_data()["X_test"]) - 1, "damage-digit",
                                            width="420px")
        self._kind = kind
        self.info = readout("damage")
        self.view = FigureImage(figsize=(6.6, 2.9), dpi=90, layout="constrained")
        left, right = self.view.figure.subplots(1, 2, width_ratios=[1, 1.9])
        self.image = left.imshow(np.zeros((28, 28)), cmap=GREY, vmin=0, vmax=1)
        left.set_xticks([])
        left.set_yticks([])
        left.set_title(_("what the network sees"), fontsize=10)
        self.bars = draw_outputs(right, np.zeros(10))
        self.view.animate(self.image, *self.bars)
        self.children = [ipywidgets.HBox([self.controls["kind"], self.controls["level"]]), self.controls["digit"],
                         self.info, self.view.widget, self.status]
        self._start()

    def _match_slider_to_kind(self, kind):
        """A new kind has its own units and range: reset the level slider to 0 in them (no update meanwhile)."""
        low, high, step = DAMAGE_RANGES[kind]
        level = self.controls["level"]
        holding, self._holding = self._holding, True
        try:
            level.min, level.max = min(low, level.min), max(high, level.max)   # never min > max on the way
            level.value, level.min, level.max, level.step = 0.0, low, high, step
            units = lab.KINDS[kind][0]
            level.description = _(units)
        finally:
            self._holding = holding
        self._kind = kind

    def update(self):
        kind = self.controls["kind"].value
        if kind != self._kind:
            self._match_slider_to_kind(kind)
        data = lab_data()
        index, level = self.controls["digit"].value, self.controls["level"].value
        image = lab.damage(data["X_test"][index], kind, level, seed=index)
        outputs = data["net"].forward(image)
        label, answer = int(data["y_test"][index]), int(np.argmax(outputs))
        self.image.set_data(image.reshape(28, 28))
        colour_outputs(self.bars, outputs)
        self.values = {"kind": kind, "level": level, "digit": index, "label": label, "answer": answer,
                       "outputs": outputs, "image": image}
        wrong = _("wrong")
        verdict = _("right") if answer == label else f"<span style='color:#b00'>{wrong}</span>"
        self.info.value = tr("test digit #{index}, {kind} {level:g} · label <b>{label}</b> · the network says "
                             "<b>{answer}</b> ({verdict}) with top output <b>{top:.3f}</b>", index=index, kind=_(kind),
                             level=level, label=label, answer=answer, verdict=verdict, top=outputs[answer])
        self.view.redraw()


def damage_lab(kind="rotation", level=0.0, digit=0):
    """Lesson 06, section 3: one damaged test digit and the network's outputs."""
    return DamageLab(kind, level, digit)


@functools.cache
def _noise_outputs(n=1000, seed=0):
    """The trained net's outputs on n images of uniform random pixels (lesson 05's noise), once."""
    return lab_data()["net"].forward(np.random.default_rng(seed).random((n, 784)))


class AbstainLab(LessonWidget):
    """Answer only when the top output reaches tau: coverage and accuracy on the answered, live.

    Left: how high the top output is, for right and for wrong answers (the tau line moves).
    Right: accuracy on the answered against coverage for every tau (the dot is this tau).
    values: tau, coverage, accuracy (on the answered), answered, wrong_kept (wrong answers still
    given), noise_answered (fraction of 1,000 noise images still answered).
    """

    TAUS = np.linspace(0, 1, 201)

    def __init__(self, tau=0.5):
        super().__init__()
        data = lab_data()
        self.outputs, self.labels = data["outputs"], data["y_test"]
        self.controls["tau"] = slider(_("threshold τ"), tau, 0.0, 1.0, 0.01, "tau", width="420px")
        self.coverage_readout = readout("abstain-coverage")
        self.accuracy_readout = readout("abstain-accuracy")
        self.info = readout("abstain")
        coverage, accuracy = ev.abstain_curve(self.outputs, self.labels, self.TAUS)
        top = self.outputs.max(axis=1)
        right = np.argmax(self.outputs, axis=1) == self.labels
        self.view = FigureImage(figsize=(8.4, 3.2), dpi=90, layout="constrained")
        left, curve = self.view.figure.subplots(1, 2)
        bins = np.linspace(0, 1, 41)
        left.hist(top[right], bins=bins, color="#0072b2", alpha=0.75, label=_("right answers"))
        left.hist(top[~right], bins=bins, color="#d55e00", alpha=0.85, label=_("wrong answers"))
        left.set_yscale("log")
        left.set_xlabel(_("top output (the answer's activation)"))
        left.set_ylabel(_("test digits"))
        left.legend(loc="upper left", fontsize=9, frameon=False)
        self.line = left.axvline(tau, color="black", linewidth=1.5)
        curve.plot(coverage, accuracy, color="#444444")
        curve.set_xlim(0, 1.02)
        curve.set_ylim(min(0.85, float(np.nanmin(accuracy)) - 0.01), 1.005)
        curve.set_xlabel(_("coverage (fraction answered)"))
        curve.set_ylabel(_("accuracy on the answered"))
        self.dot, = curve.plot([1], [1], "o", color="#d62728", markersize=8)
        curve.set_title(_("every τ from 0 to 1; the dot is yours"), fontsize=10)
        self.view.animate(self.line, self.dot)
        self.children = [self.controls["tau"],
                         ipywidgets.HBox([ipywidgets.HTML(_("coverage:")), self.coverage_readout,
                                          ipywidgets.HTML(_("&nbsp;· accuracy on the answered:")),
                                          self.accuracy_readout]),
                         self.info, self.view.widget, self.status]
        self._start()

    def update(self):
        tau = self.controls["tau"].value
        coverage, accuracy = ev.coverage_and_accuracy(self.outputs, self.labels, tau)
        mask = ev.answered(self.outputs, tau)
        wrong_kept = int(np.sum(mask & (np.argmax(self.outputs, axis=1) != self.labels)))
        noise = float(np.mean(ev.answered(_noise_outputs(), tau)))
        self.values = {"tau": tau, "coverage": coverage, "accuracy": accuracy, "answered": int(mask.sum()),
                       "wrong_kept": wrong_kept, "noise_answered": noise}
        self.line.set_xdata([tau, tau])
        self.dot.set_data([coverage], [1.0 if np.isnan(accuracy) else accuracy])
        self.coverage_readout.value = _percent(coverage)
        self.accuracy_readout.value = _percent(accuracy)
        self.info.value = tr("answers {answered:,} of {total:,} test digits, {wrong} of them wrong; "
                             "still answers <b>{noise:.0%}</b> of 1,000 images of pure noise",
                             answered=mask.sum(), total=len(mask), wrong=wrong_kept, noise=noise)
        self.view.redraw()


def abstain_lab(tau=0.5):
    """Lesson 06, section 3: an "I don't know" threshold and its trade-off."""
    return AbstainLab(tau)


# ----- 4. a map of the hidden layers --------------------------------------------------------------------

@functools.cache
def _maps():
    data = lab_data()
    return lab.layer_maps(data["net"], data["X_train"], data["y_train"], data["X_test"], data["y_test"])


class LayerMap(LessonWidget):
    """The PCA maps of layer 1, layer 2 and the output, side by side; one digit can be highlighted.

    Control `digit`: -1 for all coloured, or 0-9. The maps must show the bundled test digits.
    values: maps' nearest-centroid accuracies ("accuracy_2d" per layer) and, for a highlighted
    digit, the fraction of its dots whose nearest centroid in each map is its own ("digit_accuracy").
    """

    def __init__(self, digit=-1, maps=None):
        super().__init__()
        self.maps = _maps() if maps is None else maps
        self.labels = lab_data()["y_test"]
        self.controls["digit"] = dropdown(_("highlight"), [(_("all digits"), -1), *DIGITS], digit, "map-digit",
                                          width="200px")
        self.info = readout("map")
        self.view = FigureImage(figsize=(9.0, 3.3), dpi=90, layout="constrained")
        axes = self.view.figure.subplots(1, len(self.maps))
        self.dots = []
        for ax, layer_map in zip(axes, self.maps):
            self.dots.append(draw_layer_map(ax, layer_map["points"], self.labels))
            ax.set_title(layer_map_title(layer_map, len(self.maps)), fontsize=9)
        digit_key(self.view.figure)
        self.view.animate(*[collection for dots in self.dots for collection in dots])
        self.children = [self.controls["digit"], self.info, self.view.widget, self.status]
        self._start()

    def update(self):
        digit = self.controls["digit"].value
        highlight = None if digit < 0 else digit
        for dots in self.dots:
            colour_layer_map(dots, highlight)
        self.values = {"digit": digit, "accuracy_2d": [m["accuracy_2d"] for m in self.maps]}
        accuracies = " → ".join(f"{a:.1%}" for a in self.values["accuracy_2d"])
        text = tr("Nearest class centre in each 2-D map: {accuracies}", accuracies=accuracies)
        if highlight is not None:
            mine = self.labels == highlight
            own = []
            for layer_map in self.maps:
                points = layer_map["points"]
                centres = np.array([points[self.labels == d].mean(axis=0) for d in range(10)])
                nearest = np.argmin(((points[mine, None, :] - centres[None]) ** 2).sum(axis=2), axis=1)
                own.append(float(np.mean(nearest == highlight)))
            self.values["digit_accuracy"] = own
            text = tr("Nearest class centre in each 2-D map: {accuracies} · the {digit}s alone: {own}",
                      accuracies=accuracies, digit=highlight, own=" → ".join(f"{a:.0%}" for a in own))
        self.info.value = text
        self.view.redraw()


def layer_map(digit=-1, maps=None):
    """Lesson 06, section 4: the three layers' 2-D maps; highlight one digit.

    maps: projection.layer_maps of the trained net (training digits fitted, test digits shown), if
    already computed; by default the widget computes them once per session.
    """
    return LayerMap(digit, maps)


# ----- 5. training you can watch ------------------------------------------------------------------------

# weights start as N(0, 1); an epoch moves them < 1. The names are the toggle's values; shown with _().
TILE_LIMITS = {N_("weights"): 3.0, N_("change since start"): 1.0}


class TrainingWatch(LessonWidget):
    """A fresh 784-16-16-10 trained by mini-batch SGD while you watch.

    The Play widget's ticks come from the browser, every `interval` ms; each tick runs
    mini-batches for at most `budget_ms` and redraws, so the kernel is free between ticks
    (pause works at once, other cells can run). Step runs one mini-batch or one epoch.
    Controls: play (the Play widget: each rise of its value is one tick; its stop button resets
    it to 0, which trains nothing), learning_rate, batch_size, unit ("mini-batch" | "epoch").
    From code: `tick()` (= `set(play=play + 1)`) and `step()` (the step button). `last_update_ms`
    after a tick is the whole tick: training and redraw. values: examples_seen, epoch, batches,
    cost (last mini-batch's), test_accuracy (latest).
    """

    def __init__(self, seed=0, budget_ms=15, interval=250):
        super().__init__()
        self.seed, self.budget_ms = seed, budget_ms
        self.controls["learning_rate"] = slider(_("learning rate η"), 1.5, 0.05, 5.0, 0.05, "watch-learning-rate",
                                                width="300px")
        self.controls["batch_size"] = dropdown(_("mini-batch size"), [1, 5, 10, 50, 100, 500], 10, "watch-batch-size",
                                               width="200px")
        self.controls["tiles"] = toggle(_("tiles show"), [(_(name), name) for name in TILE_LIMITS], "weights",
                                        "watch-tiles", button_width="170px")
        self.controls["unit"] = toggle(_("Step does"), [(_("mini-batch"), "mini-batch"), (_("epoch"), "epoch")],
                                       "mini-batch", "watch-unit", button_width="95px")
        self.play = ipywidgets.Play(value=0, min=0, max=10 ** 9, step=1, interval=interval, description=_("play"),
                                    show_repeat=False)
        self.play.add_class("nudge-play-watch")
        self.controls["play"] = self.play
        self._ticks_seen = 0
        self.step_button = self.button(_("step"), "watch-step", self.step, icon="step-forward")
        self.reset_button = self.button(_("start again"), "watch-reset", self.reset, icon="refresh")
        self.info = readout("watch")
        self.view = FigureImage(figsize=(8.8, 4.2), dpi=90, layout="constrained")
        fig = self.view.figure
        grid = fig.add_gridspec(2, 2, width_ratios=[1.15, 1])
        self.cost_ax, self.accuracy_ax = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[1, 0])
        self.cost_line, = self.cost_ax.plot([], [], color="#0072b2", linewidth=0.6, alpha=0.5,
                                          label=_("mini-batch"))
        self.smooth_line, = self.cost_ax.plot([], [], color="#0072b2", linewidth=2, label=_("mean of the last 50"))
        self.cost_ax.set_ylabel(_("cost"))
        self.cost_ax.legend(loc="upper right", fontsize=9, frameon=False)
        self.accuracy_line, = self.accuracy_ax.plot([], [], "o-", color="#e69f00", markersize=3)
        self.accuracy_ax.set_ylabel(_("test accuracy"))
        self.accuracy_ax.set_xlabel(_("training examples seen"))
        self.accuracy_ax.set_ylim(0, 1)
        # The 16 tiles as one mosaic image (one artist to draw, not 16), a white gap between tiles.
        tiles_ax = fig.add_subplot(grid[:, 1])
        tiles_ax.set_xticks([])
        tiles_ax.set_yticks([])
        self.norm = Normalize(-3, 3)
        cmap = weight_cmap().with_extremes(bad="white")
        self.tiles = tiles_ax.imshow(self._mosaic(np.zeros((16, 784))), cmap=cmap, norm=self.norm,
                                     interpolation="nearest")
        self.tiles_title = tiles_ax.set_title(" ", fontsize=9)
        self._tiles_shown = None
        self.view.animate(self.cost_line, self.smooth_line, self.accuracy_line, self.tiles)
        self.children = [ipywidgets.HBox([self.play, self.step_button, self.controls["unit"], self.reset_button],
                                         layout=ipywidgets.Layout(flex_flow="row wrap")),
                         ipywidgets.HBox([self.controls["learning_rate"], self.controls["batch_size"]]),
                         self.controls["tiles"], self.info, self.view.widget, self.status]
        self.reset(redraw=False)
        self._start()

    def _pause(self):
        """Stop Play in the page. ipywidgets 8 names the trait `playing`; 7 (Colab's 7.7.1) `_playing`."""
        setattr(self.play, "playing" if self.play.has_trait("playing") else "_playing", False)

    def reset(self, redraw=True):
        """A new untrained network (same seed), and empty curves."""
        data = lab_data()
        self._pause()
        self.session = TrainingSession(Network([784, 16, 16, 10], seed=self.seed), data["X_train"], data["y_train"],
                                       data["X_test"], data["y_test"], seed=self.seed)
        self._x_limit = None
        self.start_weights = self.session.net.weights[0].copy()
        if redraw:
            self.refresh()

    @staticmethod
    def _mosaic(weights):
        """Rows 0-15 of weights (16, 784) as a 4x4 grid of 28x28 tiles, NaN (drawn white) between them."""
        mosaic = np.full((4 * 29 - 1, 4 * 29 - 1), np.nan)
        for k in range(16):
            r, c = divmod(k, 4)
            mosaic[29 * r:29 * r + 28, 29 * c:29 * c + 28] = weights[k].reshape(28, 28)
        return mosaic

    def _read_controls(self):
        self.session.learning_rate = self.controls["learning_rate"].value
        self.session.batch_size = self.controls["batch_size"].value

    def _train(self, work):
        start = time.perf_counter()
        self._read_controls()
        try:
            work()
        except TrainingDiverged as exc:
            self._pause()
            self.complain(f"{exc}")
            return
        self.refresh()
        self.last_update_ms = (time.perf_counter() - start) * 1000

    def tick(self):
        """One tick of Play, from code: mini-batches for budget_ms, then one redraw."""
        self.set(play=self.controls["play"].value + 1)

    def step(self):
        """One mini-batch or one epoch, as the toggle says, then one redraw."""
        if self.controls["unit"].value == "epoch":
            self._train(self.session.step_epoch)
        else:
            self._train(lambda: (self.session.step_batch(), self.session.evaluate()))

    def update(self):
        ticks = self.controls["play"].value
        if ticks > self._ticks_seen:          # a tick of Play; its stop button sets 0 again: no work then
            self._ticks_seen = ticks
            self._read_controls()
            try:
                self.session.run_for(self.budget_ms)
            except TrainingDiverged:
                self._pause()
                raise                         # to the status line (run_safely), with the advice it carries
        self._ticks_seen = ticks
        s = self.session
        costs = np.array(s.batch_costs).reshape(-1, 2)
        accuracy = np.array(s.test_accuracy).reshape(-1, 2)
        self.cost_line.set_data(costs[:, 0], costs[:, 1])
        smooth = np.convolve(costs[:, 1], np.ones(50) / 50, mode="valid") if len(costs) >= 50 else np.array([])
        self.smooth_line.set_data(costs[len(costs) - len(smooth):, 0], smooth)
        self.accuracy_line.set_data(accuracy[:, 0], accuracy[:, 1])
        shown = self.controls["tiles"].value
        if shown == "weights":
            self.tiles.set_data(self._mosaic(s.net.weights[0]))
        else:
            self.tiles.set_data(self._mosaic(s.net.weights[0] - self.start_weights))
        if shown != self._tiles_shown:        # a new scale and title: redraw everything once
            limit = TILE_LIMITS[shown]
            self.norm.vmin, self.norm.vmax = -limit, limit
            self.tiles_title.set_text(tr("the 16 first-layer neurons: {shown}\n(colour scale ±{limit:g}, white = 0)",
                                         shown=_(shown), limit=limit))
            self._tiles_shown = shown
            self.view.forget_background()
        # The axes grow by doubling, so most ticks redraw only the lines and tiles (blitting).
        seen = max(s.examples_seen, 1)
        if self._x_limit is None or seen > self._x_limit:
            self._x_limit = max(1000, 2 * seen)
            for ax in (self.cost_ax, self.accuracy_ax):
                ax.set_xlim(0, self._x_limit)
            # the top 2 % of mini-batch costs (the first steps from a random start) may leave the frame
            self.cost_ax.set_ylim(0, max(1.0, 1.1 * float(np.percentile(costs[:, 1], 98))) if len(costs) else 2.0)
            self.view.forget_background()
        self.values = {"examples_seen": s.examples_seen, "epoch": s.epoch, "batches": s.steps,
                       "cost": float(costs[-1, 1]) if len(costs) else None,
                       "test_accuracy": float(accuracy[-1, 1])}
        cost_text = "—" if self.values["cost"] is None else f"{self.values['cost']:.3f}"
        self.info.value = tr("epoch {epoch} · {examples:,} examples seen in {batches:,} mini-batches · "
                             "last mini-batch cost <b>{cost}</b> · test accuracy <b>{accuracy:.1%}</b> "
                             "(measured every 1,000 examples)", epoch=s.epoch, examples=s.examples_seen,
                             batches=s.steps, cost=cost_text, accuracy=self.values["test_accuracy"])
        self.view.redraw()


def training_watch(seed=0):
    """Lesson 06, section 5: train a fresh network while you watch; play, pause, step."""
    return TrainingWatch(seed)
