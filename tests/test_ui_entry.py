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
from PySide6.QtWidgets import QApplication

from medios.db import Database
from medios.services import drafts
from medios.services import interventions as iv
from medios.services.rules import PartnerLink, PublicCount
from medios.services.structure import StructureSummary, create_dispositif, create_site, list_mediators
from tests.ui_support import Keyboard, record_boxes, refuse_modal_dialogs

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
