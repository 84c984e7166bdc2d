"""The plain data every report is built from; prepared by the services, never queried here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from riskdesk.core.changes_since import RiskChange
from riskdesk.core.cover import Cover
from riskdesk.core.direction import Direction
from riskdesk.core.grid import impact_vertical
from riskdesk.core.model import Risk, Score
from riskdesk.core.scheme import Band, ScoringScheme

MARKING_PUBLIC = "OFFICIAL"
MARKING_EXEMPT = "OFFICIAL – Exempt: Part B"


@dataclass(frozen=True)
class ReportMeta:
    """What goes in every header and footer, and how the pages look."""

    council: str
    title: str
    period: str
    produced: date
    exempt: bool = False
    page_size: str = "A4"  # "A4" or "A3"
    greyscale: bool = False
    arrow_style: str = "arrows"
    scope: str = ""  # the register the report covers, e.g. "Strategic Risk Register"
    matrix_axes: str = ""  # "impact" or "likelihood" down the side; "" = the scheme's usual way
    filters: str = ""  # the options that chose the risks, stated under the title

    @property
    def marking(self) -> str:
        """The protective marking printed on every page."""
        return MARKING_EXEMPT if self.exempt else MARKING_PUBLIC


def exempt_words(risk: Risk) -> str:
    """How an exempt risk is flagged: "Exempt: paragraph 3 of Schedule 12A"; "" for a public one."""
    if not risk.exempt:
        return ""
    paragraph = risk.exempt_paragraph.strip()
    if paragraph:
        return f"Exempt: paragraph {paragraph} of Schedule 12A"
    return "Exempt under Schedule 12A (paragraph not recorded)"


@dataclass(frozen=True)
class ControlLine:
    """One control of a risk as printed."""

    description: str
    owner: str = ""
    effectiveness: str = ""


@dataclass(frozen=True)
class ActionLine:
    """One action as printed, with the risk it belongs to."""

    description: str
    owner: str = ""
    due: date | None = None
    status: str = ""
    rag: str = ""  # "red", "amber", "green" or ""
    progress: str = ""
    risk_reference: str = ""
    risk_title: str = ""
    overdue: bool = False
    exempt: str = ""  # the risk's exempt flag ("Exempt: paragraph 3 of Schedule 12A"), or ""


@dataclass(frozen=True)
class RiskEntry:
    """A risk as it stood in the reported period, with everything printed about it."""

    risk: Risk  # scores and status as of the period: what the grids place
    comment: str
    direction: Direction | None  # None: no earlier period to compare with, printed "–"
    register_name: str = ""
    controls: tuple[ControlLine, ...] = ()
    actions: tuple[ActionLine, ...] = ()
    # "SR 7.2 Ineffective Social Care Practice": the risks this one is represented on,
    # and the risks represented on this one (a departmental risk under a strategic one).
    represented_on: tuple[str, ...] = ()
    represents: tuple[str, ...] = ()
    # The names of the registers from the top of the file's tree down to the risk's own.
    register_path: tuple[str, ...] = ()
    # The residual score at each of the last (up to) four quarters, oldest first, ending with the
    # reported one: (period label, score or None when the risk was not yet on the register).
    trend: tuple[tuple[str, Score | None], ...] = ()
    # Appetite against the score (where set), treatment and proximity: (label, words) to print.
    context: tuple[tuple[str, str], ...] = ()
    # What changed on the risk since the period before, when the pack is asked to mark changes ("" otherwise).
    changed: str = ""

    @property
    def steady_for(self) -> int:
        """For how many of the trend's quarters, counting back from the last, the residual score stood as now."""
        count = 0
        for _, score in reversed(self.trend):
            if score != self.residual:
                break
            count += 1
        return count

    @property
    def reference(self) -> str:
        """The risk's reference, e.g. "SR 7.2"."""
        return self.risk.reference

    @property
    def residual(self) -> Score | None:
        """The residual score in the period."""
        return self.risk.residual


@dataclass(frozen=True)
class AreaEntry:
    """A register shown with its own matrix: a service area in the profile, a sheet in the matrix pack."""

    name: str
    commentary: str = ""
    owner: str = ""
    risks: tuple[RiskEntry, ...] = ()


@dataclass
class ReportData:
    """Everything one report prints."""

    meta: ReportMeta
    scheme: ScoringScheme
    risks: list[RiskEntry] = field(default_factory=list)
    areas: list[AreaEntry] = field(default_factory=list)
    actions: list[ActionLine] = field(default_factory=list)
    introduction: str = ""  # the covering register's commentary
    cover: Cover | None = None  # the covering report that goes first, when one is wanted
    # The "changes" report: what changed per risk, and between which periods ("Changes since Q4 2023/24").
    changes: list[RiskChange] = field(default_factory=list)
    changes_heading: str = ""
    # The file's overall appetite, drawn as a line on the matrices: (highest acceptable score, its level).
    appetite_line: tuple[int, str] | None = None

    @property
    def impact_vertical(self) -> bool:
        """Whether this report's matrices put impact down the side."""
        return impact_vertical(self.scheme, self.meta.matrix_axes)

    def band_of(self, score: Score | None) -> Band | None:
        """The band a score falls in (None when unscored)."""
        if score is None:
            return None
        return self.scheme.band_for(score.likelihood, score.impact)
