"""Regenerate the import and merge dialog screenshots (run: uv run python docs/make_bring_in_screenshots.py)."""

from __future__ import annotations

import csv
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

# Windows fit their screen as they open: a desktop monitor's, so the pictures keep their size.
os.environ.setdefault("QT_QPA_PLATFORM",
                      f"offscreen:configfile={Path(__file__).resolve().parents[1] / 'tests/screens/desktop.json'}")
os.environ.setdefault("RISKDESK_USER", "Business Support")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from riskdesk.services.demo import write_demo
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import RISK

OUT = Path(__file__).resolve().parent / "screenshots"
HEADER = ["Reference", "Title", "Register", "Risk owner", "Residual likelihood", "Residual impact",
          "Next review", "Status"]
BAD_ROWS = [
    ["SR 7.2", "Ineffective Social Care Practice", "Strategic Risk Register", "Executive Director", 2, 3,
     "31/07/2024", "open"],
    ["SR 7.9", "Cyber attack on case records", "Strategic Risk Register", "Director of IT", 7, 5, "", "open"],
    ["", "Winter pressures on hospital discharge", "Strategic Risk Register", "Director of Adults", 3, 3, "", "open"],
    ["SR 7.11", "Pay award above budget", "Strategic Risk Register", "Director of Finance", 3, 4, "next week",
     "pending"],
]
GOOD_ROWS = [
    ["SR 7.2", "Ineffective Social Care Practice", "Strategic Risk Register", "Executive Director", 2, 3,
     "31/07/2024", "open"],
    ["SR 7.9", "Cyber attack on case records", "Strategic Risk Register", "Director of IT", 3, 5, "", "open"],
    ["SR 7.10", "Winter pressures on hospital discharge", "Strategic Risk Register", "Director of Adults", 3, 3,
     "", "open"],
    ["WP 1", "Gritting routes not covered", "Winter Plan", "Head of Highways", 2, 4, "", "open"],
]


def settle(window: object, busy: object) -> None:
    """Let Qt lay out, paint and deliver the worker's result."""
    deadline = time.monotonic() + 20
    while callable(busy) and busy() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        QApplication.processEvents()


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def colleague_copy(demo: Path, folder: Path) -> Path:
    """A colleague's copy with an edit, a new risk, and a comment we changed too."""
    theirs = folder / "Strategic register (Sam's copy).sqlite"
    shutil.copyfile(demo, theirs)
    for path, who, comment in ((theirs, "Sam Patel", "Recruitment to two posts agreed"),
                               (demo, "Business Support", "Two agency social workers in post")):
        workspace = Workspace.open(path, user=who)
        risk = next(r for r in workspace.store.all(RISK) if r.reference == "SR 7.5")
        workspace.update_risk(risk.id, risk.version, "", period_comment=comment)
        workspace.close()
    workspace = Workspace.open(theirs, user="Sam Patel")
    risks = {r.reference: r for r in workspace.store.all(RISK)}
    workspace.update_risk(risks["SR 7.2"].id, risks["SR 7.2"].version, "Q1 update",
                          title="Social care practice under review")
    register_id = risks["SR 7.2"].register_id
    workspace.create_risk(register_id, "SR 7.12", "Loss of the case management system")
    workspace.close()
    return theirs


def main() -> int:
    """Write import-problems.png, import-summary.png and merge-summary.png."""
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch)
        demo = folder / "Strategic register.sqlite"
        write_demo(demo, "5x5")
        bad = write_csv(folder / "Q1 updates.csv", BAD_ROWS)
        good = write_csv(folder / "Q1 updates (fixed).csv", GOOD_ROWS)
        theirs = colleague_copy(demo, folder)

        from riskdesk.ui.app import create_main_window

        window = create_main_window(demo)
        window.resize(1400, 900)
        window.show()
        settle(window, None)
        for flow_of, name in ((lambda: window.bring_in_actions.import_spreadsheet(bad), "import-problems.png"),
                              (lambda: window.bring_in_actions.import_spreadsheet(good), "import-summary.png"),
                              (lambda: window.bring_in_actions.merge_copy(theirs), "merge-summary.png")):
            flow = flow_of()
            dialog = flow.dialog
            if name == "import-summary.png":
                dialog.target_combo.setCurrentIndex(0)  # rows name their registers
            settle(window, lambda d=dialog: d.running)
            dialog.grab().save(str(OUT / name))
            dialog.reject()
            settle(window, None)
        if window.document is not None:
            window.document.close()
            window.document = None
        window.close()
    print(f"Screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
