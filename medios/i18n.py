"""Translation hooks shared by every layer, without importing Qt.

Source strings are French.  ``pyside6-lupdate`` extracts calls to :func:`translate` and
:func:`QT_TRANSLATE_NOOP` by name, so keep these names (see ``docs/traduction.md``).  The application
entry point installs ``QCoreApplication.translate`` as the backend with :func:`set_backend`; without
it (CLI, tests, headless reports) the French source text is returned.
"""

from __future__ import annotations

from collections.abc import Callable

Backend = Callable[[str, str, str | None, int], str]


def _identity(_context: str, text: str, _disambiguation: str | None, _n: int) -> str:
    return text


_backend: Backend = _identity


def set_backend(backend: Backend | None) -> None:
    """Route :func:`translate` through ``backend`` (``None`` restores the French source text)."""
    global _backend
    _backend = backend or _identity


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Translate ``text`` in ``context``; ``%n`` is replaced by ``n`` as Qt does for plurals."""
    result = _backend(context, text, disambiguation, n)
    if n >= 0 and "%n" in result:
        result = result.replace("%n", str(n))
    return result


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for extraction without translating it now (module-level constants)."""
    del context
    return text
