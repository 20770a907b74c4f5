"""Page « Actions collectives » of the main window (being built: the page says so and offers nothing yet)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from medios.ui.pages import ComingPage


class ActionsPage(ComingPage):
    @property
    def heading(self) -> str:  # type: ignore[override]
        return QCoreApplication.translate("Pages", "Actions collectives")

    @property
    def explanation(self) -> str:  # type: ignore[override]
        return QCoreApplication.translate("Pages", "Cette page est en cours de construction.")
