"""Writing the files the application produces: one rule for every export (JSON lines, Excel, PDF…).

:func:`open_output` opens the target the user named:

- ``-`` is the standard output (left open);
- an existing pipe (FIFO), character or block device (``/dev/null``, a printer…) is written directly,
  never renamed over;
- a symbolic link is followed: the link stays, its target is replaced;
- a regular file, or a new name, is written to a temporary file in the same folder (created
  ``0600``), flushed and synced to the disk, then renamed over the target: the target holds either
  its old content or the whole new one, never half a file, and the temporary file is removed on any
  failure, Ctrl+C included;
- a folder, or anything else, is refused with :class:`OutputError` (an :class:`OSError` whose text
  is French).

No Qt and no database here: the export layer and the command line use it alike.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from typing import IO, Any, Literal, overload

from medios.i18n import translate

STDOUT = "-"


class OutputError(OSError):
    """A target that cannot receive a file (a folder, a socket…); ``str()`` is its French explanation."""

    def __str__(self) -> str:
        return self.strerror or ""


def describe_os_error(exc: OSError) -> str:
    """A short French reason for an operating system error (« disque plein », « accès refusé »…)."""
    reasons = {
        errno.ENOENT: translate("Files", "dossier ou fichier introuvable"),
        errno.EACCES: translate("Files", "accès refusé"),
        errno.EPERM: translate("Files", "accès refusé"),
        errno.EISDIR: translate("Files", "c'est un dossier"),
        errno.ENOTDIR: translate("Files", "un élément du chemin n'est pas un dossier"),
        errno.EEXIST: translate("Files", "un élément du chemin existe déjà et n'est pas un dossier"),
        errno.ENOSPC: translate("Files", "disque plein"),
        errno.EROFS: translate("Files", "support en lecture seule"),
        errno.EIO: translate("Files", "erreur d'entrée-sortie sur le support"),
        errno.EFBIG: translate("Files", "fichier trop grand"),
    }
    return reasons.get(exc.errno or 0, exc.strerror or type(exc).__name__)


@overload
def open_output(
    target: str | os.PathLike[str], *, binary: Literal[False] = False, encoding: str = "utf-8"
) -> contextlib.AbstractContextManager[IO[str]]: ...


@overload
def open_output(
    target: str | os.PathLike[str], *, binary: Literal[True], encoding: str = "utf-8"
) -> contextlib.AbstractContextManager[IO[bytes]]: ...


@overload
def open_output(
    target: str | os.PathLike[str], *, binary: bool = False, encoding: str = "utf-8"
) -> contextlib.AbstractContextManager[IO[Any]]: ...


def open_output(
    target: str | os.PathLike[str], *, binary: bool = False, encoding: str = "utf-8"
) -> contextlib.AbstractContextManager[IO[Any]]:
    """A context manager giving a file open for writing ``target``, by the rules of this module.

    Text is written as is (``encoding``, no newline translation: the same bytes on every system).
    The target is examined when the block starts; an :class:`OSError` raised inside the block without
    a file name (a full disk while writing) is given ``target``'s name, so that messages can say which
    file it was.
    """
    return _open_output(os.fspath(target), binary=binary, encoding=encoding)


@contextlib.contextmanager
def _open_output(target: str, *, binary: bool, encoding: str) -> Iterator[IO[Any]]:
    if target == STDOUT:
        with _named(target), _stdout(binary=binary, encoding=encoding) as handle:
            yield handle
        return
    path = os.path.realpath(os.path.expanduser(target))
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(
            errno.EISDIR,
            translate("Files", "« {path} » est un dossier : indiquez un nom de fichier.").format(path=target),
            target,
        )
    if mode is not None and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISBLK(mode)):
        with _named(target), _direct(path, binary=binary, encoding=encoding) as handle:
            yield handle
        return
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputError(
            errno.EINVAL,
            translate("Files", "« {path} » n'est pas un fichier ordinaire : choisissez un autre nom.").format(
                path=target
            ),
            target,
        )
    with _named(target), _atomic(path, binary=binary, encoding=encoding) as handle:
        yield handle


@contextlib.contextmanager
def _named(target: str) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        # The user knows their file, not our temporary one beside it (".name.xxxx.tmp").
        temporary = "." + os.path.basename(target) + "."
        if exc.filename is None or os.path.basename(str(exc.filename)).startswith(temporary):
            exc.filename = target
        raise


@contextlib.contextmanager
def _stdout(*, binary: bool, encoding: str) -> Iterator[IO[Any]]:
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a replaced sys.stdout without bytes underneath: write text to it as is
        yield sys.stdout
        sys.stdout.flush()
        return
    if binary:
        yield buffer
        buffer.flush()
        return
    text = io.TextIOWrapper(buffer, encoding=encoding, newline="")
    try:
        yield text
        text.flush()
    finally:
        text.detach()  # standard output stays open


@contextlib.contextmanager
def _direct(path: str, *, binary: bool, encoding: str) -> Iterator[IO[Any]]:
    # No O_CREAT and no O_TRUNC: a device or pipe that vanished meanwhile must not become a file.
    fd = os.open(path, os.O_WRONLY)
    with _wrap(fd, binary=binary, encoding=encoding) as handle:
        yield handle


@contextlib.contextmanager
def _atomic(path: str, *, binary: bool, encoding: str) -> Iterator[IO[Any]]:
    folder, name = os.path.split(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)  # created 0600
    try:
        with _wrap(fd, binary=binary, encoding=encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)


def _wrap(fd: int, *, binary: bool, encoding: str) -> IO[Any]:
    try:
        if binary:
            return os.fdopen(fd, "wb")
        return os.fdopen(fd, "w", encoding=encoding, newline="")
    except BaseException:
        os.close(fd)
        raise


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable (POSIX); best effort, Windows cannot open a folder."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
