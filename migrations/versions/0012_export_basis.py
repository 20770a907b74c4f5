"""Each observatory file names the earlier files it was checked against: ``export_basis``.

A file describes the data as they were when it was written.  When data change after a file was sent (a
late entry in a month already exported), that file and the files checked with it describe an earlier
version of the data, and a corrected file contradicts them: the audit must see two versions, not one.
``export_basis`` keeps, for each file, the earlier files that were still true of the data when it was
written (what its manifest lists as ``checked_against``), so that the versions can be told apart.

Files written before this revision were refused unless every linked earlier file agreed with their
data: their basis is every earlier file linked to their months (overlapping them, or a file that does,
and so on), which is what their manifests list.  Filled here from the ledger, oldest first.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from medios.db.types import UuidKey

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _months(first: int, last: int) -> set[int]:
    months, month = set(), first
    while month <= last:
        months.add(month)
        month = month + 1 if month % 100 < 12 else (month // 100 + 1) * 100 + 1
    return months


def upgrade() -> None:
    basis = op.create_table(
        "export_basis",
        sa.Column("export_id", UuidKey(), nullable=False),
        sa.Column("basis_id", UuidKey(), nullable=False),
        sa.ForeignKeyConstraint(
            ["export_id"],
            ["observatory_export.id"],
            name=op.f("fk_export_basis_export_id_observatory_export"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["basis_id"], ["observatory_export.id"], name=op.f("fk_export_basis_basis_id_observatory_export")
        ),
        sa.PrimaryKeyConstraint("export_id", "basis_id", name=op.f("pk_export_basis")),
        sqlite_with_rowid=False,
    )
    exports = sa.table(
        "observatory_export",
        sa.column("id", UuidKey()),
        sa.column("first_month", sa.Integer()),
        sa.column("last_month", sa.Integer()),
        sa.column("created_at", sa.DateTime()),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(exports.c.id, exports.c.first_month, exports.c.last_month).order_by(
            exports.c.created_at, exports.c.id
        )
    ).all()
    pairs = []
    for index, (export_id, first, last) in enumerate(rows):
        covered = _months(first, last)
        linked: set[int] = set()
        grew = True
        while grew:  # the linked closure among the files written before this one
            grew = False
            for earlier in range(index):
                if earlier not in linked and _months(rows[earlier][1], rows[earlier][2]) & covered:
                    linked.add(earlier)
                    covered |= _months(rows[earlier][1], rows[earlier][2])
                    grew = True
        pairs += [{"export_id": export_id, "basis_id": rows[earlier][0]} for earlier in sorted(linked)]
    if pairs:
        op.bulk_insert(basis, pairs)


def downgrade() -> None:
    op.drop_table("export_basis")
