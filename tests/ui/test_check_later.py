"""A large file opens at once, read-only, and allows editing once its integrity check has passed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from riskdesk.ui import file_check
from riskdesk.ui.main_window import MainWindow
from tests.storage.test_refusals import failed_quick_check


@pytest.fixture
def every_file_checked_later(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_check, "CHECK_LATER_FROM_BYTES", 0)


def test_editing_is_allowed_once_the_check_passes(every_file_checked_later: None, demo_5x5_path: Path,
                                                  make_window: Callable[[Path | None], MainWindow],
                                                  qtbot: object) -> None:
    window = make_window(None)
    assert window.open_file(demo_5x5_path)
    assert window.read_only  # until the check, queued behind this test's code, has run
    assert window.read_only_label.text() == "Checking the file…"
    assert not window.actions_by_name["new_risk"].isEnabled()
    qtbot.waitUntil(lambda: not window.read_only, timeout=10000)  # type: ignore[attr-defined]
    assert window.integrity_check is None
    assert window.actions_by_name["new_risk"].isEnabled()
    assert window.read_only_label.isHidden()
    assert window.read_only_label.text() == "Read only"


def test_a_file_failing_the_check_is_closed_with_the_reason(every_file_checked_later: None, tmp_path: Path,
                                                            make_window: Callable[[Path | None], MainWindow],
                                                            qtbot: object) -> None:
    path = failed_quick_check(tmp_path / "damaged.sqlite")
    window = make_window(None)
    assert window.open_file(path)
    assert window.read_only
    qtbot.waitUntil(lambda: window.document is None, timeout=10000)  # type: ignore[attr-defined]
    assert window.last_message.text() == "damaged.sqlite is damaged (its integrity check failed)."


def test_a_small_file_is_checked_before_it_is_shown(demo_5x5_path: Path,
                                                    make_window: Callable[[Path | None], MainWindow]) -> None:
    window = make_window(None)
    assert window.open_file(demo_5x5_path)
    assert not window.read_only
    assert window.integrity_check is None
