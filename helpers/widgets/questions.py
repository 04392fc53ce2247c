"""Predict, then poke: a concept question the learner answers before a widget or a cell reveals it.

    widgets.question("02-negative-gradient")     # one line in a lesson, placed before the reveal

The question comes from the lesson's data file (helpers/core/questions.py) in the lesson's
language. The learner picks a choice (or types a number) and presses **Check**: only then does
the widget show the verdict, why the chosen answer is right or wrong, and the right answer with
its explanation. The answer is then locked (the point was to commit first) and noted for
`helpers.where_am_i(...)`. Plain ipywidgets (7.7 on Colab, 8 elsewhere), no JavaScript of our own.

Driven from code like every lesson widget:
    w = widgets.question("02-negative-gradient")
    w.set(answer="down")          # a choice's key, or a number for a number question
    w.check()                     # like pressing Check
    w.values["right"], w.values["explanation"]
"""

import html
import math
import re

import ipywidgets

from ..core import questions
from ..core.languages import _, tr
from ._core import LessonWidget, toggle

__all__ = ["Question", "question", "markdown_html"]

RIGHT_COLOUR, WRONG_COLOUR, ACCENT = "#1a7f37", "#b00000", "#3b6ea8"
LETTERS = "ABCDEFGH"
_MATH = re.compile(r"(\$\$.+?\$\$|\$[^$\n]+?\$)", re.S)


def _inline(text):
    """Escape one stretch of markdown without math, then **bold**, *italic* and `code`."""
    text = html.escape(text, quote=False)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text, flags=re.S)
    return re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text, flags=re.S)


def markdown_html(text, inline=False):
    """The little markdown a question uses (paragraphs, **bold**, *italic*, `code`) as HTML; $math$ left as is.

    inline=True: no <p> around the paragraphs (they are joined by line breaks), to follow a bold heading.
    """
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        parts = _MATH.split(block)
        # odd parts are math: HTMLMath typesets them, so only < > & need escaping there
        paragraphs.append("".join(html.escape(p, quote=False) if i % 2 else _inline(p) for i, p in enumerate(parts)))
    if inline:
        return "<br>".join(paragraphs)
    return "".join(f"<p style='margin:0.3em 0'>{p}</p>" for p in paragraphs)


def _parse_number(text):
    cleaned = str(text).strip().replace(",", "").replace("，", "").replace(" ", "").replace("−", "-")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def full_width():
    """The box's whole width and no margin (a widget's own 2 px margins beside width 100% would overflow the box)."""
    return ipywidgets.Layout(width="100%", margin="0")


class Question(LessonWidget):
    """One concept question: prompt, choices (or a number box), a Check button, then the explanation."""

    def __init__(self, question_id):
        super().__init__(layout=ipywidgets.Layout(border=f"1px solid {ACCENT}", padding="6px 12px",
                                                  margin="6px 0", max_width="820px"))
        self.add_class("nudge-question")
        self.data = questions.question(question_id)
        self.question_id = question_id
        q = self.data
        # Messages are built outside the f-strings: the catalogue's extractor does not look inside them.
        predict, then_see = _("Predict first"), _("answer, then see what happens")
        heading = ipywidgets.HTML(f"<span style='color:{ACCENT};font-weight:bold'>{predict}</span>"
                                  f" <span style='color:#666'>· {then_see}</span>")
        prompt = ipywidgets.HTMLMath(markdown_html(q["prompt"]), layout=full_width())
        prompt.add_class("nudge-readout-question-prompt")
        parts = [heading, prompt]
        if q["kind"] == "choice":
            self.letters = {c["key"]: LETTERS[i] for i, c in enumerate(q["choices"])}
            listing = "".join(
                f"<div style='margin:0.2em 0;display:flex;gap:0.6em'><b style='min-width:1.2em'>"
                f"{self.letters[c['key']]}</b><div>{markdown_html(c['text'], inline=True)}</div></div>"
                for c in q["choices"])
            choices = ipywidgets.HTMLMath(listing, layout=full_width())
            choices.add_class("nudge-readout-question-choices")
            parts.append(choices)
            self.controls["answer"] = toggle("", [(self.letters[c["key"]], c["key"])
                                                                 for c in q["choices"]],
                                             None, "question-answer", button_width="48px")
        else:
            self.controls["answer"] = ipywidgets.Text(value="", placeholder=_("a number"),
                                                      layout=ipywidgets.Layout(width="180px"))
            self.controls["answer"].add_class("nudge-text-question-answer")
        self.check_button = self.button(_("Check"), "question-check", self.check, icon="check")
        self.check_button.button_style = "primary"
        your_answer = _("Your answer:")
        label = ipywidgets.HTML(f"<b>{your_answer}</b>")
        row = ipywidgets.HBox([label, self.controls["answer"], self.check_button],
                              layout=ipywidgets.Layout(flex_flow="row wrap", align_items="center", margin="4px 0"))
        self.feedback = ipywidgets.HTMLMath(layout=full_width())
        self.feedback.add_class("nudge-readout-question-feedback")
        self.children = [*parts, row, self.status, self.feedback]
        self.values = {"answered": False, "answer": None, "right": None, "explanation": "", "verdict": ""}
        self._start()

    def update(self):
        """Before Check nothing is revealed; a new choice only clears a "choose first" note."""
        if not self.values["answered"]:
            self.say("")

    def _answer(self):
        value = self.controls["answer"].value
        if self.data["kind"] == "choice":
            return value
        return _parse_number(value) if str(value).strip() else None

    def check(self):
        """Judge the committed answer and reveal the explanation (what the Check button does)."""
        if self.values["answered"]:
            return
        answer = self._answer()
        if answer is None:
            if self.data["kind"] == "choice":
                self.say(_("Choose an answer first, then press Check."))
            elif str(self.controls["answer"].value).strip():
                self.complain(tr("{text!r} is not a number; type one such as 12 or 0.5.",
                                 text=str(self.controls["answer"].value)))
            else:
                self.say(_("Type a number first, then press Check."))
            return
        right, why = questions.judge(self.data, answer)
        questions.record_answer(self.question_id, answer, right)
        verdict = _("✔ Right.") if right else _("✘ Not quite.")
        lines = [f"<div style='font-weight:bold;color:{RIGHT_COLOUR if right else WRONG_COLOUR}'>{verdict}</div>"]
        if self.data["kind"] == "choice":
            right_one = questions.right_choice(self.data)
            letter = self.letters[answer]
            if not right:
                yours = tr("Your answer, {letter}:", letter=letter)
                lines.append(f"<div style='margin-top:0.4em'><b>{yours}</b> {markdown_html(why, inline=True)}</div>")
            heading = tr("The answer is {letter}:", letter=self.letters[right_one["key"]])
            lines.append(f"<div style='margin-top:0.4em'><b>{heading} {markdown_html(right_one['text'], inline=True)}"
                         f"</b><br>{markdown_html(right_one['why'], inline=True)}</div>")
        else:
            if not right and why:
                yours = _("Your number:")
                lines.append(f"<div style='margin-top:0.4em'><b>{yours}</b> {markdown_html(why, inline=True)}</div>")
            answer_text = f"{self.data['answer']:,}" if float(self.data["answer"]).is_integer() \
                else str(self.data["answer"])
            heading = tr("The answer is {value}:", value=answer_text)
            lines.append(f"<div style='margin-top:0.4em'><b>{heading}</b> "
                         f"{markdown_html(self.data['why'], inline=True)}</div>")
        self.feedback.value = "".join(lines)
        self.controls["answer"].disabled = True
        self.check_button.disabled = True
        self.say("")
        self.values.update(answered=True, answer=answer, right=right, explanation=why, verdict=verdict)


def question(question_id):
    """The concept question `question_id` ("02-negative-gradient") as a predict-then-reveal widget."""
    return Question(question_id)
