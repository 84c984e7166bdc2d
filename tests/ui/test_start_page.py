"""The start page lists each recent file as one entry: its name, and its folder beneath."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from riskdesk.ui.settings import remember_file
from riskdesk.ui.start_page import FOLDER_ROLE, PATH_ROLE, RecentFileDelegate


def test_recent_files_are_one_entry_each_and_open(make_window, qtbot, demo_5x5_path: Path,
                                                  tmp_path: Path) -> None:
    other = tmp_path / "Elsewhere" / "Service profile.sqlite"
    other.parent.mkdir()
    other.write_bytes(demo_5x5_path.read_bytes())
    remember_file(demo_5x5_path)
    remember_file(other)
    window = make_window(None)
    page = window.start_page
    page.refresh()
    recent = page.recent
    assert recent.count() == 2
    assert isinstance(recent.itemDelegate(), RecentFileDelegate)
    first = recent.item(0)
    assert first.text() == "Service profile.sqlite"  # one line: the folder is drawn beneath, in grey
    assert "\n" not in first.text()
    assert first.data(FOLDER_ROLE).endswith("Elsewhere")
    assert first.toolTip() == str(other)
    one_line = recent.fontMetrics().height()
    assert recent.visualItemRect(first).height() > one_line * 2  # name and folder in the same entry
    recent.grab()  # paints without complaint

    chosen: list[Path] = []
    page.fileChosen.connect(chosen.append)
    recent.setFocus()
    recent.setCurrentRow(1)
    qtbot.keyClick(recent, Qt.Key.Key_Return)
    assert chosen == [Path(recent.item(1).data(PATH_ROLE))]
    qtbot.waitUntil(lambda: window.document is not None)
    assert window.document.workspace.path == demo_5x5_path
