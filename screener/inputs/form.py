"""What a learner entered on the Screen page, turned into a `Profile` and plain-words problems.

The page keeps the entry as it was typed (`FormEntry`), a lab value that cannot be used included,
so nothing entered is ever lost. A lab value is text, read by the same reader as a link's, so
"5,5" is 5.5 here too and "1,500" is a question. `read_form` turns the entry into the profile to
screen and one problem for each lab value it had to leave out, keyed by analyte so the page can
show it beside that input. Every lab value is checked once, by
`screener.rulebook.labs.check_lab_value`.

A sibling of `query.py` (links) and `profile_json.py` (the command line). Widgets are untrusted
input too (a browser can send any value), so an id the rule book does not know is a problem, never
an error.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, cast

from pydantic import Field

from screener.inputs.numbers import NotANumber, lab_number_text, read_lab_number
from screener.models import AgeBand, FollowUp, Frozen, LabValue, Profile, Sex
from screener.rulebook import RuleBook
from screener.rulebook.labs import check_lab_value

PickKind = Literal["finding", "cancer", "antibody", "lab"]


class LabEntry(Frozen):
    """One lab row as typed: `value` is the text in its field ("5,5" as much as "5.5", "< 5" or
    "not detected" for a result beyond a limit), empty until something is entered."""

    analyte: str
    value: str = ""
    unit: str


class FormEntry(Frozen):
    """Everything on the Screen page's entry side, as entered."""

    findings: tuple[str, ...] = ()
    cancers: tuple[str, ...] = ()
    antibodies: tuple[str, ...] = ()
    labs: tuple[LabEntry, ...] = Field(default=(), description="In the order they were added.")
    age_band: AgeBand | None = None
    sex: Sex | None = None
    follow_up: FollowUp | None = None

    def lab(self, analyte: str) -> LabEntry | None:
        return next((lab for lab in self.labs if lab.analyte == analyte), None)


class FormProblem(Frozen):
    """Why part of the entry was left out. `analyte` names the lab row it belongs beside."""

    text: str
    analyte: str | None = None


class FormReading(Frozen):
    profile: Profile
    problems: tuple[FormProblem, ...] = ()


def lab_problem(problems: Iterable[FormProblem], analyte: str) -> str | None:
    """The problem to show beside one lab's input, if any."""
    return next((p.text for p in problems if p.analyte == analyte), None)


def read_form(entry: FormEntry, book: RuleBook) -> FormReading:
    """The profile `entry` describes, and a problem for each part of it that was left out."""
    problems: list[FormProblem] = []
    ids: dict[str, list[str]] = {}
    for field, kind, known in (
        ("findings", "finding", book.enterable_findings),
        ("cancers", "cancer", book.cancer_by_id),
        ("antibodies", "antibody", book.antibody_by_id),
    ):
        ids[field] = []
        for item in getattr(entry, field):
            if item in known:
                ids[field].append(item)
            else:
                problems.append(FormProblem(text=f"unknown {kind} '{item}' was left out"))
    labs: dict[str, LabValue] = {}
    for lab in entry.labs:
        if not lab.value.strip() or lab.analyte in labs:
            continue
        try:
            number, censored = read_lab_number(lab.value)
        except NotANumber as not_a_number:
            label = book.label("lab", lab.analyte)
            problems.append(FormProblem(text=f"{label}: {not_a_number}", analyte=lab.analyte))
            continue
        value = LabValue(analyte=lab.analyte, value=number, unit=lab.unit, censored=censored)
        problem = check_lab_value(value, book)
        if problem is None:
            labs[lab.analyte] = value
        else:
            problems.append(FormProblem(text=problem, analyte=lab.analyte))
    profile = Profile(
        findings=tuple(ids["findings"]),
        cancers=tuple(ids["cancers"]),
        antibodies=tuple(ids["antibodies"]),
        labs=tuple(labs.values()),
        age_band=entry.age_band,
        sex=entry.sex,
        follow_up=entry.follow_up,
    )
    return FormReading(profile=profile, problems=tuple(problems))


def entry_for(profile: Profile) -> FormEntry:
    """The entry that shows `profile` (a link, a teaching case, a step back in the history)."""
    return FormEntry(
        findings=profile.findings,
        cancers=profile.cancers,
        antibodies=profile.antibodies,
        labs=tuple(
            LabEntry(
                analyte=lab.analyte, value=lab_number_text(lab.value, lab.censored), unit=lab.unit
            )
            for lab in profile.labs
        ),
        age_band=profile.age_band,
        sex=profile.sex,
        follow_up=profile.follow_up,
    )


# --- Changes the page makes to an entry -------------------------------------------------------


def with_system_findings(
    entry: FormEntry, system_id: str, chosen: Iterable[str], book: RuleBook
) -> FormEntry:
    """`entry` with the findings of one body system replaced by `chosen`."""
    system = next((s for s in book.systems if s.id == system_id), None)
    in_system = {f.id for f in system.findings} if system else set()
    kept = [f for f in entry.findings if f not in in_system]
    added = [f for f in chosen if f in in_system and f not in kept]
    return entry.model_copy(update={"findings": tuple(dict.fromkeys([*kept, *added]))})


def with_lab(entry: FormEntry, analyte: str, value: str, unit: str) -> FormEntry:
    """`entry` with one lab row set (added at the end if it is new)."""
    row = LabEntry(analyte=analyte, value=value, unit=unit)
    if entry.lab(analyte) is None:
        return entry.model_copy(update={"labs": (*entry.labs, row)})
    labs = tuple(row if lab.analyte == analyte else lab for lab in entry.labs)
    return entry.model_copy(update={"labs": labs})


def pick_token(kind: PickKind, item_id: str) -> str:
    """How the one picker names an item of any kind, e.g. 'finding:seizures'."""
    return f"{kind}:{item_id}"


def pick_label(token: str, book: RuleBook) -> str:
    """The label of the item a pick token names."""
    kind, _, item_id = token.partition(":")
    return book.label(cast(PickKind, kind), item_id)


def with_pick(entry: FormEntry, token: str, book: RuleBook) -> tuple[FormEntry, str | None]:
    """`entry` with the picked item added, or unchanged with the reason it could not be."""
    kind, _, item_id = token.partition(":")
    for field, pick_kind, known in (
        ("findings", "finding", book.enterable_findings),
        ("cancers", "cancer", book.cancer_by_id),
        ("antibodies", "antibody", book.antibody_by_id),
    ):
        if kind == pick_kind and item_id in known:
            items = tuple(dict.fromkeys([*getattr(entry, field), item_id]))
            return entry.model_copy(update={field: items}), None
    if kind == "lab" and (analyte := book.lab_by_id.get(item_id)) is not None:
        if entry.lab(item_id) is not None:
            return entry, None
        return with_lab(entry, item_id, "", analyte.unit), None
    return entry, "that item is not in this rule book"
