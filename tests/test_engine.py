"""Engine and paths: environment errors become French messages, folders follow MEDIOS_HOME and MEDIOS_DB."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from medios import paths
from medios.db import Database
from medios.db.engine import StorageError, storage_error_from, storage_errors


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("database is locked", "occupée par un autre programme Médios"),
        ("database or disk is full", "Le disque est plein"),
        ("disk I/O error", "clé USB retirée"),
        ("attempt to write a readonly database", "lecture seule"),
        ("unable to open database file", "vérifiez que le dossier existe"),
        ("file is not a database", "n'est pas une base Médios lisible"),
        ("database disk image is malformed", "restaurez la dernière sauvegarde"),
    ],
)
def test_environment_failures_get_french_advice(raw: str, expected: str) -> None:
    wrapped = OperationalError("INSERT …", {}, sqlite3.OperationalError(raw))
    error = storage_error_from(wrapped)
    assert isinstance(error, StorageError) and expected in str(error)
    with pytest.raises(StorageError, match=expected), storage_errors():
        raise wrapped


def test_bugs_are_not_disguised_as_storage_errors() -> None:
    assert storage_error_from(sqlite3.OperationalError("no such column: nom")) is None
    assert storage_error_from(ValueError("file is not a database")) is None
    with pytest.raises(sqlite3.OperationalError), storage_errors():
        raise sqlite3.OperationalError("no such column: nom")


def test_paths_follow_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDIOS_HOME", str(tmp_path / "portable"))
    assert paths.data_dir() == tmp_path / "portable"
    assert paths.database_path() == tmp_path / "portable" / "medios.db"
    assert paths.backup_dir() == tmp_path / "portable" / "backups" and paths.backup_dir().is_dir()
    assert (paths.data_dir().stat().st_mode & 0o777) == 0o700
    monkeypatch.setenv("MEDIOS_DB", str(tmp_path / "ailleurs.db"))
    assert paths.database_path() == tmp_path / "ailleurs.db"
    assert paths.database_path(tmp_path / "explicite.db") == tmp_path / "explicite.db"


def test_shipped_folders_are_found_from_the_checkout() -> None:
    assert (paths.migrations_dir() / "env.py").is_file()
    assert (paths.resources_dir() / "referentiel" / "MEDIOS-2026.1.json").is_file()
    assert (paths.resources_dir() / "translations" / "medios_en.qm").is_file()


def test_a_write_waits_for_another_writer_instead_of_failing(db: Database, structure: object) -> None:
    """Another process holds the write lock for a moment: the service waits (busy_timeout), then writes."""
    import threading
    import time

    from medios.services.structure import create_mediator

    assert db.path is not None
    other = sqlite3.connect(db.path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE app_setting SET value = value WHERE key = 'device_id'")
    release = threading.Timer(0.8, lambda: other.execute("COMMIT"))
    release.start()
    start = time.perf_counter()
    created = create_mediator(db, "Chloé Bernard")  # reads the next pseudonym, then writes
    waited = time.perf_counter() - start
    release.join()
    other.close()
    assert created.pseudonym == f"MED-{created.id.hex[:4].upper()}"
    assert waited >= 0.5
