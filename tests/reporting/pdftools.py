"""Reading generated PDFs back with poppler's command-line tools."""

from __future__ import annotations

import subprocess
from pathlib import Path

BASE_14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, laid out as printed."""
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    pages = result.stdout.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def pdf_text(path: Path) -> str:
    """All the text of a PDF."""
    return "\n".join(pdf_pages(path))


def pdf_fonts(path: Path) -> list[tuple[str, str]]:
    """(font name, embedded "yes"/"no") for every font the PDF uses."""
    result = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = []
    for line in result.stdout.splitlines()[2:]:
        parts = line.split()
        # Columns from the right: object id, generation, uni, sub, emb.
        rows.append((parts[0], parts[-5]))
    return rows


def table_rows(page: str) -> dict[str, str]:
    """Rows of a summary-style table keyed by their reference ("SR 7.2"), each flattened to one line."""
    import re

    rows = {}
    for block in re.split(r"\n(?= \S)", page):
        if re.match(r" [A-Z]+ [\d.]+\s", block):
            words = block.split()
            rows[f"{words[0]} {words[1]}"] = " ".join(words)
    return rows


def without_links(text: str) -> str:
    """The text less the "Represented on:" lines, which name risks from other registers."""
    return "\n".join(line for line in text.splitlines()
                     if "Represented on:" not in line and "Risks represented here:" not in line)
