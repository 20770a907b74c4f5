"""Journal benchmark: pages of ``medios.services.journal`` against hand-written SQL on raw ``sqlite3``.

Run: ``.venv/bin/python benchmarks/journal_bench.py --db PATH [--runs 7] [--limit 100]``

``PATH`` is a copy of a demonstration base (``medios demo --months 120 --mediators 40``: about a
million interventions) already migrated to the head revision (open it once with ``medios`` or
``open_database``): the benchmark refuses a base that is not at the head revision (it never migrates,
so that the migration's own time and backup stay out of the figures) and a base that is not a
demonstration base.  It writes into it once: a fictional mediator « MED-ANCIEN » credited, as second
mediator, with one in ten interventions before 2019 (the hard case of someone whose activity ended
years ago; the demo's mediators are all active up to today).

Each case is a page of ``--limit`` rows (newest first, with the journal's columns: dispositif name,
mediator pseudonyms, publics total, follow-up flag).  It is timed as the median of ``--runs`` runs,
next to the best hand-written SQL for the same rows run by stdlib ``sqlite3`` in the same process (for
a filter, its index named by ``INDEXED BY`` and the LIMIT written in the SQL; for a mediator, the
best of three plans: probe the journal order, read the mediator's rows and sort them, or walk the
mediator's rows in the order of ``ix_intervention_mediator_journal``).  The
two run alternately, run after run, so that a change of the machine's load hits both.  Counts are timed too.

Sorted on a column (``sort on <column>``: registre, domain, place, outcome, commune, dispositif; the
labels A to Z, newest first within a value): the first page, the next one, one that ends a value and
goes on with the next value, and the last one, next to
the bare SQL of the same rows: one hand-written page per value the page spans (``INDEXED BY`` the
value's index (column, date), the LIMIT of the rows it gives), the values being known in advance
(the service finds them and puts them in the labels' order within its time).

Targets (issue #6, item 1): every page under 20 ms and at most 3 times the raw SQL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import platform
import sqlite3
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy

from medios.db import open_database
from medios.db.migrate import head_revision
from medios.services import journal
from medios.services.journal import JournalFilters, JournalSort

RETIRED = uuid.uuid5(uuid.NAMESPACE_URL, "medios-bench-retired-mediator")
LIVE = "i.deleted_at IS NULL"
# The journal's columns, hand-written: the page's keys from the index, then its rows and children.
RAW_PAGE = """
WITH page AS (SELECT {key} AS id FROM {source} WHERE {where} ORDER BY {order} LIMIT ?)
SELECT i.id, i.date, i.start_time, i.duration_min, i.registre, i.sub_registre, i.domain, i.place, i.commune, i.qpv,
       i.outcome, d.name, (SELECT coalesce(sum(p.count), 0) FROM intervention_public p WHERE p.intervention_id = i.id),
       i.follow_up_of IS NOT NULL, m.pseudonym
FROM page JOIN intervention i ON i.id = page.id
LEFT JOIN dispositif d ON d.id = i.dispositif_id
LEFT JOIN intervention_mediator im ON im.intervention_id = i.id
LEFT JOIN mediator m ON m.id = im.mediator_id
"""


def median_ms(work: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def raw_where(filters: JournalFilters, cursor: journal.Cursor | None, mediator_plan: str) -> tuple[str, str, list[Any]]:
    """The hand-written WHERE (and join) of a page; ``mediator_plan``: ``probe`` (an EXISTS per row of the
    journal order), ``own`` (the mediator's rows, sorted) or ``walk`` (the mediator's rows in the order of
    ``ix_intervention_mediator_journal``, the index of migration 0006)."""
    where, args, join = [LIVE], [], ""
    if filters.date_from:
        where.append("i.date >= ?")
        args.append(filters.date_from.isoformat())
    if filters.date_to:
        where.append("i.date <= ?")
        args.append(filters.date_to.isoformat())
    for name in ("registre", "domain", "place", "outcome", "commune", "qpv"):
        if getattr(filters, name) is not None:
            where.append(f"i.{name} = ?")
            args.append(getattr(filters, name))
    if filters.dispositif_id is not None:
        where.append("i.dispositif_id = ?")
        args.append(filters.dispositif_id.bytes)
    walk = filters.mediator_id is not None and mediator_plan == "walk"
    if cursor is not None:
        k = ("im.date", "im.start_time", "im.intervention_id") if walk else ("i.date", "i.start_time", "i.id")
        where.append(f"{k[0]} <= ? AND ({k[0]} < ? OR {k[1]} < ? OR ({k[1]} = ? AND {k[2]} < ?))")
        d, t = cursor.date.isoformat(), cursor.start_time.strftime("%H:%M:%S.%f")
        args += [d, d, t, t, cursor.id.bytes]
    if filters.mediator_id is not None:
        if walk:
            where.append("im.mediator_id = ?")
            join = "walk"
        elif mediator_plan == "probe":
            where.append(
                "EXISTS (SELECT 1 FROM intervention_mediator x WHERE x.intervention_id = i.id AND x.mediator_id = ?)"
            )
        else:
            where.append("i.id IN (SELECT intervention_id FROM intervention_mediator WHERE mediator_id = ?)")
        args.append(filters.mediator_id.bytes)
    return join, " AND ".join(where), args


def indexed_by(filters: JournalFilters) -> str:
    """What a hand-writer of SQLite would name: the index of the first code filter set (SQLite-specific)."""
    for name in ("registre", "domain", "place", "outcome", "commune", "qpv", "dispositif_id"):
        if getattr(filters, name) is not None:
            return f"INDEXED BY ix_intervention_journal_{name}"
    return ""


def raw_sql(filters: JournalFilters, join: str, where: str, d: str) -> str:
    if join == "walk":  # the mediator's rows of intervention_mediator in the journal order, each parent by key
        order = f"im.date {d}, im.start_time {d}, im.intervention_id {d}"
        source = "intervention_mediator im JOIN intervention i ON i.id = im.intervention_id"
        return RAW_PAGE.format(key="im.intervention_id", source=source, where=where, order=order)
    order = f"i.date {d}, i.start_time {d}, i.id {d}"
    source = f"intervention i {indexed_by(filters)}"
    return RAW_PAGE.format(key="i.id", source=source, where=where, order=order)


def raw_page(con: sqlite3.Connection, filters: JournalFilters, cursor: journal.Cursor | None, *, last: bool,
             limit: int, plan: str) -> list[tuple[Any, ...]]:  # fmt: skip
    join, where, args = raw_where(filters, cursor, plan)
    sql = raw_sql(filters, join, where, "ASC" if last else "DESC")
    return con.execute(sql.replace("LIMIT ?", f"LIMIT {limit + 1}"), args).fetchall()


def sorted_spans(
    rows: tuple[journal.JournalRow, ...], sort: JournalSort, cursor: journal.Cursor | None, *, last: bool
) -> list[tuple[Any, journal.Cursor | None, int]]:
    """What the bare SQL of a sorted page reads: per value, in the order read, the cursor and the LIMIT
    (the rows it gives, one more on the last value: whether more rows follow)."""
    groups: list[list[Any]] = []
    for row in rows:
        value = row.cursor_for(sort).value
        if groups and groups[-1][0] == value:
            groups[-1][1] += 1
        else:
            groups.append([value, 1])
    if last:
        groups.reverse()
    return [
        (value, cursor if i == 0 else None, count + (1 if i == len(groups) - 1 else 0))
        for i, (value, count) in enumerate(groups)
    ]


def raw_sorted(
    con: sqlite3.Connection,
    filters: JournalFilters,
    column: str,
    spans: list[tuple[Any, journal.Cursor | None, int]],
    *,
    last: bool,
) -> list[tuple[Any, ...]]:
    name = journal.SORT_COLUMNS[column]
    d = "ASC" if last else "DESC"
    found: list[tuple[Any, ...]] = []
    for value, cursor, count in spans:
        _join, where, args = raw_where(filters, cursor, "probe")
        if value is None:
            where += f" AND i.{name} IS NULL"
        else:
            where += f" AND i.{name} = ?"
            args.append(value.bytes if isinstance(value, uuid.UUID) else value)
        sql = RAW_PAGE.format(
            key="i.id",
            source=f"intervention i INDEXED BY ix_intervention_journal_{name}",
            where=where,
            order=f"i.date {d}, i.start_time {d}, i.id {d}",
        )
        found += con.execute(sql.replace("LIMIT ?", f"LIMIT {count}"), args).fetchall()
    return found


def ensure_retired_mediator(path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        if con.execute("SELECT 1 FROM mediator WHERE id = ?", (RETIRED.bytes,)).fetchone():
            return
        columns = [r[1] for r in con.execute("PRAGMA table_info(mediator)")]
        row = dict(zip(columns, con.execute("SELECT * FROM mediator LIMIT 1").fetchone(), strict=True))
        row.update(id=RETIRED.bytes, pseudonym="MED-ANCIEN", display_name="Ancien médiateur", login=None,
                   end_date="2018-12-31")  # fmt: skip
        con.execute(
            f"INSERT INTO mediator ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",  # noqa: S608
            list(row.values()),
        )
        copies = "date" in {r[1] for r in con.execute("PRAGMA table_info(intervention_mediator)")}
        con.execute(
            "INSERT INTO intervention_mediator "
            + ("(intervention_id, mediator_id, date, start_time) SELECT id, ?, date, start_time" if copies else
               "(intervention_id, mediator_id) SELECT id, ?")
            + " FROM intervention WHERE date < '2019-01-01' AND deleted_at IS NULL AND rowid % 10 = 0",
            (RETIRED.bytes,),
        )  # fmt: skip
        con.commit()
    finally:
        con.close()


def check_base(path: Path) -> None:
    if not path.exists():
        sys.exit(f"{path}: fichier introuvable")
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        revision = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        demo = con.execute("SELECT value FROM app_setting WHERE key = 'demo_database'").fetchone()
    finally:
        con.close()
    if revision != head_revision():
        sys.exit(
            f"{path}: base à la révision {revision}, attendu {head_revision()} : ouvrez une copie avec medios d'abord"
        )
    if demo != ("1",):
        sys.exit(f"{path}: pas une base de démonstration (le banc y ajoute un médiateur fictif)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="copie migrée d'une base de démonstration")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--limit", type=int, default=100)
    args = parser.parse_args()
    check_base(args.db)
    ensure_retired_mediator(args.db)
    db = open_database(args.db, migrate=False)
    con = sqlite3.connect(args.db)
    con.execute("PRAGMA cache_size=-65536")  # the app's cache (medios.db.engine)
    limit, runs = args.limit, args.runs

    def pick(sql: str) -> Any:
        return con.execute(sql).fetchone()[0]

    dispositif = uuid.UUID(bytes=pick("SELECT dispositif_id FROM intervention WHERE dispositif_id IS NOT NULL LIMIT 1"))
    busiest = "SELECT mediator_id FROM intervention_mediator GROUP BY 1 ORDER BY count(*) {} LIMIT 1"
    active, quiet = uuid.UUID(bytes=pick(busiest.format("DESC"))), uuid.UUID(bytes=pick(busiest.format("ASC")))
    if quiet == RETIRED:
        quiet = uuid.UUID(bytes=pick(busiest.format("ASC").replace("LIMIT 1", "LIMIT 1 OFFSET 1")))
    newest = dt.date.fromisoformat(pick("SELECT max(date) FROM intervention"))
    month_start = (newest.replace(day=1) - dt.timedelta(days=700)).replace(day=1)
    month_end = (month_start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    first = journal.first_page(db, limit=limit)
    cursor = first.older
    cases: list[tuple[str, JournalFilters, journal.Cursor | None, str]] = [
        ("first page", JournalFilters(), None, "first"),
        ("next page", JournalFilters(), cursor, "after"),
        ("previous page", JournalFilters(), journal.journal_page(db, after=cursor, limit=limit).newer, "before"),
        ("last page", JournalFilters(), None, "last"),
        ("period (a month)", JournalFilters(date_from=month_start, date_to=month_end), None, "first"),
        ("registre CONF", JournalFilters(registre="CONF"), None, "first"),
        ("registre PROJ (rare)", JournalFilters(registre="PROJ"), None, "first"),
        ("registre PROJ last page", JournalFilters(registre="PROJ"), None, "last"),
        ("registre absent", JournalFilters(registre="AUCUN"), None, "first"),
        ("domain", JournalFilters(domain="HABITAT"), None, "first"),
        ("place", JournalFilters(place="EVENEMENT"), None, "first"),
        ("outcome RELAIS (rare)", JournalFilters(outcome="RELAIS_AUTORITE"), None, "first"),
        ("commune", JournalFilters(commune="69029"), None, "first"),
        ("qpv", JournalFilters(qpv="QN06955M"), None, "first"),
        ("dispositif", JournalFilters(dispositif_id=dispositif), None, "first"),
        ("mediator (busiest)", JournalFilters(mediator_id=active), None, "first"),
        ("mediator (busiest) next", JournalFilters(mediator_id=active), "next", "after"),
        ("mediator (quietest)", JournalFilters(mediator_id=quiet), None, "first"),
        ("mediator (retired 2018)", JournalFilters(mediator_id=RETIRED), None, "first"),
        ("mediator (retired) next", JournalFilters(mediator_id=RETIRED), "next", "after"),
        ("mediator (retired) last", JournalFilters(mediator_id=RETIRED), None, "last"),
        ("mediator unknown", JournalFilters(mediator_id=uuid.UUID(int=1)), None, "first"),
        ("combined", JournalFilters(registre="CONF", commune="69259", mediator_id=active), None, "first"),
    ]
    print(f"machine     : {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load {os.getloadavg()[0]:.1f}")  # fmt: skip
    print(f"versions    : SQLite {sqlite3.sqlite_version}, SQLAlchemy {sqlalchemy.__version__}")
    live = pick("SELECT count(*) FROM intervention WHERE deleted_at IS NULL")
    print(f"base        : {args.db} ({args.db.stat().st_size / 1e6:,.0f} MB), {live:,} live interventions")
    print(f"pages of {limit} rows, median of {runs} runs; raw = hand-written SQL on stdlib sqlite3, same process\n")
    print(f"{'case':26} {'rows':>5} {'medios ms':>10} {'raw ms':>8} {'ratio':>6}")
    figures: dict[str, Any] = {"cases": {}}
    worst_ms, worst_ratio, worst_filled = 0.0, 0.0, 0.0
    for name, filters, where, kind in cases:
        if where == "next":
            where = journal.first_page(db, filters, limit=limit).older
        last = kind in ("last", "before")

        def service(filters: JournalFilters = filters, where: Any = where, kind: str = kind) -> Any:
            if kind == "last":
                return journal.last_page(db, filters, limit=limit)
            if kind == "before":
                return journal.journal_page(db, filters, before=where, limit=limit)
            return journal.journal_page(db, filters, after=where, limit=limit)

        page = service()  # warm both (caches, compiled statements), then pick the raw plan
        raw_times: list[tuple[float, Callable[[], Any]]] = []
        for plan in ("probe", "own", "walk") if filters.mediator_id is not None else ("probe",):
            if kind == "before":  # newer than the cursor: the same SQL, comparisons turned round
                work = functools.partial(raw_before, con, filters, where, limit)
            else:
                work = functools.partial(raw_page, con, filters, where, last=last, limit=limit, plan=plan)
            raw_times.append((median_ms(work, 1)[0], work))  # once: a plan 100 times slower is not repeated
        raw_work = min(raw_times, key=lambda t: t[0])[1]
        # Alternate the two, run after run: the load of the machine moves, the ratio stays fair.
        ours, theirs = [], []
        for _ in range(runs):
            ours.append(median_ms(service, 1)[0])
            theirs.append(median_ms(raw_work, 1)[0])
        ms, raw_ms = statistics.median(ours), statistics.median(theirs)
        ratio = ms / raw_ms if raw_ms > 0 else float("inf")
        worst_ms, worst_ratio = max(worst_ms, ms), max(worst_ratio, ratio)
        if page.rows:
            worst_filled = max(worst_filled, ratio)
        print(f"{name:26} {len(page.rows):5} {ms:10.2f} {raw_ms:8.2f} {ratio:6.2f}")
        figures["cases"][name] = {"ms": round(ms, 2), "raw_ms": round(raw_ms, 3), "ratio": round(ratio, 2)}
    worst_sort_ms, worst_sort_ratio = 0.0, 0.0
    for column in journal.SORT_COLUMNS:
        sort = JournalSort(column)
        start = journal.first_page(db, limit=limit, sort=sort)
        # Half a page before the end of the first value: the page goes on with the second one.
        first_value = start.rows[0].cursor_for(sort).value
        tail = journal.last_page(db, JournalFilters(**{journal.SORT_COLUMNS[column]: first_value}), limit=limit)
        across = tail.rows[len(tail.rows) // 2].cursor_for(sort)
        for label, where, kind in (("first page", None, "first"), ("next page", start.older, "after"),
                                   ("across two values", across, "after"), ("last page", None, "last")):  # fmt: skip
            name = f"sort on {column}: {label}"

            def sorted_service(where: Any = where, kind: str = kind, sort: JournalSort = sort) -> Any:
                if kind == "last":
                    return journal.last_page(db, limit=limit, sort=sort)
                return journal.journal_page(db, after=where, limit=limit, sort=sort)

            page = sorted_service()
            spans = sorted_spans(page.rows, sort, where, last=kind == "last")
            raw_work = functools.partial(raw_sorted, con, JournalFilters(), column, spans, last=kind == "last")
            assert len(raw_work()) >= len(page.rows)  # the same rows (one result row per mediator)
            ours, theirs = [], []
            for _ in range(runs):
                ours.append(median_ms(sorted_service, 1)[0])
                theirs.append(median_ms(raw_work, 1)[0])
            ms, raw_ms = statistics.median(ours), statistics.median(theirs)
            ratio = ms / raw_ms if raw_ms > 0 else float("inf")
            worst_sort_ms, worst_sort_ratio = max(worst_sort_ms, ms), max(worst_sort_ratio, ratio)
            print(f"{name:40} {len(page.rows):5} {ms:10.2f} {raw_ms:8.2f} {ratio:6.2f}  ({len(spans)} values)")
            figures["cases"][name] = {"ms": round(ms, 2), "raw_ms": round(raw_ms, 3), "ratio": round(ratio, 2)}
    print()
    for name, filters in (
        ("count all", JournalFilters()),
        ("count registre CONF", JournalFilters(registre="CONF")),
        ("count mediator (busiest)", JournalFilters(mediator_id=active)),
    ):
        exact_ms, exact = median_ms(lambda filters=filters: journal.count_journal(db, filters), 3)
        bound_ms, bound = median_ms(lambda filters=filters: journal.count_journal_up_to(db, filters), 3)
        print(f"{name:26} exact {exact:>9,} in {exact_ms:7.1f} ms; up to 10 000: {bound:>6,} in {bound_ms:6.2f} ms")
        figures["counts"] = figures.get("counts", {}) | {
            name: {"exact_ms": round(exact_ms, 1), "bounded_ms": round(bound_ms, 2)}
        }
    figures.update(
        page_ms_max=round(worst_ms, 2),
        ratio_max=round(worst_ratio, 2),
        ratio_max_nonempty=round(worst_filled, 2),
        sort_page_ms_max=round(worst_sort_ms, 2),
        sort_ratio_max=round(worst_sort_ratio, 2),
        load=round(os.getloadavg()[0], 1),
        rows=live,
        limit=limit,
    )
    print(f"\nworst page  : {worst_ms:.2f} ms (target < 20), worst ratio {worst_ratio:.2f} (target <= 3), "
          f"{worst_filled:.2f} on pages that hold rows (an empty page is a fixed cost of about 0.3 ms)")  # fmt: skip
    db.dispose()
    con.close()
    print(json.dumps(figures))


def raw_before(con: sqlite3.Connection, filters: JournalFilters, cursor: journal.Cursor, limit: int) -> list[Any]:
    join, where, args = raw_where(filters, None, "probe")
    where += " AND i.date >= ? AND (i.date > ? OR i.start_time > ? OR (i.start_time = ? AND i.id > ?))"
    d, t = cursor.date.isoformat(), cursor.start_time.strftime("%H:%M:%S.%f")
    sql = raw_sql(filters, join, where, "ASC").replace("LIMIT ?", f"LIMIT {limit + 1}")
    return con.execute(sql, [*args, d, d, t, t, cursor.id.bytes]).fetchall()


if __name__ == "__main__":
    main()
