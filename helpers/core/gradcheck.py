"""Checking backpropagation against an independent computation: finite differences.

For each parameter p, the central difference
    (C(p + eps) - C(p - eps)) / (2 eps)
approaches dC/dp with an error of order eps^2; it needs two forward passes per
parameter, which is why nobody trains this way, and why it makes a good referee.
"""

import numbers
import warnings

import numpy as np

from . import checks
from .languages import _, tr
from .network import Network
from .progress import progress_bar

# Below this many cost evaluations (parameters x examples) the check takes well under a second:
# no progress bar.
_QUIET_WORK = 2_000_000


# The steps eps for which finite differences over a whole network mean something, per dtype.
# float64: outside GOOD the error of the differences themselves (rounding ~1e-16 / eps below, the
# curve's bend ~eps^2 above) passes the 1e-7 that correct backpropagation is held to; outside
# USABLE the result says nothing at all (below, p + eps rounds back to p and every difference is 0).
# float32 rounds near 1e-7, so its usable steps are larger (its own warning says to use float64).
GOOD_EPS = {np.dtype(np.float64): (1e-7, 1e-3), np.dtype(np.float32): (1e-4, 1e-2)}
USABLE_EPS = {np.dtype(np.float64): (1e-10, 1e-2), np.dtype(np.float32): (1e-6, 1e-2)}


def _check_net_and_eps(net, eps):
    """The two arguments a learner may swap or mistype: the network itself and the step eps."""
    if not isinstance(net, Network):
        raise TypeError(tr("the first argument must be a Network (e.g. Network([784, 16, 16, 10])); got {kind}",
                           kind=type(net).__name__))
    checks.check_positive("eps", eps)


def _check_eps_range(net, eps):
    """A step eps outside USABLE_EPS is refused; outside GOOD_EPS it is warned about (whole-network checks only:
    lesson 04's sweep over eps calls numerical_partial with every step from 1e-12 to 1)."""
    good_low, good_high = GOOD_EPS[net.dtype]
    usable_low, usable_high = USABLE_EPS[net.dtype]
    if eps < usable_low:
        raise ValueError(tr("eps={eps:g} is too small to measure anything: the nudged costs C(p + eps) and "
                            "C(p - eps) differ only by rounding (or not at all), so the finite differences are noise "
                            "and the check would say nothing about backpropagation. Use eps from {low:g} to {high:g} "
                            "(1e-5 is the usual).", eps=eps, low=good_low, high=good_high))
    if eps > usable_high:
        raise ValueError(tr("eps={eps:g} is too large: the finite differences then measure the bend of the cost "
                            "between p - eps and p + eps, not its slope at p, so even a correct backpropagation "
                            "would look wrong. Use eps from {low:g} to {high:g} (1e-5 is the usual).", eps=eps,
                            low=good_low, high=good_high))
    if not good_low <= eps <= good_high and net.dtype == np.float64:
        warnings.warn(tr("eps={eps:g} is outside the good range {low:g} to {high:g}: the finite differences carry "
                         "errors of their own (rounding below it, the bend of the cost above it), so even a correct "
                         "backpropagation may show an error above 1e-7. 1e-5 is the usual step.", eps=eps,
                         low=good_low, high=good_high), UserWarning, stacklevel=3)


def _central_difference(net, X, Y, P, index, eps):
    """(C(p + eps) - C(p - eps)) / (2 eps) for the entry P[index] of one parameter array.

    The entry is put back however this ends: an exception or Ctrl-C between the two
    nudges leaves the network exactly as it was.
    """
    original = P[index]
    try:
        P[index] = original + eps
        plus = _cost_of_checked(net, X, Y)
        P[index] = original - eps
        minus = _cost_of_checked(net, X, Y)
    finally:
        P[index] = original
    return (plus - minus) / (2 * eps)


def _cost_of_checked(net, X, Y):
    """The cost of a batch check_batch already returned: one forward pass, no checks (26,004 of them per gradient)."""
    zs, activations = net.feedforward(X, check=False)
    return net.output_cost(zs[-1], activations[-1], Y)


def numerical_gradient(net, X, y, eps=1e-5):
    """Central-difference estimate of `net.gradient(X, y)`, parameter by parameter.

    Returns (nabla_w, nabla_b) with the shapes of net.weights and net.biases.
    The network is left exactly as it was (each nudge is undone, also when an
    error or Ctrl-C stops the work). An eps outside 1e-10 to 1e-2 (float64) is
    refused: its differences say nothing; outside 1e-7 to 1e-3 it is warned about.
    """
    _check_net_and_eps(net, eps)
    X, Y = net.check_batch(X, y)
    _check_eps_range(net, eps)
    _warn_if_float32(net)
    return _numerical_gradient(net, X, Y, eps)


def _numerical_gradient(net, X, Y, eps):
    """numerical_gradient on a checked batch and step."""
    nabla_w = [np.zeros_like(W) for W in net.weights]
    nabla_b = [np.zeros_like(b) for b in net.biases]
    shown = net.n_params * len(X) > _QUIET_WORK
    with progress_bar(net.n_params, _("finite differences"), _("param"), shown) as bar:
        for params, grads in ((net.weights, nabla_w), (net.biases, nabla_b)):
            for P, G in zip(params, grads):
                flat_p, flat_g = P.reshape(-1), G.reshape(-1)
                for i in range(flat_p.size):
                    flat_g[i] = _central_difference(net, X, Y, flat_p, i, eps)
                bar.update(flat_p.size)
    return nabla_w, nabla_b


def _warn_if_float32(net):
    if net.dtype == np.float32:
        warnings.warn(_("this network computes in float32: finite differences then carry rounding errors near "
                        "1e-2, so a large 'error' says nothing about backpropagation. Check a float64 network "
                        "(Network(..., dtype=np.float64))."), UserWarning, stacklevel=3)


def numerical_partial(net, X, y, layer, j, k=None, eps=1e-5):
    """Central difference of the cost with respect to ONE parameter.

    weights[layer][j, k], or biases[layer][j] when k is None. Two forward passes.
    Any positive eps is taken (lesson 04 sweeps it from 1e-12 to 1 to show where it goes wrong).
    """
    _check_net_and_eps(net, eps)
    X, Y = net.check_batch(X, y)
    layer = _check_index("layer", layer, len(net.weights))
    j = _check_index("j", j, net.sizes[layer + 1])
    if k is not None:
        k = _check_index("k", k, net.sizes[layer])
    if k is None:
        return _central_difference(net, X, Y, net.biases[layer], j, eps)
    return _central_difference(net, X, Y, net.weights[layer], (j, k), eps)


def _check_index(name, value, size):
    """A layer or neuron number: a whole number from 0 to size - 1 (or from -size, counted from the end)."""
    whole = isinstance(value, numbers.Integral) and not isinstance(value, bool)
    if not whole or not -size <= value < size:
        error = ValueError if whole else TypeError
        raise error(tr("{name} must be a whole number from 0 to {last}; got {value!r}", name=name, last=size - 1,
                       value=value))
    return int(value) % size


def flatten(nabla_w, nabla_b):
    """One long vector of every weight gradient followed by every bias gradient."""
    return np.concatenate([g.ravel() for g in list(nabla_w) + list(nabla_b)])


def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||): 0 for identical vectors, 1 for opposite ones."""
    a, b = np.ravel(a), np.ravel(b)
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denominator == 0 else float(np.linalg.norm(a - b) / denominator)


def gradient_check(net, X, y, eps=1e-5):
    """Relative error between backpropagation and finite differences over all parameters.

    Backpropagation is right when this is tiny: typically 1e-9 or smaller in
    float64; the tests demand < 1e-7. eps as in numerical_gradient.
    """
    _check_net_and_eps(net, eps)
    X, Y = net.check_batch(X, y)
    _check_eps_range(net, eps)
    _warn_if_float32(net)
    backprop = flatten(*net.gradient(X, Y))
    numeric = flatten(*_numerical_gradient(net, X, Y, eps))
    return relative_error(backprop, numeric)


def agrees(backprop, finite_difference):
    """One parameter's two derivatives agree (CONTRIBUTING.md): |bp - fd| <= 1e-6 max(|bp|, |fd|) + 1e-9."""
    return abs(backprop - finite_difference) <= 1e-6 * max(abs(backprop), abs(finite_difference)) + 1e-9
