"""Concept questions as data, and what this kernel has done: the numbers layer of "predict, then poke".

Each lesson's questions live in one plain JSON file per language, `helpers/questions/<NN>.<lang>.json`
(NN the lesson's number, lang "en" or "zh-CN"), the same question ids in every language::

    {"lesson": "02", "language": "en",
     "minutes": {"1": 4, "2": 3, ..., "exercises": 12},         # per section: its number, or "exercises"
     "discussion": ["...", "..."],                               # 2-3 prompts for the teacher's edition
     "questions": [
       {"id": "02-bias-cost", "section": "3", "kind": "choice", "title": "a short plain-text name",
        "prompt": "markdown with $LaTeX$",
        "choices": [{"key": "up", "text": "...", "why": "...", "right": true},
                    {"key": "down", "text": "...", "why": "..."}]},
       {"id": "01-count", "section": "5", "kind": "number", "title": "...", "prompt": "...",
        "answer": 13002, "tolerance": 0, "unit": "",
        "computed_by": "helpers.core.network.Network([784, 16, 16, 10]).n_params",
        "why": "why the answer is right",
        "mistakes": [{"value": 12960, "why": "what that wrong number forgot"}]}]}

Exactly one choice is right and every choice says `why`; a number answer names the code that
computes it (`computed_by`: an expression over `helpers`), and the tests evaluate it. Standard
library only: the lessons run on Colab, Binder and in the browser.

The journal: the question widget calls `record_answer`, the exercise checks `record_check`, and
`where_am_i("02")` prints what this kernel did in lesson 02. It lives in memory only: nothing
is written anywhere, and a new kernel starts afresh.
"""

import json
import math
from pathlib import Path

from .languages import SOURCE_LANGUAGE, _, language, tr

__all__ = ["QUESTIONS_DIR", "LESSON_TOPICS", "lesson_questions", "lessons_with_questions", "question",
           "right_choice", "judge", "record_answer", "record_check", "register_exercise", "progress", "where_am_i",
           "forget_progress"]

QUESTIONS_DIR = Path(__file__).resolve().parents[1] / "questions"
# Each lesson's topic: the module name its exercises, widgets and math share (CONTRIBUTING.md, "One naming rule").
LESSON_TOPICS = {"01": "neuron", "02": "descent", "03": "wishes", "04": "backprop", "05": "learned", "06": "lab"}

_CACHE = {}
_ANSWERS = {}          # question id -> {"answer": ..., "right": bool}, the latest answer in this kernel
_CHECKS = {}           # exercise name -> True once its check said "Correct" in this kernel, else False
_EXERCISES = {}        # exercise name -> (topic, how the lesson writes the function), in definition order


def _lesson_of(question_id):
    return str(question_id).split("-", 1)[0]


def lessons_with_questions():
    """The lesson numbers ("01", "02", ...) that have a question file in English."""
    return sorted(p.name.split(".")[0] for p in QUESTIONS_DIR.glob(f"*.{SOURCE_LANGUAGE}.json"))


def lesson_questions(lesson, lang=None):
    """Lesson `lesson`'s data in `lang` (default: the current language; English when that has no file).

    A lesson without a question file gets an empty one: no questions, no minutes, no discussion.
    """
    lesson = f"{int(lesson):02d}"
    lang = lang or language()
    path = QUESTIONS_DIR / f"{lesson}.{lang}.json"
    if not path.exists():
        path = QUESTIONS_DIR / f"{lesson}.{SOURCE_LANGUAGE}.json"
    if path not in _CACHE:
        if path.exists():
            _CACHE[path] = json.loads(path.read_text(encoding="utf-8"))
        else:
            _CACHE[path] = {"lesson": lesson, "language": lang, "minutes": {}, "discussion": [], "questions": []}
    return _CACHE[path]


def question(question_id, lang=None):
    """One question, by its id ("02-bias-cost"), in `lang` (default: the current language)."""
    data = lesson_questions(_lesson_of(question_id), lang) if _lesson_of(question_id).isdigit() else None
    for q in (data or {}).get("questions", []):
        if q["id"] == question_id:
            return q
    known = [q["id"] for q in (data or {}).get("questions", [])]
    raise KeyError(tr("There is no question called {name!r}. This lesson's questions: {names}", name=question_id,
                      names=", ".join(known) or "-"))


def right_choice(q):
    """The right choice of a choice question."""
    return next(c for c in q["choices"] if c.get("right"))


def judge(q, answer):
    """(right, explanation) for `answer`: a choice's key, or a number for a number question.

    The explanation is the chosen choice's `why`, or for a number the `why` of a known mistake it
    matches ("" when it matches none, or when it is right: the right answer's `why` is shown anyway).
    """
    if q["kind"] == "choice":
        chosen = next((c for c in q["choices"] if c["key"] == answer), None)
        if chosen is None:
            raise ValueError(tr("{answer!r} is not one of this question's choices ({keys})", answer=answer,
                                keys=", ".join(c["key"] for c in q["choices"])))
        return bool(chosen.get("right")), chosen["why"]
    value = float(answer)
    if not math.isfinite(value):
        return False, ""
    tolerance = float(q.get("tolerance", 0))
    if abs(value - float(q["answer"])) <= tolerance + 1e-12 * abs(float(q["answer"])):
        return True, ""
    for slip in q.get("mistakes", []):
        if abs(value - float(slip["value"])) <= tolerance + 1e-12 * abs(float(slip["value"])):
            return False, slip["why"]
    return False, ""


# ----- the journal: this kernel only ---------------------------------------------------------

def record_answer(question_id, answer, right):
    _ANSWERS[question_id] = {"answer": answer, "right": bool(right)}


def register_exercise(name, topic, signature):
    """Called once per exercise check when its module is imported (helpers/exercises/_core.py)."""
    _EXERCISES.setdefault(name, (topic, signature))


def record_check(name, passed):
    """A check ran: remember whether it ever said "Correct" in this kernel."""
    _CHECKS[name] = _CHECKS.get(name, False) or bool(passed)


def forget_progress():
    """Start the journal afresh (as a new kernel would)."""
    _ANSWERS.clear()
    _CHECKS.clear()


def progress(lesson):
    """What this kernel did in lesson `lesson`: {"exercises": [...], "questions": [...]}.

    Each exercise: {"name", "signature", "state"} with state "passed", "not yet" (checked, never right)
    or "not checked"; each question: {"id", "title", "state"} with state "right", "wrong" or "not answered".
    """
    lesson = f"{int(lesson):02d}"
    topic = LESSON_TOPICS.get(lesson)
    exercises = []
    for name, (where, signature) in _EXERCISES.items():
        if where == topic:
            state = "not checked" if name not in _CHECKS else "passed" if _CHECKS[name] else "not yet"
            exercises.append({"name": name, "signature": signature, "state": state})
    found = []
    for q in lesson_questions(lesson)["questions"]:
        answer = _ANSWERS.get(q["id"])
        state = "not answered" if answer is None else "right" if answer["right"] else "wrong"
        found.append({"id": q["id"], "title": q["title"], "state": state})
    return {"exercises": exercises, "questions": found}


_MARK = {"passed": "✔", "right": "✔", "not yet": "✘", "wrong": "✘", "not checked": "·", "not answered": "·"}


def where_am_i(lesson):
    """Print which of lesson `lesson`'s exercises and questions this kernel has done, in the lesson's language."""
    done = progress(lesson)
    exercises, questions = done["exercises"], done["questions"]
    lines = [tr("Where you are in lesson {lesson} (this kernel only: nothing is saved, a restart forgets it)",
                lesson=f"{int(lesson):02d}")]
    states = {"passed": _("check passed"), "not yet": _("checked, not passed yet"),
              "not checked": _("not checked yet"), "right": _("answered, right"),
              "wrong": _("answered, not right"), "not answered": _("not answered yet")}
    if exercises:
        passed = sum(e["state"] == "passed" for e in exercises)
        lines.append(tr("Exercises: {passed} of {total} passed", passed=passed, total=len(exercises)))
        lines += [f"  {_MARK[e['state']]} {e['signature']}: {states[e['state']]}" for e in exercises]
    if questions:
        answered = sum(q["state"] != "not answered" for q in questions)
        right = sum(q["state"] == "right" for q in questions)
        lines.append(tr("Questions: {answered} of {total} answered, {right} right", answered=answered,
                        total=len(questions), right=right))
        lines += [f"  {_MARK[q['state']]} {q['title']}: {states[q['state']]}" for q in questions]
    if not exercises and not questions:
        lines.append(_("This lesson has no exercises or questions to keep track of."))
    print("\n".join(lines))
