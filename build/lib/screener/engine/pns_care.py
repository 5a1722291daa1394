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
    items = [
        PnsCareItem(
            level="clinical",
            points=rules.phenotype[phenotype].points,
            basis="phenotype",
            risk=phenotype,
        )
    ]

    entered = [book.antibody_by_id[a] for a in profile.antibodies]
    antibodies = sorted(
        (a for a in entered if a.id in syndrome.antibodies),
        key=lambda a: (_RISK_ORDER.index(a.risk), a.id),
    )
    not_fitting = [a.id for a in entered if a.id not in syndrome.antibodies]
    if antibodies:
        best = antibodies[0]
        items.append(
            PnsCareItem(
                level="antibody",
                points=rules.antibody[best.risk].points,
                basis="antibody",
                risk=best.risk,
                items=(best.id,),
            )
        )
    elif not_fitting:
        items.append(
            PnsCareItem(
                level="antibody",
                points=rules.antibody_not_fitting.points,
                basis="antibody_not_fitting",
                items=tuple(not_fitting),
            )
        )
    else:
        items.append(
            PnsCareItem(level="antibody", points=rules.no_antibody.points, basis="no_antibody")
        )

    fits_phenotype = set(syndrome.cancers.typical) | set(syndrome.cancers.reported)
    antibody_tumours = [set(a.cancers) for a in antibodies if a.cancers]
    consistent = tuple(
        c
        for c in profile.cancers
        if c in fits_phenotype and (not antibody_tumours or any(c in t for t in antibody_tumours))
    )
    if consistent:
        cancer = PnsCareItem(
            level="cancer",
            points=rules.cancer_consistent.points,
            basis="cancer_consistent",
            items=consistent,
        )
    elif profile.cancers:
        # Found but not fitting scores 1 whatever the follow-up (Graus 2021 worked example).
        cancer = PnsCareItem(
            level="cancer",
            points=rules.cancer_not_consistent.points,
            basis="cancer_not_consistent",
            items=profile.cancers,
        )
    elif profile.follow_up == FollowUp.TWO_YEARS_OR_MORE:
        cancer = PnsCareItem(
            level="cancer",
            points=rules.no_cancer_long_follow_up.points,
            basis="no_cancer_long_follow_up",
        )
    else:
        cancer = PnsCareItem(
            level="cancer",
            points=rules.no_cancer_short_follow_up.points,
            basis="no_cancer_short_follow_up",
            follow_up_assumed=profile.follow_up is None,
        )
    items.append(cancer)

    total = sum(item.points for item in items)
    level = max(
        (i for i, lv in enumerate(rules.levels) if lv.min_total <= total),
        key=lambda i: rules.levels[i].min_total,
    )
    return PnsCareScore(
        items=tuple(items),
        total=total,
        level=level,
        exception=syndrome.pns_care.definite_without_antibody
        and bool(consistent)
        and not antibodies,
        mimics_first=mimics_first,
    )
