"""The heat map's part in the window: what it shows, and when an operation makes it redraw.

Kept apart from the panel (which loads after the first paint) so the window can wire it at
once; any panel with set_data, set_appetite and set_titles can be fed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from riskdesk.core.changes import OpChanges
from riskdesk.core.model import Risk
from riskdesk.services.refresh import residual_trails
from riskdesk.ui.shown import Shown, touches_risks

if TYPE_CHECKING:
    from riskdesk.ui.heatmap.panel import HeatMapPanel


class HeatMapFeed:
    """Feeds the installed heat map the chosen register's risks, trails, appetite and titles."""

    def __init__(self, shown: Shown) -> None:
        self._shown = shown
        self.panel: HeatMapPanel | None = None

    def op_executed(self, changes: OpChanges, initiator: object | None) -> None:
        """Redraw when a risk, a score, a period or the scheme changed."""
        if touches_risks(changes):
            self.feed()

    def feed(self, risks: list[Risk] | None = None) -> None:
        """Give the panel what the window shows now (risks: already worked out by the caller)."""
        document = self._shown.document
        if self.panel is None or document is None:
            return
        # No ensure_complete() here: the grid needs only the risks, which paint first;
        # the trails over past periods arrive with the rest of the file.
        contents = document.contents
        if risks is None:
            risks = self._shown.shown_risks()
        self.panel.set_data(contents.scheme, risks, residual_trails(contents, {r.id for r in risks}),
                            contents.settings.extra.get("matrix_axes", ""))
        appetite = contents.appetite_rules()
        self.panel.set_appetite(appetite.threshold(appetite.default), appetite.default)
        register = contents.register(self._shown.selected_register_id() or "")
        period = contents.current_period()
        self.panel.set_titles(register.name if register else "", period.label if period else "")
