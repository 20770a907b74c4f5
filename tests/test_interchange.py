"""Interchange format v1: all-or-nothing import with French errors, idempotence, and the round trip."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as strat
from sqlalchemy import select, update

from medios.db import Database
from medios.db.models import AuditLog, Intervention, InterventionMediator, Mediator, Site, Structure, Territory
from medios.services import interventions as iv
from medios.services import structure as st
from medios.services.interchange import ImportFailed, export_jsonl, exporter, import_jsonl
from medios.services.structure import StructureSummary
from tests.strategies import (
    LINE_FAULTS,
    NEW_SITE_LABELS,
    Layout,
    World,
    canonical,
    layouts,
    scaled,
    seeded_world,
    valid_file,
    write_file,
)
from tests.strategies import snapshot as table_counts

TODAY = dt.date(2026, 11, 25)
# The three example lines of the domain brief §9.
VALID = {
    "id": "5b0c6f1e-2a7d-4f3b-9c61-0d8e7a4b2f19",
    "date": "2026-10-14",
    "start": "14:30",
    "duration_min": 20,
    "mediators": ["MED-03", "MED-07"],
    "dispositif": "Médiation habitat Belleville",
    "commune": "75056",
    "qpv": "QN07501M",
    "site": "Résidence des Lilas",
    "place": "HAB_PC",
    "registre": "CONF",
    "sub_registre": "CONF_TR",
    "domain": "HABITAT",
    "motifs": ["HALL", "BRUIT"],
    "origin": "ALLER_VERS",
    "modality": "GROUPE",
    "tension": 2,
    "publics": [
        {"type": "JEUNE", "age": "A18_24", "sex": "M", "count": 4},
        {"type": "HABITANT", "age": "A40_59", "sex": "F", "count": 1},
    ],
    "partners": [{"type": "BAILLEUR", "role": "ALERTE"}],
    "outcome": "APAISE",
    "notes": "Rappel des règles d'usage du hall, échange calme avec le groupe.",
}
BAD_PLACE = {
    "date": "2026-10-15",
    "start": "21:10",
    "duration_min": 15,
    "mediators": ["MED-03"],
    "commune": "75056",
    "place": "PARKING",
    "registre": "VTEC",
    "domain": "HABITAT",
    "motifs": [],
    "publics": [],
    "partners": [{"type": "BAILLEUR", "role": "ALERTE"}],
    "outcome": "SIGNALE",
}
BAD_SUB = {
    "date": "2026-10-16",
    "start": "10:00",
    "duration_min": 30,
    "mediators": ["MED-07"],
    "commune": "75056",
    "place": "PERMANENCE",
    "registre": "MER",
    "sub_registre": "CONF_TR",
    "domain": "DROITS",
    "motifs": ["DEMARCHE_ADMIN"],
    "publics": [{"type": "HABITANT", "age": "A60_69", "sex": "F", "count": 0}],
    "partners": [{"type": "CAF", "role": "ORIENTE"}],
    "outcome": "ORIENTE",
}


@pytest.fixture
def ready(db: Database, structure: StructureSummary) -> Database:
    st.create_dispositif(db, "Médiation habitat Belleville", "HABITAT", dt.date(2024, 1, 1))
    return db


def write(path: Path, *lines: dict[str, Any] | str) -> Path:
    path.write_text(
        "".join((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n" for line in lines),
        encoding="utf-8",
    )
    return path


def snapshot(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {
            table: conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()  # noqa: S608
            for table in ("intervention", "intervention_public", "intervention_motif", "mediator", "site", "territory")
        }


def test_the_brief_examples_give_the_brief_messages(ready: Database, tmp_path: Path) -> None:
    before = snapshot(ready)
    path = write(tmp_path / "f.jsonl", VALID, BAD_PLACE, BAD_SUB)
    with pytest.raises(ImportFailed) as caught:
        import_jsonl(ready, path, today=TODAY)
    message = str(caught.value)
    assert (
        "Ligne 2, champ « place » : code « PARKING » inconnu dans le vocabulaire LIEU (MEDIOS-2026.1). "
        "Codes autorisés : RUE, HAB_PC, HAB_ABORDS, HAB_LOGT, SCOL_IN, SCOL_ABORDS, TRANS_BORD, TRANS_ARRET, EQUIP, "
        "COMMERCE, PERMANENCE, ETAB_SANTE, DISTANCE, AUTRE." in message
    )
    assert (
        "Ligne 3, champ « sub_registre » : « CONF_TR » n'est pas un sous-registre de « MER ». "
        "Valeurs autorisées pour MER : MER_INFO, MER_LIEN, MER_ACC." in message
    )
    assert "Ligne 3, champ « publics[0].count » : entier supérieur ou égal à 1 attendu, reçu 0." in message
    assert message.endswith(
        "Aucune intervention importée : 2 ligne(s) en erreur. Corrigez le fichier ou relancez avec --skip-invalid."
    )
    assert snapshot(ready) == before


def test_skip_invalid_imports_the_valid_lines_and_lists_the_others(ready: Database, tmp_path: Path) -> None:
    path = write(tmp_path / "f.jsonl", VALID, BAD_PLACE, BAD_SUB)
    report = import_jsonl(ready, path, skip_invalid=True, today=TODAY)
    assert (report.lines, report.created, report.invalid_lines) == (3, 1, 2)
    assert [e.line for e in report.errors] == [2, 3, 3]
    assert set(report.new_mediators) == {"MED-03", "MED-07"}  # pseudonyms only: names are tier L
    assert report.new_sites == 1 and report.new_territories == ("75056", "QN07501M")
    assert report.notes_dropped == 1  # notes are disabled by default
    record = iv.get_intervention(ready, uuid.UUID(VALID["id"]))
    assert record.data.notes is None and record.data.tension == "2" and record.data.qpv == "QN07501M"
    with ready.session() as session:
        pseudonyms = set(session.scalars(select(Mediator.pseudonym)))
        coordinator = next(m.pseudonym for m in st.list_mediators(ready) if m.role == "ADMIN")  # the first user
        assert pseudonyms == {coordinator, "MED-03", "MED-07"}
        levels = {(level, code) for level, code in session.execute(select(Territory.level, Territory.code))}
        assert levels == {("COMMUNE", "75056"), ("QPV", "QN07501M")}
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "IMPORT")).one()
        logged = json.loads(audit.changes or "{}")
    assert logged["created"] == 1 and logged["invalid_lines"] == 2
    assert logged["file_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_reimport_is_a_no_op_and_a_change_is_an_update(ready: Database, tmp_path: Path) -> None:
    path = write(tmp_path / "f.jsonl", VALID)
    assert import_jsonl(ready, path, today=TODAY).created == 1
    again = import_jsonl(ready, path, today=TODAY)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    changed = dict(VALID, duration_min=35, motifs=["HALL"])
    report = import_jsonl(ready, write(tmp_path / "g.jsonl", changed), today=TODAY)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    record = iv.get_intervention(ready, uuid.UUID(VALID["id"]))
    assert record.data.duration_min == 35 and record.data.motifs == ("HALL",)
    assert snapshot(ready)["intervention"] == 1


def test_round_trip_import_export_import_changes_nothing(ready: Database, tmp_path: Path) -> None:
    second = dict(
        VALID, id="0f6d3c1a-9a59-4d8e-8f0e-3e6a0f7f4b11", start="09:05", registre="MER", sub_registre="MER_INFO"
    )
    second.update(outcome="ORIENTE", partners=[{"type": "CAF", "role": "ORIENTE"}], qpv="HORS_QPV", tension=None)
    import_jsonl(ready, write(tmp_path / "in.jsonl", VALID, second), today=TODAY)
    first_export = tmp_path / "out1.jsonl"
    assert export_jsonl(ready, first_export) == 2
    before = snapshot(ready)
    report = import_jsonl(ready, first_export, today=TODAY)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert snapshot(ready) == before
    second_export = tmp_path / "out2.jsonl"
    export_jsonl(ready, second_export)
    assert first_export.read_bytes() == second_export.read_bytes()
    exported = [json.loads(line) for line in first_export.read_text(encoding="utf-8").splitlines()]
    assert all("notes" not in line and "site" not in line for line in exported)
    by_pseudonym = {m.pseudonym: str(m.id) for m in st.list_mediators(ready)}
    assert exported[0]["mediators"] == [{"id": by_pseudonym[p], "pseudonym": p} for p in ("MED-03", "MED-07")]
    assert all(line["updated_at"].endswith("Z") and line["device_id"] for line in exported)


def test_export_never_writes_notes_even_when_enabled(ready: Database, tmp_path: Path) -> None:
    with ready.session() as session, session.begin():
        session.execute(update(Structure).values(notes_enabled=True))
    import_jsonl(ready, write(tmp_path / "in.jsonl", VALID), today=TODAY)
    assert iv.get_intervention(ready, uuid.UUID(VALID["id"])).data.notes == VALID["notes"]
    out = tmp_path / "out.jsonl"
    export_jsonl(ready, out)
    assert "Rappel" not in out.read_text(encoding="utf-8")
    # Re-importing the export (no notes key) keeps the local notes.
    assert import_jsonl(ready, out, today=TODAY).unchanged == 1
    assert iv.get_intervention(ready, uuid.UUID(VALID["id"])).data.notes == VALID["notes"]
    assert (out.stat().st_mode & 0o777) == 0o600


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("{pas du json", "Ligne 1 : JSON invalide"),
        ("[1, 2]", "Ligne 1 : un objet JSON {…} est attendu par ligne."),
        (dict(VALID, motif=["HALL"]), "Ligne 1, champ « motif » : clé inconnue."),
        (dict(VALID, date="14/10/2026"), "champ « date » : date AAAA-MM-JJ attendue, reçu « 14/10/2026 »."),
        (dict(VALID, date="2026-02-30"), "champ « date » : la date « 2026-02-30 » n'existe pas."),
        (
            dict(VALID, publics=[{"type": "JEUNE", "count": 10**20}]),
            "champ « publics[0].count » : 100000000000000000000 personnes : 9999 au plus par ligne.",
        ),
        (
            dict(VALID, follow_up_of=VALID["id"]),
            "champ « follow_up_of » : une intervention ne peut pas être la suite d'elle-même.",
        ),
        (dict(VALID, site="x" * 201), "champ « site » : 201 caractères : 200 au plus."),
        (dict(VALID, date="2027-01-01"), "champ « date » : la date 01/01/2027 est dans le futur."),
        (dict(VALID, start="25:00"), "champ « start » : heure HH:MM attendue"),
        (dict(VALID, duration_min="20"), 'champ « duration_min » : nombre entier attendu, reçu "20".'),
        (dict(VALID, duration_min=0), "champ « duration_min » : entier entre 1 et 720 minutes attendu, reçu 0."),
        (dict(VALID, mediators=[]), "champ « mediators » : au moins un médiateur est obligatoire."),
        (dict(VALID, mediators=["MED-03", "MED-03"]), "champ « mediators » : un même médiateur est indiqué deux fois."),
        ({k: v for k, v in VALID.items() if k != "outcome"}, "champ « outcome » : valeur obligatoire."),
        (
            dict(VALID, dispositif="Inconnu"),
            "champ « dispositif » : dispositif « Inconnu » inconnu. Dispositifs enregistrés : Médiation habitat Belleville.",
        ),
        (dict(VALID, commune="75-056"), "champ « commune » : code INSEE « 75-056 » invalide"),
        (dict(VALID, qpv="QPV01"), "champ « qpv » : code QPV « QPV01 » invalide"),
        (dict(VALID, tension=[2]), "champ « tension » : 1, 2 ou 3 attendu"),
        (dict(VALID, tension=5), "champ « tension » : code « 5 » inconnu dans le vocabulaire NIVEAU_TENSION"),
        (dict(VALID, publics=[{"type": "JEUNE"}]), "champ « publics[0].count » : valeur obligatoire."),
        (dict(VALID, partners=[{"type": "CAF"}]), "champ « partners[0] » : type et role obligatoires (codes)."),
        (dict(VALID, id="pas-un-uuid"), "champ « id » : identifiant UUID invalide"),
        (
            dict(VALID, follow_up_of="0f6d3c1a-9a59-4d8e-8f0e-3e6a0f7f4b99"),
            "champ « follow_up_of » : intervention d'origine introuvable ou supprimée.",
        ),
    ],
)
def test_each_bad_line_gets_a_precise_french_error(ready: Database, tmp_path: Path, line: Any, expected: str) -> None:
    before = snapshot(ready)
    with pytest.raises(ImportFailed) as caught:
        import_jsonl(ready, write(tmp_path / "f.jsonl", line), today=TODAY)
    assert expected in str(caught.value)
    assert snapshot(ready) == before


def test_duplicate_ids_in_one_file_are_refused(ready: Database, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="identifiant déjà présent à la ligne 1"):
        import_jsonl(ready, write(tmp_path / "f.jsonl", VALID, VALID), today=TODAY)


def test_non_utf8_bom_and_blank_lines(ready: Database, tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(VALID).encode() + b"\n\n   \n")
    assert import_jsonl(ready, path, today=TODAY).created == 1
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(json.dumps(dict(VALID, id=None, site="Résidence")).replace("\\u00e9", "\xe9").encode("latin-1"))
    with pytest.raises(ImportFailed, match="Ligne 1 : texte non UTF-8"):
        import_jsonl(ready, latin, today=TODAY)


def test_a_deleted_intervention_is_not_brought_back(ready: Database, tmp_path: Path) -> None:
    path = write(tmp_path / "f.jsonl", VALID)
    import_jsonl(ready, path, today=TODAY)
    iv.delete_intervention(ready, uuid.UUID(VALID["id"]))
    report = import_jsonl(ready, path, today=TODAY)
    assert report.skipped_deleted == 1 and iv.count_interventions(ready) == 0


def test_lines_without_mediator_ids_are_matched_on_pseudonym_then_name(ready: Database, tmp_path: Path) -> None:
    alice = st.list_mediators(ready)[0].pseudonym
    first = dict(VALID, mediators=["alice martin", "Bruno Petit"])
    second = dict(VALID, id=None, mediators=["bruno petit", alice.lower()])
    report = import_jsonl(ready, write(tmp_path / "f.jsonl", first, second), today=TODAY)
    with ready.session() as session:
        names = dict(session.execute(select(Mediator.pseudonym, Mediator.display_name)).all())
    (bruno,) = report.new_mediators
    assert names == {alice: "Alice Martin", bruno: "Bruno Petit"}
    assert "Bruno" not in "\n".join(report.summary_lines())


def test_import_without_structure_is_refused(db: Database, tmp_path: Path) -> None:
    from medios.services.structure import NoStructureError

    with pytest.raises(NoStructureError):
        import_jsonl(db, write(tmp_path / "f.jsonl", VALID), today=TODAY)


# --- property: a valid file imports whole; one fault is reported on its line and field, nothing written ---


@pytest.fixture(scope="module")
def world(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    seeded = seeded_world(template_db, tmp_path_factory.mktemp("world"))
    yield seeded
    seeded.close()


def _site_name(db: Database, site_id: uuid.UUID | None) -> str | None:
    with db.session() as session:
        return None if site_id is None else session.get_one(Site, site_id).name


@pytest.mark.parametrize("fault", sorted(LINE_FAULTS))
@settings(max_examples=scaled(3), deadline=None)
@given(data=strat.data(), layout=layouts, ascii_only=strat.booleans())
def test_a_valid_file_imports_whole_and_one_fault_is_reported_on_its_line_and_field(
    world: World,
    tmp_path_factory: pytest.TempPathFactory,
    fault: str,
    data: strat.DataObject,
    layout: Layout,
    ascii_only: bool,
) -> None:
    lines, expected = data.draw(valid_file(world), label="valid file")
    records, at, field = LINE_FAULTS[fault](data.draw, lines, world)
    # Lines that follow the broken line lose their first intervention: they are refused too.
    broken_id = lines[at]["id"] if at < len(lines) else None
    orphans = [i for i, line in enumerate(lines) if i != at and broken_id and line.get("follow_up_of") == broken_id]
    folder = tmp_path_factory.mktemp("files")
    with world.copy() as db:
        before, live = table_counts(db), iv.count_interventions(db)
        numbers = write_file(folder / "faulty.jsonl", records, layout, ascii_only=ascii_only)
        with pytest.raises(ImportFailed) as refused:
            import_jsonl(db, folder / "faulty.jsonl", today=TODAY)
        reported = {(e.line, e.field) for e in refused.value.errors}
        assert reported == {(numbers[at], field), *((numbers[i], "follow_up_of") for i in orphans)}
        assert all(e.for_user().startswith("Ligne ") for e in refused.value.errors)
        assert table_counts(db) == before

        numbers = write_file(folder / "valid.jsonl", list(lines), layout, ascii_only=ascii_only)
        report = import_jsonl(db, folder / "valid.jsonl", today=TODAY)
        assert (report.lines, report.created, report.invalid_lines, report.errors) == (numbers[-1], len(lines), 0, ())
        assert (report.updated, report.unchanged, report.skipped_deleted, report.new_mediators) == (0, 0, 0, ())
        new_sites = {e.site for e in expected} & set(NEW_SITE_LABELS)
        assert report.new_sites == len(new_sites)
        assert iv.count_interventions(db) == live + len(lines)
        for line, wanted in zip(lines, expected, strict=True):
            stored = iv.get_intervention(db, uuid.UUID(line["id"])).data
            assert dataclasses.replace(stored, site_id=None) == canonical(wanted.data)
            assert _site_name(db, stored.site_id) == wanted.site


def test_notes_disabled_are_dropped_whatever_their_length(ready: Database, tmp_path: Path) -> None:
    report = import_jsonl(ready, write(tmp_path / "f.jsonl", dict(VALID, notes="x" * 600)), today=TODAY)
    assert report.created == 1 and report.notes_dropped == 1
    assert any("observation(s) libre(s) ignorée(s)" in line for line in report.summary_lines())


def test_notes_enabled_are_kept_checked_and_flagged(ready: Database, tmp_path: Path) -> None:
    with ready.session() as session, session.begin():
        session.execute(update(Structure).values(notes_enabled=True))
    with pytest.raises(ImportFailed, match="600 caractères : 500 au plus"):
        import_jsonl(ready, write(tmp_path / "f.jsonl", dict(VALID, notes="x" * 600)), today=TODAY)
    report = import_jsonl(
        ready, write(tmp_path / "g.jsonl", dict(VALID, notes="Rappeler au 06 12 34 56 78.")), today=TODAY
    )
    assert [w.for_user() for w in report.warnings] == [
        "Ligne 1, champ « notes » : Le texte semble contenir un numéro de téléphone."
    ]
    # Notes switched off later: re-importing a line with notes keeps what is stored.
    with ready.session() as session, session.begin():
        session.execute(update(Structure).values(notes_enabled=False))
    import_jsonl(ready, write(tmp_path / "h.jsonl", dict(VALID, notes="autre texte")), today=TODAY)
    assert iv.get_intervention(ready, uuid.UUID(VALID["id"])).data.notes == "Rappeler au 06 12 34 56 78."


def test_skip_invalid_adds_only_what_accepted_lines_use(ready: Database, tmp_path: Path) -> None:
    rejected = dict(
        VALID, id=None, commune="93066", qpv="QN09399Z", site="Ailleurs", mediators=["Zoé"], dispositif="Inconnu"
    )
    report = import_jsonl(ready, write(tmp_path / "f.jsonl", VALID, rejected), skip_invalid=True, today=TODAY)
    assert report.invalid_lines == 1
    assert report.new_territories == ("75056", "QN07501M") and report.new_sites == 1
    assert report.new_mediators == ("MED-03", "MED-07")
    with ready.session() as session:
        codes = set(session.scalars(select(Territory.code)))
    assert codes == {"75056", "QN07501M"}


def _follow(identifier: str, origin: str, **changes: Any) -> dict[str, Any]:
    return dict(VALID, id=identifier, follow_up_of=origin, **changes)


FIRST = "ffffffff-ffff-4fff-bfff-ffffffffffff"


def test_follow_ups_are_written_after_the_first_intervention(ready: Database, tmp_path: Path) -> None:
    """Ids chosen so that the follow-ups sort before their origin: the insert order must not follow the ids."""
    first = dict(VALID, id=FIRST)
    second = _follow("00000000-0000-4000-8000-000000000001", FIRST)
    third = _follow("00000000-0000-4000-8000-000000000000", FIRST)
    report = import_jsonl(ready, write(tmp_path / "f.jsonl", third, second, first), today=TODAY)
    assert report.created == 3
    assert str(iv.get_intervention(ready, uuid.UUID(third["id"])).data.follow_up_of) == FIRST
    # The link set after the insert reaches the mediators' copy too (the per-mediator figures read it).
    with ready.session() as session:
        flags = dict(
            session.execute(select(InterventionMediator.intervention_id, InterventionMediator.follow_up)).all()
        )
    assert flags == {uuid.UUID(FIRST): False, uuid.UUID(second["id"]): True, uuid.UUID(third["id"]): True}


def test_follow_ups_name_the_first_intervention_of_a_situation(ready: Database, tmp_path: Path) -> None:
    first = dict(VALID, id=FIRST)
    second = _follow("00000000-0000-4000-8000-000000000001", FIRST)
    chained = _follow("00000000-0000-4000-8000-000000000002", second["id"])
    refused_origin = dict(VALID, id="11111111-1111-4111-8111-111111111111", place="PARKING")
    orphan = _follow("22222222-2222-4222-8222-222222222222", refused_origin["id"])
    loop_a = _follow("33333333-3333-4333-8333-333333333333", "44444444-4444-4444-8444-444444444444")
    loop_b = _follow("44444444-4444-4444-8444-444444444444", loop_a["id"])
    lines = (first, second, chained, refused_origin, orphan, loop_a, loop_b)
    report = import_jsonl(ready, write(tmp_path / "f.jsonl", *lines), skip_invalid=True, today=TODAY)
    assert report.created == 2 and report.invalid_lines == 5
    messages = {e.for_user() for e in report.errors}
    assert (
        "Ligne 3, champ « follow_up_of » : l'intervention d'origine est elle-même une suite : indiquez la première de la situation."
        in messages
    )
    assert "Ligne 5, champ « follow_up_of » : intervention d'origine introuvable ou supprimée." in messages
    assert {e.line for e in report.errors} == {3, 4, 5, 6, 7}


def test_a_follow_up_of_a_deleted_intervention_keeps_the_file_importable(ready: Database, tmp_path: Path) -> None:
    # Two laptops: this one deleted the first intervention, the other one recorded a follow-up of it.
    first = dict(VALID, id=FIRST)
    second = _follow("00000000-0000-4000-8000-000000000001", FIRST)
    import_jsonl(ready, write(tmp_path / "f.jsonl", first), today=TODAY)
    iv.delete_intervention(ready, uuid.UUID(FIRST))
    report = import_jsonl(ready, write(tmp_path / "g.jsonl", second), today=TODAY)
    assert report.follow_links_dropped == 1 and report.created == 1
    assert any("vers une intervention supprimée" in line for line in report.summary_lines())
    assert iv.get_intervention(ready, uuid.UUID(second["id"])).data.follow_up_of is None


def test_updates_through_import_are_audited_without_local_fields(ready: Database, tmp_path: Path) -> None:
    import_jsonl(ready, write(tmp_path / "f.jsonl", VALID), today=TODAY)
    import_jsonl(
        ready, write(tmp_path / "g.jsonl", dict(VALID, start="15:00", duration_min=35, motifs=["HALL"])), today=TODAY
    )
    with ready.session() as session:
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "UPDATE")).one()
    changes = json.loads(audit.changes or "{}")
    assert changes == {"duration_min": [20, 35], "motifs": [["BRUIT", "HALL"], ["HALL"]]}
    assert str(audit.record_id) == VALID["id"]
    from medios.services.audit import verify_chain

    assert verify_chain(ready).ok  # the bulk-inserted lines are chained too


def test_export_reads_no_local_column_but_those_the_format_needs() -> None:
    from medios.db.models import Tier, tier_of

    table = Intervention.__table__
    local = {c for c in exporter.EXPORTED_COLUMNS if tier_of(table.c[c]) is Tier.LOCAL}
    assert local == set(exporter.LOCAL_COLUMNS_ALLOWED) == {"start_time", "updated_at", "device_id"}
    keys = {c for c in exporter.EXPORTED_COLUMNS if tier_of(table.c[c]) is Tier.KEY}
    assert keys == {*exporter.EXPORTED_KEYS, "dispositif_id"}  # the dispositif is written as its label
    assert not {"notes", "site_id", "created_by"} & set(exporter.EXPORTED_COLUMNS)


def test_a_demo_export_imports_into_a_fresh_database(ready: Database, tmp_path: Path) -> None:
    """Laptops exchange files: a whole demo base, follow-ups and all, goes into another base."""
    from medios.db import open_database
    from medios.demo import generate_demo

    source = open_database(tmp_path / "source.db")
    generate_demo(source, months=2, mediators=3, seed=5, today=TODAY)
    exported = tmp_path / "demo.jsonl"
    count = export_jsonl(source, exported)
    names = [d.name for d in st.list_dispositifs(source)]
    with source.session() as session:
        credited = set(session.execute(select(InterventionMediator.intervention_id, InterventionMediator.mediator_id)))
    source_team = {(m.id, m.pseudonym) for m in st.list_mediators(source)}
    source.dispose()
    for name in names:
        if name != "Médiation habitat Belleville":
            st.create_dispositif(ready, name, "HABITAT", dt.date(2020, 1, 1))
    report = import_jsonl(ready, exported, today=TODAY)
    assert report.created == count
    with ready.session() as session:
        imported = set(session.execute(select(InterventionMediator.intervention_id, InterventionMediator.mediator_id)))
    assert imported == credited  # each intervention keeps its own mediators: matched by id, not by pseudonym
    assert source_team <= {(m.id, m.pseudonym) for m in st.list_mediators(ready)}
    assert report.presence_links_dropped > 0  # presence blocks are not exchanged in v1: links dropped, counted once
    assert sum("tournée ou permanence" in line for line in report.summary_lines()) == 1
    assert any('"follow_up_of"' in line for line in exported.read_text(encoding="utf-8").splitlines())
    again = tmp_path / "again.jsonl"
    export_jsonl(ready, again)
    strip = [
        {k: v for k, v in json.loads(line).items() if k != "presence_id"}
        for line in exported.read_text(encoding="utf-8").splitlines()
    ]
    assert strip == [json.loads(line) for line in again.read_text(encoding="utf-8").splitlines()]


def test_a_deleted_mediators_pseudonym_is_not_reused(ready: Database, tmp_path: Path) -> None:
    import_jsonl(ready, write(tmp_path / "f.jsonl", VALID), today=TODAY)
    with ready.session() as session, session.begin():
        session.execute(
            update(Mediator).where(Mediator.pseudonym == "MED-03").values(deleted_at=dt.datetime(2026, 11, 1))
        )
    with pytest.raises(ImportFailed, match="le médiateur MED-03 a été supprimé de cette base"):
        import_jsonl(ready, write(tmp_path / "g.jsonl", dict(VALID, id=None)), today=TODAY)
