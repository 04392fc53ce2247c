"""Lesson 01 (what a neural network is): one neuron, one weight pattern over a digit, the whole network.

Controls, layout and redraw only. Every number comes from the numbers layer: one
neuron's z = sum_k w_k a_k + b and a = sigma(z) from helpers.neuron, the hand-made
patterns from helpers.neuron, the network's activations from Network.feedforward.
"""

import re

import ipywidgets
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.patches import Rectangle

from ..core.activations import sigmoid
from ..core.data import load_digits, load_trained_network
from ..core.languages import _, tr
from ..neuron import PATTERN_NAMES, connection_contributions, digits_that_excite, neuron_response, pattern_weights
from ..plots.digits import GREY
from ..plots.palette import negative_color, positive_color, symmetric_limit, weight_cmap, weight_label
from ._core import Brush, FigureImage, LessonWidget, dropdown, int_slider, number, readout, slider, toggle

__all__ = ["single_neuron", "weight_pattern", "network_view"]   # classes: helpers.widgets.neuron.SingleNeuron, ...


def _row(*controls):
    """Controls side by side that wrap onto the next line when the notebook is narrow."""
    return ipywidgets.HBox(list(controls), layout=ipywidgets.Layout(flex_flow="row wrap"))


def _saturation_note(a):
    """Say so when sigma(z) shows as 0.000000 or 1.000000: the curve is flat there (a saturated neuron)."""
    if number(a) not in ("1.000000", "0.000000"):
        return ""
    if a in (0.0, 1.0):
        return _(" (not exactly, but closer than a float can tell: "
                 "the curve is flat out here, the neuron is saturated)")
    distance = f"1 − a = {1.0 - a:.2g}" if a > 0.5 else f"a = {a:.2g}"
    return tr(" (more exactly {distance}: the curve is flat out here, the neuron is saturated)", distance=distance)


def _verdict(right):
    """The verdict "right" or "wrong", in the lesson's language."""
    return _("right") if right else _("wrong")


# ----- 1. one neuron -------------------------------------------------------------

class SingleNeuron(LessonWidget):
    """One neuron with two inputs: z = w1 a1 + w2 a2 + b, a = sigma(z), marked on the sigmoid curve.

    Weights and bias span [-10, 10], inputs [0, 1]; set w2 = 0 (or a2 = 0) for a
    one-input neuron. z can reach +-30, beyond the plotted range [-12, 12]: the
    marker then stops at the edge of the chart and the readout says so.
    """

    Z_LIMIT = 12.0

    def __init__(self, w1=1.0, a1=0.5, w2=0.0, a2=0.0, b=0.0):
        super().__init__()
        self.controls["w1"] = slider(_("weight w₁"), w1, -10, 10, 0.1, "neuron-w1")
        self.controls["a1"] = slider(_("input a₁"), a1, 0, 1, 0.01, "neuron-a1")
        self.controls["w2"] = slider(_("weight w₂"), w2, -10, 10, 0.1, "neuron-w2")
        self.controls["a2"] = slider(_("input a₂"), a2, 0, 1, 0.01, "neuron-a2")
        self.controls["b"] = slider(_("bias b"), b, -10, 10, 0.1, "neuron-bias")
        self.z_text = readout("neuron-z")
        self.a_text = readout("neuron-activation")

        self.view = FigureImage(figsize=(8.2, 3.1), dpi=90, layout="constrained")
        ax = self.view.figure.add_subplot()
        z = np.linspace(-self.Z_LIMIT, self.Z_LIMIT, 481)
        ax.plot(z, sigmoid(z), color="#1f77b4", lw=2, label=r"$\sigma(z) = 1/(1+e^{-z})$")
        ax.axhline(0.5, color="gray", lw=0.6, ls=":")
        self.z_line = ax.axvline(0.0, color="#444444", lw=1, ls="--", label=_("current $z$"))
        self.a_line = ax.axhline(0.5, color="#ff7f0e", lw=1, ls="--", label=_("current $a = \\sigma(z)$"))
        (self.dot,) = ax.plot([0.0], [0.5], "o", color="#ff7f0e", markersize=9, markeredgecolor="black", zorder=5)
        self.edge_note = ax.text(0.5, 0.06, "", transform=ax.transAxes, ha="center", color="#b00000", fontsize=10)
        ax.set_xlim(-self.Z_LIMIT - 0.5, self.Z_LIMIT + 0.5)
        ax.set_ylim(-0.05, 1.05)
        ax.set_xlabel(_("weighted input $z = w_1 a_1 + w_2 a_2 + b$"))
        ax.set_ylabel(_("activation $a$"))
        ax.set_title(_("One neuron: the sigmoid squashes $z$ into (0, 1)"))
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=9)   # outside: the lines move everywhere
        self.axes = ax
        self.view.animate(self.z_line, self.a_line, self.dot, self.edge_note)

        sliders = ipywidgets.VBox([_row(self.controls["w1"], self.controls["a1"]),
                                   _row(self.controls["w2"], self.controls["a2"]),
                                   self.controls["b"]])
        self.children = [sliders, self.z_text, self.a_text, self.view.widget, self.status]
        self._start()

    def update(self):
        w1, a1, w2, a2, b = (float(self.controls[k].value) for k in ("w1", "a1", "w2", "a2", "b"))
        response = neuron_response([w1, w2], [a1, a2], b)
        weighted_sum, z, a = response["weighted_sum"], response["z"], response["activation"]
        marker_z = float(np.clip(z, -self.Z_LIMIT, self.Z_LIMIT))
        off_chart = "right" if z > self.Z_LIMIT else "left" if z < -self.Z_LIMIT else None
        self.values = {"w1": w1, "a1": a1, "w2": w2, "a2": a2, "b": b, "weighted_sum": weighted_sum,
                       "z": z, "activation": a, "marker_z": marker_z, "off_chart": off_chart}

        self.z_line.set_xdata([marker_z, marker_z])
        self.a_line.set_ydata([a, a])
        self.dot.set_data([marker_z], [a])
        where = ""
        if off_chart == "right":
            where = tr(" — off the chart to the right (it ends at z = +{limit:g}), so the dot waits at the edge",
                       limit=self.Z_LIMIT)
            self.edge_note.set_text(tr("z = {z:.2f} is off the chart: dot clipped to the right edge", z=z))
        elif off_chart == "left":
            where = tr(" — off the chart to the left (it ends at z = −{limit:g}), so the dot waits at the edge",
                       limit=self.Z_LIMIT)
            self.edge_note.set_text(tr("z = {z:.2f} is off the chart: dot clipped to the left edge", z=z))
        else:
            self.edge_note.set_text("")
        terms = "({})({}) + ({})({}) + ({})".format(*(number(v, 2) for v in (w1, a1, w2, a2, b)))
        self.z_text.value = f"z = w₁a₁ + w₂a₂ + b = {terms} = <b>{number(z)}</b>{where}"
        self.a_text.value = tr("activation a = σ(z) = <b>{a}</b>{note}", a=number(a), note=_saturation_note(a))
        self.view.redraw()


def single_neuron(w1=1.0, a1=0.5, w2=0.0, a2=0.0, b=0.0):
    """Lesson 01: one neuron, z = w1 a1 + w2 a2 + b and a = sigma(z), on the sigmoid curve."""
    return SingleNeuron(w1=w1, a1=a1, w2=w2, a2=a2, b=b)


# ----- 2. a weight pattern over a digit --------------------------------------------

class WeightPatternExplorer(LessonWidget):
    """One neuron that looks at a whole digit: z = sum_k w_k a_k + b over the 784 pixels.

    Three pictures: the 784 weights w (palette colours, white = 0), the digit a
    (grey), and their element-wise product w * a, whose sum is the weighted sum.
    Patterns come from helpers.neuron (edge and loop detectors, random, blank);
    the brush paints a square of cells with +1, -1 or 0 (`paint()`, the Paint button).
    `rank_digits()` (the button) finds the training digits that excite this neuron most
    (helpers.neuron.digits_that_excite).
    """

    TOP = 8

    def __init__(self, pattern="horizontal stroke, top", digit=0, bias=-10.0):
        super().__init__()
        (self.X, self.y), _test = load_digits()
        self.weights = pattern_weights(pattern)
        self.painted = 0                 # cells painted since the pattern was chosen
        self.ranked_for = None           # (pattern description, bias) the ranking was made for

        c = self.controls
        c["digit"] = int_slider(_("training digit"), digit, 0, len(self.X) - 1, "pattern-digit")
        c["pattern"] = dropdown(_("weight pattern"), [(_(name), name) for name in PATTERN_NAMES], pattern, "pattern")
        c["bias"] = slider(_("bias b"), bias, -50, 50, 0.5, "pattern-bias")
        c["brush"] = toggle(_("brush"), [("+1", 1.0), ("−1", -1.0), (_("0 (erase)"), 0.0)], 1.0, "pattern-brush",
                            tooltips=[_("paint weight +1"), _("paint weight −1"), _("erase: weight 0")])
        self.brush = Brush("pattern", size=1, max_size=5)
        c.update(self.brush.controls)                    # row, column, size
        self.paint_button = self.button(_("Paint"), "pattern-paint", self.paint, icon="paint-brush",
                                        tooltip=_("set the brush's cells to the brush value"))
        self.rank_button = self.button(_("Which digits excite it?"), "pattern-rank", self.rank_digits, icon="search",
                                       width="220px")
        self.sum_text = readout("pattern-sum")
        self.activation_text = readout("pattern-activation")
        self.rank_text = readout("pattern-ranking")

        self._build_figure()
        self._build_ranking_figure()
        paint_box = ipywidgets.VBox([ipywidgets.HTML(_("<b>Paint your own weights</b> "
                                                       "(choose a cell, then press Paint):")),
                                     c["brush"], self.brush.box(), self.paint_button])
        self.children = [_row(c["digit"], c["pattern"]), c["bias"], self.sum_text,
                         self.activation_text, self.view.widget, paint_box, self.rank_button, self.status]
        self._last_pattern = pattern
        self._start()

    def _build_figure(self):
        self.view = FigureImage(figsize=(9.3, 3.4), dpi=90, layout="constrained")
        fig = self.view.figure
        ax_w, ax_a, ax_p = fig.subplots(1, 3)
        limit = symmetric_limit(self.weights)
        # Few ticks and text: drawing tick labels is most of a redraw's cost.
        self.weight_image = ax_w.imshow(self.weights, cmap=weight_cmap(), vmin=-limit, vmax=limit,
                                        interpolation="nearest")
        self.weight_bar = fig.colorbar(self.weight_image, ax=ax_w, shrink=0.85, label=weight_label())
        self.digit_image = ax_a.imshow(np.zeros((28, 28)), cmap=GREY, vmin=0, vmax=1, interpolation="nearest")
        fig.colorbar(self.digit_image, ax=ax_a, shrink=0.85, label=_("activation (0 black, 1 white)"),
                     ticks=[0, 0.5, 1])
        self.product_image = ax_p.imshow(np.zeros((28, 28)), cmap=weight_cmap(), vmin=-limit, vmax=limit,
                                         interpolation="nearest")
        self.product_bar = fig.colorbar(self.product_image, ax=ax_p, shrink=0.85, label=_("weight × activation"))
        self.cursors = []
        for ax in (ax_w, ax_a):
            # magenta: visible on white, on both palettes' weight colours and on a black digit
            cursor = Rectangle((13.5, 13.5), 1, 1, fill=False, edgecolor="#ff00ff", lw=1.5)
            ax.add_patch(cursor)
            self.cursors.append(cursor)
        ax_w.set_xticks([0, 7, 14, 21, 27])
        ax_w.set_yticks([0, 7, 14, 21, 27])
        ax_w.tick_params(labelsize=9)
        ax_w.set_xlabel(_("column"), fontsize=9)
        ax_w.set_ylabel(_("row"), fontsize=9)
        for ax in (ax_a, ax_p):
            ax.set_xticks([])
            ax.set_yticks([])
        self.axes = (ax_w, ax_a, ax_p)
        # Images first, then the frames (an image redrawn on its own would cover its axes' frame), cursors, titles.
        self.view.animate(self.weight_image, self.digit_image, self.product_image,
                          *[spine for ax in self.axes for spine in ax.spines.values()], *self.cursors,
                          ax_w.title, ax_a.title, ax_p.title)
        self._drawn_limit = None         # the colour bars' scale in the kept background picture

    def _build_ranking_figure(self):
        self.rank_view = FigureImage(figsize=(9.3, 1.85), dpi=90, layout="constrained")
        axes = self.rank_view.figure.subplots(1, self.TOP)
        self.rank_images = []
        for ax in axes:
            self.rank_images.append(ax.imshow(np.zeros((28, 28)), cmap=GREY, vmin=0, vmax=1))
            ax.set_xticks([])
            ax.set_yticks([])
            ax.set_title(" \n ", fontsize=9)
        self.rank_axes = axes
        self.rank_title = self.rank_view.figure.suptitle(" ", fontsize=10)

    def _pattern_description(self):
        """The pattern's English name, and the cells painted since (what `values` and the ranking keep)."""
        name = self.controls["pattern"].value
        return name + (f" + {self.painted} painted cell(s)" if self.painted else "")

    def _pattern_words(self):
        """`_pattern_description()` in the lesson's language, for titles."""
        chosen = self.controls["pattern"].value
        name = _(chosen)
        return tr("{pattern} + {n} painted cell(s)", pattern=name, n=self.painted) if self.painted else name

    def paint(self):
        """Set the brush's cells (row, column, brush size) to the brush value: +1, -1 or 0."""
        rows, cols = self.brush.cells()
        self.weights[rows, cols] = self.controls["brush"].value
        self.painted += (rows.stop - rows.start) * (cols.stop - cols.start)
        self.refresh()

    def update(self):
        c = self.controls
        if c["pattern"].value != self._last_pattern:       # a new pattern replaces the painted weights
            self._last_pattern = c["pattern"].value
            self.weights = pattern_weights(self._last_pattern)
            self.painted = 0
        i, b = int(c["digit"].value), float(c["bias"].value)
        x = self.X[i].reshape(28, 28)
        response = neuron_response(self.weights, x, b)
        product, weighted_sum, z, a = (response[k] for k in ("products", "weighted_sum", "z", "activation"))
        positive_part, negative_part = response["positive_part"], response["negative_part"]
        self.values = {"digit": i, "label": int(self.y[i]), "pattern": self._pattern_description(),
                       "weighted_sum": weighted_sum, "bias": b, "z": z, "activation": a,
                       "positive_part": positive_part, "negative_part": negative_part}

        limit = symmetric_limit(self.weights) if np.any(self.weights) else 1.0
        self.weight_image.set_data(self.weights)
        self.weight_image.set_clim(-limit, limit)
        self.digit_image.set_data(x)
        self.product_image.set_data(product)
        self.product_image.set_clim(-limit, limit)
        for bar in (self.weight_bar, self.product_bar):
            bar.set_ticks([-limit, 0, limit])
        rows, cols = self.brush.cells()
        for cursor in self.cursors:
            cursor.set_xy((cols.start - 0.5, rows.start - 0.5))
            cursor.set_width(cols.stop - cols.start)
            cursor.set_height(rows.stop - rows.start)
        ax_w, ax_a, ax_p = self.axes
        # Two-line titles, the first line fixed: the layout (frozen after the first draw) has room for both.
        chosen = self.controls["pattern"].value
        name = re.split(r" ?[(（]", _(chosen))[0]     # the pattern's name without its remark in brackets
        ax_w.set_title(tr("weights $w_k$\n{pattern} + {n} painted", pattern=name, n=self.painted) if self.painted
                       else tr("weights $w_k$\n{pattern}", pattern=name), fontsize=9)
        ax_a.set_title(tr("activations $a_k$\ndigit #{index}, a {label}", index=i, label=self.values["label"]),
                       fontsize=9)
        ax_p.set_title(tr("$w_k a_k$, cell by cell\n$\\Sigma_k\\, w_k a_k$ = {total}", total=number(weighted_sum, 2)),
                       fontsize=9)
        self.sum_text.value = tr("weighted sum Σ w·a = <b>{total}</b> (positive cells give +{positive}, negative cells "
                                 "{negative}) · bias b = {b} · z = Σ w·a + b = <b>{z}</b>",
                                 total=number(weighted_sum), positive=number(positive_part, 2),
                                 negative=number(negative_part, 2), b=number(b, 2), z=number(z))
        self.activation_text.value = tr("activation σ(z) = <b>{a}</b>{note}", a=number(a), note=_saturation_note(a))
        full = limit != self._drawn_limit           # a new colour-bar scale: redraw everything once
        self._drawn_limit = limit
        if self.ranked_for is not None and self.ranked_for != (self._pattern_description(), b):
            self.rank_text.value = _("<i>The weights or the bias changed: press the button again to rank anew.</i>")
        elif self.ranked_for is not None:
            self.rank_text.value = self._ranking_summary
            self.values["ranking"] = self._ranking        # still valid for these weights and this bias
        self.view.redraw(full=full)

    def rank_digits(self):
        """Rank all 8,000 training digits by this neuron's activation; show the top 8.

        One matrix-vector product, z = X w + b for every digit at once (helpers.neuron.digits_that_excite).
        """
        b = float(self.controls["bias"].value)
        self._ranking = digits_that_excite(self.X, self.y, self.weights, b, top=self.TOP)
        r = self._ranking
        for ax, image, k, label, zk in zip(self.rank_axes, self.rank_images, r["indices"], r["labels"], r["z"]):
            image.set_data(self.X[k].reshape(28, 28))
            ax.set_title(tr("#{index}: a {label}\n$z$ = {z}", index=k, label=label, z=number(zk, 1)), fontsize=9)
        self.rank_title.set_text(tr("The {top} training digits that excite this neuron most ({pattern}, bias {bias})",
                                    top=self.TOP, pattern=self._pattern_words(), bias=number(b, 1)))
        self.values["ranking"] = self._ranking
        labels, top100 = r["labels"], r["top100_counts"]
        common = int(np.argmax(top100))
        self._ranking_summary = tr("Top {top} labels: <b>{labels}</b> · among the top 100, the most common digit is "
                                   "<b>{common}</b> ({count} of 100)", top=self.TOP,
                                   labels=" ".join(str(int(v)) for v in labels), common=common, count=top100[common])
        self.ranked_for = (self._pattern_description(), b)
        self.rank_text.value = self._ranking_summary
        self.rank_view.redraw()
        if self.rank_view.widget not in self.children:
            self.children = list(self.children[:-1]) + [self.rank_text, self.rank_view.widget, self.status]
        return self.values["ranking"]


def weight_pattern(pattern="horizontal stroke, top", digit=0, bias=-10.0):
    """Lesson 01: a neuron's 784 weights as a pattern over a digit, z = sum(w * a) + b, and the digits it likes."""
    return WeightPatternExplorer(pattern=pattern, digit=digit, bias=bias)



# ----- 3. the whole trained network ------------------------------------------------

class NetworkView(LessonWidget):
    """The trained 784-16-16-10 network on one test digit, drawn like V1's picture.

    The input is the 28x28 image; each hidden layer is a column of 16 circles shaded
    by activation (black 0 … white 1); the 10 outputs are circles plus bars. Faint
    lines between the hidden layers and to the outputs show each connection's
    contribution w_jk a_k for this digit (palette colours by sign, opacity by size).
    """

    X_IMAGE, X_H1, X_H2, X_OUT = (0.0, 6.0), 9.0, 13.0, 17.0
    BAR_START, BAR_LENGTH = 18.6, 3.0

    def __init__(self, index=0, net=None):
        super().__init__()
        self.net = load_trained_network() if net is None else net
        _train, (self.X, self.y) = load_digits()
        self.controls["index"] = int_slider(_("test digit"), index, 0, len(self.X) - 1, "network-index", width="420px")
        self.answer_text = readout("network-prediction")
        # the picture's title is page text above it: a figure text this long cost a quarter of each move's drawing
        self.title = readout("network-title")
        self._build_figure()
        self.title.layout.width = f"{self.view.figure.canvas.get_width_height()[0]}px"
        self.children = [self.controls["index"], self.answer_text, self.title, self.view.widget, self.status]
        self._start()

    @staticmethod
    def _column(n, spacing):
        """y positions of n neurons centred on y = 8, the first at the top."""
        return 8.0 + (np.arange(n)[::-1] - (n - 1) / 2) * spacing

    def _build_figure(self):
        # imshow keeps the axes' aspect equal (square pixels): this size fits the drawing's 23 x 17.6 units.
        self.view = FigureImage(figsize=(7.6, 4.75), dpi=90, layout="constrained")
        fig = self.view.figure
        ax = fig.add_subplot()
        ax.set_facecolor("black")
        self.y_h1 = self._column(16, 0.95)
        self.y_h2 = self._column(16, 0.95)
        self.y_out = self._column(10, 1.45)
        # Connection lines, created once; only their colours change per digit.
        segments = [[(self.X_H1, y0), (self.X_H2, y1)] for y1 in self.y_h2 for y0 in self.y_h1]
        segments += [[(self.X_H2, y0), (self.X_OUT, y1)] for y1 in self.y_out for y0 in self.y_h2]
        self._segments = np.array(segments)
        self.lines = LineCollection(segments, linewidths=1.0, zorder=1)
        ax.add_collection(self.lines)
        self.input_image = ax.imshow(np.zeros((28, 28)), cmap=GREY, vmin=0, vmax=1,
                                     extent=(self.X_IMAGE[0], self.X_IMAGE[1], 5.0, 11.0), zorder=2)
        ax.add_patch(Rectangle((self.X_IMAGE[0], 5.0), 6.0, 6.0, fill=False, edgecolor="#888888", lw=1, zorder=3))
        common = {"cmap": GREY, "vmin": 0, "vmax": 1, "s": 150, "edgecolors": "#aaaaaa", "linewidths": 1, "zorder": 3}
        self.h1 = ax.scatter(np.full(16, self.X_H1), self.y_h1, c=np.zeros(16), **common)
        self.h2 = ax.scatter(np.full(16, self.X_H2), self.y_h2, c=np.zeros(16), **common)
        self.out = ax.scatter(np.full(10, self.X_OUT), self.y_out, c=np.zeros(10), **{**common, "s": 260})
        for j, y in enumerate(self.y_out):
            ax.text(self.X_OUT + 0.7, y, str(j), color="white", va="center", ha="left", fontsize=11, zorder=4)
            ax.add_patch(Rectangle((self.BAR_START, y - 0.45), self.BAR_LENGTH, 0.9, fill=False,
                                   edgecolor="#555555", lw=0.8, zorder=3))
        self.bars = ax.barh(self.y_out, np.zeros(10), height=0.9, left=self.BAR_START, color="#cccccc", zorder=4)
        self.bar_values = [ax.text(self.BAR_START + self.BAR_LENGTH + 0.2, y, "", color="white", va="center",
                                   fontsize=9, zorder=4) for y in self.y_out]
        heading = {"color": "white", "ha": "center", "va": "bottom", "fontsize": 9}
        ax.text(3.0, 15.6, _("input $a^{(0)}$\n784 pixels"), **heading)
        ax.text(self.X_H1, 15.6, _("hidden $a^{(1)}$\n16"), **heading)
        ax.text(self.X_H2, 15.6, _("hidden $a^{(2)}$\n16"), **heading)
        ax.text(self.X_OUT + 1.6, 15.6, _("output $a^{(3)}$\n10 digits"), **heading)
        ax.text(3.0, 4.3, _("784 inputs feed every\nneuron of $a^{(1)}$ (not drawn)"), color="#aaaaaa",
                ha="center", va="top", fontsize=9)
        ax.set_xlim(-0.5, self.BAR_START + self.BAR_LENGTH + 1.4)
        ax.set_ylim(-0.2, 17.4)
        ax.set_xticks([])
        ax.set_yticks([])
        fig.colorbar(self.h1, ax=ax, shrink=0.7, pad=0.01, label=_("activation (0 black, 1 white)"))
        self.axes = ax
        self.view.animate(self.lines, self.input_image, self.h1, self.h2, self.out, *self.bars, *self.bar_values)
        self._pos = np.array(to_rgba(positive_color()))
        self._neg = np.array(to_rgba(negative_color()))

    def update(self):
        i = int(self.controls["index"].value)
        x = self.X[i]
        _zs, activations = self.net.feedforward(x[np.newaxis, :])
        a1, a2, out = (a[0] for a in activations[1:])
        prediction = int(np.argmax(out))
        label = int(self.y[i])
        self.values = {"index": i, "label": label, "prediction": prediction, "confidence": float(out[prediction]),
                       "correct": prediction == label, "hidden1": a1.copy(), "hidden2": a2.copy(), "output": out.copy()}

        self.input_image.set_data(x.reshape(28, 28))
        self.h1.set_array(a1)
        self.h2.set_array(a2)
        self.out.set_array(out)
        # Each line's contribution w_jk * a_k for this digit; opacity relative to the largest in its layer.
        contributions = np.concatenate([connection_contributions(self.net.weights[1], a1).ravel(),
                                        connection_contributions(self.net.weights[2], a2).ravel()])
        split = self.net.weights[1].size
        strength = np.abs(contributions)
        for part in (slice(0, split), slice(split, None)):
            strength[part] /= max(strength[part].max(), 1e-12)
        colours = np.where((contributions >= 0)[:, None], self._pos, self._neg)
        colours[:, 3] = 0.85 * strength ** 2      # squared: only the strongest lines stand out
        # a line fainter than half a colour level cannot be seen: it is left out of the drawing (most are)
        seen = colours[:, 3] >= 0.5 / 255
        self.lines.set_segments(self._segments[seen])
        self.lines.set_color(colours[seen])
        for j, (bar, text) in enumerate(zip(self.bars, self.bar_values)):
            bar.set_width(self.BAR_LENGTH * out[j])
            bar.set_color("#ffd43b" if j == prediction else "#cccccc")
            text.set_text(f"{out[j]:.2f}")
        verdict = _verdict(prediction == label)
        title = tr("test digit {index}: the network says {prediction}, the label is {label} ({verdict})",
                   index=i, prediction=prediction, label=label, verdict=verdict)
        self.title.value = f"<div style='text-align:center;font-size:15px'>{title}</div>"
        colour = "#1a7f37" if prediction == label else "#b00000"
        self.answer_text.value = tr("prediction (brightest output): <b>{prediction}</b> with activation {activation} · "
                                    "true label: <b>{label}</b> · <b style='color:{colour}'>{verdict}</b>",
                                    prediction=prediction, activation=number(out[prediction]), label=label,
                                    colour=colour, verdict=verdict)
        self.view.redraw()


def network_view(index=0):
    """Lesson 01: the trained 784-16-16-10 network's activations on one bundled test digit."""
    return NetworkView(index=index)
