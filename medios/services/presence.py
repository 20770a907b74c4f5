"""Use cases on présence active blocks (tournées, permanences): record, update, soft-delete, read, list.

A block is a span of time: its end may be before its start (it then ends the next day, and belongs to
its start date); it lasts at most 14 hours.  Duration, month, time band and day type are derived from
the start.  The interventions made during a block name it (``Intervention.presence_id``) and are
listed with it; their time stays inside the block (domain brief §3).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, func, select, tuple_
from sqlalchemy.orm import Session

from medios.db import Database
from medios.db.models import Intervention, PresenceActive, PresenceMediator, utcnow
from medios.i18n import translate
from medios.referentiel import Referentiel, load_registry
from medios.services import activity_common as common
from medios.services import audit, derive, records
from medios.services.errors import FieldError, NotFoundError, ValidationError
from medios.services.rules import check_code, check_commune, check_date, check_qpv, normalise_commune
from medios.services.structure import structure_context

MAX_BLOCK_MIN = 14 * 60
TABLE = "presence_active"


@dataclass(frozen=True, slots=True)
class PresenceInput:
    """What a mediator enters for a block; references are ids of existing rows."""

    date: dt.date
    start_time: dt.time
    end_time: dt.time
    presence_type: str
    commune: str
    qpv: str | None = None
    mediator_ids: tuple[uuid.UUID, ...] = ()
    dispositif_id: uuid.UUID | None = None
    site_id: uuid.UUID | None = None
    informal_contacts: int = 0


@dataclass(frozen=True, slots=True)
class PresenceRecord:
    id: uuid.UUID
    data: PresenceInput
    month: int
    duration_min: int
    time_band: str
    day_type: str
    vocab_version: str
    mediators: tuple[str, ...]  # pseudonyms, sorted
    interventions: int  # live interventions made during the block
    created_at: dt.datetime
    updated_at: dt.datetime

    @property
    def crosses_midnight(self) -> bool:
        return self.data.end_time <= self.data.start_time


@dataclass(frozen=True, slots=True)
class LinkedIntervention:
    """An intervention made during a block, as the block's page lists it."""

    id: uuid.UUID
    date: dt.date
    start_time: dt.time
    duration_min: int
    registre: str
    place: str
    outcome: str


def validate(session: Session, data: PresenceInput, ref: Referentiel, today: dt.date) -> None:
    errors: list[FieldError] = []
    check_date(errors, data.date, today)
    minutes = derive.block_duration(data.start_time, data.end_time)
    if minutes > MAX_BLOCK_MIN:
        errors.append(
            FieldError(
                "end",
                translate("Presence", "le bloc dure {hours} h {minutes:02d} : 14 h au plus.").format(
                    hours=minutes // 60, minutes=minutes % 60
                )
                if minutes < 24 * 60
                else translate("Presence", "la fin est égale au début : indiquez l'heure de fin."),
            )
        )
    check_code(errors, ref, "TYPE_PRESENCE", data.presence_type, "presence_type")
    check_commune(errors, data.commune)
    check_qpv(errors, data.qpv)
    common.check_count(errors, data.informal_contacts, "informal_contacts")
    common.check_mediators(session, data.mediator_ids, errors)
    common.check_dispositif_and_site(session, errors, data.dispositif_id, data.site_id)
    if errors:
        raise ValidationError(errors)


def _fill(row: PresenceActive, data: PresenceInput, calendar: str, version: str) -> None:
    row.date = data.date
    row.month = derive.month_key(data.date)
    row.start_time = data.start_time
    row.end_time = data.end_time
    row.duration_min = derive.block_duration(data.start_time, data.end_time)
    row.time_band = derive.time_band(data.start_time)
    row.day_type = derive.day_type(data.date, calendar)
    row.presence_type = data.presence_type
    row.commune = data.commune
    row.qpv = data.qpv
    row.dispositif_id = data.dispositif_id
    row.site_id = data.site_id
    row.informal_contacts = data.informal_contacts
    row.vocab_version = version


def _normalised(data: PresenceInput) -> PresenceInput:
    commune = normalise_commune(data.commune.strip())
    qpv = (data.qpv or "").strip().upper() or None
    return PresenceInput(
        date=data.date,
        start_time=data.start_time.replace(second=0, microsecond=0),
        end_time=data.end_time.replace(second=0, microsecond=0),
        presence_type=data.presence_type,
        commune=commune,
        qpv=qpv,
        mediator_ids=tuple(data.mediator_ids),
        dispositif_id=data.dispositif_id,
        site_id=data.site_id,
        informal_contacts=data.informal_contacts,
    )


def _mediator_ids(session: Session, presence_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
    result: dict[uuid.UUID, list[uuid.UUID]] = {p: [] for p in presence_ids}
    if presence_ids:
        rows = session.execute(
            select(PresenceMediator.presence_id, PresenceMediator.mediator_id).where(
                PresenceMediator.presence_id.in_(presence_ids)
            )
        )
        for presence_id, mediator_id in rows:
            result[presence_id].append(mediator_id)
    return result


def _linked_counts(session: Session, presence_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    if not presence_ids:
        return {}
    rows = session.execute(
        select(Intervention.presence_id, func.count())
        .where(Intervention.presence_id.in_(presence_ids), Intervention.deleted_at.is_(None))
        .group_by(Intervention.presence_id)
    )
    return {p: int(n) for p, n in rows if p is not None}


def _records(session: Session, rows: list[PresenceActive]) -> list[PresenceRecord]:
    ids = [r.id for r in rows]
    mediators = _mediator_ids(session, ids)
    names = common.pseudonyms(session, [m for ms in mediators.values() for m in ms])
    counts = _linked_counts(session, ids)
    records = []
    for row in rows:
        mediator_ids = tuple(sorted(mediators[row.id], key=str))
        data = PresenceInput(
            date=row.date,
            start_time=row.start_time,
            end_time=row.end_time,
            presence_type=row.presence_type,
            commune=row.commune,
            qpv=row.qpv,
            mediator_ids=mediator_ids,
            dispositif_id=row.dispositif_id,
            site_id=row.site_id,
            informal_contacts=row.informal_contacts,
        )
        records.append(
            PresenceRecord(
                id=row.id,
                data=data,
                month=row.month,
                duration_min=row.duration_min,
                time_band=row.time_band,
                day_type=row.day_type,
                vocab_version=row.vocab_version,
                mediators=tuple(sorted(names.get(m, "?") for m in mediator_ids)),
                interventions=counts.get(row.id, 0),
                created_at=row.created_at,
                updated_at=row.updated_at,
            )
        )
    return records


def _live(session: Session, presence_id: uuid.UUID) -> PresenceActive:
    row = session.get(PresenceActive, presence_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(translate("Presence", "Tournée ou permanence introuvable ou supprimée."))
    return row


def record_presence(
    db: Database,
    data: PresenceInput,
    *,
    actor_id: uuid.UUID | None = None,
    today: dt.date | None = None,
    presence_id: uuid.UUID | None = None,
) -> PresenceRecord:
    """Validate and store a new block; returns it with its derived fields."""
    ref = load_registry().active
    data = _normalised(data)
    with db.transaction() as session:
        validate(session, data, ref, today or dt.date.today())
        ctx = structure_context(session)
        device = audit.session_device_id(session)
        row = PresenceActive(id=presence_id or uuid.uuid4(), created_by=actor_id, device_id=device)
        _fill(row, data, ctx.holiday_calendar, ref.version)
        session.add(row)
        session.flush()
        session.add_all(PresenceMediator(presence_id=row.id, mediator_id=m) for m in data.mediator_ids)
        audit.log_change(
            session,
            action="CREATE",
            table=TABLE,
            record_id=row.id,
            changes=common.state(row, mediators=data.mediator_ids),
            actor_id=actor_id,
            device_id=device,
        )
        session.flush()
        return _records(session, [row])[0]


def update_presence(
    db: Database,
    presence_id: uuid.UUID,
    data: PresenceInput,
    *,
    actor_id: uuid.UUID | None = None,
    today: dt.date | None = None,
) -> PresenceRecord:
    """Validate and replace the content of a block (its mediators included)."""
    ref = load_registry().active
    data = _normalised(data)
    with db.transaction() as session:
        row = _live(session, presence_id)
        validate(session, data, ref, today or dt.date.today())
        before = common.state(row, mediators=_mediator_ids(session, [presence_id])[presence_id])
        ctx = structure_context(session)
        device = audit.session_device_id(session)
        _fill(row, data, ctx.holiday_calendar, ref.version)
        row.device_id = device
        after = common.state(row, mediators=data.mediator_ids)
        changes = audit.diff(before, after)
        if changes:
            row.updated_at = utcnow()
            session.execute(delete(PresenceMediator).where(PresenceMediator.presence_id == presence_id))
            session.add_all(PresenceMediator(presence_id=presence_id, mediator_id=m) for m in data.mediator_ids)
            audit.log_change(
                session,
                action="UPDATE",
                table=TABLE,
                record_id=presence_id,
                changes=changes,
                actor_id=actor_id,
                device_id=device,
            )
        session.flush()
        return _records(session, [row])[0]


def delete_presence(db: Database, presence_id: uuid.UUID, *, actor_id: uuid.UUID | None = None) -> None:
    """Soft-delete a block; refused while live interventions made during it name it."""
    with db.transaction() as session:
        row = _live(session, presence_id)
        linked = _linked_counts(session, [presence_id]).get(presence_id, 0)
        if linked:
            raise ValidationError(
                [
                    FieldError(
                        "presence_id",
                        translate(
                            "Presence",
                            "%n intervention(s) ont été faites pendant ce bloc : supprimez-les ou détachez-les avant de le supprimer.",
                            None,
                            linked,
                        ),
                    )
                ]
            )
        records.retire_logged(session, row, actor_id=actor_id)  # deleted_at, updated_at, device, audit


def get_presence(db: Database, presence_id: uuid.UUID) -> PresenceRecord:
    with db.session() as session:
        return _records(session, [_live(session, presence_id)])[0]


def list_presences(
    db: Database, *, limit: int = common.LIST_LIMIT, before: PresenceRecord | None = None
) -> list[PresenceRecord]:
    """Live blocks, newest first (date, start), at most ``limit``; ``before``: the ones after that row.

    The order starts with ``month``, the first column of the live index ``ix_presence_active_month``: the
    newest months are read first and only their rows are sorted.
    """
    limit = max(1, min(limit, common.LIST_LIMIT))
    p = PresenceActive
    query = select(p).where(p.deleted_at.is_(None))
    if before is not None:
        key = (before.month, before.data.date, before.data.start_time, before.id)
        query = query.where(p.month <= before.month).where(tuple_(p.month, p.date, p.start_time, p.id) < key)
    query = query.order_by(p.month.desc(), p.date.desc(), p.start_time.desc(), p.id.desc()).limit(limit)
    with db.session() as session:
        return _records(session, list(session.scalars(query)))


def linked_interventions(db: Database, presence_id: uuid.UUID, *, limit: int = 1000) -> list[LinkedIntervention]:
    """The live interventions made during the block, in time order (sparse index on ``presence_id``)."""
    i = Intervention
    with db.session() as session:
        rows = session.execute(
            select(i.id, i.date, i.start_time, i.duration_min, i.registre, i.place, i.outcome)
            .where(i.presence_id == presence_id, i.deleted_at.is_(None))
            .order_by(i.date, i.start_time, i.id)
            .limit(limit)
        )
        return [LinkedIntervention(*r) for r in rows]
