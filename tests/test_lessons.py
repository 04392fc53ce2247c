"""Every lesson, executed ONCE per language, feeds every check that needs an executed lesson.

One execution of the English lesson and one of its 简体中文 twin (lessons/zh-CN, the same code
but for strings and comments), each in a fresh kernel, give:
- what `pytest --nbval-lax` checked: every cell runs without an error (cells tagged
  `raises-exception` may raise), reported with the failing cell's traceback;
- determinism: the two runs are two independent kernels running the same code, so every
  number either leaves in its kernel (arrays, scalars, networks' weights) must be equal in
  both -- an unseeded random draw makes them differ;
- the English-vs-Chinese comparison: the Chinese edition computes exactly the English numbers;
- no figure text drawn with a character no font has (a box instead of the character);
- the executed notebooks, written to build/executed/<language>/<lesson>.ipynb for the site;
- the teacher's edition's run: after the English lesson, the same kernel runs the English teacher's edition from its
  exercises on (its code before them is the lesson's, cell for cell), and every check there must say ✔.

Not compared: printed words (they differ by design), wall-clock numbers (cells tagged
`timing` print them; a number that differs between the two runs is one a lesson may not
assert on, and at least five numbers per lesson must agree). Each lesson is its own test,
so pytest-xdist spreads them over both cores (`--dist loadgroup`, one group per lesson).
"""

import ast
import json
import re
import sys
from pathlib import Path

import ipykernel.kernelspec
import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts import make_teacher_edition as teacher  # noqa: E402  (the teacher's edition runs with the lesson)

LESSONS_DIR = Path(__file__).resolve().parent.parent / "lessons"
LESSONS = sorted(LESSONS_DIR.glob("*.ipynb"))
TWINS_DIR = LESSONS_DIR / "zh-CN"
EXECUTED_DIR = LESSONS_DIR.parent / "build" / "executed"
# What matplotlib says when a figure text has a character no font can draw (a box is shown instead).
MISSING_GLYPH = re.compile(r"missing from font|does not have a glyph", re.I)

CELL_TIMEOUT = 180           # seconds: catches a hung cell; a lesson cell takes < 5 s, but CI machines are shared
ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


class _ThisInterpreterKernelSpecs(KernelSpecManager):
    """Every kernel name means ipykernel on this interpreter (like nbval's --nbval-current-env),

    so the lessons use the same helpers and numpy as the rest of the tests, whatever
    other "python3" kernels the machine has.
    """

    def get_kernel_spec(self, kernel_name):
        return self.kernel_spec_class(resource_dir=ipykernel.kernelspec.RESOURCES,
                                      **ipykernel.kernelspec.get_kernel_dict())


# Run after the lesson's last cell: a fingerprint of every number the lesson left in its kernel.
DIGEST_SOURCE = """
import hashlib as _hashlib, json as _json, numbers as _numbers
import numpy as _np

def _nudge_fingerprint(value):
    if isinstance(value, bool) or not isinstance(value, (_numbers.Number, _np.ndarray, list, tuple)) \\
            and not (hasattr(value, "weights") and hasattr(value, "biases")):
        return None
    if hasattr(value, "weights") and hasattr(value, "biases"):
        value = list(value.weights) + list(value.biases)
    try:
        array = _np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return _hashlib.sha256(_np.ascontiguousarray(array).tobytes()).hexdigest()[:16]

print(_json.dumps({name: fp for name, value in sorted(globals().items()) if not name.startswith("_")
                   and (fp := _nudge_fingerprint(value)) is not None}))
"""


def run_notebook(path, cwd=None, timeout=CELL_TIMEOUT, fingerprint=False, then=()):
    """Execute the notebook at `path` top to bottom in a fresh kernel (cwd `cwd`, else its folder); return it.

    With fingerprint=True, also return {variable: hash of its numbers} of what the lesson left in its kernel.
    `then`: cells (nbformat) run after that in the same kernel, returned executed as a last item (the teacher's
    exercises after the English lesson: see the test below).
    """
    cwd = cwd or path.parent
    nb = nbformat.read(path, as_version=4)
    if fingerprint:
        nb.cells.append(nbformat.v4.new_code_cell(DIGEST_SOURCE))
    nb.cells.extend(then)
    kernel = AsyncKernelManager(kernel_name="python3", kernel_spec_manager=_ThisInterpreterKernelSpecs())
    client = NotebookClient(nb, km=kernel, timeout=timeout, startup_timeout=60,
                            resources={"metadata": {"path": str(cwd)}})
    client.execute(cleanup_kc=True)    # we passed the kernel manager in: ask it to shut the kernel down
    after = [nb.cells.pop(-1) for _ in then][::-1]
    result = [nb]
    if fingerprint:
        digest_cell = nb.cells.pop()
        result.append(json.loads("".join(o.text for o in digest_cell.outputs if o.output_type == "stream")))
    if then:
        result.append(after)
    return result[0] if len(result) == 1 else tuple(result)


def missing_glyphs(nb):
    """Every output line in which matplotlib reports a character it could not draw."""
    lines = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = output.get("text", "") if output.output_type == "stream" else ""
            lines += [line for line in text.splitlines() if MISSING_GLYPH.search(line)]
    return lines


@pytest.mark.slow
@pytest.mark.parametrize(
    "lesson",
    # One xdist group per lesson: under --dist loadgroup the lessons spread over the workers.
    [pytest.param(path, id=path.name, marks=pytest.mark.xdist_group(f"lesson-{path.stem}")) for path in LESSONS]
    or [pytest.param(None, id="no-lessons", marks=pytest.mark.skip(reason="no lessons/*.ipynb yet"))],
)
def test_lesson_runs_once_per_language_with_the_same_numbers(lesson, testrun_uid):
    # The site's test (test_site.py) builds its pages from this run's executed lessons: it waits for this stamp.
    stamp = EXECUTED_DIR.parent / "lesson-runs" / testrun_uid / lesson.stem
    stamp.parent.mkdir(parents=True, exist_ok=True)
    outcome = "failed"
    try:
        check_both_editions(lesson)
        outcome = "passed"
    finally:
        stamp.write_text(outcome, encoding="utf-8")


def check_both_editions(lesson):
    """Run `lesson` and its Chinese twin, each in a fresh kernel, and make every check the module docstring lists."""
    twin = TWINS_DIR / lesson.name
    runs = {}
    teacher_exercises = teachers_exercises(lesson)
    for language, path in [("en", lesson), ("zh-CN", twin)]:
        then = teacher_exercises if language == "en" else []
        try:
            nb, numbers, *teacher_run = run_notebook(path, fingerprint=True, then=then)
        except CellExecutionError as error:     # report the cell's error, not nbclient's internals
            pytest.fail(f"{path.relative_to(LESSONS_DIR)} failed:\n{ANSI_COLOUR.sub('', str(error))}", pytrace=False)
        if then:
            assert_every_check_says_correct(teacher_run[0], lesson)
        glyphs = missing_glyphs(nb)
        assert not glyphs, (f"{path.relative_to(LESSONS_DIR)}: figures with characters no font has:\n"
                            + "\n".join(glyphs[:10]))
        EXECUTED_DIR.joinpath(language).mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, EXECUTED_DIR / language / lesson.name)
        runs[language] = numbers

    english, chinese = runs["en"], runs["zh-CN"]
    assert len(english) >= 5, f"{lesson.name}: too few numbers left in the kernel to compare ({sorted(english)})"
    assert set(english) == set(chinese), (f"the two editions of {lesson.name} leave different names in the kernel: "
                                          f"{sorted(set(english) ^ set(chinese))[:20]}")
    different = sorted(name for name in english if chinese[name] != english[name] and name not in wall_clock(lesson))
    assert not different, (f"{lesson.name}: numbers differ between two runs of the same code (the English and the "
                           f"Chinese edition): {different[:20]}. Seed the randomness; wall-clock numbers belong in "
                           f"cells tagged `timing`.")
    assert len(english) - len(wall_clock(lesson)) >= 5


def teachers_exercises(lesson):
    """The English teacher's edition of `lesson` from its exercises heading on (solutions, checks, summary), to run
    after the English lesson in the same kernel: the one English execution gives the teacher's edition's run too.

    Before that heading the edition's code cells are the lesson's own, cell for cell (asserted here; the edition only
    adds markdown there), so running them again would repeat the same computation. A lesson without exercises: []."""
    edition = teacher.teacher_edition(lesson, "en")["cells"]
    start = next((i for i, cell in enumerate(edition) if cell["cell_type"] == "markdown"
                  and teacher.EXERCISES_HEADING.search(teacher.source(cell))), None)
    if start is None:
        return []
    student = [c.source for c in nbformat.read(lesson, as_version=4).cells if c.cell_type == "code"]
    before = [teacher.source(c) for c in edition[:start] if c["cell_type"] == "code"]
    assert before == student[:len(before)], f"{lesson.name}: the teacher's edition changes code before its exercises"
    return [nbformat.from_dict(dict(cell, outputs=[], execution_count=None) if cell["cell_type"] == "code" else cell)
            for cell in edition[start:]]


def assert_every_check_says_correct(cells, lesson):
    """Every exercise check in the teacher's cells printed ✔, and there are as many as the lesson has."""
    verdicts = []
    for cell in cells:
        if cell.cell_type == "code" and teacher.CHECK_CALL.search(cell.source):
            text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
            verdicts.append(text)
            assert text.startswith("✔") and "✘" not in text, f"teacher's {lesson.name}: {cell.source!r} said {text!r}"
    checks = sum(bool(teacher.CHECK_CALL.search(c.source)) for c in nbformat.read(lesson, as_version=4).cells
                 if c.cell_type == "code")
    assert len(verdicts) == checks, f"teacher's {lesson.name}: {len(verdicts)} checks ran, the lesson has {checks}"


def wall_clock(lesson):
    """Names assigned in cells tagged `timing`: wall-clock numbers, which two runs need not share."""
    names = set()
    for cell in nbformat.read(lesson, as_version=4).cells:
        if cell.cell_type == "code" and "timing" in cell.metadata.get("tags", []):
            source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("!", "%")))
            names |= {node.id for node in ast.walk(ast.parse(source))
                      if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}
    return names
