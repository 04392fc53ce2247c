"""Lesson 04: backpropagation calculus. Nudge a weight, watch the cost and dC/dw.

Two widgets, each showing a derivative computed two independent ways:
- chain_explorer(): a chain of single neurons a(0) -> a(1) -> a(2) -> a(3); every
  dC0/d(parameter) as the chain-rule product of video 4, factor by factor, beside a
  finite-difference nudge.
- network_nudger(): the full 784-16-16-10 network on one bundled digit; nudge any
  single weight or bias by Delta and compare backpropagation, finite differences,
  and the real change of the cost with its linear prediction dC/dw * Delta.

Controls, layout and drawing only: the numbers come from helpers.backprop and helpers.nudge.
"""

import ipywidgets
import numpy as np
from matplotlib.patches import Circle, Rectangle

from ..backprop import (
    EPS,
    chain_cost,
    chain_rule_terms,
    check_chain,
    dependency_path,
    moved_parameter,
    nudge_parameter,
    path_factors,
    straight_line_verdict,
)
from ..core.data import load_digits, load_trained_network
from ..core.languages import N_, _, tr
from ..core.network import Network
from ..plots.backprop import PATH_COLOR, ChainTree
from ..plots.palette import negative_color, positive_color, sign_words, symmetric_limit, weight_cmap
from ._core import FigureImage, LessonWidget, dropdown, int_slider, number, readout, signed, slider, toggle

__all__ = ["chain_explorer", "network_nudger"]

SLIDER_WIDTH = "236px"     # three columns of sliders fit a notebook 860 px wide; narrower pages wrap them


# ----- the chain of single neurons ---------------------------------------------------

class ChainExplorer(LessonWidget):
    """Sliders for every weight, bias, the input and the target of a chain of single neurons.

    Two pictures: the chain itself (neurons shaded by activation, the weights on the arrows) with
    each neuron's z, a and b written under it and the cost beside it as page text (HTML: a slider
    move rewrites a few numbers instead of drawing eleven figure texts), and video 4's tree with the
    moved slider's path lit. Each of the tree's paths is drawn once and kept (`redraw_scene`).
    """

    GAP = 1.7                  # distance between neighbouring neurons, in the chain picture's units
    UNIT_PX = 738 / 8.5        # pixels per unit: the neurons sit where they always did
    STRIP_LINES_PX = 46        # three lines of 12 px monospace under each neuron

    def __init__(self, length=3, weights=(1.5, -2.0, 2.5), biases=(-0.5, 1.0, -1.0), a0=0.8, y=1.0, follow="w3"):
        super().__init__()
        self.add_class("nudge-chain")
        self.length = length
        self.controls["a0"] = slider(_("input a(0)"), a0, 0, 1, 0.01, "a0", width=SLIDER_WIDTH)
        self.controls["y"] = slider(_("target y"), y, 0, 1, 0.01, "y", width=SLIDER_WIDTH)
        for i in range(1, length + 1):
            self.controls[f"w{i}"] = slider(tr("weight w({i})", i=i), weights[i - 1], -4, 4, 0.05, f"w{i}",
                                            width=SLIDER_WIDTH)
            self.controls[f"b{i}"] = slider(tr("bias b({i})", i=i), biases[i - 1], -4, 4, 0.05, f"b{i}",
                                            width=SLIDER_WIDTH)
        self.follow, self._settings = follow, None   # whose path the tree lights up
        self.cost_readout = readout("cost")
        self.table = readout("chain-table")
        self.neuron_strip = readout("chain-neurons")     # z, a, b under each neuron
        self.cost_box = readout("chain-cost-box")        # the cost, beside the chain
        self._draw_chain()
        self._draw_tree()

        def column(names):   # a column keeps its width; columns wrap under each other on a narrow page
            return ipywidgets.VBox([self.controls[n] for n in names], layout=ipywidgets.Layout(flex="0 0 auto"))

        sliders = ipywidgets.HBox([column(["a0", "y"]), column([f"w{i}" for i in range(1, length + 1)]),
                                   column([f"b{i}" for i in range(1, length + 1)])],
                                  layout=ipywidgets.Layout(flex_flow="row wrap", width="100%"))
        chain = ipywidgets.VBox([self.view.widget, self.neuron_strip], layout=ipywidgets.Layout(flex="0 0 auto"))
        picture = ipywidgets.HBox([chain, self.cost_box], layout=ipywidgets.Layout(
            flex_flow="row wrap", align_items="center"))
        self.children = [sliders, picture, self.tree_title, self.tree_view.widget, self.cost_readout, self.table,
                         self.status]
        self._start()

    def _draw_chain(self):
        """The chain: circles, arrows, each neuron's name and each weight on its arrow."""
        end = self.length * self.GAP
        right = end + 0.85                                 # the grey arrow towards the cost box ends here
        width_px = round((right + 0.5) * self.UNIT_PX)
        self.view = FigureImage(figsize=(width_px / 90, 90 / 90), layout=None)
        fig = self.view.figure
        ax = fig.add_axes([0, 0, 1, 1])
        height = (right + 0.5) * 90 / width_px             # the axes' data box has the figure's aspect
        ax.set_xlim(-0.5, right)
        ax.set_ylim(-0.2, -0.2 + height)
        ax.set_aspect("equal")
        ax.set_axis_off()
        self.circles, self.edge_text = [], []
        for i in range(self.length + 1):
            x = i * self.GAP
            self.circles.append(ax.add_patch(Circle((x, 0.15), 0.3, ec="black", lw=1.5)))
            ax.text(x, 0.58, f"a({i})" + (" = a(L)" if i == self.length else ""), ha="center", fontsize=10)
            if i > 0:
                ax.annotate("", xy=(x - 0.33, 0.15), xytext=(x - self.GAP + 0.33, 0.15),
                            arrowprops={"arrowstyle": "->", "lw": 1.5})
                self.edge_text.append(ax.text(x - self.GAP / 2, 0.25, "", ha="center", fontsize=9))
        ax.annotate("", xy=(end + 0.75, 0.15), xytext=(end + 0.33, 0.15),
                    arrowprops={"arrowstyle": "->", "lw": 1.5, "color": "gray"})
        self.axes = ax
        self.view.dynamic = [*self.circles, *self.edge_text]
        # where each neuron's numbers go in the strip under the picture: centred under its circle
        self._neuron_px = [(i * self.GAP + 0.5) * self.UNIT_PX for i in range(self.length + 1)]
        self._strip_width = width_px

    def _draw_tree(self):
        """Video 4's tree of what depends on what, the followed parameter's path lit (its title is page text)."""
        self.tree_view = FigureImage(figsize=(8.2, 1.64), layout=None)
        tree_axes = self.tree_view.figure.add_axes([0.01, 0.0, 0.98, 1.0])
        self.tree = ChainTree(tree_axes, superscripts=[str(i) for i in range(self.length + 1)], fontsize=11)
        self.tree_title = readout("chain-path")   # a page text: it changes with the path only, and costs no drawing
        self.tree_title.layout.width = f"{self.tree_view.figure.canvas.get_width_height()[0]}px"
        self.tree_view.keep_base()     # the plain tree: a lit path is drawn over it, not the whole tree again
        for parameter in ("a0", "y", *(f"{kind}{i}" for i in range(1, self.length + 1) for kind in "wb")):
            path = dependency_path(parameter, self.length)     # every path drawn now (a few ms each): the first
            self.tree.highlight(path)                          # move of any slider then redraws just its labels
            self.tree_view.prepare_scene(parameter, over=self.tree.path_artists(path))

    def parameters(self):
        """(weights, biases, a0, y) as the sliders set them now."""
        c = self.controls
        w = [c[f"w{i}"].value for i in range(1, self.length + 1)]
        b = [c[f"b{i}"].value for i in range(1, self.length + 1)]
        return w, b, c["a0"].value, c["y"].value

    def update(self):
        w, b, a0, y = self.parameters()
        zs, acts, terms = chain_rule_terms(w, b, a0, y)     # once: the picture, the strip and the table share it
        checks = check_chain(w, b, a0, y)
        cost = chain_cost(w, b, a0, y)

        self.values = {"cost": cost, "z": zs, "a": acts}
        for name, check in checks.items():
            self.values[f"dC/d{name}"] = check.chain_rule
            self.values[f"backprop {name}"] = check.backprop
            self.values[f"finite difference {name}"] = check.finite_difference
            self.values[f"agree {name}"] = check.agree
        self.values["saturated"] = [i for i in range(1, self.length + 1) if terms[f"w{i}"].saturated]
        rows = [(name, term, checks[name].finite_difference) for name, term in terms.items()]

        # the picture: shades follow the activations, as in the videos (0 black, 1 white)
        for i, circle in enumerate(self.circles):
            circle.set_facecolor(str(acts[i]))
            circle.set_edgecolor("#b00000" if i in self.values["saturated"] else "black")
        for i, label in enumerate(self.edge_text):
            label.set_text(f"w({i + 1}) = {signed(w[i], 2)}")
            label.set_color(positive_color() if w[i] >= 0 else negative_color())
        self.neuron_strip.value = self._strip_html(zs, acts, b)
        self.cost_box.value = self._cost_box_html(acts[-1], y, cost)
        self.view.redraw()

        settings = {name: control.value for name, control in self.controls.items()}
        moved = moved_parameter(self._settings, settings)
        self._settings = settings
        self._light_path(moved or self.follow, w, b, a0, y)

        self.cost_readout.value = tr("<b>cost</b> C<sub>0</sub> = (a<sup>(L)</sup> − y)<sup>2</sup> = "
                                     "<span class='nudge-chain-cost'>{cost:.8f}</span>", cost=cost)
        self.table.value = self._table_html(rows)

    def _strip_html(self, zs, acts, b):
        """Each neuron's z, a and b, centred under its circle (the page draws text faster than the figure)."""
        cells = []
        for i, x in enumerate(self._neuron_px):
            left = max(x - 60, 0.0)
            lines = ([f"a = {acts[i]:.4f}"] if i == 0 else
                     [f"z = {signed(zs[i - 1], 3)}", f"a = {acts[i]:.4f}", f"b = {signed(b[i - 1], 2)}"])
            cells.append(f"<div class='nudge-chain-neuron-{i}' style='position:absolute;top:0;left:{left:.0f}px;"
                         f"width:{2 * (x - left):.0f}px;text-align:center'>{'<br>'.join(lines)}</div>")
        return (f"<div style='position:relative;width:{self._strip_width}px;height:{self.STRIP_LINES_PX}px;"
                f"font-family:monospace;font-size:12px;line-height:15px'>{''.join(cells)}</div>")

    @staticmethod
    def _cost_box_html(output, y, cost):
        return ("<div style='font-family:monospace;font-size:12px;line-height:15px;white-space:pre;"
                "background:#fff6d5;border:1px solid #b58900;border-radius:6px;padding:4px 8px;margin:0 0 30px 0'>"
                f"C0 = (a(L) - y)²\n   = ({output:.4f} - {y:.2f})²\n   = {cost:.6f}</div>")

    def _light_path(self, parameter, w, b, a0, y):
        """Light up `parameter`'s path in the tree, each edge labelled with its factor.

        Each path's picture is drawn once and kept (`redraw_scene`): after that only the lit edges'
        labels change with a slider.
        """
        factors = path_factors(parameter, w, b, a0, y)
        path = dependency_path(parameter, self.length)
        self.follow = parameter
        self.tree_view.dynamic = [self.tree.labels[edge] for edge in factors]
        self.tree.highlight(path, {edge: self._factor_text(edge, value) for edge, value in factors.items()})
        product = float(np.prod(list(factors.values())))
        self.values["path"], self.values["path product"] = path, product
        symbol = {"a0": "a(0)", "y": "y"}.get(parameter, f"{parameter[0]}({parameter[1:]})")
        title = tr("Lit: the path of {symbol}, the slider moved last. The product of its factors is ∂C0/∂{symbol}.",
                   symbol=symbol)
        self.tree_title.value = f"<div style='text-align:center;color:{PATH_COLOR};font-size:13px'>{title}</div>"
        self.tree_view.redraw_scene(parameter, over=self.tree.path_artists(path))

    @staticmethod
    def _factor_text(edge, value):
        source, target = edge
        if target == "C0":
            return f"{'-' if source == 'y' else ''}2(a-y) = {signed(value, 3)}"
        if target[0] == "a":
            return f"σ′ = {number(value, 4)}"
        if source[0] == "a":
            return f"w = {signed(value, 2)}"
        return "1" if source[0] == "b" else f"a = {number(value, 3)}"

    def _table_html(self, rows):
        head = _("<tr><th>parameter</th><th>∂z/∂p</th><th>σ′(z)</th><th>∂C₀/∂a</th>"
                 "<th>chain rule: product</th><th>finite difference</th><th>agree?</th></tr>")
        saturated = _(" <i>(saturated: σ′ tiny)</i>")
        body = []
        for name, term, fd in rows:
            i = int(name[1:])
            symbol = f"{name[0]}<sup>({i})</sup>"
            dz = f"a<sup>({i - 1})</sup> = {term.dz_dp:.4f}" if name[0] == "w" else "1"
            ok = self.values[f"agree {name}"]
            note = saturated if term.saturated else ""
            body.append(
                f"<tr class='nudge-row-{name}'><td>{symbol}</td><td>{dz}</td><td>{term.sigma_prime:.6f}{note}</td>"
                f"<td>{signed(term.dC_da, 6)}</td><td class='nudge-bp-{name}'>{signed(term.value, 10)}</td>"
                f"<td class='nudge-fd-{name}'>{signed(fd, 10)}</td><td>{'✔' if ok else '✘'}</td></tr>")
        message = ""
        if self.values["saturated"]:
            layers = ", ".join(f"a({i})" for i in self.values["saturated"])
            message = tr("<p style='color:#b00000'>Neuron {layers}: |z| is large, so σ′(z) is tiny and every "
                         "derivative through it is close to zero. Both columns agree: the neuron has almost "
                         "stopped learning. That is a lesson about sigmoids, not a bug.</p>", layers=layers)
        style = "border-collapse:collapse;font-family:monospace;font-size:12px"
        # a page narrower than the table scrolls it sideways instead of cutting it
        return (f"<div style='overflow-x:auto'><table style='{style}' cellpadding='3' border='1'>{head}"
                f"{''.join(body)}</table></div>"
                + tr("<p>∂C₀/∂p = ∂z/∂p · σ′(z) · ∂C₀/∂a. Finite difference: (C₀(p + ε) − C₀(p − ε)) / 2ε "
                     "with ε = {eps:g}.</p>", eps=EPS) + message)


def chain_explorer(**kwargs):
    """Lesson 04: a chain of single neurons; every derivative by the chain rule and by a nudge."""
    return ChainExplorer(**kwargs)


# ----- the full network --------------------------------------------------------------

class NetworkNudger(LessonWidget):
    """Pick one parameter of the 784-16-16-10 network, nudge it by Delta, compare the derivatives."""

    LAYER_NAMES = {0: N_("layer 1 (input → hidden 1)"), 1: N_("layer 2 (hidden 1 → hidden 2)"),
                   2: N_("layer 3 (hidden 2 → output)")}     # shown with _()

    def __init__(self, network="trained", digit=0, layer=2, j=None, k=0, parameter="weight"):
        super().__init__()
        self.add_class("nudge-nudger")
        _train, (self.X, self.y) = load_digits()
        # the names are the dropdown's values (English, code compares them); its labels are translated
        self.networks = {N_("trained"): load_trained_network(),
                         N_("untrained (seed 0)"): Network([784, 16, 16, 10], seed=0)}
        c = self.controls
        c["network"] = dropdown(_("network"), [(_(name), name) for name in self.networks], network, "network",
                                width=SLIDER_WIDTH)
        c["digit"] = int_slider(_("test digit"), digit, 0, len(self.X) - 1, "digit", width=SLIDER_WIDTH)
        c["layer"] = dropdown(_("layer"), [(_(v), l) for l, v in self.LAYER_NAMES.items()], layer, "layer",
                              width=SLIDER_WIDTH)
        c["parameter"] = toggle(_("nudge a"), [(_("weight"), "weight"), (_("bias"), "bias")], parameter, "parameter",
                                button_width="70px")
        c["j"] = int_slider(_("neuron j"), 0, 0, 9, "j", width=SLIDER_WIDTH)
        c["k"] = int_slider(_("input k"), k, 0, 15, "k", width=SLIDER_WIDTH)
        c["delta"] = slider(_("Δ (nudge)"), 0.0, -3, 3, 0.01, "delta", width=SLIDER_WIDTH)
        self._limit_indices()
        if j is None:
            j = int(self.y[digit])       # by default the output neuron of the right answer
        c["j"].value = min(j, c["j"].max)
        c["k"].value = min(k, c["k"].max)
        self.readouts = {name: readout(f"nudger-{name}") for name in ("cost", "prediction", "derivatives", "linear")}
        self.view = FigureImage(figsize=(8.2, 3.4))
        self._build_figure()
        # controls keep their width; the readouts take the rest of the row, or go below it on a narrow page
        left = ipywidgets.VBox([c["network"], c["digit"], c["layer"], c["parameter"], c["j"], c["k"], c["delta"]],
                               layout=ipywidgets.Layout(flex="0 0 auto", width="300px"))
        right = ipywidgets.VBox(list(self.readouts.values()), layout=ipywidgets.Layout(flex="1 1 300px",
                                                                                       min_width="300px"))
        self.children = [ipywidgets.HBox([left, right], layout=ipywidgets.Layout(flex_flow="row wrap", width="100%")),
                         self.view.widget, self.status]
        c["layer"].observe(lambda change: self._limit_indices(), names="value")
        self._start()

    def _limit_indices(self):
        layer = self.controls["layer"].value
        n_out, n_in = self.networks["trained"].weights[layer].shape
        self.controls["j"].max = n_out - 1
        self.controls["k"].max = n_in - 1

    def _build_figure(self):
        fig = self.view.figure
        self.grad_axes = fig.add_axes([0.02, 0.06, 0.39, 0.8])
        self.bias_axes = fig.add_axes([0.43, 0.06, 0.03, 0.8])
        colorbar_axes = fig.add_axes([0.48, 0.06, 0.012, 0.8])
        self.out_axes = fig.add_axes([0.705, 0.15, 0.285, 0.66])
        self.grad_image = self.grad_axes.imshow(np.zeros((16, 16)), cmap=weight_cmap(), interpolation="nearest")
        self.bias_image = self.bias_axes.imshow(np.zeros((16, 1)), cmap=weight_cmap(), interpolation="nearest",
                                                aspect="auto")
        negative, positive = sign_words()
        fig.colorbar(self.grad_image, cax=colorbar_axes,
                     label=tr("∂C/∂p ({positive} +, {negative} −)", positive=positive, negative=negative))
        # thin borders between the 16 tiles of layer 1 (hidden for the other layers)
        self.tile_borders = [self.grad_axes.axhline(28 * i - 0.5, color="#bbbbbb", lw=0.6) for i in (1, 2, 3)]
        self.tile_borders += [self.grad_axes.axvline(28 * i - 0.5, color="#bbbbbb", lw=0.6) for i in (1, 2, 3)]
        self.marker = self.grad_axes.add_patch(Rectangle((0, 0), 1, 1, fill=False, ec="black", lw=2))
        self.bias_marker = self.bias_axes.add_patch(Rectangle((0, 0), 1, 1, fill=False, ec="black", lw=2))
        for ax in (self.grad_axes, self.bias_axes):
            ax.set_xticks([])
            ax.set_yticks([])
        self.bias_axes.set_title("∂C/∂b", fontsize=9)
        self.bars = list(self.out_axes.bar(np.arange(10), np.zeros(10), color="#8c8c8c"))
        self.base_line, = self.out_axes.plot(np.arange(10), np.zeros(10), "_", ms=14, mew=2, color="black")
        self.out_axes.set_xticks(np.arange(10))
        self.out_axes.set_ylim(0, 1.05)
        self.out_axes.set_xlabel(_("output neuron (digit)"))
        self.out_axes.set_ylabel(_("activation"))
        # drawn in this order on every move; frames and borders go over the images they surround
        self.view.dynamic = [self.grad_image, self.bias_image, *self.tile_borders,
                             *self.grad_axes.spines.values(), *self.bias_axes.spines.values(),
                             self.marker, self.bias_marker, *self.bars, self.base_line]
        self._scene, self._needs_full_redraw = None, True

    def chosen(self):
        """(network, layer, j, k or None for a bias, delta) as the controls say."""
        c = self.controls
        k = c["k"].value if c["parameter"].value == "weight" else None
        return self.networks[c["network"].value], c["layer"].value, c["j"].value, k, c["delta"].value

    def update(self):
        net, layer, j, k, delta = self.chosen()
        self.controls["k"].disabled = k is None        # a bias has no input k
        digit = self.controls["digit"].value
        nudge = nudge_parameter(net, self.X[digit], int(self.y[digit]), layer, j, k, delta)
        prediction, output, label = nudge.prediction, nudge.outputs, nudge.label
        change, linear = nudge.cost_change, nudge.linear_prediction(delta)
        self.values = {"cost": nudge.cost, "cost_before": nudge.cost_before, "prediction": prediction,
                       "confidence": float(output[prediction]), "label": label, "backprop": nudge.backprop,
                       "finite_difference": nudge.finite_difference, "agree": nudge.agree,
                       "slope_at_start": nudge.slope_at_start, "cost_change": change, "linear_prediction": linear,
                       "outputs": output, "gradient_w": nudge.gradient_w, "gradient_b": nudge.gradient_b}
        name = (f"w<sub>{j},{k}</sub>" if k is not None else f"b<sub>{j}</sub>") + f"<sup>({layer + 1})</sup>"
        r = self.readouts
        r["cost"].value = tr("<b>cost</b> C = <span class='nudger-cost-value'>{cost:.8f}</span> "
                             "(before the nudge {before:.8f})", cost=nudge.cost, before=nudge.cost_before)
        verdict = _("right") if prediction == label else _("wrong")
        r["prediction"].value = tr("<b>prediction</b> {prediction} with activation {activation:.4f}; "
                                   "the label is {label} ({verdict})", prediction=prediction,
                                   activation=output[prediction], label=label, verdict=verdict)
        r["derivatives"].value = tr(
            "<b>∂C/∂{name}</b> here: backprop <span class='nudger-bp'>{backprop}</span> · "
            "finite difference <span class='nudger-fd'>{finite_difference}</span> {agreement}", name=name,
            backprop=signed(nudge.backprop, 10), finite_difference=signed(nudge.finite_difference, 10),
            agreement=_("✔ agree") if nudge.agree else _("✘ differ"))
        note = self.LINEAR_NOTES[straight_line_verdict(change, linear, delta)]
        r["linear"].value = tr("<b>C(p+Δ) − C(p)</b> = {change} &nbsp; vs &nbsp; "
                               "<b>∂C/∂p · Δ</b> = {slope} × {delta} = {linear}{note}", change=signed(change, 8),
                               slope=signed(nudge.slope_at_start, 8), delta=signed(delta, 2), linear=signed(linear, 8),
                               note=_(note))
        scene = (self.controls["network"].value, digit, layer)
        if scene != self._scene:       # new network, digit or layer: new axes, titles and colour scale
            self._scene = scene
            self._draw_scene(nudge.gradient_w_before, nudge.gradient_b_before, layer, label)
        self._draw(nudge.gradient_w, nudge.gradient_b, layer, j, k, output, nudge.outputs_before, label)
        self.view.redraw(full=self._needs_full_redraw)
        self._needs_full_redraw = False

    LINEAR_NOTES = {     # shown with _()
        "no nudge": N_("<br><i>Move Δ: for small nudges the two agree.</i>"),
        "agree": N_("<br><i>They agree: for a small nudge the cost changes like a straight line.</i>"),
        "part ways": N_("<br><i>They part ways: the slope itself changes as p moves (the cost curves), so the "
                        "straight-line prediction only holds for small Δ.</i>"),
    }

    @staticmethod
    def _layer_picture(grad, layer):
        """Layer 1's 16 rows of 784 become 16 tiles of 28x28, 4 by 4; other layers stay matrices."""
        if layer == 0:
            return grad.reshape(4, 4, 28, 28).transpose(0, 2, 1, 3).reshape(112, 112)
        return grad

    def _draw_scene(self, base_grad, base_grad_b, layer, label):
        """What stays put while only Delta, j or k move: shapes, titles, tile borders, colour scale.

        The colour scale comes from the gradient before any nudge, so colours keep their meaning
        while Delta moves (larger values saturate).
        """
        picture = self._layer_picture(base_grad, layer)
        limit = symmetric_limit(np.concatenate([base_grad.ravel(), base_grad_b.ravel()]))
        for image, shape in ((self.grad_image, picture.shape), (self.bias_image, (base_grad_b.size, 1))):
            image.set_data(np.zeros(shape))
            image.set_extent((-0.5, shape[1] - 0.5, shape[0] - 0.5, -0.5))
            image.set_clim(-limit, limit)
            image.set_cmap(weight_cmap())
        self.grad_axes.set_xlim(-0.5, picture.shape[1] - 0.5)
        self.grad_axes.set_ylim(picture.shape[0] - 0.5, -0.5)
        self.bias_axes.set_ylim(base_grad_b.size - 0.5, -0.5)
        self.grad_axes.set_title(_("∂C/∂w, layer 1: a 28×28 tile per neuron j") if layer == 0 else
                                 tr("∂C/∂w, layer {layer}: row j (to), column k (from)", layer=layer + 1), fontsize=9)
        for border in self.tile_borders:
            border.set_visible(layer == 0)
        # no legend box over the bars: the title says what the marks are (right-aligned, inside the figure)
        self.out_axes.set_title(tr("bars: outputs after the nudge (dark: label {label})\nblack marks: before the nudge",
                                   label=label), fontsize=9, loc="right")
        for digit, bar in enumerate(self.bars):
            bar.set_color("#3b3b3b" if digit == label else "#b3b3b3")
        self._needs_full_redraw = True

    def _draw(self, grad, grad_b, layer, j, k, output, base_output, label):
        """What moves with every nudge: the gradient images, the frame, the output bars."""
        self.grad_image.set_data(self._layer_picture(grad, layer))
        self.bias_image.set_data(grad_b[:, np.newaxis])
        if layer == 0:
            x = (j % 4) * 28 + (k % 28 if k is not None else 0)
            y = (j // 4) * 28 + (k // 28 if k is not None else 0)
        else:
            x, y = (k if k is not None else 0), j
        self.marker.set_visible(k is not None)
        self.marker.set_xy((x - 0.5, y - 0.5))
        self.bias_marker.set_visible(k is None)
        self.bias_marker.set_xy((-0.5, j - 0.5))
        for digit, bar in enumerate(self.bars):
            bar.set_height(output[digit])
        self.base_line.set_ydata(base_output)


def network_nudger(**kwargs):
    """Lesson 04: nudge one weight or bias of the real network and compare every derivative."""
    return NetworkNudger(**kwargs)
