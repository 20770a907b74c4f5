"""Migrations run from code: schema matches the models, newer files are refused, data survives."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from medios import paths
from medios.db import NewerDatabaseError, StorageError, open_database
from medios.db.engine import make_engine
from medios.db.migrate import MigrationFailed, head_revision, script_directory, upgrade
from medios.db.models import Base
from medios.services import interventions as iv
from medios.services import structure as st
from medios.services.rules import PublicCount


def test_fresh_database_is_at_head_and_matches_the_models(db_path: Path) -> None:
    db = open_database(db_path)
    with db.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    db.dispose()
    assert diff == []


def test_new_database_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "neuve.db"
    open_database(path).dispose()
    assert path.stat().st_mode & 0o777 == 0o600


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_database_from_a_newer_version_is_refused_and_left_alone(db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    con.commit()
    con.close()
    before = _sha(db_path)
    with pytest.raises(NewerDatabaseError, match="version plus récente de Médios"):
        open_database(db_path)
    assert _sha(db_path) == before


def _fill(db_path: Path) -> None:
    db = open_database(db_path)
    st.init_structure(db, "Médiation Test", mediator="Alice Martin")
    mediator = st.list_mediators(db)[0]
    iv.record_intervention(
        db,
        iv.InterventionInput(
            date=dt.date(2026, 3, 2),
            start_time=dt.time(18, 5),
            duration_min=25,
            commune="93066",
            place="HAB_PC",
            registre="CONF",
            domain="HABITAT",
            outcome="APAISE",
            publics=(PublicCount("JEUNE", "A12_17", "M", 3),),
            mediator_ids=(mediator.id,),
        ),
    )
    db.dispose()


def test_reopening_a_database_with_data_keeps_it_and_takes_no_backup(db_path: Path) -> None:
    _fill(db_path)
    db = open_database(db_path)
    assert db.last_migration is not None and not db.last_migration.changed
    assert iv.count_interventions(db) == 1
    db.dispose()
    assert list(paths.backup_dir().iterdir()) == []


EXTRA_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "9999_test"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("intervention") as batch:
        batch.add_column(sa.Column("extra", sa.String(10), nullable=False, server_default="x"))


def downgrade():
    with op.batch_alter_table("intervention") as batch:
        batch.drop_column("extra")
"""


REBUILD_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "9999_rebuild"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("intervention", recreate="always") as batch:
        batch.alter_column("notes", type_=sa.Text(), existing_nullable=True)


def downgrade():
    pass
"""

FAILING_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "9999_failing"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    with op.batch_alter_table("intervention") as batch:
        batch.add_column(sa.Column("extra", sa.String(10)))
    raise RuntimeError("a bug in a migration")


def downgrade():
    pass
"""


def _with_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, source: str) -> None:
    scripts = tmp_path / "migrations"
    shutil.copytree(paths.migrations_dir(), scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / f"{name}.py").write_text(source.format(head=head_revision()), encoding="utf-8")
    monkeypatch.setattr(paths, "migrations_dir", lambda: scripts)


def _counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    tables = ["intervention", "intervention_mediator", "intervention_public", "audit_log", "mediator"]
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # noqa: S608
    con.close()
    return counts


def test_a_batch_rebuild_keeps_the_child_rows(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rebuilding a parent table drops it: with foreign keys on, the drop would cascade to its children."""
    _fill(db_path)
    before = _counts(db_path)
    assert before["intervention_mediator"] == 1 and before["intervention_public"] == 1
    _with_revision(tmp_path, monkeypatch, "9999_rebuild", REBUILD_REVISION)
    db = open_database(db_path)
    assert db.last_migration is not None and db.last_migration.to_revision == "9999_rebuild"
    db.dispose()
    assert _counts(db_path) == before
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()


def test_a_failing_migration_changes_nothing(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fill(db_path)
    before = _counts(db_path)
    _with_revision(tmp_path, monkeypatch, "9999_failing", FAILING_REVISION)
    with pytest.raises(MigrationFailed, match="a échoué ; elle n'a pas été modifiée") as caught:
        open_database(db_path)
    assert ".bak" in str(caught.value)
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
    assert "extra" not in [row[1] for row in con.execute("PRAGMA table_info(intervention)")]
    con.close()
    assert _counts(db_path) == before


def test_a_foreign_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "autre.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (nom TEXT)")
    con.execute("INSERT INTO contacts VALUES ('Dupont')")
    con.commit()
    con.close()
    with pytest.raises(StorageError, match="n'est pas une base Médios"):
        open_database(path)
    con = sqlite3.connect(path)
    assert con.execute("SELECT name FROM sqlite_master").fetchall() == [("contacts",)]
    assert con.execute("SELECT nom FROM contacts").fetchall() == [("Dupont",)]
    con.close()


def test_commands_that_only_read_refuse_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="introuvable"):
        open_database(tmp_path / "faute-de-frappe.db", create=False)
    assert not (tmp_path / "faute-de-frappe.db").exists()


def test_an_upgrade_on_a_database_holding_data_copies_the_file_first(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A newer app (our migrations plus one batch-mode revision) opens a database holding data."""
    _fill(db_path)
    before = _sha(db_path)
    scripts = tmp_path / "migrations"
    shutil.copytree(paths.migrations_dir(), scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9999_test.py").write_text(EXTRA_REVISION.format(head=head_revision()), encoding="utf-8")
    monkeypatch.setattr(paths, "migrations_dir", lambda: scripts)

    db = open_database(db_path)
    result = db.last_migration
    assert result is not None and result.changed and result.to_revision == "9999_test"
    assert result.backup is not None and _sha(result.backup) == before
    assert result.backup.stat().st_mode & 0o777 == 0o600
    assert iv.count_interventions(db) == 1
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT extra, duration_min FROM intervention")).one() == ("x", 25)
    db.dispose()


# One entry per revision that has a predecessor: (revision, fill the database at the predecessor,
# check the data after the upgrade).  Revision 0001 creates the schema, so it has no entry; every
# later revision adds its own here, and the test below upgrades a database holding data through it.
DATA_MIGRATIONS: dict[str, tuple[Callable[[sqlite3.Connection], None], Callable[[sqlite3.Connection], None]]] = {}


def test_every_revision_after_the_first_has_a_data_test() -> None:
    revisions = {r.revision for r in script_directory().walk_revisions() if r.down_revision is not None}
    assert revisions == set(DATA_MIGRATIONS), "ajoutez un test de migration avec données pour chaque révision"


@pytest.mark.parametrize("revision", sorted(DATA_MIGRATIONS))
def test_upgrade_keeps_data(revision: str, tmp_path: Path) -> None:  # pragma: no cover - filled by later revisions
    from alembic import command

    from medios.db.migrate import alembic_config

    script = script_directory().get_revision(revision)
    path = tmp_path / "ancienne.db"
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, str(script.down_revision))
    fill, check = DATA_MIGRATIONS[revision]
    con = sqlite3.connect(path)
    fill(con)
    con.commit()
    con.close()
    result = upgrade(engine, path)
    assert result.backup is not None and result.backup.exists()
    engine.dispose()
    con = sqlite3.connect(path)
    check(con)
    con.close()
