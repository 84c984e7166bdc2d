"""Direction of travel: a risk's residual score against the previous period."""

from __future__ import annotations

from enum import StrEnum

from riskdesk.core.model import Score
from riskdesk.core.scheme import ScoringScheme


class Direction(StrEnum):
    """How a residual score moved since the previous period."""

    NEW = "New"
    IMPROVED = "Improved"
    NO_CHANGE = "No change"
    WORSE = "Worse"


def direction_of_travel(previous: Score | None, current: Score | None,
                        scheme: ScoringScheme | None = None) -> Direction:
    """Lower score = Improved, equal = No change, higher = Worse, no previous = New.

    With a scheme, scores are what its (perhaps weighted) levels make; a score outside
    the scheme falls back to likelihood x impact rather than failing a report.
    """
    if previous is None or current is None:
        return Direction.NEW
    before, now = _value(previous, scheme), _value(current, scheme)
    if now < before:
        return Direction.IMPROVED
    if now > before:
        return Direction.WORSE
    return Direction.NO_CHANGE


def _value(score: Score, scheme: ScoringScheme | None) -> int:
    if scheme is None:
        return score.value
    try:
        return scheme.value_of(score)
    except KeyError:
        return score.value


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
