"""The wheel carries the migrations, the référentiel and the translations (found by medios.paths)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_ships_the_data_folders(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("medios-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "medios/_data/migrations/env.py",
        "medios/_data/migrations/script.py.mako",
        "medios/_data/migrations/versions/0001_initial_schema.py",
        "medios/_data/resources/referentiel/MEDIOS-2026.1.json",
        "medios/_data/resources/translations/medios_en.qm",
        "medios/_data/resources/translations/medios_en.ts",
        "medios/_data/resources/fonts/DejaVuSans.ttf",
        "medios/_data/resources/fonts/DejaVuSans-Bold.ttf",
        "medios/_data/resources/fonts/LICENSE-DejaVu.txt",
        "medios/py.typed",
        "medios/__main__.py",
    }
    assert expected <= names
    assert not any("__pycache__" in name for name in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "medios = medios.__main__:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
