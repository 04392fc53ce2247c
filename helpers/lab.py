"""Lesson 06's numbers: damaged digits and 2-D maps of the hidden layers (NumPy only).

Damaged digits for lesson 06: noise, rotation, shift and stroke thickness, as pure NumPy.

Every function takes one image (784,) or a batch (n, 784) of pixels in [0, 1] and
returns the same shape, still in [0, 1]; level 0 returns the images unchanged.

- `add_noise(X, sigma, seed)`: Gaussian noise of standard deviation sigma (the lesson's noise level s),
  clipped to [0, 1].
- `rotate(X, degrees)`: turned counter-clockwise about the frame's centre.
- `shift(X, rows, cols)`: moved down/right by any number of pixels, fractions too.
  Both resample bilinearly: an output pixel looks up the point it came from and
  mixes the four pixels around it, each weighted by how near it is; points outside
  the frame are black.
- `thicken(X, amount)`: amount > 0 makes strokes thicker (3x3 maximum filter, a grey-level
  dilation), amount < 0 thinner (3x3 minimum, an erosion); a whole number is that many
  passes, a fraction blends the last pass in partly, so the level moves smoothly.

`damage(X, kind, level)` names them ("noise", "rotation", "shift", "thickness") and
`damage_curve(net, X, y, kind, levels)` measures a network's accuracy along one.
Whole-pixel shifts agree with `images.shift_images` (tested).

Maps of a layer's activations in 2-D (lesson 06, section 4): principal components by NumPy's SVD.

PCA finds the directions along which the points spread most. Centre the points
(subtract their mean); the right singular vectors of the centred matrix, in order
of their singular values, are those directions, and the first two span the flat
view that keeps the most of the spread. Projecting a point = its dot products with them.
`demo_cloud` and `spread_kept` are the 2-D picture that explains it (the share of spread a line keeps,
largest along the first principal direction); `class_separation` measures how far apart the classes
sit in a layer compared with how wide each class is.

Shapes: A is (n, d), one example's activations per row; components (k, d); points (n, k).
"""

import numpy as np

from .core import checks
from .core.languages import N_, _, pad, text_width, tr
from .core.training import SGD
from .learned.images import SIDE

__all__ = ['TrainingSession', 'KINDS', 'add_noise', 'rotate', 'shift', 'thicken', 'damage', 'damage_curve',
           'print_damage_table', 'principal_components', 'project', 'explained_variance',
           'nearest_centroid_accuracy', 'class_separation', 'demo_cloud', 'spread_kept', 'layer_maps']


# ===== damaged digits ============================================================================


CENTRE = (SIDE - 1) / 2   # the middle of the frame, 13.5: rotation turns about this point (row and column)
# After SIDE passes of a 3x3 filter every pixel has seen the whole frame (a dilation fills it with its
# brightest pixel, an erosion with black), so no more passes can change anything: thicken refuses them.
MAX_PASSES = SIDE
# The largest noise sigma: far beyond it every pixel is 0 or 1 at random, whatever the digit was.
MAX_SIGMA = 10
# Pixels a blend lands a rounding error outside [0, 1] still count as in it.
PIXEL_TOLERANCE = 1e-6

# kind: (what the level means, the levels the lesson's curves use). The kinds and their
# words are English (code compares the kinds); show them with _(kind) and _(KINDS[kind][0]).
KINDS = {
    N_("noise"): (N_("noise level s"), (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)),
    N_("rotation"): (N_("rotation (degrees)"), (0, 10, 20, 30, 40, 50, 60)),
    N_("shift"): (N_("shift right (pixels)"), (0, 1, 2, 3, 4, 5)),
    N_("thickness"): (N_("stroke thickness (passes; − = thinner)"), (-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2)),
}


def _batch(X):
    """X as a float (n, 784) batch and its own shape; one sentence for a string, a shape or pixels not in [0, 1]."""
    if X is None or isinstance(X, (str, bytes)):
        raise TypeError(tr("X must be one image of {pixels} pixels or a batch (n, {pixels}) of grey values in [0, 1]; "
                           "got {kind}", pixels=SIDE * SIDE, kind=type(X).__name__))
    try:
        raw = np.asarray(X)
    except ValueError:
        raise ValueError(tr("X must be one image of {pixels} pixels or a batch (n, {pixels}), all rows the same "
                            "length; got rows of different lengths", pixels=SIDE * SIDE)) from None
    if raw.dtype == object or raw.dtype.kind not in "biuf":
        raise TypeError(tr("X must hold numbers (grey values in [0, 1]); got {value}", value=checks.describe(X)))
    X = np.asarray(raw, dtype=float)
    if X.ndim not in (1, 2) or X.shape[-1] != SIDE * SIDE:
        raise ValueError(tr("expected one image of {pixels} pixels or a batch (n, {pixels}); got {shape}",
                            pixels=SIDE * SIDE, shape=X.shape))
    low, high = (X.min(), X.max()) if X.size else (0.0, 0.0)
    if not (np.isfinite(low) and np.isfinite(high)):
        raise ValueError(_("X contains NaN or infinite values; every input must be a finite number (pixels lie in "
                           "[0, 1])"))
    if high > 2.0:
        raise ValueError(tr("X holds values up to {high:g}, but pixels must lie in [0, 1]; pixels stored as 0-255 "
                            "must be divided by 255 first (X / 255)", high=high))
    if low < -PIXEL_TOLERANCE or high > 1 + PIXEL_TOLERANCE:
        raise ValueError(tr("pixels must lie in [0, 1] (0 black, 1 white); X holds values from {low:g} to {high:g}",
                            low=low, high=high))
    return X.reshape(-1, SIDE * SIDE), X.shape


# What each kind's level may be: (low, high), None for "any finite number".
LEVEL_RANGES = {"noise": (0, MAX_SIGMA), "rotation": (None, None), "shift": (None, None),
                "thickness": (-MAX_PASSES, MAX_PASSES)}


def _level(name, value, kind):
    """One damage level checked for its kind: a finite number in LEVEL_RANGES[kind]."""
    low, high = LEVEL_RANGES[kind]
    return checks.check_number(name, value, low, high)


def _kind(kind):
    """A kind of damage: one of KINDS, a near miss named ("rotate": did you mean 'rotation'?)."""
    return checks.check_one_of("kind", kind, KINDS)


def add_noise(X, sigma, seed=0):
    """X + N(0, sigma^2) noise, independently per pixel (seeded), clipped back into [0, 1]; 0 <= sigma <= 10."""
    sigma = _level("sigma", sigma, "noise")
    checks.check_seed(seed)
    batch, shape = _batch(X)
    if sigma == 0:
        return batch.reshape(shape).copy()
    noise = np.random.default_rng(seed).standard_normal(batch.shape)
    return np.clip(batch + sigma * noise, 0.0, 1.0).reshape(shape)


def _resample(batch, source_rows, source_cols):
    """Bilinear lookup: out[:, p] = image at the (fractional) point (source_rows[p], source_cols[p]).

    Each point mixes its four neighbouring pixels with weights (1 - fr)(1 - fc), (1 - fr) fc,
    fr (1 - fc), fr fc, where fr, fc are its fractional offsets; pixels outside the frame are 0.
    """
    # One pixel per row here (pixels x images), so each lookup takes whole contiguous rows: fast.
    by_pixel = np.concatenate([batch.T, np.zeros((1, len(batch)))])   # row SIDE*SIDE: a black pixel
    r0, c0 = np.floor(source_rows), np.floor(source_cols)
    fr, fc = source_rows - r0, source_cols - c0
    out = np.zeros((SIDE * SIDE, len(batch)))
    for dr, dc, weight in ((0, 0, (1 - fr) * (1 - fc)), (0, 1, (1 - fr) * fc),
                           (1, 0, fr * (1 - fc)), (1, 1, fr * fc)):
        r, c = r0 + dr, c0 + dc
        inside = (r >= 0) & (r < SIDE) & (c >= 0) & (c < SIDE) & (weight > 0)
        index = np.where(inside, r * SIDE + c, SIDE * SIDE).astype(int)
        out += weight[:, None] * by_pixel.take(index, axis=0)
    return np.ascontiguousarray(out.T)


def _grid():
    rows, cols = np.divmod(np.arange(SIDE * SIDE), SIDE)
    return rows.astype(float), cols.astype(float)


def rotate(X, degrees):
    """Turn every image counter-clockwise by `degrees` about the frame's centre (bilinear; corners fill black).

    Output pixel p comes from the point p turned back by -degrees: with x = column - 13.5 and
    y = 13.5 - row (up is positive), source x = cos t x + sin t y, source y = -sin t x + cos t y.
    Any finite number of degrees.
    """
    degrees = _level("degrees", degrees, "rotation")
    batch, shape = _batch(X)
    if degrees == 0:
        return batch.reshape(shape).copy()
    t = np.deg2rad(degrees)
    rows, cols = _grid()
    x, y = cols - CENTRE, CENTRE - rows
    source_x = np.cos(t) * x + np.sin(t) * y
    source_y = -np.sin(t) * x + np.cos(t) * y
    return _resample(batch, CENTRE - source_y, CENTRE + source_x).reshape(shape)


def shift(X, rows=0.0, cols=0.0):
    """Move every image down by `rows` and right by `cols` pixels (fractions allowed; negative = up/left).

    Any finite numbers; 28 pixels or more in either direction leave a black frame.
    """
    rows, cols = _level("rows", rows, "shift"), _level("cols", cols, "shift")
    batch, shape = _batch(X)
    if rows == 0 and cols == 0:
        return batch.reshape(shape).copy()
    # Beyond 2 * SIDE the frame is black either way (it is from SIDE on); this keeps the index arithmetic finite.
    rows, cols = min(max(rows, -2 * SIDE), 2 * SIDE), min(max(cols, -2 * SIDE), 2 * SIDE)
    grid_rows, grid_cols = _grid()
    return _resample(batch, grid_rows - rows, grid_cols - cols).reshape(shape)


def _filter3x3(pictures, reduce):
    """Each pixel replaced by the max (or min) of the 3x3 square around it; outside the frame is black."""
    padded = np.pad(pictures, ((0, 0), (1, 1), (1, 1)))
    # Separable: the 3x3 max (min) is the 1x3 max of the 3x1 maxes; two passes of two comparisons each.
    rows = reduce(reduce(padded[:, :-2, :], padded[:, 1:-1, :]), padded[:, 2:, :])
    return reduce(reduce(rows[:, :, :-2], rows[:, :, 1:-1]), rows[:, :, 2:])


def thicken(X, amount):
    """Thicker strokes for amount > 0 (3x3 max filter), thinner for amount < 0 (3x3 min filter).

    floor(|amount|) whole passes, then one more pass blended in by the fractional part:
    out = (1 - f) * before + f * filtered. amount = 0 changes nothing. -28 <= amount <= 28: after 28 passes
    every pixel has seen the whole frame, so further passes could change nothing (and would only take time).
    """
    amount = _level("amount", amount, "thickness")
    batch, shape = _batch(X)
    pictures = batch.reshape(-1, SIDE, SIDE).copy()
    reduce = np.maximum if amount > 0 else np.minimum
    whole, fraction = divmod(abs(float(amount)), 1.0)
    for _pass in range(int(whole)):
        pictures = _filter3x3(pictures, reduce)
    if fraction > 0:
        pictures = (1 - fraction) * pictures + fraction * _filter3x3(pictures, reduce)
    return pictures.reshape(shape)


def damage(X, kind, level, seed=0):
    """One kind of damage at one level: "noise" (sigma), "rotation" (degrees), "shift" (pixels right),
    "thickness" (passes, negative = thinner).

    Levels: noise 0 <= sigma <= 10, thickness -28 <= passes <= 28, rotation and shift any finite number.
    """
    level = _level("level", level, _kind(kind))
    if kind == "noise":
        return add_noise(X, level, seed)
    if kind == "rotation":
        return rotate(X, level)
    if kind == "shift":
        return shift(X, 0.0, level)
    if kind == "thickness":
        return thicken(X, level)
    raise AssertionError(kind)     # _kind let through only the four kinds


def damage_curve(net, X, y, kind, levels=None, seed=0):
    """The network's accuracy on X damaged at each level (KINDS' levels by default): (levels, accuracies).

    Every level is checked before any is computed, so a level out of range costs no time.
    """
    checks.check_network(net)
    kind = _kind(kind)
    levels = KINDS[kind][1] if levels is None else levels
    checks.check_numbers("levels", levels, example=str(list(KINDS[kind][1][:3])))
    for i, level in enumerate(levels):
        _level(f"levels[{i}]", level, kind)
    _batch(X)
    return np.asarray(levels, dtype=float), np.array([net.accuracy(damage(X, kind, level, seed), y)
                                                      for level in levels])


def print_damage_table(curves):
    """Print damage curves as a table: one line per kind, its name in the lesson's language, then level: accuracy.

    curves: {kind: (levels, accuracies)} as `damage_curve` returns them (accuracies in [0, 1]).
    The names are padded to the longest one (a Chinese character takes two columns), so
    every row's numbers start in the same column:  `rotation  0: 90%  10: 86%  20: 73%`.
    """
    names = {kind: tr(kind) for kind in curves}
    width = max(text_width(name) for name in names.values())
    for kind, (levels, accuracies) in curves.items():
        row = "  ".join(f"{level:g}: {accuracy:.0%}" for level, accuracy in zip(levels, accuracies))
        print(pad(names[kind], width) + " " + row)


# ===== 2-D maps of a layer: principal components =================================================


def _rows(name, A):
    """A as a float (n, d) array of finite numbers with at least one row, or one sentence saying what it is not."""
    if A is None or isinstance(A, (str, bytes)):
        raise TypeError(tr("{name} must be a 2-D array of shape (n, d), one example's activations per row; got {kind}",
                           name=name, kind=type(A).__name__))
    try:
        raw = np.asarray(A)
    except ValueError:
        raise ValueError(tr("{name} must be a 2-D array of shape (n, d), one example's activations per row, all rows "
                            "the same length; got rows of different lengths", name=name)) from None
    if raw.dtype == object or raw.dtype.kind not in "biuf":
        raise TypeError(tr("{name} must hold numbers; got {value}", name=name, value=checks.describe(A)))
    if raw.ndim != 2 or raw.shape[0] == 0 or raw.shape[1] == 0:
        raise ValueError(tr("{name} must be a 2-D array of shape (n, d), one example's activations per row (at least "
                            "one); got shape {shape}", name=name, shape=raw.shape))
    A = np.asarray(raw, dtype=float)
    if not np.all(np.isfinite(A)):
        raise ValueError(tr("{name} contains NaN or infinite values; activations must be finite numbers", name=name))
    return A


def _k(k, A):
    """How many principal directions: a whole number from 1 to min(n, d), as many as the SVD of A can give."""
    return checks.check_whole_number("k", k, 1, min(A.shape))


def principal_components(A, k=2):
    """(mean (d,), components (k, d)): the top-k principal directions of the rows of A, unit length.

    Signs are fixed so that each component's largest entry (by absolute value) is positive
    (an SVD may return v or -v; the picture would flip between runs of other libraries).
    """
    A = _rows("A", A)
    k = _k(k, A)
    mean = A.mean(axis=0)
    _, _, Vt = np.linalg.svd(A - mean, full_matrices=False)
    components = Vt[:k].copy()
    biggest = components[np.arange(len(components)), np.argmax(np.abs(components), axis=1)]
    components *= np.where(biggest < 0, -1.0, 1.0)[:, None]
    return mean, components


def project(A, mean, components):
    """Coordinates of the rows of A in the principal directions: (A - mean) @ components.T, shape (n, k).

    A: (n, d) (or one row (d,)), mean: (d,), components: (k, d), as principal_components returns them.
    """
    components = _rows("components", components)
    d = components.shape[1]
    if np.shape(mean) != (d,):
        raise ValueError(tr("mean must have shape ({d},), one value per column of components; got shape {shape}",
                            d=d, shape=np.shape(mean)))
    checks.check_numbers("mean", mean)
    rows = _rows("A", np.reshape(A, (1, -1)) if np.ndim(A) == 1 else A)
    if rows.shape[1] != d:
        raise ValueError(tr("A must have {d} columns, as many as components has; got shape {shape}", d=d,
                            shape=np.shape(A)))
    return (np.asarray(A, dtype=float) - mean) @ components.T


def explained_variance(A, k=2):
    """Fraction of the total variance of A's rows that the top k principal directions keep: (k,)."""
    A = _rows("A", A)
    k = _k(k, A)
    s = np.linalg.svd(A - A.mean(axis=0), compute_uv=False)
    total = np.sum(s ** 2)
    return s[:k] ** 2 / total if total > 0 else np.zeros(k)


def nearest_centroid_accuracy(points, labels, fit_points=None, fit_labels=None, n=10):
    """Fraction of `points` whose nearest class centroid (Euclidean) has their label.

    The centroids (mean point of each label) come from fit_points/fit_labels, or from the points
    themselves when not given. A measure of how well a map keeps the classes apart.
    labels and fit_labels are whole numbers 0..n-1, one per row of points and of fit_points.
    """
    n = checks.check_whole_number("n", n, 1, 1000)
    points = _rows("points", points)
    labels = checks.check_labels("labels", labels, n, len(points), "points")
    if (fit_points is None) != (fit_labels is None):
        raise ValueError(_("give fit_points and fit_labels together (or neither, to fit on the points themselves)"))
    if fit_points is None:
        fit_points, fit_labels = points, labels
    else:
        fit_points = _rows("fit_points", fit_points)
        if fit_points.shape[1] != points.shape[1]:
            raise ValueError(tr("fit_points must have {d} columns, as many as points has; got shape {shape}",
                                d=points.shape[1], shape=fit_points.shape))
        fit_labels = checks.check_labels("fit_labels", fit_labels, n, len(fit_points), "fit_points")
    present = [c for c in range(n) if np.any(fit_labels == c)]
    centroids = np.array([fit_points[fit_labels == c].mean(axis=0) for c in present])
    distances = ((points[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return float(np.mean(np.array(present)[np.argmin(distances, axis=1)] == labels))


def class_separation(points, labels, n=10):
    """How far apart the classes sit, measured in units of how wide each class is: between / within.

    points (m, d), labels (m,) whole numbers 0..n-1. With c_k the centroid (mean point) of the points
    labelled k, over the classes present (at least two):
      between = the mean of the Euclidean distances ||c_k - c_l|| over all pairs of classes k < l;
      within  = the mean over classes of sqrt(mean over that class's points of ||x - c_k||^2), the class's
                standard deviation with all coordinates together (its RMS distance to its own centroid).
    Both are distances in the same space, so the ratio does not change when the points are moved, turned
    or scaled, whatever their number of coordinates. Large = tight clusters far apart.
    """
    n = checks.check_whole_number("n", n, 1, 1000)
    points = _rows("points", points)
    labels = checks.check_labels("labels", labels, n, len(points), "points")
    present = [c for c in range(n) if np.any(labels == c)]
    if len(present) < 2:
        raise ValueError(_("class separation needs points of at least two different labels"))
    centroids = np.array([points[labels == c].mean(axis=0) for c in present])
    gaps = np.sqrt(((centroids[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2))
    between = gaps[np.triu_indices(len(present), 1)].mean()
    within = np.mean([np.sqrt(((points[labels == c] - centre) ** 2).sum(axis=1).mean())
                      for c, centre in zip(present, centroids)])
    return float(between / within) if within > 0 else float("inf")


def demo_cloud(n=60, seed=0):
    """A 2-D cloud of n points (n, 2), stretched along a line 30 degrees above the x axis: PCA's picture.

    Standard normal points scaled by 2 along x and 0.6 along y, turned by 30 degrees, moved to (3, 2).
    """
    n = checks.check_whole_number("n", n, 2, 100_000)
    checks.check_seed(seed)
    raw = np.random.default_rng(seed).standard_normal((n, 2)) * [2.0, 0.6]
    t = np.deg2rad(30)
    turn = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
    return raw @ turn.T + [3.0, 2.0]


def spread_kept(A, directions):
    """Share of the spread of A's rows that projecting onto each direction keeps: (m,) in [0, 1].

    A (n, d); directions (m, d), each scaled to length 1 here (one direction (d,) gives shape (1,)).
    For a unit direction u: sum_i ((x_i - mean) . u)^2 / sum_i ||x_i - mean||^2. The largest share,
    over all directions, is the first principal direction's, explained_variance(A, 1)[0].
    """
    A = _rows("A", A)
    directions = _rows("directions", np.reshape(directions, (1, -1)) if np.ndim(directions) == 1 else directions)
    if directions.shape[1] != A.shape[1]:
        raise ValueError(tr("directions must have {d} columns, as many as A has; got shape {shape}", d=A.shape[1],
                            shape=directions.shape))
    lengths = np.linalg.norm(directions, axis=1)
    if np.any(lengths == 0):
        raise ValueError(_("a direction of length 0 has no line to project on"))
    centred = A - A.mean(axis=0)
    total = np.sum(centred ** 2)
    along = ((centred @ (directions / lengths[:, None]).T) ** 2).sum(axis=0)
    return along / total if total > 0 else np.zeros(len(directions))


def layer_maps(net, X_fit, y_fit, X_show, y_show):
    """For each layer after the input (hidden 1, hidden 2, ..., output): its 2-D PCA map.

    The principal directions and the class centroids are fitted on X_fit (the training digits);
    X_show (the test digits) is projected and scored. Returns a list of dicts with "layer" (1..L),
    "points" (n_show, 2), "explained" (2,), "accuracy_2d" (nearest centroid in the map) and
    "accuracy_full" (nearest centroid with all of the layer's activations), "separation" (class_separation of
    X_show's activations, all coordinates) and "separation_2d" (the same in the map).
    """
    checks.check_network(net)
    fit_layers = net.feedforward(X_fit)[1][1:]
    show_layers = net.feedforward(X_show)[1][1:]
    checks.check_labels("y_fit", y_fit, net.sizes[-1], len(fit_layers[0]), "X_fit")
    checks.check_labels("y_show", y_show, net.sizes[-1], len(show_layers[0]), "X_show")
    maps = []
    for l, (fit, show) in enumerate(zip(fit_layers, show_layers), start=1):
        mean, components = principal_components(fit, 2)
        points = project(show, mean, components)
        maps.append({"layer": l, "points": points,
                     "explained": explained_variance(fit, 2),
                     "accuracy_2d": nearest_centroid_accuracy(points, y_show,
                                                              project(fit, mean, components), y_fit),
                     "accuracy_full": nearest_centroid_accuracy(show, y_show, fit, y_fit),
                     "separation": class_separation(show, y_show, net.sizes[-1]),
                     "separation_2d": class_separation(points, y_show, net.sizes[-1])})
    return maps


# ===== training you can watch ======================================================================

class TrainingSession(SGD):
    """The one training loop (helpers/core/training.py), advanced in chunks, with what lesson 06's widget draws.

    Besides SGD's own state (epoch, steps, examples_seen, position, learning_rate, batch_size):
      batch_costs: [(examples_seen after the batch, cost of the batch before its step)];
      test_accuracy: [(examples_seen, accuracy on (X_test, y_test))], starting with the untrained net.
    """

    def __init__(self, net, X, y, X_test, y_test, learning_rate=1.5, batch_size=10, seed=0, evaluate_every=1000):
        checks.check_network(net)
        evaluate_every = checks.check_whole_number("evaluate_every", evaluate_every, 1)
        super().__init__(net, X, y, learning_rate, batch_size, seed=seed)
        self.net = net
        self.X_test, self.Y_test = net.check_batch(X_test, y_test)
        self.evaluate_every = evaluate_every
        self.batch_costs = []
        self.test_accuracy = [(0, net.evaluate(self.X_test, self.Y_test)[1])]
        self._next_evaluation = evaluate_every

    # The widget sets these between two chunks; each mini-batch reads them. Checked when set, so a
    # batch_size of -5 never slices 55 examples out of 60 and a learning rate of "fast" never reaches a step.
    @property
    def learning_rate(self):
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, value):
        self._learning_rate = checks.check_positive("learning_rate", value)

    @property
    def batch_size(self):
        return self._batch_size

    @batch_size.setter
    def batch_size(self, value):
        self._batch_size = checks.check_positive("batch_size", value, whole=True)

    def _record(self, cost):
        self.batch_costs.append((self.examples_seen, float(cost)))
        if self.examples_seen >= self._next_evaluation:
            self.evaluate()

    def step_batch(self):
        """One mini-batch of the current batch_size (shorter at the end of an epoch): its cost, then one step."""
        self.run(steps=1, after_step=self._record)
        return self.batch_costs[-1][1]

    def step_epoch(self):
        """Mini-batches until the current epoch's examples are used up (a whole epoch from its start)."""
        self.run(epochs=1, after_step=self._record)
        return self.evaluate()

    def run_for(self, milliseconds):
        """As many mini-batches as fit in `milliseconds` (at least one): one tick of the Play button."""
        before = self.steps
        self.run(milliseconds=milliseconds, after_step=self._record)
        return self.steps - before

    def evaluate(self):
        """Measure the test accuracy now (and schedule the next measurement)."""
        if self.test_accuracy[-1][0] != self.examples_seen:
            self.test_accuracy.append((self.examples_seen, self.net.evaluate(self.X_test, self.Y_test)[1]))
        self._next_evaluation = self.examples_seen + self.evaluate_every
        return self.test_accuracy[-1][1]
