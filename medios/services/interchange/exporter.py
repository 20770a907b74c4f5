"""Export of live interventions to an interchange file (the inverse of the import).

Export never writes notes, site names nor mediator names (tier L): mediators travel by pseudonym.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import aliased, load_only, selectinload

from medios.db import Database
from medios.db.models import (
    Dispositif,
    Intervention,
    Mediator,
    assert_not_local,
)
from medios.export.jsonl import write_jsonl
from medios.i18n import translate
from medios.services.errors import FieldError, ValidationError
from medios.services.interchange.format import to_line

_INTERVENTION_T = cast(Table, Intervention.__table__)

# Columns the export reads.  Tier L is refused (assert_not_local) except the columns the format needs:
# the start time and the record's version (updated_at, device_id), which lets two laptops merge without
# overwriting newer work.  Notes, sites and names never leave.  This file is internal to the structure:
# unlike observatory files, it carries keys (tier K) on purpose, the record id and its links
# (follow_up_of, presence_id) written as UUIDs, so that a merge never relies on labels.
EXPORTED_COLUMNS = (
    "id", "date", "start_time", "duration_min", "dispositif_id", "commune", "qpv", "place", "registre",
    "sub_registre", "domain", "origin", "modality", "tension", "outcome", "consent", "follow_up_of", "presence_id",
    "updated_at", "device_id",
)  # fmt: skip
LOCAL_COLUMNS_ALLOWED = ("start_time", "updated_at", "device_id")
EXPORTED_KEYS = ("id", "follow_up_of", "presence_id")  # dispositif_id travels as its label


def export_lines(db: Database) -> Iterator[dict[str, Any]]:
    """Live interventions as interchange objects, ordered by date, start and id."""
    assert_not_local(_INTERVENTION_T, [c for c in EXPORTED_COLUMNS if c not in LOCAL_COLUMNS_ALLOWED])
    with db.session() as session:
        pseudonyms = {m_id: pseudo for m_id, pseudo in session.execute(select(Mediator.id, Mediator.pseudonym))}
        dispositifs = {d_id: name for d_id, name in session.execute(select(Dispositif.id, Dispositif.name))}
        # Links to deleted interventions stay in the base but do not travel.
        target = aliased(Intervention)
        deleted_targets = set(
            session.scalars(
                select(target.id)
                .join(Intervention, Intervention.follow_up_of == target.id)
                .where(target.deleted_at.is_not(None))
            )
        )
        query = (
            select(Intervention)
            .options(
                load_only(*(getattr(Intervention, c) for c in EXPORTED_COLUMNS)),
                *(selectinload(getattr(Intervention, c)) for c in ("mediators", "motifs", "publics", "partners")),
            )
            .where(Intervention.deleted_at.is_(None))
            .order_by(Intervention.date, Intervention.start_time, Intervention.id)
            .execution_options(yield_per=2000)
        )
        for row in session.scalars(query):
            yield to_line(_stored_values(row, pseudonyms, dispositifs, deleted_targets))


def _stored_values(
    row: Intervention,
    pseudonyms: dict[uuid.UUID, str],
    dispositifs: dict[uuid.UUID, str],
    deleted_targets: set[uuid.UUID],
) -> dict[str, Any]:
    """The stored values :func:`~medios.services.interchange.format.to_line` writes (plain data)."""
    values = {c: getattr(row, c) for c in EXPORTED_COLUMNS if c != "dispositif_id"}
    values["dispositif"] = dispositifs[row.dispositif_id] if row.dispositif_id is not None else None
    values["mediators"] = [(pseudonyms[m.mediator_id], m.mediator_id) for m in row.mediators]
    values["motifs"] = [m.motif for m in row.motifs]
    values["publics"] = [(p.public_type, p.age_band, p.sex, p.count) for p in row.publics]
    values["partners"] = [(p.partner_type, p.role) for p in row.partners]
    if row.follow_up_of in deleted_targets:
        values["follow_up_of"] = None
    return values


def export_jsonl(db: Database, target: str | Path) -> int:
    """Write live interventions to ``target`` (a path, or ``-`` for standard output); returns the count.

    The target may not be the database itself (nor its ``-wal``, ``-shm`` or ``-journal`` companions):
    replacing it by the export would lose everything the file does not carry.
    """
    if str(target) != "-" and db.path is not None and _is_database_file(Path(target), Path(db.path)):
        raise ValidationError(
            [
                FieldError(
                    "output",
                    translate(
                        "Export",
                        "« {path} » est la base de données elle-même : choisissez un autre nom de fichier, rien n'a été écrit.",
                    ).format(path=target),
                )
            ]
        )
    return write_jsonl(export_lines(db), target)


def _is_database_file(target: Path, database: Path) -> bool:
    companions = [database, *(database.with_name(database.name + s) for s in ("-wal", "-shm", "-journal"))]
    resolved = target.expanduser().resolve()
    for path in companions:
        if resolved == path.resolve():
            return True
        with contextlib.suppress(OSError):  # another name of the same file (hard link)
            if target.exists() and path.exists() and os.path.samefile(target, path):
                return True
    return False
