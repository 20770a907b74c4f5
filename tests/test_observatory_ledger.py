"""The ledger of observatory files: what was published, what overlaps a new file, what was masked before."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from medios.db import Database
from medios.db.models import AuditLog, ExportCell
from medios.services import structure as st
from medios.services.errors import ValidationError
from medios.services.observatory import ledger
from medios.services.observatory.model import CellKey, Release
from medios.services.structure import StructureSummary
from tests.test_closure import coordinator, mediator  # noqa: F401 - fixtures

TOTAL = CellKey("NB_INTERVENTIONS")
CONF = CellKey("NB_INTERVENTIONS", dimension="REGISTRE", modality="CONF")
VSOC = CellKey("NB_INTERVENTIONS", dimension="REGISTRE", modality="VSOC")
MER = CellKey("NB_INTERVENTIONS", dimension="REGISTRE", modality="MER")


def _release(period: str, months: tuple[int, ...], masked: frozenset[CellKey] = frozenset({VSOC, MER})) -> Release:
    return Release(period, months, {TOTAL: 40, CONF: 30, VSOC: 4, MER: 6}, masked)


def _record(db: Database, actor: st.MediatorInfo, release: Release, **extra: object) -> ledger.ExportRecord:
    return ledger.record(
        db, release, threshold=11, referentiel_version="MEDIOS-2026.1", file_sha256="a" * 64, actor_id=actor.id, **extra
    )  # type: ignore[arg-type]


def test_a_file_is_recorded_cell_by_cell_without_its_masked_values(
    db: Database,
    coordinator: st.MediatorInfo,  # noqa: F811
) -> None:
    record = _record(db, coordinator, _release("2026-10", (202610,)), open_months=(202610,), file_name="f.zip")
    assert (record.period, record.first_month, record.last_month, record.cells, record.masked_cells) == (
        "2026-10", 202610, 202610, 4, 2,
    )  # fmt: skip
    assert record.open_months == (202610,)
    with db.session() as session:
        cells = {c.cell_key: (c.status, c.value, c.value_sha256) for c in session.scalars(select(ExportCell))}
        assert cells[TOTAL.text()] == ("D", 40, ledger.value_digest("2026-10", TOTAL, 40))
        assert cells[VSOC.text()] == ("M", None, ledger.value_digest("2026-10", VSOC, 4))
        assert cells[MER.text()][:2] == ("M", None)
        line = session.scalars(select(AuditLog).where(AuditLog.action == "EXPORT")).one()
        assert line.actor_id == coordinator.id
        assert "4" in (line.changes or "") and "30" not in (line.changes or "")  # counts only, no figure
    assert [r.id for r in ledger.history(db)] == [record.id]


def test_earlier_files_are_those_of_overlapping_periods_as_published(
    db: Database,
    coordinator: st.MediatorInfo,  # noqa: F811
) -> None:
    _record(db, coordinator, _release("2026-09", (202609,), frozenset()))
    _record(db, coordinator, _release("2026-10", (202610,)))
    _record(db, coordinator, _release("2026-T4", (202610, 202611, 202612), frozenset({MER})))
    files = ledger.earlier_files(db, (202610, 202611, 202612))
    assert [f.period for f in files] == ["2026-10", "2026-T4"]
    assert files[0].cells == {TOTAL: 40, CONF: 30, VSOC: None, MER: None}
    assert files[1].months == (202610, 202611, 202612)
    # November is linked to October through the quarter: together they imply December.
    assert [f.period for f in ledger.earlier_files(db, (202611,))] == ["2026-10", "2026-T4"]
    assert ledger.masked_before(db, (202611,)) == frozenset({VSOC, MER})
    assert ledger.masked_before(db, (202610,)) == frozenset({VSOC, MER})
    assert [f.period for f in ledger.earlier_files(db, tuple(range(202601, 202613)))] == [
        "2026-09",
        "2026-10",
        "2026-T4",
    ]
    assert ledger.earlier_files(db, (202701,)) == []


def test_a_mediator_cannot_record_an_export_and_a_low_threshold_is_refused(
    db: Database,
    coordinator: st.MediatorInfo,  # noqa: F811
    mediator: st.MediatorInfo,  # noqa: F811
    structure: StructureSummary,
) -> None:
    with pytest.raises(ValidationError, match="exporter vers l'Observatoire"):
        _record(db, mediator, _release("2026-10", (202610,)))
    with pytest.raises(ValueError, match="seuil 4 refusé"):
        ledger.record(db, _release("2026-10", (202610,)), threshold=4, referentiel_version="v", file_sha256="a" * 64)
    assert ledger.history(db) == []


def test_a_corrected_file_names_the_file_it_replaces(db: Database, coordinator: st.MediatorInfo) -> None:  # noqa: F811
    first = _record(db, coordinator, _release("2026-10", (202610,)))
    second = _record(db, coordinator, _release("2026-10", (202610,)), replaces=first.id)
    assert second.replaces == first.id
    with pytest.raises(LookupError, match="fichier remplacé"):
        _record(db, coordinator, _release("2026-10", (202610,)), replaces=second.id.__class__(int=1))
    assert len(ledger.history(db)) == 2
