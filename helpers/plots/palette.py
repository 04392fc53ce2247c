"""Colours for weights: green positive and red negative as in the videos, or a
colour-blind-safe blue/orange. One call switches every drawing in the lessons:

    plots.use_palette("colorblind")     # blue = positive, orange = negative
    plots.use_palette("video")          # back to green / red

This changes only Nudge's own drawings, never matplotlib's global settings.
"""

import numpy as np
from matplotlib.colors import LinearSegmentedColormap

PALETTES = {
    # name: (negative, positive, words for the legend)
    "video": ("#d62728", "#2ca02c", ("red", "green")),
    "colorblind": ("#e69f00", "#0072b2", ("orange", "blue")),   # Okabe-Ito orange and blue
}
_state = {"name": "video"}


def use_palette(name):
    """Switch every later drawing to palette "video" (green/red) or "colorblind" (blue/orange)."""
    if name not in PALETTES:
        raise ValueError(f"palette must be one of {sorted(PALETTES)}; got {name!r}")
    _state["name"] = name
    negative, positive, _ = PALETTES[name]
    print(f"Palette {name!r}: positive weights {PALETTES[name][2][1]}, negative weights {PALETTES[name][2][0]}.")


def current_palette():
    return _state["name"]


def positive_color():
    return PALETTES[_state["name"]][1]


def negative_color():
    return PALETTES[_state["name"]][0]


def sign_words():
    """('red', 'green') or ('orange', 'blue'): what the legend calls negative and positive."""
    return PALETTES[_state["name"]][2]


def weight_cmap():
    """Diverging colour map: negative colour, white at zero, positive colour."""
    negative, positive, _ = PALETTES[_state["name"]]
    return LinearSegmentedColormap.from_list(f"nudge-{_state['name']}", [negative, "#ffffff", positive])


def symmetric_limit(values):
    """A colour scale symmetric around zero, so white always means 0."""
    limit = float(np.max(np.abs(values))) if np.size(values) else 1.0
    return limit if limit > 0 else 1.0


def weight_label():
    negative, positive = sign_words()
    return f"weight ({positive} +, {negative} −)"
