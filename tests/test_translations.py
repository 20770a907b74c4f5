"""The English catalog is complete, up to date, compiled, and actually used.

A developer who adds or changes a French string without running ``packaging/update_translations.sh``
and translating it gets a failing test here, with the list of strings to translate.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from medios import i18n
from medios.db import Database
from medios.services.structure import StructureSummary

from medios.ui.main_window import MainWindow
from medios.ui.translation import catalog_path, install_translators, remove_translators

REPO = Path(__file__).resolve().parents[1]
TS = REPO / "resources" / "translations" / "medios_en.ts"
QM = REPO / "resources" / "translations" / "medios_en.qm"
SCRIPT = REPO / "packaging" / "update_translations.sh"
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str | None
    numerus: bool
    unfinished: bool
    forms: tuple[str, ...]


def read_ts(path: Path) -> dict[tuple[str, str, str | None], Message]:
    messages: dict[tuple[str, str, str | None], Message] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            comment = message.findtext("comment")
            translation = message.find("translation")
            assert translation is not None, (name, source)
            kind = translation.get("type")
            if kind in ("vanished", "obsolete"):
                continue
            forms = tuple(f.text or "" for f in translation.iter("numerusform")) or (translation.text or "",)
            messages[(name, source, comment)] = Message(
                name, source, comment, message.get("numerus") == "yes", kind == "unfinished", forms
            )
    return messages


def _tool_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the committed catalog, updated from today's sources by the project's own script."""
    if shutil.which("bash") is None:  # pragma: no cover - CI and developers run Linux
        pytest.skip("bash is needed to run packaging/update_translations.sh")
    folder = tmp_path_factory.mktemp("translations")
    ts = folder / "medios_en.ts"
    shutil.copy2(TS, ts)
    env = _tool_env() | {"TS_FILE": str(ts), "QM_FILE": str(folder / "medios_en.qm")}
    result = subprocess.run(["bash", str(SCRIPT)], cwd=REPO, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    yield ts


def _describe(keys: object) -> str:
    return "\n".join(f"  [{context}] {source!r}" for context, source, _comment in sorted(keys))  # type: ignore[attr-defined]


def test_every_source_string_is_in_the_committed_catalog(refreshed: Path) -> None:
    committed, current = read_ts(TS), read_ts(refreshed)
    new = current.keys() - committed.keys()
    gone = committed.keys() - current.keys()
    assert not new, (
        "strings missing from medios_en.ts: run packaging/update_translations.sh and translate\n" + _describe(new)
    )
    assert not gone, "strings no longer in the code: run packaging/update_translations.sh\n" + _describe(gone)


def test_every_string_is_translated(refreshed: Path) -> None:
    for path in (TS, refreshed):
        unfinished = [key for key, message in read_ts(path).items() if message.unfinished]
        assert not unfinished, f"untranslated strings in {path.name}:\n" + _describe(unfinished)
    assert 'type="unfinished"' not in TS.read_text(encoding="utf-8")


def test_translations_keep_placeholders_plurals_and_mnemonics() -> None:
    problems: list[str] = []
    for (context, source, _comment), message in read_ts(TS).items():
        where = f"[{context}] {source!r}"
        if message.numerus and len(message.forms) != 2:
            problems.append(f"{where}: English needs 2 plural forms, found {len(message.forms)}")
        for form in message.forms:
            if not form.strip():
                problems.append(f"{where}: empty translation")
            if sorted(PLACEHOLDER.findall(form)) != sorted(PLACEHOLDER.findall(source)):
                problems.append(f"{where}: placeholders differ in {form!r}")
            if ("%n" in source) != ("%n" in form):
                problems.append(f"{where}: %n missing in {form!r}")
            if source.count("&") != form.count("&"):
                problems.append(f"{where}: mnemonic & differs in {form!r}")
    assert not problems, "\n".join(problems)


def test_compiled_catalog_matches_the_ts(tmp_path: Path) -> None:
    assert QM.is_file(), "run packaging/update_translations.sh"
    rebuilt = tmp_path / "medios_en.qm"
    lrelease = shutil.which("pyside6-lrelease", path=_tool_env()["PATH"])
    assert lrelease is not None
    subprocess.run([lrelease, "-silent", str(TS), "-qm", str(rebuilt)], check=True, capture_output=True)
    assert rebuilt.read_bytes() == QM.read_bytes(), "medios_en.qm is stale: run packaging/update_translations.sh"


def test_catalog_path_is_the_committed_file() -> None:
    assert catalog_path("en") == QM


def test_qtranslator_translates_known_strings(qapp) -> None:
    translator = QTranslator()
    assert translator.load(str(QM))
    assert translator.translate("MainWindow", "&Fichier") == "&File"
    assert translator.translate("FirstRunDialog", "Bienvenue dans Médios") == "Welcome to Médios"
    plural = "%n médiateur(s) inconnu(s) ou supprimé(s)."
    assert translator.translate("Interventions", plural, None, 1) == "%n mediator unknown or deleted."
    assert translator.translate("Interventions", plural, None, 3) == "%n mediators unknown or deleted."


def test_english_reaches_widgets_and_services(qapp, qtbot, db: Database, structure: StructureSummary) -> None:
    translators = install_translators(qapp, "en")
    try:
        window = MainWindow(db)
        qtbot.addWidget(window)
        assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Go to", "&Tools", "&Help"]
        assert window.calendar.text() == "Metropolitan France"
        assert i18n.translate("Structure", "le nom de la structure est obligatoire.") == (
            "the name of the organisation is required."
        )
        assert i18n.translate("Interventions", "%n médiateur(s) inconnu(s) ou supprimé(s).", n=2) == (
            "2 mediators unknown or deleted."
        )
    finally:
        remove_translators(qapp, translators)
    assert i18n.translate("Structure", "valeur obligatoire.") == "valeur obligatoire."


def test_french_uses_qt_french_catalog(qapp) -> None:
    translators = install_translators(qapp, "fr")
    try:
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
        assert i18n.translate("Structure", "valeur obligatoire.") == "valeur obligatoire."
    finally:
        remove_translators(qapp, translators)
