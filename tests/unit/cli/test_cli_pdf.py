"""`python -m screener screen PROFILE --pdf OUT.pdf`: the PDF comes in addition to stdout."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from screener.cli import main
from screener.rulebook import DEFAULT_RULES_DIR, load_safety_text


def normalise(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def profile_file(tmp_path: Path) -> Path:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps({"findings": [], "sex": "female"}), encoding="utf-8")
    return path


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_pdf_is_written_alongside_the_chosen_output(
    profile_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    output_format: str,
) -> None:
    out = tmp_path / "summary.pdf"
    code = main(["screen", str(profile_file), "--format", output_format, "--pdf", str(out)])
    printed = capsys.readouterr().out
    assert code == 0
    if output_format == "json":
        assert json.loads(printed)["profile"]["sex"] == "female"
    else:
        assert normalise(load_safety_text(DEFAULT_RULES_DIR).disclaimer) in normalise(printed)
    pages = PdfReader(io.BytesIO(out.read_bytes())).pages
    first = normalise(pages[0].extract_text())
    assert normalise(load_safety_text(DEFAULT_RULES_DIR).see_a_physician) in first
    assert "Sex Female" in first


@pytest.mark.parametrize(("page_size", "width_pt"), [("A4", 595.28), ("Letter", 612.0)])
def test_page_size_option(
    profile_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    page_size: str,
    width_pt: float,
) -> None:
    out = tmp_path / "summary.pdf"
    assert main(["screen", str(profile_file), "--pdf", str(out), "--page-size", page_size]) == 0
    capsys.readouterr()
    width = float(PdfReader(io.BytesIO(out.read_bytes())).pages[0].mediabox.width)
    assert width == pytest.approx(width_pt, abs=0.5)


def test_unknown_page_size_is_a_usage_error(
    profile_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "summary.pdf"
    with pytest.raises(SystemExit) as stop:
        main(["screen", str(profile_file), "--pdf", str(out), "--page-size", "A3"])
    assert stop.value.code == 2
    assert "A3" in capsys.readouterr().err
    assert not out.exists()


def test_unwritable_pdf_path_is_reported_and_prints_nothing(
    profile_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no-such-folder" / "summary.pdf"
    code = main(["screen", str(profile_file), "--pdf", str(out)])
    captured = capsys.readouterr()
    assert code == 73
    assert f"Cannot write {out}" in captured.err
    assert captured.out == ""
