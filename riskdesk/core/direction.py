"""Direction of travel: a risk's residual score against the previous period."""

from __future__ import annotations

from enum import StrEnum

from riskdesk.core.model import Score


class Direction(StrEnum):
    """How a residual score moved since the previous period."""

    NEW = "New"
    IMPROVED = "Improved"
    NO_CHANGE = "No change"
    WORSE = "Worse"


def direction_of_travel(previous: Score | None, current: Score | None) -> Direction:
    """Lower score = Improved, equal = No change, higher = Worse, no previous = New."""
    if previous is None or current is None:
        return Direction.NEW
    if current.value < previous.value:
        return Direction.IMPROVED
    if current.value > previous.value:
        return Direction.WORSE
    return Direction.NO_CHANGE


# The glyph drawn for each direction, per arrow style a file may choose.
# "arrows" follows the seeds (an arrow pointing right for no change); councils
# that read "up" as "worse" pick "triangles".
ARROW_GLYPHS: dict[str, dict[Direction, str]] = {
    "arrows": {
        Direction.NEW: "★",
        Direction.IMPROVED: "⇩",
        Direction.NO_CHANGE: "⇨",
        Direction.WORSE: "⇧",
    },
    "triangles": {
        Direction.NEW: "●",
        Direction.IMPROVED: "▼",
        Direction.NO_CHANGE: "◆",
        Direction.WORSE: "▲",
    },
}


def arrow_for(direction: Direction, style: str = "arrows") -> str:
    """The glyph for a direction in the given arrow style."""
    return ARROW_GLYPHS.get(style, ARROW_GLYPHS["arrows"])[direction]
