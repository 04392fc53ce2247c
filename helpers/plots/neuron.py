"""Lesson 01 (what a neural network is): its drawings.

The hand-made weight patterns come from helpers.neuron and the network's numbers
from Network.feedforward; this module only draws them.
"""

import numpy as np
from matplotlib.patches import Patch, Rectangle

from ..core.activations import relu, sigmoid
from ..core.languages import _, tr
from ..neuron import PATTERN_NAMES, hope_pictures, matrix_vector_example, pattern_weights
from ._core import new_figure
from .digits import GREY, draw_weights
from .palette import negative_color, positive_color, symmetric_limit, weight_cmap, weight_label

__all__ = ["sigmoid_and_relu", "weight_patterns", "network_structure", "hope_of_layers", "layer_as_matrix",
           "matrix_times_vector"]

def sigmoid_and_relu():
    """The sigmoid sigma(z) = 1/(1+e^-z) beside ReLU(z) = max(0, z) and its smooth relative SiLU(z) = z sigma(z)."""
    z = np.linspace(-6, 6, 601)
    fig = new_figure((8.4, 3.3))
    left, right = fig.subplots(1, 2)
    left.plot(z, sigmoid(z), color="#1f77b4", lw=2, label=r"$\sigma(z) = 1/(1+e^{-z})$")
    left.axhline(0, color="gray", lw=0.6)
    left.axhline(1, color="gray", lw=0.6, ls="--")
    left.set_ylim(-0.1, 1.1)
    left.set_title(_("sigmoid: squashes every $z$ into (0, 1)"))
    right.plot(z, relu(z), color="#9467bd", lw=2, label=r"$\mathrm{ReLU}(z) = \max(0, z)$")
    right.plot(z, z * sigmoid(z), color="#2ca02c", lw=1.5, ls="--", label=r"$\mathrm{SiLU}(z) = z\,\sigma(z)$")
    right.axhline(0, color="gray", lw=0.6)
    right.set_title(_("ReLU, and SiLU: a smooth relative"))
    for ax in (left, right):
        ax.axvline(0, color="gray", lw=0.6)
        ax.set_xlabel(_("weighted input $z$"))
        ax.set_ylabel(_("activation"))
        ax.legend(loc="upper left")
    return fig


def weight_patterns(names=None, columns=4):
    """A gallery of the hand-made weight patterns the lesson's widget offers (palette colours)."""
    names = [n for n in PATTERN_NAMES if n != "blank (paint your own)"] if names is None else list(names)
    rows = int(np.ceil(len(names) / columns))
    fig = new_figure((1.85 * columns + 1.0, 1.95 * rows + 0.4))
    axes = fig.subplots(rows, columns, squeeze=False)
    image = None
    for ax, name in zip(axes.flat, names):
        w = pattern_weights(name)
        image = draw_weights(ax, w, colorbar=False, limit=1.0)
        ax.set_title(_(name), fontsize=9)
    for ax in axes.flat[len(names):]:
        ax.set_axis_off()
    fig.colorbar(image, ax=axes, shrink=0.6, label=weight_label())
    fig.suptitle(_("Hand-made weight patterns: 784 weights each, drawn as 28×28"))
    return fig


def network_structure(sizes=(784, 16, 16, 10), shown=16):
    """The layers as columns of circles (at most `shown` drawn per layer), every neuron linked to the next layer."""
    sizes = list(sizes)
    fig = new_figure((7.5, 4.2))
    ax = fig.add_subplot()
    xs = np.arange(len(sizes)) * 3.0
    positions = []
    for n in sizes:
        k = min(n, shown)
        ys = np.linspace(k - 1, 0, k) - (k - 1) / 2 if k > 1 else np.zeros(1)
        positions.append(ys * (15.0 / max(shown - 1, 1)))
    for (x0, ys0), (x1, ys1) in zip(zip(xs[:-1], positions[:-1]), zip(xs[1:], positions[1:])):
        for y0 in ys0:
            for y1 in ys1:
                ax.plot([x0, x1], [y0, y1], color="#999999", lw=0.3, alpha=0.5, zorder=1)
    for l, (x, ys, n) in enumerate(zip(xs, positions, sizes)):
        ax.scatter(np.full(len(ys), x), ys, s=70, facecolor="white", edgecolor="black", zorder=2)
        if n > shown:
            ax.text(x, 0, "⋮", ha="center", va="center", fontsize=16, zorder=3,
                    bbox={"facecolor": "white", "edgecolor": "none"})
        if l == 0:
            label = tr("input\n$a^{{({layer})}}$: {n} neurons", layer=l, n=n)
        elif l == len(sizes) - 1:
            label = tr("output\n$a^{{({layer})}}$: {n} neurons", layer=l, n=n)
        else:
            label = tr("hidden\n$a^{{({layer})}}$: {n} neurons", layer=l, n=n)
        ax.text(x, 9.3, label, ha="center", va="bottom", fontsize=10)
    if sizes[-1] <= 10:
        for j, y in enumerate(positions[-1]):
            ax.text(xs[-1] + 0.5, y, str(j), va="center", fontsize=9)
    ax.set_xlim(xs[0] - 1, xs[-1] + 1)
    ax.set_ylim(-8.5, 11.5)
    ax.set_axis_off()
    ax.set_title(tr("The network of the videos: {sizes} (only {shown} of the {inputs} inputs drawn)",
                    sizes="-".join(map(str, sizes)), shown=shown, inputs=sizes[0]) if sizes[0] > shown
                 else _("The network"))
    return fig


def hope_of_layers():
    """V1's *hope*, drawn with hand-made patterns: little edges -> pieces (a loop, a stroke) -> a 9.

    Nothing here is learned: every picture is made by hand. Lesson 05 looks at what
    a trained network's hidden neurons really respond to.
    """
    pictures = hope_pictures()
    edges, pieces, nine = pictures["edges"], pictures["pieces"], pictures["digit"]

    fig = new_figure((8.4, 4.2))
    left, middle, right = fig.subfigures(1, 3, width_ratios=[3, 1.3, 1.5])
    for ax, w in zip(left.subplots(2, 3).flat, edges):
        image = draw_weights(ax, w, colorbar=False, limit=1.0)
    left.suptitle(_("layer 1: little edges?  →"), fontsize=11)
    piece_axes = middle.subplots(2, 1)
    for ax, w in zip(piece_axes, pieces):
        draw_weights(ax, w, colorbar=False, limit=1.0)
    middle.suptitle(_("layer 2: pieces?  →"), fontsize=11)
    middle.colorbar(image, ax=piece_axes, orientation="horizontal", shrink=0.9, label=weight_label())
    ax = right.subplots()
    digit = ax.imshow(nine, cmap=GREY, vmin=0, vmax=1)
    ax.set_xticks([])
    ax.set_yticks([])
    right.suptitle(_("output: a 9"), fontsize=11)
    right.colorbar(digit, ax=ax, orientation="horizontal", shrink=0.9, label=_("activation (0 black, 1 white)"))
    fig.suptitle(_("V1's hope, drawn by hand: lesson 05 checks whether a trained network works like this"))
    return fig


def layer_as_matrix(net, x, neuron=0):
    """One layer as a matrix: W (16 x 784) as colours, row `neuron` as a 28x28 picture, and a = sigma(W x + b)."""
    W = net.weights[0]
    activations = net.feedforward(x)[1]
    a1 = activations[1][0]
    limit = symmetric_limit(W)
    fig = new_figure((8.4, 3.6))
    grid = fig.add_gridspec(1, 3, width_ratios=[2.6, 1.1, 1.1])
    ax = fig.add_subplot(grid[0])
    image = ax.imshow(W, cmap=weight_cmap(), vmin=-limit, vmax=limit, aspect="auto", interpolation="nearest")
    ax.add_patch(Rectangle((-0.5, neuron - 0.5), W.shape[1], 1, fill=False, edgecolor="black", lw=1.5))
    ax.set_xlabel(tr("column $k$: input pixel 0 … {last}", last=W.shape[1] - 1))
    ax.set_ylabel(_("row $j$: hidden neuron"))
    ax.set_title(tr("$W$: {rows} × {columns}, row {neuron} outlined", rows=W.shape[0], columns=W.shape[1],
                    neuron=neuron))
    fig.colorbar(image, ax=ax, label=weight_label(), pad=0.01)
    ax = fig.add_subplot(grid[1])
    draw_weights(ax, W[neuron], title=tr("row {neuron} as 28×28", neuron=neuron), colorbar=False, limit=limit)
    ax = fig.add_subplot(grid[2])
    colours = ["#888888"] * len(a1)
    colours[neuron] = "black"
    ax.barh(np.arange(len(a1)), a1, color=colours)
    ax.set_ylim(len(a1) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.set_xlabel(_(r"activation $a^{(1)}_j$"))
    ax.set_ylabel(_("hidden neuron $j$"))
    ax.set_title(r"$\sigma(W a^{(0)} + b)$")
    fig.suptitle(tr("The trained network's first layer, and its {n} activations for one digit", n=len(a1)))
    return fig


def _plain(value):
    """A number as the lesson writes it by hand: 2, 0.5, −1 (a true minus sign, never "−0")."""
    value = float(value) + 0.0                  # -0.0 + 0.0 is 0.0
    return f"{value:g}".replace("-", "−")


def matrix_times_vector(row=0):
    """W a for a 3x4 W, every number written in: row `row` of W, its dot product with a, and (W a)[row].

    The numbers come from helpers.neuron.matrix_vector_example. W's cells are tinted by
    sign (palette colours); the chosen row and the weighted sum it makes are outlined,
    and the line below the picture spells out that row's dot product term by term.
    """
    example = matrix_vector_example()
    W, a, Wa = example["W"], example["a"], example["Wa"]
    n_out, n_in = W.shape
    if not 0 <= row < n_out:
        raise ValueError(tr("row must be 0, 1 or 2; got {row}", row=row))
    fig = new_figure((8.4, 3.9))
    ax = fig.add_subplot()
    tint = {1: positive_color(), -1: negative_color(), 0: "white"}
    top = n_in / 2 + n_out / 2            # W's rows and W a's cells sit in the middle of a's column
    cell = {"ha": "center", "va": "center", "fontsize": 13}

    def box(x, y, value, colour="white", alpha=1.0):
        ax.add_patch(Rectangle((x, y), 1, 1, facecolor=colour, alpha=alpha, edgecolor="#555555", lw=0.8))
        ax.text(x + 0.5, y + 0.5, _plain(value), **cell)

    y_rows = [top - 1 - j for j in range(n_out)]             # the bottom edge of row j's cells
    for j in range(n_out):
        for k in range(n_in):
            box(k, y_rows[j], W[j, k], tint[int(np.sign(W[j, k]))], alpha=0.45)
    x_a, x_out = n_in + 1.2, n_in + 3.4
    for k in range(n_in):
        box(x_a, n_in - 1 - k, a[k])
    for j in range(n_out):
        box(x_out, y_rows[j], Wa[j], "#ffd43b" if j == row else "white", alpha=0.6)
    ax.add_patch(Rectangle((0, y_rows[row]), n_in, 1, fill=False, edgecolor="black", lw=2.5))
    ax.add_patch(Rectangle((x_a, 0), 1, n_in, fill=False, edgecolor="black", lw=2.5))
    ax.add_patch(Rectangle((x_out, y_rows[row]), 1, 1, fill=False, edgecolor="black", lw=2.5))
    ax.text(n_in + 2.8, n_in / 2, "=", ha="center", va="center", fontsize=18)
    for k in range(n_in):
        ax.text(k + 0.5, top + 0.15, str(k), ha="center", va="bottom", fontsize=10, color="#555555")
    for j in range(n_out):
        ax.text(-0.15, y_rows[j] + 0.5, str(j), ha="right", va="center", fontsize=10, color="#555555")
    heading = {"ha": "center", "va": "bottom", "fontsize": 11}
    ax.text(n_in / 2, top + 0.6, tr("$W$: {rows} × {columns}, one row per neuron", rows=n_out, columns=n_in),
            **heading)
    ax.text(x_a + 0.5, n_in + 0.25, tr("$a$\n{n} inputs", n=n_in), **heading)
    ax.text(x_out + 0.5, top + 0.25, tr("$Wa$\n{n} weighted sums", n=n_out), **heading)
    terms = " + ".join(f"({_plain(w)})({_plain(v)})" for w, v in zip(W[row], a))
    ax.text(0, -0.55, tr("row {row} · a = {terms} = {total}", row=row, terms=terms, total=_plain(Wa[row])),
            ha="left", va="top", fontsize=12)
    ax.text(0, -1.25, _("multiply pairwise, then add: one neuron's weighted sum"), ha="left", va="top",
            fontsize=11, color="#555555")
    ax.set_xlim(-0.8, x_out + 1.3)
    ax.set_ylim(-2.0, n_in + 1.3)
    ax.set_aspect("equal")
    ax.set_axis_off()
    handles = [Patch(facecolor=positive_color(), alpha=0.45, edgecolor="#555555", label=_("positive weight")),
               Patch(facecolor=negative_color(), alpha=0.45, edgecolor="#555555", label=_("negative weight")),
               Patch(facecolor="white", edgecolor="black", lw=2.5, label=tr("row {row} and its sum", row=row))]
    ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.0, 0.55), fontsize=10, frameon=False)
    fig.suptitle(_("Matrix times vector: each row of $W$ dotted with $a$ gives one neuron's weighted sum"),
                 fontsize=12)
    return fig
