"""Entry point for both packaged programs: the same main() as the riskdesk command.

A windowed Windows program has no console, so Python gives it no standard output. Started from
a Command Prompt, riskdesk.exe borrows that prompt's console so a command's words still show;
otherwise what would be printed goes nowhere (riskdesk-cli is the program for commands).
"""

import os
import sys


def _borrow_a_console() -> None:
    if sys.stdout is not None and sys.stderr is not None:
        return
    if sys.platform == "win32":
        import ctypes

        if ctypes.windll.kernel32.AttachConsole(-1):  # the parent's console: a Command Prompt
            sys.stdout = sys.stdout or open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115
            sys.stderr = sys.stderr or open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115
            return
    nowhere = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - open for the program's life
    sys.stdout = sys.stdout or nowhere
    sys.stderr = sys.stderr or nowhere


_borrow_a_console()

from riskdesk.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
