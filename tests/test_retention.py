"""Retention of free-text notes: a preview, a purge by a coordinator, logged by count only, and nothing
of the purged notes left in the database file, its WAL or a backup made afterwards."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import text

from medios import cli
from medios.db import Database
from medios.services import audit, retention
from medios.services import interventions as iv
from medios.services import structure as st
from medios.services.backups import backup_now
from medios.services.errors import ValidationError
from tests.test_interventions import _input

TODAY = dt.date(2026, 12, 4)
OLD, RECENT = "ZQXJ-ancienne", "WKVB-recente"


@pytest.fixture
def noted(db: Database) -> Database:
    """Interventions with notes: five entered 13 to 17 months ago, three last month."""
    st.init_structure(db, "Médiation Test", mediator="Alice Martin")
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE structure SET notes_enabled = 1"))
    mediator = st.list_mediators(db)[0].id
    for n in range(8):
        record = iv.record_intervention(
            db, _input(mediator, notes=f"{OLD if n < 5 else RECENT} {n}"), actor_id=mediator
        )
        entered = dt.datetime(2025, 7 + n, 10) if n < 5 else dt.datetime(2026, 11, 10 + n)
        with db.engine.begin() as conn:
            conn.execute(
                text("UPDATE intervention SET created_at = :at WHERE id = :id"), {"at": entered, "id": record.id.bytes}
            )
    return db


def _raw(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def test_the_preview_counts_what_the_schedule_purges(noted: Database) -> None:
    plan = retention.preview(noted, today=TODAY)
    assert (plan.months, plan.notes) == (12, 5) and plan.cutoff == dt.datetime(2025, 12, 4)
    assert plan.oldest == dt.datetime(2025, 7, 10)
    retention.set_notes_months(noted, 16)
    assert retention.preview(noted, today=TODAY).notes == 1  # only July 2025 is older than 16 months
    with pytest.raises(ValidationError, match="de 1 à 120 mois"):
        retention.set_notes_months(noted, 0)


def test_the_purge_leaves_no_trace_in_the_file_its_wal_or_a_later_backup(noted: Database, tmp_path: Path) -> None:
    assert OLD.encode() in _raw(noted.path)
    assert retention.purge(noted, today=TODAY) == 5
    with noted.engine.connect() as conn:
        notes = conn.execute(text("SELECT notes FROM intervention WHERE notes IS NOT NULL")).scalars().all()
        line = conn.execute(text("SELECT action, changes FROM audit_log ORDER BY id DESC LIMIT 1")).one()
    assert sorted(n.split()[0] for n in notes) == [RECENT] * 3
    assert line[0] == "PURGE" and json.loads(line[1]) == {"months": 12, "notes": 5}  # the count, no text
    raw = _raw(noted.path)
    assert OLD.encode() not in raw and RECENT.encode() in raw
    backup = backup_now(noted.path, tmp_path / "apres.db").info.path
    assert OLD.encode() not in backup.read_bytes()
    assert audit.verify_chain(noted).ok
    assert retention.purge(noted, today=TODAY) == 0  # nothing left to purge


def test_a_mediator_cannot_purge(noted: Database) -> None:
    mediator = st.create_mediator(noted, "Bruno Petit").id
    with pytest.raises(ValidationError, match="coordination"):
        retention.purge(noted, today=TODAY, actor_id=mediator)
    assert retention.preview(noted, today=TODAY).notes == 5


def test_the_command_shows_then_purges_on_yes(noted: Database, capsys: pytest.CaptureFixture[str]) -> None:
    noted.dispose()
    base = str(noted.path)
    assert cli.run(["--db", base, "retention", "show"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "Observations conservées 12 mois après leur saisie." in out and "seraient retirées" in out
    assert cli.run(["--db", base, "retention", "purge"]) == cli.EXIT_USER
    assert "Rien n'a été retiré" in capsys.readouterr().out
    assert cli.run(["--db", base, "retention", "purge", "--yes"]) == cli.EXIT_OK
    assert "observation(s) retirée(s)" in capsys.readouterr().out
    assert OLD.encode() not in _raw(noted.path)
