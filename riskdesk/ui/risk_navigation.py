"""Going to a risk from a list elsewhere (what changed, the committee check): show it in the table and editor."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from riskdesk.ui.ports import RiskBrowser


def open_risk(window: RiskBrowser, risk_id: str) -> bool:
    """Select a risk in the window, choosing its register and clearing filters that hide it.

    False when the risk is not in the file any more (deleted or archived meanwhile).
    """
    document = window.document
    if document is None:
        return False
    panel = window.risk_panel
    if panel.select_risk(risk_id):
        return True
    risk = document.risk(risk_id)
    if risk is None:
        return False
    index = window.tree_model.index_of(risk.register_id)
    if index.isValid():
        window.tree.setCurrentIndex(index)
    if panel.select_risk(risk_id):
        return True
    # A search, filter or heat-map cell hides it: clear them, the user asked for this risk.
    panel.search.clear()
    for combo in (panel.status, panel.band, panel.owner):
        combo.setCurrentIndex(0)
    panel.overdue.setChecked(False)
    panel.proxy.set_risk_id_filter(None)
    if window.heat_map is not None:
        window.heat_map.view().clearSelection()
    return panel.select_risk(risk_id)
