"""Retention of free-text notes (domain brief §8): purged on their schedule, 12 months after entry by
default.  :func:`preview` says how many notes the purge would remove and since when; :func:`purge`
removes them in one transaction with ``secure_delete`` on, logs the purge by count only (action
``PURGE``, no text), then :func:`medios.db.maintenance.scrub` rewrites the file so that nothing of them
stays in the base, its WAL or a backup made afterwards.  Purging is a coordinator action.

The schedule is kept in ``app_setting`` (``retention.notes_months``, 1 to 120 months).  ``updated_at``
is left alone: the purge is not a change by a user, and notes never travel between laptops.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any, Final, cast

from sqlalchemy import ColumnElement, CursorResult, func, select, update

from medios.db import Database
from medios.db.engine import driver_execute
from medios.db.maintenance import scrub
from medios.db.models import AppSetting, Intervention
from medios.i18n import translate
from medios.services import audit, closure
from medios.services.errors import FieldError, ValidationError

SETTING: Final = "retention.notes_months"
DEFAULT_MONTHS: Final = 12
MIN_MONTHS, MAX_MONTHS = 1, 120


@dataclass(frozen=True, slots=True)
class Preview:
    months: int
    cutoff: dt.datetime  # notes entered before this moment are purged
    notes: int  # how many
    oldest: dt.datetime | None


def _months_before(today: dt.date, months: int) -> dt.datetime:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    day = min(today.day, 28)  # a day every month has
    return dt.datetime(year, month + 1, day)


def notes_months(db: Database) -> int:
    with db.session() as session:
        value = session.scalar(select(AppSetting.value).where(AppSetting.key == SETTING))
    return int(value) if value else DEFAULT_MONTHS


def set_notes_months(db: Database, months: int, *, actor_id: uuid.UUID | None = None) -> None:
    if not MIN_MONTHS <= months <= MAX_MONTHS:
        raise ValidationError(
            [
                FieldError(
                    "months",
                    translate("Retention", "la durée de conservation va de {low} à {high} mois.").format(
                        low=MIN_MONTHS, high=MAX_MONTHS
                    ),
                )
            ]
        )
    with db.transaction() as session:
        closure.check_coordinator(
            session,
            actor_id,
            translate("Retention", "seules la coordination et l'administration fixent la conservation."),
        )
        row = session.get(AppSetting, SETTING)
        if row is None:
            session.add(AppSetting(key=SETTING, value=str(months)))
        else:
            row.value = str(months)


def _due(cutoff: dt.datetime) -> list[ColumnElement[bool]]:
    return [Intervention.notes.is_not(None), Intervention.notes != "", Intervention.created_at < cutoff]


def preview(db: Database, *, today: dt.date | None = None) -> Preview:
    months = notes_months(db)
    cutoff = _months_before(today or dt.date.today(), months)
    with db.session() as session:
        count, oldest = session.execute(
            select(func.count(), func.min(Intervention.created_at)).where(*_due(cutoff))
        ).one()
    return Preview(months, cutoff, int(count), oldest)


def purge(db: Database, *, today: dt.date | None = None, actor_id: uuid.UUID | None = None) -> int:
    """Remove the notes :func:`preview` counts; returns how many.  The file is then scrubbed."""
    plan = preview(db, today=today)
    with db.transaction() as session:
        closure.check_coordinator(
            session,
            actor_id,
            translate("Retention", "seules la coordination et l'administration purgent les observations."),
        )
        if db.engine.dialect.name == "sqlite":  # SQLite-specific: freed cells are overwritten with zeros
            driver_execute(session.connection(), "PRAGMA secure_delete=ON")
        result = cast(
            CursorResult[Any], session.execute(update(Intervention).where(*_due(plan.cutoff)).values(notes=None))
        )
        done = result.rowcount
        audit.log_change(
            session,
            action="PURGE",
            table="intervention",
            record_id=None,
            changes={"notes": done, "months": plan.months},
            actor_id=actor_id,
            device_id=audit.session_device_id(session),
        )
    scrub(db)
    return int(done)
