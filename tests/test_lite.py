"""The run-in-the-browser edition (JupyterLite, scripts/build_lite.py, served as /lite/).

Fast checks (no build, no browser): the lessons' setup cell, run as JupyterLite's kernel would run it, installs the
wheel the build offers, with a pip line the kernel's own pip (piplite) understands, and points helpers at the folder
where the build puts the data; the build names a dependency the browser could not install.

Slow checks (marked site): the build, and each edition's lesson 02 opened in headless Chromium with every request
outside the served site aborted. Offline, the kernel cannot start: it loads Pyodide from its CDN at run time. So the
browser checks what the learner sees before the kernel runs (the lesson, its setup cell, the files of both editions
and the data, the wheel in the in-browser pip's index), and that the CDN's pyodide.mjs is the one thing from outside
the site that the page asks for.
"""

import asyncio
import concurrent.futures
import hashlib
import json
import os
import re
import shlex
import sys
import types
import urllib.parse
import zipfile
from pathlib import Path

import pytest
from jupyterlab_browser import chromium, serving

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from helpers.core import data  # noqa: E402
from scripts import build_lite, sync_notebooks  # noqa: E402

LESSON = "02-Gradient-Descent.ipynb"
FOLDERS = {"en": "lessons", "zh-CN": "lessons/zh-CN"}
TITLES = {"en": "02 — Gradient descent", "zh-CN": "02 — 梯度下降"}


def missing_tool(message):
    """Skip locally, fail under CI (which must not silently skip what it is meant to check)."""
    pytest.fail(message) if os.environ.get("CI") == "true" else pytest.skip(message)


def kernel_pypi():
    """The folder of wheels jupyterlite-pyodide-kernel serves itself (piplite, the ipykernel stand-in, ...)."""
    folder = Path(sys.prefix) / "share/jupyter/labextensions/@jupyterlite/pyodide-kernel-extension/static/pypi"
    if not folder.is_dir():
        missing_tool("jupyterlite-pyodide-kernel is not installed (the site extra of pyproject.toml)")
    return folder


# ----- the setup cell, as JupyterLite's kernel runs it ---------------------------------------------------------

class RecordingShell:
    """Stands for IPython's get_ipython(): records the magics and shell commands a cell asks for."""

    def __init__(self):
        self.magics, self.commands = [], []

    def run_line_magic(self, name, line):
        self.magics.append((name, line))

    def system(self, command):
        self.commands.append(command)


def run_setup_cell(language, platform, monkeypatch):
    """Run the lesson's setup cell as if sys.platform were `platform`; return (magics, commands) it asked for."""
    from IPython.core.inputtransformer2 import TransformerManager

    import helpers

    source = TransformerManager().transform_cell(sync_notebooks.setup_cell(language))
    shell = RecordingShell()
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.delenv("NUDGE_DATA_DIR", raising=False)
    try:
        exec(compile(source, "setup cell", "exec"), {"get_ipython": lambda: shell})
    finally:
        helpers.set_language("en")
    return shell.magics, shell.commands


@pytest.mark.parametrize("language", list(FOLDERS))
def test_in_jupyterlite_the_setup_cell_installs_the_built_wheel_and_finds_the_data(language, monkeypatch):
    magics, commands = run_setup_cell(language, "emscripten", monkeypatch)
    assert commands == [], "Colab's branch ran"
    assert magics == [("pip", f"install {build_lite.PACKAGE}"), ("matplotlib", "inline")]
    data_dir = os.environ["NUDGE_DATA_DIR"]
    # The kernel sees the site's files (build_lite.CONTENTS, at their repository paths) under /drive.
    staged = {path.relative_to(ROOT) for path in build_lite.matching_files(build_lite.CONTENTS)}
    for name in (data.BUNDLED_FILE, data.TRAINED_FILE):
        assert Path(data_dir).relative_to("/drive") / name in staged, f"the build does not put {name} in {data_dir}"


def test_outside_jupyterlite_the_setup_cell_installs_nothing(monkeypatch):
    magics, commands = run_setup_cell("en", "linux", monkeypatch)
    assert magics == [("matplotlib", "inline")] and commands == []
    assert "NUDGE_DATA_DIR" not in os.environ


def test_the_wheel_the_setup_cell_installs_is_this_project():
    try:
        import tomllib
    except ImportError:                 # Python 3.10: pytest itself brings tomli, the same parser
        tomllib = pytest.importorskip("tomli")
    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["name"] == build_lite.PACKAGE


def test_the_kernels_pip_understands_the_setup_cells_pip_line():
    """In the Pyodide kernel `%pip` is piplite's: an option it does not know would make it install nothing."""
    wheel = next(kernel_pypi().glob("piplite-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        cli = types.ModuleType("piplite_cli")
        exec(compile(archive.read("piplite/cli.py"), "piplite/cli.py", "exec"), cli.__dict__)
    pip_line = next(line for line in sync_notebooks.setup_cell().splitlines() if line.strip().startswith("%pip"))
    # in a thread of its own: a test before this one in the same process may have left an event loop running here
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        code = pool.submit(asyncio.run, cli.get_transformed_code(shlex.split(pip_line.strip().removeprefix("%pip"))))
        code = code.result()
    assert code == f"""await __import__("piplite").install(**{{'requirements': ['{build_lite.PACKAGE}']}})\n"""


def test_the_build_names_a_dependency_the_browser_could_not_install(tmp_path, monkeypatch):
    monkeypatch.setattr(build_lite, "kernel_wheels", lambda: {"piplite", "widgetsnbextension"})
    wheel = tmp_path / "demo-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("demo-1.0.dist-info/METADATA",
                         "Name: demo\nVersion: 1.0\nRequires-Dist: numpy>=1.23\nRequires-Dist: widgetsnbextension\n"
                         "Requires-Dist: not-in-pyodide>=2\nRequires-Dist: pytest; extra == \"test\"\n")
    with pytest.raises(build_lite.LiteBuildError, match=r"^the browser could not install: demo needs not-in-pyodide\."):
        build_lite.check_requirements([wheel])


# ----- the build, and the lessons opened in Chromium -------------------------------------------------------------

@pytest.fixture(scope="module")
def lite():
    """The JupyterLite site, built where make site puts it (build/site/lite): after make site, a quick rebuild."""
    kernel_pypi()
    try:
        return build_lite.build_lite()
    except build_lite.LiteBuildError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="module")
def server(lite):
    """The built site served on 127.0.0.1 (a free port); yields its base URL."""
    with serving(lite) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:        # the process's one Playwright (the harness's too); skips or fails without one
        yield browser


def offered_wheels(lite):
    """{package: (file name, sha256)} of the in-browser pip's index that the build wrote (pypi/all.json)."""
    index = json.loads((lite / "pypi" / "all.json").read_text(encoding="utf-8"))
    wheels = {}
    for name, package in index.items():
        (release,) = package["releases"].values()
        (artifact,) = release
        wheels[name] = (artifact["filename"], artifact["digests"]["sha256"])
    return wheels


# Run in the page: what JupyterLab shows, and what its contents API (what the file browser lists) answers.
PAGE_REPORT = """async (site) => {
  const names = async (path) => (await (await fetch(`${site}/api/contents/${path}all.json`)).json()).content
    .map((item) => item.name).sort();
  const cells = [...document.querySelectorAll('.jp-Notebook .jp-Cell')];
  const code = cells.find((cell) => cell.classList.contains('jp-CodeCell'));
  const index = await (await fetch(`${site}/pypi/all.json`)).json();
  return {
    title: cells[0]?.querySelector('h1')?.textContent.replace(/¶$/, '').trim(),
    setup: [...(code?.querySelectorAll('.cm-line') || [])].map((line) => line.textContent),
    listed: [...document.querySelectorAll('.jp-DirListing-itemName')].map((item) => item.textContent),
    root: await names(''),
    lessons: await names('lessons/'),
    chinese: await names('lessons/zh-CN/'),
    data: await names('data/'),
    wheel: index['nudge-lessons'] && Object.values(index['nudge-lessons'].releases)[0][0].filename,
  };
}"""


def open_lesson(browser, server, path):
    """Open a lesson in JupyterLite with every request outside `server` aborted.

    Returns (page, outside, problems): the URLs aborted, and the console errors, page errors and failed requests.
    """
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    outside, problems = [], []

    def only_the_site(route):
        if route.request.url.startswith(server + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_site)       # the context's: the kernel's worker fetches too
    page = context.new_page()
    page.on("console", lambda message: problems.append(f"console error: {message.text} at {message.location['url']}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"request failed: {request.url}"))
    page.on("response", lambda response: problems.append(f"HTTP {response.status}: {response.url}")
            if response.status >= 400 else None)
    page.goto(f"{server}/lab/index.html?path={urllib.parse.quote(path)}", wait_until="load")
    return page, outside, problems


class TestTheBuiltSite:
    """The build, and both editions' lesson 02 opened in Chromium, offline."""

    pytestmark = [pytest.mark.site, pytest.mark.slow, pytest.mark.xdist_group("site"),
                  pytest.mark.skipif(sys.version_info < (3, 11), reason="the site's tools need Python 3.11")]

    def test_the_index_offers_our_wheel_with_helpers_and_its_questions(self, lite):
        wheels = offered_wheels(lite)
        assert set(wheels) == {build_lite.PACKAGE} | {build_lite.normalized(n) for n in build_lite.BROWSER_DEPENDENCIES}
        file_name, digest = wheels[build_lite.PACKAGE]
        wheel = lite / "pypi" / file_name
        assert file_name.endswith("-py3-none-any.whl") and hashlib.sha256(wheel.read_bytes()).hexdigest() == digest
        with zipfile.ZipFile(wheel) as archive:
            names = set(archive.namelist())
        assert "helpers/__init__.py" in names and "helpers/core/data.py" in names
        questions = {f"helpers/questions/{path.name}" for path in (ROOT / "helpers" / "questions").glob("*.json")}
        assert len(questions) >= 12 and questions <= names, sorted(questions - names)
        assert "helpers/locale/zh_CN/LC_MESSAGES/nudge.mo" in names
        settings = json.loads((lite / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
        kernel = settings["litePluginSettings"][build_lite.KERNEL_PLUGIN]
        assert kernel["disablePyPIFallback"] is True
        assert kernel["pipliteUrls"][0].startswith("./pypi/all.json?sha256=")
        assert not re.search(r"https?://", json.dumps(settings)), "the site's settings name another host"

    def test_the_files_are_both_editions_as_committed_and_the_data(self, lite):
        for folder in FOLDERS.values():
            committed = sorted(path.name for path in (ROOT / folder).glob("*.ipynb"))
            served = sorted(path.name for path in (lite / "files" / folder).glob("*.ipynb"))
            assert served == committed and len(served) == 7
            for name in committed:
                lesson = json.loads((ROOT / folder / name).read_text(encoding="utf-8"))
                copy = json.loads((lite / "files" / folder / name).read_text(encoding="utf-8"))
                kept = [cell for cell in lesson["cells"] if cell["metadata"].get("nudge") != "badges"]
                assert copy["cells"] == kept and len(kept) == len(lesson["cells"]) - 1, f"{folder}/{name}"
        for path in build_lite.matching_files(["data/**/*.npz", "data/results/*.json"]):
            assert (lite / "files" / path.relative_to(ROOT)).read_bytes() == path.read_bytes(), path

    @pytest.mark.parametrize("language", list(FOLDERS))
    def test_a_lesson_opens_offline_with_its_setup_cell(self, browser, server, language):
        from jupyterlite_pyodide_kernel.constants import PYODIDE_CDN_URL

        pyodide = f"{PYODIDE_CDN_URL}/pyodide.mjs"
        # What fails offline, and only offline: the kernel's one request outside the site, and what it logs about it.
        tolerated = {f"request failed: {pyodide}", f"page error: {pyodide}",
                     f"console error: Failed to load resource: net::ERR_FAILED at {pyodide}"}
        page, outside, problems = open_lesson(browser, server, f"{FOLDERS[language]}/{LESSON}")
        try:
            page.wait_for_selector(".jp-Notebook .jp-CodeCell .cm-line", timeout=60_000)
            for _ in range(60):                    # the kernel asks for Pyodide once the notebook is open
                if pyodide in outside:
                    break
                page.wait_for_timeout(500)
            page.wait_for_timeout(1000)            # and reports the failure
            report = page.evaluate(PAGE_REPORT, server)
            screenshot = ROOT / "test-artifacts" / "screenshots" / f"lite-{language}.png"
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot))
        finally:
            page.context.close()
        assert report["title"] == TITLES[language]
        assert report["setup"] == sync_notebooks.setup_cell(language).splitlines()
        lessons = sorted(path.name for path in (ROOT / FOLDERS[language]).glob("*.ipynb"))
        assert set(lessons) <= set(report["listed"]), report["listed"]
        assert {"README.md", "README.zh-CN.md", "data", "lessons"} <= set(report["root"]), report["root"]
        assert set(report["lessons"]) >= {*lessons, "zh-CN"} and set(lessons) <= set(report["chinese"])
        assert set(report["data"]) >= {data.BUNDLED_FILE, data.TRAINED_FILE, "results"}, report["data"]
        assert report["wheel"].startswith("nudge_lessons-") and report["wheel"].endswith("-py3-none-any.whl")
        assert outside == [pyodide], f"requests outside the site: {outside}"
        assert set(problems) - tolerated == set(), "\n".join(sorted(set(problems) - tolerated))
