"""Every lesson is committed clean and complete, and every generated link points somewhere real."""

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from helpers.core.project import BRANCH, REPOSITORY_URL  # noqa: E402
from scripts import sync_notebooks  # noqa: E402
from scripts.strip_notebooks import notebook_text  # noqa: E402

LESSONS = sorted((ROOT / "lessons").glob("*.ipynb")) + sorted((ROOT / "lessons" / "zh-CN").glob("*.ipynb"))
# What the title cell and the summary are called in each language's lessons.
GOALS = {"lessons": "In this lesson you will", "zh-CN": "这一课你将"}
SUMMARY = {"lessons": "## Summary", "zh-CN": "## 小结"}
LINK = re.compile(r"\]\(([^)\s]+)\)")


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def test_there_are_lessons():
    assert LESSONS, "no lessons found in lessons/"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    text = path.read_text(encoding="utf-8")
    notebook = json.loads(text)
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"{path.name}: a code cell has outputs (run scripts/strip_notebooks.py)"
            assert cell["execution_count"] is None, f"{path.name}: a code cell has an execution count"
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    assert text == notebook_text(json.loads(text)), f"{path.name}: not stripped (run scripts/strip_notebooks.py)"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_has_every_part(path):
    all_cells = cells(path)
    markdown = [c["source"] for c in all_cells if c["cell_type"] == "markdown"]
    kinds = [c["metadata"].get("nudge") for c in all_cells]
    goals, summary_heading = GOALS[path.parent.name], SUMMARY[path.parent.name]
    assert markdown[0].startswith(f"# {path.name[:2]} — "), f"{path.name}: first cell must be the title"
    assert goals in markdown[0], f"{path.name}: the title cell lists the goals ('{goals}')"
    assert kinds[1] == "badges" and kinds[2] == "setup", f"{path.name}: badges then setup follow the title"
    assert any(m.startswith(summary_heading) for m in markdown), f"{path.name}: no '{summary_heading}' section"
    assert kinds[-1] == "next", f"{path.name}: the last cell links to the next lesson"
    summary = next(m for m in markdown if m.startswith(summary_heading))
    assert 4 <= summary.count("\n- ") <= 6, f"{path.name}: the summary has 4-6 bullets"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_relative_links_point_to_files(path):
    for source in (c["source"] for c in cells(path) if c["cell_type"] == "markdown"):
        for target in LINK.findall(source):
            if target.startswith(("http://", "https://", "#", "mailto:")):
                continue
            assert (path.parent / unquote(target.split("#")[0])).exists(), f"{path.name}: broken link {target}"


def generated_links():
    """Every Colab/Binder link the sync script writes, with the repository path it names."""
    texts = [c["source"] for p in LESSONS for c in cells(p)] + [
        (ROOT / readme).read_text(encoding="utf-8") for readme in ("README.md", "README.zh-CN.md")]
    owner_repo = REPOSITORY_URL.removeprefix("https://github.com/")
    colab = re.compile(rf"https://colab\.research\.google\.com/github/{owner_repo}/blob/{BRANCH}/([^)\s]+)")
    binder = re.compile(rf"https://mybinder\.org/v2/gh/{owner_repo}/{BRANCH}\?labpath=([^)\s]+)")
    found = []
    for text in texts:
        found += colab.findall(text) + [unquote(p) for p in binder.findall(text)]
    return found


def test_badges_name_files_that_exist():
    links = generated_links()
    assert len(links) >= 2 * len(LESSONS) + 2
    for path in links:
        assert (ROOT / path).is_file(), f"a badge links to {path}, which does not exist"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_each_badge_line_links_its_own_notebook(path):
    badge_cell = next(c for c in cells(path) if c["metadata"].get("nudge") == "badges")
    where = path.relative_to(ROOT).as_posix()
    assert where in badge_cell["source"]
    assert where.replace("/", "%2F") in badge_cell["source"]


def test_rerunning_the_sync_script_changes_nothing():
    changes = sync_notebooks.planned_changes()
    assert not changes, f"out of date: {[str(p.relative_to(ROOT)) for p in changes]} (run scripts/sync_notebooks.py)"


def test_readmes_link_each_other_and_lead_with_make_lab():
    english, chinese = ((ROOT / name).read_text(encoding="utf-8") for name in ("README.md", "README.zh-CN.md"))
    assert "](README.zh-CN.md)" in english and "](README.md)" in chinese
    commands = re.findall(r"^make \w+.*$", chinese, re.M)
    assert commands[0].startswith("make lab lang=zh-CN") and commands[1].startswith("make test")
    assert "--index-url" in chinese and "PIP_INDEX_URL" in chinese
    assert "lessons/zh-CN/00-Start-Here.ipynb" in chinese


def test_the_colab_setup_keeps_colabs_widgets():
    setup = sync_notebooks.setup_cell()
    assert '"google.colab" in sys.modules' in setup
    install = next(line for line in setup.splitlines() if "pip install" in line)
    assert "--no-deps" in install and "ipywidgets" not in install   # never upgrade Colab's ipywidgets 7
    assert REPOSITORY_URL in setup and "enable_custom_widget_manager" in setup


def test_a_fork_changes_one_constant(monkeypatch):
    monkeypatch.setattr(sync_notebooks, "REPOSITORY_URL", "https://github.com/someone/fork")
    assert "github/someone/fork/blob/" in sync_notebooks.badges_cell("00-Start-Here.ipynb")
    assert "someone/fork.git" in sync_notebooks.setup_cell()


def test_environment_yml_lists_what_pyproject_needs():
    try:
        import tomllib
    except ImportError:                 # Python 3.10: pytest itself brings tomli, the same parser
        tomllib = pytest.importorskip("tomli")

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    needed = project["dependencies"] + project["optional-dependencies"]["lab"]
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_part = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))

    def name(requirement):
        return re.split(r"[<>=!~ \[]", requirement, maxsplit=1)[0].lower()

    assert {name(r) for r in needed} <= {name(r) for r in pip_part}
    assert any(str(d).startswith("python") for d in environment["dependencies"])
    assert "ipywidgets>=7.7" in pip_part
    post_build = (ROOT / "binder" / "postBuild").read_text()
    assert "pip install --no-deps -e ." in post_build


def test_importing_helpers_changes_no_global_setting():
    code = ("import matplotlib, numpy as np; before = dict(matplotlib.rcParams); opts = np.get_printoptions(); "
            "import helpers, helpers.widgets, helpers.plots, helpers.exercises; "
            "assert dict(matplotlib.rcParams) == before; assert np.get_printoptions() == opts; "
            "assert matplotlib.get_backend() == matplotlib.rcParams['backend']")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT,
                   env={"PYTHONPATH": str(ROOT), "MPLBACKEND": "agg"})


@pytest.mark.parametrize("readme", ["README.md", "README.zh-CN.md", "CONTRIBUTING.md"])
def test_readme_relative_links_point_to_files(readme):
    for target in LINK.findall((ROOT / readme).read_text(encoding="utf-8")):
        if not target.startswith(("http://", "https://", "#", "mailto:")):
            assert (ROOT / unquote(target.split("#")[0])).exists(), f"{readme}: broken link {target}"
