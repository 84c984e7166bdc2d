"""Window fixtures: settings and the demo folder kept apart from the user's own."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from riskdesk.ui import file_actions
from riskdesk.ui.app import create_main_window, finish_start_up
from riskdesk.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """QSettings and the demo folder point into this test's temp folder."""
    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    monkeypatch.setattr(file_actions, "demo_path", lambda: tmp_path / "data" / "Demo register (5x5).sqlite")
    yield folder


@pytest.fixture
def make_window(qtbot: object) -> Iterator[Callable[[Path | None], MainWindow]]:
    """Build main windows (shown, 1400x900) that are closed after the test."""
    windows: list[MainWindow] = []

    def make(path: Path | None = None) -> MainWindow:
        window = create_main_window(path)
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.resize(1400, 900)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)  # type: ignore[attr-defined]
        finish_start_up(window)  # the heat map, which a user sees a moment after the first paint
        # Editing is allowed once the file's integrity check, begun after the first paint, has passed.
        qtbot.waitUntil(lambda: window.integrity_check is None, timeout=10000)  # type: ignore[attr-defined]
        windows.append(window)
        return window

    yield make
    for window in windows:
        if window.document is not None:
            window.document.poll_timer.stop()
        window.close()
