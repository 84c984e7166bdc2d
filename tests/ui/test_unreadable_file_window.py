"""The window names a value it cannot read, in a message, and keeps running."""

from __future__ import annotations

from pathlib import Path

from tests.storage.test_unreadable_values import ACTION_NAME, FIRST_ACTION, damaged


def test_a_risk_value_it_cannot_read_is_named_when_opening(demo_5x5_path: Path, tmp_path: Path, make_window) -> None:
    path = damaged(demo_5x5_path, tmp_path, "UPDATE risks SET status = 'pending' WHERE reference = 'SR 7.2'")
    window = make_window(None)
    assert not window.open_file(path)
    assert window.document is None
    assert window.last_message.text().startswith(f"{path.name}: risk SR 7.2 has status 'pending'")


def test_an_action_value_it_cannot_read_is_named_once_the_rest_loads(
    demo_5x5_path: Path, tmp_path: Path, make_window, qtbot
) -> None:
    path = damaged(demo_5x5_path, tmp_path, f"UPDATE actions SET rag = 'purple' WHERE rowid = {FIRST_ACTION}")
    window = make_window(None)
    said: list[str] = []
    assert window.open_file(path)
    window.document.problem.connect(said.append)
    window.document.ensure_complete()
    assert said == [f"{path.name}: {ACTION_NAME} has RAG rating 'purple', which riskdesk does not know (it can be "
                    "red, amber or green), so it was changed outside riskdesk; put it right there or ask whoever "
                    "changed it."]
    assert window.statusBar().currentMessage() == said[0]
