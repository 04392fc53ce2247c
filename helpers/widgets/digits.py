"""Lesson 00: browse the bundled digits (the first widget a learner meets)."""

import numpy as np

from ..core.data import load_digits
from ..core.languages import _, tr
from ..plots.digits import GREY
from ._core import FigureImage, LessonWidget, int_slider, readout

__all__ = ["digit_browser"]


class DigitBrowser(LessonWidget):
    """A slider picks one of the 8,000 training digits; the picture and its numbers follow."""

    def __init__(self):
        super().__init__()
        (self.X, self.y), _test = load_digits()
        self.controls["index"] = int_slider(_("digit number"), 0, 0, len(self.X) - 1, "index", width="420px")
        self.info = readout("digit")
        self.view = FigureImage(figsize=(4.4, 3.7), dpi=90, layout="constrained")
        ax = self.view.figure.add_subplot()
        self.image = ax.imshow(np.zeros((28, 28)), cmap=GREY, vmin=0, vmax=1)
        self.view.figure.colorbar(self.image, ax=ax, shrink=0.8, label=_("activation (0 black, 1 white)"))
        ax.set_xlabel(_("column"))
        ax.set_ylabel(_("row"))
        self.axes = ax
        # the widest title: the layout keeps room for it
        self.title = ax.set_title(tr("training digit {index}: a {label}", index="0000", label=0))
        self.view.animate(self.image, self.title)                  # only these two change from digit to digit
        self.children = [self.controls["index"], self.info, self.view.widget, self.status]
        self._start()

    def update(self):
        i = self.controls["index"].value
        x, label = self.X[i], int(self.y[i])
        self.values = {"index": i, "label": label, "lit_pixels": int(np.sum(x > 0)), "brightest": float(x.max())}
        self.image.set_data(x.reshape(28, 28))
        self.title.set_text(tr("training digit {index}: a {label}", index=i, label=label))
        self.info.value = tr("label <b>{label}</b> · {lit} of 784 pixels are not black · mean activation {mean:.3f}",
                             label=label, lit=self.values["lit_pixels"], mean=x.mean())
        self.view.redraw()


def digit_browser():
    """Lesson 00: move the slider to flip through the bundled training digits."""
    return DigitBrowser()
