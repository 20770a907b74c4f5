"""One module owns every path the application reads or writes.

Order of precedence for the database file: an explicit ``--db`` (passed in by the caller),
then ``MEDIOS_DB``, then ``<data folder>/medios.db``.  ``MEDIOS_HOME`` moves the whole data folder
(database, settings, logs, backups, exports); tests point it at a temporary folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "medios"
_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_home() -> Path:
    home = os.environ.get("MEDIOS_HOME")
    return Path(home).expanduser() if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """The folder that holds the database, settings, logs and backups (created on demand)."""
    path = _data_home()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def _sub(name: str) -> Path:
    path = data_dir() / name
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def log_dir() -> Path:
    return _sub("logs")


def log_file() -> Path:
    """The local log file, named without creating anything (messages may point at it on a read-only medium)."""
    return _data_home() / "logs" / "medios.log"


def backup_dir() -> Path:
    return _sub("backups")


def config_dir() -> Path:
    return _sub("config")


def export_dir() -> Path:
    return _sub("exports")


def database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database file: ``explicit`` if given, else ``MEDIOS_DB``, else the data folder's ``medios.db``."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get("MEDIOS_DB")
    if env:
        return Path(env).expanduser().resolve()
    return data_dir() / "medios.db"


def _shipped(name: str) -> Path:
    """A data folder shipped with the application.

    In a wheel (and a frozen bundle) the folders live in ``medios/_data/``; in a source checkout or an
    editable install they sit at the top of the repository.
    """
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"dossier « {name} » introuvable à côté de {_PACKAGE_DIR}")


def resources_dir() -> Path:
    return _shipped("resources")


def migrations_dir() -> Path:
    return _shipped("migrations")
