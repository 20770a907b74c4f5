"""« Bienvenue dans Médios »: the first-run dialog that registers the structure of this installation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medios.db import Database, StorageError
from medios.referentiel import active as active_referentiel
from medios.services.errors import ValidationError
from medios.services.structure import StructureSummary, init_structure

from medios.ui import msgbox
from medios.ui.settings import active_language
from medios.ui.widgets import ErrorLabel, field_with_error, set_secondary

DEFAULT_CALENDAR = "METROPOLE"


def _sentence(message: str) -> str:
    """Service messages are fragments (« le nom … est obligatoire. »); under a field they start a sentence."""
    return message[:1].upper() + message[1:]


class FirstRunDialog(QDialog):
    """Structure name (required), first user (optional, coordinator), holiday calendar → ``init_structure``."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.summary: StructureSummary | None = None
        self.setWindowTitle(self.tr("Bienvenue dans Médios"))
        self.setMinimumWidth(560)

        title = QLabel(self.tr("Bienvenue dans Médios"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            self.tr(
                "Médios enregistre l'activité de votre structure sur cet ordinateur. "
                "Pour commencer, indiquez le nom de la structure."
            )
        )
        intro.setWordWrap(True)

        self.structure_name = QLineEdit()
        self.structure_name.setMaxLength(200)
        self.structure_error = ErrorLabel()
        self.mediator_name = QLineEdit()
        self.mediator_name.setMaxLength(200)
        self.mediator_name.setPlaceholderText(self.tr("Prénom et nom (facultatif)"))
        self.mediator_error = ErrorLabel()
        mediator_hint = QLabel(
            self.tr(
                "Cette personne sera enregistrée comme coordinatrice ou coordinateur. Vous pourrez ajouter l'équipe ensuite."
            )
        )
        mediator_hint.setWordWrap(True)
        set_secondary(mediator_hint)
        self.calendar = QComboBox()
        self.calendar_error = ErrorLabel()
        self.general_error = ErrorLabel()

        form = QFormLayout()
        form.setVerticalSpacing(14)
        form.setHorizontalSpacing(16)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._add_row(form, self.tr("&Nom de la structure :"), self.structure_name, self.structure_error)
        self._add_row(form, self.tr("&Premier utilisateur :"), self.mediator_name, self.mediator_error, mediator_hint)
        self._add_row(form, self.tr("&Calendrier des jours fériés :"), self.calendar, self.calendar_error)

        self.buttons = QDialogButtonBox()
        self.create_button = QPushButton(self.tr("Créer la structure"))
        self.create_button.setDefault(True)
        self.quit_button = QPushButton(self.tr("Quitter"))
        self.buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 18)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.load()

    @staticmethod
    def _add_row(form: QFormLayout, text: str, field: QWidget, *below: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        form.addRow(label, field_with_error(field, *below))

    def load(self) -> None:
        """Fill the calendar list from the référentiel, labels in the UI language."""
        self.calendar.clear()
        labels = active_referentiel().labels("CALENDRIER_FERIES", active_language())
        for code, label in labels.items():
            self.calendar.addItem(label, code)
        self.calendar.setCurrentIndex(max(0, self.calendar.findData(DEFAULT_CALENDAR)))
        self._clear_errors()

    def validate(self) -> bool:
        self._clear_errors()
        if not self.structure_name.text().strip():
            self.structure_error.show_error(self.tr("Le nom de la structure est obligatoire."))
            self.structure_name.setFocus()
            return False
        return True

    def save(self) -> bool:
        """One service call; its validation errors are shown under their fields."""
        try:
            self.summary = init_structure(
                self._db,
                self.structure_name.text().strip(),
                mediator=self.mediator_name.text().strip() or None,
                holiday_calendar=str(self.calendar.currentData() or DEFAULT_CALENDAR),
            )
        except ValidationError as exc:
            self._show_errors(exc.by_field())
            return False
        except StorageError as exc:
            msgbox.critical(self, self.tr("La structure n'a pas pu être enregistrée."), str(exc))
            return False
        return True

    def accept(self) -> None:
        if self.validate() and self.save():
            super().accept()

    def _clear_errors(self) -> None:
        for label in (self.structure_error, self.mediator_error, self.calendar_error, self.general_error):
            label.clear_error()

    def _show_errors(self, by_field: dict[str, list[str]]) -> None:
        targets = {
            "structure": self.structure_error,
            "name": self.mediator_error,
            "holiday_calendar": self.calendar_error,
        }
        for field, messages in by_field.items():
            target = targets.get(field, self.general_error)
            target.show_error("\n".join(_sentence(m) for m in messages))
