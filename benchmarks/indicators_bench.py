"""Indicators benchmark: the monthly report (domain brief §6) against the same SQL run with raw ``sqlite3``.

Run: ``.venv/bin/python benchmarks/indicators_bench.py --db PATH [--month 2026-11] [--repeat 3]`` on a
migrated copy of a big demo base (``medios demo --months 120 --mediators 40``), opened without migration.

For each case it times, best of ``--repeat`` runs:

* ``month_structure``: :func:`~medios.services.indicators.build_report` for one month, structure-wide
  (M, M−1 and the year to date: every month from January to M is read);
* ``month_only``: :func:`~medios.services.indicators.month_figures` of that month alone (what a closed
  year to date costs: the other months come from their snapshots);
* ``month_dispositif``: the month report for the largest dispositif;
* ``year_structure``: the report of the calendar year (total and month by month).

The statements each case sends to the driver are recorded once (SQL text and parameters, through the
engine's ``before_cursor_execute`` event) and replayed through a raw stdlib ``sqlite3`` connection in
the same process: the ratio app / raw is the cost of SQLAlchemy and of folding the figures.  The bare
aggregates of the same months (``aggregation_bench.raw_queries``: the intervention breakdowns, motifs,
publics and partners in raw SQL) are timed too: ``vs_aggregates`` is how much more the whole report
costs than those GROUP BYs alone.  The last line is one JSON object of the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy
from sqlalchemy import event

from medios.db import open_database
from medios.db.migrate import head_revision
from medios.services import aggregates as ag
from medios.services.indicators import build_report, month_figures

sys.path.insert(0, str(Path(__file__).resolve().parent))
from aggregation_bench import raw_queries  # noqa: E402 - the sibling benchmark's hand-written SQL


def _best(run: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def report_months(period: ag.Period, *, include_previous: bool) -> list[int]:
    """The months a month report reads: January to M, and December before when M is January."""
    months = list(period.months())
    if include_previous and len(months) == 1:
        first = months[0]
        months.insert(0, first - 89 if first % 100 == 1 else first - 1)
    return months


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="migrated copy of a big demo base")
    parser.add_argument("--month", help="YYYY-MM (default: the last complete month of the base)")
    parser.add_argument("--repeat", type=int, default=3)
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
    if revision != head_revision():
        print(f"{args.db}: révision {revision}, attendu {head_revision()} : migrez une copie d'abord.", file=sys.stderr)
        return 2
    if args.month:
        year, month = (int(part) for part in args.month.split("-"))
    else:
        year, month = divmod(int(last) - 1 if int(last) % 100 != 1 else int(last) - 89, 100)
    dispositif = uuid.UUID(bytes=largest)
    raw = sqlite3.connect(args.db)
    raw.execute("PRAGMA cache_size=-65536")  # the app's engine setting

    print(f"machine     : {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"versions    : SQLite {sqlite3.sqlite_version}, SQLAlchemy {sqlalchemy.__version__}")
    print(f"load        : {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min)")
    print(f"database    : {args.db} ({args.db.stat().st_size / 2**20:,.0f} MiB, {count:,} interventions)")
    month_period = ag.Period.month(year, month)
    months_of = {
        "month_structure": report_months(ag.Period(year * 100 + 1, year * 100 + month), include_previous=True),
        "month_only": list(month_period.months()),
        "month_dispositif": report_months(ag.Period(year * 100 + 1, year * 100 + month), include_previous=True),
        "year_structure": list(ag.Period.year(year).months()),
    }
    cases: dict[str, Callable[[], Any]] = {
        "month_structure": lambda: build_report(db, month_period),
        "month_only": lambda: month_figures(db, month_period),
        "month_dispositif": lambda: build_report(db, month_period, ag.Scope(dispositif_id=dispositif)),
        "year_structure": lambda: build_report(db, ag.Period.year(year)),
    }
    figures: dict[str, Any] = {"month": month_period.first, "interventions": count, "repeat": args.repeat}
    recorded: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        recorded.append((statement, parameters))

    for name, run in cases.items():
        recorded.clear()
        event.listen(db.engine, "before_cursor_execute", record)
        run()
        event.remove(db.engine, "before_cursor_execute", record)
        queries = [(sql, params) for sql, params in recorded if sql.lstrip().upper().startswith("SELECT")]
        app_s = _best(run, args.repeat)
        raw_s = _best(lambda queries=queries: [raw.execute(sql, p).fetchall() for sql, p in queries], args.repeat)
        ratio = app_s / raw_s if raw_s else float("nan")
        bare = raw_queries(months_of[name], dispositif.bytes if name == "month_dispositif" else None)
        bare_s = _best(lambda bare=bare: [query(raw) for query in bare.values()], args.repeat)
        print(
            f"  {name:18} app {app_s * 1000:8.1f} ms   raw sqlite3 {raw_s * 1000:8.1f} ms   "
            f"ratio {ratio:5.2f}   ({len(queries)} statements)   bare aggregates {bare_s * 1000:8.1f} ms   "
            f"× {app_s / bare_s:5.2f}"
        )
        figures[f"{name}_bare_aggregates_s"] = round(bare_s, 4)
        figures[f"{name}_vs_aggregates"] = round(app_s / bare_s, 2)
        figures[f"{name}_s"] = round(app_s, 4)
        figures[f"{name}_raw_s"] = round(raw_s, 4)
        figures[f"{name}_ratio"] = round(ratio, 2)
    db.dispose()
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
