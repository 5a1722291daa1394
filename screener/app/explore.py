"""Explore page: browse the syndromes, each rule in full, and the cancer-syndrome links."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from screener.app import components, state
from screener.models import Category, Syndrome
from screener.present.catalogue import association_rows, filter_syndromes
from screener.present.markdown import plain_markdown as plain
from screener.present.rule_view import rule_view
from screener.rulebook import RuleBook

ANY = None
TABLE_COLUMNS = {
    "cancer_label": "Cancer",
    "icd10": "ICD-10",
    "syndrome_name": "Syndrome",
    "category": "Category",
    "link": "Link",
    "status": "Rule status",
}


def _filters(book: RuleBook) -> list[Syndrome]:
    category_col, cancer_col, antibody_col = st.columns(3)
    categories = category_col.multiselect(
        "Categories",
        options=list(Category),
        format_func=lambda c: c.value.capitalize(),
        placeholder="All categories",
        key="explore.categories",
    )
    cancer = cancer_col.selectbox(
        "Linked to cancer",
        options=[ANY, *(c.id for c in book.cancers)],
        format_func=lambda c: "Any cancer" if c is ANY else book.label("cancer", c),
        key="explore.cancer",
    )
    antibody = antibody_col.selectbox(
        "Linked to antibody",
        options=[ANY, *(a.id for a in book.antibodies)],
        format_func=lambda a: "Any antibody" if a is ANY else book.label("antibody", a),
        key="explore.antibody",
    )
    return filter_syndromes(book, frozenset(categories), cancer, antibody)


def _syndromes(book: RuleBook, syndromes: list[Syndrome]) -> None:
    for category in Category:
        in_category = [s for s in syndromes if s.category == category]
        if not in_category:
            continue
        st.subheader(category.value.capitalize(), anchor=False)
        for syndrome in in_category:
            with st.expander(f"{plain(syndrome.name)} — status: {syndrome.status.value}"):
                components.syndrome_rule(rule_view(syndrome, book))


def _association_chart(table: pd.DataFrame) -> alt.Chart:
    # Shape and colour both show the link, so the chart does not rely on colour alone.
    chart: alt.Chart = (
        alt.Chart(table, title="Cancers and the syndromes linked to them")
        .mark_point(filled=True, size=160)
        .encode(
            x=alt.X("Syndrome:N", sort="ascending", axis=alt.Axis(labelAngle=-45, labelLimit=220)),
            y=alt.Y("Cancer:N", sort="ascending", axis=alt.Axis(labelLimit=260)),
            shape=alt.Shape("Link:N", scale=alt.Scale(domain=["typical", "reported"])),
            color=alt.Color("Link:N", scale=alt.Scale(domain=["typical", "reported"])),
            tooltip=["Cancer", "ICD-10", "Syndrome", "Category", "Link", "Rule status"],
        )
        .properties(height=alt.Step(24))
    )
    return chart


def _associations(book: RuleBook, syndromes: list[Syndrome]) -> None:
    rows = association_rows(book, syndromes)
    if not rows:
        st.info("None of the syndromes shown lists a cancer.")
        return
    table = pd.DataFrame(
        [{label: getattr(r, f) for f, label in TABLE_COLUMNS.items()} for r in rows]
    )
    st.altair_chart(
        _association_chart(table),
        width="stretch",
        alt=f"Chart of {len(table)} cancer-syndrome links; the table below lists them.",
    )
    st.dataframe(table, hide_index=True)
    st.download_button(
        "Download this table as CSV",
        data=table.to_csv(index=False).encode("utf-8"),
        file_name="cancer-syndrome-associations.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )


book = state.book()
st.title("Explore the syndromes", anchor=False)
st.caption(
    f"{len(book.syndromes)} syndromes in rule book {book.info.version}. Filter them, open one to "
    "read its whole rule, or see which cancers each is linked to."
)
syndromes = _filters(book)
rules_tab, links_tab = st.tabs(["Syndromes", "Cancer × syndrome links"])
with rules_tab:
    if not syndromes:
        st.info("No syndrome matches these filters.")
    _syndromes(book, syndromes)
with links_tab:
    _associations(book, syndromes)
