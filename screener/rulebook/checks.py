"""Every check `screener validate` makes of a rule book, each with its code and level, in the
manner of a linter's rule list: a problem names its check (`PNS-L014 error: …`), so a reviewer
can look the check up here, and each check has its own planted-violation test
(`tests/rules/test_checks.py`, which fails if a check has none).

`L` checks are the rule book's policy (what every rule, red flag, analyte or text must say or
cite); `T` checks run the rule book's own tests (its examples, the mimics set, the teaching
cases and the Orphanet patients). An error fails validation; a warning is reported and passes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Check:
    code: str
    level: Level
    requires: str
    """What the check requires, in one line."""


CHECKS: tuple[Check, ...] = (
    # Syndromes
    Check("PNS-L001", "error", "a syndrome has at least two positive examples"),
    Check("PNS-L002", "error", "a syndrome has a positive example without a known cancer"),
    Check("PNS-L003", "error", "a syndrome has a key, its specific part"),
    Check("PNS-L004", "error", "a syndrome names at least one mimic"),
    Check("PNS-L005", "error", "a syndrome has questions to discuss with a physician"),
    Check("PNS-L006", "error", "a question to discuss ends with '?'"),
    Check("PNS-L007", "error", "a syndrome's teaching text is long enough to teach"),
    Check("PNS-L008", "error", "teaching text is Markdown without HTML"),
    Check("PNS-L009", "error", "only neurologic syndromes are scored with PNS-Care"),
    Check("PNS-L010", "error", "a rule citing a reference awaiting checking is needs-review"),
    Check("PNS-L011", "error", "every mimic is listed by a syndrome or named by a mimic case"),
    # Red flags
    Check("PNS-L012", "error", "a red flag citing no source is needs-review"),
    Check("PNS-L013", "error", "a red flag citing a reference awaiting checking is needs-review"),
    Check(
        "PNS-L014",
        "error",
        "a 'now' red flag's first sentence says to call the emergency "
        "number or go to the emergency department now",
    ),
    Check("PNS-L015", "error", "a 'today' red flag's first sentence says same day"),
    Check("PNS-L016", "error", "a 'this_week' red flag's first sentence says within days"),
    Check(
        "PNS-L017", "error", "a less urgent red flag names emergency care only if things get worse"
    ),
    # Labs
    Check("PNS-L018", "error", "an analyte whose cut-offs cite no source is needs-review"),
    Check("PNS-L019", "error", "an analyte citing a reference awaiting checking is needs-review"),
    Check("PNS-L020", "error", "every cut-off lies within the analyte's plausible range"),
    # Coverage
    Check("PNS-L021", "error", "every syndrome the book must cover has a rule"),
    Check("PNS-L022", "error", "a covered syndrome's rule is in the category the book says"),
    Check("PNS-L023", "error", "every category has a teaching case"),
    # The About text
    Check("PNS-L024", "error", "the About text has every required section"),
    Check("PNS-L025", "error", "clinical About text cites a source"),
    Check("PNS-L026", "error", "an About figure cites a source"),
    Check("PNS-L027", "error", "no text calls an output a diagnosis or a probability"),
    Check("PNS-L028", "error", "About text is Markdown without HTML"),
    Check("PNS-L029", "error", "a statement awaiting a source says that it awaits review"),
    Check("PNS-L030", "error", "the FAQ has a teachable number of questions"),
    Check("PNS-L031", "error", "the FAQ answers each required question"),
    Check("PNS-L032", "error", "the About text says what the screener does, in its numbers"),
    # Which mimic comes first
    Check("PNS-L033", "error", "a pattern with spinal cord signs names cord compression first"),
    Check("PNS-L034", "error", "a brain syndrome names brain metastases first, before a scan"),
    # Vocabulary
    Check("PNS-L035", "error", "every HPO term exists, is current and carries its own label"),
    Check("PNS-L036", "error", "enough phenotype findings carry HPO terms"),
    Check("PNS-L037", "error", "every text a PDF prints is printable as written"),
    Check(
        "PNS-L038",
        "error",
        "every lab unit is a UCUM expression, every LOINC code well "
        "formed, and every conversion factor agrees with UCUM's own",
    ),
    # Teaching cases
    Check(
        "PNS-L039",
        "error",
        "every teaching case of the rule book has a model summary statement with its qualifiers",
    ),
    # Illness scripts
    Check("PNS-L040", "error", "every syndrome says whom it affects and its time course"),
    # Frequencies from a cited series
    Check("PNS-L041", "error", "a series frequency names one of its syndrome's rule findings"),
    Check("PNS-L042", "error", "a series frequency's band holds the percentage it states"),
    Check("PNS-L043", "error", "a series frequency is for a finding Orphanet does not rate"),
    Check("PNS-L044", "error", "a finding the definition requires is rated obligate"),
    # The rule book's own tests
    Check("PNS-T001", "error", "every rule example behaves as it says"),
    Check(
        "PNS-T002",
        "error",
        "every mimic case shows no strong card, names its cause first and raises its urgency",
    ),
    Check(
        "PNS-T003",
        "error",
        "every teaching case shows its top pattern at every stage, in "
        "its own category, without naming its answer",
    ),
    Check("PNS-T004", "error", "Orphanet's patient finds its syndrome, or names its look-alike"),
    Check("PNS-T005", "warning", "an Orphanet patient's failure is declared as a known gap"),
)
BY_CODE = {check.code: check for check in CHECKS}
