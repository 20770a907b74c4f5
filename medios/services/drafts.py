"""Drafts of forms being filled, kept in the database (never in a loose file) so that nothing typed is lost.

A form saves its content a moment after each change (:func:`save_draft`), and deletes it once the record
is saved or the entry cancelled (:func:`discard_draft`).  At the next start the application offers to
restore the user's draft (:func:`load_draft`).  One draft per user and kind: saving replaces it.

The payload is the form's own JSON (a ``dict``); this module does not interpret it.  Saving a draft is
not a business write: no audit line, no validation, allowed even when the content is incomplete.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select

from medios.db import Database
from medios.db.models import Draft, utcnow

INTERVENTION = "intervention"
PRESENCE = "presence"  # a tournée
ACTION = "action"  # a collective action
MEETING = "meeting"  # a partner meeting


@dataclass(frozen=True, slots=True)
class DraftRecord:
    id: uuid.UUID
    user_id: uuid.UUID | None
    kind: str
    target_id: uuid.UUID | None
    payload: dict[str, Any]
    updated_at: dt.datetime


def _owner(user_id: uuid.UUID | None) -> Any:
    return Draft.user_id.is_(None) if user_id is None else Draft.user_id == user_id


def save_draft(
    db: Database,
    user_id: uuid.UUID | None,
    kind: str,
    payload: dict[str, Any],
    *,
    target_id: uuid.UUID | None = None,
) -> DraftRecord:
    """Store ``payload`` as the draft of ``user_id`` for ``kind``, replacing the previous one."""
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    now = utcnow()
    with db.transaction() as session:
        row = session.scalars(select(Draft).where(_owner(user_id), Draft.kind == kind).limit(1)).first()
        if row is None:
            row = Draft(id=uuid.uuid4(), user_id=user_id, kind=kind)
            session.add(row)
        row.target_id = target_id
        row.payload = text
        row.updated_at = now
        session.flush()
        return DraftRecord(row.id, user_id, kind, target_id, payload, now)


def load_draft(db: Database, user_id: uuid.UUID | None, kind: str) -> DraftRecord | None:
    """The draft of ``user_id`` for ``kind``, ``None`` when there is none (or its payload is unreadable)."""
    with db.session() as session:
        row = session.scalars(
            select(Draft).where(_owner(user_id), Draft.kind == kind).order_by(Draft.updated_at.desc()).limit(1)
        ).first()
        if row is None:
            return None
        try:
            payload = json.loads(row.payload)
        except ValueError:
            return None
        if not isinstance(payload, dict):
            return None
        return DraftRecord(row.id, row.user_id, row.kind, row.target_id, payload, row.updated_at)


def discard_draft(db: Database, user_id: uuid.UUID | None, kind: str) -> int:
    """Delete the drafts of ``user_id`` for ``kind``; returns how many there were."""
    with db.transaction() as session:
        result = session.execute(delete(Draft).where(_owner(user_id), Draft.kind == kind))
        return int(getattr(result, "rowcount", 0) or 0)
