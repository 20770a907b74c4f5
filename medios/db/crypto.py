"""Encryption at rest: SQLCipher, the one place that knows how a database file is encrypted.

SQLite-specific (PostgreSQL brings its own encryption): a Médios file is a SQLCipher 4 database keyed
with a random 256-bit raw key (``PRAGMA key = "x'…'"``: no key derivation, 0.3 ms per connection).
Its write-ahead log and every backup made from it are encrypted with the same key.  Where keys come
from (the system's secret store, a passphrase, a recovery key) is :mod:`medios.services.keys`'s
business; this module only holds the keys this process was given, by file, and opens files with them.

A file with no known key is opened with the standard ``sqlite3`` module: a clear base of an earlier
version, until ``medios encrypt``.  Raw connections for checks and copies come from :func:`connect`,
never from ``sqlite3.connect``; errors of both drivers are :data:`DRIVER_ERRORS`.
"""

from __future__ import annotations

import hmac
import logging
import os
import sqlite3
import threading
import urllib.parse
from pathlib import Path
from typing import Any, Final, Literal

import sqlcipher3

log = logging.getLogger(__name__)

KEY_BYTES: Final = 32
SQLITE_HEADER: Final = b"SQLite format 3\x00"
DRIVER_ERRORS: Final = (sqlite3.Error, sqlcipher3.Error)
DatabaseErrors: Final = (sqlite3.DatabaseError, sqlcipher3.DatabaseError)

Mode = Literal["rw", "ro", "immutable"]

_lock = threading.Lock()
_keys: dict[Path, bytes] = {}
_extra: list[bytes] = []  # every key held, earlier keys of an unlocked base too: for backups and copies


class WrongKeyError(RuntimeError):
    """A key that does not open the file."""


def _canonical(path: Path) -> Path:
    return Path(os.path.abspath(path.expanduser()))


def remember_key(path: Path, key: bytes) -> None:
    """Use ``key`` for the file ``path`` (and its copies) from now on, in this process."""
    if len(key) != KEY_BYTES:
        raise ValueError("a database key is 32 bytes")
    with _lock:
        _keys[_canonical(path)] = bytes(key)
        if key not in _extra:
            _extra.append(bytes(key))


def remember_extra(key: bytes) -> None:
    """Try ``key`` too on files with no key of their own (backups and copies)."""
    with _lock:
        if key not in _extra:
            _extra.append(bytes(key))


def held_keys() -> list[bytes]:
    """Every key this process holds."""
    with _lock:
        return list(_extra)


def forget_key(path: Path) -> None:
    with _lock:
        _keys.pop(_canonical(path), None)


def forget_all() -> None:
    """Forget every key (tests; a locked session)."""
    with _lock:
        _keys.clear()
        _extra.clear()


def known_key(path: Path) -> bytes | None:
    """The key given for ``path`` itself, if any."""
    with _lock:
        return _keys.get(_canonical(path))


def is_encrypted(path: Path) -> bool:
    """Whether ``path`` is a file that is not a clear SQLite database: SQLCipher encrypts even the
    header, so that anything but ``SQLite format 3`` in the first 16 bytes of a non-empty file is
    taken as encrypted (or as not a database at all: opening it then says so)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except (FileNotFoundError, IsADirectoryError):
        return False
    return len(head) > 0 and head != SQLITE_HEADER


def key_file(path: Path) -> Path:
    """The file beside the base that describes its key (never the key in clear): see
    :mod:`medios.services.keys`."""
    return path.with_name(path.name + "-cle")


def key_for(path: Path) -> bytes | None:
    """The key that opens ``path``: the one given for it, else any key this process holds that opens it
    (a backup or a copy of an unlocked base); ``None`` for a clear or missing file, or when no key
    held opens it."""
    given = known_key(path)
    if given is not None or not is_encrypted(path):
        return given
    with _lock:
        candidates = list(_extra)
    for key in candidates:
        if opens(path, key):
            remember_key(path, key)
            return key
    return None


def _key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def _uri(path: Path, mode: Mode) -> str:
    quoted = urllib.parse.quote(_canonical(path).as_posix())
    if mode == "rw":
        return f"file:{quoted}"
    return f"file:{quoted}?mode=ro" if mode == "ro" else f"file:{quoted}?immutable=1"


def connect(path: Path, *, mode: Mode = "rw", key: bytes | None = None, **options: Any) -> Any:
    """A DB-API connection to ``path``: SQLCipher keyed with ``key`` (default :func:`key_for`), or the
    standard driver for a clear file.  ``mode`` ``ro``/``immutable`` opens it read-only."""
    key = key_for(path) if key is None else key
    if key is None:
        return sqlite3.connect(_uri(path, mode), uri=True, **options)
    connection = sqlcipher3.connect(_uri(path, mode), uri=True, **options)
    try:
        # A wrong key is said by our own message; SQLCipher would also log "hmac check failed" on stderr.
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(_key_pragma(key))
    except BaseException:
        connection.close()
        raise
    return connection


def opens(path: Path, key: bytes) -> bool:
    """Whether ``key`` opens ``path`` (one read of its first page, read-only, nothing written)."""
    try:
        connection = connect(path, mode="ro", key=key)
    except DRIVER_ERRORS:
        return False
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DRIVER_ERRORS:
        return False
    finally:
        connection.close()
    return True


def key_check(key: bytes) -> str:
    """A short value that tells whether a key is the expected one without storing it (HMAC of a
    constant under the key): kept beside the base, it tells a wrong key from a damaged file."""
    return hmac.new(key, b"medios key check", "sha256").hexdigest()[:32]


def export_copy(source: Path, target: Path, *, source_key: bytes | None, target_key: bytes | None) -> None:
    """Write ``target`` (which must not exist) as a copy of ``source`` keyed with ``target_key`` (clear
    when ``None``), with ``sqlcipher_export``: how a clear base is encrypted, an encrypted one copied in
    clear on request, or a base re-keyed.  The copy is flushed to the disk; the caller checks it."""
    if target.exists():
        raise FileExistsError(target)
    connection = sqlcipher3.connect(_uri(source, "ro"), uri=True)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        if source_key is not None:
            connection.execute(_key_pragma(source_key))
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        attach_key = "" if target_key is None else f"x'{target_key.hex()}'"
        connection.execute("ATTACH DATABASE ? AS copy KEY ?", (str(target), attach_key))
        connection.execute("SELECT sqlcipher_export('copy')")
        connection.execute(f"PRAGMA copy.user_version = {int(version)}")
        connection.execute("DETACH DATABASE copy")
    finally:
        connection.close()
    with target.open("rb") as handle:
        os.fsync(handle.fileno())
