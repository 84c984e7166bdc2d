"""Main window benchmarks against bare PySide6 doing the same work.

    uv run python -m benchmarks.generate 10000      # once: benchmarks/out/register-10000.sqlite
    uv run python -m benchmarks.bench_ui            # start-up, search, scrolling, a colleague's edit
    uv run python -m benchmarks.bench_ui --start-only --runs 9

1. Process start to the main window painted, on the demo register and on 10,000 risks, against
   a process that shows a bare QMainWindow with an empty QTableView (targets <= 2x on the demo,
   <= 3x at 10,000 risks). The three are started in turn, round after round, so each sees the
   same machine load; the figures are medians of the rounds (wall clock, and the process's CPU
   time up to the paint, which other work on a shared machine disturbs less).
2. Typing one search character at 10,000 risks (filter and repaint), against a bare
   QSortFilterProxyModel over a QStandardItemModel of the same rows' text (target <= 1.5x).
3. The longest frame while paging through the 10,000-risk table (target < 100 ms).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.timing import ratio_line

SOURCE = Path("benchmarks/out/register-10000.sqlite")
SCREEN = Path("tests/screens/desktop.json").resolve()
START_RUNS = 7

# Both child processes stop the clock at the first paint of the table's viewport.
_PAINT_WATCH = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            # CPU time of the process so far (threads included), then the wall clock, last.
            QTimer.singleShot(0, lambda: (print("cpu", time.process_time()), print(time.perf_counter()), app.quit()))
        return False
"""
# As `riskdesk FILE` starts the window (riskdesk.cli): the collector held, the window's code
# loaded before anything else of Qt, then riskdesk.ui.app.start_window, as run() calls it.
OURS = """
import gc; gc.disable()
import sys, time
from riskdesk.ui.app import start_window
""" + _PAINT_WATCH + """
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QTableView
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[2])
window = start_window(sys.argv[1])
watch = Watch()
window.findChild(QTableView, "riskTable").viewport().installEventFilter(watch)
app = QApplication.instance()
app.exec()
window.document and window.document.close()
"""
BARE = _PAINT_WATCH + """
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
from PySide6.QtGui import QStandardItemModel
app = QApplication(sys.argv[:1])
window = QMainWindow()
table = QTableView()
table.setModel(QStandardItemModel(0, 8))
window.setCentralWidget(table)
window.resize(1400, 900)
watch = Watch()
table.viewport().installEventFilter(watch)
window.show()
app.exec()
"""


def _child_env() -> dict[str, str]:
    # Bytecode is written and used as in an installed riskdesk: compiling the sources at every
    # start would be measured otherwise (some shells set PYTHONDONTWRITEBYTECODE).
    # A 1920x1200 desktop screen: riskdesk's window opens at 1400x900 on it, the bare one's size.
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={SCREEN}"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def start_to_paint(script: str, *args: str) -> tuple[float, float]:
    """Seconds from launching a Python process to its first painted table: wall clock, and its CPU time."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True,
                          env=_child_env())
    lines = done.stdout.strip().splitlines()
    cpu = next(float(line.split()[1]) for line in lines if line.startswith("cpu "))
    return float(lines[-1]) - started, cpu


def demo_register(scratch: Path) -> Path:
    """The demo register as `riskdesk demo` writes it."""
    path = scratch / "demo.sqlite"
    subprocess.run([sys.executable, "-m", "riskdesk.cli", "demo", str(path)], check=True, capture_output=True,
                   env=_child_env())
    return path


def bench_start(registers: dict[str, tuple[Path, float]], scratch: Path, runs: int) -> list[str]:
    """Start-up of each register against the bare window, the processes alternating round by round."""
    for path, _ in registers.values():  # warm-up: bytecode written, the files in the system's cache
        start_to_paint(OURS, str(path), str(scratch))
    start_to_paint(BARE)
    bare: list[tuple[float, float]] = []
    ours: dict[str, list[tuple[float, float]]] = {name: [] for name in registers}
    for _ in range(runs):
        bare.append(start_to_paint(BARE))
        for name, (path, _) in registers.items():
            ours[name].append(start_to_paint(OURS, str(path), str(scratch)))
    lines = []
    bare_wall = statistics.median(wall for wall, _ in bare)
    bare_cpu = statistics.median(cpu for _, cpu in bare)
    for name, (_, target) in registers.items():
        walls = [wall for wall, _ in ours[name]]
        cpus = [cpu for _, cpu in ours[name]]
        # Each round's ratio against the bare window started just before it, so a burst of
        # other work on the machine falls on both sides of a ratio.
        paired_wall = statistics.median(o[0] / b[0] for o, b in zip(ours[name], bare, strict=True))
        paired_cpu = statistics.median(o[1] / b[1] for o, b in zip(ours[name], bare, strict=True))
        lines.append(ratio_line(f"start to painted window, {name} (wall, median of {runs})",
                                statistics.median(walls), bare_wall, target)
                     + f"; rounds {min(walls):.2f}-{max(walls):.2f} s; median of paired ratios {paired_wall:.2f}x")
        lines.append(ratio_line(f"start to painted window, {name} (CPU, median of {runs})",
                                statistics.median(cpus), bare_cpu, target)
                     + f"; median of paired ratios {paired_cpu:.2f}x")
    return lines


def _settle(app: object) -> None:
    app.processEvents()  # type: ignore[attr-defined]


def bench_search_and_scroll(register: Path, scratch: Path) -> list[str]:
    from PySide6.QtCore import QSettings, QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch))
    from riskdesk.ui.app import application, create_main_window
    from riskdesk.ui.risk_table import HEADERS

    app = application()
    window = create_main_window(register)
    window.resize(1400, 900)
    window.show()
    _settle(app)
    panel = window.risk_panel
    rows = panel.model.rowCount()

    bare_model = QStandardItemModel(rows, len(HEADERS))
    for row in range(rows):
        for column in range(len(HEADERS)):
            bare_model.setItem(row, column, QStandardItem(panel.model._display(panel.model.risk_at(row), column)))
        bare_model.item(row, 0).setData(panel.model.search_text(row), Qt.ItemDataRole.UserRole)
    bare_proxy = QSortFilterProxyModel()
    bare_proxy.setSourceModel(bare_model)
    bare_proxy.setFilterRole(Qt.ItemDataRole.UserRole)
    bare_proxy.setFilterKeyColumn(0)
    bare_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    bare_view = QTableView()
    bare_view.setModel(bare_proxy)
    bare_view.resize(1000, 500)
    bare_view.show()
    _settle(app)

    words = ["p", "pl", "pla", "plac", "place", "placem", "placeme", "placemen", "placement"]
    ours_samples, bare_samples = [], []
    for _ in range(3):
        for count in range(len(words)):
            text = words[count]
            start = time.perf_counter()
            panel.search.setText(text)
            panel.table.viewport().repaint()
            _settle(app)
            ours_samples.append(time.perf_counter() - start)
            start = time.perf_counter()
            bare_proxy.setFilterFixedString(text)
            bare_view.viewport().repaint()
            _settle(app)
            bare_samples.append(time.perf_counter() - start)
        panel.search.setText("")
        bare_proxy.setFilterFixedString("")
        _settle(app)
    lines = [
        f"rows in the table: {rows}",
        ratio_line("one search character at 10,000 risks (median)", statistics.median(ours_samples),
                   statistics.median(bare_samples), 1.5),
        ratio_line("one search character at 10,000 risks (slowest)", max(ours_samples), max(bare_samples), 1.5),
    ]

    bar = panel.table.verticalScrollBar()
    frames = []
    bar.setValue(0)
    _settle(app)
    while bar.value() < bar.maximum():
        start = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        panel.table.viewport().repaint()
        _settle(app)
        frames.append(time.perf_counter() - start)
    lines.append(f"scrolling {len(frames)} pages of the 10,000-risk table: longest frame "
                 f"{max(frames) * 1000:.1f} ms, median {statistics.median(frames) * 1000:.1f} ms (target < 100 ms)")

    from riskdesk.services.workspace import Workspace
    from riskdesk.storage.records import RISK

    colleague = Workspace.open(register, user="A Colleague")
    picked_up = []
    for number in range(10):
        risk = colleague.store.all(RISK, "reference = ?", (f"R {number + 1}",))[0]
        colleague.update_risk(risk.id, risk.version, "Colleague", title=f"Edited elsewhere {number}")
        start = time.perf_counter()
        window.document.check_for_colleagues()
        _settle(app)
        picked_up.append(time.perf_counter() - start)
    colleague.close()
    lines.append(f"a colleague's edit picked up by the poll at 10,000 risks: median "
                 f"{statistics.median(picked_up) * 1000:.1f} ms, slowest {max(picked_up) * 1000:.1f} ms")
    window.document.close()
    window.document = None
    window.close()
    return lines


def main() -> int:
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else START_RUNS
    if not SOURCE.exists():
        print(f"Make the register first: uv run python -m benchmarks.generate 10000 ({SOURCE} is missing)")
        return 2
    with tempfile.TemporaryDirectory() as scratch_text:
        scratch = Path(scratch_text)
        register = scratch / "register-10000.sqlite"
        shutil.copyfile(SOURCE, register)  # opening must not touch the cached file
        registers = {"demo register": (demo_register(scratch), 2.0), "10,000 risks": (register, 3.0)}
        for line in bench_start(registers, scratch, runs):
            print(line)
        if "--start-only" in sys.argv:
            return 0
        for line in bench_search_and_scroll(register, scratch):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
