"""Page « Tournées » of the main window: présence active blocks (tournées, permanences) and the
interventions made during each block.

A block's end may be before its start: it then ends the next day (the form says so beside the
duration).  « Saisir une intervention pendant cette tournée » opens the entry page with the block named.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QPushButton, QSpinBox, QTableView, QVBoxLayout

from medios.services import activity_common, derive, drafts, presence
from medios.services.errors import FieldError, ValidationError

from medios.ui.activity_forms import (
    PAGE_ROWS,
    ActivityPage,
    CheckList,
    RecordsModel,
    date_edit,
    french_date,
    hours_text,
    line_edit,
    set_date,
    set_time,
    time_edit,
    to_date,
    to_time,
    uuid_or_none,
)
from medios.ui.pickers import CodePicker, string_choices
from medios.ui.widgets import set_secondary


class PresencePage(ActivityPage):
    draft_kind = drafts.PRESENCE

    error_aliases = {"start": "start_time", "end": "end_time", "dispositif": "dispositif", "presence_id": "linked"}

    @property
    def headers(self) -> list[str]:  # type: ignore[override]
        return [
            QCoreApplication.translate("PresencePage", "Date"),
            QCoreApplication.translate("PresencePage", "Horaires"),
            QCoreApplication.translate("PresencePage", "Type"),
            QCoreApplication.translate("PresencePage", "Médiateurs"),
            QCoreApplication.translate("PresencePage", "Interv."),
        ]

    def page_title(self) -> str:
        return QCoreApplication.translate("PresencePage", "Tournées et permanences")

    def list_name(self) -> str:
        return QCoreApplication.translate("PresencePage", "Liste des tournées et permanences")

    def empty_text(self) -> str:
        return QCoreApplication.translate(
            "PresencePage", "Aucune tournée enregistrée. Remplissez la fiche à droite puis Ctrl+S."
        )

    def new_text(self) -> str:
        return QCoreApplication.translate("PresencePage", "Nouvelle tournée")

    def saved_text(self) -> str:
        return QCoreApplication.translate("PresencePage", "Tournée enregistrée.")

    def heading_text(self, record: Any) -> str:
        if record is None:
            return QCoreApplication.translate("PresencePage", "Nouvelle tournée ou permanence")
        return QCoreApplication.translate("PresencePage", "Tournée du {date}").format(
            date=french_date(record.data.date)
        )

    # -- form ------------------------------------------------------------------------------------

    def build_form(self) -> None:
        self.date = self.add_field("date", QCoreApplication.translate("PresencePage", "Date :"), date_edit())
        self.start = self.add_field(
            "start_time",
            QCoreApplication.translate("PresencePage", "Début :"),
            time_edit(),
            QCoreApplication.translate("PresencePage", "Heure de début"),
        )
        self.end = self.add_field(
            "end_time",
            QCoreApplication.translate("PresencePage", "Fin :"),
            time_edit(),
            QCoreApplication.translate("PresencePage", "Heure de fin"),
        )
        self.duration = QLabel()
        set_secondary(self.duration)
        self.form.addRow(QCoreApplication.translate("PresencePage", "Durée :"), self.duration)
        self.start.timeChanged.connect(self._update_duration)
        self.end.timeChanged.connect(self._update_duration)
        self.presence_type = self.add_field(
            "presence_type",
            QCoreApplication.translate("PresencePage", "Type de présence :"),
            self.code_picker("TYPE_PRESENCE"),
        )
        self.site = self.add_field(
            "site", QCoreApplication.translate("PresencePage", "Site :"), CodePicker(allow_empty=True)
        )
        self.site.code_changed.connect(self._site_chosen)
        self.commune = self.add_field(
            "commune",
            QCoreApplication.translate("PresencePage", "Commune :"),
            line_edit(5, QCoreApplication.translate("PresencePage", "code INSEE, ex. 75056")),
            QCoreApplication.translate("PresencePage", "Commune (code INSEE)"),
        )
        self.qpv = self.add_field(
            "qpv",
            QCoreApplication.translate("PresencePage", "QPV :"),
            line_edit(8, QCoreApplication.translate("PresencePage", "QN…, HORS_QPV, ou vide")),
            QCoreApplication.translate("PresencePage", "QPV (facultatif)"),
        )
        self.dispositif = self.add_field(
            "dispositif", QCoreApplication.translate("PresencePage", "Dispositif :"), CodePicker(allow_empty=True)
        )
        self.mediators = self.add_field(
            "mediators", QCoreApplication.translate("PresencePage", "Médiateur(s) :"), CheckList(visible_rows=4)
        )
        contacts = QSpinBox()
        contacts.setRange(0, activity_common.COUNT_MAX)
        contacts.setToolTip(
            QCoreApplication.translate(
                "PresencePage", "Salutations et brefs échanges sans suite ; le reste est une intervention."
            )
        )
        self.contacts = self.add_field(
            "informal_contacts", QCoreApplication.translate("PresencePage", "Contacts informels :"), contacts
        )

    def build_below_form(self, column: QVBoxLayout) -> None:
        heading = QLabel(QCoreApplication.translate("PresencePage", "Interventions faites pendant cette tournée"))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.linked_model = RecordsModel(
            [
                QCoreApplication.translate("PresencePage", "Date"),
                QCoreApplication.translate("PresencePage", "Heure"),
                QCoreApplication.translate("PresencePage", "Durée"),
                QCoreApplication.translate("PresencePage", "Registre"),
                QCoreApplication.translate("PresencePage", "Issue"),
            ],
            self,
        )
        self.linked = QTableView()
        self.linked.setModel(self.linked_model)
        self.linked.setAccessibleName(
            QCoreApplication.translate("PresencePage", "Interventions faites pendant cette tournée")
        )
        self.linked.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.linked.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.linked.verticalHeader().setVisible(False)
        self.linked.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.linked.horizontalHeader().setStretchLastSection(True)
        self.linked.setMinimumHeight(110)
        self.linked.activated.connect(self._open_linked)
        self.linked.setToolTip(
            QCoreApplication.translate("PresencePage", "Entrée ou double-clic : ouvrir l'intervention")
        )
        self.linked_hint = QLabel()
        set_secondary(self.linked_hint)
        self.linked_hint.setWordWrap(True)
        self.add_intervention = QPushButton(
            QCoreApplication.translate("PresencePage", "Saisir une intervention pendant cette tournée")
        )
        self.add_intervention.setToolTip(
            QCoreApplication.translate("PresencePage", "Ouvre la saisie d'une intervention rattachée à ce bloc (Alt+I)")
        )
        self.add_intervention.setShortcut("Alt+I")
        self.add_intervention.clicked.connect(self.start_intervention)
        self.errors["linked"] = self.general_error
        column.addSpacing(12)
        column.addWidget(heading)
        column.addWidget(self.linked)
        column.addWidget(self.linked_hint)
        column.addWidget(self.add_intervention)

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

    def _update_duration(self) -> None:
        start, end = to_time(self.start), to_time(self.end)
        minutes = derive.block_duration(start, end)
        if minutes >= 24 * 60:
            self.duration.setText(QCoreApplication.translate("PresencePage", "indiquez une fin différente du début"))
        elif end < start:
            self.duration.setText(
                QCoreApplication.translate("PresencePage", "{duration}, fin le lendemain").format(
                    duration=hours_text(minutes)
                )
            )
        else:
            self.duration.setText(hours_text(minutes))

    def read_input(self) -> presence.PresenceInput:
        errors: list[FieldError] = []
        presence_type = self.presence_type.code()
        if presence_type is None and self.presence_type.currentText().strip():
            errors.append(
                FieldError(
                    "presence_type", QCoreApplication.translate("PresencePage", "choisissez un type dans la liste.")
                )
            )
        if errors:
            raise ValidationError(errors)
        return presence.PresenceInput(
            date=to_date(self.date),
            start_time=to_time(self.start),
            end_time=to_time(self.end),
            presence_type=presence_type or "",
            commune=self.commune.text().strip(),
            qpv=self.qpv.text().strip() or None,
            mediator_ids=tuple(uuid.UUID(m) for m in self.mediators.checked()),
            dispositif_id=uuid_or_none(self.dispositif.code()),
            site_id=uuid_or_none(self.site.code()),
            informal_contacts=self.contacts.value(),
        )

    def fill_form(self, record: presence.PresenceRecord | None) -> None:
        if record is None:
            now = dt.datetime.now()
            set_date(self.date, now.date())
            set_time(self.start, now.time().replace(minute=now.minute // 15 * 15))
            set_time(self.end, (now + dt.timedelta(hours=2)).time().replace(minute=now.minute // 15 * 15))
            self.presence_type.set_code(None)
            self.site.set_code(None)
            self.commune.clear()
            self.qpv.clear()
            self.dispositif.set_code(None)
            user = self.context.user_id
            self.mediators.set_checked([str(user)] if user is not None else [])
            self.contacts.setValue(0)
        else:
            data = record.data
            set_date(self.date, data.date)
            set_time(self.start, data.start_time)
            set_time(self.end, data.end_time)
            self.presence_type.set_code(data.presence_type)
            self.site.set_code(str(data.site_id) if data.site_id else None)
            self.commune.setText(data.commune)
            self.qpv.setText(data.qpv or "")
            self.dispositif.set_code(str(data.dispositif_id) if data.dispositif_id else None)
            self.mediators.set_checked([str(m) for m in data.mediator_ids])
            self.contacts.setValue(data.informal_contacts)
        self._update_duration()

    def record_changed(self, record: presence.PresenceRecord | None) -> None:
        self._refresh_linked()

    def _refresh_linked(self) -> None:
        self.linked.setVisible(self.current_id is not None)
        if self.current_id is None:
            self.linked_model.set_rows([])
            self.linked_hint.setText(
                QCoreApplication.translate(
                    "PresencePage", "Enregistrez d'abord la tournée ; les interventions faites pendant s'y rattachent."
                )
            )
            return
        rows = presence.linked_interventions(self.context.db, self.current_id)
        self.linked_model.set_rows(
            [
                (
                    [
                        french_date(i.date),
                        i.start_time.strftime("%H:%M"),
                        hours_text(i.duration_min),
                        self.ref.label("REGISTRE", i.registre, self.language),
                        self.ref.label("ISSUE", i.outcome, self.language),
                    ],
                    i,
                )
                for i in rows
            ]
        )
        self.linked_hint.setText(
            QCoreApplication.translate("PresencePage", "Aucune intervention rattachée pour l'instant.")
            if not rows
            else QCoreApplication.translate("PresencePage", "%n intervention(s) rattachée(s).", None, len(rows))
        )

    def refresh_list(self) -> None:
        super().refresh_list()
        if hasattr(self, "linked_model"):
            self._refresh_linked()

    def _open_linked(self, index: QModelIndex) -> None:
        item = self.linked_model.record(index.row())
        if item is not None:
            self.context.open_intervention(item.id)

    def start_intervention(self) -> None:
        """Open the entry page for an intervention made during this block (saved first if edited)."""
        if (self.dirty or self.current_id is None) and not self.save():
            return
        if self.current_id is not None:
            self.context.new_intervention(presence_id=self.current_id)

    # -- list and services ----------------------------------------------------------------------

    def row_cells(self, record: presence.PresenceRecord) -> list[str]:
        data = record.data
        hours = f"{data.start_time:%H:%M}–{data.end_time:%H:%M}"
        if record.crosses_midnight:
            hours += " (+1)"
        return [
            french_date(data.date),
            hours,
            self.ref.label("TYPE_PRESENCE", data.presence_type, self.language),
            ", ".join(record.mediators),
            str(record.interventions),
        ]

    def list_records(self, before: Any = None) -> list[presence.PresenceRecord]:
        return presence.list_presences(self.context.db, limit=PAGE_ROWS, before=before)

    def create_record(self, data: presence.PresenceInput) -> presence.PresenceRecord:
        return presence.record_presence(self.context.db, data, actor_id=self.context.user_id)

    def update_record(self, record_id: uuid.UUID, data: presence.PresenceInput) -> presence.PresenceRecord:
        return presence.update_presence(self.context.db, record_id, data, actor_id=self.context.user_id)

    def remove_record(self, record_id: uuid.UUID) -> None:
        presence.delete_presence(self.context.db, record_id, actor_id=self.context.user_id)

    def get_record(self, record_id: uuid.UUID) -> presence.PresenceRecord:
        return presence.get_presence(self.context.db, record_id)
