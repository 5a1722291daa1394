"""The screening as plain text, for the command line. Opens and closes with the safety text."""

from __future__ import annotations

import textwrap

from screener.book import RuleBook
from screener.explain import TIER_WORDS, missing_text, review_text, score_text, trace_lines
from screener.models import ScreeningResult

WIDTH = 88


def _wrap(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent) or [""]


def render_text(result: ScreeningResult, book: RuleBook) -> str:
    safety = book.safety
    out = [*_wrap(safety.disclaimer), *_wrap(safety.see_a_physician), ""]
    if result.urgency is not None:
        wording = safety.urgent.at(result.urgency)
        out += [f"!! {wording.heading.upper()} !!", *_wrap(wording.text)]
        for flag in result.red_flags:
            out += _wrap(flag.text, "  - ")
        out.append("")
    for derived in result.derived_findings:
        out.append(
            f"Lab: {book.label(derived.analyte)} {derived.value:g} {derived.unit} "
            f"-> {book.label(derived.finding)} ({derived.rule})"
        )
    if result.derived_findings:
        out.append("")
    if result.no_pattern:
        out += [safety.no_pattern_heading, *_wrap(safety.no_pattern), ""]
    for rank, match in enumerate(result.matches, start=1):
        out.append(
            f"{rank}. {safety.not_a_diagnosis_label}: {match.name} "
            f"[{match.category.value}; rule '{match.syndrome}', {match.status.value}]"
        )
        out += _wrap(TIER_WORDS[match.tier], "   ")
        out += [f"   {'  ' * line.depth}{line.text}" for line in trace_lines(match.trace, book)]
        out += _wrap(missing_text(match, book), "   ")
        if match.cancer_context:
            out += _wrap(
                "Cancer context: "
                + ", ".join(f"{book.label(c.cancer)} ({c.link})" for c in match.cancer_context),
                "   ",
            )
        if match.antibody_context:
            out += _wrap(
                "Antibody context: " + ", ".join(book.label(a) for a in match.antibody_context),
                "   ",
            )
        out += _wrap("Order: " + score_text(match), "   ")
        if match.pns_care:
            out.append(f"   PNS-Care: {match.pns_care.total} points, {match.pns_care.level}")
            out += [
                f"     {item.level}: {item.points} — {item.explanation}"
                for item in match.pns_care.items
            ]
        out.append("")
    if result.associations:
        out.append("Known associations of the selected cancer or antibody (pattern not present):")
        out += [f"  - {a.name} [{a.category.value}]" for a in result.associations]
        out.append("")
    stamp = result.book
    out.append(
        f"Rule book {stamp.version}, {review_text(stamp)}, content {stamp.content_hash[:12]}"
    )
    out += _wrap(safety.see_a_physician)
    return "\n".join(out) + "\n"
