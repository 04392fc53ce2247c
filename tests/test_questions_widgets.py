"""The predict-then-reveal question widget: nothing is revealed before Check, then the verdict and every explanation
the learner needs; the answer is locked and noted for where_am_i. Runs with ipywidgets 8 and Colab's 7.7.1."""

import pytest

from helpers import widgets
from helpers.core import questions


@pytest.fixture(autouse=True)
def fresh_journal():
    questions.forget_progress()
    yield
    questions.forget_progress()


def classes(widget):
    return set(widget._dom_classes)


def test_a_lesson_cell_is_one_call_and_shows_the_prompt_and_every_choice():
    w = widgets.question("02-raise-a-bias")
    q = questions.question("02-raise-a-bias", "en")
    assert "nudge-question" in classes(w)
    assert "nudge-toggle-question-answer" in classes(w.controls["answer"])
    assert "nudge-button-question-check" in classes(w.check_button)
    text = " ".join(getattr(c, "value", "") or "" for c in w.children if hasattr(c, "value"))
    assert "Which way will the cost move" in text
    for letter, choice in zip("ABCD", q["choices"]):
        assert f"<b style='min-width:1.2em'>{letter}</b>" in text and choice["text"].split("$")[0] in text
    assert [label for label, _ in w.controls["answer"].options] == ["A", "B", "C", "D"]


def test_nothing_is_revealed_before_check():
    w = widgets.question("02-raise-a-bias")
    assert w.feedback.value == "" and not w.values["answered"]
    w.set(answer="down")
    assert w.feedback.value == "" and not w.values["answered"]       # choosing is not yet committing
    w.check_button.click()
    assert w.values["answered"]


def test_check_without_an_answer_asks_for_one():
    w = widgets.question("02-raise-a-bias")
    w.check()
    assert "Choose an answer first" in w.status.value and w.feedback.value == ""
    assert questions.progress("02")["questions"][3]["state"] == "not answered"


def test_the_right_answer_says_so_and_why():
    w = widgets.question("02-raise-a-bias")
    w.set(answer="up")
    w.check()
    q = questions.question("02-raise-a-bias", "en")
    assert w.values["right"] is True and w.values["verdict"] == "✔ Right."
    assert "✔ Right." in w.feedback.value and "The answer is A:" in w.feedback.value
    assert "a positive slope means the cost rises" in w.feedback.value
    assert "Your answer" not in w.feedback.value          # no second explanation of the same choice
    assert q["choices"][0]["right"]


def test_a_wrong_answer_gets_its_own_explanation_and_the_right_one():
    w = widgets.question("02-raise-a-bias")
    w.set(answer="same")
    w.check()
    assert w.values["right"] is False and "✘ Not quite." in w.feedback.value
    assert "Your answer, C:" in w.feedback.value and "A bias shifts its neuron" in w.feedback.value
    assert "The answer is A:" in w.feedback.value and "a positive slope means" in w.feedback.value
    assert questions.progress("02")["questions"][3]["state"] == "wrong"


def test_the_answer_is_locked_once_checked():
    w = widgets.question("01-relu-above-one")
    w.set(answer="sigmoid")
    w.check()
    assert w.controls["answer"].disabled and w.check_button.disabled
    w.set(answer="relu")
    w.check()
    assert w.values["answer"] == "sigmoid" and w.values["right"] is False
    assert questions.progress("01")["questions"][4]["state"] == "wrong"


def test_a_number_question_reads_what_a_learner_types():
    w = widgets.question("01-count-784-30-10")
    assert "nudge-text-question-answer" in classes(w.controls["answer"])
    w.set(answer="lots")
    w.check()
    assert "is not a number" in w.status.value and not w.values["answered"]
    w.set(answer=" 23,860 ")
    w.check()
    assert w.values["right"] is True and "The answer is 23,860:" in w.feedback.value
    assert questions.progress("01")["questions"][3]["state"] == "right"


def test_a_known_wrong_number_gets_its_hint():
    w = widgets.question("01-count-784-30-10")
    w.set(answer="23820")
    w.check()
    assert w.values["right"] is False and "Your number:" in w.feedback.value
    assert "weights alone" in w.feedback.value and "The answer is 23,860:" in w.feedback.value


def test_an_unknown_wrong_number_gets_the_right_answer_only():
    w = widgets.question("02-first-step")
    w.set(answer="0.5")
    w.check()
    assert w.values["right"] is False and "Your number:" not in w.feedback.value
    assert "The answer is 0.95:" in w.feedback.value


def test_a_number_within_the_tolerance_is_right():
    w = widgets.question("02-first-step")
    w.set(answer="0.951")
    w.check()
    assert w.values["right"] is True


def test_the_widget_speaks_the_lessons_language(zh_cn):
    w = widgets.question("02-raise-a-bias")
    text = " ".join(getattr(c, "value", "") or "" for c in w.children if hasattr(c, "value"))
    assert "代价会往哪边变" in text
    w.set(answer="up")
    w.check()
    assert "调高" in w.feedback.value or "升高" in w.feedback.value


def test_an_unknown_question_is_one_clear_sentence():
    with pytest.raises(KeyError, match="no question called"):
        widgets.question("01-no-such-thing")


def test_markdown_keeps_math_intact():
    from helpers.widgets.questions import markdown_html

    html = markdown_html("Raise **this** *bias* by `0.01`: $a * b_{*}$ and $$x < y$$.\n\nNext <para>.")
    assert "<b>this</b>" in html and "<i>bias</i>" in html and "<code>0.01</code>" in html
    assert "$a * b_{*}$" in html and "$$x &lt; y$$" in html and "&lt;para&gt;" in html
    assert html.count("<p") == 2
