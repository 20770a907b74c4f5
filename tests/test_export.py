"""The streaming export (Core, chunked): the same bytes as the ORM export it replaced, bounded queries."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import given
from hypothesis import strategies as strat
from sqlalchemy import Table, event, select, update
from sqlalchemy.orm import aliased, load_only, selectinload

from medios.db import Database, open_database
from medios.db.models import Base, Dispositif, Intervention, Mediator, assert_not_local
from medios.demo import generate_demo
from medios.services import structure as st
from medios.services.interchange import export_jsonl, export_lines, exporter, import_jsonl
from medios.services.interchange.format import format_timestamp, to_line

TODAY = dt.date(2026, 11, 25)
ODD_NAME = 'Médiation « gare » \\ "citée"\t\x01\u2028 😀'  # quotes, backslash, controls, U+2028, outside the BMP


def reference_lines(db: Database) -> Iterator[dict[str, Any]]:
    """The export as it was written before the streaming one (ORM objects and their collections), kept
    as the oracle: the streaming export must write the very same bytes."""
    table = cast(Table, Intervention.__table__)
    columns = exporter.EXPORTED_COLUMNS
    assert_not_local(table, [c for c in columns if c not in exporter.LOCAL_COLUMNS_ALLOWED])
    with db.session() as session:
        pseudonyms = dict(session.execute(select(Mediator.id, Mediator.pseudonym)).all())
        dispositifs = dict(session.execute(select(Dispositif.id, Dispositif.name)).all())
        target = aliased(Intervention)
        deleted_targets = set(
            session.scalars(
                select(target.id)
                .join(Intervention, Intervention.follow_up_of == target.id)
                .where(target.deleted_at.is_not(None))
            )
        )
        query = (
            select(Intervention)
            .options(
                load_only(*(getattr(Intervention, c) for c in columns)),
                *(selectinload(getattr(Intervention, c)) for c in ("mediators", "motifs", "publics", "partners")),
            )
            .where(Intervention.deleted_at.is_(None))
            .order_by(Intervention.date, Intervention.start_time, Intervention.id)
        )
        for row in session.scalars(query):
            values = {c: getattr(row, c) for c in columns if c != "dispositif_id"}
            values["dispositif"] = dispositifs[row.dispositif_id] if row.dispositif_id is not None else None
            values["mediators"] = [(pseudonyms[m.mediator_id], m.mediator_id) for m in row.mediators]
            values["motifs"] = [m.motif for m in row.motifs]
            values["publics"] = [(p.public_type, p.age_band, p.sex, p.count) for p in row.publics]
            values["partners"] = [(p.partner_type, p.role) for p in row.partners]
            if row.follow_up_of in deleted_targets:
                values["follow_up_of"] = None
            yield to_line(values)


def reference_bytes(db: Database) -> bytes:
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in reference_lines(db)).encode("utf-8")


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo base made awkward: odd labels, deleted rows and follow-up targets, ties on date and time."""
    path = tmp_path_factory.mktemp("export") / "demo.db"
    db = open_database(path)
    generate_demo(db, months=2, mediators=4, seed=5, today=TODAY)
    with db.transaction() as session:
        followed = session.execute(
            select(Intervention.id, Intervention.follow_up_of).where(Intervention.follow_up_of.is_not(None)).limit(4)
        ).all()
        assert len(followed) == 4
        # Two follow-up targets deleted (their follow-ups lose the link), and one plain intervention.
        gone = [followed[0].follow_up_of, followed[1].follow_up_of]
        plain = session.scalars(
            select(Intervention.id).where(Intervention.follow_up_of.is_(None)).order_by(Intervention.id).limit(3)
        ).all()
        session.execute(update(Intervention).where(Intervention.id.in_([*gone, plain[0]])).values(deleted_at=TODAY))
        # A tie on date and start: the id decides.
        session.execute(
            update(Intervention)
            .where(Intervention.id.in_(plain[1:]))
            .values(date=dt.date(2026, 10, 1), start_time=dt.time(9, 30))
        )
        first = session.scalars(select(Dispositif.id).order_by(Dispositif.id)).first()
        session.execute(update(Dispositif).where(Dispositif.id == first).values(name=ODD_NAME))
        session.execute(update(Intervention).where(Intervention.id == followed[2].id).values(dispositif_id=None))
        mediator = session.scalars(select(Mediator.id).order_by(Mediator.id)).first()
        session.execute(update(Mediator).where(Mediator.id == mediator).values(pseudonym="MÉD-Ünï"))
    db.dispose()
    return path


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "demo.db"
    path.write_bytes(demo_template.read_bytes())
    db = open_database(path)
    yield db
    db.dispose()


def test_the_export_writes_the_bytes_of_the_orm_export_it_replaced(demo: Database, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    count = export_jsonl(demo, out)
    expected = reference_bytes(demo)
    assert out.read_bytes() == expected
    # split("\n"), not splitlines(): U+2028 is written as is, and is no line break in a JSON lines file.
    lines = [json.loads(line) for line in expected.decode("utf-8").split("\n")[:-1]]
    assert count == len(lines) > 100
    # The awkward cases are there: the oracle compared them.
    assert any(line.get("dispositif") == ODD_NAME for line in lines)
    assert '"dispositif": "Médiation « gare » \\\\ \\"citée\\"\\t\\u0001\u2028 😀"' in expected.decode("utf-8")
    assert any(m["pseudonym"] == "MÉD-Ünï" for line in lines for m in line["mediators"])
    assert any("dispositif" not in line for line in lines) and any(len(line["mediators"]) > 1 for line in lines)
    for key in ("qpv", "sub_registre", "origin", "modality", "tension", "consent", "follow_up_of", "presence_id"):
        assert any(key in line for line in lines) and any(key not in line for line in lines), key
    with demo.session() as session:
        live = set(map(str, session.scalars(select(Intervention.id).where(Intervention.deleted_at.is_(None)))))
        deleted = set(map(str, session.scalars(select(Intervention.id).where(Intervention.deleted_at.is_not(None)))))
    assert {line["id"] for line in lines} == live and len(deleted) == 3
    assert not {line.get("follow_up_of") for line in lines} & deleted
    ties = [line for line in lines if (line["date"], line["start"]) == ("2026-10-01", "09:30")]
    assert len(ties) >= 2 and [line["id"] for line in ties] == sorted(line["id"] for line in ties)


@pytest.mark.parametrize("chunk", [1, 2, 7, 64])
def test_chunk_boundaries_change_nothing(demo: Database, chunk: int) -> None:
    assert list(export_lines(demo, chunk=chunk)) == list(reference_lines(demo))


def test_queries_per_chunk_are_bounded_and_no_orm_object_is_built(demo: Database) -> None:
    """One query per child table and chunk (no lazy load per row, no relationship), no ORM object."""
    statements: list[str] = []
    loaded: list[object] = []

    def on_execute(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    def on_load(target: object, _context: Any) -> None:
        loaded.append(target)

    event.listen(demo.engine, "before_cursor_execute", on_execute)
    event.listen(Base, "load", on_load, propagate=True)
    try:
        count = sum(1 for _ in export_lines(demo, chunk=50))
    finally:
        event.remove(Base, "load", on_load)
        event.remove(demo.engine, "before_cursor_execute", on_execute)
    chunks = math.ceil(count / 50)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    # The parent cursor, mediators, dispositifs; then per chunk 4 child queries and the deleted targets.
    assert 3 + 4 * chunks <= len(selects) <= 3 + 5 * chunks
    assert loaded == []


def _plan(db: Database, statement: str, params: Any) -> str:
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).all()
    return " | ".join(row[-1] for row in rows)


def test_child_queries_seek_by_primary_key(demo: Database) -> None:
    """Each child query reads only the chunk's rows, by the clustered primary key (no scan)."""
    with demo.engine.connect() as connection:
        values = exporter._StoredValues(connection, exporter.CHUNK)
        ids = [row[0] for row in connection.execute(select(exporter._raw(Intervention.__table__.c.id)).limit(3))]
        queries = [*values.children, values.targets]
        expanded = []
        for query in queries:
            query.rows(ids)  # compiles and caches the statement for this length
            expanded.append(next(iter(query.expanded.values())))
    plans = [_plan(demo, statement, tuple(ids) + tuple(ids[-1:] * (8 - len(ids)))) for statement, _, _ in expanded]
    for plan, table in zip(
        plans,
        ("intervention_mediator", "intervention_motif", "intervention_public", "intervention_partner"),
        strict=False,
    ):
        assert re.search(rf"SEARCH {table} USING PRIMARY KEY \(intervention_id=\?\)", plan), plan
    assert "SCAN" not in plans[-1] and "SEARCH target USING" in plans[-1], plans[-1]


def test_export_import_export_round_trip_is_byte_identical(tmp_path: Path) -> None:
    """A demo base travels to a second base and on to a third: the second and third exports are the same
    bytes (the first differs only by the presence links, which v1 does not exchange)."""
    demo = open_database(tmp_path / "demo.db")
    generate_demo(demo, months=2, mediators=4, seed=5, today=TODAY)
    first = tmp_path / "first.jsonl"
    export_jsonl(demo, first)
    names = [d.name for d in st.list_dispositifs(demo)]
    demo.dispose()

    def fresh(name: str) -> Database:
        db = open_database(tmp_path / name)
        st.init_structure(db, "Médiation de passage", mediator="Alice Martin")
        for label in names:
            st.create_dispositif(db, label, "HABITAT", dt.date(2020, 1, 1))
        return db

    exports = []
    source = first
    for name in ("second.db", "third.db"):
        db = fresh(name)
        report = import_jsonl(db, source, today=TODAY)
        assert report.invalid_lines == 0
        source = tmp_path / (name + ".jsonl")
        export_jsonl(db, source)
        exports.append(source.read_bytes())
        db.dispose()
    assert exports[0] == exports[1]
    stripped = [
        {k: v for k, v in json.loads(line).items() if k != "presence_id"}
        for line in first.read_text(encoding="utf-8").splitlines()
    ]
    assert stripped == [json.loads(line) for line in exports[0].decode("utf-8").splitlines()]


@given(strat.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31, 23, 59, 59, 999999)))
def test_format_timestamp_writes_what_strftime_wrote(stamp: dt.datetime) -> None:
    assert format_timestamp(stamp) == stamp.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@given(strat.uuids())
def test_uuid_text_is_str_of_the_uuid_whatever_the_stored_form(value: uuid.UUID) -> None:
    general_calls: list[Any] = []

    def general(raw: Any) -> str:
        general_calls.append(raw)
        return str(uuid.UUID(str(raw)) if not isinstance(raw, uuid.UUID) else raw)

    text = exporter._uuid_text(general)
    for form in (value.hex, value.hex.upper(), str(value), value):
        assert text(form) == str(value)
    assert general_calls == [value.hex.upper(), str(value), value]  # the shortcut takes the stored form only


def test_written_fields_follow_the_columns_the_export_reads() -> None:
    """The export passes each row to written_line positionally: its parameters are the columns read,
    the dispositif as its label, then the four children."""
    import inspect

    from medios.services.interchange.format import WRITTEN_FIELDS, written_line

    columns = tuple("dispositif" if c == "dispositif_id" else c for c in exporter.EXPORTED_COLUMNS)
    assert WRITTEN_FIELDS == (*columns, "mediators", "motifs", "publics", "partners")
    assert len(inspect.signature(written_line).parameters) == len(WRITTEN_FIELDS)


@pytest.mark.parametrize(
    "stored",
    ["2026-10-14 09:05:00.000000", "2026-10-14 09:05:00.000123", "0999-01-01 00:00:00.000000", "2026-10-14 09:05:00"],
)
def test_stamp_text_writes_format_timestamp_of_the_stored_value(stored: str) -> None:
    from sqlalchemy.dialects import sqlite

    dialect = sqlite.dialect()
    column = Intervention.__table__.c.updated_at
    convert = column.type.dialect_impl(dialect).result_processor(dialect, None)
    assert exporter._stamp_text(column, dialect)(stored) == format_timestamp(convert(stored))


def test_a_malformed_stored_stamp_still_fails() -> None:
    from sqlalchemy.dialects import sqlite

    with pytest.raises(ValueError):
        exporter._stamp_text(Intervention.__table__.c.updated_at, sqlite.dialect())("2026-02-30 09:05:00.000000")


def test_the_export_reads_with_a_bounded_sqlite_cache_then_restores_it(demo: Database) -> None:
    """SQLite sorts and caches within cache_size: the export lowers it (memory bounded whatever the base
    size) and gives the pooled connection back as it found it."""
    from medios.db.engine import driver_execute
    from medios.db.streaming import STREAM_CACHE_KIB

    seen: list[int] = []

    def on_execute(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "FROM intervention_public" in statement:
            seen.append(conn.connection.driver_connection.execute("PRAGMA cache_size").fetchone()[0])

    with demo.engine.connect() as connection:
        [(before,)] = driver_execute(connection, "PRAGMA cache_size")
    event.listen(demo.engine, "before_cursor_execute", on_execute)
    try:
        assert sum(1 for _ in export_lines(demo)) > 0
    finally:
        event.remove(demo.engine, "before_cursor_execute", on_execute)
    assert seen and set(seen) == {-STREAM_CACHE_KIB} and before == -65536
    with demo.engine.connect() as connection:
        assert driver_execute(connection, "PRAGMA cache_size") == [(before,)]


@given(strat.binary(min_size=16, max_size=16) | strat.uuids().map(lambda u: u.hex))
def test_the_key_shortcuts_write_what_the_uuid_would(stored: bytes | str) -> None:
    """Keys stored as 16 bytes or 32 hex digits are written as ``str(uuid.UUID(…))`` without building it."""

    def general(value: Any) -> str:
        raise AssertionError(f"slow path taken for {value!r}")

    expected = str(uuid.UUID(bytes=stored) if isinstance(stored, bytes) else uuid.UUID(hex=stored))
    assert exporter._uuid_text(general)(stored) == expected


def test_other_key_forms_take_the_general_path() -> None:
    text = exporter._uuid_text(lambda value: f"general:{value!r}")
    assert text(b"short") == "general:b'short'"
    assert text("ABCDEF" * 5 + "AB") == "general:'" + "ABCDEF" * 5 + "AB'"  # upper case: not the stored form
