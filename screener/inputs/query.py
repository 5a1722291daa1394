"""A profile as URL query parameters, so a teacher can send a link that opens the same case.

`profile_to_query` writes the compact form, e.g.
`f=dry_mouth,proximal_leg_weakness&c=sclc&lab=sodium:128:mmol/L&age=40-64&sex=female`.
`profile_from_query` reads a link back. A link can come from anywhere, so it never trusts one:
unknown ids, bad numbers, wrong units, oversized values and unknown parameters are left out, and
each one is reported as a plain-words notice. The profile it returns can always be screened, and
every case the app can make comes back from its own link unchanged: the caps grow with the book.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from enum import StrEnum

from screener.inputs.numbers import NotANumber, lab_number_text, read_lab_number, shown
from screener.models import AgeBand, FollowUp, LabValue, Profile, Sex
from screener.rulebook import RuleBook
from screener.rulebook.labs import canonical_unit, check_lab_value

MAX_VALUE_CHARS = 4000
"""A parameter longer than this, and longer than any the app itself writes for this rule book,
is ignored whole."""

LONGEST_NUMBER_CHARS = 25
"""A lab value's text is at most this long: `repr` of a float (e.g. -1.2345678901234567e-308)
with a '<' or '>' before it."""

MAX_NOTICES = 20
"""Further problems are summarised in one last notice, so a hostile link cannot flood the page."""

SHOWN_CHARS = 40
"""How much of an ignored value a notice quotes."""

LINK_MAX_PARAMETERS = 1000
LINK_MAX_CHARS = 512 * 1024
"""Streamlit ignores a whole query string with more parameters or characters than these
(`streamlit.runtime.state.query_params`); a test keeps them equal to Streamlit's own."""

ID_LISTS = {"f": "finding", "c": "cancer", "ab": "antibody"}
CHOICES: dict[str, tuple[str, type[StrEnum]]] = {
    "age": ("age band", AgeBand),
    "sex": ("sex", Sex),
    "fu": ("follow-up", FollowUp),
}
LABS = "lab"
KNOWN_KEYS = (*ID_LISTS, LABS, *CHOICES)


def profile_to_query(profile: Profile) -> dict[str, str]:
    """The query parameters that `profile_from_query` turns back into `profile`."""
    query: dict[str, str] = {}
    for key, field in (("f", profile.findings), ("c", profile.cancers), ("ab", profile.antibodies)):
        if field:
            query[key] = ",".join(field)
    if profile.labs:
        query[LABS] = ",".join(
            f"{lab.analyte}:{lab_number_text(lab.value, lab.censored)}:{lab.unit}"
            for lab in profile.labs
        )
    for key, choice in (("age", profile.age_band), ("sex", profile.sex), ("fu", profile.follow_up)):
        if choice is not None:
            query[key] = choice.value
    return query


def _shown(text: str) -> str:
    """A user-supplied value, shortened and with control characters replaced, for a notice."""
    return shown(text, SHOWN_CHARS)


def _known_ids(book: RuleBook) -> dict[str, Mapping[str, object]]:
    """The ids each id-list parameter may name."""
    return {"f": book.enterable_findings, "c": book.cancer_by_id, "ab": book.antibody_by_id}


def link_limits(book: RuleBook) -> dict[str, tuple[int, int]]:
    """For each list parameter: the most items and characters read, never less than the app's own
    link for the biggest case this book allows (every id of that kind, every lab value)."""
    limits = {key: (len(known), len(",".join(known))) for key, known in _known_ids(book).items()}
    longest_labs = ",".join(
        f"{lab.id}:{'0' * LONGEST_NUMBER_CHARS}:{max(lab.units, key=len)}" for lab in book.labs
    )
    limits[LABS] = (len(book.labs), len(longest_labs))
    return {key: (items, max(chars, MAX_VALUE_CHARS)) for key, (items, chars) in limits.items()}


def dropped_link_notice(parameters: int, chars: int) -> str | None:
    """The notice for a link Streamlit ignored whole (it then hands the app no parameters), from
    its query's size as the browser holds it: parameters and characters."""
    if parameters > LINK_MAX_PARAMETERS:
        return (
            f"the link has {parameters:,} parameters, more than the {LINK_MAX_PARAMETERS:,} "
            "the app can read, so none of it was read"
        )
    if chars > LINK_MAX_CHARS:
        return (
            f"the link is {chars:,} characters long, more than the {LINK_MAX_CHARS:,} "
            "the app can read, so none of it was read"
        )
    return None


def unknown_parameters(params: Iterable[str], reads: Collection[str] = ()) -> list[str]:
    """A notice for each parameter of a link that the page it opens does not read (`reads`)."""
    return _capped(_unknown(params, reads))


def _unknown(params: Iterable[str], reads: Collection[str]) -> list[str]:
    return [f"unknown parameter {_shown(key)}" for key in params if key not in reads]


def _capped(notices: list[str]) -> list[str]:
    if len(notices) <= MAX_NOTICES:
        return notices
    hidden = len(notices) - MAX_NOTICES + 1
    return [*notices[: MAX_NOTICES - 1], f"and {hidden} more problems"]


def _last(key: str, raw: str | list[str], notice: Callable[[str], None]) -> str | None:
    """A parameter's value; given more than once, the last one, with a notice."""
    if not isinstance(raw, list):
        return raw
    if len(raw) > 1:
        notice(f"'{key}' was given {len(raw)} times; only the last one was read")
    return raw[-1] if raw else None


RULE = "rule"
"""The parameter of an Explore link naming the rule it opens (`explore?rule=<id>`)."""


def rule_from_query(
    params: Mapping[str, str | list[str]], book: RuleBook
) -> tuple[str | None, list[str]]:
    """The syndrome an Explore link opens, if any, and a notice for everything in it that was
    ignored."""
    notices = _unknown(params, (RULE,))
    wanted = _last(RULE, params.get(RULE, []), notices.append)
    if wanted is not None and wanted not in book.syndrome_by_id:
        notices.append(f"unknown rule {_shown(wanted)}")
        wanted = None
    return wanted, _capped(notices)


def _items(
    key: str,
    value: str,
    most: int,
    notice: Callable[[str], None],
    regroup: Callable[[list[str]], list[str]] = list,
) -> list[str]:
    items = regroup([item.strip() for item in value.split(",") if item.strip()])
    if len(items) > most:
        notice(f"'{key}' lists {len(items)} items; only the first {most} were read")
        items = items[:most]
    return items


def _lab_items(items: list[str]) -> list[str]:
    """Lab values split at commas, with a decimal comma put back: `glucose:5,5:mmol/L` arrives
    as `glucose:5` and `5:mmol/L`."""
    joined: list[str] = []
    for item in items:
        previous = joined[-1] if joined else ""
        if previous.count(":") == 1 and item.count(":") == 1 and item[:1].isdigit():
            joined[-1] = f"{previous},{item}"
        else:
            joined.append(item)
    return joined


def _lab(item: str, book: RuleBook) -> tuple[LabValue | None, str | None]:
    parts = item.split(":", 2)
    if len(parts) != 3:
        return None, f"lab value {_shown(item)} is not in the form analyte:value:unit"
    analyte_id, number, unit = parts
    analyte = book.lab_by_id.get(analyte_id)
    if analyte is None:
        return None, f"unknown lab analyte {_shown(analyte_id)}"
    try:
        value, censored = read_lab_number(number)
    except NotANumber as not_a_number:
        return None, f"{analyte.label}: {not_a_number}"
    known_unit = canonical_unit(analyte, unit)
    if known_unit is None:
        return None, (
            f"{analyte.label}: the unit {_shown(unit)} is not accepted "
            f"(use one of {', '.join(analyte.units)})"
        )
    lab = LabValue(analyte=analyte_id, value=value, unit=known_unit, censored=censored)
    problem = check_lab_value(lab, book)
    return (None, problem) if problem else (lab, None)


def profile_from_query(
    params: Mapping[str, str | list[str]], book: RuleBook
) -> tuple[Profile, list[str]]:
    """The profile a link describes, and a notice for everything in it that was ignored."""
    notices: list[str] = []

    def notice(text: str) -> None:
        notices.append(text)

    limits = link_limits(book)
    values: dict[str, str] = {}
    notices += _unknown(params, KNOWN_KEYS)
    for key, given in params.items():
        if key not in KNOWN_KEYS:
            continue
        raw = _last(key, given, notice)
        if raw is None:
            continue
        most_chars = limits.get(key, (0, MAX_VALUE_CHARS))[1]
        if len(raw) > most_chars:
            notice(f"'{key}' is longer than {most_chars:,} characters and was ignored")
            continue
        values[key] = raw

    ids: dict[str, list[str]] = {}
    known_ids = _known_ids(book)
    for key, kind in ID_LISTS.items():
        known = known_ids[key]
        ids[key] = []
        for item in _items(key, values.get(key, ""), limits[key][0], notice):
            if item in known:
                ids[key].append(item)
            else:
                notice(f"unknown {kind} {_shown(item)}")

    labs: dict[str, LabValue] = {}
    for item in _items(LABS, values.get(LABS, ""), limits[LABS][0], notice, _lab_items):
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
    return profile, _capped(notices)
