"""The embedded TrueType fonts every report uses (never the PDF base-14 fonts)."""

from __future__ import annotations

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from riskdesk.resources_path import resource

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}


class FontError(RuntimeError):
    """A shipped font file is missing, so no report can be made."""


def register_fonts() -> None:
    """Register the DejaVu family once, so <b> and <i> in paragraphs map to embedded faces."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FILES.items():
        if name in registered:
            continue
        path = resource("fonts", filename)
        if not path.exists():
            raise FontError(f"The report font {filename} is missing from this installation.")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # The family mapping is what <b>/<i> markup resolves through.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD_ITALIC)
