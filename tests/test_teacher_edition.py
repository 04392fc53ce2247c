"""The teacher's edition (scripts/make_teacher_edition.py, `make teacher`): generated from the lessons plus the question
data, with every solution filled in, an answer key after each question, minutes at each section heading and the
discussion prompts at the end. Its run, in which every check says ✔, is part of the English lesson's one execution
(tests/test_lessons.py: the edition's code before its exercises is the lesson's own, cell for cell, so the same
kernel goes on into the edition's exercises)."""

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from helpers.core import questions  # noqa: E402
from scripts import make_teacher_edition as teacher  # noqa: E402

LANGUAGES = teacher.LANGUAGES
LESSONS = [(language, path) for language, folder in LANGUAGES.items()
           for path in sorted(folder.glob("[0-9][0-9]-*.ipynb"))]
BANNER = {"en": "**Teacher's edition.**", "zh-CN": "**教师版。**"}
MINUTES = {"en": "*⏱ For the teacher: about {} min.*", "zh-CN": "*⏱ 教师提示：约 {} 分钟。*"}
DISCUSSION = {"en": "## For discussion", "zh-CN": "## 讨论题"}


def ids(item):
    return f"{item[0]}/{item[1].name[:2]}" if isinstance(item, tuple) else str(item)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("teacher")
    written = teacher.build(out)
    return out, written


def cells_of(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def test_every_lesson_of_every_language_is_written(built):
    out, written = built
    assert sorted(p.relative_to(out).as_posix() for p in written) == sorted(
        f"{language}/{path.name}" for language, path in LESSONS)


@pytest.mark.parametrize("item", LESSONS, ids=ids)
def test_the_edition_says_what_it_is(built, item):
    language, lesson = item
    cells = cells_of(built[0] / language / lesson.name)
    assert cells[0]["source"] == cells_of(lesson)[0]["source"]            # the title stays first
    assert cells[1]["source"].startswith(f"> {BANNER[language]}")
    assert lesson.relative_to(ROOT).as_posix() in cells[1]["source"]
    assert cells[-1]["metadata"].get("nudge") == "next"


@pytest.mark.parametrize("item", LESSONS, ids=ids)
def test_every_starter_cell_holds_the_worked_solution(built, item):
    language, lesson = item
    student, edition = cells_of(lesson), cells_of(built[0] / language / lesson.name)
    checks = [m for c in student if c["cell_type"] == "code" for m in teacher.CHECK_CALL.findall(c["source"])]
    code = "\n".join(c["source"] for c in edition if c["cell_type"] == "code")
    for name, function in checks:
        defining = [c["source"] for c in edition if c["cell_type"] == "code"
                    and re.search(rf"^def {function}\(|^{function} = ", c["source"], re.M)]
        assert defining, f"{lesson.name}: nothing defines {function}"
        assert all(f'exercises.solution("{name}")' in s and s.splitlines()[0].startswith("#") for s in defining)
        assert not re.search(rf"^def {function}\(.*\):\n\s+\.\.\.\s*$", code, re.M), f"{function} is still a starter"
    student_code = [c["source"] for c in student if c["cell_type"] == "code"]
    edition_code = [c["source"] for c in edition if c["cell_type"] == "code"]
    assert len(edition_code) == len(student_code)        # nothing else added or lost
    changed = sum(a != b for a, b in zip(student_code, edition_code))
    assert changed == len(checks)


@pytest.mark.parametrize("item", LESSONS, ids=ids)
def test_answer_keys_minutes_and_discussion_come_from_the_data(built, item):
    language, lesson = item
    cells = cells_of(built[0] / language / lesson.name)
    text = "\n".join(c["source"] for c in cells)
    has_data = lesson.name[:2] in questions.lessons_with_questions()
    if not has_data:
        assert "⏱" not in text and DISCUSSION[language] not in text
        assert not any(c["metadata"].get("nudge") == "teacher" for c in cells[2:])
        return
    data = questions.lesson_questions(lesson.name[:2], language)
    for i, cell in enumerate(cells):
        match = teacher.QUESTION_CALL.search(cell["source"]) if cell["cell_type"] == "code" else None
        if match:
            q = next(q for q in data["questions"] if q["id"] == match.group(1))
            key = cells[i + 1]
            assert key["cell_type"] == "markdown" and f"`{q['id']}`" in key["source"]
            if q["kind"] == "choice":
                letter = "ABCDEFGH"[[c.get("right", False) for c in q["choices"]].index(True)]
                assert re.search(rf"\*\*[^*]*{letter}[.。]\*\*", key["source"]), "the right letter is named"
                for choice in q["choices"]:
                    assert choice["why"] in key["source"]
            else:
                assert f"{q['answer']:,}".rstrip("0").rstrip(".") in key["source"] or str(q["answer"]) in key["source"]
                assert q["why"] in key["source"] and all(m["why"] in key["source"] for m in q.get("mistakes", []))
    assert sum(cell["source"].count("⏱") for cell in cells) == len(data["minutes"])
    for minutes in set(data["minutes"].values()):
        assert MINUTES[language].format(minutes) in text
    discussion = cells[-2]["source"]
    assert discussion.startswith(DISCUSSION[language])
    assert all(prompt in discussion for prompt in data["discussion"])
    assert str(sum(data["minutes"].values())) in cells[1]["source"]


def test_the_answer_key_of_a_number_question():
    q = questions.question("01-count-784-30-10", "en")
    key = teacher.answer_key(q, "en")
    assert "**Right: 23,860**." in key and "- **23,820**: That is the weights alone" in key


def test_a_question_missing_from_the_data_stops_the_build(tmp_path, monkeypatch):
    lesson = tmp_path / "01-Test.ipynb"
    notebook = json.loads((LANGUAGES["en"] / "01-What-Is-A-Neural-Network.ipynb").read_text(encoding="utf-8"))
    notebook["cells"].insert(5, {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                                 "source": 'widgets.question("01-not-in-the-data")'})
    lesson.write_text(json.dumps(notebook), encoding="utf-8")
    monkeypatch.setattr(teacher, "ROOT", tmp_path)
    with pytest.raises(SystemExit, match="01-not-in-the-data"):
        teacher.teacher_edition(lesson, "en")
