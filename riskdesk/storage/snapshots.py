"""Each risk's scores and comment as they stood when a period closed."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from riskdesk.core.model import SCORE_FIELDS, RiskStatus, Score, Snapshot
from riskdesk.storage import diagnosis
from riskdesk.storage.errors import RegisterFileError

if TYPE_CHECKING:
    from riskdesk.storage.store import RegisterFile


def write(store: RegisterFile, snapshot: Snapshot) -> None:
    """Keep one risk's scores and comment for a closed period."""
    row: dict[str, Any] = {
        "period_id": snapshot.period_id,
        "risk_id": snapshot.risk_id,
        "status": snapshot.status.value if snapshot.status else None,
        "comment": snapshot.comment,
    }
    for kind in SCORE_FIELDS:
        score: Score | None = getattr(snapshot, kind)
        row[f"{kind}_likelihood"] = score.likelihood if score else None
        row[f"{kind}_impact"] = score.impact if score else None
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    with store.transaction() as conn:
        conn.execute(
            f"INSERT OR REPLACE INTO snapshots ({columns}) VALUES ({marks})", tuple(row.values())
        )


def residuals(store: RegisterFile, period_id: str) -> dict[str, Score | None]:
    """Each risk's residual score in one period's snapshots, by risk id.

    What a window's first paint needs of the last closed period (its direction arrows): at
    10,000 risks about a third of the time reading those snapshots whole takes.
    """
    scores: dict[tuple[Any, Any], Score | None] = {}
    rows = store.conn.execute(
        "SELECT risk_id, residual_likelihood, residual_impact FROM snapshots WHERE period_id = ?", (period_id,)
    ).fetchall()
    made: dict[str, Score | None] = {}
    for risk_id, likelihood, impact in rows:
        key = (likelihood, impact)
        if key not in scores:
            scores[key] = Score(likelihood, impact) if likelihood and impact else None
        made[risk_id] = scores[key]
    return made


def read(store: RegisterFile, period_id: str | None = None) -> list[Snapshot]:
    """Every snapshot, or those of one period."""
    # A register of 10,000 risks over 8 quarters has 80,000 of these: read plain
    # tuples in a known column order and share one Score per distinct pair.
    sql = (
        "SELECT period_id, risk_id, status, inherent_likelihood, inherent_impact, residual_likelihood, "
        "residual_impact, target_likelihood, target_impact, comment FROM snapshots"
    )
    params: tuple[Any, ...] = ()
    if period_id is not None:
        sql += " WHERE period_id = ?"
        params = (period_id,)
    statuses: dict[str | None, RiskStatus | None] = {status.value: status for status in RiskStatus}
    scores: dict[tuple[Any, Any], Score | None] = {}

    def score(likelihood: Any, impact: Any) -> Score | None:
        key = (likelihood, impact)
        if key not in scores:
            scores[key] = Score(likelihood, impact) if likelihood and impact else None
        return scores[key]

    cursor = store.conn.cursor()
    cursor.row_factory = None
    statuses[None] = None  # a risk whose status was never set
    try:
        rows = cursor.execute(sql, params).fetchall()
        return [
            _snapshot(period, risk, statuses[status], score(il, ii), score(rl, ri), score(tl, ti), comment or "")
            for period, risk, status, il, ii, rl, ri, tl, ti, comment in rows
        ]
    except KeyError as error:
        known = ", ".join(status.value for status in RiskStatus)
        raise RegisterFileError(
            f"{store.path.name}: a snapshot of a closed period has status {error.args[0]!r}, which riskdesk "
            f"does not know (it can be {known}), {diagnosis.OUTSIDE}."
        ) from None
    except sqlite3.OperationalError as error:
        if "decode" not in str(error).lower():
            raise
        raise RegisterFileError(
            f"{store.path.name}: a period comment kept in a snapshot is not readable text (it is not UTF-8), "
            f"{diagnosis.OUTSIDE}."
        ) from None



_new = object.__new__


def _snapshot(period_id: str, risk_id: str, status: RiskStatus | None, inherent: Score | None,
              residual: Score | None, target: Score | None, comment: str) -> Snapshot:
    """A Snapshot with every field given, made without the frozen dataclass's per-field setattr.

    The same record Snapshot(...) makes (equal, same hash), at about two thirds of the cost:
    a window's first paint reads 10,000 of them at 10,000 risks.
    """
    made: Snapshot = _new(Snapshot)
    made.__dict__.update(period_id=period_id, risk_id=risk_id, status=status, inherent=inherent,
                         residual=residual, target=target, comment=comment)
    return made
