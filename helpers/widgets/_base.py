"""What every lesson widget shares: a figure drawn in place, named controls and readouts.

A widget is an ipywidgets.VBox, so it shows itself when it is the last line of a
cell, in JupyterLab, classic Notebook, Binder and Colab (ipywidgets 7.7 and 8).
Its figure is a matplotlib Figure rendered to PNG into an ipywidgets.Image:
redrawn in place on every move, never rebuilt, and never registered with pyplot
(so nothing else appears below the cell).

Driving a widget from code (tests, or a curious learner):
    w = widgets.neuron_explorer()
    w.set(weight=2.0, bias=-1.0)    # like moving the sliders; one update at the end
    w.values["activation"]          # the numbers the readouts show now
"""

import io
import time

import ipywidgets
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


class FigureImage:
    """A matplotlib Figure shown as an ipywidgets.Image that `redraw()` refreshes.

    Optional speed-up for slider widgets: mark the artists that change on every
    move with `animate(...)` (they are kept in `dynamic`, drawn in that order).
    Then everything else is drawn once and kept as a background, and a move
    redraws only those artists on top of it (blitting): text, ticks and colour
    bars, most of a redraw's cost, are drawn once. Call `redraw(full=True)` or
    `forget_background()` when something outside `dynamic` changes (limits, titles).
    """

    def __init__(self, figsize=(6, 3), dpi=90, layout=None):
        self.figure = Figure(figsize=figsize, dpi=dpi, layout=layout)
        FigureCanvasAgg(self.figure)
        # Shown at its own pixel size: stretched to the page width, the PNG would blur.
        width = f"{round(figsize[0] * dpi)}px"
        self.widget = ipywidgets.Image(format="png", layout=ipywidgets.Layout(width=width, min_width=width))
        self.widget.add_class("nudge-figure")
        self.dynamic = []
        self._background = None

    def animate(self, *artists):
        """Redraw these artists on every move; returns the first one, for chaining."""
        self.dynamic.extend(artists)
        return artists[0] if artists else None

    def forget_background(self):
        """Something still changed: the next redraw draws the whole figure again."""
        self._background = None

    def redraw(self, full=False):
        canvas = self.figure.canvas
        if full or self._background is None or not self.dynamic:
            for artist in self.dynamic:
                artist.set_animated(True)          # left out of the full draw, drawn on top below
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.figure.bbox) if self.dynamic else None
            # Lay the figure out once, then freeze it: a layout engine re-solved on every
            # slider move costs more than the whole rest of the redraw.
            if self.figure.get_layout_engine() is not None:
                self.figure.set_layout_engine("none")
        else:
            canvas.restore_region(self._background)
        for artist in self.dynamic:
            self.figure.draw_artist(artist)
        width, height = canvas.get_width_height()
        buffer = io.BytesIO()
        # compress_level 1: a few percent more bytes, half the encoding time of the default
        PIL.Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).save(
            buffer, format="png", compress_level=1)
        self.widget.value = buffer.getvalue()


def readout(css_name, width="auto"):
    """An HTML text widget with a stable CSS class (`nudge-readout-<name>`) for browser tests."""
    html = ipywidgets.HTML(layout=ipywidgets.Layout(width=width))
    html.add_class(f"nudge-readout-{css_name}")
    return html


def slider(description, value, low, high, step, css_name, readout_format=".2f", continuous=True, width="360px"):
    """A FloatSlider with a stable CSS class (`nudge-slider-<name>`) and a readable label width."""
    s = ipywidgets.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                               readout_format=readout_format, continuous_update=continuous,
                               style={"description_width": "initial"}, layout=ipywidgets.Layout(width=width))
    s.add_class(f"nudge-slider-{css_name}")
    return s


def int_slider(description, value, low, high, css_name, width="360px"):
    """An IntSlider (a digit number, a neuron index) styled like `slider`, class `nudge-slider-<name>`."""
    s = ipywidgets.IntSlider(value=value, min=low, max=high, description=description, continuous_update=True,
                             style={"description_width": "initial"}, layout=ipywidgets.Layout(width=width))
    s.add_class(f"nudge-slider-{css_name}")
    return s


def number(x, digits=6):
    """A number as the readouts show it: fixed decimals, a true minus sign avoided for copy-paste."""
    return f"{x:.{digits}f}"


class LessonWidget(ipywidgets.VBox):
    """Base class: subclasses fill `controls` and call `_start()`; `update()` recomputes and redraws.

    `values` holds every number the readouts show, so tests can assert them.
    `last_update_ms` is how long the latest update took (numbers + redraw).
    """

    def __init__(self, children=(), **kwargs):
        super().__init__(children=list(children), **kwargs)
        self.controls = {}
        self.values = {}
        self.last_update_ms = None
        self._holding = False
        self.status = ipywidgets.HTML()
        self.status.add_class("nudge-status")

    def _start(self):
        """Connect every control to update() and draw once."""
        for control in self.controls.values():
            if hasattr(control, "value"):
                control.observe(self._on_change, names="value")
        self.refresh()

    def _on_change(self, change):
        if self._holding:
            return
        try:
            self.refresh()
        except Exception as exc:  # a callback's error would vanish into the log console: show it
            self.status.value = f"<span style='color:#b00'>Something went wrong: {exc}</span>"
            raise

    def refresh(self):
        start = time.perf_counter()
        self.update()
        self.last_update_ms = (time.perf_counter() - start) * 1000

    def set(self, **values):
        """Move several controls at once (like a learner would), then update once."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise KeyError(f"no control named {sorted(unknown)}; this widget has {sorted(self.controls)}")
        self._holding = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._holding = False
        self.refresh()
        # Returns nothing on purpose: `w.set(...)` as a cell's last line must not show the widget twice.

    def update(self):
        raise NotImplementedError
