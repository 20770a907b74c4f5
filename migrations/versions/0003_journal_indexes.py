"""Indexes of the journal: live interventions newest first, and one per journal filter.

* ``ix_intervention_journal`` (``date``, ``start_time``, ``id``) over live rows: the journal's order
  (``date DESC, start_time DESC, id DESC``) read straight from the index, a page by keyset in both
  directions, a period as a range of it.
* ``ix_intervention_journal_<filter>`` (``<filter>``, ``date``) over live rows for ``registre``,
  ``domain``, ``place``, ``outcome``, ``commune``, ``qpv`` and ``dispositif_id``: a filter seeks its
  value and reads the rows newest first, whether the value is common, rare or absent; the rows of a
  same day are put in order on the fly (a few hundred at most).  ``date`` alone, not the whole key:
  a third of the size, for a page in well under a millisecond either way.

The mediator filter goes through ``intervention_mediator`` (its primary key, or its index by
mediator): no index here.  No data changes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 01:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = "deleted_at IS NULL"
# Written out, not imported: a revision keeps the indexes of its day even if the models move on.
INDEXES: dict[str, tuple[str, ...]] = {
    "ix_intervention_journal": ("date", "start_time", "id"),
    **{
        f"ix_intervention_journal_{column}": (column, "date")
        for column in ("registre", "domain", "place", "outcome", "commune", "qpv", "dispositif_id")
    },
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "intervention", list(columns), sqlite_where=sa.text(LIVE), postgresql_where=sa.text(LIVE))


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="intervention")
