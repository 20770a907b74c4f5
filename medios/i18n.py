"""Translation hooks shared by every layer, without importing Qt.

Source strings are French.  ``pyside6-lupdate`` extracts calls to :func:`translate` and
:func:`QT_TRANSLATE_NOOP` by name, so keep these names (see ``packaging/update_translations.sh``).  The application
entry point installs ``QCoreApplication.translate`` as the backend with :func:`set_backend`; without
it (CLI, tests, headless reports) the French source text is returned.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

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


def ts_backend(path: Path) -> Backend:
    """A backend reading a Qt Linguist ``.ts`` catalog in pure Python (the CLI must not load Qt).

    Unfinished entries fall back to the French source; plural entries pick the singular form for
    ``n == 1`` (the rule of the English catalog shipped with Médios).
    """
    table: dict[tuple[str, str, str | None], list[str]] = {}
    root = ElementTree.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            source = message.findtext("source")
            if (
                translation is None
                or source is None
                or translation.get("type") in ("unfinished", "vanished", "obsolete")
            ):
                continue
            forms = [form.text or "" for form in translation.findall("numerusform")] or [translation.text or ""]
            table[(name, source, message.findtext("comment"))] = forms

    def backend(context: str, text: str, disambiguation: str | None, n: int) -> str:
        forms = table.get((context, text, disambiguation))
        if not forms or not forms[0]:
            return text
        if n >= 0 and len(forms) > 1:
            return forms[0] if n == 1 else forms[1]
        return forms[0]

    return backend


def language_code(value: str | None) -> str | None:
    """The language of a setting such as ``MEDIOS_LANG``: ``en``, ``EN``, ``en_US.UTF-8``, ``en-GB`` give
    ``en``; ``fr_FR`` gives ``fr``; an empty value ``None``."""
    if not value or not value.strip():
        return None
    head = value.strip().split(".", 1)[0].split("@", 1)[0]
    return head.replace("-", "_").split("_", 1)[0].lower() or None


def use_cli_language(language: str | None) -> str:
    """Set the CLI language: English (``en``, ``EN``, ``en_US.UTF-8``…) loads the shipped English
    catalog; anything else keeps French."""
    from medios import paths

    if language_code(language) == "en":
        catalog = paths.resources_dir() / "translations" / "medios_en.ts"
        if catalog.is_file():
            set_backend(ts_backend(catalog))
            return "en"
    set_backend(None)
    return "fr"
