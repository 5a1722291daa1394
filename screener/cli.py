"""Command line: `python -m screener validate | screen | schema | handout | quiz | app | class`.

Exit codes: 0 success, 1 the rule book or its examples failed, 2 the input (or an option) could
not be used; for the output, as `sysexits.h` and shells number them: 69 the class database could
not be used, 73 the PDF file could not be created, 74 standard output could not be written (a
full disk, a terminal that cannot show the report's characters), 141 the reader of standard
output went away (128 + SIGPIPE).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from pathlib import Path

from screener import settings
from screener.engine import screen, screen_case
from screener.errors import ScreenerError
from screener.inputs.phenopacket import (
    MAX_PHENOPACKET_BYTES,
    PhenopacketError,
    case_of,
    is_phenopacket,
    parse_phenopacket,
    phenopacket_case,
)
from screener.inputs.profile_json import (
    MAX_PROFILE_BYTES,
    profile_from_data,
    profile_from_json,
    read_json,
)
from screener.models import Profile, ProfileError
from screener.present.handout_view import handout_view, key_view
from screener.present.quiz_view import quiz_view
from screener.present.view import build_view
from screener.present.words import PAGE_SIZES
from screener.report.json_report import render_json
from screener.report.text import render_text
from screener.rulebook import (
    DEFAULT_RULES_DIR,
    RuleBook,
    RuleBookError,
    configured_rules_dir,
    load_rule_book,
)
from screener.rulebook.labs import with_canonical_units
from screener.rulebook.schema import stale_schemas, write_schemas
from screener.validate import validate, validate_case_pack

EXIT_RULE_BOOK = 1
EXIT_INPUT = 2
EXIT_UNAVAILABLE = 69
EXIT_CANNOT_CREATE = 73
EXIT_OUTPUT = 74
EXIT_CLOSED_PIPE = 128 + signal.SIGPIPE


class OutputError(ScreenerError):
    """The report could not be written; the message says where and why, in words."""

    def __init__(self, message: str, code: int = EXIT_OUTPUT) -> None:
        super().__init__(message)
        self.code = code


class OptionError(ScreenerError):
    """An option cannot be used as given."""


def _write_out(text: str) -> None:
    """Print to standard output, or raise `OutputError` saying why it could not be done."""
    stream = sys.stdout
    try:
        stream.write(text)
        stream.flush()
    except UnicodeEncodeError as error:
        character = error.object[error.start : error.end]
        raise OutputError(
            f"Cannot write to standard output: its encoding ({error.encoding}) cannot show "
            f"{character!r}. Set PYTHONIOENCODING=utf-8, or write a PDF with --pdf."
        ) from None
    except BrokenPipeError:
        _discard_unwritten_output()
        raise OutputError(
            "Cannot write to standard output: the program reading it closed the pipe.",
            EXIT_CLOSED_PIPE,
        ) from None
    except OSError as error:
        _discard_unwritten_output()
        raise OutputError(f"Cannot write to standard output: {error.strerror or error}.") from None


def _discard_unwritten_output() -> None:
    # What is still buffered would fail again as Python exits, with a traceback of its own.
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


RULES_HELP = f"rule book folder (default: ${settings.RULES_DIR_ENV}, or the built-in one)"


def _rule_book_dir(given: str | None) -> str | Path:
    """The folder named on the command line, else the one the settings name."""
    return given or configured_rules_dir()


def _validate(args: argparse.Namespace) -> int:
    outcome = validate(_rule_book_dir(args.rules_dir))
    for warning in outcome.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for problem in outcome.problems:
        print(problem, file=sys.stderr)
    if outcome.problems:
        count = len(outcome.problems)
        print(f"The rule book has {count} problem{'s' if count != 1 else ''}.", file=sys.stderr)
        return 1
    book = load_rule_book(_rule_book_dir(args.rules_dir))
    gaps = outcome.external_examples - outcome.external_passed
    _write_out(
        f"Rule book {book.info.version} ({book.content_hash[:12]}) is valid: "
        f"{len(book.syndromes)} syndromes, {len(book.findings)} findings, "
        f"{outcome.examples} examples behave as their rules say, "
        f"{outcome.mimic_cases} mimic cases show no strong card, and "
        f"{outcome.external_passed} of {outcome.external_examples} Orphanet examples pass "
        f"({gaps} known gap{'s' if gaps != 1 else ''}{', warned above' if gaps else ''}).\n"
    )
    if outcome.hpo is not None and outcome.hpo_release is not None:
        _write_out(
            f"HPO: {outcome.hpo.coded} of {outcome.hpo.phenotypes} phenotype findings carry "
            f"terms ({outcome.hpo.share:.0%}), each checked against HPO release "
            f"{outcome.hpo_release}.\n"
        )
    if outcome.frequencies is not None:
        rated = outcome.frequencies
        _write_out(
            f"Frequencies: {rated.rated} of {rated.syndromes} syndromes say how often a finding "
            f"is seen (Orphanet's annotation for {rated.orphanet}, a cited series for "
            f"{rated.series}, only the definition a cited source gives for "
            f"{rated.definition_only}); the rest say nothing about frequency.\n"
        )
    if args.cases:
        pack = validate_case_pack(args.cases, book)
        _write_out(f"Case pack {pack.folder} is valid: {len(pack.cases)} teaching cases.\n")
    return 0


def _read_case(path: str, form: str, book: RuleBook) -> tuple[Profile, tuple[str, ...]]:
    """The case in a profile or Phenopacket file (`form`: auto, profile or phenopacket), and
    what of a Phenopacket could not be used."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_PHENOPACKET_BYTES + 1)
    else:
        with Path(path).open("rb") as source:
            data = source.read(MAX_PHENOPACKET_BYTES + 1)
    if form == "phenopacket":
        case = phenopacket_case(data, book)
        return case.profile, case.notes
    if form == "profile":
        return profile_from_json(data), ()
    document = read_json(data, "profile", MAX_PHENOPACKET_BYTES)
    if is_phenopacket(document):
        case = case_of(parse_phenopacket(document), book)
        return case.profile, case.notes
    if len(data) > MAX_PROFILE_BYTES:
        raise ProfileError([f"the profile is larger than {MAX_PROFILE_BYTES:,} bytes"])
    return profile_from_data(document), ()


def _same_file(first: str, second: str) -> bool:
    """Whether two names reach one file. By identity (device and inode) when both exist, so a
    hard link is caught as surely as a symbolic link; a name not yet written can only be the
    other by its resolved path."""
    try:
        one, other = os.stat(first), os.stat(second)
    except OSError:
        return Path(first).resolve() == Path(second).resolve()
    return (one.st_dev, one.st_ino) == (other.st_dev, other.st_ino)


def _check_pdf_target(target: str, option: str = "--pdf", reads: str | None = None) -> None:
    """Refuse a PDF path that would overwrite something other than an earlier PDF."""
    if not target.strip():
        raise OptionError(f"{option} needs a file name, for example {option} summary.pdf")
    path = Path(target)
    if not path.exists():
        return
    if not path.is_file():
        raise OptionError(f"{option} {target} is not a regular file; give a file name for the PDF")
    if reads not in (None, "-") and _same_file(target, reads):
        raise OptionError(f"{option} {target} is the profile being read; choose another file")
    try:
        with path.open("rb") as existing:
            is_pdf = existing.read(5) == b"%PDF-"
    except OSError as error:
        raise OptionError(f"Cannot check {target}: {error.strerror or error}") from None
    if not is_pdf:
        raise OptionError(
            f"{option} {target} exists and is not a PDF; it was left alone (remove it or choose "
            "another name)"
        )


def _write_file(target: str, document: bytes) -> None:
    try:
        Path(target).write_bytes(document)
    except OSError as error:
        raise OutputError(
            f"Cannot write {target}: {error.strerror or error}", EXIT_CANNOT_CREATE
        ) from None


def _screen(args: argparse.Namespace) -> int:
    if args.pdf is not None:
        _check_pdf_target(args.pdf, reads=args.profile)
    book = load_rule_book(_rule_book_dir(args.rules))
    profile, notes = _read_case(args.profile, args.input, book)
    if notes:
        print("From the Phenopacket, read as follows or not used:", file=sys.stderr)
        for note in notes:
            print(f"  - {note}", file=sys.stderr)
    profile = with_canonical_units(profile, book)
    result = screen(profile, book)
    view = build_view(result, book)
    if args.pdf is not None:
        # fpdf2 is heavy to import; only a PDF request pays for it.
        from screener.report.pdf import render_pdf

        # Written before anything is printed, so a failed write leaves no half-done output.
        _write_file(args.pdf, render_pdf(view, page_size=args.page_size))
    if args.format == "json":
        _write_out(render_json(result) + "\n")
    elif args.format == "fhir":
        from screener.report.fhir import render_fhir

        _write_out(render_fhir(profile, render_text(view), book))
    elif args.format == "phenopacket":
        from screener.report.phenopacket import render_phenopacket

        _write_out(render_phenopacket(profile, book))
    else:
        _write_out(render_text(view))
    return 0


def _handout(args: argparse.Namespace) -> int:
    _check_pdf_target(args.pdf)
    if args.key is not None:
        _check_pdf_target(args.key, "--key")
        if _same_file(args.key, args.pdf):
            raise OptionError("--key and --pdf name the same file; the key must not overwrite it")
    book = load_rule_book(_rule_book_dir(args.rules))
    pack = args.cases or settings.current().case_pack
    cases = {
        c.id: c for c in (*book.cases, *(validate_case_pack(pack, book).cases if pack else ()))
    }
    wanted = list(cases) if args.case_ids == ["all"] else args.case_ids
    unknown = [case_id for case_id in wanted if case_id not in cases]
    if unknown:
        raise OptionError(f"Unknown teaching case: {', '.join(unknown)}")
    chosen = [cases[case_id] for case_id in wanted]
    # fpdf2 is heavy to import; only a handout pays for it.
    from screener.report.handout import render_handout, render_key

    outputs = [(args.pdf, render_handout(handout_view(chosen, book), page_size=args.page_size))]
    if args.key:
        screened = [(case, screen_case(case, book)) for case in chosen]
        outputs.append((args.key, render_key(key_view(screened, book), page_size=args.page_size)))
    for path, document in outputs:
        _write_file(path, document)
        _write_out(f"Wrote {path}\n")
    return 0


QUIZ_SIGNATURES = {"qti": (b"PK\x03\x04", "QTI package"), "gift": (b"$CATEGORY:", "GIFT file")}
"""How a file this command wrote begins, so --out overwrites only an earlier quiz."""


def _check_quiz_target(target: str, form: str) -> None:
    path = Path(target)
    if not target.strip():
        raise OptionError("--out needs a file name, for example --out quiz.zip")
    if not path.exists():
        return
    signature, kind = QUIZ_SIGNATURES[form]
    if not path.is_file():
        raise OptionError(f"--out {target} is not a regular file; give a file name for the quiz")
    try:
        with path.open("rb") as existing:
            earlier = existing.read(len(signature)) == signature
    except OSError as error:
        raise OptionError(f"Cannot check {target}: {error.strerror or error}") from None
    if not earlier:
        raise OptionError(
            f"--out {target} exists and is not a {kind}; it was left alone (remove it or choose "
            "another name)"
        )


def _quiz(args: argparse.Namespace) -> int:
    if args.out is None and args.format == "qti":
        raise OptionError("a QTI package is a zip file: give --out, for example --out quiz.zip")
    if args.out is not None:
        _check_quiz_target(args.out, args.format)
    book = load_rule_book(_rule_book_dir(args.rules))
    pack = args.cases or settings.current().case_pack
    cases = {
        c.id: c for c in (*book.cases, *(validate_case_pack(pack, book).cases if pack else ()))
    }
    wanted = list(cases) if args.case_ids == ["all"] else args.case_ids
    unknown = [case_id for case_id in wanted if case_id not in cases]
    if unknown:
        raise OptionError(f"Unknown teaching case: {', '.join(unknown)}")
    chosen = [cases[case_id] for case_id in dict.fromkeys(wanted)]
    view = quiz_view([(case, screen_case(case, book)) for case in chosen], book)
    from screener.report.quiz import render_gift, render_qti

    if args.format == "qti":
        _write_file(args.out, render_qti(view))
        _write_out(f"Wrote {args.out} ({len(view.questions)} questions)\n")
    elif args.out is not None:
        _write_file(args.out, render_gift(view).encode("utf-8"))
        _write_out(f"Wrote {args.out} ({len(view.questions)} questions)\n")
    else:
        _write_out(render_gift(view))
    return 0


def _schema(args: argparse.Namespace) -> int:
    folder = Path(args.out)
    if args.check:
        stale = stale_schemas(folder)
        for name in stale:
            print(f"out of date: {folder / name} (run: python -m screener schema)", file=sys.stderr)
        return 1 if stale else 0
    try:
        written = write_schemas(folder)
    except OSError as error:
        raise OutputError(f"Cannot write {error.filename}: {error.strerror or error}") from None
    _write_out("".join(f"{path}\n" for path in written))
    return 0


def _class_purge(args: argparse.Namespace) -> int:
    # The class service and its database load only for this command.
    from screener import classroom
    from screener.present import class_words
    from screener.present.words import plural

    settings.current()  # a setting that cannot be used is an option error, exit 2
    try:
        purged = classroom.purge()
    except classroom.ClassProblem as error:
        print(error.text, file=sys.stderr)
        return EXIT_UNAVAILABLE
    _write_out(
        class_words.PURGED.format(
            sessions=plural(purged.sessions, "class session"),
            answers=plural(purged.answers, "answer"),
            codes=plural(purged.practice_codes, "practice code"),
            items=plural(purged.practice_items, "practice item"),
            days=classroom.retention_days(),
        )
        + "\n"
    )
    return 0


APP_SCRIPT = Path(__file__).resolve().parent / "app" / "main.py"
"""The app's entry script inside the package."""


def _app(args: argparse.Namespace) -> int:
    command = [sys.executable, "-m", "streamlit", "run", str(APP_SCRIPT), *args.streamlit_options]
    # The server replaces this process, so a stop signal reaches Streamlit itself.
    try:
        os.execv(sys.executable, command)
    except OSError as error:
        raise OutputError(f"Cannot start the app: {error.strerror or error}", EXIT_INPUT) from None
    return 0  # pragma: no cover - execv does not return


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m screener",
        description="Paraneoplastic Pattern Screener: an educational, non-diagnostic checklist.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "validate", help="check the rule book and run its examples and the mimics set"
    )
    check.add_argument(
        "rules_dir",
        nargs="?",
        help=RULES_HELP,
    )
    check.add_argument("--cases", metavar="DIR", help="also check a teacher's case pack folder")
    check.set_defaults(run=_validate)
    run = commands.add_parser(
        "screen", help="screen a profile or a Phenopacket (JSON file, or - for stdin)"
    )
    run.add_argument("profile")
    run.add_argument(
        "--format",
        choices=("text", "json", "phenopacket", "fhir"),
        default="text",
        help="what to write: the text report, the result as JSON, or the case as a "
        "Phenopacket (v2) or a FHIR R4 Bundle with the summary",
    )
    run.add_argument(
        "--input",
        choices=("auto", "profile", "phenopacket"),
        default="auto",
        help="what the file is (auto: a Phenopacket is told from a profile by its fields)",
    )
    run.add_argument(
        "--rules",
        help=RULES_HELP,
    )
    run.add_argument(
        "--pdf", metavar="OUT.pdf", help="also write a printable PDF summary to this file"
    )
    run.add_argument("--page-size", choices=PAGE_SIZES, default="A4", help="PDF page size")
    run.set_defaults(run=_screen)
    handout = commands.add_parser(
        "handout", help="a class handout PDF of teaching cases, and its teacher's key"
    )
    handout.add_argument("case_ids", nargs="+", metavar="CASE_ID", help="case ids, or: all")
    handout.add_argument("--pdf", required=True, metavar="OUT.pdf", help="the students' sheets")
    handout.add_argument("--key", metavar="KEY.pdf", help="also write the teacher's key")
    handout.add_argument(
        "--cases", metavar="DIR", help=f"a case pack folder (default: ${settings.CASE_PACK_ENV})"
    )
    handout.add_argument(
        "--rules",
        help=RULES_HELP,
    )
    handout.add_argument("--page-size", choices=PAGE_SIZES, default="A4", help="PDF page size")
    handout.set_defaults(run=_handout)
    quiz = commands.add_parser(
        "quiz", help="a stage-by-stage quiz of teaching cases for Moodle (GIFT) or Canvas (QTI)"
    )
    quiz.add_argument("case_ids", nargs="+", metavar="CASE_ID", help="case ids, or: all")
    quiz.add_argument(
        "--format",
        choices=("gift", "qti"),
        required=True,
        help="gift: Moodle's question format; qti: a QTI 1.2 package (a zip) for Canvas",
    )
    quiz.add_argument(
        "--out",
        metavar="FILE",
        help="the file to write (needed for QTI; GIFT goes to standard output without it)",
    )
    quiz.add_argument(
        "--cases", metavar="DIR", help=f"a case pack folder (default: ${settings.CASE_PACK_ENV})"
    )
    quiz.add_argument(
        "--rules",
        help=RULES_HELP,
    )
    quiz.set_defaults(run=_quiz)
    app = commands.add_parser(
        "app",
        help="start the app (Streamlit) from the installed package",
        description="Start the app from the installed package; any further options go to "
        "`streamlit run` (e.g. --server.port 8502).",
    )
    app.set_defaults(run=_app)
    schema = commands.add_parser("schema", help="write the rule files' JSON Schemas")
    schema.add_argument("--out", default=str(DEFAULT_RULES_DIR / "schema"))
    schema.add_argument("--check", action="store_true", help="only check they are current")
    schema.set_defaults(run=_schema)
    live = commands.add_parser("class", help="live class sessions and practice codes")
    live_commands = live.add_subparsers(dest="class_command", required=True)
    purge = live_commands.add_parser(
        "purge",
        help=f"delete class data past its retention (${settings.RETENTION_DAYS_ENV}, in days)",
    )
    purge.set_defaults(run=_class_purge)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    # Options after `app` are Streamlit's own (--server.port…): only `app` takes unknown ones.
    args, streamlit_options = parser.parse_known_args(argv)
    if streamlit_options and args.command != "app":
        parser.error(f"unrecognized arguments: {' '.join(streamlit_options)}")
    args.streamlit_options = streamlit_options
    try:
        code: int = args.run(args)
        return code
    except RuleBookError as error:
        print(error, file=sys.stderr)
        return EXIT_RULE_BOOK
    except ProfileError as error:
        what = "Phenopacket" if isinstance(error, PhenopacketError) else "profile"
        print(f"The {what} cannot be screened:", file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return EXIT_INPUT
    except (OptionError, settings.SettingsError) as error:
        print(error, file=sys.stderr)
        return EXIT_INPUT
    except OutputError as error:
        print(error, file=sys.stderr)
        return error.code
    except OSError as error:
        # Only reading the profile is left to fail here; every write is an `OutputError`.
        print(f"Cannot read {error.filename}: {error.strerror or error}", file=sys.stderr)
        return EXIT_INPUT
