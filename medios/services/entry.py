"""What the intervention form needs besides the référentiel: its choice lists and the « suite de » search.

:func:`entry_choices` reads the structure's small lists once when the form is built (dispositifs, sites,
communes and QPV of the structure's territory list, partner directory, whether notes are enabled and the
commune of the head office, the default commune of a first entry).  :func:`recent_situations` finds the
first interventions of recent situations for « suite d'une situation »: bounded (a window of days and a
row limit) and read newest first from the journal index (``date``, ``start_time``, ``id`` over live rows).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from medios.db import Database
from medios.db.models import Dispositif, Intervention, Partner, Site, Structure, Territory
from medios.services.structure import structure_context


@dataclass(frozen=True, slots=True)
class Named:
    id: uuid.UUID
    name: str


@dataclass(frozen=True, slots=True)
class DispositifChoice:
    id: uuid.UUID
    name: str
    main_domain: str


@dataclass(frozen=True, slots=True)
class SiteChoice:
    id: uuid.UUID
    name: str
    place: str
    commune: str
    qpv: str | None


@dataclass(frozen=True, slots=True)
class PartnerChoice:
    id: uuid.UUID
    name: str
    partner_type: str


@dataclass(frozen=True, slots=True)
class TerritoryChoice:
    code: str
    label: str


@dataclass(frozen=True, slots=True)
class EntryChoices:
    dispositifs: tuple[DispositifChoice, ...]
    sites: tuple[SiteChoice, ...]
    partners: tuple[PartnerChoice, ...]
    communes: tuple[TerritoryChoice, ...]
    qpvs: tuple[TerritoryChoice, ...]
    notes_enabled: bool
    hq_commune: str | None


def entry_choices(db: Database) -> EntryChoices:
    with db.session() as session:
        ctx = structure_context(session)
        hq = session.scalar(select(Structure.hq_commune).where(Structure.id == ctx.id))
        dispositifs = tuple(
            DispositifChoice(r.id, r.name, r.main_domain)
            for r in session.execute(
                select(Dispositif.id, Dispositif.name, Dispositif.main_domain)
                .where(Dispositif.deleted_at.is_(None))
                .order_by(Dispositif.name)
            )
        )
        sites = tuple(
            SiteChoice(r.id, r.name, r.place, r.commune, r.qpv)
            for r in session.execute(
                select(Site.id, Site.name, Site.place, Site.commune, Site.qpv)
                .where(Site.deleted_at.is_(None))
                .order_by(Site.name)
            )
        )
        partners = tuple(
            PartnerChoice(r.id, r.name, r.partner_type)
            for r in session.execute(
                select(Partner.id, Partner.name, Partner.partner_type)
                .where(Partner.deleted_at.is_(None))
                .order_by(Partner.name)
            )
        )
        territories: dict[str, dict[str, str]] = {"COMMUNE": {}, "QPV": {}}
        for level, code, label in session.execute(
            select(Territory.level, Territory.code, Territory.label)
            .where(Territory.deleted_at.is_(None), Territory.level.in_(("COMMUNE", "QPV")))
            .order_by(Territory.label)
        ):
            territories[level].setdefault(code, label)
        return EntryChoices(
            dispositifs=dispositifs,
            sites=sites,
            partners=partners,
            communes=tuple(TerritoryChoice(c, label) for c, label in territories["COMMUNE"].items()),
            qpvs=tuple(TerritoryChoice(c, label) for c, label in territories["QPV"].items()),
            notes_enabled=ctx.notes_enabled,
            hq_commune=hq,
        )


@dataclass(frozen=True, slots=True)
class Situation:
    """The first intervention of a situation, as the « suite de » search lists it."""

    id: uuid.UUID
    date: dt.date
    start_time: dt.time
    registre: str
    place: str
    commune: str
    outcome: str


RECENT_DAYS = 90
RECENT_LIMIT = 50


def recent_situations(
    db: Database,
    *,
    today: dt.date | None = None,
    days: int = RECENT_DAYS,
    limit: int = RECENT_LIMIT,
    exclude: uuid.UUID | None = None,
) -> list[Situation]:
    """Live interventions of the last ``days`` days that start a situation (not themselves a follow-up),
    newest first, at most ``limit`` rows: the index on (date, start_time, id) serves the range and order."""
    since = (today or dt.date.today()) - dt.timedelta(days=days)
    i = Intervention
    query = (
        select(i.id, i.date, i.start_time, i.registre, i.place, i.commune, i.outcome)
        .where(i.deleted_at.is_(None), i.date >= since, i.follow_up_of.is_(None))
        .order_by(i.date.desc(), i.start_time.desc(), i.id.desc())
        .limit(limit)
    )
    if exclude is not None:
        query = query.where(i.id != exclude)
    with db.session() as session:
        return [Situation(*row) for row in session.execute(query)]
