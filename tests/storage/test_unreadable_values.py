"""A file changed outside riskdesk: each unreadable value gets its own sentence naming file, record and field.

Each case damages a copy of the demo with sqlite3, as another program would, and runs the
commands that read it; none may end in "unexpected problem" or a traceback.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from riskdesk.cli import main
from riskdesk.services.workspace import Workspace
from riskdesk.storage.errors import RegisterFileError
from riskdesk.storage.records import RISK

FIXTURE_V1 = Path(__file__).parent / "fixtures" / "register-v1.sqlite"
FIRST_ACTION = "(SELECT MIN(rowid) FROM actions)"
ACTION_NAME = 'action "Embed the refreshed practice framework …"'

# name: (SQL that damages the file, words the sentence must hold: record, field, value)
CASES = {
    "unknown risk status": ("UPDATE risks SET status = 'pending' WHERE reference = 'SR 7.2'",
                            ["risk SR 7.2 has status 'pending'", "it can be open, closed or escalated"]),
    "unknown treatment": ("UPDATE risks SET treatment = 'ignore' WHERE reference = 'SR 7.2'",
                          ["risk SR 7.2 has treatment 'ignore'", "treat, tolerate, transfer or terminate"]),
    "unknown RAG": (f"UPDATE actions SET rag = 'purple' WHERE rowid = {FIRST_ACTION}",
                    [f"{ACTION_NAME} has RAG rating 'purple'", "red, amber or green"]),
    "unknown action status": (f"UPDATE actions SET status = 'stalled' WHERE rowid = {FIRST_ACTION}",
                              [f"{ACTION_NAME} has status 'stalled'", "not started, in progress, complete"]),
    "non-ISO risk date": ("UPDATE risks SET target_date = '31/03/2024' WHERE reference = 'SR 7.2'",
                          ["risk SR 7.2 has target date '31/03/2024'", "year-month-day"]),
    "non-ISO action date": (f"UPDATE actions SET due_date = 'next week' WHERE rowid = {FIRST_ACTION}",
                            [f"{ACTION_NAME} has due date 'next week'", "year-month-day"]),
    "invalid UTF-8": ("UPDATE risks SET title = CAST(X'4162FF43' AS TEXT) WHERE reference = 'SR 7.2'",
                      ["the title of risk SR 7.2 is not readable text (it is not UTF-8)"]),
    "scheme not JSON": ("UPDATE meta SET value = '{not json' WHERE key = 'scheme'",
                        ["its scoring scheme cannot be read (the stored text is not the JSON riskdesk writes)"]),
    "scheme not a scheme": ("UPDATE meta SET value = '[1, 2]' WHERE key = 'scheme'",
                            ["its scoring scheme cannot be read"]),
    "settings not JSON": ("UPDATE meta SET value = '{not json' WHERE key = 'settings'",
                          ["its settings cannot be read (the stored text is not the JSON riskdesk writes)"]),
    "settings not a table": ("UPDATE meta SET value = '\"hello\"' WHERE key = 'settings'",
                             ["its settings cannot be read (they are not a table of named values"]),
    "missing column": ("ALTER TABLE risks DROP COLUMN proximity", ["the risks table has no proximity column"]),
    "score not a number": ("UPDATE risks SET residual_likelihood = 'high' WHERE reference = 'SR 7.2'",
                           ["risk SR 7.2 has residual likelihood 'high', which is not a level number"]),
}


def damaged(demo: Path, folder: Path, sql: str) -> Path:
    path = folder / "damaged.sqlite"
    shutil.copyfile(demo, path)
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("case", list(CASES))
def test_each_unreadable_value_has_its_own_sentence(
    case: str, demo_5x5_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sql, words = CASES[case]
    path = damaged(demo_5x5_path, tmp_path, sql)
    before = digest(path)
    for command in (["check", str(path)], ["report", str(path), "-o", str(tmp_path / "pack.pdf")],
                    ["export", str(path), "-o", str(tmp_path / "all.json")]):
        code = main(command)
        _, err = capsys.readouterr()
        assert code == 2, (case, command[0], err)
        assert err.startswith(f"riskdesk: {path.name}") and err.count("\n") == 1, (case, command[0], err)
        assert "unexpected" not in err and "Traceback" not in err
        for word in words:
            assert word in err, (case, command[0], err)
    assert digest(path) == before  # nothing written
    with pytest.raises(RegisterFileError) as raised:
        ws = Workspace.open(path)
        try:
            ws.scheme, ws.settings  # noqa: B018 - reading them is the point
            ws.store.all(RISK)
            from riskdesk.services.queries import load_contents

            load_contents(ws)
        finally:
            ws.close()
    assert all(word in str(raised.value) for word in words)


def test_a_null_title_is_named_by_check_and_the_rest_still_reads(
    demo_5x5_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = damaged(demo_5x5_path, tmp_path, "UPDATE risks SET title = NULL WHERE reference = 'SR 7.2'")
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert code == 1 and "unexpected" not in err
    assert "Problem: Risk SR 7.2: Title must not be empty" in err
    assert f"File: {path.name}" in out
    assert main(["export", str(path), "-o", str(tmp_path / "all.json")]) == 0


def test_a_rule_in_the_file_that_refuses_a_change_is_named(demo_5x5_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "ruled.sqlite"
    shutil.copyfile(demo_5x5_path, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = ON")  # as another program could, adding a CHECK constraint
    conn.execute("""UPDATE sqlite_master SET sql = replace(sql, '"title" TEXT,',
                    '"title" TEXT CHECK (length(title) <= 200),') WHERE name = 'risks'""")
    conn.commit()
    conn.close()
    ws = Workspace.open(path)
    try:
        risk = next(r for r in ws.store.all(RISK) if r.reference == "SR 7.2")
        with pytest.raises(RegisterFileError) as raised:
            ws.update_risk(risk.id, risk.version, "", title="A" * 250)
        assert str(raised.value) == (
            f"{path.name}: the title of risk SR 7.2 could not be saved because a rule in the file refuses it "
            "(CHECK constraint failed: length(title) <= 200); nothing was changed. "
            "The file was changed outside riskdesk.")
        assert ws.store.get(RISK, risk.id).title == risk.title
    finally:
        ws.close()


def test_report_and_export_read_a_version_one_file_without_changing_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copyfile(FIXTURE_V1, path)
    before = digest(path)
    assert main(["report", str(path), "-o", str(tmp_path / "old.pdf")]) == 0
    assert main(["export", str(path), "-o", str(tmp_path / "old.json")]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "Exported 1 risks" in out
    assert digest(path) == before and sorted(p.name for p in tmp_path.iterdir()) == [
        "old.json", "old.pdf", "old.sqlite"]


def test_history_text_that_is_not_utf8_is_named_by_export(
    demo_5x5_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = damaged(demo_5x5_path, tmp_path, "UPDATE history SET new = CAST(X'4162FF43' AS TEXT) WHERE id = 5")
    assert main(["export", str(path), "-o", str(tmp_path / "all.json")]) == 2
    _, err = capsys.readouterr()
    conn = sqlite3.connect(path)
    entity = conn.execute("SELECT entity FROM history WHERE id = 5").fetchone()[0]
    conn.close()
    assert err == (f"riskdesk: {path.name}: history entry 5, about a {entity}, has a new value that is not readable "
                   "text (it is not UTF-8), so it was changed outside riskdesk; put it right there or ask whoever "
                   "changed it.\n")
