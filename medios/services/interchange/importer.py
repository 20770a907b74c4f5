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
import itertools
import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import BigInteger, Column, Index, LargeBinary, MetaData, Table, insert, select, true
from sqlalchemy.orm import Session

from medios.db import Database, StorageError, maintenance
from medios.db.bulk import SortedInsert, bulk_insert
from medios.db.models import (
    AuditLog,
    Dispositif,
    Intervention,
    Mediator,
    PresenceActive,
    Site,
    Territory,
    utcnow,
)
from medios.i18n import translate
from medios.referentiel import Referentiel, load_registry
from medios.services import amendments, audit, follow_ups
from medios.services import intervention_rows as rows
from medios.services.interchange.format import (
    CodeChecker,
    ErrorSink,
    FileStats,
    LineError,
    MediatorRef,
    ParsedLine,
    read_parsed,
)
from medios.services.interchange.report import ErrorLog, ImportFailed, ImportReport, Tally
from medios.services.rules import HORS_QPV, column_length, notes_warnings
from medios.services.structure import (
    MEDIATOR_NAME_MAX,
    PSEUDONYM_RE,
    SITE_NAME_MAX,
    StructureContext,
    add_mediator,
    allocate_pseudonym,
    structure_context,
)
from medios.services.territories import IMPORT_VINTAGE


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the automatic cyclic garbage collector during a bulk load.

    An import allocates millions of small acyclic objects, and each automatic pass walks those alive;
    the import collects the young generation itself after each chunk (:meth:`_Import.read`), which
    keeps memory bounded for a few milliseconds a chunk.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# How far ahead of this laptop's clock a line's version may be (clocks differ by minutes, not days).
FUTURE_TOLERANCE = dt.timedelta(days=1)
# New mediators one file may create: a structure has a few dozen; more is a wrong file, not a team.
NEW_MEDIATORS_MAX = 500
PSEUDONYM_MAX = column_length(Mediator.pseudonym)


# --------------------------------------------------------------------------- resolving against the database


@dataclass(frozen=True, slots=True)
class _NewMediator:
    pseudonym: str | None  # None: allocated when written
    name: str


@dataclass
class _Directory:
    """Lookups against the database, plus what the import will create.

    Mediators are matched by identifier when the line gives one (format v1 since this version): a
    pseudonym that names another mediator here is a conflict, never a merge.  Lines that give only a
    pseudonym or a name (files written by hand or by an older Médios) are matched on it.
    """

    live_mediators: dict[uuid.UUID, str]  # id -> pseudonym
    deleted_mediators: dict[uuid.UUID, str]
    pseudonyms: dict[str, uuid.UUID]  # every pseudonym of the base, deleted mediators' too (never reused)
    names: dict[str, uuid.UUID]  # live mediators by display name (casefolded)
    dispositifs: dict[str, uuid.UUID]
    sites: dict[str, uuid.UUID]
    territories: set[tuple[str, str]]  # every code the list holds, deleted ones too (never re-added)
    new_mediators: dict[uuid.UUID, _NewMediator] = field(default_factory=dict)
    new_by_name: dict[str, uuid.UUID] = field(default_factory=dict)
    new_sites: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> _Directory:
        live: dict[uuid.UUID, str] = {}
        deleted: dict[uuid.UUID, str] = {}
        pseudonyms: dict[str, uuid.UUID] = {}
        names: dict[str, uuid.UUID] = {}
        for m_id, pseudo, name, deleted_at in session.execute(
            select(Mediator.id, Mediator.pseudonym, Mediator.display_name, Mediator.deleted_at)
        ):
            pseudonyms[pseudo.upper()] = m_id
            if deleted_at is not None:
                deleted[m_id] = pseudo
            else:
                live[m_id] = pseudo
                names.setdefault(name.casefold(), m_id)
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
        return cls(live, deleted, pseudonyms, names, dispositifs, sites, territories)

    def pseudonym_taken(self, pseudonym: str, by: uuid.UUID) -> bool:
        owner = self.pseudonyms.get(pseudonym)
        if owner is not None:
            return owner != by
        return any(new.pseudonym == pseudonym and m_id != by for m_id, new in self.new_mediators.items())

    def mediator(self, ref: MediatorRef, number: int, errors: ErrorSink, warnings: ErrorSink) -> uuid.UUID | None:
        """The mediator ``ref`` names (created by the import if unknown), or ``None`` with an error."""

        def error(message: str) -> None:
            errors.append(LineError(number, "mediators", message))

        limit = PSEUDONYM_MAX if ref.id is not None else MEDIATOR_NAME_MAX
        if len(ref.name) > limit:
            error(translate("Rules", "{n} caractères : {max} au plus.").format(n=len(ref.name), max=limit))
            return None
        if ref.id is not None:
            return self._by_id(ref.id, ref.name, number, error, warnings)
        key = ref.name.upper()
        found = self.pseudonyms.get(key)
        if found is not None and found in self.deleted_mediators:
            error(translate("Import", "le médiateur {name} a été supprimé de cette base.").format(name=key))
            return None
        found = found or self.names.get(ref.name.casefold())
        if found is not None:
            return found
        name_key = key if PSEUDONYM_RE.match(key) else ref.name.casefold()
        if name_key not in self.new_by_name:
            if not self._room(error):
                return None
            m_id = uuid.uuid4()
            pseudonym = key if PSEUDONYM_RE.match(key) and not self.pseudonym_taken(key, m_id) else None
            self.new_by_name[name_key] = m_id
            self.new_mediators[m_id] = _NewMediator(pseudonym, key if pseudonym else ref.name)
        return self.new_by_name[name_key]

    def _room(self, error: Callable[[str], None]) -> bool:
        if len(self.new_mediators) < NEW_MEDIATORS_MAX:
            return True
        error(
            translate(
                "Import", "plus de {max} médiateurs inconnus dans ce fichier : vérifiez qu'il s'agit du bon fichier."
            ).format(max=NEW_MEDIATORS_MAX)
        )
        return False

    def _by_id(
        self,
        m_id: uuid.UUID,
        pseudonym: str,
        number: int,
        error: Callable[[str], None],
        warnings: ErrorSink,
    ) -> uuid.UUID | None:
        if m_id in self.deleted_mediators:
            error(
                translate("Import", "le médiateur {name} a été supprimé de cette base.").format(
                    name=self.deleted_mediators[m_id]
                )
            )
            return None
        local = self.live_mediators.get(m_id)
        if local is not None:
            if pseudonym and pseudonym != local.upper():
                warnings.append(
                    LineError(
                        number,
                        "mediators",
                        translate(
                            "Import", "le médiateur {theirs} du fichier est enregistré dans cette base sous {ours}."
                        ).format(theirs=pseudonym, ours=local),
                    )
                )
            return m_id
        pending = self.new_mediators.get(m_id)
        if pending is not None:
            if pseudonym and pending.pseudonym is not None and pseudonym != pending.pseudonym:
                error(
                    translate(
                        "Import", "le médiateur {id} porte ici le pseudonyme {theirs}, ailleurs dans le fichier {ours}."
                    ).format(id=m_id, theirs=pseudonym, ours=pending.pseudonym)
                )
                return None
            return m_id
        if pseudonym and not PSEUDONYM_RE.match(pseudonym):
            # A pseudonym travels in every file and report: never let a name in through it.
            error(
                translate(
                    "Import", "pseudonyme « {name} » invalide : « MED- » suivi de lettres ou de chiffres attendu."
                ).format(name=pseudonym[:40])
            )
            return None
        if pseudonym and self.pseudonym_taken(pseudonym, m_id):
            error(
                translate(
                    "Import",
                    "conflit : le pseudonyme {name} désigne dans cette base un autre médiateur (identifiant différent). Rien n'est fusionné : renommez l'un des deux (medios mediator rename {name} MED-…), puis relancez l'import.",
                ).format(name=pseudonym)
            )
            return None
        if not self._room(error):
            return None
        self.new_mediators[m_id] = _NewMediator(pseudonym or None, pseudonym)  # no name travels: "" until written
        return m_id


def _resolve(line: ParsedLine, directory: _Directory, errors: ErrorSink, warnings: ErrorSink) -> bool:
    """Resolve the references of ``line``; every one is checked, even after one is refused."""
    ok = True
    site_ok = line.site is None or len(line.site) <= SITE_NAME_MAX
    if not site_ok:
        errors.append(
            LineError(
                line.number,
                "site",
                translate("Rules", "{n} caractères : {max} au plus.").format(n=len(line.site or ""), max=SITE_NAME_MAX),
            )
        )
        ok = False
    ids = [directory.mediator(ref, line.number, errors, warnings) for ref in line.mediators]
    mediator_ids = tuple(m for m in ids if m is not None)
    if len(mediator_ids) != len(ids):
        ok = False
    elif len(set(mediator_ids)) != len(mediator_ids):
        errors.append(
            LineError(line.number, "mediators", translate("Import", "un même médiateur est indiqué deux fois."))
        )
        ok = False
    line.mediator_ids = mediator_ids
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
    if line.site is not None and site_ok:
        site_id = directory.sites.get(line.site)
        if site_id is None:
            pending = directory.new_sites.get(line.site)
            if pending is None:
                pending = {
                    "id": uuid.uuid4(),
                    "name": line.site,
                    "place": line.fields.place,
                    "commune": line.fields.commune,
                    "qpv": line.fields.qpv,  # HORS_QPV kept as such: NULL means « non renseigné »
                }
                directory.new_sites[line.site] = pending
            site_id = pending["id"]
        line.site_id = site_id
    return ok


# interchange key -> column, for the keys that keep the stored value when a line leaves them out
_KEPT_COLUMNS = {
    "site": "site_id",
    "notes": "notes",
    "consent": "consent",
    "follow_up_of": "follow_up_of",
    "presence_id": "presence_id",
}


def _matching(
    session: Session, model: type[Intervention] | type[PresenceActive], ids: Sequence[uuid.UUID], condition: Any
) -> set[uuid.UUID]:
    """The ``ids`` of ``model`` rows that meet ``condition`` (read in slices)."""
    found: set[uuid.UUID] = set()
    for chunk in rows.chunks(ids):
        found.update(session.scalars(select(model.id).where(model.id.in_(chunk), condition)))
    return found


# --------------------------------------------------------------------------- import

# The file is read, checked and written a chunk of lines at a time, inside the one transaction: memory
# holds one chunk, plus a few dozen bytes per identifier for the checks across lines (duplicate ids,
# follow-ups), whatever the size of the file.
CHUNK_LINES = 2000
# How often (in lines read) the ``progress`` callback of :func:`import_jsonl` is called.
PROGRESS_LINES = 1000
# ``progress(done, total)``: how far the import is, in bytes of the file (twice its size with
# ``skip_invalid``, which reads it twice).  An exception it raises (a Cancel button) goes through the
# import, whose transaction is then rolled back: nothing is written.
Progress = Callable[[int, int], None]
# After an import that wrote more lines than this, the planner's statistics are worth refreshing.
ANALYZE_AFTER_LINES = 10_000

# An identifier seen in the file, packed in one integer (a dict of ints is not tracked by the garbage
# collector and costs about 120 bytes an entry): its line, its start in minutes since 0001-01-01 (the
# follow-up rule compares starts) and whether the line is to be written.
_MINUTE_BITS = 33  # 9999-12-31 23:59 is 5.3e9 minutes
_PLANNED = 1
# The Bloom filter of _SeenIds: 2**27 bits, 3 a key: one chance in 90,000 of a lookup for a new
# identifier after a million lines, one in 125 after ten million (each such lookup reads the table).
_BLOOM_BYTES = 1 << 24
_BLOOM_MASK = (1 << 27) - 1
_LOOKUPS_BEFORE_INDEX = 20
_IN_SLICE = 500  # identifiers in one IN (…): within every dialect's parameter limit
_SEEN_TABLES = itertools.count()


def _pack(number: int, starts: dt.datetime) -> int:
    minutes = starts.toordinal() * 1440 + starts.hour * 60 + starts.minute
    return (number << (_MINUTE_BITS + 1)) | (minutes << 1)


def _unpack(packed: int) -> tuple[int, dt.datetime]:
    days, minutes = divmod((packed >> 1) & ((1 << _MINUTE_BITS) - 1), 1440)
    return packed >> (_MINUTE_BITS + 1), dt.datetime.fromordinal(days) + dt.timedelta(minutes=minutes)


class _SeenIds:
    """The identifiers read so far, each with its packed line, start and planned bit (see :func:`_pack`).

    Memory stays the same whatever the file: a Bloom filter of :data:`_BLOOM_BYTES` answers « never
    seen » for nearly every new identifier; the values go, a chunk at a time, to a temporary table of
    the transaction, read only for the few identifiers the filter may have seen (a duplicate, or one in
    a hundred thousand by chance) and for the targets of follow-ups.  The table gets an index once it
    has been read :data:`_LOOKUPS_BEFORE_INDEX` times (a file that repeats its lines), not before: an
    unindexed table takes its rows at its end.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.bloom = bytearray()  # allocated at the first identifier (a file refused at once needs none)
        self.recent: dict[int, int] = {}  # read since the last flush
        self.count = 0
        self.lookups = 0
        self.indexed = False
        metadata = MetaData()
        self.table = Table(
            f"import_seen_{next(_SEEN_TABLES)}",
            metadata,
            Column("id", LargeBinary(16), nullable=False),
            Column("packed", BigInteger, nullable=False),
            prefixes=["TEMPORARY"],
        )
        self.table.create(session.connection())

    def __len__(self) -> int:
        return self.count

    @staticmethod
    def _bits(key: int) -> tuple[int, int, int]:
        first, second = hash((key, 1)), hash((key, 2))
        return first & _BLOOM_MASK, (first >> 32) & _BLOOM_MASK, second & _BLOOM_MASK

    def get(self, key: int) -> int | None:
        found = self.recent.get(key)
        if found is not None:
            return found
        bloom = self.bloom
        if not bloom:
            return None
        a, b, c = self._bits(key)
        if not (bloom[a >> 3] >> (a & 7) & bloom[b >> 3] >> (b & 7) & bloom[c >> 3] >> (c & 7) & 1):
            return None
        return self.get_many([key]).get(key)

    def add(self, key: int, packed: int) -> None:
        """Record ``key``, which :meth:`get` did not find."""
        self.recent[key] = packed
        self.count += 1
        if not self.bloom:
            self.bloom = bytearray(_BLOOM_BYTES)
        bloom = self.bloom
        for bit in self._bits(key):
            bloom[bit >> 3] |= 1 << (bit & 7)

    def plan(self, key: int) -> None:
        """Set the planned bit of ``key``, read since the last :meth:`flush`."""
        self.recent[key] |= _PLANNED

    def flush(self) -> None:
        if self.recent:
            bulk_insert(
                self.session, self.table, ("id", "packed"), [(k.to_bytes(16), v) for k, v in self.recent.items()]
            )
            self.recent = {}

    def get_many(self, keys: Sequence[int]) -> dict[int, int]:
        """The values of those ``keys`` that were recorded (read from the table, or since the last flush)."""
        found = {k: self.recent[k] for k in keys if k in self.recent}
        wanted = [k.to_bytes(16) for k in keys if k not in self.recent]
        if not wanted:
            return found
        self.lookups += 1
        if not self.indexed and (self.lookups > _LOOKUPS_BEFORE_INDEX or len(wanted) > _IN_SLICE):
            Index(f"{self.table.name}_id", self.table.c.id).create(self.session.connection())
            self.indexed = True
        for start in range(0, len(wanted), _IN_SLICE):
            part = wanted[start : start + _IN_SLICE]
            query = select(self.table.c.id, self.table.c.packed).where(self.table.c.id.in_(part))
            found.update((int.from_bytes(k), v) for k, v in self.session.execute(query))
        return found

    def drop(self) -> None:
        self.table.drop(self.session.connection())


class _Dropped:
    """An error sink that keeps nothing: the second reading of a file meets again what the first counted."""

    def append(self, error: LineError, /) -> None:
        pass

    def extend(self, errors: Iterable[LineError], /) -> None:
        pass

    def __len__(self) -> int:
        return 0


@dataclass
class _Pass:
    """One reading of the file: what it keeps from chunk to chunk, and what it wrote."""

    writing: bool  # whether valid lines are written as they come (a validating pass only reads)
    seen: _SeenIds  # id.int -> _pack(line, start) | _PLANNED
    # The follow-up rule: lines that follow, or whose stored version follows or is followed, by id.
    candidates: dict[uuid.UUID, follow_ups.Candidate] = field(default_factory=dict)
    stored_candidates: list[uuid.UUID] = field(default_factory=list)
    targets: set[uuid.UUID] = field(default_factory=set)
    # Links to a line of the file not written yet: written empty, set once every line is in (foreign key).
    pending_links: list[dict[str, uuid.UUID]] = field(default_factory=list)
    mediators_created: set[uuid.UUID] = field(default_factory=set)
    pseudonyms_taken: set[str] | None = None
    sites_created: set[str] = field(default_factory=set)
    territories_created: set[tuple[str, str]] = field(default_factory=set)
    new_mediators: list[tuple[uuid.UUID, str]] = field(default_factory=list)
    staged: SortedInsert | None = None  # new interventions, inserted in id order at the end
    written: int = 0  # interventions created or updated


@dataclass
class _Import:
    """The import of one file into one transaction (see :func:`import_jsonl`)."""

    session: Session
    path: Path
    ctx: StructureContext
    ref: Referentiel
    today: dt.date
    directory: _Directory
    device: str
    errors: ErrorLog
    skip_invalid: bool
    progress: Progress | None = None
    now: dt.datetime = field(default_factory=utcnow)

    def read(self, report: Tally, *, writing: bool, again: bool) -> tuple[_Pass, FileStats]:
        """Read the whole file once, a chunk at a time; write its valid lines if ``writing``.

        ``again``: a second reading, after a first one that reported every error: the lines in error
        are skipped and nothing is reported twice.
        """
        state = _Pass(writing=writing, seen=_SeenIds(self.session))
        stats = FileStats()
        errors: ErrorSink = _Dropped() if again else self.errors
        warnings: ErrorSink = _Dropped() if again else report.warnings
        chunk: list[ParsedLine] = []
        codes = CodeChecker(self.ref, self.today)
        progress = self.progress
        size, passes = 0, 2 if self.skip_invalid else 1
        if progress is not None:
            size = self.path.stat().st_size
        offset = size if again else 0
        if progress is not None:
            progress(offset, size * passes)
        for number, parsed, line_errors in read_parsed(self.path, errors, stats):
            if progress is not None and number % PROGRESS_LINES == 0:
                progress(min(offset + stats.bytes_read, size * passes), size * passes)
            if again and self.errors.on_line(number):
                continue
            if parsed is not None:
                _handle_notes(parsed, self.ctx, report, warnings)
                line_errors.extend(codes.errors(parsed))
                if parsed.id is not None:
                    first = state.seen.get(parsed.id.int)
                    if first is not None:
                        line_errors.append(
                            LineError(
                                number,
                                "id",
                                translate("Import", "identifiant déjà présent à la ligne {other}.").format(
                                    other=_unpack(first)[0]
                                ),
                            )
                        )
                    else:
                        starts = follow_ups.starts(parsed.fields.date, parsed.fields.start_time)
                        state.seen.add(parsed.id.int, _pack(number, starts))
            if line_errors:
                errors.extend(line_errors)
            elif parsed is not None:
                report.readable += 1
                chunk.append(parsed)
                if len(chunk) >= CHUNK_LINES:
                    self._chunk(chunk, state, report, errors, warnings)
                    chunk = []
                    state.seen.flush()
                    gc.collect(0)
        if chunk:
            self._chunk(chunk, state, report, errors, warnings)
        state.seen.flush()
        report.lines = stats.lines
        if progress is not None:
            progress(min(offset + stats.bytes_read, size * passes), size * passes)
        return state, stats

    def _chunk(
        self, lines: list[ParsedLine], state: _Pass, report: Tally, errors: ErrorSink, warnings: ErrorSink
    ) -> None:
        session = self.session
        resolved = [line for line in lines if _resolve(line, self.directory, errors, warnings)]
        for line in resolved:
            if line.id is None:
                line.id = uuid.uuid4()
        stored = rows.load_stored(session, [line.id for line in resolved if line.id is not None])
        _drop_missing_links(session, resolved, report)
        plan = _plan(resolved, stored, report, errors)
        followed = _followed(session, [step.id for step in plan if step.before is not None])
        for step in plan:
            line, before = step.line, step.before
            if step.id.int in state.seen.recent:  # not an id the import gave (a line without one)
                state.seen.plan(step.id.int)
            if line.follow_up_of is not None:
                state.targets.add(line.follow_up_of)
            # A line that follows nothing, and whose stored version neither follows nor is followed, can
            # break the rule only as the target of another line: it is added then (see check_follow_ups).
            stored_link = before is not None and (before.row["follow_up_of"] is not None or step.id in followed)
            if line.follow_up_of is not None or stored_link:
                state.candidates[step.id] = follow_ups.Candidate(
                    line.number, step.id, line.follow_up_of, follow_ups.starts(line.fields.date, line.fields.start_time)
                )
                if before is not None:
                    state.stored_candidates.append(step.id)
        # All or nothing: once a line is refused, the rest is only checked (unless --skip-invalid).
        if state.writing and (self.skip_invalid or not self.errors):
            _write(self, [step for step in plan if not self.errors.on_line(step.line.number)], state, report)

    def check_follow_ups(self, state: _Pass) -> int:
        """The follow-up rule of :mod:`medios.services.follow_ups` over the lines to be written; returns
        how many lines it refused.

        The candidates are the lines the reading kept, plus the lines of the file that they follow.  What
        the base says of the other interventions involved is read now: the lines written so far changed
        only candidates, and a candidate's own version is the one the rule reads.
        """
        candidates = dict(state.candidates)
        seen = state.seen.get_many([t.int for t in state.targets if t not in candidates])
        for target in state.targets:
            packed = seen.get(target.int)
            if target not in candidates and packed is not None and packed & _PLANNED:
                number, starts = _unpack(packed)
                candidates[target] = follow_ups.Candidate(number, target, None, starts)
        if not candidates:
            return 0
        wanted = [*state.stored_candidates, *state.targets]
        refused = follow_ups.check(list(candidates.values()), follow_ups.load_links(self.session, wanted))
        self.errors.extend(LineError(cast(int, number), "follow_up_of", message) for number, message in refused.items())
        return len(refused)

    def finish(self, state: _Pass, report: Tally) -> None:
        """Insert the new interventions, set the links to lines written after their follower, fill the report."""
        state.seen.drop()
        if state.staged is not None:
            state.staged.finish()
        if state.pending_links:
            rows.link_follow_ups(self.session, state.pending_links)
        order = {m_id: i for i, m_id in enumerate(self.directory.new_mediators)}
        report.new_mediators = [pseudonym for m_id, pseudonym in sorted(state.new_mediators, key=lambda m: order[m[0]])]
        report.new_territories = sorted(code for _level, code in state.territories_created)


def import_jsonl(
    db: Database,
    path: Path,
    *,
    skip_invalid: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import interventions from ``path``; see the module docstring for the rules.

    One transaction, the file read a chunk at a time.  Without ``skip_invalid``, valid lines are written
    as they are read until a line is refused, and the transaction is rolled back at the end if any line
    was.  With ``skip_invalid``, a first reading checks every line (the follow-up rule needs the whole
    file to know which lines it keeps), and a second one writes the lines kept.

    ``progress`` (see :data:`Progress`) is called every :data:`PROGRESS_LINES` lines and at the end of
    each reading, on the calling thread; whatever it raises rolls the import back and is raised here.
    """
    with _gc_paused():
        return _import_jsonl(db, path, skip_invalid=skip_invalid, today=today, progress=progress)


def _import_jsonl(
    db: Database, path: Path, *, skip_invalid: bool, today: dt.date | None, progress: Progress | None = None
) -> ImportReport:
    ref = load_registry().active
    today = today or dt.date.today()
    report = Tally()
    with db.session() as session:
        ctx = structure_context(session)  # no structure: refused before reading the file
    errors = ErrorLog()  # bounded: counts every error, keeps the first, groups identical ones
    with db.transaction() as session:
        run = _Import(
            session,
            path,
            ctx,
            ref,
            today,
            _Directory.load(session),
            audit.session_device_id(session),
            errors,
            skip_invalid,
            progress,
        )
        state, stats = run.read(report, writing=not skip_invalid, again=False)
        run.check_follow_ups(state)
        if skip_invalid:
            state.seen.drop()
            report = Tally(warnings=report.warnings)
            state, again = run.read(report, writing=True, again=True)
            if again.digest.digest() != stats.digest.digest():
                raise StorageError(
                    translate(
                        "Import", "Le fichier a changé pendant l'import : rien n'a été importé. Relancez l'import."
                    )
                )
            if run.check_follow_ups(state):  # the first check kept no line that the rule refuses now
                raise RuntimeError("import : la règle des suites refuse à la seconde lecture une ligne gardée")
        report.invalid_lines = errors.line_count
        report.errors = errors
        if errors and not skip_invalid:
            session.rollback()
            raise ImportFailed(errors, readable=report.readable)
        run.finish(state, report)
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
                "skipped_older": report.skipped_older,
                "invalid_lines": report.invalid_lines,
            },
            actor_id=None,
            device_id=run.device,
        )
    if state.written > ANALYZE_AFTER_LINES:  # after the commit: the planner's statistics, for the new rows
        maintenance.analyze(db)
    return ImportReport.of(report)


def _followed(session: Session, ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """The ``ids`` that live interventions of the base follow."""
    found: set[uuid.UUID] = set()
    for chunk in rows.chunks(ids):
        query = select(Intervention.follow_up_of).where(
            Intervention.follow_up_of.in_(chunk), Intervention.deleted_at.is_(None)
        )
        found.update(i for i in session.scalars(query.distinct()) if i is not None)
    return found


def _handle_notes(line: ParsedLine, ctx: StructureContext, report: Tally, warnings: ErrorSink) -> None:
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
            warnings.append(LineError(line.number, "notes", warning))


def _drop_missing_links(session: Session, lines: Sequence[ParsedLine], report: Tally) -> None:
    """Links to rows this base cannot hold are dropped with a count (the stored link is kept).

    Presence blocks are not part of format v1; a follow-up of an intervention deleted in this base (the
    other laptop recorded it before the deletion reached it) stays, without its link.
    """
    presence_ids = [line.presence_id for line in lines if line.presence_id is not None]
    presence = _matching(session, PresenceActive, presence_ids, PresenceActive.deleted_at.is_(None))
    targets = [line.follow_up_of for line in lines if line.follow_up_of is not None]
    deleted = _matching(session, Intervention, targets, Intervention.deleted_at.is_not(None))
    for line in lines:
        if line.presence_id is not None and line.presence_id not in presence:
            report.presence_links_dropped += 1
            line.presence_id = None
            line.present = line.present - {"presence_id"}
        if line.follow_up_of is not None and line.follow_up_of in deleted:
            report.follow_links_dropped += 1
            line.follow_up_of = None
            line.present = line.present - {"follow_up_of"}


@dataclass(slots=True)
class _Step:
    """What the import does with one line: create, or update ``before``."""

    line: ParsedLine
    id: uuid.UUID
    before: rows.Stored | None


def _newer(line: ParsedLine, before: rows.Stored) -> bool:
    """Whether ``line`` may overwrite ``before``: a line without a version may (files written by hand or by an
    older Médios); otherwise the later ``updated_at`` wins, and the device id breaks a tie, the same way on
    every laptop."""
    if line.version is None:
        return True
    theirs = (line.version.updated_at, line.version.device_id or "")
    ours = (before.row["updated_at"], before.row["device_id"] or "")
    return theirs >= ours


def _plan(
    lines: Sequence[ParsedLine], stored: dict[uuid.UUID, rows.Stored], report: Tally, errors: ErrorSink
) -> list[_Step]:
    """The lines that will be written, after those about deleted or newer records are set aside.

    A version more than a day ahead of this laptop's clock is refused: written by a laptop whose clock is
    wrong, it would win over every later edit.
    """
    plan: list[_Step] = []
    latest = utcnow() + FUTURE_TOLERANCE
    for line in lines:
        record_id = line.id or uuid.uuid4()  # set by the caller; keeps the type checker informed
        before = stored.get(record_id)
        if line.version is not None and line.version.updated_at > latest:
            errors.append(
                LineError(
                    line.number,
                    "updated_at",
                    translate(
                        "Import",
                        "version datée du {when} (UTC), dans le futur : l'horloge du poste qui a écrit ce fichier est fausse. Corrigez-la, puis exportez de nouveau.",
                    ).format(when=line.version.updated_at.strftime("%d/%m/%Y %H:%M")),
                )
            )
        elif before is not None and before.deleted:
            report.skipped_deleted += 1
        elif before is not None and not _newer(line, before):
            report.skipped_older += 1
        else:
            if before is not None and "follow_up_of" not in line.present:
                line.follow_up_of = before.row["follow_up_of"]  # the stored link, checked with the others
            plan.append(_Step(line, record_id, before))
    return plan


def _write(run: _Import, plan: list[_Step], state: _Pass, report: Tally) -> None:
    """Write one chunk of planned lines (the mediators, sites and territories they need first)."""
    session, ctx, ref, device, now = run.session, run.ctx, run.ref, run.device, run.now
    # Id order: SQLite's B-trees grow at their end, which makes the inserts faster.
    plan = sorted(plan, key=lambda step: step.id.int)
    targets = {step.line.follow_up_of for step in plan if step.line.follow_up_of is not None}
    # A link to a line not written yet (later in the file, or in this chunk) is set at the end (foreign key).
    stored_targets = _matching(session, Intervention, list(targets), true()) if targets else set()
    created_rows: list[dict[str, Any]] = []
    created_children = rows.ChildRows()
    updated_rows: list[dict[str, Any]] = []
    updated_children = rows.ChildRows()
    audit_rows: list[dict[str, Any]] = []
    written: list[ParsedLine] = []
    closed = amendments.closed_months(session)  # lines of a closed month become amendments (see _amend)
    amended: list[amendments.Change] = []
    for step in plan:
        line, before = step.line, step.before
        version = line.version
        stamp = rows.Version(
            created_at=before.row["created_at"] if before is not None else now,
            updated_at=version.updated_at if version is not None else rows.next_stamp(before, now),
            device_id=(version.device_id if version is not None and version.device_id else device),
            created_by=before.row["created_by"] if before is not None else None,
        )
        links = rows.Links(line.mediator_ids, line.dispositif_id, line.site_id, line.follow_up_of, line.presence_id)
        row = rows.intervention_row(
            step.id, line.fields, links, stamp, calendar=ctx.holiday_calendar, vocab_version=ref.version
        )
        if not ctx.notes_enabled:
            row["notes"] = None
        if before is None:
            created_rows.append(row)
            created_children.add(step.id, line.fields, line.mediator_ids)
            report.created += 1
            if row["month"] in closed:
                state_after = rows.audit_state(row, rows.Children.of(line.fields, line.mediator_ids))
                amended.append(amendments.Change(step.id, "CREATE", frozenset({row["month"]}), state_after))
        else:
            for key, column in _KEPT_COLUMNS.items():
                if key not in line.present:
                    row[column] = before.row[column]
            fields = rows.with_stored_partner_ids(line.fields, before.children)  # the format has no partner id
            children = rows.Children.of(fields, line.mediator_ids)
            if rows.same_content(before, row, children):
                report.unchanged += 1
                continue
            updated_rows.append(row)
            updated_children.add(step.id, fields, line.mediator_ids)
            changes = audit.diff(rows.audit_state(before.row, before.children), rows.audit_state(row, children))
            audit_rows.append(
                {
                    "at": now,
                    "actor_id": None,
                    "device_id": device,
                    "action": "UPDATE",
                    "table_name": "intervention",
                    "record_id": step.id,
                    "changes": json.dumps(changes, ensure_ascii=False, sort_keys=True),
                }
            )
            report.updated += 1
            touched = frozenset({before.row["month"], row["month"]})
            if touched & closed.keys():
                amended.append(amendments.Change(step.id, "UPDATE", touched, changes))
        target = row["follow_up_of"]
        if target is not None and target not in stored_targets:
            state.pending_links.append({"_id": step.id, "_target": target})
            row["follow_up_of"] = None
        written.append(line)
    state.written += len(written)
    _write_references(run, written, state, report)
    if created_rows:
        if state.staged is None:
            state.staged = rows.staged_interventions(session)
        rows.stage_interventions(state.staged, created_rows, created_children)
    if updated_rows:
        rows.replace_interventions(session, updated_rows, updated_children)
        audit.chain(session, audit_rows)
        session.execute(insert(AuditLog), audit_rows)
    if amended:
        counts = amendments.record_many(
            session,
            "intervention",
            amended,
            reason_text=translate("Import", "Import du fichier {name}").format(name=run.path.name),
            actor_id=None,
            device_id=device,
        )
        for month, count in counts.items():
            report.amended[month] = report.amended.get(month, 0) + count


def _write_references(run: _Import, written: Sequence[ParsedLine], state: _Pass, report: Tally) -> None:
    """Create the mediators, sites and territories that the written lines use and the base lacks."""
    session, directory, ref, device, now = run.session, run.directory, run.ref, run.device, run.now
    used_mediators = {m for line in written for m in line.mediator_ids}
    new_mediators = [
        (m_id, new)
        for m_id, new in directory.new_mediators.items()
        if m_id in used_mediators and m_id not in state.mediators_created
    ]
    if new_mediators:
        if state.pseudonyms_taken is None:
            state.pseudonyms_taken = set(directory.pseudonyms) | {
                n.pseudonym for n in directory.new_mediators.values() if n.pseudonym
            }
        for m_id, new in new_mediators:
            pseudonym = new.pseudonym or allocate_pseudonym(m_id, state.pseudonyms_taken)
            state.pseudonyms_taken.add(pseudonym)
            # A mediator known only by a file gets its pseudonym as its name (names never travel).
            name = new.name or pseudonym
            mediator = add_mediator(session, name, device=device, mediator_id=m_id, pseudonym=pseudonym)
            state.mediators_created.add(m_id)
            state.new_mediators.append((m_id, mediator.pseudonym))  # never the name: tier L
    used_sites = {line.site for line in written if line.site is not None}
    new_sites = [s for name, s in directory.new_sites.items() if name in used_sites and name not in state.sites_created]
    if new_sites:
        session.execute(
            insert(Site),
            [
                {**s, "created_at": now, "updated_at": now, "device_id": device, "vocab_version": ref.version}
                for s in new_sites
            ],
        )
        state.sites_created.update(s["name"] for s in new_sites)
        report.new_sites += len(new_sites)
    territories: dict[tuple[str, str], None] = {}
    for line in written:
        territories[("COMMUNE", line.fields.commune)] = None
        if line.fields.qpv and line.fields.qpv != HORS_QPV:
            territories[("QPV", line.fields.qpv)] = None
    new_territories = [
        key for key in territories if key not in directory.territories and key not in state.territories_created
    ]
    if new_territories:
        session.execute(
            insert(Territory),
            [
                {
                    "id": uuid.uuid4(),
                    "code": code,
                    "level": level,
                    "label": code,
                    "vintage": IMPORT_VINTAGE,
                    "created_at": now,
                    "updated_at": now,
                    "device_id": device,
                    "vocab_version": ref.version,
                }
                for level, code in new_territories
            ],
        )
        state.territories_created.update(new_territories)
    session.flush()
