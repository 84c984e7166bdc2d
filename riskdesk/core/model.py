"""The records of a register file: registers, risks, controls, actions, periods."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum, StrEnum


class RegisterKind(StrEnum):
    """Where a register sits in the council's tree."""

    STRATEGIC = "strategic"
    DIRECTORATE = "directorate"
    SERVICE_AREA = "service area"
    PROJECT = "project"


class RiskStatus(StrEnum):
    """Whether a risk is live."""

    OPEN = "open"
    CLOSED = "closed"
    ESCALATED = "escalated"


class Treatment(StrEnum):
    """The response chosen for a risk."""

    TREAT = "treat"
    TOLERATE = "tolerate"
    TRANSFER = "transfer"
    TERMINATE = "terminate"


NOT_SET = "Not set"  # what a user reads for a status or treatment nobody chose


def choice_words(choice: StrEnum | None) -> str:
    """A status or treatment as a user reads it: "Open", "Tolerate", or "Not set"."""
    return choice.value.capitalize() if choice is not None else NOT_SET


class ActionStatus(StrEnum):
    """Progress of a mitigating action."""

    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    COMPLETE = "complete"
    CANCELLED = "cancelled"


class Rag(StrEnum):
    """Red/amber/green rating of an action's progress."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class Effectiveness(StrEnum):
    """How well a control works."""

    EFFECTIVE = "effective"
    PARTIAL = "partially effective"
    INEFFECTIVE = "ineffective"
    UNKNOWN = "not assessed"


class ScoreKind(StrEnum):
    """The three scores every risk carries."""

    INHERENT = "inherent"
    RESIDUAL = "residual"
    TARGET = "target"


@dataclass(frozen=True)
class Score:
    """A likelihood and an impact; the score is their product."""

    likelihood: int
    impact: int

    @property
    def value(self) -> int:
        """Likelihood times impact."""
        return self.likelihood * self.impact


@dataclass
class Register:
    """A node of the register tree: strategic register, directorate, service area, project."""

    id: str
    name: str
    kind: RegisterKind = RegisterKind.STRATEGIC
    parent_id: str | None = None
    owner: str = ""
    description: str = ""
    commentary: str = ""
    position: int = 0
    archived: bool = False
    version: int = 1
    changed_by: str = ""
    changed_at: str = ""


@dataclass
class Risk:
    """One risk with its scores, people, dates and treatment."""

    id: str
    register_id: str
    reference: str
    title: str
    description: str = ""
    category: str = ""
    owner: str = ""
    accountable_officer: str = ""
    cabinet_member: str = ""
    # None: never set (a sheet imported without a Status column); read as live, never as closed.
    status: RiskStatus | None = None
    inherent: Score | None = None
    residual: Score | None = None
    target: Score | None = None
    target_date: date | None = None
    appetite: str = ""
    proximity: str = ""
    treatment: Treatment | None = None  # None: no response chosen yet
    last_reviewed: date | None = None
    next_review: date | None = None
    exempt: bool = False
    exempt_paragraph: str = ""  # the paragraph of Schedule 12A an exempt risk falls under, e.g. "3"
    period_comment: str = ""
    position: int = 0
    archived: bool = False
    version: int = 1
    changed_by: str = ""
    changed_at: str = ""

    def score(self, kind: ScoreKind) -> Score | None:
        """The inherent, residual or target score."""
        return {
            ScoreKind.INHERENT: self.inherent,
            ScoreKind.RESIDUAL: self.residual,
            ScoreKind.TARGET: self.target,
        }[kind]


@dataclass
class Control:
    """Something already in place that reduces a risk."""

    id: str
    risk_id: str
    description: str
    owner: str = ""
    effectiveness: Effectiveness = Effectiveness.UNKNOWN
    position: int = 0
    version: int = 1
    changed_by: str = ""
    changed_at: str = ""


@dataclass
class Action:
    """Further work planned to bring a risk down to its target."""

    id: str
    risk_id: str
    description: str
    owner: str = ""
    due_date: date | None = None
    status: ActionStatus = ActionStatus.NOT_STARTED
    rag: Rag | None = None
    progress: str = ""
    position: int = 0
    version: int = 1
    changed_by: str = ""
    changed_at: str = ""

    @property
    def is_open(self) -> bool:
        """True while the action still has work to do."""
        return self.status in (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)

    def is_overdue(self, today: date) -> bool:
        """True when open and past its due date."""
        return self.is_open and self.due_date is not None and self.due_date < today


@dataclass
class Person:
    """Someone who owns risks or actions, known by name and role title."""

    id: str
    name: str
    role: str = ""
    email: str = ""
    version: int = 1


@dataclass
class Period:
    """A reporting period such as "Q4 2023/24"; closing it snapshots every risk."""

    id: str
    label: str
    start: date | None = None
    end: date | None = None
    closed_at: str | None = None
    position: int = 0
    version: int = 1

    @property
    def is_closed(self) -> bool:
        """True once the period has been closed and snapshotted."""
        return self.closed_at is not None


@dataclass(frozen=True)
class Snapshot:
    """A risk's scores and comment as they stood when a period closed."""

    period_id: str
    risk_id: str
    status: RiskStatus | None
    inherent: Score | None
    residual: Score | None
    target: Score | None
    comment: str = ""


@dataclass(frozen=True)
class Link:
    """A departmental risk represented on a strategic one (or any other relation)."""

    id: str
    from_risk_id: str
    to_risk_id: str
    kind: str = "represented on"
    version: int = 1


@dataclass(frozen=True)
class HistoryEntry:
    """One field of one record changed: who, when, old, new and why."""

    id: int
    entity: str
    entity_id: str
    field: str
    old: str | None
    new: str | None
    reason: str
    changed_by: str
    changed_at: str
    operation: str = ""


@dataclass(frozen=True)
class Settings:
    """Settings kept in the file: council name, arrows, markings."""

    council_name: str = "Council"
    arrow_style: str = "arrows"  # "arrows" or "triangles"
    logo_path: str = ""
    extra: dict[str, str] = field(default_factory=dict)


# The fields of each kind of record that hold one of a fixed list of choices (kept as the
# choice's value): the file and the JSON export read them the same way.
CHOICE_FIELDS: dict[type, dict[str, type[Enum]]] = {
    Register: {"kind": RegisterKind},
    Risk: {"status": RiskStatus, "treatment": Treatment},
    Control: {"effectiveness": Effectiveness},
    Action: {"status": ActionStatus, "rag": Rag},
}
# A risk's three scores, as its fields are named.
SCORE_FIELDS: tuple[str, ...] = tuple(kind.value for kind in ScoreKind)
