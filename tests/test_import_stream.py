"""The import reads its file a chunk at a time (issue 6): the rules across lines still hold across chunks.

``CHUNK_LINES`` is set to 2 here, so that every file of a few lines spans several chunks.  Also the
leftovers fixed with the streaming import: ASCII digits only in dates and times, every reference of a
line checked even after a refused mediator, and ``--skip-invalid`` refusing no more than it must.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from medios.db import Database, StorageError
from medios.db.models import AuditLog, Intervention
from medios.services import interventions as iv
from medios.services import structure as st
from medios.services.interchange import ImportFailed, export_jsonl, import_jsonl, importer
from medios.services.structure import StructureSummary
from tests.test_interchange import TODAY, VALID, snapshot, write

ORIGIN = "a0000000-0000-4000-8000-000000000000"
CHAIN = "b0000000-0000-4000-8000-000000000000"
OTHER = "c0000000-0000-4000-8000-000000000000"


@pytest.fixture
def ready(db: Database, structure: StructureSummary) -> Database:
    st.create_dispositif(db, "Médiation habitat Belleville", "HABITAT", dt.date(2024, 1, 1))
    return db


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "CHUNK_LINES", 2)


def _line(identifier: str, **changes: Any) -> dict[str, Any]:
    return dict(VALID, id=identifier, **changes)


def _ids(n: int) -> list[str]:
    return [str(uuid.UUID(int=i + 1, version=4)) for i in range(n)]


def test_an_error_on_the_last_line_writes_nothing_from_the_chunks_before(ready: Database, tmp_path: Path) -> None:
    before = snapshot(ready)
    lines = [_line(i) for i in _ids(7)] + [_line(str(uuid.uuid4()), place="PARKING")]
    with pytest.raises(ImportFailed) as failed:
        import_jsonl(ready, write(tmp_path / "f.jsonl", *lines), today=TODAY)
    assert [(e.line, e.field) for e in failed.value.errors] == [(8, "place")]
    assert snapshot(ready) == before
    with ready.session() as session:
        assert session.scalars(select(AuditLog.action).where(AuditLog.action == "IMPORT")).all() == []


def test_errors_after_the_first_are_all_reported(ready: Database, tmp_path: Path) -> None:
    lines = [_line(i, place="PARKING") if n % 3 == 0 else _line(i) for n, i in enumerate(_ids(9))]
    with pytest.raises(ImportFailed) as failed:
        import_jsonl(ready, write(tmp_path / "f.jsonl", *lines), today=TODAY)
    assert [e.line for e in failed.value.errors] == [1, 4, 7]


def test_a_duplicate_id_is_found_in_another_chunk_and_names_the_first_line(ready: Database, tmp_path: Path) -> None:
    ids = _ids(5)
    lines = [_line(i) for i in ids] + [_line(ids[1], start="15:00")]
    with pytest.raises(ImportFailed, match="Ligne 6, champ « id » : identifiant déjà présent à la ligne 2."):
        import_jsonl(ready, write(tmp_path / "f.jsonl", *lines), today=TODAY)


def test_a_follow_up_before_its_origin_in_another_chunk(ready: Database, tmp_path: Path) -> None:
    follow = _line(str(uuid.UUID(int=1, version=4)), follow_up_of=ORIGIN, start="16:00")
    fillers = [_line(i) for i in _ids(5)[1:]]
    report = import_jsonl(ready, write(tmp_path / "f.jsonl", follow, *fillers, _line(ORIGIN)), today=TODAY)
    assert report.created == 6
    stored = iv.get_intervention(ready, uuid.UUID(follow["id"])).data
    assert str(stored.follow_up_of) == ORIGIN
    with ready.session() as session:  # the link set at the end keeps the line's version
        assert session.scalar(select(Intervention.updated_at).where(Intervention.id == uuid.UUID(follow["id"]))) == (
            session.scalar(select(Intervention.created_at).where(Intervention.id == uuid.UUID(follow["id"])))
        )


def test_a_follow_up_of_a_line_in_another_chunk_that_follows_is_refused(ready: Database, tmp_path: Path) -> None:
    lines = [
        _line(ORIGIN),
        *(_line(i) for i in _ids(3)),
        _line(CHAIN, follow_up_of=ORIGIN),
        *(_line(i) for i in _ids(7)[3:]),
        _line(OTHER, follow_up_of=CHAIN),
    ]
    with pytest.raises(ImportFailed) as failed:
        import_jsonl(ready, write(tmp_path / "f.jsonl", *lines), today=TODAY)
    assert [(e.line, e.field) for e in failed.value.errors] == [(len(lines), "follow_up_of")]
    assert "elle-même une suite" in failed.value.errors[0].message


def test_a_follow_up_cannot_start_before_its_origin_in_an_earlier_chunk(ready: Database, tmp_path: Path) -> None:
    lines = [_line(ORIGIN, start="18:00"), *(_line(i) for i in _ids(3)), _line(CHAIN, follow_up_of=ORIGIN)]
    with pytest.raises(ImportFailed, match="la suite ne peut pas commencer avant l'intervention d'origine"):
        import_jsonl(ready, write(tmp_path / "f.jsonl", *lines), today=TODAY)


def test_reimport_across_chunks_changes_nothing_and_round_trips(ready: Database, tmp_path: Path) -> None:
    lines = [_line(ORIGIN), *(_line(i, follow_up_of=ORIGIN) for i in _ids(4)), _line(OTHER, start="08:00")]
    import_jsonl(ready, write(tmp_path / "f.jsonl", *lines), today=TODAY)
    first = tmp_path / "first.jsonl"
    export_jsonl(ready, first)
    report = import_jsonl(ready, first, today=TODAY)
    assert (report.created, report.updated, report.unchanged) == (0, 0, len(lines))
    again = tmp_path / "again.jsonl"
    export_jsonl(ready, again)
    assert again.read_bytes() == first.read_bytes()


def test_skip_invalid_across_chunks_writes_the_valid_lines_once(ready: Database, tmp_path: Path) -> None:
    ids = _ids(6)
    lines = [_line(ids[0]), _line(ids[1], place="PARKING"), *(_line(i) for i in ids[2:])]
    lines.append(_line(OTHER, follow_up_of=ids[1]))  # follows the refused line: refused too
    report = import_jsonl(ready, write(tmp_path / "f.jsonl", *lines), skip_invalid=True, today=TODAY)
    assert (report.created, report.invalid_lines) == (5, 2)
    assert {e.line for e in report.errors} == {2, 7}
    # Counted once, though a file read with --skip-invalid is read twice (checked, then written).
    assert report.lines == 7 and report.notes_dropped == 5 and report.new_sites == 1
    assert report.new_territories == ("75056", "QN07501M")


def test_skip_invalid_keeps_a_follow_up_of_a_line_whose_change_is_refused(ready: Database, tmp_path: Path) -> None:
    """A change refused in the same round as a line that relies on it: the line follows the stored version."""
    import_jsonl(ready, write(tmp_path / "base.jsonl", _line(ORIGIN), _line(CHAIN, follow_up_of=ORIGIN)), today=TODAY)
    third = "d0000000-0000-4000-8000-000000000000"
    import_jsonl(ready, write(tmp_path / "more.jsonl", _line(third)), today=TODAY)
    # The file makes ``third`` follow a follow-up (refused) and a new line follow ``third``: as stored,
    # ``third`` is the first of its situation, so the new line is kept.
    follower = "e0000000-0000-4000-8000-000000000000"
    lines = (_line(third, follow_up_of=CHAIN), _line(follower, follow_up_of=third))
    report = import_jsonl(ready, write(tmp_path / "f.jsonl", *lines), skip_invalid=True, today=TODAY)
    assert [(e.line, e.field) for e in report.errors] == [(1, "follow_up_of")]
    assert report.created == 1
    assert str(iv.get_intervention(ready, uuid.UUID(follower)).data.follow_up_of) == third
    assert iv.get_intervention(ready, uuid.UUID(third)).data.follow_up_of is None


def test_a_file_changed_between_the_two_readings_writes_nothing(
    ready: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "f.jsonl", *(_line(i) for i in _ids(3)))
    before = snapshot(ready)
    read = importer._Import.read

    def read_then_edit(self: importer._Import, *args: Any, **kwargs: Any) -> Any:
        result = read(self, *args, **kwargs)
        with path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(_line(OTHER)) + "\n")
        return result

    monkeypatch.setattr(importer._Import, "read", read_then_edit)
    with pytest.raises(StorageError, match="Le fichier a changé pendant l'import"):
        import_jsonl(ready, path, skip_invalid=True, today=TODAY)
    assert snapshot(ready) == before


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"start": "1٤:3٠"}, "Ligne 1, champ « start » : heure HH:MM attendue, reçu « 1٤:3٠ »."),
        ({"date": "2026-1٠-14"}, "Ligne 1, champ « date » : date AAAA-MM-JJ attendue, reçu « 2026-1٠-14 »."),
        (
            {"updated_at": "2026-10-14T10:0٠:00.000000Z"},
            "Ligne 1, champ « updated_at » : horodatage UTC AAAA-MM-JJTHH:MM:SS[.ffffff]Z attendu, reçu "
            '"2026-10-14T10:0٠:00.000000Z".',
        ),
    ],
)
def test_dates_and_times_take_ascii_digits_only(
    ready: Database, tmp_path: Path, changes: dict[str, str], expected: str
) -> None:
    with pytest.raises(ImportFailed) as failed:
        import_jsonl(ready, write(tmp_path / "f.jsonl", dict(VALID, **changes)), today=TODAY)
    assert [e.for_user() for e in failed.value.errors] == [expected]


def test_a_refused_mediator_does_not_hide_the_other_references_of_its_line(ready: Database, tmp_path: Path) -> None:
    line = dict(VALID, mediators=[{"id": str(uuid.uuid4()), "pseudonym": "Jean Dupont"}], dispositif="Inconnu")
    with pytest.raises(ImportFailed) as failed:
        import_jsonl(ready, write(tmp_path / "f.jsonl", line), today=TODAY)
    assert [(e.line, e.field) for e in failed.value.errors] == [(1, "mediators"), (1, "dispositif")]


def test_the_import_records_its_time_stamp_once_per_run(ready: Database, tmp_path: Path) -> None:
    """Every row a run creates shares the run's clock (``created_at``), whatever chunk it came in."""
    lines = [_line(i) for i in _ids(5)]
    import_jsonl(ready, write(tmp_path / "f.jsonl", *lines), today=TODAY)
    with ready.session() as session:
        stamps = set(session.scalars(select(Intervention.created_at)))
    assert len(stamps) == 1 and isinstance(stamps.pop(), dt.datetime)


def _statistics(db: Database) -> int:
    with db.engine.connect() as conn:
        if not conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").scalar():
            return 0
        return int(conn.exec_driver_sql("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'intervention'").scalar() or 0)


def test_a_large_import_refreshes_the_planner_statistics(
    ready: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "ANALYZE_AFTER_LINES", 3)
    import_jsonl(ready, write(tmp_path / "small.jsonl", *[_line(i) for i in _ids(3)]), today=TODAY)
    assert _statistics(ready) == 0  # three lines: not worth it
    more = [_line(str(uuid.UUID(int=100 + n, version=4))) for n in range(4)]
    import_jsonl(ready, write(tmp_path / "large.jsonl", *more), today=TODAY)
    assert _statistics(ready) > 0  # the journal and month indexes have statistics for the planner
