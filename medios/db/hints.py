"""Hints to the query planner, written in portable SQL where there is one (SQLite-specific otherwise).

``selective(condition)``: a condition that keeps few rows.  SQLite-specific: rendered
``unlikely(condition)``, which changes nothing to the result and tells SQLite's planner that the
condition is rarely true.  With statistics (``ANALYZE``), SQLite estimates an equality on a column
of few distinct values (four communes, a handful of registres) as keeping a quarter or an eighth of
the rows, and rather walks an index in the wanted order than seek the value: fast for a common
value, but a rare or absent value then costs a walk of the whole table.  Other dialects get the
condition as it is.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import NullType


class selective(FunctionElement[Any]):  # noqa: N801 - reads as a SQL function
    """``condition``, marked as keeping few rows.  Untyped: a Boolean would be compared to 1 on SQLite."""

    type = NullType()
    name = "selective"
    inherit_cache = True


@compiles(selective)
def _portable(element: selective, compiler: SQLCompiler, **kw: Any) -> str:
    return f"({compiler.process(element.clauses, **kw)})"


@compiles(selective, "sqlite")
def _sqlite(element: selective, compiler: SQLCompiler, **kw: Any) -> str:
    return f"unlikely({compiler.process(element.clauses, **kw)})"  # SQLite-specific


class unindexed(FunctionElement[Any]):  # noqa: N801 - reads as a SQL function
    """``column``, kept from choosing the index: a condition on it is checked on the rows that an index
    on other columns finds (the commune of a monthly report is filtered inside the month index, not
    sought in the journal's commune index, which would then need a sort).  SQLite-specific: rendered
    ``+column``, the documented way to keep a term from driving an index; other dialects get the column.
    """

    name = "unindexed"
    inherit_cache = True

    def __init__(self, column: Any) -> None:
        super().__init__(column)
        self.type = column.type


@compiles(unindexed)
def _portable_unindexed(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(unindexed, "sqlite")
def _sqlite_unindexed(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return f"+{compiler.process(element.clauses, **kw)}"  # SQLite-specific
