"""CSV and Excel exports of a register, for people who work in spreadsheets.

Every text comes back exactly when the file is imported again: see riskdesk.interchange.cells.
The workbook is written in openpyxl's write-only mode, row by row, so its cost grows in step
with the register.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from riskdesk.core.contents import RegisterContents
from riskdesk.interchange.cells import XLSX_CELL_LIMIT, guard_formula, to_xlsx
from riskdesk.interchange.tables import (
    ACTION_COLUMNS,
    CONTROL_COLUMNS,
    LINK_COLUMNS,
    PERIOD_COLUMNS,
    REGISTER_COLUMNS,
    RISK_COLUMNS,
    Tables,
    csv_cell,
)

DATE_FORMAT = "DD/MM/YYYY"
_WIDE = {"Title": 48, "Description": 60, "Period comment": 60, "Controls": 60, "Control": 70, "Action": 60,
         "Progress": 50, "Name": 36, "Commentary": 50}


class ExportError(ValueError):
    """An export that cannot be written as asked; one plain sentence naming the record and field."""


Tick = Callable[[], None]  # called once per risk written; it may raise to stop the export


def write_csv(contents: RegisterContents, target: Path, tick: Tick | None = None) -> int:
    """One row per risk (UTF-8 with a byte-order mark so Excel reads accents); returns the row count.

    tick, when given, is called after each risk's row (len(tables.live) times).
    """
    tables = Tables(contents)
    partial = target.with_name(target.name + ".partial")
    try:
        with partial.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(RISK_COLUMNS)
            for risk in tables.live:
                writer.writerow([_csv(cell) for cell in tables.risk_row(risk)])
                if tick is not None:
                    tick()
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return len(tables.live)


def _csv(value: Any) -> Any:
    value = csv_cell(value)
    return guard_formula(value) if isinstance(value, str) else value


class _SheetWriter:
    """One write-only sheet: a bold frozen header, set widths, real dates, texts kept exact."""

    def __init__(self, book: Workbook, title: str, columns: tuple[str, ...]) -> None:
        self.sheet = book.create_sheet(title)
        self.columns = columns
        self.title = title
        for index, name in enumerate(columns, start=1):
            width = _WIDE.get(name, max(12, min(24, len(name) + 2)))
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        self.sheet.freeze_panes = "A2"
        bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
        header = []
        for name in columns:
            cell = WriteOnlyCell(self.sheet, name)
            cell.font, cell.alignment = bold, wrap
            header.append(cell)
        self.sheet.append(header)

    def row(self, values: Iterable[Any], record: str, fills: dict[int, PatternFill] | None = None) -> None:
        cells: list[Any] = []
        for index, value in enumerate(values):
            if isinstance(value, str):
                value = to_xlsx(value)
                if len(value) > XLSX_CELL_LIMIT:
                    raise ExportError(
                        f"{record}: {self.columns[index]} has {len(value):,} characters, more than a "
                        f"spreadsheet cell holds ({XLSX_CELL_LIMIT:,}); shorten it or export to JSON")
            elif isinstance(value, date):
                cell = WriteOnlyCell(self.sheet, value)
                cell.number_format = DATE_FORMAT
                value = cell
            elif value is None:
                value = ""
            if fills and index in fills:
                cell = value if isinstance(value, Cell) else WriteOnlyCell(self.sheet, value)
                cell.fill = fills[index]
                value = cell
            cells.append(value)
        self.sheet.append(cells)


def write_xlsx(contents: RegisterContents, target: Path, tick: Tick | None = None) -> int:
    """A workbook with Risks, Controls, Actions, Links, Periods, Registers and Matrix sheets; returns the risks.

    tick, when given, is called twice per live risk: once for its row, once for its controls and actions.
    """
    tables = Tables(contents)
    book = Workbook(write_only=True)
    partial = target.with_name(target.name + ".partial")
    try:
        _fill_sheets(book, tables, tick or _no_tick)
        book.save(partial)
        partial.replace(target)
    except BaseException:  # a refusal, a folder that cannot be written, or a tick that stopped it
        for sheet in book.worksheets:  # finish each sheet's stream so nothing is left half open
            if not sheet.closed:
                sheet.close()
        raise
    finally:
        partial.unlink(missing_ok=True)
    return len(tables.live)


def _no_tick() -> None:
    pass


def _fill_sheets(book: Workbook, tables: Tables, tick: Tick) -> None:
    contents = tables.contents
    scheme = contents.scheme
    fills = {band.name: PatternFill("solid", fgColor=band.colour.lstrip("#").upper()) for band in scheme.bands}
    band_column = RISK_COLUMNS.index("Residual band")
    risks = _SheetWriter(book, "Risks", RISK_COLUMNS)
    for risk in tables.live:
        colour = {}
        if risk.residual is not None:
            colour[band_column] = fills[scheme.band_for(risk.residual.likelihood, risk.residual.impact).name]
        risks.row(tables.risk_row(risk), f"Risk {risk.reference}", colour)
        tick()
    controls = _SheetWriter(book, "Controls", CONTROL_COLUMNS)
    actions = _SheetWriter(book, "Actions", ACTION_COLUMNS)
    for risk in tables.live:
        for row in tables.control_rows(risk):
            controls.row(row, f"A control of risk {risk.reference}")
        for row in tables.action_rows(risk):
            actions.row(row, f"An action of risk {risk.reference}")
        tick()
    links = _SheetWriter(book, "Links", LINK_COLUMNS)
    for row in tables.link_rows():
        links.row(row, f"The link from risk {row[1]}")
    periods = _SheetWriter(book, "Periods", PERIOD_COLUMNS)
    for row in tables.period_rows():
        periods.row(row, f"The period {row[0]}")
    registers = _SheetWriter(book, "Registers", REGISTER_COLUMNS)
    for row in tables.register_rows():
        registers.row(row, f"The register {row[0]}")
    _matrix(book, tables, fills)


def _matrix(book: Workbook, tables: Tables, fills: dict[str, PatternFill]) -> None:
    """The residual heat map: likelihood down the side (highest first), impact across, risks counted per cell."""
    scheme = tables.contents.scheme
    sheet = book.create_sheet("Matrix")
    counts: dict[tuple[int, int], int] = {}
    for risk in tables.live:
        if risk.residual is not None:
            key = (risk.residual.likelihood, risk.residual.impact)
            counts[key] = counts.get(key, 0) + 1
    sheet.column_dimensions["A"].width = 26
    for index in range(len(scheme.impact)):
        sheet.column_dimensions[get_column_letter(index + 2)].width = 16
    edge = Side(style="thin", color="FFFFFF")
    border = Border(left=edge, right=edge, top=edge, bottom=edge)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    title = WriteOnlyCell(sheet, "Residual risks by likelihood and impact (number of risks in each cell)")
    title.font = Font(bold=True)
    sheet.append([title])
    for level in sorted(scheme.likelihood, key=lambda lv: -lv.number):
        row: list[Any] = [WriteOnlyCell(sheet, f"Likelihood {level.number}: {level.label}")]
        for impact in sorted(scheme.impact, key=lambda lv: lv.number):
            count = counts.get((level.number, impact.number), 0)
            cell = WriteOnlyCell(sheet, count or "")
            cell.fill = fills[scheme.band_for(level.number, impact.number).name]
            cell.alignment, cell.border = centre, border
            row.append(cell)
        sheet.append(row)
    sheet.append([""] + [WriteOnlyCell(sheet, f"Impact {lv.number}: {lv.label}")
                         for lv in sorted(scheme.impact, key=lambda lv: lv.number)])
    sheet.append([])
    sheet.append(["Bands"] + [band.name for band in scheme.bands])
    sheet.append([""] + [_filled(sheet, f"{band.low} to {band.high}", fills[band.name]) for band in scheme.bands])


def _filled(sheet: Any, value: Any, fill: PatternFill) -> Any:
    cell = WriteOnlyCell(sheet, value)
    cell.fill = fill
    return cell
