"""The mediators of an intervention carry what the per-mediator figures sum, indexed by month.

The monthly report's per-mediator table (interventions, minutes, follow-ups, binômes, minutes outside
a présence block) joined every intervention of the months to its mediator rows: one primary-key seek
per intervention, 331 ms of the 943 ms that the year to date of a month's report costs on the
million-row base (issue 8 asks for under 0.5 s).  With the parent's ``month``, ``dispositif_id``,
``duration_min`` and ``mediator_count`` copied on ``intervention_mediator``, and two flags
(``follow_up``: ``follow_up_of`` is set; ``in_block``: ``presence_id`` is set), the figures are one
walk of the covering index ``ix_intervention_mediator_month`` (soft-deleted parents are subtracted, as
for the other child tables).  The copies are written with the parent by
:mod:`medios.services.intervention_rows`, as those of migrations 0004 and 0006 are.

The table is rebuilt as in migration 0006 (SQLite cannot add NOT NULL columns without a default):
a new table, the rows copied with their parent's columns in primary-key order, the old one dropped,
the new one renamed; written with SQLAlchemy constructs, it runs on PostgreSQL as well.  Downgrade
rebuilds it with the date and start time only.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from medios.db.types import UuidKey

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "intervention_mediator"
TEMPORARY = "_medios_rebuild"
JOURNAL_INDEX = ("ix_intervention_mediator_journal", ["mediator_id", "date", "start_time", "intervention_id"])
MONTH_INDEX = (
    "ix_intervention_mediator_month",
    ["month", "dispositif_id", "mediator_id", "duration_min", "follow_up", "mediator_count", "in_block"],
)
COPIES = ("month", "dispositif_id", "duration_min", "mediator_count")


def _table(name: str, metadata: sa.MetaData, *, copies: bool) -> sa.Table:
    columns: list[sa.Column[object]] = [
        sa.Column(
            "intervention_id",
            UuidKey(),
            sa.ForeignKey(
                "intervention.id", ondelete="CASCADE", name="fk_intervention_mediator_intervention_id_intervention"
            ),
            primary_key=True,
        ),
        sa.Column(
            "mediator_id",
            UuidKey(),
            sa.ForeignKey("mediator.id", name="fk_intervention_mediator_mediator_id_mediator"),
            primary_key=True,
        ),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
    ]
    if copies:
        columns += [
            sa.Column("month", sa.Integer(), nullable=False),
            sa.Column("dispositif_id", UuidKey(), nullable=True),
            sa.Column("duration_min", sa.Integer(), nullable=False),
            sa.Column("mediator_count", sa.Integer(), nullable=False),
            sa.Column("follow_up", sa.Boolean(), nullable=False),
            sa.Column("in_block", sa.Boolean(), nullable=False),
        ]
    return sa.Table(name, metadata, *columns, sqlite_with_rowid=False)


def _rebuild(*, copies: bool) -> None:
    connection = op.get_bind()
    metadata = sa.MetaData()
    sa.Table("intervention", metadata, sa.Column("id", UuidKey(), primary_key=True))
    sa.Table("mediator", metadata, sa.Column("id", UuidKey(), primary_key=True))
    old = sa.Table(TABLE, metadata, autoload_with=connection)
    new = _table(TEMPORARY, metadata, copies=copies)
    new.create(connection)
    names = ["intervention_id", "mediator_id", "date", "start_time"]
    columns: list[sa.ColumnElement[object]] = [old.c[name] for name in names]
    source = sa.select(*columns)
    if copies:
        parent = sa.table(
            "intervention",
            sa.column("id"),
            sa.column("follow_up_of"),
            sa.column("presence_id"),
            *map(sa.column, COPIES),
        )
        source = sa.select(
            *columns,
            *(parent.c[name] for name in COPIES),
            parent.c.follow_up_of.is_not(None),
            parent.c.presence_id.is_not(None),
        ).join_from(old, parent, parent.c.id == old.c.intervention_id)
        names += [*COPIES, "follow_up", "in_block"]
    source = source.order_by(old.c.intervention_id, old.c.mediator_id)
    connection.execute(sa.insert(new).from_select(names, source))
    for index in list(old.indexes):
        op.drop_index(index.name, table_name=TABLE)
    op.drop_table(TABLE)
    op.rename_table(TEMPORARY, TABLE)
    for name, indexed in (JOURNAL_INDEX, MONTH_INDEX) if copies else (JOURNAL_INDEX,):
        op.create_index(name, TABLE, indexed)


def upgrade() -> None:
    _rebuild(copies=True)


def downgrade() -> None:
    _rebuild(copies=False)
