"""Intervention rows: the one place that turns checked fields into the rows of ``intervention`` and
its child tables, derived fields included, reads them back, and describes them for the audit log.

Three writers use it: the entry service (one intervention at a time), the JSONL import and the
demonstration generator (in bulk).  They differ only in how many rows they send at once; the rows
themselves, the derived ``month``, ``time_band`` and ``day_type`` (and the derived figures of the
data-quality measures: the delay of entry, the flags of the children), and the audit format come from here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from sqlalchemy import Connection, Table, bindparam, delete, select, update
from sqlalchemy.orm import Session

from medios.db.bulk import SortedInsert, bulk_insert, bulk_insert_dicts
from medios.db.models import (
    QUALITY_FLAGS,
    Intervention,
    InterventionMediator,
    InterventionMotif,
    InterventionPartner,
    InterventionPublic,
    Tier,
    tier_of,
)
from medios.services import audit
from medios.services.derive import RELAY_ROLES, VSOC_MOTIFS, day_type, entry_days, month_key, time_band
from medios.services.rules import InterventionFields, PartnerLink, PublicCount

INTERVENTION = cast(Table, Intervention.__table__)
MEDIATORS = cast(Table, InterventionMediator.__table__)
MOTIFS = cast(Table, InterventionMotif.__table__)
PUBLICS = cast(Table, InterventionPublic.__table__)
PARTNERS = cast(Table, InterventionPartner.__table__)
CHILD_TABLES = (MEDIATORS, MOTIFS, PUBLICS, PARTNERS)
F = TypeVar("F", bound=InterventionFields)
CHILD_COLUMNS: dict[Table, tuple[str, ...]] = {
    MEDIATORS: ("intervention_id", "mediator_id"),
    MOTIFS: ("intervention_id", "motif"),
    PUBLICS: ("intervention_id", "public_type", "age_band", "sex", "count"),
    PARTNERS: ("intervention_id", "partner_type", "role", "partner_id"),
}
# Child tables that also carry their parent's month and dispositif (monthly aggregates read them without
# a join, see medios.services.aggregates): filled from the parent rows when the children are written.
AGGREGATED_CHILDREN = (MOTIFS, PUBLICS, PARTNERS)
PARENT_COPIES = ("month", "dispositif_id")
# What each child table copies of its parent: the aggregated ones the month and dispositif, the mediators
# the date and start time (the journal reads a mediator's rows in its order, migration 0006) and what
# the per-mediator figures sum (migration 0010).
COPIES_OF: dict[Table, tuple[str, ...]] = {
    MEDIATORS: ("date", "start_time", *PARENT_COPIES, "duration_min", "mediator_count"),
    **dict.fromkeys(AGGREGATED_CHILDREN, PARENT_COPIES),
}
# Flags a child table derives from its parent: flag column -> the parent column that sets it when not null.
FLAGS_OF: dict[Table, tuple[tuple[str, str], ...]] = {
    MEDIATORS: (("follow_up", "follow_up_of"), ("in_block", "presence_id")),
}
# Sync columns: how a row travels, not what it says (never compared, never in the audit state).
SYNC_COLUMNS = frozenset({"id", "created_at", "updated_at", "created_by", "device_id", "deleted_at", "vocab_version"})
# Columns the figures derive from the children or the version (migrations 0004, 0011): never audited, the
# audit already lists the children, and the entry's delay follows from the date and ``created_at``.
DERIVED_FOR_FIGURES = ("mediator_count", "entry_days", *QUALITY_FLAGS)
# What the audit log records of an intervention: every column but the sync ones, tier L, and those of
# :data:`DERIVED_FOR_FIGURES`.
AUDITED_COLUMNS = tuple(
    c.name
    for c in INTERVENTION.columns
    if c.name not in SYNC_COLUMNS and c.name not in DERIVED_FOR_FIGURES and tier_of(c) is not Tier.LOCAL
)
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class Links:
    """The references of an intervention to other rows."""

    mediator_ids: tuple[uuid.UUID, ...]
    dispositif_id: uuid.UUID | None = None
    site_id: uuid.UUID | None = None
    follow_up_of: uuid.UUID | None = None
    presence_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class Version:
    """Who wrote a row, where and when (the sync columns)."""

    created_at: dt.datetime
    updated_at: dt.datetime
    device_id: str
    created_by: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class Children:
    """The child rows of one intervention, as comparable sets."""

    mediators: frozenset[uuid.UUID]
    motifs: frozenset[str]
    publics: frozenset[tuple[str, str, str, int]]
    partners: frozenset[tuple[str, str, uuid.UUID | None]]  # type, role, directory partner

    @classmethod
    def of(cls, fields: InterventionFields, mediator_ids: Iterable[uuid.UUID]) -> Children:
        return cls(
            frozenset(mediator_ids),
            frozenset(fields.motifs),
            frozenset((p.public_type, p.age_band, p.sex, p.count) for p in fields.publics),
            frozenset((p.partner_type, p.role, p.partner_id) for p in fields.partners),
        )


def derived(day: dt.date, start: dt.time, calendar: str) -> tuple[int, str, str]:
    """``month``, ``time_band`` and ``day_type`` of an intervention starting at ``day`` ``start``."""
    return month_key(day), time_band(start), day_type(day, calendar)


def intervention_row(
    record_id: uuid.UUID,
    fields: InterventionFields,
    links: Links,
    version: Version,
    *,
    calendar: str,
    vocab_version: str,
) -> dict[str, Any]:
    """The ``intervention`` row of checked ``fields``: every column, derived fields computed here."""
    month, band, kind = derived(fields.date, fields.start_time, calendar)
    return {
        "id": record_id,
        "created_at": version.created_at,
        "updated_at": version.updated_at,
        "created_by": version.created_by,
        "device_id": version.device_id,
        "deleted_at": None,
        "vocab_version": vocab_version,
        "dispositif_id": links.dispositif_id,
        "date": fields.date,
        "month": month,
        "start_time": fields.start_time,
        "time_band": band,
        "day_type": kind,
        "duration_min": fields.duration_min,
        "commune": fields.commune,
        "qpv": fields.qpv,
        "site_id": links.site_id,
        "place": fields.place,
        "registre": fields.registre,
        "sub_registre": fields.sub_registre,
        "domain": fields.domain,
        "origin": fields.origin,
        "modality": fields.modality,
        "tension": fields.tension,
        "outcome": fields.outcome,
        "follow_up_of": links.follow_up_of,
        "presence_id": links.presence_id,
        "consent": fields.consent,
        "notes": fields.notes or None,
        "mediator_count": len(set(links.mediator_ids)),
        "entry_days": entry_days(fields.date, version.created_at),
        "with_public": bool(fields.publics),
        "oriented": any(p.role == "ORIENTE" for p in fields.partners),
        "relayed": any(p.role in RELAY_ROLES for p in fields.partners),
        "vsoc_motif": any(m in VSOC_MOTIFS for m in fields.motifs),
    }


@dataclass(slots=True)
class ChildRows:
    """Child rows of many interventions, as tuples in :data:`CHILD_COLUMNS` order, ready for bulk inserts."""

    rows: dict[Table, list[tuple[Any, ...]]] = field(default_factory=lambda: {t: [] for t in CHILD_TABLES})

    def add(
        self,
        record_id: uuid.UUID,
        fields: InterventionFields,
        mediator_ids: Iterable[uuid.UUID],
        partner_ids: Mapping[tuple[str, str], uuid.UUID | None] | None = None,
    ) -> None:
        """Append the children of one intervention; a partner row keeps its own ``partner_id``, else the one
        ``partner_ids`` gives for its (type, role) (the demonstration links its rows to the directory so)."""
        rows = self.rows
        rows[MEDIATORS].extend((record_id, m) for m in mediator_ids)
        rows[MOTIFS].extend((record_id, m) for m in fields.motifs)
        rows[PUBLICS].extend((record_id, p.public_type, p.age_band, p.sex, p.count) for p in fields.publics)
        ids = partner_ids or {}
        rows[PARTNERS].extend(
            (record_id, p.partner_type, p.role, p.partner_id or ids.get((p.partner_type, p.role)))
            for p in fields.partners
        )


def chunks(items: Sequence[uuid.UUID], size: int = _CHUNK) -> Iterator[Sequence[uuid.UUID]]:
    """``items`` in slices small enough for one ``IN (…)`` (every dialect's parameter limit)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_interventions(target: Session | Connection, rows: Sequence[dict[str, Any]], children: ChildRows) -> None:
    """Insert new interventions and their children (bulk, in the caller's transaction)."""
    bulk_insert_dicts(target, INTERVENTION, rows)
    _insert_children(target, rows, children)


def _child_batches(
    rows: Sequence[dict[str, Any]], children: ChildRows
) -> Iterator[tuple[Table, tuple[str, ...], Sequence[tuple[Any, ...]]]]:
    """The children of ``rows`` per table, with the parent's columns each table copies (:data:`COPIES_OF`;
    and the flags it derives, :data:`FLAGS_OF`; a child whose parent is not in ``rows`` is a KeyError:
    parents and children travel together)."""
    for table, child_rows in children.rows.items():
        names = COPIES_OF[table]
        flags = FLAGS_OF.get(table, ())
        copies = {
            row["id"]: (*(row[name] for name in names), *(row[source] is not None for _flag, source in flags))
            for row in rows
        }
        columns = CHILD_COLUMNS[table] + names + tuple(flag for flag, _source in flags)
        yield table, columns, [(*child, *copies[child[0]]) for child in child_rows]


def _insert_children(target: Session | Connection, rows: Sequence[dict[str, Any]], children: ChildRows) -> None:
    for table, columns, child_rows in _child_batches(rows, children):
        bulk_insert(target, table, columns, child_rows)


def staged_interventions(target: Session | Connection) -> SortedInsert:
    """A :class:`SortedInsert` for new interventions and their children (see :func:`stage_interventions`)."""
    return SortedInsert(target, (INTERVENTION, *CHILD_TABLES), prefix="staged_")


def stage_interventions(stage: SortedInsert, rows: Sequence[dict[str, Any]], children: ChildRows) -> None:
    """:func:`insert_interventions` through ``stage``: the rows reach their tables at ``stage.finish()``."""
    stage.add_dicts(INTERVENTION, rows)
    for table, columns, child_rows in _child_batches(rows, children):
        stage.add(table, columns, child_rows)


def replace_interventions(target: Session | Connection, rows: Sequence[dict[str, Any]], children: ChildRows) -> None:
    """Overwrite existing interventions (all columns but ``id``, ``created_at``, ``created_by``) and
    replace their children."""
    if not rows:
        return
    connection = target.connection() if isinstance(target, Session) else target
    ids = [r["id"] for r in rows]
    for table in CHILD_TABLES:
        for chunk in chunks(ids):
            connection.execute(delete(table).where(table.c.intervention_id.in_(chunk)))
    columns = [c for c in rows[0] if c not in ("id", "created_at", "created_by")]
    stmt = update(INTERVENTION).where(INTERVENTION.c.id == bindparam("_id")).values({c: bindparam(c) for c in columns})
    connection.execute(stmt, [{**{c: r[c] for c in columns}, "_id": r["id"]} for r in rows])
    _insert_children(connection, rows, children)


def link_follow_ups(target: Session | Connection, links: Sequence[Mapping[str, uuid.UUID]]) -> None:
    """Set ``follow_up_of`` to ``_target`` on the intervention ``_id`` of each of ``links`` (a bulk import
    writes a follow-up before what it follows when the file has them in that order)."""
    connection = target.connection() if isinstance(target, Session) else target
    stmt = (
        update(INTERVENTION)
        .where(INTERVENTION.c.id == bindparam("_id"))
        # The row's version is the line's: keep ``updated_at`` from its ``onupdate``.
        .values(follow_up_of=bindparam("_target"), updated_at=INTERVENTION.c.updated_at)
    )
    connection.execute(stmt, list(links))
    # The mediators' copy of the link (FLAGS_OF): a follow-up now.
    flag = update(MEDIATORS).where(MEDIATORS.c.intervention_id == bindparam("_id")).values(follow_up=True)
    connection.execute(flag, [{"_id": link["_id"]} for link in links])


@dataclass(frozen=True, slots=True)
class Stored:
    """An intervention as the base holds it: every column of its row, and its children."""

    row: dict[str, Any]
    children: Children

    @property
    def deleted(self) -> bool:
        return self.row["deleted_at"] is not None


def load_stored(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Stored]:
    """The stored rows and children of the interventions ``ids`` (deleted ones included; unknown ids left out)."""
    rows: dict[uuid.UUID, dict[str, Any]] = {}
    for chunk in chunks(list(ids)):
        for mapping in session.execute(select(INTERVENTION).where(INTERVENTION.c.id.in_(chunk))).mappings():
            rows[mapping["id"]] = dict(mapping)
    kids: dict[uuid.UUID, dict[str, set[Any]]] = {
        record_id: {"mediators": set(), "motifs": set(), "publics": set(), "partners": set()} for record_id in rows
    }
    for chunk in chunks(list(rows)):  # children of the rows found only: an import of new lines reads no more
        for key, table, columns in (
            ("mediators", MEDIATORS, ("mediator_id",)),
            ("motifs", MOTIFS, ("motif",)),
            ("publics", PUBLICS, ("public_type", "age_band", "sex", "count")),
            ("partners", PARTNERS, ("partner_type", "role", "partner_id")),
        ):
            query = select(table.c.intervention_id, *(table.c[c] for c in columns)).where(
                table.c.intervention_id.in_(chunk)
            )
            for record_id, *values in session.execute(query):
                kids[record_id][key].add(values[0] if len(values) == 1 else tuple(values))
    return {
        record_id: Stored(
            row,
            Children(
                frozenset(kids[record_id]["mediators"]),
                frozenset(kids[record_id]["motifs"]),
                frozenset(kids[record_id]["publics"]),
                frozenset(kids[record_id]["partners"]),
            ),
        )
        for record_id, row in rows.items()
    }


def next_stamp(before: Stored | None, now: dt.datetime) -> dt.datetime:
    """The ``updated_at`` of a new version: now, but always after the version it replaces, so that a local
    edit wins over a line that came from a laptop whose clock runs ahead."""
    previous: dt.datetime | None = before.row["updated_at"] if before is not None else None
    if previous is None or previous < now:
        return now
    return previous + dt.timedelta(microseconds=1)


def fields_of(stored: Stored) -> InterventionFields:
    """The fields of a stored intervention (children sorted), for reading it back."""
    row, children = stored.row, stored.children
    return InterventionFields(
        date=row["date"],
        start_time=row["start_time"],
        duration_min=row["duration_min"],
        commune=row["commune"],
        place=row["place"],
        registre=row["registre"],
        domain=row["domain"],
        outcome=row["outcome"],
        qpv=row["qpv"],
        sub_registre=row["sub_registre"],
        origin=row["origin"],
        modality=row["modality"],
        tension=row["tension"],
        consent=row["consent"],
        motifs=tuple(sorted(children.motifs)),
        publics=tuple(PublicCount(*p) for p in sorted(children.publics)),
        partners=tuple(PartnerLink(*p) for p in sorted(children.partners, key=_partner_order)),
        notes=row["notes"],
    )


def _partner_order(partner: tuple[str, str, uuid.UUID | None]) -> tuple[str, str, str]:
    return partner[0], partner[1], str(partner[2] or "")


def with_stored_partner_ids(fields: F, before: Children) -> F:
    """``fields`` whose partner rows without a directory partner take the one ``before`` has for the same
    type and role (an imported line, whose format has no partner id, keeps the links made in this base)."""
    stored = {(t, r): p for t, r, p in before.partners if p is not None}
    if not stored or all(p.partner_id is not None for p in fields.partners):
        return fields
    partners = tuple(
        p if p.partner_id is not None else PartnerLink(p.partner_type, p.role, stored.get((p.partner_type, p.role)))
        for p in fields.partners
    )
    return dataclasses.replace(fields, partners=partners)


def audit_state(row: Mapping[str, Any], children: Children) -> dict[str, Any]:
    """What the audit log records of an intervention: its columns but sync and tier-L ones, as JSON
    values, and its children as sorted lists of text (``TYPE/ÂGE/SEXE=n`` for publics)."""
    state = {name: audit.plain(row[name]) for name in AUDITED_COLUMNS}
    state["mediators"] = sorted(str(m) for m in children.mediators)
    state["motifs"] = sorted(children.motifs)
    state["publics"] = sorted(f"{t}/{a}/{s}={n}" for t, a, s, n in children.publics)
    state["partners"] = sorted(f"{t}/{r}" + (f"/{p}" if p else "") for t, r, p in children.partners)
    return state


def same_content(before: Stored, row: Mapping[str, Any], children: Children) -> bool:
    """Whether ``row`` and ``children`` say what ``before`` says (sync columns aside)."""
    if before.children != children:
        return False
    return all(before.row[name] == value for name, value in row.items() if name not in SYNC_COLUMNS)
