"""Site and dispositif names unique among live rows; one « Hors QPV » convention for sites.

* A soft-deleted site or dispositif frees its name: the full UNIQUE constraints become unique
  indexes over live rows (``WHERE deleted_at IS NULL``, SQLite and PostgreSQL).
* ``site.qpv`` follows the convention of ``intervention.qpv``: a QPV code, ``HORS_QPV`` (outside
  any QPV) or NULL (not given).  Imports stored « Hors QPV » sites as NULL: a site without a QPV
  whose live interventions are all ``HORS_QPV`` (at least one) becomes ``HORS_QPV``.  A CHECK keeps
  the column to these values; a value it would refuse (none is expected: the app validates it)
  becomes NULL rather than stopping the upgrade.

``updated_at`` is left alone: these are the same facts written one way, not changes by a user.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 21:46:14.937513
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HORS_QPV = "HORS_QPV"
# Written out, not imported: a revision keeps the rule of its day even if the models move on.
QPV_CHECK = "qpv IS NULL OR qpv = 'HORS_QPV' OR (length(qpv) = 8 AND substr(qpv, 1, 2) = 'QN')"
LIVE = "deleted_at IS NULL"

site = sa.table("site", sa.column("id", sa.Uuid()), sa.column("qpv", sa.String(8)))
intervention = sa.table(
    "intervention",
    sa.column("site_id", sa.Uuid()),
    sa.column("qpv", sa.String(8)),
    sa.column("deleted_at", sa.DateTime()),
)


def _normalise_site_qpv() -> None:
    qpv = site.c.qpv
    valid = sa.or_(qpv == HORS_QPV, sa.and_(sa.func.length(qpv) == 8, sa.func.substr(qpv, 1, 2) == "QN"))
    op.execute(site.update().where(qpv.is_not(None), sa.not_(valid)).values(qpv=None))
    # One pass over the interventions (no index on site_id): the sites whose live interventions are all HORS_QPV.
    i = intervention.c
    only_hors_qpv = (
        sa.select(i.site_id)
        .where(i.deleted_at.is_(None), i.site_id.is_not(None))
        .group_by(i.site_id)
        .having(sa.func.sum(sa.case((i.qpv == HORS_QPV, 0), else_=1)) == 0)
    )
    op.execute(site.update().where(qpv.is_(None), site.c.id.in_(only_hors_qpv)).values(qpv=HORS_QPV))


def upgrade() -> None:
    _normalise_site_qpv()
    with op.batch_alter_table("site", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_site_name"), type_="unique")
        batch_op.create_check_constraint(batch_op.f("ck_site_qpv"), QPV_CHECK)
        batch_op.create_index(
            "uq_site_name_live",
            ["name"],
            unique=True,
            sqlite_where=sa.text(LIVE),
            postgresql_where=sa.text(LIVE),
        )

    with op.batch_alter_table("dispositif", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_dispositif_name"), type_="unique")
        batch_op.create_index(
            "uq_dispositif_name_live",
            ["name"],
            unique=True,
            sqlite_where=sa.text(LIVE),
            postgresql_where=sa.text(LIVE),
        )


def downgrade() -> None:
    # Fails if a deleted row and a live row share a name: rename one first.  Sites stay HORS_QPV.
    with op.batch_alter_table("dispositif", schema=None) as batch_op:
        batch_op.drop_index("uq_dispositif_name_live", sqlite_where=sa.text(LIVE), postgresql_where=sa.text(LIVE))
        batch_op.create_unique_constraint(batch_op.f("uq_dispositif_name"), ["name"])

    with op.batch_alter_table("site", schema=None) as batch_op:
        batch_op.drop_index("uq_site_name_live", sqlite_where=sa.text(LIVE), postgresql_where=sa.text(LIVE))
        batch_op.drop_constraint(batch_op.f("ck_site_qpv"), type_="check")
        batch_op.create_unique_constraint(batch_op.f("uq_site_name"), ["name"])
