"""Column types of the schema that SQLAlchemy does not give as such.

``UuidKey`` stores a UUID as its 16 bytes on SQLite, where SQLAlchemy's ``Uuid`` writes 32 characters of
hex text, and as the native ``uuid`` type on PostgreSQL.  Keys are in six columns of every intervention
row, in every child table's primary key and in several indexes: the compact form makes the
million-intervention base about a quarter smaller (``benchmarks/storage_bench.py``).  Byte order is the
order of the hex text, so sorting on a key gives the same order on both representations.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import LargeBinary, Uuid
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


class UuidKey(TypeDecorator[uuid.UUID]):
    """A UUID: 16 bytes on SQLite (SQLite-specific representation), native ``uuid`` elsewhere."""

    impl = LargeBinary(16)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(LargeBinary(16))
        return dialect.type_descriptor(Uuid())

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        if not isinstance(value, uuid.UUID):
            value = uuid.UUID(str(value))
        return value.bytes

    def process_result_value(self, value: Any, dialect: Dialect) -> uuid.UUID | None:
        if value is None or dialect.name != "sqlite":
            return value  # type: ignore[no-any-return]
        return uuid.UUID(bytes=bytes(value))

    def process_literal_param(self, value: Any, dialect: Dialect) -> str:
        raise NotImplementedError("une clé n'est jamais écrite en clair dans le SQL")

    @property
    def python_type(self) -> type[uuid.UUID]:
        return uuid.UUID
