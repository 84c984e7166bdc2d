"""Reading and changing the file's risk appetite and review cadence (both kept in the file's meta)."""

from __future__ import annotations

from riskdesk.core.appetite import META_KEY as APPETITE_KEY
from riskdesk.core.appetite import Appetite, appetite_from_dict, appetite_to_dict
from riskdesk.core.changes import OpChanges
from riskdesk.core.review_cadence import META_KEY as CADENCE_KEY
from riskdesk.core.review_cadence import ReviewCadence, cadence_from_dict, cadence_to_dict
from riskdesk.services.workspace import Workspace


def load_appetite(workspace: Workspace) -> Appetite:
    """The file's appetite per category, with defaults for what it does not set."""
    return appetite_from_dict(workspace.store.get_meta(APPETITE_KEY), workspace.scheme)


def save_appetite(workspace: Workspace, appetite: Appetite, reason: str = "Risk appetite changed") -> OpChanges:
    """Keep a new appetite in the file (with history)."""
    workspace.store.set_meta(APPETITE_KEY, appetite_to_dict(appetite, workspace.scheme), reason)
    return OpChanges(settings=True)


def load_cadence(workspace: Workspace) -> ReviewCadence:
    """Months between reviews per band, with defaults for bands not set."""
    return cadence_from_dict(workspace.store.get_meta(CADENCE_KEY), workspace.scheme)


def save_cadence(workspace: Workspace, cadence: ReviewCadence, reason: str = "Review cadence changed") -> OpChanges:
    """Keep new months between reviews in the file (with history)."""
    workspace.store.set_meta(CADENCE_KEY, cadence_to_dict(cadence), reason)
    return OpChanges(settings=True)
