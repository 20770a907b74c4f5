"""The figures of the report files against counts made here in plain SQL over the same rows.

The workbook is read back with openpyxl, the PDF with ``pdftotext``; the oracle never calls the
indicators service: it counts the rows itself.  First on a seeded demonstration base, then on
hand-made edge cases (an empty month, one intervention, a binôme with two motifs, a deleted row, a
follow-up, a tournée over midnight at the end of a month, January against December, an amendment
after closing).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
import uuid
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from medios.db import Database
from medios.demo import generate_demo
from medios.export import french
from medios.services import closure, presence, reports
from medios.services import interventions as iv
from medios.services import structure as st
from medios.services.aggregates import Period
from medios.services.structure import StructureSummary
from tests.test_activities import _presence
from tests.test_interventions import _input

TODAY = dt.date(2026, 11, 25)

pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils absent")


def _scalar(db: Database, sql: str, **params: Any) -> Any:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(sql, params).scalar()


def _rows(db: Database, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql, params)]


def _oracle(db: Database, month: int) -> dict[str, Any]:
    """Plain SQL over the live rows of ``month``: the figures the files must show."""
    live = "deleted_at IS NULL AND month = :month"
    return {
        "INT_NB": _scalar(db, f"SELECT count(*) FROM intervention WHERE {live}", month=month),
        "INT_SUIVI": _scalar(
            db, f"SELECT count(*) FROM intervention WHERE {live} AND follow_up_of IS NOT NULL", month=month
        ),
        "INT_H": (_scalar(db, f"SELECT coalesce(sum(duration_min), 0) FROM intervention WHERE {live}", month=month))
        / 60,
        "CONTACTS": _scalar(
            db,
            "SELECT coalesce(sum(p.count), 0) FROM intervention_public p JOIN intervention i ON i.id = p.intervention_id"
            " WHERE i.deleted_at IS NULL AND i.month = :month",
            month=month,
        ),
        "CONF_NB": _scalar(db, f"SELECT count(*) FROM intervention WHERE {live} AND registre = 'CONF'", month=month),
        "PAP_NB": _scalar(db, f"SELECT count(*) FROM presence_active WHERE {live}", month=month),
        "registres": dict(
            _rows(db, f"SELECT registre, count(*) FROM intervention WHERE {live} GROUP BY registre", month=month)
        ),
    }


def _workbook_figures(path: Path) -> tuple[dict[str, list[Any]], dict[str, dict[str, Any]]]:
    """Key figures by code (M, M−1, écart, écart %, cumul) and the M column of each table by code."""
    book = openpyxl.load_workbook(path)
    figures: dict[str, list[Any]] = {}
    tables: dict[str, dict[str, Any]] = {}
    for sheet in book.worksheets:
        title, columns = None, None
        for row in sheet.iter_rows(values_only=True):
            cells = list(row)
            if cells and isinstance(cells[0], str) and cells[1:] and all(c is None for c in cells[1:]):
                title, columns = cells[0], None  # a table's title line
                continue
            if cells and "Code" in cells:
                columns = cells
                continue
            if columns is None or not cells or cells[0] is None:
                continue
            code_at = columns.index("Code")
            code = cells[code_at]
            if columns[0] == "Indicateur" and isinstance(code, str):
                figures[code] = cells[2:7]
            elif title and isinstance(code, str) and code:
                value = cells[code_at + 1]
                tables.setdefault(title, {})[code] = value
    return figures, tables


def _flat(text: str) -> str:
    """Runs of spaces (narrow no-break ones included) as one space, as :func:`_pdf_text` gives them."""
    return " ".join(text.split())


def _pdf_text(path: Path) -> str:
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(result.stdout.split())


def _write(db: Database, period: Period, tmp_path: Path) -> tuple[Path, Path]:
    document = reports.build_document(db, period, reports.structure_choice())
    xlsx, pdf = tmp_path / "bilan.xlsx", tmp_path / "bilan.pdf"
    reports.write_report(document, "xlsx", xlsx)
    reports.write_report(document, "pdf", pdf)
    return xlsx, pdf


# --------------------------------------------------------------------------- a seeded demonstration base


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Database:
    from medios.db import open_database

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copy2(template_db, path)
    db = open_database(path)
    generate_demo(db, months=3, mediators=4, seed=7, today=TODAY)
    yield db
    db.dispose()


@pdftotext
def test_the_files_of_a_demo_month_hold_the_counts_of_its_rows(demo: Database, tmp_path: Path) -> None:
    month = 202610
    expected = _oracle(demo, month)
    previous = _oracle(demo, 202609)
    assert expected["INT_NB"] > 100  # a real month, not an empty one
    xlsx, pdf = _write(demo, Period(month, month), tmp_path)
    figures, tables = _workbook_figures(xlsx)
    for code in ("INT_NB", "INT_SUIVI", "CONTACTS", "CONF_NB", "PAP_NB"):
        assert figures[code][0] == expected[code], code
        assert figures[code][1] == previous[code], code
        assert figures[code][2] == expected[code] - previous[code], code
    assert figures["INT_H"][0] == pytest.approx(expected["INT_H"])
    assert tables["Interventions par registre"] == expected["registres"]
    text = _pdf_text(pdf)
    for code in ("INT_NB", "CONTACTS", "PAP_NB"):
        assert _flat(french.format_count(expected[code])) in text, code
    assert _flat(french.format_hours(expected["INT_H"])) in text
    assert "Interventions par registre" in text


# --------------------------------------------------------------------------- hand-made edge cases


@pytest.fixture
def alice(db: Database, structure: StructureSummary) -> st.MediatorInfo:
    return st.list_mediators(db)[0]


@pdftotext
def test_an_empty_month_gives_zeros_and_whole_files(db: Database, alice: st.MediatorInfo, tmp_path: Path) -> None:
    xlsx, pdf = _write(db, Period(202607, 202607), tmp_path)
    figures, _tables = _workbook_figures(xlsx)
    assert figures["INT_NB"][:3] == [0, 0, 0] and figures["CONTACTS"][0] == 0
    assert figures["INT_NB"][3] == "n.c."  # no % of a zero month: « non calculable »
    text = _pdf_text(pdf)
    assert "Bilan mensuel — juillet 2026" in text and "page 1 sur" in text


@pdftotext
def test_edge_cases_are_counted_as_the_brief_says(db: Database, alice: st.MediatorInfo, tmp_path: Path) -> None:
    bruno = st.create_mediator(db, "Bruno Diallo")
    # A binôme with two motifs: one intervention, its two motifs each counted in the motif breakdown.
    first = iv.record_intervention(
        db, _input(alice.id, date=dt.date(2026, 1, 5), mediator_ids=(alice.id, bruno.id)), today=TODAY
    )
    # A follow-up of it, and a deleted intervention (never counted).
    iv.record_intervention(db, _input(alice.id, date=dt.date(2026, 1, 9), follow_up_of=first.id), today=TODAY)
    gone = iv.record_intervention(db, _input(alice.id, date=dt.date(2026, 1, 10)), today=TODAY)
    iv.delete_intervention(db, gone.id)
    # December before: one intervention, for « January compared with December ».
    iv.record_intervention(db, _input(alice.id, date=dt.date(2025, 12, 20)), today=TODAY)
    # A tournée from 31 January 22:00 to 1 February 02:00 belongs to January, for its whole 4 hours.
    presence.record_presence(
        db,
        _presence(alice.id, date=dt.date(2026, 1, 31), start_time=dt.time(22, 0), end_time=dt.time(2, 0)),
        today=TODAY,
    )
    xlsx, pdf = _write(db, Period(202601, 202601), tmp_path)
    figures, tables = _workbook_figures(xlsx)
    assert figures["INT_NB"][:3] == [2, 1, 1]  # January 2, December 1, +1
    assert figures["INT_SUIVI"][0] == 1 and figures["INT_NOUV"][0] == 1
    assert figures["INT_BINOME"][0] == pytest.approx(0.5)  # one of the two, as a share
    assert figures["PAP_NB"][0] == 1 and figures["PAP_H"][0] == pytest.approx(4.0)
    motifs = tables["Interventions par motif (une par motif)"]
    assert motifs == {"BRUIT": 2, "HALL": 2}  # each of the two interventions has both motifs
    assert figures["CONTACTS"][0] == 10  # 5 a fiche, the deleted one left out
    text = _pdf_text(pdf)
    assert "Bilan mensuel — janvier 2026" in text
    assert "déc. 2025" in text or "décembre 2025" in text  # M−1 is December of the year before

    # February: the tournée's hours stay in January.
    (tmp_path / "feb").mkdir()
    xlsx_feb, _ = _write(db, Period(202602, 202602), tmp_path / "feb")
    assert _workbook_figures(xlsx_feb)[0]["PAP_H"][0] == 0


def test_a_closed_month_keeps_its_figures_and_counts_its_amendments(
    db: Database, alice: st.MediatorInfo, tmp_path: Path
) -> None:
    record = iv.record_intervention(db, _input(alice.id, date=dt.date(2026, 10, 5)), today=TODAY)
    closure.close_month(db, 202610, today=TODAY)
    iv.update_intervention(db, record.id, dataclasses.replace(record.data, duration_min=50), today=TODAY)
    iv.record_intervention(db, _input(alice.id, date=dt.date(2026, 10, 6), mediator_ids=(alice.id,)), today=TODAY)
    (tmp_path / "x").mkdir()
    xlsx, _pdf = _write(db, Period(202610, 202610), tmp_path / "x")
    figures, _tables = _workbook_figures(xlsx)
    assert figures["INT_NB"][0] == 1 and figures["INT_H"][0] == pytest.approx(20 / 60)  # as closed
    assert figures["DQ_MODIFS"][0] == 2
    cover = openpyxl.load_workbook(xlsx)["Couverture"]
    lines = [str(c) for row in cover.iter_rows(values_only=True) for c in row if c]
    assert any(line.startswith("Mois clôturé le ") and "2 modification(s)" in line for line in lines)
    assert uuid.UUID(str(record.id))  # the record id never appears in the file
    assert all(str(record.id) not in line for line in lines)
