"""The ledger of observatory files sent by the structure (migration 0009, domain brief §7.4).

Each file written is recorded (:func:`record`) with every cell as it was published: its status, the
published value (``None`` when masked: what the observatory received) and a SHA-256 of its true value.
A new file is protected together with the earlier files of overlapping periods (:func:`earlier_versions`:
what a reader of those files sees), and prefers the cells masked before (:func:`masked_before`), so that
masks stay stable from one file to the next.  A corrected file names the file it replaces; the file it
replaces stays in the ledger (the observatory has received it).

Recording a file is a coordinator action (the same rule as closing a month) and is written to the audit
log as ``EXPORT``, by count only: no figure goes into the log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from medios.db import Database
from medios.db.models import ExportBasis, ExportCell, ObservatoryExport
from medios.i18n import translate
from medios.referentiel import load_registry
from medios.services import audit, closure
from medios.services.aggregates import Period
from medios.services.observatory.cells import omitted_for
from medios.services.observatory.model import FORMAT, CellKey, Published, Release, check_threshold


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """One file of the ledger (``medios observatory history``, the page's list of past exports)."""

    id: uuid.UUID
    period: str
    first_month: int
    last_month: int
    threshold: int
    referentiel_version: str
    file_sha256: str
    cells: int
    masked_cells: int
    open_months: tuple[int, ...]
    replaces: uuid.UUID | None
    created_at: dt.datetime
    file_name: str | None


def value_digest(period: str, key: CellKey, value: int) -> str:
    """SHA-256 of a cell's true value, with its period and key (what the ledger keeps of a masked value)."""
    return hashlib.sha256(f"{period}|{key.text()}|{value}".encode()).hexdigest()


def _record(row: ObservatoryExport) -> ExportRecord:
    months = tuple(int(m) for m in row.open_months.split(",")) if row.open_months else ()
    return ExportRecord(
        row.id,
        row.period,
        row.first_month,
        row.last_month,
        row.threshold,
        row.referentiel_version,
        row.file_sha256,
        row.cells,
        row.masked_cells,
        months,
        row.replaces_id,
        row.created_at,
        row.file_name,
    )


def record(
    db: Database,
    release: Release,
    *,
    threshold: int,
    referentiel_version: str,
    file_sha256: str,
    open_months: Sequence[int] = (),
    replaces: uuid.UUID | None = None,
    file_name: str | None = None,
    actor_id: uuid.UUID | None = None,
    basis: Sequence[uuid.UUID] = (),
) -> ExportRecord:
    """Record a file just written: its row, each of its cells, the earlier files it was checked against
    (``basis``, still true of the data), an ``EXPORT`` line in the audit log."""
    check_threshold(threshold)
    with db.transaction() as session:
        closure.check_coordinator(
            session,
            actor_id,
            translate("Observatory", "seuls la coordination et l'administration peuvent exporter vers l'Observatoire."),
        )
        if replaces is not None and session.get(ObservatoryExport, replaces) is None:
            raise LookupError(translate("Observatory", "le fichier remplacé n'est pas dans le registre des exports."))
        device = audit.session_device_id(session)
        row = ObservatoryExport(
            period=release.period,
            first_month=min(release.months),
            last_month=max(release.months),
            threshold=threshold,
            referentiel_version=referentiel_version,
            format=FORMAT,
            file_sha256=file_sha256,
            cells=len(release.values),
            masked_cells=len(release.masked),
            open_months=",".join(str(m) for m in sorted(open_months)) or None,
            replaces_id=replaces,
            created_by=actor_id,
            device_id=device,
            file_name=file_name,
        )
        session.add(row)
        session.flush()
        session.add_all(
            ExportCell(
                export_id=row.id,
                cell_key=key.text(),
                status="M" if key in release.masked else "D",
                value=None if key in release.masked else value,
                value_sha256=value_digest(release.period, key, value),
            )
            for key, value in sorted(release.values.items())
        )
        session.add_all(ExportBasis(export_id=row.id, basis_id=earlier) for earlier in sorted(set(basis)))
        audit.log_change(
            session,
            action="EXPORT",
            table="observatory_export",
            record_id=row.id,
            changes={"period": release.period, "cells": row.cells, "masked_cells": row.masked_cells},
            actor_id=actor_id,
            device_id=device,
        )
        return _record(row)


def history(db: Database) -> list[ExportRecord]:
    """Every file of the ledger, the latest first."""
    with db.session() as session:
        rows = session.scalars(
            select(ObservatoryExport).order_by(ObservatoryExport.created_at.desc(), ObservatoryExport.id)
        )
        return [_record(r) for r in rows]


def _linked_rows(session: Any, months: Sequence[int]) -> list[ObservatoryExport]:
    """The files linked to ``months``: overlapping them, or overlapping a file that does, and so on
    (a month, the quarter holding it and another month of that quarter are linked: together they
    imply the third month).  Oldest first."""
    rows = list(session.scalars(select(ObservatoryExport).order_by(ObservatoryExport.created_at, ObservatoryExport.id)))
    covered = set(months)
    linked: dict[uuid.UUID, ObservatoryExport] = {}
    grew = True
    while grew:
        grew = False
        for row in rows:
            if row.id in linked:
                continue
            span = set(Period(row.first_month, row.last_month).months())
            if span & covered:
                linked[row.id] = row
                covered |= span
                grew = True
    return [row for row in rows if row.id in linked]


@dataclass(frozen=True)
class Earlier:
    """A linked file already sent: as its reader sees it, what the ledger knows of its true values (the
    SHA-256 of each cell's value, see :func:`value_digest`) and the files it was checked against."""

    record: ExportRecord
    file: Published
    digests: dict[CellKey, str]
    basis: frozenset[uuid.UUID]


def earlier_versions(db: Database, months: Sequence[int]) -> list[Earlier]:
    """The files linked to ``months`` (see :func:`_linked_rows`), oldest first, with their digests and basis."""
    found: list[Earlier] = []
    registry = load_registry()
    with db.session() as session:
        for row in _linked_rows(session, months):
            cells: dict[CellKey, int | None] = {}
            digests: dict[CellKey, str] = {}
            for key_text, value, digest in session.execute(
                select(ExportCell.cell_key, ExportCell.value, ExportCell.value_sha256).where(
                    ExportCell.export_id == row.id
                )
            ):
                key = CellKey.parse(key_text)
                cells[key] = value
                digests[key] = digest
            basis = frozenset(session.scalars(select(ExportBasis.basis_id).where(ExportBasis.export_id == row.id)))
            months_of = Period(row.first_month, row.last_month).months()
            omitted = omitted_for(months_of, registry.get(row.referentiel_version))
            file = Published(row.period, months_of, cells, omitted, threshold=row.threshold)
            found.append(Earlier(_record(row), file, digests, basis))
    return found


def earlier_files(db: Database, months: Sequence[int]) -> list[Published]:
    """The files already sent that are linked to ``months``, as their reader sees them (oldest first).
    Files of unlinked periods are left out: no equation ties them to the new file."""
    return [earlier.file for earlier in earlier_versions(db, months)]


def masked_before(db: Database, months: Sequence[int]) -> frozenset[CellKey]:
    """Keys masked in a linked earlier file: the next masks prefer them (stable masks)."""
    with db.session() as session:
        ids = [row.id for row in _linked_rows(session, months)]
        if not ids:
            return frozenset()
        keys = session.scalars(
            select(ExportCell.cell_key).where(ExportCell.status == "M", ExportCell.export_id.in_(ids)).distinct()
        )
        return frozenset(CellKey.parse(k) for k in keys)
