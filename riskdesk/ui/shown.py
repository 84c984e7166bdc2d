"""What the window shows now, as a small protocol the views read instead of the window."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from riskdesk.core.changes import OpChanges

if TYPE_CHECKING:
    from riskdesk.core.model import Risk
    from riskdesk.ui.document import Document


class Shown(Protocol):
    """The open file and the register chosen in the tree, with its risks."""

    @property
    def document(self) -> Document | None:
        """The open file, or None."""
        ...

    def selected_register_id(self) -> str | None:
        """The register chosen in the tree."""
        ...

    def shown_risks(self) -> list[Risk]:
        """The risks of the chosen register and the registers under it."""
        ...


def touches_risks(changes: OpChanges) -> bool:
    """True when an operation changed something a view of risks draws (a row, a score, a count)."""
    return bool(changes.risks or changes.actions or changes.registers or changes.periods
                or changes.scheme or changes.settings or changes.reload)
