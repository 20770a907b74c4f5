"""Import benchmark: 100,000 interventions from JSONL against raw ``sqlite3.executemany``.

Run: ``.venv/bin/python benchmarks/import_bench.py [--rows 100000] [--seed 7]``

1. Writes a seeded JSONL file in the interchange format v1 (realistic mix of mediators, motifs,
   publics and partners per line).
2. Imports it with ``medios.services.interchange.import_jsonl`` into a freshly migrated database
   (parse, validate every line, resolve references, bulk insert, one transaction).
3. Baseline, same process: the very rows the import wrote (interventions and the four child tables)
   are read back, then inserted with stdlib ``sqlite3`` ``executemany`` into a second freshly migrated
   database with the same schema, indexes and pragmas, in one transaction.

4. Peak memory of the import itself: the high-water mark of the process's resident set is reset
   just before the import (Linux ``/proc/self/clear_refs``) and read just after (``VmHWM``); where
   that is not available, ``ru_maxrss`` of the whole run is reported instead.

Targets (issue #6): at most 2.5 times the baseline, under 8 s for 100,000 lines on a quiet 2-core
machine, and a peak resident set under 300 MB whatever the number of lines (try ``--rows 1000000``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy

from medios.db import open_database
from medios.db.engine import driver_execute
from medios.services import structure
from medios.services.interchange import import_jsonl

TABLES = ("intervention", "intervention_mediator", "intervention_motif", "intervention_public", "intervention_partner")
DISPOSITIFS = ("Médiation habitat", "Correspondants de nuit", "Médiation scolaire", "Accès aux droits")
PROFILES = [
    # registre, sub_registre, places, domain, motifs, outcomes, partners
    (
        "CONF",
        "CONF_TR",
        ["HAB_PC", "RUE", "HAB_ABORDS"],
        "HABITAT",
        ["HALL", "BRUIT", "VOISINAGE", "ALTERCATION"],
        ["APAISE", "ACCORD", "PARTIEL"],
        [],
    ),
    (
        "CONF",
        "CONF_DIF",
        ["PERMANENCE", "HAB_LOGT"],
        "HABITAT",
        ["VOISINAGE", "BRUIT"],
        ["ACCORD", "NON_RESOLU", "EN_COURS"],
        [],
    ),
    (
        "MER",
        "MER_INFO",
        ["PERMANENCE", "RUE"],
        "DROITS",
        ["DEMARCHE_ADMIN", "NUMERIQUE", "LOGEMENT_DEMANDE"],
        ["ORIENTE", "INFO"],
        [("CAF", "ORIENTE"), ("CCAS", "ORIENTE")],
    ),
    (
        "MER",
        "MER_ACC",
        ["PERMANENCE"],
        "DROITS",
        ["DEMARCHE_ADMIN", "ENERGIE_EAU"],
        ["ORIENTE", "EN_COURS"],
        [("FRANCE_SERVICES", "ORIENTE")],
    ),
    (
        "VTEC",
        None,
        ["HAB_PC", "RUE"],
        "CADRE_VIE",
        ["DEGRADATION", "RECLAMATION"],
        ["SIGNALE"],
        [("BAILLEUR", "ALERTE"), ("COMMUNE", "ALERTE")],
    ),
    (
        "VSOC",
        None,
        ["RUE", "HAB_LOGT"],
        "ESP_PUB",
        ["ISOLEMENT", "ERRANCE"],
        ["ORIENTE", "EN_COURS", "INFO"],
        [("CCAS", "ALERTE")],
    ),
    (
        "PAP",
        None,
        ["RUE", "TRANS_ARRET", "COMMERCE"],
        "ESP_PUB",
        ["RASSEMBLEMENT", "INCIVILITE"],
        ["INFO", "APAISE"],
        [],
    ),
    (
        "SENS",
        None,
        ["SCOL_IN", "SCOL_ABORDS"],
        "SCOLAIRE",
        ["CONFLIT_ELEVES", "ABORDS_SCOL"],
        ["INFO", "APAISE"],
        [("EDUCATION_NATIONALE", "CO_INTERVENTION")],
    ),
]
PUBLIC_TYPES = ["HABITANT", "JEUNE", "PARENT", "SENIOR", "ENFANT_ELEVE", "USAGER"]
AGES = ["A12_17", "A18_24", "A25_39", "A40_59", "A60_69", "A70_PLUS", "NC"]
SEXES = ["F", "M", "NC"]


def write_jsonl(path: Path, rows: int, seed: int, mediators: list[dict[str, str]], today: dt.date) -> None:
    """Lines as another laptop's export writes them: mediators by id and pseudonym, with a version."""
    rng = random.Random(seed)
    first = today - dt.timedelta(days=730)
    with path.open("w", encoding="utf-8") as out:
        for _ in range(rows):
            registre, sub, places, domain, motifs, outcomes, partners = rng.choice(PROFILES)
            day = first + dt.timedelta(days=rng.randrange(730))
            line = {
                "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "date": day.isoformat(),
                "start": f"{rng.randrange(8, 23):02d}:{rng.randrange(0, 60, 5):02d}",
                "duration_min": rng.choice([5, 10, 15, 20, 30, 45, 60, 90]),
                "mediators": rng.sample(mediators, rng.choice([1, 1, 1, 2])),
                "dispositif": rng.choice(DISPOSITIFS),
                "commune": rng.choice(["93066", "93008", "93070"]),
                "qpv": rng.choice(["QN09301M", "QN09302M", "QN09303M", "HORS_QPV", None]),
                "place": rng.choice(places),
                "registre": registre,
                "domain": domain,
                "motifs": rng.sample(motifs, rng.randrange(0, min(3, len(motifs)) + 1)),
                "origin": rng.choice(["ALLER_VERS", "ALLER_VERS", "HABITANT", "PARTENAIRE"]),
                "modality": rng.choice(["INDIVIDUEL", "GROUPE", "ENTRE_PARTIES"]),
                "tension": rng.choice([1, 1, 1, 2, 3]),
                "publics": [
                    {"type": t, "age": rng.choice(AGES), "sex": rng.choice(SEXES), "count": rng.randint(1, 4)}
                    for t in rng.sample(PUBLIC_TYPES, rng.randrange(0, 3))
                ],
                "partners": [{"type": t, "role": r} for t, r in partners[: rng.randrange(0, len(partners) + 1)]],
                "outcome": rng.choice(outcomes),
                "updated_at": f"{day.isoformat()}T{rng.randrange(8, 23):02d}:{rng.randrange(60):02d}:00.000000Z",
                "device_id": "0b5c2f3e-9d41-4a7e-8f60-2c1d3e4f5a6b",
            }
            if sub:
                line["sub_registre"] = sub
            if line["qpv"] is None:
                del line["qpv"]
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


def prepare(template: Path, target: Path) -> None:
    shutil.copy2(template, target)


def reset_peak_rss() -> bool:
    """Reset the process's resident-set high-water mark (Linux); False where it cannot be."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def peak_rss_mb(reset: bool) -> float:
    """The resident-set high-water mark in MB: since the reset (``VmHWM``), else of the whole run."""
    if reset:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / 1e6
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6


BATCH = 50_000  # rows read back at a time for the baseline (a million-line run would not fit otherwise)


def baseline(source: Path, target: Path) -> tuple[float, float, int]:
    """Insert with raw sqlite3 the rows the import wrote; returns (seconds, CPU seconds, rows).

    The rows are read back in batches; only the inserts (and the commit) are timed.
    """
    src = sqlite3.connect(source)
    columns = {t: [d[1] for d in src.execute(f"PRAGMA table_info({t})")] for t in TABLES}  # noqa: S608
    con = sqlite3.connect(target, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("PRAGMA cache_size=-65536")  # the same pragmas as medios.db.engine
    elapsed = cpu = 0.0
    count = 0
    con.execute("BEGIN")
    for table in TABLES:
        cols = columns[table]
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"  # noqa: S608
        cursor = src.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed names
        while batch := cursor.fetchmany(BATCH):
            start, start_cpu = time.perf_counter(), time.process_time()
            con.executemany(sql, batch)
            elapsed += time.perf_counter() - start
            cpu += time.process_time() - start_cpu
            count += len(batch)
    start, start_cpu = time.perf_counter(), time.process_time()
    con.execute("COMMIT")
    elapsed += time.perf_counter() - start
    cpu += time.process_time() - start_cpu
    con.close()
    src.close()
    return elapsed, cpu, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--mediators", type=int, default=20)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="medios-bench-"))
    os.environ["MEDIOS_HOME"] = str(work / "home")
    today = dt.date.today()
    try:
        template = work / "template.db"
        db = open_database(template)
        structure.init_structure(db, "Banc d'essai")
        team = [structure.create_mediator(db, f"Médiateur {n}") for n in range(1, args.mediators + 1)]
        mediators = [{"id": str(m.id), "pseudonym": m.pseudonym} for m in team]
        for name in DISPOSITIFS:
            structure.create_dispositif(db, name, "HABITAT", dt.date(2020, 1, 1))
        with db.engine.connect() as conn:
            driver_execute(conn, "PRAGMA wal_checkpoint(TRUNCATE)")
        db.dispose()

        jsonl = work / "interventions.jsonl"
        write_jsonl(jsonl, args.rows, args.seed, mediators, today)

        medios_db = work / "medios.db"
        prepare(template, medios_db)
        db = open_database(medios_db)
        reset = reset_peak_rss()
        start, start_cpu = time.perf_counter(), time.process_time()
        report = import_jsonl(db, jsonl, today=today)
        import_s = time.perf_counter() - start
        import_cpu = time.process_time() - start_cpu
        peak_mb = peak_rss_mb(reset)
        db.dispose()
        assert report.created == args.rows, report.summary_lines()

        raw_db = work / "raw.db"
        prepare(template, raw_db)
        raw_s, raw_cpu, raw_rows = baseline(medios_db, raw_db)

        ratio = import_s / raw_s
        ratio_cpu = import_cpu / raw_cpu
        print(f"machine     : {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"versions    : SQLite {sqlite3.sqlite_version}, SQLAlchemy {sqlalchemy.__version__}")
        print(
            f"file        : {args.rows:,} lines, {jsonl.stat().st_size / 1e6:.1f} MB; {raw_rows:,} rows in {len(TABLES)} tables"
        )
        print(
            f"medios      : {import_s:6.2f} s  ({args.rows / import_s:,.0f} interventions/s; parse, validate, insert)"
        )
        print(f"raw sqlite3 : {raw_s:6.2f} s  (executemany of the same rows, same schema and indexes)")
        print(f"ratio       : {ratio:6.2f}  (target <= 2.5)")
        print(
            f"CPU time    : {import_cpu:6.2f} s against {raw_cpu:.2f} s, ratio {ratio_cpu:.2f}"
            f"  (steadier than wall-clock on a loaded machine; load average {os.getloadavg()[0]:.1f})"
        )
        print(
            f"peak RSS    : {peak_mb:6.1f} MB  (import only{'' if reset else ': ru_maxrss of the whole run'};"
            " target < 300 MB)"
        )
        ok = ratio <= 2.5 and peak_mb < 300 and (import_s < 8 or args.rows != 100_000)
        print(
            "result      : "
            + ("PASS" if ok else "FAIL")
            + f" (targets: ratio <= 2.5, peak RSS < 300 MB, and < 8 s for 100,000 rows; here {args.rows:,} rows)"
        )
        figures = {
            "rows": args.rows,
            "import_s": round(import_s, 3),
            "raw_sqlite3_s": round(raw_s, 3),
            "ratio_raw": round(ratio, 3),
            "import_cpu_s": round(import_cpu, 3),
            "raw_sqlite3_cpu_s": round(raw_cpu, 3),
            "ratio_cpu": round(ratio_cpu, 3),
            "load_average": round(os.getloadavg()[0], 2),
            "interventions_per_s": round(args.rows / import_s),
            "peak_rss_mb": round(peak_mb, 1),
            "peak_rss_import_only": reset,
            "pass": ok,
        }
        print(json.dumps(figures))
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
