"""Page « Sauvegardes »: the automatic backups of the base, a backup now, a second folder (a USB key), and
the restoration of a backup, done once the window has closed the base (see :func:`medios.app._run`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from medios.services import backups, retention
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
        layout.addWidget(self._retention_box())
        self.rows: list[Path] = []

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
        self.refresh_retention()

    def extra_folder(self) -> Path | None:
        value = str(self.context.preferences.value(BACKUP_FOLDER_KEY, "") or "")
        return Path(value) if value else None

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
        extra = self.extra_folder()
        folders = (extra,) if extra is not None else ()

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
        try:
            info = backups.inspect_file(path)
        except backups.BackupError as exc:
            msgbox.warning(self, self.tr("Cette sauvegarde ne peut pas être restaurée."), str(exc))
            return
        if not self.confirm_restore(path, info):
            return
        window = self.window()
        window.pending_restore = path  # type: ignore[attr-defined]
        window.close()  # the application restores it once the base is closed, then opens it again
