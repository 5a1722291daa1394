"""A syndrome's illness script in words: the standard slots (who, time course, key features,
mechanism, antibodies with their risk class, what confirms it, the look-alikes with what tells
each apart, the treatment principle), one view for Explore, compare and the PDF cards."""

from __future__ import annotations

from screener.models import SLOTS, Category, IllnessScript
from screener.models.base import Frozen
from screener.present import words
from screener.present.view import antibody_words, how_often
from screener.rulebook import RuleBook

SLOT_HEADINGS = {
    "who": "Who",
    "time_course": "Time course",
    "key_features": "Key features",
    "mechanism": "Mechanism",
    "antibodies": "Antibodies (2021 risk class)",
    "confirms": "What confirms it",
    "look_alikes": "Look-alikes, and what tells each apart",
    "treatment": "Treatment principle",
}
CARD_LOOK_ALIKES = 6
"""Look-alikes a printed card tells apart in full; the rest it names, so a card keeps to a page."""
ALSO = "Also think of: {names}."
NOT_GIVEN = "Not given in this rule book."
NO_ANTIBODY = "No antibody is linked to it in this rule book."
NO_LOOK_ALIKE = "None listed."
CANCERS = "Predisposing cancers: {cancers}."
KEY = "Its specific part (the rule's key): {findings}."
POINTED_TO_BY = "pointed to by {findings}"
SCRIPT_TITLE = "Illness script: {name}"
DECK_TITLE = "Illness scripts: {category} syndromes"
SCRIPT_NOTE = (
    "Slots filled from the rule book; a teaching summary of a textbook pattern, not a diagnosis "
    "of anyone. Status: {status}."
)


class ScriptSlot(Frozen):
    slot: str
    heading: str
    lines: tuple[str, ...]
    """Plain sentences (the rule's own texts may carry Markdown emphasis)."""


class ScriptView(Frozen):
    id: str
    title: str
    category: str
    note: str
    slots: tuple[ScriptSlot, ...]
    references: tuple[str, ...]


def _look_alike(mimic_id: str, telling: tuple[str, ...], book: RuleBook) -> str:
    mimic = book.mimic_by_id[mimic_id]
    if mimic.why:
        return f"{mimic.name}: {mimic.why}"
    if telling:
        labels = ", ".join(book.label("finding", f) for f in telling)
        return f"{mimic.name}: {POINTED_TO_BY.format(findings=labels)}"
    return mimic.name


def script_lines(
    script: IllnessScript, book: RuleBook, *, card: bool = False
) -> dict[str, tuple[str, ...]]:
    """Each slot's sentences, by slot; on a printed `card`, the look-alikes after the first
    `CARD_LOOK_ALIKES` by name only."""
    shown = script.look_alikes[:CARD_LOOK_ALIKES] if card else script.look_alikes
    rest = [book.mimic_by_id[a.mimic].name for a in script.look_alikes[len(shown) :]]
    look_alikes = [_look_alike(a.mimic, a.telling, book) for a in shown]
    if rest:
        look_alikes.append(ALSO.format(names="; ".join(rest)))
    who = [script.who or NOT_GIVEN]
    if script.cancers:
        cancers = ", ".join(book.label("cancer", c) for c in script.cancers)
        who.append(CANCERS.format(cancers=cancers))
    features = [script.key_features or NOT_GIVEN]
    if script.key:
        findings = ", ".join(book.label("finding", f) for f in script.key)
        features.append(KEY.format(findings=findings))
    features += [f"{line.label}: {line.text}." for line in how_often(script.frequencies, book)]
    lines = {
        "who": tuple(who),
        "time_course": (script.time_course or NOT_GIVEN,),
        "key_features": tuple(features),
        "mechanism": (script.mechanism or NOT_GIVEN,),
        "antibodies": tuple(antibody_words(a, book) for a in script.antibodies) or (NO_ANTIBODY,),
        "confirms": (script.confirms or NOT_GIVEN,),
        "look_alikes": tuple(look_alikes) or (NO_LOOK_ALIKE,),
        "treatment": (book.about.treatment_principles.principle(script.treatment),),
    }
    return {slot: lines[slot] for slot in SLOTS}


def script_view(script: IllnessScript, book: RuleBook, *, card: bool = False) -> ScriptView:
    syndrome = book.syndrome_by_id[script.syndrome]
    return ScriptView(
        id=syndrome.id,
        title=SCRIPT_TITLE.format(name=syndrome.name),
        category=words.CATEGORY[syndrome.category],
        note=SCRIPT_NOTE.format(status=syndrome.status.value),
        slots=tuple(
            ScriptSlot(slot=slot, heading=SLOT_HEADINGS[slot], lines=lines)
            for slot, lines in script_lines(script, book, card=card).items()
        ),
        references=tuple(
            book.reference_by_id[r].authors + f" ({book.reference_by_id[r].year})"
            for r in book.syndrome_references[syndrome.id]
        ),
    )


def deck_title(category: Category) -> str:
    return DECK_TITLE.format(category=words.CATEGORY[category])
