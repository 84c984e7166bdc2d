"""The heat map is usable from the keyboard and every action is in its menu."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from riskdesk.core.model import ScoreKind
from riskdesk.ui.heatmap.model import RISK_IDS_ROLE
from riskdesk.ui.heatmap.palette import PaletteMode
from tests.ui.test_heatmap_helpers import make_panel


def _focus(qtbot, panel):  # type: ignore[no-untyped-def]
    view = panel.view()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    return view


def test_arrows_reach_every_cell_without_filtering(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, None)
    view = _focus(qtbot, panel)
    model = panel.heat_model()
    view.setCurrentIndex(model.index(0, 0))
    panel.clear_filter()
    visited = {(view.currentIndex().row(), view.currentIndex().column())}
    emitted: list[object] = []
    panel.filterChanged.connect(emitted.append)
    for row in range(model.rowCount()):
        key = Qt.Key.Key_Right if row % 2 == 0 else Qt.Key.Key_Left
        for _ in range(model.columnCount() - 1):
            QTest.keyClick(view, key)
            visited.add((view.currentIndex().row(), view.currentIndex().column()))
        QTest.keyClick(view, Qt.Key.Key_Down)
        visited.add((view.currentIndex().row(), view.currentIndex().column()))
    assert visited == {(r, c) for r in range(5) for c in range(5)}
    assert emitted == [], "moving alone does not filter"
    QTest.keyClick(view, Qt.Key.Key_Up)
    QTest.keyClick(view, Qt.Key.Key_Up)
    assert view.currentIndex().row() == 2


def test_space_filters_shift_extends_escape_clears(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, None)
    view = _focus(qtbot, panel)
    model = panel.heat_model()
    start = model.index_of_scores(3, 3)
    view.setCurrentIndex(start)
    panel.clear_filter()
    with qtbot.waitSignal(panel.filterChanged) as space:
        QTest.keyClick(view, Qt.Key.Key_Space)
    assert space.args == [start.data(RISK_IDS_ROLE)]
    with qtbot.waitSignal(panel.filterChanged) as extended:
        QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    right = model.index(start.row(), start.column() + 1)
    assert extended.args == [start.data(RISK_IDS_ROLE) | right.data(RISK_IDS_ROLE)]
    assert len(view.selectionModel().selectedIndexes()) == 2
    with qtbot.waitSignal(panel.filterChanged) as enter:
        QTest.keyClick(view, Qt.Key.Key_Return)
    assert enter.args == [right.data(RISK_IDS_ROLE)]
    with qtbot.waitSignal(panel.filterChanged) as escape:
        QTest.keyClick(view, Qt.Key.Key_Escape)
    assert escape.args == [None]


def test_context_menu_holds_every_action(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register")
    menu = panel.context_menu()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    for wanted in ("Filter to this cell", "Clear filter", "View inherent", "View residual", "View target",
                   "Copy as image", "Export PNG...", "Export SVG...", "Print..."):
        assert wanted in texts
    assert any(t.startswith("Transpose") for t in texts)
    colours = next(a.menu() for a in menu.actions() if a.text() == "Colours")
    assert [a.text() for a in colours.actions()] == ["Council colours", "Colour-blind safe",
                                                     "High contrast (black and white)"]
    # The menu's actions really act.
    next(a for a in menu.actions() if a.text() == "View target").trigger()
    assert panel.kind == ScoreKind.TARGET and panel.kind_button[ScoreKind.TARGET].isChecked()
    colours.actions()[2].trigger()
    assert panel.palette_mode == PaletteMode.GREYSCALE
    assert panel.palette_box.currentText().startswith("High contrast")
    next(a for a in menu.actions() if a.text().startswith("Transpose")).trigger()
    assert panel.transposed and panel.grid.transposed
    assert panel.heat_model().headerData(0, Qt.Orientation.Vertical) == "Critical (5)"
    view = panel.view()
    view.setCurrentIndex(panel.heat_model().index(0, 4))
    panel.clear_filter()
    with qtbot.waitSignal(panel.filterChanged) as blocker:
        next(a for a in menu.actions() if a.text() == "Filter to this cell").trigger()
    assert blocker.args == [panel.heat_model().index(0, 4).data(RISK_IDS_ROLE)]
    with qtbot.waitSignal(panel.filterChanged) as cleared:
        next(a for a in menu.actions() if a.text() == "Clear filter").trigger()
    assert cleared.args == [None]


def test_highlighted_risk_draws_its_path(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register")
    view = panel.view()
    risk = next(r for r in panel.grid.cells[(3, 3)].risks if r.reference == "SR 7.2")
    plain = view.viewport().grab().toImage()
    panel.highlight_risk(risk.id)
    assert panel.heat_model().highlighted_id == risk.id
    drawn = view.viewport().grab().toImage()
    assert drawn != plain, "the path is drawn over the cells"
    # Pixels along the way from inherent to residual change colour.
    start = panel.heat_model().index_of_scores(risk.inherent.likelihood, risk.inherent.impact)
    assert view.visualRect(start).isValid()
    panel.highlight_risk(None)
    assert view.viewport().grab().toImage() == plain
    panel.highlight_risk("not-a-risk")
    assert panel.heat_model().highlighted_id is None


def test_many_clicks_and_paints_keep_none_and_true_alive(qtbot, demo_5x5) -> None:
    import sys

    panel = make_panel(qtbot, demo_5x5, None)
    view = panel.view()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(200):
        panel.select_cells([(3, 3)])
        panel.clear_filter()
        view.viewport().repaint()
    # A faulty binding loses a reference on every call; a sound one stays put.
    assert none_before - sys.getrefcount(None) < 100
    assert true_before - sys.getrefcount(True) < 100


def test_ctrl_c_on_the_matrix_copies_it_as_a_picture(qtbot, demo_5x5) -> None:
    from PySide6.QtGui import QGuiApplication

    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register")
    view = _focus(qtbot, panel)
    QGuiApplication.clipboard().clear()
    assert QGuiApplication.clipboard().image().isNull()
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert not QGuiApplication.clipboard().image().isNull()


def test_dragging_across_cells_off_the_references_selects_a_block(qtbot, demo_5x5) -> None:
    from PySide6.QtCore import QEvent, QPoint, QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    panel = make_panel(qtbot, demo_5x5, None)
    view = panel.view()
    model = panel.heat_model()
    first, last = model.index(1, 1), model.index(2, 3)
    start = view.visualRect(first).topLeft() + QPoint(4, 4)  # on the "score band" caption, not a reference
    end = view.visualRect(last).topLeft() + QPoint(4, 4)
    assert view.reference_ids_at(start) == []
    viewport = view.viewport()

    def send(kind: QEvent.Type, pos: QPoint, button: Qt.MouseButton, buttons: Qt.MouseButton) -> None:
        local = QPointF(pos)
        event = QMouseEvent(kind, local, QPointF(viewport.mapToGlobal(pos)), button, buttons,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(viewport, event)

    send(QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseMove, (start + end) / 2, Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(panel.filterChanged) as blocker:
        send(QEvent.Type.MouseMove, end, Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton)
    block = [model.index(r, c) for r in (1, 2) for c in (1, 2, 3)]
    assert sorted((i.row(), i.column()) for i in view.selectionModel().selectedIndexes()) == \
        sorted((i.row(), i.column()) for i in block)
    expected = set().union(*(i.data(RISK_IDS_ROLE) for i in block))
    assert panel.selected_ids() == expected
    assert blocker.args[0] <= expected


def test_path_note_names_the_scores_and_past_periods(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register")
    risk = next(r for r in panel.grid.cells[(3, 3)].risks if r.reference == "SR 7.2")
    panel.highlight_risk(risk.id)
    text = panel.path_note.text()
    assert text.startswith(f"SR 7.2: I inherent {risk.inherent.value} → R residual 9 → T target {risk.target.value}")
    assert "(16, 12, 9, 9)" in text
    panel.highlight_risk(None)
    assert panel.path_note.text().startswith("Select a risk")
