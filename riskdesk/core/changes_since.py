"""What changed on each risk between two points of the file's history (two periods, or a period and now).

Scores, status and the period comment come from the snapshots kept when a period closed (or the
live risk for "now"); owners, moves between registers, actions and controls come from the history
table. A point in the history is the id of a history row: every write appends rows with rising ids,
so "after period A closed" is every row whose id is above the row that recorded A's closing.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from riskdesk.core.model import Score

COMPLETE = "complete"
OPEN_STATUSES = frozenset({"not started", "in progress"})
SCORE_KINDS = ("inherent", "residual", "target")
_LIFE = ("created", "deleted", "restored")


# A risk's state as read from a snapshot or the live risk: status, inherent likelihood and impact,
# residual likelihood and impact, target likelihood and impact, period comment. Plain tuples, so that
# the many risks that did not change are passed over with one comparison each.
StateRow = tuple[Any, ...]


@dataclass(frozen=True)
class RiskState:
    """A risk's status, scores and period comment at one end of the range."""

    status: str
    inherent: Score | None
    residual: Score | None
    target: Score | None
    comment: str = ""

    @classmethod
    def from_row(cls, row: StateRow) -> RiskState:
        """The state held in a StateRow."""
        status, il, ii, rl, ri, tl, ti, comment = row
        return cls(status or "open", _score(il, ii), _score(rl, ri), _score(tl, ti), comment or "")

    def score(self, kind: str) -> Score | None:
        """The inherent, residual or target score."""
        value: Score | None = getattr(self, kind)
        return value


_SCORES: dict[tuple[Any, Any], Score | None] = {}


def _score(likelihood: Any, impact: Any) -> Score | None:
    # Scores are frozen and few (at most 36 pairs): share one of each rather than build thousands.
    key = (likelihood, impact)
    found = _SCORES.get(key)
    if found is None and key not in _SCORES:
        found = _SCORES[key] = Score(int(likelihood), int(impact)) if likelihood and impact else None
    return found


@dataclass(frozen=True)
class HistoryRow:
    """One row of the history table, as much of it as the comparison needs."""

    id: int
    entity: str
    entity_id: str
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class RiskFacts:
    """What a risk is called now and where it is held."""

    id: str
    reference: str
    title: str
    register_id: str
    owner: str = ""


@dataclass(frozen=True)
class ItemFacts:
    """An action or control as it is now: its risk, words, and for actions due date and status."""

    id: str
    risk_id: str
    description: str
    due_date: date | None = None
    status: str = ""
    exists: bool = True


@dataclass(frozen=True)
class ScoreMove:
    """One of a risk's scores moved from one value to another (values as the file's scheme scores them)."""

    kind: str
    before: Score | None
    after: Score | None
    before_value: int | None = None
    after_value: int | None = None


@dataclass
class RiskChange:
    """Everything that changed on one risk between the two points."""

    risk_id: str
    reference: str
    title: str
    register: str
    register_id: str = ""
    new: bool = False
    gone: bool = False
    closed: bool = False
    reopened: bool = False
    scores: tuple[ScoreMove, ...] = ()
    owner: tuple[str, str] | None = None
    comment: tuple[str, str] | None = None
    moved: tuple[str, str] | None = None
    actions_completed: tuple[str, ...] = ()
    actions_added: tuple[str, ...] = ()
    actions_overdue: tuple[str, ...] = ()
    controls_added: tuple[str, ...] = ()

    @property
    def kinds(self) -> list[str]:
        """Short names of what changed, for filters and table columns."""
        found = [name for name, on in (
            ("new", self.new), ("no longer held", self.gone), ("closed", self.closed),
            ("reopened", self.reopened), ("scores", bool(self.scores)), ("owner", self.owner is not None),
            ("comment", self.comment is not None), ("moved", self.moved is not None),
            ("actions completed", bool(self.actions_completed)), ("actions added", bool(self.actions_added)),
            ("actions overdue", bool(self.actions_overdue)), ("controls added", bool(self.controls_added)),
        ) if on]
        return found

    def lines(self) -> list[str]:
        """What changed, as plain sentences (the comment's word diff is given separately)."""
        out: list[str] = []
        if self.new:
            out.append("New on the register.")
        if self.gone:
            out.append("No longer on the register (archived or deleted).")
        if self.closed:
            out.append("Closed.")
        if self.reopened:
            out.append("Reopened.")
        for move in self.scores:
            out.append(f"{move.kind.capitalize()} score {score_words(move.before, move.before_value)} "
                       f"to {score_words(move.after, move.after_value)}.")
        if self.owner is not None:
            out.append(f"Owner changed from {self.owner[0] or 'nobody'} to {self.owner[1] or 'nobody'}.")
        if self.moved is not None:
            out.append(f"Moved from {self.moved[0]} to {self.moved[1]}.")
        if self.comment is not None:
            out.append("Period comment changed." if self.comment[0].strip() else "Period comment written.")
        out += [f"Action completed: {_sentence(text)}" for text in self.actions_completed]
        out += [f"Action added: {_sentence(text)}" for text in self.actions_added]
        out += [f"Action gone overdue: {_sentence(text)}" for text in self.actions_overdue]
        out += [f"Control added: {_sentence(text)}" for text in self.controls_added]
        return out

    @property
    def summary(self) -> str:
        """One line: the sentences joined."""
        return " ".join(self.lines())


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def score_words(score: Score | None, value: int | None = None) -> str:
    """A score as "4x3 (12)", or "none"."""
    if score is None:
        return "none"
    return f"{score.likelihood}x{score.impact} ({value if value is not None else score.value})"


_WORD = re.compile(r"\S+")
REWRITTEN = 0.4  # below this share of words in common, a comment counts as rewritten


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """The words of two texts as runs of ("same" | "removed" | "added", text), in reading order."""
    old, new = _WORD.findall(before or ""), _WORD.findall(after or "")
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    if old and new and matcher.ratio() < REWRITTEN:
        # A comment written afresh reads better as the old one struck through, then the new one,
        # than as a patchwork of the few words they happen to share.
        return [("removed", " ".join(old)), ("added", " ".join(new))]
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(("same", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            runs.append(("added", " ".join(new[j1:j2])))
    return runs


class Timeline:
    """History rows after a point, indexed so any field's value at a later point can be read back."""

    def __init__(self, rows: Iterable[HistoryRow]):
        self._rows: dict[tuple[str, str], list[HistoryRow]] = {}
        for row in sorted(rows, key=lambda r: r.id):
            key = (row.entity_id, "life" if row.field in _LIFE else row.field)
            self._rows.setdefault(key, []).append(row)

    def rows(self, entity_id: str, field_name: str, after: int, upto: int | None) -> list[HistoryRow]:
        """Rows of one field of one record with after < id <= upto (upto None: no end)."""
        return [r for r in self._rows.get((entity_id, field_name), ())
                if r.id > after and (upto is None or r.id <= upto)]

    def value_at(self, entity_id: str, field_name: str, point: int | None, current: str | None) -> str | None:
        """The field's value just after history row `point` (None: now), given its value now."""
        if point is None:
            return current
        for row in self._rows.get((entity_id, field_name), ()):
            if row.id > point:
                return row.old
        return current

    def existed_at(self, entity_id: str, point: int | None, exists_now: bool) -> bool:
        """Whether a record existed (was created and not deleted) just after row `point`."""
        if point is None:
            return exists_now
        for row in self._rows.get((entity_id, "life"), ()):
            if row.id > point:
                return row.field != "created" and row.field != "restored"
        return exists_now


@dataclass
class ChangeInputs:
    """Everything the comparison reads, gathered by the service from the file."""

    before: Mapping[str, StateRow]  # risk id -> state when the earlier period closed
    after: Mapping[str, StateRow]  # risk id -> state at the later point (a snapshot, or live)
    history: Sequence[HistoryRow]  # every row with id above `start`
    start: int  # the history id at which the earlier period closed
    end: int | None  # the history id at which the later period closed; None for now
    risks: Mapping[str, RiskFacts]  # the risks named in before, after or the history rows...
    actions: Mapping[str, ItemFacts] = field(default_factory=dict)
    controls: Mapping[str, ItemFacts] = field(default_factory=dict)
    registers: Mapping[str, str] = field(default_factory=dict)  # register id -> name
    start_day: date | None = None  # the earlier period's last day
    end_day: date | None = None  # the later period's last day, or today
    value_of: Callable[[Score], int] | None = None  # what a score counts in the file's scheme
    # ...or, instead, a way to read just the risks that changed (reading all 10,000 would be wasted).
    facts_for: Callable[[set[str]], Mapping[str, RiskFacts]] | None = None
    # Every risk held at each point, when before and after were trimmed to the risks whose state
    # differs (the file can find those itself); None: the keys of before and after.
    held_before: Collection[str] | None = None
    held_after: Collection[str] | None = None


_ChangeOf = Callable[[str], "RiskChange"]


def compute_changes(inputs: ChangeInputs) -> list[RiskChange]:
    """Per risk, what changed between the two points; risks with no change are left out (in no order)."""
    timeline = Timeline(inputs.history)
    start, end = inputs.start, inputs.end
    before, after = inputs.before, inputs.after
    held_before = inputs.held_before if inputs.held_before is not None else before.keys()
    held_after = inputs.held_after if inputs.held_after is not None else after.keys()
    differing = [risk_id for risk_id, row in after.items() if before.get(risk_id) != row]
    gone = [risk_id for risk_id in before if risk_id not in held_after]
    in_range = [row for row in inputs.history if row.id > start and (end is None or row.id <= end)]
    touched = {row.entity_id for row in in_range if row.entity == "risk"}
    facts: dict[str, RiskFacts] = dict(inputs.risks)

    def read_facts(ids: set[str]) -> None:
        missing = {risk_id for risk_id in ids if risk_id not in facts}
        if missing and inputs.facts_for is not None:
            facts.update(inputs.facts_for(missing))

    # Names and places are read only for the risks that turn out to have changed (and the few whose
    # owner or register the history touched), not for every risk compared.
    read_facts(touched)
    found: dict[str, RiskChange] = {}

    def change_of(risk_id: str) -> RiskChange:
        change = found.get(risk_id)
        if change is None:
            change = found[risk_id] = RiskChange(risk_id, "", "", "")
        return change

    for risk_id in differing:
        _compare_states(before.get(risk_id), after[risk_id], risk_id, inputs, change_of)
    for risk_id in gone:
        _set(change_of(risk_id), gone=True)
    for risk_id in touched:
        fact = facts.get(risk_id)
        if fact is None:
            continue
        owner_then = timeline.value_at(risk_id, "owner", start, fact.owner) or ""
        owner_now = timeline.value_at(risk_id, "owner", end, fact.owner) or ""
        if owner_then != owner_now and (risk_id in held_after or risk_id in held_before):
            _set(change_of(risk_id), owner=(owner_then, owner_now))
        register_then = timeline.value_at(risk_id, "register_id", start, fact.register_id) or ""
        register_now = timeline.value_at(risk_id, "register_id", end, fact.register_id) or ""
        if register_then != register_now and risk_id in held_after:
            _set(change_of(risk_id), moved=(inputs.registers.get(register_then, "another register"),
                                            inputs.registers.get(register_now, "another register")))
    _item_changes(inputs, timeline, change_of)
    read_facts(set(found))
    named: list[RiskChange] = []
    for risk_id, change in found.items():
        fact = facts.get(risk_id)
        if fact is None:
            continue  # a risk the file no longer holds at all
        change.reference, change.title = fact.reference, fact.title
        change.register_id, change.register = fact.register_id, inputs.registers.get(fact.register_id, "")
        named.append(change)
    return named


def _compare_states(then_row: StateRow | None, now_row: StateRow, risk_id: str, inputs: ChangeInputs,
                    change_of: _ChangeOf) -> None:
    if then_row is None:
        _set(change_of(risk_id), new=True)
        return
    # Most differing rows differ only in the comment; scores are compared as the plain numbers read.
    if then_row[:7] != now_row[:7]:
        moves = []
        for index, kind in enumerate(SCORE_KINDS):
            first = 1 + 2 * index
            pair_then, pair_now = then_row[first:first + 2], now_row[first:first + 2]
            if pair_then != pair_now:
                before, after = _score(*pair_then), _score(*pair_now)
                moves.append(ScoreMove(kind, before, after, _value(inputs, before), _value(inputs, after)))
        if moves:
            _set(change_of(risk_id), scores=tuple(moves))
        status_then, status_now = then_row[0] or "open", now_row[0] or "open"
        if status_then != status_now:
            if status_now == "closed":
                _set(change_of(risk_id), closed=True)
            elif status_then == "closed":
                _set(change_of(risk_id), reopened=True)
    # A blank comment at the later point is one not written (yet): the committee check asks for it;
    # here only words someone wrote count as a changed comment.
    before_words, after_words = (then_row[7] or "").strip(), (now_row[7] or "").strip()
    if after_words and before_words != after_words:
        _set(change_of(risk_id), comment=(then_row[7] or "", now_row[7] or ""))


def _item_changes(inputs: ChangeInputs, timeline: Timeline, change_of: _ChangeOf) -> None:
    start, end = inputs.start, inputs.end
    added: dict[str, list[str]] = {}
    completed: dict[str, list[str]] = {}
    overdue: dict[str, list[str]] = {}
    controls: dict[str, list[str]] = {}
    for action in inputs.actions.values():
        at_start = timeline.existed_at(action.id, start, action.exists)
        at_end = timeline.existed_at(action.id, end, action.exists)
        if not at_end:
            continue
        status_end = timeline.value_at(action.id, "status", end, action.status) or ""
        due_end = _day(timeline.value_at(action.id, "due_date", end, _iso(action.due_date)))
        if not at_start:
            added.setdefault(action.risk_id, []).append(action.description)
        status_start = timeline.value_at(action.id, "status", start, action.status) or "" if at_start else ""
        if status_end == COMPLETE and at_start and status_start != COMPLETE:
            completed.setdefault(action.risk_id, []).append(action.description)
        if inputs.end_day is None or status_end not in OPEN_STATUSES or due_end is None:
            continue
        if due_end >= inputs.end_day:
            continue
        due_start = _day(timeline.value_at(action.id, "due_date", start, _iso(action.due_date)))
        was_overdue = (at_start and status_start in OPEN_STATUSES and due_start is not None
                       and inputs.start_day is not None and due_start < inputs.start_day)
        if not was_overdue:
            overdue.setdefault(action.risk_id, []).append(action.description)
    for control in inputs.controls.values():
        if (not timeline.existed_at(control.id, start, control.exists)
                and timeline.existed_at(control.id, end, control.exists)):
            controls.setdefault(control.risk_id, []).append(control.description)
    for risk_id, texts in added.items():
        _set(change_of(risk_id), actions_added=tuple(texts))
    for risk_id, texts in completed.items():
        _set(change_of(risk_id), actions_completed=tuple(texts))
    for risk_id, texts in overdue.items():
        _set(change_of(risk_id), actions_overdue=tuple(texts))
    for risk_id, texts in controls.items():
        _set(change_of(risk_id), controls_added=tuple(texts))


def _set(change: RiskChange, **values: object) -> None:
    for name, value in values.items():
        setattr(change, name, value)


def _value(inputs: ChangeInputs, score: Score | None) -> int | None:
    if score is None:
        return None
    try:
        return inputs.value_of(score) if inputs.value_of is not None else score.value
    except KeyError:  # a score outside the scheme (an old file): count it plainly
        return score.value


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def natural_key(reference: str) -> tuple[object, ...]:
    """Sort "SR 7.10" after "SR 7.9"."""
    return tuple(int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", reference))
