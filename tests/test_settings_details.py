"""Settings services, every field of domain brief §2.1: the structure's observatory id, networks, AFNOR date
and siège; a dispositif's funders, territories, time bands and commissioners; a site's UAI, éducation
prioritaire and landlord; a mediator's contract, quotité, hours, qualifications and dates.  And the
restore of every retired item, logged, refused in French when a live item took its name."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from medios.db import Database
from medios.db.models import (
    AuditLog,
    Mediator,
    Site,
    Structure,
    dispositif_commissioner,
    dispositif_funder,
    dispositif_territory,
    dispositif_time_band,
    mediator_qualification,
    structure_network,
)
from medios.services import directory as dr
from medios.services import structure as st
from medios.services import territories as tr
from medios.services.errors import ValidationError
from medios.services.structure import StructureSummary


def _actions(db: Database, table: str) -> list[tuple[str, dict[str, list[object]] | None]]:
    with db.session() as session:
        rows = session.execute(
            select(AuditLog.action, AuditLog.changes).where(AuditLog.table_name == table).order_by(AuditLog.id)
        )
        return [(action, json.loads(changes) if changes else None) for action, changes in rows]


def _rows(db: Database, table: object) -> list[tuple[object, ...]]:
    with db.session() as session:
        return sorted((tuple(r) for r in session.execute(select(table))), key=str)  # type: ignore[call-overload]


def _update(db: Database, details: st.StructureDetails) -> st.StructureSettings:
    return st.update_structure(
        db, name="Médiation Test", holiday_calendar="METROPOLE", notes_enabled=False, siret=None,
        legal_status="ASSOCIATION", details=details,
    )  # fmt: skip


def test_structure_details_are_stored_and_logged(db: Database, structure: StructureSummary) -> None:
    details = st.StructureDetails(" OBS-93 0042 ", frozenset({"FRANCE_MEDIATION"}), dt.date(2019, 5, 2), "75111")
    info = _update(db, details)
    assert info.details == st.StructureDetails(
        "OBS-930042", frozenset({"FRANCE_MEDIATION"}), dt.date(2019, 5, 2), "75056"
    )
    with db.session() as session:
        row = session.scalars(select(Structure)).one()
        assert (row.observatory_id, row.afnor_certified_on, row.hq_commune) == (
            "OBS-930042",
            dt.date(2019, 5, 2),
            "75056",
        )
    assert [r[1] for r in _rows(db, structure_network)] == ["FRANCE_MEDIATION"]
    action, changes = _actions(db, "structure")[-1]
    assert action == "UPDATE" and changes is not None
    assert changes["networks"] == [[], ["FRANCE_MEDIATION"]] and changes["observatory_id"] == [None, "OBS-930042"]
    # Cleared again: no network, no id.
    assert _update(db, st.StructureDetails()).details == st.StructureDetails()
    assert _rows(db, structure_network) == []


def test_invalid_structure_details_are_refused_on_their_fields(db: Database, structure: StructureSummary) -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        _update(db, st.StructureDetails("é!", frozenset({"INCONNU"}), tomorrow, "7505"))
    fields = caught.value.by_field()
    assert set(fields) == {"observatory_id", "networks", "afnor_certified_on", "hq_commune"}
    assert fields["observatory_id"][0].startswith("identifiant observatoire invalide")
    assert fields["afnor_certified_on"] == ["la date de certification est dans le futur."]
    assert st.get_structure(db).details == st.StructureDetails()  # nothing written
    assert _rows(db, structure_network) == []


def test_dispositif_links_are_stored_replaced_and_checked(db: Database, structure: StructureSummary) -> None:
    commune = tr.add_territory(db, "COMMUNE", "93066", "Saint-Denis", vintage="2024")
    qpv = tr.add_territory(db, "QPV", "QN09301M", "Franc-Moisin", vintage="2024", parent_code="93066")
    bailleur = dr.create_partner(db, dr.PartnerFields("Plaine Commune Habitat", "BAILLEUR"))
    links = st.DispositifLinks(
        funders=frozenset({"CONTRAT_VILLE", "ADULTES_RELAIS"}),
        territory_ids=frozenset({commune.id, qpv.id}),
        time_bands=frozenset({"SOIREE"}),
        commissioner_ids=frozenset({bailleur.id}),
    )
    new_id = st.create_dispositif(
        db, "Habitat", "HABITAT", dt.date(2024, 1, 1), end_date=dt.date(2026, 12, 31), links=links
    )
    assert st.list_dispositifs(db)[0].links == links
    assert sorted(r[1] for r in _rows(db, dispositif_funder)) == ["ADULTES_RELAIS", "CONTRAT_VILLE"]
    assert len(_rows(db, dispositif_territory)) == 2 and _rows(db, dispositif_commissioner) == [(new_id, bailleur.id)]
    fewer = st.DispositifLinks(funders=frozenset({"CONTRAT_VILLE"}), time_bands=frozenset({"NUIT"}))
    info = st.update_dispositif(
        db, new_id, name="Habitat", main_domain="HABITAT", start_date=dt.date(2024, 1, 1), links=fewer
    )
    assert info.links == fewer and _rows(db, dispositif_territory) == [] and _rows(db, dispositif_commissioner) == []
    assert [r[1] for r in _rows(db, dispositif_time_band)] == ["NUIT"]
    changes = _actions(db, "dispositif")[-1][1]
    assert changes is not None and changes["funders"] == [["ADULTES_RELAIS", "CONTRAT_VILLE"], ["CONTRAT_VILLE"]]
    tr.retire_territory(db, commune.id)
    dr.retire_partner(db, bailleur.id)
    bad = st.DispositifLinks(
        funders=frozenset({"LOTO"}),
        territory_ids=frozenset({commune.id}),
        time_bands=frozenset({"MINUIT"}),
        commissioner_ids=frozenset({bailleur.id}),
    )
    with pytest.raises(ValidationError) as caught:
        st.update_dispositif(
            db, new_id, name="Habitat", main_domain="HABITAT", start_date=dt.date(2024, 1, 1), links=bad
        )
    assert set(caught.value.by_field()) == {"funders", "territories", "time_bands", "commissioners"}
    assert st.list_dispositifs(db)[0].links == fewer  # nothing written


def test_site_school_and_housing_details(db: Database, structure: StructureSummary) -> None:
    bailleur = dr.create_partner(db, dr.PartnerFields("Plaine Commune Habitat", "BAILLEUR"))
    school = st.create_site(db, "Collège Pasteur", "SCOL_IN", "93066", details=st.SiteDetails(" 0931234a ", "REP_PLUS"))
    housing = st.create_site(db, "Les Tilleuls", "HAB_PC", "93066", details=st.SiteDetails(landlord_id=bailleur.id))
    with db.session() as session:
        rows = {r.name: (r.uai, r.educ_prio, r.landlord_id) for r in session.scalars(select(Site))}
    assert rows == {"Collège Pasteur": ("0931234A", "REP_PLUS", None), "Les Tilleuls": (None, None, bailleur.id)}
    with pytest.raises(ValidationError) as caught:
        dr.update_site(
            db, housing, name="Les Tilleuls", place="HAB_PC", commune="93066", details=st.SiteDetails("0931234A", "REP")
        )
    assert caught.value.by_field() == {
        "uai": ["code UAI réservé aux établissements scolaires."],
        "educ_prio": ["éducation prioritaire réservée aux établissements scolaires."],
    }
    with pytest.raises(ValidationError) as caught:
        dr.update_site(
            db, school, name="Collège Pasteur", place="SCOL_IN", commune="93066",
            details=st.SiteDetails("093123A", "ZEP", bailleur.id),
        )  # fmt: skip
    assert set(caught.value.by_field()) == {"uai", "educ_prio", "landlord"}
    assert "7 chiffres et une lettre" in caught.value.by_field()["uai"][0]
    # Without details, a correction keeps them.
    info = dr.update_site(db, school, name="Collège Louis Pasteur", place="SCOL_IN", commune="93066")
    assert info.details == st.SiteDetails("0931234A", "REP_PLUS", None)


def test_mediator_employment_details(db: Database, structure: StructureSummary) -> None:
    details = st.MediatorDetails("ADULTE_RELAIS", 70, None, frozenset({"TP_MSADS"}), dt.date(2023, 9, 1))
    bob = st.create_mediator(db, "Bob Durand", details=details)
    assert bob.details == details and bob.effective_weekly_minutes == 1470  # 35 h × 70 % = 24 h 30
    assert [r[1] for r in _rows(db, mediator_qualification)] == ["TP_MSADS"]
    changed = st.MediatorDetails("CDI", 100, 32 * 60, frozenset({"CAP_APM", "TP_MSADS"}), dt.date(2023, 9, 1))
    info = st.update_mediator(db, bob.id, display_name="Bob Durand", role="MEDIATEUR", details=changed)
    assert info.details == changed and info.effective_weekly_minutes == 32 * 60
    with db.session() as session:
        row = session.get_one(Mediator, bob.id)
        assert (row.contract, row.fte_percent, row.weekly_minutes) == ("CDI", 100, 1920)
    bad = st.MediatorDetails("STAGE", 5, 50 * 60, frozenset({"BAC"}), dt.date(2024, 1, 1), dt.date(2023, 1, 1))
    with pytest.raises(ValidationError) as caught:
        st.update_mediator(db, bob.id, display_name="Bob Durand", role="MEDIATEUR", details=bad)
    fields = caught.value.by_field()
    assert set(fields) == {"contract", "fte_percent", "weekly_minutes", "qualifications", "end_date"}
    assert fields["end_date"] == ["la sortie précède l'entrée."]
    assert next(m for m in st.list_mediators(db) if m.id == bob.id).details == changed  # nothing written


def test_every_retired_item_is_restored_with_its_history(db: Database, structure: StructureSummary) -> None:
    bob = st.create_mediator(db, "Bob Durand")
    dispositif = st.create_dispositif(db, "Habitat", "HABITAT", dt.date(2024, 1, 1))
    territory = tr.add_territory(db, "COMMUNE", "93066", "Saint-Denis", vintage="2024")
    site = st.create_site(db, "Les Tilleuls", "HAB_PC", "93066")
    partner = dr.create_partner(db, dr.PartnerFields("CCAS", "CCAS"))
    st.retire_mediator(db, bob.id)
    st.retire_dispositif(db, dispositif)
    tr.retire_territory(db, territory.id)
    dr.retire_site(db, site)
    dr.retire_partner(db, partner.id)
    assert [m.id for m in st.list_mediators(db, retired=True)] == [bob.id]
    assert [d.id for d in st.list_dispositifs(db, retired=True)] == [dispositif]
    assert [t.id for t in tr.list_territories(db, retired=True)] == [territory.id]
    assert [s.id for s in dr.list_sites(db, retired=True)] == [site]
    assert [p.id for p in dr.list_partners(db, retired=True)] == [partner.id]

    assert st.restore_mediator(db, bob.id).pseudonym == bob.pseudonym
    assert st.restore_dispositif(db, dispositif).name == "Habitat"
    assert tr.restore_territory(db, territory.id).code == "93066"
    assert dr.restore_site(db, site).name == "Les Tilleuls"
    assert dr.restore_partner(db, partner.id).name == "CCAS"
    assert bob.id in {m.id for m in st.list_mediators(db)} and st.list_mediators(db, retired=True) == []
    for table in ("mediator", "dispositif", "territory", "site", "partner"):
        assert [action for action, _ in _actions(db, table)][-3:] == ["CREATE", "DELETE", "RESTORE"], table


def test_restoring_a_name_taken_by_a_live_item_is_refused(db: Database, structure: StructureSummary) -> None:
    old = st.create_dispositif(db, "Habitat", "HABITAT", dt.date(2024, 1, 1))
    st.retire_dispositif(db, old)
    st.create_dispositif(db, "Habitat", "NUIT", dt.date(2025, 1, 1))
    old_site = st.create_site(db, "Les Tilleuls", "HAB_PC", "93066")
    dr.retire_site(db, old_site)
    st.create_site(db, "Les Tilleuls", "HAB_PC", "93066")
    old_partner = dr.create_partner(db, dr.PartnerFields("CCAS", "CCAS"))
    dr.retire_partner(db, old_partner.id)
    dr.create_partner(db, dr.PartnerFields("ccas", "CCAS"))
    for restore, record_id, field in (
        (st.restore_dispositif, old, "dispositif"),
        (dr.restore_site, old_site, "site"),
        (dr.restore_partner, old_partner.id, "partner"),
    ):
        with pytest.raises(ValidationError) as caught:
            restore(db, record_id)
        assert list(caught.value.by_field()) == [field]
        assert "renommez-le avant de rétablir" in caught.value.by_field()[field][0]
    assert len(st.list_dispositifs(db, retired=True)) == 1  # still retired
    assert [a for a, _ in _actions(db, "dispositif")].count("RESTORE") == 0
