"""Import and merge say how far they have got, and Cancel before the commit leaves the file exactly as it was."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from riskdesk.core.progress import Stopped
from riskdesk.services.importing import import_risks
from riskdesk.services.merging import merge_copy
from riskdesk.services.workspace import Workspace

ROWS = 3000


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_rows(path: Path, rows: int, prefix: str = "GEN") -> Path:
    lines = ["Reference,Title,Controls,Actions"]
    lines += [f"{prefix} {n},Generated risk number {n},Weekly check {n},Review plan {n}" for n in range(1, rows + 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def register(tmp_path: Path) -> Path:
    ws = Workspace.create(tmp_path / "register.sqlite", "5x5", "Test Council")
    ws.create_register("Corporate")
    ws.close()
    return tmp_path / "register.sqlite"


class Heard:
    """Records every report; asks to stop once `times` sentences starting with `stop_at` have been heard."""

    def __init__(self, stop_at: str | None = None, times: int = 1) -> None:
        self.reports: list[tuple[int, int, str]] = []
        self.stop_at, self.times = stop_at, times
        self.asked = 0

    def progress(self, done: int, total: int, sentence: str) -> None:
        self.reports.append((done, total, sentence))

    def cancelled(self) -> bool:
        self.asked += 1
        stop_at = self.stop_at
        return stop_at is not None and sum(s.startswith(stop_at) for _, _, s in self.reports) >= self.times


def run_import(register: Path, source: Path, heard: Heard, **kwargs: object) -> object:
    ws = Workspace.open(register, user="Me")
    try:
        return import_risks(ws, source, "Corporate", progress=heard.progress, cancelled=heard.cancelled,
                            **kwargs)  # type: ignore[arg-type]
    finally:
        ws.close()


def test_an_import_reports_reading_and_writing_rising_to_the_total(register: Path, tmp_path: Path) -> None:
    source = write_rows(tmp_path / "risks.csv", ROWS)
    heard = Heard()
    result = run_import(register, source, heard)
    assert len(result.created) == ROWS  # type: ignore[attr-defined]
    reading = [(d, t) for d, t, s in heard.reports if s.startswith("Reading row")]
    writing = [(d, t) for d, t, s in heard.reports if s == f"Writing {ROWS:,} risks"]
    assert len(reading) >= ROWS // 500 and reading[-1][0] == reading[-1][1] == ROWS + 1  # the heading row too
    assert [d for d, _ in reading] == sorted(d for d, _ in reading)
    assert "Reading row 1,000 of 3,001" in [s for _, _, s in heard.reports]
    assert len(writing) > 2 and [d for d, _ in writing] == sorted(d for d, _ in writing)
    assert writing[-1] == (ROWS, ROWS)
    assert any(s.startswith("Comparing") for _, _, s in heard.reports)
    # Cheap: a report every few hundred rows, not one a row.
    assert len(heard.reports) < ROWS // 50


@pytest.mark.parametrize("stop_at", ["Reading row", "Comparing", "Writing"])
def test_cancel_before_the_commit_changes_nothing_in_the_file(register: Path, tmp_path: Path, stop_at: str) -> None:
    source = write_rows(tmp_path / "risks.csv", ROWS)
    before = digest(register)
    heard = Heard(stop_at, times=2 if stop_at == "Writing" else 1)  # Writing: after 500 rows are in
    with pytest.raises(Stopped, match=r"^The import was stopped; nothing was changed\.$"):
        run_import(register, source, heard, backup=True)
    assert digest(register) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["register.sqlite", "risks.csv"]  # no backup left behind
    if stop_at == "Writing":  # stopped inside the transaction, after rows had been written to it
        assert any(s.startswith("Writing") and d > 0 for d, _, s in heard.reports)
    # And the same import, not stopped, still works afterwards.
    assert len(run_import(register, source, Heard()).created) == ROWS  # type: ignore[attr-defined]


def test_cancel_after_the_commit_is_too_late_and_the_import_stands(register: Path, tmp_path: Path) -> None:
    source = write_rows(tmp_path / "risks.csv", 40)
    calls: list[int] = []

    def late() -> bool:  # true only when asked after the service has finished
        return bool(calls)

    ws = Workspace.open(register, user="Me")
    try:
        result = import_risks(ws, source, "Corporate", cancelled=late)
        calls.append(1)
        assert len(result.created) == 40
    finally:
        ws.close()
    assert late()


def test_the_command_line_path_needs_no_progress(register: Path, tmp_path: Path) -> None:
    ws = Workspace.open(register, user="Me")
    try:
        result = import_risks(ws, write_rows(tmp_path / "few.csv", 3), "Corporate")
    finally:
        ws.close()
    assert result.created == ["GEN 1", "GEN 2", "GEN 3"]


@pytest.fixture
def copies(register: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Our register and a colleague's copy of it with 1,200 more risks."""
    theirs = tmp_path / "colleague.sqlite"
    shutil.copyfile(register, theirs)
    ws = Workspace.open(theirs, user="Colleague")
    try:
        import_risks(ws, write_rows(tmp_path / "theirs.csv", 1200, "THEIR"), "Corporate")
    finally:
        ws.close()
    (tmp_path / "theirs.csv").unlink()
    return register, theirs


def run_merge(ours: Path, theirs: Path, heard: Heard) -> object:
    ws = Workspace.open(ours, user="Me")
    try:
        return merge_copy(ws, theirs, progress=heard.progress, cancelled=heard.cancelled)
    finally:
        ws.close()


def test_a_merge_reports_its_records_rising_to_the_total(copies: tuple[Path, Path]) -> None:
    heard = Heard()
    result = run_merge(*copies, heard)
    assert len(result.outcome.added["risk"]) == 1200  # type: ignore[attr-defined]
    comparing = [(d, t) for d, t, s in heard.reports if s.startswith("Comparing record")]
    assert len(comparing) >= 4 and comparing[-1][0] == comparing[-1][1] > 1200
    assert [d for d, _ in comparing] == sorted(d for d, _ in comparing)


@pytest.mark.parametrize("stop_at", ["Reading", "Comparing record", "Bringing in"])
def test_cancel_during_a_merge_changes_nothing_in_the_file(copies: tuple[Path, Path], stop_at: str) -> None:
    ours, theirs = copies
    before, theirs_before = digest(ours), digest(theirs)
    check: Callable[[], object] = lambda: run_merge(ours, theirs, Heard(stop_at))  # noqa: E731
    with pytest.raises(Stopped, match=r"^The merge was stopped; nothing was changed\.$"):
        check()
    assert digest(ours) == before and digest(theirs) == theirs_before
    assert len(run_merge(ours, theirs, Heard()).outcome.added["risk"]) == 1200  # type: ignore[attr-defined]
