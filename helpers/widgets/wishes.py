"""Lesson 03 (what backpropagation is really doing): three widgets over the wishes of helpers/wishes.py.

A wish is -1/2 times a derivative of ONE example's cost C_x = sum_j (a_j - y_j)^2;
helpers/wishes.py computes them (and explains the 1/2). These widgets only wire
controls to those numbers and draw them.

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

from ..core.data import load_digits
from ..core.languages import _, tr
from ..core.network import Network
from ..plots.palette import negative_color, positive_color
from ..wishes import (
    BATCH_SIZES,
    FULL_BATCH_STEPS,
    LEARNING_RATE,
    SGD_MAX_STEPS,
    SGD_PASSES,
    example_two,
    hidden_wish_terms,
    mini_batch_descent,
    moved_copy,
    one_example,
    partly_trained_network,
    sgd_step_budget,
)
from ._core import FigureImage, LessonWidget, int_slider, number, readout, slider

__all__ = ["output_wishes", "hidden_wish", "sgd_vs_full_batch", "OutputWishes", "HiddenWish", "SgdVsFullBatch"]

BAR_GREY = "#9a9a9a"        # activations: neither positive nor negative, so not a palette colour
FULL_BATCH_COLOR = "#222222"
# One colour per mini-batch size (curves, not weights: these colours carry no sign).
SGD_COLORS = {1: "#9ecae1", 10: "#4c72b0", 100: "#8172b3", 1000: "#dd8452", 8000: "#937860"}


def _colors(values):
    """Positive palette colour where a value is >= 0, negative colour where it is < 0."""
    pos, neg = positive_color(), negative_color()
    return [pos if v >= 0 else neg for v in values]


# ----- widget 1: the "2" example -----------------------------------------------------------

class OutputWishes(LessonWidget):
    """Ten output bars, their targets and their wishes; a slider steps along this one example's wishes.

    The step is one gradient-descent step on C_x, the cost of this ONE example:
        p <- p - eta * dC_x/dp   for every weight and bias p
    applied to a copy of the network (so the lesson's network never changes).
    Because every wish is -1/2 dC_x/d(something), this is the same as moving every
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
        self.x, self.target, _output, start = one_example(net, x, label)
        self.label = int(np.argmax(self.target))
        self.start = start[-1]
        # The step direction is fixed: the gradient of C_x at the starting network.
        self.cost_start, (self.nabla_w, self.nabla_b) = net.cost_and_gradient(self.x[None], self.target[None])
        self.controls["step"] = slider(_("step size η along this example's wishes"), 0.0, 0.0, max_step, 0.05,
                                       "step", continuous=True, width="460px")
        self.summary = readout("cost")
        self.table = readout("outputs")
        self.view = FigureImage(figsize=(8.8, 3.3), layout="constrained")
        self._build_figure()
        self.children = [self.controls["step"], self.summary, self.view.widget, self.table, self.status]
        self._start()

    def _build_figure(self):
        fig = self.view.figure
        image_ax, ax = fig.subplots(1, 2, width_ratios=[1, 2.6])
        image_ax.imshow(self.x.reshape(28, 28), cmap="gray", vmin=0, vmax=1)
        # two short lines: a title wider than the 28x28 picture would be cut at the figure's edge
        image_ax.set_title(tr("training digit {index}:\na {label}", index=self.index, label=self.label)
                           if self.index is not None else tr("the example:\na {label}", label=self.label), fontsize=10)
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
        ax.set_xlabel(_("output neuron j (the digit it stands for)"))
        ax.set_ylabel(_("activation $a_j$"))
        self.bar_axes = ax
        handles = [Patch(color=BAR_GREY, label=_("activation after the step")),
                   Patch(facecolor="none", edgecolor="#555555", linestyle=":", label=_("activation before")),
                   Line2D([], [], color="black", marker="_", linestyle="none", markersize=14,
                          markeredgewidth=2.5, label=_("target $y_j$")),
                   Line2D([], [], color=positive_color(), marker="^", linestyle="none",
                          label=_("wish up: $y_j-a_j>0$")),
                   Line2D([], [], color=negative_color(), marker="v", linestyle="none",
                          label=_("wish down: $y_j-a_j<0$"))]
        # Beside the bars, not on them: the bars move up to the targets as the step grows.
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, frameon=False)
        ax.set_title(" ")
        self.view.animate(*self.bars, *ghosts, self.arrows, ax.title)   # outlines on top of the bars

    def nudged_network(self, step):
        """A copy of the network after one gradient step of size `step` on this example's cost."""
        return moved_copy(self.net, (self.nabla_w, self.nabla_b), step)

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
        self.bar_axes.set_title(tr("cost of this example $C_x$: {before:.4f} → {after:.4f}   (η = {eta:.2f})",
                                   before=self.cost_start, after=cost_after, eta=eta))
        v = self.values
        self.summary.value = tr("Step size η = <b>{eta:.2f}</b> · cost of this one example "
                                "C<sub>x</sub> = Σ<sub>j</sub>(a<sub>j</sub> − y<sub>j</sub>)² : "
                                "<b>{before}</b> before → <b>{after}</b> after · "
                                "the network's answer: {answer_before} → <b>{answer_after}</b>",
                                eta=eta, before=number(v["cost_before"], 4), after=number(v["cost_after"], 4),
                                answer_before=v["answer_before"], answer_after=v["answer_after"])
        cells = "".join(f"<th style='padding:0 6px'>{j}</th>" for j in range(10))

        def row(name, xs):
            return (f"<tr><td style='padding-right:8px'>{name}</td>"
                    + "".join(f"<td style='padding:0 6px;text-align:right'>{x:+.3f}</td>" for x in xs) + "</tr>")
        heading = _("output neuron j")
        self.table.value = ("<table style='font-family:monospace;font-size:12px'>"
                            f"<tr><td>{heading}</td>{cells}</tr>"
                            + row(_("a<sub>j</sub> before"), self.start) + row(_("a<sub>j</sub> after"), after)
                            + row(_("wish y<sub>j</sub> − a<sub>j</sub> now"), wishes) + "</table>")
        self.view.redraw()


def output_wishes(net=None, x=None, label=None, max_step=3.0):
    """Lesson 03, section 1: the example's ten outputs, their targets, their wishes, and a step along them.

    Defaults: the lesson's partly trained network and the training "2" it gets wrong
    (partly_trained_network(), example_two()). The slider sets eta in
    p <- p - eta dC_x/dp, one gradient step on this example's cost alone.
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
        wish_k = sum_j contribution_jk = -1/2 dC_x/da_k .
    """

    def __init__(self, net=None, x=None, label=None, index=None):
        super().__init__()
        if net is None:
            net = partly_trained_network()
        if x is None:
            index, x, label = example_two(net)
        self.net, self.index = net, index
        self.label = int(np.argmax(one_example(net, x, label)[1]))
        terms = hidden_wish_terms(net, x, label)
        self.hidden = terms["hidden"]                           # a^(L-1), 16 values
        self.output_wish = terms["output_wishes"]               # y_j - a_j
        self.sigma_prime = terms["sigma_prime"]
        self.W = terms["weights"]                               # (10, 16): w_jk, to j from k
        self.contributions = terms["contributions"]             # (10, 16)
        self.totals = terms["totals"]                           # = W^T (sigma' * wish)
        n_hidden = self.W.shape[1]
        self.controls["neuron"] = int_slider(_("hidden neuron k"), 0, 0, n_hidden - 1, "neuron", width="420px")
        self.summary = readout("hidden-wish")
        self.note = readout("push")
        self.view = FigureImage(figsize=(8.6, 3.7), layout="constrained")
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
        left.set_xticks(list(positions) + [11], [str(j) for j in positions] + [_("sum")])
        left.set_xlim(-0.7, 11.7)
        left.set_xlabel(_("output neuron j"))
        left.set_ylabel(r"$w_{jk}\,\sigma'(z_j)\,(y_j-a_j)$")
        self.view.figure.legend(handles=[Patch(color=positive_color(), label=_("wants k brighter")),
                                         Patch(color=negative_color(), label=_("wants k dimmer")),
                                         Patch(color="#333333", label=_("sum: the wish of k"))],
                                loc="outside lower center", ncol=3, fontsize=9, frameon=False)
        self.left = left
        k_all = np.arange(len(self.totals))
        self.all_bars = right.bar(k_all, self.totals, width=0.7, color=_colors(self.totals))
        right.axhline(0, color="black", linewidth=0.8)
        right.set_xticks(k_all[::3])
        right.set_xlabel(_("neuron k of the last hidden layer"))
        right.set_ylabel(_("summed wish of $k$"))
        right.set_title(_("every last-hidden neuron's summed wish"), fontsize=10)
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
        self.left.set_title(tr("what each output wants from hidden neuron k = {k}", k=k), fontsize=10)
        direction = _("brighter") if total > 0 else _("dimmer")
        self.summary.value = tr("Hidden neuron k = <b>{k}</b>: activation a<sub>k</sub> = {activation:.3f} · "
                                "summed wish Σ<sub>j</sub> w<sub>jk</sub> "
                                "σ′(z<sub>j</sub>)(y<sub>j</sub> − a<sub>j</sub>) = "
                                "<b>{total:+.5f}</b>: all outputs together want it <b>{direction}</b>",
                                k=k, activation=self.hidden[k], total=total, direction=direction)

        def amount(c):     # tiny contributions (a saturated output: sigma' near 0) in scientific notation
            return f"{c:+.4f}" if abs(c) >= 1e-3 else f"{c:+.1e}"

        def describe(js):
            return ", ".join(
                tr("{j} (wants up, w<sub>{j}k</sub> = {weight:+.2f}: {amount})", j=j, weight=self.W[j, k],
                   amount=amount(column[j])) if self.output_wish[j] > 0 else
                tr("{j} (wants down, w<sub>{j}k</sub> = {weight:+.2f}: {amount})", j=j, weight=self.W[j, k],
                   amount=amount(column[j]))
                for j in js[:3]) or _("none")
        self.note.value = tr("<b>Pushing k up</b> (largest first): outputs {up}.<br>"
                             "<b>Pushing k down</b>: outputs {down}.<br>"
                             "An output that wants to go <i>up</i> asks for more of k when its weight from k is "
                             "positive; an output that wants to go <i>down</i> asks for <i>less</i> of k then.",
                             up=describe(up), down=describe(down))
        self.view.redraw()


def hidden_wish(net=None, x=None, label=None):
    """Lesson 03, section 3: choose a last-hidden neuron k; see each output's wish for it and the sum.

    Bars: w_jk sigma'(z_j) (y_j - a_j) for j = 0..9, and their sum = -1/2 dC_x/da_k.
    Defaults: the lesson's partly trained network and its wrong "2".
    """
    index = None
    if net is None and x is None:
        net = partly_trained_network()
        index, x, label = example_two(net)
    return HiddenWish(net, x, label, index=index)


# ----- widget 3: stochastic gradient descent against full-batch gradient descent -------------

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
        (self.X, self.y), _test = load_digits()
        self.results = {}
        self.full = None
        self.controls["batch_size"] = ipywidgets.SelectionSlider(
            options=list(BATCH_SIZES), value=10, description=_("SGD mini-batch size"), continuous_update=False,
            style={"description_width": "initial"}, layout=ipywidgets.Layout(width="420px"))
        self.controls["batch_size"].add_class("nudge-slider-batch-size")
        self.run_button = self.button(_("Run"), "run", self.run, icon="play")
        self.run_button.button_style = "primary"
        # Shown only while a run is under way: a full bar beside results already shown would look unfinished.
        self.progress = ipywidgets.IntProgress(value=0, min=0, max=1, description="",
                                               layout=ipywidgets.Layout(width="200px", visibility="hidden"))
        self.summary = readout("sgd")
        # Fixed heights (JupyterLab's line height is 28 px): an empty status line would have none, and
        # the page would jump when a run starts and ends; the summary always takes its two lines.
        self.status.layout.min_height = "28px"
        self.summary.layout.min_height = "56px"
        self.view = FigureImage(figsize=(9.0, 3.9), layout="constrained")
        self._build_figure()
        self.children = [ipywidgets.HBox([self.controls["batch_size"], self.run_button, self.progress]),
                         self.summary, self.view.widget, self.status]
        self._start()

    def _build_figure(self):
        by_step, by_time = self.view.figure.subplots(1, 2)
        self.axes = (by_step, by_time)
        self.full_lines = [ax.plot([], [], color=FULL_BATCH_COLOR, linewidth=1.8, marker=".", markersize=4, zorder=3,
                                   label=tr("full batch ({n:,} per step)", n=len(self.X)))[0] for ax in self.axes]
        self.sgd_lines = {size: [ax.plot([], [], color=SGD_COLORS[size], linewidth=1, alpha=0.45,
                                         label=tr("SGD, batches of {size:,}", size=size))[0] for ax in self.axes]
                          for size in BATCH_SIZES}
        for ax in self.axes:
            ax.set_xscale("log")
            ax.set_ylabel(_("cost C on all 8,000 training digits"))
            ax.grid(True, which="major", alpha=0.3)
        by_step.set_xlabel(_("steps taken (log scale)"))
        by_step.set_title(_("cost vs steps"), fontsize=10)
        by_time.set_xlabel(_("seconds of training (log scale)"))
        by_time.set_title(_("cost vs seconds"), fontsize=10)
        self.start_lines = [ax.axhline(np.nan, color="#888888", linestyle="--", linewidth=1,
                                       label=_("cost at the start"))
                            for ax in self.axes]
        # One key for both plots, below them, made once with every curve a run can add: a legend
        # inside the axes covered the start line, and the figure's layout is fixed after the first draw.
        handles = [Line2D([], [], color=FULL_BATCH_COLOR, linewidth=1.8, marker=".",
                          label=self.full_lines[0].get_label()),
                   Line2D([], [], color="#888888", linestyle="--", linewidth=1, label=_("cost at the start"))]
        handles += [Line2D([], [], color=SGD_COLORS[size], linewidth=2, label=tr("SGD, batches of {size:,}", size=size))
                    for size in BATCH_SIZES]
        self.view.figure.legend(handles=handles, loc="outside lower center", ncol=4, fontsize=9, frameon=False)
        # Moving the batch-size slider only restyles curves: they are redrawn over a kept background, and
        # the axes (limits, ticks, most of a full draw's cost) are drawn again only after a run adds data.
        self.view.animate(*self.full_lines, *[line for pair in self.sgd_lines.values() for line in pair],
                          *self.start_lines)
        self._limits_stale = True

    def sgd_steps(self, batch_size):
        """Steps of the quick walker for this batch size: `passes` passes, at most `max_steps`."""
        return sgd_step_budget(batch_size, len(self.X), self.passes, self.max_steps)

    def _report(self, done, total, what):
        self.progress.value = done
        self.say(tr("Training {what}: step {done:,} of {total:,}", what=what, done=done, total=total))

    def run(self):
        """Train what is missing for the chosen batch size, then show it. Returns self.values.

        The stop button ends the run between two steps: nothing half-trained is kept
        (the status line says so) and Run starts that walker again from the beginning.
        """
        size = int(self.controls["batch_size"].value)
        todo = (0 if self.full else self.full_batch_steps) + (0 if size in self.results else self.sgd_steps(size))
        self.progress.max, self.progress.value = max(todo, 1), 0
        self.run_button.disabled = True
        self.progress.layout.visibility = "visible"
        try:
            offset = 0
            if self.full is None:
                full = mini_batch_descent(Network([784, 16, 16, 10], seed=self.seed), self.X, self.y, len(self.X),
                                          self.full_batch_steps, seed=self.seed,
                                          progress=lambda d: self._report(d, todo, _("the full-batch walker")))
                if full.interrupted:
                    return self._stopped(_("the full-batch walker"), full["step"][-1])
                self.full, offset = full, self.full_batch_steps
            if size not in self.results:
                walker = tr("SGD with batches of {size:,}", size=size)
                result = mini_batch_descent(Network([784, 16, 16, 10], seed=self.seed), self.X, self.y, size,
                                            self.sgd_steps(size), seed=self.seed,
                                            progress=lambda d: self._report(offset + d, todo, walker))
                if result.interrupted:
                    return self._stopped(walker, result["step"][-1])
                self.results[size] = result
        finally:
            self.run_button.disabled = False
            self.progress.layout.visibility = "hidden"
        self._limits_stale = True
        self.say("")
        self.refresh()
        return self.values

    def _stopped(self, what, steps):
        self.say(tr("Stopped: {what} after {steps:,} steps, not kept. Press Run to start it again.", what=what,
                    steps=steps))
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
        if self._limits_stale:
            for ax in self.axes:
                ax.relim()
                ax.autoscale_view()
            self.view.forget_background()
            self._limits_stale = False
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
            self.summary.value = tr(
                "Start: cost {start_cost:.4f}. <b>Full batch</b>: {full_steps} steps → cost "
                "<b>{full_cost:.4f}</b> in {full_seconds:.2f} s ({full_ms_per_step:.2f} ms per step).<br>"
                "<b>SGD, batches of {size:,}</b>: {sgd_steps:,} steps ({sgd_examples:,} examples) → cost "
                "<b>{sgd_cost:.4f}</b> in {sgd_seconds:.2f} s ({sgd_ms_per_step:.3f} ms per step).", size=size,
                **{k: v[k] for k in ("start_cost", "full_steps", "full_cost", "full_seconds", "full_ms_per_step",
                                     "sgd_steps", "sgd_examples", "sgd_cost", "sgd_seconds", "sgd_ms_per_step")})
        else:
            self.summary.value = tr("Press <b>Run</b> to train: full batch for {full_steps} steps, and SGD with "
                                    "batches of {size:,} for {sgd_steps:,} steps<br>(learning rate {rate} for both).",
                                    full_steps=self.full_batch_steps, size=size, sgd_steps=self.sgd_steps(size),
                                    rate=LEARNING_RATE)
        self.view.redraw()


def sgd_vs_full_batch(seed=0, full_batch_steps=FULL_BATCH_STEPS, passes=SGD_PASSES, max_steps=SGD_MAX_STEPS):
    """Lesson 03, section 5: full-batch gradient descent vs mini-batch SGD from the same start.

    Choose the mini-batch size and press Run (or call .run()); both cost curves appear,
    against steps and against seconds, with the time per step. The budgets are fixed
    step counts (the defaults take a few seconds; tests pass smaller ones).
    """
    return SgdVsFullBatch(seed=seed, full_batch_steps=full_batch_steps, passes=passes, max_steps=max_steps)
