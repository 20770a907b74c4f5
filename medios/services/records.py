"""Correcting and retiring a reference record (structure, mediator, dispositif, territory, site, partner).

Every change goes to the audit log with the C and O fields that changed (never an L value); retiring
is a soft delete (``deleted_at``): the row stays, its history stays, and the records that point to it
keep their link.  Pickers and lists show live rows only.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from sqlalchemy import Table, delete, insert, select
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


@dataclass(frozen=True, slots=True)
class Children:
    """A multi-valued field kept in a child table: ``table.owner`` names the row, ``table.value`` holds a value."""

    table: Table
    owner: str
    value: str
    values: frozenset[Any]


def child_values(session: Session, table: Table, owner: str, value: str, owner_id: uuid.UUID) -> list[Any]:
    """The values of one row's child table, sorted (codes, or keys as strings sort the same way)."""
    rows = session.execute(select(table.c[value]).where(table.c[owner] == owner_id)).scalars()
    return sorted(rows, key=str)


def _replace_children(session: Session, owner_id: uuid.UUID, child: Children) -> list[Any] | None:
    """Make the child rows of ``owner_id`` exactly ``child.values``; ``[old, new]`` when they changed."""
    old = child_values(session, child.table, child.owner, child.value, owner_id)
    new = sorted(child.values, key=str)
    if old == new:
        return None
    session.execute(delete(child.table).where(child.table.c[child.owner] == owner_id))
    if new:
        session.execute(insert(child.table), [{child.owner: owner_id, child.value: v} for v in new])
    return [[audit.plain(v) for v in old], [audit.plain(v) for v in new]]


def insert_children(session: Session, owner_id: uuid.UUID, children: Iterable[Children]) -> None:
    """The child rows of a row just created (its creation log carries its columns)."""
    for child in children:
        if child.values:
            session.execute(
                insert(child.table), [{child.owner: owner_id, child.value: v} for v in sorted(child.values, key=str)]
            )


def update_logged(
    session: Session,
    row: Base,
    values: Mapping[str, Any],
    *,
    actor_id: uuid.UUID | None = None,
    children: Mapping[str, Children] | None = None,
) -> bool:
    """Set ``values`` on ``row`` (and its child tables ``children``, by field name) and log the change.

    ``False`` (and nothing logged) when nothing changed.
    """
    changed = {key: value for key, value in values.items() if getattr(row, key) != value}
    record_id: uuid.UUID = row.id  # type: ignore[attr-defined]
    child_changes: dict[str, list[Any]] = {}
    for name, child in (children or {}).items():
        change = _replace_children(session, record_id, child)
        if change is not None:
            child_changes[name] = change
    if not changed and not child_changes:
        return False
    device = audit.session_device_id(session)
    before = audit.auditable_state(row)
    for key, value in changed.items():
        setattr(row, key, value)
    row.device_id = device  # type: ignore[attr-defined]
    if child_changes:
        row.updated_at = utcnow()  # type: ignore[attr-defined]
    session.flush()
    audit.log_change(
        session,
        action="UPDATE",
        table=cast(Table, row.__table__).name,
        record_id=record_id,
        changes=audit.diff(before, audit.auditable_state(row)) | child_changes,
        actor_id=actor_id,
        device_id=device,
    )
    return True


def retired_row(session: Session, model: type[Row], record_id: uuid.UUID) -> Row:
    """The retired row ``record_id`` of ``model``; :class:`NotFoundError` (French) when absent or live."""
    entity = cast(Any, model)
    row = session.scalar(select(entity).where(entity.id == record_id, entity.deleted_at.is_not(None)))
    if row is None:
        raise NotFoundError(translate("Records", "Cet élément n'existe pas ou n'est pas retiré."))
    return cast(Row, row)


def restore_logged(
    session: Session,
    model: type[Row],
    record_id: uuid.UUID,
    *,
    clash: Callable[[Session, Row], None] | None = None,
    actor_id: uuid.UUID | None = None,
) -> Row:
    """Bring a retired row back (``deleted_at`` cleared) and log it; ``clash`` raises when its name is taken."""
    row = retired_row(session, model, record_id)
    if clash is not None:
        clash(session, row)
    device = audit.session_device_id(session)
    row.deleted_at = None  # type: ignore[attr-defined]
    row.device_id = device  # type: ignore[attr-defined]
    session.flush()
    audit.log_change(
        session,
        action="RESTORE",
        table=cast(Table, row.__table__).name,
        record_id=record_id,
        changes=None,
        actor_id=actor_id,
        device_id=device,
    )
    return row


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
