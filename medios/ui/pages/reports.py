"""Page « Rapports »: the monthly (or quarterly, yearly, custom) report, previewed, generated, and months closed.

The coordinator chooses a period and a scope; the key figures and the data-quality warnings are
previewed at once (computed on a pool thread, the latest choice only), then « Générer le classeur
Excel… » or « Générer le PDF… » writes the file off the window's thread behind a progress dialog and
offers to open it or its folder.  For a month, the page says whether it is closed, and closes or
reopens it (coordinators only; the services refuse a mediator too).

Everything shown comes from :func:`medios.services.reports.build_document`: the preview, the Excel
file and the PDF read the same :class:`~medios.export.document.ReportDocument`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QObject, QRunnable, QStandardPaths, Qt, QThreadPool, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medios.services import closure, reports
from medios.services.aggregates import Period
from medios.services.errors import ValidationError

from medios.ui import msgbox
from medios.ui.pages import Page, PageContext
from medios.ui.pickers import Choice, CodePicker
from medios.ui.transfer import Cancelled, Job, _failure_text, run_in_background
from medios.ui.widgets import WrappedLabel, page_title, set_secondary

if TYPE_CHECKING:
    from medios.export.document import KeyFigure, ReportDocument

PREVIEW_DELAY_MS = 250
KINDS = ("month", "quarter", "year", "range")


class _PreviewSignals(QObject):
    done = Signal(int, object)  # generation, ReportDocument
    failed = Signal(int, object)  # generation, exception


class _Preview(QRunnable):
    """Builds the document of one choice on a pool thread; the page keeps the latest generation only."""

    def __init__(self, db: Any, generation: int, period: Period, choice: reports.ScopeChoice) -> None:
        super().__init__()
        self.signals = _PreviewSignals()
        self._db, self._generation, self._period, self._choice = db, generation, period, choice

    def run(self) -> None:
        try:
            try:
                document = reports.build_document(self._db, self._period, self._choice)
            except Exception as exc:  # noqa: BLE001 - handed to the page, which says it in French
                self.signals.failed.emit(self._generation, exc)
            else:
                self.signals.done.emit(self._generation, document)
        except RuntimeError:  # the page (and the signals' receiver) went away meanwhile: nobody waits
            pass


def _month_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat("MM/yyyy")
    edit.setCalendarPopup(False)
    return edit


def _qdate_month(value: QDate) -> int:
    return value.year() * 100 + value.month()


class ReportsPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._generation = 0
        self._document: ReportDocument | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._start_preview)
        self._build()
        self._load_scopes()
        self._on_kind()

    # -- building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        title = page_title(self.tr("Rapports"))
        hint = WrappedLabel()
        hint.setText(
            self.tr(
                "Choisissez la période et le périmètre : les chiffres clés s'affichent aussitôt. "
                "Générez ensuite le classeur Excel ou le PDF à remettre aux financeurs."
            )
        )
        set_secondary(hint)

        today = dt.date.today()
        previous = QDate(today.year, today.month, 1).addMonths(-1)
        self.kind = QComboBox()
        for key, label in zip(
            KINDS, (self.tr("Mois"), self.tr("Trimestre"), self.tr("Année"), self.tr("Période libre")), strict=True
        ):
            self.kind.addItem(label, key)
        self.kind.setAccessibleName(self.tr("Type de période"))
        self.month = _month_edit()
        self.month.setDate(previous)
        self.month.setAccessibleName(self.tr("Mois du rapport"))
        self.year = QSpinBox()
        self.year.setRange(1990, 2999)
        self.year.setValue(previous.year())
        self.year.setAccessibleName(self.tr("Année du rapport"))
        self.quarter = QComboBox()
        for n in range(1, 5):
            self.quarter.addItem(self.tr("T{n}").format(n=n), n)
        self.quarter.setCurrentIndex((previous.month() - 1) // 3)
        self.quarter.setAccessibleName(self.tr("Trimestre du rapport"))
        self.range_from = _month_edit()
        self.range_from.setDate(previous.addMonths(-11))
        self.range_from.setAccessibleName(self.tr("Premier mois de la période"))
        self.range_to = _month_edit()
        self.range_to.setDate(previous)
        self.range_to.setAccessibleName(self.tr("Dernier mois de la période"))
        self.range_label = QLabel(self.tr("à"))

        period_row = QHBoxLayout()
        for widget in (
            self.kind,
            self.month,
            self.quarter,
            self.year,
            self.range_from,
            self.range_label,
            self.range_to,
        ):
            period_row.addWidget(widget)
        period_row.addStretch(1)
        self.scope = CodePicker()
        self.scope.setAccessibleName(self.tr("Périmètre du rapport"))
        self.period_error = QLabel()
        self.period_error.setObjectName("error")
        self.period_error.setStyleSheet("color: #b00020;")
        self.period_error.setVisible(False)

        choose = QFormLayout()
        period_label = QLabel(self.tr("&Période :"))
        period_label.setBuddy(self.kind)
        choose.addRow(period_label, period_row)
        choose.addRow("", self.period_error)
        scope_label = QLabel(self.tr("P&érimètre :"))
        scope_label.setBuddy(self.scope)
        choose.addRow(scope_label, self.scope)

        # The month's closing state and its actions.
        self.state_box = QGroupBox(self.tr("Clôture du mois"))
        self.state_text = WrappedLabel()
        self.close_button = QPushButton(self.tr("&Clôturer le mois…"))
        self.reopen_button = QPushButton(self.tr("&Rouvrir le mois…"))
        for button in (self.close_button, self.reopen_button):
            button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close_month)
        self.reopen_button.clicked.connect(self.reopen_month)
        state_layout = QHBoxLayout(self.state_box)
        state_layout.addWidget(self.state_text, 1)
        state_layout.addWidget(self.close_button)
        state_layout.addWidget(self.reopen_button)

        # The preview.
        self.preview_state = QLabel()
        set_secondary(self.preview_state)
        self.figures = QTableWidget(0, 6)
        self.figures.setHorizontalHeaderLabels(
            [
                self.tr("Indicateur"),
                self.tr("Valeur"),
                self.tr("Mois précédent"),
                self.tr("Écart"),
                self.tr("Cumul annuel"),
                self.tr("Base"),
            ]
        )
        self.figures.setAccessibleName(self.tr("Chiffres clés"))
        self.figures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.figures.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.figures.verticalHeader().setVisible(False)
        header = self.figures.horizontalHeader()
        for column in range(5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)  # the base of a rate: the longest text
        self.figures.setWordWrap(False)
        self.warnings = WrappedLabel()
        self.warnings.setAccessibleName(self.tr("Avertissements sur la qualité des données"))

        self.xlsx_button = QPushButton(self.tr("Générer le classeur E&xcel…"))
        self.pdf_button = QPushButton(self.tr("Générer le P&DF…"))
        self.xlsx_button.setToolTip(self.tr("Un classeur : couverture, une feuille par section, graphiques, données."))
        self.pdf_button.setToolTip(self.tr("Quelques pages A4 à remettre aux financeurs."))
        self.xlsx_button.clicked.connect(self.generate_xlsx)
        self.pdf_button.clicked.connect(self.generate_pdf)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.xlsx_button)
        buttons.addWidget(self.pdf_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(choose)
        layout.addWidget(self.state_box)
        layout.addWidget(self.preview_state)
        layout.addWidget(self.figures, 1)
        layout.addWidget(self.warnings)
        layout.addLayout(buttons)

        self.kind.currentIndexChanged.connect(self._on_kind)
        for edit in (self.month, self.range_from, self.range_to):
            edit.dateChanged.connect(self._changed)
        self.year.valueChanged.connect(self._changed)
        self.quarter.currentIndexChanged.connect(self._changed)
        self.scope.code_changed.connect(self._changed)
        QWidget.setTabOrder(self.kind, self.month)
        QWidget.setTabOrder(self.month, self.quarter)
        QWidget.setTabOrder(self.quarter, self.year)
        QWidget.setTabOrder(self.year, self.range_from)
        QWidget.setTabOrder(self.range_from, self.range_to)
        QWidget.setTabOrder(self.range_to, self.scope)
        QWidget.setTabOrder(self.scope, self.close_button)
        QWidget.setTabOrder(self.close_button, self.reopen_button)
        QWidget.setTabOrder(self.reopen_button, self.figures)
        QWidget.setTabOrder(self.figures, self.xlsx_button)
        QWidget.setTabOrder(self.xlsx_button, self.pdf_button)

    def _load_scopes(self) -> None:
        self._choices = {choice.key: choice for choice in reports.scope_choices(self.context.db)}
        current = self.scope.code() or reports.STRUCTURE_CHOICE_KEY
        self.scope.set_choices([Choice(key, choice.label) for key, choice in self._choices.items()])
        self.scope.set_code(current if current in self._choices else reports.STRUCTURE_CHOICE_KEY)

    # -- the choice -------------------------------------------------------------------------------

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    @Slot()
    def _on_kind(self) -> None:
        kind = self.current_kind()
        self.month.setVisible(kind == "month")
        self.quarter.setVisible(kind == "quarter")
        self.year.setVisible(kind in ("quarter", "year"))
        for widget in (self.range_from, self.range_label, self.range_to):
            widget.setVisible(kind == "range")
        self._changed()

    def period(self) -> Period:
        """The chosen period; :class:`ValidationError` (French) for a range that ends before it starts."""
        kind = self.current_kind()
        if kind == "month":
            month = _qdate_month(self.month.date())
            return Period(month, month)
        if kind == "quarter":
            return reports.parse_period(f"{self.year.value()}-T{self.quarter.currentData()}")
        if kind == "year":
            return Period.year(self.year.value())
        first, last = _qdate_month(self.range_from.date()), _qdate_month(self.range_to.date())
        return reports.parse_period(f"{first // 100}-{first % 100:02d}:{last // 100}-{last % 100:02d}")

    def choice(self) -> reports.ScopeChoice:
        return self._choices.get(self.scope.code() or "", reports.structure_choice())

    @Slot()
    def _changed(self) -> None:
        self._document = None
        self._set_generate_enabled(False)
        self._timer.start()

    def shown_month(self) -> int | None:
        try:
            period = self.period()
        except ValidationError:
            return None
        return period.first if period.first == period.last else None

    # -- the preview ------------------------------------------------------------------------------

    def activated(self) -> None:
        self._load_scopes()
        self._changed()

    @Slot()
    def _start_preview(self) -> None:
        try:
            period = self.period()
        except ValidationError as exc:
            self.period_error.setText("\n".join(e.message for e in exc.errors))
            self.period_error.setVisible(True)
            self.preview_state.clear()
            self.figures.setRowCount(0)
            return
        self.period_error.setVisible(False)
        self._generation += 1
        self.preview_state.setText(self.tr("Calcul des chiffres…"))
        job = _Preview(self.context.db, self._generation, period, self.choice())
        job.signals.done.connect(self._on_preview)
        job.signals.failed.connect(self._on_preview_failed)
        self._pool.start(job)
        self._show_state(period)
        month = self.shown_month()
        if month is not None:
            self.context.month_shown.emit(month)

    @Slot(int, object)
    def _on_preview(self, generation: int, document: ReportDocument) -> None:
        if generation != self._generation:
            return  # an older choice: the latest one is on its way
        self._document = document
        self.preview_state.setText(
            self.tr("{title} — {scope}").format(title=document.title, scope=document.scope_label)
        )
        self._fill_figures(document.key_figures)
        if document.warnings:
            self.warnings.setText(
                self.tr("À vérifier avant d'envoyer :") + "\n" + "\n".join(f"• {w.text}" for w in document.warnings)
            )
        else:
            self.warnings.setText(self.tr("Aucun avertissement sur la qualité des données."))
        self._set_generate_enabled(True)

    @Slot(int, object)
    def _on_preview_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        text = _failure_text(exc)
        if text is None:
            raise exc
        self.preview_state.setText(self.tr("Les chiffres n'ont pas pu être calculés : {reason}").format(reason=text))
        self.figures.setRowCount(0)

    def _fill_figures(self, figures: tuple[KeyFigure, ...]) -> None:
        from medios.export import french

        self.figures.setRowCount(len(figures))
        for row, figure in enumerate(figures):
            change = ""
            if figure.diff is not None:
                change = french.format_difference(figure.diff, figure.kind)
                if figure.diff_pct is not None:
                    change += f" ({french.format_percent(figure.diff_pct, signed=True)})"
            base = ""
            if figure.denominator is not None:
                base = f"{french.format_count(figure.denominator)} {figure.denominator_label or ''}".strip()
            values = [
                figure.label,
                french.format_value(figure.value, figure.kind),
                french.format_value(figure.previous, figure.kind) if figure.previous is not None else "",
                change,
                french.format_value(figure.ytd, figure.kind) if figure.ytd is not None else "",
                base,
            ]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if 0 < column < 5:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.figures.setItem(row, column, item)

    def _set_generate_enabled(self, enabled: bool) -> None:
        self.xlsx_button.setEnabled(enabled)
        self.pdf_button.setEnabled(enabled)

    def wait_for_preview(self) -> bool:
        """Tests and screenshots: ``True`` once the latest preview is on screen."""
        return self._document is not None and not self._timer.isActive()

    # -- closing ----------------------------------------------------------------------------------

    def _show_state(self, period: Period) -> None:
        if period.first != period.last:
            self.state_box.setVisible(False)
            return
        self.state_box.setVisible(True)
        state = closure.month_state(self.context.db, period.first)
        name = reports.month_label(period.first)
        name = name[:1].upper() + name[1:]
        if state.status == closure.CLOSED:
            at = state.closed_at.astimezone().strftime("%d/%m/%Y") if state.closed_at else ""
            text = self.tr("{month} : mois clôturé le {at} par {by} (v{version}) ; {n} modification(s) depuis.").format(
                month=name, at=at, by=state.closed_by or "—", version=state.version, n=state.amendments_since
            )
        elif state.status == closure.REOPENED:
            text = self.tr("{month} : mois rouvert (motif : {reason}) ; les chiffres sont recalculés.").format(
                month=name, reason=state.reopen_reason or ""
            )
        else:
            text = self.tr("{month} : mois ouvert.").format(month=name)
        self.state_text.setText(text)
        coordinator = self.context.user_role() in closure.CLOSING_ROLES
        self.close_button.setVisible(state.status != closure.CLOSED)
        self.reopen_button.setVisible(state.status == closure.CLOSED)
        for button in (self.close_button, self.reopen_button):
            button.setEnabled(coordinator)
            button.setToolTip("" if coordinator else self.tr("Réservé à la coordination."))

    @Slot()
    def close_month(self) -> None:
        month = self.shown_month()
        if month is None:
            return
        name = reports.month_label(month)
        if not msgbox.question(
            self,
            self.tr("Clôturer {month} ?").format(month=name),
            self.tr(
                "Les chiffres du mois seront figés : les rapports de ce mois ne changeront plus. Les corrections "
                "restent possibles et seront enregistrées comme modifications après clôture."
            ),
        ):
            return
        try:
            closure.close_month(self.context.db, month, actor_id=self.context.user_id)
        except ValidationError as exc:
            msgbox.warning(self, self.tr("Le mois n'a pas été clôturé."), "\n".join(e.message for e in exc.errors))
            return
        self.context.show_status(self.tr("{month} clôturé.").format(month=name[:1].upper() + name[1:]))
        self.context.data_changed.emit()
        self._changed()

    @Slot()
    def reopen_month(self) -> None:
        month = self.shown_month()
        if month is None:
            return
        reason = self.ask_reason(month)
        if reason is None:
            return
        try:
            closure.reopen_month(self.context.db, month, reason=reason, actor_id=self.context.user_id)
        except ValidationError as exc:
            msgbox.warning(self, self.tr("Le mois n'a pas été rouvert."), "\n".join(e.message for e in exc.errors))
            return
        self.context.data_changed.emit()
        self._changed()

    def ask_reason(self, month: int) -> str | None:
        """Why the month is reopened, from a small dialog (tests replace this method); ``None``: cancelled."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Rouvrir {month}").format(month=reports.month_label(month)))
        dialog.setLabelText(self.tr("Pourquoi rouvrir ce mois ? (obligatoire, enregistré, 200 caractères au plus)"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setOkButtonText(self.tr("Rouvrir"))
        dialog.setCancelButtonText(self.tr("Annuler"))
        edit = dialog.findChild(QLineEdit)
        if edit is not None:
            edit.setMaxLength(200)
            edit.setAccessibleName(self.tr("Motif de réouverture"))
        if dialog.exec() != QInputDialog.DialogCode.Accepted:
            return None
        return dialog.textValue()

    # -- generating -------------------------------------------------------------------------------

    @Slot()
    def generate_xlsx(self) -> None:
        self._generate("xlsx")

    @Slot()
    def generate_pdf(self) -> None:
        self._generate("pdf")

    def suggested_path(self, fmt: str) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        return Path(folder) / reports.file_name(self.period(), self.choice(), fmt)

    def ask_path(self, fmt: str) -> Path | None:
        """The file to write, from a save dialog (tests replace this method)."""
        pattern = self.tr("Classeur Excel (*.xlsx)") if fmt == "xlsx" else self.tr("Document PDF (*.pdf)")
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Enregistrer le rapport"), str(self.suggested_path(fmt)), pattern
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == f".{fmt}" else path.with_name(path.name + f".{fmt}")

    def _generate(self, fmt: str) -> None:
        try:
            period, choice = self.period(), self.choice()
        except ValidationError as exc:
            msgbox.warning(self, "\n".join(e.message for e in exc.errors))
            return
        path = self.ask_path(fmt)
        if path is None:
            return
        db = self.context.db

        def work(job: Job) -> Path:
            document = reports.build_document(db, period, choice)
            job.progress(1, 2)  # raises Cancelled if « Annuler » was pressed: nothing written
            reports.write_report(document, fmt, path)
            job.progress(2, 2)
            return path

        try:
            written = run_in_background(
                self, self.tr("Rapport"), self.tr("Écriture de {name}…").format(name=path.name), work
            )
        except Cancelled:
            msgbox.information(self, self.tr("Rapport annulé : aucun fichier n'a été écrit."))
            return
        except Exception as exc:
            text = _failure_text(exc)
            if text is None:
                raise
            msgbox.critical(self, self.tr("Le rapport n'a pas été écrit."), text)
            return
        self.offer_to_open(written)

    def offer_to_open(self, path: Path) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Médios"),
            self.tr("Rapport écrit : {name}").format(name=path.name),
            QMessageBox.StandardButton.Close,
            self,
        )
        box.setInformativeText(str(path))
        open_file = box.addButton(self.tr("Ouvrir le fichier"), QMessageBox.ButtonRole.AcceptRole)
        open_folder = box.addButton(self.tr("Ouvrir le dossier"), QMessageBox.ButtonRole.ActionRole)
        box.setDefaultButton(open_file)
        box.exec()
        clicked = box.clickedButton()
        if clicked is open_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif clicked is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    def closing(self) -> None:
        self._timer.stop()
        self._generation += 1  # a preview under way is ignored when it arrives
        self._pool.waitForDone()
