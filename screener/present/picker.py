"""The words of the Screen page's one picker: every finding, cancer, antibody and lab test, each
as one line that holds its label, its synonyms and where it belongs, so typing any of them finds it.
"""

from __future__ import annotations

from typing import Protocol

from screener.inputs.form import FormEntry, PickKind, pick_token
from screener.inputs.search import MAX_SEARCH_CHARS, text_matches
from screener.models import Frozen
from screener.present import words
from screener.rulebook import RuleBook

PICKER_LABEL = "Find a finding, cancer, antibody or lab test"
PICKER_PLACEHOLDER = "Type a few letters of a name or synonym, e.g. fits, weak legs, sodium"
PICKER_HELP = (
    "Matches names and the words people also use for them (synonyms). Press Enter or choose "
    "a line to add it; it appears under its body system below. Words in another order or "
    "with another ending work too: press Enter and the lines that hold them all are offered. "
    "The dropdown also lists everything, so nothing needs typing."
)

MAX_OFFERED = 12
"""Lines offered for one search: more would be a list to read, not a choice; typing another
word narrows it."""


ANALYTE_KIND = {"lab": "lab value", "measurement": "measurement"}
"""How the picker names a value to enter: a pulse or a temperature is not a lab test."""


class PickOption(Frozen):
    token: str
    text: str
    """The line shown, which the browser filters by what is typed."""
    names: str
    """The item's own names (label and synonyms): what a search word by word may match, not the
    body system or kind the line ends with ("muscle" must not find every neuromuscular line)."""


class _Named(Protocol):
    """A rule-book item the picker can name: a finding, cancer, antibody or lab test."""

    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def synonyms(self) -> tuple[str, ...]: ...


def _option(kind: PickKind, item: _Named, where: str) -> PickOption:
    """One line: the item's label, its synonyms and where it belongs ("· Neuromuscular")."""
    also = f" · also: {', '.join(item.synonyms)}" if item.synonyms else ""
    return PickOption(
        token=pick_token(kind, item.id),
        text=f"{item.label}{also} · {where}",
        names=" · ".join((item.label, *item.synonyms)),
    )


def pick_options(book: RuleBook) -> tuple[PickOption, ...]:
    """Every item the picker offers: lab tests first, then findings by body system, known
    cancers and antibodies. The picker keeps this order when it filters, and a lab word
    ("sodium", "calcium") is typed for its value far more often than for the yes/no finding that
    also names it, so the lab test comes first."""
    pns_care = book.pns_care.antibody
    return (
        *(_option("lab", lab, f"{ANALYTE_KIND[lab.kind]} ({lab.unit})") for lab in book.labs),
        *(
            _option("finding", finding, system.label)
            for system in book.systems
            for finding in system.findings
            if finding.id in book.enterable_findings
        ),
        *(
            _option("cancer", cancer, f"known cancer (ICD-10 {cancer.icd10})")
            for cancer in book.cancers
        ),
        *(
            _option("antibody", a, f"antibody ({words.in_sentence(pns_care[a.risk].label)})")
            for a in book.antibodies
        ),
    )


def matching_picks(book: RuleBook, typed: str) -> tuple[PickOption, ...]:
    """The picker's lines that `typed` names (`text_matches`), in the picker's order: what
    Enter offers when no line holds the words as typed, in that order ("improve after
    exercise")."""
    return tuple(o for o in pick_options(book) if text_matches(o.text, o.names, typed))


class SearchOffer(Frozen):
    """What Enter on words no line holds as typed offers: the lines that hold them all."""

    message: str
    tokens: tuple[str, ...]
    """At most `MAX_OFFERED`, in the picker's order; one alone is added at once."""


def search_offer(book: RuleBook, typed: str) -> SearchOffer:
    picks = matching_picks(book, typed)
    shown = f"“{' '.join(typed[:MAX_SEARCH_CHARS].split())}”"
    if not picks:
        message = (
            f"Nothing in the rule book holds every word of {shown}. Try fewer words or another "
            "name for it, or browse every body system below."
        )
    elif len(picks) > MAX_OFFERED:
        message = (
            f"{len(picks)} lines hold every word of {shown}; the first {MAX_OFFERED} are here. "
            "Type another word to narrow them."
        )
    else:
        message = f"No line reads {shown} as typed; {words.plural(len(picks), 'line')} hold all "
        message += "its words. Choose one to add it."
    return SearchOffer(message=message, tokens=tuple(o.token for o in picks[:MAX_OFFERED]))


def about_label(entry: FormEntry) -> str:
    """The heading of the folded 'about the person' section, saying what it holds."""
    parts = [
        f"age {words.AGE_BAND[entry.age_band]}" if entry.age_band else None,
        words.SEX[entry.sex].lower() if entry.sex else None,
        f"follow-up {words.FOLLOW_UP[entry.follow_up]}" if entry.follow_up else None,
    ]
    given = ", ".join(p for p in parts if p)
    return f"Age band, sex and PNS-Care follow-up: {given or words.NOT_GIVEN}"
