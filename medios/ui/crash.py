"""Crash report: an unexpected error is logged and shown in a dialog the user can copy from.

Médios runs offline, so there is no telemetry: the mediator copies the report into an e-mail to
whoever supports the structure.  The report holds versions and the traceback only: SQL parameters
(which may carry names or notes) are masked and the home folder is replaced by ``~``.

The handler is installed before the database layer is imported (the window paints first, issue 6,
item 5): it looks for a storage error only once :mod:`medios.db` is loaded, since none can be raised
before.
"""

from __future__ import annotations

import logging
import platform
import re
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import medios

from medios.ui import msgbox

log = logging.getLogger("medios.crash")

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]

# SQLAlchemy appends "[parameters: (...)]" to its messages: the bound values may be personal data.
_SQL_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\s*(?:\(Background on this error|$))", re.DOTALL)


def storage_error(exc: BaseException) -> Exception | None:
    """The French storage error ``exc`` stands for (a :class:`~medios.db.StorageError`, a
    :class:`~medios.db.NewerDatabaseError`, or a driver error that means one), ``None`` for a bug.

    Without the database layer loaded there is none; a layer whose import failed halfway (Ctrl+C, a
    broken installation) is not imported again.
    """
    if "medios.db" not in sys.modules:
        return None
    try:
        from medios.db import NewerDatabaseError, StorageError
        from medios.db.engine import storage_error_from
    except Exception:  # half-imported: the error is not the database's
        return None
    return exc if isinstance(exc, StorageError | NewerDatabaseError) else storage_error_from(exc)


def scrub(text: str) -> str:
    """Mask SQL parameters and the user's home folder in ``text``."""
    text = _SQL_PARAMETERS.sub("[parameters: masqués]", text)
    home = str(Path.home())
    if len(home) > 1:
        text = text.replace(home, "~")
    return text


def crash_report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """The text of the crash report: versions, then the scrubbed traceback."""
    header = (
        f"Médios {medios.__version__} · Python {platform.python_version()} · Qt {qVersion()} · "
        f"PySide6 {pyside_version} · {platform.system()} {platform.release()}"
    )
    body = "".join(traceback.format_exception(exc_type, exc, tb))
    return f"{header}\n\n{scrub(body)}"


class CrashDialog(QDialog):
    """Shows a crash report with « Copier » and « Fermer »."""

    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(self.tr("Médios — erreur inattendue"))
        self.resize(720, 460)

        intro = QLabel(
            self.tr(
                "Médios a rencontré une erreur inattendue. Vos données enregistrées ne sont pas perdues.\n"
                "Copiez le rapport ci-dessous et transmettez-le à la personne qui assure le support de votre "
                "structure. Il ne contient ni noms ni observations."
            )
        )
        intro.setWordWrap(True)

        self.text = QPlainTextEdit(report)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copier"))
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_report)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)
        self.copy_button.setText(self.tr("Copié"))


_showing = False


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """``sys.excepthook`` for the desktop app: log the scrubbed traceback, then show :class:`CrashDialog`.

    Storage errors that escape a service call are environment problems: their French message is shown
    instead of a crash report, whether the service raised a :class:`StorageError` or let the driver's
    error through (a damaged page, a full disk, a locked file: see :func:`medios.db.engine.storage_error_from`).
    """
    global _showing
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    known = storage_error(exc)
    if known is not None and QApplication.instance() is not None:
        # An environment problem (disk full, locked file), not a bug: say what to do, no report.
        log.warning("storage error: %s", known)
        msgbox.critical(
            QApplication.activeWindow(),
            QApplication.translate("CrashDialog", "L'opération n'a pas pu aboutir."),
            str(known),
        )
        return
    report = crash_report(exc_type, exc, tb)
    log.critical("unexpected error\n%s", report)
    if _showing or QApplication.instance() is None:
        print(report, file=sys.stderr)
        return
    _showing = True
    try:
        CrashDialog(report, QApplication.activeWindow()).exec()
    except Exception:  # the report is already logged; never loop on a broken dialog
        print(report, file=sys.stderr)
    finally:
        _showing = False
