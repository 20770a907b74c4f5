"""The observatory export end to end: a month then its quarter, written, recorded and audited together;
nothing of a person or a record leaves the base (leakage test); refusals write nothing; the auditor
catches a hand-made disclosive file and names the cell."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import shutil
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from medios.db import Database, open_database
from medios.demo import generate_demo
from medios.export import observatory as fmt
from medios.services.observatory import exporter, ledger
from medios.services.observatory.model import CellKey

TODAY = dt.date(2026, 4, 20)
SECRET = "ZQXJ"  # a string no code, label or number of the référentiel holds


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Iterator[Database]:
    """A demo base whose notes, names, partners and sites hold distinctive strings."""
    path = tmp_path_factory.mktemp("observatory") / "base.db"
    shutil.copy2(template_db, path)
    db = open_database(path)
    generate_demo(db, months=4, mediators=4, seed=5, today=TODAY)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE structure SET observatory_id = 'OBS-0042', notes_enabled = 1"))
        conn.execute(text(f"UPDATE intervention SET notes = '{SECRET}-note ' || rowid WHERE rowid % 3 = 0"))
        conn.execute(text(f"UPDATE mediator SET display_name = '{SECRET} ' || display_name"))
        conn.execute(text(f"UPDATE partner SET name = '{SECRET}-partenaire ' || name"))
        conn.execute(text(f"UPDATE site SET name = '{SECRET}-site ' || name"))
        conn.execute(text(f"UPDATE dispositif SET name = '{SECRET}-dispositif ' || name"))
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def files(base: Database, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("files")
    written = {}
    for period in ("2026-02", "2026-Q1"):
        prepared = exporter.prepare(base, period)
        target = folder / f"{period}.zip"
        exporter.export(base, prepared, target, confirm_open_months=True)
        written[period] = target
    return written


def test_a_month_then_its_quarter_pass_the_audit_together(base: Database, files: dict[str, Path]) -> None:
    verdict = exporter.check_files(list(files.values()))
    assert verdict.ok, exporter.verdict_text(verdict)
    assert exporter.verdict_text(verdict).startswith("Contrôle réussi : ")
    history = ledger.history(base)
    assert {r.period for r in history} == {"2026-02", "2026-Q1"}
    quarter = fmt.read_package_file(files["2026-Q1"])
    assert quarter.manifest["checked_against"] == [
        {"period": "2026-02", "file_sha256": next(r.file_sha256 for r in history if r.period == "2026-02")}
    ]
    assert quarter.manifest["open_months"] == ["2026-01", "2026-02", "2026-03"]
    assert all(test["ok"] for test in quarter.manifest["cnil_tests"].values())
    with zipfile.ZipFile(files["2026-Q1"]) as archive:
        descriptor = json.loads(archive.read("datapackage.json"))
    assert descriptor["masked"] == sum(row.status == "M" for row in quarter.cells)
    assert descriptor["cells"] == len(quarter.cells)
    for package in (quarter, fmt.read_package_file(files["2026-02"])):
        counts = [
            row.value
            for row in package.cells
            if row.value is not None and not CellKey(row.indicator).is_minutes and 0 < row.value < 11
        ]
        assert counts == []
        assert sum(row.status == "M" for row in package.cells) > 0
    with base.engine.connect() as conn:
        exports = conn.execute(text("SELECT count(*) FROM audit_log WHERE action = 'EXPORT'")).scalar()
    assert exports == 2


def test_nothing_of_a_person_or_a_record_leaves_the_base(base: Database, files: dict[str, Path]) -> None:
    with base.engine.connect() as conn:
        ids = [
            uuid.UUID(bytes=value)
            for table in ("intervention", "mediator", "partner", "site", "dispositif", "presence_active", "structure")
            for value in conn.execute(text(f"SELECT id FROM {table}")).scalars()
        ]
        pseudonyms = list(conn.execute(text("SELECT pseudonym FROM mediator")).scalars())
        devices = list(conn.execute(text("SELECT DISTINCT device_id FROM intervention")).scalars())
    assert len(ids) > 100 and pseudonyms and devices
    for path in files.values():
        raw = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = [archive.read(name) for name in archive.namelist()]
            for name in archive.namelist():
                if name.endswith(".xlsx"):  # the workbook is itself a ZIP: look inside it too
                    with zipfile.ZipFile(io.BytesIO(archive.read(name))) as book:
                        members += [book.read(inner) for inner in book.namelist()]
        for content in (raw, *members):
            assert SECRET.encode() not in content
            for pseudonym in pseudonyms:
                assert pseudonym.encode() not in content, pseudonym
            for device in devices:
                assert device.encode() not in content
        for content in members:
            for value in ids:
                assert value.bytes not in content and value.hex.encode() not in content
                assert str(value).encode() not in content


def test_refusals_write_nothing(base: Database, tmp_path: Path) -> None:
    prepared = exporter.prepare(base, "2026-03")
    target = tmp_path / "refus.zip"
    with pytest.raises(exporter.ExportRefused, match="mois non clôturés"):
        exporter.export(base, prepared, target)
    failing = dataclasses.replace(
        prepared, cnil={**prepared.cnil, "inference": (False, "1 cellule(s) masquée(s) recalculables")}
    )
    with pytest.raises(exporter.ExportRefused, match="le test « inference » de la CNIL échoue"):
        exporter.export(base, failing, target, confirm_open_months=True)
    assert list(tmp_path.iterdir()) == []
    with base.engine.begin() as conn:
        conn.execute(text("UPDATE structure SET observatory_id = NULL"))
    try:
        anonymous = exporter.prepare(base, "2026-03")
        assert not anonymous.ok
        with pytest.raises(exporter.ExportRefused, match="identifiant Observatoire absent"):
            exporter.export(base, anonymous, target, confirm_open_months=True)
    finally:
        with base.engine.begin() as conn:
            conn.execute(text("UPDATE structure SET observatory_id = 'OBS-0042'"))
    assert list(tmp_path.iterdir()) == []
    assert "2026-03" not in {r.period for r in ledger.history(base)}


def test_the_period_is_a_month_a_quarter_or_a_year() -> None:
    assert exporter.parse_period("2026-Q3")[1].months() == (202607, 202608, 202609)
    assert len(exporter.parse_period("2025")[1].months()) == 12
    for bad in ("2026-13", "2026-Q5", "2025-04:2026-03", "hier"):
        with pytest.raises(ValueError, match="écrivez un mois"):
            exporter.parse_period(bad)


def test_the_auditor_catches_a_disclosive_hand_made_file(base: Database) -> None:
    """A secondary mask lifted by hand: the primary cell it protected can be recomputed from its total."""
    prepared = exporter.prepare(base, "2026-01")
    release = prepared.release
    secondary = sorted(k for k in release.masked - prepared.primary if not k.is_minutes and release.values[k] > 0)
    assert secondary, "the month needs a secondary mask for this test"
    lifted = secondary[0]
    unmasked = dataclasses.replace(release, masked=release.masked - {lifted, *_minutes_of(lifted, release.values)})
    content = fmt.build_package(exporter.package_of(dataclasses.replace(prepared, release=unmasked)))
    verdict = exporter.check_contents([content])
    assert not verdict.ok
    at_risk = {risk.key for risk in verdict.risks}
    assert at_risk and at_risk <= release.masked  # the cells it exposes were masked, and are named
    assert "Contrôle échoué" in exporter.verdict_text(verdict)
    # The file as exported passes: the failure comes from the lifted mask alone.
    assert exporter.check_contents([fmt.build_package(exporter.package_of(prepared))]).ok


def _minutes_of(key: CellKey, values: object) -> set[CellKey]:
    minutes = {"NB_INTERVENTIONS": "DUREE_INTERVENTIONS_MIN", "NB_SORTIES_PAP": "DUREE_PAP_MIN"}
    other = minutes.get(key.indicator)
    if other is None:
        return set()
    return {dataclasses.replace(key, indicator=other)}


def test_a_tampered_file_is_refused_by_the_auditor(files: dict[str, Path], tmp_path: Path) -> None:
    source = files["2026-02"].read_bytes()
    damaged = tmp_path / "abime.zip"
    with zipfile.ZipFile(io.BytesIO(source)) as archive, zipfile.ZipFile(damaged, "w") as out:
        for info in archive.infolist():
            content = archive.read(info.filename)
            if info.filename == "cellules.csv":
                content = content.replace(b",M\r\n", b",D\r\n", 1)
            out.writestr(info, content)
    with pytest.raises(fmt.PackageError, match="cellules.csv"):
        exporter.check_files([damaged])


def test_the_same_data_gives_the_same_cells_and_masks(base: Database, files: dict[str, Path], tmp_path: Path) -> None:
    """Exported again (the ledger now holds the first file and its quarter), February keeps its cells and
    masks byte for byte; only the manifest says what the new file was checked against."""
    again = exporter.prepare(base, "2026-02")
    target = tmp_path / "again.zip"
    exporter.export(base, again, target, confirm_open_months=True)
    with zipfile.ZipFile(files["2026-02"]) as first, zipfile.ZipFile(target) as second:
        assert first.read("cellules.csv") == second.read("cellules.csv")
        assert first.read("additivite.json") == second.read("additivite.json")
    checked = fmt.read_package_file(target).manifest["checked_against"]
    assert {c["period"] for c in checked} == {"2026-02", "2026-Q1"}
    assert exporter.check_files([files["2026-02"], files["2026-Q1"], target]).ok


def test_a_corrected_file_names_the_file_it_replaces(base: Database, files: dict[str, Path], tmp_path: Path) -> None:
    first = next(r for r in ledger.history(base) if r.period == "2026-02")
    prepared = exporter.prepare(base, "2026-02")
    done = exporter.export(base, prepared, tmp_path / "corrige.zip", confirm_open_months=True, replaces=first.id)
    assert done.record.replaces == first.id
    assert fmt.read_package_file(tmp_path / "corrige.zip").manifest["replaces_file_sha256"] == first.file_sha256
    with pytest.raises(exporter.ExportRefused, match="n'est pas dans le registre"):
        exporter.export(base, prepared, tmp_path / "autre.zip", confirm_open_months=True, replaces=uuid.uuid4())
    assert not (tmp_path / "autre.zip").exists()


def test_a_mediator_is_refused_before_any_file_is_written(base: Database, tmp_path: Path) -> None:
    from medios.services import structure as st
    from medios.services.errors import ValidationError

    mediator = next(m for m in st.list_mediators(base) if m.role == "MEDIATEUR")
    prepared = exporter.prepare(base, "2026-01")
    target = tmp_path / "refuse.zip"
    before = len(ledger.history(base))
    with pytest.raises(ValidationError) as refused:
        exporter.export(base, prepared, target, confirm_open_months=True, actor_id=mediator.id)
    assert "coordination" in refused.value.errors[0].message
    assert not target.exists() and list(tmp_path.iterdir()) == [] and len(ledger.history(base)) == before
