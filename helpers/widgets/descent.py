"""Lesson 02 (gradient descent): widgets.

    descent_1d()          a ball rolling down C(w) = w^4 - 3w^2 + w + 3, one step at a time
    descent_2d()          gradient descent on a 2-D surface with two valleys and a saddle
    gradient_explorer()   the 13,002-D gradient of the real network on one batch of digits

Every step of gradient descent is the same rule, in one dimension or in 13,002:

    w  <-  w - learning_rate * dC/dw

The pure math (the 1-D cost, the 2-D surface, the descent loops) is kept apart
from the drawing, so the lesson's assert cells and the unit tests can check it.
"""

import math

import ipywidgets
import numpy as np
from matplotlib.colors import LogNorm
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from ..data import load_digits
from ..activations import sigmoid
from ..network import Network
from ._base import FigureImage, LessonWidget, number, readout, slider

__all__ = ["descent_1d", "descent_2d", "gradient_explorer"]

# Once |w| passes this bound the walk has left every valley for good: we call it
# diverged and stop, before the numbers grow towards overflow.
DIVERGENCE_BOUND = 10.0
# A step shorter than this counts as standing still.
SETTLED_STEP = 1e-6


def _readouts(*names):
    """Readouts with a little space after each, for a row of numbers."""
    boxes = {name: readout(name) for name in names}
    for box in boxes.values():
        box.layout.margin = "0 18px 0 0"
    return boxes


def _button(description, css_name, tooltip=""):
    button = ipywidgets.Button(description=description, tooltip=tooltip,
                               layout=ipywidgets.Layout(width="auto"))
    button.add_class(f"nudge-button-{css_name}")
    return button


# ----- 1-D: the ball on C(w) ---------------------------------------------------

def cost_1d(w):
    """The lesson's 1-D cost C(w) = w^4 - 3 w^2 + w + 3 (two valleys and a hump between them)."""
    return w ** 4 - 3 * w ** 2 + w + 3


def slope_1d(w):
    """Its slope C'(w) = 4 w^3 - 6 w + 1."""
    return 4 * w ** 3 - 6 * w + 1


def curvature_1d(w):
    """Its second derivative C''(w) = 12 w^2 - 6: positive in a valley, negative on the hump."""
    return 12 * w ** 2 - 6


def _flat_points_1d():
    """Where C'(w) = 0, from the cubic's roots: (deep valley, hump, shallow valley)."""
    deep, hump, shallow = np.sort(np.roots([4.0, 0.0, -6.0, 1.0]).real)
    return float(deep), float(hump), float(shallow)


DEEP_VALLEY_1D, HUMP_1D, SHALLOW_VALLEY_1D = _flat_points_1d()


class Walk1D:
    """Gradient descent on C(w), step by step: w_{n+1} = w_n - learning_rate * C'(w_n).

    `path` holds w_0, w_1, ... . Once |w| passes DIVERGENCE_BOUND the walk is
    `diverged` and further steps do nothing, so no number ever overflows.
    """

    def __init__(self, start, learning_rate):
        self.learning_rate = float(learning_rate)
        self.path = [float(start)]
        self.diverged = abs(self.path[0]) > DIVERGENCE_BOUND

    @property
    def w(self):
        return self.path[-1]

    @property
    def steps(self):
        return len(self.path) - 1

    def step(self, n=1):
        for _ in range(int(n)):
            if self.diverged:
                return
            w = self.w - self.learning_rate * slope_1d(self.w)
            self.path.append(w)
            self.diverged = abs(w) > DIVERGENCE_BOUND

    def status(self):
        """What the walk is doing: one of STATUSES (see `classify_walk`)."""
        return classify_walk(self.path, self.diverged, curvature_1d)


STATUSES = ("not started", "still moving", "settled in a valley", "resting on the hump",
            "bouncing (not settling)", "diverged")


def classify_walk(path, diverged, curvature=curvature_1d):
    """Name what a 1-D descent is doing from the positions it visited.

    - "diverged": |w| passed DIVERGENCE_BOUND;
    - "settled in a valley": the last step was shorter than SETTLED_STEP where C'' > 0
      ("resting on the hump" where C'' <= 0: only an exact start on the hump does that);
    - "bouncing (not settling)": the last six steps alternate in direction and the
      latest is at least 90 % as long as the one four steps earlier (no longer shrinking);
    - "still moving": anything else (rolling down, or zig-zagging and still settling).
    """
    if diverged:
        return "diverged"
    if len(path) < 2:
        return "not started"
    steps = np.diff(path)
    if abs(steps[-1]) < SETTLED_STEP:
        return "settled in a valley" if curvature(path[-1]) > 0 else "resting on the hump"
    if len(steps) >= 6:
        last = steps[-6:]
        alternating = bool(np.all(last[1:] * last[:-1] < 0))
        if alternating and abs(steps[-1]) >= 0.9 * abs(steps[-5]):
            return "bouncing (not settling)"
    return "still moving"


class Descent1D(LessonWidget):
    """A ball on C(w) = w^4 - 3w^2 + w + 3 taking gradient-descent steps w <- w - eta C'(w).

    Controls: `start` (w_0) and `learning_rate` (eta) sliders; moving either starts
    a fresh walk at w_0. Buttons: Step (`step()`), Run 50 steps (`run(50)`), Reset
    (`reset()`). Readouts: w, C(w), C'(w), the number of steps and a status
    (see `classify_walk`).
    """

    W_RANGE = (-2.2, 2.2)
    C_RANGE = (-1.6, 12.0)   # the valleys and the hump live in [-0.6, 3.1]; steeper walls leave the chart

    def __init__(self, start=2.0, learning_rate=0.05):
        super().__init__()
        self.controls["start"] = slider("start w₀", start, -2.1, 2.1, 0.05, "start")
        self.controls["learning_rate"] = slider("learning rate η", learning_rate, 0.01, 0.25, 0.01,
                                                "learning-rate")
        self.buttons = {"step": _button("Step", "step", "take one step downhill"),
                        "run": _button("Run 50 steps", "run", "take 50 steps"),
                        "reset": _button("Reset", "reset", "back to the start w₀")}
        self.buttons["step"].on_click(lambda _: self._safely(self.step))
        self.buttons["run"].on_click(lambda _: self._safely(self.run, 50))
        self.buttons["reset"].on_click(lambda _: self._safely(self.reset))
        self.readouts = _readouts("w", "cost", "slope", "steps")
        self.walk = Walk1D(start, learning_rate)

        self.view = FigureImage(figsize=(6.4, 3.3), dpi=80, layout="constrained")
        self._build_figure()
        box = ipywidgets.HBox
        self.children = [box([self.controls["start"], self.controls["learning_rate"]]),
                         box(list(self.buttons.values())),
                         box(list(self.readouts.values())),
                         self.status, self.view.widget]
        self._start()

    def _safely(self, action, *args):
        try:
            action(*args)
        except Exception as exc:  # a button's error would vanish into the log console: show it
            self.status.value = f"<span style='color:#b00'>Something went wrong: {exc}</span>"
            raise

    def _build_figure(self):
        ax = self.view.figure.add_subplot()
        grid = np.linspace(*self.W_RANGE, 400)
        ax.plot(grid, cost_1d(grid), color="#333333", lw=1.6, label="cost C(w)")
        ax.set_xlim(*self.W_RANGE)
        ax.set_ylim(*self.C_RANGE)
        self._floor = self.C_RANGE[0] + 0.45
        for w, name in ((DEEP_VALLEY_1D, "deep valley"), (SHALLOW_VALLEY_1D, "shallow valley")):
            ax.axvline(w, color="#999999", lw=0.8, ls=":")
            ax.text(w, self.C_RANGE[1] - 0.3, f"{name}\nw ≈ {w:.3f}", fontsize=8, va="top", ha="center",
                    color="#555555", bbox=dict(facecolor="white", edgecolor="none", pad=1))
        self.path_line, = ax.plot([], [], ls="-", lw=0.9, alpha=0.8, marker="o", ms=4, color="#4c72b0",
                                  label="past steps")
        self.tangent, = ax.plot([], [], ls="--", lw=1.2, color="#dd8452", label="slope C'(w) at the ball")
        self.ball, = ax.plot([], [], marker="o", ms=11, color="#dd8452", mec="black", ls="none", label="ball")
        self.next_step = ax.annotate("", xy=(0, self._floor), xytext=(0, self._floor),
                                     arrowprops=dict(arrowstyle="->", color="#c44e52", lw=1.6))
        self.next_label = ax.text(0, self._floor, "", fontsize=8, color="#c44e52", ha="center", va="bottom")
        self.banner = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center", fontsize=13,
                              color="#b00000", bbox=dict(facecolor="white", edgecolor="#b00000"))
        for artist in (self.path_line, self.tangent, self.ball, self.next_step, self.next_label, self.banner):
            self.view.animate(artist)
        ax.set_xlabel("w")
        ax.set_ylabel("C(w)")
        ax.set_title("Gradient descent on C(w) = w⁴ − 3w² + w + 3")
        ax.legend(loc="upper center", fontsize=8, ncol=2, bbox_to_anchor=(0.5, 0.84), frameon=False)
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
            values["bounce_between"] = (min(walk.path[-2:]), max(walk.path[-2:]))
        self.values = values

        self.readouts["w"].value = f"w = <b>{number(w, 4)}</b>"
        self.readouts["steps"].value = f"steps: <b>{walk.steps}</b>"
        if status == "diverged":
            self.readouts["cost"].value = "C(w) = <b>huge</b>"
            self.readouts["slope"].value = "C'(w) = <b>huge</b>"
            self.status.value = (f"<b>diverged</b>: after {walk.steps} steps |w| passed {DIVERGENCE_BOUND:g}; "
                                 "each step overshoots further than the last. Try a smaller learning rate.")
        else:
            self.readouts["cost"].value = f"C(w) = <b>{number(values['cost'], 4)}</b>"
            self.readouts["slope"].value = f"slope C'(w) = <b>{number(values['slope'], 4)}</b>"
            words = {"not started": "ready: press Step or Run",
                     "still moving": "still moving",
                     "settled in a valley": "<b>settled in a valley</b> (the slope is zero here)",
                     "resting on the hump": "resting on the hump: the slope is zero, but this is a maximum",
                     "bouncing (not settling)": "<b>bouncing (not settling)</b>"}
            text = words[status]
            if "bounce_between" in values:
                text += " between w ≈ {:.3f} and w ≈ {:.3f}".format(*values["bounce_between"])
            self.status.value = text
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
            self.next_label.set_text("")
            self.banner.set_text(f"diverged after {values['steps']} steps")
            return
        w, c, s = values["w"], values["cost"], values["slope"]
        self.banner.set_text("")
        self.ball.set_data([w], [c])
        half = 0.35
        self.tangent.set_data([w - half, w + half], [c - half * s, c + half * s])
        target = w - values["learning_rate"] * s
        clipped = min(max(target, self.W_RANGE[0]), self.W_RANGE[1])
        visible = abs(target - w) > 1e-3
        self.next_step.set_visible(visible)
        self.next_step.xy = (clipped, self._floor)
        self.next_step.set_position((w, self._floor))
        self.next_label.set_position(((w + clipped) / 2, self._floor))
        self.next_label.set_text("next step −η·C'(w)" if visible else "")


def descent_1d(start=2.0, learning_rate=0.05):
    """Lesson 02: roll a ball down C(w) = w^4 - 3w^2 + w + 3 with gradient-descent steps."""
    return Descent1D(start, learning_rate)


# ----- 2-D: a surface with two valleys and a saddle -----------------------------

class Surface2D:
    """The lesson's 2-D cost surface, with its gradient and its flat points.

        C(x, y) = (x^2 - 1)^2 + 0.3 x + 2 u^2 + 0.5,   where u = y - (x^2 - 1) / 2.

    The valley floor is the curve u = 0 (the parabola y = (x^2 - 1)/2); along it the
    cost is the tilted double well (x^2 - 1)^2 + 0.3 x + 0.5, and across it the
    term 2 u^2 climbs steeply. So there are two minima on the floor, a deep one
    near x = -1.04 and a shallow one near x = 0.96, with a saddle between them
    near (0.075, -0.497): downhill along the floor, uphill across it.

        dC/dx = 4 x (x^2 - 1) + 0.3 - 4 x u,     dC/dy = 4 u.

    The flat points solve u = 0 and 4x^3 - 4x + 0.3 = 0.
    """

    X_RANGE = (-1.8, 1.8)
    Y_RANGE = (-1.2, 1.8)

    @staticmethod
    def cost(x, y):
        u = y - (x * x - 1) / 2
        return (x * x - 1) ** 2 + 0.3 * x + 2 * u * u + 0.5

    @staticmethod
    def gradient(x, y):
        """(dC/dx, dC/dy); works on numbers and on arrays alike."""
        u = y - (x * x - 1) / 2
        return 4 * x * (x * x - 1) + 0.3 - 4 * x * u, 4 * u

    @staticmethod
    def flat_points():
        """{"deep valley": (x, y), "saddle": (x, y), "shallow valley": (x, y)} where the gradient is zero."""
        deep, saddle, shallow = np.sort(np.roots([4.0, 0.0, -4.0, 0.3]).real)
        return {name: (float(x), float((x * x - 1) / 2))
                for name, x in (("deep valley", deep), ("saddle", saddle), ("shallow valley", shallow))}


SURFACE = Surface2D()


def descend_2d(start, learning_rate, max_steps=1000, surface=SURFACE):
    """Gradient descent on the surface from `start` = (x, y): p <- p - learning_rate * grad C(p).

    Stops when a step is shorter than SETTLED_STEP, after `max_steps`, or once a
    coordinate passes DIVERGENCE_BOUND. Returns (path as an (n, 2) array, stop
    reason "settled" | "bouncing" | "still moving" | "diverged"). Plain floats in the loop:
    a few microseconds per step.
    """
    x, y = float(start[0]), float(start[1])
    path = [(x, y)]
    for _ in range(int(max_steps)):
        gx, gy = surface.gradient(x, y)
        dx, dy = learning_rate * gx, learning_rate * gy
        x, y = x - dx, y - dy
        path.append((x, y))
        if abs(x) > DIVERGENCE_BOUND or abs(y) > DIVERGENCE_BOUND:
            return np.array(path), "diverged"
        if math.hypot(dx, dy) < SETTLED_STEP:
            return np.array(path), "settled"
    path = np.array(path)
    return path, ("bouncing" if _bouncing_2d(path) else "still moving")


def _bouncing_2d(path):
    """True when the last six steps each reverse the one before and are no longer shrinking."""
    if len(path) < 7:
        return False
    steps = np.diff(path[-7:], axis=0)
    reversing = bool(np.all(np.sum(steps[1:] * steps[:-1], axis=1) < 0))
    return reversing and np.hypot(*steps[-1]) >= 0.9 * np.hypot(*steps[-5])


def nearest_flat_point(point, surface=SURFACE, within=0.05):
    """The name of the flat point within `within` of `point`, or None."""
    for name, (fx, fy) in surface.flat_points().items():
        if math.hypot(point[0] - fx, point[1] - fy) < within:
            return name
    return None


class Descent2D(LessonWidget):
    """Gradient descent on Surface2D: contour plot, the field of -grad C, and the path taken.

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
        self.controls["x0"] = slider("start x₀", x0, *self.surface.X_RANGE, 0.05, "x0")
        self.controls["y0"] = slider("start y₀", y0, *self.surface.Y_RANGE, 0.05, "y0")
        self.controls["learning_rate"] = slider("learning rate η", learning_rate, 0.01, 0.15, 0.005,
                                                "learning-rate", readout_format=".3f")
        self.buttons = {"run": _button("Run", "run", f"descend until it settles (at most {self.MAX_STEPS} steps)"),
                        "reset": _button("Reset", "reset", "clear the path")}
        self.buttons["run"].on_click(lambda _: self.run())
        self.buttons["reset"].on_click(lambda _: self.reset())
        self.readouts = _readouts("end", "cost", "steps", "reached")
        self.path, self.stop, self._path_rate = None, None, None

        self.view = FigureImage(figsize=(6.2, 5.0), dpi=80, layout="constrained")
        self._build_figure()
        box = ipywidgets.HBox
        self.children = [box([self.controls["x0"], self.controls["y0"]]),
                         box([self.controls["learning_rate"], *self.buttons.values()]),
                         box(list(self.readouts.values())),
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
        self.view.figure.colorbar(filled, ax=ax, label="cost C(x, y)", format="%.1f")

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
            ax.plot([fx], [fy], marker=marker, ms=13 if marker == "*" else 10, color="#dd8452",
                    mec="black", ls="none")
        self.path_line, = ax.plot([], [], color="#c44e52", lw=1.8, marker="o", ms=2.5)
        self.start_dot, = ax.plot([], [], marker="o", ms=9, color="white", mec="black", ls="none")
        self.end_dot, = ax.plot([], [], marker="o", ms=9, color="#c44e52", mec="black", ls="none")
        for artist in (self.path_line, self.start_dot, self.end_dot):
            self.view.animate(artist)
        ax.set_xlim(*s.X_RANGE)
        ax.set_ylim(*s.Y_RANGE)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ax.set_title("Gradient descent on a surface with two valleys and a saddle", fontsize=11)
        handles = [Line2D([], [], marker=">", color="#444444", ls="none", label="−∇C (length ∝ √|∇C|)"),
                   Line2D([], [], marker="*", ms=11, color="#dd8452", mec="black", ls="none", label="minimum"),
                   Line2D([], [], marker="X", ms=9, color="#dd8452", mec="black", ls="none", label="saddle"),
                   Line2D([], [], marker="o", ms=7, color="white", mec="black", ls="none", label="start"),
                   Line2D([], [], color="#c44e52", marker="o", ms=5, mec="black", label="path (end: red dot)")]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize=8, ncol=3,
                  frameon=False)
        self.axes = ax

    def run(self):
        """Descend until a step is shorter than 1e-6 (or 1000 more steps, or divergence).

        A second Run carries on from where the first stopped.
        """
        start = (self.controls["x0"].value, self.controls["y0"].value)
        self._path_rate = self.controls["learning_rate"].value
        if self.path is not None and self.stop in ("still moving", "bouncing"):
            earlier = self.path[:-1]
            more, self.stop = descend_2d(self.path[-1], self.controls["learning_rate"].value, self.MAX_STEPS,
                                         self.surface)
            self.path = np.concatenate([earlier, more])
            self.refresh()
            return
        self.path, self.stop = descend_2d(start, self.controls["learning_rate"].value, self.MAX_STEPS,
                                          self.surface)
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
        r["steps"].value = f"steps: <b>{values['steps']}</b>"
        if values["stop"] == "diverged":
            r["end"].value = "end: <b>off the map</b>"
            r["cost"].value = "C = <b>huge</b>"
            r["reached"].value = ""
            self.status.value = (f"<b>diverged</b> after {values['steps']} steps: the steps overshoot further and "
                                 "further. Try a smaller learning rate.")
        else:
            end = values["end"]
            r["end"].value = f"end (x, y) = <b>({end[0]:.3f}, {end[1]:.3f})</b>"
            r["cost"].value = f"C = <b>{values['cost']:.4f}</b>"
            reached = values["reached"]
            r["reached"].value = f"reached: <b>{reached}</b>" if reached else ""
            messages = {
                "not started": "Choose a start with the sliders, then press Run.",
                "settled": (f"Settled in the <b>{reached}</b> after {values['steps']} steps."
                            if reached in ("deep valley", "shallow valley") else
                            f"Stopped after {values['steps']} steps where the slope is zero"
                            + (": the <b>saddle</b> (downhill is sideways from here)." if reached == "saddle"
                               else ".")),
                "still moving": f"Still moving after {values['steps']} steps: press Run to go on.",
                "bouncing": (f"<b>Bouncing (not settling)</b> after {values['steps']} steps: each step "
                             "overshoots the valley floor. Try a smaller learning rate."),
            }
            self.status.value = messages[values["stop"]]
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

def explorer_batch(size=100, seed=0):
    """The batch the gradient explorer uses: `size` training digits drawn without replacement from `seed`."""
    (X, y), _ = load_digits()
    index = np.random.default_rng(seed).choice(len(X), size, replace=False)
    return X[index], y[index]


def rank_weights(nabla_w):
    """Every weight of the network ranked by |dC/dw|, largest first.

    Returns a list of (layer, j, k, dC/dw) with `layer` counted as in the videos
    (layer 1 = the weights into the first hidden layer = `weights[0]` in code).
    Ties are broken by position, so the ranking is the same on every run.
    """
    entries = []
    for l, g in enumerate(nabla_w):
        j, k = np.unravel_index(np.arange(g.size), g.shape)
        entries.append(np.stack([np.full(g.size, l + 1), j, k], axis=1))
    where = np.concatenate(entries)
    values = np.concatenate([g.ravel() for g in nabla_w])
    order = np.argsort(-np.abs(values), kind="stable")
    return [(int(where[i, 0]), int(where[i, 1]), int(where[i, 2]), float(values[i])) for i in order]


BAR_LIMITS = [m * 10.0 ** e for e in range(-8, 2) for m in (1, 2, 5)]


def _weight_name(layer, j, k):
    return f"w<sup>({layer})</sup><sub>{j},{k}</sub>"


class GradientExplorer(LessonWidget):
    """The gradient of the real network's cost on one batch, and what a nudge along it does.

    The network is a FRESH Network([784, 16, 16, 10], seed=0) — the untrained starting
    point of the lesson's training run — and the batch is 100 training digits
    (`explorer_batch()`). The picture shows |dC/dw| for every one of its 12,960
    weights (the 42 biases are left out), on one shared log colour scale.

    Controls: `delta` (the nudge Δ), `which` ("top-ranked" or "low-ranked": the
    weight whose numbers the readouts spell out), `low_rank` (which low-ranked weight,
    by its rank; it starts at the weight whose |dC/dw| is closest to 1/32 of the top
    one, echoing V3's 3.2 vs 0.1). For both weights the widget measures
    ΔC = C(w + Δ) - C(w) by running the network forward again (from the nudged layer
    on) and shows it beside the linear prediction dC/dw · Δ.
    """

    def __init__(self, batch_size=100, seed=0):
        super().__init__()
        self.net = Network([784, 16, 16, 10], seed=0)
        self.X, self.Y = self.net.check_batch(*explorer_batch(batch_size, seed))
        self.cost, (self.nabla_w, self.nabla_b) = self.net.cost_and_gradient(self.X, self.Y)
        self._zs, self._activations = self.net.feedforward(self.X)   # kept for the nudges
        self.ranking = rank_weights(self.nabla_w)
        self.n_nonzero = sum(1 for entry in self.ranking if entry[3] != 0.0)
        top = abs(self.ranking[0][3])
        default_rank = 1 + min(range(1, self.n_nonzero), key=lambda i: abs(abs(self.ranking[i][3]) - top / 32))

        self.controls["delta"] = slider("nudge Δ", 0.1, -2.0, 2.0, 0.01, "delta")
        self.controls["which"] = ipywidgets.ToggleButtons(
            options=[("nudge the top-ranked weight", "top-ranked"), ("nudge a low-ranked weight", "low-ranked")],
            value="top-ranked", style={"button_width": "auto"})
        self.controls["which"].add_class("nudge-toggle-which")
        self.controls["low_rank"] = ipywidgets.IntSlider(
            value=default_rank, min=2, max=self.n_nonzero, description="rank of the low-ranked weight",
            style={"description_width": "initial"}, layout=ipywidgets.Layout(width="460px"))
        self.controls["low_rank"].add_class("nudge-slider-low-rank")
        self.ranked_list = readout("ranked-list")
        self.readouts = _readouts("chosen", "measured", "predicted", "ratio")

        # Two pictures: the gradient maps (big; they change only when the marked weights move)
        # and the bars (small; they change with every Δ). A Δ move re-encodes only the small one.
        self.view = FigureImage(figsize=(8.2, 3.9), dpi=80, layout="constrained")
        self.bar_view = FigureImage(figsize=(2.5, 3.9), dpi=80, layout="constrained")
        self._drawn_markers = None
        self._build_figure()
        self.children = [self.controls["which"], self.controls["delta"], self.controls["low_rank"],
                         ipywidgets.HBox(list(self.readouts.values())[:3]),
                         self.readouts["ratio"], self.status,
                         ipywidgets.HBox([self.view.widget, self.bar_view.widget]), self.ranked_list]
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
        grid = fig.add_gridspec(1, 3, width_ratios=[1.25, 1.0, 1.0])
        magnitudes = [np.abs(g) for g in self.nabla_w]
        positive = np.concatenate([m[m > 0] for m in magnitudes])
        # Four decades below the largest entry; anything smaller shows in the lightest colour.
        norm = LogNorm(vmin=float(positive.max()) * 1e-4, vmax=float(positive.max()), clip=True)
        cmap = _gradient_cmap()
        pictures = [self._mosaic(magnitudes[0]), magnitudes[1], magnitudes[2]]
        titles = ["layer 1: 16 tiles of 28×28\n(into hidden neuron j, from pixel k)",
                  "layer 2: 16×16\n(row j, column k)", "layer 3: 10×16\n(output j, from k)"]
        self.panels = []
        for i, (picture, title) in enumerate(zip(pictures, titles)):
            ax = fig.add_subplot(grid[i])
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
                ax.set_xlabel("k (from neuron)", fontsize=8)
                ax.set_ylabel("j (to neuron)", fontsize=8)
                ax.tick_params(labelsize=7)
            top_marker, = ax.plot([], [], marker="o", ms=11, mfc="none", mec="#dd0000", mew=2, ls="none")
            low_marker, = ax.plot([], [], marker="s", ms=10, mfc="none", mec="#ff8c00", mew=2, ls="none")
            self.panels.append((ax, self.view.animate(top_marker), self.view.animate(low_marker)))
        fig.colorbar(image, ax=[p[0] for p in self.panels], location="right", shrink=0.85, pad=0.02,
                     label="|∂C/∂w| (log scale; white = exactly 0)")

        ax = self.bar_view.figure.add_subplot()
        self.bars = ax.bar([0, 1, 3, 4], [0, 0, 0, 0], color=["#4c72b0", "#a1c4e8", "#4c72b0", "#a1c4e8"],
                           edgecolor="black")
        ax.set_xticks([0.5, 3.5], ["top-ranked\n(red circle)", "low-ranked\n(orange square)"], fontsize=8)
        ax.axhline(0, color="black", lw=0.8)
        ax.set_ylabel("change of cost", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.yaxis.set_major_locator(MaxNLocator(5))
        ax.set_title("ΔC for a nudge Δ", fontsize=9)
        fig.suptitle("|∂C/∂w| of every weight; red circle = the top-ranked weight, orange square = the "
                     "low-ranked one", fontsize=9)
        self.bar_view.figure.suptitle("dark: measured ΔC = C(w+Δ) − C(w)\nlight: prediction ∂C/∂w · Δ",
                                      fontsize=8)
        for bar in self.bars:
            self.bar_view.animate(bar)
        self.bar_axes, self._bar_limit = ax, None

    # --- numbers ---

    def _nudged_change(self, entry, delta):
        """ΔC = C(w + Δ) - C(w) for one weight, measured by running the network forward again.

        Nudging w_jk of a layer by Δ adds Δ·a_k (the input it multiplies) to z_j of that
        layer and to nothing before it, so the forward pass restarts from the stored
        weighted inputs of that layer: the same numbers as a full forward pass, a few
        times faster. The network itself is never changed.
        """
        layer, j, k, _ = entry
        net = self.net
        z = self._zs[layer - 1].copy()
        z[:, j] += delta * self._activations[layer - 1][:, k]
        last = len(net.weights) - 1
        for l in range(layer - 1, last + 1):
            if l > layer - 1:
                z = a @ net.weights[l].T + net.biases[l]
            a = net.layer_function(l)[0](z)
        return net.output_cost(z, a, self.Y) - self.cost

    def update(self):
        delta = float(self.controls["delta"].value)
        which = self.controls["which"].value
        rank_low = int(self.controls["low_rank"].value)
        top, low = self.ranking[0], self.ranking[rank_low - 1]
        measured_top, measured_low = self._nudged_change(top, delta), self._nudged_change(low, delta)
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
        r["chosen"].value = (f"nudging {_weight_name(*chosen[:3])} (rank {rank:,}): "
                             f"∂C/∂w = <b>{chosen[3]:+.6f}</b>")
        r["measured"].value = f"measured ΔC = <b>{measured:+.6f}</b>"
        r["predicted"].value = f"∂C/∂w · Δ = <b>{predicted:+.6f}</b>"
        if self.values["effect_ratio"] is None:
            r["ratio"].value = "Δ = 0: no nudge, no change."
        else:
            r["ratio"].value = (f"The same nudge Δ changes C <b>{self.values['effect_ratio']:.1f}×</b> as much "
                                f"through the top-ranked weight as through the one ranked {rank_low:,} "
                                f"(their gradients differ by {self.values['gradient_ratio']:.1f}×).")
        self.status.value = (f"Cost of the fresh network on the {len(self.X)} digits: C = {self.cost:.4f}. "
                             f"{self.n_nonzero:,} of the {len(self.ranking):,} weights have a nonzero ∂C/∂w here.")
        self._draw()
        markers = (self.values["top"], self.values["low"])
        if markers != self._drawn_markers:
            self.view.redraw()
            self._drawn_markers = markers
        self.bar_view.redraw()

    def _draw(self):
        v = self.values
        for layer, (ax, top_marker, low_marker) in enumerate(self.panels, start=1):
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
        # The y-axis snaps to the next value of 1, 2, 5 × 10^n: while Δ moves within one such
        # range only the bars are redrawn; crossing into another redraws the axis once.
        needed = 1.15 * max(abs(h) for h in heights)
        limit = next((level for level in BAR_LIMITS if level >= needed), BAR_LIMITS[-1])
        if limit != self._bar_limit:
            self.bar_axes.set_ylim(-limit, limit)
            self.bar_view.forget_background()
            self._bar_limit = limit

    def _ranked_table(self, n):
        rows = "".join(
            f"<tr><td>{i + 1}</td><td>{_weight_name(l, j, k)}</td><td><code>weights[{l - 1}][{j}, {k}]</code></td>"
            f"<td>{g:+.5f}</td><td>{'down' if g > 0 else 'up'}</td></tr>"
            for i, (l, j, k, g) in enumerate(self.ranking[:n]))
        return ("<b>The largest entries of the gradient</b> (layer counted as in the videos)"
                "<table><tr><th>rank</th><th>weight</th><th>in code</th><th>∂C/∂w</th>"
                "<th>the weight should move</th></tr>" + rows + "</table>")


def _gradient_cmap():
    """Sequential colours for |dC/dw| (a size, not a sign): light = small, dark = large; zero shows white."""
    from matplotlib import colormaps

    return colormaps["viridis_r"].with_extremes(bad="white")


def gradient_explorer(batch_size=100, seed=0):
    """Lesson 02: the gradient of the fresh 784-16-16-10 network on one batch, and nudges along it."""
    return GradientExplorer(batch_size, seed)
