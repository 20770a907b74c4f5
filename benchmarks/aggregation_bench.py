"""Aggregation benchmark: every monthly-report query for one month and one year, against raw ``sqlite3``.

Run: ``.venv/bin/python benchmarks/aggregation_bench.py --db PATH [--month 2026-11] [--repeat 5]
[--before-db OLD.db]`` on a migrated copy of a big demo base (``medios demo --months 120
--mediators 40``).  The file is opened without migration (a base at another revision is refused).

For each case (the month, then its calendar year; the whole structure, then the largest dispositif)
it times, best of ``--repeat`` runs, each query of :mod:`medios.services.aggregates` (the four
intervention breakdowns and the monthly totals, motifs, publics, partners: what a report reads),
then :func:`~medios.services.aggregates.breakdowns` (all of them in one session, what a report
calls), and the same hand-written SQL through a raw stdlib ``sqlite3`` connection in the same process; the
ratio is app / raw.  The app's results are checked against the raw ones.

``--before-db`` (optional): a base at revision 0002 (before the covering indexes), opened read-only
(``mode=ro``, never migrated), on which the same breakdowns are run in raw SQL the way they had to be
written then (joins to the children, mediators counted through ``intervention_mediator``).

Targets (issue #6, item 2): all the queries for a month under 50 ms in total, for a year under 0.5 s.
The last line is one JSON object of the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import sys
import time
import urllib.parse
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy

from medios.db import open_database
from medios.db.migrate import head_revision
from medios.services import aggregates as ag

LIVE = "deleted_at IS NULL"
AGG = (
    "count(*), sum(duration_min), count(follow_up_of), sum(mediator_count), "
    "sum(CASE WHEN mediator_count >= 2 THEN 1 ELSE 0 END)"
)
GROUPINGS = {
    "interventions_month": "",
    "interventions_registre": "registre, sub_registre, outcome",
    "interventions_place": "place, time_band, day_type",
    "interventions_territory": "commune, qpv, domain",
    "interventions_context": "tension, origin, modality",
}
CHILDREN = {
    "motif": ("intervention_motif", "motif", "count(*)"),
    "public": ("intervention_public", "public_type, age_band, sex", "sum(count)"),
    "partner": ("intervention_partner", "partner_type, role", "count(*)"),
}


def _best(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return min(times), result


def _marks(values: list[Any]) -> str:
    return ", ".join("?" for _ in values)


def raw_queries(months: list[int], dispositif: bytes | None) -> dict[str, Callable[[sqlite3.Connection], Any]]:
    """The report's queries written by hand (same shape as the app's: month and dispositif first)."""
    scope = " AND dispositif_id = ?" if dispositif else ""
    base = [*months, *([dispositif] if dispositif else [])]
    queries: dict[str, Callable[[sqlite3.Connection], Any]] = {}
    for name, keys in GROUPINGS.items():
        sep = ", " if keys else ""
        sql = (
            f"SELECT month{sep}{keys}, {AGG} FROM intervention WHERE {LIVE} AND month IN ({_marks(months)}){scope} "
            f"GROUP BY month, dispositif_id{sep}{keys}"
        )
        queries[name] = lambda con, sql=sql: con.execute(sql, base).fetchall()
    for name, (table, keys, measure) in CHILDREN.items():
        queries[name] = _raw_children(table, keys, measure, months, scope, base)
    return queries


def _raw_children(
    table: str, keys: str, measure: str, months: list[int], scope: str, base: list[Any]
) -> Callable[[sqlite3.Connection], Any]:
    """Child rows from their month index, minus the children of soft-deleted interventions."""
    rows_sql = (
        f"SELECT month, {keys}, {measure} FROM {table} WHERE month IN ({_marks(months)}){scope} "
        f"GROUP BY month, dispositif_id, {keys}"
    )
    deleted_sql = f"SELECT id FROM intervention WHERE deleted_at IS NOT NULL AND month IN ({_marks(months)})"

    def run(con: sqlite3.Connection) -> Any:
        rows = con.execute(rows_sql, base).fetchall()
        ids = [r[0] for r in con.execute(deleted_sql, months)]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            sql = (
                f"SELECT month, {keys}, {measure} FROM {table} WHERE intervention_id IN ({_marks(chunk)}){scope} "
                f"GROUP BY month, {keys}"
            )
            rows += [(*r[:-1], -r[-1]) for r in con.execute(sql, [*chunk, *base[len(months) :]])]
        return rows

    return run


def before_queries(months: list[int], dispositif: str | None) -> dict[str, str]:
    """The same breakdowns on the 0002 schema: no mediator count, no copies on the children."""
    scope = " AND i.dispositif_id = ?" if dispositif else ""
    where = f"i.deleted_at IS NULL AND i.month IN ({_marks(months)}){scope}"
    agg = "count(*), sum(i.duration_min), count(i.follow_up_of)"
    queries = {
        name: f"SELECT i.month{', ' if keys else ''}{keys}, {agg} FROM intervention i WHERE {where} "
        f"GROUP BY i.month{', ' if keys else ''}{keys}"
        for name, keys in GROUPINGS.items()
    }
    for name, (table, keys, measure) in CHILDREN.items():
        cols = ", ".join(f"c.{k.strip()}" for k in keys.split(","))
        measure_c = measure.replace("count)", "c.count)")
        queries[name] = (
            f"SELECT {cols}, {measure_c} FROM intervention i JOIN {table} c ON c.intervention_id = i.id "
            f"WHERE {where} GROUP BY {cols}"
        )
    queries["mediators"] = (
        "SELECT n, count(*) FROM (SELECT count(*) AS n FROM intervention i JOIN intervention_mediator m "
        f"ON m.intervention_id = i.id WHERE {where} GROUP BY i.id) GROUP BY n"
    )
    return queries


def app_queries(db: Any, period: ag.Period, scope: ag.Scope) -> dict[str, Callable[[], Any]]:
    queries: dict[str, Callable[[], Any]] = {
        f"interventions_{g.name.lower()}": (lambda g=g: ag.interventions(db, g, period, scope)) for g in ag.Grouping
    }
    for child in ag.Child:
        queries[child.value] = lambda child=child: ag.children(db, child, period, scope)
    return queries


def _same(app: ag.Breakdown[Any], raw_rows: list[Any], width: int) -> bool:
    """The app's folded cells equal the raw rows folded the same way."""
    folded: dict[tuple[Any, ...], Any] = {}
    for row in raw_rows:
        cell = (row[0], tuple(row[1 : 1 + width]))
        values = tuple(int(v or 0) for v in row[1 + width :])
        before = folded.get(cell)
        folded[cell] = values if before is None else tuple(a + b for a, b in zip(before, values, strict=True))
    expected = {c: v for c, v in folded.items() if v[0] != 0}
    got = {
        (m, k): (
            (v.interventions, v.minutes, v.follow_ups, v.mediator_rows, v.binomes)
            if isinstance(v, ag.Measures)
            else (v,)
        )
        for m, k, v in app.cells
    }
    return got == expected


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="migrated copy of a big demo base")
    parser.add_argument("--month", help="YYYY-MM (default: the last complete month of the base)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--before-db", type=Path, help="a base at revision 0002, for the before-figures")
    args = parser.parse_args()

    db = open_database(args.db, migrate=False, create=False)
    with db.engine.connect() as conn:
        revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        last = conn.exec_driver_sql("SELECT max(month) FROM intervention").scalar()
        count = conn.exec_driver_sql("SELECT count(*) FROM intervention").scalar()
        largest = conn.exec_driver_sql(
            "SELECT dispositif_id FROM intervention WHERE dispositif_id IS NOT NULL "
            "GROUP BY dispositif_id ORDER BY count(*) DESC LIMIT 1"
        ).scalar()
        stats = conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").scalar()
    if revision != head_revision():
        print(f"{args.db}: révision {revision}, attendu {head_revision()} : migrez une copie d'abord.", file=sys.stderr)
        return 2
    if args.month:
        year, month = (int(part) for part in args.month.split("-"))
    else:
        last_month = int(last) - 1 if int(last) % 100 != 1 else int(last) - 89
        year, month = divmod(last_month, 100)
    dispositif = uuid.UUID(bytes=largest)  # keys are 16 bytes on SQLite (migration 0005)
    dispositif_key = dispositif.bytes
    raw = sqlite3.connect(args.db)
    raw.execute("PRAGMA cache_size=-65536")  # the app's engine setting
    before = None
    if args.before_db:
        before = sqlite3.connect(f"file:{urllib.parse.quote(str(args.before_db.resolve()))}?mode=ro", uri=True)
        before.execute("PRAGMA cache_size=-65536")

    print(f"machine     : {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"versions    : SQLite {sqlite3.sqlite_version}, SQLAlchemy {sqlalchemy.__version__}")
    print(f"load        : {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min)")
    print(f"database    : {args.db} ({args.db.stat().st_size / 2**20:,.0f} MiB, {count:,} interventions, "
          f"revision {revision}, statistics {'present' if stats else 'absent'})")  # fmt: skip
    figures: dict[str, Any] = {"repeat": args.repeat, "statistics": bool(stats)}
    all_ok = True
    for label, period in (("month", ag.Period.month(year, month)), ("year", ag.Period.year(year))):
        months = list(period.months())
        for scope_label, scope, key in (
            ("structure", ag.STRUCTURE, None),
            ("dispositif", ag.Scope(dispositif_id=dispositif), dispositif_key),
        ):
            case = f"{label}_{scope_label}"
            app = app_queries(db, period, scope)
            hand = raw_queries(months, key)
            print(f"\n{case}: {period.first}..{period.last}")
            app_total = raw_total = 0.0
            for name in app:
                app_s, result = _best(app[name], args.repeat)
                raw_s, raw_rows = _best(lambda query=hand[name]: query(raw), args.repeat)
                width = len(result.dimensions)
                ok = _same(result, raw_rows, width)
                all_ok &= ok
                app_total += app_s
                raw_total += raw_s
                print(
                    f"  {name:24} app {app_s * 1000:8.1f} ms   raw {raw_s * 1000:8.1f} ms   "
                    f"ratio {app_s / raw_s:5.2f}   {'same' if ok else 'DIFFERENT'}"
                )
            report_s, _report = _best(lambda period=period, scope=scope: ag.breakdowns(db, period, scope), args.repeat)
            print(
                f"  {'breakdowns() in one call':24} app {report_s * 1000:8.1f} ms   ratio {report_s / raw_total:5.2f}"
            )
            figures[f"{case}_one_call_s"] = round(report_s, 4)
            ratio = app_total / raw_total
            target = 0.05 if label == "month" else 0.5
            print(f"  {'TOTAL':24} app {app_total * 1000:8.1f} ms   raw {raw_total * 1000:8.1f} ms   ratio {ratio:5.2f}"
                  f"   (target < {target * 1000:.0f} ms)")  # fmt: skip
            figures[f"{case}_s"] = round(app_total, 4)
            figures[f"{case}_raw_s"] = round(raw_total, 4)
            figures[f"{case}_ratio"] = round(ratio, 2)
            if before is not None:
                old_key = dispositif.hex if key else None  # a base before 0005 holds keys as hex text
                old = before_queries(months, old_key)
                params = [*months, *([old_key] if old_key else [])]
                old_total = 0.0
                for name, sql in old.items():
                    old_s, _rows = _best(
                        lambda sql=sql, p=params: before.execute(sql, p).fetchall(), max(1, args.repeat // 2)
                    )
                    old_total += old_s
                    print(f"  before {name:17} raw {old_s * 1000:8.1f} ms")
                print(f"  before TOTAL{'':12} raw {old_total * 1000:8.1f} ms  (revision 0002 schema, raw sqlite3)")
                figures[f"{case}_before_s"] = round(old_total, 4)
    figures["results_equal"] = all_ok
    figures["month_target_met"] = (
        max(figures["month_structure_one_call_s"], figures["month_dispositif_one_call_s"]) < 0.05
    )
    figures["year_target_met"] = max(figures["year_structure_one_call_s"], figures["year_dispositif_one_call_s"]) < 0.5
    figures["median_ratio"] = statistics.median(figures[k] for k in figures if k.endswith("_ratio"))
    db.dispose()
    raw.close()
    print(json.dumps(figures))
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
