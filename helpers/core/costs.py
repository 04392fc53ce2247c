"""Cost functions. Each one knows its value and the output error delta^L (BP1).

Shapes: A, Y and Z are (n, n_out) with one example per row (the batch axis is 0).
Every cost is the *mean over examples* of a per-example sum over output neurons.

- "quadratic" (the videos' cost, the default):  C_x = sum_j (a_j - y_j)^2,
  so dC_x/da = 2 (a - y).
- "half_quadratic" (Nielsen's book):  C_x = 1/2 sum_j (a_j - y_j)^2,
  so dC_x/da = (a - y). Exactly half the quadratic cost, so exactly half its
  gradient: it only rescales the learning rate.
- "cross_entropy" (Nielsen ch. 3):  C_x = -sum_j [y_j ln a_j + (1 - y_j) ln(1 - a_j)].
  With a sigmoid output, delta^L = a - y: the sigma'(z) factor cancels, so a
  saturated, wrong output still learns quickly.
"""

import numpy as np


def _softplus(z):
    """ln(1 + e^z) without overflow."""
    return np.logaddexp(0.0, z)


class Quadratic:
    name = "quadratic"
    scale = 1.0  # C_x = scale * sum_j (a_j - y_j)^2

    def value(self, Z, A, Y):
        """Mean over the rows of scale * sum_j (a_j - y_j)^2."""
        difference = A - Y
        return float(self.scale * np.vdot(difference, difference) / A.shape[0])   # vdot: the sum of squares

    def output_delta(self, Z, A, Y, sigma_prime):
        """BP1 for one example per row: delta^L = dC_x/da (.) sigma'(z^L)."""
        return (2.0 * self.scale) * (A - Y) * sigma_prime


class HalfQuadratic(Quadratic):
    name = "half_quadratic"
    scale = 0.5


class CrossEntropy:
    name = "cross_entropy"

    def value(self, Z, A, Y):
        """Mean over rows of -sum_j [y ln a + (1-y) ln(1-a)], computed from z.

        With a = sigma(z): -ln a = softplus(-z) and -ln(1-a) = softplus(z), which
        stays finite even when a rounds to exactly 0 or 1.
        """
        per_entry = Y * _softplus(-Z) + (1.0 - Y) * _softplus(Z)
        return float(np.sum(per_entry) / A.shape[0])

    def output_delta(self, Z, A, Y, sigma_prime):
        """BP1 with a sigmoid output layer: the sigma'(z) factor cancels, delta^L = a - y."""
        return A - Y


COSTS = {cls.name: cls for cls in (Quadratic, HalfQuadratic, CrossEntropy)}
