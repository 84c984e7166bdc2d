"""The schema, built only through sqlite-utils Migrations, and what it is allowed to hold."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

# sqlite-utils is needed only to build or migrate a file; importing it lazily
# keeps it (about a fifth of a second) out of the time to open the window.
if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.db import Table
    from sqlite_utils.migrations import Migrations

# "RskD" as a big-endian 32-bit integer: marks a file as a riskdesk register.
APPLICATION_ID = 0x52736B44

MIGRATION_SET = "riskdesk"
MIGRATIONS_TABLE = "_sqlite_migrations"  # where sqlite-utils records applied migrations

# The number of migrations below; tests check the two agree.
SCHEMA_VERSION = 3

_TRACKED = {
    "version": int,
    "deleted": int,
    "created_at": str,
    "changed_by": str,
    "changed_at": str,
}
_TRACKED_DEFAULTS = {"version": 1, "deleted": 0, "created_at": "", "changed_by": "", "changed_at": ""}


def _table(db: Database, name: str) -> Table:
    from sqlite_utils.db import Table

    table = db[name]
    assert isinstance(table, Table)
    return table


def _create(db: Database, name: str, columns: dict[str, type], **kwargs: object) -> None:
    """Create a tracked table: id, version, tombstone and who/when on every row."""
    defaults = dict(_TRACKED_DEFAULTS)
    defaults.update(kwargs.pop("defaults", {}) or {})  # type: ignore[call-overload]
    _table(db, name).create(
        {"id": str, **columns, **_TRACKED},
        pk="id",
        not_null={"version", "deleted"},
        defaults=defaults,
        **kwargs,  # type: ignore[arg-type]
    )


def _score_columns() -> dict[str, type]:
    columns: dict[str, type] = {}
    for kind in ("inherent", "residual", "target"):
        columns[f"{kind}_likelihood"] = int
        columns[f"{kind}_impact"] = int
    return columns


def build_migrations() -> Migrations:
    """The ordered, named migrations of the register file."""
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)

    @migrations(name="m001_initial")
    def m001_initial(db: Database) -> None:
        _table(db, "meta").create({"key": str, "value": str}, pk="key")
        _create(
            db,
            "registers",
            {
                "parent_id": str, "name": str, "kind": str, "owner": str,
                "description": str, "commentary": str, "position": int, "archived": int,
            },
            foreign_keys=[("parent_id", "registers", "id")],
            defaults={"position": 0, "archived": 0},
        )
        _create(
            db,
            "risks",
            {
                "register_id": str, "reference": str, "title": str, "description": str,
                "category": str, "owner": str, "accountable_officer": str,
                "cabinet_member": str, "status": str, **_score_columns(),
                "target_date": str, "appetite": str, "proximity": str, "treatment": str,
                "last_reviewed": str, "next_review": str, "exempt": int,
                "period_comment": str, "position": int, "archived": int,
            },
            foreign_keys=[("register_id", "registers", "id")],
            defaults={"position": 0, "archived": 0, "exempt": 0},
        )
        _create(
            db,
            "controls",
            {"risk_id": str, "description": str, "owner": str, "effectiveness": str, "position": int},
            foreign_keys=[("risk_id", "risks", "id")],
            defaults={"position": 0},
        )
        _create(
            db,
            "actions",
            {
                "risk_id": str, "description": str, "owner": str, "due_date": str,
                "status": str, "rag": str, "progress": str, "position": int,
            },
            foreign_keys=[("risk_id", "risks", "id")],
            defaults={"position": 0},
        )
        _create(db, "people", {"name": str, "role": str, "email": str})
        _create(
            db,
            "periods",
            {"label": str, "start": str, "end": str, "closed_at": str, "position": int},
            defaults={"position": 0},
        )
        _table(db, "snapshots").create(
            {"period_id": str, "risk_id": str, "status": str, **_score_columns(), "comment": str},
            pk=("period_id", "risk_id"),
            foreign_keys=[("period_id", "periods", "id"), ("risk_id", "risks", "id")],
        )
        _table(db, "history").create(
            {
                "id": int, "entity": str, "entity_id": str, "field": str, "old": str,
                "new": str, "reason": str, "changed_by": str, "changed_at": str,
                "operation": str,
            },
            pk="id",
        )
        _table(db, "risks").create_index(["register_id"], index_name="idx_risks_register")
        _table(db, "controls").create_index(["risk_id"], index_name="idx_controls_risk")
        _table(db, "actions").create_index(["risk_id"], index_name="idx_actions_risk")

    @migrations(name="m002_links_and_history_index")
    def m002_links(db: Database) -> None:
        # Version 2 adds links between risks ("represented on" a strategic risk)
        # and an index that keeps a record's history quick to read.
        _create(
            db,
            "links",
            {"from_risk_id": str, "to_risk_id": str, "kind": str},
            foreign_keys=[("from_risk_id", "risks", "id"), ("to_risk_id", "risks", "id")],
        )
        _table(db, "history").create_index(["entity_id"], index_name="idx_history_entity")
        _table(db, "links").create_index(["from_risk_id"], index_name="idx_links_from")

    @migrations(name="m003_exempt_paragraph")
    def m003_exempt_paragraph(db: Database) -> None:
        # Version 3 keeps, for an exempt (Part B) risk, the paragraph of Schedule 12A to the Local
        # Government Act 1972 it is exempt under ("3"), which the exempt pack prints beside it.
        _table(db, "risks").add_column("exempt_paragraph", str, not_null_default="")

    return migrations


@cache
def migrations() -> Migrations:
    """The migrations, built once when first needed."""
    return build_migrations()


# Everything a riskdesk file may contain; anything else means someone else
# added it, and a trigger or view we did not write could run on our writes.
KNOWN_TABLES = frozenset(
    {"meta", "registers", "risks", "controls", "actions", "people", "periods",
     "snapshots", "history", "links", MIGRATIONS_TABLE}
)
KNOWN_INDEXES = frozenset(
    {"idx_risks_register", "idx_controls_risk", "idx_actions_risk",
     "idx_history_entity", "idx_links_from",
     f"idx_{MIGRATIONS_TABLE}_migration_set_name"}
)
