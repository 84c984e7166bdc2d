"""Pages a second of each report kind against the committee pack's, on one register.

    uv run python -m benchmarks.bench_pages                      # 1,000 risks, actions vs committee
    uv run python -m benchmarks.bench_pages 10000 actions profile

The report data are prepared once; each report is built into memory (CPU time, which other
work on a shared machine disturbs less than the wall clock), best of two builds. The target
for every kind is at least the committee pack's pages a second divided by 1.5.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

from benchmarks.generate import make_register
from riskdesk.reporting.build import build_report
from riskdesk.services.report_data import ReportOptions, prepare_report
from riskdesk.services.workspace import Workspace

OUT = Path(__file__).resolve().parent / "out"
TARGET = 1.5
BUILDS = 2


def pages_per_second(workspace: Workspace, kind: str) -> tuple[int, float]:
    """(pages, best CPU seconds) of building one kind of report."""
    data = prepare_report(workspace, ReportOptions(kind=kind))
    best, pages = float("inf"), 0
    for _ in range(BUILDS):
        start = time.process_time()
        pages = build_report(kind, data, io.BytesIO())
        best = min(best, time.process_time() - start)
    return pages, best


def main() -> None:
    """Print each kind's pages a second and its ratio to the committee pack's."""
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    kinds = sys.argv[2:] or ["actions"]
    register = OUT / f"register-{size}.sqlite"
    if not register.exists():
        OUT.mkdir(exist_ok=True)
        make_register(register, size)
    workspace = Workspace.open(register, read_only=True)
    pages, seconds = pages_per_second(workspace, "committee")
    committee = pages / seconds
    print(f"committee, {size} risks: {pages} pages in {seconds:.2f} s CPU, {committee:.0f} pages/s")
    for kind in kinds:
        pages, seconds = pages_per_second(workspace, kind)
        rate = pages / seconds
        ratio = committee / rate
        print(f"{kind}, {size} risks: {pages} pages in {seconds:.2f} s CPU, {rate:.0f} pages/s; committee's "
              f"rate is {ratio:.2f}x it ({'meets' if ratio <= TARGET else 'MISSES'} target {TARGET}x)")
    workspace.close()


if __name__ == "__main__":
    main()
