"""Backups of the database file and their restoration (SQLite-specific: the online backup API).

:func:`make_backup` copies a live base with SQLite's online backup API (a consistent snapshot, even
while the window writes: pages changed during the copy are copied again), into a temporary file of the
target folder that is checked (``integrity_check``, ``quick_check`` above 1 GiB, a Médios schema
revision) then renamed into place,
so that a backup is either whole or absent.  :func:`keep` says which automatic backups a rotation keeps
(7 daily, 4 weekly, 12 monthly: the latest backup of each).  :func:`restore` checks a backup the same
way before anything is replaced, sets the current file aside (with its ``-wal`` and ``-shm``), then puts
the backup in its place.

When the base is encrypted, the backup is encrypted with the same key (:mod:`medios.db.crypto`); a
restored backup keeps the key it was made with (an earlier key of a re-keyed base, say).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from medios.db import crypto
from medios.db.integrity import check_file
from medios.i18n import translate

AUTO_NAME = re.compile(r"^medios-(\d{8}-\d{6})\.db$")
DAILY, WEEKLY, MONTHLY = 7, 4, 12


class BackupError(Exception):
    """A backup that cannot be made or used (French message); nothing was replaced."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    revision: str
    size: int
    interventions: int


def _stamp(now: dt.datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


def auto_name(now: dt.datetime) -> str:
    return f"medios-{_stamp(now)}.db"


def automatic_backups(folder: Path) -> list[tuple[dt.datetime, Path]]:
    """The automatic backups of ``folder``, the latest first."""
    if not folder.is_dir():
        return []
    found = [(stamp, path) for path in folder.iterdir() if (stamp := stamp_of(path)) is not None]
    return sorted(found, reverse=True)


def inspect_file(path: Path) -> BackupInfo:
    """Open ``path`` read-only and check it is a whole Médios base; raises :class:`BackupError` (French)."""
    if not path.is_file():
        raise BackupError(translate("Backup", "sauvegarde introuvable : {path}.").format(path=path))
    if crypto.is_encrypted(path) and crypto.key_for(path) is None:
        raise BackupError(
            translate(
                "Backup",
                "« {path} » est chiffrée avec une clé que ce poste n'a pas : saisissez la clé de secours de la "
                "base dont elle vient.",
            ).format(path=path)
        )
    report = check_file(path, foreign_keys=False)  # quick_check on a large file, as medios check
    if report.problems:
        raise BackupError(
            translate("Backup", "« {path} » est endommagée : {detail}.").format(path=path, detail=report.problems[0])
        )
    con = crypto.connect(path, mode="ro")
    try:
        try:
            revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
            interventions = con.execute("SELECT count(*) FROM intervention").fetchone()[0]
        except crypto.DatabaseErrors as exc:
            raise BackupError(
                translate("Backup", "« {path} » n'est pas une base Médios lisible : {reason}.").format(
                    path=path, reason=exc
                )
            ) from None
    finally:
        con.close()
    if revision is None:
        raise BackupError(translate("Backup", "« {path} » n'est pas une base Médios.").format(path=path))
    return BackupInfo(path, str(revision[0]), path.stat().st_size, int(interventions))


def make_backup(source: Path, target: Path, progress: Callable[[int, int], None] | None = None) -> BackupInfo:
    """Copy the base ``source`` to ``target`` (a file that must not exist), whole or not at all.

    ``progress(done, total)`` gets the pages copied; it may raise to stop (nothing is left)."""
    if target.exists():
        raise BackupError(translate("Backup", "« {path} » existe déjà : choisissez un autre nom.").format(path=target))
    partial = target.with_name(f".{target.name}.partiel")
    try:
        key = crypto.key_for(source)  # an encrypted base gives an encrypted backup, with the same key
        if key is not None:
            crypto.remember_key(partial, key)
            crypto.remember_key(target, key)
        src = crypto.connect(source, mode="ro", key=key)
        try:
            dest = crypto.connect(partial, key=key)
            try:
                report = None if progress is None else (lambda _status, left, total: progress(total - left, total))
                src.backup(dest, pages=1024, progress=report)  # a step at a time: writers are not held up
                dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            finally:
                dest.close()
        finally:
            src.close()
        os.chmod(partial, 0o600)
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        info = inspect_file(partial)
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(
            translate("Backup", "la sauvegarde n'a pas pu être écrite dans « {path} » : {reason}.").format(
                path=target, reason=exc.strerror or exc
            )
        ) from None
    except crypto.DRIVER_ERRORS as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(translate("Backup", "la base ne se copie pas : {reason}.").format(reason=exc)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupInfo(target, info.revision, info.size, info.interventions)


def stamp_of(path: Path) -> dt.datetime | None:
    """The time in an automatic backup's name, or ``None`` for another file."""
    match = AUTO_NAME.match(path.name)
    return dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S") if match else None


def keep(stamps: Iterable[dt.datetime]) -> set[dt.datetime]:
    """The backups a rotation keeps: the latest of each of the 7 latest days, 4 latest ISO weeks and
    12 latest months that have a backup (a backup may count for several)."""
    ordered = sorted(set(stamps), reverse=True)
    kept: set[dt.datetime] = set()
    for period, count in (
        (lambda t: t.date(), DAILY),
        (lambda t: t.isocalendar()[:2], WEEKLY),
        (lambda t: (t.year, t.month), MONTHLY),
    ):
        seen: list[object] = []
        for stamp in ordered:  # newest first: the first of a period is its latest
            key = period(stamp)
            if key not in seen:
                if len(seen) == count:
                    break
                seen.append(key)
                kept.add(stamp)
    return kept


def rotate(folder: Path) -> list[Path]:
    """Delete the automatic backups of ``folder`` that :func:`keep` does not keep; returns them."""
    backups = {stamp: path for path in folder.iterdir() if (stamp := stamp_of(path)) is not None}
    kept = keep(backups)
    removed = [path for stamp, path in sorted(backups.items()) if stamp not in kept]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def restore(backup: Path, current: Path, *, now: dt.datetime | None = None) -> tuple[BackupInfo, Path | None]:
    """Put ``backup`` in the place of ``current``, after checking it; the current file (with its WAL) is
    renamed aside first and its new name returned.  The base must not be open elsewhere."""
    info = inspect_file(backup)
    key = crypto.key_for(backup)
    stamp = _stamp(now or dt.datetime.now())
    incoming = current.with_name(f".{current.name}.restauration")
    aside = current.with_name(f"{current.name}.avant-restauration-{stamp}") if current.exists() else None
    incoming.unlink(missing_ok=True)  # left by a restoration interrupted before its last step
    try:
        make_backup(backup, incoming)
        if aside is not None:
            for suffix in ("-wal", "-shm"):
                side = current.with_name(current.name + suffix)
                if side.exists():
                    os.replace(side, aside.with_name(aside.name + suffix))
            os.replace(current, aside)
        os.replace(incoming, current)
    except BaseException:
        incoming.unlink(missing_ok=True)
        raise
    if key is not None:
        crypto.remember_key(current, key)
    return info, aside
