"""Realistic synthetic activity of one structure (``medios demo``, ``medios --demo``).

Everything is drawn from one seeded :class:`random.Random`, ids included, and every timestamp derives
from the record's own date plus a plausible entry delay: the same ``seed``, ``months``, ``mediators``
and ``today`` give byte-identical rows.  Nothing is ever dated after ``today``, and every code is an
active term of the référentiel (checked before anything is written).

Write strategy: the whole demo is ONE transaction, all or nothing.  Rows are built as plain dicts one
calendar month at a time and written with Core ``insert()`` executemany, so memory stays bounded by
one month (about 190 MB of process memory for 1 M interventions, written in about 2.5 minutes).
Per-month commits were measured slower (72 s against 61 s for 500,000 interventions: more WAL
checkpoints) and would need a clean-up of the months already written after a failure.  The only step outside the transaction is the creation of a missing
structure through :func:`init_structure`, which commits on its own: a failure afterwards leaves a
structure without activity, which a second run accepts.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import random
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast

from sqlalchemy import Connection, Table, func, insert, select, update
from sqlalchemy.orm import Session

from medios.db import Database
from medios.db.bulk import bulk_insert_dicts
from medios.db.models import (
    ActionCollective,
    ActionMediator,
    ActionPartner,
    ActionPublic,
    Dispositif,
    Intervention,
    InterventionMediator,
    InterventionMotif,
    InterventionPartner,
    InterventionPublic,
    Mediator,
    MeetingMediator,
    MeetingPartner,
    Partner,
    PartnerMeeting,
    PresenceActive,
    PresenceMediator,
    Site,
    Structure,
    TechSignalement,
    Territory,
    dispositif_commissioner,
    dispositif_funder,
    dispositif_territory,
    dispositif_time_band,
    mediator_qualification,
    qpv_commune,
    structure_network,
)
from medios.i18n import translate
from medios.referentiel import Referentiel, load_registry
from medios.services import audit
from medios.services.derive import block_duration, day_type, month_key, time_band
from medios.services.errors import FieldError, ValidationError
from medios.services.rules import EARLIEST_DATE, HORS_QPV
from medios.services.structure import add_mediator, init_structure, structure_context

T = TypeVar("T")

STRUCTURE_NAME = "Association Médiation Démo de l'Est lyonnais"
VINTAGE = "2024"
#: Interventions a full-time field mediator leads on a working day; calibrated so that a year
#: averages about 200 interventions per mediator per month (fewer in August and at Christmas).
DAILY_RATE = 12.6
#: Share of the coordinator's time spent on interventions (the rest: meetings, checks, reports).
COORDINATOR_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class DemoReport:
    """What :func:`generate_demo` wrote."""

    interventions: int
    presences: int
    actions: int
    meetings: int
    signalements: int
    mediators: int
    first_month: str
    last_month: str
    seconds: float


class DemoRefused(ValidationError):
    """The database is not empty (or the arguments are out of range): nothing was written."""


# --------------------------------------------------------------------------- weighted draws


class _Pick(Generic[T]):
    """A weighted draw: one ``random()`` and a bisection, the cheapest form for the hot loop."""

    __slots__ = ("items", "_cum", "_total")

    def __init__(self, weighted: Iterable[tuple[T, float]]) -> None:
        pairs = list(weighted)
        self.items: list[T] = [item for item, _ in pairs]
        self._cum = list(itertools.accumulate(weight for _, weight in pairs))
        self._total = self._cum[-1]

    def __call__(self, rng: random.Random) -> T:
        return self.items[bisect.bisect_right(self._cum, rng.random() * self._total)]


def _w(weights: str) -> _Pick[str]:
    """Codes and weights written ``"CONF=28 VTEC=18"``: compact tables, each code checked at start."""
    return _Pick((code, float(weight)) for code, _, weight in (item.partition("=") for item in weights.split()))


def _hm(text: str) -> int:
    """Minutes after midnight of ``"HH:MM"``."""
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _ranges(*spans: tuple[str, str, float]) -> _Pick[tuple[int, int]]:
    return _Pick(((_hm(lo), _hm(hi)), weight) for lo, hi, weight in spans)


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method; ``mean`` stays small here (a day of one mediator)."""
    if mean <= 0:
        return 0
    if mean > 50:  # large structures: the normal approximation avoids a long loop and underflow
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


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

CONTRACTS = _w("ADULTE_RELAIS=60 CDI=22 CDD=12 CONTRAT_AIDE=6")
FTE_BY_CONTRACT: dict[str, _Pick[int]] = {
    "ADULTE_RELAIS": _Pick([(100, 90), (80, 10)]),
    "CDI": _Pick([(100, 75), (80, 20), (60, 5)]),
    "CDD": _Pick([(100, 60), (80, 25), (60, 15)]),
    "CONTRAT_AIDE": _Pick([(80, 50), (60, 50)]),
}
QUALIFICATIONS = _w("TP_MSADS=45 CAP_APM=10 RNCP_AUTRE=10 AUCUNE=30 AUTRE=5")

# --------------------------------------------------------------------------- shared distributions

SUB_REGISTRES: dict[str, _Pick[str | None]] = {
    "CONF": _Pick([("CONF_TR", 60), ("CONF_PREV", 25), ("CONF_DIF", 12), (None, 3)]),
    "MER": _Pick([("MER_INFO", 50), ("MER_LIEN", 30), ("MER_ACC", 17), (None, 3)]),
}
OUTCOMES: dict[str, _Pick[str]] = {
    "CONF": _w("APAISE=40 ACCORD=14 PARTIEL=12 NON_RESOLU=8 REFUS=5 ORIENTE=6 RELAIS_AUTORITE=3 EN_COURS=12"),
    "CONF_DIF": _w("ACCORD=45 PARTIEL=20 NON_RESOLU=12 REFUS=8 EN_COURS=15"),
    "MER": _w("ORIENTE=45 INFO=40 EN_COURS=15"),
    "VTEC": _w("SIGNALE=92 EN_COURS=5 INFO=3"),
    "VSOC": _w("ORIENTE=30 INFO=23 EN_COURS=30 RELAIS_AUTORITE=5 REFUS=12"),
    "PAP": _w("INFO=55 APAISE=30 EN_COURS=10 ORIENTE=5"),
    "SENS": _w("INFO=85 APAISE=10 EN_COURS=5"),
    "CONC": _w("INFO=50 ACCORD=20 EN_COURS=30"),
    "PROJ": _w("EN_COURS=60 INFO=30 ACCORD=10"),
}
TENSION_CONF = _w("1=45 2=40 3=7 NR=8")
TENSION_OTHER = _w("1=85 2=5 3=1 NR=9")
# (median minutes, sigma of the log) by registre or sous-registre.
DURATIONS: dict[str, tuple[float, float]] = {
    "PAP": (8, 0.6),
    "CONF": (20, 0.7),
    "CONF_DIF": (60, 0.4),
    "MER": (20, 0.6),
    "MER_ACC": (45, 0.5),
    "VTEC": (8, 0.5),
    "VSOC": (20, 0.7),
    "SENS": (15, 0.6),
    "CONC": (45, 0.6),
    "PROJ": (45, 0.6),
}
MOTIF_COUNT = _Pick([(0, 18), (1, 55), (2, 22), (3, 5)])
PUBLIC_ROWS = _Pick([(1, 62), (2, 28), (3, 10)])
PUBLIC_COUNT = _Pick([(1, 65), (2, 20), (3, 9), (4, 6)])
AGES: dict[str, _Pick[str]] = {
    "HABITANT": _w("A18_24=8 A25_39=30 A40_59=35 A60_69=12 A70_PLUS=7 NC=8"),
    "JEUNE": _w("A12_17=45 A18_24=45 A25_39=5 NC=5"),
    "ENFANT_ELEVE": _w("A00_11=35 A12_17=62 NC=3"),
    "PARENT": _w("A25_39=45 A40_59=45 NC=10"),
    "SENIOR": _w("A60_69=40 A70_PLUS=55 NC=5"),
    "ISOLE_VULNERABLE": _w("A25_39=20 A40_59=35 A60_69=20 A70_PLUS=15 NC=10"),
    "ERRANCE": _w("A18_24=15 A25_39=40 A40_59=35 NC=10"),
    "USAGER": _w("A12_17=10 A18_24=25 A25_39=30 A40_59=20 A60_69=8 NC=7"),
    "COMMERCANT": _w("A25_39=40 A40_59=50 NC=10"),
    "PROFESSIONNEL": _w("A25_39=45 A40_59=45 A60_69=5 NC=5"),
}
SEXES: dict[str, _Pick[str]] = {
    "PARENT": _w("F=65 M=30 NC=5"),
    "ERRANCE": _w("F=15 M=80 NC=5"),
    "JEUNE": _w("F=35 M=60 NC=5"),
}
SEX_DEFAULT = _w("F=47 M=45 NC=8")
RELAIS = _w("POLICE_MUNICIPALE=50 POLICE_GENDARMERIE=30 SECOURS=20")
VSOC_ALERT = _w("CCAS=55 DEPARTEMENT=35 SANTE=10")
CONSENT = _w("OUI=88 NON=4 NR=8")
SIGNAL_TYPES: dict[str, _Pick[str]] = {
    "HAB": _w("ASCENSEUR=25 ACCES_PORTE_INTERPHONE=25 ECLAIRAGE=20 PROPRETE_ENCOMBRANTS=20 DEGRADATION=10"),
    "RUE": _w(
        "ECLAIRAGE=20 VOIRIE_MOBILIER=20 PROPRETE_ENCOMBRANTS=20 ESPACES_VERTS=15 VEHICULE_EPAVE=10 DEGRADATION=15"
    ),
    "SCOL": _w("DEGRADATION=40 ECLAIRAGE=20 VOIRIE_MOBILIER=20 AUTRE=20"),
    "TRANS": _w("DEGRADATION=40 ECLAIRAGE=30 VOIRIE_MOBILIER=30"),
    "AUTRE": _w("AUTRE=30 DEGRADATION=30 ECLAIRAGE=20 PROPRETE_ENCOMBRANTS=20"),
}
RECIPIENTS: dict[str, _Pick[str]] = {
    "HAB": _w("BAILLEUR=90 COMMUNE=10"),
    "RUE": _w("COMMUNE=75 EPCI=25"),
    "SCOL": _w("DEPARTEMENT=60 COMMUNE=40"),
    "TRANS": _w("TRANSPORTEUR=85 COMMUNE=15"),
    "AUTRE": _w("COMMUNE=100"),
}
PLACE_FAMILY = {
    "HAB_PC": "HAB",
    "HAB_ABORDS": "HAB",
    "HAB_LOGT": "HAB",
    "RUE": "RUE",
    "COMMERCE": "RUE",
    "SCOL_IN": "SCOL",
    "SCOL_ABORDS": "SCOL",
    "TRANS_BORD": "TRANS",
    "TRANS_ARRET": "TRANS",
}
DEFAULT_MOTIFS = _w("AUTRE=20 USAGE_PC=40 INSECURITE=40")


@dataclass(frozen=True, slots=True)
class _Profile:
    """How one dispositif works: when, where, with whom, and what its mediators record."""

    key: str
    name: str
    main_domain: str
    weight: float  # share of the field mediators
    domains: _Pick[str]
    registres: _Pick[str]
    places: _Pick[str]  # outside presence blocks
    origins: _Pick[str]
    publics: _Pick[str]
    motifs: dict[str, _Pick[str]]
    orient: _Pick[str]  # partner types of ORIENTE rows
    co_partner: str  # partner type of CO_INTERVENTION rows
    outside: _Pick[tuple[int, int]]  # start windows outside blocks
    pair_p: float  # chance that two mediators of the team patrol together
    binome_p: float  # chance that an intervention of a pair is recorded in binôme
    link_p: float  # chance that an intervention happens during (and is linked to) a block
    follow_p: float  # chance of a follow-up of an earlier situation
    group_p: float  # chance of the GROUPE modality
    sites: tuple[str, ...]
    site_p: float  # chance that an intervention outside blocks is on a named site
    communes: _Pick[str]
    funders: tuple[str, ...]
    time_bands: tuple[str, ...]
    commissioners: tuple[str, ...]  # partner keys
    themes: _Pick[str]  # collective actions
    years_running: int


PROFILES: tuple[_Profile, ...] = (
    _Profile(
        key="habitat",
        name="Médiation habitat Les Tilleuls",
        main_domain="HABITAT",
        weight=25,
        domains=_w("HABITAT=86 CADRE_VIE=7 DROITS=7"),
        registres=_w("CONF=28 VTEC=18 MER=16 VSOC=10 PAP=18 SENS=7 CONC=2 PROJ=1"),
        places=_w("HAB_PC=30 HAB_ABORDS=20 HAB_LOGT=25 PERMANENCE=10 DISTANCE=10 RUE=5"),
        origins=_w("ALLER_VERS=50 HABITANT=22 COMMANDITAIRE=10 PARTENAIRE=6 APPEL=4 NR=8"),
        publics=_w("HABITANT=45 JEUNE=18 SENIOR=12 PARENT=8 ENFANT_ELEVE=5 ISOLE_VULNERABLE=6 PROFESSIONNEL=4"),
        motifs={
            "CONF": _w(
                "VOISINAGE=30 BRUIT=20 HALL=15 USAGE_PC=12 RASSEMBLEMENT=8 INCIVILITE=8 ALTERCATION=5 ANIMAUX=4 ENCOMBREMENT=3 CONSO_PUBLIQUE=1"
            ),
            "MER": _w(
                "DEMARCHE_ADMIN=25 LOGEMENT_DEMANDE=15 RECLAMATION=15 ENERGIE_EAU=12 NUMERIQUE=12 EMPLOI=8 LANGUE=6 IMPAYE=3 SOINS=2"
            ),
            "VTEC": _w("RECLAMATION=40 DEGRADATION=25 ENCOMBREMENT=20 INCIVILITE=10 SQUAT=5"),
            "VSOC": _w("ISOLEMENT=55 ENCOMBREMENT=15 AUTRE=5 DETRESSE=3 IMPAYE=2 DANGER=1"),
            "PAP": _w("HALL=20 RASSEMBLEMENT=20 INCIVILITE=20 INSECURITE=20 USAGE_PC=20"),
            "SENS": _w("USAGE_PC=30 INCIVILITE=30 ENERGIE_EAU=20 BRUIT=20"),
        },
        orient=_w("BAILLEUR=35 CCAS=15 CAF=15 FRANCE_SERVICES=10 DEPARTEMENT=10 ENERGIE_EAU=8 JUSTICE_ACCES_DROIT=7"),
        co_partner="BAILLEUR",
        outside=_ranges(("10:00", "12:00", 20), ("13:30", "17:30", 50), ("17:30", "20:00", 30)),
        pair_p=0.3,
        binome_p=0.6,
        link_p=0.5,
        follow_p=0.12,
        group_p=0.15,
        sites=("tilleuls", "marronniers", "sources"),
        site_p=0.75,
        communes=_w("69259=60 69256=40"),
        funders=("BAILLEUR", "CONTRAT_VILLE", "ADULTES_RELAIS"),
        time_bands=("APRES_MIDI", "SOIREE"),
        commissioners=("bailleur",),
        themes=_w("REGLES_VIE=35 TRI_ENERGIE=30 LIEN_SOCIAL=25 CITOYENNETE=10"),
        years_running=6,
    ),
    _Profile(
        key="nuit",
        name="Correspondants de nuit",
        main_domain="NUIT",
        weight=30,
        domains=_w("NUIT=75 ESP_PUB=15 HABITAT=10"),
        registres=_w("PAP=25 CONF=33 VSOC=14 VTEC=12 MER=8 SENS=8"),
        places=_w("RUE=35 HAB_PC=25 HAB_ABORDS=20 TRANS_ARRET=8 COMMERCE=5 HAB_LOGT=4"),
        origins=_w("ALLER_VERS=70 APPEL=12 HABITANT=8 PARTENAIRE=3 NR=7"),
        publics=_w("JEUNE=35 HABITANT=35 ERRANCE=8 USAGER=5 ISOLE_VULNERABLE=5 SENIOR=4 COMMERCANT=4"),
        motifs={
            "CONF": _w(
                "BRUIT=35 RASSEMBLEMENT=20 ALTERCATION=15 HALL=10 VOISINAGE=10 DEUX_ROUES=6 INCIVILITE=5 CONSO_PUBLIQUE=3"
            ),
            "PAP": _w("RASSEMBLEMENT=25 INSECURITE=25 HALL=20 BRUIT=15 INCIVILITE=15"),
            "VSOC": _w("ERRANCE=35 ISOLEMENT=30 DETRESSE=4 DANGER=2 CONSO_PUBLIQUE=2"),
            "VTEC": _w("DEGRADATION=40 INCIVILITE=20 RECLAMATION=20 ENCOMBREMENT=20"),
            "MER": _w("DEMARCHE_ADMIN=20 ISOLEMENT=20 LOGEMENT_DEMANDE=15 EMPLOI=15 SOINS=3"),
            "SENS": _w("BRUIT=40 INCIVILITE=30 DEUX_ROUES=15 RASSEMBLEMENT=15"),
        },
        orient=_w("CCAS=25 PREVENTION_SPECIALISEE=25 ASSOCIATION=20 BAILLEUR=20 SANTE=10"),
        co_partner="POLICE_MUNICIPALE",
        outside=_ranges(("18:00", "22:00", 55), ("22:00", "23:55", 45)),
        pair_p=1.0,
        binome_p=0.55,
        link_p=0.8,
        follow_p=0.05,
        group_p=0.3,
        sites=("tilleuls", "marronniers", "sources", "clairiere", "gare"),
        site_p=0.35,
        communes=_w("69259=50 69256=30 69199=20"),
        funders=("COLLECTIVITE", "FIPD", "BAILLEUR"),
        time_bands=("SOIREE", "NUIT"),
        commissioners=("ville", "bailleur"),
        themes=_w("SECURITE=40 REGLES_VIE=40 LIEN_SOCIAL=20"),
        years_running=9,
    ),
    _Profile(
        key="droits",
        name="Point d'accès aux droits",
        main_domain="DROITS",
        weight=15,
        domains=_w("DROITS=80 EMPLOI=7 SANTE=5 SOCIOCULT=8"),
        registres=_w("MER=78 VSOC=10 CONF=4 SENS=5 PAP=3"),
        places=_w("PERMANENCE=65 DISTANCE=22 EQUIP=6 HAB_LOGT=7"),
        origins=_w("HABITANT=60 PARTENAIRE=18 ALLER_VERS=10 APPEL=6 NR=6"),
        publics=_w("HABITANT=55 SENIOR=18 PARENT=12 ISOLE_VULNERABLE=8 JEUNE=7"),
        motifs={
            "MER": _w(
                "DEMARCHE_ADMIN=35 NUMERIQUE=25 LOGEMENT_DEMANDE=10 EMPLOI=8 ENERGIE_EAU=8 LANGUE=8 SOINS=3 IMPAYE=3"
            ),
            "VSOC": _w("ISOLEMENT=50 AUTRE=10 DETRESSE=5 IMPAYE=5"),
            "CONF": _w("VOISINAGE=40 CONFLIT_AGENT=20 ALTERCATION=20 AUTRE=20"),
            "SENS": _w("NUMERIQUE=50 DEMARCHE_ADMIN=30 ENERGIE_EAU=20"),
            "PAP": _w("AUTRE=50 ISOLEMENT=50"),
            "VTEC": _w("RECLAMATION=60 AUTRE=40"),
        },
        orient=_w(
            "CAF=20 FRANCE_SERVICES=15 CCAS=15 CPAM=12 FRANCE_TRAVAIL_ML=10 DEPARTEMENT=10 JUSTICE_ACCES_DROIT=6 ENERGIE_EAU=5 BAILLEUR=5 SANTE=2"
        ),
        co_partner="FRANCE_SERVICES",
        outside=_ranges(("09:00", "12:00", 55), ("14:00", "17:00", 45)),
        pair_p=0.0,
        binome_p=0.0,
        link_p=0.7,
        follow_p=0.18,
        group_p=0.02,
        sites=("permanence", "mediatheque"),
        site_p=0.8,
        communes=_w("69259=60 69256=20 69029=10 69199=10"),
        funders=("COLLECTIVITE", "ADULTES_RELAIS", "FSE"),
        time_bands=("MATIN", "APRES_MIDI"),
        commissioners=("ccas",),
        themes=_w("NUMERIQUE=45 ACCES_DROITS=40 SANTE=15"),
        years_running=4,
    ),
    _Profile(
        key="scolaire",
        name="Médiation scolaire collège Jean-Moulin",
        main_domain="SCOLAIRE",
        weight=15,
        domains=_w("SCOLAIRE=92 SOCIOCULT=8"),
        registres=_w("CONF=40 MER=20 PAP=18 SENS=10 VSOC=10 VTEC=2"),
        places=_w("SCOL_IN=45 SCOL_ABORDS=35 DISTANCE=12 HAB_LOGT=3 PERMANENCE=5"),
        origins=_w("ALLER_VERS=40 ETAB_SCOLAIRE=35 HABITANT=10 PARTENAIRE=5 NR=10"),
        publics=_w("ENFANT_ELEVE=60 PARENT=22 PROFESSIONNEL=14 JEUNE=4"),
        motifs={
            "CONF": _w("CONFLIT_ELEVES=60 ABORDS_SCOL=10 LIEN_FAMILLE=10 ALTERCATION=8 HARCELEMENT=4 VIOLENCE=3"),
            "MER": _w("LIEN_FAMILLE=45 ABSENTEISME=30 DEMARCHE_ADMIN=10 LANGUE=10 SOINS=2"),
            "PAP": _w("ABORDS_SCOL=50 CONFLIT_ELEVES=20 RASSEMBLEMENT=15 INCIVILITE=10 DEUX_ROUES=5"),
            "VSOC": _w("ABSENTEISME=40 ISOLEMENT=30 HARCELEMENT=4 DETRESSE=3 DANGER=1"),
            "SENS": _w("CONFLIT_ELEVES=45 INCIVILITE=40 ABORDS_SCOL=15"),
            "VTEC": _w("DEGRADATION=60 INCIVILITE=40"),
        },
        orient=_w("DEPARTEMENT=20 SANTE=20 PREVENTION_SPECIALISEE=20 ASSOCIATION=20 CAF=10 FRANCE_TRAVAIL_ML=10"),
        co_partner="EDUCATION_NATIONALE",
        outside=_ranges(("07:30", "08:30", 25), ("10:00", "10:30", 15), ("11:45", "13:45", 30), ("15:30", "17:30", 30)),
        pair_p=0.0,
        binome_p=0.0,
        link_p=0.6,
        follow_p=0.15,
        group_p=0.12,
        sites=("college",),
        site_p=0.9,
        communes=_w("69259=100"),
        funders=("EDUC_NAT", "COLLECTIVITE", "ADULTES_RELAIS"),
        time_bands=("MATIN", "APRES_MIDI"),
        commissioners=("college",),
        themes=_w("HARCELEMENT=30 PAIRS=30 CITOYENNETE=25 PARENTALITE=15"),
        years_running=3,
    ),
    _Profile(
        key="centre",
        name="Médiation tranquillité centre-ville et gare",
        main_domain="ESP_PUB",
        weight=15,
        domains=_w("ESP_PUB=62 TRANSPORT=25 ERP=8 EVENEMENT=5"),
        registres=_w("PAP=27 CONF=28 VSOC=15 MER=12 VTEC=10 SENS=8"),
        places=_w("RUE=40 TRANS_ARRET=20 TRANS_BORD=10 COMMERCE=18 EQUIP=12"),
        origins=_w("ALLER_VERS=68 HABITANT=8 PARTENAIRE=5 COMMANDITAIRE=6 APPEL=5 NR=8"),
        publics=_w("USAGER=30 JEUNE=25 HABITANT=15 COMMERCANT=10 ERRANCE=8 SENIOR=6 PROFESSIONNEL=4"),
        motifs={
            "CONF": _w(
                "ALTERCATION=25 CONFLIT_AGENT=15 COMPORTEMENT_BORD=15 INCIVILITE=15 RASSEMBLEMENT=15 BRUIT=8 DEUX_ROUES=4 CONSO_PUBLIQUE=3"
            ),
            "PAP": _w("INSECURITE=30 RASSEMBLEMENT=20 INFO_TITRE=20 INCIVILITE=15 ERRANCE=15"),
            "VSOC": _w("ERRANCE=50 ISOLEMENT=30 DETRESSE=4 DANGER=2"),
            "MER": _w("INFO_TITRE=35 DEMARCHE_ADMIN=25 NUMERIQUE=15 EMPLOI=10 LANGUE=10"),
            "VTEC": _w("DEGRADATION=40 INCIVILITE=30 AUTRE=30"),
            "SENS": _w("INFO_TITRE=40 INCIVILITE=40 COMPORTEMENT_BORD=20"),
        },
        orient=_w("ASSOCIATION=25 CCAS=20 FRANCE_SERVICES=20 TRANSPORTEUR=15 SANTE=10 PREVENTION_SPECIALISEE=10"),
        co_partner="TRANSPORTEUR",
        outside=_ranges(("10:00", "12:00", 15), ("12:00", "18:00", 55), ("18:00", "20:00", 30)),
        pair_p=0.3,
        binome_p=0.6,
        link_p=0.6,
        follow_p=0.06,
        group_p=0.2,
        sites=("gare", "acacias", "clairiere", "mediatheque"),
        site_p=0.5,
        communes=_w("69259=50 69029=30 69199=20"),
        funders=("COLLECTIVITE", "FIPD", "AUTRE"),
        time_bands=("APRES_MIDI", "SOIREE"),
        commissioners=("ville", "transporteur"),
        themes=_w("LIEN_SOCIAL=35 CITOYENNETE=25 SECURITE=25 SANTE=15"),
        years_running=5,
    ),
)
# Places of the interventions during a presence block, by kind of block.
BLOCK_PLACES = {
    "HAB": _w("HAB_PC=45 HAB_ABORDS=35 HAB_LOGT=10 RUE=10"),
    "NUIT": _w("RUE=35 HAB_PC=25 HAB_ABORDS=25 TRANS_ARRET=8 COMMERCE=7"),
    "PERM": _w("PERMANENCE=85 DISTANCE=15"),
    "SCOL": _w("SCOL_IN=65 SCOL_ABORDS=35"),
    "CENTRE": _w("RUE=45 COMMERCE=25 TRANS_ARRET=20 EQUIP=10"),
    "BORD": _w("TRANS_BORD=70 TRANS_ARRET=30"),
    "EVENT": _w("RUE=60 EQUIP=40"),
}
PRESENCE_TYPES = ("TOURNEE_PIED", "TOURNEE_VEHICULE", "PERMANENCE", "ETABLISSEMENT", "TRANSPORT_BORD", "EVENEMENT")
_OPEN_OUTCOMES = frozenset({"EN_COURS", "ORIENTE", "PARTIEL", "NON_RESOLU"})
_HAB_SITE_PLACES = _w("HAB_PC=50 HAB_ABORDS=30 HAB_LOGT=20")
_SCOL_PLACES = _w("SCOL_IN=70 SCOL_ABORDS=30")
NETWORKS = ("FRANCE_MEDIATION", "CORRESPONDANTS_NUIT")
COORDINATOR_HOURS = _ranges(("09:00", "12:00", 50), ("14:00", "18:00", 50))

ACTION_TITLES: dict[str, tuple[str, ...]] = {
    "REGLES_VIE": ("Atelier sur les règles de vie en résidence", "Rappel du règlement intérieur avec les locataires"),
    "CITOYENNETE": ("Atelier citoyenneté", "Rencontre jeunes et élus du quartier"),
    "HARCELEMENT": ("Sensibilisation au harcèlement (classes de 5e)", "Prévention du cyberharcèlement"),
    "PAIRS": ("Formation des élèves médiateurs", "Séance de suivi des médiateurs pairs"),
    "NUMERIQUE": ("Atelier démarches en ligne", "Atelier smartphone et services publics"),
    "PARENTALITE": ("Café des parents", "Rencontre parents et équipe éducative"),
    "ACCES_DROITS": ("Information collective sur les aides au logement", "Permanence collective accès aux droits"),
    "SANTE": ("Information prévention santé", "Atelier accès aux soins et complémentaire santé"),
    "TRI_ENERGIE": ("Atelier tri des déchets", "Atelier économies d'énergie"),
    "SECURITE": ("Prévention des risques domestiques", "Marche exploratoire de nuit"),
    "LIEN_SOCIAL": ("Fête des voisins", "Goûter de quartier", "Pique-nique de quartier"),
    "AUTRE": ("Rencontre d'information",),
}
ACTION_PARTNERS = _w(
    "BAILLEUR=20 COMMUNE=20 ASSOCIATION=15 EDUCATION_NATIONALE=10 CCAS=10 FRANCE_SERVICES=8 PREVENTION_SPECIALISEE=7 POLICE_MUNICIPALE=5 SANTE=5"
)
ACTION_REGISTRES = _w("SENS=55 CONC=25 PROJ=20")
ACTION_PUBLICS = _w("HABITANT=35 JEUNE=20 ENFANT_ELEVE=20 PARENT=15 SENIOR=10")

# meeting type -> (subjects, partner types present, dispositif key or None)
MEETINGS: dict[str, tuple[tuple[str, ...], tuple[str, ...], str | None]] = {
    "CLSPD": (
        ("Groupe restreint tranquillité publique", "Séance plénière du CLSPD"),
        (
            "COMMUNE",
            "POLICE_MUNICIPALE",
            "POLICE_GENDARMERIE",
            "PREVENTION_SPECIALISEE",
            "BAILLEUR",
            "JUSTICE_ACCES_DROIT",
        ),
        "nuit",
    ),
    "GUP": (
        ("Point mensuel gestion urbaine de proximité", "Diagnostic en marchant"),
        ("COMMUNE", "BAILLEUR", "EPCI"),
        "habitat",
    ),
    "CELLULE_VEILLE": (
        ("Cellule de veille sociale du quartier", "Situations de fragilité repérées"),
        ("CCAS", "DEPARTEMENT", "PREVENTION_SPECIALISEE", "SANTE"),
        None,
    ),
    "BAILLEUR": (
        ("Point tranquillité résidentielle", "Suivi des signalements techniques"),
        ("BAILLEUR",),
        "habitat",
    ),
    "EQUIPE_EDUC": (
        ("Équipe éducative", "Point climat scolaire", "Préparation du conseil de vie collégienne"),
        ("EDUCATION_NATIONALE",),
        "scolaire",
    ),
    "COMMANDITAIRE": (
        ("Bilan trimestriel du dispositif", "Comité de pilotage"),
        ("COMMUNE", "BAILLEUR"),
        None,
    ),
    "RESEAU": (("Rencontre du réseau régional de médiation",), ("ASSOCIATION",), None),
    "AUTRE": (("Réunion partenariale",), ("ASSOCIATION", "COMMUNE"), None),
}


# --------------------------------------------------------------------------- calendar


@dataclass(frozen=True, slots=True)
class _Day:
    date: dt.date
    weekday: int
    day_type: str
    month: int
    school_holiday: bool
    season: float  # share of the staff not on leave
    utc_midnight: dt.datetime  # local midnight of ``date`` as naive UTC


def _last_sunday(year: int, month: int) -> dt.date:
    last = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() + 1) % 7)


def _utc_offset_hours(day: dt.date) -> int:
    """Paris time: UTC+2 from the last Sunday of March to the last Sunday of October, else UTC+1."""
    return 2 if _last_sunday(day.year, 3) <= day < _last_sunday(day.year, 10) else 1


def _school_holiday(day: dt.date) -> bool:
    """Approximate zone A school holidays (enough for a demo)."""
    md = (day.month, day.day)
    return (
        (7, 5) <= md <= (8, 31)
        or (10, 19) <= md <= (11, 3)
        or md >= (12, 20)
        or md <= (1, 4)
        or (2, 8) <= md <= (2, 23)
        or (4, 12) <= md <= (4, 27)
    )


def _season(day: dt.date) -> float:
    if day.month == 8:
        return 0.45
    if day.month == 7:
        return 0.8
    if (day.month == 12 and day.day >= 24) or (day.month == 1 and day.day <= 2):
        return 0.55
    return 0.97


# --------------------------------------------------------------------------- generator


@dataclass(slots=True)
class _Person:
    id: uuid.UUID
    fte: float
    factor: float  # intervention rate relative to a field mediator
    primary: int | None  # index of the dispositif, None = rotates over the dispositifs
    desk: bool  # a coordinator with a team: few interventions, on weekdays, outside presence blocks


@dataclass(slots=True)
class _Block:
    id: uuid.UUID
    day: _Day
    start: int  # minutes after midnight
    end: int  # may exceed 1440 (next day)
    commune: str
    qpv: str | None
    site_id: uuid.UUID | None
    places: _Pick[str]


@dataclass(slots=True)
class _Batch:
    """Rows of one month, in foreign-key order."""

    presences: list[dict[str, Any]] = field(default_factory=list)
    presence_mediators: list[dict[str, Any]] = field(default_factory=list)
    interventions: list[dict[str, Any]] = field(default_factory=list)
    mediators: list[dict[str, Any]] = field(default_factory=list)
    motifs: list[dict[str, Any]] = field(default_factory=list)
    publics: list[dict[str, Any]] = field(default_factory=list)
    partners: list[dict[str, Any]] = field(default_factory=list)
    signalements: list[dict[str, Any]] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
    action_mediators: list[dict[str, Any]] = field(default_factory=list)
    action_publics: list[dict[str, Any]] = field(default_factory=list)
    action_partners: list[dict[str, Any]] = field(default_factory=list)
    meetings: list[dict[str, Any]] = field(default_factory=list)
    meeting_mediators: list[dict[str, Any]] = field(default_factory=list)
    meeting_partners: list[dict[str, Any]] = field(default_factory=list)

    def tables(self) -> list[tuple[Table, list[dict[str, Any]]]]:
        return [
            (_table(PresenceActive), self.presences),
            (_table(PresenceMediator), self.presence_mediators),
            (_table(Intervention), self.interventions),
            (_table(InterventionMediator), self.mediators),
            (_table(InterventionMotif), self.motifs),
            (_table(InterventionPublic), self.publics),
            (_table(InterventionPartner), self.partners),
            (_table(TechSignalement), self.signalements),
            (_table(ActionCollective), self.actions),
            (_table(ActionMediator), self.action_mediators),
            (_table(ActionPublic), self.action_publics),
            (_table(ActionPartner), self.action_partners),
            (_table(PartnerMeeting), self.meetings),
            (_table(MeetingMediator), self.meeting_mediators),
            (_table(MeetingPartner), self.meeting_partners),
        ]


def _table(model: type[Any]) -> Table:
    return cast(Table, model.__table__)


# What a later follow-up copies from the first intervention of a situation.
_Situation = tuple[uuid.UUID, str, str | None, str, str, str | None, uuid.UUID | None, str, tuple[str, ...]]


class _Generator:
    def __init__(
        self,
        rng: random.Random,
        *,
        ref: Referentiel,
        device: str,
        calendar: str,
        today: dt.date,
        profiles: Sequence[_Profile],
        dispositif_ids: Sequence[uuid.UUID],
        people: Sequence[_Person],
        site_ids: dict[str, uuid.UUID],
        partner_ids: dict[str, uuid.UUID],
    ) -> None:
        self.rng = rng
        self.version = ref.version
        self.device = device
        self.calendar = calendar
        self.today = today
        self.profiles = profiles
        self.dispositif_ids = dispositif_ids
        self.people = people
        self.site_ids = site_ids
        self.site_info = {key: (place, commune, qpv) for key, _n, place, commune, qpv, *_rest in SITES}
        self.partner_by_type = {ptype: partner_ids[key] for key, _n, ptype, _c in PARTNERS}
        offset = _utc_offset_hours(today)
        self.cap = dt.datetime.combine(today, dt.time(23, 59, 59)) - dt.timedelta(hours=offset)
        self.days: dict[dt.date, _Day] = {}
        self.situations: list[deque[_Situation]] = [deque(maxlen=400) for _ in profiles]
        self.new_situations: list[list[_Situation]] = [[] for _ in profiles]
        self.qpv_picks: dict[str, _Pick[str | None]] = {}
        for code, _label in COMMUNES:
            qpvs = [q for q, _l, c in QPVS if c == code]
            weighted: list[tuple[str | None, float]] = [(q, 75 / len(qpvs)) for q in qpvs]
            self.qpv_picks[code] = _Pick([*weighted, (HORS_QPV, 20), (None, 5)])
        self.counts = {"interventions": 0, "presences": 0, "actions": 0, "meetings": 0, "signalements": 0}
        self.batch = _Batch()

    # ----------------------------------------------------------------- helpers

    def day(self, date: dt.date) -> _Day:
        info = self.days.get(date)
        if info is None:
            info = _Day(
                date=date,
                weekday=date.weekday(),
                day_type=day_type(date, self.calendar),
                month=month_key(date),
                school_holiday=_school_holiday(date),
                season=_season(date),
                utc_midnight=dt.datetime.combine(date, dt.time()) - dt.timedelta(hours=_utc_offset_hours(date)),
            )
            self.days[date] = info
        return info

    def stamps(self, day: _Day, end_minute: int) -> tuple[dt.datetime, dt.datetime]:
        """``created_at`` and ``updated_at``: the end of the activity plus an entry delay, never after today."""
        rng = self.rng
        u = rng.random()
        if u < 0.68:
            delay = 300 + rng.randrange(14_400)
        elif u < 0.88:
            delay = 86_400 * rng.randint(1, 3) + rng.randrange(-10_800, 10_800)
        elif u < 0.96:
            delay = 86_400 * rng.randint(4, 7) + rng.randrange(-10_800, 10_800)
        else:
            delay = 86_400 * rng.randint(8, 25)
        created = min(day.utc_midnight + dt.timedelta(seconds=end_minute * 60 + delay), self.cap)
        if rng.random() < 0.07:
            return created, min(created + dt.timedelta(seconds=600 + rng.randrange(259_200)), self.cap)
        return created, created

    def sync(self, row_id: uuid.UUID, day: _Day, end_minute: int, author: uuid.UUID | None) -> dict[str, Any]:
        created, updated = self.stamps(day, end_minute)
        return {
            "id": row_id,
            "created_at": created,
            "updated_at": updated,
            "created_by": author,
            "device_id": self.device,
            "deleted_at": None,
            "vocab_version": self.version,
        }

    def place_of(self, prof: _Profile) -> tuple[str, str, str | None, uuid.UUID | None]:
        """Place, commune, QPV and site id of an intervention outside a block."""
        rng = self.rng
        if rng.random() < prof.site_p:
            site = prof.sites[rng.randrange(len(prof.sites))]
            place, commune, qpv = self.site_info[site]
            if place == "HAB_PC":
                place = _HAB_SITE_PLACES(rng)
            elif place == "SCOL_IN":
                place = _SCOL_PLACES(rng)
            if rng.random() < 0.15:  # the place type is often refined away from the site's own
                place = prof.places(rng)
            return place, commune, qpv, self.site_ids[site]
        commune = prof.communes(rng)
        return prof.places(rng), commune, self.qpv_picks[commune](rng), None

    # ----------------------------------------------------------------- one day

    def run_day(self, date: dt.date) -> None:
        rng = self.rng
        day = self.day(date)
        teams: dict[int, list[_Person]] = {}
        for person in self.people:
            if person.desk:
                if day.weekday < 5 and day.day_type != "FERIE" and rng.random() < 0.9 * day.season:
                    self.coordinator_day(day, person)
                continue
            index = self.assignment(person, day)
            if index is None:
                continue
            attendance = _attendance(self.profiles[index].key, day)
            if person.primary is not None and index != person.primary:
                attendance *= 0.5  # school holidays: half of the school mediators' days on another dispositif
            if rng.random() < attendance * person.fte * day.season:
                teams.setdefault(index, []).append(person)
        present = [p.id for index in sorted(teams) for p in teams[index]]
        for index in sorted(teams):
            self.dispositif_day(index, day, teams[index], present)
        for index, new in enumerate(self.new_situations):
            self.situations[index].extend(new)
            new.clear()

    def assignment(self, person: _Person, day: _Day) -> int | None:
        if person.primary is not None:
            key = self.profiles[person.primary].key
            if _attendance(key, day) > 0:
                return person.primary
            if key == "scolaire" and day.weekday < 5 and day.day_type != "FERIE":
                return 0  # the housing dispositif
            return None
        open_ = [(i, _attendance(p.key, day) * p.weight) for i, p in enumerate(self.profiles)]
        open_ = [(i, w) for i, w in open_ if w > 0]
        if not open_:
            return None
        return _Pick(open_)(self.rng)

    def coordinator_day(self, day: _Day, person: _Person) -> None:
        rng = self.rng
        open_ = [i for i, p in enumerate(self.profiles) if p.key != "nuit" and _attendance(p.key, day) > 0]
        if not open_:
            return
        for _ in range(_poisson(rng, DAILY_RATE * person.factor)):
            index = open_[rng.randrange(len(open_))]
            lo, hi = COORDINATOR_HOURS(rng)
            minute = lo + 5 * rng.randrange((hi - lo) // 5)
            follow = bool(self.situations[index]) and rng.random() < self.profiles[index].follow_p
            self.intervention(index, day, minute, (person.id,), None, follow=follow)

    def dispositif_day(self, index: int, day: _Day, team: list[_Person], present: Sequence[uuid.UUID]) -> None:
        rng = self.rng
        prof = self.profiles[index]
        rng.shuffle(team)
        groups: list[list[_Person]] = []
        pool = list(team)
        while pool:
            if len(pool) >= 2 and rng.random() < prof.pair_p:
                groups.append([pool.pop(), pool.pop()])
            else:
                groups.append([pool.pop()])
        rate_day = _rate(prof.key, day)
        for group in groups:
            blocks = self.blocks(index, day, group)
            for person in group:
                others = [p for p in group if p is not person]
                for _ in range(_poisson(rng, DAILY_RATE * person.factor * rate_day)):
                    mediators: tuple[uuid.UUID, ...] = (person.id,)
                    if others and rng.random() < prof.binome_p:
                        mediators = (person.id, others[0].id)
                    elif rng.random() < 0.06:  # an occasional binôme with a colleague at work that day
                        colleague = present[rng.randrange(len(present))]
                        if colleague != person.id:
                            mediators = (person.id, colleague)
                    follow = bool(self.situations[index]) and rng.random() < prof.follow_p
                    if blocks and not follow and rng.random() < prof.link_p:
                        block = blocks[rng.randrange(len(blocks))]
                        last = block.end - 5
                        if block.day.date == self.today:
                            last = min(last, 1435)  # nothing after midnight of today
                        minute = block.start + rng.randrange(max(1, last - block.start))
                        self.intervention(index, day, minute, mediators, block, follow=False)
                    else:
                        lo, hi = prof.outside(rng)
                        if prof.key == "scolaire" and day.weekday == 2:
                            lo, hi = _hm("07:30"), _hm("12:00")
                        minute = lo + 5 * rng.randrange(max(1, (hi - lo) // 5))
                        self.intervention(index, day, minute, mediators, None, follow=follow)

    # ----------------------------------------------------------------- presence blocks

    def blocks(self, index: int, day: _Day, group: list[_Person]) -> list[_Block]:
        rng = self.rng
        key = self.profiles[index].key
        specs: list[tuple[str, int, int, str, str | None, int]] = []  # type, start, end, places, site, contacts
        if key == "nuit":
            start = _hm(("18:00", "18:30", "19:00", "19:00", "19:30", "20:00")[rng.randrange(6)])
            end = _hm(("23:30", "00:00", "00:30", "01:00", "01:00")[rng.randrange(5)]) or 1440
            end += 1440 if end < start else 0
            kind = "TOURNEE_PIED" if rng.random() < 0.6 else "TOURNEE_VEHICULE"
            specs.append((kind, start, end, "NUIT", None, 8 + rng.randrange(33)))
        elif key == "habitat":
            if day.weekday == 1 and rng.random() < 0.7:
                specs.append(("PERMANENCE", _hm("10:00"), _hm("12:00"), "PERM", "tilleuls", rng.randrange(6)))
            start = _hm(("14:00", "15:00", "15:30", "16:00")[rng.randrange(4)])
            kind = "TOURNEE_PIED" if rng.random() < 0.8 else "TOURNEE_VEHICULE"
            residence = self.profiles[index].sites[rng.randrange(3)]
            specs.append((kind, start, start + 180 + 30 * rng.randrange(5), "HAB", residence, 5 + rng.randrange(26)))
        elif key == "droits":
            specs.append(("PERMANENCE", _hm("09:00"), _hm("12:00"), "PERM", "permanence", rng.randrange(9)))
            if day.weekday != 2 and rng.random() < 0.8:
                specs.append(("PERMANENCE", _hm("14:00"), _hm("17:00"), "PERM", "permanence", rng.randrange(9)))
        elif key == "scolaire":
            specs.append(("ETABLISSEMENT", _hm("07:45"), _hm("12:15"), "SCOL", "college", 10 + rng.randrange(41)))
            if day.weekday != 2:
                specs.append(("ETABLISSEMENT", _hm("13:15"), _hm("17:00"), "SCOL", "college", 10 + rng.randrange(31)))
        elif key == "centre":
            if day.weekday == 5 and rng.random() < 0.15:
                specs.append(("EVENEMENT", _hm("10:00"), _hm("17:00"), "EVENT", "clairiere", 30 + rng.randrange(121)))
            elif rng.random() < 0.2:
                specs.append(("TRANSPORT_BORD", _hm("16:00"), _hm("19:00"), "BORD", "gare", 10 + rng.randrange(51)))
            else:
                start = _hm(("13:30", "14:00", "15:00")[rng.randrange(3)])
                specs.append(
                    ("TOURNEE_PIED", start, start + 240 + 30 * rng.randrange(3), "CENTRE", None, 5 + rng.randrange(31))
                )
        made: list[_Block] = []
        prof = self.profiles[index]
        for kind, start, end, places, site, contacts in specs:
            block_id = _uuid(rng)
            qpv: str | None
            if site is not None:
                _place, commune, qpv = self.site_info[site]
                site_id: uuid.UUID | None = self.site_ids[site]
            else:
                commune = prof.communes(rng)
                qpv = self.qpv_picks[commune](rng)
                site_id = None
            start_time = dt.time(start // 60, start % 60)
            end_time = dt.time((end // 60) % 24, end % 60)
            author = group[0].id
            row = self.sync(block_id, day, end, author)
            row.update(
                date=day.date,
                month=day.month,
                start_time=start_time,
                end_time=end_time,
                duration_min=block_duration(start_time, end_time),
                time_band=time_band(start_time),
                day_type=day.day_type,
                presence_type=kind,
                commune=commune,
                qpv=qpv,
                dispositif_id=self.dispositif_ids[index],
                site_id=site_id,
                informal_contacts=contacts,
            )
            self.batch.presences.append(row)
            self.batch.presence_mediators.extend({"presence_id": block_id, "mediator_id": p.id} for p in group)
            self.counts["presences"] += 1
            if kind.startswith("TOURNEE") and rng.random() < 0.08:
                family = "HAB" if places == "HAB" else "RUE"
                self.signalement(None, block_id, family, day, end, author)
            made.append(_Block(block_id, day, start, end, commune, qpv, site_id, BLOCK_PLACES[places]))
        return made

    # ----------------------------------------------------------------- interventions

    def intervention(
        self,
        index: int,
        day: _Day,
        minute: int,
        mediators: tuple[uuid.UUID, ...],
        block: _Block | None,
        *,
        follow: bool,
    ) -> None:
        """One intervention and its child rows; ``follow`` continues an earlier situation of the dispositif."""
        rng = self.rng
        prof = self.profiles[index]
        if minute >= 1440:  # after midnight during a night patrol: the next calendar day
            day = self.day(day.date + dt.timedelta(days=1))
            minute -= 1440
        follow_up: uuid.UUID | None = None
        situations = self.situations[index]
        if follow:
            first = situations[rng.randrange(len(situations))]
            follow_up, registre, sub, domain, commune, qpv, site_id, place, motifs = first
            if sub == "CONF_TR" and rng.random() < 0.4:
                sub = "CONF_DIF"
        else:
            registre = prof.registres(rng)
            pick_sub = SUB_REGISTRES.get(registre)
            sub = pick_sub(rng) if pick_sub is not None else None
            domain = prof.domains(rng)
            if block is not None:
                place, commune, qpv, site_id = block.places(rng), block.commune, block.qpv, block.site_id
                if rng.random() < 0.1:
                    site_id = None
            else:
                place, commune, qpv, site_id = self.place_of(prof)
            if prof.key == "centre" and place in ("TRANS_BORD", "TRANS_ARRET"):
                domain = "TRANSPORT"
            pick_motif = prof.motifs.get(registre, DEFAULT_MOTIFS)
            wanted = MOTIF_COUNT(rng) if registre != "VTEC" else MOTIF_COUNT(rng) // 2
            chosen: list[str] = []
            for _ in range(wanted * 2):
                if len(chosen) == wanted:
                    break
                motif = pick_motif(rng)
                if motif not in chosen:
                    chosen.append(motif)
            motifs = tuple(chosen)
        outcome = OUTCOMES["CONF_DIF" if sub == "CONF_DIF" else registre](rng)
        if outcome == "RELAIS_AUTORITE":
            tension = "3" if rng.random() < 0.8 else "2"
        else:
            tension = (TENSION_CONF if registre == "CONF" else TENSION_OTHER)(rng)
        if place == "DISTANCE":
            modality = "DISTANCE"
        elif sub == "CONF_DIF":
            modality = "ENTRE_PARTIES"
        else:
            u = rng.random()
            if u < 0.05:
                modality = "NR"
            elif u < 0.05 + prof.group_p:
                modality = "GROUPE"
            elif registre == "CONF" and u < 0.2 + prof.group_p:
                modality = "ENTRE_PARTIES"
            else:
                modality = "INDIVIDUEL"
        median, sigma = DURATIONS.get(sub or "", DURATIONS[registre])
        if rng.random() < 0.01:
            duration = 120 + rng.randrange(601)
        else:
            duration = max(1, round(rng.lognormvariate(math.log(median), sigma)))
            if duration >= 10:
                duration = 5 * round(duration / 5)
        if block is not None:
            block_end = block.end - (1440 if day.date != block.day.date else 0)
            duration = max(1, min(duration, block_end - minute))
        duration = min(duration, 720)
        record_id = _uuid(rng)
        start_time = dt.time(minute // 60, minute % 60)
        row = self.sync(record_id, day, minute + duration, mediators[0])
        b = self.batch
        # Children: mediators, motifs, publics, partners (and signalements for VTEC).
        b.mediators.extend({"intervention_id": record_id, "mediator_id": m} for m in mediators)
        b.motifs.extend({"intervention_id": record_id, "motif": m} for m in motifs)
        self.publics(record_id, prof, registre, modality, place)
        partners: dict[tuple[str, str], uuid.UUID | None] = {}
        by_type = self.partner_by_type
        if outcome == "ORIENTE" or (registre in ("CONF", "VSOC", "PAP") and rng.random() < 0.06):
            for _ in range(2 if rng.random() < 0.15 else 1):
                ptype = prof.orient(rng)
                partners[(ptype, "ORIENTE")] = by_type.get(ptype)
        if outcome == "RELAIS_AUTORITE":
            ptype = RELAIS(rng)
            partners[(ptype, "ALERTE")] = by_type.get(ptype)
        elif registre == "VSOC" and rng.random() < 0.3:
            ptype = VSOC_ALERT(rng)
            partners[(ptype, "ALERTE")] = by_type.get(ptype)
        if registre in ("CONF", "PAP", "SENS") and rng.random() < 0.04:
            partners[(prof.co_partner, "CO_INTERVENTION")] = by_type.get(prof.co_partner)
        if registre == "VTEC":
            family = PLACE_FAMILY.get(place, "AUTRE")
            recipient = self.signalement(record_id, None, family, day, minute + duration, mediators[0])
            if rng.random() < 0.2:
                self.signalement(record_id, None, family, day, minute + duration, mediators[0], exclude=recipient)
            if outcome == "SIGNALE":
                partners[(recipient[1], "ALERTE")] = by_type.get(recipient[1])
        b.partners.extend(
            {"intervention_id": record_id, "partner_type": ptype, "role": role, "partner_id": pid}
            for (ptype, role), pid in partners.items()
        )
        consent = CONSENT(rng) if any(role == "ORIENTE" for _t, role in partners) else "NR"
        row.update(
            dispositif_id=self.dispositif_ids[index],
            date=day.date,
            month=day.month,
            start_time=start_time,
            time_band=time_band(start_time),
            day_type=day.day_type,
            duration_min=duration,
            commune=commune,
            qpv=qpv,
            site_id=site_id,
            place=place,
            registre=registre,
            sub_registre=sub,
            domain=domain,
            origin=prof.origins(rng),
            modality=modality,
            tension=tension,
            outcome=outcome,
            follow_up_of=follow_up,
            presence_id=block.id if block is not None else None,
            consent=consent,
            notes=None,
        )
        b.interventions.append(row)
        self.counts["interventions"] += 1
        if follow_up is None and registre in ("CONF", "MER", "VSOC") and outcome in _OPEN_OUTCOMES:
            self.new_situations[index].append((record_id, registre, sub, domain, commune, qpv, site_id, place, motifs))

    def publics(self, record_id: uuid.UUID, prof: _Profile, registre: str, modality: str, place: str) -> None:
        rng = self.rng
        if registre == "VTEC":
            rows = 0 if rng.random() < 0.7 else 1
        elif rng.random() < 0.04:
            rows = 0
        elif place == "DISTANCE":
            rows = 1
        else:
            rows = PUBLIC_ROWS(rng)
        counts: dict[tuple[str, str, str], int] = {}
        group = modality == "GROUPE"
        for i in range(rows):
            if group and i == 0 and rng.random() < 0.3:
                key = ("NR", "NC", "NC")  # a group whose make-up is unknown
                count = 3 + rng.randrange(13)
            else:
                ptype = prof.publics(rng)
                key = (ptype, AGES[ptype](rng), SEXES.get(ptype, SEX_DEFAULT)(rng))
                count = 3 + rng.randrange(10) if group and i == 0 else PUBLIC_COUNT(rng)
                if place == "DISTANCE":
                    count = 1
            counts[key] = counts.get(key, 0) + count
        self.batch.publics.extend(
            {"intervention_id": record_id, "public_type": t, "age_band": a, "sex": s, "count": n}
            for (t, a, s), n in counts.items()
        )

    def signalement(
        self,
        intervention_id: uuid.UUID | None,
        presence_id: uuid.UUID | None,
        family: str,
        day: _Day,
        end_minute: int,
        author: uuid.UUID,
        exclude: tuple[str, str] | None = None,
    ) -> tuple[str, str]:
        """One defect reported to its recipient; returns (signal type, recipient type)."""
        rng = self.rng
        signal = SIGNAL_TYPES[family](rng)
        if exclude is not None and signal == exclude[0]:
            signal = "AUTRE" if signal != "AUTRE" else "DEGRADATION"
        recipient = RECIPIENTS[family](rng)
        sent = day.date + dt.timedelta(days=0 if rng.random() < 0.7 else rng.randint(1, 3))
        sent = min(sent, self.today)
        u = rng.random()
        treated, treated_on = "INCONNU", None
        if u < 0.6:
            done = sent + dt.timedelta(days=rng.randint(1, 45))
            if done <= self.today:
                treated, treated_on = "OUI", done
        elif u < 0.75:
            treated = "NON"
        row = self.sync(_uuid(rng), day, end_minute, author)
        row.update(
            intervention_id=intervention_id,
            presence_id=presence_id,
            signal_type=signal,
            recipient_type=recipient,
            treated=treated,
            sent_on=sent,
            treated_on=treated_on,
        )
        self.batch.signalements.append(row)
        self.counts["signalements"] += 1
        return signal, recipient

    # ----------------------------------------------------------------- actions and meetings

    def working_days(self, dates: Sequence[dt.date], index: int | None) -> list[_Day]:
        days = [self.day(d) for d in dates]
        days = [d for d in days if d.weekday < 5 and d.day_type != "FERIE"]
        if index is not None and self.profiles[index].key == "scolaire":
            days = [d for d in days if not d.school_holiday]
        return days

    def actions(self, dates: Sequence[dt.date], teams: Sequence[Sequence[uuid.UUID]], lead: uuid.UUID | None) -> None:
        rng = self.rng
        field_count = len({m for t in teams for m in t})
        mean = (1.5 + 0.45 * field_count) * (0.3 if dates[0].month == 8 else 1.0) * len(dates) / 30
        weights = [(i, len(t) + 1.0) for i, t in enumerate(teams)]
        pick_dispositif = _Pick(weights)
        for _ in range(_poisson(rng, mean)):
            index = pick_dispositif(rng)
            prof = self.profiles[index]
            theme = prof.themes(rng)
            days = self.working_days(dates, index)
            if theme == "LIEN_SOCIAL":
                days = [self.day(d) for d in dates if d.weekday() == 5] or days
            if not days:
                continue
            day = days[rng.randrange(len(days))]
            registre = ACTION_REGISTRES(rng)
            if prof.key == "scolaire" or theme in ("PAIRS", "HARCELEMENT"):
                registre = "SENS" if theme != "PAIRS" else "PROJ"
                start, participants = (_hm("10:00"), _hm("14:00"))[rng.randrange(2)], 12 + rng.randrange(19)
            elif registre == "CONC":
                start, participants = (_hm("18:00"), _hm("18:30"))[rng.randrange(2)], 8 + rng.randrange(23)
            elif theme == "LIEN_SOCIAL":
                start, participants = _hm("15:00"), 20 + rng.randrange(21)
            else:
                start, participants = (
                    (_hm("10:00"), _hm("14:00"), _hm("17:00"))[rng.randrange(3)],
                    5 + rng.randrange(16),
                )
            duration = 60 + 15 * rng.randrange(9)
            site = prof.sites[rng.randrange(len(prof.sites))]
            place, commune, qpv = self.site_info[site]
            if place == "HAB_PC":
                place = "HAB_ABORDS" if theme == "LIEN_SOCIAL" else "EQUIP"
            action_id = _uuid(rng)
            team = list(teams[index]) or ([lead] if lead else [])
            if not team:
                team = [p.id for p in self.people]
            chosen = rng.sample(team, min(len(team), 1 + rng.randrange(3)))
            if lead is not None and lead not in chosen and rng.random() < 0.3:
                chosen.append(lead)
            row = self.sync(action_id, day, start + duration, chosen[0])
            titles = ACTION_TITLES[theme]
            row.update(
                date=day.date,
                month=day.month,
                start_time=dt.time(start // 60, start % 60),
                duration_min=duration,
                dispositif_id=self.dispositif_ids[index],
                site_id=self.site_ids[site],
                commune=commune,
                qpv=qpv,
                place=place,
                registre=registre,
                theme=theme,
                title=titles[rng.randrange(len(titles))],
                participants=participants,
            )
            b = self.batch
            b.actions.append(row)
            b.action_mediators.extend({"action_id": action_id, "mediator_id": m} for m in chosen)
            remaining = participants - rng.randrange(participants // 3 + 1)  # part of the room not described
            publics: dict[tuple[str, str, str], int] = {}
            for _ in range(1 + rng.randrange(3)):
                if remaining <= 0:
                    break
                ptype = "ENFANT_ELEVE" if prof.key == "scolaire" and rng.random() < 0.8 else ACTION_PUBLICS(rng)
                key = (ptype, AGES[ptype](rng), SEXES.get(ptype, SEX_DEFAULT)(rng))
                count = 1 + rng.randrange(remaining)
                publics[key] = publics.get(key, 0) + count
                remaining -= count
            b.action_publics.extend(
                {"action_id": action_id, "public_type": t, "age_band": a, "sex": s, "count": n}
                for (t, a, s), n in publics.items()
            )
            types = {ACTION_PARTNERS(rng) for _ in range(rng.randrange(3))}
            b.action_partners.extend(
                {"action_id": action_id, "partner_type": t, "partner_id": self.partner_by_type.get(t)}
                for t in sorted(types)
            )
            self.counts["actions"] += 1

    def meetings(self, dates: Sequence[dt.date], teams: Sequence[Sequence[uuid.UUID]], lead: uuid.UUID | None) -> None:
        rng = self.rng
        month = dates[0].month
        keys = {p.key: i for i, p in enumerate(self.profiles)}
        share = len(dates) / 30
        planned: list[str] = []
        extra = len({m for t in teams for m in t}) / 20  # a bigger team covers more residences and schools
        for meeting_type, per_month in (
            ("GUP", 1.0),
            ("CELLULE_VEILLE", 1.0 + extra / 4),
            ("CLSPD", 1.0 if month in (3, 6, 10, 12) else 0.4),
            ("BAILLEUR", 2.0 + extra if "habitat" in keys else 0.0),
            ("EQUIPE_EDUC", 2.0 + extra / 2 if "scolaire" in keys and month not in (7, 8) else 0.0),
            ("COMMANDITAIRE", 1.0 if month in (1, 4, 7, 10) else 0.1),
            ("RESEAU", 0.25),
            ("AUTRE", 0.2),
        ):
            mean = per_month * share * (0.3 if month == 8 else 1.0)
            planned.extend([meeting_type] * _poisson(rng, mean))
        for meeting_type in planned:
            subjects, partner_types, dispositif_key = MEETINGS[meeting_type]
            index = keys.get(dispositif_key) if dispositif_key else None
            days = self.working_days(dates, index)
            if not days:
                continue
            day = days[rng.randrange(len(days))]
            meeting_id = _uuid(rng)
            duration = (60, 90, 90, 120, 120, 150, 180)[rng.randrange(7)]
            pool = list(teams[index]) if index is not None else [p for t in teams for p in t]
            chosen = [lead] if lead is not None else []
            if pool and (not chosen or rng.random() < 0.5):
                other = pool[rng.randrange(len(pool))]
                if other not in chosen:
                    chosen.append(other)
            if not chosen:
                chosen = [self.people[0].id]
            row = self.sync(meeting_id, day, _hm("11:00") + duration, chosen[0])
            row.update(
                date=day.date,
                month=day.month,
                duration_min=duration,
                meeting_type=meeting_type,
                subject=subjects[rng.randrange(len(subjects))],
                dispositif_id=self.dispositif_ids[index] if index is not None else None,
            )
            b = self.batch
            b.meetings.append(row)
            b.meeting_mediators.extend({"meeting_id": meeting_id, "mediator_id": m} for m in chosen)
            present = [t for t in partner_types if rng.random() < 0.85] or [partner_types[0]]
            b.meeting_partners.extend({"meeting_id": meeting_id, "partner_type": t} for t in present)
            self.counts["meetings"] += 1

    # ----------------------------------------------------------------- writing

    def flush(self, conn: Connection) -> None:
        for table, rows in self.batch.tables():
            bulk_insert_dicts(conn, table, rows)
        self.batch = _Batch()


def _attendance(key: str, day: _Day) -> float:
    """Share of a dispositif's team at work on ``day`` (before part-time and leave)."""
    weekend = day.weekday >= 5
    holiday = day.day_type == "FERIE"
    if key == "nuit":
        return 0.72
    if key == "habitat":
        return 0.0 if holiday or day.weekday == 6 else (0.3 if weekend else 0.93)
    if key == "droits":
        return 0.0 if holiday or weekend else 0.93
    if key == "scolaire":
        return 0.0 if holiday or weekend or day.school_holiday else 0.93
    if holiday:
        return 0.1
    return (0.5, 0.08)[day.weekday - 5] if weekend else 0.9


def _rate(key: str, day: _Day) -> float:
    """Relative activity of a working day (Friday and Saturday nights are busier, Wednesday afternoons at school are off)."""
    if key == "nuit":
        return 1.25 if day.weekday in (4, 5) else 0.95
    if key == "scolaire" and day.weekday == 2:
        return 0.6
    if day.weekday >= 5:
        return 0.7
    return 1.0


# --------------------------------------------------------------------------- set-up


def _month_starts(today: dt.date, months: int) -> list[dt.date]:
    index = today.year * 12 + today.month - 1 - (months - 1)
    return [dt.date((index + i) // 12, (index + i) % 12 + 1, 1) for i in range(months)]


def _month_dates(start: dt.date, today: dt.date) -> list[dt.date]:
    dates = []
    day = start
    while day.month == start.month and day <= today:
        dates.append(day)
        day += dt.timedelta(days=1)
    return dates


def _live_interventions(session: Session) -> int:
    return int(
        session.scalar(select(func.count()).select_from(Intervention).where(Intervention.deleted_at.is_(None))) or 0
    )


def _has_structure(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(Structure).where(Structure.deleted_at.is_(None))))


def _refusal(count: int) -> DemoRefused:
    return DemoRefused(
        [
            FieldError(
                "structure",
                translate(
                    "Demo",
                    "la base contient déjà %n intervention(s) : les données de démonstration sont réservées à une base vide. Rien n'a été écrit.",
                    None,
                    count,
                ),
            )
        ]
    )


def _check_arguments(months: int, mediators: int, today: dt.date) -> None:
    errors: list[FieldError] = []
    if months < 1:
        errors.append(FieldError("months", translate("Demo", "au moins un mois est nécessaire.")))
    elif _month_starts(today, months)[0] < EARLIEST_DATE:
        errors.append(FieldError("months", translate("Demo", "la période ne peut pas commencer avant l'an 2000.")))
    if mediators < 1:
        errors.append(FieldError("mediators", translate("Demo", "au moins un médiateur est nécessaire.")))
    if errors:
        raise DemoRefused(errors)


def _check_vocabulary(ref: Referentiel) -> None:
    """Every code this module writes must be an active term: fail loudly if the référentiel moved on."""

    def codes(*picks: _Pick[str] | _Pick[str | None] | Iterable[str | None]) -> list[str | None]:
        return [code for pick in picks for code in (pick.items if isinstance(pick, _Pick) else pick)]

    partner_types = [p[2] for p in PARTNERS] + [t for m in MEETINGS.values() for t in m[1]]
    partner_types += [p.co_partner for p in PROFILES] + ACTION_PARTNERS.items
    wanted: list[tuple[str, Sequence[str | None]]] = [
        ("REGISTRE", codes(ACTION_REGISTRES, *(p.registres for p in PROFILES))),
        ("SOUS_REGISTRE", codes(*SUB_REGISTRES.values())),
        ("DOMAINE", codes(*(p.domains for p in PROFILES), [p.main_domain for p in PROFILES], ["TRANSPORT"])),
        ("LIEU", codes(*(p.places for p in PROFILES), *BLOCK_PLACES.values(), _HAB_SITE_PLACES, _SCOL_PLACES)),
        ("LIEU", [s[2] for s in SITES] + ["HAB_ABORDS", "EQUIP", "DISTANCE"]),
        ("ORIGINE", codes(*(p.origins for p in PROFILES))),
        ("TYPE_PUBLIC", codes(AGES, ["NR"], ACTION_PUBLICS, *(p.publics for p in PROFILES))),
        ("TRANCHE_AGE", codes(*AGES.values(), ["NC"])),
        ("SEXE", codes(*SEXES.values(), SEX_DEFAULT)),
        ("MOTIF", codes(DEFAULT_MOTIFS, *(m for p in PROFILES for m in p.motifs.values()))),
        ("ISSUE", codes(*OUTCOMES.values())),
        ("NIVEAU_TENSION", codes(TENSION_CONF, TENSION_OTHER)),
        ("MODALITE", ["NR", "GROUPE", "ENTRE_PARTIES", "INDIVIDUEL", "DISTANCE"]),
        ("CONSENTEMENT", codes(CONSENT)),
        (
            "TYPE_PARTENAIRE",
            codes(partner_types, RELAIS, VSOC_ALERT, *RECIPIENTS.values(), *(p.orient for p in PROFILES)),
        ),
        ("ROLE_PARTENAIRE", ["ORIENTE", "ALERTE", "CO_INTERVENTION"]),
        ("TYPE_VEILLE_TECH", codes(*SIGNAL_TYPES.values(), ["AUTRE", "DEGRADATION"])),
        ("TRAITE", ["OUI", "NON", "INCONNU"]),
        ("TYPE_PRESENCE", list(PRESENCE_TYPES)),
        ("THEME_ACTION", codes(ACTION_TITLES, *(p.themes for p in PROFILES))),
        ("TYPE_REUNION", list(MEETINGS)),
        ("FINANCEMENT", [f for p in PROFILES for f in p.funders]),
        ("PLAGE", [t for p in PROFILES for t in p.time_bands]),
        ("CONTRAT", codes(CONTRACTS, ["CDI"])),
        ("QUALIF", codes(QUALIFICATIONS, ["RNCP_AUTRE"])),
        ("EDUC_PRIO", [s[6] for s in SITES if s[6]]),
        ("RESEAU", list(NETWORKS)),
        ("ROLE_UTILISATEUR", ["COORDINATEUR", "MEDIATEUR"]),
    ]
    bad = [
        f"{vocab}.{code}"
        for vocab, codes in wanted
        for code in codes
        if code and not ref.is_valid(vocab, code, allow_retired=False)
    ]
    if bad:
        raise RuntimeError(
            f"codes de démonstration absents du référentiel {ref.version} : {', '.join(sorted(set(bad)))}"
        )


@dataclass(slots=True)
class _Setup:
    profiles: list[_Profile]
    dispositif_ids: list[uuid.UUID]
    people: list[_Person]
    site_ids: dict[str, uuid.UUID]
    partner_ids: dict[str, uuid.UUID]
    lead: uuid.UUID | None


def _setup_stamp(first_day: dt.date) -> dt.datetime:
    """Reference lists are « entered » the working day before the demo period starts."""
    day = first_day - dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(9, 30)) - dt.timedelta(hours=_utc_offset_hours(day))


def _reference_data(
    session: Session,
    rng: random.Random,
    *,
    ref: Referentiel,
    device: str,
    first_day: dt.date,
    mediators: int,
    created_structure: bool,
) -> _Setup:
    """Territories, partners, sites, dispositifs and mediators (existing rows with the same name are reused)."""
    conn = session.connection()
    stamp = _setup_stamp(first_day)
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
        new_id = _uuid(rng)
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
        new_id = _uuid(rng)
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
    existing_sites = {row.name: row.id for row in session.execute(select(Site.name, Site.id))}
    site_ids: dict[str, uuid.UUID] = {}
    rows = []
    for key, name, place, commune, qpv, uai, educ_prio, landlord in SITES:
        new_id = _uuid(rng)
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
    existing_dispositifs = {row.name: row.id for row in session.execute(select(Dispositif.name, Dispositif.id))}
    dispositif_ids: list[uuid.UUID] = []
    rows = []
    funders: list[dict[str, Any]] = []
    territories: list[dict[str, Any]] = []
    bands: list[dict[str, Any]] = []
    commissioners: list[dict[str, Any]] = []
    for prof in profiles:
        new_id = _uuid(rng)
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
        (_table(Dispositif), rows),
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
            .where(Mediator.deleted_at.is_(None), Mediator.role == "COORDINATEUR")
        )
    )
    existing_names = set(session.scalars(select(Mediator.display_name)))
    names = [f"{first} {last}" for first, last in itertools.product(FIRST_NAMES, LAST_NAMES)]
    rng.shuffle(names)
    names = [n for n in names if n not in existing_names]
    people: list[_Person] = []
    qualifications: list[dict[str, Any]] = []
    lead: uuid.UUID | None = None
    for i in range(mediators):
        coordinator = i == 0 and not coordinator_exists
        contract = "CDI" if coordinator else CONTRACTS(rng)
        fte = 100 if coordinator else FTE_BY_CONTRACT[contract](rng)
        mediator_id = _uuid(rng)
        # add_mediator gives the next free MED-NN pseudonym and logs the creation.
        row = add_mediator(
            session,
            names[i % len(names)],
            role="COORDINATEUR" if coordinator else "MEDIATEUR",
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
        people.append(_Person(mediator_id, fte / 100, COORDINATOR_SHARE if desk else 1.0, None, desk))
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
    return _Setup(profiles, dispositif_ids, people, site_ids, partner_ids, lead)


# --------------------------------------------------------------------------- entry point


def generate_demo(
    db: Database,
    *,
    months: int = 12,
    mediators: int = 6,
    seed: int = 1,
    today: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoReport:
    """Fill a database without interventions with ``months`` months of fictional activity.

    Creates the structure when there is none, then (in one transaction) its territories, partners,
    sites, dispositifs, ``mediators`` mediators and their activity up to ``today``.  Raises
    :class:`DemoRefused` (a :class:`ValidationError`) when the database already holds interventions.
    """
    started = time.perf_counter()
    today = today or dt.date.today()
    _check_arguments(months, mediators, today)
    ref = load_registry().active
    _check_vocabulary(ref)
    with db.session() as session:
        count = _live_interventions(session)
        has_structure = _has_structure(session)
    if count:
        raise _refusal(count)
    if not has_structure:
        init_structure(db, STRUCTURE_NAME, holiday_calendar="METROPOLE")
    starts = _month_starts(today, months)
    rng = random.Random(seed)
    with db.transaction() as session:
        count = _live_interventions(session)
        if count:
            raise _refusal(count)
        ctx = structure_context(session)
        device = audit.session_device_id(session)
        setup = _reference_data(
            session,
            rng,
            ref=ref,
            device=device,
            first_day=starts[0],
            mediators=mediators,
            created_structure=not has_structure,
        )
        gen = _Generator(
            rng,
            ref=ref,
            device=device,
            calendar=ctx.holiday_calendar,
            today=today,
            profiles=setup.profiles,
            dispositif_ids=setup.dispositif_ids,
            people=setup.people,
            site_ids=setup.site_ids,
            partner_ids=setup.partner_ids,
        )
        teams: list[list[uuid.UUID]] = [[] for _ in setup.profiles]
        for person in setup.people:
            if person.primary is not None:
                teams[person.primary].append(person.id)
            elif not person.desk:
                for team in teams:
                    team.append(person.id)
        conn = session.connection()
        for done, start in enumerate(starts, 1):
            dates = _month_dates(start, today)
            for date in dates:
                gen.run_day(date)
            gen.actions(dates, teams, setup.lead)
            gen.meetings(dates, teams, setup.lead)
            gen.flush(conn)
            if progress is not None:
                progress(done, months)
        counts = gen.counts
        first_month, last_month = starts[0].strftime("%Y-%m"), starts[-1].strftime("%Y-%m")
        audit.log_change(
            session,
            action="IMPORT",
            table="intervention",
            record_id=None,
            changes={
                "source": "demo",
                "seed": seed,
                "months": months,
                "mediators": mediators,
                "first_month": first_month,
                "last_month": last_month,
                "dispositifs": len(setup.profiles),
                **counts,
            },
            actor_id=None,
            device_id=device,
        )
    return DemoReport(
        interventions=counts["interventions"],
        presences=counts["presences"],
        actions=counts["actions"],
        meetings=counts["meetings"],
        signalements=counts["signalements"],
        mediators=mediators,
        first_month=first_month,
        last_month=last_month,
        seconds=time.perf_counter() - started,
    )
