"""Hostile import files: bounded memory, bounded output, linear cost, and French errors for anything.

Each test here reproduces a file that broke the import (a traceback, gigabytes of memory or of
messages, minutes of work) and checks the French refusal that replaced it.  No timings: sizes are
checked instead (bytes read at once, memory allocated, lines printed, errors kept).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as strat
from sqlalchemy import func, select

from medios.db import Database
from medios.db.models import AuditLog, Mediator
from medios.referentiel import load_registry
from medios.services import structure as st
from medios.services.interchange import ImportFailed, LineError, import_jsonl
from medios.services.interchange import format as fmt
from medios.services.interchange.report import ERRORS_KEPT, GROUPS_SHOWN, ErrorLog
from medios.services.rules import notes_warnings
from medios.services.structure import StructureSummary

TODAY = dt.date(2026, 11, 25)
DISPOSITIF = "Médiation habitat Belleville"
LINE = {
    "date": "2026-10-14",
    "start": "14:30",
    "duration_min": 20,
    "mediators": ["MED-03"],
    "dispositif": DISPOSITIF,
    "commune": "75056",
    "place": "HAB_PC",
    "registre": "CONF",
    "domain": "HABITAT",
    "motifs": ["HALL"],
    "publics": [{"type": "JEUNE", "age": "A18_24", "sex": "M", "count": 4}],
    "partners": [{"type": "BAILLEUR", "role": "ALERTE"}],
    "outcome": "APAISE",
}
FRENCH_STARTS = (
    "ligne trop longue",
    "octet nul",
    "texte non UTF-8",
    "JSON invalide (",
    "un objet JSON",
    "« ",
    "nombre ",
    "listes ou objets",
    "séquence \\u",
    "la clé",
    "ce fichier est",
)
ENGLISH = ("Expecting", "Unterminated", "Invalid", "Extra data", "delimiter", "Exceeds", "BOM", "Traceback")


@pytest.fixture
def ready(db: Database, structure: StructureSummary) -> Database:
    st.create_dispositif(db, DISPOSITIF, "HABITAT", dt.date(2024, 1, 1))
    return db


def encoded(**changes: Any) -> bytes:
    return json.dumps(dict(LINE, **changes), ensure_ascii=False).encode()


def write_bytes(path: Path, *lines: bytes, end: bytes = b"\n") -> Path:
    path.write_bytes(b"".join(line + end for line in lines))
    return path


def refusal(db: Database, path: Path) -> ImportFailed:
    with pytest.raises(ImportFailed) as caught:
        import_jsonl(db, path, today=TODAY)
    text = str(caught.value)
    assert not any(word in text for word in ENGLISH), text
    return caught.value


def read_all(path: Path, **kwargs: Any) -> tuple[list[int], list[LineError], fmt.FileStats]:
    errors: list[LineError] = []
    stats = fmt.FileStats()
    numbers = [number for number, _obj in fmt.read_lines(path, errors, stats, **kwargs)]
    return numbers, errors, stats


# --------------------------------------------------------------------------- 1. sizes: lines, lists, errors


def test_a_35_mb_line_is_refused_unread_with_bounded_memory(ready: Database, tmp_path: Path) -> None:
    """It took 44 s, 6 to 8 GB and printed 1.6 GB of messages (one per code)."""
    path = tmp_path / "long.jsonl"
    head = encoded(motifs=[])
    cut = head.index(b'"motifs": [') + len(b'"motifs": [')
    with path.open("wb") as out:
        out.write(head[:cut])
        for start in range(0, 3_000_000, 100_000):
            out.write(b",".join(b'"BAD%07d"' % n for n in range(start, start + 100_000)) + b",")
        out.write(b'"BAD"' + head[cut:] + b"\n")
        out.write(encoded() + b"\n")
    size = path.stat().st_size - len(encoded()) - 2
    tracemalloc.start()
    try:
        numbers, errors, stats = read_all(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert numbers == [2] and stats.lines == 2
    assert [e.for_user() for e in errors] == [
        f"Ligne 1 : ligne trop longue ({fmt.group_digits(size)} octets ; 65\u00a0536 au plus) : elle n'a pas été lue."
    ]
    assert peak < 4 * 2**20  # the cap, a 1 MiB read buffer and the hash: never the 35 MB line
    failed = refusal(ready, path)
    assert failed.error_count == 1 and len(str(failed)) < 300


def test_endless_content_without_line_ends_reads_in_bounded_chunks(tmp_path: Path) -> None:
    """/dev/zero-like content: before, the whole « line » was read, decoded and parsed at once."""
    path = tmp_path / "zeros.jsonl"
    with path.open("wb") as out:
        for _ in range(40):
            out.write(bytes(2**20))
    tracemalloc.start()
    try:
        numbers, errors, stats = read_all(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert numbers == [] and stats.lines == 1 and len(errors) == 1
    assert "octets ; 65\u00a0536 au plus) : elle n'a pas été lue." in errors[0].message
    assert peak < 4 * 2**20


@pytest.mark.parametrize(("separator", "last"), [(b"\n", b"\n"), (b"\r\n", b"\r\n"), (b"\n", b"")])
def test_the_line_cap_counts_the_line_without_its_end(tmp_path: Path, separator: bytes, last: bytes) -> None:
    exact = b'{"k": "' + b"x" * (100 - 9) + b'"}'
    assert len(exact) == 100
    path = tmp_path / "f.jsonl"
    path.write_bytes(separator.join([exact, exact + b" ", exact + b" " * 2000, exact]) + last)
    numbers, errors, stats = read_all(path, max_bytes=100)
    assert numbers == [1, 4] and [e.line for e in errors] == [2, 3] and stats.lines == 4
    assert errors[0].message == "ligne trop longue (101 octets ; 100 au plus) : elle n'a pas été lue."
    assert errors[1].message.startswith("ligne trop longue (2\u00a0100 octets")


def test_the_file_hash_covers_the_skipped_bytes(ready: Database, tmp_path: Path) -> None:
    import hashlib

    path = write_bytes(tmp_path / "f.jsonl", encoded(), b"[" + b"1," * 40_000 + b"1]", encoded(id=None, start="15:00"))
    report = import_jsonl(ready, path, skip_invalid=True, today=TODAY)
    assert (report.lines, report.created, report.invalid_lines) == (3, 2, 1)
    with ready.session() as session:
        logged = json.loads(session.scalars(select(AuditLog.changes).where(AuditLog.action == "IMPORT")).one() or "{}")
    assert logged["file_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("mediators", [f"Nom {n}" for n in range(11)], "champ « mediators » : 11 éléments : 10 au plus."),
        ("motifs", ["HALL"] * 41, "champ « motifs » : 41 éléments : 40 au plus."),
        ("publics", [{"type": "JEUNE", "count": 1}] * 301, "champ « publics » : 301 éléments : 300 au plus."),
        ("partners", [{"type": "CAF", "role": "ORIENTE"}] * 61, "champ « partners » : 61 éléments : 60 au plus."),
        ("mediators", [f"m{n}" for n in range(5000)], "champ « mediators » : 5\u00a0000 éléments : 10 au plus."),
    ],
)
def test_lists_longer_than_their_cap_get_one_error(
    ready: Database, tmp_path: Path, key: str, value: list[Any], expected: str
) -> None:
    """A line with 4,000 new mediator names took 24 s (200,000: more than 10 minutes)."""
    failed = refusal(ready, write_bytes(tmp_path / "f.jsonl", encoded(**{key: value})))
    assert failed.error_count == 1
    assert str(failed).splitlines()[0] == f"Ligne 1, {expected}"
    with ready.session() as session:
        assert session.scalar(select(func.count()).select_from(Mediator)) == 1  # the structure's own


def test_the_list_caps_never_refuse_a_line_that_could_be_valid() -> None:
    ref = load_registry().active
    assert len(ref.codes("MOTIF")) <= fmt.MOTIFS_MAX  # no motif may be given twice
    combinations = len(ref.codes("TYPE_PUBLIC")) * len(ref.codes("TRANCHE_AGE")) * len(ref.codes("SEXE"))
    assert combinations <= fmt.PUBLICS_MAX  # one row per (type, age, sex)
    assert len(ref.codes("TYPE_PARTENAIRE")) * len(ref.codes("ROLE_PARTENAIRE")) <= fmt.PARTNERS_MAX
    # The largest valid line fits well within the line cap.
    publics = [
        {"type": t, "age": a, "sex": s, "count": 9999}
        for t in ref.codes("TYPE_PUBLIC")
        for a in ref.codes("TRANCHE_AGE")
        for s in ref.codes("SEXE")
    ]
    partners = [{"type": t, "role": r} for t in ref.codes("TYPE_PARTENAIRE") for r in ref.codes("ROLE_PARTENAIRE")]
    biggest = encoded(
        motifs=list(ref.codes("MOTIF")),
        publics=publics,
        partners=partners,
        mediators=["x" * 200] * fmt.MEDIATORS_MAX,
        notes="\u00e9" * 500,
        site="s" * 200,
    )
    assert len(biggest) < fmt.LINE_MAX_BYTES


def test_a_valid_line_at_every_cap_imports(ready: Database, tmp_path: Path) -> None:
    ref = load_registry().active
    line = encoded(
        mediators=[f"Médiateur {n}" for n in range(fmt.MEDIATORS_MAX)],
        motifs=list(ref.active_codes("MOTIF")),
        publics=[{"type": t, "age": "A18_24", "sex": "F", "count": 1} for t in ref.active_codes("TYPE_PUBLIC")],
    )
    assert import_jsonl(ready, write_bytes(tmp_path / "f.jsonl", line), today=TODAY).created == 1


def test_unknown_keys_are_reported_ten_at_most_per_line(ready: Database, tmp_path: Path) -> None:
    line = dict(LINE, **{f"k{n}": 1 for n in range(5000)})
    failed = refusal(ready, write_bytes(tmp_path / "f.jsonl", json.dumps(line).encode()))
    assert failed.error_count == fmt.UNKNOWN_KEYS_MAX + 1
    assert "Ligne 1 : et 4\u00a0990 autres clés inconnues." in str(failed)


def test_errors_kept_and_printed_are_capped_and_all_counted(ready: Database, tmp_path: Path) -> None:
    """Each line has its own message (an unknown code of its own): no two errors group."""
    lines = [encoded(place=f"LIEU_{n:04d}") for n in range(1000)]
    failed = refusal(ready, write_bytes(tmp_path / "f.jsonl", *lines))
    assert failed.error_count == 1000 and failed.lines_with_errors == 1000
    assert [e.line for e in failed.errors] == list(range(1, ERRORS_KEPT + 1))
    printed = str(failed).splitlines()
    assert len(printed) == GROUPS_SHOWN + 2
    assert printed[0].startswith("Ligne 1, champ « place » : code « LIEU_0000 » inconnu")
    assert printed[-2] == "… et 800 autre(s) erreur(s)."
    assert printed[-1].startswith("Aucune intervention importée : 1000 ligne(s) en erreur.")


def test_long_values_quoted_in_messages_are_cut(ready: Database, tmp_path: Path) -> None:
    failed = refusal(
        ready,
        write_bytes(
            tmp_path / "f.jsonl",
            encoded(place="P" * 30_000),
            encoded(duration_min=int("9" * 4000)),
            encoded(start=["x" * 30_000]),
            json.dumps(dict(LINE, **{"k" * 20_000: 1})).encode(),
        ),
    )
    lines = str(failed).splitlines()
    assert len(lines) == 5 and all(len(line) < 700 for line in lines), [len(line) for line in lines]
    assert "code « PPPPPPPPPP" in lines[0] and "… » inconnu dans le vocabulaire LIEU" in lines[0]
    assert "reçu 99999999" in lines[1] and "…" in lines[1]


# --------------------------------------------------------------------------- 2. one message per repeated error


def test_the_same_error_on_many_lines_is_one_message(ready: Database, tmp_path: Path) -> None:
    """779 lines naming the same unknown dispositif printed 779 messages."""
    bad = [3, 5, 8, 13, 21, *range(30, 30 + 774)]
    lines = [encoded(id=None, dispositif="X") if n in bad else encoded(id=None) for n in range(1, 804)]
    failed = refusal(ready, write_bytes(tmp_path / "f.jsonl", *lines))
    assert str(failed).splitlines() == [
        "Lignes 3, 5, 8, 13, 21 et 774 autre(s), champ « dispositif » : dispositif « X » inconnu. "
        f"Dispositifs enregistrés : {DISPOSITIF}.",
        "Aucune intervention importée : 779 ligne(s) en erreur. Corrigez le fichier ou relancez avec --skip-invalid.",
    ]
    # Programs still get one LineError per line (the first ones) and the counts.
    assert [e.line for e in failed.errors] == bad[:ERRORS_KEPT]
    assert failed.error_count == 779 and failed.lines_with_errors == 779
    assert [(g.field, g.count, g.lines) for g in failed.groups] == [("dispositif", 779, (3, 5, 8, 13, 21))]


def test_skip_invalid_lists_repeated_errors_once(ready: Database, tmp_path: Path) -> None:
    lines = [encoded(id=None, place="PARKING") if n % 2 else encoded(id=None) for n in range(1, 9)]
    lines.append(encoded(id=None, dispositif="X"))
    report = import_jsonl(ready, write_bytes(tmp_path / "f.jsonl", *lines), skip_invalid=True, today=TODAY)
    assert (report.created, report.invalid_lines, report.error_count) == (4, 5, 5)
    listing = report.error_lines()
    assert len(listing) == 2
    assert listing[0].startswith("Lignes 1, 3, 5 et 7, champ « place » : code « PARKING » inconnu")
    assert listing[1].startswith("Ligne 9, champ « dispositif » : dispositif « X » inconnu.")
    assert [e.line for e in report.errors] == [1, 3, 5, 7, 9]


def test_two_and_three_lines_read_naturally() -> None:
    log = ErrorLog()
    for line in (4, 9):
        log.append(LineError(line, "place", "code inconnu."))
    for line in (2, 6, 7):
        log.append(LineError(line, None, "valeur attendue."))
    assert [g.for_user() for g in log.groups()] == [
        "Lignes 2, 6 et 7 : valeur attendue.",
        "Lignes 4 et 9, champ « place » : code inconnu.",
    ]


def test_the_log_keeps_the_first_errors_by_line_whatever_their_order() -> None:
    log = ErrorLog(kept=3, groups=2)
    for line in range(100, 0, -1):
        log.append(LineError(line, "place", f"code {line} inconnu."))
    log.append(LineError(50, "dispositif", "inconnu."))
    log.append(LineError(50, "dispositif", "inconnu."))  # the same error twice on one line
    assert [e.line for e in log.kept()] == [1, 2, 3]
    assert [(g.lines, g.count) for g in log.groups()] == [((1,), 1), ((2,), 1)]
    assert (log.total, log.line_count, log.hidden) == (102, 100, 100)
    assert log.on_line(50) and log.on_line(100) and not log.on_line(101) and not log.on_line(10**9)
    # Groups of later passes (resolving, follow-ups) start again from line 1: they take their place.
    log.append(LineError(1, "mediators", "supprimé."))
    assert [g.field for g in log.groups()] == ["place", "mediators"]
    assert sum(g.count for g in log.groups()) + log.hidden == log.total


def test_the_log_memory_is_bounded(tmp_path: Path) -> None:
    tracemalloc.start()
    try:
        log = ErrorLog()
        for line in range(1, 300_001):
            log.append(LineError(line, f"motifs[{line}]", f"code « BAD{line} » inconnu."))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert log.total == 300_000 and len(log.kept()) == ERRORS_KEPT and len(log.groups()) == GROUPS_SHOWN
    assert peak < 2**20  # 300,000 errors: about 100 kB, the line bitmap (37 kB) included


def test_the_summary_lists_twenty_new_mediators_and_territories_at_most(ready: Database, tmp_path: Path) -> None:
    lines = [encoded(id=None, mediators=[f"MED-{10 + n}"], commune=f"{93000 + n}", qpv=f"QN{n:06d}") for n in range(25)]
    report = import_jsonl(ready, write_bytes(tmp_path / "f.jsonl", *lines), today=TODAY)
    assert len(report.new_mediators) == 25 and len(report.new_territories) == 50
    summary = "\n".join(report.summary_lines())
    assert "MED-29 et 5 autre(s)." in summary and "MED-30" not in summary
    assert "93019 et 30 autre(s)." in summary


# --------------------------------------------------------------------------- 3. nesting


@pytest.mark.parametrize(
    "line",
    [b"[" * 30_000 + b"]" * 30_000, b'{"a":' * 10_000 + b"1" + b"}" * 10_000, b'{"motifs": ' + b"[" * 20_000],
)
def test_deep_nesting_is_a_french_line_error(ready: Database, tmp_path: Path, line: bytes) -> None:
    """json raised RecursionError: a traceback (« erreur inattendue » in the app)."""
    failed = refusal(ready, write_bytes(tmp_path / "f.jsonl", encoded(), line))
    assert [e.line for e in failed.errors] == [2]
    assert "imbriqués trop profondément" in failed.errors[0].message or "JSON invalide" in failed.errors[0].message


def test_nesting_beyond_the_line_cap_is_refused_by_depth_too(tmp_path: Path) -> None:
    path = write_bytes(
        tmp_path / "f.jsonl", b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 100_000 + b"1" + b"}" * 100_000
    )
    numbers, errors, _ = read_all(path, max_bytes=2**20)
    assert numbers == [] and [e.line for e in errors] == [1, 2]
    assert all("imbriqués trop profondément" in e.message for e in errors)


def test_moderate_nesting_in_a_field_is_shown_briefly(ready: Database, tmp_path: Path) -> None:
    nested: Any = 20
    for _ in range(400):
        nested = [nested]
    failed = refusal(ready, write_bytes(tmp_path / "f.jsonl", encoded(duration_min=nested, id=nested)))
    assert "champ « duration_min » : nombre entier attendu, reçu [[[…]]]." in str(failed)
    assert "champ « id » : identifiant UUID invalide : [[[…]]]." in str(failed)


def test_values_nested_deeper_than_python_can_print_get_french_errors() -> None:
    """Values nested close to the decoder's limit: the parser never prints them whole (``str``, ``json.dumps``)."""
    deep: Any = "x"
    for _ in range(100_000):
        deep = [deep]
    errors: list[LineError] = []
    raw = dict(LINE, id=deep, follow_up_of=deep, duration_min=deep, start=deep, tension=deep, notes=deep, motifs=deep)
    raw.update(mediators=[{"id": deep, "pseudonym": "MED-03"}], updated_at=deep)
    assert fmt.LineParser(1, raw, errors).parse() is None
    fields = {"id", "follow_up_of", "duration_min", "start", "tension", "notes", "motifs", "mediators[0]", "updated_at"}
    assert {e.field for e in errors} == fields
    assert all(len(e.message) < 200 for e in errors)


# --------------------------------------------------------------------------- 4. French JSON messages


@pytest.mark.parametrize(
    ("line", "detail"),
    [
        (b'{"a" 1}', "deux-points attendu après la clé, colonne 6"),
        (b'{"a": }', "valeur attendue, colonne 7"),
        (b'{"a": 1 "b": 2}', "virgule attendue, colonne 9"),
        (b'{"a": "x', "texte sans guillemet fermant, colonne 7"),
        (b"{'a': 1}", "clé entre guillemets droits attendue, colonne 2"),
        (b'{"a": "x\x01"}', "caractère de contrôle dans un texte (écrivez \\t ou \\n), colonne 9"),
        (b'{"a": "\\q"}', "barre oblique inverse \\ suivie d'un caractère non permis, colonne 8"),
        (b'{"a": "\\u12"}', "séquence \\uXXXX invalide, colonne 9"),
        (b"{} {}", "texte en trop après l'objet (un seul objet par ligne), colonne 4"),
        (b'{"a": 1,}', "colonne 9"),
        (b'{"\xc3\xa9t\xc3\xa9": tru}', "valeur attendue, colonne 9"),  # columns count characters
        (b"pas du json", "valeur attendue, colonne 1"),
    ],
)
def test_json_errors_are_french_with_their_column(tmp_path: Path, line: bytes, detail: str) -> None:
    _, errors, _ = read_all(write_bytes(tmp_path / "f.jsonl", line))
    assert len(errors) == 1
    assert errors[0].message.startswith("JSON invalide (") and errors[0].message.endswith(f"{detail}).")
    assert not any(word in errors[0].message for word in ENGLISH)


def test_an_unknown_decoder_message_gets_a_generic_french_text() -> None:
    exc = json.JSONDecodeError("Something new", '{"a": 1}', 3)
    assert fmt.json_error_message(exc) == "JSON invalide (syntaxe incorrecte, colonne 4)."


# --------------------------------------------------------------------------- 5. what else a file can be


def test_a_zip_file_or_a_spreadsheet_is_named_and_not_read(ready: Database, tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>" * 1000)
        archive.writestr("data.bin", bytes(range(256)) * 100)
    failed = refusal(ready, path)
    assert str(failed).splitlines()[0] == (
        "Ligne 1 : ce fichier est une archive ZIP (un classeur Excel ou LibreOffice ?), pas un fichier JSON Lines : "
        "il n'a pas été lu."
    )
    assert failed.error_count == 1


def test_a_database_or_utf16_text_is_named(ready: Database, tmp_path: Path) -> None:
    base = tmp_path / "autre.db"
    sqlite3.connect(base).execute("CREATE TABLE t (x)").connection.commit()
    assert "une base de données SQLite (une base Médios ?)" in str(refusal(ready, base))
    utf16 = tmp_path / "utf16.jsonl"
    utf16.write_text(json.dumps(LINE, ensure_ascii=False) + "\n", encoding="utf-16")
    assert "un texte UTF-16 ou UTF-32 : enregistrez-le en UTF-8" in str(refusal(ready, utf16))


def test_random_binary_content_gets_grouped_french_errors(ready: Database, tmp_path: Path) -> None:
    import random

    rng = random.Random(5)
    path = tmp_path / "bruit.bin"
    path.write_bytes(bytes(rng.randrange(256) for _ in range(200_000)))
    failed = refusal(ready, path)
    assert len(str(failed).splitlines()) <= GROUPS_SHOWN + 2


def test_nul_bytes_are_named(tmp_path: Path) -> None:
    numbers, errors, _ = read_all(write_bytes(tmp_path / "f.jsonl", encoded(place="HAB\x00PC")))
    assert numbers == [1] and errors == []  # an escaped \u0000 is text: the vocabulary check refuses it
    raw = (encoded().replace(b"HAB_PC", b"HAB\x00PC"), b'{"a"\x00: 1}', b"\x00" * 100)
    numbers, errors, _ = read_all(write_bytes(tmp_path / "g.jsonl", *raw))
    assert (
        numbers == [] and [e.message for e in errors] == ["octet nul : ce n'est pas du texte (fichier binaire ?)."] * 3
    )


def test_empty_files_import_nothing_and_say_so(ready: Database, tmp_path: Path) -> None:
    for content in (b"", b"\n\n  \r\n\t\n", b"\xef\xbb\xbf"):
        path = tmp_path / "vide.jsonl"
        path.write_bytes(content)
        report = import_jsonl(ready, path, today=TODAY)
        assert report.created == 0 and report.error_count == 0
        assert "Le fichier ne contient aucune intervention (fichier vide ou lignes vides)." in report.summary_lines()


def test_crlf_line_ends_and_byte_order_marks_of_concatenated_files(ready: Database, tmp_path: Path) -> None:
    bom = b"\xef\xbb\xbf"
    path = write_bytes(tmp_path / "f.jsonl", bom + encoded(id=None), bom + encoded(id=None, start="16:00"), end=b"\r\n")
    assert import_jsonl(ready, path, today=TODAY).created == 2


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"1e400", "nombre hors limites : 1e400."),
        (b"-1e400", "nombre hors limites : -1e400."),
        (b"1" + b"0" * 5000, "nombre entier de plus de 4300 chiffres."),
        (b"NaN", "« NaN » : valeur invalide en JSON (écrivez un nombre ou null)."),
        (b"Infinity", "« Infinity » : valeur invalide en JSON"),
        (b"-Infinity", "« -Infinity » : valeur invalide en JSON"),
    ],
)
def test_huge_numbers_and_non_json_constants_are_french_errors(
    ready: Database, tmp_path: Path, raw: bytes, expected: str
) -> None:
    """A 5,000-digit integer raised ValueError from Python's int conversion limit: a traceback."""
    line = encoded(duration_min=0).replace(b'"duration_min": 0', b'"duration_min": ' + raw)
    failed = refusal(ready, write_bytes(tmp_path / "f.jsonl", line))
    assert expected in str(failed).splitlines()[0]


def test_duplicate_keys_are_refused(ready: Database, tmp_path: Path) -> None:
    """json keeps the last value silently, other tools the first: the line is ambiguous."""
    top = encoded()[:-1] + b', "duration_min": 700}'
    nested = encoded().replace(b'"count": 4', b'"count": 4, "count": 9')
    spaced = encoded()[:-1] + b', "place"  :  "RUE"}'
    failed = refusal(ready, write_bytes(tmp_path / "f.jsonl", top, nested, spaced))
    assert [e.for_user() for e in failed.errors] == [
        "Ligne 1 : la clé « duration_min » figure deux fois dans un même objet.",
        "Ligne 2 : la clé « count » figure deux fois dans un même objet.",
        "Ligne 3 : la clé « place » figure deux fois dans un même objet.",
    ]


def test_a_repeated_key_cannot_hide_behind_an_escaped_colon(ready: Database, tmp_path: Path) -> None:
    """« 14\\u003a30 » is « 14:30 » without a colon in the text: the count of colons must not take it off."""
    line = encoded().replace(b'"14:30"', b'"14\\u003a30"')[:-1] + b', "place": "RUE"}'
    assert [e.message for e in refusal(ready, write_bytes(tmp_path / "f.jsonl", line)).errors] == [
        "la clé « place » figure deux fois dans un même objet."
    ]


def test_a_key_twice_in_a_mediator_object_is_refused(ready: Database, tmp_path: Path) -> None:
    line = encoded().replace(
        b'["MED-03"]', b'[{"id": "0f6d3c1a-9a59-4d8e-8f0e-3e6a0f7f4b11", "pseudonym": "MED-03", "pseudonym": "MED-04"}]'
    )
    assert [e.message for e in refusal(ready, write_bytes(tmp_path / "f.jsonl", line)).errors] == [
        "la clé « pseudonym » figure deux fois dans un même objet."
    ]


def test_exported_lines_are_checked_for_repeated_keys_without_decoding_twice(
    ready: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check counts colons: lines as the export writes them (mediator objects, a timestamp) pass at once."""
    from medios.services.interchange import export_jsonl

    lines = [encoded(id=None, start=f"1{n}:30", notes="rappel à 18:00", site="Bât. A") for n in range(5)]
    import_jsonl(ready, write_bytes(tmp_path / "in.jsonl", *lines), today=TODAY)
    out = tmp_path / "out.jsonl"
    assert export_jsonl(ready, out) == 5

    def no_second_decoding(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("decoded twice")

    monkeypatch.setattr(fmt.json, "JSONDecoder", no_second_decoding)
    numbers, errors, _ = read_all(out)
    assert numbers == [1, 2, 3, 4, 5] and errors == []
    assert b'"mediators": [{"id": ' in out.read_bytes() and b'"updated_at": ' in out.read_bytes()


def test_quotes_and_colons_inside_texts_are_not_taken_for_keys(ready: Database, tmp_path: Path) -> None:
    tricky = encoded(id=None, site='Bât. "A": hall', mediators=['"MED-03":'])
    assert import_jsonl(ready, write_bytes(tmp_path / "f.jsonl", tricky), today=TODAY).created == 1


def test_a_lone_surrogate_escape_is_refused_and_a_pair_accepted(ready: Database, tmp_path: Path) -> None:
    """« \\ud800 » decodes to a string no file, terminal or database encoding can hold."""
    lone = encoded().replace(b'"HAB_PC"', b'"\\ud800"')
    failed = refusal(ready, write_bytes(tmp_path / "f.jsonl", lone))
    assert str(failed).splitlines()[0] == (
        "Ligne 1 : séquence \\uD800 à \\uDFFF isolée : ce n'est pas un caractère Unicode."
    )
    pair = encoded(id=None).replace(b'"HALL"]', b'"HALL"], "site": "R\\ud83d\\ude00sidence"')
    assert import_jsonl(ready, write_bytes(tmp_path / "g.jsonl", pair), today=TODAY).created == 1


def test_a_10_mb_string_is_refused_by_the_line_cap(ready: Database, tmp_path: Path) -> None:
    failed = refusal(ready, write_bytes(tmp_path / "f.jsonl", encoded(notes="x" * 10_000_000)))
    assert "octets ; 65\u00a0536 au plus) : elle n'a pas été lue." in str(failed)


def test_email_detection_in_notes_starts_only_at_the_start_of_a_word() -> None:
    """Notes of 64 kB shaped « aaa…@bbb… » took 38 s each when observations are enabled: the
    search was tried at each of the 30,000 starts.  Anchored on the start of a run, it is linear."""
    from medios.services import rules

    assert rules._EMAIL_RE.pattern.startswith("(?<![\\w.+-])")
    assert notes_warnings("a" * 30_000 + "@" + "b" * 30_000) == []
    for text in ("écrire à jean.dupont@mairie.fr", "mail:x@y.fr", "(a+b@c.d)", "_a@b.c"):
        assert notes_warnings(text) == ["Le texte semble contenir une adresse e-mail."], text


# --------------------------------------------------------------------------- property: any bytes


_CHUNKS = strat.one_of(
    strat.binary(max_size=40),
    strat.sampled_from([b"{", b"}", b"[", b"]", b'"', b"\\", b":", b",", b"\r", b"\x00", b"\xef\xbb\xbf", b"\xc3"]),
    strat.sampled_from([b"NaN", b"1e400", b"9" * 5000, b'"\\ud800"', b"[" * 3000, b'{"a": 1, "a": 2}']),
)


@settings(max_examples=200, deadline=None)
@given(lines=strat.lists(strat.tuples(strat.booleans(), strat.lists(_CHUNKS, max_size=6)), max_size=8))
def test_any_bytes_give_objects_or_french_errors_on_the_right_lines(
    tmp_path_factory: pytest.TempPathFactory, lines: list[tuple[bool, list[bytes]]]
) -> None:
    """Lines are either a valid object or junk; junk never raises, and errors name junk lines only."""
    content: list[bytes] = []
    good: set[int] = set()
    for number, (is_good, chunks) in enumerate(lines, start=1):
        if is_good:
            content.append(encoded())
            good.add(number)
        else:
            content.append(b"".join(chunks).replace(b"\n", b" "))
    path = tmp_path_factory.mktemp("any") / "f.jsonl"
    path.write_bytes(b"\n".join(content))
    numbers, errors, stats = read_all(path, max_bytes=16_384)
    if content and any(content[0].startswith(signature) for signature, _what in fmt._SIGNATURES):
        assert numbers == [] and [e.line for e in errors] == [1]  # not JSON Lines at all: refused whole
        good = set()
    assert good <= set(numbers)
    assert not {e.line for e in errors} & good
    assert all(1 <= e.line <= len(content) for e in errors)
    assert len({e.line for e in errors}) == len(errors)  # one reading error per line
    assert stats.lines == len(content) - (content[-1:] == [b""])
    for error in errors:
        assert error.field is None and error.message.startswith(FRENCH_STARTS), error.message
        assert not any(word in error.message for word in ENGLISH), error.message


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=strat.lists(strat.lists(_CHUNKS, max_size=6), min_size=1, max_size=5), skip=strat.booleans())
def test_any_bytes_end_in_a_french_refusal_or_a_report(
    ready: Database, tmp_path: Path, lines: list[list[bytes]], skip: bool
) -> None:
    path = tmp_path / "any.jsonl"
    path.write_bytes(b"\n".join([encoded(id=None), *(b"".join(chunks) for chunks in lines)]))
    try:
        report = import_jsonl(ready, path, skip_invalid=skip, today=TODAY)
    except ImportFailed as failed:
        assert not skip and failed.error_count >= 1
        assert not any(word in str(failed) for word in ENGLISH), str(failed)
    else:
        assert report.created + report.invalid_lines >= 1
        assert not any(word in line for line in report.error_lines() for word in ENGLISH)
