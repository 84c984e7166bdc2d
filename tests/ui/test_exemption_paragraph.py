"""An exempt risk's paragraph of Schedule 12A is typed in the editor and printed in the Part B pack."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit

from riskdesk.services.reports import ReportOptions, write_report
from riskdesk.services.workspace import Workspace
from tests.ui.helpers import read_risk


def test_the_paragraph_typed_in_the_editor_is_kept_and_printed(make_window, qtbot, demo_5x5_path: Path,
                                                               tmp_path: Path) -> None:
    window = make_window(demo_5x5_path)
    sr74 = next(r.id for r in window.document.contents.risks if r.reference == "SR 7.4")
    window.risk_panel.select_risk(sr74)
    exempt = window.editor.findChild(QCheckBox, "field_exempt")
    paragraph = window.editor.findChild(QLineEdit, "field_exempt_paragraph")
    assert exempt is not None and paragraph is not None
    qtbot.mouseClick(exempt, Qt.MouseButton.LeftButton)
    paragraph.setFocus()
    qtbot.keyClicks(paragraph, "3")
    qtbot.keyClick(paragraph, Qt.Key.Key_Tab)

    stored = read_risk(demo_5x5_path, "SR 7.4")
    assert stored.exempt and stored.exempt_paragraph == "3"

    window.undo_stack.undo()
    assert read_risk(demo_5x5_path, "SR 7.4").exempt_paragraph == ""
    window.undo_stack.redo()
    window.close()

    workspace = Workspace.open(demo_5x5_path)
    try:
        out = tmp_path / "part-b.pdf"
        write_report(workspace, ReportOptions(kind="committee", period="Q1 2024/25", exempt=True), out)
    finally:
        workspace.close()
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "SR 7.4" in text
    assert "paragraph 3 of Schedule 12A" in " ".join(text.split())
