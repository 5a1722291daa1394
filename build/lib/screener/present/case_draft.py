"""The Screen page's case as a teaching case, ready to paste into a cases file.

The app takes no free text (nothing about a person is typed into it), so the draft's title,
vignette and teaching point are generated from the case and its answer, for the teacher to
rewrite in their editor; everything else is exactly what was entered.
"""

from __future__ import annotations

import hashlib

from screener.models import PROFILE_FIELDS, Profile, TeachingCase
from screener.present import teaching_words as teaching
from screener.present.stage_view import fact_lines
from screener.present.view import profile_lines
from screener.rulebook import RuleBook

MAX_TEXT = 3000
"""Generated texts are cut here, well inside the model's limits."""


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def draft_id(profile: Profile) -> str:
    """The same case always drafts to the same id; different cases almost never share one."""
    digest = hashlib.sha256(profile.model_dump_json().encode()).hexdigest()[:10]
    return f"case_{digest}"


def draft_case(profile: Profile, answer: str, book: RuleBook) -> TeachingCase:
    """`profile` as a teaching case whose answer is `answer`. Raises ValueError when the case
    cannot be one (it has no finding, or the answer is unknown)."""
    syndrome = book.syndrome_by_id.get(answer)
    if syndrome is None:
        raise ValueError(f"unknown syndrome '{answer}'")
    if not profile.findings:
        raise ValueError(teaching.EXPORT_NEEDS_FINDING)
    about = {line.label: line.text for line in profile_lines(profile, book)}
    facts = " ".join(f"{line.label}: {line.text}." for line in fact_lines(profile, book))
    vignette = f"Age band: {about['Age band']}. Sex: {about['Sex']}. {facts}"
    first = ", ".join(book.label("finding", f) for f in profile.findings[:3])
    return TeachingCase.model_validate(
        {
            "id": draft_id(profile),
            "title": _cut(f"{teaching.EXPORT_TITLE}: {first.lower()}", 200),
            "category": syndrome.category,
            "vignette": _cut(f"{teaching.EXPORT_VIGNETTE} {vignette}", MAX_TEXT),
            **profile.model_dump(include=set(PROFILE_FIELDS), exclude_defaults=True),
            "answer": answer,
            "teaching_points": [syndrome.summary],
        }
    )
