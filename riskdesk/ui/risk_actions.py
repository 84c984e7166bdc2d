"""What the Risk menu does to risks: add, copy, archive, delete, re-score, and show a risk's history."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from riskdesk.core.model import Score
from riskdesk.ui import commands
from riskdesk.ui.controller import EditingController
from riskdesk.ui.undo import edit_fields

if TYPE_CHECKING:
    pass


class RiskActions(EditingController):
    """The risk operations, on the open file and the risks chosen in the table."""

    def new(self) -> None:
        """Add a risk to the chosen register and put the cursor in its title."""
        document = self.host.document
        register_id = self.selection.selected_register_id()
        if document is None or register_id is None:
            self.notifier.show_message("Choose a register first", "Choose the register the new risk belongs to.")
            return
        taken = {r.reference for r in document.contents.risks if r.register_id == register_id}
        number = len(taken) + 1
        while f"New {number}" in taken:
            number += 1
        risk = self.guard(lambda: commands.create_risk(document, register_id, f"New {number}", "New risk"))
        if risk is not None:
            self.selection.select_risk(risk.id, edit=True)

    def duplicate(self) -> None:
        """Copy the chosen risk with its controls and actions."""
        document = self.host.document
        risk = self.selection.current_risk()
        if document is not None and risk is not None:
            copy = self.guard(lambda: commands.duplicate_risk(document, risk))
            if copy is not None:
                self.selection.select_risk(copy.id)

    def archive(self) -> None:
        """Hide the chosen risks from views and reports (nothing is deleted)."""
        document = self.host.document
        if document is None:
            return
        for risk in self.selection.selected_risks():
            self.guard(partial(edit_fields, document, "risk", risk.id, risk.version, {"archived": True},
                               f"Archive {risk.reference}", "Archived"))

    def delete(self) -> None:
        """Delete the chosen risks after asking (undo brings them back)."""
        document = self.host.document
        risks = self.selection.selected_risks()
        if document is None or not risks:
            return
        names = ", ".join(r.reference for r in risks)
        if not self.notifier.confirm("Delete risks?",
                                     f"Delete {names} with its controls and actions? You can undo this."):
            return
        for risk in risks:
            self.guard(partial(commands.delete_risk, document, risk))

    def rescore(self, risk_id: str, kind: str, likelihood: int, impact: int, reason: str) -> None:
        """Re-score a risk (from the heat map; undoable), with the reason the user gave."""
        document = self.host.document
        risk = document.risk(risk_id) if document is not None else None
        if document is None or risk is None:
            return
        self.guard(lambda: edit_fields(document, "risk", risk_id, risk.version, {kind: Score(likelihood, impact)},
                                       f"Change {kind} score of {risk.reference}", reason))

    def show_history(self) -> Any:
        """Every change to the chosen risk, its controls, actions and links, in a window of its own."""
        from riskdesk.ui.history_dialog import open_history

        document = self.host.document
        risk = self.selection.current_risk()
        if document is None or risk is None:
            return None
        self.host.commit_data()  # what is typed is in the history too
        return open_history(document, f"History of {risk.reference}", self.host.window(), risk_ids=[risk.id])
