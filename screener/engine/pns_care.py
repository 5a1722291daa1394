"""The PNS-Care score (Graus et al. 2021), with every point explained.

The points and cut-offs are data in `rules/pns_care.yaml`; which phenotypes and antibodies carry
which risk class is data in the syndromes and the antibody vocabulary. This module only adds up.
"""

from __future__ import annotations

from screener.engine.evaluate import evaluate
from screener.models import (
    AntibodyRisk,
    FollowUp,
    PhenotypeRisk,
    PnsCareItem,
    PnsCareScore,
    Profile,
    Syndrome,
)
from screener.rulebook import RuleBook

_RISK_ORDER = (
    AntibodyRisk.HIGH,
    AntibodyRisk.INTERMEDIATE,
    AntibodyRisk.LOWER,
    AntibodyRisk.OUTSIDE_PNS,
)


def pns_care_score(
    syndrome: Syndrome,
    profile: Profile,
    book: RuleBook,
    present: frozenset[str] = frozenset(),
    mimics_first: tuple[str, ...] = (),
) -> PnsCareScore | None:
    """The score for `syndrome` in `profile`; None where the 2021 criteria do not score it.

    Only antibodies linked to the syndrome count; others are listed as not fitting, so a card's
    tier and its score rest on the same evidence.
    """
    if syndrome.pns_care is None:
        return None
    rules = book.pns_care
    phenotype = syndrome.pns_care.phenotype
    high_risk_when = syndrome.pns_care.high_risk_when
    if high_risk_when is not None and evaluate(high_risk_when, present).met:
        phenotype = PhenotypeRisk.HIGH
    clinical = rules.phenotype[phenotype]
    items = [
        PnsCareItem(
            level="clinical",
            points=clinical.points,
            explanation=f"{clinical.label}: {clinical.explanation}",
        )
    ]

    entered = [book.antibody_by_id[a] for a in profile.antibodies]
    antibodies = sorted(
        (a for a in entered if a.id in syndrome.antibodies),
        key=lambda a: (_RISK_ORDER.index(a.risk), a.id),
    )
    not_fitting = [a for a in entered if a.id not in syndrome.antibodies]
    if antibodies:
        best = antibodies[0]
        points = rules.antibody[best.risk]
        explanation = f"{best.label} — {points.label}: {points.explanation}"
        items.append(PnsCareItem(level="antibody", points=points.points, explanation=explanation))
    elif not_fitting:
        rule = rules.antibody_not_fitting
        names = ", ".join(a.label for a in not_fitting)
        items.append(
            PnsCareItem(
                level="antibody",
                points=rule.points,
                explanation=f"{rule.label} ({names}): {rule.explanation}",
            )
        )
    else:
        items.append(
            PnsCareItem(
                level="antibody",
                points=rules.no_antibody.points,
                explanation=f"{rules.no_antibody.label}: {rules.no_antibody.explanation}",
            )
        )

    fits_phenotype = set(syndrome.cancers.typical) | set(syndrome.cancers.reported)
    antibody_tumours = [set(a.cancers) for a in antibodies if a.cancers]
    consistent = [
        c
        for c in profile.cancers
        if c in fits_phenotype and (not antibody_tumours or any(c in t for t in antibody_tumours))
    ]
    if consistent:
        rule = rules.cancer_consistent
        names = ", ".join(book.label("cancer", c) for c in consistent)
        explanation = f"{rule.label} ({names}): {rule.explanation}"
    elif profile.cancers:
        # Found but not fitting scores 1 whatever the follow-up (Graus 2021 worked example).
        rule = rules.cancer_not_consistent
        names = ", ".join(book.label("cancer", c) for c in profile.cancers)
        explanation = f"{rule.label} ({names}): {rule.explanation}"
    else:
        rule = (
            rules.no_cancer_long_follow_up
            if profile.follow_up == FollowUp.TWO_YEARS_OR_MORE
            else rules.no_cancer_short_follow_up
        )
        explanation = f"{rule.label}: {rule.explanation}"
        if profile.follow_up is None:
            explanation += " Follow-up was not given, so it is counted as under 2 years."
    items.append(PnsCareItem(level="cancer", points=rule.points, explanation=explanation))

    total = sum(item.points for item in items)
    level = max((lv for lv in rules.levels if lv.min_total <= total), key=lambda lv: lv.min_total)
    name, level_explanation = level.name, level.explanation
    if syndrome.pns_care.definite_without_antibody and consistent and not antibodies:
        name, level_explanation = rules.exception_level.name, rules.exception_level.explanation
    caveat = None
    if mimics_first:
        names = ", ".join(book.mimic_by_id[m].name for m in mimics_first)
        caveat = f"{rules.mimic_first} ({names})"
    return PnsCareScore(
        items=tuple(items),
        total=total,
        level=name,
        level_explanation=level_explanation,
        note=rules.note,
        caveat=caveat,
    )
