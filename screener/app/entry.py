"""The Screen page's entry side: the one picker, the chosen findings as chips by body system,
every body system to browse, lab values with their units, and the person's age band, sex and
follow-up.

Each widget is loaded from the session's case (`case_state.Case`) and writes back to it in its
callback, so a change is screened before the page is drawn again; there is no submit button. A
module rather than part of the page script, so Streamlit compiles it once, not on every run.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, NamedTuple

import streamlit as st

from screener.app import case_state, word_search
from screener.app.failure import guarded
from screener.app.word_search import Found, draw_found, resolve, word_picker
from screener.inputs.form import (
    FormEntry,
    PickKind,
    lab_problem,
    pick_token,
    with_lab,
    with_pick,
    with_system_findings,
)
from screener.inputs.numbers import MAX_NUMBER_CHARS
from screener.models import AgeBand, Antibody, BodySystem, Cancer, FollowUp, Sex
from screener.present import words
from screener.present.markdown import plain_markdown as plain
from screener.present.picker import (
    PICKER_HELP,
    PICKER_LABEL,
    PICKER_PLACEHOLDER,
    about_label,
)
from screener.rulebook import RuleBook

ENTRY = "entry."
"""Every entry widget's key starts so: they are reloaded from the case together."""
PICK = "entry.pick"
CANCERS = "entry.cancers"
ANTIBODIES = "entry.antibodies"
ADD_LAB = "entry.add_lab"
AGE = "entry.age"
SEX = "entry.sex"
FOLLOW_UP = "entry.follow_up"
BROWSE = "screen.browse"
ABOUT = "screen.about"
RELOADED = "screen.reloaded_revision"
FOUND = "screen.found"
"""Not an entry key: what the words typed found outlives the reload that adds it."""
PICK_KINDS: tuple[PickKind, ...] = ("lab", "finding", "cancer", "antibody")

AGE_WORDS: dict[AgeBand | None, str] = {None: "Not given", **dict(words.AGE_BAND.items())}
SEX_WORDS: dict[Sex | None, str] = {None: "Not given", **dict(words.SEX.items())}
FOLLOW_UP_WORDS: dict[FollowUp | None, str] = {
    None: words.FOLLOW_UP_NOT_GIVEN.capitalize(),
    **{k: v.capitalize() for k, v in words.FOLLOW_UP.items()},
}


def chips_key(system_id: str) -> str:
    return f"{ENTRY}chips.{system_id}"


def browse_key(system_id: str) -> str:
    return f"{ENTRY}browse.{system_id}"


def lab_key(analyte_id: str) -> str:
    return f"{ENTRY}lab.{analyte_id}"


def unit_key(analyte_id: str) -> str:
    return f"{ENTRY}unit.{analyte_id}"


class _Found(NamedTuple):
    """What the words typed found, shown under the picker until the case is next reloaded."""

    revision: int
    found: Found


# --- Keeping the widgets and the case in step -------------------------------------------------


def reload_widgets(current: case_state.Case) -> None:
    """After a change from outside the widgets (a link, Back, the picker), drop every entry
    widget's value so each is loaded from the case as it is drawn."""
    if st.session_state.get(RELOADED) == current.revision:
        return
    for key in [k for k in st.session_state if str(k).startswith(ENTRY)]:
        del st.session_state[key]
    st.session_state[RELOADED] = current.revision


def _load(key: str, value: object) -> str:
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def _changed(update: Callable[[FormEntry], FormEntry], book: RuleBook, *, entry: bool) -> None:
    """Apply one widget's change, then redraw what it touches: the entry side too only when its
    notes or headings change (the widget itself already shows the new value)."""
    case_state.apply_entry(update(case_state.case().entry), book)
    case_state.redraw(book, entry=entry)


def _dropped(*keys: str) -> bool:
    """Whether a widget's value was dropped for a reload (`reload_widgets`) since the click: a
    quick click can land while a Step back's run, stopped half-way, had dropped the values but
    not yet drawn the widgets again. The click was on a case no longer shown, so it is ignored."""
    return any(key not in st.session_state for key in keys)


@guarded
def _on_chips(system_id: str, book: RuleBook) -> None:
    if _dropped(chips_key(system_id)):
        return
    # A chip clicked off stays in view, unpressed, so a second click puts the finding back.
    chosen = st.session_state[chips_key(system_id)]
    _changed(lambda entry: with_system_findings(entry, system_id, chosen, book), book, entry=False)


@guarded
def _on_field(field: str, key: str, book: RuleBook) -> None:
    if _dropped(key):
        return
    value: Any = st.session_state[key]
    value = tuple(value) if isinstance(value, list) else value
    # Age band, sex and follow-up are named in their section's heading.
    redraw_entry = field not in ("cancers", "antibodies")
    _changed(lambda entry: entry.model_copy(update={field: value}), book, entry=redraw_entry)


@guarded
def _on_lab(analyte_id: str, book: RuleBook) -> None:
    if _dropped(lab_key(analyte_id), unit_key(analyte_id)):
        return
    value, unit = st.session_state[lab_key(analyte_id)], st.session_state[unit_key(analyte_id)]
    # A value that cannot be used gets its reason beside it.
    _changed(lambda entry: with_lab(entry, analyte_id, value, unit), book, entry=True)


@guarded
def _on_picker(book: RuleBook) -> None:
    """A line chosen, or Enter on "Add: …" (the text typed): the item it names is added, or what
    its words found is shown under the picker."""
    value = st.session_state.get(PICK)
    if value is None:
        return
    token, found = resolve(word_search.lines(book.content_hash, book, PICK_KINDS), value)
    current = case_state.case()
    entry = with_pick(current.entry, token, book)[0] if token else current.entry
    if entry != current.entry:
        case_state.apply_entry(entry, book, reload=True)
    else:
        # The case is as it was, so the picker is emptied by hand.
        del st.session_state[PICK]
    st.session_state[FOUND] = _Found(current.revision, found) if found else None
    case_state.redraw(book, entry=True)


@guarded
def _on_pick(key: str, book: RuleBook) -> None:
    token = st.session_state.get(key)
    if token:
        entry, _ = with_pick(case_state.case().entry, token, book)
        case_state.apply_entry(entry, book, reload=True)
    case_state.redraw(book, entry=True)


# --- The entry --------------------------------------------------------------------------------


def _chips(system: BodySystem, book: RuleBook, chosen: list[str]) -> None:
    st.pills(
        plain(system.label),
        options=chosen,
        selection_mode="multi",
        format_func=lambda finding_id: plain(book.label("finding", finding_id)),
        key=_load(chips_key(system.id), list(chosen)),
        on_change=_on_chips,
        args=(system.id, book),
        help="Click a finding to take it out of the case; click it again to put it back.",
    )


def chosen(book: RuleBook, current: case_state.Case, *, presenting: bool) -> None:
    """The case's findings as chips, one group per body system (a click takes one out), then
    cancers and antibodies."""
    entry = current.entry
    for system in book.systems:
        in_system = [f.id for f in system.findings if f.id in entry.findings]
        if in_system:
            _chips(system, book, in_system)
    if not entry.findings:
        st.caption("No findings yet: find them above, or browse every body system below.")
    lists: tuple[tuple[str, str, PickKind, str, tuple[Cancer | Antibody, ...], str], ...] = (
        ("Known cancers", "cancers", "cancer", CANCERS, book.cancers, "None known yet"),
        ("Antibodies found", "antibodies", "antibody", ANTIBODIES, book.antibodies, "None entered"),
    )
    for label, field, kind, key, items, placeholder in lists:
        chosen_items = getattr(entry, field)
        if presenting and not chosen_items:
            continue
        st.multiselect(
            label,
            # One keystroke must never pick every match ("Select N matches").
            select_all=False,
            options=[item.id for item in items],
            format_func=partial(book.label, kind),
            placeholder=placeholder,
            key=_load(key, list(chosen_items)),
            on_change=_on_field,
            args=(field, key, book),
            wrap=True,
        )


def _browse(book: RuleBook, current: case_state.Case) -> None:
    """Every finding without typing: one list per body system, folded until opened (its
    widgets are only drawn then). Choosing a finding adds it, as the picker does."""
    browse = st.expander(
        "Browse every finding by body system",
        key=BROWSE,
        on_change="rerun",
        icon=":material/list:",
    )
    with browse:
        if not browse.open:
            return
        chosen = set(current.entry.findings)
        for system in book.systems:
            options = [
                pick_token("finding", f.id)
                for f in system.findings
                if f.id in book.enterable_findings and f.id not in chosen
            ]
            if options:
                key = browse_key(system.id)
                st.selectbox(
                    plain(system.label),
                    options=options,
                    index=None,
                    format_func=lambda token: book.label("finding", token.partition(":")[2]),
                    placeholder="Add a finding from this body system",
                    key=_load(key, None),
                    on_change=_on_pick,
                    args=(key, book),
                )


def _labs(book: RuleBook, current: case_state.Case) -> None:
    entry = current.entry
    for row in entry.labs:
        analyte = book.lab_by_id.get(row.analyte)
        if analyte is None:
            continue
        value_col, unit_col = st.columns([3, 2])
        # A text field, not a number field: a browser's number field drops a decimal comma as
        # it is typed (5,5 became 55), so the value is read from the text as typed.
        value_col.text_input(
            plain(analyte.label),
            max_chars=MAX_NUMBER_CHARS,
            key=_load(lab_key(analyte.id), row.value),
            on_change=_on_lab,
            args=(analyte.id, book),
            help=plain(analyte.note) if analyte.note else None,
            placeholder="Not measured",
        )
        unit_col.selectbox(
            f"{plain(analyte.label)}: unit",
            options=list(analyte.units),
            key=_load(
                unit_key(analyte.id), row.unit if row.unit in analyte.units else analyte.unit
            ),
            on_change=_on_lab,
            args=(analyte.id, book),
        )
        problem = lab_problem(current.problems, analyte.id)
        if problem:
            st.error(
                f"{plain(problem)}. Not used until corrected; the rest of the case is screened.",
                icon=":material/error:",
            )
    remaining = [a.id for a in book.labs if entry.lab(a.id) is None]
    if remaining:
        st.selectbox(
            "Add a lab value",
            options=[pick_token("lab", a) for a in remaining],
            index=None,
            format_func=lambda token: book.label("lab", token.partition(":")[2]),
            placeholder="Choose a lab test to enter its value",
            key=_load(ADD_LAB, None),
            on_change=_on_pick,
            args=(ADD_LAB, book),
        )


def _about(book: RuleBook, current: case_state.Case) -> None:
    about = st.expander(plain(about_label(current.entry)), key=ABOUT, on_change="rerun")
    with about:
        if not about.open:
            return
        entry = current.entry
        age_col, sex_col = st.columns(2)
        for column, label, key, field, choices in (
            (age_col, "Age band", AGE, "age_band", AGE_WORDS),
            (sex_col, "Sex", SEX, "sex", SEX_WORDS),
        ):
            column.selectbox(
                label,
                options=list(choices),
                format_func=choices.__getitem__,
                key=_load(key, getattr(entry, field)),
                on_change=_on_field,
                args=(field, key, book),
            )
        st.selectbox(
            "Time since the neurological symptoms began without a cancer being found (PNS-Care)",
            options=list(FOLLOW_UP_WORDS),
            format_func=FOLLOW_UP_WORDS.__getitem__,
            key=_load(FOLLOW_UP, entry.follow_up),
            on_change=_on_field,
            args=("follow_up", FOLLOW_UP, book),
        )


def _found(book: RuleBook, current: case_state.Case) -> None:
    shown: _Found | None = st.session_state.get(FOUND)
    if shown is not None and shown.revision == current.revision:
        key = f"{FOUND}.{current.revision}"
        draw_found(shown.found, book, key=key, on_choose=_on_pick, args=(key, book))


def entry_side(book: RuleBook, current: case_state.Case) -> None:
    word_picker(
        PICKER_LABEL,
        word_search.lines(book.content_hash, book, PICK_KINDS),
        key=_load(PICK, None),
        placeholder=PICKER_PLACEHOLDER,
        help=PICKER_HELP,
        on_change=_on_picker,
        args=(book,),
    )
    _found(book, current)
    chosen(book, current, presenting=False)
    _browse(book, current)
    _labs(book, current)
    _about(book, current)
