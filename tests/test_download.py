"""The full-MNIST downloader against a local HTTP server on 127.0.0.1.

The test makes its own small MNIST look-alike (20 training and 10 test images of
28x28 pixels, gzipped IDX files with correct headers), serves it from a
ThreadingHTTPServer in a background thread, and checks every path of
helpers/core/data.py's downloader: a good mirror, a dead mirror before a good one, a
corrupt file, a truncated download, a cached file reused without the network, a
corrupt cached file replaced, a truncated IDX body, the command line when
every mirror fails, a server too slow for the overall timeout, "~" in the cache
folder, a folder we may not write, a full disk, and .part files a killed
download left. No request leaves 127.0.0.1; every timeout is 2 s.
"""

import gzip
import hashlib
import http.server
import os
import socket
import struct
import threading
import time

import numpy as np
import pytest

import helpers.core.data as data

TIMEOUT = 2  # seconds, for every client call that accepts one
N_TRAIN, N_TEST = 20, 10


# ----- generated data -----------------------------------------------------------

def idx_bytes(array):
    """The IDX encoding of a uint8 array: 0, 0, 0x08 (unsigned byte), ndim, big-endian dims, body."""
    array = np.ascontiguousarray(array, dtype=np.uint8)
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(struct.pack(">I", d) for d in array.shape)
    return header + array.tobytes()


def gz(raw):
    return gzip.compress(raw, mtime=0)


@pytest.fixture(scope="module")
def dataset():
    """{name: gzipped bytes}, {name: md5}, and the raw arrays, for a tiny MNIST."""
    rng = np.random.default_rng(1)
    arrays = {
        "train-images-idx3-ubyte.gz": rng.integers(0, 256, size=(N_TRAIN, 28, 28), dtype=np.uint8),
        "train-labels-idx1-ubyte.gz": rng.integers(0, 10, size=N_TRAIN, dtype=np.uint8),
        "t10k-images-idx3-ubyte.gz": rng.integers(0, 256, size=(N_TEST, 28, 28), dtype=np.uint8),
        "t10k-labels-idx1-ubyte.gz": rng.integers(0, 10, size=N_TEST, dtype=np.uint8),
    }
    arrays["train-images-idx3-ubyte.gz"][0, 0, 0] = 255      # make sure 255 -> 1.0 is exercised
    files = {name: gz(idx_bytes(a)) for name, a in arrays.items()}
    # the magic numbers MNIST documents
    assert gzip.decompress(files["train-images-idx3-ubyte.gz"])[:4] == (0x00000803).to_bytes(4, "big")
    assert gzip.decompress(files["train-labels-idx1-ubyte.gz"])[:4] == (0x00000801).to_bytes(4, "big")
    md5s = {name: hashlib.md5(blob).hexdigest() for name, blob in files.items()}
    return files, md5s, arrays


# ----- the local server ---------------------------------------------------------

class Handler(http.server.BaseHTTPRequestHandler):
    """Serves server.files under a path prefix that decides how it behaves:

    /good/NAME       the file
    /corrupt/NAME    the right length of wrong bytes
    /truncated/NAME  a Content-Length 1,000 bytes too large, half the file, then closes
    /missing/NAME    404
    /forbidden/NAME  403
    /garbage/NAME    bytes that are not an HTTP response
    /chunked/NAME    a chunked response cut off in the middle of its one chunk
    /slow/NAME       the file in 200-byte pieces, one every 0.05 s (no socket timeout ever fires)
    """

    protocol_version = "HTTP/1.0"   # one request per connection; the server closes it afterwards
    timeout = TIMEOUT

    def do_GET(self):
        self.server.requests.append(self.path)
        _, mode, name = self.path.split("/", 2)
        blob = self.server.files.get(name)
        if mode == "forbidden":
            return self.send_error(403)
        if mode == "garbage":                                  # not HTTP at all
            self.wfile.write(b"this is not an HTTP response\r\n\r\n")
            return
        if mode == "chunked" and blob is not None:             # chunked body cut off mid-chunk
            self.wfile.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
            self.wfile.write(b"%x\r\n" % len(blob) + blob[: len(blob) // 2])
            self.close_connection = True
            return
        if mode == "slow" and blob is not None:
            self.send_response(200)
            self.send_header("Content-Length", str(len(blob)))
            self.end_headers()
            try:
                for start in range(0, len(blob), 200):
                    self.wfile.write(blob[start:start + 200])
                    self.wfile.flush()
                    time.sleep(0.05)
            except OSError:          # the client gave up: that is the point
                pass
            self.close_connection = True
            return
        if mode not in ("good", "corrupt", "truncated") or blob is None:
            return self.send_error(404)
        declared = len(blob)
        if mode == "corrupt":
            blob = bytes(b ^ 0x5A for b in blob)
        elif mode == "truncated":
            declared, blob = len(blob) + 1000, blob[: len(blob) // 2]
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(declared))
        self.end_headers()
        self.wfile.write(blob)
        self.wfile.flush()
        self.close_connection = True

    def log_message(self, *args):   # keep the test output quiet
        pass


@pytest.fixture
def server(dataset):
    """A live server on 127.0.0.1 at a free port; .url(mode) gives a mirror URL."""
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.files = dataset[0]
    srv.requests = []
    srv.url = lambda mode: f"http://127.0.0.1:{srv.server_address[1]}/{mode}/"
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=5)


@pytest.fixture
def dead_url():
    """A 127.0.0.1 port that is bound but not listening: connecting is refused at once."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/mnist/"
    finally:
        sock.close()


@pytest.fixture
def md5s(dataset, monkeypatch):
    """The generated files' checksums, installed as helpers.core.data.MNIST_FILES."""
    monkeypatch.setattr(data, "MNIST_FILES", dict(dataset[1]))
    return dict(dataset[1])


def fetch(cache, mirrors, files):
    return data.fetch_mnist_files(cache_dir=cache, mirrors=mirrors, files=files, progress=False, timeout=TIMEOUT)


def md5_of(path):
    return hashlib.md5(path.read_bytes()).hexdigest()


# ----- the cases ----------------------------------------------------------------

def test_good_mirror_delivers_every_file(tmp_path, server, dataset, md5s):
    paths = fetch(tmp_path, [server.url("good")], md5s)
    assert set(paths) == set(md5s)
    for name, path in paths.items():
        assert path == tmp_path / name
        assert path.read_bytes() == dataset[0][name]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(md5s)     # no .part left over
    assert sorted(server.requests) == sorted(f"/good/{n}" for n in md5s)
    assert data.mnist_is_cached(tmp_path)


def test_load_mnist_returns_scaled_images_and_int_labels(tmp_path, server, dataset, md5s):
    arrays = dataset[2]
    (X, y), (X_test, y_test) = data.load_mnist(cache_dir=tmp_path, mirrors=[server.url("good")], progress=False)
    assert X.shape == (N_TRAIN, 784) and X_test.shape == (N_TEST, 784)
    assert X.dtype == np.float64 and X_test.dtype == np.float64
    assert y.dtype == np.int64 and y_test.dtype == np.int64 and y.shape == (N_TRAIN,)
    np.testing.assert_array_equal(X, arrays["train-images-idx3-ubyte.gz"].reshape(N_TRAIN, 784) / 255.0)
    np.testing.assert_array_equal(X_test, arrays["t10k-images-idx3-ubyte.gz"].reshape(N_TEST, 784) / 255.0)
    np.testing.assert_array_equal(y, arrays["train-labels-idx1-ubyte.gz"])
    np.testing.assert_array_equal(y_test, arrays["t10k-labels-idx1-ubyte.gz"])
    assert X[0, 0] == 1.0 and X.min() >= 0.0 and X.max() <= 1.0


@pytest.mark.parametrize("first", ["dead port", "missing", "forbidden"])
def test_dead_mirror_then_good_mirror(tmp_path, server, dead_url, dataset, md5s, first):
    bad = dead_url if first == "dead port" else server.url(first)
    paths = fetch(tmp_path, [bad, server.url("good")], md5s)
    for name, path in paths.items():
        assert path.read_bytes() == dataset[0][name]
    good_requests = [r for r in server.requests if r.startswith("/good/")]
    assert sorted(good_requests) == sorted(f"/good/{n}" for n in md5s)   # the second mirror served them all
    if first != "dead port":
        assert sorted(r for r in server.requests if not r.startswith("/good/")) == sorted(
            f"/{first}/{n}" for n in md5s)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(md5s)


def test_corrupt_file_names_every_mirror_and_leaves_nothing(tmp_path, server, dead_url, md5s):
    mirrors = [server.url("corrupt"), dead_url, server.url("missing")]
    with pytest.raises(ConnectionError) as caught:
        fetch(tmp_path, mirrors, md5s)
    message = str(caught.value)
    first = next(iter(md5s))
    for mirror in mirrors:
        assert mirror + first in message
    assert "checksum" in message
    assert list(tmp_path.iterdir()) == []          # neither the file nor a .part


def test_truncated_download_is_an_error_and_leaves_nothing(tmp_path, server, md5s):
    url = server.url("truncated")
    with pytest.raises(ConnectionError) as caught:
        fetch(tmp_path, [url], md5s)
    assert url + next(iter(md5s)) in str(caught.value)
    assert "ended early" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_truncated_mirror_then_good_mirror(tmp_path, server, dataset, md5s):
    paths = fetch(tmp_path, [server.url("truncated"), server.url("good")], md5s)
    for name, path in paths.items():
        assert path.read_bytes() == dataset[0][name]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(md5s)


@pytest.mark.parametrize("broken", ["garbage", "chunked"])
def test_broken_responses_fall_through_to_the_next_mirror(tmp_path, server, dataset, md5s, broken):
    paths = fetch(tmp_path, [server.url(broken), server.url("good")], md5s)
    for name, path in paths.items():
        assert path.read_bytes() == dataset[0][name]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(md5s)
    with pytest.raises(ConnectionError, match=broken):
        fetch(tmp_path / "other", [server.url(broken)], md5s)
    assert list((tmp_path / "other").iterdir()) == []


def test_cached_files_are_reused_without_the_network(tmp_path, server, dead_url, dataset, md5s):
    fetch(tmp_path, [server.url("good")], md5s)
    served = len(server.requests)
    paths = fetch(tmp_path, [dead_url], md5s)                 # would fail if it tried to connect
    assert len(server.requests) == served
    for name, path in paths.items():
        assert path.read_bytes() == dataset[0][name]
    (X, _), (X_test, _) = data.load_mnist(cache_dir=tmp_path, mirrors=[dead_url], progress=False)
    assert X.shape == (N_TRAIN, 784) and X_test.shape == (N_TEST, 784)


def test_corrupt_cached_file_is_replaced(tmp_path, server, md5s):
    fetch(tmp_path, [server.url("good")], md5s)
    victim = tmp_path / "train-images-idx3-ubyte.gz"
    victim.write_bytes(b"not the file you are looking for")
    assert not data.mnist_is_cached(tmp_path)
    before = list(server.requests)
    fetch(tmp_path, [server.url("good")], md5s)
    assert server.requests[len(before):] == ["/good/train-images-idx3-ubyte.gz"]   # only that one again
    assert md5_of(victim) == md5s[victim.name]
    assert data.mnist_is_cached(tmp_path)


def test_truncated_idx_body_is_named(tmp_path, dataset):
    images = dataset[2]["train-images-idx3-ubyte.gz"]
    path = tmp_path / "short-images-idx3-ubyte.gz"
    path.write_bytes(gz(idx_bytes(images)[:-784]))             # header says 20 images, body holds 19
    with pytest.raises(ValueError, match="short-images-idx3-ubyte.gz is truncated"):
        data.read_idx(path)


def test_truncated_idx_header_and_stream_are_named(tmp_path, dataset):
    raw = idx_bytes(dataset[2]["train-images-idx3-ubyte.gz"])
    short_header = tmp_path / "header.gz"
    short_header.write_bytes(gz(raw[:10]))                   # 3 dims announced, 1.5 given
    with pytest.raises(ValueError, match="header.gz"):
        data.read_idx(short_header)
    cut_stream = tmp_path / "stream.gz"
    cut_stream.write_bytes(gz(raw)[:200])                    # the gzip stream itself is cut
    with pytest.raises(ValueError, match="stream.gz"):
        data.read_idx(cut_stream)
    not_gzip = tmp_path / "plain.gz"
    not_gzip.write_bytes(raw)
    with pytest.raises(ValueError, match="plain.gz"):
        data.read_idx(not_gzip)
    good = tmp_path / "good.gz"
    good.write_bytes(gz(raw))
    np.testing.assert_array_equal(data.read_idx(good), dataset[2]["train-images-idx3-ubyte.gz"])


def test_cli_returns_1_with_a_clear_message_when_every_mirror_fails(tmp_path, server, dead_url, md5s,
                                                                    monkeypatch, capsys):
    mirrors = [dead_url, server.url("forbidden")]
    monkeypatch.setattr(data, "MNIST_MIRRORS", mirrors)
    cache = tmp_path / "cache"
    assert data.main(["--full", "--cache-dir", str(cache)]) == 1
    err = capsys.readouterr().err
    assert "every mirror failed" in err
    for mirror in mirrors:
        assert mirror in err
    assert "403" in err
    assert list(cache.iterdir()) == []


def test_cli_downloads_then_reports(tmp_path, server, md5s, monkeypatch, capsys):
    monkeypatch.setattr(data, "MNIST_MIRRORS", [server.url("good")])
    assert data.main(["--full", "--cache-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"{N_TRAIN} train + {N_TEST} test" in out
    assert data.mnist_is_cached(tmp_path)


# ----- the cache folder and the clock ---------------------------------------------

def test_tilde_in_cache_dir_and_nudge_cache_means_home(tmp_path, server, md5s, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    paths = fetch("~/mnist-cache", [server.url("good")], md5s)
    assert all(path.parent == tmp_path / "mnist-cache" for path in paths.values())
    assert not (tmp_path / "~").exists()
    assert data.mnist_is_cached("~/mnist-cache")
    monkeypatch.setenv("NUDGE_CACHE", "~/from-env")
    assert data.default_cache_dir() == tmp_path / "from-env"


def _assert_names_the_folder_not_the_network(message, folder, cause):
    assert str(folder) in message and cause in message
    assert "connection" not in message and "mirror" not in message


def test_a_cache_folder_we_may_not_create_is_named(tmp_path, server, md5s, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(data.Path, "mkdir", refuse)
    with pytest.raises(PermissionError) as caught:
        fetch(tmp_path / "locked", [server.url("good")], md5s)
    _assert_names_the_folder_not_the_network(str(caught.value), tmp_path / "locked", "no permission")
    assert server.requests == []


def test_a_cache_folder_we_may_not_write_is_named_without_trying_other_mirrors(tmp_path, server, md5s,
                                                                               monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(data.tempfile, "mkstemp", refuse)
    with pytest.raises(PermissionError) as caught:
        fetch(tmp_path, [server.url("good"), server.url("good")], md5s)
    _assert_names_the_folder_not_the_network(str(caught.value), tmp_path, "no permission")
    assert server.requests == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs Linux's /dev/full")
def test_a_full_disk_is_named_as_such(tmp_path, server, md5s, monkeypatch):
    """Every write to /dev/full fails with ENOSPC, as on a full disk."""
    def full_disk_file(dir, prefix, suffix):
        path = os.path.join(dir, prefix + "full" + suffix)
        open(path, "wb").close()
        return os.open("/dev/full", os.O_WRONLY), path

    monkeypatch.setattr(data.tempfile, "mkstemp", full_disk_file)
    with pytest.raises(OSError) as caught:
        fetch(tmp_path, [server.url("good"), server.url("good")], md5s)
    _assert_names_the_folder_not_the_network(str(caught.value), tmp_path, "disk")
    assert "No space left" in str(caught.value)
    assert len(server.requests) == 1                      # the second mirror could not have helped
    assert list(tmp_path.iterdir()) == []                 # the .part file was removed


def test_leftover_part_files_of_a_killed_download_are_removed(tmp_path, server, md5s):
    name = next(iter(md5s))
    stale = tmp_path / f"{name}.k1ll3d.part"
    fresh = tmp_path / f"{name}.l1ve.part"                # another download, still running
    unrelated = tmp_path / "notes.part"
    for path in (stale, fresh, unrelated):
        path.write_bytes(b"half a file")
    an_hour_ago = time.time() - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    os.utime(unrelated, (an_hour_ago, an_hour_ago))
    fetch(tmp_path, [server.url("good")], md5s)
    assert not stale.exists()
    assert fresh.exists() and unrelated.exists()
    assert data.mnist_is_cached(tmp_path)


def test_a_download_slower_than_the_overall_timeout_moves_on(tmp_path, server, dataset, md5s):
    name = "train-images-idx3-ubyte.gz"
    assert len(dataset[0][name]) > 20 * 200               # at 200 bytes / 0.05 s: over a second
    one = {name: md5s[name]}
    start = time.monotonic()
    with pytest.raises(ConnectionError, match=r"longer than 0.3 s"):
        data.fetch_mnist_files(tmp_path, [server.url("slow")], one, progress=False, timeout=TIMEOUT,
                               download_timeout=0.3)
    assert time.monotonic() - start < 0.3 + TIMEOUT
    assert list(tmp_path.iterdir()) == []
    paths = data.fetch_mnist_files(tmp_path, [server.url("slow"), server.url("good")], one, progress=False,
                                   timeout=TIMEOUT, download_timeout=0.3)
    assert paths[name].read_bytes() == dataset[0][name]


def test_download_progress_uses_the_notebook_progress_bar(tmp_path, server, dataset, md5s, monkeypatch):
    calls = []
    real = data.progress_bar

    def recording(total, description, unit, enabled=True):
        calls.append((total, description, unit, enabled))
        return real(total, description, unit, enabled=False)

    monkeypatch.setattr(data, "progress_bar", recording)
    data.fetch_mnist_files(tmp_path, [server.url("good")], md5s, progress=True, timeout=TIMEOUT)
    assert sorted(calls) == sorted((len(dataset[0][n]), n, "B", True) for n in md5s)


def test_cli_returns_1_naming_a_cache_folder_it_cannot_write(tmp_path, server, md5s, monkeypatch, capsys):
    monkeypatch.setattr(data, "MNIST_MIRRORS", [server.url("good")])

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(data.tempfile, "mkstemp", refuse)
    assert data.main(["--full", "--cache-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert str(tmp_path) in err and "no permission" in err and "NUDGE_CACHE" in err


# ----- the zh-CN edition ----------------------------------------------------------------

def test_download_failures_speak_chinese(zh_cn, tmp_path, server, dead_url, md5s):
    mirrors = [server.url("corrupt"), dead_url, server.url("truncated")]
    with pytest.raises(ConnectionError) as caught:
        fetch(tmp_path, mirrors, md5s)
    message = str(caught.value)
    assert "所有镜像都失败了" in message and "检查网络连接" in message
    assert "校验和不符" in message and "下载提前中断" in message
    for mirror in mirrors:
        assert mirror + next(iter(md5s)) in message        # the addresses stay as they are


def test_an_unwritable_cache_folder_is_named_in_chinese(zh_cn, tmp_path, server, md5s, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(data.tempfile, "mkstemp", refuse)
    with pytest.raises(PermissionError) as caught:
        fetch(tmp_path, [server.url("good")], md5s)
    assert str(tmp_path) in str(caught.value) and "没有在那里写入的权限" in str(caught.value)


def test_a_broken_idx_file_is_named_in_chinese(zh_cn, tmp_path):
    plain = tmp_path / "plain.gz"
    plain.write_bytes(b"\x00\x00\x08\x03 not gzip")
    with pytest.raises(ValueError, match="plain.gz 不是完整的 gzip 文件"):
        data.read_idx(plain)
