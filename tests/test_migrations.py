"""Migrations run from code: schema matches the models, newer files are refused, data survives."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import CheckConstraint, Engine, MetaData, inspect, text

from medios import paths
from medios.db import Database, NewerDatabaseError, StorageError, open_database
from medios.db.engine import driver_execute, make_engine
from medios.db.migrate import MigrationFailed, head_revision, script_directory, upgrade
from medios.db.models import QPV_CHECK, Base
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


def _sql(clause: Any) -> str | None:
    """SQL text with its whitespace normalised (reflected CHECKs and index conditions)."""
    return None if clause is None else " ".join(str(clause).split())


def _schema_shape(engine: Engine) -> dict[str, dict[str, Any]]:
    """What compare_metadata does not look at: CHECKs, index conditions, table options, FK actions."""
    inspector = inspect(engine)
    shape: dict[str, dict[str, Any]] = {}
    for table in sorted(set(inspector.get_table_names()) - {"alembic_version"}):
        shape[table] = {
            "checks": sorted((c["name"], _sql(c["sqltext"])) for c in inspector.get_check_constraints(table)),
            "indexes": sorted(
                (
                    i["name"],
                    tuple(i["column_names"]),
                    bool(i["unique"]),
                    _sql(i.get("dialect_options", {}).get("sqlite_where")),
                )
                for i in inspector.get_indexes(table)
            ),
            "options": inspector.get_table_options(table),
            "foreign_keys": sorted(
                (
                    fk["name"] or "",
                    tuple(fk["constrained_columns"]),
                    fk["referred_table"],
                    tuple(fk["referred_columns"]),
                    tuple(sorted(fk["options"].items())),
                )
                for fk in inspector.get_foreign_keys(table)
            ),
        }
    return shape


def _models_shape(tmp_path: Path, metadata: MetaData = Base.metadata) -> dict[str, dict[str, Any]]:
    engine = make_engine(tmp_path / f"create_all-{uuid.uuid4().hex[:8]}.db")
    metadata.create_all(engine)
    shape = _schema_shape(engine)
    engine.dispose()
    return shape


def test_migrated_checks_and_partial_indexes_match_the_models(db: Database, tmp_path: Path) -> None:
    """compare_metadata ignores CHECK constraints and the WHERE of partial indexes: compare them here."""
    migrated = _schema_shape(db.engine)
    assert migrated == _models_shape(tmp_path)
    assert ("ck_site_qpv", QPV_CHECK) in migrated["site"]["checks"]
    assert ("uq_site_name_live", ("name",), True, "deleted_at IS NULL") in migrated["site"]["indexes"]


def test_the_schema_comparison_sees_a_changed_check_or_index_condition(tmp_path: Path) -> None:
    changed = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.sorted_tables:
        table.to_metadata(changed)
    intervention = changed.tables["intervention"]
    duration = next(c for c in intervention.constraints if c.name == "ck_intervention_duration")
    intervention.constraints.remove(duration)
    intervention.append_constraint(CheckConstraint("duration_min BETWEEN 1 AND 721", name="duration"))
    index = next(i for i in changed.tables["site"].indexes if i.name == "uq_site_name_live")
    index.dialect_options["sqlite"]["where"] = text("deleted_at IS NOT NULL")
    expected, got = _models_shape(tmp_path), _models_shape(tmp_path, changed)
    assert {t for t in expected if expected[t] != got[t]} == {"intervention", "site"}
    assert expected["intervention"]["indexes"] == got["intervention"]["indexes"]
    assert expected["site"]["checks"] == got["site"]["checks"]


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
    shipped = head_revision()
    _with_revision(tmp_path, monkeypatch, "9999_failing", FAILING_REVISION)
    with pytest.raises(MigrationFailed, match="a échoué ; elle n'a pas été modifiée") as caught:
        open_database(db_path)
    assert ".bak" in str(caught.value)
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == shipped
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


# --------------------------------------------------------------------------- data migrations
#
# A revision's data test fills a database at the previous revision with plain SQL (the schema of that
# day, not today's models), upgrades it to the revision, and checks the data with plain SQL again.
# The helpers below write rows the way SQLAlchemy stores them in SQLite: UUIDs as 32 hex digits,
# timestamps "YYYY-MM-DD HH:MM:SS.ffffff", times "HH:MM:SS.ffffff", booleans 0/1.

DEVICE = "5f0c1c3e-poste-de-test"
NOW = "2026-03-31 17:00:00.000000"
DELETED = "2026-03-20 09:30:00.000000"


def _id() -> str:
    return uuid.uuid4().hex


def _insert(con: sqlite3.Connection, table: str, **values: Any) -> str | None:
    names = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    con.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(values.values()))  # noqa: S608
    return values.get("id")


def _synced(con: sqlite3.Connection, table: str, *, deleted: bool = False, **values: Any) -> str:
    """A row of a table with the sync columns (id, timestamps, device, soft delete, vocab_version)."""
    row_id = _id()
    _insert(
        con,
        table,
        id=row_id,
        created_at=NOW,
        updated_at=DELETED if deleted else NOW,
        created_by=None,
        device_id=DEVICE,
        deleted_at=DELETED if deleted else None,
        vocab_version="MEDIOS-2026.1",
        **values,
    )
    return row_id


def _intervention_0001(
    con: sqlite3.Connection,
    mediator: str,
    *,
    day: str,
    start: str,
    qpv: str | None,
    site: str | None = None,
    dispositif: str | None = None,
    deleted: bool = False,
    follow_up_of: str | None = None,
    **extra: Any,
) -> str:
    """An intervention of the 0001 schema with a mediator, motifs, publics and a partner.

    From revision 0004 on, the parent's ``month`` and ``dispositif_id`` are copied on the motifs, publics
    and partners, and the parent counts its mediators: the helper writes them when the schema has them.
    """
    fields: dict[str, Any] = {
        "dispositif_id": dispositif,
        "date": day,
        "month": int(day[:4] + day[5:7]),
        "start_time": f"{start}:00.000000",
        "time_band": "SOIREE" if start >= "18:00" else "APRES_MIDI",
        "day_type": "SEMAINE",
        "duration_min": 25,
        "commune": "75056",
        "qpv": qpv,
        "site_id": site,
        "place": "HAB_PC",
        "registre": "CONF",
        "sub_registre": "CONF_TR",
        "domain": "HABITAT",
        "origin": "ALLER_VERS",
        "modality": "GROUPE",
        "tension": "2",
        "outcome": "APAISE",
        "follow_up_of": follow_up_of,
        "presence_id": None,
        "consent": "NR",
        "notes": None,
    }
    fields.update(extra)
    copies: dict[str, Any] = {}
    if "month" in {r[1] for r in con.execute("PRAGMA table_info(intervention_motif)")}:
        fields["mediator_count"] = 1
        copies = {"month": fields["month"], "dispositif_id": fields["dispositif_id"]}
    row = _synced(con, "intervention", deleted=deleted, **fields)
    _insert(con, "intervention_mediator", intervention_id=row, mediator_id=mediator, **_mediator_copies(con, fields))
    for motif in ("HALL", "BRUIT"):
        _insert(con, "intervention_motif", intervention_id=row, motif=motif, **copies)
    _insert(con, "intervention_public", intervention_id=row, public_type="JEUNE", age_band="A18_24", sex="M", count=4,
            **copies)  # fmt: skip
    _insert(con, "intervention_public", intervention_id=row, public_type="HABITANT", age_band="A40_59", sex="F",
            count=1, **copies)  # fmt: skip
    _insert(con, "intervention_partner", intervention_id=row, partner_type="BAILLEUR", role="ALERTE", partner_id=None,
            **copies)  # fmt: skip
    _insert(con, "audit_log", at=NOW, actor_id=mediator, device_id=DEVICE, action="CREATE", table_name="intervention",
            record_id=row, changes='{"registre": "CONF"}')  # fmt: skip
    return row


def _mediator_copies(con: sqlite3.Connection, parent: dict[str, Any]) -> dict[str, Any]:
    """From revision 0006 on, a mediator row copies its intervention's date and start time; from 0010 on,
    what the per-mediator figures sum."""
    columns = {r[1] for r in con.execute("PRAGMA table_info(intervention_mediator)")}
    copies = {name: parent[name] for name in ("date", "start_time") if name in columns}
    if "month" in columns:
        copies.update({name: parent[name] for name in ("month", "dispositif_id", "duration_min", "mediator_count")})
        copies.update(follow_up=parent["follow_up_of"] is not None, in_block=parent["presence_id"] is not None)
    return copies


def _keys_as_bytes(con: sqlite3.Connection) -> None:
    """Rows written with hex text keys (the helpers above), stored as 16 bytes as from revision 0005 on."""
    con.create_function("medios_key", 1, lambda v: uuid.UUID(hex=v).bytes if isinstance(v, str) and len(v) == 32 else v)
    tables = [
        r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    ]
    for table in tables:
        for column in [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[2] == "BLOB"]:  # noqa: S608
            con.execute(f"UPDATE {table} SET {column} = medios_key({column})")  # noqa: S608


def _all_counts(con: sqlite3.Connection) -> dict[str, int]:
    tables = [
        r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    ]
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables if t != "alembic_version"}  # noqa: S608


# Sites of the 0002 data test: name -> (qpv stored by 0001, qpv expected after 0002).
SITES_0002: dict[str, tuple[str | None, str | None]] = {
    "Résidence des Lilas": (None, "HORS_QPV"),  # an import's « Hors QPV » site: all its interventions HORS_QPV
    "Collège Jean Moulin": (None, None),  # one intervention HORS_QPV, one without QPV: not known
    "Gare et pôle d'échanges": (None, None),  # only a deleted intervention: not known
    "Square Léon": (None, "HORS_QPV"),  # the deleted intervention in a QPV does not count
    "Résidence Les Tilleuls": ("QN07501M", "QN07501M"),  # a QPV code is kept
    "Maison de quartier": ("HORS_QPV", "HORS_QPV"),  # the demo's convention, kept
    "Local associatif": ("", None),  # a value the new CHECK refuses: « non renseigné »
    "Ancienne antenne": (None, "HORS_QPV"),  # a deleted site (its name becomes free again) follows the rule too
}
_STATE_0002: dict[str, Any] = {}


def _fill_0001(con: sqlite3.Connection, *, checked_qpv: bool = False) -> None:
    """A small structure at revision 0001: mediators, partner, dispositifs, sites, interventions, audit.

    ``checked_qpv`` leaves out the site QPV that the CHECK of 0002 refuses, for later revisions.
    """
    _insert(con, "app_setting", key="device_id", value=DEVICE)
    _synced(con, "structure", name="Médiation Test", siret=None, observatory_id=None, legal_status="ASSOCIATION",
            afnor_certified_on=None, hq_commune="75056", holiday_calendar="METROPOLE", notes_enabled=0,
            person_module_enabled=0, dpia_ref=None, dpia_date=None)  # fmt: skip
    people = {}
    for pseudonym, name, role in (("MED-01", "Alice Martin", "COORDINATEUR"), ("MED-02", "Bruno Petit", "MEDIATEUR")):
        people[pseudonym] = _synced(con, "mediator", display_name=name, pseudonym=pseudonym, role=role, login=None,
                                    password_hash=None, weekly_minutes=2100, contract=None, fte_percent=100,
                                    start_date="2024-01-01", end_date=None)  # fmt: skip
    landlord = _synced(con, "partner", name="Paris Habitat", partner_type="BAILLEUR", commune="75056",
                       contact_name=None, phone=None, email=None)  # fmt: skip
    habitat = _synced(con, "dispositif", name="Médiation habitat Belleville", main_domain="HABITAT",
                      start_date="2024-01-01", end_date=None)  # fmt: skip
    night = _synced(con, "dispositif", deleted=True, name="Correspondants de nuit", main_domain="NUIT",
                    start_date="2023-01-01", end_date="2025-12-31")  # fmt: skip
    _insert(con, "dispositif_funder", dispositif_id=habitat, funder="BAILLEUR")
    sites = {
        name: _synced(
            con,
            "site",
            deleted=name == "Ancienne antenne",
            name=name,
            place="HAB_PC",
            commune="75056",
            qpv=None if checked_qpv and qpv == "" else qpv,
            uai=None,
            educ_prio=None,
            landlord_id=landlord,
        )  # fmt: skip
        for name, (qpv, _after) in SITES_0002.items()
    }
    alice, bruno = people["MED-01"], people["MED-02"]

    def at(site: str, qpv: str | None, **kw: Any) -> str:
        return _intervention_0001(con, alice, site=sites[site], qpv=qpv, dispositif=habitat, **kw)

    first = at("Résidence des Lilas", "HORS_QPV", day="2026-03-02", start="18:05")
    at("Résidence des Lilas", "HORS_QPV", day="2026-03-09", start="18:40", follow_up_of=first)
    at("Collège Jean Moulin", "HORS_QPV", day="2026-03-03", start="16:30", place="SCOL_ABORDS")
    at("Collège Jean Moulin", None, day="2026-03-10", start="16:45", place="SCOL_ABORDS")
    at("Gare et pôle d'échanges", "HORS_QPV", day="2026-03-04", start="08:15", deleted=True)
    at("Square Léon", "HORS_QPV", day="2026-03-05", start="14:00")
    at("Square Léon", "QN07501M", day="2026-03-06", start="14:10", deleted=True)
    at("Résidence Les Tilleuls", "HORS_QPV", day="2026-03-07", start="19:00")
    at("Maison de quartier", "HORS_QPV", day="2026-03-11", start="10:00")
    at("Local associatif", None, day="2026-03-12", start="11:00")
    at("Ancienne antenne", "HORS_QPV", day="2026-02-12", start="11:00")
    _intervention_0001(con, bruno, day="2026-03-13", start="21:10", qpv=None, dispositif=night, registre="VTEC",
                       sub_registre=None, outcome="SIGNALE")  # fmt: skip
    _STATE_0002.update(first=first, counts=_all_counts(con), deleted_site=sites["Ancienne antenne"], night=night)


def _check_0002(con: sqlite3.Connection) -> None:
    assert _all_counts(con) == _STATE_0002["counts"]  # no row lost nor added, children included
    qpv = dict(con.execute("SELECT name, qpv FROM site").fetchall())
    assert qpv == {name: after for name, (_before, after) in SITES_0002.items()}
    # Interventions are untouched: fields, follow-up link, children.
    row = con.execute(
        "SELECT date, start_time, qpv, registre, sub_registre, outcome, updated_at FROM intervention WHERE id = ?",
        (_STATE_0002["first"],),
    ).fetchone()
    assert row == ("2026-03-02", "18:05:00.000000", "HORS_QPV", "CONF", "CONF_TR", "APAISE", NOW)
    assert con.execute(
        "SELECT count(*) FROM intervention WHERE follow_up_of = ?", (_STATE_0002["first"],)
    ).fetchone() == (1,)
    assert con.execute("SELECT updated_at FROM site WHERE name = 'Résidence des Lilas'").fetchone() == (NOW,)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    # A deleted site or dispositif frees its name; two live rows still cannot share one.
    _synced(con, "site", name="Ancienne antenne", place="RUE", commune="75056", qpv=None, uai=None, educ_prio=None,
            landlord_id=None)  # fmt: skip
    _synced(
        con, "dispositif", name="Correspondants de nuit", main_domain="NUIT", start_date="2026-04-01", end_date=None
    )
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        _synced(con, "site", name="Résidence des Lilas", place="RUE", commune="75056", qpv=None, uai=None,
                educ_prio=None, landlord_id=None)  # fmt: skip
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        _synced(con, "dispositif", name="Médiation habitat Belleville", main_domain="HABITAT", start_date="2026-04-01",
                end_date=None)  # fmt: skip
    for bad in ("NR", "QN075", "qn07501m", ""):
        with pytest.raises(sqlite3.IntegrityError, match="ck_site_qpv"):
            con.execute("UPDATE site SET qpv = ? WHERE name = 'Square Léon'", (bad,))
    con.rollback()


_STATE_0003: dict[str, Any] = {}
JOURNAL_0003 = ("registre", "domain", "place", "outcome", "commune", "qpv", "dispositif_id")


def _fill_0002(con: sqlite3.Connection) -> None:
    """Interventions at revision 0002 (two deleted, two on one day and time, one without QPV nor dispositif)."""
    _insert(con, "app_setting", key="device_id", value=DEVICE)
    alice = _synced(con, "mediator", display_name="Alice Martin", pseudonym="MED-01", role="COORDINATEUR", login=None,
                    password_hash=None, weekly_minutes=2100, contract=None, fte_percent=100, start_date="2024-01-01",
                    end_date=None)  # fmt: skip
    habitat = _synced(con, "dispositif", name="Médiation habitat", main_domain="HABITAT", start_date="2024-01-01",
                      end_date=None)  # fmt: skip
    made = [
        _intervention_0001(con, alice, day=day, start=start, qpv=qpv, dispositif=habitat, deleted=deleted, **extra)
        for day, start, qpv, deleted, extra in (
            ("2026-03-02", "18:05", "HORS_QPV", False, {}),
            ("2026-03-02", "18:05", "QN07501M", False, {"registre": "MER", "sub_registre": None}),
            ("2026-03-09", "09:40", None, False, {"dispositif_id": None, "outcome": "ORIENTE"}),
            ("2026-03-10", "16:45", "HORS_QPV", True, {}),
            ("2025-12-31", "23:55", "HORS_QPV", False, {"place": "RUE"}),
            ("2026-01-15", "10:00", "HORS_QPV", True, {"registre": "MER", "sub_registre": None}),
        )
    ]
    live = [r for r in made if r not in (made[3], made[5])]
    key = {r: con.execute("SELECT date, start_time, id FROM intervention WHERE id = ?", (r,)).fetchone() for r in live}
    _STATE_0003.update(
        counts=_all_counts(con), newest_first=sorted(live, key=key.__getitem__, reverse=True), mer=made[1]
    )


def _check_0003(con: sqlite3.Connection) -> None:
    assert _all_counts(con) == _STATE_0003["counts"]  # indexes only: no row lost nor added
    indexes = {
        name: (sql, [r[2] for r in con.execute(f"PRAGMA index_info({name})")])
        for name, sql in con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_intervention_journal%'")
    }  # fmt: skip
    expected = {"ix_intervention_journal": ["date", "start_time", "id"]}
    expected.update({f"ix_intervention_journal_{c}": [c, "date"] for c in JOURNAL_0003})
    assert {name: columns for name, (_sql, columns) in indexes.items()} == expected
    assert all(sql.endswith("WHERE deleted_at IS NULL") for sql, _columns in indexes.values())
    query = "SELECT id FROM intervention WHERE deleted_at IS NULL ORDER BY date DESC, start_time DESC, id DESC LIMIT 3"
    plan = " ".join(r[3] for r in con.execute(f"EXPLAIN QUERY PLAN {query}"))
    assert "ix_intervention_journal" in plan and "TEMP B-TREE" not in plan
    assert [r[0] for r in con.execute(query)] == _STATE_0003["newest_first"][:3]
    by_registre = "SELECT id FROM intervention WHERE deleted_at IS NULL AND registre = 'MER' ORDER BY date DESC"
    assert "ix_intervention_journal_registre" in " ".join(
        r[3] for r in con.execute(f"EXPLAIN QUERY PLAN {by_registre}")
    )
    assert [r[0] for r in con.execute(by_registre)] == [_STATE_0003["mer"]]  # the deleted MER row is out


_STATE_0005: dict[str, Any] = {}


def _snapshot(con: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, keys read as hex text whether stored as text or as 16 bytes."""
    tables = [
        r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    ]
    snapshot = {}
    for table in tables:
        rows = con.execute(f"SELECT * FROM {table}").fetchall()  # noqa: S608
        snapshot[table] = sorted(
            (tuple(uuid.UUID(bytes=v).hex if isinstance(v, bytes) else v for v in row) for row in rows), key=repr
        )
    return snapshot


def _fill_0004(con: sqlite3.Connection) -> None:
    _fill_0001(con, checked_qpv=True)
    _STATE_0005.update(snapshot=_snapshot(con), first=_STATE_0002["first"])


def _check_0005(con: sqlite3.Connection) -> None:
    before = _STATE_0005["snapshot"]
    snapshot = _snapshot(con)
    del before["alembic_version"], snapshot["alembic_version"]
    assert snapshot == before  # every row of every table kept, keys unchanged once read back
    declared = {
        (table, row[1]): row[2]
        for table in before
        for row in con.execute(f"PRAGMA table_info({table})")  # noqa: S608
    }
    assert "CHAR(32)" not in declared.values()
    keys = [(table, column) for (table, column), kind in declared.items() if kind == "BLOB"]
    assert ("intervention", "id") in keys and ("intervention_public", "intervention_id") in keys
    for table, column in keys:  # every key is 16 bytes: no hex text left behind
        kinds = con.execute(f"SELECT DISTINCT typeof({column}), length({column}) FROM {table}").fetchall()  # noqa: S608
        assert set(kinds) <= {("blob", 16), ("null", None)}, (table, column, kinds)
    first = uuid.UUID(hex=_STATE_0005["first"]).bytes
    assert con.execute(
        "SELECT count(*) FROM intervention i JOIN intervention_motif m ON m.intervention_id = i.id "
        "JOIN intervention_mediator d ON d.intervention_id = i.id JOIN mediator p ON p.id = d.mediator_id "
        "WHERE i.id = ? OR i.follow_up_of = ?",
        (first, first),
    ).fetchone() == (4,)
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "ix_intervention_updated_at" not in indexes and "ix_intervention_mediator_mediator_id" in indexes
    assert "ix_intervention_month_registre" in indexes and "uq_site_name_live" in indexes
    options = dict(con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall())
    assert options["intervention_motif"].rstrip().endswith("WITHOUT ROWID")
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


_STATE_0004: dict[str, Any] = {}


def _fill_for_0004(con: sqlite3.Connection) -> None:
    """A structure before revision 0004: a binôme, a soft-deleted intervention, one without dispositif, two months."""
    _insert(con, "app_setting", key="device_id", value=DEVICE)
    people = [
        _synced(
            con,
            "mediator",
            display_name=name,
            pseudonym=pseudonym,
            role="MEDIATEUR",
            login=None,
            password_hash=None,
            weekly_minutes=2100,
            contract=None,
            fte_percent=100,
            start_date="2024-01-01",
            end_date=None,
        )  # fmt: skip
        for pseudonym, name in (("MED-01", "Alice Martin"), ("MED-02", "Bruno Petit"))
    ]
    habitat = _synced(con, "dispositif", name="Médiation habitat", main_domain="HABITAT", start_date="2024-01-01",
                      end_date=None)  # fmt: skip
    binome = _intervention_0001(con, people[0], day="2026-03-02", start="18:05", qpv="HORS_QPV", dispositif=habitat)
    _insert(con, "intervention_mediator", intervention_id=binome, mediator_id=people[1])
    deleted = _intervention_0001(
        con, people[1], day="2026-03-04", start="10:00", qpv=None, dispositif=habitat, deleted=True
    )
    alone = _intervention_0001(con, people[1], day="2026-02-27", start="21:10", qpv=None, registre="VTEC",
                               sub_registre=None, outcome="SIGNALE")  # fmt: skip
    _STATE_0004.update(
        habitat=habitat,
        expected={binome: (202603, habitat, 2), deleted: (202603, habitat, 1), alone: (202602, None, 1)},
        counts=_all_counts(con),
    )


def _check_0004(con: sqlite3.Connection) -> None:
    assert _all_counts(con) == _STATE_0004["counts"]  # no row lost nor added, children included
    expected: dict[str, tuple[int, str | None, int]] = _STATE_0004["expected"]
    got = {r[0]: (r[1], r[2]) for r in con.execute("SELECT id, month, mediator_count FROM intervention")}
    assert got == {record: (month, count) for record, (month, _d, count) in expected.items()}
    for table in ("intervention_motif", "intervention_public", "intervention_partner"):
        copies = con.execute(f"SELECT intervention_id, month, dispositif_id FROM {table}").fetchall()  # noqa: S608
        assert len(copies) >= len(expected)
        assert all((month, dispositif) == expected[record][:2] for record, month, dispositif in copies), table
    # Untouched: fields, soft delete, timestamps of the rows.
    assert con.execute("SELECT count(*) FROM intervention WHERE deleted_at IS NOT NULL").fetchone() == (1,)
    assert {r[0] for r in con.execute("SELECT DISTINCT updated_at FROM intervention")} == {NOW, DELETED}
    indexes = {r[0]: r[1] for r in con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'")}
    assert "ix_intervention_month_id" not in indexes
    assert "deleted_at" in indexes["ix_intervention_month_registre"].split("WHERE")[0]
    assert "dispositif_id" in indexes["ix_intervention_month_place"]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    # The month is required on the copies: a writer that forgets it fails.
    with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):
        _insert(con, "intervention_motif", intervention_id=next(iter(expected)), motif="ERRANCE")
    con.rollback()


_STATE_0006: dict[str, Any] = {}


def _fill_for_0006(con: sqlite3.Connection) -> None:
    """At revision 0005: a binôme (two mediator rows), a soft-deleted intervention, one alone."""
    _fill_for_0004(con)
    binome = next(record for record, (_m, _d, count) in _STATE_0004["expected"].items() if count == 2)
    con.execute("UPDATE intervention SET mediator_count = 2 WHERE id = ?", (binome,))
    parents = {r[0]: (r[1], r[2]) for r in con.execute("SELECT id, date, start_time FROM intervention")}
    pairs = sorted(con.execute("SELECT intervention_id, mediator_id FROM intervention_mediator").fetchall())
    _keys_as_bytes(con)
    _STATE_0006.update(parents=parents, pairs=pairs, binome=binome, counts=_all_counts(con))


def _check_0006(con: sqlite3.Connection) -> None:
    assert _all_counts(con) == _STATE_0006["counts"]  # no row lost nor added
    rows = con.execute("SELECT intervention_id, mediator_id, date, start_time FROM intervention_mediator").fetchall()
    got = sorted((uuid.UUID(bytes=i).hex, uuid.UUID(bytes=m).hex) for i, m, _d, _t in rows)
    assert got == _STATE_0006["pairs"]
    parents = _STATE_0006["parents"]
    assert all((d, t) == parents[uuid.UUID(bytes=i).hex] for i, _m, d, t in rows)  # each its own parent's
    assert sum(1 for i, *_ in rows if uuid.UUID(bytes=i).hex == _STATE_0006["binome"]) == 2
    indexes = {r[0]: r[1] for r in con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'")}
    assert "ix_intervention_mediator_mediator_id" not in indexes
    assert "(mediator_id, date, start_time, intervention_id)" in indexes["ix_intervention_mediator_journal"]
    options = dict(con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall())
    assert options["intervention_mediator"].rstrip().endswith("WITHOUT ROWID")
    assert "ON DELETE CASCADE" in options["intervention_mediator"]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):  # a writer that forgets the copies fails
        con.execute(
            "INSERT INTO intervention_mediator (intervention_id, mediator_id) VALUES (?, ?)", (rows[0][0], rows[0][0])
        )
    con.rollback()


# One entry per revision that has a predecessor: (revision, fill the database at the predecessor,
# check the data after the upgrade).  Revision 0001 creates the schema, so it has no entry; every
# later revision adds its own here, and the test below upgrades a database holding data through it.
DATA_MIGRATIONS: dict[str, tuple[Callable[[sqlite3.Connection], None], Callable[[sqlite3.Connection], None]]] = {
    "0002": (_fill_0001, _check_0002),
    "0003": (_fill_0002, _check_0003),
    "0004": (_fill_for_0004, _check_0004),
    "0005": (_fill_0004, _check_0005),
    "0006": (_fill_for_0006, _check_0006),
    "0007": (lambda con: _fill_for_0007(con), lambda con: _check_0007(con)),  # defined below
    "0008": (lambda con: _fill_for_0008(con), lambda con: _check_0008(con)),  # defined below
    "0009": (lambda con: _fill_for_0009(con), lambda con: _check_0009(con)),  # defined below
    "0010": (lambda con: _fill_for_0010(con), lambda con: _check_0010(con)),  # defined below
    "0011": (lambda con: _fill_for_0011(con), lambda con: _check_0011(con)),  # defined below
    "0012": (lambda con: _fill_for_0012(con), lambda con: _check_0012(con)),  # defined below
    "0013": (lambda con: _fill_for_0013(con), lambda con: _check_0013(con)),  # defined below
    "0014": (lambda con: _fill_for_0014(con), lambda con: _check_0014(con)),  # defined below
    "0015": (lambda con: _fill_for_0015(con), lambda con: _check_0015(con)),  # defined below
}


def test_every_revision_after_the_first_has_a_data_test() -> None:
    revisions = {r.revision for r in script_directory().walk_revisions() if r.down_revision is not None}
    assert revisions == set(DATA_MIGRATIONS), "ajoutez un test de migration avec données pour chaque révision"


def _upgrade_to(engine: Engine, revision: str) -> None:
    """Upgrade to ``revision`` only, as :func:`medios.db.migrate.upgrade` does: foreign keys off, one transaction."""
    from alembic import command

    from medios.db.migrate import alembic_config

    cfg = alembic_config()
    with engine.connect() as conn:
        driver_execute(conn, "PRAGMA foreign_keys=OFF")
        with conn.begin():
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        driver_execute(conn, "PRAGMA foreign_keys=ON")


@pytest.mark.parametrize("revision", sorted(DATA_MIGRATIONS))
def test_upgrade_keeps_data(revision: str, tmp_path: Path) -> None:
    """Fill a database at the previous revision, upgrade it to ``revision``, check the data.

    The check runs at ``revision`` itself (later revisions may move the data again); then a copy of
    the filled file goes through the application's upgrade to head: backup, foreign keys, schema.
    """
    script = script_directory().get_revision(revision)
    assert script is not None and isinstance(script.down_revision, str)
    path, copy = tmp_path / "ancienne.db", tmp_path / "copie.db"
    engine = make_engine(path)
    _upgrade_to(engine, script.down_revision)
    engine.dispose()
    fill, check = DATA_MIGRATIONS[revision]
    con = sqlite3.connect(path)
    fill(con)
    con.commit()
    con.close()
    shutil.copy2(path, copy)

    engine = make_engine(path)
    _upgrade_to(engine, revision)
    engine.dispose()
    con = sqlite3.connect(path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (revision,)
    check(con)
    con.close()

    engine = make_engine(copy)
    result = upgrade(engine, copy)
    assert result.from_revision == script.down_revision and result.to_revision == head_revision()
    assert result.backup is not None and result.backup.exists()
    assert _schema_shape(engine) == _models_shape(tmp_path)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == []


def test_an_upgrade_that_rebuilds_tables_gives_the_freed_pages_back(tmp_path: Path) -> None:
    """0005 rewrites every key: the old copies of the tables must not stay in the file as free pages."""
    path = tmp_path / "ancienne.db"
    engine = make_engine(path)
    _upgrade_to(engine, "0002")
    engine.dispose()
    con = sqlite3.connect(path)
    _fill_0001(con, checked_qpv=True)
    mediator = con.execute("SELECT id FROM mediator").fetchone()[0]
    for n in range(1500):
        _intervention_0001(con, mediator, day=f"2026-03-{n % 28 + 1:02d}", start=f"{n % 24:02d}:00", qpv=None)
    con.commit()
    con.close()

    engine = make_engine(path)
    upgrade(engine, path)
    with engine.connect() as conn:
        free = conn.exec_driver_sql("PRAGMA freelist_count").scalar()
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    engine.dispose()
    assert free is not None and pages is not None and free * 10 < pages


# --------------------------------------------------------------------------- 0007: drafts

_STATE_0007: dict[str, Any] = {}


def _fill_for_0007(con: sqlite3.Connection) -> None:
    """A structure at revision 0006 (keys as 16 bytes): the new table must leave every row alone."""
    _fill_0001(con, checked_qpv=True)
    _keys_as_bytes(con)
    _STATE_0007.update(counts=_all_counts(con))


def _check_0007(con: sqlite3.Connection) -> None:
    assert _all_counts(con) == {**_STATE_0007["counts"], "draft": 0}
    assert con.execute("SELECT count(*) FROM draft").fetchone() == (0,)
    mediator = con.execute("SELECT id FROM mediator LIMIT 1").fetchone()[0]
    draft = uuid.uuid4().bytes
    con.execute(
        "INSERT INTO draft (id, user_id, kind, target_id, payload, updated_at) VALUES (?, ?, ?, NULL, ?, ?)",
        (draft, mediator, "intervention", '{"duration": "20"}', NOW),
    )
    assert con.execute("SELECT kind, payload FROM draft WHERE id = ?", (draft,)).fetchone() == (
        "intervention",
        '{"duration": "20"}',
    )
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "ix_draft_user_id_kind" in indexes
    con.commit()
    con.execute("PRAGMA foreign_keys=ON")  # outside a transaction, or SQLite ignores it
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        con.execute(
            "INSERT INTO draft (id, user_id, kind, payload, updated_at) VALUES (?, ?, 'intervention', '{}', ?)",
            (uuid.uuid4().bytes, uuid.uuid4().bytes, NOW),
        )
    con.rollback()


# --------------------------------------------------------------------------- 0008: month closing

_STATE_0008: dict[str, Any] = {}


def _fill_for_0008(con: sqlite3.Connection) -> None:
    """A structure at revision 0007 with audit lines: the audit log is rebuilt, its lines must stay."""
    _fill_for_0007(con)
    con.execute("DELETE FROM audit_log")
    for n, action in enumerate(("CREATE", "UPDATE", "DELETE", "RESTORE", "IMPORT")):
        con.execute(
            "INSERT INTO audit_log (id, at, actor_id, device_id, action, table_name, record_id, changes)"
            " VALUES (?, ?, NULL, 'poste', ?, 'intervention', ?, ?)",
            (n + 1, NOW, action, uuid.UUID(int=n + 1).bytes, '{"outcome": ["APAISE", "ORIENTE"]}'),
        )
    _STATE_0008.update(counts=_all_counts(con), audit=con.execute("SELECT * FROM audit_log ORDER BY id").fetchall())


def _check_0008(con: sqlite3.Connection) -> None:
    assert _all_counts(con) == {**_STATE_0008["counts"], "month_closure": 0, "amendment": 0}
    assert con.execute("SELECT * FROM audit_log ORDER BY id").fetchall() == _STATE_0008["audit"]
    # The new actions are accepted, an unknown one still refused.
    con.execute(
        "INSERT INTO audit_log (at, device_id, action, table_name, record_id) VALUES (?, 'poste', 'CLOSE', 'month_closure', NULL)",
        (NOW,),
    )
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        con.execute(
            "INSERT INTO audit_log (at, device_id, action, table_name) VALUES (?, 'poste', 'PURGE', 'intervention')",
            (NOW,),
        )
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"ix_audit_log_record_id", "ix_amendment_month_at", "ix_amendment_record_id"} <= indexes
    closure = uuid.uuid4().bytes
    con.execute(
        "INSERT INTO month_closure (id, month, status, version, closed_at, snapshot, snapshot_sha256, created_at,"
        " updated_at, device_id, vocab_version) VALUES (?, 202610, 'CLOS', 1, ?, '{}', ?, ?, ?, 'poste', 'MEDIOS-2026.1')",
        (closure, NOW, "0" * 64, NOW, NOW),
    )
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):  # one closure a month
        con.execute(
            "INSERT INTO month_closure (id, month, status, version, closed_at, snapshot, snapshot_sha256, created_at,"
            " updated_at, device_id, vocab_version) VALUES (?, 202610, 'CLOS', 1, ?, '{}', ?, ?, ?, 'poste', 'v')",
            (uuid.uuid4().bytes, NOW, "0" * 64, NOW, NOW),
        )
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        con.execute(
            "INSERT INTO month_closure (id, month, status, version, closed_at, snapshot, snapshot_sha256, created_at,"
            " updated_at, device_id, vocab_version) VALUES (?, 202611, 'OUVERT', 1, ?, '{}', ?, ?, ?, 'poste', 'v')",
            (uuid.uuid4().bytes, NOW, "0" * 64, NOW, NOW),
        )
    con.execute(
        "INSERT INTO amendment (id, closure_id, month, closure_version, record_table, record_id, action, changes,"
        " reason, at, device_id) VALUES (?, ?, 202610, 1, 'intervention', ?, 'UPDATE', '{}', 'correction', ?, 'poste')",
        (uuid.uuid4().bytes, closure, uuid.uuid4().bytes, NOW),
    )
    con.commit()
    con.execute("PRAGMA foreign_keys=ON")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        con.execute(
            "INSERT INTO amendment (id, closure_id, month, closure_version, record_table, record_id, action,"
            " reason, at, device_id) VALUES (?, ?, 202610, 1, 'intervention', ?, 'UPDATE', 'x', ?, 'poste')",
            (uuid.uuid4().bytes, uuid.uuid4().bytes, uuid.uuid4().bytes, NOW),
        )
    con.rollback()


# --------------------------------------------------------------------------- 0009: observatory ledger

_STATE_0009: dict[str, Any] = {}


def _fill_for_0009(con: sqlite3.Connection) -> None:
    """A structure at revision 0008 with a closed month and audit lines (the audit log is rebuilt again)."""
    _fill_for_0008(con)
    con.execute(
        "INSERT INTO audit_log (at, actor_id, device_id, action, table_name, record_id, changes)"
        " VALUES (?, NULL, 'poste', 'CLOSE', 'month_closure', NULL, '{\"month\": 202610}')",
        (NOW,),
    )
    con.execute(
        "INSERT INTO month_closure (id, month, status, version, closed_at, snapshot, snapshot_sha256, created_at,"
        " updated_at, device_id, vocab_version) VALUES (?, 202610, 'CLOS', 1, ?, '{}', ?, ?, ?, 'poste', 'MEDIOS-2026.1')",
        (uuid.uuid4().bytes, NOW, "0" * 64, NOW, NOW),
    )
    con.commit()
    _STATE_0009.update(
        counts=_all_counts(con),
        audit=con.execute("SELECT * FROM audit_log ORDER BY id").fetchall(),
        closures=con.execute("SELECT * FROM month_closure").fetchall(),
    )


def _export_row(con: sqlite3.Connection, export_id: bytes, **values: Any) -> None:
    row = {
        "id": export_id, "period": "2026-10", "first_month": 202610, "last_month": 202610, "threshold": 11,
        "referentiel_version": "MEDIOS-2026.1", "format": "medios-observatoire/1", "file_sha256": "a" * 64,
        "cells": 10, "masked_cells": 2, "created_at": NOW, "device_id": "poste",
    }  # fmt: skip
    row.update(values)
    names = ", ".join(row)
    con.execute(f"INSERT INTO observatory_export ({names}) VALUES ({', '.join('?' * len(row))})", tuple(row.values()))


def _check_0009(con: sqlite3.Connection) -> None:
    assert _all_counts(con) == {**_STATE_0009["counts"], "observatory_export": 0, "export_cell": 0}
    assert con.execute("SELECT * FROM audit_log ORDER BY id").fetchall() == _STATE_0009["audit"]
    assert con.execute("SELECT * FROM month_closure").fetchall() == _STATE_0009["closures"]
    con.execute(
        "INSERT INTO audit_log (at, device_id, action, table_name) VALUES (?, 'poste', 'EXPORT', 'observatory_export')",
        (NOW,),
    )
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        con.execute(
            "INSERT INTO audit_log (at, device_id, action, table_name) VALUES (?, 'poste', 'SEND', 'x')", (NOW,)
        )
    export = uuid.uuid4().bytes
    _export_row(con, export)
    for bad in ({"threshold": 4}, {"first_month": 202612}, {"masked_cells": 11}):
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            _export_row(con, uuid.uuid4().bytes, **bad)
    key = "NB_INTERVENTIONS|STRUCTURE|*|*|TOTAL|*"
    con.execute("INSERT INTO export_cell VALUES (?, ?, 'D', 123, ?)", (export, key, "b" * 64))
    con.execute("INSERT INTO export_cell VALUES (?, ?, 'M', NULL, ?)", (export, key + "X", "c" * 64))
    for status, value in (("M", 3), ("D", None), ("X", 1)):  # a masked value is never kept, a status is D or M
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            con.execute(
                "INSERT INTO export_cell VALUES (?, ?, ?, ?, ?)", (export, f"k{status}", status, value, "d" * 64)
            )
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):  # one row a cell of a file
        con.execute("INSERT INTO export_cell VALUES (?, ?, 'D', 5, ?)", (export, key, "e" * 64))
    con.commit()
    con.execute("PRAGMA foreign_keys=ON")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        con.execute("INSERT INTO export_cell VALUES (?, 'k', 'D', 5, ?)", (uuid.uuid4().bytes, "f" * 64))
    con.execute("DELETE FROM observatory_export WHERE id = ?", (export,))  # its cells go with it
    assert con.execute("SELECT count(*) FROM export_cell").fetchone() == (0,)
    con.rollback()


# --------------------------------------------------------------------------- 0010: mediator copies

_STATE_0010: dict[str, Any] = {}
_COPIES_0010 = (
    "i.month, i.dispositif_id, i.duration_min, i.mediator_count, i.follow_up_of IS NOT NULL, i.presence_id IS NOT NULL"
)


def _fill_for_0010(con: sqlite3.Connection) -> None:
    """At revision 0009: a binôme, a follow-up, an intervention made during a présence block, a deleted
    one, interventions with and without a dispositif, each with its own duration."""
    _fill_for_0007(con)
    con.execute("UPDATE intervention SET duration_min = 10 + rowid")  # no two parents alike
    record = con.execute("SELECT id, mediator_count FROM intervention WHERE follow_up_of IS NULL LIMIT 1").fetchone()
    other = con.execute("SELECT id FROM mediator WHERE id NOT IN (SELECT mediator_id FROM intervention_mediator "
                        "WHERE intervention_id = ?)", (record[0],)).fetchone()[0]  # fmt: skip
    row = con.execute("SELECT date, start_time FROM intervention WHERE id = ?", (record[0],)).fetchone()
    con.execute("INSERT INTO intervention_mediator VALUES (?, ?, ?, ?)", (record[0], other, *row))
    block = uuid.uuid4().bytes
    con.execute(
        "INSERT INTO presence_active (id, created_at, updated_at, device_id, vocab_version, date, month, start_time,"
        " end_time, duration_min, time_band, day_type, presence_type, commune, informal_contacts)"
        " VALUES (?, ?, ?, 'poste', 'MEDIOS-2026.1', '2026-03-02', 202603, '18:00:00.000000', '20:00:00.000000',"
        " 120, 'SOIREE', 'SEMAINE', 'TOURNEE', '75056', 0)",
        (block, NOW, NOW),
    )
    con.execute("UPDATE intervention SET mediator_count = 2, presence_id = ? WHERE id = ?", (block, record[0]))
    con.execute("UPDATE intervention SET dispositif_id = NULL WHERE id = (SELECT max(id) FROM intervention)")
    expected = con.execute(
        f"SELECT m.intervention_id, m.mediator_id, m.date, m.start_time, {_COPIES_0010} FROM intervention_mediator m"
        " JOIN intervention i ON i.id = m.intervention_id ORDER BY 1, 2"
    ).fetchall()
    assert {r[-2] for r in expected} == {0, 1} and {r[-1] for r in expected} == {0, 1}  # both flags both ways
    assert {r[5] is None for r in expected} == {True, False}  # with and without a dispositif
    assert con.execute("SELECT count(*) FROM intervention WHERE deleted_at IS NOT NULL").fetchone()[0] > 0
    _STATE_0010.update(counts=_all_counts(con), expected=expected, binome=record[0])


def _check_0010(con: sqlite3.Connection) -> None:
    assert _all_counts(con) == _STATE_0010["counts"]  # no row lost nor added
    got = con.execute(
        "SELECT intervention_id, mediator_id, date, start_time, month, dispositif_id, duration_min, mediator_count,"
        " follow_up, in_block FROM intervention_mediator ORDER BY 1, 2"
    ).fetchall()
    assert got == _STATE_0010["expected"]  # each row its own parent's values
    assert sum(1 for r in got if r[0] == _STATE_0010["binome"] and r[7] == 2) == 2
    indexes = {r[0]: r[1] for r in con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'")}
    assert "(mediator_id, date, start_time, intervention_id)" in indexes["ix_intervention_mediator_journal"]
    assert (
        "(month, dispositif_id, mediator_id, duration_min, follow_up, mediator_count, in_block)"
        in indexes["ix_intervention_mediator_month"]
    )
    options = dict(con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall())
    assert options["intervention_mediator"].rstrip().endswith("WITHOUT ROWID")
    assert "ON DELETE CASCADE" in options["intervention_mediator"]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):  # a writer that forgets the copies fails
        con.execute("INSERT INTO intervention_mediator (intervention_id, mediator_id, date, start_time)"
                    " VALUES (?, ?, '2026-03-01', '10:00:00')", (got[0][0], got[0][0]))  # fmt: skip
    con.rollback()


# --------------------------------------------------------------------------- 0011: quality flags

_STATE_0011: dict[str, Any] = {}
_FLAGS_0011 = ("entry_days", "with_public", "oriented", "relayed", "vsoc_motif")


def _expected_0011(con: sqlite3.Connection) -> dict[bytes, tuple[int, ...]]:
    """Each intervention's delay of entry and flags, worked out in Python from its rows and children."""
    children: dict[bytes, list[tuple[str, str]]] = {}
    for table, column in (("intervention_public", "'public'"), ("intervention_partner", "role"),
                          ("intervention_motif", "'motif:' || motif")):  # fmt: skip
        for record, value in con.execute(f"SELECT intervention_id, {column} FROM {table}"):  # noqa: S608
            children.setdefault(record, []).append((table, value))
    expected = {}
    for record, day, created in con.execute("SELECT id, date, created_at FROM intervention"):
        kids = {value for _table, value in children.get(record, [])}
        delay = (dt.date.fromisoformat(created[:10]) - dt.date.fromisoformat(day)).days
        expected[record] = (
            max(0, delay),
            int("public" in kids),
            int("ORIENTE" in kids),
            int(bool(kids & {"ORIENTE", "ALERTE"})),
            int(bool(kids & {"motif:ISOLEMENT", "motif:DETRESSE", "motif:DANGER"})),
        )
    return expected


def _fill_for_0011(con: sqlite3.Connection) -> None:
    """At revision 0010: entries made the same day, days later and (a clock set wrong) before the date;
    interventions without a public, with an orientation, without any partner, with a VSOC motif."""
    _fill_for_0007(con)
    ids = [r[0] for r in con.execute("SELECT id FROM intervention ORDER BY date, start_time")]
    for n, record in enumerate(ids):  # 0, 3, 9, -2 days after the date, in turn
        offset = (0, 3, 9, -2)[n % 4]
        con.execute("UPDATE intervention SET created_at = datetime(date, ? || ' days', '+18 hours') || '.000000'"
                    " WHERE id = ?", (str(offset), record))  # fmt: skip
    con.execute("DELETE FROM intervention_public WHERE intervention_id = ?", (ids[0],))
    con.execute("UPDATE intervention_partner SET role = 'ORIENTE' WHERE intervention_id = ?", (ids[1],))
    con.execute("DELETE FROM intervention_partner WHERE intervention_id = ?", (ids[2],))
    con.execute("UPDATE intervention_motif SET motif = 'DETRESSE' WHERE intervention_id = ? AND motif = 'HALL'",
                (ids[3],))  # fmt: skip
    expected = _expected_0011(con)
    for position in range(len(_FLAGS_0011)):  # every column takes two values
        assert len({values[position] for values in expected.values()}) >= 2
    assert any(values[0] == 0 for values in expected.values())
    _STATE_0011.update(counts=_all_counts(con), expected=expected, updated=_updated_at(con))


def _updated_at(con: sqlite3.Connection) -> dict[bytes, str]:
    return dict(con.execute("SELECT id, updated_at FROM intervention").fetchall())


def _check_0011(con: sqlite3.Connection) -> None:
    assert _all_counts(con) == _STATE_0011["counts"]  # no row lost nor added
    got = {r[0]: tuple(r[1:]) for r in con.execute(f"SELECT id, {', '.join(_FLAGS_0011)} FROM intervention")}
    assert got == _STATE_0011["expected"]  # each intervention its own children's flags, its own delay
    assert _updated_at(con) == _STATE_0011["updated"]  # derived values, not changes by a user
    indexes = {r[0]: r[1] for r in con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'")}
    assert (
        "(month, dispositif_id, registre, sub_registre, outcome, duration_min, follow_up_of, mediator_count,"
        " with_public, oriented, relayed, vsoc_motif, commune, qpv, id, deleted_at) WHERE deleted_at IS NULL"
        in indexes["ix_intervention_month_registre"]
    )
    assert (
        "(month, dispositif_id, entry_days, device_id, updated_at, commune, qpv, id, deleted_at) WHERE deleted_at IS NULL"
        in indexes["ix_intervention_month_entry"]
    )
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    record = next(iter(got))
    for flag in _FLAGS_0011:  # a writer that forgets one fails
        with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):
            con.execute(f"UPDATE intervention SET {flag} = NULL WHERE id = ?", (record,))  # noqa: S608
    con.rollback()


# --------------------------------------------------------------------------- 0012: basis of each file

_STATE_0012: dict[str, Any] = {}


def _fill_for_0012(con: sqlite3.Connection) -> None:
    """At revision 0011, a ledger: October, then the fourth quarter, then November, then the year 2025
    (no month in common), then December."""
    files = {
        "2026-10": (202610, 202610, "2026-12-01 10:00:00"),
        "2026-T4": (202610, 202612, "2026-12-02 10:00:00"),
        "2026-11": (202611, 202611, "2026-12-03 10:00:00"),
        "2025": (202501, 202512, "2026-12-04 10:00:00"),
        "2026-12": (202612, 202612, "2026-12-05 10:00:00"),
    }
    ids = {}
    for period, (first, last, at) in files.items():
        ids[period] = uuid.uuid4().bytes
        _export_row(con, ids[period], period=period, first_month=first, last_month=last, created_at=at)
    con.commit()
    _STATE_0012.update(counts=_all_counts(con), ids=ids)


def _check_0012(con: sqlite3.Connection) -> None:
    assert _all_counts(con) == {**_STATE_0012["counts"], "export_basis": 6}
    ids = _STATE_0012["ids"]
    period_of = {value: key for key, value in ids.items()}
    basis: dict[str, set[str]] = {}
    for export_id, basis_id in con.execute("SELECT export_id, basis_id FROM export_basis"):
        basis.setdefault(period_of[export_id], set()).add(period_of[basis_id])
    assert basis == {  # every earlier linked file; the year 2025 shares no month and is nobody's basis
        "2026-T4": {"2026-10"},
        "2026-11": {"2026-10", "2026-T4"},
        "2026-12": {"2026-10", "2026-T4", "2026-11"},
    }
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("DELETE FROM observatory_export WHERE id = ?", (ids["2026-12"],))  # its basis goes with it
    assert con.execute("SELECT COUNT(*) FROM export_basis").fetchone() == (3,)
    con.rollback()


# --------------------------------------------------------------------------- 0013: audit chain

_STATE_0013: dict[str, Any] = {}


def _fill_for_0013(con: sqlite3.Connection) -> None:
    """At revision 0012, audit lines with and without author, record or changes, accents included."""
    lines = [
        ("2026-12-01 10:00:00.000000", None, "poste", "CREATE", "structure", uuid.uuid4().bytes, '{"name": "Médiation « test »"}'),
        ("2026-12-01 10:00:00.123456", uuid.uuid4().bytes, "poste", "UPDATE", "intervention", uuid.uuid4().bytes, "{}"),
        ("2026-12-02 08:30:00.000001", None, "autre-poste", "CLOSE", "month_closure", None, None),
        ("2026-12-03 23:59:59.999999", uuid.uuid4().bytes, "poste", "EXPORT", "observatory_export", uuid.uuid4().bytes, '{"cells": 3}'),
    ]  # fmt: skip
    con.executemany(
        "INSERT INTO audit_log (at, actor_id, device_id, action, table_name, record_id, changes)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        lines,
    )
    con.commit()
    _STATE_0013.update(counts=_all_counts(con), lines=con.execute("SELECT * FROM audit_log ORDER BY id").fetchall())


def _check_0013(con: sqlite3.Connection) -> None:
    from medios.services.audit import GENESIS, entry_digest

    assert _all_counts(con) == _STATE_0013["counts"]
    rows = con.execute(
        "SELECT id, at, actor_id, device_id, action, table_name, record_id, changes, sha256 FROM audit_log ORDER BY id"
    ).fetchall()
    assert [row[:8] for row in rows] == _STATE_0013["lines"]  # every line kept as it was
    head = GENESIS
    for _id, at, actor, device, action, table, record, changes, digest in rows:  # the service's own rule
        head = entry_digest(
            head,
            at=dt.datetime.fromisoformat(at),
            actor_id=uuid.UUID(bytes=actor) if actor else None,
            device_id=device,
            action=action,
            table_name=table,
            record_id=uuid.UUID(bytes=record) if record else None,
            changes=changes,
        )
        assert digest == head
    with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):
        con.execute("INSERT INTO audit_log (at, device_id, action, table_name) VALUES (?, 'p', 'CREATE', 't')", (NOW,))
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        con.execute(
            "INSERT INTO audit_log (at, device_id, action, table_name, sha256) VALUES (?, 'p', 'X', 't', ?)",
            (NOW, "0" * 64),
        )
    con.rollback()


# --------------------------------------------------------------------------- 0014: PURGE in the audit log

_STATE_0014: dict[str, Any] = {}


def _fill_for_0014(con: sqlite3.Connection) -> None:
    """At revision 0013, chained audit lines (the chain must survive the rebuild)."""
    from medios.services.audit import GENESIS, entry_digest

    head = GENESIS
    for n, action in enumerate(("CREATE", "UPDATE", "EXPORT")):
        at = f"2026-12-0{n + 1} 10:00:00.000000"
        record = uuid.uuid4()
        head = entry_digest(
            head,
            at=dt.datetime.fromisoformat(at),
            actor_id=None,
            device_id="poste",
            action=action,
            table_name="intervention",
            record_id=record,
            changes="{}",
        )
        con.execute(
            "INSERT INTO audit_log (at, actor_id, device_id, action, table_name, record_id, changes, sha256)"
            " VALUES (?, NULL, 'poste', ?, 'intervention', ?, '{}', ?)",
            (at, action, record.bytes, head),
        )
    con.commit()
    _STATE_0014.update(counts=_all_counts(con), lines=con.execute("SELECT * FROM audit_log ORDER BY id").fetchall())


def _check_0014(con: sqlite3.Connection) -> None:
    assert _all_counts(con) == _STATE_0014["counts"]
    assert con.execute("SELECT * FROM audit_log ORDER BY id").fetchall() == _STATE_0014["lines"]
    con.execute(
        "INSERT INTO audit_log (at, device_id, action, table_name, changes, sha256)"
        " VALUES (?, 'poste', 'PURGE', 'intervention', '{\"notes\": 3}', ?)",
        (NOW, "1" * 64),
    )
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        con.execute(
            "INSERT INTO audit_log (at, device_id, action, table_name, sha256) VALUES (?, 'p', 'X', 't', ?)",
            (NOW, "0" * 64),
        )
    con.rollback()


# --------------------------------------------------------------------------- 0015: KEY, LOGIN, ROLE

_STATE_0015: dict[str, Any] = {}


def _fill_for_0015(con: sqlite3.Connection) -> None:
    """At revision 0014, chained audit lines with a PURGE among them."""
    from medios.services.audit import GENESIS, entry_digest

    head = GENESIS
    for n, action in enumerate(("CREATE", "PURGE")):
        at = f"2026-12-0{n + 1} 11:00:00.000000"
        head = entry_digest(
            head,
            at=dt.datetime.fromisoformat(at),
            actor_id=None,
            device_id="poste",
            action=action,
            table_name="intervention",
            record_id=None,
            changes='{"notes": 2}',
        )
        con.execute(
            "INSERT INTO audit_log (at, actor_id, device_id, action, table_name, record_id, changes, sha256)"
            " VALUES (?, NULL, 'poste', ?, 'intervention', NULL, '{\"notes\": 2}', ?)",
            (at, action, head),
        )
    con.commit()
    _STATE_0015.update(counts=_all_counts(con), lines=con.execute("SELECT * FROM audit_log ORDER BY id").fetchall())


def _check_0015(con: sqlite3.Connection) -> None:
    assert _all_counts(con) == _STATE_0015["counts"]
    assert con.execute("SELECT * FROM audit_log ORDER BY id").fetchall() == _STATE_0015["lines"]
    for action in ("KEY", "LOGIN", "ROLE", "PURGE"):
        con.execute(
            "INSERT INTO audit_log (at, device_id, action, table_name, sha256) VALUES (?, 'poste', ?, 'base', ?)",
            (NOW, action, "2" * 64),
        )
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        con.execute(
            "INSERT INTO audit_log (at, device_id, action, table_name, sha256) VALUES (?, 'p', 'LOGOUT', 't', ?)",
            (NOW, "0" * 64),
        )
    con.rollback()
