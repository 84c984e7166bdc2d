"""The heat map: a likelihood x impact matrix to click, drag, read aloud and print."""

from riskdesk.ui.heatmap.panel import HeatMapPanel

__all__ = ["HeatMapPanel"]
