"""The structure's own list of territories: communes, QPV, EPCI, départements, régions.

No national list ships with Médios: the structure enters its territories (or an import adds the codes
it meets).  Formats are checked per level; the official COG and QPV files are the reference.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from medios.db import Database
from medios.db.models import Territory, qpv_commune
from medios.i18n import QT_TRANSLATE_NOOP, translate
from medios.referentiel import load_registry
from medios.services import audit
from medios.services.errors import FieldError, ValidationError
from medios.services.rules import (
    COMMUNE_RE,
    QPV_RE,
    check_code,
    check_length,
    column_length,
    encodable,
    normalise_commune,
)

# Vintage of the codes an import adds to the list (label = code) until the structure describes them.
IMPORT_VINTAGE = "IMPORT"

FORMATS: dict[str, re.Pattern[str]] = {
    "COMMUNE": COMMUNE_RE,
    "QPV": QPV_RE,
    "EPCI": re.compile(r"^\d{9}$"),
    "DEPARTEMENT": re.compile(r"^(0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])$"),
    "REGION": re.compile(r"^\d{2}$"),
}
LABEL_MAX = column_length(Territory.label)
VINTAGE_MAX = column_length(Territory.vintage)
PARENT_MAX = column_length(Territory.parent_code)
FORMAT_HINTS = {
    "COMMUNE": QT_TRANSLATE_NOOP("Territories", "code INSEE à 5 caractères (2A ou 2B pour la Corse)"),
    "QPV": QT_TRANSLATE_NOOP("Territories", "« QN » suivi de 6 caractères"),
    "EPCI": QT_TRANSLATE_NOOP("Territories", "numéro SIREN à 9 chiffres"),
    "DEPARTEMENT": QT_TRANSLATE_NOOP("Territories", "2 caractères (01 à 95, 2A, 2B) ou 971 à 976"),
    "REGION": QT_TRANSLATE_NOOP("Territories", "code à 2 chiffres"),
}


@dataclass(frozen=True, slots=True)
class TerritoryInfo:
    id: uuid.UUID
    level: str
    code: str
    label: str
    vintage: str
    parent_code: str | None


def check_territory_code(errors: list[FieldError], level: str, code: str, name: str = "code") -> None:
    pattern = FORMATS.get(level)
    if pattern is not None and not (code.isascii() and pattern.fullmatch(code)):  # \d and $ are too lenient
        errors.append(
            FieldError(
                name,
                translate("Territories", "« {code} » invalide pour le niveau {level} : {hint} attendu.").format(
                    code=code, level=level, hint=translate("Territories", FORMAT_HINTS[level])
                ),
            )
        )


def add_territory(
    db: Database,
    level: str,
    code: str,
    label: str,
    *,
    vintage: str,
    parent_code: str | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> TerritoryInfo:
    """Add a territory to the structure's list, after checking its level, format and uniqueness."""
    ref = load_registry().active
    code = code.strip().upper()
    if level == "COMMUNE":
        code = normalise_commune(code)
    errors: list[FieldError] = []
    check_code(errors, ref, "NIVEAU_TERRITOIRE", level, "level")
    if ref.is_valid("NIVEAU_TERRITOIRE", level):
        check_territory_code(errors, level, code)
    if not label.strip():
        errors.append(FieldError("label", translate("Territories", "le libellé est obligatoire.")))
    check_length(errors, label.strip(), LABEL_MAX, "label")
    if not vintage.strip():
        errors.append(FieldError("vintage", translate("Territories", "le millésime est obligatoire (ex. 2024).")))
    check_length(errors, vintage.strip(), VINTAGE_MAX, "vintage")
    if parent_code:
        check_length(errors, parent_code.strip().upper(), PARENT_MAX, "parent_code")
    if valid_from and valid_to and valid_to < valid_from:
        errors.append(FieldError("valid_to", translate("Territories", "la fin de validité précède son début.")))
    with db.transaction() as session:
        # The unique key covers soft-deleted rows too: a deleted territory cannot come back under its vintage.
        lookup = select(Territory.deleted_at).where(
            Territory.level == level, Territory.code == code, Territory.vintage == vintage.strip()
        )
        # Text that cannot be stored cannot be looked up either (it is refused above).
        existing = session.execute(lookup).first() if encodable(level + code + vintage) else None
        if existing is not None and existing.deleted_at is None:
            errors.append(FieldError("code", translate("Territories", "ce territoire figure déjà dans la liste.")))
        elif existing is not None:
            errors.append(
                FieldError(
                    "code",
                    translate(
                        "Territories",
                        "ce territoire a été supprimé de la liste pour ce millésime : indiquez un autre millésime.",
                    ),
                )
            )
        if errors:
            raise ValidationError(errors)
        device = audit.session_device_id(session)
        # A code an import added (label = code) is completed in place, not listed twice.
        row = session.scalar(
            select(Territory).where(
                Territory.level == level,
                Territory.code == code,
                Territory.vintage == IMPORT_VINTAGE,
                Territory.deleted_at.is_(None),
            )
        )
        values = {
            "label": label.strip(),
            "vintage": vintage.strip(),
            "parent_code": parent_code.strip().upper() if parent_code else None,
            "valid_from": valid_from,
            "valid_to": valid_to,
        }
        if row is not None:
            before = audit.auditable_state(row)
            for key, value in values.items():
                setattr(row, key, value)
            row.device_id = device
            session.flush()
            audit.log_change(
                session,
                action="UPDATE",
                table="territory",
                record_id=row.id,
                changes=audit.diff(before, audit.auditable_state(row)),
                actor_id=None,
                device_id=device,
            )
        else:
            row = Territory(level=level, code=code, device_id=device, vocab_version=ref.version, **values)
            audit.add_created(session, row, device_id=device)
        if level == "QPV" and row.parent_code and COMMUNE_RE.match(row.parent_code):
            session.execute(
                qpv_commune.insert().values(qpv_code=code, commune_code=row.parent_code, vintage=row.vintage)
            )
        return TerritoryInfo(row.id, row.level, row.code, row.label, row.vintage, row.parent_code)


def list_territories(db: Database, level: str | None = None) -> list[TerritoryInfo]:
    with db.session() as session:
        query = select(Territory).where(Territory.deleted_at.is_(None)).order_by(Territory.level, Territory.code)
        if level:
            query = query.where(Territory.level == level)
        return [TerritoryInfo(r.id, r.level, r.code, r.label, r.vintage, r.parent_code) for r in session.scalars(query)]
