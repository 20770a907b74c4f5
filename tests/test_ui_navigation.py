"""The main window's navigation: every page reachable from the list, the menu and its shortcut."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence

from medios.db import Database
from medios.services.structure import StructureSummary, create_mediator, list_mediators
from tests.ui_support import refuse_modal_dialogs

from medios.ui.main_window import MainWindow
from medios.ui.pages import PAGES, USER_KEY, Page, PageContext

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture(autouse=True)
def no_modal_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_modal_dialogs(monkeypatch)


@pytest.fixture
def window(qtbot, db: Database, structure: StructureSummary) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.counts_pending)
    return window


def test_every_page_has_a_distinct_shortcut_shown_in_its_tooltip(window: MainWindow) -> None:
    shortcuts = [spec.shortcut for spec in PAGES]
    assert len(set(shortcuts)) == len(PAGES)
    for row, spec in enumerate(PAGES):
        native = QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText)
        assert native in window.navigation.item(row).toolTip()
        action = window.page_actions[spec.key]
        assert native in action.toolTip()
        assert QKeySequence(spec.shortcut) in action.shortcuts()


def test_each_shortcut_brings_its_page(qtbot, window: MainWindow) -> None:
    for spec in reversed(PAGES):
        window.page_actions[spec.key].trigger()
        assert window.current_page_key() == spec.key
        shown = window.stack.currentWidget()
        assert shown is (window.overview if spec.key == "overview" else window.page(spec.key))
        assert window.navigation.currentRow() == PAGES.index(spec)


def test_ctrl_n_opens_the_entry_page(window: MainWindow) -> None:
    assert QKeySequence("Ctrl+N") in window.page_actions["entry"].shortcuts()


def test_pages_are_built_on_first_visit_only(window: MainWindow) -> None:
    assert window.page("journal") is None
    first = window.show_page("journal")
    window.show_page("overview")
    assert window.show_page("journal") is first


def test_the_observatory_page_is_the_real_export(window: MainWindow) -> None:
    from medios.ui.pages.observatory import ObservatoryPage

    page = window.show_page("observatory")
    assert isinstance(page, ObservatoryPage)
    assert page.preview_button.isEnabled() and not page.write_button.isEnabled()  # nothing to write before a preview


def test_status_bar_shows_base_referentiel_user_and_month(window: MainWindow, db: Database) -> None:
    assert window.status_database.text() == db.path.name
    assert window.status_referentiel.text().startswith("Référentiel ")
    (alice,) = list_mediators(db)
    assert window.status_user.text() == f"Utilisateur : {alice.pseudonym}"
    assert window.status_month.text().endswith(": mois ouvert")


def test_a_page_that_refuses_to_be_left_keeps_the_screen(window: MainWindow, monkeypatch) -> None:
    page = window.show_page("settings")
    assert isinstance(page, Page)
    monkeypatch.setattr(page, "can_leave", lambda: False)
    window.page_actions["journal"].trigger()
    assert window.current_page_key() == "settings"
    assert window.navigation.currentRow() == [s.key for s in PAGES].index("settings")


def test_the_shell_offers_no_page_before_the_base(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    assert not window.navigation.isEnabled()
    assert not window.page_actions["journal"].isEnabled()
    window.show_page("journal")
    assert window.current_page_key() == "overview"


def test_current_user_is_remembered_and_falls_back_to_the_coordinator(
    qtbot, db: Database, structure: StructureSummary
) -> None:
    from medios.ui.preferences_store import ui_preferences

    settings = ui_preferences()  # in the test's own data folder
    settings.remove(USER_KEY)
    (alice,) = list_mediators(db)
    bob = create_mediator(db, "Bob Durand")
    context = PageContext(db, settings)
    assert context.user_id == alice.id  # the coordinator
    seen: list[bool] = []
    context.user_changed.connect(lambda: seen.append(True))
    context.set_user(bob.id)
    assert seen == [True]
    assert PageContext(db, settings).user_id == bob.id  # remembered
    settings.setValue(USER_KEY, "not-a-uuid")
    assert PageContext(db, settings).user_id == alice.id


def test_a_draft_left_by_a_crash_opens_the_entry_page_at_start(
    qtbot, db: Database, structure: StructureSummary, monkeypatch
) -> None:
    from medios.services import drafts
    from medios.services.overview import has_draft

    from medios.ui.preferences_store import ui_preferences

    (alice,) = list_mediators(db)
    assert not has_draft(db, alice.id, drafts.INTERVENTION)
    drafts.save_draft(db, alice.id, drafts.INTERVENTION, {"duration": "20"})
    assert has_draft(db, alice.id, drafts.INTERVENTION) and not has_draft(db, None, drafts.INTERVENTION)
    ui_preferences().remove(USER_KEY)
    offered: list[bool] = []
    from medios.ui.pages import entry

    monkeypatch.setattr(entry.EntryPage, "offer_draft", lambda self: offered.append(True) or False)
    window = MainWindow(db)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.current_page_key() == "entry")
    assert offered == [True]


def test_no_draft_leaves_the_window_on_its_overview(qtbot, window: MainWindow) -> None:
    assert not window.offer_pending_draft()
    assert window.current_page_key() == "overview"


def test_a_tournee_draft_left_by_a_crash_opens_its_page_at_start(
    qtbot, db: Database, structure: StructureSummary, monkeypatch
) -> None:
    from medios.services import drafts

    from medios.ui import msgbox
    from medios.ui.pages.presence import PresencePage
    from medios.ui.preferences_store import ui_preferences

    (alice,) = list_mediators(db)
    drafts.save_draft(db, alice.id, drafts.PRESENCE, {"record": None, "fields": {"commune": "93066"}})
    ui_preferences().remove(USER_KEY)
    asked: list[str] = []
    monkeypatch.setattr(msgbox, "question", lambda _p, text, _i="": asked.append(text) or True)
    window = MainWindow(db)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.current_page_key() == "presence")
    page = window.page("presence")
    assert isinstance(page, PresencePage)
    assert len(asked) == 1 and page.commune.text() == "93066" and page.dirty
    assert window.page("entry") is None  # no intervention draft: the entry page is not opened for nothing
