"""The one registry of rule files: which file fills which part of the rule book.

The loader reads them in this order, `RuleBook` declares the type of each part, the schema
command writes one JSON Schema per entry, and the tests and benchmarks list files from here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleFile:
    name: str
    """The file under `rules/`, or a folder pattern such as `syndromes/*.yaml`."""
    field: str
    """The `RuleBook` field it fills."""

    @property
    def is_folder(self) -> bool:
        return "*" in self.name

    @property
    def schema_name(self) -> str:
        stem = self.name.split("/")[0] if self.is_folder else self.name.removesuffix(".yaml")
        return f"{stem}.schema.json"


RULE_FILES: tuple[RuleFile, ...] = (
    RuleFile("book.yaml", "info"),
    RuleFile("safety.yaml", "safety"),
    RuleFile("findings.yaml", "systems"),
    RuleFile("labs.yaml", "labs"),
    RuleFile("cancers.yaml", "cancers"),
    RuleFile("antibodies.yaml", "antibodies"),
    RuleFile("references.yaml", "references"),
    RuleFile("red_flags.yaml", "red_flags"),
    RuleFile("mimics.yaml", "mimics"),
    RuleFile("pns_care.yaml", "pns_care"),
    RuleFile("syndromes/*.yaml", "syndromes"),
    RuleFile("cases.yaml", "cases"),
    RuleFile("mimic_cases.yaml", "mimic_cases"),
    RuleFile("orphanet.yaml", "orphanet"),
    RuleFile("frequencies.yaml", "series_frequencies"),
    RuleFile("about.yaml", "about"),
)

SAFETY_FILE = next(f for f in RULE_FILES if f.field == "safety")
