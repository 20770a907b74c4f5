"""Backups and restoration, as the command line and the window ask for them (see :mod:`medios.db.backup`).

:func:`backup_now` writes an automatic backup into the data folder's ``backups`` (rotated: 7 daily,
4 weekly, 12 monthly) or a backup to a file chosen by the user.  :func:`restore_backup` checks a backup,
sets the current base aside, puts the backup in its place, opens it (an older backup is brought to the
current schema, with its own pre-upgrade copy) and records the restoration in its audit log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from medios import paths
from medios.db import open_database
from medios.db.backup import (
    BackupError,
    BackupInfo,
    auto_name,
    automatic_backups,
    inspect_file,
    make_backup,
    restore,
    rotate,
)
from medios.i18n import translate
from medios.services import audit, keys

__all__ = [
    "Backup",
    "BackupError",
    "BackupInfo",
    "Restored",
    "automatic_backups",
    "backup_now",
    "due",
    "inspect_file",
    "restore_backup",
]


@dataclass(frozen=True, slots=True)
class Backup:
    info: BackupInfo
    removed: tuple[Path, ...]  # older automatic backups the rotation deleted


@dataclass(frozen=True, slots=True)
class Restored:
    info: BackupInfo
    aside: Path | None  # where the replaced base now is


def backup_now(
    database: Path,
    target: Path | None = None,
    *,
    now: dt.datetime | None = None,
    folders: tuple[Path, ...] = (),
    progress: Callable[[int, int], None] | None = None,
) -> Backup:
    """A backup of ``database`` to ``target``, or an automatic one into the data folder's backups and each
    of ``folders`` (a USB key), each rotated."""
    if not database.is_file():
        raise BackupError(translate("Backup", "aucune base à sauvegarder : {path}.").format(path=database))
    if target is not None:
        return Backup(make_backup(database, target, progress), ())
    folder = paths.backup_dir()
    moment = (now or dt.datetime.now()).replace(microsecond=0)
    latest = automatic_backups(folder)
    if latest and moment <= latest[0][0]:  # within the same second (or a clock set back): after the latest,
        moment = latest[0][0] + dt.timedelta(seconds=1)  # so that the rotation keeps the backup just made
    name = auto_name(moment)
    info = make_backup(database, folder / name, progress)
    removed = rotate(folder)
    for extra in folders:
        if not extra.is_dir():
            raise BackupError(
                translate(
                    "Backup", "le dossier de sauvegarde « {path} » n'est pas accessible (clé USB retirée ?)."
                ).format(path=extra)
            )
        make_backup(info.path, extra / name)
        removed += rotate(extra)
    return Backup(info, tuple(removed))


def due(now: dt.datetime | None = None) -> bool:
    """Whether an automatic backup is due: none yet today (at most one a day, at closing)."""
    latest = automatic_backups(paths.backup_dir())
    return not latest or latest[0][0].date() < (now or dt.datetime.now()).date()


def restore_backup(backup: Path, database: Path, *, now: dt.datetime | None = None) -> Restored:
    """Replace ``database`` by ``backup`` (checked first; the current file kept aside), then log it."""
    info, aside = restore(backup, database, now=now)
    keys.adopt(database)  # a backup of another base (opened with its recovery key): its own key file
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
