"""Amendments: every change to an activity record of a closed month is written down.

A closed month keeps its figures (the snapshot of :mod:`medios.services.closure`), but its records may
still be corrected.  Each change (creation, correction, deletion, restoration) of an intervention, a
présence block, a collective action or a partner meeting dated in a month that has been closed — still
closed, or reopened since — adds an :class:`~medios.db.models.Amendment` in the same transaction: who,
when, which record, the C and O fields and references that changed (old and new, never a tier L value),
and why.  A record moved from one closed month to another gives one amendment in each.

Every service that changes an activity record logs it through :func:`medios.services.audit.log_change`,
which calls :func:`record` here; the import, which writes its audit lines in bulk, calls
:func:`record_many`.  The reason comes from :func:`reason` (a context the caller sets around a service
call) or, without one, a default saying where the change came from.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import json
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from medios.db.models import (
    ActionCollective,
    Amendment,
    Intervention,
    MonthClosure,
    PartnerMeeting,
    PresenceActive,
    utcnow,
)
from medios.i18n import translate

# The activity records a month's figures are made of, and their date column.
DATED: dict[str, Table] = {
    cast(Table, model.__table__).name: cast(Table, model.__table__)
    for model in (Intervention, PresenceActive, ActionCollective, PartnerMeeting)
}
REASON_MAX = 200

_reason: contextvars.ContextVar[str | None] = contextvars.ContextVar("amendment_reason", default=None)
_CACHE = "medios.closed_months"


@contextlib.contextmanager
def reason(text: str) -> Iterator[None]:
    """The reason written on the amendments of the changes made inside the block (« Erreur de lieu »)."""
    token = _reason.set(text.strip()[:REASON_MAX] or None)
    try:
        yield
    finally:
        _reason.reset(token)


def default_reason() -> str:
    return translate("Amendments", "Correction dans Médios (motif non indiqué)")


def current_reason() -> str:
    return _reason.get() or default_reason()


@dataclass(frozen=True, slots=True)
class ClosedMonth:
    closure_id: uuid.UUID
    version: int


def closed_months(session: Session) -> dict[int, ClosedMonth]:
    """The months that have been closed (closed or reopened since), read once per transaction."""
    cached = session.info.get(_CACHE)
    if cached is None:
        rows = session.execute(
            select(MonthClosure.month, MonthClosure.id, MonthClosure.version).where(MonthClosure.deleted_at.is_(None))
        )
        cached = {month: ClosedMonth(closure_id, version) for month, closure_id, version in rows}
        session.info[_CACHE] = cached
    return cast(dict[int, ClosedMonth], cached)


def forget_closed_months(session: Session) -> None:
    """Called by the closing service when it changes a closure within a transaction."""
    session.info.pop(_CACHE, None)


def month_of(value: Any) -> int | None:
    """``yyyymm`` of a date (or of its ISO text, as the audit log holds it)."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    if isinstance(value, dt.date):
        return value.year * 100 + value.month
    return None


def _months_touched(
    session: Session, table: Table, record_id: uuid.UUID, changes: Mapping[str, Any] | None
) -> set[int]:
    """The months the record is dated in now and, when its date changed, was dated in before."""
    months: set[int] = set()
    now = month_of(session.scalar(select(table.c.date).where(table.c.id == record_id)))
    if now is not None:
        months.add(now)
    moved = (changes or {}).get("date")
    if isinstance(moved, list | tuple) and moved:
        before = month_of(moved[0])
        if before is not None:
            months.add(before)
    return months


def record(
    session: Session,
    *,
    action: str,
    table: str,
    record_id: uuid.UUID | None,
    changes: Mapping[str, Any] | None,
    actor_id: uuid.UUID | None,
    device_id: str,
) -> int:
    """Write the amendments of one change, if it touches a closed month; returns how many were written."""
    dated = DATED.get(table)
    if dated is None or record_id is None or action not in ("CREATE", "UPDATE", "DELETE", "RESTORE"):
        return 0
    closed = closed_months(session)
    if not closed:
        return 0
    months = sorted(_months_touched(session, dated, record_id, changes) & closed.keys())
    text = json.dumps(changes, ensure_ascii=False, sort_keys=True) if changes is not None else None
    why = current_reason()
    now = utcnow()
    for month in months:
        session.add(
            Amendment(
                closure_id=closed[month].closure_id,
                month=month,
                closure_version=closed[month].version,
                record_table=table,
                record_id=record_id,
                action=action,
                changes=text,
                reason=why,
                at=now,
                actor_id=actor_id,
                device_id=device_id,
            )
        )
    return len(months)


@dataclass(frozen=True, slots=True)
class Change:
    """One change for :func:`record_many`: the record, its months before and after, what changed."""

    record_id: uuid.UUID
    action: str
    months: frozenset[int]
    changes: Mapping[str, Any] | None


def record_many(
    session: Session,
    table: str,
    changes: Iterable[Change],
    *,
    reason_text: str,
    actor_id: uuid.UUID | None,
    device_id: str,
) -> dict[int, int]:
    """Write the amendments of many changes in one statement; returns their number per closed month."""
    closed = closed_months(session)
    counts: dict[int, int] = {}
    if not closed:
        return counts
    now = utcnow()
    rows: list[dict[str, Any]] = []
    for change in changes:
        for month in sorted(change.months & closed.keys()):
            rows.append(
                {
                    "id": uuid.uuid4(),
                    "closure_id": closed[month].closure_id,
                    "month": month,
                    "closure_version": closed[month].version,
                    "record_table": table,
                    "record_id": change.record_id,
                    "action": change.action,
                    "changes": None
                    if change.changes is None
                    else json.dumps(change.changes, ensure_ascii=False, sort_keys=True),
                    "reason": reason_text[:REASON_MAX],
                    "at": now,
                    "actor_id": actor_id,
                    "device_id": device_id,
                }
            )
            counts[month] = counts.get(month, 0) + 1
    if rows:
        session.execute(insert(Amendment), rows)
    return counts
