"""Storage benchmarks: loading against a raw SELECT, one edit at 10,000 against 30, file size.

    uv run python -m benchmarks.bench_storage
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from benchmarks.generate import make_register
from benchmarks.timing import median_seconds, ratio_line
from riskdesk.core.model import Score
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import RISK

OUT = Path(__file__).parent / "out"


def register(n: int) -> Path:
    """The generated register of n risks, made once and reused."""
    path = OUT / f"register-{n}.sqlite"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        make_register(path, n)
    return path


def load_ratio(path: Path) -> str:
    ws = Workspace.open(path, user="Bench")
    raw = sqlite3.connect(path)
    try:
        ours = median_seconds(lambda: ws.store.all(RISK), repeat=9)
        floor = median_seconds(lambda: raw.execute(
            "SELECT * FROM risks WHERE deleted = 0 ORDER BY position, rowid").fetchall(), repeat=9)
    finally:
        ws.close()
        raw.close()
    return ratio_line("Load every risk of 10,000 (Workspace.store.all vs raw SELECT)", ours, floor, 3.0)


def edit_seconds(path: Path, edits: int = 60) -> float:
    ws = Workspace.open(path, user="Bench")
    try:
        risk = ws.store.all(RISK, "reference = ?", ("R 5",))[0]
        state = {"risk": risk, "n": 0}

        def one_edit() -> None:
            current = state["risk"]
            state["n"] += 1
            level = state["n"] % 5 + 1
            ws.update_risk(current.id, current.version, "bench", residual=Score(level, 3))
            state["risk"] = ws.store.get(RISK, current.id)

        return median_seconds(one_edit, repeat=edits, warmup=5)
    finally:
        ws.close()


def main() -> None:
    small, large = register(30), register(10_000)
    print(load_ratio(large))
    at_30, at_10k = edit_seconds(small), edit_seconds(large)
    print(ratio_line("One risk update at 10,000 vs at 30 (fsync included)", at_10k, at_30, 1.2))
    print(f"File size of the 10,000-risk register: {large.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
