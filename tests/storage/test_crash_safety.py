"""Killing a writer at any moment never leaves a damaged file or a half-written edit."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from riskdesk.core.model import Score
from riskdesk.services.workspace import Workspace

WRITER = r"""
import sys
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import RISK
from riskdesk.core.model import Score

ws = Workspace.open(sys.argv[1], user="Writer")
risk = ws.store.all(RISK)[0]
print("ready", flush=True)
n = risk.version
while True:
    # One edit changes three fields together; a half-written edit would
    # show them out of step with each other or with the history.
    n += 1
    level = n % 5 + 1
    ws.update_risk(risk.id, risk.version, f"edit {n}", title=f"Edit {n}",
                   period_comment=f"Comment {n}", residual=Score(level, 2))
    risk = ws.store.get(RISK, risk.id)
"""

RUNS = 25


@pytest.mark.slow
def test_kill_nine_loop_leaves_a_sound_file_every_time(tmp_path: Path) -> None:
    path = tmp_path / "crash.sqlite"
    ws = Workspace.create(path, "5x5", "Test Council", user="Setup")
    register, _ = ws.create_register("Strategic Risk Register")
    ws.create_risk(register.id, "SR 1", "Edit 0", residual=Score(1, 2))
    ws.close()
    rng = random.Random(20240331)
    env = dict(os.environ)

    for run in range(RUNS):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, env=env
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.01, 0.25))
        child.send_signal(signal.SIGKILL)
        child.wait()

        conn = sqlite3.connect(path)  # a plain connection rolls back any hot journal
        try:
            assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok", f"run {run}"
            title, comment, likelihood, version = conn.execute(
                "SELECT title, period_comment, residual_likelihood, version FROM risks"
            ).fetchone()
            n = int(title.split()[-1])
            if n:
                assert comment == f"Comment {n}", f"run {run}"
                assert likelihood == n % 5 + 1, f"run {run}"
            edits = conn.execute(
                "SELECT COUNT(*) FROM history WHERE field = 'title'"
            ).fetchone()[0]
            # version 1 at creation, one more for each complete edit
            assert version == 1 + edits, f"run {run}"
            last = conn.execute(
                "SELECT new FROM history WHERE field = 'title' ORDER BY id DESC LIMIT 1"
            ).fetchone()
            assert (last[0] if last else "Edit 0") == title, f"run {run}"
        finally:
            conn.close()
    final = Workspace.open(path, user="Checker")
    final.close()
