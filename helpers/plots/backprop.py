"""Lesson 04: backpropagation calculus, static drawings."""

import numpy as np

from ..core.activations import sigmoid, sigmoid_prime
from ..core.gradcheck import numerical_partial
from ..core.languages import _, tr
from ._core import new_figure

__all__ = ["sigmoid_and_derivative", "finite_difference_error", "dependency_tree", "branching_tree", "ChainTree",
           "chain_factor_texts"]


def sigmoid_and_derivative():
    """sigma(z) and sigma'(z) = sigma(z)(1 - sigma(z)), with the derivative's peak 1/4 at z = 0 marked."""
    z = np.linspace(-8, 8, 400)
    fig = new_figure((7, 3))
    ax = fig.add_subplot()
    ax.plot(z, sigmoid(z), color="black", label="σ(z)")
    ax.plot(z, sigmoid_prime(z), color="#1f77b4", lw=2, label="σ′(z) = σ(z)(1 − σ(z))")
    ax.plot([0], [0.25], "o", color="#1f77b4")
    ax.annotate(_("largest slope: σ′(0) = 1/4"), xy=(0, 0.25), xytext=(1.2, 0.42),
                arrowprops={"arrowstyle": "->"})
    ax.axvspan(-8, -4.6, color="#f2d0d0", alpha=0.5, lw=0)
    ax.axvspan(4.6, 8, color="#f2d0d0", alpha=0.5, lw=0, label=_("σ′(z) < 0.01: saturated"))
    ax.set_xlim(-8, 8)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel(_("weighted input z"))
    ax.set_ylabel(_("value"))
    ax.set_title(_("The sigmoid and its derivative"))
    # below the axes, never over the curves or the shaded bands
    fig.legend(loc="outside lower center", ncols=3, fontsize=9, frameon=False)
    return fig


def finite_difference_error(net, X, y, layer=2, j=0, k=0, epsilons=None):
    """How the finite-difference estimate of one derivative approaches backprop's as eps shrinks.

    Too large an eps: the curve's bend (error ~ eps^2). Too small: rounding in the
    two nearly equal costs (error ~ 1e-16 / eps). Where they cross depends on the curve's bend;
    1e-5 sits safely between the two for the costs of these lessons.
    """
    epsilons = np.logspace(-12, 0, 49) if epsilons is None else np.asarray(epsilons)
    exact = float(net.gradient(X, y)[0][layer][j, k])
    errors = np.array([abs(numerical_partial(net, X, y, layer, j, k, eps) - exact) for eps in epsilons])
    errors = np.maximum(errors, 1e-18)        # an exact match would vanish from a log axis
    fig = new_figure((6.5, 3.2))
    ax = fig.add_subplot()
    ax.loglog(epsilons, errors, "o-", ms=3, color="black")
    ax.axvline(1e-5, color="#1f77b4", ls="--", label=_("ε = 1e-5 (what we use)"))
    ax.set_xlabel(_("nudge size ε"))
    ax.set_ylabel(_("|finite difference − backprop|"))
    ax.set_title(tr("One derivative, $\\partial C/\\partial w_{{{j},{k}}}$ of layer {layer}: "
                    "error of the finite difference", j=j, k=k, layer=layer + 1))
    ax.legend()
    return fig


# ----- video 4's dependency tree ----------------------------------------------------------

PATH_COLOR = "#6a3d9a"     # the highlighted path: purple, apart from the weight colours of either palette
IDLE_COLOR = "#9a9a9a"


class ChainTree:
    """Video 4's tree of what depends on what, for a chain of single neurons, drawn into one Axes.

    Nodes are named as in helpers.backprop ("a0", "w1", "b1", "z1", "a1", ..., "C0", "y");
    `highlight(path, factors)` colours the path a nudge travels (helpers.backprop.dependency_path)
    and writes each edge's factor of the chain rule beside it.
    """

    def __init__(self, ax, superscripts=("0", "1", "2", "3"), fontsize=11, label_size=9):
        self.ax, self.length = ax, len(superscripts) - 1
        self.nodes, self.edges, self.labels, self.positions = {}, {}, {}, {}
        step = 1.25
        x = 0.0
        self._node("a0", (x, 0), rf"$a^{{({superscripts[0]})}}$", fontsize)
        for i in range(1, self.length + 1):
            s = superscripts[i]
            x += step
            self._node(f"w{i}", (x, 0.95), rf"$w^{{({s})}}$", fontsize, parameter=True)
            self._node(f"b{i}", (x, -0.95), rf"$b^{{({s})}}$", fontsize, parameter=True)
            self._node(f"z{i}", (x, 0), rf"$z^{{({s})}}$", fontsize)
            x += step
            self._node(f"a{i}", (x, 0), rf"$a^{{({s})}}$", fontsize)
            for source in (f"a{i - 1}", f"w{i}", f"b{i}"):
                self._edge(source, f"z{i}", label_size)
            self._edge(f"z{i}", f"a{i}", label_size)
        x += step
        self._node("y", (x, -0.95), "$y$", fontsize, parameter=True)
        self._node("C0", (x, 0), "$C_0$", fontsize)
        self._edge(f"a{self.length}", "C0", label_size)
        self._edge("y", "C0", label_size)
        ax.set_xlim(-0.45, x + 0.45)
        ax.set_ylim(-1.3, 1.3)
        ax.set_axis_off()
        self.highlight([])

    def _node(self, name, xy, text, fontsize, parameter=False):
        self.positions[name] = xy
        self.nodes[name] = self.ax.text(*xy, text, ha="center", va="center", fontsize=fontsize, zorder=3,
                                        bbox={"boxstyle": "round,pad=0.3", "fc": "#f3f3f3" if parameter else "white",
                                              "ec": IDLE_COLOR, "lw": 1})

    def _edge(self, source, target, label_size):
        arrow = self.ax.annotate("", xy=self.positions[target], xytext=self.positions[source], zorder=2,
                                 arrowprops={"arrowstyle": "-|>", "color": IDLE_COLOR, "lw": 1,
                                             "shrinkA": 11, "shrinkB": 11})
        (x0, y0), (x1, y1) = self.positions[source], self.positions[target]
        if y0 == y1:                        # along the main line: the factor sits above the arrow
            where, align = ((x0 + x1) / 2, y0 + 0.3), {"ha": "center", "va": "bottom"}
        else:                               # from a parameter above or below: left of the arrow
            where, align = (x0 - 0.08, (y0 + y1) / 2 + (0.12 if y0 > 0 else -0.12)), {"ha": "right", "va": "center"}
        self.edges[(source, target)] = arrow
        self.labels[(source, target)] = self.ax.text(*where, "", fontsize=label_size, color=PATH_COLOR,
                                                     zorder=4, **align)

    def highlight(self, path, factors=None):
        """Colour the edges and nodes along `path` (a list of node names); label its edges with `factors`."""
        on_path = set(zip(path[:-1], path[1:]))
        factors = factors or {}
        for edge, arrow in self.edges.items():
            lit = edge in on_path
            arrow.arrow_patch.set_color(PATH_COLOR if lit else IDLE_COLOR)
            arrow.arrow_patch.set_linewidth(2.2 if lit else 1)
            self.labels[edge].set_text(factors.get(edge, "") if lit else "")
        for name, text in self.nodes.items():
            box = text.get_bbox_patch()
            box.set_edgecolor(PATH_COLOR if name in path else IDLE_COLOR)
            box.set_linewidth(2 if name in path else 1)
        return on_path

    def path_artists(self, path):
        """The arrows, then the nodes, along `path`: what `highlight(path)` changes from the plain tree, in the
        order a full drawing draws them (a widget draws just these over the plain tree)."""
        on_path = list(zip(path[:-1], path[1:]))
        return [self.edges[edge] for edge in on_path if edge in self.edges] + [self.nodes[name] for name in path]

    def artists(self):
        """Everything `highlight` changes, for a widget's redraw list."""
        return [*self.edges.values(), *self.nodes.values(), *self.labels.values()]


def chain_factor_texts(path, superscripts=("0", "1", "2", "3")):
    """The chain rule's factor on each edge of `path`, written as a derivative: {(source, target): text}."""
    def sup(name):
        return superscripts[int(name[1:])] if name[1:].isdigit() else ""

    texts = {}
    for source, target in zip(path[:-1], path[1:]):
        if target == "C0":
            texts[(source, target)] = (r"$\partial C_0/\partial y$" if source == "y"
                                       else rf"$\partial C_0/\partial a^{{({sup(source)})}}$")
        else:
            texts[(source, target)] = (rf"$\partial {target[0]}^{{({sup(target)})}}"
                                       rf"/\partial {source[0]}^{{({sup(source)})}}$")
    return texts


def dependency_tree():
    """Video 4's tree for the last two layers of a chain: what a nudge of w^(L) moves on its way to C0.

    The highlighted path w^(L) -> z^(L) -> a^(L) -> C0 carries the three factors of
    dC0/dw^(L); a^(L-1) itself hangs on the same tree one layer back, so the rule repeats.
    """
    fig = new_figure((7.6, 2.5))
    ax = fig.add_subplot()
    names = ("L-2", "L-1", "L")
    tree = ChainTree(ax, superscripts=names, fontsize=13, label_size=11)
    path = ["w2", "z2", "a2", "C0"]
    tree.highlight(path, chain_factor_texts(path, names))
    ax.set_title(_(r"What depends on what: a nudge to $w^{(L)}$ reaches $C_0$ through $z^{(L)}$ and $a^{(L)}$"),
                 fontsize=11)
    return fig


def branching_tree(shown=(0, 1, 2, 9)):
    """One neuron a_k^(L-1) of the last hidden layer reaches C0 through EVERY output neuron j.

    Each path a_k -> z_j -> a_j -> C0 carries w_jk, sigma'(z_j) and 2(a_j - y_j); the chain rule
    adds the paths: dC0/da_k = sum_j w_jk sigma'(z_j) 2(a_j - y_j). `shown`: the output neurons drawn
    (a gap marks the ones left out).
    """
    fig = new_figure((7.6, 3.4))
    ax = fig.add_subplot()
    ax.set_axis_off()
    rows = [*shown[:-1], None, shown[-1]] if len(shown) > 1 and shown[-1] - shown[-2] > 1 else list(shown)
    heights = np.linspace(1, -1, len(rows))
    box = {"boxstyle": "round,pad=0.3", "fc": "white", "ec": PATH_COLOR, "lw": 1.5}
    arrow = {"arrowstyle": "-|>", "color": PATH_COLOR, "lw": 1.4, "shrinkA": 13, "shrinkB": 13}
    ax.text(0, 0, r"$a_k^{(L-1)}$", ha="center", va="center", fontsize=13, bbox=box)
    ax.text(6, 0, "$C_0$", ha="center", va="center", fontsize=13, bbox=box)
    for j, h in zip(rows, heights):
        if j is None:
            ax.text(2.6, h, "⋮", ha="center", va="center", fontsize=14)
            ax.text(4.3, h, "⋮", ha="center", va="center", fontsize=14)
            continue
        ax.text(2.6, h, rf"$z_{j}^{{(L)}}$", ha="center", va="center", fontsize=12, bbox=box)
        ax.text(4.3, h, rf"$a_{j}^{{(L)}}$", ha="center", va="center", fontsize=12, bbox=box)
        ax.annotate("", xy=(2.6, h), xytext=(0.5, 0), arrowprops={**arrow, "shrinkA": 2})
        ax.annotate("", xy=(4.3, h), xytext=(2.6, h), arrowprops=arrow)
        ax.annotate("", xy=(6, 0), xytext=(4.3, h), arrowprops=arrow)
        above = h >= 0                      # the label sits on the outer side of its arrow
        ax.text(0.5 + 0.75 * 2.1, 0.75 * h + (0.06 if above else -0.06), rf"$w_{{{j}k}}$", fontsize=11,
                ha="right" if above else "left", va="bottom" if above else "top", color=PATH_COLOR)
    ax.text(3.45, -1.45, _(r"$\dfrac{\partial C_0}{\partial a_k^{(L-1)}} = \sum_j w_{jk}^{(L)}\,"
                           r"\sigma'(z_j^{(L)})\,2(a_j^{(L)} - y_j)$: one term per path"),
            ha="center", va="center", fontsize=12)
    ax.set_xlim(-0.7, 6.7)
    ax.set_ylim(-1.8, 1.3)
    ax.set_title(_("One hidden neuron reaches the cost along every output neuron"), fontsize=11)
    return fig
