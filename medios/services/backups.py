"""Backups and restoration, as the command line and the window ask for them (see :mod:`medios.db.backup`).

:func:`backup_now` writes an automatic backup into the data folder's ``backups`` (rotated: 7 daily,
4 weekly, 12 monthly) or a backup to a file chosen by the user.  :func:`restore_backup` checks a backup,
sets the current base aside, puts the backup in its place, opens it (an older backup is brought to the
current schema, with its own pre-upgrade copy) and records the restoration in its audit log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from medios import paths
from medios.db import open_database
from medios.db.backup import BackupError, BackupInfo, auto_name, inspect_file, make_backup, restore, rotate
from medios.i18n import translate
from medios.services import audit

__all__ = ["BackupError", "BackupInfo", "Backup", "Restored", "backup_now", "restore_backup", "inspect_file"]


@dataclass(frozen=True, slots=True)
class Backup:
    info: BackupInfo
    removed: tuple[Path, ...]  # older automatic backups the rotation deleted


@dataclass(frozen=True, slots=True)
class Restored:
    info: BackupInfo
    aside: Path | None  # where the replaced base now is


def backup_now(database: Path, target: Path | None = None, *, now: dt.datetime | None = None) -> Backup:
    """A backup of ``database`` to ``target``, or an automatic one (then the rotation runs)."""
    if not database.is_file():
        raise BackupError(translate("Backup", "aucune base à sauvegarder : {path}.").format(path=database))
    if target is not None:
        return Backup(make_backup(database, target), ())
    folder = paths.backup_dir()
    info = make_backup(database, folder / auto_name(now or dt.datetime.now()))
    return Backup(info, tuple(rotate(folder)))


def restore_backup(backup: Path, database: Path, *, now: dt.datetime | None = None) -> Restored:
    """Replace ``database`` by ``backup`` (checked first; the current file kept aside), then log it."""
    info, aside = restore(backup, database, now=now)
    db = open_database(database, create=False)
    try:
        with db.transaction() as session:
            audit.log_change(
                session,
                action="RESTORE",
                table="database",
                record_id=None,
                changes={"revision": info.revision, "interventions": info.interventions},
                actor_id=None,
                device_id=audit.session_device_id(session),
            )
    finally:
        db.dispose()
    return Restored(info, aside)
