"""What changed, in words: the items the learner added or removed, and how each pattern moved
because of them (the engine's `CaseChange`)."""

from __future__ import annotations

from screener.models import (
    AgeBand,
    CaseChange,
    EntryChange,
    FollowUp,
    Frozen,
    Movement,
    PatternShift,
    Profile,
    Sex,
    Standing,
)
from screener.present import words
from screener.rulebook import RuleBook


class ShiftLine(Frozen):
    movement: Movement
    text: str


class ChangeView(Frozen):
    heading: str
    entered: str
    """E.g. 'Added: Dry mouth. Removed: Seizures (fits).'"""
    readings: tuple[str, ...]
    """A line for the thresholds lab values crossed or left, and one for each red flag raised
    or gone: either can change with no pattern moving."""
    shifts: tuple[ShiftLine, ...]
    """One line per pattern that moved."""
    none_moved: str | None
    """Said when no pattern moved."""


def entry_words(change: EntryChange, before: Profile, after: Profile, book: RuleBook) -> str:
    """One changed item in words, e.g. 'Dry mouth', 'known cancer: Thymoma', 'Sodium 128 mmol/L'."""
    if change.kind == "finding":
        return book.label("finding", change.item)
    if change.kind == "cancer":
        return f"known cancer: {book.label('cancer', change.item)}"
    if change.kind == "antibody":
        return f"antibody: {book.label('antibody', change.item)}"
    if change.kind == "lab":
        profile = before if change.change == "removed" else after
        lab = next((lab for lab in profile.labs if lab.analyte == change.item), None)
        value = f" {words.lab_value(lab.value, lab.unit, lab.censored)}" if lab else ""
        return f"{book.label('lab', change.item)}{value}"
    if change.kind == "age_band":
        return f"age band {words.AGE_BAND[AgeBand(change.item)]}"
    if change.kind == "sex":
        return f"sex: {words.SEX[Sex(change.item)]}"
    return f"follow-up: {words.FOLLOW_UP[FollowUp(change.item)]}"


def _detail(before: Standing, after: Standing) -> str:
    if before.tier != after.tier:
        return (
            f"from {words.TIER_SHORT[before.tier]} to {words.TIER_SHORT[after.tier]} "
            f"(now pattern {after.rank})"
        )
    return (
        f"{words.number(before.score)} to {words.number(after.score)} ordering points "
        f"(now pattern {after.rank})"
    )


def shift_text(shift: PatternShift, before: Profile, after: Profile, book: RuleBook) -> str:
    was, now = shift.before, shift.after
    standing = now or was
    if standing is None:
        return shift.name
    text = words.MOVEMENT[shift.movement].format(
        name=shift.name,
        rank=standing.rank,
        tier=words.TIER_SHORT[standing.tier],
        detail=_detail(was, now) if was and now else "",
    )
    causes = [
        f"{entry_words(c, before, after, book)} {words.CAUSE_CHANGE[c.change]}"
        for c in shift.causes
    ]
    return f"{text}, because of: {'; '.join(causes)}." if causes else f"{text}."


def _readings(change: CaseChange, book: RuleBook) -> tuple[str, ...]:
    lines = [
        f"{words.READING_CHANGE[kind]}: {'; '.join(book.label('finding', f) for f in found)}."
        for kind, found in (("crossed", change.crossed), ("uncrossed", change.uncrossed))
        if found
    ]
    for flag_id in change.raised:
        flag = book.red_flag_by_id[flag_id]
        heading = words.READING_CHANGE["raised"].format(urgency=words.URGENCY[flag.urgency])
        lines.append(f"{heading}: {words.lead_sentence(flag.text)}")
    for flag_id in change.cleared:
        flag = book.red_flag_by_id[flag_id]
        lines.append(f"{words.READING_CHANGE['cleared']}: {words.lead_sentence(flag.text)}")
    return tuple(lines)


def change_view(
    change: CaseChange, old: Profile, new: Profile, book: RuleBook
) -> ChangeView | None:
    """What changed from the case `old` to `new`; None when the entered case is the same."""
    if not change.entries:
        return None
    groups = []
    for kind in ("added", "removed", "changed"):
        items = [entry_words(c, old, new, book) for c in change.entries if c.change == kind]
        if items:
            groups.append(f"{words.ENTRY_CHANGE[kind]}: {'; '.join(items)}.")
    shifts = tuple(
        ShiftLine(movement=s.movement, text=shift_text(s, old, new, book)) for s in change.shifts
    )
    return ChangeView(
        heading=words.CHANGES_HEADING,
        entered=" ".join(groups),
        readings=_readings(change, book),
        shifts=shifts,
        none_moved=None if shifts else words.NO_SHIFT,
    )
