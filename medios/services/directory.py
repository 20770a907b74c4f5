"""Sites (named places) and the partner directory: list, create, correct, rename and retire.

A site pre-fills the place, commune and QPV of the records made there; a partner is an organisation
the mediators orient people to or alert.  Names are unique among live rows (a retired one frees its
name); retiring is a soft delete, logged, and the records that point to the row keep it.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medios.db import Database
from medios.db.models import Partner, Site
from medios.i18n import translate
from medios.referentiel import load_registry
from medios.services import access, audit
from medios.services.errors import FieldError, ValidationError
from medios.services.records import live_row, restore_logged, retire_logged, update_logged
from medios.services.rules import (
    check_code,
    check_commune,
    check_length,
    check_qpv,
    column_length,
    encodable,
    normalise_commune,
)
from medios.services.structure import SITE_NAME_MAX, SiteDetails, check_site_details

PARTNER_NAME_MAX = column_length(Partner.name)
CONTACT_MAX = column_length(Partner.contact_name)
PHONE_MAX = column_length(Partner.phone)
EMAIL_MAX = column_length(Partner.email)
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_RE = re.compile(r"^\+?[0-9 .()-]{6,}$")


@dataclass(frozen=True, slots=True)
class SiteInfo:
    id: uuid.UUID
    name: str
    place: str
    commune: str
    qpv: str | None
    details: SiteDetails = SiteDetails()


@dataclass(frozen=True, slots=True)
class PartnerInfo:
    id: uuid.UUID
    name: str
    partner_type: str
    commune: str | None
    contact_name: str | None
    phone: str | None
    email: str | None


def _site_info(row: Site) -> SiteInfo:
    return SiteInfo(
        row.id, row.name, row.place, row.commune, row.qpv, SiteDetails(row.uai, row.educ_prio, row.landlord_id)
    )


def _partner_info(row: Partner) -> PartnerInfo:
    return PartnerInfo(row.id, row.name, row.partner_type, row.commune, row.contact_name, row.phone, row.email)


def _optional(text: str | None) -> str | None:
    value = (text or "").strip()
    return value or None


# --------------------------------------------------------------------------- sites


def list_sites(db: Database, *, retired: bool = False) -> list[SiteInfo]:
    """Live sites (``retired``: the retired ones, to restore them), by name."""
    with db.session() as session:
        alive = Site.deleted_at.is_not(None) if retired else Site.deleted_at.is_(None)
        rows = session.scalars(select(Site).where(alive).order_by(Site.name))
        return [_site_info(r) for r in rows]


def _site_errors(
    session: Session, name: str, place: str, commune: str, qpv: str | None, site_id: uuid.UUID | None
) -> list[FieldError]:
    errors: list[FieldError] = []
    if not name:
        errors.append(FieldError("site", translate("Structure", "le nom du site est obligatoire.")))
    else:
        check_length(errors, name, SITE_NAME_MAX, "site")
    check_code(errors, load_registry().active, "LIEU", place, "place")
    check_commune(errors, commune)
    check_qpv(errors, qpv)
    if name and encodable(name):
        query = select(Site.id).where(Site.name == name, Site.deleted_at.is_(None))
        if site_id is not None:
            query = query.where(Site.id != site_id)
        if session.scalar(query):
            errors.append(FieldError("site", translate("Structure", "un site porte déjà ce nom.")))
    return errors


def update_site(
    db: Database,
    site_id: uuid.UUID,
    *,
    name: str,
    place: str,
    commune: str,
    qpv: str | None = None,
    details: SiteDetails | None = None,
    actor_id: uuid.UUID | None = None,
) -> SiteInfo:
    """Correct or rename a site; ``qpv``: a QPV code, ``HORS_QPV`` or ``None`` (not given).

    ``details`` (UAI, éducation prioritaire, landlord) replaces the stored ones; ``None`` keeps them.
    """
    name = name.strip()
    commune = normalise_commune(commune.strip().upper())
    qpv = _optional(qpv.upper() if qpv else None)
    with db.transaction() as session:
        access.require_admin(session, actor_id, access.SETTINGS)
        row = live_row(session, Site, site_id)
        errors = _site_errors(session, name, place, commune, qpv, site_id)
        kept = SiteDetails(row.uai, row.educ_prio, row.landlord_id)
        details = (details or kept).cleaned()
        check_site_details(session, errors, place, details)
        if errors:
            raise ValidationError(errors)
        update_logged(
            session,
            row,
            {
                "name": name,
                "place": place,
                "commune": commune,
                "qpv": qpv,
                "uai": details.uai,
                "educ_prio": details.educ_prio,
                "landlord_id": details.landlord_id,
            },
        )
        return _site_info(row)


def retire_site(db: Database, site_id: uuid.UUID, *, actor_id: uuid.UUID | None = None) -> None:
    with db.transaction() as session:
        access.require_admin(session, actor_id, access.SETTINGS)
        retire_logged(session, live_row(session, Site, site_id))


def _site_name_free(session: Session, row: Site) -> None:
    if session.scalar(select(Site.id).where(Site.name == row.name, Site.deleted_at.is_(None))):
        raise ValidationError(
            [
                FieldError(
                    "site",
                    translate("Directory", "un site actif porte déjà ce nom : renommez-le avant de rétablir celui-ci."),
                )
            ]
        )


def restore_site(db: Database, site_id: uuid.UUID, *, actor_id: uuid.UUID | None = None) -> SiteInfo:
    """Bring a retired site back, unless a live one took its name meanwhile."""
    with db.transaction() as session:
        access.require_admin(session, actor_id, access.SETTINGS)
        return _site_info(restore_logged(session, Site, site_id, clash=_site_name_free))


def find_retired_site(db: Database, name: str) -> SiteInfo:
    for info in list_sites(db, retired=True):
        if info.name == name.strip():
            return info
    raise ValidationError(
        [
            FieldError(
                "site",
                translate("Directory", "aucun site retiré ne s'appelle « {name} ».").format(name=name.strip()[:80]),
            )
        ]
    )


def find_site(db: Database, name: str) -> SiteInfo:
    with db.session() as session:
        row = session.scalar(select(Site).where(Site.name == name.strip(), Site.deleted_at.is_(None)))
        if row is None:
            raise ValidationError(
                [
                    FieldError(
                        "site",
                        translate("Structure", "aucun site actif ne s'appelle « {name} ».").format(
                            name=name.strip()[:80]
                        ),
                    )
                ]
            )
        return _site_info(row)


# --------------------------------------------------------------------------- partners


def list_partners(db: Database, *, retired: bool = False) -> list[PartnerInfo]:
    """The live directory (``retired``: the retired partners, to restore them), by name."""
    with db.session() as session:
        alive = Partner.deleted_at.is_not(None) if retired else Partner.deleted_at.is_(None)
        rows = session.scalars(select(Partner).where(alive).order_by(Partner.name))
        return [_partner_info(r) for r in rows]


@dataclass(frozen=True, slots=True)
class PartnerFields:
    name: str
    partner_type: str
    commune: str | None = None
    contact_name: str | None = None
    phone: str | None = None
    email: str | None = None

    def cleaned(self) -> PartnerFields:
        commune = _optional(self.commune)
        return PartnerFields(
            name=self.name.strip(),
            partner_type=self.partner_type,
            commune=normalise_commune(commune.upper()) if commune else None,
            contact_name=_optional(self.contact_name),
            phone=_optional(self.phone),
            email=_optional(self.email),
        )


def _partner_errors(session: Session, fields: PartnerFields, partner_id: uuid.UUID | None) -> list[FieldError]:
    errors: list[FieldError] = []
    if not fields.name:
        errors.append(FieldError("partner", translate("Directory", "le nom de l'organisme est obligatoire.")))
    else:
        check_length(errors, fields.name, PARTNER_NAME_MAX, "partner")
    check_code(errors, load_registry().active, "TYPE_PARTENAIRE", fields.partner_type, "partner_type")
    if fields.commune is not None:
        check_commune(errors, fields.commune)
    if fields.contact_name is not None:
        check_length(errors, fields.contact_name, CONTACT_MAX, "contact_name")
    if fields.phone is not None:
        check_length(errors, fields.phone, PHONE_MAX, "phone")
        if not _PHONE_RE.match(fields.phone):
            errors.append(FieldError("phone", translate("Directory", "numéro de téléphone attendu (chiffres).")))
    if fields.email is not None:
        check_length(errors, fields.email, EMAIL_MAX, "email")
        if not _EMAIL_RE.match(fields.email):
            errors.append(FieldError("email", translate("Directory", "adresse e-mail attendue (nom@domaine.fr).")))
    if fields.name and encodable(fields.name):
        query = select(Partner.id).where(func.lower(Partner.name) == fields.name.lower(), Partner.deleted_at.is_(None))
        if partner_id is not None:
            query = query.where(Partner.id != partner_id)
        if session.scalar(query):
            errors.append(FieldError("partner", translate("Directory", "un partenaire porte déjà ce nom.")))
    return errors


def create_partner(db: Database, fields: PartnerFields, *, actor_id: uuid.UUID | None = None) -> PartnerInfo:
    """Add an organisation to the directory; its name is unique among live partners (case ignored)."""
    fields = fields.cleaned()
    with db.transaction() as session:
        access.require_admin(session, actor_id, access.SETTINGS)
        errors = _partner_errors(session, fields, None)
        if errors:
            raise ValidationError(errors)
        device = audit.session_device_id(session)
        row = Partner(
            name=fields.name,
            partner_type=fields.partner_type,
            commune=fields.commune,
            contact_name=fields.contact_name,
            phone=fields.phone,
            email=fields.email,
            device_id=device,
            vocab_version=load_registry().active.version,
        )
        audit.add_created(session, row, device_id=device)
        return _partner_info(row)


def update_partner(
    db: Database, partner_id: uuid.UUID, fields: PartnerFields, *, actor_id: uuid.UUID | None = None
) -> PartnerInfo:
    fields = fields.cleaned()
    with db.transaction() as session:
        access.require_admin(session, actor_id, access.SETTINGS)
        row = live_row(session, Partner, partner_id)
        errors = _partner_errors(session, fields, partner_id)
        if errors:
            raise ValidationError(errors)
        update_logged(
            session,
            row,
            {
                "name": fields.name,
                "partner_type": fields.partner_type,
                "commune": fields.commune,
                "contact_name": fields.contact_name,
                "phone": fields.phone,
                "email": fields.email,
            },
        )
        return _partner_info(row)


def retire_partner(db: Database, partner_id: uuid.UUID, *, actor_id: uuid.UUID | None = None) -> None:
    with db.transaction() as session:
        access.require_admin(session, actor_id, access.SETTINGS)
        retire_logged(session, live_row(session, Partner, partner_id))


def _partner_name_free(session: Session, row: Partner) -> None:
    taken = select(Partner.id).where(func.lower(Partner.name) == row.name.lower(), Partner.deleted_at.is_(None))
    if session.scalar(taken):
        raise ValidationError(
            [
                FieldError(
                    "partner",
                    translate(
                        "Directory", "un partenaire actif porte déjà ce nom : renommez-le avant de rétablir celui-ci."
                    ),
                )
            ]
        )


def restore_partner(db: Database, partner_id: uuid.UUID, *, actor_id: uuid.UUID | None = None) -> PartnerInfo:
    """Bring a retired partner back into the directory, unless a live one took its name meanwhile."""
    with db.transaction() as session:
        access.require_admin(session, actor_id, access.SETTINGS)
        return _partner_info(restore_logged(session, Partner, partner_id, clash=_partner_name_free))


def find_retired_partner(db: Database, name: str) -> PartnerInfo:
    key = name.strip().lower()
    for info in list_partners(db, retired=True):
        if info.name.lower() == key:
            return info
    raise ValidationError(
        [
            FieldError(
                "partner",
                translate("Directory", "aucun partenaire retiré ne s'appelle « {name} ».").format(
                    name=name.strip()[:80]
                ),
            )
        ]
    )


def find_partner(db: Database, name: str) -> PartnerInfo:
    with db.session() as session:
        row = session.scalar(
            select(Partner).where(func.lower(Partner.name) == name.strip().lower(), Partner.deleted_at.is_(None))
        )
        if row is None:
            raise ValidationError(
                [
                    FieldError(
                        "partner",
                        translate("Directory", "aucun partenaire actif ne s'appelle « {name} ».").format(
                            name=name.strip()[:80]
                        ),
                    )
                ]
            )
        return _partner_info(row)
