"""A quiz view (`screener.present.quiz_view`) as the files learning systems import: GIFT for
Moodle (written with gift-wrapper's GIFT builders) and a QTI 1.2 package for Canvas (written by
text2qti from its plain-text quiz format).

Every text comes from a rule book or a teacher's case pack, so it is made inert for the format
before either library sees it: for GIFT, HTML-escaped and with GIFT's own marks (`~ = # { } :`)
backslash-escaped; for text2qti, Markdown-escaped (`plain_markdown`), so no link, image, HTML,
maths or code block can come of it (text2qti would read a local image into the package).
"""

from __future__ import annotations

import html

from screener.present.markdown import plain_markdown
from screener.present.quiz_view import QuizQuestion, QuizView

GIFT_CATEGORY = "paraneoplastic_patterns"
_GIFT_MARKS = str.maketrans({c: f"\\{c}" for c in "\\~=#{}:"})


def _gift_text(text: str) -> str:
    """Plain text as GIFT's HTML: shown as written, nothing in it read as GIFT or HTML. A
    dollar sign is written as a character reference, so no maths filter reads it."""
    escaped = html.escape(text, quote=False).replace("$", "&#36;").translate(_GIFT_MARKS)
    return "<br>".join(escaped.splitlines())


def render_gift(view: QuizView) -> str:
    """The quiz as a GIFT file: the description (with the disclaimer) as a description item, then
    one multiple-choice question per stage, the correct answer first."""
    from gift_wrapper import gift

    items = [
        gift.from_category(GIFT_CATEGORY).rstrip("\n"),
        gift.from_question_name(_gift_text(view.title))
        + gift.html
        + "".join(f"<p>{_gift_text(p)}</p>" for p in view.description),
    ]
    for question in view.questions:
        story = "".join(
            f"<p><b>{_gift_text(stage)}.</b> {_gift_text(text)}</p>"
            for stage, text in question.story
        )
        answers = [
            gift.from_perfect_answer(_gift_text(c.text))
            if c.correct
            else gift.from_wrong_answer(_gift_text(c.text))
            for c in question.choices
        ]
        feedback = gift.from_feedback(" ".join(_gift_text(f) for f in question.feedback))
        items.append(
            gift.from_question_name(_gift_text(question.name))
            + gift.html
            + f"{story}<p>{_gift_text(question.question)}</p>"
            + "{\n\t"
            + "\n\t".join([*answers, feedback])
            + "\n}"
        )
    return "\n\n".join(items) + "\n"


def _qti_title(marker: str, text: str) -> list[str]:
    """A title: text2qti writes it as plain text (XML-escaped), on one line."""
    return [f"{marker} {' '.join(text.split())}"]


def _qti_block(marker: str, paragraphs: tuple[str, ...] | list[str]) -> list[str]:
    """A text2qti item read as Markdown: its marker, then its paragraphs, escaped, every line
    indented under the first."""
    indent = " " * (len(marker) + 1)
    lines: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        for j, line in enumerate(plain_markdown(paragraph).splitlines() or [""]):
            if i == 0 and j == 0:
                lines.append(f"{marker} {line}")
            else:
                lines.append(f"{indent}{line}")
        if i < len(paragraphs) - 1:
            lines.append("")
    return lines


def qti_source(view: QuizView) -> str:
    """The quiz in text2qti's plain-text quiz format."""
    lines = [
        *_qti_title("Quiz title:", view.title),
        *_qti_block("Quiz description:", view.description),
    ]
    for number, question in enumerate(view.questions, start=1):
        lines += ["", *_qti_title("Title:", question.name)]
        lines += _qti_block(f"{number}.", [*_story(question), question.question])
        lines += _qti_block("...", question.feedback)
        for letter, choice in zip("abcdefghij", question.choices, strict=False):
            lines += _qti_block(f"{'*' if choice.correct else ''}{letter})", [choice.text])
    return "\n".join(lines) + "\n"


def _story(question: QuizQuestion) -> list[str]:
    return [f"{stage}. {text}" for stage, text in question.story]


def render_qti(view: QuizView) -> bytes:
    """The quiz as a QTI 1.2 package (a zip) that Canvas imports."""
    from text2qti.config import Config
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz

    quiz = Quiz(qti_source(view), config=Config())
    package: bytes = QTI(quiz).zip_bytes()
    return package
