"""The Qt models keep Qt's rules, and answer with the domain objects."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt

from riskdesk.core.model import Risk
from riskdesk.services.queries import load_contents, risks_in_subtree
from riskdesk.services.workspace import Workspace
from riskdesk.ui.mime import RISK_IDS_MIME
from riskdesk.ui.register_tree import HIGH, NAME, OPEN, REGISTER_ROLE, RegisterTreeModel
from riskdesk.ui.risk_table import (
    DIRECTION,
    RISK_ROLE,
    SCORE,
    RiskFilterModel,
    RiskTableModel,
)


def _contents(path: Path):
    workspace = Workspace.open(path)
    try:
        return load_contents(workspace)
    finally:
        workspace.close()


def test_risk_table_model_and_proxy_pass_the_model_tester(qtmodeltester, demo_5x5_path: Path) -> None:
    contents = _contents(demo_5x5_path)
    model = RiskTableModel()
    model.set_risks(contents.risks, contents)
    qtmodeltester.check(model)
    proxy = RiskFilterModel()
    proxy.setSourceModel(model)
    proxy.sort(SCORE, Qt.SortOrder.DescendingOrder)
    proxy.set_search("workforce")
    qtmodeltester.check(proxy)
    assert proxy.rowCount() >= 1
    assert all("workforce" in model.search_text(proxy.mapToSource(proxy.index(r, 0)).row())
               for r in range(proxy.rowCount()))


def test_cells_speak_as_the_seeds_do(demo_5x5_path: Path) -> None:
    contents = _contents(demo_5x5_path)
    model = RiskTableModel()
    model.set_risks(contents.risks, contents)
    row = next(r for r in range(model.rowCount()) if model.risk_at(r).reference == "SR 7.2")
    assert model.index(row, SCORE).data() == "Medium 9"
    assert model.index(row, DIRECTION).data() == "⇨"
    assert model.index(row, DIRECTION).data(Qt.ItemDataRole.ToolTipRole) == "No change"
    risk = model.index(row, 0).data(RISK_ROLE)
    assert isinstance(risk, Risk) and risk.reference == "SR 7.2"
    assert model.index(row, SCORE).data(Qt.ItemDataRole.BackgroundRole).color().name() == (
        contents.scheme.band_named("Medium").colour.lower())


def test_dragged_rows_carry_risk_ids(demo_5x5_path: Path) -> None:
    contents = _contents(demo_5x5_path)
    model = RiskTableModel()
    model.set_risks(contents.risks[:3], contents)
    mime = model.mimeData([model.index(0, 0), model.index(0, 1), model.index(2, 0)])
    ids = bytes(mime.data(RISK_IDS_MIME).data()).decode("utf-8").split("\n")
    assert ids == [contents.risks[0].id, contents.risks[2].id]


def test_filters_combine_and_the_id_filter_clears(demo_5x5_path: Path) -> None:
    contents = _contents(demo_5x5_path)
    model = RiskTableModel()
    model.set_risks(contents.risks, contents)
    proxy = RiskFilterModel()
    proxy.setSourceModel(model)
    everyone = proxy.rowCount()
    chosen = {contents.risks[0].id, contents.risks[1].id}
    proxy.set_risk_id_filter(chosen)
    assert {proxy.index(r, 0).data(RISK_ROLE).id for r in range(proxy.rowCount())} == chosen
    proxy.set_risk_id_filter(None)
    assert proxy.rowCount() == everyone
    proxy.set_band("High")
    highs = [proxy.index(r, SCORE).data() for r in range(proxy.rowCount())]
    assert highs and all(text.startswith("High") for text in highs)
    proxy.set_band(None)
    owner = contents.risks[0].owner
    proxy.set_owner(owner)
    assert proxy.rowCount() == sum(1 for r in contents.risks if r.owner == owner)


def test_register_tree_model_counts_open_and_high(qtmodeltester, demo_5x5_path: Path) -> None:
    contents = _contents(demo_5x5_path)
    model = RegisterTreeModel()
    model.set_contents(contents)
    qtmodeltester.check(model)
    top = model.index(0, NAME)
    assert top.data(REGISTER_ROLE).name == "Strategic Risk Register"
    everything = risks_in_subtree(contents, top.data(REGISTER_ROLE).id)
    assert model.index(0, OPEN).data() == str(sum(1 for r in everything if r.status.value != "closed"))
    assert int(model.index(0, HIGH).data()) >= 1
    child = model.index(0, NAME, top)
    assert child.isValid() and model.parent(child) == top
    assert model.parent(top) == QModelIndex()
