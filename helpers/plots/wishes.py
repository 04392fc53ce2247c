"""Lesson 03 (what backpropagation is really doing): static drawings.

Every "wish" drawn here is -1/2 times a derivative of ONE example's cost
C_0 = sum_j (a_j - y_j)^2 (helpers/wishes.py computes them and explains the 1/2):
green (the palette's positive colour) = the wish is to go up, red = to go down.
"""

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .palette import negative_color, positive_color, sign_words, symmetric_limit, weight_cmap

__all__ = ["three_levers", "wishes_by_layer", "one_example_vs_average", "minibatch_directions_plot"]

BAR_GREY = "#9a9a9a"


def _new_figure(figsize):
    return Figure(figsize=figsize, layout="constrained")


def _signed_bars(ax, values, positions=None, width=0.7):
    """Bars coloured by sign: positive colour up, negative colour down, a black zero line."""
    positions = np.arange(len(values)) if positions is None else positions
    colours = [positive_color() if v >= 0 else negative_color() for v in values]
    bars = ax.bar(positions, values, width=width, color=colours)
    ax.axhline(0, color="black", linewidth=0.8)
    return bars


def _sign_legend(ax, up, down, loc="best"):
    ax.legend(handles=[Patch(color=positive_color(), label=up), Patch(color=negative_color(), label=down)],
              fontsize=8, loc=loc)


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
    fig = _new_figure((11, 3.3))
    left, middle, right = fig.subplots(1, 3)
    left.bar(k, levers["previous_activations"], width=0.7, color=BAR_GREY)
    left.set_ylim(0, 1.05)
    left.set_title("how bright each neuron $k$ of the\nlast hidden layer is, $a_k$", fontsize=10)
    left.set_ylabel("activation $a_k$")
    _signed_bars(middle, levers["weights"])
    middle.set_title(f"lever 2: wished change of each weight\n"
                     f"$w_{{{j}k}}$:  $a_k\\,\\sigma'(z_{j})\\,(y_{j}-a_{j})$", fontsize=10)
    middle.set_ylabel("wish for the weight")
    _signed_bars(right, levers["previous"])
    right.set_title(f"lever 3: wished change of each activation\n"
                    f"$a_k$:  $w_{{{j}k}}\\,\\sigma'(z_{j})\\,(y_{j}-a_{j})$", fontsize=10)
    right.set_ylabel("wish for the activation")
    for ax in (left, middle, right):
        ax.set_xlabel("neuron $k$ of the last hidden layer")
        ax.set_xticks(k[::3])
    _sign_legend(middle, "increase", "decrease")
    _sign_legend(right, "brighter", "dimmer")
    fig.suptitle(f"Output neuron {j} wants to move by $y_{j}-a_{j}$ = {levers['output_wish']:+.3f}.  "
                 f"Lever 1, its bias: wished change $\\sigma'(z_{j})(y_{j}-a_{j})$ = {levers['bias']:+.4f}",
                 fontsize=11)
    return fig


def wishes_by_layer(wishes, x=None):
    """The backward pass as pictures: every layer's wishes, from `layer_wishes(net, x, label)`.

    wishes[L] = y - a (the outputs), then each layer before it:
    wishes[l] = W^T (sigma'(z) * wishes[l+1]); the last panel shows the pixels' wishes
    as a 28x28 picture (we cannot change the pixels: the chain stops there).
    """
    fig = _new_figure((12, 3.2))
    axes = fig.subplots(1, 4, width_ratios=[1.0, 1.2, 1.2, 0.95])
    titles = ["1. the outputs' wishes\n$y_j - a_j$",
              "2. last hidden layer\n(summed from step 1)",
              "3. first hidden layer\n(summed from step 2)",
              "4. the pixels\n(we cannot change them)"]
    for panel, l in enumerate(range(len(wishes) - 1, 0, -1)):
        ax = axes[panel]
        _signed_bars(ax, wishes[l])
        ax.set_title(titles[panel], fontsize=10)
        ax.set_xlabel("output neuron (digit)" if l == len(wishes) - 1 else "neuron")
        ax.set_xticks(np.arange(len(wishes[l]))[:: 1 if len(wishes[l]) <= 10 else 3])
        limit = 1.1 * symmetric_limit(wishes[l])
        ax.set_ylim(-limit, limit)
    axes[0].set_ylabel(r"wish $= -\frac{1}{2}\,\partial C_0/\partial a$")
    _sign_legend(axes[0], "brighter", "dimmer", loc="lower left")
    pixels = np.reshape(wishes[0], (28, 28))
    limit = symmetric_limit(pixels)
    image = axes[3].imshow(pixels, cmap=weight_cmap(), vmin=-limit, vmax=limit)
    if x is not None:     # the digit's outline, so the wishes have a place
        axes[3].contour(np.reshape(x, (28, 28)), levels=[0.5], colors="#555555", linewidths=0.6)
    axes[3].set_xticks([])
    axes[3].set_yticks([])
    axes[3].set_title(titles[3], fontsize=10)
    negative, positive = sign_words()
    fig.colorbar(image, ax=axes[3], shrink=0.85, label=f"wish ({positive} brighter, {negative} dimmer)")
    fig.suptitle("Wishes travel backwards: each layer's wishes are summed from the layer after it", fontsize=11)
    return fig


def one_example_vs_average(effects):
    """One gradient step along ONE example's wishes vs along the average, from `one_step_effects(...)`.

    Left: how many test digits get each answer: before, after a step of size
    effects["shown"] on the one example, after the same-size step on the average.
    Right: test accuracy and the share of test digits called the example's label,
    against the step size, for both directions.
    """
    label, shown = effects["label"], effects["shown"]
    fig = _new_figure((11, 3.5))
    left, right = fig.subplots(1, 2)
    digits = np.arange(10)
    for offset, key, colour, name in ((-0.27, "counts_before", BAR_GREY, "before the step"),
                                      (0.0, "counts_one", "#cc79a7", f"after a step on the one {label}"),
                                      (0.27, "counts_average", "#4c72b0", "after a step on the average")):
        left.bar(digits + offset, effects[key], width=0.27, color=colour, label=name)
    left.set_xticks(digits)
    left.set_xlabel("the network's answer")
    left.set_ylabel("number of test digits")
    left.set_title(f"answers on the {int(effects['counts_before'].sum()):,} test digits (step size η = {shown:g})",
                   fontsize=10)
    left.legend(fontsize=8)
    steps = effects["steps"]
    right.plot(steps, effects["one_accuracy"], color="#cc79a7", linewidth=2, label=f"accuracy: step on the one {label}")
    right.plot(steps, effects["one_called"], color="#cc79a7", linewidth=1.5, linestyle="--",
               label=f"share called {label}: step on the one {label}")
    right.plot(steps, effects["average_accuracy"], color="#4c72b0", linewidth=2, label="accuracy: step on the average")
    right.plot(steps, effects["average_called"], color="#4c72b0", linewidth=1.5, linestyle="--",
               label=f"share called {label}: step on the average")
    right.axvline(shown, color="#888888", linewidth=0.8, linestyle=":")
    right.set_ylim(0, 1.02)
    right.set_xlabel("step size η")
    right.set_ylabel("fraction of test digits")
    right.set_title("one step, two directions", fontsize=10)
    right.legend(fontsize=7.5, loc="center right")
    return fig


def minibatch_directions_plot(cosines):
    """Cosine between mini-batch gradients and the full gradient, from `minibatch_directions(...)`.

    One dot per random mini-batch (spread sideways a little so they do not hide each
    other), a black bar at each batch size's mean; 1 means exactly the full-batch direction.
    """
    fig = _new_figure((6.5, 3.4))
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
    ax.set_xlabel("mini-batch size (log scale)")
    ax.set_ylabel("cosine with the full gradient")
    ax.set_title("How well a mini-batch's downhill direction matches the full batch's", fontsize=10)
    ax.legend(handles=[Line2D([], [], color="#4c72b0", marker="o", linestyle="none", alpha=0.6, label="one mini-batch"),
                       Line2D([], [], color="black", linewidth=2, label="mean"),
                       Line2D([], [], color="#888888", linestyle="--", label="same direction (cos = 1)")],
              fontsize=8, loc="lower right")
    return fig
