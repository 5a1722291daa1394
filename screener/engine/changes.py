"""What changed between two screenings: which patterns appeared, rose, fell or disappeared, and
which entered item(s) did it; which thresholds a lab value crossed and which red flags rose or
went, since either can change with no pattern moving.

A pattern *rises* when its tier goes up (key missing to partial, partial to strong) or, in the
same tier, its ordering points go up; it *falls* the other way. A pattern that only moved in rank
because another one appeared is not listed: nothing about it changed. The cause of a shift is
every changed item the pattern's rule mentions (a finding in its criteria, key, supporting
findings or mimic clues; a lab whose thresholds give such a finding; a linked cancer or antibody).
When none does (say, a mimic's cancer), every changed item is named, so a shift is never left
unexplained.
"""

from __future__ import annotations

from typing import Literal

from screener.models import (
    CaseChange,
    EntryChange,
    Movement,
    PatternMatch,
    PatternShift,
    Profile,
    ScreeningResult,
    Standing,
    Syndrome,
    criterion_findings,
)
from screener.rulebook import RuleBook


def entry_changes(before: Profile, after: Profile) -> tuple[EntryChange, ...]:
    """Every entered item added, removed or changed, in the profile's field order."""
    changes: list[EntryChange] = []
    for kind, old, new in (
        ("finding", before.findings, after.findings),
        ("cancer", before.cancers, after.cancers),
        ("antibody", before.antibodies, after.antibodies),
    ):
        changes += [EntryChange(kind=kind, item=i, change="added") for i in new if i not in old]
        changes += [EntryChange(kind=kind, item=i, change="removed") for i in old if i not in new]
    old_labs = {lab.analyte: lab for lab in before.labs}
    new_labs = {lab.analyte: lab for lab in after.labs}
    for analyte in sorted(old_labs.keys() | new_labs.keys()):
        old_lab, new_lab = old_labs.get(analyte), new_labs.get(analyte)
        if old_lab == new_lab:
            continue
        change = "added" if old_lab is None else "removed" if new_lab is None else "changed"
        changes.append(EntryChange(kind="lab", item=analyte, change=change))
    for kind, old_choice, new_choice in (
        ("age_band", before.age_band, after.age_band),
        ("sex", before.sex, after.sex),
        ("follow_up", before.follow_up, after.follow_up),
    ):
        if old_choice == new_choice:
            continue
        if new_choice is None:
            changes.append(EntryChange(kind=kind, item=str(old_choice), change="removed"))
        else:
            change = "added" if old_choice is None else "changed"
            changes.append(EntryChange(kind=kind, item=new_choice.value, change=change))
    return tuple(changes)


def _standing(rank: int, match: PatternMatch) -> Standing:
    return Standing(rank=rank, tier=match.tier, score=match.score)


def _movement(before: Standing, after: Standing) -> Movement | None:
    if before.tier != after.tier:
        return "rose" if after.tier.rank < before.tier.rank else "fell"
    if after.score != before.score:
        return "rose" if after.score > before.score else "fell"
    return None


def mentioned_findings(syndrome: Syndrome, book: RuleBook) -> frozenset[str]:
    """Every finding a syndrome's rule names: criteria, key, supporting, and its mimics' clues."""
    found = set(book.syndrome_findings[syndrome.id]) | set(syndrome.supporting)
    if syndrome.key is not None:
        found |= criterion_findings(syndrome.key)
    for mimic in syndrome.mimics:
        found |= book.mimic_findings[mimic]
    return frozenset(found)


def _lab_findings(analyte_id: str, book: RuleBook, sexed_only: bool = False) -> set[str]:
    analyte = book.lab_by_id.get(analyte_id)
    if analyte is None:
        return set()
    return {t.finding for t in analyte.thresholds if t.sex is not None or not sexed_only}


def _touches(
    change: EntryChange, syndrome: Syndrome, profiles: tuple[Profile, Profile], book: RuleBook
) -> bool:
    mentioned = mentioned_findings(syndrome, book)
    if change.kind == "finding":
        return change.item in mentioned
    if change.kind == "lab":
        return not _lab_findings(change.item, book).isdisjoint(mentioned)
    if change.kind in ("cancer", "antibody"):
        kind: Literal["cancer", "antibody"] = "cancer" if change.kind == "cancer" else "antibody"
        if kind == "cancer":
            linked = {*syndrome.cancers.typical, *syndrome.cancers.reported}
            for mimic in syndrome.mimics:
                linked |= set(book.mimic_by_id[mimic].suggested_by_cancers)
        else:
            linked = set(syndrome.antibodies)
        return change.item in linked or any(
            when.involves(kind, change.item)
            for finding, when in book.context_findings.items()
            if finding in mentioned
        )
    if change.kind == "sex":
        # Sex moves a pattern only through a lab threshold that differs between the sexes.
        analytes = {lab.analyte for profile in profiles for lab in profile.labs}
        sexed = {f for a in analytes for f in _lab_findings(a, book, sexed_only=True)}
        return not sexed.isdisjoint(mentioned)
    return False


def what_changed(before: ScreeningResult, after: ScreeningResult, book: RuleBook) -> CaseChange:
    """How the patterns moved from `before` to `after`, and the entered items that moved them."""
    entries = entry_changes(before.profile, after.profile)
    profiles = (before.profile, after.profile)
    old = {m.syndrome: (rank, m) for rank, m in enumerate(before.matches, start=1)}
    new = {m.syndrome: (rank, m) for rank, m in enumerate(after.matches, start=1)}

    def shift(syndrome_id: str, movement: Movement) -> PatternShift:
        syndrome = book.syndrome_by_id[syndrome_id]
        causes = tuple(c for c in entries if _touches(c, syndrome, profiles, book)) or entries
        was, now = old.get(syndrome_id), new.get(syndrome_id)
        return PatternShift(
            syndrome=syndrome_id,
            name=syndrome.name,
            movement=movement,
            before=_standing(*was) if was else None,
            after=_standing(*now) if now else None,
            causes=causes,
        )

    shifts = []
    for syndrome_id, (rank, match) in new.items():
        if syndrome_id not in old:
            shifts.append(shift(syndrome_id, "appeared"))
        elif movement := _movement(_standing(*old[syndrome_id]), _standing(rank, match)):
            shifts.append(shift(syndrome_id, movement))
    shifts += [shift(s, "disappeared") for s in old if s not in new]
    return CaseChange(
        entries=entries,
        shifts=tuple(shifts),
        crossed=_gone_from(after, before),
        uncrossed=_gone_from(before, after),
        raised=_flags_gone_from(after, before, book),
        cleared=_flags_gone_from(before, after, book),
    )


def _gone_from(kept: ScreeningResult, other: ScreeningResult) -> tuple[str, ...]:
    """The findings `kept`'s lab values give that `other`'s do not, in lab order."""
    given = [c.finding for reading in kept.labs for c in reading.crossed]
    return tuple(f for f in dict.fromkeys(given) if f not in other.lab_findings)


def _flags_gone_from(
    kept: ScreeningResult, other: ScreeningResult, book: RuleBook
) -> tuple[str, ...]:
    """The red flags `kept` raises that `other` does not, in `kept`'s order (most urgent first).

    The banner leaves out a flag that a more urgent one raised by the same findings stands for.
    A flag whose findings `other` has as well is one of those, left out there or here: the
    banner changed its level, and the flag is not named as raised or gone."""
    raised = {hit.red_flag for hit in other.red_flags}
    present = set(other.profile.findings) | other.lab_findings
    gone = []
    for hit in kept.red_flags:
        facts = set(hit.findings) - book.context_findings.keys()
        if hit.red_flag not in raised and not (facts and facts <= present):
            gone.append(hit.red_flag)
    return tuple(gone)
