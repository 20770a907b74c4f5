"""Demo benchmark: ``medios demo --months 120 --mediators 40`` (about a million interventions).

Run: ``.venv/bin/python benchmarks/demo_bench.py [--months 120] [--mediators 40] [--seed 1]``

1. Generates the demonstration data into a freshly migrated database with
   ``medios.demo.generate_demo`` (rows built in Python, bulk inserts, one transaction) and
   prints its time, row counts, file size and the process' peak memory.
2. Baseline, same process: every activity row the demo wrote is read back table by table and inserted
   with stdlib ``sqlite3`` ``executemany`` into a second freshly migrated database (same schema,
   indexes and pragmas), in one transaction; only the inserts are timed.

The issue's target is that the large demo finishes and reports its size; the ratio shows what the
generation of realistic rows costs on top of the raw inserts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy

from medios.db import open_database
from medios.db.engine import driver_execute
from medios.demo import generate_demo

ACTIVITY_TABLES = (
    "presence_active",
    "presence_mediator",
    "intervention",
    "intervention_mediator",
    "intervention_motif",
    "intervention_public",
    "intervention_partner",
    "tech_signalement",
    "action_collective",
    "action_mediator",
    "action_public",
    "action_partner",
    "partner_meeting",
    "meeting_mediator",
    "meeting_partner",
)
CHUNK = 50_000


def baseline(source: Path, target: Path) -> tuple[float, int]:
    """Copy the activity rows with raw sqlite3, timing only ``executemany``; returns (seconds, rows)."""
    src = sqlite3.connect(source)
    con = sqlite3.connect(target, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=OFF", "cache_size=-65536"):
        con.execute(f"PRAGMA {pragma}")
    # Reference rows (structure, mediators, dispositifs…) first, untimed: the activity rows point to them.
    con.execute("BEGIN")
    reference = [
        name
        for (name,) in src.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        if name not in ACTIVITY_TABLES and name not in ("alembic_version",)
    ]
    for table in reference:
        con.execute(f"DELETE FROM {table}")  # noqa: S608 - names from sqlite_master
        rows = src.execute(f"SELECT * FROM {table}").fetchall()  # noqa: S608
        if rows:
            con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)  # noqa: S608
    con.execute("COMMIT")
    elapsed, total = 0.0, 0
    con.execute("BEGIN")
    for table in ACTIVITY_TABLES:
        cursor = src.execute(
            f"SELECT * FROM {table} ORDER BY rowid" if _has_rowid(src, table) else f"SELECT * FROM {table}"
        )  # noqa: S608
        while rows := cursor.fetchmany(CHUNK):
            sql = f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})"  # noqa: S608
            start = time.perf_counter()
            con.executemany(sql, rows)
            elapsed += time.perf_counter() - start
            total += len(rows)
    start = time.perf_counter()
    con.execute("COMMIT")
    elapsed += time.perf_counter() - start
    src.close()
    con.close()
    return elapsed, total


def _has_rowid(con: sqlite3.Connection, table: str) -> bool:
    try:
        con.execute(f"SELECT rowid FROM {table} LIMIT 1")  # noqa: S608
    except sqlite3.OperationalError:
        return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--months", type=int, default=120)
    parser.add_argument("--mediators", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="medios-demo-bench-"))
    os.environ["MEDIOS_HOME"] = str(work / "home")
    try:
        template = work / "template.db"
        db = open_database(template)
        with db.engine.connect() as conn:
            driver_execute(conn, "PRAGMA wal_checkpoint(TRUNCATE)")
        db.dispose()

        demo_db = work / "demo.db"
        shutil.copy2(template, demo_db)
        db = open_database(demo_db)
        start = time.perf_counter()
        report = generate_demo(db, months=args.months, mediators=args.mediators, seed=args.seed, today=dt.date.today())
        demo_s = time.perf_counter() - start
        with db.engine.connect() as conn:
            driver_execute(conn, "PRAGMA wal_checkpoint(TRUNCATE)")
        db.dispose()
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        raw_db = work / "raw.db"
        shutil.copy2(template, raw_db)
        raw_s, raw_rows = baseline(demo_db, raw_db)

        print(f"machine     : {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"versions    : SQLite {sqlite3.sqlite_version}, SQLAlchemy {sqlalchemy.__version__}")
        print(
            f"demo        : {args.months} months x {args.mediators} mediators: {report.interventions:,} interventions, "
            f"{report.presences:,} presence blocks, {report.actions:,} actions, {report.meetings:,} meetings"
        )
        print(
            f"size        : {demo_db.stat().st_size / 1e6:,.1f} MB; {raw_rows:,} activity rows in {len(ACTIVITY_TABLES)} tables"
        )
        print(
            f"medios demo : {demo_s:7.1f} s  ({report.interventions / demo_s:,.0f} interventions/s), peak memory {peak_mb:,.0f} MB"
        )
        print(f"raw sqlite3 : {raw_s:7.1f} s  (executemany of the same rows, same schema and indexes)")
        print(
            f"ratio       : {demo_s / raw_s:7.2f}  (generation of realistic rows plus inserts, against inserts alone)"
        )
        figures = {
            "months": args.months,
            "mediators": args.mediators,
            "interventions": report.interventions,
            "rows": raw_rows,
            "size_mb": round(demo_db.stat().st_size / 1e6, 1),
            "demo_s": round(demo_s, 2),
            "raw_sqlite3_s": round(raw_s, 2),
            "ratio_raw": round(demo_s / raw_s, 3),
            "peak_mb": round(peak_mb),
        }
        print(json.dumps(figures))
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
