"""UUID keys stored as 16 bytes on SQLite instead of 32 characters of hex text.

SQLAlchemy's ``Uuid`` writes ``CHAR(32)`` hex text on SQLite.  Keys sit in six columns of every
intervention row, in every child table's primary key and in several indexes: as bytes, the
million-intervention demo base shrinks by about a quarter (``benchmarks/storage_bench.py``).  The
index that no query reads (``intervention`` by ``updated_at``) is dropped at the same time.

SQLite-specific: PostgreSQL stores ``uuid`` natively and only loses the index.  SQLite cannot
change a column's declared type, so each table holding a ``CHAR(32)`` column is rebuilt the way the
SQLite documentation prescribes (« making other kinds of table schema changes »): a new table from the
same ``CREATE TABLE`` text with ``CHAR(32)`` read as ``BLOB``, every row copied with its keys
converted, the old table dropped, the new one renamed, its indexes created again from their own
text.  Foreign keys are off during the upgrade and checked at its end (:mod:`medios.db.migrate`);
the whole upgrade is one transaction.  Downgrade writes the hex text back.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNUSED_INDEXES = {"ix_intervention_updated_at": ("intervention", ["updated_at"])}
TEMPORARY = "_medios_rebuild"


def _to_bytes(value: Any) -> Any:
    return uuid.UUID(hex=value).bytes if isinstance(value, str) else value


def _to_hex(value: Any) -> Any:
    return uuid.UUID(bytes=bytes(value)).hex if isinstance(value, bytes) else value


def _rebuild(connection: sa.Connection, old_type: str, new_type: str, convert: Callable[[Any], Any]) -> None:
    """Rebuild every table with a column declared ``old_type`` so that it is declared ``new_type``."""
    dbapi = connection.connection.dbapi_connection
    assert dbapi is not None
    dbapi.create_function("medios_convert_key", 1, convert, deterministic=True)  # type: ignore[attr-defined]
    tables = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
        " ORDER BY name"
    ).fetchall()
    declared = re.compile(rf"(?<=\s){re.escape(old_type)}(?=[\s,)])")
    for table, create in tables:
        info = connection.exec_driver_sql(f'PRAGMA table_info("{table}")').fetchall()
        keys = {row[1] for row in info if row[2].upper() == old_type}
        if not keys:
            continue
        indexes = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (table,)
        ).fetchall()
        head, body = create.split("(", 1)
        connection.exec_driver_sql(f'CREATE TABLE "{TEMPORARY}" (' + declared.sub(new_type, body))
        columns = [row[1] for row in info]
        names = ", ".join(f'"{c}"' for c in columns)
        values = ", ".join(f'medios_convert_key("{c}")' if c in keys else f'"{c}"' for c in columns)
        connection.exec_driver_sql(f'INSERT INTO "{TEMPORARY}" ({names}) SELECT {values} FROM "{table}"')
        connection.exec_driver_sql(f'DROP TABLE "{table}"')
        connection.exec_driver_sql(f'ALTER TABLE "{TEMPORARY}" RENAME TO "{table}"')
        for (sql,) in indexes:
            connection.exec_driver_sql(sql)


def upgrade() -> None:
    for name, (table, _columns) in UNUSED_INDEXES.items():
        op.drop_index(name, table_name=table)
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        _rebuild(connection, "CHAR(32)", "BLOB", _to_bytes)


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        _rebuild(connection, "BLOB", "CHAR(32)", _to_hex)
    for name, (table, columns) in UNUSED_INDEXES.items():
        op.create_index(name, table, columns)
