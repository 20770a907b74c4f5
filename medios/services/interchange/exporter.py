"""Export of live interventions to an interchange file (the inverse of the import).

Export never writes notes, site names nor mediator names (tier L): mediators travel by pseudonym.

The rows stream through SQLAlchemy Core, no ORM object and no relationship: the live interventions in
export order, read :data:`CHUNK` at a time from one cursor, and for each chunk one query per child
table (``IN`` over the chunk's ids).  Memory is bounded by the chunk whatever the size of the base,
and the whole export reads one snapshot (one read transaction).  Values are read as the driver returns
them and converted by each column's own result processor, as SQLAlchemy would, with a cache for the
columns that repeat (dates, start times, devices): the same values, with less Python per row.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import uuid
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any, cast

from sqlalchemy import (
    BindParameter,
    Column,
    ColumnElement,
    Connection,
    Dialect,
    Select,
    Table,
    bindparam,
    select,
    type_coerce,
)
from sqlalchemy.sql.sqltypes import NullType

from medios.db import Database
from medios.db.models import (
    Dispositif,
    Intervention,
    InterventionMediator,
    InterventionMotif,
    InterventionPartner,
    InterventionPublic,
    Mediator,
    assert_not_local,
)
from medios.db.streaming import bounded_cache
from medios.export.jsonl import write_jsonl
from medios.i18n import translate
from medios.services import access
from medios.services.errors import FieldError, ValidationError
from medios.services.interchange.format import format_start, format_timestamp, written_line
from medios.services.overview import count_live_interventions

_INTERVENTION_T = cast(Table, Intervention.__table__)
_MEDIATOR_T = cast(Table, InterventionMediator.__table__)
_MOTIF_T = cast(Table, InterventionMotif.__table__)
_PUBLIC_T = cast(Table, InterventionPublic.__table__)
_PARTNER_T = cast(Table, InterventionPartner.__table__)

# Columns the export reads.  Tier L is refused (assert_not_local) except the columns the format needs:
# the start time and the record's version (updated_at, device_id), which lets two laptops merge without
# overwriting newer work.  Notes, sites and names never leave.  This file is internal to the structure:
# unlike observatory files, it carries keys (tier K) on purpose, the record id and its links
# (follow_up_of, presence_id) written as UUIDs, so that a merge never relies on labels.
EXPORTED_COLUMNS = (
    "id", "date", "start_time", "duration_min", "dispositif_id", "commune", "qpv", "place", "registre",
    "sub_registre", "domain", "origin", "modality", "tension", "outcome", "consent", "follow_up_of", "presence_id",
    "updated_at", "device_id",
)  # fmt: skip
LOCAL_COLUMNS_ALLOWED = ("start_time", "updated_at", "device_id")
EXPORTED_KEYS = ("id", "follow_up_of", "presence_id")  # dispositif_id travels as its label
CHUNK = 500  # interventions a chunk: the ids of one child query's IN (under every dialect's parameter limit)
_CACHE_SIZE = 8192  # dates and start times repeat: each distinct value is converted once (bounded cache)
_CHILDREN = (  # name in the stored values, table, columns after intervention_id
    ("mediators", _MEDIATOR_T, ("mediator_id",)),
    ("motifs", _MOTIF_T, ("motif",)),
    ("publics", _PUBLIC_T, ("public_type", "age_band", "sex", "count")),
    ("partners", _PARTNER_T, ("partner_type", "role")),
)
# Read as the driver returns them and converted here (the keys compared as stored, the rest written
# once); the other columns go through SQLAlchemy's own result processing.
_RAW_COLUMNS = frozenset({"id", "date", "start_time", "dispositif_id", "follow_up_of", "presence_id", "updated_at"})
_POSITION = {name: i for i, name in enumerate(EXPORTED_COLUMNS)}
_ID, _DISPOSITIF, _FOLLOW_UP = _POSITION["id"], _POSITION["dispositif_id"], _POSITION["follow_up_of"]
# written_line's parameters (WRITTEN_FIELDS) are the columns read, dispositif_id holding the label, then
# the children: tests/test_export.py checks it.


def export_lines(db: Database, *, chunk: int = CHUNK) -> Iterator[dict[str, Any]]:
    """Live interventions as interchange objects, ordered by date, start and id."""
    assert_not_local(_INTERVENTION_T, [c for c in EXPORTED_COLUMNS if c not in LOCAL_COLUMNS_ALLOWED])
    # One read transaction (the export is one snapshot), with SQLite's memory bounded whatever the base.
    with db.engine.connect() as connection, bounded_cache(connection):
        for values in _StoredValues(connection, chunk).read():
            yield written_line(*values)


def _raw(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """``column`` as the driver returns it (no result processor): keys are compared, not converted."""
    return type_coerce(column, NullType())


def _written(column: Column[Any], dialect: Dialect, write: Callable[[Any], str]) -> Callable[[Any], str | None]:
    """A stored value of ``column`` as the driver returns it -> ``write`` of the value SQLAlchemy would
    give (its result processor for ``dialect``); ``None`` stays ``None``."""
    convert = column.type.dialect_impl(dialect).result_processor(dialect, None)
    if convert is None:
        return lambda value: None if value is None else write(value)
    return lambda value: None if value is None else write(convert(value))


_HEX32 = re.compile("[0-9a-f]{32}")


def _uuid_text(general: Callable[[Any], str | None]) -> Callable[[Any], str | None]:
    """``general`` (``str`` of the UUID SQLAlchemy gives), with shortcuts for the two stored forms:
    16 bytes (:class:`medios.db.types.UuidKey` on SQLite, schema 0005 on) and 32 lower-case hex digits
    (a character-based ``Uuid`` column): ``str(uuid.UUID(…))`` only adds the hyphens to their hex digits,
    without building a UUID object per key (a million rows hold three million keys)."""
    match = _HEX32.fullmatch

    def text(value: Any) -> str | None:
        kind = value.__class__
        if kind is bytes and len(value) == 16:
            h = value.hex()
            return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
        if kind is str and match(value):
            return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
        return general(value)

    return text


def _same(value: Any) -> Any:
    return value


_STORED_STAMP = re.compile(r"[1-9]\d{3}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")


def _stamp_text(column: Column[Any], dialect: Dialect) -> Callable[[Any], str | None]:
    """:func:`~medios.services.interchange.format.format_timestamp` of the value SQLAlchemy gives, with a
    shortcut for the form SQLite stores (``2026-10-14 09:05:00.000000``): the value is still parsed, so a
    malformed one fails as before, but written by moving the separators instead of formatting it again."""
    convert: Callable[[Any], Any] = column.type.dialect_impl(dialect).result_processor(dialect, None) or _same
    match = _STORED_STAMP.fullmatch

    def text(value: Any) -> str | None:
        if value is None:
            return None
        stamp = convert(value)
        if value.__class__ is str and match(value):
            return value[:10] + "T" + value[11:] + "Z"
        return format_timestamp(stamp)

    return text


class _InQuery:
    """A SELECT whose one parameter is the expanding ``ids`` list, run through ``exec_driver_sql``.

    SQLAlchemy expands an ``IN`` list again at every execution (a few µs an id); here the statement is
    expanded once per list length for the connection's dialect, and a list is padded with its last id
    to the next power of two, so that few lengths occur.  The ids are bound as given (raw keys) and the
    rows come back as the driver returns them: callers select raw keys and unprocessed columns only.
    """

    def __init__(self, connection: Connection, statement: Select[Any]) -> None:
        self.connection = connection
        self.compiled = statement.compile(dialect=connection.dialect)
        self.expanded: dict[int, tuple[str, Sequence[str] | None, list[str]]] = {}

    def rows(self, ids: Sequence[Any]) -> Sequence[Sequence[Any]]:
        if not ids:
            return []
        size = 1 << max(3, (len(ids) - 1).bit_length())
        padded = [*ids, *([ids[-1]] * (size - len(ids)))]
        if (expanded := self.expanded.get(size)) is None:
            state = self.compiled.construct_expanded_state({"ids": padded})
            names = sorted(state.parameters, key=lambda name: int(name.rsplit("_", 1)[1]))
            if len(names) != size:  # pragma: no cover - the statements of this module bind ids only
                raise ValueError(f"{self.compiled}: seul le paramètre ids est attendu")
            expanded = self.expanded[size] = (state.statement, state.positiontup, names)
        statement, positions, names = expanded
        by_name = dict(zip(names, padded, strict=True))
        params: Any = by_name if positions is None else tuple(by_name[name] for name in positions)
        return self.connection.exec_driver_sql(statement, params).all()


class _StoredValues:
    """The values :func:`~medios.services.interchange.format.written_line` writes, chunk by chunk."""

    def __init__(self, connection: Connection, chunk: int) -> None:
        self.connection = connection
        self.chunk = chunk
        dialect = connection.dialect
        table = _INTERVENTION_T
        self.query = (
            select(*(_raw(table.c[c]) if c in _RAW_COLUMNS else table.c[c] for c in EXPORTED_COLUMNS))
            .where(table.c.deleted_at.is_(None))
            .order_by(table.c.date, table.c.start_time, table.c.id)
        )
        uuid_text = _uuid_text(_written(table.c.id, dialect, str))
        self.conversions: list[tuple[int, Callable[[Any], str | None]]] = [
            (_ID, uuid_text),
            (_POSITION["date"], lru_cache(_CACHE_SIZE)(_written(table.c.date, dialect, dt.date.isoformat))),
            (_POSITION["start_time"], lru_cache(_CACHE_SIZE)(_written(table.c.start_time, dialect, format_start))),
            (_FOLLOW_UP, uuid_text),
            (_POSITION["presence_id"], uuid_text),
            (_POSITION["updated_at"], _stamp_text(table.c.updated_at, dialect)),
        ]
        # Mediators and dispositifs are few: read once, by their stored key.
        mediator = cast(Table, Mediator.__table__)
        mediator_text = _written(mediator.c.id, dialect, str)
        self.mediators = {
            key: (pseudonym, mediator_text(key))
            for key, pseudonym in connection.execute(select(_raw(mediator.c.id), mediator.c.pseudonym))
        }
        dispositif = cast(Table, Dispositif.__table__)
        self.dispositifs: dict[Any, str] = {
            key: name for key, name in connection.execute(select(_raw(dispositif.c.id), dispositif.c.name))
        }
        ids: BindParameter[Any] = bindparam("ids", expanding=True)
        self.children = [
            _InQuery(
                connection,
                select(_raw(child.c.intervention_id), *(_raw(child.c[c]) for c in columns)).where(
                    _raw(child.c.intervention_id).in_(ids)
                ),
            )
            for _name, child, columns in _CHILDREN
        ]
        mediators = self.mediators
        self.child_values = [
            (lambda row: mediators[row[1]]) if name == "mediators" else _child_value(child, columns, dialect)
            for name, child, columns in _CHILDREN
        ]
        # Links to deleted interventions stay in the base but do not travel.  The targets are sought by
        # key and their deletion read back: with "deleted_at IS NOT NULL" in the WHERE clause, a planner
        # may scan an index of the deleted rows at every chunk instead.
        target = table.alias("target")
        self.targets = _InQuery(
            connection, select(_raw(target.c.id), _raw(target.c.deleted_at)).where(_raw(target.c.id).in_(ids))
        )

    def read(self) -> Iterator[tuple[Any, ...]]:
        """The values of each live intervention, in export order and in :data:`WRITTEN_FIELDS` order."""
        result = self.connection.execution_options(yield_per=self.chunk).execute(self.query)
        for rows in result.partitions():
            yield from self._chunk(rows)

    def _chunk(self, rows: Sequence[Sequence[Any]]) -> Iterator[tuple[Any, ...]]:
        # Column by column, as medios.db.bulk converts: map() keeps the loops in C.
        columns: list[Sequence[Any]] = list(zip(*rows, strict=True))
        keys = columns[_ID]
        children = []
        for query, value in zip(self.children, self.child_values, strict=True):
            group: dict[Any, list[Any]] = {}
            for child in query.rows(keys):
                group.setdefault(child[0], []).append(value(child))
            children.append([group.get(key, ()) for key in keys])
        targets = self.targets.rows(list({t for t in columns[_FOLLOW_UP] if t is not None}))
        deleted = {key for key, deleted_at in targets if deleted_at is not None}
        if deleted:
            columns[_FOLLOW_UP] = [None if target in deleted else target for target in columns[_FOLLOW_UP]]
        for position, convert in self.conversions:
            columns[position] = list(map(convert, columns[position]))
        dispositifs = self.dispositifs
        columns[_DISPOSITIF] = [None if d is None else dispositifs[d] for d in columns[_DISPOSITIF]]
        return zip(*columns, *children, strict=True)


def _child_value(child: Table, columns: Sequence[str], dialect: Dialect) -> Callable[[Sequence[Any]], Any]:
    """A child row ``(intervention_id, *columns)`` -> its value in the stored values (a tuple, or the one
    column), each column converted by its result processor when it has one (codes and counts have none
    on SQLite)."""
    convert = [child.c[c].type.dialect_impl(dialect).result_processor(dialect, None) for c in columns]
    if not any(convert):
        return itemgetter(*range(1, len(columns) + 1))

    def value(row: Sequence[Any]) -> Any:  # pragma: no cover - not on SQLite
        values = tuple(v if c is None or v is None else c(v) for c, v in zip(convert, row[1:], strict=True))
        return values if len(values) > 1 else values[0]

    return value


def export_jsonl(
    db: Database,
    target: str | Path,
    *,
    actor_id: uuid.UUID | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write live interventions to ``target`` (a path, or ``-`` for standard output); returns the count.
    With ``actor_id``: a coordinator's action (a mediator is refused before anything is written).

    ``progress(lines written, lines to write)`` is called every :data:`PROGRESS_LINES` lines and at the
    end; whatever it raises (a Cancel button) stops the export, and a file target is then left as it
    was (the lines go to a temporary file, renamed at the end: see :func:`medios.files.open_output`).

    The target may not be the database itself (nor its ``-wal``, ``-shm`` or ``-journal`` companions):
    replacing it by the export would lose everything the file does not carry.
    """
    if actor_id is not None:
        with db.session() as session:
            access.require(
                session,
                actor_id,
                "COORDINATEUR",
                translate("Export", "seules la coordination et l'administration exportent les interventions."),
            )
    if str(target) != "-" and db.path is not None and _is_database_file(Path(target), Path(db.path)):
        raise ValidationError(
            [
                FieldError(
                    "output",
                    translate(
                        "Export",
                        "« {path} » est la base de données elle-même : choisissez un autre nom de fichier, rien n'a été écrit.",
                    ).format(path=target),
                )
            ]
        )
    if progress is None:
        return write_jsonl(export_lines(db), target)
    return write_jsonl(_reporting(export_lines(db), progress, count_live_interventions(db)), target)


# How often (in lines written) the ``progress`` callback of :func:`export_jsonl` is called.
PROGRESS_LINES = 1000


def _reporting(
    lines: Iterator[dict[str, Any]], progress: Callable[[int, int], None], total: int
) -> Iterator[dict[str, Any]]:
    progress(0, total)
    count = 0
    for line in lines:
        yield line
        count += 1
        if count % PROGRESS_LINES == 0:
            total = max(total, count)  # written meanwhile by another program: the count was a guess
            progress(count, total)
    progress(count, max(total, count))


def _is_database_file(target: Path, database: Path) -> bool:
    companions = [database, *(database.with_name(database.name + s) for s in ("-wal", "-shm", "-journal"))]
    resolved = target.expanduser().resolve()
    for path in companions:
        if resolved == path.resolve():
            return True
        with contextlib.suppress(OSError):  # another name of the same file (hard link)
            if target.exists() and path.exists() and os.path.samefile(target, path):
                return True
    return False
