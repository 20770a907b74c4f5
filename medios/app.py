"""Desktop entry point: ``medios`` (or ``medios gui``) opens the window.

Start-up, in order: the ``QApplication``, the translators for the chosen language (see
:mod:`medios.ui.preferences_store`), the crash handler, the database, then either the first-run dialog
(no structure yet) or demonstration data (``--demo`` on an empty database), then the window.

The way to the window's first paint reads a few rows through SQLAlchemy Core and imports neither the
models nor the ORM (issue 6, item 5): the first-run dialog, which writes through the services, is
imported only when it is needed, and the window counts the interventions off its thread.  A base whose
first count fails on an environment problem (a damaged page) still stops Médios with the French
message, once the window is up.

Like the command line, the window only creates the default database (``<data folder>/medios.db``) on
first start, or the one ``--demo`` is asked to fill: a ``--db`` or ``MEDIOS_DB`` that does not exist is
refused with the CLI's French message (a mistyped path must not open an empty database).

An environment problem with the database (locked, read-only, damaged, disk full, newer than the app) is
the French message of :class:`~medios.db.StorageError` in a message box, at start-up as later on; only a
bug reaches the crash report.

Exit codes: 0 success or « Quitter » in the first-run dialog, 1 the database cannot be used,
3 an unexpected error during start-up (after the crash report).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog

from medios import paths
from medios.db import Database, NewerDatabaseError, StorageError, open_database, storage_errors
from medios.db.engine import storage_error_from
from medios.services.errors import ValidationError
from medios.services.overview import has_live_interventions, has_structure

from medios.ui import crash, msgbox
from medios.ui.demo import demo_summary, run_demo
from medios.ui.main_window import MainWindow
from medios.ui.preferences_store import resolve_language, stored_language
from medios.ui.translation import install_translators, remove_translators

log = logging.getLogger(__name__)

EXIT_OK, EXIT_STORAGE, EXIT_CRASH = 0, 1, 3


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


def open_or_explain(path: Path, *, create: bool = True) -> Database | None:
    """Open the database; on an environment problem, say so in French and return ``None``."""
    try:
        return open_database(path, create=create)
    except (StorageError, NewerDatabaseError) as exc:
        log.warning("cannot open the database: %s", exc)
        msgbox.critical(
            None,
            QCoreApplication.translate("App", "La base de données « {path} » ne peut pas être ouverte.").format(
                path=path
            ),
            str(exc),
        )
        return None


def _is_empty(db: Database) -> bool:
    return not has_structure(db) or not has_live_interventions(db)


def fill_with_demo(db: Database) -> Any:
    """Run the demonstration generator with a progress dialog.

    Its refusal is a warning and a storage failure (a full disk) a French message, never a crash, and
    start-up goes on: the generator writes its activity in one transaction, so nothing is half-written
    (the demonstration structure it may have created first stays, and a second run accepts it).
    """
    title = QCoreApplication.translate("App", "Les données de démonstration n'ont pas été créées.")
    try:
        return run_demo(db)
    except ValidationError as exc:
        msgbox.warning(None, title, str(exc))
        return None
    except Exception as exc:
        known = exc if isinstance(exc, StorageError) else storage_error_from(exc)
        if known is None:
            raise  # a bug: the crash report
        log.warning("demonstration data not created: %s", known)
        msgbox.critical(None, title, str(known))
        return None


def ask_structure(db: Database) -> bool:
    """The first-run dialog; ``False`` when the user quits."""
    from medios.ui.first_run import FirstRunDialog  # with the services that write, the models and the ORM

    return FirstRunDialog(db).exec() == QDialog.DialogCode.Accepted


def prepare_window(db: Database, *, demo: bool) -> MainWindow | None:
    """Everything between an open database and the window; ``None`` when the user quits."""
    report = fill_with_demo(db) if demo and _is_empty(db) else None
    if not has_structure(db) and not ask_structure(db):
        return None
    window = MainWindow(db)
    if report is not None:
        window.statusBar().showMessage(demo_summary(report))
    return window


def _run(app: QApplication, db_path: str | None, *, demo: bool) -> int:
    db = open_or_explain(paths.database_path(db_path), create=may_create(db_path, demo=demo))
    if db is None:
        return EXIT_STORAGE
    window: MainWindow | None = None
    try:
        with storage_errors():  # a damaged page met by the first count is a StorageError too
            window = prepare_window(db, demo=demo)
        if window is None:
            return EXIT_OK
        # The window's counts come back through queued signals, delivered by app.exec() below: in time.
        window.stop_on_start_failure = True
        window.start_failed.connect(lambda: app.exit(EXIT_STORAGE))
        window.show()
        code = app.exec()
        if window.start_failure is not None:  # the first count met a damaged base: as if it were at start-up
            raise window.start_failure
        return code
    except (StorageError, NewerDatabaseError) as exc:
        log.warning("database error: %s", exc)
        msgbox.critical(
            None,
            QCoreApplication.translate("App", "Médios doit s'arrêter : la base de données n'est plus utilisable."),
            str(exc),
        )
        return EXIT_STORAGE
    finally:
        if window is not None:
            window.stop_watching()
        db.dispose()


def run_gui(db_path: str | None, demo: bool) -> int:
    """Open the desktop application on ``db_path`` (or the default database); returns the exit code."""
    app = application()
    translators = install_translators(app, resolve_language(stored_language()))
    previous_hook = sys.excepthook
    sys.excepthook = crash.excepthook
    try:
        return _run(app, db_path, demo=demo)
    except Exception as exc:  # a bug during start-up: the same report as later on
        crash.excepthook(type(exc), exc, exc.__traceback__)
        return EXIT_CRASH
    finally:
        sys.excepthook = previous_hook
        remove_translators(app, translators)
