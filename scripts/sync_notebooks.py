"""Write every generated part of the lessons and the README from one list and one URL.

Generated parts are marked, so hand-written text is never touched:
  - in a notebook, a cell whose metadata has "nudge": "badges" | "setup" | "next" | "series-map";
  - in README.md, the lines between <!-- nudge:NAME --> and <!-- /nudge:NAME -->.
The repository URL comes from helpers/_project.py; a fork changes it there and reruns:

    python scripts/sync_notebooks.py            # rewrite what is out of date
    python scripts/sync_notebooks.py --check    # exit 1 and name the files that would change
"""

import json
import re
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from helpers._project import BRANCH, REPOSITORY_URL  # noqa: E402
from scripts.strip_notebooks import notebook_text  # noqa: E402

VIDEOS = {
    "V1": ("But what is a neural network?", "https://www.youtube.com/watch?v=aircAruvnKk"),
    "V2": ("Gradient descent, how neural networks learn", "https://www.youtube.com/watch?v=IHZwWFHWa-w"),
    "V3": ("What is backpropagation really doing?", "https://www.youtube.com/watch?v=Ilg3gGewQ5U"),
    "V4": ("Backpropagation calculus", "https://www.youtube.com/watch?v=tIeHLnjs5U8"),
}

# (file, title, video or None, what the lesson covers)
LESSONS = [
    ("00-Start-Here.ipynb", "Start here", None,
     "What Nudge is, how to run it, the notation, a first look at the digits"),
    ("01-What-Is-A-Neural-Network.ipynb", "What is a neural network?", "V1",
     "Neurons, weights and biases, a layer as a matrix, 13,002 parameters"),
    ("02-Gradient-Descent.ipynb", "Gradient descent", "V2",
     "The cost, downhill in 1-D, 2-D and 13,002-D, training the real network"),
    ("03-Backpropagation-Intuition.ipynb", "What backpropagation is really doing", "V3",
     "One example's wishes, propagating them backwards, stochastic gradient descent"),
    ("04-Backpropagation-Calculus.ipynb", "Backpropagation calculus", "V4",
     "The chain rule, the four equations, backprop checked against finite differences"),
    ("05-What-The-Network-Learned.ipynb", "What the network really learned", None,
     "Weights as pictures, draw your own digit, shuffled pixels, random labels, the tweaks"),
    ("06-The-Lab.ipynb", "The lab: take the network apart", None,
     "Confusion matrix, switching neurons off, damaged digits and \"I don't know\", layer maps, training you watch"),
]

COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"
BINDER_BADGE = "https://mybinder.org/badge_logo.svg"


def github_path():
    return REPOSITORY_URL.removeprefix("https://github.com/").rstrip("/")


def colab_url(path):
    return f"https://colab.research.google.com/github/{github_path()}/blob/{BRANCH}/{path}"


def binder_url(path=None):
    url = f"https://mybinder.org/v2/gh/{github_path()}/{BRANCH}"
    return url + (f"?labpath={quote(path, safe='')}" if path else "")


def existing_lessons():
    return [lesson for lesson in LESSONS if (ROOT / "lessons" / lesson[0]).is_file()]


def lesson_name(lesson):
    file, title, _, _ = lesson
    return f"{file[:2]} — {title}"


def badges_cell(file):
    path = f"lessons/{file}"
    return (f"[![Open In Colab]({COLAB_BADGE})]({colab_url(path)}) "
            f"[![Launch Binder]({BINDER_BADGE})]({binder_url(path)}) "
            "· Run it on your machine with `make lab` (see the README).")


def setup_cell():
    clone = REPOSITORY_URL.rstrip("/") + ".git"
    return f"""# Setup: works locally, on Binder and on Colab (made by scripts/sync_notebooks.py).
import sys
if "google.colab" in sys.modules:  # Colab: fetch Nudge once, keep Colab's own ipywidgets 7
    repo = "{clone}"
    !test -d /content/nudge || git clone -q --depth 1 -b {BRANCH} $repo /content/nudge
    !pip install --quiet --no-deps -e /content/nudge
    !pip install --quiet anywidget
    sys.path.insert(0, "/content/nudge")
    from google.colab import output
    output.enable_custom_widget_manager()
%matplotlib inline"""


def next_cell(file):
    lessons = existing_lessons()
    index = [lesson[0] for lesson in lessons].index(file)
    if index + 1 < len(lessons):
        following = lessons[index + 1]
        return f"**Next:** [{lesson_name(following)}]({following[0]}) · [Back to the start](00-Start-Here.ipynb)"
    return ("**That is the series.** [Back to the start](00-Start-Here.ipynb) to revisit any lesson, "
            "or follow Nielsen's book further (link in the README).")


def lesson_table(link_prefix):
    rows = ["| # | Lesson | Video | What you will poke |", "|---|---|---|---|"]
    for lesson in existing_lessons():
        file, title, video, covers = lesson
        source = f"[{video}: {VIDEOS[video][0]}]({VIDEOS[video][1]})" if video else ("—" if file.startswith("00") else "beyond the videos")
        rows.append(f"| {file[:2]} | [{title}]({link_prefix}{file}) | {source} | {covers} |")
    return "\n".join(rows)


def readme_blocks():
    return {
        "badges": f"[![Launch Binder]({BINDER_BADGE})]({binder_url('lessons/00-Start-Here.ipynb')}) "
                  f"[![Open In Colab]({COLAB_BADGE})]({colab_url('lessons/00-Start-Here.ipynb')})",
        "lessons": lesson_table("lessons/"),
    }


def sync_notebook(path):
    """Return the notebook's text with every generated cell brought up to date."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    makers = {"badges": lambda: badges_cell(path.name), "setup": setup_cell,
              "next": lambda: next_cell(path.name), "series-map": lambda: "## The series\n\n" + lesson_table("")}
    for cell in notebook["cells"]:
        kind = cell.get("metadata", {}).get("nudge")
        if kind in makers:
            cell["source"] = makers[kind]()
    return notebook_text(notebook)


def sync_readme(text):
    for name, body in readme_blocks().items():
        pattern = re.compile(rf"(<!-- nudge:{name} -->\n)(?:.*?\n)?(<!-- /nudge:{name} -->)", re.S)
        if not pattern.search(text):
            raise SystemExit(f"README.md has no <!-- nudge:{name} --> ... <!-- /nudge:{name} --> block")
        text = pattern.sub(lambda m, body=body: m.group(1) + body + "\n" + m.group(2), text)
    return text


def planned_changes():
    """{path: new text} for every file whose generated parts are out of date."""
    changes = {}
    for file, *_ in existing_lessons():
        path = ROOT / "lessons" / file
        new = sync_notebook(path)
        if new != path.read_text(encoding="utf-8"):
            changes[path] = new
    readme = ROOT / "README.md"
    new = sync_readme(readme.read_text(encoding="utf-8"))
    if new != readme.read_text(encoding="utf-8"):
        changes[readme] = new
    return changes


def main(argv):
    changes = planned_changes()
    if "--check" in argv:
        for path in changes:
            print(f"out of date: {path.relative_to(ROOT)} (run python scripts/sync_notebooks.py)")
        return 1 if changes else 0
    for path, text in changes.items():
        path.write_text(text, encoding="utf-8")
        print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
