"""Strip outputs, execution counts and personal metadata from the lessons before committing.

    python scripts/strip_notebooks.py            # strip lessons/**/*.ipynb (both editions) in place
    python scripts/strip_notebooks.py --check    # exit 1 and name the notebooks that need it

Kept: the cell sources, cell tags and Nudge's own markers ("nudge" in cell
metadata), and a python3 kernel, so every notebook opens the same everywhere.
"""

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KEPT_CELL_METADATA = ("tags", "nudge")
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def strip(notebook):
    """The notebook as we commit it (a new dict; the argument is changed in place too)."""
    for index, cell in enumerate(notebook["cells"]):
        if isinstance(cell.get("source"), list):
            cell["source"] = "".join(cell["source"])
        cell["metadata"] = {k: v for k, v in cell.get("metadata", {}).items() if k in KEPT_CELL_METADATA}
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        else:
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
        if not cell.get("id"):
            # A stable id from position and content, so stripping twice changes nothing.
            cell["id"] = hashlib.sha1(f"{index}:{cell['source']}".encode()).hexdigest()[:8]
    notebook["metadata"] = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    notebook["nbformat"], notebook["nbformat_minor"] = 4, 5
    return notebook


def notebook_text(notebook):
    """The exact text we commit: stripped, Jupyter's own JSON layout, one newline at the end."""
    return json.dumps(strip(notebook), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv):
    check = "--check" in argv
    paths = [Path(p) for p in argv if p != "--check"] or sorted((ROOT / "lessons").rglob("*.ipynb"))
    dirty = []
    for path in paths:
        old = path.read_text(encoding="utf-8")
        new = notebook_text(json.loads(old))
        if new != old:
            dirty.append(path)
            if not check:
                path.write_text(new, encoding="utf-8")
    for path in dirty:
        print(f"{'needs stripping' if check else 'stripped'}: {path}")
    return 1 if (check and dirty) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
