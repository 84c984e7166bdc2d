"""A save cut off halfway (a laptop losing power): let SQLite roll it back before reading.

A writer killed inside a transaction leaves a "hot" journal beside the file. SQLite puts the
file back as it was before that save the next time anyone reads it, but only through a
connection that may write: a read-only connection refuses the file instead. So before a
file is inspected, a hot journal is rolled back through a plain read-write connection. It
is the only write that reading a file (check, report, export) ever makes.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from riskdesk.storage.errors import RegisterFileError

# SQLITE_READONLY_ROLLBACK: "a hot journal needs rolling back but the connection is read-only".
_READONLY_ROLLBACK = 776
_TIMEOUT_S = 10.0


def journal_of(path: Path) -> Path:
    """The rollback journal SQLite keeps beside a file during a save."""
    return path.with_name(path.name + "-journal")


def rolled_back_note(path: Path) -> str:
    """The one line the commands and the window show after a rollback."""
    return (f"{path.name}: a save that was interrupted (riskdesk or the computer stopped during it) "
            "was rolled back; the file is as it was before that save, so look again at the last change "
            "made before it stopped.")


def needs_rollback(path: Path) -> bool:
    """True when the file has a hot journal: a save that was cut off and not yet undone."""
    journal = journal_of(path)
    try:
        if journal.stat().st_size == 0:
            return False
    except OSError:  # no journal: the usual case
        return False
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=_TIMEOUT_S)
    except sqlite3.Error:
        return False
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.Error as error:
        return getattr(error, "sqlite_errorcode", None) == _READONLY_ROLLBACK
    finally:
        conn.close()
    return False  # a colleague's save under way, or a journal SQLite does not count as hot


def can_roll_back(path: Path) -> bool:
    """The rollback rewrites the file and deletes the journal: both need write access."""
    return (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
            and os.access(journal_of(path), os.R_OK | os.W_OK))


def roll_back_interrupted_save(path: Path) -> bool:
    """Roll back a save that was cut off; True when one was.

    Raises RegisterFileError with what to do when the file cannot be written here.
    """
    if not needs_rollback(path):
        return False
    name = path.name
    if not can_roll_back(path):
        raise RegisterFileError(
            f"{name} was being saved when riskdesk or the computer stopped, and that save must be "
            f"rolled back before the file can be read, which cannot be done here because the file "
            f"or its folder cannot be written: copy {name} together with {name}-journal to a folder "
            "you can write to and open the copy, or ask someone who can write to it to open it."
        )
    try:
        # A plain connection that may write: SQLite plays the journal back as it takes its
        # first read lock, before returning anything.
        conn = sqlite3.connect(str(path), timeout=_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as error:
        raise RegisterFileError(f"{name}: an interrupted save could not be rolled back ({error}).") from None
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.Error as error:
        if "locked" in str(error) or "busy" in str(error):
            raise RegisterFileError(
                f"{name} is busy: a colleague is saving to it; try again in a moment."
            ) from None
        raise RegisterFileError(f"{name}: an interrupted save could not be rolled back ({error}).") from None
    finally:
        conn.close()
    return True
