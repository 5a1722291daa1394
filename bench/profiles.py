"""Deterministic, varied learner profiles drawn from the rule book's own vocabulary."""

from __future__ import annotations

import random

from screener.models import AgeBand, FollowUp, LabValue, Profile, Sex
from screener.rulebook import RuleBook

MAX_FINDINGS = 8


def generate_profiles(book: RuleBook, count: int, *, seed: int = 7) -> list[Profile]:
    """`count` valid profiles: a few findings each, sometimes a cancer, antibody or lab value.

    Lab values are drawn inside each analyte's plausible range, in its main unit, so every profile
    can be screened; the same seed gives the same profiles.
    """
    rng = random.Random(seed)
    findings = sorted(book.enterable_findings)
    cancers = [c.id for c in book.cancers]
    antibodies = [a.id for a in book.antibodies]
    profiles = []
    for _ in range(count):
        labs = tuple(
            LabValue(
                analyte=lab.id,
                value=round(rng.uniform(lab.plausible.low, lab.plausible.high), 2),
                unit=lab.unit,
            )
            for lab in rng.sample(book.labs, k=min(len(book.labs), rng.choice((0, 0, 1, 2))))
        )
        profiles.append(
            Profile(
                findings=tuple(rng.sample(findings, k=rng.randint(1, MAX_FINDINGS))),
                cancers=tuple(rng.sample(cancers, k=rng.choice((0, 0, 1)))),
                antibodies=tuple(rng.sample(antibodies, k=rng.choice((0, 0, 0, 1)))),
                labs=labs,
                age_band=rng.choice((None, *AgeBand)),
                sex=rng.choice((None, *Sex)),
                follow_up=rng.choice((None, None, *FollowUp)),
            )
        )
    return profiles
