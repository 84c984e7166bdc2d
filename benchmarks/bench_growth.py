"""Growth: every command at 1,000 and at 10,000 risks, run as the user runs it, one at a time.

    uv run python -m benchmarks.bench_growth                     # everything (about 15 minutes)
    uv run python -m benchmarks.bench_growth report-actions merge # only the commands named
    uv run python -m benchmarks.bench_growth --repeat 3 --timeout 900

Each command is a fresh process (`riskdesk ...`, or the window's start-up script from
`bench_ui`) under `/usr/bin/time -v`, so the figures are what a user waits for, start-up
included, and the peak RSS is the whole process's. The registers come from
`benchmarks/generate.py` and are cached in `benchmarks/out/`; the merge copies from
`bench_merge` (a tenth of the risks changed in each copy); import reads the CSV that the
export command wrote into an empty register. Growth is the 10,000-risk time over the
1,000-risk time, for ten times the work: the target is at most 12x. Start-up (Python,
imports, opening the file) is most of a 1,000-risk run and flatters that ratio, so the net
growth is given too: both times less the same command's time at 30 risks. A command that
does not finish within the timeout is reported as such. With --repeat the best time is kept
(the machine is shared).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.bench_merge import copies
from benchmarks.bench_ui import OURS as WINDOW_SCRIPT
from benchmarks.generate import make_register

OUT = Path(__file__).resolve().parent / "out"
SIZES = (30, 1000, 10000)  # 30 risks: the start-up and fixed cost, taken off for the net growth
TARGET_GROWTH = 12.0
RISKDESK = [sys.executable, "-m", "riskdesk.cli"]


@dataclass
class Run:
    """One command's result at one size: seconds (None if timed out), peak RSS in MB and a note."""

    seconds: float | None
    peak_mb: float
    note: str = ""


def _timed(argv: list[str], timeout: float, clock: Callable[[str], float] | None = None) -> Run:
    """Run argv under /usr/bin/time -v; the wall time, or clock(stdout) when the child times itself."""
    started = time.perf_counter()
    try:
        done = subprocess.run(["/usr/bin/time", "-v", *argv], capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    except subprocess.TimeoutExpired:
        return Run(None, 0.0, f"over {timeout:.0f} s")
    seconds = time.perf_counter() - started
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    peak_mb = int(peak.group(1)) / 1024 if peak else 0.0
    last = (done.stdout.strip().splitlines() or [""])[-1]
    if done.returncode not in (0, 1):
        return Run(None, peak_mb, f"failed: {done.stderr.strip().splitlines()[0][:80]}")
    if clock is not None:
        seconds = clock(done.stdout) - started
    return Run(seconds, peak_mb, last[:70])


def _register(size: int) -> Path:
    """The cached register of size risks, made again when the file format has moved on since."""
    from riskdesk.storage.opening import inspect_file
    from riskdesk.storage.schema import SCHEMA_VERSION

    path = OUT / f"register-{size}.sqlite"
    if not path.exists() or inspect_file(path) != SCHEMA_VERSION:
        make_register(path, size)
    return path


def _empty_register(path: Path) -> Path:
    from riskdesk.services.workspace import Workspace

    path.unlink(missing_ok=True)
    Workspace.create(path, "5x5", "Benchmark Council", user="Importer").close()
    return path


def commands(scratch: Path) -> dict[str, Callable[[int, float], Run]]:
    """Every command measured, by name: each takes the register size and a timeout."""

    def report(kind: str) -> Callable[[int, float], Run]:
        return lambda size, timeout: _timed(
            [*RISKDESK, "report", str(_register(size)), "--type", kind, "-o", str(scratch / f"{kind}.pdf")], timeout)

    def export(suffix: str) -> Callable[[int, float], Run]:
        return lambda size, timeout: _timed(
            [*RISKDESK, "export", str(_register(size)), "-o", str(OUT / f"growth-{size}{suffix}")], timeout)

    def importing(size: int, timeout: float) -> Run:
        source = OUT / f"growth-{size}.csv"
        if not source.exists():
            export(".csv")(size, timeout)
        target = _empty_register(scratch / "import-target.sqlite")
        return _timed([*RISKDESK, "import", str(source), "--into", str(target)], timeout)

    def merge(size: int, timeout: float) -> Run:
        ours, theirs = copies(size)
        target = scratch / "merge-target.sqlite"
        shutil.copyfile(ours, target)
        return _timed([*RISKDESK, "merge", str(target), str(theirs)], timeout)

    def check(size: int, timeout: float) -> Run:
        return _timed([*RISKDESK, "check", str(_register(size))], timeout)

    def window(size: int, timeout: float) -> Run:
        # A copy, so the window's presence note and settings stay out of the cached register.
        target = scratch / "window.sqlite"
        shutil.copyfile(_register(size), target)
        return _timed([sys.executable, "-c", WINDOW_SCRIPT, str(target), str(scratch / "settings")], timeout,
                      clock=lambda out: float(out.strip().splitlines()[-1]))

    return {
        "report-committee": report("committee"), "report-profile": report("profile"),
        "report-matrix": report("matrix"), "report-actions": report("actions"),
        "export-json": export(".json"), "export-csv": export(".csv"), "export-xlsx": export(".xlsx"),
        "import-csv": importing, "merge": merge, "check": check, "window": window,
    }


def _shown(run: Run) -> str:
    return run.note if run.seconds is None else f"{run.seconds:.2f} s, {run.peak_mb:.0f} MB"


def main() -> None:
    """Run the commands named (default all) at each size and print one line each, with the growth."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="commands to run (default: all)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each, best kept")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds before a run is given up")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        table = commands(Path(folder))
        for name in args.names or list(table):
            runs: list[Run] = []
            for size in SIZES:
                tries = [table[name](size, args.timeout) for _ in range(args.repeat)]
                finished = [t for t in tries if t.seconds is not None]
                runs.append(min(finished, key=lambda t: t.seconds or 0.0) if finished else tries[0])
            base, small, large = runs
            if small.seconds and large.seconds:
                growth = large.seconds / small.seconds
                verdict = f"growth {growth:.1f}x ({'meets' if growth <= TARGET_GROWTH else 'MISSES'} "
                verdict += f"target {TARGET_GROWTH:.0f}x)"
                if base.seconds is not None and small.seconds > base.seconds:
                    net = (large.seconds - base.seconds) / (small.seconds - base.seconds)
                    verdict += f", net of the 30-risk run {net:.1f}x"
            else:
                verdict = "growth unknown"
            print(f"{name}: 30 risks {_shown(base)}; 1,000 risks {_shown(small)}; 10,000 risks {_shown(large)}; "
                  f"{verdict}  [{large.note}]", flush=True)


if __name__ == "__main__":
    main()
