"""Engine and paths: environment errors become French messages (by error code, never by English text),
engines come from paths or URLs, folders follow MEDIOS_HOME and MEDIOS_DB."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
import textwrap
import types
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import URL, func, select, text
from sqlalchemy.dialects import registry
from sqlalchemy.engine.default import DefaultDialect
from sqlalchemy.exc import OperationalError

from medios import paths
from medios.db import Database, open_database
from medios.db.engine import (
    StorageError,
    StorageKind,
    make_engine,
    storage_error_from,
    storage_errors,
    storage_kind,
)
from medios.db.models import VocabularyTerm

try:  # SQLCipher (encryption at rest) is optional: its cases are skipped when it is not installed
    import sqlcipher3
except ImportError:  # pragma: no cover - depends on the environment
    sqlcipher3 = None

DRIVERS = [
    pytest.param(sqlite3, id="sqlite3"),
    pytest.param(sqlcipher3, id="sqlcipher3", marks=pytest.mark.skipif(sqlcipher3 is None, reason="no sqlcipher3")),
]

MESSAGES = {
    StorageKind.BUSY: "occupée par un autre programme Médios",
    StorageKind.FULL: "Le disque est plein",
    StorageKind.IO: "clé USB retirée",
    StorageKind.READ_ONLY: "lecture seule",
    StorageKind.CANT_OPEN: "vérifiez que le dossier existe",
    StorageKind.NOT_A_DATABASE: "n'est pas une base Médios lisible",
    StorageKind.CORRUPT: "restaurez la dernière sauvegarde",
    StorageKind.DENIED: "Accès à la base de données refusé",
    StorageKind.UNREACHABLE: "ne répond pas",
}


def sqlite_error(message: str, code: int | None, cls: type[Exception] = sqlite3.OperationalError) -> Exception:
    exc = cls(message)
    if code is not None:
        exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    return exc


# --- classification by code -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (5, StorageKind.BUSY),
        (5 | 1 << 8, StorageKind.BUSY),  # SQLITE_BUSY_RECOVERY
        (6, StorageKind.BUSY),
        (13, StorageKind.FULL),
        (10, StorageKind.IO),
        (10 | 19 << 8, StorageKind.IO),  # SQLITE_IOERR_SHMSIZE (a full disk while opening)
        (8, StorageKind.READ_ONLY),
        (8 | 4 << 8, StorageKind.READ_ONLY),  # SQLITE_READONLY_DBMOVED
        (14, StorageKind.CANT_OPEN),
        (26, StorageKind.NOT_A_DATABASE),
        (11, StorageKind.CORRUPT),
        (3, StorageKind.DENIED),
    ],
)
@pytest.mark.parametrize("driver", DRIVERS)
def test_sqlite_codes_decide_whatever_the_text(code: int, kind: StorageKind, driver: Any) -> None:
    raw = sqlite_error("no such column: nom", code, driver.OperationalError)  # the text says "bug": the code wins
    wrapped = OperationalError("INSERT …", {}, raw)
    assert storage_kind(raw) is kind and storage_kind(wrapped) is kind
    error = storage_error_from(wrapped)
    assert isinstance(error, StorageError) and error.kind is kind and MESSAGES[kind] in str(error)
    with pytest.raises(StorageError, match=MESSAGES[kind]), storage_errors():
        raise wrapped


@pytest.mark.parametrize(
    "raw",
    [
        sqlite_error("database is locked", None),  # English text, no code: not recognised
        sqlite_error("database is locked", 1),  # SQLITE_ERROR
        sqlite_error("database or disk is full", 19),  # SQLITE_CONSTRAINT
        sqlite_error("file is not a database", 1, sqlite3.DatabaseError),
        OSError(errno.ENOENT, "database is locked"),
        ValueError("database disk image is malformed"),
    ],
    ids=["no-code", "error", "constraint", "notadb-text", "enoent", "valueerror"],
)
def test_message_text_plays_no_part(raw: Exception) -> None:
    assert storage_kind(raw) is None
    assert storage_error_from(OperationalError("SELECT …", {}, raw)) is None
    with pytest.raises(type(raw)), storage_errors():
        raise raw


def test_bugs_are_not_disguised_as_storage_errors() -> None:
    assert storage_error_from(sqlite3.OperationalError("no such column: nom")) is None
    assert storage_error_from(sqlite3.ProgrammingError("Cannot operate on a closed database.")) is None
    with pytest.raises(sqlite3.OperationalError), storage_errors():
        raise sqlite3.OperationalError("no such column: nom")


class Psycopg3Error(Exception):
    """Shaped like psycopg 3's errors: the SQLSTATE in ``sqlstate``."""

    def __init__(self, message: str, sqlstate: str) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


class Psycopg2Error(Exception):
    """Shaped like psycopg2's errors: the SQLSTATE in ``pgcode``."""

    def __init__(self, message: str, pgcode: str) -> None:
        super().__init__(message)
        self.pgcode = pgcode


@pytest.mark.parametrize(
    ("state", "kind"),
    [
        ("53100", StorageKind.FULL),
        ("55P03", StorageKind.BUSY),
        ("40P01", StorageKind.BUSY),
        ("25006", StorageKind.READ_ONLY),
        ("08006", StorageKind.UNREACHABLE),
        ("08001", StorageKind.UNREACHABLE),
        ("57P01", StorageKind.UNREACHABLE),
        ("XX001", StorageKind.CORRUPT),
        ("XX002", StorageKind.CORRUPT),
        ("58030", StorageKind.IO),
        ("28P01", StorageKind.DENIED),
        ("42703", None),  # undefined_column: a bug, even if the text says "database is locked"
        ("23505", None),  # unique_violation
    ],
)
@pytest.mark.parametrize("shape", [Psycopg3Error, Psycopg2Error])
def test_postgresql_sqlstates(state: str, kind: StorageKind | None, shape: type[Exception]) -> None:
    raw = shape("database is locked", state)  # type: ignore[call-arg]
    assert storage_kind(OperationalError("SELECT …", {}, raw)) is kind


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (errno.ENOSPC, StorageKind.FULL),
        (errno.EROFS, StorageKind.READ_ONLY),
        (errno.EACCES, StorageKind.DENIED),
        (errno.EPERM, StorageKind.DENIED),
        (errno.EIO, StorageKind.IO),
        (errno.ENOENT, None),
        (errno.ENOTDIR, None),
    ],
)
def test_os_errors_by_errno(code: int, kind: StorageKind | None) -> None:
    assert storage_kind(OSError(code, "file is not a database")) is kind


# --- real triggers -------------------------------------------------------------------------------


def _classified(action: Any) -> StorageKind | None:
    try:
        action()
    except Exception as exc:  # noqa: BLE001 - the point is to classify whatever the driver raised
        kind = storage_kind(exc)
        assert kind is not None, f"unclassified {type(exc).__name__}: {exc}"
        return kind
    raise AssertionError("no error raised")


@pytest.mark.parametrize("driver", DRIVERS)
def test_real_lock_held_by_another_connection(tmp_path: Path, driver: Any) -> None:
    path = str(tmp_path / "verrou.db")
    holder = driver.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    waiter = driver.connect(path, isolation_level=None, timeout=0.05)
    try:
        assert _classified(lambda: waiter.execute("BEGIN IMMEDIATE")) is StorageKind.BUSY
    finally:
        waiter.close()
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.parametrize("driver", DRIVERS)
def test_real_file_that_is_not_a_database(tmp_path: Path, driver: Any) -> None:
    bogus = tmp_path / "pas-une-base.db"
    bogus.write_bytes(b"ceci n'est pas une base SQLite" * 200)
    connection = driver.connect(str(bogus))
    try:
        assert _classified(lambda: connection.execute("SELECT * FROM sqlite_master").fetchall()) is (
            StorageKind.NOT_A_DATABASE
        )
    finally:
        connection.close()
    with pytest.raises(StorageError, match="n'est pas une base Médios lisible") as caught:
        open_database(bogus)
    assert caught.value.kind is StorageKind.NOT_A_DATABASE


def _scan_everything(path: Path) -> None:
    db = open_database(path, migrate=False)
    try:
        with db.session() as session:
            session.scalar(select(func.count()).select_from(VocabularyTerm).where(VocabularyTerm.label_en != ""))
            session.execute(text("PRAGMA quick_check")).all()
    finally:
        db.dispose()


@pytest.mark.parametrize("damage", ["truncated", "overwritten"])
def test_real_damaged_database(db_path: Path, damage: str) -> None:
    size = db_path.stat().st_size
    if damage == "truncated":
        os.truncate(db_path, size // 2)
    else:
        with db_path.open("r+b") as handle:
            handle.seek(size // 3)
            handle.write(bytes(range(256)) * 64)
    with pytest.raises(StorageError, match="restaurez la dernière sauvegarde") as caught, storage_errors():
        _scan_everything(db_path)
    assert caught.value.kind is StorageKind.CORRUPT


def test_real_full_database(tmp_path: Path) -> None:
    """SQLite's own SQLITE_FULL, from the page limit (a full disk gives the same code)."""
    connection = sqlite3.connect(tmp_path / "plein.db", isolation_level=None)
    connection.execute("CREATE TABLE t (x BLOB)")
    connection.execute("PRAGMA max_page_count = 8")

    def fill() -> None:
        for _ in range(100):
            connection.execute("INSERT INTO t VALUES (zeroblob(4000))")

    try:
        assert _classified(fill) is StorageKind.FULL
    finally:
        connection.close()


def test_real_read_only_connection(tmp_path: Path) -> None:
    path = tmp_path / "lecture.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert _classified(lambda: connection.execute("INSERT INTO t VALUES (1)")) is StorageKind.READ_ONLY
    finally:
        connection.close()


def test_real_cannot_open(tmp_path: Path) -> None:
    assert _classified(lambda: sqlite3.connect(tmp_path).execute("SELECT 1")) is StorageKind.CANT_OPEN


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")
def test_real_io_error_from_a_file_size_limit(tmp_path: Path) -> None:
    """RLIMIT_FSIZE with SIGXFSZ ignored: write() fails with EFBIG, which SQLite reports as SQLITE_IOERR."""
    script = textwrap.dedent(
        f"""
        import resource, signal, sqlite3
        from medios.db.engine import storage_kind
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        connection = sqlite3.connect({str(tmp_path / "limite.db")!r}, isolation_level=None)
        connection.execute("CREATE TABLE t (x BLOB)")
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
        try:
            for _ in range(1000):
                connection.execute("INSERT INTO t VALUES (zeroblob(4000))")
        except sqlite3.Error as exc:
            print(exc.sqlite_errorname, storage_kind(exc))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    name, kind = result.stdout.split()
    assert name.startswith("SQLITE_IOERR") and kind == StorageKind.IO


# --- engines from paths and URLs -------------------------------------------------------------------


def _pragmas(db: Database) -> tuple[str, int]:
    with db.engine.connect() as conn:
        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar_one()
        keys = conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one()
    return mode, keys


@pytest.mark.parametrize("form", ["path", "url-string", "url"])
def test_open_database_from_a_path_or_a_url(tmp_path: Path, form: str) -> None:
    path = tmp_path / "par-url.db"
    target: Path | str | URL = {
        "path": path,
        "url-string": f"sqlite:///{path}",
        "url": URL.create("sqlite", database=str(path)),
    }[form]
    db = open_database(target)
    try:
        assert db.path == path and _pragmas(db) == ("wal", 1)
        assert stat_mode(path) == 0o600
    finally:
        db.dispose()


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_a_missing_file_behind_a_url_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "absent.db"
    with pytest.raises(StorageError, match="introuvable"):
        open_database(f"sqlite:///{missing}", create=False)
    assert not missing.exists()


class _NoSqlDialect(DefaultDialect):
    """A stand-in for PostgreSQL (no server here): a dialect that is not SQLite."""

    name = "nosqlite"
    driver = "fake"
    supports_statement_cache = True

    @classmethod
    def import_dbapi(cls) -> Any:
        return types.SimpleNamespace(paramstyle="named", Error=Exception)


registry.register("nosqlite", __name__, "_NoSqlDialect")


def test_sqlite_pragmas_only_for_sqlite(tmp_path: Path) -> None:
    other = make_engine("nosqlite://user@localhost/medios")
    sqlite = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        assert other.dialect.name == "nosqlite" and len(other.dispatch.begin) == 0  # no BEGIN IMMEDIATE hook
        assert sqlite.dialect.name == "sqlite" and len(sqlite.dispatch.begin) == 1
    finally:
        other.dispose()
        sqlite.dispose()


# --- paths and waiting ---------------------------------------------------------------------------


def test_paths_follow_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDIOS_HOME", str(tmp_path / "portable"))
    assert paths.log_file() == tmp_path / "portable" / "logs" / "medios.log"
    assert not (tmp_path / "portable").exists()  # naming the log file creates nothing
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
    # Four hex digits of the id, one more when they collide with a pseudonym already taken.
    assert created.pseudonym.startswith(f"MED-{created.id.hex[:4].upper()}")
    assert created.pseudonym == f"MED-{created.id.hex[: len(created.pseudonym) - 4].upper()}"
    assert waited >= 0.5


def test_opening_an_up_to_date_database_takes_no_write_lock(db_path: Path) -> None:
    """Schema at head, référentiel mirrored, device id present: opening only reads, so it succeeds while
    another program holds the write lock (it used to wait 5 s for it, then fail)."""
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        db = open_database(db_path)
        try:
            assert not db.read_only
            with db.session() as session:
                assert session.scalar(select(func.count()).select_from(VocabularyTerm))
        finally:
            db.dispose()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
