"""Check that environment.yml still resolves today, as Binder will build it.

Binder installs environment.yml's pip part with whatever versions are newest
that day (no constraints file), then runs binder/postBuild. This script does the
same in a fresh virtual environment and then runs a lesson's first cells:

    python scripts/check_binder_env.py            # seconds with uv, about 90 s with pip; needs the package index

The requirements are resolved and installed by uv when the test environment has it (it picks
the same newest versions pip would, with its downloads in parallel), else by pip; binder/postBuild
itself runs pip, as on Binder.
"""

import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SMOKE = """
import helpers, ipywidgets, matplotlib
from helpers import load_digits, widgets
(X, y), _ = load_digits()
w = widgets.network_nudger()
w.set(delta=0.1)
assert w.values["agree"], "backprop and finite difference disagree"
print(f"ok: ipywidgets {ipywidgets.__version__}, matplotlib {matplotlib.__version__}, {len(X)} digits")
"""


def pip_requirements():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    return next(item["pip"] for item in environment["dependencies"] if isinstance(item, dict))


def main():
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    with tempfile.TemporaryDirectory() as folder:
        python = str(Path(folder) / "bin" / "python")
        if uv:
            subprocess.run([uv, "venv", "--quiet", "--seed", "--python", sys.executable, folder], check=True)
            subprocess.run([uv, "pip", "install", "--quiet", "--python", python, *pip_requirements()], check=True)
        else:
            venv.create(folder, with_pip=True)
            pip_options = ["--quiet", "--disable-pip-version-check", "--no-compile"]   # .pyc: written on first import
            subprocess.run([python, "-m", "pip", "install", *pip_options, *pip_requirements()], check=True)
        subprocess.run(["bash", str(ROOT / "binder" / "postBuild")], check=True, cwd=ROOT,
                       env={"PATH": f"{Path(folder) / 'bin'}:/usr/bin:/bin", "HOME": folder})
        subprocess.run([python, "-c", SMOKE], check=True, cwd=folder, env={"MPLBACKEND": "agg", "HOME": folder})
        subprocess.run([python, "-m", "jupyter", "lab", "--version"], check=True, stdout=subprocess.DEVNULL)
    print("environment.yml resolves with today's packages, and binder/postBuild installs Nudge.")


if __name__ == "__main__":
    sys.exit(main())
