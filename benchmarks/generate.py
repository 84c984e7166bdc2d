"""Generate registers of any size (controls, actions, 8 periods of history) for benchmarks.

    uv run python -m benchmarks.generate 10000 benchmarks/out/register-10000.sqlite
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

from riskdesk.core.model import ActionStatus, Rag, RegisterKind, Score
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import RISK

PERIODS = 8
AREAS = ("Care and Protection", "Commissioning and Partnerships", "Schools and Learning",
         "Early Help", "Youth Justice", "Disabled Children", "Fostering and Adoption", "Care Leavers")
WORDS = ("placement", "workforce", "budget", "safeguarding", "inspection", "demand", "capacity",
         "provider", "data", "statutory", "timeliness", "recruitment", "partnership", "quality")


def make_register(path: Path | str, n_risks: int, seed: int = 7) -> Path:
    """Write a register with n_risks risks spread over service areas, closed over 8 quarters."""
    path = Path(path)
    path.unlink(missing_ok=True)
    rng = random.Random(seed)
    ws = Workspace.create(path, "5x5", "Benchmark Council", user="Generator")
    store = ws.store
    # One transaction for the whole build: generation speed is not what we measure.
    with store.transaction():
        root, _ = ws.create_register("Strategic Risk Register")
        directorate, _ = ws.create_register("Children's Services", root.id, kind=RegisterKind.DIRECTORATE)
        areas = [ws.create_register(name, directorate.id, kind=RegisterKind.SERVICE_AREA)[0] for name in AREAS]
        ids: list[str] = []
        for number in range(n_risks):
            register = root if number < 10 else areas[number % len(areas)]
            title = " ".join(rng.choice(WORDS) for _ in range(5)).capitalize()
            residual = Score(rng.randint(1, 5), rng.randint(1, 5))
            risk, _ = ws.create_risk(
                register.id, f"R {number + 1}", title,
                description=f"Risk that {title.lower()} leads to harm. " * 3,
                owner=f"Head of Service {number % 40}",
                inherent=Score(min(5, residual.likelihood + 1), residual.impact), residual=residual,
                target=Score(1, residual.impact),
                last_reviewed=date(2024, 3, 1) + timedelta(days=number % 28),
                next_review=date(2024, 6, 1) + timedelta(days=number % 60),
            )
            ids.append(risk.id)
            for c in range(2):
                ws.add_control(risk.id, f"Control {c + 1} for {title.lower()}", owner="Team Manager")
            for a in range(2):
                ws.add_action(risk.id, f"Action {a + 1}: review {rng.choice(WORDS)}", owner="Service Manager",
                              due_date=date(2024, 4, 1) + timedelta(days=rng.randint(0, 300)),
                              status=rng.choice(list(ActionStatus)[:3]), rag=rng.choice(list(Rag)))
        for quarter in range(PERIODS):
            period, _ = ws.create_period(f"Q{quarter % 4 + 1} {2022 + quarter // 4}/{23 + quarter // 4}")
            for risk_id in ids:
                if rng.random() < 0.3:
                    risk = store.get(RISK, risk_id)
                    moved = Score(rng.randint(1, 5), rng.randint(1, 5))
                    ws.update_risk(risk_id, risk.version, "Quarterly review", residual=moved,
                                   period_comment=f"Quarter {quarter + 1}: reviewed with the owner.")
            ws.close_period(period.id)
    ws.close()
    return path


if __name__ == "__main__":
    count = int(sys.argv[1])
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(f"benchmarks/out/register-{count}.sqlite")
    target.parent.mkdir(parents=True, exist_ok=True)
    make_register(target, count)
    print(f"Wrote {target} ({target.stat().st_size / 1e6:.1f} MB)")
