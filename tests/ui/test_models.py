"""The Qt models keep Qt's rules, and answer with the domain objects."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from benchmarks.generate import make_register
from riskdesk.core.appetite import LEVELS
from riskdesk.core.contents import RegisterContents
from riskdesk.core.model import Risk, RiskStatus
from riskdesk.services.queries import load_contents, risks_in_subtree
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import RISK
from riskdesk.ui.mime import RISK_IDS_MIME
from riskdesk.ui.register_flag import FLAG_ROLE
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


def _counted_plainly(contents: RegisterContents, register_id: str) -> tuple[int, int, int, int, int]:
    """Open, high, above appetite, late and flagged risks of a register and those under it, one by one."""
    today = date.today()
    scheme = contents.scheme
    top = max(scheme.bands, key=lambda band: band.low).name
    late_actions = {action.risk_id for action in contents.actions if action.is_overdue(today)}
    open_risks = [r for r in risks_in_subtree(contents, register_id) if r.status != RiskStatus.CLOSED]
    high = [r for r in open_risks
            if r.residual is not None and scheme.band_for(r.residual.likelihood, r.residual.impact).name == top]
    above = {r.id for r in open_risks if contents.above_appetite(r)}
    late = {r.id for r in open_risks if contents.review_overdue(r, today) or r.id in late_actions}
    return len(open_risks), len(high), len(above), len(late), len(above | late)


def _varied_register(path: Path) -> Path:
    """300 generated risks, some with their own appetite, category, review date or status."""
    make_register(path, 300)
    rng = random.Random(11)
    workspace = Workspace.open(path)
    try:
        for risk in workspace.store.all(RISK):
            changes: dict[str, object] = {}
            if rng.random() < 0.4:
                changes["appetite"] = rng.choice(LEVELS)
            if rng.random() < 0.4:
                changes["category"] = rng.choice(["Financial", "Safeguarding", "Reputation", "Compliance"])
            if rng.random() < 0.6:  # reviewed lately, next due sooner or later than the band's cadence
                last = date.today() - timedelta(days=rng.randint(0, 60))
                changes["last_reviewed"] = last
                changes["next_review"] = last + timedelta(days=rng.randint(0, 120))
            if rng.random() < 0.1:
                changes["status"] = RiskStatus.CLOSED
            if changes:
                workspace.update_risk(risk.id, risk.version, **changes)
    finally:
        workspace.close()
    return path


@pytest.mark.parametrize("kind", ["demo", "generated"])
def test_register_tree_counts_match_each_risk_counted_plainly(kind: str, demo_5x5_path: Path, tmp_path: Path) -> None:
    # The tree works each answer out once per distinct score, appetite and review dates: the
    # same numbers as asking for every risk in turn, on the demo and on 300 generated risks.
    path = demo_5x5_path if kind == "demo" else _varied_register(tmp_path / "generated.sqlite")
    contents = _contents(path)
    model = RegisterTreeModel()
    model.set_contents(contents)
    indexes, seen = [QModelIndex()], 0
    while indexes:
        parent = indexes.pop()
        for row in range(model.rowCount(parent)):
            index = model.index(row, NAME, parent)
            register = index.data(REGISTER_ROLE)
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            above = int(tip.split(" high, ")[1].split(" above appetite")[0])
            late = int(tip.split(" above appetite, ")[1].split(" with a review")[0])
            shown = (int(model.index(row, OPEN, parent).data()), int(model.index(row, HIGH, parent).data()),
                     above, late, index.data(FLAG_ROLE))
            assert shown == _counted_plainly(contents, register.id), register.name
            indexes.append(index)
            seen += 1
    assert seen == len(contents.registers)
