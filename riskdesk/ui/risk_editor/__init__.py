"""The risk editor: every field of a risk, grouped as a user thinks of them."""

from riskdesk.ui.risk_editor.form import RiskEditor

__all__ = ["RiskEditor"]
