"""Import of interchange files (domain brief §9): the use case.

Import is all-or-nothing: every line is parsed and checked before anything is written, every error
is reported with its line, field and the allowed codes, and a file with an error writes nothing
unless ``skip_invalid`` is set.  Re-importing a line with the same ``id`` is a no-op when its content
is unchanged and an update otherwise.

Keys beyond v1 (``consent``, ``follow_up_of``, ``presence_id``) and local-only keys (``notes``,
``site``) keep the stored value when a line leaves them out; v1 keys left out mean « non renseigné ».
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from medios.db import Database
from medios.db.bulk import bulk_insert, bulk_insert_dicts
from medios.db.models import (
    AuditLog,
    Dispositif,
    Intervention,
    InterventionMediator,
    InterventionMotif,
    InterventionPartner,
    InterventionPublic,
    Mediator,
    PresenceActive,
    Site,
    Territory,
    utcnow,
)
from medios.i18n import translate
from medios.referentiel import Referentiel, load_registry
from medios.services import audit
from medios.services.derive import day_type, month_key, time_band
from medios.services.interchange.format import (
    NAME_MAX,
    ErrorSink,
    FileStats,
    LineError,
    LineParser,
    ParsedLine,
    code_errors,
    read_lines,
)
from medios.services.interchange.report import ErrorLog, ImportFailed, ImportReport, Tally
from medios.services.rules import (
    HORS_QPV,
    InterventionFields,
    notes_warnings,
)
from medios.services.structure import PSEUDONYM_RE, StructureContext, add_mediator, structure_context


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector during a bulk load.

    An import allocates hundreds of thousands of small acyclic objects; each generation-2 pass walks
    all of them, which made parsing three times slower (benchmarks/import_bench.py).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_CHUNK = 500


# --------------------------------------------------------------------------- resolving against the database


@dataclass
class _Directory:
    """Lookups against the database, plus what the import will create."""

    mediators_by_pseudo: dict[str, uuid.UUID]
    mediators_by_name: dict[str, uuid.UUID]
    dispositifs: dict[str, uuid.UUID]
    sites: dict[str, uuid.UUID]
    territories: set[tuple[str, str]]  # every code the list holds, deleted ones too (never re-added)
    deleted_pseudonyms: frozenset[str]
    new_mediators: dict[str, uuid.UUID] = field(default_factory=dict)
    new_mediator_names: dict[str, str] = field(default_factory=dict)
    new_sites: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> _Directory:
        by_pseudo: dict[str, uuid.UUID] = {}
        by_name: dict[str, uuid.UUID] = {}
        deleted: set[str] = set()
        for m_id, pseudo, name, deleted_at in session.execute(
            select(Mediator.id, Mediator.pseudonym, Mediator.display_name, Mediator.deleted_at)
        ):
            if deleted_at is not None:
                deleted.add(pseudo.upper())  # pseudonyms are never reused
                continue
            by_pseudo[pseudo.upper()] = m_id
            by_name.setdefault(name.casefold(), m_id)
        dispositifs = {
            name: d_id
            for d_id, name in session.execute(
                select(Dispositif.id, Dispositif.name).where(Dispositif.deleted_at.is_(None))
            )
        }
        sites = {
            name: s_id for s_id, name in session.execute(select(Site.id, Site.name).where(Site.deleted_at.is_(None)))
        }
        territories = {(level, code) for level, code in session.execute(select(Territory.level, Territory.code))}
        return cls(by_pseudo, by_name, dispositifs, sites, territories, frozenset(deleted))

    def mediator(self, name: str) -> uuid.UUID:
        """Match on pseudonym (any case), then on name (any case); else a mediator to create."""
        found = self.mediators_by_pseudo.get(name.upper()) or self.mediators_by_name.get(name.casefold())
        if found is None:
            key = name.upper() if PSEUDONYM_RE.match(name.upper()) else name.casefold()
            if key not in self.new_mediators:
                self.new_mediators[key] = uuid.uuid4()
                self.new_mediator_names[key] = name.upper() if key == name.upper() else name
            found = self.new_mediators[key]
        return found


def _resolve(line: ParsedLine, directory: _Directory, errors: ErrorSink) -> bool:
    ok = True
    for name, values in (("mediators", line.mediators), ("site", [line.site or ""])):
        if any(len(v) > NAME_MAX for v in values):
            errors.append(
                LineError(line.number, name, translate("Import", "{max} caractères au plus.").format(max=NAME_MAX))
            )
            ok = False
    if not ok:
        return False
    for name in line.mediators:
        if name.upper() in directory.deleted_pseudonyms:
            errors.append(
                LineError(
                    line.number,
                    "mediators",
                    translate("Import", "le médiateur {name} a été supprimé de cette base.").format(name=name.upper()),
                )
            )
            ok = False
    if not ok:
        return False
    if len(set(line.mediators)) != len(line.mediators):
        errors.append(
            LineError(line.number, "mediators", translate("Import", "un même médiateur est indiqué deux fois."))
        )
        ok = False
    line.mediator_ids = tuple(directory.mediator(name) for name in line.mediators)
    if len(set(line.mediator_ids)) != len(line.mediator_ids) and ok:
        errors.append(
            LineError(line.number, "mediators", translate("Import", "deux noms désignent le même médiateur."))
        )
        ok = False
    if line.dispositif is not None:
        found = directory.dispositifs.get(line.dispositif)
        if found is None:
            known = ", ".join(sorted(directory.dispositifs)) or translate("Import", "aucun")
            errors.append(
                LineError(
                    line.number,
                    "dispositif",
                    translate("Import", "dispositif « {name} » inconnu. Dispositifs enregistrés : {known}.").format(
                        name=line.dispositif, known=known
                    ),
                )
            )
            ok = False
        line.dispositif_id = found
    if line.site is not None:
        site_id = directory.sites.get(line.site)
        if site_id is None:
            pending = directory.new_sites.get(line.site)
            if pending is None:
                pending = {
                    "id": uuid.uuid4(),
                    "name": line.site,
                    "place": line.fields.place,
                    "commune": line.fields.commune,
                    "qpv": line.fields.qpv if line.fields.qpv != HORS_QPV else None,
                }
                directory.new_sites[line.site] = pending
            site_id = pending["id"]
        line.site_id = site_id
    return ok


# --------------------------------------------------------------------------- rows


def _row(
    line: ParsedLine, record_id: uuid.UUID, ctx: StructureContext, ref: Referentiel, device: str, now: dt.datetime
) -> dict[str, Any]:
    f = line.fields
    return {
        "id": record_id,
        "created_at": now,
        "updated_at": now,
        "created_by": None,
        "device_id": device,
        "deleted_at": None,
        "vocab_version": ref.version,
        "dispositif_id": line.dispositif_id,
        "date": f.date,
        "month": month_key(f.date),
        "start_time": f.start_time,
        "time_band": time_band(f.start_time),
        "day_type": day_type(f.date, ctx.holiday_calendar),
        "duration_min": f.duration_min,
        "commune": f.commune,
        "qpv": f.qpv,
        "site_id": line.site_id,
        "place": f.place,
        "registre": f.registre,
        "sub_registre": f.sub_registre,
        "domain": f.domain,
        "origin": f.origin,
        "modality": f.modality,
        "tension": f.tension,
        "outcome": f.outcome,
        "follow_up_of": line.follow_up_of,
        "presence_id": line.presence_id,
        "consent": f.consent,
        "notes": f.notes if ctx.notes_enabled else None,
    }


_INTERVENTION_T = cast(Table, Intervention.__table__)
_MEDIATORS_T = cast(Table, InterventionMediator.__table__)
_MOTIFS_T = cast(Table, InterventionMotif.__table__)
_PUBLICS_T = cast(Table, InterventionPublic.__table__)
_PARTNERS_T = cast(Table, InterventionPartner.__table__)
_CHILD_TABLES = (_MEDIATORS_T, _MOTIFS_T, _PUBLICS_T, _PARTNERS_T)


_CHILD_COLUMNS: dict[Table, tuple[str, ...]] = {
    _MEDIATORS_T: ("intervention_id", "mediator_id"),
    _MOTIFS_T: ("intervention_id", "motif"),
    _PUBLICS_T: ("intervention_id", "public_type", "age_band", "sex", "count"),
    _PARTNERS_T: ("intervention_id", "partner_type", "role", "partner_id"),
}


def _add_children(
    target: dict[Table, list[tuple[Any, ...]]],
    record_id: uuid.UUID,
    f: InterventionFields,
    mediator_ids: Iterable[uuid.UUID],
) -> None:
    """Append the child rows of one intervention, as tuples in ``_CHILD_COLUMNS`` order."""
    target[_MEDIATORS_T].extend((record_id, m) for m in mediator_ids)
    target[_MOTIFS_T].extend((record_id, m) for m in f.motifs)
    target[_PUBLICS_T].extend((record_id, p.public_type, p.age_band, p.sex, p.count) for p in f.publics)
    target[_PARTNERS_T].extend((record_id, p.partner_type, p.role, None) for p in f.partners)


_COMPARED = (
    "dispositif_id",
    "date",
    "start_time",
    "duration_min",
    "commune",
    "qpv",
    "place",
    "registre",
    "sub_registre",
    "domain",
    "origin",
    "modality",
    "tension",
    "outcome",
)


def _stored_state(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    """Current content of existing interventions, in the shape :func:`_line_state` produces."""
    states: dict[uuid.UUID, dict[str, Any]] = {}
    columns = [getattr(Intervention, c) for c in (*_COMPARED, *_KEPT_COLUMNS.values())]
    for chunk in _chunks(ids):
        for row in session.execute(
            select(Intervention.id, Intervention.deleted_at, *columns).where(Intervention.id.in_(chunk))
        ):
            mapping = row._mapping
            state = {c: mapping[c] for c in (*_COMPARED, *_KEPT_COLUMNS.values())}
            state["deleted"] = mapping["deleted_at"] is not None
            state["mediators"] = set()
            state["motifs"] = set()
            state["publics"] = set()
            state["partners"] = set()
            states[mapping["id"]] = state
        for i_id, m_id in session.execute(
            select(InterventionMediator.intervention_id, InterventionMediator.mediator_id).where(
                InterventionMediator.intervention_id.in_(chunk)
            )
        ):
            states[i_id]["mediators"].add(m_id)
        for i_id, motif in session.execute(
            select(InterventionMotif.intervention_id, InterventionMotif.motif).where(
                InterventionMotif.intervention_id.in_(chunk)
            )
        ):
            states[i_id]["motifs"].add(motif)
        for i_id, p_type, age, sex, count in session.execute(
            select(
                InterventionPublic.intervention_id,
                InterventionPublic.public_type,
                InterventionPublic.age_band,
                InterventionPublic.sex,
                InterventionPublic.count,
            ).where(InterventionPublic.intervention_id.in_(chunk))
        ):
            states[i_id]["publics"].add((p_type, age, sex, count))
        for i_id, p_type, role in session.execute(
            select(
                InterventionPartner.intervention_id, InterventionPartner.partner_type, InterventionPartner.role
            ).where(InterventionPartner.intervention_id.in_(chunk))
        ):
            states[i_id]["partners"].add((p_type, role))
    return states


# interchange key -> column, for the keys that keep the stored value when absent
_KEPT_COLUMNS = {
    "site": "site_id",
    "notes": "notes",
    "consent": "consent",
    "follow_up_of": "follow_up_of",
    "presence_id": "presence_id",
}


def _line_state(row: dict[str, Any], line: ParsedLine) -> dict[str, Any]:
    f = line.fields
    state = {c: row[c] for c in _COMPARED}
    state.update(
        mediators=set(line.mediator_ids),
        motifs=set(f.motifs),
        publics={(p.public_type, p.age_band, p.sex, p.count) for p in f.publics},
        partners={(p.partner_type, p.role) for p in f.partners},
    )
    for key, column in _KEPT_COLUMNS.items():
        if key in line.present:
            state[column] = row[column]
    return state


def _same(stored: dict[str, Any], incoming: dict[str, Any]) -> bool:
    return all(stored.get(k) == v for k, v in incoming.items())


def _chunks(items: Sequence[uuid.UUID], size: int = _CHUNK) -> Iterator[Sequence[uuid.UUID]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _existing_ids(
    session: Session,
    model: type[Intervention] | type[PresenceActive],
    ids: Sequence[uuid.UUID],
    *,
    live_only: bool = False,
) -> set[uuid.UUID]:
    found: set[uuid.UUID] = set()
    for chunk in _chunks(ids):
        query = select(model.id).where(model.id.in_(chunk))
        if live_only:
            query = query.where(model.deleted_at.is_(None))
        found.update(session.scalars(query))
    return found


# --------------------------------------------------------------------------- import


def import_jsonl(db: Database, path: Path, *, skip_invalid: bool = False, today: dt.date | None = None) -> ImportReport:
    """Import interventions from ``path``; see the module docstring for the rules."""
    with _gc_paused():
        return _import_jsonl(db, path, skip_invalid=skip_invalid, today=today)


def _import_jsonl(db: Database, path: Path, *, skip_invalid: bool, today: dt.date | None) -> ImportReport:
    ref = load_registry().active
    today = today or dt.date.today()
    report = Tally()
    with db.session() as session:
        ctx = structure_context(session)  # no structure: refused before reading the file
    errors = ErrorLog()  # bounded: counts every error, keeps the first, groups identical ones
    lines: list[ParsedLine] = []
    seen_ids: dict[uuid.UUID, int] = {}
    stats = FileStats()
    for number, raw in read_lines(path, errors, stats):
        line_errors: list[LineError] = []
        parsed = LineParser(number, raw, line_errors).parse()
        if parsed is not None:
            _handle_notes(parsed, ctx, report)
            line_errors.extend(code_errors(parsed, ref, today))
            if parsed.id is not None:
                if parsed.id in seen_ids:
                    line_errors.append(
                        LineError(
                            number,
                            "id",
                            translate("Import", "identifiant déjà présent à la ligne {other}.").format(
                                other=seen_ids[parsed.id]
                            ),
                        )
                    )
                else:
                    seen_ids[parsed.id] = number
        if line_errors:
            errors.extend(line_errors)
        elif parsed is not None:
            lines.append(parsed)
    report.lines = stats.lines

    with db.transaction() as session:
        device = audit.session_device_id(session)
        directory = _Directory.load(session)
        resolved = [line for line in lines if _resolve(line, directory, errors)]
        known_ids = _existing_ids(session, Intervention, [line.id for line in resolved if line.id is not None])
        links = _links(session, resolved)
        presence_targets = [line.presence_id for line in resolved if line.presence_id is not None]
        known_presence = _existing_ids(session, PresenceActive, presence_targets, live_only=True)
        for line in resolved:
            if line.presence_id is not None and line.presence_id not in known_presence:
                # Presence blocks are not part of format v1: the link is dropped, a stored one kept.
                report.presence_links_dropped += 1
                line.presence_id = None
                line.present = line.present - {"presence_id"}
        valid = _check_follow_ups([line for line in resolved if not errors.on_line(line.number)], links, errors, report)
        report.invalid_lines = errors.line_count
        report.errors = errors
        if errors and not skip_invalid:
            session.rollback()
            raise ImportFailed(errors)
        _write(session, valid, known_ids, directory, ctx, ref, device, report)
        audit.log_change(
            session,
            action="IMPORT",
            table="intervention",
            record_id=None,
            changes={
                "file_sha256": stats.digest.hexdigest(),
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "invalid_lines": report.invalid_lines,
            },
            actor_id=None,
            device_id=device,
        )
    return ImportReport.of(report)


def _handle_notes(line: ParsedLine, ctx: StructureContext, report: Tally) -> None:
    """Notes disabled: drop them (the stored value is kept) with a warning; enabled: flag personal data."""
    notes = line.fields.notes
    if "notes" not in line.present:
        return
    if not ctx.notes_enabled:
        if notes:
            report.notes_dropped += 1
        line.fields = dataclasses.replace(line.fields, notes=None)
        line.present = line.present - {"notes"}
    elif notes:
        for warning in notes_warnings(notes):
            report.warnings.append(LineError(line.number, "notes", warning))


@dataclass(frozen=True, slots=True)
class _Links:
    """What the base says about the interventions a file's follow-ups involve."""

    live: dict[uuid.UUID, uuid.UUID | None]  # live intervention -> its own follow_up_of
    deleted: frozenset[uuid.UUID]
    followed: frozenset[uuid.UUID]  # live interventions that live interventions follow


def _links(session: Session, lines: Sequence[ParsedLine]) -> _Links:
    ids = {line.id for line in lines if line.id is not None}
    wanted = list(ids | {line.follow_up_of for line in lines if line.follow_up_of is not None})
    live: dict[uuid.UUID, uuid.UUID | None] = {}
    deleted: set[uuid.UUID] = set()
    followed: set[uuid.UUID] = set()
    for chunk in _chunks(wanted):
        query = select(Intervention.id, Intervention.follow_up_of, Intervention.deleted_at).where(
            Intervention.id.in_(chunk)
        )
        for i_id, follow_up_of, deleted_at in session.execute(query):
            if deleted_at is None:
                live[i_id] = follow_up_of
            else:
                deleted.add(i_id)
        followers = select(Intervention.follow_up_of).where(
            Intervention.follow_up_of.in_(chunk), Intervention.deleted_at.is_(None)
        )
        followed.update(f for f in session.scalars(followers) if f is not None)
    return _Links(live, frozenset(deleted), frozenset(followed))


def _link_of(identifier: uuid.UUID, by_id: dict[uuid.UUID, ParsedLine], links: _Links) -> uuid.UUID | None:
    """The follow_up_of an intervention will have after the import (file line, else the base)."""
    line = by_id.get(identifier)
    if line is not None and "follow_up_of" in line.present:
        return line.follow_up_of
    return links.live.get(identifier)


def _check_follow_ups(lines: list[ParsedLine], links: _Links, errors: ErrorSink, report: Tally) -> list[ParsedLine]:
    """Keep the lines whose ``follow_up_of`` names the first intervention of a situation (domain brief §3).

    The target is a line kept in the file or a live intervention of the base, and is not itself a
    follow-up; an intervention that others of the base follow cannot become a follow-up.  A target deleted in this base
    drops the link with a warning.  Refusing a line can orphan the lines that follow it, hence the loop
    (at most a few rounds: situations are one level deep).
    """
    for line in lines:
        if line.follow_up_of is not None and line.follow_up_of in links.deleted:
            report.follow_links_dropped += 1
            line.follow_up_of = None
            line.present = line.present - {"follow_up_of"}
    kept = lines
    while True:
        by_id = {line.id: line for line in kept if line.id is not None}

        refused: set[int] = set()
        for line in kept:
            target = line.follow_up_of
            if target is None:
                continue
            if target == line.id:
                message = translate("Import", "une intervention ne peut pas être la suite d'elle-même.")
            elif target not in by_id and target not in links.live:
                message = translate("Import", "intervention d'origine introuvable.")
            elif _link_of(target, by_id, links) is not None:
                message = translate(
                    "Import", "l'intervention d'origine est elle-même une suite : indiquez la première de la situation."
                )
            elif line.id in links.followed:  # in-file chains are blamed on the line that chains
                message = translate(
                    "Import", "d'autres interventions suivent celle-ci : elle reste la première de sa situation."
                )
            else:
                continue
            errors.append(LineError(line.number, "follow_up_of", message))
            refused.add(line.number)
        if not refused:
            return kept
        kept = [line for line in kept if line.number not in refused]


def _depths(lines: Sequence[ParsedLine]) -> dict[uuid.UUID, int]:
    """1 for a follow-up of another line of the file (inserted after it: foreign key), else 0."""
    ids = {line.id for line in lines}
    return {line.id: int(line.follow_up_of in ids) for line in lines if line.id is not None}


def _write(
    session: Session,
    lines: list[ParsedLine],
    known_ids: set[uuid.UUID],
    directory: _Directory,
    ctx: StructureContext,
    ref: Referentiel,
    device: str,
    report: Tally,
) -> None:
    # Give every line its id, then work in (depth, id) order: follow-ups after what they follow, and
    # SQLite's B-trees growing at their end, which makes the inserts about twice as fast.
    for line in lines:
        if line.id is None:
            line.id = uuid.uuid4()
    depths = _depths(lines)
    lines = sorted(lines, key=lambda line: (depths[line.id], line.id.int) if line.id is not None else (0, 0))
    existing = [line for line in lines if line.id is not None and line.id in known_ids]
    stored = _stored_state(session, [line.id for line in existing if line.id is not None])
    now = utcnow()
    created_rows: list[dict[str, Any]] = []
    created_children: dict[Table, list[tuple[Any, ...]]] = {t: [] for t in _CHILD_TABLES}
    updated_rows: list[dict[str, Any]] = []
    updated_children: dict[Table, list[tuple[Any, ...]]] = {t: [] for t in _CHILD_TABLES}
    audit_rows: list[dict[str, Any]] = []
    written: list[ParsedLine] = []
    for line in lines:
        record_id = line.id or uuid.uuid4()  # always set above; keeps the type checker informed
        row = _row(line, record_id, ctx, ref, device, now)
        if line.id is not None and line.id in known_ids:
            current = stored[line.id]
            if current["deleted"]:
                report.skipped_deleted += 1
                continue
            for key, column in _KEPT_COLUMNS.items():
                if key not in line.present:
                    row[column] = current[column]
            incoming = _line_state(row, line)
            if _same(current, incoming):
                report.unchanged += 1
                continue
            updated_rows.append(row)
            audit_rows.append(_update_audit(record_id, current, incoming, device, now))
            target = updated_children
            report.updated += 1
        else:
            created_rows.append(row)
            target = created_children
            report.created += 1
        written.append(line)
        _add_children(target, record_id, line.fields, line.mediator_ids)

    _write_references(session, written, directory, ref, device, now, report)
    if created_rows:
        bulk_insert_dicts(session, _INTERVENTION_T, created_rows)
        for table, rows in created_children.items():
            bulk_insert(session, table, _CHILD_COLUMNS[table], rows)
    if updated_rows:
        ids = [r["id"] for r in updated_rows]
        for table in _CHILD_TABLES:
            for chunk in _chunks(ids):
                session.execute(delete(table).where(table.c.intervention_id.in_(chunk)))
        columns = [c for c in updated_rows[0] if c not in ("id", "created_at", "created_by")]
        stmt = (
            update(_INTERVENTION_T)
            .where(_INTERVENTION_T.c.id == bindparam("_id"))
            .values({c: bindparam(c) for c in columns})
        )
        session.execute(stmt, [{**{c: r[c] for c in columns}, "_id": r["id"]} for r in updated_rows])
        for table, rows in updated_children.items():
            bulk_insert(session, table, _CHILD_COLUMNS[table], rows)
        session.execute(insert(AuditLog), audit_rows)


# Compared state keys that are tier L (never written to the audit log).
_LOCAL_STATE_KEYS = frozenset({"start_time", "site_id", "notes", "deleted"})


def _update_audit(
    record_id: uuid.UUID, before: dict[str, Any], after: dict[str, Any], device: str, now: dt.datetime
) -> dict[str, Any]:
    """An audit row for an import update: old -> new of the C and O fields that changed."""

    def plain(value: Any) -> Any:
        if isinstance(value, set):
            return sorted(
                str(v) if isinstance(v, uuid.UUID) else "/".join(map(str, v)) if isinstance(v, tuple) else v
                for v in value
            )
        return audit.plain(value)

    changes = {
        key: [plain(before.get(key)), plain(value)]
        for key, value in sorted(after.items())
        if key not in _LOCAL_STATE_KEYS and before.get(key) != value
    }
    return {
        "at": now,
        "actor_id": None,
        "device_id": device,
        "action": "UPDATE",
        "table_name": "intervention",
        "record_id": record_id,
        "changes": json.dumps(changes, ensure_ascii=False, sort_keys=True),
    }


def _write_references(
    session: Session,
    written: Sequence[ParsedLine],
    directory: _Directory,
    ref: Referentiel,
    device: str,
    now: dt.datetime,
    report: Tally,
) -> None:
    """Create the mediators, sites and territories that the written lines use and the base lacks."""
    used_mediators = {m for line in written for m in line.mediator_ids}
    # Names shaped like a pseudonym (MED-07) keep it; other names get the next free MED-NN.
    pending = sorted(
        ((key, m_id) for key, m_id in directory.new_mediators.items() if m_id in used_mediators),
        key=lambda item: PSEUDONYM_RE.match(item[0]) is None,
    )
    for key, m_id in pending:
        name = directory.new_mediator_names[key]
        pseudonym = name if PSEUDONYM_RE.match(name) else None
        mediator = add_mediator(session, name, device=device, mediator_id=m_id, pseudonym=pseudonym)
        report.new_mediators.append(mediator.pseudonym)  # never the name: tier L
    used_sites = {line.site_id for line in written}
    new_sites = [s for s in directory.new_sites.values() if s["id"] in used_sites]
    if new_sites:
        session.execute(
            insert(Site),
            [
                {**s, "created_at": now, "updated_at": now, "device_id": device, "vocab_version": ref.version}
                for s in new_sites
            ],
        )
        report.new_sites = len(new_sites)
    territories: dict[tuple[str, str], None] = {}
    for line in written:
        territories[("COMMUNE", line.fields.commune)] = None
        if line.fields.qpv and line.fields.qpv != HORS_QPV:
            territories[("QPV", line.fields.qpv)] = None
    new_territories = [key for key in territories if key not in directory.territories]
    if new_territories:
        session.execute(
            insert(Territory),
            [
                {
                    "id": uuid.uuid4(),
                    "code": code,
                    "level": level,
                    "label": code,
                    "vintage": "IMPORT",
                    "created_at": now,
                    "updated_at": now,
                    "device_id": device,
                    "vocab_version": ref.version,
                }
                for level, code in new_territories
            ],
        )
        report.new_territories = sorted(code for _level, code in new_territories)
