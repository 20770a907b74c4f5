"""Crash safety: a writer killed with SIGKILL at random moments loses nothing it acknowledged.

Run: ``.venv/bin/python benchmarks/crash_bench.py [--kills 300] [--seed 1] [--dir FOLDER]``.

A child process opens the database and saves interventions in a loop through the entry service
(:func:`medios.services.interventions.record_intervention`: validation, the row, its children, the audit
line, one transaction); after each save returns it prints ``ACK <uuid>`` on its standard output and
flushes.  The parent kills it with SIGKILL after a random delay (from 0 to ``--max-delay`` seconds
after its first acknowledgement: in the middle of a transaction, between two, during the WAL's
checkpoint), then, before the next child starts, opens the file as the application does and checks that
every acknowledged intervention is there, that the file passes ``PRAGMA integrity_check`` and
``foreign_key_check``, and that each saved intervention has its audit line.  A save acknowledged then
missing, or a damaged file, stops the run.

Baseline in the same process: as many rows inserted by plain ``sqlite3`` into a table of 17 columns,
one transaction each, WAL and ``synchronous=FULL`` as the application, so that the cost of a save
through the service (the figure a mediator feels) is given as a ratio.  ``tests/test_crash_safety.py`` runs 50 kills.

The last line is one JSON object of the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

CHILD_FLAG = "--child"
ACK_EARLY = "MEDIOS_CRASH_ACK_EARLY"  # set to 1: the child acknowledges before saving (a fault)


def _input(mediator_id: uuid.UUID, n: int) -> Any:
    from medios.services import interventions as iv
    from medios.services.rules import PartnerLink, PublicCount

    return iv.InterventionInput(
        date=dt.date(2026, 11, 1) + dt.timedelta(days=n % 28),
        start_time=dt.time(8 + n % 12, (7 * n) % 60),
        duration_min=5 + n % 90,
        commune="75056",
        qpv="QN07501M",
        place="HAB_PC",
        registre="CONF",
        sub_registre="CONF_TR",
        domain="HABITAT",
        outcome="APAISE",
        origin="ALLER_VERS",
        tension="2",
        motifs=("HALL", "BRUIT"),
        publics=(PublicCount("JEUNE", "A18_24", "M", 1 + n % 5),),
        partners=(PartnerLink("BAILLEUR", "ALERTE"),),
        mediator_ids=(mediator_id,),
    )


def child(path: Path, start: int) -> None:
    """Save interventions until killed; acknowledge each one after its transaction returned."""
    from medios.db import open_database
    from medios.services import interventions as iv
    from medios.services import structure as st

    db = open_database(path)
    mediator = st.list_mediators(db)[0].id
    out = sys.stdout
    out.write("READY\n")
    out.flush()
    early = os.environ.get(ACK_EARLY) == "1"  # a broken writer, to show that the check can fail
    n = start
    while True:
        record_id = uuid.uuid4()
        if early:
            out.write(f"ACK {record_id}\n")
            out.flush()
        iv.record_intervention(db, _input(mediator, n), actor_id=mediator, intervention_id=record_id)
        if not early:
            out.write(f"ACK {record_id}\n")
            out.flush()
        n += 1


def _prepare(path: Path) -> None:
    from medios.db import open_database
    from medios.services import structure as st

    db = open_database(path)
    st.init_structure(db, "Médiation Crash", mediator="Alice Martin")
    db.dispose()


def _check(path: Path, acknowledged: set[str]) -> dict[str, Any]:
    """Open as the application does (recovery of the WAL included), then look at everything."""
    from medios.db import open_database

    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            integrity = [row[0] for row in raw.execute("PRAGMA integrity_check").fetchall()]
            foreign = raw.execute("PRAGMA foreign_key_check").fetchall()
            stored = {uuid.UUID(bytes=row[0]).hex for row in raw.execute("SELECT id FROM intervention")}
            audited = {
                uuid.UUID(bytes=row[0]).hex
                for row in raw.execute(
                    "SELECT record_id FROM audit_log WHERE action = 'CREATE' AND table_name = 'intervention'"
                )
            }
    finally:
        db.dispose()
    wanted = {uuid.UUID(value).hex for value in acknowledged}
    return {
        "integrity": integrity,
        "foreign_key_errors": len(foreign),
        "stored": len(stored),
        "lost": sorted(wanted - stored),
        "unaudited": sorted(stored - audited),
    }


def run(kills: int, seed: int, max_delay: float, where: Path | None = None) -> dict[str, Any]:
    rng = random.Random(seed)
    path = Path(tempfile.mkdtemp(prefix="medios-crash-", dir=where)) / "medios.db"
    _prepare(path)
    acknowledged: set[str] = set()
    survived = 0
    started = time.perf_counter()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "QT_QPA_PLATFORM": "offscreen"}
    for kill in range(kills):
        process = subprocess.Popen(
            [sys.executable, __file__, CHILD_FLAG, str(path), str(len(acknowledged) + kill * 1000)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
        )
        assert process.stdout is not None
        if process.stdout.readline().strip() != "READY":
            process.kill()
            raise RuntimeError("le processus d'écriture n'a pas démarré")
        first = process.stdout.readline()  # at least one save, then a random moment
        if first.startswith("ACK "):
            acknowledged.add(first.split()[1])
        time.sleep(rng.uniform(0, max_delay))
        os.kill(process.pid, signal.SIGKILL)
        for line in process.stdout:  # what it printed before dying was acknowledged
            if line.startswith("ACK "):
                acknowledged.add(line.split()[1])
        process.wait()
        if process.returncode != -signal.SIGKILL:
            raise RuntimeError(f"le processus d'écriture s'est arrêté seul (code {process.returncode})")
        state = _check(path, acknowledged)
        if state["integrity"] != ["ok"] or state["foreign_key_errors"] or state["lost"] or state["unaudited"]:
            raise RuntimeError(f"après le meurtre n° {kill + 1} : {state}")
        survived += 1
    seconds = time.perf_counter() - started
    final = _check(path, acknowledged)
    return {
        "kills": kills,
        "survived": survived,
        "acknowledged": len(acknowledged),
        "stored": final["stored"],
        "lost": len(final["lost"]),
        "integrity": final["integrity"],
        "seconds": round(seconds, 1),
        "seed": seed,
    }


def _save_speed(count: int, where: Path | None) -> dict[str, float]:
    """Saves per second through the service, and plain sqlite3 inserts of as many rows (the baseline)."""
    from medios.db import open_database
    from medios.services import interventions as iv
    from medios.services import structure as st

    folder = Path(tempfile.mkdtemp(prefix="medios-crash-speed-", dir=where))
    db = open_database(folder / "medios.db")
    st.init_structure(db, "Médiation Crash", mediator="Alice Martin")
    mediator = st.list_mediators(db)[0].id
    begin = time.perf_counter()
    for n in range(count):
        iv.record_intervention(db, _input(mediator, n), actor_id=mediator)
    service = time.perf_counter() - begin
    db.dispose()
    con = sqlite3.connect(folder / "raw.db", isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")  # as the application: a commit is on the disk when it returns
    con.execute("CREATE TABLE t (id BLOB PRIMARY KEY, a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p)")
    begin = time.perf_counter()
    for n in range(count):
        con.execute("BEGIN")
        con.execute("INSERT INTO t VALUES (?" + ", ?" * 16 + ")", (uuid.uuid4().bytes, *range(n, n + 16)))
        con.execute("COMMIT")
    raw = time.perf_counter() - begin
    con.close()
    return {
        "save_ms": round(service / count * 1000, 2),
        "sqlite3_insert_ms": round(raw / count * 1000, 3),
        "ratio": round(service / raw, 1),
    }


def main() -> None:
    if len(sys.argv) >= 4 and sys.argv[1] == CHILD_FLAG:
        child(Path(sys.argv[2]), int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-delay", type=float, default=0.25, help="secondes après le premier accusé")
    parser.add_argument("--dir", type=Path, help="dossier des bases (un disque réel : /tmp peut être en mémoire)")
    parser.add_argument("--speed", type=int, default=200, help="sauvegardes chronométrées (0 : aucune)")
    args = parser.parse_args()
    figures = run(args.kills, args.seed, args.max_delay, args.dir)
    print(
        f"{figures['survived']} arrêts brutaux (SIGKILL) sur {figures['kills']} sans perte : "
        f"{figures['acknowledged']} enregistrements confirmés, tous présents ; base intègre ({figures['seconds']} s)"
    )
    if args.speed:
        figures["speed"] = _save_speed(args.speed, args.dir)
        speed = figures["speed"]
        print(
            f"une sauvegarde par le service : {speed['save_ms']} ms ; insertion sqlite3 brute : "
            f"{speed['sqlite3_insert_ms']} ms ; rapport {speed['ratio']}"
        )
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    try:
        main()
    except RuntimeError as exc:
        sys.exit(f"échec : {exc}")
