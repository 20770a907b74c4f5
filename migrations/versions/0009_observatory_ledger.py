"""The observatory ledger: ``observatory_export`` (one row a file written) and ``export_cell`` (its cells).

Every observatory file (format ``medios-observatoire/1``) is recorded with its period, threshold,
référentiel version and SHA-256, and each of its cells with its status, its published value (``NULL``
when masked) and a hash of its true value.  The secondary suppression of a new file is checked against
the files already sent for overlapping periods, read from here, and prefers the cells masked before
(stable masks, domain brief §7.4).  The audit log accepts one more action, ``EXPORT`` (its table is
rebuilt with the new check, rows kept as they are).  No data changes.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from medios.db.types import UuidKey

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BEFORE = ("CREATE", "UPDATE", "DELETE", "RESTORE", "IMPORT", "CLOSE", "REOPEN")
_AFTER = (*_BEFORE, "EXPORT")


def _audit_log(actions: tuple[str, ...]) -> sa.Table:
    """The audit log as it stands, with the check of ``actions`` (what the rebuilt table gets)."""
    return sa.Table(
        "audit_log",
        sa.MetaData(),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", UuidKey(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("record_id", UuidKey(), nullable=True),
        sa.Column("changes", sa.Text(), nullable=True),
        sa.CheckConstraint(f"action IN ({', '.join(repr(a) for a in actions)})", name="ck_audit_log_action"),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
        sa.Index("ix_audit_log_record_id", "record_id"),
    )


def upgrade() -> None:
    op.create_table(
        "observatory_export",
        sa.Column("id", UuidKey(), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("first_month", sa.Integer(), nullable=False),
        sa.Column("last_month", sa.Integer(), nullable=False),
        sa.Column("threshold", sa.Integer(), nullable=False),
        sa.Column("referentiel_version", sa.String(length=32), nullable=False),
        sa.Column("format", sa.String(length=32), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("cells", sa.Integer(), nullable=False),
        sa.Column("masked_cells", sa.Integer(), nullable=False),
        sa.Column("open_months", sa.String(length=200), nullable=True),
        sa.Column("replaces_id", UuidKey(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", UuidKey(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=True),
        sa.CheckConstraint("threshold >= 5", name=op.f("ck_observatory_export_threshold")),
        sa.CheckConstraint("first_month <= last_month", name=op.f("ck_observatory_export_months")),
        sa.CheckConstraint("masked_cells <= cells", name=op.f("ck_observatory_export_masked")),
        sa.ForeignKeyConstraint(
            ["replaces_id"],
            ["observatory_export.id"],
            name=op.f("fk_observatory_export_replaces_id_observatory_export"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["mediator.id"], name=op.f("fk_observatory_export_created_by_mediator")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observatory_export")),
    )
    op.create_index("ix_observatory_export_months", "observatory_export", ["first_month", "last_month"])
    op.create_table(
        "export_cell",
        sa.Column("export_id", UuidKey(), nullable=False),
        sa.Column("cell_key", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=1), nullable=False),
        sa.Column("value", sa.Integer(), nullable=True),
        sa.Column("value_sha256", sa.String(length=64), nullable=False),
        sa.CheckConstraint("status IN ('D', 'M')", name=op.f("ck_export_cell_status")),
        sa.CheckConstraint("(status = 'M') = (value IS NULL)", name=op.f("ck_export_cell_value")),
        sa.ForeignKeyConstraint(
            ["export_id"],
            ["observatory_export.id"],
            name=op.f("fk_export_cell_export_id_observatory_export"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("export_id", "cell_key", name=op.f("pk_export_cell")),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("audit_log", recreate="always", copy_from=_audit_log(_AFTER)):
        pass


def downgrade() -> None:
    with op.batch_alter_table("audit_log", recreate="always", copy_from=_audit_log(_BEFORE)):
        pass
    op.drop_table("export_cell")
    op.drop_index("ix_observatory_export_months", table_name="observatory_export")
    op.drop_table("observatory_export")
