"""Binder builds environment.yml with the newest packages of the day: prove that still works."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_environment_yml_resolves_and_runs_a_widget():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_binder_env.py")],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    assert "ok: ipywidgets 8" in result.stdout
