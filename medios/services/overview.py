"""What the main window shows about the structure, read with SQLAlchemy Core.

The window paints before the models are imported or the ORM configured (issue 6, item 5): these
reads go through the light table clauses of :mod:`medios.db.light`.  Everything here is cheap but
:func:`count_live_interventions`, a count over every live intervention (a scan of an index: about
0.2 s on a million rows), which the window runs off its thread.  :mod:`medios.services.structure`
re-exports the names it has always offered (``structure_summary``, ``has_structure``…).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, func, select
from sqlalchemy.sql import TableClause

from medios.db import Database, light
from medios.i18n import translate
from medios.referentiel import load_registry


class NoStructureError(RuntimeError):
    """The database holds no structure yet: run ``medios init`` (or the first-run dialog)."""


@dataclass(frozen=True, slots=True)
class StructureSummary:
    """The structure and what the database holds; ``interventions`` is ``None`` when not counted
    (``structure_summary(db, count_interventions=False)``: the window counts them off its thread)."""

    id: uuid.UUID
    name: str
    holiday_calendar: str
    notes_enabled: bool
    referentiel_version: str
    mediators: int
    dispositifs: int
    interventions: int | None


def _live_count(connection: Connection, table: TableClause) -> int:
    return int(connection.scalar(select(func.count()).select_from(table).where(table.c.deleted_at.is_(None))) or 0)


def has_structure(db: Database) -> bool:
    with db.engine.connect() as connection:
        return _live_count(connection, light.structure) != 0


def structure_summary(db: Database, *, count_interventions: bool = True) -> StructureSummary:
    """The first live structure and the live mediators, dispositifs and (unless told not to)
    interventions; :class:`NoStructureError` when there is no structure yet."""
    s = light.structure
    with db.engine.connect() as connection:
        row = connection.execute(
            select(s.c.id, s.c.name, s.c.holiday_calendar, s.c.notes_enabled)
            .where(s.c.deleted_at.is_(None))
            .order_by(s.c.created_at)
            .limit(1)
        ).first()
        if row is None:
            raise NoStructureError(
                translate(
                    "Structure", "Aucune structure n'est encore enregistrée : lancez « medios init --structure NOM »."
                )
            )
        mediators = _live_count(connection, light.mediator)
        dispositifs = _live_count(connection, light.dispositif)
        interventions = _live_count(connection, light.intervention) if count_interventions else None
    return StructureSummary(
        id=row.id,
        name=row.name,
        holiday_calendar=row.holiday_calendar,
        notes_enabled=bool(row.notes_enabled),
        referentiel_version=load_registry().active.version,
        mediators=mediators,
        dispositifs=dispositifs,
        interventions=interventions,
    )


@dataclass(frozen=True, slots=True)
class User:
    """A live mediator as the window's status bar and current-user choice need it (no name)."""

    id: uuid.UUID
    pseudonym: str
    role: str


def live_users(db: Database) -> list[User]:
    """The live mediators by pseudonym (a few rows, read without the ORM: the window asks at start-up)."""
    m = light.mediator
    with db.engine.connect() as connection:
        rows = connection.execute(
            select(m.c.id, m.c.pseudonym, m.c.role).where(m.c.deleted_at.is_(None)).order_by(m.c.pseudonym)
        )
        return [User(row.id, row.pseudonym, row.role) for row in rows]


def has_draft(db: Database, user_id: uuid.UUID | None, kind: str) -> bool:
    """Whether ``user_id`` left a draft of ``kind`` (:mod:`medios.services.drafts`), read without the ORM:
    the window asks once it shows the base."""
    d = light.draft
    owner = d.c.user_id.is_(None) if user_id is None else d.c.user_id == user_id
    with db.engine.connect() as connection:
        return connection.scalar(select(d.c.kind).where(owner, d.c.kind == kind).limit(1)) is not None


def count_live_interventions(db: Database) -> int:
    """The number of live interventions (slow on a large base: run it off the window's thread; each call
    takes its own connection from the pool, so that it may run on any thread)."""
    with db.engine.connect() as connection:
        return _live_count(connection, light.intervention)


def has_live_interventions(db: Database) -> bool:
    """Whether the base holds at least one live intervention (reads one index entry, not a million)."""
    i = light.intervention
    with db.engine.connect() as connection:
        return bool(
            connection.scalar(select(i.c.deleted_at).where(i.c.deleted_at.is_(None)).limit(1).exists().select())
        )


@dataclass(frozen=True, slots=True)
class MonthMark:
    """Whether a month is open, closed or reopened, for the status bar (see :mod:`medios.services.closure`)."""

    status: str  # OUVERT, CLOS or ROUVERT
    version: int  # 0 for a month never closed


def month_mark(db: Database, month: int) -> MonthMark:
    """The closing state of ``month`` (``yyyymm``): one lookup of a small table, without the ORM."""
    c = light.month_closure
    with db.engine.connect() as connection:
        row = connection.execute(
            select(c.c.status, c.c.version).where(c.c.month == month, c.c.deleted_at.is_(None))
        ).first()
    return MonthMark("OUVERT", 0) if row is None else MonthMark(row.status, int(row.version))
