"""The integrity check can run after opening (the window's first paint), and still guards every write."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from riskdesk.services.files import integrity_problem
from riskdesk.services.workspace import Workspace
from riskdesk.storage.errors import RegisterFileError
from riskdesk.storage.opening import inspect_file, open_file
from tests.storage.test_refusals import failed_quick_check, good_register


def test_a_damaged_file_opens_unchecked_and_the_later_check_names_it(tmp_path: Path) -> None:
    path = failed_quick_check(tmp_path / "damaged.sqlite")
    with pytest.raises(RegisterFileError, match="integrity check failed"):
        Workspace.open(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    workspace = Workspace.open(path, check_integrity=False)
    try:
        assert integrity_problem(workspace) == "damaged.sqlite is damaged (its integrity check failed)."
    finally:
        workspace.close()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_sound_file_passes_the_later_check(tmp_path: Path) -> None:
    workspace = Workspace.open(good_register(tmp_path / "good.sqlite"), check_integrity=False)
    try:
        assert integrity_problem(workspace) is None
    finally:
        workspace.close()


def test_the_other_refusals_still_come_before_opening(tmp_path: Path) -> None:
    path = tmp_path / "not-a-register.sqlite"
    path.write_bytes(b"just some text, not a database at all" * 100)
    with pytest.raises(RegisterFileError, match="not an SQLite file"):
        inspect_file(path, check_integrity=False)


def test_a_file_to_be_migrated_is_checked_first_even_when_asked_not_to(tmp_path: Path) -> None:
    path = failed_quick_check(tmp_path / "old.sqlite")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 1")  # an older file: opening would migrate it
    conn.commit()
    conn.close()
    with pytest.raises(RegisterFileError, match="integrity check failed"):
        open_file(path, check_integrity=False)
