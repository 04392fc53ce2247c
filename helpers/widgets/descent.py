"""Lesson 02 (gradient descent): widgets.

    descent_1d()          a ball rolling down C(w) = w^4 - 3w^2 + w + 3, one step at a time
    descent_2d()          gradient descent on a 2-D surface with two valleys and a saddle
    gradient_explorer()   the 13,002-D gradient of the real network on one batch of digits

Every step of gradient descent is the same rule, in one dimension or in 13,002:

    w  <-  w - learning_rate * dC/dw

The numbers come from the numbers layer: the costs and the walks from
`helpers.descent`, the real network's gradient, ranking and nudges from
`helpers.descent`. This module only wires controls to a picture.
"""

import ipywidgets
import numpy as np
from matplotlib import colormaps
from matplotlib.colors import LogNorm
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from ..core.languages import N_, _, tr
from ..core.network import Network
from ..descent import (
    DEEP_VALLEY_1D,
    DIVERGENCE_BOUND,
    SHALLOW_VALLEY_1D,
    SURFACE,
    CostProbe,
    Walk1D,
    cost_1d,
    descend_2d,
    explorer_batch,
    nearest_flat_point,
    slope_1d,
)
from ._core import FigureImage, LessonWidget, int_slider, number, readout, signed, slider, toggle

__all__ = ["descent_1d", "descent_2d", "gradient_explorer"]

DPI = 90                 # every figure here: 8 pt text is 10 px on screen
ARROW_COLOR = "#c44e52"
BALL_COLOR = "#dd8452"


# What the status line says while a 1-D walk is in each state (landscapes.STATUSES); shown with _().
_WALK_WORDS = {"not started": N_("ready: press Step or Run"),
               "still moving": N_("still moving"),
               "settled in a valley": N_("<b>settled in a valley</b> (the slope is zero here)"),
               "resting on the hump": N_("resting on the hump: the slope is zero, but this is a maximum"),
               "bouncing (not settling)": N_("<b>bouncing (not settling)</b>")}


def _readouts(*names):
    """Readouts with a little space after each, for a row of numbers."""
    boxes = {name: readout(name) for name in names}
    for box in boxes.values():
        box.layout.margin = "0 18px 0 0"
    return boxes


def _row(children):
    """A row of controls that wraps onto the next line when the notebook is narrow."""
    return ipywidgets.HBox(children, layout=ipywidgets.Layout(flex_flow="row wrap"))


# ----- 1-D: the ball on C(w) ---------------------------------------------------

class Descent1D(LessonWidget):
    """A ball on C(w) = w^4 - 3w^2 + w + 3 taking gradient-descent steps w <- w - eta C'(w).

    Controls: `start` (w_0) and `learning_rate` (eta) sliders; moving either starts
    a fresh walk at w_0. Buttons: Step (`step()`), Run 50 steps (`run(50)`), Reset
    (`reset()`). Readouts: w, C(w), C'(w), the number of steps and a status
    (see `landscapes.classify_walk`).
    """

    W_RANGE = (-2.2, 2.2)
    C_RANGE = (-1.6, 12.0)   # the valleys and the hump live in [-0.6, 3.1]; steeper walls leave the chart

    def __init__(self, start=2.0, learning_rate=0.05):
        super().__init__()
        self.controls["start"] = slider(_("start w₀"), start, -2.1, 2.1, 0.05, "start")
        self.controls["learning_rate"] = slider(_("learning rate η"), learning_rate, 0.01, 0.25, 0.01,
                                                "learning-rate")
        self.buttons = {"step": self.button(_("Step"), "step", self.step, tooltip=_("take one step downhill")),
                        "run": self.button(_("Run 50 steps"), "run", lambda: self.run(50), tooltip=_("take 50 steps")),
                        "reset": self.button(_("Reset"), "reset", self.reset, tooltip=_("back to the start w₀"))}
        self.readouts = _readouts("w", "cost", "slope", "steps")
        self.walk = Walk1D(start, learning_rate)

        self.view = FigureImage(figsize=(8.2, 3.6), dpi=DPI, layout="constrained")
        self._build_figure()
        self.children = [_row([self.controls["start"], self.controls["learning_rate"]]),
                         _row(list(self.buttons.values())),
                         _row(list(self.readouts.values())),
                         self.status, self.view.widget]
        self._start()

    def _build_figure(self):
        ax = self.view.figure.add_subplot()
        grid = np.linspace(*self.W_RANGE, 400)
        ax.plot(grid, cost_1d(grid), color="#333333", lw=1.6, label=_("cost $C(w)$"))
        ax.set_xlim(*self.W_RANGE)
        ax.set_ylim(*self.C_RANGE)
        self._floor = self.C_RANGE[0] + 0.45
        for w, name in ((DEEP_VALLEY_1D, _("deep valley\n$w \\approx {w:.3f}$")),
                        (SHALLOW_VALLEY_1D, _("shallow valley\n$w \\approx {w:.3f}$"))):
            ax.axvline(w, color="#999999", lw=0.8, ls=":")
            ax.text(w, self.C_RANGE[1] - 0.3, name.format(w=w), fontsize=9, va="top", ha="center",
                    color="#555555", bbox=dict(facecolor="white", edgecolor="none", pad=1))
        self.path_line, = ax.plot([], [], ls="-", lw=0.9, alpha=0.8, marker="o", ms=4, color="#4c72b0",
                                  label=_("past steps"))
        self.tangent, = ax.plot([], [], ls="--", lw=1.2, color=BALL_COLOR, label=_("slope $C'(w)$ at the ball"))
        self.ball, = ax.plot([], [], marker="o", ms=11, color=BALL_COLOR, mec="black", ls="none", label=_("ball"))
        # The next step is an arrow along the floor of the chart; the legend names it, so
        # no label sits on the arrow or lingers once the arrow has shrunk to nothing.
        self.next_step = ax.annotate("", xy=(0, self._floor), xytext=(0, self._floor),
                                     arrowprops=dict(arrowstyle="->", color=ARROW_COLOR, lw=1.6))
        self.banner = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center", fontsize=13,
                              color="#b00000", bbox=dict(facecolor="white", edgecolor="#b00000"))
        for artist in (self.path_line, self.tangent, self.ball, self.next_step, self.banner):
            self.view.animate(artist)
        ax.set_xlabel("$w$")
        ax.set_ylabel("$C(w)$")
        ax.set_title(_("Gradient descent on $C(w) = w^4 - 3w^2 + w + 3$"), fontsize=11)
        arrow = Line2D([], [], color=ARROW_COLOR, lw=1.6, marker=">", markevery=[1], ms=6,
                       label=_("next step $-\\eta\\, C'(w)$\n(the arrow along the bottom)"))
        handles = ax.get_legend_handles_labels()[0] + [arrow]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, frameon=False)
        self.axes = ax

    # --- the buttons ---

    def step(self):
        """One gradient-descent step (the Step button)."""
        self.walk.step()
        self.refresh()

    def run(self, n=50):
        """n gradient-descent steps, one redraw at the end (the Run button runs 50)."""
        self.walk.step(n)
        self.refresh()

    def reset(self):
        """Back to w_0 with no steps taken (moving a slider does this too)."""
        self.walk = Walk1D(self.controls["start"].value, self.controls["learning_rate"].value)
        self.refresh()

    # --- numbers and picture ---

    def update(self):
        start, rate = self.controls["start"].value, self.controls["learning_rate"].value
        if (self.walk.path[0], self.walk.learning_rate) != (start, rate):
            self.walk = Walk1D(start, rate)      # a slider moved: a fresh walk from the new start
        walk = self.walk
        w = walk.w
        status = walk.status()
        values = {"start": walk.path[0], "learning_rate": walk.learning_rate, "w": w, "steps": walk.steps,
                  "status": status, "path": tuple(walk.path)}
        if status == "diverged":
            values.update(cost=None, slope=None)
        else:
            values.update(cost=cost_1d(w), slope=slope_1d(w))
        if status == "bouncing (not settling)":
            values["bounce_between"] = walk.bounce_between()
        self.values = values

        self.readouts["w"].value = f"w = <b>{number(w, 4)}</b>"
        self.readouts["steps"].value = tr("steps: <b>{steps}</b>", steps=walk.steps)
        for name in ("step", "run"):             # a diverged walk takes no more steps: only Reset applies
            self.buttons[name].disabled = status == "diverged"
        if status == "diverged":
            self.readouts["cost"].value = _("C(w) = <b>huge</b>")
            self.readouts["slope"].value = _("C'(w) = <b>huge</b>")
            self.say(tr("<b>diverged</b>: after {steps} steps |w| passed {bound:g}; each step overshoots further "
                        "than the last. Try a smaller learning rate.", steps=walk.steps, bound=DIVERGENCE_BOUND))
        else:
            self.readouts["cost"].value = f"C(w) = <b>{number(values['cost'], 4)}</b>"
            self.readouts["slope"].value = tr("slope C'(w) = <b>{slope}</b>", slope=number(values["slope"], 4))
            if "bounce_between" in values:
                low, high = values["bounce_between"]
                self.say(tr("<b>bouncing (not settling)</b> between w ≈ {low} and w ≈ {high}",
                            low=number(low, 3), high=number(high, 3)))
            else:
                self.say(_(_WALK_WORDS[status]))
        self._draw(values)
        self.view.redraw()

    def _draw(self, values):
        path = np.array(values["path"])
        # Draw only points that stay within the bound: the first point beyond it is
        # already off the chart, and the walk stops there.
        shown = path[np.abs(path) <= DIVERGENCE_BOUND]
        self.path_line.set_data(shown, cost_1d(shown))
        if values["status"] == "diverged":
            self.ball.set_data([], [])
            self.tangent.set_data([], [])
            self.next_step.set_visible(False)
            self.banner.set_text(tr("diverged after {steps} steps", steps=values["steps"]))
            return
        w, c, s = values["w"], values["cost"], values["slope"]
        self.banner.set_text("")
        self.ball.set_data([w], [c])
        half = 0.35
        self.tangent.set_data([w - half, w + half], [c - half * s, c + half * s])
        target = w - values["learning_rate"] * s
        clipped = min(max(target, self.W_RANGE[0]), self.W_RANGE[1])
        self.next_step.set_visible(abs(target - w) > 1e-3)
        self.next_step.xy = (clipped, self._floor)
        self.next_step.set_position((w, self._floor))


def descent_1d(start=2.0, learning_rate=0.05):
    """Lesson 02: roll a ball down C(w) = w^4 - 3w^2 + w + 3 with gradient-descent steps."""
    return Descent1D(start, learning_rate)


# ----- 2-D: a surface with two valleys and a saddle -----------------------------

class Descent2D(LessonWidget):
    """Gradient descent on `landscapes.SURFACE`: contour plot, the field of -grad C, and the path taken.

    Controls: `x0`, `y0` (the start) and `learning_rate`; moving one clears the path.
    Buttons: Run (`run()`: up to 1000 steps, until a step is shorter than 1e-6)
    and Reset (`reset()`). Readouts: end point, cost there, number of steps, and
    which minimum the path reached.
    """

    MAX_STEPS = 1000

    def __init__(self, x0=-0.3, y0=1.5, learning_rate=0.05):
        super().__init__()
        self.surface = SURFACE
        self.flat = self.surface.flat_points()
        self.controls["x0"] = slider(_("start x₀"), x0, *self.surface.X_RANGE, 0.05, "x0")
        self.controls["y0"] = slider(_("start y₀"), y0, *self.surface.Y_RANGE, 0.05, "y0")
        self.controls["learning_rate"] = slider(_("learning rate η"), learning_rate, 0.01, 0.15, 0.005,
                                                "learning-rate", readout_format=".3f")
        self.buttons = {"run": self.button(_("Run"), "run", self.run,
                                           tooltip=tr("descend until it settles (at most {n} steps)",
                                                      n=self.MAX_STEPS)),
                        "reset": self.button(_("Reset"), "reset", self.reset, tooltip=_("clear the path"))}
        self.readouts = _readouts("end", "cost", "steps", "reached")
        self.path, self.stop, self._path_rate = None, None, None

        self.view = FigureImage(figsize=(6.4, 5.6), dpi=DPI, layout="constrained")
        self._build_figure()
        self.children = [_row([self.controls["x0"], self.controls["y0"]]),
                         _row([self.controls["learning_rate"], *self.buttons.values()]),
                         _row(list(self.readouts.values())),
                         self.status, self.view.widget]
        self._start()

    def _build_figure(self):
        s = self.surface
        ax = self.view.figure.add_subplot()
        xs = np.linspace(*s.X_RANGE, 200)
        ys = np.linspace(*s.Y_RANGE, 170)
        X, Y = np.meshgrid(xs, ys)
        Z = s.cost(X, Y)
        # Levels packed closer near the bottom, where the interesting structure is.
        levels = np.quantile(Z, np.linspace(0, 1, 22) ** 2)
        filled = ax.contourf(X, Y, Z, levels=levels, cmap="Blues_r")
        ax.contour(X, Y, Z, levels=levels, colors="white", linewidths=0.4)
        self.view.figure.colorbar(filled, ax=ax, label=_("cost $C(x, y)$"), format="%.1f")

        qx, qy = np.meshgrid(np.linspace(s.X_RANGE[0] + 0.15, s.X_RANGE[1] - 0.15, 15),
                             np.linspace(s.Y_RANGE[0] + 0.15, s.Y_RANGE[1] - 0.15, 13))
        gx, gy = s.gradient(qx, qy)
        steepness = np.hypot(gx, gy)
        # Arrow length grows with the square root of |grad C|: steep and gentle slopes
        # both stay visible (the raw lengths span a factor of several hundred).
        scale = np.sqrt(steepness) / np.maximum(steepness, 1e-12)
        longest = 0.3   # data units, for the steepest arrow
        ax.quiver(qx, qy, -gx * scale, -gy * scale, color="#444444", width=0.004, angles="xy",
                  scale_units="xy", scale=np.sqrt(steepness.max()) / longest)
        for name, (fx, fy) in self.flat.items():
            marker = "X" if name == "saddle" else "*"
            ax.plot([fx], [fy], marker=marker, ms=13 if marker == "*" else 10, color=BALL_COLOR,
                    mec="black", ls="none")
        self.path_line, = ax.plot([], [], color=ARROW_COLOR, lw=1.8, marker="o", ms=2.5)
        self.start_dot, = ax.plot([], [], marker="o", ms=9, color="white", mec="black", ls="none")
        self.end_dot, = ax.plot([], [], marker="o", ms=9, color=ARROW_COLOR, mec="black", ls="none")
        for artist in (self.path_line, self.start_dot, self.end_dot):
            self.view.animate(artist)
        ax.set_xlim(*s.X_RANGE)
        ax.set_ylim(*s.Y_RANGE)
        ax.set_xlabel("$x$")
        ax.set_ylabel(_("$y$ (a coordinate here, not a target)"))
        ax.set_title(_("Gradient descent on a surface with two valleys and a saddle"), fontsize=11)
        handles = [Line2D([], [], marker=">", color="#444444", ls="none",
                          label=_("$-\\nabla C$ (length $\\propto \\sqrt{|\\nabla C|}$)")),
                   Line2D([], [], marker="*", ms=11, color=BALL_COLOR, mec="black", ls="none", label=_("minimum")),
                   Line2D([], [], marker="X", ms=9, color=BALL_COLOR, mec="black", ls="none", label=_("saddle")),
                   Line2D([], [], marker="o", ms=7, color="white", mec="black", ls="none", label=_("start")),
                   Line2D([], [], color=ARROW_COLOR, marker="o", ms=5, mec="black", label=_("path (end: red dot)"))]
        self.view.figure.legend(handles=handles, loc="outside lower center", fontsize=9, ncol=3, frameon=False)
        self.axes = ax

    def run(self):
        """Descend until a step is shorter than 1e-6 (or 1000 more steps, or divergence).

        A second Run carries on from where the first stopped.
        """
        start = (self.controls["x0"].value, self.controls["y0"].value)
        rate = self.controls["learning_rate"].value
        self._path_rate = rate
        if self.path is not None and self.stop in ("still moving", "bouncing"):
            more, self.stop = descend_2d(self.path[-1], rate, self.MAX_STEPS, self.surface)
            self.path = np.concatenate([self.path[:-1], more])
        else:
            self.path, self.stop = descend_2d(start, rate, self.MAX_STEPS, self.surface)
        self.refresh()

    def reset(self):
        """Clear the path (moving a slider does this too)."""
        self.path, self.stop = None, None
        self.refresh()

    def update(self):
        x0, y0 = self.controls["x0"].value, self.controls["y0"].value
        rate = self.controls["learning_rate"].value
        if self.path is not None and (tuple(self.path[0]) != (x0, y0) or self._path_rate != rate):
            self.path, self.stop = None, None    # a slider moved: the old path belongs to another start
        values = {"start": (x0, y0), "learning_rate": rate}
        if self.path is None:
            values.update(end=(x0, y0), cost=float(self.surface.cost(x0, y0)), steps=0, stop="not started",
                          reached=None)
        elif self.stop == "diverged":
            values.update(end=None, cost=None, steps=len(self.path) - 1, stop="diverged", reached=None)
        else:
            end = tuple(float(v) for v in self.path[-1])
            reached = nearest_flat_point(end, self.surface) if self.stop == "settled" else None
            values.update(end=end, cost=float(self.surface.cost(*end)), steps=len(self.path) - 1, stop=self.stop,
                          reached=reached)
        self.values = values

        r = self.readouts
        steps = values["steps"]
        r["steps"].value = tr("steps: <b>{steps}</b>", steps=steps)
        if values["stop"] == "diverged":
            r["end"].value = _("end: <b>off the map</b>")
            r["cost"].value = _("C = <b>huge</b>")
            r["reached"].value = ""
            self.say(tr("<b>diverged</b> after {steps} steps: the steps overshoot further and further. "
                        "Try a smaller learning rate.", steps=steps))
        else:
            end = values["end"]
            r["end"].value = tr("end (x, y) = <b>({x}, {y})</b>", x=number(end[0], 3), y=number(end[1], 3))
            r["cost"].value = f"C = <b>{number(values['cost'], 4)}</b>"
            reached = values["reached"]
            place = _(reached) if reached else ""
            r["reached"].value = tr("reached: <b>{place}</b>", place=place) if reached else ""
            stop = values["stop"]
            if stop == "not started":
                self.say(_("Choose a start with the sliders, then press Run."))
            elif stop == "settled" and reached in ("deep valley", "shallow valley"):
                self.say(tr("Settled in the <b>{place}</b> after {steps} steps.", place=place, steps=steps))
            elif stop == "settled" and reached == "saddle":
                self.say(tr("Stopped after {steps} steps where the slope is zero: the <b>saddle</b> (downhill is "
                            "sideways from here).", steps=steps))
            elif stop == "settled":
                self.say(tr("Stopped after {steps} steps where the slope is zero.", steps=steps))
            elif stop == "still moving":
                self.say(tr("Still moving after {steps} steps: press Run to go on.", steps=steps))
            else:
                self.say(tr("<b>Bouncing (not settling)</b> after {steps} steps: each step overshoots the valley "
                            "floor. Try a smaller learning rate.", steps=steps))
        self._draw()
        self.view.redraw()

    def _draw(self):
        x0, y0 = self.values["start"]
        self.start_dot.set_data([x0], [y0])
        if self.path is None:
            self.path_line.set_data([], [])
            self.end_dot.set_data([], [])
            return
        shown = self.path[np.all(np.abs(self.path) <= DIVERGENCE_BOUND, axis=1)]
        self.path_line.set_data(shown[:, 0], shown[:, 1])
        if self.stop == "diverged":
            self.end_dot.set_data([], [])
        else:
            self.end_dot.set_data([shown[-1, 0]], [shown[-1, 1]])


def descent_2d(x0=-0.3, y0=1.5, learning_rate=0.05):
    """Lesson 02: gradient descent on a 2-D surface with two valleys and a saddle."""
    return Descent2D(x0, y0, learning_rate)


# ----- 13,002-D: the gradient of the real network --------------------------------

BAR_LIMITS = [m * 10.0 ** e for e in range(-8, 2) for m in (1, 2, 5)]


def _weight_name(layer, j, k):
    return f"w<sup>({layer})</sup><sub>{j},{k}</sub>"


class GradientExplorer(LessonWidget):
    """The gradient of the real network's cost on one batch, and what a nudge along it does.

    The network is a FRESH Network([784, 16, 16, 10], seed=0) — the untrained starting
    point of the lesson's training run — and the batch is 100 training digits
    (`sensitivity.explorer_batch()`). The picture shows |dC/dw| for every one of its
    12,960 weights (the 42 biases are left out), on one shared log colour scale.

    Controls: `delta` (the nudge Δ), `which` ("top-ranked" or "low-ranked": the
    weight whose numbers the readouts spell out), `low_rank` (which low-ranked weight,
    by its rank; it starts at the weight whose |dC/dw| is closest to 1/32 of the top
    one, echoing V3's 3.2 vs 0.1). For both weights the widget measures
    ΔC = C(w + Δ) - C(w) (`CostProbe.cost_change`) and shows it beside the linear
    prediction dC/dw · Δ.
    """

    def __init__(self, batch_size=100, seed=0):
        super().__init__()
        self.net = Network([784, 16, 16, 10], seed=0)
        self.probe = CostProbe(self.net, *explorer_batch(batch_size, seed))
        self.X, self.cost, self.nabla_w = self.probe.X, self.probe.cost, self.probe.nabla_w
        self.ranking, self.n_nonzero = self.probe.ranking, self.probe.n_nonzero

        self.controls["delta"] = slider(_("nudge Δ"), 0.1, -2.0, 2.0, 0.01, "delta")
        self.controls["which"] = toggle("", [(_("nudge the top-ranked weight"), "top-ranked"),
                                             (_("nudge a low-ranked weight"), "low-ranked")],
                                        "top-ranked", "which", button_width="auto")
        self.controls["low_rank"] = int_slider(_("rank of the low-ranked weight"), self.probe.rank_closest_to(1 / 32),
                                               2, self.n_nonzero, "low-rank", width="460px")
        self.ranked_list = readout("ranked-list")
        self.readouts = _readouts("chosen", "measured", "predicted", "ratio")

        # Two pictures: the gradient maps (big; they change only when the marked weights move)
        # and the bars (small; they change with every Δ). A Δ move re-encodes only the small one.
        self.view = FigureImage(figsize=(5.9, 4.2), dpi=DPI, layout="constrained")
        self.bar_view = FigureImage(figsize=(2.3, 4.2), dpi=DPI, layout="constrained")
        self._drawn_markers = None
        self._build_figure()
        self.children = [self.controls["which"], self.controls["delta"], self.controls["low_rank"],
                         _row(list(self.readouts.values())[:3]),
                         self.readouts["ratio"], self.status,
                         _row([self.view.widget, self.bar_view.widget]), self.ranked_list]
        self.ranked_list.value = self._ranked_table(8)
        self._start()

    # --- the picture ---

    @staticmethod
    def _mosaic(layer1):
        """Layer 1's (16, 784) array as one 4x4 mosaic of 28x28 tiles: tile j at row j // 4, column j % 4."""
        return layer1.reshape(4, 4, 28, 28).transpose(0, 2, 1, 3).reshape(112, 112)

    @staticmethod
    def _position(layer, j, k):
        """Where weight (layer, j, k) sits in its panel, as (column, row) image coordinates."""
        if layer == 1:
            return (j % 4) * 28 + k % 28, (j // 4) * 28 + k // 28
        return k, j

    def _build_figure(self):
        fig = self.view.figure
        grid = fig.add_gridspec(2, 2, width_ratios=[1.7, 1.0])
        magnitudes = [np.abs(g) for g in self.nabla_w]
        positive = np.concatenate([m[m > 0] for m in magnitudes])
        # Four decades below the largest entry; anything smaller shows in the lightest colour.
        norm = LogNorm(vmin=float(positive.max()) * 1e-4, vmax=float(positive.max()), clip=True)
        # Sequential colours for |dC/dw| (a size, not a sign): light = small, dark = large; zero shows white.
        cmap = colormaps["viridis_r"].with_extremes(bad="white")
        pictures = [self._mosaic(magnitudes[0]), magnitudes[1], magnitudes[2]]
        titles = [_("layer 1: 16 tiles of 28×28\n(into hidden neuron $j$, from pixel $k$)"),
                  _("layer 2: 16×16"), _("layer 3: 10×16")]
        places = [grid[:, 0], grid[0, 1], grid[1, 1]]
        self.panels = []
        for i, (picture, title, place) in enumerate(zip(pictures, titles, places)):
            ax = fig.add_subplot(place)
            image = ax.imshow(np.where(picture > 0, picture, np.nan), cmap=cmap, norm=norm,
                              interpolation="nearest")
            ax.set_title(title, fontsize=9)
            if i == 0:
                for edge in (28, 56, 84):
                    ax.axhline(edge - 0.5, color="black", lw=0.6)
                    ax.axvline(edge - 0.5, color="black", lw=0.6)
                ax.set_xticks([])
                ax.set_yticks([])
            else:
                ax.set_xlabel(_("$k$ (from neuron)"), fontsize=8)
                ax.set_ylabel(_("$j$ (to neuron)"), fontsize=8)
                ax.tick_params(labelsize=8)
                ax.xaxis.set_major_locator(MaxNLocator(4, integer=True))
                ax.yaxis.set_major_locator(MaxNLocator(4, integer=True))
            top_marker, = ax.plot([], [], marker="o", ms=11, mfc="none", mec="#dd0000", mew=2, ls="none")
            low_marker, = ax.plot([], [], marker="s", ms=10, mfc="none", mec="#ff8c00", mew=2, ls="none")
            self.panels.append((ax, self.view.animate(top_marker), self.view.animate(low_marker)))
        bar = fig.colorbar(image, ax=[p[0] for p in self.panels], location="right", shrink=0.9, aspect=30)
        bar.set_label(_("$|\\partial C/\\partial w|$ (log scale; white = exactly 0)"), fontsize=9)
        bar.ax.tick_params(labelsize=8)
        # Keep 3 % clear at top and bottom: with the aspect-locked panels, constrained layout
        # otherwise puts layer 3's x-label a pixel past the bottom edge.
        fig.get_layout_engine().set(rect=(0, 0.03, 1, 0.97))
        fig.suptitle(_("$|\\partial C/\\partial w|$ of every weight\n"
                       "red circle: the top-ranked weight; orange square: the low-ranked one"), fontsize=9)

        ax = self.bar_view.figure.add_subplot()
        self.bars = ax.bar([0, 1, 3, 4], [0, 0, 0, 0], color=["#4c72b0", "#a1c4e8", "#4c72b0", "#a1c4e8"],
                           edgecolor="black")
        ax.set_xticks([0.5, 3.5], [_("top-ranked\n(red circle)"), _("low-ranked\n(orange\nsquare)")], fontsize=8)
        ax.axhline(0, color="black", lw=0.8)
        ax.set_ylabel(_("change of cost"), fontsize=8)
        ax.tick_params(labelsize=8)
        ax.yaxis.set_major_locator(MaxNLocator(5))
        ax.set_title(_("$\\Delta C$ for a nudge $\\Delta$"), fontsize=9)
        self.bar_view.figure.suptitle(_("dark: measured\n$C(w+\\Delta) - C(w)$\n"
                                        "light: prediction\n$\\partial C/\\partial w \\cdot \\Delta$"), fontsize=8)
        for bar_artist in self.bars:
            self.bar_view.animate(bar_artist)
        self.bar_axes, self._bar_limit, self._bars_based = ax, None, False

    # --- numbers ---

    def update(self):
        delta = float(self.controls["delta"].value)
        which = self.controls["which"].value
        rank_low = int(self.controls["low_rank"].value)
        top, low = self.ranking[0], self.ranking[rank_low - 1]
        measured_top, measured_low = self.probe.cost_change(top, delta), self.probe.cost_change(low, delta)
        predicted_top, predicted_low = top[3] * delta, low[3] * delta
        self.values = {
            "cost": self.cost, "delta": delta, "which": which, "low_rank": rank_low,
            "top": top, "low": low,
            "measured_top": measured_top, "predicted_top": predicted_top,
            "measured_low": measured_low, "predicted_low": predicted_low,
            "gradient_ratio": abs(top[3] / low[3]),
            "effect_ratio": abs(measured_top / measured_low) if measured_low != 0 else None,
        }
        chosen = top if which == "top-ranked" else low
        rank = 1 if which == "top-ranked" else rank_low
        measured = measured_top if which == "top-ranked" else measured_low
        predicted = predicted_top if which == "top-ranked" else predicted_low
        self.values.update(chosen=chosen, measured=measured, predicted=predicted)

        r = self.readouts
        r["chosen"].value = tr("nudging {weight} (rank {rank:,}): ∂C/∂w = <b>{gradient}</b>",
                               weight=_weight_name(*chosen[:3]), rank=rank, gradient=signed(chosen[3], 6))
        r["measured"].value = tr("measured ΔC = <b>{change}</b>", change=signed(measured, 6))
        r["predicted"].value = f"∂C/∂w · Δ = <b>{signed(predicted, 6)}</b>"
        if self.values["effect_ratio"] is None:
            r["ratio"].value = _("Δ = 0: no nudge, no change.")
        else:
            r["ratio"].value = tr("The same nudge Δ changes C <b>{effect:.1f}×</b> as much through the top-ranked "
                                  "weight as through the one ranked {rank:,} "
                                  "(their gradients differ by {gradient:.1f}×).",
                                  effect=self.values["effect_ratio"], rank=rank_low,
                                  gradient=self.values["gradient_ratio"])
        self.say(tr("Cost of the fresh network on the {n} digits: C = {cost:.4f}. {nonzero:,} of the {total:,} "
                    "weights have a nonzero ∂C/∂w here.", n=len(self.X), cost=self.cost, nonzero=self.n_nonzero,
                    total=len(self.ranking)))
        self._draw()
        markers = (self.values["top"], self.values["low"])
        if markers != self._drawn_markers:
            self.view.redraw()
            self._drawn_markers = markers
        # Each y-axis range (1, 2, 5 × 10^n) is a scene: the y-axis drawn over the rest of the bar figure (its
        # base, kept at the first update), not the whole figure with its math titles again.
        if not self._bars_based:
            self.bar_view.keep_base(self.bar_axes.yaxis)
            self._bars_based = True
        self.bar_view.redraw_scene(self._bar_limit, over=[self.bar_axes.yaxis])

    def _draw(self):
        v = self.values
        for layer, (_ax, top_marker, low_marker) in enumerate(self.panels, start=1):
            for marker, entry in ((top_marker, v["top"]), (low_marker, v["low"])):
                if entry[0] == layer:
                    marker.set_data(*([c] for c in self._position(*entry[:3])))
                else:
                    marker.set_data([], [])
        heights = [v["measured_top"], v["predicted_top"], v["measured_low"], v["predicted_low"]]
        chosen_group = 0 if v["which"] == "top-ranked" else 1
        for i, (bar, height) in enumerate(zip(self.bars, heights)):
            bar.set_height(height)
            bar.set_linewidth(2.2 if i // 2 == chosen_group else 0.6)
        # The y-axis snaps to the next value of 1, 2, 5 × 10^n (symmetric about 0, so the zero line and
        # everything else behind the bars stay put: a new range redraws the y-axis only).
        needed = 1.15 * max(abs(h) for h in heights)
        limit = next((level for level in BAR_LIMITS if level >= needed), BAR_LIMITS[-1])
        if needed == 0:          # Δ = 0: no bars to fit; the axis keeps its scale (not 1e-8, with its offset text)
            limit = self._bar_limit or 1.0
        if limit != self._bar_limit:
            self.bar_axes.set_ylim(-limit, limit)
            self._bar_limit = limit

    def _ranked_table(self, n):
        down, up = _("down"), _("up")
        rows = "".join(
            f"<tr><td>{i + 1}</td><td>{_weight_name(l, j, k)}</td><td><code>weights[{l - 1}][{j}, {k}]</code></td>"
            f"<td>{signed(g, 5)}</td><td>{down if g > 0 else up}</td></tr>"
            for i, (l, j, k, g) in enumerate(self.ranking[:n]))
        return tr("<b>The largest entries of the gradient</b> (layer counted as in the videos)"
                  "<table><tr><th>rank</th><th>weight</th><th>in code</th><th>∂C/∂w</th>"
                  "<th>the weight should move</th></tr>{rows}</table>", rows=rows)


def gradient_explorer(batch_size=100, seed=0):
    """Lesson 02: the gradient of the fresh 784-16-16-10 network on one batch, and nudges along it."""
    return GradientExplorer(batch_size, seed)
