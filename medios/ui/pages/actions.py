"""Page « Actions collectives » of the main window: ateliers, sensibilisation, concertation, événements.

One record per séance: registre, theme, date and time, duration, participants and their optional
breakdown by public, co-organising partners by type, mediators, place and territory.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QSpinBox

from medios.services import actions, activity_common, drafts
from medios.services.errors import FieldError, ValidationError

from medios.ui.activity_forms import (
    PAGE_ROWS,
    ActivityPage,
    CheckList,
    PublicsEditor,
    date_edit,
    french_date,
    line_edit,
    set_date,
    set_time,
    time_edit,
    to_date,
    to_time,
    uuid_or_none,
)
from medios.ui.pickers import CodePicker, referentiel_choices, string_choices


class ActionsPage(ActivityPage):
    draft_kind = drafts.ACTION

    error_aliases = {"start": "start_time"}

    @property
    def headers(self) -> list[str]:  # type: ignore[override]
        return [
            QCoreApplication.translate("ActionsPage", "Date"),
            QCoreApplication.translate("ActionsPage", "Thème"),
            QCoreApplication.translate("ActionsPage", "Registre"),
            QCoreApplication.translate("ActionsPage", "Participants"),
            QCoreApplication.translate("ActionsPage", "Médiateurs"),
        ]

    def page_title(self) -> str:
        return QCoreApplication.translate("ActionsPage", "Actions collectives")

    def list_name(self) -> str:
        return QCoreApplication.translate("ActionsPage", "Liste des actions collectives")

    def empty_text(self) -> str:
        return QCoreApplication.translate(
            "ActionsPage", "Aucune action collective enregistrée. Remplissez la fiche à droite puis Ctrl+S."
        )

    def new_text(self) -> str:
        return QCoreApplication.translate("ActionsPage", "Nouvelle action")

    def saved_text(self) -> str:
        return QCoreApplication.translate("ActionsPage", "Action collective enregistrée.")

    def heading_text(self, record: Any) -> str:
        if record is None:
            return QCoreApplication.translate("ActionsPage", "Nouvelle action collective")
        return QCoreApplication.translate("ActionsPage", "Action du {date}").format(date=french_date(record.data.date))

    def build_form(self) -> None:
        self.date = self.add_field("date", QCoreApplication.translate("ActionsPage", "Date :"), date_edit())
        self.start = self.add_field(
            "start_time",
            QCoreApplication.translate("ActionsPage", "Heure :"),
            time_edit(),
            QCoreApplication.translate("ActionsPage", "Heure de début"),
        )
        duration = QSpinBox()
        duration.setRange(0, 720)
        duration.setSuffix(QCoreApplication.translate("ActionsPage", " min"))
        duration.setSingleStep(15)
        self.duration = self.add_field(
            "duration_min",
            QCoreApplication.translate("ActionsPage", "Durée :"),
            duration,
            QCoreApplication.translate("ActionsPage", "Durée en minutes"),
        )
        self.registre = self.add_field(
            "registre", QCoreApplication.translate("ActionsPage", "Registre :"), self.code_picker("REGISTRE")
        )
        self.theme = self.add_field(
            "theme", QCoreApplication.translate("ActionsPage", "Thème :"), self.code_picker("THEME_ACTION")
        )
        self.title_edit = self.add_field(
            "title",
            QCoreApplication.translate("ActionsPage", "Intitulé :"),
            line_edit(actions.TITLE_MAX, QCoreApplication.translate("ActionsPage", "facultatif, sans nom de personne")),
            QCoreApplication.translate("ActionsPage", "Intitulé (facultatif)"),
        )
        participants = QSpinBox()
        participants.setRange(0, activity_common.COUNT_MAX)
        self.participants = self.add_field(
            "participants", QCoreApplication.translate("ActionsPage", "Participants :"), participants
        )
        self.publics = self.add_field(
            "publics",
            QCoreApplication.translate("ActionsPage", "Répartition :"),
            PublicsEditor(self.ref, self.language),
            QCoreApplication.translate("ActionsPage", "Répartition des participants"),
        )
        self.partners = self.add_field(
            "partners",
            QCoreApplication.translate("ActionsPage", "Co-organisateurs :"),
            CheckList(visible_rows=4),
            QCoreApplication.translate("ActionsPage", "Partenaires co-organisateurs"),
        )
        self.partners.set_choices(referentiel_choices(self.ref, "TYPE_PARTENAIRE", self.language))
        self.place = self.add_field(
            "place", QCoreApplication.translate("ActionsPage", "Lieu :"), self.code_picker("LIEU")
        )
        self.site = self.add_field(
            "site", QCoreApplication.translate("ActionsPage", "Site :"), CodePicker(allow_empty=True)
        )
        self.site.code_changed.connect(self._site_chosen)
        self.commune = self.add_field(
            "commune",
            QCoreApplication.translate("ActionsPage", "Commune :"),
            line_edit(5, QCoreApplication.translate("ActionsPage", "code INSEE, ex. 75056")),
            QCoreApplication.translate("ActionsPage", "Commune (code INSEE)"),
        )
        self.qpv = self.add_field(
            "qpv",
            QCoreApplication.translate("ActionsPage", "QPV :"),
            line_edit(8, QCoreApplication.translate("ActionsPage", "QN…, HORS_QPV, ou vide")),
            QCoreApplication.translate("ActionsPage", "QPV (facultatif)"),
        )
        self.dispositif = self.add_field(
            "dispositif", QCoreApplication.translate("ActionsPage", "Dispositif :"), CodePicker(allow_empty=True)
        )
        self.mediators = self.add_field(
            "mediators", QCoreApplication.translate("ActionsPage", "Médiateur(s) :"), CheckList(visible_rows=4)
        )

    def refresh_choices(self) -> None:
        self.mediators.set_choices(self.mediator_choices())
        self.dispositif.set_choices(self.dispositif_choices())
        with self.context.db.session() as session:
            self._sites = {str(s.id): s for s in activity_common.list_sites(session)}
        self.site.set_choices(string_choices([(key, s.name) for key, s in self._sites.items()]))

    def _site_chosen(self, code: str | None) -> None:
        site = self._sites.get(code or "")
        if site is None or self._loading:
            return
        if not self.commune.text():
            self.commune.setText(site.commune)
        if not self.qpv.text() and site.qpv:
            self.qpv.setText(site.qpv)
        if self.place.code() is None:
            self.place.set_code(site.place)

    def read_input(self) -> actions.ActionInput:
        errors: list[FieldError] = []
        for key, picker in (("registre", self.registre), ("theme", self.theme), ("place", self.place)):
            if picker.code() is None and picker.currentText().strip():
                errors.append(
                    FieldError(key, QCoreApplication.translate("ActionsPage", "choisissez une valeur dans la liste."))
                )
        if errors:
            raise ValidationError(errors)
        return actions.ActionInput(
            date=to_date(self.date),
            start_time=to_time(self.start),
            duration_min=self.duration.value(),
            commune=self.commune.text().strip(),
            place=self.place.code() or "",
            registre=self.registre.code() or "",
            theme=self.theme.code() or "",
            participants=self.participants.value(),
            qpv=self.qpv.text().strip() or None,
            title=self.title_edit.text(),
            publics=self.publics.values(),
            partner_types=tuple(self.partners.checked()),
            mediator_ids=tuple(uuid.UUID(m) for m in self.mediators.checked()),
            dispositif_id=uuid_or_none(self.dispositif.code()),
            site_id=uuid_or_none(self.site.code()),
        )

    def fill_form(self, record: actions.ActionRecord | None) -> None:
        if record is None:
            now = dt.datetime.now()
            set_date(self.date, now.date())
            set_time(self.start, now.time().replace(minute=now.minute // 15 * 15))
            self.duration.setValue(60)
            for picker in (self.registre, self.theme, self.place, self.site, self.dispositif):
                picker.set_code(None)
            self.title_edit.clear()
            self.participants.setValue(0)
            self.publics.set_values(())
            self.partners.set_checked([])
            self.commune.clear()
            self.qpv.clear()
            user = self.context.user_id
            self.mediators.set_checked([str(user)] if user is not None else [])
            return
        data = record.data
        set_date(self.date, data.date)
        set_time(self.start, data.start_time)
        self.duration.setValue(data.duration_min)
        self.registre.set_code(data.registre)
        self.theme.set_code(data.theme)
        self.place.set_code(data.place)
        self.site.set_code(str(data.site_id) if data.site_id else None)
        self.dispositif.set_code(str(data.dispositif_id) if data.dispositif_id else None)
        self.title_edit.setText(data.title or "")
        self.participants.setValue(data.participants)
        self.publics.set_values(data.publics)
        self.partners.set_checked(list(data.partner_types))
        self.commune.setText(data.commune)
        self.qpv.setText(data.qpv or "")
        self.mediators.set_checked([str(m) for m in data.mediator_ids])

    def row_cells(self, record: actions.ActionRecord) -> list[str]:
        data = record.data
        return [
            french_date(data.date),
            self.ref.label("THEME_ACTION", data.theme, self.language),
            self.ref.label("REGISTRE", data.registre, self.language),
            str(data.participants),
            ", ".join(record.mediators),
        ]

    def list_records(self, before: Any = None) -> list[actions.ActionRecord]:
        return actions.list_actions(self.context.db, limit=PAGE_ROWS, before=before)

    def create_record(self, data: actions.ActionInput) -> actions.ActionRecord:
        return actions.record_action(self.context.db, data, actor_id=self.context.user_id)

    def update_record(self, record_id: uuid.UUID, data: actions.ActionInput) -> actions.ActionRecord:
        return actions.update_action(self.context.db, record_id, data, actor_id=self.context.user_id)

    def remove_record(self, record_id: uuid.UUID) -> None:
        actions.delete_action(self.context.db, record_id, actor_id=self.context.user_id)

    def get_record(self, record_id: uuid.UUID) -> actions.ActionRecord:
        return actions.get_action(self.context.db, record_id)
