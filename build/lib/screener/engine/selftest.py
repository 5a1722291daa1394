"""Run the rule book's own tests: every rule's examples, and the mimics set."""

from __future__ import annotations

from dataclasses import dataclass

from screener.engine.screen import screen
from screener.models import ExampleProfile, MimicCase, Profile, Syndrome, Tier
from screener.rulebook import RuleBook


@dataclass(frozen=True)
class ExampleOutcome:
    syndrome: str
    index: int
    expect: str
    got: str

    @property
    def passed(self) -> bool:
        if self.expect == "match":
            return self.got in {Tier.STRONG.value, Tier.PARTIAL.value}
        return self.expect == self.got

    def __str__(self) -> str:
        return (
            f"rule '{self.syndrome}', example {self.index + 1}: expected {self.expect}, "
            f"got {self.got}"
        )


def example_profile(example: ExampleProfile) -> Profile:
    return Profile.of(example)


def run_example(syndrome: Syndrome, index: int, book: RuleBook) -> ExampleOutcome:
    example = syndrome.examples[index]
    result = screen(example_profile(example), book)
    match = next((m for m in result.matches if m.syndrome == syndrome.id), None)
    got = match.tier.value if match else "no_match"
    return ExampleOutcome(syndrome.id, index, example.expect, got)


@dataclass(frozen=True)
class MimicOutcome:
    """How one presentation of the mimics set fared: every problem, in words."""

    case: str
    problems: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        return f"mimic case '{self.case}': " + "; ".join(self.problems)


def run_mimic_case(case: MimicCase, book: RuleBook) -> MimicOutcome:
    result = screen(Profile.of(case), book)
    problems = [f"shows '{m.syndrome}' as strong" for m in result.matches if m.tier == Tier.STRONG]
    if result.urgency != case.expect_urgency:
        got = result.urgency.value if result.urgency else "no red flag"
        want = case.expect_urgency.value if case.expect_urgency else "no red flag"
        problems.append(f"urgency is {got}, expected {want}")
    for match in result.matches:
        if case.cause is None:
            problems.append(f"shows '{match.syndrome}', but no card should show")
        elif case.cause not in match.mimics_first:
            problems.append(f"card '{match.syndrome}' does not name '{case.cause}' first")
    return MimicOutcome(case.id, tuple(problems))
