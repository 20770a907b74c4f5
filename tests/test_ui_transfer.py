"""« Fichier › Importer des interventions… » and « Exporter les interventions… » (issue 7).

The file dialogs are patched; the work runs on a worker thread behind a progress dialog whose
« Annuler » button is clicked with the mouse while the worker waits at a progress call.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QProgressDialog, QPushButton

from medios.db import Database, StorageError
from medios.services import structure as st
from medios.services.interchange import export_jsonl, exporter, import_jsonl, importer
from medios.services.structure import StructureSummary
from tests.test_interchange import VALID, snapshot, write
from tests.ui_support import Boxes, record_boxes, refuse_modal_dialogs

from medios.ui import msgbox, transfer
from medios.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture(autouse=True)
def no_modal_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_modal_dialogs(monkeypatch)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return record_boxes(monkeypatch)


@pytest.fixture
def window(qtbot, db: Database, structure: StructureSummary, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    st.create_dispositif(db, "Médiation habitat Belleville", "HABITAT", dt.date(2024, 1, 1))
    monkeypatch.setattr(importer, "CHUNK_LINES", 2)  # a few lines are several chunks, written one by one
    monkeypatch.setattr(importer, "PROGRESS_LINES", 2)
    monkeypatch.setattr(exporter, "PROGRESS_LINES", 2)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1000, 680)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.counts_pending)
    return window


def _lines(n: int) -> list[dict[str, Any]]:
    # Within the last year, not in the future: VALID's date is fixed, today is not.
    day = (dt.date.today() - dt.timedelta(days=30)).isoformat()
    return [dict(VALID, id=str(uuid.UUID(int=i + 1, version=4)), date=day) for i in range(n)]


def _choose(monkeypatch: pytest.MonkeyPatch, kind: str, path: Path | str) -> list[str]:
    """Patch the file dialog ``kind`` to answer ``path``; returns the titles it was opened with."""
    titles: list[str] = []

    def answer(_parent: Any, title: str, *_args: Any, **_kwargs: Any) -> tuple[str, str]:
        titles.append(title)
        return str(path), ""

    monkeypatch.setattr(f"medios.ui.transfer.QFileDialog.{kind}", answer)
    return titles


def _press(window: MainWindow, key: Qt.Key) -> None:
    """Ctrl+key on the window, as the keyboard would."""
    window.activateWindow()
    QTest.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)


def _ids(db: Database) -> set[str]:
    with db.engine.connect() as conn:
        return {
            str(uuid.UUID(bytes=row[0])) if isinstance(row[0], bytes) else str(row[0])
            for row in conn.exec_driver_sql("SELECT id FROM intervention")
        }


class _Spy:
    """Wraps a service function: records the thread it ran on, and may hold it at a progress call."""

    def __init__(self, real: Callable[..., Any], hold_at: int | None = None) -> None:
        self.real = real
        self.threads: list[threading.Thread] = []
        self.hold_at = hold_at  # the progress call (counted from 1) at which the worker waits for Cancel
        self.calls = 0
        self.shown_value = 0  # what the progress bar showed when Annuler was clicked
        self.holding = threading.Event()
        self.released = threading.Event()

    def __call__(self, *args: Any, progress: Callable[[int, int], None], **kwargs: Any) -> Any:
        self.threads.append(threading.current_thread())

        def held(done: int, total: int) -> None:
            self.calls += 1
            if self.calls == self.hold_at:
                self.holding.set()
                assert self.released.wait(10), "Annuler was never clicked"
            progress(done, total)

        return self.real(*args, progress=held, **kwargs)


def _click_cancel_when_held(window: MainWindow, spy: _Spy, qtbot, shot: str | None = None) -> QTimer:
    """A timer of the window's thread (which runs the progress dialog's loop) that clicks « Annuler »."""
    timer = QTimer(window)
    timer.setInterval(20)

    def look() -> None:
        dialog = window.findChild(QProgressDialog)
        if not spy.holding.is_set() or dialog is None or not dialog.isVisible() or dialog.value() <= 0:
            return  # the worker is held after a few progress calls: the bar shows them first
        timer.stop()
        spy.shown_value = dialog.value()
        if shot:
            dialog.grab().save(shot)
        button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Annuler")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        spy.released.set()

    timer.timeout.connect(look)
    timer.start()
    return timer


# -- the menu ---------------------------------------------------------------------------------------


def test_the_actions_wait_for_the_base_and_show_their_shortcuts(qtbot, db: Database, structure) -> None:
    shell = MainWindow()
    qtbot.addWidget(shell)
    assert not shell.import_action.isEnabled()
    assert not shell.export_action.isEnabled()
    file_menu = shell.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions() if not a.isSeparator()]
    assert texts == ["&Importer des interventions…", "&Exporter les interventions…", "&Quitter"]
    for action, keys in ((shell.import_action, "Ctrl+I"), (shell.export_action, "Ctrl+E")):
        assert QKeySequence(keys) in action.shortcuts()
        assert QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText) in action.toolTip()
    shell.attach(db)
    qtbot.waitUntil(lambda: not shell.counts_pending)
    assert shell.import_action.isEnabled()
    assert shell.export_action.isEnabled()


# -- import -----------------------------------------------------------------------------------------


def test_import_through_the_window_off_its_thread(
    qtbot, window: MainWindow, db: Database, boxes: Boxes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "reçu.jsonl", *_lines(5))
    titles = _choose(monkeypatch, "getOpenFileName", path)
    spy = _Spy(import_jsonl)
    monkeypatch.setattr(transfer, "import_jsonl", spy)
    journal = window.show_page("journal")  # an open page follows the import
    qtbot.waitUntil(lambda: journal.count_label.text() == "0 intervention(s)")
    window.show_page("overview")

    _press(window, Qt.Key.Key_I)

    assert titles == ["Importer des interventions"]
    assert spy.threads and all(t is not threading.main_thread() for t in spy.threads)
    assert _ids(db) == {line["id"] for line in _lines(5)}
    assert boxes.shown[-1][0:2] == ("information", "Import terminé.")
    assert "5 ligne(s) lue(s). Interventions créées : 5" in boxes.shown[-1][2]
    assert "Médiateurs créés" in boxes.shown[-1][2]
    qtbot.waitUntil(lambda: window.interventions_tile.value.text() == "5")  # the window refreshed
    qtbot.waitUntil(lambda: journal.count_label.text() == "5 intervention(s)")


def test_cancel_during_the_import_writes_nothing(
    qtbot, window: MainWindow, db: Database, boxes: Boxes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "gros.jsonl", *_lines(12))
    _choose(monkeypatch, "getOpenFileName", path)
    before = snapshot(db)
    spy = _Spy(import_jsonl, hold_at=4)  # line 6: three chunks of two lines written in the transaction
    monkeypatch.setattr(transfer, "import_jsonl", spy)
    _click_cancel_when_held(window, spy, qtbot, shot="/tmp/transfer_progress.png")

    window.import_action.trigger()

    assert spy.released.is_set()
    assert 0 < spy.shown_value < transfer.STEPS
    assert boxes.shown == [("information", "Import annulé : rien n'a été importé.", "")]
    assert snapshot(db) == before
    assert window.findChild(QProgressDialog) is None or not window.findChild(QProgressDialog).isVisible()


def test_a_malformed_file_writes_nothing_unless_asked(
    qtbot, window: MainWindow, db: Database, boxes: Boxes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "abimé.jsonl", *_lines(2), "{pas du JSON", dict(_lines(3)[2], place="PARKING"))
    _choose(monkeypatch, "getOpenFileName", path)
    before = snapshot(db)
    questions: list[tuple[str, str]] = []
    answers = [False]
    monkeypatch.setattr(
        msgbox, "question", lambda _p, text, informative="": questions.append((text, informative)) or answers.pop()
    )

    window.import_action.trigger()

    assert snapshot(db) == before
    assert boxes.shown == []
    text, details = questions[0]
    assert text.startswith("Aucune intervention importée : 2 ligne(s) en erreur.")
    assert "Ligne 3 : JSON invalide" in details and "Ligne 4, champ « place »" in details

    answers.append(True)  # « Oui »: the lines without error are imported
    window.import_action.trigger()
    assert _ids(db) == {line["id"] for line in _lines(2)}
    assert boxes.shown[-1][1] == "Import terminé."
    assert "2 ligne(s) en erreur non importée(s)" in boxes.shown[-1][2]


def test_a_file_without_one_valid_line_is_refused_without_a_question(
    window: MainWindow, db: Database, boxes: Boxes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "rapport.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"x" * 100)
    _choose(monkeypatch, "getOpenFileName", path)
    before = snapshot(db)
    monkeypatch.setattr(msgbox, "question", lambda *_a: pytest.fail("nothing to import: no question"))

    window.import_action.trigger()

    assert snapshot(db) == before
    kind, text, details = boxes.shown[-1]
    assert (kind, text) == ("warning", "Rien n'a été importé : aucune ligne de ce fichier n'est valide.")
    assert "pas un fichier JSON Lines" in details


def test_a_locked_base_is_said_in_french(
    window: MainWindow, db: Database, boxes: Boxes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _choose(monkeypatch, "getOpenFileName", write(tmp_path / "f.jsonl", *_lines(1)))

    def locked(*_args: Any, **_kwargs: Any) -> Any:
        raise StorageError("La base de données est verrouillée par un autre programme.")

    monkeypatch.setattr(transfer, "import_jsonl", locked)
    window.import_action.trigger()
    assert boxes.shown == [
        (
            "critical",
            "L'import a échoué : rien n'a été importé.",
            "La base de données est verrouillée par un autre programme.",
        )
    ]


def test_no_file_chosen_does_nothing(window: MainWindow, boxes: Boxes, monkeypatch: pytest.MonkeyPatch) -> None:
    _choose(monkeypatch, "getOpenFileName", "")
    monkeypatch.setattr(transfer, "import_jsonl", lambda *_a, **_k: pytest.fail("imported without a file"))
    window.import_action.trigger()
    assert boxes.shown == []


# -- export -----------------------------------------------------------------------------------------


def test_export_writes_what_export_jsonl_writes(
    qtbot, window: MainWindow, db: Database, boxes: Boxes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_jsonl(db, write(tmp_path / "in.jsonl", *_lines(5)))
    target = tmp_path / "export.jsonl"
    titles = _choose(monkeypatch, "getSaveFileName", target)
    spy = _Spy(export_jsonl)
    monkeypatch.setattr(transfer, "export_jsonl", spy)

    _press(window, Qt.Key.Key_E)

    assert titles == ["Exporter les interventions"]
    assert spy.threads and spy.threads[0] is not threading.main_thread()
    reference = tmp_path / "reference.jsonl"
    assert export_jsonl(db, reference) == 5
    assert target.read_bytes() == reference.read_bytes()
    assert boxes.shown[-1][0:2] == ("information", f"5 intervention(s) exportée(s) dans {target}.")


def test_cancel_during_the_export_leaves_no_file(
    qtbot, window: MainWindow, db: Database, boxes: Boxes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_jsonl(db, write(tmp_path / "in.jsonl", *_lines(8)))
    folder = tmp_path / "sortie"
    folder.mkdir()
    _choose(monkeypatch, "getSaveFileName", folder / "export.jsonl")
    spy = _Spy(export_jsonl, hold_at=3)  # 4 lines written to the temporary file
    monkeypatch.setattr(transfer, "export_jsonl", spy)
    _click_cancel_when_held(window, spy, qtbot)

    window.export_action.trigger()

    assert spy.released.is_set()
    assert 0 < spy.shown_value < transfer.STEPS
    assert boxes.shown == [("information", "Export annulé : aucun fichier n'a été écrit.", "")]
    assert list(folder.iterdir()) == []


def test_an_export_to_a_folder_is_said_in_french(
    window: MainWindow, boxes: Boxes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _choose(monkeypatch, "getSaveFileName", tmp_path)
    window.export_action.trigger()
    kind, text, details = boxes.shown[-1]
    assert (kind, text) == ("critical", "L'export a échoué : aucun fichier n'a été écrit.")
    assert "est un dossier" in details


def test_an_export_onto_the_base_itself_is_refused(
    window: MainWindow, db: Database, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert db.path is not None
    before = Path(db.path).read_bytes()
    _choose(monkeypatch, "getSaveFileName", db.path)
    window.export_action.trigger()
    kind, text, details = boxes.shown[-1]
    assert (kind, text) == ("critical", "L'export a échoué : aucun fichier n'a été écrit.")
    assert "est la base de données elle-même" in details
    assert Path(db.path).read_bytes() == before
