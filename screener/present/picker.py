"""The words of the Screen page's one picker: every finding, cancer, antibody and lab test, each
as one line that holds its label, its synonyms and where it belongs, so typing any of them finds it.
"""

from __future__ import annotations

from screener.inputs.find import Named, pickable
from screener.inputs.form import FormEntry, pick_token
from screener.models import Antibody, BodySystem, Cancer, Frozen, LabAnalyte
from screener.present import words
from screener.rulebook import RuleBook

PICKER_LABEL = "Find a finding, cancer, antibody or lab test"
PICKER_PLACEHOLDER = "Type a few letters of a name or synonym, e.g. fits, weak legs, sodium"
_BY_WORDS = (
    "Where no line holds the text, Enter looks its words up one by one, in any order and with "
    'any ending ("mouth dry" finds Dry mouth, "cramping" finds cramps).'
)
PICKER_HELP = (
    "Lists the names, and the words people also use for them (synonyms), that hold what is "
    'typed, under "Add: …" (the text typed). Press Enter to add the first line listed, or '
    f"choose a line; it appears under its body system below. {_BY_WORDS} The dropdown also "
    "lists everything, so nothing needs typing."
)
FINDING_SEARCH_HELP = (
    'Lists the findings whose name or synonyms hold what is typed, under "Add: …" (the text '
    f"typed); Enter takes the first. {_BY_WORDS}"
)
FOUND_ONE = "{label}: the one name holding the words \u201c{typed}\u201d{left_out}."
FOUND_CHOOSE = "Names holding the words \u201c{typed}\u201d{left_out}, in any order: choose one"
FOUND_LEFT_OUT = " (no name holds \u201c{words}\u201d, so the search left it out)"
"""Said inside FOUND_ONE or FOUND_CHOOSE when words typed were left out of the search."""
FOUND_MORE = "{n} more hold them too: add a word to narrow the list."
FOUND_NONE = (
    "No name or synonym in the rule book holds the words \u201c{typed}\u201d. Try another word "
    "or a synonym."
)


ANALYTE_KIND = {"lab": "lab value", "measurement": "measurement"}
"""How the picker names a value to enter: a pulse or a temperature is not a lab test."""


class PickOption(Frozen):
    token: str
    text: str
    """The line shown, which the browser filters by what is typed."""


def _where(item: Named, system: BodySystem | None, book: RuleBook) -> str:
    """Where an item belongs, after its name: a body system, or what kind of item it is."""
    if system is not None:
        return system.label
    if isinstance(item, LabAnalyte):
        return f"{ANALYTE_KIND[item.kind]} ({item.unit})"
    if isinstance(item, Cancer):
        return f"known cancer (ICD-10 {item.icd10})"
    assert isinstance(item, Antibody), "pickable offers labs, findings, cancers and antibodies"
    return f"antibody ({words.in_sentence(book.pns_care.antibody[item.risk].label)})"


def pick_options(book: RuleBook) -> tuple[PickOption, ...]:
    """Every item the picker offers, in `pickable`'s order, which the picker keeps when it
    filters: each line the item's label, its synonyms and where it belongs ("· Neuromuscular")."""
    return tuple(
        PickOption(
            token=pick_token(kind, item.id),
            text=f"{item.label}"
            + (f" · also: {', '.join(item.synonyms)}" if item.synonyms else "")
            + f" · {_where(item, system, book)}",
        )
        for kind, item, system in pickable(book)
    )


def about_label(entry: FormEntry) -> str:
    """The heading of the folded 'about the person' section, saying what it holds."""
    parts = [
        f"age {words.AGE_BAND[entry.age_band]}" if entry.age_band else None,
        words.SEX[entry.sex].lower() if entry.sex else None,
        f"follow-up {words.FOLLOW_UP[entry.follow_up]}" if entry.follow_up else None,
    ]
    given = ", ".join(p for p in parts if p)
    return f"Age band, sex and PNS-Care follow-up: {given or words.NOT_GIVEN}"
