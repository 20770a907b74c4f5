"""A full disk and read-only media, for real: a small tmpfs mounted for the test (root only, Linux).

The data folder (database and log) sits on the mounted file system; the commands run as
``python -m medios`` in a subprocess.  Without root or ``mount`` the tests are skipped; the narrower
tests in test_engine.py and test_cli.py still run.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from medios import cli
from medios.db import open_database
from medios.services import structure as st
from medios.services.interchange import import_jsonl
from medios.services.territories import add_territory, list_territories
from tests.test_interchange import VALID


@pytest.fixture
def medium(tmp_path: Path) -> Iterator[Path]:
    """A fresh 32 MiB tmpfs, unmounted afterwards."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a file system needs root on Linux")
    point = tmp_path / "support"
    point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=32m,mode=0700", "tmpfs", str(point)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip(f"mount refused: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True, check=False)


def remount_read_only(point: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True, capture_output=True)


def fill(point: Path) -> None:
    """Write a filler file until the file system refuses a single byte."""
    with (point / "remplissage").open("wb", buffering=0) as handle:
        for size in (1 << 20, 1 << 12, 1):
            chunk = b"\0" * size
            while True:
                try:
                    handle.write(chunk)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
                    break
    assert shutil.disk_usage(point).free == 0


INTERVENTIONS = 40


@pytest.fixture(scope="session")
def populated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A base with a structure, a dispositif, a territory and some interventions, closed cleanly (no
    -wal left); tests copy it onto their medium."""
    folder = tmp_path_factory.mktemp("peuplee")
    source = folder / "medios.db"
    previous = os.environ.get("MEDIOS_HOME")
    os.environ["MEDIOS_HOME"] = str(folder / "home")
    try:
        db = open_database(source)
        st.init_structure(db, "Médiation du Val", mediator="Alice Martin")
        st.create_dispositif(db, "Médiation habitat Belleville", "HABITAT", dt.date(2020, 1, 1))
        add_territory(db, "COMMUNE", "93066", "Saint-Denis", vintage="2025")
        lines = folder / "lignes.jsonl"
        today = dt.date.today()
        with lines.open("w", encoding="utf-8") as handle:
            for number in range(INTERVENTIONS):
                line = {k: v for k, v in VALID.items() if k != "notes"}
                line["id"] = str(uuid.UUID(int=number + 1, version=4))
                line["date"] = (today - dt.timedelta(days=1 + number)).isoformat()
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        assert import_jsonl(db, lines).created == INTERVENTIONS
        db.dispose()
    finally:
        if previous is None:
            del os.environ["MEDIOS_HOME"]
        else:
            os.environ["MEDIOS_HOME"] = previous
    assert not source.with_name("medios.db-wal").exists()
    return source


def place(populated: Path, home: Path) -> Path:
    home.mkdir(parents=True)
    shutil.copy2(populated, home / "medios.db")
    return home / "medios.db"


def medios(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MEDIOS_DB", "MEDIOS_LANG")}
    env["MEDIOS_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "medios", *args], capture_output=True, text=True, env=env, check=False, timeout=120
    )


def assert_quiet(result: subprocess.CompletedProcess[str], *, allowed: int = 1) -> None:
    """No traceback, no logging noise: at most ``allowed`` French lines on stderr."""
    assert "Traceback" not in result.stderr and "Logging error" not in result.stderr, result.stderr[:2000]
    assert len(result.stderr.splitlines()) <= allowed, result.stderr


def in_process(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The same command in this process (faster; the log is the entry point's, tested in a subprocess)."""
    code = cli.run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_full_disk_still_reads_and_exports(
    medium: Path, tmp_path: Path, populated: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = medium / "home"
    db_file = place(populated, home)
    (home / "logs").mkdir()
    (home / "logs" / "medios.log").touch()  # the log exists: its writes fail, not its creation
    fill(medium)

    target = tmp_path / "export.jsonl"
    exported = medios(home, "export-jsonl", "-o", str(target))
    assert exported.returncode == 0 and f"{INTERVENTIONS} interventions exportées" in exported.stdout, exported.stderr
    assert len(target.read_text(encoding="utf-8").splitlines()) == INTERVENTIONS
    assert_quiet(exported)
    assert "Journal impossible à écrire" in exported.stderr and "disque plein" in exported.stderr  # logs at INFO

    monkeypatch.setenv("MEDIOS_HOME", str(home))
    code, out, _ = in_process(capsys, "dispositif", "list")
    assert code == 0 and out == "Médiation habitat Belleville\tHABITAT\t2020-01-01\n"
    code, out, _ = in_process(capsys, "territory", "list")
    assert code == 0 and "COMMUNE\t93066\tSaint-Denis\t2025\t" in out.splitlines()
    code, _, err = in_process(capsys, "territory", "add", "COMMUNE", "93048", "Montreuil")
    assert code == 1 and err == "Erreur : Le disque est plein : libérez de la place puis réessayez.\n"
    code, _, err = in_process(capsys, "import", str(populated.with_name("lignes.jsonl")))
    assert code == 1 and err == "Erreur : Le disque est plein : libérez de la place puis réessayez.\n"
    db = open_database(db_file)  # read-only here too
    try:
        assert db.read_only and "93048" not in {t.code for t in list_territories(db)}
    finally:
        db.dispose()


def test_read_only_medium_still_reads_and_exports(
    medium: Path, tmp_path: Path, populated: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = medium / "home"
    place(populated, home)
    remount_read_only(medium)

    target = tmp_path / "export.jsonl"
    exported = medios(home, "export-jsonl", "-o", str(target))
    assert exported.returncode == 0, exported.stderr
    assert len(target.read_text(encoding="utf-8").splitlines()) == INTERVENTIONS
    assert_quiet(exported)
    assert "Journal impossible à écrire" in exported.stderr and "lecture seule" in exported.stderr  # no logs folder

    monkeypatch.setenv("MEDIOS_HOME", str(home))
    code, out, _ = in_process(capsys, "territory", "list")
    assert code == 0 and "COMMUNE\t93066\tSaint-Denis\t2025\t" in out.splitlines()
    code, out, err = in_process(capsys, "export-jsonl", "-o", "-")
    assert code == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == [
        json.loads(line)["id"] for line in target.read_text(encoding="utf-8").splitlines()
    ]
    assert f"{INTERVENTIONS} interventions exportées dans la sortie standard" in err
    code, _, err = in_process(capsys, "dispositif", "add", "Médiation scolaire", "--domain", "SCOLAIRE")
    assert code == 1 and "La base de données est en lecture seule" in err


@pytest.mark.parametrize("with_index", [True, False], ids=["wal-and-shm", "wal-without-shm"])
def test_read_only_medium_with_a_live_write_ahead_log(
    medium: Path, tmp_path: Path, populated: Path, with_index: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    """The copy was taken while Médios had the base open: the last dispositif lives in the -wal only.
    ``immutable=1`` would not see it; ``mode=ro`` reads it through the copied -shm index.  Without the
    index the base cannot be read safely: a French message, not stale data."""
    source = place(populated, tmp_path / "source")
    keeper = sqlite3.connect(source, isolation_level=None)
    keeper.execute("BEGIN")
    keeper.execute("SELECT count(*) FROM dispositif").fetchall()  # a reader: no checkpoint past this point
    db = open_database(source)
    st.create_dispositif(db, "Dans le journal seulement", "DROITS", dt.date(2025, 1, 1))
    home = medium / "home"
    home.mkdir()
    for suffix in ["", "-wal", "-shm"] if with_index else ["", "-wal"]:
        shutil.copy2(f"{source}{suffix}", home / f"medios.db{suffix}")
    assert (home / "medios.db-wal").stat().st_size > 0
    keeper.execute("ROLLBACK")
    keeper.close()
    db.dispose()
    remount_read_only(medium)

    code, out, err = in_process(capsys, "--db", str(home / "medios.db"), "dispositif", "list")
    if with_index:
        assert code == 0, err
        assert "Dans le journal seulement\tDROITS\t2025-01-01" in out.splitlines()
    else:
        assert (
            code == 1 and err == "Erreur : La base de données est en lecture seule : vérifiez les droits du dossier.\n"
        )
        assert out == ""
