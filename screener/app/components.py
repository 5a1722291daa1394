"""Drawing shared by the pages. They lay out views; the words come from `screener.present`.

Everything the rule book or a URL supplies is passed through `plain` (shows literally) or
`inert_markdown` (teaching Markdown without HTML) before Streamlit renders it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import streamlit as st

from screener.app.card_html import DIFFERENTIAL_ANCHOR, card_html, differential_html
from screener.models import IdKind, Reference, SafetyText, Urgency
from screener.present import words
from screener.present.changes import ChangeView
from screener.present.differential import DifferentialView
from screener.present.markdown import inert_markdown, markdown_link
from screener.present.markdown import plain_markdown as plain
from screener.present.rule_view import RuleView
from screener.present.view import (
    CardView,
    Line,
    ReferenceView,
    ScreeningView,
    UrgentView,
)
from screener.rulebook import Problem, RuleBook

APP_ICON = Path(__file__).with_name("assets") / "icon.png"
"""The browser tab's icon, served by the app itself: a Material icon as `page_icon` would be
fetched from Google's font servers on every page, which an offline teaching room cannot reach and
a privacy-minded one should not be asked to."""
URGENT_ICONS = {
    Urgency.NOW: ":material/emergency:",
    Urgency.TODAY: ":material/priority_high:",
    Urgency.THIS_WEEK: ":material/event:",
}


def safety_frame(safety: SafetyText | None) -> None:
    """The disclaimer and the 'see a physician' prompt, at the top of every page: a line each,
    the whole wording one tap away (the built-in wording when the rule book's cannot be read).
    Short, so that on a phone the page's own content starts in the first screen."""
    disclaimer = safety.disclaimer if safety else words.FALLBACK_DISCLAIMER
    see_a_physician = safety.see_a_physician if safety else words.FALLBACK_SEE_A_PHYSICIAN
    with st.container(key="safety-frame"):
        with st.container(key="safety-lines"):
            st.markdown(safety_lines(disclaimer, see_a_physician))
        with st.expander(words.SAFETY_IN_FULL, icon=":material/info:"):
            safety_in_full(disclaimer, see_a_physician)


def safety_lines(disclaimer: str, see_a_physician: str) -> str:
    return (
        f"**{plain(words.lead_sentence(disclaimer))}**  \n"
        f"**{plain(words.lead_sentence(see_a_physician))}**"
    )


def safety_in_full(disclaimer: str, see_a_physician: str) -> None:
    st.warning(plain(disclaimer), icon=":material/school:")
    st.info(plain(see_a_physician), icon=":material/medical_services:")


def bullets(lines: Iterable[str]) -> str:
    """A Markdown list of lines that are already safe Markdown."""
    return "\n".join(f"- {line}" for line in lines)


def line(item: Line) -> str:
    return f"**{plain(item.label)}:** {plain(item.text)}"


def labels(ids: Iterable[str], book: RuleBook, kind: IdKind = "finding") -> str:
    return ", ".join(plain(book.label(kind, item)) for item in ids)


# --- Rule book problems -----------------------------------------------------------------------


def problem_line(problem: Problem) -> str:
    parts = [f"**{plain(problem.file)}**"]
    if problem.line:
        parts.append(f"line {problem.line}")
    if problem.item_id:
        parts.append(f"id '{plain(problem.item_id)}'")
    if problem.field:
        parts.append(f"field '{plain(problem.field)}'")
    return ", ".join(parts) + f": {plain(problem.message)}"


# --- References -------------------------------------------------------------------------------


def reference_line(reference: ReferenceView, *, status: str | None = None) -> str:
    text = markdown_link(reference.citation, reference.link)
    note = status or reference.note
    return text + (f" — {plain(note)}" if note else "")


def references(refs: Iterable[ReferenceView]) -> None:
    found = list(refs)
    if found:
        st.markdown(references_markdown(found))


def citation(reference: Reference) -> str:
    return f"{reference.authors} ({reference.year}). {reference.title}. {reference.source}"


# --- Screening results ------------------------------------------------------------------------


def urgent_banner(urgent: UrgentView) -> None:
    """The banner above everything else; its heading says the urgency in words."""
    st.error(
        f"### {plain(urgent.heading)}\n\n{plain(urgent.text)}\n\n"
        + bullets(f"{plain(flag.label)} {plain(flag.text)}" for flag in urgent.flags),
        icon=URGENT_ICONS[urgent.urgency],
    )


def no_pattern(item: Line) -> None:
    st.info(f"**{plain(item.label)}**\n\n{plain(item.text)}", icon=":material/info:")


def link_notices(notices: list[str]) -> None:
    """What a page left out of the link it was opened with, one line per problem (the one
    drawing of them, whichever page reads the link)."""
    if not notices:
        return
    st.warning(
        "**Parts of the link were ignored:**\n\n" + bullets(plain(n) for n in notices),
        icon=":material/link_off:",
    )


def fit_notices(view: ScreeningView) -> None:
    for notice in view.fit_notices:
        st.warning(plain(notice), icon=":material/person_alert:")


def lab_lines(view: ScreeningView) -> None:
    if not view.labs:
        return
    rows = []
    for lab in view.labs:
        converted = f" ({lab.converted})" if lab.converted else ""
        typical = f"; {lab.reference_range}" if lab.reference_range else ""
        rows.append(plain(f"{lab.analyte} {lab.entered}{converted}: {lab.outcome}{typical}"))
    st.markdown(f"**{words.HEADINGS['labs']}**\n\n" + bullets(rows))


def pattern_card(card: CardView) -> None:
    """One pattern: its body as one HTML element (`card_html`), since the page redraws every
    card on every change and Streamlit's browser side spends its time per element drawn, and
    its teaching text in a fold, drawn only when the fold is opened."""
    with st.container(border=True, key=f"card-{card.rank}"):
        st.html(card_html(card))
        about = st.expander(
            f"About {plain(card.name)}",
            key=f"card-{card.rank}-{card.syndrome}-about",
            on_change="rerun",
        )
        with about:
            if about.open:
                st.markdown(plain(card.summary) + "\n\n" + inert_markdown(card.detail))


def discuss_markdown(questions: Iterable[str]) -> str:
    return f"**{words.HEADINGS['discuss']}**\n\n" + bullets(plain(q) for q in questions)


def references_markdown(refs: Iterable[ReferenceView]) -> str:
    return "**References**\n\n" + bullets(reference_line(r) for r in refs)


def discuss(questions: Iterable[str]) -> None:
    st.markdown(discuss_markdown(questions))


def associations(view: ScreeningView) -> None:
    if view.associations:
        st.markdown(
            f"**{words.HEADINGS['associations']}** ({plain(words.ASSOCIATIONS_INTRO)})\n\n"
            + bullets(plain(a) for a in view.associations)
        )


MOVEMENT_ICONS = {
    "appeared": ":material/add_circle:",
    "rose": ":material/arrow_upward:",
    "fell": ":material/arrow_downward:",
    "disappeared": ":material/remove_circle:",
}


def change_panel(change: ChangeView) -> None:
    """What the last change did: the items added or removed, and each pattern that moved."""
    lines = [f"{MOVEMENT_ICONS[s.movement]} {plain(s.text)}" for s in change.shifts]
    body = bullets(lines) if lines else plain(change.none_moved or "")
    if change.readings:
        body = bullets(plain(line) for line in change.readings) + "\n\n" + body
    st.info(
        f"**{plain(change.heading)}.** {plain(change.entered)}\n\n{body}",
        icon=":material/compare_arrows:",
    )


def summary_bar(view: ScreeningView) -> None:
    """One line at the top of the page: where the results stand, and links that jump to them."""
    links = ["[Jump to the results](#results)"]
    if view.differential:
        links.append(f"[What to ask next](#{DIFFERENTIAL_ANCHOR})")
    urgent = (
        f"{URGENT_ICONS[view.urgent.urgency]} **{plain(view.urgent.heading)}** · "
        if view.urgent
        else ""
    )
    with st.container(key="screen-summary"):
        st.markdown(f"{urgent}**{plain(view.headline)}** · " + " · ".join(links))


def differential_panel(differential: DifferentialView) -> None:
    """What to ask next, one HTML element (`differential_html`) like a card's body."""
    st.html(differential_html(differential))


PAGE_CSS = """
<style>
.stMainBlockContainer { padding-top: 4.5rem; }
.stApp [data-testid="stCaptionContainer"] { opacity: 0.8; }
:focus-visible {
  outline: 3px solid currentColor !important; outline-offset: 2px;
}
[data-testid="stButtonGroup"] button[aria-pressed="false"] p { text-decoration: line-through; }
.stApp [data-testid="stCode"] pre code { word-break: break-all; }
@media (max-width: 640px) {
  .stMainBlockContainer :is([data-testid^="stBaseButton"], [data-testid="stButtonGroup"] button,
    [role="tab"]) { min-height: 44px; }
  .stMainBlockContainer button[aria-label^="Help for"] { min-width: 44px; min-height: 44px; }
}
[data-testid="stLayoutWrapper"]:has(
  > [data-testid="stVerticalBlock"] > [data-testid="stLayoutWrapper"] > .st-key-screen-summary
) {
  position: sticky; top: 3.75rem; z-index: 20;
  background-color: BACKGROUND; border-bottom: 1px solid rgba(128, 128, 128, 0.35);
}
.pns-card { line-height: 1.6; }
.pns-card h3 {
  font-size: 1.75rem; font-weight: 600; line-height: 1.2; letter-spacing: -0.005em;
  margin: 0; padding: 0.75rem 0 1rem 0; scroll-margin-top: 3.75rem;
}
.pns-card p { margin: 0 0 1rem 0; }
.pns-card > :last-child, .pns-panel > :last-child { margin-bottom: 0; }
.pns-card ul { margin: 0 0 1rem 0; padding: 0; list-style-type: disc; }
.pns-card ul ul { margin: 0; list-style-type: circle; }
.pns-card ul ul ul { list-style-type: square; }
.pns-card li { margin: 0.2rem 0 0.2rem 1.15rem; padding-left: 0.3rem; }
.pns-card a { color: LINK; text-decoration: underline; }
.pns-card .pns-grey { color: GREY; }
.pns-icon {
  font-family: "Material Symbols Rounded"; font-weight: 400; font-style: normal;
  font-feature-settings: "liga"; line-height: 1; letter-spacing: normal; text-transform: none;
  white-space: nowrap; overflow-wrap: normal; direction: ltr; user-select: none;
  display: inline-block; vertical-align: bottom;
}
.pns-card .pns-notice {
  display: flex; gap: 0.75rem; align-items: flex-start; padding: 1rem; margin-bottom: 1rem;
  border-radius: 0.5rem; background-color: WARNING_BACKGROUND; color: WARNING_TEXT;
}
.pns-notice .pns-icon { font-size: 1.25rem; line-height: 1.5rem; }
.pns-notice p { margin: 0; line-height: 1.5; }
.pns-card .pns-panel {
  border: 1px solid BORDER; border-radius: 0.5rem; padding: 1rem; margin-top: 1rem;
}
.pns-panel .pns-caption { font-size: 0.875rem; opacity: 0.8; margin: 0; }
.pns-card.pns-box { border: 1px solid BORDER; border-radius: 0.5rem; padding: 1rem; }
</style>
"""
"""Every page. Streamlit leaves six lines of space above a page's content (for a header this app
has not got, beside the navigation bar): less, so that more of the content is in the first screen.
Captions at Streamlit's 0.6 opacity fall short of WCAG AA contrast (3.9:1); at 0.8 they pass (over
6:1) in the light theme and the dark alike (the rule outranks Streamlit's own, which it adds to the
page later). Keyboard focus shows as the same ring wherever it is, Streamlit's own "Skip to main
content" link included (its own style swaps the outline for a faint shadow); a chip taken out of
the case is struck through, not only paler; on a phone every button, chip, tab and help icon is at
least 44 px high, a finger's width. A wrapped code block breaks a long hash or address anywhere, so
that it needs no sideways scrolling. The Screen page's summary line stays in view below the top bar
while the page scrolls, so a phone shows where the results stand (and jumps to them) however long
the entry is. A sticky element moves only within its parent, so the rule sits on the outermost
element Streamlit wraps the line in (the summary's fragment), a child of the page itself. A result
card's body is one HTML element (`card_html`), laid out here in Streamlit's own sizes and colours,
theme by theme (`THEMES`)."""

PRESENTATION_CSS = """
<style>
html { font-size: 24px; }
.stMainBlockContainer { padding: 4rem 2rem 5rem 2rem; }
.stMainBlockContainer h1 { font-size: 1.75rem; padding: 0.25rem 0; }
[data-testid="stCaptionContainer"], .stMarkdownColoredText, .pns-card .pns-grey,
.pns-panel .pns-caption {
  color: inherit !important; opacity: 1 !important;
}
.st-key-safety-lines {
  position: fixed; bottom: 0; left: 0; right: 0; z-index: 30; padding: 0.3rem 2rem;
  background-color: BACKGROUND; border-top: 1px solid rgba(128, 128, 128, 0.5);
}
.st-key-safety-lines p { font-size: 0.75rem; margin: 0; }
.st-key-safety-lines [data-testid="stMarkdownContainer"] { margin-bottom: 0; }
</style>
"""
"""Presentation mode: everything larger (Streamlit sizes type and spacing in rem), narrower
margins and a smaller page title so the larger type keeps its lines and the first screen, and
no grey text, which a projector washes out. The frame's safety lines, still drawn first, are
pinned to the foot of the screen in smaller type: a strip of a projector's screen, not half,
that stays in view while a presenter scrolls (the page leaves room for it below its end)."""

THEMES = {
    "light": {
        "BACKGROUND": "#ffffff",
        "BORDER": "rgba(47, 45, 43, 0.2)",
        "GREY": "#686255",
        "LINK": "#244fb4",
        "WARNING_BACKGROUND": "#fffae5",
        "WARNING_TEXT": "#956b0f",
    },
    "dark": {
        "BACKGROUND": "#171614",
        "BORDER": "rgba(237, 235, 232, 0.2)",
        "GREY": "#b8b3a8",
        "LINK": "#85b8f8",
        "WARNING_BACKGROUND": "#302917",
        "WARNING_TEXT": "#fbd54f",
    },
}
"""Streamlit's own colours (1.67), by theme: the background (a sticky bar needs a solid one),
and what a card's HTML draws as Streamlit's elements would (a border, grey text, a link, a
warning's tint and text)."""
_THEME_TOKEN = re.compile(r"\b(?:" + "|".join(THEMES["light"]) + r")\b")


def page_style(*, presenting: bool) -> None:
    """Every page's one stylesheet, drawn by the frame (it takes no space: Streamlit puts
    style-only HTML in the page head). Constant text, never anything from the rule book or a
    link."""
    colours = THEMES.get(str(st.context.theme.type), THEMES["light"])
    css = PAGE_CSS + (PRESENTATION_CSS if presenting else "")
    st.html(_THEME_TOKEN.sub(lambda token: colours[token.group()], css))


# --- A rule in readable form ------------------------------------------------------------------


def syndrome_rule(rule: RuleView) -> None:
    """Everything a rule says, in words: for browsing and for revealing a case's answer."""
    st.markdown(f"**{plain(rule.summary)}**\n\n{plain(rule.meta)}")
    if rule.status_note:
        st.warning(plain(rule.status_note), icon=":material/rate_review:")
    if rule.aliases:
        st.caption("Also called: " + plain(rule.aliases))
    st.caption(plain(rule.provenance))
    st.markdown(inert_markdown(rule.detail))
    st.markdown(
        "**The pattern (criteria)**\n\n"
        + "\n".join(f"{'    ' * ln.depth}- {plain(ln.text)}" for ln in rule.criteria)
    )
    st.markdown(bullets(line(item) for item in rule.facts))
    if rule.red_flags:
        st.markdown("**Red flags**\n\n" + bullets(plain(f) for f in rule.red_flags))
    if rule.discuss:
        discuss(rule.discuss)
    references(rule.references)
