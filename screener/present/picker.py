"""The words of the Screen page's one picker: every finding, cancer, antibody and lab test, each
as one line that holds its label, its synonyms and where it belongs, so typing any of them finds it.
"""

from __future__ import annotations

from typing import Protocol

from screener.inputs.form import FormEntry, PickKind, pick_token
from screener.models import Frozen
from screener.present import words
from screener.rulebook import RuleBook

PICKER_LABEL = "Find a finding, cancer, antibody or lab test"
PICKER_PLACEHOLDER = "Type a few letters of a name or synonym, e.g. fits, weak legs, sodium"
PICKER_HELP = (
    "Matches names and the words people also use for them (synonyms), best match first; the "
    "letters typed need only come in order, so another ending or a word between still finds "
    "it. Press Enter or choose a line to add it; it appears under its body system below. The "
    "dropdown also lists everything, so nothing needs typing."
)


ANALYTE_KIND = {"lab": "lab value", "measurement": "measurement"}
"""How the picker names a value to enter: a pulse or a temperature is not a lab test."""


class PickOption(Frozen):
    token: str
    text: str
    """The line shown, which the browser filters by what is typed."""


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


def about_label(entry: FormEntry) -> str:
    """The heading of the folded 'about the person' section, saying what it holds."""
    parts = [
        f"age {words.AGE_BAND[entry.age_band]}" if entry.age_band else None,
        words.SEX[entry.sex].lower() if entry.sex else None,
        f"follow-up {words.FOLLOW_UP[entry.follow_up]}" if entry.follow_up else None,
    ]
    given = ", ".join(p for p in parts if p)
    return f"Age band, sex and PNS-Care follow-up: {given or words.NOT_GIVEN}"
