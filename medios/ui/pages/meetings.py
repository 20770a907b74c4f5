"""Page « Réunions partenariales » of the main window: CLSPD, GUP, cellule de veille… between professionals.

Meetings with inhabitants are collective actions (registre Concertation), as the page's hint says.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QSpinBox

from medios.services import drafts, meetings
from medios.services.errors import FieldError, ValidationError

from medios.ui.activity_forms import (
    PAGE_ROWS,
    ActivityPage,
    CheckList,
    date_edit,
    french_date,
    hours_text,
    line_edit,
    set_date,
    to_date,
    uuid_or_none,
)
from medios.ui.pickers import CodePicker, referentiel_choices
from medios.ui.widgets import WrappedLabel, set_secondary


class MeetingsPage(ActivityPage):
    draft_kind = drafts.MEETING

    @property
    def headers(self) -> list[str]:  # type: ignore[override]
        return [
            QCoreApplication.translate("MeetingsPage", "Date"),
            QCoreApplication.translate("MeetingsPage", "Type"),
            QCoreApplication.translate("MeetingsPage", "Durée"),
            QCoreApplication.translate("MeetingsPage", "Objet"),
            QCoreApplication.translate("MeetingsPage", "Médiateurs"),
        ]

    def page_title(self) -> str:
        return QCoreApplication.translate("MeetingsPage", "Réunions partenariales")

    def list_name(self) -> str:
        return QCoreApplication.translate("MeetingsPage", "Liste des réunions partenariales")

    def empty_text(self) -> str:
        return QCoreApplication.translate(
            "MeetingsPage", "Aucune réunion enregistrée. Remplissez la fiche à droite puis Ctrl+S."
        )

    def new_text(self) -> str:
        return QCoreApplication.translate("MeetingsPage", "Nouvelle réunion")

    def saved_text(self) -> str:
        return QCoreApplication.translate("MeetingsPage", "Réunion enregistrée.")

    def heading_text(self, record: Any) -> str:
        if record is None:
            return QCoreApplication.translate("MeetingsPage", "Nouvelle réunion partenariale")
        return QCoreApplication.translate("MeetingsPage", "Réunion du {date}").format(
            date=french_date(record.data.date)
        )

    def build_form(self) -> None:
        hint = WrappedLabel()
        hint.setText(
            QCoreApplication.translate(
                "MeetingsPage",
                "Entre professionnels. Une réunion avec des habitants est une action collective (Concertation).",
            )
        )
        set_secondary(hint)
        self.form.addRow(hint)
        self.date = self.add_field("date", QCoreApplication.translate("MeetingsPage", "Date :"), date_edit())
        duration = QSpinBox()
        duration.setRange(0, 720)
        duration.setSuffix(QCoreApplication.translate("MeetingsPage", " min"))
        duration.setSingleStep(15)
        self.duration = self.add_field(
            "duration_min",
            QCoreApplication.translate("MeetingsPage", "Durée :"),
            duration,
            QCoreApplication.translate("MeetingsPage", "Durée en minutes"),
        )
        self.meeting_type = self.add_field(
            "meeting_type",
            QCoreApplication.translate("MeetingsPage", "Type de réunion :"),
            self.code_picker("TYPE_REUNION"),
        )
        self.subject = self.add_field(
            "subject",
            QCoreApplication.translate("MeetingsPage", "Objet :"),
            line_edit(
                meetings.SUBJECT_MAX, QCoreApplication.translate("MeetingsPage", "facultatif, sans nom de personne")
            ),
            QCoreApplication.translate("MeetingsPage", "Objet (facultatif)"),
        )
        self.partners = self.add_field(
            "partners",
            QCoreApplication.translate("MeetingsPage", "Partenaires présents :"),
            CheckList(visible_rows=5),
            QCoreApplication.translate("MeetingsPage", "Partenaires présents"),
        )
        self.partners.set_choices(referentiel_choices(self.ref, "TYPE_PARTENAIRE", self.language))
        self.dispositif = self.add_field(
            "dispositif", QCoreApplication.translate("MeetingsPage", "Dispositif :"), CodePicker(allow_empty=True)
        )
        self.mediators = self.add_field(
            "mediators", QCoreApplication.translate("MeetingsPage", "Médiateur(s) :"), CheckList(visible_rows=4)
        )

    def refresh_choices(self) -> None:
        self.mediators.set_choices(self.mediator_choices())
        self.dispositif.set_choices(self.dispositif_choices())

    def read_input(self) -> meetings.MeetingInput:
        if self.meeting_type.code() is None and self.meeting_type.currentText().strip():
            raise ValidationError(
                [
                    FieldError(
                        "meeting_type", QCoreApplication.translate("MeetingsPage", "choisissez un type dans la liste.")
                    )
                ]
            )
        return meetings.MeetingInput(
            date=to_date(self.date),
            duration_min=self.duration.value(),
            meeting_type=self.meeting_type.code() or "",
            subject=self.subject.text(),
            partner_types=tuple(self.partners.checked()),
            mediator_ids=tuple(uuid.UUID(m) for m in self.mediators.checked()),
            dispositif_id=uuid_or_none(self.dispositif.code()),
        )

    def fill_form(self, record: meetings.MeetingRecord | None) -> None:
        if record is None:
            set_date(self.date, dt.date.today())
            self.duration.setValue(120)
            self.meeting_type.set_code(None)
            self.subject.clear()
            self.partners.set_checked([])
            self.dispositif.set_code(None)
            user = self.context.user_id
            self.mediators.set_checked([str(user)] if user is not None else [])
            return
        data = record.data
        set_date(self.date, data.date)
        self.duration.setValue(data.duration_min)
        self.meeting_type.set_code(data.meeting_type)
        self.subject.setText(data.subject or "")
        self.partners.set_checked(list(data.partner_types))
        self.dispositif.set_code(str(data.dispositif_id) if data.dispositif_id else None)
        self.mediators.set_checked([str(m) for m in data.mediator_ids])

    def row_cells(self, record: meetings.MeetingRecord) -> list[str]:
        data = record.data
        return [
            french_date(data.date),
            self.ref.label("TYPE_REUNION", data.meeting_type, self.language),
            hours_text(data.duration_min),
            data.subject or "",
            ", ".join(record.mediators),
        ]

    def list_records(self, before: Any = None) -> list[meetings.MeetingRecord]:
        return meetings.list_meetings(self.context.db, limit=PAGE_ROWS, before=before)

    def create_record(self, data: meetings.MeetingInput) -> meetings.MeetingRecord:
        return meetings.record_meeting(self.context.db, data, actor_id=self.context.user_id)

    def update_record(self, record_id: uuid.UUID, data: meetings.MeetingInput) -> meetings.MeetingRecord:
        return meetings.update_meeting(self.context.db, record_id, data, actor_id=self.context.user_id)

    def remove_record(self, record_id: uuid.UUID) -> None:
        meetings.delete_meeting(self.context.db, record_id, actor_id=self.context.user_id)

    def get_record(self, record_id: uuid.UUID) -> meetings.MeetingRecord:
        return meetings.get_meeting(self.context.db, record_id)
