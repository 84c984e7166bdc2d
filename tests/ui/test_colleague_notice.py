"""Told, not overwritten: when a colleague's change replaces what is on screen, the editor says who and what."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit

from riskdesk.ui.risk_editor.widgets import TextBox
from tests.ui.helpers import edit_elsewhere, read_risk


def _show(window, reference: str) -> None:
    window.document.poll_timer.stop()
    risk = next(r for r in window.document.contents.risks if r.reference == reference)
    window.risk_panel.select_risk(risk.id)


def test_a_colleagues_change_on_screen_is_named_in_a_dismissible_bar(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    window.resize(1366, 768)
    _show(window, "SR 7.4")
    notice = window.editor.notice
    assert not notice.isVisible()
    edit_elsewhere(demo_5x5_path, "SR 7.4", user="Priya Shah", title="Her title", owner="Jo Bloggs")
    assert window.document.check_for_colleagues()
    assert notice.isVisible()
    text = notice.label.text()
    assert text.startswith("Priya Shah changed the title and risk owner of SR 7.4 just now")
    assert window.editor.findChild(QLineEdit, "field_title").text() == "Her title"
    if os.environ.get("RISKDESK_SHOTS"):
        window.grab().save(str(Path(os.environ["RISKDESK_SHOTS"]) / "colleague-notice.png"))
    notice.dismiss.click()
    assert not notice.isVisible()


def test_our_own_edits_raise_no_notice(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    _show(window, "SR 7.4")
    edit_elsewhere(demo_5x5_path, "SR 7.5", user="Priya Shah", title="Another risk's title")
    window.document.check_for_colleagues()
    assert not window.editor.notice.isVisible()  # not the risk on screen


def test_typing_in_the_field_a_colleague_changed_keeps_our_text_and_says_so(make_window, qtbot,
                                                                            demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    _show(window, "SR 7.4")
    description: TextBox = window.editor.findChild(TextBox, "field_description")
    description.setFocus()
    qtbot.waitUntil(description.hasFocus)
    description.selectAll()
    qtbot.keyClicks(description, "My description")
    edit_elsewhere(demo_5x5_path, "SR 7.4", user="Priya Shah", description="Her description")
    window.document.check_for_colleagues()
    assert description.text() == "My description"
    text = window.editor.notice.label.text()
    assert "Priya Shah changed the description of SR 7.4" in text
    assert "still typing in the description" in text

    # Closing now asks which to keep (the window waits for the answer): keeping ours writes it.
    def answer() -> None:
        dialog = window.editor.conflict_dialog
        assert dialog is not None and dialog.isVisible()
        assert dialog.theirs.toPlainText() == "Her description"
        dialog.keep_mine.click()

    QTimer.singleShot(100, answer)
    window.close()
    assert read_risk(demo_5x5_path, "SR 7.4").description == "My description"
