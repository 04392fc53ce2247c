"""Build the run-in-the-browser edition of the lessons (JupyterLite) into build/site/lite/ (served as /lite/).

    python scripts/build_lite.py               # into build/site/lite
    python scripts/build_lite.py --out DIR     # anywhere else

    lab/index.html?path=lessons/02-Gradient-Descent.ipynb   opens a lesson; zh-CN: path=lessons/zh-CN/...
    files/lessons/, files/lessons/zh-CN/     both editions as committed, with the READMEs and the LICENSE files
    files/data/                              the data the lessons load (digits, trained network, saved results)
    pypi/all.json and its wheels             what the in-browser pip (piplite) installs: nudge-lessons, built here
                                             from helpers/, and the dependencies Pyodide does not ship itself

Where the Python comes from: the kernel is Pyodide (Python compiled to WebAssembly). The browser loads it, and the
compiled packages numpy, matplotlib and pillow, from the Pyodide CDN (cdn.jsdelivr.net/pyodide/) when a lesson's
kernel first starts; nothing on PyPI can replace them. That CDN is the only host other than the site itself that
anything here loads from: the pure-Python packages the lessons need besides Pyodide's (BROWSER_DEPENDENCIES) are
served from the site's own pypi/, and piplite's fallback to PyPI is switched off (a missing wheel is an error, never
a quiet download from elsewhere). The lessons' setup cell (scripts/sync_notebooks.py) installs nudge-lessons from
pypi/ and points helpers at files/data/, which the kernel sees as /drive/data.

The build is cached: build/lite-src/ is JupyterLite's project folder (its task database, the staged contents, the
wheels), so a second build with nothing changed only checks the files. The wheel is rebuilt only when helpers/ or
pyproject.toml changed, the dependencies are downloaded once (pip, PyPI).
Needs jupyterlite-core and jupyterlite-pyodide-kernel (the `site` extra of pyproject.toml).
"""

import argparse
import hashlib
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "lite-src"
DEFAULT_OUT = ROOT / "build" / "site" / "lite"
sys.path.insert(0, str(ROOT))
from scripts.strip_notebooks import notebook_text  # noqa: E402  (the lessons' one JSON layout)

PACKAGE = "nudge-lessons"

# What the kernel's file browser shows (paths from the repository's root, kept as they are there).
CONTENTS = ["README.md", "README.zh-CN.md", "LICENSE", "lessons/*.ipynb", "lessons/LICENSE", "lessons/zh-CN/*.ipynb",
            "lessons/zh-CN/*.md", "data/*.npz", "data/README.md", "data/results/*.json"]
# The package's sources: the wheel is rebuilt when one of them changes.
WHEEL_SOURCES = ["pyproject.toml", "README.md", "helpers/**/*"]

# Our dependencies, and theirs, that Pyodide does not ship: pure-Python wheels served from the site's pypi/, at the
# versions constraints.txt pins (the ones the tests ran). Pyodide 314's own packages cover the rest (FROM_PYODIDE).
# comm is also what the kernel itself installs as it starts: with PyPI switched off, only this index has it.
BROWSER_DEPENDENCIES = ["ipywidgets", "anywidget", "psygnal", "comm", "jupyterlab-widgets"]
# Packages the kernel gets from the Pyodide distribution (its pyodide-lock.json): numpy, matplotlib and pillow are
# compiled to WebAssembly; the others are there already, at versions our requirements accept.
FROM_PYODIDE = {"numpy", "matplotlib", "pillow", "tqdm", "typing-extensions", "ipython", "traitlets"}

KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
# jupyter-lite.json of the project folder, merged into the site's: no PyPI behind the site's own wheels.
LITE_SETTINGS = {"jupyter-config-data": {"litePluginSettings": {KERNEL_PLUGIN: {"disablePyPIFallback": True}}}}


class LiteBuildError(RuntimeError):
    """The build cannot go on: the message says what is missing or what failed."""


def log(message):
    print(f"[lite] {message}", flush=True)


def normalized(name):
    """A package name as indexes compare it (PEP 503): lower case, runs of -_. as one -."""
    return re.sub(r"[-_.]+", "-", name).lower()


def jupyter_lite_command():
    """`jupyter lite` of this Python's environment; a clear error when JupyterLite is not installed there."""
    missing = [name for name in ("jupyterlite_core", "jupyterlite_pyodide_kernel")
               if importlib.util.find_spec(name) is None]
    command = Path(sys.executable).with_name("jupyter-lite")
    if missing or not command.exists():
        raise LiteBuildError(
            f"JupyterLite is not installed in {sys.prefix} (missing: {', '.join(missing) or command.name}). "
            "Install the site's tools: pip install -e '.[site]' (jupyterlite-core and jupyterlite-pyodide-kernel).")
    return [str(command)]


def run(command, what, **kwargs):
    """Run a command; on failure raise LiteBuildError with its output."""
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise LiteBuildError(f"{what} failed ({' '.join(map(str, command[:4]))} ...):\n"
                             f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    return result


def matching_files(patterns):
    """The repository's files matching the glob patterns (relative to ROOT), without caches, sorted."""
    files = {path for pattern in patterns for path in ROOT.glob(pattern)
             if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"}
    return sorted(files)


def staged_bytes(path):
    """What the site serves for a repository file: the file itself, but a lesson without its badge cell.

    The badges (Open in Colab, Launch Binder) are images from those sites, and a lesson opened here runs already.
    """
    if path.suffix != ".ipynb":
        return path.read_bytes()
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"] = [cell for cell in notebook["cells"] if cell.get("metadata", {}).get("nudge") != "badges"]
    return notebook_text(notebook).encode("utf-8")


def sync_folder(sources, destination):
    """Make `destination` hold exactly `sources` (paths under ROOT, as staged_bytes gives them), at the same paths.

    A file is written only when it differs, so JupyterLite's task database sees nothing new after an unchanged build.
    """
    wanted = {path.relative_to(ROOT) for path in sources}
    for relative in wanted:
        target, content = destination / relative, staged_bytes(ROOT / relative)
        if not (target.is_file() and target.read_bytes() == content):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    for path in sorted(destination.rglob("*"), reverse=True):      # files before the folders that held them
        if path.is_file() and path.relative_to(destination) not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def build_wheel(wheel_dir):
    """Build nudge-lessons' wheel (pure Python) into `wheel_dir` unless the one there was built from these sources.

    The sources are copied into a temporary folder first: setuptools writes build/ and *.egg-info next to what it
    builds, and the repository's build/ is the site's. pip builds it the standard way, in an isolated environment
    with the setuptools pyproject.toml asks for.
    """
    sources = matching_files(WHEEL_SOURCES)
    digest = hashlib.sha256()
    for path in sources:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    stamp = wheel_dir / f"{PACKAGE}.sources-sha256"
    built = sorted(wheel_dir.glob(f"{PACKAGE.replace('-', '_')}-*.whl"))
    if len(built) == 1 and stamp.is_file() and stamp.read_text() == digest.hexdigest():
        return built[0]
    with tempfile.TemporaryDirectory(prefix="nudge-wheel-") as temporary:
        staged, out = Path(temporary) / "src", Path(temporary) / "dist"
        for path in sources:
            (staged / path.relative_to(ROOT)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, staged / path.relative_to(ROOT))
        run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(staged)],
            f"building the {PACKAGE} wheel")
        wheels = list(out.glob("*.whl"))
        if len(wheels) != 1 or not wheels[0].name.endswith("-py3-none-any.whl"):
            raise LiteBuildError(f"expected one pure-Python wheel of {PACKAGE}, got {[w.name for w in wheels]}")
        for old in built:
            old.unlink()
        wheel_dir.mkdir(parents=True, exist_ok=True)
        wheel = Path(shutil.copy2(wheels[0], wheel_dir / wheels[0].name))
    stamp.write_text(digest.hexdigest())
    return wheel


def pinned_versions():
    """{normalized name: version} of constraints.txt's lines without an environment marker."""
    versions = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"([A-Za-z0-9._-]+)==([^\s;#]+)\s*", line)
        if match:
            versions[normalized(match[1])] = match[2]
    return versions


def fetch_dependencies(wheel_dir):
    """BROWSER_DEPENDENCIES' pure-Python wheels, at constraints.txt's versions, into `wheel_dir` (downloaded once)."""
    from jupyterlite_pyodide_kernel.constants import PYODIDE_PYTHON_VERSION

    pins = pinned_versions()
    unpinned = [name for name in BROWSER_DEPENDENCIES if normalized(name) not in pins]
    if unpinned:
        raise LiteBuildError(f"constraints.txt pins no version of {unpinned} (wanted: a line 'name==version')")
    wanted = {normalized(name): pins[normalized(name)] for name in BROWSER_DEPENDENCIES}
    present = {wheel_name_version(path): path for path in wheel_dir.glob("*.whl")}
    missing = [f"{name}=={version}" for name, version in wanted.items() if (name, version) not in present]
    if missing:
        log(f"downloading {', '.join(missing)}")
        # --platform any with --abi none: only py3-none-any wheels, the ones Pyodide's micropip can install.
        run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
             "--platform", "any", "--implementation", "py", "--abi", "none",
             "--python-version", PYODIDE_PYTHON_VERSION, "--dest", str(wheel_dir), *missing],
            "downloading the browser's dependencies")
    for path in wheel_dir.glob("*.whl"):          # an older pin's wheel would be offered too: remove it
        name_version = wheel_name_version(path)
        if name_version[0] in wanted and name_version != (name_version[0], wanted[name_version[0]]):
            path.unlink()
    return sorted(path for path in wheel_dir.glob("*.whl") if wheel_name_version(path)[0] in wanted)


def wheel_name_version(path):
    """(normalized name, version) from a wheel's file name."""
    name, version = path.name.split("-")[:2]
    return normalized(name), version


def wheel_requirements(path):
    """The names a wheel requires (its Requires-Dist lines outside extras, for any platform)."""
    with zipfile.ZipFile(path) as wheel:
        metadata = next(name for name in wheel.namelist() if name.endswith(".dist-info/METADATA"))
        lines = wheel.read(metadata).decode("utf-8").splitlines()
    requirements = [line.split(":", 1)[1].strip() for line in lines if line.startswith("Requires-Dist:")]
    return {normalized(re.match(r"[A-Za-z0-9._-]+", requirement)[0])
            for requirement in requirements if "extra ==" not in requirement}


def kernel_wheels():
    """Names of the wheels jupyterlite-pyodide-kernel offers itself (its labextension's pypi/all.json)."""
    index = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyterlite" / "pyodide-kernel-extension"
    index = index / "static" / "pypi" / "all.json"
    if not index.is_file():
        raise LiteBuildError(f"{index} is missing: reinstall jupyterlite-pyodide-kernel")
    return set(json.loads(index.read_text(encoding="utf-8")))


def check_requirements(wheels):
    """Every requirement of the offered wheels must come from them, from the kernel's own wheels or from Pyodide.

    Otherwise the in-browser pip would have nowhere to get it (PyPI is switched off): name what is missing.
    """
    offered = {wheel_name_version(path)[0] for path in wheels}
    available = offered | kernel_wheels() | FROM_PYODIDE
    missing = {f"{wheel_name_version(path)[0]} needs {name}" for path in wheels
               for name in wheel_requirements(path) - available}
    if missing:
        raise LiteBuildError("the browser could not install: " + "; ".join(sorted(missing)) +
                             ". Add the package to BROWSER_DEPENDENCIES in scripts/build_lite.py (if pure Python) "
                             "or to FROM_PYODIDE (if Pyodide ships it).")


def build_lite(out_dir=DEFAULT_OUT, work_dir=WORK):
    """Build the JupyterLite site into `out_dir`; return `out_dir`. Raises LiteBuildError with what went wrong."""
    out_dir, work_dir = Path(out_dir).resolve(), Path(work_dir).resolve()
    start = time.monotonic()
    command = jupyter_lite_command()
    wheel_dir = work_dir / "wheels"
    wheel_dir.mkdir(parents=True, exist_ok=True)
    wheels = [build_wheel(wheel_dir), *fetch_dependencies(wheel_dir)]
    check_requirements(wheels)
    sync_folder(matching_files(CONTENTS), work_dir / "contents")
    settings = json.dumps(LITE_SETTINGS, indent=2) + "\n"
    lite_json = work_dir / "jupyter-lite.json"
    if not lite_json.is_file() or lite_json.read_text(encoding="utf-8") != settings:
        lite_json.write_text(settings, encoding="utf-8")
    # JupyterLite's task database (.jupyterlite.doit.db, in the folder it runs in) is what makes a rebuild fast. It
    # holds for one output folder, as that folder was: one database per output, forgotten when the output is gone
    # (some tasks, like merging jupyter-lite.json, would otherwise count as done for a new or emptied folder).
    state = work_dir / "state" / hashlib.sha256(str(out_dir).encode()).hexdigest()[:16]
    if not (out_dir / "jupyter-lite.json").is_file():
        shutil.rmtree(state, ignore_errors=True)
    state.mkdir(parents=True, exist_ok=True)
    run([*command, "build", "--lite-dir", str(work_dir), "--output-dir", str(out_dir),
         "--contents", "contents", "--piplite-wheels", "wheels",
         "--no-sourcemaps", "--no-unused-shared-packages"],
        "jupyter lite build", cwd=state)
    check_settings(out_dir)
    log(f"built {out_dir} in {time.monotonic() - start:.0f} s")
    return out_dir


def check_settings(out_dir):
    """The built site's kernel settings must list our index first and keep PyPI switched off."""
    config = json.loads((out_dir / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    kernel = config.get("litePluginSettings", {}).get(KERNEL_PLUGIN, {})
    urls = kernel.get("pipliteUrls", [])
    if kernel.get("disablePyPIFallback") is not True or not urls or not urls[0].startswith("./pypi/all.json"):
        raise LiteBuildError(f"{out_dir / 'jupyter-lite.json'} lacks the kernel settings the lessons need "
                             f"(got {kernel}); delete {out_dir} and build again")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"where to build (default {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    try:
        build_lite(args.out)
    except LiteBuildError as error:
        print(f"[lite] error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
