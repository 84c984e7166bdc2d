"""Dragging a risk to another cell re-scores it, with a reason kept in the history."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QDropEvent, QFontMetricsF

from riskdesk.core.model import Score, ScoreKind
from riskdesk.core.validation import ValidationError
from riskdesk.services.rescoring import previous_score, rescore_risk
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import RISK
from riskdesk.ui.heatmap.model import CELL_ROLE
from riskdesk.ui.heatmap.painting import cell_layout, cell_references, layout_references
from riskdesk.ui.heatmap.rescore_dialog import RescoreDialog
from riskdesk.ui.mime import RISK_IDS_MIME, ids_to_mime
from tests.ui.test_heatmap_helpers import make_panel


def _answer_dialog(panel, reason: str | None, seen: list[RescoreDialog]) -> None:  # type: ignore[no-untyped-def]
    """Once the dialog is up, type a reason and press OK (or Cancel when reason is None)."""

    def answer() -> None:
        dialog = panel.findChild(RescoreDialog)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, answer)
            return
        seen.append(dialog)
        assert not dialog.ok_button.isEnabled(), "OK stays off until a reason is given"
        if reason is None:
            dialog.reject()
            return
        dialog.reason_edit.setPlainText(reason)
        assert dialog.ok_button.isEnabled()
        dialog.ok_button.click()

    QTimer.singleShot(0, answer)


def _risk(workspace: Workspace, reference: str):  # type: ignore[no-untyped-def]
    return next(r for r in workspace.store.all(RISK) if r.reference == reference)


def test_drop_asks_reason_then_rescore_writes_file_and_history(qtbot, demo_5x5, demo_5x5_path: Path) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register")
    risk = _risk(demo_5x5, "SR 7.2")
    old = risk.residual
    assert old == Score(3, 3)
    row, column = panel.grid.scores_to_position(2, 4)
    seen: list[RescoreDialog] = []
    _answer_dialog(panel, "Placement panel now in place", seen)
    with qtbot.waitSignal(panel.rescoreRequested) as blocker:
        moved = panel.handle_drop(ids_to_mime([risk.id]), row, column)
    assert moved == 1
    assert blocker.args == [risk.id, "residual", 2, 4, "Placement panel now in place"]
    dialog_text = seen[0].new_label.text()
    assert dialog_text.startswith("8 Medium")
    assert "Possible (2)" in dialog_text and "Major (4)" in dialog_text

    changes = rescore_risk(demo_5x5, *blocker.args)
    assert previous_score(changes, risk.id, "residual") == old
    reopened = Workspace.open(demo_5x5_path)
    try:
        assert reopened.store.get(RISK, risk.id).residual == Score(2, 4)
        rows = [h for h in reopened.store.history(risk.id) if h["field"] == "residual"]
        assert rows[-1]["reason"] == "Placement panel now in place"
    finally:
        reopened.close()

    # The inverse (what undo does) puts it back, with its own reason.
    rescore_risk(demo_5x5, risk.id, "residual", old.likelihood, old.impact, "Undo: Placement panel now in place")
    reopened = Workspace.open(demo_5x5_path)
    try:
        assert reopened.store.get(RISK, risk.id).residual == old
        assert reopened.store.history(risk.id)[-1]["reason"] == "Undo: Placement panel now in place"
    finally:
        reopened.close()


def test_cancelled_dialog_changes_nothing(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register")
    risk = _risk(demo_5x5, "SR 7.5")
    seen: list[RescoreDialog] = []
    _answer_dialog(panel, None, seen)
    with qtbot.assertNotEmitted(panel.rescoreRequested):
        assert panel.handle_drop([risk.id], 0, 0) == 0
    assert seen, "the dialog was shown"


def test_drop_on_the_same_cell_or_unknown_ids_asks_nothing(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register")
    risk = _risk(demo_5x5, "SR 7.2")
    row, column = panel.grid.scores_to_position(3, 3)
    with qtbot.assertNotEmitted(panel.rescoreRequested):
        assert panel.handle_drop([risk.id], row, column) == 0
        assert panel.handle_drop(["no-such-risk"], 0, 0) == 0
    assert panel.findChild(RescoreDialog) is None


def test_target_view_moves_the_target_score(qtbot, demo_5x5, demo_5x5_path: Path) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register")
    panel.set_kind(ScoreKind.TARGET)
    risk = _risk(demo_5x5, "SR 7.7")
    row, column = panel.grid.scores_to_position(1, 2)
    _answer_dialog(panel, "Aim lower", [])
    with qtbot.waitSignal(panel.rescoreRequested) as blocker:
        panel.handle_drop([risk.id], row, column)
    assert blocker.args[1:] == ["target", 1, 2, "Aim lower"]
    rescore_risk(demo_5x5, *blocker.args)
    assert demo_5x5.store.get(RISK, risk.id).target == Score(1, 2)
    assert demo_5x5.store.get(RISK, risk.id).residual == risk.residual


def test_dropping_on_the_view_asks_then_requests(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register")
    view = panel.view()
    risk = _risk(demo_5x5, "SR 7.4")
    index = panel.heat_model().index(4, 4)
    dropped: list[list[object]] = []
    view.risksDropped.connect(lambda ids, row, column: dropped.append([ids, row, column]))
    empty = QMimeData()  # kept in a name: the event does not own it
    ignored = QDropEvent(QPointF(view.visualRect(index).center()), Qt.DropAction.MoveAction, empty,
                         Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    view.dropEvent(ignored)
    assert dropped == [] and not ignored.isAccepted()

    mime = QMimeData()
    mime.setData(RISK_IDS_MIME, f"{risk.id}\n".encode())
    event = QDropEvent(QPointF(view.visualRect(index).center()), Qt.DropAction.MoveAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    # The panel asks for the reason once the drop has finished.
    _answer_dialog(panel, "Moved on the matrix", [])
    with qtbot.waitSignal(panel.rescoreRequested, timeout=5000) as request:
        view.dropEvent(event)
        assert event.isAccepted()
    assert dropped == [[[risk.id], 4, 4]]
    assert request.args == [risk.id, "residual", 1, 5, "Moved on the matrix"]


def test_a_reference_in_a_cell_is_what_a_drag_carries_and_only_that_risk(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, None)
    view = panel.view()
    model = panel.heat_model()
    index = model.index_of_scores(3, 3)
    cell = index.data(CELL_ROLE)
    assert cell.count >= 2
    layout = cell_layout(view.visualRect(index).toRectF(), view.font(), 10.0)
    placed = layout_references(layout.references, cell_references(cell), QFontMetricsF(layout.reference_font),
                               cell.count)
    assert placed
    for item in placed:
        ids = view.reference_ids_at(item.rect.center().toPoint())
        expected = [] if item.index < 0 else [cell.risks[item.index].id]  # "+N more" moves nobody
        assert ids == expected
    assert any(ids for ids in (view.reference_ids_at(i.rect.center().toPoint()) for i in placed))
    corner = view.visualRect(index).topLeft() + QPoint(3, 3)
    assert view.reference_ids_at(corner) == []
    assert view.reference_ids_at(layout.count.center().toPoint()) == []  # the count is not a risk


def test_a_drag_off_the_references_moves_no_risk_even_with_cells_selected(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, None)
    view = panel.view()
    model = panel.heat_model()
    crowded = [model.index_of_scores(3, 3), model.index_of_scores(4, 4)]
    for index in crowded:
        view.selectionModel().select(index, view.selectionModel().SelectionFlag.Select)
    assert sum(index.data(CELL_ROLE).count for index in crowded) >= 2
    carried: list[list[str]] = []
    view._start_reference_drag = lambda ids: carried.append(ids)  # record what would be dragged
    view.startDrag(Qt.DropAction.MoveAction)
    assert carried == []


def test_rescore_needs_a_reason_and_a_valid_cell(demo_5x5) -> None:
    risk = _risk(demo_5x5, "SR 7.2")
    with pytest.raises(ValidationError):
        rescore_risk(demo_5x5, risk.id, "residual", 1, 1, "   ")
    with pytest.raises(ValidationError):
        rescore_risk(demo_5x5, risk.id, "residual", 9, 1, "Out of range")
    assert demo_5x5.store.get(RISK, risk.id).residual == risk.residual
