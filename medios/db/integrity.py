"""Integrity of the database file (SQLite-specific: this module is the one place for these pragmas).

:func:`check_file` opens the file read-only through :func:`medios.db.crypto.connect` (no migration, no
write, no lock held beyond the reading) and runs ``PRAGMA integrity_check``, or ``PRAGMA quick_check``
on a large file (it skips the comparison of every index with its table: seconds instead of minutes on
a base of several gigabytes), then ``PRAGMA foreign_key_check``.  A file that cannot even be read as a
database is reported damaged with the reason (an encrypted file whose key this process does not hold
cannot be read either).  ``medios check`` prints the verdict; the window runs it in the background
after start-up.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from medios.db import crypto

QUICK_ABOVE = 1 << 30  # bytes: above 1 GiB, quick_check unless a full check is asked for
MAX_PROBLEMS = 100  # lines kept of what the check reports


class CheckStopped(Exception):
    """The check was stopped by its caller (the window closing) before it could conclude."""


@dataclass(frozen=True, slots=True)
class IntegrityReport:
    """What a check found: ``problems`` are SQLite's own lines (English), at most :data:`MAX_PROBLEMS`."""

    path: Path
    full: bool  # integrity_check (True) or quick_check
    problems: tuple[str, ...]
    foreign_key_errors: int
    seconds: float
    size: int

    @property
    def ok(self) -> bool:
        return not self.problems and not self.foreign_key_errors


def check_file(
    path: Path,
    *,
    full: bool | None = None,
    should_stop: Callable[[], bool] | None = None,
    foreign_keys: bool = True,
) -> IntegrityReport:
    """Check the SQLite file ``path`` (``full``: ``None`` chooses by size), and its foreign keys unless
    ``foreign_keys`` is false.  Raises ``FileNotFoundError``, or :class:`CheckStopped` when
    ``should_stop`` (asked every few thousand steps) says so."""
    if not path.is_file():
        raise FileNotFoundError(path)
    size = path.stat().st_size
    full = size <= QUICK_ABOVE if full is None else full
    started = time.perf_counter()
    problems: list[str] = []
    foreign = 0
    try:
        con = crypto.connect(path, mode="ro")
    except crypto.DRIVER_ERRORS as exc:
        return IntegrityReport(path, full, (str(exc),), 0, time.perf_counter() - started, size)
    if should_stop is not None:
        con.set_progress_handler(lambda: 1 if should_stop() else 0, 10_000)
    try:
        pragma = "integrity_check" if full else "quick_check"
        rows = con.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})").fetchall()
        problems = [str(row[0]) for row in rows if row[0] != "ok"]
        if not problems and foreign_keys:
            foreign = len(con.execute("PRAGMA foreign_key_check").fetchmany(MAX_PROBLEMS))
    except crypto.DatabaseErrors as exc:  # not a database, or too damaged to be walked
        if should_stop is not None and should_stop():
            raise CheckStopped from None
        problems.append(str(exc))
    finally:
        con.close()
    return IntegrityReport(path, full, tuple(problems), foreign, time.perf_counter() - started, size)
