"""Bulk inserts store exactly what SQLAlchemy itself would store, in either paramstyle."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Time,
    Uuid,
    create_engine,
    insert,
    select,
)

from medios.db.bulk import bulk_insert, bulk_insert_dicts

metadata = MetaData()
sample = Table(
    "sample",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("day", Date),
    Column("at", Time),
    Column("stamp", DateTime),
    Column("label", String(20)),
    Column("n", Integer),
)


def _rows(count: int) -> list[dict[str, object]]:
    return [
        {
            "id": uuid.UUID(int=i + 1),
            "day": dt.date(2026, 1, 1 + i % 28),
            "at": dt.time(i % 24, 30) if i % 5 else None,
            "stamp": dt.datetime(2026, 11, 25, 19, 0, 0, 123456),
            "label": f"é{i}",
            "n": i,
        }
        for i in range(count)
    ]


@pytest.mark.parametrize("paramstyle", ["qmark", "named"])
def test_bulk_rows_read_back_like_core_rows(paramstyle: str) -> None:
    """qmark is SQLite's positional style; named stands for the dict path PostgreSQL drivers take."""
    rows = _rows(2500)  # more than the 1,000-value sample that decides per-value caching
    engines = [create_engine("sqlite://", paramstyle=paramstyle) for _ in range(2)]
    for engine in engines:
        metadata.create_all(engine)
    with engines[0].begin() as conn:
        conn.execute(insert(sample), rows)
    with engines[1].begin() as conn:
        assert bulk_insert_dicts(conn, sample, rows) == len(rows)
    raw, typed = [], []
    for engine in engines:
        with engine.connect() as conn:
            raw.append(conn.exec_driver_sql("SELECT * FROM sample ORDER BY n").fetchall())
            typed.append(conn.execute(select(sample).order_by(sample.c.n)).fetchall())
        engine.dispose()
    assert raw[0] == raw[1]  # the very same stored text
    assert typed[1] == [tuple(r.values()) for r in rows]


def test_every_column_must_be_given() -> None:
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.begin() as conn, pytest.raises(ValueError, match="colonnes manquantes"):
        bulk_insert(conn, sample, ["id", "day"], [(uuid.uuid4(), dt.date(2026, 1, 1))])
    with engine.begin() as conn:
        assert bulk_insert(conn, sample, list(sample.c.keys()), []) == 0
