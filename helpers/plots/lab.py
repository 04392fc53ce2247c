"""Lesson 06 (the lab: take the network apart): plots.

Static figures (each returns a Figure) and the drawing pieces the lab's widgets
reuse (`draw_*` draw onto given axes and return the artists a widget moves).
Every number drawn comes from helpers.core.evaluation and helpers.lab; nothing here
computes an accuracy.
"""

import numpy as np
from matplotlib.colors import PowerNorm
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from ..core.languages import _, tr
from ..lab import KINDS, principal_components, project, spread_kept
from ._core import new_figure
from .digits import GREY

__all__ = ["confusion_grid", "neuron_drops", "random_ablation", "damage_curves", "principal_direction", "layer_maps",
           "draw_confusion", "draw_layer_map", "draw_outputs", "digit_key", "DIGIT_COLOURS", "ABLATION_COLOURS"]

# One colour per digit 0-9 (matplotlib's tab10, with black for 7 instead of its grey, which would vanish
# among the grey dots of a highlighted map): labels, not signs, so they ignore the weight palette.
DIGIT_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                 "#8c564b", "#e377c2", "#000000", "#bcbd22", "#17becf"]
# zero ablation, mean ablation (Okabe-Ito blue and orange)
ABLATION_COLOURS = {"zero": "#0072b2", "mean": "#e69f00"}
SMALL = 9   # points: 12.5 px at the widgets' 100 dpi, 11 px at 90


def draw_confusion(ax, counts, title=None):
    """counts (10, 10) as a colour grid with every count written in; rows = true label, columns = answer.

    The colour scale is a power law (gamma 0.35) so that the small off-diagonal counts
    (the mistakes) are visible beside the diagonal's hundreds. Returns the image.
    """
    counts = np.asarray(counts)
    n = len(counts)
    image = ax.imshow(counts, cmap="Blues", norm=PowerNorm(0.35, vmin=0, vmax=max(int(counts.max()), 1)))
    for i in range(n):
        for j in range(n):
            if counts[i, j]:
                dark = counts[i, j] > 0.35 * counts.max()
                ax.text(j, i, str(counts[i, j]), ha="center", va="center", fontsize=SMALL - 1 if counts[i, j] > 99
                        else SMALL, color="white" if dark else "black")
    ax.set_xticks(range(n))
    ax.set_yticks(range(n))
    ax.set_xlabel(_("the network's answer"))
    ax.set_ylabel(_("true label"))
    ax.xaxis.set_label_position("top")
    ax.xaxis.tick_top()
    if title:
        ax.set_title(title, fontsize=10)
    return image


def confusion_grid(counts, title=None):
    """The confusion matrix of `evaluation.confusion_counts`, with accuracy (trace / total) in the title."""
    counts = np.asarray(counts)
    fig = new_figure((5.6, 5.2))
    ax = fig.add_subplot()
    draw_confusion(ax, counts)
    fig.suptitle(title or tr("{n:,} test digits: {right:,} on the diagonal = {accuracy:.1%} right", n=counts.sum(),
                             right=np.trace(counts), accuracy=np.trace(counts) / counts.sum()), fontsize=11)
    return fig


def neuron_drops(drops_zero, drops_mean, plain_accuracy):
    """Accuracy lost when each hidden neuron alone is switched off, by zero and by mean ablation.

    drops_*: lists of (drop, layer, neuron) as evaluation.single_neuron_drops returns them.
    One panel per hidden layer, neurons 0-15 along x; the three largest drops are named.
    """
    fig = new_figure((8.2, 4.6))
    axes = fig.subplots(2, 1, sharey=True)
    tables = {name: {(l, j): d for d, l, j in drops} for name, drops in (("zero", drops_zero), ("mean", drops_mean))}
    replaced = {"zero": _("replaced by zero"), "mean": _("replaced by its mean")}
    for layer, ax in enumerate(axes, start=1):
        x = np.arange(16)
        for offset, name in ((-0.2, "zero"), (0.2, "mean")):
            ax.bar(x + offset, [100 * tables[name][(layer, j)] for j in x], width=0.4,
                   color=ABLATION_COLOURS[name], label=replaced[name])
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_xticks(x)
        ax.set_xlim(-0.6, 15.6)
        ax.set_ylabel(_("points lost"))
        ax.set_title(tr("hidden layer {layer}", layer=layer), fontsize=10, loc="left")
    axes[-1].set_xlabel(_("neuron"))
    axes[0].legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=SMALL, frameon=False)
    fig.suptitle(tr("Test accuracy lost (percentage points, from {accuracy:.1%}) with one hidden neuron switched off",
                    accuracy=plain_accuracy), fontsize=11)
    return fig


def random_ablation(counts, curves_zero, curves_mean, plain_accuracy):
    """Accuracy vs number of hidden neurons switched off at random: one thin line per seed, the mean thick."""
    fig = new_figure((7.4, 4.0))
    ax = fig.add_subplot()
    for name, curves in (("zero", curves_zero), ("mean", curves_mean)):
        colour = ABLATION_COLOURS[name]
        for curve in curves:
            ax.plot(counts, curve, color=colour, linewidth=0.8, alpha=0.45)
        label = (tr("replaced by zero (mean of {seeds} seeds)", seeds=len(curves)) if name == "zero"
                 else tr("replaced by its mean (mean of {seeds} seeds)", seeds=len(curves)))
        ax.plot(counts, np.mean(curves, axis=0), color=colour, linewidth=2.5, label=label)
    ax.axhline(plain_accuracy, color="black", linestyle=":", linewidth=1, label=_("nothing switched off"))
    ax.axhline(0.1, color="grey", linestyle="--", linewidth=1, label=_("chance (10 %)"))
    ax.set_xlabel(_("hidden neurons switched off at random (of 32)"))
    ax.set_ylabel(_("test accuracy"))
    ax.set_ylim(0, 1)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=SMALL, frameon=False)
    ax.set_title(_("Thin lines: one random order each; thick: their mean"), fontsize=10)
    return fig


def damage_curves(curves, plain_accuracy, examples=None):
    """One panel per kind of damage: test accuracy against its level.

    curves: {kind: (levels, accuracies)} from damage.damage_curve. examples: optional
    {kind: [(level, image)]}, drawn small under each panel's curve.
    """
    fig = new_figure((8.2, 5.4))
    grid = fig.add_gridspec(2, 2)
    for k, kind in enumerate(curves):
        levels, accuracy = curves[kind]
        ax = fig.add_subplot(grid[k // 2, k % 2])
        ax.plot(levels, accuracy, "o-", color="#0072b2")
        ax.axhline(plain_accuracy, color="black", linestyle=":", linewidth=1)
        ax.axhline(0.1, color="grey", linestyle="--", linewidth=1)
        ax.set_ylim(0, 1)
        ax.set_xlabel(_(KINDS[kind][0]))
        ax.set_ylabel(_("test accuracy"))
        ax.set_title(_(kind), fontsize=10)
        for level, image in (examples or {}).get(kind, []):
            inset = ax.inset_axes([(level - levels[0]) / (levels[-1] - levels[0]) * 0.8 + 0.02, 0.06, 0.16, 0.3])
            inset.imshow(np.reshape(image, (28, 28)), cmap=GREY, vmin=0, vmax=1)
            inset.set_xticks([])
            inset.set_yticks([])
    fig.suptitle(_("Accuracy on the 2,000 damaged test digits (dotted: undamaged, dashed: chance)"), fontsize=11)
    return fig


def principal_direction(points):
    """PCA by picture, for a 2-D cloud (n, 2): its first principal direction and the spread each line keeps.

    Left: the points, the line through their mean along the first principal direction (the top row of
    lab.principal_components), each point's projection onto it (its foot, joined by a thin segment) and the
    second direction at right angles (dashed). Right: lab.spread_kept for a line at every angle from 0 to
    180 degrees, with the first principal direction's angle marked: the curve peaks there.
    """
    points = np.asarray(points, dtype=float)
    mean, components = principal_components(points, 2)
    first, second = components
    feet = mean + project(points, mean, components[:1]) * first
    angles = np.arange(181)
    radians = np.deg2rad(angles)
    shares = spread_kept(points, np.column_stack([np.cos(radians), np.sin(radians)]))
    best = np.rad2deg(np.arctan2(first[1], first[0])) % 180
    kept = spread_kept(points, first)[0]
    fig = new_figure((8.4, 3.9))
    cloud, curve = fig.subplots(1, 2, width_ratios=[1.15, 1])
    for point, foot in zip(points, feet):
        cloud.plot(*zip(point, foot), color="#bdbdbd", linewidth=0.8, zorder=1)
    cloud.plot(points[:, 0], points[:, 1], "o", color="#0072b2", markersize=4, label=_("points"), zorder=3)
    cloud.plot(feet[:, 0], feet[:, 1], "o", color="#e69f00", markersize=3, label=_("their projections"), zorder=4)
    reach = 1.15 * np.abs(points - mean).max()
    cloud.plot(*np.transpose([mean - reach * first, mean + reach * first]), color="#d55e00", linewidth=2,
               label=_("1st principal direction"), zorder=2)
    cloud.plot(*np.transpose([mean - 0.5 * reach * second, mean + 0.5 * reach * second]), color="#555555",
               linestyle="--", linewidth=1.2, label=_("2nd (at right angles)"), zorder=2)
    cloud.set_aspect("equal", adjustable="datalim")
    cloud.set_xlabel(_("coordinate 1"))
    cloud.set_ylabel(_("coordinate 2"))
    cloud.legend(loc="upper left", fontsize=SMALL, framealpha=0.9, edgecolor="white")
    cloud.set_title(tr("The line of most spread keeps {kept:.0%} of it", kept=kept), fontsize=10)
    curve.plot(angles, shares, color="#444444")
    curve.axvline(best, color="#d55e00", linewidth=2, label=tr("1st principal direction ({angle:.0f}°)",
                                                               angle=best))
    curve.axvline((best + 90) % 180, color="#555555", linestyle="--", linewidth=1.2,
                  label=tr("2nd ({angle:.0f}°)", angle=(best + 90) % 180))
    curve.set_xlim(0, 180)
    curve.set_xticks(range(0, 181, 45))
    curve.set_ylim(0, 1.25)
    curve.set_yticks(np.linspace(0, 1, 6))
    curve.set_xlabel(_("angle of the line (degrees)"))
    curve.set_ylabel(_("share of the spread kept"))
    curve.legend(loc="upper right", fontsize=SMALL, framealpha=1, edgecolor="white")
    curve.set_title(_("Turn the line: the share it keeps"), fontsize=10)
    return fig


def draw_layer_map(ax, points, labels, highlight=None):
    """The 2-D map of one layer: every test digit a dot in its digit's colour.

    highlight: a digit drawn in colour on top while the others turn light grey (None: all coloured).
    Returns one marker line per digit (a widget recolours them; markers draw much faster than a scatter).
    """
    dots = []
    for digit in range(10):
        mine = labels == digit
        dots.append(ax.plot(points[mine, 0], points[mine, 1], linestyle="none", marker="o", markersize=2,
                            markeredgewidth=0, color=DIGIT_COLOURS[digit], label=str(digit))[0])
    colour_layer_map(dots, highlight)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel(_("1st principal component"))
    ax.set_ylabel(_("2nd principal component"))
    return dots


def colour_layer_map(dots, highlight=None):
    """Recolour a map's dots: every digit coloured, or one digit coloured and in front, the others grey."""
    for digit, line in enumerate(dots):
        shown = highlight is None or digit == highlight
        line.set_color(DIGIT_COLOURS[digit] if shown else "#d0d0d0")
        line.set_zorder(3 if highlight is not None and shown else 2)
        line.set_markersize(3 if highlight is not None and shown else 2)


def digit_key(fig):
    """The digits' colours as a legend right of the figure, off the data (its own markers, never recoloured)."""
    handles = [Line2D([], [], linestyle="none", marker="o", markersize=5, color=colour, label=str(digit))
               for digit, colour in enumerate(DIGIT_COLOURS)]
    return fig.legend(handles=handles, loc="outside right center", fontsize=SMALL, frameon=False,
                      title=_("digit"), title_fontsize=SMALL)


def layer_map_title(layer_map, n_layers):
    explained, accuracy = layer_map["explained"].sum(), layer_map["accuracy_2d"]
    if layer_map["layer"] == n_layers:
        return tr("output layer: {explained:.0%} of the variance\nnearest centroid in 2-D: {accuracy:.1%}",
                  explained=explained, accuracy=accuracy)
    return tr("hidden layer {layer}: {explained:.0%} of the variance\nnearest centroid in 2-D: {accuracy:.1%}",
              layer=layer_map["layer"], explained=explained, accuracy=accuracy)


def layer_maps(maps, labels, highlight=None):
    """The maps of projection.layer_maps side by side, coloured by label; the digits' key on the right."""
    fig = new_figure((8.4, 3.4))
    axes = fig.subplots(1, len(maps))
    for ax, layer_map in zip(axes, maps):
        draw_layer_map(ax, layer_map["points"], labels, highlight)
        ax.set_title(layer_map_title(layer_map, len(maps)), fontsize=SMALL)
    digit_key(fig)
    return fig


def draw_outputs(ax, outputs, label=None):
    """The ten output activations as bars (the answer darker, the true label named in the x ticks). Returns the bars."""
    bars = ax.bar(range(10), outputs, color="#9ecae1")
    ax.set_xticks(range(10))
    ax.set_ylim(0, 1.05)
    ax.set_xlabel(_("output neuron (digit)"))
    ax.set_ylabel(_("activation"))
    colour_outputs(bars, outputs)
    return bars


def colour_outputs(bars, outputs):
    """Heights from `outputs`; the brightest output (the answer) drawn dark."""
    answer = int(np.argmax(outputs))
    for j, bar in enumerate(bars):
        bar.set_height(outputs[j])
        bar.set_color("#08519c" if j == answer else "#9ecae1")


def highlight_cell(ax, row, column):
    """A red square around one cell of a confusion matrix (returned, so a widget can move it)."""
    return ax.add_patch(Rectangle((column - 0.5, row - 0.5), 1, 1, fill=False, edgecolor="#d62728", linewidth=2.5))
