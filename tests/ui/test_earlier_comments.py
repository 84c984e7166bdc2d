"""The editor shows last quarter's comment beside this quarter's, and the quarters before on request."""

from __future__ import annotations

from pathlib import Path

from tests.ui.helpers import select_register


def test_last_quarter_beside_this_one_and_earlier_on_request(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    select_register(window, "Strategic Risk Register")
    panel = window.risk_panel
    assert panel.select_risk(next(r.id for r in window.document.contents.risks if r.reference == "SR 7.2"))
    earlier = window.editor.earlier
    qtbot.waitUntil(lambda: earlier.comments != [])
    labels = [label for label, _ in earlier.comments]
    assert labels == ["Q4 2023/24", "Q3 2023/24", "Q2 2023/24", "Q1 2023/24"]
    assert earlier.caption.text() == "Last quarter (Q4 2023/24):"
    assert earlier.last.toPlainText() == earlier.comments[0][1] != ""
    assert not earlier.older.isVisible()
    window.editor.tabs.setCurrentIndex(window.editor.tabs.count() - 1)
    earlier.more.click()
    assert earlier.older.isVisible()
    older = earlier.older.toPlainText()
    assert "Q3 2023/24" in older and "Q1 2023/24" in older and "Q4 2023/24" not in older
    assert earlier.more.text() == "Hide earlier quarters (3)"
