"""Lesson 04's numbers: the chain rule on a chain of single neurons, nudging one parameter of the real network,
and backpropagation's own source shown line by line.

Lesson 04's calculus: the chain rule through a chain of single neurons, and through a layer of many.

The chain (video 4): one neuron per layer, a(0) -> a(1) -> ... -> a(L), with
    z(i) = w(i) a(i-1) + b(i),    a(i) = sigma(z(i)),    C0 = (a(L) - y)^2.
Every derivative of C0 is a product of three factors, read from the end backwards:
    dC0/dw(i) = dz(i)/dw(i) * da(i)/dz(i) * dC0/da(i) = a(i-1) * sigma'(z(i)) * dC0/da(i),
    dC0/db(i) = 1 * sigma'(z(i)) * dC0/da(i),
    dC0/da(i-1) = w(i) sigma'(z(i)) dC0/da(i)     (what carries the rule one layer back).

Here the lists are 0-based: w[i], b[i] feed neuron i + 1, and names such as "w3"
use the videos' layer numbers. Numbers only: no plotting, no widgets.

Nudge one weight or bias of a network by Delta and measure what happens (lesson 04's network nudger).

For one example (x, label) and one parameter p (weights[layer][j, k], or biases[layer][j]
when k is None):
- the cost before and after p <- p + Delta, and the ten outputs both times;
- dC/dp at the nudged point by backpropagation and by a central finite difference;
- the real change C(p + Delta) - C(p) beside the straight-line prediction dC/dp(p) * Delta,
  which agree for small Delta and part ways for large Delta, because the cost curves.
The network is always left exactly as it was. Numbers only: no plotting, no widgets.

Show Network's backpropagation to a learner: its own source, each line with the quantity it computes.

The method is found by what it holds (the lines tagged "# BP1" ... "# BP4" in helpers/core/network.py),
so no private name is used here. The notes use the videos' numbering: a^(0) is the input,
a^(L) the output (L = 3 for 784-16-16-10), and inside the loop
    weights[l] = W^(l+1),   activations[l] = a^(l),   zs[l - 1] = z^(l),
so `delta` at the top of the loop body for index l is delta^(l+1) = dC/dz^(l+1).
"""

import ast
import inspect
import math
import numbers
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .core import checks, network
from .core.activations import sigmoid
from .core.gradcheck import agrees, numerical_partial
from .core.languages import N_, _, pad, tr
from .core.network import Network

__all__ = ['EPS', 'SATURATED', 'ChainTerm', 'ChainCheck', 'HiddenDerivatives', 'chain_rule_terms', 'chain_cost',
           'chain_network', 'check_chain', 'dependency_path', 'path_factors', 'moved_parameter',
           'last_hidden_derivatives', 'Nudge', 'nudge_parameter', 'straight_line_verdict', 'NOTES', 'backprop_source',
           'annotate_backprop', 'show_backprop_code']


# ===== the chain of single neurons ===============================================================


EPS = 1e-5                 # the finite-difference nudge (CONTRIBUTING.md: how agreement is measured)
SATURATED = 0.01           # sigma'(z) below this (|z| > ~4.6): the neuron has nearly stopped learning
# The finite-difference steps that measure a slope in float64: below, p + eps rounds back to p and the
# difference is noise; above, it measures the curve's bend (the same range as gradient_check's).
EPS_RANGE = (1e-10, 1e-2)


def _check_eps(eps):
    return checks.check_number("eps", eps, *EPS_RANGE)


def _check_chain(w, b, a0, y):
    """w and b: lists of finite numbers, as long as each other (one weight and one bias per neuron, at least one);
    a0 and y: finite numbers. Nothing is converted: the chain computes with the numbers as given."""
    checks.check_numbers("w", w, example="[1.5, -2.0, 2.5]")
    checks.check_numbers("b", b, example="[-0.5, 1.0, -1.0]")
    if len(w) != len(b):
        raise ValueError(tr("w and b must have the same length, one weight and one bias per neuron of the chain; got "
                            "{n_w} weights and {n_b} biases", n_w=len(w), n_b=len(b)))
    checks.check_number("a0", a0)
    checks.check_number("y", y)


@dataclass
class ChainTerm:
    """dC0/dp = dz/dp * sigma'(z) * dC0/da for one parameter p of the chain."""
    dz_dp: float          # a(i-1) for a weight, 1 for a bias
    sigma_prime: float    # sigma'(z(i)) = a(i) (1 - a(i))
    dC_da: float          # dC0/da(i): 2(a(L) - y) for the last neuron, carried back otherwise

    @property
    def value(self):
        return self.dz_dp * self.sigma_prime * self.dC_da

    @property
    def saturated(self):
        """True when sigma'(z) is so small that every derivative through this neuron nearly vanishes."""
        return self.sigma_prime < SATURATED


def chain_rule_terms(w, b, a0, y):
    """Every derivative of C0 = (a(L) - y)^2 for a chain of single neurons, as video 4 writes it.

    w[i], b[i] feed neuron i + 1: z(i+1) = w[i] a(i) + b[i], a(i+1) = sigma(z(i+1)).
    Returns (zs, activations, terms): zs[i] = z(i+1), activations[i] = a(i) (floats),
    terms["w3"], terms["b3"], ... ChainTerm objects, named with the videos' layer numbers,
    from the last layer back to the first. w, b: lists of finite numbers of one length (at least one neuron);
    a0, y: finite numbers.
    """
    _check_chain(w, b, a0, y)
    activations, zs = [float(a0)], []
    for wi, bi in zip(w, b):
        zs.append(float(wi * activations[-1] + bi))
        activations.append(float(sigmoid(zs[-1])))
    dC_da = 2.0 * (activations[-1] - y)                     # dC0/da(L)
    terms = {}
    for i in reversed(range(len(w))):                       # from the last layer back to the first
        s = activations[i + 1] * (1.0 - activations[i + 1])  # sigma'(z(i+1))
        terms[f"w{i + 1}"] = ChainTerm(activations[i], s, dC_da)
        terms[f"b{i + 1}"] = ChainTerm(1.0, s, dC_da)
        dC_da = w[i] * s * dC_da                            # dC0/da(i) = w(i+1) sigma'(z(i+1)) dC0/da(i+1)
    return zs, activations, terms


def chain_cost(w, b, a0, y):
    """C0 = (a(L) - y)^2 of the chain."""
    return (chain_rule_terms(w, b, a0, y)[1][-1] - y) ** 2


def chain_network(w, b):
    """The same chain as a Network([1, 1, ..., 1]) (float64), so backpropagation's own code can answer too."""
    _check_chain(w, b, 0.0, 0.0)
    net = Network([1] * (len(w) + 1), seed=0)
    for i, (wi, bi) in enumerate(zip(w, b)):
        net.weights[i][0, 0], net.biases[i][0] = wi, bi
    return net


class ChainCheck(NamedTuple):
    """One parameter's dC0/dp three ways: the chain-rule product, Network's backprop, a finite difference."""
    chain_rule: float
    backprop: float
    finite_difference: float

    @property
    def agree(self):
        """The chain rule and the finite difference agree as CONTRIBUTING.md defines it."""
        return bool(agrees(self.chain_rule, self.finite_difference))


def check_chain(w, b, a0, y, eps=EPS):
    """{"w3": ChainCheck, "b3": ..., ...}: every derivative of the chain computed three independent ways.

    1e-10 <= eps <= 1e-2 (below, the nudged costs differ only by rounding; above, they measure the curve's bend).
    """
    _check_eps(eps)
    _, _, terms = chain_rule_terms(w, b, a0, y)
    net = chain_network(w, b)
    X, Y = np.array([[float(a0)]]), np.array([[float(y)]])
    grad_w, grad_b = net.gradient(X, Y)
    checks = {}
    for name, term in terms.items():
        layer = int(name[1:]) - 1
        if name[0] == "w":
            backprop, finite = grad_w[layer][0, 0], numerical_partial(net, X, Y, layer, 0, 0, eps)
        else:
            backprop, finite = grad_b[layer][0], numerical_partial(net, X, Y, layer, 0, None, eps)
        checks[name] = ChainCheck(term.value, float(backprop), float(finite))
    return checks


def dependency_path(parameter, length=3):
    """The nodes a nudge of `parameter` travels through to the cost, in video 4's dependency tree.

    "w2" -> ["w2", "z2", "a2", "z3", "a3", "C0"] for a chain of 3; "a0" starts at the input,
    "y" goes straight to the cost. The names: w1..w{length}, b1..b{length}, a0 and y.
    """
    length = checks.check_whole_number("length", length, 1, 1000)
    names = [f"{p}{i}" for i in range(1, length + 1) for p in "wb"] + ["a0", "y"]
    try:
        known = parameter in names
    except (TypeError, ValueError):          # an unhashable or array-like parameter
        known = False
    if not known:
        guess = checks.closest_name(parameter, names)
        if guess is None:
            raise ValueError(tr("no parameter {parameter!r} in a chain of {length}; use w1..w{length}, b1..b{length}, "
                                "a0 or y", parameter=parameter, length=length))
        raise ValueError(tr("no parameter {parameter!r} in a chain of {length}; use w1..w{length}, b1..b{length}, "
                            "a0 or y: did you mean {guess!r}?", parameter=parameter, length=length, guess=guess))
    if parameter == "y":
        return ["y", "C0"]
    first = 1 if parameter == "a0" else int(parameter[1:])
    path = [parameter]
    for i in range(first, length + 1):
        path += [f"z{i}", f"a{i}"]
    return path + ["C0"]


def path_factors(parameter, w, b, a0, y):
    """The chain rule's factor on every edge of `parameter`'s path: {(source, target): value}, in path order.

    Their product is dC0/d(parameter): e.g. for "w2": dz(2)/dw(2) = a(1), da(2)/dz(2) = sigma'(z(2)),
    dz(3)/da(2) = w(3), da(3)/dz(3) = sigma'(z(3)), dC0/da(3) = 2(a(3) - y).
    """
    _check_chain(w, b, a0, y)
    dependency_path(parameter, len(w))
    _, acts, _ = chain_rule_terms(w, b, a0, y)
    path = dependency_path(parameter, len(w))
    factors = {}
    for source, target in zip(path[:-1], path[1:]):
        if target == "C0":
            value = 2.0 * (acts[-1] - y) * (-1.0 if source == "y" else 1.0)
        elif target[0] == "z":
            i = int(target[1:])
            value = {"w": acts[i - 1], "b": 1.0, "a": w[i - 1]}[source[0]]
        else:                                             # z(i) -> a(i): the sigmoid's slope
            i = int(target[1:])
            value = acts[i] * (1.0 - acts[i])
        factors[(source, target)] = float(value)
    return factors


def moved_parameter(before, after):
    """The name of the first value that differs between two {name: value} dicts, or None if none does."""
    if before is None:
        return None
    return next((name for name, value in after.items() if before.get(name) != value), None)


# ----- many neurons per layer -----------------------------------------------------------

class HiddenDerivatives(NamedTuple):
    """dC0/da_k for every neuron k of the last hidden layer, two ways, for one example."""
    activation: np.ndarray   # a_k^(L-1), shape (n_hidden,)
    by_sum: np.ndarray       # sum_j w_jk sigma'(z_j) dC0/da_j   (the chain rule, summed over output neurons j)
    by_nudge: np.ndarray     # (C0(a_k + eps) - C0(a_k - eps)) / 2 eps, recomputing only the output layer

    def table(self, rows=4):
        """The first `rows` neurons as a small text table (its headings in the lesson's language)."""
        lines = [f"{'k':>3}  {'a_k':>8}  " + pad(_("sum over j"), 14, ">")
                 + "  " + pad(_("finite difference"), 18, ">")]
        for k in range(min(rows, len(self.activation))):
            lines.append(f"{k:>3}  {self.activation[k]:8.4f}  {self.by_sum[k]:+14.8f}  {self.by_nudge[k]:+18.8f}")
        return "\n".join(lines)


def last_hidden_derivatives(net, x, label, eps=EPS):
    """dC0/da_k for the last hidden layer, by the sum over output neurons j and by finite differences.

    The sum: dC0/da_k = sum_j w_jk sigma'(z_j) dC0/da_j = (W^T delta^L)_k, with delta^L the
    network's own BP1 (2(a_j - y_j) sigma'(z_j) with the videos' cost).
    The nudge: move a_k alone by +-eps, recompute the output layer and its cost.
    x: one image (n_in,); label: its digit or one-hot row. Returns HiddenDerivatives.
    1e-10 <= eps <= 1e-2.
    """
    checks.check_network(net)
    checks.check_one_example("x", x, net.sizes[0])
    _check_eps(eps)
    X, Y = net.check_batch(x, [label] if np.ndim(label) == 0 else label)
    zs, activations = net.feedforward(X)
    W, b = net.weights[-1], net.biases[-1]
    out = len(net.weights) - 1
    f = net.layer_function(out)[0]
    a_hidden = activations[-2][0]
    by_sum = (net.output_delta(zs[-1], activations[-1], Y) @ W)[0]

    def cost_from(hidden):
        z = (W @ hidden + b)[np.newaxis]
        return net.output_cost(z, f(z), Y)

    by_nudge = np.empty_like(by_sum)
    for k in range(len(a_hidden)):
        up, down = a_hidden.copy(), a_hidden.copy()
        up[k] += eps
        down[k] -= eps
        by_nudge[k] = (cost_from(up) - cost_from(down)) / (2 * eps)
    return HiddenDerivatives(a_hidden.copy(), by_sum, by_nudge)


# ===== nudging one parameter of the real network =================================================


@dataclass
class Nudge:
    """What one nudge of one parameter does (arrays are for the nudged parameter's layer)."""
    cost_before: float
    cost: float                    # after the nudge
    outputs_before: np.ndarray     # (n_out,)
    outputs: np.ndarray            # (n_out,) after the nudge
    label: int
    slope_at_start: float          # dC/dp before the nudge (backprop)
    backprop: float                # dC/dp after the nudge, by backpropagation
    finite_difference: float       # dC/dp after the nudge, by (C(p + eps) - C(p - eps)) / 2 eps
    gradient_w_before: np.ndarray  # dC/dW of the layer before the nudge, (n_out, n_in)
    gradient_b_before: np.ndarray  # dC/db of the layer before the nudge, (n_out,)
    gradient_w: np.ndarray         # the same after the nudge
    gradient_b: np.ndarray

    @property
    def prediction(self):
        return int(np.argmax(self.outputs))

    @property
    def agree(self):
        return bool(agrees(self.backprop, self.finite_difference))

    @property
    def cost_change(self):
        """C(p + Delta) - C(p): what the nudge really did."""
        return self.cost - self.cost_before

    def linear_prediction(self, delta):
        """dC/dp * Delta: what a straight line through the starting point predicts."""
        return self.slope_at_start * delta


def nudge_parameter(net, x, label, layer, j, k=None, delta=0.0, eps=EPS):
    """Nudge weights[layer][j, k] (or biases[layer][j] when k is None) by delta for one example.

    x: one image (n_in,); label: its digit. Returns a Nudge. Two forward-and-backward
    passes and two forward passes for the finite difference; the nudge is undone
    whatever happens. layer: 0 .. len(net.weights) - 1 (the index into net.weights);
    j, k: a row and a column of that matrix (j: a neuron of that layer's bias vector when k is None);
    delta: any finite number; 1e-10 <= eps <= 1e-2.
    """
    checks.check_network(net)
    checks.check_one_example("x", x, net.sizes[0])
    layer, j, k = _parameter(net, layer, j, k)
    checks.check_number("delta", delta)
    _check_eps(eps)
    X, Y = net.check_batch(x, [label])
    params = net.weights[layer] if k is not None else net.biases[layer]
    index = (j, k) if k is not None else j

    def pick(grad_w, grad_b):
        return float(grad_w[layer][j, k] if k is not None else grad_b[layer][j])

    cost_before, (before_w, before_b) = net.cost_and_gradient(X, Y)
    outputs_before = net.forward(X)[0]
    original = params[index]
    params[index] = original + delta
    try:
        cost, (grad_w, grad_b) = net.cost_and_gradient(X, Y)
        outputs = net.forward(X)[0]
        finite = numerical_partial(net, X, Y, layer, j, k, eps)
    finally:
        params[index] = original
    return Nudge(cost_before=cost_before, cost=cost, outputs_before=outputs_before, outputs=outputs,
                 label=int(np.argmax(Y[0])), slope_at_start=pick(before_w, before_b), backprop=pick(grad_w, grad_b),
                 finite_difference=float(finite), gradient_w_before=before_w[layer], gradient_b_before=before_b[layer],
                 gradient_w=grad_w[layer], gradient_b=grad_b[layer])


def _parameter(net, layer, j, k):
    """(layer, j, k) as whole numbers inside the network: layer an index into net.weights, j a row, k a column."""
    layers = len(net.weights)
    number = isinstance(layer, numbers.Real) and not isinstance(layer, bool)
    inside = number and (isinstance(layer, numbers.Integral) or math.isfinite(layer)) and 0 <= layer < layers
    if not inside:
        message = tr("layer must be one of 0..{last}, the index into net.weights (this network's layers of weights "
                     "are {layers}); got {value}", last=layers - 1, layers=list(range(layers)),
                     value=checks.describe(layer))
        raise ValueError(message) if number else TypeError(message)
    layer = checks.check_whole_number("layer", layer, 0, layers - 1)
    rows, columns = net.weights[layer].shape
    j = checks.check_whole_number("j", j, 0, rows - 1)
    if k is not None:
        k = checks.check_whole_number("k", k, 0, columns - 1)
    return layer, j, k


def straight_line_verdict(change, linear, delta, tolerance=0.05):
    """"no nudge" (Delta = 0), "agree" (within `tolerance`, relative) or "part ways"."""
    for name, value in (("change", change), ("linear", linear), ("delta", delta)):
        checks.check_number(name, value)
    checks.check_number("tolerance", tolerance, 0)
    if delta == 0:
        return "no nudge"
    if abs(change - linear) <= tolerance * max(abs(change), abs(linear)) + 1e-12:
        return "agree"
    return "part ways"


# ===== backpropagation's own source, annotated ===================================================


# (a piece of code that identifies the line, what that line computes in the videos' numbering)
# The notes are English here; show_backprop_code prints them in the lesson's language.
NOTES = [
    ("feedforward(X", N_("forward pass: zs[l] = z^(l+1), activations[l] = a^(l), a^(0) = X")),
    ("output_delta(", N_("BP1: δ^(L) = ∂C₀/∂z^(L) = 2(a^(L) − y) ⊙ σ′(z^(L)), one row per example")),
    ("1.0 / X.shape[0]", N_("÷ n: the average over the batch (section 4)")),
    ("in reversed(", N_("l = L−1, …, 1, 0: this pass handles W^(l+1) and b^(l+1); delta is δ^(l+1)")),
    ("delta.sum(axis=0)", N_("BP3: ∂C/∂b^(l+1) = δ^(l+1), summed over the rows (δ was divided by n: the mean)")),
    ("delta.T @ activations[l]",
     N_("BP4: ∂C/∂W^(l+1) = δ^(l+1) (a^(l))ᵀ, summed over the rows by one matrix product")),
    ("delta @ self.weights[l]", N_("BP2, 1st half: (W^(l+1))ᵀ δ^(l+1) = ∂C/∂a^(l), section 5's sum over j")),
    ("layer_function(l - 1)", N_("BP2, 2nd half: ⊙ σ′(z^(l)), the ∂a/∂z factor; now delta is δ^(l)")),
    ("output_cost(", N_("the cost C, from the same forward pass")),
]


def backprop_source():
    """(lines, first_line_number) of the Network method that carries the BP1-BP4 tags."""
    source = inspect.getsource(network)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef) and node.name == "Network":
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    body = ast.get_source_segment(source, item)
                    if all(f"# {tag}" in body for tag in ("BP1", "BP2", "BP3", "BP4")):
                        return inspect.getsourcelines(getattr(network.Network, item.name))
    raise LookupError("no method of Network holds all four tags # BP1 ... # BP4")


def annotate_backprop():
    """[(line_number, code, note or None)] for every line of the backpropagation method."""
    lines, first = backprop_source()
    rows, in_docstring = [], False
    for number, line in enumerate(lines, start=first):
        code = line.rstrip()
        quotes = code.count('"""')
        body = "" if in_docstring or quotes else code.split("#")[0]    # notes for code, not for the docstring
        in_docstring ^= quotes % 2 == 1
        rows.append((number, code, next((text for piece, text in NOTES if piece in body), None)))
    return rows


def show_backprop_code(notes=True):
    """Print the backpropagation method with line numbers (and under each key line, what it computes).

    Returns {"BP1": line number, ...}: where each equation is, in helpers/core/network.py.
    """
    where = {}
    for number, code, note in annotate_backprop():
        print(f"{number:4d}  {code}")
        if notes and note:
            indent = len(code) - len(code.lstrip())
            print(f"{'':4}  {'':{indent}}  ↳ {_(note)}")
        for tag in ("BP1", "BP2", "BP3", "BP4"):
            if f"# {tag}" in code:
                where.setdefault(tag, number)
    print()
    lines = "  ".join(tr("{tag}: line {number}", tag=tag, number=number) for tag, number in sorted(where.items()))
    print(tr("{lines}  of helpers/core/network.py", lines=lines))
    return where
