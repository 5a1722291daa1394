"""What a student or teacher sends to a live class, read strictly: a join code from a link or
the code box, a practice code, a seat token from the address, and an answer from the form.

Nothing here trusts its input. A code is read the way a person types one (any case, spaces or
a dash, even the whole join link pasted), then must be exactly a code; anything else is a
problem with a name, which `screener.present.class_words` puts into words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from enum import StrEnum

from screener.models import (
    CODE_ALPHABET,
    JOIN_CODE_LENGTH,
    MAX_PICKS,
    PRACTICE_CODE_LENGTH,
    SEAT_PATTERN,
    Confidence,
    SyndromeId,
)
from screener.rulebook import RuleBook

MAX_TYPED_CHARS = 200
"""Longer than any code, or join link, a person would type or paste; longer input is refused
before it is looked at."""
NO_PATTERN = "no-pattern-yet"
"""The answer option 'no pattern yet': a hyphen, so it can never be a syndrome id."""
JOIN_PARAMETER = "join"
SEAT_PARAMETER = "seat"


class CodeProblem(StrEnum):
    EMPTY = "empty"
    NOT_A_CODE = "not_a_code"


class AnswerProblem(StrEnum):
    NO_PICK = "no_pick"
    NONE_WITH_PATTERNS = "none_with_patterns"
    TOO_MANY = "too_many"
    UNKNOWN_PATTERN = "unknown_pattern"
    NO_CONFIDENCE = "no_confidence"


_SEAT = re.compile(SEAT_PATTERN)
_JOIN_IN_LINK = re.compile(rf"[?&]{JOIN_PARAMETER}=([^&#]*)")
_SEPARATORS = re.compile(r"[\s\-_.]+")


def _read_code(raw: object, length: int) -> str | CodeProblem:
    if not isinstance(raw, str):
        return CodeProblem.NOT_A_CODE
    if len(raw) > MAX_TYPED_CHARS:
        return CodeProblem.NOT_A_CODE
    text = unicodedata.normalize("NFKC", raw).strip()
    if not text:
        return CodeProblem.EMPTY
    linked = _JOIN_IN_LINK.search(text)
    if linked:
        text = linked.group(1)
    code = _SEPARATORS.sub("", text).upper()
    if len(code) != length or any(c not in CODE_ALPHABET for c in code):
        return CodeProblem.NOT_A_CODE
    return code


def read_join_code(raw: object) -> str | CodeProblem:
    """A join code as typed or linked ('abcd-2345', 'ABCD 2345', the join link itself)."""
    return _read_code(raw, JOIN_CODE_LENGTH)


def read_practice_code(raw: object) -> str | CodeProblem:
    return _read_code(raw, PRACTICE_CODE_LENGTH)


def shown_code(code: str) -> str:
    """A code as the projector shows it and a person reads it: in groups of four."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def read_seat(raw: object) -> str | None:
    """The seat token from the address, or None if there is none or it is not one (a new seat
    is then given: the address is the student's, and anything else in it is ignored)."""
    if isinstance(raw, str) and _SEAT.fullmatch(raw):
        return raw
    return None


def read_answer(
    picks: Sequence[object] | None, confidence: object, book: RuleBook
) -> tuple[tuple[SyndromeId, ...], Confidence] | AnswerProblem:
    """The learner's leading patterns (none for 'no pattern yet', alone) and their confidence,
    as the form sends them. The form offers only valid choices; this is for whatever else
    arrives."""
    chosen = list(picks or ())
    if not chosen:
        return AnswerProblem.NO_PICK
    if len(chosen) > MAX_PICKS:
        return AnswerProblem.TOO_MANY
    if NO_PATTERN in chosen:
        if len(chosen) > 1:
            return AnswerProblem.NONE_WITH_PATTERNS
        patterns: tuple[str, ...] = ()
    else:
        if any(not isinstance(p, str) or p not in book.syndrome_by_id for p in chosen):
            return AnswerProblem.UNKNOWN_PATTERN
        patterns = tuple(dict.fromkeys(str(p) for p in chosen))
    if not isinstance(confidence, str) or confidence not in {c.value for c in Confidence}:
        return AnswerProblem.NO_CONFIDENCE
    return patterns, Confidence(confidence)
