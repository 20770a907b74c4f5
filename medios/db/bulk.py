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
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Connection, MetaData, Table, insert, select
from sqlalchemy.orm import Session


def _convert(processor: Callable[[Any], Any], values: Sequence[Any]) -> list[Any]:
    """Apply ``processor`` to a column; a column of repeated values (dates, times, mediators, the import
    timestamp) is converted once per distinct value."""
    sample = values[:1000]
    if len(set(sample)) * 2 < len(sample):
        cache = {value: processor(value) for value in set(values)}
        return list(map(cache.__getitem__, values))
    return list(map(processor, values))


def bulk_insert(
    target: Session | Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> int:
    """Insert ``rows`` (sequences in ``columns`` order, every column of ``table``) in the current transaction."""
    missing = set(table.c.keys()) - set(columns)
    if missing:
        raise ValueError(f"bulk_insert({table.name}) : colonnes manquantes {sorted(missing)}")
    if not rows:
        return 0
    connection = target.connection() if isinstance(target, Session) else target
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    processors: list[Callable[[Any], Any] | None] = [
        table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns
    ]
    params: list[Any]
    if compiled.positiontup is not None:
        # Column-wise: transpose, convert each column with its processor (SQLAlchemy's processors map
        # None to None), transpose back in the compiled order.  map() and zip() keep the loop in C.
        columns_data: list[Sequence[Any]] = list(zip(*rows, strict=True))
        for i, processor in enumerate(processors):
            if processor is not None:
                columns_data[i] = _convert(processor, columns_data[i])
        index = {name: i for i, name in enumerate(columns)}
        params = list(zip(*(columns_data[index[key]] for key in compiled.positiontup), strict=True))
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


def bulk_insert_dicts(target: Session | Connection, table: Table, rows: Sequence[dict[str, Any]]) -> int:
    """:func:`bulk_insert` for dicts that each give every column of ``table`` (a missing key is a KeyError)."""
    if not rows:
        return 0
    columns = list(table.c.keys())
    getter = itemgetter(*columns)
    return bulk_insert(target, table, columns, [getter(row) for row in rows])


class SortedInsert:
    """Rows gathered in temporary tables, then inserted into their tables in primary-key order at once.

    A bulk load that comes in an order of its own (an import reads its file a chunk at a time) would
    insert into every index at random places; B-trees grow fastest at their end.  Each table gets an
    unindexed temporary twin (the same columns and types: the same bind processors); :meth:`finish`
    moves the rows with one ``INSERT … SELECT … ORDER BY`` per table, in the order the tables were
    given (parents first: foreign keys are checked at the end of each statement), and drops the twins.
    Everything happens in the caller's transaction: a rollback leaves nothing, twins included.
    """

    def __init__(self, target: Session | Connection, tables: Sequence[Table], *, prefix: str = "sorted_") -> None:
        self.connection = target.connection() if isinstance(target, Session) else target
        metadata = MetaData()
        self.tables = list(tables)
        self.stages = {
            table: Table(
                prefix + table.name,
                metadata,
                *(Column(column.name, column.type) for column in table.columns),
                prefixes=["TEMPORARY"],
            )
            for table in self.tables
        }
        for stage in self.stages.values():
            stage.create(self.connection)

    def add(self, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> int:
        return bulk_insert(self.connection, self.stages[table], columns, rows)

    def add_dicts(self, table: Table, rows: Sequence[dict[str, Any]]) -> int:
        return bulk_insert_dicts(self.connection, self.stages[table], rows)

    def finish(self) -> None:
        for table in self.tables:
            stage = self.stages[table]
            names = [column.name for column in table.columns]
            order = [stage.c[column.name] for column in table.primary_key.columns]
            self.connection.execute(insert(table).from_select(names, select(*stage.c).order_by(*order)))
        for stage in self.stages.values():
            stage.drop(self.connection)
