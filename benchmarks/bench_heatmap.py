"""Heat-map benchmarks at 10,000 risks, each against the bare Qt or service floor.

    uv run python -m benchmarks.generate 10000      # once: benchmarks/out/register-10000.sqlite
    uv run python -m benchmarks.bench_heatmap

1. A click on a cell until the risk table's proxy is filtered, against the bare proxy
   filter of the same rows (a QSortFilterProxyModel over a QStandardItemModel of
   10,000 rows, filtered by a regular expression of the chosen ids).
2. Repainting the whole matrix (25 cells, hundreds of references each), against a
   widget of the same size painting the same 25 rectangles empty.
3. Re-scoring by drag (drop handling, the reason dialog answered at once, the signal,
   and the re-scoring operation), against a plain Workspace.update_risk.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRect, QRegularExpression, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QStandardItem, QStandardItemModel
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView, QWidget

from benchmarks.timing import median_seconds, ratio_line
from riskdesk.core.model import Risk, Score
from riskdesk.services.queries import load_contents
from riskdesk.services.rescoring import rescore_risk
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import RISK
from riskdesk.ui.heatmap import HeatMapPanel
from riskdesk.ui.heatmap.model import RISK_IDS_ROLE

SOURCE = Path(__file__).resolve().parent / "out" / "register-10000.sqlite"


def _register_file(folder: Path) -> Path:
    """A copy of the 10,000-risk register (made first when missing)."""
    if not SOURCE.exists():
        from benchmarks.generate import make_register

        SOURCE.parent.mkdir(parents=True, exist_ok=True)
        make_register(SOURCE, 10_000)
    target = folder / "register-10000.sqlite"
    shutil.copyfile(SOURCE, target)
    return target


def _proxy(risks: list[Risk]) -> tuple[QStandardItemModel, QSortFilterProxyModel]:
    """A bare table of the risks (id, reference, title) behind a filtering proxy."""
    model = QStandardItemModel(len(risks), 3)
    for row, risk in enumerate(risks):
        model.setItem(row, 0, QStandardItem(risk.id))
        model.setItem(row, 1, QStandardItem(risk.reference))
        model.setItem(row, 2, QStandardItem(risk.title))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(0)
    return model, proxy


def _filter_to(proxy: QSortFilterProxyModel, ids: set[str] | None) -> None:
    if ids is None:
        proxy.setFilterRegularExpression(QRegularExpression())
        return
    pattern = "^(" + "|".join(re.escape(i) for i in sorted(ids)) + ")$" if ids else "^$"
    proxy.setFilterRegularExpression(QRegularExpression(pattern))


class EmptyCells(QWidget):
    """The floor for painting: the same cells as plain filled rectangles."""

    def __init__(self, cells: list[QRect]) -> None:
        super().__init__()
        self.cells = cells

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        for rect in self.cells:
            painter.fillRect(rect, QColor("#ffc000"))
            painter.drawRect(rect)
        painter.end()


class AcceptAtOnce:
    """Stands in for the reason dialog: the user types a reason and presses OK."""

    def __init__(self, *_args: object) -> None:
        pass

    def exec(self) -> int:
        return 1

    def reason(self) -> str:
        return "Benchmark re-score"

    def deleteLater(self) -> None:
        pass


def main() -> int:
    """Run the three measures and print one line each."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        path = _register_file(Path(folder))
        workspace = Workspace.open(path)
        contents = load_contents(workspace)
        risks = contents.risks
        print(f"{len(risks)} risks")

        panel = HeatMapPanel()
        panel.resize(960, 680)
        panel.set_data(contents.scheme, risks)
        panel.show()
        app.processEvents()
        view = panel.view()
        model = panel.heat_model()

        # 1. click -> filtered table, against the bare proxy filter.
        _table, proxy = _proxy(risks)
        panel.filterChanged.connect(lambda ids: _filter_to(proxy, ids))
        a, b = model.index_of_scores(3, 3), model.index_of_scores(4, 4)
        points = [view.visualRect(a).center(), view.visualRect(b).center()]
        sets = [a.data(RISK_IDS_ROLE), b.data(RISK_IDS_ROLE)]
        turn = [0]

        def click() -> None:
            turn[0] ^= 1
            QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=points[turn[0]])

        def bare_filter() -> None:
            turn[0] ^= 1
            _filter_to(proxy, sets[turn[0]])

        clicks, floors = [], []
        for _ in range(3):
            clicks.append(median_seconds(click, repeat=21))
            floors.append(median_seconds(bare_filter, repeat=21))
        print(f"cell sizes {len(sets[0])} and {len(sets[1])} risks; visible rows after click {proxy.rowCount()}")
        print(ratio_line("click to filtered table", min(clicks), min(floors), 1.5))

        # 2. repaint the matrix, against the same cells painted empty.
        panel.clear_filter()
        cells = [view.visualRect(model.index(r, c)) for r in range(5) for c in range(5)]
        empty = EmptyCells(cells)
        empty.resize(view.viewport().size())
        empty.show()
        app.processEvents()
        texts = QStandardItemModel(5, 5)
        for r in range(5):
            for c in range(5):
                texts.setItem(r, c, QStandardItem(model.index(r, c).data(Qt.ItemDataRole.DisplayRole)[:400]))
        table = QTableView()
        table.setModel(texts)
        table.setWordWrap(True)
        for header in (table.horizontalHeader(), table.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.resize(view.size())
        table.show()
        app.processEvents()
        ours, floor, plain = [], [], []
        for _ in range(3):
            ours.append(median_seconds(view.viewport().repaint, repeat=21))
            floor.append(median_seconds(empty.repaint, repeat=21))
            plain.append(median_seconds(table.viewport().repaint, repeat=21))
        print(ratio_line("repaint the 10,000-risk matrix against empty rectangles", min(ours), min(floor), 3.0))
        print(ratio_line("repaint the 10,000-risk matrix against a plain QTableView of the same cell texts",
                         min(ours), min(plain), 3.0))
        table.close()

        # 3. re-score by drag, against a plain update.
        panel.dialog_factory = AcceptAtOnce  # type: ignore[assignment]
        panel.rescoreRequested.connect(lambda *args: rescore_risk(workspace, *args))
        movable = [r for r in risks if r.residual not in (None, Score(1, 2), Score(2, 1))]
        dragged, plain = movable[0], movable[1]
        row_a, col_a = panel.grid.scores_to_position(1, 2)  # type: ignore[union-attr]
        row_b, col_b = panel.grid.scores_to_position(2, 1)  # type: ignore[union-attr]
        flip = [0]

        def drag() -> None:
            # The panel's risks are not refreshed here (the window does that), so
            # the drop always differs from the score the panel knows.
            flip[0] ^= 1
            row, column = (row_a, col_a) if flip[0] else (row_b, col_b)
            panel.handle_drop([dragged.id], row, column)

        other = [0]

        def update() -> None:
            # What any edit does: read the risk's version, then update it.
            other[0] ^= 1
            score = Score(1, 2) if other[0] else Score(2, 1)
            version = workspace.store.get(RISK, plain.id).version
            workspace.update_risk(plain.id, version, "Benchmark re-score", residual=score)

        # Each write waits for the disk, which other work on the machine disturbs;
        # alternating one of each, many times, lets both see the same disturbance.
        drags, updates = [], []
        for _ in range(3):
            drag()
            update()
        for _ in range(60):
            for work, samples in ((drag, drags), (update, updates)):
                start = time.perf_counter()
                work()
                samples.append(time.perf_counter() - start)
        print(ratio_line("re-score by drag (median of 60 alternating)", statistics.median(drags),
                         statistics.median(updates), 1.2))
        workspace.close()
        panel.close()
        empty.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
