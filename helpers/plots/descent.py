"""Lesson 02 (gradient descent): plots.

Each function returns a matplotlib Figure (built without pyplot) that Jupyter shows.
The numbers come from the numbers layer (`helpers.descent`, `helpers.descent`,
`helpers.evaluation`); this module only draws them.

A network's "confidence" below is the activation of its brightest output neuron,
a number in (0, 1). It is not a probability: the ten outputs need not add up to 1.
"""

import numpy as np
from matplotlib.colors import LogNorm

from ..core.evaluation import confusion_counts
from ..core.languages import _, tr
from ..descent import DIVERGENCE_BOUND, SURFACE, Walk1D, cost_1d, example_costs, one_hot, partial_slices
from ._core import new_figure
from .digits import GREY
from .palette import negative_color, positive_color

__all__ = ["example_cost", "cost_per_example", "five_descents", "partial_derivatives", "nudge_column",
           "learning_curve", "confusion_matrix", "mistake_gallery", "noise_outputs"]

OUTPUT_COLOR = "#4c72b0"      # the network's ten outputs
ANSWER_COLOR = "#dd8452"      # its answer (the brightest output)
TARGET_COLOR = "black"        # the one-hot target
# The widest figure, in inches at 100 dpi: 820 px, so that Jupyter's tight bounding box
# (0.1 inch of padding each side) still shows it within 840 px.
WIDTH = 8.2


def _output_bars(ax, outputs, label, title, legend=True):
    """Ten output activations as bars, the one-hot target as outlined boxes."""
    digits = np.arange(10)
    colors = [ANSWER_COLOR if d == np.argmax(outputs) else OUTPUT_COLOR for d in digits]
    ax.bar(digits, outputs, color=colors, width=0.7)
    if label is not None:
        ax.bar(digits, one_hot([label])[0], fill=False, edgecolor=TARGET_COLOR, width=0.9, lw=1.2)
    ax.set_xticks(digits)
    ax.set_ylim(0, 1.08)
    ax.set_xlabel(_("output neuron $j$ (digit)"))
    ax.set_ylabel(_("activation $a_j$"))
    ax.set_title(title, fontsize=10)


def example_cost(x, label, networks):
    """One digit and, for each network in `networks` ({name: Network}), its ten outputs against the
    one-hot target, titled with the cost of this example, sum_j (a_j - y_j)^2."""
    fig = new_figure((WIDTH, 3.4))
    grid = fig.add_gridspec(1, 1 + len(networks), width_ratios=[0.6] + [1.0] * len(networks))
    ax = fig.add_subplot(grid[0])
    ax.imshow(np.reshape(x, (28, 28)), cmap=GREY, vmin=0, vmax=1)
    ax.set_title(tr("the input: a {label}", label=label), fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])
    target = one_hot([label])[0]
    for i, (name, net) in enumerate(networks.items(), start=1):
        outputs = net.forward(x)
        cost = float(np.sum((outputs - target) ** 2))
        ax = fig.add_subplot(grid[i])
        _output_bars(ax, outputs, label, tr("{name}: cost = {cost:.3f}", name=name, cost=cost))
    fig.suptitle(tr("The cost of one example, $\\Sigma_j\\,(a_j - y_j)^2$: the squared distance between outputs and "
                    "target\nbars: the ten outputs $a_j$ (orange: the answer); black outline: the target $y_j$ "
                    "(1 for a {label})", label=label),
                 fontsize=10)
    return fig


def cost_per_example(networks, X, y):
    """Histograms of the per-example costs of each network on (X, y), with their average marked.

    The average of these costs is the cost over the set, C = (1/n) sum_x C_x.
    """
    fig = new_figure((8, 3.6))
    ax = fig.add_subplot()
    colors = ["#c44e52", "#4c72b0", "#55a868", "#8172b2"]
    bins = np.logspace(-5, np.log10(10.0), 61)   # a cost lies in [0, 10]; tiny ones land in the first bin
    for (name, net), color in zip(networks.items(), colors):
        costs = example_costs(net, X, y)
        ax.hist(np.clip(costs, bins[0], bins[-1]), bins=bins, alpha=0.55, color=color,
                label=tr("{name}: average $C$ = {average:.3f}", name=name, average=costs.mean()))
        ax.axvline(costs.mean(), color=color, lw=2, ls="--")
    ax.set_xscale("log")
    ax.set_xlabel(_("cost of one example, $C_x = \\Sigma_j\\,(a_j - y_j)^2$ (log scale)"))
    ax.set_ylabel(_("number of training digits"))
    ax.set_title(tr("Costs of the {n:,} training digits one by one (dashed line: their average)", n=len(X)),
                 fontsize=10)
    ax.legend(fontsize=9, loc="upper left")
    return fig


FIVE_RUNS = ((2.0, 0.05), (-2.0, 0.05), (2.0, 0.1), (2.0, 0.15), (2.0, 0.2))


def five_descents(runs=FIVE_RUNS, steps=300):
    """Small multiples: gradient descent on C(w) = w^4 - 3w^2 + w + 3 from each (start, learning rate),
    `steps` steps each (fewer if it diverges); three panels a row, the last cell holds the key."""
    columns = 3
    rows = (len(runs) + 1 + columns - 1) // columns        # one more cell for the key
    fig = new_figure((WIDTH, 2.75 * rows + 0.4))
    axes = fig.subplots(rows, columns, sharex=True, sharey=True, squeeze=False).ravel()
    grid = np.linspace(-2.3, 2.3, 300)
    for ax, (start, rate) in zip(axes, runs):
        walk = Walk1D(start, rate).step(steps)
        status = walk.status()
        path = np.array(walk.path)
        path = path[np.abs(path) <= DIVERGENCE_BOUND]
        ax.plot(grid, cost_1d(grid), color="#333333", lw=1.2)
        ax.plot(path, cost_1d(path), "-o", color=OUTPUT_COLOR, lw=0.7, ms=3, alpha=0.7)
        ax.plot([start], [cost_1d(start)], "o", color="white", mec="black", ms=7)
        if status == "diverged":
            verdict = tr("diverged after {steps} steps", steps=walk.steps)
        elif status == "bouncing (not settling)":
            low, high = walk.bounce_between()
            verdict = tr("bouncing between {low:.3f} and {high:.3f}", low=low, high=high)
        else:
            ax.plot([walk.w], [cost_1d(walk.w)], "o", color=ANSWER_COLOR, mec="black", ms=9)
            verdict = tr("{status}: $w$ = {w:.3f}", status=_(status), w=walk.w)
        ax.set_xlim(-2.3, 2.3)
        ax.set_ylim(-1.5, 12)
        ax.set_title(tr("$w_0$ = {start:g}, $\\eta$ = {rate:g}\n{verdict}", start=start, rate=rate, verdict=verdict),
                     fontsize=9)
    for ax in axes[:len(runs)]:
        ax.set_xlabel("$w$")
        ax.set_ylabel("$C(w)$")
        ax.label_outer()
    key = axes[len(runs)]
    key.set_axis_off()
    key.plot([], [], color="#333333", lw=1.2, label="$C(w) = w^4 - 3w^2 + w + 3$")
    key.plot([], [], "-o", color=OUTPUT_COLOR, lw=0.7, ms=3, label=_("the steps taken"))
    key.plot([], [], "o", color="white", mec="black", ms=7, label=_("start $w_0$"))
    key.plot([], [], "o", color=ANSWER_COLOR, mec="black", ms=9, label=_("where it settled"))
    key.legend(loc="center", fontsize=9, frameon=False,
               title=tr("{steps} steps each\n(fewer if it diverges)", steps=steps), title_fontsize=9)
    for ax in axes[len(runs) + 1:]:
        ax.set_axis_off()
    fig.suptitle(_("Five runs of gradient descent: the start and the step size decide the ending"), fontsize=10)
    return fig


X_SLICE_COLOR = "#c44e52"     # the slice along x (y held still)
Y_SLICE_COLOR = "#8172b2"     # the slice along y (x held still)


def partial_derivatives(point=(0.5, 1.0)):
    """What a partial derivative is, on lesson 02's surface: two slices through one point and their slopes.

    Left: the contour map of C(x, y) with the point and the two lines through it (y held still;
    x held still). Middle: C along the first line, a curve of x alone, with its tangent at the
    point: its slope is dC/dx. Right: the same along the second line: its slope is dC/dy.
    The numbers come from `descent.partial_slices(point)`.
    """
    cut = partial_slices(point)
    (x0, y0), c0 = cut["point"], cut["cost"]
    fig = new_figure((WIDTH, 3.5))
    grid = fig.add_gridspec(1, 3, width_ratios=[1.15, 1, 1])
    ax = fig.add_subplot(grid[0])
    xs = np.linspace(*SURFACE.X_RANGE, 160)
    ys = np.linspace(*SURFACE.Y_RANGE, 140)
    X, Y = np.meshgrid(xs, ys)
    Z = SURFACE.cost(X, Y)
    levels = np.quantile(Z, np.linspace(0, 1, 18) ** 2)
    ax.contourf(X, Y, Z, levels=levels, cmap="Blues_r")
    ax.contour(X, Y, Z, levels=levels, colors="white", linewidths=0.4)
    ax.axhline(y0, color=X_SLICE_COLOR, lw=2)
    ax.axvline(x0, color=Y_SLICE_COLOR, lw=2, ls="--")
    ax.plot([x0], [y0], "o", color="white", mec="black", ms=8)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.set_title(tr("the map of $C(x, y)$ and two lines\nthrough the point ({x:g}, {y:g})", x=x0, y=y0),
                 fontsize=9)
    for place, axis, name, color, held, fixed in ((grid[1], "x", "x", X_SLICE_COLOR, "y", y0),
                                                  (grid[2], "y", "y", Y_SLICE_COLOR, "x", x0)):
        ax = fig.add_subplot(place)
        part = cut[axis]
        t, t0, slope = part["t"], (x0 if axis == "x" else y0), part["slope"]
        ax.plot(t, part["cost"], color=color, lw=2, ls="-" if axis == "x" else "--")
        half = 0.35
        ax.plot([t0 - half, t0 + half], [c0 - half * slope, c0 + half * slope], color="black", lw=1.3)
        ax.plot([t0], [c0], "o", color="white", mec="black", ms=8)
        ax.set_xlabel(f"${name}$")
        ax.set_ylabel(tr("$C$ with ${held}$ held at {value:g}", held=held, value=fixed), fontsize=9)
        ax.set_title(tr("only ${name}$ moves: slope $\\partial C/\\partial {name}$ = {slope:+.2f}", name=name,
                        slope=slope), fontsize=9)
    fig.suptitle(_("A partial derivative is the slope of $C$ along one input, every other input held still "
                   "(black: the tangent)"), fontsize=10)
    return fig


def _parameter_label(name):
    """("w", 1, 0, 2) -> $w^{(1)}_{0,2}$; ("b", 3, 9) -> $b^{(3)}_{9}$ (layers counted as in the videos)."""
    if name[0] == "w":
        return f"$w^{{({name[1]})}}_{{{name[2]},{name[3]}}}$"
    return f"$b^{{({name[1]})}}_{{{name[2]}}}$"


def nudge_column(rows, n_params):
    """Video 2's picture of the negative gradient: the column of all weights and biases, and beside it the
    column -grad C, one nudge per parameter; a few rows shown (from `descent.nudge_column`), "⋮" for the rest.

    Each nudge also gets a bar: its length is |-dC/dp| on a scale shared by all rows (which nudges matter
    more), its colour the direction (the palette's positive colour: up; negative colour: down).
    """
    lines = []                        # ("gap", None) or ("row", row)
    for row in rows:
        if row["gap_before"]:
            lines.append(("gap", None))
        lines.append(("row", row))
    if rows and rows[-1]["position"] < n_params:
        lines.append(("gap", None))
    height = 0.34 * len(lines) + 1.5
    fig = new_figure((WIDTH, height))
    ax = fig.add_subplot()
    ax.set_axis_off()
    n = len(lines)
    ax.set_xlim(0, 10)
    ax.set_ylim(n + 0.1, -1.3)
    largest = max((abs(r["nudge"]) for r in rows), default=0.0) or 1.0
    columns = {"name": 0.9, "value": 3.1, "nudge": 5.6, "bar": 6.5, "rank": 9.9}
    ax.text(columns["value"], -0.8, tr("all {n:,} weights\nand biases", n=n_params), ha="center", va="center",
            fontsize=9, fontweight="bold")
    ax.text(columns["nudge"], -0.8, _("$-\\nabla C$: the nudge\nfor each"), ha="center", va="center", fontsize=9,
            fontweight="bold")
    ax.text(columns["bar"] + 1.4, -0.8, _("size of the nudge\n(longer: matters more)"), ha="center", va="center",
            fontsize=9)
    ax.text(columns["rank"], -0.8, _("rank by\nsize"), ha="right", va="center", fontsize=9)
    for i, (kind, row) in enumerate(lines):
        if kind == "gap":
            for x in (columns["value"], columns["nudge"]):
                ax.text(x, i, "⋮", ha="center", va="center", fontsize=11)
            continue
        ax.text(columns["name"], i, _parameter_label(row["name"]), ha="center", va="center", fontsize=10)
        ax.text(columns["value"], i, f"{row['value']:+.3f}", ha="center", va="center", fontsize=10,
                family="monospace")
        ax.text(columns["nudge"], i, f"{row['nudge']:+.4f}", ha="center", va="center", fontsize=10,
                family="monospace")
        length = 2.8 * abs(row["nudge"]) / largest
        color = positive_color() if row["nudge"] > 0 else negative_color()
        ax.barh(i, length, left=columns["bar"], height=0.55, color=color)
        rank = f"{row['rank']:,}" if row["nudge"] != 0 else _("tied (0)")
        ax.text(columns["rank"], i, rank, ha="right", va="center", fontsize=9)
    for x0 in (columns["value"], columns["nudge"]):       # a bracket on each side of both columns
        for side in (-1, 1):
            edge = x0 + side * 0.85
            ax.plot([edge, edge], [-0.35, n - 0.65], color="black", lw=1.2)
            for y in (-0.35, n - 0.65):
                ax.plot([edge, edge - side * 0.18], [y, y], color="black", lw=1.2)
    fig.suptitle(tr("The negative gradient $-\\nabla C$ is a column of {n:,} nudges, one beside each weight and "
                    "bias\n(green bar: push it up; red: push it down; a few of the {n:,} rows shown)", n=n_params),
                 fontsize=10)
    return fig


def learning_curve(history, title=None):
    """Training cost (left axis) and test accuracy (right axis) after each epoch of a `Network.train` history.

    title: default "Training the 784-16-16-10 network on the 8,000 bundled digits" (in the lesson's language).
    """
    if title is None:
        title = _("Training the 784-16-16-10 network on the 8,000 bundled digits")
    fig = new_figure((7.5, 3.9))
    ax = fig.add_subplot()
    epochs = history["epoch"]
    cost_line, = ax.plot(epochs, history["train_cost"], "-o", ms=3, color="#c44e52", label=_("training cost"))
    ax.set_xlabel(_("epoch (one pass over the training digits)"))
    ax.set_ylabel(_("training cost $C$ (average over 8,000)"), color="#c44e52")
    ax.tick_params(axis="y", colors="#c44e52")
    ax.set_ylim(bottom=0)
    right = ax.twinx()
    accuracy = [np.nan if a is None else 100 * a for a in history["test_accuracy"]]
    acc_line, = right.plot(epochs, accuracy, "-s", ms=3, color="#4c72b0", label=_("test accuracy"))
    right.set_ylabel(_("test accuracy (%) on 2,000 unseen digits"), color="#4c72b0")
    right.tick_params(axis="y", colors="#4c72b0")
    right.set_ylim(min(50, np.nanmin(accuracy) - 5) if np.any(np.isfinite(accuracy)) else 0, 100)
    # Outside the axes: inside, a legend would sit on one of the two curves in some run.
    fig.legend(handles=[cost_line, acc_line], loc="outside lower center", ncol=2, fontsize=9, frameon=False)
    ax.set_title(title, fontsize=10)
    return fig


def confusion_matrix(net, X, y):
    """The confusion matrix of `net` on (X, y): every cell annotated with its count."""
    counts = confusion_counts(y, net.predict(X))
    fig = new_figure((6.4, 5.4))
    ax = fig.add_subplot()
    # Log colours: the diagonal holds hundreds, the mistakes a handful; zero stays white.
    shown = np.where(counts > 0, counts, np.nan)
    image = ax.imshow(shown, cmap="Blues", norm=LogNorm(vmin=1, vmax=max(2, counts.max())))
    for i in range(10):
        for j in range(10):
            if counts[i, j]:
                dark = counts[i, j] > np.sqrt(counts.max())
                ax.text(j, i, str(counts[i, j]), ha="center", va="center", fontsize=8,
                        color="white" if dark else "black")
    ax.set_xticks(range(10))
    ax.set_yticks(range(10))
    ax.set_xlabel(_("the network's answer"))
    ax.set_ylabel(_("true label"))
    accuracy = np.trace(counts) / counts.sum()
    ax.set_title(tr("Confusion matrix on {n:,} test digits ({accuracy:.1%} on the diagonal)", n=int(counts.sum()),
                    accuracy=accuracy), fontsize=10)
    fig.colorbar(image, ax=ax, shrink=0.8, label=_("number of test digits (log scale; blank = 0)"))
    return fig


def mistake_gallery(net, X, y, n=16, columns=8):
    """The network's `n` most confident mistakes on (X, y): image, true label, answer and confidence."""
    outputs = net.forward(X)
    answers = np.argmax(outputs, axis=1)
    confidence = outputs[np.arange(len(X)), answers]
    wrong = np.flatnonzero(answers != np.asarray(y))
    wrong = wrong[np.argsort(-confidence[wrong], kind="stable")][:n]
    rows = max(1, int(np.ceil(len(wrong) / columns)))
    fig = new_figure((min(WIDTH, 1.05 * columns), 1.45 * rows + 0.5))
    axes = fig.subplots(rows, columns, squeeze=False)
    for ax in axes.flat:
        ax.set_axis_off()
    for ax, i in zip(axes.flat, wrong):
        ax.imshow(np.reshape(X[i], (28, 28)), cmap=GREY, vmin=0, vmax=1)
        ax.set_title(tr("true {label} · net {answer}\nconfidence {confidence:.2f}", label=y[i], answer=answers[i],
                        confidence=confidence[i]), fontsize=7, color="#b00000")
    fig.suptitle(tr("The {shown} most confident mistakes among {n:,} test digits ({mistakes} mistakes in all)",
                    shown=len(wrong), n=len(X), mistakes=np.sum(answers != np.asarray(y))), fontsize=10)
    return fig


def noise_outputs(net, images):
    """Each image (e.g. random noise) above the network's ten output activations and its answer."""
    images = np.atleast_2d(images)
    outputs = net.forward(images)
    fig = new_figure((min(WIDTH, 1.64 * len(images)), 4.0))
    grid = fig.add_gridspec(2, len(images), height_ratios=[1, 1])
    for i, (image, out) in enumerate(zip(images, outputs)):
        ax = fig.add_subplot(grid[0, i])
        ax.imshow(np.reshape(image, (28, 28)), cmap=GREY, vmin=0, vmax=1)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(tr("noise image {number}", number=i + 1), fontsize=9)
        ax = fig.add_subplot(grid[1, i])
        answer = int(np.argmax(out))
        _output_bars(ax, out, None, tr("answer {answer}\nconfidence {confidence:.2f}", answer=answer,
                                       confidence=out[answer]))
        ax.title.set_fontsize(9)
        ax.set_xticks(range(0, 10, 3))
        ax.set_xlabel(_("output neuron $j$"))
        if i:
            ax.set_ylabel("")
            ax.set_yticklabels([])
    fig.suptitle(_("Random noise in, a digit out: the network has no way to say \"none of these\""), fontsize=10)
    return fig
