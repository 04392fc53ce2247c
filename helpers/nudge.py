"""Nudge one weight or bias of a network by Delta and measure what happens (lesson 04's network nudger).

For one example (x, label) and one parameter p (weights[layer][j, k], or biases[layer][j]
when k is None):
- the cost before and after p <- p + Delta, and the ten outputs both times;
- dC/dp at the nudged point by backpropagation and by a central finite difference;
- the real change C(p + Delta) - C(p) beside the straight-line prediction dC/dp(p) * Delta,
  which agree for small Delta and part ways for large Delta, because the cost curves.
The network is always left exactly as it was. Numbers only: no plotting, no widgets.
"""

from dataclasses import dataclass

import numpy as np

from .chain import EPS
from .gradcheck import agrees, numerical_partial

__all__ = ["Nudge", "nudge_parameter", "straight_line_verdict"]


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
    whatever happens.
    """
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


def straight_line_verdict(change, linear, delta, tolerance=0.05):
    """"no nudge" (Delta = 0), "agree" (within `tolerance`, relative) or "part ways"."""
    if delta == 0:
        return "no nudge"
    if abs(change - linear) <= tolerance * max(abs(change), abs(linear)) + 1e-12:
        return "agree"
    return "part ways"
