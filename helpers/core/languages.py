"""The language every learner-facing sentence is shown in: English, or a translation.

English is written in the code; each other language is one gettext catalogue,
`helpers/locale/<code>/LC_MESSAGES/nudge.po`, compiled to `nudge.mo` next to it by
`python scripts/i18n.py compile` (CONTRIBUTING.md, "Adding a language").

    _(message)               the message in the current language
    tr(message, **values)    the same, then str.format(**values): tr("{n:,} digits", n=8000)
    N_(message)              marks a message for the catalogue without translating it yet
                             (module-level tables; translate with _() when shown)
    set_language("zh-CN")    what the lesson's setup cell calls; "en" goes back

The state is this module's alone: nothing global (no environment variable, no
matplotlib setting, no builtins._) changes, so importing `helpers` changes nothing.
Messages are str.format templates with named fields, never f-strings: a translation
moves the fields where its grammar wants them.
"""

import gettext
import unicodedata
from pathlib import Path

DOMAIN = "nudge"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
SOURCE_LANGUAGE = "en"

_translations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def available_languages():
    """Codes of the languages a lesson can choose: "en" and one per compiled catalogue ("zh-CN")."""
    compiled = sorted(p.parents[1].name.replace("_", "-") for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return [SOURCE_LANGUAGE, *compiled]


def _normalise(code):
    if not isinstance(code, str):
        raise TypeError(f"the language must be a code such as 'en' or 'zh-CN'; got {code!r}")
    wanted = code.strip().replace("_", "-").lower()
    for known in available_languages():
        if wanted == known.lower() or wanted == known.split("-")[0].lower():
            return known
    raise ValueError(f"no lessons in language {code!r}; available: {', '.join(available_languages())}")


def set_language(code):
    """Show every widget, figure, hint and error from now on in `code` ("en", "zh-CN").

    Figures and widgets made before keep their language; rerun their cells.
    "zh" and "zh_CN" mean "zh-CN"; `language()` tells which is in use.
    """
    global _translations, _language
    code = _normalise(code)
    if code == SOURCE_LANGUAGE:
        _translations = gettext.NullTranslations()
    else:
        _translations = gettext.translation(DOMAIN, LOCALE_DIR, languages=[code.replace("-", "_")])
    _language = code


def language():
    """The current language code ("en" until set_language is called)."""
    return _language


def figure_fonts():
    """Font files this language's figures need beyond matplotlib's own (zh-CN: a Chinese font).

    They live in the catalogue's folder, `locale/<code>/fonts/`, so a language brings its own.
    """
    if _language == SOURCE_LANGUAGE:
        return []
    folder = LOCALE_DIR / _language.replace("-", "_") / "fonts"
    return sorted(p for p in folder.glob("*") if p.suffix.lower() in {".otf", ".ttf"})


def _(message):
    return _translations.gettext(message)


def ngettext(singular, plural, n):
    """The singular or plural message for count n, as the current language counts."""
    return _translations.ngettext(singular, plural, n)


def N_(message):
    return message


def tr(message, **values):
    """The message in the current language, with its {named} fields filled from values."""
    return _(message).format(**values)



def text_width(text):
    """Columns `text` takes in a monospaced output: 2 for a wide (Chinese) character, 1 for others."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text, width, align="<"):
    """`text` padded with spaces to `width` columns ("<" left, ">" right), Chinese counting double."""
    space = " " * max(0, width - text_width(text))
    return text + space if align == "<" else space + text
