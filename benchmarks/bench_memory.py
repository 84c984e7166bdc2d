"""The committee pack's peak memory, stage by stage, at several register sizes.

    uv run python -m benchmarks.bench_memory                 # 1,000, 5,000 and 10,000 risks
    uv run python -m benchmarks.bench_memory 5000 --kind actions

Each size runs in a fresh process (so one size's peak does not hide the next's) that opens the
register as the command line does, prepares the report data, lays the pack out and writes it to
a file, printing the process's peak RSS (`ru_maxrss`) after each stage: file opened, report data
prepared, laid out (just before the PDF's objects are written) and written. The last figure is
the final peak over the report data's, per page: what grows with the pack's pages. With
--code DIR the child runs the riskdesk package found in DIR (an older version, for comparison).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.generate import make_register

OUT = Path(__file__).resolve().parent / "out"

CHILD = r"""
import json, resource, sys, time
from pathlib import Path

def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

register, kind, target = sys.argv[1], sys.argv[2], sys.argv[3]
stages = {}
from riskdesk.reporting.build import build_report
from riskdesk.reporting import template
from riskdesk.services.report_data import ReportOptions, prepare_report
from riskdesk.services.workspace import Workspace
stages["imports"] = peak()
workspace = Workspace.open(Path(register), read_only=True)
stages["file opened"] = peak()
data = prepare_report(workspace, ReportOptions(kind=kind))
stages["report data"] = peak()
save = template.NumberedCanvas.save
def timed_save(canvas):
    stages["laid out"] = peak()
    save(canvas)
template.NumberedCanvas.save = timed_save
started = time.perf_counter()
pages = build_report(kind, data, target)
seconds = time.perf_counter() - started
stages["written"] = peak()
print(json.dumps({"stages": stages, "pages": pages, "seconds": seconds}))
"""


def measure(size: int, kind: str, code: Path | None = None) -> dict[str, object]:
    """The stages' peak RSS (MB), the page count and the build's seconds for one register size."""
    register = OUT / f"register-{size}.sqlite"
    if not register.exists():
        OUT.mkdir(exist_ok=True)
        make_register(register, size)
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run([sys.executable, "-c", CHILD, str(register), kind, str(Path(folder) / "pack.pdf")],
                              capture_output=True, text=True, check=True, cwd=code)
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    """Print one line per size: each stage's peak RSS, the pages and the peak's growth per page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000, 10000])
    parser.add_argument("--kind", default="committee")
    parser.add_argument("--code", type=Path, help="a folder holding another version's riskdesk package")
    args = parser.parse_args()
    print(f"peak RSS in MB after each stage of a {args.kind} report (this machine: "
          f"{resource.getpagesize()}-byte pages)")
    for size in args.sizes:
        result = measure(size, args.kind, args.code)
        stages = result["stages"]
        assert isinstance(stages, dict)
        pages = int(str(result["pages"]))
        per_page = (stages["written"] - stages["report data"]) * 1024 / pages
        shown = ", ".join(f"{name} {value:.0f}" for name, value in stages.items())
        print(f"{size} risks, {pages} pages in {float(str(result['seconds'])):.1f} s: {shown}; "
              f"{per_page:.1f} KB a page over the report data's peak")


if __name__ == "__main__":
    main()
