"""Shared fixtures: offscreen Qt, a temporary data folder, a fresh migrated database per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports PySide6

import gc
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from medios import i18n
from medios.db import Database, crypto, open_database
from medios.db.engine import driver_execute
from medios.services import keys
from medios.services import structure as structure_service


@pytest.fixture(autouse=True)
def medios_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own data folder; no test touches the user's.  Messages start in French."""
    home = tmp_path / "home"
    monkeypatch.setenv("MEDIOS_HOME", str(home))
    monkeypatch.delenv("MEDIOS_DB", raising=False)
    monkeypatch.delenv("MEDIOS_LANG", raising=False)
    yield home
    i18n.set_backend(None)


class MemoryKeyring(KeyringBackend):
    """A secret store in memory: what the system's store does, without D-Bus."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def keyring_memory(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """Every test has an empty secret store of its own, holds no key, and derives passphrases cheaply
    (scrypt at 2**12: the cost is a parameter stored in each wrap; one test uses the real one)."""
    store = MemoryKeyring()
    keys.use_backend(store)
    monkeypatch.setattr(keys, "SCRYPT_N", 2**12)
    monkeypatch.delenv("MEDIOS_PASSPHRASE", raising=False)
    yield store
    keys.reset_backend()
    crypto.forget_all()


@pytest.fixture(autouse=True)
def collect_qt_garbage(request: pytest.FixtureRequest) -> Iterator[None]:
    """After a Qt test, collect its cyclic garbage now, on the main thread, while no worker runs.

    Left for later, a cycle holding Qt wrappers was once collected by a garbage collection that a later
    test's main thread ran while its worker thread was inside SQLAlchemy, and the process crashed
    (segmentation fault in « Garbage-collecting »).
    """
    yield
    if "qtbot" in request.fixturenames:
        gc.collect()


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate once per session into a template file; tests get copies."""
    folder = tmp_path_factory.mktemp("template")
    os.environ["MEDIOS_HOME"] = str(folder / "home")
    path = folder / "template.db"
    db = open_database(path)
    with db.engine.connect() as conn:
        driver_execute(conn, "PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    del os.environ["MEDIOS_HOME"]
    return path


@pytest.fixture
def db_path(tmp_path: Path, template_db: Path) -> Path:
    path = tmp_path / "medios.db"
    shutil.copy2(template_db, path)
    return path


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A fresh migrated database, without structure."""
    database = open_database(db_path)
    yield database
    database.dispose()


@pytest.fixture
def structure(db: Database) -> structure_service.StructureSummary:
    """The database holds a structure « Médiation Test » and its coordinator « Alice Martin » (MED-01)."""
    return structure_service.init_structure(db, "Médiation Test", mediator="Alice Martin")
