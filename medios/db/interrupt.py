"""Stopping a long read that nobody waits for any more (a journal search found nowhere, a stale count).

A service opens its own connection from the pool; the caller cannot reach it.  :class:`Interruptible`
notes the connections its :meth:`~Interruptible.running` block checks out on the current thread (a pool
``checkout`` event), and :meth:`~Interruptible.interrupt`, called from any thread, stops the statement
they are running: the block then raises :class:`Interrupted`.  Nothing is written by such reads, so
nothing is lost; the connection goes back to the pool, usable.

SQLite-specific (``sqlite3.Connection.interrupt``, documented as safe from another thread): on other
dialects :meth:`~Interruptible.interrupt` does nothing and the read runs to its end, as before.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

_scope = threading.local()  # the Interruptible whose block runs on this thread, if any
_LISTENING = "_medios_interruptible"


class Interrupted(Exception):
    """The read was stopped by :meth:`Interruptible.interrupt`."""


# SQLite calls the progress handler every this many virtual-machine steps of a statement (well under a
# millisecond): a statement of an interrupted block stops there even if the interrupt came just before
# it started, when SQLite had nothing running to stop.
PROGRESS_STEPS = 10_000


def _on_checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    owner: Interruptible | None = getattr(_scope, "owner", None)
    if owner is not None:
        owner._add(dbapi_connection)
        generation = _scope.generation
        watch = getattr(dbapi_connection, "set_progress_handler", None)  # sqlite3
        if watch is not None:
            watch(lambda: owner._stopped_since(generation), PROGRESS_STEPS)


def _before_execute(*_args: Any) -> None:
    """A statement about to start in a block already interrupted (the interrupt came between two
    statements, when SQLite had nothing to stop): it does not start."""
    owner: Interruptible | None = getattr(_scope, "owner", None)
    if owner is not None and owner._stopped_since(_scope.generation):
        raise Interrupted()


def _on_checkin(dbapi_connection: Any, _record: Any) -> None:
    owner: Interruptible | None = getattr(_scope, "owner", None)
    if owner is not None:
        owner._remove(dbapi_connection)
        watch = getattr(dbapi_connection, "set_progress_handler", None)
        if watch is not None:
            watch(None, 0)  # back in the pool: no longer watched


class Interruptible:
    """Reads of ``engine`` that another thread may stop (see the module's docstring)."""

    def __init__(self, engine: Engine) -> None:
        self._lock = threading.Lock()
        self._connections: set[Any] = set()
        self._generation = 0
        if not getattr(engine.pool, _LISTENING, False):
            event.listen(engine.pool, "checkout", _on_checkout)
            event.listen(engine.pool, "checkin", _on_checkin)
            event.listen(engine, "before_cursor_execute", _before_execute)
            setattr(engine.pool, _LISTENING, True)

    def _add(self, connection: Any) -> None:
        with self._lock:
            self._connections.add(connection)

    def _remove(self, connection: Any) -> None:
        with self._lock:
            self._connections.discard(connection)

    @contextmanager
    def running(self) -> Iterator[None]:
        """Run the block's reads so that :meth:`interrupt` can stop them (:class:`Interrupted`)."""
        previous = getattr(_scope, "owner", None), getattr(_scope, "generation", 0)
        with self._lock:
            generation = self._generation
        _scope.owner, _scope.generation = self, generation
        try:
            yield
        except OperationalError as exc:
            if "interrupted" in str(exc.orig).lower() and self._stopped_since(generation):
                raise Interrupted() from exc
            raise
        finally:
            _scope.owner, _scope.generation = previous

    def _stopped_since(self, generation: int) -> bool:
        with self._lock:
            return self._generation != generation

    def interrupt(self) -> int:
        """Stop the statements running in :meth:`running` blocks now (from any thread); how many
        connections were told."""
        with self._lock:
            self._generation += 1
            connections = list(self._connections)
        for connection in connections:
            stop = getattr(connection, "interrupt", None)  # sqlite3; other drivers: nothing
            if stop is not None:
                stop()
        return len(connections)
