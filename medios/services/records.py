"""Correcting and retiring a reference record (structure, mediator, dispositif, territory, site, partner).

Every change goes to the audit log with the C and O fields that changed (never an L value); retiring
is a soft delete (``deleted_at``): the row stays, its history stays, and the records that point to it
keep their link.  Pickers and lists show live rows only.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from medios.db.models import Base, utcnow
from medios.i18n import translate
from medios.services import audit
from medios.services.errors import NotFoundError

Row = TypeVar("Row", bound=Base)


def live_row(session: Session, model: type[Row], record_id: uuid.UUID) -> Row:
    """The live row ``record_id`` of ``model``; :class:`NotFoundError` (French) when absent or retired."""
    entity = cast(Any, model)  # every reference model has the sync columns (SyncMixin)
    row = session.scalar(select(entity).where(entity.id == record_id, entity.deleted_at.is_(None)))
    if row is None:
        raise NotFoundError(translate("Records", "Cet élément n'existe pas ou a été retiré."))
    return cast(Row, row)


def update_logged(session: Session, row: Base, values: Mapping[str, Any], *, actor_id: uuid.UUID | None = None) -> bool:
    """Set ``values`` on ``row`` and log the change; ``False`` (and nothing logged) when nothing changed."""
    changed = {key: value for key, value in values.items() if getattr(row, key) != value}
    if not changed:
        return False
    device = audit.session_device_id(session)
    before = audit.auditable_state(row)
    for key, value in changed.items():
        setattr(row, key, value)
    row.device_id = device  # type: ignore[attr-defined]
    session.flush()
    audit.log_change(
        session,
        action="UPDATE",
        table=cast(Table, row.__table__).name,
        record_id=row.id,  # type: ignore[attr-defined]
        changes=audit.diff(before, audit.auditable_state(row)),
        actor_id=actor_id,
        device_id=device,
    )
    return True


def retire_logged(session: Session, row: Base, *, actor_id: uuid.UUID | None = None) -> None:
    """Soft-delete ``row`` (it stays in the base and in the records that point to it) and log it."""
    device = audit.session_device_id(session)
    row.deleted_at = utcnow()  # type: ignore[attr-defined]
    row.device_id = device  # type: ignore[attr-defined]
    session.flush()
    audit.log_change(
        session,
        action="DELETE",
        table=cast(Table, row.__table__).name,
        record_id=row.id,  # type: ignore[attr-defined]
        changes=None,
        actor_id=actor_id,
        device_id=device,
    )
