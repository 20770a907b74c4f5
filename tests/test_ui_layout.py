"""Wrapped texts are never clipped: every visible word-wrapped label gets the height its text needs.

Qt sizes a window from its widgets' minimum sizes, which ignore ``heightForWidth``: a hint that appears
after the dialog is shown, or an error line that pushes the form down, used to lose its last line.
Checked in French and in English, at the size the dialog opens with.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QLabel

from medios.db import Database
from medios.services.errors import FieldError, ValidationError

from medios.ui.first_run import FirstRunDialog
from medios.ui.preferences import PreferencesDialog
from medios.ui.translation import install_translators, remove_translators

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture(params=["fr", "en"])
def language(request: pytest.FixtureRequest, qapp) -> Iterator[str]:
    translators = install_translators(qapp, request.param)
    yield request.param
    remove_translators(qapp, translators)


def clipped(dialog: QDialog) -> list[str]:
    """The visible wrapped labels of ``dialog`` shorter than their text at their width."""
    QCoreApplication.processEvents()  # let the layout settle (it runs on posted LayoutRequest events)
    return [
        f"{label.objectName()}: {label.height()} px for {label.heightForWidth(label.width())} px"
        for label in dialog.findChildren(QLabel)
        if label.isVisible() and label.wordWrap() and label.height() < label.heightForWidth(label.width())
    ]


def shown(dialog: QDialog, qtbot) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()  # its default size: what exec() would open with
    qtbot.waitExposed(dialog)
    return dialog


def test_preferences_note_that_appears_after_showing_is_whole(qtbot, language: str) -> None:
    dialog = shown(PreferencesDialog(), qtbot)
    assert clipped(dialog) == []
    dialog.ui.language.setCurrentIndex(dialog.ui.language.findData("en" if language == "fr" else "fr"))
    assert dialog.ui.note.isVisible()
    assert clipped(dialog) == []


def _no_structure(dialog: FirstRunDialog) -> None:
    dialog.validate()


def _all_fields_refused(dialog: FirstRunDialog) -> None:
    dialog._show_errors(
        ValidationError(
            [
                FieldError("structure", "une structure est déjà enregistrée dans cette base."),
                FieldError("name", "201 caractères : 200 au plus."),
                FieldError("holiday_calendar", "code « X » inconnu dans le vocabulaire CALENDRIER_FERIES."),
                FieldError("legal_status", "code « Y » inconnu dans le vocabulaire STATUT (MEDIOS-2026.1)."),
            ]
        ).by_field()
    )


def _long_names(dialog: FirstRunDialog) -> None:
    dialog.ui.structure_name.setText("S" * 250)
    dialog.ui.mediator_name.setText("M" * 250)


@pytest.mark.parametrize("change", [_no_structure, _all_fields_refused, _long_names], ids=lambda f: f.__name__[1:])
def test_first_run_texts_are_whole_when_errors_appear(
    qtbot, db: Database, language: str, change: Callable[[FirstRunDialog], None]
) -> None:
    dialog = shown(FirstRunDialog(db), qtbot)
    assert clipped(dialog) == []
    change(dialog)
    assert clipped(dialog) == []
    assert dialog.ui.mediator_hint.isVisible()
