"""Text in spreadsheet cells, kept exact: formula guards and characters XML cannot hold.

A text that starts like a formula (``= + - @``, tab or CR) is written with a leading
apostrophe so a spreadsheet shows it as text; a text that already starts with an
apostrophe before one of those (or before another apostrophe) gets one more, so reading
removes exactly one and every text comes back as typed.

An .xlsx cell is XML: most control characters cannot appear in it and a CR is read back
as a line feed. They are written as ``_xHHHH_``, the spreadsheet format's own escape
(Excel writes a CR that way too), and a literal ``_x`` that would look like an escape is
protected as ``_x005F_x``.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_CELL_LIMIT = 32_767  # characters a spreadsheet cell holds

_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def guard_formula(text: str) -> str:
    """The text as written to a cell, so that no spreadsheet runs it as a formula."""
    if text.startswith(FORMULA_START) or (text[:1] == "'" and text[1:2] in (*FORMULA_START, "'")):
        return "'" + text
    return text


def unguard_formula(text: str) -> str:
    """The text as typed, from a cell written by guard_formula."""
    if text[:1] == "'" and text[1:2] in (*FORMULA_START, "'"):
        return text[1:]
    return text


def escape_xml_text(text: str) -> str:
    """Characters an .xlsx cell cannot hold as themselves, written as _xHHHH_."""
    return _NEEDS_ESCAPE.sub(lambda match: f"_x{ord(match.group(0)):04X}_", text)


def unescape_xml_text(text: str) -> str:
    """The text as typed, from a cell that may hold _xHHHH_ escapes."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda match: chr(int(match.group(1), 16)), text)


def to_xlsx(text: str) -> str:
    """A field's text as it goes into an .xlsx cell."""
    return escape_xml_text(guard_formula(text))


def from_xlsx(text: str) -> str:
    """A field's text from an .xlsx cell (the reverse of to_xlsx)."""
    return unguard_formula(unescape_xml_text(text))
