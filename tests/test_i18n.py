"""The Simplified Chinese edition: complete catalogue, shipped glyphs, identical code, one glossary.

- every message the code can show has a zh-CN translation with the same {fields}, and the
  compiled catalogue matches its source (scripts/i18n.py check);
- every character a translation can put into a figure is in the shipped font (or DejaVu Sans),
  and drawing them raises no "missing from font" warning;
- each zh-CN lesson has the same code cells as its English twin, but for the setup cell's
  language line, so both editions compute the same numbers;
- the glossary's terms are the ones the zh-CN lessons and catalogue use, and its ruled-out variants appear in
  neither (each named by file and line); 98%, not "98 %"; 第 5 课, not 第 05 课;
- the markdown renders as JupyterLab renders it (CommonMark) with no ** or __ left literally, the Chinese
  formulas carry no English words in \\text{…}, and no Chinese paragraph is broken across lines;
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
from typing import NamedTuple

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
#
# GLOSSARY.md's tables: | English | 中文 | 不用 (avoid) | 说明 (note) |. Alternatives are separated by " / " in the
# first two columns; an English cell in italics (*...*) is a usage note whose presence is not checked.

class Term(NamedTuple):
    english: list      # the English term and its spellings
    chinese: list      # its Chinese renderings: one of them must appear
    avoid: list        # variants that must appear nowhere in the Chinese lessons or catalogue
    checked: bool      # False for usage notes


def glossary():
    rows = []
    for line in (CHINESE_DIR / "GLOSSARY.md").read_text(encoding="utf-8").splitlines():
        if not line.lstrip().startswith("|"):
            continue
        parts = [p.strip() for p in line.strip().strip("|").split("|")]
        if len(parts) < 3 or parts[0] == "English" or set(parts[0]) <= set("-: "):
            continue
        english = parts[0]
        rows.append(Term([t.strip() for t in english.strip("*").split(" / ")],
                         [t.strip() for t in parts[1].split(" / ")],
                         [a.strip() for a in parts[2].split(",") if a.strip()],
                         not (english.startswith("*") and english.endswith("*"))))
    return rows


def avoided_pattern(word):
    """A Chinese variant matches anywhere; an ASCII one (V1) only as a whole token, so BV1bx411 is no V1."""
    if word.isascii():
        return re.compile(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])")
    return re.compile(re.escape(word))


def generated(cell):
    """Cells scripts/sync_notebooks.py writes (badges, the series map, "Next"): not the lesson authors' prose."""
    return "nudge" in cell.get("metadata", {})


def lesson_lines(path, kinds=("markdown", "code")):
    """(cell index, line number, line) of what a learner reads in a lesson: its markdown (link targets and bare
    URLs blanked) and its code cells (string literals and comments), generated cells left out."""
    for index, cell in enumerate(cells(path)):
        if generated(cell) or cell["cell_type"] not in kinds:
            continue
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        for number, line in enumerate(source.splitlines(), 1):
            line = re.sub(r"\]\([^)\s]*\)", "]()", line)
            yield index, number, re.sub(r"https?://\S+", "", line)


def catalogue_lines(path=None):
    """(line number, text) of every msgstr line of the zh-CN catalogue (the figure texts live there)."""
    path = path or i18n.catalogues()["zh_CN"]
    inside = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("msgstr"):
            inside = True
        elif not line.startswith('"'):
            inside = False
        if inside:
            yield number, line


def avoided_in(lines):
    """'where: variant (say ...): snippet' for every ruled-out variant in (where, text) pairs."""
    patterns = [(avoided_pattern(word), word, " / ".join(term.chinese)) for term in glossary() for word in term.avoid]
    found = []
    for where, text in lines:
        for pattern, word, chinese in patterns:
            for m in pattern.finditer(text):
                snippet = text[max(0, m.start() - 15): m.end() + 15].strip()
                found.append(f"{where}: {word} (say {chinese}): …{snippet}…")
    return found


def test_glossary_has_the_curriculum_terms():
    terms = {term.english[0]: term.chinese[0] for term in glossary()}
    for english, chinese in [("neuron", "神经元"), ("activation", "激活值"), ("weight", "权重"), ("bias", "偏置"),
                             ("weighted input", "加权输入"), ("cost function", "代价函数"),
                             ("gradient descent", "梯度下降"), ("learning rate", "学习率"),
                             ("backpropagation", "反向传播"), ("chain rule", "链式法则"),
                             ("stochastic gradient descent", "随机梯度下降"), ("mini-batch", "小批量"),
                             ("hidden layer", "隐藏层"), ("saturation", "饱和"),
                             # the second review's terminology table (2026-12-07)
                             ("nudge", "轻推"), ("initialisation", "初始化"), ("generalise", "泛化"),
                             ("overfitting", "过拟合"), ("ReLU", "修正线性单元（ReLU）"), ("hump", "山丘"),
                             ("accuracy drop", "准确率下降"), ("backward pass", "反向传播"),
                             ("validation set", "验证集"), ("digit", "数字"), ("number (a value)", "数值"),
                             ("the videos V1–V4", "视频 1–4"), ("ablation", "消融"),
                             ("principal component analysis", "主成分分析"), ("wish", "愿望"),
                             ("weight decay", "权重衰减"), ("abstain", "拒识"), ("coverage", "覆盖率"),
                             ("calibration", "校准")]:
        assert terms.get(english) == chinese, f"GLOSSARY.md: {english} should be {chinese}, not {terms.get(english)}"
    avoid = {word for term in glossary() for word in term.avoid}
    assert {"微调", "推一推", "小起点", "随机起点", "线性整流单元", "驼峰", "损失的百分点", "反向传递", "验证图像",
            "V1"} <= avoid
    assert "起点" not in avoid      # right for gradient descent's starting point w₀


def test_the_glossary_checks_can_fail(tmp_path):
    assert avoided_in([("x", "对权重做一点微调")]) and avoided_in([("x", "（V1：见视频）")])
    assert not avoided_in([("x", "https://www.bilibili.com/video/BV1bx411M7Zx 的起点 w₀")])
    po = tmp_path / "nudge.po"
    po.write_text('msgid "hump"\nmsgstr ""\n"停在了驼峰上"\n\nmsgid "a"\nmsgstr "驼峰"\n', encoding="utf-8")
    assert [n for n, _ in catalogue_lines(po)] == [2, 3, 6]


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.name)
def test_chinese_lesson_uses_the_glossary(english):
    chinese = CHINESE_DIR / english.name
    en, zh = markdown(english).lower(), markdown(chinese)
    missing = [f"{' / '.join(term.english)} -> {' / '.join(term.chinese)}" for term in glossary() if term.checked
               and any(re.search(rf"\b{re.escape(t.lower())}(e?s)?\b", en) for t in term.english)
               and not any(c in zh for c in term.chinese)]
    assert not missing, f"{english.name}: the Chinese twin lacks the glossary's term for {missing}"
    avoided = avoided_in((f"lessons/zh-CN/{chinese.name} cell {i} line {n}", line)
                         for i, n, line in lesson_lines(chinese))
    assert not avoided, f"{chinese.name} uses ruled-out variants:\n" + "\n".join(avoided)


def test_catalogue_uses_the_glossary():
    """Every msgstr, figure titles, axis labels and legends included; failures name nudge.po's line."""
    avoided = avoided_in((f"nudge.po:{n}", line) for n, line in catalogue_lines())
    assert not avoided, "the zh-CN catalogue uses ruled-out variants:\n" + "\n".join(avoided)


# Chinese typography in prose and figure texts (CURRICULUM.md, second review): 98% not "98 %", 第 5 课 not 第 05 课.
TYPOGRAPHY = [(re.compile(r"\d[ \u00a0\u2009\u202f]+[%％]"), "write 98%, not 98 %"),
              (re.compile(r"第 ?0\d ?课"), "write 第 5 课, not 第 05 课")]


def typography_problems(lines):
    return [f"{where}: {why}: …{text[max(0, m.start() - 15): m.end() + 10].strip()}…"
            for where, text in lines for pattern, why in TYPOGRAPHY for m in pattern.finditer(text)]


def test_typography_check_can_fail():
    assert typography_problems([("x", "准确率 98 %")]) and typography_problems([("x", "见第 05 课")])
    assert not typography_problems([("x", "准确率 98%，见第 5 课；{accuracy:.1%}；05-What.ipynb")])


@pytest.mark.parametrize("chinese", sorted(CHINESE_DIR.glob("[0-9][0-9]-*.ipynb")), ids=lambda p: p.name)
def test_chinese_lesson_typography(chinese):
    found = typography_problems((f"lessons/zh-CN/{chinese.name} cell {i} line {n}", line)
                                for i, n, line in lesson_lines(chinese, kinds=("markdown",)))
    assert not found, "\n".join(found)


def test_catalogue_typography():
    found = typography_problems((f"nudge.po:{n}", line) for n, line in catalogue_lines())
    assert not found, "\n".join(found)


# ----- what a learner sees: markdown rendered as JupyterLab renders it -----
#
# JupyterLab takes the math out ($...$, $$...$$, \(...\), \[...\], \begin{}...\end{}) and puts a placeholder
# @@N@@ in its place, renders the rest as CommonMark, then puts the math back for MathJax. CommonMark's emphasis
# rule (spec 0.31, "left-flanking delimiter run") is what makes **“我不知道”** fail beside CJK text: an opening **
# followed by punctuation (“) must be preceded by whitespace or punctuation, and 是 is neither; the ** then stay
# literal. mistune 3 implements that rule (test_the_renderer_follows_the_flanking_rule pins the cases we rely on),
# so we render with it and look for ** or __ left in the text outside code.

MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+?\$|\\\(.+?\\\)|\\\[.+?\\\]|\\begin\{(\w+\*?)\}.+?\\end\{\1\}", re.S)
CODE = re.compile(r"<(code|pre)\b.*?</\1>", re.S)
LITERAL_EMPHASIS = re.compile(r"\*\*|__")


def _renderer():
    mistune = pytest.importorskip("mistune")
    return mistune.create_markdown(plugins=["table", "strikethrough"])


def rendered_text(source, render=None):
    """The HTML JupyterLab would show for one markdown cell, math replaced by @@N@@ and code removed."""
    counter = iter(range(10 ** 6))
    protected = MATH.sub(lambda m: f"@@{next(counter)}@@", source)
    return CODE.sub("", (render or _renderer())(protected))


def literal_emphasis(source, render=None):
    html = rendered_text(source, render)
    return [html[max(0, m.start() - 20): m.end() + 20].replace("\n", " ") for m in LITERAL_EMPHASIS.finditer(html)]


def test_the_renderer_follows_the_flanking_rule():
    render = _renderer()
    assert literal_emphasis("这是**“我不知道”**的意思", render)       # ** after 是 and before “: not left-flanking
    assert literal_emphasis("中文**（ReLU）**中文", render)
    assert literal_emphasis("它是**“愿望”**，", render)
    assert not literal_emphasis("这是 <b>“我不知道”</b> 的意思", render)
    assert not literal_emphasis("这是 **“我不知道”** 的意思", render)   # whitespace before the opening **
    assert not literal_emphasis("**“我不知道”**。后面", render)          # start of line counts as whitespace
    assert not literal_emphasis("中文**粗体**中文，见**第 5 课**。", render)
    assert not literal_emphasis("`a**b` and $w_{jk}^{**}$ and $$x__y$$", render)   # code and math are not prose
    assert literal_emphasis("foo__bar__", render)                      # _ cannot open inside a word


@pytest.mark.parametrize("lesson", [*ENGLISH, *sorted(CHINESE_DIR.glob("[0-9][0-9]-*.ipynb"))],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_markdown_renders_without_literal_asterisks(lesson):
    render = _renderer()
    found = [f"{lesson.parent.name}/{lesson.name} cell {i}: …{snippet}…"
             for i, cell in enumerate(cells(lesson)) if cell["cell_type"] == "markdown"
             for snippet in literal_emphasis("".join(cell["source"]), render)]
    assert not found, "** or __ left literally in the rendered text (write <b>…</b>):\n" + "\n".join(found)


# English words inside formulas of the Chinese edition: MathJax renders \text{中文}, so only symbols stay ASCII.
TEXT_IN_MATH = re.compile(r"\\(?:text|textrm|textit|textbf|textsf|mathrm|mbox|operatorname)\s*\{([^{}]*)\}")
SYMBOL_WORDS = {"ReLU", "SiLU", "softmax", "sigmoid", "tanh", "exp", "log", "max", "min", "argmax", "argmin",
                "mean", "Var", "std", "clip", "sign", "diag", "in", "out", "prev", "batch", "MSE", "CE", "PCA", "SVD",
                "SGD", "MNIST", "L2", "dB", "bp", "fd", "num", "ms", "s"}


def english_in_formulas(source):
    words = []
    for math in MATH.finditer(source):
        for text in TEXT_IN_MATH.finditer(math.group(0)):
            words += [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", text.group(1)) if w not in SYMBOL_WORDS]
    return words


def test_the_formula_check_can_fail():
    assert english_in_formulas(r"$\text{wish} = y - a$") == ["wish"]
    assert english_in_formulas(r"$$a_\text{digit}\ \text{if } x \text{ otherwise.}$$") == ["digit", "if", "otherwise"]
    assert not english_in_formulas(r"$\text{愿望} = \mathrm{ReLU}(z)$, $n_\text{in}$, \text{wish} outside math")


@pytest.mark.parametrize("chinese", sorted(CHINESE_DIR.glob("[0-9][0-9]-*.ipynb")), ids=lambda p: p.name)
def test_chinese_formulas_have_no_english_words(chinese):
    found = [f"lessons/zh-CN/{chinese.name} cell {i}: {words}" for i, cell in enumerate(cells(chinese))
             if cell["cell_type"] == "markdown" and (words := english_in_formulas("".join(cell["source"])))]
    assert not found, "English inside \\text{…} of a formula (write \\text{中文}):\n" + "\n".join(found)


# A line break inside a Chinese paragraph renders as a space between two characters.
CJK_CHAR = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]"


def broken_chinese_lines(source):
    """'…end⏎start…' for every newline inside a paragraph with Chinese on both sides (lists, tables, headings,
    block quotes, HTML and code fences start a block and are left alone)."""
    found, fence = [], False
    lines = source.splitlines()
    for before, after in zip(lines, lines[1:]):
        if before.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if fence or not before.strip() or not after.strip():
            continue
        if re.match(r"\s*([-*+]\s|\d+[.)]\s|#|\||>|<|\$\$|```|~~~)", after) or before.rstrip().endswith("$$"):
            continue
        if re.search(CJK_CHAR + r"\s*$", before) and re.match(r"\s*" + CJK_CHAR, after):
            found.append(f"…{before.strip()[-12:]}⏎{after.strip()[:12]}…")
    return found


def test_the_line_break_check_can_fail():
    assert broken_chinese_lines("第一行的中文\n接着写") == ["…第一行的中文⏎接着写…"]
    assert not broken_chinese_lines("一段中文。\n\n另一段。\n- 列表\n- 列表二\n\n| 表 |\n| 格 |")


@pytest.mark.parametrize("chinese", sorted(CHINESE_DIR.glob("[0-9][0-9]-*.ipynb")), ids=lambda p: p.name)
def test_chinese_paragraphs_have_no_line_breaks(chinese):
    found = [f"lessons/zh-CN/{chinese.name} cell {i}: {snippet}" for i, cell in enumerate(cells(chinese))
             if cell["cell_type"] == "markdown" and not generated(cell)
             for snippet in broken_chinese_lines("".join(cell["source"]))]
    assert not found, "line breaks inside Chinese paragraphs (they render as spaces):\n" + "\n".join(found[:40])


def test_no_message_hides_inside_an_f_string():
    """Babel's extractor reads an f-string as one token: a _("...") inside one never reaches the catalogue."""
    hidden = []
    for path in sorted((ROOT / "helpers").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name)
                            and inner.func.id in ("_", "tr", "N_", "ngettext")
                            and inner.args and isinstance(inner.args[0], ast.Constant)):
                        hidden.append(f"{path.relative_to(ROOT)}:{inner.lineno} {inner.args[0].value!r}")
    assert hidden == [], "build these messages outside the f-string:\n" + "\n".join(hidden)
