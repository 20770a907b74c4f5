"""Page « Export observatoire »: a period typed like a user, the preview (quality, CNIL tests, masked cells
and why), the file written after confirming open months, the history, a corrected file, refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from sqlalchemy import text

from medios.db import Database
from medios.demo import generate_demo
from medios.export import observatory as fmt
from medios.services.observatory import ledger
from tests.test_ui_activities import FakeNavigator
from tests.ui_support import Boxes, Keyboard, record_boxes, refuse_modal_dialogs

from medios.ui.pages import PageContext


@pytest.fixture(autouse=True)
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    refuse_modal_dialogs(monkeypatch)
    return record_boxes(monkeypatch)


@pytest.fixture
def context(tmp_path: Path, db: Database) -> PageContext:
    generate_demo(db, months=3, mediators=3, seed=4, today=dt.date(2026, 3, 20))
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE structure SET observatory_id = 'OBS-0099'"))
    settings = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    return PageContext(db, settings, FakeNavigator())


@pytest.fixture
def page(qtbot, context: PageContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from medios.ui.pages.observatory import ObservatoryPage

    widget = ObservatoryPage(context)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.offered: list[tuple[Path, str]] = []  # type: ignore[misc]
    monkeypatch.setattr(widget, "offer_to_open", lambda path, verdict: widget.offered.append((path, verdict)))
    monkeypatch.setattr(widget, "ask_path", lambda period: tmp_path / f"obs-{period}.zip")
    return widget


def _type_period(qtbot, page, value: str) -> None:
    page.activateWindow()  # a progress dialog may have had the focus
    page.period.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(page.period.hasFocus)
    page.period.selectAll()
    Keyboard(qtbot).type(value)


def test_preview_then_write_then_history(
    qtbot, page, context: PageContext, tmp_path: Path, monkeypatch, boxes: Boxes
) -> None:
    _type_period(qtbot, page, "2026-02")
    assert not page.write_button.isEnabled()
    page.preview_button.click()
    prepared = page.prepared
    assert prepared is not None and prepared.period == "2026-02"
    assert page.masked.rowCount() == len(prepared.release.masked) > 0
    reasons = {page.masked.item(r, 1).text() for r in range(page.masked.rowCount())}
    assert any(r.startswith("moins de 11") for r in reasons)
    checks = [page.checks.item(r).text() for r in range(page.checks.count())]
    assert any(c.startswith("À vérifier : mois non clôturés") for c in checks)
    assert sum(c.startswith("Test CNIL") and "réussi" in c for c in checks) == 3
    assert any(c.startswith("Test CNIL « corrélation : relier des données sur une même personne »") for c in checks)
    assert "cellules masquées sur" in page.summary.text()
    assert page.write_button.isEnabled()

    asked: list[str] = []
    monkeypatch.setattr(page, "confirm_open_months", lambda months: asked.append(months) or False)
    page.write_button.click()
    assert asked and not (tmp_path / "obs-2026-02.zip").exists()  # refused: nothing written
    monkeypatch.setattr(page, "confirm_open_months", lambda months: True)
    page.write_button.click()
    target = tmp_path / "obs-2026-02.zip"
    assert boxes.shown == []
    assert target.exists() and page.offered[-1][0] == target
    assert page.offered[-1][1].startswith("Contrôle réussi")
    assert fmt.read_package_file(target).manifest["open_months"] == ["2026-02"]
    assert page.history.rowCount() == 1 and page.history.item(0, 1).text() == "2026-02"
    record = ledger.history(context.db)[0]
    assert page.history.item(0, 3).text() == record.file_sha256
    assert not page.write_button.isEnabled()  # a new preview is needed for another file

    page.history.selectRow(0)
    page.correct_button.click()
    records = ledger.history(context.db)
    assert len(records) == 2 and records[0].replaces == record.id


def test_a_wrong_period_and_a_missing_identifier_are_said_in_french(qtbot, page, context, boxes: Boxes) -> None:
    _type_period(qtbot, page, "2026-02:2026-03")
    page.preview_button.click()
    assert page.prepared is None and boxes.shown[-1][0] == "warning"
    assert "écrivez un mois" in boxes.shown[-1][2]
    with context.db.engine.begin() as conn:
        conn.execute(text("UPDATE structure SET observatory_id = NULL"))
    _type_period(qtbot, page, "2026-02")
    page.preview_button.click()
    checks = [page.checks.item(r).text() for r in range(page.checks.count())]
    assert any("identifiant Observatoire absent" in c for c in checks)
    assert not page.write_button.isEnabled()
    page.correct_button.click()  # nothing chosen in the history
    assert boxes.shown[-1][1].startswith("Choisissez d'abord")


def test_the_preview_shows_its_progress_and_annuler_stops_it(qtbot, page, context, monkeypatch, boxes: Boxes) -> None:
    """The preparation reports its steps to the progress dialog; « Annuler » (the job's flag, as the
    dialog's button sets it) stops the protection between two solves: no preview, nothing in the ledger."""
    from medios.services.observatory import exporter

    real = exporter.prepare
    seen: list[tuple[int, int]] = []

    def watched(db, period, *, threshold, progress):
        def spy(done: int, total: int) -> None:
            seen.append((done, total))
            progress(done, total)

        return real(db, period, threshold=threshold, progress=spy)

    monkeypatch.setattr("medios.ui.pages.observatory.exporter.prepare", watched)
    _type_period(qtbot, page, "2026-02")
    page.preview_button.click()
    assert page.prepared is not None and boxes.shown == []
    shares = [done / total for done, total in seen]
    assert shares == sorted(shares) and len(set(shares)) > 5 and shares[-1] >= 0.95

    def cancelled(db, period, *, threshold, progress):
        def cancel_at_protection(done: int, total: int) -> None:
            if done >= 20:  # in the protection: the user clicks « Annuler »
                progress.__self__.cancel.set()
            progress(done, total)

        return real(db, period, threshold=threshold, progress=cancel_at_protection)

    monkeypatch.setattr("medios.ui.pages.observatory.exporter.prepare", cancelled)
    page.period.setText("2026-03")
    page._forget()
    page.preview_button.click()
    assert page.prepared is None and not page.write_button.isEnabled()
    assert boxes.shown[-1][:2] == ("information", "Export annulé : aucun fichier n'a été écrit.")
    assert ledger.history(context.db) == []


def test_a_mediator_previews_but_the_file_is_the_coordinations(
    qtbot, page, context: PageContext, tmp_path: Path, monkeypatch, boxes: Boxes
) -> None:
    from medios.services.structure import list_mediators

    mediator = next(m for m in list_mediators(context.db) if m.role == "MEDIATEUR")
    context.set_user(mediator.id)
    _type_period(qtbot, page, "2026-02")
    page.preview_button.click()
    assert page.prepared is not None  # aggregates: a mediator may look
    monkeypatch.setattr(page, "confirm_open_months", lambda months: True)
    page.write_button.click()
    assert not (tmp_path / "obs-2026-02.zip").exists() and ledger.history(context.db) == []
    assert boxes.shown and boxes.shown[-1][0] in ("warning", "critical")
    assert "coordination" in boxes.shown[-1][2]
