"""`make test` itself: pytest-xdist must keep an `xdist_group` on one worker under `--dist loadgroup`.

The browser tests rely on it (they share one JupyterLab and one Chromium on one worker). With
pytest 9.2, pytest-xdist 3.8 silently stopped grouping (pytest-dev/pytest-xdist#1386): the browser
tests ran on both workers, each starting its own JupyterLab. pyproject.toml keeps pytest below 9.2;
this test fails if grouping ever stops again.
"""

import os
import subprocess
import sys

import pytest

GROUPED_TESTS = """
import os

import pytest


@pytest.mark.xdist_group("together")
@pytest.mark.parametrize("i", range(8))
def test_grouped(i):
    with open({log!r}, "a") as log:
        log.write(os.environ["PYTEST_XDIST_WORKER"] + "\\n")


@pytest.mark.parametrize("i", range(16))
def test_free(i):
    pass
"""


@pytest.mark.slow
def test_a_group_stays_on_one_worker(tmp_path):
    log = tmp_path / "workers.log"
    (tmp_path / "test_grouped.py").write_text(GROUPED_TESTS.format(log=str(log)))
    # Only xdist is loaded (not nbval, hypothesis, ...): the workers start in seconds, and grouping is xdist's alone.
    run = subprocess.run([sys.executable, "-m", "pytest", "-p", "xdist.plugin", "-p", "xdist.looponfail", "-n", "2",
                          "--dist", "loadgroup", "-p", "no:cacheprovider", "-q", str(tmp_path)], cwd=tmp_path,
                         capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert run.returncode == 0, run.stdout[-3000:]
    workers = log.read_text().split()
    assert len(workers) == 8 and len(set(workers)) == 1, f"one xdist_group ran on workers {sorted(set(workers))}"
