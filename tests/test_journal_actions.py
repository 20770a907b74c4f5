"""The journal's search box, the detail, restore (undo of a delete) and duplicate services.

The oracle of the search is plain SQL of every live row and a Python substring test on what it
reads (commune code and label, QPV label, site name, partner names, notes when enabled).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from medios.db import Database, open_database
from medios.db.models import AuditLog, Intervention, Mediator, Structure, utcnow
from medios.demo.run import generate_demo
from medios.services import interventions as iv
from medios.services import journal
from medios.services import structure as st
from medios.services.errors import NotFoundError, ValidationError
from medios.services.journal import JournalFilters
from medios.services.journal_detail import intervention_detail
from medios.services.rules import PartnerLink, PublicCount

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    path = tmp_path_factory.mktemp("journal-demo") / "demo.db"
    shutil.copy2(template_db, path)
    db = open_database(path)
    generate_demo(db, months=2, mediators=4, seed=5, today=TODAY)
    db.dispose()
    return path


@pytest.fixture
def demo(tmp_path: Path, demo_file: Path) -> Database:
    path = tmp_path / "demo.db"
    shutil.copy2(demo_file, path)
    database = open_database(path)
    yield database  # type: ignore[misc]
    database.dispose()


def _uuid(raw: object) -> uuid.UUID:
    return uuid.UUID(bytes=raw) if isinstance(raw, bytes) else uuid.UUID(str(raw))


def _searchable(db: Database, *, notes: bool) -> dict[uuid.UUID, list[str]]:
    """Every live intervention with the texts the search reads, by plain SQL."""
    texts: dict[uuid.UUID, list[str]] = {}
    with db.engine.connect() as conn:
        labels = dict(conn.execute(text("SELECT code, label FROM territory WHERE deleted_at IS NULL")).all())
        sites = dict(conn.execute(text("SELECT id, name FROM site")).all())
        for key, commune, qpv, site, note in conn.execute(
            text("SELECT id, commune, qpv, site_id, notes FROM intervention WHERE deleted_at IS NULL")
        ):
            found = [commune, labels.get(commune, ""), labels.get(qpv, "") if qpv else "", sites.get(site, "")]
            if notes and note:
                found.append(note)
            texts[_uuid(key)] = found
        for key, name in conn.execute(
            text(
                "SELECT ip.intervention_id, p.name FROM intervention_partner ip JOIN partner p ON p.id = ip.partner_id"
            )
        ):
            record = _uuid(key)
            if record in texts:
                texts[record].append(name)
    return texts


def _all(db: Database, filters: JournalFilters) -> list[uuid.UUID]:
    found: list[uuid.UUID] = []
    page = journal.first_page(db, filters, limit=500)
    found += [r.id for r in page.rows]
    while page.older is not None:
        page = journal.journal_page(db, filters, after=page.older, limit=500)
        found += [r.id for r in page.rows]
    return found


def _oracle_ids(searchable: dict[uuid.UUID, list[str]], needle: str) -> set[uuid.UUID]:
    return {key for key, texts in searchable.items() if any(needle.lower() in t.lower() for t in texts)}


@pytest.mark.parametrize(
    "needle",
    [
        "Tilleuls",
        "tilleuls",
        "69259",
        "Vaulx",
        "gare et p",
        "Relais Jeunes",
        "Habitat des Trois",
        "ccas de la ville",
        "100%",
        "nowhere",
    ],
)
def test_the_search_returns_the_rows_whose_commune_site_or_partner_contains_the_text(
    demo: Database, needle: str
) -> None:
    expected = _oracle_ids(_searchable(demo, notes=False), needle)
    found = _all(demo, JournalFilters(text=needle))
    assert len(found) == len(set(found))
    assert set(found) == expected
    assert journal.count_journal(demo, JournalFilters(text=needle)) == len(expected)
    if needle != "nowhere" and needle != "100%":
        assert expected


def test_the_search_combines_with_the_other_filters(demo: Database) -> None:
    registre = JournalFilters(registre="VTEC")
    both = JournalFilters(registre="VTEC", text="Tilleuls")
    assert set(_all(demo, both)) == set(_all(demo, registre)) & set(_all(demo, JournalFilters(text="Tilleuls")))


def test_blank_search_is_no_search(demo: Database) -> None:
    assert journal.count_journal(demo, JournalFilters(text="   ")) == journal.count_journal(demo)


def _notes(db: Database, *, enabled: bool) -> None:
    with db.transaction() as session:
        session.execute(update(Structure).values(notes_enabled=enabled))


def _structure(db: Database) -> None:
    st.init_structure(db, "Médiation Test", mediator="Alice Martin")
    _notes(db, enabled=True)


def _with_notes(db: Database, mediator_id: uuid.UUID, note: str) -> uuid.UUID:
    data = iv.InterventionInput(
        date=dt.date(2026, 11, 14),
        start_time=dt.time(21, 30),
        duration_min=20,
        commune="75056",
        place="HAB_PC",
        registre="CONF",
        domain="HABITAT",
        outcome="APAISE",
        notes=note,
        mediator_ids=(mediator_id,),
    )
    return iv.record_intervention(db, data, actor_id=mediator_id, today=TODAY).id


def test_notes_are_searched_and_shown_only_where_the_structure_enabled_them(db: Database) -> None:
    _structure(db)
    alice = st.list_mediators(db)[0].id
    record = _with_notes(db, alice, "Conflit de voisinage, escalier B")
    _notes(db, enabled=False)  # written while enabled, then disabled: kept, neither searched nor shown
    search = JournalFilters(text="escalier b")
    assert _all(db, search) == []
    assert intervention_detail(db, record).notes is None
    _notes(db, enabled=True)
    assert _all(db, search) == [record]
    detail = intervention_detail(db, record)
    assert detail.notes == "Conflit de voisinage, escalier B" and detail.notes_enabled
    assert detail.mediators == ("MED-01",) or len(detail.mediators) == 1


def _input(mediator_id: uuid.UUID, dispositif: uuid.UUID | None = None) -> iv.InterventionInput:
    return iv.InterventionInput(
        date=dt.date(2026, 11, 14),
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
        publics=(PublicCount("JEUNE", "A18_24", "M", 4),),
        partners=(PartnerLink("BAILLEUR", "ALERTE"),),
        notes="à ne pas copier",
        mediator_ids=(mediator_id,),
        dispositif_id=dispositif,
    )


def _audit(db: Database, record: uuid.UUID) -> list[str]:
    with db.session() as session:
        return list(
            session.scalars(select(AuditLog.action).where(AuditLog.record_id == record).order_by(AuditLog.id.asc()))
        )


def test_restore_brings_a_deleted_intervention_back_with_an_audit_line(db: Database) -> None:
    _structure(db)
    alice = st.list_mediators(db)[0].id
    record = iv.record_intervention(db, _input(alice), actor_id=alice, today=TODAY).id
    iv.delete_intervention(db, record, actor_id=alice)
    assert journal.count_journal(db) == 0
    with db.session() as session:
        deleted_stamp = session.get(Intervention, record).updated_at  # type: ignore[union-attr]
    iv.restore_intervention(db, record, actor_id=alice)
    assert [r.id for r in journal.first_page(db).rows] == [record]
    with db.session() as session:
        row = session.get(Intervention, record)
        assert row is not None and row.deleted_at is None and row.updated_at > deleted_stamp
    assert _audit(db, record)[-3:] == ["CREATE", "DELETE", "RESTORE"]
    iv.restore_intervention(db, record, actor_id=alice)  # live already: nothing changes
    assert _audit(db, record).count("RESTORE") == 1
    with pytest.raises(NotFoundError):
        iv.restore_intervention(db, uuid.uuid4())


def test_duplicate_makes_a_new_intervention_dated_today_without_notes_nor_links(db: Database) -> None:
    _structure(db)
    alice = st.list_mediators(db)[0].id
    source = iv.record_intervention(db, _input(alice), actor_id=alice, today=TODAY)
    copy = iv.duplicate_intervention(db, source.id, actor_id=alice, today=TODAY)
    assert copy.id != source.id
    stored = iv.get_intervention(db, copy.id)
    assert stored.data == dataclasses.replace(source.data, date=TODAY, notes=None)
    assert stored.month == 202611
    assert _audit(db, copy.id) == ["CREATE"]
    assert journal.count_journal(db) == 2


def test_duplicate_of_what_the_rules_now_refuse_writes_nothing(db: Database) -> None:
    _structure(db)
    bruno = st.create_mediator(db, "Bruno Petit").id
    source = iv.record_intervention(db, _input(bruno), actor_id=bruno, today=TODAY)
    with db.transaction() as session:  # Bruno has left since
        session.execute(update(Mediator).where(Mediator.id == bruno).values(deleted_at=utcnow()))
    with pytest.raises(ValidationError) as raised:
        iv.duplicate_intervention(db, source.id, today=TODAY)
    assert "mediators" in raised.value.by_field()
    assert journal.count_journal(db) == 1
