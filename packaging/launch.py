"""Entry point for both packaged programs: the same main() as the riskdesk command.

A windowed Windows program has no console, so Python gives it no standard output; anything
printed would fail, so it goes nowhere instead (riskdesk-cli is the program for commands).
"""

import os
import sys

if sys.stdout is None or sys.stderr is None:  # a windowed program on Windows or macOS
    _nowhere = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - open for the program's life
    sys.stdout = sys.stdout or _nowhere
    sys.stderr = sys.stderr or _nowhere

from riskdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
