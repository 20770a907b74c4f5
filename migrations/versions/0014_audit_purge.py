"""The audit log accepts one more action, ``PURGE``: the retention purge of free-text notes, by count only.

The table is rebuilt with the new check (a batch rebuild in SQLite, as in 0009 and 0013: the table is
given with its columns, check and index; rows and their hash chain kept as they are).

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from medios.db.types import UuidKey

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out, not imported: a revision keeps the vocabulary of its day.
_BEFORE = ("CREATE", "UPDATE", "DELETE", "RESTORE", "IMPORT", "CLOSE", "REOPEN", "EXPORT")
_AFTER = (*_BEFORE, "PURGE")


def _audit_log(actions: tuple[str, ...]) -> sa.Table:
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
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.CheckConstraint(f"action IN ({', '.join(repr(a) for a in actions)})", name="ck_audit_log_action"),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
        sa.Index("ix_audit_log_record_id", "record_id"),
    )


def upgrade() -> None:
    with op.batch_alter_table("audit_log", recreate="always", copy_from=_audit_log(_AFTER)):
        pass


def downgrade() -> None:
    with op.batch_alter_table("audit_log", recreate="always", copy_from=_audit_log(_BEFORE)):
        pass
