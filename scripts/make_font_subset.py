"""Make the Chinese font that zh-CN figures fall back to: a subset of Noto Sans CJK SC.

Colab, Binder and a bare Linux laptop have no Chinese font, so matplotlib would draw boxes.
We ship only the characters our Chinese catalogue can put in a figure (a few hundred KB
instead of 19 MB), made from Debian's fonts-noto-cjk (SIL Open Font License 1.1):

    apt-get install fonts-noto-cjk        # only on the machine that rebuilds the font
    python scripts/make_font_subset.py    # after `python scripts/i18n.py all` changed translations
    python scripts/make_font_subset.py --check   # exit 1 naming any character the shipped font lacks

tests/test_i18n.py runs the same check, so a new translation with a new character fails CI
until this script is rerun. The family is renamed "Nudge Sans SC" (a modified font keeps no
original name under the OFL, and matplotlib then never mixes it up with a system Noto).
"""

import ast
import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po
from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "helpers" / "locale" / "zh_CN" / "LC_MESSAGES" / "nudge.po"
FONT_DIR = ROOT / "helpers" / "locale" / "zh_CN" / "fonts"
LESSONS = ROOT / "lessons" / "zh-CN"
SHIPPED = FONT_DIR / "NudgeSansSC-Regular.otf"
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FAMILY = "Nudge Sans SC"
# Always in: digits, ASCII and the Chinese punctuation a formatted number can end up beside.
BASE = "".join(chr(c) for c in range(0x20, 0x7F)) + "，。、：；？！（）“”‘’《》—…·％"


def lesson_literals(folder=LESSONS):
    """Every string literal in the code cells of the Chinese lessons: figure titles and labels they pass."""
    text = ""
    for path in sorted(folder.glob("[0-9][0-9]-*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                source = "\n".join(line for line in "".join(cell["source"]).splitlines()
                                   if not line.lstrip().startswith(("!", "%")))
                text += "".join(node.value for node in ast.walk(ast.parse(source))
                                if isinstance(node, ast.Constant) and isinstance(node.value, str))
    return text


def needed_characters(catalogue=CATALOGUE):
    """Every character any translation in the catalogue or a Chinese lesson's code contains, plus BASE."""
    with catalogue.open("rb") as f:
        catalog = read_po(f)
    text = BASE + lesson_literals()
    for message in catalog:
        if message.id:
            text += "".join(message.string) if isinstance(message.string, tuple) else message.string
    return sorted(set(text) - {"\n", "\t"})


def covered(path):
    """The characters a font file can draw."""
    with TTFont(path, lazy=True) as font:
        return {chr(c) for c in font.getBestCmap()}


def dejavu_sans():
    """matplotlib's own font, which every figure text tries first."""
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def missing(chars, fonts):
    """The characters neither DejaVu Sans nor any of `fonts` can draw."""
    have = set().union(covered(dejavu_sans()), *(covered(f) for f in fonts))
    return [c for c in chars if c not in have]


def simplified_chinese_index(collection_path):
    collection = TTCollection(collection_path, lazy=True)
    for i, font in enumerate(collection.fonts):
        if font["name"].getDebugName(1).endswith(" SC"):
            return i
    raise SystemExit(f"no Simplified Chinese face in {collection_path}")


def build(chars):
    if not SOURCE.exists():
        raise SystemExit(f"{SOURCE} not found: apt-get install fonts-noto-cjk (on the machine that rebuilds the font)")
    options = subset.Options()
    options.font_number = simplified_chinese_index(SOURCE)
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.layout_features = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(SOURCE), options)
    original = {n: font["name"].getDebugName(n) for n in (0, 5, 13, 14)}
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(chars))
    subsetter.subset(font)
    names = {1: FAMILY, 3: f"{FAMILY} (subset of Noto Sans CJK SC {original[5]})", 4: FAMILY,
             6: "NudgeSansSC-Regular", 16: FAMILY}
    table = font["name"]
    table.names = [r for r in table.names if r.nameID not in names and r.nameID not in (17, 18, 21, 22)]
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)
    font.recalcTimestamp = False  # same input, same bytes
    FONT_DIR.mkdir(parents=True, exist_ok=True)
    font.save(SHIPPED)
    return original


def write_licence(original):
    licence = Path("/usr/share/doc/fonts-noto-cjk/copyright").read_text(encoding="utf-8")
    ofl = licence[licence.index("License: SIL-1.1\n -"):].split("\nLicense: ")[0]
    body = "\n".join(line[1:] if line.startswith(" ") else line for line in ofl.splitlines()[1:])
    body = body.replace("\n.\n", "\n\n")
    header = (f"{SHIPPED.name} is a subset of Noto Sans CJK SC, made by scripts/make_font_subset.py\n"
              f"from Debian's fonts-noto-cjk, renamed \"{FAMILY}\". It is licensed, like the original,\n"
              f"under the SIL Open Font License, Version 1.1, reproduced below.\n\n"
              f"Original copyright: {original[0]}\nOriginal version: {original[5]}\n"
              f"Source: https://github.com/notofonts/noto-cjk\n\n")
    (FONT_DIR / "OFL.txt").write_text(header + body.strip() + "\n", encoding="utf-8")


def main(argv):
    chars = needed_characters()
    if "--check" in argv:
        lacking = missing(chars, [SHIPPED]) if SHIPPED.exists() else chars
        print("".join(lacking) and f"{len(lacking)} characters missing from {SHIPPED.name}: {''.join(lacking)}"
              or f"all {len(chars)} characters are in {SHIPPED.name}")
        return 1 if lacking else 0
    original = build(chars)
    write_licence(original)
    lacking = missing(chars, [SHIPPED])
    print(f"wrote {SHIPPED.relative_to(ROOT)}: {len(chars)} characters, {SHIPPED.stat().st_size / 1024:.0f} KB"
          + (f"; not in Noto either: {''.join(lacking)}" if lacking else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
