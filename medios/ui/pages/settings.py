"""Page « Paramètres »: the structure, its users, who uses this computer, dispositifs, territories, sites,
partners and the language — every item created, corrected, renamed and retired (soft, history kept).

One tab per section (Ctrl+Tab, Ctrl+Page suivante move between them); each section scrolls when the
window is small or the text large.  The sections live in :mod:`medios.ui.settings`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from medios.ui.pages import Page, PageContext
from medios.ui.settings.base import FormSection
from medios.ui.settings.sections import (
    CurrentUserSection,
    DispositifsSection,
    LanguageSection,
    PartnersSection,
    SitesSection,
    StructureSection,
    UsersSection,
)
from medios.ui.settings.territories import TerritoriesSection


class SettingsPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.structure = StructureSection(context)
        self.users = UsersSection(context)
        self.current_user = CurrentUserSection(context)
        self.dispositifs = DispositifsSection(context)
        self.territories = TerritoriesSection(context)
        self.sites = SitesSection(context)
        self.partners = PartnersSection(context)
        self.language = LanguageSection(context)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(QCoreApplication.translate("Settings", "Sections des paramètres"))
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self.sections: list[FormSection] = [
            self.structure,
            self.users,
            self.current_user,
            self.dispositifs,
            self.territories,
            self.sites,
            self.partners,
            self.language,
        ]
        titles = [
            QCoreApplication.translate("Settings", "Structure"),
            QCoreApplication.translate("Settings", "Utilisateurs"),
            QCoreApplication.translate("Settings", "Utilisateur courant"),
            QCoreApplication.translate("Settings", "Dispositifs"),
            QCoreApplication.translate("Settings", "Territoires"),
            QCoreApplication.translate("Settings", "Sites"),
            QCoreApplication.translate("Settings", "Partenaires"),
            QCoreApplication.translate("Settings", "Langue"),
        ]
        for section, title in zip(self.sections, titles, strict=True):
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(section)
            index = self.tabs.addTab(scroll, title)
            self.tabs.setTabToolTip(
                index,
                QCoreApplication.translate("Settings", "{title} (Ctrl+Tab : section suivante)").format(title=title),
            )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.tabs)
        context.data_changed.connect(self._refresh_all)

    def show_section(self, section: FormSection) -> None:
        self.tabs.setCurrentIndex(self.sections.index(section))

    def _refresh_all(self) -> None:
        for section in self.sections:
            section.refresh()

    def activated(self) -> None:
        self._refresh_all()

    def closing(self) -> None:
        self.territories.stop()
