"""The audit log accepts three more actions: ``KEY`` (encryption of the base, re-keying, a clear copy
written on request), ``LOGIN`` (a user opened a session: who, never a password) and ``ROLE`` (a user's
role changed: from and to).

The table is rebuilt with the new check (a batch rebuild in SQLite, as in 0009, 0013 and 0014: the table is
given with its columns, check and index; rows and their hash chain kept as they are).

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from medios.db.types import UuidKey

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out, not imported: a revision keeps the vocabulary of its day.
_BEFORE = ("CREATE", "UPDATE", "DELETE", "RESTORE", "IMPORT", "CLOSE", "REOPEN", "EXPORT", "PURGE")
_AFTER = (*_BEFORE, "KEY", "LOGIN", "ROLE")


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
