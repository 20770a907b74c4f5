"""The journal's page service: rows, order, keyset pages both ways, filters, counts, query plans.

The oracle is a plain Python filter and sort of what was inserted.  Data go in through the shared
row factory (:mod:`medios.services.intervention_rows`), as the import and the demo write them, with
many interventions on one day and time (the ``id`` tie-break) and soft-deleted ones among them.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import exc, select, update
from sqlalchemy.orm import selectinload

from medios.db import Database
from medios.db.models import Intervention, PresenceActive, utcnow
from medios.referentiel import active
from medios.services import intervention_rows as rows
from medios.services import journal
from medios.services import structure as structure_service
from medios.services import territories as territory_service
from medios.services.journal import Cursor, JournalFilters, JournalRow, JournalSort
from medios.services.rules import InterventionFields, PublicCount

REGISTRES = ("CONF", "MER", "VTEC", "PROJ")
DOMAINS = ("HABITAT", "DROITS", "ESP_PUB")
PLACES = ("RUE", "HAB_PC", "PERMANENCE")
OUTCOMES = ("APAISE", "ORIENTE", "SIGNALE")
COMMUNES = ("93066", "93008")
QPVS = ("QN09301M", "HORS_QPV", None)


@dataclass
class World:
    db: Database
    mediators: dict[uuid.UUID, str]  # id -> pseudonym
    dispositifs: dict[uuid.UUID, str]  # id -> name
    expected: list[JournalRow]  # live rows, in no order
    deleted: set[uuid.UUID]
    mediators_of: dict[uuid.UUID, frozenset[uuid.UUID]]
    dispositif_of: dict[uuid.UUID, uuid.UUID | None]


def _fill(db: Database, seed: int, count: int = 240) -> World:
    rng = random.Random(seed)
    structure_service.init_structure(db, "Médiation Test", mediator="Alice Martin")
    for name in ("Bruno Petit", "Chloé Durand", "Driss Benali"):
        structure_service.create_mediator(db, name)
    mediators = {m.id: m.pseudonym for m in structure_service.list_mediators(db)}
    dispositifs = {
        structure_service.create_dispositif(db, name, "HABITAT", dt.date(2020, 1, 1)): name
        for name in ("Médiation habitat", "Correspondants de nuit")
    }
    # Few days and times: many rows share (date, start_time), so the id decides their order.
    days = [dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(60)) for _ in range(12)]
    times = [dt.time(h, m) for h, m in ((8, 0), (14, 30), (18, 5), (23, 55))]
    now = utcnow()
    version = rows.Version(now, now, "poste-de-test")
    made, children = [], rows.ChildRows()
    batch: list[dict[str, Any]] = []
    expected, mediators_of, dispositif_of = [], {}, {}
    for _ in range(count):
        record = uuid.uuid4()
        fields_ = InterventionFields(
            date=rng.choice(days),
            start_time=rng.choice(times),
            duration_min=rng.randint(1, 90),
            commune=rng.choice(COMMUNES),
            qpv=rng.choice(QPVS),
            place=rng.choice(PLACES),
            registre=rng.choice(REGISTRES),
            sub_registre=rng.choice((None, "CONF_TR")),
            domain=rng.choice(DOMAINS),
            outcome=rng.choice(OUTCOMES),
            publics=tuple(
                PublicCount(t, "A18_24", "M", rng.randint(1, 5))
                for t in rng.sample(("JEUNE", "HABITANT"), rng.randint(0, 2))
            ),  # fmt: skip
        )
        team = tuple(rng.sample(sorted(mediators), rng.choice((1, 1, 2))))
        dispositif = rng.choice([*dispositifs, None])
        follow_up_of = made[rng.randrange(len(made))] if made and rng.random() < 0.2 else None
        links = rows.Links(team, dispositif_id=dispositif, follow_up_of=follow_up_of)
        row = rows.intervention_row(
            record, fields_, links, version, calendar="METROPOLE", vocab_version="MEDIOS-2026.1"
        )
        children.add(record, fields_, team)
        made.append(record)
        mediators_of[record], dispositif_of[record] = frozenset(team), dispositif
        expected.append(
            JournalRow(
                record,
                fields_.date,
                fields_.start_time,
                fields_.duration_min,
                fields_.registre,
                fields_.sub_registre,
                fields_.domain,
                fields_.place,
                fields_.commune,
                fields_.qpv,
                fields_.outcome,
                dispositifs.get(dispositif) if dispositif else None,
                tuple(sorted(mediators[m] for m in team)),
                sum(p.count for p in fields_.publics),
                follow_up_of is not None,
                dispositif,
            )  # fmt: skip
        )
        batch.append(row)
    with db.transaction() as session:
        rows.insert_interventions(session, batch, children)
    # A tenth deleted, follow-up targets included (their follow-ups stay live and keep their flag).
    deleted = set(rng.sample(made, count // 10))
    with db.transaction() as session:
        session.execute(update(Intervention).where(Intervention.id.in_(deleted)).values(deleted_at=now))
    live = [r for r in expected if r.id not in deleted]
    assert any(len(r.mediators) == 2 for r in live) and any(r.follow_up for r in live) and any(r.publics for r in live)
    return World(db, mediators, dispositifs, live, deleted, mediators_of, dispositif_of)


@pytest.fixture(params=[1, 2], ids=["seed1", "seed2"])
def world(request: pytest.FixtureRequest, db: Database) -> World:
    return _fill(db, request.param)


def _newest_first(found: list[JournalRow]) -> list[JournalRow]:
    return sorted(found, key=lambda r: (r.date, r.start_time, r.id), reverse=True)


def _matches(world: World, row: JournalRow, f: JournalFilters) -> bool:
    checks = [
        f.date_from is None or row.date >= f.date_from,
        f.date_to is None or row.date <= f.date_to,
        f.mediator_id is None or f.mediator_id in world.mediators_of[row.id],
        f.dispositif_id is None or world.dispositif_of[row.id] == f.dispositif_id,
    ]
    checks += [getattr(f, n) is None or getattr(row, n) == getattr(f, n) for n in journal._CODE_FILTERS[:-1]]
    return all(checks)


def _oracle(world: World, f: JournalFilters) -> list[JournalRow]:
    return _newest_first([r for r in world.expected if _matches(world, r, f)])


# More pages than rows means a cursor that does not move: fail instead of looping.
PAGES_MAX = 400


def _forwards(
    db: Database, f: JournalFilters, limit: int, sort: JournalSort = journal.BY_DATE
) -> Iterator[journal.JournalPage]:
    page = journal.first_page(db, f, limit=limit, sort=sort)
    yield page
    for _ in range(PAGES_MAX):
        if page.older is None:
            return
        page = journal.journal_page(db, f, after=page.older, limit=limit, sort=sort)
        yield page
    pytest.fail("the pages never end")


def _backwards(
    db: Database, f: JournalFilters, limit: int, sort: JournalSort = journal.BY_DATE
) -> Iterator[journal.JournalPage]:
    page = journal.last_page(db, f, limit=limit, sort=sort)
    yield page
    for _ in range(PAGES_MAX):
        if page.newer is None:
            return
        page = journal.journal_page(db, f, before=page.newer, limit=limit, sort=sort)
        yield page
    pytest.fail("the pages never end")


def test_the_first_page_holds_the_newest_live_rows_with_the_journal_columns(world: World) -> None:
    page = journal.first_page(world.db, limit=25)
    assert list(page.rows) == _oracle(world, JournalFilters())[:25]
    assert page.newer is None and page.older == page.rows[-1].cursor
    assert not {r.id for r in page.rows} & world.deleted


def test_the_last_page_holds_the_oldest_rows_newest_first(world: World) -> None:
    page = journal.last_page(world.db, limit=30)
    assert list(page.rows) == _oracle(world, JournalFilters())[-30:]
    assert page.older is None and page.newer == page.rows[0].cursor


@pytest.mark.parametrize("limit", [1, 7, 100, 1000])
def test_pages_cover_every_live_row_once_forwards_and_backwards(world: World, limit: int) -> None:
    oracle = _oracle(world, JournalFilters())
    forwards = [r for page in _forwards(world.db, JournalFilters(), limit) for r in page.rows]
    assert forwards == oracle
    pages = list(_backwards(world.db, JournalFilters(), limit))
    assert [r for page in reversed(pages) for r in page.rows] == oracle
    assert all(len(p.rows) == limit for p in pages[:-1])  # full pages up to the newest end


def _filters(world: World) -> list[tuple[str, JournalFilters]]:
    some_mediator, some_dispositif = sorted(world.mediators)[1], sorted(world.dispositifs)[0]
    return [
        ("period", JournalFilters(date_from=dt.date(2025, 1, 10), date_to=dt.date(2025, 2, 5))),
        ("from", JournalFilters(date_from=dt.date(2025, 2, 1))),
        ("registre", JournalFilters(registre="MER")),
        ("registre absent", JournalFilters(registre="CONC")),
        ("domain", JournalFilters(domain="DROITS")),
        ("place", JournalFilters(place="RUE")),
        ("outcome", JournalFilters(outcome="SIGNALE")),
        ("commune", JournalFilters(commune="93008")),
        ("qpv", JournalFilters(qpv="QN09301M")),
        ("hors qpv", JournalFilters(qpv="HORS_QPV")),
        ("dispositif", JournalFilters(dispositif_id=some_dispositif)),
        ("mediator", JournalFilters(mediator_id=some_mediator)),
        ("unknown mediator", JournalFilters(mediator_id=uuid.uuid4())),
        ("combined", JournalFilters(registre="CONF", commune="93066", mediator_id=some_mediator)),
    ]


def test_every_filter_alone_and_combined_returns_what_a_python_filter_returns(world: World) -> None:
    for name, f in _filters(world):
        oracle = _oracle(world, f)
        assert [r for p in _forwards(world.db, f, 9) for r in p.rows] == oracle, name
        assert [r for p in reversed(list(_backwards(world.db, f, 9))) for r in p.rows] == oracle, name
        assert journal.count_journal(world.db, f) == len(oracle), name
        assert journal.count_journal_up_to(world.db, f, bound=5) == min(5, len(oracle)), name


def test_each_mediators_pages_walk_the_oracle_both_ways(world: World) -> None:
    """Every mediator's rows, page after page towards the older and towards the newer rows."""
    for mediator in world.mediators:
        f = JournalFilters(mediator_id=mediator)
        assert [r for p in _forwards(world.db, f, 6) for r in p.rows] == _oracle(world, f)
        assert [r for p in reversed(list(_backwards(world.db, f, 6))) for r in p.rows] == _oracle(world, f)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_filters_and_page_sizes_walk_the_oracle(world: World, data: st.DataObject) -> None:
    pick = data.draw
    day = st.sampled_from(sorted({r.date for r in world.expected}))
    f = JournalFilters(
        date_from=pick(st.none() | day),
        date_to=pick(st.none() | day),
        registre=pick(st.none() | st.sampled_from(REGISTRES)),
        domain=pick(st.none() | st.sampled_from(DOMAINS)),
        place=pick(st.none() | st.sampled_from(PLACES)),
        outcome=pick(st.none() | st.sampled_from(OUTCOMES)),
        commune=pick(st.none() | st.sampled_from(COMMUNES)),
        qpv=pick(st.none() | st.sampled_from([q for q in QPVS if q])),
        dispositif_id=pick(st.none() | st.sampled_from(sorted(world.dispositifs))),
        mediator_id=pick(st.none() | st.sampled_from(sorted(world.mediators))),
    )
    limit = pick(st.integers(1, 40))
    oracle = _oracle(world, f)
    assert [r for p in _forwards(world.db, f, limit) for r in p.rows] == oracle
    assert [r for p in reversed(list(_backwards(world.db, f, limit))) for r in p.rows] == oracle
    if oracle:  # from any row, both ways
        middle = pick(st.sampled_from(oracle)).cursor
        position = oracle.index(next(r for r in oracle if r.cursor == middle))
        assert (
            list(journal.journal_page(world.db, f, after=middle, limit=limit).rows)
            == oracle[position + 1 : position + 1 + limit]
        )
        assert (
            list(journal.journal_page(world.db, f, before=middle, limit=limit).rows)
            == oracle[max(0, position - limit) : position]
        )


def test_a_cursor_on_a_row_deleted_since_still_continues(world: World) -> None:
    first = journal.first_page(world.db, limit=10)
    assert first.older is not None
    with world.db.transaction() as session:
        session.execute(update(Intervention).where(Intervention.id == first.older.id).values(deleted_at=utcnow()))
    after = journal.journal_page(world.db, after=first.older, limit=10)
    assert list(after.rows) == _oracle(world, JournalFilters())[10:20]


def test_page_arguments_are_checked(db: Database) -> None:
    cursor = Cursor(dt.date(2025, 1, 1), dt.time(8, 0), uuid.uuid4())
    with pytest.raises(ValueError, match="après ou avant|after ou before"):
        journal.journal_page(db, after=cursor, before=cursor)
    for limit in (0, journal.PAGE_MAX + 1):
        with pytest.raises(ValueError, match="taille de page"):
            journal.first_page(db, limit=limit)
    empty = journal.first_page(db)
    assert (empty.rows, empty.older, empty.newer) == ((), None, None)


def test_journal_rows_are_frozen_plain_data() -> None:
    assert {f.name for f in fields(JournalRow)} >= {"id", "date", "mediators", "publics", "follow_up", "dispositif"}
    row = JournalRow(uuid.uuid4(), dt.date(2025, 1, 1), dt.time(8), 5, "CONF", None, "HABITAT", "RUE", "93066",
                     None, "APAISE", None, (), 0, False)  # fmt: skip
    with pytest.raises(AttributeError):
        row.publics = 3  # type: ignore[misc]


# --------------------------------------------------------------------------- sorted on a column

# Commune labels whose order is not their codes' (and only right with accents ignored: « É » > « V »).
COMMUNE_LABELS = {"93066": "Épinay", "93008": "Villemomble"}


def _labelled(world: World) -> World:
    for code, label in COMMUNE_LABELS.items():
        territory_service.add_territory(world.db, "COMMUNE", code, label, vintage="2024")
    return world


def _shown(world: World, column: str, value: Any, language: str) -> str:
    """What the journal shows for ``value``, written here without the service's code."""
    vocab = {"registre": "REGISTRE", "domain": "DOMAINE", "place": "LIEU", "outcome": "ISSUE"}
    if column in vocab:
        return active().label(vocab[column], value, language)
    if column == "commune":
        return f"{COMMUNE_LABELS[value]} ({value})" if value in COMMUNE_LABELS else value
    return world.dispositifs[value]


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn").lower()


def _sorted_oracle(world: World, f: JournalFilters, sort: JournalSort) -> list[JournalRow]:
    """The filter's rows in the journal order, then (stable) on the label of the sorted column, no
    dispositif last (first from Z to A)."""
    assert sort.column is not None

    def value(row: JournalRow) -> Any:
        return world.dispositif_of[row.id] if sort.column == "dispositif" else getattr(row, sort.column)  # type: ignore[arg-type]

    def key(row: JournalRow) -> tuple[int, str, str]:
        v = value(row)
        if v is None:
            return (1, "", "")
        shown = _shown(world, sort.column, v, sort.language)  # type: ignore[arg-type]
        return (0, _plain(shown), str(v))

    return sorted(_oracle(world, f), key=key, reverse=sort.descending)  # stable: the journal order within a value


def _sort_filters(world: World, column: str) -> list[tuple[str, JournalFilters]]:
    own: dict[str, Any] = {
        "registre": "MER",
        "domain": "DROITS",
        "place": "RUE",
        "outcome": "SIGNALE",
        "commune": "93008",
        "dispositif": sorted(world.dispositifs)[0],
    }
    name = journal.SORT_COLUMNS[column]
    other = ("commune", "93066") if column != "commune" else ("registre", "CONF")
    return [
        ("all", JournalFilters()),
        ("period", JournalFilters(date_from=dt.date(2025, 1, 10), date_to=dt.date(2025, 2, 5))),
        ("the sorted column", JournalFilters(**{name: own[column]})),
        ("another column", JournalFilters(**{other[0]: other[1]})),
        ("a mediator", JournalFilters(mediator_id=sorted(world.mediators)[1])),
        ("nothing", JournalFilters(registre="CONC")),
    ]


@pytest.mark.parametrize("descending", [False, True], ids=["A to Z", "Z to A"])
@pytest.mark.parametrize("column", list(journal.SORT_COLUMNS))
def test_sorted_pages_walk_the_oracle_both_ways(world: World, column: str, descending: bool) -> None:
    """Every page forwards, and back from the last page, is the oracle's, for each filter and page size;
    ties (a value, a day and a time shared by several rows) included."""
    _labelled(world)
    sort = JournalSort(column, descending)
    value = (lambda r: world.dispositif_of[r.id]) if column == "dispositif" else (lambda r: getattr(r, column))
    ties = {(value(r), r.date, r.start_time) for r in world.expected}
    assert len(ties) < len(world.expected)  # some rows share the value, the day and the time
    for name, f in _sort_filters(world, column):
        oracle = _sorted_oracle(world, f, sort)
        for limit in (1, 13, 100) if name == "all" else (5, 100):
            assert [r for p in _forwards(world.db, f, limit, sort) for r in p.rows] == oracle, (name, limit)
            pages = list(_backwards(world.db, f, limit, sort))
            assert [r for p in reversed(pages) for r in p.rows] == oracle, (name, limit)
            assert all(len(p.rows) == limit for p in pages[:-1]), (name, limit)
        if oracle:  # from a row in the middle, both ways
            middle = len(oracle) // 2
            cursor = oracle[middle].cursor_for(sort)
            after = journal.journal_page(world.db, f, after=cursor, limit=9, sort=sort)
            assert list(after.rows) == oracle[middle + 1 : middle + 10], name
            before = journal.journal_page(world.db, f, before=cursor, limit=9, sort=sort)
            assert list(before.rows) == oracle[max(0, middle - 9) : middle], name


def test_the_sort_follows_the_labels_of_the_language_shown(world: World) -> None:
    """Registres in English: « Conflict… », « Linking… », « Project… », « Technical… »."""
    sort = JournalSort("registre", language="en")
    rows = [r for p in _forwards(world.db, JournalFilters(), 50, sort) for r in p.rows]
    assert rows == _sorted_oracle(world, JournalFilters(), sort)
    assert list(dict.fromkeys(r.registre for r in rows)) == ["CONF", "MER", "PROJ", "VTEC"]
    french = [r.registre for r in journal.first_page(world.db, limit=1000, sort=JournalSort("registre")).rows]
    assert list(dict.fromkeys(french)) == ["PROJ", "MER", "CONF", "VTEC"]


def test_a_sorted_cursor_on_a_value_gone_since_continues_with_the_next_value(world: World) -> None:
    sort = JournalSort("registre")
    first = journal.first_page(world.db, limit=5, sort=sort)
    assert first.older is not None and first.older.value == "PROJ"
    with world.db.transaction() as session:
        session.execute(update(Intervention).where(Intervention.registre == "PROJ").values(deleted_at=utcnow()))
    after = journal.journal_page(world.db, after=first.older, limit=10, sort=sort)
    assert list(after.rows) == [r for r in _sorted_oracle(world, JournalFilters(), sort) if r.registre == "MER"][:10]
    before = journal.journal_page(world.db, before=first.older, limit=10, sort=sort)
    assert before.rows == () and before.newer is None


def test_a_sort_on_an_unknown_column_is_refused() -> None:
    with pytest.raises(ValueError, match="tri impossible"):
        JournalSort("duration_min")


# --------------------------------------------------------------------------- query plans


def _plan(db: Database, f: JournalFilters, *, cursor: bool, newest_first: bool = True) -> str:
    values = journal._values(f)
    shape = frozenset(values)
    if cursor:
        values |= journal._with("cursor", Cursor(dt.date(2025, 1, 20), dt.time(14, 30), uuid.UUID(int=7)))
    with db.engine.connect() as conn:
        compiled = journal._compiled(conn.dialect, journal._page_of, shape, cursor, newest_first, 101)
        params = {
            k: v if (p := compiled.binds[k]) is None else p(v) for k, v in values.items() if k in compiled.binds
        } | dict(compiled.constants)
        assert compiled.names is not None
        args = tuple(params[n] for n in compiled.names)
        return "\n".join(r[3] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled.sql}", args))


def _no_scan_of_intervention(plan: str) -> bool:
    """No full SCAN of the table (a SCAN along an index of its own is reading that index in order)."""
    return all(
        "USING INDEX" in line or "USING COVERING INDEX" in line
        for line in plan.splitlines()
        if line.strip().startswith("SCAN intervention")
    )


@pytest.mark.parametrize("cursor", [False, True], ids=["first page", "keyset page"])
@pytest.mark.parametrize("newest_first", [True, False], ids=["newest first", "oldest first"])
def test_pages_read_the_journal_index_in_order(world: World, cursor: bool, newest_first: bool) -> None:
    plan = _plan(world.db, JournalFilters(), cursor=cursor, newest_first=newest_first)
    assert "USING INDEX ix_intervention_journal" in plan, plan
    assert "TEMP B-TREE" not in plan, plan
    assert _no_scan_of_intervention(plan), plan
    if cursor:  # the keyset bound is an index range, not a filter on every row
        bound = "date<?" if newest_first else "date>?"
        assert f"SEARCH intervention USING INDEX ix_intervention_journal ({bound})" in plan, plan


@pytest.mark.parametrize("column", journal._CODE_FILTERS)
def test_a_filter_seeks_its_own_index(world: World, column: str) -> None:
    value: Any = sorted(world.dispositifs)[0] if column == "dispositif_id" else "X"
    plan = _plan(world.db, JournalFilters(**{column: value}), cursor=True)
    assert f"SEARCH intervention USING INDEX ix_intervention_journal_{column} ({column}=? AND date<?)" in plan, plan
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan  # only the rows of one day are put in order
    assert _no_scan_of_intervention(plan), plan


def test_a_period_is_a_range_of_the_journal_index(world: World) -> None:
    plan = _plan(world.db, JournalFilters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 1, 31)), cursor=False)
    assert "SEARCH intervention USING INDEX ix_intervention_journal (date>? AND date<?)" in plan, plan
    assert "TEMP B-TREE" not in plan, plan


@pytest.mark.parametrize("cursor", [False, True], ids=["first page", "keyset page"])
@pytest.mark.parametrize("newest_first", [True, False], ids=["newest first", "oldest first"])
def test_a_mediator_page_reads_the_mediators_rows_in_the_journal_order(
    world: World, cursor: bool, newest_first: bool
) -> None:
    """One seek of the mediator in ``ix_intervention_mediator_journal``, their rows in order, each
    intervention by its key: no sort, no scan, whoever the mediator."""
    f = JournalFilters(mediator_id=sorted(world.mediators)[0])
    plan = _plan(world.db, f, cursor=cursor, newest_first=newest_first)
    bound = ("date<?" if newest_first else "date>?") if cursor else ""
    seek = f"(mediator_id=? AND {bound})" if cursor else "(mediator_id=?)"
    assert f"SEARCH intervention_mediator USING COVERING INDEX ix_intervention_mediator_journal {seek}" in plan, plan
    assert "SEARCH intervention USING INDEX sqlite_autoindex_intervention_1 (id=?)" in plan or (
        "SEARCH intervention USING PRIMARY KEY (id=?)" in plan
    ), plan
    assert "TEMP B-TREE" not in plan and _no_scan_of_intervention(plan), plan


def test_mediator_rows_carry_their_interventions_date_and_time(world: World) -> None:
    """The copies the mediator index orders by are the parent's own, for every row (an edit: see
    tests/test_interventions.py)."""
    with world.db.engine.connect() as conn:
        mismatched = conn.exec_driver_sql(
            "SELECT count(*) FROM intervention_mediator m JOIN intervention i ON i.id = m.intervention_id"
            " WHERE m.date != i.date OR m.start_time != i.start_time"
        ).scalar()
        total = conn.exec_driver_sql("SELECT count(*) FROM intervention_mediator").scalar()
    assert total and mismatched == 0


def _explain(db: Database, builder: Any, *args: Any, values: dict[str, Any] | None = None) -> str:
    with db.engine.connect() as conn:
        compiled = journal._compiled(conn.dialect, builder, *args)
        given = values or {}
        params = {
            k: v if (p := compiled.binds[k]) is None else p(v) for k, v in given.items() if k in compiled.binds
        } | dict(compiled.constants)
        assert compiled.names is not None
        args_ = tuple(params[n] for n in compiled.names)
        return "\n".join(r[3] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled.sql}", args_))


def _assert_sorted_plans(db: Database, column: str) -> None:
    """The values of the sorted column: one seek of its index each; a value's rows: a seek of the value
    (and of the cursor's day) in that index, only the rows of one day put in order, whatever the
    direction, the number of rows still missing, or the rows without a value."""
    name = journal.SORT_COLUMNS[column]
    present = _explain(db, journal._present, name)
    assert f"SEARCH intervention USING INDEX ix_intervention_journal_{name} ({name}>?)" in present, present
    assert _no_scan_of_intervention(present) and "TEMP B-TREE" not in present, present
    shapes = [frozenset({name})]
    if INTERVENTION_NULLABLE[name]:
        shapes.append(frozenset({name + journal._NULL}))
        absent = _explain(db, journal._any_null, name)
        assert f"SEARCH intervention USING INDEX ix_intervention_journal_{name} ({name}=?)" in absent, absent
    value: Any = uuid.UUID(int=3) if name == "dispositif_id" else "X"
    cursor = journal._with("cursor", Cursor(dt.date(2025, 1, 20), dt.time(14, 30), uuid.UUID(int=7)))
    for shape in shapes:
        for newest_first in (True, False):
            for limit in (1, 101, 128, journal.PAGE_MAX + 1):
                for with_cursor in (False, True):
                    values = {name: value} | (cursor if with_cursor else {})
                    plan = _explain(db, journal._page_of, shape, with_cursor, newest_first, limit, values=values)
                    bound = (" AND date<?" if newest_first else " AND date>?") if with_cursor else ""
                    seek = f"SEARCH intervention USING INDEX ix_intervention_journal_{name} ({name}=?{bound})"
                    assert seek in plan, (shape, newest_first, limit, plan)
                    assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan  # a day's rows at most
                    assert _no_scan_of_intervention(plan), plan


INTERVENTION_NULLABLE = {c.name: bool(c.nullable) for c in Intervention.__table__.columns}


@pytest.mark.parametrize("column", list(journal.SORT_COLUMNS))
def test_a_sorted_page_seeks_each_value_in_its_index(world: World, column: str) -> None:
    _assert_sorted_plans(world.db, column)


# --------------------------------------------------------------------------- lazy child collections


def test_child_collections_are_never_loaded_behind_the_callers_back(world: World) -> None:
    """Reading an intervention loads no child; touching a collection that was not asked for raises (no N+1)."""
    some = world.expected[0].id
    with world.db.session() as session:
        row = session.get(Intervention, some)
        assert row is not None
        for name in ("mediators", "motifs", "publics", "partners"):
            with pytest.raises(exc.InvalidRequestError, match="lazy='raise_on_sql'"):
                getattr(row, name)
        presence = session.scalars(select(PresenceActive).limit(1)).first()
        assert presence is None  # no presence block in this world: the relationship is checked on the model
    assert PresenceActive.mediators.property.lazy == "raise_on_sql"
    with world.db.session() as session:
        loaded = session.scalars(
            select(Intervention).where(Intervention.id == some).options(selectinload(Intervention.mediators))
        ).one()
        assert {m.mediator_id for m in loaded.mediators} == world.mediators_of[some]


# Statistics of the million-row demonstration base (sqlite_stat1 after ANALYZE): few distinct values
# per filter column, so that the planner would rather walk the journal index than seek the value.
MILLION_ROW_STATS = {
    "ix_intervention_journal": "1013001 280 2 1",
    **{
        f"ix_intervention_journal_{column}": f"1013001 {per_value} 40"
        for column, per_value in (
            ("registre", 126626),
            ("domain", 84417),
            ("place", 84417),
            ("outcome", 101301),
            ("commune", 253251),
            ("qpv", 126626),
            ("dispositif_id", 202601),
        )
    },  # fmt: skip
}


def test_a_filter_still_seeks_its_index_under_statistics_that_make_its_value_look_common(world: World) -> None:
    """A rare commune must not cost a walk of the whole journal because the statistics show four communes."""
    with world.db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.exec_driver_sql("DELETE FROM sqlite_stat1 WHERE tbl = 'intervention'")
        for index, stat in MILLION_ROW_STATS.items():
            conn.exec_driver_sql("INSERT INTO sqlite_stat1 VALUES ('intervention', ?, ?)", (index, stat))
        conn.exec_driver_sql("INSERT INTO sqlite_stat1 VALUES ('intervention', NULL, '1013001')")
    world.db.engine.dispose()  # new connections read the statistics
    for column in journal._CODE_FILTERS:
        value: Any = sorted(world.dispositifs)[0] if column == "dispositif_id" else "X"
        for cursor in (False, True):
            plan = _plan(world.db, JournalFilters(**{column: value}), cursor=cursor)
            assert f"USING INDEX ix_intervention_journal_{column} ({column}=?" in plan, plan
    assert "USING INDEX ix_intervention_journal (date<?)" in _plan(world.db, JournalFilters(), cursor=True)
    for column in journal.SORT_COLUMNS:
        _assert_sorted_plans(world.db, column)
