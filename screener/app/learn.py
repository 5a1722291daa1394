"""Learn page: about paraneoplastic syndromes, how the screener works, its limits and sources."""

from __future__ import annotations

import streamlit as st

from screener.app import book_state, components, link_state
from screener.inputs.query import unknown_parameters
from screener.models import Status
from screener.present.markdown import inert_markdown
from screener.present.markdown import plain_markdown as plain
from screener.present.view import reference_view
from screener.present.words import review_text
from screener.rulebook import RuleBook


def _references_of(ids: tuple[str, ...], book: RuleBook) -> None:
    components.references(reference_view(book.reference_by_id[r]) for r in ids)


def _about(book: RuleBook) -> None:
    for section in book.about.sections:
        st.header(plain(section.heading), anchor=False)
        st.markdown(inert_markdown(section.body))
        _references_of(section.references, book)
    if book.about.faq:
        st.header("Questions learners and teachers ask", anchor=False)
        for item in book.about.faq:
            with st.expander(plain(item.question)):
                st.markdown(inert_markdown(item.answer))
                _references_of(item.references, book)


def _software(book: RuleBook) -> None:
    unreviewed = sum(s.status != Status.SOURCE_CHECKED for s in book.syndromes)
    st.header("How this app works", anchor=False)
    st.markdown(
        components.bullets(
            [
                "Every clinical statement comes from the rule book, a set of plain YAML files a "
                "clinician can read and edit. The app loads all of it or none of it: a mistake in "
                "one rule shows an error naming the file, line, rule and field.",
                "Screening is plain rule checking: the same entries always give the same cards in "
                "the same order. Each card shows the criteria met, what is missing, and the "
                "arithmetic of its ordering points.",
                "Nothing you enter is stored, logged or sent anywhere. The case lives only in "
                "this browser tab and in the page address, which is how a case can be shared as "
                "a link.",
            ]
        )
    )
    st.subheader("Limits of this app", anchor=False)
    st.markdown(
        components.bullets(
            [
                f"It knows only the {len(book.syndromes)} syndromes and {len(book.findings)} "
                "findings in its rule book; anything else is invisible to it.",
                "Its ordering points only order the cards: they are not probabilities.",
                f"{unreviewed} of its {len(book.syndromes)} syndrome rules are not yet checked "
                "statement by statement against their sources; their cards say so. No rule has "
                "been reviewed by a clinician yet.",
            ]
        )
    )


def _rule_book(book: RuleBook) -> None:
    st.header("This rule book", anchor=False)
    info = book.info
    st.markdown(
        components.bullets(
            [
                f"**Title:** {plain(info.title)}",
                f"**Version:** {plain(info.version)}",
                f"**Clinical review:** {plain(review_text(book.stamp))}",
                f"**Contents:** {len(book.syndromes)} syndromes, {len(book.findings)} findings, "
                f"{len(book.cases)} teaching cases, {len(book.references)} references",
            ]
        )
    )
    st.markdown("**Content hash** (SHA-256 of every rule file; it changes with any edit):")
    # Wrapped, so that no box on the page scrolls sideways out of a keyboard's reach.
    st.code(book.content_hash, language=None, wrap_lines=True)


def _references(book: RuleBook) -> None:
    st.header("References", anchor=False)
    st.caption(
        "Every source the rule book cites. 'needs-review' marks a citation whose details were "
        "recalled rather than checked against the source."
    )
    st.markdown(
        components.bullets(
            components.reference_line(
                reference_view(r), status=f"citation status: {r.status.value}"
            )
            for r in sorted(book.references, key=lambda r: (r.authors, r.year))
        )
    )


book = book_state.book()
st.title("Learn about paraneoplastic syndromes", anchor=False)
components.link_notices([*link_state.dropped_link(), *unknown_parameters(link_state.case_query())])
# In full here, as on every PDF page; every page's frame gives a line of each.
components.safety_in_full(book.safety.disclaimer, book.safety.see_a_physician)
_about(book)
_software(book)
_rule_book(book)
_references(book)
