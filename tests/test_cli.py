"""The command line: French messages, exit codes, headless (no Qt), and the installed entry points."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from medios import cli
from medios.db import open_database
from medios.services import interventions as iv
from medios.services import structure as st
from tests.test_interchange import BAD_PLACE, VALID, write


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_then_import_then_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_file = str(tmp_path / "cli.db")
    code, out, _ = run(capsys, "--db", db_file, "init", "--structure", "Médiation du Val", "--mediator", "Alice Martin")
    assert code == 0 and "Structure « Médiation du Val » enregistrée" in out
    code, _, err = run(capsys, "--db", db_file, "init", "--structure", "Autre")
    assert code == 2 and "déjà enregistrée" in err

    db = open_database(Path(db_file))
    st.create_dispositif(db, "Médiation habitat Belleville", "HABITAT", __import__("datetime").date(2024, 1, 1))
    db.dispose()
    source = write(tmp_path / "in.jsonl", VALID, BAD_PLACE)
    code, out, err = run(capsys, "--db", db_file, "import", str(source))
    assert code == 2 and "Ligne 2, champ « place »" in err and "Aucune intervention importée" in err
    code, out, err = run(capsys, "--db", db_file, "import", "--skip-invalid", str(source))
    assert code == 0 and "Interventions créées : 1" in out and "Ligne 2" in err

    target = tmp_path / "out.jsonl"
    code, out, _ = run(capsys, "--db", db_file, "export-jsonl", "-o", str(target))
    assert (
        code == 0
        and "1 interventions exportées" in out
        and "Les observations libres et les noms n'y figurent pas" in out
    )
    assert json.loads(target.read_text(encoding="utf-8"))["id"] == VALID["id"]


def test_medios_db_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MEDIOS_DB", str(tmp_path / "env.db"))
    assert run(capsys, "init", "--structure", "Par variable")[0] == 0
    assert (tmp_path / "env.db").exists()


def test_default_database_lives_in_the_data_folder(medios_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "init", "--structure", "Par défaut")[0] == 0
    assert (medios_home / "medios.db").exists()


def test_user_mistakes_get_french_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_file = str(tmp_path / "e.db")
    code, _, err = run(capsys, "--db", db_file, "import", str(tmp_path / "absent.jsonl"))
    assert code == 2 and "Fichier introuvable" in err
    open_database(Path(db_file)).dispose()  # a database without structure
    code, _, err = run(capsys, "--db", db_file, "import", str(write(tmp_path / "f.jsonl", VALID)))
    assert code == 2 and "Aucune structure" in err and "medios init" in err
    code, _, err = run(capsys, "--db", db_file, "demo", "--months", "0")
    assert code == 2 and "--months" in err


def test_a_file_that_is_not_a_database_is_an_environment_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "pas-une-base.db"
    bogus.write_bytes(b"ceci n'est pas une base SQLite" * 100)
    code, _, err = run(capsys, "--db", str(bogus), "init", "--structure", "X")
    assert code == 1 and "n'est pas une base Médios lisible" in err


def test_demo_command_reports_its_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_file = tmp_path / "demo.db"
    # Two months: on the 1st of a month the current month holds a single day.
    code, out, _ = run(capsys, "--db", str(db_file), "demo", "--months", "2", "--mediators", "2", "--seed", "3")
    assert code == 0 and "Données de démonstration" in out and "Mo" in out
    db = open_database(db_file)
    assert iv.count_interventions(db) > 0
    db.dispose()
    code, _, err = run(capsys, "--db", str(db_file), "demo", "--months", "1")
    assert code == 2 and "vide" in err


def _clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MEDIOS_DB",)}
    env["MEDIOS_HOME"] = str(tmp_path / "home")
    return env


def test_python_dash_m_and_help_in_french(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "medios", "--help"],
        capture_output=True,
        text=True,
        env=_clean_env(tmp_path),
        check=False,
    )
    assert result.returncode == 0
    assert "export-jsonl" in result.stdout and "base de données à utiliser" in result.stdout


def test_headless_layers_never_import_qt(tmp_path: Path) -> None:
    code = (
        "import sys, medios.cli, medios.db, medios.services.interventions, medios.services.interchange, "
        "medios.services.structure, medios.demo, medios.referentiel, medios.export, medios.paths, medios.i18n\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=_clean_env(tmp_path), check=False
    )
    assert result.returncode == 0, result.stderr


def test_only_ui_and_entry_point_import_qt() -> None:
    root = Path(__file__).resolve().parent.parent / "medios"
    offenders = [
        str(path.relative_to(root.parent))
        for path in root.rglob("*.py")
        if "PySide6" in path.read_text(encoding="utf-8")
        and path.parts[len(root.parts)] != "ui"
        and path.name not in ("app.py", "__main__.py")
    ]
    assert offenders == []


def test_dispositifs_are_added_and_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_file = str(tmp_path / "d.db")
    run(capsys, "--db", db_file, "init", "--structure", "Médiation du Val")
    code, out, _ = run(
        capsys,
        "--db",
        db_file,
        "dispositif",
        "add",
        "Correspondants de nuit",
        "--domain",
        "NUIT",
        "--start",
        "2025-01-06",
    )
    assert code == 0 and "Dispositif « Correspondants de nuit » ajouté." in out
    code, _, err = run(capsys, "--db", db_file, "dispositif", "add", "Autre", "--domain", "LUNE")
    assert code == 2 and "code « LUNE » inconnu dans le vocabulaire DOMAINE" in err
    code, _, err = run(
        capsys, "--db", db_file, "dispositif", "add", "Autre", "--domain", "NUIT", "--start", "06/01/2025"
    )
    assert code == 2 and "--start" in err
    code, out, _ = run(capsys, "--db", db_file, "dispositif", "list")
    assert out == "Correspondants de nuit\tNUIT\t2025-01-06\n"


def test_without_a_display_the_window_command_explains_itself(tmp_path: Path) -> None:
    env = _clean_env(tmp_path)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    result = subprocess.run([sys.executable, "-m", "medios"], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 1
    assert "Aucun écran disponible" in result.stderr


def test_territories_are_added_and_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_file = str(tmp_path / "t.db")
    run(capsys, "--db", db_file, "init", "--structure", "Médiation du Val")
    code, out, _ = run(
        capsys, "--db", db_file, "territory", "add", "commune", "93066", "Saint-Denis", "--vintage", "2025"
    )
    assert code == 0 and "Territoire COMMUNE 93066 « Saint-Denis » ajouté." in out
    code, _, err = run(capsys, "--db", db_file, "territory", "add", "QPV", "QN0930", "Franc-Moisin")
    assert code == 2 and "« QN » suivi de 6 caractères" in err
    code, out, _ = run(capsys, "--db", db_file, "territory", "list", "--level", "commune")
    assert out == "COMMUNE\t93066\tSaint-Denis\t2025\t\n"


def test_a_mistyped_db_is_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "pas" / "ici.db"
    code, _, err = run(capsys, "--db", str(missing), "export-jsonl", "-o", str(tmp_path / "x.jsonl"))
    assert code == 1 and "Base de données introuvable" in err and "medios init" in err
    assert not missing.exists() and not missing.parent.exists()


def test_an_unusable_output_path_is_a_french_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_file = str(tmp_path / "o.db")
    run(capsys, "--db", db_file, "init", "--structure", "Médiation du Val")
    folder = tmp_path / "un-dossier"
    folder.mkdir()
    code, _, err = run(capsys, "--db", db_file, "export-jsonl", "-o", str(folder))
    assert code == 2 and "est un dossier : indiquez un nom de fichier" in err
    (folder / "fichier").write_text("x")
    code, _, err = run(capsys, "--db", db_file, "export-jsonl", "-o", str(folder / "fichier" / "x.jsonl"))
    assert code == 2 and "impossible d'utiliser le fichier" in err and "n'est pas un dossier" in err
    assert sorted(p.name for p in folder.iterdir()) == ["fichier"]  # no temporary file left behind


def test_a_bug_is_logged_and_exits_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, medios_home: Path
) -> None:
    def broken(_args: object) -> int:
        raise RuntimeError("bogue simulé")

    monkeypatch.setitem(cli.COMMANDS, "init", broken)
    code, _, err = run(capsys, "--db", str(tmp_path / "b.db"), "init", "--structure", "X")
    assert code == 3 and "Erreur inattendue (RuntimeError)" in err and "medios.log" in err


def test_argparse_speaks_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.run(["import"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "utilisation : medios import" in err and "arguments obligatoires manquants" in err


def test_english_messages_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEDIOS_LANG", "en")
    code, _, err = run(capsys, "--db", str(tmp_path / "absent.db"), "export-jsonl", "-o", str(tmp_path / "x.jsonl"))
    assert code == 1 and "Error: Database not found" in err and "medios init" in err
    with pytest.raises(SystemExit):
        cli.run(["import"])
    assert "the following arguments are required" in capsys.readouterr().err
    monkeypatch.setenv("MEDIOS_LANG", "fr")
    code, _, err = run(capsys, "--db", str(tmp_path / "absent.db"), "export-jsonl", "-o", str(tmp_path / "x.jsonl"))
    assert "Erreur : Base de données introuvable" in err


def test_the_pure_python_catalog_reader_handles_plurals() -> None:
    from medios import i18n, paths

    backend = i18n.ts_backend(paths.resources_dir() / "translations" / "medios_en.ts")
    i18n.set_backend(backend)
    source = (
        "Aucune intervention importée : %n ligne(s) en erreur. Corrigez le fichier ou relancez avec --skip-invalid."
    )
    one = i18n.translate("Import", source, None, 1)
    many = i18n.translate("Import", source, None, 3)
    assert one.startswith("No intervention imported: 1 ") and many.startswith("No intervention imported: 3 ")
    assert one != many.replace("3", "1")  # singular and plural forms differ
    assert i18n.translate("Field", "Lieu") == "Place"
    assert i18n.translate("Nowhere", "Texte inconnu") == "Texte inconnu"
