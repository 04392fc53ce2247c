"""Saving a network to one .npz file and reading it back, safely.

`save_network` writes beside the target and renames into place, so a failed save
leaves any previous file intact; `load_network` names what is wrong with a damaged
or foreign file instead of half-using it.
"""

import errno
import os
import tempfile
from pathlib import Path

import numpy as np

from .languages import tr

__all__ = ["npz_path", "save_npz", "save_network", "load_network"]


def _as_path(path):
    """A file name (str or pathlib.Path) as a Path with "~" expanded; anything else named in words."""
    if not isinstance(path, (str, os.PathLike)) or not os.fspath(path).strip():
        raise TypeError(tr("the path must be a file name such as \"my_network.npz\" (a str or a pathlib.Path); got "
                           "{value!r}", value=path))
    return Path(os.path.expanduser(os.fspath(path)))


def npz_path(path):
    """The file `save` writes for `path`: "~" expanded and ".npz" added when the name lacks it (as NumPy does)."""
    path = _as_path(path)
    return path if path.suffix == ".npz" else path.with_name(path.name + ".npz")


def save_network(net, path):
    """Write sizes, options and every parameter of `net` to one .npz file (save_npz); return the path written."""
    arrays = {f"w{l}": W for l, W in enumerate(net.weights)}
    arrays.update({f"b{l}": b for l, b in enumerate(net.biases)})
    return save_npz(path, sizes=np.array(net.sizes), activation=net.activation, cost=net.cost_name,
                    init=net.init, dtype=net.dtype.name, **arrays)


def save_npz(path, **arrays):
    """Write `arrays` to one compressed .npz file at `path` (".npz" added if missing); return the path written.

    The file is written beside the target under a temporary name and renamed into place,
    so a save that fails (or is interrupted) leaves any file already at `path` as it was;
    every failure names `path`, never the temporary file.
    """
    path = npz_path(path)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, tr("cannot save to {path}: it is a folder; give a file name inside it, "
                                                 "such as {example}", path=path, example=path / "my_network.npz"))
    if not path.parent.is_dir():
        if path.parent.exists():
            raise NotADirectoryError(errno.ENOTDIR, tr("cannot save to {path}: {folder} is a file, not a folder",
                                                       path=path, folder=path.parent))
        raise FileNotFoundError(tr("cannot save to {path}: the folder {folder} does not exist", path=path,
                                   folder=path.parent))
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".part")
    except OSError as exc:
        raise _save_error(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez_compressed(f, **arrays)
        os.replace(tmp, path)
    except OSError as exc:
        raise _save_error(path, exc) from None
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return path


def _save_error(path, exc):
    """The OSError of a failed save in our words: the target path (not the temporary file), why, what to do."""
    folder, error = path.parent, exc.strerror or str(exc)
    if exc.errno in (errno.EACCES, errno.EPERM):
        message = tr("cannot save to {path}: you have no permission to write in the folder {folder} ({error}). Save "
                     "in a folder of your own, e.g. net.save(\"my_network\") writes beside this notebook",
                     path=path, folder=folder, error=error)
    elif exc.errno == errno.EROFS:
        message = tr("cannot save to {path}: the folder {folder} is on a read-only file system ({error}). Save in "
                     "another folder", path=path, folder=folder, error=error)
    elif exc.errno in (errno.ENOSPC, errno.EDQUOT):
        message = tr("cannot save to {path}: the disk (or your quota) is full ({error}). Free some space or save in "
                     "another folder; a file already at {path} is unchanged", path=path, error=error)
    else:
        message = tr("cannot save to {path}: {error}", path=path, error=error)
    return OSError(exc.errno, message) if exc.errno is not None else OSError(message)


def load_network(network_class, path):
    """A `network_class` (Network) with the sizes, options and parameters saved at `path`."""
    path = _as_path(path)
    if not path.exists() and npz_path(path).exists():
        path = npz_path(path)
    if not path.exists():
        raise FileNotFoundError(errno.ENOENT, tr("cannot load {path}: there is no such file (a name without a folder "
                                                 "is looked for in {folder})", path=path, folder=Path.cwd()))
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, tr("cannot load {path}: it is a folder, not a file written by "
                                                 "Network.save", path=path))
    try:
        with np.load(path, allow_pickle=False) as f:
            sizes = f["sizes"]
            if not np.issubdtype(sizes.dtype, np.integer):
                raise ValueError(tr("layer sizes must be whole numbers, found {sizes}", sizes=sizes.tolist()))
            net = network_class([int(s) for s in sizes], activation=str(f["activation"]), cost=str(f["cost"]),
                                init=str(f["init"]), dtype=np.dtype(str(f["dtype"])))
            for l in range(len(net.weights)):
                W, b = f[f"w{l}"], f[f"b{l}"]
                if W.shape != net.weights[l].shape:
                    raise ValueError(tr("the weights of layer {layer} have shape {shape}, expected {expected}",
                                        layer=l, shape=W.shape, expected=net.weights[l].shape))
                if b.shape != net.biases[l].shape:
                    raise ValueError(tr("the biases of layer {layer} have shape {shape}, expected {expected}",
                                        layer=l, shape=b.shape, expected=net.biases[l].shape))
                if not (np.isfinite(W).all() and np.isfinite(b).all()):
                    raise ValueError(tr("layer {layer} holds NaN or infinite parameters", layer=l))
                net.weights[l], net.biases[l] = W.astype(net.dtype), b.astype(net.dtype)
    except FileNotFoundError:
        raise
    except PermissionError as exc:
        raise PermissionError(exc.errno, tr("cannot load {path}: you have no permission to read it ({error})",
                                            path=path, error=exc.strerror)) from None
    except Exception as exc:
        raise ValueError(tr("{path} is not a network saved by Network.save ({error})", path=path,
                            error=exc)) from exc
    return net
