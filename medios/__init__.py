"""Médios: offline-first activity logging and reporting for French social mediation."""

from importlib import metadata

try:
    __version__ = metadata.version("medios")
except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0.0.0+source"
