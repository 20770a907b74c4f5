"""Planner statistics (SQLite-specific): ``ANALYZE`` after bulk writes, ``PRAGMA optimize`` at close.

The monthly aggregates do not depend on statistics (their indexes leave SQLite one sensible plan,
asserted with and without them in ``tests/test_aggregates.py``), but other queries may, and stale or
missing statistics are how SQLite ends up choosing a poor index.  So:

* :func:`analyze` refreshes them after a demonstration (:mod:`medios.demo.run`) and after a large
  import (the importer calls it once its transaction is committed);
* :func:`optimize` runs on every read-write SQLite connection just before it is closed (installed by
  :mod:`medios.db.engine`), as SQLite's documentation advises: usually a no-op, it re-analyses the
  tables this connection used whose statistics are missing or out of date.

``analysis_limit`` bounds the rows read per index, so that both stay fast on a million-row base
(https://www.sqlite.org/lang_analyze.html, "Approximate ANALYZE For Large Databases").
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from medios.db.engine import driver_execute

if TYPE_CHECKING:
    from medios.db.engine import Database

log = logging.getLogger(__name__)

ANALYSIS_LIMIT = 1000  # rows sampled per index: SQLite suggests 100 to 1,000


def analyze(db: Database) -> None:
    """Refresh the planner statistics of the whole database (SQLite only; nothing elsewhere).

    Call it after a write that changed many rows (demo, large import), outside the writing transaction.
    The write it makes is a convenience: if it fails (a full disk, a lock held by another program), the
    failure is logged and the data written before stays as it is.
    """
    if db.engine.dialect.name != "sqlite" or db.read_only:
        return
    try:
        with db.engine.connect() as conn:
            driver_execute(conn, f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
            driver_execute(conn, "ANALYZE")
    except Exception:  # noqa: BLE001 - any driver error: statistics are an optimisation
        log.warning("ANALYZE failed; the planner keeps its former statistics", exc_info=True)


def optimize(dbapi_connection: Any) -> None:
    """``PRAGMA optimize`` on a DB-API SQLite connection about to close; a failure is logged, never raised
    (closing must not fail because statistics could not be written, e.g. on a full disk)."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        cursor.execute("PRAGMA optimize")
    except Exception:  # noqa: BLE001 - any driver error: the connection closes anyway
        log.debug("PRAGMA optimize failed at close", exc_info=True)
    finally:
        cursor.close()


def scrub(db: Database) -> None:
    """Make deleted content unrecoverable from the file (SQLite only): the WAL folded into the base and
    truncated, then ``VACUUM`` rewrites the base without its free pages, then the WAL is truncated again.

    Run after a purge whose own transaction had ``PRAGMA secure_delete`` on (the freed cells zeroed), so
    that nothing of what was purged stays in the file, in its WAL or in a backup made afterwards.
    """
    if db.engine.dialect.name != "sqlite":
        return  # PostgreSQL: VACUUM and the storage's own guarantees (out of scope here)
    with db.engine.connect() as conn:
        driver_execute(conn, "PRAGMA wal_checkpoint(TRUNCATE)")
        driver_execute(conn, "VACUUM")
        driver_execute(conn, "PRAGMA wal_checkpoint(TRUNCATE)")
