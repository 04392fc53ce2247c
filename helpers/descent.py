"""Lesson 02's numbers: toy costs with walks down them, and the real network's cost example by example
and weight by weight (NumPy only).

Lesson 02's toy costs and the gradient-descent walks on them (NumPy only).

One rule, in one dimension or in two:

    w  <-  w - learning_rate * dC/dw

- The 1-D cost C(w) = w^4 - 3w^2 + w + 3: two valleys (a deep one near w = -1.30,
  a shallow one near w = 1.13) and a hump between them (near w = 0.17).
  `Walk1D` takes steps on it; `classify_walk` names what the walk is doing (an English
  key that code compares), `Walk1D.describe` says it in the lesson's language.
- The 2-D surface `SURFACE` (a `Surface2D`): two minima on a curved valley floor
  with a saddle between them. `descend_2d` walks on it until it settles;
  `nearest_flat_point` names where it ended (an English key), `place_name` says that
  name in the lesson's language. `partial_slices` cuts the surface through one point along x and
  along y: each slice is a 1-D curve, and its slope there is a partial derivative.

Every walk stops once a coordinate passes DIVERGENCE_BOUND, so no number ever
grows towards overflow: "diverged" is said in words, never as a warning.

Lesson 02's numbers about the real network's cost: example by example, weight by weight (NumPy only).

- `one_hot`, `example_costs`: the cost of each example on its own, C_x = sum_j (a_j - y_j)^2;
  the cost of the network is their average.
- `explorer_batch`: the 100 training digits the lesson takes the gradient on.
- `rank_weights`: every weight ranked by |dC/dw|, largest first.
- `CostProbe`: one network and one batch, with the cost, the gradient, the ranking,
  and the measured change of the cost when one weight is nudged by Δ, to set beside
  the linear prediction dC/dw · Δ.
- `nudge_column`: video 2's picture of -grad C as one long column of nudges, one per
  weight and bias, beside the column of the parameters themselves (a few rows of it).

Layers in a ranking are counted as in the videos: layer 1 holds the weights into
the first hidden layer, which the code keeps in `weights[0]`.
"""

import math
import numbers

import numpy as np

from .core import checks
from .core.data import load_digits
from .core.languages import N_, _, tr

__all__ = ['DIVERGENCE_BOUND', 'SETTLED_STEP', 'cost_1d', 'slope_1d', 'curvature_1d', 'DEEP_VALLEY_1D', 'HUMP_1D',
           'SHALLOW_VALLEY_1D', 'Walk1D', 'STATUSES', 'classify_walk', 'Surface2D', 'SURFACE', 'descend_2d',
           'nearest_flat_point', 'place_name', 'partial_slices', 'one_hot', 'example_costs', 'explorer_batch',
           'rank_weights', 'CostProbe', 'parameter_name', 'nudge_column']


# ===== toy costs and walks down them =============================================================


# Once |w| passes this bound the walk has left every valley for good: we call it
# diverged and stop, before the numbers grow towards overflow.
DIVERGENCE_BOUND = 10.0
# A step shorter than this counts as standing still.
SETTLED_STEP = 1e-6
# The most steps one call takes: a walk settles or leaves long before (a million take about a second).
MAX_STEPS = 1_000_000


# ----- 1-D: C(w) = w^4 - 3w^2 + w + 3 ---------------------------------------------

def cost_1d(w):
    """The lesson's 1-D cost C(w) = w^4 - 3 w^2 + w + 3 (two valleys and a hump between them).

    Works on a number or elementwise on an array.
    """
    return w ** 4 - 3 * w ** 2 + w + 3


def slope_1d(w):
    """Its slope C'(w) = 4 w^3 - 6 w + 1."""
    return 4 * w ** 3 - 6 * w + 1


def curvature_1d(w):
    """Its second derivative C''(w) = 12 w^2 - 6: positive in a valley, negative on the hump."""
    return 12 * w ** 2 - 6


def _flat_points_1d():
    """Where C'(w) = 0, from the cubic's roots: (deep valley, hump, shallow valley)."""
    deep, hump, shallow = np.sort(np.roots([4.0, 0.0, -6.0, 1.0]).real)
    return float(deep), float(hump), float(shallow)


DEEP_VALLEY_1D, HUMP_1D, SHALLOW_VALLEY_1D = _flat_points_1d()

# What a 1-D walk is doing, in English (code compares them); Walk1D.describe() shows one in the lesson's language.
STATUSES = (N_("not started"), N_("still moving"), N_("settled in a valley"), N_("resting on the hump"),
            N_("bouncing (not settling)"), N_("diverged"))


class Walk1D:
    """Gradient descent on C(w), step by step: w_{n+1} = w_n - learning_rate * C'(w_n).

    `path` holds w_0, w_1, ... . Once |w| passes DIVERGENCE_BOUND the walk is
    `diverged` and further steps do nothing, so no number ever overflows.
    """

    def __init__(self, start, learning_rate):
        checks.check_number("start", start)
        checks.check_positive("learning_rate", learning_rate)
        self.learning_rate = float(learning_rate)
        self.path = [float(start)]
        self.diverged = abs(self.path[0]) > DIVERGENCE_BOUND

    @property
    def w(self):
        """Where the walk is now."""
        return self.path[-1]

    @property
    def steps(self):
        """How many steps it has taken."""
        return len(self.path) - 1

    def step(self, n=1):
        """Take n more steps (none once diverged); returns the walk, so `Walk1D(2, 0.05).step(300)` reads well.

        0 <= n <= MAX_STEPS (a million).
        """
        n = checks.check_whole_number("n", n, 0, MAX_STEPS)
        for _step in range(n):
            if self.diverged:
                break
            w = self.w - self.learning_rate * slope_1d(self.w)
            self.path.append(w)
            self.diverged = abs(w) > DIVERGENCE_BOUND
        return self

    def status(self):
        """What the walk is doing: one of STATUSES (see `classify_walk`)."""
        return classify_walk(self.path, self.diverged, curvature_1d)

    def describe(self):
        """What the walk is doing, in the lesson's language: `status()` translated for a printed line.

        `Walk1D(2, 0.05).step(300).describe()` is "settled in a valley" in an English lesson
        and "停在了谷底" in a zh-CN one; compare `status()` in code, print `describe()`.
        """
        return _(self.status())

    def bounce_between(self):
        """(low, high): the two points a bouncing walk alternates between (its last two positions)."""
        return min(self.path[-2:]), max(self.path[-2:])


def classify_walk(path, diverged, curvature=curvature_1d):
    """Name what a 1-D descent is doing from the positions it visited.

    - "diverged": |w| passed DIVERGENCE_BOUND;
    - "settled in a valley": the last step was shorter than SETTLED_STEP where C'' > 0
      ("resting on the hump" where C'' <= 0: only an exact start on the hump does that);
    - "bouncing (not settling)": the last six steps alternate in direction and the
      latest is at least 90 % as long as the one four steps earlier (no longer shrinking);
    - "still moving": anything else (rolling down, or zig-zagging and still settling).
    """
    if diverged:
        return "diverged"
    if len(path) < 2:
        return "not started"
    steps = np.diff(path)
    if abs(steps[-1]) < SETTLED_STEP:
        return "settled in a valley" if curvature(path[-1]) > 0 else "resting on the hump"
    if len(steps) >= 6:
        last = steps[-6:]
        alternating = bool(np.all(last[1:] * last[:-1] < 0))
        if alternating and abs(steps[-1]) >= 0.9 * abs(steps[-5]):
            return "bouncing (not settling)"
    return "still moving"


# ----- 2-D: a surface with two valleys and a saddle -------------------------------

class Surface2D:
    """The lesson's 2-D cost surface, with its gradient and its flat points.

        C(x, y) = (x^2 - 1)^2 + 0.3 x + 2 u^2 + 0.5,   where u = y - (x^2 - 1) / 2.

    (Here y is a coordinate of the plane, not the one-hot target of section 1.)
    The valley floor is the curve u = 0 (the parabola y = (x^2 - 1)/2); along it the
    cost is the tilted double well (x^2 - 1)^2 + 0.3 x + 0.5, and across it the
    term 2 u^2 climbs steeply. So there are two minima on the floor, a deep one
    near x = -1.04 and a shallow one near x = 0.96, with a saddle between them
    near (0.075, -0.497): downhill along the floor, uphill across it.

        dC/dx = 4 x (x^2 - 1) + 0.3 - 4 x u,     dC/dy = 4 u.

    The flat points solve u = 0 and 4x^3 - 4x + 0.3 = 0.
    """

    X_RANGE = (-1.8, 1.8)
    Y_RANGE = (-1.2, 1.8)

    @staticmethod
    def cost(x, y):
        """C(x, y); works on numbers and on arrays alike."""
        u = y - (x * x - 1) / 2
        return (x * x - 1) ** 2 + 0.3 * x + 2 * u * u + 0.5

    @staticmethod
    def gradient(x, y):
        """(dC/dx, dC/dy); works on numbers and on arrays alike."""
        u = y - (x * x - 1) / 2
        return 4 * x * (x * x - 1) + 0.3 - 4 * x * u, 4 * u

    @staticmethod
    def flat_points():
        """{"deep valley": (x, y), "saddle": (x, y), "shallow valley": (x, y)} where the gradient is zero.

        The names are English (code compares them); `place_name(name)` shows one in the lesson's language.
        """
        deep, saddle, shallow = np.sort(np.roots([4.0, 0.0, -4.0, 0.3]).real)
        return {name: (float(x), float((x * x - 1) / 2))
                for name, x in ((N_("deep valley"), deep), (N_("saddle"), saddle), (N_("shallow valley"), shallow))}


SURFACE = Surface2D()


def descend_2d(start, learning_rate, max_steps=1000, surface=SURFACE):
    """Gradient descent on the surface from `start` = (x, y): p <- p - learning_rate * grad C(p).

    Stops when a step is shorter than SETTLED_STEP, after `max_steps`, or once a
    coordinate passes DIVERGENCE_BOUND. Returns (path as an (n, 2) array, stop
    reason "settled" | "bouncing" | "still moving" | "diverged"). Plain floats in the loop:
    a few microseconds per step. learning_rate > 0 (at 0 nothing moves); 1 <= max_steps <= MAX_STEPS (a million).
    """
    _pair("start", start)
    checks.check_positive("learning_rate", learning_rate)
    max_steps = checks.check_whole_number("max_steps", max_steps, 1, MAX_STEPS)
    x, y = float(start[0]), float(start[1])
    path = [(x, y)]
    for _step in range(int(max_steps)):
        gx, gy = surface.gradient(x, y)
        dx, dy = learning_rate * gx, learning_rate * gy
        x, y = x - dx, y - dy
        path.append((x, y))
        if abs(x) > DIVERGENCE_BOUND or abs(y) > DIVERGENCE_BOUND:
            return np.array(path), "diverged"
        if math.hypot(dx, dy) < SETTLED_STEP:
            return np.array(path), "settled"
    path = np.array(path)
    return path, ("bouncing" if _bouncing_2d(path) else "still moving")


def _pair(name, point):
    """A point of the plane: two finite numbers (x, y), as a tuple, a list or an array of shape (2,)."""
    if isinstance(point, (str, bytes)) or np.shape(point) != (2,) or not all(
            isinstance(v, numbers.Real) and not isinstance(v, bool) and math.isfinite(v) for v in point):
        raise ValueError(tr("{name} must be a pair (x, y) of finite numbers; got {value}", name=name,
                            value=checks.describe(point)))
    return point


def _bouncing_2d(path):
    """True when the last six steps each reverse the one before and are no longer shrinking."""
    if len(path) < 7:
        return False
    steps = np.diff(path[-7:], axis=0)
    reversing = bool(np.all(np.sum(steps[1:] * steps[:-1], axis=1) < 0))
    return reversing and np.hypot(*steps[-1]) >= 0.9 * np.hypot(*steps[-5])


def nearest_flat_point(point, surface=SURFACE, within=0.05):
    """The name of the flat point within `within` of `point` ("deep valley", "saddle", "shallow valley"), or None."""
    _pair("point", point)
    checks.check_number("within", within, 0)
    for name, (fx, fy) in surface.flat_points().items():
        if math.hypot(point[0] - fx, point[1] - fy) < within:
            return name
    return None


def place_name(name, surface=SURFACE):
    """A flat point's name ("deep valley", "saddle", "shallow valley") in the lesson's language, for a printed line.

    `place_name("deep valley")` is "deep valley" in an English lesson and "深谷" in a zh-CN
    one; code keeps comparing the English name that `nearest_flat_point` returns.
    """
    return _(checks.check_one_of("name", name, surface.flat_points()))


def partial_slices(point, surface=SURFACE, half_width=0.6, n=61):
    """Two slices of the surface through `point` = (x0, y0), each a curve of one variable, with its slope there.

    Along x (y held at y0): the curve t -> C(t, y0); its slope at t = x0 is dC/dx(x0, y0).
    Along y (x held at x0): the curve t -> C(x0, t); its slope at t = y0 is dC/dy(x0, y0).
    That is what a partial derivative is: the ordinary slope of C when one input moves and
    every other input stays put. Returns a dict:
      "point" (x0, y0), "cost" C(x0, y0), "gradient" (dC/dx, dC/dy) from the formula,
      "x" and "y": {"t": n positions within half_width of the point, "cost": C along the slice,
                    "slope": the partial derivative, "measured": the central difference
                    (C(t0 + h) - C(t0 - h)) / 2h along the slice, h = 1e-5}.
    0 < half_width <= 5, 3 <= n <= 10,000.
    """
    _pair("point", point)
    checks.check_positive("half_width", half_width)
    checks.check_number("half_width", half_width, 0, 5)
    n = checks.check_whole_number("n", n, 3, 10_000)
    x0, y0 = float(point[0]), float(point[1])
    gx, gy = surface.gradient(x0, y0)
    h = 1e-5
    slices = {}
    for axis, (t0, slope) in {"x": (x0, gx), "y": (y0, gy)}.items():
        t = np.linspace(t0 - half_width, t0 + half_width, n)
        along = (lambda v: surface.cost(v, y0)) if axis == "x" else (lambda v: surface.cost(x0, v))
        slices[axis] = {"t": t, "cost": along(t), "slope": float(slope),
                        "measured": float((along(t0 + h) - along(t0 - h)) / (2 * h))}
    return {"point": (x0, y0), "cost": float(surface.cost(x0, y0)), "gradient": (float(gx), float(gy)), **slices}


# ===== the real network's cost, example by example and weight by weight ==========================


def one_hot(labels, n=10):
    """Labels (n_examples,) -> targets (n_examples, n): 1 at the right digit, 0 elsewhere.

    labels: whole numbers 0..n-1 (one label alone counts as one example).
    """
    n = checks.check_whole_number("n", n, 1, 1000)
    labels = checks.check_labels("labels", labels, n)
    targets = np.zeros((labels.size, n))
    targets[np.arange(labels.size), labels] = 1.0
    return targets


def example_costs(net, X, y):
    """The cost of every example on its own: sum_j (a_j - y_j)^2, shape (n_examples,).

    This is the videos' cost; their mean is `net.cost(X, y)` for a Network with the
    default cost="quadratic". y: one digit per image of X.
    """
    checks.check_network(net)
    outputs = net.forward(X)
    y = checks.check_labels("y", y, net.sizes[-1], len(outputs) if np.ndim(outputs) == 2 else 1, "X")
    return np.sum((outputs - one_hot(y, net.sizes[-1])) ** 2, axis=1)


def explorer_batch(size=100, seed=0):
    """`size` training digits drawn without replacement with `seed`: (X (size, 784), y (size,)); 1 <= size <= 8000."""
    (X, y), _ = load_digits()
    checks.check_whole_number("size", size, 1, len(X))
    checks.check_seed(seed)
    index = np.random.default_rng(seed).choice(len(X), size, replace=False)
    return X[index], y[index]


def _weight_gradients(nabla_w):
    """True for a list of 2-D arrays of numbers (one per layer), False for anything else (such as the pair)."""
    if not isinstance(nabla_w, (list, tuple)) or not nabla_w:
        return False
    try:
        return all(np.ndim(g) == 2 and np.asarray(g).dtype.kind in "iuf" for g in nabla_w)
    except ValueError:                       # ragged: a list of arrays of different shapes
        return False


def rank_weights(nabla_w):
    """Every weight of the network ranked by |dC/dw|, largest first.

    `nabla_w` is a list of arrays shaped like `net.weights` (one (n_out, n_in) array
    per layer). Returns a list of (layer, j, k, dC/dw) with `layer` counted as in the
    videos (layer 1 = `weights[0]`). Ties are broken by position, so the ranking is the
    same on every run.
    """
    if not _weight_gradients(nabla_w):
        raise TypeError(tr("nabla_w must be a list of weight gradients, one (n_out, n_in) array per layer (such as "
                           "net.gradient(X, y)[0], not the pair (nabla_w, nabla_b)); got {value}",
                           value=checks.describe(nabla_w)))
    entries = []
    for l, g in enumerate(nabla_w):
        j, k = np.unravel_index(np.arange(g.size), g.shape)
        entries.append(np.stack([np.full(g.size, l + 1), j, k], axis=1))
    where = np.concatenate(entries)
    values = np.concatenate([g.ravel() for g in nabla_w])
    order = np.argsort(-np.abs(values), kind="stable")
    return [(int(where[i, 0]), int(where[i, 1]), int(where[i, 2]), float(values[i])) for i in order]


class CostProbe:
    """The cost of `net` on one batch, its gradient, and what nudging one weight does to it.

        probe = CostProbe(net, X, y)
        probe.cost                    C on the batch
        probe.nabla_w, probe.nabla_b  dC/dW and dC/db per layer (shaped like net.weights, net.biases)
        probe.ranking                 rank_weights(probe.nabla_w)
        probe.n_nonzero               how many weights have dC/dw != 0 here
        probe.cost_change(entry, Δ)   C(w + Δ) - C(w) for one weight, measured

    The network is never changed.
    """

    def __init__(self, net, X, y):
        self.net = checks.check_network(net)
        self.X, self.Y = net.check_batch(X, y)
        self.cost, (self.nabla_w, self.nabla_b) = net.cost_and_gradient(self.X, self.Y)
        # Kept so that a nudge restarts the forward pass at the nudged layer.
        self._zs, self._activations = net.feedforward(self.X)
        self.ranking = rank_weights(self.nabla_w)
        self.n_nonzero = sum(1 for entry in self.ranking if entry[3] != 0.0)

    def rank_closest_to(self, fraction):
        """The rank (1 = top) of the weight whose |dC/dw| is closest to `fraction` × the top one, rank 1 excluded.

        `fraction=1/32` echoes V3's derivatives 3.2 and 0.1: one weight that matters 32 times as much.
        0 <= fraction <= 1; there must be at least two weights with a nonzero slope.
        """
        checks.check_number("fraction", fraction, 0, 1)
        if self.n_nonzero < 2:
            raise ValueError(tr("only {n} weight(s) have a nonzero slope dC/dw on this batch: there is no second one "
                                "to rank", n=self.n_nonzero))
        target = abs(self.ranking[0][3]) * fraction
        sizes = np.abs([entry[3] for entry in self.ranking[1:self.n_nonzero]])
        return 2 + int(np.argmin(np.abs(sizes - target)))

    def cost_change(self, entry, delta):
        """ΔC = C(w + Δ) - C(w) for the weight `entry` = (layer, j, k, ...) (layer counted from 1).

        Nudging w_jk of a layer by Δ adds Δ·a_k (the input it multiplies) to z_j of
        that layer and to nothing before it, so the forward pass restarts from the
        stored weighted inputs of that layer: the same numbers as a full forward pass,
        a few times faster. layer from 1 to the number of weight matrices, j and k inside that matrix.
        """
        layer, j, k = self._entry(entry)
        checks.check_number("delta", delta)
        net = self.net
        z = self._zs[layer - 1].copy()
        z[:, j] += delta * self._activations[layer - 1][:, k]
        a = net.layer_function(layer - 1)[0](z)
        for l in range(layer, len(net.weights)):
            z = a @ net.weights[l].T + net.biases[l]
            a = net.layer_function(l)[0](z)
        return net.output_cost(z, a, self.Y) - self.cost

    def _entry(self, entry):
        """(layer, j, k) of one weight, each a whole number inside the network (layer counted from 1)."""
        if isinstance(entry, (str, bytes)) or not isinstance(entry, (tuple, list, np.ndarray)) or len(entry) < 3:
            raise TypeError(tr("entry must be (layer, j, k), a weight as probe.ranking lists it; got {value}",
                               value=checks.describe(entry)))
        weights = self.net.weights
        layer = checks.check_whole_number("layer", entry[0], 1, len(weights))
        rows, columns = weights[layer - 1].shape
        return (layer, checks.check_whole_number("j", entry[1], 0, rows - 1),
                checks.check_whole_number("k", entry[2], 0, columns - 1))


def parameter_name(net, position):
    """Which weight or bias sits at `position` (1 to net.n_params) of the long column of all parameters.

    The column lists net.parameters() in order, each array row by row: every weight of layer 1,
    of layer 2, ..., then every bias of layer 1, 2, ... (layers counted as in the videos).
    Returns ("w", layer, j, k) or ("b", layer, j).
    """
    checks.check_network(net)
    position = checks.check_whole_number("position", position, 1, net.n_params)
    index = position - 1
    n_layers = len(net.weights)
    for i, array in enumerate(net.parameters()):
        if index < array.size:
            layer = i % n_layers + 1
            if i < n_layers:
                j, k = np.unravel_index(index, array.shape)
                return ("w", layer, int(j), int(k))
            return ("b", layer, int(index))
        index -= array.size
    raise AssertionError("unreachable")   # position was checked against n_params


def nudge_column(net, gradient, positions=None):
    """Rows of video 2's picture: the column of every weight and bias beside the column -grad C of their nudges.

    gradient: (nabla_w, nabla_b) of `net`, as net.gradient(X, y) returns it. positions: places
    (1 to net.n_params) in the column (see `parameter_name`), shown in increasing order.
    Returns a list of dicts, one per position: "position", "name" (as parameter_name gives it),
    "value" (the weight or bias now), "nudge" (-dC/dp: its entry of -grad C), "rank" (1 = the
    largest |dC/dp| of all net.n_params entries; ties by position) and "gap_before" (True when
    rows were left out between this row and the one before: draw a "⋮" there).
    """
    checks.check_network(net)
    if not isinstance(gradient, (tuple, list)) or len(gradient) != 2:
        raise TypeError(tr("gradient must be the pair (nabla_w, nabla_b), as net.gradient(X, y) returns it; got "
                           "{value}", value=checks.describe(gradient)))
    flat_gradient = np.concatenate([np.ravel(g) for g in list(gradient[0]) + list(gradient[1])])
    if flat_gradient.size != net.n_params:
        raise ValueError(tr("gradient must hold one number per weight and bias ({n:,}); it holds {got:,}",
                            n=net.n_params, got=flat_gradient.size))
    flat_values = np.concatenate([p.ravel() for p in net.parameters()])
    order = np.argsort(-np.abs(flat_gradient), kind="stable")
    ranks = np.empty(order.size, int)
    ranks[order] = np.arange(1, order.size + 1)
    if positions is None:
        nonzero = int(np.sum(flat_gradient != 0))
        up = order[flat_gradient[order] < 0]                 # entries whose nudge is upwards, largest first
        positions = [1, 2, 3, order[0] + 1, order[max(nonzero // 2 - 1, 0)] + 1, net.n_params]
        positions += [up[0] + 1] if up.size else []
    chosen = sorted({checks.check_whole_number("position", p, 1, net.n_params) for p in positions})
    rows, previous = [], 0
    for position in chosen:
        i = position - 1
        rows.append({"position": position, "name": parameter_name(net, position), "value": float(flat_values[i]),
                     "nudge": float(-flat_gradient[i]) + 0.0, "rank": int(ranks[i]),
                     "gap_before": position != previous + 1})
        previous = position
    return rows
