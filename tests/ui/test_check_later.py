"""A large file opens at once, read-only, and allows editing once its integrity check has passed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject

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


class PaintWatch(QObject):
    """Notes what the window showed each time the risk table painted."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.seen: list[tuple[int, bool, bool, bool]] = []  # rows, read only, check begun, message shown
        window.risk_panel.table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        window = self.window
        if event.type() == QEvent.Type.Paint and window.document is not None:
            check = window.integrity_check
            self.seen.append((window.risk_panel.model.rowCount(), window.read_only,
                              check is not None and check.started, window.last_message is not None))
        return False


def test_every_file_is_painted_first_and_checked_just_after(demo_5x5_path: Path,
                                                           make_window: Callable[[Path | None], MainWindow],
                                                           qtbot: object) -> None:
    window = make_window(None)
    watch = PaintWatch(window)
    assert window.open_file(demo_5x5_path)  # the demo: a small file, as most registers are
    assert window.read_only and window.integrity_check is not None
    assert not window.integrity_check.started  # nothing read for the check before the first paint
    qtbot.waitUntil(lambda: not window.read_only, timeout=10000)  # type: ignore[attr-defined]
    rows, read_only, check_begun, _ = watch.seen[0]
    assert rows == 17 and read_only and not check_begun
    assert window.actions_by_name["new_risk"].isEnabled()


def test_a_damaged_file_is_refused_in_one_sentence_after_the_first_paint_and_nothing_is_written(
        tmp_path: Path, make_window: Callable[[Path | None], MainWindow], qtbot: object) -> None:
    path = failed_quick_check(tmp_path / "damaged.sqlite")
    before = path.read_bytes()
    window = make_window(None)
    watch = PaintWatch(window)
    assert window.open_file(path)
    window.risk_actions.new()  # an edit tried before the check has passed is refused: the file is read-only
    qtbot.waitUntil(lambda: window.document is None, timeout=10000)  # type: ignore[attr-defined]
    rows, read_only, check_begun, message_shown = watch.seen[0]
    assert rows > 0 and read_only and not check_begun and not message_shown  # painted first
    text = window.last_message.text()
    assert text == "damaged.sqlite is damaged (its integrity check failed)."
    assert text.count(".") == 2 and "Traceback" not in text  # one sentence, naming the file
    assert window.pages.currentIndex() == 0  # back at the start page
    assert path.read_bytes() == before  # nothing written
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("damaged")) == ["damaged.sqlite"]
