"""Report performance: a 500-risk committee pack against a bare platypus build of the same content.

    uv run python -m benchmarks.bench_report

Measures (1) our build of the pack against ReportLab alone laying out the same paragraphs and
tables with the same embedded font but none of our decoration (header, footer, page numbers,
badges, arrows, heat map), as a ratio; (2) pages per second; (3) peak memory of a build;
(4) the time from Generate in the Reports dialog to the first preview page of a 40-page pack.
"""

from __future__ import annotations

import gc
import io
import os
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from benchmarks.generate import make_register
from riskdesk.reporting.build import build_report
from riskdesk.reporting.data import ReportData
from riskdesk.reporting.fonts import BOLD, REGULAR, register_fonts
from riskdesk.reporting.styles import BODY_SIZE, TABLE_SIZE
from riskdesk.reporting.text import safe, short_date
from riskdesk.reporting.trend import trend_words
from riskdesk.services.report_data import ReportOptions, prepare_report
from riskdesk.services.workspace import Workspace

OUT = Path(__file__).resolve().parent / "out"
RISKS = 500
TARGET_RATIO = 1.5
ROUNDS = 5


def bare_build(data: ReportData) -> int:
    """ReportLab alone: the same text and tables in the same font, no decoration; returns pages.

    Every word our pack prints is here (headings, labels, scores as words, table headers), but
    badges and arrows are plain strings, and there is no header, footer, page count or heat map.
    """
    register_fonts()
    body = ParagraphStyle("b", fontName=REGULAR, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.3)
    cell = ParagraphStyle("c", fontName=REGULAR, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.3)
    head = ParagraphStyle("h", fontName=BOLD, fontSize=14.5, leading=14.5 * 1.3)
    grid = TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), ("FONTSIZE", (0, 0), (-1, -1), TABLE_SIZE),
                       ("GRID", (0, 0), (-1, -1), 0.5, "grey"), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    width = A4[0] - 30 * mm
    story: list[object] = []
    summary: list[list[object]] = [["Ref", "Risk Owner", "Risks (short title)", "Residual risk score",
                                    "Direction of travel"]]
    for entry in data.risks:
        risk = entry.risk
        score = f"{data.band_of(risk.residual).name} {risk.residual.value}" if risk.residual else ""  # type: ignore[union-attr]
        summary.append([Paragraph(safe(risk.reference), cell), Paragraph(safe(risk.owner), cell),
                        Paragraph(safe(risk.title), cell), score,
                        Paragraph(safe(f"{entry.direction} {trend_words(entry)}"), cell)])
    story.append(Table(summary, colWidths=[width / 5] * 5, repeatRows=1, style=grid))
    for entry in data.risks:
        risk = entry.risk
        story.append(Paragraph(safe(f"{risk.reference} {risk.title}"), head))
        story.append(Paragraph(safe(risk.description), body))
        for label, value in (("Risk Owner:", risk.owner), ("Accountable Officer:", risk.accountable_officer),
                             ("Cabinet Member:", risk.cabinet_member), ("Category:", risk.category)):
            if value:
                story.append(Paragraph(f"<b>{label}</b> {safe(value)}", body))
        for label, value in entry.context:
            story.append(Paragraph(f"<b>{label}</b> {safe(value)}", body))
        story.append(Paragraph(safe(f"Last reviewed {risk.last_reviewed}; next review {risk.next_review}"), body))
        scores = [risk.inherent, risk.residual, risk.target]
        story.append(Table([
            ["Inherent score", "Residual score", "Target score", "Direction of travel"],
            [f"{data.band_of(s).name} {s.value}" if s else "" for s in scores] + [str(entry.direction)],  # type: ignore[union-attr]
            [f"Likelihood {s.likelihood} × Impact {s.impact}" if s else "" for s in scores] + [""],
        ], colWidths=[width / 4] * 4, style=grid))
        story.append(Paragraph("Residual score over the last quarters", body))
        for label, trend_score in entry.trend:
            story.append(Paragraph(safe(f"{label}: {trend_score.value if trend_score else '-'}"), cell))
        story.append(Paragraph("Period comments:", head))
        story.append(Paragraph(safe(entry.comment), body))
        if entry.controls:
            story.append(Paragraph("Controls", head))
            controls: list[list[object]] = [["Control", "Owner", "Effectiveness"]]
            controls += [[Paragraph(safe(c.description), cell), Paragraph(safe(c.owner), cell), c.effectiveness]
                         for c in entry.controls]
            story.append(Table(controls, colWidths=[width * 0.58, width * 0.25, width * 0.17], style=grid,
                               repeatRows=1))
        if entry.actions:
            story.append(Paragraph("Actions", head))
            actions: list[list[object]] = [["Action", "Owner", "Due", "Status", "RAG"]]
            actions += [[Paragraph(safe(a.description), cell), Paragraph(safe(a.owner), cell), short_date(a.due),
                         a.status, a.rag] for a in entry.actions]
            story.append(Table(actions, colWidths=[width * 0.44, width * 0.2, width * 0.14, width * 0.12,
                                                   width * 0.1], style=grid, repeatRows=1))
    doc = SimpleDocTemplate(io.BytesIO(), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            initialFontName=REGULAR)
    doc.build(story)
    return int(doc.page)


def ours(data: ReportData) -> int:
    """Our committee pack, written to memory."""
    return build_report("committee", data, io.BytesIO())


def timed(work: Callable[[], int]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, pages) of one run.

    CPU time is what the ratio is judged on: on a shared machine other work stretches the wall
    clock of whichever build it happens to overlap, while CPU time counts only our own process.
    """
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    pages = work()
    return time.perf_counter() - wall, time.process_time() - cpu, pages


def preview_latency(register: Path, pages_per_risk: float) -> tuple[float, int]:
    """Seconds from Generate to the first preview page rendered, for a pack of about 40 pages."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QSize, QTimer
    from PySide6.QtWidgets import QApplication

    from riskdesk.ui.report_dialog import ReportDialog

    app = QApplication.instance() or QApplication(sys.argv[:1])
    small = OUT / "register-report-40pages.sqlite"
    if not small.exists():
        make_register(small, max(10, round(40 / pages_per_risk)))
    workspace = Workspace.open(small, read_only=True)
    dialog = ReportDialog(workspace)
    dialog.show()
    loop = QEventLoop()
    dialog.preview_ready.connect(lambda _pages: loop.quit())
    loop.exec()  # the dialog's own first preview: warms fonts and imports
    while dialog.is_generating:
        app.processEvents()
    result: dict[str, float] = {}

    def first_page(_pages: int) -> None:
        dialog.document.render(0, QSize(595, 842))
        result["seconds"] = time.perf_counter() - result["start"]
        loop.quit()

    dialog.preview_ready.connect(first_page)
    result["start"] = time.perf_counter()
    dialog.generate()
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()
    pages = dialog.page_count
    dialog.reject()
    workspace.close()
    return result["seconds"], pages


def main() -> None:
    """Run every report measurement and print one line each."""
    OUT.mkdir(exist_ok=True)
    register = OUT / f"register-report-{RISKS}.sqlite"
    if not register.exists():
        make_register(register, RISKS)
    workspace = Workspace.open(register, read_only=True)
    start = time.perf_counter()
    data = prepare_report(workspace, ReportOptions(kind="committee"))
    prepared = time.perf_counter() - start
    workspace.close()
    print(f"prepare the data of {len(data.risks)} risks from the file: {prepared * 1000:.0f} ms")

    # Alternate the two builds so both see the same machine load, and take the median of the
    # paired ratios.
    cpu_ratios, wall_ratios, our_walls, our_cpus, bare_cpus = [], [], [], [], []
    for _ in range(ROUNDS):
        our_wall, our_cpu, pages = timed(lambda: ours(data))
        bare_wall, bare_cpu, bare_pages = timed(lambda: bare_build(data))
        our_walls.append(our_wall)
        our_cpus.append(our_cpu)
        bare_cpus.append(bare_cpu)
        cpu_ratios.append(our_cpu / bare_cpu)
        wall_ratios.append(our_wall / bare_wall)
    ratio = statistics.median(cpu_ratios)
    verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
    print(f"{RISKS}-risk committee pack ({pages} pages; bare build {bare_pages} pages): "
          f"CPU ours {statistics.median(our_cpus):.2f} s, floor {statistics.median(bare_cpus):.2f} s; "
          f"ratio median {ratio:.2f}x, range {min(cpu_ratios):.2f}x to {max(cpu_ratios):.2f}x "
          f"({verdict} target {TARGET_RATIO}x); wall-clock ratio median {statistics.median(wall_ratios):.2f}x")
    print(f"pages per second: {pages / min(our_walls):.1f} (best run), "
          f"{pages / statistics.median(our_walls):.1f} (median)")

    tracemalloc.start()
    ours(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak Python memory during the build: {peak / 1e6:.0f} MB (process peak RSS {rss:.0f} MB)")

    seconds, small_pages = preview_latency(register, pages / len(data.risks))
    print(f"Generate to first preview page, {small_pages}-page pack: {seconds * 1000:.0f} ms")


if __name__ == "__main__":
    main()
