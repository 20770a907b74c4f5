"""The observatory file format ``medios-observatoire/1``: written deterministically, read back exactly,
accepted by frictionless, and every broken or hostile file refused with a French message that says where."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import frictionless
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as strat
from openpyxl import load_workbook

from medios.export import observatory as obs
from medios.export.observatory import FORMAT, CellRow, Package, PackageError, build_package, read_package
from medios.export.output import ReportFileError

ROOT = Path(__file__).resolve().parent.parent
ACCENTS = "é, è, à, ç, « »"

MANIFEST: dict[str, Any] = {
    "format": FORMAT,
    "observatory_id": "OBS-7F3A",
    "period": "2026",
    "referentiel_version": "MEDIOS-2026.1",
    "threshold": 11,
    "checked_against": [{"file_sha256": "ab" * 32, "period": "2026-Q4"}],
    "omitted": [["NB_INTERVENTIONS", "MOTIF"]],
    "cnil_tests": {
        "individualisation": {"ok": True, "detail": "aucun effectif de 1 à 10 diffusé"},
        "corrélation": {"ok": True, "detail": "codes grossiers, masques stables"},
        "inférence": {"ok": True, "detail": "intervalles d'au moins 11"},
    },
    "open_months": [],
    "software_version": "0.1.0",
}
CELLS = (
    CellRow(3, "2026", "STRUCTURE", "*", "*", "NB_INTERVENTIONS", "REGISTRE", "VTEC", None, "M"),
    CellRow(1, "2026", "STRUCTURE", "*", "*", "NB_INTERVENTIONS", "TOTAL", "*", 42, "D"),
    CellRow(2, "2026", "STRUCTURE", "*", "*", "NB_INTERVENTIONS", "REGISTRE", "TRAN", None, "M"),
    CellRow(4, "2026", "COMMUNE", "75056", "*", "NB_INTERVENTIONS", "TOTAL", "*", 42, "D"),
    CellRow(5, "2026", "QPV", "QN07501M", "*", "NB_CONTACTS", "SEXE", "FÉMININ_" + ACCENTS, 0, "D"),
)
ADDITIVITY: dict[str, Any] = {
    "equations": [{"total": 1, "parts": [2, 3]}, {"total": 1, "parts": [4]}],
    "bounds": [{"smaller": 5, "larger": 1}],
    "non_additive_dimensions": ["MOTIF"],
}
LABELS = {
    ("INDICATOR", "NB_INTERVENTIONS"): "Nombre d'interventions",
    ("DIMENSION", "REGISTRE"): "Registre",
    ("REGISTRE", "TRAN"): "Tranquillité publique",
    ("TERRITORY", "75056"): "Paris",
}
PROFILE: dict[str, Any] = {"observatory_id": "OBS-7F3A", "year": 2026, "headcount": 12, "legal_status": "ASSO"}


def sample(**changes: Any) -> Package:
    return dataclasses.replace(Package(MANIFEST, CELLS, ADDITIVITY, LABELS, PROFILE), **changes)


def members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zipped(files: dict[str, bytes]) -> bytes:
    raw = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a duplicate name on purpose
        with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in files.items():
                archive.writestr(name.split("#")[0], content)
    return raw.getvalue()


def descriptor(files: dict[str, bytes]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(files["datapackage.json"])
    return loaded


def rehashed(files: dict[str, bytes]) -> dict[str, bytes]:
    """The members with datapackage.json's sizes and hashes made to match them: past the integrity
    checks, so that a test reaches the check it is about."""
    manifest = descriptor(files)
    for resource in manifest["resources"]:
        content = files.get(resource["path"])
        if content is not None:
            resource["bytes"] = len(content)
            resource["hash"] = "sha256:" + hashlib.sha256(content).hexdigest()
    return files | {"datapackage.json": json.dumps(manifest).encode()}


def with_csv_line(line: int, text: str) -> Callable[[dict[str, bytes]], dict[str, bytes]]:
    """Replace a line of cellules.csv (1 is the header) and fix the hashes."""

    def tamper(files: dict[str, bytes]) -> dict[str, bytes]:
        lines = files["cellules.csv"].decode("utf-8-sig").split("\r\n")
        lines[line - 1] = text
        return rehashed(files | {"cellules.csv": "\r\n".join(lines).encode()})

    return tamper


def with_manifest(**fields: Any) -> Callable[[dict[str, bytes]], dict[str, bytes]]:
    def tamper(files: dict[str, bytes]) -> dict[str, bytes]:
        return files | {"datapackage.json": json.dumps(descriptor(files) | fields).encode()}

    return tamper


def with_member(name: str, content: bytes) -> Callable[[dict[str, bytes]], dict[str, bytes]]:
    return lambda files: rehashed(files | {name: content})


def without(name: str, *, declared: bool) -> Callable[[dict[str, bytes]], dict[str, bytes]]:
    def tamper(files: dict[str, bytes]) -> dict[str, bytes]:
        files = {key: value for key, value in files.items() if key != name}
        if not declared and name != "datapackage.json":
            manifest = descriptor(files)
            manifest["resources"] = [r for r in manifest["resources"] if r["path"] != name]
            files["datapackage.json"] = json.dumps(manifest).encode()
        return files

    return tamper


def flip_a_byte(files: dict[str, bytes]) -> dict[str, bytes]:
    content = bytearray(files["cellules.csv"])
    position = content.index(b"42,D")
    content[position] = ord("5")
    return files | {"cellules.csv": bytes(content)}


def additivity_of(content: object) -> Callable[[dict[str, bytes]], dict[str, bytes]]:
    return with_member("additivite.json", json.dumps(content).encode())


ROW = "1,2026,OBS-7F3A,MEDIOS-2026.1,STRUCTURE,*,*,NB_INTERVENTIONS,TOTAL,*,{value},{status}"
REFUSALS: dict[str, tuple[Callable[[dict[str, bytes]], dict[str, bytes]], str]] = {
    "missing-workbook": (without("cellules.xlsx", declared=False), "Fichier « cellules.xlsx » absent de l'archive."),
    "missing-manifest": (without("datapackage.json", declared=False), "Fichier « datapackage.json » absent"),
    "declared-absent": (
        without("profil.json", declared=True),
        "datapackage.json déclare le fichier « profil.json », absent de l'archive.",
    ),
    "undeclared": (
        lambda files: files | {"notes.txt": b"bonjour"},
        "Le fichier « notes.txt » de l'archive n'est pas déclaré dans datapackage.json.",
    ),
    "hash": (
        flip_a_byte,
        "cellules.csv : l'empreinte SHA-256 ne correspond pas à datapackage.json : fichier modifié ou abîmé.",
    ),
    "size": (lambda files: files | {"cellules.csv": files["cellules.csv"] + b"\r\n"}, "cellules.csv : taille"),
    "workbook-hash": (
        lambda files: files | {"cellules.xlsx": files["cellules.xlsx"][:-1] + b"\x01"},
        "cellules.xlsx : l'empreinte SHA-256 ne correspond pas",
    ),
    "format": (
        with_manifest(format="medios-observatoire/2"),
        "datapackage.json : format « medios-observatoire/2 » inconnu ; ce fichier n'est pas au format medios-observatoire/1.",
    ),
    "manifest-field": (
        lambda files: (
            files
            | {
                "datapackage.json": json.dumps(
                    {k: v for k, v in descriptor(files).items() if k != "threshold"}
                ).encode()
            }
        ),
        "datapackage.json : champ « threshold » absent.",
    ),
    "manifest-json": (
        lambda files: files | {"datapackage.json": b'{"format": '},
        "datapackage.json : JSON illisible (ligne 1, colonne 12",
    ),
    "counts": (
        with_manifest(masked=0),
        "datapackage.json : « masked » vaut 0 alors que cellules.csv en compte 2.",
    ),
    "header": (
        with_csv_line(1, "cell_id,period,observatory_id,referentiel_version,territory_level,territory_code,"),
        "cellules.csv, ligne 1 : en-tête inattendu",
    ),
    "decimal": (
        with_csv_line(2, ROW.format(value="4.5", status="D")),
        "cellules.csv, ligne 2, colonne « value » : « 4.5 » n'est pas un entier positif ou nul.",
    ),
    "negative": (
        with_csv_line(2, ROW.format(value="-3", status="D")),
        "cellules.csv, ligne 2, colonne « value » : « -3 » n'est pas un entier positif ou nul.",
    ),
    "cell-id": (
        with_csv_line(3, "x" + ROW[1:].format(value="4", status="D")),
        "cellules.csv, ligne 3, colonne « cell_id » : « x » n'est pas un entier positif ou nul.",
    ),
    "status": (
        with_csv_line(2, ROW.format(value="42", status="X")),
        "cellules.csv, ligne 2, colonne « status » : « X » inconnu (attendu : D ou M).",
    ),
    "masked-with-value": (
        with_csv_line(2, ROW.format(value="42", status="M")),
        "cellules.csv, ligne 2, colonne « value » : une cellule masquée (M) ne doit pas avoir de valeur.",
    ),
    "shown-without-value": (
        with_csv_line(2, ROW.format(value="", status="D")),
        "cellules.csv, ligne 2, colonne « value » : une cellule diffusée (D) doit avoir une valeur.",
    ),
    "level": (
        with_csv_line(2, ROW.replace("STRUCTURE", "REGION").format(value="42", status="D")),
        "cellules.csv, ligne 2, colonne « territory_level » : « REGION » inconnu",
    ),
    "period": (
        with_csv_line(2, ROW.replace(",2026,", ",2026-13,").format(value="42", status="D")),
        "cellules.csv, ligne 2, colonne « period » : « 2026-13 » n'est pas une période",
    ),
    "columns": (with_csv_line(2, "1,2026,D"), "cellules.csv, ligne 2 : 3 colonnes au lieu de 12."),
    "quoted-line-break": (
        with_csv_line(3, ROW.replace("1,", "7,", 1).replace("TOTAL", '"TO\nTAL"').format(value="4", status="D")),
        "cellules.csv, ligne 3, colonne « dimension » : caractère de contrôle",
    ),
    "other-structure": (
        with_csv_line(2, ROW.replace("OBS-7F3A", "OBS-0000").format(value="42", status="D")),
        "cellules.csv, ligne 2, colonne « observatory_id » : « OBS-0000 » au lieu de « OBS-7F3A » (datapackage.json).",
    ),
    "duplicate": (
        with_csv_line(3, ROW.format(value="42", status="D")),
        "cellules.csv, ligne 3, colonne « cell_id » : la cellule 1 figure déjà ligne 2.",
    ),
    "not-utf8": (
        lambda files: rehashed(files | {"cellules.csv": files["cellules.csv"].replace(b"\xc3\x89", b"\xc9")}),
        "cellules.csv n'est pas écrit en UTF-8",
    ),
    "unknown-cell": (
        additivity_of(ADDITIVITY | {"equations": [{"total": 1, "parts": [2, 99]}]}),
        "additivite.json, équation n° 1 : la cellule 99 n'existe pas dans cellules.csv.",
    ),
    "unknown-bound": (
        additivity_of(ADDITIVITY | {"bounds": [{"smaller": 5, "larger": 1}, {"smaller": 0, "larger": 1}]}),
        "additivite.json, borne n° 2 : la cellule 0 n'existe pas dans cellules.csv.",
    ),
    "additivity-shape": (
        additivity_of(ADDITIVITY | {"equations": [{"total": 1, "parts": "2+3"}]}),
        "additivite.json, équation n° 1 : « total » doit être un entier et « parts » une liste d'entiers.",
    ),
    "additivity-json": (
        with_member("additivite.json", b'{"equations": [1,]}'),
        "additivite.json : JSON illisible (ligne 1, colonne 18",
    ),
    "profile-json": (with_member("profil.json", b"[1, 2]"), "profil.json : un objet JSON est attendu."),
    "path": (
        lambda files: files | {"../profil.json": b"{}"},
        "Nom de fichier refusé dans l'archive : « ../profil.json »",
    ),
    "folder": (lambda files: files | {"docs/lisez-moi.txt": b""}, "Nom de fichier refusé dans l'archive : « docs/"),
    "absolute": (lambda files: files | {"/etc/passwd": b""}, "Nom de fichier refusé dans l'archive : « /etc/passwd »"),
    "backslash": (lambda files: files | {"..\\x.txt": b""}, "Nom de fichier refusé dans l'archive"),
    "twice": (
        lambda files: files | {"cellules.csv#2": files["cellules.csv"]},
        "Le fichier « cellules.csv » apparaît deux fois dans l'archive.",
    ),
    "many": (
        lambda files: files | {f"f{n}.txt": b"" for n in range(12)},
        "L'archive annonce 17 fichiers ; un fichier d'observatoire en a au plus 16.",
    ),
}


@pytest.fixture(scope="module")
def built() -> bytes:
    return build_package(sample())


def test_a_package_read_back_is_the_package_written(built: bytes) -> None:
    read = read_package(built)
    assert read.manifest == MANIFEST
    assert read.cells == tuple(sorted(CELLS, key=lambda row: row.cell_id))
    assert [row.cell_id for row in read.cells] == [1, 2, 3, 4, 5]
    assert read.additivity == ADDITIVITY and read.profile == PROFILE
    assert read.labels == {}  # labels only go to the workbook


def test_without_profile_there_is_no_profil_json() -> None:
    content = build_package(sample(profile=None))
    assert sorted(members(content)) == ["additivite.json", "cellules.csv", "cellules.xlsx", "datapackage.json"]
    assert read_package(content).profile is None


def test_the_counts_are_computed_from_the_rows_not_taken_from_the_caller() -> None:
    content = build_package(sample(manifest=MANIFEST | {"cells": 999, "masked": 0}))
    manifest = descriptor(members(content))
    assert (manifest["cells"], manifest["masked"]) == (5, 2)
    assert "cells" not in read_package(content).manifest


def test_the_same_package_gives_the_same_bytes(built: bytes) -> None:
    assert build_package(sample()) == built
    assert hashlib.sha256(build_package(sample())).hexdigest() == hashlib.sha256(built).hexdigest()


def test_no_date_or_permission_comes_from_the_clock_or_the_system(built: bytes) -> None:
    """Two builds in the same second would agree anyway: check the dates themselves."""
    with zipfile.ZipFile(io.BytesIO(built)) as archive:
        infos = archive.infolist()
        workbook = archive.read("cellules.xlsx")
    assert [info.filename for info in infos] == sorted(info.filename for info in infos)
    with zipfile.ZipFile(io.BytesIO(workbook)) as inner:
        infos += inner.infolist()
        core = inner.read("docProps/core.xml").decode()
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {info.external_attr >> 16 for info in infos} == {0o100644}
    assert {info.compress_type for info in infos} == {zipfile.ZIP_DEFLATED}
    assert "1980-01-01T00:00:00Z</dcterms:created>" in core and "1980-01-01T00:00:00Z</dcterms:modified>" in core


def test_another_process_with_another_hash_seed_gives_the_same_bytes(built: bytes, tmp_path: Path) -> None:
    script = (
        "import sys, tests.test_observatory_package as t\n"
        "from medios.export.observatory import build_package\n"
        "sys.stdout.buffer.write(build_package(t.sample()))\n"
    )
    env = dict(os.environ, PYTHONHASHSEED="12345", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, check=True)
    assert result.stdout == built


def test_the_csv_has_the_columns_of_the_brief_and_keeps_accents(built: bytes) -> None:
    raw = members(built)["cellules.csv"]
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM, for Excel (see the module)
    text = raw.decode("utf-8")
    lines = text.removeprefix("\ufeff").split("\r\n")
    assert lines[0] == (
        "cell_id,period,observatory_id,referentiel_version,territory_level,territory_code,domain,"
        "indicator,dimension,modality,value,status"
    )
    assert lines[2] == "2,2026,OBS-7F3A,MEDIOS-2026.1,STRUCTURE,*,*,NB_INTERVENTIONS,REGISTRE,TRAN,,M"
    assert lines[5] == '5,2026,OBS-7F3A,MEDIOS-2026.1,QPV,QN07501M,*,NB_CONTACTS,SEXE,"FÉMININ_é, è, à, ç, « »",0,D'
    assert lines[-1] == "" and "\n" not in text.replace("\r\n", "")  # one kind of line end, a final one


def test_the_manifest_is_a_frictionless_descriptor_with_the_callers_fields(built: bytes) -> None:
    files = members(built)
    manifest = descriptor(files)
    assert files["datapackage.json"].decode().endswith("}\n") and "« " not in files["datapackage.json"].decode()
    assert "corrélation" in files["datapackage.json"].decode()  # ensure_ascii=False
    assert manifest["profile"] == "data-package" and manifest["name"] == "medios-observatoire-obs-7f3a-2026"
    assert {key: manifest[key] for key in MANIFEST} == MANIFEST
    resources = {resource["path"]: resource for resource in manifest["resources"]}
    assert sorted(resources) == ["additivite.json", "cellules.csv", "cellules.xlsx", "profil.json"]
    for path, resource in resources.items():
        assert resource["bytes"] == len(files[path])
        assert resource["hash"] == "sha256:" + hashlib.sha256(files[path]).hexdigest()
    schema = resources["cellules.csv"]["schema"]
    assert [field["name"] for field in schema["fields"]] == list(obs.COLUMNS)
    types = {field["name"]: field["type"] for field in schema["fields"]}
    assert types["cell_id"] == types["value"] == "integer" and types["status"] == "string"
    enums = {field["name"]: field["constraints"].get("enum") for field in schema["fields"]}
    assert enums["status"] == ["D", "M"] and enums["territory_level"] == ["STRUCTURE", "DEPARTEMENT", "COMMUNE", "QPV"]
    assert schema["primaryKey"] == ["cell_id"] and schema["missingValues"] == [""]


def test_the_workbook_has_labels_beside_the_codes_and_a_readme(built: bytes) -> None:
    book = load_workbook(io.BytesIO(members(built)["cellules.xlsx"]))
    assert book.sheetnames == ["Cellules", "Lisez-moi"]
    sheet = book["Cellules"]
    header = [cell.value for cell in sheet[1]]
    assert header[:8] == [
        "cell_id",
        "period",
        "observatory_id",
        "referentiel_version",
        "territory_level",
        "territory_code",
        "Libellé du territoire",
        "domain",
    ]
    assert header[-4:] == ["modality", "Libellé de la modalité", "value", "status"]
    rows = [dict(zip(header, (cell.value for cell in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert [row["cell_id"] for row in rows] == [1, 2, 3, 4, 5]
    assert (
        rows[1]["Libellé de la modalité"] == "Tranquillité publique"
        and rows[1]["Libellé de la dimension"] == "Registre"
    )
    assert rows[1]["value"] is None and rows[1]["status"] == "M"
    assert rows[0]["value"] == 42 and rows[0]["Libellé de l'indicateur"] == "Nombre d'interventions"
    assert rows[3]["Libellé du territoire"] == "Paris" and rows[2]["Libellé de la modalité"] is None
    assert rows[4]["modality"] == "FÉMININ_" + ACCENTS
    assert sheet.freeze_panes == "A2" and sheet.column_dimensions["H"].width >= 8
    readme = " ".join(str(row[0].value) for row in book["Lisez-moi"].iter_rows())
    assert "Une valeur vide avec le statut M signifie que la cellule est masquée" in readme


def test_frictionless_accepts_the_package_and_sees_a_tampered_csv(built: bytes, tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(built)) as archive:
        archive.extractall(tmp_path)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["taskNumber", "rowNumber", "fieldNumber", "type", "note"])
    assert {task.name for task in report.tasks} == {"cellules", "additivite", "cellules-xlsx", "profil"}
    csv_path = tmp_path / "cellules.csv"
    csv_path.write_bytes(csv_path.read_bytes().replace(b"42,D", b"43,D", 1))
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    assert [error[0] for error in report.flatten(["type"])] == ["hash-count"]


def test_frictionless_also_checks_the_rules_of_the_table(tmp_path: Path) -> None:
    """A file built by hand, rehashed: the schema itself (not only the hash) refuses a wrong status."""
    files = with_csv_line(2, ROW.format(value="42", status="X"))(members(build_package(sample())))
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert [error[0] for error in report.flatten(["type"])] == ["constraint-error"]


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_broken_file_is_refused_saying_where(built: bytes, case: str) -> None:
    tamper, message = REFUSALS[case]
    with pytest.raises(PackageError) as caught:
        read_package(zipped(tamper(members(built))))
    assert message in str(caught.value)


@pytest.mark.parametrize("content", [b"", b"pas un zip", b"PK\x03\x04 tronqu\xc3\xa9"])
def test_not_a_zip_is_refused(content: bytes) -> None:
    with pytest.raises(PackageError, match="n'est pas une archive ZIP d'observatoire"):
        read_package(content)


def _central_header(content: bytes, name: str) -> int:
    """Where the central directory entry of ``name`` starts (its name follows a 46-byte header)."""
    position = content.index(b"PK\x01\x02")
    while content[position + 46 : position + 46 + len(name)] != name.encode():
        position = content.index(b"PK\x01\x02", position + 1)
    return position


def _patched(content: bytes, name: str, offset: int, value: bytes) -> bytes:
    position = _central_header(content, name) + offset
    return content[:position] + value + content[position + len(value) :]


def test_a_declared_size_above_the_limit_is_refused_before_reading(
    built: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A zip bomb announces its size: 4 GB declared for cellules.csv, refused without decompressing it."""
    bomb = _patched(built, "cellules.csv", 24, (0xFFFFFFF0).to_bytes(4, "little"))
    read: list[str] = []

    def spy(_archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
        read.append(info.filename)
        return b""

    monkeypatch.setattr(obs, "_read_member", spy)
    with pytest.raises(PackageError, match="au-delà de la limite de 209715200 octets"):
        read_package(bomb)
    assert read == []


def test_an_archive_announcing_many_members_is_refused_before_its_directory_is_read(
    built: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    end = built.rindex(b"PK\x05\x06")
    many = built[: end + 8] + (65535).to_bytes(2, "little") * 2 + built[end + 12 :]

    def never(*_args: object) -> None:
        raise AssertionError("zipfile opened the archive")

    monkeypatch.setattr(zipfile, "ZipFile", never)
    with pytest.raises(
        PackageError, match="L'archive annonce 65535 fichiers ; un fichier d'observatoire en a au plus 16."
    ):
        read_package(many)


def test_an_archive_hiding_its_member_count_is_still_refused(built: bytes) -> None:
    files = members(built) | {f"f{n}.txt": b"" for n in range(12)}
    content = zipped(files)
    end = content.rindex(b"PK\x05\x06")
    lying = content[: end + 8] + (5).to_bytes(2, "little") * 2 + content[end + 12 :]
    with pytest.raises(
        PackageError, match="L'archive contient 17 fichiers ; un fichier d'observatoire en a au plus 16."
    ):
        read_package(lying)


def test_a_file_over_the_limit_is_refused_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(obs, "MAX_TOTAL_BYTES", 100)
    with pytest.raises(PackageError, match="Ce fichier fait 101 octets, au-delà de la limite de 100 octets."):
        read_package(b"x" * 101)


def test_a_member_longer_than_declared_is_not_read_beyond(built: bytes) -> None:
    short = _patched(built, "cellules.csv", 24, (10).to_bytes(4, "little"))
    with pytest.raises(PackageError, match="Le fichier « cellules.csv » de l'archive est illisible"):
        read_package(short)


def test_an_encrypted_member_is_refused(built: bytes) -> None:
    encrypted = _patched(built, "profil.json", 8, (0x0001).to_bytes(2, "little"))
    with pytest.raises(PackageError, match="Le fichier « profil.json » de l'archive est chiffré"):
        read_package(encrypted)


def test_a_file_on_disk_is_read_and_a_missing_one_is_a_french_message(built: bytes, tmp_path: Path) -> None:
    path = tmp_path / "observatoire-2026.zip"
    obs.save_package(built, path)
    assert path.read_bytes() == built
    assert obs.read_package_file(path).cells == read_package(built).cells
    with pytest.raises(PackageError, match="Impossible de lire « .*absent.zip » : dossier ou fichier introuvable."):
        obs.read_package_file(tmp_path / "absent.zip")


def test_saving_into_a_folder_says_le_fichier_and_leaves_nothing(built: bytes, tmp_path: Path) -> None:
    target = tmp_path / "dossier"
    target.mkdir()
    with pytest.raises(ReportFileError) as caught:
        obs.save_package(built, target)
    assert str(caught.value).startswith("Impossible d'écrire le fichier : ") and "est un dossier" in str(caught.value)
    assert list(target.iterdir()) == []


def test_a_failure_while_saving_names_the_file(built: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    target = tmp_path / "observatoire.zip"
    with pytest.raises(ReportFileError) as caught:
        obs.save_package(built, target)
    assert str(caught.value) == f"Impossible d'écrire le fichier « {target} » : disque plein."
    assert list(tmp_path.iterdir()) == []


WRITER_REFUSALS = {
    "reserved": (
        sample(manifest=MANIFEST | {"resources": []}),
        "champ réservé au format dans le manifeste : resources.",
    ),
    "format": (
        sample(manifest=MANIFEST | {"format": "autre"}),
        "le manifeste doit avoir le format « medios-observatoire/1 »",
    ),
    "field": (
        sample(manifest={k: v for k, v in MANIFEST.items() if k != "period"}),
        "champ « period » absent du manifeste.",
    ),
    "masked-value": (
        sample(cells=(dataclasses.replace(CELLS[0], value=3),)),
        "cellules.csv, cellule 3, colonne « value » : une cellule masquée (M) ne doit pas avoir de valeur.",
    ),
    "negative": (
        sample(cells=(dataclasses.replace(CELLS[1], value=-1),)),
        "cellules.csv, cellule 1, colonne « value » : -1 n'est pas un entier positif ou nul.",
    ),
    "duplicate": (sample(cells=(CELLS[1], CELLS[1])), "cellules.csv : la cellule 1 apparaît deux fois."),
    "line-break": (
        sample(cells=(dataclasses.replace(CELLS[1], territory_code="75\n056"),)),
        "cellules.csv, cellule 1, colonne « territory_code » : caractère de contrôle",
    ),
    "empty-code": (
        sample(cells=(dataclasses.replace(CELLS[1], domain=""),)),
        "cellules.csv, cellule 1, colonne « domain » : valeur vide.",
    ),
    "observatory-id": (
        sample(manifest=MANIFEST | {"observatory_id": "OBS\t1"}),
        "manifeste, champ « observatory_id » : caractère de contrôle",
    ),
    "unknown-cell": (
        sample(cells=CELLS[:3]),
        "additivite.json, équation n° 2 : la cellule 4 n'existe pas dans cellules.csv.",
    ),
}


@pytest.mark.parametrize("case", list(WRITER_REFUSALS))
def test_the_writer_refuses_a_package_that_breaks_the_format(case: str) -> None:
    package, message = WRITER_REFUSALS[case]
    with pytest.raises(ValueError) as caught:
        build_package(package)
    assert message in str(caught.value)


# Any text a code could hold, commas, quotes and accents included; not control characters (refused) nor
# surrogates (not UTF-8).
codes = strat.text(strat.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)
periods = strat.sampled_from(["2026", "2026-01", "2026-12", "2026-Q3"])


@strat.composite
def cell_rows(draw: strat.DrawFn, cell_id: int) -> CellRow:
    masked = draw(strat.booleans())
    return CellRow(
        cell_id=cell_id,
        period=draw(periods),
        territory_level=draw(strat.sampled_from(obs.TERRITORY_LEVELS)),
        territory_code=draw(codes),
        domain=draw(codes),
        indicator=draw(codes),
        dimension=draw(codes),
        modality=draw(codes),
        value=None if masked else draw(strat.integers(min_value=0, max_value=10**12)),
        status="M" if masked else "D",
    )


@strat.composite
def tables(draw: strat.DrawFn) -> tuple[CellRow, ...]:
    ids = draw(strat.lists(strat.integers(min_value=0, max_value=10**9), unique=True, max_size=25))
    return tuple(draw(cell_rows(cell_id)) for cell_id in ids)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=tables())
def test_any_valid_table_round_trips_exactly(cells: tuple[CellRow, ...]) -> None:
    package = sample(cells=cells, additivity={"equations": [], "bounds": [], "non_additive_dimensions": []})
    read = read_package(build_package(package))
    assert read.cells == tuple(sorted(cells, key=lambda row: row.cell_id))
    assert descriptor(members(build_package(package)))["masked"] == sum(row.value is None for row in cells)


SOFFICE = shutil.which("soffice")
UTF8 = "76"  # LibreOffice's code for UTF-8 in its CSV filter options


def _soffice(folder: Path, *args: str) -> None:
    """LibreOffice without a screen, its profile in ``folder`` (C locale, as on a bare machine)."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(folder), "LANG": "C"}
    subprocess.run(
        [SOFFICE or "soffice", "--headless", f"-env:UserInstallation={(folder / 'profil').as_uri()}", *args],
        check=True,
        capture_output=True,
        timeout=300,
        env=env,
    )


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice absent (.ci/run installe libreoffice-calc-nogui)")
def test_libreoffice_opens_the_csv_and_the_workbook_with_accents_intact(tmp_path: Path) -> None:
    """cellules.csv read by LibreOffice Calc as UTF-8 (the encoding the format declares, announced by its
    byte order mark): the byte order mark is not taken for text, accents and guillemets come through, a
    commune code keeps its leading zero in the workbook."""
    extra = CellRow(6, "2026", "COMMUNE", "01053", "*", "NB_INTERVENTIONS", "TOTAL", "*", 0, "D")
    package = sample(cells=(*CELLS, extra), labels={**LABELS, ("TERRITORY", "01053"): "Bourg-en-Bresse"})
    with zipfile.ZipFile(io.BytesIO(build_package(package))) as archive:
        archive.extractall(tmp_path / "fichier")
    _soffice(
        tmp_path,
        f"--infilter=CSV:44,34,{UTF8},1",
        "--convert-to",
        "xlsx",
        "--outdir",
        str(tmp_path / "csv"),
        str(tmp_path / "fichier" / "cellules.csv"),
    )
    rows = list(load_workbook(tmp_path / "csv" / "cellules.xlsx").active.iter_rows(values_only=True))
    header = (tmp_path / "fichier" / "cellules.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert list(rows[0]) == header and header[0] == "cell_id"
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id[5][header.index("modality")] == "FÉMININ_" + ACCENTS
    assert by_id[1][header.index("value")] == 42 and by_id[2][header.index("value")] is None
    assert by_id[2][header.index("status")] == "M"

    _soffice(
        tmp_path,
        "--convert-to",
        f"csv:Text - txt - csv (StarCalc):44,34,{UTF8},1",
        "--outdir",
        str(tmp_path / "classeur"),
        str(tmp_path / "fichier" / "cellules.xlsx"),
    )
    text = (tmp_path / "classeur" / "cellules.csv").read_text(encoding="utf-8")
    assert "Tranquillité publique" in text and "FÉMININ_" + ACCENTS in text
    assert "01053" in text and "Bourg-en-Bresse" in text
