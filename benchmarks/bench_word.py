"""Word performance: the 500-risk committee pack as .docx against python-docx writing the same text bare.

    uv run python -m benchmarks.bench_word

The floor is python-docx alone writing every heading, paragraph and table cell our document holds,
in the default styles: no band shading, no repeated header rows, no images, no header or footer
fields. Three rounds, the two alternating; the ratio is the median of the paired CPU-time ratios.
"""

from __future__ import annotations

import gc
import io
import statistics
import time
from collections.abc import Callable

from docx import Document

from benchmarks.bench_report import OUT, RISKS
from benchmarks.generate import make_register
from riskdesk.reporting.data import ReportData
from riskdesk.reporting.text import long_date, short_date
from riskdesk.reporting.trend import trend_words
from riskdesk.reporting.word_reports import build_word
from riskdesk.services.report_data import ReportOptions, prepare_report
from riskdesk.services.workspace import Workspace

ROUNDS = 3


def bare_word(data: ReportData) -> int:
    """python-docx alone: the same words in headings, paragraphs and plain tables; returns risks written."""
    doc = Document()
    doc.add_heading(data.meta.title, 0)
    doc.add_paragraph(data.meta.period)
    doc.add_heading("Summary overview", 1)
    summary = doc.add_table(rows=1, cols=5)
    for cell, text in zip(summary.rows[0].cells, ["Ref", "Risk Owner", "Risks (short title)", "Residual risk score",
                                                  "Direction of travel"], strict=True):
        cell.text = text
    for entry in data.risks:
        risk = entry.risk
        score = f"{data.band_of(risk.residual).name} {risk.residual.value}" if risk.residual else ""  # type: ignore[union-attr]
        for cell, text in zip(summary.add_row().cells, [risk.reference, risk.owner, risk.title, score,
                                                        f"{entry.direction}\n{trend_words(entry)}"], strict=True):
            cell.text = text
    for entry in data.risks:
        risk = entry.risk
        doc.add_heading(f"{risk.reference} {risk.title}", 2)
        doc.add_paragraph(risk.description)
        for label, value in (("Risk Owner:", risk.owner), ("Accountable Officer:", risk.accountable_officer),
                             ("Cabinet Member:", risk.cabinet_member), ("Category:", risk.category),
                             *entry.context):
            if value:
                doc.add_paragraph(f"{label} {value}")
        doc.add_paragraph(f"Last reviewed {long_date(risk.last_reviewed)}; Next review {long_date(risk.next_review)}")
        scores = doc.add_table(rows=3, cols=4)
        for column, (name, held) in enumerate((("Inherent score", risk.inherent), ("Residual score", risk.residual),
                                               ("Target score", risk.target))):
            scores.rows[0].cells[column].text = name
            if held is not None:
                scores.rows[1].cells[column].text = f"{data.band_of(held).name} {held.value}"  # type: ignore[union-attr]
                scores.rows[2].cells[column].text = f"Likelihood {held.likelihood} × Impact {held.impact}"
        doc.add_paragraph("; ".join(f"{label}: {s.value if s else '-'}" for label, s in entry.trend))
        doc.add_heading("Period comments:", 3)
        doc.add_paragraph(entry.comment)
        if entry.controls:
            doc.add_heading("Controls", 3)
            table = doc.add_table(rows=1, cols=3)
            for control in entry.controls:
                for cell, text in zip(table.add_row().cells, [control.description, control.owner,
                                                              control.effectiveness], strict=True):
                    cell.text = text
        if entry.actions:
            doc.add_heading("Actions", 3)
            table = doc.add_table(rows=1, cols=5)
            for action in entry.actions:
                for cell, text in zip(table.add_row().cells, [f"{action.description}\nProgress: {action.progress}",
                                                              action.owner, short_date(action.due), action.status,
                                                              action.rag], strict=True):
                    cell.text = text
    doc.save(io.BytesIO())
    return len(data.risks)


def timed(work: Callable[[], int]) -> float:
    """CPU seconds of one run."""
    gc.collect()
    start = time.process_time()
    work()
    return time.process_time() - start


def main() -> None:
    """Time ours against the floor and print one line."""
    OUT.mkdir(exist_ok=True)
    register = OUT / f"register-report-{RISKS}.sqlite"
    if not register.exists():
        make_register(register, RISKS)
    workspace = Workspace.open(register, read_only=True)
    data = prepare_report(workspace, ReportOptions(kind="committee"))
    workspace.close()
    ratios, ours_cpu, bare_cpu = [], [], []
    for _ in range(ROUNDS):
        mine = timed(lambda: build_word("committee", data, io.BytesIO()))
        floor = timed(lambda: bare_word(data))
        ours_cpu.append(mine)
        bare_cpu.append(floor)
        ratios.append(mine / floor)
    print(f"{len(data.risks)}-risk committee pack as .docx: CPU ours {statistics.median(ours_cpu):.2f} s, "
          f"python-docx bare {statistics.median(bare_cpu):.2f} s; ratio median {statistics.median(ratios):.2f}x, "
          f"range {min(ratios):.2f}x to {max(ratios):.2f}x")


if __name__ == "__main__":
    main()
