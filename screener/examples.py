"""Run every rule's own examples: positives must match, negatives must not."""

from __future__ import annotations

from dataclasses import dataclass

from screener.book import RuleBook
from screener.engine import screen
from screener.models import ExampleProfile, Profile, Syndrome, Tier


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


def run_all_examples(book: RuleBook) -> list[ExampleOutcome]:
    return [
        run_example(syndrome, i, book)
        for syndrome in book.syndromes
        for i in range(len(syndrome.examples))
    ]
