"""Who else has a register open: a small note per person beside the file, refreshed while open.

A register on a shared drive has no server to ask, so each open window keeps a note
named after the file in a hidden folder beside it (``.register.sqlite.open/``) and
touches it every half minute; notes older than two minutes are from windows that
closed without tidying up (a crash, a pulled cable) and are ignored. The register
itself is never written for this.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

STALE_SECONDS = 120
REFRESH_SECONDS = 30


def presence_dir(register: Path) -> Path:
    """The hidden folder beside a register where open windows leave their notes."""
    return register.with_name(f".{register.name}.open")


FILE_ATTRIBUTE_HIDDEN = 0x2
SetAttributes = Callable[[str, int], int]


def hide_folder(folder: Path, platform: str = sys.platform, set_attributes: SetAttributes | None = None) -> bool:
    """Hide the folder in Windows Explorer too (elsewhere its leading dot hides it); True when hidden here.

    Windows ignores the dot, so the folder is given the hidden attribute through the
    system call; a drive that refuses it leaves the folder showing, which harms nothing.
    """
    if platform != "win32":
        return False
    if set_attributes is None:
        import ctypes

        set_attributes = ctypes.windll.kernel32.SetFileAttributesW  # type: ignore[attr-defined]
    return bool(set_attributes(str(folder), FILE_ATTRIBUTE_HIDDEN))


class Presence:
    """This window's note beside the register, and a reading of everyone else's."""

    def __init__(self, register: Path, user: str):
        self.register = register
        self.user = user
        self.last_written = 0.0

    @cached_property
    def host(self) -> str:
        """This computer's name, as its note gives it."""
        import socket  # with the first note, after a window's first paint: not loaded with the window

        return socket.gethostname()

    @cached_property
    def note(self) -> Path:
        """This window's note."""
        return presence_dir(self.register) / f"{os.getpid()}-{self.host}.json"

    def announce(self, now: float | None = None) -> bool:
        """Write or refresh this window's note; False when the folder cannot be written (we carry on)."""
        now = time.time() if now is None else now
        try:
            if not self.note.parent.is_dir():
                self.note.parent.mkdir(exist_ok=True)
                hide_folder(self.note.parent)
            partial = self.note.with_suffix(".partial")
            partial.write_text(json.dumps({"user": self.user, "host": self.host, "at": now}), encoding="utf-8")
            partial.replace(self.note)
        except OSError:
            return False
        self.last_written = now
        return True

    def refresh_if_due(self, now: float | None = None) -> None:
        """Touch the note when it is due, so others keep seeing us."""
        now = time.time() if now is None else now
        if now - self.last_written >= REFRESH_SECONDS:
            self.announce(now)

    def others(self, now: float | None = None) -> list[str]:
        """Names of the other people with the register open now, sorted, without repeats."""
        now = time.time() if now is None else now
        names: set[str] = set()
        try:
            notes = list(presence_dir(self.register).glob("*.json"))
        except OSError:
            return []
        for note in notes:
            if note == self.note:
                continue
            try:
                data = json.loads(note.read_text(encoding="utf-8"))
                seen = float(data["at"])
                name = str(data["user"])
            except (OSError, ValueError, KeyError, TypeError):
                continue
            if now - seen <= STALE_SECONDS and name:
                names.add(name)
        return sorted(names)

    def leave(self) -> None:
        """Remove this window's note (and the folder when it is the last one)."""
        try:
            self.note.unlink(missing_ok=True)
            self.note.parent.rmdir()
        except OSError:
            pass  # others still have the register open, or the drive went away
