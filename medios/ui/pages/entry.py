"""Page « Saisie » of the main window: the intervention form, built for the keyboard (docs/saisie.md).

The tab order follows what changes at each entry, then what is remembered: registre, sous-registre,
lieu, durée, issue, publics, partenaires, then the details (motifs, origine, modalité, tension, domaine,
accord) and « quand et où » (date, heure, dispositif, commune, QPV, site), « suite de », notes.  Ctrl+S
saves from any field, Ctrl+Entrée saves and opens a new form keeping date, dispositif and territory,
Échap cancels (with a confirmation when something was typed).

Nothing typed is lost: the form writes its content as a draft in the database
(:mod:`medios.services.drafts`, through the :class:`~medios.ui.drafts.DraftKeeper` every form shares)
half a second after the last change and when the window closes; the draft is deleted after a save or a
confirmed cancel, and offered back at the next start (:meth:`EntryPage.offer_draft`).

The last dispositif, commune, QPV, site and place are remembered **per user** in the preferences of this
computer (key ``entry/<user id>/last``): a convenience of the window, not data of the structure.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QIntValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from medios.referentiel import active
from medios.services import drafts
from medios.services import entry as entry_service
from medios.services import interventions as iv
from medios.services.errors import FieldError, NotFoundError, ValidationError
from medios.services.rules import (
    NOTES_HINT,
    NOTES_MAX,
    PublicCount,
    check_commune,
    check_duration,
    check_qpv,
    notes_warnings,
)

from medios.ui import msgbox
from medios.ui.drafts import DraftKeeper
from medios.ui.entry.lists import MotifsEditor, PartnersEditor
from medios.ui.entry.publics import PublicsEditor
from medios.ui.pages import Page, PageContext
from medios.ui.pickers import Choice, CodePicker, referentiel_choices, string_choices
from medios.ui.widgets import ErrorLabel, WrappedLabel, set_secondary, set_tone

QUICK_DURATIONS = (5, 10, 15, 30, 45, 60)
RECENT_LIMIT = entry_service.RECENT_LIMIT


def last_used_key(user_id: uuid.UUID | None) -> str:
    return f"entry/{user_id or 'anonyme'}/last"


class EntryPage(Page):
    """The intervention form (see the module's docstring)."""

    saved = Signal(object)  # the InterventionRecord written

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.ref = active()
        self.choices = entry_service.entry_choices(context.db)
        self.editing: uuid.UUID | None = None
        self.presence_id: uuid.UUID | None = None
        self._loading = False
        self.dirty = False
        self._just_restored = False
        self.errors: dict[str, ErrorLabel] = {}
        self.drafts = DraftKeeper(context, drafts.INTERVENTION, self.payload, target=self._draft_target, parent=self)
        self._build()
        self._connect_changes()
        self._start_new()

    # -- building -------------------------------------------------------------------------------

    def _picker(self, vocab: str, name: str, tip: str, *, allow_empty: bool = False) -> CodePicker:
        picker = CodePicker(allow_empty=allow_empty)
        picker.set_choices(referentiel_choices(self.ref, vocab))
        picker.setAccessibleName(name)
        picker.setToolTip(tip)
        return picker

    def _row(self, form: QFormLayout, label: str, widget: QWidget, field: str) -> None:
        text = QLabel(label)
        text.setBuddy(widget)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = ErrorLabel()
        error.setObjectName(f"error_{field}")
        column.addWidget(error)
        self.errors[field] = error
        form.addRow(text, box)

    def _build(self) -> None:
        self.title = QLabel(self.tr("Nouvelle intervention"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.presence_label = QLabel()
        set_secondary(self.presence_label)
        self.presence_label.setVisible(False)

        # -- l'essentiel
        self.registre = self._picker(
            "REGISTRE", self.tr("Registre"), self.tr("Tapez une partie du code ou du libellé (« conf », « veille »…).")
        )
        self.sub_registre = CodePicker(allow_empty=True)
        self.sub_registre.setAccessibleName(self.tr("Sous-registre"))
        self.sub_registre.setToolTip(self.tr("Facultatif ; seulement pour les registres qui en ont."))
        self.place = self._picker(
            "LIEU", self.tr("Lieu"), self.tr("« esc » trouve « Parties communes (hall, escalier…) ».")
        )
        self.duration = QLineEdit()
        self.duration.setValidator(QIntValidator(0, 9999, self.duration))
        self.duration.setAccessibleName(self.tr("Durée en minutes"))
        self.duration.setPlaceholderText(self.tr("minutes"))
        self.duration.setToolTip(self.tr("Durée en minutes (1 à 720) ; Alt+1 à Alt+6 : 5, 10, 15, 30, 45 ou 60 min."))
        self.duration_buttons: list[QToolButton] = []
        duration_box = QWidget()
        duration_row = QHBoxLayout(duration_box)
        duration_row.setContentsMargins(0, 0, 0, 0)
        duration_row.addWidget(self.duration, 1)
        for number, minutes in enumerate(QUICK_DURATIONS, start=1):
            button = QToolButton()
            button.setText(str(minutes))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            shortcut = QKeySequence(f"Alt+{number}")
            # A QShortcut, not the button's own (which clicks after a 100 ms animation): the next key may follow at once.
            quick = QShortcut(shortcut, self)
            quick.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            quick.activated.connect(lambda m=minutes: self._quick_duration(m))
            native = shortcut.toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(self.tr("%1 minutes (%2)").replace("%1", str(minutes)).replace("%2", native))
            button.setAccessibleName(self.tr("%1 minutes").replace("%1", str(minutes)))
            button.clicked.connect(lambda _checked=False, m=minutes: self._quick_duration(m))
            duration_row.addWidget(button)
            self.duration_buttons.append(button)
        self.outcome = self._picker("ISSUE", self.tr("Issue"), self.tr("« apa » trouve « Situation apaisée »."))

        essentials = QGroupBox(self.tr("L'intervention"))
        form = QFormLayout(essentials)
        self._row(form, self.tr("&Registre"), self.registre, "registre")
        self._row(form, self.tr("Sous-re&gistre"), self.sub_registre, "sub_registre")
        self._row(form, self.tr("&Lieu"), self.place, "place")
        self._row(form, self.tr("D&urée (min)"), duration_box, "duration_min")
        self._row(form, self.tr("&Issue"), self.outcome, "outcome")

        # -- publics and partners
        self.publics = PublicsEditor(self.ref)
        publics_box = QGroupBox(self.tr("Publics concernés"))
        publics_layout = QVBoxLayout(publics_box)
        publics_layout.addWidget(self.publics)
        self.errors["publics"] = ErrorLabel()
        publics_layout.addWidget(self.errors["publics"])
        self.partners = PartnersEditor(self.ref, self.choices.partners)
        partners_box = QGroupBox(self.tr("Partenaires mobilisés"))
        partners_layout = QVBoxLayout(partners_box)
        partners_layout.addWidget(self.partners)
        self.errors["partners"] = ErrorLabel()
        partners_layout.addWidget(self.errors["partners"])

        # -- signalement technique (registre VTEC)
        self.signal_box = QGroupBox(self.tr("Signalement technique"))
        signal_form = QFormLayout(self.signal_box)
        self.signal_type = self._picker(
            "TYPE_VEILLE_TECH", self.tr("Type de signalement"), self.tr("Le défaut constaté.")
        )
        self.signal_recipient = self._picker(
            "TYPE_PARTENAIRE", self.tr("Destinataire du signalement"), self.tr("À qui le signalement est transmis.")
        )
        self.signal_treated = self._picker("TRAITE", self.tr("Signalement traité"), self.tr("Oui, non ou inconnu."))
        self.signal_treated.set_code("INCONNU")
        self._row(signal_form, self.tr("T&ype"), self.signal_type, "signal_type")
        self._row(signal_form, self.tr("Destinataire"), self.signal_recipient, "recipient_type")
        self._row(signal_form, self.tr("Traité"), self.signal_treated, "treated")
        self.signal_box.setVisible(False)

        # -- détails
        self.motifs = MotifsEditor(self.ref)
        self.origin = self._picker("ORIGINE", self.tr("Origine"), self.tr("Qui a demandé l'intervention."))
        self.modality = self._picker(
            "MODALITE", self.tr("Modalité"), self.tr("Face-à-face, groupe, entre parties, à distance.")
        )
        self.tension = self._picker(
            "NIVEAU_TENSION", self.tr("Niveau de tension"), self.tr("1 faible, 2 conflit, 3 danger.")
        )
        self.domain = self._picker("DOMAINE", self.tr("Domaine"), self.tr("Pré-rempli par le dispositif."))
        self.consent = self._picker(
            "CONSENTEMENT",
            self.tr("Accord de la personne"),
            self.tr("Demandé pour une orientation vers un partenaire."),
        )
        details = QGroupBox(self.tr("Détails"))
        details_form = QFormLayout(details)
        self._row(details_form, self.tr("&Motifs"), self.motifs, "motifs")
        self._row(details_form, self.tr("Origi&ne"), self.origin, "origin")
        self._row(details_form, self.tr("Mo&dalité"), self.modality, "modality")
        self._row(details_form, self.tr("Ten&sion"), self.tension, "tension")
        self._row(details_form, self.tr("Domain&e"), self.domain, "domain")
        self._row(details_form, self.tr("A&ccord"), self.consent, "consent")

        # -- quand et où
        self.date = QDateEdit()
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setCalendarPopup(True)
        self.date.setAccessibleName(self.tr("Date"))
        self.date.setToolTip(self.tr("Date de l'intervention (aujourd'hui par défaut)."))
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName(self.tr("Heure de début"))
        self.time.setToolTip(self.tr("Heure de début (maintenant par défaut)."))
        self.dispositif = CodePicker(allow_empty=True)
        self.dispositif.set_choices(string_choices([(str(d.id), d.name) for d in self.choices.dispositifs]))
        self.dispositif.setAccessibleName(self.tr("Dispositif"))
        self.dispositif.setToolTip(self.tr("Le dernier utilisé est repris."))
        self.commune = CodePicker()
        self._commune_choices(None)
        self.commune.setAccessibleName(self.tr("Commune (code INSEE)"))
        self.commune.setToolTip(self.tr("Une commune de la liste des territoires, ou son code INSEE à 5 caractères."))
        self.qpv = CodePicker(allow_empty=True)
        self._qpv_choices(None)
        self.qpv.setAccessibleName(self.tr("Quartier prioritaire (QPV)"))
        self.qpv.setToolTip(self.tr("« — » : non renseigné ; « Hors QPV » ; ou un code QN suivi de 6 caractères."))
        self.site = CodePicker(allow_empty=True)
        self.site.set_choices(string_choices([(str(s.id), s.name) for s in self.choices.sites]))
        self.site.setAccessibleName(self.tr("Site"))
        self.site.setToolTip(self.tr("Un site nommé pré-remplit le lieu, la commune et le QPV."))
        where = QGroupBox(self.tr("Quand et où"))
        where_form = QFormLayout(where)
        self._row(where_form, self.tr("Da&te"), self.date, "date")
        self._row(where_form, self.tr("&Heure"), self.time, "start_time")
        self._row(where_form, self.tr("Dispositif"), self.dispositif, "dispositif")
        self._row(where_form, self.tr("Commune"), self.commune, "commune")
        self._row(where_form, self.tr("&QPV"), self.qpv, "qpv")
        self._row(where_form, self.tr("Site"), self.site, "site")

        # -- suite d'une situation, notes
        self.follow_up = CodePicker(allow_empty=True)
        self.follow_up.setAccessibleName(self.tr("Suite d'une situation"))
        self.follow_up.setToolTip(
            self.tr(
                "Tapez une date (jj/mm), un registre, un lieu ou une commune pour trouver la première intervention."
            )
        )
        others = QGroupBox(self.tr("Suite et observations"))
        others_form = QFormLayout(others)
        self._row(others_form, self.tr("Suite de"), self.follow_up, "follow_up_of")
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName(self.tr("Observations"))
        self.notes.setToolTip(self.tr("Texte libre, %1 caractères au plus.").replace("%1", str(NOTES_MAX)))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(self.notes.fontMetrics().height() * 5)
        self.notes_hint = WrappedLabel()
        self.notes_hint.setText(QCoreApplication.translate("Rules", NOTES_HINT))
        set_secondary(self.notes_hint)
        self.notes_warnings = WrappedLabel()
        set_tone(self.notes_warnings, "warning")
        notes_box = QWidget()
        notes_column = QVBoxLayout(notes_box)
        notes_column.setContentsMargins(0, 0, 0, 0)
        notes_column.addWidget(self.notes_hint)
        notes_column.addWidget(self.notes)
        notes_column.addWidget(self.notes_warnings)
        self._row(others_form, self.tr("O&bservations"), notes_box, "notes")
        enabled = self.choices.notes_enabled
        for widget in (self.notes, self.notes_hint, self.notes_warnings):
            widget.setVisible(enabled)
        others_form.setRowVisible(1, enabled)

        # -- buttons
        self.general_error = ErrorLabel()
        self.save_button = QPushButton(self.tr("Enregistrer"))
        self.save_next_button = QPushButton(self.tr("Enregistrer et nouvelle"))
        self.cancel_button = QPushButton(self.tr("Annuler"))
        keys = {
            self.save_button: (QKeySequence("Ctrl+S"), self.tr("Enregistrer l'intervention")),
            self.save_next_button: (QKeySequence("Ctrl+Return"), self.tr("Enregistrer et saisir la suivante")),
            self.cancel_button: (QKeySequence("Escape"), self.tr("Abandonner cette saisie")),
        }
        for push, (keys_of, tip) in keys.items():
            native = keys_of.toString(QKeySequence.SequenceFormat.NativeText)
            push.setToolTip(f"{tip} ({native})")
            push.setAccessibleName(tip)
        self.save_button.clicked.connect(lambda: self.save())
        self.save_next_button.clicked.connect(lambda: self.save(start_new=True))
        self.cancel_button.clicked.connect(self.cancel)
        self.shortcuts: list[QShortcut] = []
        for text, slot in (
            ("Ctrl+S", lambda: self.save()),
            ("Ctrl+Return", lambda: self.save(start_new=True)),
            ("Ctrl+Enter", lambda: self.save(start_new=True)),
            ("Escape", self.cancel),
        ):
            key = QShortcut(QKeySequence(text), self)
            key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            key.activated.connect(slot)
            self.shortcuts.append(key)

        # -- layout: two columns in a scroll area, the buttons always visible
        left = QVBoxLayout()
        left.addWidget(essentials)
        left.addWidget(publics_box)
        left.addWidget(partners_box)
        left.addWidget(self.signal_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(details)
        right.addWidget(where)
        right.addWidget(others)
        right.addStretch(1)
        body = QWidget()
        columns = QGridLayout(body)
        columns.addLayout(left, 0, 0)
        columns.addLayout(right, 0, 1)
        columns.setColumnStretch(0, 1)
        columns.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        buttons = QHBoxLayout()
        buttons.addWidget(self.general_error, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_next_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.presence_label)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

        chain: list[QWidget] = [
            self.registre,
            self.sub_registre,
            self.place,
            self.duration,
            self.outcome,
            self.publics.type_picker,
            self.publics.grid,
        ]
        for partner, role in self.partners.rows:
            chain += [partner, role]
        chain += [
            self.signal_type,
            self.signal_recipient,
            self.signal_treated,
            self.motifs.picker,
            self.motifs.chosen,
            self.origin,
            self.modality,
            self.tension,
            self.domain,
            self.consent,
            self.date,
            self.time,
            self.dispositif,
            self.commune,
            self.qpv,
            self.site,
            self.follow_up,
            self.notes,
            self.save_button,
            self.save_next_button,
            self.cancel_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._narrow_pickers()

    def _narrow_pickers(self) -> None:
        """Combo boxes as wide as their column, not as their longest label (the page fits 1000 x 680)."""
        for picker in self.findChildren(CodePicker):
            picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            picker.setMinimumContentsLength(10)
            # A set minimum width wins over the hint, which Qt computed (and keeps) from the longest label.
            picker.setMinimumWidth(picker.fontMetrics().horizontalAdvance("x") * 16)

    def _commune_choices(self, extra: str | None) -> None:
        known = [Choice(c.code, f"{c.label} ({c.code})") for c in self.choices.communes]
        codes = {c.code for c in known}
        for code in (self.choices.hq_commune, extra):
            if code and code not in codes:
                known.append(Choice(code, code))
                codes.add(code)
        self.commune.set_choices(known)

    def _qpv_choices(self, extra: str | None) -> None:
        known = [Choice("HORS_QPV", self.tr("Hors QPV"))]
        known += [Choice(q.code, f"{q.label} ({q.code})") for q in self.choices.qpvs]
        if extra and extra not in {c.code for c in known}:
            known.append(Choice(extra, extra))
        self.qpv.set_choices(known)

    def _connect_changes(self) -> None:
        pickers = [
            self.registre,
            self.sub_registre,
            self.place,
            self.outcome,
            self.signal_type,
            self.signal_recipient,
            self.signal_treated,
            self.origin,
            self.modality,
            self.tension,
            self.domain,
            self.consent,
            self.dispositif,
            self.commune,
            self.qpv,
            self.site,
            self.follow_up,
        ]
        for picker in pickers:
            picker.code_changed.connect(self._changed)
            picker.lineEdit().textEdited.connect(self._changed)
        for signal in (
            self.duration.textChanged,
            self.date.dateChanged,
            self.time.timeChanged,
            self.notes.textChanged,
            self.publics.changed,
            self.partners.changed,
            self.motifs.changed,
        ):
            signal.connect(self._changed)
        self.registre.code_changed.connect(self._registre_chosen)
        self.dispositif.code_changed.connect(self._dispositif_chosen)
        self.site.code_changed.connect(self._site_chosen)
        self.notes.textChanged.connect(self._notes_changed)
        self.duration.editingFinished.connect(self._check_duration)
        self.commune.code_changed.connect(lambda _c: self._check_territory())
        self.qpv.code_changed.connect(lambda _c: self._check_territory())
        self.commune.lineEdit().editingFinished.connect(self._check_territory)
        self.qpv.lineEdit().editingFinished.connect(self._check_territory)

    # -- reactions ------------------------------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        if self._loading:
            return
        self.dirty = True
        self.drafts.touch()

    def _quick_duration(self, minutes: int) -> None:
        self.duration.setText(str(minutes))
        self.errors["duration_min"].clear_error()

    def _registre_chosen(self, code: object) -> None:
        registre = code if isinstance(code, str) else None
        children = referentiel_choices(self.ref, "SOUS_REGISTRE", parent=registre) if registre else []
        # Always enabled: a field disabled while the registre is typed would change where Tab goes.
        self.sub_registre.set_choices(children)
        self.signal_box.setVisible(registre == "VTEC")

    def _dispositif_chosen(self, code: object) -> None:
        if self._loading or not isinstance(code, str):
            return
        for dispositif in self.choices.dispositifs:
            if str(dispositif.id) == code:
                self.domain.set_code(dispositif.main_domain)

    def _site_chosen(self, code: object) -> None:
        if self._loading or not isinstance(code, str):
            return
        for site in self.choices.sites:
            if str(site.id) == code:
                self.place.set_code(site.place)
                self._commune_choices(site.commune)
                self.commune.set_code(site.commune)
                self._qpv_choices(site.qpv)
                self.qpv.set_code(site.qpv)

    def _notes_changed(self) -> None:
        text = self.notes.toPlainText()
        warnings = notes_warnings(text) if text else []
        self.notes_warnings.setText("\n".join(warnings))
        self.notes_warnings.setVisible(bool(warnings) and self.choices.notes_enabled)

    def _check_duration(self) -> None:
        errors: list[FieldError] = []
        text = self.duration.text().strip()
        if text:
            check_duration(errors, int(text))
        self._show_field_errors("duration_min", errors)

    def _check_territory(self) -> None:
        if self._loading:
            return
        errors: list[FieldError] = []
        code = free_code(self.commune)
        if code is not None:
            check_commune(errors, code)
        self._show_field_errors("commune", errors)
        errors = []
        check_qpv(errors, free_code(self.qpv))
        self._show_field_errors("qpv", errors)

    def _show_field_errors(self, field: str, errors: list[FieldError]) -> None:
        label = self.errors[field]
        if errors:
            label.show_error(" ".join(e.message for e in errors))
        else:
            label.clear_error()

    # -- opening --------------------------------------------------------------------------------

    def _remembered(self) -> dict[str, Any]:
        raw = self.context.preferences.value(last_used_key(self.context.user_id), "")
        try:
            value = json.loads(str(raw or "{}"))
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def _remember(self) -> None:
        last = {
            "dispositif": self.dispositif.code(),
            "commune": free_code(self.commune),
            "qpv": free_code(self.qpv),
            "site": self.site.code(),
            "place": self.place.code(),
            "domain": self.domain.code(),
        }
        self.context.preferences.setValue(last_used_key(self.context.user_id), json.dumps(last))
        self.context.preferences.sync()

    def _clear(self) -> None:
        for label in self.errors.values():
            label.clear_error()
        self.general_error.clear_error()
        for picker in (self.registre, self.place, self.outcome, self.signal_type, self.signal_recipient):
            picker.set_code(None)
        self._registre_chosen(None)
        self.signal_treated.set_code("INCONNU")
        for picker in (self.origin, self.modality, self.tension, self.consent):
            picker.set_code("NR")
        self.duration.clear()
        self.publics.set_publics([])
        self.partners.set_rows([])
        self.motifs.set_motifs([])
        self.notes.clear()
        self.follow_up.set_code(None)

    def _load_follow_ups(self, keep: uuid.UUID | None = None) -> None:
        situations = entry_service.recent_situations(self.context.db, exclude=self.editing)
        choices = [
            Choice(
                str(s.id),
                f"{s.date:%d/%m/%Y} {s.start_time:%H:%M} — {self.ref.label('REGISTRE', s.registre)}"
                f" — {self.ref.label('LIEU', s.place)} — {s.commune}",
            )
            for s in situations
        ]
        if keep is not None and str(keep) not in {c.code for c in choices}:
            choices.insert(0, Choice(str(keep), self.tr("Intervention liée (plus ancienne)")))
        self.follow_up.set_choices(choices, keep_code=False)

    def _may_discard(self) -> bool:
        """Before replacing the form's content: ask when something was typed (its draft goes if yes)."""
        if not self.dirty:
            return True
        if not msgbox.question(
            self, self.tr("Une saisie est en cours. L'abandonner ?"), self.tr("Non : vous la retrouvez telle quelle.")
        ):
            return False
        self.drafts.discard()
        return True

    def new_intervention(self, presence_id: uuid.UUID | None = None) -> None:
        """A fresh form (the window's « new intervention », from a tournée with ``presence_id``).

        When the page, coming on screen for this request, has just offered a pending draft and the user
        took it back, that answer stands: the restored form stays, without a second question.
        """
        if self._just_restored:
            self._just_restored = False
            self.context.show_status(
                self.tr(
                    "Saisie reprise : enregistrez-la (Ctrl+S) ou annulez-la (Échap) avant d'en commencer une autre."
                )
            )
            return
        if self._may_discard():
            self._start_new(presence_id)

    def _start_new(self, presence_id: uuid.UUID | None = None, *, keep: bool = False) -> None:
        """A fresh form; ``keep``: keep date, dispositif and territory (Ctrl+Entrée)."""
        self._loading = True
        try:
            kept = (
                self.date.date(),
                self.dispositif.code(),
                free_code(self.commune),
                free_code(self.qpv),
                self.site.code(),
            )
            self.editing = None
            self.presence_id = presence_id
            self.title.setText(self.tr("Nouvelle intervention"))
            self._clear()
            now = dt.datetime.now()
            self.time.setTime(QTime(now.hour, now.minute))
            if keep:
                self.date.setDate(kept[0])
                self.dispositif.set_code(kept[1])
                self._commune_choices(kept[2])
                self.commune.set_code(kept[2])
                self._qpv_choices(kept[3])
                self.qpv.set_code(kept[3])
                self.site.set_code(kept[4])
            else:
                self.date.setDate(QDate(now.year, now.month, now.day))
                last = self._remembered()
                dispositif = last.get("dispositif")
                if dispositif is None and len(self.choices.dispositifs) == 1:
                    dispositif = str(self.choices.dispositifs[0].id)
                self.dispositif.set_code(dispositif)
                commune = last.get("commune") or self.choices.hq_commune
                self._commune_choices(commune)
                self.commune.set_code(commune)
                self._qpv_choices(last.get("qpv"))
                self.qpv.set_code(last.get("qpv"))
                self.site.set_code(last.get("site"))
                self.place.set_code(last.get("place"))
            domain = self._default_domain()
            self.domain.set_code(domain)
            self._load_follow_ups()
            self._show_presence()
        finally:
            self._loading = False
        self.dirty = False
        self.registre.setFocus()

    def _default_domain(self) -> str | None:
        code = self.dispositif.code()
        for dispositif in self.choices.dispositifs:
            if str(dispositif.id) == code:
                return dispositif.main_domain
        domain = self._remembered().get("domain")
        return domain if isinstance(domain, str) else None

    def _show_presence(self) -> None:
        self.presence_label.setVisible(self.presence_id is not None)
        if self.presence_id is not None:
            self.presence_label.setText(self.tr("Pendant une tournée ou permanence"))

    def edit_intervention(self, intervention_id: uuid.UUID) -> None:
        """Load an existing intervention (from the journal) to correct it."""
        if not self._may_discard():
            return
        try:
            record = iv.get_intervention(self.context.db, intervention_id, actor_id=self.context.user_id)
        except NotFoundError as exc:
            msgbox.warning(self, str(exc))
            return
        except ValidationError as exc:  # another mediator's: the services refuse it
            msgbox.warning(self, "\n".join(error.message for error in exc.errors))
            return
        self._loading = True
        try:
            self._clear()
            self.editing = record.id
            self.title.setText(self.tr("Modifier l'intervention"))
            payload = _payload_of(record.data)
            payload["partners"] = [[self.partners.code_of(p), p.role] for p in record.data.partners]
            self.apply({**payload, "editing": str(record.id)})
        finally:
            self._loading = False
        self.dirty = False
        self.registre.setFocus()

    # -- the form as data -----------------------------------------------------------------------

    def payload(self) -> dict[str, Any]:
        """Everything the form holds, as JSON-ready values (the draft, and the input of a save)."""
        return {
            "editing": str(self.editing) if self.editing else None,
            "presence_id": str(self.presence_id) if self.presence_id else None,
            "date": self.date.date().toString("yyyy-MM-dd"),
            "start_time": self.time.time().toString("HH:mm"),
            "duration": self.duration.text(),
            "registre": self.registre.code(),
            "sub_registre": self.sub_registre.code(),
            "place": self.place.code(),
            "outcome": self.outcome.code(),
            "domain": self.domain.code(),
            "origin": self.origin.code(),
            "modality": self.modality.code(),
            "tension": self.tension.code(),
            "consent": self.consent.code(),
            "motifs": list(self.motifs.motifs()),
            "publics": [[p.public_type, p.age_band, p.sex, p.count] for p in self.publics.publics()],
            "partners": self.partners.raw(),
            "dispositif": self.dispositif.code(),
            "commune": free_code(self.commune),
            "qpv": free_code(self.qpv),
            "site": self.site.code(),
            "follow_up_of": self.follow_up.code(),
            "notes": self.notes.toPlainText(),
            "signalement": [self.signal_type.code(), self.signal_recipient.code(), self.signal_treated.code()],
        }

    def apply(self, payload: dict[str, Any]) -> None:
        """Fill the form from :meth:`payload`'s shape (a draft, or a stored record)."""
        was_loading, self._loading = self._loading, True
        try:
            self.editing = _uuid(payload.get("editing"))
            self.presence_id = _uuid(payload.get("presence_id"))
            day = QDate.fromString(str(payload.get("date") or ""), "yyyy-MM-dd")
            if day.isValid():
                self.date.setDate(day)
            start = QTime.fromString(str(payload.get("start_time") or ""), "HH:mm")
            if start.isValid():
                self.time.setTime(start)
            self.duration.setText(str(payload.get("duration") or ""))
            self.registre.set_code(payload.get("registre"))
            self._registre_chosen(self.registre.code())
            self.sub_registre.set_code(payload.get("sub_registre"))
            for picker, key in (
                (self.place, "place"),
                (self.outcome, "outcome"),
                (self.domain, "domain"),
                (self.origin, "origin"),
                (self.modality, "modality"),
                (self.tension, "tension"),
                (self.consent, "consent"),
                (self.dispositif, "dispositif"),
                (self.site, "site"),
            ):
                picker.set_code(payload.get(key))
            self._qpv_choices(payload.get("qpv"))
            self.qpv.set_code(payload.get("qpv"))
            commune = payload.get("commune")
            self._commune_choices(commune)
            self.commune.set_code(commune)
            self.motifs.set_motifs([str(m) for m in payload.get("motifs") or []])
            self.publics.set_publics(
                [PublicCount(str(t), str(a), str(s), int(n)) for t, a, s, n in payload.get("publics") or []]
            )
            self.partners.set_rows([list(row) for row in payload.get("partners") or []])
            follow = _uuid(payload.get("follow_up_of"))
            self._load_follow_ups(keep=follow)
            self.follow_up.set_code(str(follow) if follow else None)
            self.notes.setPlainText(str(payload.get("notes") or ""))
            signal = payload.get("signalement") or [None, None, "INCONNU"]
            self.signal_type.set_code(signal[0])
            self.signal_recipient.set_code(signal[1])
            self.signal_treated.set_code(signal[2] or "INCONNU")
            self.title.setText(self.tr("Modifier l'intervention") if self.editing else self.tr("Nouvelle intervention"))
            self._show_presence()
        finally:
            self._loading = was_loading

    def _input(self) -> iv.InterventionInput:
        """The service's input; raises :class:`ValidationError` for what the form itself can tell."""
        for picker in self.findChildren(CodePicker):
            picker.commit()
        errors: list[FieldError] = []
        duration_text = self.duration.text().strip()
        if not duration_text:
            errors.append(FieldError("duration_min", self.tr("valeur obligatoire.")))
        required = {
            "registre": self.registre,
            "place": self.place,
            "outcome": self.outcome,
            "domain": self.domain,
        }
        for field, picker in required.items():
            if picker.code() is None:
                message = self.tr("valeur obligatoire.")
                if picker.currentText().strip():
                    message = self.tr("« %1 » ne correspond à aucun choix de la liste.").replace(
                        "%1", picker.currentText().strip()
                    )
                errors.append(FieldError(field, message))
        if free_code(self.commune) is None:
            errors.append(FieldError("commune", self.tr("valeur obligatoire.")))
        user = self.context.user_id
        if user is None:
            errors.append(FieldError("mediators", self.tr("aucun médiateur n'est enregistré dans la structure.")))
        if errors:
            raise ValidationError(errors)
        d = self.date.date()
        t = self.time.time()
        notes = self.notes.toPlainText().strip() if self.choices.notes_enabled else ""
        site = self.site.code()
        dispositif = self.dispositif.code()
        follow = self.follow_up.code()
        return iv.InterventionInput(
            date=dt.date(d.year(), d.month(), d.day()),
            start_time=dt.time(t.hour(), t.minute()),
            duration_min=int(duration_text),
            commune=str(free_code(self.commune)),
            qpv=free_code(self.qpv),
            place=str(self.place.code()),
            registre=str(self.registre.code()),
            sub_registre=self.sub_registre.code(),
            domain=str(self.domain.code()),
            outcome=str(self.outcome.code()),
            origin=self.origin.code() or "NR",
            modality=self.modality.code() or "NR",
            tension=self.tension.code() or "NR",
            consent=self.consent.code() or "NR",
            motifs=self.motifs.motifs(),
            publics=self.publics.publics(),
            partners=self.partners.partners(),
            notes=notes or None,
            mediator_ids=(user,) if user is not None else (),
            dispositif_id=uuid.UUID(dispositif) if dispositif else None,
            site_id=uuid.UUID(site) if site else None,
            follow_up_of=uuid.UUID(follow) if follow else None,
            presence_id=self.presence_id,
            signalements=self._signalements(),
        )

    def _signalements(self) -> tuple[iv.TechSignal, ...]:
        """The technical signalement, when the registre is VTEC and a defect type is chosen."""
        kind = self.signal_type.code()
        if self.registre.code() != iv.SIGNALEMENT_REGISTRE or kind is None:
            return ()
        recipient = self.signal_recipient.code()
        if recipient is None:
            raise ValidationError([FieldError("recipient_type", self.tr("valeur obligatoire."))])
        return (iv.TechSignal(kind, recipient, self.signal_treated.code() or "INCONNU"),)

    # -- actions --------------------------------------------------------------------------------

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        for label in self.errors.values():
            label.clear_error()
        self.general_error.clear_error()
        messages: dict[str, list[str]] = {}
        for error in errors:
            field = error.field.split("[")[0].split(".")[0]
            if field == "dispositif_id":
                field = "dispositif"
            if field == "signalements":
                field = error.field.rsplit(".", 1)[-1] if "." in error.field else "signal_type"
            messages.setdefault(field if field in self.errors else "", []).append(error.message)
        for field, texts in messages.items():
            if field:
                self.errors[field].show_error(" ".join(texts))
        general = messages.get("")
        if general:
            self.general_error.show_error(" ".join(general))
        else:
            self.general_error.show_error(
                self.tr("L'intervention n'est pas enregistrée : corrigez les champs en rouge.")
            )
        first = next((f for f in messages if f), None)
        widget = {"duration_min": self.duration}.get(first or "", getattr(self, first or "", None))
        if isinstance(widget, QWidget) and widget.isVisibleTo(self):
            widget.setFocus()

    def save(self, *, start_new: bool = False) -> iv.InterventionRecord | None:
        """Validate and write (one service call); ``start_new``: then a new form keeping date and territory."""
        try:
            data = self._input()
            if self.editing is not None:
                record = iv.update_intervention(self.context.db, self.editing, data, actor_id=self.context.user_id)
            else:
                record = iv.record_intervention(self.context.db, data, actor_id=self.context.user_id)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return None
        was_edit = self.editing is not None
        self.drafts.discard()
        self._remember()
        self.context.data_changed.emit()
        self.context.show_status(
            self.tr("Intervention modifiée.") if was_edit else self.tr("Intervention enregistrée.")
        )
        self.saved.emit(record)
        self._start_new(keep=start_new)
        return record

    def cancel(self) -> None:
        """Échap: abandon the entry (after a confirmation when something was typed)."""
        if self.dirty and not msgbox.question(
            self, self.tr("Abandonner cette saisie ?"), self.tr("Ce qui a été tapé sera perdu.")
        ):
            return
        self.drafts.discard()
        self._start_new()

    # -- drafts ---------------------------------------------------------------------------------

    def _draft_target(self) -> uuid.UUID | None:
        return self.editing

    def save_draft(self) -> None:
        """Write the form's content as the user's draft now (when something was typed)."""
        if self.dirty:
            self.drafts.save()

    def pending_draft(self) -> drafts.DraftRecord | None:
        """The current user's draft left by an earlier session (the window may ask at start)."""
        return self.drafts.pending()

    def restore_draft(self, draft: drafts.DraftRecord) -> None:
        self._clear()
        self.apply(draft.payload)
        self.dirty = True
        self.registre.setFocus()

    def offer_draft(self) -> bool:
        """Offer the user's pending draft back; ``True`` if restored.  A refused draft is deleted."""
        draft = self.drafts.offer(
            self,
            self.tr("Une saisie non enregistrée a été retrouvée (%1). La reprendre ?"),
            self.tr("Non : elle sera supprimée."),
        )
        if draft is None:
            return False
        self.restore_draft(draft)
        self._just_restored = True  # a « new intervention » asked in the same breath keeps it (no 2nd question)
        QTimer.singleShot(0, self._settle_restore)
        return True

    def _settle_restore(self) -> None:
        self._just_restored = False

    # -- page protocol --------------------------------------------------------------------------

    def activated(self) -> None:
        if not self.drafts.offered and not self.dirty:
            self.offer_draft()
        self.drafts.mark_offered()
        focus = self.focusWidget()
        if focus is None or not focus.isVisibleTo(self) or focus in (self.save_button, self.cancel_button):
            self.registre.setFocus()  # the keyboard starts on the first field

    def can_leave(self) -> bool:
        if self.dirty:
            self.save_draft()
        return True

    def closing(self) -> None:
        if self.dirty:
            self.save_draft()


def free_code(picker: CodePicker) -> str | None:
    """The chosen code, else the code typed (upper case) for a list that need not hold it (communes, QPV)."""
    code = picker.code()
    if code is not None:
        return code
    text = picker.currentText().strip()
    return text.upper() if text and text != "—" else None


def _uuid(value: object) -> uuid.UUID | None:
    if not value:
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _payload_of(data: iv.InterventionInput) -> dict[str, Any]:
    """A stored intervention in the form's payload shape."""
    return {
        "date": data.date.isoformat(),
        "start_time": data.start_time.strftime("%H:%M"),
        "duration": str(data.duration_min),
        "registre": data.registre,
        "sub_registre": data.sub_registre,
        "place": data.place,
        "outcome": data.outcome,
        "domain": data.domain,
        "origin": data.origin,
        "modality": data.modality,
        "tension": data.tension,
        "consent": data.consent,
        "motifs": list(data.motifs),
        "publics": [[p.public_type, p.age_band, p.sex, p.count] for p in data.publics],
        "partners": [[p.partner_type, p.role] for p in data.partners],
        "dispositif": str(data.dispositif_id) if data.dispositif_id else None,
        "commune": data.commune,
        "qpv": data.qpv,
        "site": str(data.site_id) if data.site_id else None,
        "follow_up_of": str(data.follow_up_of) if data.follow_up_of else None,
        "presence_id": str(data.presence_id) if data.presence_id else None,
        "notes": data.notes or "",
        "signalement": [
            data.signalements[0].signal_type,
            data.signalements[0].recipient_type,
            data.signalements[0].treated,
        ]
        if data.signalements
        else None,
    }
