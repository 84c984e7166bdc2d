"""Rebuilding a register from its JSON export, against json plus sqlite3 alone doing the same reading and writing.

    uv run python -m benchmarks.bench_rebuild [RISKS ...]      (default: 1000)

A generated register (controls, actions, 8 closed quarters of snapshots and history) is exported to
JSON, then imported into an empty register file (`riskdesk import X.json --into NEW.sqlite`: read,
check every record, write it all in one transaction). The floor reads the same file with json.load
and writes the same rows, untouched and unchecked, with one executemany per table into a file of
the same schema. The best of three runs of each is taken.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.generate import make_register
from riskdesk.services.exporting import export_json
from riskdesk.services.rebuilding import import_export
from riskdesk.services.workspace import Workspace

TABLES = {"registers": ("id", "name", "parent_id", "kind", "owner", "description", "commentary", "position"),
          "risks": ("id", "register_id", "reference", "title", "description", "owner", "status", "treatment"),
          "controls": ("id", "risk_id", "description", "owner", "effectiveness", "position"),
          "actions": ("id", "risk_id", "description", "owner", "due_date", "status", "rag", "progress"),
          "periods": ("id", "label", "start", "end", "closed_at", "position")}


def floor(source: Path, target: Path) -> float:
    """json.load the export and write its rows as they are, one executemany per table."""
    start = time.perf_counter()
    data = json.loads(source.read_text(encoding="utf-8"))
    conn = sqlite3.connect(target)
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
    rows["registers"] = [tuple(r[c] for c in TABLES["registers"]) for r in data["registers"]]
    rows["periods"] = [tuple(p[c] for c in TABLES["periods"]) for p in data["periods"]]
    snapshots, history = [], []
    for risk in data["risks"]:
        rows["risks"].append(tuple(risk[c] for c in TABLES["risks"]))
        rows["controls"] += [tuple(c[k] for k in TABLES["controls"]) for c in risk["controls"]]
        rows["actions"] += [tuple(a[k] for k in TABLES["actions"]) for a in risk["actions"]]
        snapshots += [(p["period"], risk["id"], p["status"], p["comment"]) for p in risk["periods"]]
    history = [(h["entity"], h["entity_id"], h["field"], h["old"], h["new"], h["reason"]) for h in data["history"]]
    with conn:
        for name, columns in TABLES.items():
            conn.executemany(f"INSERT INTO {name} ({', '.join(columns)}) VALUES "
                             f"({', '.join('?' for _ in columns)})", rows[name])
        conn.executemany("INSERT INTO snapshots (period_id, risk_id, status, comment) VALUES (?, ?, ?, ?)",
                         snapshots)
        conn.executemany("INSERT INTO history (entity, entity_id, field, old, new, reason) VALUES "
                         "(?, ?, ?, ?, ?, ?)", history)
    conn.close()
    return time.perf_counter() - start


def ours(source: Path, target: Path) -> float:
    workspace = Workspace.create(target)
    start = time.perf_counter()
    import_export(workspace, source)
    elapsed = time.perf_counter() - start
    workspace.close()
    return elapsed


def run(risks: int) -> str:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        register = make_register(base / "source.sqlite", risks)
        workspace = Workspace.open(register)
        exported = base / "export.json"
        export_json(workspace, exported)
        workspace.close()
        best_ours = best_floor = float("inf")
        for attempt in range(3):
            best_ours = min(best_ours, ours(exported, base / f"ours-{attempt}.sqlite"))
            empty = base / f"floor-{attempt}.sqlite"
            Workspace.create(empty).close()  # the same schema, written bare
            best_floor = min(best_floor, floor(exported, empty))
        size = exported.stat().st_size / 1e6
        return (f"{risks:,} risks ({size:.1f} MB of JSON): rebuild {best_ours:.2f} s, floor {best_floor:.2f} s, "
                f"ratio {best_ours / best_floor:.1f}x")


if __name__ == "__main__":
    for count in [int(a) for a in sys.argv[1:]] or [1000]:
        print(run(count))
