"""Entry use cases: record, update, soft-delete an intervention, each rule with its French message."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as strat
from sqlalchemy import select

from medios.db import Database
from medios.db.models import AuditLog, Intervention, InterventionPublic
from medios.services import interventions as iv
from medios.services import structure as st
from medios.services.errors import NotFoundError, ValidationError, field_label
from medios.services.rules import PartnerLink, PublicCount, notes_warnings
from medios.services.structure import NoStructureError, StructureSummary
from tests.strategies import ENTRY_FAULTS, TODAY, World, canonical, scaled, seeded_world, snapshot, valid_input


@pytest.fixture
def mediator(db: Database, structure: StructureSummary) -> st.MediatorInfo:
    return st.list_mediators(db)[0]


def _input(mediator_id: uuid.UUID, **changes: object) -> iv.InterventionInput:
    data = iv.InterventionInput(
        date=dt.date(2026, 11, 14),  # a Saturday
        start_time=dt.time(21, 30),
        duration_min=20,
        commune="75056",
        qpv="QN07501M",
        place="HAB_PC",
        registre="CONF",
        sub_registre="CONF_TR",
        domain="HABITAT",
        outcome="APAISE",
        origin="ALLER_VERS",
        tension="2",
        motifs=("HALL", "BRUIT"),
        publics=(PublicCount("JEUNE", "A18_24", "M", 4), PublicCount("HABITANT", "A40_59", "F", 1)),
        partners=(PartnerLink("BAILLEUR", "ALERTE"),),
        mediator_ids=(mediator_id,),
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def test_record_stores_the_intervention_with_derived_fields(db: Database, mediator: st.MediatorInfo) -> None:
    record = iv.record_intervention(db, _input(mediator.id), actor_id=mediator.id, today=TODAY)
    assert (record.month, record.time_band, record.day_type) == (202611, "SOIREE", "WEEKEND")
    assert record.vocab_version == "MEDIOS-2026.1"
    stored = iv.get_intervention(db, record.id)
    assert stored.data.motifs == ("BRUIT", "HALL")
    assert {p.count for p in stored.data.publics} == {1, 4}
    assert stored.data.mediator_ids == (mediator.id,)
    with db.session() as session:
        row = session.get(Intervention, record.id)
        assert row is not None and row.created_by == mediator.id and row.device_id
        audit = session.scalars(select(AuditLog).where(AuditLog.record_id == record.id)).one()
    changes = json.loads(audit.changes or "{}")
    assert audit.action == "CREATE" and changes["registre"] == "CONF"
    assert "start_time" not in changes and "notes" not in changes  # tier L stays out
    assert "site_id" in changes and "id" not in changes  # references are audited; the record id is record_id


def test_holiday_of_the_structure_calendar_is_a_ferie(db: Database, mediator: st.MediatorInfo) -> None:
    record = iv.record_intervention(
        db, _input(mediator.id, date=dt.date(2026, 11, 11), start_time=dt.time(9, 0)), today=TODAY
    )
    assert (record.day_type, record.time_band) == ("FERIE", "MATIN")


def test_update_replaces_children_and_logs_only_what_changed(db: Database, mediator: st.MediatorInfo) -> None:
    record = iv.record_intervention(db, _input(mediator.id), today=TODAY)
    new = _input(mediator.id, duration_min=45, publics=(PublicCount("NR", "NC", "NC", 6),), motifs=())
    updated = iv.update_intervention(db, record.id, new, today=TODAY)
    assert updated.data.duration_min == 45 and updated.data.motifs == ()
    with db.session() as session:
        publics = session.scalars(
            select(InterventionPublic).where(InterventionPublic.intervention_id == record.id)
        ).all()
        assert [(p.public_type, p.count) for p in publics] == [("NR", 6)]
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "UPDATE")).one()
    changes = json.loads(audit.changes or "{}")
    assert changes["duration_min"] == [20, 45]
    assert set(changes) == {"duration_min", "motifs", "publics"}


def test_soft_delete_hides_the_record_but_keeps_the_row(db: Database, mediator: st.MediatorInfo) -> None:
    record = iv.record_intervention(db, _input(mediator.id), today=TODAY)
    iv.delete_intervention(db, record.id)
    assert iv.count_interventions(db) == 0
    with pytest.raises(NotFoundError, match="introuvable"):
        iv.get_intervention(db, record.id)
    with pytest.raises(NotFoundError):
        iv.update_intervention(db, record.id, _input(mediator.id), today=TODAY)
    with db.session() as session:
        row = session.get(Intervention, record.id)
        assert row is not None and row.deleted_at is not None


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"date": dt.date(2026, 11, 26)}, "Date : la date 26/11/2026 est dans le futur."),
        ({"date": dt.date(1999, 12, 31)}, "Date : date antérieure au 01/01/2000"),
        ({"duration_min": 0}, "Durée (min) : entier entre 1 et 720 minutes attendu, reçu 0."),
        ({"duration_min": 721}, "Durée (min) : entier entre 1 et 720 minutes attendu, reçu 721."),
        ({"commune": "7505"}, "Commune : code INSEE « 7505 » invalide"),
        ({"qpv": "QN123"}, "QPV : code QPV « QN123 » invalide"),
        (
            {"place": "PARKING"},
            "Lieu : code « PARKING » inconnu dans le vocabulaire LIEU (MEDIOS-2026.1). Codes autorisés : RUE,",
        ),
        ({"registre": ""}, "Registre : valeur obligatoire."),
        ({"sub_registre": "MER_INFO"}, "Sous-registre : « MER_INFO » n'est pas un sous-registre de « CONF »."),
        ({"domain": "MER"}, "Domaine : code « MER » inconnu"),
        ({"outcome": "OK"}, "Issue : code « OK » inconnu dans le vocabulaire ISSUE"),
        ({"origin": "X"}, "Origine : code « X » inconnu"),
        ({"tension": "4"}, "Niveau de tension : code « 4 » inconnu"),
        ({"motifs": ("HALL", "HALL")}, "Motif(s) : un même motif est indiqué deux fois."),
        ({"motifs": ("DROGUE",)}, "Motif(s) (ligne 1) : code « DROGUE » inconnu"),
        (
            {"publics": (PublicCount("JEUNE", "A18_24", "M", 0),)},
            "Publics concernés (ligne 1) : entier supérieur ou égal à 1 attendu, reçu 0.",
        ),
        (
            {"publics": (PublicCount("JEUNE", "A18_24", "M", 1), PublicCount("JEUNE", "A18_24", "M", 2))},
            "Publics concernés (ligne 2) : la combinaison JEUNE / A18_24 / M figure deux fois",
        ),
        (
            {"publics": (PublicCount("JEUNE", "A99", "M", 1),)},
            "Publics concernés (ligne 1) : code « A99 » inconnu dans le vocabulaire TRANCHE_AGE",
        ),
        ({"partners": (PartnerLink("CAF", "APPELE"),)}, "Partenaires mobilisés (ligne 1) : code « APPELE » inconnu"),
        ({"mediator_ids": ()}, "Médiateur(s) : au moins un médiateur est obligatoire."),
        ({"mediator_ids": (uuid.uuid4(),)}, "Médiateur(s) : 1 médiateur(s) inconnu(s) ou supprimé(s)."),
        ({"dispositif_id": uuid.uuid4()}, "Dispositif : enregistrement introuvable ou supprimé."),
        ({"follow_up_of": uuid.uuid4()}, "Suite de : intervention d'origine introuvable ou supprimée."),
        ({"notes": "Échange calme."}, "Observations : les observations libres sont désactivées pour cette structure."),
    ],
)
def test_each_rule_names_its_field_in_french(
    db: Database, mediator: st.MediatorInfo, changes: dict[str, object], expected: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        iv.record_intervention(db, _input(mediator.id, **changes), today=TODAY)
    assert expected in str(caught.value)
    assert iv.count_interventions(db) == 0


def test_all_errors_are_reported_at_once(db: Database, mediator: st.MediatorInfo) -> None:
    with pytest.raises(ValidationError) as caught:
        iv.record_intervention(db, _input(mediator.id, duration_min=0, place="X", outcome="Y"), today=TODAY)
    assert set(caught.value.by_field()) == {"duration_min", "place", "outcome"}


def test_arrondissements_are_recorded_under_their_commune() -> None:
    from medios.services.rules import normalise_commune

    assert normalise_commune("75111") == "75056"
    assert normalise_commune("69383") == "69123"
    assert normalise_commune("13216") == "13055"
    assert normalise_commune("75121") == "75121"
    assert normalise_commune("93066") == "93066"


def test_follow_up_names_the_first_intervention_of_its_situation(db: Database, mediator: st.MediatorInfo) -> None:
    first = iv.record_intervention(db, _input(mediator.id), today=TODAY)
    second = iv.record_intervention(db, _input(mediator.id, follow_up_of=first.id), today=TODAY)
    assert iv.get_intervention(db, second.id).data.follow_up_of == first.id
    with pytest.raises(ValidationError, match="suite d'elle-même"):
        iv.update_intervention(db, first.id, _input(mediator.id, follow_up_of=first.id), today=TODAY)
    with pytest.raises(ValidationError, match="elle-même une suite : indiquez la première de la situation"):
        iv.record_intervention(db, _input(mediator.id, follow_up_of=second.id), today=TODAY)
    other = iv.record_intervention(db, _input(mediator.id), today=TODAY)
    with pytest.raises(ValidationError, match="d'autres interventions suivent celle-ci"):
        iv.update_intervention(db, first.id, _input(mediator.id, follow_up_of=other.id), today=TODAY)


def test_a_follow_up_cannot_start_before_its_origin(db: Database, mediator: st.MediatorInfo) -> None:
    first = iv.record_intervention(db, _input(mediator.id), today=TODAY)  # 14/11 21:30
    earlier = _input(mediator.id, follow_up_of=first.id, start_time=dt.time(21, 29))
    with pytest.raises(ValidationError) as caught:
        iv.record_intervention(db, earlier, today=TODAY)
    assert caught.value.by_field() == {
        "follow_up_of": ["la suite ne peut pas commencer avant l'intervention d'origine (14/11/2026 21:30)."]
    }
    second = iv.record_intervention(
        db, _input(mediator.id, follow_up_of=first.id, date=dt.date(2026, 11, 20)), today=TODAY
    )
    # Nor can the origin move after its follow-ups.
    with pytest.raises(ValidationError, match="une suite de cette intervention commence avant elle"):
        iv.update_intervention(db, first.id, _input(mediator.id, date=dt.date(2026, 11, 21)), today=TODAY)
    assert iv.get_intervention(db, first.id).data.date == dt.date(2026, 11, 14)
    assert iv.get_intervention(db, second.id).data.follow_up_of == first.id


def test_an_origin_with_live_follow_ups_cannot_be_deleted(db: Database, mediator: st.MediatorInfo) -> None:
    first = iv.record_intervention(db, _input(mediator.id), today=TODAY)
    second = iv.record_intervention(db, _input(mediator.id, follow_up_of=first.id), today=TODAY)
    with pytest.raises(ValidationError) as caught:
        iv.delete_intervention(db, first.id)
    assert "1 intervention(s) sont la suite de celle-ci" in str(caught.value)
    assert iv.count_interventions(db) == 2
    iv.delete_intervention(db, second.id)  # once the follow-up is gone, the origin can go
    iv.delete_intervention(db, first.id)
    assert iv.count_interventions(db) == 0


def test_a_known_id_is_refused_in_french(db: Database, mediator: st.MediatorInfo) -> None:
    first = iv.record_intervention(db, _input(mediator.id), today=TODAY)
    with pytest.raises(ValidationError, match="Identifiant : identifiant déjà utilisé."):
        iv.record_intervention(db, _input(mediator.id), today=TODAY, intervention_id=first.id)


def test_notes_warnings_spot_personal_data() -> None:
    assert len(notes_warnings("Appeler le 06 12 34 56 78 ou jean@exemple.fr")) == 2
    assert notes_warnings("NIR 1 84 12 75 115 423 57") == ["Le texte semble contenir un numéro de sécurité sociale."]
    assert notes_warnings("Échange calme avec le groupe dans le hall.") == []


def test_nothing_can_be_recorded_before_the_structure_exists(db: Database) -> None:
    with pytest.raises(NoStructureError, match="medios init"):
        iv.record_intervention(db, _input(uuid.uuid4()), today=TODAY)


def test_structure_is_registered_once(db: Database, structure: StructureSummary) -> None:
    assert structure.name == "Médiation Test" and structure.mediators == 1
    coordinator = st.list_mediators(db)[0]
    assert coordinator.pseudonym == f"MED-{coordinator.id.hex[:4].upper()}" and coordinator.role == "ADMIN"
    with pytest.raises(ValidationError, match="déjà enregistrée"):
        st.init_structure(db, "Autre")
    with pytest.raises(ValidationError, match="CALENDRIER_FERIES"):
        st.init_structure(db, "Autre", holiday_calendar="LUNE")


def test_reference_lists_validate_their_input(db: Database, structure: StructureSummary) -> None:
    bruno = st.create_mediator(db, "Bruno Petit")
    assert bruno.pseudonym == f"MED-{bruno.id.hex[:4].upper()}"
    st.create_dispositif(db, "Médiation habitat", "HABITAT", dt.date(2024, 1, 1))
    with pytest.raises(ValidationError, match="déjà ce nom"):
        st.create_dispositif(db, "Médiation habitat", "HABITAT", dt.date(2024, 1, 1))
    with pytest.raises(ValidationError, match="valeur obligatoire"):
        st.create_mediator(db, "   ")
    with pytest.raises(ValidationError, match="INSEE"):
        st.create_site(db, "Résidence des Lilas", "HAB_PC", "7505")
    assert st.create_site(db, "Résidence des Lilas", "HAB_PC", "75056", "QN07501M")


# --- property: a valid entry is stored whole; one fault is refused on its field, and nothing is written ----


@pytest.fixture(scope="module")
def world(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    seeded = seeded_world(template_db, tmp_path_factory.mktemp("world"))
    yield seeded
    seeded.close()


def _french(error: ValidationError) -> None:
    for e in error.errors:
        assert e.for_user().startswith(f"{field_label(e.field)} : ")
        assert e.message[0].islower() or e.message[0] in "«0123456789%", e


@pytest.mark.parametrize("fault", sorted(ENTRY_FAULTS))
@settings(max_examples=scaled(4), deadline=None)
@given(data=strat.data())
def test_a_valid_entry_is_stored_whole_and_one_fault_is_refused_on_its_field(
    world: World, fault: str, data: strat.DataObject
) -> None:
    valid = data.draw(valid_input(world), label="valid")
    faulty, field = ENTRY_FAULTS[fault](data.draw, valid, world)
    with world.copy() as db:
        record = iv.record_intervention(db, valid, today=TODAY)
        assert iv.get_intervention(db, record.id).data == canonical(valid)
        before = snapshot(db)
        with pytest.raises(ValidationError) as refused:
            iv.record_intervention(db, faulty, today=TODAY)
        assert {e.field for e in refused.value.errors} == {field}
        _french(refused.value)
        with pytest.raises(ValidationError) as refused:
            iv.update_intervention(db, record.id, faulty, today=TODAY)
        assert {e.field for e in refused.value.errors} == {field}
        assert snapshot(db) == before
        assert iv.get_intervention(db, record.id).data == canonical(valid)


def test_an_edit_moves_the_mediators_copies_of_date_and_time(db: Database, mediator: st.MediatorInfo) -> None:
    """The journal's mediator index orders by copies of the parent's date and time (migration 0006)."""
    record = iv.record_intervention(db, _input(mediator.id), actor_id=mediator.id, today=TODAY)
    moved = _input(mediator.id, date=dt.date(2026, 11, 10), start_time=dt.time(7, 5))
    iv.update_intervention(db, record.id, moved, today=TODAY)
    with db.engine.connect() as conn:
        copies = conn.exec_driver_sql(
            "SELECT date, start_time FROM intervention_mediator WHERE intervention_id = ?", (record.id.bytes,)
        ).fetchall()
    assert copies == [("2026-11-10", "07:05:00.000000")]


# --------------------------------------------------------------------------- directory partners


def _partner_rows(db: Database) -> list[tuple[str, str, uuid.UUID | None]]:
    from medios.db.models import InterventionPartner

    with db.session() as session:
        return sorted(
            session.execute(
                select(InterventionPartner.partner_type, InterventionPartner.role, InterventionPartner.partner_id)
            ).all(),
            key=str,
        )


def test_a_directory_partner_is_kept_through_create_load_update_duplicate_and_detail(
    db: Database, mediator: st.MediatorInfo
) -> None:
    from medios.services import directory
    from medios.services.journal_detail import intervention_detail

    lilas = directory.create_partner(db, directory.PartnerFields("Habitat des Lilas", "BAILLEUR"))
    caf = directory.create_partner(db, directory.PartnerFields("CAF de Seine", "CAF"))
    data = _input(
        mediator.id, partners=(PartnerLink("BAILLEUR", "ALERTE", lilas.id), PartnerLink("POLICE_MUNICIPALE", "ALERTE"))
    )
    record = iv.record_intervention(db, data, actor_id=mediator.id, today=TODAY)
    assert _partner_rows(db) == sorted(
        [("BAILLEUR", "ALERTE", lilas.id), ("POLICE_MUNICIPALE", "ALERTE", None)], key=str
    )
    loaded = iv.get_intervention(db, record.id)
    assert set(loaded.data.partners) == {
        PartnerLink("BAILLEUR", "ALERTE", lilas.id),
        PartnerLink("POLICE_MUNICIPALE", "ALERTE"),
    }
    detail = intervention_detail(db, record.id)
    assert dict(zip(loaded.data.partners, detail.partners, strict=True)) == {
        PartnerLink("BAILLEUR", "ALERTE", lilas.id): "Habitat des Lilas",
        PartnerLink("POLICE_MUNICIPALE", "ALERTE"): None,
    }
    # Only the directory partner changes: that is a change (written and logged).
    changed = dataclasses.replace(
        data, partners=(PartnerLink("CAF", "ORIENTE", caf.id), PartnerLink("POLICE_MUNICIPALE", "ALERTE"))
    )
    iv.update_intervention(
        db, record.id, dataclasses.replace(changed, consent="OUI"), actor_id=mediator.id, today=TODAY
    )
    assert _partner_rows(db) == sorted([("CAF", "ORIENTE", caf.id), ("POLICE_MUNICIPALE", "ALERTE", None)], key=str)
    copy = iv.duplicate_intervention(db, record.id, actor_id=mediator.id, today=TODAY)
    assert PartnerLink("CAF", "ORIENTE", caf.id) in iv.get_intervention(db, copy.id).data.partners
    assert len([r for r in _partner_rows(db) if r[2] == caf.id]) == 2


def test_a_directory_partner_must_exist_be_live_and_have_the_rows_type(db: Database, mediator: st.MediatorInfo) -> None:
    from medios.services import directory

    lilas = directory.create_partner(db, directory.PartnerFields("Habitat des Lilas", "BAILLEUR"))
    gone = directory.create_partner(db, directory.PartnerFields("Ancien bailleur", "BAILLEUR"))
    directory.retire_partner(db, gone.id)
    cases = {
        uuid.uuid4(): "partenaire introuvable dans l'annuaire, ou retiré.",
        gone.id: "partenaire introuvable dans l'annuaire, ou retiré.",
    }
    for partner_id, message in cases.items():
        with pytest.raises(ValidationError) as caught:
            iv.record_intervention(
                db, _input(mediator.id, partners=(PartnerLink("BAILLEUR", "ALERTE", partner_id),)), today=TODAY
            )
        assert [(e.field, e.message) for e in caught.value.errors] == [("partners[0].partner", message)]
    with pytest.raises(ValidationError) as caught:
        iv.record_intervention(db, _input(mediator.id, partners=(PartnerLink("CAF", "ALERTE", lilas.id),)), today=TODAY)
    assert [(e.field, e.message) for e in caught.value.errors] == [
        ("partners[0].partner", "ce partenaire de l'annuaire n'est pas du type CAF.")
    ]
    assert iv.count_interventions(db) == 0 and _partner_rows(db) == []


def test_an_imported_line_keeps_the_directory_partner_of_its_stored_version(
    db: Database, mediator: st.MediatorInfo, tmp_path: Path
) -> None:
    """The interchange format has no partner id (domain §9): a line exported then imported again, newer,
    keeps the partner chosen in this base for the same type and role."""
    from medios.services import directory
    from medios.services.interchange import export_lines, import_jsonl

    lilas = directory.create_partner(db, directory.PartnerFields("Habitat des Lilas", "BAILLEUR"))
    data = _input(mediator.id, partners=(PartnerLink("BAILLEUR", "ALERTE", lilas.id),))
    iv.record_intervention(db, data, actor_id=mediator.id, today=TODAY)
    (line,) = list(export_lines(db))
    assert line["partners"] == [{"type": "BAILLEUR", "role": "ALERTE"}]
    line["duration_min"] = 35
    line.pop("updated_at", None)  # a line without version: it replaces the stored one
    path = tmp_path / "again.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    report = import_jsonl(db, path, today=TODAY)
    assert report.updated == 1, report
    assert _partner_rows(db) == [("BAILLEUR", "ALERTE", lilas.id)]
