"""Damaged digits for lesson 06: noise, rotation, shift and stroke thickness, as pure NumPy.

Every function takes one image (784,) or a batch (n, 784) of pixels in [0, 1] and
returns the same shape, still in [0, 1]; level 0 returns the images unchanged.

- `add_noise(X, sigma, seed)`: Gaussian noise of standard deviation sigma, clipped to [0, 1].
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
"""

import numpy as np

from ._i18n import N_, tr
from .images import SIDE

__all__ = ["KINDS", "add_noise", "rotate", "shift", "thicken", "damage", "damage_curve"]

CENTRE = (SIDE - 1) / 2   # the middle of the frame, 13.5: rotation turns about this point (row and column)

# kind: (what the level means, the levels the lesson's curves use). The kinds and their
# words are English (code compares the kinds); show them with _(kind) and _(KINDS[kind][0]).
KINDS = {
    N_("noise"): (N_("noise σ"), (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)),
    N_("rotation"): (N_("rotation (degrees)"), (0, 10, 20, 30, 40, 50, 60)),
    N_("shift"): (N_("shift right (pixels)"), (0, 1, 2, 3, 4, 5)),
    N_("thickness"): (N_("stroke thickness (passes; − = thinner)"), (-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2)),
}


def _batch(X):
    X = np.asarray(X, dtype=float)
    if X.shape[-1] != SIDE * SIDE or X.ndim not in (1, 2):
        raise ValueError(tr("expected one image of {pixels} pixels or a batch (n, {pixels}); got {shape}",
                            pixels=SIDE * SIDE, shape=X.shape))
    return X.reshape(-1, SIDE * SIDE), X.shape


def add_noise(X, sigma, seed=0):
    """X + N(0, sigma^2) noise, independently per pixel (seeded), clipped back into [0, 1]."""
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
    """
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
    """Move every image down by `rows` and right by `cols` pixels (fractions allowed; negative = up/left)."""
    batch, shape = _batch(X)
    if rows == 0 and cols == 0:
        return batch.reshape(shape).copy()
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
    out = (1 - f) * before + f * filtered. amount = 0 changes nothing.
    """
    batch, shape = _batch(X)
    pictures = batch.reshape(-1, SIDE, SIDE).copy()
    reduce = np.maximum if amount > 0 else np.minimum
    whole, fraction = divmod(abs(float(amount)), 1.0)
    for _ in range(int(whole)):
        pictures = _filter3x3(pictures, reduce)
    if fraction > 0:
        pictures = (1 - fraction) * pictures + fraction * _filter3x3(pictures, reduce)
    return pictures.reshape(shape)


def damage(X, kind, level, seed=0):
    """One kind of damage at one level: "noise" (sigma), "rotation" (degrees), "shift" (pixels right),
    "thickness" (passes, negative = thinner)."""
    if kind == "noise":
        return add_noise(X, level, seed)
    if kind == "rotation":
        return rotate(X, level)
    if kind == "shift":
        return shift(X, 0.0, level)
    if kind == "thickness":
        return thicken(X, level)
    raise ValueError(tr("kind must be one of {kinds}; got {kind!r}", kinds=list(KINDS), kind=kind))


def damage_curve(net, X, y, kind, levels=None, seed=0):
    """The network's accuracy on X damaged at each level (KINDS' levels by default): (levels, accuracies)."""
    levels = KINDS[kind][1] if levels is None else levels
    return np.asarray(levels, dtype=float), np.array([net.accuracy(damage(X, kind, level, seed), y) for level in levels])
