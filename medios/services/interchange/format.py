"""Interchange format v1 (domain brief §9): reading JSON lines into checked fields, and writing them.

Pure: no database.  :class:`LineParser` turns one decoded JSON object into a :class:`ParsedLine`,
collecting every type error with its line and field; :func:`read_lines` decodes a file once (line
count and SHA-256 on the way); :func:`to_line` is the inverse, from stored values to a JSON object.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from medios.i18n import translate
from medios.referentiel import Referentiel
from medios.services.rules import (
    InterventionFields,
    PartnerLink,
    PublicCount,
    check_intervention,
    normalise_commune,
)

FORMAT_KEYS = (
    "id",
    "date",
    "start",
    "duration_min",
    "mediators",
    "dispositif",
    "commune",
    "qpv",
    "site",
    "place",
    "registre",
    "sub_registre",
    "domain",
    "motifs",
    "origin",
    "modality",
    "tension",
    "publics",
    "partners",
    "outcome",
    "notes",
)
EXTENSION_KEYS = ("consent", "follow_up_of", "presence_id", "updated_at", "device_id")
KNOWN_KEYS = frozenset(FORMAT_KEYS + EXTENSION_KEYS)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
NAME_MAX = 200


@dataclass(frozen=True, slots=True)
class LineError:
    line: int
    field: str | None
    message: str

    def for_user(self) -> str:
        if self.field is None:
            return translate("Import", "Ligne {line} : {message}").format(line=self.line, message=self.message)
        return translate("Import", "Ligne {line}, champ « {field} » : {message}").format(
            line=self.line, field=self.field, message=self.message
        )


@dataclass(frozen=True, slots=True)
class MediatorRef:
    """A mediator as a line names it: by identifier (and pseudonym), or by pseudonym or name only."""

    name: str  # pseudonym or name; the pseudonym when ``id`` is given ("" if the file gave none)
    id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class LineVersion:
    """Which version of a record a line carries: when and on which device it was last written."""

    updated_at: dt.datetime
    device_id: str | None


@dataclass(slots=True)
class ParsedLine:
    number: int
    id: uuid.UUID | None
    fields: InterventionFields
    mediators: list[MediatorRef]
    dispositif: str | None
    site: str | None
    present: frozenset[str]
    follow_up_of: uuid.UUID | None = None
    presence_id: uuid.UUID | None = None
    version: LineVersion | None = None
    # Resolved during import:
    mediator_ids: tuple[uuid.UUID, ...] = ()
    dispositif_id: uuid.UUID | None = None
    site_id: uuid.UUID | None = None


# --------------------------------------------------------------------------- parsing


@lru_cache(maxsize=8192)
def _parse_date(text: str) -> dt.date | None:
    if not _DATE_RE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


_STAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|\+00:00)$")


def _parse_timestamp(text: str) -> dt.datetime | None:
    """A UTC timestamp as the export writes it, as a naive UTC datetime (the base's convention)."""
    if len(text) > 40 or not _STAMP_RE.match(text):
        return None
    try:
        return dt.datetime.fromisoformat(text).replace(tzinfo=None)  # 3.11 reads the final Z
    except ValueError:
        return None


def _hashable(value: Any) -> bool:
    return value is None or value.__class__ is str


@lru_cache(maxsize=4096)
def _cached_mediator_ref(identifier: str, pseudonym: str | None) -> MediatorRef | None:
    try:
        parsed = uuid.UUID(identifier)
    except ValueError:
        return None
    return MediatorRef((pseudonym or "").strip().upper(), parsed)


def _mediator_ref(identifier: Any, pseudonym: Any) -> MediatorRef | None:
    """``{"id", "pseudonym"}`` as a :class:`MediatorRef` (files repeat the same few: cached), else ``None``."""
    if identifier.__class__ is not str or not _hashable(pseudonym) or len(identifier) > 64:
        return None
    return _cached_mediator_ref(identifier, pseudonym)


def format_timestamp(stamp: dt.datetime) -> str:
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@lru_cache(maxsize=2048)
def _parse_time(text: str) -> dt.time | None:
    match = _TIME_RE.match(text)
    return dt.time(int(match.group(1)), int(match.group(2))) if match else None


class LineParser:
    """Turns one decoded JSON object into a :class:`ParsedLine`, collecting every type error."""

    def __init__(self, number: int, raw: dict[str, Any], errors: list[LineError]) -> None:
        self.number = number
        self.raw = raw
        self.errors = errors

    def error(self, name: str | None, message: str) -> None:
        self.errors.append(LineError(self.number, name, message))

    def text(self, name: str, *, required: bool) -> str | None:
        value = self.raw.get(name)
        if value.__class__ is str and (stripped := value.strip()):  # fast path: a non-empty string
            return stripped
        if value is None:
            if required:
                self.error(name, translate("Import", "valeur obligatoire."))
            return None
        if not isinstance(value, str):
            self.error(name, translate("Import", "texte attendu, reçu {value}.").format(value=json.dumps(value)))
            return None
        value = value.strip()
        if not value and required:
            self.error(name, translate("Import", "valeur obligatoire."))
            return None
        return value or None

    def integer(self, name: str, value: Any) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(
                name, translate("Import", "nombre entier attendu, reçu {value}.").format(value=json.dumps(value))
            )
            return None
        return value

    def uuid_value(self, name: str) -> uuid.UUID | None:
        value = self.raw.get(name)
        if value is None:
            return None
        try:
            return uuid.UUID(str(value))
        except ValueError:
            self.error(
                name, translate("Import", "identifiant UUID invalide : {value}.").format(value=json.dumps(value))
            )
            return None

    def string_list(self, name: str) -> list[str]:
        value = self.raw.get(name)
        if value is None:
            return []
        if value.__class__ is not list or any(v.__class__ is not str for v in value):
            self.error(name, translate("Import", "liste de textes attendue."))
            return []
        return [v.strip() for v in value]

    def object_list(self, name: str) -> list[dict[str, Any]]:
        value = self.raw.get(name)
        if value is None:
            return []
        if value.__class__ is not list or any(v.__class__ is not dict for v in value):
            self.error(name, translate("Import", "liste d'objets attendue."))
            return []
        return value

    def mediator_list(self) -> list[MediatorRef]:
        """``mediators``: pseudonyms or names (as v1 began), or ``{"id": UUID, "pseudonym": "MED-…"}`` objects."""
        value = self.raw.get("mediators")
        if value is None:
            self.error("mediators", translate("Import", "valeur obligatoire."))
            return []
        if value.__class__ is not list:
            self.error("mediators", translate("Import", "liste de textes attendue."))
            return []
        if not value:
            self.error("mediators", translate("Import", "au moins un médiateur est obligatoire."))
            return []
        refs: list[MediatorRef] = []
        for i, item in enumerate(value):
            if item.__class__ is str:
                if not item.strip():
                    self.error("mediators", translate("Import", "nom de médiateur vide."))
                    return []
                refs.append(MediatorRef(item.strip()))
            elif item.__class__ is dict and item.keys() <= {"id", "pseudonym"}:
                ref = _mediator_ref(item.get("id"), item.get("pseudonym"))
                if ref is None:
                    self.error(
                        f"mediators[{i}]",
                        translate("Import", 'objet {{"id": UUID, "pseudonym": texte}} attendu, reçu {value}.').format(
                            value=json.dumps(item, ensure_ascii=False)[:200]
                        ),
                    )
                    return []
                refs.append(ref)
            else:
                self.error(
                    "mediators",
                    translate("Import", 'liste de pseudonymes ou d\'objets {"id": UUID, "pseudonym": texte} attendue.'),
                )
                return []
        return refs

    def version(self) -> LineVersion | None:
        """``updated_at`` (UTC ISO 8601) and ``device_id``: the version of the record the line carries."""
        value = self.raw.get("updated_at")
        device = self.raw.get("device_id")
        if device is not None and (not isinstance(device, str) or not device.strip() or len(device) > 64):
            self.error(
                "device_id", translate("Import", "identifiant de poste (texte de 64 caractères au plus) attendu.")
            )
            return None
        if value is None:
            return None
        stamp = _parse_timestamp(value) if isinstance(value, str) else None
        if stamp is None:
            self.error(
                "updated_at",
                translate("Import", "horodatage UTC AAAA-MM-JJTHH:MM:SS[.ffffff]Z attendu, reçu {value}.").format(
                    value=json.dumps(value, ensure_ascii=False)[:100]
                ),
            )
            return None
        return LineVersion(stamp, device.strip() if isinstance(device, str) else None)

    def parse(self) -> ParsedLine | None:
        before = len(self.errors)
        raw = self.raw
        for key in () if KNOWN_KEYS.issuperset(raw) else raw:
            if key not in KNOWN_KEYS:
                self.error(
                    key,
                    translate("Import", "clé inconnue. Clés du format v1 : {keys}.").format(
                        keys=", ".join(FORMAT_KEYS)
                    ),
                )
        record_id = self.uuid_value("id")
        day = None
        if (date_text := self.text("date", required=True)) is not None:
            day = _parse_date(date_text)
            if day is None and _DATE_RE.match(date_text):
                self.error("date", translate("Import", "la date « {value} » n'existe pas.").format(value=date_text))
            elif day is None:
                self.error(
                    "date", translate("Import", "date AAAA-MM-JJ attendue, reçu « {value} ».").format(value=date_text)
                )
        start = None
        if (start_text := self.text("start", required=True)) is not None:
            start = _parse_time(start_text)
            if start is None:
                self.error(
                    "start", translate("Import", "heure HH:MM attendue, reçu « {value} ».").format(value=start_text)
                )
        duration = None
        if "duration_min" not in raw or raw["duration_min"] is None:
            self.error("duration_min", translate("Import", "valeur obligatoire."))
        else:
            duration = self.integer("duration_min", raw["duration_min"])
        mediators = self.mediator_list()
        commune = self.text("commune", required=True)
        tension: str | None = "NR"
        if raw.get("tension") is not None:
            value = raw["tension"]
            if isinstance(value, int) and not isinstance(value, bool):
                tension = str(value)
            elif isinstance(value, str):
                tension = value
            else:
                self.error(
                    "tension", translate("Import", "1, 2 ou 3 attendu, reçu {value}.").format(value=json.dumps(value))
                )
        publics: list[PublicCount] = []
        for i, item in enumerate(self.object_list("publics")):
            count = item.get("count")
            if count.__class__ is not int:  # fast path: an int (bool is a subclass, hence the identity test)
                if count is None:
                    self.error(f"publics[{i}].count", translate("Import", "valeur obligatoire."))
                    continue
                if self.integer(f"publics[{i}].count", count) is None:
                    continue
            p_type, age, sex = item.get("type", "NR"), item.get("age", "NC"), item.get("sex", "NC")
            if p_type.__class__ is not str or age.__class__ is not str or sex.__class__ is not str:
                self.error(f"publics[{i}]", translate("Import", "type, age et sex doivent être des codes (texte)."))
                continue
            publics.append(PublicCount(p_type, age, sex, count))
        partners: list[PartnerLink] = []
        for i, item in enumerate(self.object_list("partners")):
            p_type, role = item.get("type"), item.get("role")
            if not isinstance(p_type, str) or not isinstance(role, str):
                self.error(f"partners[{i}]", translate("Import", "type et role obligatoires (codes)."))
                continue
            partners.append(PartnerLink(p_type, role))
        notes = raw.get("notes")
        if notes is not None and not isinstance(notes, str):
            self.error("notes", translate("Import", "texte attendu."))
            notes = None
        elif notes is not None:
            notes = notes.strip()
        codes = {k: self.text(k, required=True) for k in ("place", "registre", "domain", "outcome")}
        optional = {k: self.text(k, required=False) for k in ("qpv", "sub_registre", "origin", "modality", "consent")}
        dispositif = self.text("dispositif", required=False)
        site = self.text("site", required=False)
        motifs = self.string_list("motifs")
        follow_up_of = self.uuid_value("follow_up_of")
        presence_id = self.uuid_value("presence_id")
        version = self.version()
        if len(self.errors) > before or day is None or start is None or duration is None or commune is None:
            return None
        fields = InterventionFields(
            date=day,
            start_time=start,
            duration_min=duration,
            commune=normalise_commune(commune),
            place=codes["place"] or "",
            registre=codes["registre"] or "",
            domain=codes["domain"] or "",
            outcome=codes["outcome"] or "",
            qpv=optional["qpv"],
            sub_registre=optional["sub_registre"],
            origin=optional["origin"] or "NR",
            modality=optional["modality"] or "NR",
            tension=tension or "NR",
            consent=optional["consent"] or "NR",
            motifs=tuple(motifs),
            publics=tuple(publics),
            partners=tuple(partners),
            notes=notes or None,
        )
        return ParsedLine(
            number=self.number,
            id=record_id,
            fields=fields,
            mediators=mediators,
            dispositif=dispositif,
            site=site,
            present=frozenset(raw),
            follow_up_of=follow_up_of,
            presence_id=presence_id,
            version=version,
        )


@dataclass
class FileStats:
    """Filled while the file is read once: its line count and SHA-256 (recorded in the audit log)."""

    lines: int = 0
    digest: Any = field(default_factory=hashlib.sha256)


def read_lines(path: Path, errors: list[LineError], stats: FileStats) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open("rb") as handle:
        for number, raw_bytes in enumerate(handle, start=1):
            stats.lines = number
            stats.digest.update(raw_bytes)
            try:
                text = raw_bytes.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                errors.append(
                    LineError(number, None, translate("Import", "texte non UTF-8 : enregistrez le fichier en UTF-8."))
                )
                continue
            if not text.strip():
                continue
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                errors.append(
                    LineError(
                        number,
                        None,
                        translate("Import", "JSON invalide ({detail}, colonne {col}).").format(
                            detail=exc.msg, col=exc.colno
                        ),
                    )
                )
                continue
            if not isinstance(obj, dict):
                errors.append(LineError(number, None, translate("Import", "un objet JSON {…} est attendu par ligne.")))
                continue
            yield number, obj


def code_errors(line: ParsedLine, ref: Referentiel, today: dt.date) -> list[LineError]:
    return [LineError(line.number, e.field, e.message) for e in check_intervention(line.fields, ref, today)]


def to_line(values: dict[str, Any]) -> dict[str, Any]:
    """The interchange object of one stored intervention (keys in format order, defaults left out).

    ``values`` holds the stored columns by name, ``dispositif`` (its label or ``None``), ``mediators``
    (``(pseudonym, id)`` pairs), ``motifs``, ``publics`` as ``(type, age, sex, count)`` and ``partners`` as
    ``(type, role)``.
    """
    line: dict[str, Any] = {
        "id": str(values["id"]),
        "date": values["date"].isoformat(),
        "start": values["start_time"].strftime("%H:%M"),
        "duration_min": values["duration_min"],
        "mediators": [{"id": str(m_id), "pseudonym": pseudo} for pseudo, m_id in sorted(values["mediators"])],
    }
    if values["dispositif"] is not None:
        line["dispositif"] = values["dispositif"]
    line["commune"] = values["commune"]
    if values["qpv"] is not None:
        line["qpv"] = values["qpv"]
    line.update(place=values["place"], registre=values["registre"])
    if values["sub_registre"] is not None:
        line["sub_registre"] = values["sub_registre"]
    line["domain"] = values["domain"]
    line["motifs"] = sorted(values["motifs"])
    for key, column in (("origin", "origin"), ("modality", "modality")):
        if values[column] != "NR":
            line[key] = values[column]
    if values["tension"] != "NR":
        line["tension"] = int(values["tension"])
    line["publics"] = [
        {"type": p_type, "age": age, "sex": sex, "count": count}
        for p_type, age, sex, count in sorted(values["publics"])
    ]
    line["partners"] = [{"type": p_type, "role": role} for p_type, role in sorted(values["partners"])]
    line["outcome"] = values["outcome"]
    if values["consent"] != "NR":
        line["consent"] = values["consent"]
    if values["follow_up_of"] is not None:
        line["follow_up_of"] = str(values["follow_up_of"])
    if values["presence_id"] is not None:
        line["presence_id"] = str(values["presence_id"])
    line["updated_at"] = format_timestamp(values["updated_at"])
    line["device_id"] = values["device_id"]
    return line
