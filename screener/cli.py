"""Command line: `python -m screener validate | screen | schema`.

Exit codes: 0 success, 1 the rule book or its examples failed, 2 the input could not be used.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pydantic import ValidationError

from screener.engine import screen
from screener.examples import run_all_examples, run_mimic_cases
from screener.labs import ProfileError
from screener.loader import DEFAULT_RULES_DIR, RuleBookError, load_rule_book
from screener.models import Profile
from screener.report_text import render_text
from screener.schema import rule_file_schemas, write_schemas

MAX_PROFILE_BYTES = 100_000


def _validate(args: argparse.Namespace) -> int:
    book = load_rule_book(args.rules_dir)
    outcomes = run_all_examples(book)
    mimic_outcomes = run_mimic_cases(book)
    failures = [str(o) for o in outcomes if not o.passed]
    failures += [str(o) for o in mimic_outcomes if not o.passed]
    for failure in failures:
        print(f"example failed: {failure}", file=sys.stderr)
    if failures:
        return 1
    print(
        f"Rule book {book.info.version} ({book.content_hash[:12]}) is valid: "
        f"{len(book.syndromes)} syndromes, {len(book.findings)} findings, "
        f"{len(outcomes)} examples behave as their rules say, and "
        f"{len(mimic_outcomes)} mimic cases show no strong card."
    )
    return 0


def _read_profile(path: str) -> Profile:
    source = sys.stdin if path == "-" else Path(path).open(encoding="utf-8")  # noqa: SIM115
    with source:
        text = source.read(MAX_PROFILE_BYTES + 1)
    if len(text) > MAX_PROFILE_BYTES:
        raise ProfileError([f"the profile is larger than {MAX_PROFILE_BYTES:,} bytes"])
    try:
        return Profile.model_validate_json(text)
    except ValidationError as error:
        raise ProfileError(
            [
                f"{'.'.join(str(p) for p in e['loc']) or 'profile'}: {e['msg']}"
                for e in error.errors()
            ]
        ) from None


def _screen(args: argparse.Namespace) -> int:
    book = load_rule_book(args.rules)
    result = screen(_read_profile(args.profile), book)
    if args.pdf:
        # fpdf2 is heavy to import; only a PDF request pays for it.
        from screener.pdf_report import render_pdf

        # Written before anything is printed, so a failed write leaves no half-done output.
        pdf = render_pdf(result, book, page_size=args.page_size)
        try:
            Path(args.pdf).write_bytes(pdf)
        except OSError as error:
            print(f"Cannot write {args.pdf}: {error.strerror}", file=sys.stderr)
            return 2
    if args.format == "json":
        print(result.model_dump_json(indent=2))
    else:
        print(render_text(result, book), end="")
    return 0


def _schema(args: argparse.Namespace) -> int:
    folder = Path(args.out)
    if args.check:
        stale = [
            name
            for name, text in rule_file_schemas().items()
            if not (folder / name).is_file() or (folder / name).read_text("utf-8") != text
        ]
        for name in stale:
            print(f"out of date: {folder / name}", file=sys.stderr)
        return 1 if stale else 0
    for path in write_schemas(folder):
        print(path)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m screener",
        description="Paraneoplastic Pattern Screener: an educational, non-diagnostic checklist.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="load the rule book and run every example")
    validate.add_argument("rules_dir", nargs="?", default=str(DEFAULT_RULES_DIR))
    validate.set_defaults(run=_validate)
    run = commands.add_parser("screen", help="screen a profile (JSON file, or - for stdin)")
    run.add_argument("profile")
    run.add_argument("--format", choices=("text", "json"), default="text")
    run.add_argument("--rules", default=str(DEFAULT_RULES_DIR), help="rule book folder")
    run.add_argument(
        "--pdf", metavar="OUT.pdf", help="also write a printable PDF summary to this file"
    )
    run.add_argument("--page-size", choices=("A4", "Letter"), default="A4", help="PDF page size")
    run.set_defaults(run=_screen)
    schema = commands.add_parser("schema", help="write the rule files' JSON Schemas")
    schema.add_argument("--out", default=str(DEFAULT_RULES_DIR / "schema"))
    schema.add_argument("--check", action="store_true", help="only check they are current")
    schema.set_defaults(run=_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except RuleBookError as error:
        print(error, file=sys.stderr)
        return 1
    except ProfileError as error:
        print("The profile cannot be screened:", file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"Cannot read {error.filename}: {error.strerror}", file=sys.stderr)
        return 2
