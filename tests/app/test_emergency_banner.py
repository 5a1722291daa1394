"""An emergency of issue 21 reaches every output: the page, the PDF, the text report and the JSON.

Fever in acute promyelocytic leukaemia with a DIC picture and no bleeding yet (addendum 2, B4)
raised no emergency banner before; now it must lead each output, at "now".
"""

from __future__ import annotations

import io
import json

from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from screener.cli import main
from screener.engine import screen
from screener.models import LabValue, Profile
from screener.rulebook import RuleBook
from tests.app.conftest import open_link, page_text, shown

APL_WITH_FEVER = Profile(
    findings=("fever",),
    cancers=("apl",),
    labs=(
        LabValue(analyte="platelets", value=25, unit="×10⁹/L"),
        LabValue(analyte="fibrinogen", value=0.8, unit="g/L"),
        LabValue(analyte="pt", value=19.5, unit="s"),
        LabValue(analyte="d_dimer", value=8, unit="mg/L FEU"),
    ),
)
EMERGENCY_FLAGS = {"fever_in_acute_leukaemia", "apl_coagulopathy"}


def flat(text: str) -> str:
    return " ".join(text.split())


def test_an_emergency_leads_the_page_the_pdf_the_text_and_the_json(
    app: AppTest, book: RuleBook, pdf_builds: list[dict], capsys, tmp_path
) -> None:
    result = screen(APL_WITH_FEVER, book)
    assert {h.red_flag for h in result.red_flags} >= EMERGENCY_FLAGS
    now = book.safety.urgent.now
    texts = [flat(book.red_flag_by_id[f].text) for f in sorted(EMERGENCY_FLAGS)]

    # The page: the banner, worded at "now", above the results, with each flag's text.
    open_link(app, APL_WITH_FEVER)
    seen = list(shown(app))
    banner = [i for i, (kind, text) in enumerate(seen) if kind == "error" and now.heading in text]
    assert banner, page_text(app)
    kind, text = seen[banner[0]]
    assert kind == "error" and now.text in text
    assert all(t in flat(text) for t in texts)
    assert banner[0] < seen.index(("header", "Results"))

    # The PDF the page offers: the banner on page 1, the safety text on every page.
    pages = [
        flat(page.extract_text()) for page in PdfReader(io.BytesIO(pdf_builds[-1]["data"]())).pages
    ]
    assert flat(now.heading) in pages[0] and flat(now.text) in pages[0]
    assert all(t in " ".join(pages) for t in texts)
    for page in pages:
        assert flat(book.safety.disclaimer) in page and flat(book.safety.see_a_physician) in page

    # The command line's text report, and its JSON with the urgency field.
    profile = tmp_path / "profile.json"
    profile.write_text(APL_WITH_FEVER.model_dump_json(), encoding="utf-8")
    assert main(["screen", str(profile)]) == 0
    report = capsys.readouterr().out
    assert now.heading.upper() in report
    assert report.index(now.heading.upper()) < report.index("What was entered")
    assert all(t in flat(report) for t in texts)
    assert main(["screen", str(profile), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["urgency"] == "now"
    assert {hit["red_flag"] for hit in document["red_flags"]} >= EMERGENCY_FLAGS
