"""The command line: French messages, exit codes, headless (no Qt), and the installed entry points."""

from __future__ import annotations

import json
import os
import re
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
    assert code == 4 and "Interventions créées : 1" in out and "Ligne 2" in err  # partial import

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


HEAVY_MODULES = ("sqlalchemy", "alembic", "PySide6", "medios.db", "medios.services")


@pytest.mark.parametrize(
    ("args", "code", "shown"),
    [
        (["--help"], 0, "export-jsonl"),
        (["import", "--help"], 0, "--skip-invalid"),
        (["--version"], 0, "medios "),  # reads the installed version: importlib.metadata, and nothing else
        (["import"], 2, "arguments obligatoires manquants"),
        (["exporter"], 2, "choix invalide"),
        (["demo", "--months", "douze"], 2, "nombre entier attendu"),
    ],
)
def test_help_version_and_argument_errors_load_nothing_heavy(
    tmp_path: Path, args: list[str], code: int, shown: str
) -> None:
    """``medios --help`` starts fast: no database layer, no alembic, no Qt, no models before a command runs
    (nor ``importlib.metadata``, but for ``--version``)."""
    heavy = HEAVY_MODULES if args == ["--version"] else (*HEAVY_MODULES, "importlib.metadata")
    script = (
        "import sys\n"
        "from medios.__main__ import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit as stop:\n"
        "    code = stop.code\n"
        "heavy = sorted(m for m in sys.modules if m.startswith({HEAVY_MODULES!r}))\n"
        "print('EXIT', code, 'HEAVY', heavy, file=sys.stderr)\n"
    ).replace("{HEAVY_MODULES!r}", repr(heavy))
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=_clean_env(tmp_path), check=False
    )
    assert f"EXIT {code} HEAVY []" in result.stderr, result.stderr
    assert shown in result.stdout + result.stderr


def test_version_is_printed_on_the_standard_output(tmp_path: Path) -> None:
    from medios import __version__

    result = subprocess.run(
        [sys.executable, "-m", "medios", "--version"],
        capture_output=True,
        text=True,
        env=_clean_env(tmp_path),
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, f"medios {__version__}\n", "")


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


# --- exit codes: partial import, interruption ------------------------------------------------------


def _base_for_import(db_file: Path) -> None:
    db = open_database(db_file)
    st.init_structure(db, "Médiation du Val", mediator="Alice Martin")
    st.create_dispositif(db, "Médiation habitat Belleville", "HABITAT", __import__("datetime").date(2020, 1, 1))
    db.dispose()


def test_a_partial_import_has_its_own_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_file = tmp_path / "p.db"
    _base_for_import(db_file)
    source = write(tmp_path / "in.jsonl", VALID, BAD_PLACE)
    code, out, err = run(capsys, "--db", str(db_file), "import", "--skip-invalid", str(source))
    assert code == cli.EXIT_PARTIAL == 4
    assert "Interventions créées : 1" in out and "Ligne 2" in err
    # nothing left out: success
    again = write(tmp_path / "valide.jsonl", VALID)
    code, _, _ = run(capsys, "--db", str(db_file), "import", "--skip-invalid", str(again))
    assert code == 0


def _big_import_file(path: Path, lines: int) -> Path:
    import datetime as dt
    import uuid

    today = dt.date.today()
    with path.open("w", encoding="utf-8") as handle:
        for number in range(lines):
            line = {k: v for k, v in VALID.items() if k != "notes"}
            line["id"] = str(uuid.UUID(int=number + 1, version=4))
            line["date"] = (today - dt.timedelta(days=1 + number % 900)).isoformat()
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return path


def _rows(db_file: Path) -> tuple[int, int]:
    import sqlite3

    with sqlite3.connect(db_file) as connection:
        interventions = connection.execute("SELECT count(*) FROM intervention").fetchone()[0]
        audit = connection.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
    return interventions, audit


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX")
def test_ctrl_c_during_an_import_rolls_back_and_exits_130(tmp_path: Path) -> None:
    """SIGINT while the import holds the write lock (its one transaction is under way)."""
    import signal
    import sqlite3

    db_file = tmp_path / "base.db"
    _base_for_import(db_file)
    before = _rows(db_file)
    source = _big_import_file(tmp_path / "gros.jsonl", 20_000)
    child = subprocess.Popen(
        [sys.executable, "-m", "medios", "--db", str(db_file), "import", str(source)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_clean_env(tmp_path),
    )
    probe = sqlite3.connect(db_file, timeout=0, isolation_level=None)
    try:
        while True:  # wait until the import takes the write lock: its transaction has begun
            assert child.poll() is None, "the import finished before it could be interrupted"
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
            except sqlite3.OperationalError as exc:
                assert exc.sqlite_errorcode == 5  # SQLITE_BUSY: the import is writing
                break
            subprocess.run(["sleep", "0.005"], check=True)
    finally:
        probe.close()
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 130, err
    assert err.strip() == "Interrompu : rien n'a été enregistré.", err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "Interventions créées" not in out
    assert _rows(db_file) == before  # nothing half-written: no intervention, no audit line


def test_ctrl_c_in_any_command_is_a_french_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(_args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setitem(cli.COMMANDS, "territory", interrupted)
    code, _, err = run(capsys, "--db", str(tmp_path / "x.db"), "territory", "list")
    assert code == 130 and err == "Interrompu : rien n'a été enregistré.\n"


def test_ctrl_c_while_the_program_starts_is_a_french_message(tmp_path: Path) -> None:
    """Ctrl+C while the modules load can leave one half-imported (« module 'sqlalchemy.sql' has no
    attribute 'base' »): the handler must say so in French without importing anything again."""
    code = (
        "import builtins, sys\n"
        "real = builtins.__import__\n"
        "def hook(name, globals=None, locals=None, fromlist=(), level=0):\n"
        "    inside = (globals or {}).get('__name__', '')\n"
        "    if hasattr(hook, 'done') and name.startswith('medios'):\n"
        "        raise ImportError('half-loaded after Ctrl+C')  # what a broken package does\n"
        "    if inside.startswith('sqlalchemy.sql') and 'medios.cli' in sys.modules and not hasattr(hook, 'done'):\n"
        "        hook.done = True\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, globals, locals, fromlist, level)\n"
        "builtins.__import__ = hook\n"
        "from medios.__main__ import main\n"
        "sys.exit(main(['dispositif', 'list']))\n"
    )
    env = {**os.environ, "MEDIOS_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert (result.returncode, result.stderr) == (130, "Interrompu : rien n'a été enregistré.\n")


def test_a_database_address_is_refused_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "--db", "sqlite:///x.db", "init", "--structure", "S")
    assert code == 2 and "attend un fichier de base de données, pas une adresse" in err
    assert list(tmp_path.iterdir()) == []  # no folder named « sqlite: »


# --- export targets ------------------------------------------------------------------------------


def _base_with_one_intervention(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    db_file = tmp_path / "e.db"
    _base_for_import(db_file)
    assert run(capsys, "--db", str(db_file), "import", str(write(tmp_path / "in.jsonl", VALID)))[0] == 0
    return str(db_file)


def test_export_to_standard_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_file = _base_with_one_intervention(tmp_path, capsys)
    code, out, err = run(capsys, "--db", db_file, "export-jsonl", "-o", "-")
    assert code == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == [VALID["id"]]  # only the lines
    assert "1 interventions exportées dans la sortie standard" in err and "pseudonymes" in err
    assert not (Path.cwd() / "-").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="pipes closed early are a POSIX habit (| head)")
def test_export_to_a_pipe_closed_early_stops_quietly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``medios export-jsonl -o - | head -1``: no traceback, no message, exit 141 (as for SIGPIPE)."""
    db_file = tmp_path / "t.db"
    _base_for_import(db_file)
    assert run(capsys, "--db", str(db_file), "import", str(_big_import_file(tmp_path / "in.jsonl", 600)))[0] == 0
    child = subprocess.Popen(
        [sys.executable, "-m", "medios", "--db", str(db_file), "export-jsonl", "-o", "-"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_clean_env(tmp_path),
    )
    assert child.stdout is not None and child.stderr is not None
    first = json.loads(child.stdout.readline())
    child.stdout.close()  # like head: one line, then the pipe is closed (600 lines do not fit in its buffer)
    err = child.stderr.read().decode()
    child.stderr.close()
    assert child.wait(timeout=120) == cli.EXIT_BROKEN_PIPE == 141
    assert "id" in first and err == ""


def test_export_to_dev_null_leaves_the_device(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import stat

    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null")
    db_file = _base_with_one_intervention(tmp_path, capsys)
    code, out, _ = run(capsys, "--db", db_file, "export-jsonl", "-o", "/dev/null")
    assert code == 0 and "1 interventions exportées dans /dev/null" in out
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert not list(Path("/dev").glob(".null.*.tmp"))


def test_export_to_a_full_device_is_a_storage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    db_file = _base_with_one_intervention(tmp_path, capsys)
    code, _, err = run(capsys, "--db", db_file, "export-jsonl", "-o", "/dev/full")
    assert code == 1 and "impossible d'utiliser le fichier « /dev/full » (disque plein)" in err


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal", "hardlink"])
def test_an_export_never_replaces_the_database(tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    db_file = _base_with_one_intervention(tmp_path, capsys)
    before = Path(db_file).read_bytes()
    if suffix == "hardlink":
        target = str(tmp_path / "autre-nom.db")
        os.link(db_file, target)
    else:
        target = str(db_file) + suffix
    code, _, err = run(capsys, "--db", db_file, "export-jsonl", "-o", target)
    assert code == 2 and "est la base de données elle-même : choisissez un autre nom de fichier" in err
    assert Path(db_file).read_bytes() == before
    code, out, _ = run(capsys, "--db", db_file, "dispositif", "list")
    assert code == 0


# --- the log on a full disk -----------------------------------------------------------------------


def test_an_unwritable_log_costs_one_french_line(tmp_path: Path) -> None:
    """The log file is /dev/full (every write: ENOSPC): one French line, then the command as usual."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    env = _clean_env(tmp_path)
    logs = Path(env["MEDIOS_HOME"]) / "logs"
    logs.mkdir(parents=True)
    (logs / "medios.log").symlink_to("/dev/full")
    db_file = tmp_path / "j.db"
    _base_for_import(db_file)
    result = subprocess.run(
        [sys.executable, "-m", "medios", "--db", str(db_file), "export-jsonl", "-o", str(tmp_path / "x.jsonl")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Logging error" not in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("Journal impossible à écrire") and "disque plein" in result.stderr
    assert "0 interventions exportées" in result.stdout


def test_a_log_that_cannot_be_created_costs_one_french_line(tmp_path: Path) -> None:
    env = _clean_env(tmp_path)
    home = Path(env["MEDIOS_HOME"])
    home.mkdir()
    (home / "logs").write_text("un fichier à la place du dossier")
    result = subprocess.run(
        [sys.executable, "-m", "medios", "--db", str(tmp_path / "absent.db"), "territory", "list"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith("Journal impossible à écrire") and "introuvable" in lines[1]


# --- a read-only base file (the real thing needs a non-root user; as root see test_storage_media) ----


def test_a_read_only_base_file_can_be_read_not_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes read-only files: see tests/test_storage_media.py for a read-only medium")
    db_file = tmp_path / "ro" / "base.db"
    db_file.parent.mkdir()
    _base_for_import(db_file)
    db_file.chmod(0o444)
    db_file.parent.chmod(0o555)
    try:
        code, out, _ = run(capsys, "--db", str(db_file), "dispositif", "list")
        assert code == 0 and out.startswith("Médiation habitat Belleville")
        code, _, err = run(capsys, "--db", str(db_file), "dispositif", "add", "Autre", "--domain", "NUIT")
        assert code == 1 and "lecture seule" in err
    finally:
        db_file.parent.chmod(0o755)


# --- languages -------------------------------------------------------------------------------------

HELP_PAGES = [
    [],
    ["init"],
    ["demo"],
    ["import"],
    ["export-jsonl"],
    ["dispositif"],
    ["dispositif", "list"],
    ["dispositif", "add"],
    ["territory"],
    ["territory", "list"],
    ["territory", "add"],
    ["gui"],
]
# Python 3.11 argparse's own English (help, headings, errors) that must not reach a French user.
ARGPARSE_ENGLISH = (
    "usage:",
    "positional arguments",
    "optional arguments",
    "show this help message",
    "show program's version",
    "the following arguments are required",
    "unrecognized arguments",
    "invalid choice",
    "expected one argument",
    "invalid int value",
    "error:",
    "(default:",
)
FRENCH_WORDS = re.compile(
    r"FICHIER|COMMANDE|\bNOM\b|LIBELL|NIVEAU|MILL[ÉE]SIME|AAAA|utilisation|afficher|erreur|"
    r"[àâçéèêëîïôùûœÉÈ]"
)


def _help(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as caught:
        cli.run([*args, "--help"])
    assert caught.value.code == 0
    return capsys.readouterr().out


def _error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as caught:
        cli.run(list(args))
    assert caught.value.code == 2
    return capsys.readouterr().err


ARGUMENT_ERRORS = [
    ["import"],  # required argument missing
    ["demo", "--months", "douze"],  # not an integer
    ["demo", "--months"],  # value missing
    ["dem"],  # unknown command
    ["territory", "list", "--nope"],  # unknown option
    ["dispositif", "supprimer"],  # unknown action
]


def test_french_help_and_errors_have_no_argparse_english(capsys: pytest.CaptureFixture[str]) -> None:
    pages = {" ".join(page) or "medios": _help(capsys, *page) for page in HELP_PAGES}
    pages.update({"! " + " ".join(args): _error(capsys, *args) for args in ARGUMENT_ERRORS})
    for name, page in pages.items():
        found = [phrase for phrase in ARGPARSE_ENGLISH if phrase in page]
        assert not found, f"{name}: {found}\n{page}"
    flat = {name: " ".join(page.split()) for name, page in pages.items()}  # whatever the terminal width
    assert "afficher la version et quitter" in flat["medios"] and "utilisation : medios" in flat["medios"]
    assert "4 import partiel" in flat["medios"] and "le code de sortie est 4" in flat["import"]
    assert "nombre entier attendu" in flat["! demo --months douze"]


@pytest.mark.parametrize("value", ["en", "EN", "en_US.UTF-8", "en-GB", " En "])
def test_english_help_and_errors_have_no_french(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("MEDIOS_LANG", value)
    pages = {" ".join(page) or "medios": _help(capsys, *page) for page in HELP_PAGES}
    pages.update({"! " + " ".join(args): _error(capsys, *args) for args in ARGUMENT_ERRORS})
    for name, page in pages.items():
        found = FRENCH_WORDS.findall(page.replace("Médios", "Medios"))
        assert not found, f"{name}: {found}\n{page}"
    flat = {name: " ".join(page.split()) for name, page in pages.items()}  # whatever the terminal width
    assert "show program's version number and exit" in flat["medios"]
    assert "--db FILE" in flat["medios"] and "COMMAND" in flat["medios"]
    assert "LEVEL CODE LABEL" in flat["territory add"] and "4 partial import" in flat["medios"]


@pytest.mark.parametrize("value", ["fr", "FR", "fr_FR", "fr_FR.UTF-8", "", "de_DE"])
def test_french_for_every_other_language_setting(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("MEDIOS_LANG", value)
    assert "utilisation : medios" in _help(capsys)
    assert cli.current_language() == "fr"


def test_settings_commands_create_correct_rename_and_retire(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_file = str(tmp_path / "settings.db")

    def medios(*args: str) -> tuple[int, str, str]:
        return run(capsys, "--db", db_file, *args)

    assert medios("init", "--structure", "Médiation du Val", "--mediator", "Alice Martin")[0] == 0
    code, out, _ = medios(
        "structure", "set", "--name", "Médiation du Val-Est", "--notes", "on", "--siret", "732 829 320 00074"
    )
    assert code == 0 and "Nom : Médiation du Val-Est" in out and "SIRET : 73282932000074" in out
    assert "restez factuel" in out and "Observations libres : oui" in out
    code, _, err = medios("structure", "set", "--siret", "123", "--legal-status", "GIP")
    assert code == 2 and "SIRET : 14 chiffres attendus" in err
    assert "Statut juridique : ASSOCIATION" in medios("structure", "show")[1]  # nothing written

    code, out, _ = medios("mediator", "add", "Bob Durand")
    pseudonym = out.split(": ")[1].split(" ")[0]
    assert code == 0 and pseudonym.startswith("MED-")
    assert medios("mediator", "set", pseudonym, "--role", "coordinateur")[0] == 0
    assert f"{pseudonym}\tCOORDINATEUR" in medios("mediator", "list")[1]
    code, _, err = medios("mediator", "set", pseudonym, "--role", "CHEF")
    assert code == 2 and "Rôle : code « CHEF » inconnu" in err
    assert medios("mediator", "retire", pseudonym)[0] == 0
    assert pseudonym not in medios("mediator", "list")[1]
    assert "Bob" not in medios("mediator", "list")[1]  # names never printed
    code, _, err = medios("mediator", "retire", pseudonym)
    assert code == 2 and "aucun médiateur actif" in err

    assert medios("dispositif", "add", "Habitat", "--domain", "HABITAT", "--start", "2024-01-01")[0] == 0
    assert medios("dispositif", "set", "Habitat", "--name", "Habitat Est", "--end", "2025-12-31")[0] == 0
    assert medios("dispositif", "list")[1] == "Habitat Est\tHABITAT\t2024-01-01\t2025-12-31\n"
    code, _, err = medios("dispositif", "set", "Habitat Est", "--end", "2023-01-01")
    assert code == 2 and "Fin : la fin précède le début." in err
    assert medios("dispositif", "retire", "Habitat Est")[0] == 0
    assert medios("dispositif", "list")[1] == ""

    csv = tmp_path / "communes.csv"
    csv.write_text("code;libellé\n93066;St-Denis\n93001;Aubervilliers\n", encoding="utf-8")
    code, out, _ = medios("territory", "import", str(csv), "--vintage", "2024", "--dry-run")
    assert code == 0 and "2 territoires seraient ajoutés" in out and medios("territory", "list")[1] == ""
    assert medios("territory", "import", str(csv), "--vintage", "2024")[1] == "2 territoires ajoutés.\n"
    code, _, err = medios("territory", "import", str(csv), "--vintage", "2024")
    assert code == 2 and "Ligne 2, Code : ce territoire figure déjà dans la liste." in err
    bad = tmp_path / "bad.csv"
    bad.write_text("93048;Montreuil\n9304;Bagnolet\n", encoding="utf-8")
    code, _, err = medios("territory", "import", str(bad))
    assert code == 2 and "Ligne 2, Code : « 9304 » invalide" in err and "Aucun territoire ajouté" in err
    assert medios("territory", "set", "COMMUNE", "93066", "--label", "Saint-Denis")[0] == 0
    assert medios("territory", "retire", "commune", "93001")[0] == 0
    assert medios("territory", "list")[1] == "COMMUNE\t93066\tSaint-Denis\t2024\t\n"

    code, out, _ = medios("site", "add", "Résidence Les Tilleuls", "--place", "HAB_PC", "--commune", "93066")
    assert code == 0
    assert medios("site", "set", "Résidence Les Tilleuls", "--name", "Les Lilas", "--qpv", "QN09301M")[0] == 0
    listing = medios("site", "list")[1]
    assert "\tHAB_PC\t93066\tQN09301M" in listing and "Lilas" not in listing  # names are tier L
    code, _, err = medios("site", "set", "Les Lilas", "--commune", "9306")
    assert code == 2 and "Commune : code INSEE « 9306 » invalide" in err
    assert medios("site", "retire", "Les Lilas")[0] == 0 and medios("site", "list")[1] == ""

    assert medios("partner", "add", "CCAS de Saint-Denis", "--type", "CCAS", "--contact", "Mme Roux")[0] == 0
    code, _, err = medios("partner", "add", "ccas de saint-denis", "--type", "CCAS")
    assert code == 2 and "un partenaire porte déjà ce nom" in err
    assert medios("partner", "set", "CCAS de Saint-Denis", "--commune", "93066")[0] == 0
    assert medios("partner", "list")[1] == "CCAS de Saint-Denis\tCCAS\t93066\n"  # never the contact
    assert medios("partner", "retire", "CCAS de Saint-Denis")[0] == 0
    assert medios("partner", "list")[1] == ""


def test_settings_commands_set_every_field_and_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_file = str(tmp_path / "details.db")

    def medios(*args: str) -> tuple[int, str, str]:
        return run(capsys, "--db", db_file, *args)

    assert medios("init", "--structure", "Médiation du Val", "--mediator", "Alice Martin")[0] == 0
    code, out, _ = medios(
        "structure", "set", "--observatory-id", "OBS 0042", "--networks", "france_mediation",
        "--afnor-date", "2019-05-02", "--hq-commune", "93066",
    )  # fmt: skip
    assert code == 0 and "Identifiant observatoire : OBS0042" in out and "Réseaux : FRANCE_MEDIATION" in out
    assert "Certification AFNOR : 2019-05-02" in out and "Commune du siège : 93066" in out
    code, _, err = medios("structure", "set", "--networks", "INCONNU")
    assert code == 2 and "INCONNU" in err
    assert "Réseaux : FRANCE_MEDIATION" in medios("structure", "show")[1]  # nothing written
    assert "Réseaux : —" in medios("structure", "set", "--networks", "-")[1]

    assert medios("territory", "add", "COMMUNE", "93066", "Saint-Denis", "--vintage", "2024")[0] == 0
    assert medios("partner", "add", "Plaine Commune Habitat", "--type", "BAILLEUR")[0] == 0
    code, _, _ = medios(
        "dispositif", "add", "Habitat", "--domain", "HABITAT", "--start", "2024-01-01", "--end", "2026-12-31",
        "--funders", "CONTRAT_VILLE", "--territories", "93066", "--time-bands", "SOIREE,NUIT",
        "--commissioner", "Plaine Commune Habitat",
    )  # fmt: skip
    assert code == 0
    assert medios("dispositif", "list")[1] == "Habitat\tHABITAT\t2024-01-01\t2026-12-31\tCONTRAT_VILLE,NUIT,SOIREE\n"
    code, _, err = medios("dispositif", "set", "Habitat", "--territories", "75056")
    assert code == 2 and "75056" in err
    db = open_database(Path(db_file))
    try:
        info = st.find_dispositif(db, "Habitat")
    finally:
        db.dispose()
    assert len(info.links.territory_ids) == 1 and len(info.links.commissioner_ids) == 1

    code, out, _ = medios(
        "site", "add", "Collège Pasteur", "--place", "SCOL_IN", "--commune", "93066", "--uai", "0931234A",
        "--educ-prio", "REP",
    )  # fmt: skip
    assert code == 0
    code, _, err = medios("site", "set", "Collège Pasteur", "--uai", "123")
    assert code == 2 and "Code UAI" in err
    code, _, err = medios(
        "site", "add", "Les Tilleuls", "--place", "HAB_PC", "--commune", "93066", "--landlord", "Plaine Commune Habitat"
    )
    assert code == 0

    code, out, _ = medios(
        "mediator", "add", "Bob Durand", "--contract", "CDI", "--fte", "80", "--weekly-hours", "28h",
        "--qualifications", "TP_MSADS", "--start", "2023-09-01",
    )  # fmt: skip
    assert code == 0
    pseudonym = re.search(r"MED-[0-9A-Z]+", out).group(0)  # type: ignore[union-attr]
    code, _, err = medios("mediator", "set", pseudonym, "--end", "2020-01-01")
    assert code == 2 and "la sortie précède l'entrée" in err
    code, _, err = medios("mediator", "set", pseudonym, "--fte", "120")
    assert code == 2 and "10 et 100" in err

    # Retire and restore each kind of item.
    assert medios("mediator", "retire", pseudonym)[0] == 0
    assert pseudonym in medios("mediator", "list", "--retired")[1]
    assert medios("mediator", "restore", pseudonym)[1] == f"Utilisateur {pseudonym} rétabli.\n"
    assert pseudonym in medios("mediator", "list")[1]
    assert medios("dispositif", "retire", "Habitat")[0] == 0
    assert medios("dispositif", "add", "Habitat", "--domain", "NUIT")[0] == 0
    code, _, err = medios("dispositif", "restore", "Habitat")
    assert code == 2 and "un dispositif actif porte déjà ce nom" in err
    assert medios("dispositif", "set", "Habitat", "--name", "Nuit")[0] == 0
    assert medios("dispositif", "restore", "Habitat")[0] == 0
    assert sorted(line.split("\t")[0] for line in medios("dispositif", "list")[1].splitlines()) == ["Habitat", "Nuit"]
    assert medios("territory", "retire", "COMMUNE", "93066")[0] == 0
    assert "93066" in medios("territory", "list", "--retired")[1]
    assert medios("territory", "restore", "COMMUNE", "93066")[0] == 0 and "93066" in medios("territory", "list")[1]
    assert medios("site", "retire", "Collège Pasteur")[0] == 0
    assert medios("site", "restore", "Collège Pasteur")[0] == 0
    assert medios("partner", "retire", "Plaine Commune Habitat")[0] == 0
    assert "Plaine Commune Habitat" in medios("partner", "list", "--retired")[1]
    assert medios("partner", "restore", "Plaine Commune Habitat")[0] == 0
    code, _, err = medios("partner", "restore", "Plaine Commune Habitat")
    assert code == 2 and "aucun partenaire retiré" in err
