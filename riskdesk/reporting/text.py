"""Turning user text into safe paragraph markup."""

from __future__ import annotations

import re
from datetime import date
from xml.sax.saxutils import escape

# Characters XML forbids; a pasted control character would break the paragraph parser.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# A slash between two characters ("placements/residential") may end a line. ReportLab breaks
# lines at spaces only (a zero-width space does not count), so a space in a near-zero font
# size is put after the slash: a break point that takes no room and prints nothing.
_SLASH = re.compile(r"(?<=[^\s/])/(?=[^\s/])")
SLASH_BREAK = '/<font size="0.01"> </font>'


def safe(text: str | None) -> str:
    """User text escaped for a Paragraph: markup prints literally, line breaks are kept."""
    if not text:
        return ""
    cleaned = _FORBIDDEN.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    return _SLASH.sub(SLASH_BREAK, escape(cleaned)).replace("\n", "<br/>")


def natural_key(reference: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that orders numbers by value: "SR 7.2" before "SR 7.10"."""
    parts = re.findall(r"\d+|\D+", reference.strip().lower())
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


def paragraphs_of(text: str | None) -> list[str]:
    """User text split at blank lines, each part escaped; empty text gives no parts."""
    if not text:
        return []
    parts = re.split(r"\n\s*\n", str(text).replace("\r\n", "\n").strip())
    return [safe(part.strip()) for part in parts if part.strip()]


def long_date(value: date | None) -> str:
    """A date as committee papers print it: "23 March 2021"."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def short_date(value: date | None) -> str:
    """A compact date for table cells: "23 Mar 2021"."""
    if value is None:
        return ""
    return f"{value.day} {value:%b %Y}"
