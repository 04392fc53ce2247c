"""The concept questions as data (helpers/questions/NN.<lang>.json): complete, equal across languages, placed in the
lessons, and every number answer equal to what the code computes. Also the journal behind `where_am_i`."""

import importlib
import json
import re
import sys
from pathlib import Path

import numpy as np
import pytest

import helpers
from helpers.core import questions

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from scripts.make_teacher_edition import section_keys  # noqa: E402

LANGUAGES = {"en": ROOT / "lessons", "zh-CN": ROOT / "lessons" / "zh-CN"}
LESSONS = questions.lessons_with_questions()
QUESTION_CALL = re.compile(r"""widgets\.question\(\s*["']([\w-]+)["']\s*\)""")


def load(lesson, language):
    return json.loads((questions.QUESTIONS_DIR / f"{lesson}.{language}.json").read_text(encoding="utf-8"))


def lesson_path(lesson, language):
    (path,) = LANGUAGES[language].glob(f"{lesson}-*.ipynb")
    return path


def all_questions():
    return [(lesson, language, q) for lesson in LESSONS for language in LANGUAGES
            for q in load(lesson, language)["questions"]]


def evaluate(expression):
    """The value of a `computed_by` expression, with the helpers modules it names imported."""
    for dotted in re.findall(r"helpers(?:\.\w+)+", expression):
        parts = dotted.split(".")
        for k in range(len(parts), 1, -1):
            try:
                importlib.import_module(".".join(parts[:k]))
                break
            except ImportError:
                continue
    return eval(expression, {"helpers": helpers, "np": np})     # noqa: S307  our own data files


def test_lessons_01_and_02_have_questions():
    assert {"01", "02"} <= set(LESSONS)


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_language_has_the_same_questions(lesson):
    english = load(lesson, "en")
    assert 3 <= len(english["questions"]) <= 6, f"lesson {lesson}: 3-6 questions"
    for language in LANGUAGES:
        data = load(lesson, language)
        assert data["lesson"] == lesson and data["language"] == language
        assert [q["id"] for q in data["questions"]] == [q["id"] for q in english["questions"]]
        assert data["minutes"] == english["minutes"]
        assert 2 <= len(data["discussion"]) <= 3 and all(p.strip() for p in data["discussion"])
        for q, e in zip(data["questions"], english["questions"]):
            for field in ("section", "kind", "answer", "tolerance", "computed_by"):
                assert q.get(field) == e.get(field), f"{q['id']}: {field} differs between {language} and en"
            if q["kind"] == "choice":
                assert len(q["choices"]) == len(e["choices"]), f"{q['id']}: choices count differs in {language}"
                assert [c["key"] for c in q["choices"]] == [c["key"] for c in e["choices"]]
                assert [bool(c.get("right")) for c in q["choices"]] == [bool(c.get("right")) for c in e["choices"]]
            else:
                assert [m["value"] for m in q.get("mistakes", [])] == [m["value"] for m in e.get("mistakes", [])]


def test_ids_are_unique_and_name_their_lesson():
    ids = [q["id"] for lesson in LESSONS for q in load(lesson, "en")["questions"]]
    assert len(ids) == len(set(ids))
    for lesson in LESSONS:
        assert all(q["id"].startswith(f"{lesson}-") for q in load(lesson, "en")["questions"])


@pytest.mark.parametrize("lesson, language, q", all_questions(), ids=lambda v: v["id"] if isinstance(v, dict) else v)
def test_each_question_is_complete(lesson, language, q):
    assert q["title"].strip() and q["prompt"].strip() and q["kind"] in ("choice", "number")
    if q["kind"] == "choice":
        assert 2 <= len(q["choices"]) <= 6
        assert sum(bool(c.get("right")) for c in q["choices"]) == 1, f"{q['id']}: exactly one right choice"
        for c in q["choices"]:
            assert c["text"].strip(), f"{q['id']}: a choice without text"
            assert len(c["why"].strip()) > 20, f"{q['id']}: choice {c['key']!r} has no real explanation"
        assert len({c["key"] for c in q["choices"]}) == len(q["choices"])
    else:
        assert isinstance(q["answer"], (int, float)) and q["tolerance"] >= 0 and q["why"].strip()
        assert q["computed_by"].strip(), f"{q['id']}: a number answer names the code that computes it"
        for m in q.get("mistakes", []):
            assert abs(m["value"] - q["answer"]) > q["tolerance"], f"{q['id']}: a 'mistake' is accepted as right"
            assert m["why"].strip()
    for text in [q["prompt"], *(c["text"] + c["why"] for c in q.get("choices", []))]:
        assert text.count("$") % 2 == 0, f"{q['id']}: unbalanced $ in {text!r}"
    if language == "zh-CN":
        assert re.search(r"[\u4e00-\u9fff]", q["prompt"]), f"{q['id']}: the Chinese prompt is not in Chinese"


@pytest.mark.parametrize("q", [q for lesson, language, q in all_questions() if language == "en"
                               and "computed_by" in q], ids=lambda q: q["id"])
def test_answers_equal_what_the_code_computes(q):
    value = evaluate(q["computed_by"])
    if q["kind"] == "number":
        assert abs(float(value) - q["answer"]) <= q["tolerance"] + 1e-12, \
            f"{q['id']}: the data says {q['answer']}, {q['computed_by']} gives {value}"
    else:
        assert value == questions.right_choice(q)["key"], f"{q['id']}: {q['computed_by']} gives {value!r}"


def test_every_number_question_is_computed():
    assert all("computed_by" in q for _, _, q in all_questions() if q["kind"] == "number")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("lesson", LESSONS)
def test_each_question_sits_once_in_its_section_of_the_lesson(lesson, language):
    cells = json.loads(lesson_path(lesson, language).read_text(encoding="utf-8"))["cells"]
    keys = section_keys(cells)
    placed = {}
    section = None
    for i, cell in enumerate(cells):
        for (k, _line), key in keys.items():
            if k == i:
                section = key
        if cell["cell_type"] == "code":
            for qid in QUESTION_CALL.findall(cell["source"]):
                assert qid not in placed, f"{qid} appears twice in lesson {lesson}"
                placed[qid] = section
                assert cell["source"].strip() == f'widgets.question("{qid}")', "a question cell is one line"
    data = load(lesson, language)
    assert placed == {q["id"]: q["section"] for q in data["questions"]}
    sections = set(keys.values()) - {"summary"}
    assert set(data["minutes"]) == sections, f"lesson {lesson}: minutes for every section, and only those"
    assert 10 <= sum(data["minutes"].values()) <= 100     # a first pass, reading + widgets + exercises


@pytest.mark.parametrize("language", LANGUAGES)
def test_lessons_without_a_data_file_call_no_question(language):
    for path in sorted(LANGUAGES[language].glob("[0-9][0-9]-*.ipynb")):
        if path.name[:2] not in LESSONS:
            assert not QUESTION_CALL.search(path.read_text(encoding="utf-8")), path.name


@pytest.mark.parametrize("language", LANGUAGES)
def test_lessons_01_to_06_end_with_where_am_i(language):
    for lesson in ("01", "02", "03", "04", "05", "06"):
        cells = json.loads(lesson_path(lesson, language).read_text(encoding="utf-8"))["cells"]
        assert cells[-2]["cell_type"] == "code" and cells[-2]["source"] == f'helpers.where_am_i("{lesson}")'


# ----- the numbers layer: judging and the journal -----

def test_judge_a_choice_and_a_number():
    q = questions.question("02-raise-a-bias", "en")
    assert questions.judge(q, "up")[0] is True
    right, why = questions.judge(q, "down")
    assert right is False and "negative" in why
    with pytest.raises(ValueError):
        questions.judge(q, "sideways")
    n = questions.question("01-count-784-30-10", "en")
    assert questions.judge(n, 23860) == (True, "")
    assert questions.judge(n, 23820)[0] is False and "bias" in questions.judge(n, 23820)[1]
    assert questions.judge(n, 1.0) == (False, "")
    assert questions.judge(n, float("nan")) == (False, "")


def test_unknown_question_names_the_known_ones():
    with pytest.raises(KeyError, match="02-raise-a-bias"):
        questions.question("02-no-such-question")


def test_a_lesson_without_data_has_no_questions():
    data = questions.lesson_questions("99")
    assert data["questions"] == [] and data["minutes"] == {} and data["discussion"] == []


def test_where_am_i_reports_checks_and_answers(capsys):
    from helpers import exercises
    from helpers.exercises.neuron import count_parameters_solution, sigmoid_solution

    questions.forget_progress()
    try:
        exercises.check_sigmoid(sigmoid_solution)
        exercises.check_count_parameters(lambda sizes: 0)
        questions.record_answer("01-relu-above-one", "relu", True)
        questions.record_answer("01-sigmoid-tenfold", "tenfold", False)
        capsys.readouterr()
        helpers.where_am_i("01")
        out = capsys.readouterr().out
        assert "Exercises: 1 of 3 passed" in out
        assert "✔ my_sigmoid(z): check passed" in out
        assert "✘ count_parameters(sizes): checked, not passed yet" in out
        assert "· layer_forward(W, a, b): not checked yet" in out
        assert "Questions: 2 of 5 answered, 1 right" in out
        assert "✔ which activation can go above 1: answered, right" in out
        assert "✘ ten times the weighted input: answered, not right" in out
        exercises.check_count_parameters(count_parameters_solution)      # passed once: stays passed
        exercises.check_count_parameters(lambda sizes: 0)
        helpers.where_am_i("01")
        assert "Exercises: 2 of 3 passed" in capsys.readouterr().out
    finally:
        questions.forget_progress()


def test_where_am_i_speaks_the_lessons_language(capsys, zh_cn):
    questions.forget_progress()
    helpers.where_am_i("02")
    out = capsys.readouterr().out
    assert "每个输出都是 0.5 时的代价" in out          # the titles come from the Chinese data file


def test_where_am_i_of_a_lesson_with_nothing_to_track(capsys):
    helpers.where_am_i("00")
    assert "no exercises or questions" in capsys.readouterr().out
