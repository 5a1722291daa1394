"""A pattern card's body as one piece of HTML, laid out from its `CardView`.

The Screen page redraws every card on every change, and Streamlit's browser side spends its
time on the number of elements it draws, not on their size: a card as a heading, notices, a
Markdown block and a bordered PNS-Care panel was five to eight elements; as HTML it is one.

Every text comes from the rule book or the case, so every text goes through `text` (element
content) or `attribute` before it is put into markup: nothing in it can become a tag, an
attribute or a character reference. The only markup is this module's own: a few plain tags
(div, h3, p, ul, li, strong, span, br, a) with classes styled by the page's stylesheet
(`components.PAGE_CSS`); Streamlit also passes it through DOMPurify before the browser sees it.
No Streamlit here: the module is text to markup, tested on its own.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from urllib.parse import quote

from screener.models import Tier
from screener.present import words
from screener.present.differential import DifferentialView
from screener.present.markdown import LINK_SAFE
from screener.present.view import CardView, Line, PnsCareView, ReferenceView, TraceLine

TIER_ICONS = {
    Tier.STRONG: "check_circle",
    Tier.PARTIAL: "timelapse",
    Tier.KEY_MISSING: "help",
}
"""Material Symbols, drawn with the font Streamlit itself loads for its icons."""
STATUS_ICON = "rate_review"
CONSIDER_FIRST_ICON = "alt_route"


def text(value: str) -> str:
    """`value` as element content that shows exactly as written."""
    return html.escape(value, quote=False)


def attribute(value: str) -> str:
    """`value` safe inside a double-quoted attribute."""
    return html.escape(value, quote=True)


def _icon(name: str) -> str:
    """A decorative icon beside words that say the same (a screen reader skips it)."""
    return f'<span class="pns-icon" aria-hidden="true">{name}</span>'


def _labelled_icon(name: str) -> str:
    """An icon a screen reader names, as Streamlit's Markdown names its `:material/…:` icons."""
    return f'<span class="pns-icon" role="img" aria-label="{name} icon">{name}</span>'


def _bullets(items: Iterable[str]) -> str:
    """A list of items that are already markup."""
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _line(item: Line) -> str:
    return f"<strong>{text(item.label)}:</strong> {text(item.text)}"


def _notice(icon: str, body: str) -> str:
    """A warning, as Streamlit draws one: tinted, with its icon, announced to screen readers."""
    return f'<div class="pns-notice" role="alert">{_icon(icon)}<p>{body}</p></div>'


def trace(lines: Iterable[TraceLine]) -> str:
    """The criteria trace as nested lists: each line one level below the last at most, as the
    Markdown list it replaces nested it."""
    out: list[str] = []
    depth = -1
    for item in lines:
        level = min(item.depth, depth + 1)
        if level > depth:
            out.append("<ul>")
        else:
            out.append("</li>")
            for _ in range(depth - level):
                out.append("</ul></li>")
        depth = level
        out.append(f"<li>{'✔' if item.met else '✘'} {text(item.text)}")
    if depth >= 0:
        out.append("</li>" + "</ul></li>" * depth + "</ul>")
    return "".join(out)


def reference(item: ReferenceView) -> str:
    link = attribute(quote(item.link, safe=LINK_SAFE))
    cited = text(item.citation)
    shown = (
        f'<a href="{link}" target="_blank" rel="noopener noreferrer">{cited}</a>' if link else cited
    )
    return shown + (f" — {text(item.note)}" if item.note else "")


def pns_care(score: PnsCareView) -> str:
    caveat = f"<p><strong>{text(score.caveat)}</strong></p>" if score.caveat else ""
    return (
        '<div class="pns-panel">'
        f"<p><strong>{text(score.heading)}: {text(score.total)}</strong></p>"
        f"{_bullets(_line(item) for item in score.items)}{caveat}"
        f'<p class="pns-caption">{text(score.note)}</p></div>'
    )


def card_html(card: CardView) -> str:
    """Everything a card shows above its "About" fold, in the order Streamlit drew it."""
    parts = [f"<h3>{text(card.title)}</h3>"]
    if card.status_note:
        parts.append(
            _notice(
                STATUS_ICON, f"Rule status {text(card.status.value)}: {text(card.status_note)}."
            )
        )
    if card.consider_first:
        parts.append(_notice(CONSIDER_FIRST_ICON, text(card.consider_first)))
    parts += [
        f"<p>{_labelled_icon(TIER_ICONS[card.tier])} <strong>{text(card.tier_words)}</strong>"
        f'<br><span class="pns-grey">{text(card.meta)}</span></p>',
        f"<p><strong>{text(words.HEADINGS['why'])}</strong></p>{trace(card.trace)}",
        f"<p>{text(card.missing)}</p>",
    ]
    if card.context:
        parts.append(_bullets(_line(item) for item in card.context))
    if card.mimics:
        named = ", ".join(
            f"<strong>{text(m.name)} (consider first)</strong>" if m.first else text(m.name)
            for m in card.mimics
        )
        parts.append(f"<p><strong>{text(words.HEADINGS['mimics'])}:</strong> {named}</p>")
    if card.discuss:
        parts.append(
            f"<p><strong>{text(words.HEADINGS['discuss'])}</strong></p>"
            + _bullets(text(q) for q in card.discuss)
        )
    if card.references:
        parts.append(
            "<p><strong>References</strong></p>" + _bullets(reference(r) for r in card.references)
        )
    parts.append(
        '<p class="pns-grey"><strong>Ordering points</strong> (used only to order the cards): '
        f"{text(card.ordering)}</p>"
    )
    if card.pns_care:
        parts.append(pns_care(card.pns_care))
    return '<div class="pns-card">' + "".join(parts) + "</div>"


DIFFERENTIAL_ANCHOR = "what-to-ask-next"
"""Where the summary line's "What to ask next" link jumps to."""


def differential_html(differential: DifferentialView) -> str:
    """What to ask next, in a bordered panel of its own below the cards: one element too."""
    questions = _bullets(
        f"<strong>{text(q.finding)}</strong>: {text(q.text)}" for q in differential.questions
    )
    return (
        '<div class="pns-card pns-box">'
        f'<h3 id="{DIFFERENTIAL_ANCHOR}">{text(differential.heading)}</h3>'
        f'<p class="pns-grey">{text(differential.intro)} {text(differential.compared)}</p>'
        f"{questions}</div>"
    )
