"""Roles enforced in the services, whatever the window shows: a mediator reaches their own interventions
only (read, change, delete, restore, copy, the journal), never records in another's name alone, never
exports nor closes a month; a coordinator reaches everything of the structure; a retired user nothing.

The oracle of the exhaustive test: an intervention is reachable by ``actor`` iff ``actor`` is one of its
mediators or has the role COORDINATEUR or ADMIN."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import uuid
from pathlib import Path

import pytest

from medios.db import Database
from medios.services import closure, journal
from medios.services import interventions as iv
from medios.services import structure as st
from medios.services.errors import ValidationError
from medios.services.interchange import export_jsonl
from tests.test_interventions import _input

TODAY = dt.date(2026, 12, 4)


@dataclasses.dataclass
class Team:
    coordinator: uuid.UUID
    admin: uuid.UUID
    mediators: tuple[uuid.UUID, uuid.UUID, uuid.UUID]
    interventions: dict[frozenset[uuid.UUID], uuid.UUID]  # its mediators -> the intervention


@pytest.fixture
def team(db: Database) -> Team:
    st.init_structure(db, "Médiation des Rôles", mediator="Dora Admin")
    admin = st.list_mediators(db)[0].id  # the first user administers
    coordinator = st.create_mediator(db, "Alice Martin", role="COORDINATEUR").id
    mediators = tuple(st.create_mediator(db, name).id for name in ("Bruno Petit", "Chloé Roux", "Driss Amrani"))
    made: dict[frozenset[uuid.UUID], uuid.UUID] = {}
    for size in (1, 2, 3):
        for group in itertools.combinations(mediators, size):
            record = iv.record_intervention(db, _input(group[0], mediator_ids=group), actor_id=coordinator, today=TODAY)
            made[frozenset(group)] = record.id
    return Team(coordinator, admin, mediators, made)  # type: ignore[arg-type]


def _refused(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    assert [error.field for error in exc.value.errors] == ["role"]
    return exc.value.errors[0].message


def test_every_intervention_is_reachable_exactly_by_its_mediators_and_the_coordination(
    db: Database, team: Team
) -> None:
    actors = [team.coordinator, team.admin, *team.mediators]
    for actor, (group, intervention) in itertools.product(actors, team.interventions.items()):
        expected = actor in group or actor in (team.coordinator, team.admin)
        try:
            record = iv.get_intervention(db, intervention, actor_id=actor)
        except ValidationError as exc:
            assert not expected, (actor, sorted(group))
            assert [error.field for error in exc.errors] == ["role"]
        else:
            assert expected, (actor, sorted(group))
            assert set(record.data.mediator_ids) == group
    # The journal of each mediator holds exactly the interventions that name them.
    for mediator in team.mediators:
        rows = journal.first_page(db, actor_id=mediator).rows
        assert {row.id for row in rows} == {i for g, i in team.interventions.items() if mediator in g}
        assert journal.count_journal(db, actor_id=mediator) == 4  # 1 alone, 2 in pairs, 1 in the trio
    assert journal.count_journal(db, actor_id=team.coordinator) == len(team.interventions) == 7


def test_a_mediator_cannot_change_delete_restore_or_copy_another_mediators_intervention(
    db: Database, team: Team
) -> None:
    bruno, chloe, _driss = team.mediators
    chloes = team.interventions[frozenset({chloe})]
    before = iv.get_intervention(db, chloes)
    with pytest.raises(ValidationError) as changed:
        iv.update_intervention(db, chloes, dataclasses.replace(before.data, duration_min=90), actor_id=bruno)
    assert "celle d'un autre médiateur" in _refused(changed)
    with pytest.raises(ValidationError):
        iv.delete_intervention(db, chloes, actor_id=bruno)
    with pytest.raises(ValidationError):
        iv.duplicate_intervention(db, chloes, actor_id=bruno, today=TODAY)
    assert iv.get_intervention(db, chloes) == before  # nothing written
    iv.delete_intervention(db, chloes, actor_id=chloe)  # her own
    with pytest.raises(ValidationError):
        iv.restore_intervention(db, chloes, actor_id=bruno)
    iv.restore_intervention(db, chloes, actor_id=team.coordinator)  # the coordination reaches everything
    assert iv.get_intervention(db, chloes).data == before.data


def test_a_mediator_records_only_among_the_interventions_mediators(db: Database, team: Team) -> None:
    bruno, chloe, _driss = team.mediators
    with pytest.raises(ValidationError) as alone:
        iv.record_intervention(db, _input(chloe), actor_id=bruno, today=TODAY)
    assert "ses propres interventions" in _refused(alone)
    mine = iv.record_intervention(db, _input(bruno, mediator_ids=(bruno, chloe)), actor_id=bruno, today=TODAY)
    with pytest.raises(ValidationError):  # giving it away to Chloé alone
        iv.update_intervention(db, mine.id, dataclasses.replace(mine.data, mediator_ids=(chloe,)), actor_id=bruno)
    assert set(iv.get_intervention(db, mine.id).data.mediator_ids) == {bruno, chloe}
    iv.record_intervention(db, _input(chloe), actor_id=team.coordinator, today=TODAY)  # the coordination may


def test_a_mediator_cannot_ask_the_journal_for_another_mediator(db: Database, team: Team) -> None:
    bruno, chloe, _driss = team.mediators
    with pytest.raises(ValidationError) as other:
        journal.first_page(db, journal.JournalFilters(mediator_id=chloe), actor_id=bruno)
    assert _refused(other) == "Un médiateur ne voit dans le journal que ses propres interventions."
    with pytest.raises(ValidationError):
        journal.count_journal_up_to(db, journal.JournalFilters(mediator_id=chloe), actor_id=bruno)
    chloe_for_coordinator = journal.first_page(db, journal.JournalFilters(mediator_id=chloe), actor_id=team.coordinator)
    assert len(chloe_for_coordinator.rows) == 4


def test_a_mediator_neither_exports_nor_closes_a_month(db: Database, team: Team, tmp_path: Path) -> None:
    bruno = team.mediators[0]
    target = tmp_path / "interventions.jsonl"
    with pytest.raises(ValidationError) as exported:
        export_jsonl(db, target, actor_id=bruno)
    assert "exportent les interventions" in _refused(exported) and not target.exists()
    with pytest.raises(ValidationError) as closed:
        closure.close_month(db, 202611, actor_id=bruno, today=TODAY)
    assert "clôturer" in _refused(closed)
    assert export_jsonl(db, target, actor_id=team.coordinator) == 7
    assert closure.close_month(db, 202611, actor_id=team.coordinator, today=TODAY).status == "CLOS"


def test_a_retired_user_reaches_nothing(db: Database, team: Team) -> None:
    bruno = team.mediators[0]
    own = team.interventions[frozenset({bruno})]
    st.retire_mediator(db, bruno)
    with pytest.raises(ValidationError) as retired:
        iv.get_intervention(db, own, actor_id=bruno)
    assert "n'est plus actif" in _refused(retired)
    with pytest.raises(ValidationError):
        journal.first_page(db, actor_id=bruno)
    st.retire_mediator(db, team.coordinator)
    with pytest.raises(ValidationError):
        closure.close_month(db, 202611, actor_id=team.coordinator, today=TODAY)


def test_a_change_of_role_is_an_audit_line_of_its_own(db: Database, team: Team) -> None:
    from sqlalchemy import select

    from medios.db.models import AuditLog
    from medios.services import audit

    bruno = team.mediators[0]
    st.update_mediator(db, bruno, display_name="Bruno Petit", role="COORDINATEUR", actor_id=team.admin)
    st.update_mediator(db, bruno, display_name="Bruno Petit-Durand", role="COORDINATEUR", actor_id=team.admin)
    with db.session() as session:
        lines = session.execute(
            select(AuditLog.action, AuditLog.changes, AuditLog.actor_id).where(
                AuditLog.table_name == "mediator", AuditLog.record_id == bruno, AuditLog.action == "ROLE"
            )
        ).all()
    assert [(action, json.loads(changes), actor) for action, changes, actor in lines] == [
        ("ROLE", {"role": ["MEDIATEUR", "COORDINATEUR"]}, team.admin)
    ]  # the rename alone is no ROLE line
    assert audit.verify_chain(db).ok
    assert iv.get_intervention(db, team.interventions[frozenset({team.mediators[1]})], actor_id=bruno)


def test_users_and_the_structures_lists_are_the_administrations(db: Database, team: Team) -> None:
    from medios.services import directory as dr
    from medios.services import territories as terr

    bruno = team.mediators[0]
    for actor in (team.coordinator, bruno):
        attempts = [
            lambda actor=actor: st.create_mediator(db, "Eve Nouvelle", actor_id=actor),
            lambda actor=actor: st.update_mediator(db, bruno, display_name="Bruno P.", role="ADMIN", actor_id=actor),
            lambda actor=actor: st.retire_mediator(db, team.mediators[2], actor_id=actor),
            lambda actor=actor: st.create_dispositif(db, "Médiation nocturne", "NUIT", TODAY, actor_id=actor),
            lambda actor=actor: dr.create_partner(db, dr.PartnerFields("Bailleur du Port", "BAILLEUR"), actor_id=actor),
            lambda actor=actor: terr.add_territory(db, "COMMUNE", "69123", "Lyon", vintage="2026", actor_id=actor),
        ]
        for attempt in attempts:
            with pytest.raises(ValidationError) as refused:
                attempt()
            assert _refused(refused).startswith("seule l'administration")
    assert {m.display_name for m in st.list_mediators(db)} == {
        "Dora Admin",
        "Alice Martin",
        "Bruno Petit",
        "Chloé Roux",
        "Driss Amrani",
    }  # nothing was written
    assert st.list_dispositifs(db) == [] and dr.list_partners(db) == []
    st.create_dispositif(db, "Médiation nocturne", "NUIT", TODAY, actor_id=team.admin)
    st.update_mediator(db, bruno, display_name="Bruno Petit", role="COORDINATEUR", actor_id=team.admin)
    assert [d.name for d in st.list_dispositifs(db)] == ["Médiation nocturne"]
