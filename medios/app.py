"""Desktop entry point: ``medios`` (or ``medios gui``) opens the window.

Start-up, in order: the ``QApplication``, the translators for the chosen language (see
:mod:`medios.ui.settings`), the crash handler, the database (an environment problem such as a locked
or newer file is a French message and exit code 1, never a traceback), then either the first-run
dialog (no structure yet) or demonstration data (``--demo`` on an empty database), then the window.

Exit codes: 0 success or « Quitter » in the first-run dialog, 1 the database cannot be used,
3 an unexpected error during start-up (after the crash report).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog

from medios import paths
from medios.db import Database, NewerDatabaseError, StorageError, open_database
from medios.services.errors import ValidationError
from medios.services.structure import has_structure, structure_summary

from medios.ui import crash, msgbox
from medios.ui.demo import demo_summary, run_demo
from medios.ui.first_run import FirstRunDialog
from medios.ui.main_window import MainWindow
from medios.ui.settings import resolve_language, stored_language
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


def open_or_explain(path: Path) -> Database | None:
    """Open the database; on an environment problem, say so in French and return ``None``."""
    try:
        return open_database(path)
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
    return not has_structure(db) or structure_summary(db).interventions == 0


def fill_with_demo(db: Database) -> Any:
    """Run the demonstration generator with a progress dialog; its refusal is a warning, not a crash."""
    try:
        return run_demo(db)
    except ValidationError as exc:
        msgbox.warning(
            None, QCoreApplication.translate("App", "Les données de démonstration n'ont pas été créées."), str(exc)
        )
        return None


def ask_structure(db: Database) -> bool:
    """The first-run dialog; ``False`` when the user quits."""
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
    db = open_or_explain(paths.database_path(db_path))
    if db is None:
        return EXIT_STORAGE
    try:
        window = prepare_window(db, demo=demo)
        if window is None:
            return EXIT_OK
        window.show()
        return app.exec()
    except (StorageError, NewerDatabaseError) as exc:
        log.warning("database error: %s", exc)
        msgbox.critical(
            None,
            QCoreApplication.translate("App", "Médios doit s'arrêter : la base de données n'est plus utilisable."),
            str(exc),
        )
        return EXIT_STORAGE
    finally:
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
