"""Storage benchmark: what compact keys (16-byte UUIDs) and dropping unused indexes would save.

Run: ``.venv/bin/python benchmarks/storage_bench.py --db PATH [--year 2025]``

PATH is a migrated Médios base, typically the million-intervention demo
(``medios --db big.db demo --months 120 --mediators 40``). It is only read. Three copies are made
in a temporary folder beside it, with stdlib ``sqlite3`` in the same process:

1. ``text``: ``VACUUM INTO`` of the base as it is (UUIDs as 32-character hex text, SQLAlchemy's
   ``Uuid`` on SQLite), the baseline, so that free pages of the source do not count;
2. ``blob``: the same schema and rows with every UUID column stored as its 16 bytes;
3. ``blob-lean``: as 2, without the indexes that no query of the application reads.

For each copy: the file size, bytes per intervention, the size of every table and index (``dbstat``),
and, after ``ANALYZE``, the time of the aggregation and lookup queries the reports and the journal depend on (median of
``--repeat`` runs, warm cache). Ratios are against the ``text`` copy measured in the same run. The
last line is one JSON object of the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

# Indexes no query of the application reads (checked with ``grep`` and EXPLAIN QUERY PLAN when this
# script was written): updated_at (the interchange export walks the table by id, not by version).
# The reverse index of intervention_mediator was a candidate until the journal's mediator filter used it.
UNUSED_INDEXES = ("ix_intervention_updated_at",)


def _unhex(value: Any) -> Any:
    if isinstance(value, str) and len(value) == 32:
        return uuid.UUID(hex=value).bytes
    return value


def _uuid_columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")') if row[2].upper() == "CHAR(32)"}


def _schema(conn: sqlite3.Connection) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    rows = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
    ).fetchall()
    tables = [(name, sql) for kind, name, sql in rows if kind == "table"]
    indexes = [(name, sql) for kind, name, sql in rows if kind == "index"]
    return tables, indexes


def build_blob_copy(text_db: Path, target: Path, *, drop: Sequence[str] = ()) -> float:
    """Copy ``text_db`` into ``target`` with UUID columns as 16-byte blobs; return the seconds taken."""
    start = time.perf_counter()
    conn = sqlite3.connect(target, isolation_level=None)
    conn.create_function("unhex32", 1, _unhex, deterministic=True)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("ATTACH DATABASE ? AS src", (str(text_db),))
    src = sqlite3.connect(f"file:{text_db}?mode=ro", uri=True)
    tables, indexes = _schema(src)
    conn.execute("BEGIN")
    for name, sql in tables:
        conn.execute(sql)
        columns = [row[1] for row in src.execute(f'PRAGMA table_info("{name}")')]
        keyed = _uuid_columns(src, name)
        select = ", ".join(f'unhex32("{c}")' if c in keyed else f'"{c}"' for c in columns)
        names = ", ".join(f'"{c}"' for c in columns)
        conn.execute(f'INSERT INTO main."{name}" ({names}) SELECT {select} FROM src."{name}"')
    for name, sql in indexes:
        if name not in drop:
            conn.execute(sql)
    conn.execute("COMMIT")
    conn.execute("DETACH DATABASE src")
    conn.execute("VACUUM")
    conn.close()
    src.close()
    return time.perf_counter() - start


def object_sizes(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return dict(conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall())
    finally:
        conn.close()


def _year_bounds(year: int) -> tuple[int, int]:
    return year * 100 + 1, year * 100 + 12


LIVE = "i.deleted_at IS NULL"
QUERIES: dict[str, str] = {
    "year_by_registre": f"""
        SELECT i.registre, i.sub_registre, i.outcome, count(*), sum(i.duration_min)
        FROM intervention i WHERE i.month BETWEEN :lo AND :hi AND {LIVE}
        GROUP BY i.registre, i.sub_registre, i.outcome""",
    "year_by_place": f"""
        SELECT i.place, i.time_band, i.day_type, count(*), sum(i.duration_min)
        FROM intervention i WHERE i.month BETWEEN :lo AND :hi AND {LIVE}
        GROUP BY i.place, i.time_band, i.day_type""",
    "year_publics": f"""
        SELECT p.public_type, p.age_band, p.sex, sum(p.count)
        FROM intervention i JOIN intervention_public p ON p.intervention_id = i.id
        WHERE i.month BETWEEN :lo AND :hi AND {LIVE}
        GROUP BY p.public_type, p.age_band, p.sex""",
    "year_partners": f"""
        SELECT p.partner_type, p.role, count(*)
        FROM intervention i JOIN intervention_partner p ON p.intervention_id = i.id
        WHERE i.month BETWEEN :lo AND :hi AND {LIVE}
        GROUP BY p.partner_type, p.role""",
    "year_motifs": f"""
        SELECT m.motif, count(*)
        FROM intervention i JOIN intervention_motif m ON m.intervention_id = i.id
        WHERE i.month BETWEEN :lo AND :hi AND {LIVE}
        GROUP BY m.motif""",
    "year_mediators": f"""
        SELECT n, count(*) FROM (
            SELECT count(*) AS n FROM intervention i JOIN intervention_mediator m ON m.intervention_id = i.id
            WHERE i.month BETWEEN :lo AND :hi AND {LIVE} GROUP BY i.id)
        GROUP BY n""",
}


def _median_time(run: Callable[[], Any], repeat: int) -> float:
    run()  # warm the cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def time_queries(path: Path, year: int, sample_ids: list[str], *, blob: bool, repeat: int) -> dict[str, float]:
    conn = sqlite3.connect(path)
    conn.execute("ANALYZE")  # the same statistics for every copy, so that plans compare
    conn.execute("PRAGMA cache_size=-65536")
    lo, hi = _year_bounds(year)
    figures = {}
    try:
        for name, sql in QUERIES.items():
            figures[name] = _median_time(lambda sql=sql: conn.execute(sql, {"lo": lo, "hi": hi}).fetchall(), repeat)
        keys: list[Any] = [uuid.UUID(hex=k).bytes for k in sample_ids] if blob else sample_ids

        def lookups() -> None:
            for key in keys:
                conn.execute("SELECT * FROM intervention WHERE id = ?", (key,)).fetchone()
                conn.execute("SELECT * FROM intervention_public WHERE intervention_id = ?", (key,)).fetchall()

        figures["lookup_1000_by_id"] = _median_time(lookups, repeat)
        figures["year_total"] = sum(figures[name] for name in QUERIES)
    finally:
        conn.close()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="migrated Médios base (read only)")
    parser.add_argument("--year", type=int, help="year of the aggregation queries (default: the last full year)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the copies (printed) instead of deleting them")
    args = parser.parse_args()
    if not args.db.is_file():
        parser.error(f"{args.db}: no such file")
    work = Path(tempfile.mkdtemp(prefix="medios-storage-", dir=args.db.parent))
    try:
        text_db = work / "text.db"
        start = time.perf_counter()
        src = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
        src.execute("VACUUM INTO ?", (str(text_db),))
        src.close()
        text_copy_s = time.perf_counter() - start
        blob_db, lean_db = work / "blob.db", work / "blob-lean.db"
        blob_s = build_blob_copy(text_db, blob_db)
        lean_s = build_blob_copy(text_db, lean_db, drop=UNUSED_INDEXES)

        conn = sqlite3.connect(f"file:{text_db}?mode=ro", uri=True)
        interventions = conn.execute("SELECT count(*) FROM intervention").fetchone()[0]
        last = conn.execute("SELECT max(month) FROM intervention").fetchone()[0]
        year = args.year or (last // 100 - 1)
        ids = [row[0] for row in conn.execute("SELECT id FROM intervention")]
        conn.close()
        sample = random.Random(1).sample(ids, min(1000, len(ids)))
        del ids

        variants = {"text": text_db, "blob": blob_db, "blob-lean": lean_db}
        sizes = {name: path.stat().st_size for name, path in variants.items()}
        objects = {name: object_sizes(path) for name, path in variants.items()}
        timings = {
            name: time_queries(path, year, sample, blob=name != "text", repeat=args.repeat)
            for name, path in variants.items()
        }

        print(f"machine   : {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"versions  : SQLite {sqlite3.sqlite_version}")
        print(f"base      : {args.db} ({interventions:,} interventions); aggregation year {year}")
        print(f"copies    : text {text_copy_s:.0f} s, blob {blob_s:.0f} s, blob-lean {lean_s:.0f} s to build")
        print()
        print(f"{'object':45} " + " ".join(f"{name:>12}" for name in variants))
        names = sorted(objects["text"], key=lambda n: -objects["text"][n])
        for obj in (n for n in names if objects["text"][n] >= sizes["text"] / 1000):  # the objects that matter
            cells = " ".join(f"{objects[v].get(obj, 0) / 1e6:10.1f}MB" for v in variants)
            print(f"{obj:45} {cells}")
        print()
        for name in variants:
            print(
                f"{name:10}: {sizes[name] / 1e6:8.1f} MB, {sizes[name] / interventions:6.0f} bytes per intervention"
                f" ({sizes[name] / sizes['text']:.2f} of text)"
            )
        print()
        print(f"{'query (median, s)':22} " + " ".join(f"{name:>10}" for name in variants) + "   blob/text")
        for query in timings["text"]:
            cells = " ".join(f"{timings[v][query]:10.4f}" for v in variants)
            print(f"{query:22} {cells}   {timings['blob'][query] / timings['text'][query]:6.2f}")
        figures = {
            "interventions": interventions,
            "year": year,
            "bytes_per_intervention": {v: round(sizes[v] / interventions) for v in variants},
            "size_mb": {v: round(sizes[v] / 1e6, 1) for v in variants},
            "size_ratio_blob": round(sizes["blob"] / sizes["text"], 3),
            "size_ratio_blob_lean": round(sizes["blob-lean"] / sizes["text"], 3),
            "unused_indexes_mb": {i: round(objects["text"].get(i, 0) / 1e6, 1) for i in UNUSED_INDEXES},
            "year_total_s": {v: round(timings[v]["year_total"], 4) for v in variants},
            "lookup_1000_s": {v: round(timings[v]["lookup_1000_by_id"], 4) for v in variants},
            "time_ratio_blob_year": round(timings["blob"]["year_total"] / timings["text"]["year_total"], 3),
        }
        if args.keep:
            print(f"copies kept in {work}")
        print(json.dumps(figures))
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
