"""Page « Rapports »: period and scope typed like a user, preview, closing and reopening, files written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from medios.db import Database
from medios.db.models import AuditLog, MonthClosure
from medios.services import closure
from medios.services import interventions as iv
from medios.services import structure as st
from medios.services.structure import StructureSummary
from tests.test_interventions import _input
from tests.test_ui_activities import FakeNavigator
from tests.ui_support import Boxes, Keyboard, record_boxes, refuse_modal_dialogs

from medios.ui import msgbox
from medios.ui.pages import PageContext

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    refuse_modal_dialogs(monkeypatch)
    return record_boxes(monkeypatch)


@pytest.fixture
def context(tmp_path: Path, db: Database, structure: StructureSummary) -> PageContext:
    coordinator = st.list_mediators(db)[0]
    for day in (3, 9, 9):
        iv.record_intervention(db, _input(coordinator.id, date=dt.date(2026, 10, day)), today=TODAY)
    iv.record_intervention(db, _input(coordinator.id, date=dt.date(2026, 9, 9)), today=TODAY)
    settings = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    return PageContext(db, settings, FakeNavigator())


@pytest.fixture
def page(qtbot, context: PageContext):
    from medios.ui.pages.reports import ReportsPage

    widget = ReportsPage(context)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.closing()  # as the window does: a preview under way is waited for


def _choose_october(qtbot, page) -> None:
    page.month.setFocus(Qt.FocusReason.TabFocusReason)
    Keyboard(qtbot).type("102026")
    qtbot.waitUntil(lambda: page.wait_for_preview() and page.preview_state.text().startswith("Bilan mensuel — octobre"))


def _cell(page, label: str, column: int) -> str:
    for row in range(page.figures.rowCount()):
        if page.figures.item(row, 0).text() == label:
            return page.figures.item(row, column).text()
    raise AssertionError(label)


def test_the_preview_shows_the_key_figures_of_the_month_typed(qtbot, page) -> None:
    _choose_october(qtbot, page)
    assert page.preview_state.text() == "Bilan mensuel — octobre 2026 — Toute la structure"
    assert _cell(page, "Interventions", 1) == "3"
    assert _cell(page, "Interventions", 2) == "1"  # September
    assert _cell(page, "Interventions", 3) == "+2 (+200,0\u00a0%)".replace("\u00a0", _nbsp(page))
    assert _cell(page, "Interventions", 4) == "4"
    assert page.xlsx_button.isEnabled() and page.pdf_button.isEnabled()
    assert "mois ouvert" in page.state_text.text()


def _nbsp(page) -> str:
    """The space the French formatting puts before « % » (read from the module, not guessed)."""
    from medios.export import french

    return french.format_percent(0.5)[-2]


def test_a_quarter_chosen_with_the_keyboard(qtbot, page) -> None:
    page.kind.setFocus()
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_Down)  # Trimestre
    assert page.current_kind() == "quarter"
    page.quarter.setFocus()
    keyboard.press(Qt.Key.Key_Up, times=3)
    keyboard.press(Qt.Key.Key_Down, times=3)  # T4
    page.year.setFocus()
    page.year.selectAll()
    keyboard.type("2026")
    qtbot.waitUntil(lambda: page.wait_for_preview() and "trimestre" in page.preview_state.text())
    assert page.preview_state.text().startswith("Bilan — 4e trimestre 2026")
    assert not page.state_box.isVisible()  # closing is for one month
    assert _cell(page, "Interventions", 1) == "3"


def test_a_coordinator_closes_then_reopens_the_month(qtbot, page, db: Database, monkeypatch, context) -> None:
    _choose_october(qtbot, page)
    asked: list[str] = []
    monkeypatch.setattr(msgbox, "question", lambda _parent, text, informative="": asked.append(text) or True)
    changed: list[bool] = []
    context.data_changed.connect(lambda: changed.append(True))
    assert page.close_button.isEnabled()
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    assert asked == ["Clôturer octobre 2026 ?"]
    assert changed == [True]
    qtbot.waitUntil(lambda: "mois clôturé le" in page.state_text.text())
    assert page.reopen_button.isVisible() and not page.close_button.isVisible()
    with db.session() as session:
        row = session.scalars(select(MonthClosure)).one()
        assert (row.month, row.status, row.closed_by) == (202610, "CLOS", context.user_id)

    monkeypatch.setattr(page, "ask_reason", lambda month: "Fiches oubliées")
    qtbot.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "rouvert" in page.state_text.text())
    assert "Fiches oubliées" in page.state_text.text()
    with db.session() as session:
        logged = list(session.scalars(select(AuditLog.action).where(AuditLog.table_name == "month_closure")))
    assert logged == ["CLOSE", "REOPEN"]
    assert closure.month_state(db, 202610).reopen_reason == "Fiches oubliées"


def test_an_empty_reason_reopens_nothing_and_says_why(qtbot, page, db: Database, monkeypatch, boxes: Boxes) -> None:
    closure.close_month(db, 202610, today=TODAY)
    _choose_october(qtbot, page)
    monkeypatch.setattr(page, "ask_reason", lambda month: "   ")
    qtbot.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)
    assert boxes.shown[-1][:2] == ("warning", "Le mois n'a pas été rouvert.")
    assert "indiquez pourquoi" in boxes.shown[-1][2]
    assert closure.month_state(db, 202610).status == "CLOS"


def test_a_mediator_cannot_close(qtbot, page, db: Database, context: PageContext) -> None:
    context.set_user(st.create_mediator(db, "Bruno Diallo").id)
    _choose_october(qtbot, page)
    assert not page.close_button.isEnabled()
    assert page.close_button.toolTip() == "Réservé à la coordination."


def test_every_input_has_an_accessible_name(page) -> None:
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QTableWidget

    inputs = [w for w in page.findChildren(QWidget) if isinstance(w, QComboBox | QAbstractSpinBox | QTableWidget)]
    assert inputs
    assert all(w.accessibleName() for w in inputs), [type(w).__name__ for w in inputs if not w.accessibleName()]
