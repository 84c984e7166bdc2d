"""Render the heat map in each of its modes to docs/images/heatmap-*.png.

Run with:  uv run python docs/make_heatmap_images.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from riskdesk.core.model import Risk, Score, ScoreKind
from riskdesk.services.demo import write_demo
from riskdesk.services.queries import find_register, load_contents, risks_in_subtree
from riskdesk.services.workspace import Workspace
from riskdesk.ui.heatmap import HeatMapPanel
from riskdesk.ui.heatmap.export import render_image
from riskdesk.ui.heatmap.palette import PaletteMode

IMAGES = Path(__file__).resolve().parent / "images"


def _register(workspace: Workspace, name: str) -> tuple[list[Risk], dict[str, list[Score]]]:
    contents = load_contents(workspace)
    register = find_register(contents, name)
    assert register is not None, name
    risks = risks_in_subtree(contents, register.id)
    trails: dict[str, list[Score]] = {}
    for period in contents.closed_periods():
        for risk in risks:
            snapshot = contents.snapshot(period.id, risk.id)
            if snapshot is not None and snapshot.residual is not None:
                trails.setdefault(risk.id, []).append(snapshot.residual)
    return risks, trails


def _shot(app: QApplication, panel: HeatMapPanel, name: str) -> None:
    panel.show()
    app.processEvents()
    path = IMAGES / f"heatmap-{name}.png"
    panel.grab().save(str(path))
    print(path.relative_to(IMAGES.parent.parent))


def main() -> int:
    """Write every picture; returns the exit status."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        five = Path(folder) / "demo-5x5.sqlite"
        three = Path(folder) / "demo-3x3.sqlite"
        write_demo(five, "5x5")
        write_demo(three, "3x3")
        workspace = Workspace.open(five, read_only=True)
        risks, trails = _register(workspace, "Strategic Risk Register")
        sr72 = next(r for r in risks if r.reference == "SR 7.2")

        panel = HeatMapPanel()
        panel.resize(QSize(960, 680))
        panel.set_data(workspace.scheme, risks, trails)
        panel.set_titles("Strategic Risk Register", "Q1 2024/25")
        panel.highlight_risk(sr72.id)
        _shot(app, panel, "residual")
        panel.set_kind(ScoreKind.INHERENT)
        _shot(app, panel, "inherent")
        panel.set_kind(ScoreKind.TARGET)
        _shot(app, panel, "target")
        panel.set_kind(ScoreKind.RESIDUAL)
        panel.set_palette_mode(PaletteMode.COLOUR_BLIND)
        panel.select_band("High")
        _shot(app, panel, "colour-blind")
        panel.clear_filter()
        panel.set_palette_mode(PaletteMode.GREYSCALE)
        _shot(app, panel, "greyscale")
        grid = panel.grid
        assert grid is not None
        # The panel as wide as it often is beside the risk table (45% of the window).
        for width, height in ((480, 420), (640, 520)):
            narrow = HeatMapPanel()
            narrow.resize(QSize(width, height))
            narrow.set_data(workspace.scheme, risks, trails)
            narrow.set_titles("Strategic Risk Register", "Q1 2024/25")
            narrow.highlight_risk(sr72.id)
            _shot(app, narrow, f"narrow-{width}")
            narrow.close()
        render_image(grid, PaletteMode.SCHEME, panel.title(), "", QSize(1754, 1240), 150).save(
            str(IMAGES / "heatmap-print.png"))
        print("docs/images/heatmap-print.png")
        workspace.close()

        workspace = Workspace.open(three, read_only=True)
        area_risks, area_trails = _register(workspace, "Care and Protection")
        panel = HeatMapPanel()
        panel.resize(QSize(760, 560))
        panel.set_data(workspace.scheme, area_risks, area_trails)
        panel.set_titles("Care and Protection", "")
        panel.set_transposed(True)
        _shot(app, panel, "3x3-transposed")
        workspace.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
