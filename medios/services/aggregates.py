"""Monthly and yearly aggregates over live interventions: the GROUP BYs the reports are built on.

Each function counts the live interventions of a :class:`Period` (one month, a year, any range of
months) in a :class:`Scope` (the whole structure, one dispositif, one commune or one QPV), grouped by
one breakdown, and returns plain frozen data: a :class:`Breakdown` holding one value per month and
key, which folds into totals (:meth:`Breakdown.total`) or reads month by month (M, M−1, the year to
date, a 12-month evolution are folds of the same cells; ratios are left to the caller).

How the SQL is shaped (SQLAlchemy Core, portable; the indexes are in :mod:`medios.db.models`):

* Interventions are grouped by ``month, dispositif_id, <breakdown>`` over ``month IN (…)``, which
  is the order of one covering index per breakdown (``ix_intervention_month_*``): each month, and the
  dispositif scope, are seeks, and no sort is needed.  The dispositif level is folded here, so it never
  leaves this module (it is a key).  The commune and QPV scopes are filtered inside the same indexes.
* Child rows (motifs, publics, partners) carry copies of their intervention's ``month`` and
  ``dispositif_id``: for the structure and dispositif scopes they are aggregated from their own month
  index, without reading a parent row, and the children of soft-deleted interventions (few; a
  partial index finds them) are subtracted.  The commune and QPV scopes join the live parents.
* An intervention with several motifs is counted once per motif in :func:`motifs` and once in the
  other breakdowns; contacts are ``Σ intervention_public.count``; binômes are interventions with two
  mediators or more (``intervention.mediator_count``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import functools
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from sqlalchemy import BindParameter, ColumnElement, Select, Table, bindparam, case, func, select
from sqlalchemy.orm import Session

from medios.db import Database
from medios.db.hints import selective, unindexed
from medios.services.intervention_rows import INTERVENTION, MOTIFS, PARTNERS, PUBLICS, chunks

Key = tuple[str | None, ...]
V = TypeVar("V", "Measures", int)


# --------------------------------------------------------------------------- period and scope


@dataclass(frozen=True, slots=True)
class Period:
    """Calendar months from ``first`` to ``last`` included, as ``yyyymm`` integers (``intervention.month``)."""

    first: int
    last: int

    def __post_init__(self) -> None:
        for value in (self.first, self.last):
            if not (190001 <= value <= 299912 and 1 <= value % 100 <= 12):
                raise ValueError(f"mois invalide : {value} (attendu aaaamm)")
        if self.first > self.last:
            raise ValueError(f"période vide : {self.first} après {self.last}")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(year * 100 + month, year * 100 + month)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(year * 100 + 1, year * 100 + 12)

    def months(self) -> tuple[int, ...]:
        """Every month of the period, in order."""
        months, current = [], self.first
        while current <= self.last:
            months.append(current)
            current = current + 89 if current % 100 == 12 else current + 1
        return tuple(months)


@dataclass(frozen=True, slots=True)
class Scope:
    """The base set's filter: nothing (the whole structure), or one dispositif, commune or QPV.

    ``qpv`` takes a QPV code or ``HORS_QPV``.
    """

    dispositif_id: uuid.UUID | None = None
    commune: str | None = None
    qpv: str | None = None

    def __post_init__(self) -> None:
        if sum(value is not None for value in (self.dispositif_id, self.commune, self.qpv)) > 1:
            raise ValueError("un seul filtre à la fois : dispositif, commune ou QPV")


STRUCTURE = Scope()


def month_bounds(month: int) -> tuple[dt.date, dt.date]:
    """The first and the last day of ``month`` (``yyyymm``)."""
    year, number = divmod(month, 100)
    return dt.date(year, number, 1), dt.date(year, number, calendar.monthrange(year, number)[1])


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Measures:
    """What every intervention breakdown sums for one cell."""

    interventions: int
    minutes: int
    follow_ups: int  # interventions with ``follow_up_of`` set (« suivis »)
    mediator_rows: int  # Σ mediators per intervention (mediator-interventions)
    binomes: int  # interventions with two mediators or more

    @property
    def new_situations(self) -> int:
        return self.interventions - self.follow_ups

    def __add__(self, other: Measures) -> Measures:
        return Measures(
            self.interventions + other.interventions,
            self.minutes + other.minutes,
            self.follow_ups + other.follow_ups,
            self.mediator_rows + other.mediator_rows,
            self.binomes + other.binomes,
        )


@dataclass(frozen=True, slots=True)
class Breakdown(Generic[V]):
    """One value per (month, key): ``dimensions`` name the key's parts; ``cells`` are sorted, none empty."""

    dimensions: tuple[str, ...]
    cells: tuple[tuple[int, Key, V], ...]

    def total(self, months: Iterable[int] | None = None) -> dict[Key, V]:
        """Values per key summed over ``months`` (every month of the breakdown by default)."""
        wanted = None if months is None else frozenset(months)
        totals: dict[Key, V] = {}
        for month, key, value in self.cells:
            if wanted is None or month in wanted:
                before = totals.get(key)
                totals[key] = value if before is None else before + value
        return totals

    def by_month(self) -> dict[int, dict[Key, V]]:
        """Values per month, then per key (months without a row are absent)."""
        result: dict[int, dict[Key, V]] = {}
        for month, key, value in self.cells:
            result.setdefault(month, {})[key] = value
        return result


class Grouping(enum.Enum):
    """The intervention breakdowns, each served by its covering month index."""

    MONTH = ()  # totals per month
    REGISTRE = ("registre", "sub_registre", "outcome")
    PLACE = ("place", "time_band", "day_type")
    TERRITORY = ("commune", "qpv", "domain")
    CONTEXT = ("tension", "origin", "modality")


# --------------------------------------------------------------------------- statements

I = INTERVENTION.c  # noqa: E741 - the columns of the intervention table, as in SQL

# Statements are built once per breakdown and kind of scope (``functools.cache``) with bound
# parameters, and run with :func:`parameters`: building and hashing a select costs more than a
# month's query.
ScopeKind = Literal["structure", "dispositif", "commune", "qpv"]
_SCOPE_COLUMNS: dict[str, str] = {"dispositif": "dispositif_id", "commune": "commune", "qpv": "qpv"}


def scope_kind(scope: Scope) -> ScopeKind:
    if scope.dispositif_id is not None:
        return "dispositif"
    if scope.commune is not None:
        return "commune"
    return "qpv" if scope.qpv is not None else "structure"


def parameters(period: Period, scope: Scope, ids: Sequence[uuid.UUID] = ()) -> dict[str, Any]:
    """The values of the statements' parameters: the months, the scope's value, the ids to subtract."""
    value = scope.dispositif_id or scope.commune or scope.qpv
    return {"months": list(period.months()), "scope": value, "ids": list(ids)}


def _months() -> BindParameter[Any]:
    return bindparam("months", expanding=True)


def _live_in(kind: ScopeKind, *, joined: bool = False) -> list[ColumnElement[bool]]:
    months: ColumnElement[bool] = I.month.in_(_months())
    where: list[ColumnElement[bool]] = [I.deleted_at.is_(None), selective(months) if joined else months]
    if kind != "structure":
        column = I[_SCOPE_COLUMNS[kind]]
        # A commune or a QPV is filtered inside a month index, not sought in its journal index (which would
        # need a sort, and a lookup of every row to join the children).
        where.append((column if kind == "dispositif" else unindexed(column)) == bindparam("scope"))
    return where


@functools.cache
def intervention_statement(grouping: Grouping, kind: ScopeKind = "structure") -> Select[Any]:
    """``month, <grouping>, interventions, minutes, follow-ups, mediator rows, binômes``, one row per
    month, dispositif and key (the dispositif level is folded by :func:`interventions`)."""
    keys = [I[name] for name in grouping.value]
    return (
        select(
            I.month,
            *keys,
            func.count(),
            func.sum(I.duration_min),
            func.count(I.follow_up_of),
            func.sum(I.mediator_count),
            func.sum(case((I.mediator_count >= 2, 1), else_=0)),
        )
        .where(*_live_in(kind))
        .group_by(I.month, I.dispositif_id, *keys)
    )


class Child(enum.Enum):
    """The child breakdowns: (table, key columns, what one row counts)."""

    MOTIF = "motif"
    PUBLIC = "public"
    PARTNER = "partner"

    @property
    def table(self) -> Table:
        return {Child.MOTIF: MOTIFS, Child.PUBLIC: PUBLICS, Child.PARTNER: PARTNERS}[self]

    @property
    def dimensions(self) -> tuple[str, ...]:
        return {
            Child.MOTIF: ("motif",),
            Child.PUBLIC: ("public_type", "age_band", "sex"),
            Child.PARTNER: ("partner_type", "role"),
        }[self]

    def measure(self) -> ColumnElement[Any]:
        """Interventions per motif, contacts per public cell, partner rows per type and role."""
        return func.sum(self.table.c["count"]) if self is Child.PUBLIC else func.count()


def needs_parents(kind: ScopeKind) -> bool:
    """Whether child rows must be joined to their interventions (their copies hold no commune nor QPV)."""
    return kind in ("commune", "qpv")


@functools.cache
def child_statement(child: Child, kind: ScopeKind = "structure") -> Select[Any]:
    """The statement that sums the ``child`` rows of the months in scope per month and key.

    For the structure and dispositif scopes it reads the child's month index alone, soft-deleted
    interventions included (:func:`deleted_children_statement` gives what to subtract); for the commune
    and QPV scopes it joins the live interventions.
    """
    table = child.table
    c = table.c
    keys = [c[name] for name in child.dimensions]
    columns = (c.month, *keys, child.measure())
    if needs_parents(kind):
        return (
            select(*columns)
            .select_from(INTERVENTION.join(table, c.intervention_id == I.id))
            .where(*_live_in(kind, joined=True))
            .group_by(c.month, *keys)
        )
    where: list[ColumnElement[bool]] = [c.month.in_(_months())]
    if kind == "dispositif":
        where.append(c.dispositif_id == bindparam("scope"))
    return select(*columns).where(*where).group_by(c.month, c.dispositif_id, *keys)


@functools.cache
def deleted_statement() -> Select[Any]:
    """The soft-deleted interventions of the months (a partial index holds them; they are few)."""
    return select(I.id).where(I.deleted_at.is_not(None), I.month.in_(_months()))


@functools.cache
def deleted_children_statement(child: Child, kind: ScopeKind = "structure") -> Select[Any]:
    """What :func:`child_statement` counted of the children of the interventions ``ids``: looked up by
    their primary key only (no month condition that would tempt the planner into the month index)."""
    table = child.table
    c = table.c
    keys = [c[name] for name in child.dimensions]
    where: list[ColumnElement[bool]] = [c.intervention_id.in_(bindparam("ids", expanding=True))]
    if kind == "dispositif":
        where.append(c.dispositif_id == bindparam("scope"))
    return select(c.month, *keys, child.measure()).where(*where).group_by(c.month, *keys)


# --------------------------------------------------------------------------- queries


def _fold(
    dimensions: tuple[str, ...],
    rows: Iterable[Any],
    value: Callable[[Any], V],
    subtract: Iterable[Any] = (),
    negate: Callable[[V], V] | None = None,
) -> Breakdown[V]:
    cells: dict[tuple[int, Key], V] = {}
    width = len(dimensions)

    def add(row: Any, amount: V) -> None:
        cell = (int(row[0]), tuple(row[1 : 1 + width]))
        before = cells.get(cell)
        cells[cell] = amount if before is None else before + amount

    for row in rows:
        add(row, value(row))
    for row in subtract:
        assert negate is not None
        add(row, negate(value(row)))
    kept = sorted(
        ((month, key, v) for (month, key), v in cells.items() if _nonzero(v)),
        key=lambda cell: (cell[0], tuple("" if part is None else part for part in cell[1])),
    )
    return Breakdown(dimensions, tuple(kept))


def _nonzero(value: Measures | int) -> bool:
    return value.interventions != 0 if isinstance(value, Measures) else value != 0


def _measures(row: Any) -> Measures:
    return Measures(*(int(v or 0) for v in row[-5:]))


def _interventions(session: Session, grouping: Grouping, period: Period, scope: Scope) -> Breakdown[Measures]:
    rows = session.execute(intervention_statement(grouping, scope_kind(scope)), parameters(period, scope)).all()
    return _fold(grouping.value, rows, _measures)


def _deleted_ids(session: Session, period: Period, scope: Scope) -> list[uuid.UUID]:
    if needs_parents(scope_kind(scope)):
        return []
    return list(session.scalars(deleted_statement(), parameters(period, scope)))


def _children(
    session: Session, child: Child, period: Period, scope: Scope, deleted_ids: Sequence[uuid.UUID]
) -> Breakdown[int]:
    kind = scope_kind(scope)
    rows = session.execute(child_statement(child, kind), parameters(period, scope)).all()
    deleted: list[Any] = []
    for chunk in chunks(deleted_ids):
        statement = deleted_children_statement(child, kind)
        deleted.extend(session.execute(statement, parameters(period, scope, chunk)).all())
    return _fold(child.dimensions, rows, lambda row: int(row[-1]), deleted, lambda v: -v)


def _monthly(breakdown: Breakdown[Measures], period: Period) -> dict[int, Measures]:
    cells = breakdown.by_month()
    zero = Measures(0, 0, 0, 0, 0)
    return {month: cells.get(month, {}).get((), zero) for month in period.months()}


def interventions(db: Database, grouping: Grouping, period: Period, scope: Scope = STRUCTURE) -> Breakdown[Measures]:
    """Live interventions of ``period`` in ``scope`` per month and ``grouping`` key, with their measures."""
    with db.session() as session:
        return _interventions(session, grouping, period, scope)


def monthly_totals(db: Database, period: Period, scope: Scope = STRUCTURE) -> dict[int, Measures]:
    """The measures of each month of ``period`` (months without activity included, at zero)."""
    return _monthly(interventions(db, Grouping.MONTH, period, scope), period)


def children(db: Database, child: Child, period: Period, scope: Scope = STRUCTURE) -> Breakdown[int]:
    """Child rows of the live interventions of ``period`` in ``scope``, per month and key."""
    with db.session() as session:
        return _children(session, child, period, scope, _deleted_ids(session, period, scope))


@dataclass(frozen=True, slots=True)
class Breakdowns:
    """Every breakdown of one period and scope, read in one session (one snapshot of the base)."""

    period: Period
    scope: Scope
    monthly: dict[int, Measures]
    registre: Breakdown[Measures]
    place: Breakdown[Measures]
    territory: Breakdown[Measures]
    context: Breakdown[Measures]
    motifs: Breakdown[int]
    publics: Breakdown[int]
    partners: Breakdown[int]


def breakdowns(db: Database, period: Period, scope: Scope = STRUCTURE) -> Breakdowns:
    """All the breakdowns a report shows, in one read transaction (the figures agree with each other
    even while another program writes)."""
    with db.session() as session, session.begin():
        grouped = {g: _interventions(session, g, period, scope) for g in Grouping}
        deleted = _deleted_ids(session, period, scope)
        kids = {c: _children(session, c, period, scope, deleted) for c in Child}
    return Breakdowns(
        period,
        scope,
        _monthly(grouped[Grouping.MONTH], period),
        grouped[Grouping.REGISTRE],
        grouped[Grouping.PLACE],
        grouped[Grouping.TERRITORY],
        grouped[Grouping.CONTEXT],
        kids[Child.MOTIF],
        kids[Child.PUBLIC],
        kids[Child.PARTNER],
    )


def motifs(db: Database, period: Period, scope: Scope = STRUCTURE) -> Breakdown[int]:
    """Interventions per motif (an intervention with several motifs counts once for each)."""
    return children(db, Child.MOTIF, period, scope)


def publics(db: Database, period: Period, scope: Scope = STRUCTURE) -> Breakdown[int]:
    """Contacts (Σ counts) per public type, age band and sex."""
    return children(db, Child.PUBLIC, period, scope)


def partners(db: Database, period: Period, scope: Scope = STRUCTURE) -> Breakdown[int]:
    """Partner rows (mobilisations) per partner type and role."""
    return children(db, Child.PARTNER, period, scope)


def all_statements(kind: ScopeKind = "structure") -> Mapping[str, Select[Any]]:
    """Every statement a report runs for a kind of scope, by name (for the benchmark and the plan
    tests); run them with :func:`parameters`."""
    statements: dict[str, Select[Any]] = {
        f"interventions_{g.name.lower()}": intervention_statement(g, kind) for g in Grouping
    }
    for child in Child:
        statements[child.value] = child_statement(child, kind)
        if not needs_parents(kind):
            statements[f"{child.value}_deleted"] = deleted_children_statement(child, kind)
    if not needs_parents(kind):
        statements["deleted"] = deleted_statement()
    return statements
