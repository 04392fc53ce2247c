"""Input checks shared by the network and the gradient checker.

Each check turns a learner's mistake into one clear sentence that names what was
expected and what was given, instead of a broadcasting error from deep inside NumPy.
"""

import numbers

import numpy as np

from .languages import _, tr


def check_sizes(sizes):
    """Layer sizes: a list of at least two positive whole numbers."""
    try:
        sizes = list(sizes)
    except TypeError:
        raise TypeError(tr("sizes must be a list of layer widths such as [784, 16, 16, 10]; got {sizes!r}",
                           sizes=sizes)) from None
    if len(sizes) < 2:
        raise ValueError(tr("a network needs at least two layers (input and output); got sizes={sizes}",
                            sizes=sizes))
    for width in sizes:
        if isinstance(width, bool) or not isinstance(width, numbers.Integral):
            raise TypeError(tr("every layer width must be a whole number; got {width!r} in sizes={sizes}",
                               width=width, sizes=sizes))
        if width <= 0:
            raise ValueError(tr("every layer width must be positive; got {width} in sizes={sizes}", width=width,
                                sizes=sizes))
    return [int(w) for w in sizes]


def check_positive(name, value, whole=False):
    """A learning rate, batch size or epoch count: a positive number."""
    kind = numbers.Integral if whole else numbers.Real
    if isinstance(value, bool) or not isinstance(value, kind):
        if whole:
            raise TypeError(tr("{name} must be a positive whole number; got {value!r}", name=name, value=value))
        raise TypeError(tr("{name} must be a positive number; got {value!r}", name=name, value=value))
    if not value > 0 or not np.isfinite(value):
        raise ValueError(tr("{name} must be positive (and finite); got {value}", name=name, value=value))
    return value


def check_choice(name, value, choices):
    if value not in choices:
        raise ValueError(tr("{name} must be one of {choices}; got {value!r}", name=name, choices=sorted(choices),
                            value=value))
    return value


def _rectangular(name, values, what_each_row_needs):
    """np.asarray, with ragged nested lists named in our words instead of NumPy's.

    `what_each_row_needs` is in the learner's language already (a tr() result).
    """
    try:
        return np.asarray(values)
    except ValueError:
        raise ValueError(tr("{name} must be a rectangular array: {rows}, and all rows the same length; got rows of "
                            "different lengths", name=name, rows=what_each_row_needs)) from None


def check_seed(seed):
    """A random seed: a whole number >= 0 (or None for a different start every time)."""
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0):
        raise TypeError(tr("seed must be a whole number >= 0 (or None); got {seed!r}", seed=seed))
    return seed


def check_images(X, n_in, dtype):
    """Images: (n, n_in) or a single (n_in,) vector of finite numbers.

    Returns (X as a 2-D array of `dtype`, whether a single vector was given).
    """
    if isinstance(X, (str, bytes)) or X is None:
        raise TypeError(tr("X must be an array of shape (n, {n_in}); got {kind}", n_in=n_in, kind=type(X).__name__))
    X = _rectangular("X", X, tr("every row needs {n_in} numbers", n_in=n_in))
    if X.dtype == object or not (np.issubdtype(X.dtype, np.number) or X.dtype == bool):
        raise TypeError(tr("X must hold numbers; got an array of dtype {dtype}", dtype=X.dtype))
    if np.issubdtype(X.dtype, np.complexfloating):
        raise TypeError(_("X must hold real numbers (grey values in [0, 1]); got complex numbers"))
    single = X.ndim == 1
    if single:
        X = X[np.newaxis, :]
    if X.ndim != 2 or X.shape[1] != n_in:
        shape = np.shape(X) if not single else X.shape[1:]
        if n_in == 784:
            raise ValueError(tr("X must have shape (n, {n_in}) or ({n_in},), one example per row; got shape {shape} "
                                "(a 28x28 image must be flattened to 784 values: X.reshape(-1, 784))", n_in=n_in,
                                shape=shape))
        raise ValueError(tr("X must have shape (n, {n_in}) or ({n_in},), one example per row; got shape {shape}",
                            n_in=n_in, shape=shape))
    if X.dtype == np.uint8 and X.size and X.max() > 1:
        raise ValueError(_("X holds pixels as whole numbers 0-255 (dtype uint8); the network expects grey values "
                           "in [0, 1]: divide by 255 first (X / 255)"))
    # One C-ordered array of the network's dtype: a Fortran-ordered X (what X[:, permutation]
    # returns) would make every mini-batch row gather copy the whole array.
    X = np.ascontiguousarray(X, dtype=dtype)
    # min and max in two fast passes: NaN spreads into both, and an infinity shows in one of them
    low, high = (X.min(), X.max()) if X.size else (0.0, 0.0)
    if not (np.isfinite(low) and np.isfinite(high)):
        raise ValueError(_("X contains NaN or infinite values; every input must be a finite number (pixels lie in "
                           "[0, 1])"))
    # Above 2 no image in [0, 1] can be meant (a finite-difference probe may pass 1 by a hair): 0-255 it is.
    if high > 2.0 and n_in == 784:
        raise ValueError(tr("X holds values up to {high:g}, but pixels must lie in [0, 1]; pixels stored as 0-255 "
                            "must be divided by 255 first (X / 255)", high=high))
    return X, single


def check_targets(y, n, n_out, dtype):
    """Targets: integer labels (n,) in 0..n_out-1, or a one-hot-like (n, n_out) array in [0, 1].

    Returns the targets as an (n, n_out) array of `dtype`.
    """
    if isinstance(y, (str, bytes)) or y is None:
        raise TypeError(tr("y must be labels 0-{last} or one-hot rows; got {kind}", last=n_out - 1,
                           kind=type(y).__name__))
    y = _rectangular("y", y, tr("one label per example, or one-hot rows of {n_out}", n_out=n_out))
    if np.issubdtype(y.dtype, np.complexfloating):
        raise TypeError(tr("y must hold real numbers (labels 0-{last} or one-hot rows); got complex numbers",
                           last=n_out - 1))
    if y.ndim == 0:
        y = y.reshape(1)
    if n == 1 and y.shape == (n_out,) and n_out > 1:
        y = y[np.newaxis, :]    # one image with its one-hot target, written flat
    if y.dtype == object or not (np.issubdtype(y.dtype, np.number) or y.dtype == bool):
        raise TypeError(tr("y must hold numbers (labels 0-{last} or one-hot rows); got dtype {dtype}",
                           last=n_out - 1, dtype=y.dtype))
    if y.shape[0] != n:
        raise ValueError(tr("X and y must have the same number of examples; X has {n}, y has {n_y}", n=n,
                            n_y=y.shape[0]))
    if y.ndim == 1:
        if not np.all(np.isfinite(y)) or not np.all(y == np.round(y)):
            raise ValueError(tr("labels must be whole numbers 0-{last}; got non-integer values such as {values}",
                                last=n_out - 1, values=y[y != np.round(y)][:3]))
        labels = y.astype(np.int64)
        bad = (labels < 0) | (labels >= n_out)
        if np.any(bad):
            raise ValueError(tr("labels must lie in 0-{last}; got {values}", last=n_out - 1,
                                values=labels[bad][:5].tolist()))
        Y = np.zeros((n, n_out), dtype=dtype)
        Y[np.arange(n), labels] = 1.0
        return Y
    if y.ndim == 2 and y.shape[1] == n_out:
        Y = y.astype(dtype, copy=False)
        if not np.all(np.isfinite(Y)) or Y.min(initial=0) < 0 or Y.max(initial=0) > 1:
            raise ValueError(_("one-hot targets must be finite numbers in [0, 1]"))
        return Y
    raise ValueError(tr("y must be labels of shape ({n},) or one-hot targets of shape ({n}, {n_out}); got shape "
                        "{shape}", n=n, n_out=n_out, shape=y.shape))


def check_weight_decay(weight_decay, learning_rate):
    """L2 weight decay: a finite number >= 0 small enough that each step shrinks weights without flipping them."""
    if isinstance(weight_decay, bool) or not isinstance(weight_decay, numbers.Real):
        raise TypeError(tr("weight_decay must be a number >= 0; got {value!r}", value=weight_decay))
    if not np.isfinite(weight_decay) or weight_decay < 0:
        raise ValueError(tr("weight_decay must be a finite number >= 0; got {value}", value=weight_decay))
    if learning_rate * weight_decay >= 1:
        raise ValueError(tr("learning_rate * weight_decay = {product:g}, but it must be below 1: each step "
                            "multiplies every weight by 1 - learning_rate * weight_decay, so at 1 or more it wipes "
                            "out or flips the sign of every weight. Use a smaller weight_decay (Nielsen's lambda / n "
                            "is typically 1e-4 to 1e-3).", product=learning_rate * weight_decay))
    return weight_decay


def check_test_pair(test):
    """`test=` must be the pair (X_test, y_test), not the images alone."""
    if not isinstance(test, (tuple, list)) or len(test) != 2:
        kind = tr("an array of shape {shape}", shape=np.shape(test)) if hasattr(test, "shape") else \
            type(test).__name__
        raise TypeError(tr("test must be a pair (X_test, y_test) of images and their labels; got {kind}", kind=kind))
    return test
