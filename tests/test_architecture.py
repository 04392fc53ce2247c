"""The three layers of CONTRIBUTING.md, checked by reading the source: imports point one way,
nothing outside network.py reaches into a Network's private names, and `__all__` lists are literal."""

import ast
import json
import re
from pathlib import Path

import pytest

from helpers import Network

ROOT = Path(__file__).resolve().parent.parent
HELPERS = ROOT / "helpers"
VIEWS = ("plots", "widgets", "exercises")
# The numbers layer: shared machinery in helpers/core/, each lesson's math in helpers/<topic>.py or helpers/<topic>/.
NUMBERS = sorted(p for p in HELPERS.rglob("*.py") if p.relative_to(HELPERS).parts[0] not in VIEWS
                 and p != HELPERS / "__init__.py")
TOPIC_MATH = {p.stem for p in HELPERS.glob("*.py") if p.name != "__init__.py"} | {
    p.name for p in HELPERS.iterdir() if (p / "__init__.py").exists() and p.name not in (*VIEWS, "core")}
PLOTS = sorted((HELPERS / "plots").glob("*.py"))
EXERCISES = sorted((HELPERS / "exercises").glob("*.py"))
PYTHON_FILES = sorted(p for folder in ("helpers", "tests", "benchmarks", "scripts")
                      for p in (ROOT / folder).rglob("*.py"))
LESSONS = sorted((ROOT / "lessons").rglob("*.ipynb"))


def imported_modules(path):
    """Every module a file imports, absolute (relative imports resolved against helpers/)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def relative(path):
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", NUMBERS, ids=relative)
def test_numbers_layer_imports_no_drawing_and_no_widgets(path):
    bad = {m for m in imported_modules(path)
           if m.split(".")[0] in ("matplotlib", "ipywidgets", "anywidget")
           or m.startswith(("helpers.plots", "helpers.widgets", "helpers.exercises"))}
    assert not bad, f"{relative(path)} is in the numbers layer but imports {sorted(bad)}"


@pytest.mark.parametrize("path", PLOTS, ids=relative)
def test_plots_never_import_widgets(path):
    bad = {m for m in imported_modules(path) if m.startswith("helpers.widgets") or m.split(".")[0] == "ipywidgets"}
    assert not bad, f"{relative(path)} draws, so it must not import {sorted(bad)}"


@pytest.mark.parametrize("path", EXERCISES, ids=relative)
def test_exercises_use_only_the_numbers_layer(path):
    bad = {m for m in imported_modules(path) if m.startswith(("helpers.widgets", "helpers.plots"))}
    assert not bad, f"{relative(path)} must check against the numbers layer, not {sorted(bad)}"


def network_private_names():
    """Names starting with one underscore that a Network (class or instance) has."""
    names = {n for n in vars(Network) if n.startswith("_") and not n.startswith("__")}
    names |= {n for n in vars(Network([2, 1])) if n.startswith("_") and not n.startswith("__")}
    return names


def private_uses(text):
    if not network_private_names():
        return []
    pattern = re.compile(r"(?<!\bself)(?<!\bcls)\.(" + "|".join(sorted(network_private_names())) + r")\b")
    return sorted({m.group(1) for m in pattern.finditer(text)})


def test_network_has_no_private_names():
    """Everything a Network offers is public: what other modules need is named for what it is."""
    assert network_private_names() == set()


@pytest.mark.parametrize("path", [p for p in PYTHON_FILES if p.name not in ("network.py", "test_architecture.py")],
                         ids=relative)
def test_no_module_but_network_py_touches_private_names(path):
    assert not private_uses(path.read_text(encoding="utf-8")), \
        f"{relative(path)} reaches into Network's private names; use its public face instead"


@pytest.mark.parametrize("path", LESSONS, ids=relative)
def test_lessons_use_the_public_face_and_call_widgets_only_to_show_them(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    assert not private_uses(code), f"{relative(path)} uses Network's private names"
    assert not re.search(r"from helpers\.widgets|import helpers\.widgets", code), \
        f"{relative(path)} imports from helpers.widgets: lessons take their math from the numbers layer"
    deep = re.findall(r"\bwidgets\.[a-z_]+\.[A-Za-z_]+", code)
    assert not deep, f"{relative(path)} reaches into a widget module ({deep}); call the numbers layer instead"


@pytest.mark.parametrize("path", sorted(HELPERS.rglob("*.py")), ids=relative)
def test_all_lists_are_literal(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in node.targets):
            assert isinstance(node.value, ast.List) and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.value.elts), \
                f"{relative(path)}: __all__ must be a literal list of names"


def view_topics(layer):
    """The topic modules of one view layer: every module but its shared `_core` and the package file."""
    return {p.stem for p in (HELPERS / layer).glob("*.py") if p.stem not in ("__init__", "_core")}


def test_one_name_per_topic_in_every_layer():
    """A lesson's topic has the same module name in the math, the plots, the widgets and the exercises."""
    assert TOPIC_MATH == {"neuron", "descent", "wishes", "backprop", "learned", "lab"}
    # lesson 00 (digits) has no math of its own (it is core.data), palette is the plots' shared colours and
    # questions the widget every lesson's concept questions share (its data and judging: core.questions)
    assert view_topics("plots") == TOPIC_MATH | {"digits", "palette"}
    assert view_topics("widgets") == TOPIC_MATH | {"digits", "questions"}
    assert view_topics("exercises") == TOPIC_MATH
