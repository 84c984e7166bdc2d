"""The committee pack of a register with risks whose texts are at riskdesk's limits.

The first N risks of the 5x5 demo (default 1) get a 300-character title and a description,
period comment, control, action and progress text each at the limit for other texts
(validation.MAX_TEXT), written through the service as a user would; then the committee pack
(PDF and Word) is built and timed against the same pack of the untouched demo.
Run: uv run python -m benchmarks.bench_text_limits [N]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from riskdesk.core.validation import MAX_TEXT, MAX_TITLE
from riskdesk.services.demo import write_demo
from riskdesk.services.reports import ReportOptions, write_report
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import ACTION, CONTROL, RISK

WORDS = "the service keeps a close watch on demand and cost while recruitment continues "


def long_text(length: int) -> str:
    """Ordinary words, as a pasted report would hold, to exactly this length."""
    return (WORDS * (length // len(WORDS) + 1))[:length]


def fill_to_the_limits(path: Path, count: int) -> int:
    """Write every text of the first count risks at its limit; returns how many risks."""
    workspace = Workspace.open(path)
    try:
        risks = sorted(workspace.store.all(RISK), key=lambda r: r.reference)[:count]
        chosen = {risk.id for risk in risks}
        for risk in risks:
            workspace.update_risk(risk.id, risk.version, "Benchmark", title=long_text(MAX_TITLE),
                                  description=long_text(MAX_TEXT), period_comment=long_text(MAX_TEXT))
        for control in [c for c in workspace.store.all(CONTROL) if c.risk_id in chosen]:
            workspace.update_control(control.id, control.version, "Benchmark", description=long_text(MAX_TEXT))
        for action in [a for a in workspace.store.all(ACTION) if a.risk_id in chosen]:
            workspace.update_action(action.id, action.version, "Benchmark", description=long_text(MAX_TEXT),
                                    progress=long_text(MAX_TEXT))
        return len(risks)
    finally:
        workspace.close()


def time_pack(path: Path, target: Path) -> float:
    """Seconds to write the committee pack of the demo's open period to target."""
    workspace = Workspace.open(path)
    try:
        started = time.perf_counter()
        # The demo's open period holds the texts just written.
        write_report(workspace, ReportOptions(kind="committee", period="Q1 2024/25"), target)
        return time.perf_counter() - started
    finally:
        workspace.close()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    folder = Path(tempfile.mkdtemp(prefix="riskdesk-limits-"))
    try:
        plain, limits = folder / "plain.sqlite", folder / "limits.sqlite"
        write_demo(plain, "5x5")
        shutil.copyfile(plain, limits)
        filled = fill_to_the_limits(limits, count)
        for suffix in ("pdf", "docx"):
            base = time_pack(plain, folder / f"plain.{suffix}")
            target = folder / f"limits.{suffix}"
            took = time_pack(limits, target)
            print(f"committee pack .{suffix}: demo {base:.1f} s; with {filled} risk(s) at the limits "
                  f"(title {MAX_TITLE}, other texts {MAX_TEXT:,} characters) {took:.1f} s, "
                  f"{target.stat().st_size / 1e6:.1f} MB")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
