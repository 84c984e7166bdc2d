"""Make the user guide's pictures in docs/guide/images/ at a laptop's 1366x768.

Run: uv run python docs/make_guide_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# The guide shows the window as most council laptops do: 1366x768.
os.environ.setdefault("QT_QPA_PLATFORM",
                      f"offscreen:configfile={Path(__file__).resolve().parents[1] / 'tests/screens/laptop.json'}")
os.environ.setdefault("RISKDESK_USER", "Business Support")

from PySide6.QtCore import QSettings, QThread
from PySide6.QtWidgets import QApplication, QWidget

from riskdesk.interchange.tabular_export import write_csv
from riskdesk.services.demo import write_demo
from riskdesk.services.queries import load_contents
from riskdesk.services.workspace import Workspace

OUT = Path(__file__).resolve().parent / "guide" / "images"


def settle(rounds: int = 20) -> None:
    """Let Qt lay out and paint."""
    for _ in range(rounds):
        QApplication.processEvents()


def save(widget: QWidget, name: str) -> None:
    """Write one picture, once the widget has painted."""
    settle()
    widget.grab().save(str(OUT / f"{name}.png"))


def main() -> int:
    """Write start-page, main-window, risk-editor-scores, import-dialog and report-dialog."""
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
        window.show()
        window.start_page.refresh()
        save(window, "start-page")
        window.open_file(demo)
        assert window.document is not None
        risk = next(r for r in window.document.contents.risks if r.reference == "SR 7.5")
        window.risk_panel.select_risk(risk.id)
        save(window, "main-window")
        window.editor.tabs.setCurrentIndex(1)
        save(window.editor, "risk-editor-scores")

        workspace = Workspace.open(demo, read_only=True)
        sheet = Path(scratch) / "Documents" / "Risk owners' updates.csv"
        write_csv(load_contents(workspace), sheet)
        workspace.close()
        flow = window.bring_in_actions.import_spreadsheet(sheet)
        settle(400)
        save(flow.dialog, "import-dialog")
        flow.cancel()
        flow.dialog.done(0)
        window.bring_in_actions.flow = None

        window.actions_by_name["report_committee"].trigger()
        dialog = window.report_actions.report_dialog
        dialog.generate()
        for _ in range(600):  # the preview is made in the background: up to a minute
            if dialog.page_count:
                break
            settle(5)
            QThread.msleep(100)
        settle(200)
        save(dialog, "report-dialog")
        dialog.reject()
        window.close()
    print(f"Guide pictures written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
