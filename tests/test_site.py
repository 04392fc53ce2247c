"""The lessons' web site (`make site`, scripts/build_site.py): it builds with warnings as errors, and in headless
Chromium a lesson page in each language loads nothing from outside the site, logs no error, decodes every image,
typesets every formula, draws every widget snapshot, links to the same page in the other language, and the search
finds the right pages in English and in Chinese; no internal link of the site is broken.

The build reuses what is there (build/executed/, Sphinx's cache): after `make site` it takes seconds. Under CI=true it
passes --executed-only: the pages must show the outputs of make test's one run per lesson and language.
"""

import html.parser
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from jupyterlab_browser import chromium, serving

pytestmark = [pytest.mark.site, pytest.mark.slow, pytest.mark.xdist_group("site"),
              pytest.mark.skipif(sys.version_info < (3, 11), reason="Sphinx 9 (the site's builder) needs Python 3.11")]

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "build" / "site"
LESSON = "05-What-The-Network-Learned"     # widgets and the anywidget canvas
LESSON_PAGES = {LESSON: {"canvas": True}, "02-Gradient-Descent": {"canvas": False}}
LANGUAGES = {"en": "zh-CN", "zh-CN": "en"}
# (language, query, a page that must be among the first three results)
SEARCHES = [("en", "gradient descent", "02-Gradient-Descent"),
            ("en", "backpropagation", "04-Backpropagation-Calculus"),
            ("zh-CN", "梯度下降", "02-Gradient-Descent"),
            ("zh-CN", "反向传播的微积分", "04-Backpropagation-Calculus"),
            ("zh-CN", "学习率", "02-Gradient-Descent")]


LESSON_RUN = "tests/test_lessons.py::test_lesson_runs_once_per_language_with_the_same_numbers"
LESSONS_WAIT = 1800        # seconds: the lessons' runs take a few minutes; this only catches a hung one


def wait_for_this_runs_lessons(session, testrun_uid):
    """When this pytest run executes the lessons too (make test: one session, two workers), wait until each has
    left its stamp (tests/test_lessons.py), so the pages show this run's outputs; fail if one of them failed.

    Run on its own (make test-site), the site is built from what build/executed/ holds."""
    lessons = [item.callspec.id for item in session.items if item.nodeid.startswith(LESSON_RUN)]
    stamps = [ROOT / "build" / "lesson-runs" / testrun_uid / Path(lesson).stem for lesson in lessons]
    deadline = time.monotonic() + LESSONS_WAIT
    while not all(stamp.exists() for stamp in stamps):
        if time.monotonic() > deadline:
            pytest.fail(f"the lessons' runs did not finish within {LESSONS_WAIT} s: "
                        f"{[s.name for s in stamps if not s.exists()]}", pytrace=False)
        time.sleep(1)
    failed = [stamp.name for stamp in stamps if stamp.read_text(encoding="utf-8") != "passed"]
    if failed:
        pytest.fail(f"the site is built from this run's executed lessons, and these failed: {failed}", pytrace=False)


@pytest.fixture(scope="module")
def site(request, testrun_uid):
    """Build the site (strict: a warning fails it) from the executed lessons; return its folder."""
    wait_for_this_runs_lessons(request.session, testrun_uid)
    command = [sys.executable, str(ROOT / "scripts" / "build_site.py")]
    if os.environ.get("CI") == "true":
        command.append("--executed-only")
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                            env=dict(os.environ, OPENBLAS_NUM_THREADS="1"))
    assert result.returncode == 0, f"make site failed:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}"
    return SITE


@pytest.fixture(scope="module")
def server(site):
    """The built site served on 127.0.0.1 (a free port); yields its base URL."""
    with serving(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:        # the process's one Playwright (the harness's too); skips or fails without one
        yield browser


def test_the_site_builds_with_warnings_as_errors(site):
    for language in LANGUAGES:
        pages = {path.stem for path in (site / language).glob("*.html")}
        lessons = {path.stem for path in (ROOT / "lessons" / ("" if language == "en" else language)).glob("*.ipynb")}
        assert lessons and lessons <= pages, f"{language}: lessons without a page: {sorted(lessons - pages)}"
    assert (site / "zh-CN" / "GLOSSARY.html").exists()
    assert (site / "index.html").exists()


# Run in the page once the widgets had their time: what a reader would see missing.
PAGE_REPORT = """async () => {
  for (const img of document.images) img.loading = "eager";
  await Promise.all([...document.images].map((img) => img.decode().catch(() => null)));
  const column = document.querySelector(".bd-article section").getBoundingClientRect().right;
  const snapshots = document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]');
  const undrawn = [...snapshots].filter((s) => {
    const area = s.previousElementSibling;
    return !(area && area.classList.contains("widget-subarea") && area.querySelector(".jupyter-widgets")
             && area.getBoundingClientRect().height > 0);
  });
  const mathOutside = [];             // $...$ or \\(...\\) left as text in a widget: MathJax never saw it
  for (const area of document.querySelectorAll(".widget-subarea")) {
    const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.closest("mjx-container") && /\\$[^$]+\\$|\\\\\\(/.test(node.textContent)) {
        mathOutside.push(node.textContent.slice(0, 60));
      }
    }
  }
  return {
    lang: document.documentElement.lang,
    images: document.images.length,
    undecoded: [...document.images].filter((i) => !(i.complete && i.naturalWidth > 0)).map((i) => i.src.slice(0, 80)),
    formulas: document.querySelectorAll(".math").length,
    untypeset: [...document.querySelectorAll(".math")].filter((m) => !m.querySelector("mjx-container"))
      .map((m) => m.textContent.slice(0, 60)),
    mathLeftInWidgets: mathOutside,
    snapshots: snapshots.length,
    undrawn: undrawn.length,
    widgetErrors: [...document.querySelectorAll(".widget-subarea")].filter((a) =>
      /Error (displaying|rendering) widget|Could not create/i.test(a.textContent)).length,
    canvases: document.querySelectorAll(".widget-subarea canvas").length,
    inert: [...snapshots].filter((s) => !s.closest("[inert]")).length,
    captions: document.querySelectorAll(".nudge-snapshot-note").length,
    overflowing: [...document.querySelectorAll(".widget-subarea *, .cell_output img")]
      .filter((e) => e.getBoundingClientRect().right > column + 4)
      .map((e) => `${e.tagName}.${e.className}`.slice(0, 80)),
    languageLink: document.querySelector("a.nudge-language-link")?.getAttribute("href"),
    launch: [...document.querySelectorAll(".dropdown-launch-buttons a")].map((a) => a.href),
    download: [...document.querySelectorAll(".dropdown-download-buttons a")].map((a) => a.getAttribute("href")),
  };
}"""


# The report's "undrawn" test, as a condition to wait for (instead of a fixed pause).
EVERY_SNAPSHOT_DRAWN = """() =>
  [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')]
  .every((s) => {
    const area = s.previousElementSibling;
    return area && area.classList.contains("widget-subarea") && area.querySelector(".jupyter-widgets")
           && area.getBoundingClientRect().height > 0;
  })"""


def open_page(browser, url):
    """A 1280x800 page at `url`; returns (page, requests, problems) collected while it loads and runs."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    requests, problems = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("response", lambda response: problems.append(f"HTTP {response.status}: {response.url}")
            if response.status >= 400 else None)
    page.goto(url, wait_until="load")
    return page, requests, problems


@pytest.mark.parametrize("lesson", list(LESSON_PAGES))
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_a_lesson_page_shows_everything_from_the_site_alone(browser, server, language, lesson):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page, requests, problems = open_page(browser, f"{server}/{language}/{lesson}.html")
    try:
        page.wait_for_function("() => document.querySelectorAll('.widget-subarea .jupyter-widgets').length > 0 "
                               "&& window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=60_000)
        page.evaluate("() => MathJax.startup.promise")
        try:                                   # every snapshot drawn, then the formulas its labels queued
            page.wait_for_function(EVERY_SNAPSHOT_DRAWN, timeout=20_000)
        except PlaywrightTimeout:
            pass                               # the report below names what is missing
        page.evaluate("() => MathJax.startup.promise")
        report = page.evaluate(PAGE_REPORT)
        screenshot = ROOT / "test-artifacts" / "screenshots" / f"site-{language}-{lesson}.png"
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot))
    finally:
        page.close()
    outside = [url for url in requests if not url.startswith(server) and not url.startswith(("data:", "blob:"))]
    assert outside == [], f"requests outside the site: {outside[:10]}"
    assert problems == [], "\n".join(problems[:20])
    assert report["lang"] == language
    assert report["images"] > 5 and report["undecoded"] == [], report["undecoded"]
    assert report["formulas"] > 10 and report["untypeset"] == [], report["untypeset"]
    assert report["mathLeftInWidgets"] == [], report["mathLeftInWidgets"]
    assert report["snapshots"] > 3 and report["undrawn"] == 0 and report["widgetErrors"] == 0, report
    if LESSON_PAGES[lesson]["canvas"]:
        assert report["canvases"] >= 1, "the anywidget drawing canvas was not drawn"
    assert report["inert"] == 0 and report["captions"] == report["snapshots"], report
    assert report["overflowing"] == [], f"wider than the column: {report['overflowing'][:10]}"
    assert report["languageLink"] == f"../{LANGUAGES[language]}/{lesson}.html"
    folder = "lessons" if language == "en" else f"lessons/{language}"
    assert any("mybinder.org" in url and f"{folder}/{lesson}.ipynb" in url for url in report["launch"]), report
    assert any("colab.research.google.com" in url and f"{folder}/{lesson}.ipynb" in url for url in report["launch"])
    assert f"_sources/{lesson}.ipynb" in report["download"]


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_language_link_opens_the_same_lesson_in_the_other_language(browser, server, language):
    lesson = "00-Start-Here"        # a light page: the lesson pages' links are checked above
    page, _, problems = open_page(browser, f"{server}/{language}/{lesson}.html")
    try:
        page.click("a.nudge-language-link")
        page.wait_for_load_state("load")
        assert page.url == f"{server}/{LANGUAGES[language]}/{lesson}.html"
        assert page.evaluate("document.documentElement.lang") == LANGUAGES[language]
    finally:
        page.close()


@pytest.mark.parametrize(("language", "query", "expected"), SEARCHES, ids=[s[1] for s in SEARCHES])
def test_the_search_finds_the_right_pages(browser, server, language, query, expected):
    url = f"{server}/{language}/search.html?q={urllib.parse.quote(query)}"
    page, requests, problems = open_page(browser, url)
    try:
        page.wait_for_selector("#search-results ul.search li, #search-results p", timeout=30_000)
        page.wait_for_function("() => !document.querySelector('#search-progress')?.textContent.includes('…')"
                               " && document.querySelectorAll('#search-results ul.search li').length > 0",
                               timeout=30_000)
        found = page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.href)")
    finally:
        page.close()
    assert problems == [], "\n".join(problems[:20])
    pages = list(dict.fromkeys(urllib.parse.urlsplit(link).path for link in found))     # a page once, in order
    assert f"/{language}/{expected}.html" in pages[:3], f"{query!r} found {pages}"


QUESTION_CELL = re.compile(r"""widgets\.question\(\s*["']([\w-]+)["']\s*\)""")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _code_cells(language, lesson):
    """The code cells of build/executed/<language>/<lesson>.ipynb (the run the pages show)."""
    nb = json.loads((ROOT / "build" / "executed" / language / f"{lesson}.ipynb").read_text(encoding="utf-8"))
    return [cell for cell in nb["cells"] if cell["cell_type"] == "code"]


def _lessons_with_questions(language):
    from helpers.core import questions
    return [path.stem for path in sorted((ROOT / "build" / "executed" / language).glob("[0-9][0-9]-*.ipynb"))
            if questions.lesson_questions(path.name[:2], language).get("questions")]


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_question_shows_as_text_with_its_answer_folded_away(site, language):
    from helpers.core import questions
    lessons = _lessons_with_questions(language)
    assert len(lessons) >= 6
    for lesson in lessons:
        cells = _code_cells(language, lesson)
        ids = [m.group(1) for cell in cells if (m := QUESTION_CELL.search("".join(cell["source"])))]
        widgets = sum(1 for cell in cells if not QUESTION_CELL.search("".join(cell["source"]))
                      and any(WIDGET_VIEW in output.get("data", {}) for output in cell.get("outputs", [])))
        page = (site / language / f"{lesson}.html").read_text(encoding="utf-8")
        shown = re.findall(r'<div class="nudge-question[^"]*">(.*?)</details>', page, re.S)
        assert len(shown) == len(ids) >= 3, f"{language}/{lesson}: {len(shown)} questions shown, {len(ids)} asked"
        for qid, block in zip(ids, shown):
            q = questions.question(qid, language)
            asked, _, answer = block.replace("’", "'").partition("<summary>")     # Sphinx curls the quotes
            assert html.escape(q["title"], quote=False) in asked, f"{qid}: its title is not shown"
            assert '<details class="nudge-answer">' in asked and answer, f"{qid}: no folded answer"
            right = "正确答案" if language == "zh-CN" else "Right:"
            assert right not in asked and right in answer, f"{qid}: the answer shows before it is unfolded"
            wrong = len(q["choices"]) - 1 if q["kind"] == "choice" else len(q.get("mistakes", []))
            assert answer.count("<li>") >= wrong, f"{qid}: not every wrong answer is explained"
        # the question widgets are replaced, every other widget snapshot stays
        assert page.count(f'type="{WIDGET_VIEW}"') == widgets, f"{language}/{lesson}"


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_each_lesson_has_an_answer_key_page_in_no_menu_and_no_search(site, language):
    from helpers.core import questions
    folder = site / language
    keys_index = (folder / "teachers" / "index.html").read_text(encoding="utf-8")
    assert 'href="teachers/index.html"' in (folder / "index.html").read_text(encoding="utf-8")
    for lesson in _lessons_with_questions(language):
        key_page = (folder / "teachers" / f"{lesson}.html").read_text(encoding="utf-8").replace("’", "'")
        assert f'href="{lesson}.html"' in keys_index
        data = questions.lesson_questions(lesson[:2], language)
        for q in data["questions"]:
            assert html.escape(q["title"], quote=False) in key_page, f"{lesson}: no answer key for {q['id']}"
        checks = {m for cell in _code_cells(language, lesson)
                  for m in re.findall(r"exercises\.check_(\w+)", "".join(cell["source"]))}
        for name in checks:
            assert f"exercises.check_{name}" in key_page, f"{lesson}: no worked solution of {name}"
        assert key_page.count('class="highlight-python') >= len(checks)
        assert len(data["discussion"]) >= 2 and key_page.count("<li>") >= len(data["discussion"])
        lesson_page = (folder / f"{lesson}.html").read_text(encoding="utf-8")
        assert "teachers/" not in lesson_page, f"{language}/{lesson}: a lesson page links its answer key"
    index = json.loads(re.fullmatch(r"Search\.setIndex\((.*)\)", (folder / "searchindex.js").read_text(
        encoding="utf-8").strip(), re.S).group(1))
    hidden = {i for i, name in enumerate(index["docnames"]) if name.startswith("teachers/")}
    found = [word for kind in ("terms", "titleterms") for word, docs in index[kind].items()
             if hidden & ({docs} if isinstance(docs, int) else set(docs))]
    assert len(hidden) >= 7 and found == [], f"{language}: the search finds answer keys by {found[:10]}"


def _build_site_module():
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_site
    return build_site


def test_a_lesson_prints_to_a_pdf_for_handing_out(site, browser):
    build_site = _build_site_module()
    [pdf] = build_site.print_pdfs(["en"], only=["00-Start-Here"], browser=browser)
    data = pdf.read_bytes()
    assert pdf == site / "en" / "pdf" / "00-Start-Here.pdf" and data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 3, "the lesson fits on too few A4 pages to be whole"
    assert len(data) > 100_000, "too small to hold the lesson's figures"
    assert not list(pdf.parent.glob("*.part")), "a half-written PDF was left behind"


def test_chinese_pdfs_refuse_to_print_boxes(monkeypatch):
    build_site = _build_site_module()
    monkeypatch.setattr(build_site, "has_cjk_font", lambda: False)
    with pytest.raises(SystemExit, match="fonts-noto-cjk"):
        build_site.print_pdfs(["zh-CN"])


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append(attrs[name])


def test_no_internal_link_is_broken(site):
    pages = {path.resolve(): _parse(path) for path in site.rglob("*.html")}
    site = site.resolve()
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            parts = urllib.parse.urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:", "data:")):
                continue
            target = (page.parent / urllib.parse.unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists() or site.resolve() not in target.parents:
                broken.append(f"{page.relative_to(site)}: {link}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in pages[target].ids:
                broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    assert broken == [], f"{len(broken)} broken links:\n" + "\n".join(broken[:30])


def _parse(path):
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser
