"""Tournées, collective actions and partner meetings: services, each rule with its French message."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid

import pytest
from sqlalchemy import select

from medios.db import Database
from medios.db.models import (
    ActionCollective,
    ActionMediator,
    ActionPartner,
    ActionPublic,
    AuditLog,
    MeetingMediator,
    MeetingPartner,
    PartnerMeeting,
    PresenceActive,
    PresenceMediator,
)
from medios.services import actions, meetings, presence
from medios.services import interventions as iv
from medios.services import structure as st
from medios.services.derive import block_duration
from medios.services.errors import NotFoundError, ValidationError
from medios.services.rules import PublicCount
from medios.services.structure import StructureSummary

TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def mediator(db: Database, structure: StructureSummary) -> st.MediatorInfo:
    return st.list_mediators(db)[0]


def _presence(mediator_id: uuid.UUID, **changes: object) -> presence.PresenceInput:
    data = presence.PresenceInput(
        date=dt.date(2026, 11, 14),  # a Saturday
        start_time=dt.time(21, 0),
        end_time=dt.time(1, 30),
        presence_type="TOURNEE_PIED",
        commune="75056",
        qpv="QN07501M",
        mediator_ids=(mediator_id,),
        informal_contacts=12,
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def _action(mediator_id: uuid.UUID, **changes: object) -> actions.ActionInput:
    data = actions.ActionInput(
        date=dt.date(2026, 11, 12),
        start_time=dt.time(14, 0),
        duration_min=90,
        commune="93066",
        place="EQUIP",
        registre="SENS",
        theme="NUMERIQUE",
        participants=15,
        title="Atelier démarches en ligne",
        publics=(PublicCount("HABITANT", "A60_69", "F", 8), PublicCount("HABITANT", "A60_69", "M", 5)),
        partner_types=("CCAS", "FRANCE_SERVICES"),
        mediator_ids=(mediator_id,),
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def _meeting(mediator_id: uuid.UUID, **changes: object) -> meetings.MeetingInput:
    data = meetings.MeetingInput(
        date=dt.date(2026, 11, 10),
        duration_min=120,
        meeting_type="CLSPD",
        subject="Point trimestriel",
        partner_types=("COMMUNE", "POLICE_MUNICIPALE"),
        mediator_ids=(mediator_id,),
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def _errors(excinfo: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return excinfo.value.by_field()


# --------------------------------------------------------------------------- présence active


def test_block_over_midnight_lasts_until_the_next_day_and_belongs_to_its_start(
    db: Database, mediator: st.MediatorInfo
) -> None:
    record = presence.record_presence(db, _presence(mediator.id), actor_id=mediator.id, today=TODAY)
    assert block_duration(dt.time(21, 0), dt.time(1, 30)) == 270
    assert (record.duration_min, record.month, record.time_band, record.day_type) == (270, 202611, "SOIREE", "WEEKEND")
    assert record.crosses_midnight
    with db.session() as session:
        row = session.scalars(select(PresenceActive)).one()
        assert (row.date, row.start_time, row.end_time, row.duration_min) == (
            dt.date(2026, 11, 14),
            dt.time(21, 0),
            dt.time(1, 30),
            270,
        )
        assert row.created_by == mediator.id and row.informal_contacts == 12
        assert list(session.scalars(select(PresenceMediator.mediator_id))) == [mediator.id]
        log = session.scalars(select(AuditLog).where(AuditLog.table_name == "presence_active")).one()
        changes = json.loads(log.changes or "{}")
        assert log.action == "CREATE" and changes["mediators"] == [str(mediator.id)]
        assert "start_time" not in changes and "end_time" not in changes  # tier L stays out of the log


def test_block_rules_have_french_messages_on_their_field_and_write_nothing(
    db: Database, mediator: st.MediatorInfo
) -> None:
    bad = _presence(
        mediator.id,
        date=dt.date(2026, 12, 25),
        start_time=dt.time(6, 0),
        end_time=dt.time(21, 0),
        presence_type="PATROUILLE",
        commune="7505",
        qpv="QX1",
        mediator_ids=(),
        informal_contacts=-1,
    )
    with pytest.raises(ValidationError) as excinfo:
        presence.record_presence(db, bad, today=TODAY)
    errors = _errors(excinfo)
    assert set(errors) == {"date", "end", "presence_type", "commune", "qpv", "mediators", "informal_contacts"}
    assert errors["end"] == ["le bloc dure 15 h 00 : 14 h au plus."]
    assert errors["mediators"] == ["au moins un médiateur est obligatoire."]
    with pytest.raises(ValidationError) as excinfo:
        presence.record_presence(db, _presence(mediator.id, end_time=dt.time(21, 0)), today=TODAY)
    assert _errors(excinfo)["end"] == ["la fin est égale au début : indiquez l'heure de fin."]
    with db.session() as session:
        assert session.scalars(select(PresenceActive)).first() is None
        assert session.scalars(select(AuditLog).where(AuditLog.table_name == "presence_active")).first() is None


def test_fourteen_hours_is_the_longest_block(db: Database, mediator: st.MediatorInfo) -> None:
    record = presence.record_presence(
        db, _presence(mediator.id, start_time=dt.time(20, 0), end_time=dt.time(10, 0)), today=TODAY
    )
    assert record.duration_min == 840


def test_update_replaces_mediators_and_logs_the_change(db: Database, mediator: st.MediatorInfo) -> None:
    other = st.create_mediator(db, "Bruno Petit")
    record = presence.record_presence(db, _presence(mediator.id), today=TODAY)
    updated = presence.update_presence(
        db, record.id, _presence(mediator.id, mediator_ids=(other.id,), informal_contacts=3), today=TODAY
    )
    assert updated.data.informal_contacts == 3 and updated.mediators == (other.pseudonym,)
    with db.session() as session:
        assert list(session.scalars(select(PresenceMediator.mediator_id))) == [other.id]
        log = session.scalars(select(AuditLog).where(AuditLog.action == "UPDATE")).one()
        assert json.loads(log.changes or "{}")["informal_contacts"] == [12, 3]
    # the same content again writes no log line
    presence.update_presence(db, record.id, dataclasses.replace(updated.data), today=TODAY)
    with db.session() as session:
        assert len(list(session.scalars(select(AuditLog).where(AuditLog.action == "UPDATE")))) == 1


def test_interventions_made_during_a_block_are_listed_and_keep_it(db: Database, mediator: st.MediatorInfo) -> None:
    block = presence.record_presence(db, _presence(mediator.id), today=TODAY)
    made = iv.record_intervention(
        db,
        iv.InterventionInput(
            date=dt.date(2026, 11, 14),
            start_time=dt.time(22, 10),
            duration_min=15,
            commune="75056",
            place="HAB_PC",
            registre="CONF",
            domain="HABITAT",
            outcome="APAISE",
            mediator_ids=(mediator.id,),
            presence_id=block.id,
        ),
        today=TODAY,
    )
    linked = presence.linked_interventions(db, block.id)
    assert [(i.id, i.registre, i.duration_min) for i in linked] == [(made.id, "CONF", 15)]
    assert presence.get_presence(db, block.id).interventions == 1
    with pytest.raises(ValidationError) as excinfo:
        presence.delete_presence(db, block.id)
    assert "presence_id" in _errors(excinfo)
    iv.delete_intervention(db, made.id)
    assert presence.linked_interventions(db, block.id) == []
    presence.delete_presence(db, block.id)
    with pytest.raises(NotFoundError):
        presence.get_presence(db, block.id)
    assert presence.list_presences(db) == []


def test_list_is_newest_first_bounded_and_pages_on(db: Database, mediator: st.MediatorInfo) -> None:
    days = [dt.date(2026, 9, 3), dt.date(2026, 11, 2), dt.date(2026, 10, 20), dt.date(2026, 11, 2)]
    starts = [dt.time(9, 0), dt.time(9, 0), dt.time(14, 0), dt.time(18, 0)]
    for day, start in zip(days, starts, strict=True):
        presence.record_presence(
            db, _presence(mediator.id, date=day, start_time=start, end_time=dt.time(20, 0)), today=TODAY
        )
    first = presence.list_presences(db, limit=2)
    assert [(r.data.date, r.data.start_time) for r in first] == [
        (dt.date(2026, 11, 2), dt.time(18, 0)),
        (dt.date(2026, 11, 2), dt.time(9, 0)),
    ]
    rest = presence.list_presences(db, limit=10, before=first[-1])
    assert [r.data.date for r in rest] == [dt.date(2026, 10, 20), dt.date(2026, 9, 3)]


@pytest.mark.parametrize(
    ("query", "index"),
    [
        (
            "SELECT * FROM presence_active WHERE deleted_at IS NULL "
            "ORDER BY month DESC, date DESC, start_time DESC, id DESC LIMIT 50",
            "ix_presence_active_month",
        ),
        (
            "SELECT * FROM action_collective WHERE deleted_at IS NULL "
            "ORDER BY month DESC, date DESC, start_time DESC, id DESC LIMIT 50",
            "ix_action_collective_month",
        ),
        (
            "SELECT * FROM partner_meeting WHERE deleted_at IS NULL ORDER BY month DESC, date DESC, id DESC LIMIT 50",
            "ix_partner_meeting_month",
        ),
        (
            "SELECT id FROM intervention WHERE presence_id = :p AND deleted_at IS NULL ORDER BY date, start_time, id",
            "ix_intervention_presence_id",
        ),
    ],
)
def test_lists_read_an_index(db: Database, query: str, index: str) -> None:
    """The orders of list_presences, list_actions, list_meetings and linked_interventions (kept in step)."""
    from sqlalchemy import text

    with db.engine.connect() as conn:
        plan = " ".join(str(r[-1]) for r in conn.execute(text("EXPLAIN QUERY PLAN " + query), {"p": b"0" * 16}))
    assert index in plan


# --------------------------------------------------------------------------- actions collectives


def test_action_is_stored_with_its_publics_partners_and_mediators(db: Database, mediator: st.MediatorInfo) -> None:
    record = actions.record_action(db, _action(mediator.id), actor_id=mediator.id, today=TODAY)
    assert record.month == 202611 and record.mediators == (mediator.pseudonym,)
    with db.session() as session:
        row = session.scalars(select(ActionCollective)).one()
        assert (row.registre, row.theme, row.participants, row.title) == (
            "SENS",
            "NUMERIQUE",
            15,
            "Atelier démarches en ligne",
        )
        assert sorted((p.sex, p.count) for p in session.scalars(select(ActionPublic))) == [("F", 8), ("M", 5)]
        assert sorted(session.scalars(select(ActionPartner.partner_type))) == ["CCAS", "FRANCE_SERVICES"]
        assert list(session.scalars(select(ActionMediator.mediator_id))) == [mediator.id]
    assert actions.get_action(db, record.id).data == record.data


def test_action_rules_and_nothing_written(db: Database, mediator: st.MediatorInfo) -> None:
    bad = _action(
        mediator.id,
        registre="CONF_TR",
        theme="JARDIN",
        participants=10,
        duration_min=0,
        title="x" * 121,
        partner_types=("CCAS", "CCAS"),
        mediator_ids=(uuid.uuid4(),),
    )
    with pytest.raises(ValidationError) as excinfo:
        actions.record_action(db, bad, today=TODAY)
    errors = _errors(excinfo)
    assert set(errors) == {"registre", "theme", "duration_min", "title", "publics", "partners", "mediators"}
    assert errors["publics"] == ["la répartition compte 13 personnes pour 10 participants."]
    assert errors["registre"][0].startswith("code « CONF_TR » inconnu dans le vocabulaire REGISTRE")
    with db.session() as session:
        assert session.scalars(select(ActionCollective)).first() is None


def test_action_update_and_delete(db: Database, mediator: st.MediatorInfo) -> None:
    record = actions.record_action(db, _action(mediator.id), today=TODAY)
    updated = actions.update_action(db, record.id, _action(mediator.id, publics=(), partner_types=()), today=TODAY)
    assert updated.data.publics == () and updated.data.partner_types == ()
    with db.session() as session:
        assert session.scalars(select(ActionPublic)).first() is None
    actions.delete_action(db, record.id)
    assert actions.list_actions(db) == []
    with pytest.raises(NotFoundError):
        actions.update_action(db, record.id, _action(mediator.id), today=TODAY)


# --------------------------------------------------------------------------- réunions partenariales


def test_meeting_is_stored_with_partners_and_mediators(db: Database, mediator: st.MediatorInfo) -> None:
    record = meetings.record_meeting(db, _meeting(mediator.id), actor_id=mediator.id, today=TODAY)
    with db.session() as session:
        row = session.scalars(select(PartnerMeeting)).one()
        assert (row.meeting_type, row.duration_min, row.month, row.subject) == (
            "CLSPD",
            120,
            202611,
            "Point trimestriel",
        )
        assert sorted(session.scalars(select(MeetingPartner.partner_type))) == ["COMMUNE", "POLICE_MUNICIPALE"]
        assert list(session.scalars(select(MeetingMediator.mediator_id))) == [mediator.id]
    assert meetings.list_meetings(db)[0].id == record.id


def test_meeting_rules_and_nothing_written(db: Database, mediator: st.MediatorInfo) -> None:
    with pytest.raises(ValidationError) as excinfo:
        meetings.record_meeting(
            db,
            _meeting(mediator.id, meeting_type="", duration_min=721, partner_types=("MAIRIE",), mediator_ids=()),
            today=TODAY,
        )
    errors = _errors(excinfo)
    assert set(errors) == {"meeting_type", "duration_min", "partners", "mediators"}
    assert errors["meeting_type"] == ["valeur obligatoire."]
    with db.session() as session:
        assert session.scalars(select(PartnerMeeting)).first() is None


def test_meeting_update_and_delete(db: Database, mediator: st.MediatorInfo) -> None:
    record = meetings.record_meeting(db, _meeting(mediator.id), today=TODAY)
    updated = meetings.update_meeting(db, record.id, _meeting(mediator.id, duration_min=45, subject=" "), today=TODAY)
    assert (updated.data.duration_min, updated.data.subject) == (45, None)
    meetings.delete_meeting(db, record.id)
    assert meetings.list_meetings(db) == []
    with db.session() as session:
        actions_logged = [
            a for a in session.scalars(select(AuditLog.action).where(AuditLog.table_name == "partner_meeting"))
        ]
    assert actions_logged == ["CREATE", "UPDATE", "DELETE"]
