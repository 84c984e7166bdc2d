"""Who else has the register open, from the notes beside it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from riskdesk.services.presence import STALE_SECONDS, Presence, presence_dir


def test_two_people_see_each_other_and_not_themselves(tmp_path: Path) -> None:
    register = tmp_path / "register.sqlite"
    register.write_bytes(b"")
    alice, bob = Presence(register, "Alice"), Presence(register, "Bob")
    bob.note = bob.note.with_name("other-" + bob.note.name)  # two windows in one test process
    assert alice.announce(1000.0) and bob.announce(1000.0)
    assert alice.others(1001.0) == ["Bob"]
    assert bob.others(1001.0) == ["Alice"]
    bob.leave()
    assert alice.others(1002.0) == []
    alice.leave()
    assert not presence_dir(register).exists()
    assert register.read_bytes() == b""  # the register itself is never touched


def test_a_window_that_vanished_is_forgotten_after_a_while(tmp_path: Path) -> None:
    register = tmp_path / "register.sqlite"
    me = Presence(register, "Me")
    me.announce(5000.0)
    crashed = presence_dir(register) / "999-laptop.json"
    crashed.write_text(json.dumps({"user": "Carol", "host": "laptop", "at": 5000.0}))
    assert me.others(5000.0 + STALE_SECONDS - 1) == ["Carol"]
    assert me.others(5000.0 + STALE_SECONDS + 1) == []


def test_broken_notes_are_ignored(tmp_path: Path) -> None:
    register = tmp_path / "register.sqlite"
    me = Presence(register, "Me")
    me.announce(10.0)
    (presence_dir(register) / "junk.json").write_text("{not json")
    (presence_dir(register) / "empty.json").write_text(json.dumps({"user": "", "at": 10.0}))
    assert me.others(11.0) == []


def test_a_folder_that_cannot_be_written_does_not_stop_anyone(tmp_path: Path) -> None:
    register = tmp_path / "register.sqlite"
    presence_dir(register).write_text("a file where the folder should be")
    me = Presence(register, "Me")
    assert me.announce(1.0) is False
    assert me.others(2.0) == []
    me.leave()


def test_the_presence_folder_is_hidden_on_windows(tmp_path: Path) -> None:
    from riskdesk.services.presence import FILE_ATTRIBUTE_HIDDEN, hide_folder

    folder = tmp_path / ".register.sqlite.open"
    folder.mkdir()
    calls: list[tuple[str, int]] = []

    def set_attributes(path: str, attributes: int) -> int:
        calls.append((path, attributes))
        return 1  # what SetFileAttributesW returns when it worked

    assert hide_folder(folder, "win32", set_attributes)
    assert calls == [(str(folder), FILE_ATTRIBUTE_HIDDEN)]
    assert not hide_folder(folder, "linux", set_attributes) and len(calls) == 1  # a dot hides it there
    if sys.platform == "win32":  # the real system call, where there is one
        import ctypes

        assert hide_folder(folder)
        assert ctypes.windll.kernel32.GetFileAttributesW(str(folder)) & FILE_ATTRIBUTE_HIDDEN
