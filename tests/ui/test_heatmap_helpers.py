"""Shared helpers for the heat-map tests: build a panel from a register of a real file."""

from __future__ import annotations

from riskdesk.core.model import Risk, RiskStatus, Score
from riskdesk.services.queries import find_register, load_contents, risks_in_subtree
from riskdesk.services.workspace import Workspace
from riskdesk.ui.heatmap import HeatMapPanel


def open_risks(risks: list[Risk]) -> list[Risk]:
    """Risks a heat map should place: not closed, not archived."""
    return [r for r in risks if r.status != RiskStatus.CLOSED and not r.archived]


def register_risks(workspace: Workspace, name: str | None) -> list[Risk]:
    """Every risk of a register and the registers below it (all when name is None)."""
    contents = load_contents(workspace)
    root = None
    if name is not None:
        register = find_register(contents, name)
        assert register is not None, f"no register called {name}"
        root = register.id
    return risks_in_subtree(contents, root)


def trails_for(workspace: Workspace, risks: list[Risk]) -> dict[str, list[Score]]:
    """Residual scores of each risk over the closed periods, oldest first."""
    contents = load_contents(workspace)
    trails: dict[str, list[Score]] = {}
    for period in contents.closed_periods():
        for risk in risks:
            snapshot = contents.snapshot(period.id, risk.id)
            if snapshot is not None and snapshot.residual is not None:
                trails.setdefault(risk.id, []).append(snapshot.residual)
    return trails


def make_panel(qtbot, workspace: Workspace, name: str | None, width: int = 900, height: int = 640) -> HeatMapPanel:  # type: ignore[no-untyped-def]
    """A shown panel with a register's risks."""
    panel = HeatMapPanel()
    qtbot.addWidget(panel)
    risks = register_risks(workspace, name)
    panel.set_data(workspace.scheme, risks, trails_for(workspace, risks))
    panel.set_titles(name or "All registers", "")
    panel.resize(width, height)
    panel.show()
    qtbot.waitExposed(panel)
    return panel
