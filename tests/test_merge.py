"""Two laptops of one structure exchange interchange files: identity by UUID, versions, no silent merge."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from medios.db import Database, open_database
from medios.db.models import InterventionMediator, Mediator, Site, Territory
from medios.services import interventions as iv
from medios.services import structure as st
from medios.services import territories
from medios.services.errors import ValidationError
from medios.services.interchange import ImportFailed, export_jsonl, import_jsonl
from medios.services.rules import PartnerLink, PublicCount

TODAY = dt.date(2026, 11, 25)
DISPOSITIF = "Médiation habitat"


def _laptop(tmp_path: Path, name: str, mediators: tuple[str, ...]) -> Database:
    """A base as a second laptop would have it: the same structure, its own mediators and work."""
    db = open_database(tmp_path / f"{name}.db")
    st.init_structure(db, "Médiation Test", mediator=mediators[0])
    for other in mediators[1:]:
        st.create_mediator(db, other)
    st.create_dispositif(db, DISPOSITIF, "HABITAT", dt.date(2024, 1, 1))
    return db


def _entry(mediator_id: uuid.UUID, day: int, **changes: Any) -> iv.InterventionInput:
    data = iv.InterventionInput(
        date=dt.date(2026, 11, day),
        start_time=dt.time(14, 30),
        duration_min=20,
        commune="69123",
        place="HAB_PC",
        registre="CONF",
        sub_registre="CONF_TR",
        domain="HABITAT",
        outcome="APAISE",
        motifs=("HALL",),
        publics=(PublicCount("HABITANT", "A40_59", "F", 1),),
        partners=(PartnerLink("BAILLEUR", "ALERTE"),),
        mediator_ids=(mediator_id,),
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def _credited(db: Database) -> dict[uuid.UUID, set[uuid.UUID]]:
    """Intervention id -> the ids of its mediators."""
    with db.session() as session:
        credited: dict[uuid.UUID, set[uuid.UUID]] = {}
        for i_id, m_id in session.execute(
            select(InterventionMediator.intervention_id, InterventionMediator.mediator_id)
        ):
            credited.setdefault(i_id, set()).add(m_id)
        return credited


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def laptops(tmp_path: Path) -> tuple[Database, Database]:
    a = _laptop(tmp_path, "a", ("Alice Martin", "Bruno Petit"))
    b = _laptop(tmp_path, "b", ("Chloé Bernard", "Driss Haddad"))
    yield a, b
    a.dispose()
    b.dispose()


def test_two_laptops_merge_with_every_intervention_credited_to_its_own_mediator(
    laptops: tuple[Database, Database], tmp_path: Path
) -> None:
    a, b = laptops
    for db in (a, b):
        for day, mediator in enumerate(st.list_mediators(db), start=2):
            iv.record_intervention(db, _entry(mediator.id, day), today=TODAY)
        binome = tuple(m.id for m in st.list_mediators(db))
        iv.record_intervention(db, _entry(binome[0], 9, mediator_ids=binome), today=TODAY)
    expected = {**_credited(a), **_credited(b)}
    for source, target in ((b, a), (a, b)):
        out = tmp_path / "out.jsonl"
        export_jsonl(source, out)
        report = import_jsonl(target, out, today=TODAY)
        assert report.errors == ()
    for db in (a, b):
        assert _credited(db) == expected  # every intervention keeps its own mediators, on both laptops
        with db.session() as session:
            pseudonyms = list(session.scalars(select(Mediator.pseudonym)))
        assert len(pseudonyms) == len(set(pseudonyms)) == 4  # unique within the structure
    pairs_a = {(m.id, m.pseudonym) for m in st.list_mediators(a)}
    assert pairs_a == {(m.id, m.pseudonym) for m in st.list_mediators(b)}  # same people, same pseudonyms


def test_a_pseudonym_that_names_another_mediator_is_a_conflict(
    laptops: tuple[Database, Database], tmp_path: Path
) -> None:
    a, b = laptops
    alice = st.list_mediators(a)[0]
    chloe = next(m for m in st.list_mediators(b) if m.display_name == "Chloé Bernard")
    # Both laptops numbered their people the old way: the same pseudonym for two different persons.
    with b.transaction() as session:
        session.execute(update(Mediator).where(Mediator.id == chloe.id).values(pseudonym=alice.pseudonym))
    iv.record_intervention(b, _entry(chloe.id, 3), today=TODAY)
    out = tmp_path / "b.jsonl"
    export_jsonl(b, out)
    with pytest.raises(ImportFailed) as caught:
        import_jsonl(a, out, today=TODAY)
    (error,) = caught.value.errors
    assert (error.line, error.field) == (1, "mediators")
    assert f"conflit : le pseudonyme {alice.pseudonym} désigne dans cette base un autre médiateur" in error.message
    assert iv.count_interventions(a) == 0 and _credited(a) == {}


def test_a_known_mediator_renamed_elsewhere_is_matched_by_id_with_a_warning(
    laptops: tuple[Database, Database], tmp_path: Path
) -> None:
    a, _b = laptops
    alice = st.list_mediators(a)[0]
    line = {
        "date": "2026-11-03",
        "start": "10:00",
        "duration_min": 15,
        "mediators": [{"id": str(alice.id), "pseudonym": "MED-ZZ99"}],
        "dispositif": DISPOSITIF,
        "commune": "69123",
        "place": "RUE",
        "registre": "PAP",
        "domain": "HABITAT",
        "outcome": "INFO",
    }
    path = tmp_path / "f.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    report = import_jsonl(a, path, today=TODAY)
    assert report.created == 1 and report.new_mediators == ()
    assert [(w.line, w.field) for w in report.warnings] == [(1, "mediators")]
    assert f"MED-ZZ99 du fichier est enregistré dans cette base sous {alice.pseudonym}" in report.warnings[0].message
    assert list(_credited(a).values()) == [{alice.id}]


def test_a_stale_file_never_reverts_a_newer_edit(laptops: tuple[Database, Database], tmp_path: Path) -> None:
    a, b = laptops
    bruno = st.list_mediators(a)[1]
    record = iv.record_intervention(a, _entry(bruno.id, 4), today=TODAY)
    old = tmp_path / "old.jsonl"
    export_jsonl(a, old)
    import_jsonl(b, old, today=TODAY)
    iv.update_intervention(a, record.id, _entry(bruno.id, 4, duration_min=90, outcome="ACCORD"), today=TODAY)
    report = import_jsonl(a, old, today=TODAY)  # the old export comes back
    assert (report.skipped_older, report.updated, report.unchanged) == (1, 0, 0)
    assert any("plus ancienne(s) que la base" in line for line in report.summary_lines())
    kept = iv.get_intervention(a, record.id)
    assert (kept.data.duration_min, kept.data.outcome) == (90, "ACCORD")
    # The newer version travels the other way and wins there, with its own version stamp.
    new = tmp_path / "new.jsonl"
    export_jsonl(a, new)
    assert import_jsonl(b, new, today=TODAY).updated == 1
    there = iv.get_intervention(b, record.id)
    assert (there.data.duration_min, there.data.outcome) == (90, "ACCORD")
    assert (there.updated_at, there.device_id) == (kept.updated_at, kept.device_id)
    assert import_jsonl(b, new, today=TODAY).unchanged == 1


def test_equal_versions_from_two_devices_settle_the_same_way_on_both(
    laptops: tuple[Database, Database], tmp_path: Path
) -> None:
    a, _b = laptops
    bruno = st.list_mediators(a)[1]
    record = iv.record_intervention(a, _entry(bruno.id, 4), today=TODAY)
    out = tmp_path / "a.jsonl"
    export_jsonl(a, out)
    (line,) = _lines(out)
    stamp = line["updated_at"]
    for device, expected in (("00000000-low", "skipped_older"), ("ffffffff-high", "updated")):
        other = dict(line, duration_min=45 if device.startswith("f") else 30, device_id=device, updated_at=stamp)
        path = tmp_path / f"{device}.jsonl"
        path.write_text(json.dumps(other) + "\n", encoding="utf-8")
        report = import_jsonl(a, path, today=TODAY)
        assert getattr(report, expected) == 1, device
    assert iv.get_intervention(a, record.id).data.duration_min == 45


def test_lines_without_a_version_still_import_and_update(ready_db: Database, tmp_path: Path) -> None:
    db = ready_db
    coordinator = st.list_mediators(db)[0]
    line = {
        "id": "5b0c6f1e-2a7d-4f3b-9c61-0d8e7a4b2f19",
        "date": "2026-11-03",
        "start": "10:00",
        "duration_min": 15,
        "mediators": [coordinator.pseudonym],
        "commune": "69123",
        "place": "RUE",
        "registre": "PAP",
        "domain": "HABITAT",
        "outcome": "INFO",
    }
    path = tmp_path / "f.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert import_jsonl(db, path, today=TODAY).created == 1
    path.write_text(json.dumps(dict(line, duration_min=25)) + "\n", encoding="utf-8")
    assert import_jsonl(db, path, today=TODAY).updated == 1
    with pytest.raises(ImportFailed) as caught:
        path.write_text(json.dumps(dict(line, updated_at="hier")) + "\n", encoding="utf-8")
        import_jsonl(db, path, today=TODAY)
    assert [(e.line, e.field) for e in caught.value.errors] == [(1, "updated_at")]


@pytest.fixture
def ready_db(db: Database, structure: st.StructureSummary) -> Database:
    return db


def test_hors_qpv_sites_keep_their_code_and_known_communes_are_not_listed_twice(
    ready_db: Database, tmp_path: Path
) -> None:
    db = ready_db
    coordinator = st.list_mediators(db)[0]
    line = {
        "date": "2026-11-03",
        "start": "10:00",
        "duration_min": 15,
        "mediators": [coordinator.pseudonym],
        "commune": "93070",
        "qpv": "HORS_QPV",
        "site": "Résidence des Lilas",
        "place": "HAB_PC",
        "registre": "PAP",
        "domain": "HABITAT",
        "outcome": "INFO",
    }
    path = tmp_path / "f.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert import_jsonl(db, path, today=TODAY).new_territories == ("93070",)
    territories.add_territory(db, "COMMUNE", "93070", "Saint-Ouen-sur-Seine", vintage="2024")
    with db.session() as session:
        assert session.scalar(select(Site.qpv).where(Site.name == "Résidence des Lilas")) == "HORS_QPV"
        rows = session.execute(select(Territory.code, Territory.label, Territory.vintage)).all()
    assert rows == [("93070", "Saint-Ouen-sur-Seine", "2024")]  # the import's placeholder completed, not doubled


def test_a_local_edit_wins_over_a_line_from_a_laptop_whose_clock_runs_ahead(
    laptops: tuple[Database, Database], tmp_path: Path
) -> None:
    a, _b = laptops
    bruno = st.list_mediators(a)[1]
    record = iv.record_intervention(a, _entry(bruno.id, 4), today=TODAY)
    out = tmp_path / "a.jsonl"
    export_jsonl(a, out)
    (line,) = _lines(out)
    ahead = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=20)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    path = tmp_path / "ahead.jsonl"
    path.write_text(json.dumps(dict(line, duration_min=30, updated_at=ahead, device_id="laptop-b")) + "\n", "utf-8")
    assert import_jsonl(a, path, today=TODAY).updated == 1  # 20 hours ahead: within the tolerance
    iv.update_intervention(a, record.id, _entry(bruno.id, 4, duration_min=99), today=TODAY)  # edited here after
    report = import_jsonl(a, path, today=TODAY)  # the same file again
    assert (report.skipped_older, report.updated) == (1, 0)
    assert iv.get_intervention(a, record.id).data.duration_min == 99


def test_a_version_days_in_the_future_is_refused(laptops: tuple[Database, Database], tmp_path: Path) -> None:
    a, _b = laptops
    bruno = st.list_mediators(a)[1]
    iv.record_intervention(a, _entry(bruno.id, 4), today=TODAY)
    out = tmp_path / "a.jsonl"
    export_jsonl(a, out)
    (line,) = _lines(out)
    path = tmp_path / "future.jsonl"
    path.write_text(json.dumps(dict(line, duration_min=30, updated_at="9999-12-31T23:59:59.000000Z")) + "\n", "utf-8")
    with pytest.raises(ImportFailed) as caught:
        import_jsonl(a, path, today=TODAY)
    (error,) = caught.value.errors
    assert (error.line, error.field) == (1, "updated_at") and "l'horloge du poste" in error.message


@pytest.mark.parametrize("pseudonym", ["Marie Curie", "med 07", "MED-"])
def test_a_pseudonym_from_a_file_must_look_like_one(ready_db: Database, tmp_path: Path, pseudonym: str) -> None:
    line = {
        "date": "2026-11-03",
        "start": "10:00",
        "duration_min": 15,
        "mediators": [{"id": str(uuid.uuid4()), "pseudonym": pseudonym}],
        "commune": "69123",
        "place": "RUE",
        "registre": "PAP",
        "domain": "HABITAT",
        "outcome": "INFO",
    }
    path = tmp_path / "f.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        import_jsonl(ready_db, path, today=TODAY)
    (error,) = caught.value.errors
    assert (error.line, error.field) == (1, "mediators") and "invalide" in error.message
    assert len(st.list_mediators(ready_db)) == 1


def test_a_mediator_known_only_by_id_gets_a_pseudonym_for_a_name(ready_db: Database, tmp_path: Path) -> None:
    m_id = uuid.uuid4()
    line = {
        "date": "2026-11-03",
        "start": "10:00",
        "duration_min": 15,
        "mediators": [{"id": str(m_id)}],
        "commune": "69123",
        "place": "RUE",
        "registre": "PAP",
        "domain": "HABITAT",
        "outcome": "INFO",
    }
    path = tmp_path / "f.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    report = import_jsonl(ready_db, path, today=TODAY)
    (created,) = [m for m in st.list_mediators(ready_db) if m.id == m_id]
    assert report.new_mediators == (created.pseudonym,) == (f"MED-{m_id.hex[:4].upper()}",)
    assert created.display_name == created.pseudonym


def test_a_pseudonym_conflict_is_settled_by_renaming_then_importing(
    laptops: tuple[Database, Database], tmp_path: Path
) -> None:
    from medios import cli

    a, b = laptops
    alice = st.list_mediators(a)[0]
    chloe = next(m for m in st.list_mediators(b) if m.display_name == "Chloé Bernard")
    with b.transaction() as session:
        session.execute(update(Mediator).where(Mediator.id == chloe.id).values(pseudonym=alice.pseudonym))
    record = iv.record_intervention(b, _entry(chloe.id, 3), today=TODAY)
    out = tmp_path / "b.jsonl"
    export_jsonl(b, out)
    with pytest.raises(ImportFailed, match=f"medios mediator rename {alice.pseudonym} MED-"):
        import_jsonl(a, out, today=TODAY)
    assert b.path is not None
    assert cli.run(["--db", str(b.path), "mediator", "rename", alice.pseudonym.lower(), "med-chloe"]) == 0
    with pytest.raises(ValidationError, match="déjà pris"):
        st.rename_pseudonym(b, "MED-CHLOE", next(m.pseudonym for m in st.list_mediators(b) if m.id != chloe.id))
    with pytest.raises(ValidationError, match="« Chloé »"):
        st.rename_pseudonym(b, "MED-CHLOE", "Chloé")
    export_jsonl(b, out)
    assert import_jsonl(a, out, today=TODAY).created == 1
    assert _credited(a)[record.id] == {chloe.id}
    assert {m.pseudonym for m in st.list_mediators(a) if m.id == chloe.id} == {"MED-CHLOE"}
