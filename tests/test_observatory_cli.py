"""``medios observatory export|check|history``: a coordinator's commands, French messages, exit codes,
nothing written on a refusal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text

from medios import cli
from medios.db import open_database
from medios.demo import generate_demo


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def base(db_path: Path) -> str:
    db = open_database(db_path)
    generate_demo(db, months=3, mediators=3, seed=2, today=dt.date(2026, 3, 20))
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE structure SET observatory_id = 'OBS-0007'"))
    db.dispose()
    return str(db_path)


def test_export_check_and_history(base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "fevrier.zip"
    code, _, err = run(capsys, "--db", base, "observatory", "export", "--period", "2026-02", "-o", str(target))
    assert code == cli.EXIT_USER and not target.exists()
    assert "mois non clôturés" in err and "--confirm-open-months" in err
    args = ("--db", base, "observatory", "export", "--period", "2026-02", "-o", str(target), "--confirm-open-months")
    code, out, err = run(capsys, *args)
    assert code == cli.EXIT_OK, err
    assert "Contrôle réussi" in out and "Fichier Observatoire 2026-02 écrit" in out and target.exists()
    assert "Running HiGHS" not in out
    code, out, _ = run(capsys, "observatory", "check", str(target))
    assert code == cli.EXIT_OK and out.startswith("Contrôle réussi : ")
    code, out, _ = run(capsys, "--db", base, "observatory", "history")
    assert code == cli.EXIT_OK and "2026-02" in out and "fevrier.zip" in out


def test_refusals_are_french_and_write_nothing(base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tmp_path = tmp_path / "sorties"
    tmp_path.mkdir()
    target = tmp_path / "x.zip"
    export = ("--db", base, "observatory", "export", "-o", str(target), "--confirm-open-months")
    code, _, err = run(capsys, *export, "--period", "2026-02", "--threshold", "3")
    assert code == cli.EXIT_USER and "seuil 3 refusé : 5 au moins" in err
    code, _, err = run(capsys, *export, "--period", "2026-02:2026-03")
    assert code == cli.EXIT_USER and "écrivez un mois (2026-10)" in err
    code, _, err = run(
        capsys, "--db", base, "observatory", "export", "--period", "2026-02", "-o", str(tmp_path / "x.csv")
    )
    assert code == cli.EXIT_USER and ".zip" in err
    assert list(tmp_path.iterdir()) == []
    not_zip = tmp_path / "faux.zip"
    not_zip.write_text("bonjour", encoding="utf-8")
    code, _, err = run(capsys, "observatory", "check", str(not_zip))
    assert code == cli.EXIT_USER and err.startswith("Erreur : ")
    code, _, err = run(capsys, "observatory", "check", str(tmp_path / "absent.zip"))
    assert code == cli.EXIT_USER and "absent.zip" in err


def test_dry_run_shows_the_masks_and_their_reasons(
    base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "apercu.zip"
    args = ("--db", base, "observatory", "export", "--period", "2026-02", "-o", str(target), "--dry-run")
    code, out, err = run(capsys, *args)
    assert code == cli.EXIT_OK, err
    assert not target.exists()
    lines = out.splitlines()
    summary = next(line for line in lines if "cellules masquées sur" in line)
    masked = int(summary.split()[0])
    reasons = [line.split("\t")[1] for line in lines if "\t" in line]
    assert len(reasons) == masked > 0
    assert any(r.startswith("moins de 11") for r in reasons)  # primary
    assert any(r.startswith("masquée pour") for r in reasons)  # secondary
    assert any(line.startswith("Test CNIL « individualisation : isoler une personne » : réussi") for line in lines)
    assert any(
        line.startswith("Test CNIL « inférence : déduire une information sur une personne » : ") for line in lines
    )
    code, out, _ = run(capsys, "--db", base, "observatory", "history")
    assert "Aucun fichier envoyé" in out
