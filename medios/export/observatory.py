"""The observatory file, format ``medios-observatoire/1`` (domain brief §7): writing it and reading it back.

The file is a ZIP holding:

- ``datapackage.json``: the manifest (§7.1) which is also a Frictionless Data Package descriptor, so
  that anyone can check the file with ``frictionless validate`` without Médios; each other member is
  a resource with its size and SHA-256;
- ``cellules.csv``: one row per cell (§7.2), the published figures;
- ``additivite.json``: the declared additive structure (equations and bounds between cell ids);
- ``cellules.xlsx``: the same cells with French labels beside the codes, for people;
- ``profil.json``: the structure's profile, in yearly files only (§7.3).

This module only knows the format: it takes plain data (:class:`Package`) from the services, which
compute the cells and choose what to mask, and never imports them.  Writing is deterministic (the
same package gives the same bytes), so that a file can be rebuilt and compared byte for byte.
Reading (:func:`read_package`) is for the auditor and for files received from elsewhere: it checks
everything the format promises and refuses, with a French message naming the member, the line and
the column, anything else, hostile archives included (bounded members, sizes and reads).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, Final

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from medios.export.output import save_bytes
from medios.files import describe_os_error

if TYPE_CHECKING:
    from _csv import Reader as CsvReader

FORMAT: Final = "medios-observatoire/1"

MANIFEST: Final = "datapackage.json"
CELLS: Final = "cellules.csv"
ADDITIVITY: Final = "additivite.json"
WORKBOOK: Final = "cellules.xlsx"
PROFILE: Final = "profil.json"
REQUIRED_MEMBERS: Final = (MANIFEST, CELLS, ADDITIVITY, WORKBOOK)

COLUMNS: Final = (
    "cell_id",
    "period",
    "observatory_id",
    "referentiel_version",
    "territory_level",
    "territory_code",
    "domain",
    "indicator",
    "dimension",
    "modality",
    "value",
    "status",
)
TERRITORY_LEVELS: Final = ("STRUCTURE", "DEPARTEMENT", "COMMUNE", "QPV")
STATUSES: Final = ("D", "M")  # diffusé, masqué
PERIOD_PATTERN: Final = r"[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?"  # anchored, as Table Schema patterns are

# Keys the writer puts in datapackage.json itself: the Frictionless structure, and the counts, which are
# computed from the rows so that they can never disagree with them.
STRUCTURE_KEYS: Final = frozenset({"profile", "$schema", "name", "resources"})
COUNT_KEYS: Final = frozenset({"cells", "masked"})
REQUIRED_MANIFEST_KEYS: Final = ("format", "observatory_id", "period", "referentiel_version", "threshold")

# The UTF-8 byte order mark opens cellules.csv: Excel, the spreadsheet most associations have, reads a
# CSV without it in the Windows code page and shows « Ã© » for « é »; LibreOffice and frictionless read
# UTF-8 with or without it (frictionless drops the mark before the header), and the reader here too.
BOM: Final = "\ufeff"
LINE_END: Final = "\r\n"  # RFC 4180, and what the csv module writes by default

# One fixed instant for every date the file would otherwise take from the clock: ZIP entries (the
# earliest date a ZIP can hold) and the workbook's created/modified properties.
FIXED_TIME: Final = (1980, 1, 1, 0, 0, 0)
FIXED_DATE: Final = dt.datetime(*FIXED_TIME)
FILE_MODE: Final = 0o644

# Limits for reading a file from elsewhere: far above any real file (a few thousand cells, five
# members), low enough that a hostile archive cannot exhaust memory or time.
MAX_MEMBERS: Final = 16
MAX_TOTAL_BYTES: Final = 200 * 1024 * 1024
CHUNK: Final = 1024 * 1024
END_RECORD: Final = 22  # size of a ZIP end-of-central-directory record without its comment

UNSIGNED = re.compile(r"0|[1-9][0-9]*")
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class PackageError(ValueError):
    """An observatory file that does not follow the format; ``str()`` is the French explanation."""


@dataclass(frozen=True)
class CellRow:
    """One line of ``cellules.csv`` without the file-wide columns (observatory id, référentiel version).

    ``status`` is ``"D"`` (diffusé: ``value`` is an integer ≥ 0) or ``"M"`` (masqué: ``value`` is None).
    """

    cell_id: int
    period: str
    territory_level: str
    territory_code: str
    domain: str
    indicator: str
    dimension: str
    modality: str
    value: int | None
    status: str


@dataclass(frozen=True)
class Package:
    """Everything an observatory file holds, as plain data.

    ``manifest`` holds the §7.1 fields chosen by the caller (``format``, ``observatory_id``, ``period``,
    ``referentiel_version``, ``threshold``, ``checked_against``, ``omitted``, ``cnil_tests``,
    ``open_months``, ``software_version``…); the writer adds the counts ``cells`` and ``masked`` and the
    Frictionless structure, and the reader gives them back without these.  ``additivity`` is the content
    of ``additivite.json`` (``equations``, ``bounds``, ``non_additive_dimensions``).  ``labels`` maps
    ``(kind, code)`` to a French label (kind ``INDICATOR``, ``DIMENSION``, ``DOMAIN``, ``TERRITORY`` or a
    dimension name for its modalities): used for the workbook only, so a package read back has none.
    ``profile`` is the content of ``profil.json`` (yearly files) or None.
    """

    manifest: Mapping[str, Any]
    cells: tuple[CellRow, ...]
    additivity: Mapping[str, Any]
    labels: Mapping[tuple[str, str], str]
    profile: Mapping[str, Any] | None = None


# --- Writing -----------------------------------------------------------------------------------------


def build_package(package: Package) -> bytes:
    """The observatory file's bytes (a deflated ZIP); the same package always gives the same bytes.

    Raises :class:`ValueError` (French) when the package breaks the format: the caller's bug, not the
    user's, but said plainly.
    """
    manifest = dict(package.manifest)
    _check_manifest_for_writing(manifest)
    cells = tuple(sorted(package.cells, key=lambda row: row.cell_id))
    _check_rows(cells, where=CELLS)
    _check_additivity(package.additivity, {row.cell_id for row in cells})
    members = {
        CELLS: _cells_csv(cells, manifest),
        ADDITIVITY: _json_bytes(package.additivity),
        WORKBOOK: _cells_xlsx(cells, manifest, package.labels),
    }
    if package.profile is not None:
        members[PROFILE] = _json_bytes(package.profile)
    members[MANIFEST] = _json_bytes(_descriptor(manifest, cells, members))
    return _zip(members)


def save_package(content: bytes, path: str | os.PathLike[str]) -> None:
    """Write a built file to ``path`` atomically (:class:`medios.export.output.ReportFileError`, French)."""
    save_bytes(content, path, what="le fichier")


def _check_manifest_for_writing(manifest: Mapping[str, Any]) -> None:
    reserved = sorted(STRUCTURE_KEYS & manifest.keys())
    if reserved:
        raise ValueError(f"champ réservé au format dans le manifeste : {', '.join(reserved)}.")
    if manifest.get("format") != FORMAT:
        raise ValueError(f"le manifeste doit avoir le format « {FORMAT} » (reçu : {manifest.get('format')!r}).")
    for key in REQUIRED_MANIFEST_KEYS:
        if key not in manifest:
            raise ValueError(f"champ « {key} » absent du manifeste.")
    for key in ("observatory_id", "referentiel_version"):  # copied on every row of the table
        _check_code(manifest[key], f"manifeste, champ « {key} »")


def _json_bytes(content: object) -> bytes:
    return (json.dumps(content, sort_keys=True, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _cells_csv(cells: Sequence[CellRow], manifest: Mapping[str, Any]) -> bytes:
    text = io.StringIO(newline="")
    text.write(BOM)
    writer = csv.writer(text, lineterminator=LINE_END)
    writer.writerow(COLUMNS)
    observatory_id, version = str(manifest["observatory_id"]), str(manifest["referentiel_version"])
    for row in cells:
        writer.writerow(
            (
                row.cell_id,
                row.period,
                observatory_id,
                version,
                row.territory_level,
                row.territory_code,
                row.domain,
                row.indicator,
                row.dimension,
                row.modality,
                "" if row.value is None else row.value,
                row.status,
            )
        )
    return text.getvalue().encode("utf-8")


def _descriptor(manifest: Mapping[str, Any], cells: Sequence[CellRow], members: Mapping[str, bytes]) -> dict[str, Any]:
    descriptor = dict(manifest)
    descriptor["profile"] = "data-package"
    descriptor["name"] = _package_name(manifest)
    descriptor["cells"] = len(cells)
    descriptor["masked"] = sum(row.status == "M" for row in cells)
    descriptor["resources"] = [_resource(name, content) for name, content in sorted(members.items())]
    return descriptor


def _package_name(manifest: Mapping[str, Any]) -> str:
    """A Frictionless package name (lower case, digits, ``-._``) saying whose file and which period."""
    words = ("medios-observatoire", str(manifest["observatory_id"]), str(manifest["period"]))
    return re.sub(r"[^a-z0-9._-]+", "-", "-".join(words).lower()).strip("-")


RESOURCE_TYPES: Final[Mapping[str, tuple[str, str, str]]] = {
    # member: (resource name, format, media type)
    CELLS: ("cellules", "csv", "text/csv"),
    ADDITIVITY: ("additivite", "json", "application/json"),
    WORKBOOK: ("cellules-xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    PROFILE: ("profil", "json", "application/json"),
}


def _resource(member: str, content: bytes) -> dict[str, Any]:
    name, fmt, mediatype = RESOURCE_TYPES[member]
    resource: dict[str, Any] = {
        "name": name,
        "path": member,
        "format": fmt,
        "mediatype": mediatype,
        "bytes": len(content),
        "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
    }
    if member == CELLS:
        resource |= {
            "profile": "tabular-data-resource",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "doubleQuote": True, "header": True, "lineTerminator": LINE_END},
            "schema": _table_schema(),
        }
    elif fmt == "json":
        resource |= {"profile": "data-resource", "encoding": "utf-8"}
    else:
        resource["profile"] = "data-resource"
    return resource


def _table_schema() -> dict[str, Any]:
    def text(name: str, description: str, **constraints: Any) -> dict[str, Any]:
        return {
            "name": name,
            "type": "string",
            "description": description,
            "constraints": {"required": True, **constraints},
        }

    fields = [
        {
            "name": "cell_id",
            "type": "integer",
            "description": "Identifiant de la cellule, unique dans le fichier (utilisé par additivite.json)",
            "constraints": {"required": True, "unique": True, "minimum": 0},
        },
        text("period", "Période : AAAA-MM, AAAA-Tn (AAAA-Qn) ou AAAA", pattern=PERIOD_PATTERN),
        text("observatory_id", "Identifiant pseudonyme de la structure"),
        text("referentiel_version", "Version du référentiel des codes"),
        text("territory_level", "Niveau de territoire", enum=list(TERRITORY_LEVELS)),
        text("territory_code", "Code du territoire (* pour toute la structure)"),
        text("domain", "Code du domaine (* pour tous)"),
        text("indicator", "Code de l'indicateur"),
        text("dimension", "Dimension (TOTAL ou nom d'un vocabulaire)"),
        text("modality", "Code de la modalité (* pour le total)"),
        {
            "name": "value",
            "type": "integer",
            "description": "Valeur (nombre ou minutes) ; vide quand la cellule est masquée",
            "constraints": {"minimum": 0},
        },
        text("status", "D : diffusée, M : masquée", enum=list(STATUSES)),
    ]
    return {"fields": fields, "primaryKey": ["cell_id"], "missingValues": [""]}


# The workbook: the CSV's columns, with a French label after each code that has one.
LABELLED: Final[Mapping[str, tuple[str, str]]] = {
    # code column: (label kind, label column header)
    "territory_code": ("TERRITORY", "Libellé du territoire"),
    "domain": ("DOMAIN", "Libellé du domaine"),
    "indicator": ("INDICATOR", "Libellé de l'indicateur"),
    "dimension": ("DIMENSION", "Libellé de la dimension"),
    "modality": ("", "Libellé de la modalité"),  # the kind is the row's dimension
}
DEFAULT_LABELS: Final[Mapping[tuple[str, str], str]] = {
    ("TERRITORY", "*"): "Toute la structure",
    ("DOMAIN", "*"): "Tous domaines",
    ("DIMENSION", "TOTAL"): "Total",
    ("TOTAL", "*"): "Ensemble",
}
README_LINES: Final = (
    "Cellules de l'observatoire de la médiation sociale (format medios-observatoire/1)",
    "",
    "La feuille « Cellules » contient une ligne par chiffre publié, comme le fichier cellules.csv.",
    "cell_id : numéro de la cellule, unique dans le fichier (additivite.json s'y réfère).",
    "period : la période (AAAA-MM pour un mois, AAAA-Qn pour un trimestre, AAAA pour une année).",
    "observatory_id : l'identifiant pseudonyme de la structure ; referentiel_version : la version des codes.",
    "territory_level et territory_code : STRUCTURE (*), DEPARTEMENT, COMMUNE (code INSEE) ou QPV.",
    "domain : le domaine d'activité (* pour tous) ; indicator : ce qui est compté.",
    "dimension et modality : TOTAL et * pour un total, sinon un vocabulaire et l'un de ses codes.",
    "Les colonnes « Libellé… » donnent en clair le code placé à leur gauche.",
    "value : la valeur (un nombre, ou des minutes pour les indicateurs DUREE_…).",
    "status : D quand la valeur est diffusée, M quand elle est masquée.",
    "Une valeur vide avec le statut M signifie que la cellule est masquée pour protéger les personnes :",
    "elle n'est pas nulle, elle n'est pas publiée (petits effectifs, ou calcul possible à partir des autres).",
    "Le motif (MOTIF) peut en compter plusieurs par intervention : ses modalités ne s'additionnent pas.",
    "Le fichier datapackage.json décrit l'ensemble et donne l'empreinte SHA-256 de chaque fichier.",
)
MASKED_FILL: Final = "EEEEEE"


def _cells_xlsx(cells: Sequence[CellRow], manifest: Mapping[str, Any], labels: Mapping[tuple[str, str], str]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Cellules"
    headers: list[str] = []
    for column in COLUMNS:
        headers.append(column)
        if column in LABELLED:
            headers.append(LABELLED[column][1])
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    observatory_id, version = str(manifest["observatory_id"]), str(manifest["referentiel_version"])
    grey = PatternFill("solid", start_color=MASKED_FILL, end_color=MASKED_FILL)
    for row in cells:
        sheet.append(_workbook_row(row, observatory_id, version, labels))
        if row.status == "M":
            for cell in sheet[sheet.max_row]:
                cell.fill = grey
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(sheet.max_row, 1)}"
    _fit_columns(sheet)
    readme = book.create_sheet("Lisez-moi")
    for line in README_LINES:
        readme.append([line])
    readme["A1"].font = Font(bold=True)
    readme.column_dimensions["A"].width = 110
    book.properties.creator = "Médios"
    book.properties.title = f"Observatoire {manifest['observatory_id']} {manifest['period']}"
    book.properties.created = FIXED_DATE
    book.properties.modified = FIXED_DATE
    raw = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the current time as « modified ».
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return _rezip(raw.getvalue())


def _workbook_row(
    row: CellRow, observatory_id: str, version: str, labels: Mapping[tuple[str, str], str]
) -> list[str | int | None]:
    values: dict[str, str | int | None] = {
        "cell_id": row.cell_id,
        "period": row.period,
        "observatory_id": observatory_id,
        "referentiel_version": version,
        "territory_level": row.territory_level,
        "territory_code": row.territory_code,
        "domain": row.domain,
        "indicator": row.indicator,
        "dimension": row.dimension,
        "modality": row.modality,
        "value": row.value,
        "status": row.status,
    }
    line: list[str | int | None] = []
    for column in COLUMNS:
        line.append(values[column])
        if column in LABELLED:
            kind = LABELLED[column][0] or row.dimension
            code = str(values[column])
            label = labels.get((kind, code), DEFAULT_LABELS.get((kind, code)))
            line.append(None if label is None else ILLEGAL_CHARACTERS_RE.sub("", label))
    return line


def _fit_columns(sheet: Worksheet) -> None:
    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for index, cell in enumerate(row, start=1):
            if cell.value is not None:
                widths[index] = max(widths.get(index, 0), len(str(cell.value)))
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever the system that writes: the permissions below mean the same
    info.external_attr = (0o100000 | FILE_MODE) << 16
    return info


def _zip(members: Mapping[str, bytes]) -> bytes:
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(members):
            archive.writestr(_zip_info(name), members[name], compresslevel=9)
    return raw.getvalue()


def _rezip(content: bytes) -> bytes:
    """The same ZIP, in the same member order, with fixed dates and permissions."""
    raw = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(_zip_info(info.filename), source.read(info), compresslevel=9)
    return raw.getvalue()


# --- Checks shared by the writer and the reader ------------------------------------------------------


def _check_row(row: CellRow, where: str) -> None:
    if row.cell_id < 0:
        raise PackageError(f"{where}, colonne « cell_id » : {row.cell_id} n'est pas un entier positif ou nul.")
    for column in ("period", "territory_level", "territory_code", "domain", "indicator", "dimension", "modality"):
        _check_code(getattr(row, column), f"{where}, colonne « {column} »")
    if not re.fullmatch(PERIOD_PATTERN, row.period):
        raise PackageError(
            f"{where}, colonne « period » : « {row.period} » n'est pas une période (AAAA-MM, AAAA-Qn ou AAAA)."
        )
    if row.territory_level not in TERRITORY_LEVELS:
        raise PackageError(
            f"{where}, colonne « territory_level » : « {row.territory_level} » inconnu"
            f" (attendu : {', '.join(TERRITORY_LEVELS)})."
        )
    if row.status not in STATUSES:
        raise PackageError(f"{where}, colonne « status » : « {row.status} » inconnu (attendu : D ou M).")
    if row.status == "M" and row.value is not None:
        raise PackageError(f"{where}, colonne « value » : une cellule masquée (M) ne doit pas avoir de valeur.")
    if row.status == "D" and row.value is None:
        raise PackageError(f"{where}, colonne « value » : une cellule diffusée (D) doit avoir une valeur.")
    if row.value is not None and row.value < 0:
        raise PackageError(f"{where}, colonne « value » : {row.value} n'est pas un entier positif ou nul.")


def _check_code(value: object, where: str) -> None:
    """A code is a non-empty text on one line: no control character (a line break, a tab…), which
    neither a spreadsheet cell nor a code list would hold."""
    if not isinstance(value, str) or not value:
        raise PackageError(f"{where} : valeur vide.")
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise PackageError(f"{where} : caractère de contrôle (saut de ligne, tabulation…) interdit dans un code.")


def _check_rows(cells: Iterable[CellRow], where: str) -> None:
    seen: set[int] = set()
    for row in cells:
        _check_row(row, f"{where}, cellule {row.cell_id}")
        if row.cell_id in seen:
            raise PackageError(f"{where} : la cellule {row.cell_id} apparaît deux fois.")
        seen.add(row.cell_id)


def _is_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_additivity(additivity: object, ids: set[int]) -> None:
    """The shape of ``additivite.json`` and that every cell id it names is a cell of the file."""
    where = ADDITIVITY
    if not isinstance(additivity, Mapping):
        raise PackageError(f"{where} : un objet JSON est attendu.")
    for key in ("equations", "bounds", "non_additive_dimensions"):
        if not isinstance(additivity.get(key), list):
            raise PackageError(f"{where} : la clé « {key} » doit être une liste.")
    for number, equation in enumerate(additivity["equations"], start=1):
        if not isinstance(equation, Mapping):
            raise PackageError(f"{where}, équation n° {number} : un objet JSON est attendu.")
        total, parts = equation.get("total"), equation.get("parts")
        if not _is_id(total) or not isinstance(parts, list) or not all(_is_id(part) for part in parts):
            raise PackageError(
                f"{where}, équation n° {number} : « total » doit être un entier et « parts » une liste d'entiers."
            )
        for cell_id in (total, *parts):
            if cell_id not in ids:
                raise PackageError(f"{where}, équation n° {number} : la cellule {cell_id} n'existe pas dans {CELLS}.")
    for number, bound in enumerate(additivity["bounds"], start=1):
        if not isinstance(bound, Mapping):
            raise PackageError(f"{where}, borne n° {number} : un objet JSON est attendu.")
        for key in ("smaller", "larger"):
            cell_id = bound.get(key)
            if not _is_id(cell_id):
                raise PackageError(f"{where}, borne n° {number} : « {key} » doit être un entier.")
            if cell_id not in ids:
                raise PackageError(f"{where}, borne n° {number} : la cellule {cell_id} n'existe pas dans {CELLS}.")
    if not all(isinstance(name, str) for name in additivity["non_additive_dimensions"]):
        raise PackageError(f"{where} : « non_additive_dimensions » doit être une liste de noms.")


# --- Reading -----------------------------------------------------------------------------------------


def read_package(data: bytes) -> Package:
    """The package held in an observatory file's bytes; :class:`PackageError` (French) if it is not one."""
    return _read_archive(io.BytesIO(data))


def read_package_file(path: str | os.PathLike[str]) -> Package:
    """The package in the file at ``path``, read without loading more than the limits allow."""
    target = os.fspath(path)
    try:
        with open(target, "rb") as handle:
            return _read_archive(handle)
    except OSError as exc:
        raise PackageError(f"Impossible de lire « {target} » : {describe_os_error(exc)}.") from exc


def _read_archive(source: IO[bytes]) -> Package:
    _check_directory(source)
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise PackageError(
            "Ce fichier n'est pas une archive ZIP d'observatoire (fichier abîmé ou d'un autre type)."
        ) from exc
    with archive:
        infos = _checked_members(archive)
        members = {name: _read_member(archive, info) for name, info in infos.items()}
    return _parse(members)


def _check_directory(source: IO[bytes]) -> None:
    """Refuse an archive too large, or announcing too many members, before zipfile reads its directory
    (which it would load whole, one object per member).

    The count is read in the end-of-directory record, found as zipfile finds it: in the last 64 KiB.
    A ZIP64 archive (more than 65 535 members, or over 4 GB) is never an observatory file.
    """
    size = source.seek(0, os.SEEK_END)
    if size > MAX_TOTAL_BYTES:
        raise PackageError(f"Ce fichier fait {size} octets, au-delà de la limite de {MAX_TOTAL_BYTES} octets.")
    start = max(0, size - END_RECORD - 0xFFFF)
    source.seek(start)
    tail = source.read(size - start)
    position = tail.rfind(b"PK\x05\x06")
    source.seek(0)
    if position < 0 or len(tail) < position + END_RECORD:
        return  # not a ZIP: zipfile says so below
    entries = int.from_bytes(tail[position + 10 : position + 12], "little")
    if entries > MAX_MEMBERS:
        raise PackageError(
            f"L'archive annonce {entries} fichiers ; un fichier d'observatoire en a au plus {MAX_MEMBERS}."
        )


def _checked_members(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """The members by name, after refusing what a hostile archive could hold, before reading any."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise PackageError(
            f"L'archive contient {len(infos)} fichiers ; un fichier d'observatoire en a au plus {MAX_MEMBERS}."
        )
    by_name: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.filename
        if not SAFE_NAME.fullmatch(name) or ".." in name:
            raise PackageError(
                f"Nom de fichier refusé dans l'archive : « {name[:80]} » (dossier, chemin ou caractère interdit)."
            )
        if name in by_name:
            raise PackageError(f"Le fichier « {name} » apparaît deux fois dans l'archive.")
        if info.flag_bits & 0x1:
            raise PackageError(
                f"Le fichier « {name} » de l'archive est chiffré : un fichier d'observatoire ne l'est pas."
            )
        by_name[name] = info
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise PackageError(
            f"L'archive décompressée ferait {total} octets, au-delà de la limite de {MAX_TOTAL_BYTES} octets."
        )
    return by_name


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes, read in chunks and never beyond its declared size."""
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as handle:
            while chunk := handle.read(CHUNK):
                size += len(chunk)
                if size > info.file_size:
                    raise PackageError(
                        f"Le fichier « {info.filename} » est plus long que sa taille déclarée dans l'archive."
                    )
                chunks.append(chunk)
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError, RuntimeError) as exc:
        raise PackageError(f"Le fichier « {info.filename} » de l'archive est illisible (archive abîmée).") from exc
    return b"".join(chunks)


def _parse(members: Mapping[str, bytes]) -> Package:
    if MANIFEST not in members:
        raise PackageError(f"Fichier « {MANIFEST} » absent de l'archive.")
    descriptor = _load_json(members[MANIFEST], MANIFEST)
    if not isinstance(descriptor, dict):
        raise PackageError(f"{MANIFEST} : un objet JSON est attendu.")
    fmt = descriptor.get("format")
    if fmt != FORMAT:
        raise PackageError(f"{MANIFEST} : format « {fmt} » inconnu ; ce fichier n'est pas au format {FORMAT}.")
    for key in REQUIRED_MANIFEST_KEYS:
        if key not in descriptor:
            raise PackageError(f"{MANIFEST} : champ « {key} » absent.")
    _check_resources(descriptor, members)
    cells = _parse_cells(members[CELLS], descriptor)
    ids = {row.cell_id for row in cells}
    for key, expected in (("cells", len(cells)), ("masked", sum(row.status == "M" for row in cells))):
        if descriptor.get(key) != expected:
            raise PackageError(
                f"{MANIFEST} : « {key} » vaut {descriptor.get(key)!r} alors que {CELLS} en compte {expected}."
            )
    additivity = _load_json(members[ADDITIVITY], ADDITIVITY)
    _check_additivity(additivity, ids)
    profile = None
    if PROFILE in members:
        profile = _load_json(members[PROFILE], PROFILE)
        if not isinstance(profile, dict):
            raise PackageError(f"{PROFILE} : un objet JSON est attendu.")
    manifest = {key: value for key, value in descriptor.items() if key not in STRUCTURE_KEYS | COUNT_KEYS}
    return Package(manifest=manifest, cells=cells, additivity=additivity, labels={}, profile=profile)


def _load_json(content: bytes, member: str) -> Any:
    try:
        return json.loads(content.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise PackageError(f"{member} n'est pas écrit en UTF-8 (octet {exc.start + 1}).") from exc
    except json.JSONDecodeError as exc:
        raise PackageError(f"{member} : JSON illisible (ligne {exc.lineno}, colonne {exc.colno} : {exc.msg}).") from exc
    except RecursionError as exc:
        raise PackageError(f"{member} : JSON trop imbriqué.") from exc


def _check_resources(descriptor: Mapping[str, Any], members: Mapping[str, bytes]) -> None:
    """Every member is declared, every declared member is there, with its size and SHA-256."""
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not all(isinstance(item, Mapping) for item in resources):
        raise PackageError(f"{MANIFEST} : « resources » doit être une liste d'objets.")
    declared: dict[str, Mapping[str, Any]] = {}
    for resource in resources:
        path = resource.get("path")
        if not isinstance(path, str):
            raise PackageError(f"{MANIFEST} : une ressource n'a pas de « path ».")
        if path in declared:
            raise PackageError(f"{MANIFEST} : le fichier « {path} » est déclaré deux fois.")
        declared[path] = resource
    for name in REQUIRED_MEMBERS:
        if name != MANIFEST and name not in members:
            raise PackageError(f"Fichier « {name} » absent de l'archive.")
    for name in sorted(members):
        if name != MANIFEST and name not in declared:
            raise PackageError(f"Le fichier « {name} » de l'archive n'est pas déclaré dans {MANIFEST}.")
    for path in sorted(declared):
        if path not in members:
            raise PackageError(f"{MANIFEST} déclare le fichier « {path} », absent de l'archive.")
        if path not in RESOURCE_TYPES:
            raise PackageError(f"Le fichier « {path} » n'appartient pas au format {FORMAT}.")
        _check_integrity(path, declared[path], members[path])


def _check_integrity(path: str, resource: Mapping[str, Any], content: bytes) -> None:
    size = resource.get("bytes")
    if size != len(content):
        raise PackageError(
            f"{path} : taille {len(content)} octets, {MANIFEST} en annonce {size!r} : fichier modifié ou abîmé."
        )
    declared = resource.get("hash")
    if not isinstance(declared, str) or not declared.startswith("sha256:"):
        raise PackageError(f"{MANIFEST} : l'empreinte de « {path} » doit s'écrire « sha256:… ».")
    if hashlib.sha256(content).hexdigest() != declared.removeprefix("sha256:").lower():
        raise PackageError(f"{path} : l'empreinte SHA-256 ne correspond pas à {MANIFEST} : fichier modifié ou abîmé.")


def _parse_cells(content: bytes, manifest: Mapping[str, Any]) -> tuple[CellRow, ...]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PackageError(f"{CELLS} n'est pas écrit en UTF-8 (octet {exc.start + 1}).") from exc
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = list(_numbered(reader))
    except csv.Error as exc:
        raise PackageError(f"{CELLS}, ligne {reader.line_num} : CSV illisible ({exc}).") from exc
    if not rows or tuple(rows[0][1]) != COLUMNS:
        found = ", ".join(rows[0][1]) if rows else "rien"
        raise PackageError(f"{CELLS}, ligne 1 : en-tête inattendu ({found[:200]}) ; attendu : {', '.join(COLUMNS)}.")
    expected = {
        "observatory_id": str(manifest["observatory_id"]),
        "referentiel_version": str(manifest["referentiel_version"]),
    }
    cells: list[CellRow] = []
    first_line: dict[int, int] = {}
    for line, fields in rows[1:]:
        where = f"{CELLS}, ligne {line}"
        if len(fields) != len(COLUMNS):
            raise PackageError(f"{where} : {len(fields)} colonnes au lieu de {len(COLUMNS)}.")
        values = dict(zip(COLUMNS, fields, strict=True))
        for column, value in expected.items():
            if values[column] != value:
                raise PackageError(
                    f"{where}, colonne « {column} » : « {values[column]} » au lieu de « {value} » ({MANIFEST})."
                )
        row = CellRow(
            cell_id=_unsigned(values["cell_id"], where, "cell_id"),
            period=values["period"],
            territory_level=values["territory_level"],
            territory_code=values["territory_code"],
            domain=values["domain"],
            indicator=values["indicator"],
            dimension=values["dimension"],
            modality=values["modality"],
            value=None if values["value"] == "" else _unsigned(values["value"], where, "value"),
            status=values["status"],
        )
        _check_row(row, where)
        if row.cell_id in first_line:
            raise PackageError(
                f"{where}, colonne « cell_id » : la cellule {row.cell_id} figure déjà ligne {first_line[row.cell_id]}."
            )
        first_line[row.cell_id] = line
        cells.append(row)
    return tuple(sorted(cells, key=lambda row: row.cell_id))


def _numbered(reader: CsvReader) -> Iterator[tuple[int, list[str]]]:
    """Rows with the line on which each starts (a quoted field may span lines)."""
    line = 1
    for row in reader:
        yield line, row
        line = reader.line_num + 1


def _unsigned(text: str, where: str, column: str) -> int:
    if not UNSIGNED.fullmatch(text):
        raise PackageError(f"{where}, colonne « {column} » : « {text[:40]} » n'est pas un entier positif ou nul.")
    return int(text)
