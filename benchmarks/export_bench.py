"""Export benchmark: ``export_jsonl`` against a raw ``sqlite3`` + ``json`` script writing the same bytes.

Run: ``.venv/bin/python benchmarks/export_bench.py --db COPY.db [--repeat 3]`` on a copy of a big base
(it is migrated to this branch's schema if needed: never point it at a base someone else uses), or
without ``--db`` for a quick run on a demo base made in a temporary folder (``--months``, ``--mediators``).

1. ``medios.services.interchange.export_jsonl`` writes the live interventions to a file (what
   ``medios export-jsonl -o FILE`` does: Core cursor, chunked child queries, atomic write, fsync).
2. Baseline, same process, same file system: :func:`raw_export`, stdlib ``sqlite3`` with the same
   pragmas, one ordered cursor read in chunks, one ``IN`` query per child table and chunk, string slicing
   for the stored UUIDs and timestamps, ``json.dumps`` of each line, write and fsync.
3. Both outputs are compared by SHA-256 (they must be the same bytes).  Each run is a fresh process
   (its peak RSS, VmHWM, is that export's alone: interpreter and imports included); the runs alternate
   and the best of ``--repeat`` is kept for each.

Targets (issue #6, item 4): at most 1.5 times the raw script, peak RSS under 200 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import platform
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

RAW_CHUNK = 500
RAW_COLUMNS = (
    "id, date, start_time, duration_min, dispositif_id, commune, qpv, place, registre, sub_registre, domain, "
    "origin, modality, tension, outcome, consent, follow_up_of, presence_id, updated_at, device_id"
)


def _hyphenated(stored: str | bytes) -> str:
    """A stored key as text: 32 hex digits (schema 0002) or 16 big-endian bytes (schema 0005)."""
    hex32 = stored.hex() if isinstance(stored, bytes) else stored
    return f"{hex32[:8]}-{hex32[8:12]}-{hex32[12:16]}-{hex32[16:20]}-{hex32[20:]}"


def raw_export(database: Path, target: Path) -> int:
    """The export written by hand with stdlib ``sqlite3`` and ``json``; returns the line count."""
    con = sqlite3.connect(database, isolation_level=None)
    con.execute("PRAGMA cache_size=-16384")  # what medios.db.streaming.bounded_cache gives the export
    con.execute("BEGIN")  # one snapshot, as the app
    mediators = {
        key: (pseudonym, _hyphenated(key)) for key, pseudonym in con.execute("SELECT id, pseudonym FROM mediator")
    }
    dispositifs = dict(con.execute("SELECT id, name FROM dispositif"))
    cursor = con.execute(
        f"SELECT {RAW_COLUMNS} FROM intervention WHERE deleted_at IS NULL ORDER BY date, start_time, id"  # noqa: S608
    )
    count = 0
    with target.open("w", encoding="utf-8", newline="") as out:
        while rows := cursor.fetchmany(RAW_CHUNK):
            ids = [row[0] for row in rows]
            marks = ",".join("?" * len(ids))
            of_mediators: dict[str | bytes, list[tuple[str, str]]] = {}
            of_motifs: dict[str | bytes, list[str]] = {}
            of_publics: dict[str | bytes, list[tuple[str, str, str, int]]] = {}
            of_partners: dict[str | bytes, list[tuple[str, str]]] = {}
            for key, mediator in con.execute(
                f"SELECT intervention_id, mediator_id FROM intervention_mediator WHERE intervention_id IN ({marks})",  # noqa: S608
                ids,
            ):
                of_mediators.setdefault(key, []).append(mediators[mediator])
            for key, motif in con.execute(
                f"SELECT intervention_id, motif FROM intervention_motif WHERE intervention_id IN ({marks})",  # noqa: S608
                ids,
            ):
                of_motifs.setdefault(key, []).append(motif)
            for key, p_type, age, sex, number in con.execute(
                "SELECT intervention_id, public_type, age_band, sex, count FROM intervention_public "
                f"WHERE intervention_id IN ({marks})",  # noqa: S608
                ids,
            ):
                of_publics.setdefault(key, []).append((p_type, age, sex, number))
            for key, p_type, role in con.execute(
                f"SELECT intervention_id, partner_type, role FROM intervention_partner WHERE intervention_id IN ({marks})",  # noqa: S608
                ids,
            ):
                of_partners.setdefault(key, []).append((p_type, role))
            targets = list({row[16] for row in rows if row[16] is not None})
            deleted = (
                {
                    key
                    for (key,) in con.execute(
                        f"SELECT id FROM intervention WHERE deleted_at IS NOT NULL AND id IN ({','.join('?' * len(targets))})",  # noqa: S608
                        targets,
                    )
                }
                if targets
                else set()
            )
            for (
                key, date, start, duration, dispositif, commune, qpv, place, registre, sub_registre, domain,
                origin, modality, tension, outcome, consent, follow_up_of, presence_id, updated_at, device_id,
            ) in rows:  # fmt: skip
                line: dict[str, object] = {
                    "id": _hyphenated(key),
                    "date": date,
                    "start": start[:5],
                    "duration_min": duration,
                    "mediators": [{"id": m_id, "pseudonym": p} for p, m_id in sorted(of_mediators.get(key, ()))],
                }
                if dispositif is not None:
                    line["dispositif"] = dispositifs[dispositif]
                line["commune"] = commune
                if qpv is not None:
                    line["qpv"] = qpv
                line["place"] = place
                line["registre"] = registre
                if sub_registre is not None:
                    line["sub_registre"] = sub_registre
                line["domain"] = domain
                line["motifs"] = sorted(of_motifs.get(key, ()))
                if origin != "NR":
                    line["origin"] = origin
                if modality != "NR":
                    line["modality"] = modality
                if tension != "NR":
                    line["tension"] = int(tension)
                line["publics"] = [
                    {"type": t, "age": a, "sex": s, "count": c} for t, a, s, c in sorted(of_publics.get(key, ()))
                ]
                line["partners"] = [{"type": t, "role": r} for t, r in sorted(of_partners.get(key, ()))]
                line["outcome"] = outcome
                if consent != "NR":
                    line["consent"] = consent
                if follow_up_of is not None and follow_up_of not in deleted:
                    line["follow_up_of"] = _hyphenated(follow_up_of)
                if presence_id is not None:
                    line["presence_id"] = _hyphenated(presence_id)
                line["updated_at"] = updated_at.replace(" ", "T") + "Z"
                line["device_id"] = device_id
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
            count += len(rows)
        out.flush()
        os.fsync(out.fileno())
    con.close()
    return count


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _peak_mb() -> float:
    """This process's peak resident set (VmHWM), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _run(which: str, database: Path, target: Path) -> tuple[float, int, float]:
    """One export in this (fresh) process: (seconds, lines, peak RSS in MB)."""
    if which == "medios":
        from medios.db import open_database  # imported here: the raw runs' processes never load medios
        from medios.services.interchange import export_jsonl

        start = time.perf_counter()
        db = open_database(database, create=False)
        lines = export_jsonl(db, target)
        db.dispose()
    else:
        start = time.perf_counter()
        lines = raw_export(database, target)
    return time.perf_counter() - start, lines, _peak_mb()


def _in_child(which: str, database: Path, target: Path) -> tuple[float, int, float]:
    """:func:`_run` in a new interpreter, so that each peak RSS is that export's alone."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(_run, (which, database, target))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a copy of a big base (migrated if needed)")
    parser.add_argument("--months", type=int, default=3, help="without --db: months of demo activity")
    parser.add_argument("--mediators", type=int, default=10, help="without --db: demo mediators")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, help="folder for the two output files (default: a temporary folder)")
    args = parser.parse_args()
    import sqlalchemy

    from medios.db import open_database

    work = Path(tempfile.mkdtemp(prefix="medios-export-bench-"))
    os.environ["MEDIOS_HOME"] = str(work / "home")
    try:
        if args.db is None:
            from medios.demo import generate_demo

            database = work / "demo.db"
            demo = open_database(database)
            generate_demo(demo, months=args.months, mediators=args.mediators, seed=1, today=dt.date(2026, 11, 25))
            demo.dispose()
        else:
            database = args.db
        folder = args.out or work
        app_file, raw_file = folder / "app.jsonl", folder / "raw.jsonl"
        app_runs: list[float] = []
        raw_runs: list[float] = []
        app_peak = raw_peak = 0.0
        lines = 0
        for _ in range(args.repeat):  # alternated: a change of load touches both
            seconds, lines, peak = _in_child("medios", database, app_file)
            app_runs.append(seconds)
            app_peak = max(app_peak, peak)
            seconds, raw_lines, peak = _in_child("raw", database, raw_file)
            raw_runs.append(seconds)
            raw_peak = max(raw_peak, peak)
            assert raw_lines == lines, (raw_lines, lines)
        app_sha, raw_sha = _sha256(app_file), _sha256(raw_file)
        assert app_sha == raw_sha, f"the raw script and the app wrote different bytes: {raw_file} {app_file}"
        size_mb = app_file.stat().st_size / 1e6
        app_s, raw_s = min(app_runs), min(raw_runs)
        ratio = app_s / raw_s
        pairs = sorted(a / r for a, r in zip(app_runs, raw_runs, strict=True))  # each run next to its own baseline
        median_pair = (
            pairs[len(pairs) // 2] if len(pairs) % 2 else (pairs[len(pairs) // 2 - 1] + pairs[len(pairs) // 2]) / 2
        )
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"machine     : {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"versions    : SQLite {sqlite3.sqlite_version}, SQLAlchemy {sqlalchemy.__version__}")
        print(f"load        : {load:.2f} (1-minute load average at the end: timings are noisy above the core count)")
        print(f"base        : {database} ({database.stat().st_size / 1e6:,.0f} MB), {lines:,} live interventions")
        print(f"output      : {size_mb:,.1f} MB, SHA-256 {app_sha} (the same for both)")
        print(f"medios      : {app_s:7.2f} s  best of {app_runs and len(app_runs)} ({lines / app_s:,.0f} lines/s)")
        print(f"raw sqlite3 : {raw_s:7.2f} s  best of {len(raw_runs)} ({lines / raw_s:,.0f} lines/s; sqlite3 + json)")
        print(
            f"ratio       : {ratio:7.2f}  best to best; median of the pairs run side by side {median_pair:.2f} (target <= 1.5)"
        )
        print(
            f"peak RSS    : medios {app_peak:,.0f} MB, raw {raw_peak:,.0f} MB (VmHWM of each run's own process; target < 200 MB)"
        )
        ok = ratio <= 1.5 and app_peak < 200
        print("result      : " + ("PASS" if ok else "FAIL") + " (targets: ratio <= 1.5 and peak RSS < 200 MB)")
        figures = {
            "benchmark": "export",
            "lines": lines,
            "output_mb": round(size_mb, 1),
            "medios_s": round(app_s, 2),
            "medios_runs_s": [round(s, 2) for s in app_runs],
            "raw_s": round(raw_s, 2),
            "raw_runs_s": [round(s, 2) for s in raw_runs],
            "ratio": round(ratio, 3),
            "pair_ratios": [round(r, 3) for r in pairs],
            "median_pair_ratio": round(median_pair, 3),
            "lines_per_s": round(lines / app_s),
            "raw_lines_per_s": round(lines / raw_s),
            "peak_rss_mb": round(app_peak, 1),
            "raw_peak_rss_mb": round(raw_peak, 1),
            "sha256": app_sha,
            "identical": app_sha == raw_sha,
            "load_avg_1min": round(load, 2),
            "sqlite": sqlite3.sqlite_version,
            "sqlalchemy": sqlalchemy.__version__,
            "python": platform.python_version(),
            "pass": ok,
        }
        print(json.dumps(figures))
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
