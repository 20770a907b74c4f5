"""The audit log becomes a hash chain: ``audit_log.sha256``.

Each line gets the SHA-256 of the previous line's ``sha256`` (sixty-four zeros for the first line) and
of its own fields, in a fixed order and spelling (see ``medios.services.audit.entry_digest``), so that
``medios audit verify`` finds a line edited, removed or moved.  The lines already written are chained
here in id order, then the column is made NOT NULL (a batch rebuild in SQLite, as in 0009: the table is
given with its check and index, rows kept as they are).

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from medios.db.types import UuidKey

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out, not imported: a revision keeps the rules of its day.
ACTIONS = ("CREATE", "UPDATE", "DELETE", "RESTORE", "IMPORT", "CLOSE", "REOPEN", "EXPORT")
GENESIS = "0" * 64
SEPARATOR, NONE = "\x1f", "\x00"
BATCH = 5000


def _digest(previous: str, *row: Any) -> str:
    at, actor_id, device_id, action, table_name, record_id, changes = row
    fields = (
        previous,
        at.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds"),
        actor_id.hex if actor_id else NONE,
        device_id,
        action,
        table_name,
        record_id.hex if record_id else NONE,
        NONE if changes is None else changes,
    )
    return hashlib.sha256(SEPARATOR.join(fields).encode("utf-8")).hexdigest()


def _audit_log(*, chained: bool) -> sa.Table:
    columns = [
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", UuidKey(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("record_id", UuidKey(), nullable=True),
        sa.Column("changes", sa.Text(), nullable=True),
    ]
    if chained:
        columns.append(sa.Column("sha256", sa.String(length=64), nullable=False))
    return sa.Table(
        "audit_log",
        sa.MetaData(),
        *columns,
        sa.CheckConstraint(f"action IN ({', '.join(repr(a) for a in ACTIONS)})", name="ck_audit_log_action"),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
        sa.Index("ix_audit_log_record_id", "record_id"),
    )


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("sha256", sa.String(length=64), nullable=True))
    log = sa.table(
        "audit_log",
        sa.column("id", sa.Integer()),
        sa.column("at", sa.DateTime()),
        sa.column("actor_id", UuidKey()),
        sa.column("device_id", sa.String()),
        sa.column("action", sa.String()),
        sa.column("table_name", sa.String()),
        sa.column("record_id", UuidKey()),
        sa.column("changes", sa.Text()),
        sa.column("sha256", sa.String()),
    )
    bind = op.get_bind()
    head, after = GENESIS, 0
    update = sa.update(log).where(log.c.id == sa.bindparam("line")).values(sha256=sa.bindparam("digest"))
    while True:  # in id order, a batch at a time (a long log is not read into memory at once)
        rows = bind.execute(
            sa.select(
                log.c.id,
                log.c.at,
                log.c.actor_id,
                log.c.device_id,
                log.c.action,
                log.c.table_name,
                log.c.record_id,
                log.c.changes,
            )
            .where(log.c.id > after)
            .order_by(log.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        digests = []
        for row in rows:
            head = _digest(head, *row[1:])
            digests.append({"line": row[0], "digest": head})
        bind.execute(update, digests)
        after = rows[-1][0]
    with op.batch_alter_table("audit_log", recreate="always", copy_from=_audit_log(chained=True)):
        pass


def downgrade() -> None:
    with op.batch_alter_table("audit_log", recreate="always", copy_from=_audit_log(chained=True)) as batch_op:
        batch_op.drop_column("sha256")
