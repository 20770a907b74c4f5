"""Property: every user mistake ends in a French user error, never in a crash.

Each public service taking user input is called with arbitrary values (text empty, huge, blank, with
control characters, NUL and accents; codes valid and not; dates from 0001-01-01 to 9999-12-31;
integers huge and negative; ids unknown, of another table or of soft-deleted rows; names used by live
or soft-deleted rows).  The call either succeeds, and then reads back as given where a service reads
it, or raises one of the French user errors, on the fields the rules name, and writes nothing.  Any
other exception (IntegrityError, TypeError, a plain ValueError…) fails the test with its traceback.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as strat
from sqlalchemy import update

from medios.db import Database
from medios.db.models import Structure
from medios.services import interventions as iv
from medios.services import structure as st
from medios.services import territories as terr
from medios.services.errors import NotFoundError, ValidationError
from medios.services.interchange import ImportFailed, import_jsonl
from medios.services.interventions import InterventionInput
from medios.services.rules import PartnerLink, PublicCount
from medios.services.structure import NoStructureError
from tests.strategies import (
    ARRONDISSEMENTS,
    COMMUNE_OK,
    EARLIEST,
    INTERCHANGE_KEYS,
    JSON_VALUES,
    QPV_OK,
    REF,
    TODAY,
    World,
    canonical,
    codes,
    communes,
    interchange_line,
    qpvs,
    scaled,
    seeded_world,
    snapshot,
    unknown_code,
    valid_commune,
    valid_input,
    valid_qpv,
)

R = TypeVar("R")
USER_ERRORS = (ValidationError, NotFoundError, NoStructureError, ImportFailed)
NAME_MAX, VINTAGE_MAX, PARENT_MAX = 200, 16, 12  # the columns' lengths: longer is refused


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


# --------------------------------------------------------------------------- arbitrary values

texts = strat.one_of(
    strat.text(max_size=30),
    strat.text(alphabet=strat.characters(codec="utf-8", categories=["Cc", "Zs", "Zl", "Zp"]), max_size=5),
    strat.sampled_from(["", " ", "\t\n", "\x00", "a\x00b", "Zoé", "  Médiation  ", "é" * 5000, "x" * 201, "\u202e"]),
    strat.sampled_from(["Caf\udce9", "\ud800", "MED-\udcff"]),  # undecodable command-line bytes
    strat.text(min_size=190, max_size=230),
)
dates = strat.dates() | strat.sampled_from([dt.date.min, dt.date.max, EARLIEST, TODAY, TODAY + dt.timedelta(days=1)])
integers = strat.integers() | strat.sampled_from([0, -1, 2**63, -(2**63) - 1, 10**30, 1, 720, 721, 9999, 10000])


def code_or_not(vocab: str) -> strat.SearchStrategy[str]:
    return codes(vocab) | unknown_code(vocab) | texts


def name_used_or_not(used: list[str]) -> strat.SearchStrategy[str]:
    """A name used by a row (as is, or with spaces around), or any text."""
    taken = strat.sampled_from(used)
    return taken | taken.map(lambda name: f"  {name} ") | texts


# --------------------------------------------------------------------------- entries


@strat.composite
def any_entry(draw: strat.DrawFn, world: World) -> tuple[InterventionInput, bool]:
    """An entry with some fields replaced by arbitrary values, and whether it is still valid for sure."""
    data = draw(valid_input(world))
    ids = strat.sampled_from(sorted(world.ids())) | strat.uuids()
    wild: dict[str, strat.SearchStrategy[Any]] = {
        "date": dates,
        "start_time": strat.times(),
        "duration_min": integers,
        "commune": texts | communes,
        "qpv": strat.none() | texts | qpvs,
        "place": code_or_not("LIEU"),
        "registre": code_or_not("REGISTRE"),
        "sub_registre": strat.none() | code_or_not("SOUS_REGISTRE"),
        "domain": code_or_not("DOMAINE"),
        "outcome": code_or_not("ISSUE"),
        "origin": code_or_not("ORIGINE"),
        "modality": code_or_not("MODALITE"),
        "tension": code_or_not("NIVEAU_TENSION"),
        "consent": code_or_not("CONSENTEMENT"),
        "motifs": strat.lists(code_or_not("MOTIF"), max_size=4).map(tuple),
        "publics": strat.lists(
            strat.builds(
                PublicCount, code_or_not("TYPE_PUBLIC"), code_or_not("TRANCHE_AGE"), code_or_not("SEXE"), integers
            ),
            max_size=4,
        ).map(tuple),
        "partners": strat.lists(
            strat.builds(PartnerLink, code_or_not("TYPE_PARTENAIRE"), code_or_not("ROLE_PARTENAIRE")), max_size=3
        ).map(tuple),
        "notes": strat.none() | texts,
        "mediator_ids": strat.lists(ids, max_size=3).map(tuple),
        "dispositif_id": strat.none() | ids,
        "site_id": strat.none() | ids,
        "follow_up_of": strat.none() | ids,
        "presence_id": strat.none() | ids,
    }
    replaced = draw(strat.lists(strat.sampled_from(sorted(wild)), max_size=4, unique=True))
    changes = {name: draw(wild[name]) for name in replaced}
    return dataclasses.replace(data, **changes), not replaced


@settings(max_examples=scaled(60), deadline=None)
@given(
    data=strat.data(),
    action=strat.sampled_from(["record", "update"]),
    target=strat.sampled_from(["new", "first", "follow_up", "deleted", "unknown"]),
    notes_enabled=strat.booleans(),
)
def test_any_entry_is_recorded_as_given_or_refused_in_french(
    world: World, data: strat.DataObject, action: str, target: str, notes_enabled: bool
) -> None:
    entry, surely_valid = data.draw(any_entry(world), label="entry")
    with world.copy() as db:
        with db.transaction() as session:
            session.execute(update(Structure).values(notes_enabled=notes_enabled))
        own = iv.record_intervention(db, data.draw(valid_input(world), label="own"), today=TODAY).id
        target_id = {
            "new": own,
            "first": world.first,
            "follow_up": world.follow_up,
            "deleted": world.deleted_intervention,
            "unknown": uuid.uuid4(),
        }[target]
        before = snapshot(db)
        if action == "record":
            result, error = attempt(lambda: iv.record_intervention(db, entry, today=TODAY))
        else:
            result, error = attempt(lambda: iv.update_intervention(db, target_id, entry, today=TODAY))
        if action == "update" and target in ("deleted", "unknown"):
            assert isinstance(error, NotFoundError)
        elif (
            surely_valid
            and action == "update"
            and target == "first"
            and (
                entry.follow_up_of is not None or dt.datetime.combine(entry.date, entry.start_time) > world.first_starts
            )
        ):  # others follow it: it stays a first intervention, and does not move after them
            assert fields_of(error) == {"follow_up_of"}
        elif surely_valid:
            assert error is None, error
        elif entry.notes and not notes_enabled:
            assert "notes" in fields_of(error)
        if error is not None:
            assert isinstance(error, ValidationError | NotFoundError), error
            assert str(error)
            assert snapshot(db) == before
        else:
            assert result is not None
            assert iv.get_intervention(db, result.id).data == canonical(entry)


@settings(max_examples=scaled(20), deadline=None)
@given(target=strat.sampled_from(["first", "follow_up", "deleted", "unknown", "a_mediator", "a_site"]))
def test_deleting_or_reading_any_id_succeeds_once_or_is_refused_in_french(world: World, target: str) -> None:
    ids = {
        "first": world.first,
        "follow_up": world.follow_up,
        "deleted": world.deleted_intervention,
        "unknown": uuid.uuid4(),
        "a_mediator": next(iter(world.mediators)),
        "a_site": next(iter(world.sites.values())),
    }
    record_id = ids[target]
    with world.copy() as db:
        before = snapshot(db)
        if target == "first":  # followed by ``follow_up``: kept while its follow-up is live
            assert fields_of(attempt(lambda: iv.delete_intervention(db, record_id))[1]) == {"follow_up_of"}
            assert snapshot(db) == before
            iv.delete_intervention(db, world.follow_up)
        if target in ("first", "follow_up"):
            assert iv.get_intervention(db, record_id).id == record_id
            live = iv.count_interventions(db)
            iv.delete_intervention(db, record_id)
            assert iv.count_interventions(db) == live - 1
        for call in (iv.get_intervention, iv.delete_intervention):
            _result, error = attempt(lambda call=call: call(db, record_id))
            assert isinstance(error, NotFoundError) and "introuvable" in str(error)
        if target not in ("first", "follow_up"):
            assert snapshot(db) == before


# --------------------------------------------------------------------------- structure and its lists


def _storable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: an undecodable byte of a command-line argument
        return False
    return True


def _name_fields(name: str, field: str, max_length: int = NAME_MAX) -> set[str]:
    """``{field}`` when ``name`` is blank, longer than its column once stripped or not storable, else nothing."""
    return {field} if not name.strip() or len(name.strip()) > max_length or not _storable(name) else set()


def _code_fields(code: str, vocab: str, field: str) -> set[str]:
    return set() if code in REF.active_codes(vocab) else {field}


@settings(max_examples=scaled(40), deadline=None)
@given(
    bare=strat.booleans(),
    name=texts,
    mediator=strat.none() | texts,
    calendar=code_or_not("CALENDRIER_FERIES"),
    status=code_or_not("STATUT"),
)
def test_init_structure_registers_once_or_refuses_in_french(
    world: World, bare: bool, name: str, mediator: str | None, calendar: str, status: str
) -> None:
    with world.copy(bare=bare) as db:
        before = snapshot(db)
        summary, error = attempt(
            lambda: st.init_structure(db, name, mediator=mediator, holiday_calendar=calendar, legal_status=status)
        )
        wrong = (
            _name_fields(name, "structure")
            | (_name_fields(mediator, "name") if mediator else set())
            | _code_fields(calendar, "CALENDRIER_FERIES", "holiday_calendar")
            | _code_fields(status, "STATUT", "legal_status")
        )
        if wrong or not bare:  # the fields first, then « une structure est déjà enregistrée »
            assert fields_of(error) == (wrong or {"structure"})
            assert snapshot(db) == before
        else:
            assert error is None and summary is not None, error
            assert (summary.name, summary.mediators) == (name.strip(), 1 if mediator else 0)
            if mediator:
                (only,) = st.list_mediators(db)
                assert (only.display_name, only.role) == (mediator.strip(), "ADMIN")


def _drawn_from_id(pseudonym: str, mediator_id: uuid.UUID) -> bool:
    """``MED-`` and at least four leading hexadecimal digits of the mediator's UUID."""
    digits = pseudonym.removeprefix("MED-")
    return pseudonym.startswith("MED-") and len(digits) >= 4 and mediator_id.hex.upper().startswith(digits)


@settings(max_examples=scaled(40), deadline=None)
@given(bare=strat.booleans(), name=texts, role=code_or_not("ROLE_UTILISATEUR"))
def test_create_mediator_adds_a_pseudonym_or_refuses_in_french(world: World, bare: bool, name: str, role: str) -> None:
    with world.copy(bare=bare) as db:
        before = snapshot(db)
        info, error = attempt(lambda: st.create_mediator(db, name, role=role))
        wrong = _name_fields(name, "name") | _code_fields(role, "ROLE_UTILISATEUR", "role")
        if bare:
            assert isinstance(error, NoStructureError) and "medios init" in str(error)
        elif wrong:
            assert fields_of(error) == wrong
        else:
            assert error is None and info is not None, error
            assert (info.display_name, info.role) == (name.strip(), role)
            assert _drawn_from_id(info.pseudonym, info.id), info
            assert info.pseudonym != world.deleted_mediator[1]  # never reused
            assert info in st.list_mediators(db)
        if error is not None:
            assert snapshot(db) == before


@settings(max_examples=scaled(40), deadline=None)
@given(data=strat.data(), domain=code_or_not("DOMAINE"), start=dates)
def test_create_dispositif_refuses_a_live_name_in_french(
    world: World, data: strat.DataObject, domain: str, start: dt.date
) -> None:
    name = data.draw(name_used_or_not([*world.dispositifs, world.deleted_dispositif[0]]), label="name")
    with world.copy() as db:
        before = snapshot(db)
        new_id, error = attempt(lambda: st.create_dispositif(db, name, domain, start))
        # A soft-deleted dispositif frees its name; a live one keeps it.
        taken = {"dispositif"} if name.strip() in world.dispositifs else set()
        wrong = _name_fields(name, "dispositif") | taken | _code_fields(domain, "DOMAINE", "domain")
        if wrong:
            assert fields_of(error) == wrong and snapshot(db) == before
        else:
            assert error is None and new_id is not None, error
            assert st.DispositifInfo(new_id, name.strip(), domain, start) in st.list_dispositifs(db)


@settings(max_examples=scaled(40), deadline=None)
@given(
    data=strat.data(),
    place=code_or_not("LIEU"),
    commune=communes | texts | strat.sampled_from(["75056\n", "7505\u0663", "٧٥٠٥٦"]),
    qpv=qpvs | texts | strat.just("QN07501M\n"),
)
def test_create_site_refuses_a_live_name_in_french(
    world: World, data: strat.DataObject, place: str, commune: str, qpv: str | None
) -> None:
    name = data.draw(name_used_or_not([*world.sites, world.deleted_site[0]]), label="name")
    with world.copy() as db:
        before = snapshot(db)
        _site_id, error = attempt(lambda: st.create_site(db, name, place, commune, qpv))
        wrong = (
            _name_fields(name, "site")
            | ({"site"} if name.strip() in world.sites else set())  # a deleted site frees its name
            | _code_fields(place, "LIEU", "place")
            | (set() if valid_commune(commune) else {"commune"})
            | (set() if valid_qpv(qpv) else {"qpv"})
        )
        if wrong:
            assert fields_of(error) == wrong and snapshot(db) == before
        else:
            # The sites have no reading service yet: a success is checked by the row count.
            assert error is None, error
            assert snapshot(db)["site"] == before["site"] + 1


TERRITORY_FORMATS = {
    "COMMUNE": COMMUNE_OK,
    "QPV": QPV_OK,
    "EPCI": re.compile(r"[0-9]{9}"),
    "DEPARTEMENT": re.compile(r"0[1-9]|[1-8][0-9]|9[0-5]|2[AB]|97[1-6]"),
    "REGION": re.compile(r"[0-9]{2}"),
}


@strat.composite
def territory_code(draw: strat.DrawFn, level: str) -> str:
    pattern = TERRITORY_FORMATS.get(level)
    valid = strat.from_regex(pattern, fullmatch=True) if pattern else strat.nothing()
    code: str = draw(valid | valid.map(str.lower) | valid.map(lambda c: f" {c} ") | texts)
    return code


@settings(max_examples=scaled(60), deadline=None)
@given(
    data=strat.data(),
    level=code_or_not("NIVEAU_TERRITOIRE"),
    label=texts,
    vintage=strat.sampled_from(["2024", "2025", " 2024 "]) | texts,
    parent=strat.none() | strat.just("75056") | texts,
    valid_from=strat.none() | dates,
    valid_to=strat.none() | dates,
    used=strat.sampled_from(["no", "live", "deleted"]),
)
def test_add_territory_refuses_a_listed_territory_in_french(
    world: World,
    data: strat.DataObject,
    level: str,
    label: str,
    vintage: str,
    parent: str | None,
    valid_from: dt.date | None,
    valid_to: dt.date | None,
    used: str,
) -> None:
    code = data.draw(territory_code(level), label="code")
    if used != "no":  # the level, code and vintage of a territory of the list (live or soft-deleted)
        level, code, vintage = world.territories[0] if used == "live" else world.deleted_territory
    with world.copy() as db:
        before = snapshot(db)
        info, error = attempt(
            lambda: terr.add_territory(
                db, level, code, label, vintage=vintage, parent_code=parent, valid_from=valid_from, valid_to=valid_to
            )
        )
        stored_code = code.strip().upper()
        stored_code = ARRONDISSEMENTS.get(stored_code, stored_code) if level == "COMMUNE" else stored_code
        pattern = TERRITORY_FORMATS.get(level)
        listed = {*world.territories, world.deleted_territory}  # a soft-deleted territory keeps its vintage
        wrong = (
            _code_fields(level, "NIVEAU_TERRITOIRE", "level")
            | ({"code"} if pattern is not None and pattern.fullmatch(stored_code) is None else set())
            | ({"code"} if (level, stored_code, vintage.strip()) in listed else set())
            | _name_fields(label, "label")
            | _name_fields(vintage, "vintage", VINTAGE_MAX)
            | ({"valid_to"} if valid_from and valid_to and valid_to < valid_from else set())
            | (
                {"parent_code"}
                if parent and (len(parent.strip().upper()) > PARENT_MAX or not _storable(parent))
                else set()
            )
        )
        if wrong:
            assert fields_of(error) == wrong and snapshot(db) == before
        else:
            assert error is None and info is not None, error
            assert (info.level, info.code, info.label, info.vintage) == (
                level,
                stored_code,
                label.strip(),
                vintage.strip(),
            )
            assert info in terr.list_territories(db)


# --------------------------------------------------------------------------- import


@strat.composite
def any_line(draw: strat.DrawFn, world: World) -> bytes:
    """One line of a file: arbitrary bytes or text, an arbitrary object, or a valid line with odd values."""
    valid, _expected = draw(interchange_line(world))
    names = [
        world.deleted_site[0],
        world.deleted_dispositif[0],
        world.deleted_mediator[1],
        world.deleted_mediator[2],
        *world.sites,
    ]
    kind = draw(strat.integers(0, 5))
    if kind == 0:
        return draw(strat.binary(max_size=40)).replace(b"\n", b" ")
    if kind == 1:
        return draw(texts).replace("\n", " ").encode("utf-8", "surrogatepass")  # lone surrogates: bad UTF-8
    if kind == 2:
        keys = strat.sampled_from(sorted(INTERCHANGE_KEYS)) | strat.text(max_size=8)
        return json.dumps(draw(strat.dictionaries(keys, JSON_VALUES, max_size=6))).encode()
    if kind == 3:  # a number longer than Python reads by default
        key = draw(strat.sampled_from(["duration_min", "tension", "id", "clé"]))
        return (json.dumps({**valid, key: 0})[:-1].replace(f'"{key}": 0', f'"{key}": ' + "9" * 5000) + "}").encode()
    line = dict(valid)
    for key in draw(strat.lists(strat.sampled_from(sorted(INTERCHANGE_KEYS)), max_size=3, unique=True)):
        line[key] = draw(JSON_VALUES | texts | strat.sampled_from(names) | strat.lists(strat.sampled_from(names)))
    return json.dumps(line, ensure_ascii=draw(strat.booleans())).encode("utf-8", "surrogatepass")


def _significant(content: bytes) -> int:
    """Lines the import must account for: every line but the blank ones (read as the format says); a
    file with a binary signature (gzip, ZIP, SQLite…) is refused whole, at its first line."""
    from medios.services.interchange.format import _SIGNATURES

    if any(content.startswith(signature) for signature, _what in _SIGNATURES):
        return 1
    count = 0
    for raw in content.split(b"\n")[:-1]:
        try:
            text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")  # a BOM may open any concatenated file
        except UnicodeDecodeError:
            count += 1
            continue
        count += bool(text.strip(" \t\r\n"))  # JSON's blanks only: U+205F alone is a line in error
    return count


@settings(max_examples=scaled(60), deadline=None)
@given(data=strat.data(), bare=strat.booleans(), skip=strat.booleans())
def test_importing_any_file_imports_whole_lines_or_refuses_in_french(
    world: World, tmp_path_factory: pytest.TempPathFactory, data: strat.DataObject, bare: bool, skip: bool
) -> None:
    lines = data.draw(strat.lists(any_line(world), min_size=1, max_size=4), label="lines")
    content = b"".join(line + b"\n" for line in lines)
    path = tmp_path_factory.mktemp("files") / "any.jsonl"
    path.write_bytes(content)
    with world.copy(bare=bare) as db:
        before = snapshot(db)
        report, error = attempt(lambda: import_jsonl(db, path, skip_invalid=skip, today=TODAY))
        if bare:
            assert isinstance(error, NoStructureError)
        if error is not None:
            assert snapshot(db) == before
        if isinstance(error, ImportFailed):
            assert not skip and error.errors
            assert all(1 <= e.line <= len(lines) for e in error.errors)
            assert error.lines_with_errors == len({e.line for e in error.errors})
            assert str(error).endswith("relancez avec --skip-invalid.")
        elif error is None:
            assert report is not None and not bare
            accounted = (
                report.created + report.updated + report.unchanged + report.skipped_deleted + report.skipped_older
            )
            assert accounted + report.invalid_lines == _significant(content)
            assert report.invalid_lines == len({e.line for e in report.errors}) and (skip or not report.errors)
            assert snapshot(db)["intervention"] == before["intervention"] + report.created


@strat.composite
def line_naming_rows(draw: strat.DrawFn, world: World, refusals: bool) -> tuple[dict[str, Any], set[str]]:
    """A valid line whose site, dispositif or mediators may name soft-deleted rows, and the fields to refuse.

    A deleted dispositif or a deleted mediator's pseudonym or identifier is refused; a deleted site's name,
    or a deleted mediator's display name, is free: a new site or mediator is created.
    """
    line, _expected = draw(interchange_line(world))
    line.pop("follow_up_of", None)
    refused: set[str] = set()
    site = draw(strat.sampled_from([None, "live", "deleted"]))
    if site is not None:
        line["site"] = world.deleted_site[0] if site == "deleted" else draw(strat.sampled_from(sorted(world.sites)))
    if refusals and draw(strat.booleans()):
        line["dispositif"] = world.deleted_dispositif[0]
        refused.add("dispositif")
    gone, pseudonym, name = world.deleted_mediator
    refusing: list[Any] = [pseudonym, pseudonym.lower(), {"id": str(gone)}, {"id": str(gone), "pseudonym": pseudonym}]
    extra = draw(strat.sampled_from([None, name, *(refusing if refusals else [])]))
    if extra is not None:
        line["mediators"] = [*line["mediators"], extra]
        if extra != name:
            refused.add("mediators")
    return line, refused


@settings(max_examples=scaled(30), deadline=None)
@given(data=strat.data())
def test_importing_lines_that_name_deleted_rows_refuses_them_in_french(
    world: World, tmp_path_factory: pytest.TempPathFactory, data: strat.DataObject
) -> None:
    refusals = data.draw(strat.booleans(), label="refusals")
    drawn = data.draw(strat.lists(line_naming_rows(world, refusals), min_size=1, max_size=3), label="lines")
    path = tmp_path_factory.mktemp("files") / "rows.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line, _refused in drawn), encoding="utf-8")
    with world.copy() as db:
        before = snapshot(db)
        report, error = attempt(lambda: import_jsonl(db, path, today=TODAY))
        if any(refused for _line, refused in drawn):
            assert isinstance(error, ImportFailed) and snapshot(db) == before
            for n, (_line, refused) in enumerate(drawn, start=1):
                reported = {e.field for e in error.errors if e.line == n}
                # The import stops checking a line's references at its mediators: at least one is named.
                assert reported <= refused and bool(reported) == bool(refused), (n, reported, refused)
        else:
            assert error is None and report is not None, error
            assert report.created == len(drawn)
            labels = {line["site"].strip() for line, _refused in drawn if "site" in line}
            assert report.new_sites == len(labels - set(world.sites))  # the deleted site's name among them


def test_each_example_starts_from_the_seed(world: World) -> None:
    """The copies the properties use do not leak into one another."""
    with world.copy() as db:
        seeded = snapshot(db)
        st.create_mediator(db, "Yann Passant")
        assert snapshot(db)["mediator"] == seeded["mediator"] + 1
    with world.copy() as db:
        assert snapshot(db) == seeded
        assert "Yann Passant" not in {m.display_name for m in st.list_mediators(db)}
    with world.copy(bare=True) as db:
        assert not st.has_structure(db)


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


UNDECODED = "Caf\udce9"  # what Python makes of « Caf\xe9 » (Latin-1) in a UTF-8 command line


@pytest.mark.parametrize(
    ("bare", "call", "field"),
    [
        (True, lambda db, w: st.init_structure(db, UNDECODED), "structure"),
        (True, lambda db, w: st.init_structure(db, "Médiation", mediator=UNDECODED), "name"),
        (False, lambda db, w: st.create_mediator(db, UNDECODED), "name"),
        (False, lambda db, w: st.create_dispositif(db, UNDECODED, "HABITAT", TODAY), "dispositif"),
        (False, lambda db, w: st.create_site(db, UNDECODED, "RUE", "75056"), "site"),
        (False, lambda db, w: terr.add_territory(db, "COMMUNE", "93048", UNDECODED, vintage="2025"), "label"),
        (False, lambda db, w: terr.add_territory(db, "COMMUNE", "93048", "Montreuil", vintage=UNDECODED), "vintage"),
        (
            False,
            lambda db, w: terr.add_territory(db, "QPV", "QN09301M", "Bel Air", vintage="2025", parent_code=UNDECODED),
            "parent_code",
        ),
        (
            False,
            lambda db, w: iv.record_intervention(db, dataclasses.replace(iv_input(w), notes=UNDECODED), today=TODAY),
            "notes",
        ),
    ],
    ids=["structure", "first-mediator", "mediator", "dispositif", "site", "label", "vintage", "parent", "notes"],
)
def test_text_that_cannot_be_stored_as_utf8_is_refused_in_french(
    world: World, bare: bool, call: Callable[[Database, World], object], field: str
) -> None:
    """A lone surrogate (an undecodable byte of a command-line argument) reached SQLite: UnicodeEncodeError."""
    with world.copy(bare=bare) as db:
        if not bare:
            with db.transaction() as session:
                session.execute(update(Structure).values(notes_enabled=True))
        before = snapshot(db)
        _result, error = attempt(lambda: call(db, world))
        assert field in fields_of(error) and "UTF-8" in str(error)
        assert snapshot(db) == before


def test_a_parent_territory_code_fits_its_column(world: World) -> None:
    """``parent_code`` is a String(12): a longer one was stored as given (SQLite does not check lengths)."""
    with world.copy() as db:
        added = attempt(
            lambda: terr.add_territory(db, "QPV", "QN09301M", "Bel Air", vintage="2025", parent_code="9" * 13)
        )
        assert fields_of(added[1]) == {"parent_code"} and "13 caractères : 12 au plus." in str(added[1])
        assert terr.add_territory(
            db, "QPV", "QN09301M", "Bel Air", vintage="2025", parent_code=" 93048 "
        ).parent_code == ("93048")
