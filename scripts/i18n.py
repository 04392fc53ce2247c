"""The message catalogues: extract English messages, update translations, compile, check.

    python scripts/i18n.py extract        code -> helpers/locale/nudge.pot (the English template)
    python scripts/i18n.py update         nudge.pot -> every helpers/locale/<lang>/LC_MESSAGES/nudge.po
    python scripts/i18n.py compile        every nudge.po -> nudge.mo (what helpers loads)
    python scripts/i18n.py check          exit 1 listing every untranslated, mismatched or stale entry
    python scripts/i18n.py new <lang>     start a language: an empty nudge.po for <lang> (e.g. de, ja, pt_BR)
    python scripts/i18n.py all            extract, update, compile, check

Messages come from `_()`, `N_()`, `tr()` and `ngettext()` calls in helpers/. Lesson code holds none:
its printed words are string literals written in each edition's own language.
Uses Babel (a test dependency); helpers itself needs only the standard library's gettext.
"""

import io
import json
import re
import string
import sys
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "helpers" / "locale"
TEMPLATE = LOCALE / "nudge.pot"
KEYWORDS = {"_": None, "N_": None, "tr": None, "ngettext": (1, 2)}
# Fixed, so that rerunning extract on unchanged code changes no file.
STAMP = datetime(2026, 11, 27, tzinfo=timezone.utc)
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
MATHTEXT = re.compile(r"\$[^$]+\$")


def lesson_code(path):
    """The code cells of a notebook as one Python source (shell and magic lines blanked, lines kept)."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    lines = []
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        for line in "".join(cell["source"]).splitlines():
            stripped = line.lstrip()
            lines.append(line[: len(line) - len(stripped)] + "pass" if stripped[:1] in "!%" and stripped else line)
    return "\n".join(lines) + "\n"


def english_lessons():
    return sorted((ROOT / "lessons").glob("[0-9][0-9]-*.ipynb"))


def _messages_in(path):
    """(message, location) pairs from one .py file or notebook."""
    source = lesson_code(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")
    where = path.relative_to(ROOT).as_posix()
    for _lineno, message, _comments, _context in extract("python", io.BytesIO(source.encode("utf-8")),
                                                         keywords=KEYWORDS):
        yield message, where


def sources(paths=None):
    """Every file messages are taken from: helpers/**/*.py (or just `paths`)."""
    if paths is None:
        return sorted((ROOT / "helpers").rglob("*.py"))
    found = []
    for p in map(Path, paths):
        p = p if p.is_absolute() else ROOT / p
        found += sorted(p.rglob("*.py")) + sorted(p.rglob("*.ipynb")) if p.is_dir() else [p]
    return found


def extract_catalog(paths=None):
    """A Catalog of every English message the code can show, with the files each comes from."""
    catalog = Catalog(project="Nudge", version="1", copyright_holder="Nudge authors",
                      msgid_bugs_address="https://github.com/nudge-lessons/nudge/issues",
                      creation_date=STAMP, revision_date=STAMP, fuzzy=False)
    for path in sources(paths):
        for message, where in _messages_in(path):
            if (message[0] if isinstance(message, tuple) else message):
                catalog.add(message, locations=[(where, None)])
    return catalog


def write_catalog(catalog, path):
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_by_file=True, include_lineno=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != buffer.getvalue():
        path.write_bytes(buffer.getvalue())


def read_catalog(path, locale=None):
    with path.open("rb") as f:
        return read_po(f, locale=locale)


def catalogues():
    """{language folder name: path of its nudge.po}, e.g. {"zh_CN": .../zh_CN/LC_MESSAGES/nudge.po}."""
    return {p.parents[1].name: p for p in sorted(LOCALE.glob("*/LC_MESSAGES/nudge.po"))}


def update():
    template = read_catalog(TEMPLATE)
    for language, path in catalogues().items():
        catalog = read_catalog(path, locale=language)
        # No fuzzy guessing: a changed English message waits for a real translation.
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        catalog.revision_date = STAMP
        write_catalog(catalog, path)


def compiled(path):
    buffer = io.BytesIO()
    write_mo(buffer, read_catalog(path, locale=path.parents[1].name), use_fuzzy=False)
    return buffer.getvalue()


def messages(mo_bytes):
    """{(id, context): translation} of a compiled catalogue, without its header, which names the Babel version that
    wrote it: another version compiles the same messages to other bytes."""
    return {(m.id if isinstance(m.id, str) else tuple(m.id), m.context): m.string
            for m in read_mo(io.BytesIO(mo_bytes)) if m.id}


def stale(path):
    """True when the .mo beside the catalogue at `path` is missing or holds other messages than it."""
    mo = path.with_suffix(".mo")
    return not mo.exists() or messages(mo.read_bytes()) != messages(compiled(path))


def compile_all():
    for path in catalogues().values():
        if stale(path):
            path.with_suffix(".mo").write_bytes(compiled(path))


def fields(text):
    """The str.format fields of a message as sorted (name, conversion, spec) triples, or None
    when the text is no template (a LaTeX brace such as $a^{(L)}$ is not a field)."""
    try:
        parsed = [(name, conv or "", spec or "") for _, name, spec, conv in string.Formatter().parse(text)
                  if name is not None]
    except ValueError:
        return None
    if not all(re.fullmatch(r"[A-Za-z_]\w*([.\[]\S*)?", name) for name, _, _ in parsed):
        return None
    return sorted(parsed)


def entry_problems(message):
    """Sentences naming what is wrong with one translated catalogue entry."""
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    shown = ids[0][:60]
    if not all(strings) or message.fuzzy:
        return [f"untranslated{' (fuzzy)' if message.fuzzy else ''}: {shown!r}"]
    problems = []
    wanted = fields(ids[0])
    for text in strings:
        if wanted is not None and fields(text) != wanted:
            problems.append(f"fields differ: {shown!r} has {wanted}, translation {text[:60]!r} has {fields(text)}")
        if CJK.search(text) and MATHTEXT.search(text):
            problems.append(f"Chinese inside a text with $...$ (matplotlib can't draw it): {text[:60]!r}")
    return problems


def problems():
    """Everything `check` complains about, as sentences (empty when all is well)."""
    found = []
    fresh = {m.id for m in extract_catalog() if m.id}
    template = {m.id for m in read_catalog(TEMPLATE) if m.id} if TEMPLATE.exists() else set()
    if fresh != template:
        found.append(f"{TEMPLATE.relative_to(ROOT)} is stale ({len(fresh - template)} new, "
                     f"{len(template - fresh)} gone): run python scripts/i18n.py all")
    for language, path in catalogues().items():
        catalog = read_catalog(path, locale=language)
        ids = {m.id for m in catalog if m.id}
        for missing in sorted(fresh - ids, key=str)[:20]:
            found.append(f"{language}: no entry for {str(missing)[:60]!r}: run python scripts/i18n.py update")
        for message in catalog:
            if message.id:
                found += [f"{language}: {p}" for p in entry_problems(message)]
        mo = path.with_suffix(".mo")
        if stale(path):
            found.append(f"{language}: {mo.relative_to(ROOT)} is stale: run python scripts/i18n.py compile")
    return found


def todo(json_path, paths):
    """Messages in `paths` that the JSON of translations lacks, or whose fields don't match."""
    translations = json.loads(Path(json_path).read_text(encoding="utf-8")) if Path(json_path).exists() else {}
    lines = []
    for message in extract_catalog(paths):
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if key not in translations:
            lines.append(f"missing: {key!r}")
            continue
        message.string = (translations[key],) if isinstance(message.id, tuple) else translations[key]
        lines += entry_problems(message)
    return lines


def merge(json_paths):
    """Fill every catalogue entry that is still empty from JSON files {msgid: translation} (zh_CN)."""
    translations = {}
    for p in json_paths:
        translations.update(json.loads(Path(p).read_text(encoding="utf-8")))
    path = catalogues()["zh_CN"]
    catalog = read_catalog(path, locale="zh_CN")
    filled = 0
    for message in catalog:
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if key and key in translations:
            value = translations[key]
            message.string = (value,) if isinstance(message.id, tuple) else value
            message.flags.discard("fuzzy")
            filled += 1
    write_catalog(catalog, path)
    return filled


def new_language(language):
    path = LOCALE / language / "LC_MESSAGES" / "nudge.po"
    if path.exists():
        raise SystemExit(f"{path.relative_to(ROOT)} exists already")
    catalog = Catalog(locale=language, project="Nudge", version="1", creation_date=STAMP, revision_date=STAMP,
                      fuzzy=False)
    catalog.update(read_catalog(TEMPLATE), no_fuzzy_matching=True)
    write_catalog(catalog, path)
    print(f"wrote {path.relative_to(ROOT)}: translate every msgstr, then python scripts/i18n.py compile")


def main(argv):
    command, *rest = argv or ["check"]
    if command in ("extract", "all"):
        write_catalog(extract_catalog(), TEMPLATE)
    if command in ("update", "all"):
        update()
    if command in ("compile", "all"):
        compile_all()
    if command == "new":
        new_language(rest[0])
    if command == "merge":
        print(f"filled {merge(rest)} entries")
    if command == "todo":
        lines = todo(rest[0], rest[1:])
        print("\n".join(lines) or "nothing to do")
        return 1 if lines else 0
    if command in ("check", "all"):
        found = problems()
        print("\n".join(found) or "catalogues complete and up to date")
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
