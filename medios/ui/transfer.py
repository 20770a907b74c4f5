"""« Importer des interventions… » and « Exporter les interventions… » from the window (issue 7).

The file is chosen in a file dialog; the work runs on a thread of its own while a progress dialog
says how far it is, and the window keeps painting.  **Annuler** is offered for both: the import is one
transaction, rolled back when the progress callback raises :class:`Cancelled` (nothing is written);
the export writes a temporary file renamed at the end, removed on Cancel (no partial file is left).
The reports use the wording of the command line (:meth:`ImportReport.summary_lines`).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from medios.db import Database, StorageError, storage_errors
from medios.files import describe_os_error
from medios.services.errors import ValidationError
from medios.services.interchange import ImportFailed, export_jsonl, import_jsonl
from medios.services.interchange.report import error_text

from medios.ui import msgbox

T = TypeVar("T")

POLL_MS = 50  # how often the progress dialog reads the worker's progress
STEPS = 1000  # the progress bar's range: the work's own unit (bytes, lines) scaled to it
JSONL_FILTER = "*.jsonl"


class Cancelled(Exception):  # noqa: N818 - the name says what happened, as StopIteration does
    """Raised by the progress callback on the worker thread once « Annuler » was pressed."""


@dataclass
class Job:
    """What the worker thread and the window's thread share: progress, the Cancel flag, the outcome."""

    done: int = 0
    total: int = 0
    cancel: threading.Event = field(default_factory=threading.Event)
    outcome: dict[str, Any] = field(default_factory=dict)

    def progress(self, done: int, total: int) -> None:
        """The callback handed to the service; runs on the worker thread."""
        self.done, self.total = done, total
        if self.cancel.is_set():
            raise Cancelled


def run_in_background(
    parent: QWidget | None, title: str, label: str, work: Callable[[Job], T], *, cancellable: bool = True
) -> T:
    """Run ``work(job)`` on a thread of its own behind a window-modal progress dialog with « Annuler »
    (none when the work cannot stop halfway: ``cancellable=False``).

    Returns what ``work`` returned, or raises on this thread what it raised (:class:`Cancelled` when
    the user cancelled and ``work`` let the exception through).
    """
    job = Job()
    dialog = QProgressDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setCancelButtonText(QCoreApplication.translate("Transfer", "Annuler"))
    dialog.setAccessibleName(title)
    dialog.setRange(0, STEPS)
    dialog.setValue(0)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumWidth(420)

    def cancel() -> None:
        job.cancel.set()
        dialog.setLabelText(QCoreApplication.translate("Transfer", "Annulation en cours…"))

    if cancellable:
        dialog.canceled.connect(cancel)
    else:
        dialog.setCancelButton(None)

    def run() -> None:
        try:
            job.outcome["result"] = work(job)
        except BaseException as exc:  # noqa: BLE001 - handed to the window's thread
            job.outcome["error"] = exc

    thread = threading.Thread(target=run, name="medios-transfer", daemon=True)
    loop = QEventLoop()
    looking = False

    def look() -> None:
        nonlocal looking
        if looking:  # setValue may process events on a modal dialog: no second look inside the first
            return
        looking = True
        try:
            if not thread.is_alive():
                loop.quit()
            elif job.total > 0 and not job.cancel.is_set():
                dialog.setValue(min(STEPS, job.done * STEPS // job.total))
        finally:
            looking = False

    timer = QTimer()
    timer.setInterval(POLL_MS)
    timer.timeout.connect(look)
    dialog.show()
    thread.start()
    timer.start()
    try:
        loop.exec()
    finally:
        timer.stop()
        dialog.close()
        dialog.deleteLater()
    thread.join()
    if "error" in job.outcome:
        raise job.outcome["error"]
    result: T = job.outcome["result"]
    return result


def _failure_text(exc: BaseException) -> str | None:
    """The French text for an environment failure, ``None`` for a bug (left to the crash report)."""
    if isinstance(exc, StorageError):
        return str(exc)
    if isinstance(exc, ValidationError):
        return "\n".join(e.message for e in exc.errors)
    if isinstance(exc, OSError):
        name = exc.filename or ""
        return (
            QCoreApplication.translate("Transfer", "{path} : {reason}.").format(
                path=name, reason=describe_os_error(exc)
            )
            if name
            else str(exc)
        )
    return None


def import_interventions(window: QWidget, db: Database, refresh: Callable[[], Any]) -> bool:
    """Ask for a file and import it; ``True`` if something was written (``refresh`` was then called)."""
    name, _filter = QFileDialog.getOpenFileName(
        window,
        QCoreApplication.translate("Transfer", "Importer des interventions"),
        "",
        QCoreApplication.translate(
            "Transfer", "Fichiers d'échange JSON Lines ({pattern});;Tous les fichiers (*)"
        ).format(pattern=JSONL_FILTER),
    )
    if not name:
        return False
    path = Path(name)
    skip_invalid = False
    while True:
        try:
            report = run_in_background(
                window,
                QCoreApplication.translate("Transfer", "Import des interventions"),
                QCoreApplication.translate("Transfer", "Import de {name}…").format(name=path.name),
                lambda job, skip=skip_invalid: _import(db, path, skip, job),
            )
        except Cancelled:
            msgbox.information(window, QCoreApplication.translate("Transfer", "Import annulé : rien n'a été importé."))
            return False
        except ImportFailed as failed:
            details = "\n".join(error_text(failed.groups, failed.hidden))
            if failed.readable == 0:  # nothing to import, even leaving the errors out
                msgbox.warning(
                    window,
                    QCoreApplication.translate(
                        "Transfer", "Rien n'a été importé : aucune ligne de ce fichier n'est valide."
                    ),
                    details,
                )
                return False
            question = QCoreApplication.translate(
                "Transfer",
                "Aucune intervention importée : %n ligne(s) en erreur. Importer quand même les lignes sans erreur ?",
                None,
                failed.lines_with_errors,
            )
            if msgbox.question(window, question, details):
                skip_invalid = True
                continue
            return False
        except Exception as exc:
            text = _failure_text(exc)
            if text is None:
                raise
            msgbox.critical(
                window, QCoreApplication.translate("Transfer", "L'import a échoué : rien n'a été importé."), text
            )
            return False
        break
    refresh()
    details = "\n".join([*report.summary_lines(), *report.error_lines()])
    msgbox.information(window, QCoreApplication.translate("Transfer", "Import terminé."), details)
    return True


def _import(db: Database, path: Path, skip_invalid: bool, job: Job) -> Any:
    with storage_errors():
        return import_jsonl(db, path, skip_invalid=skip_invalid, progress=job.progress)


def export_interventions(window: QWidget, db: Database, actor_id: uuid.UUID | None = None) -> Path | None:
    """Ask for a file name and export the live interventions to it; the path written, or ``None``."""
    name, _filter = QFileDialog.getSaveFileName(
        window,
        QCoreApplication.translate("Transfer", "Exporter les interventions"),
        "interventions.jsonl",
        QCoreApplication.translate(
            "Transfer", "Fichiers d'échange JSON Lines ({pattern});;Tous les fichiers (*)"
        ).format(pattern=JSONL_FILTER),
    )
    if not name:
        return None
    path = Path(name)
    try:
        count = run_in_background(
            window,
            QCoreApplication.translate("Transfer", "Export des interventions"),
            QCoreApplication.translate("Transfer", "Export vers {name}…").format(name=path.name),
            lambda job: _export(db, path, job, actor_id),
        )
    except Cancelled:
        msgbox.information(
            window, QCoreApplication.translate("Transfer", "Export annulé : aucun fichier n'a été écrit.")
        )
        return None
    except Exception as exc:
        text = _failure_text(exc)
        if text is None:
            raise
        msgbox.critical(
            window, QCoreApplication.translate("Transfer", "L'export a échoué : aucun fichier n'a été écrit."), text
        )
        return None
    msgbox.information(
        window,
        QCoreApplication.translate("Transfer", "%n intervention(s) exportée(s) dans {path}.", None, count).format(
            path=path
        ),
        QCoreApplication.translate(
            "Transfer",
            "Ce fichier contient les heures des interventions et les pseudonymes des médiateurs : "
            "conservez-le comme la base elle-même. Les observations libres et les noms n'y figurent pas.",
        ),
    )
    return path


def _export(db: Database, path: Path, job: Job, actor_id: uuid.UUID | None) -> int:
    with storage_errors():
        return export_jsonl(db, path, actor_id=actor_id, progress=job.progress)
