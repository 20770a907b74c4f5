"""Use cases on collective actions (ateliers, sensibilisation, concertation, événements): one record per séance.

Participants are a head-count of the séance; their breakdown by public (type x age band x sex) is
optional and never exceeds it.  Co-organising partners are given by type; mediators are required.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, select, tuple_
from sqlalchemy.orm import Session

from medios.db import Database
from medios.db.models import ActionCollective, ActionMediator, ActionPartner, ActionPublic, utcnow
from medios.i18n import translate
from medios.referentiel import Referentiel, load_registry
from medios.services import activity_common as common
from medios.services import audit, derive, records
from medios.services.errors import FieldError, NotFoundError, ValidationError
from medios.services.rules import (
    PublicCount,
    check_code,
    check_commune,
    check_date,
    check_duration,
    check_length,
    check_publics,
    check_qpv,
    column_length,
    normalise_commune,
)

TABLE = "action_collective"
TITLE_MAX = column_length(ActionCollective.title)


@dataclass(frozen=True, slots=True)
class ActionInput:
    date: dt.date
    start_time: dt.time
    duration_min: int
    commune: str
    place: str
    registre: str
    theme: str
    participants: int
    qpv: str | None = None
    title: str | None = None
    publics: tuple[PublicCount, ...] = ()
    partner_types: tuple[str, ...] = ()
    mediator_ids: tuple[uuid.UUID, ...] = ()
    dispositif_id: uuid.UUID | None = None
    site_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class ActionRecord:
    id: uuid.UUID
    data: ActionInput
    month: int
    vocab_version: str
    mediators: tuple[str, ...]
    created_at: dt.datetime
    updated_at: dt.datetime


def validate(session: Session, data: ActionInput, ref: Referentiel, today: dt.date) -> None:
    errors: list[FieldError] = []
    check_date(errors, data.date, today)
    check_duration(errors, data.duration_min)
    check_commune(errors, data.commune)
    check_qpv(errors, data.qpv)
    check_code(errors, ref, "LIEU", data.place, "place")
    check_code(errors, ref, "REGISTRE", data.registre, "registre")
    check_code(errors, ref, "THEME_ACTION", data.theme, "theme")
    common.check_count(errors, data.participants, "participants")
    if data.title:
        check_length(errors, data.title, TITLE_MAX, "title")
    check_publics(errors, ref, data.publics)
    total = sum(p.count for p in data.publics)
    if total > data.participants >= 0:
        errors.append(
            FieldError(
                "publics",
                translate(
                    "Actions", "la répartition compte {total} personnes pour {participants} participants."
                ).format(total=total, participants=data.participants),
            )
        )
    common.check_codes(
        errors, ref.active_codes("TYPE_PARTENAIRE"), data.partner_types, "partners", "TYPE_PARTENAIRE", ref.version
    )
    common.check_mediators(session, data.mediator_ids, errors)
    common.check_dispositif_and_site(session, errors, data.dispositif_id, data.site_id)
    if errors:
        raise ValidationError(errors)


def _normalised(data: ActionInput) -> ActionInput:
    title = (data.title or "").strip() or None
    return ActionInput(
        date=data.date,
        start_time=data.start_time.replace(second=0, microsecond=0),
        duration_min=data.duration_min,
        commune=normalise_commune(data.commune.strip()),
        place=data.place,
        registre=data.registre,
        theme=data.theme,
        participants=data.participants,
        qpv=(data.qpv or "").strip().upper() or None,
        title=title,
        publics=tuple(data.publics),
        partner_types=tuple(data.partner_types),
        mediator_ids=tuple(data.mediator_ids),
        dispositif_id=data.dispositif_id,
        site_id=data.site_id,
    )


def _fill(row: ActionCollective, data: ActionInput, version: str) -> None:
    row.date = data.date
    row.month = derive.month_key(data.date)
    row.start_time = data.start_time
    row.duration_min = data.duration_min
    row.commune = data.commune
    row.qpv = data.qpv
    row.place = data.place
    row.registre = data.registre
    row.theme = data.theme
    row.title = data.title
    row.participants = data.participants
    row.dispositif_id = data.dispositif_id
    row.site_id = data.site_id
    row.vocab_version = version


def _children(
    session: Session, ids: list[uuid.UUID]
) -> dict[uuid.UUID, tuple[list[PublicCount], list[str], list[uuid.UUID]]]:
    result: dict[uuid.UUID, tuple[list[PublicCount], list[str], list[uuid.UUID]]] = {i: ([], [], []) for i in ids}
    if not ids:
        return result
    for p in session.scalars(select(ActionPublic).where(ActionPublic.action_id.in_(ids))):
        result[p.action_id][0].append(PublicCount(p.public_type, p.age_band, p.sex, p.count))
    for action_id, partner_type in session.execute(
        select(ActionPartner.action_id, ActionPartner.partner_type).where(ActionPartner.action_id.in_(ids))
    ):
        result[action_id][1].append(partner_type)
    for action_id, mediator_id in session.execute(
        select(ActionMediator.action_id, ActionMediator.mediator_id).where(ActionMediator.action_id.in_(ids))
    ):
        result[action_id][2].append(mediator_id)
    return result


def _state(row: ActionCollective, publics: list[PublicCount], partners: list[str], mediators: list[uuid.UUID]) -> dict:  # type: ignore[type-arg]
    return common.state(
        row,
        publics=[[p.public_type, p.age_band, p.sex, p.count] for p in publics],
        partners=partners,
        mediators=mediators,
    )


def _records(session: Session, rows: list[ActionCollective]) -> list[ActionRecord]:
    children = _children(session, [r.id for r in rows])
    names = common.pseudonyms(session, [m for c in children.values() for m in c[2]])
    records = []
    for row in rows:
        publics, partners, mediators = children[row.id]
        mediator_ids = tuple(sorted(mediators, key=str))
        data = ActionInput(
            date=row.date,
            start_time=row.start_time,
            duration_min=row.duration_min,
            commune=row.commune,
            place=row.place,
            registre=row.registre,
            theme=row.theme,
            participants=row.participants,
            qpv=row.qpv,
            title=row.title,
            publics=tuple(sorted(publics, key=lambda p: (p.public_type, p.age_band, p.sex))),
            partner_types=tuple(sorted(partners)),
            mediator_ids=mediator_ids,
            dispositif_id=row.dispositif_id,
            site_id=row.site_id,
        )
        records.append(
            ActionRecord(
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


def _add_children(session: Session, action_id: uuid.UUID, data: ActionInput) -> None:
    session.add_all(
        ActionPublic(action_id=action_id, public_type=p.public_type, age_band=p.age_band, sex=p.sex, count=p.count)
        for p in data.publics
    )
    session.add_all(ActionPartner(action_id=action_id, partner_type=t) for t in data.partner_types)
    session.add_all(ActionMediator(action_id=action_id, mediator_id=m) for m in data.mediator_ids)


def _live(session: Session, action_id: uuid.UUID) -> ActionCollective:
    row = session.get(ActionCollective, action_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(translate("Actions", "Action collective introuvable ou supprimée."))
    return row


def record_action(
    db: Database,
    data: ActionInput,
    *,
    actor_id: uuid.UUID | None = None,
    today: dt.date | None = None,
    action_id: uuid.UUID | None = None,
) -> ActionRecord:
    ref = load_registry().active
    data = _normalised(data)
    with db.transaction() as session:
        validate(session, data, ref, today or dt.date.today())
        device = audit.session_device_id(session)
        row = ActionCollective(id=action_id or uuid.uuid4(), created_by=actor_id, device_id=device)
        _fill(row, data, ref.version)
        session.add(row)
        session.flush()
        _add_children(session, row.id, data)
        audit.log_change(
            session,
            action="CREATE",
            table=TABLE,
            record_id=row.id,
            changes=_state(row, list(data.publics), list(data.partner_types), list(data.mediator_ids)),
            actor_id=actor_id,
            device_id=device,
        )
        session.flush()
        return _records(session, [row])[0]


def update_action(
    db: Database,
    action_id: uuid.UUID,
    data: ActionInput,
    *,
    actor_id: uuid.UUID | None = None,
    today: dt.date | None = None,
) -> ActionRecord:
    ref = load_registry().active
    data = _normalised(data)
    with db.transaction() as session:
        row = _live(session, action_id)
        validate(session, data, ref, today or dt.date.today())
        before = _state(row, *_children(session, [action_id])[action_id])
        device = audit.session_device_id(session)
        _fill(row, data, ref.version)
        row.device_id = device
        changes = audit.diff(before, _state(row, list(data.publics), list(data.partner_types), list(data.mediator_ids)))
        if changes:
            row.updated_at = utcnow()
            for model in (ActionPublic, ActionPartner, ActionMediator):
                session.execute(delete(model).where(model.action_id == action_id))
            _add_children(session, action_id, data)
            audit.log_change(
                session,
                action="UPDATE",
                table=TABLE,
                record_id=action_id,
                changes=changes,
                actor_id=actor_id,
                device_id=device,
            )
        session.flush()
        return _records(session, [row])[0]


def delete_action(db: Database, action_id: uuid.UUID, *, actor_id: uuid.UUID | None = None) -> None:
    with db.transaction() as session:
        row = _live(session, action_id)
        records.retire_logged(session, row, actor_id=actor_id)  # deleted_at, updated_at, device, audit


def get_action(db: Database, action_id: uuid.UUID) -> ActionRecord:
    with db.session() as session:
        return _records(session, [_live(session, action_id)])[0]


def list_actions(
    db: Database, *, limit: int = common.LIST_LIMIT, before: ActionRecord | None = None
) -> list[ActionRecord]:
    """Live actions, newest first, at most ``limit`` (order led by the live month index)."""
    limit = max(1, min(limit, common.LIST_LIMIT))
    a = ActionCollective
    query = select(a).where(a.deleted_at.is_(None))
    if before is not None:
        key = (before.month, before.data.date, before.data.start_time, before.id)
        query = query.where(a.month <= before.month).where(tuple_(a.month, a.date, a.start_time, a.id) < key)
    query = query.order_by(a.month.desc(), a.date.desc(), a.start_time.desc(), a.id.desc()).limit(limit)
    with db.session() as session:
        return _records(session, list(session.scalars(query)))
