"""Saving a network to one .npz file and reading it back, safely.

`save_network` writes beside the target and renames into place, so a failed save
leaves any previous file intact; `load_network` names what is wrong with a damaged
or foreign file instead of half-using it.
"""

import os
import tempfile
from pathlib import Path

import numpy as np

from .languages import tr

__all__ = ["npz_path", "save_network", "load_network"]


def npz_path(path):
    """The file `save` writes for `path`: "~" expanded and ".npz" added when the name lacks it (as NumPy does)."""
    path = Path(os.path.expanduser(os.fspath(path)))
    return path if path.suffix == ".npz" else path.with_name(path.name + ".npz")


def save_network(net, path):
    """Write sizes, options and every parameter of `net` to one .npz file; return the path written."""
    path = npz_path(path)
    if not path.parent.is_dir():
        raise FileNotFoundError(tr("cannot save to {path}: the folder {folder} does not exist", path=path,
                                   folder=path.parent))
    arrays = {f"w{l}": W for l, W in enumerate(net.weights)}
    arrays.update({f"b{l}": b for l, b in enumerate(net.biases)})
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez_compressed(f, sizes=np.array(net.sizes), activation=net.activation,
                                cost=net.cost_name, init=net.init, dtype=net.dtype.name, **arrays)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return path


def load_network(network_class, path):
    """A `network_class` (Network) with the sizes, options and parameters saved at `path`."""
    path = Path(path)
    if not path.exists() and npz_path(path).exists():
        path = npz_path(path)
    try:
        with np.load(path, allow_pickle=False) as f:
            sizes = f["sizes"]
            if not np.issubdtype(sizes.dtype, np.integer):
                raise ValueError(tr("layer sizes must be whole numbers, found {sizes}", sizes=sizes.tolist()))
            net = network_class([int(s) for s in sizes], activation=str(f["activation"]), cost=str(f["cost"]),
                                init=str(f["init"]), dtype=np.dtype(str(f["dtype"])))
            for l in range(len(net.weights)):
                W, b = f[f"w{l}"], f[f"b{l}"]
                if W.shape != net.weights[l].shape or b.shape != net.biases[l].shape:
                    raise ValueError(tr("layer {layer} has shape {shape}, expected {expected}", layer=l,
                                        shape=W.shape, expected=net.weights[l].shape))
                if not (np.isfinite(W).all() and np.isfinite(b).all()):
                    raise ValueError(tr("layer {layer} holds NaN or infinite parameters", layer=l))
                net.weights[l], net.biases[l] = W.astype(net.dtype), b.astype(net.dtype)
    except FileNotFoundError:
        raise
    except Exception as exc:
        raise ValueError(tr("{path} is not a network saved by Network.save ({error})", path=path,
                            error=exc)) from exc
    return net
