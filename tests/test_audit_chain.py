"""The audit log is a hash chain: every write chains its line; an edited, removed or moved line is found
and named by ``medios audit verify`` (on the base, and on a plain copy of the file alike)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from medios import cli
from medios.db import Database, open_database
from medios.services import audit
from medios.services import interventions as iv
from medios.services import structure as st
from tests.test_interventions import _input


@pytest.fixture
def logged(db: Database) -> Database:
    """A structure, three interventions, one changed and one deleted: a dozen lines in the log."""
    st.init_structure(db, "Médiation Test", mediator="Alice Martin")
    mediator = st.list_mediators(db)[0].id
    ids = [iv.record_intervention(db, _input(mediator), actor_id=mediator).id for _ in range(3)]
    changed = dataclasses.replace(iv.get_intervention(db, ids[0]).data, duration_min=45)
    iv.update_intervention(db, ids[0], changed, actor_id=mediator)
    iv.delete_intervention(db, ids[1], actor_id=mediator)
    return db


def _lines(db: Database) -> list[int]:
    with db.engine.connect() as conn:
        return list(conn.execute(text("SELECT id FROM audit_log ORDER BY id")).scalars())


def test_every_write_chains_its_line(logged: Database, capsys: pytest.CaptureFixture[str]) -> None:
    report = audit.verify_chain(logged)
    lines = _lines(logged)
    assert report.ok and report.entries == len(lines) >= 6 and report.last_id == lines[-1]
    with logged.engine.connect() as conn:
        first, last = conn.execute(text("SELECT sha256 FROM audit_log ORDER BY id")).scalars().all()[:: len(lines) - 1]
    assert report.head == last and len(first) == 64
    assert cli.run(["--db", str(logged.path), "audit", "verify"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith(f"Journal intact : {len(lines)} ligne(s)") and last in out


def test_a_rolled_back_line_does_not_stay_the_head(logged: Database) -> None:
    mediator = st.list_mediators(logged)[0].id
    with pytest.raises(RuntimeError), logged.transaction() as session:
        audit.log_change(
            session, action="UPDATE", table="intervention", record_id=None, changes={}, actor_id=None, device_id="x"
        )
        raise RuntimeError("annulé")
    iv.record_intervention(logged, _input(mediator), actor_id=mediator)
    assert audit.verify_chain(logged).ok


def _tamper(db: Database, statement: str, **params: object) -> None:
    with db.engine.begin() as conn:
        conn.execute(text(statement), params)


def test_an_edited_line_is_found(logged: Database, capsys: pytest.CaptureFixture[str]) -> None:
    target = _lines(logged)[3]
    _tamper(logged, "UPDATE audit_log SET changes = coalesce(changes, '') || ' ' WHERE id = :id", id=target)
    report = audit.verify_chain(logged)
    assert report.broken_at == target and "modifiée" in (report.reason or "")
    assert report.entries == 4 and report.last_id == target - 1
    assert cli.run(["--db", str(logged.path), "audit", "verify"]) == cli.EXIT_USER
    assert f"la chaîne casse à la ligne n° {target}" in capsys.readouterr().out


def test_an_edited_date_or_author_is_found_and_put_back_passes_again(logged: Database) -> None:
    target = _lines(logged)[2]
    with logged.engine.connect() as conn:
        original = conn.execute(text("SELECT at FROM audit_log WHERE id = :id"), {"id": target}).scalar()
    _tamper(logged, "UPDATE audit_log SET at = '2020-01-01 00:00:00.000000' WHERE id = :id", id=target)
    assert audit.verify_chain(logged).broken_at == target
    _tamper(logged, "UPDATE audit_log SET at = :at WHERE id = :id", at=original, id=target)
    assert audit.verify_chain(logged).ok  # the exact line again: the chain is whole
    other = _lines(logged)[1]
    _tamper(logged, "UPDATE audit_log SET actor_id = :a WHERE id = :id", a=uuid.uuid4().bytes, id=other)
    assert audit.verify_chain(logged).broken_at == other


def test_a_removed_line_is_found_and_named(logged: Database) -> None:
    lines = _lines(logged)
    _tamper(logged, "DELETE FROM audit_log WHERE id = :id", id=lines[2])
    report = audit.verify_chain(logged)
    assert report.broken_at == lines[3]
    assert report.reason == f"les lignes {lines[2]} à {lines[2]} ont été supprimées"


def test_two_lines_swapped_are_found(logged: Database) -> None:
    a, b = _lines(logged)[1:3]
    columns = "at, actor_id, device_id, action, table_name, record_id, changes, sha256"
    with logged.engine.begin() as conn:
        rows = {r[0]: r[1:] for r in conn.execute(text(f"SELECT id, {columns} FROM audit_log WHERE id IN ({a}, {b})"))}
        for target, source in ((a, b), (b, a)):
            sets = ", ".join(f"{name.strip()} = :v{i}" for i, name in enumerate(columns.split(",")))
            conn.execute(
                text(f"UPDATE audit_log SET {sets} WHERE id = :id"),
                {"id": target, **{f"v{i}": value for i, value in enumerate(rows[source])}},
            )
    assert audit.verify_chain(logged).broken_at == a


def test_lines_cut_at_the_end_keep_a_whole_chain_with_another_head(logged: Database) -> None:
    before = audit.verify_chain(logged)
    _tamper(logged, "DELETE FROM audit_log WHERE id = :id", id=_lines(logged)[-1])
    after = audit.verify_chain(logged)
    assert after.ok and after.head != before.head and after.entries == before.entries - 1


def test_a_plain_copy_of_the_file_verifies_the_same(logged: Database, tmp_path: Path) -> None:
    logged.dispose()
    copy = tmp_path / "copie.db"
    shutil.copy2(logged.path, copy)
    con = sqlite3.connect(copy)
    con.execute("UPDATE audit_log SET device_id = 'autre' WHERE id = 2")
    con.commit()
    con.close()
    again = open_database(copy)
    try:
        assert audit.verify_chain(again).broken_at == 2
    finally:
        again.dispose()
    original = open_database(logged.path)
    try:
        assert audit.verify_chain(original).ok
    finally:
        original.dispose()


def test_the_digest_covers_every_field() -> None:
    base = dict(
        at=dt.datetime(2026, 12, 4, 3, 0, 0, 123456),
        actor_id=uuid.UUID(int=1),
        device_id="poste",
        action="UPDATE",
        table_name="intervention",
        record_id=uuid.UUID(int=2),
        changes='{"a": 1}',
    )
    digest = audit.entry_digest(audit.GENESIS, **base)  # type: ignore[arg-type]
    assert audit.entry_digest("1" * 64, **base) != digest  # type: ignore[arg-type]
    for field, other in (
        ("at", dt.datetime(2026, 12, 4, 3, 0, 0, 123457)),
        ("actor_id", None),
        ("device_id", "poste2"),
        ("action", "DELETE"),
        ("table_name", "site"),
        ("record_id", None),
        ("changes", None),
    ):
        assert audit.entry_digest(audit.GENESIS, **{**base, field: other}) != digest, field  # type: ignore[arg-type]
    assert audit.entry_digest(audit.GENESIS, **{**base, "changes": ""}) != audit.entry_digest(  # type: ignore[arg-type]
        audit.GENESIS, **{**base, "changes": None}
    )  # type: ignore[arg-type]


def test_lines_written_in_bulk_are_chained_after_the_others(logged: Database) -> None:
    """A territory file and an import write their lines in bulk (Core inserts): chained in order with the
    lines the ORM writes."""
    from medios.services import territories

    preview = territories.parse_territories(
        "code;libellé\n01053;Bourg-en-Bresse\n69123;Lyon\n", level="COMMUNE", vintage="2024"
    )
    assert territories.import_territories(logged, preview) == 2
    mediator = st.list_mediators(logged)[0].id
    iv.record_intervention(logged, _input(mediator), actor_id=mediator)
    report = audit.verify_chain(logged)
    assert report.ok and report.entries == len(_lines(logged))


def test_a_coordinator_exports_the_log_and_a_mediator_cannot(
    logged: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv

    from medios.services.errors import ValidationError

    coordinator = st.list_mediators(logged)[0]
    mediator = st.create_mediator(logged, "Bruno Petit")
    with pytest.raises(ValidationError, match="coordination"):
        audit.export_rows(logged, actor_id=mediator.id)
    target = tmp_path / "journal.csv"
    assert cli.run(["--db", str(logged.path), "audit", "export", "-o", str(target), "--by", coordinator.pseudonym]) == 0
    assert "Journal exporté" in capsys.readouterr().out
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the accents
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == list(audit.EXPORT_COLUMNS) and len(rows) - 1 == len(_lines(logged))
    with logged.engine.connect() as conn:
        digests = conn.execute(text("SELECT sha256 FROM audit_log ORDER BY id")).scalars().all()
    assert [row[-1] for row in rows[1:]] == digests  # each line with its hash: checkable against the base
    assert {row[2] for row in rows[1:]} <= {coordinator.pseudonym, mediator.pseudonym, ""}
    assert b"Alice Martin" not in raw  # names never: pseudonyms only
    assert (
        cli.run(
            ["--db", str(logged.path), "audit", "export", "-o", str(tmp_path / "x.csv"), "--by", mediator.pseudonym]
        )
        != 0
    )
    assert not (tmp_path / "x.csv").exists()
