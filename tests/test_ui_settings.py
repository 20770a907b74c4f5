"""« Paramètres »: every section filled like a user (keyboard, clicks), the rows asserted; invalid input
shows the French message on its field and writes nothing; the territory paste is previewed, then imported
all or nothing; retired items leave the lists and keep their history."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from sqlalchemy import func, select

from medios.db import Database
from medios.db.models import AuditLog, Dispositif, Mediator, Partner, Site, Structure, Territory
from medios.referentiel import active
from medios.services import directory as dr
from medios.services import structure as st
from medios.services import territories as tr
from medios.services.structure import StructureSummary
from tests.ui_support import Keyboard, record_boxes, refuse_modal_dialogs

from medios.ui import msgbox
from medios.ui.pages import USER_KEY, PageContext
from medios.ui.pages.settings import SettingsPage
from medios.ui.preferences_store import stored_language, ui_preferences


@pytest.fixture
def page(qtbot, db: Database, structure: StructureSummary, monkeypatch: pytest.MonkeyPatch) -> SettingsPage:
    refuse_modal_dialogs(monkeypatch)
    record_boxes(monkeypatch)
    context = PageContext(db, ui_preferences())
    widget = SettingsPage(context)
    qtbot.addWidget(widget)
    widget.resize(1000, 680)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.closing()


def _rows(db: Database, model: type) -> list:
    with db.session() as session:
        return list(session.scalars(select(model).order_by(model.created_at)))


def _audit(db: Database, table: str) -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(AuditLog.action).where(AuditLog.table_name == table).order_by(AuditLog.id)))


def _type_into(qtbot, widget, text: str) -> Keyboard:
    """Focus ``widget``, select what it holds and type ``text`` over it (ASCII: QTest maps ASCII only)."""
    widget.setFocus()
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        keyboard.type(text)
    else:
        keyboard.press(Qt.Key.Key_Delete)
    return keyboard


def _save(qtbot) -> None:
    Keyboard(qtbot).press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_structure_is_corrected_with_the_keyboard(qtbot, page: SettingsPage, db: Database) -> None:
    section = page.structure
    page.show_section(section)
    _type_into(qtbot, section.name, "Mediation du Val")
    _type_into(qtbot, section.siret, "732 829 320 00074")
    _type_into(qtbot, section.legal_status.lineEdit(), "gip")
    Keyboard(qtbot).press(Qt.Key.Key_Tab)
    section.notes.setFocus()
    Keyboard(qtbot).press(Qt.Key.Key_Space)
    _save(qtbot)
    (row,) = _rows(db, Structure)
    assert (row.name, row.siret, row.legal_status, row.notes_enabled) == (
        "Mediation du Val",
        "73282932000074",
        "GIP",
        True,
    )
    assert "restez factuel, sans santé, origine, religion ni infraction" in section.notes_reminder.text()
    assert section.notes_reminder.isVisible()


def test_invalid_structure_shows_the_message_on_the_field_and_writes_nothing(
    qtbot, page: SettingsPage, db: Database
) -> None:
    section = page.structure
    _type_into(qtbot, section.name, "")
    _type_into(qtbot, section.siret, "73282932000075")
    _save(qtbot)
    assert section.error_for("structure").text() == "Le nom de la structure est obligatoire."
    assert section.error_for("siret").text() == "Numéro SIRET invalide (clé de contrôle) : vérifiez-le."
    (row,) = _rows(db, Structure)
    assert (row.name, row.siret) == ("Médiation Test", None)
    assert _audit(db, "structure") == ["CREATE"]


def test_a_user_is_created_corrected_renamed_and_retired(
    qtbot, page: SettingsPage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = page.users
    page.show_section(section)
    section.new_button.click()
    _type_into(qtbot, section.name, "Bob Durand")
    _type_into(qtbot, section.role.lineEdit(), "coord")
    Keyboard(qtbot).press(Qt.Key.Key_Tab)
    _save(qtbot)
    bob = next(m for m in _rows(db, Mediator) if m.display_name == "Bob Durand")
    assert bob.role == "COORDINATEUR" and bob.pseudonym.startswith("MED-")
    assert section.current_id == bob.id and section.pseudonym.text() == bob.pseudonym

    alice = next(m for m in _rows(db, Mediator) if m.display_name == "Alice Martin")
    _type_into(qtbot, section.pseudonym, alice.pseudonym)  # taken: nothing changes, the name neither
    _type_into(qtbot, section.name, "Robert Durand")
    _save(qtbot)
    assert section.error_for("pseudonym").text().startswith(f"Le pseudonyme {alice.pseudonym} est déjà pris")
    with db.session() as session:
        assert session.get(Mediator, bob.id).display_name == "Bob Durand"
    _type_into(qtbot, section.name, "Bob Durand")
    _type_into(qtbot, section.pseudonym, "MED-BOB")
    _type_into(qtbot, section.role.lineEdit(), "medi")
    Keyboard(qtbot).press(Qt.Key.Key_Tab)
    _save(qtbot)
    with db.session() as session:
        row = session.get(Mediator, bob.id)
        assert (row.pseudonym, row.role) == ("MED-BOB", "MEDIATEUR")
    assert any(item.startswith("MED-BOB — Bob Durand") for item in _texts(section.items))

    monkeypatch.setattr(msgbox, "question", lambda *_args: True)
    section.retire_button.click()
    with db.session() as session:
        assert session.get(Mediator, bob.id).deleted_at is not None  # kept, with its history
    assert not any("MED-BOB" in item for item in _texts(section.items))
    assert not any("MED-BOB" in page.current_user.user.itemText(i) for i in range(page.current_user.user.count()))
    # The refused save logged nothing; the change of role is a ROLE line of its own.
    assert _audit(db, "mediator")[-4:] == ["CREATE", "UPDATE", "ROLE", "DELETE"]


def _texts(items) -> list[str]:
    return [items.item(row).text() for row in range(items.count())]


def test_an_invalid_user_shows_the_message_and_writes_nothing(qtbot, page: SettingsPage, db: Database) -> None:
    section = page.users
    page.show_section(section)
    section.new_button.click()
    _type_into(qtbot, section.role.lineEdit(), "zzz")
    Keyboard(qtbot).press(Qt.Key.Key_Tab)
    _save(qtbot)
    assert section.error_for("name").text() == "Valeur obligatoire."
    assert section.error_for("role").text() == "Valeur obligatoire."
    assert len(_rows(db, Mediator)) == 1


def test_the_current_user_is_chosen_and_the_context_follows(qtbot, page: SettingsPage, db: Database) -> None:
    bob = st.create_mediator(db, "Bob Durand")
    page.context.data_changed.emit()
    section = page.current_user
    page.show_section(section)
    section.user.setFocus()
    index = section.user.findData(str(bob.id))
    keyboard = Keyboard(qtbot)
    for _ in range(section.user.count()):
        if section.user.currentIndex() != index:
            keyboard.press(Qt.Key.Key_Down if section.user.currentIndex() < index else Qt.Key.Key_Up)
    assert section.user.currentIndex() == index
    with qtbot.waitSignal(page.context.user_changed):
        qtbot.mouseClick(section.use_button, Qt.MouseButton.LeftButton)
    assert page.context.user_id == bob.id
    assert page.context.preferences.value(USER_KEY) == str(bob.id)
    assert section.current.text() == bob.pseudonym


def test_dispositif_is_created_renamed_and_a_taken_name_refused(
    qtbot, page: SettingsPage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = page.dispositifs
    page.show_section(section)
    changed: list[bool] = []
    page.context.data_changed.connect(lambda: changed.append(True))
    for name in ("Habitat Est", "Nuit"):
        section.new_button.click()
        _type_into(qtbot, section.name, name)
        _type_into(qtbot, section.domain.lineEdit(), "habitat")
        Keyboard(qtbot).press(Qt.Key.Key_Tab)
        _save(qtbot)
    assert [d.name for d in _rows(db, Dispositif)] == ["Habitat Est", "Nuit"] and len(changed) == 2
    _type_into(qtbot, section.name, "Habitat Est")
    _save(qtbot)
    assert section.error_for("dispositif").text() == "Un dispositif porte déjà ce nom."
    assert [d.name for d in _rows(db, Dispositif)] == ["Habitat Est", "Nuit"]
    _type_into(qtbot, section.name, "Correspondants de nuit")
    _save(qtbot)
    assert [d.name for d in _rows(db, Dispositif)] == ["Habitat Est", "Correspondants de nuit"]
    monkeypatch.setattr(msgbox, "question", lambda *_args: True)
    section.retire_button.click()
    assert [d.name for d in st.list_dispositifs(db)] == ["Habitat Est"]
    domain = active().label("DOMAINE", "HABITAT")
    assert _texts(section.items) == [f"Habitat Est ({domain})"]


def test_territories_pasted_are_previewed_with_errors_then_imported(qtbot, page: SettingsPage, db: Database) -> None:
    section = page.territories
    page.show_section(section)
    section.paste.setFocus()
    keyboard = Keyboard(qtbot)
    keyboard.type("93001;Aubervilliers")
    keyboard.press(Qt.Key.Key_Return)
    keyboard.type("9304;Bagnolet")
    with qtbot.waitSignal(section.previewed, timeout=5000):
        keyboard.press(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert section.import_errors.text().startswith("Ligne 2, Code : « 9304 » invalide pour le niveau COMMUNE")
    assert not section.import_button.isEnabled()
    assert section.table.rowCount() == 2
    QAbstractItemModelTester(section.table.model(), QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert _rows(db, Territory) == []

    section.paste.setFocus()
    keyboard.press(Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    keyboard.press(Qt.Key.Key_Left, times=len(";Bagnolet"))
    keyboard.type("8")
    with qtbot.waitSignal(section.previewed, timeout=5000):
        section.preview_button.click()
    assert not section.import_errors.isVisible() and section.import_button.isEnabled()
    with qtbot.waitSignal(section.imported, timeout=5000):
        section.import_button.click()
    assert [(t.code, t.label, t.vintage) for t in _rows(db, Territory)] == [
        ("93001", "Aubervilliers", section.import_vintage.text()),
        ("93048", "Bagnolet", section.import_vintage.text()),
    ]
    assert section.summary.text() == "2 territoires ajoutés."
    assert len(_texts(section.items)) == 2


def test_a_territory_import_refused_by_the_base_adds_nothing(qtbot, page: SettingsPage, db: Database) -> None:
    tr.add_territory(db, "COMMUNE", "93066", "Saint-Denis", vintage="2024")
    section = page.territories
    section.import_vintage.setText("2024")
    section.paste.setPlainText("93048;Montreuil\n93066;Saint-Denis\n")
    with qtbot.waitSignal(section.previewed, timeout=5000):
        section.preview_button.click()
    assert section.import_button.isEnabled()  # the file itself is valid
    with qtbot.waitSignal(section.imported, timeout=5000):
        section.import_button.click()
    assert section.import_errors.text() == "Ligne 2, Code : ce territoire figure déjà dans la liste."
    assert [t.code for t in _rows(db, Territory)] == ["93066"]  # Montreuil was not added


def test_a_csv_file_is_opened_and_previewed(
    qtbot, page: SettingsPage, db: Database, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "qpv.csv"
    source.write_text("code_qp;lib_qp;insee_com\nQN09301M;Franc-Moisin;93066\n", encoding="utf-8")
    monkeypatch.setattr(
        "medios.ui.settings.territories.QFileDialog.getOpenFileName", lambda *_a, **_k: (str(source), "")
    )
    section = page.territories
    section.import_level.set_code("QPV")
    with qtbot.waitSignal(section.previewed, timeout=5000):
        section.open_button.click()
    assert section.summary.text() == "1 territoires prêts à être ajoutés."
    with qtbot.waitSignal(section.imported, timeout=5000):
        section.import_button.click()
    (row,) = _rows(db, Territory)
    assert (row.level, row.code, row.label, row.parent_code) == ("QPV", "QN09301M", "Franc-Moisin", "93066")


def test_a_territory_is_added_and_corrected_in_the_form(qtbot, page: SettingsPage, db: Database) -> None:
    section = page.territories
    page.show_section(section)
    _type_into(qtbot, section.code, "9306")
    _type_into(qtbot, section.label, "Saint-Denis")
    _save(qtbot)
    assert section.error_for("code").text().startswith("« 9306 » invalide pour le niveau COMMUNE")
    assert _rows(db, Territory) == []
    _type_into(qtbot, section.code, "93066")
    _save(qtbot)
    _type_into(qtbot, section.label, "Saint-Denis (93)")
    assert not section.code.isEnabled()  # its identity: retire it and add another
    _save(qtbot)
    (row,) = _rows(db, Territory)
    assert (row.code, row.label) == ("93066", "Saint-Denis (93)")
    assert _audit(db, "territory") == ["CREATE", "UPDATE"]


def test_site_is_created_and_invalid_codes_refused(qtbot, page: SettingsPage, db: Database) -> None:
    section = page.sites
    page.show_section(section)
    _type_into(qtbot, section.name, "Residence Les Tilleuls")
    _type_into(qtbot, section.place.lineEdit(), "HAB_PC")
    Keyboard(qtbot).press(Qt.Key.Key_Tab)
    _type_into(qtbot, section.commune, "9306")
    _type_into(qtbot, section.qpv, "QP1")
    _save(qtbot)
    assert section.error_for("commune").text().startswith("Code INSEE « 9306 » invalide")
    assert section.error_for("qpv").text().startswith("Code QPV « QP1 » invalide")
    assert _rows(db, Site) == []
    _type_into(qtbot, section.commune, "93066")
    _type_into(qtbot, section.qpv, "qn09301m")
    _save(qtbot)
    (row,) = _rows(db, Site)
    assert (row.name, row.place, row.commune, row.qpv) == ("Residence Les Tilleuls", "HAB_PC", "93066", "QN09301M")


def test_partner_is_created_corrected_and_retired(
    qtbot, page: SettingsPage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = page.partners
    page.show_section(section)
    _type_into(qtbot, section.name, "CCAS de Saint-Denis")
    _type_into(qtbot, section.partner_type.lineEdit(), "ccas")
    Keyboard(qtbot).press(Qt.Key.Key_Tab)
    _type_into(qtbot, section.email, "pas-un-mail")
    _save(qtbot)
    assert section.error_for("email").text() == "Adresse e-mail attendue (nom@domaine.fr)."
    assert _rows(db, Partner) == []
    _type_into(qtbot, section.email, "ccas@ville.fr")
    _save(qtbot)
    (row,) = _rows(db, Partner)
    assert (row.name, row.partner_type, row.email) == ("CCAS de Saint-Denis", "CCAS", "ccas@ville.fr")
    _type_into(qtbot, section.name, "CCAS Saint-Denis")
    _save(qtbot)
    monkeypatch.setattr(msgbox, "question", lambda *_args: True)
    section.retire_button.click()
    assert dr.list_partners(db) == [] and _audit(db, "partner") == ["CREATE", "UPDATE", "DELETE"]
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Partner).where(Partner.deleted_at.is_not(None))) == 1


def test_retiring_asks_first_and_no_keeps_the_record(
    qtbot, page: SettingsPage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    dr.create_partner(db, dr.PartnerFields("CCAS", "CCAS"))
    page.context.data_changed.emit()
    section = page.partners
    section.items.setCurrentRow(0)
    asked: list[str] = []
    monkeypatch.setattr(msgbox, "question", lambda _parent, text, _info="": asked.append(text) or False)
    section.retire_button.click()
    kind = active().label("TYPE_PARTENAIRE", "CCAS")
    assert asked == [f"Retirer « CCAS ({kind}) » de l'annuaire ?"]
    assert len(dr.list_partners(db)) == 1


def test_language_is_stored_for_the_next_start(qtbot, page: SettingsPage) -> None:
    section = page.language
    page.show_section(section)
    section.language.setFocus()
    assert section.language.currentData() == "system"  # nothing stored yet: the system's language
    Keyboard(qtbot).press(Qt.Key.Key_Up)  # « English », just above
    assert section.language.currentData() == "en"
    assert section.note.isVisible()
    _save(qtbot)
    assert stored_language(page.context.preferences) == "en"


def test_lists_pass_the_model_tester_and_every_input_has_an_accessible_name(page: SettingsPage) -> None:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QListWidget,
        QPlainTextEdit,
    )

    for section in page.sections:
        for items in section.findChildren(QListWidget):
            QAbstractItemModelTester(items.model(), QAbstractItemModelTester.FailureReportingMode.Fatal)
        for kind in (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QAbstractButton, QListWidget):
            for widget in section.findChildren(kind):
                if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
                    continue  # the editor inside a combo box or date field: the field has the name
                if widget.objectName().startswith("qt_"):
                    continue  # Qt's own parts (the corner button of a table)
                assert widget.accessibleName(), (type(section).__name__, type(widget).__name__, widget.objectName())
    assert "Ctrl+S" in page.users.save_button.toolTip()


def test_the_page_is_reached_from_the_window(qtbot, db: Database, structure: StructureSummary) -> None:
    from medios.ui.main_window import MainWindow

    window = MainWindow(db, ui_preferences())
    qtbot.addWidget(window)
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    assert page.users.items.count() == 1
    window.close()


def test_a_new_form_offers_no_retire(page: SettingsPage) -> None:
    assert page.users.current_id is None and not page.users.retire_button.isEnabled()


def test_an_item_retired_elsewhere_is_said_and_the_lists_follow_other_pages(
    qtbot, page: SettingsPage, db: Database
) -> None:
    site = st.create_site(db, "Residence Les Tilleuls", "HAB_PC", "93066")
    page.context.data_changed.emit()  # another page (or the command line) wrote
    section = page.sites
    page.show_section(section)
    assert _texts(section.items) == ["Residence Les Tilleuls (93066)"]
    section.items.setCurrentRow(0)
    dr.retire_site(db, site)  # retired meanwhile, elsewhere
    _type_into(qtbot, section.name, "Residence Les Lilas")
    _save(qtbot)
    assert section.general_error.text() == "Cet élément n'existe pas ou a été retiré."
    assert [s.name for s in _rows(db, Site)] == ["Residence Les Tilleuls"]
    page.activated()
    assert _texts(section.items) == [] and section.current_id is None


def test_a_logo_is_chosen_shown_and_removed(qtbot, page: SettingsPage, db: Database, tmp_path, monkeypatch) -> None:
    from medios.services import logo
    from tests.test_logo import _png

    section = page.structure
    page.show_section(section)
    assert section.logo_preview.text() == "Aucun logo" and not section.logo_remove.isEnabled()
    wrong = tmp_path / "notes.png"
    wrong.write_text("pas une image", encoding="utf-8")
    monkeypatch.setattr(section, "ask_logo_file", lambda: str(wrong))
    qtbot.mouseClick(section.logo_choose, Qt.MouseButton.LeftButton)
    assert section.error_for("logo").text() == "Ce fichier n'est pas une image PNG ou JPEG."
    assert logo.logo_bytes(db) is None
    image = tmp_path / "logo.png"
    image.write_bytes(_png(320, 96))
    monkeypatch.setattr(section, "ask_logo_file", lambda: str(image))
    qtbot.mouseClick(section.logo_choose, Qt.MouseButton.LeftButton)
    assert section.error_for("logo").isHidden()
    assert logo.logo_bytes(db) == _png(320, 96)
    pixmap = section.logo_preview.pixmap()
    assert (pixmap.width(), pixmap.height()) == (160, 48)  # scaled, aspect kept
    qtbot.mouseClick(section.logo_remove, Qt.MouseButton.LeftButton)
    assert logo.logo_bytes(db) is None and section.logo_preview.text() == "Aucun logo"


def test_a_coordinator_is_told_the_lists_are_the_administrations(
    qtbot, db: Database, structure: StructureSummary, monkeypatch: pytest.MonkeyPatch
) -> None:
    refuse_modal_dialogs(monkeypatch)
    record_boxes(monkeypatch)
    coordinator = st.create_mediator(db, "Chloé Coord", role="COORDINATEUR")
    preferences = ui_preferences()
    preferences.setValue(USER_KEY, str(coordinator.id))
    widget = SettingsPage(PageContext(db, preferences))
    qtbot.addWidget(widget)
    widget.resize(1000, 680)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    try:
        section = widget.dispositifs
        widget.show_section(section)
        section.new_button.click()
        _type_into(qtbot, section.name, "Habitat Est")
        _type_into(qtbot, section.domain.lineEdit(), "habitat")
        Keyboard(qtbot).press(Qt.Key.Key_Tab)
        _save(qtbot)
        shown = [section.general_error.text(), *(section.error_for(f).text() for f in ("role", "dispositif"))]
        assert (
            shown[0]
            == "Seule l'administration modifie les paramètres de la structure (dispositifs, sites, partenaires, territoires)."
        )
        assert _rows(db, Dispositif) == []
    finally:
        widget.closing()
