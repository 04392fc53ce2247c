"""One way to start a figure, sized for the screen our learners have.

A 1280x800 laptop window with JupyterLab's side panel open leaves a notebook about
860 px wide. A figure wider than that is shrunk by the browser (and its text with
it), so every figure is made at most MAX_WIDTH_PX wide at its own pixel size, and
no text in it is smaller than MIN_TEXT_PX as displayed. `readability_problems(fig)`
lists what breaks those rules; the tests run it on every figure the lessons show.
"""

from functools import cache

from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.text import Text

from ..core.languages import figure_fonts

DPI = 100
MAX_WIDTH_PX = 840
MIN_TEXT_PX = 9


def new_figure(figsize, dpi=DPI, layout="constrained"):
    """A bare Figure (not pyplot: Jupyter shows what we return, once, and no global state changes).

    figsize is in inches, as in matplotlib; keep width x dpi within MAX_WIDTH_PX
    (`readability_problems` checks it, with the text sizes).
    """
    return LessonFigure(figsize=figsize, dpi=dpi, layout=layout)


class LessonFigure(Figure):
    """A Figure that draws its texts with the lesson language's font as a fallback.

    Chinese labels need a Chinese font, which Colab, Binder and most Linux machines lack;
    the language ships a subset of one (`helpers/_i18n.figure_fonts`). Every text keeps
    its own family first (DejaVu Sans, or monospace), so Latin letters, digits and math
    look the same in every language, and falls back to the shipped font for the rest.
    Done when drawn, not when made, and on this figure only: no matplotlib setting changes.
    Mathtext ($...$) has fonts of its own and no fallback: a translation keeps Chinese
    out of any text that holds $...$ (tests/test_i18n.py checks it).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._fallback_fonts = [_font_family(path) for path in figure_fonts()]

    def draw(self, renderer):
        if self._fallback_fonts:
            for text in self.findobj(Text):
                families = text.get_fontfamily()
                if families[-len(self._fallback_fonts):] != self._fallback_fonts:
                    text.set_fontfamily([*families, *self._fallback_fonts])
        super().draw(renderer)


@cache
def _font_family(path):
    """Register a shipped font file with matplotlib once; return its family name."""
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def readability_problems(fig):
    """Sentences naming every rule `fig` breaks: too wide, or a visible text below MIN_TEXT_PX."""
    problems = []
    width_px = fig.get_figwidth() * fig.dpi
    if width_px > MAX_WIDTH_PX + 0.5:
        problems.append(f"figure is {width_px:.0f} px wide (at most {MAX_WIDTH_PX})")
    for text in fig.findobj(Text):
        if text.get_visible() and text.get_text().strip() and _shown(text):
            size_px = text.get_fontsize() * fig.dpi / 72
            if size_px < MIN_TEXT_PX - 0.05:
                problems.append(f"text {text.get_text()[:30]!r} is {size_px:.1f} px (at least {MIN_TEXT_PX})")
    return problems


def _shown(artist):
    """False for texts inside a hidden axis or a hidden parent (tick labels of an axis turned off)."""
    axes = artist.axes
    return axes is None or (axes.get_visible() and axes.axison) or artist in axes.texts or artist is axes.title
