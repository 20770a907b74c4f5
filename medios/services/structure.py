"""The structure and its reference lists: set-up (``medios init``), mediators, dispositifs, sites."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medios.db import Database
from medios.db.models import Dispositif, Mediator, Site, Structure
from medios.i18n import translate
from medios.referentiel import load_registry
from medios.services import audit
from medios.services.errors import FieldError, ValidationError
from medios.services.overview import NoStructureError as NoStructureError
from medios.services.overview import StructureSummary as StructureSummary
from medios.services.overview import has_structure as has_structure
from medios.services.overview import structure_summary as structure_summary
from medios.services.records import live_row, retire_logged, update_logged
from medios.services.rules import (
    check_code,
    check_commune,
    check_length,
    check_qpv,
    column_length,
    encodable,
    normalise_commune,
)

# Pseudonyms: MED- and at least two letters or digits.  New ones are drawn from the mediator's UUID, so that
# two laptops of one structure never give the same pseudonym to two people (see allocate_pseudonym).
PSEUDONYM_RE = re.compile(r"^MED-[0-9A-Z]{2,28}$")
# One limit per name, from the schema: the window, the command line and the import all refuse longer.
STRUCTURE_NAME_MAX = column_length(Structure.name)
MEDIATOR_NAME_MAX = column_length(Mediator.display_name)
DISPOSITIF_NAME_MAX = column_length(Dispositif.name)
SITE_NAME_MAX = column_length(Site.name)


@dataclass(frozen=True, slots=True)
class StructureContext:
    """What the entry rules need to know about the structure."""

    id: uuid.UUID
    name: str
    holiday_calendar: str
    notes_enabled: bool


@dataclass(frozen=True, slots=True)
class MediatorInfo:
    id: uuid.UUID
    pseudonym: str
    display_name: str
    role: str


def _structure_row(session: Session) -> Structure:
    row = session.scalar(select(Structure).where(Structure.deleted_at.is_(None)).order_by(Structure.created_at))
    if row is None:
        raise NoStructureError(
            translate(
                "Structure", "Aucune structure n'est encore enregistrée : lancez « medios init --structure NOM »."
            )
        )
    return row


def structure_context(session: Session) -> StructureContext:
    row = _structure_row(session)
    return StructureContext(row.id, row.name, row.holiday_calendar, row.notes_enabled)


def allocate_pseudonym(mediator_id: uuid.UUID, taken: set[str]) -> str:
    """``MED-`` and the first four hexadecimal digits of the mediator's UUID, one more while taken.

    Counting (MED-01, MED-02…) would give the same pseudonym to different people on two laptops of one
    structure; drawn from the UUID, a clash is rare (one chance in 65,536 per pair) and the import
    reports it as a conflict instead of merging two people.
    """
    digits = mediator_id.hex.upper()
    for length in range(4, len(digits) + 1):
        candidate = f"MED-{digits[:length]}"
        if candidate not in taken:
            return candidate
    raise ValueError("pseudonyme impossible : identifiant déjà pris")  # the same UUID twice: a bug


def next_pseudonym(session: Session, mediator_id: uuid.UUID) -> str:
    """The pseudonym of a new mediator (pseudonyms of deleted mediators are never reused)."""
    taken = {p.upper() for p in session.scalars(select(Mediator.pseudonym))}
    return allocate_pseudonym(mediator_id, taken)


def check_structure_name(errors: list[FieldError], name: str) -> None:
    """The structure's name (already stripped): required, at most :data:`STRUCTURE_NAME_MAX` characters."""
    if not name:
        errors.append(FieldError("structure", translate("Structure", "le nom de la structure est obligatoire.")))
    check_length(errors, name, STRUCTURE_NAME_MAX, "structure")


def check_mediator_name(errors: list[FieldError], name: str) -> None:
    """A mediator's name (already stripped): required, at most :data:`MEDIATOR_NAME_MAX` characters."""
    if not name:
        errors.append(FieldError("name", translate("Structure", "valeur obligatoire.")))
    check_length(errors, name, MEDIATOR_NAME_MAX, "name")


def add_mediator(
    session: Session,
    display_name: str,
    *,
    role: str = "MEDIATEUR",
    pseudonym: str | None = None,
    device: str,
    actor_id: uuid.UUID | None = None,
    mediator_id: uuid.UUID | None = None,
) -> Mediator:
    """Create a mediator inside the caller's transaction (used by init, import and demo)."""
    name = display_name.strip()
    errors: list[FieldError] = []
    check_mediator_name(errors, name)
    check_code(errors, load_registry().active, "ROLE_UTILISATEUR", role, "role")
    if errors:
        raise ValidationError(errors)
    mediator_id = mediator_id or uuid.uuid4()
    row = Mediator(
        id=mediator_id,
        display_name=name,
        pseudonym=pseudonym or next_pseudonym(session, mediator_id),
        role=role,
        device_id=device,
        vocab_version=load_registry().active.version,
        created_by=actor_id,
    )
    audit.add_created(session, row, device_id=device, actor_id=actor_id)
    return row


def init_structure(
    db: Database,
    name: str,
    *,
    mediator: str | None = None,
    holiday_calendar: str = "METROPOLE",
    legal_status: str = "ASSOCIATION",
) -> StructureSummary:
    """Register the structure of this installation (and optionally its first mediator, as coordinator)."""
    ref = load_registry().active
    errors: list[FieldError] = []
    check_structure_name(errors, name.strip())
    if mediator:
        check_mediator_name(errors, mediator.strip())
    check_code(errors, ref, "CALENDRIER_FERIES", holiday_calendar, "holiday_calendar")
    check_code(errors, ref, "STATUT", legal_status, "legal_status")
    if errors:
        raise ValidationError(errors)
    with db.transaction() as session:
        if session.scalar(select(func.count()).select_from(Structure).where(Structure.deleted_at.is_(None))):
            raise ValidationError(
                [FieldError("structure", translate("Structure", "une structure est déjà enregistrée dans cette base."))]
            )
        device = audit.session_device_id(session)
        row = Structure(
            name=name.strip(),
            legal_status=legal_status,
            holiday_calendar=holiday_calendar,
            device_id=device,
            vocab_version=ref.version,
        )
        audit.add_created(session, row, device_id=device)
        if mediator:
            add_mediator(session, mediator, role="COORDINATEUR", device=device)
    return structure_summary(db)


def list_mediators(db: Database) -> list[MediatorInfo]:
    with db.session() as session:
        rows = session.scalars(select(Mediator).where(Mediator.deleted_at.is_(None)).order_by(Mediator.pseudonym))
        return [MediatorInfo(r.id, r.pseudonym, r.display_name, r.role) for r in rows]


def create_mediator(db: Database, display_name: str, *, role: str = "MEDIATEUR") -> MediatorInfo:
    with db.transaction() as session:
        _structure_row(session)
        row = add_mediator(session, display_name, role=role, device=audit.session_device_id(session))
        return MediatorInfo(row.id, row.pseudonym, row.display_name, row.role)


def rename_pseudonym(db: Database, current: str, new: str) -> MediatorInfo:
    """Give a mediator another pseudonym (to settle a conflict between two laptops' files).

    The new pseudonym has the ``MED-…`` shape and is free: no mediator, live or deleted, ever had it
    (pseudonyms are never reused).  The mediator keeps its identifier, so its interventions follow.
    """
    old_key, new_key = current.strip().upper(), new.strip().upper()
    errors: list[FieldError] = []
    if not PSEUDONYM_RE.match(new_key):
        errors.append(
            FieldError(
                "pseudonym",
                translate("Structure", "« {name} » : « MED- » suivi de 2 à 28 lettres ou chiffres attendu.").format(
                    name=new.strip()[:40]
                ),
            )
        )
    with db.transaction() as session:
        row = session.scalar(
            select(Mediator).where(func.upper(Mediator.pseudonym) == old_key, Mediator.deleted_at.is_(None))
        )
        if row is None:
            errors.append(
                FieldError(
                    "pseudonym",
                    translate("Structure", "aucun médiateur actif ne porte le pseudonyme {name}.").format(name=old_key),
                )
            )
        elif new_key != row.pseudonym.upper() and session.scalar(
            select(Mediator.id).where(func.upper(Mediator.pseudonym) == new_key)
        ):
            errors.append(
                FieldError(
                    "pseudonym",
                    translate(
                        "Structure", "le pseudonyme {name} est déjà pris (ou l'a été : il n'est jamais réutilisé)."
                    ).format(name=new_key),
                )
            )
        if errors or row is None:
            raise ValidationError(errors)
        device = audit.session_device_id(session)
        before = audit.auditable_state(row)
        row.pseudonym = new_key
        row.device_id = device
        session.flush()
        audit.log_change(
            session,
            action="UPDATE",
            table="mediator",
            record_id=row.id,
            changes=audit.diff(before, audit.auditable_state(row)),
            actor_id=None,
            device_id=device,
        )
        return MediatorInfo(row.id, row.pseudonym, row.display_name, row.role)


@dataclass(frozen=True, slots=True)
class DispositifInfo:
    id: uuid.UUID
    name: str
    main_domain: str
    start_date: dt.date
    end_date: dt.date | None = None


def list_dispositifs(db: Database) -> list[DispositifInfo]:
    with db.session() as session:
        rows = session.scalars(select(Dispositif).where(Dispositif.deleted_at.is_(None)).order_by(Dispositif.name))
        return [DispositifInfo(r.id, r.name, r.main_domain, r.start_date, r.end_date) for r in rows]


def _check_label(errors: list[FieldError], field: str, name: str, required: str, max_length: int) -> None:
    if not name:
        errors.append(FieldError(field, required))
    else:
        check_length(errors, name, max_length, field)


def create_dispositif(
    db: Database, name: str, main_domain: str, start_date: dt.date, *, end_date: dt.date | None = None
) -> uuid.UUID:
    """Create a dispositif; its name is unique among live dispositifs (a deleted one frees its name)."""
    ref = load_registry().active
    name = name.strip()
    errors: list[FieldError] = []
    _check_label(
        errors,
        "dispositif",
        name,
        translate("Structure", "le libellé du dispositif est obligatoire."),
        DISPOSITIF_NAME_MAX,
    )
    check_code(errors, ref, "DOMAINE", main_domain, "domain")
    if end_date is not None and end_date < start_date:
        errors.append(FieldError("end_date", translate("Structure", "la fin précède le début.")))
    with db.transaction() as session:
        if (
            name
            and encodable(name)  # an unstorable name cannot be looked up either (it is refused above)
            and session.scalar(select(Dispositif.id).where(Dispositif.name == name, Dispositif.deleted_at.is_(None)))
        ):
            errors.append(FieldError("dispositif", translate("Structure", "un dispositif porte déjà ce nom.")))
        if errors:
            raise ValidationError(errors)
        device = audit.session_device_id(session)
        row = Dispositif(
            name=name,
            main_domain=main_domain,
            start_date=start_date,
            end_date=end_date,
            device_id=device,
            vocab_version=ref.version,
        )
        audit.add_created(session, row, device_id=device)
        return row.id


def create_site(db: Database, name: str, place: str, commune: str, qpv: str | None = None) -> uuid.UUID:
    """Create a site; its name is unique among live sites (a deleted one frees its name).

    ``qpv`` is a QPV code, ``HORS_QPV`` (outside any QPV, kept as given) or ``None`` (not given).  An
    arrondissement code is recorded under its commune (75111 → 75056), as interventions are.
    """
    ref = load_registry().active
    name = name.strip()
    errors: list[FieldError] = []
    _check_label(errors, "site", name, translate("Structure", "le nom du site est obligatoire."), SITE_NAME_MAX)
    check_code(errors, ref, "LIEU", place, "place")
    check_commune(errors, commune)
    check_qpv(errors, qpv)
    with db.transaction() as session:
        if (
            name
            and encodable(name)
            and session.scalar(select(Site.id).where(Site.name == name, Site.deleted_at.is_(None)))
        ):
            errors.append(FieldError("site", translate("Structure", "un site porte déjà ce nom.")))
        if errors:
            raise ValidationError(errors)
        device = audit.session_device_id(session)
        row = Site(
            name=name,
            place=place,
            commune=normalise_commune(commune),
            qpv=qpv,
            device_id=device,
            vocab_version=ref.version,
        )
        audit.add_created(session, row, device_id=device)
        return row.id


# --------------------------------------------------------------------------- settings: correct and retire


@dataclass(frozen=True, slots=True)
class StructureSettings:
    """What the « Paramètres » page and ``medios structure`` show and correct."""

    id: uuid.UUID
    name: str
    holiday_calendar: str
    notes_enabled: bool
    siret: str | None
    legal_status: str


def _settings(row: Structure) -> StructureSettings:
    return StructureSettings(row.id, row.name, row.holiday_calendar, row.notes_enabled, row.siret, row.legal_status)


def get_structure(db: Database) -> StructureSettings:
    with db.session() as session:
        return _settings(_structure_row(session))


def check_siret(errors: list[FieldError], siret: str) -> None:
    """14 digits whose Luhn sum is a multiple of 10 (La Poste's establishments: digit sum a multiple of 5)."""
    if not (siret.isascii() and siret.isdigit() and len(siret) == 14):
        errors.append(FieldError("siret", translate("Structure", "14 chiffres attendus (espaces permis).")))
        return
    total = 0
    for position, char in enumerate(reversed(siret)):
        digit = int(char) * (2 if position % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    la_poste = siret.startswith("356000000") and sum(int(c) for c in siret) % 5 == 0
    if total % 10 and not la_poste:
        errors.append(
            FieldError("siret", translate("Structure", "numéro SIRET invalide (clé de contrôle) : vérifiez-le."))
        )


def update_structure(
    db: Database,
    *,
    name: str,
    holiday_calendar: str,
    notes_enabled: bool,
    siret: str | None,
    legal_status: str,
) -> StructureSettings:
    """Correct the structure; ``siret`` may hold spaces (« 123 456 789 00012 ») and ``None`` or empty clears it."""
    ref = load_registry().active
    name = name.strip()
    siret_value = "".join((siret or "").split()) or None
    errors: list[FieldError] = []
    check_structure_name(errors, name)
    check_code(errors, ref, "CALENDRIER_FERIES", holiday_calendar, "holiday_calendar")
    check_code(errors, ref, "STATUT", legal_status, "legal_status")
    if siret_value is not None:
        check_siret(errors, siret_value)
    if errors:
        raise ValidationError(errors)
    with db.transaction() as session:
        row = _structure_row(session)
        update_logged(
            session,
            row,
            {
                "name": name,
                "holiday_calendar": holiday_calendar,
                "notes_enabled": notes_enabled,
                "siret": siret_value,
                "legal_status": legal_status,
            },
        )
        return _settings(row)


def _mediator_info(row: Mediator) -> MediatorInfo:
    return MediatorInfo(row.id, row.pseudonym, row.display_name, row.role)


def find_mediator(db: Database, pseudonym: str) -> MediatorInfo:
    """The live mediator of that pseudonym (case ignored); :class:`ValidationError` on ``pseudonym`` if none."""
    key = pseudonym.strip().upper()
    with db.session() as session:
        row = session.scalar(
            select(Mediator).where(func.upper(Mediator.pseudonym) == key, Mediator.deleted_at.is_(None))
        )
        if row is None:
            raise ValidationError(
                [
                    FieldError(
                        "pseudonym",
                        translate("Structure", "aucun médiateur actif ne porte le pseudonyme {name}.").format(name=key),
                    )
                ]
            )
        return _mediator_info(row)


def update_mediator(
    db: Database, mediator_id: uuid.UUID, *, display_name: str, role: str, pseudonym: str | None = None
) -> MediatorInfo:
    """Correct a user's name and role, and with ``pseudonym`` their pseudonym (same rules as
    :func:`rename_pseudonym`), in one transaction: all of it or nothing."""
    name = display_name.strip()
    errors: list[FieldError] = []
    check_mediator_name(errors, name)
    check_code(errors, load_registry().active, "ROLE_UTILISATEUR", role, "role")
    new_key = pseudonym.strip().upper() if pseudonym is not None else None
    with db.transaction() as session:
        row = live_row(session, Mediator, mediator_id)
        values: dict[str, str] = {"display_name": name, "role": role}
        if new_key is not None and new_key != row.pseudonym.upper():
            if not PSEUDONYM_RE.match(new_key):
                errors.append(
                    FieldError(
                        "pseudonym",
                        translate(
                            "Structure", "« {name} » : « MED- » suivi de 2 à 28 lettres ou chiffres attendu."
                        ).format(name=new_key[:40]),
                    )
                )
            elif session.scalar(select(Mediator.id).where(func.upper(Mediator.pseudonym) == new_key)):
                errors.append(
                    FieldError(
                        "pseudonym",
                        translate(
                            "Structure", "le pseudonyme {name} est déjà pris (ou l'a été : il n'est jamais réutilisé)."
                        ).format(name=new_key),
                    )
                )
            values["pseudonym"] = new_key
        if errors:
            raise ValidationError(errors)
        update_logged(session, row, values)
        return _mediator_info(row)


def retire_mediator(db: Database, mediator_id: uuid.UUID) -> None:
    """Retire a user: no longer offered, their interventions keep them; the pseudonym is never reused."""
    with db.transaction() as session:
        retire_logged(session, live_row(session, Mediator, mediator_id))


def _dispositif_info(row: Dispositif) -> DispositifInfo:
    return DispositifInfo(row.id, row.name, row.main_domain, row.start_date, row.end_date)


def find_dispositif(db: Database, name: str) -> DispositifInfo:
    with db.session() as session:
        row = session.scalar(select(Dispositif).where(Dispositif.name == name.strip(), Dispositif.deleted_at.is_(None)))
        if row is None:
            raise ValidationError(
                [
                    FieldError(
                        "dispositif",
                        translate("Structure", "aucun dispositif actif ne s'appelle « {name} ».").format(
                            name=name.strip()[:80]
                        ),
                    )
                ]
            )
        return _dispositif_info(row)


def update_dispositif(
    db: Database,
    dispositif_id: uuid.UUID,
    *,
    name: str,
    main_domain: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
) -> DispositifInfo:
    """Correct or rename a dispositif (its records follow: they point to its identifier)."""
    ref = load_registry().active
    name = name.strip()
    errors: list[FieldError] = []
    _check_label(
        errors,
        "dispositif",
        name,
        translate("Structure", "le libellé du dispositif est obligatoire."),
        DISPOSITIF_NAME_MAX,
    )
    check_code(errors, ref, "DOMAINE", main_domain, "domain")
    if end_date is not None and end_date < start_date:
        errors.append(FieldError("end_date", translate("Structure", "la fin précède le début.")))
    with db.transaction() as session:
        row = live_row(session, Dispositif, dispositif_id)
        if (
            name
            and encodable(name)
            and session.scalar(
                select(Dispositif.id).where(
                    Dispositif.name == name, Dispositif.deleted_at.is_(None), Dispositif.id != dispositif_id
                )
            )
        ):
            errors.append(FieldError("dispositif", translate("Structure", "un dispositif porte déjà ce nom.")))
        if errors:
            raise ValidationError(errors)
        update_logged(
            session, row, {"name": name, "main_domain": main_domain, "start_date": start_date, "end_date": end_date}
        )
        return _dispositif_info(row)


def retire_dispositif(db: Database, dispositif_id: uuid.UUID) -> None:
    """Retire a dispositif: its records keep it, pickers no longer offer it, its name is free again."""
    with db.transaction() as session:
        retire_logged(session, live_row(session, Dispositif, dispositif_id))
