"""Page « Export observatoire »: the period, the quality check, what will be published and masked (and
why), the file written with progress, the files already sent.

Everything is computed by :mod:`medios.services.observatory.exporter` on a thread of its own (behind a
progress dialog with « Annuler »): the window never freezes, and nothing is written before the
coordinator clicks « Écrire le fichier… ».
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medios.services import closure
from medios.services.observatory import exporter, ledger
from medios.services.observatory.exporter import INDICATOR_LABELS

from medios.ui import msgbox
from medios.ui.pages import Page, PageContext
from medios.ui.transfer import Cancelled, Job, _failure_text, run_in_background
from medios.ui.widgets import WrappedLabel, page_title, set_secondary


def _previous_month(today: dt.date) -> str:
    first = today.replace(day=1) - dt.timedelta(days=1)
    return f"{first.year}-{first.month:02d}"


class ObservatoryPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.prepared: Any = None
        self._build()
        self.refresh_history()

    # -- building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        title = page_title(self.tr("Export pour l'observatoire"))
        hint = WrappedLabel()
        hint.setText(
            self.tr(
                "Le fichier envoyé à l'observatoire national ne contient que des chiffres agrégés : les petits "
                "effectifs, et ceux qu'on pourrait recalculer avec les fichiers déjà envoyés, sont masqués. "
                "Préparez l'aperçu, vérifiez-le, puis écrivez le fichier."
            )
        )
        set_secondary(hint)
        self.period = QLineEdit(_previous_month(dt.date.today()))
        self.period.setPlaceholderText(self.tr("2026-10, 2026-Q4 ou 2026"))
        self.period.setAccessibleName(self.tr("Période de l'export"))
        self.period.textEdited.connect(self._forget)
        self.threshold = QSpinBox()
        self.threshold.setRange(5, 99)
        self.threshold.setValue(11)
        self.threshold.setAccessibleName(self.tr("Seuil de secret"))
        self.threshold.valueChanged.connect(self._forget)
        form = QFormLayout()
        form.addRow(self.tr("&Période :"), self.period)
        form.addRow(self.tr("&Seuil :"), self.threshold)
        self.preview_button = QPushButton(self.tr("Préparer l'aperçu"))
        self.preview_button.clicked.connect(self.prepare)
        self.write_button = QPushButton(self.tr("Écrire le fichier…"))
        self.write_button.setEnabled(False)
        self.write_button.clicked.connect(self.write)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.write_button)
        buttons.addStretch(1)
        self.summary = WrappedLabel()
        self.checks = QListWidget()
        self.checks.setWordWrap(True)
        self.checks.setAccessibleName(self.tr("Points à vérifier et tests de la CNIL"))
        self.masked = QTableWidget(0, 2)
        self.masked.setHorizontalHeaderLabels([self.tr("Cellule masquée"), self.tr("Pourquoi")])
        self.masked.setAccessibleName(self.tr("Cellules masquées et raison"))
        self.history = QTableWidget(0, 5)
        self.history.setHorizontalHeaderLabels(
            [
                self.tr("Envoyé le"),
                self.tr("Période"),
                self.tr("Masquées"),
                self.tr("Empreinte SHA-256"),
                self.tr("Fichier"),
            ]
        )
        self.history.setAccessibleName(self.tr("Fichiers déjà envoyés"))
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for table in (self.masked, self.history):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.verticalHeader().setVisible(False)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setStretchLastSection(True)
        self.correct_button = QPushButton(self.tr("Exporter un fichier corrigé…"))
        self.correct_button.setToolTip(
            self.tr("Refait le fichier de la ligne choisie, qui le remplace pour l'observatoire")
        )
        self.correct_button.clicked.connect(self.write_correction)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.checks, 1)
        layout.addWidget(self.masked, 2)
        layout.addWidget(QLabel(self.tr("Fichiers déjà envoyés")))
        layout.addWidget(self.history, 1)
        layout.addWidget(self.correct_button)

    # -- preview ----------------------------------------------------------------------------------

    def activated(self) -> None:
        self.refresh_history()

    @Slot()
    def _forget(self) -> None:
        self.prepared = None
        self.write_button.setEnabled(False)

    @Slot()
    def prepare(self) -> None:
        period, threshold, db = self.period.text(), self.threshold.value(), self.context.db

        def work(job: Job) -> Any:
            prepared = exporter.prepare(db, period, threshold=threshold, progress=job.progress)
            job.progress(1, 1)
            return prepared

        prepared = self._in_background(self.tr("Préparation de l'export de {period}…").format(period=period), work)
        if prepared is None:
            return
        self.prepared = prepared
        self._show(prepared)

    def _show(self, prepared: Any) -> None:
        release = prepared.release
        self.summary.setText(
            self.tr(
                "{period} : {masked} cellules masquées sur {cells}, contrôlé avec {n} fichier(s) déjà envoyé(s)."
            ).format(
                period=prepared.period, masked=len(release.masked), cells=len(release.values), n=len(prepared.earlier)
            )
        )
        self.checks.clear()
        self.checks.addItems(prepared.check_lines())
        keys = sorted(release.masked, key=lambda key: (key.is_minutes, key))  # counts first, their minutes after
        self.masked.setRowCount(len(keys))
        for row, key in enumerate(keys):
            self.masked.setItem(row, 0, QTableWidgetItem(_describe(key)))
            self.masked.setItem(row, 1, QTableWidgetItem(prepared.reason(key)))
        self.write_button.setEnabled(prepared.ok)

    # -- writing ----------------------------------------------------------------------------------

    def suggested_path(self, period: str) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        return Path(folder) / f"observatoire-{period}.zip"

    def ask_path(self, period: str) -> Path | None:
        """The file to write, from a save dialog (tests replace this method)."""
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Enregistrer le fichier de l'observatoire"),
            str(self.suggested_path(period)),
            self.tr("Archive ZIP (*.zip)"),
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".zip" else path.with_name(path.name + ".zip")

    def confirm_open_months(self, months: str) -> bool:
        """Whether to export a period whose months are not all closed (tests replace this method)."""
        answer = QMessageBox.question(
            self,
            self.tr("Médios"),
            self.tr(
                "Des mois de la période ne sont pas clôturés ({months}). Exporter quand même ? Le fichier le dira."
            ).format(months=months),
        )
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def write(self) -> None:
        self._write(None)

    def _write(self, replaces: Any) -> None:
        prepared = self.prepared
        if prepared is None or not prepared.ok:
            return
        confirmed = True
        if prepared.quality.open_months:
            names = ", ".join(closure.month_text(m) for m in prepared.quality.open_months)
            confirmed = self.confirm_open_months(names)
            if not confirmed:
                return
        path = self.ask_path(prepared.period)
        if path is None:
            return
        db, actor = self.context.db, self.context.user_id

        def work(job: Job) -> Any:
            job.progress(0, 1)
            done = exporter.export(db, prepared, path, confirm_open_months=confirmed, replaces=replaces, actor_id=actor)
            job.progress(1, 1)
            return done

        done = self._in_background(self.tr("Écriture de {name}…").format(name=path.name), work)
        if done is None:
            return
        self.refresh_history()
        self._forget()
        self.offer_to_open(Path(done.path), exporter.verdict_text(done.verdict))

    @Slot()
    def write_correction(self) -> None:
        row = self.history.currentRow()
        records = ledger.history(self.context.db)
        if row < 0 or row >= len(records):
            msgbox.information(self, self.tr("Choisissez d'abord dans la liste le fichier à corriger."))
            return
        record = records[row]
        self.period.setText(record.period)
        self.threshold.setValue(record.threshold)
        self.prepare()
        if self.prepared is not None:
            self._write(record.id)

    def offer_to_open(self, path: Path, verdict: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Médios"),
            self.tr("Fichier écrit : {name}").format(name=path.name),
            QMessageBox.StandardButton.Close,
            self,
        )
        box.setInformativeText(f"{verdict}\n{path}")
        folder = box.addButton(self.tr("Ouvrir le dossier"), QMessageBox.ButtonRole.ActionRole)
        box.exec()
        if box.clickedButton() is folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    def _in_background(self, label: str, work: Any) -> Any:
        try:
            return run_in_background(self, self.tr("Export observatoire"), label, work)
        except Cancelled:
            msgbox.information(self, self.tr("Export annulé : aucun fichier n'a été écrit."))
        except ValueError as exc:  # a period not understood, a refusal, a protection impossible (French)
            msgbox.warning(self, self.tr("L'export n'a pas été fait."), str(exc))
        except Exception as exc:
            text = _failure_text(exc)
            if text is None:
                raise
            msgbox.critical(self, self.tr("L'export n'a pas été fait."), text)
        return None

    # -- history ----------------------------------------------------------------------------------

    def refresh_history(self) -> None:
        records = ledger.history(self.context.db)
        self.history.setRowCount(len(records))
        for row, record in enumerate(records):
            values = (
                record.created_at.strftime("%d/%m/%Y %H:%M"),
                record.period,
                self.tr("{masked} sur {cells}").format(masked=record.masked_cells, cells=record.cells),
                record.file_sha256,
                record.file_name or "",
            )
            for column, value in enumerate(values):
                self.history.setItem(row, column, QTableWidgetItem(value))


def _describe(key: Any) -> str:
    """A cell in words: « Interventions · COMMUNE 69029 · domaine HABITAT · REGISTRE CONF »."""
    parts = [INDICATOR_LABELS.get(key.indicator, key.indicator)]
    if key.territory_level != "STRUCTURE":
        parts.append(f"{key.territory_level} {key.territory_code}")
    if key.domain != "*":
        parts.append(key.domain)
    if key.dimension != "TOTAL":
        parts.append(f"{key.dimension} {key.modality}")
    return " · ".join(parts)
