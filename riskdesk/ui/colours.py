"""Colours that read in a light or a dark theme: worked out from the palette, never fixed."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

DARK_RED, LIGHT_RED = "#b00020", "#ff8a80"  # warnings: on a light background, on a dark one


def is_dark(palette: QPalette | None = None, role: QPalette.ColorRole = QPalette.ColorRole.Window) -> bool:
    """True when the theme's background for `role` is dark."""
    return (palette or QGuiApplication.palette()).color(role).lightness() < 128


def warning_colour(palette: QPalette | None = None,
                   role: QPalette.ColorRole = QPalette.ColorRole.Window) -> QColor:
    """Red for a warning or an overdue date that reads on the theme's `role` background."""
    return QColor(LIGHT_RED if is_dark(palette, role) else DARK_RED)


def warning_style(palette: QPalette | None = None) -> str:
    """A style sheet giving a label the warning colour for its theme."""
    return f"color: {warning_colour(palette).name()};"


def cell_warning_colour(palette: QPalette | None = None) -> QColor:
    """The warning colour for text in a table or tree cell (on the theme's Base colour)."""
    return warning_colour(palette, QPalette.ColorRole.Base)
