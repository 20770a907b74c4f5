"""The report document: the indicators as the files show them, closed months frozen, scopes, names."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil

import pytest

from medios.db import Database
from medios.export.document import Kind
from medios.services import closure, indicators, reports, territories
from medios.services import interventions as iv
from medios.services import structure as st
from medios.services.aggregates import Period, Scope
from medios.services.errors import ValidationError
from medios.services.structure import StructureSummary
from tests.test_interventions import _input

TODAY = dt.date(2026, 11, 25)
OCTOBER = Period(202610, 202610)


@pytest.fixture
def coordinator(db: Database, structure: StructureSummary) -> st.MediatorInfo:
    return st.list_mediators(db)[0]


def _record(db: Database, mediator: st.MediatorInfo, day: dt.date, **changes: object) -> iv.InterventionRecord:
    return iv.record_intervention(db, _input(mediator.id, date=day, **changes), today=TODAY)


def test_the_key_figures_are_the_indicators_of_the_month(db: Database, coordinator: st.MediatorInfo) -> None:
    _record(db, coordinator, dt.date(2026, 10, 3))
    _record(db, coordinator, dt.date(2026, 10, 9), outcome="EN_COURS", duration_min=50)
    _record(db, coordinator, dt.date(2026, 9, 9))
    _record(db, coordinator, dt.date(2026, 1, 20), registre="MER", sub_registre=None)
    document = reports.build_document(db, OCTOBER, reports.structure_choice())
    report = indicators.build_report(db, OCTOBER)
    assert document.title == "Bilan mensuel — octobre 2026"
    assert (document.period_start, document.period_end) == (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert document.closing_label == "Mois ouvert : chiffres provisoires"
    figures = {f.code: f for f in document.key_figures}
    assert list(figures)[:4] == ["INT_NB", "INT_NOUV", "INT_SUIVI", "INT_H"]
    for code, figure in figures.items():
        indicator = report.indicator(code)
        scale = 100 if indicator.unit == "percent" else 1
        assert figure.value == (None if indicator.current.value is None else indicator.current.value / scale), code
    assert (figures["INT_NB"].value, figures["INT_NB"].previous, figures["INT_NB"].ytd) == (2, 1, 4)
    assert (figures["INT_NB"].diff, figures["INT_NB"].diff_pct) == (1, 1.0)
    assert figures["INT_H"].value == pytest.approx(70 / 60)
    # Two conflicts, one settled, one « en cours »: the rate is over the one whose outcome is known.
    rate = figures["CONF_APAISE"]
    assert (rate.kind, rate.value, rate.denominator) == (Kind.PERCENT, 1.0, 1)
    assert rate.diff_pct is None  # no « % of a % »


def test_sections_tables_and_the_long_table_hold_the_same_figures(db: Database, coordinator: st.MediatorInfo) -> None:
    _record(db, coordinator, dt.date(2026, 10, 3))
    _record(db, coordinator, dt.date(2026, 10, 4), place="RUE", registre="MER", sub_registre=None)
    document = reports.build_document(db, OCTOBER, reports.structure_choice())
    (interventions,) = [s for s in document.sections if s.code == "INTERVENTIONS"]
    by_registre = next(t for t in interventions.tables if t.code == "INT_NB_REGISTRE")
    codes = {row[1]: row[2] for row in by_registre.rows}  # label, code, month, previous, ytd
    assert codes == {"CONF": 1, "MER": 1}
    assert by_registre.total == ("Total", "", 2, 0, 2)
    chart = next(c for c in interventions.charts if c.source == "INT_NB_REGISTRE")
    assert sum(chart.series[0].values) == 2
    evolution = next(t for t in interventions.tables if t.code == "EVOLUTION_12_MOIS")
    assert [row[0] for row in evolution.rows][-1] == 202610 and len(evolution.rows) == 12
    assert document.data is not None
    longs = [r for r in document.data.rows if r[2] == "INT_NB_REGISTRE" and r[5] == 202610]
    assert sorted((r[4], r[6]) for r in longs) == [("CONF", 1), ("MER", 1)]


def test_a_closed_month_is_reported_from_its_snapshot(db: Database, coordinator: st.MediatorInfo) -> None:
    _record(db, coordinator, dt.date(2026, 10, 3))
    closure.close_month(db, 202610, today=TODAY)
    late = _record(db, coordinator, dt.date(2026, 10, 30))
    iv.update_intervention(db, late.id, dataclasses.replace(late.data, duration_min=40), today=TODAY)
    document = reports.build_document(db, OCTOBER, reports.structure_choice())
    figures = {f.code: f for f in document.key_figures}
    assert figures["INT_NB"].value == 1  # frozen at closing, the late record not counted
    assert document.closing_label.startswith("Mois clôturé le ") and "(v1)" in document.closing_label
    assert document.closing_label.endswith("; 2 modification(s) depuis la clôture")
    quality = {f.code: f.value for f in document.quality.key_figures}
    assert quality["DQ_MODIFS"] == 2
    assert any(w.code == "DQ_MODIFS" for w in document.warnings)
    closure.reopen_month(db, 202610, reason="oubli")
    reopened = reports.build_document(db, OCTOBER, reports.structure_choice())
    assert {f.code: f.value for f in reopened.key_figures}["INT_NB"] == 2
    assert reopened.closing_label.startswith("Mois rouvert (motif : oubli)")


def test_a_period_has_a_month_by_month_table(db: Database, coordinator: st.MediatorInfo) -> None:
    _record(db, coordinator, dt.date(2026, 4, 3))
    _record(db, coordinator, dt.date(2026, 5, 3))
    _record(db, coordinator, dt.date(2026, 5, 4))
    document = reports.build_document(db, reports.parse_period("2026-T2"), reports.structure_choice())
    assert document.title == "Bilan — 2e trimestre 2026"
    assert document.months is not None
    assert [(row[0], row[1]) for row in document.months.rows] == [(202604, 1), (202605, 2), (202606, 0)]
    assert {f.code: f.value for f in document.key_figures}["INT_NB"] == 3
    assert all(f.previous is None for f in document.key_figures)


def test_scopes_by_name_or_code_with_french_errors(db: Database, coordinator: st.MediatorInfo) -> None:
    dispositif = st.create_dispositif(db, "Médiation habitat", "HABITAT", dt.date(2026, 1, 1))
    territories.add_territory(db, "COMMUNE", "93066", "Saint-Denis", vintage="2026")
    _record(db, coordinator, dt.date(2026, 10, 3), dispositif_id=dispositif)
    _record(db, coordinator, dt.date(2026, 10, 4), commune="93066", qpv="HORS_QPV")
    found = reports.find_scope(db, dispositif="médiation HABITAT")
    assert found.scope == Scope(dispositif_id=dispositif) and found.label == "Dispositif : Médiation habitat"
    assert reports.find_scope(db, commune="93066").label == "Commune : Saint-Denis (93066)"
    assert reports.find_scope(db, qpv="hors_qpv").scope == Scope(qpv="HORS_QPV")
    assert reports.find_scope(db).key == "structure"
    with pytest.raises(ValidationError) as excinfo:
        reports.find_scope(db, dispositif="Inconnu")
    assert excinfo.value.by_field() == {"dispositif": ["aucun dispositif ne s'appelle « Inconnu »."]}
    with pytest.raises(ValidationError, match="liste des territoires"):
        reports.find_scope(db, commune="69123")
    with pytest.raises(ValidationError, match="un seul périmètre"):
        reports.find_scope(db, commune="93066", qpv="HORS_QPV")
    scoped = reports.build_document(db, OCTOBER, reports.find_scope(db, commune="93066"))
    assert {f.code: f.value for f in scoped.key_figures}["INT_NB"] == 1
    assert scoped.scope_label == "Commune : Saint-Denis (93066)"
    st.retire_dispositif(db, dispositif)
    retired = [c for c in reports.scope_choices(db) if c.retired]
    assert [c.label for c in retired] == ["Dispositif : Médiation habitat (retiré)"]


def test_file_names_carry_no_space_nor_accent(db: Database, coordinator: st.MediatorInfo) -> None:
    dispositif = st.create_dispositif(db, "Médiation / habitat n°2", "HABITAT", dt.date(2026, 1, 1))
    choice = reports.find_scope(db, dispositif="Médiation / habitat n°2")
    assert choice.scope.dispositif_id == dispositif
    assert reports.file_name(OCTOBER, choice, "pdf") == "Bilan-2026-10-Mediation-habitat-n2.pdf"
    assert reports.file_name(Period(202601, 202612), reports.structure_choice(), "xlsx") == "Bilan-2026.xlsx"


def test_the_pdf_keeps_to_the_main_tables_and_the_workbook_has_them_all(
    db: Database, coordinator: st.MediatorInfo, tmp_path
) -> None:
    import subprocess

    import openpyxl

    _record(db, coordinator, dt.date(2026, 10, 3))
    document = reports.build_document(db, OCTOBER, reports.structure_choice())
    tables = {t.code: t for s in document.sections for t in s.tables}
    assert not tables["INT_NB_REGISTRE"].detail and tables["INT_NB_MEDIATEUR"].detail
    pdf, xlsx = tmp_path / "bilan.pdf", tmp_path / "bilan.xlsx"
    reports.write_report(document, "pdf", pdf)
    reports.write_report(document, "xlsx", xlsx)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Interventions par registre" in flat
    assert "Dans le classeur Excel, en plus : interventions par sous-registre" in flat
    assert "Médiateur Code" not in flat  # the per-mediator table itself is not printed
    workbook = openpyxl.load_workbook(xlsx)
    cells = {str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value}
    assert {"Interventions par médiateur (un binôme compte pour chacun)", "Interventions par registre"} <= cells


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice absent (installed by hand, not in CI)")
def test_libreoffice_opens_the_workbook(db: Database, coordinator: st.MediatorInfo, tmp_path) -> None:
    """LibreOffice reads the workbook without repairing it and finds the figures where they were written."""
    import subprocess

    _record(db, coordinator, dt.date(2026, 10, 3))
    _record(db, coordinator, dt.date(2026, 10, 4))
    xlsx = tmp_path / "bilan.xlsx"
    reports.write_report(reports.build_document(db, OCTOBER, reports.structure_choice()), "xlsx", xlsx)
    out = tmp_path / "csv"
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2",
            "--outdir",
            str(out),
            str(xlsx),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    interventions = next(p for p in out.glob("*.csv") if "Interventions" in p.name)
    rows = [line.split(",") for line in interventions.read_text(encoding="utf-8").splitlines()]
    assert any(row[:3] == ["Interventions", "INT_NB", "2"] for row in rows), rows[:8]
