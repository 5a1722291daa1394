"""Command line: `python -m screener validate | screen | schema`.

Exit codes: 0 success, 1 the rule book or its examples failed, 2 the input could not be used.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from screener.engine import screen
from screener.inputs.profile_json import MAX_PROFILE_BYTES, profile_from_json
from screener.models import Profile, ProfileError
from screener.present.view import build_view
from screener.present.words import PAGE_SIZES
from screener.report.json_report import render_json
from screener.report.text import render_text
from screener.rulebook import DEFAULT_RULES_DIR, RuleBookError, load_rule_book
from screener.rulebook.schema import stale_schemas, write_schemas
from screener.validate import validate


def _validate(args: argparse.Namespace) -> int:
    outcome = validate(args.rules_dir)
    for problem in outcome.problems:
        print(problem, file=sys.stderr)
    if outcome.problems:
        count = len(outcome.problems)
        print(f"The rule book has {count} problem{'s' if count != 1 else ''}.", file=sys.stderr)
        return 1
    book = load_rule_book(args.rules_dir)
    print(
        f"Rule book {book.info.version} ({book.content_hash[:12]}) is valid: "
        f"{len(book.syndromes)} syndromes, {len(book.findings)} findings, "
        f"{outcome.examples} examples behave as their rules say, and "
        f"{outcome.mimic_cases} mimic cases show no strong card."
    )
    return 0


def _read_profile(path: str) -> Profile:
    source = sys.stdin if path == "-" else Path(path).open(encoding="utf-8")  # noqa: SIM115
    with source:
        text = source.read(MAX_PROFILE_BYTES + 1)
    return profile_from_json(text)


def _screen(args: argparse.Namespace) -> int:
    book = load_rule_book(args.rules)
    result = screen(_read_profile(args.profile), book)
    view = build_view(result, book)
    if args.pdf:
        # fpdf2 is heavy to import; only a PDF request pays for it.
        from screener.report.pdf import render_pdf

        # Written before anything is printed, so a failed write leaves no half-done output.
        pdf = render_pdf(view, page_size=args.page_size)
        try:
            Path(args.pdf).write_bytes(pdf)
        except OSError as error:
            print(f"Cannot write {args.pdf}: {error.strerror}", file=sys.stderr)
            return 2
    if args.format == "json":
        print(render_json(result, book))
    else:
        print(render_text(view), end="")
    return 0


def _schema(args: argparse.Namespace) -> int:
    folder = Path(args.out)
    if args.check:
        stale = stale_schemas(folder)
        for name in stale:
            print(f"out of date: {folder / name} (run: python -m screener schema)", file=sys.stderr)
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
    check = commands.add_parser(
        "validate", help="check the rule book and run its examples and the mimics set"
    )
    check.add_argument("rules_dir", nargs="?", default=str(DEFAULT_RULES_DIR))
    check.set_defaults(run=_validate)
    run = commands.add_parser("screen", help="screen a profile (JSON file, or - for stdin)")
    run.add_argument("profile")
    run.add_argument("--format", choices=("text", "json"), default="text")
    run.add_argument("--rules", default=str(DEFAULT_RULES_DIR), help="rule book folder")
    run.add_argument(
        "--pdf", metavar="OUT.pdf", help="also write a printable PDF summary to this file"
    )
    run.add_argument("--page-size", choices=PAGE_SIZES, default="A4", help="PDF page size")
    run.set_defaults(run=_screen)
    schema = commands.add_parser("schema", help="write the rule files' JSON Schemas")
    schema.add_argument("--out", default=str(DEFAULT_RULES_DIR / "schema"))
    schema.add_argument("--check", action="store_true", help="only check they are current")
    schema.set_defaults(run=_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
        return code
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
