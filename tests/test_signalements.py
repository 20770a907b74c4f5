"""Technical signalements recorded with a VTEC intervention (one row per defect), and the form's services."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from medios.db import Database
from medios.services import entry
from medios.services import interventions as iv
from medios.services import structure as st
from medios.services.errors import ValidationError
from tests.test_interventions import TODAY, _input


@pytest.fixture
def mediator(db: Database, structure: st.StructureSummary) -> st.MediatorInfo:
    return st.list_mediators(db)[0]


def _vtec(mediator: st.MediatorInfo, *signals: iv.TechSignal) -> iv.InterventionInput:
    return _input(mediator.id, registre="VTEC", sub_registre=None, outcome="SIGNALE", signalements=signals)


def _rows(db: Database) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db.path)
    rows = con.execute(
        "SELECT signal_type, recipient_type, treated, deleted_at IS NULL FROM tech_signalement ORDER BY created_at"
    ).fetchall()
    con.close()
    return rows


def test_signalements_are_stored_read_back_and_replaced(db: Database, mediator: st.MediatorInfo) -> None:
    lift = iv.TechSignal("ASCENSEUR", "BAILLEUR")
    light = iv.TechSignal("ECLAIRAGE", "COMMUNE", "OUI", dt.date(2026, 11, 14), dt.date(2026, 11, 15))
    record = iv.record_intervention(db, _vtec(mediator, lift, light), actor_id=mediator.id, today=TODAY)
    assert iv.get_intervention(db, record.id).data.signalements == (lift, light)
    assert _rows(db) == [("ASCENSEUR", "BAILLEUR", "INCONNU", 1), ("ECLAIRAGE", "COMMUNE", "OUI", 1)]
    iv.update_intervention(db, record.id, _vtec(mediator, light), today=TODAY)  # only the signalements change
    assert iv.get_intervention(db, record.id).data.signalements == (light,)
    live = [r for r in _rows(db) if r[3]]
    assert live == [("ECLAIRAGE", "COMMUNE", "OUI", 1)] and len(_rows(db)) == 3  # the old ones soft-deleted
    con = sqlite3.connect(db.path)
    (changes,) = con.execute("SELECT changes FROM audit_log WHERE action = 'UPDATE'").fetchone()
    con.close()
    assert "ASCENSEUR/BAILLEUR/INCONNU" in changes and "ECLAIRAGE/COMMUNE/OUI" in changes


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ("not_vtec", "signalements", "registre Veille technique"),
        ("bad_type", "signalements[0].signal_type", "inconnu dans le vocabulaire TYPE_VEILLE_TECH"),
        ("dates", "signalements[0].treated_on", "précède"),
    ],
)
def test_invalid_signalements_are_refused_and_nothing_is_written(
    db: Database, mediator: st.MediatorInfo, data: str, field: str, message: str
) -> None:
    if data == "not_vtec":
        wrong = _input(mediator.id, signalements=(iv.TechSignal("ASCENSEUR", "BAILLEUR"),))
    elif data == "bad_type":
        wrong = _vtec(mediator, iv.TechSignal("FUITE", "BAILLEUR"))
    else:
        wrong = _vtec(
            mediator, iv.TechSignal("ASCENSEUR", "BAILLEUR", "OUI", dt.date(2026, 11, 14), dt.date(2026, 11, 1))
        )
    with pytest.raises(ValidationError) as caught:
        iv.record_intervention(db, wrong, today=TODAY)
    assert any(e.field == field and message in e.message for e in caught.value.errors), caught.value.errors
    assert _rows(db) == [] and iv.count_interventions(db) == 0


def test_recent_situations_are_bounded_newest_first_and_first_of_their_situation(
    db: Database, mediator: st.MediatorInfo
) -> None:
    old = iv.record_intervention(db, _input(mediator.id, date=dt.date(2026, 6, 1)), today=TODAY)
    first = iv.record_intervention(db, _input(mediator.id, date=dt.date(2026, 11, 10)), today=TODAY)
    second = iv.record_intervention(db, _input(mediator.id, date=dt.date(2026, 11, 12)), today=TODAY)
    iv.record_intervention(db, _input(mediator.id, date=dt.date(2026, 11, 13), follow_up_of=first.id), today=TODAY)
    found = entry.recent_situations(db, today=TODAY)
    assert [s.id for s in found] == [second.id, first.id]  # the follow-up and the old one left out
    assert [s.id for s in entry.recent_situations(db, today=TODAY, limit=1)] == [second.id]
    assert [s.id for s in entry.recent_situations(db, today=TODAY, days=365)][-1] == old.id
    assert second.id not in [s.id for s in entry.recent_situations(db, today=TODAY, exclude=second.id)]


def test_entry_choices_list_the_structure_lists(db: Database, structure: st.StructureSummary) -> None:
    dispositif = st.create_dispositif(db, "Médiation habitat", "HABITAT", dt.date(2024, 1, 1))
    st.create_site(db, "Résidence Les Tilleuls", "HAB_PC", "93066", "HORS_QPV")
    choices = entry.entry_choices(db)
    assert [(d.id, d.main_domain) for d in choices.dispositifs] == [(dispositif, "HABITAT")]
    assert [(s.name, s.commune, s.qpv) for s in choices.sites] == [("Résidence Les Tilleuls", "93066", "HORS_QPV")]
    assert choices.notes_enabled is False and choices.partners == ()
