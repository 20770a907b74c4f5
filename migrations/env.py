"""Alembic environment for Médios.

The application runs migrations from code (``medios.db.migrate``) and hands over its connection in
``config.attributes["connection"]``.  Developers can also run ``alembic`` from the repository root with
``MEDIOS_DB`` pointing at a database file (see ``alembic.ini``).  Batch mode is on for SQLite.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection

from medios.db.engine import make_engine
from medios.db.models import Base
from medios.paths import database_path

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(database_path(os.environ.get("MEDIOS_DB")))
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    context.configure(url="sqlite://", target_metadata=target_metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
