"""UI preferences (language, window geometry) in an INI file owned by the UI.

These are preferences, not settings: STYLE.md §11 reserves ``medios/settings.py`` for the business
settings, which live in the database.  This file only holds what belongs to one screen on one computer:
``<data folder>/config/medios.ini``, readable and diffable.

Language: the INI key ``ui/language`` is ``fr``, ``en`` or ``system`` (the default).  ``system`` means
English unless the system locale is French or unset (``C``: French, the app's language).  The environment
variable ``MEDIOS_LANG`` (``fr``, ``en``, ``en_US.UTF-8``…) overrides the file (screenshots, tests, support).  The choice is applied at
start-up only.
"""

from __future__ import annotations

import logging
import os
from typing import Final, Literal

from PySide6.QtCore import QCoreApplication, QLocale, QSettings

from medios import paths
from medios.i18n import language_code

log = logging.getLogger(__name__)

UiLanguage = Literal["fr", "en"]

LANGUAGE_KEY: Final = "ui/language"
GEOMETRY_KEY: Final = "main_window/geometry"
CONTRAST_KEY: Final = "ui/high_contrast"
BACKUP_FOLDER_KEY: Final = "backup/extra_folder"  # a second folder for the automatic backups (a USB key)
RETENTION_ASKED_KEY: Final = "retention/asked_on"  # the day the purge of past-due notes was last offered
# Minutes without activity before the window locks, when someone logged in (0: never; see medios.ui.login).
LOCK_MINUTES_KEY: Final = "session/lock_minutes"
DEFAULT_LOCK_MINUTES: Final = 10
MAX_LOCK_MINUTES: Final = 240
SYSTEM: Final = "system"
LANGUAGE_CHOICES: Final = ("fr", "en", SYSTEM)
ENV_LANGUAGE: Final = "MEDIOS_LANG"
FILE_NAME: Final = "medios.ini"

_active: UiLanguage = "fr"


class PreferencesError(OSError):
    """The preferences file cannot be written (read-only folder, a folder in its place…); French message."""


def preferences_path() -> str:
    return str(paths.config_dir() / FILE_NAME)


def ui_preferences() -> QSettings:
    """The INI preferences file (a new ``QSettings`` object each call: cheap, always the current folder)."""
    return QSettings(preferences_path(), QSettings.Format.IniFormat)


def stored_language(preferences: QSettings | None = None) -> str:
    """``fr``, ``en`` or ``system`` as stored in the INI file (``system`` when absent or unreadable)."""
    try:
        source = preferences or ui_preferences()
    except OSError as exc:  # no config folder (read-only data folder): the default, never a failed start
        log.warning("preferences unreadable: %s", exc)
        return SYSTEM
    value = str(source.value(LANGUAGE_KEY, SYSTEM) or SYSTEM).strip().lower()
    return value if value in LANGUAGE_CHOICES else SYSTEM


def stored_high_contrast(preferences: QSettings | None = None) -> bool:
    """Whether the high-contrast theme was chosen (``False`` when absent or unreadable)."""
    try:
        source = preferences or ui_preferences()
    except OSError as exc:
        log.warning("preferences unreadable: %s", exc)
        return False
    return str(source.value(CONTRAST_KEY, "false") or "false").strip().lower() in ("true", "1", "yes")


def store_language(value: str, preferences: QSettings | None = None, *, high_contrast: bool | None = None) -> None:
    """Write the language choice (and the theme, when given); :class:`PreferencesError` when the file cannot
    be written."""
    if value not in LANGUAGE_CHOICES:
        raise ValueError(f"unknown language choice {value!r}")
    target = preferences or ui_preferences()
    target.setValue(LANGUAGE_KEY, value)
    if high_contrast is not None:
        target.setValue(CONTRAST_KEY, "true" if high_contrast else "false")
    target.sync()
    if target.status() != QSettings.Status.NoError:
        log.warning("cannot write the preferences file %s: %s", target.fileName(), target.status())
        raise PreferencesError(
            QCoreApplication.translate(
                "Preferences",
                "Le fichier des préférences « {path} » ne peut pas être enregistré : vérifiez les droits du dossier.",
            ).format(path=target.fileName())
        )


def resolve_language(
    stored: str, *, environ: dict[str, str] | None = None, system: QLocale | None = None
) -> UiLanguage:
    """The language to start in: ``MEDIOS_LANG``, else the stored choice, else the system locale."""
    raw = (os.environ if environ is None else environ).get(ENV_LANGUAGE, "")
    env = language_code(raw)  # the CLI's reading: en, EN, en_US.UTF-8, fr_FR…
    if env in ("fr", "en"):
        return "fr" if env == "fr" else "en"
    if env:
        log.warning("%s=%r ignored: expected fr or en", ENV_LANGUAGE, raw)
    if stored == "fr":
        return "fr"
    if stored == "en":
        return "en"
    locale = system if system is not None else QLocale.system()
    # French is the application's own language: a French or unset ("C") locale keeps it.
    return "fr" if locale.language() in (QLocale.Language.French, QLocale.Language.C) else "en"


def active_language() -> UiLanguage:
    """The language the UI runs in (set once at start-up by :func:`set_active_language`)."""
    return _active


def set_active_language(language: UiLanguage) -> None:
    global _active
    _active = language
