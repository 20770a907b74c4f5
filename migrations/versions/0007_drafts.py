"""Drafts of forms being filled: the ``draft`` table.

A form (the intervention entry first) writes its content here a moment after each change, so that a
crash or a power cut loses nothing; the next start offers to restore it, per user.  In the database and
never in a loose file, so that the encryption of the base covers what was typed.  No data changes.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from medios.db.types import UuidKey

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "draft",
        sa.Column("id", UuidKey(), nullable=False),
        sa.Column("user_id", UuidKey(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("target_id", UuidKey(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["mediator.id"], name=op.f("fk_draft_user_id_mediator"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft")),
    )
    op.create_index("ix_draft_user_id_kind", "draft", ["user_id", "kind"])


def downgrade() -> None:
    op.drop_index("ix_draft_user_id_kind", table_name="draft")
    op.drop_table("draft")
