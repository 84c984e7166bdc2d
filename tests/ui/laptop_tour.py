"""Open the window and every dialog on a laptop screen; print each one's geometry as JSON lines.

Run in its own process, since a Qt screen is chosen once per process:

    QT_QPA_PLATFORM=offscreen:configfile=tests/screens/laptop.json \\
        python -m tests.ui.laptop_tour OUT_FOLDER [--png]

Each line: {"name", "frame": [x, y, w, h], "minimum": [w, h], "area": [x, y, w, h]}.
With --png each window is saved as OUT_FOLDER/NAME.png to be looked at.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from riskdesk.core.model import Score
from riskdesk.core.presets import preset
from riskdesk.interchange.tabular_export import write_csv
from riskdesk.services.demo import write_demo
from riskdesk.services.queries import load_contents
from riskdesk.services.workspace import Workspace
from riskdesk.ui.app import create_main_window, finish_start_up
from riskdesk.ui.conflict_dialog import ConflictDialog
from riskdesk.ui.heatmap.rescore_dialog import RescoreDialog
from riskdesk.ui.new_register_wizard import NewRegisterWizard
from riskdesk.ui.risk_editor.lists import ItemDialog
from riskdesk.ui.scheme_dialog import SchemeDialog


def _settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def _parts(window: QWidget, parts: dict[str, QWidget]) -> dict[str, list[int]]:
    """Where each part of the window is, in the window's coordinates ([0, 0, 0, 0] when hidden)."""
    found = {}
    for name, part in parts.items():
        corner = part.mapTo(window, QPoint(0, 0))
        found[name] = [corner.x(), corner.y(), part.width(), part.height()] if part.isVisible() else [0, 0, 0, 0]
    return found


def _record(name: str, widget: QWidget, out: Path, png: bool, parts: dict[str, QWidget] | None = None) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    _settle(app)
    frame, area = widget.frameGeometry(), widget.screen().availableGeometry()
    minimum = widget.minimumSize().expandedTo(widget.minimumSizeHint())
    print(json.dumps({"name": name, "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                      "minimum": [minimum.width(), minimum.height()],
                      "area": [area.x(), area.y(), area.width(), area.height()],
                      "size": [widget.width(), widget.height()],
                      "parts": _parts(widget, parts or {})}), flush=True)
    if png:
        widget.grab().save(str(out / f"{name}.png"))


def tour(out: Path, png: bool) -> None:
    """Show each window in turn, recording it, then close it."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(out / "settings"))
    demo = out / "demo.sqlite"
    write_demo(demo)
    start = create_main_window(None)
    start.show()
    _record("start-page", start, out, png)
    start.close()
    window = create_main_window(demo)
    window.show()
    finish_start_up(window)
    _record("main-window", window, out, png, {
        "heat map": window.heat_map._view, "risk table": window.risk_panel.table, "editor": window.editor,
        "status bar": window.statusBar(), "register tree": window.tree})
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    def visit(name: str, dialog: QWidget) -> None:
        dialog.show()
        _record(name, dialog, out, png)
        dialog.close()

    window.actions_by_name["report_committee"].trigger()
    report = window.report_actions.report_dialog
    _settle(app, 50)
    visit("report-dialog", report)
    window.actions_by_name["shortcuts"].trigger()
    visit("shortcuts-dialog", window.shortcuts_dialog)
    window.actions_by_name["about"].trigger()
    visit("about-dialog", window.about_dialog)
    window.actions_by_name["user_guide"].trigger()
    visit("guide-dialog", window.guide_dialog)
    workspace = Workspace.open(demo)
    contents = load_contents(workspace)
    workspace.close()
    sheet = out / "risks.csv"
    write_csv(contents, sheet)
    flow = window.bring_in_actions.import_spreadsheet(sheet)
    _settle(app, 200)
    visit("import-dialog", flow.dialog)
    flow.cancel()
    window.bring_in_actions.flow = None
    copy = out / "colleague.sqlite"
    shutil.copyfile(demo, copy)
    flow = window.bring_in_actions.merge_copy(copy)
    _settle(app, 200)
    visit("merge-dialog", flow.dialog)
    flow.cancel()
    window.bring_in_actions.flow = None
    visit("new-register-wizard", NewRegisterWizard(out, window))
    scheme_dialog = SchemeDialog(contents.scheme, list(contents.risks), None, window)  # to look at, not to apply
    scheme_dialog.editor.set_scheme(preset("6x6"))
    scheme_dialog.show_mapping()
    visit("scheme-dialog", scheme_dialog)
    visit("action-dialog", ItemDialog("Edit action", None, True, window))
    risk = contents.risks[0]
    visit("rescore-dialog", RescoreDialog(contents.scheme, [(risk, risk.residual)], "residual", Score(5, 5), window))
    long_text = "A long period comment. " * 40
    visit("conflict-dialog", ConflictDialog("period comment", "A Colleague", long_text, long_text[::-1], window))
    window.close()


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    tour(folder, "--png" in sys.argv)
