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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from operator import is_
from pathlib import Path
from typing import Any, BinaryIO, Protocol

import msgspec
from msgspec import UNSET, UnsetType

from medios.i18n import QT_TRANSLATE_NOOP, translate
from medios.referentiel import Referentiel
from medios.services.errors import FieldError
from medios.services.rules import (
    COUNT_MAX,
    EARLIEST_DATE,
    MAX_DURATION,
    MIN_DURATION,
    NOTES_MAX,
    InterventionFields,
    PartnerLink,
    PublicCount,
    check_commune,
    check_intervention,
    check_partners,
    check_publics,
    check_qpv,
    encodable,
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


# --------------------------------------------------------------------------- fast path: a typed decoder
#
# A line as an export writes it is decoded by msgspec into the structures below, which check the JSON
# types while parsing (in C).  :func:`fast_parse` then gives the :class:`ParsedLine` that
# :class:`LineParser` would give, or ``None`` for any line it does not take as it is (a type error, a
# missing value, an unknown key, a list over its cap, a ``\\u`` escape, a key that may be written
# twice…): such a line goes the slow way, which reports every error in French.  The fast path only
# ever takes lines that the slow one takes without an error (tests/test_import_fast.py checks it).


# gc=False: these structures hold scalars and lists of each other, never a cycle, so the cyclic garbage
# collector has nothing to find in them; tracked, they crashed the process (segmentation fault in a
# later collection on the GUI thread, tests/test_import_fast.py then tests/test_ui_storage.py in one run,
# msgspec 0.23 on Python 3.11).
class _FastMediator(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    id: uuid.UUID
    pseudonym: str | None | UnsetType = UNSET


class _FastPublic(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    count: int
    type: str | UnsetType = UNSET  # left out: « NR », « NC », « NC » (as LineParser reads them)
    age: str | UnsetType = UNSET
    sex: str | UnsetType = UNSET


class _FastPartner(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    type: str
    role: str


class _FastLine(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    id: uuid.UUID | None | UnsetType = UNSET
    date: str | None | UnsetType = UNSET
    start: str | None | UnsetType = UNSET
    duration_min: int | None | UnsetType = UNSET
    mediators: list[_FastMediator | str] | None | UnsetType = UNSET
    dispositif: str | None | UnsetType = UNSET
    commune: str | None | UnsetType = UNSET
    qpv: str | None | UnsetType = UNSET
    site: str | None | UnsetType = UNSET
    place: str | None | UnsetType = UNSET
    registre: str | None | UnsetType = UNSET
    sub_registre: str | None | UnsetType = UNSET
    domain: str | None | UnsetType = UNSET
    motifs: list[str] | None | UnsetType = UNSET
    origin: str | None | UnsetType = UNSET
    modality: str | None | UnsetType = UNSET
    tension: int | str | None | UnsetType = UNSET
    publics: list[_FastPublic] | None | UnsetType = UNSET
    partners: list[_FastPartner] | None | UnsetType = UNSET
    outcome: str | None | UnsetType = UNSET
    notes: str | None | UnsetType = UNSET
    consent: str | None | UnsetType = UNSET
    follow_up_of: uuid.UUID | None | UnsetType = UNSET
    presence_id: uuid.UUID | None | UnsetType = UNSET
    updated_at: str | None | UnsetType = UNSET
    device_id: str | None | UnsetType = UNSET


_FAST_DECODER = msgspec.json.Decoder(_FastLine)
_FAST_FIELDS = _FastLine.__struct_fields__
_UNSETS = (UNSET,) * len(_FAST_FIELDS)
_FAST_ERRORS = (msgspec.DecodeError, msgspec.ValidationError)
_PUBLIC_KEYS = len(_FastPublic.__struct_fields__)
_PARTNER_KEYS = len(_FastPartner.__struct_fields__)
_fast_mediators: dict[tuple[uuid.UUID, str | None | UnsetType], tuple[MediatorRef, int]] = {}
_fast_present: dict[tuple[bool, ...], frozenset[str]] = {}
# Rows repeat from line to line: one immutable object for each (the caches are bounded).
_FAST_CACHED = 4096
_fast_publics: dict[tuple[str, str, str, int], PublicCount] = {}
_fast_partners: dict[tuple[str, str], PartnerLink] = {}


def _stripped(value: str | None | UnsetType) -> str | None:
    """What :meth:`LineParser.text` gives for a text, without its errors (``None``: absent or blank)."""
    if value is None or value is UNSET:
        return None
    return value.strip() or None


def _colons(value: str | None | UnsetType) -> int:
    return value.count(":") if value.__class__ is str else 0


def fast_parse(number: int, raw: bytes) -> ParsedLine | None:
    """The :class:`ParsedLine` of one line (bytes, byte order mark left out), or ``None``: see above."""
    if b"\\u" in raw:  # escapes may hide a lone surrogate or a colon: the slow way checks them
        return None
    try:
        obj = _FAST_DECODER.decode(raw)
    except _FAST_ERRORS:
        return None
    values = msgspec.structs.astuple(obj)
    absent = tuple(map(is_, values, _UNSETS))
    present = _fast_present.get(absent)
    if present is None:
        present = frozenset(name for name, gone in zip(_FAST_FIELDS, absent, strict=True) if not gone)
        if len(_fast_present) < _FAST_CACHED:
            _fast_present[absent] = present
    # Keys written twice: a decoder keeps the last one silently.  Each key is followed by one colon, and
    # no escape can write one (see above): when the line holds exactly as many colons as the keys
    # decoded plus the colons of the texts decoded, no key was written twice.
    keys = len(present)
    colons = (
        _colons(obj.start)
        + _colons(obj.updated_at)
        + _colons(obj.notes)
        + _colons(obj.site)
        + _colons(obj.dispositif)
        + _colons(obj.device_id)
    )
    (
        record_id,
        date_text,
        start_text,
        duration,
        mediator_items,
        dispositif,
        commune,
        qpv,
        site,
        place,
        registre,
        sub_registre,
        domain,
        motif_items,
        origin,
        modality,
        tension_value,
        public_items,
        partner_items,
        outcome,
        notes,
        consent,
        follow_up_of,
        presence_id,
        updated_at,
        device,
    ) = values
    if (
        date_text is None
        or date_text is UNSET
        or start_text is None
        or start_text is UNSET
        or duration.__class__ is not int
        or not MIN_DURATION <= duration <= MAX_DURATION  # bounded ints only: no 5,000-digit number here
        or not mediator_items
    ):
        return None
    mediators: list[MediatorRef] = []
    if len(mediator_items) > MEDIATORS_MAX:
        return None
    for item in mediator_items:
        if item.__class__ is str:
            name = item.strip()
            if not name:
                return None
            mediators.append(MediatorRef(name))
            colons += item.count(":")
        else:
            cached = _fast_mediators.get((item.id, item.pseudonym))
            if cached is None:
                pseudonym = item.pseudonym
                cached = (
                    MediatorRef(pseudonym.strip().upper() if pseudonym.__class__ is str else "", item.id),
                    1 + (pseudonym is not UNSET),
                )
                if len(_fast_mediators) < _FAST_CACHED:
                    _fast_mediators[(item.id, item.pseudonym)] = cached
            mediators.append(cached[0])
            keys += cached[1]
            colons += _colons(item.pseudonym)
    publics: tuple[PublicCount, ...] = ()
    publics_list: list[PublicCount] = []
    if public_items:
        if len(public_items) > PUBLICS_MAX:
            return None
        for p in public_items:
            if not 1 <= p.count <= COUNT_MAX:
                return None
            p_type, age, sex = p.type, p.age, p.sex
            if p_type is UNSET or age is UNSET or sex is UNSET:
                keys -= (p_type is UNSET) + (age is UNSET) + (sex is UNSET)
                p_type = "NR" if p_type is UNSET else p_type
                age = "NC" if age is UNSET else age
                sex = "NC" if sex is UNSET else sex
            row = (p_type, age, sex, p.count)
            public = _fast_publics.get(row)
            if public is None:
                public = PublicCount(*row)
                if len(_fast_publics) < _FAST_CACHED:
                    _fast_publics[row] = public
            publics_list.append(public)
        publics = tuple(publics_list)
        keys += _PUBLIC_KEYS * len(publics)
    partners: tuple[PartnerLink, ...] = ()
    if partner_items:
        if len(partner_items) > PARTNERS_MAX:
            return None
        partners_list: list[PartnerLink] = []
        for q in partner_items:
            pair = (q.type, q.role)
            partner = _fast_partners.get(pair)
            if partner is None:
                partner = PartnerLink(*pair)
                if len(_fast_partners) < _FAST_CACHED:
                    _fast_partners[pair] = partner
            partners_list.append(partner)
        partners = tuple(partners_list)
        keys += _PARTNER_KEYS * len(partners)
    if raw.count(b":") != keys + colons:
        return None
    day = _parse_date(date_text.strip())
    start = _parse_time(start_text.strip())
    commune = _stripped(commune)
    place, registre, domain, outcome = _stripped(place), _stripped(registre), _stripped(domain), _stripped(outcome)
    if day is None or start is None or commune is None or not (place and registre and domain and outcome):
        return None
    motifs: tuple[str, ...] = ()
    if motif_items:
        if len(motif_items) > MOTIFS_MAX:
            return None
        motifs = tuple(m.strip() for m in motif_items)
    tension = "NR"
    if tension_value is not None and tension_value is not UNSET:
        if tension_value.__class__ is int:
            if not 0 <= tension_value < 100:
                return None
            tension = str(tension_value)
        else:
            tension = tension_value
    if notes is not None and notes is not UNSET:
        notes = notes.strip()
    else:
        notes = None
    version = None
    if device is not None and device is not UNSET:
        if not device.strip() or len(device) > 64:
            return None
        device = device.strip()
    else:
        device = None
    if updated_at is not None and updated_at is not UNSET:
        stamp = _parse_timestamp(updated_at)
        if stamp is None:
            return None
        version = LineVersion(stamp, device)
    fields = InterventionFields(
        date=day,
        start_time=start,
        duration_min=duration,
        commune=normalise_commune(commune),
        place=place,
        registre=registre,
        domain=domain,
        outcome=outcome,
        qpv=_stripped(qpv),
        sub_registre=_stripped(sub_registre),
        origin=_stripped(origin) or "NR",
        modality=_stripped(modality) or "NR",
        tension=tension or "NR",
        consent=_stripped(consent) or "NR",
        motifs=motifs,
        publics=publics,
        partners=partners,
        notes=notes or None,
    )
    return ParsedLine(
        number=number,
        id=None if record_id is UNSET else record_id,
        fields=fields,
        mediators=mediators,
        dispositif=_stripped(dispositif),
        site=_stripped(site),
        present=present,
        follow_up_of=None if follow_up_of is UNSET else follow_up_of,
        presence_id=None if presence_id is UNSET else presence_id,
        version=version,
    )


@dataclass
class FileStats:
    """Filled while the file is read once: its line count and SHA-256 (recorded in the audit log)."""

    lines: int = 0
    digest: Any = field(default_factory=hashlib.sha256)
    bytes_read: int = 0  # for a progress bar: how far into the file the reading is


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


def _line_bytes(path: Path, errors: ErrorSink, stats: FileStats, max_bytes: int) -> Iterator[tuple[int, bytes]]:
    """Yield ``(line number, bytes)`` for each line within the cap (byte order mark left out); report the
    others (too long, or the first line of a file that is plainly not JSON Lines)."""
    with path.open("rb") as handle:
        number = 0
        while raw := handle.readline(max_bytes + 2):  # room for the line end, CRLF included
            number += 1
            stats.lines = number
            stats.digest.update(raw)
            stats.bytes_read += len(raw)
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
                    _skip_rest_of_file(handle, stats, not raw.endswith(b"\n"))
                    return
            if len(raw) > max_bytes:  # the line end left out, is the line within the cap?
                ended = raw.endswith(b"\n")
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
            yield number, raw


def _object(number: int, raw: bytes, errors: ErrorSink) -> dict[str, Any] | None:
    """The JSON object of one line, or ``None`` (a blank line, or an error reported)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        errors.append(
            LineError(number, None, translate("Import", "texte non UTF-8 : enregistrez le fichier en UTF-8."))
        )
        return None
    if not text.strip(_JSON_SPACE):
        return None
    try:
        obj = _decode(text)
    except _Refused as exc:
        errors.append(LineError(number, None, exc.message))
        return None
    if obj.__class__ is not dict:
        errors.append(LineError(number, None, translate("Import", "un objet JSON {…} est attendu par ligne.")))
        return None
    return obj


def read_lines(
    path: Path, errors: ErrorSink, stats: FileStats, *, max_bytes: int = LINE_MAX_BYTES
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line number, object)`` for each line holding a JSON object; report the other lines.

    The file is read in binary, one line at a time and never more than ``max_bytes`` of a line: a
    longer line is refused without being decoded, and skipped a bounded chunk at a time.  Blank lines
    are ignored; a UTF-8 byte order mark and CRLF line ends are accepted.  A file that is plainly not
    JSON Lines (a ZIP archive, a spreadsheet, a SQLite database, UTF-16 text) is refused at line 1.
    """
    for number, raw in _line_bytes(path, errors, stats, max_bytes):
        obj = _object(number, raw, errors)
        if obj is not None:
            yield number, obj


def read_parsed(
    path: Path, errors: ErrorSink, stats: FileStats, *, max_bytes: int = LINE_MAX_BYTES
) -> Iterator[tuple[int, ParsedLine | None, list[LineError]]]:
    """Yield ``(line number, parsed line or None, its errors)`` for each line holding a JSON object.

    What :func:`read_lines` then :class:`LineParser` give, faster: a line is first decoded by a typed
    decoder that checks the types while it parses (:func:`fast_parse`); a line it does not take as it is
    (an error, or anything unusual) goes the way of :func:`read_lines` and :class:`LineParser`, which
    give the French messages.  Errors of the reading itself (not JSON, too long…) go to ``errors``.
    """
    for number, raw in _line_bytes(path, errors, stats, max_bytes):
        parsed = fast_parse(number, raw)
        if parsed is not None:
            yield number, parsed, []
            continue
        obj = _object(number, raw, errors)
        if obj is not None:
            line_errors: list[LineError] = []
            yield number, LineParser(number, obj, line_errors).parse(), line_errors


def code_errors(line: ParsedLine, ref: Referentiel, today: dt.date) -> list[LineError]:
    return [LineError(line.number, e.field, e.message) for e in check_intervention(line.fields, ref, today)]


_CACHED_MAX = 4096  # values remembered by a CodeChecker for a field (a file uses a few dozen)
# Fields checked each on its own by check_intervention: field -> its vocabulary.
_SINGLE_CODES = (
    ("place", "LIEU"),
    ("registre", "REGISTRE"),
    ("domain", "DOMAINE"),
    ("outcome", "ISSUE"),
    ("origin", "ORIGINE"),
    ("modality", "MODALITE"),
    ("tension", "NIVEAU_TENSION"),
    ("consent", "CONSENTEMENT"),
)


class CodeChecker:
    """:func:`code_errors` for many lines: lines whose codes are all valid (nearly all) cost a few lookups.

    A code is valid when its vocabulary's active codes hold it (what :func:`.rules.check_code` tests
    first); a commune, a QPV, a sub-registre with its registre, a public row or a partner row is judged
    by the rule itself, once per distinct value, and remembered.  A line with anything refused is checked
    again by :func:`code_errors`, which gives the messages.
    """

    def __init__(self, ref: Referentiel, today: dt.date) -> None:
        self.ref = ref
        self.today = today
        self._codes = tuple(ref.active_codes(vocab) for _name, vocab in _SINGLE_CODES)
        self._motifs = ref.active_codes("MOTIF")
        self._communes: dict[str, bool] = {}
        self._qpvs: dict[str | None, bool] = {None: True}
        self._subs: dict[tuple[str | None, str], bool] = {}
        self._publics: dict[tuple[str, str, str], bool] = {}
        self._partners: dict[tuple[str, str], bool] = {}

    def errors(self, line: ParsedLine) -> list[LineError]:
        if self.valid(line.fields):
            return []
        return code_errors(line, self.ref, self.today)

    def valid(self, f: InterventionFields) -> bool:
        """Whether :func:`.rules.check_intervention` finds nothing to refuse in ``f`` (without the messages)."""
        if not (EARLIEST_DATE <= f.date <= self.today and MIN_DURATION <= f.duration_min <= MAX_DURATION):
            return False
        place, registre, domain, outcome, origin, modality, tension, consent = self._codes
        if not (
            f.place in place
            and f.registre in registre
            and f.domain in domain
            and f.outcome in outcome
            and f.origin in origin
            and f.modality in modality
            and f.tension in tension
            and f.consent in consent
        ):
            return False
        ok = self._communes.get(f.commune)
        if ok is None:
            ok = self._remember(self._communes, f.commune, _passes(check_commune, f.commune))
        if not ok:
            return False
        ok = self._qpvs.get(f.qpv)
        if ok is None:
            ok = self._remember(self._qpvs, f.qpv, _passes(check_qpv, f.qpv))
        if not ok:
            return False
        if f.sub_registre is not None:
            pair = (f.sub_registre, f.registre)
            ok = self._subs.get(pair)
            if ok is None:
                ok = self._remember(self._subs, pair, self._sub_registre_passes(f))
            if not ok:
                return False
        motifs = f.motifs
        if motifs and (len(set(motifs)) != len(motifs) or not self._motifs.issuperset(motifs)):
            return False
        if f.publics:
            seen_publics: set[tuple[str, str, str]] = set()
            for p in f.publics:
                row = (p.public_type, p.age_band, p.sex)
                ok = self._publics.get(row)
                if ok is None:
                    ok = self._remember(self._publics, row, _passes(check_publics, self.ref, [PublicCount(*row, 1)]))
                if not ok or not 1 <= p.count <= COUNT_MAX or row in seen_publics:
                    return False
                seen_publics.add(row)
        if f.partners:
            seen_partners: set[tuple[str, str]] = set()
            for q in f.partners:
                pair2 = (q.partner_type, q.role)
                ok = self._partners.get(pair2)
                if ok is None:
                    ok = self._remember(self._partners, pair2, _passes(check_partners, self.ref, [PartnerLink(*pair2)]))
                if not ok or pair2 in seen_partners:
                    return False
                seen_partners.add(pair2)
        return f.notes is None or (len(f.notes) <= NOTES_MAX and encodable(f.notes))

    def _sub_registre_passes(self, f: InterventionFields) -> bool:
        """Whether the rule refuses nothing about the sub-registre of ``f`` (with its registre)."""
        return all(e.field != "sub_registre" for e in check_intervention(f, self.ref, self.today))

    @staticmethod
    def _remember(cache: dict[Any, bool], key: Any, ok: bool) -> bool:
        if len(cache) < _CACHED_MAX:
            cache[key] = ok
        return ok


def _passes(check: Callable[..., None], *args: Any) -> bool:
    """Whether the rule ``check`` (which appends what it refuses to its first argument) refuses nothing."""
    errors: list[FieldError] = []
    check(errors, *args)
    return not errors


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
