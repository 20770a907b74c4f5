"""Backups and restoration: a verified copy or nothing, a rotation of 7 daily, 4 weekly and 12 monthly
backups, a restoration that checks the backup first and keeps the current base aside."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as strat

from medios import cli, paths
from medios.db import Database, open_database
from medios.db.backup import BackupError, auto_name, keep, make_backup
from medios.services import audit
from medios.services import interventions as iv
from medios.services import structure as st
from medios.services.backups import backup_now, restore_backup
from tests.test_interventions import _input


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _count(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT count(*) FROM intervention").fetchone()[0])
    finally:
        con.close()


def _save(db: Database, n: int) -> None:
    mediator = st.list_mediators(db)[0].id
    for _ in range(n):
        iv.record_intervention(db, _input(mediator), actor_id=mediator)


@pytest.fixture
def filled(db: Database) -> Database:
    st.init_structure(db, "Médiation Test", mediator="Alice Martin")
    _save(db, 3)
    return db


def test_a_backup_of_a_live_base_is_whole_private_and_self_contained(filled: Database, tmp_path: Path) -> None:
    target = tmp_path / "copie.db"
    info = make_backup(filled.path, target)  # the base stays open, its last writes in the WAL
    assert info.interventions == _count(target) == 3 and info.revision
    assert target.stat().st_mode & 0o777 == 0o600
    con = sqlite3.connect(target)
    assert con.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    con.close()
    assert not (tmp_path / "copie.db-wal").exists() and not list(tmp_path.glob(".*partiel"))
    with pytest.raises(BackupError, match="existe déjà"):
        make_backup(filled.path, target)


def test_a_backup_that_cannot_be_written_leaves_nothing(filled: Database, tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="n'a pas pu être écrite|ne se copie pas"):
        make_backup(filled.path, tmp_path / "absent" / "copie.db")  # a folder that is not there (a USB key removed)
    assert not (tmp_path / "absent").exists()
    with pytest.raises(BackupError, match="existe déjà"):  # a special file as the target is never written
        make_backup(filled.path, Path("/dev/full"))
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partiel")]


def _oracle(stamps: list[dt.datetime]) -> set[dt.datetime]:
    """Written differently from keep(): group, take each group's latest, keep the newest groups."""
    kept: set[dt.datetime] = set()
    for key, count in (
        (lambda t: (t.year, t.month, t.day), 7),
        (lambda t: tuple(t.isocalendar())[:2], 4),
        (lambda t: (t.year, t.month), 12),
    ):
        groups: dict[object, dt.datetime] = {}
        for stamp in stamps:
            groups[key(stamp)] = max(stamp, groups.get(key(stamp), stamp))
        kept |= set(sorted(groups.values(), reverse=True)[:count])
    return kept


@strat.composite
def _backup_times(draw: strat.DrawFn) -> list[dt.datetime]:
    """Backups over a window of a few days to three years: dense (several a day) or sparse."""
    days = draw(strat.sampled_from([3, 20, 60, 400, 1100]))
    start = dt.datetime(2024, 1, 1)
    moment = strat.datetimes(min_value=start, max_value=start + dt.timedelta(days=days))
    return draw(strat.lists(moment, max_size=300))


@example([dt.datetime(2024, 1, 1, 18) + dt.timedelta(days=i) for i in range(700)])  # a backup a day, two years
@example([dt.datetime(2026, 11, 1) + dt.timedelta(hours=5 * i) for i in range(400)])  # several a day
@settings(max_examples=300)
@given(_backup_times())
def test_the_rotation_keeps_the_latest_of_each_recent_day_week_and_month(stamps: list[dt.datetime]) -> None:
    kept = keep(stamps)
    assert kept == _oracle(stamps)
    assert len(kept) <= 7 + 4 + 12
    if stamps:
        assert max(stamps) in kept  # the newest backup is always kept


def test_automatic_backups_rotate(filled: Database, capsys: pytest.CaptureFixture[str]) -> None:
    folder = paths.backup_dir()
    old = [dt.datetime(2025, 1, 1) + dt.timedelta(days=3 * i, hours=i % 5) for i in range(200)]
    for stamp in old:
        (folder / auto_name(stamp)).write_bytes(b"ancienne")
    (folder / "medios.db.0011.20260101-000000.bak").write_bytes(b"copie avant mise a jour")  # not rotated
    done = backup_now(filled.path, now=dt.datetime(2027, 1, 1, 12, 0))
    assert done.info.path == folder / "medios-20270101-120000.db" and done.info.interventions == 3
    left = sorted(p.name for p in folder.iterdir() if p.name.startswith("medios-"))
    assert len(left) == len(keep([*old, dt.datetime(2027, 1, 1, 12, 0)])) == len(old) + 1 - len(done.removed)
    assert (folder / "medios.db.0011.20260101-000000.bak").exists()
    assert cli.run(["--db", str(filled.path), "backup"]) == cli.EXIT_OK
    assert capsys.readouterr().out.startswith("Sauvegarde écrite et vérifiée : ")


def test_restore_checks_replaces_keeps_the_current_base_aside_and_logs_it(
    filled: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "sauvegarde.db"
    assert cli.run(["--db", str(filled.path), "backup", "-o", str(backup)]) == cli.EXIT_OK
    _save(filled, 2)
    filled.dispose()
    current = filled.path
    before = _sha(current)
    assert cli.run(["--db", str(current), "restore", str(backup)]) == cli.EXIT_USER  # no --yes: nothing done
    assert "Rien n'a été remplacé" in capsys.readouterr().out and _sha(current) == before
    done = restore_backup(backup, current, now=dt.datetime(2026, 12, 4, 10, 0))
    assert _count(current) == 3
    assert done.aside == current.with_name(f"{current.name}.avant-restauration-20261204-100000")
    assert _count(done.aside) == 5  # the replaced base, whole (its WAL folded before it was set aside)
    db = open_database(current)
    try:
        report = audit.verify_chain(db)
        assert report.ok
        with db.engine.connect() as conn:
            line = conn.exec_driver_sql(
                "SELECT action, table_name, changes FROM audit_log ORDER BY id DESC LIMIT 1"
            ).fetchone()
        assert line[0] == "RESTORE" and line[1] == "database" and '"interventions": 3' in line[2]
    finally:
        db.dispose()


def test_a_damaged_or_foreign_backup_is_refused_and_nothing_is_replaced(
    filled: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "sauvegarde.db"
    make_backup(filled.path, backup)
    con = sqlite3.connect(backup)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_audit_log_record_id'").fetchone()[0]
    con.close()
    with backup.open("r+b") as handle:
        handle.seek((root - 1) * page_size + 8)
        handle.write(b"\xff" * (page_size - 8))
    filled.dispose()
    before = _sha(filled.path)
    assert cli.run(["--db", str(filled.path), "restore", str(backup), "--yes"]) == cli.EXIT_USER
    assert "est endommagée" in capsys.readouterr().err
    other = tmp_path / "autre.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    assert cli.run(["--db", str(filled.path), "restore", str(other), "--yes"]) == cli.EXIT_USER
    assert "n'est pas une base Médios" in capsys.readouterr().err
    assert cli.run(["--db", str(filled.path), "restore", str(tmp_path / "absente.db"), "--yes"]) == cli.EXIT_USER
    assert "sauvegarde introuvable" in capsys.readouterr().err
    assert _sha(filled.path) == before and not list(tmp_path.glob("*avant-restauration*"))


def test_a_backup_made_with_the_clock_behind_the_latest_is_named_after_it_and_kept(filled: Database) -> None:
    later = backup_now(filled.path, now=dt.datetime(2026, 12, 4, 10, 0, 5))
    again = backup_now(filled.path, now=dt.datetime(2026, 12, 4, 10, 0, 1))  # the clock set back
    assert again.info.path.name == "medios-20261204-100006.db" and again.info.path.exists()
    assert later.info.path in again.removed  # the day keeps its latest: the one just made
