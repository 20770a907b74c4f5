"""Signing in on a shared laptop: the login dialog at start when the base has more than one account (a
refusal says so, « Quitter » stops), the signed-in user cannot be swapped in the settings, and the lock
after inactivity hides the window, keeps what was typed as a draft, and asks the same password again
(or closes the window for another user)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog

from medios import app as app_module
from medios.db import Database, open_database
from medios.services import accounts, drafts
from medios.services import structure as st
from tests.ui_support import Keyboard, record_boxes, refuse_modal_dialogs, speak_french

from medios.ui.login import InactivityLock, LoginDialog
from medios.ui.main_window import MainWindow
from medios.ui.preferences_store import LOCK_MINUTES_KEY

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

PASSWORD = "la-tournee-du-soir-7"


@pytest.fixture(autouse=True)
def guarded(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_modal_dialogs(monkeypatch)
    record_boxes(monkeypatch)


def _two_accounts(db: Database) -> tuple[accounts.Account, accounts.Account]:
    st.init_structure(db, "Médiation Partagée", mediator="Alice Martin")
    alice = st.list_mediators(db)[0]
    bruno = st.create_mediator(db, "Bruno Petit")
    first = accounts.set_account(db, alice.id, login="alice", password="le-mot-de-passe-d-alice")
    second = accounts.set_account(db, bruno.id, login="bruno", password=PASSWORD)
    return first, second


def _answer_login(monkeypatch: pytest.MonkeyPatch, qtbot: Any, answers: list[tuple[str, str] | None]) -> list[str]:
    """The login dialog typed into as a user does: (login, password) then « Se connecter », ``None`` for
    « Quitter »; returns the error shown after each refused attempt."""
    errors: list[str] = []

    def answer(self: LoginDialog) -> int:
        self.show()
        while answers:
            given = answers.pop(0)
            if given is None:
                self.reject()
                break
            login, password = given
            if not self.login.isReadOnly():
                self.login.clear()
                qtbot.keyClicks(self.login, login)
            qtbot.keyClicks(self.password, password)
            self.sign_in_button.click()
            if self.result() == QDialog.DialogCode.Accepted and not self.isVisible():
                break
            errors.append(self.error.text())
        return int(self.result())

    monkeypatch.setattr(LoginDialog, "exec", answer)
    return errors


def test_with_two_accounts_the_window_asks_who_is_there_and_a_refusal_says_so(
    qtbot, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    speak_french(monkeypatch)
    db = open_database(db_path)
    _alice, bruno = _two_accounts(db)
    db.dispose()
    errors = _answer_login(monkeypatch, qtbot, [("bruno", "pas le bon"), ("bruno", PASSWORD)])
    opened: list[MainWindow] = []
    attach = MainWindow.attach

    def attach_then_close(self: MainWindow, database: Database) -> None:
        attach(self, database)
        opened.append(self)
        assert self.context is not None and self.context.user_id == bruno.id and self.context.signed_in
        settings = self.show_page("settings")
        assert not settings.current_user.user.isEnabled()  # no choosing another user once logged in
        assert self.inactivity is not None and self.inactivity.minutes == 10 and self.inactivity.active
        self.counts_shown.connect(self.close)

    monkeypatch.setattr(MainWindow, "attach", attach_then_close)
    assert app_module.run_gui(db_path=str(db_path), demo=False) == 0
    assert errors == ["Identifiant ou mot de passe incorrect."] and len(opened) == 1


def test_quitting_the_login_dialog_opens_nothing(qtbot, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    speak_french(monkeypatch)
    db = open_database(db_path)
    _two_accounts(db)
    db.dispose()
    _answer_login(monkeypatch, qtbot, [None])
    shown: list[MainWindow] = []
    monkeypatch.setattr(MainWindow, "attach", lambda self, database: shown.append(self) or self.close())
    assert app_module.run_gui(db_path=str(db_path), demo=False) == 0
    assert shown == []  # the base was never shown


def _signed_in_window(qtbot: Any, db: Database, account: accounts.Account, preferences: QSettings) -> MainWindow:
    window = MainWindow(preferences=preferences)
    window.signed_in = account
    qtbot.addWidget(window)
    window.show()
    window.attach(db)
    qtbot.waitUntil(lambda: not window.counts_pending)
    return window


def test_the_lock_hides_the_window_keeps_the_typing_and_asks_the_same_password(
    qtbot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _alice, bruno = _two_accounts(db)
    preferences = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    window = _signed_in_window(qtbot, db, bruno, preferences)
    entry = window.show_page("entry")
    entry.registre.setFocus()
    keyboard = Keyboard(qtbot)
    keyboard.type("con")
    keyboard.press(Qt.Key.Key_Tab)
    assert entry.registre.code() == "CONF"
    hidden: list[bool] = []
    errors: list[str] = []

    def unlock(self: LoginDialog) -> int:
        hidden.append(not window.centralWidget().isVisible())
        assert self.login.text() == "bruno" and self.login.isReadOnly()
        qtbot.keyClick(self, Qt.Key.Key_Escape)  # a lock is not dismissed
        assert self.result() != QDialog.DialogCode.Accepted
        qtbot.keyClicks(self.password, "le-mot-de-passe-d-alice")  # another account's password
        self.sign_in_button.click()
        errors.append(self.error.text())
        qtbot.keyClicks(self.password, PASSWORD)
        self.sign_in_button.click()
        return int(self.result())

    monkeypatch.setattr(LoginDialog, "exec", unlock)
    window.lock()
    assert hidden == [True] and errors == ["Identifiant ou mot de passe incorrect."]
    assert window.centralWidget().isVisible() and window.isVisible()
    draft = drafts.load_draft(db, bruno.id, drafts.INTERVENTION)  # written before the lock showed
    assert draft is not None and draft.payload["registre"] == "CONF"
    assert entry.registre.code() == "CONF"  # and the form still holds it
    window.close()


def test_another_user_closes_the_window_from_the_lock(
    qtbot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _alice, bruno = _two_accounts(db)
    preferences = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    window = _signed_in_window(qtbot, db, bruno, preferences)
    monkeypatch.setattr(LoginDialog, "exec", lambda self: self.switch_button.click() or self.result())
    window.lock()
    assert window.after_close is not None and not window.isVisible()  # _run opens it again: a new login


def test_the_lock_comes_after_the_idle_time_and_activity_puts_it_off(qtbot) -> None:
    lock = InactivityLock(10)
    try:
        lock._timer.start(300)
        for _ in range(4):  # typing keeps it away
            qtbot.wait(120)
            qtbot.keyClick(qtbot_target(qtbot), Qt.Key.Key_A)
        assert lock.active
        with qtbot.waitSignal(lock.timed_out, timeout=2000):
            pass
        lock.set_minutes(0)  # « jamais »
        assert not lock.active
    finally:
        lock.stop()


def qtbot_target(qtbot: Any) -> Any:
    from PySide6.QtWidgets import QLineEdit

    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    return field


def test_the_idle_time_is_set_in_the_settings(
    qtbot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _alice, bruno = _two_accounts(db)
    preferences = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    window = _signed_in_window(qtbot, db, bruno, preferences)
    section = window.show_page("settings").current_user
    section.lock_minutes.setValue(25)
    assert int(preferences.value(LOCK_MINUTES_KEY)) == 25 and window.inactivity.minutes == 25
    section.lock_minutes.setValue(0)
    assert window.inactivity.minutes == 0 and not window.inactivity.active
    assert section.lock_minutes.text() == "jamais"
    window.close()


def test_one_account_asks_nothing(qtbot, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = open_database(db_path)
    st.init_structure(db, "Médiation Seule", mediator="Alice Martin")
    accounts.set_account(db, st.list_mediators(db)[0].id, login="alice", password=PASSWORD)
    db.dispose()
    opened: list[uuid.UUID | None] = []
    attach = MainWindow.attach

    def attach_then_close(self: MainWindow, database: Database) -> None:
        attach(self, database)
        opened.append(self.context.user_id if self.context else None)
        assert self.inactivity is None and self.context is not None and not self.context.signed_in
        self.counts_shown.connect(self.close)

    monkeypatch.setattr(MainWindow, "attach", attach_then_close)
    assert app_module.run_gui(db_path=str(db_path), demo=False) == 0  # refuse_modal_dialogs: nothing asked
    assert len(opened) == 1


def _select(section: Any, record_id: uuid.UUID) -> None:
    from medios.ui.settings.base import ID_ROLE

    rows = [row for row in range(section.items.count()) if section.items.item(row).data(ID_ROLE) == str(record_id)]
    section.items.setCurrentRow(rows[0])


def _settings_as(qtbot: Any, db: Database, user_id: uuid.UUID, tmp_path: Path) -> Any:
    from medios.ui.pages import USER_KEY

    preferences = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    preferences.setValue(USER_KEY, str(user_id))
    window = MainWindow(db, preferences)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.counts_pending)
    return window, window.show_page("settings")


def test_the_administration_gives_an_account_from_the_users_section(
    qtbot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medios.ui.login import AccountDialog

    st.init_structure(db, "Médiation Partagée", mediator="Alice Martin")
    admin = st.create_mediator(db, "Dora Admin", role="ADMIN")
    bruno = st.create_mediator(db, "Bruno Petit")
    window, page = _settings_as(qtbot, db, admin.id, tmp_path)
    section = page.users
    page.show_section(section)
    _select(section, bruno.id)
    assert section.account_label.text() == "pas de compte" and section.account_button.isEnabled()
    errors: list[str] = []

    def fill(self: AccountDialog) -> int:
        self.show()
        self.login.clear()
        for login, password, again in (
            ("bruno", PASSWORD, "autre chose"),
            ("bruno", "court", "court"),
            ("bruno", PASSWORD, PASSWORD),
        ):
            self.login.clear()
            qtbot.keyClicks(self.login, login)
            for field, value in ((self.password, password), (self.again, again)):
                field.clear()
                qtbot.keyClicks(field, value)
            self.save_button.click()
            if self.result() != QDialog.DialogCode.Accepted:
                errors.append(self.error.text())
        return int(self.result())

    monkeypatch.setattr(AccountDialog, "exec", fill)
    section.account_button.click()
    assert errors == [
        "Les deux mots de passe saisis diffèrent.",
        "Le mot de passe doit compter au moins 10 caractères.",
    ]
    assert section.account_label.text() == "identifiant « bruno »"
    assert accounts.authenticate(db, "bruno", PASSWORD).id == bruno.id
    window.close()


def test_a_coordinator_is_refused_in_the_account_dialog_and_nothing_changes(
    qtbot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medios.ui.login import AccountDialog

    st.init_structure(db, "Médiation Partagée", mediator="Dora Admin")
    alice = st.create_mediator(db, "Alice Martin", role="COORDINATEUR")
    bruno = st.create_mediator(db, "Bruno Petit")
    window, page = _settings_as(qtbot, db, alice.id, tmp_path)
    section = page.users
    page.show_section(section)
    _select(section, bruno.id)
    shown: list[str] = []

    def fill(self: AccountDialog) -> int:
        self.show()
        qtbot.keyClicks(self.login, "bruno")
        qtbot.keyClicks(self.password, PASSWORD)
        qtbot.keyClicks(self.again, PASSWORD)
        self.save_button.click()
        shown.append(self.error.text())
        self.reject()
        return int(self.result())

    monkeypatch.setattr(AccountDialog, "exec", fill)
    section.account_button.click()
    assert shown == ["seule l'administration donne ou retire les comptes."]
    assert accounts.list_accounts(db) == [] and section.account_label.text() == "pas de compte"
    window.close()


def test_a_signed_in_user_changes_their_own_password(
    qtbot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medios.ui.login import ChangePasswordDialog

    _alice, bruno = _two_accounts(db)
    preferences = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    window = _signed_in_window(qtbot, db, bruno, preferences)
    page = window.show_page("settings")
    section = page.current_user
    page.show_section(section)
    assert section.password_button.isVisible()
    errors: list[str] = []

    def fill(self: ChangePasswordDialog) -> int:
        self.show()
        for current in ("pas le bon", PASSWORD):
            qtbot.keyClicks(self.current, current)
            for field in (self.new, self.again):
                field.clear()
                qtbot.keyClicks(field, "un-tout-nouveau-mot")
            self.save_button.click()
            if self.result() != QDialog.DialogCode.Accepted:
                errors.append(self.error.text())
        return int(self.result())

    monkeypatch.setattr(ChangePasswordDialog, "exec", fill)
    section.password_button.click()
    assert errors == ["Le mot de passe actuel n'est pas le bon."]
    assert accounts.authenticate(db, "bruno", "un-tout-nouveau-mot").id == bruno.id
    window.close()
