"""Merge performance: two copies of one register, each with 10% of its risks changed, brought together.

    uv run python -m benchmarks.bench_merge            # 5,000 risks (the issue's case)
    uv run python -m benchmarks.bench_merge 1000 10000 # growth from 1,000 to 10,000

Each copy changes a tenth of the risks (500 of 5,000): ours re-scores and re-titles the first
tenth, theirs re-scores and re-words the comment of a tenth that half overlaps ours, so half of
their changes touch risks we changed too and a quarter clash on the same field (the residual
score). The floor is reading both files raw: every row of every table of both copies fetched
as plain tuples, as sqlite3 alone would. The merge is timed for real (ours is a fresh copy each
round, written and committed with fsync).
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

from benchmarks.generate import make_register
from riskdesk.core.model import Score
from riskdesk.services.merging import merge_copy
from riskdesk.services.workspace import Workspace
from riskdesk.storage.opening import inspect_file
from riskdesk.storage.records import RISK
from riskdesk.storage.schema import SCHEMA_VERSION

OUT = Path(__file__).resolve().parent / "out"
ROUNDS = 3
TARGET_RATIO = 3.0


def _change(path: Path, user: str, first: int, count: int, field: str) -> None:
    """Re-score count risks from the first-th on, and change one text field of each."""
    workspace = Workspace.open(path, user=user)
    risks = workspace.store.all(RISK)[first:first + count]
    with workspace.store.transaction():  # one commit: making the copies is not what we measure
        for number, risk in enumerate(risks):
            moved = Score(number % 5 + 1, (number + len(user)) % 5 + 1)
            workspace.update_risk(risk.id, risk.version, f"{user}'s review", residual=moved,
                                  **{field: f"{user}: {getattr(risk, field)} ({number})"})
    workspace.close()


def copies(risks: int) -> tuple[Path, Path]:
    """(ours, theirs): two copies of one register, each with a tenth of its risks changed (cached)."""
    OUT.mkdir(exist_ok=True)
    ours, theirs = OUT / f"merge-{risks}-ours.sqlite", OUT / f"merge-{risks}-theirs.sqlite"
    if ours.exists() and theirs.exists() and inspect_file(theirs) == inspect_file(ours) == SCHEMA_VERSION:
        return ours, theirs
    base = OUT / f"register-{risks}.sqlite"
    if not base.exists():
        make_register(base, risks)
    tenth = risks // 10
    for path in (ours, theirs):
        shutil.copyfile(base, path)
    _change(ours, "Ours", 0, tenth, "title")
    _change(theirs, "Theirs", tenth // 2, tenth, "period_comment")
    return ours, theirs


def read_raw(*paths: Path) -> int:
    """The floor: every row of every table of each file, as tuples; returns the rows read."""
    rows = 0
    for path in paths:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            rows += len(conn.execute(f"SELECT * FROM {table}").fetchall())
        conn.close()
    return rows


def merge_once(ours: Path, theirs: Path) -> tuple[float, int]:
    """Seconds to merge theirs into a fresh copy of ours, and the conflicts reported."""
    target = OUT / "merge-target.sqlite"
    shutil.copyfile(ours, target)
    workspace = Workspace.open(target, user="Ours")
    start = time.perf_counter()
    result = merge_copy(workspace, theirs)
    seconds = time.perf_counter() - start
    workspace.close()
    return seconds, len(result.outcome.conflicts)


def measure(risks: int) -> tuple[float, float]:
    """(merge seconds, raw read seconds), best of the rounds, alternating."""
    ours, theirs = copies(risks)
    merges, floors = [], []
    conflicts = rows = 0
    for _ in range(ROUNDS):
        seconds, conflicts = merge_once(ours, theirs)
        merges.append(seconds)
        start = time.perf_counter()
        rows = read_raw(ours, theirs)
        floors.append(time.perf_counter() - start)
    merge, floor = min(merges), min(floors)
    print(f"{risks} risks: merge {merge:.2f} s (median {statistics.median(merges):.2f} s, {conflicts} conflicts), "
          f"reading both files raw {floor:.2f} s ({rows} rows); ratio {merge / floor:.2f}x "
          f"({'meets' if merge / floor <= TARGET_RATIO else 'MISSES'} target {TARGET_RATIO}x)")
    return merge, floor


def main() -> None:
    """Measure the sizes given (default 5,000) and the growth between the first and the last."""
    sizes = [int(arg) for arg in sys.argv[1:]] or [5000]
    results = [measure(size) for size in sizes]
    if len(sizes) > 1:
        growth = results[-1][0] / results[0][0]
        print(f"growth {sizes[0]} -> {sizes[-1]} risks: {growth:.1f}x for {sizes[-1] / sizes[0]:.0f}x the work")


if __name__ == "__main__":
    main()
