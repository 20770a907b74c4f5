"""Pages « Tournées », « Actions collectives », « Réunions partenariales »: filled like a user, rows asserted."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QWidget
from sqlalchemy import func, select

from medios.db import Database
from medios.db.models import (
    ActionCollective,
    ActionMediator,
    ActionPartner,
    ActionPublic,
    MeetingMediator,
    MeetingPartner,
    PartnerMeeting,
    PresenceActive,
    PresenceMediator,
)
from medios.services import drafts, presence
from medios.services import interventions as iv
from medios.services import structure as st
from medios.services.structure import StructureSummary
from tests.ui_support import Keyboard, record_boxes, refuse_modal_dialogs

from medios.ui import msgbox
from medios.ui.activity_forms import RecordsModel
from medios.ui.pages import PageContext


class FakeNavigator:
    def __init__(self) -> None:
        self.new: list[uuid.UUID | None] = []
        self.opened: list[uuid.UUID] = []
        self.status: list[str] = []

    def show_page(self, key: str) -> QWidget | None:
        return None

    def open_intervention(self, intervention_id: uuid.UUID) -> None:
        self.opened.append(intervention_id)

    def new_intervention(self, *, presence_id: uuid.UUID | None = None) -> None:
        self.new.append(presence_id)

    def show_status(self, text: str, timeout_ms: int = 5000) -> None:
        self.status.append(text)


@pytest.fixture(autouse=True)
def no_modal_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_modal_dialogs(monkeypatch)
    record_boxes(monkeypatch)


@pytest.fixture
def navigator() -> FakeNavigator:
    return FakeNavigator()


@pytest.fixture
def context(tmp_path: Path, db: Database, structure: StructureSummary, navigator: FakeNavigator) -> PageContext:
    settings = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    return PageContext(db, settings, navigator)


def _show(qtbot, page: QWidget) -> QWidget:
    qtbot.addWidget(page)
    page.resize(1000, 680)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def presence_page(qtbot, context: PageContext):
    from medios.ui.pages.presence import PresencePage

    return _show(qtbot, PresencePage(context))


def _count(db: Database, model: type) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _type_date(keyboard: Keyboard, text: str) -> None:
    keyboard.type(text)


# --------------------------------------------------------------------------- tournées


def test_a_tournee_over_midnight_is_typed_and_saved(qtbot, presence_page, db: Database, navigator) -> None:
    page = presence_page
    page.date.setFocus(Qt.FocusReason.TabFocusReason)  # as when tabbing into the form: the day is selected
    keyboard = Keyboard(qtbot)
    keyboard.type("14112026")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("2100")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("0130")
    assert page.duration.text() == "4 h 30, fin le lendemain"
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("pied")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.press(Qt.Key.Key_Tab)  # site: none
    keyboard.type("75056")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("QN07501M")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.press(Qt.Key.Key_Tab)  # dispositif: none
    keyboard.press(Qt.Key.Key_Tab)  # mediators: the current user is ticked
    keyboard.type("12")
    keyboard.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.general_error.isHidden(), page.general_error.text()
    with db.session() as session:
        row = session.scalars(select(PresenceActive)).one()
        assert (row.date, row.start_time, row.end_time, row.duration_min) == (
            dt.date(2026, 11, 14),
            dt.time(21, 0),
            dt.time(1, 30),
            270,
        )
        assert (row.presence_type, row.commune, row.qpv, row.informal_contacts) == (
            "TOURNEE_PIED",
            "75056",
            "QN07501M",
            12,
        )
        assert (row.time_band, row.day_type, row.month) == ("SOIREE", "WEEKEND", 202611)
        assert list(session.scalars(select(PresenceMediator.mediator_id))) == [page.context.user_id]
    assert page.model.rowCount() == 1
    assert page.model.index(0, 1).data() == "21:00–01:30 (+1)"
    assert navigator.status[-1] == "Tournée enregistrée."
    assert not page.dirty


def test_invalid_tournee_shows_french_messages_on_the_fields_and_writes_nothing(
    qtbot, presence_page, db: Database
) -> None:
    page = presence_page
    page.mediators.set_checked([])  # untick the current user, as Espace on the line would
    page.commune.setFocus(Qt.FocusReason.TabFocusReason)
    keyboard = Keyboard(qtbot)
    keyboard.type("750")
    page.end.setTime(page.start.time())
    keyboard.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.errors["presence_type"].text() == "valeur obligatoire."
    assert page.errors["commune"].text().startswith("code INSEE « 750 » invalide")
    assert page.errors["end_time"].text() == "la fin est égale au début : indiquez l'heure de fin."
    assert page.errors["mediators"].text() == "au moins un médiateur est obligatoire."
    assert not page.errors["presence_type"].isHidden() and page.errors["qpv"].isHidden()
    assert _count(db, PresenceActive) == 0
    assert page.dirty  # what was typed stays on screen


def test_space_ticks_a_mediator(qtbot, presence_page) -> None:
    page = presence_page
    page.mediators.setFocus(Qt.FocusReason.TabFocusReason)
    page.mediators.setCurrentRow(0)
    before = page.mediators.checked()
    Keyboard(qtbot).press(Qt.Key.Key_Space)
    assert page.mediators.checked() != before
    assert page.dirty


def test_interventions_of_the_block_are_listed_and_one_can_be_started(
    qtbot, presence_page, db: Database, navigator, monkeypatch
) -> None:
    page = presence_page
    user = page.context.user_id
    assert user is not None
    block = presence.record_presence(
        db,
        presence.PresenceInput(
            date=dt.date(2026, 11, 14),
            start_time=dt.time(21, 0),
            end_time=dt.time(23, 0),
            presence_type="PERMANENCE",
            commune="75056",
            mediator_ids=(user,),
        ),
    )
    made = iv.record_intervention(
        db,
        iv.InterventionInput(
            date=dt.date(2026, 11, 14),
            start_time=dt.time(21, 40),
            duration_min=20,
            commune="75056",
            place="HAB_PC",
            registre="CONF",
            domain="HABITAT",
            outcome="APAISE",
            mediator_ids=(user,),
            presence_id=block.id,
        ),
    )
    page.context.data_changed.emit()
    assert page.model.rowCount() == 1
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    assert page.current_id == block.id
    assert page.linked_model.rowCount() == 1
    assert page.linked_model.index(0, 3).data() == "Prévention et gestion des conflits"
    assert page.linked_hint.text() == "1 intervention(s) rattachée(s)."
    qtbot.mouseClick(page.add_intervention, Qt.MouseButton.LeftButton)
    assert navigator.new == [block.id]
    page.linked.setFocus()
    page.linked.setCurrentIndex(page.linked_model.index(0, 0))
    Keyboard(qtbot).press(Qt.Key.Key_Return)
    assert navigator.opened == [made.id]
    # a block with interventions cannot be deleted: the message says why and nothing changes
    monkeypatch.setattr(msgbox, "question", lambda *_a, **_k: True)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "1 intervention(s) ont été faites pendant ce bloc" in page.general_error.text()
    assert presence.get_presence(db, block.id).id == block.id


def test_escape_asks_before_dropping_what_was_typed(qtbot, presence_page, monkeypatch) -> None:
    page = presence_page
    asked: list[str] = []
    answer = {"value": False}

    def question(_parent, text, _informative=""):
        asked.append(text)
        return answer["value"]

    monkeypatch.setattr(msgbox, "question", question)
    page.commune.setFocus(Qt.FocusReason.TabFocusReason)
    keyboard = Keyboard(qtbot)
    keyboard.type("93066")
    keyboard.press(Qt.Key.Key_Escape)
    assert asked == ["Abandonner la saisie en cours ?"]
    assert page.commune.text() == "93066"  # « Non »: kept
    answer["value"] = True
    keyboard.press(Qt.Key.Key_Escape)
    assert page.commune.text() == "" and not page.dirty
    keyboard.press(Qt.Key.Key_Escape)  # nothing typed: no question
    assert len(asked) == 2


def test_records_model_passes_the_model_tester(qtbot, presence_page, db: Database) -> None:
    page = presence_page
    tester = QAbstractItemModelTester(page.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    linked = QAbstractItemModelTester(page.linked_model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    user = page.context.user_id
    assert user is not None
    for hour in (8, 10):
        presence.record_presence(
            db,
            presence.PresenceInput(
                date=dt.date(2026, 11, 2),
                start_time=dt.time(hour, 0),
                end_time=dt.time(hour + 1, 0),
                presence_type="TOURNEE_VEHICULE",
                commune="69123",
                mediator_ids=(user,),
            ),
        )
    page.context.data_changed.emit()
    assert page.model.rowCount() == 2 and page.model.columnCount() == 5
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Date"
    page.table.setCurrentIndex(page.model.index(1, 0))
    model = RecordsModel(["A", "B"])
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_rows([(["1", "2"], None), (["3"], None)])
    assert model.index(1, 1).data() == "" and model.rowCount(model.index(0, 0)) == 0
    del tester, linked


# --------------------------------------------------------------------------- actions collectives


@pytest.fixture
def actions_page(qtbot, context: PageContext):
    from medios.ui.pages.actions import ActionsPage

    return _show(qtbot, ActionsPage(context))


def _fill_action(keyboard: Keyboard, page, *, participants: str = "15") -> None:
    page.date.setFocus(Qt.FocusReason.TabFocusReason)
    keyboard.type("12112026")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("1400")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("90")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("sensib")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("numer")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("Atelier demarches en ligne")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type(participants)
    keyboard.press(Qt.Key.Key_Tab)
    for sex, count in (("femme", "8"), ("homme", "5")):
        keyboard.type("habit")
        keyboard.press(Qt.Key.Key_Tab)
        keyboard.type("60")
        keyboard.press(Qt.Key.Key_Tab)
        keyboard.type(sex)
        keyboard.press(Qt.Key.Key_Tab)
        keyboard.type(count)
        keyboard.press(Qt.Key.Key_Tab)
    keyboard.press(Qt.Key.Key_Tab, times=5)  # the empty third row, then « Ajouter une ligne »
    assert page.partners.hasFocus()
    keyboard.type("CCAS")
    keyboard.press(Qt.Key.Key_Space)
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("equip")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.press(Qt.Key.Key_Tab)  # site: none
    keyboard.type("93066")


def test_a_collective_action_is_typed_and_saved(qtbot, actions_page, db: Database, navigator) -> None:
    page = actions_page
    keyboard = Keyboard(qtbot)
    _fill_action(keyboard, page)
    assert page.publics.total.text() == "Total réparti : 13"
    keyboard.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.general_error.isHidden(), page.general_error.text()
    with db.session() as session:
        row = session.scalars(select(ActionCollective)).one()
        assert (row.date, row.start_time, row.duration_min, row.registre, row.theme) == (
            dt.date(2026, 11, 12),
            dt.time(14, 0),
            90,
            "SENS",
            "NUMERIQUE",
        )
        assert (row.title, row.participants, row.place, row.commune, row.qpv) == (
            "Atelier demarches en ligne",
            15,
            "EQUIP",
            "93066",
            None,
        )
        publics = sorted((p.public_type, p.age_band, p.sex, p.count) for p in session.scalars(select(ActionPublic)))
        assert publics == [("HABITANT", "A60_69", "F", 8), ("HABITANT", "A60_69", "M", 5)]
        assert list(session.scalars(select(ActionPartner.partner_type))) == ["CCAS"]
        assert list(session.scalars(select(ActionMediator.mediator_id))) == [page.context.user_id]
    assert page.model.rowCount() == 1 and page.model.index(0, 1).data() == "Numérique"
    assert navigator.status[-1] == "Action collective enregistrée."


def test_a_breakdown_above_the_participants_is_refused_on_its_field(qtbot, actions_page, db: Database) -> None:
    page = actions_page
    keyboard = Keyboard(qtbot)
    _fill_action(keyboard, page, participants="10")
    keyboard.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.errors["publics"].text() == "la répartition compte 13 personnes pour 10 participants."
    assert page.errors["participants"].isHidden()
    assert _count(db, ActionCollective) == 0 and _count(db, ActionPublic) == 0


def test_an_empty_action_form_says_what_is_required(qtbot, actions_page, db: Database) -> None:
    page = actions_page
    page.duration.setFocus(Qt.FocusReason.TabFocusReason)
    keyboard = Keyboard(qtbot)
    keyboard.type("0")
    keyboard.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    for key in ("registre", "theme", "place", "commune"):
        assert page.errors[key].text() in ("valeur obligatoire.",) or page.errors[key].text().startswith("code INSEE")
    assert page.errors["duration_min"].text() == "entier entre 1 et 720 minutes attendu, reçu 0."
    assert _count(db, ActionCollective) == 0


def test_an_action_is_opened_again_changed_and_deleted(qtbot, actions_page, db: Database, monkeypatch) -> None:
    page = actions_page
    keyboard = Keyboard(qtbot)
    _fill_action(keyboard, page)
    keyboard.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = page.current_id
    page.new_record()
    assert page.current_id is None and page.participants.value() == 0
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    assert page.current_id == saved and page.participants.value() == 15
    assert page.publics.values()[0].count in (5, 8)
    page.participants.setFocus(Qt.FocusReason.TabFocusReason)
    keyboard.type("20")
    keyboard.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with db.session() as session:
        assert session.scalars(select(ActionCollective.participants)).one() == 20
    monkeypatch.setattr(msgbox, "question", lambda *_a, **_k: True)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0 and not page.empty_hint.isHidden()
    with db.session() as session:
        assert session.scalars(select(ActionCollective.deleted_at)).one() is not None


# --------------------------------------------------------------------------- réunions partenariales


@pytest.fixture
def meetings_page(qtbot, context: PageContext):
    from medios.ui.pages.meetings import MeetingsPage

    return _show(qtbot, MeetingsPage(context))


def test_a_partner_meeting_is_typed_and_saved(qtbot, meetings_page, db: Database) -> None:
    page = meetings_page
    other = st.create_mediator(db, "Bruno Petit")
    page.refresh_choices()
    page.date.setFocus(Qt.FocusReason.TabFocusReason)
    keyboard = Keyboard(qtbot)
    keyboard.type("10112026")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("90")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("clspd")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("Point trimestriel")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("Commune")  # type-ahead to the line, Espace ticks it
    keyboard.press(Qt.Key.Key_Space)
    keyboard.press(Qt.Key.Key_Down, times=4)  # EPCI, Département, CCAS, Police municipale
    keyboard.press(Qt.Key.Key_Space)
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.press(Qt.Key.Key_Tab)  # dispositif: none
    keyboard.type(other.pseudonym)
    keyboard.press(Qt.Key.Key_Space)
    keyboard.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.general_error.isHidden(), page.general_error.text()
    with db.session() as session:
        row = session.scalars(select(PartnerMeeting)).one()
        assert (row.date, row.duration_min, row.meeting_type, row.subject, row.month) == (
            dt.date(2026, 11, 10),
            90,
            "CLSPD",
            "Point trimestriel",
            202611,
        )
        assert sorted(session.scalars(select(MeetingPartner.partner_type))) == ["COMMUNE", "POLICE_MUNICIPALE"]
        assert set(session.scalars(select(MeetingMediator.mediator_id))) == {page.context.user_id, other.id}
    assert page.model.index(0, 2).data() == "1 h 30"


def test_a_meeting_without_type_nor_mediator_is_refused(qtbot, meetings_page, db: Database) -> None:
    page = meetings_page
    page.mediators.set_checked([])
    page.meeting_type.setFocus(Qt.FocusReason.TabFocusReason)
    keyboard = Keyboard(qtbot)
    keyboard.type("zzz")
    keyboard.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.errors["meeting_type"].text() == "choisissez un type dans la liste."
    keyboard.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keyboard.press(Qt.Key.Key_Delete)
    keyboard.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.errors["meeting_type"].text() == "valeur obligatoire."
    assert page.errors["mediators"].text() == "au moins un médiateur est obligatoire."
    assert _count(db, PartnerMeeting) == 0


def test_every_input_has_an_accessible_name(actions_page, meetings_page, presence_page) -> None:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QHeaderView,
        QLineEdit,
    )

    for page in (actions_page, meetings_page, presence_page):
        inputs = [
            w
            for w in page.findChildren(QWidget)
            if isinstance(w, QComboBox | QAbstractSpinBox | QAbstractItemView)
            or (isinstance(w, QLineEdit) and not isinstance(w.parent(), QComboBox | QAbstractSpinBox))
        ]
        assert inputs
        for widget in inputs:
            if widget.window() is not page or isinstance(widget, QHeaderView):
                continue  # the popup list of a combo box or of a completer
            assert widget.accessibleName(), f"{type(page).__name__}: {type(widget).__name__} sans nom accessible"
        assert all(b.toolTip() for b in page.findChildren(QAbstractButton) if b.text() in ("Enregistrer", "Annuler"))


def test_the_pages_live_in_the_main_window(qtbot, db: Database, structure: StructureSummary) -> None:
    from medios.ui.main_window import MainWindow
    from medios.ui.pages.actions import ActionsPage
    from medios.ui.pages.meetings import MeetingsPage
    from medios.ui.pages.presence import PresencePage

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1000, 680)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.counts_pending)
    for key, cls in (("presence", PresencePage), ("actions", ActionsPage), ("meetings", MeetingsPage)):
        page = window.show_page(key)
        assert isinstance(page, cls)
    page = window.show_page("meetings")
    assert isinstance(page, MeetingsPage)
    page.meeting_type.setFocus(Qt.FocusReason.TabFocusReason)
    keyboard = Keyboard(qtbot)
    keyboard.type("gup")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S reaches the page inside the window
    with db.session() as session:
        assert session.scalars(select(PartnerMeeting.meeting_type)).one() == "GUP"


def test_older_records_come_on_demand(qtbot, context: PageContext, db: Database, monkeypatch) -> None:
    from medios.services import meetings

    from medios.ui import activity_forms
    from medios.ui.pages import meetings as meetings_module

    monkeypatch.setattr(activity_forms, "PAGE_ROWS", 2)
    monkeypatch.setattr(meetings_module, "PAGE_ROWS", 2)
    user = context.user_id
    assert user is not None
    for day in range(1, 6):
        meetings.record_meeting(
            db,
            meetings.MeetingInput(
                date=dt.date(2026, 10, day), duration_min=60, meeting_type="GUP", mediator_ids=(user,)
            ),
        )
    page = _show(qtbot, meetings_module.MeetingsPage(context))
    QAbstractItemModelTester(page.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert page.model.rowCount() == 2 and page.model.index(0, 0).data() == "05/10/2026"
    assert page.more_button.isVisible()
    qtbot.mouseClick(page.more_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 4
    page.context.data_changed.emit()  # a refresh keeps what was shown
    assert page.model.rowCount() == 4
    qtbot.mouseClick(page.more_button, Qt.MouseButton.LeftButton)
    assert [page.model.index(r, 0).data() for r in range(page.model.rowCount())] == [
        "05/10/2026",
        "04/10/2026",
        "03/10/2026",
        "02/10/2026",
        "01/10/2026",
    ]
    assert not page.more_button.isVisible()


def test_leaving_a_typed_form_keeps_it_and_its_draft(qtbot, presence_page, db: Database, monkeypatch) -> None:
    page = presence_page
    asked: list[str] = []
    monkeypatch.setattr(msgbox, "question", lambda _p, text, _i="": asked.append(text) or True)
    assert page.can_leave()  # nothing typed: nothing written
    assert drafts.load_draft(db, page.context.user_id, drafts.PRESENCE) is None
    page.commune.setFocus(Qt.FocusReason.TabFocusReason)
    Keyboard(qtbot).type("75056")
    assert page.can_leave() and page.commune.text() == "75056" and asked == []  # kept, no question
    draft = drafts.load_draft(db, page.context.user_id, drafts.PRESENCE)
    assert draft is not None and draft.payload["fields"]["commune"] == "75056"  # written at once


# --------------------------------------------------------------------------- drafts


class Questions:
    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, _parent: object, text: str, _informative: str = "") -> bool:
        self.asked.append(text)
        return self.answer


def _restart(qtbot, db: Database, tmp_path: Path, page_class: type) -> tuple[Any, PageContext]:
    """A new page on the same base, as after the application was killed and started again."""
    settings = QSettings(str(tmp_path / "prefs-again.ini"), QSettings.Format.IniFormat)
    context = PageContext(db, settings, FakeNavigator())
    page = _show(qtbot, page_class(context))
    return page, context


def _wait_for_draft(qtbot, db: Database, user: uuid.UUID | None, kind: str, key: str, value: object) -> None:
    def written() -> bool:
        draft = drafts.load_draft(db, user, kind)
        return draft is not None and draft.payload["fields"].get(key) == value

    qtbot.waitUntil(written, timeout=5000)


def test_a_tournee_typed_then_lost_is_offered_back_and_saved(
    qtbot, presence_page, db: Database, tmp_path: Path, monkeypatch
) -> None:
    from medios.ui.pages.presence import PresencePage

    page = presence_page
    user = page.context.user_id
    page.date.setFocus(Qt.FocusReason.TabFocusReason)
    keyboard = Keyboard(qtbot)
    keyboard.type("14112026")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("2100")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("0130")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("pied")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.press(Qt.Key.Key_Tab)  # site: none
    keyboard.type("75056")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("QN07501M")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.press(Qt.Key.Key_Tab)  # dispositif: none
    keyboard.press(Qt.Key.Key_Tab)  # mediators: the current user is ticked
    keyboard.type("12")
    assert drafts.load_draft(db, user, drafts.PRESENCE) is None  # not on each keystroke
    _wait_for_draft(qtbot, db, user, drafts.PRESENCE, "informal_contacts", 12)
    # The application dies here (no closing()): a new page on the same base offers the draft once.
    questions = Questions(True)
    monkeypatch.setattr(msgbox, "question", questions)
    again, _context = _restart(qtbot, db, tmp_path, PresencePage)
    assert again.commune.text() == ""
    again.activated()
    assert len(questions.asked) == 1 and questions.asked[0].startswith("Une fiche non enregistrée a été retrouvée (")
    assert (again.date.date().toString("dd/MM/yyyy"), again.start.time().toString("HH:mm")) == ("14/11/2026", "21:00")
    assert again.end.time().toString("HH:mm") == "01:30" and again.presence_type.code() == "TOURNEE_PIED"
    assert (again.commune.text(), again.qpv.text(), again.contacts.value()) == ("75056", "QN07501M", 12)
    assert again.mediators.checked() == [str(user)] and again.duration.text() == "4 h 30, fin le lendemain"
    assert again.dirty and again.current_id is None
    again.activated()  # the page comes back on screen: no second question
    assert len(questions.asked) == 1
    again.commune.setFocus()
    Keyboard(qtbot).press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert again.general_error.isHidden(), again.general_error.text()
    with db.session() as session:
        row = session.scalars(select(PresenceActive)).one()
        assert (row.date, row.start_time, row.end_time, row.commune, row.qpv, row.informal_contacts) == (
            dt.date(2026, 11, 14),
            dt.time(21, 0),
            dt.time(1, 30),
            "75056",
            "QN07501M",
            12,
        )
    assert drafts.load_draft(db, user, drafts.PRESENCE) is None  # saved: the draft is gone
    assert len(questions.asked) == 1


def test_a_collective_action_draft_is_restored_with_its_publics_and_partners(
    qtbot, actions_page, db: Database, tmp_path: Path, monkeypatch
) -> None:
    from medios.ui.pages.actions import ActionsPage

    page = actions_page
    user = page.context.user_id
    _fill_action(Keyboard(qtbot), page)
    _wait_for_draft(qtbot, db, user, drafts.ACTION, "commune", "93066")
    questions = Questions(True)
    monkeypatch.setattr(msgbox, "question", questions)
    again, _context = _restart(qtbot, db, tmp_path, ActionsPage)
    again.activated()
    assert len(questions.asked) == 1
    assert again.date.date().toString("dd/MM/yyyy") == "12/11/2026" and again.start.time().toString("HH:mm") == "14:00"
    assert (again.duration.value(), again.registre.code(), again.title_edit.text()) == (
        90,
        "SENS",
        "Atelier demarches en ligne",
    )
    assert again.participants.value() == 15 and again.publics.total.text() == "Total réparti : 13"
    assert [(p.sex, p.count) for p in again.publics.values()] == [("F", 8), ("M", 5)]
    assert again.partners.checked() == ["CCAS"] and again.commune.text() == "93066"
    assert again.place.code() == page.place.code() and again.theme.code() == page.theme.code()
    again.commune.setFocus()
    Keyboard(qtbot).press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert again.general_error.isHidden(), again.general_error.text()
    with db.session() as session:
        action = session.scalars(select(ActionCollective)).one()
        assert (action.title, action.participants, action.commune) == ("Atelier demarches en ligne", 15, "93066")
        assert sorted(session.scalars(select(ActionPublic.count))) == [5, 8]
        assert list(session.scalars(select(ActionPartner.partner_type))) == ["CCAS"]
    assert drafts.load_draft(db, user, drafts.ACTION) is None


def test_a_meeting_being_changed_comes_back_on_its_record_or_goes_when_refused(
    qtbot, meetings_page, db: Database, tmp_path: Path, monkeypatch
) -> None:
    from medios.services import meetings

    from medios.ui.pages.meetings import MeetingsPage

    page = meetings_page
    user = page.context.user_id
    assert user is not None
    record = meetings.record_meeting(
        db,
        meetings.MeetingInput(
            date=dt.date(2026, 11, 10),
            duration_min=90,
            meeting_type="CLSPD",
            subject="Point trimestriel",
            partner_types=("COMMUNE",),
            mediator_ids=(user,),
        ),
        actor_id=user,
    )
    page.refresh_list()
    page.table.setFocus()
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_Down)  # the meeting comes into the form
    assert page.current_id == record.id
    page.subject.setFocus(Qt.FocusReason.TabFocusReason)
    keyboard.press(Qt.Key.Key_End)
    keyboard.type(" bis")
    _wait_for_draft(qtbot, db, user, drafts.MEETING, "subject", "Point trimestriel bis")
    questions = Questions(True)
    monkeypatch.setattr(msgbox, "question", questions)
    again, _context = _restart(qtbot, db, tmp_path, MeetingsPage)
    again.activated()
    assert len(questions.asked) == 1
    assert again.current_id == record.id and again.subject.text() == "Point trimestriel bis"
    assert again.form_heading.text() == "Réunion du 10/11/2026" and again.delete_button.isEnabled()
    again.subject.setFocus()
    Keyboard(qtbot).press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with db.session() as session:
        assert list(session.scalars(select(PartnerMeeting.subject))) == ["Point trimestriel bis"]  # updated, not added
    assert drafts.load_draft(db, user, drafts.MEETING) is None
    # Typed again, then refused at the next start: the draft is deleted and the form is fresh.
    again.subject.setFocus(Qt.FocusReason.TabFocusReason)
    Keyboard(qtbot).type(" ter")
    again.closing()  # the window closes: the draft is written at once
    assert drafts.load_draft(db, user, drafts.MEETING) is not None
    questions.answer = False
    third, _context = _restart(qtbot, db, tmp_path, MeetingsPage)
    third.activated()
    assert len(questions.asked) == 2 and drafts.load_draft(db, user, drafts.MEETING) is None
    assert third.current_id is None and third.subject.text() == "" and not third.dirty


def test_a_draft_is_offered_only_to_its_user_and_cancel_deletes_it(
    qtbot, presence_page, db: Database, tmp_path: Path, monkeypatch
) -> None:
    from medios.ui.pages.presence import PresencePage

    page = presence_page
    alice = page.context.user_id
    page.commune.setFocus(Qt.FocusReason.TabFocusReason)
    Keyboard(qtbot).type("93066")
    _wait_for_draft(qtbot, db, alice, drafts.PRESENCE, "commune", "93066")
    questions = Questions(True)
    monkeypatch.setattr(msgbox, "question", questions)
    bob = st.create_mediator(db, "Bob Durand")
    other, context = _restart(qtbot, db, tmp_path, PresencePage)
    context.set_user(bob.id)
    other.activated()
    assert questions.asked == [] and other.commune.text() == ""  # not Bob's draft
    page.commune.setFocus()
    Keyboard(qtbot).press(Qt.Key.Key_Escape)  # « Abandonner ? » yes
    assert questions.asked == ["Abandonner la saisie en cours ?"] and page.commune.text() == ""
    assert drafts.load_draft(db, alice, drafts.PRESENCE) is None


def test_a_tournee_draft_survives_a_sigkill_and_is_restored(
    qtbot, db_path: Path, db: Database, structure: StructureSummary, tmp_path: Path, medios_home: Path, monkeypatch
) -> None:
    import os
    import signal
    import subprocess
    import sys

    from medios.db import open_database

    from medios.ui.pages.presence import PresencePage

    db.dispose()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MEDIOS_HOME": str(medios_home)}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.entry_crash_app", str(db_path), "presence"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=env["PYTHONPATH"],
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "DRAFT"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        for pipe in (child.stdout, child.stderr):
            if pipe is not None:
                pipe.close()
    assert child.returncode == -signal.SIGKILL
    reopened = open_database(db_path)
    try:
        (alice,) = st.list_mediators(reopened)
        draft = drafts.load_draft(reopened, alice.id, drafts.PRESENCE)
        assert draft is not None and draft.payload["fields"]["commune"] == "93066"
        assert _count(reopened, PresenceActive) == 0
        questions = Questions(True)
        monkeypatch.setattr(msgbox, "question", questions)
        page, _context = _restart(qtbot, reopened, tmp_path, PresencePage)
        page.activated()
        assert len(questions.asked) == 1 and (page.commune.text(), page.qpv.text()) == ("93066", "QN09312M")
        assert page.dirty
    finally:
        reopened.dispose()
