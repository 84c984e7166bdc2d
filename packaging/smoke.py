"""Try a built riskdesk as a new user first would: the commands, then the window for a while.

    python packaging/smoke.py PROGRAM_FOLDER [--window-seconds 10]

PROGRAM_FOLDER holds riskdesk and riskdesk-cli (.exe on Windows; on macOS, riskdesk.app's
Contents/MacOS). Each step prints one line; the exit status is 0 only when every step passed.
Settings and files go to a scratch folder, never the user's own. Standard library only, so it
runs with any Python beside the build.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

Check = Callable[[subprocess.CompletedProcess[str], float], str | None]  # None when fine, else the problem


@dataclass
class Step:
    """One thing to try: a command line, and what must be true afterwards."""

    name: str
    argv: list[str]
    check: Check
    env: dict[str, str] = field(default_factory=dict)
    timeout: float = 180


def program(folder: Path, name: str) -> list[str]:
    """The command line that starts one of the built programs."""
    suffix = ".exe" if sys.platform == "win32" else ""
    return [str(folder / f"{name}{suffix}")]


def scratch_env(home: Path) -> dict[str, str]:
    """Settings, logs and the demo folder kept in the scratch folder."""
    return {"HOME": str(home), "USERPROFILE": str(home), "APPDATA": str(home / "AppData" / "Roaming"),
            "LOCALAPPDATA": str(home / "AppData" / "Local"), "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"), "XDG_STATE_HOME": str(home / ".local" / "state"),
            "RISKDESK_USER": "Smoke Test"}


def _exit_zero(done: subprocess.CompletedProcess[str], _seconds: float) -> str | None:
    return None if done.returncode == 0 else f"exit status {done.returncode}: {(done.stderr or done.stdout)[-500:]}"


def _all(*checks: Check) -> Check:
    def run(done: subprocess.CompletedProcess[str], seconds: float) -> str | None:
        return next((problem for check in checks if (problem := check(done, seconds))), None)
    return run


def steps(cli: list[str], window: list[str], work: Path, window_seconds: float) -> list[Step]:
    """The smoke test's steps, in order, for these two programs (each given as a command line)."""
    demo, pdf = work / "demo.sqlite", work / "pack.pdf"

    def prints_version(done: subprocess.CompletedProcess[str], _s: float) -> str | None:
        return None if "riskdesk " in done.stdout + done.stderr else f"no version printed: {done.stdout!r}"

    def made(path: Path, start: bytes) -> Check:
        def check(_done: subprocess.CompletedProcess[str], _s: float) -> str | None:
            ok = path.is_file() and path.read_bytes()[:len(start)] == start
            return None if ok else f"{path.name} was not written"
        return check

    def stayed_open(_done: subprocess.CompletedProcess[str], seconds: float) -> str | None:
        return None if seconds >= window_seconds * 0.9 else f"the window closed after {seconds:.1f} s"

    def nothing_logged(_done: subprocess.CompletedProcess[str], _s: float) -> str | None:
        # An unforeseen error in the window is logged and shown, and the window carries on:
        # only the log (in the scratch home's log folder) tells.
        logs = [path for path in work.rglob("riskdesk.log*") if path.stat().st_size]
        return None if not logs else f"an unexpected problem was logged: {logs[0].read_text()[-500:]}"

    return [
        Step("--version", [*cli, "--version"], _all(_exit_zero, prints_version)),
        Step("demo", [*cli, "demo", str(demo)], _all(_exit_zero, made(demo, b"SQLite format 3"))),
        Step("check", [*cli, "check", str(demo)], _exit_zero),
        Step("report", [*cli, "report", str(demo), "-o", str(pdf)], _all(_exit_zero, made(pdf, b"%PDF"))),
        Step("window", [*window, str(demo)], _all(_exit_zero, stayed_open, nothing_logged),
             {"QT_QPA_PLATFORM": "offscreen", "RISKDESK_QUIT_AFTER": str(window_seconds)},
             timeout=window_seconds + 120),
    ]


def run_steps(chosen: list[Step], home: Path, report: Callable[[str], None] = print) -> bool:
    """Run each step in turn; True when all passed. One line per step."""
    passed = True
    for step in chosen:
        env = {**os.environ, **scratch_env(home), **step.env}
        started = time.monotonic()
        try:
            done = subprocess.run(step.argv, env=env, capture_output=True, text=True, timeout=step.timeout)
            problem = step.check(done, time.monotonic() - started)
        except (OSError, subprocess.TimeoutExpired) as error:
            problem = str(error)
        took = time.monotonic() - started
        report(f"{step.name:10} {'ok' if problem is None else 'FAILED: ' + problem} ({took:.1f} s)")
        passed = passed and problem is None
    return passed


def main() -> int:
    """Smoke-test the programs in the folder given."""
    parser = argparse.ArgumentParser(description="Smoke-test a built riskdesk.")
    parser.add_argument("folder", type=Path, help="the folder holding riskdesk and riskdesk-cli")
    parser.add_argument("--window-seconds", type=float, default=10.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        chosen = steps(program(args.folder, "riskdesk-cli"), program(args.folder, "riskdesk"), work,
                       args.window_seconds)
        ok = run_steps(chosen, work)
    print("smoke test passed" if ok else "smoke test FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
