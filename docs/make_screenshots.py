"""Regenerate the window screenshots in docs/screenshots/ (run: uv run python docs/make_screenshots.py)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# Windows fit their screen as they open: a desktop monitor's, so the pictures keep their size.
os.environ.setdefault("QT_QPA_PLATFORM",
                      f"offscreen:configfile={Path(__file__).resolve().parents[1] / 'tests/screens/desktop.json'}")
os.environ.setdefault("RISKDESK_USER", "Business Support")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from riskdesk.services.demo import write_demo

OUT = Path(__file__).resolve().parent / "screenshots"
SIZE = (1400, 900)


def settle() -> None:
    """Let Qt lay out and paint."""
    for _ in range(5):
        QApplication.processEvents()


def main() -> int:
    """Write start-page.png, main-window.png, risk-editor.png and risk-editor-scores.png."""
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["HOME"] = scratch  # the recent files list then reads "~/Documents"
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch)
        demo = Path(scratch) / "Documents" / "Demo register (5x5).sqlite"
        demo.parent.mkdir()
        write_demo(demo, "5x5")

        from riskdesk.ui.app import create_main_window
        from riskdesk.ui.settings import remember_file

        remember_file(demo)
        window = create_main_window(None)
        window.resize(*SIZE)
        window.show()
        window.start_page.refresh()
        settle()
        window.grab().save(str(OUT / "start-page.png"))

        window.open_file(demo)
        risk = next(r for r in window.document.contents.risks if r.reference == "SR 7.5")
        window.risk_panel.select_risk(risk.id)
        settle()
        window.grab().save(str(OUT / "main-window.png"))
        window.editor.grab().save(str(OUT / "risk-editor.png"))
        window.editor.tabs.setCurrentIndex(1)
        settle()
        window.editor.grab().save(str(OUT / "risk-editor-scores.png"))
        window.editor.tabs.setCurrentIndex(3)
        settle()
        window.editor.grab().save(str(OUT / "risk-editor-actions.png"))
        if window.document is not None:
            window.document.close()
            window.document = None
        window.close()
    print(f"Screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
