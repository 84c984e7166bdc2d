"""Everything a register file holds, gathered for export, reports and checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from riskdesk.core.appetite import Appetite, appetite_from_dict
from riskdesk.core.direction import Direction, direction_of_travel
from riskdesk.core.model import (
    Action,
    Control,
    HistoryEntry,
    Link,
    Period,
    Person,
    Register,
    Risk,
    Score,
    Settings,
    Snapshot,
)
from riskdesk.core.review_cadence import ReviewCadence, cadence_from_dict
from riskdesk.core.scheme import ScoringScheme


@dataclass
class RegisterContents:
    """A whole register file read into memory, in display order."""

    scheme: ScoringScheme
    settings: Settings
    registers: list[Register]
    risks: list[Risk]
    controls: list[Control]
    actions: list[Action]
    people: list[Person]
    periods: list[Period]
    snapshots: list[Snapshot]
    links: list[Link]
    history: list[HistoryEntry] = field(default_factory=list)
    # The file's risk appetite and review cadence (None: the scheme's defaults).
    appetite: Appetite | None = None
    cadence: ReviewCadence | None = None
    # Each risk's residual score when the last period closed, all the window's first paint needs
    # of that period's snapshots (its direction arrows); None once the snapshots are read whole.
    previous_residuals: dict[str, Score | None] | None = None
    _snapshot_index: dict[tuple[str, str], Snapshot] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    _last_closed_id: str | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        # Called again whenever the periods or snapshots are read afresh (services.refresh).
        self._snapshot_index = {(s.period_id, s.risk_id): s for s in self.snapshots}
        closed = self.closed_periods()
        # Every direction arrow compares with this period: worked out once, not per table cell.
        self._last_closed_id = closed[-1].id if closed else None

    def register(self, register_id: str) -> Register | None:
        """The register with this id."""
        return next((r for r in self.registers if r.id == register_id), None)

    def controls_of(self, risk_id: str) -> list[Control]:
        """The controls of one risk in order."""
        return [c for c in self.controls if c.risk_id == risk_id]

    def actions_of(self, risk_id: str) -> list[Action]:
        """The actions of one risk in order."""
        return [a for a in self.actions if a.risk_id == risk_id]

    def closed_periods(self) -> list[Period]:
        """Closed periods, oldest first."""
        return [p for p in sorted(self.periods, key=lambda p: p.position) if p.is_closed]

    def current_period(self) -> Period | None:
        """The open period being worked on, or the last one when all are closed."""
        ordered = sorted(self.periods, key=lambda p: p.position)
        open_ones = [p for p in ordered if not p.is_closed]
        if open_ones:
            return open_ones[0]
        return ordered[-1] if ordered else None

    def live_direction(self, risk: Risk) -> Direction:
        """The live residual score against the last closed period's snapshot."""
        previous = None
        if self.previous_residuals is not None:
            previous = self.previous_residuals.get(risk.id)
        elif self._last_closed_id is not None:
            snap = self.snapshot(self._last_closed_id, risk.id)
            previous = snap.residual if snap else None
        return direction_of_travel(previous, risk.residual, self.scheme)

    def appetite_rules(self) -> Appetite:
        """The appetite that applies: the file's own, or the defaults for its scheme."""
        if self.appetite is None:
            self.appetite = appetite_from_dict(None, self.scheme)
        return self.appetite

    def cadence_rules(self) -> ReviewCadence:
        """The review cadence that applies: the file's own, or the defaults for its scheme."""
        if self.cadence is None:
            self.cadence = cadence_from_dict(None, self.scheme)
        return self.cadence

    def above_appetite(self, risk: Risk) -> bool:
        """True when a risk's residual score is above the appetite for it."""
        if risk.residual is None:
            return False
        try:
            value = self.scheme.value_of(risk.residual)
        except KeyError:
            return False
        return self.appetite_rules().outside(risk, value)

    def review_overdue(self, risk: Risk, today: date) -> bool:
        """True when an open risk's next review (from its band's cadence) has passed."""
        try:
            return self.cadence_rules().overdue(risk, today)
        except (KeyError, ValueError):
            return False

    def snapshot(self, period_id: str, risk_id: str) -> Snapshot | None:
        """One risk's snapshot for one period."""
        return self._snapshot_index.get((period_id, risk_id))
