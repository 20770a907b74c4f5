"""The audit log of changes: who changed which record, and how (C and O fields and references, never L)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from medios.db import DEVICE_ID_KEY
from medios.db.models import AppSetting, AuditLog, Base, Tier, tier_of
from medios.services import amendments


def session_device_id(session: Session) -> str:
    value = session.scalar(select(AppSetting.value).where(AppSetting.key == DEVICE_ID_KEY))
    if value is None:
        raise RuntimeError("base non initialisée : identifiant de poste absent")
    return value


def plain(value: Any) -> Any:
    """A JSON-ready value (dates, times and UUIDs as text)."""
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


# The record's own id and its author are columns of the log line (record_id, actor_id); the rest of the
# sync columns (timestamps, device, soft delete) are L and vocab_version is bookkeeping.
_NOT_AUDITED = frozenset({"id", "created_by", "vocab_version"})


def auditable_state(obj: Base) -> dict[str, Any]:
    """The C and O columns of ``obj`` and its references (K), as JSON-ready values; never an L value.

    References (dispositif, site, follow-up, presence block, partner…) say what a record was linked to;
    the log stays in the database, so keys may go in.  Tier L columns (times, names, notes) never do.
    """
    table = cast(Table, obj.__table__)
    state: dict[str, Any] = {}
    for column in table.columns:
        if tier_of(column) is Tier.LOCAL or column.name in _NOT_AUDITED:
            continue
        state[column.name] = plain(getattr(obj, column.key))
    return state


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for the fields that changed."""
    return {k: [before.get(k), after.get(k)] for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)}


def log_change(
    session: Session,
    *,
    action: str,
    table: str,
    record_id: uuid.UUID | None,
    changes: dict[str, Any] | None,
    actor_id: uuid.UUID | None,
    device_id: str,
) -> None:
    session.add(
        AuditLog(
            action=action,
            table_name=table,
            record_id=record_id,
            changes=json.dumps(changes, ensure_ascii=False, sort_keys=True) if changes is not None else None,
            actor_id=actor_id,
            device_id=device_id,
        )
    )
    # A change to a record of a closed month is an amendment too (same transaction).
    amendments.record(
        session,
        action=action,
        table=table,
        record_id=record_id,
        changes=changes,
        actor_id=actor_id,
        device_id=device_id,
    )


def add_created(session: Session, row: Base, *, device_id: str, actor_id: uuid.UUID | None = None) -> None:
    """Add ``row``, flush it (ids and defaults set), and log its creation with its C and O fields."""
    session.add(row)
    session.flush()
    log_change(
        session,
        action="CREATE",
        table=cast(Table, row.__table__).name,
        record_id=getattr(row, "id", None),
        changes=auditable_state(row),
        actor_id=actor_id,
        device_id=device_id,
    )
