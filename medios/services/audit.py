"""The audit log of changes: who changed which record, and how (C and O fields and references, never L).

The log is hash-chained (migration 0013): each line's ``sha256`` is the SHA-256 of the line before it
(``GENESIS`` for the first) and of its own fields (:func:`entry_digest`), computed when the line is
written, in the writing transaction (``BEGIN IMMEDIATE``: one writer at a time, so the chain never
forks).  :func:`verify_chain` walks the log in order and names the first line where the chain breaks: a
line edited, removed or moved before it.  Removing the last lines leaves a shorter chain that is still
whole: the head (:attr:`ChainReport.head`, printed by ``medios audit verify``) compared with one noted
earlier shows it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass
from typing import Any, Final, cast

from sqlalchemy import Table, event, select
from sqlalchemy.orm import Session

from medios.db import DEVICE_ID_KEY, Database
from medios.db.models import AppSetting, AuditLog, Base, Tier, tier_of, utcnow
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


GENESIS: Final = "0" * 64  # what the first line of the log chains to
_HEAD: Final = "medios.audit_head"  # session.info: the chain's head in this transaction
_SEPARATOR: Final = "\x1f"
_NONE: Final = "\x00"  # a missing value, distinct from an empty one


def entry_digest(
    previous: str,
    *,
    at: dt.datetime,
    actor_id: uuid.UUID | None,
    device_id: str,
    action: str,
    table_name: str,
    record_id: uuid.UUID | None,
    changes: str | None,
) -> str:
    """SHA-256 of a log line chained to ``previous``: every field, in a fixed order and spelling."""
    fields = (
        previous,
        at.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds"),
        actor_id.hex if actor_id else _NONE,
        device_id,
        action,
        table_name,
        record_id.hex if record_id else _NONE,
        _NONE if changes is None else changes,
    )
    return hashlib.sha256(_SEPARATOR.join(fields).encode("utf-8")).hexdigest()


def _head(session: Session) -> str:
    head = session.info.get(_HEAD)
    if head is None:  # the last line written, lines added but not yet flushed included (autoflush)
        head = session.scalar(select(AuditLog.sha256).order_by(AuditLog.id.desc()).limit(1)) or GENESIS
    return cast(str, head)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_soft_rollback")
def _forget_head(session: Session, *_args: Any) -> None:
    session.info.pop(_HEAD, None)  # a rolled-back line must not stay the head


def chain(session: Session, rows: Iterable[MutableMapping[str, Any]], *, bulk: bool = True) -> None:
    """Set ``at`` (when missing) and ``sha256`` of log rows about to be inserted in bulk, in their order.

    The lines of this session not yet written are flushed first (``bulk``): they were chained before
    these and must take the smaller ids."""
    if bulk:
        session.flush()
    head = _head(session)
    for row in rows:
        row.setdefault("at", utcnow())
        head = row["sha256"] = entry_digest(
            head,
            at=row["at"],
            actor_id=row.get("actor_id"),
            device_id=row["device_id"],
            action=row["action"],
            table_name=row["table_name"],
            record_id=row.get("record_id"),
            changes=row.get("changes"),
        )
    session.info[_HEAD] = head


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
    line: dict[str, Any] = {
        "action": action,
        "table_name": table,
        "record_id": record_id,
        "changes": json.dumps(changes, ensure_ascii=False, sort_keys=True) if changes is not None else None,
        "actor_id": actor_id,
        "device_id": device_id,
    }
    chain(session, [line], bulk=False)  # the ORM writes its lines in the order they were added
    session.add(AuditLog(**line))
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


@dataclass(frozen=True, slots=True)
class ChainReport:
    """``medios audit verify``: the lines read, the first break (its line id and why), the head."""

    entries: int
    broken_at: int | None
    reason: str | None
    head: str
    last_id: int | None

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify_chain(db: Database) -> ChainReport:
    """Walk the log in id order and recompute each line's hash from the line before it."""
    from medios.i18n import translate

    head, count, last_id = GENESIS, 0, None
    with db.session() as session:
        rows = session.execute(select(AuditLog).order_by(AuditLog.id).execution_options(yield_per=2000)).scalars()
        for line in rows:
            count += 1
            expected = entry_digest(
                head,
                at=line.at,
                actor_id=line.actor_id,
                device_id=line.device_id,
                action=line.action,
                table_name=line.table_name,
                record_id=line.record_id,
                changes=line.changes,
            )
            if line.sha256 != expected:
                if line.id != (last_id or 0) + 1:
                    reason = translate("Audit", "les lignes {first} à {last} ont été supprimées").format(
                        first=(last_id or 0) + 1, last=line.id - 1
                    )
                else:
                    reason = translate("Audit", "cette ligne a été modifiée, ou une ligne a été déplacée ici")
                return ChainReport(count, line.id, reason, head, last_id)
            head, last_id = line.sha256, line.id
    return ChainReport(count, None, None, head, last_id)


EXPORT_COLUMNS: Final = ("id", "at", "actor", "device_id", "action", "table_name", "record_id", "changes", "sha256")


def _coordination_only(session: Session, actor_id: uuid.UUID | None, message: str) -> dict[uuid.UUID, str]:
    """Refuse a non-coordinator; the pseudonym of every user (the log names authors by pseudonym)."""
    from medios.db.models import Mediator
    from medios.services import access

    access.require(session, actor_id, "COORDINATEUR", message)
    return {row[0]: row[1] for row in session.execute(select(Mediator.id, Mediator.pseudonym))}


def _as_text(line: AuditLog, pseudonyms: dict[uuid.UUID, str]) -> tuple[str, ...]:
    return (
        str(line.id),
        line.at.isoformat(sep=" ", timespec="seconds"),
        pseudonyms.get(line.actor_id, "") if line.actor_id else "",
        line.device_id,
        line.action,
        line.table_name,
        str(line.record_id) if line.record_id else "",
        line.changes or "",
        line.sha256,
    )


def export_rows(db: Database, *, actor_id: uuid.UUID | None = None) -> list[tuple[str, ...]]:
    """The log as rows of text for a coordinator's export: C and O fields only (the log holds no other),
    the author by pseudonym, the hash of each line so that the export can be checked against the base."""
    from medios.i18n import translate

    with db.session() as session:
        pseudonyms = _coordination_only(
            session, actor_id, translate("Audit", "seules la coordination et l'administration exportent le journal.")
        )
        rows = session.execute(select(AuditLog).order_by(AuditLog.id)).scalars()
        return [_as_text(line, pseudonyms) for line in rows]


def recent_rows(
    db: Database,
    *,
    actor_id: uuid.UUID | None = None,
    before_id: int | None = None,
    action: str | None = None,
    limit: int = 200,
) -> list[tuple[str, ...]]:
    """The newest ``limit`` lines (older than line ``before_id``, of ``action`` when given), newest first,
    as :func:`export_rows` gives them: what the window shows a coordinator."""
    from medios.i18n import translate

    with db.session() as session:
        pseudonyms = _coordination_only(
            session, actor_id, translate("Audit", "seules la coordination et l'administration consultent le journal.")
        )
        query = select(AuditLog).order_by(AuditLog.id.desc()).limit(limit)
        if before_id is not None:
            query = query.where(AuditLog.id < before_id)
        if action is not None:
            query = query.where(AuditLog.action == action)
        return [_as_text(line, pseudonyms) for line in session.execute(query).scalars()]
