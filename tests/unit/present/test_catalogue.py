"""The rule book as a reader browses it: criteria in words, filters, cancer-syndrome links."""

from __future__ import annotations

from screener.models import AllOf, AnyOf, AtLeast, Category, NoneOf
from screener.present.catalogue import association_rows, filter_syndromes
from screener.present.criteria_words import WordsLine as RuleLine
from screener.present.criteria_words import rule_lines as criteria_lines
from screener.rulebook import RuleBook


def test_a_criteria_tree_reads_as_indented_lines(book: RuleBook) -> None:
    tree = AllOf(
        all_of=(
            "seizures",
            AtLeast(at_least={"n": 2, "of": ("psychosis", "confusion", "sleep_disturbance")}),
            AnyOf(any_of=("ovarian_teratoma_scan", "psychosis"))
            if "ovarian_teratoma_scan" in book.findings
            else AnyOf(any_of=("psychosis", "confusion")),
            NoneOf(none_of=("headache",)),
        )
    )
    lines = criteria_lines(tree, book)
    assert lines[0] == RuleLine(0, "All 4 of these")
    assert lines[1] == RuleLine(1, book.label("finding", "seizures"))
    assert lines[2] == RuleLine(1, "At least 2 of these 3")
    assert [line.depth for line in lines[3:6]] == [2, 2, 2]
    assert RuleLine(1, "Any one of these") in lines
    assert lines[-2:] == [
        RuleLine(1, "None of these may be present"),
        RuleLine(2, book.label("finding", "headache")),
    ]


def test_every_syndrome_reads_in_words_with_no_raw_ids(book: RuleBook) -> None:
    for syndrome in book.syndromes:
        texts = [line.text for line in criteria_lines(syndrome.criteria, book)]
        assert not set(texts) & set(book.findings), syndrome.id


def test_filters_narrow_by_category_cancer_and_antibody(book: RuleBook) -> None:
    assert filter_syndromes(book) == list(book.syndromes)
    neuro = filter_syndromes(book, frozenset({Category.NEUROLOGIC}))
    assert neuro and all(s.category == Category.NEUROLOGIC for s in neuro)
    sclc = filter_syndromes(book, cancer="sclc")
    assert sclc and all("sclc" in (*s.cancers.typical, *s.cancers.reported) for s in sclc)
    hu = filter_syndromes(book, cancer="sclc", antibody="hu")
    assert hu and set(hu) <= set(sclc) and all("hu" in s.antibodies for s in hu)
    assert filter_syndromes(book, frozenset({Category.DERMATOLOGIC}), antibody="hu") == []


def test_association_rows_list_each_link_once_sorted_by_cancer(book: RuleBook) -> None:
    rows = association_rows(book, list(book.syndromes))
    expected = sum(len(s.cancers.typical) + len(s.cancers.reported) for s in book.syndromes)
    assert len(rows) == expected
    assert rows == sorted(rows, key=lambda r: (r.cancer_label, r.syndrome_name))
    ssn = [r for r in rows if r.syndrome == "subacute_sensory_neuronopathy" and r.cancer == "sclc"]
    assert [r.link for r in ssn] == ["typical"]
    assert ssn[0].icd10 == book.cancer_by_id["sclc"].icd10
    assert association_rows(book, []) == []


def test_a_points_score_says_what_each_item_adds(book: RuleBook) -> None:
    dic = book.syndrome_by_id["disseminated_intravascular_coagulation"]
    lines = criteria_lines(dic.criteria, book)
    assert lines[0].text.startswith("A score of at least 5 points")
    assert any(line.text.endswith("(2 points)") for line in lines)
    assert all(line.text.endswith(("(1 point)", "(2 points)")) for line in lines if line.depth == 1)
