"""Install Qt's and Médios' translators for the UI language.

French is the source language: it needs no Médios catalog, only Qt's ``qtbase_fr`` so that standard
buttons (« Annuler », « Oui ») and file dialogs are French.  English loads ``qtbase_en`` and
``resources/translations/medios_en.qm``.  A missing catalog is logged and the UI falls back to
French rather than refusing to start.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from medios import i18n, paths

from medios.ui.preferences_store import UiLanguage, set_active_language

log = logging.getLogger(__name__)

_locale_before: list[QLocale] = []

LOCALES: dict[UiLanguage, tuple[QLocale.Language, QLocale.Country]] = {
    "fr": (QLocale.Language.French, QLocale.Country.France),
    "en": (QLocale.Language.English, QLocale.Country.UnitedKingdom),
}


def catalog_path(language: UiLanguage) -> Path:
    """The compiled Médios catalog for ``language`` (there is none for French, the source language)."""
    return paths.resources_dir() / "translations" / f"medios_{language}.qm"


def _load(app: QCoreApplication, name: str, folder: str | Path) -> QTranslator | None:
    translator = QTranslator(app)
    if not translator.load(name, str(folder)):
        log.warning("translation catalog %s not found in %s", name, folder)
        translator.deleteLater()
        return None
    app.installTranslator(translator)
    return translator


def install_translators(app: QCoreApplication, language: UiLanguage) -> list[QTranslator]:
    """Install the catalogs for ``language``, set the default ``QLocale`` and route :mod:`medios.i18n` to Qt.

    Returns the translators (keep them: Qt does not own them) for :func:`remove_translators`.
    """
    installed: list[QTranslator] = []
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if (qt := _load(app, f"qtbase_{language}", qt_folder)) is not None:
        installed.append(qt)
    if language != "fr":
        catalog = catalog_path(language)
        if (ours := _load(app, catalog.name, catalog.parent)) is not None:
            installed.append(ours)
    _locale_before.append(QLocale())
    QLocale.setDefault(QLocale(*LOCALES[language]))
    set_active_language(language)
    i18n.set_backend(QCoreApplication.translate)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Undo :func:`install_translators` (used by tests and the screenshot script)."""
    for translator in translators:
        app.removeTranslator(translator)
        translator.deleteLater()
    if _locale_before:
        QLocale.setDefault(_locale_before.pop())
    i18n.set_backend(None)
    set_active_language("fr")
