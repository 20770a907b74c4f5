"""Report benchmark: a coordinator's monthly report, from the base to the Excel and PDF files, and closing a month.

Run: ``.venv/bin/python benchmarks/report_bench.py --db PATH [--month 2026-10] [--repeat 2] [--close]`` on a
migrated copy of a big demo base (``medios demo --months 120 --mediators 40``), opened without migration.

First the indicators alone (:func:`medios.services.indicators.build_report`) for the month (M, M−1 and
the year to date: every month from January to M is read) and for its calendar year, each against the
same statements replayed in raw ``sqlite3`` (targets of issue 8: a month under 0.5 s with a ratio of
at most 2, a year under 2 s, each file under 2 s).

Issue 8 asks for « a clean, correct monthly report in under a minute »: the figure is the time from the
base to both files (``total_s``: :func:`medios.services.reports.build_document`, then the Excel and the
PDF writers).  Its baseline is the SQL the document needs, recorded once (SQL text and parameters,
through the engine's ``before_cursor_execute`` event) and replayed through a raw stdlib ``sqlite3``
connection in the same process: ``document_ratio`` is what SQLAlchemy, the folding of the figures and
the document cost on top of the queries.  ``--close`` also closes the month on a copy of the base
(the snapshot reads the month for the structure and each of its dispositifs, communes and QPV) and
replays its reads the same way; before that it closes the earlier months of the year and times the
month's indicators again, read from the base for M only (``indicators_month_earlier_closed_s``).  The
last line is one JSON object of the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy
from sqlalchemy import event

from medios.db import open_database
from medios.db.migrate import head_revision
from medios.services import closure, indicators, reports
from medios.services.aggregates import Period


def _best(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


def _recorded(engine: Any, run: Callable[[], Any]) -> list[tuple[str, Any]]:
    """The SELECTs ``run`` sends to the driver."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return [(sql, params) for sql, params in seen if sql.lstrip().upper().startswith("SELECT")]


def _replay(path: Path, queries: list[tuple[str, Any]], repeat: int) -> float:
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA cache_size=-65536")  # the app's engine setting

    def replay() -> None:
        raw.execute("BEGIN")  # one read transaction, as the app reads its months
        try:
            for sql, parameters in queries:
                raw.execute(sql, parameters).fetchall()
        finally:
            raw.execute("COMMIT")

    try:
        return _best(replay, repeat)[0]
    finally:
        raw.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="migrated copy of a big demo base")
    parser.add_argument("--month", help="YYYY-MM (default: the last complete month of the base)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--close", action="store_true", help="also close the month, on a copy of the base")
    args = parser.parse_args()

    db = open_database(args.db, migrate=False, create=False)
    with db.engine.connect() as conn:
        revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        last = int(conn.exec_driver_sql("SELECT max(month) FROM intervention").scalar() or 0)
        count = conn.exec_driver_sql("SELECT count(*) FROM intervention").scalar()
    if revision != head_revision():
        print(f"{args.db}: révision {revision}, attendu {head_revision()} : migrez une copie d'abord.", file=sys.stderr)
        return 2
    month = closure.month_key(args.month) if args.month else (last - 89 if last % 100 == 1 else last - 1)
    period = Period(month, month)
    choice = reports.structure_choice()

    print(f"machine     : {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"versions    : SQLite {sqlite3.sqlite_version}, SQLAlchemy {sqlalchemy.__version__}")
    print(f"load        : {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min)")
    print(f"database    : {args.db} ({args.db.stat().st_size / 2**20:,.0f} MiB, {count:,} interventions)")
    print(f"month       : {closure.month_text(month)}")
    figures: dict[str, Any] = {"month": month, "interventions": count, "repeat": args.repeat}

    # The indicators alone (issue 8 targets: a month under 0.5 s, ratio at most 2; a year under 2 s).
    for name, case in (("indicators_month", period), ("indicators_year", Period.year(month // 100))):
        statements = _recorded(db.engine, lambda case=case: indicators.build_report(db, case))
        app_s, _ = _best(lambda case=case: indicators.build_report(db, case), args.repeat)
        bare_s = _replay(args.db, statements, args.repeat)
        print(
            f"  {name:16} {app_s * 1000:8.1f} ms   raw sqlite3 {bare_s * 1000:8.1f} ms   "
            f"ratio {app_s / bare_s:5.2f}   ({len(statements)} statements)"
        )
        figures.update({f"{name}_s": round(app_s, 3), f"{name}_raw_s": round(bare_s, 3)})
        figures[f"{name}_ratio"] = round(app_s / bare_s, 2)

    queries = _recorded(db.engine, lambda: reports.build_document(db, period, choice))
    document_s, document = _best(lambda: reports.build_document(db, period, choice), args.repeat)
    raw_s = _replay(args.db, queries, args.repeat)
    with tempfile.TemporaryDirectory(prefix="medios-report-bench-") as tmp:
        xlsx_s, _ = _best(lambda: reports.write_report(document, "xlsx", Path(tmp) / "bilan.xlsx"), args.repeat)
        pdf_s, _ = _best(lambda: reports.write_report(document, "pdf", Path(tmp) / "bilan.pdf"), args.repeat)
        sizes = {fmt: (Path(tmp) / f"bilan.{fmt}").stat().st_size for fmt in ("xlsx", "pdf")}
    total_s = document_s + xlsx_s + pdf_s
    print(
        f"  document    {document_s * 1000:8.1f} ms   raw sqlite3 {raw_s * 1000:8.1f} ms   "
        f"ratio {document_s / raw_s:5.2f}   ({len(queries)} statements)"
    )
    print(f"  excel       {xlsx_s * 1000:8.1f} ms   ({sizes['xlsx'] / 1024:,.0f} KiB)")
    print(f"  pdf         {pdf_s * 1000:8.1f} ms   ({sizes['pdf'] / 1024:,.0f} KiB)")
    print(f"  total       {total_s:8.2f} s    (target: under 60 s)")
    figures.update(
        document_s=round(document_s, 3),
        document_raw_s=round(raw_s, 3),
        document_ratio=round(document_s / raw_s, 2),
        xlsx_s=round(xlsx_s, 3),
        pdf_s=round(pdf_s, 3),
        total_s=round(total_s, 2),
        xlsx_kib=round(sizes["xlsx"] / 1024),
        pdf_kib=round(sizes["pdf"] / 1024),
    )
    db.dispose()

    if args.close:
        with tempfile.TemporaryDirectory(prefix="medios-close-bench-", dir=args.db.parent) as tmp:
            copy = Path(tmp) / "copie.db"
            source = sqlite3.connect(args.db)
            source.execute("VACUUM INTO ?", (str(copy),))
            source.close()
            base = open_database(copy, migrate=False, create=False)
            today = reports.last_day(month)
            after = today.replace(day=28) + (today - today.replace(day=1))  # any day of the next month
            # The months of the year before M closed, as a coordinator closes them month after month: a
            # month report then reads M alone from the base (and M−1 and the year to date from snapshots).
            for earlier in Period(month // 100 * 100 + 1, month).months()[:-1]:
                closure.close_month(base, earlier, today=after)
            frozen = closure.frozen_figures(base, reports.structure_choice().scope)
            closed_s, _ = _best(lambda: indicators.build_report(base, period, frozen=frozen), args.repeat)
            print(f"  indicators_month with the earlier months closed {closed_s * 1000:8.1f} ms")
            figures["indicators_month_earlier_closed_s"] = round(closed_s, 3)
            started = time.perf_counter()
            close_queries = _recorded(base.engine, lambda: closure.close_month(base, month, today=after))
            close_s = time.perf_counter() - started
            base.dispose()
            close_raw_s = _replay(copy, close_queries, 1)
        print(
            f"  close month {close_s * 1000:8.1f} ms   raw sqlite3 {close_raw_s * 1000:8.1f} ms   "
            f"ratio {close_s / close_raw_s:5.2f}   ({len(close_queries)} statements)"
        )
        figures.update(
            close_s=round(close_s, 3), close_raw_s=round(close_raw_s, 3), close_ratio=round(close_s / close_raw_s, 2)
        )
    figures["rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
