"""Drawings of digits and of 784-value weight patterns."""

import numpy as np

from ..core.languages import _, tr
from ._core import new_figure
from .palette import symmetric_limit, weight_cmap, weight_label

GREY = "gray"   # 0 = black, 1 = white, as in the videos


def digit_grid(X, y, n=24, columns=8, predictions=None, title=None):
    """A grid of digits with their labels (and predictions, if given, red when wrong).

    title: default "Bundled MNIST digits" (in the lesson's language).
    """
    n = min(n, len(X))
    rows = int(np.ceil(n / columns))
    side = min(1.2, 8.4 / columns)          # inches per digit: 8 columns fill the 840 px a notebook shows
    fig = new_figure((side * columns, (side + 0.15) * rows + 0.4))
    axes = fig.subplots(rows, columns, squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.set_axis_off()
        if i >= n:
            continue
        ax.imshow(np.reshape(X[i], (28, 28)), cmap=GREY, vmin=0, vmax=1)
        text, colour = tr("label {label}", label=y[i]), "black"
        if predictions is not None:
            text = tr("label {label} · net {prediction}", label=y[i], prediction=predictions[i])
            colour = "black" if predictions[i] == y[i] else "#b00000"
        ax.set_title(text, fontsize=9, color=colour)
    fig.suptitle(_("Bundled MNIST digits") if title is None else title)
    return fig


def digit_and_vector(x, label):
    """One digit as a 28x28 image and as the 784 numbers the network actually receives."""
    x = np.asarray(x, dtype=float).reshape(784)
    fig = new_figure((8.4, 3.0))
    grid = fig.add_gridspec(1, 2, width_ratios=[1, 2.4])
    ax = fig.add_subplot(grid[0])
    image = ax.imshow(x.reshape(28, 28), cmap=GREY, vmin=0, vmax=1)
    ax.set_title(tr("a {label} as a 28×28 image", label=label))
    ax.set_xlabel(_("column"))
    ax.set_ylabel(_("row"))
    fig.colorbar(image, ax=ax, shrink=0.8, label=_("activation (0 black, 1 white)"))
    ax = fig.add_subplot(grid[1])
    ax.plot(np.arange(784), x, lw=0.8, color="black")
    ax.set_xlim(0, 783)
    ax.set_ylim(-0.05, 1.05)
    ax.set_title(_("the same digit as 784 numbers, row after row"))
    ax.set_xlabel(_("input neuron $k$ = 28·row + column"))
    ax.set_ylabel(_("activation"))
    return fig


def label_counts(y_train, y_test):
    """How many examples of each digit the training and test sets hold."""
    fig = new_figure((8.2, 3.0))
    ax = fig.add_subplot()
    digits = np.arange(10)
    train, test = np.bincount(y_train, minlength=10), np.bincount(y_test, minlength=10)
    ax.bar(digits - 0.2, train, width=0.4, label=tr("training ({n:,})", n=len(y_train)), color="#4c72b0")
    ax.bar(digits + 0.2, test, width=0.4, label=tr("test ({n:,})", n=len(y_test)), color="#dd8452")
    ax.set_xticks(digits)
    ax.set_xlabel(_("digit"))
    ax.set_ylabel(_("number of images"))
    ax.set_title(_("Examples per digit in the bundled set"))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))      # beside the bars, never on them
    return fig


def draw_weights(ax, weights, title=None, colorbar=True, limit=None):
    """Draw 784 weights as a 28x28 picture: positive and negative in the palette's colours, white = 0."""
    w = np.asarray(weights, dtype=float).reshape(28, 28)
    limit = symmetric_limit(w) if limit is None else limit
    image = ax.imshow(w, cmap=weight_cmap(), vmin=-limit, vmax=limit)
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title)
    if colorbar:
        ax.figure.colorbar(image, ax=ax, shrink=0.8, label=weight_label())
    return image


def weight_picture(weights, title=None):
    """A figure of one neuron's 784 incoming weights as a 28x28 picture
    (title: default "784 weights into one neuron")."""
    fig = new_figure((5.0, 3.6))      # room for a title of ~50 characters above the 28x28 picture
    draw_weights(fig.add_subplot(), weights, title=_("784 weights into one neuron") if title is None else title)
    return fig


def draw_weight_tiles(fig, axes, weights, first=0, limit=None, fontsize=9):
    """Rows first, first+1, ... of `weights` (n_neurons, 784) as 28x28 tiles on `axes`, titled "neuron k".

    All tiles share one colour scale, symmetric around 0 (white = 0): +-limit, by
    default the largest |weight| among the tiles shown, and one colour bar. An axes
    past the last row stays blank. Returns (images, norm): set_data() on an image
    and norm.vmin/vmax redraw a new page without building the figure again.
    """
    weights = np.asarray(weights, dtype=float)
    shown = weights[first:first + len(axes)]
    limit = symmetric_limit(shown) if limit is None else limit
    images = []
    for i, ax in enumerate(axes):
        index = first + i
        image = draw_weights(ax, weights[index] if index < len(weights) else np.zeros(784), colorbar=False,
                             limit=limit)
        ax.set_title(tr("neuron {index}", index=index) if index < len(weights) else "", fontsize=fontsize)
        images.append(image)
    norm = images[0].norm
    for image in images[1:]:
        image.set_norm(norm)      # one scale: changing it recolours every tile and the colour bar
    fig.colorbar(images[0], ax=list(axes), shrink=0.8, label=weight_label())
    return images, norm


def first_layer_tiles(net_or_weights, title=None, first=0, rows=4, columns=4):
    """The 784 weights into first-layer neurons first, first+1, ... as a rows x columns grid of 28x28 tiles.

    Give a Network (its weights[0] is drawn) or any (n_neurons, 784) array; one
    colour scale for all tiles, white = 0 (video 2 ends on this picture).
    """
    weights = getattr(net_or_weights, "weights", [net_or_weights])[0]
    last = min(first + rows * columns, len(weights)) - 1
    fig = new_figure((1.45 * columns + 1.4, 1.45 * rows + 0.5))
    axes = fig.subplots(rows, columns).ravel()
    draw_weight_tiles(fig, axes, weights, first)
    fig.suptitle(title or tr("Weights into first-layer neurons {first}–{last}", first=first, last=last))
    return fig
