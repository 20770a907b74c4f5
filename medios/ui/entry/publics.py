"""The publics of an intervention as counts: a compact grid (age band x sex) for each public type.

The type is chosen above the grid (« Non renseigné » by default); the grid shows that type's counts,
one row per age band and one column per sex, « Non communiqué » included.  The keyboard alone fills it:
arrows move, digits type the count of the cell (the first digit replaces, the next ones add), Retour
arrière removes a digit, Suppr empties the cell, Tab leaves the grid.  A line under the grid gives the
running total and every non-empty cell of every type, so nothing hides behind another type.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from medios.referentiel import Referentiel
from medios.services.rules import COUNT_MAX, PublicCount

from medios.ui.pickers import CodePicker, referentiel_choices
from medios.ui.widgets import WrappedLabel

Index = QModelIndex | QPersistentModelIndex
NOT_GIVEN = "NR"


class PublicsModel(QAbstractTableModel):
    """Counts keyed by (type, age band, sex); the table shows those of :attr:`public_type`."""

    counts_changed = Signal()

    def __init__(self, ref: Referentiel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ages = [(t.code, t.label()) for t in ref.vocab("TRANCHE_AGE") if t.active]
        self.sexes = [(t.code, t.label()) for t in ref.vocab("SEXE") if t.active]
        self.public_type = NOT_GIVEN
        self.counts: dict[tuple[str, str, str], int] = {}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.ages)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.sexes)

    def key(self, index: Index) -> tuple[str, str, str]:
        return (self.public_type, self.ages[index.row()][0], self.sexes[index.column()][0])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        count = self.counts.get(self.key(index), 0)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return str(count) if count else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self.ages[index.row()][1]}, {self.sexes[index.column()][1]} : {count}"
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        try:
            count = int(str(value or 0))
        except ValueError:
            return False
        count = max(0, min(count, COUNT_MAX))
        key = self.key(index)
        if count:
            self.counts[key] = count
        else:
            self.counts.pop(key, None)
        self.dataChanged.emit(index, index)
        self.counts_changed.emit()
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.sexes):
            return self.sexes[section][1]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.ages):
            return self.ages[section][1]
        return None

    def set_public_type(self, code: str) -> None:
        if code != self.public_type:
            self.public_type = code
            if self.ages and self.sexes:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self.ages) - 1, len(self.sexes) - 1))

    def set_counts(self, publics: tuple[PublicCount, ...] | list[PublicCount]) -> None:
        self.beginResetModel()
        self.counts = {(p.public_type, p.age_band, p.sex): p.count for p in publics if p.count > 0}
        self.endResetModel()
        self.counts_changed.emit()

    def publics(self) -> tuple[PublicCount, ...]:
        return tuple(PublicCount(t, a, s, n) for (t, a, s), n in self.counts.items() if n > 0)

    def total(self) -> int:
        return sum(self.counts.values())


class PublicsGrid(QTableView):
    """The grid: digits type the count of the current cell (see the module's docstring)."""

    def __init__(self, model: PublicsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._model = model
        self.setTabKeyNavigation(False)  # Tab leaves the grid, arrows move in it
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Each sex column as wide as its header (« Non communiqué » is never cut), the last one takes the rest.
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fresh = True  # the next digit replaces the count (the cursor just arrived)
        self.setCurrentIndex(model.index(0, 0))
        selection = self.selectionModel()
        selection.currentChanged.connect(self._arrived)

    def _arrived(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._fresh = True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        text = event.text()
        if (
            index.isValid()
            and text.isdigit()
            and len(text) == 1
            and event.modifiers()
            in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
        ):
            current = "" if self._fresh else str(index.data() or "")
            self._model.setData(index, current + text)
            self._fresh = False
            return
        if index.isValid() and event.key() == Qt.Key.Key_Backspace:
            self._model.setData(index, str(index.data() or "")[:-1] or 0)
            self._fresh = False
            return
        if index.isValid() and event.key() == Qt.Key.Key_Delete:
            self._model.setData(index, 0)
            return
        super().keyPressEvent(event)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        rows = self._model.rowCount()
        height = self.horizontalHeader().height() + sum(self.rowHeight(r) for r in range(rows)) + 2 * self.frameWidth()
        hint.setHeight(height)
        return hint

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        hint.setHeight(self.sizeHint().height())
        return hint


class PublicsEditor(QWidget):
    """Type picker, grid and running total; ``changed`` after each count or type change."""

    changed = Signal()

    def __init__(self, ref: Referentiel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ref = ref
        self.type_picker = CodePicker()
        self.type_picker.set_choices(referentiel_choices(ref, "TYPE_PUBLIC"))
        self.type_picker.set_code(NOT_GIVEN)
        self.type_picker.setAccessibleName(self.tr("Type de public"))
        self.type_picker.setToolTip(
            self.tr("Le type de public des nombres de la grille ; « Non renseigné » si on ne sait pas.")
        )
        self.model = PublicsModel(ref, self)
        self.grid = PublicsGrid(self.model)
        self.grid.setAccessibleName(self.tr("Nombre de personnes par tranche d'âge et sexe"))
        self.grid.setToolTip(
            self.tr("Flèches : changer de case ; chiffres : nombre de personnes ; Suppr : vider ; Tab : sortir.")
        )
        self.total = WrappedLabel()
        self.total.setAccessibleName(self.tr("Total des publics"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        type_label = QLabel(self.tr("Type de &public"))
        type_label.setBuddy(self.type_picker)
        layout.addWidget(type_label)
        layout.addWidget(self.type_picker)
        layout.addWidget(self.grid)
        layout.addWidget(self.total)
        self.type_picker.code_changed.connect(self._type_chosen)
        self.model.counts_changed.connect(self._counts_changed)
        self._show_total()

    def _type_chosen(self, code: object) -> None:
        if isinstance(code, str):
            self.model.set_public_type(code)
            self.changed.emit()

    def _counts_changed(self) -> None:
        self._show_total()
        self.changed.emit()

    def _show_total(self) -> None:
        total = self.model.total()
        parts = []
        for (kind, age, sex), count in sorted(self.model.counts.items()):
            parts.append(
                f"{self.ref.label('TYPE_PUBLIC', kind)}, {self.ref.label('TRANCHE_AGE', age)},"
                f" {self.ref.label('SEXE', sex)} : {count}"
            )
        text = self.tr("Total : %n contact(s)", "", total)
        self.total.setText(text + (" — " + " ; ".join(parts) if parts else ""))

    def publics(self) -> tuple[PublicCount, ...]:
        return self.model.publics()

    def set_publics(self, publics: tuple[PublicCount, ...] | list[PublicCount]) -> None:
        self.model.set_counts(publics)
        self.type_picker.set_code(NOT_GIVEN)
        self.model.set_public_type(NOT_GIVEN)
        self.grid.setCurrentIndex(self.model.index(0, 0))
