"""Import and Excel export at scale, each against openpyxl alone doing the same reading or writing.

    uv run python -m benchmarks.bench_interchange [ROWS ...]

Import: a council-style workbook (words for likelihood, a 1-10 impact, bullet cells of controls and
actions, UK dates) of 1,000 and 10,000 rows is imported into an empty register with detection and
conversion on. The floor is openpyxl's read-only iteration of the same file. The time the file is
locked for writing is measured separately (the final transaction), against SQLite alone writing the
rows that import wrote (records and history, `executemany`, one transaction, the same pragmas).
Rounds alternate ours and the floors; wall-clock and CPU time (`time.process_time`, which other work
on a shared machine disturbs less) are both reported.

Export: the Excel export of the register made by the import, against openpyxl's write-only mode
writing the same cells bare (no fills, fonts, widths or date formats).
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from riskdesk.interchange.tabular_export import write_xlsx
from riskdesk.services.importing import import_risks
from riskdesk.services.queries import load_contents
from riskdesk.services.workspace import Workspace
from riskdesk.storage.store import RegisterFile

WORDS = ("Rare", "Unlikely", "Possible", "Likely", "Almost certain")
HEADER = ("Risk No.", "Risk description", "Service area", "Risk owner", "Likelihood", "Impact (1-10)",
          "Existing controls", "Further actions", "Review date", "Comments")


def make_source(path: Path, rows: int, dimension: bool = False) -> Path:
    """The workbook to import; with dimension, saved as Excel saves one, with its size declared at the top.

    openpyxl's write-only mode leaves the size out, so a read-only load parses the whole sheet once
    to look for it before the rows are read: that makes the floor's read (and ours) slower.
    """
    book = Workbook(write_only=not dimension)
    if dimension:
        sheet = book.active
        sheet.title = "Risk register"
    else:
        sheet = book.create_sheet("Risk register")
    sheet.append(["Corporate risk register"])
    sheet.append([])
    sheet.append(list(HEADER))
    for n in range(1, rows + 1):
        sheet.append([f"CR {n}", f"Risk {n}: suppliers fail to deliver the service on time. " * 2,
                      f"Service {n % 12}", f"Officer {n % 40}", WORDS[n % 5], 1 + n % 10,
                      f"• Contract monitoring {n}\n• Monthly meeting\n• Escalation route",
                      f"1. Review the contract {n}\n2. Report to committee", f"{1 + n % 28}/0{1 + n % 9}/2025",
                      f"Progress note {n}"])
    book.save(path)
    return path


def clocked(work: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall-clock and CPU seconds of work, and what it returned."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def floor_read(path: Path) -> None:
    book = load_workbook(path, read_only=True, data_only=True)
    for sheet in book.worksheets:
        for _row in sheet.iter_rows(values_only=True):
            pass
    book.close()


def ours_import(path: Path, folder: Path, tag: str) -> tuple[float, float, float, int]:
    """Wall and CPU seconds of the whole import, seconds the file was locked, risks made."""
    target = folder / f"import-{tag}.sqlite"
    target.unlink(missing_ok=True)
    workspace = Workspace.create(target)
    held: list[float] = []
    transaction = RegisterFile.transaction

    def timed(self, operation: str = ""):  # measure the outermost write transaction only
        outer = not self.conn.in_transaction
        start = time.perf_counter()
        manager = transaction(self, operation)
        if not outer:
            return manager
        class Wrapped:
            def __enter__(self_inner):
                return manager.__enter__()
            def __exit__(self_inner, *exc):
                result = manager.__exit__(*exc)
                held.append(time.perf_counter() - start)
                return result
        return Wrapped()

    RegisterFile.transaction = timed  # type: ignore[method-assign]
    try:
        wall, cpu, result = clocked(lambda: import_risks(workspace, path, "Imported"))
    finally:
        RegisterFile.transaction = transaction  # type: ignore[method-assign]
        workspace.close()
    assert not result.problems, result.problems[:3]
    return wall, cpu, max(held), len(result.created)


def written_rows(imported: Path) -> list[tuple[str, list[Any]]]:
    """The INSERT statements and rows that would rebuild what the import wrote (records and history)."""
    conn = sqlite3.connect(imported)
    try:
        statements = []
        for table, where in (("registers", ""), ("risks", ""), ("controls", ""), ("actions", ""),
                             ("history", " WHERE reason LIKE 'Imported from %'")):
            cursor = conn.execute(f"SELECT * FROM {table}{where} ORDER BY rowid")
            columns = [c[0] for c in cursor.description]
            marks = ", ".join("?" for _ in columns)
            statements.append((f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", cursor.fetchall()))
        return statements
    finally:
        conn.close()


def floor_write(statements: list[tuple[str, list[Any]]], folder: Path) -> tuple[float, float]:
    """SQLite alone writing the same rows into an empty register file opened as riskdesk opens it."""
    target = folder / "floor-write.sqlite"
    target.unlink(missing_ok=True)
    Workspace.create(target).close()
    store = RegisterFile.open(target, "floor")  # synchronous=FULL, foreign keys on, rollback journal
    conn = store.conn
    try:
        def write() -> None:
            conn.execute("BEGIN IMMEDIATE")
            for sql, rows in statements:
                conn.executemany(sql, rows)
            conn.execute("COMMIT")
        wall, cpu, _ = clocked(write)
    finally:
        store.close()
    return wall, cpu


def dry_run(path: Path, folder: Path) -> float:
    target = folder / "dry.sqlite"
    target.unlink(missing_ok=True)
    workspace = Workspace.create(target)
    try:
        start = time.perf_counter()
        result = import_risks(workspace, path, "Imported", dry_run=True)
        return time.perf_counter() - start
    finally:
        workspace.close()
        assert not result.problems


def export_pair(register: Path, folder: Path) -> tuple[float, float]:
    workspace = Workspace.open(register, read_only=True)
    try:
        contents = load_contents(workspace)
    finally:
        workspace.close()
    start = time.perf_counter()
    write_xlsx(contents, folder / "ours.xlsx")
    ours = time.perf_counter() - start
    # The same cells, bare: read them back from our own file so the floor writes exactly what we wrote.
    book = load_workbook(folder / "ours.xlsx", read_only=True)
    sheets = [(s.title, list(s.iter_rows(values_only=True))) for s in book.worksheets]
    book.close()
    start = time.perf_counter()
    bare = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = bare.create_sheet(title)
        for row in rows:
            sheet.append(row)
    bare.save(folder / "bare.xlsx")
    return ours, time.perf_counter() - start


def spread(values: list[float]) -> str:
    low, high = min(values), max(values)
    return f"{low:.2f}x" if f"{low:.2f}" == f"{high:.2f}" else f"{low:.2f}x-{high:.2f}x"


def import_rounds(source: Path, folder: Path, rows: int, rounds: int, tag: str = "") -> tuple[float, float, float]:
    """Alternate the floor read, our import and the bare write; print the figures.

    Returns our best wall time, the floor's best wall time and our best CPU time.
    """
    reads, ours, writes = [], [], []
    for n in range(rounds):
        reads.append(clocked(lambda: floor_read(source))[:2])
        ours.append(ours_import(source, folder, f"{rows}{tag}-{n}"))
        writes.append(floor_write(written_rows(folder / f"import-{rows}{tag}-{n}.sqlite"), folder))
    wall, floor = min(o[0] for o in ours), min(r[0] for r in reads)
    cpu_ratios = [o[1] / r[1] for o, r in zip(ours, reads, strict=True)]
    held, bare = min(o[2] for o in ours), min(w[0] for w in writes)
    created = ours[0][3]
    print(f"import {rows:,} rows{tag}: ours {wall:.2f} s, openpyxl read-only iteration {floor:.2f} s, ratio "
          f"{wall / floor:.2f}x (best of {rounds} each); CPU time ours {min(o[1] for o in ours):.2f} s, floor "
          f"{min(r[1] for r in reads):.2f} s, ratio {statistics.median(cpu_ratios):.2f}x (median of {rounds} "
          f"paired rounds: {spread(cpu_ratios)}); {created:,} risks with {3 * created:,} controls and "
          f"{2 * created:,} actions")
    print(f"  the write: file locked {held:.2f} s (rounds {spread([o[2] for o in ours]).replace('x', ' s')}); "
          f"SQLite alone writing the same rows and history (executemany, one transaction) {bare:.2f} s, "
          f"ratio {held / bare:.2f}x; CPU {min(w[1] for w in writes):.2f} s")
    print(f"  floor of the whole import (openpyxl read + SQLite alone writing) {floor + bare:.2f} s: ours is "
          f"{wall / (floor + bare):.2f}x that")
    return wall, floor, min(o[1] for o in ours)


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1_000, 10_000]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        timings, cpu = {}, {}
        for rows in sizes:
            source = make_source(folder / f"source-{rows}.xlsx", rows)
            timings[rows], floor, cpu[rows] = import_rounds(source, folder, rows, 3)
            checked = min(dry_run(source, folder) for _ in range(2))
            print(f"  the same up to the write (read, detect, convert, compare: --dry-run) {checked:.2f} s, "
                  f"ratio {checked / floor:.2f}x")
            exports = [export_pair(folder / f"import-{rows}-0.sqlite", folder) for _ in range(3)]
            ours_x, bare_x = min(e[0] for e in exports), min(e[1] for e in exports)
            print(f"export xlsx {rows:,} risks: ours {ours_x:.2f} s, openpyxl write-only bare {bare_x:.2f} s, "
                  f"ratio {ours_x / bare_x:.2f}x")
        if len(sizes) > 1:
            small, large = sizes[0], sizes[-1]
            print(f"import growth {small:,} -> {large:,} rows: {timings[large] / timings[small]:.1f}x "
                  f"(CPU time {cpu[large] / cpu[small]:.1f}x) for {large / small:.0f}x the rows")
        large = sizes[-1]
        source = make_source(folder / f"source-{large}-dimension.xlsx", large, dimension=True)
        import_rounds(source, folder, large, 3, " (the sheet's size declared, as Excel saves it)")


if __name__ == "__main__":
    main()
