"""Lesson 05 (what the network really learned): plots.

Every figure says which data and which budget its numbers came from: the live
panels name the images, epochs and seed they were trained on, and the panels
drawn from data/results/*.json name the data set, budget and date of the run
that wrote the file.
"""

import numpy as np
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .. import experiments as ex
from .digits import GREY, draw_weights
from .palette import symmetric_limit, weight_cmap, weight_label

__all__ = ["first_layer_tiles", "preparation_damage", "noise_answers", "dreams", "experiment_curves",
           "tweak_bars", "RUN_COLOURS"]

# Colours for the runs of one experiment (Okabe-Ito, readable by colour-blind eyes;
# they never stand for positive or negative, so they do not follow the weight palette).
RUN_COLOURS = ["#000000", "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00"]
METRIC_WORDS = {"test_accuracy": "test accuracy", "train_accuracy": "training accuracy", "train_cost": "training cost"}
METRIC_STYLES = {"test_accuracy": "-", "train_accuracy": "--", "train_cost": ":"}


def _new_figure(figsize):
    return Figure(figsize=figsize, layout="constrained")


def draw_tiles(fig, axes, weights, first=0, title=None):
    """Draw rows first, first+1, ... of `weights` (n_hidden, 784) as 28x28 tiles on `axes`.

    All tiles share one colour scale, symmetric around 0 (white = 0), set by the
    largest |weight| among the tiles shown, and one colour bar. Returns (images, norm).
    """
    weights = np.asarray(weights, dtype=float)
    shown = weights[first:first + len(axes)]
    limit = symmetric_limit(shown)
    norm = Normalize(-limit, limit)
    images = []
    for i, ax in enumerate(axes):
        index = first + i
        if index < len(weights):
            image = draw_weights(ax, weights[index], colorbar=False, limit=limit)
            image.set_norm(norm)
            ax.set_title(f"neuron {index}", fontsize=8)
        else:
            image = ax.imshow(np.zeros((28, 28)), cmap=weight_cmap(), norm=norm)
            ax.set_xticks([])
            ax.set_yticks([])
        images.append(image)
    fig.colorbar(images[0], ax=list(axes), shrink=0.8, label=weight_label())
    if title:
        fig.suptitle(title)
    return images, norm


def first_layer_tiles(net_or_weights, title=None, first=0):
    """The 784 weights into each of 16 first-layer neurons, as a 4x4 grid of 28x28 tiles.

    Give a Network (its weights[0] is drawn) or any (n_neurons, 784) array.
    """
    weights = getattr(net_or_weights, "weights", [net_or_weights])[0]
    fig = _new_figure((7.2, 6.2))
    axes = fig.subplots(4, 4).ravel()
    title = title or f"Weights into first-layer neurons {first}–{first + 15}"
    draw_tiles(fig, axes, weights, first, title)
    return fig


def preparation_damage(damage):
    """Accuracy of a trained net on test digits moved off-centre or thinned (see
    experiments.preparation_damage), with one example digit under each treatment."""
    fig = _new_figure((11, 6.4))
    grid = fig.add_gridspec(2, 1, height_ratios=[1, 1.6])
    top = grid[0].subgridspec(1, len(damage["examples"]))
    for i, (label, image) in enumerate(damage["examples"].items()):
        ax = fig.add_subplot(top[i])
        ax.imshow(np.reshape(image, (28, 28)), cmap=GREY, vmin=0, vmax=1)
        ax.set_title(label, fontsize=8)
        ax.set_xticks([])
        ax.set_yticks([])
    bottom = grid[1].subgridspec(1, 2, width_ratios=[1.5, 1])
    ax = fig.add_subplot(bottom[0])
    shifts = damage["shifts"]
    for colour, (direction, accuracies) in zip(RUN_COLOURS[1:], damage["shifted"].items()):
        ax.plot(shifts, accuracies, "o-", color=colour, label=f"moved {direction}")
    ax.plot(shifts, damage["recentred"], "s--", color=RUN_COLOURS[0], label="moved right, then centred\nby mnist_preprocess")
    ax.axhline(0.1, color="grey", lw=0.8, ls=":", label="chance (10 %)")
    ax.set_xlabel("pixels moved (no re-centring)")
    ax.set_ylabel("test accuracy")
    ax.set_ylim(0, 1)
    ax.set_xticks(shifts)
    ax.set_title("Digits moved off-centre")
    ax.legend(fontsize=8)
    ax = fig.add_subplot(bottom[1])
    passes = damage["thin_passes"]
    ax.bar(np.array(passes) - 0.2, damage["thinned"], width=0.4, color=RUN_COLOURS[2], label="thinned")
    ax.bar(np.array(passes) + 0.2, damage["thinned_recentred"], width=0.4, color=RUN_COLOURS[0],
           label="thinned, then mnist_preprocess")
    ax.axhline(0.1, color="grey", lw=0.8, ls=":")
    ax.set_xticks(passes)
    ax.set_xlabel("erosion passes (each ≈ 1 pixel off every edge)")
    ax.set_ylabel("test accuracy")
    ax.set_ylim(0, 1)
    ax.set_title("Strokes made thinner")
    ax.legend(fontsize=8)
    fig.suptitle(f"The trained 784-16-16-10 net on {damage['n']:,} bundled test digits, damaged")
    return fig


def noise_answers(net, images, seed):
    """Noise images (top row) and the ten outputs the trained network gives each (bottom row)."""
    outputs = net.forward(images)
    n = len(images)
    fig = _new_figure((1.45 * n + 0.8, 3.6))
    axes = fig.subplots(2, n, squeeze=False)
    for i in range(n):
        ax = axes[0, i]
        shown = ax.imshow(images[i].reshape(28, 28), cmap=GREY, vmin=0, vmax=1)
        ax.set_xticks([])
        ax.set_yticks([])
        guess = int(np.argmax(outputs[i]))
        ax.set_title(f"“{guess}”, {outputs[i, guess]:.2f}", fontsize=9)
        ax = axes[1, i]
        colours = [RUN_COLOURS[1] if d == guess else "#bbbbbb" for d in range(10)]
        ax.bar(np.arange(10), outputs[i], color=colours)
        ax.set_ylim(0, 1)
        ax.set_xticks(range(10))
        ax.tick_params(labelsize=6)
        ax.set_xlabel("digit", fontsize=8)
        if i == 0:
            ax.set_ylabel("output a_j", fontsize=8)
        else:
            ax.set_yticklabels([])
    fig.colorbar(shown, ax=axes[0, :].tolist(), shrink=0.8, label="pixel (0 black, 1 white)")
    fig.suptitle(f"Uniform random noise (seed {seed}): the trained net still names a digit "
                 "(title: its answer and that output's activation)")
    return fig


def dreams(net, X, y, steps=20, step_size=0.05):
    """Top: for each digit j, the input found by gradient ascent on a_j (experiments.dream,
    from black); bottom: the average test digit j, for comparison."""
    found = [ex.dream(net, d, steps, step_size) for d in range(10)]
    averages = ex.average_digits(X, y)
    fig = _new_figure((12, 3.5))
    axes = fig.subplots(2, 10)
    for d, (image, trace) in enumerate(found):
        ax = axes[0, d]
        shown = ax.imshow(image.reshape(28, 28), cmap=GREY, vmin=0, vmax=1)
        ax.set_title(f"climbs a_{d}\nto {trace[-1]:.3f}", fontsize=8)
        ax = axes[1, d]
        ax.imshow(averages[d].reshape(28, 28), cmap=GREY, vmin=0, vmax=1)
        ax.set_title(f"average {d}", fontsize=8)
    for ax in axes.ravel():
        ax.set_xticks([])
        ax.set_yticks([])
    axes[0, 0].set_ylabel("dream", fontsize=9)
    axes[1, 0].set_ylabel("real", fontsize=9)
    fig.colorbar(shown, ax=axes.ravel().tolist(), shrink=0.8, label="pixel (0 black, 1 white)")
    fig.suptitle(f"What the trained net 'thinks' each digit looks like: {steps} steps of gradient ascent on the input\n"
                 f"(every pixel ± {step_size} per step, from black), above the average of the {len(X):,} test digits")
    return fig


def draw_curves(ax, result, metrics=None, style="-", label_suffix="", band=True):
    """Overlay every run of `result` on `ax`: the mean over seeds, and the lowest-highest
    seed as a band when there are several. Returns the list of Line2D drawn."""
    metrics = metrics or result["metrics"]
    lines = []
    for colour, run in zip(RUN_COLOURS, result["runs"]):
        for metric in metrics:
            epochs, mean, low, high = ex.curve(result, run, metric)
            words = "" if len(metrics) == 1 else f" ({METRIC_WORDS[metric].split()[0]})"
            line_style = style if len(metrics) == 1 else METRIC_STYLES[metric]
            (line,) = ax.plot(epochs, mean, line_style, color=colour, marker="." if len(epochs) < 15 else None,
                              label=f"{run}{words}{label_suffix}")
            lines.append(line)
            if band and len(result["seeds"]) > 1:
                ax.fill_between(epochs, low, high, color=colour, alpha=0.15, lw=0)
    return lines


def _curve_axes(ax, result, metrics):
    metrics = metrics or result["metrics"]
    ax.set_xlabel("epoch")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(" / ".join(METRIC_WORDS[m] for m in metrics))
    if all(m.endswith("accuracy") for m in metrics):
        ax.set_ylim(0, 1)
        ax.axhline(0.1, color="grey", lw=0.8, ls=":")


def experiment_curves(live, saved=None, metrics=None):
    """Learning curves side by side: the live run (left, its budget in the title) and the
    full-size run read from data/results (right, its data set, budget and date in the title)."""
    fig = _new_figure((12, 4.3))
    left, right = fig.subplots(1, 2, sharey=True)
    draw_curves(left, live, metrics)
    _curve_axes(left, live, metrics)
    left.set_title(f"Live, small budget: {ex.budget(live)}\n({live['data_set']})", fontsize=9)
    left.legend(fontsize=8)
    if saved is None:
        right.text(0.5, 0.5, f"No results file data/results/{live['experiment']}.json:\n"
                   "run  python scripts/run_experiments.py", ha="center", va="center", transform=right.transAxes)
        right.set_title("Full size: not available here", fontsize=9)
    else:
        draw_curves(right, saved, metrics)
        right.legend(fontsize=8)
        right.set_title(f"From data/results/{saved['experiment']}.json: {ex.budget(saved)}\n"
                        f"({saved['data_set']}; run {saved.get('date', '?')})", fontsize=9)
    _curve_axes(right, live, metrics)
    fig.suptitle(live["title"])
    return fig


def tweak_bars(live, saved=None, metric="test_accuracy"):
    """Final test accuracy after each cumulative tweak, live and (if present) from the results file."""
    runs = list(live["runs"])
    fig = _new_figure((9, 4.0))
    ax = fig.add_subplot()
    y = np.arange(len(runs))
    height = 0.38 if saved is not None else 0.6
    live_values = [ex.final(live, r, metric) for r in runs]
    ax.barh(y - (height / 2 if saved is not None else 0), live_values, height=height, color=RUN_COLOURS[1],
            label=f"live: {ex.budget(live)}")
    for yi, v in zip(y, live_values):
        ax.text(v + 0.002, yi - (height / 2 if saved is not None else 0), f"{v:.1%}", va="center", fontsize=8)
    if saved is not None:
        saved_values = [ex.final(saved, r, metric) for r in runs]
        ax.barh(y + height / 2, saved_values, height=height, color=RUN_COLOURS[2],
                label=f"results file: {ex.provenance(saved)}")
        for yi, v in zip(y, saved_values):
            ax.text(v + 0.002, yi + height / 2, f"{v:.1%}", va="center", fontsize=8)
    ax.set_yticks(y, runs)
    ax.invert_yaxis()
    low = min(live_values + ([] if saved is None else saved_values))
    ax.set_xlim(max(0.0, np.floor((low - 0.05) * 20) / 20), 1.0)
    ax.set_xlabel(f"{METRIC_WORDS[metric]} after the last epoch")
    ax.set_title(f"Nielsen ch. 3's tweaks, added one at a time ({live['data_set'].split(' (')[0]})", fontsize=10)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=1, frameon=False)
    return fig
