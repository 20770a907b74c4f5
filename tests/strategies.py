"""Hypothesis strategies and a seeded database for the property tests.

Valid values come from the active référentiel and from the rows of a :class:`World` (a database with
a structure, mediators, dispositifs, sites, territories and interventions, some of them soft-deleted).
Each fault breaks exactly one field of a valid value and names the field the services must report:
that name is the oracle the properties check.  Formats are checked against patterns written here,
independently of ``medios.services.rules``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import random
import re
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import strategies as strat
from sqlalchemy import select, update

from medios.db import Database, open_database
from medios.db.engine import driver_execute
from medios.db.models import Base, Dispositif, Mediator, Site, Territory
from medios.referentiel import load_registry
from medios.services import interventions as iv
from medios.services import structure as st
from medios.services import territories as terr
from medios.services.interchange.format import KNOWN_KEYS
from medios.services.interventions import InterventionInput
from medios.services.rules import PartnerLink, PublicCount

T = TypeVar("T")
REF = load_registry().active
TODAY = dt.date(2026, 11, 25)
EARLIEST = dt.date(2000, 1, 1)
DELETED_AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
# Examples per property (per fault kind); MEDIOS_PROPERTY_SCALE=25 runs a longer search locally.
SCALE = int(os.environ.get("MEDIOS_PROPERTY_SCALE", "1"))


def scaled(examples: int) -> int:
    return examples * SCALE


# --------------------------------------------------------------------------- oracles (independent of the rules)

COMMUNE_OK = re.compile(r"[0-9]{5}|2[AB][0-9]{3}")
QPV_OK = re.compile(r"QN[0-9A-Z]{6}")
ARRONDISSEMENTS = {
    **{f"751{n:02d}": "75056" for n in range(1, 21)},
    **{f"6938{n}": "69123" for n in range(1, 10)},
    **{f"132{n:02d}": "13055" for n in range(1, 17)},
}
INTERCHANGE_KEYS = KNOWN_KEYS  # the keys of format v1 and its extensions


def valid_commune(code: str) -> bool:
    return COMMUNE_OK.fullmatch(code) is not None


def valid_qpv(code: str | None) -> bool:
    return code is None or code == "HORS_QPV" or QPV_OK.fullmatch(code) is not None


def canonical(data: InterventionInput) -> InterventionInput:
    """``data`` as the entry service reads it back: lists sorted, arrondissement under its commune."""
    return dataclasses.replace(
        data,
        commune=ARRONDISSEMENTS.get(data.commune, data.commune),
        motifs=tuple(sorted(data.motifs)),
        publics=tuple(sorted(data.publics, key=lambda p: (p.public_type, p.age_band, p.sex))),
        partners=tuple(sorted(data.partners, key=lambda p: (p.partner_type, p.role))),
        mediator_ids=tuple(sorted(data.mediator_ids, key=str)),
        notes=data.notes or None,
    )


def snapshot(db: Database) -> dict[str, int]:
    """Row count of every table: equal before and after a refused call means nothing was written."""
    names = [table.name for table in Base.metadata.sorted_tables]
    query = "SELECT " + ", ".join(f'(SELECT count(*) FROM "{name}")' for name in names)
    with db.engine.connect() as conn:
        counts = conn.exec_driver_sql(query).one()
    return dict(zip(names, counts, strict=True))


# --------------------------------------------------------------------------- the seeded database


@dataclass(frozen=True)
class World:
    """A seeded database file; each example works on its own copy (:meth:`copy`)."""

    path: Path
    bare: Path  # migrated, no structure
    mediators: dict[uuid.UUID, tuple[str, str]]  # live: id -> (pseudonym, display name)
    deleted_mediator: tuple[uuid.UUID, str, str]
    dispositifs: dict[str, uuid.UUID]  # live: name -> id
    deleted_dispositif: tuple[str, uuid.UUID]
    sites: dict[str, uuid.UUID]
    deleted_site: tuple[str, uuid.UUID]
    territories: tuple[tuple[str, str, str], ...]  # live (level, code, vintage)
    deleted_territory: tuple[str, str, str]
    first: uuid.UUID  # a live first intervention of a situation, followed by ``follow_up`` (same start)
    first_starts: dt.datetime
    follow_up: uuid.UUID
    deleted_intervention: uuid.UUID
    open: dict[Path, Database] = dataclasses.field(default_factory=dict, compare=False, repr=False)

    def ids(self) -> set[uuid.UUID]:
        return {
            *self.mediators,
            self.deleted_mediator[0],
            *self.dispositifs.values(),
            self.deleted_dispositif[1],
            *self.sites.values(),
            self.deleted_site[1],
            self.first,
            self.follow_up,
            self.deleted_intervention,
        }

    @contextmanager
    def copy(self, *, bare: bool = False) -> Iterator[Database]:
        """The seeded database (or the bare one), as it was seeded, for one example.

        One file and one engine per kind serve every example (a new engine would compile every
        statement again): the file's content is restored from the seed with SQLite's backup API.
        """
        source = self.bare if bare else self.path
        db = self.open.get(source)
        if db is None:
            scratch = source.with_name(f"scratch-{source.name}")
            shutil.copyfile(source, scratch)
            db = self.open[source] = open_database(scratch, migrate=False)  # already at head
        # SQLite-specific: the backup API rewrites every page of the scratch file in one step.
        with contextlib.closing(sqlite3.connect(source)) as seed:
            raw = db.engine.raw_connection()
            try:
                seed.backup(raw.driver_connection)  # type: ignore[arg-type]
            finally:
                raw.close()
        yield db

    def close(self) -> None:
        for db in self.open.values():
            db.dispose()
        self.open.clear()


def seeded_world(template_db: Path, folder: Path) -> World:
    """Build a :class:`World` in ``folder`` from the session's migrated template (for a module fixture)."""
    previous = os.environ.get("MEDIOS_HOME")
    os.environ["MEDIOS_HOME"] = str(folder / "home")
    try:
        path = folder / "world.db"
        shutil.copyfile(template_db, path)
        return build_world(path)
    finally:
        if previous is None:
            del os.environ["MEDIOS_HOME"]
        else:
            os.environ["MEDIOS_HOME"] = previous


def _checkpoint(db: Database) -> None:
    with db.engine.connect() as conn:
        driver_execute(conn, "PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()


def build_world(db_path: Path) -> World:
    """Seed ``db_path`` (a fresh migrated copy) through the services; soft-deletes go through SQL."""
    bare = db_path.with_name("bare.db")
    shutil.copyfile(db_path, bare)
    db = open_database(db_path)
    st.init_structure(db, "Médiation Test", mediator="Alice Martin")
    for name in ("Bruno Petit", "Chloé Durand", "Zoé Ancienne"):
        st.create_mediator(db, name)
    for name, domain in (
        ("Médiation habitat Belleville", "HABITAT"),
        ("Tranquillité transports", "TRANSPORT"),
        ("Ancien dispositif", "HABITAT"),
    ):
        st.create_dispositif(db, name, domain, EARLIEST)
    st.create_site(db, "Résidence des Lilas", "HAB_PC", "75056", "QN07501M")
    st.create_site(db, "Gare du Nord", "TRANS_BORD", "75056")
    st.create_site(db, "Ancienne résidence", "HAB_PC", "93066")
    terr.add_territory(db, "COMMUNE", "75056", "Paris", vintage="2024")
    terr.add_territory(db, "QPV", "QN07501M", "Belleville", vintage="2024", parent_code="75056")
    terr.add_territory(db, "COMMUNE", "93066", "Saint-Denis", vintage="2024")
    mediators = {m.id: (m.pseudonym, m.display_name) for m in st.list_mediators(db)}
    base = InterventionInput(
        date=dt.date(2026, 10, 14),
        start_time=dt.time(14, 30),
        duration_min=20,
        commune="75056",
        place="HAB_PC",
        registre="CONF",
        domain="HABITAT",
        outcome="APAISE",
        mediator_ids=(next(iter(mediators)),),
    )
    first = iv.record_intervention(db, base, today=TODAY).id
    follow_up = iv.record_intervention(db, dataclasses.replace(base, follow_up_of=first), today=TODAY).id
    deleted = iv.record_intervention(db, base, today=TODAY).id
    iv.delete_intervention(db, deleted)
    with db.transaction() as session:
        gone_mediator = session.scalars(select(Mediator).where(Mediator.display_name == "Zoé Ancienne")).one()
        session.execute(update(Mediator).where(Mediator.id == gone_mediator.id).values(deleted_at=DELETED_AT))
        session.execute(update(Dispositif).where(Dispositif.name == "Ancien dispositif").values(deleted_at=DELETED_AT))
        session.execute(update(Site).where(Site.name == "Ancienne résidence").values(deleted_at=DELETED_AT))
        session.execute(update(Territory).where(Territory.code == "93066").values(deleted_at=DELETED_AT))
        dispositifs = {name: d_id for name, d_id in session.execute(select(Dispositif.name, Dispositif.id))}
        sites = {name: s_id for name, s_id in session.execute(select(Site.name, Site.id))}
        gone = (gone_mediator.id, gone_mediator.pseudonym, gone_mediator.display_name)
    del mediators[gone[0]]
    world = World(
        path=db_path,
        bare=bare,
        mediators=mediators,
        deleted_mediator=gone,
        dispositifs={k: v for k, v in dispositifs.items() if k != "Ancien dispositif"},
        deleted_dispositif=("Ancien dispositif", dispositifs["Ancien dispositif"]),
        sites={k: v for k, v in sites.items() if k != "Ancienne résidence"},
        deleted_site=("Ancienne résidence", sites["Ancienne résidence"]),
        territories=(("COMMUNE", "75056", "2024"), ("QPV", "QN07501M", "2024")),
        deleted_territory=("COMMUNE", "93066", "2024"),
        first=first,
        first_starts=dt.datetime.combine(base.date, base.start_time),
        follow_up=follow_up,
        deleted_intervention=deleted,
    )
    _checkpoint(db)
    return world


# --------------------------------------------------------------------------- valid values


def codes(vocab: str) -> strat.SearchStrategy[str]:
    return strat.sampled_from(REF.codes(vocab))


communes = strat.from_regex(COMMUNE_OK, fullmatch=True) | strat.sampled_from(sorted(ARRONDISSEMENTS))
qpvs = strat.none() | strat.just("HORS_QPV") | strat.from_regex(QPV_OK, fullmatch=True)


def unique_by(
    key: Callable[[T], object], elements: strat.SearchStrategy[T], max_size: int
) -> strat.SearchStrategy[list[T]]:
    return strat.lists(elements, max_size=max_size, unique_by=key)


publics = unique_by(
    lambda p: (p.public_type, p.age_band, p.sex),
    strat.builds(PublicCount, codes("TYPE_PUBLIC"), codes("TRANCHE_AGE"), codes("SEXE"), strat.integers(1, 9999)),
    4,
)
partners = unique_by(
    lambda p: (p.partner_type, p.role),
    strat.builds(PartnerLink, codes("TYPE_PARTENAIRE"), codes("ROLE_PARTENAIRE")),
    3,
)


@strat.composite
def valid_input(draw: strat.DrawFn, world: World, *, whole_minutes: bool = False) -> InterventionInput:
    """A valid intervention, references taken from the live rows of ``world``."""
    registre = draw(codes("REGISTRE"))
    children = REF.vocab("SOUS_REGISTRE").children(registre)
    start = draw(strat.times())
    follow_up_of = draw(strat.sampled_from([None, world.first]))
    # A follow-up does not start before the intervention it follows.
    earliest = EARLIEST if follow_up_of is None else world.first_starts.date() + dt.timedelta(days=1)
    return InterventionInput(
        date=draw(strat.dates(earliest, TODAY)),
        start_time=start.replace(second=0, microsecond=0) if whole_minutes else start,
        duration_min=draw(strat.integers(1, 720)),
        commune=draw(communes),
        qpv=draw(qpvs),
        place=draw(codes("LIEU")),
        registre=registre,
        sub_registre=draw(strat.none() | strat.sampled_from(children)) if children else None,
        domain=draw(codes("DOMAINE")),
        outcome=draw(codes("ISSUE")),
        origin=draw(codes("ORIGINE")),
        modality=draw(codes("MODALITE")),
        tension=draw(codes("NIVEAU_TENSION")),
        consent=draw(codes("CONSENTEMENT")),
        motifs=tuple(draw(strat.lists(codes("MOTIF"), max_size=4, unique=True))),
        publics=tuple(draw(publics)),
        partners=tuple(draw(partners)),
        mediator_ids=tuple(
            draw(strat.lists(strat.sampled_from(sorted(world.mediators)), min_size=1, max_size=3, unique=True))
        ),
        dispositif_id=draw(strat.none() | strat.sampled_from(sorted(world.dispositifs.values()))),
        site_id=draw(strat.none() | strat.sampled_from(sorted(world.sites.values()))),
        follow_up_of=follow_up_of,
    )


# --------------------------------------------------------------------------- wrong values


def _near_misses(vocab: str) -> list[str]:
    """Codes a user could type by mistake: lower case, another vocabulary's code, a made-up one."""
    own = REF.active_codes(vocab)
    others = {c for name in REF.vocabularies for c in REF.codes(name)}
    return sorted({c.lower() for c in own} | (others - own) | {"PARKING", "X", "NR ", "é"})


def unknown_code(vocab: str, *, stripped: bool = False) -> strat.SearchStrategy[str]:
    """Not an active code of ``vocab``; with ``stripped``, not one once stripped either, and not blank."""
    own = REF.active_codes(vocab)

    def wrong(value: str) -> bool:
        return (value.strip() not in own and value.strip() != "") if stripped else value not in own

    return (strat.sampled_from(_near_misses(vocab)) | strat.text(max_size=12)).filter(wrong)


def bad_commune(*, stripped: bool = False) -> strat.SearchStrategy[str]:
    samples = ["7505", "750566", "75-056", "2C001", "2a004", "75056\n", "7505\u0663", " 75056", "", "٧٥٠٥٦"]
    return (strat.sampled_from(samples) | strat.text(max_size=7)).filter(
        lambda c: not valid_commune(c.strip() if stripped else c) and (not stripped or c.strip() != "")
    )


def bad_qpv(*, stripped: bool = False) -> strat.SearchStrategy[str]:
    samples = ["QN0750M", "qn07501m", "QN07501M\n", "HORS QPV", "QN07501é", "QPV01", " QN07501M", ""]
    return (strat.sampled_from(samples) | strat.text(max_size=9)).filter(
        lambda c: (c.strip() != "" if stripped else True) and not valid_qpv(c.strip() if stripped else c)
    )


def other_uuid(world: World) -> strat.SearchStrategy[uuid.UUID]:
    known = world.ids()
    return strat.uuids().filter(lambda u: u not in known)


def out_of_range(low: int, high: int) -> strat.SearchStrategy[int]:
    return strat.integers(max_value=low - 1) | strat.integers(min_value=high + 1)


def other_sub_registre(registre: str) -> strat.SearchStrategy[str]:
    return strat.sampled_from([t.code for t in REF.vocab("SOUS_REGISTRE") if t.active and t.parent != registre])


# --------------------------------------------------------------------------- faults on an entry

Draw = Callable[[strat.SearchStrategy[Any]], Any]
EntryFault = Callable[[Draw, InterventionInput, World], tuple[InterventionInput, str]]
ENTRY_FAULTS: dict[str, EntryFault] = {}


def _entry_fault(name: str) -> Callable[[EntryFault], EntryFault]:
    def register(fault: EntryFault) -> EntryFault:
        ENTRY_FAULTS[name] = fault
        return fault

    return register


def _code_fault(field: str, vocab: str) -> None:
    def fault(draw: Draw, data: InterventionInput, world: World) -> tuple[InterventionInput, str]:
        return dataclasses.replace(data, **{field: draw(unknown_code(vocab))}), field

    ENTRY_FAULTS[field] = fault


for _field, _vocab in (
    ("place", "LIEU"),
    ("registre", "REGISTRE"),
    ("domain", "DOMAINE"),
    ("outcome", "ISSUE"),
    ("origin", "ORIGINE"),
    ("modality", "MODALITE"),
    ("tension", "NIVEAU_TENSION"),
    ("consent", "CONSENTEMENT"),
):
    _code_fault(_field, _vocab)


@_entry_fault("sub_registre.unknown")
def _(draw: Draw, data: InterventionInput, world: World) -> tuple[InterventionInput, str]:
    return dataclasses.replace(data, sub_registre=draw(unknown_code("SOUS_REGISTRE"))), "sub_registre"


@_entry_fault("sub_registre.of_another_registre")
def _(draw: Draw, data: InterventionInput, world: World) -> tuple[InterventionInput, str]:
    return dataclasses.replace(data, sub_registre=draw(other_sub_registre(data.registre))), "sub_registre"


@_entry_fault("date.future")
def _(draw: Draw, data: InterventionInput, world: World) -> tuple[InterventionInput, str]:
    return dataclasses.replace(data, date=draw(strat.dates(TODAY + dt.timedelta(days=1), dt.date.max))), "date"


@_entry_fault("date.before_2000")
def _(draw: Draw, data: InterventionInput, world: World) -> tuple[InterventionInput, str]:
    day = draw(strat.dates(dt.date.min, EARLIEST - dt.timedelta(days=1)))
    # Without its link: a follow-up dated 1999 would also start before the intervention it follows.
    return dataclasses.replace(data, date=day, follow_up_of=None), "date"


@_entry_fault("duration_min")
def _(draw: Draw, data: InterventionInput, world: World) -> tuple[InterventionInput, str]:
    value = draw(strat.sampled_from([0, 721, -1]) | out_of_range(1, 720))
    return dataclasses.replace(data, duration_min=value), "duration_min"


@_entry_fault("commune")
def _(draw: Draw, data: InterventionInput, world: World) -> tuple[InterventionInput, str]:
    return dataclasses.replace(data, commune=draw(bad_commune())), "commune"


@_entry_fault("qpv")
def _(draw: Draw, data: InterventionInput, world: World) -> tuple[InterventionInput, str]:
    return dataclasses.replace(data, qpv=draw(bad_qpv())), "qpv"


def _insert(draw: Draw, items: tuple[T, ...], item: T) -> tuple[tuple[T, ...], int]:
    at = draw(strat.integers(0, len(items)))
    return (*items[:at], item, *items[at:]), at


def _second_of(items: tuple[T, ...], key: Callable[[T], object]) -> int:
    """Index of the first element whose key was already seen (the one a duplicate check blames)."""
    seen: set[object] = set()
    for i, item in enumerate(items):
        if key(item) in seen:
            return i
        seen.add(key(item))
    raise AssertionError("no duplicate")


@_entry_fault("motifs[i].unknown")
def _(draw: Draw, data: InterventionInput, world: World) -> tuple[InterventionInput, str]:
    motifs, at = _insert(draw, data.motifs, draw(unknown_code("MOTIF")))
    return dataclasses.replace(data, motifs=motifs), f"motifs[{at}]"


@_entry_fault("motifs.duplicate")
def _(draw: Draw, data: InterventionInput, world: World) -> tuple[InterventionInput, str]:
    existing = data.motifs or (draw(codes("MOTIF")),)
    motifs, _at = _insert(draw, existing, draw(strat.sampled_from(existing)))
    return dataclasses.replace(data, motifs=motifs), "motifs"


def _some_publics(draw: Draw, data: InterventionInput) -> tuple[PublicCount, ...]:
    if data.publics:
        return data.publics
    return (PublicCount(draw(codes("TYPE_PUBLIC")), draw(codes("TRANCHE_AGE")), draw(codes("SEXE")), 1),)


def _some_partners(draw: Draw, data: InterventionInput) -> tuple[PartnerLink, ...]:
    if data.partners:
        return data.partners
    return (PartnerLink(draw(codes("TYPE_PARTENAIRE")), draw(codes("ROLE_PARTENAIRE"))),)


def _replace_at(items: tuple[T, ...], at: int, item: T) -> tuple[T, ...]:
    return (*items[:at], item, *items[at + 1 :])


@_entry_fault("publics[i].count")
def _(draw: Draw, data: InterventionInput, world: World) -> tuple[InterventionInput, str]:
    rows = _some_publics(draw, data)
    at = draw(strat.integers(0, len(rows) - 1))
    count = draw(strat.sampled_from([0, 10000, -1]) | out_of_range(1, 9999))
    rows = _replace_at(rows, at, dataclasses.replace(rows[at], count=count))
    return dataclasses.replace(data, publics=rows), f"publics[{at}].count"


for _part, _attr, _vocab in (
    ("type", "public_type", "TYPE_PUBLIC"),
    ("age", "age_band", "TRANCHE_AGE"),
    ("sex", "sex", "SEXE"),
):

    def _public_code_fault(
        draw: Draw, data: InterventionInput, world: World, part: str = _part, attr: str = _attr, vocab: str = _vocab
    ) -> tuple[InterventionInput, str]:
        rows = _some_publics(draw, data)
        at = draw(strat.integers(0, len(rows) - 1))
        rows = _replace_at(rows, at, dataclasses.replace(rows[at], **{attr: draw(unknown_code(vocab))}))
        return dataclasses.replace(data, publics=rows), f"publics[{at}].{part}"

    ENTRY_FAULTS[f"publics[i].{_part}"] = _public_code_fault


@_entry_fault("publics.duplicate_row")
def _(draw: Draw, data: InterventionInput, world: World) -> tuple[InterventionInput, str]:
    rows = _some_publics(draw, data)
    twin = dataclasses.replace(draw(strat.sampled_from(rows)), count=draw(strat.integers(1, 9999)))
    rows, _at = _insert(draw, rows, twin)
    return dataclasses.replace(
        data, publics=rows
    ), f"publics[{_second_of(rows, lambda p: (p.public_type, p.age_band, p.sex))}]"


for _part, _attr, _vocab in (("type", "partner_type", "TYPE_PARTENAIRE"), ("role", "role", "ROLE_PARTENAIRE")):

    def _partner_code_fault(
        draw: Draw, data: InterventionInput, world: World, part: str = _part, attr: str = _attr, vocab: str = _vocab
    ) -> tuple[InterventionInput, str]:
        rows = _some_partners(draw, data)
        at = draw(strat.integers(0, len(rows) - 1))
        rows = _replace_at(rows, at, dataclasses.replace(rows[at], **{attr: draw(unknown_code(vocab))}))
        return dataclasses.replace(data, partners=rows), f"partners[{at}].{part}"

    ENTRY_FAULTS[f"partners[i].{_part}"] = _partner_code_fault


@_entry_fault("partners.duplicate")
def _(draw: Draw, data: InterventionInput, world: World) -> tuple[InterventionInput, str]:
    rows = _some_partners(draw, data)
    rows, _at = _insert(draw, rows, draw(strat.sampled_from(rows)))
    return dataclasses.replace(data, partners=rows), f"partners[{_second_of(rows, lambda p: (p.partner_type, p.role))}]"


@_entry_fault("mediators.none")
def _(draw: Draw, data: InterventionInput, world: World) -> tuple[InterventionInput, str]:
    return dataclasses.replace(data, mediator_ids=()), "mediators"


@_entry_fault("mediators.unknown_or_deleted")
def _(draw: Draw, data: InterventionInput, world: World) -> tuple[InterventionInput, str]:
    stranger = draw(other_uuid(world) | strat.just(world.deleted_mediator[0]))
    ids, _at = _insert(draw, data.mediator_ids, stranger)
    return dataclasses.replace(data, mediator_ids=ids), "mediators"


@_entry_fault("mediators.duplicate")
def _(draw: Draw, data: InterventionInput, world: World) -> tuple[InterventionInput, str]:
    ids, _at = _insert(draw, data.mediator_ids, draw(strat.sampled_from(data.mediator_ids)))
    return dataclasses.replace(data, mediator_ids=ids), "mediators"


@_entry_fault("dispositif.unknown_or_deleted")
def _(draw: Draw, data: InterventionInput, world: World) -> tuple[InterventionInput, str]:
    target = draw(other_uuid(world) | strat.just(world.deleted_dispositif[1]))
    return dataclasses.replace(data, dispositif_id=target), "dispositif"


@_entry_fault("site.unknown_or_deleted")
def _(draw: Draw, data: InterventionInput, world: World) -> tuple[InterventionInput, str]:
    return dataclasses.replace(data, site_id=draw(other_uuid(world) | strat.just(world.deleted_site[1]))), "site"


@_entry_fault("follow_up_of.unknown_deleted_or_a_follow_up")
def _(draw: Draw, data: InterventionInput, world: World) -> tuple[InterventionInput, str]:
    target = draw(other_uuid(world) | strat.sampled_from([world.deleted_intervention, world.follow_up]))
    return dataclasses.replace(data, follow_up_of=target), "follow_up_of"


@_entry_fault("follow_up_of.starts_before_origin")
def _(draw: Draw, data: InterventionInput, world: World) -> tuple[InterventionInput, str]:
    first = world.first_starts
    when = draw(strat.datetimes(dt.datetime.combine(EARLIEST, dt.time()), first - dt.timedelta(microseconds=1)))
    return dataclasses.replace(data, follow_up_of=world.first, date=when.date(), start_time=when.time()), "follow_up_of"


@_entry_fault("presence_id.unknown")
def _(draw: Draw, data: InterventionInput, world: World) -> tuple[InterventionInput, str]:
    return dataclasses.replace(data, presence_id=draw(other_uuid(world))), "presence_id"


@_entry_fault("notes.while_disabled")
def _(draw: Draw, data: InterventionInput, world: World) -> tuple[InterventionInput, str]:
    return dataclasses.replace(data, notes=draw(strat.text(min_size=1, max_size=600))), "notes"


# --------------------------------------------------------------------------- interchange lines


NEW_SITE_LABELS = ("Square Rameau", "Gare routière")
JSON_VALUES = strat.recursive(
    strat.none()
    | strat.booleans()
    | strat.integers()
    | strat.floats(allow_nan=False, allow_infinity=False)
    | strat.text(max_size=12),
    lambda children: (
        strat.lists(children, max_size=3) | strat.dictionaries(strat.text(max_size=6), children, max_size=3)
    ),
    max_leaves=6,
)
NOT_TEXT = JSON_VALUES.filter(lambda v: v is not None and not isinstance(v, str))


def _reads_as_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


# The import reads ``uuid.UUID(str(value))``: a 32-digit number passes as an id (reported, left alone).
NOT_UUID = NOT_TEXT.filter(lambda v: not _reads_as_uuid(v))


@dataclass(frozen=True)
class Expected:
    """What a valid line must read back as (the site by its label: a new label creates a site)."""

    data: InterventionInput
    site: str | None


def _padded(rnd: random.Random, text: str) -> str:
    """The import strips text fields: surrounding spaces are part of the valid values."""
    return rnd.choice(["", "", " ", "  "]) + text + rnd.choice(["", "", " ", "\t"])


def _mediator_name(rnd: random.Random, world: World, mediator_id: uuid.UUID) -> str | dict[str, str]:
    """A mediator as a file names it: by identifier (and pseudonym), or by pseudonym or name in any case."""
    pseudonym, _name = world.mediators[mediator_id]
    if rnd.random() < 0.4:
        return {"id": str(mediator_id), "pseudonym": pseudonym} if rnd.random() < 0.7 else {"id": str(mediator_id)}
    text = rnd.choice(world.mediators[mediator_id])
    return rnd.choice([text, text.upper(), text.lower()])


def _optional(rnd: random.Random, line: dict[str, Any], key: str, value: Any, default: Any) -> None:
    """Keys at their default value may be left out, or written out."""
    if value != default or rnd.random() < 0.5:
        line[key] = value


@strat.composite
def interchange_line(draw: strat.DrawFn, world: World) -> tuple[dict[str, Any], Expected]:
    """A valid interchange object and what it must read back as; its ``follow_up_of`` is set by :func:`valid_file`.

    How the values are written (spaces around texts, case of the names, defaults written out or left
    out, key order) comes from one random generator: many small draws made the examples slow.
    """
    data = dataclasses.replace(draw(valid_input(world, whole_minutes=True)), site_id=None)
    site = draw(strat.sampled_from([None, *sorted(world.sites), *NEW_SITE_LABELS]))
    record_id = draw(strat.uuids(version=4))
    rnd = draw(strat.randoms(use_true_random=False))
    line: dict[str, Any] = {
        "id": str(record_id),
        "date": _padded(rnd, data.date.isoformat()),
        "start": _padded(rnd, data.start_time.strftime("%H:%M")),
        "duration_min": data.duration_min,
        "mediators": [_mediator_name(rnd, world, m) for m in data.mediator_ids],
        "commune": _padded(rnd, data.commune),
        "place": _padded(rnd, data.place),
        "registre": data.registre,
        "domain": data.domain,
        "outcome": data.outcome,
    }
    if data.dispositif_id is not None:
        line["dispositif"] = _padded(rnd, next(k for k, v in world.dispositifs.items() if v == data.dispositif_id))
    if site is not None:
        line["site"] = _padded(rnd, site)
    _optional(rnd, line, "qpv", data.qpv, None)
    _optional(rnd, line, "sub_registre", data.sub_registre, None)
    _optional(rnd, line, "motifs", list(data.motifs), [])
    for key in ("origin", "modality", "consent"):
        _optional(rnd, line, key, getattr(data, key), "NR")
    tension: Any = int(data.tension) if data.tension.isdigit() and rnd.random() < 0.5 else data.tension
    _optional(rnd, line, "tension", tension, "NR")
    rows = []
    for p in data.publics:
        row: dict[str, Any] = {"count": p.count}
        _optional(rnd, row, "type", p.public_type, "NR")
        _optional(rnd, row, "age", p.age_band, "NC")
        _optional(rnd, row, "sex", p.sex, "NC")
        rows.append(row)
    _optional(rnd, line, "publics", rows, [])
    _optional(rnd, line, "partners", [{"type": p.partner_type, "role": p.role} for p in data.partners], [])
    if rnd.random() < 0.3:  # the version of the record, as an export writes it (a new id: created anyway)
        line.update(updated_at="2020-01-01T09:30:00.123456Z", device_id="poste-de-test")  # past on any clock
    order = sorted(line)
    rnd.shuffle(order)
    return {key: line[key] for key in order}, Expected(data, site)


@strat.composite
def valid_file(draw: strat.DrawFn, world: World, max_lines: int = 3) -> tuple[list[dict[str, Any]], list[Expected]]:
    """One to ``max_lines`` valid lines with distinct ids; some follow ``world.first``, some another line."""
    drawn = draw(
        strat.lists(interchange_line(world), min_size=1, max_size=max_lines, unique_by=lambda pair: pair[0]["id"])
    )
    lines = [line for line, _ in drawn]
    expected = [e for _, e in drawn]
    followers = draw(strat.lists(strat.sampled_from(range(len(lines))), unique=True, max_size=len(lines)))
    roots = [i for i, e in enumerate(expected) if i not in followers and e.data.follow_up_of is None]
    for i, e in enumerate(expected):
        target = str(world.first) if e.data.follow_up_of is not None else None
        if i in followers and roots:
            root = draw(strat.sampled_from(roots))
            target = lines[root]["id"]
            origin = expected[root].data
            if (e.data.date, e.data.start_time) < (origin.date, origin.start_time):  # not before its origin
                e = dataclasses.replace(
                    e, data=dataclasses.replace(e.data, date=origin.date, start_time=origin.start_time)
                )
                lines[i].update(date=origin.date.isoformat(), start=origin.start_time.strftime("%H:%M"))
        if target is not None:
            lines[i]["follow_up_of"] = target
            expected[i] = dataclasses.replace(e, data=dataclasses.replace(e.data, follow_up_of=uuid.UUID(target)))
    return lines, expected


# --------------------------------------------------------------------------- faults on a line of a file

Record = dict[str, Any] | bytes  # a line as an object, or as raw bytes
LineFault = Callable[[Draw, dict[str, Any], World], tuple[Record, str | None]]
FileFault = Callable[[Draw, list[dict[str, Any]], World], tuple[list[Record], int, str | None]]
LINE_FAULTS: dict[str, FileFault] = {}


def _line_fault(name: str) -> Callable[[LineFault], LineFault]:
    """Register a fault on one line (the line is chosen by hypothesis)."""

    def register(fault: LineFault) -> LineFault:
        def on_file(draw: Draw, lines: list[dict[str, Any]], world: World) -> tuple[list[Record], int, str | None]:
            at = draw(strat.integers(0, len(lines) - 1))
            record, field = fault(draw, dict(lines[at]), world)
            return [*lines[:at], record, *lines[at + 1 :]], at, field

        LINE_FAULTS[name] = on_file
        return fault

    return register


def _set(line: dict[str, Any], **values: Any) -> dict[str, Any]:
    return {**line, **values}


def _code_line_fault(key: str, vocab: str) -> None:
    def fault(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
        return _set(line, **{key: draw(unknown_code(vocab, stripped=True))}), key

    _line_fault(key)(fault)


for _key, _vocab in (
    ("place", "LIEU"),
    ("registre", "REGISTRE"),
    ("domain", "DOMAINE"),
    ("outcome", "ISSUE"),
    ("origin", "ORIGINE"),
    ("modality", "MODALITE"),
    ("consent", "CONSENTEMENT"),
):
    _code_line_fault(_key, _vocab)


@_line_fault("sub_registre.unknown")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    return _set(line, sub_registre=draw(unknown_code("SOUS_REGISTRE", stripped=True))), "sub_registre"


@_line_fault("sub_registre.of_another_registre")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    return _set(line, sub_registre=draw(other_sub_registre(line["registre"].strip()))), "sub_registre"


@_line_fault("tension")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    value = draw(
        strat.sampled_from([0, 4, -1, "4", "2 ", "deux", True, 2.0, [2]])
        | out_of_range(1, 3)
        | unknown_code("NIVEAU_TENSION").filter(lambda v: v != "")  # "" reads as « non renseigné »
        | NOT_TEXT.filter(lambda v: not (isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 3))
    )
    return _set(line, tension=value), "tension"


@_line_fault("date.future")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    day = draw(strat.dates(TODAY + dt.timedelta(days=1), dt.date.max))
    return _set(line, date=day.isoformat()), "date"


@_line_fault("date.before_2000")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    return _set(line, date=draw(strat.dates(max_value=EARLIEST - dt.timedelta(days=1))).isoformat()), "date"


@_line_fault("date.malformed")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    samples = ["14/10/2026", "2026-10-1", "2026-02-30", "2026-13-01", "0000-01-01", "", " ", "2026-10-14T10:00", None]
    value = draw(strat.sampled_from(samples) | NOT_TEXT | strat.text(max_size=10).filter(lambda t: not _is_iso(t)))
    return _set(line, date=value), "date"


def _is_iso(text: str) -> bool:
    try:
        return re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text.strip()) is not None and bool(
            dt.date.fromisoformat(text.strip())
        )
    except ValueError:
        return False


@_line_fault("start.malformed")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    samples = ["24:00", "12:60", "9:30", "12h30", "14:30:00", "", "midi", "-1:00", None, 1430]
    value = draw(
        strat.sampled_from(samples)
        | NOT_TEXT
        | strat.text(alphabet="0123456789:h ", max_size=6).filter(
            lambda t: re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", t.strip()) is None
        )
    )
    return _set(line, start=value), "start"


@_line_fault("duration_min")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    value = draw(
        strat.sampled_from([0, 721, -1, 10**20, "20", 20.5, 20.0, True, None])
        | out_of_range(1, 720)
        | NOT_TEXT.filter(lambda v: not (isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 720))
    )
    return _set(line, duration_min=value), "duration_min"


@_line_fault("commune")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    return _set(line, commune=draw(bad_commune(stripped=True) | NOT_TEXT | strat.sampled_from(["", None]))), "commune"


@_line_fault("qpv")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    return _set(line, qpv=draw(bad_qpv(stripped=True) | NOT_TEXT)), "qpv"


@_line_fault("required_key_missing")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    key = draw(
        strat.sampled_from(
            ["date", "start", "duration_min", "mediators", "commune", "place", "registre", "domain", "outcome"]
        )
    )
    return {k: v for k, v in line.items() if k != key}, key


@_line_fault("motifs[i].unknown")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    motifs, at = _insert(draw, tuple(line.get("motifs", [])), draw(unknown_code("MOTIF", stripped=True)))
    return _set(line, motifs=list(motifs)), f"motifs[{at}]"


@_line_fault("motifs.duplicate")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    existing = tuple(line.get("motifs") or [draw(codes("MOTIF"))])
    motifs, _at = _insert(draw, existing, _padded(draw(strat.randoms()), draw(strat.sampled_from(existing))))
    return _set(line, motifs=list(motifs)), "motifs"


@_line_fault("motifs.not_a_list_of_texts")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    value = draw(
        strat.text(max_size=6)
        | strat.lists(NOT_TEXT, min_size=1, max_size=2)
        | NOT_TEXT.filter(lambda v: not isinstance(v, list))
    )
    return _set(line, motifs=value), "motifs"


def _line_publics(draw: Draw, line: dict[str, Any]) -> list[dict[str, Any]]:
    rows = [dict(row) for row in line.get("publics", [])]
    return rows or [
        {"type": draw(codes("TYPE_PUBLIC")), "age": draw(codes("TRANCHE_AGE")), "sex": draw(codes("SEXE")), "count": 1}
    ]


def _line_partners(draw: Draw, line: dict[str, Any]) -> list[dict[str, Any]]:
    rows = [dict(row) for row in line.get("partners", [])]
    return rows or [{"type": draw(codes("TYPE_PARTENAIRE")), "role": draw(codes("ROLE_PARTENAIRE"))}]


@_line_fault("publics[i].count")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    rows = _line_publics(draw, line)
    at = draw(strat.integers(0, len(rows) - 1))
    value = draw(
        strat.sampled_from([0, -1, 10000, 10**20, "3", 3.0, 3.5, True, None])
        | out_of_range(1, 9999)
        | NOT_TEXT.filter(lambda v: not (isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 9999))
    )
    if value is None and draw(strat.booleans()):
        rows[at].pop("count")
    else:
        rows[at]["count"] = value
    return _set(line, publics=rows), f"publics[{at}].count"


for _part, _vocab in (("type", "TYPE_PUBLIC"), ("age", "TRANCHE_AGE"), ("sex", "SEXE")):

    def _public_line_fault(
        draw: Draw, line: dict[str, Any], world: World, part: str = _part, vocab: str = _vocab
    ) -> tuple[Record, str | None]:
        rows = _line_publics(draw, line)
        at = draw(strat.integers(0, len(rows) - 1))
        rows[at][part] = draw(unknown_code(vocab))
        return _set(line, publics=rows), f"publics[{at}].{part}"

    _line_fault(f"publics[i].{_part}")(_public_line_fault)


@_line_fault("publics[i].not_codes")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    rows = _line_publics(draw, line)
    at = draw(strat.integers(0, len(rows) - 1))
    rows[at][draw(strat.sampled_from(["type", "age", "sex"]))] = draw(strat.none() | NOT_TEXT)
    return _set(line, publics=rows), f"publics[{at}]"


@_line_fault("publics.duplicate_row")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    rows = _line_publics(draw, line)
    twin = {**draw(strat.sampled_from(rows)), "count": draw(strat.integers(1, 9999))}
    both, _at = _insert(draw, tuple(rows), twin)

    def key(row: dict[str, Any]) -> tuple[str, str, str]:
        return (row.get("type", "NR"), row.get("age", "NC"), row.get("sex", "NC"))

    return _set(line, publics=list(both)), f"publics[{_second_of(both, key)}]"


@_line_fault("publics.not_a_list_of_objects")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    value = draw(
        strat.lists(NOT_TEXT.filter(lambda v: not isinstance(v, dict)) | strat.text(), min_size=1, max_size=2)
        | strat.text()
        | NOT_TEXT.filter(lambda v: not isinstance(v, list))
    )
    return _set(line, publics=value), "publics"


for _part, _vocab in (("type", "TYPE_PARTENAIRE"), ("role", "ROLE_PARTENAIRE")):

    def _partner_line_fault(
        draw: Draw, line: dict[str, Any], world: World, part: str = _part, vocab: str = _vocab
    ) -> tuple[Record, str | None]:
        rows = _line_partners(draw, line)
        at = draw(strat.integers(0, len(rows) - 1))
        rows[at][part] = draw(unknown_code(vocab))
        return _set(line, partners=rows), f"partners[{at}].{part}"

    _line_fault(f"partners[i].{_part}")(_partner_line_fault)


@_line_fault("partners[i].missing_or_not_a_code")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    rows = _line_partners(draw, line)
    at = draw(strat.integers(0, len(rows) - 1))
    part = draw(strat.sampled_from(["type", "role"]))
    if draw(strat.booleans()):
        rows[at].pop(part)
    else:
        rows[at][part] = draw(strat.none() | NOT_TEXT)
    return _set(line, partners=rows), f"partners[{at}]"


@_line_fault("partners.duplicate")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    rows = _line_partners(draw, line)
    both, _at = _insert(draw, tuple(rows), dict(draw(strat.sampled_from(rows))))
    return _set(line, partners=list(both)), f"partners[{_second_of(both, lambda r: (r['type'], r['role']))}]"


@_line_fault("mediators")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    names = tuple(line["mediators"])
    _gone, pseudonym, _name = world.deleted_mediator
    someone = draw(strat.sampled_from(sorted(world.mediators)))
    value = draw(
        strat.sampled_from(
            [
                [],
                None,
                "MED-01",
                [*names, draw(strat.sampled_from([pseudonym, pseudonym.lower()]))],  # deleted from this base
                [*names, names[0]],  # twice
                list(world.mediators[someone]),  # a pseudonym and a name of the same mediator
                [*names, {"id": str(world.deleted_mediator[0])}],  # deleted, named by identifier
                [*names, "x" * 201],
                [*names, draw(strat.sampled_from(["", "  "]))],
                [*names, {"id": str(someone), "name": "Zoé"}],  # an object with other keys
            ]
        )
        | strat.lists(NOT_TEXT.filter(lambda v: not isinstance(v, dict)), min_size=1, max_size=2)
        | NOT_TEXT.filter(lambda v: not isinstance(v, list))
    )
    return _set(line, mediators=value), "mediators"


@_line_fault("mediators[i].bad_object")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    """``{"id": UUID, "pseudonym": text}`` with a wrong identifier or pseudonym: the item is named."""
    bad = draw(
        strat.sampled_from([{}, {"id": "pas-un-uuid"}, {"id": 12}, {"pseudonym": "MED-01"}, {"id": None}])
        | strat.builds(lambda u, p: {"id": str(u), "pseudonym": p}, strat.uuids(), NOT_TEXT)
    )
    items, at = _insert(draw, tuple(line["mediators"]), bad)
    return _set(line, mediators=list(items)), f"mediators[{at}]"


@_line_fault("dispositif")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    live = set(world.dispositifs)
    value = draw(
        strat.just(world.deleted_dispositif[0])
        | strat.text(max_size=20).filter(lambda t: t.strip() != "" and t.strip() not in live)
        | NOT_TEXT
    )
    return _set(line, dispositif=value), "dispositif"


@_line_fault("site")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    value = draw(strat.text(min_size=201, max_size=260).filter(lambda t: len(t.strip()) > 200) | NOT_TEXT)
    return _set(line, site=value), "site"


@_line_fault("id.malformed")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    value = draw(strat.sampled_from(["pas-un-uuid", "", line["id"][:-1], 12]) | NOT_UUID | strat.text(max_size=8))
    return _set(line, id=value), "id"


def _id_duplicate(draw: Draw, lines: list[dict[str, Any]], world: World) -> tuple[list[Record], int, str | None]:
    """A later line takes the id of an earlier one (a copy of it when the file has one line)."""
    if len(lines) == 1:
        return [*lines, dict(lines[0])], 1, "id"
    at = draw(strat.integers(1, len(lines) - 1))
    earlier = draw(strat.integers(0, at - 1))
    return [*lines[:at], _set(lines[at], id=lines[earlier]["id"]), *lines[at + 1 :]], at, "id"


LINE_FAULTS["id.duplicate"] = _id_duplicate


def _follow_up(draw: Draw, lines: list[dict[str, Any]], world: World) -> tuple[list[Record], int, str | None]:
    """follow_up_of names no intervention, the line itself, or a follow-up (of the base or of the file)."""
    at = draw(strat.integers(0, len(lines) - 1))
    chained = [line["id"] for i, line in enumerate(lines) if i != at and "follow_up_of" in line]
    value = draw(
        strat.sampled_from([lines[at]["id"], str(world.follow_up), "pas-un-uuid", *chained])
        | other_uuid(world).map(str)
        | NOT_UUID
    )
    return [*lines[:at], _set(lines[at], follow_up_of=value), *lines[at + 1 :]], at, "follow_up_of"


LINE_FAULTS["follow_up_of"] = _follow_up


@_line_fault("follow_up_of.starts_before_origin")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    first = world.first_starts
    when = draw(strat.datetimes(dt.datetime.combine(EARLIEST, dt.time()), first - dt.timedelta(minutes=1)))
    return _set(line, follow_up_of=str(world.first), date=when.date().isoformat(), start=when.strftime("%H:%M")), (
        "follow_up_of"
    )


@_line_fault("updated_at")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    samples = ["2026-11-01", "2026-11-01T09:30:00+02:00", "2026-11-01 09:30:00Z", "hier", "", "2026-13-01T00:00:00Z"]
    samples.append("9999-12-31T00:00:00Z")  # a version from the future: a laptop with a wrong clock
    return _set(line, updated_at=draw(strat.sampled_from(samples) | NOT_TEXT)), "updated_at"


@_line_fault("device_id")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    return _set(line, device_id=draw(strat.sampled_from(["", "  ", "x" * 65]) | NOT_TEXT)), "device_id"


@_line_fault("unknown_key")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    key = draw(strat.sampled_from(["motif", "Date", "notes ", "", "publics[0]"]) | strat.text(max_size=8))
    if key in INTERCHANGE_KEYS:
        key += "_"
    return _set(line, **{key: draw(JSON_VALUES)}), key


@_line_fault("notes.not_text")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    return _set(line, notes=draw(NOT_TEXT)), "notes"


@_line_fault("line.bad_json")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    text = json_text(line)
    return text[: draw(strat.integers(1, len(text) - 1))].encode(), None


@_line_fault("line.not_an_object")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    value = draw(strat.sampled_from([[line], "texte", None]) | NOT_TEXT.filter(lambda v: not isinstance(v, dict)))
    return json_text(value).encode(), None


@_line_fault("line.not_utf8")
def _(draw: Draw, line: dict[str, Any], world: World) -> tuple[Record, str | None]:
    raw = json_text(line).encode()
    at = draw(strat.integers(0, len(raw)))
    return raw[:at] + draw(strat.sampled_from([b"\xff", b"\xe9", b"\xc3("])) + raw[at:], None


def json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class Layout:
    """How a file is written: BOM, line ending, blank lines before each record."""

    bom: bool
    newline: str
    blanks: tuple[int, ...]


layouts = strat.builds(
    Layout,
    strat.booleans(),
    strat.sampled_from(["\n", "\r\n"]),
    strat.lists(strat.integers(0, 1), min_size=8, max_size=8).map(tuple),
)


def write_file(path: Path, records: list[Record], layout: Layout, *, ascii_only: bool = False) -> list[int]:
    """Write ``records`` and return the line number of each."""
    chunks: list[bytes] = [b"\xef\xbb\xbf"] if layout.bom else []
    numbers: list[int] = []
    number = 0
    for i, record in enumerate(records):
        for _ in range(layout.blanks[i % len(layout.blanks)]):
            chunks.append(b"  " + layout.newline.encode())
            number += 1
        raw = record if isinstance(record, bytes) else json.dumps(record, ensure_ascii=ascii_only).encode()
        chunks.append(raw + layout.newline.encode())
        number += 1
        numbers.append(number)
    path.write_bytes(b"".join(chunks))
    return numbers
