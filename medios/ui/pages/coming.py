"""The pages of features built by later versions: they say what is coming and offer nothing fake."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from medios.ui.pages import ComingPage


class ObservatoryPage(ComingPage):
    @property
    def heading(self) -> str:  # type: ignore[override]
        return QCoreApplication.translate("Pages", "Export pour l'observatoire")

    @property
    def explanation(self) -> str:  # type: ignore[override]
        return QCoreApplication.translate(
            "Pages",
            "Ici, la structure produira le fichier d'activité anonymisé destiné à l'observatoire national "
            "de la médiation sociale : des agrégats alignés sur le référentiel, sans aucune donnée "
            "permettant d'identifier une personne, vérifiés avant l'envoi.",
        )
