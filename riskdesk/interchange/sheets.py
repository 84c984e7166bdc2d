"""Reading every sheet of a spreadsheet as plain rows of cell values; one sentence when it cannot be read."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from riskdesk.interchange.cells import unescape_xml_text

MAX_ROWS = 100_000


class SpreadsheetError(ValueError):
    """A source file that cannot be read at all; one plain sentence."""


@dataclass
class Grid:
    """One sheet: its name, its rows (rows[0] is the spreadsheet's row 1) and whether it is a CSV."""

    name: str
    rows: list[list[Any]]
    is_csv: bool = False

    def row(self, number: int) -> list[Any]:
        """The cells of a row as the spreadsheet numbers it (empty past the end)."""
        return self.rows[number - 1] if 0 < number <= len(self.rows) else []


def read_workbook(source: Path) -> list[Grid]:
    """Every sheet of an .xlsx (or the one table of a .csv), read whole whatever the file declares."""
    suffix = source.suffix.lower()
    if suffix == ".csv":
        return [Grid(source.stem, _csv_rows(source), is_csv=True)]
    if suffix == ".xlsx":
        return _xlsx_grids(source)
    raise SpreadsheetError(f"{source.name}: riskdesk imports .xlsx or .csv files")


def _csv_rows(source: Path) -> list[list[Any]]:
    try:
        data = source.read_bytes()
    except OSError as error:
        raise SpreadsheetError(f"{source.name} could not be read ({error.strerror or error})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SpreadsheetError(
            f"{source.name} is not UTF-8 text (the first character riskdesk cannot read is on line {line}); "
            "in Excel choose Save As, then \"CSV UTF-8\"") from None
    if not text.strip():
        raise SpreadsheetError(f"{source.name} is empty")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        rows: list[list[Any]] = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise SpreadsheetError(f"{source.name} could not be read as CSV ({error})") from None
    if len(rows) > MAX_ROWS:
        raise SpreadsheetError(f"{source.name} has more than {MAX_ROWS:,} rows; split it into smaller files")
    return rows


def _xlsx_grids(source: Path) -> list[Grid]:
    import warnings

    from openpyxl import load_workbook

    if not zipfile.is_zipfile(source):
        raise SpreadsheetError(f"{source.name} is not an Excel workbook (.xlsx): it may be damaged, "
                               "cut short in copying, or another kind of file renamed")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on data validation it skips
            book = load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile):
        raise SpreadsheetError(f"{source.name} is damaged or was cut short; ask for the file again") from None
    except KeyError:
        raise SpreadsheetError(f"{source.name} is missing parts an Excel workbook must have; "
                               "open it in Excel and save it again") from None
    except ParseError as error:
        raise SpreadsheetError(_xml_problem(source, error)) from None
    except (OSError, ValueError, TypeError):
        raise SpreadsheetError(f"{source.name} is not an Excel workbook that riskdesk can read; "
                               "open it in Excel and save it again as .xlsx") from None
    try:
        return [_sheet_grid(source, sheet) for sheet in book.worksheets]
    finally:
        book.close()


def _sheet_grid(source: Path, sheet: Any) -> Grid:
    # A workbook may declare a smaller <dimension> than it holds: read every row there is.
    sheet.reset_dimensions()
    rows: list[list[Any]] = []
    try:
        for cells in sheet.iter_rows(values_only=True):
            # openpyxl leaves the format's _xHHHH_ escapes in strings; a CR Excel wrote is one.
            rows.append([unescape_xml_text(c) if isinstance(c, str) and "_x" in c else c for c in cells])
            if len(rows) > MAX_ROWS:
                raise SpreadsheetError(f"The sheet {sheet.title} of {source.name} has more than {MAX_ROWS:,} rows; "
                                       "split it into smaller files")
    except ParseError as error:
        raise SpreadsheetError(_xml_problem(source, error, sheet.title)) from None
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, OSError):
        raise SpreadsheetError(f"The sheet {sheet.title} of {source.name} is damaged or was cut short; "
                               "ask for the file again") from None
    except (ValueError, TypeError, KeyError) as error:
        raise SpreadsheetError(f"The sheet {sheet.title} of {source.name} holds a value riskdesk cannot read "
                               f"({error}); open it in Excel and save it again") from None
    while rows and not any(c not in (None, "") for c in rows[-1]):
        rows.pop()
    return Grid(sheet.title, rows)


def _xml_problem(source: Path, error: ParseError, sheet: str = "") -> str:
    where = f"The sheet {sheet} of {source.name}" if sheet else source.name
    if "amplification" in str(error) or "entit" in str(error).lower():
        return (f"{where} declares XML entities that expand without limit (a \"billion laughs\" file); "
                "riskdesk does not read it")
    return f"{where} is malformed inside (its XML cannot be read: {error}); open it in Excel and save it again"
