"""Storage failures in the window: the French message of the command line, in a box, and nothing lost.

Each test makes the failure real where SQLite lets a test do it (damaged pages, a write lock held by
another connection, a read-only connection, a size limit standing for a full disk) and checks the
message box that would have been shown, and that no crash report appeared.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import event

from medios import app as app_module
from medios.db import Database, open_database
from medios.db.engine import driver_execute, storage_error_from
from medios.services import audit, keys
from medios.services.structure import (
    StructureSummary,
    add_mediator,
    has_structure,
    init_structure,
    list_mediators,
    structure_summary,
)
from tests.ui_support import Boxes, FakeDemo, keep_recovery_keys, record_boxes, refuse_modal_dialogs, speak_french

from medios.ui import crash
from medios.ui.first_run import FirstRunDialog
from medios.ui.main_window import MainWindow
from medios.ui.preferences import PreferencesDialog

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

DAMAGED = "La base de données est endommagée : restaurez la dernière sauvegarde."
LOCKED = "La base de données est occupée par un autre programme Médios. Fermez-le puis réessayez."
READ_ONLY = "La base de données est en lecture seule : vérifiez les droits du dossier."
FULL = "Le disque est plein : libérez de la place puis réessayez."


@pytest.fixture(autouse=True)
def no_modal_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_modal_dialogs(monkeypatch)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return record_boxes(monkeypatch)


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch) -> None:
    speak_french(monkeypatch)


@pytest.fixture(autouse=True)
def no_crash_report(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A crash report would mean the failure was taken for a bug: fail instead of blocking on its dialog."""
    reports: list[str] = []
    monkeypatch.setattr(crash.CrashDialog, "exec", lambda self: reports.append(self.report) or 0)
    yield reports
    assert reports == [], "a storage failure reached the crash report"


def on_each_connection(db: Database, *pragmas: str) -> None:
    """Run ``pragmas`` on every new connection of ``db`` (the pool is emptied so that all are new)."""

    def apply(dbapi_connection: Any, _record: Any) -> None:
        for pragma in pragmas:
            dbapi_connection.execute(pragma)

    event.listen(db.engine, "connect", apply)
    db.engine.dispose()


def damage_interventions(path: Path) -> None:
    """Overwrite the pages of the intervention table and its indexes: the file opens, counting fails."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    roots = [r for (r,) in con.execute("SELECT rootpage FROM sqlite_master WHERE tbl_name = 'intervention'") if r]
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    garbage = bytes(range(256)) * (page_size // 256)
    with path.open("r+b") as file:
        for root in roots:
            file.seek((root - 1) * page_size)
            file.write(garbage)


@pytest.fixture
def damaged_path(db_path: Path) -> Path:
    db = open_database(db_path)
    init_structure(db, "Médiation Test")
    db.dispose()
    damage_interventions(db_path)
    return db_path


# -- start-up -------------------------------------------------------------------------------------


def test_damaged_database_at_start_up_is_the_storage_message(
    qapp, damaged_path: Path, boxes: Boxes, french: None
) -> None:
    assert app_module.run_gui(db_path=str(damaged_path), demo=False) == app_module.EXIT_STORAGE
    assert boxes.shown == [("critical", "Médios doit s'arrêter : la base de données n'est plus utilisable.", DAMAGED)]


def test_damaged_page_met_later_is_a_message_not_a_crash(qtbot, damaged_path: Path, boxes: Boxes) -> None:
    """What a slot lets escape (a service reading a damaged page) reaches the excepthook: a message."""
    db = open_database(damaged_path)
    try:
        with pytest.raises(Exception) as caught:
            structure_summary(db)
    finally:
        db.dispose()
    assert storage_error_from(caught.value) is not None  # the driver's error, not yet a StorageError
    crash.excepthook(caught.type, caught.value, caught.tb)
    assert boxes.shown == [("critical", "L'opération n'a pas pu aboutir.", DAMAGED)]


def test_a_bug_still_reaches_the_crash_report(qtbot, no_crash_report: list[str], boxes: Boxes) -> None:
    try:
        raise KeyError("bogue")
    except KeyError as exc:
        crash.excepthook(type(exc), exc, exc.__traceback__)
    assert len(no_crash_report) == 1 and "KeyError: 'bogue'" in no_crash_report[0]
    assert boxes.shown == []
    no_crash_report.clear()


@pytest.mark.parametrize("variable", ["--db", "MEDIOS_DB"])
def test_mistyped_database_path_is_refused_as_on_the_command_line(
    qapp, tmp_path: Path, boxes: Boxes, french: None, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    typo = tmp_path / "medois.db"
    if variable == "MEDIOS_DB":
        monkeypatch.setenv("MEDIOS_DB", str(typo))
    assert app_module.run_gui(db_path=str(typo) if variable == "--db" else None, demo=False) == 1
    assert boxes.shown == [
        (
            "critical",
            f"La base de données « {typo} » ne peut pas être ouverte.",
            f"Base de données introuvable : {typo}. Créez-la avec « medios init ».",
        )
    ]
    assert not typo.exists()


def test_default_database_is_created_on_first_start(
    qapp, medios_home: Path, french: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    recovery = keep_recovery_keys(monkeypatch)
    assert app_module.run_gui(db_path=None, demo=False) == 0
    base = medios_home / "medios.db"
    assert base.is_file() and not base.read_bytes().startswith(b"SQLite format 3\0")  # encrypted from the start
    assert len(recovery) == 1 and keys.parse_recovery(recovery[0]) is not None


def test_demo_may_create_the_database_it_fills(
    qapp, tmp_path: Path, french: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    FakeDemo().install(monkeypatch)
    target = tmp_path / "demo.db"
    opened: list[MainWindow] = []
    attach = MainWindow.attach

    def attach_then_close(self: MainWindow, db: Database) -> None:  # the base is opened once the window is up
        attach(self, db)
        opened.append(self)
        self.counts_shown.connect(self.close)

    monkeypatch.setattr(MainWindow, "attach", attach_then_close)
    recovery = keep_recovery_keys(monkeypatch)
    assert app_module.run_gui(db_path=str(target), demo=True) == 0
    assert target.is_file() and len(opened) == 1 and len(recovery) == 1
    assert not target.read_bytes().startswith(b"SQLite format 3\0")
    assert opened[0].windowTitle() == "Médios — Médiation de démonstration"


# -- first run ------------------------------------------------------------------------------------


def _fill(dialog: FirstRunDialog) -> None:
    dialog.ui.structure_name.setText("Médiation Nord")
    dialog.ui.mediator_name.setText("Zoé Lefèvre")


def test_first_run_on_a_read_only_database_keeps_what_was_typed(qtbot, db: Database, boxes: Boxes) -> None:
    on_each_connection(db, "PRAGMA query_only = ON")  # SQLite answers as for a read-only file
    dialog = FirstRunDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(dialog)
    dialog.accept()

    assert boxes.shown == [("critical", "La structure n'a pas pu être enregistrée.", READ_ONLY)]
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert (dialog.ui.structure_name.text(), dialog.ui.mediator_name.text()) == ("Médiation Nord", "Zoé Lefèvre")


def test_first_run_on_a_locked_database_can_be_retried(qtbot, db: Database, db_path: Path, boxes: Boxes) -> None:
    on_each_connection(db, "PRAGMA busy_timeout = 0")  # fail at once instead of waiting 5 s
    other = sqlite3.connect(db_path, isolation_level=None)  # another program holding the write lock
    other.execute("BEGIN IMMEDIATE")
    dialog = FirstRunDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(dialog)
    dialog.accept()
    assert boxes.shown == [("critical", "La structure n'a pas pu être enregistrée.", LOCKED)]
    assert dialog.result() != QDialog.DialogCode.Accepted

    other.execute("ROLLBACK")
    other.close()
    dialog.accept()  # « Créer la structure » again, nothing retyped
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert structure_summary(db).name == "Médiation Nord"
    assert [m.display_name for m in list_mediators(db)] == ["Zoé Lefèvre"]


# -- demonstration data ---------------------------------------------------------------------------


class WritingDemo(FakeDemo):
    """Writes a structure and many mediators in one transaction, like the real generator."""

    def generate_demo(self, db: Database, **options: Any) -> Any:
        self.calls.append(options)
        with db.transaction() as session:
            device = audit.session_device_id(session)
            for number in range(2000):
                add_mediator(session, f"Médiatrice fictive numéro {number} " + "x" * 150, device=device)
        return super().generate_demo(db, **options)


def test_demo_on_a_full_disk_is_a_message_and_nothing_is_written(
    qtbot, db: Database, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.engine.connect() as connection:
        [(pages,)] = driver_execute(connection, "PRAGMA page_count")
    on_each_connection(db, f"PRAGMA max_page_count = {pages + 2}")  # the disk is full two pages on
    WritingDemo().install(monkeypatch)
    asked: list[FirstRunDialog] = []
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: asked.append(self) or QDialog.DialogCode.Rejected)

    assert app_module.prepare_window(db, demo=True) is None  # then the first-run dialog, here quit

    assert boxes.shown == [("critical", "Les données de démonstration n'ont pas été créées.", FULL)]
    assert len(asked) == 1
    assert not has_structure(db) and list_mediators(db) == []


def test_demo_bug_is_not_taken_for_a_storage_failure(qtbot, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    FakeDemo(ZeroDivisionError("bogue")).install(monkeypatch)
    with pytest.raises(ZeroDivisionError):
        app_module.fill_with_demo(db)


# -- main window ----------------------------------------------------------------------------------


def test_refresh_failure_in_the_window_is_said_once(
    qtbot, db: Database, structure: StructureSummary, boxes: Boxes
) -> None:
    window = MainWindow(db)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.counts_pending)
    path = Path(str(db.path))
    backup = path.with_suffix(".sain")
    with db.engine.connect() as connection:
        driver_execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy2(path, backup)
    damage_interventions(path)
    db.engine.dispose()  # the window's next queries read the damaged file

    # The structure and small counts read well; the interventions count, off the GUI thread, fails.
    with qtbot.waitSignal(window.counts_shown):
        assert window.check_for_changes(always=True)
    for _ in range(2):  # the next polls try again: the status bar, no second box
        with qtbot.waitSignal(window.counts_shown):
            assert window.check_for_changes()
    assert boxes.shown == [("critical", "Les informations affichées n'ont pas pu être mises à jour.", DAMAGED)]
    assert DAMAGED in window.statusBar().currentMessage()
    assert (
        window.mediators_tile.value.text() == "1" and window.interventions_tile.value.text() == "0"
    )  # what was shown stays

    window.stop_watching()
    db.engine.dispose()
    shutil.copy2(backup, path)  # the backup restored
    with qtbot.waitSignal(window.counts_shown):
        assert window.check_for_changes(always=True)
    assert window.statusBar().currentMessage() == ""
    assert len(boxes.shown) == 1


def test_bug_during_refresh_is_not_swallowed(
    qtbot, db: Database, structure: StructureSummary, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(db)
    qtbot.addWidget(window)

    def broken(_db: Database, **_options: object) -> StructureSummary:
        raise KeyError("bogue")

    monkeypatch.setattr("medios.ui.main_window.structure_summary", broken)
    with pytest.raises(KeyError):
        window.check_for_changes(always=True)


# -- preferences ----------------------------------------------------------------------------------


def test_preferences_that_cannot_be_written_are_said_and_the_dialog_stays(
    qtbot, medios_home: Path, boxes: Boxes
) -> None:
    (medios_home / "config" / "medios.ini").mkdir(parents=True)  # a folder where the file should be
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.language.setCurrentIndex(dialog.ui.language.findData("en"))
    dialog.accept()
    [(kind, text, informative)] = boxes.shown
    assert (kind, text) == ("critical", "Les préférences n'ont pas été enregistrées.")
    assert informative.startswith("Le fichier des préférences « ") and "vérifiez les droits du dossier" in informative
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted


def test_unreadable_preferences_folder_does_not_stop_the_start(medios_home: Path) -> None:
    from medios.ui import preferences_store

    medios_home.mkdir(parents=True, exist_ok=True)
    (medios_home / "config").write_text("pas un dossier", encoding="utf-8")
    assert preferences_store.stored_language() == "system"


def test_real_demo_on_a_full_disk_is_a_message_and_the_window_opens(
    qtbot, db: Database, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real generator: its structure is committed first, then the activity fails as a whole."""
    with db.engine.connect() as connection:
        [(pages,)] = driver_execute(connection, "PRAGMA page_count")
    on_each_connection(db, f"PRAGMA max_page_count = {pages + 2}")
    window = app_module.prepare_window(db, demo=True)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert boxes.shown == [("critical", "Les données de démonstration n'ont pas été créées.", FULL)]
    qtbot.waitUntil(lambda: not window.counts_pending)
    assert structure_summary(db).interventions == 0 and window.interventions_tile.value.text() == "0"
    assert window.statusBar().currentMessage() == ""
