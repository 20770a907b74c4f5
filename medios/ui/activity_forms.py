"""What the pages of tournées, collective actions and partner meetings share.

:class:`RecordsModel` is the list on the left (plain rows, the record as ``Qt.UserRole``); :class:`CheckList`
a keyboard-friendly multiple choice (Espace ticks the current line); :class:`PublicsEditor` the compact
grid of participants by public; :class:`ActivityPage` the page itself: a list, a form with its inline
errors, Ctrl+S to save, Échap to cancel (after a confirmation when something was typed), a delete button.
Subclasses say which fields the form has, how to read and fill them and which services to call.

Nothing typed is lost: like the entry form, the page keeps its form as a draft in the database through a
:class:`~medios.ui.drafts.DraftKeeper` (kind :attr:`ActivityPage.draft_kind`) a moment after each change,
when the page is left and when the window closes; the draft goes once the record is saved or the entry
abandoned, and is offered back when the page next comes on screen (per user).  The draft holds each
field's value by its key (:func:`field_value`), so a subclass has nothing to add for it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from medios.referentiel import Referentiel, load_registry
from medios.services.errors import NotFoundError, ValidationError
from medios.services.rules import PublicCount

from medios.ui import msgbox
from medios.ui.drafts import DraftKeeper
from medios.ui.pages import Page, PageContext
from medios.ui.pickers import Choice, CodePicker, referentiel_choices, string_choices
from medios.ui.preferences_store import active_language
from medios.ui.widgets import ErrorLabel, WrappedLabel, set_secondary

RECORD_ROLE = Qt.ItemDataRole.UserRole
W = TypeVar("W", bound=QWidget)
# Rows a list shows at first and adds on « Afficher les plus anciennes » (read on the GUI thread: about
# 20 ms for 200 rows on a base of 200,000 tournées).
PAGE_ROWS = 200


def french_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def hours_text(minutes: int) -> str:
    """« 4 h 30 », « 45 min »."""
    if minutes < 60:
        return QCoreApplication.translate("ActivityForms", "{m} min").format(m=minutes)
    return QCoreApplication.translate("ActivityForms", "{h} h {m:02d}").format(h=minutes // 60, m=minutes % 60)


class RecordsModel(QAbstractTableModel):
    """Rows of text cells, each with the record it shows (``RECORD_ROLE``); read-only."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[tuple[list[str], Any]] = []

    def set_rows(self, rows: Sequence[tuple[Sequence[str], Any]]) -> None:
        self.beginResetModel()
        self._rows = [(list(cells), record) for cells, record in rows]
        self.endResetModel()

    def record(self, row: int) -> Any:
        return self._rows[row][1] if 0 <= row < len(self._rows) else None

    def row_of(self, predicate: Callable[[Any], bool]) -> int:
        return next((i for i, (_c, r) in enumerate(self._rows) if predicate(r)), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        cells, record = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cells[index.column()] if index.column() < len(cells) else ""
        if role == RECORD_ROLE:
            return record
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._headers):
                return self._headers[section]
        return None


class CheckList(QListWidget):
    """A multiple choice: one line per choice, Espace ticks the current line.  ``changed`` on each tick."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, visible_rows: int = 5) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.itemChanged.connect(lambda _item: self.changed.emit())
        self._visible_rows = visible_rows
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_choices(self, choices: Sequence[Choice]) -> None:
        ticked = set(self.checked())
        blocked = self.blockSignals(True)
        self.clear()
        for choice in choices:
            item = QListWidgetItem(choice.label)
            item.setData(RECORD_ROLE, choice.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if choice.code in ticked else Qt.CheckState.Unchecked)
            self.addItem(item)
        if self.count():
            self.setCurrentRow(0)
        self.blockSignals(blocked)
        rows = min(max(self.count(), 2), self._visible_rows)
        self.setFixedHeight(self.sizeHintForRow(0) * rows + 2 * self.frameWidth() + 4 if self.count() else 40)

    def checked(self) -> list[str]:
        return [
            str(self.item(i).data(RECORD_ROLE))
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, codes: Sequence[str]) -> None:
        wanted = set(codes)
        blocked = self.blockSignals(True)
        for i in range(self.count()):
            item = self.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(RECORD_ROLE) in wanted else Qt.CheckState.Unchecked)
        self.blockSignals(blocked)


class PublicsEditor(QWidget):
    """Participants by public as counts: rows of type, age band, sex and number; empty rows are ignored."""

    changed = Signal()

    def __init__(self, ref: Referentiel, language: str, parent: QWidget | None = None, *, rows: int = 3) -> None:
        super().__init__(parent)
        self._ref, self._language = ref, language
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(6)
        for column, text in enumerate(
            (
                QCoreApplication.translate("ActivityForms", "Public"),
                QCoreApplication.translate("ActivityForms", "Âge"),
                QCoreApplication.translate("ActivityForms", "Sexe"),
                QCoreApplication.translate("ActivityForms", "Nombre"),
            )
        ):
            header = QLabel(text)
            set_secondary(header)
            self._grid.addWidget(header, 0, column)
        self._grid.setColumnStretch(0, 3)
        self._grid.setColumnStretch(1, 2)
        self._grid.setColumnStretch(2, 2)
        self.rows: list[tuple[CodePicker, CodePicker, CodePicker, QSpinBox]] = []
        self.add_button: QPushButton | None = None
        self.total = QLabel()
        for _ in range(rows):
            self.add_row()
        self.add_button = QPushButton(QCoreApplication.translate("ActivityForms", "Ajouter une ligne"))
        self.add_button.setToolTip(
            QCoreApplication.translate("ActivityForms", "Ajoute une ligne de public à la répartition")
        )
        self.add_button.clicked.connect(self.add_row)
        self._place_footer()
        self._update_total()

    def add_row(self) -> None:
        n = len(self.rows) + 1
        kind = CodePicker(allow_empty=True)
        kind.set_choices(referentiel_choices(self._ref, "TYPE_PUBLIC", self._language))
        age = CodePicker(allow_empty=True)
        age.set_choices(referentiel_choices(self._ref, "TRANCHE_AGE", self._language))
        sex = CodePicker(allow_empty=True)
        sex.set_choices(referentiel_choices(self._ref, "SEXE", self._language))
        count = QSpinBox()
        count.setRange(0, 9999)
        count.setSpecialValueText("—")
        for widget, name in (
            (kind, QCoreApplication.translate("ActivityForms", "Public")),
            (age, QCoreApplication.translate("ActivityForms", "Âge")),
            (sex, QCoreApplication.translate("ActivityForms", "Sexe")),
            (count, QCoreApplication.translate("ActivityForms", "Nombre")),
        ):
            widget.setAccessibleName(
                QCoreApplication.translate("ActivityForms", "{field}, ligne {n} de la répartition").format(
                    field=name, n=n
                )
            )
        for picker in (kind, age, sex):
            compact(picker, 6)
            picker.code_changed.connect(lambda _c: self.changed.emit())
        count.valueChanged.connect(self._on_count)
        row = len(self.rows) + 1
        for column, cell in enumerate((kind, age, sex, count)):
            self._grid.addWidget(cell, row, column)
        self.rows.append((kind, age, sex, count))
        self._place_footer()

    def _place_footer(self) -> None:
        """The button and the total under the last row; Tab goes row by row, then to the button."""
        row = len(self.rows) + 1
        self._grid.addWidget(self.total, row, 1, 1, 3)
        if self.add_button is None:
            return
        self._grid.addWidget(self.add_button, row, 0)
        chain: list[QWidget] = [w for r in self.rows for w in r]
        chain.append(self.add_button)
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _on_count(self, _value: int) -> None:
        self._update_total()
        self.changed.emit()

    def _update_total(self) -> None:
        total = sum(count.value() for *_p, count in self.rows)
        self.total.setText(QCoreApplication.translate("ActivityForms", "Total réparti : {n}").format(n=total))

    def values(self) -> tuple[PublicCount, ...]:
        """The rows with a number; a type left empty is sent as is (the service says it is required),
        an age band or a sex left empty is « non communiqué »."""
        result = []
        for kind, age, sex, count in self.rows:
            if count.value() <= 0:
                continue
            result.append(PublicCount(kind.code() or "", age.code() or "NC", sex.code() or "NC", count.value()))
        return tuple(result)

    def set_values(self, publics: Sequence[PublicCount]) -> None:
        while len(self.rows) < len(publics):
            self.add_row()
        for i, (kind, age, sex, count) in enumerate(self.rows):
            value = publics[i] if i < len(publics) else None
            kind.set_code(value.public_type if value else None)
            age.set_code(value.age_band if value else None)
            sex.set_code(value.sex if value else None)
            count.setValue(value.count if value else 0)
        self._update_total()


def compact(combo: QComboBox, characters: int) -> None:
    """A combo box as narrow as ``characters`` allow, not as wide as its longest label (forms must fit 1000 px)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)


def date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setDate(QDate.currentDate())
    return edit


def time_edit() -> QTimeEdit:
    edit = QTimeEdit()
    edit.setDisplayFormat("HH:mm")
    return edit


def to_date(edit: QDateEdit) -> dt.date:
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())


def to_time(edit: QTimeEdit) -> dt.time:
    value = edit.time()
    return dt.time(value.hour(), value.minute())


def set_date(edit: QDateEdit, day: dt.date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


def set_time(edit: QTimeEdit, value: dt.time) -> None:
    edit.setTime(QTime(value.hour, value.minute))


def uuid_or_none(code: str | None) -> uuid.UUID | None:
    return uuid.UUID(code) if code else None


def field_value(widget: QWidget) -> Any:
    """What a form field holds, as a JSON-ready value (for the draft); ``None`` for a widget it does not know."""
    if isinstance(widget, CodePicker):
        code = widget.code()
        return {"code": code} if code is not None else {"text": widget.currentText()}
    if isinstance(widget, CheckList):
        return widget.checked()
    if isinstance(widget, PublicsEditor):
        return [[p.public_type, p.age_band, p.sex, p.count] for p in widget.values()]
    if isinstance(widget, QDateEdit):
        return widget.date().toString("yyyy-MM-dd")
    if isinstance(widget, QTimeEdit):
        return widget.time().toString("HH:mm")
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QLineEdit):
        return widget.text()
    return None


def set_field_value(widget: QWidget, value: Any) -> None:
    """Put back what :func:`field_value` read (a value of another shape is ignored: an old draft)."""
    if isinstance(widget, CodePicker) and isinstance(value, dict):
        if value.get("code") is not None:
            widget.set_code(str(value["code"]))
        else:
            widget.set_code(None)
            widget.setEditText(str(value.get("text") or ""))
    elif isinstance(widget, CheckList) and isinstance(value, list):
        widget.set_checked([str(v) for v in value])
    elif isinstance(widget, PublicsEditor) and isinstance(value, list):
        widget.set_values([PublicCount(str(t), str(a), str(x), int(n)) for t, a, x, n in value if isinstance(n, int)])
    elif isinstance(widget, QDateEdit) and isinstance(value, str):
        day = QDate.fromString(value, "yyyy-MM-dd")
        if day.isValid():
            widget.setDate(day)
    elif isinstance(widget, QTimeEdit) and isinstance(value, str):
        time = QTime.fromString(value, "HH:mm")
        if time.isValid():
            widget.setTime(time)
    elif isinstance(widget, QSpinBox) and isinstance(value, int):
        widget.setValue(value)
    elif isinstance(widget, QLineEdit) and isinstance(value, str):
        widget.setText(value)


class ActivityPage(Page):
    """A list of records on the left, the form of the selected (or new) record on the right.

    Subclasses set the texts, build their fields with :meth:`add_field`, and implement
    :meth:`read_input`, :meth:`fill_form`, :meth:`row_cells` and the service calls.
    """

    headers: Sequence[str] = ()
    # The kind of this page's drafts (medios.services.drafts), one per user.
    draft_kind: str = ""
    # Field keys of the services' errors -> key of the form field that shows them.
    error_aliases: dict[str, str] = {}

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.ref = load_registry().active
        self.language = active_language()
        self.current_id: uuid.UUID | None = None
        self.dirty = False
        self._loading = False
        self.errors: dict[str, ErrorLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.drafts = DraftKeeper(context, self.draft_kind, self.draft_payload, target=self._draft_target, parent=self)

        self.title = QLabel(self.page_title())
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)

        self.model = RecordsModel(self.headers, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(self.list_name())
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.empty_hint = WrappedLabel()
        self.empty_hint.setText(self.empty_text())
        set_secondary(self.empty_hint)

        self.new_button = QPushButton(self.new_text())
        self.new_button.setToolTip(
            QCoreApplication.translate("ActivityForms", "Commencer une nouvelle fiche (Ctrl+Maj+N)")
        )
        self.new_button.clicked.connect(self.new_record)
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, self.new_record, Qt.ShortcutContext.WidgetWithChildrenShortcut)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        left_layout.addWidget(self.title)
        left_layout.addWidget(self.new_button)
        left_layout.addWidget(self.table, 1)
        self.more_button = QPushButton(QCoreApplication.translate("ActivityForms", "Afficher les plus anciennes"))
        self.more_button.setToolTip(
            QCoreApplication.translate("ActivityForms", "Ajoute à la liste les fiches plus anciennes")
        )
        self.more_button.clicked.connect(self.show_more)
        self.more_button.setVisible(False)
        left_layout.addWidget(self.more_button)
        left_layout.addWidget(self.empty_hint)

        self.form_heading = QLabel()
        heading_font = self.form_heading.font()
        heading_font.setBold(True)
        self.form_heading.setFont(heading_font)
        self.form_box = QWidget()
        self.form = QFormLayout(self.form_box)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.general_error = ErrorLabel()
        self.build_form()

        self.save_button = QPushButton(QCoreApplication.translate("ActivityForms", "Enregistrer"))
        self.save_button.setToolTip(QCoreApplication.translate("ActivityForms", "Enregistrer la fiche (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(QCoreApplication.translate("ActivityForms", "Annuler"))
        self.cancel_button.setToolTip(QCoreApplication.translate("ActivityForms", "Annuler la saisie en cours (Échap)"))
        self.cancel_button.clicked.connect(self.cancel)
        self.delete_button = QPushButton(QCoreApplication.translate("ActivityForms", "Supprimer"))
        self.delete_button.setToolTip(
            QCoreApplication.translate("ActivityForms", "Supprimer cette fiche (elle reste dans l'historique)")
        )
        self.delete_button.clicked.connect(self.delete)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancel, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)

        form_column = QWidget()
        column = QVBoxLayout(form_column)
        column.setContentsMargins(8, 0, 8, 8)
        column.addWidget(self.form_heading)
        column.addWidget(self.form_box)
        column.addWidget(self.general_error)
        column.addLayout(buttons)
        self.build_below_form(column)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_column)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([340, 660])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(splitter)

        context.data_changed.connect(self.refresh_list)
        self.refresh_choices()
        self.refresh_list()
        self.new_record(confirm=False)

    # -- to implement -----------------------------------------------------------------------------

    def page_title(self) -> str:
        raise NotImplementedError

    def list_name(self) -> str:
        raise NotImplementedError

    def empty_text(self) -> str:
        raise NotImplementedError

    def new_text(self) -> str:
        raise NotImplementedError

    def heading_text(self, record: Any) -> str:
        raise NotImplementedError

    def saved_text(self) -> str:
        raise NotImplementedError

    def build_form(self) -> None:
        raise NotImplementedError

    def build_below_form(self, column: QVBoxLayout) -> None:
        """Room under the form's buttons (the tournée page lists the interventions made during the block)."""

    def refresh_choices(self) -> None:
        """Reload the lists the form offers (mediators, dispositifs, sites)."""

    def read_input(self) -> Any:
        raise NotImplementedError

    def fill_form(self, record: Any | None) -> None:
        """Fill the form from ``record``; ``None``: a new record with its defaults."""
        raise NotImplementedError

    def row_cells(self, record: Any) -> list[str]:
        raise NotImplementedError

    def list_records(self, before: Any = None) -> list[Any]:
        """The newest :data:`PAGE_ROWS` records, or those older than ``before``."""
        raise NotImplementedError

    def create_record(self, data: Any) -> Any:
        raise NotImplementedError

    def update_record(self, record_id: uuid.UUID, data: Any) -> Any:
        raise NotImplementedError

    def remove_record(self, record_id: uuid.UUID) -> None:
        raise NotImplementedError

    def get_record(self, record_id: uuid.UUID) -> Any:
        """The live record ``record_id`` (raises :class:`NotFoundError` when it is gone)."""
        raise NotImplementedError

    def record_changed(self, record: Any | None) -> None:
        """The record on screen changed (saved, chosen in the list, or a new one)."""

    # -- building helpers -----------------------------------------------------------------------

    def add_field(self, key: str, label: str, widget: W, accessible: str | None = None) -> W:
        """A row of the form: its label, the widget and its (hidden) error line; edits mark the form dirty."""
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(2)
        box_layout.addWidget(widget)
        error = ErrorLabel()
        box_layout.addWidget(error)
        title = QLabel(label)
        title.setBuddy(widget)
        self.form.addRow(title, box)
        widget.setAccessibleName(accessible or label.replace("&", "").rstrip(" :"))
        if isinstance(widget, QComboBox):
            compact(widget, 12)
        self.errors[key] = error
        self.fields[key] = widget
        self.watch(widget)
        return widget

    def watch(self, widget: QWidget) -> None:
        for name in ("code_changed", "changed", "textEdited", "dateChanged", "timeChanged", "valueChanged"):
            signal = getattr(widget, name, None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(self.mark_dirty)
                return

    def mark_dirty(self, *_args: Any) -> None:
        if not self._loading:
            self.dirty = True
            self.drafts.touch()

    def mediator_choices(self) -> list[Choice]:
        from medios.services.overview import live_users

        return string_choices([(str(u.id), u.pseudonym) for u in live_users(self.context.db)])

    def dispositif_choices(self) -> list[Choice]:
        from medios.services.structure import list_dispositifs

        return string_choices([(str(d.id), d.name) for d in list_dispositifs(self.context.db)])

    def code_picker(self, vocab: str, *, allow_empty: bool = False) -> CodePicker:
        picker = CodePicker(allow_empty=allow_empty)
        picker.set_choices(referentiel_choices(self.ref, vocab, self.language))
        return picker

    # -- behaviour -------------------------------------------------------------------------------

    def refresh_list(self) -> None:
        """Read the list again: as many rows as were shown (at least :data:`PAGE_ROWS`)."""
        wanted = max(PAGE_ROWS, self.model.rowCount())
        records = self.list_records()
        while len(records) < wanted and len(records) % PAGE_ROWS == 0 and records:
            more = self.list_records(before=records[-1])
            if not more:
                break
            records.extend(more)
        self._show_rows(records)

    def _show_rows(self, records: list[Any]) -> None:
        self.model.set_rows([(self.row_cells(r), r) for r in records])
        self.empty_hint.setVisible(not records)
        self.more_button.setVisible(len(records) >= PAGE_ROWS and len(records) % PAGE_ROWS == 0)
        self._select(self.current_id)

    def show_more(self) -> None:
        """Add the next :data:`PAGE_ROWS` older records under the list."""
        count = self.model.rowCount()
        if not count:
            return
        more = self.list_records(before=self.model.record(count - 1))
        records = [self.model.record(i) for i in range(count)] + more
        self._show_rows(records)
        if not more:
            self.more_button.setVisible(False)

    def _select(self, record_id: uuid.UUID | None) -> None:
        row = self.model.row_of(lambda r: r.id == record_id) if record_id is not None else -1
        blocked = self.table.selectionModel().blockSignals(True)
        if row >= 0:
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.model.index(row, 0))
        else:
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
        self.table.selectionModel().blockSignals(blocked)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = self.model.record(current.row()) if current.isValid() else None
        if record is None or record.id == self.current_id:
            return
        if self.dirty and not self._confirm_discard():
            self._select(self.current_id)
            return
        if self.dirty:
            self.drafts.discard()
        self.show_record(record)

    def show_record(self, record: Any | None) -> None:
        self._loading = True
        try:
            self.clear_errors()
            self.fill_form(record)
        finally:
            self._loading = False
        self.dirty = False
        self.current_id = record.id if record is not None else None
        self.form_heading.setText(self.heading_text(record))
        self.delete_button.setEnabled(record is not None)
        self.record_changed(record)
        if record is not None and self.isVisible():
            self.context.month_shown.emit(record.month)

    def current_record(self) -> Any | None:
        row = self.model.row_of(lambda r: r.id == self.current_id) if self.current_id is not None else -1
        return self.model.record(row) if row >= 0 else None

    def new_record(self, confirm: bool = True) -> None:
        if confirm and self.dirty and not self._confirm_discard():
            return
        if confirm and self.dirty:
            self.drafts.discard()
        self.refresh_choices()
        self.show_record(None)
        self._select(None)
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.setFocus()

    def _confirm_discard(self) -> bool:
        return msgbox.question(
            self,
            QCoreApplication.translate("ActivityForms", "Abandonner la saisie en cours ?"),
            QCoreApplication.translate(
                "ActivityForms", "Ce que vous avez tapé dans cette fiche ne sera pas enregistré."
            ),
        )

    def cancel(self) -> None:
        if self.dirty and not self._confirm_discard():
            return
        self.drafts.discard()
        self.show_record(self.current_record())

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear_error()
        self.general_error.clear_error()

    def show_errors(self, error: ValidationError) -> None:
        self.clear_errors()
        shown: dict[str, list[str]] = {}
        general: list[str] = []
        for item in error.errors:
            base = item.field.partition("[")[0]
            key = self.error_aliases.get(base, base)
            if key in self.errors:
                shown.setdefault(key, []).append(item.message)
            else:
                general.append(item.for_user())
        for key, messages in shown.items():
            self.errors[key].show_error("\n".join(dict.fromkeys(messages)))
        if general:
            self.general_error.show_error("\n".join(general))
        first = next((self.fields[k] for k in self.fields if k in shown), None)
        if first is not None:
            first.setFocus()

    def save(self) -> bool:
        """Validate and write; ``True`` when written.  Errors show on their fields and nothing is written."""
        try:
            data = self.read_input()
            record = self.create_record(data) if self.current_id is None else self.update_record(self.current_id, data)
        except ValidationError as error:
            self.show_errors(error)
            self.context.show_status(
                QCoreApplication.translate(
                    "ActivityForms", "La fiche n'est pas enregistrée : corrigez les champs signalés."
                )
            )
            return False
        self.current_id = record.id
        self.dirty = False
        self.drafts.discard()
        self.context.data_changed.emit()  # refreshes this list too
        self.show_record(record)
        self._select(record.id)
        self.context.show_status(self.saved_text())
        return True

    def delete(self) -> None:
        if self.current_id is None:
            return
        if not msgbox.question(
            self,
            QCoreApplication.translate("ActivityForms", "Supprimer cette fiche ?"),
            QCoreApplication.translate("ActivityForms", "Elle disparaîtra des listes et des rapports."),
        ):
            return
        try:
            self.remove_record(self.current_id)
        except ValidationError as error:
            self.show_errors(error)
            return
        self.current_id = None
        self.dirty = False
        self.drafts.discard()
        self.context.data_changed.emit()
        self.new_record(confirm=False)
        self.context.show_status(QCoreApplication.translate("ActivityForms", "Fiche supprimée."))

    # -- Page ------------------------------------------------------------------------------------

    # -- drafts ---------------------------------------------------------------------------------

    def _draft_target(self) -> uuid.UUID | None:
        return self.current_id

    def draft_payload(self) -> dict[str, Any]:
        """The form as a draft: the record edited (``None``: a new one) and each field's value by its key."""
        return {
            "record": str(self.current_id) if self.current_id is not None else None,
            "fields": {key: field_value(widget) for key, widget in self.fields.items()},
        }

    def restore_draft(self, payload: dict[str, Any]) -> None:
        """Fill the form from :meth:`draft_payload`'s shape: the record it edited (a new one when it is gone), then
        the values typed."""
        record = None
        record_id = uuid_or_none(payload.get("record") if isinstance(payload.get("record"), str) else None)
        if record_id is not None:
            try:
                record = self.get_record(record_id)
            except NotFoundError:
                record = None
        self.refresh_choices()
        self.show_record(record)
        self._select(self.current_id)
        values = payload.get("fields")
        self._loading = True
        try:
            if isinstance(values, dict):
                for key, widget in self.fields.items():
                    if key in values:
                        set_field_value(widget, values[key])
        finally:
            self._loading = False
        self.dirty = True
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.setFocus()

    def offer_draft(self) -> bool:
        """Offer the user's pending draft of this page back; ``True`` if restored.  A refused draft is deleted."""
        draft = self.drafts.offer(
            self,
            QCoreApplication.translate(
                "ActivityForms", "Une fiche non enregistrée a été retrouvée (%1). La reprendre ?"
            ),
            QCoreApplication.translate("ActivityForms", "Non : elle sera supprimée."),
        )
        if draft is None:
            return False
        self.restore_draft(draft.payload)
        return True

    # -- Page ------------------------------------------------------------------------------------

    def activated(self) -> None:
        self.refresh_choices()
        self.refresh_list()
        if not self.drafts.offered and not self.dirty:
            self.offer_draft()
        self.drafts.mark_offered()

    def can_leave(self) -> bool:
        """Always: what was typed stays in the form, and in the base as a draft."""
        if self.dirty:
            self.drafts.save()
        return True

    def closing(self) -> None:
        if self.dirty:
            self.drafts.save()

    def shown_month(self) -> int | None:
        record = self.current_record()
        return getattr(record, "month", None)


def line_edit(max_length: int, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(max_length)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit
