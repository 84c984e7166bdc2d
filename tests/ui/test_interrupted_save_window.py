"""The window opens a file whose last save was cut off, and says it was rolled back."""

from __future__ import annotations

from pathlib import Path

from riskdesk.storage.recovery import journal_of
from tests.storage.test_interrupted_save import hot_copy


def test_the_window_opens_the_file_and_says_the_save_was_rolled_back(
    demo_5x5_path: Path, tmp_path: Path, make_window, qtbot
) -> None:
    path = hot_copy(demo_5x5_path, tmp_path / "window")
    window = make_window(None)
    assert window.open_file(path)
    qtbot.waitUntil(lambda: not window.read_only, timeout=10000)  # the integrity check has passed
    assert window.document is not None
    box = window.last_message
    assert box.windowTitle() == "An interrupted save was rolled back" and box.isVisible()
    assert box.text() == (f"{path.name}: a save that was interrupted (riskdesk or the computer stopped "
                          "during it) was rolled back; the file is as it was before that save, so look "
                          "again at the last change made before it stopped.")
    assert not journal_of(path).exists()
    assert len(window.document.contents.risks) == 17
