"""Lesson 05 (what the network really learned): widgets.

- `weight_tiles()`: the 784 weights into first-layer neurons as 28x28 tiles, for
  four networks trained with different recipes (choose one from a menu).
- `draw_digit()`: draw a digit with the mouse or a finger on a canvas (anywidget);
  it is centred and scaled like MNIST's digits (`experiments.mnist_preprocess`)
  and the trained network's ten outputs follow as you draw. Without anywidget it
  falls back to `BrushEditor`: edit a bundled digit with a brush moved by sliders.
- `experiment_chooser()`: overlay the learning curves of any experiment, from the
  results files (full size) and from a live run on a button (small budget).

Every widget works when driven from code: `w.set(name=value)`, `DrawDigit.draw(image)`,
`BrushEditor.paint()`, `ExperimentChooser.run()`; `w.values` holds what is shown.
"""


import ipywidgets
import numpy as np
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from .. import experiments as ex
from ..data import load_digits, load_trained_network
from ..plots.digits import GREY
from ..plots.learned import METRIC_WORDS, RUN_COLOURS, draw_tiles
from ..plots.palette import symmetric_limit
from ._base import FigureImage, LessonWidget, readout

try:   # the drawing canvas needs anywidget; everything else here works without it
    import anywidget
    import traitlets
except Exception:   # not installed, or broken: draw_digit() falls back to the brush editor
    anywidget = None

__all__ = ["weight_tiles", "draw_digit", "experiment_chooser", "WeightTiles", "DrawDigit", "BrushEditor",
           "ExperimentChooser", "canvas_available"]

_TRAINED = {}   # the networks these widgets train, kept for the session (training them again gives the same nets)


def _trained_network():
    if "reference" not in _TRAINED:
        _TRAINED["reference"] = load_trained_network()
    return _TRAINED["reference"]


# ----- 1. first-layer weights as tiles ---------------------------------------------------

def _weight_nets(epochs):
    """Every net of experiments.WEIGHT_NETS trained on the bundled digits for `epochs` (seed 0), once."""
    key = ("weight nets", epochs)
    if key not in _TRAINED:
        data = ex.experiment_data(full=False)
        nets = {}
        for name in ex.WEIGHT_NETS:
            net, history = ex.train_weight_net(name, data, epochs=epochs)
            nets[name] = (net, history["test_accuracy"][-1])
        _TRAINED[key] = nets
    return _TRAINED[key]


class WeightTiles(LessonWidget):
    """Choose a trained network; see the weights into 16 of its first-layer neurons.

    Tile k shows row k of weights[0] (the 784 weights into hidden neuron k) as a
    28x28 picture: positive and negative in the palette's colours, white = 0, one
    colour scale for all 16 tiles. The readout gives the net's test accuracy and
    the roughness of its first layer (experiments.roughness: 1 = like pure noise).
    """

    def __init__(self, epochs=3):
        super().__init__()
        self.epochs = epochs
        self.nets = _weight_nets(epochs)
        names = list(self.nets)
        self.controls["net"] = ipywidgets.Dropdown(options=names, value=names[0], description="network",
                                                   style={"description_width": "initial"},
                                                   layout=ipywidgets.Layout(width="420px"))
        self.controls["net"].add_class("nudge-select-net")
        largest = max(net.sizes[1] for net, _ in self.nets.values())
        self.controls["first"] = ipywidgets.IntSlider(value=0, min=0, max=largest - 16, step=16,
                                                      description="first neuron shown",
                                                      style={"description_width": "initial"},
                                                      layout=ipywidgets.Layout(width="420px"))
        self.controls["first"].add_class("nudge-slider-first")
        self.info = readout("tiles")
        self.view = FigureImage(figsize=(6.0, 5.4), dpi=80, layout="constrained")
        fig = self.view.figure
        self.axes = fig.subplots(4, 4).ravel()
        self.images, self.norm = draw_tiles(fig, self.axes, np.zeros((16, 784)))
        for ax in self.axes:
            ax.set_title("")
        self.title = fig.suptitle(" ")
        self.view.animate(*self.images, self.title)
        self._scale_of = None
        self.children = [ipywidgets.HBox([self.controls["net"], self.controls["first"]]), self.info,
                         self.view.widget, self.status]
        self._start()

    def update(self):
        name = self.controls["net"].value
        net, test_accuracy = self.nets[name]
        hidden = net.sizes[1]
        first = min(self.controls["first"].value, hidden - 16)
        weights = net.weights[0]
        shown = weights[first:first + 16]
        limit = symmetric_limit(weights)   # one scale for the whole layer, so paging keeps colours comparable
        self.values = {"net": name, "first": first, "hidden": hidden, "limit": limit,
                       "roughness": ex.roughness(weights), "test_accuracy": float(test_accuracy)}
        for k, image in enumerate(self.images):
            image.set_data(shown[k].reshape(28, 28))
        self.title.set_text(f"{name}: weights into neurons {first}–{first + 15} of {hidden}\n"
                            "(left to right, top to bottom; one colour scale)")
        self.info.value = (f"{net.sizes}, {net.activation}, {net.cost_name} cost, {net.init} start; "
                           f"trained {self.epochs} epochs on the 8,000 bundled digits (seed 0) · "
                           f"test accuracy <b>{test_accuracy:.1%}</b> · roughness of all {hidden} pictures "
                           f"<b>{self.values['roughness']:.2f}</b> (1 = pure noise, 0 = smooth)")
        full = self._scale_of != name    # a new net has a new colour scale: the colour bar must be redrawn
        self.norm.vmin, self.norm.vmax = -limit, limit
        self._scale_of = name
        self.view.redraw(full=full)


def weight_tiles(epochs=3):
    """Lesson 05: first-layer weights of four differently trained networks, 16 tiles at a time."""
    return WeightTiles(epochs)


# ----- 2. draw your own digit -------------------------------------------------------------

# The canvas, in the browser: a 280x280 HTML canvas drawn on with pointer events
# (mouse, pen and touch alike). After each stroke, and every 120 ms while drawing,
# it averages each 10x10 block into one of 28x28 values in [0, 1] and sends them to
# Python through the synced `pixels` list. When Python changes `pixels` (Clear, or
# a drawing set from code) it paints them back, block by block.
_CANVAS_ESM = r"""
const SIZE = 280, GRID = 28, CELL = SIZE / GRID;

function render({ model, el }) {
  const canvas = document.createElement("canvas");
  canvas.width = SIZE;
  canvas.height = SIZE;
  canvas.className = "nudge-canvas";
  // touch-action none: a finger draws instead of scrolling the page
  Object.assign(canvas.style, { width: SIZE + "px", height: SIZE + "px", touchAction: "none",
    cursor: "crosshair", border: "2px solid #888", borderRadius: "4px", background: "black" });
  el.appendChild(canvas);
  const ctx = canvas.getContext("2d");
  let drawing = false, last = null, timer = null, lastSent = null;

  const blank = () => { ctx.fillStyle = "black"; ctx.fillRect(0, 0, SIZE, SIZE); };
  const at = (event) => {   // canvas coordinates of a pointer event (the border is not drawing area)
    const box = canvas.getBoundingClientRect();
    return [(event.clientX - box.left - canvas.clientLeft) * SIZE / canvas.clientWidth,
            (event.clientY - box.top - canvas.clientTop) * SIZE / canvas.clientHeight];
  };
  const line = (from, to) => {
    ctx.strokeStyle = "white";
    ctx.lineWidth = model.get("brush");
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.beginPath();
    ctx.moveTo(from[0], from[1]);
    ctx.lineTo(to[0], to[1]);
    ctx.stroke();
  };
  const grid = () => {   // mean brightness of every CELL x CELL block, rounded to 3 decimals
    const rgba = ctx.getImageData(0, 0, SIZE, SIZE).data;
    const sums = new Array(GRID * GRID).fill(0);
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        sums[Math.floor(y / CELL) * GRID + Math.floor(x / CELL)] += rgba[(y * SIZE + x) * 4];
      }
    }
    return sums.map((s) => Math.round((1000 * s) / (CELL * CELL * 255)) / 1000);
  };
  const send = () => {
    timer = null;
    lastSent = grid();
    model.set("pixels", lastSent);
    model.save_changes();
  };
  const paint = () => {   // Python changed the drawing: show its 28x28 grid
    const pixels = model.get("pixels");
    if (lastSent && pixels.length === lastSent.length && pixels.every((v, i) => v === lastSent[i])) return;
    blank();
    pixels.forEach((v, i) => {
      if (v > 0) {
        const g = Math.round(255 * Math.min(1, v));
        ctx.fillStyle = `rgb(${g}, ${g}, ${g})`;
        ctx.fillRect((i % GRID) * CELL, Math.floor(i / GRID) * CELL, CELL, CELL);
      }
    });
    lastSent = pixels.slice();
  };

  canvas.addEventListener("pointerdown", (event) => {
    event.preventDefault();
    try { canvas.setPointerCapture(event.pointerId); } catch (error) { /* keep drawing without capture */ }
    drawing = true;
    last = at(event);
    line(last, last);
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!drawing) return;
    event.preventDefault();
    const point = at(event);
    line(last, point);
    last = point;
    if (!timer) timer = setTimeout(send, 120);
  });
  const finish = () => {
    if (!drawing) return;
    drawing = false;
    if (timer) clearTimeout(timer);
    send();
  };
  canvas.addEventListener("pointerup", finish);
  canvas.addEventListener("pointercancel", finish);

  blank();
  paint();
  model.on("change:pixels", paint);
  model.set("rendered", true);   // tells Python the canvas really showed up
  model.save_changes();
  return () => model.off("change:pixels", paint);
}

export default { render };
"""

if anywidget is not None:
    class DigitCanvas(anywidget.AnyWidget):
        """A 28x28 drawing canvas for Jupyter (anywidget): `pixels` holds 784 values in [0, 1], row by row."""

        _esm = _CANVAS_ESM
        pixels = traitlets.List(traitlets.Float(), default_value=[0.0] * 784).tag(sync=True)
        brush = traitlets.Int(22).tag(sync=True)          # stroke width in canvas pixels (10 per grid cell)
        rendered = traitlets.Bool(False).tag(sync=True)   # set by the browser once the canvas is on screen
else:
    DigitCanvas = None


def canvas_available():
    """True when the drawing canvas can be used (anywidget imports)."""
    return DigitCanvas is not None


class _DigitClassifier(LessonWidget):
    """Shared by the canvas and the brush editor: a 28x28 drawing -> (prepared) -> the trained net.

    Figure: the drawing as a 28x28 grid, what the network sees (after
    mnist_preprocess when "prepare" is ticked), and the ten output activations.
    """

    def _build_figure(self):
        self.net = _trained_network()
        self.controls["prepare"] = ipywidgets.Checkbox(value=True, description="centre and scale like MNIST",
                                                       indent=False, layout=ipywidgets.Layout(width="290px"))
        self.controls["prepare"].add_class("nudge-check-prepare")
        self.answer = readout("prediction")
        self.view = FigureImage(figsize=(8.2, 2.9), dpi=80, layout="constrained")
        fig = self.view.figure
        fig.get_layout_engine().set(wspace=0.06)   # room between the colour bar's label and the bars' axis
        grid = fig.add_gridspec(1, 3, width_ratios=[1, 1, 1.4])
        ax_raw, ax_seen, ax_out = (fig.add_subplot(g) for g in grid)
        self.raw_image = ax_raw.imshow(np.zeros((28, 28)), cmap=GREY, vmin=0, vmax=1)
        ax_raw.set_title("your drawing, 28×28", fontsize=9)
        self.seen_image = ax_seen.imshow(np.zeros((28, 28)), cmap=GREY, vmin=0, vmax=1)
        self.seen_title = ax_seen.set_title("what the net sees", fontsize=9)
        self.com_marker, = ax_seen.plot([], [], "+", color="#e69f00", ms=12, mew=2, label="centre of mass")
        for ax in (ax_raw, ax_seen):
            ax.set_xlabel("column")
            ax.set_ylabel("row")
        fig.colorbar(self.seen_image, ax=[ax_raw, ax_seen], shrink=0.8, label="pixel (0 black, 1 white)")
        legend = ax_seen.legend(loc="lower right", fontsize=7, handlelength=1)
        self.bars = ax_out.bar(np.arange(10), np.zeros(10), color="#bbbbbb")
        ax_out.set_ylim(0, 1)
        ax_out.set_xticks(range(10))
        ax_out.set_xlabel("digit")
        ax_out.set_ylabel("output a_j")
        self.out_title = ax_out.set_title(" ", fontsize=10)
        self.ax_raw = ax_raw
        # the legend sits on the image, so it is drawn after it, every time
        self.view.animate(self.raw_image, self.seen_image, self.com_marker, legend, self.seen_title,
                           self.out_title, *self.bars)

    def drawing(self):
        """The current drawing as a (28, 28) array in [0, 1]."""
        raise NotImplementedError

    def _classify(self):
        raw = np.clip(self.drawing(), 0.0, 1.0)
        prepare = self.controls["prepare"].value
        seen = ex.mnist_preprocess(raw) if prepare else raw.ravel()
        empty = not np.any(seen > 0)
        outputs = self.net.forward(seen)
        prediction = int(np.argmax(outputs))
        row, col = ex.center_of_mass(seen)
        self.values.update({"ink": float(raw.sum()), "empty": empty, "prepared": prepare, "seen": seen,
                            "outputs": [float(a) for a in outputs], "prediction": None if empty else prediction,
                            "confidence": None if empty else float(outputs[prediction]),
                            "center_of_mass": (row, col)})
        self.raw_image.set_data(raw)
        self.seen_image.set_data(seen.reshape(28, 28))
        self.com_marker.set_data([] if empty else [col], [] if empty else [row])
        self.seen_title.set_text("what the net sees" + (" (prepared)" if prepare else " (as drawn)"))
        for digit, bar in enumerate(self.bars):
            bar.set_height(outputs[digit])
            bar.set_color(RUN_COLOURS[1] if digit == prediction and not empty else "#bbbbbb")
        if empty:
            self.out_title.set_text("nothing drawn yet")
            self.answer.value = "Draw a digit: the ten outputs appear as you draw."
        else:
            self.out_title.set_text(f"the network says {prediction} (a_{prediction} = {outputs[prediction]:.2f})")
            self.answer.value = (f"The network says <b>{prediction}</b> · a<sub>{prediction}</sub> = "
                                 f"{outputs[prediction]:.3f} · centre of mass of what it sees: row {row:.1f}, "
                                 f"column {col:.1f}")


class DrawDigit(_DigitClassifier):
    """Draw on a 28x28 canvas; the trained network classifies the drawing as you draw.

    `draw(image)` puts a drawing on the canvas from code (a 28x28 array or 784
    values in [0, 1]); `clear()` is the Clear button.
    """

    def __init__(self):
        super().__init__()
        if DigitCanvas is None:
            raise RuntimeError("the drawing canvas needs the anywidget package: pip install anywidget "
                               "(or use BrushEditor())")
        self._build_figure()
        self.canvas = DigitCanvas()
        self.canvas.add_class("nudge-canvas-widget")
        self.controls["brush"] = ipywidgets.IntSlider(value=self.canvas.brush, min=6, max=40, step=2,
                                                      description="brush width",
                                                      style={"description_width": "initial"},
                                                      layout=ipywidgets.Layout(width="290px"))
        self.controls["brush"].add_class("nudge-slider-brush")
        ipywidgets.link((self.controls["brush"], "value"), (self.canvas, "brush"))
        self.clear_button = ipywidgets.Button(description="Clear", icon="eraser")
        self.clear_button.add_class("nudge-button-clear")
        self.clear_button.on_click(lambda _: self.clear())
        self.hint = ipywidgets.HTML("<i>No canvas above? Your Jupyter cannot show anywidget widgets: run "
                                    "<code>widgets.draw_digit(fallback=True)</code> for the brush editor.</i>")
        self.canvas.observe(self._canvas_changed, names="pixels")
        self.canvas.observe(self._canvas_shown, names="rendered")
        # the canvas column keeps its width; the figure beside it gets the rest
        left = ipywidgets.VBox([self.canvas, self.clear_button, self.controls["prepare"], self.controls["brush"]],
                               layout=ipywidgets.Layout(flex="0 0 auto", width="300px"))
        self.children = [ipywidgets.HBox([left, self.view.widget]), self.answer, self.hint, self.status]
        self._start()

    def _canvas_changed(self, change):
        self._on_change(change)

    def _canvas_shown(self, change):
        if change["new"]:
            self.hint.value = ""

    def drawing(self):
        return np.asarray(self.canvas.pixels, dtype=float).reshape(28, 28)

    def draw(self, image):
        """Put a drawing on the canvas (28x28 array or 784 values in [0, 1]) and classify it."""
        pixels = np.clip(np.asarray(image, dtype=float), 0.0, 1.0).reshape(784)
        self.canvas.pixels = [float(v) for v in pixels]
        return self

    def clear(self):
        """Wipe the canvas (the Clear button)."""
        self.canvas.pixels = [0.0] * 784
        return self

    def update(self):
        self._classify()
        self.view.redraw()


class BrushEditor(_DigitClassifier):
    """The fallback when the canvas cannot show: edit a bundled test digit with a brush.

    Pick a digit, move the brush with the row and column sliders, and press Paint
    (a soft 3x3 brush, brightening only) or Erase (the 3x3 square goes black).
    Drive it from code with set(digit=..., row=..., col=...), paint(), erase(), clear().
    """

    BRUSH = np.array([[0.4, 0.8, 0.4], [0.8, 1.0, 0.8], [0.4, 0.8, 0.4]])

    def __init__(self):
        super().__init__()
        (_, _), (self.X, self.y) = load_digits()
        self._build_figure()
        style = {"description_width": "initial"}
        self.controls["digit"] = ipywidgets.IntSlider(value=0, min=0, max=len(self.X) - 1, description="test digit",
                                                      style=style, layout=ipywidgets.Layout(width="360px"))
        self.controls["row"] = ipywidgets.IntSlider(value=14, min=0, max=27, description="brush row", style=style)
        self.controls["col"] = ipywidgets.IntSlider(value=14, min=0, max=27, description="brush column", style=style)
        for name in ("digit", "row", "col"):
            self.controls[name].add_class(f"nudge-slider-{name}")
        buttons = {}
        for name, icon, action in (("Paint", "paint-brush", self.paint), ("Erase", "eraser", self.erase),
                                   ("Clear", "trash", self.clear)):
            buttons[name] = ipywidgets.Button(description=name, icon=icon, layout=ipywidgets.Layout(width="90px"))
            buttons[name].add_class(f"nudge-button-{name.lower()}")
            buttons[name].on_click(lambda _, act=action: act())
        self.cursor = Rectangle((12.5, 12.5), 3, 3, fill=False, edgecolor="#e69f00", lw=2)
        self.ax_raw.add_patch(self.cursor)
        self.view.animate(self.cursor)
        self.ax_raw.set_title("your drawing (orange: brush)", fontsize=9)
        self.image = self.X[0].reshape(28, 28).copy()
        self._shown_digit = 0
        self.children = [ipywidgets.HBox([self.controls["digit"], self.controls["prepare"]]),
                         ipywidgets.HBox([self.controls["row"], self.controls["col"]]),
                         ipywidgets.HBox(list(buttons.values())), self.view.widget, self.answer, self.status]
        self._start()

    def drawing(self):
        return self.image

    def _brush_window(self):
        """(rows slice, cols slice, kernel part) of the 3x3 brush at (row, col), cut at the frame."""
        r, c = self.controls["row"].value, self.controls["col"].value
        r0, r1, c0, c1 = max(r - 1, 0), min(r + 2, 28), max(c - 1, 0), min(c + 2, 28)
        kernel = self.BRUSH[r0 - (r - 1):3 - ((r + 2) - r1), c0 - (c - 1):3 - ((c + 2) - c1)]
        return slice(r0, r1), slice(c0, c1), kernel

    def paint(self):
        """Brighten the pixels under the brush (never darker than they were)."""
        rows, cols, kernel = self._brush_window()
        self.image[rows, cols] = np.maximum(self.image[rows, cols], kernel)
        self.refresh()
        return self

    def erase(self):
        """Blacken the 3x3 square under the brush."""
        rows, cols, _ = self._brush_window()
        self.image[rows, cols] = 0.0
        self.refresh()
        return self

    def clear(self):
        """Blacken everything: start a drawing from scratch."""
        self.image[:] = 0.0
        self.refresh()
        return self

    def update(self):
        digit = self.controls["digit"].value
        if digit != self._shown_digit:   # a new digit to edit
            self.image = self.X[digit].reshape(28, 28).copy()
            self._shown_digit = digit
        r, c = self.controls["row"].value, self.controls["col"].value
        self.cursor.set_xy((c - 1.5, r - 1.5))
        self.values = {"digit": digit, "label": int(self.y[digit]), "row": r, "col": c}
        self._classify()
        self.view.redraw()


def draw_digit(fallback=None):
    """Lesson 05: draw a digit and watch the trained network classify it.

    Uses the anywidget canvas when anywidget is installed, else (or with
    fallback=True) the brush editor, which needs nothing beyond ipywidgets.
    """
    if fallback or not canvas_available():
        return BrushEditor()
    return DrawDigit()


# ----- 3. experiment chooser ------------------------------------------------------------------

class ExperimentChooser(LessonWidget):
    """Overlay learning curves: the full-size results file (solid lines, band = spread over
    seeds) and, after "Run live", the same experiment on the small budget (dashed)."""

    def __init__(self):
        super().__init__()
        options = [(_TITLES.get(name, name), name) for name in ex.EXPERIMENTS]
        self.controls["experiment"] = ipywidgets.Dropdown(options=options, value="shuffled_pixels",
                                                          description="experiment",
                                                          style={"description_width": "initial"},
                                                          layout=ipywidgets.Layout(width="420px"))
        self.controls["metric"] = ipywidgets.Dropdown(options=[("test accuracy", "test_accuracy"),
                                                               ("training accuracy", "train_accuracy"),
                                                               ("training cost", "train_cost")],
                                                      value="test_accuracy", description="show",
                                                      style={"description_width": "initial"})
        for name in ("experiment", "metric"):
            self.controls[name].add_class(f"nudge-select-{name}")
        self.run_button = ipywidgets.Button(description="Run live (small budget)", icon="play",
                                            layout=ipywidgets.Layout(width="220px"))
        self.run_button.add_class("nudge-button-run")
        self.run_button.on_click(lambda _: self.run())
        self.progress = ipywidgets.IntProgress(value=0, min=0, max=1, layout=ipywidgets.Layout(width="220px"))
        self.info = readout("experiment")
        self.live = {}   # experiment name -> live result (kept for the session)
        self.saved = {name: ex.load_result(name) for name in ex.EXPERIMENTS}
        self.view = FigureImage(figsize=(8.4, 4.0), dpi=80, layout="constrained")
        self.axes = self.view.figure.add_subplot()
        self.children = [ipywidgets.HBox([self.controls["experiment"], self.controls["metric"]]),
                         ipywidgets.HBox([self.run_button, self.progress]), self.info, self.view.widget, self.status]
        self._start()

    def run(self):
        """Train the chosen experiment on its live budget (a few seconds) and overlay it."""
        name = self.controls["experiment"].value
        budget = ex.BUDGETS[name]["live"]
        epochs = budget["epochs"]
        self.run_button.disabled = True
        self.progress.value = 0
        self.status.value = f"Training {name} live: {epochs} epochs per run…"

        def progress(done, total):
            self.progress.max = total
            self.progress.value = done

        try:
            self.live[name] = ex.run_experiment(name, "live", data=ex.experiment_data(full=False), progress=progress)
        finally:
            self.run_button.disabled = False
        self.status.value = ""
        self.refresh()
        return self.live[name]

    def update(self):
        name = self.controls["experiment"].value
        metric = self.controls["metric"].value
        saved, live = self.saved.get(name), self.live.get(name)
        ax = self.axes
        ax.clear()   # the runs differ from one experiment to the next, so the lines are redrawn
        shown = {}
        for result, style, suffix in ((saved, "-", ""), (live, "--", " (live)")):
            if result is None:
                continue
            for colour, run in zip(RUN_COLOURS, result["runs"]):
                epochs, mean, low, high = ex.curve(result, run, metric)
                ax.plot(epochs, mean, style, color=colour, label=run + suffix, marker="." if len(epochs) < 15 else None)
                if len(result["seeds"]) > 1:
                    ax.fill_between(epochs, low, high, color=colour, alpha=0.15, lw=0)
                shown[run + suffix] = float(mean[-1])
        ax.set_xlabel("epoch")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylabel(METRIC_WORDS[metric])
        if metric.endswith("accuracy"):
            ax.set_ylim(0, 1)
            ax.axhline(0.1, color="grey", lw=0.8, ls=":")
        if shown:
            ax.legend(fontsize=8, loc="best")
        else:
            ax.text(0.5, 0.5, "No results file for this experiment here:\npress Run live, or run "
                    "python scripts/run_experiments.py", ha="center", va="center", transform=ax.transAxes)
        ax.set_title(_TITLES.get(name, name))
        lines = []
        if saved is not None:
            lines.append(f"<b>solid</b>: data/results/{name}.json — {ex.provenance(saved)}")
        if live is not None:
            lines.append(f"<b>dashed</b>: live — {ex.budget(live)} ({live['data_set']})")
        elif saved is not None:
            budget = ex.BUDGETS[name]["live"]
            lines.append(f"Run live trains the same runs for {budget['epochs']} epochs on the bundled digits.")
        self.info.value = "<br>".join(lines)
        self.values = {"experiment": name, "metric": metric, "final": shown,
                       "saved": saved is not None, "live": live is not None}
        self.view.redraw()


_TITLES = {
    "first_layer_weights": "First-layer weights: four recipes",
    "shuffled_pixels": "Shuffled pixels",
    "random_labels": "Random labels (500 images, 784-100-10)",
    "random_labels_video_net": "Random labels, the videos' 784-16-16-10",
    "relu_vs_sigmoid": "ReLU vs sigmoid, 784-16-16-10",
    "relu_vs_sigmoid_deep": "ReLU vs sigmoid, 784-30-30-30-30-10",
    "tweaks": "The tweaks toward 98 % (Nielsen ch. 3)",
}


def experiment_chooser():
    """Lesson 05: pick an experiment, see its full-size learning curves, run it live to compare."""
    return ExperimentChooser()
