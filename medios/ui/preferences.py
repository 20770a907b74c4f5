"""« Préférences » dialog: UI preferences stored in the INI file (see :mod:`medios.ui.settings`)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from medios.ui.settings import SYSTEM, store_language, stored_language, ui_settings


class PreferencesDialog(QDialog):
    """Language choice; applied at the next start.  ``load`` / ``validate`` / ``save`` like every form."""

    def __init__(self, parent: QWidget | None = None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self._settings = settings or ui_settings()
        self._loaded = SYSTEM
        self.setWindowTitle(self.tr("Préférences"))
        self.setMinimumWidth(460)

        self.language = QComboBox()
        # Language names are written in their own language, as everywhere else.
        self.language.addItem("Français", "fr")
        self.language.addItem("English", "en")
        self.language.addItem(self.tr("Langue du système"), SYSTEM)
        self.language.currentIndexChanged.connect(self._update_note)

        self.note = QLabel(self.tr("La nouvelle langue s'appliquera au prochain démarrage de Médios."))
        self.note.setWordWrap(True)
        self.note.setObjectName("restartNote")
        self.note.setVisible(False)

        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.setHorizontalSpacing(16)
        form.addRow(self.tr("&Langue de l'interface :"), self.language)
        form.addRow("", self.note)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(16)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.load()

    def load(self) -> None:
        self._loaded = stored_language(self._settings)
        self.language.setCurrentIndex(max(0, self.language.findData(self._loaded)))
        self._update_note()

    def validate(self) -> bool:
        return self.language.currentData() is not None

    def save(self) -> None:
        store_language(str(self.language.currentData()), self._settings)

    def accept(self) -> None:
        if not self.validate():
            return
        self.save()
        super().accept()

    def _update_note(self) -> None:
        self.note.setVisible(self.language.currentData() != self._loaded)
