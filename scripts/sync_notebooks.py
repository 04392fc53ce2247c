"""Write every generated part of the lessons and the README from one list and one URL.

Generated parts are marked, so hand-written text is never touched:
  - in a notebook, a cell whose metadata has "nudge": "badges" | "setup" | "next" | "series-map";
  - in README.md, the lines between <!-- nudge:NAME --> and <!-- /nudge:NAME -->.
Every language has its lessons folder and README (LANGUAGES); its lessons' setup cells differ
from the English ones in the language line only.
The repository URL comes from helpers/core/project.py; a fork changes it there and reruns:

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
from helpers.core.project import BRANCH, REPOSITORY_URL, SITE_URL  # noqa: E402
from scripts.strip_notebooks import notebook_text  # noqa: E402

# language: (lessons folder, README, the setup cell's language code)
LANGUAGES = {"en": ("lessons", "README.md"), "zh-CN": ("lessons/zh-CN", "README.zh-CN.md")}

VIDEOS = {
    "V1": ("But what is a neural network?", "https://www.youtube.com/watch?v=aircAruvnKk"),
    "V2": ("Gradient descent, how neural networks learn", "https://www.youtube.com/watch?v=IHZwWFHWa-w"),
    "V3": ("What is backpropagation really doing?", "https://www.youtube.com/watch?v=Ilg3gGewQ5U"),
    "V4": ("Backpropagation calculus", "https://www.youtube.com/watch?v=tIeHLnjs5U8"),
}

# 3Blue1Brown's official bilingual uploads on Bilibili (space.bilibili.com/88461692); videos 3 and 4
# are the two parts (上/下) of one page there.
VIDEOS_ZH = {
    "V1": ("深度学习之神经网络的结构", "https://www.bilibili.com/video/BV1bx411M7Zx"),
    "V2": ("深度学习之梯度下降法", "https://www.bilibili.com/video/BV1Ux411j7ri"),
    "V3": ("深度学习之反向传播算法（上）", "https://www.bilibili.com/video/BV16x411V7Qg"),
    "V4": ("深度学习之反向传播算法（下）", "https://www.bilibili.com/video/BV16x411V7Qg?p=2"),
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

# file: (title, what the lesson covers) in Chinese
LESSONS_ZH = {
    "00-Start-Here.ipynb": ("从这里开始", "Nudge 是什么、怎样运行、记号约定、初识手写数字"),
    "01-What-Is-A-Neural-Network.ipynb": ("神经网络是什么？", "神经元、权重和偏置、把一层写成矩阵、13,002 个参数"),
    "02-Gradient-Descent.ipynb": ("梯度下降", "代价函数，在一维、二维和 13,002 维里下山，训练真正的网络"),
    "03-Backpropagation-Intuition.ipynb": ("反向传播到底在做什么", "一个样本的“愿望”，把愿望向后传播，随机梯度下降"),
    "04-Backpropagation-Calculus.ipynb": ("反向传播的微积分原理", "链式法则、四个方程、用有限差分检验反向传播"),
    "05-What-The-Network-Learned.ipynb": ("网络到底学到了什么",
                                          "把权重看成图片、自己写数字、打乱像素、随机标签、各种改进"),
    "06-The-Lab.ipynb": ("实验室：把网络拆开来看",
                         "混淆矩阵、关掉神经元、损坏的数字和“我不知道”、各层地图、看着网络训练"),
}

# The words of the generated cells, per language.
WORDS = {
    "en": {"run_locally": "· Run it on your machine with `make lab` (see the README).",
           "next": "**Next:**", "start": "Back to the start",
           "end": ("**That is the series.** [Back to the start](00-Start-Here.ipynb) to revisit any lesson, "
                   "or follow Nielsen's book further (link in the README)."),
           "series": "## The series", "header": "| # | Lesson | Video | What you will poke |",
           "first": "—", "beyond": "beyond the videos"},
    "zh-CN": {"run_locally": "· 在自己的电脑上用 `make lab lang=zh-CN` 运行"
                             "（见 [README.zh-CN.md](../../README.zh-CN.md)）。",
              "next": "**下一课：**", "start": "回到开头",
              "end": ("**整个系列到此结束。** [回到开头](00-Start-Here.ipynb)复习任何一课，"
                      "或者接着读 Nielsen 的《Neural Networks and Deep Learning》（链接在 README 里）。"),
              "series": "## 课程一览", "header": "| # | 课程 | 视频 | 你将动手探索 |",
              "first": "—", "beyond": "视频之外"},
}

COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"
BINDER_BADGE = "https://mybinder.org/badge_logo.svg"


def github_path():
    return REPOSITORY_URL.removeprefix("https://github.com/").rstrip("/")


def colab_url(path):
    return f"https://colab.research.google.com/github/{github_path()}/blob/{BRANCH}/{path}"


def binder_url(path=None):
    url = f"https://mybinder.org/v2/gh/{github_path()}/{BRANCH}"
    return url + (f"?labpath={quote(path, safe='')}" if path else "")


def folder(language):
    return LANGUAGES[language][0]


def existing_lessons(language="en"):
    """(file, title, video, covers) of every lesson written in `language`, in that language."""
    lessons = [lesson for lesson in LESSONS if (ROOT / folder(language) / lesson[0]).is_file()]
    if language == "zh-CN":
        lessons = [(file, *LESSONS_ZH[file][:1], video, LESSONS_ZH[file][1]) for file, _, video, _ in lessons]
    return lessons


def lesson_name(lesson):
    file, title, _, _ = lesson
    return f"{file[:2]} — {title}"


def badges_cell(file, language="en"):
    path = f"{folder(language)}/{file}"
    return (f"[![Open In Colab]({COLAB_BADGE})]({colab_url(path)}) "
            f"[![Launch Binder]({BINDER_BADGE})]({binder_url(path)}) " + WORDS[language]["run_locally"])


def setup_cell(language="en"):
    """Every lesson's first code cell: it makes `import helpers` work wherever the lesson runs.

    Locally and on Binder helpers is installed already. Colab gets a clone of the repository. JupyterLite (the kernel
    is Pyodide, whose sys.platform is "emscripten") gets the nudge-lessons wheel that scripts/build_lite.py puts in
    the site's pypi/ (there `%pip` is the kernel's piplite), and the site's files appear in the kernel's /drive, so
    the data folder is /drive/data.
    """
    clone = REPOSITORY_URL.rstrip("/") + ".git"
    return f"""# Setup: works locally, on Binder, on Colab and in the browser (made by scripts/sync_notebooks.py).
import sys
if "google.colab" in sys.modules:  # Colab: fetch Nudge once, keep Colab's own ipywidgets 7
    repo = "{clone}"
    !test -d /content/nudge || git clone -q --depth 1 -b {BRANCH} $repo /content/nudge
    !pip install --quiet --no-deps -e /content/nudge
    !pip install --quiet anywidget
    sys.path.insert(0, "/content/nudge")
    from google.colab import output
    output.enable_custom_widget_manager()
elif sys.platform == "emscripten":  # JupyterLite, in the browser: Nudge from this site, whose files are /drive
    %pip install nudge-lessons
    import os
    os.environ["NUDGE_DATA_DIR"] = "/drive/data"
import helpers
helpers.set_language("{language}")  # the language of this lesson's widgets, figures and hints
%matplotlib inline"""


def next_cell(file, language="en"):
    words = WORDS[language]
    lessons = existing_lessons(language)
    index = [lesson[0] for lesson in lessons].index(file)
    if index + 1 < len(lessons):
        following = lessons[index + 1]
        return f"{words['next']} [{lesson_name(following)}]({following[0]}) · [{words['start']}](00-Start-Here.ipynb)"
    return words["end"]


def video_link(video, language):
    title, url = VIDEOS[video]
    if language == "zh-CN":
        title_zh, url_zh = VIDEOS_ZH[video]
        return f"[视频 {video[1:]}：{title_zh}]({url_zh}) · [YouTube]({url})"   # 视频 1, as in the prose
    return f"[{video}: {title}]({url})"


def lesson_table(link_prefix, language="en"):
    words = WORDS[language]
    rows = [words["header"], "|---|---|---|---|"]
    for lesson in existing_lessons(language):
        file, title, video, covers = lesson
        source = (video_link(video, language) if video
                  else (words["first"] if file.startswith("00") else words["beyond"]))
        rows.append(f"| {file[:2]} | [{title}]({link_prefix}{file}) | {source} | {covers} |")
    return "\n".join(rows)


def readme_blocks(language="en"):
    start = f"{folder(language)}/00-Start-Here.ipynb"
    return {
        "badges": f"[![Launch Binder]({BINDER_BADGE})]({binder_url(start)}) "
                  f"[![Open In Colab]({COLAB_BADGE})]({colab_url(start)})\n\n" + site_links(language),
        "lessons": lesson_table(folder(language) + "/", language),
    }


def site_links(language):
    """The README's line to the lessons' web site (SITE_URL), this language first."""
    names = {"en": "English", "zh-CN": "简体中文"}
    order = [language] + [other for other in names if other != language]
    links = " · ".join(f"[{names[code]}]({SITE_URL}{code}/index.html)" for code in order)
    return {"en": "**Read the lessons on the web** (every output, no installing): ",
            "zh-CN": "**在网页上阅读课程**（所有输出都在，不用安装）："}[language] + links


def language_of(path):
    """The language whose lessons folder holds `path`."""
    return next(code for code, (where, _) in LANGUAGES.items() if path.parent == ROOT / where)


def sync_notebook(path):
    """Return the notebook's text with every generated cell brought up to date."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    language = language_of(path)
    makers = {"badges": lambda: badges_cell(path.name, language), "setup": lambda: setup_cell(language),
              "next": lambda: next_cell(path.name, language),
              "series-map": lambda: WORDS[language]["series"] + "\n\n" + lesson_table("", language)}
    for cell in notebook["cells"]:
        kind = cell.get("metadata", {}).get("nudge")
        if kind in makers:
            cell["source"] = makers[kind]()
    return notebook_text(notebook)


def sync_readme(text, language="en"):
    for name, body in readme_blocks(language).items():
        pattern = re.compile(rf"(<!-- nudge:{name} -->\n)(?:.*?\n)?(<!-- /nudge:{name} -->)", re.S)
        if not pattern.search(text):
            raise SystemExit(f"{LANGUAGES[language][1]} has no <!-- nudge:{name} --> ... <!-- /nudge:{name} --> block")
        text = pattern.sub(lambda m, body=body: m.group(1) + body + "\n" + m.group(2), text)
    return text


def planned_changes():
    """{path: new text} for every file whose generated parts are out of date."""
    changes = {}
    for language, (where, readme_name) in LANGUAGES.items():
        for file, *_ in existing_lessons(language):
            path = ROOT / where / file
            new = sync_notebook(path)
            if new != path.read_text(encoding="utf-8"):
                changes[path] = new
        readme = ROOT / readme_name
        if readme.exists():
            new = sync_readme(readme.read_text(encoding="utf-8"), language)
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
