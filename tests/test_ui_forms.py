"""Designer forms: compiled modules up to date, never loaded at runtime, used by composition (STYLE.md, 3).

A developer who edits ``resources/ui/*.ui`` without running ``packaging/build_ui.sh`` gets a failing test
here, and so does one who hand-edits a generated ``medios/ui/forms/ui_*.py``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractButton, QDialog, QDialogButtonBox, QLabel, QWidget

from medios.db import Database
from medios.services.structure import MEDIATOR_NAME_MAX, STRUCTURE_NAME_MAX

from medios.ui.first_run import FirstRunDialog
from medios.ui.forms.ui_first_run import Ui_FirstRunDialog
from medios.ui.forms.ui_preferences import Ui_PreferencesDialog
from medios.ui.preferences import PreferencesDialog
from medios.ui.translation import install_translators, remove_translators

REPO = Path(__file__).resolve().parents[1]
UI_SOURCES = REPO / "resources" / "ui"
FORMS = REPO / "medios" / "ui" / "forms"
# The only line of uic's output that depends on the Qt version rather than on the .ui file.
VERSION_LINE = re.compile(r"^## Created by: Qt User Interface Compiler version .*$", re.MULTILINE)
RUNTIME_LOADING = re.compile(r"QUiLoader|QtUiTools|loadUiType|\bloadUi\b|\.ui['\"]")


def _ui_files() -> list[Path]:
    return sorted(UI_SOURCES.glob("*.ui"))


def _uic() -> str:
    uic = shutil.which("pyside6-uic", path=str(Path(sys.executable).parent)) or shutil.which("pyside6-uic")
    if uic is None:  # pragma: no cover - the dev environment installs PySide6's tools
        pytest.skip("pyside6-uic is not installed")
    return uic


def _without_version(code: str) -> str:
    return VERSION_LINE.sub("## Created by: Qt User Interface Compiler", code)


def test_every_form_has_its_compiled_module() -> None:
    assert _ui_files(), "no Designer form in resources/ui"
    expected = {f"ui_{ui.stem}.py" for ui in _ui_files()}
    compiled = {path.name for path in FORMS.glob("ui_*.py")}
    assert compiled == expected, "run packaging/build_ui.sh"
    assert (FORMS / "__init__.py").is_file()


@pytest.mark.parametrize("ui", _ui_files(), ids=lambda path: path.name)
def test_compiled_form_is_up_to_date(ui: Path, tmp_path: Path) -> None:
    fresh = tmp_path / f"ui_{ui.stem}.py"
    subprocess.run([_uic(), str(ui), "-o", str(fresh)], check=True, capture_output=True)
    committed = FORMS / fresh.name
    assert _without_version(committed.read_text(encoding="utf-8")) == _without_version(
        fresh.read_text(encoding="utf-8")
    ), f"{committed.relative_to(REPO)} is stale or was edited by hand: run packaging/build_ui.sh"


def test_no_form_is_loaded_at_runtime() -> None:
    offenders = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in sorted((REPO / "medios").rglob("*.py"))
        if FORMS not in path.parents  # generated: names its .ui in a comment, loads nothing
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if RUNTIME_LOADING.search(line)
    ]
    assert not offenders, "import the compiled form from medios.ui.forms instead:\n" + "\n".join(offenders)


def test_the_gui_never_imports_qtuitools() -> None:
    code = (
        "import pkgutil, sys, medios.app, medios.ui\n"
        "for module in pkgutil.walk_packages(medios.ui.__path__, 'medios.ui.'):\n"
        "    __import__(module.name)\n"
        "print(sorted(name for name in sys.modules if name.startswith('PySide6.QtUiTools')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_dialogs_use_their_form_by_composition(qtbot, db: Database) -> None:
    first_run = FirstRunDialog(db)
    preferences = PreferencesDialog()
    for dialog in (first_run, preferences):
        qtbot.addWidget(dialog)
    assert isinstance(first_run.ui, Ui_FirstRunDialog)
    assert isinstance(preferences.ui, Ui_PreferencesDialog)
    assert not issubclass(FirstRunDialog, Ui_FirstRunDialog)
    assert not issubclass(PreferencesDialog, Ui_PreferencesDialog)


def _tab_chain(dialog: QDialog, start: QWidget) -> list[str]:
    """Object names (texts for the buttons added in code) in Tab order, from ``start`` round to it."""
    names: list[str] = []
    widget: QWidget | None = start
    while widget is not None:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(dialog):
            names.append(widget.objectName() or (widget.text() if isinstance(widget, QAbstractButton) else "?"))
        widget = widget.nextInFocusChain()
        if widget is start:
            break
    return names


def test_first_run_form_mnemonics_and_tab_order(qtbot, db: Database) -> None:
    dialog = FirstRunDialog(db)
    qtbot.addWidget(dialog)
    ui = dialog.ui
    buddies = {label.text(): label.buddy() for label in (ui.structure_label, ui.mediator_label, ui.calendar_label)}
    assert buddies == {
        "&Nom de la structure :": ui.structure_name,
        "&Premier utilisateur :": ui.mediator_name,
        "&Calendrier des jours fériés :": ui.calendar,
    }
    assert _tab_chain(dialog, ui.structure_name) == [
        "structure_name",
        "mediator_name",
        "calendar",
        "Créer la structure",
        "Quitter",
    ]
    assert dialog.create_button.isDefault()
    # The fields never cut a name: the services' limit (from the model) is said under the field instead.
    assert ui.structure_name.maxLength() > STRUCTURE_NAME_MAX
    assert ui.mediator_name.maxLength() > MEDIATOR_NAME_MAX
    assert dialog.minimumWidth() == 560


def test_preferences_form_mnemonic_and_tab_order(qtbot) -> None:
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    assert dialog.ui.language_label.buddy() is dialog.ui.language
    ok = dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).text()
    cancel = dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).text()
    assert _tab_chain(dialog, dialog.ui.language) == ["language", "high_contrast", ok, cancel]
    assert [dialog.ui.language.itemData(i) for i in range(dialog.ui.language.count())] == ["fr", "en", "system"]
    assert dialog.minimumWidth() == 460


def test_error_labels_keep_their_colour(qtbot, db: Database) -> None:
    """The form names each error label, so their red must not depend on an object name."""
    dialog = FirstRunDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.validate()
    error: QLabel = dialog.ui.structure_error
    assert error.isVisible()
    assert error.palette().color(QPalette.ColorRole.WindowText).name() == "#b3261e"


def test_forms_are_translated_in_their_dialog_context(qapp, qtbot, db: Database) -> None:
    translators = install_translators(qapp, "en")
    try:
        first_run = FirstRunDialog(db)
        preferences = PreferencesDialog()
        for dialog in (first_run, preferences):
            qtbot.addWidget(dialog)
        assert first_run.windowTitle() == "Welcome to Médios"
        assert first_run.ui.structure_label.text() == "Organisation &name:"
        assert first_run.create_button.text() == "Create the organisation"
        assert preferences.windowTitle() == "Preferences"
    finally:
        remove_translators(qapp, translators)
