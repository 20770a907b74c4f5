"""The intervention form (page « Saisie »): filled with the keyboard like a user, rows asserted in the base."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from medios.db import Database
from medios.services import drafts
from medios.services import interventions as iv
from medios.services.rules import PartnerLink, PublicCount
from medios.services.structure import StructureSummary, create_dispositif, create_site, list_mediators
from tests.ui_support import Keyboard, refuse_modal_dialogs

from medios.ui import msgbox
from medios.ui.pages import PageContext
from medios.ui.pages.entry import EntryPage, last_used_key
from medios.ui.preferences_store import ui_preferences

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture(autouse=True)
def no_modal_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_modal_dialogs(monkeypatch)


class Questions:
    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, _parent: object, text: str, informative: str = "") -> bool:
        self.asked.append(text)
        return self.answer


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    asked = Questions(True)
    monkeypatch.setattr(msgbox, "question", asked)
    return asked


@pytest.fixture
def habitat(db: Database, structure: StructureSummary) -> uuid.UUID:
    """The structure's one dispositif (« Médiation habitat », domain HABITAT) and its head-office commune."""
    con = sqlite3.connect(db.path)
    con.execute("UPDATE structure SET hq_commune = '93066'")
    con.commit()
    con.close()
    return create_dispositif(db, "Médiation habitat", "HABITAT", dt.date(2024, 1, 1))


def make_page(qtbot, db: Database) -> tuple[EntryPage, PageContext]:
    context = PageContext(db, ui_preferences())
    page = EntryPage(context)
    qtbot.addWidget(page)
    page.resize(1000, 680)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    page.registre.setFocus()
    qtbot.waitUntil(page.registre.hasFocus)
    return page, context


def live_interventions(db: Database) -> list[iv.InterventionRecord]:
    con = sqlite3.connect(db.path)
    ids = [uuid.UUID(bytes=r[0]) for r in con.execute("SELECT id FROM intervention WHERE deleted_at IS NULL")]
    con.close()
    return [iv.get_intervention(db, i) for i in ids]


def test_screenshot(qtbot, db: Database, habitat: uuid.UUID, questions: Questions) -> None:
    page, _context = make_page(qtbot, db)
    page.grab().save("/tmp/entry.png")


def test_a_typical_intervention_in_at_most_45_keystrokes(qtbot, db: Database, habitat: uuid.UUID, questions) -> None:
    """A conflict in a stairwell, 20 min, two young men 18-24 and a woman 40-59, the landlord alerted, calmed."""
    page, _context = make_page(qtbot, db)
    keys = Keyboard(qtbot)
    tab = Qt.Key.Key_Tab
    keys.type("con")  # registre: Prévention et gestion des conflits
    keys.press(tab)
    keys.press(tab)  # sous-registre: not given
    keys.type("esc")  # lieu: Parties communes (hall, escalier…)
    keys.press(tab)
    keys.type("20")
    keys.press(tab)
    keys.type("apa")  # issue: Situation apaisée
    keys.press(tab)
    keys.type("jeu")  # type de public: Jeune
    keys.press(tab)
    keys.press(Qt.Key.Key_Down, times=2)  # 18-24 ans
    keys.press(Qt.Key.Key_Right)  # Homme
    keys.type("2")
    keys.press(tab, Qt.KeyboardModifier.ShiftModifier)
    keys.type("hab")  # Habitant, locataire
    keys.press(tab)
    keys.press(Qt.Key.Key_Down, times=2)  # 40-59 ans
    keys.press(Qt.Key.Key_Left)  # Femme
    keys.type("1")
    keys.press(tab)
    keys.type("bai")  # Bailleur social
    keys.press(tab)
    keys.type("al")  # Partenaire alerté
    keys.press(tab)
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert keys.count <= 45, keys.count
    (record,) = live_interventions(db)
    data = record.data
    assert (data.registre, data.sub_registre, data.place, data.duration_min, data.outcome) == (
        "CONF",
        None,
        "HAB_PC",
        20,
        "APAISE",
    )
    assert sorted(data.publics, key=lambda p: p.public_type) == [
        PublicCount("HABITANT", "A40_59", "F", 1),
        PublicCount("JEUNE", "A18_24", "M", 2),
    ]
    assert data.partners == (PartnerLink("BAILLEUR", "ALERTE"),)
    (alice,) = list_mediators(db)
    assert data.mediator_ids == (alice.id,)
    assert data.dispositif_id == habitat and data.domain == "HABITAT" and data.commune == "93066"
    assert data.date == dt.date.today()
    assert drafts.load_draft(db, alice.id, drafts.INTERVENTION) is None
    assert page.registre.hasFocus() and page.registre.code() is None  # a new form, ready


def test_the_draft_survives_a_sigkill_and_is_restored(
    qtbot, db_path: Path, db: Database, habitat: uuid.UUID, questions: Questions, medios_home: Path
) -> None:
    import os
    import signal
    import subprocess
    import sys

    db.dispose()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MEDIOS_HOME": str(medios_home)}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.entry_crash_app", str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=env["PYTHONPATH"],
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "DRAFT"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        for pipe in (child.stdout, child.stderr):
            if pipe is not None:
                pipe.close()
    assert child.returncode == -signal.SIGKILL

    reopened = Database_open(db_path)
    try:
        (alice,) = list_mediators(reopened)
        draft = drafts.load_draft(reopened, alice.id, drafts.INTERVENTION)
        assert draft is not None
        assert (draft.payload["registre"], draft.payload["place"], draft.payload["duration"]) == (
            "CONF",
            "HAB_PC",
            "25",
        )
        assert draft.payload["outcome"] == "APAISE"
        assert live_interventions(reopened) == []
        page, _context = make_page(qtbot, reopened)
        page.activated()  # the page comes on screen: the draft is offered back
        assert questions.asked and "saisie non enregistrée" in questions.asked[0]
        assert (page.registre.code(), page.place.code(), page.duration.text(), page.outcome.code()) == (
            "CONF",
            "HAB_PC",
            "25",
            "APAISE",
        )
        assert page.dispositif.code() == str(habitat)
        record = page.save()
        assert record is not None and record.data.duration_min == 25
        assert drafts.load_draft(reopened, alice.id, drafts.INTERVENTION) is None
    finally:
        reopened.dispose()


def Database_open(path: Path) -> Database:  # noqa: N802
    from medios.db import open_database

    return open_database(path)


def fill_minimal(keys: Keyboard, duration: str = "20") -> None:
    """Registre, lieu, durée, issue: the required fields that have no default."""
    keys.type("con")
    keys.press(Qt.Key.Key_Tab, times=2)
    keys.type("esc")
    keys.press(Qt.Key.Key_Tab)
    keys.type(duration)
    keys.press(Qt.Key.Key_Tab)
    keys.type("apa")
    keys.press(Qt.Key.Key_Tab)


@pytest.mark.parametrize(
    ("case", "field", "message"),
    [
        ("duration", "duration_min", "entier entre 1 et 720 minutes attendu, reçu 0."),
        ("registre", "registre", "« zzz » ne correspond à aucun choix de la liste."),
        ("future", "date", "est dans le futur."),
        ("qpv", "qpv", "code QPV « QX123 » invalide"),
    ],
)
def test_invalid_input_shows_the_french_message_on_its_field_and_writes_nothing(
    qtbot, db: Database, habitat: uuid.UUID, questions: Questions, case: str, field: str, message: str
) -> None:
    page, _context = make_page(qtbot, db)
    keys = Keyboard(qtbot)
    if case == "registre":
        keys.type("zzz")
        keys.press(Qt.Key.Key_Tab, times=2)
        keys.type("esc")
        keys.press(Qt.Key.Key_Tab)
        keys.type("20")
        keys.press(Qt.Key.Key_Tab)
        keys.type("apa")
        keys.press(Qt.Key.Key_Tab)
    else:
        fill_minimal(keys, "0" if case == "duration" else "20")
    if case == "future":
        page.date.setFocus()
        keys.press(Qt.Key.Key_End)  # the year
        keys.press(Qt.Key.Key_Up)
    if case == "qpv":
        page.qpv.setFocus()
        keys.type("QX123")
        keys.press(Qt.Key.Key_Tab)
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    error = page.errors[field]
    assert error.isVisibleTo(page) and message in error.text(), error.text()
    assert page.general_error.isVisibleTo(page)
    assert live_interventions(db) == []
    others = [name for name, label in page.errors.items() if label.isVisibleTo(page) and name != field]
    assert others == []


def test_the_publics_model_passes_the_model_tester(qtbot, db: Database, habitat: uuid.UUID) -> None:
    page, _context = make_page(qtbot, db)
    model = page.publics.model
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert model.rowCount() == 8 and model.columnCount() == 3
    page.publics.grid.setFocus()
    keys = Keyboard(qtbot)
    keys.type("12")
    keys.press(Qt.Key.Key_Backspace)
    keys.press(Qt.Key.Key_Right)
    keys.type("3")
    assert model.total() == 4 and "Total : 4 contact(s)" in page.publics.total.text()
    keys.press(Qt.Key.Key_Delete)
    assert model.total() == 1
    model.set_counts([PublicCount("JEUNE", "A18_24", "M", 2)])
    assert model.total() == 2
    del tester


def test_ctrl_enter_saves_and_starts_a_new_one_keeping_date_dispositif_territory(
    qtbot, db: Database, habitat: uuid.UUID, questions: Questions
) -> None:
    page, context = make_page(qtbot, db)
    keys = Keyboard(qtbot)
    page.date.setFocus()
    keys.press(Qt.Key.Key_Down)  # the day before
    yesterday = dt.date.today() - dt.timedelta(days=1)
    page.registre.setFocus()
    fill_minimal(keys)
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    (record,) = live_interventions(db)
    assert record.data.date == yesterday and record.data.commune == "93066"
    assert page.registre.code() is None and page.duration.text() == ""  # a new one...
    assert page.date.date().toPython() == yesterday and page.dispositif.code() == str(habitat)  # ...same day
    assert page.commune.code() == "93066" and not page.dirty
    last = json.loads(str(context.preferences.value(last_used_key(context.user_id))))
    assert last["place"] == "HAB_PC" and last["dispositif"] == str(habitat)  # remembered for this user
    assert context.preferences.value(last_used_key(uuid.uuid4()), None) is None


def test_the_last_place_and_territory_are_remembered_per_user(
    qtbot, db: Database, habitat: uuid.UUID, questions: Questions
) -> None:
    from medios.services.structure import create_mediator

    page, context = make_page(qtbot, db)
    fill_minimal(Keyboard(qtbot))
    assert page.save() is not None
    again, _ = make_page(qtbot, db)
    assert again.place.code() == "HAB_PC"
    bob = create_mediator(db, "Bob Durand")
    context.set_user(bob.id)
    other, _ = make_page(qtbot, db)
    assert other.context.user_id == bob.id and other.place.code() is None


def test_escape_asks_only_when_something_was_typed(qtbot, db: Database, habitat: uuid.UUID, monkeypatch) -> None:
    asked = Questions(False)
    monkeypatch.setattr(msgbox, "question", asked)
    page, context = make_page(qtbot, db)
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_Escape)
    assert asked.asked == []
    fill_minimal(keys)
    page.save_draft()
    keys.press(Qt.Key.Key_Escape)
    assert asked.asked == ["Abandonner cette saisie ?"]
    assert page.registre.code() == "CONF"  # « Non »: the entry stays
    asked.answer = True
    keys.press(Qt.Key.Key_Escape)
    assert page.registre.code() is None and not page.dirty
    assert drafts.load_draft(db, context.user_id, drafts.INTERVENTION) is None
    assert live_interventions(db) == []


def test_a_draft_is_written_a_moment_after_a_change(qtbot, db: Database, habitat: uuid.UUID, questions) -> None:
    page, context = make_page(qtbot, db)
    keys = Keyboard(qtbot)
    keys.type("con")
    keys.press(Qt.Key.Key_Tab)
    assert drafts.load_draft(db, context.user_id, drafts.INTERVENTION) is None  # not on each keystroke
    qtbot.waitUntil(lambda: drafts.load_draft(db, context.user_id, drafts.INTERVENTION) is not None, timeout=3000)
    draft = drafts.load_draft(db, context.user_id, drafts.INTERVENTION)
    assert draft is not None and draft.payload["registre"] == "CONF" and draft.target_id is None
    page.closing()


def test_an_intervention_from_the_journal_is_loaded_and_updated(
    qtbot, db: Database, habitat: uuid.UUID, questions: Questions
) -> None:
    page, _context = make_page(qtbot, db)
    keys = Keyboard(qtbot)
    fill_minimal(keys)
    keys.type("jeu")
    keys.press(Qt.Key.Key_Tab)
    keys.type("3")
    first = page.save()
    assert first is not None
    page.edit_intervention(first.id)
    assert page.title.text() == "Modifier l'intervention"
    assert page.duration.text() == "20" and page.publics.publics() == (PublicCount("JEUNE", "A00_11", "F", 3),)
    page.duration.setFocus()
    page.duration.selectAll()
    keys.type("35")
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    (record,) = live_interventions(db)
    assert record.id == first.id and record.data.duration_min == 35
    assert record.data.publics == (PublicCount("JEUNE", "A00_11", "F", 3),)
    assert page.title.text() == "Nouvelle intervention"


def test_new_intervention_from_a_tournee_shows_the_link(qtbot, db: Database, habitat: uuid.UUID) -> None:
    page, _context = make_page(qtbot, db)
    presence = uuid.uuid4()
    page.new_intervention(presence_id=presence)
    assert page.presence_id == presence and page.presence_label.isVisibleTo(page)
    assert "tournée" in page.presence_label.text()


def test_a_follow_up_is_linked_by_a_quick_search(qtbot, db: Database, habitat: uuid.UUID, questions) -> None:
    page, _context = make_page(qtbot, db)
    keys = Keyboard(qtbot)
    fill_minimal(keys)
    first = page.save()
    assert first is not None
    page.close()
    page, _context = make_page(qtbot, db)  # a new page reads the recent situations
    assert str(first.id) in page.follow_up.codes()
    fill_minimal(keys)
    page.follow_up.setFocus()
    keys.type("conf")
    keys.press(Qt.Key.Key_Tab)
    assert page.follow_up.code() == str(first.id)
    second = page.save()
    assert second is not None and second.data.follow_up_of == first.id
    assert str(second.id) not in page.follow_up.codes()  # a follow-up is not the first of a situation


def test_notes_only_when_enabled_with_the_reminder_and_warnings(qtbot, db: Database, habitat: uuid.UUID) -> None:
    page, _context = make_page(qtbot, db)
    assert not page.notes.isVisibleTo(page)
    page.close()
    con = sqlite3.connect(db.path)
    con.execute("UPDATE structure SET notes_enabled = 1")
    con.commit()
    con.close()
    page, _context = make_page(qtbot, db)
    assert page.notes.isVisibleTo(page) and "restez factuel" in page.notes_hint.text()
    page.notes.setFocus()
    Keyboard(qtbot).type("appeler le 06 12 34 56 78")
    assert "numéro de téléphone" in page.notes_warnings.text() and page.notes_warnings.isVisibleTo(page)
    page.grab().save("/tmp/entry_notes.png")


def test_a_vtec_intervention_records_its_technical_signalement(qtbot, db: Database, habitat: uuid.UUID) -> None:
    page, _context = make_page(qtbot, db)
    assert not page.signal_box.isVisibleTo(page)
    keys = Keyboard(qtbot)
    keys.type("vtec")
    keys.press(Qt.Key.Key_Tab)
    assert page.signal_box.isVisibleTo(page) and page.sub_registre.codes() == [None]  # VTEC has none
    keys.press(Qt.Key.Key_Tab)
    keys.type("esc")
    keys.press(Qt.Key.Key_Tab)
    keys.type("10")
    keys.press(Qt.Key.Key_Tab)
    keys.type("signalement")
    keys.press(Qt.Key.Key_Tab)
    page.signal_type.setFocus()
    keys.type("ascen")
    keys.press(Qt.Key.Key_Tab)
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.errors["recipient_type"].text() == "valeur obligatoire."  # the recipient is required
    assert live_interventions(db) == []
    page.signal_recipient.setFocus()
    keys.type("bail")
    keys.press(Qt.Key.Key_Tab)
    keys.type("oui")
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    (record,) = live_interventions(db)
    assert record.data.registre == "VTEC" and record.data.outcome == "SIGNALE"
    assert record.data.signalements == (iv.TechSignal("ASCENSEUR", "BAILLEUR", "OUI"),)


def test_the_page_fits_1000_by_680_in_the_window_without_cut_labels(qtbot, db: Database, habitat: uuid.UUID) -> None:
    from PySide6.QtWidgets import QLabel, QScrollArea

    from medios.ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1000, 680)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.counts_pending)
    page = window.show_page("entry")
    assert isinstance(page, EntryPage)
    qtbot.waitUntil(page.registre.hasFocus)  # the keyboard starts on the first field
    page.show_errors([iv.FieldError("place", "« zz » ne correspond à aucun choix de la liste.")])
    qtbot.wait(100)
    (scroll,) = page.findChildren(QScrollArea)
    assert not scroll.horizontalScrollBar().isVisible()  # only a vertical scroll for the lower sections
    for label in page.findChildren(QLabel):
        if label.isVisibleTo(page) and label.text() and not label.wordWrap():
            assert label.width() >= label.minimumSizeHint().width(), label.text()
    header = page.publics.grid.horizontalHeader()
    for column in range(3):
        text = page.publics.model.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(str(text))

    def mnemonic(text: str) -> str | None:
        at = text.replace("&&", "").find("&")
        return text.replace("&&", "")[at + 1].lower() if at >= 0 else None

    menus = [mnemonic(a.text()) for a in window.menuBar().actions()]
    labels = [mnemonic(label.text()) for label in page.findChildren(QLabel) if label.buddy() is not None]
    letters = [m for m in labels if m]
    assert len(letters) >= 15 and len(set(letters)) == len(letters)  # Alt+letter reaches one field
    assert not set(letters) & set(menus)  # and never a menu
    window.grab().save(str(Path(db.path).parent / "saisie.png"))
    window.close()


def test_every_input_has_an_accessible_name_and_tab_follows_the_form(qtbot, db: Database, habitat: uuid.UUID) -> None:
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QAbstractSpinBox,
        QApplication,
        QComboBox,
        QHeaderView,
        QLineEdit,
        QPlainTextEdit,
        QWidget,
    )

    page, _context = make_page(qtbot, db)
    inputs = [
        w
        for w in page.findChildren(QWidget)
        if (
            isinstance(w, (QComboBox, QAbstractSpinBox, QPlainTextEdit, QAbstractItemView))
            and not isinstance(w, QHeaderView)
        )
        or (isinstance(w, QLineEdit) and not isinstance(w.parent(), (QComboBox, QAbstractSpinBox)))
    ]
    assert len(inputs) > 20
    unnamed = [type(w).__name__ for w in inputs if w.isVisibleTo(page) and not w.accessibleName()]
    assert unnamed == []
    seen = []
    keys = Keyboard(qtbot)
    for _ in range(10):
        widget = QApplication.focusWidget()
        seen.append(widget.accessibleName() or widget.parent().accessibleName())
        keys.press(Qt.Key.Key_Tab)
    assert seen == [
        "Registre",
        "Sous-registre",
        "Lieu",
        "Durée en minutes",
        "Issue",
        "Type de public",
        "Nombre de personnes par tranche d'âge et sexe",
        "Partenaire 1",
        "Rôle du partenaire 1",
        "Ajouter un motif",
    ]
    for button in page.duration_buttons + [page.save_button, page.save_next_button, page.cancel_button]:
        assert "(" in button.toolTip() and button.accessibleName()


def test_quick_durations_are_one_keystroke(qtbot, db: Database, habitat: uuid.UUID) -> None:
    page, _context = make_page(qtbot, db)
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert page.duration.text() == "15"
    keys.press(Qt.Key.Key_6, Qt.KeyboardModifier.AltModifier)
    assert page.duration.text() == "60" and keys.count == 2
    assert "Alt+6" in page.duration_buttons[5].toolTip()


def test_a_site_prefills_place_and_territory_and_a_directory_partner_gives_its_type(
    qtbot, db: Database, habitat: uuid.UUID
) -> None:
    site = create_site(db, "Résidence Les Tilleuls", "HAB_PC", "93048", "QN09312M")
    partner_id = uuid.uuid4()
    con = sqlite3.connect(db.path)
    con.execute(
        "INSERT INTO partner (id, name, partner_type, created_at, updated_at, device_id, vocab_version)"
        " VALUES (?, 'Seine-Saint-Denis Habitat', 'BAILLEUR', '2026-01-01', '2026-01-01', 'x', 'MEDIOS-2026.1')",
        (partner_id.bytes,),
    )
    con.commit()
    con.close()
    page, _context = make_page(qtbot, db)
    keys = Keyboard(qtbot)
    page.site.setFocus()
    keys.type("tilleul")
    keys.press(Qt.Key.Key_Tab)
    assert (page.place.code(), page.commune.code(), page.qpv.code()) == ("HAB_PC", "93048", "QN09312M")
    page.registre.setFocus()
    keys.type("con")
    keys.press(Qt.Key.Key_Tab, times=3)  # sous-registre, lieu (pre-filled)
    keys.type("15")
    keys.press(Qt.Key.Key_Tab)
    keys.type("apa")
    keys.press(Qt.Key.Key_Tab)
    page.partners.first().setFocus()
    keys.type("seine")
    keys.press(Qt.Key.Key_Tab)
    keys.type("co")  # Intervention conjointe
    keys.press(Qt.Key.Key_Tab)
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    (record,) = live_interventions(db)
    assert record.data.site_id == site and record.data.commune == "93048" and record.data.qpv == "QN09312M"
    assert record.data.partners == (PartnerLink("BAILLEUR", "CO_INTERVENTION", partner_id),)  # the one chosen
    con = sqlite3.connect(db.path)
    assert con.execute("SELECT partner_type, role, partner_id FROM intervention_partner").fetchall() == [
        ("BAILLEUR", "CO_INTERVENTION", partner_id.bytes)
    ]
    con.close()
    page.edit_intervention(record.id)  # opened again: the directory partner is still the one chosen
    partner, role = page.partners.rows[0]
    assert (partner.code(), partner.currentText(), role.code()) == (
        f"P:{partner_id}",
        "Seine-Saint-Denis Habitat (Bailleur social)",
        "CO_INTERVENTION",
    )
    page.duration.setFocus()
    keys.type("0")  # 150 minutes: saved again, the partner stays
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    (record,) = live_interventions(db)
    assert record.data.duration_min == 150 and record.data.partners[0].partner_id == partner_id


def test_drafts_are_per_user_and_written_when_the_window_closes(
    qtbot, db: Database, habitat: uuid.UUID, questions: Questions
) -> None:
    from medios.services.structure import create_mediator

    from medios.ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.counts_pending)
    page = window.show_page("entry")
    assert isinstance(page, EntryPage)
    qtbot.waitUntil(page.registre.hasFocus)
    keys = Keyboard(qtbot)
    keys.type("con")
    keys.press(Qt.Key.Key_Tab)
    window.close()  # before the half second: the page writes its draft on closing
    (alice,) = list_mediators(db)
    draft = drafts.load_draft(db, alice.id, drafts.INTERVENTION)
    assert draft is not None and draft.payload["registre"] == "CONF"
    bob = create_mediator(db, "Bob Durand")
    context = PageContext(db, ui_preferences())
    context.set_user(bob.id)
    other = EntryPage(context)
    qtbot.addWidget(other)
    other.activated()
    assert questions.asked == [] and other.registre.code() is None  # Bob is not offered Alice's draft
    context.set_user(alice.id)
    mine = EntryPage(PageContext(db, ui_preferences()))
    qtbot.addWidget(mine)
    questions.answer = False
    mine.activated()
    assert len(questions.asked) == 1 and mine.registre.code() is None  # « Non »: the draft goes
    assert drafts.load_draft(db, alice.id, drafts.INTERVENTION) is None


def test_motifs_are_added_by_typing_and_removed_with_delete(qtbot, db: Database, habitat: uuid.UUID) -> None:
    from PySide6.QtWidgets import QApplication

    page, _context = make_page(qtbot, db)
    keys = Keyboard(qtbot)
    fill_minimal(keys)
    page.motifs.picker.setFocus()
    keys.type("hall")
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.motifs.picker.code() is None)  # ready for the next one
    keys.type("harcel")  # a sensitive motif, marked
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(page.motifs.motifs()) == 2)
    if QApplication.focusWidget() is None:  # offscreen, a closed popup may leave no window active
        page.activateWindow()
        page.motifs.picker.setFocus()
    qtbot.waitUntil(page.motifs.picker.hasFocus)
    assert page.motifs.chosen.item(1).text().endswith("⚠")
    keys.type("bruit")
    keys.press(Qt.Key.Key_Tab)  # Tab adds it too, and goes to the list
    assert page.motifs.motifs() == ("HALL", "HARCELEMENT", "BRUIT")
    page.motifs.chosen.setFocus()
    page.motifs.chosen.setCurrentRow(1)
    keys.press(Qt.Key.Key_Delete)
    assert page.motifs.motifs() == ("HALL", "BRUIT")
    record = page.save()
    assert record is not None and set(record.data.motifs) == {"HALL", "BRUIT"}


@pytest.mark.parametrize("restore", [True, False])
def test_a_new_intervention_asked_over_a_pending_draft_asks_only_once(
    qtbot, db: Database, habitat: uuid.UUID, questions: Questions, restore: bool
) -> None:
    """« Nouvelle intervention » (a tournée's button, the window's new_intervention) reaching an entry page
    that has not offered the user's draft yet: the page comes on screen and offers it, then the request
    arrives.  One question whatever the answer (it used to ask at once whether to discard what was just
    restored)."""
    page, context = make_page(qtbot, db)
    keys = Keyboard(qtbot)
    keys.type("con")
    keys.press(Qt.Key.Key_Tab)
    page.save_draft()  # left by an earlier session
    again = EntryPage(PageContext(db, ui_preferences()))
    qtbot.addWidget(again)
    again.show()
    questions.answer = restore
    again.activated()  # what MainWindow.new_intervention does: show_page("entry"), then the request
    again.new_intervention()
    assert len(questions.asked) == 1 and "saisie non enregistrée" in questions.asked[0]
    assert again.registre.code() == ("CONF" if restore else None) and again.dirty == restore
    (alice,) = list_mediators(db)
    assert (drafts.load_draft(db, alice.id, drafts.INTERVENTION) is not None) == restore
    qtbot.wait(20)  # later, a new request over the restored entry in progress asks (once) to discard it
    again.new_intervention()
    assert len(questions.asked) == (2 if restore else 1)
    assert again.registre.code() is None and drafts.load_draft(db, alice.id, drafts.INTERVENTION) is None
