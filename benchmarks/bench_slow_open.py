"""Opening a large register on a slow shared drive: first paint, and editing allowed after the check.

    uv run python -m benchmarks.bench_slow_open                 # 10,000 risks at 10 MB/s
    uv run python -m benchmarks.bench_slow_open 10000 5e6 1e-3  # size, bytes a second, seconds a read

The slow drive is `benchmarks/slow_read.c`, built here with gcc and loaded with LD_PRELOAD
into the window's process only: every read from a `.sqlite` file waits as if it came over a
network share at the given rate (plus a latency per read, default none). The operating
system's cache does not help, as it would not on a share that another machine writes to.
The window's start-up script is `bench_ui`'s (process start to the first paint of the risk
table); a second script also waits until the window allows editing (the integrity check
passed). Three runs of each, the best kept.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.bench_ui import OURS as PAINT_SCRIPT
from benchmarks.generate import make_register

OUT = Path(__file__).resolve().parent / "out"
SHIM_SOURCE = Path(__file__).resolve().parent / "slow_read.c"
SHIM = OUT / "slow_read.so"
RUNS = 3

# Like bench_ui's start-up script, but the clock stops when the window allows editing.
EDITABLE_SCRIPT = """
import sys, time
from PySide6.QtCore import QSettings, QTimer
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[2])
from riskdesk.ui.app import application, create_main_window
app = application()
window = create_main_window(sys.argv[1])
window.resize(1400, 900)
window.show()
def poll():
    if window.document is not None and not window.read_only and window.integrity_check is None:
        print(time.perf_counter())
        app.quit()
    else:
        QTimer.singleShot(20, poll)
poll()
app.exec()
"""


def build_shim() -> Path:
    """Compile the slow-read library once."""
    if not SHIM.exists() or SHIM.stat().st_mtime < SHIM_SOURCE.stat().st_mtime:
        OUT.mkdir(exist_ok=True)
        subprocess.run(["gcc", "-shared", "-fPIC", "-O2", "-o", str(SHIM), str(SHIM_SOURCE), "-ldl"], check=True)
    return SHIM


def seconds_to(script: str, register: Path, rate: str, latency: str) -> float:
    """Seconds from starting the window's process on the slow drive to what script waits for."""
    target = OUT / "slow-open.sqlite"
    shutil.copyfile(register, target)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LD_PRELOAD": str(build_shim()),
           "SLOW_RATE": rate, "SLOW_LATENCY": latency}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, str(target), str(OUT / "slow-open-settings")],
                          capture_output=True, text=True, env=env, check=True, timeout=600)
    return float(done.stdout.strip().splitlines()[-1]) - started


def main() -> None:
    """Print the first paint and the editable time on the slow drive."""
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    rate = sys.argv[2] if len(sys.argv) > 2 else "10e6"
    latency = sys.argv[3] if len(sys.argv) > 3 else "0"
    register = OUT / f"register-{size}.sqlite"
    if not register.exists():
        make_register(register, size)
    megabytes = register.stat().st_size / 1e6
    paint = min(seconds_to(PAINT_SCRIPT, register, rate, latency) for _ in range(RUNS))
    editable = min(seconds_to(EDITABLE_SCRIPT, register, rate, latency) for _ in range(RUNS))
    print(f"{size} risks ({megabytes:.0f} MB) read at {float(rate) / 1e6:g} MB/s, {float(latency) * 1000:g} ms a read: "
          f"first paint {paint:.1f} s; editing allowed {editable:.1f} s")


if __name__ == "__main__":
    main()
