"""The journal: live interventions newest first (or sorted on a column), one page at a time, filtered, without ORM
objects.

Order: ``date DESC, start_time DESC, id DESC`` (``id`` breaks the ties of one day and time).  Pages
are read by keyset, never by OFFSET: a :class:`Cursor` holds the key of the row a page stops at, and
the next (older) or previous (newer) page starts strictly after or before it, so that a page costs
the same at the end of a million rows as at the start, and rows written meanwhile neither repeat nor
vanish.  Each page is read from an index of migration 0003:

* no filter, or a period only: ``ix_intervention_journal`` (``date``, ``start_time``, ``id``), read
  in order (backwards for the newest first) from the cursor on;
* a registre, domain, place, outcome, commune, QPV or dispositif: ``ix_intervention_journal_<column>``
  (``<column>``, ``date``) seeks the value, then its rows newest first (the rows of a same day are
  ordered on the fly); a value that matches nothing costs one seek;
* a mediator: ``ix_intervention_mediator_journal`` (``mediator_id``, ``date``, ``start_time``,
  ``intervention_id``; the parent's date and time are copied on the mediator rows, migration 0006)
  seeks the mediator and reads their rows in the journal order, each intervention looked up by its
  key for the other filters: a page costs the same for someone active today as for someone whose
  activity ended years ago.

Sorted on a column (:class:`JournalSort`: registre, domain, place, outcome, commune, dispositif) the
order is the labels shown (A to Z or Z to A), then the journal order within a value.  The values are
few (a dozen registres, a few hundred communes): they are found by a skip scan of the column's index
(``min(column) WHERE column > previous``, one seek each), put in the labels' order, and a page walks
them from the cursor's value on, each value read exactly as the journal filtered on it (its index
(``column``, ``date``), the rows of a day put in order on the fly), until the page is full.  The
cursor then carries the value (:meth:`JournalRow.cursor_for`); a value gone since continues with the
next one.  A value of 300 000 rows costs a page what a filter on it costs; nothing reads or sorts a
whole value.  Filtered on the sorted column, there is one value.

Counting every row of a filter reads an index range that can hold a million entries:
:func:`count_journal` is exact and meant to run off the GUI thread; :func:`count_journal_up_to` stops
at a bound and is cheap enough for it.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, cast

from sqlalchemy import Connection, Dialect, Select, Table, and_, bindparam, exists, func, literal_column, or_, select
from sqlalchemy.sql.elements import ColumnElement

from medios.db import Database
from medios.db.hints import selective
from medios.db.models import (
    Dispositif,
    Intervention,
    InterventionMediator,
    InterventionPartner,
    InterventionPublic,
    Mediator,
    Partner,
    Site,
    Structure,
    Territory,
)
from medios.referentiel import active
from medios.services import access

INTERVENTION = cast(Table, Intervention.__table__)
MEDIATORS = cast(Table, InterventionMediator.__table__)
PUBLICS = cast(Table, InterventionPublic.__table__)
MEDIATOR = cast(Table, Mediator.__table__)
DISPOSITIF = cast(Table, Dispositif.__table__)
PARTNER_LINKS = cast(Table, InterventionPartner.__table__)
PARTNER = cast(Table, Partner.__table__)
SITE = cast(Table, Site.__table__)
STRUCTURE = cast(Table, Structure.__table__)
TERRITORY = cast(Table, Territory.__table__)
I = INTERVENTION.c  # noqa: E741 - the columns of the one table every query here reads

PAGE_MAX = 1000
M = MEDIATORS.c


@dataclass(frozen=True, slots=True)
class JournalFilters:
    """What the journal shows; every field left to ``None`` shows everything.  Fields combine (AND).

    ``date_from`` and ``date_to`` are inclusive.  ``commune`` and ``qpv`` are the territory filter
    (a commune's INSEE code, a QPV code or ``HORS_QPV``).
    """

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    registre: str | None = None
    domain: str | None = None
    place: str | None = None
    outcome: str | None = None
    commune: str | None = None
    qpv: str | None = None
    dispositif_id: uuid.UUID | None = None
    mediator_id: uuid.UUID | None = None
    # Words searched (case ignored) in the commune (code or label), the QPV label, the site's name,
    # the partners' names, and the notes when the structure has enabled them; see :func:`_text_search`.
    text: str | None = None


NO_FILTER = JournalFilters()
# Filters on a column of the intervention itself, each with an index (column, date) of its own.
_CODE_FILTERS = ("registre", "domain", "place", "outcome", "commune", "qpv", "dispositif_id")
_FIELDS = ("date_from", "date_to", *_CODE_FILTERS, "mediator_id", "text")
_NULL = ":null"  # in a statement's shape after a column's name: the rows where it is NULL


@dataclass(frozen=True, slots=True)
class Cursor:
    """A position in the journal: the key of a row (and, sorted on a column, the row's value of that
    column).  Opaque to callers: keep it, give it back (with the same :class:`JournalSort`)."""

    date: dt.date
    start_time: dt.time
    id: uuid.UUID
    value: Any = None


# The columns the journal sorts on besides the date (each read from its index (column, date)): the
# name the caller gives -> the intervention's column.
SORT_COLUMNS = {
    "registre": "registre",
    "domain": "domain",
    "place": "place",
    "outcome": "outcome",
    "commune": "commune",
    "dispositif": "dispositif_id",
}
# The référentiel vocabulary of the coded ones (their label is shown, and sorted on).
SORT_VOCABULARIES = {"registre": "REGISTRE", "domain": "DOMAINE", "place": "LIEU", "outcome": "ISSUE"}


@dataclass(frozen=True, slots=True)
class JournalSort:
    """The order of the journal: ``column`` ``None`` is the journal order (the date, newest first; read
    the other way round with :func:`last_page`).  A column of :data:`SORT_COLUMNS` sorts on the label
    shown for its values in ``language`` (accents and case ignored; a dispositif's name, a commune's
    « label (code) »; no dispositif last), A to Z or Z to A when ``descending``, and within a value
    always in the journal order (newest first)."""

    column: str | None = None
    descending: bool = False
    language: str = "fr"

    def __post_init__(self) -> None:
        if self.column is not None and self.column not in SORT_COLUMNS:
            raise ValueError(f"tri impossible sur « {self.column} »")


BY_DATE = JournalSort()


@dataclass(frozen=True, slots=True)
class JournalRow:
    """One line of the journal.  ``id`` opens the record (a key: never shown, never exported)."""

    id: uuid.UUID
    date: dt.date
    start_time: dt.time
    duration_min: int
    registre: str
    sub_registre: str | None
    domain: str
    place: str
    commune: str
    qpv: str | None
    outcome: str
    dispositif: str | None
    mediators: tuple[str, ...]  # pseudonyms, sorted
    publics: int  # total of the counts of publics
    follow_up: bool  # the follow-up of a first intervention
    dispositif_id: uuid.UUID | None = None  # the key of ``dispositif`` (the sort on the dispositif)

    @property
    def cursor(self) -> Cursor:
        """The row's position in the journal order (:data:`BY_DATE`); see :meth:`cursor_for`."""
        return Cursor(self.date, self.start_time, self.id)

    def cursor_for(self, sort: JournalSort) -> Cursor:
        """The row's position in the order ``sort``."""
        if sort.column is None:
            return Cursor(self.date, self.start_time, self.id)
        value = getattr(self, "dispositif_id" if sort.column == "dispositif" else sort.column)
        return Cursor(self.date, self.start_time, self.id, value)


@dataclass(frozen=True, slots=True)
class JournalPage:
    """Rows newest first.  ``older`` continues after the last row (``journal_page(after=…)``),
    ``newer`` before the first one (``journal_page(before=…)``); ``None`` at either end.

    The end is known for the direction a page was read in; on the other side a cursor is given
    whenever the page did not start at that end (rows there may have been deleted since).
    """

    rows: tuple[JournalRow, ...]
    older: Cursor | None
    newer: Cursor | None


def visible(db: Database, filters: JournalFilters, actor_id: uuid.UUID | None) -> JournalFilters:
    """``filters`` as ``actor_id`` may see them: a mediator's journal keeps to their own interventions
    (:func:`medios.services.access.visible_mediator`); ``None`` names nobody and changes nothing."""
    if actor_id is None:
        return filters
    with db.session() as session:
        mediator = access.visible_mediator(session, actor_id, filters.mediator_id)
    return filters if mediator == filters.mediator_id else replace(filters, mediator_id=mediator)


def first_page(
    db: Database,
    filters: JournalFilters = NO_FILTER,
    *,
    limit: int = 100,
    sort: JournalSort = BY_DATE,
    actor_id: uuid.UUID | None = None,
) -> JournalPage:
    """The newest ``limit`` rows (the first ones in the order ``sort``)."""
    return journal_page(db, filters, limit=limit, sort=sort, actor_id=actor_id)


def last_page(
    db: Database,
    filters: JournalFilters = NO_FILTER,
    *,
    limit: int = 100,
    sort: JournalSort = BY_DATE,
    actor_id: uuid.UUID | None = None,
) -> JournalPage:
    """The oldest ``limit`` rows, still shown newest first (the last ones in the order ``sort``)."""
    return _page(db, visible(db, filters, actor_id), None, older=False, limit=limit, last=True, sort=sort)


def journal_page(
    db: Database,
    filters: JournalFilters = NO_FILTER,
    *,
    after: Cursor | None = None,
    before: Cursor | None = None,
    limit: int = 100,
    sort: JournalSort = BY_DATE,
    actor_id: uuid.UUID | None = None,
) -> JournalPage:
    """A page of at most ``limit`` rows: the newest, the ones older than ``after`` or newer than ``before``.

    Sorted on a column (``sort``), « older » reads « further in the order » and « newer » « back
    towards its start »: the page's ``older`` and ``newer`` cursors, and the ones given here, are of
    that order (see :meth:`JournalRow.cursor_for`).  With ``actor_id``, the rows that user may see."""
    if after is not None and before is not None:
        raise ValueError("after ou before, pas les deux")
    filters = visible(db, filters, actor_id)
    if before is not None:
        return _page(db, filters, before, older=False, limit=limit, last=False, sort=sort)
    return _page(db, filters, after, older=True, limit=limit, last=False, sort=sort)


def count_journal(db: Database, filters: JournalFilters = NO_FILTER, *, actor_id: uuid.UUID | None = None) -> int:
    """The exact number of rows of ``filters``.  Reads a whole index range (up to a few hundred ms on
    a million rows): call it off the GUI thread."""
    return _count(db, visible(db, filters, actor_id), None)


def count_journal_up_to(
    db: Database, filters: JournalFilters = NO_FILTER, *, bound: int = 10_000, actor_id: uuid.UUID | None = None
) -> int:
    """The number of rows of ``filters``, or ``bound`` when there are at least that many (« 10 000+ »).

    Reads at most ``bound`` index entries (about 10 ms for 10 000 on the million-row base); with a
    mediator, at most ``bound`` of the mediator's rows, each intervention looked up (about 0.1 s for
    10 000: give a smaller bound on the GUI thread, or run it off it)."""
    return _count(db, visible(db, filters, actor_id), bound)


# --------------------------------------------------------------------------- queries
#
# Statements are built once per shape (which filters are set, whether a cursor or a bound is given,
# the direction, the mediator's plan) with bound parameters, compiled once for the connection's
# dialect, and run with the dialect's own converters (as :mod:`medios.db.bulk` does for inserts):
# building and caching a statement's key cost more than reading a page from the index.


def _conditions(shape: frozenset[str]) -> list[ColumnElement[bool]]:
    """The filters on the intervention row itself (live rows only), as bound parameters."""
    conditions: list[ColumnElement[bool]] = [I.deleted_at.is_(None)]
    if "date_from" in shape:
        conditions.append(I.date >= bindparam("date_from", type_=I.date.type))
    if "date_to" in shape:
        conditions.append(I.date <= bindparam("date_to", type_=I.date.type))
    for name in _CODE_FILTERS:
        if name in shape:
            # Seek the filter's own index even when statistics make the value look common.
            conditions.append(selective(I[name] == bindparam(name, type_=I[name].type)))
        elif name + _NULL in shape:  # the rows without a value (a sort on the dispositif: those last)
            conditions.append(selective(I[name].is_(None)))
    if "text" in shape:
        conditions.append(_text_search())
    return conditions


def _text_search() -> ColumnElement[bool]:
    """Rows whose commune (code or label), QPV label, site, partner or notes contain the text bound as
    ``text`` (a ``LIKE`` pattern made by :func:`_values`; case ignored, accents not).

    No index serves a search inside words: the journal order is walked and each row checked (the
    sites and territories matching are read once; partners and notes per row), so that a common
    text fills a page at once and a rare one reads up to the whole journal: run such pages, like
    counts, off the GUI thread on a big base.  Notes are searched only when ``notes_enabled``.
    """
    text = bindparam("text", type_=I.commune.type)
    territories = select(TERRITORY.c.code).where(
        TERRITORY.c.deleted_at.is_(None), TERRITORY.c.label.ilike(text, escape="\\")
    )
    sites = select(SITE.c.id).where(SITE.c.name.ilike(text, escape="\\"))
    partners = exists().where(
        PARTNER_LINKS.c.intervention_id == I.id,
        PARTNER_LINKS.c.partner_id == PARTNER.c.id,
        PARTNER.c.name.ilike(text, escape="\\"),
    )
    notes_on = exists().where(STRUCTURE.c.notes_enabled.is_(True), STRUCTURE.c.deleted_at.is_(None))
    return or_(
        I.commune.ilike(text, escape="\\"),
        I.commune.in_(territories),
        I.qpv.in_(territories),
        I.site_id.in_(sites),
        partners,
        and_(I.notes.ilike(text, escape="\\"), notes_on),
    )


def _pattern(text: str) -> str:
    """``%text%`` with the ``LIKE`` wildcards of ``text`` escaped."""
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _beyond(
    prefix: str, *, older: bool, inclusive: bool = False, key: tuple[Any, Any, Any] | None = None
) -> ColumnElement[bool]:
    """Rows older (or newer) than the key bound as ``<prefix>_date``, ``_time``, ``_id`` in the journal
    order: strictly, or the key itself included.

    Written as ``date <= d AND (date < d OR start_time < t OR (start_time = t AND id < i))`` rather
    than a row-value comparison: every dialect reads the ``date`` bound as an index range, and the
    rest is checked on the index entries of that one day.  ``key``: the three columns compared (default
    the intervention's; a mediator's page compares the copies on ``intervention_mediator``).
    """
    date, start, ident = key if key is not None else (I.date, I.start_time, I.id)
    d = bindparam(f"{prefix}_date", type_=I.date.type)
    t = bindparam(f"{prefix}_time", type_=I.start_time.type)
    i = bindparam(f"{prefix}_id", type_=I.id.type)
    if older:
        last = ident <= i if inclusive else ident < i
        return and_(date <= d, or_(date < d, start < t, and_(start == t, last)))
    last = ident >= i if inclusive else ident > i
    return and_(date >= d, or_(date > d, start > t, and_(start == t, last)))


def _literal(number: int) -> ColumnElement[Any]:
    """A LIMIT or OFFSET written in the SQL, not bound: SQLite's planner weighs a known LIMIT (with
    statistics, ``LIMIT ?`` makes it walk the journal index past a rare filter value instead of
    seeking the filter's own index).  Part of the statement's shape: a few page sizes, a few statements."""
    return literal_column(str(int(number)))


JOURNAL_KEY = (I.date, I.start_time, I.id)
MEDIATOR_KEY = (M.date, M.start_time, M.intervention_id)


def _order(*, newest_first: bool, key: tuple[Any, Any, Any] = JOURNAL_KEY) -> list[ColumnElement[Any]]:
    return [c.desc() for c in key] if newest_first else [c.asc() for c in key]


def _of_mediator() -> ColumnElement[bool]:
    return M.mediator_id == bindparam("mediator_id", type_=M.mediator_id.type)


def _keys(shape: frozenset[str], *, cursor: bool, newest_first: bool, limit: int) -> Select[Any]:
    """The keys of one page in the order read: from the journal index, a filter's index, or (a
    mediator) the mediator's rows of ``intervention_mediator`` in the journal order, each intervention
    looked up by its key."""
    conditions = _conditions(shape)
    if "mediator_id" not in shape:
        if cursor:
            conditions.append(_beyond("cursor", older=newest_first))
        return select(I.id).where(*conditions).order_by(*_order(newest_first=newest_first)).limit(_literal(limit))
    conditions.append(_of_mediator())
    if cursor:
        conditions.append(_beyond("cursor", older=newest_first, key=MEDIATOR_KEY))
    return (
        select(M.intervention_id.label("id"))
        .select_from(MEDIATORS.join(INTERVENTION, I.id == M.intervention_id))
        .where(*conditions)
        .order_by(*_order(newest_first=newest_first, key=MEDIATOR_KEY))
        .limit(_literal(limit))
    )


def _page_query(keys: Select[Any]) -> Select[Any]:
    """The journal columns of the page whose keys ``keys`` selects: the page's keys first (read from
    an index, at most a page), then its rows, dispositif, publics and mediators (one result row per
    mediator)."""
    page = keys.cte("page")
    publics = (
        select(func.coalesce(func.sum(PUBLICS.c.count), literal_column("0")))
        .where(PUBLICS.c.intervention_id == I.id)
        .scalar_subquery()
    )
    return select(
        I.id, I.date, I.start_time, I.duration_min, I.registre, I.sub_registre, I.domain, I.place,
        I.commune, I.qpv, I.outcome, DISPOSITIF.c.name, publics, I.follow_up_of.is_not(None), MEDIATOR.c.pseudonym,
        I.dispositif_id,
    ).select_from(
        page.join(INTERVENTION, I.id == page.c.id)
        .outerjoin(DISPOSITIF, DISPOSITIF.c.id == I.dispositif_id)
        .outerjoin(MEDIATORS, MEDIATORS.c.intervention_id == I.id)
        .outerjoin(MEDIATOR, MEDIATOR.c.id == MEDIATORS.c.mediator_id)
    )  # fmt: skip


def _counted(shape: frozenset[str], *, bound: int | None) -> Select[Any]:
    inner: Select[Any] = select(literal_column("1")).where(*_conditions(shape))
    if "mediator_id" in shape:
        inner = inner.select_from(MEDIATORS.join(INTERVENTION, I.id == M.intervention_id)).where(_of_mediator())
    if bound is not None:
        inner = inner.limit(_literal(bound))
    return select(func.count()).select_from(inner.subquery())


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A statement compiled for one dialect, with the converters of its parameters and columns."""

    sql: str
    names: tuple[str, ...] | None  # parameter order for positional paramstyles, else None (named)
    binds: Mapping[str, Callable[[Any], Any] | None]
    results: tuple[Callable[[Any], Any] | None, ...]
    constants: Mapping[str, Any]  # parameters SQLAlchemy made of literals, converted

    def run(self, conn: Connection, values: dict[str, Any]) -> list[tuple[Any, ...]]:
        binds = self.binds
        params = {k: v if v is None or (p := binds[k]) is None else p(v) for k, v in values.items() if k in binds}
        params.update(self.constants)
        args: Any = params if self.names is None else tuple(params[name] for name in self.names)
        rows = conn.exec_driver_sql(self.sql, args).fetchall()
        if not rows:
            return []
        # Column by column, in C (map, zip); SQLAlchemy's converters map None to None.
        columns: list[Any] = list(zip(*rows, strict=True))
        for i, processor in enumerate(self.results):
            if processor is not None:
                columns[i] = map(processor, columns[i])
        return list(zip(*columns, strict=True))


@functools.lru_cache(maxsize=512)
def _compiled(dialect: Dialect, builder: Callable[..., Select[Any]], *args: Any, **kwargs: Any) -> _Compiled:
    statement = builder(*args, **kwargs)
    compiled = statement.compile(dialect=dialect)
    binds = {
        name: bind.type.dialect_impl(dialect).bind_processor(dialect) for bind, name in compiled.bind_names.items()
    }
    results = tuple(
        column.type.dialect_impl(dialect).result_processor(dialect, None) for column in statement.selected_columns
    )
    names = tuple(compiled.positiontup) if compiled.positiontup is not None else None
    constants = {
        name: value if value is None or (p := binds[name]) is None else p(value)
        for name, value in compiled.params.items()
        if value is not None and not name.startswith(_OURS)
    }
    return _Compiled(str(compiled), names, binds, results, constants)


# The parameters the caller gives (the rest are literals SQLAlchemy bound itself).
_OURS = ("cursor_", *_FIELDS)


def _values(filters: JournalFilters) -> dict[str, Any]:
    values = {name: value for name in _FIELDS if (value := getattr(filters, name)) is not None}
    if "text" in values:  # a search for nothing is no search
        text = str(values.pop("text")).strip()
        if text:
            values["text"] = _pattern(text)
    return values


def _with(prefix: str, key: Cursor) -> dict[str, Any]:
    return {f"{prefix}_date": key.date, f"{prefix}_time": key.start_time, f"{prefix}_id": key.id}


def _page_rows(
    conn: Connection,
    filters: JournalFilters,
    cursor: Cursor | None,
    *,
    newest_first: bool,
    limit: int,
    null: str | None = None,
) -> list[JournalRow]:
    """Up to ``limit`` rows in no particular order (``null``: a column that must be NULL)."""
    values = _values(filters)
    shape = frozenset(values) if null is None else frozenset({*values, null + _NULL})
    if cursor is not None:
        values |= _with("cursor", cursor)
    statement = _compiled(conn.dialect, _page_of, shape, cursor is not None, newest_first, limit)
    return _rows(statement.run(conn, values))


def _page_of(shape: frozenset[str], cursor: bool, newest_first: bool, limit: int) -> Select[Any]:
    return _page_query(_keys(shape, cursor=cursor, newest_first=newest_first, limit=limit))


def _page(
    db: Database,
    filters: JournalFilters,
    cursor: Cursor | None,
    *,
    older: bool,
    limit: int,
    last: bool,
    sort: JournalSort = BY_DATE,
) -> JournalPage:
    if not 1 <= limit <= PAGE_MAX:
        raise ValueError(f"taille de page entre 1 et {PAGE_MAX} attendue, reçu {limit}")
    if sort.column is not None:
        return _sorted_page(db, filters, cursor, sort, forwards=older and not last, limit=limit)
    # A page towards the older rows reads newest first; towards the newer rows (and the last page),
    # oldest first from the cursor (or the very first row), then turns round.
    newest_first = older and not last
    with db.engine.connect() as conn:
        rows = _page_rows(conn, filters, cursor, newest_first=newest_first, limit=limit + 1)
    rows.sort(key=_key, reverse=newest_first)
    more = len(rows) > limit
    ordered = tuple(rows[:limit] if newest_first else reversed(rows[:limit]))
    if not ordered:
        return JournalPage((), None if newest_first else cursor, cursor if newest_first else None)
    oldest, newest = ordered[-1].cursor, ordered[0].cursor
    if newest_first:  # read towards the older rows: their end is known
        return JournalPage(ordered, oldest if more else None, newest if cursor is not None else None)
    return JournalPage(ordered, oldest if cursor is not None else None, newest if more else None)


def _count(db: Database, filters: JournalFilters, bound: int | None) -> int:
    values = _values(filters)
    shape = frozenset(values)
    with db.engine.connect() as conn:
        return int(_compiled(conn.dialect, _counted, shape, bound=bound).run(conn, values)[0][0])


def _key(row: JournalRow) -> tuple[dt.date, dt.time, uuid.UUID]:
    return row.date, row.start_time, row.id


def _rows(result: list[tuple[Any, ...]]) -> list[JournalRow]:
    """Journal rows from the page query's result (one result row per mediator of an intervention)."""
    found: dict[uuid.UUID, tuple[Any, ...]] = {}
    pseudonyms: defaultdict[uuid.UUID, list[str]] = defaultdict(list)
    for row in result:
        found.setdefault(row[0], row)
        if row[14] is not None:
            pseudonyms[row[0]].append(row[14])
    return [
        JournalRow(*row[:12], tuple(sorted(pseudonyms[key])), int(row[12]), bool(row[13]), row[15])  # type: ignore[call-arg]
        for key, row in found.items()
    ]


# --------------------------------------------------------------------------- sorted on a column
#
# The journal sorted on a column: its values in the order of their labels (few: a dozen registres, a
# few hundred communes at most), each value's rows in the journal order, read exactly as the journal
# filtered on that value is (a seek of the index (column, date), the rows of a day put in order on
# the fly).  A page walks the values from the cursor's on until it is full: a value of 300 000 rows
# costs what a filter on it costs, a value of none one seek.


def _present(column: str) -> Select[Any]:
    """The distinct values of ``column`` over the live rows (NULL left out), by a skip scan of its index
    (column, date): one seek per value (``min(column) WHERE column > previous``), never a walk of the
    index."""
    col = I[column]
    found = select(func.min(col).label("value")).where(I.deleted_at.is_(None)).cte("present", recursive=True)
    following = (
        select(func.min(col)).where(I.deleted_at.is_(None), col > found.c.value).correlate(found).scalar_subquery()
    )
    found = found.union_all(select(following).where(found.c.value.is_not(None)))
    return select(found.c.value).where(found.c.value.is_not(None))


def _any_null(column: str) -> Select[Any]:
    """Whether a live row has no value in ``column`` (one seek of its index)."""
    return select(exists().where(I.deleted_at.is_(None), I[column].is_(None)))


def _communes() -> Select[Any]:
    return (
        select(TERRITORY.c.code, TERRITORY.c.label)
        .where(TERRITORY.c.deleted_at.is_(None), TERRITORY.c.level == literal_column("'COMMUNE'"))
        .order_by(TERRITORY.c.code)
    )


def _dispositifs() -> Select[Any]:
    return select(DISPOSITIF.c.id, DISPOSITIF.c.name)


def _fold(text: str) -> str:
    """``text`` without accents nor case (« Écoles » sorts with « ecoles »)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def sort_labels(conn: Connection, sort: JournalSort) -> Callable[[Any], str]:
    """The label the journal shows for a value of the sorted column: the référentiel's label of a code
    (in ``sort.language``), « label (code) » for a known commune, a dispositif's name."""
    column = sort.column
    if column in SORT_VOCABULARIES:
        ref, vocab, language = active(), SORT_VOCABULARIES[column], sort.language
        return lambda code: ref.label(vocab, code, language)
    if column == "commune":
        communes = dict(_compiled(conn.dialect, _communes).run(conn, {}))
        return lambda code: f"{communes[code]} ({code})" if code in communes else str(code)
    names = dict(_compiled(conn.dialect, _dispositifs).run(conn, {}))
    return lambda key: names.get(key, "") if key is not None else ""


def _sort_key(conn: Connection, sort: JournalSort) -> Callable[[Any], tuple[int, str, str, str]]:
    """The order of the values of the sorted column (no value last; equal labels by their code)."""
    label = sort_labels(conn, sort)

    def key(value: Any) -> tuple[int, str, str, str]:
        if value is None:
            return (1, "", "", "")
        text = label(value)
        return (0, _fold(text), text, str(value))

    return key


def _chunk(need: int, limit: int) -> int:
    """The LIMIT of a value's read: the page's ``limit + 1`` on the first value (as a page of the journal
    order), then the power of two at or above ``need`` (a few statements, not one per number of rows
    still missing)."""
    return need if need == limit + 1 else min(PAGE_MAX + 1, 1 << (need - 1).bit_length())


def _sorted_page(
    db: Database, filters: JournalFilters, cursor: Cursor | None, sort: JournalSort, *, forwards: bool, limit: int
) -> JournalPage:
    """A page of the journal sorted on ``sort.column``: read forwards from ``cursor`` (or the start), or
    backwards from it (or the end), then put in the order shown."""
    assert sort.column is not None
    column = SORT_COLUMNS[sort.column]
    with db.engine.connect() as conn:
        key = _sort_key(conn, sort)
        fixed = getattr(filters, column)
        if fixed is not None:  # filtered on the sorted column: one value
            values: list[Any] = [fixed]
        else:
            values = [row[0] for row in _compiled(conn.dialect, _present, column).run(conn, {})]
            if I[column].nullable and _compiled(conn.dialect, _any_null, column).run(conn, {})[0][0]:
                values.append(None)
        walk = sorted(values, key=key)
        rising = forwards != sort.descending  # the values are walked A to Z
        if not rising:
            walk.reverse()
        start, within = 0, None
        if cursor is not None:
            if cursor.value in walk:
                start, within = walk.index(cursor.value), cursor
            else:  # a value gone since: from the next one on
                mark = key(cursor.value)
                start = next((i for i, v in enumerate(walk) if (key(v) > mark) == rising), len(walk))
        rows: list[JournalRow] = []
        for i in range(start, len(walk)):
            need = limit + 1 - len(rows)
            if need <= 0:
                break
            value = walk[i]
            scope = replace(filters, **{column: value}) if value is not None else filters
            found = _page_rows(
                conn,
                scope,
                within if i == start else None,
                newest_first=forwards,
                limit=_chunk(need, limit),
                null=column if value is None else None,
            )
            found.sort(key=_key, reverse=forwards)
            rows.extend(found[:need])
    more = len(rows) > limit
    ordered = tuple(rows[:limit] if forwards else reversed(rows[:limit]))
    if not ordered:
        return JournalPage((), None if forwards else cursor, cursor if forwards else None)
    end, top = ordered[-1].cursor_for(sort), ordered[0].cursor_for(sort)
    if forwards:
        return JournalPage(ordered, end if more else None, top if cursor is not None else None)
    return JournalPage(ordered, end if cursor is not None else None, top if more else None)
