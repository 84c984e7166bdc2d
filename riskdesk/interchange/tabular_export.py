"""CSV and Excel exports of a register, for people who work in spreadsheets."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from riskdesk.core.contents import RegisterContents
from riskdesk.interchange.tables import (
    ACTION_COLUMNS,
    CONTROL_COLUMNS,
    RISK_COLUMNS,
    action_row,
    control_row,
    live_risks,
    risk_row,
)

# Characters that make a spreadsheet treat a cell as a formula: a risk title
# typed as "=HYPERLINK(...)" must stay text when a colleague opens the file.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(contents: RegisterContents, target: Path) -> int:
    """One row per risk (UTF-8 with a byte-order mark so Excel reads accents); returns the row count."""
    risks = live_risks(contents)
    partial = target.with_name(target.name + ".partial")
    with partial.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(RISK_COLUMNS)
        for risk in risks:
            writer.writerow([_safe(cell) for cell in risk_row(contents, risk)])
    partial.replace(target)
    return len(risks)


def write_xlsx(contents: RegisterContents, target: Path) -> int:
    """A workbook with Risks, Controls and Actions sheets; returns the risk count."""
    risks = live_risks(contents)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Risks"
    _header(sheet, RISK_COLUMNS)
    band_column = RISK_COLUMNS.index("Residual band") + 1
    for risk in risks:
        sheet.append([_safe(cell) for cell in risk_row(contents, risk)])
        if risk.residual is not None:
            band = contents.scheme.band_for(risk.residual.likelihood, risk.residual.impact)
            colour = band.colour.lstrip("#").upper()
            sheet.cell(sheet.max_row, band_column).fill = PatternFill("solid", fgColor=colour)
    _widths(sheet, {"Title": 48, "Description": 60, "Period comment": 60, "Controls": 60})

    controls = book.create_sheet("Controls")
    _header(controls, CONTROL_COLUMNS)
    actions = book.create_sheet("Actions")
    _header(actions, ACTION_COLUMNS)
    for risk in risks:
        for control in contents.controls_of(risk.id):
            controls.append([_safe(c) for c in control_row(risk.reference, control)])
        for action in contents.actions_of(risk.id):
            actions.append([_safe(c) for c in action_row(risk.reference, action)])
    _widths(controls, {"Control": 70})
    _widths(actions, {"Action": 60, "Progress": 50})

    partial = target.with_name(target.name + ".partial")
    book.save(partial)
    partial.replace(target)
    return len(risks)


def _header(sheet: object, columns: tuple[str, ...]) -> None:
    sheet.append(list(columns))  # type: ignore[attr-defined]
    for cell in sheet[1]:  # type: ignore[index]
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"  # type: ignore[attr-defined]


def _widths(sheet: object, wide: dict[str, int]) -> None:
    for index, cell in enumerate(sheet[1], start=1):  # type: ignore[index]
        width = wide.get(str(cell.value), max(12, min(24, len(str(cell.value)) + 2)))
        sheet.column_dimensions[get_column_letter(index)].width = width  # type: ignore[attr-defined]
