"""Schema migrations run from code: backup first, refuse newer databases, then upgrade to head.

Used by the app, the CLI and the tests alike.  ``script_location`` comes from :mod:`medios.paths`
(installed wheel or source checkout), never from the working directory.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from medios import paths
from medios.db.engine import StorageError, driver_execute, storage_errors
from medios.i18n import translate

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
    cfg = Config()
    cfg.set_main_option("script_location", str(paths.migrations_dir()))
    return cfg


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    if head is None:  # pragma: no cover - the package always ships revisions
        raise RuntimeError("aucune migration livrée avec l'application")
    return head


def current_revision(connection: Connection) -> str | None:
    heads = MigrationContext.configure(connection).get_current_heads()
    return heads[0] if heads else None


def _check_known(revision: str | None) -> None:
    if revision is None:
        return
    known = {rev.revision for rev in script_directory().walk_revisions()}
    if revision not in known:
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
        _check_known(before)
        tables = set(inspect(conn).get_table_names())
    if before == head:
        return MigrationResult(before, head, None)
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
    """Give back to the disk the pages a migration freed, when they are a quarter of the file or more.

    SQLite-specific.  A migration that rebuilds tables (0005 rewrites every key) leaves the old copies
    as free pages: the file would stay at its old size.  ``VACUUM`` cannot run inside the upgrade's
    transaction; it runs after the commit, and it is atomic: if it fails (disk full: it needs room for
    a copy), the upgraded base is intact, only larger than it could be, and the next upgrade tries again.
    """
    with engine.connect() as conn:
        ((free,),) = driver_execute(conn, "PRAGMA freelist_count")
        ((pages,),) = driver_execute(conn, "PRAGMA page_count")
        if free * 4 < pages:
            return
        try:
            with storage_errors():
                driver_execute(conn, "VACUUM")
        except StorageError as exc:
            log.warning("VACUUM after migration skipped: %s", exc)
