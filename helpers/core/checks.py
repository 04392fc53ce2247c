"""Input checks shared by the network and the gradient checker.

Each check turns a learner's mistake into one clear sentence that names what was
expected and what was given, instead of a broadcasting error from deep inside NumPy.
"""

import difflib
import math
import numbers

import numpy as np

from .languages import _, tr


def check_sizes(sizes):
    """Layer sizes: an ordered list of at least two positive whole numbers (16.0 counts as 16).

    Returns them as a list of Python ints.
    """
    if isinstance(sizes, (set, frozenset)):
        try:
            example = sorted((_plain(w) for w in sizes), reverse=True)
        except TypeError:                   # widths that do not compare: no example from them
            example = [784, 16, 16, 10]
        raise TypeError(tr("sizes must be a list in layer order, input first, such as {example}; got a set, which "
                           "keeps no order", example=example))
    if isinstance(sizes, np.ndarray) and sizes.ndim != 1:
        raise TypeError(tr("sizes must be a list of layer widths such as [784, 16, 16, 10]; got an array of shape "
                           "{shape}", shape=sizes.shape))
    if isinstance(sizes, (str, bytes, dict)):
        raise TypeError(tr("sizes must be a list of layer widths such as [784, 16, 16, 10]; got {sizes!r}",
                           sizes=sizes))
    try:
        sizes = [_plain(w) for w in sizes]
    except TypeError:
        raise TypeError(tr("sizes must be a list of layer widths such as [784, 16, 16, 10]; got {sizes!r}",
                           sizes=sizes)) from None
    if len(sizes) < 2:
        raise ValueError(tr("a network needs at least two layers (input and output); got sizes={sizes}",
                            sizes=sizes))
    for width in sizes:
        whole = isinstance(width, numbers.Integral) or (isinstance(width, numbers.Real)
                                                        and float(width).is_integer())
        if isinstance(width, bool) or not whole:
            raise TypeError(tr("every layer width must be a whole number; got {width!r} in sizes={sizes}",
                               width=width, sizes=sizes))
        if width <= 0:
            raise ValueError(tr("every layer width must be positive; got {width} in sizes={sizes}", width=width,
                                sizes=sizes))
    sizes = [int(w) for w in sizes]
    n_params = sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
    if n_params > MAX_PARAMETERS:
        raise ValueError(tr("sizes={sizes} would make {n:,} weights and biases ({gigabytes:,.0f} GB in float64), far "
                            "more than {limit:,}; the lessons' networks have at most about 100,000: use narrower "
                            "layers", sizes=sizes, n=n_params, gigabytes=n_params * 8 / 1e9, limit=MAX_PARAMETERS))
    return sizes


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
    # Below 0 by more than a nudge: centred or standardised inputs (X - mean, X * 2 - 1), or noise left unclipped.
    if low < -NEGATIVE_PIXEL_TOLERANCE and n_in == 784:
        raise ValueError(tr("X holds values down to {low:g}, but pixels must lie in [0, 1] (0 black, 1 white): this "
                            "network expects grey values as load_digits gives them, not standardised or centred inputs "
                            "(X - X.mean(), X * 2 - 1); use X in [0, 1] (np.clip(X, 0, 1) for noise that went below "
                            "0)", low=low))
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


# ----- used by check_sizes and check_images ----------------------------------------------------

# Far above any network of these lessons (lesson 05's largest has about 80,000): beyond it the
# arrays alone take gigabytes and every step minutes.
MAX_PARAMETERS = 10**8

# How far below 0 a pixel may be and still be meant as one: a finite-difference probe nudges a black pixel
# down by its step (lesson 05 checks the input gradient with 1e-5; steps beyond 1e-2 measure nothing), and a
# blend of pixels may round a hair below 0. Standardised or centred images reach -0.4 to -1.
NEGATIVE_PIXEL_TOLERANCE = 0.05


def _plain(value):
    """A NumPy scalar as the Python number it holds, so that messages show 16.5 rather than np.float64(16.5)."""
    return value.item() if isinstance(value, np.generic) else value


# ----- small shared checks for the lesson math modules (issue 23) ------------------------------
# Each names the argument, what it must be (type, range or shape) and the value received.


def describe(value):
    """A value as an error message shows it: repr for a number or a short value, the shape for a big array."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, np.ndarray):
        if value.size > 6:
            return tr("an array of shape {shape}", shape=value.shape)
        value = value.tolist()
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _bound(value):
    """A range's end as a message shows it: 1,000,000 for a whole number, 1e-10 or 0.1 for a fraction."""
    return f"{value:,}" if isinstance(value, numbers.Integral) else f"{value:g}"


def _number_message(name, value, low, high, whole):
    shown, low_shown, high_shown = describe(value), None if low is None else _bound(low), \
        None if high is None else _bound(high)
    if whole:
        if low is not None and high is not None:
            return tr("{name} must be a whole number between {low} and {high}; got {value}", name=name,
                      low=low_shown, high=high_shown, value=shown)
        if low is not None:
            return tr("{name} must be a whole number >= {low}; got {value}", name=name, low=low_shown, value=shown)
        return tr("{name} must be a whole number; got {value}", name=name, value=shown)
    if low is not None and high is not None:
        return tr("{name} must be a number between {low} and {high}; got {value}", name=name, low=low_shown,
                  high=high_shown, value=shown)
    if low is not None:
        return tr("{name} must be a finite number >= {low}; got {value}", name=name, low=low_shown, value=shown)
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return tr("{name} must be a finite number; got {value}", name=name, value=shown)
    return tr("{name} must be a number; got {value}", name=name, value=shown)


def check_number(name, value, low=None, high=None):
    """A real number (Python's or NumPy's; not a bool, not a string), finite, and in [low, high] when given.

    TypeError for a value that is no number, ValueError for NaN, infinity or a number out of range.
    Returns the value unchanged (its type too: results stay exactly what they were).
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(_number_message(name, value, low, high, whole=False))
    if not _finite(value) or (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(_number_message(name, value, low, high, whole=False))
    return value


def _finite(value):
    """A real number is finite (a Python int always is, even one too big for a float)."""
    return isinstance(value, numbers.Integral) or math.isfinite(value)


def check_whole_number(name, value, low=None, high=None):
    """A whole number (an int, a NumPy integer, or a float such as 2.0 that is whole) in [low, high]; returns an int.

    TypeError for a value that is no number, ValueError for a fraction, NaN, infinity or a number out of range.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(_number_message(name, value, low, high, whole=True))
    if not isinstance(value, numbers.Integral) and not (math.isfinite(value) and float(value).is_integer()):
        raise ValueError(_number_message(name, value, low, high, whole=True))
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(_number_message(name, value, low, high, whole=True))
    return int(value)


def check_numbers(name, values, low=None, high=None, example="[0, 0.5, 1]"):
    """A list (or 1-D array) of at least one finite real number, each in [low, high] when given.

    Returns them as a 1-D float array; the message names the first bad one as name[i].
    """
    def wrong():
        return tr("{name} must be a list of numbers such as {example}; got {value}", name=name, example=example,
                  value=describe(values))

    array = _list_as_array(values, wrong, refused=(numbers.Number, np.generic))
    if array.ndim != 1:
        raise ValueError(wrong())
    if array.size == 0:
        raise ValueError(tr("{name} must hold at least one number, such as {example}; got an empty list", name=name,
                            example=example))
    for i, value in enumerate(array.tolist() if array.dtype != object else list(array)):
        check_number(f"{name}[{i}]", value, low, high)
    return array.astype(float)


def _list_as_array(values, message, refused=()):
    """np.asarray(values) for a list-like; TypeError(message()) for None, text, a dict, `refused` or a ragged list."""
    if values is None or isinstance(values, (str, bytes, dict, *refused)):
        raise TypeError(message())
    try:
        return np.asarray(values)
    except ValueError:                       # ragged: rows of different lengths
        raise TypeError(message()) from None


def closest_name(value, choices):
    """The choice a typo most likely meant ('shuffled-pixels' -> 'shuffled_pixels', 'Noise' -> 'noise'), or None."""
    if not isinstance(value, str):
        return None
    names = [c for c in choices if isinstance(c, str)]

    def key(text):
        return text.strip().lower().replace("-", "_").replace(" ", "_")

    keys = [key(c) for c in names]
    if key(value) in keys:
        return names[keys.index(key(value))]
    close = difflib.get_close_matches(key(value), keys, n=1, cutoff=0.6)
    return names[keys.index(close[0])] if close else None


def check_one_of(name, value, choices):
    """`value` must be one of `choices` (shown in their order); a near miss is named: "did you mean ...?"."""
    choices = list(choices)
    try:
        if value in choices:
            return value
    except (TypeError, ValueError):          # an unhashable value, or an array (no single truth value)
        pass
    guess = closest_name(value, choices)
    if guess is None:
        raise ValueError(tr("{name} must be one of {choices}; got {value!r}", name=name, choices=choices,
                            value=value))
    raise ValueError(tr("{name} must be one of {choices}; got {value!r}: did you mean {guess!r}?", name=name,
                        choices=choices, value=value, guess=guess))


def check_function(name, value):
    """None or something callable (a progress or tick callback)."""
    if value is not None and not callable(value):
        raise TypeError(tr("{name} must be a function (or None); got {value}", name=name, value=describe(value)))
    return value


def check_network(net):
    """The first argument of a lesson function that works on a network: something with Network's methods."""
    if not all(hasattr(net, attribute) for attribute in ("sizes", "weights", "biases", "feedforward")):
        raise TypeError(tr("the first argument must be a Network (e.g. Network([784, 16, 16, 10])); got {kind}",
                           kind=type(net).__name__))
    return net


def check_one_example(name, x, n_in):
    """One example: shape (n_in,) or (1, n_in); a batch of several is named (what is in it is check_images's job)."""
    try:
        shape = np.shape(x)
    except ValueError:                       # ragged: check_images names it
        return x
    if len(shape) > 2 or (len(shape) == 2 and shape[0] != 1):
        raise ValueError(tr("{name} must be one image of shape ({n_in},); got shape {shape} (to use one of a batch, "
                            "pick its row: X[i])", name=name, n_in=n_in, shape=shape))
    return x


def check_labels(name, labels, n_classes, length=None, other=None):
    """Class labels: whole numbers 0..n_classes-1, one per example (a single label counts as one).

    With `length`, there must be that many, as many as `other` (named in the message) has examples.
    Returns them as a 1-D int64 array; nothing is ever dropped, wrapped around or rounded.
    """
    last = n_classes - 1
    array = _list_as_array(labels, lambda: tr("{name} must be whole numbers 0-{last}, one per example; got {value}",
                                              name=name, last=last, value=describe(labels)))
    if array.dtype == object or array.dtype.kind not in "iuf":
        raise TypeError(tr("{name} must hold numbers (whole numbers 0-{last}); got {value}", name=name, last=last,
                           value=describe(labels)))
    if array.ndim == 0:
        array = array.reshape(1)
    if array.ndim != 1:
        expected = "(n,)" if length is None else f"({length},)"
        if array.ndim == 2 and array.shape[1] == n_classes:
            raise ValueError(tr("{name} must be one whole number per example, shape {expected}; got shape {shape}: for "
                                "outputs or one-hot rows, take each row's largest entry first (.argmax(axis=1))",
                                name=name, expected=expected, shape=array.shape))
        raise ValueError(tr("{name} must be one whole number per example, shape {expected}; got shape {shape}",
                            name=name, expected=expected, shape=array.shape))
    if array.dtype.kind == "f":
        fractional = ~np.isfinite(array) | (array != np.round(array))
        if np.any(fractional):
            raise ValueError(tr("{name} must be whole numbers 0-{last}; got {values}", name=name, last=last,
                                values=array[fractional][:3].tolist()))
    bad = (array < 0) | (array > last)
    if np.any(bad):
        raise ValueError(tr("{name} must lie in 0-{last}; got {values}", name=name, last=last,
                            values=array[bad][:5].tolist()))
    if length is not None and len(array) != length:
        raise ValueError(tr("{name} and {other} must have the same number of examples; {other} has {n_other}, {name} "
                            "has {n}", name=name, other=other, n_other=length, n=len(array)))
    return array.astype(np.int64)
