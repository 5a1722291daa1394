"""Quizzes for the school's learning system: one question per stage, the stage's answer correct
and its look-alikes as distractors, the teaching points as feedback and the disclaimer in the
description; the GIFT file parses with a GIFT parser and the QTI package's assessment validates
against the QTI 1.2 DTD; text from a case pack stays text in both."""

from __future__ import annotations

import html
import io
import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html
from pygiftparser import parser as gift_parser
from pygiftparser.answer import Description, SelectSet
from pygiftparser.utils import transformSpecials

from screener.cli import EXIT_INPUT, main
from screener.engine import screen_case
from screener.models import TeachingCase
from screener.present.quiz_view import QuizView, quiz_view
from screener.report.quiz import render_gift, render_qti
from screener.rulebook import RuleBook

DTD = Path(__file__).resolve().parents[2] / "fixtures" / "qti" / "ims_qtiasiv1p2p1.dtd"
CASES = ("case_moving_vein_clots", "case_weakness_swelling_low_potassium")


def view_of(cases: list[TeachingCase], book: RuleBook) -> QuizView:
    return quiz_view([(c, screen_case(c, book)) for c in cases], book)


def gift_questions(text: str) -> list[gift_parser.Question]:
    return gift_parser.parseFile(io.StringIO(text))


def shown(gift_text: str) -> str:
    """What Moodle shows of a GIFT text: marks unescaped, HTML references read."""
    return html.unescape(transformSpecials(gift_text))


def qti_items(package: bytes) -> list[etree._Element]:
    """The assessment's items, validated against the QTI 1.2 DTD (namespaces stripped: a DTD
    knows no namespaces)."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        names = archive.namelist()
        assert "imsmanifest.xml" in names
        assert not [n for n in names if n.startswith("images/")]
        (name,) = [n for n in names if n.endswith(".xml") and "/" in n and "meta" not in n]
        root = etree.fromstring(archive.read(name))
    for element in root.iter():
        if isinstance(element.tag, str):
            element.tag = etree.QName(element).localname
    for attribute in list(root.attrib):
        del root.attrib[attribute]
    etree.cleanup_namespaces(root)
    dtd = etree.DTD(str(DTD))
    assert dtd.validate(root), dtd.error_log.filter_from_errors()
    return root.findall(".//item")


def test_one_question_per_stage_with_the_answer_correct_and_look_alikes_wrong(
    book: RuleBook,
) -> None:
    cases = [book.case_by_id[c] for c in CASES]
    view = view_of(cases, book)
    assert len(view.questions) == sum(len(c.stage_tops) for c in cases)
    assert view.description[0] == book.safety.disclaimer
    for question, (_case, top) in zip(
        view.questions, [(c, t) for c in cases for t in c.stage_tops], strict=True
    ):
        correct = [c.text for c in question.choices if c.correct]
        assert correct == [book.label("syndrome", top) if top else book.safety.no_pattern_heading]
        wrong = [c.text for c in question.choices if not c.correct]
        assert 1 <= len(wrong) <= 4 and correct[0] not in wrong
    last = view.questions[len(cases[0].stage_tops) - 1]
    assert set(cases[0].teaching_points) <= set(last.feedback)
    mimics = {book.mimic_by_id[m].name for m in book.syndrome_by_id["trousseau_syndrome"].mimics}
    assert mimics & {c.text for c in last.choices}


def test_the_gift_file_parses_question_by_question(book: RuleBook) -> None:
    cases = [book.case_by_id[c] for c in CASES]
    view = view_of(cases, book)
    description, *questions = gift_questions(render_gift(view))
    assert isinstance(description.answers, Description)
    assert book.safety.disclaimer in shown(description.text)
    assert len(questions) == len(view.questions)
    for parsed, question in zip(questions, view.questions, strict=True):
        assert parsed.valid and isinstance(parsed.answers, SelectSet)
        assert shown(parsed.title) == question.name
        answers = {shown(a.answer): a.fraction for a in parsed.answers.answers}
        assert answers == {c.text: 100 if c.correct else 0 for c in question.choices}
        assert shown(parsed.generalFeedback) == " ".join(question.feedback)


def test_the_qti_package_validates_against_the_qti_dtd(book: RuleBook) -> None:
    view = view_of([book.case_by_id[c] for c in CASES], book)
    items = qti_items(render_qti(view))
    assert len(items) == len(view.questions)
    for item, question in zip(items, view.questions, strict=True):
        labels = {
            label.get("ident"): "".join(label.itertext()).strip()
            for label in item.iter("response_label")
        }
        (right,) = [
            condition.findtext(".//varequal")
            for condition in item.iter("respcondition")
            if condition.findtext(".//setvar") == "100"
        ]
        correct = next(c.text for c in question.choices if c.correct)
        shown_text = lxml_html.fromstring(html.unescape(labels[right])).text_content()
        assert shown_text.replace("\u2060", "") == correct


HOSTILE_TEXT = (
    "Fever {=rash ~itch #x} :: a::b:: <script>alert(1)</script> ![x](/etc/hostname) "
    "[link](https://evil.example) $$\\frac{1}{2}$$ `code`\n\n```python {.run}\nprint(1)\n```\n"
    "*a) not a choice\n1. not a question\n... not feedback"
)


def test_text_from_a_case_pack_stays_text_in_both_formats(book: RuleBook) -> None:
    case = book.case_by_id[CASES[0]]
    hostile = case.model_copy(
        update={
            "vignette": HOSTILE_TEXT,
            "teaching_points": (HOSTILE_TEXT,),
            "stages": tuple(s.model_copy(update={"text": HOSTILE_TEXT}) for s in case.stages),
        }
    )
    view = view_of([hostile], book)
    gift = render_gift(view)
    _, *questions = gift_questions(gift)
    assert len(questions) == len(view.questions)
    assert all(
        q.valid and len(q.answers.answers) == len(v.choices)
        for q, v in zip(questions, view.questions, strict=True)
    )
    assert "<script>" not in gift and "<img" not in gift
    # Moodle reads the text as HTML: the script is there as characters, not as a tag.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in transformSpecials(questions[0].text)
    package = render_qti(view)
    items = qti_items(package)
    assert len(items) == len(view.questions)
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        everything = b"".join(archive.read(n) for n in archive.namelist() if n.endswith(".xml"))
    # The HTML text2qti writes is escaped inside the XML: none of it may be a tag of its own.
    for forbidden in (
        b"&lt;script",
        b"&lt;img",
        b"&lt;a ",
        b"equation_image",
        b"&lt;pre",
        b"&lt;code",
    ):
        assert forbidden not in everything


# --- The command line -------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_quiz_writes_gift_to_standard_output_and_qti_to_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "quiz", *CASES, "--format", "gift")
    assert code == 0 and out.startswith("$CATEGORY:")
    target = tmp_path / "quiz.zip"
    code, out, _ = run(capsys, "quiz", *CASES, "--format", "qti", "--out", str(target))
    assert code == 0 and out == f"Wrote {target} (4 questions)\n"
    assert len(qti_items(target.read_bytes())) == 4
    # An earlier package may be replaced.
    assert run(capsys, "quiz", CASES[0], "--format", "qti", "--out", str(target))[0] == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--format", "qti"], "a QTI package is a zip file: give --out"),
        (
            ["--format", "gift", "--out", "{notes}"],
            "exists and is not a GIFT file; it was left alone",
        ),
        (["--format", "qti", "--out", "{notes}"], "exists and is not a QTI package"),
    ],
)
def test_quiz_refuses_what_it_cannot_do_and_never_overwrites_other_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], message: str
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes", encoding="utf-8")
    argv = [a.replace("{notes}", str(notes)) for a in argv]
    code, out, err = run(capsys, "quiz", CASES[0], *argv)
    assert (code, out) == (EXIT_INPUT, "")
    assert message in err
    assert notes.read_text(encoding="utf-8") == "my notes"


def test_quiz_names_an_unknown_case(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "quiz", "no_such_case", "--format", "gift")
    assert code == EXIT_INPUT and "Unknown teaching case: no_such_case" in err
    assert json.dumps(err)  # one plain line, no traceback
    assert "Traceback" not in err
