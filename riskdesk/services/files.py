"""Copies of a register file."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from riskdesk.services.workspace import Workspace
from riskdesk.storage.errors import RegisterFileError


def save_copy(workspace: Workspace, target: Path | str) -> Path:
    """Write a consistent copy of the open file to target through SQLite's backup API."""
    target = Path(target)
    if target.resolve() == workspace.path.resolve():
        raise RegisterFileError("A copy cannot be saved over the file that is open; choose another name.")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        copy = sqlite3.connect(partial)
        try:
            workspace.store.conn.backup(copy)
        finally:
            copy.close()
        partial.replace(target)
    except OSError as error:
        raise RegisterFileError(f"The copy could not be written to {target}: {error.strerror or error}.") from None
    finally:
        partial.unlink(missing_ok=True)
    return target


def backup_before(workspace: Workspace, what: str) -> Path:
    """Keep a dated copy of the open file beside it before a change that touches every risk."""
    path = workspace.path
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{what}-{stamp}{path.suffix}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.stem}.{what}-{stamp}-{counter}{path.suffix}")
    return save_copy(workspace, target)


def integrity_problem(workspace: Workspace) -> str | None:
    """The whole-file integrity check of an open register (seconds on a shared drive); None when sound.

    Safe to call from a background thread: it reads the file on a connection of its own.
    """
    from riskdesk.storage.opening import integrity_problem as check

    return check(workspace.path)
