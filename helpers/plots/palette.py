"""Colours for weights: green positive and red negative as in the videos, or a
colour-blind-safe blue/orange. One call switches every drawing in the lessons:

    plots.use_palette("colorblind")     # blue = positive, orange = negative
    plots.use_palette("video")          # back to green / red

This changes only Nudge's own drawings, never matplotlib's global settings.
"""

import numpy as np
from matplotlib.colors import LinearSegmentedColormap

from ..core.languages import N_, _, tr

PALETTES = {
    # name: (negative, positive, words for the legend)
    "video": ("#d62728", "#2ca02c", (N_("red"), N_("green"))),
    "colorblind": ("#e69f00", "#0072b2", (N_("orange"), N_("blue"))),   # Okabe-Ito orange and blue
}
_state = {"name": "video"}


def use_palette(name):
    """Switch every later drawing to palette "video" (green/red) or "colorblind" (blue/orange)."""
    if name not in PALETTES:
        raise ValueError(tr("palette must be one of {names}; got {name!r}", names=sorted(PALETTES), name=name))
    _state["name"] = name
    negative, positive = sign_words()
    print(tr("Palette {name!r}: positive weights {positive}, negative weights {negative}.", name=name,
             positive=positive, negative=negative))


def current_palette():
    return _state["name"]


def positive_color():
    return PALETTES[_state["name"]][1]


def negative_color():
    return PALETTES[_state["name"]][0]


def sign_words():
    """('red', 'green') or ('orange', 'blue'): what the legend calls negative and positive
    (in the lesson's language)."""
    negative, positive = PALETTES[_state["name"]][2]
    return _(negative), _(positive)


def weight_cmap():
    """Diverging colour map: negative colour, white at zero, positive colour."""
    negative, positive, _words = PALETTES[_state["name"]]
    return LinearSegmentedColormap.from_list(f"nudge-{_state['name']}", [negative, "#ffffff", positive])


def symmetric_limit(values):
    """A colour scale symmetric around zero, so white always means 0."""
    limit = float(np.max(np.abs(values))) if np.size(values) else 1.0
    return limit if limit > 0 else 1.0


def weight_label():
    negative, positive = sign_words()
    return tr("weight ({positive} +, {negative} −)", positive=positive, negative=negative)
