"""The documentation's screenshot script runs: every screen it promises is written (docs/screenshots)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from medios.ui import screenshots
from medios.ui.pages import PAGES

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

EXPECTED = {
    "main_window_fr",
    "main_window_en",
    "first_run_fr",
    "first_run_en",
    "first_run_error_fr",
    "preferences_fr",
    "preferences_en",
    "crash_fr",
    "audit_fr",
    # The main window on each page, every page in French, the main ones in English.
    *(f"page_{spec.key}_fr" for spec in PAGES if spec.key != "overview"),
    *(f"page_{key}_en" for key in screenshots.ENGLISH_PAGES),
    "settings_fr",  # the users section of the settings
    "settings_en",
    # The dialogs of an encrypted base.
    *(
        f"{dialog}_{language}"
        for dialog in ("unlock", "new_passphrase", "recovery_key", "login")
        for language in ("fr", "en")
    ),
}


def test_screenshot_script_writes_every_screen(qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "shots"
    assert screenshots.main([str(folder), "--months", "1"]) == 0
    assert {path.stem for path in folder.glob("*.png")} == EXPECTED
    for path in folder.glob("*.png"):
        image = QImage(str(path))
        assert image.width() >= 400 and image.height() >= 100, path.name
    assert "interventions" in capsys.readouterr().out.splitlines()[0]  # the demonstration data is there
