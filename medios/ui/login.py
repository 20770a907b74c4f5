"""Signing in on a shared laptop: the login dialog at start (when the base has more than one account) and
the lock after inactivity (:class:`InactivityLock`), which keeps what was typed as drafts.

The accounts and their rules are :mod:`medios.services.accounts`; this module only asks.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from medios.db import Database
from medios.services import accounts
from medios.services import structure as st
from medios.services.errors import ValidationError

from medios.ui.preferences_store import DEFAULT_LOCK_MINUTES as DEFAULT_LOCK_MINUTES
from medios.ui.preferences_store import LOCK_MINUTES_KEY as LOCK_MINUTES_KEY
from medios.ui.preferences_store import MAX_LOCK_MINUTES
from medios.ui.widgets import ErrorLabel, WrappedLabel


class LoginDialog(QDialog):
    """« Connexion »: login and password; a refusal says so and keeps the login typed.

    ``locked``: the window is locked for that account: its login is given and cannot be changed; the
    dialog then offers « Changer d'utilisateur » (the window closes, its drafts written, and opens again on
    the login dialog)."""

    switch_user = 2  # the dialog's result for « Changer d'utilisateur »

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        structure: str = "",
        locked: accounts.Account | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.account: accounts.Account | None = None
        self.setWindowTitle(self.tr("Médios verrouillé") if locked else self.tr("Connexion"))
        self.setMinimumWidth(440)
        intro = WrappedLabel()
        if locked is not None:
            intro.setText(
                self.tr(
                    "La fenêtre s'est verrouillée après un moment sans activité ; ce qui était saisi est gardé. "
                    "Saisissez le mot de passe de {pseudonym} pour reprendre."
                ).format(pseudonym=locked.pseudonym)
            )
        else:
            intro.setText(
                self.tr(
                    "Plusieurs personnes utilisent Médios sur cet ordinateur ({structure}) : qui êtes-vous ?"
                ).format(structure=structure)
                if structure
                else self.tr("Plusieurs personnes utilisent Médios sur cet ordinateur : qui êtes-vous ?")
            )
        self.login = QLineEdit(locked.login if locked is not None else "")
        self.login.setAccessibleName(self.tr("Identifiant"))
        self.login.setReadOnly(locked is not None)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Mot de passe"))
        self.password.setMinimumWidth(260)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(self.tr("&Identifiant :"), self.login)
        form.addRow(self.tr("&Mot de passe :"), self.password)
        self.buttons = QDialogButtonBox()
        self.sign_in_button = self.buttons.addButton(
            self.tr("Déverrouiller") if locked else self.tr("Se connecter"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.sign_in_button.setDefault(True)
        if locked is not None:
            self.switch_button = self.buttons.addButton(
                self.tr("Changer d'utilisateur"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.switch_button.clicked.connect(lambda: self.done(self.switch_user))
        else:
            self.buttons.addButton(self.tr("Quitter"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._locked = locked
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        (self.password if locked is not None else self.login).setFocus()

    def accept(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # scrypt: about a tenth of a second
        try:
            account = accounts.authenticate(self._db, self.login.text(), self.password.text())
        except accounts.LoginError as exc:
            account = None
            message = str(exc)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if account is not None and self._locked is not None and account.id != self._locked.id:
            account, message = None, self.tr("Ce n'est pas le compte verrouillé.")
        if account is None:
            self.error.show_error(message)
            self.password.clear()
            self.password.setFocus()
            return
        self.account = account
        super().accept()

    def reject(self) -> None:
        """A locked window cannot be dismissed: Escape does nothing there."""
        if self._locked is None:
            super().reject()


def sign_in(db: Database, parent: QWidget | None, *, structure: str = "") -> accounts.Account | None:
    """The login dialog; the account, or ``None`` on « Quitter »."""
    dialog = LoginDialog(db, parent, structure=structure)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.account


class InactivityLock(QObject):
    """Locks after ``minutes`` without a key press, a click or a wheel turn in the application.

    ``timed_out`` is emitted once per idle spell; the window then writes its drafts and shows the lock."""

    timed_out = Signal()

    ACTIVITY = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.Wheel,
            QEvent.Type.TouchBegin,
        }
    )

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.timed_out)
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = max(0, min(MAX_LOCK_MINUTES, minutes))
        if self.minutes:
            self._timer.start(self.minutes * 60_000)
        else:
            self._timer.stop()

    def restart(self) -> None:
        if self.minutes:
            self._timer.start(self.minutes * 60_000)

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in self.ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False


def _messages(exc: ValidationError) -> str:
    return "\n".join(error.message for error in exc.errors)


class AccountDialog(QDialog):
    """« Compte de connexion » of a user (the administration's): a login and a password typed twice, or
    the account removed.  The services say who may: a refusal is shown here and nothing changes."""

    def __init__(
        self, db: Database, user: st.MediatorInfo, *, actor_id: uuid.UUID | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db, self._user, self._actor = db, user, actor_id
        self.setWindowTitle(self.tr("Compte de connexion"))
        current = accounts.login_of(db, user.id)
        intro = WrappedLabel()
        intro.setText(
            self.tr(
                "{pseudonym} se connecte avec cet identifiant et ce mot de passe (au moins {n} caractères). "
                "Quand plusieurs utilisateurs ont un compte, Médios demande qui est là au démarrage."
            ).format(pseudonym=user.pseudonym, n=accounts.MIN_PASSWORD)
        )
        self.login = QLineEdit(current or "")
        self.login.setAccessibleName(self.tr("Identifiant"))
        self.password = QLineEdit()
        self.again = QLineEdit()
        for field, name in ((self.password, self.tr("Mot de passe")), (self.again, self.tr("Mot de passe, à nouveau"))):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(self.tr("&Identifiant :"), self.login)
        form.addRow(self.tr("&Mot de passe :"), self.password)
        form.addRow(self.tr("À &nouveau :"), self.again)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("Enregistrer"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        self.remove_button = self.buttons.addButton(
            self.tr("Retirer le compte"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.remove_button.setVisible(current is not None)
        self.remove_button.clicked.connect(self.remove)
        self.buttons.addButton(self.tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        if self.password.text() != self.again.text():
            self.error.show_error(self.tr("Les deux mots de passe saisis diffèrent."))
            self.again.selectAll()
            self.again.setFocus()
            return
        try:
            accounts.set_account(
                self._db, self._user.id, login=self.login.text(), password=self.password.text(), actor_id=self._actor
            )
        except ValidationError as exc:
            self.error.show_error(_messages(exc))
            return
        super().accept()

    @Slot()
    def remove(self) -> None:
        try:
            accounts.remove_account(self._db, self._user.id, actor_id=self._actor)
        except ValidationError as exc:
            self.error.show_error(_messages(exc))
            return
        super().accept()


class ChangePasswordDialog(QDialog):
    """« Changer mon mot de passe »: the current one, then the new one typed twice."""

    def __init__(self, db: Database, user_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._user = db, user_id
        self.setWindowTitle(self.tr("Changer mon mot de passe"))
        self.current = QLineEdit()
        self.new = QLineEdit()
        self.again = QLineEdit()
        for field, name in (
            (self.current, self.tr("Mot de passe actuel")),
            (self.new, self.tr("Nouveau mot de passe")),
            (self.again, self.tr("Nouveau mot de passe, à nouveau")),
        ):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(self.tr("Mot de passe &actuel :"), self.current)
        form.addRow(self.tr("&Nouveau mot de passe :"), self.new)
        form.addRow(self.tr("À &nouveau :"), self.again)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("Enregistrer"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        self.buttons.addButton(self.tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        if self.new.text() != self.again.text():
            self.error.show_error(self.tr("Les deux mots de passe saisis diffèrent."))
            return
        try:
            accounts.change_own_password(self._db, self._user, current=self.current.text(), new=self.new.text())
        except ValidationError as exc:
            self.error.show_error(_messages(exc))
            self.current.clear()
            self.current.setFocus()
            return
        super().accept()
