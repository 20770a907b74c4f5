"""The one place that creates database engines.

SQLite today (SQLCipher for an encrypted file, through :mod:`medios.db.crypto`; the stdlib driver for
a clear one), PostgreSQL later.  An engine is
made from a file path or from a URL (``sqlite:///…``, ``postgresql+psycopg://…``).  Every SQLite
connection gets the same pragmas here and nowhere else: ``journal_mode=WAL``,
``synchronous=FULL``, ``foreign_keys=ON``.  New database files are created readable by their owner
only.  Environment failures are recognised by the driver's error codes, never by their English text
(see :func:`storage_kind`).
"""

from __future__ import annotations

import enum
import errno
import os
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.exc import DBAPIError

from medios.db import crypto
from medios.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from medios.db.migrate import MigrationResult

DatabaseTarget = Path | str | URL
"""A database file, or a URL (a string with ``://`` in it, or a :class:`sqlalchemy.URL`)."""

Access = Literal["rw", "ro", "immutable"]
"""How a SQLite file is opened: read-write; read-only with SQLite's locks (``mode=ro``); read-only
with no lock and no write-ahead log (``immutable=1``, for read-only media only)."""


class StorageKind(enum.StrEnum):
    """What went wrong with the storage, whatever the driver."""

    BUSY = "busy"
    FULL = "full"
    IO = "io"
    READ_ONLY = "read_only"
    CANT_OPEN = "cant_open"
    NOT_A_DATABASE = "not_a_database"
    KEY_NEEDED = "key_needed"
    CORRUPT = "corrupt"
    DENIED = "denied"
    UNREACHABLE = "unreachable"


class StorageError(RuntimeError):
    """An environment problem with the database file (disk full, locked, read-only, corrupt).

    Its message is French, says what to do, and is shown to the user as is; anything else that goes
    wrong with the database is a bug and goes to the crash report.  ``kind`` says which problem it is
    (``None`` for the few raised with a message of their own).
    """

    def __init__(self, message: str, *, kind: StorageKind | None = None) -> None:
        super().__init__(message)
        self.kind = kind


_MESSAGES: Final[dict[StorageKind, str]] = {
    StorageKind.BUSY: QT_TRANSLATE_NOOP(
        "StorageError", "La base de données est occupée par un autre programme Médios. Fermez-le puis réessayez."
    ),
    StorageKind.FULL: QT_TRANSLATE_NOOP("StorageError", "Le disque est plein : libérez de la place puis réessayez."),
    StorageKind.IO: QT_TRANSLATE_NOOP(
        "StorageError", "Erreur d'écriture sur le disque : vérifiez le support (clé USB retirée ?) puis réessayez."
    ),
    StorageKind.READ_ONLY: QT_TRANSLATE_NOOP(
        "StorageError", "La base de données est en lecture seule : vérifiez les droits du dossier."
    ),
    StorageKind.CANT_OPEN: QT_TRANSLATE_NOOP(
        "StorageError", "Impossible d'ouvrir la base de données : vérifiez que le dossier existe et est accessible."
    ),
    StorageKind.NOT_A_DATABASE: QT_TRANSLATE_NOOP(
        "StorageError",
        "Ce fichier n'est pas une base Médios lisible (fichier endommagé ou clé de chiffrement incorrecte).",
    ),
    StorageKind.KEY_NEEDED: QT_TRANSLATE_NOOP(
        "StorageError",
        "Cette base est chiffrée et sa clé n'est pas disponible : déverrouillez-la avec la phrase secrète "
        "ou la clé de secours.",
    ),
    StorageKind.CORRUPT: QT_TRANSLATE_NOOP(
        "StorageError", "La base de données est endommagée : restaurez la dernière sauvegarde."
    ),
    StorageKind.DENIED: QT_TRANSLATE_NOOP(
        "StorageError", "Accès à la base de données refusé : vérifiez les droits du fichier et du dossier."
    ),
    StorageKind.UNREACHABLE: QT_TRANSLATE_NOOP(
        "StorageError", "Le serveur de base de données ne répond pas : vérifiez la connexion puis réessayez."
    ),
}

# SQLite result codes (https://www.sqlite.org/rescode.html).  Drivers give the extended code (the
# stdlib and sqlcipher3 both expose ``sqlite_errorcode``); its low byte is the primary code.
_SQLITE_CODES: Final[dict[int, StorageKind]] = {
    3: StorageKind.DENIED,  # SQLITE_PERM
    5: StorageKind.BUSY,  # SQLITE_BUSY
    6: StorageKind.BUSY,  # SQLITE_LOCKED
    8: StorageKind.READ_ONLY,  # SQLITE_READONLY
    10: StorageKind.IO,  # SQLITE_IOERR
    11: StorageKind.CORRUPT,  # SQLITE_CORRUPT
    13: StorageKind.FULL,  # SQLITE_FULL
    14: StorageKind.CANT_OPEN,  # SQLITE_CANTOPEN
    26: StorageKind.NOT_A_DATABASE,  # SQLITE_NOTADB
}

# PostgreSQL SQLSTATE (appendix A of its manual): ``sqlstate`` in psycopg 3 and asyncpg, ``pgcode``
# in psycopg2.  Whole classes first, then single codes.
_SQLSTATE_CLASSES: Final[dict[str, StorageKind]] = {
    "08": StorageKind.UNREACHABLE,  # connection exception
    "28": StorageKind.DENIED,  # invalid authorization specification
}
_SQLSTATES: Final[dict[str, StorageKind]] = {
    "53100": StorageKind.FULL,  # disk_full
    "55P03": StorageKind.BUSY,  # lock_not_available
    "40P01": StorageKind.BUSY,  # deadlock_detected
    "25006": StorageKind.READ_ONLY,  # read_only_sql_transaction
    "XX001": StorageKind.CORRUPT,  # data_corrupted
    "XX002": StorageKind.CORRUPT,  # index_corrupted
    "58030": StorageKind.IO,  # io_error
    "42501": StorageKind.DENIED,  # insufficient_privilege
    "3D000": StorageKind.CANT_OPEN,  # invalid_catalog_name: no such database
    "57P01": StorageKind.UNREACHABLE,  # admin_shutdown
    "57P02": StorageKind.UNREACHABLE,  # crash_shutdown
    "57P03": StorageKind.UNREACHABLE,  # cannot_connect_now
}

# Operating system errors met while creating, copying or opening database files.
_ERRNOS: Final[dict[int, StorageKind]] = {
    code: kind
    for name, kind in (
        ("ENOSPC", StorageKind.FULL),
        ("EDQUOT", StorageKind.FULL),
        ("EFBIG", StorageKind.FULL),
        ("EROFS", StorageKind.READ_ONLY),
        ("EACCES", StorageKind.DENIED),
        ("EPERM", StorageKind.DENIED),
        ("EIO", StorageKind.IO),
    )
    if (code := getattr(errno, name, None)) is not None
}


def storage_kind(exc: BaseException) -> StorageKind | None:
    """The environment problem behind ``exc``, from the driver's error code; ``None`` for a bug.

    Looks at the DB-API exception a SQLAlchemy :class:`DBAPIError` wraps: ``sqlite_errorcode`` (any
    SQLite driver), else a five-character SQLSTATE (PostgreSQL drivers); and at ``errno`` for an
    :class:`OSError`.  The message text plays no part: it is English, and varies between versions.
    """
    original: object = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(original, OSError):
        return _ERRNOS.get(original.errno) if isinstance(original.errno, int) else None
    code = getattr(original, "sqlite_errorcode", None)
    if isinstance(code, int) and not isinstance(code, bool):
        return _SQLITE_CODES.get(code & 0xFF)
    state = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    if isinstance(state, str) and len(state) == 5:
        return _SQLSTATES.get(state.upper()) or _SQLSTATE_CLASSES.get(state[:2].upper())
    return None


def storage_error_for(kind: StorageKind) -> StorageError:
    """The French :class:`StorageError` for ``kind``."""
    return StorageError(translate("StorageError", _MESSAGES[kind]), kind=kind)


def storage_error_from(exc: BaseException) -> StorageError | None:
    """A French :class:`StorageError` for a known environment failure, else ``None`` (a bug)."""
    kind = storage_kind(exc)
    return None if kind is None else storage_error_for(kind)


@contextmanager
def storage_errors() -> Iterator[None]:
    """Turn known environment failures raised inside the block into :class:`StorageError`."""
    try:
        yield
    except StorageError:
        raise
    except Exception as exc:
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


def database_url(target: DatabaseTarget) -> URL:
    """The URL of ``target``: a :class:`~sqlalchemy.URL` as is, a string with ``://`` parsed, else a
    SQLite file path."""
    if isinstance(target, URL):
        return target
    if isinstance(target, str) and "://" in target:
        return make_url(target)
    return URL.create("sqlite", database=str(Path(target).expanduser()))


def sqlite_file(url: URL) -> Path | None:
    """The file behind a SQLite URL; ``None`` for another database, an in-memory one or a ``file:`` URI."""
    database = url.database or ""
    if url.get_backend_name() != "sqlite" or database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database)


def _read_only_url(path: Path, access: Access) -> URL:
    # SQLite-specific: a URI filename (https://www.sqlite.org/uri.html) with ``mode=ro`` or
    # ``immutable=1``; SQLAlchemy's pysqlite dialect passes the other query parameters into the URI.
    query = {"mode": "ro"} if access == "ro" else {"immutable": "1"}
    return URL.create("sqlite", database="file:" + urllib.parse.quote(path.as_posix()), query={**query, "uri": "true"})


def make_engine(target: DatabaseTarget, *, echo: bool = False, create: bool = True, access: Access = "rw") -> Engine:
    """An engine on ``target`` (a SQLite file path, or a URL) with the project's settings.

    ``create=False`` refuses a missing SQLite file (a mistyped ``--db`` must not create an empty
    database).  ``access`` opens a SQLite file read-only (see :data:`Access`).  Statement parameters
    never appear in error messages or logs: they may hold tier-L values.
    """
    url = database_url(target)
    path = sqlite_file(url)
    if path is not None:
        if (not create or access != "rw") and not path.exists():
            raise StorageError(
                translate(
                    "StorageError", "Base de données introuvable : {path}. Créez-la avec « medios init »."
                ).format(path=path),
                kind=StorageKind.CANT_OPEN,
            )
        if access == "rw":
            _touch_private(path)
        else:
            url = _read_only_url(path, access)
        key = _key(path)
        if key is not None:
            engine = create_engine(
                url,
                echo=echo,
                hide_parameters=True,
                creator=lambda: crypto.connect(path, mode=access, key=key, check_same_thread=False),
            )
            _install_sqlite_pragmas(engine, writable=access == "rw")
            return engine
    engine = create_engine(url, echo=echo, hide_parameters=True)
    if engine.dialect.name == "sqlite":
        _install_sqlite_pragmas(engine, writable=access == "rw")
    return engine


def _key(path: Path) -> bytes | None:
    """The SQLCipher key of ``path``: the one this process holds for it (a new file is created encrypted
    when a key was given for it), ``None`` for a clear file; an encrypted file with no key is refused."""
    if path.stat().st_size == 0:
        return crypto.known_key(path)
    key = crypto.key_for(path)
    if key is None and crypto.is_encrypted(path):
        # An encrypted Médios base has its key file beside it; without one, it is not a base at all.
        kind = StorageKind.KEY_NEEDED if crypto.key_file(path).exists() else StorageKind.NOT_A_DATABASE
        raise storage_error_for(kind)
    return key


def _install_sqlite_pragmas(engine: Engine, *, writable: bool) -> None:
    # SQLite-specific.  pysqlite's legacy transaction handling commits DDL on its own, which would let
    # a failed migration leave half a schema; take over BEGIN as SQLAlchemy's documentation advises
    # ("Serializable isolation / Savepoints / Transactional DDL"), so that every transaction, DDL
    # included, is all or nothing.  A read-only connection leaves the journal mode alone (setting it
    # writes the file header).
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            if writable:
                cursor.execute("PRAGMA journal_mode=WAL")
                # FULL: each commit is on the disk when it returns (an fsync of the WAL), so that a power
                # cut loses no save the window acknowledged.  NORMAL survives a crash of the program but
                # may lose the last commits on a power cut (https://www.sqlite.org/pragma.html#pragma_synchronous).
                cursor.execute("PRAGMA synchronous=FULL")
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
    on an exception).  A database opened read-only (``read_only_reason`` set: read-only medium or
    file, full disk) can still be read; ``transaction()`` raises that reason, a French
    :class:`StorageError`, before anything runs.

    The session factories (and with them ``sqlalchemy.orm``) are made on first use: opening a database
    and painting the window need none (they read through SQLAlchemy Core).
    """

    def __init__(
        self, engine: Engine, path: Path | None = None, *, read_only_reason: StorageError | None = None
    ) -> None:
        self.engine = engine
        self.path = path
        self.read_only_reason = read_only_reason
        self.last_migration: MigrationResult | None = None

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        from sqlalchemy.orm import sessionmaker

        return sessionmaker(self.engine, expire_on_commit=False)

    @cached_property
    def _writers(self) -> sessionmaker[Session]:
        from sqlalchemy.orm import sessionmaker

        return sessionmaker(self.engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False)

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def session(self) -> Session:
        return self.sessions()

    def refuse_writes(self) -> None:
        """Raise the French reason why this database cannot be written, if it cannot."""
        reason = self.read_only_reason
        if reason is not None:
            raise StorageError(str(reason), kind=reason.kind)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        self.refuse_writes()
        with self._writers() as session, session.begin():
            yield session

    def dispose(self) -> None:
        """Close the database: ``PRAGMA optimize`` first on a writable SQLite base (SQLite-specific), on a
        pooled connection that served the session, then every connection.  Not a pool ``close`` event: a
        connection the garbage collector finalises must not run SQL in the middle of a collection."""
        if self.engine.dialect.name == "sqlite" and not self.read_only:
            from medios.db.maintenance import optimize  # imports this module

            try:
                with self.engine.connect() as conn:
                    optimize(conn.connection.dbapi_connection)
            except Exception:  # noqa: BLE001, S110 - closing must not fail because statistics could not be kept
                pass  # optimize() logs its own failures; connecting may fail on a vanished or full medium
        self.engine.dispose()
