"""Demo registers modelled on the seed documents, built through the service operations."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from riskdesk.core.model import ActionStatus, Effectiveness, Rag, RegisterKind, RiskStatus, Score, Treatment
from riskdesk.resources_path import resource
from riskdesk.services.demo_dates import moved_definition, written_for
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import ACTION, RISK

DEMO_USER = "Business Support (demo)"

Progress = Callable[[str], None]


def demo_definition(preset_name: str) -> dict[str, Any]:
    """The shipped definition of a demo register."""
    path = resource("demo", f"{preset_name}.json")
    if not path.exists():
        raise KeyError(f"No demo called {preset_name!r}; choose 5x5 or 3x3")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def demo_written_for(preset_name: str) -> date:
    """The day the shipped definition was written for: a demo made "today" on it keeps its dates as written."""
    return written_for(demo_definition(preset_name))


def _score(pair: list[int] | None) -> Score | None:
    return Score(int(pair[0]), int(pair[1])) if pair else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def write_demo(path: Path | str, preset_name: str = "5x5", progress: Progress | None = None,
               today: date | None = None) -> None:
    """Write a demo register to path, which appears only once it is complete (see build_demo for today)."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    for leftover in (partial, partial.with_name(partial.name + "-journal")):
        leftover.unlink(missing_ok=True)
    try:
        build_demo(partial, preset_name, progress, today).close()
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def build_demo(path: Path | str, preset_name: str = "5x5", progress: Progress | None = None,
               today: date | None = None) -> Workspace:
    """Write a demo register to path and return it open.

    Its open quarter is the one `today` (default: the real today) falls in, its closed quarters the
    ones before, and its reviews and actions dated to match, so only a few are overdue.
    """
    data = moved_definition(demo_definition(preset_name), today or date.today())
    say = progress or (lambda _text: None)
    workspace = Workspace.create(path, data["scheme"], data["council"], user=DEMO_USER)
    workspace.update_settings(arrow_style=data.get("arrow_style", "arrows"))
    registers: dict[str, str] = {}
    for entry in data["registers"]:
        register, _ = workspace.create_register(
            entry["name"],
            registers.get(entry["parent"]) if entry.get("parent") else None,
            kind=RegisterKind(entry.get("kind", "strategic")),
            owner=entry.get("owner", ""),
            description=entry.get("description", ""),
            commentary=entry.get("commentary", ""),
        )
        registers[entry["key"]] = register.id

    risk_ids: dict[str, str] = {}
    last_closed = data["periods"][-1]["label"] if data["periods"] else None
    for period_entry in data["periods"]:
        label = period_entry["label"]
        say(f"Building {label}")
        period, _ = workspace.create_period(label, _date(period_entry.get("start")), _date(period_entry.get("end")))
        for entry in data["risks"]:
            score = entry.get("scores", {}).get(label)
            if score is None:
                continue
            comment = entry.get("comments", {}).get(label, "")
            _place(workspace, entry, registers, risk_ids, _score(score), comment, "Quarterly review")
        if label == last_closed:
            # The definition gives reviews and actions as they stood at the last closed quarter;
            # earlier quarters' papers must not show them before they happened.
            _bring_up_to_date(workspace, data["risks"], risk_ids)
        workspace.close_period(period.id)

    opened = data.get("open_period")
    if opened:
        workspace.create_period(opened["label"], _date(opened.get("start")), _date(opened.get("end")))
    for entry in data["risks"]:
        current = entry.get("scores", {}).get("current")
        comment = entry.get("comments", {}).get("current", "")
        _place(workspace, entry, registers, risk_ids, _score(current), comment, "Current review")
    _bring_up_to_date(workspace, data["risks"], risk_ids)  # risks first placed this quarter
    for entry in data["risks"]:
        for target_reference in entry.get("links", []):
            workspace.link_risks(risk_ids[entry["reference"]], risk_ids[target_reference])
    say("Done")
    return workspace


def _place(
    workspace: Workspace,
    entry: dict[str, Any],
    registers: dict[str, str],
    risk_ids: dict[str, str],
    residual: Score | None,
    comment: str,
    reason: str,
) -> None:
    reference = entry["reference"]
    if reference not in risk_ids:
        risk, _ = workspace.create_risk(
            registers[entry["register"]],
            reference,
            entry["title"],
            description=entry.get("description", ""),
            category=entry.get("category", ""),
            owner=entry.get("owner", ""),
            accountable_officer=entry.get("accountable_officer", ""),
            cabinet_member=entry.get("cabinet_member", ""),
            status=RiskStatus(entry.get("status", "open")),
            treatment=Treatment(entry.get("treatment", "treat")),
            appetite=entry.get("appetite", ""),
            proximity=entry.get("proximity", ""),
            inherent=_score(entry.get("inherent")),
            residual=residual,
            target=_score(entry.get("target")),
            target_date=_date(entry.get("target_date")),
            last_reviewed=None,  # set when the definition's quarter comes (see _bring_up_to_date)
            next_review=None,
            exempt=bool(entry.get("exempt", False)),
            exempt_paragraph=str(entry.get("exempt_paragraph", "")),
            period_comment=comment,
        )
        risk_ids[reference] = risk.id
        for control in entry.get("controls", []):
            workspace.add_control(
                risk.id, control["description"], owner=control.get("owner", ""),
                effectiveness=Effectiveness(control.get("effectiveness", "not assessed")),
            )
        for action in entry.get("actions", []):
            workspace.add_action(
                risk.id, action["description"], owner=action.get("owner", ""),
                due_date=_date(action.get("due")),
                status=_early_status(action.get("status", "not started")),
                rag=Rag(action["rag"]) if action.get("rag") else None,
            )
        return
    risk = workspace.store.get(RISK, risk_ids[reference])
    workspace.update_risk(risk.id, risk.version, reason, residual=residual, period_comment=comment)


def _early_status(final: str) -> ActionStatus:
    """How an action stood when its risk first came to the register: not yet complete."""
    status = ActionStatus(final)
    return ActionStatus.IN_PROGRESS if status == ActionStatus.COMPLETE else status


def _bring_up_to_date(workspace: Workspace, entries: list[dict[str, Any]], risk_ids: dict[str, str]) -> None:
    """Give each risk its review dates and each action its status and progress as the definition has them."""
    for entry in entries:
        risk_id = risk_ids.get(entry["reference"])
        if risk_id is None:
            continue
        risk = workspace.store.get(RISK, risk_id)
        dates = {"last_reviewed": _date(entry.get("last_reviewed")), "next_review": _date(entry.get("next_review"))}
        dates = {name: value for name, value in dates.items() if getattr(risk, name) != value}
        if dates:
            workspace.update_risk(risk.id, risk.version, "Quarterly review", **dates)
        actions = [a for a in workspace.store.all(ACTION) if a.risk_id == risk_id]
        for action, wanted in zip(sorted(actions, key=lambda a: a.position), entry.get("actions", []), strict=False):
            changes = {"status": ActionStatus(wanted.get("status", "not started")),
                       "progress": wanted.get("progress", "")}
            changes = {name: value for name, value in changes.items() if getattr(action, name) != value}
            if changes:
                workspace.update_action(action.id, action.version, "Quarterly review", **changes)
