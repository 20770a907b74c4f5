"""Page « Sauvegardes »: the automatic backups of the base, a backup now, a second folder (a USB key), the
restoration of a backup, the encryption of the base and its key, the retention of free-text notes.

A restoration, encrypting the base and changing its key replace the file of the base: they are done once
the window has closed it (:attr:`MainWindow.after_close`, run by :func:`medios.app._run`), then the base
opens again.  The passphrase is asked for before the window closes, the recovery key shown after.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medios import paths
from medios.db import StorageError
from medios.services import backups, encryption, keys, retention
from medios.services.errors import ValidationError

from medios.ui import msgbox
from medios.ui.pages import Page, PageContext
from medios.ui.preferences_store import BACKUP_FOLDER_KEY
from medios.ui.transfer import Cancelled, Job, run_in_background
from medios.ui.widgets import WrappedLabel, page_title, set_secondary


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",") + " Mo"


class BackupsPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        title = page_title(self.tr("Sauvegardes"))
        hint = WrappedLabel()
        hint.setText(
            self.tr(
                "Médios sauvegarde la base quand vous fermez la fenêtre, au plus une fois par jour, et garde la "
                "dernière sauvegarde de chacun des 7 derniers jours, des 4 dernières semaines et des 12 derniers "
                "mois. Chaque sauvegarde est vérifiée avant d'être gardée."
            )
        )
        set_secondary(hint)
        self.folder_label = WrappedLabel()
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Taille"), self.tr("Dossier"), self.tr("Fichier")]
        )
        self.table.setAccessibleName(self.tr("Sauvegardes de la base"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.backup_button = QPushButton(self.tr("Sauvegarder maintenant"))
        self.backup_button.clicked.connect(self.backup_now)
        self.folder_button = QPushButton(self.tr("Copier aussi dans un dossier…"))
        self.folder_button.setToolTip(
            self.tr("Un second dossier pour les sauvegardes automatiques, une clé USB par exemple")
        )
        self.folder_button.clicked.connect(self.choose_folder)
        self.no_folder_button = QPushButton(self.tr("Ne plus copier ailleurs"))
        self.no_folder_button.clicked.connect(self.forget_folder)
        self.restore_button = QPushButton(self.tr("Restaurer la sauvegarde choisie…"))
        self.restore_button.setToolTip(
            self.tr("Médios ferme la base, la garde de côté, met la sauvegarde à sa place et la rouvre")
        )
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.folder_button, self.no_folder_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.folder_label)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._encryption_box())
        layout.addWidget(self._retention_box())
        self.rows: list[Path] = []

    def _encryption_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Chiffrement de la base"))
        self.encryption_label = WrappedLabel()
        self.encrypt_button = QPushButton(self.tr("Chiffrer la base…"))
        self.encrypt_button.setToolTip(
            self.tr("Médios ferme la base, en écrit une copie chiffrée vérifiée, la met à sa place et la rouvre")
        )
        self.encrypt_button.clicked.connect(self.encrypt)
        self.rekey_button = QPushButton(self.tr("Changer la clé…"))
        self.rekey_button.setToolTip(
            self.tr("Après la perte d'un ordinateur ou d'une clé de secours : une nouvelle clé et sa clé de secours")
        )
        self.rekey_button.clicked.connect(self.change_key)
        self.passphrase_button = QPushButton(self.tr("Phrase secrète…"))
        self.passphrase_button.setToolTip(
            self.tr("La phrase qui ouvre la base sur un ordinateur sans trousseau système")
        )
        self.passphrase_button.clicked.connect(self.change_passphrase)
        self.admin_label = WrappedLabel()
        set_secondary(self.admin_label)
        row = QHBoxLayout()
        for button in (self.encrypt_button, self.rekey_button, self.passphrase_button):
            row.addWidget(button)
        row.addStretch(1)
        inner = QVBoxLayout(box)
        inner.addWidget(self.encryption_label)
        inner.addLayout(row)
        inner.addWidget(self.admin_label)
        return box

    def _database(self) -> Path:
        return Path(self.context.db.path or "")

    def refresh_encryption(self) -> None:
        state = encryption.status(self._database())
        if not state.encrypted:
            text = self.tr(
                "La base n'est pas chiffrée : qui prend l'ordinateur ou copie le fichier lit les interventions. "
                "Chiffrez-la."
            )
        else:
            text = self.tr("La base est chiffrée (SQLCipher, clé aléatoire de 256 bits).")
            if state.store:
                text += " " + self.tr("Sa clé est gardée dans le trousseau du système ({name}).").format(
                    name=state.store
                )
            else:
                text += " " + self.tr("Aucun trousseau système sur ce poste : la phrase secrète est demandée.")
            text += " " + (
                self.tr("Une phrase secrète l'ouvre aussi.")
                if state.passphrase
                else self.tr("Aucune phrase secrète n'est définie.")
            )
        self.encryption_label.setText(text)
        admin = encryption.is_administrator(self._database(), self.context.user_id)
        writable = not self.context.db.read_only
        self.encrypt_button.setVisible(not state.encrypted)
        self.rekey_button.setVisible(state.encrypted)
        self.passphrase_button.setVisible(state.encrypted)
        for button in (self.encrypt_button, self.rekey_button, self.passphrase_button):
            button.setEnabled(admin and writable)
        self.admin_label.setText("" if admin else self.tr("Les clés de la base sont gérées par l'administration."))
        self.admin_label.setVisible(not admin)

    def confirm_encrypt(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Chiffrer la base ?"),
            self.tr(
                "Médios ferme la base, en écrit une copie chiffrée qu'il vérifie, la met à la place de la base en "
                "clair (écrasée puis supprimée), chiffre les sauvegardes du dossier de données, puis rouvre la "
                "base. Une clé de secours vous sera ensuite montrée : imprimez-la."
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def confirm_rekey(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Changer la clé de la base ?"),
            self.tr(
                "Médios ferme la base, la chiffre avec une nouvelle clé, puis la rouvre. L'ancienne clé de secours "
                "n'ouvrira plus la base, seulement les sauvegardes déjà faites ; une nouvelle clé de secours vous "
                "sera montrée."
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_new_passphrase(self, explanation: str | None = None) -> str | None:
        from medios.ui.keys import NewPassphraseDialog

        dialog = NewPassphraseDialog(self, explanation=explanation)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.passphrase

    def _close_then(self, operation: Any) -> None:
        window = self.window()
        window.after_close = operation  # type: ignore[attr-defined]
        window.close()  # the application does it once the base is closed, then opens it again

    def _structure_name(self) -> str:
        from medios.services.structure import get_structure

        return get_structure(self.context.db).name

    @Slot()
    def encrypt(self) -> None:
        if not self.confirm_encrypt():
            return
        passphrase: str | None = None
        if keys.backend() is None:
            passphrase = self.ask_new_passphrase()
            if passphrase is None:
                return
        self._close_then(
            functools.partial(
                encrypt_closed_base,
                passphrase=passphrase,
                actor_id=self.context.user_id,
                folders=self.extra_folders(),
                structure=self._structure_name(),
            )
        )

    @Slot()
    def change_key(self) -> None:
        if not self.confirm_rekey():
            return
        state = encryption.status(self._database())
        passphrase: str | None = None
        if state.passphrase or keys.backend() is None:
            passphrase = self.ask_new_passphrase(
                self.tr(
                    "La nouvelle clé sera protégée par une nouvelle phrase secrète (au moins {n} caractères) : "
                    "l'ancienne n'ouvrira plus la base."
                ).format(n=keys.MIN_PASSPHRASE)
            )
            if passphrase is None:
                return
        self._close_then(
            functools.partial(
                rekey_closed_base,
                passphrase=passphrase,
                actor_id=self.context.user_id,
                folders=self.extra_folders(),
                structure=self._structure_name(),
            )
        )

    @Slot()
    def change_passphrase(self) -> None:
        passphrase = self.ask_new_passphrase(
            self.tr(
                "Cette phrase secrète ouvrira la base sur tout ordinateur sans trousseau système ; elle remplace "
                "la précédente. Choisissez une phrase de plusieurs mots (au moins {n} caractères)."
            ).format(n=keys.MIN_PASSPHRASE)
        )
        if passphrase is None:
            return
        try:
            encryption.set_passphrase(self._database(), passphrase, actor_id=self.context.user_id)
        except (keys.KeyError_, ValidationError, StorageError, OSError) as exc:
            msgbox.warning(self, self.tr("La phrase secrète n'a pas été changée."), _message(exc))
            return
        self.refresh_encryption()
        msgbox.information(self, self.tr("Phrase secrète enregistrée."))

    def _retention_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Conservation des observations libres"))
        self.months = QSpinBox()
        self.months.setRange(retention.MIN_MONTHS, retention.MAX_MONTHS)
        self.months.setSuffix(self.tr(" mois"))
        self.months.setAccessibleName(self.tr("Durée de conservation des observations, en mois"))
        self.apply_months_button = QPushButton(self.tr("Appliquer"))
        self.apply_months_button.clicked.connect(self.apply_months)
        self.retention_label = WrappedLabel()
        self.purge_button = QPushButton(self.tr("Purger maintenant…"))
        self.purge_button.setToolTip(
            self.tr("Retire les observations échues, et leurs traces du fichier ; le journal n'en garde que le nombre")
        )
        self.purge_button.clicked.connect(self.purge_notes)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Gardées après leur saisie :")))
        row.addWidget(self.months)
        row.addWidget(self.apply_months_button)
        row.addWidget(self.purge_button)
        row.addStretch(1)
        inner = QVBoxLayout(box)
        inner.addLayout(row)
        inner.addWidget(self.retention_label)
        return box

    def refresh_retention(self) -> None:
        plan = retention.preview(self.context.db)
        self.months.setValue(plan.months)
        if plan.notes:
            self.retention_label.setText(
                self.tr("{n} observation(s) saisie(s) avant le {date} seraient retirées par une purge.").format(
                    n=plan.notes, date=plan.cutoff.strftime("%d/%m/%Y")
                )
            )
        else:
            self.retention_label.setText(
                self.tr("Aucune observation saisie avant le {date} : rien à purger.").format(
                    date=plan.cutoff.strftime("%d/%m/%Y")
                )
            )
        self.purge_button.setEnabled(plan.notes > 0)

    @Slot()
    def apply_months(self) -> None:
        try:
            retention.set_notes_months(self.context.db, self.months.value(), actor_id=self.context.user_id)
        except ValidationError as exc:
            msgbox.warning(self, self.tr("La durée n'a pas été changée."), str(exc))
        self.refresh_retention()

    def confirm_purge(self, notes: int) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Purger les observations échues ?"),
            self.tr(
                "{n} observation(s) seront effacées de la base, sans retour possible ; les fiches restent. "
                "Les sauvegardes plus anciennes les gardent jusqu'à leur rotation."
            ).format(n=notes),
        )
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def purge_notes(self) -> None:
        plan = retention.preview(self.context.db)
        if not plan.notes or not self.confirm_purge(plan.notes):
            return
        db, actor = self.context.db, self.context.user_id
        try:
            done = run_in_background(
                self,
                self.tr("Conservation"),
                self.tr("Purge des observations et réécriture du fichier…"),
                lambda job: retention.purge(db, actor_id=actor),
            )
        except ValidationError as exc:
            msgbox.warning(self, self.tr("La purge n'a pas été faite."), str(exc))
            return
        self.refresh_retention()
        msgbox.information(self, self.tr("{n} observation(s) retirée(s).").format(n=done))

    def activated(self) -> None:
        self.refresh()
        self.refresh_encryption()
        self.refresh_retention()

    def extra_folder(self) -> Path | None:
        value = str(self.context.preferences.value(BACKUP_FOLDER_KEY, "") or "")
        return Path(value) if value else None

    def extra_folders(self) -> tuple[Path, ...]:
        """The second folder of the automatic backups, as the services take it (none, or one)."""
        extra = self.extra_folder()
        return (extra,) if extra is not None else ()

    def refresh(self) -> None:
        extra = self.extra_folder()
        text = self.tr("Dossier des sauvegardes : {folder}").format(folder=paths.backup_dir())
        if extra is not None:
            text += "\n" + self.tr("Copiées aussi dans : {folder}").format(folder=extra)
        self.folder_label.setText(text)
        self.no_folder_button.setEnabled(extra is not None)
        found = [
            (stamp, path, self.tr("dossier de données"))
            for stamp, path in backups.automatic_backups(paths.backup_dir())
        ]
        if extra is not None:
            found += [(stamp, path, str(extra)) for stamp, path in backups.automatic_backups(extra)]
        found.sort(key=lambda item: item[0], reverse=True)
        self.table.setRowCount(len(found))
        self.rows = []
        for row, (stamp, path, where) in enumerate(found):
            size = path.stat().st_size if path.exists() else 0
            values = (stamp.strftime("%d/%m/%Y %H:%M:%S"), _size(size), where, path.name)
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
            self.rows.append(path)
        self.restore_button.setEnabled(bool(found))

    # -- actions ----------------------------------------------------------------------------------

    def _in_background(self, label: str, work: Any) -> Any:
        try:
            return run_in_background(self, self.tr("Sauvegardes"), label, work)
        except Cancelled:
            msgbox.information(self, self.tr("Sauvegarde annulée : rien n'a été écrit."))
        except (backups.BackupError, OSError) as exc:
            msgbox.warning(self, self.tr("La sauvegarde n'a pas été faite."), str(exc))
        return None

    @Slot()
    def backup_now(self) -> None:
        database = Path(self.context.db.path or "")
        folders = self.extra_folders()

        def work(job: Job) -> Any:
            return backups.backup_now(database, now=dt.datetime.now(), folders=folders, progress=job.progress)

        done = self._in_background(self.tr("Sauvegarde de la base…"), work)
        self.refresh()
        if done is not None:
            msgbox.information(
                self,
                self.tr("Sauvegarde écrite et vérifiée."),
                self.tr("{path} ({n} interventions, {size}).").format(
                    path=done.info.path, n=done.info.interventions, size=_size(done.info.size)
                ),
            )

    def ask_folder(self) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Dossier supplémentaire des sauvegardes"))
        return Path(chosen) if chosen else None

    @Slot()
    def choose_folder(self) -> None:
        folder = self.ask_folder()
        if folder is None:
            return
        self.context.preferences.setValue(BACKUP_FOLDER_KEY, str(folder))
        self.context.preferences.sync()
        self.refresh()

    @Slot()
    def forget_folder(self) -> None:
        self.context.preferences.remove(BACKUP_FOLDER_KEY)
        self.context.preferences.sync()
        self.refresh()

    def confirm_restore(self, path: Path, info: backups.BackupInfo) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Restaurer cette sauvegarde ?"),
            self.tr(
                "La base actuelle sera fermée et gardée de côté, puis remplacée par la sauvegarde du {name} "
                "({n} interventions). Ce qui a été saisi depuis cette sauvegarde n'y sera pas."
            ).format(name=path.name, n=info.interventions),
        )
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def restore_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            msgbox.information(self, self.tr("Choisissez d'abord une sauvegarde dans la liste."))
            return
        path = self.rows[row]
        if keys.is_locked(path) and not self.unlock_backup(path):
            return
        try:
            info = backups.inspect_file(path)
        except backups.BackupError as exc:
            msgbox.warning(self, self.tr("Cette sauvegarde ne peut pas être restaurée."), str(exc))
            return
        if not self.confirm_restore(path, info):
            return
        self._close_then(functools.partial(restore_closed_base, path))

    def unlock_backup(self, path: Path) -> bool:
        """A backup under a key this computer does not hold (another base's, one changed since): its
        recovery key, or its passphrase, in the unlock dialog."""
        from medios.ui.keys import unlock_in_dialog

        return bool(unlock_in_dialog(path, self, keys_of=self._database()))


# -- done once the window has closed the base ---------------------------------------------------------


def _message(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        return "\n".join(error.message for error in exc.errors)
    if isinstance(exc, OSError) and not str(exc):
        return exc.strerror or type(exc).__name__
    return str(exc)


def restore_closed_base(backup: Path, path: Path) -> None:
    """Put ``backup`` in the place of the (closed) base ``path`` and say how it went."""
    try:
        done = backups.restore_backup(backup, path)
    except (backups.BackupError, OSError) as exc:
        msgbox.critical(None, QCoreApplication.translate("App", "La sauvegarde n'a pas été restaurée."), str(exc))
        return
    aside = (
        QCoreApplication.translate("App", "L'ancienne base est gardée : {path}.").format(path=done.aside)
        if done.aside is not None
        else ""
    )
    msgbox.information(
        None,
        QCoreApplication.translate("App", "Sauvegarde restaurée ({n} interventions).").format(
            n=done.info.interventions
        ),
        aside,
    )


def _with_progress(label: str, work: Any) -> Any:
    return run_in_background(
        None, QCoreApplication.translate("Backups", "Chiffrement"), label, lambda job: work(), cancellable=False
    )


def encrypt_closed_base(
    path: Path,
    *,
    passphrase: str | None,
    actor_id: uuid.UUID | None,
    folders: tuple[Path, ...],
    structure: str,
) -> None:
    """Encrypt the (closed) clear base ``path``, then show its recovery key once."""
    from medios.ui.keys import RecoveryKeyDialog

    try:
        done = _with_progress(
            QCoreApplication.translate("Backups", "Chiffrement de la base et de ses sauvegardes…"),
            lambda: encryption.encrypt_base(path, passphrase=passphrase, actor_id=actor_id, folders=folders),
        )
    except (keys.KeyError_, ValidationError, backups.BackupError, StorageError, OSError) as exc:
        msgbox.critical(
            None,
            QCoreApplication.translate("Backups", "La base n'a pas été chiffrée : elle reste telle qu'elle était."),
            _message(exc),
        )
        return
    RecoveryKeyDialog(done.key, structure=structure).exec()
    msgbox.information(
        None,
        QCoreApplication.translate("Backups", "Base chiffrée ({n} sauvegarde(s) chiffrée(s) aussi).").format(
            n=len(done.backups)
        ),
        QCoreApplication.translate(
            "Backups",
            "Le fichier en clair a été écrasé puis supprimé. Sur un disque SSD, des copies peuvent subsister dans "
            "ses blocs libres : chiffrez aussi le disque de l'ordinateur.",
        ),
    )


def rekey_closed_base(
    path: Path,
    *,
    passphrase: str | None,
    actor_id: uuid.UUID | None,
    folders: tuple[Path, ...],
    structure: str,
) -> None:
    """Give the (closed) encrypted base ``path`` a new key and make a backup under it, then show the new
    recovery key once."""
    from medios.ui.keys import RecoveryKeyDialog

    def work() -> keys.NewKey:
        made = encryption.rekey(path, passphrase=passphrase, actor_id=actor_id)
        backups.backup_now(path, now=dt.datetime.now(), folders=folders)
        return made

    try:
        made = _with_progress(
            QCoreApplication.translate("Backups", "Chiffrement de la base avec une nouvelle clé…"), work
        )
    except (keys.KeyError_, ValidationError, backups.BackupError, StorageError, OSError) as exc:
        msgbox.critical(
            None,
            QCoreApplication.translate("Backups", "La clé n'a pas été changée : la base garde la précédente."),
            _message(exc),
        )
        return
    RecoveryKeyDialog(made, structure=structure).exec()
    msgbox.information(
        None,
        QCoreApplication.translate("Backups", "Nouvelle clé en place."),
        QCoreApplication.translate(
            "Backups",
            "L'ancienne clé de secours n'ouvre plus la base. Une sauvegarde sous la nouvelle clé vient d'être "
            "faite ; les précédentes gardent l'ancienne clé, que ce poste connaît encore.",
        ),
    )
