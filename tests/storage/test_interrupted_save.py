"""A save cut off by kill -9 (a laptop losing power) is rolled back, and the file opens.

The writer is a real process killed with SIGKILL inside a transaction that has spilled
pages to the file, so a hot journal is left beside it, as after a power cut.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from riskdesk.cli import main
from riskdesk.services.workspace import Workspace
from riskdesk.storage import opening
from riskdesk.storage.errors import RegisterFileError
from riskdesk.storage.recovery import journal_of, needs_rollback

# BEGIN IMMEDIATE, a one-page cache (so changed pages reach the file before COMMIT) and
# many history rows updated: the recipe that left files "damaged" before.
WRITER = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size = 1")
conn.execute("BEGIN IMMEDIATE")
print("ready", flush=True)
n = 0
while True:
    n += 1
    conn.execute("UPDATE history SET reason = reason || ? WHERE id = ?", ("interrupted " * 5, n % 200 + 1))
"""


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def kill_a_save(path: Path, delay: float, after_spill: bool = False) -> None:
    """Start a writer on path, let it write for delay seconds inside its transaction, kill -9 it.

    after_spill: first wait until its journal has content (pages have reached the file), so
    a busy machine cannot turn the kill into one before anything was written.
    """
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == b"ready"
    journal = journal_of(path)
    deadline = time.monotonic() + 10
    while after_spill and time.monotonic() < deadline and not (journal.exists() and journal.stat().st_size > 4096):
        time.sleep(0.005)
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()


def hot_copy(demo: Path, folder: Path) -> Path:
    """A copy of the demo with a hot journal beside it."""
    folder.mkdir(exist_ok=True)
    target = folder / demo.name
    shutil.copyfile(demo, target)
    kill_a_save(target, 0.05, after_spill=True)
    assert needs_rollback(target)
    return target


def kill_and_check(path: Path, runs: int, seed: int, capsys: pytest.CaptureFixture[str],
                   after_spill: bool = False) -> Counter[str]:
    """Kill a writer runs times, run `riskdesk check` after each; count the outcomes."""
    original = digest(path)
    rng = random.Random(seed)
    outcomes: Counter[str] = Counter()
    for run in range(runs):
        kill_a_save(path, rng.uniform(0.0, 0.15), after_spill)
        hot = needs_rollback(path)
        code = main(["check", str(path)])
        out, err = capsys.readouterr()
        assert code == 0, f"run {run}: {err}"
        assert ("interrupted" in out and "was rolled back" in out) == hot, f"run {run}: {out}"
        # Nothing the writer did survives, and the rollback is the only write check made.
        assert digest(path) == original, f"run {run}"
        assert not needs_rollback(path), f"run {run}"
        outcomes["rolled back" if hot else "no hot journal"] += 1
    return outcomes


def test_check_rolls_back_ten_killed_saves(demo_5x5_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outcomes = kill_and_check(demo_5x5_path, 10, 8, capsys, after_spill=True)
    assert sum(outcomes.values()) == 10
    assert outcomes["rolled back"] >= 8, outcomes  # kills after pages reached the file


@pytest.mark.slow
def test_a_thousand_killed_saves_each_roll_back(demo_5x5_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outcomes = kill_and_check(demo_5x5_path, 1000, 1000, capsys)
    with capsys.disabled():
        print(f"\n1,000 kill -9 runs: {dict(outcomes)}")
    assert sum(outcomes.values()) == 1000
    assert outcomes["rolled back"] >= 500, outcomes


def test_report_and_export_say_the_save_was_rolled_back(
    demo_5x5_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = digest(demo_5x5_path)
    for command, output in (("report", "pack.pdf"), ("export", "all.json"), ("export", "all.csv")):
        path = hot_copy(demo_5x5_path, tmp_path / f"{command}-{output}")
        code = main([command, str(path), "-o", str(path.parent / output)])
        out, err = capsys.readouterr()
        assert (code, err) == (0, ""), command
        lines = [line for line in out.splitlines() if "interrupted" in line]
        assert lines == [f"{path.name}: a save that was interrupted (riskdesk or the computer stopped "
                         "during it) was rolled back; the file is as it was before that save, so look again at "
                         "the last change made before it stopped."], command
        assert (path.parent / output).stat().st_size > 0
        assert digest(path) == original and not journal_of(path).exists()


def test_opening_to_edit_rolls_back_and_keeps_working(demo_5x5_path: Path, tmp_path: Path) -> None:
    path = hot_copy(demo_5x5_path, tmp_path / "edit")
    workspace = Workspace.open(path)
    try:
        assert "was rolled back" in workspace.rolled_back_note
        register, _ = workspace.create_register("After the power cut")
        assert register.name == "After the power cut"
    finally:
        workspace.close()
    again = Workspace.open(path)
    try:
        assert again.rolled_back_note == ""  # said once, when it happened
    finally:
        again.close()


@pytest.fixture
def unwritable(monkeypatch: pytest.MonkeyPatch) -> set[Path]:
    """Files and folders seen as ones we may not write (tests run as root, which ignores permissions)."""
    blocked: set[Path] = set()
    real_access = os.access

    def access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        if mode & os.W_OK and Path(str(path)).resolve() in blocked:
            return False
        return real_access(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(opening.os, "access", access)
    return blocked


@pytest.mark.parametrize("blocked_part", ["file", "folder"])
def test_an_unwritable_file_with_an_interrupted_save_says_what_to_do(
    demo_5x5_path: Path, tmp_path: Path, unwritable: set[Path], blocked_part: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = hot_copy(demo_5x5_path, tmp_path / "share")
    unwritable.add((path if blocked_part == "file" else path.parent).resolve())
    before = {p.name: digest(p) for p in path.parent.iterdir()}
    code = main(["check", str(path)])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.count("\n") == 1 and "unexpected" not in err
    assert f"{path.name} was being saved when riskdesk or the computer stopped" in err
    assert f"copy {path.name} together with {path.name}-journal to a folder you can write to" in err
    with pytest.raises(RegisterFileError, match="ask someone who can write to it to open it"):
        Workspace.open(path, read_only=True)
    assert {p.name: digest(p) for p in path.parent.iterdir()} == before  # nothing written
