"""``medios check``: an intact base passes; a damaged page, a file that is not a base and a missing file
each get their French verdict, and the file is never written."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from medios import cli
from medios.db import Database
from medios.db.integrity import check_file
from medios.services import structure as st


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def closed_base(db: Database, db_path: Path) -> Path:
    st.init_structure(db, "Médiation Test", mediator="Alice Martin")
    db.dispose()  # checkpointed: the whole base is in the file
    return db_path


def test_an_intact_base_passes(closed_base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _sha(closed_base)
    assert cli.run(["--db", str(closed_base), "check"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("Base intègre : ") and "contrôle complet" in out
    assert cli.run(["--db", str(closed_base), "check", "--quick"]) == cli.EXIT_OK
    assert "contrôle rapide" in capsys.readouterr().out
    report = check_file(closed_base)
    assert report.ok and report.full and report.problems == ()
    assert _sha(closed_base) == before


def test_a_damaged_index_page_is_found_and_the_backups_are_offered(
    closed_base: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    con = sqlite3.connect(closed_base)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_audit_log_record_id'").fetchone()[0]
    con.close()
    with closed_base.open("r+b") as handle:  # the index's root page: its cells overwritten
        handle.seek((root - 1) * page_size + 8)
        handle.write(b"\xff" * (page_size - 8))
    damaged = _sha(closed_base)
    assert cli.run(["--db", str(closed_base), "check"]) == cli.EXIT_USER
    out = capsys.readouterr().out
    assert out.startswith("Base endommagée : ") and "problème(s)" in out
    assert "reprenez la dernière bonne sauvegarde" in out and "backups" in out
    assert not check_file(closed_base, full=False).ok  # the quick check sees it too
    assert _sha(closed_base) == damaged  # nothing written, not even to repair


def test_a_file_that_is_not_a_base_and_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "notes.db"
    text.write_text("ceci n'est pas une base\n" * 200, encoding="utf-8")
    assert cli.run(["--db", str(text), "check"]) == cli.EXIT_USER
    out = capsys.readouterr().out
    assert out.startswith("Base endommagée : ") and "file is not a database" in out
    assert text.read_text(encoding="utf-8").startswith("ceci n'est pas une base")
    assert cli.run(["--db", str(tmp_path / "absente.db"), "check"]) == cli.EXIT_USER
    assert "aucune base à cet endroit" in capsys.readouterr().err
