"""A profile as URL query parameters, so a teacher can send a link that opens the same case.

`profile_to_query` writes the compact form, e.g.
`f=dry_mouth,proximal_leg_weakness&c=sclc&lab=sodium:128:mmol/L&age=40-64&sex=female`.
`profile_from_query` reads a link back. A link can come from anywhere, so it never trusts one:
unknown ids, bad numbers, wrong units, oversized values and unknown parameters are left out, and
each one is reported as a plain-words notice. The profile it returns can always be screened.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from enum import StrEnum

from screener.engine.labs import check_lab_value
from screener.models import AgeBand, FollowUp, LabValue, Profile, Sex
from screener.rulebook import RuleBook

MAX_VALUE_CHARS = 4000
"""A parameter longer than this is ignored whole (no rule book needs anywhere near it)."""

MAX_LIST_ITEMS = 100
"""Items of a list parameter beyond this are ignored."""

MAX_NOTICES = 20
"""Further problems are summarised in one last notice, so a hostile link cannot flood the page."""

SHOWN_CHARS = 40
"""How much of an ignored value a notice quotes."""

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?")

ID_LISTS = {"f": "finding", "c": "cancer", "ab": "antibody"}
CHOICES: dict[str, tuple[str, type[StrEnum]]] = {
    "age": ("age band", AgeBand),
    "sex": ("sex", Sex),
    "fu": ("follow-up", FollowUp),
}
LABS = "lab"
KNOWN_KEYS = (*ID_LISTS, LABS, *CHOICES)


def _number_text(value: float) -> str:
    # repr is the shortest text that reads back as the same float.
    text = repr(value)
    return text.removesuffix(".0") if "e" not in text else text


def profile_to_query(profile: Profile) -> dict[str, str]:
    """The query parameters that `profile_from_query` turns back into `profile`."""
    query: dict[str, str] = {}
    for key, field in (("f", profile.findings), ("c", profile.cancers), ("ab", profile.antibodies)):
        if field:
            query[key] = ",".join(field)
    if profile.labs:
        query[LABS] = ",".join(
            f"{lab.analyte}:{_number_text(lab.value)}:{lab.unit}" for lab in profile.labs
        )
    for key, choice in (("age", profile.age_band), ("sex", profile.sex), ("fu", profile.follow_up)):
        if choice is not None:
            query[key] = choice.value
    return query


def _shown(text: str) -> str:
    """A user-supplied value, shortened and with control characters replaced, for a notice."""
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in text[:SHOWN_CHARS])
    return f"'{cleaned}{'…' if len(text) > SHOWN_CHARS else ''}'"


def _items(key: str, value: str, notice: Callable[[str], None]) -> list[str]:
    items = [item.strip() for item in value.split(",") if item.strip()]
    if len(items) > MAX_LIST_ITEMS:
        notice(f"'{key}' lists {len(items)} items; only the first {MAX_LIST_ITEMS} were read")
        items = items[:MAX_LIST_ITEMS]
    return items


def _lab(item: str, book: RuleBook) -> tuple[LabValue | None, str | None]:
    parts = item.split(":", 2)
    if len(parts) != 3:
        return None, f"lab value {_shown(item)} is not in the form analyte:value:unit"
    analyte_id, number, unit = parts
    analyte = book.lab_by_id.get(analyte_id)
    if analyte is None:
        return None, f"unknown lab analyte {_shown(analyte_id)}"
    if not _NUMBER.fullmatch(number) or not math.isfinite(value := float(number)):
        return None, f"{analyte.label}: {_shown(number)} is not a number"
    if unit not in analyte.units:
        return None, (
            f"{analyte.label}: the unit {_shown(unit)} is not accepted "
            f"(use one of {', '.join(analyte.units)})"
        )
    lab = LabValue(analyte=analyte_id, value=value, unit=unit)
    problem = check_lab_value(lab, book)
    return (None, problem) if problem else (lab, None)


def profile_from_query(
    params: Mapping[str, str | list[str]], book: RuleBook
) -> tuple[Profile, list[str]]:
    """The profile a link describes, and a notice for everything in it that was ignored."""
    notices: list[str] = []

    def notice(text: str) -> None:
        notices.append(text)

    values: dict[str, str] = {}
    for key, raw in params.items():
        if key not in KNOWN_KEYS:
            notice(f"unknown parameter {_shown(key)}")
            continue
        if isinstance(raw, list):
            if not raw:
                continue
            if len(raw) > 1:
                notice(f"'{key}' was given {len(raw)} times; only the last one was read")
            raw = raw[-1]
        if len(raw) > MAX_VALUE_CHARS:
            notice(f"'{key}' is longer than {MAX_VALUE_CHARS:,} characters and was ignored")
            continue
        values[key] = raw

    ids: dict[str, list[str]] = {}
    known_ids: dict[str, Mapping[str, object]] = {
        "f": book.enterable_findings,
        "c": book.cancer_by_id,
        "ab": book.antibody_by_id,
    }
    for key, kind in ID_LISTS.items():
        known = known_ids[key]
        ids[key] = []
        for item in _items(key, values.get(key, ""), notice):
            if item in known:
                ids[key].append(item)
            else:
                notice(f"unknown {kind} {_shown(item)}")

    labs: dict[str, LabValue] = {}
    for item in _items(LABS, values.get(LABS, ""), notice):
        lab, problem = _lab(item, book)
        if problem:
            notice(problem)
        elif lab is not None and lab.analyte in labs:
            name = book.label("lab", lab.analyte)
            notice(f"{name} was given more than once; the first value was read")
        elif lab is not None:
            labs[lab.analyte] = lab

    choices: dict[str, StrEnum | None] = {}
    for key, (name, enum) in CHOICES.items():
        raw = values.get(key, "").strip()
        allowed = {member.value: member for member in enum}
        choices[key] = allowed.get(raw)
        if raw and choices[key] is None:
            notice(f"unknown {name} {_shown(raw)} (use one of {', '.join(allowed)})")

    profile = Profile.model_validate(
        {
            "findings": ids["f"],
            "cancers": ids["c"],
            "antibodies": ids["ab"],
            "labs": list(labs.values()),
            "age_band": choices["age"],
            "sex": choices["sex"],
            "follow_up": choices["fu"],
        }
    )
    if len(notices) > MAX_NOTICES:
        hidden = len(notices) - MAX_NOTICES + 1
        notices = [*notices[: MAX_NOTICES - 1], f"and {hidden} more problems"]
    return profile, notices
