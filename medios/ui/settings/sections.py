"""The sections of « Paramètres »: structure, users, current user, dispositifs, sites, partners, language."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from medios.referentiel import active as active_referentiel
from medios.services import accounts
from medios.services import directory as dr
from medios.services import structure as st
from medios.services import territories as tr
from medios.services.overview import live_users

from medios.ui.pages import PageContext
from medios.ui.pickers import CodePicker, referentiel_choices
from medios.ui.preferences_store import (
    DEFAULT_LOCK_MINUTES,
    LOCK_MINUTES_KEY,
    MAX_LOCK_MINUTES,
    SYSTEM,
    PreferencesError,
    active_language,
    store_language,
    stored_language,
)
from medios.ui.settings.base import CheckList, FormSection, RecordSection
from medios.ui.widgets import WrappedLabel, set_secondary, set_tone

# Shown beside the notes switch, as the domain brief (§8) asks, and in the entry form when notes are on.
NOTES_REMINDER = QT_TRANSLATE_NOOP(
    "Settings",
    "La personne peut demander à lire ce texte : restez factuel, sans santé, origine, religion ni infraction. "
    "Les observations ne sont jamais imprimées ni exportées.",
)
NO_DATE = QDate(2000, 1, 1)  # the minimum of an optional date field, shown « — »


def _tr(text: str) -> str:
    return QCoreApplication.translate("Settings", text)


def _picker(vocab: str, *, allow_empty: bool = False) -> CodePicker:
    picker = CodePicker(allow_empty=allow_empty)
    picker.set_choices(referentiel_choices(active_referentiel(), vocab, active_language()))
    return picker


def _check_list(vocab: str) -> CheckList:
    """The active terms of ``vocab`` to tick, labelled in the window's language."""
    ref = active_referentiel()
    language = active_language()
    checks = CheckList()
    checks.set_choices((ref.label(vocab, code, language), code) for code in ref.active_codes(vocab))
    return checks


def _partner_choices(db: Any) -> list[tuple[str, uuid.UUID]]:
    return [(p.name, p.id) for p in dr.list_partners(db)]


def _date_edit(*, optional: bool = False) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    if optional:
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText("—")
    edit.setDate(QDate.currentDate())
    return edit


def _date(edit: QDateEdit) -> dt.date | None:
    value = edit.date()
    if value == edit.minimumDate() and edit.specialValueText():
        return None
    return dt.date(value.year(), value.month(), value.day())


def _set_date(edit: QDateEdit, value: dt.date | None) -> None:
    edit.setDate(edit.minimumDate() if value is None else QDate(value.year, value.month, value.day))


# --------------------------------------------------------------------------- structure


class StructureSection(FormSection):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("Settings", "Structure"),
            QCoreApplication.translate(
                "Settings", "La structure employeuse, une par installation. Le SIRET n'est jamais exporté."
            ),
            parent,
        )
        self.name = QLineEdit()
        self.legal_status = _picker("STATUT")
        self.siret = QLineEdit()
        self.siret.setPlaceholderText("123 456 789 00012")
        self.calendar = _picker("CALENDRIER_FERIES")
        self.notes = QCheckBox(
            QCoreApplication.translate("Settings", "Permettre les observations libres dans les fiches")
        )
        self.add_field(QCoreApplication.translate("Settings", "&Nom de la structure :"), self.name, "structure")
        self.add_field(QCoreApplication.translate("Settings", "Statut j&uridique :"), self.legal_status, "legal_status")
        self.add_field(
            QCoreApplication.translate("Settings", "&SIRET :"),
            self.siret,
            "siret",
            hint=QCoreApplication.translate("Settings", "14 chiffres, facultatif."),
        )
        self.add_field(
            QCoreApplication.translate("Settings", "&Jours fériés :"),
            self.calendar,
            "holiday_calendar",
            hint=QCoreApplication.translate("Settings", "Sert à dater les dimanches et jours fériés des fiches."),
        )
        self.observatory_id = QLineEdit()
        self.observatory_id.setPlaceholderText("OBS-93-0042")
        self.networks = _check_list("RESEAU")
        self.afnor = _date_edit(optional=True)
        self.hq_commune = QLineEdit()
        self.hq_commune.setPlaceholderText("93066")
        self.add_field(
            QCoreApplication.translate("Settings", "Identifiant o&bservatoire :"),
            self.observatory_id,
            "observatory_id",
            hint=QCoreApplication.translate(
                "Settings", "Donné par l'observatoire, nécessaire pour lui exporter les bilans ; facultatif."
            ),
        )
        self.add_field(QCoreApplication.translate("Settings", "&Réseaux :"), self.networks, "networks")
        self.add_field(
            QCoreApplication.translate("Settings", "Certification &AFNOR :"),
            self.afnor,
            "afnor_certified_on",
            hint=QCoreApplication.translate("Settings", "« — » : pas de certification."),
        )
        self.add_field(
            QCoreApplication.translate("Settings", "&Commune du siège (code INSEE) :"), self.hq_commune, "hq_commune"
        )
        self.add_field(QCoreApplication.translate("Settings", "&Observations :"), self.notes, "notes_enabled")
        self.logo_preview = QLabel()
        self.logo_preview.setMinimumHeight(48)
        self.logo_preview.setAccessibleName(QCoreApplication.translate("Settings", "Aperçu du logo"))
        self.logo_choose = QPushButton(QCoreApplication.translate("Settings", "Choisir une &image…"))
        self.logo_remove = QPushButton(QCoreApplication.translate("Settings", "Retirer le lo&go"))
        for button in (self.logo_choose, self.logo_remove):
            button.setAutoDefault(False)
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        self.logo_choose.clicked.connect(self.choose_logo)
        self.logo_remove.clicked.connect(self.remove_logo)
        logo_row = QWidget()
        logo_layout = QHBoxLayout(logo_row)
        logo_layout.setContentsMargins(0, 0, 0, 0)
        logo_layout.addWidget(self.logo_preview, 1)
        logo_layout.addWidget(self.logo_choose)
        logo_layout.addWidget(self.logo_remove)
        self.add_field(
            QCoreApplication.translate("Settings", "&Logo des bilans :"),
            logo_row,
            "logo",
            hint=QCoreApplication.translate(
                "Settings", "PNG ou JPEG, 1 Mo au plus ; imprimé en haut des bilans PDF et Excel. Enregistré aussitôt."
            ),
        )
        self.notes_reminder = WrappedLabel()
        self.notes_reminder.setText(_tr(NOTES_REMINDER))
        self.notes_reminder.setObjectName("notes_reminder")
        set_tone(self.notes_reminder, "warning")
        self.form.addRow("", self.notes_reminder)
        self.save_button = self.button(
            QCoreApplication.translate("Settings", "&Enregistrer"),
            QCoreApplication.translate("Settings", "Enregistrer la structure"),
            "Ctrl+S",
        )
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.chain_tab_order([], [self.save_button])
        self.refresh()

    def refresh(self) -> None:
        info = self.run(
            lambda: st.get_structure(self.context.db),
            QCoreApplication.translate("Settings", "La structure n'a pas pu être lue."),
        )
        if info is None:
            return
        self.name.setText(info.name)
        self.legal_status.set_code(info.legal_status)
        self.siret.setText(info.siret or "")
        self.calendar.set_code(info.holiday_calendar)
        self.notes.setChecked(info.notes_enabled)
        self._show_details(info.details)
        self._show_logo()

    def _show_logo(self) -> None:
        from PySide6.QtGui import QPixmap

        from medios.services import logo

        data = logo.logo_bytes(self.context.db)
        pixmap = QPixmap()
        if data is not None and pixmap.loadFromData(data):
            self.logo_preview.setPixmap(
                pixmap.scaled(160, 48, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            )
        else:
            self.logo_preview.setText(QCoreApplication.translate("Settings", "Aucun logo"))
        self.logo_remove.setEnabled(data is not None)

    def ask_logo_file(self) -> str:
        """The image chosen in a file dialog, ``""`` when cancelled (tests replace this method)."""
        name, _filter = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("Settings", "Logo des bilans"),
            "",
            QCoreApplication.translate("Settings", "Images PNG ou JPEG (*.png *.jpg *.jpeg)"),
        )
        return name

    def choose_logo(self) -> None:
        from pathlib import Path

        from medios.services import logo

        name = self.ask_logo_file()
        if not name:
            return
        if self.run(
            lambda: logo.set_logo(self.context.db, Path(name)) or True,
            QCoreApplication.translate("Settings", "Le logo n'a pas été enregistré."),
        ):
            self._show_logo()
            self.context.show_status(QCoreApplication.translate("Settings", "Logo enregistré."))

    def remove_logo(self) -> None:
        from medios.services import logo

        if self.run(
            lambda: logo.remove_logo(self.context.db) or True,
            QCoreApplication.translate("Settings", "Le logo n'a pas été retiré."),
        ):
            self._show_logo()
            self.context.show_status(QCoreApplication.translate("Settings", "Logo retiré."))

    def _show_details(self, details: st.StructureDetails) -> None:
        self.observatory_id.setText(details.observatory_id or "")
        self.networks.set_values(details.networks)
        _set_date(self.afnor, details.afnor_certified_on)
        self.hq_commune.setText(details.hq_commune or "")

    def save(self) -> bool:
        info = self.run(
            lambda: st.update_structure(
                self.context.db,
                name=self.name.text(),
                holiday_calendar=self.calendar.code() or "",
                notes_enabled=self.notes.isChecked(),
                siret=self.siret.text(),
                legal_status=self.legal_status.code() or "",
                details=st.StructureDetails(
                    observatory_id=self.observatory_id.text(),
                    networks=self.networks.values(),
                    afnor_certified_on=_date(self.afnor),
                    hq_commune=self.hq_commune.text(),
                ),
                actor_id=self.context.user_id,
            ),
            QCoreApplication.translate("Settings", "La structure n'a pas été enregistrée."),
        )
        if info is None:
            return False
        self.siret.setText(info.siret or "")
        self._show_details(info.details)
        self.context.show_status(QCoreApplication.translate("Settings", "Structure enregistrée."))
        self.changed()
        return True


# --------------------------------------------------------------------------- users


class UsersSection(RecordSection):
    retire_question = QT_TRANSLATE_NOOP("Settings", "Retirer l'utilisateur « {name} » ?")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("Settings", "Utilisateurs et médiateurs"),
            QCoreApplication.translate(
                "Settings",
                "Le nom reste sur cet ordinateur ; les bilans et fichiers d'échange ne montrent que le pseudonyme. "
                "L'administration donne à chacun un compte de connexion (identifiant et mot de passe).",
            ),
            parent,
        )
        self.name = QLineEdit()
        self.role = _picker("ROLE_UTILISATEUR")
        self.pseudonym = QLineEdit()
        self.add_field(QCoreApplication.translate("Settings", "&Nom :"), self.name, "name")
        self.add_field(QCoreApplication.translate("Settings", "&Rôle :"), self.role, "role")
        self.add_field(
            QCoreApplication.translate("Settings", "&Pseudonyme :"),
            self.pseudonym,
            "pseudonym",
            hint=QCoreApplication.translate(
                "Settings", "Attribué à la création (MED-…) ; modifiable pour régler un conflit entre deux postes."
            ),
        )
        self.contract = _picker("CONTRAT", allow_empty=True)
        self.fte = QSpinBox()
        self.fte.setRange(0, 100)
        self.fte.setSingleStep(10)
        self.fte.setSuffix(" %")
        self.fte.setSpecialValueText("—")
        self.weekly = QDoubleSpinBox()
        self.weekly.setRange(0, 48)
        self.weekly.setDecimals(1)
        self.weekly.setSingleStep(0.5)
        self.weekly.setSuffix(" h")
        self.weekly.setSpecialValueText("—")
        self.qualifications = _check_list("QUALIF")
        self.start = _date_edit(optional=True)
        self.end = _date_edit(optional=True)
        self.add_field(QCoreApplication.translate("Settings", "&Contrat :"), self.contract, "contract")
        self.add_field(
            QCoreApplication.translate("Settings", "&Quotité :"),
            self.fte,
            "fte_percent",
            hint=QCoreApplication.translate("Settings", "De 10 à 100 % (ETP) ; « — » : non renseignée."),
        )
        self.weekly_hint = self.add_field(
            QCoreApplication.translate("Settings", "&Heures par semaine :"),
            self.weekly,
            "weekly_minutes",
            hint=QCoreApplication.translate("Settings", "« — » : 35 h × quotité (24,5 h pour 70 %)."),
        )
        self.add_field(
            QCoreApplication.translate("Settings", "Qualificati&ons :"), self.qualifications, "qualifications"
        )
        self.add_field(QCoreApplication.translate("Settings", "En&trée :"), self.start, "start_date")
        self.add_field(
            QCoreApplication.translate("Settings", "&Sortie :"),
            self.end,
            "end_date",
            hint=QCoreApplication.translate("Settings", "« — » : toujours en poste."),
        )
        self.account_label = QLabel()
        self.account_button = QPushButton(QCoreApplication.translate("Settings", "Compte de &connexion…"))
        self.account_button.setToolTip(
            QCoreApplication.translate("Settings", "Identifiant et mot de passe de cet utilisateur (administration)")
        )
        self.account_button.clicked.connect(self.edit_account)
        self.account_button.setAccessibleName(QCoreApplication.translate("Settings", "Compte de connexion"))
        self.account_label.setAccessibleName(QCoreApplication.translate("Settings", "Compte"))
        account_row = QWidget()
        row = QHBoxLayout(account_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.account_label, 1)
        row.addWidget(self.account_button)
        self.add_field(QCoreApplication.translate("Settings", "Compte :"), account_row, "account")
        self.fte.valueChanged.connect(self._update_weekly_default)
        self.finish_layout()

    def _show_account(self, record: st.MediatorInfo | None) -> None:
        login = accounts.login_of(self.context.db, record.id) if record is not None else None
        self.account_label.setText(
            QCoreApplication.translate("Settings", "identifiant « {login} »").format(login=login)
            if login
            else QCoreApplication.translate("Settings", "pas de compte")
        )
        self.account_button.setEnabled(record is not None and not self.retired)

    def ask_account(self, user: st.MediatorInfo) -> bool:
        from medios.ui.login import AccountDialog

        dialog = AccountDialog(self.context.db, user, actor_id=self.context.user_id, parent=self)
        return dialog.exec() == QDialog.DialogCode.Accepted

    @Slot()
    def edit_account(self) -> None:
        record = next((m for m in st.list_mediators(self.context.db) if m.id == self.current_id), None)
        if record is None:
            return
        if self.ask_account(record):
            self._show_account(record)
            self.context.show_status(
                QCoreApplication.translate("Settings", "Compte de {pseudonym} enregistré.").format(
                    pseudonym=record.pseudonym
                )
            )

    def _update_weekly_default(self, percent: int) -> None:
        """The empty weekly hours read « 35 h × quotité »: show what that makes for the quotité typed."""
        minutes = st.default_weekly_minutes(None, percent or None)
        if minutes is None:
            self.weekly.setSpecialValueText("—")
        else:
            hours = f"{minutes / 60:.1f}".replace(".", ",").replace(",0", "")
            self.weekly.setSpecialValueText(
                QCoreApplication.translate("Settings", "— ({hours} h par défaut)").format(hours=hours)
            )

    def _details(self) -> st.MediatorDetails:
        weekly = round(self.weekly.value() * 60)
        return st.MediatorDetails(
            contract=self.contract.code(),
            fte_percent=self.fte.value() or None,
            weekly_minutes=weekly or None,
            qualifications=self.qualifications.values(),
            start_date=_date(self.start),
            end_date=_date(self.end),
        )

    def records(self) -> Iterable[tuple[str, uuid.UUID, Any]]:
        ref = active_referentiel()
        for m in st.list_mediators(self.context.db, retired=self.retired):
            role = ref.label("ROLE_UTILISATEUR", m.role, active_language())
            yield f"{m.pseudonym} — {m.display_name} ({role})", m.id, m

    def fill(self, record: st.MediatorInfo | None) -> None:
        self.name.setText(record.display_name if record else "")
        self.role.set_code(record.role if record else "MEDIATEUR")
        self.pseudonym.setText(record.pseudonym if record else "")
        self.pseudonym.setEnabled(record is not None and not self.retired)
        self.pseudonym.setPlaceholderText(QCoreApplication.translate("Settings", "attribué à l'enregistrement"))
        details = record.details if record else st.MediatorDetails()
        self.contract.set_code(details.contract)
        self.fte.setValue(details.fte_percent or 0)
        self.weekly.setValue((details.weekly_minutes or 0) / 60)
        self.qualifications.set_values(details.qualifications)
        _set_date(self.start, details.start_date)
        _set_date(self.end, details.end_date)
        self._show_account(record)

    def create(self) -> uuid.UUID:
        return st.create_mediator(
            self.context.db,
            self.name.text(),
            role=self.role.code() or "",
            details=self._details(),
            actor_id=self.context.user_id,
        ).id

    def update(self, record_id: uuid.UUID) -> None:
        st.update_mediator(
            self.context.db,
            record_id,
            display_name=self.name.text(),
            role=self.role.code() or "",
            pseudonym=self.pseudonym.text(),
            details=self._details(),
            actor_id=self.context.user_id,
        )

    def retire_record(self, record_id: uuid.UUID) -> None:
        st.retire_mediator(self.context.db, record_id, actor_id=self.context.user_id)
        self.context.forget_user()

    def restore_record(self, record_id: uuid.UUID) -> None:
        st.restore_mediator(self.context.db, record_id, actor_id=self.context.user_id)

    def changed(self) -> None:
        self.context.forget_user()
        super().changed()
        self.context.user_changed.emit()  # the status bar follows a renamed or retired user


class CurrentUserSection(FormSection):
    """Who uses this computer (until sign-in arrives): the status bar and new records follow."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("Settings", "Utilisateur courant"),
            QCoreApplication.translate(
                "Settings",
                "Choisissez qui utilise cet ordinateur : ses fiches portent son pseudonyme. Quand plusieurs "
                "utilisateurs ont un compte (identifiant et mot de passe), Médios demande qui est là au démarrage.",
            ),
            parent,
        )
        self.user = QComboBox()
        self.add_field(QCoreApplication.translate("Settings", "&Utilisateur :"), self.user, "user")
        self.use_button: QPushButton = self.button(
            QCoreApplication.translate("Settings", "Utiliser ce &poste sous ce nom"),
            QCoreApplication.translate("Settings", "Choisir l'utilisateur courant"),
            "Ctrl+S",
        )
        self.use_button.clicked.connect(self.save)
        self.password_button = QPushButton(QCoreApplication.translate("Settings", "Changer mon &mot de passe…"))
        self.password_button.clicked.connect(self.change_password)
        self.password_button.setAccessibleName(QCoreApplication.translate("Settings", "Changer mon mot de passe"))
        self.current = QLineEdit()
        self.current.setReadOnly(True)
        self.add_field(QCoreApplication.translate("Settings", "Utilisateur &actuel :"), self.current, "current")
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(0, MAX_LOCK_MINUTES)
        self.lock_minutes.setSuffix(QCoreApplication.translate("Settings", " min"))
        self.lock_minutes.setSpecialValueText(QCoreApplication.translate("Settings", "jamais"))
        self.lock_minutes.setToolTip(
            QCoreApplication.translate(
                "Settings",
                "Après ce temps sans activité, la fenêtre se verrouille et demande le mot de passe ; ce qui était "
                "saisi est gardé (quand l'utilisateur s'est connecté par son compte)",
            )
        )
        self.lock_minutes.setValue(self._stored_lock_minutes())
        self.lock_minutes.valueChanged.connect(self._lock_minutes_changed)
        self.add_field(
            QCoreApplication.translate("Settings", "&Verrouiller après :"), self.lock_minutes, "lock_minutes"
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.password_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)
        layout.addStretch(1)
        context.user_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        users = (
            self.run(
                lambda: live_users(self.context.db),
                QCoreApplication.translate("Settings", "Les utilisateurs n'ont pas pu être lus."),
            )
            or []
        )
        ref = active_referentiel()
        self.user.clear()
        for user in users:
            role = ref.label("ROLE_UTILISATEUR", user.role, active_language())
            self.user.addItem(f"{user.pseudonym} ({role})", str(user.id))
        current = self.context.user_id
        self.user.setCurrentIndex(max(0, self.user.findData(str(current))) if users else -1)
        self.current.setText(
            self.context.user_pseudonym() or QCoreApplication.translate("Settings", "Aucun utilisateur")
        )
        # Logged in with a password: the user is who logged in (« Changer d'utilisateur » when locked).
        self.user.setEnabled(not self.context.signed_in)
        self.use_button.setEnabled(bool(users) and not self.context.signed_in)
        current_user = self.context.user_id
        self.password_button.setVisible(
            current_user is not None and accounts.login_of(self.context.db, current_user) is not None
        )

    @Slot()
    def change_password(self) -> None:
        from medios.ui.login import ChangePasswordDialog

        user = self.context.user_id
        if user is None:
            return
        if ChangePasswordDialog(self.context.db, user, self).exec() == QDialog.DialogCode.Accepted:
            self.context.show_status(QCoreApplication.translate("Settings", "Mot de passe changé."))

    def _stored_lock_minutes(self) -> int:
        try:
            return int(self.context.preferences.value(LOCK_MINUTES_KEY, DEFAULT_LOCK_MINUTES))
        except (TypeError, ValueError):
            return DEFAULT_LOCK_MINUTES

    @Slot(int)
    def _lock_minutes_changed(self, minutes: int) -> None:
        self.context.preferences.setValue(LOCK_MINUTES_KEY, minutes)
        self.context.preferences.sync()
        self.context.lock_minutes_changed.emit(minutes)

    def save(self) -> bool:
        data = self.user.currentData()
        if data is None:
            self.general_error.show_error(
                QCoreApplication.translate("Settings", "Ajoutez d'abord un utilisateur (section « Utilisateurs »).")
            )
            return False
        self.context.set_user(uuid.UUID(str(data)))
        self.context.show_status(
            QCoreApplication.translate("Settings", "Utilisateur courant : {user}").format(
                user=self.context.user_pseudonym()
            )
        )
        return True


# --------------------------------------------------------------------------- dispositifs


class DispositifsSection(RecordSection):
    retire_question = QT_TRANSLATE_NOOP("Settings", "Retirer le dispositif « {name} » ?")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("Settings", "Dispositifs"),
            QCoreApplication.translate(
                "Settings",
                "« Médiation habitat bailleur X », « correspondants de nuit »… Le domaine pré-remplit les fiches.",
            ),
            parent,
        )
        self.name = QLineEdit()
        self.domain = _picker("DOMAINE")
        self.start = _date_edit()
        self.end = _date_edit(optional=True)
        self.add_field(QCoreApplication.translate("Settings", "&Libellé :"), self.name, "dispositif")
        self.add_field(QCoreApplication.translate("Settings", "&Domaine principal :"), self.domain, "domain")
        self.add_field(QCoreApplication.translate("Settings", "Dé&but :"), self.start, "start_date")
        self.add_field(
            QCoreApplication.translate("Settings", "&Fin :"),
            self.end,
            "end_date",
            hint=QCoreApplication.translate("Settings", "« — » : pas de fin prévue."),
        )
        self.funders = _check_list("FINANCEMENT")
        self.territories = CheckList()
        self.time_bands = _check_list("PLAGE")
        self.commissioners = CheckList()
        self.add_field(QCoreApplication.translate("Settings", "Fina&ncements :"), self.funders, "funders")
        self.add_field(
            QCoreApplication.translate("Settings", "&Territoires :"),
            self.territories,
            "territories",
            hint=QCoreApplication.translate("Settings", "Ceux de la liste de la section « Territoires »."),
        )
        self.add_field(QCoreApplication.translate("Settings", "&Plages couvertes :"), self.time_bands, "time_bands")
        self.add_field(
            QCoreApplication.translate("Settings", "&Commanditaires :"),
            self.commissioners,
            "commissioners",
            hint=QCoreApplication.translate("Settings", "Des partenaires de l'annuaire."),
        )
        self.finish_layout()

    def refresh(self) -> None:
        db = self.context.db
        self.territories.set_choices((f"{t.label} ({t.code})", t.id) for t in tr.list_territories(db))
        self.commissioners.set_choices(_partner_choices(db))
        super().refresh()

    def records(self) -> Iterable[tuple[str, uuid.UUID, Any]]:
        ref = active_referentiel()
        for d in st.list_dispositifs(self.context.db, retired=self.retired):
            yield f"{d.name} ({ref.label('DOMAINE', d.main_domain, active_language())})", d.id, d

    def fill(self, record: st.DispositifInfo | None) -> None:
        self.name.setText(record.name if record else "")
        self.domain.set_code(record.main_domain if record else None)
        _set_date(self.start, record.start_date if record else dt.date.today())
        _set_date(self.end, record.end_date if record else None)
        links = record.links if record else st.DispositifLinks()
        self.funders.set_values(links.funders)
        self.territories.set_values(links.territory_ids)
        self.time_bands.set_values(links.time_bands)
        self.commissioners.set_values(links.commissioner_ids)

    def _links(self) -> st.DispositifLinks:
        return st.DispositifLinks(
            funders=self.funders.values(),
            territory_ids=self.territories.values(),
            time_bands=self.time_bands.values(),
            commissioner_ids=self.commissioners.values(),
        )

    def create(self) -> uuid.UUID:
        return st.create_dispositif(
            self.context.db,
            self.name.text(),
            self.domain.code() or "",
            _date(self.start) or dt.date.today(),
            end_date=_date(self.end),
            links=self._links(),
            actor_id=self.context.user_id,
        )

    def update(self, record_id: uuid.UUID) -> None:
        st.update_dispositif(
            self.context.db,
            record_id,
            name=self.name.text(),
            main_domain=self.domain.code() or "",
            start_date=_date(self.start) or dt.date.today(),
            end_date=_date(self.end),
            links=self._links(),
            actor_id=self.context.user_id,
        )

    def retire_record(self, record_id: uuid.UUID) -> None:
        st.retire_dispositif(self.context.db, record_id, actor_id=self.context.user_id)

    def restore_record(self, record_id: uuid.UUID) -> None:
        st.restore_dispositif(self.context.db, record_id, actor_id=self.context.user_id)


# --------------------------------------------------------------------------- sites


class SitesSection(RecordSection):
    retire_question = QT_TRANSLATE_NOOP("Settings", "Retirer le site « {name} » ?")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("Settings", "Sites"),
            QCoreApplication.translate(
                "Settings",
                "Lieux nommés (« Résidence Les Tilleuls », « Collège Pasteur ») qui pré-remplissent les fiches.",
            ),
            parent,
        )
        self.name = QLineEdit()
        self.place = _picker("LIEU")
        self.commune = QLineEdit()
        self.commune.setPlaceholderText("93066")
        self.qpv = QLineEdit()
        self.qpv.setPlaceholderText(QCoreApplication.translate("Settings", "QN09301M, HORS_QPV ou vide"))
        self.add_field(QCoreApplication.translate("Settings", "&Nom du site :"), self.name, "site")
        self.add_field(QCoreApplication.translate("Settings", "&Type de lieu :"), self.place, "place")
        self.add_field(QCoreApplication.translate("Settings", "&Commune (code INSEE) :"), self.commune, "commune")
        self.add_field(QCoreApplication.translate("Settings", "&QPV :"), self.qpv, "qpv")
        self.uai = QLineEdit()
        self.uai.setPlaceholderText("0931234A")
        self.uai.setMaxLength(12)
        self.educ_prio = _picker("EDUC_PRIO", allow_empty=True)
        self.landlord = QComboBox()
        self.add_field(
            QCoreApplication.translate("Settings", "Code &UAI :"),
            self.uai,
            "uai",
            hint=QCoreApplication.translate("Settings", "Établissements scolaires : 7 chiffres et une lettre."),
        )
        self.add_field(QCoreApplication.translate("Settings", "É&ducation prioritaire :"), self.educ_prio, "educ_prio")
        self.add_field(
            QCoreApplication.translate("Settings", "&Bailleur :"),
            self.landlord,
            "landlord",
            hint=QCoreApplication.translate("Settings", "Sites d'habitat : un partenaire de l'annuaire."),
        )
        self.finish_layout()

    def refresh(self) -> None:
        keep = self.landlord.currentData()
        self.landlord.clear()
        self.landlord.addItem("—", None)
        for name, partner_id in _partner_choices(self.context.db):
            self.landlord.addItem(name, str(partner_id))
        self.landlord.setCurrentIndex(max(0, self.landlord.findData(keep)))
        super().refresh()

    def records(self) -> Iterable[tuple[str, uuid.UUID, Any]]:
        for s in dr.list_sites(self.context.db, retired=self.retired):
            yield f"{s.name} ({s.commune})", s.id, s

    def fill(self, record: dr.SiteInfo | None) -> None:
        self.name.setText(record.name if record else "")
        self.place.set_code(record.place if record else None)
        self.commune.setText(record.commune if record else "")
        self.qpv.setText((record.qpv or "") if record else "")
        details = record.details if record else st.SiteDetails()
        self.uai.setText(details.uai or "")
        self.educ_prio.set_code(details.educ_prio)
        landlord = str(details.landlord_id) if details.landlord_id else None
        self.landlord.setCurrentIndex(max(0, self.landlord.findData(landlord)))

    def _details(self) -> st.SiteDetails:
        landlord = self.landlord.currentData()
        return st.SiteDetails(
            uai=self.uai.text(),
            educ_prio=self.educ_prio.code(),
            landlord_id=uuid.UUID(str(landlord)) if landlord else None,
        )

    def _values(self) -> tuple[str, str, str, str | None]:
        qpv = self.qpv.text().strip().upper() or None
        return self.name.text(), self.place.code() or "", self.commune.text().strip().upper(), qpv

    def create(self) -> uuid.UUID:
        return st.create_site(self.context.db, *self._values(), details=self._details(), actor_id=self.context.user_id)

    def update(self, record_id: uuid.UUID) -> None:
        name, place, commune, qpv = self._values()
        dr.update_site(
            self.context.db,
            record_id,
            name=name,
            place=place,
            commune=commune,
            qpv=qpv,
            details=self._details(),
            actor_id=self.context.user_id,
        )

    def retire_record(self, record_id: uuid.UUID) -> None:
        dr.retire_site(self.context.db, record_id, actor_id=self.context.user_id)

    def restore_record(self, record_id: uuid.UUID) -> None:
        dr.restore_site(self.context.db, record_id, actor_id=self.context.user_id)


# --------------------------------------------------------------------------- partners


class PartnersSection(RecordSection):
    retire_question = QT_TRANSLATE_NOOP("Settings", "Retirer « {name} » de l'annuaire ?")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("Settings", "Partenaires"),
            QCoreApplication.translate(
                "Settings",
                "L'annuaire des organismes vers qui l'on oriente ou que l'on alerte. Les contacts restent sur ce poste.",
            ),
            parent,
        )
        self.name = QLineEdit()
        self.partner_type = _picker("TYPE_PARTENAIRE")
        self.commune = QLineEdit()
        self.contact = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.add_field(QCoreApplication.translate("Settings", "&Organisme :"), self.name, "partner")
        self.add_field(QCoreApplication.translate("Settings", "&Type :"), self.partner_type, "partner_type")
        self.add_field(QCoreApplication.translate("Settings", "&Commune (code INSEE) :"), self.commune, "commune")
        self.add_field(QCoreApplication.translate("Settings", "Co&ntact :"), self.contact, "contact_name")
        self.add_field(QCoreApplication.translate("Settings", "Télé&phone :"), self.phone, "phone")
        self.add_field(QCoreApplication.translate("Settings", "E-&mail :"), self.email, "email")
        self.finish_layout()

    def records(self) -> Iterable[tuple[str, uuid.UUID, Any]]:
        ref = active_referentiel()
        for p in dr.list_partners(self.context.db, retired=self.retired):
            yield f"{p.name} ({ref.label('TYPE_PARTENAIRE', p.partner_type, active_language())})", p.id, p

    def fill(self, record: dr.PartnerInfo | None) -> None:
        self.name.setText(record.name if record else "")
        self.partner_type.set_code(record.partner_type if record else None)
        self.commune.setText((record.commune or "") if record else "")
        self.contact.setText((record.contact_name or "") if record else "")
        self.phone.setText((record.phone or "") if record else "")
        self.email.setText((record.email or "") if record else "")

    def _partner_fields(self) -> dr.PartnerFields:
        return dr.PartnerFields(
            self.name.text(),
            self.partner_type.code() or "",
            self.commune.text(),
            self.contact.text(),
            self.phone.text(),
            self.email.text(),
        )

    def create(self) -> uuid.UUID:
        return dr.create_partner(self.context.db, self._partner_fields(), actor_id=self.context.user_id).id

    def update(self, record_id: uuid.UUID) -> None:
        dr.update_partner(self.context.db, record_id, self._partner_fields(), actor_id=self.context.user_id)

    def retire_record(self, record_id: uuid.UUID) -> None:
        dr.retire_partner(self.context.db, record_id, actor_id=self.context.user_id)

    def restore_record(self, record_id: uuid.UUID) -> None:
        dr.restore_partner(self.context.db, record_id, actor_id=self.context.user_id)


# --------------------------------------------------------------------------- language


class LanguageSection(FormSection):
    """The language of the window (the INI preferences, as in « Outils → Préférences »), applied at the next start."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("Settings", "Langue"),
            QCoreApplication.translate("Settings", "Le français est la langue de Médios ; l'anglais est complet."),
            parent,
        )
        self.language = QComboBox()
        # Language names are written in their own language, as everywhere else.
        self.language.addItem("Français", "fr")
        self.language.addItem("English", "en")
        self.language.addItem(QCoreApplication.translate("Settings", "Langue du système"), SYSTEM)
        self.add_field(QCoreApplication.translate("Settings", "&Langue de la fenêtre :"), self.language, "language")
        self.note = WrappedLabel()
        self.note.setText(
            QCoreApplication.translate("Settings", "La nouvelle langue s'appliquera au prochain démarrage de Médios.")
        )
        set_secondary(self.note)
        self.form.addRow("", self.note)
        self.save_button = self.button(
            QCoreApplication.translate("Settings", "&Enregistrer"),
            QCoreApplication.translate("Settings", "Enregistrer la langue"),
            "Ctrl+S",
        )
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.language.currentIndexChanged.connect(self._update_note)
        self.refresh()

    def refresh(self) -> None:
        self._loaded = stored_language(self.context.preferences)
        self.language.setCurrentIndex(max(0, self.language.findData(self._loaded)))
        self._update_note()

    def _update_note(self, _index: int = -1) -> None:
        chosen = self.language.itemData(self.language.currentIndex())
        self.note.setVisible(chosen != self._loaded)

    def save(self) -> bool:
        self.clear_errors()
        try:
            store_language(str(self.language.currentData()), self.context.preferences)
        except PreferencesError as exc:
            self.general_error.show_error(str(exc))
            return False
        self._loaded = str(self.language.currentData())
        self.note.setVisible(True)
        self.context.show_status(
            QCoreApplication.translate("Settings", "Langue enregistrée : elle s'appliquera au prochain démarrage.")
        )
        return True
