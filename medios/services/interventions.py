"""Use cases on interventions: record, update, soft-delete, read.

One call = one transaction.  Inputs and results are frozen dataclasses; ORM objects never leave this
module.  Every rule failure raises :class:`ValidationError` listing each field with a French message,
and nothing is written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medios.db import Database
from medios.db.models import (
    Dispositif,
    Intervention,
    InterventionMediator,
    InterventionMotif,
    InterventionPartner,
    InterventionPublic,
    Mediator,
    PresenceActive,
    Site,
    utcnow,
)
from medios.i18n import translate
from medios.referentiel import Referentiel, load_registry
from medios.services import audit
from medios.services.derive import day_type, month_key, time_band
from medios.services.errors import FieldError, NotFoundError, ValidationError
from medios.services.rules import InterventionFields, PartnerLink, PublicCount, check_intervention, normalise_commune
from medios.services.structure import StructureContext, structure_context


@dataclass(frozen=True, slots=True)
class InterventionInput(InterventionFields):
    """What a mediator enters; references are ids of existing rows."""

    mediator_ids: tuple[uuid.UUID, ...] = ()
    dispositif_id: uuid.UUID | None = None
    site_id: uuid.UUID | None = None
    follow_up_of: uuid.UUID | None = None
    presence_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class InterventionRecord:
    """A stored intervention with its derived fields."""

    id: uuid.UUID
    data: InterventionInput
    month: int
    time_band: str
    day_type: str
    vocab_version: str
    device_id: str
    created_at: dt.datetime
    updated_at: dt.datetime


def _check_references(
    session: Session, data: InterventionInput, errors: list[FieldError], own_id: uuid.UUID | None
) -> None:
    if not data.mediator_ids:
        errors.append(FieldError("mediators", translate("Interventions", "au moins un médiateur est obligatoire.")))
    elif len(set(data.mediator_ids)) != len(data.mediator_ids):
        errors.append(FieldError("mediators", translate("Interventions", "un même médiateur est indiqué deux fois.")))
    else:
        found = set(
            session.scalars(
                select(Mediator.id).where(Mediator.id.in_(data.mediator_ids), Mediator.deleted_at.is_(None))
            )
        )
        if missing := [m for m in data.mediator_ids if m not in found]:
            errors.append(
                FieldError(
                    "mediators",
                    translate("Interventions", "%n médiateur(s) inconnu(s) ou supprimé(s).", None, len(missing)),
                )
            )
    refs: list[tuple[str, type[Any], uuid.UUID | None]] = [
        ("dispositif", Dispositif, data.dispositif_id),
        ("site", Site, data.site_id),
        ("follow_up_of", Intervention, data.follow_up_of),
        ("presence_id", PresenceActive, data.presence_id),
    ]
    for name, model, ref_id in refs:
        if ref_id is None:
            continue
        if model is Intervention and ref_id == own_id:
            errors.append(
                FieldError(name, translate("Interventions", "une intervention ne peut pas être la suite d'elle-même."))
            )
            continue
        row = session.get(model, ref_id)
        if row is None or row.deleted_at is not None:
            errors.append(FieldError(name, translate("Interventions", "enregistrement introuvable ou supprimé.")))
        elif model is Intervention and row.follow_up_of is not None:
            # follow_up_of names the first intervention of the situation (domain brief §3).
            errors.append(
                FieldError(
                    name,
                    translate(
                        "Interventions",
                        "l'intervention d'origine est elle-même une suite : indiquez la première de la situation.",
                    ),
                )
            )
    if data.follow_up_of is not None and own_id is not None:
        followers = select(Intervention.id).where(
            Intervention.follow_up_of == own_id, Intervention.deleted_at.is_(None)
        )
        if session.scalar(followers.limit(1)) is not None:
            errors.append(
                FieldError(
                    "follow_up_of",
                    translate(
                        "Interventions",
                        "d'autres interventions suivent celle-ci : elle reste la première de sa situation.",
                    ),
                )
            )


def validate(
    session: Session,
    data: InterventionInput,
    ref: Referentiel,
    ctx: StructureContext,
    today: dt.date,
    own_id: uuid.UUID | None = None,
) -> None:
    errors = check_intervention(data, ref, today)
    if data.notes and not ctx.notes_enabled:
        errors.append(
            FieldError(
                "notes",
                translate("Interventions", "les observations libres sont désactivées pour cette structure."),
            )
        )
    _check_references(session, data, errors, own_id)
    if errors:
        raise ValidationError(errors)


def normalised(data: InterventionInput) -> InterventionInput:
    """The input as stored: arrondissement codes recorded under their commune (as the import does)."""
    commune = normalise_commune(data.commune)
    return data if commune == data.commune else dataclasses.replace(data, commune=commune)


def _apply(row: Intervention, data: InterventionInput, ctx: StructureContext, ref: Referentiel, device: str) -> None:
    row.date = data.date
    row.month = month_key(data.date)
    row.start_time = data.start_time
    row.time_band = time_band(data.start_time)
    row.day_type = day_type(data.date, ctx.holiday_calendar)
    row.duration_min = data.duration_min
    row.commune = data.commune
    row.qpv = data.qpv
    row.place = data.place
    row.registre = data.registre
    row.sub_registre = data.sub_registre
    row.domain = data.domain
    row.origin = data.origin
    row.modality = data.modality
    row.tension = data.tension
    row.outcome = data.outcome
    row.consent = data.consent
    row.notes = data.notes or None
    row.dispositif_id = data.dispositif_id
    row.site_id = data.site_id
    row.follow_up_of = data.follow_up_of
    row.presence_id = data.presence_id
    row.vocab_version = ref.version
    row.device_id = device
    row.mediators = [InterventionMediator(mediator_id=m) for m in data.mediator_ids]
    row.motifs = [InterventionMotif(motif=m) for m in data.motifs]
    row.publics = [
        InterventionPublic(public_type=p.public_type, age_band=p.age_band, sex=p.sex, count=p.count)
        for p in data.publics
    ]
    row.partners = [InterventionPartner(partner_type=p.partner_type, role=p.role) for p in data.partners]


def _state(row: Intervention) -> dict[str, Any]:
    state = audit.auditable_state(row)
    state["mediators"] = sorted(str(m.mediator_id) for m in row.mediators)
    state["motifs"] = sorted(m.motif for m in row.motifs)
    state["publics"] = sorted(f"{p.public_type}/{p.age_band}/{p.sex}={p.count}" for p in row.publics)
    state["partners"] = sorted(f"{p.partner_type}/{p.role}" for p in row.partners)
    return state


def to_record(row: Intervention) -> InterventionRecord:
    data = InterventionInput(
        date=row.date,
        start_time=row.start_time,
        duration_min=row.duration_min,
        commune=row.commune,
        place=row.place,
        registre=row.registre,
        domain=row.domain,
        outcome=row.outcome,
        qpv=row.qpv,
        sub_registre=row.sub_registre,
        origin=row.origin,
        modality=row.modality,
        tension=row.tension,
        consent=row.consent,
        motifs=tuple(sorted(m.motif for m in row.motifs)),
        publics=tuple(
            sorted(
                (PublicCount(p.public_type, p.age_band, p.sex, p.count) for p in row.publics),
                key=lambda p: (p.public_type, p.age_band, p.sex),
            )
        ),
        partners=tuple(
            sorted((PartnerLink(p.partner_type, p.role) for p in row.partners), key=lambda p: (p.partner_type, p.role))
        ),
        notes=row.notes,
        mediator_ids=tuple(sorted((m.mediator_id for m in row.mediators), key=str)),
        dispositif_id=row.dispositif_id,
        site_id=row.site_id,
        follow_up_of=row.follow_up_of,
        presence_id=row.presence_id,
    )
    return InterventionRecord(
        id=row.id,
        data=data,
        month=row.month,
        time_band=row.time_band,
        day_type=row.day_type,
        vocab_version=row.vocab_version,
        device_id=row.device_id,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def record_intervention(
    db: Database,
    data: InterventionInput,
    *,
    actor_id: uuid.UUID | None = None,
    today: dt.date | None = None,
    intervention_id: uuid.UUID | None = None,
) -> InterventionRecord:
    """Validate and store a new intervention; returns it with its derived fields."""
    ref = load_registry().active
    with db.transaction() as session:
        ctx = structure_context(session)
        data = normalised(data)
        validate(session, data, ref, ctx, today or dt.date.today())
        device = audit.session_device_id(session)
        row = Intervention(id=intervention_id or uuid.uuid4(), created_by=actor_id)
        _apply(row, data, ctx, ref, device)
        session.add(row)
        session.flush()
        audit.log_change(
            session,
            action="CREATE",
            table="intervention",
            record_id=row.id,
            changes=_state(row),
            actor_id=actor_id,
            device_id=device,
        )
        return to_record(row)


def _live(session: Session, intervention_id: uuid.UUID) -> Intervention:
    row = session.get(Intervention, intervention_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(translate("Interventions", "Intervention introuvable ou supprimée."))
    return row


def update_intervention(
    db: Database,
    intervention_id: uuid.UUID,
    data: InterventionInput,
    *,
    actor_id: uuid.UUID | None = None,
    today: dt.date | None = None,
) -> InterventionRecord:
    """Validate and replace the content of an intervention (children included)."""
    ref = load_registry().active
    with db.transaction() as session:
        row = _live(session, intervention_id)
        ctx = structure_context(session)
        data = normalised(data)
        validate(session, data, ref, ctx, today or dt.date.today(), own_id=intervention_id)
        before = _state(row)
        device = audit.session_device_id(session)
        _apply(row, data, ctx, ref, device)
        row.updated_at = utcnow()
        session.flush()
        changes = audit.diff(before, _state(row))
        if changes:
            audit.log_change(
                session,
                action="UPDATE",
                table="intervention",
                record_id=row.id,
                changes=changes,
                actor_id=actor_id,
                device_id=device,
            )
        return to_record(row)


def delete_intervention(db: Database, intervention_id: uuid.UUID, *, actor_id: uuid.UUID | None = None) -> None:
    """Soft-delete: the row stays (for merging) with ``deleted_at`` set, and disappears everywhere else."""
    with db.transaction() as session:
        row = _live(session, intervention_id)
        device = audit.session_device_id(session)
        row.deleted_at = row.updated_at = utcnow()
        row.device_id = device
        audit.log_change(
            session,
            action="DELETE",
            table="intervention",
            record_id=row.id,
            changes=None,
            actor_id=actor_id,
            device_id=device,
        )


def get_intervention(db: Database, intervention_id: uuid.UUID) -> InterventionRecord:
    with db.session() as session:
        return to_record(_live(session, intervention_id))


def count_interventions(db: Database) -> int:
    with db.session() as session:
        return int(
            session.scalar(select(func.count()).select_from(Intervention).where(Intervention.deleted_at.is_(None))) or 0
        )
