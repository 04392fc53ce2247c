"""The Simplified Chinese edition: complete catalogue, shipped glyphs, identical code, one glossary.

- every message the code can show has a zh-CN translation with the same {fields}, and the
  compiled catalogue matches its source (scripts/i18n.py check);
- every character a translation can put into a figure is in the shipped font (or DejaVu Sans),
  and drawing them raises no "missing from font" warning;
- each zh-CN lesson has the same code cells as its English twin, but for the setup cell's
  language line, so both editions compute the same numbers;
- the glossary's terms are the ones the zh-CN lessons and catalogue use;
- choosing a language changes nothing global, and a third language needs one catalogue file.
"""

import ast
import gettext
import io
import json
import logging
import re
import sys
import warnings
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

import helpers
from helpers.core import languages
from helpers.plots._core import new_figure

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from scripts import i18n, make_font_subset  # noqa: E402

ENGLISH = sorted((ROOT / "lessons").glob("[0-9][0-9]-*.ipynb"))
CHINESE_DIR = ROOT / "lessons" / "zh-CN"
LANGUAGE_LINE = re.compile(r'^helpers\.set_language\("[^"]+"\)', re.M)
CJK = re.compile(r"[\u3400-\u9fff]")


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def markdown(path):
    return "\n".join(c["source"] if isinstance(c["source"], str) else "".join(c["source"])
                     for c in cells(path) if c["cell_type"] == "markdown")


def code_cells(path):
    return ["".join(c["source"]) for c in cells(path) if c["cell_type"] == "code"]


# ----- the catalogue -----

def test_catalogue_is_complete_and_compiled():
    problems = i18n.problems()
    assert not problems, "run python scripts/i18n.py all, then translate:\n" + "\n".join(problems[:40])


def test_catalogue_has_the_messages_of_every_layer():
    ids = {str(m.id) for m in i18n.read_catalog(i18n.TEMPLATE)}
    where = {loc for m in i18n.read_catalog(i18n.TEMPLATE) for loc, _ in m.locations}
    for part in ("helpers/widgets/", "helpers/plots/", "helpers/exercises/", "helpers/core/", "helpers/lab.py"):
        assert any(w.startswith(part) for w in where), f"no message comes from {part}"
    assert len(ids) > 300


def test_translations_are_chinese():
    catalog = i18n.read_catalog(i18n.catalogues()["zh_CN"], locale="zh_CN")
    chinese = [m for m in catalog
               if m.id and CJK.search("".join(m.string) if isinstance(m.string, tuple) else m.string)]
    assert len(chinese) >= 0.8 * len([m for m in catalog if m.id])


# ----- glyphs -----

def test_every_translated_character_is_in_a_shipped_font():
    chars = make_font_subset.needed_characters()
    lacking = make_font_subset.missing(chars, [make_font_subset.SHIPPED])
    assert not lacking, (f"{len(lacking)} characters no shipped font has: {''.join(lacking)} "
                         "(run python scripts/make_font_subset.py)")


def test_a_zh_cn_figure_draws_every_translated_character(zh_cn, caplog):
    chars = "".join(c for c in make_font_subset.needed_characters() if c.isprintable() and c not in "$\\")
    fig = new_figure((8, 6))
    ax = fig.subplots()
    rows = [chars[i:i + 60] for i in range(0, len(chars), 60)]
    for i, row in enumerate(rows):
        ax.text(0, i / max(len(rows), 1), row, fontsize=9)
    assert CJK.search(chars)
    with warnings.catch_warnings(), caplog.at_level(logging.WARNING):
        warnings.simplefilter("error")      # matplotlib's "Glyph ... missing from font(s)" is a warning
        fig.savefig(io.BytesIO(), format="png")
    assert not [r for r in caplog.records if "glyph" in r.getMessage().lower()]


def test_english_figures_keep_matplotlibs_own_font():
    fig = new_figure((3, 2))
    fig.subplots().set_title("cost")
    fig.savefig(io.BytesIO(), format="png")
    assert fig.axes[0].title.get_fontfamily() == ["sans-serif"]


# ----- choosing a language -----

def test_language_choice_is_helpers_own_state(zh_cn):
    import matplotlib

    assert helpers.language() == "zh-CN"
    assert "zh-CN" in helpers.available_languages()
    assert matplotlib.rcParams["font.family"] == ["sans-serif"]   # nothing global changed
    import builtins

    assert not hasattr(builtins, "_")                               # no gettext.install()


def test_a_language_is_picked_by_its_code():
    try:
        for code in ("zh", "zh_CN", "ZH-cn"):
            helpers.set_language(code)
            assert helpers.language() == "zh-CN"
    finally:
        helpers.set_language("en")
    assert helpers.language() == "en"


def test_an_unknown_language_is_named_with_the_choices():
    with pytest.raises(ValueError, match=r"'tlh'.*en, zh-CN"):
        helpers.set_language("tlh")
    with pytest.raises(TypeError, match="code such as"):
        helpers.set_language(None)
    assert helpers.language() == "en"


def test_a_third_language_is_one_catalogue_file(tmp_path, monkeypatch):
    """What CONTRIBUTING.md promises: one new .po (compiled), and set_language knows the language."""
    catalog = Catalog(locale="de")
    catalog.add("Stopped.", "Angehalten.")
    catalog.add("{n:,} steps", "{n:,} Schritte")
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "nudge.mo").open("wb") as f:
        write_mo(f, catalog)
    monkeypatch.setattr(languages, "LOCALE_DIR", tmp_path)
    try:
        assert helpers.available_languages() == ["en", "de"]
        helpers.set_language("de")
        assert languages._("Stopped.") == "Angehalten."
        assert helpers.tr("{n:,} steps", n=1200) == "1,200 Schritte"
        assert languages._("not in the catalogue") == "not in the catalogue"   # English where untranslated
    finally:
        helpers.set_language("en")


def test_tr_fills_the_translation(zh_cn):
    translation = gettext.translation("nudge", languages.LOCALE_DIR, languages=["zh_CN"])
    message = "Stopped by you: {n} complete epoch(s) in the history; the network keeps the weights of its last " \
              "mini-batch step."
    assert helpers.tr(message, n=3) == translation.gettext(message).format(n=3)
    assert CJK.search(helpers.tr(message, n=3)) and "3" in helpers.tr(message, n=3)


# ----- the lessons -----

def test_every_lesson_has_a_chinese_twin():
    assert [p.name for p in ENGLISH] == [p.name for p in sorted(CHINESE_DIR.glob("[0-9][0-9]-*.ipynb"))]


class _BlankStrings(ast.NodeTransformer):
    """Every string literal and f-string becomes "": what a translation may change."""

    def visit_Constant(self, node):
        return ast.copy_location(ast.Constant("" if isinstance(node.value, str) else node.value), node)

    def visit_JoinedStr(self, node):
        return ast.copy_location(ast.Constant(""), node)


def code_shape(source):
    """The parse tree of a code cell with strings blanked (comments never reach it); IPython's ! and % lines dropped."""
    python = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("!", "%")))
    return ast.dump(_BlankStrings().visit(ast.parse(python)))


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.name)
def test_chinese_lesson_runs_the_same_code(english):
    """The twin's code may differ from the English only in comments and string literals."""
    chinese = CHINESE_DIR / english.name
    en, zh = code_cells(english), code_cells(chinese)
    assert len(en) == len(zh), f"{chinese.name}: {len(zh)} code cells, the English lesson has {len(en)}"
    different = [i for i, (a, b) in enumerate(zip(en, zh)) if code_shape(a) != code_shape(b)]
    assert not different, f"{chinese.name}: code cells {different} differ from the English beyond strings and comments"
    assert 'helpers.set_language("en")' in en[0] and 'helpers.set_language("zh-CN")' in zh[0]


def test_the_code_comparison_can_fail():
    assert code_shape('print(f"cost {c:.3f}")  # the cost') == code_shape('print(f"代价 {c}")  # 代价')
    assert code_shape('plot(title="a")') != code_shape('plot(label="a")')
    assert code_shape("x = net.cost(X, y)") != code_shape("x = net.cost(X, y) * 2")


TRANSLATION_PLUMBING = re.compile(r"(?<![\w.])(say|tr|pad|_|N_|ngettext)\(|\bimport\b[^\n]*\b(say|tr|pad)\b")


@pytest.mark.parametrize("lesson", [*ENGLISH, *sorted(CHINESE_DIR.glob("[0-9][0-9]-*.ipynb"))],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_lesson_code_has_no_translation_plumbing(lesson):
    """A learner reads plain Python: printed words are literals in the lesson's own language, not templates."""
    found = [m.group(0) for source in code_cells(lesson) for m in TRANSLATION_PLUMBING.finditer(source)]
    assert not found, f"{lesson.name}: translation plumbing in lesson code: {found[:10]}"


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.name)
def test_chinese_lesson_is_written_in_chinese(english):
    chinese = CHINESE_DIR / english.name
    text = markdown(chinese)
    assert len(CJK.findall(text)) > 0.25 * len(re.findall(r"[A-Za-z]+", markdown(english))), \
        f"{chinese.name}: too little Chinese for a translation of {english.name}"
    assert len(cells(chinese)) == len(cells(english))


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.name)
def test_chinese_lesson_links_bilibili_beside_youtube(english):
    if "youtube.com/watch" in markdown(english):
        text = markdown(CHINESE_DIR / english.name)
        assert "bilibili.com/video/" in text and "youtube.com/watch" in text


# ----- the glossary -----

def glossary():
    rows = []
    for line in (CHINESE_DIR / "GLOSSARY.md").read_text(encoding="utf-8").splitlines():
        parts = [p.strip() for p in line.strip().strip("|").split("|")]
        if len(parts) == 3 and parts[0] not in ("English", "---") and not set(parts[0]) <= set("-"):
            rows.append((parts[0], parts[1], [a.strip() for a in parts[2].split(",") if a.strip()]))
    return rows


def test_glossary_has_the_curriculum_terms():
    terms = {english: chinese for english, chinese, _ in glossary()}
    for english, chinese in [("neuron", "神经元"), ("activation", "激活值"), ("weight", "权重"), ("bias", "偏置"),
                             ("weighted input", "加权输入"), ("cost function", "代价函数"),
                             ("gradient descent", "梯度下降"), ("learning rate", "学习率"),
                             ("backpropagation", "反向传播"), ("chain rule", "链式法则"),
                             ("stochastic gradient descent", "随机梯度下降"), ("mini-batch", "小批量"),
                             ("hidden layer", "隐藏层"), ("saturation", "饱和")]:
        assert terms.get(english) == chinese


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.name)
def test_chinese_lesson_uses_the_glossary(english):
    en, zh = markdown(english).lower(), markdown(CHINESE_DIR / english.name)
    missing = [f"{term} -> {chinese}" for term, chinese, _ in glossary()
               if re.search(rf"\b{re.escape(term)}(e?s)?\b", en) and chinese not in zh]
    assert not missing, f"{english.name}: the Chinese twin lacks the glossary's term for {missing}"
    avoided = [f"{word} (say {chinese})" for _, chinese, avoid in glossary() for word in avoid if word in zh]
    assert not avoided, f"{english.name}: the Chinese twin uses {avoided}"


def test_catalogue_uses_the_glossary():
    catalog = i18n.read_catalog(i18n.catalogues()["zh_CN"], locale="zh_CN")
    text = "\n".join("".join(m.string) if isinstance(m.string, tuple) else m.string for m in catalog if m.id)
    avoided = [f"{word} (say {chinese})" for _, chinese, avoid in glossary() for word in avoid if word in text]
    assert not avoided, f"the zh-CN catalogue uses {avoided}"
