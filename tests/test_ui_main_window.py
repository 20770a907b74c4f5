"""The desktop shell: main window, preferences, first-run dialog, start-up paths, crash report."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from medios import __version__, i18n
from medios import app as app_module
from medios.db import Database, NewerDatabaseError, StorageError
from medios.services.errors import FieldError, ValidationError
from medios.services.structure import (
    StructureSummary,
    has_structure,
    list_mediators,
    structure_summary,
)
from tests.ui_support import Boxes, FakeDemo, record_boxes, refuse_modal_dialogs, speak_french

from medios.ui import crash, preferences_store
from medios.ui.first_run import FirstRunDialog
from medios.ui.main_window import DEFAULT_SIZE, MainWindow
from medios.ui.preferences import PreferencesDialog
from medios.ui.translation import install_translators, remove_translators

# Offscreen, showing a top-level window logs this warning from Qt's platform plugin; it says nothing about us.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

# -- helpers --------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def no_modal_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_modal_dialogs(monkeypatch)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return record_boxes(monkeypatch)


def ini_values(home: Path) -> dict[str, Any]:
    ini = QSettings(str(home / "config" / "medios.ini"), QSettings.Format.IniFormat)
    return {key: ini.value(key) for key in ini.allKeys()}


# -- main window ----------------------------------------------------------------------------------


def test_main_window_shows_structure_and_counts(qtbot, db: Database, structure: StructureSummary) -> None:
    window = MainWindow(db)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.counts_pending)  # the interventions are counted off the GUI thread

    assert window.windowTitle() == "Médios — Médiation Test"
    assert window.title.text() == "Médiation Test"
    assert window.structure_name.text() == "Médiation Test"
    assert window.mediators_tile.value.text() == "1"
    assert window.dispositifs_tile.value.text() == "0"
    assert window.interventions_tile.value.text() == "0"
    assert window.referentiel_version.text() == structure.referentiel_version
    assert window.calendar.text() == "France métropolitaine"
    assert window.database_path.text() == str(db.path)


def test_the_file_is_checked_in_the_background_at_start_up(
    qtbot, db: Database, structure: StructureSummary, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(db)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.integrity_report is not None)
    assert window.integrity_report.ok and window.integrity_report.full and boxes.shown == []

    from medios.db import integrity

    damaged = integrity.IntegrityReport(
        db.path, False, ("*** in database main ***", "Page 7: btreeInitPage() returns error code 11"), 0, 0.1, 1
    )
    monkeypatch.setattr(integrity, "check_file", lambda path, **options: damaged)
    other = MainWindow(db)
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: other.integrity_report is not None)
    kind, text, informative = boxes.shown[-1]
    assert (kind, text) == ("critical", "La base de données est endommagée.")
    assert "2 problème(s)" in informative and "« Sauvegardes »" in informative and "btreeInitPage" in informative


def test_closing_stops_a_check_under_way(qtbot, db: Database, structure: StructureSummary) -> None:
    from medios.db import integrity

    started = threading.Event()
    real = integrity.check_file

    def slow(path: Path, **options: Any) -> integrity.IntegrityReport:
        started.set()
        stop = options["should_stop"]
        while not stop():  # a check of a large file, until the window closes
            threading.Event().wait(0.01)
        return real(path, **options)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(integrity, "check_file", slow)
        window = MainWindow(db)
        qtbot.addWidget(window)
        qtbot.waitUntil(started.is_set)  # after the first count, the check starts
        window.close()  # returns: the check saw the stop
    assert window.integrity_report is None


def test_main_window_refresh_follows_the_services(qtbot, db: Database, structure: StructureSummary) -> None:
    from medios.services.structure import create_mediator

    window = MainWindow(db)
    qtbot.addWidget(window)
    create_mediator(db, "Bruno Petit")
    window.refresh()
    assert window.mediators_tile.value.text() == "2"


def test_main_window_geometry_is_saved_and_restored(
    qtbot, db: Database, structure: StructureSummary, medios_home: Path
) -> None:
    window = MainWindow(db)
    qtbot.addWidget(window)
    assert (window.width(), window.height()) == DEFAULT_SIZE
    window.resize(700, 500)  # within the 800×600 offscreen screen
    window.show()
    window.close()
    assert preferences_store.GEOMETRY_KEY in ini_values(medios_home)

    again = MainWindow(db)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 500)


def test_main_window_menus(qtbot, db: Database, structure: StructureSummary) -> None:
    window = MainWindow(db)
    qtbot.addWidget(window)
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&Fichier", "&Aller à", "&Outils", "&Aide"]
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"


def test_quit_action_closes_the_window(qtbot, db: Database, structure: StructureSummary) -> None:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    window.quit_action.trigger()
    assert not window.isVisible()


def test_about_box_shows_versions_and_data_folder(
    qtbot, db: Database, structure: StructureSummary, boxes: Boxes, medios_home: Path
) -> None:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.about_action.trigger()
    [(kind, title, text)] = boxes.shown
    assert (kind, title) == ("about", "À propos de Médios")
    assert f"Médios {__version__}" in text
    assert structure.referentiel_version in text
    assert str(medios_home) in text


def test_preferences_action_opens_the_dialog(
    qtbot, db: Database, structure: StructureSummary, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[PreferencesDialog] = []
    monkeypatch.setattr(PreferencesDialog, "exec", lambda self: opened.append(self) or 0)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.preferences_action.trigger()
    assert len(opened) == 1


# -- preferences ----------------------------------------------------------------------------------


def test_preferences_choose_english_writes_the_ini(qtbot, medios_home: Path) -> None:
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.ui.language.currentData() == "system"
    assert not dialog.ui.note.isVisible()

    dialog.ui.language.setFocus()
    qtbot.keyClicks(dialog.ui.language, "English")
    assert dialog.ui.language.currentData() == "en"
    assert dialog.ui.note.isVisible()
    assert "prochain démarrage" in dialog.ui.note.text()

    qtbot.mouseClick(dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ini_values(medios_home)[preferences_store.LANGUAGE_KEY] == "en"
    assert "language=en" in (medios_home / "config" / "medios.ini").read_text(encoding="utf-8")
    assert preferences_store.stored_language() == "en"


def test_preferences_cancel_writes_nothing(qtbot, medios_home: Path) -> None:
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.ui.language, "English")
    qtbot.mouseClick(dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert preferences_store.LANGUAGE_KEY not in ini_values(medios_home)


def test_preferences_load_the_stored_choice(qtbot) -> None:
    preferences_store.store_language("fr")
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    assert dialog.ui.language.currentData() == "fr"
    assert not dialog.ui.note.isVisibleTo(dialog)


@pytest.mark.parametrize(
    ("env", "stored", "system", "expected"),
    [
        ("", "system", QLocale.Language.French, "fr"),
        ("", "system", QLocale.Language.English, "en"),
        ("", "system", QLocale.Language.German, "en"),
        ("", "system", QLocale.Language.C, "fr"),
        ("", "fr", QLocale.Language.English, "fr"),
        ("", "en", QLocale.Language.French, "en"),
        ("en", "fr", QLocale.Language.French, "en"),
        ("FR", "en", QLocale.Language.English, "fr"),
        ("en_US.UTF-8", "fr", QLocale.Language.French, "en"),  # the CLI reads it so too
        ("fr_FR.UTF-8", "en", QLocale.Language.English, "fr"),
        ("de", "en", QLocale.Language.French, "en"),  # unknown value: ignored
    ],
)
def test_resolve_language(env: str, stored: str, system: QLocale.Language, expected: str) -> None:
    environ = {preferences_store.ENV_LANGUAGE: env} if env else {}
    assert preferences_store.resolve_language(stored, environ=environ, system=QLocale(system)) == expected


def test_stored_language_ignores_garbage(medios_home: Path) -> None:
    ini = preferences_store.ui_preferences()
    ini.setValue(preferences_store.LANGUAGE_KEY, "klingon")
    ini.sync()
    assert preferences_store.stored_language() == "system"


# -- first run ------------------------------------------------------------------------------------


def test_first_run_creates_the_structure_and_its_coordinator(qtbot, db: Database) -> None:
    dialog = FirstRunDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Bienvenue dans Médios"
    assert dialog.ui.calendar.currentData() == "METROPOLE"

    qtbot.keyClicks(dialog.ui.structure_name, "Mediation Nord")
    dialog.ui.mediator_name.setText("Zoé Lefèvre")  # accents: setText, never keyClicks
    dialog.ui.calendar.setFocus()
    qtbot.keyClicks(dialog.ui.calendar, "Alsace")
    assert dialog.ui.calendar.currentData() == "ALSACE_MOSELLE"
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    summary = structure_summary(db)
    assert (summary.name, summary.holiday_calendar, summary.mediators) == ("Mediation Nord", "ALSACE_MOSELLE", 1)
    [mediator] = list_mediators(db)
    assert (mediator.display_name, mediator.role) == ("Zoé Lefèvre", "ADMIN")


def test_first_run_without_first_user(qtbot, db: Database) -> None:
    dialog = FirstRunDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.structure_name.setText("Médiation Sud-Est")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    summary = structure_summary(db)
    assert (summary.name, summary.mediators) == ("Médiation Sud-Est", 0)


@pytest.mark.parametrize("name", ["", "   "])
def test_first_run_requires_a_name(qtbot, db: Database, name: str) -> None:
    dialog = FirstRunDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.ui.structure_name, name)
    qtbot.keyClicks(dialog.ui.mediator_name, "Alice")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.ui.structure_error.isVisible()
    assert dialog.ui.structure_error.text() == "Le nom de la structure est obligatoire."
    assert not has_structure(db)

    qtbot.keyClicks(dialog.ui.structure_name, "Mediation")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.ui.structure_error.isVisibleTo(dialog)


@pytest.mark.parametrize(
    ("error", "label", "expected"),
    [
        (
            FieldError("structure", "une structure est déjà enregistrée dans cette base."),
            "structure_error",
            "Une structure est déjà enregistrée dans cette base.",
        ),
        (FieldError("name", "valeur obligatoire."), "mediator_error", "Valeur obligatoire."),
        (FieldError("holiday_calendar", "code « X » inconnu."), "calendar_error", "Code « X » inconnu."),
        (FieldError("legal_status", "code « Y » inconnu."), "general_error", "Code « Y » inconnu."),
    ],
)
def test_first_run_shows_service_errors_under_their_field(
    qtbot, db: Database, monkeypatch: pytest.MonkeyPatch, error: FieldError, label: str, expected: str
) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> StructureSummary:
        raise ValidationError([error])

    monkeypatch.setattr("medios.ui.first_run.init_structure", refuse)
    dialog = FirstRunDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.ui.structure_name, "Mediation")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted
    shown = getattr(dialog.ui, label)
    assert shown.isVisible()
    assert shown.text() == expected


@pytest.mark.parametrize(
    ("field", "label"), [("structure_name", "structure_error"), ("mediator_name", "mediator_error")]
)
def test_first_run_says_a_name_is_too_long_instead_of_cutting_it(qtbot, db: Database, field: str, label: str) -> None:
    dialog = FirstRunDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.structure_name.setText("Médiation")
    getattr(dialog.ui, field).setText("é" * 201)  # as pasted: nothing is cut
    error = getattr(dialog.ui, label)
    assert getattr(dialog.ui, field).text() == "é" * 201
    assert error.isVisible() and error.text() == "201 caractères : 200 au plus."  # at once, before « Créer »

    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert error.text() == "201 caractères : 200 au plus."
    assert not has_structure(db)

    getattr(dialog.ui, field).backspace()  # 200 characters: the message goes, the name is accepted
    assert not error.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    summary = structure_summary(db)
    assert len(summary.name if field == "structure_name" else list_mediators(db)[0].display_name) == 200


def test_first_run_length_message_is_english_in_english(qapp, qtbot, db: Database) -> None:
    translators = install_translators(qapp, "en")
    try:
        dialog = FirstRunDialog(db)
        qtbot.addWidget(dialog)
        dialog.ui.structure_name.setText("x" * 230)
        assert dialog.ui.structure_error.text() == "230 characters: 200 at most."
    finally:
        remove_translators(qapp, translators)


def test_first_run_when_a_structure_already_exists(qtbot, db: Database, structure: StructureSummary) -> None:
    dialog = FirstRunDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.ui.structure_name, "Autre")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.ui.structure_error.text() == "Une structure est déjà enregistrée dans cette base."
    assert structure_summary(db).name == "Médiation Test"


def test_first_run_storage_error_is_a_message(
    qtbot, db: Database, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*_args: Any, **_kwargs: Any) -> StructureSummary:
        raise StorageError("Le disque est plein : libérez de la place puis réessayez.")

    monkeypatch.setattr("medios.ui.first_run.init_structure", full_disk)
    dialog = FirstRunDialog(db)
    qtbot.addWidget(dialog)
    dialog.ui.structure_name.setText("Médiation")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert boxes.shown == [
        (
            "critical",
            "La structure n'a pas pu être enregistrée.",
            "Le disque est plein : libérez de la place puis réessayez.",
        )
    ]


def test_first_run_calendar_labels_follow_the_ui_language(qtbot, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preferences_store, "_active", "en")
    dialog = FirstRunDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.ui.calendar.currentText() == "Metropolitan France"
    monkeypatch.setattr(preferences_store, "_active", "fr")
    dialog.load()
    assert dialog.ui.calendar.currentText() == "France métropolitaine"


# -- start-up -------------------------------------------------------------------------------------


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch) -> None:
    speak_french(monkeypatch)


def test_run_gui_storage_error_is_a_french_message_and_exit_1(qapp, tmp_path: Path, boxes: Boxes, french: None) -> None:
    folder = tmp_path / "not-a-file.db"
    folder.mkdir()  # SQLite cannot open a folder: an environment problem, not a bug
    hook = sys.excepthook

    assert app_module.run_gui(db_path=str(folder), demo=False) == 1

    [(kind, text, informative)] = boxes.shown
    assert kind == "critical"
    assert text == f"La base de données « {folder} » ne peut pas être ouverte."
    assert informative.startswith("Impossible d'ouvrir la base de données")
    assert sys.excepthook is hook
    assert i18n.translate("Structure", "valeur obligatoire.") == "valeur obligatoire."


@pytest.mark.parametrize(
    "error",
    [
        StorageError("La base de données est occupée par un autre programme Médios. Fermez-le puis réessayez."),
        NewerDatabaseError("Cette base a été créée par une version plus récente de Médios (révision 9999)."),
    ],
)
def test_run_gui_refused_database(
    qapp, tmp_path: Path, boxes: Boxes, french: None, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    def refuse(_path: Path, **_options: Any) -> Database:
        raise error

    monkeypatch.setattr(app_module, "open_database", refuse)
    assert app_module.run_gui(db_path=str(tmp_path / "medios.db"), demo=False) == 1
    assert [(kind, informative) for kind, _text, informative in boxes.shown] == [("critical", str(error))]


def test_run_gui_first_run_cancelled_quits_cleanly(
    qapp, db_path: Path, french: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[FirstRunDialog] = []
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: shown.append(self) or QDialog.DialogCode.Rejected)
    assert app_module.run_gui(db_path=str(db_path), demo=False) == 0
    assert len(shown) == 1


def test_prepare_window_opens_on_an_existing_structure(qtbot, db: Database, structure: StructureSummary) -> None:
    window = app_module.prepare_window(db, demo=False)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.windowTitle() == "Médios — Médiation Test"


def test_prepare_window_first_run_accepted(qtbot, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    def fill(self: FirstRunDialog) -> QDialog.DialogCode:
        self.ui.structure_name.setText("Médiation Ouest")
        self.accept()
        return QDialog.DialogCode(self.result())

    monkeypatch.setattr(FirstRunDialog, "exec", fill)
    window = app_module.prepare_window(db, demo=False)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.windowTitle() == "Médios — Médiation Ouest"


def test_demo_runs_on_a_worker_and_opens_the_window(qtbot, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeDemo()
    fake.install(monkeypatch)
    window = app_module.prepare_window(db, demo=True)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)

    assert fake.calls == [{"months": 12, "mediators": 6}]
    assert fake.threads[0] is not threading.main_thread()
    assert window.windowTitle() == "Médios — Médiation de démonstration"
    assert "Données de démonstration créées" in window.statusBar().currentMessage()


def test_demo_is_skipped_when_the_database_has_a_structure_and_no_demo_flag(
    qtbot, db: Database, structure: StructureSummary, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeDemo()
    fake.install(monkeypatch)
    window = app_module.prepare_window(db, demo=False)
    qtbot.addWidget(window)
    assert fake.calls == []


def test_demo_refused_is_a_warning(
    qtbot, db: Database, structure: StructureSummary, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeDemo(ValidationError([FieldError("interventions", "la base contient déjà des interventions.")]))
    fake.install(monkeypatch)
    window = app_module.prepare_window(db, demo=True)
    qtbot.addWidget(window)
    assert [(kind, text) for kind, text, _ in boxes.shown] == [
        ("warning", "Les données de démonstration n'ont pas été créées.")
    ]
    assert window.statusBar().currentMessage() == ""


def test_demo_bug_reaches_the_main_thread(qtbot, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    FakeDemo(RuntimeError("boom")).install(monkeypatch)
    with pytest.raises(RuntimeError, match="boom"):
        app_module.prepare_window(db, demo=True)


# -- crash report ---------------------------------------------------------------------------------


def _raise_sql_error(name: str) -> BaseException:
    from sqlalchemy.exc import IntegrityError

    try:
        raise IntegrityError("INSERT INTO mediator (display_name) VALUES (?)", (name,), Exception("UNIQUE"))
    except IntegrityError as exc:
        return exc


def test_crash_report_hides_sql_parameters_and_home() -> None:
    exc = _raise_sql_error("Zoé Lefèvre")
    report = crash.crash_report(type(exc), exc, exc.__traceback__)
    assert "Zoé" not in report
    assert "[parameters: masqués]" in report
    assert "INSERT INTO mediator" in report
    assert "Médios" in report.splitlines()[0]
    assert crash.scrub(f"{Path.home()}/x.py") == "~/x.py"


def test_crash_dialog_copies_the_report(qtbot) -> None:
    dialog = crash.CrashDialog("Traceback: rapport de test")
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "Traceback: rapport de test"
    assert dialog.copy_button.text() == "Copié"


def test_excepthook_logs_and_shows_the_dialog(qtbot, monkeypatch: pytest.MonkeyPatch, caplog) -> None:
    shown: list[str] = []
    monkeypatch.setattr(crash.CrashDialog, "exec", lambda self: shown.append(self.report) or 0)
    try:
        raise ValueError("inattendu")
    except ValueError as exc:
        crash.excepthook(type(exc), exc, exc.__traceback__)
    assert len(shown) == 1
    assert "ValueError: inattendu" in shown[0]
    assert "ValueError: inattendu" in caplog.text


def test_excepthook_storage_error_is_a_message_not_a_crash(
    qtbot, monkeypatch: pytest.MonkeyPatch, boxes: Boxes
) -> None:
    monkeypatch.setattr(crash.CrashDialog, "exec", lambda self: pytest.fail("no crash dialog for a full disk"))
    error = StorageError("Le disque est plein : libérez de la place puis réessayez.")
    crash.excepthook(StorageError, error, None)
    assert boxes.shown == [("critical", "L'opération n'a pas pu aboutir.", str(error))]


def test_run_gui_bug_during_start_up_shows_the_crash_report(
    qapp, db_path: Path, french: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports: list[str] = []
    monkeypatch.setattr(crash.CrashDialog, "exec", lambda self: reports.append(self.report) or 0)

    def broken(_db: Database, *, demo: bool, window: MainWindow | None = None) -> MainWindow:
        raise KeyError("bug")

    monkeypatch.setattr(app_module, "prepare_window", broken)
    assert app_module.run_gui(db_path=str(db_path), demo=False) == app_module.EXIT_CRASH
    assert len(reports) == 1
    assert "KeyError: 'bug'" in reports[0]


def test_demo_with_the_real_generator(qtbot, db: Database) -> None:
    window = app_module.prepare_window(db, demo=True)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    summary = structure_summary(db)
    assert summary.interventions
    qtbot.waitUntil(lambda: window.interventions_tile.value.text() == QLocale().toString(summary.interventions))
    assert "Données de démonstration créées" in window.statusBar().currentMessage()
