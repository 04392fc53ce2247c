"""Lesson 05 (what the network really learned): figures.

Every figure says which data and which budget its numbers came from: the live
panels name the images, epochs and seed they were trained on, and the panels
drawn from data/results/*.json name the data set, budget and date of the run
that wrote the file. The first-layer weight tiles are `plots.first_layer_tiles`
(plots/digits.py), shared with lesson 02.
"""

import numpy as np
from matplotlib.ticker import MaxNLocator

from ..core.activations import sigmoid, sigmoid_prime
from ..core.languages import N_, _, tr
from ..learned import probes, results
from ..learned.probes import MOVED_WORDS
from ._core import new_figure
from .digits import GREY

__all__ = ["preparation_damage", "noise_answers", "dreams", "experiment_curves", "draw_curves", "tweak_bars",
           "saturation", "plot_label", "RUN_COLOURS", "METRIC_WORDS"]

# Colours for the runs of one experiment (Okabe-Ito, readable by colour-blind eyes;
# they never stand for positive or negative, so they do not follow the weight palette).
RUN_COLOURS = ["#000000", "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00"]
# What each metric is called, in English: show it with _(METRIC_WORDS[metric]).
METRIC_WORDS = {"test_accuracy": N_("test accuracy"), "train_accuracy": N_("training accuracy"),
                "train_cost": N_("training cost")}
# the same, short, for a legend that shows several metrics of one run: "ReLU (test)"
METRIC_SHORT = {"test_accuracy": N_("test"), "train_accuracy": N_("training"), "train_cost": N_("training")}
METRIC_STYLES = {"test_accuracy": "-", "train_accuracy": "--", "train_cost": ":"}
_PIXEL_LABEL = N_("pixel (0 black, 1 white)")


def plot_label(text):
    """A run label as plot text: n_in in math text (matplotlib would print the underscore).

    A text with Chinese in it gets the Unicode subscript instead: matplotlib draws no
    Chinese inside a text that holds $...$.
    """
    if any("\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" for c in text):
        return text.replace("n_in", "nᵢₙ")
    return text.replace("n_in", r"$n_\mathrm{in}$")


def _bare(ax):
    ax.set_xticks([])
    ax.set_yticks([])


def preparation_damage(damage):
    """Accuracy of a trained net on test digits moved off-centre or thinned (see
    probes.preparation_damage), with one example digit under each treatment."""
    fig = new_figure((8.4, 5.8))
    grid = fig.add_gridspec(2, 1, height_ratios=[1, 1.9])
    top = grid[0].subgridspec(1, len(damage["examples"]))
    for i, (label, image) in enumerate(damage["examples"].items()):
        ax = fig.add_subplot(top[i])
        ax.imshow(np.reshape(image, (28, 28)), cmap=GREY, vmin=0, vmax=1)
        ax.set_title(_(label).replace(", ", ",\n"), fontsize=9)
        ax.axvline(13.5, color="#e69f00", lw=1, alpha=0.7)   # the frame's centre line: shows the shift
        _bare(ax)
    bottom = grid[1].subgridspec(1, 2, width_ratios=[1.4, 1])
    ax = fig.add_subplot(bottom[0])
    shifts = damage["shifts"]
    for colour, (direction, accuracies) in zip(RUN_COLOURS[1:], damage["shifted"].items()):
        ax.plot(shifts, accuracies, "o-", color=colour, label=_(MOVED_WORDS[direction]))
    ax.plot(shifts, damage["recentred"], "s--", color=RUN_COLOURS[0], label=_("moved right,\nthen re-centred"))
    ax.axhline(0.1, color="grey", lw=0.8, ls=":", label=_("chance (10 %)"))
    ax.set_xlabel(_("pixels moved (no re-centring)"))
    ax.set_ylabel(_("test accuracy"))
    ax.set_ylim(0, 1)
    ax.set_xticks(shifts)
    ax.set_title(_("Digits moved off-centre"), fontsize=10)
    ax.legend(fontsize=8, loc="lower left")   # lower left: every curve starts high, at 0 pixels moved
    ax = fig.add_subplot(bottom[1])
    passes = damage["thin_passes"]
    ax.bar(np.array(passes) - 0.2, damage["thinned"], width=0.4, color=RUN_COLOURS[2], label=_("thinned"))
    ax.bar(np.array(passes) + 0.2, damage["thinned_recentred"], width=0.4, color=RUN_COLOURS[0],
           label=_("thinned, then\nprepared like MNIST"))
    ax.axhline(0.1, color="grey", lw=0.8, ls=":")
    ax.set_xticks(passes)
    ax.set_xlabel(_("erosion passes\n(each ≈ 1 pixel off every edge)"))
    ax.set_ylabel(_("test accuracy"))
    ax.set_ylim(0, 1.45)              # head room: the legend sits above the bars, never on them
    ax.set_yticks(np.linspace(0, 1, 6))
    ax.set_title(_("Strokes made thinner"), fontsize=10)
    ax.legend(fontsize=8, loc="upper center", ncol=1)
    fig.suptitle(tr("The trained 784-16-16-10 net on {n:,} bundled test digits, damaged (orange: the frame's centre)",
                    n=damage["n"]))
    return fig


def noise_answers(net, images, seed, columns=4):
    """Noise images and, under each, the ten outputs the trained network gives it (`columns` per row)."""
    outputs = net.forward(images)
    n = len(images)
    rows = int(np.ceil(n / columns))
    fig = new_figure((8.4, 3.3 * rows + 0.5))
    grid = fig.add_gridspec(2 * rows, columns, height_ratios=[1.2, 1] * rows)
    for i in range(n):
        row, column = 2 * (i // columns), i % columns
        ax = fig.add_subplot(grid[row, column])
        shown = ax.imshow(images[i].reshape(28, 28), cmap=GREY, vmin=0, vmax=1)
        _bare(ax)
        guess = int(np.argmax(outputs[i]))
        ax.set_title(tr("says “{digit}”, $a_{digit}$ = {value:.2f}", digit=guess, value=outputs[i, guess]), fontsize=9)
        ax = fig.add_subplot(grid[row + 1, column])
        colours = [RUN_COLOURS[1] if d == guess else "#bbbbbb" for d in range(10)]
        ax.bar(np.arange(10), outputs[i], color=colours)
        ax.set_ylim(0, 1)
        ax.set_xticks(range(10))
        ax.tick_params(labelsize=8)
        ax.set_xlabel(_("digit $j$"), fontsize=9)
        if column == 0:
            ax.set_ylabel(_("output $a_j$"), fontsize=9)
        else:
            ax.set_yticklabels([])
    fig.colorbar(shown, ax=fig.axes[0::2], shrink=0.6, label=_(_PIXEL_LABEL))
    fig.suptitle(tr("Uniform random noise (seed {seed}): the trained net still names a digit", seed=seed))
    return fig


def dreams(net, X, y, steps=20, step_size=0.05):
    """For each digit j, the input found by gradient ascent on a_j (probes.dream, from black),
    above the average test digit j, for comparison."""
    found = [probes.dream(net, d, steps, step_size) for d in range(10)]
    averages = probes.average_digits(X, y)
    fig = new_figure((8.4, 7.0))
    axes = fig.subplots(4, 5)
    for d, (image, trace) in enumerate(found):
        block, column = 2 * (d // 5), d % 5
        ax = axes[block, column]
        shown = ax.imshow(image.reshape(28, 28), cmap=GREY, vmin=0, vmax=1)
        ax.set_title(tr("dream of a {digit}\n$a_{digit}$ = {value:.3f}", digit=d, value=trace[-1]), fontsize=9)
        ax = axes[block + 1, column]
        ax.imshow(averages[d].reshape(28, 28), cmap=GREY, vmin=0, vmax=1)
        ax.set_title(tr("average test {digit}", digit=d), fontsize=9)
    for ax in axes.ravel():
        _bare(ax)
    fig.colorbar(shown, ax=axes.ravel().tolist(), shrink=0.6, label=_(_PIXEL_LABEL))
    fig.suptitle(tr("What the trained net 'thinks' each digit looks like: {steps} steps of gradient ascent on the\n"
                    "input (every pixel ± {step_size} per step, from black), above the average of {n:,} test digits",
                    steps=steps, step_size=step_size, n=len(X)), fontsize=11)
    return fig


def draw_curves(ax, result, metrics=None, style="-", label_suffix="", band=True):
    """Overlay every run of `result` on `ax`: the mean over seeds, and the lowest-highest
    seed as a band when there are several. Returns {label: final mean value} of the lines drawn
    (labels in the lesson's language)."""
    metrics = metrics or result["metrics"]
    shown = {}
    for colour, run in zip(RUN_COLOURS, result["runs"]):
        for metric in metrics:
            epochs, mean, low, high = results.curve(result, run, metric)
            line_style = style if len(metrics) == 1 else METRIC_STYLES[metric]
            label = _(run) if len(metrics) == 1 else tr("{run} ({metric})", run=_(run), metric=_(METRIC_SHORT[metric]))
            label += label_suffix
            ax.plot(epochs, mean, line_style, color=colour, marker="." if len(epochs) < 15 else None,
                    label=plot_label(label))
            shown[label] = float(mean[-1])
            if band and len(result["runs"][run]["histories"]) > 1:
                ax.fill_between(epochs, low, high, color=colour, alpha=0.15, lw=0)
    return shown


def _curve_axes(ax, metrics, epochs):
    ax.set_xlabel(_("epoch"))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if epochs <= 5:   # a short live run: whole epochs, not an axis zoomed onto one point
        ax.set_xlim(0.5, epochs + 0.5)
        ax.set_xticks(range(1, epochs + 1))
    ax.set_ylabel(" / ".join(_(METRIC_WORDS[m]) for m in metrics))
    if all(m.endswith("accuracy") for m in metrics):
        ax.set_ylim(0, 1)
        ax.axhline(0.1, color="grey", lw=0.8, ls=":")


def experiment_curves(live, saved=None, metrics=None):
    """Learning curves side by side: the live run (left, its budget in the title) and the
    full-size run read from data/results (right, its data set, budget and date in the title).
    One legend for both, under the panels, so it covers no curve."""
    metrics = metrics or live["metrics"]
    fig = new_figure((8.4, 4.6))
    left, right = fig.subplots(1, 2, sharey=True)
    draw_curves(left, live, metrics)
    _curve_axes(left, metrics, live["epochs"])
    left.set_title(tr("Live, small budget:\n{budget}", budget=results.budget(live)), fontsize=9)
    if saved is None:
        right.text(0.5, 0.5, tr("No results file\ndata/results/{name}.json:\nrun  python scripts/run_experiments.py",
                                name=live["experiment"]),
                   ha="center", va="center", transform=right.transAxes, fontsize=9)
        right.set_title(_("Full size: not available here"), fontsize=9)
    else:
        draw_curves(right, saved, metrics)
        right.set_title(tr("Full size, data/results/{name}.json:\n{budget}, run {date}", name=saved["experiment"],
                           budget=results.budget(saved), date=saved.get("date", "?")), fontsize=9)
    _curve_axes(right, metrics, saved["epochs"] if saved is not None else live["epochs"])
    right.set_ylabel("")
    handles, labels = left.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=2 if len(labels) > 3 else len(labels), fontsize=9)
    title, live_data = live["title"], live["data_set"]     # English, as stored; shown translated
    saved_data = live_data if saved is None else saved["data_set"]
    data = _(live_data) if saved_data == live_data else \
        tr("live: {live}; saved: {saved}", live=_(live_data), saved=_(saved_data))
    fig.suptitle(tr("{title}\n({data})", title=plot_label(_(title)), data=data), fontsize=11)
    return fig


def tweak_bars(live, saved=None, metric="test_accuracy"):
    """Final test accuracy after each cumulative tweak, live and (if present) from the results file."""
    runs = list(live["runs"])
    fig = new_figure((8.4, 4.4))
    ax = fig.add_subplot()
    y = np.arange(len(runs))
    height = 0.38 if saved is not None else 0.6
    offset = height / 2 if saved is not None else 0
    live_values = [results.final(live, r, metric) for r in runs]
    ax.barh(y - offset, live_values, height=height, color=RUN_COLOURS[1],
            label=tr("live: {budget}", budget=results.budget(live)))
    for yi, v in zip(y, live_values):
        ax.text(v + 0.002, yi - offset, f"{v:.1%}", va="center", fontsize=9)
    saved_values = []
    if saved is not None:
        saved_values = [results.final(saved, r, metric) for r in runs]
        ax.barh(y + offset, saved_values, height=height, color=RUN_COLOURS[2],
                label=tr("results file: {provenance}", provenance=results.provenance(saved)))
        for yi, v in zip(y, saved_values):
            ax.text(v + 0.002, yi + offset, f"{v:.1%}", va="center", fontsize=9)
    ax.set_yticks(y, [plot_label(_(r)) for r in runs])
    ax.invert_yaxis()
    low = min(live_values + saved_values)
    ax.set_xlim(max(0.0, np.floor((low - 0.05) * 20) / 20), 1.0)
    ax.set_xlabel(tr("{metric} after the last epoch", metric=_(METRIC_WORDS[metric])))
    ax.set_title(tr("Nielsen ch. 3's tweaks, added one at a time ({data})", data=results.data_set_name(live)),
                 fontsize=10)
    fig.legend(loc="outside lower center", ncol=1, fontsize=9, frameon=False)
    return fig


def saturation(z_outputs, edge=4.0):
    """Why an output neuron that starts with a large |z| learns slowly: the sigmoid's slope there.

    Left: sigma(z) and sigma'(z) = sigma(z)(1 - sigma(z)) for z in [-12, 12], with the
    saturated ends |z| > edge shaded (there sigma'(z) < sigma'(edge)). Right: where the
    output neurons' weighted inputs start, one histogram per network:
    z_outputs = {label: array of output z (any shape)}, e.g. {"[784, 100, 10]": zs[-1]}.
    The legend gives each network's share of outputs with |z| > edge.
    """
    fig = new_figure((8.4, 3.9))
    left, right = fig.subplots(1, 2, width_ratios=[1, 1.25])
    reach = 12.0                        # the z axis: ±reach (a wider z is drawn at the edge)
    z = np.linspace(-reach, reach, 481)
    slope_at_edge = float(sigmoid_prime(edge))
    for ax in (left, right):
        for side in (-1, 1):
            ax.axvspan(side * edge, side * reach, color="#dddddd", lw=0)
        ax.set_xlim(-reach, reach)
        ax.set_xlabel(_("weighted input $z$"))
    left.plot(z, sigmoid(z), color=RUN_COLOURS[0], label=r"$\sigma(z)$")
    left.plot(z, sigmoid_prime(z), color=RUN_COLOURS[1], lw=2, label=r"$\sigma'(z)$")
    left.set_ylim(0, 1.05)
    left.set_title(tr("grey: saturated, |z| > {edge:g}, slope below {slope:.3f}", edge=edge, slope=slope_at_edge),
                   fontsize=9)
    left.legend(fontsize=9, loc="center left")
    bins = np.linspace(-reach, reach, 49)
    shares = {}
    for colour, (label, values) in zip(RUN_COLOURS[1:], z_outputs.items()):
        values = np.ravel(values)
        shares[label] = float(np.mean(np.abs(values) > edge))
        ax_label = tr("{net}: {share:.0%} beyond ±{edge:g}", net=label, share=shares[label], edge=edge)
        right.hist(np.clip(values, -reach, reach), bins=bins, color=colour, alpha=0.55, density=True, label=ax_label)
    right.set_ylabel(_("share of outputs (density)"))
    right.set_title(_("the output neurons' z at the start"), fontsize=9)
    right.legend(fontsize=8, loc="upper left")
    fig.suptitle(_("Saturation: where the sigmoid is flat, an output hardly learns"), fontsize=11)
    fig.saturation_shares = shares      # what the legend says, for tests
    return fig
