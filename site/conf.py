"""Sphinx configuration of the lessons' web site, one build per language (scripts/build_site.py sets the variables).

NUDGE_SITE_LANG     en | zh-CN: the language of this build (its pages are build/site-src/<lang>/)
NUDGE_SITE_VENDOR   build/site-vendor: static/vendor/ holds the files of site/vendor.json (served as _static/vendor/),
                    extra/ what must sit at the root of each language
NUDGE_SITE_PAGES    {language: [page names]}: where the language link of each page goes
"""

import json
import os
import runpy
from pathlib import Path

import sphinx
import sphinx.search
from sphinx.search.zh import SearchChinese

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LANG = os.environ.get("NUDGE_SITE_LANG", "en")
OTHER = {"en": "zh-CN", "zh-CN": "en"}[LANG]
PAGES = json.loads(os.environ.get("NUDGE_SITE_PAGES", "{}"))
VENDOR = Path(os.environ.get("NUDGE_SITE_VENDOR", ROOT / "build" / "site-vendor"))
PROJECT = runpy.run_path(str(ROOT / "helpers" / "core" / "project.py"))   # the repository URL: one setting

project = "Nudge"
author = "Nudge contributors"
copyright = "Nudge contributors; code MIT, lesson text CC BY 4.0"
language = {"en": "en", "zh-CN": "zh_CN"}[LANG]
html_search_language = {"en": "en", "zh-CN": "zh"}[LANG]     # zh: jieba splits the pages into words

extensions = ["myst_nb"]
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
root_doc = "index"

# --- the notebooks: already executed (by make test, else scripts/build_site.py), shown as they are
nb_execution_mode = "off"
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 3
nb_ipywidgets_js = {
    # ipywidgets' HTML manager draws each widget from the state saved in the notebook; both served from here.
    "vendor/requirejs/require.js": {},
    "nudge-widgets.js": {},          # require.js paths (anywidget's front end) and the inert controls
    # a module it cannot find falls back to this "CDN": a missing file of this site, never another host
    "vendor/html-manager/embed-amd.js": {"data-jupyter-widgets-cdn": "_static/vendor/npm/"},
}

# --- MathJax 3 from this site (Sphinx 9 would load MathJax 4 from a CDN); the config adds MathJax 2's Hub.Queue
mathjax_path = "vendor/mathjax/tex-chtml.js"
mathjax_config_path = "mathjax-config.js"

# --- the theme
html_theme = "sphinx_book_theme"
html_title = {"en": "Nudge", "zh-CN": "Nudge 中文版"}[LANG]
html_static_path = ["_static", str(VENDOR / "static")]
html_extra_path = [str(VENDOR / "extra")]
templates_path = ["_templates"]
html_css_files = ["nudge.css"]
html_favicon = "_static/favicon.svg"
html_js_files = [("nudge-search.js", {"priority": 200})]   # before searchtools.js: splits a Chinese query into words
html_copy_source = True            # the download button offers _sources/<page> (False breaks it)
html_show_sourcelink = False
html_last_updated_fmt = None
html_theme_options = {
    "repository_url": PROJECT["REPOSITORY_URL"],
    "repository_branch": PROJECT["BRANCH"],
    "path_to_docs": {"en": "lessons", "zh-CN": "lessons/zh-CN"}[LANG],
    "use_repository_button": True,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "launch_buttons": {
        "notebook_interface": "jupyterlab",
        "binderhub_url": "https://mybinder.org",
        "colab_url": "https://colab.research.google.com",
        "jupyterlite_url": "../lite/lab/index.html",   # + ?path=lessons/<lesson>.ipynb (scripts/build_lite.py)
    },
    "article_header_end": ["nudge-language.html", "article-header-buttons.html"],
    "navbar_persistent": [],       # pydata 0.20 would add a second search field in a bar of its own
    "show_toc_level": 2,
    "home_page_in_toc": True,
}
html_context = {"default_mode": "light",     # the figures are drawn on white
                "nudge_language": LANG, "nudge_other_language": OTHER,
                "nudge_other_language_name": {"en": "English", "zh-CN": "简体中文"}[OTHER]}


def language_link(app, pagename, templatename, context, doctree):
    """The same page in the other language, or that language's start page when it has no such page."""
    other_pages = PAGES.get(OTHER, [])
    target = pagename if pagename in other_pages else "index"
    context["nudge_other_language_url"] = "../" * (pagename.count("/") + 1) + f"{OTHER}/{target}.html"


class ChineseSearch(SearchChinese):
    """Sphinx 9.0's Chinese search sets `window.Stemmer = ChineseStemmer`, a name its language_data.js never defines
    (a page error on every Chinese page, and no search; sphinx-doc/sphinx#14229, fixed in Sphinx 9.2, which needs
    Python 3.13): it stems Latin words with the English stemmer, so name that one."""

    language_name = "English"


if sphinx.version_info < (9, 2):
    sphinx.search.languages["zh"] = ChineseSearch

if LANG == "zh-CN":       # jieba announces building its dictionary on every build: not news
    import logging

    import jieba
    jieba.setLogLevel(logging.WARNING)


def setup(app):
    app.connect("html-page-context", language_link)
