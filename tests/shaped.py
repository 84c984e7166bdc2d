"""Registers of other shapes for tests: the 5x5 demo moved to a preset, and a risk in the top corner."""

from __future__ import annotations

import shutil
from pathlib import Path

from riskdesk.core.model import Score
from riskdesk.core.presets import preset
from riskdesk.services.scheme_change import change_scheme, suggested_mapping
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import PERIOD, REGISTER, RISK

SHAPED = ("4x4-weighted", "6x5", "6x6")


def shaped_register(demo_5x5_path: Path, folder: Path, name: str) -> Workspace:
    """A copy of the 5x5 demo in the named preset, with "TOP 1" at the highest cell; open."""
    target = folder / f"shaped-{name}.sqlite"
    shutil.copyfile(demo_5x5_path, target)
    workspace = Workspace.open(target)
    scheme = preset(name)
    change_scheme(workspace, scheme, suggested_mapping(workspace.scheme, scheme))
    strategic = next(r for r in workspace.store.all(REGISTER) if r.name == "Strategic Risk Register")
    top = Score(scheme.max_likelihood, scheme.max_impact)
    workspace.create_risk(strategic.id, "TOP 1", "A risk at the highest cell", category="Financial",
                          owner="Chief Executive", inherent=top, residual=top, target=top)
    assert any(r.reference == "TOP 1" for r in workspace.store.all(RISK))
    # Reports show the latest closed period: close the open one so TOP 1 is in it.
    open_period = next(p for p in workspace.store.all(PERIOD) if not p.is_closed)
    workspace.close_period(open_period.id, "Q2 2024/25")
    return workspace
