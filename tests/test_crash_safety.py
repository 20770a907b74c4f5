"""Crash safety: the writer killed with SIGKILL at random moments, 50 times (benchmarks/crash_bench.py);
every acknowledged save is there and the file passes integrity_check; commits reach the disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from medios.db import Database
from medios.db.engine import driver_execute

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "crash_bench.py"


def _harness(tmp_path: Path, kills: int, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCH), "--kills", str(kills), "--speed", "0", "--dir", str(tmp_path), "--seed", "7"],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **env},
    )


def test_fifty_kills_lose_no_acknowledged_save(tmp_path: Path) -> None:
    done = _harness(tmp_path, 50)
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["survived"] == figures["kills"] == 50
    assert figures["lost"] == 0 and figures["integrity"] == ["ok"]
    assert figures["stored"] >= figures["acknowledged"] >= 50  # a save may commit just before its ACK is printed
    assert "50 arrêts brutaux (SIGKILL) sur 50 sans perte" in done.stdout


def test_the_harness_sees_a_writer_that_acknowledges_too_early(tmp_path: Path) -> None:
    done = _harness(tmp_path, 30, MEDIOS_CRASH_ACK_EARLY="1")
    assert done.returncode != 0
    assert "échec : après le meurtre n°" in done.stderr and "'lost': ['" in done.stderr


def test_a_writable_connection_waits_for_the_disk_at_each_commit(db: Database) -> None:
    with db.engine.connect() as conn:
        assert driver_execute(conn, "PRAGMA synchronous") == [(2,)]  # FULL
        assert driver_execute(conn, "PRAGMA journal_mode") == [("wal",)]
