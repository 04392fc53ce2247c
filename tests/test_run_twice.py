"""Every lesson, run twice in fresh kernels, prints exactly the same numbers (CONTRIBUTING.md, "Determinism"),
and its 简体中文 twin, run beside it, computes exactly the same numbers.

Compared, cell by cell: stdout, and the text/plain and PNG/JPEG images of
execute_result and display_data outputs. Not compared, because they are
allowed to differ:
- cells tagged `timing` (they show wall-clock time);
- stderr (progress bars, warnings);
- widget views (application/vnd.jupyter.widget-view+json: a fresh random model id
  each run; what the widget shows comes from the same seeded code as everything else);
- memory addresses in reprs ("<... at 0x7f...>"), which differ each run and are no
  number of the lesson's.

Matplotlib's PNGs are byte-identical across runs (no timestamp in PNG metadata),
so images ARE compared: a drawing of a differently initialised network fails.

The Chinese twin (lessons/zh-CN, same code but the language line) is run once in the same
test: every number it leaves in its kernel (arrays, scalars, networks' weights) must equal the
English run's, and it must draw no character its fonts lack. Its printed words differ by design,
so they are not compared with the English; its numbers are, and the English ones are proven
repeatable by the two English runs.

Each lesson is its own test, so pytest-xdist spreads them over both cores with
`--dist load` or `--dist loadgroup` (not `--dist loadfile`, which keeps one file's
tests on one worker).
"""

import difflib
import json
import re
from pathlib import Path

import ipykernel.kernelspec
import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

LESSONS_DIR = Path(__file__).resolve().parent.parent / "lessons"
LESSONS = sorted(LESSONS_DIR.glob("*.ipynb"))
TWINS_DIR = LESSONS_DIR / "zh-CN"
# What matplotlib says when a figure text has a character no font can draw (a box is shown instead).
MISSING_GLYPH = re.compile(r"missing from font|does not have a glyph", re.I)

CELL_TIMEOUT = 180           # seconds: catches a hung cell; a lesson cell takes < 5 s, but CI machines are shared
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
COMPARED_MIME_TYPES = ("text/plain", "image/png", "image/jpeg")
MEMORY_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")
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


def run_notebook(path, cwd=None, timeout=CELL_TIMEOUT, fingerprint=False):
    """Execute the notebook at `path` top to bottom in a fresh kernel (cwd `cwd`, else its folder); return it.

    With fingerprint=True, also return {variable: hash of its numbers} of what the lesson left in its kernel.
    """
    cwd = cwd or path.parent
    nb = nbformat.read(path, as_version=4)
    if fingerprint:
        nb.cells.append(nbformat.v4.new_code_cell(DIGEST_SOURCE))
    kernel = AsyncKernelManager(kernel_name="python3", kernel_spec_manager=_ThisInterpreterKernelSpecs())
    client = NotebookClient(nb, km=kernel, timeout=timeout, startup_timeout=60,
                            resources={"metadata": {"path": str(cwd)}})
    client.execute(cleanup_kc=True)    # we passed the kernel manager in: ask it to shut the kernel down
    if not fingerprint:
        return nb
    digest_cell = nb.cells.pop()
    return nb, json.loads("".join(o.text for o in digest_cell.outputs if o.output_type == "stream"))


def repeatable_outputs(nb):
    """{(cell index, what): text} for everything a second run must reproduce exactly.

    stdout is joined per cell: how the kernel splits it into stream messages
    depends on timing, the text does not.
    """
    outputs = {}
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or "timing" in cell.metadata.get("tags", []):
            continue
        stdout = "".join(o.text for o in cell.outputs
                         if o.output_type == "stream" and o.name == "stdout")
        if stdout:
            outputs[index, "stdout"] = MEMORY_ADDRESS.sub("0x…", stdout)
        rich = [o for o in cell.outputs if o.output_type in ("execute_result", "display_data")]
        for number, output in enumerate(rich):
            data = output.get("data", {})
            if WIDGET_VIEW in data:
                continue
            for mime in COMPARED_MIME_TYPES:
                if mime in data:
                    text = data[mime] if isinstance(data[mime], str) else "".join(data[mime])
                    outputs[index, f"output {number} {mime}"] = MEMORY_ADDRESS.sub("0x…", text)
    return outputs


def missing_glyphs(nb):
    """Every output line in which matplotlib reports a character it could not draw."""
    lines = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = output.get("text", "") if output.output_type == "stream" else ""
            lines += [line for line in text.splitlines() if MISSING_GLYPH.search(line)]
    return lines


def describe_differences(first, second, source_of):
    """Readable report: which cells differ and how (a short diff per cell)."""
    lines = []
    for key in sorted(set(first) | set(second)):
        a, b = first.get(key, "<missing>"), second.get(key, "<missing>")
        if a == b:
            continue
        index, what = key
        lines.append(f"--- cell {index} ({what}); source starts: {source_of(index)[:80]!r}")
        if what.endswith(("image/png", "image/jpeg")):
            lines.append("    the image differs")
        else:
            diff = difflib.unified_diff(a.splitlines(), b.splitlines(), "run 1", "run 2", lineterm="", n=1)
            lines.extend("    " + line for line in list(diff)[:20])
    return "\n".join(lines)


@pytest.mark.slow
@pytest.mark.parametrize(
    "lesson",
    # One xdist group per lesson: under --dist loadgroup the lessons spread over the workers.
    [pytest.param(path, id=path.name, marks=pytest.mark.xdist_group(f"run-twice-{path.stem}")) for path in LESSONS]
    or [pytest.param(None, id="no-lessons", marks=pytest.mark.skip(reason="no lessons/*.ipynb yet"))],
)
def test_lesson_prints_the_same_numbers_twice_and_in_chinese(lesson):
    twin = TWINS_DIR / lesson.name
    runs = []
    for path, run in [(lesson, "first"), (lesson, "second"), (twin, "Chinese")]:
        try:
            runs.append(run_notebook(path, fingerprint=True))
        except CellExecutionError as error:     # report the cell's error, not nbclient's internals
            pytest.fail(f"{path.relative_to(LESSONS_DIR)} failed in its {run} run:\n"
                        f"{ANSI_COLOUR.sub('', str(error))}", pytrace=False)
    (first, numbers), (second, numbers_again), (chinese, numbers_chinese) = runs
    for nb, path in [(first, lesson), (chinese, twin)]:
        glyphs = missing_glyphs(nb)
        assert not glyphs, f"{path.relative_to(LESSONS_DIR)}: figures with characters no font has:\n" + "\n".join(glyphs[:10])

    first_outputs, second_outputs = repeatable_outputs(first), repeatable_outputs(second)
    if first_outputs != second_outputs:    # pytest.fail: the report, not two dicts of base64 images
        pytest.fail(
            f"{lesson.name} printed different things in two runs. Seed the randomness, or tag "
            f"cells that show wall-clock time `timing`:\n"
            + describe_differences(first_outputs, second_outputs, lambda i: first.cells[i].source),
            pytrace=False)

    # Numbers that two English runs agree on (not wall-clock times) must be the Chinese run's too.
    repeatable = {name for name in numbers if numbers_again.get(name) == numbers[name]}
    assert len(repeatable) >= 5, f"{lesson.name}: too few numbers left in the kernel to compare ({sorted(repeatable)})"
    different = sorted(name for name in repeatable if numbers_chinese.get(name) != numbers[name])
    assert not different, (f"zh-CN/{lesson.name} computes different numbers from the English lesson: "
                           f"{different[:20]}")
