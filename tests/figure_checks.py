"""What the figure tests share: measuring a figure once it is laid out, without laying it out again for each check.

A figure with `layout="constrained"` is laid out on every draw, and that layout is most of a draw's cost. Worse,
it is not idempotent: a second layout of the same figure moves some texts by a pixel or two. So each figure test
draws its figure once and runs all of its checks on that one layout:

- `shown_in_jupyter(fig, *measures)`: the PNG as Jupyter's inline backend makes it (`savefig(..., format="png",
  bbox_inches="tight")`, on a figure not drawn before), with `measures` run on the layout that PNG shows.
- `texts_cut_off(fig, drawn=True)`: the cut-text check on a figure the caller has just drawn.
"""

import io

import PIL.Image
from matplotlib.text import Text


def shown_in_jupyter(fig, *measures):
    """Save `fig` as a tight PNG; return ((width, height) of the PNG, [measure(fig) for measure in measures]).

    `savefig(bbox_inches="tight")` lays the figure out once (a draw that renders nothing), asks the figure for its
    tight bounding box, then renders the crop. Each measure runs at that question: the figure is laid out exactly
    as the PNG shows it, and nothing is shifted for the crop yet. (After savefig, axis labels keep positions
    measured on the cropped canvas, up to the crop's margin off: a cut label would look inside.)
    """
    results = []
    tight_bbox = fig.get_tightbbox

    def measure_then_tight_bbox(*args, **kwargs):
        results.extend(measure(fig) for measure in measures)
        return tight_bbox(*args, **kwargs)

    fig.get_tightbbox = measure_then_tight_bbox
    try:
        png = io.BytesIO()
        fig.savefig(png, format="png", bbox_inches="tight")
    finally:
        del fig.get_tightbbox                            # the Figure's own method again
    assert len(results) == len(measures), "savefig no longer asks the figure for its tight bounding box"
    return PIL.Image.open(png).size, results


def texts_cut_off(fig, drawn=False):
    """The visible texts that reach outside the figure once it is laid out (a title cut at the edge).

    Tick labels count only for ticks inside the axis' limits: matplotlib keeps the others, undrawn.
    The figure is drawn (laid out) first, unless `drawn`: the caller has just drawn it, as it is now.
    """
    if not drawn:
        fig.draw_without_rendering()
    width, height = fig.get_figwidth() * fig.dpi, fig.get_figheight() * fig.dpi
    tick_labels = {label for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)
                   for tick in axis.get_major_ticks() + axis.get_minor_ticks() for label in (tick.label1, tick.label2)}
    texts = [t for t in fig.findobj(Text)
             if t not in tick_labels and (t.axes is None or t is t.axes.title or t in t.axes.texts
                                          or t.axes.get_legend() is not None
                                          and t in t.axes.get_legend().get_texts())]
    texts += [t for t in fig.findobj(Text) if t.axes is not None and t in (t.axes.xaxis.label, t.axes.yaxis.label)
              and t.axes.axison]
    for ax in fig.axes:
        if not ax.axison:
            continue
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            texts += [tick.label1 for tick in axis.get_major_ticks() if lo <= tick.get_loc() <= hi]
    cut = []
    for text in set(texts):
        if text.get_visible() and text.get_text().strip():
            box = text.get_window_extent()
            if box.x0 < -1 or box.y0 < -1 or box.x1 > width + 1 or box.y1 > height + 1:
                cut.append(text.get_text()[:30])
    return cut


def figure_texts(fig, drawn=False):
    """Every non-empty text of a laid-out figure (drawn first, unless the caller has just drawn it)."""
    if not drawn:
        fig.draw_without_rendering()
    return [t.get_text() for t in fig.findobj(Text) if t.get_text().strip()]
