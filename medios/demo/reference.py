"""The fictional structure: its territory, names, dispositifs, sites, partners and team."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import uuid
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.orm import Session

from medios.db.models import (
    Dispositif,
    Mediator,
    Partner,
    Site,
    Structure,
    Territory,
    dispositif_commissioner,
    dispositif_funder,
    dispositif_territory,
    dispositif_time_band,
    mediator_qualification,
    qpv_commune,
    structure_network,
)
from medios.demo.calendar import utc_offset_hours
from medios.demo.draws import Pick, draw_uuid, pick_of
from medios.demo.profiles import NETWORKS, PROFILES, Profile
from medios.referentiel import Referentiel
from medios.services.rules import HORS_QPV
from medios.services.structure import add_mediator, structure_context

STRUCTURE_NAME = "Association Médiation Démo de l'Est lyonnais"
VINTAGE = "2024"
#: Interventions a full-time field mediator leads on a working day; calibrated so that a year
#: averages about 200 interventions per mediator per month (fewer in August and at Christmas).
DAILY_RATE = 12.6
#: Share of the coordinator's time spent on interventions (the rest: meetings, checks, reports).
COORDINATOR_SHARE = 0.3


@dataclass(slots=True)
class Person:
    id: uuid.UUID
    fte: float
    factor: float  # intervention rate relative to a field mediator
    primary: int | None  # index of the dispositif, None = rotates over the dispositifs
    desk: bool  # a coordinator with a team: few interventions, on weekdays, outside presence blocks


def table_of(model: type[Any]) -> Table:
    return cast(Table, model.__table__)


# --------------------------------------------------------------------------- the fictional territory

COMMUNES: tuple[tuple[str, str], ...] = (
    ("69259", "Vénissieux"),
    ("69256", "Vaulx-en-Velin"),
    ("69029", "Bron"),
    ("69199", "Saint-Fons"),
)
HQ_COMMUNE = "69259"
# Fictional neighbourhoods with well-formed QPV codes (QN + département + number + M).
QPVS: tuple[tuple[str, str, str], ...] = (
    ("QN06951M", "Les Tilleuls", "69259"),
    ("QN06952M", "Le Plateau des Marronniers", "69259"),
    ("QN06953M", "Le Mas des Sources", "69256"),
    ("QN06954M", "La Grande Prairie", "69256"),
    ("QN06955M", "Les Acacias", "69029"),
    ("QN06956M", "La Clairière", "69199"),
)

# key, name, partner type, commune
PARTNERS: tuple[tuple[str, str, str, str | None], ...] = (
    ("bailleur", "Habitat des Trois Rivières", "BAILLEUR", "69259"),
    ("ville", "Ville – services techniques et tranquillité", "COMMUNE", "69259"),
    ("metropole", "Métropole – propreté et voirie", "EPCI", None),
    ("mds", "Maison départementale des solidarités", "DEPARTEMENT", "69259"),
    ("ccas", "CCAS de la Ville", "CCAS", "69259"),
    ("pm", "Police municipale", "POLICE_MUNICIPALE", "69259"),
    ("commissariat", "Commissariat de secteur", "POLICE_GENDARMERIE", "69259"),
    ("college", "Collège Jean-Moulin (direction)", "EDUCATION_NATIONALE", "69259"),
    ("caf", "CAF – agence Est", "CAF", "69259"),
    ("cpam", "CPAM – accueil de proximité", "CPAM", "69256"),
    ("mission_locale", "Mission locale Rhône-Est", "FRANCE_TRAVAIL_ML", "69256"),
    ("france_services", "Maison France Services des Tilleuls", "FRANCE_SERVICES", "69259"),
    ("prevention", "Association Le Relais Jeunes", "PREVENTION_SPECIALISEE", "69259"),
    ("entraide", "Association Entraide des Tilleuls", "ASSOCIATION", "69259"),
    ("transporteur", "Réseau de transports urbains", "TRANSPORTEUR", None),
    ("cmp", "Centre médico-psychologique Les Lilas", "SANTE", "69029"),
    ("point_justice", "Point-justice intercommunal", "JUSTICE_ACCES_DROIT", "69256"),
    ("secours", "Centre de secours", "SECOURS", "69259"),
    ("energie", "Distributeur d'énergie – pôle solidarité", "ENERGIE_EAU", None),
)

# key, name, place, commune, qpv, uai, educ_prio, landlord partner key
SITES: tuple[tuple[str, str, str, str, str, str | None, str | None, str | None], ...] = (
    ("tilleuls", "Résidence Les Tilleuls", "HAB_PC", "69259", "QN06951M", None, None, "bailleur"),
    ("marronniers", "Résidence Le Plateau", "HAB_PC", "69259", "QN06952M", None, None, "bailleur"),
    ("sources", "Résidence du Mas des Sources", "HAB_PC", "69256", "QN06953M", None, None, "bailleur"),
    ("college", "Collège Jean-Moulin", "SCOL_IN", "69259", "QN06952M", "0699901Z", "REP_PLUS", None),
    ("gare", "Gare et pôle d'échanges", "TRANS_ARRET", "69259", HORS_QPV, None, None, None),
    ("permanence", "Permanence de l'association", "PERMANENCE", "69259", "QN06951M", None, None, None),
    ("acacias", "Centre commercial des Acacias", "COMMERCE", "69029", "QN06955M", None, None, None),
    ("clairiere", "Parc de la Clairière", "RUE", "69199", "QN06956M", None, None, None),
    ("mediatheque", "Médiathèque de la Grande Prairie", "EQUIP", "69256", "QN06954M", None, None, None),
)

FIRST_NAMES = (
    "Nadia", "Sophie", "Fatou", "Inès", "Élodie", "Yasmine", "Aïcha", "Céline", "Laëtitia", "Leïla",
    "Manon", "Amina", "Chloé", "Samia", "Océane", "Héloïse", "Khadija", "Marion", "Sarah", "Zoé",
    "Karim", "Mamadou", "Julien", "Thomas", "Kévin", "Samir", "Moussa", "Hugo", "Rachid", "Mehdi",
    "Antoine", "Youssef", "Bastien", "Ibrahim", "Loïc", "Nicolas", "Sofiane", "Jérôme", "Abdel", "Théo",
)  # fmt: skip
LAST_NAMES = (
    "Benali", "Haddad", "Lefèvre", "Diallo", "Moreau", "Garnier", "Camara", "Rousseau", "Bouzid", "Lambert",
    "Traoré", "Mercier", "Cherif", "Fabre", "Keïta", "Girard", "Chevalier", "Mansouri", "Amrani", "Perrin",
    "Nguyen", "Da Silva", "Ferreira", "Martinez", "Lemaire", "Besnard", "Ouattara", "Benhamou", "Roux", "Faure",
    "Giraud", "Aubert", "Kaci", "Saïdi", "Leroy", "Barbier", "Fontaine", "Petit", "Hoarau", "Marchand",
)  # fmt: skip

CONTRACTS = pick_of("ADULTE_RELAIS=60 CDI=22 CDD=12 CONTRAT_AIDE=6")
FTE_BY_CONTRACT: dict[str, Pick[int]] = {
    "ADULTE_RELAIS": Pick([(100, 90), (80, 10)]),
    "CDI": Pick([(100, 75), (80, 20), (60, 5)]),
    "CDD": Pick([(100, 60), (80, 25), (60, 15)]),
    "CONTRAT_AIDE": Pick([(80, 50), (60, 50)]),
}
QUALIFICATIONS = pick_of("TP_MSADS=45 CAP_APM=10 RNCP_AUTRE=10 AUCUNE=30 AUTRE=5")


@dataclass(slots=True)
class Setup:
    profiles: list[Profile]
    dispositif_ids: list[uuid.UUID]
    people: list[Person]
    site_ids: dict[str, uuid.UUID]
    partner_ids: dict[str, uuid.UUID]
    lead: uuid.UUID | None


def setup_stamp(first_day: dt.date) -> dt.datetime:
    """Reference lists are « entered » the working day before the demo period starts."""
    day = first_day - dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(9, 30)) - dt.timedelta(hours=utc_offset_hours(day))


def reference_data(
    session: Session,
    rng: random.Random,
    *,
    ref: Referentiel,
    device: str,
    first_day: dt.date,
    mediators: int,
    created_structure: bool,
) -> Setup:
    """Territories, partners, sites, dispositifs and mediators (existing rows with the same name are reused)."""
    conn = session.connection()
    stamp = setup_stamp(first_day)
    base = {
        "created_at": stamp,
        "updated_at": stamp,
        "created_by": None,
        "device_id": device,
        "deleted_at": None,
        "vocab_version": ref.version,
    }

    if created_structure:
        conn.execute(update(Structure).where(Structure.deleted_at.is_(None)).values(hq_commune=HQ_COMMUNE))
        conn.execute(
            insert(structure_network),
            [{"structure_id": structure_context(session).id, "network": n} for n in NETWORKS],
        )

    # Territories and QPV ↔ commune links.
    existing_territories = {
        (row.level, row.code): row.id
        for row in session.execute(
            select(Territory.level, Territory.code, Territory.id).where(Territory.vintage == VINTAGE)
        )
    }
    territory_ids: dict[str, uuid.UUID] = {}
    rows: list[dict[str, Any]] = []
    wanted: list[tuple[str, str, str, str | None, dt.date | None]] = [
        ("COMMUNE", code, label, None, None) for code, label in COMMUNES
    ] + [("QPV", code, label, commune, dt.date(2024, 1, 1)) for code, label, commune in QPVS]
    for level, code, label, parent, valid_from in wanted:
        new_id = draw_uuid(rng)
        known = existing_territories.get((level, code))
        territory_ids[code] = known or new_id
        if known is None:
            rows.append(
                {
                    **base,
                    "id": new_id,
                    "code": code,
                    "level": level,
                    "label": label,
                    "parent_code": parent,
                    "vintage": VINTAGE,
                    "valid_from": valid_from,
                    "valid_to": None,
                }
            )
    if rows:
        conn.execute(insert(Territory), rows)
    known_links = {
        (row.qpv_code, row.commune_code)
        for row in session.execute(
            select(qpv_commune.c.qpv_code, qpv_commune.c.commune_code).where(qpv_commune.c.vintage == VINTAGE)
        )
    }
    links = [{"qpv_code": q, "commune_code": c, "vintage": VINTAGE} for q, _l, c in QPVS if (q, c) not in known_links]
    if links:
        conn.execute(insert(qpv_commune), links)

    # Partners.
    existing_partners = {
        row.name: row.id
        for row in session.execute(select(Partner.name, Partner.id).where(Partner.deleted_at.is_(None)))
    }
    partner_ids: dict[str, uuid.UUID] = {}
    rows = []
    for key, name, ptype, commune in PARTNERS:
        new_id = draw_uuid(rng)
        partner_ids[key] = existing_partners.get(name) or new_id
        if name not in existing_partners:
            rows.append(
                {
                    **base,
                    "id": new_id,
                    "name": name,
                    "partner_type": ptype,
                    "commune": commune,
                    "contact_name": None,
                    "phone": None,
                    "email": None,
                }
            )
    if rows:
        conn.execute(insert(Partner), rows)

    # Sites.
    existing_sites = {
        row.name: row.id for row in session.execute(select(Site.name, Site.id).where(Site.deleted_at.is_(None)))
    }
    site_ids: dict[str, uuid.UUID] = {}
    rows = []
    for key, name, place, commune, qpv, uai, educ_prio, landlord in SITES:
        new_id = draw_uuid(rng)
        site_ids[key] = existing_sites.get(name) or new_id
        if name not in existing_sites:
            rows.append(
                {
                    **base,
                    "id": new_id,
                    "name": name,
                    "place": place,
                    "commune": commune,
                    "qpv": qpv,
                    "uai": uai,
                    "educ_prio": educ_prio,
                    "landlord_id": partner_ids[landlord] if landlord else None,
                }
            )
    if rows:
        conn.execute(insert(Site), rows)

    # Dispositifs: 3 to 5 depending on the size of the team.
    count = 3 if mediators <= 4 else (4 if mediators <= 9 else 5)
    site_communes = {s[0]: s[3] for s in SITES}
    profiles = list(PROFILES[:count])
    existing_dispositifs = {
        row.name: row.id
        for row in session.execute(select(Dispositif.name, Dispositif.id).where(Dispositif.deleted_at.is_(None)))
    }
    dispositif_ids: list[uuid.UUID] = []
    rows = []
    funders: list[dict[str, Any]] = []
    territories: list[dict[str, Any]] = []
    bands: list[dict[str, Any]] = []
    commissioners: list[dict[str, Any]] = []
    for prof in profiles:
        new_id = draw_uuid(rng)
        known = existing_dispositifs.get(prof.name)
        dispositif_ids.append(known or new_id)
        if known is not None:
            continue
        start = dt.date(first_day.year - prof.years_running, 9 if prof.key == "scolaire" else 1, 1)
        rows.append(
            {
                **base,
                "id": new_id,
                "name": prof.name,
                "main_domain": prof.main_domain,
                "start_date": start,
                "end_date": None,
            }
        )
        funders.extend({"dispositif_id": new_id, "funder": f} for f in prof.funders)
        bands.extend({"dispositif_id": new_id, "time_band": t} for t in prof.time_bands)
        commissioners.extend({"dispositif_id": new_id, "partner_id": partner_ids[k]} for k in prof.commissioners)
        codes = set(prof.communes.items) | {site_communes[k] for k in prof.sites}
        qpvs = {q for q, _l, c in QPVS if c in codes}
        territories.extend({"dispositif_id": new_id, "territory_id": territory_ids[c]} for c in sorted(codes | qpvs))
    for table, batch in (
        (table_of(Dispositif), rows),
        (dispositif_funder, funders),
        (dispositif_time_band, bands),
        (dispositif_commissioner, commissioners),
        (dispositif_territory, territories),
    ):
        if batch:
            conn.execute(insert(table), batch)

    # Mediators.
    coordinator_exists = bool(
        session.scalar(
            select(func.count())
            .select_from(Mediator)
            .where(Mediator.deleted_at.is_(None), Mediator.role.in_(("COORDINATEUR", "ADMIN")))
        )
    )
    existing_names = set(session.scalars(select(Mediator.display_name)))
    names = [f"{first} {last}" for first, last in itertools.product(FIRST_NAMES, LAST_NAMES)]
    rng.shuffle(names)
    names = [n for n in names if n not in existing_names]
    people: list[Person] = []
    qualifications: list[dict[str, Any]] = []
    lead: uuid.UUID | None = None
    for i in range(mediators):
        coordinator = i == 0 and not coordinator_exists
        contract = "CDI" if coordinator else CONTRACTS(rng)
        fte = 100 if coordinator else FTE_BY_CONTRACT[contract](rng)
        mediator_id = draw_uuid(rng)
        # add_mediator draws the pseudonym from the (seeded) mediator id and logs the creation.
        row = add_mediator(
            session,
            names[i % len(names)],
            role="ADMIN" if coordinator else "MEDIATEUR",  # the lead coordinator, who administers Médios
            device=device,
            mediator_id=mediator_id,
        )
        row.contract = contract
        row.fte_percent = fte
        row.weekly_minutes = round(35 * 60 * fte / 100)
        row.start_date = first_day - dt.timedelta(days=60 + rng.randrange(2_500))
        row.created_at = row.updated_at = stamp
        qualification = "RNCP_AUTRE" if coordinator else QUALIFICATIONS(rng)
        qualifications.append({"mediator_id": mediator_id, "qualification": qualification})
        if coordinator:
            lead = mediator_id
        desk = coordinator and mediators > 1
        people.append(Person(mediator_id, fte / 100, COORDINATOR_SHARE if desk else 1.0, None, desk))
    session.flush()
    conn.execute(insert(mediator_qualification), qualifications)

    # Field mediators get a main dispositif (largest remainder on the profile weights), or rotate
    # over all dispositifs when there are fewer of them than dispositifs.
    field_people = [p for p in people if not p.desk]
    if len(field_people) >= len(profiles):
        total = sum(p.weight for p in profiles)
        spare = len(field_people) - len(profiles)
        quotas = [1 + spare * p.weight / total for p in profiles]
        seats = [int(q) for q in quotas]
        order = sorted(range(len(profiles)), key=lambda i: (seats[i] - quotas[i], i))
        for i in order[: len(field_people) - sum(seats)]:
            seats[i] += 1
        slots = [i for i, n in enumerate(seats) for _ in range(n)]
        for person, slot in zip(field_people, slots, strict=True):
            person.primary = slot
    # Rates are normalised so that the structure leads about DAILY_RATE interventions per mediator.
    scale = len(people) / sum(p.factor for p in people)
    for person in people:
        person.factor *= scale
    return Setup(profiles, dispositif_ids, people, site_ids, partner_ids, lead)
