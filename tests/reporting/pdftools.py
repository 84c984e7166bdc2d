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


def without_continued(page: str) -> str:
    """A page's text less the "... (continued)" heading that opens a page a section runs onto."""
    lines = page.splitlines()
    for index, line in enumerate(lines):
        if line.rstrip().endswith("(continued)"):
            start = index
            while start > 0 and lines[start - 1].strip():
                start -= 1
            return "\n".join(lines[:start] + lines[index + 1:])
    return page


def continued_heading(page: str) -> str:
    """The heading (flattened to one line) a page opens with when it continues a section; "" if none."""
    lines = page.splitlines()
    for index, line in enumerate(lines):
        if line.rstrip().endswith("(continued)"):
            start = index
            while start > 0 and lines[start - 1].strip():
                start -= 1
            return " ".join(" ".join(lines[start:index + 1]).split())
    return ""


def pdf_words(path: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes (x0, top, x1, bottom, text); bottom - top is the type size."""
    import re

    result = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True)
    pages: list[list[tuple[float, float, float, float, str]]] = []
    for page in result.stdout.split("<page ")[1:]:
        pages.append([(float(a), float(b), float(c), float(d), html_unescape(text)) for a, b, c, d, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)])
    return pages


def html_unescape(text: str) -> str:
    """Text as pdftotext's HTML output escapes it, read back."""
    import html

    return html.unescape(text)


def size_of(words: list[tuple[float, float, float, float, str]], text: str) -> float:
    """The type size of the first word that reads text."""
    for _, top, _, bottom, word in words:
        if word == text:
            return round(bottom - top, 2)
    raise AssertionError(f"{text!r} is not on the page")


def pdf_raw(path: Path) -> str:
    """All the text in the order it was drawn: a table cell's lines stay together."""
    result = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True)
    return result.stdout
