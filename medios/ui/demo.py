"""Fill an empty database with demonstration data (``medios --demo``) off the main thread.

``generate_demo`` runs on a ``QThreadPool`` worker; its progress and its result come back to the
main thread through signals, and a progress dialog keeps the window responsive meanwhile.  The
worker never touches a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEventLoop,
    QLocale,
    QObject,
    QRunnable,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QProgressDialog, QWidget

# ``QtCore.Qt`` is read when used: PySide6 builds that namespace (some hundred enums, 40 to 90 ms) on first
# use, which the window's first paint does not need (see medios.ui.main_window).
if TYPE_CHECKING:  # imported with the database, after the window's first paint
    from medios.db import Database

DEMO_MONTHS = 12
DEMO_MEDIATORS = 6


def demo_generator() -> Callable[..., Any]:
    """The service that writes the demonstration data (imported late: it is not needed to start).

    The one place the window names it; tests replace this function.
    """
    from medios.demo import generate_demo

    return generate_demo


class DemoSignals(QObject):
    progress = Signal(int, int)  # months done, months in all
    finished = Signal(object)  # the DemoReport
    failed = Signal(object)  # the exception, re-raised on the main thread


class DemoWorker(QRunnable):
    """Runs the demonstration generator (:func:`demo_generator`) in a pool thread."""

    def __init__(self, db: Database, *, months: int = DEMO_MONTHS, mediators: int = DEMO_MEDIATORS) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps a reference until the result arrives
        self.signals = DemoSignals()
        self._db = db
        self._months = months
        self._mediators = mediators

    def run(self) -> None:
        try:
            generate_demo = demo_generator()
            report = generate_demo(
                self._db, months=self._months, mediators=self._mediators, progress=self.signals.progress.emit
            )
        except Exception as exc:  # handed to the main thread, which raises it again (storage errors included)
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(report)


class DemoRunner(QObject):
    """Start a :class:`DemoWorker`, show a progress dialog and wait (in a local event loop) for its result."""

    def __init__(self, db: Database, parent_widget: QWidget | None = None, *, months: int = DEMO_MONTHS) -> None:
        super().__init__()
        self._db = db
        self._months = months
        self._parent_widget = parent_widget
        self._loop = QEventLoop()
        self._done = False
        self._report: Any = None
        self._error: BaseException | None = None
        self.dialog: QProgressDialog | None = None
        # A pool of our own, so that waitForDone() below waits for this worker only.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

    def run(self) -> Any:
        """The ``DemoReport``; an exception raised by ``generate_demo`` is raised again here."""
        dialog = QProgressDialog(self._parent_widget)
        dialog.setWindowTitle(self.tr("Données de démonstration"))
        dialog.setLabelText(self.tr("Création de {months} mois d'activité fictive…").format(months=self._months))
        dialog.setCancelButton(None)  # generate_demo cannot be interrupted: it writes in one transaction
        dialog.setWindowFlag(QtCore.Qt.WindowType.WindowCloseButtonHint, False)
        dialog.setWindowModality(QtCore.Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(420)
        dialog.setRange(0, self._months)
        dialog.setValue(0)
        self.dialog = dialog

        worker = DemoWorker(self._db, months=self._months)
        worker.signals.progress.connect(self._on_progress)
        worker.signals.finished.connect(self._on_finished)
        worker.signals.failed.connect(self._on_failed)
        dialog.show()
        self._pool.start(worker)
        if not self._done:
            self._loop.exec()
        self._pool.waitForDone()  # the worker has emitted its last signal; let its thread leave run()
        dialog.hide()
        dialog.deleteLater()
        self.dialog = None
        if self._error is not None:
            raise self._error
        return self._report

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(min(done, total))
            self.dialog.setLabelText(self.tr("Mois {done} sur {total}…").format(done=done, total=total))

    @Slot(object)
    def _on_finished(self, report: Any) -> None:
        self._report = report
        self._finish()

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self._error = error
        self._finish()

    def _finish(self) -> None:
        self._done = True
        self._loop.quit()


def run_demo(db: Database, parent: QWidget | None = None) -> Any:
    """Generate 12 months of demonstration activity with 6 mediators; returns the ``DemoReport``."""
    return DemoRunner(db, parent).run()


def _month(value: object) -> str:
    """``2025-01`` as « janvier 2025 » (or "January 2025"), in the UI language."""
    date = QDate.fromString(f"{value}-01", "yyyy-MM-dd")
    return QLocale().toString(date, "MMMM yyyy") if date.isValid() else str(value)


def demo_summary(report: Any) -> str:
    """One line for the status bar once the data is there."""
    return QCoreApplication.translate(
        "Demo", "Données de démonstration créées : {interventions} interventions de {first} à {last}."
    ).format(
        interventions=QLocale().toString(int(report.interventions)),
        first=_month(report.first_month),
        last=_month(report.last_month),
    )
