"""Reading risks from a spreadsheet (.xlsx or .csv) into checked rows; nothing is written here."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from riskdesk.core.dates import read_date
from riskdesk.core.model import RiskStatus, Score, Treatment
from riskdesk.core.scheme import ScoringScheme
from riskdesk.core.validation import Problem, ValidationError

REQUIRED = ("Reference", "Title")
TEXT_FIELDS = {
    "Title": "title", "Description": "description", "Category": "category", "Risk owner": "owner",
    "Accountable officer": "accountable_officer", "Cabinet member": "cabinet_member",
    "Risk appetite": "appetite", "Proximity": "proximity", "Period comment": "period_comment",
}
DATE_FIELDS = {"Target date": "target_date", "Last reviewed": "last_reviewed", "Next review": "next_review"}
MAX_ROWS = 50_000
# Columns our exports write that riskdesk works out (or keeps elsewhere) and so never reads back.
NOT_READ = ("Inherent score", "Inherent band", "Residual score", "Residual band", "Target score", "Target band",
            "Direction of travel", "Controls", "Open actions")


class SpreadsheetError(ValueError):
    """A source file that cannot be read at all; one plain sentence."""


@dataclass
class ImportRow:
    """One spreadsheet row turned into risk fields, with the problems found in it."""

    number: int  # the row number a user sees in the spreadsheet
    reference: str
    register: str
    fields: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_rows(source: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Rows of the first sheet as header -> value, numbered as the spreadsheet shows them."""
    suffix = source.suffix.lower()
    if suffix == ".csv":
        yield from _csv_rows(source)
    elif suffix == ".xlsx":
        yield from _xlsx_rows(source)
    else:
        raise SpreadsheetError(f"{source.name}: riskdesk imports .xlsx or .csv files")


def _csv_rows(source: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        with source.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if not header:
                raise SpreadsheetError(f"{source.name} is empty")
            names = [h.strip() for h in header]
            for number, cells in enumerate(reader, start=2):
                if any(c.strip() for c in cells):
                    yield number, dict(zip(names, cells, strict=False))
    except UnicodeDecodeError:
        raise SpreadsheetError(f"{source.name} is not a UTF-8 text file; save it as CSV UTF-8") from None
    except csv.Error as error:
        raise SpreadsheetError(f"{source.name} could not be read as CSV ({error})") from None


def _xlsx_rows(source: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        raise SpreadsheetError(f"{source.name} is not an Excel workbook that riskdesk can read") from None
    try:
        sheet = book["Risks"] if "Risks" in book.sheetnames else book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if not header or not any(header):
            raise SpreadsheetError(f"{source.name} has no header row")
        names = [str(h).strip() if h is not None else "" for h in header]
        for number, cells in enumerate(rows, start=2):
            if any(c not in (None, "") for c in cells):
                yield number, dict(zip(names, cells, strict=False))
    finally:
        book.close()


def _column(row: dict[str, Any], name: str) -> Any:
    for key, value in row.items():
        if key.strip().lower() == name.lower():
            return value
    return None


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    # Undo the quote our exports put before formula-like text.
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@") else text


def _as_date(value: Any, column: str, problems: list[Problem]) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return read_date(str(value), column)
    except ValidationError as error:  # the same words as the editor's
        problems += [Problem(column, problem.message) for problem in error.problems]
        return None


def _as_level(value: Any, column: str, top: int, problems: list[Problem]) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        number = -1.0
    if not number.is_integer() or not 1 <= number <= top:
        problems.append(Problem(column, f"{column} must be a whole number 1 to {top}; got {_as_text(value)!r}"))
        return None
    return int(number)


def _score(row: dict[str, Any], kind: str, scheme: ScoringScheme, problems: list[Problem]) -> Score | None:
    likelihood_column, impact_column = f"{kind} likelihood", f"{kind} impact"
    likelihood = _as_level(_column(row, likelihood_column), likelihood_column, scheme.max_likelihood, problems)
    impact = _as_level(_column(row, impact_column), impact_column, scheme.max_impact, problems)
    if (likelihood is None) != (impact is None) and not problems:
        problems.append(Problem(likelihood_column, f"{kind} likelihood and impact must both be given or both empty"))
    if likelihood is None or impact is None:
        return None
    return Score(likelihood, impact)


def _check_product(row: dict[str, Any], kind: str, score: Score | None, problems: list[Problem],
                   scheme: ScoringScheme) -> None:
    """A score column that disagrees with likelihood x impact was edited by hand: say so, don't guess."""
    column = f"{kind} score"
    typed = _as_text(_column(row, column))
    if not typed or score is None:
        return
    value = scheme.value_of(score)  # weighted levels score their values, not their numbers
    if typed != str(value):
        problems.append(Problem(column, f"{column} {typed} is not likelihood x impact "
                                        f"({score.likelihood} x {score.impact} = {value}); "
                                        "change the likelihood or impact instead"))


def names_registers(source: Path) -> bool:
    """True when the sheet has a Register column with a register named in it."""
    try:
        return any(_as_text(_column(row, "Register")) for _number, row in read_rows(source))
    except SpreadsheetError:
        return False


def not_read_columns(source: Path) -> list[str]:
    """The columns of the sheet that riskdesk works out itself and so does not import."""
    for _number, row in read_rows(source):
        names = {name.strip().lower() for name in row}
        return [column for column in NOT_READ if column.lower() in names]
    return []


def parse_row(number: int, row: dict[str, Any], scheme: ScoringScheme) -> ImportRow:
    """Check one row and turn it into risk fields; problems name the row and column."""
    problems: list[Problem] = []
    reference = _as_text(_column(row, "Reference"))
    result = ImportRow(number, reference, _as_text(_column(row, "Register")))
    for column in REQUIRED:
        if not _as_text(_column(row, column)):
            problems.append(Problem(column, f"{column} must not be empty"))
    for column, name in TEXT_FIELDS.items():
        value = _column(row, column)
        if value is not None:
            result.fields[name] = _as_text(value)
    for column, name in DATE_FIELDS.items():
        if _column(row, column) is not None:
            result.fields[name] = _as_date(_column(row, column), column, problems)
    for kind in ("Inherent", "Residual", "Target"):
        if _column(row, f"{kind} likelihood") is not None or _column(row, f"{kind} impact") is not None:
            score = _score(row, kind, scheme, problems)
            result.fields[kind.lower()] = score
            _check_product(row, kind, score, problems, scheme)
    status = _as_text(_column(row, "Status")).lower()
    if status:
        try:
            result.fields["status"] = RiskStatus(status)
        except ValueError:
            problems.append(Problem("Status", f"Status must be open, closed or escalated; got {status!r}"))
    treatment = _as_text(_column(row, "Treatment")).lower()
    if treatment:
        try:
            result.fields["treatment"] = Treatment(treatment)
        except ValueError:
            problems.append(Problem("Treatment",
                                    f"Treatment must be treat, tolerate, transfer or terminate; got {treatment!r}"))
    exempt = _as_text(_column(row, "Exempt")).lower()
    if exempt:
        if exempt not in ("yes", "no", "true", "false", "y", "n", "1", "0"):
            problems.append(Problem("Exempt", f"Exempt must be Yes or No; got {exempt!r}"))
        else:
            result.fields["exempt"] = exempt in ("yes", "true", "y", "1")
    result.problems = problems
    return result


def _check_header(source: Path, header: list[str]) -> None:
    """Refuse a sheet whose first row does not name the Reference and Title columns."""
    names = {name.strip().lower() for name in header}
    missing = [column for column in REQUIRED if column.lower() not in names]
    if not missing:
        return
    shown = "; ".join(h for h in header if h)[:120] or "nothing"
    hint = " (it looks separated by semicolons: save it as CSV with commas)" if (
        len(header) == 1 and ";" in header[0]) else ""
    raise SpreadsheetError(
        f"{source.name} has no {' or '.join(missing)} column{'s' if len(missing) > 1 else ''} in its first row"
        f"{hint}; the first row reads: {shown}")


def parse_source(source: Path, scheme: ScoringScheme) -> list[ImportRow]:
    """Every data row of the source, checked."""
    rows = []
    for number, row in read_rows(source):
        if not rows:
            _check_header(source, list(row))
        if number - 1 > MAX_ROWS:
            raise SpreadsheetError(f"{source.name} has more than {MAX_ROWS} rows; split it")
        rows.append(parse_row(number, row, scheme))
    if not rows:
        raise SpreadsheetError(f"{source.name} has no rows to import")
    return rows
