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

import struct
import time
import zlib
from contextlib import contextmanager

import ipywidgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg

from ..core.languages import _, tr
from ..plots._core import new_figure


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
        self.figure = new_figure(figsize, dpi=dpi, layout=layout)
        canvas = FigureCanvasAgg(self.figure)
        # Shown at its own pixel size (the canvas's, which rounds as the PNG does), both ways: stretched
        # (to the page width, or to a taller column beside it in an HBox) the PNG would blur or distort.
        width, height = (f"{n}px" for n in canvas.get_width_height())
        self.widget = ipywidgets.Image(format="png", layout=ipywidgets.Layout(
            width=width, min_width=width, height=height, min_height=height, align_self="flex-start"))
        self.widget.add_class("nudge-figure")
        self.dynamic = []
        self._background = None
        self._scenes = {}          # scene -> its kept background (redraw_scene), oldest first
        self._pictures = {}        # scene -> its PNG, for a figure where nothing moves within a scene
        self._base = None          # the plain figure new scenes are drawn over (keep_base)

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
        self.widget.value = png_bytes(canvas)

    SCENES_KEPT = 16       # backgrounds redraw_scene keeps (a 560x500 figure's is about 1 MB)

    def has_scene(self, scene):
        """True when `redraw_scene(scene)` would reuse a kept background (no whole-figure drawing)."""
        return scene in self._scenes

    def keep_base(self, *left_out):
        """Draw the whole figure as it is now and keep it as the base that new scenes are drawn over.

        For scenes that differ by a few artists (one lit path in a tree, the titles and colour bar of
        a page of tiles): put the figure in its plain state, call this once, and give each new scene's
        own artists to `redraw_scene(scene, over=...)`, which draws just those over the base. The moving
        artists and `left_out` are left out of the base (the scenes draw those); artists left in are
        drawn over in place, so a scene's version must cover its plain one (a thicker line, a box).
        """
        canvas = self.figure.canvas
        if self.figure.get_layout_engine() is not None:
            canvas.draw()                          # laid out with everything in it, then the layout is frozen
            self.figure.set_layout_engine("none")
        for artist in (*self.dynamic, *left_out):
            artist.set_animated(True)
        canvas.draw()
        for artist in left_out:
            artist.set_animated(False)
        self._base = canvas.copy_from_bbox(self.figure.bbox)

    def prepare_scene(self, scene, over=None):
        """Draw `scene`'s background now and keep it, showing nothing (see `redraw_scene`).

        For scenes a learner will likely open: drawn while the widget is built, they cost a move nothing.
        """
        if scene in self._scenes:
            return
        canvas = self.figure.canvas
        if over is not None and self._base is not None:
            canvas.restore_region(self._base)
            for artist in over:
                self.figure.draw_artist(artist)
        else:
            for artist in self.dynamic:
                artist.set_animated(True)          # left out of the background, drawn on top by redraw()
            canvas.draw()
            if self.figure.get_layout_engine() is not None:
                self.figure.set_layout_engine("none")
        self._scenes[scene] = canvas.copy_from_bbox(self.figure.bbox)
        while len(self._scenes) > self.SCENES_KEPT:
            oldest = next(iter(self._scenes))
            del self._scenes[oldest]
            self._pictures.pop(oldest, None)

    def redraw_scene(self, scene, over=None):
        """`redraw()` for a figure whose still part changes now and then between a few states, the scenes.

        `scene` is any hashable value naming everything drawn behind the moving artists (the net shown
        and its colour scale, the page of tiles, the lit path). A scene seen before restores its kept
        background and redraws only the moving artists; a new scene draws the whole figure once, or,
        given `over` and a base (`keep_base`), only the artists `over` on top of the base (in that
        order), and keeps its background (the SCENES_KEPT latest). With no moving artists the whole
        picture belongs to its scene, and its PNG is kept too. Set the still artists for `scene` before
        the call either way: a later whole-figure draw draws them as they are.
        """
        self.prepare_scene(scene, over)
        self._background = self._scenes.pop(scene)
        self._scenes[scene] = self._background       # (re)inserted last: the most recently used
        if self.dynamic:
            self.redraw()
            return
        if scene not in self._pictures:
            self.figure.canvas.restore_region(self._background)
            self._pictures[scene] = png_bytes(self.figure.canvas)
        self.widget.value = self._pictures[scene]


def png_bytes(canvas):
    """The pixels of an Agg canvas as PNG bytes: 8-bit RGBA, every row unfiltered, zlib level 1.

    A third of the time Pillow takes for the same pixels (it tries five row filters on every
    row), and for these flat-coloured figures no more bytes: most of a slider move's encoding.
    """
    pixels = np.asarray(canvas.buffer_rgba())
    height, width, _ = pixels.shape
    rows = np.empty((height, 4 * width + 1), np.uint8)
    rows[:, 0] = 0                                        # each row starts with its filter type: 0, none
    rows[:, 1:] = pixels.reshape(height, 4 * width)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)   # 8 bits per channel, RGBA, no interlace
    return b"".join([b"\x89PNG\r\n\x1a\n", _png_chunk(b"IHDR", header), _png_chunk(b"IDAT", zlib.compress(rows, 1)),
                     _png_chunk(b"IEND", b"")])


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# ----- the kit: every control gets the CSS class `nudge-<kind>-<name>` (browser tests find it by that) -----

_LABEL_STYLE = {"description_width": "initial"}


def _named(widget, kind, css_name):
    widget.add_class(f"nudge-{kind}-{css_name}")
    return widget


def readout(css_name, width="auto"):
    """An HTML text widget, class `nudge-readout-<name>`."""
    return _named(ipywidgets.HTML(layout=ipywidgets.Layout(width=width)), "readout", css_name)


def slider(description, value, low, high, step, css_name, readout_format=".2f", continuous=True, width="360px"):
    """A FloatSlider with a readable label width, class `nudge-slider-<name>`."""
    return _named(ipywidgets.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                                         readout_format=readout_format, continuous_update=continuous,
                                         style=_LABEL_STYLE, layout=ipywidgets.Layout(width=width)),
                  "slider", css_name)


def int_slider(description, value, low, high, css_name, step=1, continuous=True, width="360px"):
    """An IntSlider (a digit number, a neuron index) styled like `slider`, class `nudge-slider-<name>`."""
    return _named(ipywidgets.IntSlider(value=value, min=low, max=high, step=step, description=description,
                                       continuous_update=continuous, style=_LABEL_STYLE,
                                       layout=ipywidgets.Layout(width=width)),
                  "slider", css_name)


def dropdown(description, options, value, css_name, width="360px"):
    """A Dropdown; `options` as ipywidgets takes them (labels, or (label, value) pairs).
    Class `nudge-dropdown-<name>`."""
    return _named(ipywidgets.Dropdown(options=options, value=value, description=description, style=_LABEL_STYLE,
                                      layout=ipywidgets.Layout(width=width)),
                  "dropdown", css_name)


def toggle(description, options, value, css_name, tooltips=None, button_width="90px"):
    """ToggleButtons: one choice out of a few, side by side. Class `nudge-toggle-<name>`."""
    return _named(ipywidgets.ToggleButtons(options=options, value=value, description=description,
                                           tooltips=list(tooltips or []),
                                           style={**_LABEL_STYLE, "button_width": button_width}),
                  "toggle", css_name)


def checkbox(description, value, css_name, width="auto"):
    """A Checkbox, class `nudge-checkbox-<name>`."""
    return _named(ipywidgets.Checkbox(value=value, description=description, indent=False,
                                      layout=ipywidgets.Layout(width=width)),
                  "checkbox", css_name)


def number(x, digits=6):
    """A number as the readouts show it: fixed decimals, and never "-0.000" for a value that rounds to zero."""
    text = f"{x:.{digits}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def signed(x, digits=6):
    """Like `number`, with a sign on every nonzero number: '+0.012300', '-0.012300', '0.000000'."""
    text = number(x, digits)
    return text if text.startswith("-") or float(text) == 0 else "+" + text


class Brush:
    """A square brush on a 28x28 grid, moved by row and column sliders: what both painting widgets share.

    `controls` (row, column, size) go into the widget's controls; `cells()` gives the
    (rows, columns) slices under the brush, cut at the frame, and `kernel(profile)`
    the part of a size x size profile that lies inside it.
    """

    def __init__(self, css_prefix, size=1, max_size=5, row=14, column=14, width="260px"):
        self.controls = {
            "row": int_slider(_("row"), row, 0, 27, f"{css_prefix}-row", width=width),
            "column": int_slider(_("column"), column, 0, 27, f"{css_prefix}-column", width=width),
        }
        if max_size > 1:
            self.controls["size"] = int_slider(_("brush size"), size, 1, max_size, f"{css_prefix}-brush-size",
                                               width="220px")
        self._fixed_size = size

    @property
    def size(self):
        return self.controls["size"].value if "size" in self.controls else self._fixed_size

    @property
    def corner(self):
        """(row, column) of the brush square's top-left cell, before cutting at the frame."""
        return (self.controls["row"].value - (self.size - 1) // 2, self.controls["column"].value - (self.size - 1) // 2)

    def cells(self):
        r0, c0 = self.corner
        return (slice(max(r0, 0), min(r0 + self.size, 28)), slice(max(c0, 0), min(c0 + self.size, 28)))

    def kernel(self, profile):
        """The part of `profile` (size x size) that falls inside the grid, matching `cells()`."""
        (rows, cols), (r0, c0) = self.cells(), self.corner
        return profile[rows.start - r0:rows.stop - r0, cols.start - c0:cols.stop - c0]

    def box(self):
        return ipywidgets.HBox(list(self.controls.values()), layout=ipywidgets.Layout(flex_flow="row wrap"))


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
        self._status_is_error = False
        # a fixed minimum height: an empty HTML widget collapses to 0 px, so a status appearing made the page jump
        self.status = ipywidgets.HTML(layout=ipywidgets.Layout(min_height="28px"))
        self.status.add_class("nudge-status")

    # ----- the status line -----

    def say(self, text):
        """Plain words on the status line (what is running, what just finished)."""
        self.status.value = text
        self._status_is_error = False

    def complain(self, text):
        """An error on the status line, in red; the next good update clears it."""
        self.status.value = f"<span style='color:#b00'>{text}</span>"
        self._status_is_error = True

    @contextmanager
    def working(self, text=None):
        """Show `text` ("Working…") on the status line at once while a slow step runs, then what it showed before.

        For a move whose picture takes longer than a slider's 50 ms (a figure drawn for the first
        time): the status reaches the browser before the picture, so the learner sees the move was
        taken. Whatever the step itself says on the status line stays.
        """
        shown = "<i>{}</i>".format(_("Working…") if text is None else text)
        before, was_error = self.status.value, self._status_is_error
        self.status.value = shown
        try:
            yield
        finally:
            if self.status.value == shown:
                self.status.value, self._status_is_error = before, was_error

    def button(self, description, css_name, action, icon="", width="auto", tooltip=""):
        """A Button, class `nudge-button-<name>`, that runs `action()` with its errors shown on the status line.

        A click's exception would otherwise vanish into JupyterLab's log console, and
        the stop button (KeyboardInterrupt) says "Stopped." instead of a traceback.
        """
        b = _named(ipywidgets.Button(description=description, icon=icon, tooltip=tooltip,
                                     layout=ipywidgets.Layout(width=width)), "button", css_name)
        b.on_click(lambda _: self.run_safely(action))
        return b

    def run_safely(self, action):
        """Run `action()`: an error or a stop ends on the status line, never in the log console."""
        try:
            return action()
        except KeyboardInterrupt:
            self.say(_("Stopped."))
        except Exception as exc:
            self.complain(tr("Something went wrong: {error}: {details}", error=type(exc).__name__, details=exc))
        return None

    def _start(self):
        """Connect every control to update() and draw once."""
        for control in self.controls.values():
            if hasattr(control, "value"):
                control.observe(self._on_change, names="value")
        self.refresh()

    def _on_change(self, change):
        if not self._holding:
            self.run_safely(self.refresh)

    def refresh(self):
        """Recompute and redraw; a good update clears an error left on the status line."""
        start = time.perf_counter()
        self.update()
        if self._status_is_error:
            self.say("")
        self.last_update_ms = (time.perf_counter() - start) * 1000

    def set(self, **values):
        """Move several controls at once (like a learner would), then update once."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise KeyError(tr("no control named {unknown}; this widget has {names}", unknown=sorted(unknown),
                              names=sorted(self.controls)))
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
