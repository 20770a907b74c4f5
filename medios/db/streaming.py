"""Reads that stream a whole table (the interchange export): SQLite memory bounded for their duration.

The engine gives every connection a 64 MiB page cache (``medios.db.engine``: bulk imports touch random
UUID pages).  SQLite bounds the memory a sort keeps before spilling to a temporary file by the same
figure (https://sqlite.org/tempfiles.html), so a read that sorts a million rows held 128 MiB in SQLite
alone.  :func:`bounded_cache` lowers both for one block: on the million-row demo base the export then
peaks at about 100 MB instead of 200 MB, no slower (its pages are read once each, the sort spills).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

from medios.db.engine import driver_execute

STREAM_CACHE_KIB = 16 * 1024


@contextmanager
def bounded_cache(connection: Connection, kib: int = STREAM_CACHE_KIB) -> Iterator[None]:
    """Run the block with the page cache (and sort memory) of ``connection`` at ``kib`` KiB, restored after.

    SQLite-specific (``PRAGMA cache_size``); on other dialects the block runs as is.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    [(previous,)] = driver_execute(connection, "PRAGMA cache_size")
    driver_execute(connection, f"PRAGMA cache_size=-{int(kib)}")
    try:
        yield
    finally:
        driver_execute(connection, f"PRAGMA cache_size={int(previous)}")
