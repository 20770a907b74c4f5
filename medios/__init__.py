"""Médios: offline-first activity logging and reporting for French social mediation."""

from __future__ import annotations

from functools import cache


@cache
def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("medios")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0.0.0+source"


def __getattr__(name: str) -> str:
    # ``__version__`` is read from the installed metadata on first use only: importing
    # ``importlib.metadata`` costs tens of milliseconds that ``medios --help`` and the window's first
    # paint do not need.
    if name == "__version__":
        return _version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
