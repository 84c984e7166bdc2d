"""The `check` report: integrity, schema and consistency of a register file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from riskdesk.core.validation import risk_problems
from riskdesk.services.queries import load_contents
from riskdesk.services.workspace import Workspace
from riskdesk.storage.opening import inspect_file
from riskdesk.storage.recovery import roll_back_interrupted_save, rolled_back_note
from riskdesk.storage.schema import SCHEMA_VERSION


@dataclass
class CheckReport:
    """What `check` found: facts about the file and the problems, if any."""

    facts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems


def check_file(path: Path) -> CheckReport:
    """Check a file without changing it; raises RegisterFileError for a file we refuse."""
    rolled_back = roll_back_interrupted_save(path)
    version = inspect_file(path)
    report = CheckReport()
    report.facts.append(f"File: {path.name}")
    if rolled_back:
        report.facts.append(rolled_back_note(path))
    report.facts.append(f"Integrity: ok; schema version {version} (current {SCHEMA_VERSION})")
    if version < SCHEMA_VERSION:
        report.facts.append("It will be brought up to date (with a backup) when opened.")
        return report
    workspace = Workspace.open(path, read_only=True)
    try:
        contents = load_contents(workspace)
    finally:
        workspace.close()
    scheme = contents.scheme
    report.facts.append(f"Scoring scheme: {scheme.name}")
    report.problems += [f"Scheme: {p}" for p in scheme.problems()]
    register_ids = {r.id for r in contents.registers}
    risk_ids = {r.id for r in contents.risks}
    for register in contents.registers:
        if register.parent_id and register.parent_id not in register_ids:
            report.problems.append(f"Register {register.name}: its parent is missing")
    references: dict[tuple[str, str], str] = {}
    for risk in contents.risks:
        where = f"Risk {risk.reference or risk.id}"
        if risk.register_id not in register_ids:
            report.problems.append(f"{where}: its register is missing")
        key = (risk.register_id, risk.reference)
        if key in references:
            report.problems.append(f"{where}: the reference is used twice in one register")
        references[key] = risk.id
        report.problems += [f"{where}: {p.message}" for p in risk_problems(scheme, risk)]
    for control in contents.controls:
        if control.risk_id not in risk_ids:
            report.problems.append(f"Control {control.description[:40]!r}: its risk is missing")
    for action in contents.actions:
        if action.risk_id not in risk_ids:
            report.problems.append(f"Action {action.description[:40]!r}: its risk is missing")
    for link in contents.links:
        if link.from_risk_id not in risk_ids or link.to_risk_id not in risk_ids:
            report.problems.append("A link between risks points to a risk that is missing")
    labels: dict[str, int] = {}
    for period in contents.periods:
        labels[period.label] = labels.get(period.label, 0) + 1
    report.problems += [f"Period {label}: the label is used {count} times" for label, count in labels.items()
                        if count > 1]
    still_open = [p.label for p in contents.periods if not p.is_closed]
    if len(still_open) > 1:
        report.problems.append(f"More than one period is open ({', '.join(still_open)}); only one should be")
    open_risks = [r for r in contents.risks if not r.archived]
    report.facts.append(
        f"{len(contents.registers)} registers, {len(open_risks)} risks, "
        f"{len(contents.controls)} controls, {len(contents.actions)} actions, "
        f"{len(contents.periods)} periods"
    )
    return report
