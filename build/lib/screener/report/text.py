"""The screening as plain text, for the command line. Opens and closes with the safety text."""

from __future__ import annotations

import textwrap

from screener.present import words
from screener.present.view import Line, ScreeningView

WIDTH = 88


def _wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    """`text` wrapped at `WIDTH`; `first` replaces the indent on the first line (a bullet)."""
    initial = indent if first is None else first
    return textwrap.wrap(text, WIDTH, initial_indent=initial, subsequent_indent=indent) or [""]


def _bullet(text: str, indent: str = "  ") -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=f"{indent}- ", subsequent_indent=f"{indent}  "
    ) or [""]


def _line(line: Line, indent: str = "") -> list[str]:
    return _wrap(f"{line.label}: {line.text}", indent)


def render_text(view: ScreeningView) -> str:
    out = [*_wrap(view.disclaimer), *_wrap(view.see_a_physician), ""]
    if view.urgent:
        out += [f"!! {view.urgent.heading.upper()} !!", *_wrap(view.urgent.text)]
        for flag in view.urgent.flags:
            out += _wrap(f"{flag.label} {flag.text}", "    ", first="  - ")
        out.append("")
    if view.cards:
        # Without cards the no-pattern section below says the same.
        out += [view.headline, ""]
    out.append(words.HEADINGS["entered"])
    for line in view.entered:
        out += _line(line, "  ")
    for lab in view.labs:
        converted = f" ({lab.converted})" if lab.converted else ""
        out += _wrap(f"Lab: {lab.analyte} {lab.entered}{converted}: {lab.outcome}", "  ")
    for notice in view.fit_notices:
        out += _wrap(notice, "  ")
    out.append("")
    if view.no_pattern:
        out += [view.no_pattern.label, *_wrap(view.no_pattern.text), ""]
    else:
        out += [view.patterns_heading, ""]
    for card in view.cards:
        out.append(f"{card.title} [{card.meta}]")
        out += _wrap(card.tier_words, "   ")
        if card.status_note:
            out += _wrap(f"Status note: {card.status_note}.", "   ")
        if card.consider_first:
            out += _wrap(card.consider_first, "   ")
        out += [f"   {'  ' * line.depth}{line.text}" for line in card.trace]
        out += _wrap(card.missing, "   ")
        for line in card.context:
            out += _line(line, "   ")
        if card.mimics:
            out += _wrap(
                f"{words.HEADINGS['mimics']}: " + "; ".join(m.name for m in card.mimics), "   "
            )
        out += _wrap("Order: " + card.ordering, "   ")
        if card.pns_care:
            out += _wrap(f"PNS-Care: {card.pns_care.total}", "   ")
            for item in card.pns_care.items:
                out += _line(item, "     ")
            if card.pns_care.caveat:
                out += _wrap(card.pns_care.caveat, "     ")
        out.append("")
    if view.differential:
        out.append(view.differential.heading)
        out += _wrap(view.differential.intro, "  ")
        out += _wrap(view.differential.compared, "  ")
        for question in view.differential.questions:
            out += _bullet(f"{question.finding}: {question.text}")
        out.append("")
    if view.associations:
        out.append(words.HEADINGS["associations"] + ":")
        for association in view.associations:
            out += _wrap(association, "    ", first="  - ")
        out.append("")
    out.append(" · ".join(f"{line.label}: {line.text}" for line in view.book[:2]))
    out.append(f"Content: {view.book[2].text[:12]}")
    out += _wrap(view.see_a_physician)
    return "\n".join(out) + "\n"
