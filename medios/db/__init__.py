"""Database layer: typed models, the engine factory, migrations and the référentiel mirror."""

from __future__ import annotations

import logging
import os
import uuid
from pathlib import Path

from sqlalchemy import Connection, select

from medios.db import light
from medios.db.engine import (
    Access,
    Database,
    DatabaseTarget,
    StorageError,
    StorageKind,
    database_url,
    make_engine,
    sqlite_file,
    storage_error_for,
    storage_errors,
)
from medios.db.migrate import (
    MigrationResult,
    NewerDatabaseError,
    current_revision,
    head_revision,
    needs_upgrade,
    upgrade,
)
from medios.referentiel import load_registry, referentiel_dir

DEVICE_ID_KEY = "device_id"

__all__ = ["Database", "NewerDatabaseError", "StorageError", "open_database", "storage_errors"]

log = logging.getLogger(__name__)

# Failures met while opening read-write after which a read-only open is worth trying (SQLite).
_READ_ONLY_FALLBACK = frozenset({StorageKind.FULL, StorageKind.IO, StorageKind.READ_ONLY, StorageKind.CANT_OPEN})


def open_database(target: DatabaseTarget, *, migrate: bool = True, create: bool = True) -> Database:
    """Open the database at ``target`` (a file path or a URL): migrate, mirror the référentiel, set a
    device id, writing only what is missing.

    A missing file is created, unless ``create`` is false (then :class:`StorageError`).  A SQLite file
    that cannot be written (read-only medium or file, full disk) is opened read-only when it needs no
    change: it can be read and exported, and its ``transaction()`` raises the French reason.

    Raises :class:`NewerDatabaseError` for a file written by a newer Médios and :class:`StorageError`
    for environment problems (locked, read-only, corrupt, disk full), both with French messages.
    """
    url = database_url(target)
    path = sqlite_file(url)
    if path is not None and path.exists() and not _writable(path):
        return _open_read_only(path, storage_error_for(StorageKind.READ_ONLY), migrate=migrate)
    try:
        return _open(url, path, migrate=migrate, create=create)
    except StorageError as exc:
        if path is None or exc.kind not in _READ_ONLY_FALLBACK or not path.is_file():
            raise
        return _open_read_only(path, _refined(exc, path), migrate=migrate)


def upgrade_pending(path: Path) -> bool:
    """Whether opening the file ``path`` will migrate it: an existing Médios base at an older revision.

    One read-only look at ``alembic_version`` (no write, no lock held): the window uses it to open such
    a base off its thread, with a progress dialog, since a migration of a large base takes a while.
    Anything unusual (no file, not a base, unreadable) is ``False``: :func:`open_database` explains it.
    """
    if not path.is_file():
        return False
    try:
        engine = make_engine(path, create=False, access="ro")
    except Exception:  # noqa: BLE001 - open_database gives the French reason
        return False
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
        return revision is not None and revision != head_revision()
    except Exception:  # noqa: BLE001 - idem
        return False
    finally:
        engine.dispose()


def _open(target: DatabaseTarget, path: Path | None, *, migrate: bool, create: bool) -> Database:
    with storage_errors():
        engine = make_engine(target, create=create)
        try:
            db = Database(engine, path)
            # The usual case, an up-to-date base, is one read: revision, référentiel versions, device id.
            head = head_revision()
            with engine.connect() as connection:
                up_to_date = current_revision(connection) == head
                complete = up_to_date and _is_complete(connection)
            if migrate:
                db.last_migration = MigrationResult(head, head, None) if up_to_date else upgrade(engine, path)
            if not complete:
                _complete(db)
        except BaseException:
            engine.dispose()
            raise
    return db


def shipped_referentiel_versions() -> frozenset[str]:
    """The référentiel versions shipped, from the files' names (``MEDIOS-2026.1.json`` holds version
    ``MEDIOS-2026.1``; ``tests/test_startup.py`` checks it): opening a base parses them only when one
    is missing from it."""
    return frozenset(path.stem for path in referentiel_dir().glob("*.json"))


def _is_complete(connection: Connection) -> bool:
    """Whether every shipped référentiel version is mirrored and the device id set (SQLAlchemy Core over
    :mod:`medios.db.light`: neither the models nor the ORM are needed to open an up-to-date base)."""
    present = set(connection.scalars(select(light.referentiel_version.c.version)))
    device = connection.scalar(select(light.app_setting.c.value).where(light.app_setting.c.key == DEVICE_ID_KEY))
    return device is not None and shipped_referentiel_versions() <= present


def _complete(db: Database) -> None:
    """Mirror missing référentiel versions and create the device id, in one transaction, only if needed:
    the write transaction, and the models, only come when something is missing."""
    with db.engine.connect() as connection:
        if _is_complete(connection):
            return
    registry = load_registry()
    from medios.db.models import AppSetting
    from medios.db.referentiel_sync import sync_referentiel

    with db.transaction() as session:  # a read-only database raises its reason here
        sync_referentiel(session, registry)
        if session.get(AppSetting, DEVICE_ID_KEY) is None:
            session.add(AppSetting(key=DEVICE_ID_KEY, value=str(uuid.uuid4())))


# SQLite-specific from here: read-only opening of a file, and what SQLite needs to write.


def _writable(path: Path) -> bool:
    """Whether SQLite can write ``path``: the file, and the folder where it keeps ``-wal`` and ``-shm``
    (unless both exist and are writable).  False on a read-only medium, even for root."""
    if not os.access(path, os.W_OK):
        return False
    if os.access(path.parent, os.W_OK):
        return True
    companions = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    return all(os.access(companion, os.W_OK) for companion in companions)


def _wal_is_empty(path: Path) -> bool:
    """No write-ahead log, or an empty one: the main file holds every committed transaction."""
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size == 0
    except FileNotFoundError:
        return True


def _refined(error: StorageError, path: Path) -> StorageError:
    """SQLite reports a full disk met while opening (no room for the ``-shm`` index) as an I/O error, and
    a read-only medium as a file it cannot open: say which, from the file system's own figures."""
    if error.kind not in (StorageKind.IO, StorageKind.CANT_OPEN) or not hasattr(os, "statvfs"):
        return error
    try:
        figures = os.statvfs(path.parent)
    except OSError:
        return error
    if figures.f_flag & os.ST_RDONLY:
        return storage_error_for(StorageKind.READ_ONLY)
    if figures.f_bavail * figures.f_frsize < 1 << 20:
        return storage_error_for(StorageKind.FULL)
    return error


def _open_read_only(path: Path, reason: StorageError, *, migrate: bool) -> Database:
    """Open ``path`` for reading only; ``reason`` (French) is raised by any attempt to write.

    ``mode=ro`` keeps SQLite's locks, so that another Médios may write meanwhile, but needs the
    write-ahead log's index (``-shm``), which a read-only folder or a full disk cannot provide.  Then
    ``immutable=1`` (no lock, no log) is used, and only when the log holds nothing: the main file is
    then complete (https://www.sqlite.org/wal.html, "Read-Only Databases").  A database that needs
    a change (schema update, référentiel, device id) is refused with ``reason``, and so is one that
    cannot be read this way either.
    """
    try:
        try:
            db = _read_only_attempt(path, "ro", reason, migrate=migrate)
        except StorageError as exc:
            if exc.kind not in _READ_ONLY_FALLBACK or not _wal_is_empty(path):
                raise
            db = _read_only_attempt(path, "immutable", reason, migrate=migrate)
    except StorageError as exc:
        if exc.kind in _READ_ONLY_FALLBACK:
            raise StorageError(str(reason), kind=reason.kind) from exc
        raise
    log.warning("database opened read-only (%s)", reason.kind)
    return db


def _read_only_attempt(path: Path, access: Access, reason: StorageError, *, migrate: bool) -> Database:
    with storage_errors():
        engine = make_engine(path, create=False, access=access)
        try:
            db = Database(engine, path, read_only_reason=reason)
            if migrate and needs_upgrade(engine):
                db.refuse_writes()
            _complete(db)
        except BaseException:
            engine.dispose()
            raise
    return db
