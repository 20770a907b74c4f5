"""Automatic backups when the window closes (at most one a day, a second folder too), the page
« Sauvegardes » (list, backup now, folder), and a restoration asked from the page and done once the base
is closed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from medios import paths
from medios.db import Database, open_database
from medios.services import audit, backups
from medios.services import interventions as iv
from medios.services.structure import StructureSummary, list_mediators
from tests.test_interventions import _input
from tests.ui_support import Boxes, record_boxes, refuse_modal_dialogs

from medios.ui.main_window import MainWindow
from medios.ui.preferences_store import BACKUP_FOLDER_KEY

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture(autouse=True)
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    refuse_modal_dialogs(monkeypatch)
    return record_boxes(monkeypatch)


@pytest.fixture
def preferences(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)


def _window(qtbot, db: Database, preferences: QSettings) -> MainWindow:
    window = MainWindow(db, preferences)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.counts_pending)
    return window


def _autos(folder: Path) -> list[Path]:
    return [path for _stamp, path in backups.automatic_backups(folder)]


def test_closing_the_window_backs_up_once_a_day_into_both_folders(
    qtbot, db: Database, structure: StructureSummary, preferences: QSettings, tmp_path: Path, boxes: Boxes
) -> None:
    usb = tmp_path / "cle-usb"
    usb.mkdir()
    preferences.setValue(BACKUP_FOLDER_KEY, str(usb))
    _window(qtbot, db, preferences).close()
    [first] = _autos(paths.backup_dir())
    assert [p.name for p in _autos(usb)] == [first.name] and boxes.shown == []
    assert backups.inspect_file(first).revision and backups.inspect_file(_autos(usb)[0]).interventions == 0
    _window(qtbot, db, preferences).close()  # the same day: no second backup
    assert _autos(paths.backup_dir()) == [first]


def test_a_missing_second_folder_is_said_and_the_main_backup_is_kept(
    qtbot, db: Database, structure: StructureSummary, preferences: QSettings, tmp_path: Path, boxes: Boxes
) -> None:
    preferences.setValue(BACKUP_FOLDER_KEY, str(tmp_path / "cle-retiree"))
    _window(qtbot, db, preferences).close()
    assert len(_autos(paths.backup_dir())) == 1
    kind, text, informative = boxes.shown[-1]
    assert kind == "warning" and "pas été faite entièrement" in text and "clé USB retirée" in informative


def test_the_page_lists_backs_up_and_chooses_a_folder(
    qtbot, db: Database, structure: StructureSummary, preferences: QSettings, tmp_path: Path, boxes: Boxes, monkeypatch
) -> None:
    window = _window(qtbot, db, preferences)
    page = window.show_page("backups")
    assert page is not None and page.table.rowCount() == 0 and not page.restore_button.isEnabled()
    page.backup_button.click()
    [first] = _autos(paths.backup_dir())
    page.backup_button.click()  # within the same second: the next second's name; the day keeps the latest
    [second] = _autos(paths.backup_dir())
    assert second.name > first.name and page.table.rowCount() == 1 and page.table.item(0, 3).text() == second.name
    assert boxes.shown[-1][1] == "Sauvegarde écrite et vérifiée."
    usb = tmp_path / "cle"
    usb.mkdir()
    monkeypatch.setattr(page, "ask_folder", lambda: usb)
    page.folder_button.click()
    assert preferences.value(BACKUP_FOLDER_KEY) == str(usb) and str(usb) in page.folder_label.text()
    page.backup_button.click()
    assert len(_autos(usb)) == 1 and page.table.rowCount() == 2, boxes.shown
    page.no_folder_button.click()
    assert preferences.value(BACKUP_FOLDER_KEY) is None and not page.no_folder_button.isEnabled()
    monkeypatch.setattr(window, "backup_at_close", lambda: None)
    window.close()


def test_a_restoration_asked_from_the_page_is_done_once_the_base_is_closed(
    qtbot, db: Database, structure: StructureSummary, preferences: QSettings, boxes: Boxes, monkeypatch
) -> None:
    window = _window(qtbot, db, preferences)
    page = window.show_page("backups")
    page.backup_button.click()  # a backup with no intervention
    mediator = list_mediators(db)[0].id
    iv.record_intervention(db, _input(mediator), actor_id=mediator)  # entered after the backup
    page.refresh()
    page.table.selectRow(0)
    asked: list[str] = []
    monkeypatch.setattr(page, "confirm_restore", lambda path, info: asked.append(path.name) or True)
    page.restore_button.click()
    assert asked and window.after_close is not None and not window.isVisible()
    assert len(_autos(paths.backup_dir())) == 1  # no backup at this closing: the base is about to be replaced
    window.stop_watching()
    db.dispose()
    window.after_close(Path(db.path))
    assert boxes.shown[-1][0] == "information" and "Sauvegarde restaurée (0 interventions)" in boxes.shown[-1][1]
    assert "L'ancienne base est gardée" in boxes.shown[-1][2]
    con = sqlite3.connect(db.path)
    assert con.execute("SELECT count(*) FROM intervention").fetchone() == (0,)
    con.close()
    again = open_database(Path(db.path))
    try:
        assert audit.verify_chain(again).ok
    finally:
        again.dispose()


def test_the_page_sets_the_retention_and_purges_after_confirmation(
    qtbot, db: Database, structure: StructureSummary, preferences: QSettings, boxes: Boxes, monkeypatch
) -> None:
    import datetime as dt

    from sqlalchemy import text

    from medios.services import retention

    from medios.ui.preferences_store import RETENTION_ASKED_KEY

    preferences.setValue(RETENTION_ASKED_KEY, dt.date.today().isoformat())  # the start-up offer was made today
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE structure SET notes_enabled = 1"))
    mediator = list_mediators(db)[0].id
    for n in range(3):
        record = iv.record_intervention(db, _input(mediator, notes=f"ZQXJ {n}"), actor_id=mediator)
        with db.engine.begin() as conn:
            conn.execute(
                text("UPDATE intervention SET created_at = :at WHERE id = :id"),
                {"at": dt.datetime.now() - dt.timedelta(days=400 + 40 * n), "id": record.id.bytes},
            )
    window = _window(qtbot, db, preferences)
    page = window.show_page("backups")
    assert page.months.value() == 12 and "3 observation(s)" in page.retention_label.text()
    page.months.setValue(14)
    page.apply_months_button.click()
    assert retention.notes_months(db) == 14 and "2 observation(s)" in page.retention_label.text()
    monkeypatch.setattr(page, "confirm_purge", lambda notes: False)
    page.purge_button.click()
    assert retention.preview(db).notes == 2  # not confirmed: nothing purged
    monkeypatch.setattr(page, "confirm_purge", lambda notes: notes == 2)
    page.purge_button.click()
    assert retention.preview(db).notes == 0 and not page.purge_button.isEnabled()
    assert boxes.shown[-1] == ("information", "2 observation(s) retirée(s).", "")
    assert "rien à purger" in page.retention_label.text()
    monkeypatch.setattr(window, "backup_at_close", lambda: None)
    window.close()


def test_the_window_offers_the_purge_of_past_due_notes_once_a_day_to_the_coordination(
    qtbot, db: Database, preferences: QSettings, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from sqlalchemy import text

    from medios.services import retention

    from medios.ui import msgbox
    from medios.ui.pages import USER_KEY

    st_admin = _noted(db, old=3, recent=2)
    asked: list[str] = []
    monkeypatch.setattr(msgbox, "question", lambda _parent, text_, informative="": asked.append(informative) or True)
    window = _window(qtbot, db, preferences)
    qtbot.waitUntil(lambda: window.integrity_report is not None, timeout=10_000)
    qtbot.waitUntil(lambda: bool(asked) and bool(boxes.shown), timeout=10_000)  # counted off the GUI thread
    assert len(asked) == 1 and asked[0].startswith("3 observation(s) saisie(s) avant le ")
    assert retention.preview(db).notes == 0 and boxes.shown[-1][1] == "3 observation(s) retirée(s)."
    with db.engine.connect() as conn:  # the recent notes stay
        assert conn.execute(text("SELECT count(*) FROM intervention WHERE notes IS NOT NULL")).scalar() == 2
    window.close()
    # A mediator is never asked; nor is the coordination twice the same day.
    _age_notes(db, dt.datetime(2024, 1, 5))
    from medios.ui.preferences_store import RETENTION_ASKED_KEY

    asked_on = preferences.value(RETENTION_ASKED_KEY)
    for user in (None, st_admin):
        if user is None:
            mediator = next(m for m in list_mediators(db) if m.role == "MEDIATEUR")
            preferences.setValue(USER_KEY, str(mediator.id))
            preferences.remove(RETENTION_ASKED_KEY)  # not asked today: still nothing for a mediator
        else:
            preferences.setValue(USER_KEY, str(user))
            preferences.setValue(RETENTION_ASKED_KEY, asked_on)
        again = _window(qtbot, db, preferences)
        qtbot.waitUntil(lambda again=again: again.integrity_report is not None, timeout=10_000)
        assert again.retention_preview is None  # not even counted
        again.close()
    assert len(asked) == 1 and retention.preview(db).notes == 2


def _noted(db: Database, *, old: int, recent: int) -> object:
    import datetime as dt

    from sqlalchemy import text

    from medios.services import structure as st

    st.init_structure(db, "Médiation Test", mediator="Alice Martin")
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE structure SET notes_enabled = 1"))
    admin = list_mediators(db)[0].id
    mediator = st.create_mediator(db, "Bruno Petit").id
    for n in range(old + recent):
        record = iv.record_intervention(db, _input(mediator, notes=f"note {n}"), actor_id=admin)
        if n < old:
            with db.engine.begin() as conn:
                conn.execute(
                    text("UPDATE intervention SET created_at = :at WHERE id = :id"),
                    {"at": dt.datetime(2024, 3, 1 + n), "id": record.id.bytes},
                )
    return admin


def _age_notes(db: Database, when: object) -> None:
    from sqlalchemy import text

    with db.engine.begin() as conn:
        conn.execute(text("UPDATE intervention SET created_at = :at WHERE notes IS NOT NULL"), {"at": when})
