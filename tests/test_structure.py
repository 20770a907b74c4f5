"""Sites and dispositifs: names unique among live rows, French errors only, one « Hors QPV » convention."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as strat
from sqlalchemy import func, select, update

from medios.db import Database
from medios.db.models import Dispositif, Intervention, Site, utcnow
from medios.services import structure as st
from medios.services.errors import ValidationError
from medios.services.interchange import import_jsonl

START = dt.date(2024, 1, 1)


def _site(db: Database, site_id: uuid.UUID) -> Site:
    with db.session() as session:
        row = session.get(Site, site_id)
        assert row is not None
        session.expunge(row)
        return row


def _soft_delete(db: Database, model: type[Site] | type[Dispositif], row_id: uuid.UUID) -> None:
    with db.transaction() as session:
        session.execute(update(model).where(model.id == row_id).values(deleted_at=utcnow()))


def test_a_site_name_used_by_a_live_site_is_refused_in_french(db: Database, structure: st.StructureSummary) -> None:
    st.create_site(db, "Résidence des Lilas", "HAB_PC", "75056")
    with pytest.raises(ValidationError, match="un site porte déjà ce nom") as caught:
        st.create_site(db, "  Résidence des Lilas ", "HAB_ABORDS", "75056")
    assert [e.field for e in caught.value.errors] == ["site"]


def test_a_deleted_site_frees_its_name(db: Database, structure: st.StructureSummary) -> None:
    old = st.create_site(db, "Ancienne antenne", "PERMANENCE", "93066")
    _soft_delete(db, Site, old)
    new = st.create_site(db, "Ancienne antenne", "PERMANENCE", "93066", "HORS_QPV")
    assert new != old and _site(db, new).deleted_at is None
    with db.session() as session:
        assert session.scalar(select(func.count()).where(Site.name == "Ancienne antenne")) == 2


def test_a_deleted_dispositif_frees_its_name(db: Database, structure: st.StructureSummary) -> None:
    old = st.create_dispositif(db, "Correspondants de nuit", "NUIT", START)
    with pytest.raises(ValidationError, match="un dispositif porte déjà ce nom"):
        st.create_dispositif(db, "Correspondants de nuit", "NUIT", START)
    _soft_delete(db, Dispositif, old)
    new = st.create_dispositif(db, "Correspondants de nuit", "NUIT", dt.date(2026, 1, 1))
    assert new != old and [d.id for d in st.list_dispositifs(db)] == [new]


def test_an_import_naming_a_deleted_site_creates_a_new_one(
    db: Database, structure: st.StructureSummary, tmp_path: Path
) -> None:
    """The import matches live sites only; the deleted site's name no longer stops it (IntegrityError)."""
    st.create_dispositif(db, "Médiation habitat Belleville", "HABITAT", START)
    old = st.create_site(db, "Résidence des Lilas", "HAB_PC", "75056")
    _soft_delete(db, Site, old)
    line = {
        "date": "2026-10-14", "start": "14:30", "duration_min": 20, "mediators": ["MED-01"],
        "commune": "75056", "qpv": "HORS_QPV", "site": "Résidence des Lilas", "place": "HAB_PC",
        "registre": "CONF", "domain": "HABITAT", "outcome": "APAISE",
    }  # fmt: skip
    path = tmp_path / "lignes.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    import_jsonl(db, path, today=dt.date(2026, 11, 30))
    with db.session() as session:
        live = session.execute(select(Site.id, Site.qpv).where(Site.deleted_at.is_(None))).all()
        linked = session.scalar(select(Intervention.site_id))
    assert len(live) == 1 and live[0].id != old and linked == live[0].id
    assert live[0].qpv == "HORS_QPV"  # one convention: outside any QPV is HORS_QPV, NULL is « non renseigné »


@pytest.mark.parametrize(("qpv", "stored"), [("HORS_QPV", "HORS_QPV"), (None, None), ("QN07501M", "QN07501M")])
def test_a_site_keeps_hors_qpv_apart_from_not_given(
    db: Database, structure: st.StructureSummary, qpv: str | None, stored: str | None
) -> None:
    assert _site(db, st.create_site(db, "Square Léon", "RUE", "75056", qpv)).qpv == stored


@pytest.mark.parametrize(("commune", "stored"), [("75111", "75056"), ("69383", "69123"), ("13216", "13055")])
def test_a_site_records_an_arrondissement_under_its_commune(
    db: Database, structure: st.StructureSummary, commune: str, stored: str
) -> None:
    assert _site(db, st.create_site(db, f"Site {commune}", "RUE", commune)).commune == stored


def test_labels_longer_than_their_column_are_refused(db: Database, structure: st.StructureSummary) -> None:
    with pytest.raises(ValidationError, match="201 caractères : 200 au plus"):
        st.create_site(db, "R" * 201, "RUE", "75056")
    with pytest.raises(ValidationError, match="201 caractères : 200 au plus"):
        st.create_dispositif(db, "D" * 201, "HABITAT", START)
    assert st.create_site(db, "R" * 200, "RUE", "75056")


_names = strat.sampled_from(
    ["Résidence des Lilas", " Résidence des Lilas ", "Gare", "", "   ", "x" * 201]
) | strat.text(max_size=3)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    entries=strat.lists(
        strat.tuples(
            _names,
            strat.sampled_from(["HAB_PC", "RUE", "HAB_PC", "RUE", "PARKING", ""]),  # mostly valid: duplicates meet
            strat.sampled_from(["75056", "75111", "2A004", "75056", "7505", "ABCDE", ""]),
            strat.sampled_from([None, "HORS_QPV", "QN07501M", None, "HORS_QPV", "QN075", "", "NR", "hors_qpv"]),
            strat.booleans(),
        ),
        max_size=6,
    )
)
def test_random_sites_and_dispositifs_are_created_or_refused_in_french(
    db: Database, structure: st.StructureSummary, entries: list[tuple[str, str, str, str | None, bool]]
) -> None:
    """Whatever a user types, the answer is a new row or a French ValidationError, never an IntegrityError."""
    for name, place, commune, qpv, delete in entries:
        for model in (Site, Dispositif):
            try:
                if model is Site:
                    row_id = st.create_site(db, name, place, commune, qpv)
                else:
                    row_id = st.create_dispositif(db, name, "HABITAT" if place else "X", START)
            except ValidationError as exc:
                assert exc.errors and all(e.message[0].islower() or e.message[0] in "«0123456789" for e in exc.errors)
            else:
                if delete:
                    _soft_delete(db, model, row_id)
    with db.session() as session:
        for model in (Site, Dispositif):
            live = session.scalars(select(model.name).where(model.deleted_at.is_(None))).all()
            assert len(live) == len(set(live))
