"""Turning user text into safe paragraph markup."""

from __future__ import annotations

import re
from datetime import date
from xml.sax.saxutils import escape

# Characters XML forbids; a pasted control character would break the paragraph parser.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def safe(text: str | None) -> str:
    """User text escaped for a Paragraph: markup prints literally, line breaks are kept."""
    if not text:
        return ""
    cleaned = _FORBIDDEN.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    return escape(cleaned).replace("\n", "<br/>")


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
