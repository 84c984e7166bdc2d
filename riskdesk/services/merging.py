"""The merge operation: a colleague's copy brought into the open register, or a dry run of it."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from riskdesk.core.changes import OpChanges
from riskdesk.core.progress import Asked, Report, Steps, Stopped
from riskdesk.core.serialise import SchemeFormatError, scheme_from_dict
from riskdesk.services.workspace import Workspace
from riskdesk.storage.errors import RegisterFileError
from riskdesk.storage.merge import MergeOutcome, merge_into
from riskdesk.storage.opening import inspect_file, read_only_uri
from riskdesk.storage.records import PERIOD
from riskdesk.storage.schema import SCHEMA_VERSION
from riskdesk.storage.store import now_text


@dataclass
class MergeResult:
    """What the merge brought in and what it could not, with what changed for the views."""

    outcome: MergeOutcome
    changes: OpChanges
    dry_run: bool

    def summary(self) -> list[str]:
        """Plain lines for the user."""
        lines = []
        for kind, labels in sorted(self.outcome.added.items()):
            lines.append(f"{len(labels)} new {kind}{'s' if len(labels) != 1 else ''}: {', '.join(labels[:8])}"
                         + (" ..." if len(labels) > 8 else ""))
        for verb, groups in (("updated", self.outcome.updated), ("deleted", self.outcome.deleted),
                             ("restored", self.outcome.restored)):
            for kind, labels in sorted(groups.items()):
                lines.append(f"{len(labels)} {kind}{'s' if len(labels) != 1 else ''} {verb}: "
                             f"{', '.join(labels[:8])}" + (" ..." if len(labels) > 8 else ""))
        if self.outcome.snapshots_added:
            lines.append(f"{self.outcome.snapshots_added} period snapshots added")
        if not lines:
            lines.append("Nothing new in the other copy.")
        return lines


class _Rollback(Exception):
    """Raised inside the transaction to undo a dry run."""


def _same_scheme(theirs: str | None, ours: str | None) -> bool:
    """The same scheme however it was written (a file from before levels had values says the same thing)."""
    if theirs == ours:
        return True
    try:
        return scheme_from_dict(json.loads(theirs or "null")) == scheme_from_dict(json.loads(ours or "null"))
    except (SchemeFormatError, ValueError):
        return False


STOPPED = "The merge was stopped; nothing was changed."


def merge_copy(workspace: Workspace, other: Path, dry_run: bool = False, progress: Report | None = None,
               cancelled: Asked | None = None) -> MergeResult:
    """Bring a colleague's copy of this register into it; all in one transaction.

    progress(done, total, sentence) hears how far it has got; once cancelled() is true it stops
    with Stopped(STOPPED) at any point before the write commits, leaving the file as it was.
    """
    try:
        return _merge(workspace, other, dry_run, Steps(progress, cancelled))
    except Stopped:
        raise Stopped(STOPPED) from None


def _merge(workspace: Workspace, other: Path, dry_run: bool, steps: Steps) -> MergeResult:
    steps.say(0, 1, f"Reading {other.name}")
    version = inspect_file(other)
    if version != SCHEMA_VERSION:
        raise RegisterFileError(
            f"{other.name} was saved by another version of riskdesk; open it in this riskdesk once, then merge."
        )
    if other.resolve() == workspace.path.resolve():
        raise RegisterFileError(f"{other.name} is the register itself; choose a colleague's copy.")
    theirs = sqlite3.connect(read_only_uri(other), uri=True)
    try:
        their_scheme = theirs.execute("SELECT value FROM meta WHERE key = 'scheme'").fetchone()
        our_scheme = workspace.store.conn.execute("SELECT value FROM meta WHERE key = 'scheme'").fetchone()
        if not _same_scheme(their_scheme[0] if their_scheme else None, our_scheme[0] if our_scheme else None):
            raise RegisterFileError(
                f"{other.name} uses a different scoring scheme; change one to match before merging."
            )
        if not _share_records(workspace.store.conn, theirs):
            raise RegisterFileError(
                f"{other.name} is not a copy of {workspace.path.name} (they have no records in common); "
                "merge only copies of the same register."
            )
        outcome = MergeOutcome()
        try:
            with workspace.store.transaction() as conn:
                outcome = merge_into(conn, theirs, workspace.user, now_text(), steps)
                if dry_run:
                    raise _Rollback
        except _Rollback:
            pass
    finally:
        theirs.close()
    changes = OpChanges()
    if not dry_run:
        changes.registers |= outcome.ids.get("register", set())
        changes.risks |= outcome.ids.get("risk", set())
        changes.controls |= outcome.ids.get("control", set())
        changes.actions |= outcome.ids.get("action", set())
        changes.periods |= outcome.ids.get("period", set())
        changes.links |= outcome.ids.get("link", set())
        if outcome.snapshots_added:  # their closed periods' snapshots: the periods are read again with them
            changes.periods |= {period.id for period in workspace.store.all(PERIOD)}
    return MergeResult(outcome, changes, dry_run)


def _share_records(ours: sqlite3.Connection, theirs: sqlite3.Connection) -> bool:
    """True when the two files come from one register: some record id is in both, or one is empty."""
    counted = []
    for conn in (ours, theirs):
        ids = {row[0] for table in ("registers", "risks")
               for row in conn.execute(f"SELECT id FROM {table}")}
        counted.append(ids)
    mine, yours = counted
    return not mine or not yours or bool(mine & yours)
