"""The import's fast path gives what the slow one gives, or steps aside.

:func:`format.fast_parse` (a typed msgspec decoder) and :class:`format.CodeChecker` (codes by set
membership) must never take a line that :func:`format.read_lines`, :class:`format.LineParser` and
:func:`format.code_errors` refuse, and must read the lines they take exactly as the slow path does:
the French messages, with their line and field, all come from the slow path.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as strat

from medios.services.interchange import format as fmt
from medios.services.interchange import import_jsonl
from medios.services.interchange.report import ImportFailed
from medios.services.rules import InterventionFields, PartnerLink, PublicCount, check_intervention
from tests.strategies import REF, TODAY, World, interchange_line, seeded_world, valid_input
from tests.test_properties import any_line, code_or_not


@pytest.fixture(scope="module")
def world(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    seeded = seeded_world(template_db, tmp_path_factory.mktemp("world"))
    yield seeded
    seeded.close()


def slow_parse(raw: bytes) -> tuple[fmt.ParsedLine | None, list[fmt.LineError]]:
    """What the import read from one line before the fast path: the object, then the parser."""
    errors: list[fmt.LineError] = []
    obj = fmt._object(7, raw, errors)
    if obj is None:
        return None, errors
    parsed = fmt.LineParser(7, obj, errors).parse()
    return parsed, errors


def assert_fast_agrees(raw: bytes) -> fmt.ParsedLine | None:
    fast = fmt.fast_parse(7, raw)
    if fast is not None:
        slow, errors = slow_parse(raw)
        assert errors == []
        assert fast == slow
    return fast


@settings(max_examples=300, deadline=None)
@given(data=strat.data())
def test_the_fast_path_takes_only_what_the_slow_path_reads_without_error(world: World, data: strat.DataObject) -> None:
    assert_fast_agrees(data.draw(any_line(world)))


@settings(max_examples=150, deadline=None)
@given(data=strat.data(), compact=strat.booleans())
def test_the_fast_path_takes_the_lines_an_export_writes(world: World, data: strat.DataObject, compact: bool) -> None:
    line, _expected = data.draw(interchange_line(world))
    separators = (",", ":") if compact else (", ", ": ")
    raw = json.dumps(line, ensure_ascii=False, separators=separators).encode()
    assert assert_fast_agrees(raw) is not None, raw


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda text: text.replace('"domain"', '"domain": "X", "domain"', 1), "a key written twice"),
        (lambda text: text.replace('"role"', '"role": "X", "role"', 1), "a key written twice in a partner"),
        (lambda text: text.replace('"count"', '"count": 1, "count"', 1), "a key written twice in a public"),
        (lambda text: text.replace('"pseudonym"', '"pseudonym": "MED-X", "pseudonym"', 1), "twice in a mediator"),
        (lambda text: text.replace('"place": "RUE"', '"place": "R\\u0055E"', 1), "an escape"),
        (lambda text: text.replace('"place": "RUE"', '"place": "RUE:"', 1), "a colon in a code"),
        (lambda text: text.replace('"duration_min": 30', '"duration_min": 30.0', 1), "a float"),
        (lambda text: text.replace('"duration_min": 30', '"duration_min": 0', 1), "out of range"),
        (lambda text: text.replace('"duration_min": 30', '"duration_min": ' + "9" * 5000, 1), "a huge number"),
        (lambda text: text.replace('"count": 2', '"count": true', 1), "a boolean count"),
        (lambda text: text.replace('{"type": "CAF"', '{"extra": 1, "type": "CAF"', 1), "an unknown key in a row"),
        (lambda text: text.replace('"outcome"', '"résultat": 1, "outcome"', 1), "an unknown key"),
        (lambda text: text.replace('"date": "2024-03-04"', '"date": null', 1), "a required value left null"),
        (lambda text: text.replace('"id": "', '"id": "{', 1).replace('", "date"', '}", "date"', 1), "a loose UUID"),
    ],
)
def test_the_fast_path_steps_aside_for_what_it_does_not_check(change: Any, why: str) -> None:
    base = {
        "id": "0b5c2f3e-9d41-4a7e-8f60-2c1d3e4f5a6b",
        "date": "2024-03-04",
        "start": "10:30",
        "duration_min": 30,
        "mediators": [{"id": "1b5c2f3e-9d41-4a7e-8f60-2c1d3e4f5a6b", "pseudonym": "MED-AB"}],
        "commune": "93066",
        "place": "RUE",
        "registre": "MER",
        "domain": "DROITS",
        "publics": [{"type": "HABITANT", "age": "NC", "sex": "F", "count": 2}],
        "partners": [{"type": "CAF", "role": "ORIENTE"}],
        "outcome": "INFO",
        "updated_at": "2024-03-04T10:30:00.000000Z",
        "device_id": "poste",
    }
    text = json.dumps(base, ensure_ascii=False)
    assert fmt.fast_parse(7, text.encode()) is not None
    changed = change(text)
    assert changed != text, why
    assert fmt.fast_parse(7, changed.encode()) is None, why
    slow_parse(changed.encode())  # the slow path reads it (an error or not) without crashing


def test_a_key_written_twice_is_refused_with_its_message(db: Any, tmp_path: Path) -> None:
    from medios.services import structure

    structure.init_structure(db, "Essai")
    mediator = structure.create_mediator(db, "Zoé")
    line = {
        "date": "2024-03-04",
        "start": "10:30",
        "duration_min": 30,
        "mediators": [{"id": str(mediator.id), "pseudonym": mediator.pseudonym}],
        "commune": "93066",
        "place": "RUE",
        "registre": "MER",
        "domain": "DROITS",
        "outcome": "INFO",
    }
    text = json.dumps(line).replace('"outcome"', '"domain": "ESP_PUB", "outcome"')
    path = tmp_path / "twice.jsonl"
    path.write_text(json.dumps(line) + "\n" + text + "\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        import_jsonl(db, path, today=dt.date(2024, 12, 31))
    assert [(e.line, e.field, e.message) for e in failed.value.errors] == [
        (2, None, "la clé « domain » figure deux fois dans un même objet.")
    ]


@strat.composite
def any_fields(draw: strat.DrawFn, world: World) -> InterventionFields:
    """Fields that the rules take or refuse, one or several values at a time."""
    data = draw(valid_input(world))
    fields = InterventionFields(
        date=data.date,
        start_time=data.start_time,
        duration_min=data.duration_min,
        commune=data.commune,
        place=data.place,
        registre=data.registre,
        domain=data.domain,
        outcome=data.outcome,
        qpv=data.qpv,
        sub_registre=data.sub_registre,
        origin=data.origin,
        modality=data.modality,
        tension=data.tension,
        consent=data.consent,
        motifs=tuple(data.motifs),
        publics=tuple(data.publics),
        partners=tuple(data.partners),
        notes=data.notes,
    )
    changes: dict[str, Any] = {}
    for name in draw(strat.lists(strat.sampled_from(sorted(_ALTERED)), max_size=2, unique=True)):
        changes[name] = draw(_ALTERED[name])
    return dataclasses.replace(fields, **changes)


_ALTERED: dict[str, strat.SearchStrategy[Any]] = {
    "date": strat.sampled_from([dt.date(1999, 12, 31), dt.date(2000, 1, 1), TODAY, TODAY + dt.timedelta(days=1)]),
    "duration_min": strat.sampled_from([0, 1, 720, 721, -5]),
    "commune": strat.sampled_from(["", "9306", "93066", "2A004", "2C004", "٩3066"]),
    "qpv": strat.sampled_from([None, "HORS_QPV", "QN09301M", "QN0930", "qn09301m"]),
    "place": code_or_not("LIEU"),
    "registre": code_or_not("REGISTRE"),
    "sub_registre": strat.none() | code_or_not("SOUS_REGISTRE"),
    "domain": code_or_not("DOMAINE"),
    "outcome": code_or_not("ISSUE"),
    "origin": code_or_not("ORIGINE"),
    "tension": code_or_not("NIVEAU_TENSION"),
    "consent": code_or_not("CONSENTEMENT"),
    "motifs": strat.lists(code_or_not("MOTIF"), max_size=3).map(tuple),
    "publics": strat.lists(
        strat.builds(
            PublicCount,
            code_or_not("TYPE_PUBLIC"),
            code_or_not("TRANCHE_AGE"),
            code_or_not("SEXE"),
            strat.sampled_from([0, 1, 9999, 10000]),
        ),
        max_size=3,
    ).map(tuple),
    "partners": strat.lists(
        strat.builds(PartnerLink, code_or_not("TYPE_PARTENAIRE"), code_or_not("ROLE_PARTENAIRE")), max_size=3
    ).map(tuple),
    "notes": strat.sampled_from([None, "", "x" * 500, "x" * 501, "Caf\udce9"]),
}


@settings(max_examples=400, deadline=None)
@given(data=strat.data())
def test_the_code_checker_agrees_with_the_rules(world: World, data: strat.DataObject) -> None:
    checker = fmt.CodeChecker(REF, TODAY)
    for _ in range(3):  # the second and third judgements come from what the checker remembers
        fields = data.draw(any_fields(world))
        assert checker.valid(fields) == (check_intervention(fields, REF, TODAY) == [])
