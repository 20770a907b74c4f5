"""Additive month figures: what the monthly indicators (domain brief §6) are computed from.

:func:`month_figures` reads, for every month of a :class:`~medios.services.aggregates.Period` and a
:class:`~medios.services.aggregates.Scope`, one :class:`MonthFigures` per month holding only additive
quantities: counts, sums of minutes, numerators and denominators, each in a named table of
``key → int`` (the key is a tuple of codes).  Two months' figures add up key by key
(:func:`combine`), so that any window (M, M−1, the year to date, a quarter) is the sum of its months
and a closed month can be read from its snapshot (:meth:`MonthFigures.to_json`) instead of the base.
What cannot be summed is kept in an additive form: the delay of entry as a histogram of days (its
median is taken at presentation time), the devices as ``device_id → last write`` (merged with max).

Every query is an SQL aggregation grouped by month (``month IN (…)``), soft-deleted rows excluded; the
intervention breakdowns are those of :mod:`medios.services.aggregates` (covering month indexes).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    bindparam,
    case,
    exists,
    func,
    select,
)
from sqlalchemy.orm import Session

from medios.db import Database
from medios.db.hints import unindexed
from medios.db.models import (
    ActionCollective,
    ActionMediator,
    Dispositif,
    Mediator,
    MeetingMediator,
    PartnerMeeting,
    PresenceActive,
    PresenceMediator,
    TechSignalement,
)
from medios.services import aggregates as ag
from medios.services.aggregates import Period, Scope
from medios.services.intervention_rows import INTERVENTION, MEDIATORS, chunks

Key = tuple[str | None, ...]
FORMAT = "medios-indicateurs/1"

PRESENCE = cast(Table, PresenceActive.__table__)
PRESENCE_MEDIATORS = cast(Table, PresenceMediator.__table__)
SIGNALEMENTS = cast(Table, TechSignalement.__table__)
ACTIONS = cast(Table, ActionCollective.__table__)
ACTION_MEDIATORS = cast(Table, ActionMediator.__table__)
MEETINGS = cast(Table, PartnerMeeting.__table__)
MEETING_MEDIATORS = cast(Table, MeetingMediator.__table__)
MEDIATOR = cast(Table, Mediator.__table__)
DISPOSITIF = cast(Table, Dispositif.__table__)

I = INTERVENTION.c  # noqa: E741 - the columns of the intervention table, as in SQL

# Thresholds of the data-quality measures (domain brief §6).
LATE_DAYS = 7  # an entry made more than 7 days after its date is late
LONG_INTERVENTION_MIN = 240
LONG_BLOCK_MIN = 720  # 12 h
ETP_ROLES = ("MEDIATEUR",)

# The key of every table: name -> its dimensions.  A table ``name.measure`` sums ``measure`` per key.
DIMENSIONS: dict[str, tuple[str, ...]] = {
    "int.registre": ag.Grouping.REGISTRE.value,
    "int.place": ag.Grouping.PLACE.value,
    "int.territory": ag.Grouping.TERRITORY.value,
    "int.context": ag.Grouping.CONTEXT.value,
    "int.dispositif": ("dispositif",),
    "int.mediator": ("mediator",),
    "int.quality": (),
    "int.delay": ("days",),
    "motif": ag.Child.MOTIF.dimensions,
    "public": ag.Child.PUBLIC.dimensions,
    "partner": ag.Child.PARTNER.dimensions,
    "presence": ("presence_type", "time_band"),
    "signalement": ("signal_type", "recipient_type", "treated"),
    "action": ("registre", "theme"),
    "meeting": ("meeting_type",),
    "etp": ("contract",),
    "etp.month": (),
    "entry": ("mediator",),
    "amendments": (),  # DQ_MODIFS, filled by the caller of the report (the closing service)
}
INTERVENTION_MEASURES = ("n", "min", "suivi", "binome")  # aggregates.Measures but mediator rows
QUALITY_MEASURES = (
    "long",  # interventions > 240 min
    "sans_public",  # no intervention_public row, registre ≠ VTEC
    "oriente_sans_partenaire",  # outcome ORIENTE without an ORIENTE partner row
    "signale_sans_signalement",  # outcome SIGNALE without a live signalement
    "vsoc",  # registre VSOC, or another registre with a motif of VSOC_MOTIFS
    "vsoc_relaye",  # … having an ORIENTE or ALERTE partner row
    "orient_int",  # having an ORIENTE partner row (ORIENT_INT)
)


# --------------------------------------------------------------------------- the figures


def _sort_key(key: Key) -> tuple[tuple[bool, str], ...]:
    return tuple((part is not None, part or "") for part in key)


@dataclass(frozen=True)
class Totals:
    """Additive figures of one month or of a window of months.

    ``tables`` maps a table name (``"int.registre.n"``: the dimensions of ``int.registre``, the measure
    ``n``) to ``key → value``; keys with a zero value are absent.  ``devices`` maps a device id to the
    last write (ISO timestamp) of a live record of the window made on it.
    """

    tables: Mapping[str, Mapping[Key, int]] = field(default_factory=dict)
    devices: Mapping[str, str] = field(default_factory=dict)

    def table(self, name: str) -> Mapping[Key, int]:
        return self.tables.get(name, {})

    def total(self, name: str, **where: str | None | Sequence[str | None]) -> int:
        """Σ of table ``name`` over the keys whose named dimensions match ``where`` (a value or a list)."""
        return sum(self.fold(name, (), **where).values())

    def fold(self, name: str, dimensions: Sequence[str], **where: str | None | Sequence[str | None]) -> dict[Key, int]:
        """Table ``name`` summed onto ``dimensions`` (a prefix or any subset), keeping keys matching ``where``."""
        dims = DIMENSIONS[name.rsplit(".", 1)[0]]
        positions = [dims.index(d) for d in dimensions]
        tests = []
        for dim, wanted in where.items():
            allowed = frozenset(wanted) if isinstance(wanted, list | tuple) else frozenset([wanted])
            tests.append((dims.index(dim), allowed))
        result: dict[Key, int] = {}
        for key, value in self.table(name).items():
            if all(key[pos] in allowed for pos, allowed in tests):
                folded = tuple(key[p] for p in positions)
                result[folded] = result.get(folded, 0) + value
        return result


@dataclass(frozen=True)
class MonthFigures(Totals):
    """The additive figures of one month (``yyyymm``): what a closed month's snapshot holds."""

    month: int = 0

    def to_json(self) -> str:
        """Canonical JSON (stable order): equal figures give equal text."""
        tables = {
            name: [[list(key), value] for key, value in sorted(rows.items(), key=lambda kv: _sort_key(kv[0]))]
            for name, rows in sorted(self.tables.items())
            if rows
        }
        data = {"format": FORMAT, "month": self.month, "tables": tables, "devices": dict(sorted(self.devices.items()))}
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> MonthFigures:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"instantané d'indicateurs au format inconnu : {data.get('format')!r}")
        tables = {name: {tuple(key): int(value) for key, value in rows} for name, rows in data["tables"].items()}
        return cls(tables=tables, devices=dict(data["devices"]), month=int(data["month"]))


def combine(figures: Iterable[Totals]) -> Totals:
    """The figures of a window: tables summed key by key, devices merged with the latest write."""
    tables: dict[str, dict[Key, int]] = {}
    devices: dict[str, str] = {}
    for item in figures:
        for name, rows in item.tables.items():
            target = tables.setdefault(name, {})
            for key, value in rows.items():
                target[key] = target.get(key, 0) + value
        for device, last in item.devices.items():
            if device not in devices or last > devices[device]:
                devices[device] = last
    cleaned = {name: {k: v for k, v in rows.items() if v} for name, rows in tables.items()}
    return Totals({name: rows for name, rows in cleaned.items() if rows}, devices)


# --------------------------------------------------------------------------- collecting rows


class _Collector:
    """Per month: tables being summed and devices being merged."""

    def __init__(self, months: Sequence[int]) -> None:
        self.months = list(months)
        self.tables: dict[int, dict[str, dict[Key, int]]] = {m: {} for m in months}
        self.devices: dict[int, dict[str, str]] = {m: {} for m in months}

    def add(self, month: int, name: str, key: Key, value: int | None) -> None:
        if not value:
            return
        rows = self.tables[int(month)].setdefault(name, {})
        rows[key] = rows.get(key, 0) + int(value)

    def device(self, month: int, device: str | None, last: dt.datetime | None) -> None:
        if device is None or last is None:
            return
        stamp = last.isoformat(timespec="seconds")
        known = self.devices[int(month)]
        if device not in known or stamp > known[device]:
            known[device] = stamp

    def result(self) -> dict[int, MonthFigures]:
        out = {}
        for month in self.months:
            tables = {name: {k: v for k, v in rows.items() if v} for name, rows in self.tables[month].items()}
            out[month] = MonthFigures(
                tables={n: r for n, r in tables.items() if r}, devices=self.devices[month], month=month
            )
        return out


def _months() -> Any:
    return bindparam("months", expanding=True)


def _scope_where(table: Table, kind: ag.ScopeKind) -> list[ColumnElement[bool]]:
    """Live rows of the months in scope for a table carrying ``month``, ``dispositif_id``, ``commune``, ``qpv``."""
    c = table.c
    where: list[ColumnElement[bool]] = [c.deleted_at.is_(None), c.month.in_(_months())]
    if kind == "dispositif":
        where.append(c.dispositif_id == bindparam("scope"))
    elif kind in ("commune", "qpv"):
        column = c[kind]
        where.append((unindexed(column) if table is INTERVENTION else column) == bindparam("scope"))
    return where


def _binome() -> ColumnElement[Any]:
    return func.sum(case((I.mediator_count >= 2, 1), else_=0))


def _flag(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.sum(case((condition, 1), else_=0))


def quality_statement(kind: ag.ScopeKind) -> Select[Any]:
    """Per month: the data-quality counts read on the intervention rows (see :data:`QUALITY_MEASURES`).

    The flags of the children and nothing else (migration 0011): one walk of the covering index
    ``ix_intervention_month_registre``; only the ``SIGNALE`` interventions reach the correlated subquery
    (a seek in the signalements' parent index: CASE is lazy, an AND is not)."""
    s = SIGNALEMENTS.c
    has_signalement = exists().where(s.intervention_id == I.id, s.deleted_at.is_(None))
    vsoc = (I.registre == "VSOC") | I.vsoc_motif
    return (
        select(
            I.month,
            _flag(I.duration_min > LONG_INTERVENTION_MIN),
            _flag((I.registre != "VTEC") & ~I.with_public),
            _flag((I.outcome == "ORIENTE") & ~I.oriented),
            func.sum(case((I.outcome != "SIGNALE", 0), (has_signalement, 0), else_=1)),
            _flag(vsoc),
            _flag(vsoc & I.relayed),
            _flag(I.oriented),
        )
        .where(*_scope_where(INTERVENTION, kind))
        .group_by(I.month)
    )


def delay_statement(kind: ag.ScopeKind) -> Select[Any]:
    """Per month, dispositif, days of delay and device: interventions and their last write (a walk of
    ``ix_intervention_month_entry`` in its order, no sort)."""
    return (
        select(I.month, I.dispositif_id, I.entry_days, I.device_id, func.count(), func.max(I.updated_at))
        .where(*_scope_where(INTERVENTION, kind))
        .group_by(I.month, I.dispositif_id, I.entry_days, I.device_id)
    )


def dispositif_statement(kind: ag.ScopeKind) -> Select[Any]:
    return (
        select(I.month, I.dispositif_id, func.count(), func.sum(I.duration_min), func.count(I.follow_up_of), _binome())
        .where(*_scope_where(INTERVENTION, kind))
        .group_by(I.month, I.dispositif_id)
    )


def _child_of_live(child: Table, kind: ag.ScopeKind) -> list[ColumnElement[bool]]:
    """Child rows of the months (read in the child's month index) whose parent is live and in scope."""
    c = child.c
    where: list[ColumnElement[bool]] = [c.month.in_(_months()), I.deleted_at.is_(None)]
    if kind == "dispositif":
        where.append(c.dispositif_id == bindparam("scope"))
    elif kind in ("commune", "qpv"):
        where.append(I[kind] == bindparam("scope"))
    return where


def _mediator_columns() -> tuple[ColumnElement[Any], ...]:
    """Month, mediator, interventions, minutes, follow-ups, binômes, minutes outside a présence block."""
    m = MEDIATORS.c
    return (
        m.month,
        m.mediator_id,
        func.count(),
        func.sum(m.duration_min),
        _flag(m.follow_up),
        _flag(m.mediator_count >= 2),
        func.sum(case((m.in_block, 0), else_=m.duration_min)),
    )


def mediator_statement(kind: ag.ScopeKind) -> Select[Any]:
    """Per month and mediator: interventions (a binôme counts once for each of its mediators), their
    minutes, follow-ups, binômes, and the minutes outside a présence block (the entry rate).

    Read from the parent's copies on the mediator rows (migration 0010): for the structure and dispositif
    scopes a walk of ``ix_intervention_mediator_month`` alone, soft-deleted parents included (see
    :func:`deleted_mediator_statement`); the commune and QPV scopes join the parents."""
    m = MEDIATORS.c
    columns = _mediator_columns()
    if ag.needs_parents(kind):
        return (
            select(*columns)
            .select_from(INTERVENTION.join(MEDIATORS, m.intervention_id == I.id))
            .where(*_child_of_live(MEDIATORS, kind))
            .group_by(m.month, m.mediator_id)
        )
    where: list[ColumnElement[bool]] = [m.month.in_(_months())]
    if kind == "dispositif":
        where.append(m.dispositif_id == bindparam("scope"))
    return select(*columns).where(*where).group_by(m.month, m.mediator_id)


def deleted_mediator_statement(kind: ag.ScopeKind) -> Select[Any]:
    """What :func:`mediator_statement` counted of soft-deleted interventions (structure and dispositif
    scopes: a partial index holds the deleted interventions, each joined to its mediator rows)."""
    m = MEDIATORS.c
    where: list[ColumnElement[bool]] = [I.deleted_at.is_not(None), I.month.in_(_months())]
    if kind == "dispositif":
        where.append(I.dispositif_id == bindparam("scope"))
    return (
        select(*_mediator_columns())
        .select_from(INTERVENTION.join(MEDIATORS, m.intervention_id == I.id))
        .where(*where)
        .group_by(m.month, m.mediator_id)
    )


def presence_statement(kind: ag.ScopeKind) -> Select[Any]:
    p = PRESENCE.c
    return (
        select(
            p.month,
            p.presence_type,
            p.time_band,
            func.count(),
            func.sum(p.duration_min),
            func.sum(p.informal_contacts),
            func.sum(case((p.duration_min > LONG_BLOCK_MIN, 1), else_=0)),
        )
        .where(*_scope_where(PRESENCE, kind))
        .group_by(p.month, p.presence_type, p.time_band)
    )


def signalement_statements(kind: ag.ScopeKind) -> list[Select[Any]]:
    """Live signalements whose parent (an intervention, or a présence block) is in the base set."""
    s = SIGNALEMENTS.c
    statements = []
    for parent, link in ((INTERVENTION, s.intervention_id), (PRESENCE, s.presence_id)):
        statements.append(
            select(parent.c.month, s.signal_type, s.recipient_type, s.treated, func.count())
            .select_from(parent.join(SIGNALEMENTS, link == parent.c.id))
            .where(s.deleted_at.is_(None), *_scope_where(parent, kind))
            .group_by(parent.c.month, s.signal_type, s.recipient_type, s.treated)
        )
    return statements


def action_statement(kind: ag.ScopeKind) -> Select[Any]:
    a = ACTIONS.c
    return (
        select(a.month, a.registre, a.theme, func.count(), func.sum(a.participants), func.sum(a.duration_min))
        .where(*_scope_where(ACTIONS, kind))
        .group_by(a.month, a.registre, a.theme)
    )


def meeting_statement(kind: ag.ScopeKind) -> Select[Any] | None:
    """Meetings have no commune nor QPV: they belong to the structure and dispositif scopes only."""
    if kind in ("commune", "qpv"):
        return None
    r = MEETINGS.c
    where: list[ColumnElement[bool]] = [r.deleted_at.is_(None), r.month.in_(_months())]
    if kind == "dispositif":
        where.append(r.dispositif_id == bindparam("scope"))
    return (
        select(r.month, r.meeting_type, func.count(), func.sum(r.duration_min))
        .where(*where)
        .group_by(r.month, r.meeting_type)
    )


def device_statements(kind: ag.ScopeKind) -> list[Select[Any]]:
    """Per month and device, the last write of the présence blocks, actions and meetings in scope."""
    statements = []
    for table in (PRESENCE, ACTIONS, MEETINGS):
        if table is MEETINGS and kind in ("commune", "qpv"):
            continue
        c = table.c
        where = (
            [c.deleted_at.is_(None), c.month.in_(_months())]
            + ([c.dispositif_id == bindparam("scope")] if kind == "dispositif" else [])
            if table is MEETINGS
            else _scope_where(table, kind)
        )
        statements.append(
            select(c.month, c.device_id, func.max(c.updated_at)).where(*where).group_by(c.month, c.device_id)
        )
    return statements


def activity_minutes_statements() -> list[Select[Any]]:
    """Structure-wide, per month and mediator: minutes of présence blocks, actions and meetings."""
    statements = []
    for table, link, parent_key in (
        (PRESENCE, PRESENCE_MEDIATORS, "presence_id"),
        (ACTIONS, ACTION_MEDIATORS, "action_id"),
        (MEETINGS, MEETING_MEDIATORS, "meeting_id"),
    ):
        c = table.c
        statements.append(
            select(c.month, link.c.mediator_id, func.sum(c.duration_min))
            .select_from(table.join(link, link.c[parent_key] == c.id))
            .where(c.deleted_at.is_(None), c.month.in_(_months()))
            .group_by(c.month, link.c.mediator_id)
        )
    return statements


# --------------------------------------------------------------------------- reading a period


def employed_days(month: int, start: dt.date | None, end: dt.date | None) -> int:
    """Days of ``month`` within a contract from ``start`` to ``end`` (both included, open when None)."""
    first, last = ag.month_bounds(month)
    low = max(first, start) if start else first
    high = min(last, end) if end else last
    return max(0, (high - low).days + 1)


def _interventions(session: Session, out: _Collector, kind: ag.ScopeKind, params: dict[str, Any]) -> None:
    for grouping, name in (
        (ag.Grouping.REGISTRE, "int.registre"),
        (ag.Grouping.PLACE, "int.place"),
        (ag.Grouping.TERRITORY, "int.territory"),
        (ag.Grouping.CONTEXT, "int.context"),
    ):
        width = len(grouping.value)
        for row in session.execute(ag.intervention_statement(grouping, kind), params):
            key = tuple(row[1 : 1 + width])
            n, minutes, suivi, _rows, binome = row[1 + width :]
            for measure, value in zip(INTERVENTION_MEASURES, (n, minutes, suivi, binome), strict=True):
                out.add(row[0], f"{name}.{measure}", key, value)


def _children(session: Session, out: _Collector, kind: ag.ScopeKind, params: dict[str, Any]) -> None:
    deleted: list[uuid.UUID] = []
    if not ag.needs_parents(kind):
        deleted = list(session.scalars(ag.deleted_statement(), params))
    for child in ag.Child:
        width = len(child.dimensions)
        name = f"{child.value}.n"
        for row in session.execute(ag.child_statement(child, kind), params):
            out.add(row[0], name, tuple(row[1 : 1 + width]), row[-1])
        for chunk in chunks(deleted):
            statement = ag.deleted_children_statement(child, kind)
            for row in session.execute(statement, {**params, "ids": list(chunk)}):
                out.add(row[0], name, tuple(row[1 : 1 + width]), -int(row[-1]))


def _pseudonyms(session: Session) -> dict[uuid.UUID, str]:
    return {row.id: row.pseudonym for row in session.execute(select(MEDIATOR.c.id, MEDIATOR.c.pseudonym))}


def _read(session: Session, months: Sequence[int], scope: Scope) -> dict[int, MonthFigures]:
    kind = ag.scope_kind(scope)
    params = ag.parameters(Period(months[0], months[-1]), scope)
    params["months"] = list(months)
    out = _Collector(months)
    _interventions(session, out, kind, params)
    _children(session, out, kind, params)

    names = {row.id: row.name for row in session.execute(select(DISPOSITIF.c.id, DISPOSITIF.c.name))}
    for month, dispositif, n, minutes, suivi, binome in session.execute(dispositif_statement(kind), params):
        key = (names.get(dispositif, str(dispositif)) if dispositif else None,)
        for measure, value in zip(INTERVENTION_MEASURES, (n, minutes, suivi, binome), strict=True):
            out.add(month, f"int.dispositif.{measure}", key, value)

    pseudonyms = _pseudonyms(session)
    statements = [(mediator_statement(kind), 1)]
    if not ag.needs_parents(kind):
        statements.append((deleted_mediator_statement(kind), -1))
    for statement, sign in statements:
        for month, mediator, *measures in session.execute(statement, params):
            key = (pseudonyms.get(mediator, str(mediator)),)
            n, minutes, suivi, binome, outside = (sign * int(value or 0) for value in measures)
            for measure, value in zip(INTERVENTION_MEASURES, (n, minutes, suivi, binome), strict=True):
                out.add(month, f"int.mediator.{measure}", key, value)
            if kind == "structure":
                out.add(month, "entry.min", key, outside)

    for row in session.execute(quality_statement(kind), params):
        for measure, value in zip(QUALITY_MEASURES, row[1:], strict=True):
            out.add(row[0], f"int.quality.{measure}", (), value)

    for month, _dispositif, days, device, n, last in session.execute(delay_statement(kind), params):
        out.add(month, "int.delay.n", (str(days),), n)
        out.device(month, device, last)

    for month, ptype, band, n, minutes, informal, long_blocks in session.execute(presence_statement(kind), params):
        presence_key: Key = (ptype, band)
        for measure, value in (("n", n), ("min", minutes), ("informal", informal), ("long", long_blocks)):
            out.add(month, f"presence.{measure}", presence_key, value)

    for statement in signalement_statements(kind):
        for month, stype, recipient, treated, n in session.execute(statement, params):
            out.add(month, "signalement.n", (stype, recipient, treated), n)

    for month, registre, theme, n, participants, minutes in session.execute(action_statement(kind), params):
        for measure, value in (("n", n), ("participants", participants), ("min", minutes)):
            out.add(month, f"action.{measure}", (registre, theme), value)

    meetings = meeting_statement(kind)
    if meetings is not None:
        for month, mtype, n, minutes in session.execute(meetings, params):
            out.add(month, "meeting.n", (mtype,), n)
            out.add(month, "meeting.min", (mtype,), minutes)

    for statement in device_statements(kind):
        for month, device, last in session.execute(statement, params):
            out.device(month, device, last)

    if kind == "structure":
        _staff(session, out, months, pseudonyms)
    return out.result()


def _staff(session: Session, out: _Collector, months: Sequence[int], pseudonyms: dict[uuid.UUID, str]) -> None:
    """ETP and the entry rate's contractual time (structure scope only: mediators have no dispositif)."""
    params = {"months": list(months)}
    for statement in activity_minutes_statements():
        for month, mediator, minutes in session.execute(statement, params):
            out.add(month, "entry.min", (pseudonyms.get(mediator, str(mediator)),), minutes)
    m = MEDIATOR.c
    staff = session.execute(
        select(m.pseudonym, m.role, m.contract, m.fte_percent, m.weekly_minutes, m.start_date, m.end_date).where(
            m.deleted_at.is_(None)
        )
    ).all()
    for month in months:
        first, last = ag.month_bounds(month)
        out.add(month, "etp.month.days", (), (last - first).days + 1)
        for pseudonym, role, contract, fte, weekly, start, end in staff:
            days = employed_days(month, start, end)
            if role in ETP_ROLES and fte:
                out.add(month, "etp.fte_days", (contract,), fte * days)
            if weekly:
                out.add(month, "entry.contract_min7", (pseudonym,), weekly * days)


def _runs(months: Sequence[int]) -> list[list[int]]:
    """Consecutive months grouped in runs (each run is one ``month IN (…)`` read)."""
    runs: list[list[int]] = []
    for month in months:
        if runs and Period(runs[-1][-1], month).months()[1:2] == (month,):
            runs[-1].append(month)
        else:
            runs.append([month])
    return runs


def read_months(db: Database, months: Sequence[int], scope: Scope = ag.STRUCTURE) -> dict[int, MonthFigures]:
    """:class:`MonthFigures` of any months (in one read transaction)."""
    wanted = sorted(set(months))
    result: dict[int, MonthFigures] = {}
    if not wanted:
        return result
    with db.session() as session, session.begin():
        for run in _runs(wanted):
            result.update(_read(session, run, scope))
    return result


def month_figures(db: Database, period: Period, scope: Scope = ag.STRUCTURE) -> dict[int, MonthFigures]:
    """The additive figures of every month of ``period`` in ``scope`` (months without activity included)."""
    return read_months(db, period.months(), scope)
