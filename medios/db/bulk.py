"""Bulk inserts for imports and demo data, portable across SQLAlchemy dialects.

``session.execute(insert(table), dicts)`` spends about 10 µs a row building parameters.  Here the
statement is compiled once for the session's dialect, each column's own bind processor (UUID, date,
time…) is applied in one tight loop, and the DB-API ``executemany`` receives the parameters in the
dialect's paramstyle (tuples for positional styles such as SQLite's, dicts otherwise): the same SQL
and the same conversions SQLAlchemy would apply, with less Python per row.  Rows must give every
column of the table, so that no Python-side default is silently skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session


def bulk_insert(session: Session, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> int:
    """Insert ``rows`` (sequences in ``columns`` order, every column of ``table``) in the session's transaction."""
    missing = set(table.c.keys()) - set(columns)
    if missing:
        raise ValueError(f"bulk_insert({table.name}) : colonnes manquantes {sorted(missing)}")
    if not rows:
        return 0
    connection = session.connection()
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    processors: list[Callable[[Any], Any] | None] = [
        table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns
    ]
    params: list[Any]
    if compiled.positiontup is not None:
        index = {name: i for i, name in enumerate(columns)}
        order = [index[key] for key in compiled.positiontup]
        # Only the columns that need a conversion (UUIDs, dates, times) are touched, in place.
        needed = [(i, p) for i, p in enumerate(processors) if p is not None]
        in_order = order == list(range(len(columns)))
        params = []
        for row in rows:
            values = list(row)
            for i, p in needed:
                value = values[i]
                if value is not None:
                    values[i] = p(value)
            params.append(tuple(values) if in_order else tuple(values[i] for i in order))
    else:
        params = [
            {
                name: value if p is None or value is None else p(value)
                for name, p, value in zip(columns, processors, row, strict=True)
            }
            for row in rows
        ]
    connection.exec_driver_sql(str(compiled), params)
    return len(rows)
