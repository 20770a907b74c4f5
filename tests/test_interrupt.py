"""A long read on a pool thread is stopped from another thread, and the base stays usable."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from medios.db import Database
from medios.db.interrupt import Interrupted, Interruptible

ENDLESS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000000000) SELECT count(*) FROM n"


def test_interrupt_stops_a_running_read_and_says_so(db: Database) -> None:
    reads = Interruptible(db.engine)
    outcome: dict[str, object] = {}
    started = threading.Event()

    def read() -> None:
        try:
            with reads.running(), db.engine.connect() as conn:
                started.set()
                outcome["count"] = conn.execute(text(ENDLESS)).scalar()
        except Interrupted:
            outcome["interrupted"] = True

    worker = threading.Thread(target=read)
    worker.start()
    assert started.wait(5)
    time.sleep(0.2)  # the statement is running
    begun = time.monotonic()
    assert reads.interrupt() == 1
    worker.join(10)
    assert not worker.is_alive()
    assert outcome == {"interrupted": True}
    assert time.monotonic() - begun < 2
    with db.engine.connect() as conn:  # the pool's connections are fine afterwards
        assert conn.execute(text("SELECT 1")).scalar() == 1


def test_reads_outside_the_block_are_not_touched(db: Database) -> None:
    reads = Interruptible(db.engine)
    with db.engine.connect() as conn:
        assert reads.interrupt() == 0  # this connection was not checked out inside running()
        assert conn.execute(text("SELECT 2")).scalar() == 2


def test_an_error_that_is_not_an_interruption_stays_itself(db: Database) -> None:
    from sqlalchemy.exc import OperationalError

    reads = Interruptible(db.engine)
    with pytest.raises(OperationalError, match="no such table"):
        with reads.running(), db.engine.connect() as conn:
            conn.execute(text("SELECT * FROM absent_table"))


def test_an_interrupt_between_two_statements_stops_the_next_one(db: Database) -> None:
    """SQLite's interrupt only reaches a running statement: one coming after it in the block is refused."""
    reads = Interruptible(db.engine)
    with pytest.raises(Interrupted):
        with reads.running(), db.engine.connect() as conn:
            assert conn.execute(text("SELECT 1")).scalar() == 1
            reads.interrupt()  # nothing running at this moment
            conn.execute(text(ENDLESS))
    with reads.running(), db.engine.connect() as conn:  # a new block runs normally
        assert conn.execute(text("SELECT 3")).scalar() == 3
