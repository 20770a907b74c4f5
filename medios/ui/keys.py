"""The key of an encrypted base in the window: unlocking it at start-up, choosing a passphrase when the
computer has no secret store, and the recovery key shown once (with its one-page PDF).

The chain itself is :mod:`medios.services.keys`; these dialogs are its ``ask`` and its messages.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medios.db import crypto
from medios.services import keys

from medios.ui import msgbox
from medios.ui.widgets import ErrorLabel, WrappedLabel, page_title, set_secondary

# What start-up does when the key cannot be had: the exit codes of medios.app.
STOP_QUIETLY, STOP_STORAGE = 0, 1


class UnlockDialog(QDialog):
    """« Base chiffrée »: the passphrase, or the recovery key, and why the previous one was refused."""

    def __init__(self, path: Path, reason: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Base chiffrée"))
        intro = WrappedLabel()
        intro.setText(
            self.tr(
                "La base « {name} » est chiffrée et sa clé n'est pas dans le trousseau de ce poste. Saisissez sa "
                "phrase secrète, ou la clé de secours imprimée à sa création."
            ).format(name=path.name)
        )
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName(self.tr("Phrase secrète ou clé de secours"))
        self.secret.setMinimumWidth(360)
        self.show_secret = QCheckBox(self.tr("Afficher ce qui est saisi"))
        self.show_secret.toggled.connect(self._show)
        self.error = ErrorLabel()
        if reason:
            self.error.show_error(reason)
        form = QFormLayout()
        form.addRow(self.tr("Phrase secrète ou clé de secours :"), self.secret)
        form.addRow("", self.show_secret)
        self.buttons = QDialogButtonBox()
        self.unlock_button = self.buttons.addButton(self.tr("Déverrouiller"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setDefault(True)
        self.quit_button = self.buttons.addButton(self.tr("Quitter"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.secret.setFocus()

    @Slot(bool)
    def _show(self, shown: bool) -> None:
        self.secret.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)


class NewPassphraseDialog(QDialog):
    """No secret store on this computer: the passphrase that will protect the new key, typed twice."""

    def __init__(self, parent: QWidget | None = None, *, explanation: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Phrase secrète de la base"))
        intro = WrappedLabel()
        intro.setText(
            explanation
            or self.tr(
                "La base sera chiffrée. Aucun trousseau système n'est disponible sur ce poste : sa clé sera "
                "protégée par une phrase secrète, demandée à chaque ouverture. Choisissez une phrase de "
                "plusieurs mots (au moins {n} caractères) et retenez-la."
            ).format(n=keys.MIN_PASSPHRASE)
        )
        self.first = QLineEdit()
        self.second = QLineEdit()
        for field, name in (
            (self.first, self.tr("Phrase secrète")),
            (self.second, self.tr("Phrase secrète, à nouveau")),
        ):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
            field.setMinimumWidth(320)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(self.tr("Phrase secrète :"), self.first)
        form.addRow(self.tr("À nouveau :"), self.second)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(self.tr("Continuer"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.buttons.addButton(self.tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.passphrase: str | None = None

    def accept(self) -> None:
        first, second = self.first.text(), self.second.text()
        try:
            keys.check_passphrase(first)
        except keys.KeyError_ as exc:
            self.error.show_error(str(exc))
            self.first.setFocus()
            return
        if first != second:
            self.error.show_error(self.tr("Les deux saisies diffèrent."))
            self.second.selectAll()
            self.second.setFocus()
            return
        self.passphrase = first
        super().accept()


class RecoveryKeyDialog(QDialog):
    """The recovery key, shown once: printable as a PDF; « Continuer » once the user says it is kept."""

    def __init__(
        self, made: keys.NewKey, *, structure: str = "", parent: QWidget | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self._made = made
        self._structure = structure
        self._today = today or dt.date.today()
        self.setWindowTitle(self.tr("Clé de secours"))
        self.setMinimumWidth(480)  # the key on three lines, the explanation beside it readable
        title = page_title(self.tr("Clé de secours de la base"))
        intro = WrappedLabel()
        intro.setText(
            self.tr(
                "Cette clé ouvre la base et chacune de ses sauvegardes, sur n'importe quel ordinateur, quand la "
                "phrase secrète ou le trousseau font défaut. Elle ne sera plus affichée : imprimez-la ou "
                "recopiez-la, et rangez-la dans le coffre de la structure, loin de l'ordinateur."
            )
        )
        groups = made.recovery.split("-")
        self.code = QLabel("\n".join("  ".join(groups[i : i + 4]) for i in range(0, len(groups), 4)))
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10) * 1.6)
        font.setWeight(QFont.Weight.Bold)
        self.code.setFont(font)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.setAccessibleName(self.tr("Clé de secours"))
        self.code.setAccessibleDescription(made.recovery)
        where = WrappedLabel()
        where.setText(
            self.tr("La clé de la base est gardée dans le trousseau du système de ce poste.")
            if made.in_keyring
            else self.tr("Sur ce poste, la phrase secrète que vous avez choisie sera demandée à chaque ouverture.")
        )
        set_secondary(where)
        self.pdf_button = QPushButton(self.tr("Enregistrer en PDF pour l'imprimer…"))
        self.pdf_button.clicked.connect(self.save_pdf)
        self.kept = QCheckBox(self.tr("J'ai imprimé ou recopié la clé de secours"))
        self.buttons = QDialogButtonBox()
        self.continue_button = self.buttons.addButton(self.tr("Continuer"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.continue_button.setEnabled(False)
        self.kept.toggled.connect(self.continue_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.pdf_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addWidget(self.code)
        layout.addSpacing(8)
        layout.addWidget(where)
        layout.addLayout(row)
        layout.addWidget(self.kept)
        layout.addWidget(self.buttons)

    def reject(self) -> None:
        """Escape does not dismiss the key before the user says it is kept."""
        if self.kept.isChecked():
            super().accept()

    def ask_pdf_path(self) -> str:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Enregistrer la clé de secours"), "cle-de-secours-medios.pdf", self.tr("PDF (*.pdf)")
        )
        return name

    @Slot()
    def save_pdf(self) -> None:
        from medios.export.output import ReportFileError, save_bytes
        from medios.export.recovery import recovery_pdf

        target = self.ask_pdf_path()
        if not target:
            return
        content = recovery_pdf(
            code=self._made.recovery, structure=self._structure, base_id=self._made.base_id, created=self._today
        )
        try:
            save_bytes(content, target, what=self.tr("la clé de secours"))
        except ReportFileError as exc:
            msgbox.warning(self, self.tr("La clé de secours n'a pas été enregistrée."), str(exc))
            return
        msgbox.information(
            self,
            self.tr("Clé de secours enregistrée."),
            self.tr("{path} : imprimez-la, puis supprimez ce fichier.").format(path=target),
        )


class DialogAsk:
    """The ``ask`` of :func:`medios.services.keys.unlock` for the window: the dialog, again with the reason
    of the refusal; a wait cursor while the answer is tried (scrypt: about half a second)."""

    def __init__(self, path: Path, parent: QWidget | None) -> None:
        self._path = path
        self._parent = parent
        self.cancelled = False
        self._busy = False

    def __call__(self, reason: str | None) -> str | None:
        self.done()
        dialog = UnlockDialog(self._path, reason, self._parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self.cancelled = True
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self._busy = True
        return dialog.secret.text()

    def done(self) -> None:
        if self._busy:
            QGuiApplication.restoreOverrideCursor()
            self._busy = False


def unlock_in_dialog(path: Path, parent: QWidget | None, *, keys_of: Path | None = None) -> bool | None:
    """:func:`medios.services.keys.unlock` asking in dialogs: ``True`` once the key is known, ``None`` on
    « Quitter » or « Annuler », ``False`` when the file stays locked (said in a message box)."""
    ask = DialogAsk(path, parent)
    try:
        keys.unlock(path, ask, keys_of=keys_of)
    except keys.UnlockError as exc:
        ask.done()
        if ask.cancelled:
            return None
        msgbox.critical(parent, QCoreApplication.translate("Keys", "La base reste verrouillée."), str(exc))
        return False
    ask.done()
    return True


def prepare_key(path: Path, *, create: bool, parent: QWidget | None) -> int | None:
    """Before the base opens: its key made (a new base) or found (an encrypted one); ``None`` to go on,
    else the exit code (« Quitter », or a base that stays locked, said in French)."""
    fresh = not path.exists() or (path.is_file() and path.stat().st_size == 0)
    if fresh:
        return create_key(path, parent=parent) if create else None
    if not crypto.is_encrypted(path):
        return None
    unlocked = unlock_in_dialog(path, parent)
    if unlocked is None:  # « Quitter »
        return STOP_QUIETLY
    return None if unlocked else STOP_STORAGE


def create_key(path: Path, *, parent: QWidget | None, structure: str = "") -> int | None:
    """The key of a new base: in the secret store, else under a passphrase chosen now; then the recovery key."""
    passphrase: str | None = None
    if keys.backend() is None:
        dialog = NewPassphraseDialog(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return STOP_QUIETLY
        passphrase = dialog.passphrase
    try:
        _key, made = keys.new_key(path, passphrase)
    except keys.NeedsPassphrase:  # the store refused the key: a passphrase after all
        dialog = NewPassphraseDialog(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return STOP_QUIETLY
        _key, made = keys.new_key(path, dialog.passphrase)
    RecoveryKeyDialog(made, structure=structure, parent=parent).exec()
    return None
