"""What an operation changed, so each view refreshes only what it shows."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class OpChanges:
    """The record of one service operation: which ids of which kinds changed."""

    registers: set[str] = field(default_factory=set)
    risks: set[str] = field(default_factory=set)
    controls: set[str] = field(default_factory=set)
    actions: set[str] = field(default_factory=set)
    periods: set[str] = field(default_factory=set)
    links: set[str] = field(default_factory=set)
    scheme: bool = False
    settings: bool = False
    # (entity, id, field) -> (old, new): what an undo needs to put back.
    fields: dict[tuple[str, str, str], tuple[object, object]] = field(default_factory=dict)
    created: set[str] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)
    # Sentences the user should read about what happened (a restored risk renamed...).
    notes: list[str] = field(default_factory=list)
    # Every view reloads from the file: a colleague changed it in a way the history cannot name.
    reload: bool = False

    @property
    def empty(self) -> bool:
        """True when nothing changed."""
        return not (
            self.registers or self.risks or self.controls or self.actions
            or self.periods or self.links or self.scheme or self.settings or self.reload
        )

    def merge(self, other: OpChanges) -> OpChanges:
        """Fold another record into this one and return self."""
        self.registers |= other.registers
        self.risks |= other.risks
        self.controls |= other.controls
        self.actions |= other.actions
        self.periods |= other.periods
        self.links |= other.links
        self.scheme = self.scheme or other.scheme
        self.settings = self.settings or other.settings
        self.reload = self.reload or other.reload
        self.fields.update(other.fields)
        self.created |= other.created
        self.deleted |= other.deleted
        self.notes += [note for note in other.notes if note not in self.notes]
        return self

    @classmethod
    def everything(cls) -> OpChanges:
        """A record that tells every view to reload (a colleague changed the file)."""
        return cls(scheme=True, settings=True, reload=True)
