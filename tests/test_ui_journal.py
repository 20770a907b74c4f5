"""The journal page used like a user: filters typed in the pickers, search, scrolling that fetches
pages (and drops far ones), sorting on the date, the detail pane, open, delete and undo, duplicate.

The oracle is plain SQL on the same base: the ids of the live rows matching, in the journal order.
"""

from __future__ import annotations

import datetime as dt
import shutil
import unicodedata
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, QSettings, Qt
from PySide6.QtTest import QAbstractItemModelTester, QTest
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import text

from medios.db import Database, open_database
from medios.demo.run import generate_demo
from tests.ui_support import Keyboard, record_boxes, refuse_modal_dialogs

from medios.ui.pages import PageContext
from medios.ui.pages import journal as journal_ui
from medios.ui.pages.journal import JournalModel, JournalPage
from medios.ui.pickers import CODE_ROLE

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
TODAY = dt.date(2026, 11, 20)


class FakeNavigator:
    def __init__(self) -> None:
        self.opened: list[uuid.UUID] = []
        self.statuses: list[str] = []

    def show_page(self, key: str) -> QWidget | None:
        return None

    def open_intervention(self, intervention_id: uuid.UUID) -> None:
        self.opened.append(intervention_id)

    def new_intervention(self, *, presence_id: uuid.UUID | None = None) -> None:
        pass

    def show_status(self, text: str, timeout_ms: int = 5000) -> None:
        self.statuses.append(text)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    path = tmp_path_factory.mktemp("journal-ui") / "demo.db"
    shutil.copy2(template_db, path)
    db = open_database(path)
    generate_demo(db, months=2, mediators=4, seed=5, today=TODAY)
    db.dispose()
    return path


@pytest.fixture
def demo(tmp_path: Path, demo_file: Path) -> Iterator[Database]:
    path = tmp_path / "demo.db"
    shutil.copy2(demo_file, path)
    database = open_database(path)
    yield database
    database.dispose()


@pytest.fixture
def navigator() -> FakeNavigator:
    return FakeNavigator()


@pytest.fixture
def page(
    qtbot: Any, demo: Database, navigator: FakeNavigator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[JournalPage]:
    refuse_modal_dialogs(monkeypatch)
    preferences = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    context = PageContext(demo, preferences, navigator)
    shown = JournalPage(context)
    qtbot.addWidget(shown)
    shown.resize(1000, 680)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(lambda: shown.count is not None)
    yield shown
    shown.closing()


def _uuid(raw: object) -> uuid.UUID:
    return uuid.UUID(bytes=raw) if isinstance(raw, bytes) else uuid.UUID(str(raw))


def _sql(
    db: Database, where: str = "1 = 1", params: dict[str, Any] | None = None, *, newest: bool = True
) -> list[uuid.UUID]:
    order = "DESC" if newest else "ASC"
    query = (
        f"SELECT id FROM intervention WHERE deleted_at IS NULL AND ({where}) "
        f"ORDER BY date {order}, start_time {order}, id {order}"
    )
    with db.engine.connect() as conn:
        return [_uuid(r[0]) for r in conn.execute(text(query), params or {})]


def _shown(page: JournalPage) -> list[uuid.UUID]:
    """Every row of the filter, fetched as a user scrolling down would (the window bound lifted)."""
    model = page.model
    bound = journal_ui.MAX_ROWS
    journal_ui.MAX_ROWS = 10**9
    try:
        model.wait()
        while model.canFetchMore():
            model.fetchMore()
            model.wait()  # a search's pages are read on a pool thread
    finally:
        journal_ui.MAX_ROWS = bound
    return [r.id for r in model.rows()]


def _deleted(db: Database, ids: list[uuid.UUID]) -> list[bool]:
    with db.engine.connect() as conn:
        found = {
            _uuid(key): stamp is not None
            for key, stamp in conn.execute(text("SELECT id, deleted_at FROM intervention")).all()
        }
    return [found[i] for i in ids]


def _choose(qtbot: Any, picker: QWidget, typed: str) -> None:
    keyboard = Keyboard(qtbot)
    picker.window().activateWindow()
    picker.setFocus(Qt.FocusReason.TabFocusReason)  # as reached by Tab: the « — » is selected, typed over
    qtbot.waitUntil(lambda: QApplication.focusWidget() in (picker, picker.lineEdit()))
    picker.lineEdit().selectAll()  # what Tab does when it reaches the field (already focused here)
    keyboard.type(typed)
    keyboard.press(Qt.Key.Key_Tab)


def test_the_model_passes_the_item_model_tester_while_reading_and_moving(
    qtbot: Any, demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal_ui, "MAX_ROWS", 250)
    from medios.referentiel import active

    model = JournalModel(demo, active())
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
    model.reload()
    ref = active()
    first = model.row_at(0)
    shown = [model.index(0, c).data() for c in range(model.columnCount())]
    assert shown[2] == ref.label("REGISTRE", first.registre) and shown[7] == ref.label("ISSUE", first.outcome)
    assert shown[1] == first.start_time.strftime("%H:%M") and shown[9] == str(first.publics)
    assert shown[6] == (first.dispositif or "—")
    assert shown == [model._text(first, column, tooltip=False) for column in journal_ui.COLUMNS]
    for _ in range(4):
        model.fetchMore()
    assert model.rowCount() <= 250 and model.more_above
    while model.fetch_above():
        pass
    model.jump_to_end()
    model.reload(newest_first=False)
    model.fetchMore()
    assert model.rowCount() == 2 * journal_ui.PAGE_ROWS
    for column in journal_ui.SORT_COLUMNS:  # every sort, both ways: read, move, jump
        for descending in (False, True):
            model.reload(sort=journal_ui.JournalSort(column, descending))
            for _ in range(3):
                model.fetchMore()
            while model.fetch_above():
                pass
            model.jump_to_end()
            model.fetch_above()
            assert model.rowCount() == 2 * journal_ui.PAGE_ROWS


def test_first_screen_holds_the_newest_rows_and_the_exact_count(page: JournalPage, demo: Database) -> None:
    expected = _sql(demo)
    assert [r.id for r in page.model.rows()] == expected[: journal_ui.PAGE_ROWS]
    assert page.count == len(expected)
    assert str(len(expected)) in page.count_label.text().replace("\u202f", "").replace(" ", "").replace("\xa0", "")
    assert page.model.canFetchMore()


def test_filters_typed_in_the_pickers_return_what_sql_returns(qtbot: Any, page: JournalPage, demo: Database) -> None:
    _choose(qtbot, page.registre, "veille tech")
    assert page.registre.code() == "VTEC"
    qtbot.waitUntil(lambda: page.count is not None)
    assert _shown(page) == _sql(demo, "registre = 'VTEC'")
    assert page.count == len(_sql(demo, "registre = 'VTEC'"))
    _choose(qtbot, page.territory, "vaulx")
    assert page.territory.code() == "C:69256"
    _choose(qtbot, page.outcome, "orient")
    outcome = page.outcome.code()
    qtbot.waitUntil(lambda: page.count is not None)
    where = "registre = 'VTEC' AND commune = '69256' AND outcome = :o"
    assert _shown(page) == _sql(demo, where, {"o": outcome})
    page.clear_filters()
    assert page.registre.code() is None
    assert [r.id for r in page.model.rows()] == _sql(demo)[: journal_ui.PAGE_ROWS]


def test_period_place_domain_dispositif_and_mediator_filters(qtbot: Any, page: JournalPage, demo: Database) -> None:
    from PySide6.QtCore import QDate

    page.date_from.setDate(QDate(2026, 10, 5))
    page.date_to.setDate(QDate(2026, 10, 20))
    assert _shown(page) == _sql(demo, "date BETWEEN '2026-10-05' AND '2026-10-20'")
    _choose(qtbot, page.dispositif, "tilleuls")
    dispositif = uuid.UUID(page.dispositif.code() or "")
    _choose(qtbot, page.mediator, "MED")
    mediator = uuid.UUID(page.mediator.code() or "")
    where = (
        "date BETWEEN '2026-10-05' AND '2026-10-20' AND dispositif_id = :d AND id IN "
        "(SELECT intervention_id FROM intervention_mediator WHERE mediator_id = :m)"
    )
    assert _shown(page) == _sql(demo, where, {"d": dispositif.bytes, "m": mediator.bytes})
    page.clear_filters()
    _choose(qtbot, page.place, "logement")
    _choose(qtbot, page.domain, "habitat")
    where = "place = :p AND domain = :d"
    assert _shown(page) == _sql(demo, where, {"p": page.place.code(), "d": page.domain.code()})


def test_the_search_box_filters_after_a_pause(qtbot: Any, page: JournalPage, demo: Database) -> None:
    page.search.setFocus()
    Keyboard(qtbot).type("Tilleuls")
    qtbot.waitUntil(lambda: page.model.filters.text == "Tilleuls", timeout=2000)
    found = _shown(page)
    assert found and set(found) < set(_sql(demo))
    with_site = set(
        _sql(
            demo,
            "site_id IN (SELECT id FROM site WHERE name LIKE '%Tilleuls%') OR qpv IN (SELECT code FROM territory WHERE label LIKE '%Tilleuls%')",
        )
    )
    assert with_site <= set(found)


def test_a_search_reads_its_pages_off_the_gui_thread(qtbot: Any, page: JournalPage, demo: Database) -> None:
    page.search.setText("introuvable-nulle-part")
    page.apply_filters()
    assert page.model.loading and page.model.rowCount() == 0  # the table stays usable meanwhile
    assert page.count_label.text() == "Recherche…"
    with qtbot.waitSignal(page.model.loaded):
        pass
    assert page.model.rowCount() == 0 and not page.model.canFetchMore()
    page.search.setText("Tilleuls")
    page.apply_filters()
    page.search.setText("Rivières")  # typed on before the first search came back: its page is dropped
    page.apply_filters()
    page.model.wait()
    assert page.model.filters.text == "Rivières"
    expected = set(
        _sql(
            demo,
            "id IN (SELECT ip.intervention_id FROM intervention_partner ip JOIN partner p ON p.id = ip.partner_id "
            "WHERE p.name LIKE '%Rivières%') OR site_id IN (SELECT id FROM site WHERE name LIKE '%Rivières%')",
        )
    )
    assert set(_shown(page)) == expected and expected
    assert page.current_id() is not None


def test_scrolling_fetches_pages_and_keeps_a_bounded_window(
    qtbot: Any, page: JournalPage, demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal_ui, "MAX_ROWS", 300)
    expected = _sql(demo)
    page.table.setFocus()
    bar = page.table.verticalScrollBar()
    reads = page.model.reads
    for _ in range(12):
        bar.setValue(bar.maximum())
        QApplication.processEvents()
    assert page.model.reads > reads  # the view asked for more
    rows = [r.id for r in page.model.rows()]
    assert len(rows) <= 300
    start = expected.index(rows[0])
    assert rows == expected[start : start + len(rows)]  # a window of the journal, in order
    assert start > 0 and page.model.more_above
    for _ in range(20):
        bar.setValue(bar.minimum())
        QApplication.processEvents()
    assert page.model.rows()[0].id == expected[0]


def test_ctrl_end_shows_the_oldest_rows_and_the_date_header_sorts_both_ways(
    qtbot: Any, page: JournalPage, demo: Database
) -> None:
    page.table.setFocus()
    Keyboard(qtbot).press(Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    oldest = _sql(demo, newest=False)
    assert page.model.rows()[-1].id == oldest[0]
    assert page.current_id() == oldest[0]
    header = page.table.horizontalHeader()
    QTest.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=header.rect().center().__class__(header.sectionPosition(0) + 10, 5),
    )
    assert not page.model.newest_first
    assert [r.id for r in page.model.rows()] == oldest[: journal_ui.PAGE_ROWS]
    assert _shown(page) == oldest
    page.sort_by_date(newest_first=True)
    assert page.model.rows()[0].id == _sql(demo)[0]


def _click_header(page: JournalPage, column: str) -> None:
    header = page.table.horizontalHeader()
    section = journal_ui.COLUMNS.index(column)
    page.table.scrollTo(page.model.index(0, section))  # the section on screen
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def _plain(text_: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text_) if unicodedata.category(c) != "Mn").lower()


def _sql_sorted(db: Database, column: str, *, descending: bool = False, where: str = "1 = 1") -> list[uuid.UUID]:
    """The live rows in the journal order, then (stable) on the label shown for ``column``: SQL for the
    rows, the référentiel, the territories and the dispositifs for the labels; no dispositif last."""
    from medios.referentiel import active

    name = "dispositif_id" if column == "dispositif" else column
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                f"SELECT id, {name} FROM intervention WHERE deleted_at IS NULL AND ({where})"
                " ORDER BY date DESC, start_time DESC, id DESC"
            )
        ).all()
        communes = dict(
            conn.execute(text("SELECT code, label FROM territory WHERE level = 'COMMUNE' AND deleted_at IS NULL")).all()
        )
        dispositifs = dict(conn.execute(text("SELECT id, name FROM dispositif")).all())
    vocab = {"registre": "REGISTRE", "domain": "DOMAINE", "place": "LIEU", "outcome": "ISSUE"}

    def label(value: Any) -> str:
        if column in vocab:
            return active().label(vocab[column], value)
        if column == "commune":
            return f"{communes[value]} ({value})" if value in communes else value
        return str(dispositifs[value])

    def key(row: Any) -> tuple[int, str]:
        return (1, "") if row[1] is None else (0, _plain(label(row[1])))

    return [_uuid(r[0]) for r in sorted(rows, key=key, reverse=descending)]


def test_a_click_on_a_header_sorts_on_its_labels_and_a_second_click_reverses(
    qtbot: Any, page: JournalPage, demo: Database, navigator: FakeNavigator
) -> None:
    header = page.table.horizontalHeader()
    for column in ("commune", "dispositif", "registre", "domain", "place", "outcome"):
        _click_header(page, column)
        assert page.model.sort.column == column and not page.model.sort.descending
        assert header.sortIndicatorSection() == journal_ui.COLUMNS.index(column)
        assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        expected = _sql_sorted(demo, column)
        assert [r.id for r in page.model.rows()] == expected[: journal_ui.PAGE_ROWS], column
        assert page.current_id() == expected[0]
    _click_header(page, "outcome")  # again: Z to A
    assert page.model.sort.descending and header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert _shown(page) == _sql_sorted(demo, "outcome", descending=True)
    _click_header(page, "commune")
    assert _shown(page) == _sql_sorted(demo, "commune")
    _click_header(page, "publics")  # no index: a message, the sort stays
    assert page.model.sort.column == "commune" and navigator.statuses
    assert "triez sur la date" in navigator.statuses[-1]
    assert header.sortIndicatorSection() == journal_ui.COLUMNS.index("commune")
    _click_header(page, "date")  # back to the date, newest first
    assert page.model.sort.column is None and page.model.newest_first
    assert header.sortIndicatorSection() == 0 and header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert [r.id for r in page.model.rows()] == _sql(demo)[: journal_ui.PAGE_ROWS]


def test_a_sort_keeps_the_filters_scrolling_ctrl_end_and_undo(
    qtbot: Any, page: JournalPage, demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal_ui, "MAX_ROWS", 250)
    boxes = record_boxes(monkeypatch)
    _click_header(page, "dispositif")
    _click_header(page, "dispositif")  # Z to A: no dispositif first
    expected = _sql_sorted(demo, "dispositif", descending=True)
    page.table.setFocus()
    bar = page.table.verticalScrollBar()
    for _ in range(8):
        bar.setValue(bar.maximum())
        QApplication.processEvents()
    rows = [r.id for r in page.model.rows()]
    start = expected.index(rows[0])
    assert start > 0 and rows == expected[start : start + len(rows)]  # a window of the sorted journal
    for _ in range(20):
        bar.setValue(bar.minimum())
        QApplication.processEvents()
    assert page.model.rows()[0].id == expected[0]
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert page.current_id() == expected[-1]
    assert [r.id for r in page.model.rows()] == expected[-journal_ui.PAGE_ROWS :]
    keyboard.press(Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert page.current_id() == expected[0]
    # Delete a row of the sorted journal, then undo: the row below is selected, then the row again.
    row = _free_rows(demo, page)[3]
    target, below = page.model.row_at(row).id, page.model.row_at(row + 1).id
    page.table.setFocus()
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    page.table.selectionModel().setCurrentIndex(page.model.index(row, 0), flags)  # Ctrl (of Ctrl+Début) let go
    keyboard.press(Qt.Key.Key_Delete)
    assert boxes.shown == [], boxes.shown
    assert _deleted(demo, [target]) == [True] and page.current_id() == below
    got = [r.id for r in page.model.rows()]
    assert got == [i for i in expected if i != target][: journal_ui.PAGE_ROWS]
    keyboard.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _deleted(demo, [target]) == [False] and page.current_id() == target
    # A filter on another column, then on the sorted one: still in the sort's order.
    _choose(qtbot, page.registre, "MER")
    qtbot.waitUntil(lambda: page.model.filters.registre == "MER")
    assert _shown(page) == _sql_sorted(demo, "dispositif", descending=True, where="registre = 'MER'")
    some = demo.engine.connect().execute(text("SELECT id, name FROM dispositif ORDER BY name")).first()
    assert some is not None
    _choose(qtbot, page.dispositif, some[1])
    qtbot.waitUntil(lambda: page.model.filters.dispositif_id is not None)
    where = "registre = 'MER' AND dispositif_id = :d"
    with demo.engine.connect() as conn:
        oracle = [
            _uuid(r[0])
            for r in conn.execute(
                text(f"SELECT id FROM intervention WHERE deleted_at IS NULL AND {where}"
                     " ORDER BY date DESC, start_time DESC, id DESC"),
                {"d": some[0]},
            )
        ]  # fmt: skip
    assert _shown(page) == oracle
    assert page.model.sort == journal_ui.JournalSort("dispositif", True)


def test_a_sort_with_a_mediator_reads_its_pages_off_the_gui_thread(
    qtbot: Any, page: JournalPage, demo: Database
) -> None:
    with demo.engine.connect() as conn:
        mediator, pseudonym = conn.execute(text("SELECT id, pseudonym FROM mediator ORDER BY pseudonym")).first()
    _choose(qtbot, page.mediator, pseudonym)
    qtbot.waitUntil(lambda: page.model.filters.mediator_id is not None)
    assert not page.model.slow  # the journal order: the mediator's own index
    _click_header(page, "commune")
    assert page.model.slow
    where = "id IN (SELECT intervention_id FROM intervention_mediator WHERE mediator_id = :m)"
    expected = _sql_sorted(demo, "commune", where=where.replace(":m", f"X'{_uuid(mediator).hex}'"))
    assert expected and _shown(page) == expected


def test_the_detail_pane_shows_the_current_intervention_with_labels(
    qtbot: Any, page: JournalPage, demo: Database
) -> None:
    page.table.setFocus()
    Keyboard(qtbot).press(Qt.Key.Key_Down)
    row = page.model.row_at(1)
    assert page.current_id() == row.id
    qtbot.waitUntil(lambda: not page._detail_timer.isActive())  # the pane follows once the row rests
    shown = page.detail.toPlainText()
    from medios.referentiel import active

    assert active().label("REGISTRE", row.registre) in shown
    assert active().label("ISSUE", row.outcome) in shown
    assert ", ".join(row.mediators) in shown
    assert "Observations" not in shown  # the demo structure has not enabled notes


def test_entree_and_double_click_open_the_intervention(qtbot: Any, page: JournalPage, navigator: FakeNavigator) -> None:
    page.table.setFocus()
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_Down, times=2)
    keyboard.press(Qt.Key.Key_Return)
    assert navigator.opened == [page.model.row_at(2).id]
    rect = page.table.visualRect(page.model.index(4, 1))
    QTest.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.current_id() == page.model.row_at(4).id
    assert navigator.opened[-1] == page.model.row_at(4).id


def _free_rows(db: Database, page: JournalPage) -> list[int]:
    """Rows of the first screen that no follow-up names (those can be deleted)."""
    with db.engine.connect() as conn:
        named = {
            _uuid(r[0])
            for r in conn.execute(
                text("SELECT follow_up_of FROM intervention WHERE follow_up_of IS NOT NULL AND deleted_at IS NULL")
            )
        }
    return [i for i, r in enumerate(page.model.rows()) if r.id not in named]


def test_delete_then_undo_with_the_keyboard(
    qtbot: Any, page: JournalPage, demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes = record_boxes(monkeypatch)
    changed: list[bool] = []
    page.context.data_changed.connect(lambda: changed.append(True))
    row = _free_rows(demo, page)[0]
    target = page.model.row_at(row).id
    before = page.count or 0
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(row, 0))
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_Delete)
    assert _deleted(demo, [target]) == [True]
    assert target not in [r.id for r in page.model.rows()]
    assert page.undo_bar.isVisible() and changed
    qtbot.waitUntil(lambda: page.count == before - 1)
    keyboard.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _deleted(demo, [target]) == [False]
    assert page.current_id() == target and not page.undo_bar.isVisible()
    qtbot.waitUntil(lambda: page.count == before)
    with demo.engine.connect() as conn:
        actions = [
            r[0]
            for r in conn.execute(
                text("SELECT action FROM audit_log WHERE record_id = :i ORDER BY id"), {"i": target.bytes}
            )
        ]
    assert actions[-2:] == ["DELETE", "RESTORE"]
    assert boxes.shown == []


def test_multi_select_deletes_every_selected_row(
    qtbot: Any, page: JournalPage, demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_boxes(monkeypatch)
    free = _free_rows(demo, page)
    first = next(i for i in free if i + 1 in free and i + 2 in free)
    targets = [page.model.row_at(first + k).id for k in range(3)]
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(first, 0))
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier, times=2)
    assert page.selected_ids() == targets
    page.delete_button.click()
    assert _deleted(demo, targets) == [True, True, True]
    assert "3" in page.undo_text.text()
    page.undo_button.click()
    assert _deleted(demo, targets) == [False, False, False]


def test_a_refused_delete_says_why_and_writes_nothing(
    qtbot: Any, page: JournalPage, demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes = record_boxes(monkeypatch)
    with demo.engine.connect() as conn:
        first = _uuid(
            conn.execute(
                text(
                    "SELECT follow_up_of FROM intervention WHERE follow_up_of IS NOT NULL AND deleted_at IS NULL LIMIT 1"
                )
            ).scalar_one()
        )
    page.model.reload()
    while page.model.row_of(first) < 0 and page.model.canFetchMore():
        page.model.fetchMore()
    page.table.setCurrentIndex(page.model.index(page.model.row_of(first), 0))
    page.delete_selected()
    assert _deleted(demo, [first]) == [False]
    assert boxes.shown and boxes.shown[0][0] == "warning" and "suite" in boxes.shown[0][2]


def test_ctrl_d_duplicates_the_current_row_and_opens_the_copy(
    qtbot: Any, page: JournalPage, demo: Database, navigator: FakeNavigator
) -> None:
    source = page.model.row_at(0)
    page.table.setFocus()
    Keyboard(qtbot).press(Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(navigator.opened) == 1
    copy = navigator.opened[0]
    assert copy != source.id
    with demo.engine.connect() as conn:
        date, registre, place = conn.execute(
            text("SELECT date, registre, place FROM intervention WHERE id = :i"), {"i": copy.bytes}
        ).one()
    assert (date, registre, place) == (dt.date.today().isoformat(), source.registre, source.place)
    assert page.model.rows()[0].id == copy or dt.date.today() < source.date


def test_the_page_refreshes_on_data_changed_and_reports_its_month(
    qtbot: Any, page: JournalPage, demo: Database
) -> None:
    months: list[int] = []
    page.context.month_shown.connect(months.append)
    with demo.transaction() as session:
        session.execute(
            text(
                "UPDATE intervention SET deleted_at = '2026-11-21 00:00:00' WHERE id = (SELECT id FROM intervention ORDER BY date DESC, start_time DESC, id DESC LIMIT 1)"
            )
        )
    page.context.data_changed.emit()
    assert [r.id for r in page.model.rows()][: journal_ui.PAGE_ROWS] == _sql(demo)[: journal_ui.PAGE_ROWS]
    page.table.setFocus()
    Keyboard(qtbot).press(Qt.Key.Key_Down)
    assert page.shown_month() == page.model.row_at(1).date.year * 100 + page.model.row_at(1).date.month
    assert months and months[-1] == page.shown_month()


def test_every_input_has_an_accessible_name_and_the_shortcuts_are_in_tooltips(page: JournalPage) -> None:
    for widget in (page.date_from, page.date_to, page.search, *page._pickers(), page.table, page.detail):
        assert widget.accessibleName()
    assert "Ctrl+D" in page.duplicate_button.toolTip()
    assert "Del" in page.delete_button.toolTip() or "Suppr" in page.delete_button.toolTip()
    assert "Ctrl+F" in page.search.toolTip()


def test_the_page_fits_at_1000_by_680(qtbot: Any, page: JournalPage, tmp_path: Path) -> None:
    page.resize(800, 640)  # what the window leaves beside its navigation
    QApplication.processEvents()
    for picker in page._pickers():
        assert picker.width() >= picker.minimumSizeHint().width()
    for button in (page.open_button, page.duplicate_button, page.delete_button, page.oldest_button, page.clear_button):
        assert button.width() >= button.sizeHint().width()
    assert page.table.height() > 250
    page.grab().save(str(tmp_path / "journal.png"))


def test_a_long_search_is_stopped_by_new_filters_and_by_closing(
    qtbot: Any, page: JournalPage, demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word found nowhere reads the whole journal (seconds on a million rows): nobody waits for it once
    the filters change or the page closes, so its read is interrupted instead of holding the thread."""
    import threading
    import time

    from sqlalchemy import text

    from medios.ui.pages import journal as journal_page

    endless = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000000000) SELECT count(*) FROM n"
    )
    running = threading.Event()
    real = journal_page.read_page

    def slow(db: Database, filters: Any, **options: Any) -> Any:
        if filters.text == "nulle-part":
            with db.engine.connect() as conn:
                running.set()
                conn.execute(text(endless))
        return real(db, filters, **options)

    monkeypatch.setattr(journal_page, "read_page", slow)
    page.search.setText("nulle-part")
    page.apply_filters()
    assert running.wait(5)
    began = time.monotonic()
    page.search.setText("Tilleuls")  # new filters: the stale read is interrupted, the new one comes
    page.apply_filters()
    page.model.wait()
    assert page.model.filters.text == "Tilleuls" and _shown(page)
    assert time.monotonic() - began < 3

    running.clear()
    page.search.setText("nulle-part")
    page.apply_filters()
    assert running.wait(5)
    began = time.monotonic()
    page.closing()  # the window closes: it does not wait for the search to end
    assert time.monotonic() - began < 3


def test_the_detail_pane_names_the_directory_partner(qtbot: Any, page: JournalPage, demo: Database) -> None:
    from medios.services.journal_detail import intervention_detail

    with demo.engine.connect() as conn:
        intervention_id, name = conn.exec_driver_sql(
            "SELECT ip.intervention_id, p.name FROM intervention_partner ip JOIN partner p ON p.id = ip.partner_id"
            " LIMIT 1"
        ).one()
    detail = intervention_detail(demo, uuid.UUID(bytes=intervention_id))
    assert name in detail.partners
    page.detail.setHtml(page._detail_html(detail))
    assert f"{name} — " in page.detail.toPlainText()


def test_a_mediators_journal_holds_their_own_interventions_only(
    qtbot: Any, demo: Database, navigator: FakeNavigator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medios.services.structure import list_mediators

    from medios.ui.pages import USER_KEY

    refuse_modal_dialogs(monkeypatch)
    mediator = next(m for m in list_mediators(demo) if m.role == "MEDIATEUR")
    preferences = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    preferences.setValue(USER_KEY, str(mediator.id))  # the user chosen on this laptop
    shown = JournalPage(PageContext(demo, preferences, navigator))
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: shown.count is not None)
    try:
        own = "id IN (SELECT intervention_id FROM intervention_mediator WHERE mediator_id = :m)"
        assert _shown(shown) == _sql(demo, own, {"m": mediator.id.bytes}) and shown.count == len(_shown(shown))
        codes = [shown.mediator.itemData(i, CODE_ROLE) for i in range(shown.mediator.count())]
        assert [code for code in codes if code] == [str(mediator.id)]  # nobody else to pick
        shown.clear_filters()
        assert _shown(shown) == _sql(demo, own, {"m": mediator.id.bytes})
    finally:
        shown.closing()
