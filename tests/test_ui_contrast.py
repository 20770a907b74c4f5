"""High contrast and 200 % scaling: the theme is chosen like any preference, and every text stays readable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from medios.ui import preferences_store
from medios.ui.preferences import PreferencesDialog
from medios.ui.theme import high_contrast_palette
from medios.ui.widgets import ErrorLabel, contrast_ratio, set_secondary, set_tone

ROOT = Path(__file__).resolve().parents[1]


def test_the_high_contrast_choice_is_stored_and_loaded(qtbot, medios_home: Path) -> None:
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ui.high_contrast.isChecked() and not dialog.ui.note.isVisible()
    dialog.ui.high_contrast.setFocus()
    qtbot.keyClick(dialog.ui.high_contrast, Qt.Key.Key_Space)
    assert dialog.ui.high_contrast.isChecked() and dialog.ui.note.isVisible()
    qtbot.mouseClick(dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert preferences_store.stored_high_contrast() is True
    again = PreferencesDialog()
    qtbot.addWidget(again)
    assert again.ui.high_contrast.isChecked()


def test_the_palette_reads_at_seven_to_one() -> None:
    palette = high_contrast_palette()
    role = QPalette.ColorRole
    for text, ground in (
        (role.WindowText, role.Window),
        (role.Text, role.Base),
        (role.HighlightedText, role.Highlight),
    ):
        assert contrast_ratio(palette.color(text), palette.color(ground)) >= 7, (text, ground)


def _label_on(window: str) -> QLabel:
    """A label on a window of colour ``window`` with the text colour a system theme would give it."""
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(window))
    palette.setColor(
        QPalette.ColorRole.WindowText, QColor("#000000" if QColor(window).lightness() > 128 else "#ffffff")
    )
    label = QLabel("Durée (min) : de 1 à 720 minutes.")
    label.setPalette(palette)
    return label


@pytest.mark.parametrize("window", ["#ffffff", "#efefef", "#000000", "#2b2b2b"])
@pytest.mark.parametrize("tone", ["error", "warning", "secondary"])
def test_errors_warnings_and_secondary_text_read_on_light_and_dark_windows(qtbot, window: str, tone: str) -> None:
    """WCAG AA (4.5:1) for every tone, whatever the window colour: a fixed dark red would vanish on black."""
    label = _label_on(window)
    qtbot.addWidget(label)
    if tone == "secondary":
        set_secondary(label)
    else:
        set_tone(label, tone)
    text = label.palette().color(QPalette.ColorRole.WindowText)
    assert contrast_ratio(text, QColor(window)) >= 4.5, (window, text.name())


def test_an_error_label_takes_the_shade_of_its_window(qtbot) -> None:
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#000000"))
    label = ErrorLabel()
    qtbot.addWidget(label)
    label.setPalette(dark)
    set_tone(label, "error")
    assert label.palette().color(QPalette.ColorRole.WindowText).name() == "#ffb4ab"
    assert ErrorLabel().palette().color(QPalette.ColorRole.WindowText).name() == "#b3261e"  # the default light theme


def test_pages_at_200_percent_and_in_high_contrast_are_drawn(tmp_path: Path) -> None:
    """A process of its own (the scale is read when Qt starts): the window at 200 %, then in high contrast."""
    folder = tmp_path / "shots"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MEDIOS_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [sys.executable, "-m", "medios.ui.screenshots", "--accessibility", "--months", "1", str(folder)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    from PySide6.QtGui import QImage

    names = {p.stem for p in folder.glob("*.png")}
    assert names == {f"page_{key}_fr_{kind}" for key in ("entry", "journal", "reports") for kind in ("200", "contrast")}
    for kind in ("200", "contrast"):
        image = QImage(str(folder / f"page_entry_fr_{kind}.png"))
        assert (image.width(), image.height()) == (2200, 1480)  # 1100 × 740 at 200 %
    contrast = QImage(str(folder / "page_entry_fr_contrast.png"))
    assert contrast.pixelColor(2100, 1300).name() == "#000000"  # the window is black
