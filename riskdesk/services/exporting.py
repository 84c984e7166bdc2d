"""Exports that stream from the file: the JSON export of a whole register with its history."""

from __future__ import annotations

from pathlib import Path

from riskdesk.core.model import HistoryEntry
from riskdesk.interchange.json_export import write_json
from riskdesk.services.queries import load_contents
from riskdesk.services.workspace import Workspace


def export_json(workspace: Workspace, target: Path) -> int:
    """Write every record and the whole history to target as JSON; returns the number of risks.

    The history (the bulk of a long-kept file) is read from the file as it is written, never
    held whole, so memory stays bounded however many years the file holds.
    """
    contents = load_contents(workspace, with_history=False)
    history = (HistoryEntry(**row) for row in workspace.store.history_rows())
    write_json(contents, target, history)
    return len(contents.risks)
