"""Errors the services raise for user mistakes: French, field by field, never a crash dialog."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from medios.i18n import QT_TRANSLATE_NOOP, translate

# French labels of the fields, keyed by the interchange name of the field (domain brief §9).
FIELD_LABELS: dict[str, str] = {
    "id": QT_TRANSLATE_NOOP("Field", "Identifiant"),
    "date": QT_TRANSLATE_NOOP("Field", "Date"),
    "start": QT_TRANSLATE_NOOP("Field", "Heure de début"),
    "duration_min": QT_TRANSLATE_NOOP("Field", "Durée (min)"),
    "mediators": QT_TRANSLATE_NOOP("Field", "Médiateur(s)"),
    "dispositif": QT_TRANSLATE_NOOP("Field", "Dispositif"),
    "commune": QT_TRANSLATE_NOOP("Field", "Commune"),
    "qpv": QT_TRANSLATE_NOOP("Field", "QPV"),
    "site": QT_TRANSLATE_NOOP("Field", "Site"),
    "place": QT_TRANSLATE_NOOP("Field", "Lieu"),
    "registre": QT_TRANSLATE_NOOP("Field", "Registre"),
    "sub_registre": QT_TRANSLATE_NOOP("Field", "Sous-registre"),
    "domain": QT_TRANSLATE_NOOP("Field", "Domaine"),
    "motifs": QT_TRANSLATE_NOOP("Field", "Motif(s)"),
    "origin": QT_TRANSLATE_NOOP("Field", "Origine"),
    "modality": QT_TRANSLATE_NOOP("Field", "Modalité"),
    "tension": QT_TRANSLATE_NOOP("Field", "Niveau de tension"),
    "publics": QT_TRANSLATE_NOOP("Field", "Publics concernés"),
    "partners": QT_TRANSLATE_NOOP("Field", "Partenaires mobilisés"),
    "outcome": QT_TRANSLATE_NOOP("Field", "Issue"),
    "consent": QT_TRANSLATE_NOOP("Field", "Accord de la personne"),
    "follow_up_of": QT_TRANSLATE_NOOP("Field", "Suite de"),
    "presence_id": QT_TRANSLATE_NOOP("Field", "Pendant la présence"),
    "notes": QT_TRANSLATE_NOOP("Field", "Observations"),
    "end": QT_TRANSLATE_NOOP("Field", "Heure de fin"),
    "presence_type": QT_TRANSLATE_NOOP("Field", "Type de présence"),
    "informal_contacts": QT_TRANSLATE_NOOP("Field", "Contacts informels"),
    "theme": QT_TRANSLATE_NOOP("Field", "Thème"),
    "title": QT_TRANSLATE_NOOP("Field", "Intitulé"),
    "participants": QT_TRANSLATE_NOOP("Field", "Participants"),
    "meeting_type": QT_TRANSLATE_NOOP("Field", "Type de réunion"),
    "subject": QT_TRANSLATE_NOOP("Field", "Objet"),
    "name": QT_TRANSLATE_NOOP("Field", "Nom"),
    "structure": QT_TRANSLATE_NOOP("Field", "Structure"),
    "pseudonym": QT_TRANSLATE_NOOP("Field", "Pseudonyme"),
    "role": QT_TRANSLATE_NOOP("Field", "Rôle"),
    "holiday_calendar": QT_TRANSLATE_NOOP("Field", "Calendrier des jours fériés"),
    "legal_status": QT_TRANSLATE_NOOP("Field", "Statut juridique"),
    "months": QT_TRANSLATE_NOOP("Field", "Nombre de mois"),
    "level": QT_TRANSLATE_NOOP("Field", "Niveau"),
    "code": QT_TRANSLATE_NOOP("Field", "Code"),
    "label": QT_TRANSLATE_NOOP("Field", "Libellé"),
    "vintage": QT_TRANSLATE_NOOP("Field", "Millésime"),
    "parent_code": QT_TRANSLATE_NOOP("Field", "Territoire de rattachement"),
    "valid_to": QT_TRANSLATE_NOOP("Field", "Fin de validité"),
    "output": QT_TRANSLATE_NOOP("Field", "Fichier de sortie"),
    "siret": QT_TRANSLATE_NOOP("Field", "SIRET"),
    "end_date": QT_TRANSLATE_NOOP("Field", "Fin"),
    "partner": QT_TRANSLATE_NOOP("Field", "Partenaire"),
    "partner_type": QT_TRANSLATE_NOOP("Field", "Type de partenaire"),
    "contact_name": QT_TRANSLATE_NOOP("Field", "Contact"),
    "phone": QT_TRANSLATE_NOOP("Field", "Téléphone"),
    "email": QT_TRANSLATE_NOOP("Field", "E-mail"),
    "import": QT_TRANSLATE_NOOP("Field", "Import"),
    "observatory_id": QT_TRANSLATE_NOOP("Field", "Identifiant observatoire"),
    "networks": QT_TRANSLATE_NOOP("Field", "Réseaux"),
    "afnor_certified_on": QT_TRANSLATE_NOOP("Field", "Certification AFNOR"),
    "hq_commune": QT_TRANSLATE_NOOP("Field", "Commune du siège"),
    "funders": QT_TRANSLATE_NOOP("Field", "Financements"),
    "territories": QT_TRANSLATE_NOOP("Field", "Territoires"),
    "time_bands": QT_TRANSLATE_NOOP("Field", "Plages couvertes"),
    "commissioners": QT_TRANSLATE_NOOP("Field", "Commanditaires"),
    "uai": QT_TRANSLATE_NOOP("Field", "Code UAI"),
    "educ_prio": QT_TRANSLATE_NOOP("Field", "Éducation prioritaire"),
    "landlord": QT_TRANSLATE_NOOP("Field", "Bailleur"),
    "contract": QT_TRANSLATE_NOOP("Field", "Contrat"),
    "fte_percent": QT_TRANSLATE_NOOP("Field", "Quotité"),
    "weekly_minutes": QT_TRANSLATE_NOOP("Field", "Heures hebdomadaires"),
    "qualifications": QT_TRANSLATE_NOOP("Field", "Qualifications"),
    "start_date": QT_TRANSLATE_NOOP("Field", "Début"),
    "month": QT_TRANSLATE_NOOP("Field", "Mois"),
    "reason": QT_TRANSLATE_NOOP("Field", "Motif"),
    "period": QT_TRANSLATE_NOOP("Field", "Période"),
    "scope": QT_TRANSLATE_NOOP("Field", "Périmètre"),
    "format": QT_TRANSLATE_NOOP("Field", "Format"),
    "logo": QT_TRANSLATE_NOOP("Field", "Logo"),
}


def field_label(field: str) -> str:
    """« Publics concernés (ligne 2) » for ``publics[1].count``, « Lieu » for ``place``."""
    base, _, rest = field.partition("[")
    label = translate("Field", FIELD_LABELS.get(base, base))
    if rest:
        index = int(rest.split("]", 1)[0])
        label = translate("Field", "{label} (ligne {n})").format(label=label, n=index + 1)
    return label


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one field; ``field`` is the interchange key (``place``, ``publics[0].count``)."""

    field: str
    message: str

    def for_user(self) -> str:
        return f"{field_label(self.field)} : {self.message}"


class ValidationError(ValueError):
    """The input breaks one or more rules; nothing was written."""

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(e.for_user() for e in self.errors))

    def by_field(self) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {}
        for error in self.errors:
            grouped.setdefault(error.field.partition("[")[0], []).append(error.message)
        return grouped


class NotFoundError(LookupError):
    """The record asked for does not exist (or was deleted)."""
