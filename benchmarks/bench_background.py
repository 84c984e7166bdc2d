"""How long the window stops answering during File > Export..., and what running it in the background costs.

    uv run python -m benchmarks.bench_background [REGISTER]

On the 10,000 register (benchmarks/out/register-10000.sqlite unless another is named), for
each format, side by side in one run: export_file called bare (no Qt: the floor), the same
export on the window's thread (as File > Export... ran before), and the export as a
background task (as it runs now). For the two with Qt, a 10 ms timer ticks on the window's
thread; the longest gap between its ticks is how long the window did not answer. Each is the
best of three runs. Then the same for Save as Word: the committee pack of one service area
("Care and Protection", an eighth of the risks), best of two.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from riskdesk.services.exporting import export_file
from riskdesk.services.reports import ReportOptions, write_report
from riskdesk.services.workspace import Workspace
from riskdesk.ui.background import TaskControl, run_in_background
from riskdesk.ui.export_actions import export_work
from riskdesk.ui.report_dialog import report_work

RUNS = 3
WORD_RUNS = 2
AREA = ReportOptions(kind="committee", register="Care and Protection")
TICK_MS = 10


def bare(path: Path, target: Path) -> float:
    """export_file with no Qt at all."""
    start = time.perf_counter()
    workspace = Workspace.open(path, read_only=True)
    try:
        export_file(workspace, target)
    finally:
        workspace.close()
    return time.perf_counter() - start


def bare_word(path: Path, target: Path) -> float:
    """The Word pack with no Qt at all."""
    start = time.perf_counter()
    workspace = Workspace.open(path, read_only=True)
    try:
        write_report(workspace, AREA, target)
    finally:
        workspace.close()
    return time.perf_counter() - start


def with_ticks(start_work: Callable[[Callable[[], None]], None]) -> tuple[float, float]:
    """(wall seconds, longest gap between timer ticks) while start_work runs; it calls done() at the end."""
    loop = QEventLoop()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    ended: list[float] = []

    def done() -> None:
        ended.append(time.perf_counter())
        QTimer.singleShot(0, loop.quit)

    timer.start()
    begun = time.perf_counter()
    ticks.append(begun)
    QTimer.singleShot(0, lambda: start_work(done))
    loop.exec()
    timer.stop()
    points = [t for t in ticks if t <= ended[0]] + [ended[0]]
    gap = max(b - a for a, b in pairwise(points))
    return ended[0] - begun, gap


def on_window_thread(work: Callable[[], object]) -> Callable[[Callable[[], None]], None]:
    def start(done: Callable[[], None]) -> None:
        work()
        done()
    return start


def in_background(work: Callable[[TaskControl], object]) -> Callable[[Callable[[], None]], None]:
    def start(done: Callable[[], None]) -> None:
        task = run_in_background(work)
        task.ended.connect(done)
    return start


def line(name: str, floor: float, blocking: tuple[float, float], background: tuple[float, float]) -> str:
    return (f"{name}: bare {floor:.2f} s | on the window's thread {blocking[0]:.2f} s, longest pause "
            f"{blocking[1] * 1000:.0f} ms | in the background {background[0]:.2f} s "
            f"({background[0] / floor:.2f}x bare), longest pause {background[1] * 1000:.0f} ms")


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("benchmarks/out/register-10000.sqlite")
    QApplication([])
    print(f"{path.name}, best of {RUNS}; the machine is shared, so small differences are noise")
    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".xlsx", ".csv", ".json"):
            target = Path(folder) / f"export{suffix}"
            floor = min(bare(path, target) for _ in range(RUNS))
            blocking = min((with_ticks(on_window_thread(lambda t=target: bare(path, t))) for _ in range(RUNS)),
                           key=lambda r: r[0])
            background = min((with_ticks(in_background(export_work(path, target))) for _ in range(RUNS)),
                             key=lambda r: r[0])
            print(line(suffix, floor, blocking, background))
        target = Path(folder) / "pack.docx"
        floor = min(bare_word(path, target) for _ in range(WORD_RUNS))
        blocking = min((with_ticks(on_window_thread(lambda: bare_word(path, target))) for _ in range(WORD_RUNS)),
                       key=lambda r: r[0])
        background = min((with_ticks(in_background(report_work(path, AREA, target))) for _ in range(WORD_RUNS)),
                         key=lambda r: r[0])
        print(line("Save as Word, one area's committee pack", floor, blocking, background))

if __name__ == "__main__":
    main()
