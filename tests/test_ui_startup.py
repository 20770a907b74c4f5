"""The window paints without waiting for a count over every intervention (issue 6, item 5).

The interventions are counted on a pool thread of the window's own; these tests check where the
queries run, what the tile shows meanwhile, and that closing the window while a count runs is clean.
No timing here: ``benchmarks/startup_bench.py`` measures.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine, event

from medios import app as app_module
from medios.db import Database
from medios.services.structure import StructureSummary
from tests.ui_support import refuse_modal_dialogs

from medios.ui import main_window
from medios.ui.main_window import PENDING, MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture(autouse=True)
def no_modal_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_modal_dialogs(monkeypatch)


class SlowCount:
    """Stands in for the count: notes its thread, waits until released, returns the next figure."""

    def __init__(self, *figures: int) -> None:
        self.figures = list(figures)
        self.threads: list[threading.Thread] = []
        self.release = threading.Event()
        self.started = threading.Event()

    def __call__(self, _db: Database) -> int:
        self.threads.append(threading.current_thread())
        self.started.set()
        assert self.release.wait(10), "never released"
        return self.figures.pop(0)


def test_the_interventions_are_counted_off_the_gui_thread(
    qtbot, db: Database, structure: StructureSummary, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = SlowCount(12_345)
    monkeypatch.setattr(main_window, "count_live_interventions", count)
    window = MainWindow(db)
    qtbot.addWidget(window)
    # The window is built and shows the structure while the count is still running.
    assert window.title.text() == "Médiation Test" and window.mediators_tile.value.text() == "1"
    assert window.interventions_tile.value.text() == PENDING and window.counts_pending
    with qtbot.waitSignal(window.counts_shown):
        count.release.set()
    assert window.interventions_tile.value.text() == QLocale().toString(12_345)
    assert window.summary is not None and window.summary.interventions == 12_345
    assert [t is threading.main_thread() for t in count.threads] == [False]


def test_no_query_reads_the_interventions_on_the_gui_thread(qtbot, db: Database, structure: StructureSummary) -> None:
    """Start-up and a refresh: the GUI thread reads the structure and small tables, never the interventions."""
    on_gui: list[str] = []

    def spy(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if threading.current_thread() is threading.main_thread():
            on_gui.append(" ".join(statement.split()))

    event.listen(Engine, "before_cursor_execute", spy)
    try:
        window = app_module.prepare_window(db, demo=False)
        assert isinstance(window, MainWindow)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: not window.counts_pending)
        with qtbot.waitSignal(window.counts_shown):
            assert window.check_for_changes(always=True)
    finally:
        event.remove(Engine, "before_cursor_execute", spy)
    assert any("FROM mediator" in s for s in on_gui), on_gui  # the spy saw the GUI thread's reads
    assert [s for s in on_gui if "FROM intervention" in s] == []
    assert window.interventions_tile.value.text() == "0"


def test_a_refresh_during_a_count_counts_again_after_it(
    qtbot, db: Database, structure: StructureSummary, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = SlowCount(1, 2)
    monkeypatch.setattr(main_window, "count_live_interventions", count)
    window = MainWindow(db)
    qtbot.addWidget(window)
    assert count.started.wait(10)
    window.refresh()  # a change seen while the first count runs
    window.refresh()  # and another: still one count to come, not two
    with qtbot.waitSignal(window.counts_shown):
        count.release.set()
    assert window.interventions_tile.value.text() == "2" and not window.counts_pending
    assert len(count.threads) == 2 and count.figures == []


def test_closing_the_window_while_a_count_runs(qtbot, db: Database, structure: StructureSummary, monkeypatch) -> None:
    """Closing waits for the count (its thread leaves the database before it is disposed): no warning,
    no crash, and its late result is harmless."""
    count = SlowCount(7)
    monkeypatch.setattr(main_window, "count_live_interventions", count)
    window = MainWindow(db)
    window.show()
    assert count.started.wait(10)
    threading.Timer(0.1, count.release.set).start()
    window.close()  # waits for the count under way
    assert window._pool.activeThreadCount() == 0
    window.deleteLater()
    QApplication.processEvents()  # the queued result finds the window gone, or closed
    db.dispose()


def test_a_bug_in_the_count_reaches_the_crash_report(
    qtbot, db: Database, structure: StructureSummary, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_db: Database) -> int:
        raise KeyError("bogue")

    monkeypatch.setattr(main_window, "count_live_interventions", broken)
    with qtbot.captureExceptions() as exceptions:
        window = MainWindow(db)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: not window.counts_pending)
        qtbot.waitUntil(lambda: bool(exceptions))
    [(kind, value, _tb)] = exceptions
    assert kind is KeyError and value.args == ("bogue",)


def test_the_window_paints_without_the_models_nor_the_orm(
    db: Database, structure: StructureSummary, db_path: Path, tmp_path: Path
) -> None:
    """The way to the first paint reads through SQLAlchemy Core: no models, no mappers, no alembic."""
    db.dispose()
    script = (
        "import sys\n"
        "import medios.app as app\n"
        "from PySide6.QtWidgets import QApplication\n"
        "qt = app.application()\n"
        f"db = app.open_or_explain(__import__('pathlib').Path({str(db_path)!r}))\n"
        "window = app.prepare_window(db, demo=False)\n"
        "window.show()\n"
        "while window.counts_pending:\n"
        "    QApplication.processEvents()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy.orm', 'alembic', 'medios.db.models'))))\n"
        "window.close(); db.dispose()\n"
    )
    env = dict(os.environ, MEDIOS_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout
