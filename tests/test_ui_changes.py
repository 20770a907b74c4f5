"""The main window follows the database when another program writes to it (``medios import``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from sqlalchemy import event

from medios.db import Database, open_database
from medios.db.changes import ChangeWatcher, watch_changes
from medios.services.structure import StructureSummary, create_mediator
from tests.ui_support import refuse_modal_dialogs

from medios.ui.main_window import CHANGE_POLL_MS, MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

FAST_POLL_MS = 20  # the window polls every CHANGE_POLL_MS; the tests do not wait that long


@pytest.fixture(autouse=True)
def no_modal_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_modal_dialogs(monkeypatch)


def commit_elsewhere(db_path: Path, name: str) -> None:
    """A write by another program: its own engine on the same file, committed and closed."""
    other = open_database(db_path)
    try:
        create_mediator(other, name)
    finally:
        other.dispose()


@pytest.fixture
def window(qtbot, db: Database, structure: StructureSummary) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    assert window.change_timer.interval() == CHANGE_POLL_MS
    window.change_timer.setInterval(FAST_POLL_MS)
    qtbot.waitUntil(lambda: not window.counts_pending)  # the first interventions count, off the GUI thread
    return window


def test_counts_follow_a_commit_by_another_program(qtbot, window: MainWindow, db_path: Path) -> None:
    assert window.change_timer.isActive()
    assert window.mediators_tile.value.text() == "1"
    commit_elsewhere(db_path, "Bruno Petit")
    qtbot.waitUntil(lambda: window.mediators_tile.value.text() == "2", timeout=3000)


def test_no_query_while_nothing_changes(qtbot, window: MainWindow, db: Database) -> None:
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    for _ in range(3):  # three polls
        with qtbot.waitSignal(window.change_timer.timeout, timeout=3000):
            pass
    assert statements == []


def test_coming_back_to_the_application_refreshes(qtbot, window: MainWindow, db_path: Path) -> None:
    window.change_timer.stop()
    commit_elsewhere(db_path, "Bruno Petit")
    assert window.mediators_tile.value.text() == "1"
    QGuiApplication.instance().applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    assert window.mediators_tile.value.text() == "2"


def test_closing_the_window_stops_watching(qtbot, window: MainWindow, db_path: Path) -> None:
    window.show()
    window.close()
    assert not window.change_timer.isActive()
    commit_elsewhere(db_path, "Bruno Petit")
    QGuiApplication.instance().applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    assert window.mediators_tile.value.text() == "1"


def test_a_window_that_fails_to_open_gives_its_connection_back(
    qtbot, db: Database, structure: StructureSummary, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_db: Database, **_options: object) -> StructureSummary:
        raise KeyError("bogue")

    watchers: list[ChangeWatcher] = []

    def watch(database: Database) -> ChangeWatcher:
        watchers.append(watch_changes(database))
        return watchers[-1]

    monkeypatch.setattr("medios.ui.main_window.structure_summary", broken)
    monkeypatch.setattr("medios.ui.main_window.watch_changes", watch)
    with pytest.raises(KeyError):
        MainWindow(db)
    [watcher] = watchers
    assert watcher.token() is None  # closed, not left for the garbage collector
