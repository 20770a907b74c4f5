"""The command line and encryption: new bases encrypted, the passphrase from MEDIOS_PASSPHRASE or a file
(never the command line), a clear French error without one, medios encrypt / decrypt-copy / key."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from medios import cli
from medios.db import crypto
from medios.services import keys
from tests.conftest import MemoryKeyring

PASSPHRASE = "le phare de la jetée nord"


def _recovery(out: str) -> str:
    lines = out.splitlines()
    return next(line.strip() for line in lines if line.strip().count("-") == keys.RECOVERY_GROUPS - 1)


def _hashes(path: Path) -> list[str | None]:
    files = (path, path.with_name(path.name + "-wal"), crypto.key_file(path))
    return [hashlib.sha256(f.read_bytes()).hexdigest() if f.exists() else None for f in files]


def _init(path: Path, *extra: str) -> int:
    return cli.run(["--db", str(path), "init", "--structure", "Médiation Quai", "--mediator", "Zoé Kervella", *extra])


def test_init_creates_an_encrypted_base_and_shows_its_recovery_key_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], keyring_memory: MemoryKeyring
) -> None:
    path = tmp_path / "medios.db"
    pdf = tmp_path / "secours.pdf"
    assert _init(path, "--recovery-pdf", str(pdf)) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "trousseau du système" in out
    code = _recovery(out)
    assert crypto.is_encrypted(path) and b"Kervella" not in path.read_bytes()
    assert keys.parse_recovery(code) == crypto.key_for(path)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert all(group in text for group in code.split("-")) and "Médiation Quai" in text
    crypto.forget_all()
    assert cli.run(["--db", str(path), "structure", "show"]) == cli.EXIT_OK  # from the secret store
    out = capsys.readouterr().out
    assert "Médiation Quai" in out and code not in out


def test_without_a_store_the_passphrase_comes_from_the_environment_or_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    keys.use_backend(None)
    path = tmp_path / "medios.db"
    assert _init(path) == cli.EXIT_USER
    assert "Aucun trousseau système" in capsys.readouterr().err and not path.exists()
    monkeypatch.setenv("MEDIOS_PASSPHRASE", PASSPHRASE)
    assert _init(path) == cli.EXIT_OK
    code = _recovery(capsys.readouterr().out)
    crypto.forget_all()
    monkeypatch.delenv("MEDIOS_PASSPHRASE")
    before = _hashes(path)
    assert cli.run(["--db", str(path), "structure", "show"]) == cli.EXIT_STORAGE  # no terminal in tests
    assert "MEDIOS_PASSPHRASE ou --passphrase-file" in capsys.readouterr().err
    monkeypatch.setenv("MEDIOS_PASSPHRASE", "une phrase qui n'est pas la bonne")
    assert cli.run(["--db", str(path), "structure", "show"]) == cli.EXIT_STORAGE
    assert "Phrase secrète incorrecte" in capsys.readouterr().err
    assert _hashes(path) == before  # nothing written by a refused key
    monkeypatch.delenv("MEDIOS_PASSPHRASE")
    secret = tmp_path / "phrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    assert cli.run(["--passphrase-file", str(secret), "--db", str(path), "structure", "show"]) == cli.EXIT_OK
    crypto.forget_all()
    secret.write_text(code.lower(), encoding="utf-8")  # the recovery key works where the passphrase does
    assert cli.run(["--passphrase-file", str(secret), "--db", str(path), "month", "status"]) == cli.EXIT_OK
    missing = tmp_path / "absent.txt"
    assert cli.run(["--passphrase-file", str(missing), "--db", str(path), "structure", "show"]) == cli.EXIT_USER
    assert "fichier de phrase secrète" in capsys.readouterr().err


def test_encrypt_a_clear_base_then_a_clear_copy_and_a_new_key(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli.run(["--db", str(db_path), "key", "status"]) == cli.EXIT_OK
    assert "Base en clair" in capsys.readouterr().out
    assert cli.run(["--db", str(db_path), "encrypt"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    first = _recovery(out)
    assert "écrasé puis supprimé" in out and crypto.is_encrypted(db_path)
    assert cli.run(["--db", str(db_path), "encrypt"]) == cli.EXIT_USER
    assert "déjà chiffrée" in capsys.readouterr().err
    copy = tmp_path / "clair.db"
    assert cli.run(["--db", str(db_path), "decrypt-copy", "-o", str(copy)]) == cli.EXIT_OK
    assert "Supprimez-la" in capsys.readouterr().out
    assert sqlite3.connect(copy).execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
    assert cli.run(["--db", str(db_path), "decrypt-copy", "-o", str(copy)]) == cli.EXIT_USER
    assert "existe déjà" in capsys.readouterr().err
    monkeypatch.setenv("MEDIOS_NEW_PASSPHRASE", PASSPHRASE)
    assert cli.run(["--db", str(db_path), "key", "passphrase"]) == cli.EXIT_OK
    capsys.readouterr()
    assert cli.run(["--db", str(db_path), "key", "rekey"]) == cli.EXIT_OK
    second = _recovery(capsys.readouterr().out)
    assert second != first and keys.parse_recovery(second) == crypto.key_for(db_path)
    assert cli.run(["--db", str(db_path), "key", "status"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "Phrase secrète : définie" in out and "Clés précédentes gardées pour les anciennes sauvegardes : 1" in out


def test_a_mediator_cannot_manage_the_keys(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.run(["--db", str(db_path), "init", "--structure", "S", "--mediator", "Alice Martin"]) == cli.EXIT_OK
    capsys.readouterr()
    assert cli.run(["--db", str(db_path), "mediator", "add", "Bruno Lefèvre"]) == cli.EXIT_OK
    pseudonym = capsys.readouterr().out.split(" : ")[1].split()[0]
    assert cli.run(["--db", str(db_path), "encrypt", "--by", pseudonym]) == cli.EXIT_USER
    assert "seule l'administration" in capsys.readouterr().err
    assert not crypto.is_encrypted(db_path)


def test_audit_verify_reads_the_encrypted_base_and_its_clear_copy_alike(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], keyring_memory: MemoryKeyring
) -> None:
    path = tmp_path / "medios.db"
    assert _init(path) == cli.EXIT_OK
    assert cli.run(["--db", str(path), "dispositif", "add", "Médiation du quai", "--domain", "HABITAT"]) == 0
    capsys.readouterr()
    assert cli.run(["--db", str(path), "audit", "verify"]) == cli.EXIT_OK
    on_base = capsys.readouterr().out
    copy = tmp_path / "copie.db"
    assert cli.run(["--db", str(path), "decrypt-copy", "-o", str(copy)]) == cli.EXIT_OK
    capsys.readouterr()
    assert not crypto.is_encrypted(copy)
    assert cli.run(["--db", str(copy), "audit", "verify"]) == cli.EXIT_OK
    on_copy = capsys.readouterr().out
    head = next(line for line in on_base.splitlines() if line.startswith("Empreinte"))
    # The copy holds the chain as it was (the KEY line of the copy goes to the base afterwards).
    assert on_base.startswith("Journal intact") and on_copy.splitlines()[1] == head
    con = sqlite3.connect(copy)  # an edit in the clear copy is caught there too
    con.execute("UPDATE audit_log SET changes = '{}' WHERE id = 2")
    con.commit()
    con.close()
    assert cli.run(["--db", str(copy), "audit", "verify"]) == cli.EXIT_USER
    assert "la chaîne casse à la ligne n° 2" in capsys.readouterr().out
