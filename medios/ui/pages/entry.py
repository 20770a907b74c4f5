"""Page « Saisie d'une intervention » of the main window (being built: the page says so and offers nothing yet)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from medios.ui.pages import ComingPage


class EntryPage(ComingPage):
    @property
    def heading(self) -> str:  # type: ignore[override]
        return QCoreApplication.translate("Pages", "Saisie d'une intervention")

    @property
    def explanation(self) -> str:  # type: ignore[override]
        return QCoreApplication.translate("Pages", "Cette page est en cours de construction.")
