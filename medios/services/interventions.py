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

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from medios.db import Database
from medios.db.models import (
    Dispositif,
    Intervention,
    Mediator,
    Partner,
    PresenceActive,
    Site,
    TechSignalement,
    utcnow,
)
from medios.i18n import translate
from medios.referentiel import Referentiel, load_registry
from medios.services import access, audit, follow_ups
from medios.services import intervention_rows as rows
from medios.services.errors import FieldError, NotFoundError, ValidationError
from medios.services.rules import InterventionFields, check_code, check_intervention, normalise_commune
from medios.services.structure import StructureContext, structure_context

# The registre whose interventions may carry technical signalements (domain brief §2.2).
SIGNALEMENT_REGISTRE = "VTEC"


@dataclass(frozen=True, slots=True)
class TechSignal:
    """A defect reported during an intervention (one row per defect, domain brief §3)."""

    signal_type: str
    recipient_type: str
    treated: str = "INCONNU"
    sent_on: dt.date | None = None
    treated_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class InterventionInput(InterventionFields):
    """What a mediator enters; references are ids of existing rows."""

    mediator_ids: tuple[uuid.UUID, ...] = ()
    dispositif_id: uuid.UUID | None = None
    site_id: uuid.UUID | None = None
    follow_up_of: uuid.UUID | None = None
    presence_id: uuid.UUID | None = None
    signalements: tuple[TechSignal, ...] = ()


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


def _check_references(session: Session, data: InterventionInput, errors: list[FieldError], own_id: uuid.UUID) -> None:
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
        ("presence_id", PresenceActive, data.presence_id),
    ]
    for name, model, ref_id in refs:
        if ref_id is None:
            continue
        row = session.get(model, ref_id)
        if row is None or row.deleted_at is not None:
            errors.append(FieldError(name, translate("Interventions", "enregistrement introuvable ou supprimé.")))
    _check_partner_ids(session, data, errors)
    candidate = follow_ups.Candidate(
        "follow_up_of", own_id, data.follow_up_of, follow_ups.starts(data.date, data.start_time)
    )
    ids = [own_id] + ([data.follow_up_of] if data.follow_up_of is not None else [])
    for message in follow_ups.check([candidate], follow_ups.load_links(session, ids)).values():
        errors.append(FieldError("follow_up_of", message))


def _check_partner_ids(session: Session, data: InterventionInput, errors: list[FieldError]) -> None:
    """A partner chosen in the directory must exist, be live and have the row's type."""
    wanted = {p.partner_id for p in data.partners if p.partner_id is not None}
    if not wanted:
        return
    found = {
        row.id: row
        for row in session.execute(
            select(Partner.id, Partner.partner_type, Partner.deleted_at).where(Partner.id.in_(wanted))
        )
    }
    for i, link in enumerate(data.partners):
        if link.partner_id is None:
            continue
        row = found.get(link.partner_id)
        if row is None or row.deleted_at is not None:
            errors.append(
                FieldError(
                    f"partners[{i}].partner",
                    translate("Interventions", "partenaire introuvable dans l'annuaire, ou retiré."),
                )
            )
        elif row.partner_type != link.partner_type:
            errors.append(
                FieldError(
                    f"partners[{i}].partner",
                    translate("Interventions", "ce partenaire de l'annuaire n'est pas du type {type}.").format(
                        type=link.partner_type
                    ),
                )
            )


def validate(
    session: Session,
    data: InterventionInput,
    ref: Referentiel,
    ctx: StructureContext,
    today: dt.date,
    own_id: uuid.UUID,
) -> None:
    errors = check_intervention(data, ref, today)
    if data.notes and not ctx.notes_enabled:
        errors.append(
            FieldError(
                "notes",
                translate("Interventions", "les observations libres sont désactivées pour cette structure."),
            )
        )
    check_signalements(errors, data, ref)
    _check_references(session, data, errors, own_id)
    if errors:
        raise ValidationError(errors)


def check_signalements(errors: list[FieldError], data: InterventionInput, ref: Referentiel) -> None:
    if data.signalements and data.registre != SIGNALEMENT_REGISTRE:
        errors.append(
            FieldError(
                "signalements",
                translate("Interventions", "un signalement technique va avec le registre Veille technique (VTEC)."),
            )
        )
    for i, signal in enumerate(data.signalements):
        check_code(errors, ref, "TYPE_VEILLE_TECH", signal.signal_type, f"signalements[{i}].signal_type")
        check_code(errors, ref, "TYPE_PARTENAIRE", signal.recipient_type, f"signalements[{i}].recipient_type")
        check_code(errors, ref, "TRAITE", signal.treated, f"signalements[{i}].treated")
        if signal.treated_on is not None and signal.sent_on is not None and signal.treated_on < signal.sent_on:
            errors.append(
                FieldError(
                    f"signalements[{i}].treated_on",
                    translate("Interventions", "la date de traitement précède celle de l'envoi."),
                )
            )


def _signal_state(signals: tuple[TechSignal, ...]) -> list[str]:
    """Signalements as the audit log records them (codes only: the dates are tier C, kept out)."""
    return [f"{s.signal_type}/{s.recipient_type}/{s.treated}" for s in signals]


def _live_signalements(session: Session, intervention_id: uuid.UUID) -> tuple[TechSignal, ...]:
    t = TechSignalement
    rows = session.execute(
        select(t.signal_type, t.recipient_type, t.treated, t.sent_on, t.treated_on).where(
            t.intervention_id == intervention_id, t.deleted_at.is_(None)
        )
    )
    return _sorted_signals(tuple(TechSignal(*row) for row in rows))


def _sorted_signals(signals: tuple[TechSignal, ...]) -> tuple[TechSignal, ...]:
    """One order for comparing and reading back (rows written together share their timestamp)."""
    return tuple(sorted(signals, key=lambda s: (s.signal_type, s.recipient_type, s.treated, str(s.sent_on))))


def _write_signalements(
    session: Session,
    intervention_id: uuid.UUID,
    signalements: tuple[TechSignal, ...],
    *,
    device: str,
    actor_id: uuid.UUID | None,
    vocab_version: str,
    now: dt.datetime,
) -> None:
    """Replace the live signalements of an intervention: the old rows soft-deleted, the new ones added."""
    t = TechSignalement
    session.execute(
        update(t)
        .where(t.intervention_id == intervention_id, t.deleted_at.is_(None))
        .values(deleted_at=now, updated_at=now, device_id=device)
    )
    for signal in signalements:
        session.add(
            TechSignalement(
                id=uuid.uuid4(),
                intervention_id=intervention_id,
                signal_type=signal.signal_type,
                recipient_type=signal.recipient_type,
                treated=signal.treated,
                sent_on=signal.sent_on,
                treated_on=signal.treated_on,
                created_at=now,
                updated_at=now,
                created_by=actor_id,
                device_id=device,
                vocab_version=vocab_version,
            )
        )
    session.flush()


def normalised(data: InterventionInput) -> InterventionInput:
    """The input as stored: arrondissement codes recorded under their commune (as the import does)."""
    commune = normalise_commune(data.commune)
    signals = _sorted_signals(data.signalements)
    if commune == data.commune and signals == data.signalements:
        return data
    return dataclasses.replace(data, commune=commune, signalements=signals)


def _links(data: InterventionInput) -> rows.Links:
    return rows.Links(data.mediator_ids, data.dispositif_id, data.site_id, data.follow_up_of, data.presence_id)


def _record(stored: rows.Stored, signalements: tuple[TechSignal, ...] = ()) -> InterventionRecord:
    row = stored.row
    fields = rows.fields_of(stored)
    data = InterventionInput(
        **{f.name: getattr(fields, f.name) for f in dataclasses.fields(InterventionFields)},
        mediator_ids=tuple(sorted(stored.children.mediators, key=str)),
        dispositif_id=row["dispositif_id"],
        site_id=row["site_id"],
        follow_up_of=row["follow_up_of"],
        presence_id=row["presence_id"],
        signalements=signalements,
    )
    return InterventionRecord(
        id=row["id"],
        data=data,
        month=row["month"],
        time_band=row["time_band"],
        day_type=row["day_type"],
        vocab_version=row["vocab_version"],
        device_id=row["device_id"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def _stored(session: Session, intervention_id: uuid.UUID) -> rows.Stored:
    stored = rows.load_stored(session, [intervention_id]).get(intervention_id)
    if stored is None or stored.deleted:
        raise NotFoundError(translate("Interventions", "Intervention introuvable ou supprimée."))
    return stored


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
    record_id = intervention_id or uuid.uuid4()
    with db.transaction() as session:
        ctx = structure_context(session)
        data = normalised(data)
        access.check_credits_self(session, actor_id, data.mediator_ids)
        validate(session, data, ref, ctx, today or dt.date.today(), own_id=record_id)
        if session.get(Intervention, record_id) is not None:
            raise ValidationError([FieldError("id", translate("Interventions", "identifiant déjà utilisé."))])
        device = audit.session_device_id(session)
        now = utcnow()
        version = rows.Version(now, now, device, actor_id)
        row = rows.intervention_row(
            record_id, data, _links(data), version, calendar=ctx.holiday_calendar, vocab_version=ref.version
        )
        children = rows.ChildRows()
        children.add(record_id, data, data.mediator_ids)
        rows.insert_interventions(session, [row], children)
        if data.signalements:
            _write_signalements(
                session,
                record_id,
                data.signalements,
                device=device,
                actor_id=actor_id,
                vocab_version=ref.version,
                now=now,
            )
        stored = rows.Stored(row, rows.Children.of(data, data.mediator_ids))
        audit.log_change(
            session,
            action="CREATE",
            table="intervention",
            record_id=record_id,
            changes=rows.audit_state(stored.row, stored.children),
            actor_id=actor_id,
            device_id=device,
        )
        return _record(stored, data.signalements)


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
        before = _stored(session, intervention_id)
        access.check_own_intervention(session, actor_id, intervention_id)
        ctx = structure_context(session)
        data = normalised(data)
        access.check_credits_self(session, actor_id, data.mediator_ids)
        validate(session, data, ref, ctx, today or dt.date.today(), own_id=intervention_id)
        device = audit.session_device_id(session)
        stamp = rows.next_stamp(before, utcnow())
        version = rows.Version(before.row["created_at"], stamp, device, before.row["created_by"])
        row = rows.intervention_row(
            intervention_id, data, _links(data), version, calendar=ctx.holiday_calendar, vocab_version=ref.version
        )
        after = rows.Stored(row, rows.Children.of(data, data.mediator_ids))
        signals_before = _live_signalements(session, intervention_id)
        same_signals = signals_before == _sorted_signals(data.signalements)
        if rows.same_content(before, row, after.children) and same_signals:
            return _record(before, signals_before)
        if not same_signals:
            _write_signalements(
                session,
                intervention_id,
                data.signalements,
                device=device,
                actor_id=actor_id,
                vocab_version=ref.version,
                now=utcnow(),
            )
        if rows.same_content(before, row, after.children):
            audit.log_change(
                session,
                action="UPDATE",
                table="intervention",
                record_id=intervention_id,
                changes={"signalements": [_signal_state(signals_before), _signal_state(data.signalements)]},
                actor_id=actor_id,
                device_id=device,
            )
            return _record(before, data.signalements)
        children = rows.ChildRows()
        children.add(intervention_id, data, data.mediator_ids)
        rows.replace_interventions(session, [row], children)
        changes = audit.diff(rows.audit_state(before.row, before.children), rows.audit_state(after.row, after.children))
        audit.log_change(
            session,
            action="UPDATE",
            table="intervention",
            record_id=intervention_id,
            changes=changes,
            actor_id=actor_id,
            device_id=device,
        )
        return _record(after, data.signalements)


def delete_intervention(db: Database, intervention_id: uuid.UUID, *, actor_id: uuid.UUID | None = None) -> None:
    """Soft-delete: the row stays (for merging) with ``deleted_at`` set, and disappears everywhere else.

    The first intervention of a situation cannot be deleted while live follow-ups name it.
    """
    with db.transaction() as session:
        before = _stored(session, intervention_id)
        access.check_own_intervention(session, actor_id, intervention_id)
        followers = follow_ups.live_followers(session, intervention_id)
        if followers:
            raise ValidationError(
                [
                    FieldError(
                        "follow_up_of",
                        translate(
                            "Interventions",
                            "%n intervention(s) sont la suite de celle-ci : supprimez-les ou rattachez-les à une autre avant de la supprimer.",
                            None,
                            followers,
                        ),
                    )
                ]
            )
        device = audit.session_device_id(session)
        now = utcnow()
        session.execute(
            update(Intervention)
            .where(Intervention.id == intervention_id)
            .values(deleted_at=now, updated_at=rows.next_stamp(before, now), device_id=device)
        )
        audit.log_change(
            session,
            action="DELETE",
            table="intervention",
            record_id=intervention_id,
            changes=None,
            actor_id=actor_id,
            device_id=device,
        )


def get_intervention(
    db: Database, intervention_id: uuid.UUID, *, actor_id: uuid.UUID | None = None
) -> InterventionRecord:
    """The intervention as entered; with ``actor_id``, only if that user may see it (see :mod:`access`)."""
    with db.session() as session:
        stored = _stored(session, intervention_id)
        access.check_own_intervention(session, actor_id, intervention_id)
        return _record(stored, _live_signalements(session, intervention_id))


def count_interventions(db: Database) -> int:
    with db.session() as session:
        return int(
            session.scalar(select(func.count()).select_from(Intervention).where(Intervention.deleted_at.is_(None))) or 0
        )


def restore_intervention(db: Database, intervention_id: uuid.UUID, *, actor_id: uuid.UUID | None = None) -> None:
    """Undo :func:`delete_intervention`: the row is live again, with a ``RESTORE`` line in the audit log.

    Restoring a live intervention changes nothing; an unknown one raises :class:`NotFoundError`.
    """
    with db.transaction() as session:
        before = rows.load_stored(session, [intervention_id]).get(intervention_id)
        if before is None:
            raise NotFoundError(translate("Interventions", "Intervention introuvable."))
        access.check_own_intervention(session, actor_id, intervention_id)
        if not before.deleted:
            return
        device = audit.session_device_id(session)
        now = utcnow()
        session.execute(
            update(Intervention)
            .where(Intervention.id == intervention_id)
            .values(deleted_at=None, updated_at=rows.next_stamp(before, now), device_id=device)
        )
        audit.log_change(
            session,
            action="RESTORE",
            table="intervention",
            record_id=intervention_id,
            changes=None,
            actor_id=actor_id,
            device_id=device,
        )


def duplicate_intervention(
    db: Database,
    intervention_id: uuid.UUID,
    *,
    actor_id: uuid.UUID | None = None,
    today: dt.date | None = None,
) -> InterventionRecord:
    """A new intervention (new UUID) copying ``intervention_id``, dated ``today``.

    Everything is copied (time, duration, place, codes, motifs, publics, partners, mediators,
    dispositif, site) but what belongs to the original situation only: the notes (personal text),
    the link to a first intervention and to a tournée.  The copy goes through the same rules as an
    entry (a dispositif ended since, for instance, raises :class:`ValidationError`).
    """
    day = today or dt.date.today()
    source = get_intervention(db, intervention_id, actor_id=actor_id)
    data = dataclasses.replace(source.data, date=day, notes=None, follow_up_of=None, presence_id=None)
    return record_intervention(db, data, actor_id=actor_id, today=day)
