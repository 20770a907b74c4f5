"""A fast start (issue 6, item 5): opening an up-to-date base reads a little and writes nothing.

Timings live in ``benchmarks/startup_bench.py``; these tests check what makes them possible: which
statements run, which modules load, and that the shortcuts agree with alembic and the models.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine, event

from medios import paths
from medios.db import light, migrate, open_database, shipped_referentiel_versions
from medios.db.models import Base
from medios.referentiel import load_registry

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")
REFERENTIEL_TABLES = ("citer_mapping", "vocabulary_mapping", "vocabulary_term", "referentiel_version")


def _data_version(connection: sqlite3.Connection) -> int:
    [(version,)] = connection.execute("PRAGMA data_version").fetchall()
    return int(version)


def _rows(path: Path, tables: tuple[str, ...]) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # noqa: S608
    finally:
        con.close()


def test_light_tables_match_the_models() -> None:
    """The start-up reads name real columns, with the models' types (a rename cannot drift unnoticed)."""
    for clause in light.TABLES:
        if clause.name == "alembic_version":
            continue
        real = Base.metadata.tables[clause.name]
        for column in clause.c:
            assert column.name in real.c, f"{clause.name}.{column.name}"
            assert repr(column.type) == repr(real.c[column.name].type), f"{clause.name}.{column.name}"


def test_shipped_revisions_are_read_as_alembic_reads_them() -> None:
    scripts = migrate.script_directory()
    assert migrate.shipped_revisions() == tuple(reversed([s.revision for s in scripts.walk_revisions()]))
    assert migrate.head_revision() == scripts.get_current_head()


def test_a_script_the_text_reading_cannot_follow_is_left_to_alembic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scripts = tmp_path / "migrations"
    shutil.copytree(paths.migrations_dir(), scripts, ignore=shutil.ignore_patterns("__pycache__"))
    head = migrate.head_revision()
    (scripts / "versions" / "9999_built.py").write_text(
        f'"""Revision named by an expression."""\n\nrevision = "99" + "99"\ndown_revision = "{head}"\n'
        "branch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(paths, "migrations_dir", lambda: scripts)
    assert migrate._read_chain(scripts / "versions") is None
    assert migrate.head_revision() == "9999"


def test_referentiel_files_are_named_after_their_version() -> None:
    """Opening a base compares the file names with the versions it holds, without parsing the files."""
    assert shipped_referentiel_versions() == {ref.version for ref in load_registry()}


def test_opening_an_up_to_date_base_writes_nothing(db_path: Path) -> None:
    """No write statement, no write lock (BEGIN IMMEDIATE), and the file's data version does not move."""
    open_database(db_path).dispose()  # as the application finds it: at head, mirrored, with a device id
    statements: list[str] = []

    def spy(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(" ".join(statement.split()).upper())

    watcher = sqlite3.connect(db_path, isolation_level=None)
    before = _data_version(watcher)
    event.listen(Engine, "before_cursor_execute", spy)
    try:
        db = open_database(db_path)
        db.dispose()
    finally:
        event.remove(Engine, "before_cursor_execute", spy)
    assert _data_version(watcher) == before
    watcher.close()
    assert statements, "the spy saw nothing"
    assert [s for s in statements if s.startswith(WRITES) or s.startswith("BEGIN IMMEDIATE")] == []


def test_opening_an_up_to_date_base_needs_neither_alembic_nor_the_orm(db_path: Path, tmp_path: Path) -> None:
    """The revision, the référentiel versions and the device id are read with SQLAlchemy Core."""
    open_database(db_path).dispose()
    script = (
        "import sys\n"
        "from medios.db import open_database\n"
        f"open_database({str(db_path)!r}).dispose()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('alembic', 'sqlalchemy.orm', 'medios.db.models',"
        " 'medios.db.referentiel_sync'))))\n"
    )
    env = {"MEDIOS_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False)
    assert (result.returncode, result.stdout.strip()) == (0, "[]"), result.stderr


def test_a_base_missing_a_referentiel_version_still_gets_it(db_path: Path) -> None:
    expected = _rows(db_path, REFERENTIEL_TABLES)
    assert expected["referentiel_version"] and expected["vocabulary_term"] and expected["citer_mapping"]
    con = sqlite3.connect(db_path)
    for table in REFERENTIEL_TABLES:
        con.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names, children first
    con.commit()
    con.close()
    open_database(db_path).dispose()
    assert _rows(db_path, REFERENTIEL_TABLES) == expected


def test_a_base_missing_its_device_id_gets_one(db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    con.execute("DELETE FROM app_setting WHERE key = 'device_id'")
    con.commit()
    con.close()
    open_database(db_path).dispose()
    con = sqlite3.connect(db_path)
    [(device,)] = con.execute("SELECT value FROM app_setting WHERE key = 'device_id'").fetchall()
    con.close()
    assert len(device) == 36
