"""The command line under hostile input and a hostile output: every failure is one clear message
saying what went wrong (the input, the PDF file, or standard output) and the conventional exit
status, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from screener.cli import EXIT_CANNOT_CREATE, EXIT_CLOSED_PIPE, EXIT_INPUT, EXIT_OUTPUT, main
from screener.rulebook import RuleBook
from tests.support.books import MINI_RULES

GOOD = {"findings": ["a", "b", "c"], "cancers": ["sclc"]}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def screen_args(profile: Path | str, *more: str) -> list[str]:
    return ["screen", str(profile), "--rules", str(MINI_RULES), *more]


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    return path


# --- Profiles ----------------------------------------------------------------------------------

HOSTILE_PROFILES = {
    "not_utf8": (
        b'{"findings": ["a\xff"]}',
        "the profile is not UTF-8 text (byte 0xff at position",
    ),
    "latin1": ('{"findings": ["café"]}'.encode("latin-1"), "the profile is not UTF-8 text"),
    "repeated_key": (
        b'{"findings": ["a", "b", "c"], "findings": []}',
        "the key 'findings' is given more than once",
    ),
    "repeated_nested_key": (
        b'{"labs": [{"analyte": "sodium", "value": 128, "value": 140, "unit": "mmol/L"}]}',
        "the key 'value' is given more than once",
    ),
    "true_as_value": (
        b'{"labs": [{"analyte": "sodium", "value": true, "unit": "mmol/L"}]}',
        "labs.0.value: true/false is not a number",
    ),
    "text_as_value": (
        b'{"labs": [{"analyte": "sodium", "value": "128", "unit": "mmol/L"}]}',
        "labs.0.value: Input should be a valid number",
    ),
    "nan": (
        b'{"labs": [{"analyte": "sodium", "value": NaN, "unit": "mmol/L"}]}',
        "NaN is not a number",
    ),
    "infinity": (
        b'{"labs": [{"analyte": "sodium", "value": -Infinity, "unit": "mmol/L"}]}',
        "-Infinity is not a number",
    ),
    "overflow": (
        b'{"labs": [{"analyte": "sodium", "value": 1e999, "unit": "mmol/L"}]}',
        "labs.0.value: Input should be a finite number",
    ),
    "huge_integer": (
        b'{"labs": [{"analyte": "sodium", "value": ' + b"9" * 5000 + b', "unit": "mmol/L"}]}',
        "a number has more than 30 digits",
    ),
    "deep_nesting": (b"[" * 50_000 + b"]" * 50_000, "nested too deeply"),
    "not_an_object": (b'["a", "b"]', "the profile must be a JSON object"),
    "empty": (b"", "the profile is not valid JSON"),
}


@pytest.mark.parametrize("case", HOSTILE_PROFILES)
def test_a_hostile_profile_is_refused_in_words_with_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str
) -> None:
    document, message = HOSTILE_PROFILES[case]
    path = tmp_path / "profile.json"
    path.write_bytes(document[:99_000])
    code, out, err = run(capsys, *screen_args(path))
    assert (code, out) == (EXIT_INPUT, "")
    assert err.startswith("The profile cannot be screened:\n")
    assert message in err


def test_a_byte_order_mark_is_not_part_of_the_profile(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "profile.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD).encode())
    code, out, _ = run(capsys, *screen_args(path))
    assert code == 0
    assert "Alpha syndrome" in out


def test_a_profile_on_standard_input_is_read_as_bytes() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "screener", *screen_args("-")],
        input=b'{"findings": ["\xff"]}',
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert done.returncode == EXIT_INPUT
    assert b"the profile is not UTF-8 text" in done.stderr
    assert b"Traceback" not in done.stderr


# --- The PDF file ------------------------------------------------------------------------------


def test_an_empty_pdf_name_is_an_error(capsys: pytest.CaptureFixture[str], profile: Path) -> None:
    code, out, err = run(capsys, *screen_args(profile, "--pdf", ""))
    assert (code, out) == (EXIT_INPUT, "")
    assert "--pdf needs a file name" in err


def test_the_pdf_never_overwrites_the_profile(
    capsys: pytest.CaptureFixture[str], profile: Path
) -> None:
    before = profile.read_bytes()
    code, out, err = run(capsys, *screen_args(profile, "--pdf", str(profile)))
    assert (code, out) == (EXIT_INPUT, "")
    assert "is the profile being read" in err
    assert profile.read_bytes() == before


@pytest.mark.parametrize("existing", [b"my notes", b"", b"%PD"])
def test_the_pdf_never_overwrites_a_file_that_is_not_a_pdf(
    capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path, existing: bytes
) -> None:
    other = tmp_path / "notes.txt"
    other.write_bytes(existing)
    code, _, err = run(capsys, *screen_args(profile, "--pdf", str(other)))
    assert code == EXIT_INPUT
    assert "exists and is not a PDF; it was left alone" in err
    assert other.read_bytes() == existing


def test_the_pdf_is_never_written_onto_a_folder_or_device(
    capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path
) -> None:
    for target in (str(tmp_path), os.devnull):
        code, _, err = run(capsys, *screen_args(profile, "--pdf", target))
        assert code == EXIT_INPUT
        assert "is not a regular file" in err


def test_an_earlier_pdf_is_replaced(
    capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path
) -> None:
    earlier = tmp_path / "summary.pdf"
    earlier.write_bytes(b"%PDF-1.3 an older summary")
    code, _, _ = run(capsys, *screen_args(profile, "--pdf", str(earlier)))
    assert code == 0
    assert earlier.read_bytes().startswith(b"%PDF-") and b"older" not in earlier.read_bytes()


def _same_file_by_another_name(kind: str, first: Path, second: Path) -> None:
    if kind == "hard link":
        os.link(first, second)
    else:
        second.symlink_to(first)


@pytest.mark.parametrize("kind", ["hard link", "symbolic link"])
def test_the_pdf_never_overwrites_the_profile_by_another_name(
    capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path, kind: str
) -> None:
    other_name = tmp_path / "profile.pdf"
    _same_file_by_another_name(kind, profile, other_name)
    before = profile.read_bytes()
    code, out, err = run(capsys, *screen_args(profile, "--pdf", str(other_name)))
    assert (code, out) == (EXIT_INPUT, "")
    assert "is the profile being read" in err
    assert profile.read_bytes() == before


@pytest.mark.parametrize("kind", ["same name", "hard link", "symbolic link"])
def test_the_key_never_overwrites_the_students_handout(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, book: RuleBook, kind: str
) -> None:
    handout = tmp_path / "class.pdf"
    handout.write_bytes(b"%PDF-1.3 last week's handout")
    key = handout
    if kind != "same name":
        key = tmp_path / "key.pdf"
        _same_file_by_another_name(kind, handout, key)
    code, out, err = run(
        capsys, "handout", book.cases[0].id, "--pdf", str(handout), "--key", str(key)
    )
    assert (code, out) == (EXIT_INPUT, "")
    assert "--key and --pdf name the same file; the key must not overwrite it" in err
    assert handout.read_bytes() == b"%PDF-1.3 last week's handout"


def test_a_pdf_that_cannot_be_created_says_so(
    capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path
) -> None:
    target = tmp_path / "missing-folder" / "summary.pdf"
    code, out, err = run(capsys, *screen_args(profile, "--pdf", str(target)))
    assert (code, out) == (EXIT_CANNOT_CREATE, "")
    assert err == f"Cannot write {target}: No such file or directory\n"


# --- Standard output ---------------------------------------------------------------------------


def _screen_process(profile: Path, stdout: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "screener", *screen_args(profile)],
        stdout=stdout,
        stderr=subprocess.PIPE,
    )


def test_a_terminal_that_cannot_show_the_report_gets_a_message_not_a_traceback(
    profile: Path,
) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "screener", *screen_args(profile)],
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == EXIT_OUTPUT
    assert done.stdout == b""
    assert done.stderr.decode().startswith(
        "Cannot write to standard output: its encoding (ascii) cannot show"
    )
    assert b"Traceback" not in done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_says_the_output_could_not_be_written(profile: Path) -> None:
    with open("/dev/full", "wb") as full:
        process = _screen_process(profile, stdout=full)
        _, err = process.communicate(timeout=60)
    assert process.returncode == EXIT_OUTPUT
    assert err.decode() == "Cannot write to standard output: No space left on device.\n"


def test_a_closed_pipe_says_the_reader_went_away(profile: Path) -> None:
    process = _screen_process(profile, stdout=subprocess.PIPE)
    assert process.stdout is not None
    process.stdout.close()
    _, err = process.communicate(timeout=60)
    assert process.returncode == EXIT_CLOSED_PIPE
    assert err.decode() == (
        "Cannot write to standard output: the program reading it closed the pipe.\n"
    )
