"""Screenshots for the user documentation, made offscreen from a temporary database.

    .venv/bin/python -m medios.ui.screenshots docs/screenshots

Everything happens in a temporary data folder (``MEDIOS_HOME``): the user's database and preferences
are never touched.  The database gets a year of demonstration data (and its fictitious structure); the
first-run dialog is shown filled in as a user would.  Screens are saved in French, and the main ones in
English.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, Qt, QThreadPool  # noqa: E402 - the platform must be chosen first
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from medios.db import Database, open_database  # noqa: E402

from medios.ui.crash import CrashDialog  # noqa: E402
from medios.ui.demo import demo_generator  # noqa: E402
from medios.ui.first_run import FirstRunDialog  # noqa: E402
from medios.ui.main_window import MainWindow  # noqa: E402
from medios.ui.pages import PAGES  # noqa: E402
from medios.ui.preferences import PreferencesDialog  # noqa: E402
from medios.ui.preferences_store import UiLanguage  # noqa: E402
from medios.ui.translation import install_translators, remove_translators  # noqa: E402

STRUCTURE = "Médiation sociale du Val-de-Seine"
COORDINATOR = "Camille Durand"
SAMPLE_REPORT = """Médios 0.1.0 · Python 3.11.2 · Qt 6.12.0 · PySide6 6.12.0 · Linux 6.1.0

Traceback (most recent call last):
  File "~/medios/medios/ui/main_window.py", line 212, in refresh
    summary = structure_summary(self._db)
ValueError: exemple de rapport
"""


def _fill_database(db: Database, months: int) -> str:
    # The demonstration creates its own structure: it refuses a database set up with ``medios init``.
    report = demo_generator()(db, months=months, mediators=6)
    return f"{report.interventions} interventions"


def _encrypted_database(path: Path) -> Database:
    """A new base encrypted as the window makes them (no secret store here: under a passphrase)."""
    from medios.services import keys

    keys.new_key(path, None if keys.backend() is not None else "phrase secrète des captures d'écran")
    return open_database(path)


def _save(widget: QWidget, folder: Path, name: str) -> Path:
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    widget.show()
    QCoreApplication.processEvents()
    target = folder / f"{name}.png"
    if not widget.grab().save(str(target)):
        raise OSError(f"cannot write {target}")
    widget.close()
    widget.deleteLater()
    QCoreApplication.processEvents()
    return target


# The pages shown in English too (every page is shown in French), and in the high-contrast theme.
ENGLISH_PAGES = frozenset({"entry", "journal", "settings"})
CONTRAST_PAGES = ("entry", "journal", "reports")


def _page_shots(
    db: Database, folder: Path, language: UiLanguage, keys: Sequence[str] | None = None, suffix: str = ""
) -> list[Path]:
    """The main window on each of its pages (``page_<key>_<language><suffix>.png``)."""
    saved = []
    for spec in PAGES:
        if spec.key == "overview" or (language != "fr" and spec.key not in ENGLISH_PAGES):
            continue
        if keys is not None and spec.key not in keys:
            continue
        window = MainWindow(db)
        window.resize(1100, 740)
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        window.show()
        page = window.show_page(spec.key)
        for _ in range(40):  # pages fill themselves from queued signals, timers and pool threads
            QCoreApplication.processEvents()
            QThreadPool.globalInstance().waitForDone(20)
            time.sleep(0.02)
        ready = getattr(page, "wait_for_preview", None)
        deadline = time.monotonic() + 60
        while ready is not None and not ready() and time.monotonic() < deadline:  # the reports' preview
            QCoreApplication.processEvents()
            time.sleep(0.05)
        saved.append(_save(window, folder, f"page_{spec.key}_{language}{suffix}"))
    return saved


def _shots(app: QApplication, language: UiLanguage, db: Database, empty: Database, folder: Path) -> list[Path]:
    translators = install_translators(app, language)
    saved: list[Path] = []
    try:
        window = MainWindow(db)
        window.resize(1000, 680)
        saved.append(_save(window, folder, f"main_window_{language}"))
        saved += _page_shots(db, folder, language)

        settings_window = MainWindow(db)
        settings_window.resize(1000, 680)
        settings = settings_window.show_page("settings")
        if settings is not None and hasattr(settings, "show_section"):
            settings.show_section(settings.users)
        saved.append(_save(settings_window, folder, f"settings_{language}"))

        welcome = FirstRunDialog(empty)
        welcome.ui.structure_name.setText(STRUCTURE)
        welcome.ui.mediator_name.setText(COORDINATOR)
        welcome.adjustSize()
        saved.append(_save(welcome, folder, f"first_run_{language}"))

        if language == "fr":
            refused = FirstRunDialog(empty)
            refused.validate()
            refused.adjustSize()
            saved.append(_save(refused, folder, f"first_run_error_{language}"))

        saved += _key_shots(folder, language)
        saved.append(_login_shot(db, folder, language))
        if language == "fr":
            from medios.ui.audit import AuditDialog

            journal = AuditDialog(db, None)
            journal.verify()
            saved.append(_save(journal, folder, f"audit_{language}"))

        preferences = PreferencesDialog()
        preferences.ui.language.setCurrentIndex(preferences.ui.language.findData("en" if language == "fr" else "fr"))
        preferences.adjustSize()
        saved.append(_save(preferences, folder, f"preferences_{language}"))

        if language == "fr":
            saved.append(_save(CrashDialog(SAMPLE_REPORT), folder, f"crash_{language}"))
    finally:
        remove_translators(app, translators)
    return saved


def _key_shots(folder: Path, language: UiLanguage) -> list[Path]:
    """The dialogs of an encrypted base: unlocking it (after a wrong passphrase), choosing a passphrase, the
    recovery key shown once (a random key: the picture opens nothing)."""
    import secrets

    from medios.services import keys

    from medios.ui.keys import NewPassphraseDialog, RecoveryKeyDialog, UnlockDialog

    made = keys.NewKey("6f1c2a9e-3b7d-4e21-9a0c-5d8e7f6a1b2c", keys.recovery_code(secrets.token_bytes(32)), True, False)
    reason = QCoreApplication.translate(
        "Keys", "Phrase secrète incorrecte. Sans elle, la clé de secours imprimée à la création ouvre la base."
    )
    unlock = UnlockDialog(Path("medios.db"), reason)
    unlock.adjustSize()
    passphrase = NewPassphraseDialog()
    passphrase.adjustSize()
    recovery = RecoveryKeyDialog(made, structure=STRUCTURE)
    recovery.kept.setChecked(True)
    recovery.adjustSize()
    return [
        _save(unlock, folder, f"unlock_{language}"),
        _save(passphrase, folder, f"new_passphrase_{language}"),
        _save(recovery, folder, f"recovery_key_{language}"),
    ]


def _login_shot(db: Database, folder: Path, language: UiLanguage) -> Path:
    """The login dialog of a shared laptop, after a refused password."""
    from medios.ui.login import LoginDialog

    dialog = LoginDialog(db, structure=STRUCTURE)
    dialog.login.setText("camille.durand")
    dialog.error.show_error(QCoreApplication.translate("Accounts", "Identifiant ou mot de passe incorrect."))
    dialog.adjustSize()
    return _save(dialog, folder, f"login_{language}")


def _accessibility_shots(app: QApplication, db: Database, folder: Path) -> list[Path]:
    """A few pages at 200 % (``…_200``), then the same in the high-contrast theme (``…_contrast``)."""
    from medios.ui.theme import apply_high_contrast

    translators = install_translators(app, "fr")
    style, palette = app.style().name(), app.palette()
    try:
        saved = _page_shots(db, folder, "fr", CONTRAST_PAGES, "_200")
        apply_high_contrast(app)
        saved += _page_shots(db, folder, "fr", CONTRAST_PAGES, "_contrast")
    finally:
        app.setStyleSheet("")
        app.setStyle(style)
        app.setPalette(palette)
        remove_translators(app, translators)
    return saved


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m medios.ui.screenshots", description=__doc__)
    parser.add_argument("folder", type=Path, help="where to write the PNG files")
    parser.add_argument("--months", type=int, default=12, help="months of demonstration data (default 12)")
    parser.add_argument(
        "--accessibility",
        action="store_true",
        help="only the pages at 200 %% scaling and in the high-contrast theme (a process of its own: the "
        "scale is set before Qt starts)",
    )
    args = parser.parse_args(argv)
    if args.accessibility:
        os.environ["QT_SCALE_FACTOR"] = "2"
    folder: Path = args.folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="medios-screenshots-") as tmp:
        os.environ["MEDIOS_HOME"] = tmp  # preferences and data folder: temporary
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        db = _encrypted_database(Path(tmp) / "medios.db")
        empty = open_database(Path(tmp) / "vide.db")
        try:
            print(f"database: {_fill_database(db, args.months)}")
            if args.accessibility:
                for path in _accessibility_shots(app, db, folder):
                    print(path)
                return 0
            for language in ("fr", "en"):
                for path in _shots(app, language, db, empty, folder):
                    print(path)
        finally:
            db.dispose()
            empty.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
