"""Validation rules shared by the entry services and the JSONL import (domain brief §2.2 and §9).

Each check appends :class:`FieldError` objects instead of raising, so that a form or an import line
reports every problem at once.  Messages are French and never repeat the field name: the caller
prefixes it (« Lieu : … » in the app, « Ligne 3, champ « place » : … » in an import).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import QueryableAttribute

from medios.i18n import QT_TRANSLATE_NOOP, translate
from medios.referentiel import Referentiel
from medios.services.errors import FieldError

# ASCII digits only, and \Z: ``\d`` takes any Unicode digit and ``$`` accepts a final newline.
COMMUNE_RE = re.compile(r"^([0-9]{5}|2[AB][0-9]{3})\Z")
QPV_RE = re.compile(r"^QN[0-9A-Z]{6}\Z")
HORS_QPV = "HORS_QPV"
MIN_DURATION, MAX_DURATION = 1, 720
EARLIEST_DATE = dt.date(2000, 1, 1)
NOTES_MAX = 500
# Head-count of one public row; a crowd belongs to a collective action, not an intervention.
COUNT_MAX = 9999
# Municipal arrondissements are recorded under their commune (domain brief §2.1).
_ARRONDISSEMENTS = (("751", 1, 20, "75056"), ("6938", 1, 9, "69123"), ("132", 1, 16, "13055"))

_PHONE_RE = re.compile(r"(?:\+33|0)\s*[1-9](?:[\s.-]*\d{2}){4}")
# Starts only where a run of address characters starts: tried inside a long run, the search was quadratic.
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+")
_NIR_RE = re.compile(r"\b[12]\s*\d{2}\s*(?:0[1-9]|1[0-2])\s*(?:\d{2}|2[AB])\s*\d{3}\s*\d{3}(?:\s*\d{2})?\b")


@dataclass(frozen=True, slots=True)
class PublicCount:
    public_type: str
    age_band: str
    sex: str
    count: int


@dataclass(frozen=True, slots=True)
class PartnerLink:
    """A partner mobilised: its type and role, and ``partner_id`` when it was chosen in the structure's directory
    (``None``: by type only).  The rules check the codes; the services check that the partner exists, is live
    and has this type."""

    partner_type: str
    role: str
    partner_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class InterventionFields:
    """The coded and measured part of an intervention, as the rules see it."""

    date: dt.date
    start_time: dt.time
    duration_min: int
    commune: str
    place: str
    registre: str
    domain: str
    outcome: str
    qpv: str | None = None
    sub_registre: str | None = None
    origin: str = "NR"
    modality: str = "NR"
    tension: str = "NR"
    consent: str = "NR"
    motifs: tuple[str, ...] = ()
    publics: tuple[PublicCount, ...] = ()
    partners: tuple[PartnerLink, ...] = ()
    notes: str | None = field(default=None, repr=False)


def normalise_commune(code: str) -> str:
    """Map a municipal arrondissement (Paris, Lyon, Marseille) to its commune code."""
    for prefix, low, high, commune in _ARRONDISSEMENTS:
        if code.startswith(prefix) and len(code) == 5 and code[len(prefix) :].isdigit():
            number = int(code[len(prefix) :])
            if low <= number <= high:
                return commune
    return code


def check_code(
    errors: list[FieldError], ref: Referentiel, vocab: str, code: str | None, name: str, *, required: bool = True
) -> None:
    """``code`` must be an active term of ``vocab`` in ``ref`` (or absent when optional)."""
    if code in ref.active_codes(vocab):
        return
    if code is None or code == "":
        if required:
            errors.append(FieldError(name, translate("Rules", "valeur obligatoire.")))
        return
    allowed = ", ".join(ref.codes(vocab))
    errors.append(
        FieldError(
            name,
            translate(
                "Rules",
                "code « {code} » inconnu dans le vocabulaire {vocab} ({version}). Codes autorisés : {allowed}.",
            ).format(code=code, vocab=vocab, version=ref.version, allowed=allowed),
        )
    )


def check_commune(errors: list[FieldError], code: str | None, name: str = "commune") -> None:
    if not code:
        errors.append(FieldError(name, translate("Rules", "valeur obligatoire.")))
    elif not COMMUNE_RE.match(code):
        errors.append(
            FieldError(
                name,
                translate(
                    "Rules", "code INSEE « {code} » invalide : 5 chiffres attendus (2A ou 2B pour la Corse)."
                ).format(code=code),
            )
        )


def check_qpv(errors: list[FieldError], code: str | None, name: str = "qpv") -> None:
    if code is None or code == HORS_QPV:
        return
    if not QPV_RE.match(code):
        errors.append(
            FieldError(
                name,
                translate(
                    "Rules", "code QPV « {code} » invalide : « QN » suivi de 6 caractères attendu (ou HORS_QPV)."
                ).format(code=code),
            )
        )


def column_length(column: QueryableAttribute[Any]) -> int:
    """The length of a ``String(n)`` model column: the one limit for a name, from the schema."""
    length = getattr(column.type, "length", None)
    if not isinstance(length, int):
        raise TypeError(f"{column} has no length")
    return length


def check_length(errors: list[FieldError], value: str, max_length: int, name: str) -> None:
    """``value`` fits its column (``max_length`` characters) and can be stored; never cut it silently."""
    if len(value) > max_length:
        errors.append(
            FieldError(name, translate("Rules", "{n} caractères : {max} au plus.").format(n=len(value), max=max_length))
        )
    if not encodable(value):
        errors.append(
            FieldError(name, translate("Rules", "texte illisible (octet non UTF-8, souvent un accent) : retapez-le."))
        )


def encodable(text: str) -> bool:
    """Whether ``text`` can be written as UTF-8: a command-line byte that is not UTF-8 arrives as a lone surrogate."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_date(errors: list[FieldError], day: dt.date, today: dt.date, name: str = "date") -> None:
    if day > today:
        errors.append(
            FieldError(
                name, translate("Rules", "la date {date} est dans le futur.").format(date=day.strftime("%d/%m/%Y"))
            )
        )
    elif day < EARLIEST_DATE:
        errors.append(FieldError(name, translate("Rules", "date antérieure au 01/01/2000 : vérifiez l'année.")))


def check_duration(errors: list[FieldError], minutes: int, name: str = "duration_min") -> None:
    if not MIN_DURATION <= minutes <= MAX_DURATION:
        errors.append(
            FieldError(
                name,
                translate("Rules", "entier entre {low} et {high} minutes attendu, reçu {value}.").format(
                    low=MIN_DURATION, high=MAX_DURATION, value=minutes
                ),
            )
        )


def check_publics(errors: list[FieldError], ref: Referentiel, publics: Sequence[PublicCount]) -> None:
    seen: set[tuple[str, str, str]] = set()
    for i, row in enumerate(publics):
        check_code(errors, ref, "TYPE_PUBLIC", row.public_type, f"publics[{i}].type")
        check_code(errors, ref, "TRANCHE_AGE", row.age_band, f"publics[{i}].age")
        check_code(errors, ref, "SEXE", row.sex, f"publics[{i}].sex")
        if not 1 <= row.count <= COUNT_MAX:
            errors.append(
                FieldError(
                    f"publics[{i}].count",
                    translate("Rules", "entier supérieur ou égal à 1 attendu, reçu {value}.").format(value=row.count)
                    if row.count < 1
                    else translate("Rules", "{value} personnes : {max} au plus par ligne.").format(
                        value=row.count, max=COUNT_MAX
                    ),
                )
            )
        key = (row.public_type, row.age_band, row.sex)
        if key in seen:
            errors.append(
                FieldError(
                    f"publics[{i}]",
                    translate(
                        "Rules", "la combinaison {type} / {age} / {sex} figure deux fois : additionnez les nombres."
                    ).format(type=row.public_type, age=row.age_band, sex=row.sex),
                )
            )
        seen.add(key)


def check_partners(errors: list[FieldError], ref: Referentiel, partners: Sequence[PartnerLink]) -> None:
    seen: set[tuple[str, str]] = set()
    for i, row in enumerate(partners):
        check_code(errors, ref, "TYPE_PARTENAIRE", row.partner_type, f"partners[{i}].type")
        check_code(errors, ref, "ROLE_PARTENAIRE", row.role, f"partners[{i}].role")
        key = (row.partner_type, row.role)
        if key in seen:
            errors.append(
                FieldError(
                    f"partners[{i}]",
                    translate("Rules", "le partenaire {type} avec le rôle {role} figure deux fois.").format(
                        type=row.partner_type, role=row.role
                    ),
                )
            )
        seen.add(key)


def check_intervention(fields: InterventionFields, ref: Referentiel, today: dt.date) -> list[FieldError]:
    """Every rule on the fields of an intervention that needs no database lookup."""
    errors: list[FieldError] = []
    check_date(errors, fields.date, today)
    check_duration(errors, fields.duration_min)
    check_commune(errors, fields.commune)
    check_qpv(errors, fields.qpv)
    check_code(errors, ref, "LIEU", fields.place, "place")
    check_code(errors, ref, "REGISTRE", fields.registre, "registre")
    if fields.sub_registre is not None:
        check_code(errors, ref, "SOUS_REGISTRE", fields.sub_registre, "sub_registre")
        term = ref.vocab("SOUS_REGISTRE").get(fields.sub_registre)
        if term is not None and ref.is_valid("REGISTRE", fields.registre) and term.parent != fields.registre:
            children = ref.vocab("SOUS_REGISTRE").children(fields.registre)
            allowed = ", ".join(children) if children else translate("Rules", "aucun sous-registre")
            errors.append(
                FieldError(
                    "sub_registre",
                    translate(
                        "Rules",
                        "« {sub} » n'est pas un sous-registre de « {registre} ». Valeurs autorisées pour {registre} : {allowed}.",
                    ).format(sub=fields.sub_registre, registre=fields.registre, allowed=allowed),
                )
            )
    check_code(errors, ref, "DOMAINE", fields.domain, "domain")
    check_code(errors, ref, "ISSUE", fields.outcome, "outcome")
    check_code(errors, ref, "ORIGINE", fields.origin, "origin")
    check_code(errors, ref, "MODALITE", fields.modality, "modality")
    check_code(errors, ref, "NIVEAU_TENSION", fields.tension, "tension")
    check_code(errors, ref, "CONSENTEMENT", fields.consent, "consent")
    if len(set(fields.motifs)) != len(fields.motifs):
        errors.append(FieldError("motifs", translate("Rules", "un même motif est indiqué deux fois.")))
    for i, motif in enumerate(fields.motifs):
        check_code(errors, ref, "MOTIF", motif, f"motifs[{i}]")
    check_publics(errors, ref, fields.publics)
    check_partners(errors, ref, fields.partners)
    if fields.notes is not None:
        check_length(errors, fields.notes, NOTES_MAX, "notes")
    return errors


def notes_warnings(text: str) -> list[str]:
    """Warnings (not errors) for free text that looks like it holds personal data (domain brief §8)."""
    warnings = []
    if _PHONE_RE.search(text):
        warnings.append(translate("Rules", "Le texte semble contenir un numéro de téléphone."))
    if _EMAIL_RE.search(text):
        warnings.append(translate("Rules", "Le texte semble contenir une adresse e-mail."))
    if _NIR_RE.search(text):
        warnings.append(translate("Rules", "Le texte semble contenir un numéro de sécurité sociale."))
    return warnings


NOTES_HINT = QT_TRANSLATE_NOOP(
    "Rules", "La personne peut demander à lire ce texte : restez factuel, sans santé, origine, religion ni infraction."
)
