"""install_heat_map wires any panel with the agreed signals and methods (a test double here)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTableView, QWidget

from riskdesk.core.model import Score
from tests.ui.helpers import read_risk, select_register, visible_references


class PanelDouble(QWidget):
    """Stands in for the heat map panel: records what the window tells it."""

    filterChanged = Signal(object)
    rescoreRequested = Signal(str, str, int, int, str)

    def __init__(self) -> None:
        super().__init__()
        self.data_calls: list[tuple[object, list, dict]] = []
        self.highlighted: list[str | None] = []
        self.titles: list[tuple[str, str]] = []
        self.appetites: list[tuple[int | None, str]] = []
        self._view = QTableView(self)

    def set_data(self, scheme, risks, trails, axes: str = "") -> None:
        self.data_calls.append((scheme, risks, trails))
        self.axes = axes

    def highlight_risk(self, risk_id: str | None) -> None:
        self.highlighted.append(risk_id)

    def set_titles(self, register_name: str, period_label: str = "") -> None:
        self.titles.append((register_name, period_label))

    def set_appetite(self, limit: int | None, level: str = "") -> None:
        self.appetites.append((limit, level))

    def view(self) -> QTableView:
        return self._view


def test_heat_map_panel_is_fed_filters_and_rescores(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    panel = PanelDouble()
    window.install_heat_map(panel)
    assert panel.parent() is not None and panel.isVisible()

    select_register(window, "Strategic Risk Register")
    # The trails over past periods come with the rest of the file, just after the first paint.
    qtbot.waitUntil(lambda: window.document.complete)
    scheme, risks, trails = panel.data_calls[-1]
    assert scheme.name == "5x5"
    assert {r.reference for r in risks} == set(visible_references(window))
    sr72 = next(r for r in risks if r.reference == "SR 7.2")
    assert trails[sr72.id] == [Score(4, 4), Score(3, 4), Score(3, 3), Score(3, 3)]
    assert panel.titles[-1][0] == "Strategic Risk Register"

    window.risk_panel.select_risk(sr72.id)
    assert panel.highlighted[-1] == sr72.id

    panel.filterChanged.emit({sr72.id})
    assert visible_references(window) == ["SR 7.2"]
    panel.filterChanged.emit(None)
    assert len(visible_references(window)) == len(risks)

    calls = len(panel.data_calls)
    panel.rescoreRequested.emit(sr72.id, "residual", 2, 3, "Audit results improved")
    assert read_risk(demo_5x5_path, "SR 7.2").residual == Score(2, 3)
    assert len(panel.data_calls) > calls
    assert next(r for r in panel.data_calls[-1][1] if r.id == sr72.id).residual == Score(2, 3)
    assert window.undo_stack.undoText() == "Change residual score of SR 7.2"
    window.undo_stack.undo()
    assert read_risk(demo_5x5_path, "SR 7.2").residual == Score(3, 3)
