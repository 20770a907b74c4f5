"""A cheap token that changes when another program commits to the database.

The window shows counts that another process (``medios import`` in a terminal, a second window) may
change behind its back.  Re-running the count queries every few seconds would cost a scan of the
interventions each time; instead the window polls :meth:`ChangeWatcher.token` and refreshes only
when the token moved.

SQLite-specific: ``PRAGMA data_version`` returns a number that changes when *another* connection
committed since the previous call on the same connection (https://sqlite.org/pragma.html#pragma_data_version).
The watcher therefore keeps one connection of its own open, outside any transaction (a read transaction
would pin a snapshot and hold back WAL checkpoints).  Other dialects have no such counter: the token is
``None`` and callers fall back to refreshing at moments of their choosing (window activation).
"""

from __future__ import annotations

from sqlalchemy import Connection

from medios.db.engine import Database, driver_execute


class ChangeWatcher:
    """Holds a dedicated connection and reads the change token from it; :meth:`close` when done."""

    def __init__(self, db: Database) -> None:
        self._connection: Connection | None = None
        if db.engine.dialect.name == "sqlite":
            self._connection = db.engine.connect()

    @property
    def supported(self) -> bool:
        return self._connection is not None

    def token(self) -> int | None:
        """The current token (an int on SQLite, ``None`` elsewhere or once closed); no query of the data."""
        if self._connection is None:
            return None
        # SQLite-specific: run on the driver connection, so that SQLAlchemy begins no transaction.
        [(version,)] = driver_execute(self._connection, "PRAGMA data_version")
        return int(version)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def watch_changes(db: Database) -> ChangeWatcher:
    """A :class:`ChangeWatcher` on ``db`` (its first :meth:`~ChangeWatcher.token` is the reference)."""
    return ChangeWatcher(db)
