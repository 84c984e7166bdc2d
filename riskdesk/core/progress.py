"""How far long work has got, and whether to stop: plain callbacks, so services stay free of Qt.

A service given `progress(done, total, sentence)` and `cancelled()` makes a `Steps` from them;
`Steps.tick` is cheap enough to call on every row, since it reports (and looks at Cancel) only
every few hundred. Without either callback (the command line) it does nothing at all.
"""

from __future__ import annotations

from collections.abc import Callable

Report = Callable[[int, int, str], None]
Asked = Callable[[], bool]

EVERY = 500  # rows between reports: often enough for the bar, rare enough to cost nothing


class Stopped(Exception):
    """The user asked to stop; raised inside a write transaction it rolls the write back."""


class Steps:
    """Reports progress and raises Stopped when asked to stop; both optional."""

    def __init__(self, progress: Report | None = None, cancelled: Asked | None = None, every: int = EVERY) -> None:
        self.progress, self.cancelled, self.every = progress, cancelled, every
        self.active = progress is not None or cancelled is not None

    def check(self) -> None:
        """Raise Stopped when the user asked to stop."""
        if self.cancelled is not None and self.cancelled():
            raise Stopped

    def say(self, done: int, total: int, sentence: str) -> None:
        """Report now (a new stage), after looking at Cancel."""
        self.check()
        if self.progress is not None:
            self.progress(done, total, sentence)

    def tick(self, done: int, total: int, sentence: Callable[[int, int], str]) -> None:
        """Report every `every` steps and at the last; sentence(done, total) is built only then."""
        if self.active and (done % self.every == 0 or done == total):
            self.say(done, total, sentence(done, total))


QUIET = Steps()  # the default: no reports, never stopped
