"""Images as MNIST prepares them, and the damage that preparation protects against.

MNIST's description (LeCun, Cortes and Burges, http://yann.lecun.com/exdb/mnist/):
each digit was scaled to fit a 20x20 box, keeping its aspect ratio (the scaling
anti-aliases, so edges turn grey), then placed in a 28x28 frame so that its
centre of mass sits at the centre. `mnist_preprocess` does both to any drawing.

The damage: `shift_images` (off-centre digits), `thin_strokes` (thinner pen),
`shuffle_pixels` with `pixel_permutation` (one fixed shuffle of the 784 pixel
positions, the same for every image).

Shapes: images are rows of 784 pixels in [0, 1] (axis 0 is the batch), or a
single (784,) vector, or a 2-D picture where the docstring says so.
NumPy only: no plotting, no widgets.
"""

import functools
import math

import numpy as np

from ..core.languages import _, tr

__all__ = ["SIDE", "BOX", "CENTRE", "PERMUTATION_SEED", "as_picture", "center_of_mass", "mnist_preprocess",
           "shift_images", "thin_strokes", "shuffle_pixels", "pixel_permutation"]

SIDE = 28            # MNIST images are 28 x 28
BOX = 20             # ... and each digit was scaled to fit a 20 x 20 box inside them
CENTRE = 14.0        # where MNIST puts the centre of mass (row and column, counted from 0)
PERMUTATION_SEED = 2017   # the one fixed shuffle of the 784 pixel positions


def as_picture(image):
    """A 2-D float array from a 2-D picture or a flat square one (784 -> 28 x 28)."""
    picture = np.asarray(image, dtype=float)
    if picture.ndim == 1:
        side = int(round(np.sqrt(picture.size)))
        if side * side != picture.size:
            raise ValueError(tr("a flat image must have a square number of pixels (784 = 28x28); got {size}",
                                size=picture.size))
        picture = picture.reshape(side, side)
    if picture.ndim != 2 or min(picture.shape) < 1:
        raise ValueError(tr("an image must be 2-D (rows, columns) or flat (784,); got shape {shape}",
                            shape=np.shape(image)))
    if not np.all(np.isfinite(picture)):
        raise ValueError(_("the image contains NaN or infinite values; pixels must lie in [0, 1]"))
    return picture


def center_of_mass(image):
    """The brightness-weighted mean position (row, column) of a 2-D image.

        row = sum_rc r I[r, c] / sum_rc I[r, c],   column = sum_rc c I[r, c] / sum_rc I[r, c]

    Rows and columns count from 0 at the top left. An all-black image has no
    centre of mass: we return the middle of the frame.
    """
    picture = as_picture(image)
    total = picture.sum()
    if total <= 0:
        return ((picture.shape[0] - 1) / 2, (picture.shape[1] - 1) / 2)
    rows = np.arange(picture.shape[0]) @ picture.sum(axis=1) / total
    cols = np.arange(picture.shape[1]) @ picture.sum(axis=0) / total
    return float(rows), float(cols)


@functools.cache
def _area_resample_matrix(n_out, n_in):
    """(n_out, n_in) matrix that resizes a line of n_in pixels to n_out by area averaging.

    Output pixel i covers the input stretch [i s, (i + 1) s) with s = n_in / n_out;
    its value is the mean of the input over that stretch (partly covered pixels
    count by their overlap). Shrinking this way anti-aliases, as MNIST's
    normalisation did; growing repeats pixels. Every row sums to 1.
    """
    s = n_in / n_out
    starts = np.arange(n_out)[:, None] * s
    k = np.arange(n_in)[None, :]
    overlap = np.maximum(np.minimum(starts + s, k + 1) - np.maximum(starts, k), 0.0)
    matrix = overlap / s
    matrix.flags.writeable = False   # cached and shared: nobody may change it
    return matrix


def mnist_preprocess(image, box=BOX, side=SIDE, threshold=0.0):
    """Prepare a drawing the way MNIST's digits were prepared; returns (784,) in [0, 1].

      1. crop to the bounding box of the pixels brighter than `threshold`;
      2. scale that box by box / max(height, width) (aspect ratio kept) with
         area averaging (`_area_resample_matrix`);
      3. paste it into a side x side frame shifted by whole pixels so that its
         centre of mass lands on (14, 14), rows and columns counted from 0 (the
         bundled digits' centres of mass lie within half a pixel of it);
         a lopsided drawing whose box would stick out is kept inside the frame.
    `image` is any 2-D picture (a canvas grid, 28x28 or larger) or a flat (784,)
    vector, values in [0, 1]. An empty drawing gives an all-black image.
    """
    picture = np.minimum(np.maximum(as_picture(image), 0.0), 1.0)
    lit = picture > threshold
    lit_rows = np.flatnonzero(lit.any(axis=1))
    lit_cols = np.flatnonzero(lit.any(axis=0))
    frame = np.zeros((side, side))
    if lit_rows.size == 0:
        return frame.ravel()
    crop = picture[lit_rows[0]:lit_rows[-1] + 1, lit_cols[0]:lit_cols[-1] + 1]
    height, width = crop.shape
    scale = box / max(height, width)
    new_height, new_width = max(1, int(round(height * scale))), max(1, int(round(width * scale)))
    scaled = _area_resample_matrix(new_height, height) @ crop @ _area_resample_matrix(new_width, width).T
    row, col = center_of_mass(scaled)
    centre = side / 2   # (14, 14) in a 28x28 frame, as in MNIST
    top = min(max(math.floor(centre - row + 0.5), 0), side - new_height)
    left = min(max(math.floor(centre - col + 0.5), 0), side - new_width)
    frame[top:top + new_height, left:left + new_width] = scaled
    return np.minimum(frame, 1.0).ravel()   # averages of values <= 1 are <= 1; this only trims rounding


def shift_images(X, rows, cols):
    """Move every image by whole pixels (down by `rows`, right by `cols`; negative = up/left).

    Pixels pushed over the edge are lost and the uncovered strip is black: no
    wrap-around (np.roll would bring the digit back in on the other side).
    X: (n, 784) or (784,); returns the same shape.
    """
    X = np.asarray(X, dtype=float)
    pictures = X.reshape(-1, SIDE, SIDE)
    out = np.zeros_like(pictures)
    r_src, r_dst = ((slice(0, SIDE - rows), slice(rows, SIDE)) if rows >= 0
                    else (slice(-rows, SIDE), slice(0, SIDE + rows)))
    c_src, c_dst = ((slice(0, SIDE - cols), slice(cols, SIDE)) if cols >= 0
                    else (slice(-cols, SIDE), slice(0, SIDE + cols)))
    if abs(rows) < SIDE and abs(cols) < SIDE:
        out[:, r_dst, c_dst] = pictures[:, r_src, c_src]
    return out.reshape(X.shape)


def thin_strokes(X, times=1):
    """Make strokes thinner by grey-level erosion, `times` over.

    Each pass replaces a pixel by the darkest of itself and its four neighbours
    (up, down, left, right; outside the frame counts as black), so every stroke
    loses about one pixel on each side. X: (n, 784) or (784,); same shape back.
    """
    X = np.asarray(X, dtype=float)
    pictures = X.reshape(-1, SIDE, SIDE).copy()
    for _step in range(times):
        padded = np.pad(pictures, ((0, 0), (1, 1), (1, 1)))
        pictures = np.minimum.reduce([padded[:, 1:-1, 1:-1], padded[:, :-2, 1:-1], padded[:, 2:, 1:-1],
                                      padded[:, 1:-1, :-2], padded[:, 1:-1, 2:]])
    return pictures.reshape(X.shape)


def shuffle_pixels(X, permutation):
    """Apply ONE permutation of the 784 pixel positions to every image: column i of the
    result is column permutation[i] of X (X[:, permutation]). Rows (images) stay in place."""
    X = np.asarray(X)
    return X[..., np.asarray(permutation)]


def pixel_permutation(seed=PERMUTATION_SEED):
    """The fixed shuffle of the 784 pixel positions used by the shuffled-pixels experiment."""
    return np.random.default_rng(seed).permutation(SIDE * SIDE)
