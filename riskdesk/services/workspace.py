"""An open register and the operations that change it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from riskdesk.core.changes import OpChanges
from riskdesk.core.model import (
    Action,
    ActionStatus,
    Control,
    Link,
    Period,
    Register,
    Risk,
    RiskStatus,
    Settings,
    Snapshot,
)
from riskdesk.core.presets import preset
from riskdesk.core.scheme import ScoringScheme
from riskdesk.core.serialise import (
    SchemeFormatError,
    scheme_from_dict,
    scheme_to_dict,
    settings_from_dict,
    settings_to_dict,
)
from riskdesk.core.validation import Problem, ValidationError, text_problems, validate_risk
from riskdesk.services import deletion
from riskdesk.services.identity import default_user
from riskdesk.storage.errors import ConflictError, RegisterFileError
from riskdesk.storage.records import ACTION, CONTROL, LINK, PERIOD, REGISTER, RISK
from riskdesk.storage.recovery import rolled_back_note
from riskdesk.storage.store import RegisterFile, new_id, now_text


class Workspace:
    """The register file a user has open, with its scheme and settings."""

    def __init__(self, store: RegisterFile):
        self.store = store
        self._scheme: ScoringScheme | None = None
        self._settings: Settings | None = None

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, user: str | None = None, read_only: bool = False,
             check_integrity: bool = True) -> Workspace:
        """Open an existing register file (read-only for checks and exports).

        check_integrity=False leaves out the integrity check of the whole file: the caller runs
        integrity_problem() itself and writes nothing until it has passed (the window does, after
        its first paint).
        """
        if read_only:
            return cls(RegisterFile.open_read_only(path, user or default_user()))
        return cls(RegisterFile.open(path, user or default_user(), check_integrity))

    @classmethod
    def create(
        cls,
        path: Path | str,
        scheme: str | ScoringScheme = "5x5",
        council_name: str = "Council",
        user: str | None = None,
    ) -> Workspace:
        """Create a new register file with a scoring scheme."""
        chosen = preset(scheme) if isinstance(scheme, str) else scheme
        problems = chosen.problems()
        if problems:  # checked before the file exists, so a bad scheme leaves nothing behind
            raise ValidationError([Problem("scheme", text) for text in problems])
        store = RegisterFile.create(path, user or default_user())
        with store.transaction():
            store.set_meta("scheme", scheme_to_dict(chosen), "New register file")
            store.set_meta("settings", settings_to_dict(Settings(council_name=council_name)))
        return cls(store)

    def close(self) -> None:
        """Close the file; every change is already written."""
        self.store.close()

    @property
    def path(self) -> Path:
        """Where the file is."""
        return self.store.path

    @property
    def rolled_back_note(self) -> str:
        """One line saying an interrupted save was rolled back as the file opened, or ""."""
        return rolled_back_note(self.store.path) if self.store.rolled_back else ""

    @property
    def user(self) -> str:
        """Who the history names for changes made here."""
        return self.store.user

    @user.setter
    def user(self, name: str) -> None:
        self.store.user = name

    def stop_reading_when(self, should_stop: Callable[[], bool]) -> None:
        """Abandon the query under way as soon as should_stop() is true (for Cancel on long reads).

        A stopped statement raises an error in the reader; only use it where nothing is being written.
        """
        self.store.conn.set_progress_handler(lambda: 1 if should_stop() else 0, 2000)

    # -- scheme and settings ---------------------------------------------------

    @property
    def scheme(self) -> ScoringScheme:
        """The file's scoring scheme."""
        if self._scheme is None:
            data = self.store.get_meta("scheme")
            try:
                self._scheme = scheme_from_dict(data) if data else preset("5x5")
            except SchemeFormatError as error:
                raise RegisterFileError(f"{self.path.name}: its scoring scheme cannot be read ({error}).") from None
        return self._scheme

    @property
    def settings(self) -> Settings:
        """The file's settings (council name, arrow style...)."""
        if self._settings is None:
            data = self.store.get_meta("settings")
            try:
                self._settings = settings_from_dict(data)
            except (AttributeError, TypeError, ValueError):
                raise RegisterFileError(
                    f"{self.path.name}: its settings cannot be read (they are not a table of named values as "
                    "riskdesk writes them), so they were changed outside riskdesk; open a backup copy."
                ) from None
        return self._settings

    def forget_cached(self) -> None:
        """Drop cached scheme and settings (after a colleague's change)."""
        self._scheme = None
        self._settings = None

    def update_settings(self, reason: str = "", **values: Any) -> OpChanges:
        """Change settings of the file, e.g. council_name or arrow_style."""
        new = replace(self.settings, **values)
        self.store.set_meta("settings", settings_to_dict(new), reason)
        self._settings = new
        return OpChanges(settings=True)

    # -- registers -------------------------------------------------------------

    def create_register(self, name: str, parent_id: str | None = None, **fields: Any) -> tuple[Register, OpChanges]:
        """Add a register (under a parent, or at the top of the tree)."""
        if not name.strip():
            raise ValidationError([Problem("name", "Register name must not be empty")])
        if parent_id is not None:
            self.store.get(REGISTER, parent_id)
        siblings = self.store.all(REGISTER, "parent_id IS ?", (parent_id,))
        register = Register(
            id=new_id(), name=name.strip(), parent_id=parent_id,
            position=len(siblings), **fields,
        )
        register = self.store.insert(REGISTER, register)
        return register, OpChanges(registers={register.id}, created={register.id})

    def update_register(self, register_id: str, version: int, reason: str = "", **changes: Any) -> OpChanges:
        """Rename or otherwise edit a register."""
        if "name" in changes and not str(changes["name"]).strip():
            raise ValidationError([Problem("name", "Register name must not be empty")])
        if "parent_id" in changes:
            self._check_move(register_id, changes["parent_id"])
        _, diff = self.store.update(REGISTER, register_id, version, changes, reason)
        return _changes("register", register_id, diff, registers={register_id})

    def move_register(self, register_id: str, version: int, parent_id: str | None, reason: str = "") -> OpChanges:
        """Put a register under another parent (never under itself or its children)."""
        return self.update_register(register_id, version, reason, parent_id=parent_id)

    def archive_register(self, register_id: str, version: int, archived: bool = True) -> OpChanges:
        """Hide a register from the tree without deleting anything."""
        return self.update_register(register_id, version, "Archived" if archived else "Restored", archived=archived)

    def delete_register(self, register_id: str, version: int, reason: str = "") -> OpChanges:
        """Delete an empty register (a tombstone is left)."""
        if self.store.all(RISK, "register_id = ?", (register_id,)) or self.store.all(
            REGISTER, "parent_id = ?", (register_id,)
        ):
            raise ValidationError(
                [Problem("register", "Only an empty register can be deleted; archive it instead")]
            )
        self.store.delete(REGISTER, register_id, version, reason)
        return OpChanges(registers={register_id}, deleted={register_id})

    def _check_move(self, register_id: str, parent_id: str | None) -> None:
        cursor = parent_id
        while cursor is not None:
            if cursor == register_id:
                raise ValidationError(
                    [Problem("parent_id", "A register cannot be moved under itself or its own children")]
                )
            cursor = self.store.get(REGISTER, cursor).parent_id

    # -- risks -----------------------------------------------------------------

    def create_risk(self, register_id: str, reference: str, title: str, **fields: Any) -> tuple[Risk, OpChanges]:
        """Add a risk to a register, validated against the scheme."""
        self.store.get(REGISTER, register_id)
        fields.setdefault("status", RiskStatus.OPEN)  # a risk made here is live from the start
        count = self.store.count(RISK, "register_id = ?", (register_id,))  # not read: a big register stays quick
        risk = Risk(id=new_id(), register_id=register_id, reference=reference.strip(), title=title,
                    position=count, **fields)
        validate_risk(self.scheme, risk)
        self._check_reference_free(risk)
        risk = self.store.insert(RISK, risk)
        return risk, OpChanges(risks={risk.id}, registers={register_id}, created={risk.id})

    def update_risk(self, risk_id: str, version: int, reason: str = "", **changes: Any) -> OpChanges:
        """Change fields of a risk; invalid values are refused and nothing is written."""
        current = self.store.find(RISK, risk_id)
        if current is None:
            raise ConflictError("risk", risk_id, version, None, changes)
        candidate = replace(current, **changes)
        validate_risk(self.scheme, candidate)
        if "register_id" in changes:
            self.store.get(REGISTER, changes["register_id"])
        if "reference" in changes or "register_id" in changes:
            self._check_reference_free(candidate)
        _, diff = self.store.update(RISK, risk_id, version, changes, reason)
        registers = {current.register_id, candidate.register_id}
        return _changes("risk", risk_id, diff, risks={risk_id}, registers=registers)

    def _check_reference_free(self, risk: Risk) -> None:
        """A reference names one risk in its register: committee papers and imports rely on it."""
        clash = self.store.all(RISK, "register_id = ? AND reference = ? AND id != ?",
                               (risk.register_id, risk.reference.strip(), risk.id))
        if clash:
            raise ValidationError([Problem(
                "reference", f"Reference {risk.reference.strip()} is already used in this register "
                f"({clash[0].title}); choose another")])

    def move_risk(self, risk_id: str, version: int, register_id: str, reason: str = "") -> OpChanges:
        """Move a risk to another register."""
        return self.update_risk(risk_id, version, reason, register_id=register_id)

    def archive_risk(self, risk_id: str, version: int, archived: bool = True) -> OpChanges:
        """Hide a risk from the views and reports without deleting it."""
        return self.update_risk(risk_id, version, "Archived" if archived else "Restored", archived=archived)

    def delete_risk(self, risk_id: str, version: int, reason: str = "") -> OpChanges:
        """Delete a risk with its controls, actions and links (all as tombstones)."""
        return deletion.delete_risk(self.store, risk_id, version, reason)

    def restore_risk(self, risk_id: str) -> OpChanges:
        """Undo a delete: bring the risk back with exactly what its deletion removed."""
        return deletion.restore_risk(self.store, risk_id)

    def restore_record(self, kind: str, record_id: str, reason: str = "Undo") -> OpChanges:
        """Bring back a removed control, action, link or register with its id and position."""
        return deletion.restore_record(self.store, kind, record_id, reason)

    def duplicate_risk(self, risk_id: str) -> tuple[Risk, OpChanges]:
        """Copy a risk with its controls and actions, under a new reference."""
        source = self.store.get(RISK, risk_id)
        references = {r.reference for r in self.store.all(RISK, "register_id = ?", (source.register_id,))}
        reference = f"{source.reference} (copy)"
        counter = 2
        while reference in references:
            reference = f"{source.reference} (copy {counter})"
            counter += 1
        fields = {
            k: getattr(source, k) for k in (
                "description", "category", "owner", "accountable_officer", "cabinet_member",
                "status", "inherent", "residual", "target", "target_date", "appetite",
                "proximity", "treatment", "last_reviewed", "next_review", "exempt", "exempt_paragraph",
            )
        }
        with self.store.transaction():
            copy, changes = self.create_risk(source.register_id, reference, source.title, **fields)
            for spec in (CONTROL, ACTION):
                for item in self.store.all(spec, "risk_id = ?", (risk_id,)):
                    made = self.store.insert(spec, replace(item, id=new_id(), risk_id=copy.id))
                    getattr(changes, spec.table).add(made.id)
                    changes.created.add(made.id)
        return copy, changes

    # -- controls and actions ----------------------------------------------------

    def add_control(self, risk_id: str, description: str, **fields: Any) -> tuple[Control, OpChanges]:
        """Add a control to a risk."""
        if not description.strip():
            raise ValidationError([Problem("description", "Control description must not be empty")])
        _check_texts(description=description, **fields)
        self.store.get(RISK, risk_id)
        count = self.store.count(CONTROL, "risk_id = ?", (risk_id,))
        control = self.store.insert(
            CONTROL, Control(id=new_id(), risk_id=risk_id, description=description.strip(),
                             position=count, **fields)
        )
        return control, OpChanges(controls={control.id}, risks={risk_id}, created={control.id})

    def update_control(self, control_id: str, version: int, reason: str = "", **changes: Any) -> OpChanges:
        """Edit a control."""
        if "description" in changes and not str(changes["description"]).strip():
            raise ValidationError([Problem("description", "Control description must not be empty")])
        _check_texts(**changes)
        control, diff = self.store.update(CONTROL, control_id, version, changes, reason)
        return _changes("control", control_id, diff, controls={control_id}, risks={control.risk_id})

    def delete_control(self, control_id: str, version: int, reason: str = "") -> OpChanges:
        """Remove a control (a tombstone is left)."""
        control = self.store.delete(CONTROL, control_id, version, reason)
        return OpChanges(controls={control_id}, risks={control.risk_id}, deleted={control_id})

    def add_action(self, risk_id: str, description: str, **fields: Any) -> tuple[Action, OpChanges]:
        """Add an action to a risk."""
        if not description.strip():
            raise ValidationError([Problem("description", "Action description must not be empty")])
        _check_texts(description=description, **fields)
        self.store.get(RISK, risk_id)
        count = self.store.count(ACTION, "risk_id = ?", (risk_id,))
        action = self.store.insert(
            ACTION, Action(id=new_id(), risk_id=risk_id, description=description.strip(),
                           position=count, **fields)
        )
        return action, OpChanges(actions={action.id}, risks={risk_id}, created={action.id})

    def update_action(self, action_id: str, version: int, reason: str = "", **changes: Any) -> OpChanges:
        """Edit an action."""
        if "description" in changes and not str(changes["description"]).strip():
            raise ValidationError([Problem("description", "Action description must not be empty")])
        _check_texts(**changes)
        action, diff = self.store.update(ACTION, action_id, version, changes, reason)
        return _changes("action", action_id, diff, actions={action_id}, risks={action.risk_id})

    def delete_action(self, action_id: str, version: int, reason: str = "") -> OpChanges:
        """Remove an action (a tombstone is left)."""
        action = self.store.delete(ACTION, action_id, version, reason)
        return OpChanges(actions={action_id}, risks={action.risk_id}, deleted={action_id})

    def action_to_control(self, action_id: str, version: int) -> tuple[Control, OpChanges]:
        """Turn a completed action into a control of the same risk."""
        action = self.store.get(ACTION, action_id)
        if action.status != ActionStatus.COMPLETE:
            raise ValidationError(
                [Problem("status", "Only a completed action can become a control")]
            )
        with self.store.transaction():
            control, changes = self.add_control(action.risk_id, action.description, owner=action.owner)
            self.store.delete(ACTION, action_id, version, "Became a control")
        changes.actions.add(action_id)
        changes.deleted.add(action_id)
        return control, changes

    def reorder(self, kind: str, ordered_ids: list[str]) -> OpChanges:
        """Put controls, actions, risks or registers in the given order."""
        spec = {"control": CONTROL, "action": ACTION, "risk": RISK, "register": REGISTER}[kind]
        changes = OpChanges()
        with self.store.transaction():
            for position, record_id in enumerate(ordered_ids):
                record = self.store.get(spec, record_id)
                if record.position != position:
                    self.store.update(spec, record_id, record.version, {"position": position}, "Reordered")
                    getattr(changes, spec.table).add(record_id)
        return changes

    # -- links, people, periods ----------------------------------------------------

    def link_risks(self, from_risk_id: str, to_risk_id: str, kind: str = "represented on") -> tuple[Link, OpChanges]:
        """Record that one risk is represented on another."""
        if from_risk_id == to_risk_id:
            raise ValidationError([Problem("link", "A risk cannot be linked to itself")])
        self.store.get(RISK, from_risk_id)
        self.store.get(RISK, to_risk_id)
        link = self.store.insert(LINK, Link(new_id(), from_risk_id, to_risk_id, kind))
        return link, OpChanges(links={link.id}, risks={from_risk_id, to_risk_id}, created={link.id})

    def unlink(self, link_id: str) -> OpChanges:
        """Remove a link between two risks."""
        return deletion.unlink(self.store, link_id)

    def create_period(self, label: str, start: date | None = None, end: date | None = None) -> tuple[Period, OpChanges]:
        """Add a reporting period such as "Q1 2024/25"."""
        label = label.strip()
        if not label:
            raise ValidationError([Problem("label", "Period label must not be empty")])
        existing = self.store.all(PERIOD)
        if any(p.label == label for p in existing):
            raise ValidationError([Problem("label", f"There is already a period called {label}")])
        position = max((p.position for p in existing), default=-1) + 1
        period = self.store.insert(PERIOD, Period(new_id(), label, start, end, None, position))
        return period, OpChanges(periods={period.id}, created={period.id})

    def close_period(self, period_id: str, next_label: str | None = None) -> OpChanges:
        """Snapshot every risk's scores and period comment, and close the period.

        The period comments are cleared for the next period; when next_label is
        given that period is opened too.
        """
        period = self.store.get(PERIOD, period_id)
        if period.is_closed:
            raise ValidationError([Problem("period", f"{period.label} is already closed")])
        changes = OpChanges(periods={period_id})
        with self.store.transaction():
            for risk in self.store.all(RISK, "archived = 0"):
                self.store.write_snapshot(Snapshot(
                    period.id, risk.id, risk.status, risk.inherent, risk.residual, risk.target,
                    risk.period_comment,
                ))
                if risk.period_comment:
                    self.store.update(RISK, risk.id, risk.version, {"period_comment": ""},
                                      f"{period.label} closed")
                changes.risks.add(risk.id)
            self.store.update(PERIOD, period.id, period.version, {"closed_at": now_text()},
                              "Period closed")
            if next_label:
                next_period, _ = self.create_period(next_label)
                changes.periods.add(next_period.id)
        return changes


def _check_texts(**values: Any) -> None:
    """Texts over the limit are refused, naming the field, before anything is written."""
    problems = [p for name, value in values.items() if isinstance(value, str) for p in text_problems(name, value)]
    if problems:
        raise ValidationError(problems)


def _changes(entity: str, record_id: str, diff: dict[str, tuple[Any, Any]], **ids: set[str]) -> OpChanges:
    changes = OpChanges(**ids)  # type: ignore[arg-type]
    changes.fields = {(entity, record_id, name): pair for name, pair in diff.items()}
    return changes
