"""Entry point of the demonstration data: checks, set-up and the one transaction.

Realistic synthetic activity of one structure (``medios demo``, ``medios --demo``).

Everything is drawn from one seeded :class:`random.Random`, ids included, and every timestamp derives
from the record's own date plus a plausible entry delay: the same ``seed``, ``months``, ``mediators``
and ``today`` give byte-identical rows.  Nothing is ever dated after ``today`` (nor, today, after now), and every code is an
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

import datetime as dt
import random
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medios.db import Database
from medios.db.maintenance import analyze
from medios.db.models import AppSetting, Intervention, Structure
from medios.demo.calendar import month_dates, month_starts
from medios.demo.draws import Pick
from medios.demo.generator import Generator
from medios.demo.profiles import (
    ACTION_PARTNERS,
    ACTION_PUBLICS,
    ACTION_REGISTRES,
    ACTION_TITLES,
    AGES,
    BLOCK_PLACES,
    CONSENT,
    DEFAULT_MOTIFS,
    HAB_SITE_PLACES,
    MEETINGS,
    NETWORKS,
    OUTCOMES,
    PRESENCE_TYPES,
    PROFILES,
    RECIPIENTS,
    RELAIS,
    SCOL_PLACES,
    SEX_DEFAULT,
    SEXES,
    SIGNAL_TYPES,
    SUB_REGISTRES,
    TENSION_CONF,
    TENSION_OTHER,
    VSOC_ALERT,
)
from medios.demo.reference import CONTRACTS, PARTNERS, QUALIFICATIONS, SITES, STRUCTURE_NAME, reference_data
from medios.i18n import translate
from medios.referentiel import Referentiel, load_registry
from medios.services import audit
from medios.services.errors import FieldError, ValidationError
from medios.services.rules import EARLIEST_DATE
from medios.services.structure import init_structure, structure_context


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


# Marks a database whose structure the demo created: the only kind it fills.
DEMO_SETTING = "demo_database"


class DemoRefused(ValidationError):
    """The database is not empty, holds a real structure, or the arguments are out of range: nothing was written."""


def _live_interventions(session: Session) -> int:
    return int(
        session.scalar(select(func.count()).select_from(Intervention).where(Intervention.deleted_at.is_(None))) or 0
    )


def _structure_name(session: Session) -> str | None:
    return session.scalar(select(Structure.name).where(Structure.deleted_at.is_(None)).order_by(Structure.created_at))


def _is_demo_database(session: Session) -> bool:
    return session.scalar(select(AppSetting.value).where(AppSetting.key == DEMO_SETTING)) == "1"


def _real_structure_refusal(name: str) -> DemoRefused:
    return DemoRefused(
        [
            FieldError(
                "structure",
                translate(
                    "Demo",
                    "cette base contient la structure « {name} », créée avec « medios init » : des médiateurs et dispositifs fictifs s'y mêleraient pour de bon. Les données de démonstration vont dans une base à part, par exemple : medios --db demo.db demo. Rien n'a été écrit.",
                ).format(name=name),
            )
        ]
    )


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
    elif month_starts(today, months)[0] < EARLIEST_DATE:
        errors.append(FieldError("months", translate("Demo", "la période ne peut pas commencer avant l'an 2000.")))
    if mediators < 1:
        errors.append(FieldError("mediators", translate("Demo", "au moins un médiateur est nécessaire.")))
    if errors:
        raise DemoRefused(errors)


def _check_vocabulary(ref: Referentiel) -> None:
    """Every code this module writes must be an active term: fail loudly if the référentiel moved on."""

    def codes(*picks: Pick[str] | Pick[str | None] | Iterable[str | None]) -> list[str | None]:
        return [code for pick in picks for code in (pick.items if isinstance(pick, Pick) else pick)]

    partner_types = [p[2] for p in PARTNERS] + [t for m in MEETINGS.values() for t in m[1]]
    partner_types += [p.co_partner for p in PROFILES] + ACTION_PARTNERS.items
    wanted: list[tuple[str, Sequence[str | None]]] = [
        ("REGISTRE", codes(ACTION_REGISTRES, *(p.registres for p in PROFILES))),
        ("SOUS_REGISTRE", codes(*SUB_REGISTRES.values())),
        ("DOMAINE", codes(*(p.domains for p in PROFILES), [p.main_domain for p in PROFILES], ["TRANSPORT"])),
        ("LIEU", codes(*(p.places for p in PROFILES), *BLOCK_PLACES.values(), HAB_SITE_PLACES, SCOL_PLACES)),
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
        ("ROLE_UTILISATEUR", ["ADMIN", "MEDIATEUR"]),
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


# --------------------------------------------------------------------------- entry point


def generate_demo(
    db: Database,
    *,
    months: int = 12,
    mediators: int = 6,
    seed: int = 1,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoReport:
    """Fill a database without interventions with ``months`` months of fictional activity.

    Creates the structure when there is none, then (in one transaction) its territories, partners,
    sites, dispositifs, ``mediators`` mediators and their activity up to ``today``.  Raises
    :class:`DemoRefused` (a :class:`ValidationError`) when the database already holds interventions,
    or a real structure (one the demo did not create): demonstration data lives in a base of its own.

    Nothing ends after ``now`` (local time; by default the clock's when ``today`` is not given, so
    that today's activity stops at the current time); with only ``today`` given, the whole day is drawn.
    """
    started = time.perf_counter()
    if now is None and today is None:
        now = dt.datetime.now()
    today = now.date() if now is not None else (today or dt.date.today())
    cutoff_min = 1440 if now is None else now.hour * 60 + now.minute
    _check_arguments(months, mediators, today)
    ref = load_registry().active
    _check_vocabulary(ref)
    with db.session() as session:
        count = _live_interventions(session)
        name = _structure_name(session)
        is_demo = _is_demo_database(session)
    if count:
        raise _refusal(count)
    if name is not None and not is_demo:
        raise _real_structure_refusal(name)
    has_structure = name is not None
    if not has_structure:
        # The mark first: a structure without it is a real one, which the demo never touches.
        with db.transaction() as session:
            session.merge(AppSetting(key=DEMO_SETTING, value="1"))
        init_structure(db, STRUCTURE_NAME, holiday_calendar="METROPOLE")
    starts = month_starts(today, months)
    rng = random.Random(seed)
    with db.transaction() as session:
        count = _live_interventions(session)
        if count:
            raise _refusal(count)
        ctx = structure_context(session)
        device = audit.session_device_id(session)
        setup = reference_data(
            session,
            rng,
            ref=ref,
            device=device,
            first_day=starts[0],
            mediators=mediators,
            created_structure=not has_structure,
        )
        gen = Generator(
            rng,
            ref=ref,
            device=device,
            calendar=ctx.holiday_calendar,
            today=today,
            cutoff_min=cutoff_min,
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
            dates = month_dates(start, today)
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
    analyze(db)  # a million rows written: give the planner statistics
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
