"""Explore page: browse the syndromes, each rule in full; compare two or three side by side;
look up where a finding counts; and the cancer-syndrome links. A rule opens from a link
(`explore?rule=<id>`), so the compare and look-up views can point at it."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from screener.app import book_state, components, link_state, scripts, word_search
from screener.app.failure import guarded
from screener.app.pages import BY_KEY
from screener.app.word_search import draw_found, resolve, word_picker
from screener.engine import compare, finding_use
from screener.engine.explore import COMPARE_SIZES
from screener.inputs.form import PickKind
from screener.inputs.query import RULE, rule_from_query
from screener.models import Category, Syndrome
from screener.present import teaching_words as teaching
from screener.present.catalogue import association_rows, filter_syndromes
from screener.present.compare_view import Cell, CompareView, compare_view
from screener.present.finding_lookup import finding_lookup
from screener.present.markdown import plain_markdown as plain
from screener.present.picker import FINDING_SEARCH_HELP
from screener.present.rule_view import rule_view
from screener.report.csv_table import render_csv
from screener.rulebook import RuleBook

ANY = None
EXPLORE_PAGE = BY_KEY["explore"].script
TABS = ("Syndromes", "Compare", "Look up a finding", "Cancer × syndrome links")
TAB_KEY = "explore.tab"
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


def rule_key(syndrome_id: str) -> str:
    """The session-state key of a syndrome's fold in the list; it is true while open."""
    return f"explore.rule.{syndrome_id}"


def _syndromes(book: RuleBook, syndromes: list[Syndrome]) -> None:
    """Every syndrome as a fold, its rule drawn only once opened: drawn all at once, the 42 rules
    made the page several thousand elements long before a learner had chosen one."""
    for category in Category:
        in_category = [s for s in syndromes if s.category == category]
        if not in_category:
            continue
        st.subheader(category.value.capitalize(), anchor=False)
        for syndrome in in_category:
            rule = st.expander(
                f"{plain(syndrome.name)} — status: {syndrome.status.value}",
                key=rule_key(syndrome.id),
                on_change="rerun",
            )
            with rule:
                if rule.open:
                    scripts.script_panel(syndrome, book)
                    components.syndrome_rule(rule_view(syndrome, book))


def _association_chart(table: pd.DataFrame) -> alt.Chart:
    # Shape and colour both show the link, so the chart does not rely on colour alone.
    chart: alt.Chart = (
        alt.Chart(table, title="Cancers and the syndromes linked to them")
        .mark_point(filled=True, size=160)
        .encode(
            # One row per syndrome, each named (Vega would otherwise drop labels that crowd),
            # and the fewer cancers across.
            x=alt.X(
                "Cancer:N",
                sort="ascending",
                axis=alt.Axis(labelAngle=-45, labelLimit=220, labelOverlap=False),
            ),
            y=alt.Y(
                "Syndrome:N",
                sort="ascending",
                axis=alt.Axis(labelLimit=320, labelOverlap=False),
            ),
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
    cells = [[getattr(r, field) for field in TABLE_COLUMNS] for r in rows]
    table = pd.DataFrame(cells, columns=list(TABLE_COLUMNS.values()))
    st.altair_chart(
        _association_chart(table),
        width="stretch",
        alt=f"Chart of {len(table)} cancer-syndrome links; the table below lists them.",
    )
    st.dataframe(table, hide_index=True)
    st.download_button(
        "Download this table as CSV",
        data=render_csv(list(TABLE_COLUMNS.values()), cells).encode("utf-8"),
        file_name="cancer-syndrome-associations.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )


def _rule_link(syndrome_id: str, book: RuleBook, label: str | None = None) -> None:
    """A link that opens the rule at the top of this page (and can be shared)."""
    st.page_link(
        EXPLORE_PAGE,
        label=plain(label or book.label("syndrome", syndrome_id)),
        icon=":material/description:",
        query_params={RULE: syndrome_id},
    )


@guarded
def _close_rule() -> None:
    st.query_params.pop(RULE, None)


def _linked_rule(book: RuleBook) -> None:
    """The rule a link asked for, above everything else, until it is closed; and what the link
    held that was left out."""
    wanted, notices = rule_from_query(link_state.case_query(), book)
    components.link_notices([*link_state.dropped_link(), *notices])
    if wanted is None:
        return
    syndrome = book.syndrome_by_id[wanted]
    # A link to this same page opens the rule without putting it in the address bar; writing
    # it back keeps the address a link to what is shown.
    st.query_params[RULE] = syndrome.id
    with st.container(border=True):
        st.subheader(f"Rule: {plain(syndrome.name)}", anchor=False)
        components.syndrome_rule(rule_view(syndrome, book))
        st.button("Close this rule", on_click=_close_rule, icon=":material/close:")


def _compare_table(view: CompareView) -> None:
    columns = [column.name for column in view.columns]
    rows = [
        {"Finding": row.finding, **dict(zip(columns, row.effects, strict=True))}
        for row in view.separating
    ]
    st.dataframe(pd.DataFrame(rows, columns=["Finding", *columns]), hide_index=True)


def _cell(lines: Cell) -> str:
    """One aspect of one syndrome, as safe Markdown: a sentence, or a (nested) list."""
    if len(lines) == 1 and lines[0].depth == 0:
        return plain(lines[0].text)
    return "\n".join(f"{'    ' * ln.depth}- {plain(ln.text)}" for ln in lines)


def _compare(book: RuleBook) -> None:
    st.caption("Any two or three syndromes, whatever the filters above.")
    chosen = st.multiselect(
        "Syndromes to compare (two or three)",
        # One keystroke must never pick every match ("Select N matches").
        select_all=False,
        options=[s.id for s in book.syndromes],
        format_func=lambda s: book.label("syndrome", s),
        max_selections=max(COMPARE_SIZES),
        placeholder="Choose two or three syndromes",
        key="explore.compare",
    )
    if len(chosen) not in COMPARE_SIZES:
        st.info("Choose two or three syndromes to see them side by side.")
        return
    view = compare_view(compare(chosen, book), book)
    heads = st.columns(len(view.columns))
    for head, column in zip(heads, view.columns, strict=True):
        head.markdown(f"#### {plain(column.name)}")
        head.caption(plain(column.category))
        with head:
            _rule_link(column.id, book, f"Whole rule: {column.name}")
    for row in view.rows:
        st.markdown(f"**{plain(row.heading)}**")
        for place, cell in zip(st.columns(len(row.cells)), row.cells, strict=True):
            place.markdown(_cell(cell))
    st.subheader(plain(view.separating_heading), anchor=False)
    st.caption(plain(view.separating_note))
    if view.separating:
        _compare_table(view)
    else:
        st.info(plain(teaching.NO_SEPARATING))


LOOKUP = "explore.lookup.finding"
LOOKUP_FOUND = "explore.lookup.found"
LOOKUP_KINDS: tuple[PickKind, ...] = ("finding",)


@guarded
def _on_lookup(book: RuleBook) -> None:
    """A finding chosen, or Enter on the text typed: the picker shows the finding it names, or
    what its words found is drawn under it."""
    value = st.session_state.get(LOOKUP)
    token, found = (None, None) if value is None else resolve(_lookup_lines(book), value)
    st.session_state[LOOKUP] = token
    st.session_state[LOOKUP_FOUND] = found if token is None else None


@guarded
def _on_lookup_choice(key: str) -> None:
    st.session_state[LOOKUP] = st.session_state.get(key)
    st.session_state[LOOKUP_FOUND] = None


def _lookup_lines(book: RuleBook) -> word_search.Lines:
    return word_search.lines(book.content_hash, book, LOOKUP_KINDS)


def _lookup(book: RuleBook) -> None:
    st.caption("Every syndrome in which a finding counts, whatever the filters above.")
    word_picker(
        "Finding: type its name or a synonym",
        _lookup_lines(book),
        key=LOOKUP,
        placeholder="e.g. dry mouth, diplopia, hyponatraemia",
        help=FINDING_SEARCH_HELP,
        on_change=_on_lookup,
        args=(book,),
    )
    found = st.session_state.get(LOOKUP_FOUND)
    if found is not None:
        key = f"{LOOKUP_FOUND}.choice"
        draw_found(found, book, key=key, on_choose=_on_lookup_choice, args=(key,))
    token = st.session_state.get(LOOKUP)
    finding = token.partition(":")[2] if token else None
    if finding is None:
        return
    view = finding_lookup(finding_use(finding, book), book)
    st.subheader(plain(view.label), anchor=False)
    st.caption(
        f"Body system: {plain(view.body_system)}"
        + (f" · also called: {plain(view.also_called)}" if view.also_called else "")
    )
    if view.empty:
        st.info(plain(view.empty))
    for group in view.groups:
        st.markdown(f"**{plain(group.heading)}** ({len(group.syndromes)})")
        for ref in group.syndromes:
            _rule_link(ref.id, book, f"{ref.name} ({ref.category})")
    if view.red_flags:
        st.markdown(
            f"**{teaching.HEADINGS['lookup_red_flags']}**\n\n"
            + components.bullets(plain(f) for f in view.red_flags)
        )
    if view.mimics:
        st.markdown(
            f"**{teaching.HEADINGS['lookup_mimics']}**\n\n"
            + components.bullets(plain(m) for m in view.mimics)
        )


book = book_state.book()
st.title("Explore the syndromes", anchor=False)
st.caption(
    f"{len(book.syndromes)} syndromes in rule book {book.info.version}. Filter them, open one to "
    "read its whole rule, compare two or three, look up where a finding counts, or see which "
    "cancers each is linked to."
)
_linked_rule(book)
# A presenter compares or looks up: the filters, which only narrow the list and the links, would
# push the comparison below a projector's first screen.
syndromes = list(book.syndromes) if link_state.presentation() else _filters(book)
rules_tab, compare_tab, lookup_tab, links_tab = st.tabs(TABS, key=TAB_KEY, on_change="rerun")
# Only the open tab is drawn: the links chart and the tables take seconds to draw, and a learner
# who came to read one rule never opens them.
if rules_tab.open:
    with rules_tab:
        scripts.deck_download(book)
        if not syndromes:
            st.info("No syndrome matches these filters.")
        _syndromes(book, syndromes)
if compare_tab.open:
    with compare_tab:
        _compare(book)
if lookup_tab.open:
    with lookup_tab:
        _lookup(book)
if links_tab.open:
    with links_tab:
        _associations(book, syndromes)
