"""Database layer: typed models, the engine factory, migrations and the référentiel mirror."""

from __future__ import annotations

import uuid
from pathlib import Path

from medios.db.engine import Database, StorageError, make_engine, storage_errors
from medios.db.migrate import NewerDatabaseError, upgrade
from medios.db.models import AppSetting
from medios.db.referentiel_sync import sync_referentiel
from medios.referentiel import load_registry

DEVICE_ID_KEY = "device_id"

__all__ = ["Database", "NewerDatabaseError", "StorageError", "open_database", "storage_errors"]


def open_database(path: Path, *, migrate: bool = True, create: bool = True) -> Database:
    """Open the database at ``path``: migrate, mirror the référentiel, set a device id.

    A missing file is created, unless ``create`` is false (then :class:`StorageError`).

    Raises :class:`NewerDatabaseError` for a file written by a newer Médios and :class:`StorageError`
    for environment problems (locked, read-only, corrupt, disk full), both with French messages.
    """
    with storage_errors():
        engine = make_engine(path, create=create)
        try:
            db = Database(engine, path)
            db.last_migration = upgrade(engine, path) if migrate else None
            with db.transaction() as session:
                sync_referentiel(session, load_registry())
                if session.get(AppSetting, DEVICE_ID_KEY) is None:
                    session.add(AppSetting(key=DEVICE_ID_KEY, value=str(uuid.uuid4())))
        except BaseException:
            engine.dispose()
            raise
    return db
