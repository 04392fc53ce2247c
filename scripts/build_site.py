"""Build the lessons' web site into build/site/ (`make site`): one page per lesson with its outputs, in each language.

    build/site/index.html          a language chooser
    build/site/en/<lesson>.html    the English lessons (index.html lists them)
    build/site/zh-CN/<lesson>.html the same page names in Simplified Chinese, plus GLOSSARY.html
    build/site/lite/               the lessons run in the browser (JupyterLite: scripts/build_lite.py)

Steps, each cached:
1. The executed lessons come from build/executed/<language>/, where tests/test_lessons.py leaves its one run per
   lesson per language during `make test`: the pages show the outputs of that run. A lesson whose executed copy is
   missing or older than the lesson is executed here, with test_lessons.py's own `run_notebook`, and written there
   (so the next build finds it). `--executed-only` fails instead (for CI, after `make test`).
2. Each executed lesson is copied into build/site-src/<language>/ for Sphinx (myst-nb, sphinx-book-theme, site/conf.py):
   without the badge cell (the page's own launch buttons replace it), with a caption under each widget (a snapshot
   drawn from its saved state: its controls do not respond here), links to files outside the lessons pointed at
   the repository. A file is rewritten only when it changes, so Sphinx rebuilds only what changed.
3. What the pages load that is not ours (ipywidgets' HTML manager, require.js, MathJax 3, anywidget's front end) is
   listed in site/vendor.json: npm packages fetched once with `npm pack` (integrity checked), copied into
   build/site-vendor/ and served from the site's _static/vendor/ (the widgets' icon fonts from the root of each
   language). Nothing on a page loads from elsewhere.
4. sphinx-build per language, both at once (warnings are errors with --strict), then the chooser page, each
   lesson's download (_sources/<lesson>.ipynb) replaced by the lesson as committed, and /lite/ (JupyterLite, built
   by scripts/build_lite.py, cached).
5. With --pdf: every lesson page printed to <language>/pdf/<lesson>.pdf by Chromium.
"""

import argparse
import base64
import concurrent.futures
import fnmatch
import hashlib
import json
import os
import re
import runpy
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
EXECUTED = ROOT / "build" / "executed"
SOURCES = ROOT / "build" / "site-src"
VENDOR = ROOT / "build" / "site-vendor"
DOCTREES = ROOT / "build" / "site-doctrees"
OUT = ROOT / "build" / "site"
LESSON_DIRS = {"en": ROOT / "lessons", "zh-CN": ROOT / "lessons" / "zh-CN"}
EXTRA_PAGES = {"en": [], "zh-CN": ["GLOSSARY.md"]}      # besides the lessons: files of the language's folder
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
TEACHERS = "teachers"        # the answer-key pages' folder in each language (in no menu)

sys.path.insert(0, str(ROOT / "scripts"))
import make_teacher_edition as teacher  # noqa: E402  (the answer keys: one source for the site and the edition)

from helpers.core import questions  # noqa: E402

PROJECT = runpy.run_path(str(ROOT / "helpers" / "core" / "project.py"))   # the one place the repository URL lives
REPOSITORY_URL, BRANCH = PROJECT["REPOSITORY_URL"].rstrip("/"), PROJECT["BRANCH"]

TEXTS = {
    "en": {
        "title": "Nudge: neural networks you can poke",
        "intro": "Interactive lessons that follow 3Blue1Brown's videos on neural networks. Each page shows a "
                 "lesson as it ran, with its figures and widgets; the rocket button at the top of a lesson runs it "
                 "live (Binder, Colab), and the download button gives you the notebook to run on your machine.",
        "lessons": "Lessons",
        "snapshot": "**A snapshot.** The widget above is drawn from the state the lesson's run left it in: its "
                    "sliders and buttons do not respond on this page. To move them, run the lesson live: "
                    "[Binder]({binder}) · [Colab]({colab}) · or on your own machine with `make lab` "
                    "([how]({readme})).",
        "readme": "README.md",
        "teachers": "*Teaching with Nudge?* The [answer keys]({link}) (one page per lesson) and the teacher's "
                    "edition (`make teacher`) have every answer and solution.",
    },
    "zh-CN": {
        "title": "Nudge：动手摸一摸神经网络",
        "intro": "跟着 3Blue1Brown 神经网络系列视频走的交互式课程。每一页是一课运行后的样子，图表和控件都在；"
                 "点课程页顶部的火箭按钮可以在线运行这一课（Binder、Colab），点下载按钮可以拿到笔记本，在自己的电脑上运行。",
        "lessons": "课程",
        "snapshot": "**这是快照。** 上面的控件是按这一课运行结束时保存的状态画出来的："
                    "在这个网页上，它的滑块和按钮不会响应。"
                    "想亲手拖动，请在线运行这一课：[Binder]({binder}) · [Colab]({colab}) · "
                    "或者在自己的电脑上用 `make lab lang=zh-CN` 运行（[说明]({readme})）。",
        "readme": "README.zh-CN.md",
        "teachers": "*用 Nudge 教课？* [答案]({link})（每课一页）和教师版（`make teacher`）里有全部答案和参考解答。",
    },
}
CHOOSER = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Nudge: neural networks you can poke · Nudge：动手摸一摸神经网络</title>
<link rel="icon" href="en/_static/favicon.svg">
<style>
  body {{ font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif;
         margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center;
         background: #f7f7f9; color: #222; }}
  main {{ max-width: 40rem; padding: 2rem; text-align: center; }}
  h1 {{ font-size: 2rem; margin-bottom: .25rem; }}
  p {{ line-height: 1.6; }}
  .choices {{ display: flex; gap: 1rem; justify-content: center; flex-wrap: wrap; margin: 2rem 0; }}
  .choices a {{ display: block; min-width: 12rem; padding: 1.25rem 1.5rem; border-radius: .75rem; background: #fff;
               border: 1px solid #d0d4dc; text-decoration: none; color: #1a4f8b; font-size: 1.25rem; }}
  .choices a:hover, .choices a:focus {{ border-color: #1a4f8b; box-shadow: 0 2px 8px rgba(0,0,0,.08); }}
  .choices small {{ display: block; color: #555; font-size: .9rem; margin-top: .25rem; }}
</style>
</head>
<body>
<main>
  <h1>Nudge</h1>
  <p>Neural networks you can poke: interactive lessons that follow 3Blue1Brown's videos.<br>
     <span lang="zh-CN">动手摸一摸神经网络：跟着 3Blue1Brown 视频走的交互式课程。</span></p>
  <nav class="choices" aria-label="Language / 语言">
    <a class="nudge-choose-en" href="en/index.html" hreflang="en" lang="en">English<small>{en_count} lessons</small></a>
    <a class="nudge-choose-zh-CN" href="zh-CN/index.html" hreflang="zh-CN" lang="zh-CN">
      简体中文<small>{zh_count} 课</small></a>
  </nav>
  <p>Run them in your browser, nothing to install: <a href="lite/lab/index.html?path=lessons/00-Start-Here.ipynb"
     >English</a> · <a href="lite/lab/index.html?path=lessons/zh-CN/00-Start-Here.ipynb" lang="zh-CN">简体中文</a>
     (JupyterLite; the first start downloads Python, some tens of MB
     <span lang="zh-CN">；第一次启动要下载 Python，几十 MB</span>)</p>
  <p><a href="{repository}">{repository}</a></p>
</main>
</body>
</html>
"""


def log(message):
    print(f"[site] {message}", flush=True)


# ---------------------------------------------------------------- 1. the executed lessons

def lessons(language):
    return sorted(LESSON_DIRS[language].glob("[0-9][0-9]-*.ipynb"))


def stale(lesson, executed):
    return not executed.exists() or executed.stat().st_mtime < lesson.stat().st_mtime


def executed_lessons(executed_only=False, workers=2):
    """{language: [executed notebook path]} for every lesson; runs those that are missing or stale (see the top)."""
    todo = [(language, lesson, EXECUTED / language / lesson.name)
            for language in LESSON_DIRS for lesson in lessons(language)]
    missing = [(language, lesson, executed) for language, lesson, executed in todo if stale(lesson, executed)]
    fresh = len(todo) - len(missing)
    log(f"{fresh} executed lessons from build/executed/ (make test's run), {len(missing)} to execute")
    if missing and executed_only:
        sys.exit("[site] --executed-only: no current executed copy of "
                 + ", ".join(f"{language}/{lesson.name}" for language, lesson, _ in missing)
                 + " in build/executed/ (run `make test` first)")
    if missing:
        sys.path.insert(0, str(ROOT / "tests"))
        import nbformat
        from test_lessons import run_notebook  # the very way the tests run a lesson (fresh kernel, cwd, timeout)

        def execute(item):
            language, lesson, executed = item
            start = time.monotonic()
            nb = run_notebook(lesson)
            executed.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, executed)
            return f"executed {language}/{lesson.name} in {time.monotonic() - start:.0f} s"

        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
            for message in pool.map(execute, missing):
                log(message)
    return {language: [EXECUTED / language / lesson.name for lesson in lessons(language)] for language in LESSON_DIRS}


# ---------------------------------------------------------------- 2. the pages' sources

def launch_urls(language, name):
    folder = "lessons" if language == "en" else f"lessons/{language}"
    gh = REPOSITORY_URL.split("github.com/", 1)[-1]
    return {
        "binder": f"https://mybinder.org/v2/gh/{gh}/{BRANCH}?urlpath={quote(f'lab/tree/{folder}/{name}', safe='/')}",
        "colab": f"https://colab.research.google.com/github/{gh}/blob/{BRANCH}/{folder}/{name}",
        "readme": f"{REPOSITORY_URL}/blob/{BRANCH}/{TEXTS[language]['readme']}",
    }


MARKDOWN_LINK = re.compile(r"(\]\()([^)\s]+)(\))")


def rewrite_links(text, language, pages):
    """Links to files outside this language's pages point at the repository (or at the other language's page)."""
    folder = LESSON_DIRS[language]

    def replace(match):
        target = match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:|^#", target, re.I):
            return match.group(0)
        path, _, anchor = target.partition("#")
        resolved = (folder / path).resolve()
        if resolved.parent == folder and resolved.name in pages:
            return match.group(0)                  # a page of this language: myst links it
        for other, other_folder in LESSON_DIRS.items():
            if other != language and resolved.parent == other_folder and resolved.suffix in (".ipynb", ".md"):
                # myst would look for it among this language's pages: a plain URL to the other site instead
                page = f"../{other}/{resolved.stem}.html" + (f"#{anchor}" if anchor else "")
                return f"{match.group(1)}{page}{match.group(3)}"
        try:
            relative = resolved.relative_to(ROOT).as_posix()
        except ValueError:
            return match.group(0)
        kind = "tree" if resolved.is_dir() else "blob"
        url = f"{REPOSITORY_URL}/{kind}/{BRANCH}/{relative}" + (f"#{anchor}" if anchor else "")
        return f"{match.group(1)}{url}{match.group(3)}"

    return MARKDOWN_LINK.sub(replace, text)


def site_notebook(executed, language, pages):
    """The executed lesson as the site shows it (see the top of this file)."""
    nb = json.loads(executed.read_text(encoding="utf-8"))
    cells = []
    for cell in nb["cells"]:
        if cell.get("metadata", {}).get("nudge") == "badges":
            continue
        asks = teacher.QUESTION_CALL.search(teacher.source(cell)) if cell["cell_type"] == "code" else None
        if asks:                # a question: its text, with the answer folded away, instead of an inert widget
            q = questions.question(asks.group(1), language)
            cells.append({"cell_type": "markdown", "id": f"nudge-question-{len(cells)}",
                          "metadata": {"nudge": "site-question"}, "source": teacher.question_markdown(q, language)})
            continue
        if cell["cell_type"] == "markdown":
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cell["source"] = rewrite_links(source, language, pages)
        cells.append(cell)
        if cell["cell_type"] == "code" and any(WIDGET_VIEW in output.get("data", {})
                                               for output in cell.get("outputs", [])):
            note = TEXTS[language]["snapshot"].format(**launch_urls(language, executed.name))
            cells.append({"cell_type": "markdown", "id": f"nudge-snapshot-{len(cells)}",
                          "metadata": {"nudge": "site-snapshot-note"},
                          "source": f":::{{container}} nudge-snapshot-note\n{note}\n:::\n"})
    nb["cells"] = cells
    return json.dumps(nb, ensure_ascii=False, indent=1) + "\n"


def title_of(notebook_text):
    for cell in json.loads(notebook_text)["cells"]:
        if cell["cell_type"] == "markdown":
            for line in cell["source"].splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    raise SystemExit("[site] a lesson without a '# title' line in its first markdown cell")


def write_if_changed(path, text):
    """Write only what changed: Sphinx then rebuilds only the pages whose source changed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def answer_key_pages(language, notebooks, titles, pdf=False):
    """build/site-src/<language>/teachers/: an answer-key page per lesson with questions, and their index.

    The pages are orphans (in no menu): a teacher reaches them from the line under the start page's list.
    Returns the file names written."""
    src = SOURCES / language / TEACHERS
    t = teacher.TEXTS[language]
    written, items = [], []
    for notebook in notebooks:
        lesson = LESSON_DIRS[language] / notebook.name
        if not questions.lesson_questions(lesson.name[:2], language).get("questions"):
            continue
        title = titles[notebook.stem]
        write_if_changed(src / f"{notebook.stem}.md", teacher.answer_key_page(lesson, language, title, notebook.stem))
        written.append(f"{notebook.stem}.md")
        pdf_link = f' · <a href="../{PDF_DIR}/{notebook.stem}.pdf">{t["keys_pdf"]}</a>' if pdf else ""
        items.append(f"- [{title}]({notebook.stem}.md){pdf_link}")
    index = "\n".join([*teacher.ORPHAN_PAGE, f"# {t['keys_index_title']}", "", t["keys_index_intro"], "",
                       *items, ""])
    write_if_changed(src / "index.md", index)
    return [*written, "index.md"]


def prepare_sources(executed, pdf_languages=()):
    """build/site-src/<language>/: the pages Sphinx reads. Returns {language: [page names]}."""
    names = {}
    for language, notebooks in executed.items():
        src = SOURCES / language
        pages = {nb.name for nb in notebooks} | set(EXTRA_PAGES[language])
        keep = {"index.md"}
        titles = []
        for notebook in notebooks:
            text = site_notebook(notebook, language, pages)
            write_if_changed(src / notebook.name, text)
            keep.add(notebook.name)
            titles.append((notebook.stem, title_of(text)))
        for extra in EXTRA_PAGES[language]:
            text = rewrite_links((LESSON_DIRS[language] / extra).read_text(encoding="utf-8"), language, pages)
            write_if_changed(src / extra, text)
            keep.add(extra)
        keys = answer_key_pages(language, notebooks, dict(titles), pdf=language in pdf_languages)
        keep |= {f"{TEACHERS}/{name}" for name in keys}
        texts = TEXTS[language]
        toctree = "\n".join(stem for stem, _ in titles)
        extras = "\n".join(Path(extra).stem for extra in EXTRA_PAGES[language])
        index = (f"# {texts['title']}\n\n{texts['intro']}\n\n"
                 f"```{{toctree}}\n:maxdepth: 1\n:caption: {texts['lessons']}\n\n{toctree}\n{extras}\n```\n\n"
                 f"{texts['teachers'].format(link=f'{TEACHERS}/index.md')}\n")
        write_if_changed(src / "index.md", index)
        for stray in [*src.iterdir(), *(src / TEACHERS).iterdir()]:     # a lesson renamed or removed upstream
            if stray.is_file() and stray.relative_to(src).as_posix() not in keep:
                stray.unlink()
        names[language] = (["index"] + [stem for stem, _ in titles] + [Path(e).stem for e in EXTRA_PAGES[language]]
                           + [f"{TEACHERS}/{Path(name).stem}" for name in keys])
    return names


# ---------------------------------------------------------------- 3. what the pages load

def npm_tarball(name, spec):
    """The package's tarball from the npm registry (`npm pack`), kept in build/site-vendor/npm/, integrity checked."""
    cache = VENDOR / "npm"
    cache.mkdir(parents=True, exist_ok=True)
    tarball = cache / f"{name.lstrip('@').replace('/', '-')}-{spec['version']}.tgz"
    if not tarball.exists():
        if shutil.which("npm") is None:
            raise SystemExit("[site] needs npm (the pages' JavaScript comes from the npm registry): "
                             "apt-get install npm")
        log(f"npm pack {name}@{spec['version']}")
        subprocess.run(["npm", "pack", "--silent", f"{name}@{spec['version']}", "--pack-destination", str(cache)],
                       check=True, stdout=subprocess.DEVNULL)
    algorithm, _, expected = spec["integrity"].partition("-")
    digest = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
    if digest != expected:
        tarball.unlink()
        raise SystemExit(f"[site] {tarball.name}: integrity {algorithm}-{digest}, site/vendor.json says "
                         f"{spec['integrity']}")
    return tarball


def copy_vendor():
    """build/site-vendor/static/vendor/ (served as _static/vendor/) and build/site-vendor/extra/ (copied to the root
    of each language by html_extra_path): the files of site/vendor.json."""
    manifest = json.loads((SITE / "vendor.json").read_text(encoding="utf-8"))
    target = VENDOR / "static" / "vendor"
    stamp = VENDOR / "static" / ".manifest"
    if target.exists() and stamp.exists() and stamp.read_text() == json.dumps(manifest, sort_keys=True):
        return VENDOR / "static"
    shutil.rmtree(VENDOR / "static", ignore_errors=True)
    shutil.rmtree(VENDOR / "extra", ignore_errors=True)
    for name, spec in manifest["npm"].items():
        with tarfile.open(npm_tarball(name, spec)) as archive:
            members = {m.name.removeprefix("package/"): m for m in archive.getmembers() if m.isfile()}
            root = [(pattern, folder) for folder, patterns in spec.get("root", {}).items() for pattern in patterns]
            for folder, files in [(target, list(spec["copy"].items())), (VENDOR / "extra", root)]:
                for pattern, destination in files:
                    matched = [path for path in members if fnmatch.fnmatch(path, pattern)]
                    if not matched:
                        raise SystemExit(f"[site] {name}@{spec['version']} has no {pattern}")
                    for path in matched:
                        out = folder / destination
                        out = out / Path(path).name if destination.endswith("/") else out
                        out.parent.mkdir(parents=True, exist_ok=True)
                        out.write_bytes(archive.extractfile(members[path]).read())
    for package, spec in manifest["python"].items():
        module = __import__(package)
        base = Path(module.__file__).parent
        for source, destination in spec["copy"].items():
            out = target / destination
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(base / source, out)
    stamp.write_text(json.dumps(manifest, sort_keys=True))
    return VENDOR / "static"


# ---------------------------------------------------------------- 4. Sphinx, then the site's own pages

def sphinx(language, pages, strict, fresh):
    env = dict(os.environ, NUDGE_SITE_LANG=language, NUDGE_SITE_VENDOR=str(VENDOR),
               NUDGE_SITE_PAGES=json.dumps(pages))
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-c", str(SITE), "-d", str(DOCTREES / language)]
    command += (["-W", "--keep-going"] if strict else []) + (["-E", "-a"] if fresh else [])
    command += [str(SOURCES / language), str(OUT / language)]
    start = time.monotonic()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    return language, result.returncode, output, time.monotonic() - start


def replace_downloads(executed):
    """The download button offers _sources/<lesson>.ipynb: the lesson as committed (no outputs, runs anywhere)."""
    for language in executed:
        for lesson in lessons(language):
            target = OUT / language / "_sources" / lesson.name
            if target.parent.exists():
                shutil.copyfile(lesson, target)


# ---------------------------------------------------------------- 5. a printable PDF of each lesson

PDF_MARGIN = {"top": "14mm", "bottom": "14mm", "left": "12mm", "right": "12mm"}
# Where the PDFs go in each language's folder, and what a Chinese page needs from the machine that prints it.
PDF_DIR = "pdf"
CJK_FONT_HINT = "a Chinese font for Chromium (Debian: apt-get install fonts-noto-cjk)"


def has_cjk_font():
    """True when fontconfig knows a font with Chinese glyphs (Chromium prints boxes without one)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    result = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True)
    return bool(result.stdout.strip())


def print_pdfs(languages, only=None, browser=None):
    """build/site/<language>/pdf/<lesson>.pdf for every lesson (or the lesson names in `only`): Chromium's print of
    the built page (A4, the page's print styles: no menus or buttons, answers folded, widgets as their snapshots).
    `browser`: a Playwright Chromium to print with (else one is started). Returns the files written."""
    sys.path.insert(0, str(ROOT / "tests"))
    from jupyterlab_browser import CHROMIUM, CHROMIUM_ARGS, serving
    from playwright.sync_api import sync_playwright

    if "zh-CN" in languages and not has_cjk_font():
        raise SystemExit(f"[site] the Chinese PDFs need {CJK_FONT_HINT}; or build only English ones: --pdf en")
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"[site] --pdf needs Chromium at {CHROMIUM} (apt-get install chromium)")

    with serving(OUT) as base:
        if browser is not None:
            return _print_lessons(browser, base, languages, only)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                return _print_lessons(browser, base, languages, only)
            finally:
                browser.close()


def _print_lessons(browser, base, languages, only):
    written = []
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        for language in languages:
            for lesson in lessons(language):
                if only and lesson.stem not in only:
                    continue
                page.goto(f"{base}/{language}/{lesson.stem}.html", wait_until="load")
                page.wait_for_function(PAGE_READY, timeout=60_000)
                page.evaluate("() => MathJax.startup.promise")
                target = OUT / language / PDF_DIR / f"{lesson.stem}.pdf"
                target.parent.mkdir(parents=True, exist_ok=True)
                partial_file = target.with_suffix(".pdf.part")      # a failed print leaves no half-written PDF
                page.pdf(path=str(partial_file), format="A4", print_background=True, margin=PDF_MARGIN)
                partial_file.replace(target)
                written.append(target)
    finally:
        page.close()
    return written


# The page is ready to print: MathJax has started and every widget snapshot is drawn (tests/test_site.py waits alike).
PAGE_READY = """() => window.MathJax && MathJax.startup && MathJax.startup.promise &&
  [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')].every((s) => {
    const area = s.previousElementSibling;
    return area && area.querySelector(".jupyter-widgets") && area.getBoundingClientRect().height > 0;
  })"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--executed-only", action="store_true",
                        help="use only build/executed/ (make test's run): fail if a lesson's is missing or stale")
    parser.add_argument("--no-strict", action="store_true", help="warnings are not errors")
    parser.add_argument("--fresh", action="store_true", help="rebuild every page (sphinx-build -E -a)")
    parser.add_argument("--no-lite", action="store_true", help="leave out /lite/ (the JupyterLite edition)")
    parser.add_argument("--pdf", nargs="*", choices=list(LESSON_DIRS), metavar="LANGUAGE",
                        help="also print every lesson page to <language>/pdf/<lesson>.pdf with Chromium "
                             "(all languages if none is named; Chinese needs a Chinese font)")
    args = parser.parse_args(argv)
    start = time.monotonic()
    executed = executed_lessons(executed_only=args.executed_only)
    pdf_languages = (args.pdf or list(LESSON_DIRS)) if args.pdf is not None else []
    pages = prepare_sources(executed, pdf_languages)
    copy_vendor()
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(pages)) as pool:
        results = list(pool.map(lambda language: sphinx(language, pages, not args.no_strict, args.fresh), pages))
    failed = False
    for language, code, output, seconds in results:
        log(f"sphinx {language}: {'ok' if code == 0 else f'FAILED ({code})'} in {seconds:.0f} s")
        if output:
            print(output)
        failed |= code != 0
    if failed:
        return 1
    replace_downloads(executed)
    for language in pages:          # what the themes copy into _static but no page loads
        static = OUT / language / "_static"
        for path in [*static.glob("*webpack-macros.html"), *static.glob("*/*.map"), static / "locales"]:
            shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
    count = {language: len(lessons(language)) for language in LESSON_DIRS}
    write_if_changed(OUT / "index.html", CHOOSER.format(en_count=count["en"], zh_count=count["zh-CN"],
                                                        repository=REPOSITORY_URL))
    if not args.no_lite:
        from build_lite import LiteBuildError, build_lite  # scripts/: the lessons in the browser (JupyterLite)
        try:
            build_lite(OUT / "lite")
        except LiteBuildError as error:
            raise SystemExit(f"[lite] {error}") from None
    write_if_changed(OUT / ".nojekyll", "")
    if args.pdf is not None:
        pdf_start = time.monotonic()
        written = print_pdfs(pdf_languages)
        log(f"printed {len(written)} PDFs ({sum(p.stat().st_size for p in written) / 1e6:.1f} MB) "
            f"in {time.monotonic() - pdf_start:.0f} s")
    log(f"built {OUT.relative_to(ROOT)}/ in {time.monotonic() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
