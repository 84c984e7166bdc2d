"""The command line: a thin layer over the services (no Qt for headless commands)."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from riskdesk import __version__

if TYPE_CHECKING:
    from riskdesk.services.workspace import Workspace

OK, PROBLEMS, UNUSABLE = 0, 1, 2
COMMANDS = ("demo", "new", "scheme", "check", "report", "import", "export", "merge", "calendar", "history")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(UNUSABLE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _fail(message: str, code: int = UNUSABLE) -> int:
    print(f"riskdesk: {message}", file=sys.stderr)
    return code


def build_parser() -> argparse.ArgumentParser:
    """The parser for every headless command."""
    parser = _Parser(prog="riskdesk", description="Keep risk registers and make committee papers.")
    parser.add_argument("--version", action="version", version=f"riskdesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = sub.add_parser("demo", help="write a demo register modelled on real committee papers",
                          description="Write a demo register modelled on real committee papers.")
    demo.add_argument("path", metavar="PATH", type=Path, help="the new register file to write")
    demo.add_argument("--preset", choices=("5x5", "3x3"), default="5x5",
                      help="5x5 strategic register (default) or 3x3 service risk profile")

    from riskdesk.core.presets import PRESET_NAMES
    from riskdesk.core.report_kinds import KIND_IDS

    new = sub.add_parser("new", help="make an empty register with a scoring scheme",
                         description="Make an empty register file with a preset or the council's own "
                         "scoring scheme (a scheme file from riskdesk scheme -o).")
    new.add_argument("path", metavar="PATH", type=Path, help="the new register file")
    chosen = new.add_mutually_exclusive_group()
    chosen.add_argument("--preset", choices=PRESET_NAMES, help="a built-in scheme (default 5x5)")
    chosen.add_argument("--scheme", metavar="SCHEME.json", type=Path, help="a scheme file")
    new.add_argument("--council", metavar="NAME", default="Council", help="the council's name for reports")

    scheme = sub.add_parser("scheme", help="write a register's scoring scheme to a file, or change it",
                            description="Write the register's scoring scheme as a scheme file (-o), or "
                            "change the register to another scheme (--change), every score mapped to the "
                            "new levels; a copy of the file is kept beside it first.")
    scheme.add_argument("path", metavar="PATH", type=Path)
    action = scheme.add_mutually_exclusive_group(required=True)
    action.add_argument("-o", "--output", metavar="SCHEME.json", type=Path, help="write the scheme here")
    action.add_argument("--change", metavar="SCHEME.json", type=Path,
                        help="change to this scheme (a scheme file or a preset name)")
    scheme.add_argument("--map-likelihood", metavar="OLD=NEW,...",
                        help='old likelihood levels to new, e.g. "1=1,2=1,3=2,4=2,5=3" (default: suggested)')
    scheme.add_argument("--map-impact", metavar="OLD=NEW,...", help="old impact levels to new (default: suggested)")
    scheme.add_argument("--dry-run", action="store_true", help="show every risk's new score, change nothing")

    check = sub.add_parser("check", help="check a register's integrity, schema and consistency",
                           description="Check a register's integrity, schema and consistency.")
    check.add_argument("path", metavar="PATH", type=Path)
    check.add_argument("--committee", action="store_true",
                       help="also check the register is ready for committee: reviews, owners, comments, "
                       "actions, appetite, links to the strategic register, exempt paragraphs")
    check.add_argument("--period", metavar="LABEL",
                       help='with --committee: the period to check, e.g. "Q4 2023/24" (default: the open one)')

    report = sub.add_parser("report", help="make a committee report as a PDF",
                            description="Make a committee report as a PDF.")
    report.add_argument("path", metavar="PATH", type=Path)
    report.add_argument("-o", "--output", metavar="OUT.pdf|OUT.docx", type=Path, required=True,
                        help="a PDF, or a Word document (.docx) of the committee pack, the profile or what changed")
    report.add_argument("--type", dest="kind", choices=KIND_IDS,
                        default="committee")
    report.add_argument("--period", metavar="LABEL", help='e.g. "Q4 2023/24" (default: latest closed)')
    report.add_argument("--since", metavar="LABEL",
                        help='with --type changes: compare from the close of this period (default: the last '
                        'closed one, or the one before --period)')
    report.add_argument("--mark-changes", action="store_true",
                        help="say on each risk of the pack what changed since the period before")
    report.add_argument("--register", metavar="REF", help="a register name: it and its children")
    report.add_argument("--no-children", action="store_true",
                        help="the register alone, without the registers beneath it")
    report.add_argument("--min-band", metavar="BAND", help="leave out risks below this band")
    report.add_argument("--include-closed", action="store_true", help="include closed risks")
    report.add_argument("--exempt", action="store_true",
                        help="the exempt (Part B) version: the exempt risks alone, marked on every page")
    report.add_argument("--whole-pack", action="store_true",
                        help="with --exempt: every risk, the exempt ones flagged, instead of the exempt ones alone")
    report.add_argument("--cover", action="store_true",
                        help="begin with the covering report (as last filled in the Reports dialog) and contents")
    report.add_argument("--page-size", choices=("A4", "A3"), default="A4")
    report.add_argument("--greyscale", action="store_true", help="for black-and-white printers")

    importing = sub.add_parser("import", help="add or update risks from a spreadsheet (.xlsx or .csv), or "
                               "rebuild a register from riskdesk's JSON export",
                               description="Add or update risks from a spreadsheet: a council's own register "
                               "or riskdesk's export. The sheet, heading row and what each column holds are "
                               "worked out (or read from --mapping) and listed; any bad cell means nothing is "
                               "imported. A real import first saves a copy of the register beside it. riskdesk's own "
                               "JSON export rebuilds the whole register (tree, risks, periods with their snapshots, "
                               "history) into a register file with no risks yet.")
    importing.add_argument("source", metavar="SOURCE", type=Path,
                           help="a .xlsx or .csv file, or a riskdesk .json export")
    importing.add_argument("--into", metavar="PATH", type=Path, required=True, help="the register file")
    importing.add_argument("--register", metavar="NAME",
                           help="put every row in this register (made if missing); else the Register column")
    importing.add_argument("--sheet", metavar="NAME", help="the sheet to read (default: the one like a register)")
    importing.add_argument("--header-row", metavar="N", type=int, help="the row holding the column headings")
    importing.add_argument("--mapping", metavar="MAP.json", type=Path,
                           help="what each column holds, as saved by --save-mapping (edit it to change)")
    importing.add_argument("--save-mapping", metavar="MAP.json", type=Path,
                           help="write the mapping used, to check, change and use again")
    importing.add_argument("--dry-run", action="store_true", help="check and list every change, change nothing")

    export = sub.add_parser("export", help="export a register to JSON, CSV or Excel",
                            description="Export every record of a register to a file.")
    export.add_argument("path", metavar="PATH", type=Path)
    export.add_argument("-o", "--output", metavar="OUT", type=Path, required=True,
                        help="OUT.json (every record, field, period and history entry), "
                        "OUT.csv (one row per risk) or OUT.xlsx (risks, controls and actions sheets)")
    merge = sub.add_parser("merge", help="bring a colleague's copy of the register into yours",
                           description="Bring a colleague's copy of the register into yours: their new records "
                           "and changes are added; a field changed in both copies keeps your value and is "
                           "reported (theirs stays in the history).")
    merge.add_argument("path", metavar="PATH", type=Path, help="your register")
    merge.add_argument("other", metavar="OTHER", type=Path, help="the colleague's copy")
    merge.add_argument("--dry-run", action="store_true", help="report what would change, change nothing")
    calendar = sub.add_parser("calendar", help="write review and action dates as a calendar file for Outlook",
                              description="Write each open risk's next review date and each open action's due "
                              "date to an iCalendar (.ics) file that Outlook or any calendar can import.")
    calendar.add_argument("path", metavar="PATH", type=Path)
    calendar.add_argument("-o", "--output", metavar="OUT.ics", type=Path, required=True)
    calendar.add_argument("--owner", metavar="NAME", help="only the reviews and actions this person owns")
    history = sub.add_parser("history", help="every change to a register, one a line",
                             description="Print every change kept in the file, oldest first, one a line: "
                             "when, who, which record, field, old -> new, and the reason.")
    history.add_argument("path", metavar="PATH", type=Path)
    history.add_argument("--risk", metavar="REF", help="only this risk, its controls, actions and links")
    history.add_argument("--register", metavar="NAME", help="only this register, the registers under it and "
                         "their risks")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; return its exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and (args_list[0] in COMMANDS or args_list[0].startswith("-")):
            args = build_parser().parse_args(args_list)
            if args.command is None:
                build_parser().print_help()
                return OK
            return _run(args)
        return _open_gui(args_list)
    except KeyboardInterrupt:
        return _fail("stopped.", PROBLEMS)
    except SystemExit as stop:
        return int(stop.code or 0) if isinstance(stop.code, int) else UNUSABLE
    except Exception as error:  # never a traceback: one line, then exit 2
        return _fail(f"unexpected problem: {error}")


def _run(args: argparse.Namespace) -> int:
    from riskdesk.storage.errors import RegisterFileError

    handlers = {"demo": _demo, "new": _new, "scheme": _scheme, "check": _check, "report": _report,
                "import": _import, "export": _export, "merge": _merge, "calendar": _calendar,
                "history": _history}
    try:
        return handlers[args.command](args)
    except RegisterFileError as error:
        return _fail(str(error))
    except OSError as error:  # a folder that cannot be written, a disk that went away
        where = f"{error.filename}: " if error.filename else ""
        return _fail(f"{where}{error.strerror or error}; nothing was written.")


def _note_rolled_back(workspace: Workspace) -> None:
    """Say in one line that opening the file rolled back a save that had been cut off."""
    if workspace.rolled_back_note:
        print(workspace.rolled_back_note)


def _demo(args: argparse.Namespace) -> int:
    from riskdesk.services.demo import write_demo

    path: Path = args.path
    if path.exists():
        return _fail(f"{path} already exists; choose a new file name for the demo.")
    if not path.parent.exists():
        return _fail(f"{path.parent} does not exist.")
    write_demo(path, args.preset)
    print(f"Wrote the {args.preset} demo register to {path}")
    return OK


def _new(args: argparse.Namespace) -> int:
    from riskdesk.core.validation import ValidationError
    from riskdesk.services.scheme_files import SchemeFileError, scheme_named
    from riskdesk.services.workspace import Workspace

    path: Path = args.path
    if path.exists():
        return _fail(f"{path} already exists; choose a new file name for the register.")
    if not path.parent.exists():
        return _fail(f"{path.parent} does not exist.")
    try:
        scheme = scheme_named(args.preset, args.scheme)
        workspace = Workspace.create(path, scheme, council_name=args.council.strip() or "Council")
    except (SchemeFileError, ValidationError) as error:
        return _fail(f"{error}".rstrip(".") + "; no register was made.")
    workspace.close()
    print(f"Made {path}: an empty register with the {scheme.name} scheme "
          f"({len(scheme.likelihood)} likelihood x {len(scheme.impact)} impact levels)")
    return OK


def _scheme(args: argparse.Namespace) -> int:
    from riskdesk.services.scheme_files import write_scheme_file
    from riskdesk.services.workspace import Workspace

    if args.change is not None:
        return _change_scheme(args)
    output: Path = args.output
    if output.suffix.lower() != ".json":
        return _fail(f"{output.name}: a scheme file is JSON; name the output file .json")
    if not output.parent.exists():
        return _fail(f"{output.parent} does not exist.")
    workspace = Workspace.open(args.path, read_only=True)
    _note_rolled_back(workspace)
    try:
        scheme = workspace.scheme
    finally:
        workspace.close()
    write_scheme_file(scheme, output)
    print(f"Wrote the {scheme.name} scheme of {args.path.name} to {output}")
    return OK


def _change_scheme(args: argparse.Namespace) -> int:
    from riskdesk.core.presets import PRESET_NAMES, preset
    from riskdesk.core.validation import ValidationError
    from riskdesk.services.scheme_change import (
        LevelMapping,
        change_scheme_safely,
        mapping_problems,
        preview_change,
        suggested_mapping,
    )
    from riskdesk.services.scheme_files import SchemeFileError, read_scheme_file
    from riskdesk.services.workspace import Workspace
    from riskdesk.storage.records import RISK

    try:
        new = preset(str(args.change)) if str(args.change) in PRESET_NAMES else read_scheme_file(args.change)
    except SchemeFileError as error:
        return _fail(f"{error}".rstrip(".") + "; nothing was changed.")
    workspace = Workspace.open(args.path, read_only=args.dry_run)
    _note_rolled_back(workspace)
    try:
        old = workspace.scheme
        suggested = suggested_mapping(old, new)
        try:
            mapping = LevelMapping(_level_map(args.map_likelihood, "--map-likelihood", suggested.likelihood),
                                   _level_map(args.map_impact, "--map-impact", suggested.impact))
        except ValueError as error:
            return _fail(str(error))
        risks = workspace.store.all(RISK)
        try:
            moves = preview_change(risks, old, new, mapping)
        except KeyError:
            moves = []  # a mapping to levels the new scheme lacks: refused just below, with the reason
        print(f"{old.name} to {new.name}: likelihood " + _mapping_words(mapping.likelihood)
              + "; impact " + _mapping_words(mapping.impact))
        for move in moves:
            print(f"  {move.reference} {move.kind}: {move.before} -> {move.after}")
        if args.dry_run:
            problems = [str(p) for p in mapping_problems(old, new, mapping)] + new.problems()
            for problem in problems:
                print(f"{args.path.name}: {problem}", file=sys.stderr)
            print(f"Would change {len(risks)} risk(s) to the {new.name} scheme; nothing was changed.")
            return PROBLEMS if problems else OK
        try:
            result = change_scheme_safely(workspace, new, mapping)
        except ValidationError as error:
            for reported in error.problems:
                print(f"{args.path.name}: {reported}", file=sys.stderr)
            print("Nothing was changed.")
            return PROBLEMS
    finally:
        workspace.close()
    kept = f"; the file as it was is kept as {result.backup.name}" if result.backup else ""
    print(f"Changed {args.path.name} to the {new.name} scheme: {len(result.changes.risks)} risk(s) re-scored{kept}")
    return OK


def _level_map(text: str | None, option: str, default: dict[int, int]) -> dict[int, int]:
    """'1=1,2=1,3=2' as a level mapping; the suggestion fills levels not given."""
    if not text:
        return dict(default)
    table = dict(default)
    for part in text.split(","):
        old, sep, new = part.partition("=")
        if not sep or not old.strip().isdigit() or not new.strip().isdigit():
            raise ValueError(f"{option}: {part.strip()!r} is not OLD=NEW with level numbers, e.g. 3=2")
        table[int(old)] = int(new)
    return table


def _mapping_words(table: dict[int, int]) -> str:
    return ", ".join(f"{old}->{new}" for old, new in sorted(table.items()))


def _check(args: argparse.Namespace) -> int:
    from riskdesk.services.checking import check_file

    if args.period is not None and not args.committee:
        return _fail("--period goes with --committee (riskdesk check PATH --committee --period LABEL).")
    report = check_file(args.path)
    for fact in report.facts:
        print(fact)
    for problem in report.problems:
        print(f"Problem: {problem}", file=sys.stderr)
    found = len(report.problems)
    if args.committee:
        if not report.ok:
            print("The committee check was not made: put the problems above right first.")
            return PROBLEMS
        code = _committee_check(args)
        if code != OK:
            return code
    if report.ok:
        print("No problems found.")
        return OK
    print(f"{found} problem(s) found.")
    return PROBLEMS


def _committee_check(args: argparse.Namespace) -> int:
    from riskdesk.services.committee_check import CheckError, check_for_committee
    from riskdesk.services.workspace import Workspace

    workspace = Workspace.open(args.path, read_only=True)
    _note_rolled_back(workspace)
    try:
        result = check_for_committee(workspace, args.period)
    except CheckError as error:
        return _fail(str(error))
    finally:
        workspace.close()
    if result.ready:
        print(f"Ready for committee ({result.period_label}): nothing to put right.")
        return OK
    for finding in result.findings:
        print(finding.line)
    print(f"Not ready for committee ({result.period_label}): {len(result.findings)} thing(s) to put right.")
    return PROBLEMS


def _calendar(args: argparse.Namespace) -> int:
    from riskdesk.services.calendar_export import owners, write_calendar
    from riskdesk.services.workspace import Workspace

    output: Path = args.output
    if output.suffix.lower() != ".ics":
        return _fail(f"{output.name}: the reminders are a calendar file; name the output file .ics")
    if not output.parent.exists():
        return _fail(f"{output.parent} does not exist.")
    workspace = Workspace.open(args.path, read_only=True)
    _note_rolled_back(workspace)
    try:
        if args.owner and args.owner.strip():
            known = owners(workspace)
            if args.owner.strip().lower() not in {name.lower() for name in known}:
                return _fail(f'{args.path.name}: nobody called "{args.owner.strip()}" owns an open risk or action; '
                             f"the owners are {', '.join(known) or 'not set yet'}.", PROBLEMS)
        count = write_calendar(workspace, output, args.owner)
    except OSError as error:
        return _fail(f"{output}: could not be written ({error.strerror or error}).")
    finally:
        workspace.close()
    who = f" for {args.owner.strip()}" if args.owner and args.owner.strip() else ""
    print(f"Wrote {count} reminder{'s' if count != 1 else ''}{who} to {output}")
    return OK


def _history(args: argparse.Namespace) -> int:
    from riskdesk.services.change_log import UnknownRecord, change_line, changes_of, register_ids_of, risk_id_of
    from riskdesk.services.workspace import Workspace

    workspace = Workspace.open(args.path, read_only=True)
    _note_rolled_back(workspace)
    try:
        risk_ids = [risk_id_of(workspace, args.risk)] if args.risk is not None else None
        register_ids = register_ids_of(workspace, args.register) if args.register is not None else None
        changes = changes_of(workspace, risk_ids, register_ids)
    except UnknownRecord as error:
        return _fail(f"{args.path.name}: {error}.")
    finally:
        workspace.close()
    for change in changes:
        print(change_line(change))
    return OK


def _report(args: argparse.Namespace) -> int:
    from riskdesk.services.reports import ReportError, ReportOptions, write_report
    from riskdesk.services.workspace import Workspace

    output: Path = args.output
    if output.suffix.lower() not in (".pdf", ".docx"):
        return _fail(f"{output.name}: name the output file .pdf, or .docx for a Word document")
    if not output.parent.exists():
        return _fail(f"{output.parent} does not exist.")
    options = ReportOptions(
        kind=args.kind, period=args.period, register=args.register, children=not args.no_children,
        since=args.since, mark_changes=args.mark_changes,
        min_band=args.min_band,
        include_closed=args.include_closed, exempt=args.exempt, whole_pack=args.whole_pack, page_size=args.page_size,
        greyscale=args.greyscale,
    )
    workspace = Workspace.open(args.path, read_only=True)
    _note_rolled_back(workspace)
    try:
        if args.cover:
            from dataclasses import replace

            from riskdesk.services.covers import cover_for

            options = replace(options, cover=cover_for(workspace, args.register, args.kind))
        pages = write_report(workspace, options, output)
    except ReportError as error:
        return _fail(f"{args.path.name}: {error}")
    except OSError as error:
        return _fail(f"{output}: could not be written ({error.strerror or error}).")
    finally:
        workspace.close()
    if output.suffix.lower() == ".docx":
        print(f"Wrote {output} (a Word document of {pages} risk{'s' if pages != 1 else ''})")
    else:
        print(f"Wrote {output} ({pages} page{'s' if pages != 1 else ''})")
    return OK


def _import(args: argparse.Namespace) -> int:
    from riskdesk.interchange.layout import Mapping
    from riskdesk.interchange.sheets import SpreadsheetError
    from riskdesk.services.importing import import_risks
    from riskdesk.services.workspace import Workspace

    source: Path = args.source
    if not source.is_file():
        return _fail(f"{source} does not exist.")
    if source.suffix.lower() == ".json":
        given = [option for option, value in (("--register", args.register), ("--sheet", args.sheet),
                 ("--header-row", args.header_row), ("--mapping", args.mapping),
                 ("--save-mapping", args.save_mapping)) if value is not None]
        if given:
            return _fail(f"{source.name} is a riskdesk export, imported whole; {', '.join(given)} "
                         "is for spreadsheets, so leave it out.")
    try:
        mapping = Mapping.load(args.mapping) if args.mapping else None
    except SpreadsheetError as error:
        return _fail(str(error))
    workspace = Workspace.open(args.into)
    _note_rolled_back(workspace)
    try:
        result = import_risks(workspace, source, args.register, dry_run=args.dry_run, mapping=mapping,
                              sheet=args.sheet, header_row=args.header_row, backup=not args.dry_run)
    except SpreadsheetError as error:
        return _fail(str(error))
    finally:
        workspace.close()
    if args.save_mapping and result.mapping is not None:
        result.mapping.save(args.save_mapping)
        print(f"Saved the mapping to {args.save_mapping}")
    for line in result.summary:
        print(line)
    for warning in result.warnings:
        print(f"{source.name}: {warning}")
    if result.problems:
        for problem in result.problems:
            print(f"{source.name}: {problem}", file=sys.stderr)
        print(f"Nothing was imported: {len(result.problems)} problem(s) to fix in {source.name}.")
        return PROBLEMS
    if args.dry_run:
        for label, references in (("add", result.created), ("update", result.updated),
                                  ("leave unchanged", result.unchanged)):
            for reference in references:
                print(f"Would {label}: {reference}")
    extra = ", ".join(f"{n} {what}" for what, n in result.counts.items() if n)
    verb = "Would import" if args.dry_run else "Imported"
    print(f"{verb} {source.name}: {len(result.created)} new, {len(result.updated)} updated, "
          f"{len(result.unchanged)} unchanged" + (f"; {extra}" if extra else "") + (
              f"; new registers: {', '.join(result.new_registers)}" if result.new_registers else ""))
    if result.backup is not None:
        print(f"The register as it was is kept in {result.backup.name}")
    return OK


def _export(args: argparse.Namespace) -> int:
    from riskdesk.interchange.tabular_export import ExportError
    from riskdesk.services.exporting import FORMATS, export_file
    from riskdesk.services.workspace import Workspace

    output: Path = args.output
    if output.suffix.lower() not in FORMATS:
        return _fail(f"{output.name}: riskdesk exports to .json, .csv or .xlsx; name the output file so")
    if not output.parent.exists():
        return _fail(f"{output.parent} does not exist.")
    workspace = Workspace.open(args.path, read_only=True)
    _note_rolled_back(workspace)
    try:
        count = export_file(workspace, output)
    except ExportError as error:
        return _fail(f"{output.name} was not written: {error}.")
    except OSError as error:
        return _fail(f"{output}: could not be written ({error.strerror or error}).")
    finally:
        workspace.close()
    print(f"Exported {count} risks to {output}")
    return OK


def _merge(args: argparse.Namespace) -> int:
    from riskdesk.services.merging import merge_copy
    from riskdesk.services.workspace import Workspace

    workspace = Workspace.open(args.path)
    _note_rolled_back(workspace)
    try:
        result = merge_copy(workspace, args.other, dry_run=args.dry_run)
    finally:
        workspace.close()
    heading = "Would bring in" if args.dry_run else "Brought in"
    print(f"{heading} from {args.other.name}:")
    for line in result.summary():
        print(f"  {line}")
    for conflict in result.outcome.conflicts:
        print(f"{args.other.name}: {conflict}", file=sys.stderr)
    if result.outcome.conflicts:
        print(f"{len(result.outcome.conflicts)} conflict(s): your values were kept.")
        return PROBLEMS
    return OK


def _has_screen() -> bool:
    """False on a Linux machine with no display, where Qt would abort with a core dump."""
    import os

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _open_gui(args_list: list[str]) -> int:
    parser = _Parser(prog="riskdesk", description="Open the riskdesk window.",
                     epilog=f"Commands: {', '.join(COMMANDS)} (riskdesk COMMAND --help)")
    parser.add_argument("file", metavar="FILE", nargs="?", type=Path, help="a register to open")
    first = Path(args_list[0]) if args_list else None
    if first is not None and not first.exists() and first.suffix == "":
        # "riskdesk chek file.sqlite" is a mistyped command, not a file to open.
        return _fail(f"there is no command or file called {args_list[0]!r}; "
                     f"the commands are {', '.join(COMMANDS)} (see riskdesk --help).")
    args = parser.parse_args(args_list)
    if not _has_screen():
        return _fail("there is no screen to open the window on; the commands (riskdesk --help) work without one.")
    # Python's cycle collector waits until the window's first paint (riskdesk.ui.app.pause_collector):
    # loading the window's code and the file makes only objects that live on.
    gc.disable()
    try:
        from riskdesk.ui.app import run
    except ImportError as error:
        return _fail(f"the window cannot start on this machine ({error}).")
    return run(args.file)


if __name__ == "__main__":
    sys.exit(main())
