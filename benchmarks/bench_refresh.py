"""The window's copy after closing a period at 10,000 risks, re-read from the operation's changes.

    uv run python -m benchmarks.bench_refresh

Closing a period names every live risk (each gets a snapshot and its comment cleared) and the
periods. Ours re-reads the copy from those changes (`refresh_contents`); the floor is SQLite alone
reading the same rows as plain tuples (risks, periods, every snapshot). The old way, a reload of
the whole file (`OpChanges.everything()`), is timed beside them.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from benchmarks.timing import median_seconds, ratio_line
from riskdesk.core.changes import OpChanges
from riskdesk.services.queries import load_contents
from riskdesk.services.refresh import refresh_contents
from riskdesk.services.workspace import Workspace

SOURCE = Path("benchmarks/out/register-10000.sqlite")


def main() -> int:
    if not SOURCE.exists():
        print(f"Make the register first: uv run python -m benchmarks.generate 10000 ({SOURCE} is missing)")
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / SOURCE.name
        shutil.copyfile(SOURCE, path)
        ws = Workspace.open(path, user="Bench")
        raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            contents = load_contents(ws)
            closed = OpChanges(risks={r.id for r in contents.risks if not r.archived},
                               periods={p.id for p in contents.periods})

            def ours() -> None:
                refresh_contents(ws, contents, closed)

            def reload() -> None:
                refresh_contents(ws, contents, OpChanges.everything())

            def floor() -> None:
                for table in ("risks", "periods", "snapshots"):
                    raw.execute(f"SELECT * FROM {table}").fetchall()

            best = {name: min(median_seconds(work, repeat=5, warmup=1) for _ in range(3))
                    for name, work in (("ours", ours), ("reload", reload), ("floor", floor))}
            print(ratio_line(f"refresh after closing a period ({len(closed.risks)} risks)",
                             best["ours"], best["floor"], 3.0))
            print(ratio_line("the whole file reloaded instead", best["reload"], best["floor"], 3.0))
        finally:
            raw.close()
            ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
