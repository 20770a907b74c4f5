"""Saving a report or an export file: atomically, with a French message when the target cannot be written.

Every writer (PDF, workbook, observatory package) builds its file in memory first, then :func:`save_bytes` writes it through
:func:`medios.files.open_output` (a temporary file in the target folder, synced, then renamed over the
target): a failure leaves the target as it was and no temporary file behind.
"""

from __future__ import annotations

import errno
import os

from medios.files import OutputError, describe_os_error, open_output


class ReportFileError(OSError):
    """A report (or another export file) that could not be written; ``str()`` is the French message for the user.

    ``errno`` and ``filename`` are those of the underlying error, so that callers can still sort a full
    disk from a wrong name.
    """

    def __str__(self) -> str:
        return self.strerror or ""


def _message(path: str, exc: OSError, what: str) -> str:
    if isinstance(exc, OutputError):
        return f"Impossible d'écrire {what} : {exc}"
    reason = describe_os_error(exc)
    text = f"Impossible d'écrire {what} « {path} » : {reason}."
    if exc.errno in (errno.EACCES, errno.EPERM):
        text += (
            " Si le fichier est ouvert dans un tableur ou un lecteur PDF, fermez-le ;"
            " sinon choisissez un dossier où vous avez le droit d'écrire."
        )
    return text


def save_bytes(content: bytes, path: str | os.PathLike[str], *, what: str = "le rapport") -> None:
    """Write ``content`` to ``path`` atomically; raises :class:`ReportFileError` (French) on failure.

    ``what`` names the file in the message (« le rapport », « le fichier »), as the user calls it.
    """
    target = os.fspath(path)
    try:
        with open_output(target, binary=True) as handle:
            handle.write(content)
    except OSError as exc:
        raise ReportFileError(exc.errno or errno.EIO, _message(target, exc, what), target) from exc
