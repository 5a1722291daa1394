"""The words of the Screen page's one picker: every finding, cancer, antibody and lab test, each
as one line that holds its label, its synonyms and where it belongs, so typing any of them finds it.
"""

from __future__ import annotations

from screener.inputs.form import FormEntry, pick_token
from screener.models import Frozen
from screener.present import words
from screener.rulebook import RuleBook

PICKER_LABEL = "Find a finding, cancer, antibody or lab test"
PICKER_PLACEHOLDER = "Type a few letters of a name or synonym, e.g. fits, weak legs, sodium"
PICKER_HELP = (
    "Matches names and the words people also use for them (synonyms). Press Enter or choose "
    "a line to add it; it appears under its body system below. The dropdown also lists "
    "everything, so nothing needs typing."
)


ANALYTE_KIND = {"lab": "lab value", "measurement": "measurement"}
"""How the picker names a value to enter: a pulse or a temperature is not a lab test."""


class PickOption(Frozen):
    token: str
    text: str


def _also(synonyms: tuple[str, ...]) -> str:
    return f" · also: {', '.join(synonyms)}" if synonyms else ""


def pick_options(book: RuleBook) -> tuple[PickOption, ...]:
    """Every item the picker offers: lab tests first, then findings by body system, known
    cancers and antibodies. The picker keeps this order when it filters, and a lab word
    ("sodium", "calcium") is typed for its value far more often than for the yes/no finding that
    also names it, so the lab test comes first."""
    options = [
        PickOption(
            token=pick_token("lab", lab.id),
            text=f"{lab.label}{_also(lab.synonyms)} · {ANALYTE_KIND[lab.kind]} ({lab.unit})",
        )
        for lab in book.labs
    ]
    options += [
        PickOption(
            token=pick_token("finding", finding.id),
            text=f"{finding.label}{_also(finding.synonyms)} · {system.label}",
        )
        for system in book.systems
        for finding in system.findings
        if finding.id in book.enterable_findings
    ]
    options += [
        PickOption(
            token=pick_token("cancer", cancer.id),
            text=f"{cancer.label}{_also(cancer.synonyms)} · known cancer (ICD-10 {cancer.icd10})",
        )
        for cancer in book.cancers
    ]
    options += [
        PickOption(
            token=pick_token("antibody", antibody.id),
            text=f"{antibody.label}{_also(antibody.synonyms)} · antibody "
            f"({words.in_sentence(book.pns_care.antibody[antibody.risk].label)})",
        )
        for antibody in book.antibodies
    ]
    return tuple(options)


def about_label(entry: FormEntry) -> str:
    """The heading of the folded 'about the person' section, saying what it holds."""
    parts = [
        f"age {words.AGE_BAND[entry.age_band]}" if entry.age_band else None,
        words.SEX[entry.sex].lower() if entry.sex else None,
        f"follow-up {words.FOLLOW_UP[entry.follow_up]}" if entry.follow_up else None,
    ]
    given = ", ".join(p for p in parts if p)
    return f"Age band, sex and PNS-Care follow-up: {given or words.NOT_GIVEN}"
