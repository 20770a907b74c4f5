"""Use cases on partner meetings (CLSPD, GUP, cellule de veille…): professionals only, one record per meeting.

Meetings with inhabitants are collective actions (registre CONC), not partner meetings.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, select, tuple_
from sqlalchemy.orm import Session

from medios.db import Database
from medios.db.models import MeetingMediator, MeetingPartner, PartnerMeeting, utcnow
from medios.i18n import translate
from medios.referentiel import Referentiel, load_registry
from medios.services import activity_common as common
from medios.services import audit, derive, records
from medios.services.errors import FieldError, NotFoundError, ValidationError
from medios.services.rules import check_code, check_date, check_duration, check_length, column_length

TABLE = "partner_meeting"
SUBJECT_MAX = column_length(PartnerMeeting.subject)


@dataclass(frozen=True, slots=True)
class MeetingInput:
    date: dt.date
    duration_min: int
    meeting_type: str
    subject: str | None = None
    partner_types: tuple[str, ...] = ()
    mediator_ids: tuple[uuid.UUID, ...] = ()
    dispositif_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class MeetingRecord:
    id: uuid.UUID
    data: MeetingInput
    month: int
    vocab_version: str
    mediators: tuple[str, ...]
    created_at: dt.datetime
    updated_at: dt.datetime


def validate(session: Session, data: MeetingInput, ref: Referentiel, today: dt.date) -> None:
    errors: list[FieldError] = []
    check_date(errors, data.date, today)
    check_duration(errors, data.duration_min)
    check_code(errors, ref, "TYPE_REUNION", data.meeting_type, "meeting_type")
    if data.subject:
        check_length(errors, data.subject, SUBJECT_MAX, "subject")
    common.check_codes(
        errors, ref.active_codes("TYPE_PARTENAIRE"), data.partner_types, "partners", "TYPE_PARTENAIRE", ref.version
    )
    common.check_mediators(session, data.mediator_ids, errors)
    common.check_dispositif_and_site(session, errors, data.dispositif_id, None)
    if errors:
        raise ValidationError(errors)


def _normalised(data: MeetingInput) -> MeetingInput:
    return MeetingInput(
        date=data.date,
        duration_min=data.duration_min,
        meeting_type=data.meeting_type,
        subject=(data.subject or "").strip() or None,
        partner_types=tuple(data.partner_types),
        mediator_ids=tuple(data.mediator_ids),
        dispositif_id=data.dispositif_id,
    )


def _fill(row: PartnerMeeting, data: MeetingInput, version: str) -> None:
    row.date = data.date
    row.month = derive.month_key(data.date)
    row.duration_min = data.duration_min
    row.meeting_type = data.meeting_type
    row.subject = data.subject
    row.dispositif_id = data.dispositif_id
    row.vocab_version = version


def _children(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[list[str], list[uuid.UUID]]]:
    result: dict[uuid.UUID, tuple[list[str], list[uuid.UUID]]] = {i: ([], []) for i in ids}
    if not ids:
        return result
    for meeting_id, partner_type in session.execute(
        select(MeetingPartner.meeting_id, MeetingPartner.partner_type).where(MeetingPartner.meeting_id.in_(ids))
    ):
        result[meeting_id][0].append(partner_type)
    for meeting_id, mediator_id in session.execute(
        select(MeetingMediator.meeting_id, MeetingMediator.mediator_id).where(MeetingMediator.meeting_id.in_(ids))
    ):
        result[meeting_id][1].append(mediator_id)
    return result


def _records(session: Session, rows: list[PartnerMeeting]) -> list[MeetingRecord]:
    children = _children(session, [r.id for r in rows])
    names = common.pseudonyms(session, [m for c in children.values() for m in c[1]])
    records = []
    for row in rows:
        partners, mediators = children[row.id]
        mediator_ids = tuple(sorted(mediators, key=str))
        data = MeetingInput(
            date=row.date,
            duration_min=row.duration_min,
            meeting_type=row.meeting_type,
            subject=row.subject,
            partner_types=tuple(sorted(partners)),
            mediator_ids=mediator_ids,
            dispositif_id=row.dispositif_id,
        )
        records.append(
            MeetingRecord(
                id=row.id,
                data=data,
                month=row.month,
                vocab_version=row.vocab_version,
                mediators=tuple(sorted(names.get(m, "?") for m in mediator_ids)),
                created_at=row.created_at,
                updated_at=row.updated_at,
            )
        )
    return records


def _add_children(session: Session, meeting_id: uuid.UUID, data: MeetingInput) -> None:
    session.add_all(MeetingPartner(meeting_id=meeting_id, partner_type=t) for t in data.partner_types)
    session.add_all(MeetingMediator(meeting_id=meeting_id, mediator_id=m) for m in data.mediator_ids)


def _live(session: Session, meeting_id: uuid.UUID) -> PartnerMeeting:
    row = session.get(PartnerMeeting, meeting_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(translate("Meetings", "Réunion introuvable ou supprimée."))
    return row


def record_meeting(
    db: Database,
    data: MeetingInput,
    *,
    actor_id: uuid.UUID | None = None,
    today: dt.date | None = None,
    meeting_id: uuid.UUID | None = None,
) -> MeetingRecord:
    ref = load_registry().active
    data = _normalised(data)
    with db.transaction() as session:
        validate(session, data, ref, today or dt.date.today())
        device = audit.session_device_id(session)
        row = PartnerMeeting(id=meeting_id or uuid.uuid4(), created_by=actor_id, device_id=device)
        _fill(row, data, ref.version)
        session.add(row)
        session.flush()
        _add_children(session, row.id, data)
        audit.log_change(
            session,
            action="CREATE",
            table=TABLE,
            record_id=row.id,
            changes=common.state(row, partners=data.partner_types, mediators=data.mediator_ids),
            actor_id=actor_id,
            device_id=device,
        )
        session.flush()
        return _records(session, [row])[0]


def update_meeting(
    db: Database,
    meeting_id: uuid.UUID,
    data: MeetingInput,
    *,
    actor_id: uuid.UUID | None = None,
    today: dt.date | None = None,
) -> MeetingRecord:
    ref = load_registry().active
    data = _normalised(data)
    with db.transaction() as session:
        row = _live(session, meeting_id)
        validate(session, data, ref, today or dt.date.today())
        partners, mediators = _children(session, [meeting_id])[meeting_id]
        before = common.state(row, partners=partners, mediators=mediators)
        device = audit.session_device_id(session)
        _fill(row, data, ref.version)
        row.device_id = device
        changes = audit.diff(before, common.state(row, partners=data.partner_types, mediators=data.mediator_ids))
        if changes:
            row.updated_at = utcnow()
            for model in (MeetingPartner, MeetingMediator):
                session.execute(delete(model).where(model.meeting_id == meeting_id))
            _add_children(session, meeting_id, data)
            audit.log_change(
                session,
                action="UPDATE",
                table=TABLE,
                record_id=meeting_id,
                changes=changes,
                actor_id=actor_id,
                device_id=device,
            )
        session.flush()
        return _records(session, [row])[0]


def delete_meeting(db: Database, meeting_id: uuid.UUID, *, actor_id: uuid.UUID | None = None) -> None:
    with db.transaction() as session:
        row = _live(session, meeting_id)
        records.retire_logged(session, row, actor_id=actor_id)  # deleted_at, updated_at, device, audit


def get_meeting(db: Database, meeting_id: uuid.UUID) -> MeetingRecord:
    with db.session() as session:
        return _records(session, [_live(session, meeting_id)])[0]


def list_meetings(
    db: Database, *, limit: int = common.LIST_LIMIT, before: MeetingRecord | None = None
) -> list[MeetingRecord]:
    """Live meetings, newest first, at most ``limit`` (order led by the live month index)."""
    limit = max(1, min(limit, common.LIST_LIMIT))
    m = PartnerMeeting
    query = select(m).where(m.deleted_at.is_(None))
    if before is not None:
        key = (before.month, before.data.date, before.id)
        query = query.where(m.month <= before.month).where(tuple_(m.month, m.date, m.id) < key)
    query = query.order_by(m.month.desc(), m.date.desc(), m.id.desc()).limit(limit)
    with db.session() as session:
        return _records(session, list(session.scalars(query)))
