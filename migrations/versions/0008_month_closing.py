"""Closing a month: the ``month_closure`` and ``amendment`` tables; the audit log records closings.

A coordinator closes a month: its indicators are frozen in a snapshot that reports read from then
on.  Records of a closed month may still change; each change is written as an amendment (who, when,
which record, which C and O fields, old and new).  The audit log accepts two more actions, ``CLOSE``
and ``REOPEN`` (its table is rebuilt with the new check, rows kept as they are).  No data changes.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from medios.db.types import UuidKey

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BEFORE = ("CREATE", "UPDATE", "DELETE", "RESTORE", "IMPORT")
_AFTER = (*_BEFORE, "CLOSE", "REOPEN")


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


def _sync_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", UuidKey(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", UuidKey(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("vocab_version", sa.String(length=32), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "month_closure",
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        sa.Column("closed_by", UuidKey(), nullable=True),
        sa.Column("reopened_at", sa.DateTime(), nullable=True),
        sa.Column("reopened_by", UuidKey(), nullable=True),
        sa.Column("reopen_reason", sa.String(length=200), nullable=True),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("snapshot_sha256", sa.String(length=64), nullable=False),
        *_sync_columns(),
        sa.CheckConstraint("status IN ('CLOS', 'ROUVERT')", name=op.f("ck_month_closure_status")),
        sa.CheckConstraint("version >= 1", name=op.f("ck_month_closure_version")),
        sa.CheckConstraint("month BETWEEN 190001 AND 299912", name=op.f("ck_month_closure_month")),
        sa.ForeignKeyConstraint(["closed_by"], ["mediator.id"], name=op.f("fk_month_closure_closed_by_mediator")),
        sa.ForeignKeyConstraint(["reopened_by"], ["mediator.id"], name=op.f("fk_month_closure_reopened_by_mediator")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_month_closure")),
        sa.UniqueConstraint("month", name=op.f("uq_month_closure_month")),
    )
    op.create_table(
        "amendment",
        sa.Column("id", UuidKey(), nullable=False),
        sa.Column("closure_id", UuidKey(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("closure_version", sa.Integer(), nullable=False),
        sa.Column("record_table", sa.String(length=32), nullable=False),
        sa.Column("record_id", UuidKey(), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("changes", sa.Text(), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", UuidKey(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.CheckConstraint("action IN ('CREATE', 'UPDATE', 'DELETE', 'RESTORE')", name=op.f("ck_amendment_action")),
        sa.ForeignKeyConstraint(
            ["closure_id"], ["month_closure.id"], name=op.f("fk_amendment_closure_id_month_closure")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_amendment")),
    )
    op.create_index("ix_amendment_month_at", "amendment", ["month", "at"])
    op.create_index("ix_amendment_record_id", "amendment", ["record_id"])
    with op.batch_alter_table("audit_log", recreate="always", copy_from=_audit_log(_AFTER)):
        pass


def downgrade() -> None:
    with op.batch_alter_table("audit_log", recreate="always", copy_from=_audit_log(_BEFORE)):
        pass
    op.drop_index("ix_amendment_record_id", table_name="amendment")
    op.drop_index("ix_amendment_month_at", table_name="amendment")
    op.drop_table("amendment")
    op.drop_table("month_closure")
