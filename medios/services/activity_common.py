"""What the services of tournées, collective actions and partner meetings share.

Checks of the people and records an activity names (mediators, dispositif, site), the pseudonyms shown
in their lists, the sites offered by their forms, and the audit of a record with its child rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from medios.db.models import Base, Dispositif, Mediator, Site
from medios.i18n import translate
from medios.services import audit
from medios.services.errors import FieldError

# The most rows a list of activities returns at once (newest first); older ones come with ``before``.
LIST_LIMIT = 500
# Head-count of a séance or of informal contacts in one block: beyond it, a typing mistake.
COUNT_MAX = 99999


@dataclass(frozen=True, slots=True)
class SiteInfo:
    id: uuid.UUID
    name: str
    place: str
    commune: str
    qpv: str | None


def list_sites(session: Session) -> list[SiteInfo]:
    rows = session.scalars(select(Site).where(Site.deleted_at.is_(None)).order_by(Site.name))
    return [SiteInfo(r.id, r.name, r.place, r.commune, r.qpv) for r in rows]


def check_mediators(session: Session, mediator_ids: Sequence[uuid.UUID], errors: list[FieldError]) -> None:
    """At least one mediator, none twice, each live."""
    if not mediator_ids:
        errors.append(FieldError("mediators", translate("Activities", "au moins un médiateur est obligatoire.")))
        return
    if len(set(mediator_ids)) != len(mediator_ids):
        errors.append(FieldError("mediators", translate("Activities", "un même médiateur est indiqué deux fois.")))
        return
    found = set(
        session.scalars(select(Mediator.id).where(Mediator.id.in_(mediator_ids), Mediator.deleted_at.is_(None)))
    )
    missing = [m for m in mediator_ids if m not in found]
    if missing:
        errors.append(
            FieldError(
                "mediators",
                translate("Activities", "%n médiateur(s) inconnu(s) ou supprimé(s).", None, len(missing)),
            )
        )


def check_reference(
    session: Session, errors: list[FieldError], name: str, model: type[Any], ref_id: uuid.UUID | None
) -> None:
    """``ref_id`` (optional) names a live row of ``model``."""
    if ref_id is None:
        return
    row = session.get(model, ref_id)
    if row is None or row.deleted_at is not None:
        errors.append(FieldError(name, translate("Activities", "enregistrement introuvable ou supprimé.")))


def check_dispositif_and_site(
    session: Session, errors: list[FieldError], dispositif_id: uuid.UUID | None, site_id: uuid.UUID | None
) -> None:
    check_reference(session, errors, "dispositif", Dispositif, dispositif_id)
    check_reference(session, errors, "site", Site, site_id)


def check_count(errors: list[FieldError], value: int, name: str) -> None:
    if value < 0:
        errors.append(
            FieldError(
                name, translate("Activities", "entier positif ou nul attendu, reçu {value}.").format(value=value)
            )
        )
    elif value > COUNT_MAX:
        errors.append(
            FieldError(name, translate("Activities", "{value} : {max} au plus.").format(value=value, max=COUNT_MAX))
        )


def check_codes(
    errors: list[FieldError], allowed: frozenset[str], codes: Sequence[str], name: str, vocab: str, version: str
) -> None:
    """Each code of a multiple choice is an active term, and none is given twice."""
    seen: set[str] = set()
    for i, code in enumerate(codes):
        if code not in allowed:
            errors.append(
                FieldError(
                    f"{name}[{i}]",
                    translate("Activities", "code « {code} » inconnu dans le vocabulaire {vocab} ({version}).").format(
                        code=code, vocab=vocab, version=version
                    ),
                )
            )
        elif code in seen:
            errors.append(
                FieldError(f"{name}[{i}]", translate("Activities", "« {code} » figure deux fois.").format(code=code))
            )
        seen.add(code)


def pseudonyms(session: Session, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    wanted = set(ids)
    if not wanted:
        return {}
    return {m: p for m, p in session.execute(select(Mediator.id, Mediator.pseudonym).where(Mediator.id.in_(wanted)))}


def state(row: Base, **children: Any) -> dict[str, Any]:
    """The audited state of a record: its C and O columns and references, and its child rows (sorted)."""
    result = audit.auditable_state(row)
    for name, values in children.items():
        result[name] = sorted(audit.plain(v) if not isinstance(v, list) else v for v in values)
    return result
