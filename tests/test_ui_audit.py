"""The audit log in the window (Outils › Journal d'audit…): a coordinator reads the newest lines by
pseudonym, filters an action, pages back, checks the chain (an edited line is named) and exports the
CSV; a mediator has neither the menu entry nor the service."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from sqlalchemy import text

from medios.db import Database
from medios.services import audit
from medios.services import interventions as iv
from medios.services import structure as st
from medios.services.errors import ValidationError
from tests.test_interventions import _input
from tests.ui_support import Boxes, record_boxes, refuse_modal_dialogs

from medios.ui import audit as audit_ui
from medios.ui.audit import AuditDialog
from medios.ui.main_window import MainWindow
from medios.ui.pages import USER_KEY

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture(autouse=True)
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    refuse_modal_dialogs(monkeypatch)
    return record_boxes(monkeypatch)


@pytest.fixture
def team(db: Database) -> tuple[st.MediatorInfo, st.MediatorInfo]:
    st.init_structure(db, "Médiation Tracée", mediator="Dora Admin")
    admin = st.list_mediators(db)[0]
    bruno = st.create_mediator(db, "Bruno Petit")
    for _ in range(3):
        iv.record_intervention(db, _input(bruno.id), actor_id=bruno.id)
    return admin, bruno


def _window(qtbot, db: Database, user: st.MediatorInfo, tmp_path: Path) -> MainWindow:
    preferences = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    preferences.setValue(USER_KEY, str(user.id))
    window = MainWindow(db, preferences)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.counts_pending)
    return window


def _column(dialog: AuditDialog, column: int) -> list[str]:
    return [dialog.table.item(row, column).text() for row in range(dialog.table.rowCount())]


def test_a_coordinator_reads_filters_pages_and_exports_the_log(
    qtbot, db: Database, team: tuple[st.MediatorInfo, st.MediatorInfo], tmp_path: Path, boxes: Boxes, monkeypatch
) -> None:
    admin, bruno = team
    window = _window(qtbot, db, admin, tmp_path)
    assert window.audit_action.isEnabled()
    dialog = AuditDialog(db, admin.id, window)
    qtbot.addWidget(dialog)
    ids = [int(n) for n in _column(dialog, 0)]
    assert ids == sorted(ids, reverse=True) and len(ids) >= 5  # newest first
    assert "Bruno Petit" not in " ".join(_column(dialog, 2)) and bruno.pseudonym in _column(dialog, 2)
    record = dialog.table.item(0, 6)
    assert record.text().endswith("…") and record.toolTip().startswith(record.text()[:8])
    dialog.action.setCurrentIndex(dialog.action.findData("CREATE"))
    assert set(_column(dialog, 4)) == {"CREATE"}
    monkeypatch.setattr(audit_ui, "PAGE_LINES", 2)
    dialog.reload()
    assert dialog.table.rowCount() == 2 and dialog.more_button.isEnabled()
    dialog.load_more()
    assert dialog.table.rowCount() == 4 and len(set(_column(dialog, 0))) == 4  # no line twice
    target = tmp_path / "journal.csv"
    monkeypatch.setattr(dialog, "ask_path", lambda: str(target))
    dialog.export_button.click()
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
    assert rows[0] == list(audit.EXPORT_COLUMNS) and len(rows) - 1 == len(audit.export_rows(db))
    assert boxes.shown[-1][0] == "information" and "Journal exporté" in boxes.shown[-1][1]
    window.close()


def test_the_dialog_names_the_line_where_the_chain_breaks(
    qtbot, db: Database, team: tuple[st.MediatorInfo, st.MediatorInfo]
) -> None:
    admin, _bruno = team
    dialog = AuditDialog(db, admin.id)
    qtbot.addWidget(dialog)
    dialog.verify_button.click()
    assert dialog.verdict.text().startswith("Journal intact : ")
    with db.engine.begin() as conn:
        victim = conn.execute(
            text("SELECT min(id) FROM audit_log WHERE action = 'CREATE' AND table_name = 'intervention'")
        ).scalar()
        conn.execute(text("UPDATE audit_log SET changes = '{}' WHERE id = :id"), {"id": victim})
    dialog.verify_button.click()
    assert dialog.verdict.text().startswith(f"Journal altéré : la chaîne casse à la ligne n° {victim} ")


def test_a_mediator_has_neither_the_menu_nor_the_lines(
    qtbot, db: Database, team: tuple[st.MediatorInfo, st.MediatorInfo], tmp_path: Path
) -> None:
    _admin, bruno = team
    window = _window(qtbot, db, bruno, tmp_path)
    assert not window.audit_action.isEnabled()
    with pytest.raises(ValidationError) as refused:
        audit.recent_rows(db, actor_id=bruno.id)
    assert refused.value.errors[0].message == "seules la coordination et l'administration consultent le journal."
    window.close()
