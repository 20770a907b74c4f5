"""Choosing a code of the référentiel (or any list of choices) by typing part of its code or label.

:class:`CodePicker` is an editable combo box: typing filters the list on the code or the label with
accents and case ignored (« medi » finds « Médiation », « tranq » finds « Tranquillité publique »),
Entrée or Tab takes the first match, and :meth:`CodePicker.code` gives the chosen code (``None``
when nothing valid is chosen).  Sensitive terms (domain brief: some motifs) carry a mark and a
tooltip.  :func:`fold` is the comparison key, shared with other searches of the window.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from medios.referentiel import Referentiel

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
SENSITIVE_MARK = "⚠"


def fold(text: str) -> str:
    """``text`` without accents nor case, for comparisons (« Médiation » -> « mediation »)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True, slots=True)
class Choice:
    code: str
    label: str
    sensitive: bool = False


def referentiel_choices(
    ref: Referentiel, vocab: str, language: str = "fr", *, parent: str | None = None, keep: str | None = None
) -> list[Choice]:
    """The active terms of ``vocab`` in display order (only the children of ``parent`` when given);
    ``keep``: a retired code still shown because the record being edited holds it."""
    vocabulary = ref.vocab(vocab)
    choices = []
    for term in vocabulary:
        if parent is not None and term.parent != parent:
            continue
        if term.active or term.code == keep:
            choices.append(Choice(term.code, term.label(language), term.sensitive))
    return choices


class _FoldedFilter(QSortFilterProxyModel):
    """Rows whose folded code or label contains the folded text typed (anywhere, not only at the start)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._needle = ""

    def set_needle(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = fold(text.strip())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._needle:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return self._needle in str(index.data(SEARCH_ROLE) or "")


class CodePicker(QComboBox):
    """An editable combo box of choices filtered as one types (see the module's docstring).

    ``code_changed`` is emitted with the chosen code (``None`` when the text matches no choice).
    ``allow_empty``: a first « — » entry meaning « not given ».
    """

    code_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, allow_empty: bool = False) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self._allow_empty = allow_empty
        self._items = QStandardItemModel(self)
        self.setModel(self._items)
        self._filter = _FoldedFilter(self)
        self._filter.setSourceModel(self._items)
        completer = QCompleter(self)
        completer.setModel(self._filter)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated[str].connect(self._on_completed)  # type: ignore[index]
        self.setCompleter(completer)
        edit = self.lineEdit()
        edit.textEdited.connect(self._on_edited)
        edit.editingFinished.connect(self._take_best_match)
        self.currentIndexChanged.connect(self._on_index)
        self._last: str | None = None

    # -- content --------------------------------------------------------------------------------

    def set_choices(self, choices: Iterable[Choice], *, keep_code: bool = True) -> None:
        """Replace the list (the chosen code stays chosen if still there and ``keep_code``)."""
        previous = self.code() if keep_code else None
        blocked = self.blockSignals(True)
        self._items.clear()
        if self._allow_empty:
            empty = QStandardItem("—")
            empty.setData(None, CODE_ROLE)
            empty.setData("", SEARCH_ROLE)
            self._items.appendRow(empty)
        for choice in choices:
            text = f"{choice.label} {SENSITIVE_MARK}" if choice.sensitive else choice.label
            item = QStandardItem(text)
            item.setData(choice.code, CODE_ROLE)
            item.setData(fold(f"{choice.code} {choice.label}"), SEARCH_ROLE)
            item.setToolTip(
                QCoreApplication.translate(
                    "Pickers", "{code} — motif sensible : à n'utiliser qu'avec précaution"
                ).format(code=choice.code)
                if choice.sensitive
                else choice.code
            )
            self._items.appendRow(item)
        self.blockSignals(blocked)
        self.set_code(previous)
        if previous is None:
            self.setCurrentIndex(0 if self._allow_empty else -1)
            if not self._allow_empty:
                self.lineEdit().clear()

    def codes(self) -> list[str | None]:
        return [self._items.item(row).data(CODE_ROLE) for row in range(self._items.rowCount())]

    # -- value ----------------------------------------------------------------------------------

    def code(self) -> str | None:
        """The chosen code, ``None`` if nothing (or « — ») is chosen or the text matches no choice."""
        index = self.currentIndex()
        if index < 0:
            return None
        if self.lineEdit().text() != self.itemText(index):
            return None  # typed over the choice without choosing again
        value = self._items.item(index).data(CODE_ROLE)
        return str(value) if value is not None else None

    def set_code(self, code: str | None) -> None:
        for row in range(self._items.rowCount()):
            if self._items.item(row).data(CODE_ROLE) == code:
                self.setCurrentIndex(row)
                self.lineEdit().setText(self.itemText(row))
                self._emit_if_changed()
                return
        self.setCurrentIndex(0 if self._allow_empty and code is None else -1)
        if code is None and not self._allow_empty:
            self.lineEdit().clear()
        self._emit_if_changed()

    def matches(self, text: str) -> list[str | None]:
        """The codes a user typing ``text`` is offered, in order (for tests and the best match)."""
        self._filter.set_needle(text)
        return [self._filter.index(row, 0).data(CODE_ROLE) for row in range(self._filter.rowCount())]

    def commit(self) -> None:
        """Take the typed text as a choice now, as leaving the field would (a form saved by Ctrl+S)."""
        self._take_best_match()

    # -- typing ---------------------------------------------------------------------------------

    def _on_edited(self, text: str) -> None:
        self._filter.set_needle(text)
        if text.strip():
            self.completer().complete()

    def _on_completed(self, text: str) -> None:
        row = self.findText(text)
        if row >= 0:
            self.setCurrentIndex(row)
            self.lineEdit().setText(self.itemText(row))
        self._emit_if_changed()

    def _take_best_match(self) -> None:
        """Leaving the field (Tab, Entrée): the typed text becomes the first choice it matches."""
        text = self.lineEdit().text()
        if self.code() is None and text.strip():
            exact = [row for row in range(self._items.rowCount()) if fold(self.itemText(row)) == fold(text)]
            found = self.matches(text)
            target = None
            if exact:
                target = exact[0]
            elif found:
                target = next(
                    r for r in range(self._items.rowCount()) if self._items.item(r).data(CODE_ROLE) == found[0]
                )
            if target is not None:
                self.setCurrentIndex(target)
                self.lineEdit().setText(self.itemText(target))
        self._emit_if_changed()

    def _on_index(self, _index: int) -> None:
        self._emit_if_changed()

    def _emit_if_changed(self) -> None:
        code = self.code()
        if code != self._last:
            self._last = code
            self.code_changed.emit(code)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.completer().popup().isVisible():
            popup = self.completer().popup()
            if not popup.currentIndex().isValid() and self._filter.rowCount():
                popup.setCurrentIndex(self._filter.index(0, 0))
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        returning = event.reason() in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)
        if self._allow_empty and self.code() is None and not returning:
            self.lineEdit().selectAll()  # typing replaces « — », however the field got the focus

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._take_best_match()
        super().focusOutEvent(event)


def string_choices(pairs: Sequence[tuple[str, str]]) -> list[Choice]:
    """Choices from ``(code, label)`` pairs (dispositifs, sites, partners: their id as code)."""
    return [Choice(code, label) for code, label in pairs]
