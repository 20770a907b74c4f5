"""Typed SQLAlchemy models of the Médios database.

Every column declares its privacy tier in ``info["tier"]`` (domain brief §2):

* ``L`` (local): stays in the encrypted database, never printed nor written to a file;
* ``C`` (confidential): may appear in the structure's internal reports;
* ``O`` (observatory): may appear in observatory aggregates after generalisation (O implies C);
* ``K`` (key): a surrogate key (UUID, autoincrement integer) or a reference to one (foreign keys,
  ``created_by``, ``audit_log.actor_id`` and ``record_id``).  Queries read keys to join, filter and
  group; no report nor file ever emits one (a record id links a published figure back to a record).

Composite keys made of codes (``intervention_motif.motif``, ``vocabulary_term.code``) keep the tier of
their code.  Exporters call :func:`columns_of_tier` / :func:`tier_of` and refuse to read tier L;
:mod:`medios.db.guard` checks whole queries (no L column nor key in what they output).  The SQL is kept
portable (SQLite today, PostgreSQL later): generic types, partial indexes declared for both dialects.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any, Final

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.schema import Column, Table

from medios.db.types import UuidKey


class Tier(enum.StrEnum):
    LOCAL = "L"
    CONFIDENTIAL = "C"
    OBSERVATORY = "O"
    KEY = "K"


L, C, O, K = Tier.LOCAL, Tier.CONFIDENTIAL, Tier.OBSERVATORY, Tier.KEY  # noqa: E741 - the tier letters of the brief
# Codes are ASCII identifiers of at most 32 characters (référentiel CODE_RE).
CODE = String(32)
COMMUNE_CODE = String(5)
QPV_CODE = String(8)
LIVE = text("deleted_at IS NULL")
# A QPV column holds a QPV code (QN + 6 characters), HORS_QPV (outside any QPV) or NULL (not given).
QPV_CHECK = "qpv IS NULL OR qpv = 'HORS_QPV' OR (length(qpv) = 8 AND substr(qpv, 1, 2) = 'QN')"

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """Timestamps are stored as naive UTC datetimes (portable across SQLite and PostgreSQL)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def tiered(tier: Tier, *args: Any, **kwargs: Any) -> Any:
    """``mapped_column`` that records the privacy tier of the column."""
    info = dict(kwargs.pop("info", {}))
    info["tier"] = tier
    return mapped_column(*args, info=info, **kwargs)


def live_index(name: str, *columns: str, unique: bool = False) -> Index:
    """An index over live rows only (``deleted_at IS NULL``), declared for SQLite and PostgreSQL.

    ``unique`` makes a value unique among live rows: a soft-deleted row frees its name.
    """
    return Index(name, *columns, unique=unique, sqlite_where=LIVE, postgresql_where=LIVE)


def sparse_index(name: str, column: str) -> Index:
    """An index over the rows where ``column`` is set (most rows leave these links empty)."""
    where = text(f"{column} IS NOT NULL")
    return Index(name, column, sqlite_where=where, postgresql_where=where)


# Columns of the journal's filters that have an index of their own, (column, date) over live rows.
JOURNAL_FILTER_COLUMNS = ("registre", "domain", "place", "outcome", "commune", "qpv", "dispositif_id")

# Child collections are never loaded behind the caller's back: a query that needs them says so
# (``selectinload``), one that forgets raises instead of running one query per row (N+1).
CHILDREN: Final = "raise_on_sql"

DELETED = text("deleted_at IS NOT NULL")
# What every monthly breakdown sums (see medios.services.aggregates) and the scopes it may filter on.
MONTH_MEASURES = ("duration_min", "follow_up_of", "mediator_count")
MONTH_FILTERS = ("commune", "qpv")
# The key, so that a breakdown joined to its children (commune and QPV scopes) is covered by whichever
# month index the planner takes.
MONTH_JOIN = ("id",)


# The flags an intervention derives from its children (migration 0011), summed by the data-quality figures.
QUALITY_FLAGS = ("with_public", "oriented", "relayed", "vsoc_motif")


def month_index(name: str, *groups: str, extra: tuple[str, ...] = ()) -> Index:
    """A covering index over live interventions for one monthly breakdown.

    ``(month, dispositif_id, *groups)`` first: a month (or each month of a year, ``month IN (…)``) is a
    seek, the dispositif scope a seek too, and rows come in ``GROUP BY month, dispositif_id, *groups``
    order (no sort).  Then what the breakdown sums, ``extra`` columns (what another monthly query reads
    there), the commune and QPV scopes (filtered in the index), the key (to join the children) and
    ``deleted_at``: the query names it, so that SQLite needs it in the index to cover the query
    although the index holds live rows only.
    """
    rest = [c for c in (*MONTH_MEASURES, *extra, *MONTH_FILTERS, *MONTH_JOIN) if c not in groups]
    return live_index(name, "month", "dispositif_id", *groups, *rest, "deleted_at")


def child_month_index(name: str, *columns: str) -> Index:
    """The index of a child table that serves monthly aggregates without a join to ``intervention``."""
    return Index(name, "month", "dispositif_id", *columns)


# Child tables with a composite primary key are clustered on it in SQLite (WITHOUT ROWID: one B-tree
# instead of a table plus an index, half the work on bulk inserts).  PostgreSQL ignores the option.
CLUSTERED = {"sqlite_with_rowid": False}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {uuid.UUID: UuidKey}


class SyncMixin:
    """Columns every mutable table carries for merging laptops (domain brief §2): keys K, vocab_version O, rest L."""

    id: Mapped[uuid.UUID] = tiered(K, UuidKey, primary_key=True, default=uuid.uuid4)
    created_at: Mapped[dt.datetime] = tiered(L, DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = tiered(L, DateTime, default=utcnow, onupdate=utcnow)
    created_by: Mapped[uuid.UUID | None] = tiered(K, UuidKey)
    device_id: Mapped[str] = tiered(L, String(36))
    deleted_at: Mapped[dt.datetime | None] = tiered(L, DateTime)
    vocab_version: Mapped[str] = tiered(O, String(32))


# --------------------------------------------------------------------------- settings, référentiel


class AppSetting(Base):
    """Installation facts and business settings as key and value (the device id, the demo mark…)."""

    __tablename__ = "app_setting"
    key: Mapped[str] = tiered(L, String(64), primary_key=True)
    value: Mapped[str] = tiered(L, Text)


class ReferentielVersion(Base):
    __tablename__ = "referentiel_version"
    version: Mapped[str] = tiered(O, String(32), primary_key=True)
    sequence: Mapped[int] = tiered(O, Integer, unique=True)
    previous: Mapped[str | None] = tiered(O, String(32))
    published_on: Mapped[dt.date] = tiered(O, Date)
    loaded_at: Mapped[dt.datetime] = tiered(L, DateTime, default=utcnow)


class VocabularyTerm(Base):
    __tablename__ = "vocabulary_term"
    vocab: Mapped[str] = tiered(O, CODE, primary_key=True)
    code: Mapped[str] = tiered(O, CODE, primary_key=True)
    version: Mapped[str] = tiered(O, ForeignKey("referentiel_version.version"), primary_key=True)
    label_fr: Mapped[str] = tiered(C, String(200))
    label_en: Mapped[str] = tiered(C, String(200))
    parent_code: Mapped[str | None] = tiered(C, CODE)
    sort: Mapped[int] = tiered(C, Integer)
    active: Mapped[bool] = tiered(O, Boolean, default=True)
    sensitive: Mapped[bool] = tiered(O, Boolean, default=False)
    observatory_code: Mapped[str | None] = tiered(O, String(64))


class VocabularyMapping(Base):
    __tablename__ = "vocabulary_mapping"
    id: Mapped[int] = tiered(K, Integer, primary_key=True, autoincrement=True)
    vocab: Mapped[str] = tiered(O, CODE)
    from_version: Mapped[str] = tiered(O, String(32))
    from_code: Mapped[str] = tiered(O, CODE)
    to_version: Mapped[str] = tiered(O, ForeignKey("referentiel_version.version"))
    to_code: Mapped[str | None] = tiered(O, CODE)
    kind: Mapped[str] = tiered(O, String(8))
    is_default: Mapped[bool] = tiered(O, Boolean, default=True)
    __table_args__ = (CheckConstraint("kind IN ('RENAME', 'SPLIT', 'MERGE', 'RETIRE')", name="kind"),)


class CiterMapping(Base):
    __tablename__ = "citer_mapping"
    id: Mapped[int] = tiered(K, Integer, primary_key=True, autoincrement=True)
    referentiel_version: Mapped[str] = tiered(O, ForeignKey("referentiel_version.version"))
    citer_domain: Mapped[str] = tiered(O, CODE)
    criterion_fr: Mapped[str] = tiered(O, String(200))
    criterion_en: Mapped[str] = tiered(O, String(200))
    source: Mapped[str] = tiered(O, CODE)
    filter: Mapped[str] = tiered(O, Text)  # JSON: field -> allowed codes
    share_of: Mapped[str | None] = tiered(O, Text)  # JSON, denominator filter of a SHARE indicator
    indicator: Mapped[str] = tiered(O, CODE)


# --------------------------------------------------------------------------- organisation


structure_network = Table(
    "structure_network",
    Base.metadata,
    Column("structure_id", UuidKey, ForeignKey("structure.id", ondelete="CASCADE"), primary_key=True, info={"tier": K}),
    Column("network", CODE, primary_key=True, info={"tier": O}),
)


class Structure(SyncMixin, Base):
    """The employing structure; one per installation."""

    __tablename__ = "structure"
    name: Mapped[str] = tiered(C, String(200))
    siret: Mapped[str | None] = tiered(C, String(14))
    observatory_id: Mapped[str | None] = tiered(O, String(64))
    legal_status: Mapped[str] = tiered(O, CODE)
    afnor_certified_on: Mapped[dt.date | None] = tiered(O, Date, info={"generalise": "year"})
    hq_commune: Mapped[str | None] = tiered(O, COMMUNE_CODE, info={"generalise": "departement"})
    holiday_calendar: Mapped[str] = tiered(L, CODE, default="METROPOLE")
    notes_enabled: Mapped[bool] = tiered(L, Boolean, default=False)
    person_module_enabled: Mapped[bool] = tiered(L, Boolean, default=False)
    dpia_ref: Mapped[str | None] = tiered(L, String(100))
    dpia_date: Mapped[dt.date | None] = tiered(L, Date)
    __table_args__ = (CheckConstraint("siret IS NULL OR length(siret) = 14", name="siret_length"),)


dispositif_funder = Table(
    "dispositif_funder",
    Base.metadata,
    Column(
        "dispositif_id", UuidKey, ForeignKey("dispositif.id", ondelete="CASCADE"), primary_key=True, info={"tier": K}
    ),
    Column("funder", CODE, primary_key=True, info={"tier": O}),
)
dispositif_territory = Table(
    "dispositif_territory",
    Base.metadata,
    Column(
        "dispositif_id", UuidKey, ForeignKey("dispositif.id", ondelete="CASCADE"), primary_key=True, info={"tier": K}
    ),
    Column("territory_id", UuidKey, ForeignKey("territory.id"), primary_key=True, info={"tier": K}),
)
dispositif_time_band = Table(
    "dispositif_time_band",
    Base.metadata,
    Column(
        "dispositif_id", UuidKey, ForeignKey("dispositif.id", ondelete="CASCADE"), primary_key=True, info={"tier": K}
    ),
    Column("time_band", CODE, primary_key=True, info={"tier": O}),
)
dispositif_commissioner = Table(
    "dispositif_commissioner",
    Base.metadata,
    Column(
        "dispositif_id", UuidKey, ForeignKey("dispositif.id", ondelete="CASCADE"), primary_key=True, info={"tier": K}
    ),
    Column("partner_id", UuidKey, ForeignKey("partner.id"), primary_key=True, info={"tier": K}),
)


class Dispositif(SyncMixin, Base):
    __tablename__ = "dispositif"
    name: Mapped[str] = tiered(C, String(200))
    main_domain: Mapped[str] = tiered(O, CODE)
    start_date: Mapped[dt.date] = tiered(O, Date, info={"generalise": "year"})
    end_date: Mapped[dt.date | None] = tiered(O, Date, info={"generalise": "year"})
    __table_args__ = (live_index("uq_dispositif_name_live", "name", unique=True),)


class Territory(SyncMixin, Base):
    """The structure's own list of territories (communes, QPV, EPCI, départements, régions)."""

    __tablename__ = "territory"
    code: Mapped[str] = tiered(O, String(12))
    level: Mapped[str] = tiered(O, CODE)
    label: Mapped[str] = tiered(O, String(200))
    parent_code: Mapped[str | None] = tiered(O, String(12))
    vintage: Mapped[str] = tiered(O, String(16))
    valid_from: Mapped[dt.date | None] = tiered(O, Date)
    valid_to: Mapped[dt.date | None] = tiered(O, Date)
    __table_args__ = (
        UniqueConstraint("level", "code", "vintage", name="uq_territory_level_code_vintage"),
        CheckConstraint("level IN ('COMMUNE', 'QPV', 'EPCI', 'DEPARTEMENT', 'REGION')", name="level"),
    )


qpv_commune = Table(
    "qpv_commune",
    Base.metadata,
    Column("qpv_code", QPV_CODE, primary_key=True, info={"tier": O}),
    Column("commune_code", COMMUNE_CODE, primary_key=True, info={"tier": O}),
    Column("vintage", String(16), primary_key=True, info={"tier": O}),
)


class Partner(SyncMixin, Base):
    """Local directory of partner organisations for orientations and signalements."""

    __tablename__ = "partner"
    name: Mapped[str] = tiered(C, String(200))
    partner_type: Mapped[str] = tiered(O, CODE)
    commune: Mapped[str | None] = tiered(C, COMMUNE_CODE)
    contact_name: Mapped[str | None] = tiered(L, String(200))
    phone: Mapped[str | None] = tiered(L, String(40))
    email: Mapped[str | None] = tiered(L, String(200))


class Site(SyncMixin, Base):
    __tablename__ = "site"
    name: Mapped[str] = tiered(L, String(200))
    place: Mapped[str] = tiered(O, CODE)
    commune: Mapped[str] = tiered(O, COMMUNE_CODE)
    qpv: Mapped[str | None] = tiered(O, QPV_CODE)  # a QPV code, HORS_QPV (outside any QPV), NULL: not given
    uai: Mapped[str | None] = tiered(L, String(8))
    educ_prio: Mapped[str | None] = tiered(O, CODE)
    landlord_id: Mapped[uuid.UUID | None] = tiered(K, ForeignKey("partner.id"))
    __table_args__ = (
        live_index("uq_site_name_live", "name", unique=True),
        CheckConstraint(QPV_CHECK, name="qpv"),
    )


mediator_qualification = Table(
    "mediator_qualification",
    Base.metadata,
    Column("mediator_id", UuidKey, ForeignKey("mediator.id", ondelete="CASCADE"), primary_key=True, info={"tier": K}),
    Column("qualification", CODE, primary_key=True, info={"tier": O}),
)


class Mediator(SyncMixin, Base):
    """A user of the application: médiateur, coordinateur or administrateur."""

    __tablename__ = "mediator"
    display_name: Mapped[str] = tiered(L, String(200))
    pseudonym: Mapped[str] = tiered(C, String(32), unique=True)
    role: Mapped[str] = tiered(C, CODE, default="MEDIATEUR")
    login: Mapped[str | None] = tiered(L, String(64), unique=True)
    password_hash: Mapped[str | None] = tiered(L, String(255))
    weekly_minutes: Mapped[int | None] = tiered(C, Integer)
    contract: Mapped[str | None] = tiered(O, CODE, info={"generalise": "aggregate"})
    fte_percent: Mapped[int | None] = tiered(O, Integer, info={"generalise": "aggregate"})
    start_date: Mapped[dt.date | None] = tiered(O, Date, info={"generalise": "aggregate"})
    end_date: Mapped[dt.date | None] = tiered(O, Date, info={"generalise": "aggregate"})
    __table_args__ = (CheckConstraint("fte_percent IS NULL OR fte_percent BETWEEN 10 AND 100", name="fte"),)


# --------------------------------------------------------------------------- activity records


class Intervention(SyncMixin, Base):
    """Fiche d'intervention: one situation dealt with at a given moment and place (domain brief §3)."""

    __tablename__ = "intervention"
    dispositif_id: Mapped[uuid.UUID | None] = tiered(K, ForeignKey("dispositif.id"))
    date: Mapped[dt.date] = tiered(O, Date, info={"generalise": "month"})
    month: Mapped[int] = tiered(O, Integer, info={"derived": True})  # yyyymm of ``date``
    start_time: Mapped[dt.time] = tiered(L, Time)
    time_band: Mapped[str] = tiered(O, CODE, info={"derived": True})
    day_type: Mapped[str] = tiered(O, CODE, info={"derived": True})
    duration_min: Mapped[int] = tiered(O, Integer, info={"generalise": "sum"})
    commune: Mapped[str] = tiered(O, COMMUNE_CODE)
    qpv: Mapped[str | None] = tiered(O, QPV_CODE)
    site_id: Mapped[uuid.UUID | None] = tiered(K, ForeignKey("site.id"))
    place: Mapped[str] = tiered(O, CODE)
    registre: Mapped[str] = tiered(O, CODE)
    sub_registre: Mapped[str | None] = tiered(O, CODE)
    domain: Mapped[str] = tiered(O, CODE)
    origin: Mapped[str] = tiered(O, CODE, default="NR")
    modality: Mapped[str] = tiered(O, CODE, default="NR")
    tension: Mapped[str] = tiered(O, CODE, default="NR")
    outcome: Mapped[str] = tiered(O, CODE)
    follow_up_of: Mapped[uuid.UUID | None] = tiered(K, ForeignKey("intervention.id"))
    presence_id: Mapped[uuid.UUID | None] = tiered(K, ForeignKey("presence_active.id"))
    consent: Mapped[str] = tiered(C, CODE, default="NR")
    notes: Mapped[str | None] = tiered(L, Text)
    # Number of intervention_mediator rows (binômes: 2 or more), kept here so that reports need no join.
    mediator_count: Mapped[int] = tiered(O, Integer, info={"derived": True, "generalise": "sum"})
    # Written with the row by medios.services.intervention_rows (migration 0011), so that the monthly
    # data-quality figures sum columns of a month index instead of looking up each row's children or
    # reading its timestamps: days from ``date`` to the entry (``created_at``, never negative; tier C as
    # what it is computed from is kept on the laptop) and four flags of the children.
    entry_days: Mapped[int] = tiered(C, Integer, info={"derived": True})
    with_public: Mapped[bool] = tiered(O, Boolean, info={"derived": True})  # a public row
    oriented: Mapped[bool] = tiered(O, Boolean, info={"derived": True})  # an ORIENTE partner
    relayed: Mapped[bool] = tiered(O, Boolean, info={"derived": True})  # ORIENTE or ALERTE
    vsoc_motif: Mapped[bool] = tiered(O, Boolean, info={"derived": True})  # derive.VSOC_MOTIFS

    mediators: Mapped[list[InterventionMediator]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy=CHILDREN
    )
    motifs: Mapped[list[InterventionMotif]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy=CHILDREN
    )
    publics: Mapped[list[InterventionPublic]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy=CHILDREN
    )
    partners: Mapped[list[InterventionPartner]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy=CHILDREN
    )

    __table_args__ = (
        CheckConstraint("duration_min BETWEEN 1 AND 720", name="duration"),
        CheckConstraint("month BETWEEN 190001 AND 299912", name="month"),
        # Covering indexes for the monthly GROUP BYs of medios.services.aggregates (one per breakdown).
        # The registre's also holds the quality flags (medios.services.indicators.figures.quality_statement).
        month_index("ix_intervention_month_registre", "registre", "sub_registre", "outcome", extra=QUALITY_FLAGS),
        month_index("ix_intervention_month_place", "place", "time_band", "day_type"),
        month_index("ix_intervention_month_territory", "commune", "qpv", "domain", "id"),
        month_index("ix_intervention_month_context", "tension", "origin", "modality"),
        # The delay of entry and the devices of a month (figures.delay_statement), in their GROUP BY order; the
        # key too, so that a join of the children that the planner starts here stays covered.
        live_index(
            "ix_intervention_month_entry",
            "month",
            "dispositif_id",
            "entry_days",
            "device_id",
            "updated_at",
            *MONTH_FILTERS,
            *MONTH_JOIN,
            "deleted_at",
        ),
        Index(
            "ix_intervention_deleted_month", "month", "id", "deleted_at", sqlite_where=DELETED, postgresql_where=DELETED
        ),
        # The journal (medios.services.journal): its order, and one seek per filter (migration 0003).
        live_index("ix_intervention_journal", "date", "start_time", "id"),
        *(live_index(f"ix_intervention_journal_{c}", c, "date") for c in JOURNAL_FILTER_COLUMNS),
        sparse_index("ix_intervention_follow_up_of", "follow_up_of"),
        sparse_index("ix_intervention_presence_id", "presence_id"),
    )


class InterventionMediator(Base):
    """Médiateur(s) of an intervention: a binôme is two rows and one intervention."""

    __tablename__ = "intervention_mediator"
    intervention_id: Mapped[uuid.UUID] = tiered(K, ForeignKey("intervention.id", ondelete="CASCADE"), primary_key=True)
    mediator_id: Mapped[uuid.UUID] = tiered(K, ForeignKey("mediator.id"), primary_key=True)
    # Copies of the parent's date and start time (written with it by medios.services.intervention_rows,
    # migration 0006): the journal filtered on a mediator reads that mediator's rows in the journal order.
    date: Mapped[dt.date] = tiered(O, Date, info={"derived": True, "generalise": "month"})
    start_time: Mapped[dt.time] = tiered(L, Time, info={"derived": True})
    # Copies of what the per-mediator figures sum (migration 0010): a month's rows sit together in
    # ``ix_intervention_mediator_month`` and medios.services.indicators reads them without a join.
    month: Mapped[int] = tiered(O, Integer, info={"derived": True})
    dispositif_id: Mapped[uuid.UUID | None] = tiered(K, UuidKey, info={"derived": True})
    duration_min: Mapped[int] = tiered(O, Integer, info={"derived": True, "generalise": "sum"})
    mediator_count: Mapped[int] = tiered(O, Integer, info={"derived": True, "generalise": "sum"})
    follow_up: Mapped[bool] = tiered(O, Boolean, info={"derived": True})  # the parent's follow_up_of is set
    in_block: Mapped[bool] = tiered(O, Boolean, info={"derived": True})  # the parent's presence_id is set
    __table_args__ = (
        Index("ix_intervention_mediator_journal", "mediator_id", "date", "start_time", "intervention_id"),
        Index(
            "ix_intervention_mediator_month",
            "month",
            "dispositif_id",
            "mediator_id",
            "duration_min",
            "follow_up",
            "mediator_count",
            "in_block",
        ),
        CLUSTERED,
    )


class AggregatedChild:
    """Copies of the parent's ``month`` and ``dispositif_id`` on a child row (written with it by
    :mod:`medios.services.intervention_rows`), so that a month's rows sit together in the child's month
    index and monthly aggregates read no parent row (soft-deleted parents are subtracted, see
    :mod:`medios.services.aggregates`)."""

    month: Mapped[int] = tiered(O, Integer, info={"derived": True})
    dispositif_id: Mapped[uuid.UUID | None] = tiered(K, UuidKey, info={"derived": True})


class InterventionMotif(AggregatedChild, Base):
    __tablename__ = "intervention_motif"
    __table_args__ = (child_month_index("ix_intervention_motif_month", "motif"), CLUSTERED)
    intervention_id: Mapped[uuid.UUID] = tiered(K, ForeignKey("intervention.id", ondelete="CASCADE"), primary_key=True)
    motif: Mapped[str] = tiered(O, CODE, primary_key=True)


class InterventionPublic(AggregatedChild, Base):
    """Publics concernés as counts (type x age band x sex); never a person."""

    __tablename__ = "intervention_public"
    intervention_id: Mapped[uuid.UUID] = tiered(K, ForeignKey("intervention.id", ondelete="CASCADE"), primary_key=True)
    public_type: Mapped[str] = tiered(O, CODE, primary_key=True)
    age_band: Mapped[str] = tiered(O, CODE, primary_key=True)
    sex: Mapped[str] = tiered(O, CODE, primary_key=True)
    count: Mapped[int] = tiered(O, Integer)
    __table_args__ = (
        CheckConstraint("count >= 1", name="count"),
        child_month_index("ix_intervention_public_month", "public_type", "age_band", "sex", "count"),
        CLUSTERED,
    )


class InterventionPartner(AggregatedChild, Base):
    """Partenaires mobilisés: a type may recur with another role."""

    __tablename__ = "intervention_partner"
    __table_args__ = (child_month_index("ix_intervention_partner_month", "partner_type", "role"), CLUSTERED)
    intervention_id: Mapped[uuid.UUID] = tiered(K, ForeignKey("intervention.id", ondelete="CASCADE"), primary_key=True)
    partner_type: Mapped[str] = tiered(O, CODE, primary_key=True)
    role: Mapped[str] = tiered(O, CODE, primary_key=True)
    partner_id: Mapped[uuid.UUID | None] = tiered(K, ForeignKey("partner.id"))


class PresenceActive(SyncMixin, Base):
    """Tournée or permanence: a block of time, not an event."""

    __tablename__ = "presence_active"
    date: Mapped[dt.date] = tiered(O, Date, info={"generalise": "month"})
    month: Mapped[int] = tiered(O, Integer, info={"derived": True})
    start_time: Mapped[dt.time] = tiered(L, Time)
    end_time: Mapped[dt.time] = tiered(L, Time)
    duration_min: Mapped[int] = tiered(O, Integer, info={"derived": True, "generalise": "sum"})
    time_band: Mapped[str] = tiered(O, CODE, info={"derived": True})
    day_type: Mapped[str] = tiered(O, CODE, info={"derived": True})
    presence_type: Mapped[str] = tiered(O, CODE)
    commune: Mapped[str] = tiered(O, COMMUNE_CODE)
    qpv: Mapped[str | None] = tiered(O, QPV_CODE)
    dispositif_id: Mapped[uuid.UUID | None] = tiered(K, ForeignKey("dispositif.id"))
    site_id: Mapped[uuid.UUID | None] = tiered(K, ForeignKey("site.id"))
    informal_contacts: Mapped[int] = tiered(O, Integer, default=0)

    mediators: Mapped[list[PresenceMediator]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy=CHILDREN
    )
    __table_args__ = (
        CheckConstraint("duration_min BETWEEN 1 AND 840", name="duration"),
        CheckConstraint("informal_contacts >= 0", name="informal_contacts"),
        live_index("ix_presence_active_month", "month", "presence_type", "time_band", "duration_min"),
    )


class PresenceMediator(Base):
    __tablename__ = "presence_mediator"
    __table_args__ = CLUSTERED
    presence_id: Mapped[uuid.UUID] = tiered(K, ForeignKey("presence_active.id", ondelete="CASCADE"), primary_key=True)
    mediator_id: Mapped[uuid.UUID] = tiered(K, ForeignKey("mediator.id"), primary_key=True)


class TechSignalement(SyncMixin, Base):
    """One row per defect reported; the parent is an intervention or a presence block."""

    __tablename__ = "tech_signalement"
    intervention_id: Mapped[uuid.UUID | None] = tiered(K, ForeignKey("intervention.id", ondelete="CASCADE"))
    presence_id: Mapped[uuid.UUID | None] = tiered(K, ForeignKey("presence_active.id", ondelete="CASCADE"))
    signal_type: Mapped[str] = tiered(O, CODE)
    recipient_type: Mapped[str] = tiered(O, CODE)
    treated: Mapped[str] = tiered(O, CODE, default="INCONNU")
    sent_on: Mapped[dt.date | None] = tiered(C, Date)
    treated_on: Mapped[dt.date | None] = tiered(C, Date)
    __table_args__ = (
        CheckConstraint("(intervention_id IS NULL) <> (presence_id IS NULL)", name="one_parent"),
        Index("ix_tech_signalement_intervention_id", "intervention_id"),
        Index("ix_tech_signalement_presence_id", "presence_id"),
    )


class ActionCollective(SyncMixin, Base):
    """Atelier, sensibilisation, concertation, événement: one record per séance."""

    __tablename__ = "action_collective"
    date: Mapped[dt.date] = tiered(O, Date, info={"generalise": "month"})
    month: Mapped[int] = tiered(O, Integer, info={"derived": True})
    start_time: Mapped[dt.time] = tiered(L, Time)
    duration_min: Mapped[int] = tiered(O, Integer, info={"generalise": "sum"})
    dispositif_id: Mapped[uuid.UUID | None] = tiered(K, ForeignKey("dispositif.id"))
    site_id: Mapped[uuid.UUID | None] = tiered(K, ForeignKey("site.id"))
    commune: Mapped[str] = tiered(O, COMMUNE_CODE)
    qpv: Mapped[str | None] = tiered(O, QPV_CODE)
    place: Mapped[str] = tiered(O, CODE)
    registre: Mapped[str] = tiered(O, CODE)
    theme: Mapped[str] = tiered(O, CODE)
    title: Mapped[str | None] = tiered(C, String(120))
    participants: Mapped[int] = tiered(O, Integer)
    __table_args__ = (
        CheckConstraint("participants >= 0", name="participants"),
        CheckConstraint("duration_min BETWEEN 1 AND 720", name="duration"),
        live_index("ix_action_collective_month", "month", "registre", "theme", "participants"),
    )


class ActionPublic(Base):
    __tablename__ = "action_public"
    action_id: Mapped[uuid.UUID] = tiered(K, ForeignKey("action_collective.id", ondelete="CASCADE"), primary_key=True)
    public_type: Mapped[str] = tiered(O, CODE, primary_key=True)
    age_band: Mapped[str] = tiered(O, CODE, primary_key=True)
    sex: Mapped[str] = tiered(O, CODE, primary_key=True)
    count: Mapped[int] = tiered(O, Integer)
    __table_args__ = (CheckConstraint("count >= 1", name="count"), CLUSTERED)


class ActionPartner(Base):
    __tablename__ = "action_partner"
    __table_args__ = CLUSTERED
    action_id: Mapped[uuid.UUID] = tiered(K, ForeignKey("action_collective.id", ondelete="CASCADE"), primary_key=True)
    partner_type: Mapped[str] = tiered(O, CODE, primary_key=True)
    partner_id: Mapped[uuid.UUID | None] = tiered(K, ForeignKey("partner.id"))


class ActionMediator(Base):
    __tablename__ = "action_mediator"
    __table_args__ = CLUSTERED
    action_id: Mapped[uuid.UUID] = tiered(K, ForeignKey("action_collective.id", ondelete="CASCADE"), primary_key=True)
    mediator_id: Mapped[uuid.UUID] = tiered(K, ForeignKey("mediator.id"), primary_key=True)


class PartnerMeeting(SyncMixin, Base):
    """Réunion partenariale between professionals (CLSPD, GUP, cellule de veille…)."""

    __tablename__ = "partner_meeting"
    date: Mapped[dt.date] = tiered(O, Date, info={"generalise": "month"})
    month: Mapped[int] = tiered(O, Integer, info={"derived": True})
    duration_min: Mapped[int] = tiered(O, Integer, info={"generalise": "sum"})
    meeting_type: Mapped[str] = tiered(O, CODE)
    subject: Mapped[str | None] = tiered(C, String(120))
    dispositif_id: Mapped[uuid.UUID | None] = tiered(K, ForeignKey("dispositif.id"))
    __table_args__ = (
        CheckConstraint("duration_min BETWEEN 1 AND 720", name="duration"),
        live_index("ix_partner_meeting_month", "month", "meeting_type", "duration_min"),
    )


class MeetingPartner(Base):
    __tablename__ = "meeting_partner"
    __table_args__ = CLUSTERED
    meeting_id: Mapped[uuid.UUID] = tiered(K, ForeignKey("partner_meeting.id", ondelete="CASCADE"), primary_key=True)
    partner_type: Mapped[str] = tiered(O, CODE, primary_key=True)


class MeetingMediator(Base):
    __tablename__ = "meeting_mediator"
    __table_args__ = CLUSTERED
    meeting_id: Mapped[uuid.UUID] = tiered(K, ForeignKey("partner_meeting.id", ondelete="CASCADE"), primary_key=True)
    mediator_id: Mapped[uuid.UUID] = tiered(K, ForeignKey("mediator.id"), primary_key=True)


# --------------------------------------------------------------------------- audit


# What a line of the audit log records; closing and reopening a month came with migration 0008.
AUDIT_ACTIONS = (
    "CREATE",
    "UPDATE",
    "DELETE",
    "RESTORE",
    "IMPORT",
    "CLOSE",
    "REOPEN",
    "EXPORT",
    "PURGE",
    "KEY",
    "LOGIN",
    "ROLE",
)


class AuditLog(Base):
    """Who changed what and when.  ``changes`` holds old -> new of C and O fields only (JSON).  Append-only
    and hash-chained: each line's ``sha256`` covers the line before it."""

    __tablename__ = "audit_log"
    id: Mapped[int] = tiered(K, Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = tiered(C, DateTime, default=utcnow)
    actor_id: Mapped[uuid.UUID | None] = tiered(K, UuidKey)
    device_id: Mapped[str] = tiered(C, String(36))
    action: Mapped[str] = tiered(C, String(16))
    table_name: Mapped[str] = tiered(C, String(64))
    record_id: Mapped[uuid.UUID | None] = tiered(K, UuidKey)
    changes: Mapped[str | None] = tiered(C, Text)
    # The hash chain (migration 0013): SHA-256 of the previous line's ``sha256`` and this line's fields
    # (medios.services.audit.entry_digest), so that an edited, removed or reordered line is seen.
    sha256: Mapped[str] = tiered(C, String(64))
    __table_args__ = (
        CheckConstraint(f"action IN ({', '.join(repr(a) for a in AUDIT_ACTIONS)})", name="action"),
        Index("ix_audit_log_record_id", "record_id"),
    )


# --------------------------------------------------------------------------- month closing (migration 0008)

CLOSURE_STATUSES = ("CLOS", "ROUVERT")
AMENDMENT_ACTIONS = ("CREATE", "UPDATE", "DELETE", "RESTORE")


class MonthClosure(SyncMixin, Base):
    """A closed month of the structure (one row per month; no row: the month is open).

    ``status`` is ``CLOS`` (reports read ``snapshot``, the indicators frozen at closing) or ``ROUVERT``
    (reopened by a coordinator: reports are computed again until it is closed anew, ``version`` + 1).
    ``snapshot`` is JSON (the additive month figures of :mod:`medios.services.indicators` for the
    structure and for every dispositif, commune and QPV of the month) and ``snapshot_sha256`` its
    SHA-256, checked when it is read.
    """

    __tablename__ = "month_closure"
    month: Mapped[int] = tiered(C, Integer, unique=True)  # yyyymm, as intervention.month
    status: Mapped[str] = tiered(C, String(8))
    version: Mapped[int] = tiered(C, Integer, default=1)
    closed_at: Mapped[dt.datetime] = tiered(C, DateTime)
    closed_by: Mapped[uuid.UUID | None] = tiered(K, ForeignKey("mediator.id"))
    reopened_at: Mapped[dt.datetime | None] = tiered(C, DateTime)
    reopened_by: Mapped[uuid.UUID | None] = tiered(K, ForeignKey("mediator.id"))
    reopen_reason: Mapped[str | None] = tiered(C, String(200))
    snapshot: Mapped[str] = tiered(C, Text)
    snapshot_sha256: Mapped[str] = tiered(C, String(64))
    __table_args__ = (
        CheckConstraint(f"status IN ({', '.join(repr(s) for s in CLOSURE_STATUSES)})", name="status"),
        CheckConstraint("version >= 1", name="version"),
        CheckConstraint("month BETWEEN 190001 AND 299912", name="month"),
    )


class Amendment(Base):
    """A change to a record of a closed (or reopened) month: who, when, which record, what changed.

    ``changes`` is JSON ``{field: [old, new]}`` of the record's C and O fields and references only (never
    a tier L value: no notes, no names, no times); ``month`` is the closed month the change touches (a
    record moved from one closed month to another gives one amendment in each).
    """

    __tablename__ = "amendment"
    id: Mapped[uuid.UUID] = tiered(K, UuidKey, primary_key=True, default=uuid.uuid4)
    closure_id: Mapped[uuid.UUID] = tiered(K, ForeignKey("month_closure.id"))
    month: Mapped[int] = tiered(C, Integer)
    closure_version: Mapped[int] = tiered(C, Integer)
    record_table: Mapped[str] = tiered(C, String(32))
    record_id: Mapped[uuid.UUID] = tiered(K, UuidKey)
    action: Mapped[str] = tiered(C, String(8))
    changes: Mapped[str | None] = tiered(C, Text)
    reason: Mapped[str] = tiered(C, String(200))
    at: Mapped[dt.datetime] = tiered(C, DateTime, default=utcnow)
    actor_id: Mapped[uuid.UUID | None] = tiered(K, UuidKey)
    device_id: Mapped[str] = tiered(C, String(36))
    __table_args__ = (
        CheckConstraint(f"action IN ({', '.join(repr(a) for a in AMENDMENT_ACTIONS)})", name="action"),
        Index("ix_amendment_month_at", "month", "at"),
        Index("ix_amendment_record_id", "record_id"),
    )


# --------------------------------------------------------------------------- observatory ledger (migration 0009)

EXPORT_CELL_STATUSES = ("D", "M")


class ObservatoryExport(Base):
    """One observatory file written by the structure (format ``medios-observatoire/1``).

    ``period`` is the file's period (``2026-11``, ``2026-T4``, ``2026``), ``first_month`` and
    ``last_month`` its months (``yyyymm``); ``file_sha256`` the SHA-256 of the ZIP as written, which the
    manifests of later files list among the files they were checked against.  ``replaces_id`` names the
    file a corrected export replaces.  ``open_months`` lists, comma-separated, the months of the period
    that were not closed when the file was written (exported after confirmation).
    """

    __tablename__ = "observatory_export"
    id: Mapped[uuid.UUID] = tiered(K, UuidKey, primary_key=True, default=uuid.uuid4)
    period: Mapped[str] = tiered(O, String(16))
    first_month: Mapped[int] = tiered(O, Integer)
    last_month: Mapped[int] = tiered(O, Integer)
    threshold: Mapped[int] = tiered(O, Integer)
    referentiel_version: Mapped[str] = tiered(O, String(32))
    format: Mapped[str] = tiered(O, String(32))
    file_sha256: Mapped[str] = tiered(O, String(64))
    cells: Mapped[int] = tiered(O, Integer)
    masked_cells: Mapped[int] = tiered(O, Integer)
    open_months: Mapped[str | None] = tiered(O, String(200))
    replaces_id: Mapped[uuid.UUID | None] = tiered(K, ForeignKey("observatory_export.id"))
    created_at: Mapped[dt.datetime] = tiered(C, DateTime, default=utcnow)
    created_by: Mapped[uuid.UUID | None] = tiered(K, ForeignKey("mediator.id"))
    device_id: Mapped[str] = tiered(L, String(36))
    file_name: Mapped[str | None] = tiered(L, String(255))  # where it was written on this laptop
    __table_args__ = (
        CheckConstraint("threshold >= 5", name="threshold"),
        CheckConstraint("first_month <= last_month", name="months"),
        CheckConstraint("masked_cells <= cells", name="masked"),
        Index("ix_observatory_export_months", "first_month", "last_month"),
    )


class ExportCell(Base):
    """One cell of an observatory file as it was published (the ledger of domain brief §7.4).

    ``cell_key`` is :meth:`medios.services.observatory.model.CellKey.text`; ``value`` the published
    value (``NULL`` when masked: what the observatory received); ``value_sha256`` the SHA-256 of the true
    value at export time (with the period and key), so that a later export can tell whether a masked
    figure has changed without keeping it.  Masks stay stable: the next files prefer cells masked here.
    """

    __tablename__ = "export_cell"
    export_id: Mapped[uuid.UUID] = tiered(K, ForeignKey("observatory_export.id", ondelete="CASCADE"), primary_key=True)
    cell_key: Mapped[str] = tiered(O, String(200), primary_key=True)
    status: Mapped[str] = tiered(O, String(1))
    value: Mapped[int | None] = tiered(O, Integer)
    value_sha256: Mapped[str] = tiered(O, String(64))
    __table_args__ = (
        CheckConstraint(f"status IN ({', '.join(repr(s) for s in EXPORT_CELL_STATUSES)})", name="status"),
        CheckConstraint("(status = 'M') = (value IS NULL)", name="value"),
        CLUSTERED,
    )


class ExportBasis(Base):
    """An earlier file a file was checked against, still true of the data when it was written (0012).

    The rows of a file are its manifest's ``checked_against``: the files that, with it, describe one
    version of the data.  A file whose data changed later (a late entry in a month already sent) is no
    longer true of the data; a new file is then protected against it as a file of that earlier version,
    together with the files of its basis.
    """

    __tablename__ = "export_basis"
    export_id: Mapped[uuid.UUID] = tiered(K, ForeignKey("observatory_export.id", ondelete="CASCADE"), primary_key=True)
    basis_id: Mapped[uuid.UUID] = tiered(K, ForeignKey("observatory_export.id"), primary_key=True)
    __table_args__ = (CLUSTERED,)


# --------------------------------------------------------------------------- tier helpers


def tier_of(column: Column[Any]) -> Tier:
    """The privacy tier of ``column``; every column of the schema declares one."""
    try:
        return Tier(column.info["tier"])
    except KeyError:
        raise LookupError(f"la colonne {column.table.name}.{column.name} ne déclare pas de niveau") from None


def columns_of_tier(table: Table, *tiers: Tier) -> list[str]:
    """Names of the columns of ``table`` whose tier is among ``tiers``."""
    wanted = set(tiers)
    return [c.name for c in table.columns if tier_of(c) in wanted]


def audience_tiers(audience: Tier) -> frozenset[Tier]:
    """The tiers a report may emit: internal reports (audience C) emit C and O, observatory files (O) only O.

    Keys (K) and local columns (L) are never emitted, whatever the audience.
    """
    if audience is Tier.CONFIDENTIAL:
        return frozenset({Tier.CONFIDENTIAL, Tier.OBSERVATORY})
    if audience is Tier.OBSERVATORY:
        return frozenset({Tier.OBSERVATORY})
    raise ValueError(f"public inconnu : {audience!r} (C pour les rapports internes, O pour l'Observatoire)")


def exportable_columns(table: Table, audience: Tier) -> list[str]:
    """Columns an exporter may emit for ``audience`` (see :func:`audience_tiers`); keys are never among them."""
    return columns_of_tier(table, *audience_tiers(audience))


def assert_not_local(table: Table, columns: list[str]) -> None:
    """Raise if any of ``columns`` is tier L: exporters call this before reading."""
    local = [name for name in columns if tier_of(table.columns[name]) is Tier.LOCAL]
    if local:
        raise PermissionError(f"colonnes locales (niveau L) interdites à l'export : {', '.join(local)}")


# --------------------------------------------------------------------------- drafts (migration 0007)


class Draft(Base):
    """A form being filled, saved a moment after each change so that a crash loses nothing (one per user and kind).

    ``payload`` is the form's content as JSON text (tier L: it may hold anything typed, notes included;
    it stays in the database, which later encryption covers, and is never exported).  ``target_id`` is the
    record being edited, ``NULL`` for a new one.  A draft is deleted once the form is saved or cancelled.
    """

    __tablename__ = "draft"
    id: Mapped[uuid.UUID] = tiered(K, UuidKey, primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID | None] = tiered(K, ForeignKey("mediator.id", ondelete="CASCADE"))
    kind: Mapped[str] = tiered(L, String(32))
    target_id: Mapped[uuid.UUID | None] = tiered(K, UuidKey)
    payload: Mapped[str] = tiered(L, Text)
    updated_at: Mapped[dt.datetime] = tiered(L, DateTime, default=utcnow)
    __table_args__ = (Index("ix_draft_user_id_kind", "user_id", "kind"),)
