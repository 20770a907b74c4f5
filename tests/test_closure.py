"""Closing a month: frozen figures, amendments for every later change, reopening, the CLI, the import."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select, update

from medios.cli import run as main
from medios.db import Database
from medios.db.models import Amendment, AuditLog, MonthClosure, Structure
from medios.services import actions, amendments, closure, meetings, presence
from medios.services import interventions as iv
from medios.services import structure as st
from medios.services.aggregates import Period, Scope
from medios.services.errors import ValidationError
from medios.services.interchange import export_jsonl, import_jsonl
from medios.services.structure import StructureSummary
from tests.test_activities import _action, _meeting, _presence
from tests.test_interventions import _input

TODAY = dt.date(2026, 11, 25)
OCTOBER, NOVEMBER = 202610, 202611


@pytest.fixture
def coordinator(db: Database, structure: StructureSummary) -> st.MediatorInfo:
    found = st.list_mediators(db)[0]
    assert found.role == "ADMIN"  # the structure's first user coordinates and administers
    return found


@pytest.fixture
def mediator(db: Database, structure: StructureSummary) -> st.MediatorInfo:
    return st.create_mediator(db, "Bruno Diallo")


def _october(mediator_id: uuid.UUID, day: int = 14, **changes: object) -> iv.InterventionInput:
    return _input(mediator_id, date=dt.date(2026, 10, day), **changes)


def _amendments(db: Database) -> list[Amendment]:
    with db.session() as session:
        rows = list(session.scalars(select(Amendment).order_by(Amendment.at)))
        session.expunge_all()
    return rows


# --------------------------------------------------------------------------- closing


def test_a_month_not_over_cannot_be_closed(db: Database, coordinator: st.MediatorInfo) -> None:
    with pytest.raises(ValidationError) as excinfo:
        closure.close_month(db, NOVEMBER, actor_id=coordinator.id, today=TODAY)
    assert excinfo.value.by_field() == {
        "month": ["le mois 2026-11 n'est pas terminé : il pourra être clôturé à partir du 01/12/2026."]
    }
    assert closure.month_state(db, NOVEMBER).status == closure.OPEN


def test_only_a_coordinator_closes_or_reopens(
    db: Database, coordinator: st.MediatorInfo, mediator: st.MediatorInfo
) -> None:
    with pytest.raises(ValidationError) as excinfo:
        closure.close_month(db, OCTOBER, actor_id=mediator.id, today=TODAY)
    assert list(excinfo.value.by_field()) == ["role"]
    closure.close_month(db, OCTOBER, actor_id=coordinator.id, today=TODAY)
    with pytest.raises(ValidationError) as excinfo:
        closure.reopen_month(db, OCTOBER, reason="erreur", actor_id=mediator.id)
    assert list(excinfo.value.by_field()) == ["role"]
    assert closure.month_state(db, OCTOBER).status == closure.CLOSED


def test_closing_freezes_the_figures_and_logs_it(db: Database, coordinator: st.MediatorInfo) -> None:
    from medios.services import indicators

    iv.record_intervention(db, _october(coordinator.id), today=TODAY)
    iv.record_intervention(db, _october(coordinator.id, day=20, duration_min=45), today=TODAY)
    live_before = indicators.month_figures(db, Period(OCTOBER, OCTOBER), Scope())[OCTOBER]

    state = closure.close_month(db, OCTOBER, actor_id=coordinator.id, today=TODAY)
    assert (state.status, state.version, state.closed_by, state.amendments) == ("CLOS", 1, coordinator.pseudonym, 0)
    assert state.closed_at is not None
    with pytest.raises(ValidationError, match="déjà clôturé"):
        closure.close_month(db, OCTOBER, actor_id=coordinator.id, today=TODAY)

    # A later record of October changes the live figures, not the frozen ones.
    iv.record_intervention(db, _october(coordinator.id, day=21), today=TODAY)
    live_after = indicators.month_figures(db, Period(OCTOBER, OCTOBER), Scope())[OCTOBER]
    frozen = closure.frozen_figures(db, Scope())(OCTOBER)
    assert frozen == live_before != live_after
    assert closure.frozen_figures(db, Scope())(NOVEMBER) is None  # an open month is computed
    with db.session() as session:
        log = session.scalars(select(AuditLog).where(AuditLog.action == "CLOSE")).one()
    assert log.actor_id == coordinator.id and json.loads(log.changes or "{}")["month"] == "2026-10"


def test_the_snapshot_holds_every_scope_of_the_month(db: Database, coordinator: st.MediatorInfo) -> None:
    from medios.services import indicators

    dispositif = st.create_dispositif(db, "Médiation habitat", "HABITAT", dt.date(2026, 1, 1))
    iv.record_intervention(db, _october(coordinator.id, dispositif_id=dispositif), today=TODAY)
    iv.record_intervention(db, _october(coordinator.id, commune="93066", qpv="HORS_QPV"), today=TODAY)
    period = Period(OCTOBER, OCTOBER)
    scopes = [Scope(), Scope(dispositif_id=dispositif), Scope(commune="75056"), Scope(qpv="HORS_QPV")]
    live = {closure.scope_key(s): indicators.month_figures(db, period, s)[OCTOBER] for s in scopes}
    closure.close_month(db, OCTOBER, today=TODAY)
    iv.record_intervention(db, _october(coordinator.id, commune="93066", qpv="HORS_QPV"), today=TODAY)
    for scope in scopes:
        assert closure.frozen_figures(db, scope)(OCTOBER) == live[closure.scope_key(scope)], scope
    # A commune without records in October when it was closed: frozen empty, even with a record since.
    iv.record_intervention(db, _october(coordinator.id, commune="69123", qpv=None), today=TODAY)
    assert closure.frozen_figures(db, Scope(commune="69123"))(OCTOBER) == indicators.MonthFigures(month=OCTOBER)


def test_a_snapshot_altered_outside_the_app_is_refused(db: Database, coordinator: st.MediatorInfo) -> None:
    iv.record_intervention(db, _october(coordinator.id), today=TODAY)
    closure.close_month(db, OCTOBER, today=TODAY)
    with db.transaction() as session:
        text = session.scalar(select(MonthClosure.snapshot))
        assert text is not None
        session.execute(update(MonthClosure).values(snapshot=text.replace('"month":202610', '"month":202609')))
    with pytest.raises(closure.SnapshotDamaged, match="modifiés hors de Médios"):
        closure.frozen_figures(db, Scope())(OCTOBER)


# --------------------------------------------------------------------------- amendments


def test_every_change_to_a_record_of_a_closed_month_is_an_amendment(db: Database, coordinator: st.MediatorInfo) -> None:
    kept = iv.record_intervention(db, _october(coordinator.id), today=TODAY)
    november = iv.record_intervention(db, _input(coordinator.id), today=TODAY)
    closure.close_month(db, OCTOBER, actor_id=coordinator.id, today=TODAY)
    assert _amendments(db) == []

    with amendments.reason("Issue saisie par erreur"):
        iv.update_intervention(
            db, kept.id, dataclasses.replace(kept.data, outcome="ORIENTE"), actor_id=coordinator.id, today=TODAY
        )
    created = iv.record_intervention(db, _october(coordinator.id, day=30), actor_id=coordinator.id, today=TODAY)
    iv.delete_intervention(db, created.id, actor_id=coordinator.id)
    iv.restore_intervention(db, created.id, actor_id=coordinator.id)
    # Changes to a record of an open month are not amendments.
    iv.update_intervention(db, november.id, dataclasses.replace(november.data, duration_min=25), today=TODAY)

    found = _amendments(db)
    assert [(a.record_id, a.action, a.month, a.closure_version) for a in found] == [
        (kept.id, "UPDATE", OCTOBER, 1),
        (created.id, "CREATE", OCTOBER, 1),
        (created.id, "DELETE", OCTOBER, 1),
        (created.id, "RESTORE", OCTOBER, 1),
    ]
    first = found[0]
    assert json.loads(first.changes or "{}") == {"outcome": ["APAISE", "ORIENTE"]}
    assert first.reason == "Issue saisie par erreur" and first.actor_id == coordinator.id
    assert found[1].reason == amendments.default_reason()
    assert json.loads(found[1].changes or "{}")["registre"] == "CONF"
    state = closure.month_state(db, OCTOBER)
    assert (state.amendments, state.amendments_since) == (4, 4)
    assert [(a.action, a.reason) for a in closure.list_amendments(db, OCTOBER)][0] == (
        "UPDATE",
        "Issue saisie par erreur",
    )


def test_an_amendment_never_holds_a_local_value(db: Database, coordinator: st.MediatorInfo) -> None:
    with db.transaction() as session:
        session.execute(update(Structure).values(notes_enabled=True))
    record = iv.record_intervention(db, _october(coordinator.id, notes="Mme X, 3e étage"), today=TODAY)
    closure.close_month(db, OCTOBER, today=TODAY)
    changed = dataclasses.replace(record.data, notes="M. Y", start_time=dt.time(8, 5), outcome="ORIENTE")
    iv.update_intervention(db, record.id, changed, today=TODAY)
    (amendment,) = _amendments(db)
    changes = json.loads(amendment.changes or "{}")
    assert "outcome" in changes
    assert not {"notes", "start_time"} & set(changes)
    assert "M. Y" not in (amendment.changes or "") and "Mme X" not in (amendment.changes or "")


def test_a_record_moved_between_months_amends_each_closed_one(db: Database, coordinator: st.MediatorInfo) -> None:
    september = iv.record_intervention(db, _input(coordinator.id, date=dt.date(2026, 9, 10)), today=TODAY)
    closure.close_month(db, 202609, today=TODAY)
    closure.close_month(db, OCTOBER, today=TODAY)
    iv.update_intervention(
        db, september.id, dataclasses.replace(september.data, date=dt.date(2026, 10, 2)), today=TODAY
    )
    moved = [(a.month, a.action) for a in _amendments(db)]
    assert sorted(moved) == [(202609, "UPDATE"), (OCTOBER, "UPDATE")]
    # Moved again into November (open): only October, where it was, is amended.
    iv.update_intervention(
        db, september.id, dataclasses.replace(september.data, date=dt.date(2026, 11, 2)), today=TODAY
    )
    assert sorted((a.month, a.action) for a in _amendments(db))[-1] == (OCTOBER, "UPDATE")
    assert len(_amendments(db)) == 3


def test_activities_of_a_closed_month_are_amended_too(db: Database, coordinator: st.MediatorInfo) -> None:
    october = dt.date(2026, 10, 8)
    block = presence.record_presence(db, _presence(coordinator.id, date=october), today=TODAY)
    action = actions.record_action(db, _action(coordinator.id, date=october), today=TODAY)
    meeting = meetings.record_meeting(db, _meeting(coordinator.id, date=october), today=TODAY)
    closure.close_month(db, OCTOBER, today=TODAY)
    presence.update_presence(db, block.id, dataclasses.replace(block.data, informal_contacts=3), today=TODAY)
    actions.delete_action(db, action.id)
    meetings.update_meeting(db, meeting.id, dataclasses.replace(meeting.data, duration_min=60), today=TODAY)
    assert sorted((a.record_table, a.action) for a in _amendments(db)) == [
        ("action_collective", "DELETE"),
        ("partner_meeting", "UPDATE"),
        ("presence_active", "UPDATE"),
    ]


def test_reopening_needs_a_reason_and_closing_again_makes_a_new_version(
    db: Database, coordinator: st.MediatorInfo
) -> None:
    record = iv.record_intervention(db, _october(coordinator.id), today=TODAY)
    closure.close_month(db, OCTOBER, actor_id=coordinator.id, today=TODAY)
    with pytest.raises(ValidationError) as excinfo:
        closure.reopen_month(db, OCTOBER, reason="  ", actor_id=coordinator.id)
    assert list(excinfo.value.by_field()) == ["reason"]
    with pytest.raises(ValidationError, match="200 caractères"):
        closure.reopen_month(db, OCTOBER, reason="x" * 201, actor_id=coordinator.id)
    with pytest.raises(ValidationError, match="n'est pas clôturé"):
        closure.reopen_month(db, 202609, reason="erreur", actor_id=coordinator.id)

    state = closure.reopen_month(db, OCTOBER, reason="Fiches du 14 oubliées", actor_id=coordinator.id)
    assert (state.status, state.version, state.reopen_reason) == ("ROUVERT", 1, "Fiches du 14 oubliées")
    assert closure.frozen_figures(db, Scope())(OCTOBER) is None  # reopened: computed live again
    iv.update_intervention(db, record.id, dataclasses.replace(record.data, duration_min=30), today=TODAY)
    assert closure.month_state(db, OCTOBER).amendments == 1  # a reopened month still records its changes

    again = closure.close_month(db, OCTOBER, actor_id=coordinator.id, today=TODAY)
    assert (again.status, again.version, again.amendments, again.amendments_since) == ("CLOS", 2, 1, 0)
    with db.session() as session:
        actions_logged = list(
            session.scalars(select(AuditLog.action).where(AuditLog.table_name == "month_closure").order_by(AuditLog.id))
        )
    assert actions_logged == ["CLOSE", "REOPEN", "CLOSE"]


# --------------------------------------------------------------------------- the import


def test_an_import_into_a_closed_month_writes_amendments_and_says_so(
    db: Database, coordinator: st.MediatorInfo, tmp_path: Path
) -> None:
    record = iv.record_intervention(db, _october(coordinator.id), today=TODAY)
    iv.record_intervention(db, _input(coordinator.id), today=TODAY)
    exported = tmp_path / "export.jsonl"
    export_jsonl(db, exported)
    closure.close_month(db, OCTOBER, today=TODAY)
    lines = exported.read_text(encoding="utf-8").splitlines()
    changed = []
    for text in lines:
        line = json.loads(text)
        if line["id"] == str(record.id):
            line["outcome"] = "ORIENTE"
            line.pop("updated_at", None)
        changed.append(json.dumps(line, ensure_ascii=False))
    new_line = json.loads(lines[0])
    new_line.update(id=str(uuid.uuid4()), date="2026-10-03")
    for key in ("updated_at", "created_at", "device_id"):
        new_line.pop(key, None)
    changed.append(json.dumps(new_line, ensure_ascii=False))
    source = tmp_path / "corrige.jsonl"
    source.write_text("\n".join(changed) + "\n", encoding="utf-8")

    report = import_jsonl(db, source, today=TODAY)
    assert (report.created, report.updated) == (1, 1)
    assert report.amended == ((OCTOBER, 2),)
    assert any("Mois clôturés 2026-10 (2)" in line for line in report.summary_lines())
    found = _amendments(db)
    assert sorted(a.action for a in found) == ["CREATE", "UPDATE"]
    assert all(a.reason == "Import du fichier corrige.jsonl" for a in found)
    update_row = next(a for a in found if a.action == "UPDATE")
    assert json.loads(update_row.changes or "{}") == {"outcome": ["APAISE", "ORIENTE"]}


# --------------------------------------------------------------------------- the command line


def test_month_commands(
    db_path: Path, db: Database, coordinator: st.MediatorInfo, capsys: pytest.CaptureFixture[str]
) -> None:
    iv.record_intervention(db, _input(coordinator.id, date=dt.date(2026, 9, 14)), today=TODAY)
    args = ["--db", str(db_path), "month"]
    assert main([*args, "status"]) == 0
    assert "Aucun mois clôturé." in capsys.readouterr().out
    assert main([*args, "close", "2026-09", "--by", coordinator.pseudonym]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2026-09\tclôturé (v1) le ") and f"par {coordinator.pseudonym}" in out
    assert main([*args, "close", "2026-13"]) == 2
    assert "AAAA-MM" in capsys.readouterr().err
    assert main([*args, "reopen", "2026-09", "--reason", "Oubli"]) == 0
    assert "rouvert (v1, motif : Oubli)" in capsys.readouterr().out
    assert main([*args, "status", "2026-09"]) == 0
    assert capsys.readouterr().out.startswith("2026-09\trouvert")
    assert main([*args, "amendments", "2026-09"]) == 0
    assert "Aucune modification après clôture pour 2026-09." in capsys.readouterr().out
    assert main([*args, "status", "2026-08"]) == 0
    assert capsys.readouterr().out == "2026-08\touvert\n"
