"""Desktop entry point: ``medios`` (or ``medios gui``) opens the window.

Start-up, in order (issue 6, item 5: the window paints before the database layer is imported):

1. the ``QApplication``, the translators for the chosen language (see :mod:`medios.ui.preferences_store`)
   and the crash handler;
2. the main window as a shell (the menus, the overview with « … » in its tiles, « Ouverture de la
   base… » in the status line), shown at once;
3. once it has painted (:attr:`~medios.ui.main_window.MainWindow.first_painted`, from the event loop):
   the database layer is imported and the base opened, then either the first-run dialog (no structure
   yet) or demonstration data (``--demo`` on an empty database), and the window is filled
   (:meth:`~medios.ui.main_window.MainWindow.attach`).

Neither this module nor the shell imports SQLAlchemy or :mod:`medios.db` (SQLAlchemy alone is most of
the imports: about a second on a loaded 2-core machine, now spent with the window on screen), nor what
only an error or a later step shows (the crash dialog, message boxes, the demonstration's progress):
each function imports what it uses.  The way
to the filled window reads a few rows through SQLAlchemy Core and imports neither the models nor the
ORM: the first-run dialog, which writes through the services, is imported only when it is needed, and
the window counts the interventions off its thread.  A base whose first count fails on an environment
problem (a damaged page) still stops Médios with the French message.

Like the command line, the window only creates the default database (``<data folder>/medios.db``) on
first start, or the one ``--demo`` is asked to fill: a ``--db`` or ``MEDIOS_DB`` that does not exist is
refused with the CLI's French message (a mistyped path must not open an empty database).

An environment problem with the database (locked, read-only, damaged, disk full, newer than the app) is
the French message of :class:`~medios.db.StorageError` in a message box, at start-up as later on; only a
bug reaches the crash report.  Ctrl+C before the window is filled is one French line, no traceback.

Exit codes: 0 success or « Quitter » in the first-run dialog, 1 the database cannot be used,
3 an unexpected error during start-up (after the crash report), 130 interrupted by Ctrl+C.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication, QWidget

from medios import paths
from medios.i18n import translate

from medios.ui.main_window import MainWindow
from medios.ui.preferences_store import resolve_language, stored_high_contrast, stored_language
from medios.ui.translation import install_translators, remove_translators

if TYPE_CHECKING:
    from medios.db import Database

log = logging.getLogger(__name__)

EXIT_OK, EXIT_STORAGE, EXIT_CRASH, EXIT_INTERRUPTED = 0, 1, 3, 130
# The base is opened when the window has painted; a window the system never exposes (started
# minimised, on a hidden desktop) gets its base after this delay instead.
FIRST_PAINT_WAIT_MS = 1000


def application() -> QApplication:
    """The process' ``QApplication`` (created on first call)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("medios")
    app.setOrganizationName("medios")
    return app


def may_create(db_path: str | None, *, demo: bool) -> bool:
    """Whether start-up may create a missing database: the default one, or one ``--demo`` fills.

    The same rule as the command line (``CREATING_COMMANDS`` in :mod:`medios.cli`): ``medios demo``
    creates its file, and so does ``medios init``, whose window counterpart (the first-run dialog) only
    ever creates the default database in the data folder.  A ``--db`` or ``MEDIOS_DB`` that does not
    exist is refused: it is most likely mistyped.
    """
    return demo or not (db_path or os.environ.get("MEDIOS_DB"))


def open_database(path: Path, **options: Any) -> Database:
    """:func:`medios.db.open_database`, with the database layer imported on the first call."""
    from medios.db import open_database as open_

    return open_(path, **options)


def open_or_explain(path: Path, *, create: bool = True, parent: QWidget | None = None) -> Database | None:
    """Open the database; on an environment problem, say so in French and return ``None``."""
    from medios.db import NewerDatabaseError, StorageError

    from medios.ui import msgbox

    try:
        if parent is not None and _upgrade_pending(path):
            return open_with_progress(path, create=create, parent=parent)
        return open_database(path, create=create)
    except (StorageError, NewerDatabaseError) as exc:
        log.warning("cannot open the database: %s", exc)
        msgbox.critical(
            parent,
            QCoreApplication.translate("App", "La base de données « {path} » ne peut pas être ouverte.").format(
                path=path
            ),
            str(exc),
        )
        return None


def _upgrade_pending(path: Path) -> bool:
    from medios.db import upgrade_pending

    return upgrade_pending(path)


# How often the migration's progress dialog looks at its thread and updates the time elapsed.
PROGRESS_POLL_MS = 100


def open_with_progress(path: Path, *, create: bool, parent: QWidget) -> Database:
    """Open (and migrate) ``path`` on a thread of its own while a progress dialog says what happens.

    A migration of a large base takes a while (a backup copy first, then the tables rebuilt: tens of
    seconds to minutes for a million interventions): the window keeps painting and says so instead
    of freezing.  The migration is one transaction and cannot be stopped halfway, so the dialog offers
    no Cancel; if the process is killed meanwhile the base stays as it was (and the backup is there).
    Errors are raised here, on the window's thread, as :func:`open_database` raises them.
    """
    import threading
    import time

    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtWidgets import QProgressDialog

    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["db"] = open_database(path, create=create)
        except BaseException as exc:  # handed to the window's thread
            outcome["error"] = exc

    text = QCoreApplication.translate(
        "App",
        "Médios met à jour la base de données pour cette version. Une copie de sauvegarde est faite "
        "d'abord ; sur une grande base, cela peut prendre plusieurs minutes. Ne fermez pas l'application.",
    )
    dialog = QProgressDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("App", "Mise à jour de la base de données"))
    dialog.setLabelText(text)
    dialog.setCancelButton(None)  # type: ignore[arg-type] - PySide6 accepts None: no button
    dialog.setRange(0, 0)  # busy: a migration does not know its own progress
    dialog.setMinimumDuration(0)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.show()

    started = time.monotonic()
    thread = threading.Thread(target=work, name="medios-migration", daemon=True)
    thread.start()
    loop = QEventLoop()

    def look() -> None:
        if not thread.is_alive():
            loop.quit()
            return
        elapsed = QCoreApplication.translate("App", "Temps écoulé : {seconds} s").format(
            seconds=int(time.monotonic() - started)
        )
        dialog.setLabelText(f"{text}\n\n{elapsed}")

    timer = QTimer()
    timer.setInterval(PROGRESS_POLL_MS)
    timer.timeout.connect(look)
    timer.start()
    try:
        loop.exec()
    finally:  # Ctrl+C included: the daemon thread dies with the process, SQLite rolls its transaction back
        timer.stop()
        dialog.close()
        dialog.deleteLater()
    thread.join()  # it has finished: the loop quits only then
    if "error" in outcome:
        raise outcome["error"]
    database: Database = outcome["db"]
    return database


def _is_empty(db: Database) -> bool:
    from medios.services.overview import has_live_interventions, has_structure

    return not has_structure(db) or not has_live_interventions(db)


def fill_with_demo(db: Database, parent: QWidget | None = None) -> Any:
    """Run the demonstration generator with a progress dialog.

    Its refusal is a warning and a storage failure (a full disk) a French message, never a crash, and
    start-up goes on: the generator writes its activity in one transaction, so nothing is half-written
    (the demonstration structure it may have created first stays, and a second run accepts it).
    """
    from medios.db import StorageError
    from medios.db.engine import storage_error_from
    from medios.services.errors import ValidationError

    from medios.ui import msgbox
    from medios.ui.demo import run_demo

    title = QCoreApplication.translate("App", "Les données de démonstration n'ont pas été créées.")
    try:
        return run_demo(db, parent)
    except ValidationError as exc:
        msgbox.warning(parent, title, str(exc))
        return None
    except Exception as exc:
        known = exc if isinstance(exc, StorageError) else storage_error_from(exc)
        if known is None:
            raise  # a bug: the crash report
        log.warning("demonstration data not created: %s", known)
        msgbox.critical(parent, title, str(known))
        return None


def ask_structure(db: Database, parent: QWidget | None = None) -> bool:
    """The first-run dialog; ``False`` when the user quits."""
    from PySide6.QtWidgets import QDialog

    from medios.ui.first_run import FirstRunDialog  # with the services that write, the models and the ORM

    return FirstRunDialog(db, parent).exec() == QDialog.DialogCode.Accepted


def prepare_window(db: Database, *, demo: bool, window: MainWindow | None = None) -> MainWindow | None:
    """Everything between an open database and the window showing it: demonstration data, the first-run
    dialog, then ``window`` (the shell on screen) filled, or a new window; ``None`` when the user quits."""
    from medios.services.overview import has_structure

    report = fill_with_demo(db, window) if demo and _is_empty(db) else None
    if not has_structure(db) and not ask_structure(db, window):
        return None
    if window is None:
        window = MainWindow(db)
    else:
        window.attach(db)
    if report is not None:
        from medios.ui.demo import demo_summary

        window.statusBar().showMessage(demo_summary(report))
    return window


def _say_stopped(exc: Exception, parent: QWidget | None = None) -> None:
    from medios.ui import msgbox

    log.warning("database error: %s", exc)
    msgbox.critical(
        parent,
        QCoreApplication.translate("App", "Médios doit s'arrêter : la base de données n'est plus utilisable."),
        str(exc),
    )


class Startup(QObject):
    """What start-up does once the shell is painted: open the base, ask for the structure or fill the
    demonstration data, attach the base to the window.  It ends the event loop with the exit code when
    start-up stops there (the base cannot be used, « Quitter », a bug, Ctrl+C)."""

    def __init__(self, app: QApplication, window: MainWindow, path: Path, *, create: bool, demo: bool) -> None:
        super().__init__()
        self._app = app
        self.window = window
        self._path = path
        self._create = create
        self._demo = demo
        self.db: Database | None = None
        self._started = False
        window.first_painted.connect(self._painted)
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.timeout.connect(self.start)
        self._fallback.start(FIRST_PAINT_WAIT_MS)

    @Slot()
    def _painted(self) -> None:
        QTimer.singleShot(0, self.start)  # once the paint is over and on screen, not inside the paint event

    @Slot()
    def start(self) -> None:
        if self._started:
            return
        self._started = True
        self._fallback.stop()
        try:
            code = self._open_and_fill()
        except KeyboardInterrupt:  # Ctrl+C while the database layer loads or the base opens
            # translate() is loaded already; nothing may be imported again (an import may be half done).
            print(translate("Cli", "Interrompu : rien n'a été enregistré."), file=sys.stderr)
            code = EXIT_INTERRUPTED
        except Exception as exc:  # a bug during start-up: the same report as later on
            report_crash(type(exc), exc, exc.__traceback__)
            code = EXIT_CRASH
        if code is not None:
            self._app.exit(code)

    def _open_and_fill(self) -> int | None:
        """``None`` when the window shows the base, else the exit code."""
        from medios.db import NewerDatabaseError, StorageError, storage_errors

        from medios.ui.keys import prepare_key

        stop = prepare_key(self._path, create=self._create, parent=self.window)  # made, found or asked for
        if stop is not None:
            return stop
        self.db = open_or_explain(self._path, create=self._create, parent=self.window)
        if self.db is None:
            return EXIT_STORAGE
        try:
            with storage_errors():  # a damaged page met by the first reads is a StorageError too
                if not self._sign_in(self.db):
                    return EXIT_OK  # « Quitter »
                window = prepare_window(self.db, demo=self._demo, window=self.window)
        except (StorageError, NewerDatabaseError) as exc:
            _say_stopped(exc, self.window)
            return EXIT_STORAGE
        if window is None:
            return EXIT_OK
        # The window's counts come back through queued signals, delivered by app.exec(): in time.
        window.stop_on_start_failure = True
        window.start_failed.connect(lambda: self._app.exit(EXIT_STORAGE))
        return None

    def _sign_in(self, db: Database) -> bool:
        """A shared laptop (more than one account): who is there, before anything is shown; ``False`` on
        « Quitter »."""
        from medios.services import accounts

        if not accounts.login_required(db):
            return True
        from medios.ui.login import sign_in

        account = sign_in(db, self.window)
        if account is None:
            return False
        self.window.signed_in = account
        return True

    def close(self) -> None:
        """After the event loop: stop watching the base, then give it back."""
        self._started = True
        self._fallback.stop()
        self.window.stop_watching()
        if self.db is not None:
            self.db.dispose()


def report_crash(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """``sys.excepthook`` of the window: :func:`medios.ui.crash.excepthook`, imported when first needed (its
    dialog's classes are not needed to paint the window)."""
    from medios.ui import crash

    crash.excepthook(exc_type, exc, tb)


def _run(app: QApplication, db_path: str | None, *, demo: bool) -> int:
    path = paths.database_path(db_path)
    create = may_create(db_path, demo=demo)
    while True:
        window = MainWindow(database_path=path)
        startup = Startup(app, window, path, create=create, demo=demo)
        try:
            window.show()
            code = app.exec()
            if window.start_failure is not None:  # the first count met a damaged base: as at start-up
                _say_stopped(window.start_failure)
                return EXIT_STORAGE
            operation = window.after_close
            if operation is None:
                return code
        finally:
            startup.close()
            window.hide()
            window.deleteLater()
            startup.deleteLater()
        # The page « Sauvegardes » asked for a restoration, encrypting or a new key: the base is closed
        # now; then it opens again.
        operation(path)
        demo = False


def run_gui(db_path: str | None, demo: bool) -> int:
    """Open the desktop application on ``db_path`` (or the default database); returns the exit code."""
    app = application()
    translators = install_translators(app, resolve_language(stored_language()))
    theme = (app.style().name(), app.palette()) if stored_high_contrast() else None
    if theme is not None:
        from medios.ui.theme import apply_high_contrast

        apply_high_contrast(app)
    previous_hook = sys.excepthook
    sys.excepthook = report_crash
    try:
        return _run(app, db_path, demo=demo)
    except Exception as exc:  # a bug during start-up: the same report as later on
        report_crash(type(exc), exc, exc.__traceback__)
        return EXIT_CRASH
    finally:
        sys.excepthook = previous_hook
        remove_translators(app, translators)
        if theme is not None:  # the process may open another window (tests): as it was before
            app.setStyleSheet("")
            app.setStyle(theme[0])
            app.setPalette(theme[1])
