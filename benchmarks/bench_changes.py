"""What changed between two quarters at 10,000 risks over 8 quarters, against a raw SQL comparison.

    uv run python -m benchmarks.bench_changes

The floor is SQLite alone comparing the same two periods' snapshots (status, three scores and the
comment) in one join. Ours does that comparison and also reads the history between the two
closings (owners, moves, actions, controls) and builds a sentence-ready record per changed risk.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.bench_storage import register
from benchmarks.timing import median_seconds
from riskdesk.services.what_changed import what_changed
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import PERIOD

COLUMNS = ("status", "inherent_likelihood", "inherent_impact", "residual_likelihood", "residual_impact",
           "target_likelihood", "target_impact", "comment")
FLOOR_SQL = (
    "SELECT a.risk_id, " + ", ".join(f"a.{c}, b.{c}" for c in COLUMNS)
    + " FROM snapshots a JOIN snapshots b ON b.risk_id = a.risk_id AND b.period_id = ? WHERE a.period_id = ? AND ("
    + " OR ".join(f"a.{c} IS NOT b.{c}" for c in COLUMNS) + ")"
)


def compare(path: Path, rounds: int = 15) -> list[str]:
    """Our comparison of the last two closed quarters against the raw join; then since the last one to now.

    The two run alternately, round after round, and the ratio is the median of each round's ratio of
    CPU time: on a shared machine the other work going on disturbs paired CPU times least.
    """
    ws = Workspace.open(path, read_only=True, user="Bench")
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        closed = [p for p in sorted(ws.store.all(PERIOD), key=lambda p: p.position) if p.is_closed]
        earlier, later = closed[-2], closed[-1]
        changed = what_changed(ws, earlier.label, later.label).changes
        rows = raw.execute(FLOOR_SQL, (later.id, earlier.id)).fetchall()
        ours_times, floor_times = [], []
        for _ in range(rounds):
            ours_times.append(_cpu(lambda: what_changed(ws, earlier.label, later.label)))
            floor_times.append(_cpu(lambda: raw.execute(FLOOR_SQL, (later.id, earlier.id)).fetchall()))
        ratios = sorted(o / f for o, f in zip(ours_times, floor_times, strict=True))
        live = median_seconds(lambda: what_changed(ws), repeat=9)
    finally:
        ws.close()
        raw.close()
    ratio = statistics.median(ratios)
    verdict = "meets" if ratio <= 3.0 else "MISSES"
    return [
        f"{earlier.label} to {later.label}: {len(changed)} risks changed (the raw join finds {len(rows)} "
        "snapshot pairs that differ in any column, blank later comments included)",
        f"What changed between two closed quarters (what_changed vs raw SQL join), CPU time medians: ours "
        f"{statistics.median(ours_times) * 1000:.1f} ms, floor {statistics.median(floor_times) * 1000:.1f} ms, "
        f"paired ratio {ratio:.2f}x (rounds {ratios[0]:.2f}x-{ratios[-1]:.2f}x; {verdict} target 3.0x)",
        f"What changed since {later.label} to now (live risks), wall time median: {live * 1000:.1f} ms",
    ]


def _cpu(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def main() -> None:
    for line in compare(register(10000)):
        print(line)


if __name__ == "__main__":
    main()
