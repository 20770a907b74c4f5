"""The key of an encrypted base in the window: made at first start (a passphrase typed twice when the
computer has no secret store, the recovery key shown once), asked for at start when the store does not
have it (a wrong answer says why, « Quitter » touches nothing), and the page « Sauvegardes »: encrypting
a clear base, a new key, a new passphrase, a backup under a key this computer does not hold."""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import text

from medios import app as app_module
from medios import paths
from medios.db import Database, crypto, open_database
from medios.services import backups, encryption, keys
from medios.services import interventions as iv
from medios.services import structure as st
from tests.conftest import MemoryKeyring
from tests.test_interventions import _input
from tests.ui_support import Boxes, keep_recovery_keys, record_boxes, refuse_modal_dialogs, speak_french

from medios.ui.first_run import FirstRunDialog
from medios.ui.keys import STOP_QUIETLY, STOP_STORAGE, NewPassphraseDialog, RecoveryKeyDialog, UnlockDialog
from medios.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

PASSPHRASE = "le phare de la digue nord"


@pytest.fixture(autouse=True)
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    refuse_modal_dialogs(monkeypatch)
    return record_boxes(monkeypatch)


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch) -> None:
    speak_french(monkeypatch)


@pytest.fixture
def preferences(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)


def _digest(*files: Path) -> list[str | None]:
    return [hashlib.sha256(f.read_bytes()).hexdigest() if f.exists() else None for f in files]


def _interventions(path: Path) -> int:
    db = open_database(path, create=False)
    try:
        with db.engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM intervention")).scalar_one())
    finally:
        db.dispose()


def _encrypted_base(path: Path, passphrase: str | None = None, *, interventions: int = 2) -> keys.NewKey:
    """An encrypted base with a structure (its coordinator made administrator) and a few interventions."""
    _key, made = keys.new_key(path, passphrase)
    db = open_database(path)
    try:
        _fill(db, interventions)
    finally:
        db.dispose()
    return made


def _fill(db: Database, interventions: int) -> None:
    st.init_structure(db, "Médiation du Port", mediator="Ariane Costa")
    admin = st.list_mediators(db)[0]
    st.update_mediator(db, admin.id, display_name=admin.display_name, role="ADMIN")
    for _ in range(interventions):
        iv.record_intervention(db, _input(admin.id), actor_id=admin.id)


def _answer_passphrase(monkeypatch: pytest.MonkeyPatch, qtbot: Any, attempts: list[tuple[str, str]]) -> list[str]:
    """The passphrase dialog typed into as a user does, one (first, second) pair per click on « Continuer »;
    returns the error shown after each refused attempt."""
    errors: list[str] = []

    def answer(self: NewPassphraseDialog) -> int:
        self.show()
        for first, second in attempts:
            for field, value in ((self.first, first), (self.second, second)):
                field.clear()
                qtbot.keyClicks(field, value)
            self.ok_button.click()
            if self.result() != QDialog.DialogCode.Accepted:
                errors.append(self.error.text())
        return int(self.result())

    monkeypatch.setattr(NewPassphraseDialog, "exec", answer)
    return errors


def _answer_unlock(monkeypatch: pytest.MonkeyPatch, qtbot: Any, answers: list[str | None]) -> list[str]:
    """The unlock dialog: each answer typed then « Déverrouiller », ``None`` for « Quitter »; returns the
    reason each dialog showed (empty for the first)."""
    reasons: list[str] = []

    def answer(self: UnlockDialog) -> int:
        self.show()
        reasons.append(self.error.text() if self.error.isVisible() else "")
        value = answers.pop(0)
        if value is None:
            self.quit_button.click()
        else:
            qtbot.keyClicks(self.secret, value)
            self.unlock_button.click()
        return int(self.result())

    monkeypatch.setattr(UnlockDialog, "exec", answer)
    return reasons


def _close_once_shown(monkeypatch: pytest.MonkeyPatch) -> list[MainWindow]:
    opened: list[MainWindow] = []
    attach = MainWindow.attach

    def attach_then_close(self: MainWindow, db: Database) -> None:
        attach(self, db)
        opened.append(self)
        self.counts_shown.connect(self.close)

    monkeypatch.setattr(MainWindow, "attach", attach_then_close)
    return opened


# -- start-up ---------------------------------------------------------------------------------------


def test_without_a_secret_store_the_first_start_asks_for_a_passphrase_typed_twice(
    qtbot, medios_home: Path, french: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys.use_backend(None)  # no keyring on this laptop: a normal state
    errors = _answer_passphrase(
        monkeypatch, qtbot, [("court", "court"), (PASSPHRASE, "autre chose"), (PASSPHRASE,) * 2]
    )
    recovery = keep_recovery_keys(monkeypatch)
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert app_module.run_gui(db_path=None, demo=False) == 0
    assert errors == ["La phrase secrète doit compter au moins 10 caractères.", "Les deux saisies diffèrent."]
    base = medios_home / "medios.db"
    assert crypto.is_encrypted(base) and len(recovery) == 1
    key_file = keys.read_key_file(base)
    assert key_file is not None and key_file.passphrase is not None
    crypto.forget_all()  # the next session: the passphrase opens it, and so does the recovery key
    assert keys.unlock(base, lambda _reason: PASSPHRASE) is not None
    crypto.forget_all()
    assert keys.unlock(base, lambda _reason: recovery[0].lower().replace("-", " ")) is not None


def test_cancelling_the_passphrase_creates_no_base(
    qtbot, medios_home: Path, french: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys.use_backend(None)
    monkeypatch.setattr(NewPassphraseDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert app_module.run_gui(db_path=None, demo=False) == STOP_QUIETLY
    assert not (medios_home / "medios.db").exists() and not crypto.key_file(medios_home / "medios.db").exists()


def test_a_base_whose_key_is_not_here_is_unlocked_at_start_and_a_wrong_answer_says_why(
    qtbot, tmp_path: Path, french: None, monkeypatch: pytest.MonkeyPatch, keyring_memory: MemoryKeyring
) -> None:
    path = tmp_path / "port.db"
    made = _encrypted_base(path, PASSPHRASE)
    keyring_memory.secrets.clear()  # another computer, or its keyring was reset
    crypto.forget_all()
    reasons = _answer_unlock(monkeypatch, qtbot, ["le phare de la digue sud", PASSPHRASE])
    opened = _close_once_shown(monkeypatch)
    assert app_module.run_gui(db_path=str(path), demo=False) == 0
    assert reasons == [
        "",
        "Phrase secrète incorrecte. Sans elle, la clé de secours imprimée à la création ouvre la base.",
    ]
    assert len(opened) == 1 and opened[0].windowTitle() == "Médios — Médiation du Port"
    # Not asked again on this computer: the key went to its secret store.
    assert bytes.fromhex(keyring_memory.secrets[(keys.SERVICE, made.base_id)]) == crypto.key_for(path)


def test_the_recovery_key_opens_a_base_whose_key_file_is_lost(
    qtbot, tmp_path: Path, french: None, monkeypatch: pytest.MonkeyPatch, keyring_memory: MemoryKeyring
) -> None:
    path = tmp_path / "port.db"
    made = _encrypted_base(path)
    crypto.key_file(path).unlink()
    keyring_memory.secrets.clear()
    crypto.forget_all()
    reasons = _answer_unlock(monkeypatch, qtbot, [made.recovery])
    opened = _close_once_shown(monkeypatch)
    assert app_module.run_gui(db_path=str(path), demo=False) == 0
    assert "fichier de clé" in reasons[0] and "manque" in reasons[0]  # said before anything is typed
    assert len(opened) == 1 and keys.read_key_file(path) is not None  # a new key file for the same key


def test_quitting_the_unlock_dialog_stops_and_touches_nothing(
    qtbot, tmp_path: Path, french: None, monkeypatch: pytest.MonkeyPatch, keyring_memory: MemoryKeyring
) -> None:
    path = tmp_path / "port.db"
    _encrypted_base(path, PASSPHRASE)
    keyring_memory.secrets.clear()
    crypto.forget_all()
    files = (path, path.with_name(path.name + "-wal"), crypto.key_file(path))
    before = _digest(*files)
    reasons = _answer_unlock(monkeypatch, qtbot, ["faux", None])
    assert app_module.run_gui(db_path=str(path), demo=False) == STOP_QUIETLY
    assert len(reasons) == 2 and _digest(*files) == before and crypto.key_for(path) is None


def test_a_file_that_stays_locked_is_a_message_and_exit_1(
    qtbot, tmp_path: Path, boxes: Boxes, french: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "port.db"
    _encrypted_base(path)
    crypto.key_file(path).write_text("{abîmé", encoding="utf-8")
    crypto.forget_all()
    monkeypatch.setattr(keys, "unlock", _raising(keys.UnlockError("La base reste verrouillée, pour de bon.")))
    assert app_module.run_gui(db_path=str(path), demo=False) == STOP_STORAGE
    assert boxes.shown == [("critical", "La base reste verrouillée.", "La base reste verrouillée, pour de bon.")]


def _raising(exc: Exception) -> Callable[..., Any]:
    def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise exc

    return fail


def test_the_exit_codes_are_those_of_the_application() -> None:
    assert (STOP_QUIETLY, STOP_STORAGE) == (app_module.EXIT_OK, app_module.EXIT_STORAGE)


# -- the recovery key --------------------------------------------------------------------------------


def test_the_recovery_key_stays_until_the_user_says_it_is_kept_and_prints_as_a_pdf(
    qtbot, tmp_path: Path, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    _key, made = keys.new_key(tmp_path / "port.db")
    dialog = RecoveryKeyDialog(made, structure="Médiation du Port")
    qtbot.addWidget(dialog)
    dialog.show()
    assert made.recovery.split("-")[0] in dialog.code.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and not dialog.continue_button.isEnabled()
    target = tmp_path / "cle.pdf"
    monkeypatch.setattr(dialog, "ask_pdf_path", lambda: str(target))
    dialog.pdf_button.click()
    assert target.read_bytes().startswith(b"%PDF")
    assert boxes.shown[-1][:2] == ("information", "Clé de secours enregistrée.")
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert all(group in text for group in made.recovery.split("-")) and "Médiation du Port" in text
    qtbot.mouseClick(dialog.kept, Qt.MouseButton.LeftButton, pos=dialog.kept.rect().center())
    dialog.continue_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()


# -- the page « Sauvegardes » ------------------------------------------------------------------------


def _window(qtbot: Any, db: Database, preferences: QSettings) -> MainWindow:
    window = MainWindow(db, preferences)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.counts_pending)
    return window


def _admin(db: Database) -> st.MediatorInfo:
    _fill(db, 2)
    return st.list_mediators(db)[0]


def _close_base(window: MainWindow, db: Database) -> Path:
    assert window.after_close is not None and not window.isVisible()
    window.stop_watching()
    db.dispose()
    return Path(db.path or "")


def test_an_administrator_encrypts_the_clear_base_and_its_backups_from_the_page(
    qtbot, db: Database, preferences: QSettings, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    _admin(db)
    window = _window(qtbot, db, preferences)
    page = window.show_page("backups")
    assert page.encrypt_button.isVisible() and page.encrypt_button.isEnabled()
    assert "n'est pas chiffrée" in page.encryption_label.text()
    page.backup_button.click()
    [clear_backup] = [p for _s, p in backups.automatic_backups(paths.backup_dir())]
    assert not crypto.is_encrypted(clear_backup)
    asked: list[bool] = []
    monkeypatch.setattr(page, "confirm_encrypt", lambda: asked.append(True) or True)
    page.encrypt_button.click()
    path = _close_base(window, db)
    recovery = keep_recovery_keys(monkeypatch)
    window.after_close(path)
    assert asked and len(recovery) == 1
    assert crypto.is_encrypted(path) and crypto.is_encrypted(clear_backup)
    assert _interventions(path) == 2
    assert boxes.shown[-1][:2] == ("information", "Base chiffrée (1 sauvegarde(s) chiffrée(s) aussi).")
    crypto.forget_all()
    assert keys.unlock(path, lambda _reason: recovery[0]) is not None  # the key shown opens it


def test_key_actions_are_the_administrations(
    qtbot, db: Database, structure: st.StructureSummary, preferences: QSettings
) -> None:
    from medios.ui.pages import USER_KEY

    coordinator = st.create_mediator(db, "Chloé Coord", role="COORDINATEUR")  # not an administrator
    preferences.setValue(USER_KEY, str(coordinator.id))
    window = _window(qtbot, db, preferences)
    page = window.show_page("backups")
    assert page.encrypt_button.isVisible() and not page.encrypt_button.isEnabled()
    assert page.admin_label.text() == "Les clés de la base sont gérées par l'administration."
    with pytest.raises(Exception, match="seule l'administration gère les clés"):  # the service refuses too
        encryption.encrypt_base(Path(db.path or ""), actor_id=page.context.user_id)
    assert not crypto.is_encrypted(Path(db.path or ""))


def test_the_passphrase_and_then_the_key_are_changed_from_the_page(
    qtbot,
    tmp_path: Path,
    preferences: QSettings,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
    keyring_memory: MemoryKeyring,
) -> None:
    path = tmp_path / "port.db"
    first = _encrypted_base(path)
    db = open_database(path)
    window = _window(qtbot, db, preferences)
    page = window.show_page("backups")
    assert page.rekey_button.isEnabled() and not page.encrypt_button.isVisible()
    assert "Aucune phrase secrète" in page.encryption_label.text()
    _answer_passphrase(monkeypatch, qtbot, [(PASSPHRASE, PASSPHRASE)])
    page.passphrase_button.click()
    assert boxes.shown[-1][:2] == ("information", "Phrase secrète enregistrée.")
    assert "Une phrase secrète l'ouvre aussi." in page.encryption_label.text()
    old_key = crypto.key_for(path)
    # A new key: it had a passphrase, so the new key gets a new one.
    new_passphrase = "la bouee rouge du chenal"  # keyClicks types ASCII only
    _answer_passphrase(monkeypatch, qtbot, [(new_passphrase, new_passphrase)])
    monkeypatch.setattr(page, "confirm_rekey", lambda: True)
    page.rekey_button.click()
    _close_base(window, db)
    recovery = keep_recovery_keys(monkeypatch)
    window.after_close(path)
    assert len(recovery) == 1 and recovery[0] != first.recovery
    assert old_key is not None and not crypto.opens(path, old_key)
    assert boxes.shown[-1][:2] == ("information", "Nouvelle clé en place.")
    [backup] = [p for _s, p in backups.automatic_backups(paths.backup_dir())]  # made under the new key
    assert crypto.opens(backup, crypto.key_for(path) or b"")
    crypto.forget_all()
    keyring_memory.secrets.clear()
    old_answers = [PASSPHRASE]
    with pytest.raises(keys.UnlockError):  # the old passphrase wrapped the old key only
        keys.unlock(path, lambda _reason: old_answers.pop() if old_answers else None)
    assert keys.unlock(path, lambda _reason: new_passphrase) is not None


def test_a_backup_under_a_key_this_computer_lacks_is_unlocked_with_its_recovery_key(
    qtbot,
    db: Database,
    tmp_path: Path,
    preferences: QSettings,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
    keyring_memory: MemoryKeyring,
) -> None:
    other = tmp_path / "ancien-poste.db"
    made = _encrypted_base(other, interventions=3)
    backup = backups.backup_now(other).info.path  # among this data folder's backups
    keyring_memory.secrets.clear()
    crypto.forget_all()  # this computer never had that key
    _admin(db)
    window = _window(qtbot, db, preferences)
    page = window.show_page("backups")
    page.table.selectRow(page.rows.index(backup))
    reasons = _answer_unlock(monkeypatch, qtbot, ["pas la bonne", made.recovery])
    monkeypatch.setattr(page, "confirm_restore", lambda path, info: info.interventions == 3)
    page.restore_button.click()
    assert len(reasons) == 2 and reasons[1]
    path = _close_base(window, db)
    window.after_close(path)
    assert boxes.shown[-1][:2] == ("information", "Sauvegarde restaurée (3 interventions).")
    assert crypto.is_encrypted(path) and _interventions(path) == 3
    key_file = keys.read_key_file(path)  # the restored base has the key file of the key it holds
    assert key_file is not None and key_file.describes(crypto.key_for(path) or b"")
