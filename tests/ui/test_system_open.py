"""The system hands riskdesk a file (macOS Finder's open-file event) and the window opens it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from riskdesk.ui.app import application_icon, open_files_from_the_system

ROOT = Path(__file__).resolve().parents[2]


def test_an_open_file_event_opens_the_register(make_window, demo_5x5_path: Path) -> None:
    window = make_window(None)
    open_files_from_the_system(window)
    assert window.document is None
    QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(demo_5x5_path)))
    assert window.document is not None
    assert window.document.workspace.path == demo_5x5_path


def test_the_application_has_its_icon() -> None:
    icon = application_icon()
    assert not icon.isNull()
    assert {size.width() for size in icon.availableSizes()} >= {16, 32, 48, 256}


def test_the_window_runs_and_closes_itself_for_the_smoke_test(tmp_path: Path) -> None:
    env = dict(os.environ, RISKDESK_QUIT_AFTER="1", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-m", "riskdesk.cli"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
