"""What the journal's detail pane shows of one intervention: its fields with the names of what it
points to (mediators, dispositif, site, partners), and its notes only when the structure enabled them.

Codes stay codes (the window turns them into the référentiel's labels in the user's language).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from medios.db import Database
from medios.db.models import Dispositif, Mediator, Partner, Site, Structure
from medios.services.interventions import InterventionRecord, get_intervention


@dataclass(frozen=True, slots=True)
class InterventionDetail:
    record: InterventionRecord
    mediators: tuple[str, ...]  # pseudonyms, sorted
    dispositif: str | None
    site: str | None
    partners: tuple[str | None, ...]  # the directory name of each of record.data.partners (``None``: by type)
    notes_enabled: bool
    notes: str | None  # ``None`` when the structure has not enabled notes, whatever is stored


def intervention_detail(
    db: Database, intervention_id: uuid.UUID, *, actor_id: uuid.UUID | None = None
) -> InterventionDetail:
    """The detail of a live intervention (:class:`~medios.services.errors.NotFoundError` otherwise); with
    ``actor_id``, only if that user may see it."""
    record = get_intervention(db, intervention_id, actor_id=actor_id)
    data = record.data
    with db.session() as session:
        pseudonyms = (
            sorted(session.scalars(select(Mediator.pseudonym).where(Mediator.id.in_(data.mediator_ids))))
            if data.mediator_ids
            else []
        )
        dispositif = (
            session.scalar(select(Dispositif.name).where(Dispositif.id == data.dispositif_id))
            if data.dispositif_id
            else None
        )
        site = session.scalar(select(Site.name).where(Site.id == data.site_id)) if data.site_id else None
        partner_ids = {p.partner_id for p in data.partners if p.partner_id is not None}
        names = (
            dict(session.execute(select(Partner.id, Partner.name).where(Partner.id.in_(partner_ids))).all())
            if partner_ids
            else {}
        )
        enabled = bool(session.scalar(select(Structure.notes_enabled).where(Structure.deleted_at.is_(None)).limit(1)))
    return InterventionDetail(
        record=record,
        mediators=tuple(pseudonyms),
        dispositif=dispositif,
        site=site,
        partners=tuple(names.get(p.partner_id) if p.partner_id else None for p in data.partners),
        notes_enabled=enabled,
        notes=data.notes if enabled else None,
    )
