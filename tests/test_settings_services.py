"""Settings services: the structure, users, dispositifs, territories, sites and partners are created,
corrected, renamed and retired (soft, logged); invalid input is a French message per field, nothing written."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from medios.db import Database
from medios.db.models import AuditLog, Dispositif, Mediator, Partner, Site, Structure, Territory
from medios.services import directory as dr
from medios.services import structure as st
from medios.services import territories as tr
from medios.services.errors import NotFoundError, ValidationError
from medios.services.structure import StructureSummary


def _log(db: Database, table: str) -> list[tuple[str, dict[str, list[object]] | None]]:
    with db.session() as session:
        rows = session.execute(
            select(AuditLog.action, AuditLog.changes).where(AuditLog.table_name == table).order_by(AuditLog.id)
        )
        return [(action, json.loads(changes) if changes else None) for action, changes in rows]


def _count(db: Database, model: type) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_structure_is_corrected_and_logged(db: Database, structure: StructureSummary) -> None:
    info = st.update_structure(
        db,
        name="Médiation du Val",
        holiday_calendar="ALSACE_MOSELLE",
        notes_enabled=True,
        siret="732 829 320 00074",
        legal_status="GIP",
    )
    assert (info.name, info.holiday_calendar, info.notes_enabled, info.siret, info.legal_status) == (
        "Médiation du Val",
        "ALSACE_MOSELLE",
        True,
        "73282932000074",
        "GIP",
    )
    assert st.get_structure(db) == info
    action, changes = _log(db, "structure")[-1]
    assert action == "UPDATE" and changes is not None
    assert changes["name"] == ["Médiation Test", "Médiation du Val"] and changes["legal_status"] == [
        "ASSOCIATION",
        "GIP",
    ]
    assert "notes_enabled" not in changes  # tier L: never in the log


def test_invalid_structure_is_refused_field_by_field(db: Database, structure: StructureSummary) -> None:
    with pytest.raises(ValidationError) as caught:
        st.update_structure(
            db, name=" ", holiday_calendar="LUNE", notes_enabled=False, siret="73282932000075", legal_status="GIP"
        )
    fields = caught.value.by_field()
    assert fields["structure"] == ["le nom de la structure est obligatoire."]
    assert "LUNE" in fields["holiday_calendar"][0]
    assert fields["siret"] == ["numéro SIRET invalide (clé de contrôle) : vérifiez-le."]
    assert st.get_structure(db).name == "Médiation Test"


def test_mediator_is_corrected_and_retired(db: Database, structure: StructureSummary) -> None:
    bob = st.create_mediator(db, "Bob Durand")
    info = st.update_mediator(db, bob.id, display_name="Robert Durand", role="COORDINATEUR")
    assert (info.display_name, info.role, info.pseudonym) == ("Robert Durand", "COORDINATEUR", bob.pseudonym)
    with pytest.raises(ValidationError) as caught:
        st.update_mediator(db, bob.id, display_name="", role="CHEF")
    assert set(caught.value.by_field()) == {"name", "role"}
    st.retire_mediator(db, bob.id)
    assert [m.pseudonym for m in st.list_mediators(db)] == [
        m.pseudonym for m in st.list_mediators(db) if m.id != bob.id
    ]
    assert bob.id not in {m.id for m in st.list_mediators(db)}
    with db.session() as session:
        assert session.get(Mediator, bob.id).deleted_at is not None  # the row stays: its history too
    actions = [a for a, _c in _log(db, "mediator")]
    assert actions[-3:] == ["UPDATE", "ROLE", "DELETE"]  # the change of role is a line of its own too
    with pytest.raises(NotFoundError):
        st.retire_mediator(db, bob.id)


def test_dispositif_is_renamed_then_retired_and_its_name_freed(db: Database, structure: StructureSummary) -> None:
    first = st.create_dispositif(db, "Médiation habitat", "HABITAT", dt.date(2024, 1, 1))
    st.create_dispositif(db, "Correspondants de nuit", "NUIT", dt.date(2024, 1, 1))
    with pytest.raises(ValidationError) as caught:
        st.update_dispositif(
            db, first, name="Correspondants de nuit", main_domain="HABITAT", start_date=dt.date(2024, 1, 1)
        )
    assert caught.value.by_field() == {"dispositif": ["un dispositif porte déjà ce nom."]}
    with pytest.raises(ValidationError) as caught:
        st.update_dispositif(
            db, first, name="X", main_domain="HABITAT", start_date=dt.date(2024, 1, 1), end_date=dt.date(2023, 1, 1)
        )
    assert caught.value.by_field() == {"end_date": ["la fin précède le début."]}
    info = st.update_dispositif(db, first, name="Habitat Est", main_domain="HABITAT", start_date=dt.date(2024, 2, 1))
    assert info.name == "Habitat Est"
    st.retire_dispositif(db, first)
    assert [d.name for d in st.list_dispositifs(db)] == ["Correspondants de nuit"]
    st.create_dispositif(db, "Habitat Est", "HABITAT", dt.date(2025, 1, 1))  # a retired name is free again
    assert _count(db, Dispositif) == 3


def test_territory_is_corrected_and_retired(db: Database, structure: StructureSummary) -> None:
    info = tr.add_territory(db, "COMMUNE", "93066", "St-Denis", vintage="2024")
    fixed = tr.update_territory(db, info.id, label="Saint-Denis")
    assert fixed.label == "Saint-Denis" and fixed.code == "93066"
    with pytest.raises(ValidationError) as caught:
        tr.update_territory(db, info.id, label="  ")
    assert caught.value.by_field() == {"label": ["le libellé est obligatoire."]}
    tr.retire_territory(db, info.id)
    assert tr.list_territories(db) == []
    assert [a for a, _c in _log(db, "territory")] == ["CREATE", "UPDATE", "DELETE"]


def test_pasted_list_and_csv_are_previewed_then_imported_all_or_nothing(
    db: Database, structure: StructureSummary
) -> None:
    preview = tr.parse_territories("93066 Saint-Denis\n93001 Aubervilliers\n", vintage="2024")
    assert preview.ok and [(r.code, r.label) for r in preview.rows] == [
        ("93066", "Saint-Denis"),
        ("93001", "Aubervilliers"),
    ]
    csv = "niveau;code;libellé;millésime;rattachement\nQPV;QN09301M;Franc-Moisin;2024;93066\nCOMMUNE;9306;Bad;2024;\n"
    bad = tr.parse_territories(csv)
    assert not bad.ok
    assert [e.for_user() for e in bad.errors] == [
        "Ligne 3, Code : « 9306 » invalide pour le niveau COMMUNE : code INSEE à 5 caractères (2A ou 2B pour la Corse) attendu."
    ]
    with pytest.raises(ValidationError):
        tr.import_territories(db, bad)
    assert _count(db, Territory) == 0
    assert tr.import_territories(db, preview) == 2
    again = tr.parse_territories("93066;Saint-Denis\n93048;Montreuil\n", vintage="2024")
    with pytest.raises(ValidationError) as caught:
        tr.import_territories(db, again)
    assert caught.value.by_field() == {"import": ["Ligne 1, Code : ce territoire figure déjà dans la liste."]}
    assert _count(db, Territory) == 2  # Montreuil was not added: all or nothing


def test_official_cog_file_keeps_communes_only(db: Database, structure: StructureSummary) -> None:
    cog = (
        "TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT\n"
        "COM,93066,11,93,93D,932,0,SAINT DENIS,Saint-Denis,Saint-Denis,9399,\n"
        "ARM,75101,11,75,75C,751,0,PARIS 1ER,Paris 1er,Paris 1er Arrondissement,,75056\n"
    )
    preview = tr.parse_territories(cog, vintage="2024")
    assert preview.ok and [(r.level, r.code, r.label) for r in preview.rows] == [("COMMUNE", "93066", "Saint-Denis")]
    duplicate = tr.parse_territories("93066;A\n93066;B\n", vintage="2024")
    assert [e.message for e in duplicate.errors] == ["93066 figure déjà ligne 1."]


def test_site_is_corrected_and_retired(db: Database, structure: StructureSummary) -> None:
    first = st.create_site(db, "Résidence Les Tilleuls", "HAB_PC", "93066")
    st.create_site(db, "Collège Pasteur", "SCOL_ABORDS", "93066")
    with pytest.raises(ValidationError) as caught:
        dr.update_site(db, first, name="Collège Pasteur", place="NULLE", commune="9306")
    assert set(caught.value.by_field()) == {"site", "place", "commune"}
    info = dr.update_site(db, first, name="Résidence Les Lilas", place="HAB_ABORDS", commune="93066", qpv="QN09301M")
    assert (info.name, info.place, info.qpv) == ("Résidence Les Lilas", "HAB_ABORDS", "QN09301M")
    dr.retire_site(db, first)
    assert [s.name for s in dr.list_sites(db)] == ["Collège Pasteur"]
    assert _count(db, Site) == 2
    changes = [c for a, c in _log(db, "site") if a == "UPDATE"][0]
    assert changes is not None and "name" not in changes  # a site's name is tier L


def test_partner_directory(db: Database, structure: StructureSummary) -> None:
    info = dr.create_partner(db, dr.PartnerFields("CCAS de Saint-Denis", "CCAS", "93066", "Mme Roux", "01 02 03 04 05"))
    with pytest.raises(ValidationError) as caught:
        dr.create_partner(db, dr.PartnerFields("ccas de saint-denis", "INCONNU", email="pas-un-mail"))
    assert caught.value.by_field() == {
        "partner": ["un partenaire porte déjà ce nom."],
        "partner_type": [caught.value.by_field()["partner_type"][0]],
        "email": ["adresse e-mail attendue (nom@domaine.fr)."],
    }
    assert _count(db, Partner) == 1
    fixed = dr.update_partner(db, info.id, dr.PartnerFields("CCAS Saint-Denis", "CCAS", email="ccas@ville.fr"))
    assert (fixed.name, fixed.email, fixed.phone, fixed.commune) == ("CCAS Saint-Denis", "ccas@ville.fr", None, None)
    dr.retire_partner(db, info.id)
    assert dr.list_partners(db) == []
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Structure)) == 1
    assert [a for a, _c in _log(db, "partner")] == ["CREATE", "UPDATE", "DELETE"]


def test_bulk_import_logs_each_creation_links_qpv_and_completes_imported_codes(
    db: Database, structure: StructureSummary
) -> None:
    from medios.db.models import qpv_commune

    with db.transaction() as session:  # a code an interchange import added, label = code
        session.add(
            Territory(
                level="COMMUNE",
                code="93001",
                label="93001",
                vintage=tr.IMPORT_VINTAGE,
                device_id="d",
                vocab_version="v",
            )
        )
    preview = tr.parse_territories(
        "niveau;code;libellé;rattachement\nQPV;QN09301M;Franc-Moisin;93066\nCOMMUNE;93001;Aubervilliers;\n",
        vintage="2024",
    )
    assert tr.import_territories(db, preview) == 2
    assert sorted((t.level, t.code, t.label, t.vintage) for t in tr.list_territories(db)) == [
        ("COMMUNE", "93001", "Aubervilliers", "2024"),
        ("QPV", "QN09301M", "Franc-Moisin", "2024"),
    ]
    log = _log(db, "territory")
    assert [a for a, _c in log] == ["UPDATE", "CREATE"]
    created = log[1][1]
    assert created is not None and created["code"] == "QN09301M" and created["parent_code"] == "93066"
    with db.session() as session:
        assert session.execute(select(qpv_commune)).all() == [("QN09301M", "93066", "2024")]
