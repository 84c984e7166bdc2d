"""Files riskdesk refuses: one plain sentence, exit 2 from check, not a byte written."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from riskdesk.cli import main
from riskdesk.services.workspace import Workspace
from riskdesk.storage.errors import RegisterFileError
from riskdesk.storage.schema import SCHEMA_VERSION
from riskdesk.storage.store import RegisterFile


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the folder with a hash of its bytes: catches journals and backups too."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def good_register(path: Path) -> Path:
    ws = Workspace.create(path, "5x5", "Test Council")
    register, _ = ws.create_register("Strategic Risk Register")
    for number in range(120):
        ws.create_risk(register.id, f"SR {number}", "A risk " * 10, description="Why it matters. " * 20)
    ws.close()
    return path


def not_sqlite(path: Path) -> Path:
    path.write_text("Ref,Title\nSR 7.2,Ineffective practice\n")
    return path


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def truncated(path: Path) -> Path:
    good_register(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])
    return path


def other_application(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    conn.execute("INSERT INTO invoices (amount) VALUES (12.5)")
    conn.commit()
    conn.close()
    return path


def empty_database(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("DROP TABLE t")
    conn.commit()
    conn.close()
    return path


def newer_schema(path: Path) -> Path:
    good_register(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    return path


def failed_quick_check(path: Path) -> Path:
    good_register(path)
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'risks'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    # Scribble over the cell pointers of the pages after the risks table's root.
    for page in range(root + 1, root + 4):
        offset = (page - 1) * page_size
        data[offset + 8 : offset + 40] = b"\xff" * 32
    path.write_bytes(bytes(data))
    return path


def _with_sql(sql: str) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        good_register(path)
        conn = sqlite3.connect(path)
        conn.execute(sql)
        conn.commit()
        conn.close()
        return path

    return build


CASES = {
    "not sqlite": (not_sqlite, "is not a riskdesk register (it is not an SQLite file)"),
    "empty": (empty, "is empty: it is not a riskdesk register"),
    "truncated": (truncated, "is damaged: the file has been cut short"),
    "other application": (other_application, "belongs to another application, not riskdesk"),
    "empty database": (empty_database, "is an empty database, not a riskdesk register"),
    "newer schema": (newer_schema, "was made by a newer riskdesk"),
    "failed quick_check": (failed_quick_check, "is damaged (its integrity check failed)"),
    "trigger": (
        _with_sql("CREATE TRIGGER sneaky AFTER UPDATE ON risks BEGIN DELETE FROM history; END"),
        "contains a trigger (sneaky) that riskdesk did not create",
    ),
    "view": (_with_sql("CREATE VIEW open_risks AS SELECT * FROM risks"),
             "contains a view (open_risks) that riskdesk did not create"),
    "table": (_with_sql("CREATE TABLE notes (body TEXT)"),
              "contains a table (notes) that riskdesk did not create"),
    "index": (_with_sql("CREATE INDEX idx_title ON risks (title)"),
              "contains an index (idx_title) that riskdesk did not create"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_refused_file_is_named_in_one_sentence_and_left_untouched(case: str, tmp_path: Path) -> None:
    folder = tmp_path / "shared-drive"
    folder.mkdir()
    build, sentence = CASES[case]
    path = build(folder / "register.sqlite")
    before = fingerprint(folder)

    with pytest.raises(RegisterFileError) as caught:
        RegisterFile.open(path, "Test User")
    message = str(caught.value)
    assert message.startswith("register.sqlite ")
    assert sentence in message
    assert "\n" not in message
    assert fingerprint(folder) == before


@pytest.mark.parametrize("case", list(CASES))
def test_check_exits_2_with_one_line_and_writes_nothing(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "shared-drive"
    folder.mkdir()
    build, sentence = CASES[case]
    path = build(folder / "register.sqlite")
    before = fingerprint(folder)

    code = main(["check", str(path)])

    captured = capsys.readouterr()
    assert code == 2
    assert sentence in captured.err
    assert len(captured.err.strip().splitlines()) == 1
    assert "Traceback" not in captured.err
    assert fingerprint(folder) == before


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RegisterFileError, match=r"nothing\.sqlite does not exist"):
        RegisterFile.open(tmp_path / "nothing.sqlite", "Test User")
    assert not (tmp_path / "nothing.sqlite").exists()


def test_a_good_register_opens(tmp_path: Path) -> None:
    path = good_register(tmp_path / "register.sqlite")
    store = RegisterFile.open(path, "Test User")
    try:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    finally:
        store.close()
