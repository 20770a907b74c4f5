"""The change token of medios.db.changes: moves when another connection commits, costs no query."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event

from medios.db import Database, open_database
from medios.db.changes import watch_changes
from medios.services.structure import StructureSummary, create_mediator, structure_summary


def test_token_moves_when_another_connection_commits(db: Database, db_path: Path, structure: StructureSummary) -> None:
    watcher = watch_changes(db)
    try:
        assert watcher.supported
        first = watcher.token()
        assert first is not None and watcher.token() == first  # nothing happened: the same token

        other = open_database(db_path)  # as ``medios import`` would, from another process
        try:
            create_mediator(other, "Bruno Petit")
        finally:
            other.dispose()
        assert watcher.token() != first
    finally:
        watcher.close()


def test_reading_the_token_runs_no_statement_and_holds_no_transaction(
    db: Database, structure: StructureSummary
) -> None:
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    watcher = watch_changes(db)
    try:
        for _ in range(3):
            watcher.token()
        assert statements == []
        create_mediator(db, "Bruno Petit")  # a writer is not blocked by the watcher's connection
        assert structure_summary(db).mediators == 2
    finally:
        watcher.close()
    assert watcher.token() is None  # closed: no token, no error
