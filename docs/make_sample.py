"""Regenerate `docs/sample-summary.pdf` and a PNG of its first page from a teaching profile.

Run from anywhere: `.venv/bin/python docs/make_sample.py` (needs poppler's `pdftoppm`). The
profile is a made-up teaching case (no person): an older man with known small cell lung cancer,
weakness, a dry mouth, new high blood pressure, low sodium and potassium, and new difficulty
swallowing, which is a red flag.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from screener.engine import screen
from screener.models import AgeBand, FollowUp, LabValue, Profile, Sex
from screener.present.view import build_view
from screener.report.pdf import render_pdf
from screener.rulebook import load_rule_book

DOCS = Path(__file__).resolve().parent

PDF = DOCS / "sample-summary.pdf"
PNG_STEM = DOCS / "sample-summary-page1"
GENERATED_AT = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
"""Fixed, so regenerating an unchanged rule book gives byte-identical files."""

PROFILE = Profile(
    findings=(
        "proximal_leg_weakness",
        "dry_mouth",
        "reduced_reflexes",
        "difficulty_swallowing",
        "confusion",
        "new_high_blood_pressure",
        "euvolaemic",
        "concentrated_urine",
        "low_serum_osmolality",
    ),
    cancers=("sclc",),
    antibodies=("vgcc_pq",),
    labs=(
        LabValue(analyte="sodium", value=122, unit="mmol/L"),
        LabValue(analyte="calcium", value=9.2, unit="mg/dL"),
        LabValue(analyte="potassium", value=2.9, unit="mmol/L"),
        LabValue(analyte="platelets", value=310_000, unit="/µL"),
    ),
    age_band=AgeBand.OLDER,
    sex=Sex.MALE,
    follow_up=FollowUp.UNDER_2_YEARS,
)


def main() -> int:
    book = load_rule_book()
    result = screen(PROFILE, book)
    if not result.red_flags or len(result.matches) < 2:
        print("The sample profile no longer shows a red flag and patterns.", file=sys.stderr)
        return 1
    PDF.write_bytes(render_pdf(build_view(result, book), generated_at=GENERATED_AT))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-singlefile", str(PDF), str(PNG_STEM)], check=True
    )
    print(f"{PDF.name}: {len(result.matches)} patterns, {len(result.red_flags)} red flag(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
