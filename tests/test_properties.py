"""Property: every user mistake ends in a French user error, never in a crash.

Each public service taking user input is called with arbitrary values (text empty, huge, blank, with
control characters, NUL and accents; codes valid and not; dates from 0001-01-01 to 9999-12-31;
integers huge and negative; ids unknown, of another table or of soft-deleted rows; names used by live
or soft-deleted rows).  The call either succeeds, and then reads back as given, or raises one of the
French user errors and writes nothing.  Any other exception (IntegrityError, TypeError, a plain
ValueError…) fails the test with its traceback.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from medios.services import interventions as iv
from medios.services import structure as st
from medios.services import territories as terr
from medios.services.errors import NotFoundError, ValidationError
from medios.services.interchange import ImportFailed
from medios.services.interventions import InterventionInput
from medios.services.structure import NoStructureError
from tests.strategies import (
    TODAY,
    World,
    seeded_world,
    snapshot,
)

R = TypeVar("R")
USER_ERRORS = (ValidationError, NotFoundError, NoStructureError, ImportFailed)
NAME_MAX = 200  # the columns' length: longer names may be refused (a rule landing in parallel) or stored


@pytest.fixture(scope="module")
def world(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    seeded = seeded_world(template_db, tmp_path_factory.mktemp("world"))
    yield seeded
    seeded.close()


def attempt(call: Callable[[], R]) -> tuple[R | None, Exception | None]:
    """The result, or the French user error; anything else propagates and fails the test."""
    try:
        return call(), None
    except USER_ERRORS as exc:
        return None, exc


def fields_of(error: Exception | None) -> set[str]:
    assert isinstance(error, ValidationError), error
    assert all(e.message for e in error.errors)
    return {e.field for e in error.errors}


# --------------------------------------------------------------------------- what the properties found


@pytest.mark.parametrize("commune", ["75056\n", "7505\u0663", "٧٥٠٥٦", "2A004\n"])
def test_a_commune_code_is_five_ascii_characters_and_nothing_more(world: World, commune: str) -> None:
    """``\\d`` matches any Unicode digit and ``$`` matches before a final newline: both let bad codes in."""
    with world.copy() as db:
        before = snapshot(db)
        entry = dataclasses.replace(iv_input(world), commune=commune)
        assert fields_of(attempt(lambda: iv.record_intervention(db, entry, today=TODAY))[1]) == {"commune"}
        assert fields_of(attempt(lambda: st.create_site(db, "Square Rameau", "RUE", commune))[1]) == {"commune"}
        if commune == commune.strip():  # the list of territories strips the codes it is given
            added = attempt(lambda: terr.add_territory(db, "COMMUNE", commune, "Paris", vintage="2025"))
            assert fields_of(added[1]) == {"code"}
        assert snapshot(db) == before


@pytest.mark.parametrize("qpv", ["QN07501M\n", "QN0750١M"])
def test_a_qpv_code_is_ascii_and_nothing_more(world: World, qpv: str) -> None:
    with world.copy() as db:
        entry = dataclasses.replace(iv_input(world), qpv=qpv)
        assert fields_of(attempt(lambda: iv.record_intervention(db, entry, today=TODAY))[1]) == {"qpv"}
        assert fields_of(attempt(lambda: st.create_site(db, "Square Rameau", "RUE", "75056", qpv))[1]) == {"qpv"}


@pytest.mark.parametrize(("level", "code"), [("EPCI", "20005412٣"), ("DEPARTEMENT", "1٣"), ("REGION", "١١")])
def test_territory_codes_are_ascii(world: World, level: str, code: str) -> None:
    with world.copy() as db:
        added = attempt(lambda: terr.add_territory(db, level, code, "Libellé", vintage="2025"))
        assert fields_of(added[1]) == {"code"}


def test_a_soft_deleted_territory_is_refused_in_french(world: World) -> None:
    """The unique key (level, code, vintage) covers soft-deleted rows: adding one again raised IntegrityError."""
    level, code, vintage = world.deleted_territory
    with world.copy() as db:
        before = snapshot(db)
        added = attempt(lambda: terr.add_territory(db, level, code, "Saint-Denis", vintage=vintage))
        assert fields_of(added[1]) == {"code"} and "supprimé" in str(added[1])
        assert snapshot(db) == before
        assert terr.add_territory(db, level, code, "Saint-Denis", vintage="2025").code == code


def iv_input(world: World) -> InterventionInput:
    return InterventionInput(
        date=dt.date(2026, 10, 14),
        start_time=dt.time(14, 30),
        duration_min=20,
        commune="75056",
        place="HAB_PC",
        registre="CONF",
        domain="HABITAT",
        outcome="APAISE",
        mediator_ids=(next(iter(world.mediators)),),
    )
