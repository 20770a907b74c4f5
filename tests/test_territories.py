"""The structure's territories: formats checked per level, no duplicates, QPV linked to its commune."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from medios.db import Database
from medios.db.models import qpv_commune
from medios.services.errors import ValidationError
from medios.services.structure import StructureSummary
from medios.services.territories import add_territory, list_territories


@pytest.mark.parametrize(
    ("level", "code"),
    [
        ("COMMUNE", "93066"),
        ("COMMUNE", "2A004"),
        ("QPV", "QN09301M"),
        ("EPCI", "200054781"),
        ("DEPARTEMENT", "2B"),
        ("DEPARTEMENT", "974"),
        ("REGION", "84"),
    ],
)
def test_valid_codes_are_added(db: Database, structure: StructureSummary, level: str, code: str) -> None:
    info = add_territory(db, level, code, "Libellé", vintage="2024")
    assert (info.level, info.code) == (level, code)
    assert [t.code for t in list_territories(db, level)] == [code]


@pytest.mark.parametrize(
    ("level", "code", "message"),
    [
        ("COMMUNE", "9306", "« 9306 » invalide pour le niveau COMMUNE : code INSEE à 5 caractères"),
        ("COMMUNE", "2C004", "invalide pour le niveau COMMUNE"),
        ("QPV", "QP09301M", "« QN » suivi de 6 caractères attendu"),
        ("EPCI", "20005478", "numéro SIREN à 9 chiffres attendu"),
        ("DEPARTEMENT", "96", "2 caractères (01 à 95, 2A, 2B) ou 971 à 976 attendu"),
        ("REGION", "8", "code à 2 chiffres attendu"),
        ("QUARTIER", "X1", "code « QUARTIER » inconnu dans le vocabulaire NIVEAU_TERRITOIRE"),
    ],
)
def test_bad_formats_are_refused_in_french(
    db: Database, structure: StructureSummary, level: str, code: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        add_territory(db, level, code, "Libellé", vintage="2024")
    assert message in str(caught.value)
    assert list_territories(db) == []


def test_arrondissement_duplicates_and_qpv_link(db: Database, structure: StructureSummary) -> None:
    assert add_territory(db, "COMMUNE", "75111", "Paris", vintage="2024").code == "75056"
    with pytest.raises(ValidationError, match="déjà dans la liste"):
        add_territory(db, "COMMUNE", "75056", "Paris", vintage="2024")
    add_territory(db, "COMMUNE", "75056", "Paris", vintage="2025")  # another vintage is another row
    with pytest.raises(ValidationError, match="libellé est obligatoire"):
        add_territory(db, "QPV", "QN07501M", " ", vintage="2024")
    add_territory(db, "QPV", "qn07501m", "Belleville", vintage="2024", parent_code="75056")
    with db.session() as session:
        assert session.execute(select(qpv_commune)).all() == [("QN07501M", "75056", "2024")]
