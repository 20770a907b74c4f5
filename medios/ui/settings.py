"""UI preferences (language, window geometry) in an INI file owned by the UI.

Business settings live in the database (on the structure record); this file only holds what belongs
to one screen on one computer: ``<config folder>/medios.ini``, readable and diffable.

Language: the INI key ``ui/language`` is ``fr``, ``en`` or ``system`` (the default).  ``system``
means English unless the system locale is French or unset (``C``: French, the app's language).  The environment variable ``MEDIOS_LANG=fr|en``
overrides the file (screenshots, tests, support).  The choice is applied at start-up only.
"""

from __future__ import annotations

import logging
import os
from typing import Final, Literal

from PySide6.QtCore import QLocale, QSettings

from medios import paths

log = logging.getLogger(__name__)

UiLanguage = Literal["fr", "en"]

LANGUAGE_KEY: Final = "ui/language"
GEOMETRY_KEY: Final = "main_window/geometry"
SYSTEM: Final = "system"
LANGUAGE_CHOICES: Final = ("fr", "en", SYSTEM)
ENV_LANGUAGE: Final = "MEDIOS_LANG"

_active: UiLanguage = "fr"


def settings_path() -> str:
    return str(paths.config_dir() / "medios.ini")


def ui_settings() -> QSettings:
    """The INI preferences file (a new ``QSettings`` object each call: cheap, always the current folder)."""
    return QSettings(settings_path(), QSettings.Format.IniFormat)


def stored_language(settings: QSettings | None = None) -> str:
    """``fr``, ``en`` or ``system`` as stored in the INI file (``system`` when absent or unreadable)."""
    value = str((settings or ui_settings()).value(LANGUAGE_KEY, SYSTEM) or SYSTEM).strip().lower()
    return value if value in LANGUAGE_CHOICES else SYSTEM


def store_language(value: str, settings: QSettings | None = None) -> None:
    if value not in LANGUAGE_CHOICES:
        raise ValueError(f"unknown language choice {value!r}")
    target = settings or ui_settings()
    target.setValue(LANGUAGE_KEY, value)
    target.sync()


def resolve_language(
    stored: str, *, environ: dict[str, str] | None = None, system: QLocale | None = None
) -> UiLanguage:
    """The language to start in: ``MEDIOS_LANG``, else the stored choice, else the system locale."""
    env = (os.environ if environ is None else environ).get(ENV_LANGUAGE, "").strip().lower()
    if env in ("fr", "en"):
        return "fr" if env == "fr" else "en"
    if env:
        log.warning("%s=%r ignored: expected fr or en", ENV_LANGUAGE, env)
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
