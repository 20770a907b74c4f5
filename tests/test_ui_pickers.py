"""The code picker: type part of a code or label, accents and case ignored, and the code is chosen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from medios.referentiel import active
from tests.ui_support import Keyboard

from medios.ui.pickers import Choice, CodePicker, fold, referentiel_choices


@pytest.fixture
def form(qtbot):
    host = QWidget()
    picker = CodePicker()
    after = QLineEdit()
    layout = QVBoxLayout(host)
    layout.addWidget(picker)
    layout.addWidget(after)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    yield picker, after
    host.close()


def test_fold_ignores_accents_and_case() -> None:
    assert fold("Médiation ÉTÉ") == "mediation ete"


def test_typing_part_of_a_label_without_accents_chooses_the_term(qtbot, form) -> None:
    picker, after = form
    picker.set_choices([Choice("TRANQ", "Tranquillité publique"), Choice("MEDIA", "Médiation de conflit")])
    picker.setFocus()
    seen: list[object] = []
    picker.code_changed.connect(seen.append)
    keyboard = Keyboard(qtbot)
    keyboard.type("medi")
    keyboard.press(Qt.Key.Key_Tab)
    assert picker.code() == "MEDIA"
    assert seen[-1] == "MEDIA"
    assert after.hasFocus()  # Tab took the choice and moved on
    assert keyboard.count == 5


def test_typing_a_code_chooses_it(qtbot, form) -> None:
    picker, _after = form
    picker.set_choices([Choice("TRANQ", "Tranquillité publique"), Choice("MEDIA", "Médiation de conflit")])
    picker.setFocus()
    keyboard = Keyboard(qtbot)
    keyboard.type("tranq")
    keyboard.press(Qt.Key.Key_Tab)
    assert picker.code() == "TRANQ"


def test_text_matching_nothing_is_no_code(qtbot, form) -> None:
    picker, _after = form
    picker.set_choices([Choice("TRANQ", "Tranquillité publique")])
    picker.setFocus()
    keyboard = Keyboard(qtbot)
    keyboard.type("zzz")
    keyboard.press(Qt.Key.Key_Tab)
    assert picker.code() is None


def test_matches_are_the_folded_substring_oracle() -> None:
    ref = active()
    choices = referentiel_choices(ref, "MOTIF")
    picker = CodePicker()
    picker.set_choices(choices)
    for needle in ("conf", "LOGE", "é", "voisin"):
        expected = [c.code for c in choices if fold(needle) in fold(f"{c.code} {c.label}")]
        assert picker.matches(needle) == expected
    picker.deleteLater()


def test_sensitive_terms_are_marked() -> None:
    ref = active()
    sensitive = ref.sensitive_codes("MOTIF")
    assert sensitive, "the référentiel flags some motifs as sensitive"
    picker = CodePicker()
    picker.set_choices(referentiel_choices(ref, "MOTIF"))
    code = next(iter(sensitive))
    row = picker.codes().index(code)
    assert picker.itemText(row).endswith("⚠")
    picker.deleteLater()


def test_allow_empty_starts_on_not_given(qtbot) -> None:
    picker = CodePicker(allow_empty=True)
    qtbot.addWidget(picker)
    picker.set_choices([Choice("A", "Alpha")])
    assert picker.code() is None
    picker.set_code("A")
    assert picker.code() == "A"
    picker.set_code(None)
    assert picker.code() is None and picker.currentText() == "—"
