"""Cell values as councils write them, read as riskdesk's: levels, treatments, dates, lists of items."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from riskdesk.core.dates import read_date
from riskdesk.core.model import ActionStatus, Effectiveness, Rag, RiskStatus, Treatment
from riskdesk.core.scheme import Level
from riskdesk.core.validation import MAX_TITLE, ValidationError

# Common words for levels, placed on a five-step scale and moved onto the scheme's own.
LIKELIHOOD_WORDS = {"rare": 1, "very unlikely": 1, "remote": 1, "unlikely": 2, "possible": 3, "likely": 4,
                    "probable": 4, "very likely": 5, "almost certain": 5, "certain": 5}
IMPACT_WORDS = {"negligible": 1, "insignificant": 1, "minor": 2, "moderate": 3, "serious": 3, "significant": 3,
                "major": 4, "critical": 5, "catastrophic": 5, "severe": 5, "extreme": 5}
GENERIC_WORDS = {"very low": 1, "low": 1, "l": 1, "medium": 3, "med": 3, "m": 3, "moderate": 3, "high": 5, "h": 5,
                 "very high": 5}
TREATMENT_WORDS = {
    "treat": Treatment.TREAT, "mitigate": Treatment.TREAT, "reduce": Treatment.TREAT, "control": Treatment.TREAT,
    "tolerate": Treatment.TOLERATE, "accept": Treatment.TOLERATE, "retain": Treatment.TOLERATE,
    "transfer": Treatment.TRANSFER, "share": Treatment.TRANSFER, "insure": Treatment.TRANSFER,
    "terminate": Treatment.TERMINATE, "avoid": Treatment.TERMINATE, "eliminate": Treatment.TERMINATE,
}
STATUS_WORDS = {"open": RiskStatus.OPEN, "live": RiskStatus.OPEN, "active": RiskStatus.OPEN,
                "closed": RiskStatus.CLOSED, "escalated": RiskStatus.ESCALATED}
ACTION_STATUS_WORDS = {s.value: s for s in ActionStatus} | {"not started": ActionStatus.NOT_STARTED,
                                                           "ongoing": ActionStatus.IN_PROGRESS,
                                                           "completed": ActionStatus.COMPLETE,
                                                           "done": ActionStatus.COMPLETE}
RAG_WORDS = {r.value: r for r in Rag} | {"r": Rag.RED, "a": Rag.AMBER, "g": Rag.GREEN}
EFFECTIVENESS_WORDS = {e.value: e for e in Effectiveness} | {"partial": Effectiveness.PARTIAL}
_BULLET = re.compile(r"^\s*(?:[•·◦▪●○■□➢►\-*–—]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
EXCEL_EPOCH = date(1899, 12, 30)
_SPLITS = re.compile(r"[\n\r;\u2028•·▪●]")
# Compiled once: an import splits two cells a row, tens of thousands of times.
_NEWLINES = re.compile(r"\r\n|\r|\u2028")
_PARAGRAPH = re.compile(r"\n\s*\n")
_INLINE = re.compile(r"\s*;\s+|\s+[•·▪●]\s+")
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


class ValueProblem(ValueError):
    """A cell that cannot be read; the message is a plain sentence without row or column."""


def plain(value: Any) -> str:
    """A cell as text: whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    return str(value)


def as_number(value: Any) -> float | None:
    """A cell as a number, or None when it holds words."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value)
    return _short_text_number(text) if len(text) <= 40 else _text_number(text)


@lru_cache(maxsize=1024)
def _short_text_number(text: str) -> float | None:
    # Cached: a column of words ("Likely") asks for each a few times a row, and a failed
    # float() costs an exception each time; the same few words come back row after row.
    # Only short texts, so the cache never keeps a description alive.
    return _text_number(text)


def _text_number(text: str) -> float | None:
    try:
        return float(text.strip().rstrip("%"))
    except ValueError:
        return None


def looks_like_levels(values: list[Any]) -> bool:
    """True when most values are numbers or short level words (not sentences)."""
    if not values:
        return True
    readable = sum(1 for v in values if as_number(v) is not None or (isinstance(v, str) and len(v.split()) <= 3))
    return readable >= 0.8 * len(values)


def steps_of(values: list[float], top: int) -> int | None:
    """The fewest steps k x top/n that every value is one of (York's 6 levels stored out of 10)."""
    for steps in range(2, top + 1):
        if all(abs(v * steps / top - round(v * steps / top)) < 0.01 for v in values):
            return steps
    return None


def word_level(text: str, levels: tuple[Level, ...], common: dict[str, int], own: dict[str, int]) -> int | None:
    """A level from a word: the mapping's own words, then the scheme's labels, then common words."""
    key = " ".join(text.lower().split())
    for word, number in own.items():
        if word.lower() == key:
            return number
    for level in levels:
        if level.label.lower() == key:
            return level.number
    top = len(levels)
    for table in (common, GENERIC_WORDS):
        if key in table:
            return max(1, math.ceil(table[key] * top / 5 - 1e-9))
    return None


def number_level(number: float, top: int, scale: int | None, steps: int | None) -> int:
    """A level from a number, rescaled from the source's scale onto the scheme's."""
    if steps and scale:
        k = number * steps / scale
        if abs(k - round(k)) > 0.01:
            raise ValueProblem(f"must be one of the {steps} steps of the 1-{scale} scale; got {plain(number)!r}")
        level = round(k)
        if level > top:
            level = max(1, math.ceil(level * top / steps - 1e-9))
    elif scale and scale != top:
        level = max(1, math.ceil(number * top / scale - 1e-9)) if number > 0 else 0
    else:
        if not number.is_integer() or not 1 <= number <= top:
            raise ValueProblem(f"must be a whole number 1 to {top}; got {plain(number)!r}")
        level = int(number)
    if not 1 <= level <= top:
        raise ValueProblem(f"must be 1 to {scale or top}; got {plain(number)!r}")
    return level


def read_level(value: Any, levels: tuple[Level, ...], common: dict[str, int], scale: int | None,
               steps: int | None, own: dict[str, int]) -> int | None:
    """One likelihood or impact cell as a level number of the scheme (None when empty)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = as_number(value)
    if number is not None:
        return number_level(number, len(levels), scale, steps)
    level = word_level(str(value), levels, common, own)
    if level is None:
        known = ", ".join(level.label for level in levels)
        raise ValueProblem(f"holds {str(value).strip()!r}, which is not a level riskdesk knows (the scheme's are "
                           f"{known}); say which level it is on the mapping page or in the mapping file")
    return level


def read_choice(value: Any, words: dict[str, Any], caption: str) -> Any:
    """An enumerated value (treatment, status, RAG) from a word, or ValueProblem naming the choices."""
    key = " ".join(plain(value).lower().split())
    if key in words:
        return words[key]
    choices = sorted({getattr(v, "value", str(v)) for v in words.values()})
    raise ValueProblem(f"{caption} must be one of {', '.join(choices)}; got {plain(value).strip()!r}")


def read_day(value: Any, caption: str) -> date | None:
    """A date from a real Excel date, an Excel day number, or text typed the UK way."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 200_000:
        return EXCEL_EPOCH + timedelta(days=int(value))
    uk = _UK_DATE.fullmatch(str(value).strip())
    if uk:  # the common 31/03/2025 without strptime's cost; anything odd goes the long way for its message
        try:
            return date(int(uk.group(3)), int(uk.group(2)), int(uk.group(1)))
        except ValueError:
            pass
    try:
        return read_date(str(value), caption)
    except ValidationError as error:
        raise ValueProblem("; ".join(p.message for p in error.problems)) from None


def split_items(text: str) -> list[str]:
    """The items of a cell that lists several: paragraphs, bullets or numbering, lines, or ";".

    A cell whose lines mostly go on in lower case is one text wrapped by hand, not a list.
    """
    if not _SPLITS.search(text):
        single = _BULLET.sub("", text).strip()
        return [single] if single else []
    text = _NEWLINES.sub("\n", text)
    if _PARAGRAPH.search(text.strip()):
        parts = [" ".join(p.split()) for p in _PARAGRAPH.split(text)]
        return [_BULLET.sub("", p).strip() for p in parts if p.strip()]
    lines = [line for line in (raw.strip() for raw in text.split("\n")) if line]
    if len(lines) == 1:
        parts = [p for p in _INLINE.split(lines[0]) if p.strip()]
        return [item for p in parts if (item := _BULLET.sub("", p).strip())]
    bulleted = [_BULLET.match(line) is not None for line in lines]
    if any(bulleted) and not all(bulleted):  # items start at the bullets; other lines carry on
        items: list[str] = []
        for line, starts in zip(lines, bulleted, strict=True):
            if starts or not items:
                items.append(_BULLET.sub("", line).strip())
            else:
                items[-1] += " " + line
        return [item for item in items if item]
    carried = sum(1 for line in lines[1:] if line[:1].islower())
    if not any(bulleted) and carried * 2 >= len(lines) - 1:
        return [" ".join(lines)]
    return [item for line in lines if (item := _BULLET.sub("", line).strip())]


def short_title(text: str) -> tuple[str, bool]:
    """A title within the limit: the first line or sentence of a long text; True when shortened."""
    text = text.strip()
    text = re.sub(r"^risk\s*:-?\s*", "", text, flags=re.IGNORECASE)
    if len(text) <= MAX_TITLE and "\n" not in text:
        return text, False
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(split_items(text)) == 1 and "\n\n" not in text:  # one text wrapped by hand: read it as one
        lines = [" ".join(lines)]
    first = lines[0] if lines else ""
    if len(first) > MAX_TITLE:
        sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
        first = sentence if len(sentence) <= MAX_TITLE else sentence[: MAX_TITLE - 1].rstrip() + "…"
    return first, True
