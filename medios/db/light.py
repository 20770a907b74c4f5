"""Light Core descriptions of the few tables read while Médios starts.

Opening a database and painting the window read a handful of columns: the schema revision, the
référentiel versions, the device id, the structure and three counts.  Importing the models and
configuring the ORM's mappers costs more than all of those reads together (issue 6: 0.2 to 0.4 s of
imports and 76 ms of mapper configuration), so these reads go through :func:`sqlalchemy.table` clauses
naming just the columns they use, with the models' own column types.  ``tests/test_startup.py`` checks
that every column here exists in :mod:`medios.db.models` with the same type, so a renamed column or a
changed type cannot drift unnoticed.  Portable SQL: these are plain SQLAlchemy Core constructs.
"""

from __future__ import annotations

from sqlalchemy import Boolean, DateTime, Integer, String, Text, column, table

from medios.db.types import UuidKey

alembic_version = table("alembic_version", column("version_num", String(32)))

referentiel_version = table("referentiel_version", column("version", String(32)))

app_setting = table("app_setting", column("key", String(64)), column("value", Text))

structure = table(
    "structure",
    column("id", UuidKey),
    column("name", String(200)),
    column("holiday_calendar", String(32)),
    column("notes_enabled", Boolean),
    column("created_at", DateTime),
    column("deleted_at", DateTime),
)

mediator = table(
    "mediator",
    column("id", UuidKey),
    column("pseudonym", String(32)),
    column("role", String(32)),
    column("deleted_at", DateTime),
)

dispositif = table("dispositif", column("deleted_at", DateTime))

intervention = table("intervention", column("deleted_at", DateTime))

draft = table("draft", column("user_id", UuidKey), column("kind", String(32)))

month_closure = table(
    "month_closure",
    column("month", Integer),
    column("status", String(8)),
    column("version", Integer),
    column("deleted_at", DateTime),
)

TABLES = (
    alembic_version,
    referentiel_version,
    app_setting,
    structure,
    mediator,
    dispositif,
    intervention,
    draft,
    month_closure,
)
