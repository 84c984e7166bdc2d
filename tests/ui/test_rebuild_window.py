"""File > Import in the window takes riskdesk's JSON export too: an empty register is rebuilt whole."""

from __future__ import annotations

from pathlib import Path

from riskdesk.cli import main
from riskdesk.services.workspace import Workspace
from tests.ui.test_bring_in import checked, confirm, digest


def test_the_window_rebuilds_an_empty_register_from_a_json_export(qtbot, make_window, demo_5x5_path: Path,
                                                                   tmp_path: Path) -> None:
    exported = tmp_path / "register.json"
    assert main(["export", str(demo_5x5_path), "-o", str(exported)]) == 0
    empty = tmp_path / "empty.sqlite"
    Workspace.create(empty, "3x3").close()  # another scheme: the export's comes with it
    window = make_window(empty)
    flow = window.bring_in_actions.import_spreadsheet(exported)
    checked(qtbot, flow)
    assert flow.dialog.status_label.text().startswith("If you import register.json: 17 new"), \
        flow.dialog.status_label.text()
    assert not flow.dialog.target_row.isVisible()
    flow.dialog.grab().save(str(tmp_path / "rebuild-dialog.png"))
    confirm(qtbot, flow)
    contents = window.document.contents
    assert len(contents.risks) == 17 and contents.scheme.name == "5x5"
    assert [p.label for p in contents.periods][:2] == ["Q1 2023/24", "Q2 2023/24"] and contents.snapshots
    assert window.risk_panel.proxy.rowCount() > 0
    window.grab().save(str(tmp_path / "rebuilt-window.png"))


def test_the_window_refuses_a_json_export_into_a_register_with_risks(qtbot, make_window, demo_5x5_path: Path,
                                                                      tmp_path: Path, monkeypatch) -> None:
    exported = tmp_path / "register.json"
    assert main(["export", str(demo_5x5_path), "-o", str(exported)]) == 0
    shown: list[str] = []
    window = make_window(demo_5x5_path)
    monkeypatch.setattr(window, "show_message", lambda title, text: shown.append(text))
    before = digest(demo_5x5_path)
    flow = window.bring_in_actions.import_spreadsheet(exported)
    qtbot.waitUntil(lambda: flow.ended or bool(shown), timeout=15000)
    assert shown and "register.json is a whole register" in shown[0], shown
    assert digest(demo_5x5_path) == before
