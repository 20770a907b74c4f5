"""Covering month indexes for the monthly and yearly aggregates, dispositif scope included.

* The month indexes of ``intervention`` become covering: they list ``deleted_at`` (the queries name it;
  SQLite needs it in the index even though the index holds live rows only), start with
  ``(month, dispositif_id, …)`` (a month, or each month of a year, and the dispositif scope are
  seeks; rows come in GROUP BY order) and end with what every breakdown sums (duration,
  follow-up link, mediator count) and the commune and QPV scopes.  A fourth one serves tension,
  origin and modality; ``ix_intervention_month_id`` is folded into the territory index (which now
  ends with ``id`` for the joins of the commune and QPV scopes).  A partial index on soft-deleted
  interventions lets the aggregates subtract them.
* ``intervention.mediator_count``: the number of mediator rows (binômes without a join), computed
  from ``intervention_mediator``.
* ``intervention_motif``, ``intervention_public`` and ``intervention_partner`` get the ``month`` and
  ``dispositif_id`` of their intervention, copied from it, and an index starting with them: a month's
  child rows sit together and are aggregated without reading their parents.

``updated_at`` is left alone: derived copies, not changes by a user.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 01:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = sa.text("deleted_at IS NULL")
DELETED = sa.text("deleted_at IS NOT NULL")
# Written out, not imported: a revision keeps the indexes of its day even if the models move on.
MEASURES = ("duration_min", "follow_up_of", "mediator_count")
FILTERS = ("commune", "qpv")
JOIN = ("id",)  # the key, so that a breakdown joined to its children (commune, QPV scopes) stays covered
MONTH_INDEXES = {
    "ix_intervention_month_registre": ("registre", "sub_registre", "outcome"),
    "ix_intervention_month_place": ("place", "time_band", "day_type"),
    "ix_intervention_month_territory": ("commune", "qpv", "domain", "id"),
    "ix_intervention_month_context": ("tension", "origin", "modality"),
}
OLD_MONTH_INDEXES = {
    "ix_intervention_month_registre": ("month", "registre", "sub_registre", "outcome", "duration_min"),
    "ix_intervention_month_place": ("month", "place", "time_band", "day_type", "duration_min"),
    "ix_intervention_month_territory": ("month", "commune", "qpv", "domain"),
    "ix_intervention_month_id": ("month", "id"),
}
CHILD_INDEXES = {
    "intervention_motif": ("ix_intervention_motif_month", ("motif",)),
    "intervention_public": ("ix_intervention_public_month", ("public_type", "age_band", "sex", "count")),
    "intervention_partner": ("ix_intervention_partner_month", ("partner_type", "role")),
}

intervention = sa.table(
    "intervention",
    sa.column("id", sa.Uuid()),
    sa.column("month", sa.Integer()),
    sa.column("dispositif_id", sa.Uuid()),
    sa.column("mediator_count", sa.Integer()),
)
intervention_mediator = sa.table("intervention_mediator", sa.column("intervention_id", sa.Uuid()))


def _month_columns(groups: tuple[str, ...]) -> list[str]:
    rest = [c for c in (*MEASURES, *FILTERS, *JOIN) if c not in groups]
    return ["month", "dispositif_id", *groups, *rest, "deleted_at"]


def upgrade() -> None:
    for name in OLD_MONTH_INDEXES:
        op.drop_index(name, table_name="intervention", sqlite_where=LIVE, postgresql_where=LIVE)

    op.add_column("intervention", sa.Column("mediator_count", sa.Integer(), nullable=True))
    mediators = (
        sa.select(sa.func.count())
        .select_from(intervention_mediator)
        .where(intervention_mediator.c.intervention_id == intervention.c.id)
        .scalar_subquery()
    )
    op.execute(intervention.update().values(mediator_count=mediators))
    with op.batch_alter_table("intervention", schema=None) as batch_op:
        batch_op.alter_column("mediator_count", existing_type=sa.Integer(), nullable=False)

    for table_name, (index_name, columns) in CHILD_INDEXES.items():
        op.add_column(table_name, sa.Column("month", sa.Integer(), nullable=True))
        op.add_column(table_name, sa.Column("dispositif_id", sa.Uuid(), nullable=True))
        child = sa.table(
            table_name, sa.column("intervention_id", sa.Uuid()), sa.column("month"), sa.column("dispositif_id")
        )
        op.execute(
            child.update()
            .values(month=intervention.c.month, dispositif_id=intervention.c.dispositif_id)
            .where(child.c.intervention_id == intervention.c.id)
        )
        with op.batch_alter_table(table_name, schema=None) as batch_op:
            batch_op.alter_column("month", existing_type=sa.Integer(), nullable=False)
        op.create_index(index_name, table_name, ["month", "dispositif_id", *columns])

    for name, groups in MONTH_INDEXES.items():
        op.create_index(name, "intervention", _month_columns(groups), sqlite_where=LIVE, postgresql_where=LIVE)
    op.create_index(
        "ix_intervention_deleted_month",
        "intervention",
        ["month", "id", "deleted_at"],
        sqlite_where=DELETED,
        postgresql_where=DELETED,
    )


def downgrade() -> None:
    op.drop_index("ix_intervention_deleted_month", table_name="intervention")
    for name in MONTH_INDEXES:
        op.drop_index(name, table_name="intervention")
    for table_name, (index_name, _columns) in CHILD_INDEXES.items():
        op.drop_index(index_name, table_name=table_name)
        with op.batch_alter_table(table_name, schema=None) as batch_op:
            batch_op.drop_column("dispositif_id")
            batch_op.drop_column("month")
    with op.batch_alter_table("intervention", schema=None) as batch_op:
        batch_op.drop_column("mediator_count")
    for name, columns in OLD_MONTH_INDEXES.items():
        op.create_index(name, "intervention", list(columns), sqlite_where=LIVE, postgresql_where=LIVE)
