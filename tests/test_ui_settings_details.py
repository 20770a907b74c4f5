"""« Paramètres », every field of domain brief §2.1, filled like a user: the structure's observatory id,
networks, certification and siège; a dispositif's funders, territories, time bands and commissioners; a
site's UAI, éducation prioritaire and landlord; a user's contract, quotité, hours, qualifications and dates.
Invalid input shows the French message on its field and writes nothing.  Retired items are shown and
restored (« Rétablir »), a name taken by a live item refused on the name field."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from medios.db import Database
from medios.db.models import AuditLog, Dispositif, Mediator, Site, Structure, dispositif_funder, structure_network
from medios.services import directory as dr
from medios.services import structure as st
from medios.services import territories as tr
from tests import test_ui_settings
from tests.test_ui_settings import _rows, _save, _texts, _type_into
from tests.ui_support import Keyboard

from medios.ui import msgbox
from medios.ui.pages.settings import SettingsPage
from medios.ui.settings.base import ID_ROLE, CheckList

page = test_ui_settings.page  # the fixture: a settings page on a base with a structure


def _tick(qtbot, checks: CheckList, value: object) -> None:
    """Reach the choice ``value`` with the arrow keys and tick it with Space."""
    row = next(r for r in range(checks.count()) if checks.item(r).data(ID_ROLE) == value)
    checks.setFocus()
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_Home)
    if row:
        keyboard.press(Qt.Key.Key_Down, times=row)
    keyboard.press(Qt.Key.Key_Space)


def _children(db: Database, table) -> list[tuple]:
    with db.session() as session:
        return sorted(tuple(r) for r in session.execute(select(table)))


def test_structure_details_are_entered_and_refused_on_their_field(qtbot, page: SettingsPage, db: Database) -> None:
    section = page.structure
    page.show_section(section)
    _type_into(qtbot, section.observatory_id, "OBS 93 0042")
    _tick(qtbot, section.networks, "FRANCE_MEDIATION")
    _type_into(qtbot, section.hq_commune, "75111")
    _save(qtbot)
    (row,) = _rows(db, Structure)
    assert (row.observatory_id, row.hq_commune) == ("OBS930042", "75056")
    assert [n for _, n in _children(db, structure_network)] == ["FRANCE_MEDIATION"]
    assert section.observatory_id.text() == "OBS930042"
    _type_into(qtbot, section.observatory_id, "x")
    _type_into(qtbot, section.hq_commune, "7505")
    _save(qtbot)
    assert section.error_for("observatory_id").text().startswith("Identifiant observatoire invalide")
    assert section.error_for("hq_commune").text().startswith("Code INSEE « 7505 » invalide")
    (row,) = _rows(db, Structure)
    assert (row.observatory_id, row.hq_commune) == ("OBS930042", "75056")  # nothing written


def test_dispositif_links_are_ticked_and_saved(qtbot, page: SettingsPage, db: Database) -> None:
    commune = tr.add_territory(db, "COMMUNE", "93066", "Saint-Denis", vintage="2024")
    bailleur = dr.create_partner(db, dr.PartnerFields("Plaine Commune Habitat", "BAILLEUR"))
    section = page.dispositifs
    page.show_section(section)
    section.refresh()  # the territories and partners added since the page opened
    section.new_button.click()
    _type_into(qtbot, section.name, "Habitat Est")
    _type_into(qtbot, section.domain.lineEdit(), "habitat")
    Keyboard(qtbot).press(Qt.Key.Key_Tab)
    _tick(qtbot, section.funders, "CONTRAT_VILLE")
    _tick(qtbot, section.territories, commune.id)
    _tick(qtbot, section.time_bands, "SOIREE")
    _tick(qtbot, section.commissioners, bailleur.id)
    _save(qtbot)
    (row,) = _rows(db, Dispositif)
    assert _children(db, dispositif_funder) == [(row.id, "CONTRAT_VILLE")]
    (info,) = st.list_dispositifs(db)
    assert info.links == st.DispositifLinks(
        frozenset({"CONTRAT_VILLE"}), frozenset({commune.id}), frozenset({"SOIREE"}), frozenset({bailleur.id})
    )
    _tick(qtbot, section.funders, "CONTRAT_VILLE")  # unticked
    _save(qtbot)
    assert _children(db, dispositif_funder) == []


def test_site_school_fields_and_landlord(qtbot, page: SettingsPage, db: Database) -> None:
    bailleur = dr.create_partner(db, dr.PartnerFields("Plaine Commune Habitat", "BAILLEUR"))
    section = page.sites
    page.show_section(section)
    section.refresh()
    section.new_button.click()
    _type_into(qtbot, section.name, "College Pasteur")
    _type_into(qtbot, section.place.lineEdit(), "SCOL_IN")
    Keyboard(qtbot).press(Qt.Key.Key_Tab)
    _type_into(qtbot, section.commune, "93066")
    _type_into(qtbot, section.uai, "093123A")
    _save(qtbot)
    assert section.error_for("uai").text().startswith("Code UAI « 093123A » invalide")
    assert _rows(db, Site) == []
    _type_into(qtbot, section.uai, "0931234a")
    _type_into(qtbot, section.educ_prio.lineEdit(), "REP_PLUS")
    Keyboard(qtbot).press(Qt.Key.Key_Tab)
    _save(qtbot)
    (row,) = _rows(db, Site)
    assert (row.uai, row.educ_prio, row.landlord_id) == ("0931234A", "REP_PLUS", None)
    # A landlord on a school is refused on the landlord field.
    section.landlord.setFocus()
    Keyboard(qtbot).press(Qt.Key.Key_Down)
    assert section.landlord.currentData() == str(bailleur.id)
    _save(qtbot)
    assert section.error_for("landlord").text() == "Bailleur réservé aux sites d'habitat."
    assert _rows(db, Site)[0].landlord_id is None


def test_user_employment_fields_and_default_hours(qtbot, page: SettingsPage, db: Database) -> None:
    section = page.users
    page.show_section(section)
    section.new_button.click()
    _type_into(qtbot, section.name, "Bob Durand")
    _type_into(qtbot, section.contract.lineEdit(), "CDI")
    Keyboard(qtbot).press(Qt.Key.Key_Tab)
    _type_into(qtbot, section.fte, "70")
    assert section.weekly.specialValueText() == "— (24,5 h par défaut)"
    _tick(qtbot, section.qualifications, "TP_MSADS")
    _save(qtbot)
    bob = next(m for m in _rows(db, Mediator) if m.display_name == "Bob Durand")
    assert (bob.contract, bob.fte_percent, bob.weekly_minutes) == ("CDI", 70, None)
    info = next(m for m in st.list_mediators(db) if m.id == bob.id)
    assert info.details.qualifications == frozenset({"TP_MSADS"}) and info.effective_weekly_minutes == 1470
    _type_into(qtbot, section.weekly, "28")
    _save(qtbot)
    assert next(m for m in _rows(db, Mediator) if m.id == bob.id).weekly_minutes == 28 * 60
    # A departure before the arrival is refused on the departure field.
    section.start.setDate(section.start.date().currentDate())
    section.end.setDate(section.start.date().addDays(-1))
    _save(qtbot)
    assert section.error_for("end_date").text() == "La sortie précède l'entrée."
    assert next(m for m in _rows(db, Mediator) if m.id == bob.id).start_date is None


def test_retired_items_are_shown_and_restored(
    qtbot, page: SettingsPage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = st.create_dispositif(db, "Habitat", "HABITAT", dt.date(2024, 1, 1))
    st.retire_dispositif(db, old)
    st.create_dispositif(db, "Habitat", "NUIT", dt.date(2025, 1, 1))
    partner = dr.create_partner(db, dr.PartnerFields("CCAS", "CCAS"))
    dr.retire_partner(db, partner.id)
    section = page.dispositifs
    page.show_section(section)
    assert not section.restore_button.isVisible()
    section.show_retired.click()
    assert section.restore_button.isVisible() and not section.save_button.isVisible()
    assert len(_texts(section.items)) == 1 and not section.name.isEnabled()
    section.items.setFocus()
    Keyboard(qtbot).press(Qt.Key.Key_Down)
    section.restore_button.click()
    assert section.error_for("dispositif").text().startswith("Un dispositif actif porte déjà ce nom")
    assert len(st.list_dispositifs(db, retired=True)) == 1

    partners = page.partners
    page.show_section(partners)
    partners.show_retired.click()
    partners.items.setFocus()
    Keyboard(qtbot).press(Qt.Key.Key_Down)
    partners.restore_button.click()
    assert [p.name for p in dr.list_partners(db)] == ["CCAS"] and dr.list_partners(db, retired=True) == []
    assert not partners.show_retired.isChecked() and partners.current_id == partner.id
    with db.session() as session:
        actions = list(session.scalars(select(AuditLog.action).where(AuditLog.record_id == partner.id)))
    assert actions == ["CREATE", "DELETE", "RESTORE"]
    monkeypatch.setattr(msgbox, "question", lambda *_args: True)
    partners.retire_button.click()
    assert dr.list_partners(db) == []
