"""Illness scripts on the Explore page: a syndrome's script slot by slot, its one-page card and a
category's deck as PDFs (built only when downloaded)."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from screener.engine import illness_script
from screener.models import Category, Syndrome
from screener.present import words
from screener.present.handout_view import book_line
from screener.present.markdown import inert_markdown
from screener.present.markdown import plain_markdown as plain
from screener.present.script_view import ScriptView, deck_title, script_view
from screener.rulebook import RuleBook

HEADING = "Illness script"


def deck_pdf(syndromes: Sequence[Syndrome], title: str, book: RuleBook) -> bytes:
    # Imported here so that fpdf2 loads on the first download, not on the app's cold start.
    from screener.report.script_pdf import render_script_deck

    views = [script_view(illness_script(s, book), book, card=True) for s in syndromes]
    return render_script_deck(
        views, title, book.safety.disclaimer, book.safety.see_a_physician, book_line(book)
    )


def slots(view: ScriptView) -> None:
    for slot in view.slots:
        lines = [inert_markdown(line) for line in slot.lines]
        body = lines[0] if len(lines) == 1 else "\n".join(f"- {line}" for line in lines)
        st.markdown(f"**{plain(slot.heading)}**\n\n{body}")


def script_panel(syndrome: Syndrome, book: RuleBook) -> None:
    """A syndrome's illness script and its one-page card, in the syndrome's fold."""
    view = script_view(illness_script(syndrome, book), book)
    with st.container(border=True):
        st.markdown(f"**{plain(view.title)}**")
        slots(view)
        st.caption(plain(view.note))
        st.download_button(
            "Download this illness script (one-page PDF)",
            data=lambda: deck_pdf([syndrome], view.title, book),
            file_name=f"illness-script-{syndrome.id}.pdf",
            mime="application/pdf",
            on_click="ignore",
            icon=":material/download:",
            key=f"explore.script.{syndrome.id}",
        )


def deck_download(book: RuleBook) -> None:
    """A category's illness scripts as one PDF, a card a page."""
    chosen_category = st.selectbox(
        "Print the illness scripts of a category",
        options=list(Category),
        format_func=lambda c: words.CATEGORY[c],
        key="explore.deck.category",
    )
    category = chosen_category or Category.NEUROLOGIC
    chosen = [s for s in book.syndromes if s.category == category]
    title = deck_title(category)
    st.download_button(
        f"Download the {words.CATEGORY[category].lower()} deck "
        f"({words.plural(len(chosen), 'card')}, PDF)",
        data=lambda: deck_pdf(chosen, title, book),
        file_name=f"illness-scripts-{category.value}.pdf",
        mime="application/pdf",
        on_click="ignore",
        icon=":material/download:",
        key="explore.deck.download",
    )
