"""The one place that creates database engines.

SQLite today (stdlib driver; SQLCipher comes with encryption at rest), PostgreSQL later.  Every SQLite
connection gets the same pragmas here and nowhere else: ``journal_mode=WAL``,
``synchronous=NORMAL``, ``foreign_keys=ON``.  New database files are created readable by their owner
only.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from medios.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from medios.db.migrate import MigrationResult


class StorageError(RuntimeError):
    """An environment problem with the database file (disk full, locked, read-only, corrupt).

    Its message is French, says what to do, and is shown to the user as is; anything else that goes
    wrong with the database is a bug and goes to the crash report.
    """


_KNOWN_ERRORS: tuple[tuple[str, str], ...] = (
    (
        "database is locked",
        QT_TRANSLATE_NOOP(
            "StorageError", "La base de données est occupée par un autre programme Médios. Fermez-le puis réessayez."
        ),
    ),
    (
        "database or disk is full",
        QT_TRANSLATE_NOOP("StorageError", "Le disque est plein : libérez de la place puis réessayez."),
    ),
    (
        "disk i/o error",
        QT_TRANSLATE_NOOP(
            "StorageError", "Erreur d'écriture sur le disque : vérifiez le support (clé USB retirée ?) puis réessayez."
        ),
    ),
    (
        "readonly database",
        QT_TRANSLATE_NOOP("StorageError", "La base de données est en lecture seule : vérifiez les droits du dossier."),
    ),
    (
        "unable to open database",
        QT_TRANSLATE_NOOP(
            "StorageError",
            "Impossible d'ouvrir la base de données : vérifiez que le dossier existe et est accessible.",
        ),
    ),
    (
        "file is not a database",
        QT_TRANSLATE_NOOP(
            "StorageError",
            "Ce fichier n'est pas une base Médios lisible (fichier endommagé ou clé de chiffrement incorrecte).",
        ),
    ),
    (
        "database disk image is malformed",
        QT_TRANSLATE_NOOP("StorageError", "La base de données est endommagée : restaurez la dernière sauvegarde."),
    ),
)


def storage_error_from(exc: BaseException) -> StorageError | None:
    """A French :class:`StorageError` for a known environment failure, else ``None`` (a bug)."""
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(original, sqlite3.Error | OSError):
        return None
    text = str(original).lower()
    for needle, message in _KNOWN_ERRORS:
        if needle in text:
            return StorageError(translate("StorageError", message))
    return None


@contextmanager
def storage_errors() -> Iterator[None]:
    """Turn known environment failures raised inside the block into :class:`StorageError`."""
    try:
        yield
    except (DBAPIError, sqlite3.Error, OSError) as exc:
        known = storage_error_from(exc)
        if known is None:
            raise
        raise known from exc


def _touch_private(path: Path) -> None:
    """Create the database file readable by its owner only, before SQLite creates it."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    os.close(fd)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def make_engine(path: Path, *, echo: bool = False, create: bool = True) -> Engine:
    """An engine on the SQLite file ``path`` with the project's pragmas.

    ``create=False`` refuses a missing file (a mistyped ``--db`` must not create an empty database).
    Statement parameters never appear in error messages or logs: they may hold tier-L values.
    """
    if not create and not path.exists():
        raise StorageError(
            translate("StorageError", "Base de données introuvable : {path}. Créez-la avec « medios init ».").format(
                path=path
            )
        )
    _touch_private(path)
    engine = create_engine(sqlite_url(path), echo=echo, hide_parameters=True)
    _install_sqlite_pragmas(engine)
    return engine


def _install_sqlite_pragmas(engine: Engine) -> None:
    # SQLite-specific.  pysqlite's legacy transaction handling commits DDL on its own, which would let
    # a failed migration leave half a schema; take over BEGIN as SQLAlchemy's documentation advises
    # ("Serializable isolation / Savepoints / Transactional DDL"), so that every transaction, DDL
    # included, is all or nothing.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB: bulk imports touch random UUID pages
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A writing transaction takes the write lock at once (BEGIN IMMEDIATE), so that busy_timeout
        # applies: a deferred BEGIN that reads first fails at once when it later needs the lock.
        immediate = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def driver_execute(connection: Any, statement: str) -> list[Any]:
    """Run ``statement`` on the DB-API connection, outside any transaction (SQLite pragmas that are
    no-ops inside one, such as ``foreign_keys`` or ``wal_checkpoint``)."""
    cursor = connection.connection.driver_connection.cursor()
    try:
        cursor.execute(statement)
        return list(cursor.fetchall())
    finally:
        cursor.close()


WRITE_OPTION = "medios_write"


class Database:
    """An open database: its engine and the session factories the services use.

    ``session()`` is for reading; ``transaction()`` is the one way to write: a session already begun,
    holding the write lock from its first statement, committed at the end of the block (rolled back
    on an exception).
    """

    def __init__(self, engine: Engine, path: Path | None = None) -> None:
        self.engine = engine
        self.path = path
        self.sessions: sessionmaker[Session] = sessionmaker(engine, expire_on_commit=False)
        self._writers: sessionmaker[Session] = sessionmaker(
            engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
        )
        self.last_migration: MigrationResult | None = None

    def session(self) -> Session:
        return self.sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self._writers() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
