"""Interchange format v1 (domain brief §9): reading JSON lines into checked fields, and writing them.

Pure: no database.  :class:`LineParser` turns one decoded JSON object into a :class:`ParsedLine`,
collecting every type error with its line and field; :func:`read_lines` decodes a file once (line
count and SHA-256 on the way); :func:`to_line` is the inverse, from stored values to a JSON object.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
import sys
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from medios.i18n import QT_TRANSLATE_NOOP, translate
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
# ASCII digits only, and \Z: ``\d`` takes any Unicode digit (« 1٤:3٠ » was read as 14:30).
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_TIME_RE = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])\Z")

# Limits on one line (docs/format-echange.md, « Limites »).  The list caps are at least the number of
# distinct valid entries (tests/test_import_hostile.py checks them against the référentiel), so they
# only refuse lines that would be refused anyway, with one message instead of thousands.
LINE_MAX_BYTES = 64 * 1024  # a full line of the format takes about 1 KB
MEDIATORS_MAX = 10  # a binôme or a trinôme is the usual case
MOTIFS_MAX = 40  # MOTIF has 37 codes, and a motif is given once
PUBLICS_MAX = 300  # one row per (type, age, sex): 11 x 8 x 3 = 264 combinations
PARTNERS_MAX = 60  # one row per (type, role): 20 x 3 = 60 combinations
UNKNOWN_KEYS_MAX = 10  # unknown keys reported one by one; the others are counted in one message
SHOWN_MAX = 60  # characters of a received value quoted back in a message


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


class ErrorSink(Protocol):
    """Where line errors go: a list, or the bounded log of an import (:class:`.report.ErrorLog`).

    ``len()`` is the number of errors added, so that a step can tell whether it added any.
    """

    def append(self, error: LineError, /) -> None: ...

    def extend(self, errors: Iterable[LineError], /) -> None: ...

    def __len__(self) -> int: ...


def group_digits(number: int) -> str:
    """``2999800`` -> ``2 999 800`` (no-break spaces, as French writes large numbers)."""
    return f"{number:,}".replace(",", "\u00a0")


def _cut(text: str, limit: int = SHOWN_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _shown(value: Any, depth: int = 2) -> str:
    """A received value as JSON, cut to about :data:`SHOWN_MAX` characters and two levels of nesting."""
    if isinstance(value, list | dict):
        if not value or depth == 0:
            return ("[{}]" if isinstance(value, list) else "{{{}}}").format("…" if value else "")
        if isinstance(value, list):
            parts = [_shown(item, depth - 1) for item in value[:8]]
        else:
            parts = [f"{_shown(key)}: {_shown(value[key], depth - 1)}" for key in list(value)[:8]]
        inner = ", ".join(parts) + (", …" if len(parts) < len(value) else "")
        return _cut(f"[{inner}]" if isinstance(value, list) else f"{{{inner}}}")
    return _cut(json.dumps(value, ensure_ascii=False))


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


_STAMP_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|\+00:00)\Z")


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
    """``2026-10-14T09:05:00.000000Z`` (the stored naive UTC time)."""
    if stamp.year >= 1000 and stamp.tzinfo is None:  # isoformat writes the same, three times faster
        return stamp.isoformat(timespec="microseconds") + "Z"
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.%fZ")  # glibc writes year 999 as "999": kept as it was


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
            self.error(name, translate("Import", "texte attendu, reçu {value}.").format(value=_shown(value)))
            return None
        value = value.strip()
        if not value and required:
            self.error(name, translate("Import", "valeur obligatoire."))
            return None
        return value or None

    def integer(self, name: str, value: Any) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(name, translate("Import", "nombre entier attendu, reçu {value}.").format(value=_shown(value)))
            return None
        return value

    def uuid_value(self, name: str) -> uuid.UUID | None:
        value = self.raw.get(name)
        if value is None:
            return None
        try:
            if not isinstance(value, str):
                raise ValueError(value)
            return uuid.UUID(value)
        except ValueError:
            self.error(name, translate("Import", "identifiant UUID invalide : {value}.").format(value=_shown(value)))
            return None

    def too_long(self, name: str, value: list[Any], limit: int) -> bool:
        """A list longer than ``limit`` gets one error and is not looked into."""
        if len(value) <= limit:
            return False
        self.error(
            name,
            translate("Import", "{count} éléments : {max} au plus.").format(count=group_digits(len(value)), max=limit),
        )
        return True

    def string_list(self, name: str, limit: int) -> list[str] | None:
        """The stripped texts of a list (``[]`` when absent); ``None`` after an error."""
        value = self.raw.get(name)
        if value is None:
            return []
        if value.__class__ is not list or any(v.__class__ is not str for v in value):
            self.error(name, translate("Import", "liste de textes attendue."))
            return None
        if self.too_long(name, value, limit):
            return None
        return [v.strip() for v in value]

    def object_list(self, name: str, limit: int) -> list[dict[str, Any]]:
        value = self.raw.get(name)
        if value is None:
            return []
        if value.__class__ is not list or any(v.__class__ is not dict for v in value):
            self.error(name, translate("Import", "liste d'objets attendue."))
            return []
        if self.too_long(name, value, limit):
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
        if self.too_long("mediators", value, MEDIATORS_MAX):
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
                            value=_shown(item)
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
                    value=_shown(value)
                ),
            )
            return None
        return LineVersion(stamp, device.strip() if isinstance(device, str) else None)

    def parse(self) -> ParsedLine | None:
        before = len(self.errors)
        raw = self.raw
        if not KNOWN_KEYS.issuperset(raw):
            unknown = [key for key in raw if key not in KNOWN_KEYS]
            for key in unknown[:UNKNOWN_KEYS_MAX]:
                self.error(
                    _cut(key),
                    translate("Import", "clé inconnue. Clés du format v1 : {keys}.").format(
                        keys=", ".join(FORMAT_KEYS + EXTENSION_KEYS)
                    ),
                )
            if len(unknown) > UNKNOWN_KEYS_MAX:
                self.error(
                    None,
                    translate("Import", "et {count} autres clés inconnues.").format(
                        count=group_digits(len(unknown) - UNKNOWN_KEYS_MAX)
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
                    "tension", translate("Import", "1, 2 ou 3 attendu, reçu {value}.").format(value=_shown(value))
                )
        publics: list[PublicCount] = []
        for i, item in enumerate(self.object_list("publics", PUBLICS_MAX)):
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
        for i, item in enumerate(self.object_list("partners", PARTNERS_MAX)):
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
        motifs = self.string_list("motifs", MOTIFS_MAX)
        follow_up_of = self.uuid_value("follow_up_of")
        presence_id = self.uuid_value("presence_id")
        version = self.version()
        if len(self.errors) > before or day is None or start is None or duration is None or commune is None:
            return None
        if motifs is None:  # an error was reported above
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


class _Refused(ValueError):
    """A JSON value the format refuses (NaN, Infinity, a number too large), raised while decoding."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _refuse_constant(name: str) -> Any:
    raise _Refused(
        translate("Import", "« {value} » : valeur invalide en JSON (écrivez un nombre ou null).").format(value=name)
    )


def _checked_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _Refused(translate("Import", "nombre hors limites : {value}.").format(value=_cut(text)))
    return value


# One decoder for the whole import: ``json.loads`` with keyword arguments would build one per line.
# Floats and constants go through the two checks; ints, strings and objects keep the C fast paths.
_DECODER = json.JSONDecoder(parse_float=_checked_float, parse_constant=_refuse_constant)
_BOM = b"\xef\xbb\xbf"
_READ_CHUNK = 1 << 20
_JSON_SPACE = " \t\r\n"
_NESTED_OBJECTS = ("publics", "partners", "mediators")  # mediators: {"id", "pseudonym"} objects
_TEXTS_WITH_COLONS = ("start", "updated_at", "notes", "site")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")

# What a file that is not JSON Lines at all starts with; such a file is refused at its first line.
_SIGNATURES = (
    (b"PK\x03\x04", QT_TRANSLATE_NOOP("Import", "une archive ZIP (un classeur Excel ou LibreOffice ?)")),
    (b"SQLite format 3\x00", QT_TRANSLATE_NOOP("Import", "une base de données SQLite (une base Médios ?)")),
    (b"%PDF-", QT_TRANSLATE_NOOP("Import", "un document PDF")),
    (b"\x1f\x8b", QT_TRANSLATE_NOOP("Import", "une archive gzip")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", QT_TRANSLATE_NOOP("Import", "un document Office (.xls, .doc)")),
    (b"\xff\xfe", QT_TRANSLATE_NOOP("Import", "un texte UTF-16 ou UTF-32 : enregistrez-le en UTF-8")),
    (b"\xfe\xff", QT_TRANSLATE_NOOP("Import", "un texte UTF-16 ou UTF-32 : enregistrez-le en UTF-8")),
)

# The messages of Python's JSON decoder (``JSONDecodeError.msg``), by prefix, in French.
_JSON_MESSAGES = (
    ("Expecting value", QT_TRANSLATE_NOOP("Import", "valeur attendue")),
    ("Expecting ',' delimiter", QT_TRANSLATE_NOOP("Import", "virgule attendue")),
    ("Expecting ':' delimiter", QT_TRANSLATE_NOOP("Import", "deux-points attendu après la clé")),
    (
        "Expecting property name enclosed in double quotes",
        QT_TRANSLATE_NOOP("Import", "clé entre guillemets droits attendue"),
    ),
    ("Unterminated string starting at", QT_TRANSLATE_NOOP("Import", "texte sans guillemet fermant")),
    (
        "Invalid control character",
        QT_TRANSLATE_NOOP("Import", "caractère de contrôle dans un texte (écrivez \\t ou \\n)"),
    ),
    ("Invalid \\uXXXX escape", QT_TRANSLATE_NOOP("Import", "séquence \\uXXXX invalide")),
    ("Invalid \\escape", QT_TRANSLATE_NOOP("Import", "barre oblique inverse \\ suivie d'un caractère non permis")),
    ("Extra data", QT_TRANSLATE_NOOP("Import", "texte en trop après l'objet (un seul objet par ligne)")),
    ("Unexpected UTF-8 BOM", QT_TRANSLATE_NOOP("Import", "marque d'ordre des octets (BOM) inattendue")),
    ("Illegal trailing comma", QT_TRANSLATE_NOOP("Import", "virgule en trop avant la fin")),
)


def json_error_message(exc: json.JSONDecodeError) -> str:
    """The French text of a decoding error, with its column (characters from the start of the line)."""
    detail = next(
        (translate("Import", french) for prefix, french in _JSON_MESSAGES if exc.msg.startswith(prefix)),
        translate("Import", "syntaxe incorrecte"),
    )
    return translate("Import", "JSON invalide ({detail}, colonne {col}).").format(detail=detail, col=exc.colno)


def _has_lone_surrogate(value: Any) -> bool:
    """Whether a decoded value holds half of a UTF-16 surrogate pair (``"\\ud800"``), which no file can store."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _duplicate_key(text: str, obj: dict[str, Any], escaped: bool) -> str | None:
    """A key written twice in one object of the line, if any (JSON decoders silently keep the last one).

    Fast path: every key written is followed by a colon, so a line holds at least as many colons as
    keys written, plus those of its texts.  When the colons, less those of the texts that usually have
    some (``start``, ``updated_at``, ``notes``, ``site``; only if no colon is written as an escape),
    equal the keys of the objects an intervention has (the line, its mediators, publics and partners),
    no key is repeated.
    Otherwise (colons in other texts, objects elsewhere, a repeated key) the line is decoded again,
    keeping the pairs.  ``escaped``: whether the line holds ``\\u`` escapes at all.
    """
    expected = len(obj)
    for name in _NESTED_OBJECTS:
        items = obj.get(name)
        if items.__class__ is list:
            for item in items:
                if item.__class__ is dict:
                    expected += len(item)
    extra = text.count(":") - expected
    if extra > 0 and not (escaped and "\\u003" in text):
        for name in _TEXTS_WITH_COLONS:
            value = obj.get(name)
            if value.__class__ is str:
                extra -= value.count(":")
                if extra <= 0:
                    break
    if extra == 0:
        return None
    found: list[str] = []

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs) and not found:
            seen: set[str] = set()
            for key, _value in pairs:
                if key in seen:
                    found.append(key)
                    break
                seen.add(key)
        return result

    json.JSONDecoder(object_pairs_hook=pairs_hook, parse_float=_checked_float, parse_constant=_refuse_constant).decode(
        text
    )
    return found[0] if found else None


def _decode(text: str) -> Any:
    """Decode one line; raises :class:`_Refused` with the French reason when the format refuses it."""
    escaped = "\\u" in text
    try:
        obj = _DECODER.decode(text)
        duplicate = _duplicate_key(text, obj, escaped) if obj.__class__ is dict else None
    except json.JSONDecodeError as exc:
        if "\0" in text:  # never valid JSON: a clearer message than the decoder's
            raise _Refused(translate("Import", "octet nul : ce n'est pas du texte (fichier binaire ?).")) from None
        if text.endswith("\n"):  # the line end counts as JSON space, but not inside an unfinished text
            _decode(text.rstrip("\r\n"))
        raise _Refused(json_error_message(exc)) from None
    except RecursionError:  # the decoder's own depth limit (about 1,000 levels): bounded time
        raise _Refused(
            translate("Import", "listes ou objets imbriqués trop profondément : ce n'est pas une ligne d'intervention.")
        ) from None
    except _Refused:
        raise
    except ValueError:  # Python refuses to convert integers of more than 4,300 digits
        raise _Refused(
            translate("Import", "nombre entier de plus de {max} chiffres.").format(max=sys.get_int_max_str_digits())
        ) from None
    if escaped and _SURROGATE_ESCAPE.search(text) and _has_lone_surrogate(obj):
        raise _Refused(translate("Import", "séquence \\uD800 à \\uDFFF isolée : ce n'est pas un caractère Unicode."))
    if duplicate is not None:
        raise _Refused(
            translate("Import", "la clé « {key} » figure deux fois dans un même objet.").format(key=_cut(duplicate))
        )
    return obj


def _skip_rest_of_line(handle: BinaryIO, stats: FileStats, before: bytes) -> int:
    """Read past the end of an over-long line, a bounded chunk at a time.

    ``before`` is what was read of the line; returns the size of the whole line, its end left out.
    """
    size = len(before)
    last = before[-1:]
    while chunk := handle.readline(_READ_CHUNK):
        stats.digest.update(chunk)
        size += len(chunk)
        if chunk.endswith(b"\n"):
            size -= 1 + (chunk.endswith(b"\r\n") or (len(chunk) == 1 and last == b"\r"))
            break
        last = chunk[-1:]
    return size


def _skip_rest_of_file(handle: BinaryIO, stats: FileStats, line_open: bool) -> None:
    """Hash and count the lines of the rest of a file that will not be read."""
    while chunk := handle.readline(_READ_CHUNK):
        stats.digest.update(chunk)
        if not line_open:
            stats.lines += 1
        line_open = not chunk.endswith(b"\n")


def read_lines(
    path: Path, errors: ErrorSink, stats: FileStats, *, max_bytes: int = LINE_MAX_BYTES
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line number, object)`` for each line holding a JSON object; report the other lines.

    The file is read in binary, one line at a time and never more than ``max_bytes`` of a line: a
    longer line is refused without being decoded, and skipped a bounded chunk at a time.  Blank lines
    are ignored; a UTF-8 byte order mark and CRLF line ends are accepted.  A file that is plainly not
    JSON Lines (a ZIP archive, a spreadsheet, a SQLite database, UTF-16 text) is refused at line 1.
    """
    with path.open("rb") as handle:
        number = 0
        while raw := handle.readline(max_bytes + 2):  # room for the line end, CRLF included
            number += 1
            stats.lines = number
            stats.digest.update(raw)
            ended = raw.endswith(b"\n")
            if number == 1:
                what = next((w for signature, w in _SIGNATURES if raw.startswith(signature)), None)
                if what is not None:
                    errors.append(
                        LineError(
                            1,
                            None,
                            translate(
                                "Import", "ce fichier est {what}, pas un fichier JSON Lines : il n'a pas été lu."
                            ).format(what=translate("Import", what)),
                        )
                    )
                    _skip_rest_of_file(handle, stats, not ended)
                    return
            if len(raw) > max_bytes:  # the line end left out, is the line within the cap?
                if not ended and len(raw) == max_bytes + 2:
                    size = _skip_rest_of_line(handle, stats, raw)
                else:
                    size = len(raw) - ended - raw.endswith(b"\r\n")
                if size > max_bytes:
                    errors.append(
                        LineError(
                            number,
                            None,
                            translate(
                                "Import", "ligne trop longue ({size} octets ; {max} au plus) : elle n'a pas été lue."
                            ).format(size=group_digits(size), max=group_digits(max_bytes)),
                        )
                    )
                    continue
            if raw.startswith(_BOM):  # the start of the file, or of each file concatenated into it
                raw = raw[3:]
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                errors.append(
                    LineError(number, None, translate("Import", "texte non UTF-8 : enregistrez le fichier en UTF-8."))
                )
                continue
            if not text.strip(_JSON_SPACE):
                continue
            try:
                obj = _decode(text)
            except _Refused as exc:
                errors.append(LineError(number, None, exc.message))
                continue
            if obj.__class__ is not dict:
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
    follow_up_of, presence_id = values["follow_up_of"], values["presence_id"]
    written = dict(
        values,
        id=str(values["id"]),
        date=values["date"].isoformat(),
        start_time=format_start(values["start_time"]),
        mediators=[(pseudo, str(m_id)) for pseudo, m_id in values["mediators"]],
        follow_up_of=None if follow_up_of is None else str(follow_up_of),
        presence_id=None if presence_id is None else str(presence_id),
        updated_at=format_timestamp(values["updated_at"]),
    )
    return written_line(*(written[name] for name in WRITTEN_FIELDS))


def format_start(start: dt.time) -> str:
    return start.strftime("%H:%M")


# The parameters of written_line, in order: the stored columns the export reads (the dispositif as its
# label), then the children.
WRITTEN_FIELDS = (
    "id", "date", "start_time", "duration_min", "dispositif", "commune", "qpv", "place", "registre", "sub_registre",
    "domain", "origin", "modality", "tension", "outcome", "consent", "follow_up_of", "presence_id", "updated_at",
    "device_id", "mediators", "motifs", "publics", "partners",
)  # fmt: skip


def written_line(
    record_id: str,
    date: str,
    start: str,
    duration_min: int,
    dispositif: str | None,
    commune: str,
    qpv: str | None,
    place: str,
    registre: str,
    sub_registre: str | None,
    domain: str,
    origin: str,
    modality: str,
    tension: str,
    outcome: str,
    consent: str,
    follow_up_of: str | None,
    presence_id: str | None,
    updated_at: str,
    device_id: str,
    mediators: Iterable[tuple[str, str]],
    motifs: Iterable[str],
    publics: Iterable[tuple[str, str, str, int]],
    partners: Iterable[tuple[str, str]],
) -> dict[str, Any]:
    """:func:`to_line` for the values of :data:`WRITTEN_FIELDS` in their written form, given in that
    order: the UUIDs (the record's, its links, the mediators') as text, the date in ISO form, the start
    as :func:`format_start` and ``updated_at`` as :func:`format_timestamp` write them.

    The export streams through this one (it converts each stored value once, repeated ones from a cache).
    """
    line: dict[str, Any] = {
        "id": record_id,
        "date": date,
        "start": start,
        "duration_min": duration_min,
        "mediators": [{"id": m_id, "pseudonym": pseudo} for pseudo, m_id in sorted(mediators)],
    }
    if dispositif is not None:
        line["dispositif"] = dispositif
    line["commune"] = commune
    if qpv is not None:
        line["qpv"] = qpv
    line["place"] = place
    line["registre"] = registre
    if sub_registre is not None:
        line["sub_registre"] = sub_registre
    line["domain"] = domain
    line["motifs"] = sorted(motifs)
    if origin != "NR":
        line["origin"] = origin
    if modality != "NR":
        line["modality"] = modality
    if tension != "NR":
        line["tension"] = int(tension)
    line["publics"] = [
        {"type": p_type, "age": age, "sex": sex, "count": count} for p_type, age, sex, count in sorted(publics)
    ]
    line["partners"] = [{"type": p_type, "role": role} for p_type, role in sorted(partners)]
    line["outcome"] = outcome
    if consent != "NR":
        line["consent"] = consent
    if follow_up_of is not None:
        line["follow_up_of"] = follow_up_of
    if presence_id is not None:
        line["presence_id"] = presence_id
    line["updated_at"] = updated_at
    line["device_id"] = device_id
    return line
