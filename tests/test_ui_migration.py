"""A base that needs a migration is opened off the window's thread, with a progress dialog."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from alembic import command
from PySide6.QtWidgets import QApplication, QMainWindow, QProgressDialog

from medios import app as app_module
from medios.db import Database, NewerDatabaseError, upgrade_pending
from medios.db.engine import driver_execute, make_engine
from medios.db.migrate import alembic_config, head_revision
from tests.ui_support import Boxes, record_boxes


def _base_at(path: Path, revision: str) -> None:
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.connect() as conn:
        driver_execute(conn, "PRAGMA foreign_keys=OFF")
        with conn.begin():
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    engine.dispose()


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return record_boxes(monkeypatch)


def test_upgrade_pending_reads_the_revision_without_writing(tmp_path: Path, db: Database) -> None:
    old = tmp_path / "ancienne.db"
    _base_at(old, "0005")
    before = old.stat().st_mtime_ns, old.stat().st_size
    assert upgrade_pending(old)
    assert (old.stat().st_mtime_ns, old.stat().st_size) == before
    assert db.path is not None and not upgrade_pending(db.path)  # up to date
    assert not upgrade_pending(tmp_path / "absente.db")
    garbage = tmp_path / "texte.db"
    garbage.write_text("pas une base", encoding="utf-8")
    assert not upgrade_pending(garbage)  # open_database explains it


def test_an_old_base_is_migrated_off_the_gui_thread_with_a_progress_dialog(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes: Boxes
) -> None:
    old = tmp_path / "ancienne.db"
    _base_at(old, "0005")
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    seen: dict[str, object] = {}
    real_open = app_module.open_database
    release = threading.Event()

    def slow_open(path: Path, **options: object) -> Database:
        seen["thread"] = threading.current_thread()
        release.wait(5)  # the migration « takes a while »: the dialog must be up meanwhile
        return real_open(path, **options)

    def watch() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        if dialogs and "dialog" not in seen:
            seen["dialog"] = dialogs[0].labelText()
            release.set()

    monkeypatch.setattr(app_module, "open_database", slow_open)
    monkeypatch.setattr(app_module, "PROGRESS_POLL_MS", 10)
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(watch)
    timer.start(5)
    db = app_module.open_or_explain(old, parent=window)
    timer.stop()
    assert db is not None
    try:
        assert seen["thread"] is not threading.main_thread()
        assert "met à jour la base de données" in str(seen["dialog"])
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head_revision()
    finally:
        db.dispose()
    assert boxes.shown == []
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


def test_a_failure_during_the_migration_is_the_french_message(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes: Boxes
) -> None:
    old = tmp_path / "ancienne.db"
    _base_at(old, "0005")
    window = QMainWindow()
    qtbot.addWidget(window)

    def refused(_path: Path, **_options: object) -> Database:
        raise NewerDatabaseError("Cette base a été créée par une version plus récente de Médios.")

    monkeypatch.setattr(app_module, "open_database", refused)
    assert app_module.open_or_explain(old, parent=window) is None
    assert [(kind, informative) for kind, _text, informative in boxes.shown] == [
        ("critical", "Cette base a été créée par une version plus récente de Médios.")
    ]
    con = sqlite3.connect(old)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0005",)  # left alone
    con.close()
