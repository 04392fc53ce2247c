"""Checking backpropagation against an independent computation: finite differences.

For each parameter p, the central difference
    (C(p + eps) - C(p - eps)) / (2 eps)
approaches dC/dp with an error of order eps^2; it needs two forward passes per
parameter, which is why nobody trains this way, and why it makes a good referee.
"""

import warnings

import numpy as np

from . import checks
from .languages import _, tr
from .network import Network
from .progress import progress_bar

# Below this many cost evaluations (parameters x examples) the check takes well under a second:
# no progress bar.
_QUIET_WORK = 2_000_000


def _check_net_and_eps(net, eps):
    """The two arguments a learner may swap or mistype: the network itself and the step eps."""
    if not isinstance(net, Network):
        raise TypeError(tr("the first argument must be a Network (e.g. Network([784, 16, 16, 10])); got {kind}",
                           kind=type(net).__name__))
    checks.check_positive("eps", eps)


def _central_difference(net, X, Y, P, index, eps):
    """(C(p + eps) - C(p - eps)) / (2 eps) for the entry P[index] of one parameter array; undone after."""
    original = P[index]
    P[index] = original + eps
    plus = net.cost(X, Y)
    P[index] = original - eps
    minus = net.cost(X, Y)
    P[index] = original
    return (plus - minus) / (2 * eps)


def numerical_gradient(net, X, y, eps=1e-5):
    """Central-difference estimate of `net.gradient(X, y)`, parameter by parameter.

    Returns (nabla_w, nabla_b) with the shapes of net.weights and net.biases.
    The network is left exactly as it was (each nudge is undone).
    """
    _check_net_and_eps(net, eps)
    X, Y = net.check_batch(X, y)
    _warn_if_float32(net)
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
    """
    _check_net_and_eps(net, eps)
    X, Y = net.check_batch(X, y)
    if k is None:
        return _central_difference(net, X, Y, net.biases[layer], j, eps)
    return _central_difference(net, X, Y, net.weights[layer], (j, k), eps)


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
    float64; the tests demand < 1e-7.
    """
    _check_net_and_eps(net, eps)
    backprop = flatten(*net.gradient(X, y))
    numeric = flatten(*numerical_gradient(net, X, y, eps))
    return relative_error(backprop, numeric)


def agrees(backprop, finite_difference):
    """One parameter's two derivatives agree (CONTRIBUTING.md): |bp - fd| <= 1e-6 max(|bp|, |fd|) + 1e-9."""
    return abs(backprop - finite_difference) <= 1e-6 * max(abs(backprop), abs(finite_difference)) + 1e-9
