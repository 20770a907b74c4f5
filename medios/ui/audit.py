"""« Journal d'audit » (Outils): the newest lines of the hash-chained log for a coordinator, 200 at a time,
filtered on an action; the chain checked on request; the whole log exported as CSV.

The log holds C and O fields only and names authors by pseudonym (:mod:`medios.services.audit`); the
services refuse a mediator, whatever this window offers.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medios.db import Database
from medios.db.models import AUDIT_ACTIONS
from medios.services import audit
from medios.services.errors import ValidationError

from medios.ui import msgbox
from medios.ui.widgets import WrappedLabel, page_title, set_secondary

PAGE_LINES = 200
# What the table shows of export_rows' columns (the hash is in the export, not on screen).
SHOWN = (0, 1, 2, 3, 4, 5, 6, 7)


class AuditDialog(QDialog):
    def __init__(self, db: Database, actor_id: uuid.UUID | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor_id
        self.setWindowTitle(self.tr("Journal d'audit"))
        self.resize(1000, 600)
        hint = WrappedLabel()
        hint.setText(
            self.tr(
                "Qui a fait quoi, et quand : chaque ligne porte l'empreinte de la précédente, de sorte qu'une ligne "
                "modifiée, déplacée ou supprimée se voit. Les auteurs sont nommés par leur pseudonyme ; le journal "
                "ne contient ni nom ni observation."
            )
        )
        set_secondary(hint)
        self.action = QComboBox()
        self.action.setAccessibleName(self.tr("Action"))
        self.action.addItem(self.tr("Toutes les actions"), None)
        for code in AUDIT_ACTIONS:
            self.action.addItem(code, code)
        self.action.currentIndexChanged.connect(self.reload)
        self.table = QTableWidget(0, len(SHOWN))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("N°"),
                self.tr("Date (UTC)"),
                self.tr("Auteur"),
                self.tr("Poste"),
                self.tr("Action"),
                self.tr("Table"),
                self.tr("Fiche"),
                self.tr("Modifications"),
            ]
        )
        self.table.setAccessibleName(self.tr("Lignes du journal d'audit"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.more_button = QPushButton(self.tr("Lignes plus anciennes"))
        self.more_button.clicked.connect(self.load_more)
        self.verify_button = QPushButton(self.tr("Vérifier la chaîne"))
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton(self.tr("Exporter en CSV…"))
        self.export_button.clicked.connect(self.export)
        self.verdict = WrappedLabel()
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Action :")))
        filters.addWidget(self.action)
        filters.addStretch(1)
        filters.addWidget(self.more_button)
        actions = QHBoxLayout()
        actions.addWidget(self.verify_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(self.tr("Journal d'audit")))
        layout.addWidget(hint)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.verdict)
        layout.addWidget(close)
        self._oldest: int | None = None
        self.reload()

    def _rows(self, before: int | None) -> list[tuple[str, ...]] | None:
        try:
            return audit.recent_rows(
                self._db, actor_id=self._actor, before_id=before, action=self.action.currentData(), limit=PAGE_LINES
            )
        except ValidationError as exc:
            msgbox.warning(self, "\n".join(error.message for error in exc.errors))
            return None

    @Slot()
    def reload(self) -> None:
        self.table.setRowCount(0)
        self._oldest = None
        self._append(self._rows(None))

    @Slot()
    def load_more(self) -> None:
        if self._oldest is not None:
            self._append(self._rows(self._oldest))

    def _append(self, rows: list[tuple[str, ...]] | None) -> None:
        if rows is None:
            self.more_button.setEnabled(False)
            return
        start = self.table.rowCount()
        self.table.setRowCount(start + len(rows))
        for offset, row in enumerate(rows):
            for column, index in enumerate(SHOWN):
                value = row[index]
                # Computers and records are UUIDs: their first eight characters tell them apart on screen.
                shown = value[:8] + "…" if index in (3, 6) and len(value) > 8 else value
                item = QTableWidgetItem(shown)
                if shown != value or index == 7:
                    item.setToolTip(value)
                self.table.setItem(start + offset, column, item)
        if rows:
            self._oldest = int(rows[-1][0])
        self.more_button.setEnabled(len(rows) == PAGE_LINES)

    @Slot()
    def verify(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = audit.verify_chain(self._db)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if report.ok:
            self.verdict.setText(
                self.tr(
                    "Journal intact : {n} ligne(s), chaînées de la première à la dernière. Empreinte de la "
                    "dernière ligne : {head}."
                ).format(n=report.entries, head=report.head)
            )
        else:
            self.verdict.setText(
                self.tr("Journal altéré : la chaîne casse à la ligne n° {line} ({reason}).").format(
                    line=report.broken_at, reason=report.reason
                )
            )

    def ask_path(self) -> str:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Exporter le journal d'audit"), "journal-audit.csv", self.tr("CSV (*.csv)")
        )
        return name

    @Slot()
    def export(self) -> None:
        from medios.export.audit_csv import audit_csv
        from medios.export.output import ReportFileError, save_bytes

        target = self.ask_path()
        if not target:
            return
        try:
            rows = audit.export_rows(self._db, actor_id=self._actor)
            save_bytes(audit_csv(audit.EXPORT_COLUMNS, rows), target, what=self.tr("le journal"))
        except ValidationError as exc:
            msgbox.warning(self, "\n".join(error.message for error in exc.errors))
            return
        except ReportFileError as exc:
            msgbox.warning(self, self.tr("Le journal n'a pas été exporté."), str(exc))
            return
        msgbox.information(self, self.tr("Journal exporté : {path} ({n} ligne(s)).").format(path=target, n=len(rows)))
