"""How often a rule finding is seen in a syndrome, in words, with its source named: Orphanet's
annotation, a cited series, or the definition a cited source gives. One place for the card, the
illness script, "what to ask next" and Compare; a frequency class is never turned into a number
or combined."""

from __future__ import annotations

from screener.models import FindingFrequency, Reference
from screener.present import words
from screener.rulebook import RuleBook


def short_citation(reference: Reference) -> str:
    """'Husain 2013': the first author's surname and the year, or the journal where the rule
    book records no author."""
    if reference.authors.startswith("("):
        return f"{reference.source}, {reference.year}"
    return f"{reference.authors.split(',')[0].rsplit(' ', 1)[0]} {reference.year}"


def _cited(rated: FindingFrequency, book: RuleBook) -> str:
    return short_citation(book.reference_by_id[rated.reference]) if rated.reference else ""


def _source(rated: FindingFrequency, book: RuleBook, *, short: bool) -> str:
    if not rated.reference:
        return words.ORPHANET_SHORT if short else words.ORPHANET_SOURCE
    if rated.by_definition:
        cited = words.DEFINITION_SHORT if short else words.DEFINITION_SOURCE
    else:
        cited = words.SERIES_SHORT if short else words.SERIES_SOURCE
    return cited.format(reference=_cited(rated, book))


def frequency_note(rated: FindingFrequency, book: RuleBook) -> str:
    """Said after what a finding would do to a pattern."""
    source = _source(rated, book, short=False)
    return words.FREQUENCY_NOTE.format(source=source, how=words.HOW_OFTEN[rated.frequency])


def frequency_cell(rated: FindingFrequency, book: RuleBook) -> str:
    """The same, shorter, for a table cell."""
    source = _source(rated, book, short=True)
    return words.FREQUENCY_CELL.format(how=words.HOW_OFTEN[rated.frequency], source=source)


def rated_words(rated: FindingFrequency, book: RuleBook) -> str:
    """One finding's frequency on a card or script: 'itchy skin seen in many (frequent)'. A
    cited series' own figure stays in the rule book, its basis, so that no number is shown to
    be read as a chance."""
    how, frequency = words.HOW_OFTEN[rated.frequency], words.FREQUENCY_CLASS[rated.frequency]
    return f"{book.label('finding', rated.finding)} {how} ({frequency})"


def source_label(rated: FindingFrequency, book: RuleBook) -> str:
    """The heading naming where a frequency comes from: the Orphanet disease and release, the
    cited series, or the cited definition."""
    if rated.reference:
        heading = words.HOW_OFTEN_DEFINITION if rated.by_definition else words.HOW_OFTEN_SERIES
        return heading.format(reference=_cited(rated, book))
    names = {entry.orpha: entry.name for entry in book.orphanet.entries}
    return words.HOW_OFTEN_SOURCE.format(
        disease=names[rated.orpha or ""],
        orpha=rated.orpha,
        release=book.orphanet.release.hpoa.isoformat(),
    )
