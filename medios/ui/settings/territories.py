"""« Territoires »: the structure's communes, QPV… one by one, or from a pasted list or a CSV file.

The paste or file is read and checked on a worker thread (an official COG file has 35,000 lines) and
shown as a preview with its French errors, line by line; « Ajouter » then writes every line in one
transaction, or none.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medios.db import StorageError, storage_errors
from medios.services import territories as tr
from medios.services.errors import ValidationError

from medios.ui import msgbox
from medios.ui.pages import PageContext
from medios.ui.settings.base import RecordSection, sentence
from medios.ui.settings.sections import _picker
from medios.ui.widgets import ErrorLabel, WrappedLabel, set_secondary

PREVIEW_ROWS = 200  # lines shown in the preview table (all are checked and imported)
ERRORS_SHOWN = 20


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    """One call on a pool thread; its result or exception comes back through :class:`_Signals`."""

    def __init__(self, call: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = _Signals()
        self._call = call

    def run(self) -> None:
        try:
            with storage_errors():
                result = self._call()
        except Exception as exc:  # handed to the main thread
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class TerritoriesSection(RecordSection):
    retire_question = QT_TRANSLATE_NOOP("Settings", "Retirer le territoire « {name} » de la liste ?")

    # The preview is on screen (or its failure); the import finished (or failed).
    previewed = Signal()
    imported = Signal()

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("Settings", "Territoires"),
            QCoreApplication.translate(
                "Settings",
                "Les communes, QPV, EPCI… où la structure intervient, avec leurs codes officiels. Aucune liste "
                "nationale n'est fournie : saisissez-les, collez-les ou importez le fichier CSV officiel (COG, QPV).",
            ),
            parent,
        )
        self.level = _picker("NIVEAU_TERRITOIRE")
        self.code = QLineEdit()
        self.label = QLineEdit()
        self.vintage = QLineEdit()
        self.parent_code = QLineEdit()
        self.add_field(QCoreApplication.translate("Settings", "&Niveau :"), self.level, "level")
        self.add_field(
            QCoreApplication.translate("Settings", "C&ode :"),
            self.code,
            "code",
            hint=QCoreApplication.translate("Settings", "Niveau, code et millésime ne se corrigent pas."),
        )
        self.add_field(QCoreApplication.translate("Settings", "&Libellé :"), self.label, "label")
        self.add_field(QCoreApplication.translate("Settings", "&Millésime :"), self.vintage, "vintage")
        self.add_field(
            QCoreApplication.translate("Settings", "Ratt&achement :"),
            self.parent_code,
            "parent_code",
            hint=QCoreApplication.translate("Settings", "Par exemple la commune d'un QPV."),
        )
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._job: _Job | None = None
        self.preview: tr.TerritoryPreview | None = None
        self.finish_layout()
        self.layout().addWidget(self._build_import())

    # -- one territory ---------------------------------------------------------------------------

    def records(self) -> Iterable[tuple[str, uuid.UUID, Any]]:
        for t in tr.list_territories(self.context.db, retired=self.retired):
            yield f"{t.level} {t.code} — {t.label} ({t.vintage})", t.id, t

    def fill(self, record: tr.TerritoryInfo | None) -> None:
        self.level.set_code(record.level if record else "COMMUNE")
        self.code.setText(record.code if record else "")
        self.label.setText(record.label if record else "")
        self.vintage.setText(record.vintage if record else str(dt.date.today().year))
        self.parent_code.setText((record.parent_code or "") if record else "")
        for widget in (self.level, self.code, self.vintage):
            widget.setEnabled(record is None and not self.retired)

    def create(self) -> uuid.UUID:
        return tr.add_territory(
            self.context.db,
            self.level.code() or "",
            self.code.text(),
            self.label.text(),
            vintage=self.vintage.text(),
            parent_code=self.parent_code.text().strip() or None,
            actor_id=self.context.user_id,
        ).id

    def update(self, record_id: uuid.UUID) -> None:
        tr.update_territory(
            self.context.db,
            record_id,
            label=self.label.text(),
            parent_code=self.parent_code.text().strip() or None,
            actor_id=self.context.user_id,
        )

    def retire_record(self, record_id: uuid.UUID) -> None:
        tr.retire_territory(self.context.db, record_id, actor_id=self.context.user_id)

    def restore_record(self, record_id: uuid.UUID) -> None:
        tr.restore_territory(self.context.db, record_id, actor_id=self.context.user_id)

    # -- a list or a file -----------------------------------------------------------------------

    def _build_import(self) -> QGroupBox:
        group = QGroupBox(QCoreApplication.translate("Settings", "Coller une liste ou importer un fichier CSV"))
        self.paste = QPlainTextEdit()
        self.paste.setAccessibleName(QCoreApplication.translate("Settings", "Liste de territoires à coller"))
        self.paste.setPlaceholderText(
            QCoreApplication.translate(
                "Settings", "93066;Saint-Denis\n93001;Aubervilliers\n(ou « code libellé » par ligne)"
            )
        )
        self.paste.setTabChangesFocus(True)
        self.paste.setMaximumHeight(110)
        self.import_level = _picker("NIVEAU_TERRITOIRE")
        self.import_level.setAccessibleName(QCoreApplication.translate("Settings", "Niveau par défaut des lignes"))
        self.import_level.set_code("COMMUNE")
        self.import_vintage = QLineEdit(str(dt.date.today().year))
        self.import_vintage.setAccessibleName(QCoreApplication.translate("Settings", "Millésime par défaut des lignes"))
        self.open_button = self.button(
            QCoreApplication.translate("Settings", "Ouvrir un &fichier CSV…"),
            QCoreApplication.translate("Settings", "Lire un fichier CSV (UTF-8) dans la zone de texte"),
            "Ctrl+O",
        )
        self.preview_button = self.button(
            QCoreApplication.translate("Settings", "A&perçu"),
            QCoreApplication.translate("Settings", "Vérifier les lignes sans rien enregistrer"),
            "Ctrl+P",
        )
        self.import_button = self.button(
            QCoreApplication.translate("Settings", "A&jouter ces territoires"),
            QCoreApplication.translate("Settings", "Ajouter toutes les lignes, ou aucune si l'une est refusée"),
        )
        self.import_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_file)
        self.preview_button.clicked.connect(self.start_preview)
        self.import_button.clicked.connect(self.start_import)
        self.paste.textChanged.connect(self._invalidate)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.progress.setAccessibleName(QCoreApplication.translate("Settings", "Lecture en cours"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.import_errors = ErrorLabel()
        self.import_errors.setObjectName("import_errors")
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(QCoreApplication.translate("Settings", "Aperçu des territoires"))
        self.table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("Settings", "Ligne"),
                QCoreApplication.translate("Settings", "Niveau"),
                QCoreApplication.translate("Settings", "Code"),
                QCoreApplication.translate("Settings", "Libellé"),
                QCoreApplication.translate("Settings", "Millésime"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(120)
        self.table.setVisible(False)
        help_text = WrappedLabel()
        help_text.setText(
            QCoreApplication.translate(
                "Settings",
                "Une ligne par territoire : code ; libellé ; millésime ; rattachement (séparateur « ; », tabulation "
                "ou « , »), ou une ligne d'en-tête (niveau, code, libellé…, ou celle des fichiers officiels).",
            )
        )
        set_secondary(help_text)
        defaults = QHBoxLayout()
        level_label = QLabel(QCoreApplication.translate("Settings", "Niveau par défau&t :"))
        level_label.setBuddy(self.import_level)
        vintage_label = QLabel(QCoreApplication.translate("Settings", "Millésime par &défaut :"))
        vintage_label.setBuddy(self.import_vintage)
        defaults.addWidget(level_label)
        defaults.addWidget(self.import_level, 1)
        defaults.addWidget(vintage_label)
        defaults.addWidget(self.import_vintage)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(group)
        layout.addWidget(help_text)
        layout.addWidget(self.paste)
        layout.addLayout(defaults)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.import_errors)
        layout.addWidget(self.table)
        return group

    def open_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("Settings", "Importer des territoires"),
            "",
            QCoreApplication.translate("Settings", "Fichiers CSV (*.csv *.txt);;Tous les fichiers (*)"),
        )
        if not name:
            return
        try:
            text = Path(name).read_text(encoding="utf-8-sig", errors="replace")
        except OSError as exc:
            msgbox.critical(self, QCoreApplication.translate("Settings", "Le fichier n'a pas pu être lu."), str(exc))
            return
        self.paste.setPlainText(text)
        self.start_preview()

    def _invalidate(self) -> None:
        self.preview = None
        self.import_button.setEnabled(False)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for widget in (self.preview_button, self.open_button, self.paste):
            widget.setEnabled(not busy)
        if busy:
            self.import_button.setEnabled(False)

    def _start(self, call: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[Any], None]) -> None:
        self._busy(True)
        job = _Job(call)
        job.signals.done.connect(done)
        job.signals.failed.connect(failed)
        self._job = job
        self._pool.start(job)

    def start_preview(self) -> None:
        text = self.paste.toPlainText()
        level = self.import_level.code() or "COMMUNE"
        vintage = self.import_vintage.text().strip()
        self.import_errors.clear_error()
        self.summary.clear()
        self._start(lambda: tr.parse_territories(text, level=level, vintage=vintage), self._on_preview, self._on_failed)

    def _on_preview(self, preview: tr.TerritoryPreview) -> None:
        self._busy(False)
        self.preview = preview
        rows = preview.rows[:PREVIEW_ROWS]
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate((str(row.line), row.level, row.code, row.label, row.vintage)):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.setVisible(bool(rows))
        if preview.errors:
            shown = [sentence(e.for_user()) for e in preview.errors[:ERRORS_SHOWN]]
            if len(preview.errors) > ERRORS_SHOWN:
                shown.append(
                    QCoreApplication.translate("Settings", "… et {n} autres erreurs.").format(
                        n=len(preview.errors) - ERRORS_SHOWN
                    )
                )
            self.import_errors.show_error("\n".join(shown))
            self.summary.setText(
                QCoreApplication.translate(
                    "Settings", "{n} lignes lues ; rien ne sera ajouté tant qu'une ligne est refusée."
                ).format(n=len(preview.rows))
            )
        else:
            self.summary.setText(
                QCoreApplication.translate("Settings", "{n} territoires prêts à être ajoutés.").format(
                    n=len(preview.rows)
                )
            )
        self.import_button.setEnabled(preview.ok)
        self.previewed.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, ValidationError):
            self.import_errors.show_error("\n".join(sentence(e.message) for e in exc.errors[:ERRORS_SHOWN]))
            self.summary.setText(QCoreApplication.translate("Settings", "Aucun territoire n'a été ajouté."))
        elif isinstance(exc, StorageError):
            msgbox.critical(
                self, QCoreApplication.translate("Settings", "Les territoires n'ont pas été ajoutés."), str(exc)
            )
        else:
            raise exc  # a bug: the crash report
        self.previewed.emit()
        self.imported.emit()

    def start_import(self) -> None:
        preview = self.preview
        if preview is None or not preview.ok:
            return
        db = self.context.db
        actor = self.context.user_id
        self._start(lambda: tr.import_territories(db, preview, actor_id=actor), self._on_imported, self._on_failed)

    def _on_imported(self, count: int) -> None:
        self._busy(False)
        self.preview = None
        self.paste.clear()
        self.table.setRowCount(0)
        self.table.setVisible(False)
        self.summary.setText(QCoreApplication.translate("Settings", "{n} territoires ajoutés.").format(n=count))
        self.refresh()
        self.context.show_status(QCoreApplication.translate("Settings", "{n} territoires ajoutés.").format(n=count))
        self.changed()
        self.imported.emit()

    def stop(self) -> None:
        self._pool.waitForDone()
