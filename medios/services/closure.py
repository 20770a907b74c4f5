"""Closing a month: its figures frozen, later changes written as amendments, reopening logged.

A coordinator closes a month once it is over.  Closing computes the month's additive figures
(:func:`medios.services.indicators.month_figures`) for the whole structure and for every dispositif,
commune and QPV that has records in the month, and stores them as the closure's snapshot (JSON and its
SHA-256).  From then on the reports of that month read the snapshot (:func:`frozen_figures`), whatever
changes later: the figures handed to a funder stay the figures of the report.

Records of a closed month may still be corrected; each change is an amendment
(:mod:`medios.services.amendments`), and the reports say how many were made since the closing.  A
coordinator may reopen the month (``ROUVERT``: figures computed live again, a logged action with its
reason) and close it anew: the snapshot is replaced and ``version`` goes up by one (« v2 »).

Who may do it: closing and reopening are coordinator actions.  Until sign-in exists (data-safety
issue), the actor is the current user of the window or ``--by`` on the command line; when one is
given and is a mediator, the service refuses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from medios.db import Database
from medios.db.models import (
    ActionCollective,
    Amendment,
    Intervention,
    Mediator,
    MonthClosure,
    PartnerMeeting,
    PresenceActive,
    utcnow,
)
from medios.i18n import translate
from medios.referentiel import load_registry
from medios.services import access, amendments, audit
from medios.services.aggregates import Period, Scope, month_bounds
from medios.services.errors import FieldError, ValidationError

if TYPE_CHECKING:
    from medios.services.indicators import MonthFigures

OPEN, CLOSED, REOPENED = "OUVERT", "CLOS", "ROUVERT"
CLOSING_ROLES = frozenset({"COORDINATEUR", "ADMIN"})
STRUCTURE_KEY = "structure"


@dataclass(frozen=True, slots=True)
class MonthState:
    """Where a month stands.  ``version`` is 0 for a month never closed."""

    month: int  # yyyymm
    status: str  # OUVERT, CLOS or ROUVERT
    version: int = 0
    closed_at: dt.datetime | None = None  # UTC, the last closing
    closed_by: str | None = None  # pseudonym
    reopened_at: dt.datetime | None = None
    reopened_by: str | None = None
    reopen_reason: str | None = None
    amendments: int = 0  # every amendment of the month
    amendments_since: int = 0  # amendments since the last closing

    @property
    def closed(self) -> bool:
        return self.status == CLOSED

    @property
    def ever_closed(self) -> bool:
        return self.version > 0


@dataclass(frozen=True, slots=True)
class AmendmentInfo:
    """One amendment as the reports list it (no record id: a key is never shown)."""

    at: dt.datetime
    month: int
    closure_version: int
    record_table: str
    action: str
    changes: dict[str, Any]
    reason: str
    actor: str | None  # pseudonym


def month_key(value: str) -> int:
    """``yyyymm`` of « 2026-10 »; :class:`ValidationError` in French otherwise."""
    text = value.strip()
    try:
        year, month = (int(part) for part in text.split("-"))
        Period(year * 100 + month, year * 100 + month)
    except ValueError:
        raise ValidationError(
            [FieldError("month", translate("Closure", "mois attendu sous la forme AAAA-MM (par exemple 2026-10)."))]
        ) from None
    return year * 100 + month


def month_text(month: int) -> str:
    return f"{month // 100:04d}-{month % 100:02d}"


def _first_day_after(month: int) -> dt.date:
    return month_bounds(month)[1] + dt.timedelta(days=1)


# --------------------------------------------------------------------------- reading


def _pseudonyms(session: Session, ids: set[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return {m: p for m, p in session.execute(select(Mediator.id, Mediator.pseudonym).where(Mediator.id.in_(wanted)))}


def _states(session: Session, months: list[int]) -> dict[int, MonthState]:
    rows = {
        row.month: row
        for row in session.scalars(
            select(MonthClosure).where(MonthClosure.month.in_(months), MonthClosure.deleted_at.is_(None))
        )
    }
    counts: dict[int, tuple[int, int]] = {}
    if rows:
        since_closing = func.sum(case((Amendment.at > MonthClosure.closed_at, 1), else_=0))
        for month, total, since in session.execute(
            select(Amendment.month, func.count(), since_closing)
            .join(MonthClosure, MonthClosure.id == Amendment.closure_id)
            .where(Amendment.month.in_(list(rows)))
            .group_by(Amendment.month)
        ):
            counts[month] = (int(total), int(since or 0))
    names = _pseudonyms(session, {r.closed_by for r in rows.values()} | {r.reopened_by for r in rows.values()})
    states: dict[int, MonthState] = {}
    for month in months:
        row = rows.get(month)
        if row is None:
            states[month] = MonthState(month, OPEN)
            continue
        total, since = counts.get(month, (0, 0))
        states[month] = MonthState(
            month,
            row.status,
            row.version,
            row.closed_at,
            names.get(row.closed_by) if row.closed_by else None,
            row.reopened_at,
            names.get(row.reopened_by) if row.reopened_by else None,
            row.reopen_reason,
            total,
            since,
        )
    return states


def month_state(db: Database, month: int) -> MonthState:
    with db.session() as session:
        return _states(session, [month])[month]


def month_states(db: Database, months: list[int]) -> dict[int, MonthState]:
    with db.session() as session:
        return _states(session, months)


def closed_months(db: Database) -> list[MonthState]:
    """Every month that has been closed (closed now or reopened), most recent first."""
    with db.session() as session:
        months = list(
            session.scalars(
                select(MonthClosure.month).where(MonthClosure.deleted_at.is_(None)).order_by(MonthClosure.month.desc())
            )
        )
        states = _states(session, months)
    return [states[m] for m in months]


def list_amendments(db: Database, month: int) -> list[AmendmentInfo]:
    """The amendments of ``month``, oldest first."""
    with db.session() as session:
        rows = list(session.scalars(select(Amendment).where(Amendment.month == month).order_by(Amendment.at)))
        names = _pseudonyms(session, {r.actor_id for r in rows})
    return [
        AmendmentInfo(
            r.at,
            r.month,
            r.closure_version,
            r.record_table,
            r.action,
            json.loads(r.changes) if r.changes else {},
            r.reason,
            names.get(r.actor_id) if r.actor_id else None,
        )
        for r in rows
    ]


def amendment_counts(db: Database, period: Period) -> dict[int, int]:
    """Amendments per month of ``period`` (the ``DQ_MODIFS`` measure)."""
    with db.session() as session:
        return {
            int(month): int(count)
            for month, count in session.execute(
                select(Amendment.month, func.count())
                .where(Amendment.month.in_(list(period.months())))
                .group_by(Amendment.month)
            )
        }


# --------------------------------------------------------------------------- snapshots


def scope_key(scope: Scope) -> str:
    """The key of a scope in a snapshot: ``structure``, ``dispositif:<uuid>``, ``commune:<code>``, ``qpv:<code>``."""
    if scope.dispositif_id is not None:
        return f"dispositif:{scope.dispositif_id}"
    if scope.commune is not None:
        return f"commune:{scope.commune}"
    if scope.qpv is not None:
        return f"qpv:{scope.qpv}"
    return STRUCTURE_KEY


def _month_scopes(session: Session, month: int) -> list[Scope]:
    """The structure, and every dispositif, commune and QPV that a live record of ``month`` names."""
    first, last = month_bounds(month)
    after = last + dt.timedelta(days=1)
    tables = (Intervention, PresenceActive, ActionCollective, PartnerMeeting)
    dispositifs: set[uuid.UUID] = set()
    communes: set[str] = set()
    qpvs: set[str] = set()
    for model in tables:
        live = (model.deleted_at.is_(None), model.date >= first, model.date < after)
        dispositifs.update(
            d for d in session.scalars(select(model.dispositif_id).where(*live).distinct()) if d is not None
        )
        if model is not PartnerMeeting:
            located: Any = model
            places = select(located.commune, located.qpv).where(*live).distinct()
            for commune, qpv in session.execute(places):
                communes.add(commune)
                if qpv is not None:
                    qpvs.add(qpv)
    return [
        Scope(),
        *(Scope(dispositif_id=d) for d in sorted(dispositifs, key=str)),
        *(Scope(commune=c) for c in sorted(communes)),
        *(Scope(qpv=q) for q in sorted(qpvs)),
    ]


def _snapshot(db: Database, session: Session, month: int) -> tuple[str, str]:
    """The month's figures for each of its scopes, as canonical JSON, and its SHA-256."""
    from medios.services import indicators

    period = Period(month, month)
    figures: dict[str, Any] = {}
    for scope in _month_scopes(session, month):
        # Each scope as its own canonical JSON text: a report reads one scope, and parsing the outer object
        # leaves the others as strings (a month of a large base has dozens of scopes).
        figures[scope_key(scope)] = indicators.month_figures(db, period, scope)[month].to_json()
    text = json.dumps({"month": month, "scopes": figures}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text, hashlib.sha256(text.encode()).hexdigest()


class SnapshotDamaged(RuntimeError):
    """A snapshot whose SHA-256 no longer matches: the base was altered outside Médios."""


def frozen_figures(db: Database, scope: Scope) -> Callable[[int], MonthFigures | None]:
    """For the report builder: the frozen figures of a month still closed (in ``scope``), else ``None``.

    A scope with no record in the month at closing time has empty figures.  Snapshots are read when
    first asked for, once.
    """
    from medios.services import indicators

    key = scope_key(scope)
    cache: dict[int, MonthFigures | None] = {}

    def lookup(month: int) -> MonthFigures | None:
        if month not in cache:
            with db.session() as session:
                row = session.execute(
                    select(MonthClosure.snapshot, MonthClosure.snapshot_sha256).where(
                        MonthClosure.month == month, MonthClosure.status == CLOSED, MonthClosure.deleted_at.is_(None)
                    )
                ).first()
            if row is None:
                cache[month] = None
            else:
                text, digest = row
                if hashlib.sha256(text.encode()).hexdigest() != digest:
                    raise SnapshotDamaged(
                        translate(
                            "Closure",
                            "Les chiffres figés du mois {month} ont été modifiés hors de Médios : rouvrez puis clôturez de nouveau ce mois.",
                        ).format(month=month_text(month))
                    )
                scopes = json.loads(text)["scopes"]
                cache[month] = (
                    indicators.MonthFigures.from_json(scopes[key])
                    if key in scopes
                    else indicators.MonthFigures(month=month)
                )
        return cache[month]

    return lookup


def figures_of(db: Database, months: Collection[int], scope: Scope) -> tuple[dict[int, MonthFigures], frozenset[int]]:
    """Every month's figures in ``scope``: a closed month's from its snapshot, the others read from the
    base in one pass; and which months were frozen."""
    from medios.services import indicators

    snapshots = frozen_figures(db, scope)
    figures: dict[int, MonthFigures] = {}
    for month in months:
        snapshot = snapshots(month)
        if snapshot is not None:
            figures[month] = snapshot
    frozen = frozenset(figures)
    figures.update(indicators.read_months(db, sorted(set(months) - frozen), scope))
    return figures, frozen


# --------------------------------------------------------------------------- closing and reopening


def check_coordinator(session: Session, actor_id: uuid.UUID | None, message: str) -> None:
    """Refuse with ``message`` when ``actor_id`` is given and is not a live coordinator or administrator."""
    access.require(session, actor_id, "COORDINATEUR", message)


def check_administrator(session: Session, actor_id: uuid.UUID | None, message: str) -> None:
    """Refuse with ``message`` when ``actor_id`` is given and is not a live administrator."""
    access.require(session, actor_id, "ADMIN", message)


def _check_actor(session: Session, actor_id: uuid.UUID | None) -> None:
    check_coordinator(
        session,
        actor_id,
        translate("Closure", "seuls la coordination et l'administration peuvent clôturer ou rouvrir un mois."),
    )


def _month_error(message: str) -> ValidationError:
    return ValidationError([FieldError("month", message)])


def close_month(
    db: Database, month: int, *, actor_id: uuid.UUID | None = None, today: dt.date | None = None
) -> MonthState:
    """Close ``month`` (a month that is over): freeze its figures.  A reopened month is closed anew (v + 1)."""
    Period(month, month)  # a real month, or ValueError
    day = today or dt.date.today()
    if _first_day_after(month) > day:
        raise _month_error(
            translate(
                "Closure", "le mois {month} n'est pas terminé : il pourra être clôturé à partir du {day}."
            ).format(month=month_text(month), day=_first_day_after(month).strftime("%d/%m/%Y"))
        )
    with db.transaction() as session:
        _check_actor(session, actor_id)
        row = session.scalar(select(MonthClosure).where(MonthClosure.month == month))
        if row is not None and row.status == CLOSED:
            raise _month_error(
                translate("Closure", "le mois {month} est déjà clôturé (version {version}).").format(
                    month=month_text(month), version=row.version
                )
            )
        device = audit.session_device_id(session)
        snapshot, digest = _snapshot(db, session, month)
        now = utcnow()
        version = load_registry().active.version
        if row is None:
            row = MonthClosure(
                month=month,
                status=CLOSED,
                version=1,
                closed_at=now,
                closed_by=actor_id,
                snapshot=snapshot,
                snapshot_sha256=digest,
                created_by=actor_id,
                device_id=device,
                vocab_version=version,
            )
            session.add(row)
        else:
            row.status, row.version, row.closed_at, row.closed_by = CLOSED, row.version + 1, now, actor_id
            row.snapshot, row.snapshot_sha256, row.device_id, row.vocab_version = snapshot, digest, device, version
        session.flush()
        amendments.forget_closed_months(session)
        audit.log_change(
            session,
            action="CLOSE",
            table="month_closure",
            record_id=row.id,
            changes={"month": month_text(month), "version": row.version, "snapshot_sha256": digest},
            actor_id=actor_id,
            device_id=device,
        )
        return _states(session, [month])[month]


def reopen_month(db: Database, month: int, *, reason: str, actor_id: uuid.UUID | None = None) -> MonthState:
    """Reopen a closed month (its figures are computed again until it is closed anew); ``reason`` is required."""
    why = reason.strip()
    if not why:
        raise ValidationError(
            [
                FieldError(
                    "reason", translate("Closure", "indiquez pourquoi le mois est rouvert (200 caractères au plus).")
                )
            ]
        )
    if len(why) > amendments.REASON_MAX:
        raise ValidationError(
            [FieldError("reason", translate("Closure", "200 caractères au plus ({n} saisis).").format(n=len(why)))]
        )
    with db.transaction() as session:
        _check_actor(session, actor_id)
        row = session.scalar(select(MonthClosure).where(MonthClosure.month == month))
        if row is None or row.status != CLOSED:
            raise _month_error(
                translate("Closure", "le mois {month} n'est pas clôturé : rien à rouvrir.").format(
                    month=month_text(month)
                )
            )
        device = audit.session_device_id(session)
        row.status, row.reopened_at, row.reopened_by, row.reopen_reason = REOPENED, utcnow(), actor_id, why
        row.device_id = device
        session.flush()
        amendments.forget_closed_months(session)
        audit.log_change(
            session,
            action="REOPEN",
            table="month_closure",
            record_id=row.id,
            changes={"month": month_text(month), "version": row.version, "reason": why},
            actor_id=actor_id,
            device_id=device,
        )
        return _states(session, [month])[month]
