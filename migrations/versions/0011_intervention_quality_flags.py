"""An intervention carries its delay of entry and four flags of its children, indexed by month.

The monthly report's data-quality figures looked up each intervention's children (a public row? an
``ORIENTE`` partner? an ``ORIENTE`` or ``ALERTE`` one? a motif of VSOC?) and read its timestamps
(``created_at``, ``updated_at``, ``device_id``) from the table: on the million-row base, 340 ms of the
706 ms that the raw statements of a month's report cost (issue 8 asks for under 0.5 s).  With

* ``entry_days``: days from ``date`` to the entry (``date(created_at)``, never negative),
* ``with_public``, ``oriented``, ``relayed``, ``vsoc_motif``: the children's flags,

written with the row by :mod:`medios.services.intervention_rows` (as ``mediator_count`` is since
0004), the figures are sums over two covering month indexes: ``ix_intervention_month_registre`` gains
the flags, and ``ix_intervention_month_entry`` holds ``(month, dispositif_id, entry_days, device_id,
updated_at, commune, qpv, id)`` in the delay's GROUP BY order.

The columns are added nullable, computed from the children and the timestamps, then made NOT NULL (a
batch rebuild in SQLite, as in 0004), so that a writer that forgets them fails.  The day difference is
the one dialect-specific expression (SQLite ``julianday``, PostgreSQL date subtraction), marked below.
``updated_at`` is left alone: derived values, not changes by a user.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = sa.text("deleted_at IS NULL")
# Written out, not imported: a revision keeps the vocabulary and the indexes of its day.
VSOC_MOTIFS = ("ISOLEMENT", "DETRESSE", "DANGER")
FLAGS = ("with_public", "oriented", "relayed", "vsoc_motif")
REGISTRE_BEFORE = [
    "month", "dispositif_id", "registre", "sub_registre", "outcome", "duration_min", "follow_up_of",
    "mediator_count", "commune", "qpv", "id", "deleted_at",
]  # fmt: skip
REGISTRE_AFTER = [*REGISTRE_BEFORE[:8], *FLAGS, *REGISTRE_BEFORE[8:]]
ENTRY_INDEX = [
    "month", "dispositif_id", "entry_days", "device_id", "updated_at", "commune", "qpv", "id", "deleted_at"
]  # fmt: skip

intervention = sa.table(
    "intervention",
    sa.column("id", sa.Uuid()),
    sa.column("date", sa.Date()),
    sa.column("created_at", sa.DateTime()),
    *(sa.column(name) for name in ("entry_days", *FLAGS)),
)
motif = sa.table("intervention_motif", sa.column("intervention_id", sa.Uuid()), sa.column("motif"))
public = sa.table("intervention_public", sa.column("intervention_id", sa.Uuid()))
partner = sa.table("intervention_partner", sa.column("intervention_id", sa.Uuid()), sa.column("role"))


def _entry_days(dialect: str) -> sa.ColumnElement[int]:
    """Days from ``date`` to ``date(created_at)``, at least 0.  DIALECT-SPECIFIC (the only place here)."""
    if dialect == "sqlite":
        days = sa.cast(
            sa.func.julianday(sa.func.date(intervention.c.created_at)) - sa.func.julianday(intervention.c.date),
            sa.Integer,
        )
        return sa.func.max(0, days)
    return sa.func.greatest(0, sa.cast(intervention.c.created_at, sa.Date) - intervention.c.date)


def upgrade() -> None:
    for name in ("entry_days", *FLAGS):
        column_type: sa.types.TypeEngine[object] = sa.Integer() if name == "entry_days" else sa.Boolean()
        op.add_column("intervention", sa.Column(name, column_type, nullable=True))
    own = intervention.c.id
    op.execute(
        intervention.update().values(
            entry_days=_entry_days(op.get_bind().dialect.name),
            with_public=sa.exists().where(public.c.intervention_id == own),
            oriented=sa.exists().where(partner.c.intervention_id == own, partner.c.role == "ORIENTE"),
            relayed=sa.exists().where(partner.c.intervention_id == own, partner.c.role.in_(("ORIENTE", "ALERTE"))),
            vsoc_motif=sa.exists().where(motif.c.intervention_id == own, motif.c.motif.in_(VSOC_MOTIFS)),
        )
    )
    op.drop_index("ix_intervention_month_registre", table_name="intervention", sqlite_where=LIVE)
    with op.batch_alter_table("intervention", schema=None) as batch_op:
        batch_op.alter_column("entry_days", existing_type=sa.Integer(), nullable=False)
        for name in FLAGS:
            batch_op.alter_column(name, existing_type=sa.Boolean(), nullable=False)
    _registre_index(REGISTRE_AFTER)
    op.create_index(
        "ix_intervention_month_entry", "intervention", ENTRY_INDEX, sqlite_where=LIVE, postgresql_where=LIVE
    )


def _registre_index(registre: list[str]) -> None:
    op.create_index(
        "ix_intervention_month_registre", "intervention", registre, sqlite_where=LIVE, postgresql_where=LIVE
    )


def downgrade() -> None:
    op.drop_index("ix_intervention_month_entry", table_name="intervention", sqlite_where=LIVE)
    op.drop_index("ix_intervention_month_registre", table_name="intervention", sqlite_where=LIVE)
    with op.batch_alter_table("intervention", schema=None) as batch_op:
        for name in reversed(("entry_days", *FLAGS)):
            batch_op.drop_column(name)
    _registre_index(REGISTRE_BEFORE)
