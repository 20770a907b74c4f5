"""The window paints before the database layer is imported, and without waiting for a count over every
intervention (issue 6, item 5).

``run_gui`` shows the window as a shell, then opens the base once it has painted; the interventions are
counted on a pool thread of the window's own.  These tests check the order (in a fresh process), what
the shell shows, where the queries run, what the tile shows meanwhile, Ctrl+C during start-up, and
that closing the window while a count runs is clean.  No timing here: ``benchmarks/startup_bench.py``
measures.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import Engine, event

from medios import app as app_module
from medios.db import Database
from medios.services.structure import StructureSummary, structure_summary
from tests.ui_support import refuse_modal_dialogs

from medios.ui import main_window
from medios.ui.first_run import FirstRunDialog
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


# -- the order of start-up ------------------------------------------------------------------------

# A fresh process: an event filter notes which modules are loaded at the first paint of the main window,
# then waits until the window shows the base's figures and closes it.
PAINT_PROBE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
seen = {}

def shown():
    window = seen["window"]
    text = window.interventions_tile.value.text()
    if getattr(window, "counts_pending", True) or not any(c.isdigit() for c in text):
        QTimer.singleShot(5, shown)
        return
    digits = "".join(c for c in text if c.isdigit())
    print("SHOWN", window.windowTitle(), window.mediators_tile.value.text(), digits, sep="|", flush=True)
    window.close()

class Probe(QObject):
    def eventFilter(self, watched, event):
        if "window" not in seen and event.type() == QEvent.Type.Paint and type(watched).__name__ == "MainWindow":
            seen["window"] = watched
            loaded = [m for m in ("sqlalchemy", "medios.db", "medios.db.models") if m in sys.modules]
            print("AT_PAINT|" + ",".join(loaded), flush=True)
            QTimer.singleShot(0, shown)
        return False

probe = Probe()
app.installEventFilter(probe)
from medios.__main__ import main
sys.exit(main(["--db", sys.argv[1]]))
"""


def _gui_process(script: str, db_path: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, MEDIOS_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen", MEDIOS_LANG="fr")
    env.pop("MEDIOS_DB", None)
    return subprocess.run(
        [sys.executable, "-c", script, str(db_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
        timeout=120,
    )


def test_the_window_paints_before_the_database_layer_is_imported(db: Database, db_path: Path, tmp_path: Path) -> None:
    """At the first paint neither SQLAlchemy nor the database layer is loaded; then the base's figures come."""
    from medios.demo import generate_demo

    generate_demo(db, months=1, mediators=2)
    summary = structure_summary(db)
    assert summary.interventions
    db.dispose()

    result = _gui_process(PAINT_PROBE, db_path, tmp_path)

    assert result.returncode == 0, result.stderr
    lines = dict(line.split("|", 1) for line in result.stdout.splitlines() if "|" in line)
    assert lines["AT_PAINT"] == "", f"imported before the first paint: {lines['AT_PAINT']}"
    assert lines["SHOWN"].split("|") == [f"Médios — {summary.name}", str(summary.mediators), str(summary.interventions)]


# Ctrl+C (a KeyboardInterrupt) in the middle of an import: before the window (Qt), or once it is painted
# (SQLAlchemy, imported with the database layer).
INTERRUPTED_IMPORT = """
import builtins, sys
real = builtins.__import__
def hook(name, globals=None, locals=None, fromlist=(), level=0):
    if name.startswith(sys.argv[2]) and not hasattr(hook, "done"):
        hook.done = True
        raise KeyboardInterrupt
    return real(name, globals, locals, fromlist, level)
from medios.__main__ import main
builtins.__import__ = hook
sys.exit(main(["--db", sys.argv[1]]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="a KeyboardInterrupt raised in-process stands for Ctrl+C")
@pytest.mark.parametrize("module", ["PySide6", "sqlalchemy"])
def test_ctrl_c_while_the_window_starts_is_a_french_message(
    db: Database, structure: StructureSummary, db_path: Path, tmp_path: Path, module: str
) -> None:
    db.dispose()
    result = _gui_process(INTERRUPTED_IMPORT.replace("sys.argv[2]", repr(module)), db_path, tmp_path)
    assert result.returncode == 130, result.stderr
    assert "Interrompu : rien n'a été enregistré." in result.stderr.splitlines()
    assert "Traceback" not in result.stderr and "KeyboardInterrupt" not in result.stderr


# -- the shell ------------------------------------------------------------------------------------


def test_the_shell_says_the_base_is_opening_then_shows_it(
    qtbot, db: Database, structure: StructureSummary, db_path: Path
) -> None:
    window = MainWindow(database_path=db_path)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.first_painted):
        pass
    assert window.database is None and window.windowTitle() == "Médios"
    assert window.statusBar().currentMessage() == "Ouverture de la base…"
    tiles = (window.mediators_tile, window.dispositifs_tile, window.interventions_tile)
    assert [tile.value.text() for tile in tiles] == [PENDING] * 3
    assert window.database_path.text() == str(db_path)
    assert not window.check_for_changes(always=True)  # nothing to look at yet, no error

    with qtbot.waitSignal(window.counts_shown):
        window.attach(db)
    assert window.database is db and window.windowTitle() == "Médios — Médiation Test"
    assert [tile.value.text() for tile in tiles] == ["1", "0", "0"]
    assert window.statusBar().currentMessage() == ""
    selectable = Qt.TextInteractionFlag.TextSelectableByMouse
    assert all(label.textInteractionFlags() & selectable for label in (window.title, tiles[2].value))


def test_a_shell_closed_before_its_base_is_clean(qtbot, db_path: Path) -> None:
    window = MainWindow(database_path=db_path)
    qtbot.addWidget(window)
    window.show()
    window.close()
    assert window.database is None and not window.change_timer.isActive()


def test_run_gui_opens_the_base_once_the_window_has_painted(
    qapp, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first-run dialog then comes over the painted window (here « Quitter »)."""
    opened: list[tuple[bool, bool]] = []
    real_open = app_module.open_database

    def spy(path: Path, **options: object) -> Database:
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        opened.append((window.isVisible(), window._painted))
        return real_open(path, **options)

    parents: list[object] = []
    monkeypatch.setattr(app_module, "open_database", spy)
    monkeypatch.setattr(
        FirstRunDialog, "exec", lambda self: parents.append(self.parent()) or QDialog.DialogCode.Rejected
    )
    monkeypatch.setenv("MEDIOS_LANG", "fr")
    assert app_module.run_gui(db_path=str(db_path), demo=False) == app_module.EXIT_OK
    assert opened == [(True, True)]
    assert len(parents) == 1 and isinstance(parents[0], MainWindow)


def test_a_window_never_painted_still_gets_its_base(
    qapp, db: Database, structure: StructureSummary, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started minimised or on a hidden desktop, the window is not painted: the base comes after a delay."""
    db.dispose()
    monkeypatch.setattr(app_module, "FIRST_PAINT_WAIT_MS", 10)
    monkeypatch.setattr(MainWindow, "show", lambda self: None)  # never exposed, never painted
    attached: list[str] = []
    attach = MainWindow.attach

    def attach_then_quit(self: MainWindow, database: Database) -> None:
        attach(self, database)
        attached.append(self.windowTitle())
        self.counts_shown.connect(QApplication.quit)

    monkeypatch.setattr(MainWindow, "attach", attach_then_quit)
    monkeypatch.setenv("MEDIOS_LANG", "fr")
    assert app_module.run_gui(db_path=str(db_path), demo=False) == app_module.EXIT_OK
    assert attached == ["Médios — Médiation Test"]
