"""Schema migrations run from code: backup first, refuse newer databases, then upgrade to head.

Used by the app, the CLI and the tests alike.  ``script_location`` comes from :mod:`medios.paths`
(installed wheel or source checkout), never from the working directory.

An up-to-date database costs one query and no alembic: the revisions shipped are read from the names
of the files in ``migrations/versions`` (``0002_….py`` holds revision ``0002``; the numbers follow the
chain), and the file's revision from ``alembic_version`` with SQLAlchemy Core.  Alembic (its import, and
the parse of every script) is only paid when there is something to upgrade.  ``tests/test_startup.py``
checks the file names against alembic's own reading of the scripts.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, select

from medios import paths
from medios.db import light
from medios.db.engine import StorageError, driver_execute, storage_errors
from medios.i18n import translate

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)


class NewerDatabaseError(RuntimeError):
    """The file was written by a newer Médios: it is left untouched."""


class MigrationFailed(StorageError):
    """An upgrade failed and was rolled back; the message says where the copy is."""


@dataclass(frozen=True, slots=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(paths.migrations_dir()))
    return cfg


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


# What the scripts assign, read from their text: ``revision: str = "0002"``, ``down_revision … = "0001"``.
_ASSIGNED = re.compile(r"(revision|down_revision)\s*(?::[^=]*)?=\s*(?:None|[\"']([^\"']+)[\"'])\s*(?:#.*)?")
_read_cache: dict[Path, tuple[tuple[int, int], tuple[str, str | None] | None]] = {}


def _assigned(script: Path) -> tuple[str, str | None] | None:
    """``(revision, down_revision)`` of one script, from its text, without running it (cached while the
    file is unchanged); ``None`` when the script says it in another way (a merge's tuple…)."""
    stat = script.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _read_cache.get(script)
    if cached is not None and cached[0] == key:
        return cached[1]
    found: dict[str, list[str]] = {"revision": [], "down_revision": []}
    with script.open(encoding="utf-8") as source:
        for line in source:
            if line.startswith(("revision", "down_revision")) and (match := _ASSIGNED.fullmatch(line.rstrip())):
                found[match[1]].append(match[2] or "")
    revision, down = found["revision"], found["down_revision"]
    result = (revision[0], down[0] or None) if len(revision) == len(down) == 1 and revision[0] else None
    _read_cache[script] = (key, result)
    return result


def _read_chain(versions: Path) -> dict[str, str | None] | None:
    """Each script's revision and the one it follows; ``None`` if one script cannot be read that way."""
    chain: dict[str, str | None] = {}
    for script in sorted(versions.glob("*.py")):
        assigned = _assigned(script)
        if assigned is None:
            return None
        chain[assigned[0]] = assigned[1]
    return chain


def shipped_revisions() -> tuple[str, ...]:
    """The revisions this application ships, oldest first.

    Read from the scripts' text (a few small files, no import of alembic nor of the scripts) when they
    form one straight chain; otherwise alembic parses them.
    """
    chain = _read_chain(paths.migrations_dir() / "versions")
    if chain is not None:
        following = {down: rev for rev, down in chain.items()}
        ordered: list[str] = []
        current = following.get(None)
        while current is not None and current not in ordered:
            ordered.append(current)
            current = following.get(current)
        if len(ordered) == len(chain) == len(following) and ordered:
            return tuple(ordered)
    scripts = script_directory()
    if len(scripts.get_heads()) != 1:  # pragma: no cover - a release ships one head
        raise RuntimeError("les migrations livrées avec l'application n'ont pas une seule tête")
    return tuple(reversed([script.revision for script in scripts.walk_revisions()]))


def head_revision() -> str:
    return shipped_revisions()[-1]


def current_revision(connection: Connection) -> str | None:
    """The revision stamped in the database (``None`` for an empty one), read with SQLAlchemy Core as
    alembic's ``MigrationContext.get_current_heads`` reads it."""
    if not inspect(connection).has_table(light.alembic_version.name):
        return None
    return connection.scalar(select(light.alembic_version.c.version_num).limit(1))


def _check_known(revision: str | None) -> None:
    if revision is None:
        return
    if revision not in shipped_revisions():
        raise NewerDatabaseError(
            translate(
                "Migration",
                "Cette base a été créée par une version plus récente de Médios (révision {revision}). "
                "Installez la dernière version de l'application : la base n'a pas été modifiée.",
            ).format(revision=revision)
        )


def backup_file(db_path: Path, revision: str | None) -> Path:
    """Copy the database file (still encrypted, if it is) before an upgrade; no partial copy is left
    behind when the copy fails (disk full)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = paths.backup_dir() / f"{db_path.name}.{revision or 'vide'}.{stamp}.bak"
    try:
        shutil.copy2(db_path, target)
        target.chmod(0o600)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def needs_upgrade(engine: Engine) -> bool:
    """Whether the database is behind the head revision (reads only; refuses a newer database)."""
    with engine.connect() as conn:
        before = current_revision(conn)
    _check_known(before)
    return before != head_revision()


def upgrade(engine: Engine, db_path: Path | None = None) -> MigrationResult:
    """Bring the database to the head revision, copying the file first when it holds a schema.

    The whole upgrade is one transaction (transactional DDL, see :mod:`medios.db.engine`): a failure
    leaves the file as it was.  Foreign keys are off while it runs, because a batch migration rebuilds
    a table by dropping it, and the drop would cascade to its child rows; they are checked before the
    commit instead.
    """
    head = head_revision()
    with engine.connect() as conn:
        before = current_revision(conn)
        if before == head:  # the common case: one query, no alembic
            return MigrationResult(before, head, None)
        _check_known(before)
        tables = set(inspect(conn).get_table_names())
    if before is None and tables - {"alembic_version"}:
        raise StorageError(
            translate(
                "Migration",
                "Ce fichier contient une base de données qui n'est pas une base Médios : choisissez un autre fichier.",
            )
        )
    sqlite = engine.dialect.name == "sqlite"
    backup = None
    if db_path is not None and tables and db_path.exists():
        if sqlite:  # fold the write-ahead log into the main file so that the copy is complete
            with engine.connect() as conn:
                ((busy, _log, _done),) = driver_execute(conn, "PRAGMA wal_checkpoint(TRUNCATE)")
            if busy:
                raise StorageError(
                    translate(
                        "Migration",
                        "La base est ouverte dans un autre programme Médios : fermez-le, puis relancez pour la mettre à jour.",
                    )
                )
        backup = backup_file(db_path, before)
    from alembic import command

    cfg = alembic_config()
    with engine.connect() as conn:
        if sqlite:
            driver_execute(conn, "PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                if sqlite and (broken := conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()):
                    raise RuntimeError(f"foreign key violations after migration: {broken[:5]}")
        except Exception as exc:
            log.exception("migration from %s to %s failed", before, head)
            where = f" {backup}" if backup else ""
            raise MigrationFailed(
                translate(
                    "Migration",
                    "La mise à jour de la base de données a échoué ; elle n'a pas été modifiée. Une copie avait "
                    "été faite :{where}. Signalez ce problème avec le journal de Médios.",
                ).format(where=where)
            ) from exc
        finally:
            if sqlite:
                driver_execute(conn, "PRAGMA foreign_keys=ON")
    if sqlite:
        _reclaim_free_pages(engine)
    return MigrationResult(before, head, backup)


def _reclaim_free_pages(engine: Engine) -> None:
    """Give back to the disk the pages a migration freed, when they are a tenth of the file or more.

    SQLite-specific.  A migration that rebuilds tables (0005 rewrites every key) leaves the old copies
    as free pages: the file would stay at its old size.  ``VACUUM`` cannot run inside the upgrade's
    transaction; it runs after the commit, and it is atomic: if it fails (disk full: it needs room for
    a copy), the upgraded base is intact, only larger than it could be, and the next upgrade tries again.
    """
    with engine.connect() as conn:
        ((free,),) = driver_execute(conn, "PRAGMA freelist_count")
        ((pages,),) = driver_execute(conn, "PRAGMA page_count")
        if free * 10 < pages:  # a quarter left 24.9 % of a test base free after 0005 and 0006
            return
        try:
            with storage_errors():
                driver_execute(conn, "VACUUM")
        except StorageError as exc:
            log.warning("VACUUM after migration skipped: %s", exc)
