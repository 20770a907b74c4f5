"""The mediators of an intervention carry its date and start time, indexed in the journal's order.

The journal filtered on one mediator (issue 6, item 1) had two plans, both bounded by something other
than the page: walk the journal order probing each intervention's mediators (fast for someone active
lately, long for someone whose activity ended years ago: 241 ms on the million-row base), or read all
of the mediator's rows and sort them.  With ``date`` and ``start_time`` copied on
``intervention_mediator`` and the index ``(mediator_id, date, start_time, intervention_id)``, a page is
one seek and a walk of the page's own rows, whoever the mediator.  The copies are written with the
parent by :mod:`medios.services.intervention_rows`, as the month copies of migration 0004 are.  The
new index starts with ``mediator_id``, so it replaces ``ix_intervention_mediator_mediator_id``.

The table is rebuilt (SQLite cannot add a NOT NULL column without a default): a new table, the rows
copied with their parent's columns in primary-key order, the old one dropped, the new one renamed;
written with SQLAlchemy constructs, it runs on PostgreSQL as well.  Downgrade rebuilds it without them.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from medios.db.types import UuidKey

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "intervention_mediator"
TEMPORARY = "_medios_rebuild"
OLD_INDEX = ("ix_intervention_mediator_mediator_id", ["mediator_id"])
NEW_INDEX = ("ix_intervention_mediator_journal", ["mediator_id", "date", "start_time", "intervention_id"])


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
    ]
    if copies:
        columns += [sa.Column("date", sa.Date(), nullable=False), sa.Column("start_time", sa.Time(), nullable=False)]
    return sa.Table(name, metadata, *columns, sqlite_with_rowid=False)


def _rebuild(*, copies: bool) -> None:
    connection = op.get_bind()
    metadata = sa.MetaData()
    sa.Table("intervention", metadata, sa.Column("id", UuidKey(), primary_key=True))
    sa.Table("mediator", metadata, sa.Column("id", UuidKey(), primary_key=True))
    old = sa.Table(TABLE, metadata, autoload_with=connection)
    new = _table(TEMPORARY, metadata, copies=copies)
    new.create(connection)
    if copies:
        parent = sa.table("intervention", sa.column("id"), sa.column("date"), sa.column("start_time"))
        source = (
            sa.select(old.c.intervention_id, old.c.mediator_id, parent.c.date, parent.c.start_time)
            .join_from(old, parent, parent.c.id == old.c.intervention_id)
            .order_by(old.c.intervention_id, old.c.mediator_id)
        )
        names = ["intervention_id", "mediator_id", "date", "start_time"]
    else:
        source = sa.select(old.c.intervention_id, old.c.mediator_id).order_by(old.c.intervention_id, old.c.mediator_id)
        names = ["intervention_id", "mediator_id"]
    connection.execute(sa.insert(new).from_select(names, source))
    for index in list(old.indexes):
        op.drop_index(index.name, table_name=TABLE)
    op.drop_table(TABLE)
    op.rename_table(TEMPORARY, TABLE)
    name, columns = NEW_INDEX if copies else OLD_INDEX
    op.create_index(name, TABLE, columns)


def upgrade() -> None:
    _rebuild(copies=True)


def downgrade() -> None:
    _rebuild(copies=False)
