"""Lesson 05 (what the network really learned): widgets.

- `weight_tiles()`: the 784 weights into first-layer neurons as 28x28 tiles, for
  four networks trained with different recipes (choose one from a menu).
- `draw_digit()`: draw a digit with the mouse or a finger on a canvas (anywidget);
  it is centred and scaled like MNIST's digits (`images.mnist_preprocess`)
  and the trained network's ten outputs follow as you draw. Without anywidget it
  falls back to `BrushEditor`: edit a bundled digit with a brush moved by sliders.
- `experiment_chooser()`: overlay the learning curves of any experiment, from the
  results files (full size) and from a live run on a button (small budget).

Every widget works when driven from code: `w.set(name=value)`, `DrawDigit.draw(image)`,
`BrushEditor.paint()`, `ExperimentChooser.run()`; `w.values` holds what is shown.
The numbers come from helpers.images, helpers.probes, helpers.experiments and
helpers.results; this module wires controls to figures.
"""

import html
import time
from functools import cache

import ipywidgets
import numpy as np
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from ..core.data import load_digits, load_trained_network
from ..core.languages import N_, _, tr
from ..learned import experiments, images, probes, results
from ..plots.digits import GREY, draw_weight_tiles
from ..plots.learned import METRIC_WORDS, RUN_COLOURS, draw_curves
from ..plots.palette import symmetric_limit
from ._core import Brush, FigureImage, LessonWidget, checkbox, dropdown, int_slider, readout

try:   # the drawing canvas needs anywidget; everything else here works without it
    import anywidget
    import traitlets
except Exception:   # not installed, or broken: draw_digit() falls back to the brush editor
    anywidget = None

__all__ = ["weight_tiles", "draw_digit", "experiment_chooser", "WeightTiles", "DrawDigit", "BrushEditor",
           "ExperimentChooser", "canvas_available"]

TILES = 16      # tiles shown at once: a 4 x 4 grid
# What the tiles' readout calls each cost (Network.cost_name); shown with _().
_COST_WORDS = {"quadratic": N_("quadratic cost"), "half_quadratic": N_("half-quadratic cost"),
               "cross_entropy": N_("cross-entropy cost")}


@cache
def _trained_network():
    return load_trained_network()


# ----- 1. first-layer weights as tiles ---------------------------------------------------

@cache
def _weight_nets(epochs):
    """Every net of experiments.WEIGHT_NETS trained on the bundled digits for `epochs` (seed 0), once a session
    (training them again would give the same nets)."""
    data = experiments.experiment_data(full=False)
    nets = {}
    for name in experiments.WEIGHT_NETS:
        net, history = experiments.train_weight_net(name, data, epochs=epochs)
        nets[name] = (net, history["test_accuracy"][-1])
    return nets


class WeightTiles(LessonWidget):
    """Choose a trained network; see the weights into 16 of its first-layer neurons.

    Tile k shows row k of weights[0] (the 784 weights into hidden neuron k) as a
    28x28 picture: positive and negative in the palette's colours, white = 0, one
    colour scale for the whole layer. The readout gives the net's test accuracy and
    the roughness of its first layer (probes.roughness: 1 = like pure noise). The
    "first neuron shown" slider pages through a wider layer; its range follows the
    net shown (a 16-neuron layer has one page, and the slider is then disabled).
    """

    def __init__(self, epochs=1):
        super().__init__()
        self.epochs = epochs
        self.nets = _weight_nets(epochs)
        names = list(self.nets)
        self.controls["net"] = dropdown(_("network"), [(_(name), name) for name in names], names[0], "net",
                                        width="420px")
        self.controls["net"].add_class("nudge-select-net")           # the name browser tests knew first
        self.controls["first"] = int_slider(_("first neuron shown"), 0, 0, 0, "first", step=TILES, width="300px")
        self.info = readout("tiles")
        self.view = FigureImage(figsize=(6.2, 4.6))
        fig = self.view.figure
        self.axes = fig.subplots(4, 4).ravel()
        fig.subplots_adjust(top=0.95, bottom=0.02)    # the title is page text: the rows keep their spacing
        self.images, self.norm = draw_weight_tiles(fig, self.axes, np.zeros((TILES, 784)), limit=1.0)
        self.tile_titles = [ax.title for ax in self.axes]
        # The title is page text above the picture. Everything else changes with the net or the page only:
        # each (net, page) is a scene, its tiles, titles and colour bar drawn once over the plain frames
        # (redraw_scene) and its picture kept, so coming back to it costs no drawing.
        self.title = readout("tiles-title")
        self.title.layout.width = f"{fig.canvas.get_width_height()[0]}px"
        frames = [spine for ax in self.axes for spine in ax.spines.values()]     # drawn over the tiles, as usual
        self._scene_artists = [*self.images, *frames, self.images[0].colorbar.ax, *self.tile_titles]
        self.view.keep_base(*self._scene_artists)
        # registered before _start's observer, so the range is right before the update runs
        self.controls["net"].observe(lambda change: self._follow_the_net(change["new"]), names="value")
        self._follow_the_net(names[0])
        controls = ipywidgets.HBox([self.controls["net"], self.controls["first"]],
                                   layout=ipywidgets.Layout(flex_flow="row wrap"))
        self.children = [controls, self.info, self.title, self.view.widget, self.status]
        # Every net's first page drawn now (a few hundredths of a second each): the menu then switches at once.
        for name in names[:0:-1]:
            self.controls["net"].value = name
            self.update()
        self.controls["net"].value = names[0]
        self._start()

    def _follow_the_net(self, name):
        """The slider's range follows the layer shown: pages of 16 up to the last full page."""
        hidden = self.nets[name][0].sizes[1]
        slider, holding = self.controls["first"], self._holding
        self._holding = True          # moving the range must not start a second update
        try:
            slider.max = max(hidden - TILES, 0)
            slider.disabled = hidden <= TILES
        finally:
            self._holding = holding

    def update(self):
        name = self.controls["net"].value
        net, test_accuracy = self.nets[name]
        hidden = net.sizes[1]
        first = min(self.controls["first"].value, hidden - TILES)
        weights = net.weights[0]
        shown = weights[first:first + TILES]
        limit = symmetric_limit(weights)   # one scale for the whole layer, so paging keeps colours comparable
        self.values = {"net": name, "first": first, "hidden": hidden, "limit": limit,
                       "roughness": probes.roughness(weights), "test_accuracy": float(test_accuracy)}
        for k, image in enumerate(self.images):
            image.set_data(shown[k].reshape(28, 28))
            self.tile_titles[k].set_text(tr("neuron {k}", k=first + k))
        title = tr("{name}: weights into neurons {first}–{last} of {hidden}\n"
                   "(left to right, top to bottom; one colour scale)", name=_(name), first=first,
                   last=first + TILES - 1, hidden=hidden)
        self.title.value = "<div style='text-align:center;font-size:13px;line-height:17px'>{}</div>".format(
            title.replace("\n", "<br>"))
        cost = net.cost_name
        facts = {"sizes": net.sizes, "activation": net.activation, "epochs": self.epochs, "hidden": hidden,
                 "cost": _(_COST_WORDS[cost]) if cost in _COST_WORDS else f"{cost.replace('_', '-')} cost",
                 "init": "N(0, 1)" if net.init == "normal" else "N(0, 1/n<sub>in</sub>)",
                 "accuracy": test_accuracy, "roughness": self.values["roughness"]}
        if self.epochs == 1:
            self.info.value = tr("{sizes}, {activation}, {cost}, {init} start; trained {epochs} epoch on the 8,000 "
                                 "bundled digits (seed 0) · test accuracy <b>{accuracy:.1%}</b> · roughness of all "
                                 "{hidden} pictures <b>{roughness:.2f}</b> (1 = pure noise, 0 = smooth)", **facts)
        else:
            self.info.value = tr("{sizes}, {activation}, {cost}, {init} start; trained {epochs} epochs on the 8,000 "
                                 "bundled digits (seed 0) · test accuracy <b>{accuracy:.1%}</b> · roughness of all "
                                 "{hidden} pictures <b>{roughness:.2f}</b> (1 = pure noise, 0 = smooth)", **facts)
        if (self.norm.vmin, self.norm.vmax) != (-limit, limit):
            with self.norm.callbacks.blocked():      # both ends, then one "changed": the colour bar rebuilds once
                self.norm.vmin, self.norm.vmax = -limit, limit
            self.norm.callbacks.process("changed")
        scene = (name, first)            # the whole picture: tiles, titles and colour bar follow the net and page
        if self.view.has_scene(scene):
            self.view.redraw_scene(scene, self._scene_artists)
        else:                            # drawn for the first time: longer than a slider move, so say so at once
            with self.working():
                self.view.redraw_scene(scene, self._scene_artists)


def weight_tiles(epochs=1):
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

    Figure: the drawing as a 28x28 grid and what the network sees (after
    mnist_preprocess when "prepare" is ticked) side by side, the ten output
    activations under them.
    """

    def _build_figure(self, figsize=(5.8, 4.4)):
        self.net = _trained_network()
        self.controls["prepare"] = checkbox(_("centre and scale like MNIST"), True, "prepare", width="290px")
        self.controls["prepare"].add_class("nudge-check-prepare")    # the name browser tests knew first
        self.answer = readout("prediction")
        self.view = FigureImage(figsize=figsize, layout="constrained")
        fig = self.view.figure
        grid = fig.add_gridspec(2, 2, height_ratios=[1.25, 1])
        ax_raw, ax_seen = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])
        ax_out = fig.add_subplot(grid[1, :])
        self.raw_image = ax_raw.imshow(np.zeros((28, 28)), cmap=GREY, vmin=0, vmax=1)
        ax_raw.set_title(_("your drawing, 28×28"), fontsize=10)
        self.seen_image = ax_seen.imshow(np.zeros((28, 28)), cmap=GREY, vmin=0, vmax=1)
        self.seen_title = ax_seen.set_title(_("what the net sees"), fontsize=10)
        # the centre of mass: an orange cross, named in the title (a legend would sit on the picture)
        self.com_marker, = ax_seen.plot([], [], "+", color="#e69f00", ms=12, mew=2)
        for ax in (ax_raw, ax_seen):
            ax.set_xticks([0, 7, 14, 21, 27])
            ax.set_yticks([0, 7, 14, 21, 27])
            ax.tick_params(labelsize=8)
        fig.colorbar(self.seen_image, ax=[ax_raw, ax_seen], shrink=0.9, label=_("pixel (0 black, 1 white)"))
        self.bars = ax_out.bar(np.arange(10), np.zeros(10), color="#bbbbbb")
        ax_out.set_ylim(0, 1)
        ax_out.set_xticks(range(10))
        ax_out.set_xlabel(_("digit $j$"))
        ax_out.set_ylabel(_("output $a_j$"))
        self.out_title = ax_out.set_title(" ", fontsize=10)
        self.ax_raw = ax_raw
        self.view.animate(self.raw_image, self.seen_image, self.com_marker, self.seen_title, self.out_title,
                          *self.bars)

    def drawing(self):
        """The current drawing as a (28, 28) array in [0, 1]."""
        raise NotImplementedError

    def _classify(self):
        raw = np.clip(self.drawing(), 0.0, 1.0)
        prepare = self.controls["prepare"].value
        seen = images.mnist_preprocess(raw) if prepare else raw.ravel()
        empty = not np.any(seen > 0)
        outputs = self.net.forward(seen)
        prediction = int(np.argmax(outputs))
        row, col = images.center_of_mass(seen)
        self.values.update({"ink": float(raw.sum()), "empty": empty, "prepared": prepare, "seen": seen,
                            "outputs": [float(a) for a in outputs], "prediction": None if empty else prediction,
                            "confidence": None if empty else float(outputs[prediction]),
                            "center_of_mass": (row, col)})
        self.raw_image.set_data(raw)
        self.seen_image.set_data(seen.reshape(28, 28))
        self.com_marker.set_data([] if empty else [col], [] if empty else [row])
        self.seen_title.set_text(_("prepared; + = centre of mass") if prepare else _("as drawn; + = centre of mass"))
        for digit, bar in enumerate(self.bars):
            bar.set_height(outputs[digit])
            bar.set_color(RUN_COLOURS[1] if digit == prediction and not empty else "#bbbbbb")
        if empty:
            self.out_title.set_text(_("nothing drawn yet"))
            self.answer.value = _("Draw a digit: the ten outputs appear as you draw.")
        else:
            self.out_title.set_text(tr("the network says {prediction} ($a_{prediction}$ = {activation:.2f})",
                                       prediction=prediction, activation=outputs[prediction]))
            self.answer.value = tr("The network says <b>{prediction}</b> · "
                                   "a<sub>{prediction}</sub> = {activation:.3f} · "
                                   "centre of mass of what it sees: row {row:.1f}, column {column:.1f}",
                                   prediction=prediction, activation=outputs[prediction], row=row, column=col)


class DrawDigit(_DigitClassifier):
    """Draw on a 28x28 canvas; the trained network classifies the drawing as you draw.

    `draw(image)` puts a drawing on the canvas from code (a 28x28 array or 784
    values in [0, 1]); `clear()` is the Clear button.
    """

    def __init__(self):
        super().__init__()
        if DigitCanvas is None:
            raise RuntimeError(_("the drawing canvas needs the anywidget package: pip install anywidget "
                                 "(or use BrushEditor())"))
        self._build_figure()
        self.canvas = DigitCanvas()
        self.canvas.add_class("nudge-canvas-widget")
        self.controls["brush"] = int_slider(_("brush width"), self.canvas.brush, 6, 40, "brush", step=2, width="290px")
        ipywidgets.link((self.controls["brush"], "value"), (self.canvas, "brush"))
        self.clear_button = self.button(_("Clear"), "clear", self.clear, icon="eraser")
        self.hint = ipywidgets.HTML(_("<i>No canvas above? Your Jupyter cannot show anywidget widgets: run "
                                      "<code>widgets.draw_digit(fallback=True)</code> for the brush editor.</i>"))
        self.canvas.observe(self._canvas_changed, names="pixels")
        self.canvas.observe(self._canvas_shown, names="rendered")
        # the canvas column keeps its width; the figure sits beside it, or below it on a narrow page
        left = ipywidgets.VBox([self.canvas, self.clear_button, self.controls["prepare"], self.controls["brush"]],
                               layout=ipywidgets.Layout(flex="0 0 auto", width="300px"))
        row = ipywidgets.HBox([left, self.view.widget],
                              layout=ipywidgets.Layout(flex_flow="row wrap", align_items="flex-start"))
        self.children = [row, self.answer, self.hint, self.status]
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

    Pick a digit, move the brush (the kit's `Brush`, 3x3) with the row and column
    sliders, and press Paint (a soft brush, brightening only) or Erase (the 3x3
    square goes black). Drive it from code with set(digit=..., row=..., column=...),
    paint(), erase(), clear().
    """

    PROFILE = np.array([[0.4, 0.8, 0.4], [0.8, 1.0, 0.8], [0.4, 0.8, 0.4]])

    def __init__(self):
        super().__init__()
        _train, (self.X, self.y) = load_digits()
        self._build_figure(figsize=(6.4, 4.4))
        self.controls["digit"] = int_slider(_("test digit"), 0, 0, len(self.X) - 1, "digit")
        self.brush = Brush("brush", size=len(self.PROFILE), max_size=1)
        self.controls.update(self.brush.controls)
        buttons = [self.button(_("Paint"), "paint", self.paint, icon="paint-brush", width="90px"),
                   self.button(_("Erase"), "erase", self.erase, icon="eraser", width="90px"),
                   self.button(_("Clear"), "clear", self.clear, icon="trash", width="90px")]
        self.cursor = Rectangle((12.5, 12.5), 3, 3, fill=False, edgecolor="#e69f00", lw=2)
        self.ax_raw.add_patch(self.cursor)
        self.view.animate(self.cursor)
        self.ax_raw.set_title(_("your drawing (orange: brush)"), fontsize=10)
        self.image = self.X[0].reshape(28, 28).copy()
        self._shown_digit = 0
        wrap = ipywidgets.Layout(flex_flow="row wrap")
        self.children = [ipywidgets.HBox([self.controls["digit"], self.controls["prepare"]], layout=wrap),
                         self.brush.box(), ipywidgets.HBox(buttons, layout=wrap), self.view.widget, self.answer,
                         self.status]
        self._start()

    def drawing(self):
        return self.image

    def paint(self):
        """Brighten the pixels under the brush (never darker than they were)."""
        rows, cols = self.brush.cells()
        self.image[rows, cols] = np.maximum(self.image[rows, cols], self.brush.kernel(self.PROFILE))
        self.refresh()
        return self

    def erase(self):
        """Blacken the 3x3 square under the brush."""
        rows, cols = self.brush.cells()
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
        top, left = self.brush.corner
        self.cursor.set_xy((left - 0.5, top - 0.5))
        self.values = {"digit": digit, "label": int(self.y[digit]), "row": self.controls["row"].value,
                       "column": self.controls["column"].value}
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

# What the menu and the status line call each experiment (plain words, not the file names); shown with _title().
_TITLES = {
    "first_layer_weights": N_("First-layer weights: four recipes"),
    "shuffled_pixels": N_("Shuffled pixels"),
    "random_labels": N_("Random labels (500 images, 784-100-10)"),
    "random_labels_video_net": N_("Random labels, the videos' 784-16-16-10"),
    "relu_vs_sigmoid": N_("ReLU vs sigmoid, 784-16-16-10"),
    "relu_vs_sigmoid_deep": N_("ReLU vs sigmoid, 784-30-30-30-30-10"),
    "tweaks": N_("The tweaks toward 98 % (Nielsen ch. 3)"),
}


def _title(name):
    """An experiment's title in the lesson's language (its file name when it has none)."""
    return _(_TITLES[name]) if name in _TITLES else name


class ExperimentChooser(LessonWidget):
    """Overlay learning curves: the full-size results file (solid lines, band = spread over
    seeds) and, after "Run live", the same experiment on the small budget (dashed).

    "Run live" shows its progress in the bar beside it and its outcome on the status
    line; the stop button ends it after the current mini-batch ("Stopped: ..."), and
    the curves trained so far are shown.

    The axes stay put (no layout solved again per experiment) and the legend is page text beside
    the figure: what lies behind the curves (frame, ticks, labels) is a scene per metric and axis
    range, drawn once (`redraw_scene`), so switching experiments redraws the curves and the title.
    """

    FIGURE_PX = (560, 360)
    MARGINS_PX = {"left": 75, "right": 15, "bottom": 45, "top": 35}   # room for the tick labels, axis labels, title

    def __init__(self):
        super().__init__()
        options = [(_title(name), name) for name in experiments.EXPERIMENTS]
        self.controls["experiment"] = dropdown(_("experiment"), options, "shuffled_pixels", "experiment", width="420px")
        self.controls["metric"] = dropdown(_("show"), [(_(METRIC_WORDS[metric]), metric) for metric in
                                                       ("test_accuracy", "train_accuracy", "train_cost")],
                                           "test_accuracy", "metric", width="260px")
        for name in ("experiment", "metric"):
            self.controls[name].add_class(f"nudge-select-{name}")   # the names browser tests knew first
        self.run_button = self.button(_("Run live (small budget)"), "run", self.run, icon="play", width="220px")
        self.progress = ipywidgets.IntProgress(value=0, min=0, max=1, layout=ipywidgets.Layout(width="220px"))
        self.info = readout("experiment")
        self.live = {}   # experiment name -> live result (kept for the session)
        self.saved = {name: results.load_result(name) for name in experiments.EXPERIMENTS}
        self.legend = readout("experiment-legend")
        self.legend.layout.width = "190px"
        self._build_figure()
        wrap = ipywidgets.Layout(flex_flow="row wrap")
        picture = ipywidgets.HBox([self.view.widget, self.legend],
                                  layout=ipywidgets.Layout(flex_flow="row wrap", align_items="flex-start"))
        self.children = [ipywidgets.HBox([self.controls["experiment"], self.controls["metric"]], layout=wrap),
                         ipywidgets.HBox([self.run_button, self.progress], layout=wrap), self.info,
                         picture, self.status]
        self._start()

    def _build_figure(self):
        width, height = self.FIGURE_PX
        m = self.MARGINS_PX
        self.view = FigureImage(figsize=(width / 90, height / 90), layout=None)
        ax = self.axes = self.view.figure.add_axes([m["left"] / width, m["bottom"] / height,
                                                    1 - (m["left"] + m["right"]) / width,
                                                    1 - (m["bottom"] + m["top"]) / height])
        ax.set_xlabel(_("epoch"))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        self.chance_line = ax.axhline(0.1, color="grey", lw=0.8, ls=":")
        self.no_results = ax.text(0.5, 0.5, _("No results file for this experiment here:\npress Run live, or run "
                                              "python scripts/run_experiments.py"),
                                  ha="center", va="center", transform=ax.transAxes, visible=False)
        ax.set_title(" ", fontsize=11)
        self._curves = []

    def _show_progress(self, done, total):
        self.progress.max = total
        self.progress.value = done

    def run(self):
        """Train the chosen experiment on its live budget (a few seconds) and overlay it."""
        name = self.controls["experiment"].value
        title = _title(name)
        epochs = experiments.BUDGETS[name]["live"]["epochs"]
        self.run_button.disabled = True
        self.progress.value = 0
        self.say(tr("Training “{title}” on the bundled digits, {epochs} epochs per run…", title=title, epochs=epochs))
        start = time.perf_counter()
        try:
            live = experiments.run_experiment(name, "live", data=experiments.experiment_data(full=False),
                                              progress=self._show_progress)
        finally:   # an error reaches the status line through run_safely; the button never stays off
            self.run_button.disabled = False
        seconds = time.perf_counter() - start
        if live["runs"]:
            self.live[name] = live
        if not live["runs"]:
            self.say(_("Stopped before the first epoch ended: nothing to show."))
        elif live["interrupted"] and len(live["runs"]) == 1:
            self.say(tr("Stopped: “{title}” after {seconds:.0f} s; the dashed curves show the run trained so far.",
                        title=title, seconds=seconds))
        elif live["interrupted"]:
            self.say(tr("Stopped: “{title}” after {seconds:.0f} s; the dashed curves show the {n} runs trained so far.",
                        title=title, seconds=seconds, n=len(live["runs"])))
        else:
            self.say(tr("Done: “{title}” trained live in {seconds:.0f} s (dashed curves).",
                        title=title, seconds=seconds))
        self.refresh()
        return live

    def update(self):
        name = self.controls["experiment"].value
        metric = self.controls["metric"].value
        saved, live = self.saved.get(name), self.live.get(name)
        ax = self.axes
        for artist in self._curves:       # the runs differ from one experiment to the next: new curves
            artist.remove()
        ax.ignore_existing_data_limits = True     # the axis range follows the new curves only
        lines, bands = list(ax.lines), list(ax.collections)
        shown = {}
        for result, style, suffix in ((saved, "-", ""), (live, "--", _(" (live)"))):
            if result is not None:
                shown.update(draw_curves(ax, result, [metric], style=style, label_suffix=suffix))
        lines, bands = [a for a in ax.lines if a not in lines], [a for a in ax.collections if a not in bands]
        self._curves = [*bands, *lines]
        accuracy = metric.endswith("accuracy")
        ax.set_ylabel(_(METRIC_WORDS[metric]))
        self.chance_line.set_visible(accuracy)
        ax.set_autoscale_on(True)
        if accuracy:
            ax.set_ylim(0, 1)
        if shown:
            ax.autoscale_view()
        else:
            ax.set_xlim(0, 1)
            ax.set_ylim(0, 1)
        self.no_results.set_visible(not shown)
        ax.set_title(_title(name), fontsize=11)
        self.legend.value = self._legend_html(zip(lines, shown))
        lines_of_info = []
        if saved is not None:
            lines_of_info.append(tr("<b>solid</b>: data/results/{name}.json — {provenance}", name=name,
                                    provenance=results.provenance(saved)))
        if live is not None:
            data_set = live["data_set"]
            lines_of_info.append(tr("<b>dashed</b>: live — {budget} ({data_set})", budget=results.budget(live),
                                    data_set=_(data_set)))
        elif saved is not None:
            budget = experiments.BUDGETS[name]["live"]
            lines_of_info.append(tr("Run live trains the same runs for {epochs} epochs on the bundled digits.",
                                    epochs=budget["epochs"]))
        self.info.value = "<br>".join(lines_of_info)
        self.values = {"experiment": name, "metric": metric, "final": shown,
                       "saved": saved is not None, "live": live is not None}
        self.view.dynamic = [*self._curves, ax.title, self.no_results]
        scene = (metric, ax.get_xlim(), ax.get_ylim())   # behind the curves: frame, ticks, axis labels
        if self.view.has_scene(scene):
            self.view.redraw_scene(scene)
        else:                                            # a new axis range: the whole figure, once
            with self.working():
                self.view.redraw_scene(scene)

    @staticmethod
    def _legend_html(entries):
        """The legend as page text: a short line in each curve's colour and style, then its label."""
        rows = []
        for line, label in entries:
            style = "dashed" if line.get_linestyle() == "--" else "solid"
            text = html.escape(label).replace("n_in", "n<sub>in</sub>")
            rows.append("<div style='display:flex;align-items:center;margin:2px 0'><span style='flex:0 0 26px;"
                        f"border-top:2px {style} {line.get_color()};margin-right:6px'></span><span>{text}</span></div>")
        return "<div style='font-size:12px;line-height:15px;padding-top:30px'>{}</div>".format("".join(rows))


def experiment_chooser():
    """Lesson 05: pick an experiment, see its full-size learning curves, run it live to compare."""
    return ExperimentChooser()
