"""Independent computations the tests compare helpers against: plain loops and formulas, no helpers code."""

import numpy as np


def C(w):
    """Lesson 02's 1-D cost, written out."""
    return w ** 4 - 3 * w ** 2 + w + 3


def dC(w):
    return 4 * w ** 3 - 6 * w + 1


def plain_descent(w, eta, steps):
    """w <- w - eta C'(w), one step at a time, stopping once |w| passes 10 (it has flown off)."""
    path = [w]
    for _ in range(steps):
        w = w - eta * dC(w)
        path.append(w)
        if abs(w) > 10:
            break
    return path


def surface(x, y):
    """Lesson 02's 2-D surface, written out: two valleys and a saddle."""
    return (x * x - 1) ** 2 + 0.3 * x + 2 * (y - (x * x - 1) / 2) ** 2 + 0.5


def numeric_gradient(x, y, eps=1e-6):
    return np.array([(surface(x + eps, y) - surface(x - eps, y)) / (2 * eps),
                     (surface(x, y + eps) - surface(x, y - eps)) / (2 * eps)])


def plain_descent_2d(p, eta, steps=1000):
    """Steps along minus the numeric gradient until a step is shorter than 1e-6."""
    p = np.array(p, float)
    path = [p.copy()]
    for _ in range(steps):
        step = eta * numeric_gradient(*p)
        p = p - step
        path.append(p.copy())
        if np.hypot(*step) < 1e-6:
            break
    return np.array(path)


def chain_cost(w, b, a0, y):
    """(a^(L) - y)^2 for a chain of single sigmoid neurons, one layer at a time."""
    a = a0
    for wi, bi in zip(w, b):
        a = 1 / (1 + np.exp(-(wi * a + bi)))
    return (a - y) ** 2


def central_difference(f, x, eps=1e-6):
    return (f(x + eps) - f(x - eps)) / (2 * eps)


def cost_after_nudge(net, X, y, layer, j, k, delta):
    """C(w + delta) - C(w) for weight (j, k) of `layer` (1 = first weights), measured on a nudged copy."""
    twin = net.copy()
    twin.weights[layer - 1][j, k] += delta
    return twin.cost(X, y) - net.cost(X, y)
