"""What every section of « Paramètres » shares: a form whose fields carry their own error line, and a
list of records beside it (create, correct, rename, retire).

Service calls are short (one row, one transaction), so they run on the window's thread; the
territory import, which may read tens of thousands of lines, runs on a worker (see :mod:`.territories`).
Validation errors from the services are shown in French under the field they concern; nothing is
written then.  After a write the section tells the other pages (``context.data_changed``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medios.db import StorageError, storage_errors
from medios.services.errors import NotFoundError, ValidationError

from medios.ui import msgbox
from medios.ui.pages import PageContext
from medios.ui.widgets import ErrorLabel, WrappedLabel, set_secondary

T = TypeVar("T")
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("Settings", text)


def sentence(message: str) -> str:
    """Service messages are fragments (« valeur obligatoire. »); under a field they start a sentence."""
    return message[:1].upper() + message[1:]


def with_shortcut(tooltip: str, shortcut: str) -> str:
    """« Enregistrer (Ctrl+S) »: the shortcut, in the platform's words, shown in the tooltip."""
    native = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
    return f"{tooltip} ({native})"


class CheckList(QListWidget):
    """Several choices ticked in a short list (codes of a vocabulary, territories, partners); Space ticks."""

    def __init__(self, parent: QWidget | None = None, *, rows: int = 4) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._rows = rows

    def set_choices(self, choices: Iterable[tuple[str, Any]]) -> None:
        """``(text, value)`` pairs; the ticked values that are still offered stay ticked."""
        kept = self.values()
        self.clear()
        for text, value in choices:
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(ID_ROLE, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if value in kept else Qt.CheckState.Unchecked)
            self.addItem(item)
        height = self.sizeHintForRow(0) if self.count() else self.fontMetrics().height() + 4
        self.setFixedHeight(height * min(max(self.count(), 1), self._rows) + 2 * self.frameWidth() + 2)

    def values(self) -> frozenset[Any]:
        return frozenset(
            self.item(row).data(ID_ROLE)
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        )

    def set_values(self, values: Iterable[Any]) -> None:
        wanted = set(values)
        for row in range(self.count()):
            item = self.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(ID_ROLE) in wanted else Qt.CheckState.Unchecked)

    def set_checked(self, value: Any, checked: bool = True) -> None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(ID_ROLE) == value:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


class FormSection(QWidget):
    """A titled section with a form; :meth:`add_field` gives each field a label, a buddy and an error line."""

    def __init__(self, context: PageContext, title: str, intro: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.heading = QLabel(title)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.intro = WrappedLabel()
        self.intro.setText(intro)
        self.intro.setVisible(bool(intro))
        set_secondary(self.intro)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.general_error = ErrorLabel()
        self.general_error.setObjectName("general_error")
        self._errors: dict[str, ErrorLabel] = {}
        self._fields: dict[str, QWidget] = {}
        self._order: list[QWidget] = []  # the fields, in the order of the form

    def add_field(self, label: str, widget: QWidget, *keys: str, hint: str = "") -> ErrorLabel:
        """A form row « label : widget », the error line under the widget (for the service fields ``keys``)."""
        caption = QLabel(label)
        caption.setBuddy(widget)
        widget.setAccessibleName(label.replace("&", "").rstrip(" :"))
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if hint:
            note = WrappedLabel()
            note.setText(hint)
            set_secondary(note)
            column.addWidget(note)
        error = ErrorLabel()
        column.addWidget(error)
        self.form.addRow(caption, column)
        self._order.append(widget)
        for key in keys:
            self._errors[key] = error
            self._fields[key] = widget
        return error

    def chain_tab_order(self, before: list[QWidget], after: list[QWidget]) -> None:
        """Tab goes through ``before``, the fields from top to bottom, then ``after`` (the layout's order)."""
        chain = [*before, *self._order, *after]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def error_for(self, key: str) -> ErrorLabel:
        return self._errors.get(key, self.general_error)

    def clear_errors(self) -> None:
        self.general_error.clear_error()
        for label in set(self._errors.values()):
            label.clear_error()

    def show_errors(self, error: ValidationError) -> None:
        first: QWidget | None = None
        for key, messages in error.by_field().items():
            self.error_for(key).show_error("\n".join(sentence(m) for m in messages))
            first = first or self._fields.get(key)
        if first is not None:
            first.setFocus()

    def run(self, action: Callable[[], T], failure: str) -> T | None:
        """Call a service: its French errors go under their fields, a storage failure in a box; ``None`` then."""
        self.clear_errors()
        try:
            with storage_errors():
                return action()
        except ValidationError as exc:
            self.show_errors(exc)
        except NotFoundError as exc:
            self.general_error.show_error(str(exc))
        except StorageError as exc:
            msgbox.critical(self, failure, str(exc))
        return None

    def changed(self) -> None:
        """After a write: the other pages and sections refresh what they show."""
        self.context.data_changed.emit()

    def refresh(self) -> None:
        """Read again what may have changed elsewhere (keep what is being typed)."""

    def button(self, text: str, tooltip: str, shortcut: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(with_shortcut(tooltip, shortcut) if shortcut else tooltip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        if shortcut:
            sequence = QShortcut(QKeySequence(shortcut), self)
            sequence.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sequence.activated.connect(button.click)
        return button


class RecordSection(FormSection):
    """A list of live records beside the form that creates or corrects the selected one.

    Subclasses build their fields in ``__init__`` (after calling this one) and implement
    :meth:`records`, :meth:`fill`, :meth:`create`, :meth:`update` and :meth:`retire_record`.
    """

    # Short names of the record, for the buttons and messages (French sources, "Settings" context).
    noun = ""
    retire_question = ""

    def __init__(self, context: PageContext, title: str, intro: str = "", parent: QWidget | None = None) -> None:
        super().__init__(context, title, intro, parent)
        self.items = QListWidget()
        self.items.setAccessibleName(title)
        self.items.setMinimumWidth(200)
        self.items.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.items.currentItemChanged.connect(self._on_selected)
        self.new_button = self.button(
            QCoreApplication.translate("Settings", "Nou&veau"),
            QCoreApplication.translate("Settings", "Vider le formulaire pour ajouter un élément"),
            "Ctrl+Shift+N",
        )
        self.save_button = self.button(
            QCoreApplication.translate("Settings", "&Enregistrer"),
            QCoreApplication.translate("Settings", "Enregistrer ce formulaire"),
            "Ctrl+S",
        )
        self.retire_button = self.button(
            QCoreApplication.translate("Settings", "Ret&irer…"),
            QCoreApplication.translate(
                "Settings", "Retirer l'élément choisi : il n'est plus proposé, son historique est gardé"
            ),
        )
        self.restore_button = self.button(
            QCoreApplication.translate("Settings", "Rétabl&ir"),
            QCoreApplication.translate("Settings", "Rétablir l'élément retiré choisi : il est de nouveau proposé"),
        )
        self.show_retired = QCheckBox(QCoreApplication.translate("Settings", "Afficher les éléments retirés"))
        self.show_retired.setAccessibleName(self.show_retired.text())
        self.show_retired.setToolTip(
            QCoreApplication.translate("Settings", "Lister les éléments retirés pour en rétablir un")
        )
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)
        self.retire_button.clicked.connect(self.retire)
        self.restore_button.clicked.connect(self.restore)
        self.show_retired.toggled.connect(self._on_show_retired)
        self.mode = QLabel()
        set_secondary(self.mode)
        self.current_id: uuid.UUID | None = None

    def finish_layout(self) -> None:
        """Place the list, the form and the buttons (subclasses call it once their fields are added)."""
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.retire_button)
        right = QVBoxLayout()
        right.addWidget(self.mode)
        right.addLayout(self.form)
        right.addWidget(self.general_error)
        right.addLayout(buttons)
        right.addStretch(1)
        buttons.insertWidget(buttons.count() - 1, self.restore_button)
        left = QVBoxLayout()
        left.addWidget(self.items, 1)
        left.addWidget(self.show_retired)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        outer = QVBoxLayout(self)
        outer.addWidget(self.heading)
        outer.addWidget(self.intro)
        outer.addLayout(body, 1)
        self.chain_tab_order(
            [self.items, self.show_retired],
            [self.save_button, self.new_button, self.restore_button, self.retire_button],
        )
        self.refresh()
        self.start_new()

    # -- to implement ----------------------------------------------------------------------------

    @property
    def retired(self) -> bool:
        """Whether the list shows the retired records (to restore one) instead of the live ones."""
        return self.show_retired.isChecked()

    def records(self) -> Iterable[tuple[str, uuid.UUID, Any]]:
        """``(text shown in the list, id, record)`` for every live record (every retired one when :attr:`retired`)."""
        raise NotImplementedError

    def restore_record(self, record_id: uuid.UUID) -> None:
        raise NotImplementedError

    def fill(self, record: Any | None) -> None:
        """Put ``record`` in the form (``None``: an empty form for a new record)."""
        raise NotImplementedError

    def create(self) -> uuid.UUID:
        raise NotImplementedError

    def update(self, record_id: uuid.UUID) -> None:
        raise NotImplementedError

    def retire_record(self, record_id: uuid.UUID) -> None:
        raise NotImplementedError

    # -- behaviour ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """The list read again; the selection stays (the form too, unless its record was retired)."""
        keep = self.current_id
        blocked = self.items.blockSignals(True)
        self.items.clear()
        self._records: dict[uuid.UUID, Any] = {}
        for text, record_id, record in self.records():
            item = QListWidgetItem(text)
            item.setToolTip(text)  # the whole text where the list is narrow
            item.setData(ID_ROLE, str(record_id))
            self.items.addItem(item)
            self._records[record_id] = record
        self.items.blockSignals(blocked)
        if keep is not None and keep in self._records:
            self._select(keep)
        elif keep is not None:
            self.start_new()

    def _select(self, record_id: uuid.UUID) -> None:
        blocked = self.items.blockSignals(True)
        for row in range(self.items.count()):
            if self.items.item(row).data(ID_ROLE) == str(record_id):
                self.items.setCurrentRow(row)
        self.items.blockSignals(blocked)

    def record(self, record_id: uuid.UUID) -> Any:
        return self._records.get(record_id)

    def _on_selected(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.current_id = uuid.UUID(str(item.data(ID_ROLE)))
        self.clear_errors()
        if self.retired:
            self.mode.setText(
                QCoreApplication.translate("Settings", "Élément retiré : rétablissez-le pour le corriger")
            )
        else:
            self.mode.setText(QCoreApplication.translate("Settings", "Correction de l'élément choisi"))
        self._update_buttons()
        self.fill(self._records[self.current_id])

    def _update_buttons(self) -> None:
        retired = self.retired
        chosen = self.current_id is not None
        self.save_button.setVisible(not retired)
        self.new_button.setVisible(not retired)
        self.retire_button.setVisible(not retired)
        self.retire_button.setEnabled(chosen and not retired)
        self.restore_button.setVisible(retired)
        self.restore_button.setEnabled(chosen and retired)
        for widget in self._fields.values():
            widget.setEnabled(not retired)

    def _on_show_retired(self, _checked: bool) -> None:
        self.current_id = None
        self.refresh()
        self.start_new()

    def start_new(self) -> None:
        self.current_id = None
        blocked = self.items.blockSignals(True)
        self.items.setCurrentRow(-1)
        self.items.clearSelection()
        self.items.blockSignals(blocked)
        self.clear_errors()
        if self.retired:
            self.mode.setText(QCoreApplication.translate("Settings", "Choisissez un élément retiré à rétablir"))
        else:
            self.mode.setText(QCoreApplication.translate("Settings", "Nouvel élément"))
        self._update_buttons()
        self.fill(None)

    def save(self) -> bool:
        record_id = self.current_id
        if self.retired:
            return False
        if record_id is None:
            created = self.run(self.create, QCoreApplication.translate("Settings", "L'élément n'a pas été enregistré."))
            if created is None:
                return False
            record_id = created
            self.current_id = created
        elif (
            self.run(
                lambda: self.update(record_id) or True,
                QCoreApplication.translate("Settings", "L'élément n'a pas été enregistré."),
            )
            is None
        ):
            return False
        self.refresh()
        self._select(record_id)
        self.mode.setText(QCoreApplication.translate("Settings", "Correction de l'élément choisi"))
        self._update_buttons()
        self.fill(self._records.get(record_id))
        self.context.show_status(QCoreApplication.translate("Settings", "Enregistré."))
        self.changed()
        return True

    def restore(self) -> bool:
        """Bring the chosen retired record back; the list shows the live records again, with it chosen."""
        record_id = self.current_id
        if record_id is None or not self.retired:
            return False
        if (
            self.run(
                lambda: self.restore_record(record_id) or True,
                QCoreApplication.translate("Settings", "L'élément n'a pas été rétabli."),
            )
            is None
        ):
            return False
        blocked = self.show_retired.blockSignals(True)
        self.show_retired.setChecked(False)
        self.show_retired.blockSignals(blocked)
        self.current_id = record_id
        self.refresh()
        self._select(record_id)
        self.mode.setText(QCoreApplication.translate("Settings", "Correction de l'élément choisi"))
        self._update_buttons()
        self.fill(self._records.get(record_id))
        self.context.show_status(QCoreApplication.translate("Settings", "Rétabli."))
        self.changed()
        return True

    def retire(self) -> bool:
        record_id = self.current_id
        if record_id is None or self.retired:
            return False
        item = self.items.currentItem()
        name = item.text() if item is not None else ""
        if not msgbox.question(
            self,
            _tr(self.retire_question).format(name=name),
            QCoreApplication.translate(
                "Settings",
                "Il ne sera plus proposé à la saisie ; les fiches qui le citent le gardent et son historique est conservé.",
            ),
        ):
            return False
        if (
            self.run(
                lambda: self.retire_record(record_id) or True,
                QCoreApplication.translate("Settings", "L'élément n'a pas été retiré."),
            )
            is None
        ):
            return False
        self.current_id = None
        self.refresh()
        self.start_new()
        self.context.show_status(QCoreApplication.translate("Settings", "Retiré."))
        self.changed()
        return True
