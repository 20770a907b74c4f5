"""The ``progress`` callbacks of the import and the export (issue 7): how far they are, and a Cancel.

The window's Cancel button is an exception raised by the callback: the import's one transaction is
rolled back (nothing written, not even its audit line), the export leaves no file behind.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from medios.db import Database
from medios.db.models import AuditLog
from medios.services import structure as st
from medios.services.interchange import ImportFailed, export_jsonl, exporter, import_jsonl, importer
from medios.services.structure import StructureSummary
from tests.test_interchange import TODAY, VALID, snapshot, write


class Stop(Exception):
    """What a Cancel button raises."""


@pytest.fixture
def ready(db: Database, structure: StructureSummary, monkeypatch: pytest.MonkeyPatch) -> Database:
    st.create_dispositif(db, "Médiation habitat Belleville", "HABITAT", dt.date(2024, 1, 1))
    monkeypatch.setattr(importer, "CHUNK_LINES", 2)
    monkeypatch.setattr(importer, "PROGRESS_LINES", 3)
    monkeypatch.setattr(exporter, "PROGRESS_LINES", 3)
    return db


def _file(tmp_path: Path, n: int, *extra: dict[str, Any] | str) -> Path:
    lines = [dict(VALID, id=str(uuid.UUID(int=i + 1, version=4))) for i in range(n)]
    return write(tmp_path / "f.jsonl", *lines, *extra)


def _audit_count(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(AuditLog)) or 0


def test_the_import_says_how_far_it_is_in_bytes_of_the_file(ready: Database, tmp_path: Path) -> None:
    path = _file(tmp_path, 10)
    calls: list[tuple[int, int]] = []
    report = import_jsonl(ready, path, today=TODAY, progress=lambda done, total: calls.append((done, total)))
    size = path.stat().st_size
    assert report.created == 10
    assert calls[0] == (0, size)
    assert calls[-1] == (size, size)
    assert len(calls) >= 4  # lines 3, 6, 9, then the end
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert {total for _, total in calls} == {size}


def test_with_skip_invalid_the_file_is_read_twice_and_the_total_says_so(ready: Database, tmp_path: Path) -> None:
    path = _file(tmp_path, 5, "pas du JSON")
    calls: list[tuple[int, int]] = []
    report = import_jsonl(
        ready, path, today=TODAY, skip_invalid=True, progress=lambda done, total: calls.append((done, total))
    )
    size = path.stat().st_size
    assert (report.created, report.invalid_lines) == (5, 1)
    assert {total for _, total in calls} == {2 * size}
    assert (size, 2 * size) in calls  # the end of the first reading
    assert calls[-1] == (2 * size, 2 * size)


@pytest.mark.parametrize("skip_invalid", [False, True])
@pytest.mark.parametrize("stop_at", [1, 2, -1])
def test_a_cancelled_import_writes_nothing(ready: Database, tmp_path: Path, skip_invalid: bool, stop_at: int) -> None:
    """Cancelled after some chunks were written (CHUNK_LINES is 2), or at the very end of the reading."""
    path = _file(tmp_path, 10)
    before, audits = snapshot(ready), _audit_count(ready)
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        calls.append((done, total))
        if len(calls) == stop_at or (stop_at < 0 and done == total):
            raise Stop

    with pytest.raises(Stop):
        import_jsonl(ready, path, today=TODAY, skip_invalid=skip_invalid, progress=progress)
    assert snapshot(ready) == before
    assert _audit_count(ready) == audits
    # The base is usable afterwards: the same import, not cancelled, writes the file.
    assert import_jsonl(ready, path, today=TODAY, skip_invalid=skip_invalid).created == 10


def test_the_export_says_how_many_lines_it_wrote(ready: Database, tmp_path: Path) -> None:
    import_jsonl(ready, _file(tmp_path, 7), today=TODAY)
    calls: list[tuple[int, int]] = []
    target = tmp_path / "out.jsonl"
    assert export_jsonl(ready, target, progress=lambda done, total: calls.append((done, total))) == 7
    assert calls == [(0, 7), (3, 7), (6, 7), (7, 7)]
    plain = tmp_path / "plain.jsonl"
    export_jsonl(ready, plain)
    assert target.read_bytes() == plain.read_bytes()


def test_a_cancelled_export_leaves_no_file_and_keeps_the_old_one(ready: Database, tmp_path: Path) -> None:
    import_jsonl(ready, _file(tmp_path, 7), today=TODAY)
    target = tmp_path / "out" / "interventions.jsonl"
    target.parent.mkdir()

    def progress(done: int, total: int) -> None:
        if done == 3:
            raise Stop

    with pytest.raises(Stop):
        export_jsonl(ready, target, progress=progress)
    assert list(target.parent.iterdir()) == []
    target.write_text("ancien\n", encoding="utf-8")
    with pytest.raises(Stop):
        export_jsonl(ready, target, progress=progress)
    assert list(target.parent.iterdir()) == [target]
    assert target.read_text(encoding="utf-8") == "ancien\n"


def test_a_refused_file_says_how_many_lines_could_be_read(ready: Database, tmp_path: Path) -> None:
    """What the window needs to know whether « import the lines without errors » makes sense."""
    with pytest.raises(ImportFailed) as mixed:
        import_jsonl(ready, _file(tmp_path, 3, "{pas du JSON"), today=TODAY)
    assert (mixed.value.readable, mixed.value.lines_with_errors) == (3, 1)
    none = tmp_path / "rapport.pdf"
    none.write_bytes(b"%PDF-1.7\n" + b"x" * 100)
    with pytest.raises(ImportFailed) as refused:
        import_jsonl(ready, none, today=TODAY)
    assert refused.value.readable == 0
