"""Lesson 03 (what backpropagation is really doing): static drawings.

Every "wish" drawn here is -1/2 times a derivative of ONE example's cost
C_x = sum_j (a_j - y_j)^2 (helpers/wishes.py computes them and explains the 1/2):
green (the palette's positive colour) = the wish is to go up, red = to go down.
"""

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ..core.languages import _, tr
from ._core import new_figure
from .palette import negative_color, positive_color, sign_words, symmetric_limit, weight_cmap

__all__ = ["three_levers", "wishes_by_layer", "wish_table_plot", "one_example_vs_average", "minibatch_directions_plot"]

BAR_GREY = "#9a9a9a"
ONE_COLOR, AVERAGE_COLOR = "#cc79a7", "#4c72b0"     # a step on the one example / on the average


def _signed_bars(ax, values, positions=None, width=0.7):
    """Bars coloured by sign: positive colour up, negative colour down, a black zero line."""
    positions = np.arange(len(values)) if positions is None else positions
    colours = [positive_color() if v >= 0 else negative_color() for v in values]
    bars = ax.bar(positions, values, width=width, color=colours)
    ax.axhline(0, color="black", linewidth=0.8)
    return bars


def _sign_legend(fig, up, down):
    """The colour key of the signs, below the panels (a legend inside an axes would cover bars)."""
    fig.legend(handles=[Patch(color=positive_color(), label=up), Patch(color=negative_color(), label=down)],
               loc="outside lower center", ncol=2, fontsize=9, frameon=False)


def three_levers(levers):
    """The three levers on one output neuron j, from `lever_wishes(net, x, label)`.

    Left: the activations a_k of the layer before. Middle: the wished change of each
    weight w_jk, a_k sigma'(z_j)(y_j - a_j): the same shape as the left panel, scaled,
    so the brightest neurons' weights should change most. Right: the wished change of
    each previous activation, w_jk sigma'(z_j)(y_j - a_j): it follows the weights.
    The bias's wish sigma'(z_j)(y_j - a_j) is in the title.
    """
    j = levers["neuron"]
    k = np.arange(len(levers["previous_activations"]))
    fig = new_figure((8.4, 3.7))
    left, middle, right = fig.subplots(1, 3)
    left.bar(k, levers["previous_activations"], width=0.7, color=BAR_GREY)
    left.set_ylim(0, 1.05)
    left.set_title(_("how bright each neuron $k$\nof the layer before is: $a_k$"), fontsize=9.5)
    left.set_ylabel(_("activation $a_k$"))
    _signed_bars(middle, levers["weights"])
    middle.set_title(tr("lever 2, each weight $w_{{{j}k}}$:\n$a_k\\,\\sigma'(z_{j})\\,(y_{j}-a_{j})$", j=j),
                     fontsize=9.5)
    middle.set_ylabel(_("wish for the weight"))
    _signed_bars(right, levers["previous"])
    right.set_title(tr("lever 3, each activation $a_k$:\n$w_{{{j}k}}\\,\\sigma'(z_{j})\\,(y_{j}-a_{j})$", j=j),
                    fontsize=9.5)
    right.set_ylabel(_("wish for the activation"))
    for ax in (left, middle, right):
        ax.set_xlabel(_("neuron $k$ (last hidden layer)"), fontsize=9)
        ax.set_xticks(k[::3])
        ax.tick_params(labelsize=9)
    _sign_legend(fig, _("wish: increase (brighter)"), _("wish: decrease (dimmer)"))
    fig.suptitle(tr("Output neuron {j} wants to move by $y_{j}-a_{j}$ = {wish:+.3f}.\n"
                    "Lever 1, its bias: wished change $\\sigma'(z_{j})(y_{j}-a_{j})$ = {bias:+.4f}",
                    j=j, wish=levers["output_wish"], bias=levers["bias"]),
                 fontsize=10.5)
    return fig


def wishes_by_layer(wishes, x=None):
    """The backward pass as pictures: every layer's wishes, from `layer_wishes(net, x, label)`.

    wishes[L] = y - a (the outputs), then each layer before it:
    wishes[l] = W^T (sigma'(z) * wishes[l+1]); the last panel shows the pixels' wishes
    as a 28x28 picture (we cannot change the pixels: the chain stops there).
    """
    fig = new_figure((8.4, 3.5))
    axes = fig.subplots(1, 4, width_ratios=[1.0, 1.15, 1.15, 1.0])
    titles = [_("1. the outputs'\nwishes $y_j - a_j$"),
              _("2. last hidden layer\n(summed from 1.)"),
              _("3. first hidden layer\n(summed from 2.)"),
              _("4. the pixels (we\ncannot change them)")]
    for panel, l in enumerate(range(len(wishes) - 1, 0, -1)):
        ax = axes[panel]
        _signed_bars(ax, wishes[l])
        ax.set_title(titles[panel], fontsize=9.5)
        ax.set_xlabel(_("output neuron (digit)") if l == len(wishes) - 1 else _("neuron"), fontsize=9)
        ax.set_xticks(np.arange(len(wishes[l]))[:: 1 if len(wishes[l]) <= 10 else 5])
        ax.tick_params(labelsize=9)
        limit = 1.1 * symmetric_limit(wishes[l])
        ax.set_ylim(-limit, limit)
    axes[0].set_ylabel(_("wish of each neuron"))
    pixels = np.reshape(wishes[0], (28, 28))
    limit = symmetric_limit(pixels)
    image = axes[3].imshow(pixels, cmap=weight_cmap(), vmin=-limit, vmax=limit)
    if x is not None:     # the digit's outline, so the wishes have a place
        axes[3].contour(np.reshape(x, (28, 28)), levels=[0.5], colors="#555555", linewidths=0.6)
    axes[3].set_xticks([])
    axes[3].set_yticks([])
    axes[3].set_title(titles[3], fontsize=9.5)
    colorbar = fig.colorbar(image, ax=axes[3], location="bottom", shrink=0.9, pad=0.03)
    colorbar.ax.tick_params(labelsize=9)
    colorbar.locator = MaxNLocator(3, symmetric=True)
    colorbar.update_ticks()
    negative, positive = sign_words()
    _sign_legend(fig, tr("wish: brighter ({colour})", colour=positive), tr("wish: dimmer ({colour})", colour=negative))
    fig.suptitle(_("Wishes travel backwards: each layer's wishes are summed from the layer after it"), fontsize=10.5)
    return fig


def _parameter_label(name):
    """("w", 3, 2, 1) -> $w^{(3)}_{2,1}$; ("b", 3, 2) -> $b^{(3)}_{2}$ (layers counted as in the videos)."""
    if name[0] == "w":
        return f"$w^{{({name[1]})}}_{{{name[2]},{name[3]}}}$"
    return f"$b^{{({name[1]})}}_{{{name[2]}}}$"


def wish_table_plot(table):
    """V3's table of wishes, from `wishes.wish_table(...)`: one row per weight or bias, one column per example
    (its wished nudge for that parameter), "⋯" for the examples not shown, and the last column the average
    over all of them. Cells are coloured by sign (the palette's positive colour: up) and size, on one scale.
    """
    wishes, average = np.asarray(table["wishes"]), np.asarray(table["average"])
    rows, columns = wishes.shape
    grid = np.full((rows, columns + 2), np.nan)
    grid[:, :columns] = wishes
    grid[:, -1] = average
    limit = symmetric_limit(wishes)
    fig = new_figure((8.2, 0.42 * rows + 2.1))
    ax = fig.add_subplot()
    image = ax.imshow(grid, cmap=weight_cmap(), vmin=-limit, vmax=limit, aspect="auto")
    for i in range(rows):
        for j in list(range(columns)) + [columns + 1]:
            value = grid[i, j]
            dark = abs(value) > 0.55 * limit
            shown = f"{value:+.4f}" if abs(value) >= 5e-5 else "≈ 0"
            ax.text(j, i, shown, ha="center", va="center", fontsize=9, family="monospace",
                    color="white" if dark else "black")
        ax.text(columns, i, "⋯", ha="center", va="center", fontsize=11)
    ax.axvline(columns + 0.5, color="black", lw=1.5)
    ax.set_yticks(range(rows), [_parameter_label(name) for name in table["parameters"]], fontsize=10)
    heads = [tr("#{index}: a {label}", index=index, label=label) for index, label in table["examples"]]
    heads += ["⋯", tr("average of\nall {n:,}", n=table["n"])]
    ax.set_xticks(range(columns + 2), heads, fontsize=9)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    ax.set_xlabel(_("training example (its wished nudge for each weight and bias)"), fontsize=9)
    ax.xaxis.set_label_position("top")
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    bar = fig.colorbar(image, ax=ax, shrink=0.85, pad=0.02)
    up, down = sign_words()[1], sign_words()[0]
    bar.set_label(tr("wished nudge ({up}: up, {down}: down)", up=up, down=down), fontsize=9)
    bar.ax.tick_params(labelsize=8)
    fig.suptitle(_("Every example wishes a nudge for every weight and bias; gradient descent uses their average, "
                   "row by row"), fontsize=10)
    return fig


def one_example_vs_average(effects):
    """One gradient step along ONE example's wishes vs along the average, from `one_step_effects(...)`.

    Left: how many test digits get each answer: before, after a step of size
    effects["shown"] on the one example, after the same-size step on the average.
    Right: test accuracy and the share of test digits called the example's label,
    against the step size, for both directions.
    """
    label, shown = effects["label"], effects["shown"]
    fig = new_figure((8.4, 3.9))
    left, right = fig.subplots(1, 2)
    digits = np.arange(10)
    for offset, key, colour in ((-0.27, "counts_before", BAR_GREY), (0.0, "counts_one", ONE_COLOR),
                                (0.27, "counts_average", AVERAGE_COLOR)):
        left.bar(digits + offset, effects[key], width=0.27, color=colour)
    left.set_xticks(digits)
    left.set_xlabel(_("the network's answer"))
    left.set_ylabel(_("number of test digits"))
    left.set_title(tr("answers on the {n:,} test digits\nafter one step of size η = {shown:g}",
                      n=int(effects["counts_before"].sum()), shown=shown), fontsize=10)
    steps = effects["steps"]
    for name, colour in (("one", ONE_COLOR), ("average", AVERAGE_COLOR)):
        right.plot(steps, effects[f"{name}_accuracy"], color=colour, linewidth=2)
        right.plot(steps, effects[f"{name}_called"], color=colour, linewidth=1.5, linestyle="--")
    right.axvline(shown, color="#888888", linewidth=0.8, linestyle=":")
    right.set_ylim(0, 1.02)
    right.set_xlabel(_("step size η"))
    right.set_ylabel(_("fraction of test digits"))
    right.set_title(tr("one step, two directions\n(dotted line: η = {shown:g}, the step on the left)", shown=shown),
                    fontsize=10)
    # One key for both panels, below them: colours say which step, line styles what is measured.
    fig.legend(handles=[Patch(color=BAR_GREY, label=_("before the step")),
                        Patch(color=ONE_COLOR, label=tr("a step on the one {label}", label=label)),
                        Patch(color=AVERAGE_COLOR, label=_("a step on the average")),
                        Line2D([], [], color="#555555", linewidth=2, label=_("accuracy (right)")),
                        Line2D([], [], color="#555555", linewidth=1.5, linestyle="--",
                               label=tr("share called {label} (right)", label=label))],
               loc="outside lower center", ncol=3, fontsize=9, frameon=False)
    return fig


def minibatch_directions_plot(cosines):
    """Cosine between mini-batch gradients and the full gradient, from `minibatch_directions(...)`.

    One dot per random mini-batch (spread sideways a little so they do not hide each
    other), a black bar at each batch size's mean; 1 means exactly the full-batch direction.
    """
    fig = new_figure((6.5, 3.4))
    ax = fig.add_subplot()
    rng = np.random.default_rng(0)   # the sideways spread only
    for size, values in cosines.items():
        spread = size * np.exp(rng.uniform(-0.12, 0.12, len(values)))
        ax.scatter(spread, values, s=12, color="#4c72b0", alpha=0.6)
        ax.plot([size / 1.4, size * 1.4], [values.mean()] * 2, color="black", linewidth=2)
    ax.axhline(1.0, color="#888888", linestyle="--", linewidth=1)
    ax.axhline(0.0, color="#888888", linewidth=0.8)
    ax.set_xscale("log")
    ax.set_xticks(list(cosines), [f"{s:,}" for s in cosines])
    lowest = min(float(np.min(v)) for v in cosines.values())
    ax.set_ylim(min(-0.05, lowest - 0.05), 1.05)
    ax.set_xlabel(_("mini-batch size (log scale)"))
    ax.set_ylabel(_("cosine with the full gradient"))
    ax.set_title(_("How well a mini-batch's downhill direction matches the full batch's"), fontsize=10)
    ax.legend(handles=[Line2D([], [], color="#4c72b0", marker="o", linestyle="none", alpha=0.6,
                              label=_("one mini-batch")),
                       Line2D([], [], color="black", linewidth=2, label=_("mean")),
                       Line2D([], [], color="#888888", linestyle="--", label=_("same direction (cos = 1)"))],
              fontsize=8, loc="lower right")
    return fig
