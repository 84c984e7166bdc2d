"""What an import will change, worked out from one read of the file; then written in one go.

Everything is looked up in dictionaries built once, so the work grows in step with the rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from riskdesk.core.changes import OpChanges
from riskdesk.core.model import Action, Control, Link, Period, Register, Risk
from riskdesk.core.progress import QUIET, Steps
from riskdesk.core.validation import risk_problems
from riskdesk.interchange.keyed import KeyedItem, KeyedSheets
from riskdesk.interchange.tabular_import import ImportRow, ParsedSheet
from riskdesk.services.workspace import Workspace
from riskdesk.storage.ids import IdSequence
from riskdesk.storage.records import ACTION, CONTROL, LINK, PERIOD, REGISTER, RISK
from riskdesk.storage.store import new_id, now_text


@dataclass
class Plan:
    """The records to add and the fields to change, each with the record read before."""

    new_registers: list[Register] = field(default_factory=list)
    new_risks: list[Risk] = field(default_factory=list)
    risk_updates: list[tuple[Risk, dict[str, Any]]] = field(default_factory=list)
    new_controls: list[Control] = field(default_factory=list)
    control_updates: list[tuple[Control, dict[str, Any]]] = field(default_factory=list)
    new_actions: list[Action] = field(default_factory=list)
    action_updates: list[tuple[Action, dict[str, Any]]] = field(default_factory=list)
    new_links: list[Link] = field(default_factory=list)
    new_periods: list[Period] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # said in the summary
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def new_register_names(self) -> list[str]:
        """The names of the registers the import makes."""
        return [r.name for r in self.new_registers]

    @property
    def has_work(self) -> bool:
        """True when anything would be written."""
        return any((self.new_registers, self.new_risks, self.risk_updates, self.new_controls,
                    self.control_updates, self.new_actions, self.action_updates, self.new_links,
                    self.new_periods))

    def counts(self) -> dict[str, int]:
        """Controls, actions and links added or changed."""
        return {"controls added": len(self.new_controls), "controls changed": len(self.control_updates),
                "actions added": len(self.new_actions), "actions changed": len(self.action_updates),
                "links added": len(self.new_links), "periods added": len(self.new_periods)}

    def apply(self, workspace: Workspace, reason: str, steps: Steps = QUIET) -> OpChanges:
        """Write the plan (inside the caller's transaction); a record changed since it was read conflicts.

        steps reports how far the write has got and raises Stopped, rolling the transaction back.
        """
        store = workspace.store
        changes = OpChanges()
        total = len(self.new_risks) + len(self.risk_updates)
        sentence = f"Writing {total:,} risk{'s' if total != 1 else ''}"
        steps.say(0, total, sentence)
        for register in self.new_registers:
            store.insert(REGISTER, register, reason)
            changes.registers.add(register.id)
            changes.created.add(register.id)
        # In slices when someone watches, so the bar moves and Cancel is looked at between them.
        size = steps.every if steps.active else max(len(self.new_risks), 1)
        for start in range(0, len(self.new_risks), size):
            store.insert_many(RISK, self.new_risks[start:start + size], reason)
            steps.say(min(start + size, len(self.new_risks)), total, sentence)
        # Whole sets at once: one Python call per kind rather than three per record.
        changes.risks.update([risk.id for risk in self.new_risks])
        changes.registers.update([risk.register_id for risk in self.new_risks])
        changes.created.update([risk.id for risk in self.new_risks])
        for number, (current, diff) in enumerate(self.risk_updates, len(self.new_risks) + 1):
            steps.tick(number, total, lambda _done, _total: sentence)
            _, done = store.update(RISK, current.id, current.version, diff, reason)
            changes.risks.add(current.id)
            changes.registers.add(current.register_id)
            changes.fields.update({("risk", current.id, k): v for k, v in done.items()})
        for spec, new, updates, ids in ((CONTROL, self.new_controls, self.control_updates, changes.controls),
                                        (ACTION, self.new_actions, self.action_updates, changes.actions)):
            store.insert_many(spec, new, reason)
            ids.update([record.id for record in new])
            changes.created.update([record.id for record in new])
            changes.risks.update([record.risk_id for record in new])
            for item, diff in updates:
                store.update(spec, item.id, item.version, diff, reason)
                ids.add(item.id)
                changes.risks.add(item.risk_id)
        for period in self.new_periods:
            store.insert(PERIOD, period, reason)
            changes.periods.add(period.id)
            changes.created.add(period.id)
        for link in self.new_links:
            store.insert(LINK, link, reason)
            changes.links.add(link.id)
            changes.risks |= {link.from_risk_id, link.to_risk_id}
        steps.say(total, total, sentence)  # the last look at Cancel before the caller commits
        return changes


class _Index:
    """The file's live records, looked up by name and reference."""

    def __init__(self, workspace: Workspace) -> None:
        store = workspace.store
        self.new_id = IdSequence()  # ids in ascending order: the write puts them side by side
        self.registers: list[Register] = store.all(REGISTER)
        self.by_id = {register.id: register for register in self.registers}
        self.by_name: dict[str, list[Register]] = defaultdict(list)
        for register in self.registers:
            self.by_name[register.name.strip().lower()].append(register)
        self.risks: dict[tuple[str, str], Risk] = {}
        self.risk_count: dict[str, int] = defaultdict(int)
        for risk in store.all(RISK):
            self.risks[(risk.register_id, risk.reference)] = risk
            self.risk_count[risk.register_id] += 1
        self.controls: dict[str, list[Control]] = defaultdict(list)
        for control in store.all(CONTROL):
            self.controls[control.risk_id].append(control)
        self.actions: dict[str, list[Action]] = defaultdict(list)
        for action in store.all(ACTION):
            self.actions[action.risk_id].append(action)
        self.links = {(link.from_risk_id, link.to_risk_id, link.kind) for link in store.all(LINK)}
        self.children: dict[str | None, int] = defaultdict(int)
        for register in self.registers:
            self.children[register.parent_id] += 1

    def register(self, name: str, parent_id: str | None = None, anywhere: bool = True) -> Register | None:
        if name in self.by_id:  # the window names the register chosen by its id
            return self.by_id[name]
        found = self.by_name.get(name.strip().lower(), [])
        exact = [r for r in found if r.parent_id == parent_id]
        chosen = exact or (found if anywhere else [])
        return chosen[0] if chosen else None


def make_plan(workspace: Workspace, parsed: ParsedSheet, keyed: KeyedSheets, register_name: str | None) -> Plan:
    """Compare the rows with the file and list what to write."""
    index = _Index(workspace)
    plan = Plan()
    for name, parent, fields in keyed.registers:  # riskdesk's own export: the tree first
        parent_register = index.register(parent) if parent else None
        if index.register(name) is None:
            _new_register(index, plan, name, parent_register.id if parent_register else None, fields)
    by_key: dict[tuple[str, str], Risk] = {}  # (register name lower, reference) -> risk, for keyed sheets
    for row in parsed.rows:
        register = _register_of(index, plan, row)
        risk, status = _risk(workspace, index, plan, row, register)
        if risk is None:
            continue
        by_key[(register.name.lower(), row.reference)] = risk
        by_key.setdefault(("", row.reference), risk)
        items_changed = False
        if row.controls is not None:
            items_changed |= _items(index, index.controls, plan.new_controls, plan.control_updates, risk,
                                    [{"description": text} for text in row.controls], Control)
        if row.actions is not None:
            items_changed |= _items(index, index.actions, plan.new_actions, plan.action_updates, risk,
                                    [{"description": text} for text in row.actions], Action)
        if status == "new":
            plan.created.append(row.reference)
        elif status == "updated" or items_changed:
            plan.updated.append(row.reference)
        else:
            plan.unchanged.append(row.reference)
    _keyed_items(index, plan, keyed, by_key)
    _links(index, plan, keyed, by_key)
    _periods(workspace, plan, keyed)
    return plan


def _periods(workspace: Workspace, plan: Plan, keyed: KeyedSheets) -> None:
    """riskdesk's own Periods sheet: the periods the file lacks, by label, in the sheet's order."""
    if not keyed.periods:
        return
    have = workspace.store.all(PERIOD)
    labels = {period.label.strip().lower() for period in have}
    stamp = now_text()
    for label, fields in keyed.periods:
        if label.lower() in labels:
            continue
        labels.add(label.lower())
        closed = stamp if fields["closed"] else None
        plan.new_periods.append(Period(new_id(), label, fields["start"], fields["end"], closed,
                                       position=len(have) + len(plan.new_periods)))
    closed_labels = [p.label for p in plan.new_periods if p.is_closed]
    if closed_labels:
        plan.notes.append(f"The periods {', '.join(closed_labels)} are added as closed, without the scores each "
                          "risk had then: a spreadsheet does not carry them. riskdesk's JSON export does.")


def _new_register(index: _Index, plan: Plan, name: str, parent_id: str | None, fields: dict[str, Any]) -> Register:
    register = Register(id=index.new_id(), name=name.strip(), parent_id=parent_id, position=index.children[parent_id],
                        **fields)
    index.children[parent_id] += 1
    index.by_name[register.name.lower()].append(register)
    plan.new_registers.append(register)
    return register


def _register_of(index: _Index, plan: Plan, row: ImportRow) -> Register:
    parent = None
    if row.parent:
        parent = index.register(row.parent) or _new_register(index, plan, row.parent, None, {})
        found = index.register(row.register, parent.id, anywhere=False)
    else:
        found = index.register(row.register)
    return found or _new_register(index, plan, row.register, parent.id if parent else None, {})


def _risk(workspace: Workspace, index: _Index, plan: Plan, row: ImportRow,
          register: Register) -> tuple[Risk | None, str]:
    current = index.risks.get((register.id, row.reference))
    if current is None:
        fields = dict(row.fields)
        title = fields.pop("title", "")
        risk = Risk(id=index.new_id(), register_id=register.id, reference=row.reference, title=title,
                    position=index.risk_count[register.id], **fields)
        candidate = risk
    else:
        diff = {k: v for k, v in row.fields.items() if getattr(current, k) != v}
        candidate = replace(current, **diff)
    problems = risk_problems(workspace.scheme, candidate)
    if problems:
        plan.problems += [f"Row {row.number}, {p.field.replace('_', ' ').capitalize()}: {p.message}"
                          for p in problems]
        return None, ""
    if current is None:
        index.risk_count[register.id] += 1
        index.risks[(register.id, row.reference)] = candidate
        plan.new_risks.append(candidate)
        return candidate, "new"
    if diff:
        plan.risk_updates.append((current, diff))
        return current, "updated"
    return current, "same"


def _items(index: _Index, existing: dict[str, list[Any]], new: list[Any], updates: list[tuple[Any, dict[str, Any]]],
           risk: Risk, wanted: list[dict[str, Any]], kind: type) -> bool:
    """Match items by their text: change what differs, add what is missing, leave the rest. True when any."""
    have = existing[risk.id]
    if not have:  # a new risk, or one with none yet: every item is new, nothing to match
        made = [kind(id=index.new_id(), risk_id=risk.id, position=position, **fields)
                for position, fields in enumerate(wanted)]
        have += made
        new += made
        return bool(made)
    unused = list(have)
    changed = False
    for fields in wanted:
        match = next((item for item in unused if item.description == fields["description"]), None)
        if match is None:
            record = kind(id=index.new_id(), risk_id=risk.id, position=len(have), **fields)
            have.append(record)
            new.append(record)
            changed = True
            continue
        unused.remove(match)
        diff = {k: v for k, v in fields.items() if getattr(match, k) != v}
        if diff:
            updates.append((match, diff))
            changed = True
    return changed


def _keyed_items(index: _Index, plan: Plan, keyed: KeyedSheets, by_key: dict[tuple[str, str], Risk]) -> None:
    touched: set[str] = set()
    for items, existing, new, updates, kind in (
        (keyed.controls, index.controls, plan.new_controls, plan.control_updates, Control),
        (keyed.actions, index.actions, plan.new_actions, plan.action_updates, Action),
    ):
        grouped: dict[str, list[KeyedItem]] = defaultdict(list)
        risks: dict[str, Risk] = {}
        for item in items:
            risk = by_key.get((item.register.lower(), item.reference)) or by_key.get(("", item.reference))
            if risk is None:
                plan.problems.append(f"{kind.__name__} on row {item.number}: there is no risk {item.reference}"
                                     f"{' in ' + item.register if item.register else ''} among the rows imported")
                continue
            grouped[risk.id].append(item)
            risks[risk.id] = risk
        for risk_id, group in grouped.items():
            if _items(index, existing, new, updates, risks[risk_id], [i.fields for i in group], kind):
                touched.add(risk_id)
    _reclassify(plan, touched, by_key)


def _reclassify(plan: Plan, touched: set[str], by_key: dict[tuple[str, str], Risk]) -> None:
    """A risk whose controls or actions alone changed counts as updated."""
    if not touched:
        return
    references = {risk.reference for risk in by_key.values() if risk.id in touched}
    moved = [ref for ref in plan.unchanged if ref in references]
    plan.unchanged = [ref for ref in plan.unchanged if ref not in references]
    plan.updated += moved


def _links(index: _Index, plan: Plan, keyed: KeyedSheets, by_key: dict[tuple[str, str], Risk]) -> None:
    for number, from_register, from_reference, kind, to_register, to_reference in keyed.links:
        source = by_key.get((from_register.lower(), from_reference)) or _existing(index, from_register, from_reference)
        target = by_key.get((to_register.lower(), to_reference)) or _existing(index, to_register, to_reference)
        if source is None or target is None:
            missing = from_reference if source is None else to_reference
            plan.problems.append(f"Links row {number}: there is no risk {missing} to link")
            continue
        if (source.id, target.id, kind) not in index.links:
            index.links.add((source.id, target.id, kind))
            plan.new_links.append(Link(index.new_id(), source.id, target.id, kind))


def _existing(index: _Index, register_name: str, reference: str) -> Risk | None:
    register = index.register(register_name) if register_name else None
    return index.risks.get((register.id, reference)) if register else None
