"""Names fit their column: one limit, read from the model, refused in French by every entry point.

The window, ``medios init`` and the services used to disagree (the window cut at 200 characters, the
command line stored 5,000); the schema's ``String(n)`` is now the only limit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from medios import cli
from medios.db import Database
from medios.db.models import Mediator, Structure, Territory
from medios.services import structure as st
from medios.services.errors import ValidationError
from medios.services.territories import add_territory, list_territories


def test_limits_come_from_the_model() -> None:
    assert st.STRUCTURE_NAME_MAX == Structure.__table__.c.name.type.length == 200
    assert st.MEDIATOR_NAME_MAX == Mediator.__table__.c.display_name.type.length == 200
    assert Territory.__table__.c.label.type.length == 200


def test_structure_name_of_201_characters_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        st.init_structure(db, "N" * 201)
    assert caught.value.by_field() == {"structure": ["201 caractères : 200 au plus."]}
    assert str(caught.value) == "Structure : 201 caractères : 200 au plus."
    assert not st.has_structure(db)


def test_structure_name_of_200_characters_is_accepted(db: Database) -> None:
    assert st.init_structure(db, "N" * 200).name == "N" * 200


def test_surrounding_spaces_do_not_count(db: Database) -> None:
    assert st.init_structure(db, f"  {'N' * 200}  ").name == "N" * 200


def test_first_mediator_name_is_checked_before_anything_is_written(db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        st.init_structure(db, "N" * 201, mediator="M" * 250)
    assert caught.value.by_field() == {
        "structure": ["201 caractères : 200 au plus."],
        "name": ["250 caractères : 200 au plus."],
    }
    assert not st.has_structure(db)


def test_mediator_name_limit(db: Database, structure: st.StructureSummary) -> None:
    with pytest.raises(ValidationError) as caught:
        st.create_mediator(db, "M" * 201)
    assert caught.value.by_field() == {"name": ["201 caractères : 200 au plus."]}
    assert st.create_mediator(db, "M" * 200).display_name == "M" * 200
    assert len(st.list_mediators(db)) == 2  # Alice Martin and the 200-character one


def test_territory_label_limit(db: Database, structure: st.StructureSummary) -> None:
    with pytest.raises(ValidationError) as caught:
        add_territory(db, "COMMUNE", "93066", "L" * 201, vintage="2024")
    assert caught.value.by_field() == {"label": ["201 caractères : 200 au plus."]}
    assert list_territories(db) == []
    assert add_territory(db, "COMMUNE", "93066", "L" * 200, vintage="2024").label == "L" * 200


def test_territory_vintage_limit(db: Database, structure: st.StructureSummary) -> None:
    with pytest.raises(ValidationError) as caught:
        add_territory(db, "COMMUNE", "93066", "Saint-Denis", vintage="2" * 17)
    assert caught.value.by_field() == {"vintage": ["17 caractères : 16 au plus."]}


def test_cli_init_refuses_a_5000_character_name(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.run(["--db", str(db_path), "init", "--structure", "N" * 5000])
    _out, err = capsys.readouterr()
    assert code == cli.EXIT_USER
    assert err.strip() == "Erreur : Structure : 5000 caractères : 200 au plus."


def test_cli_territory_add_refuses_a_long_label(
    db_path: Path, capsys: pytest.CaptureFixture[str], structure: st.StructureSummary
) -> None:
    code = cli.run(["--db", str(db_path), "territory", "add", "COMMUNE", "93066", "L" * 300])
    _out, err = capsys.readouterr()
    assert code == cli.EXIT_USER
    assert err.strip() == "Erreur : Libellé : 300 caractères : 200 au plus."
