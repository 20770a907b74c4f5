"""Multi-valued parts of the intervention form: motifs (a picker adding to a list) and partners (rows).

Both stay on the keyboard: the motif picker adds the motif it takes (Tab or Entrée) to the list under
it, Suppr in the list removes one; a partner row is a partner (from the structure's directory, or a
type only) and its role, and a new empty row appears as soon as the last one is complete.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from medios.referentiel import Referentiel
from medios.services.entry import PartnerChoice
from medios.services.rules import PartnerLink

from medios.ui.pickers import CODE_ROLE, Choice, CodePicker, referentiel_choices

DIRECTORY_PREFIX = "P:"


class MotifList(QListWidget):
    """The chosen motifs; Suppr or Retour arrière removes the current one."""

    removed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt

        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentRow() >= 0:
            self.takeItem(self.currentRow())
            self.removed.emit()
            return
        super().keyPressEvent(event)


class MotifsEditor(QWidget):
    changed = Signal()

    def __init__(self, ref: Referentiel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ref = ref
        self.picker = CodePicker(allow_empty=True)
        self.picker.set_choices(referentiel_choices(ref, "MOTIF"))
        self.picker.setAccessibleName(self.tr("Ajouter un motif"))
        self.picker.setToolTip(self.tr("Tapez une partie du motif puis Tab ou Entrée pour l'ajouter à la liste."))
        self.chosen = MotifList()
        self.chosen.setAccessibleName(self.tr("Motifs choisis"))
        self.chosen.setToolTip(self.tr("Suppr : retirer le motif sélectionné."))
        self.chosen.setMaximumHeight(self.chosen.fontMetrics().height() * 4 + 8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picker)
        layout.addWidget(self.chosen)
        self.picker.code_changed.connect(self._picked)
        self.chosen.removed.connect(self.changed)

    def _picked(self, code: object) -> None:
        if not isinstance(code, str):
            return
        if code not in self.motifs():
            self._add(code)
            self.changed.emit()
        QTimer.singleShot(0, self._ready_for_next)

    def _ready_for_next(self) -> None:
        """Back to « — », selected: the next motif is typed over it."""
        self.picker.set_code(None)
        self.picker.lineEdit().selectAll()

    def _add(self, code: str) -> None:
        term = self.ref.vocab("MOTIF").get(code)
        label = term.label() if term is not None else code
        item = QListWidgetItem(f"{label} ⚠" if term is not None and term.sensitive else label)
        item.setData(CODE_ROLE, code)
        self.chosen.addItem(item)

    def motifs(self) -> tuple[str, ...]:
        return tuple(str(self.chosen.item(i).data(CODE_ROLE)) for i in range(self.chosen.count()))

    def set_motifs(self, motifs: tuple[str, ...] | list[str]) -> None:
        self.chosen.clear()
        for code in motifs:
            self._add(code)


class PartnersEditor(QWidget):
    """Rows of (partner, role); ``changed`` on each change.  ``tab_after``: the widget that follows the
    last row in the tab order (new rows are inserted before it)."""

    changed = Signal()

    def __init__(self, ref: Referentiel, directory: tuple[PartnerChoice, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ref = ref
        self.directory = {str(p.id): p for p in directory}
        type_labels = ref.labels("TYPE_PARTENAIRE")
        self.partner_choices = [
            Choice(f"{DIRECTORY_PREFIX}{p.id}", f"{p.name} ({type_labels.get(p.partner_type, p.partner_type)})")
            for p in directory
        ] + referentiel_choices(ref, "TYPE_PARTENAIRE")
        self.role_choices = referentiel_choices(ref, "ROLE_PARTENAIRE")
        self.rows: list[tuple[CodePicker, CodePicker]] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.tab_after: QWidget | None = None
        self._add_row()

    def _add_row(self) -> tuple[CodePicker, CodePicker]:
        number = len(self.rows) + 1
        partner = CodePicker(self, allow_empty=True)
        partner.set_choices(self.partner_choices)
        partner.setAccessibleName(self.tr("Partenaire %1").replace("%1", str(number)))
        partner.setToolTip(self.tr("Un partenaire de l'annuaire de la structure, ou seulement son type."))
        role = CodePicker(self, allow_empty=True)
        role.set_choices(self.role_choices)
        role.setAccessibleName(self.tr("Rôle du partenaire %1").replace("%1", str(number)))
        role.setToolTip(self.tr("Personne orientée, partenaire alerté ou intervention conjointe."))
        for picker in (partner, role):
            picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            picker.setMinimumContentsLength(10)
            picker.setMinimumWidth(picker.fontMetrics().horizontalAdvance("x") * 12)
        self.grid.addWidget(partner, number - 1, 0)
        self.grid.addWidget(role, number - 1, 1)
        self.grid.setColumnStretch(0, 3)
        self.grid.setColumnStretch(1, 2)
        if self.rows:
            last = self.rows[-1][1]
            QWidget.setTabOrder(last, partner)
            QWidget.setTabOrder(partner, role)
        self.rows.append((partner, role))
        partner.code_changed.connect(self._row_changed)
        role.code_changed.connect(self._row_changed)
        return partner, role

    def _row_changed(self, _code: object) -> None:
        partner, role = self.rows[-1]
        if partner.code() is not None and role.code() is not None:
            self._add_row()
        self.changed.emit()

    def first(self) -> CodePicker:
        return self.rows[0][0]

    def last(self) -> CodePicker:
        return self.rows[-1][1]

    def partner_type(self, code: str) -> str:
        if code.startswith(DIRECTORY_PREFIX):
            chosen = self.directory.get(code[len(DIRECTORY_PREFIX) :])
            return chosen.partner_type if chosen is not None else code
        return code

    def partners(self) -> tuple[PartnerLink, ...]:
        links = []
        for partner, role in self.rows:
            p, r = partner.code(), role.code()
            if p is not None and r is not None:
                links.append(PartnerLink(self.partner_type(p), r, self.directory_id(p)))
        return tuple(links)

    def raw(self) -> list[list[str | None]]:
        return [[p.code(), r.code()] for p, r in self.rows if p.code() is not None or r.code() is not None]

    def set_rows(self, rows: Sequence[Sequence[str | None]]) -> None:
        while len(self.rows) < len(rows) + 1:
            self._add_row()
        for i, (partner, role) in enumerate(self.rows):
            values = rows[i] if i < len(rows) else (None, None)
            partner.set_code(values[0])
            role.set_code(values[1])

    def set_partners(self, partners: tuple[PartnerLink, ...]) -> None:
        self.set_rows([(self.code_of(p), p.role) for p in partners])

    def code_of(self, link: PartnerLink) -> str:
        """The row's choice: the directory partner when the link has one still in the directory, else the type."""
        if link.partner_id is not None and str(link.partner_id) in self.directory:
            return f"{DIRECTORY_PREFIX}{link.partner_id}"
        return link.partner_type

    def directory_id(self, code: str | None) -> uuid.UUID | None:
        if code and code.startswith(DIRECTORY_PREFIX):
            return uuid.UUID(code[len(DIRECTORY_PREFIX) :])
        return None
