"""What the Risk menu and the register tree do to registers: add, rename, move, archive, history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from riskdesk.services.queries import subtree_ids
from riskdesk.ui import commands
from riskdesk.ui.controller import EditingController
from riskdesk.ui.undo import edit_fields

if TYPE_CHECKING:
    pass


class RegisterActions(EditingController):
    """The register operations, on the open file and the register chosen in the tree."""

    def new(self) -> None:
        """Add a register under the chosen one and let the user name it."""
        document = self.host.document
        if document is None:
            return
        parent_id = self.selection.selected_register_id()
        made = self.guard(lambda: commands.create_register(document, "New register", parent_id))
        if made:
            self.selection.select_register(made, rename=True)

    def rename(self) -> None:
        """Start renaming the chosen register in the tree."""
        register_id = self.selection.selected_register_id()
        if register_id is not None:
            self.selection.select_register(register_id, rename=True)

    def rename_to(self, register_id: str, name: str) -> None:
        """Give a register the name typed for it in the tree (undoable)."""
        document = self.host.document
        register = document.contents.register(register_id) if document is not None else None
        if document is None or register is None:
            return
        self.guard(lambda: edit_fields(document, "register", register_id, register.version,
                                       {"name": name}, f"Rename register {register.name}"))

    def move(self, register_id: str, parent_id: str | None) -> None:
        """Put a register under another (dragged in the tree; undoable)."""
        document = self.host.document
        register = document.contents.register(register_id) if document is not None else None
        if document is None or register is None or register.parent_id == parent_id:
            return
        self.guard(lambda: edit_fields(document, "register", register_id, register.version,
                                       {"parent_id": parent_id}, f"Move register {register.name}"))

    def move_risks(self, risk_ids: list[str], register_id: str) -> None:
        """Move risks dropped on a register into it (undoable)."""
        document = self.host.document
        if document is not None:
            self.guard(lambda: commands.move_risks(document, risk_ids, register_id))

    def archive(self) -> None:
        """Hide the chosen register, or bring an archived one back (its risks stay in the file)."""
        document = self.host.document
        register_id = self.selection.selected_register_id()
        register = document.contents.register(register_id) if document and register_id else None
        if document is None or register is None:
            return
        self.guard(lambda: edit_fields(document, "register", register.id, register.version,
                                       {"archived": not register.archived},
                                       f"{'Restore' if register.archived else 'Archive'} register {register.name}",
                                       "Restored" if register.archived else "Archived"))

    def show_history(self) -> Any:
        """Every change to the chosen register, the registers under it and their risks."""
        from riskdesk.ui.history_dialog import open_history

        document = self.host.document
        register_id = self.selection.selected_register_id()
        if document is None or register_id is None:
            return None
        self.host.commit_data()  # what is typed is in the history too
        ids = sorted(subtree_ids(document.contents.registers, register_id, include_archived=True))
        register = document.contents.register(register_id)
        return open_history(document, f"History of {register.name if register else 'the register'}",
                            self.host.window(), register_ids=ids)
