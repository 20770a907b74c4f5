"""Encryption benchmark: what SQLCipher costs on opening the base, on the journal's first screen and on the
monthly indicators, as ratios to the same base unencrypted, in the same run.

Run: ``.venv/bin/python benchmarks/crypto_bench.py [--db PATH] [--months 24] [--mediators 10] [--runs 7]``

Without ``--db``, a demonstration base is generated in a temporary folder (``--months`` of activity,
``--mediators`` mediators); with ``--db``, a clear base at the head revision (a migrated copy of a big
demonstration base: ``medios demo --months 120 --mediators 40`` gives about a million interventions)
is used as it is and never written.  Its encrypted twin is written beside it by ``sqlcipher_export``
(:func:`medios.db.crypto.export_copy`, a random 256-bit raw key, as ``medios encrypt`` does), so both
files hold the same pages; the OS cache is warmed on both before timing.

Cases, each the median of ``--runs`` runs, clear and encrypted alternating run after run (a change of
the machine's load hits both):

* ``open``: :func:`medios.db.open_database` (no migration) and a first query, then dispose; next to it
  the bare driver (stdlib ``sqlite3`` / ``sqlcipher3`` with ``PRAGMA key``) connecting and reading one row;
* ``journal_cold``: a new engine, then the journal's first screen (:func:`medios.services.journal.first_page`,
  100 rows): what the window does at start, every page read from the file and decrypted;
* ``journal_warm``: the first screen again on an open engine (pages in SQLite's cache);
* ``indicators_cold`` / ``indicators_warm``: the monthly report
  (:func:`medios.services.indicators.build_report`, month M of the base with M−1 and the year to date).

Targets (issue 10): opening under 50 ms extra, queries at most 1.7 times the clear base.  The last line
is one JSON object of the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy
import sqlcipher3

from medios.db import crypto, open_database
from medios.db.migrate import head_revision
from medios.services import aggregates as ag
from medios.services import journal
from medios.services.indicators import build_report

OPEN_EXTRA_MS = 50.0
QUERY_RATIO = 1.7


def _timed(work: Callable[[], Any]) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


def alternate(clear: Callable[[], Any], encrypted: Callable[[], Any], runs: int) -> tuple[float, float]:
    """Median milliseconds of each, run after run, after one untimed run of each."""
    clear()
    encrypted()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        times[0].append(_timed(clear))
        times[1].append(_timed(encrypted))
    return statistics.median(times[0]), statistics.median(times[1])


def _warm_os_cache(*paths: Path) -> None:
    for path in paths:
        with path.open("rb") as handle:
            while handle.read(1 << 20):
                pass


def _demo_base(folder: Path, months: int, mediators: int) -> Path:
    from medios.demo import generate_demo

    path = folder / "clair.db"
    db = open_database(path)
    try:
        report = generate_demo(db, months=months, mediators=mediators)
        print(f"demo        : {report.interventions:,} interventions over {months} months")
    finally:
        db.dispose()
    return path


def _revision(path: Path, key: bytes | None) -> str:
    con = crypto.connect(path, mode="ro", key=key)
    try:
        return str(con.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        con.close()


def _last_month(db: Any) -> ag.Period:
    with db.engine.connect() as conn:
        last = int(conn.exec_driver_sql("SELECT max(month) FROM intervention").scalar())
    year, month = divmod(last, 100)
    return ag.Period.month(year, month)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="a clear base at the head revision (otherwise a demo is generated)")
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--mediators", type=int, default=10)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="medios-crypto-bench-") as tmp:
        folder = Path(tmp)
        os.environ["MEDIOS_HOME"] = str(folder / "home")  # backups and logs of the run: temporary
        clear = args.db.resolve() if args.db else _demo_base(folder, args.months, args.mediators)
        if crypto.is_encrypted(clear):
            print(f"{clear}: give a clear base (medios decrypt-copy writes one).", file=sys.stderr)
            return 2
        if _revision(clear, None) != head_revision():
            print(f"{clear}: not at the head revision {head_revision()}: migrate a copy first.", file=sys.stderr)
            return 2
        key = secrets.token_bytes(crypto.KEY_BYTES)
        encrypted = folder / "chiffre.db"
        start = time.perf_counter()
        crypto.export_copy(clear, encrypted, source_key=None, target_key=key)
        export_s = time.perf_counter() - start
        crypto.remember_key(encrypted, key)
        _warm_os_cache(clear, encrypted)

        print(f"machine     : {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print(
            f"versions    : SQLite {sqlite3.sqlite_version}, SQLCipher's SQLite {sqlcipher3.sqlite_version}, "
            f"SQLAlchemy {sqlalchemy.__version__}"
        )
        print(f"load        : {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min)")
        print(
            f"bases       : {clear} ({clear.stat().st_size / 1e6:,.1f} MB), encrypted copy "
            f"{encrypted.stat().st_size / 1e6:,.1f} MB written in {export_s:.2f} s"
        )
        print(f"median of {args.runs} runs, clear and encrypted alternating\n")

        def open_and_read(path: Path) -> Callable[[], Any]:
            def run() -> Any:
                db = open_database(path, migrate=False, create=False)
                try:
                    with db.engine.connect() as conn:
                        return conn.exec_driver_sql("SELECT count(*) FROM structure").scalar()
                finally:
                    db.dispose()

            return run

        def bare(path: Path, key: bytes | None) -> Callable[[], Any]:
            def run() -> Any:
                con = crypto.connect(path, key=key)
                try:
                    return con.execute("SELECT count(*) FROM structure").fetchone()
                finally:
                    con.close()

            return run

        def cold(path: Path, work: Callable[[Any], Any]) -> Callable[[], Any]:
            def run() -> Any:
                db = open_database(path, migrate=False, create=False)
                try:
                    return work(db)
                finally:
                    db.dispose()

            return run

        def first_screen(db: Any) -> Any:
            return journal.first_page(db, limit=100)

        clear_db = open_database(clear, migrate=False, create=False)
        encrypted_db = open_database(encrypted, migrate=False, create=False)
        period = _last_month(clear_db)

        def indicators(db: Any) -> Any:
            return build_report(db, period)

        try:
            cases: dict[str, tuple[Callable[[], Any], Callable[[], Any]]] = {
                "open": (open_and_read(clear), open_and_read(encrypted)),
                "open_bare_driver": (bare(clear, None), bare(encrypted, key)),
                "journal_cold": (cold(clear, first_screen), cold(encrypted, first_screen)),
                "journal_warm": (lambda: first_screen(clear_db), lambda: first_screen(encrypted_db)),
                "indicators_cold": (cold(clear, indicators), cold(encrypted, indicators)),
                "indicators_warm": (lambda: indicators(clear_db), lambda: indicators(encrypted_db)),
            }
            figures: dict[str, Any] = {
                "interventions": int(
                    clear_db.engine.connect().exec_driver_sql("SELECT count(*) FROM intervention").scalar()
                ),
                "size_mb": round(clear.stat().st_size / 1e6, 1),
                "month": period.first,
                "runs": args.runs,
                "cases": {},
            }
            print(f"{'case':18} {'clear ms':>10} {'encrypted ms':>13} {'extra ms':>9} {'ratio':>6}")
            for name, (on_clear, on_encrypted) in cases.items():
                clear_ms, encrypted_ms = alternate(on_clear, on_encrypted, args.runs)
                ratio = encrypted_ms / clear_ms if clear_ms else float("nan")
                figures["cases"][name] = {
                    "clear_ms": round(clear_ms, 2),
                    "encrypted_ms": round(encrypted_ms, 2),
                    "extra_ms": round(encrypted_ms - clear_ms, 2),
                    "ratio": round(ratio, 3),
                }
                print(f"{name:18} {clear_ms:10.2f} {encrypted_ms:13.2f} {encrypted_ms - clear_ms:9.2f} {ratio:6.2f}")
        finally:
            clear_db.dispose()
            encrypted_db.dispose()
            crypto.forget_key(encrypted)

    extra = figures["cases"]["open"]["extra_ms"]
    worst = max(figures["cases"][c]["ratio"] for c in figures["cases"] if c.startswith(("journal", "indicators")))
    figures["open_extra_ms"] = extra
    figures["worst_query_ratio"] = worst
    figures["targets_met"] = extra < OPEN_EXTRA_MS and worst <= QUERY_RATIO
    print(
        f"\nopening: {extra:+.2f} ms with encryption (target under {OPEN_EXTRA_MS:.0f} ms); "
        f"worst query ratio {worst:.2f} (target at most {QUERY_RATIO})"
    )
    print(json.dumps(figures))
    return 0 if figures["targets_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
