"""The Excel workbook of the monthly report: sheets, formats by kind, values, charts, the data table."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from medios.export.document import Chart, ChartKind, Kind, Section, Series, Table
from medios.export.output import ReportFileError
from medios.export.xlsx import FORMATS, KEY_FIGURE_COLUMNS, sheet_name, write_xlsx
from tests.report_samples import BIG, sample_document, write_logo


@pytest.fixture(scope="module")
def workbook_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("xlsx")
    path = folder / "bilan.xlsx"
    write_xlsx(sample_document(logo=write_logo(folder / "logo.png")), path)
    return path


def _find(sheet: Worksheet, value: object, column: int = 1) -> int:
    """The row of the first cell of ``column`` holding ``value``."""
    for (cell,) in sheet.iter_rows(min_col=column, max_col=column):
        if cell.value == value:
            return int(cell.row)
    raise AssertionError(f"{value!r} absent de la feuille {sheet.title}")


def test_sheets_in_order_with_valid_names(workbook_path: Path) -> None:
    book = load_workbook(workbook_path)
    document = sample_document()
    expected = ["Couverture", *[s.title for s in document.sections], "Mois", "Qualité", "Données"]
    assert book.sheetnames == expected
    for name in book.sheetnames:
        assert len(name) <= 31 and not set(name) & set("[]:*?/\\")


def test_sheet_names_are_cut_cleaned_and_unique() -> None:
    used: set[str] = set()
    long = sheet_name("Mises en relation / orientations : partenaires [détail] et suites données", used)
    assert len(long) <= 31 and not set(long) & set("[]:*?/\\")
    assert sheet_name("Qualité", used) == "Qualité"
    assert sheet_name("QUALITÉ", used) == "QUALITÉ (2)"
    assert sheet_name("History", used) == "History (2)"  # reserved by Excel
    assert sheet_name("***", used) == "Feuille"


def test_cover_sheet(workbook_path: Path) -> None:
    sheet = load_workbook(workbook_path)["Couverture"]
    document = sample_document()
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=4, max_col=2, values_only=True) if row[0]}
    assert values["Structure"] == document.structure_name
    assert values["Périmètre"] == "Toute la structure"
    assert values["Période"] == "octobre 2026"
    assert values["Du"] == dt.datetime(2026, 10, 1)
    assert values["Version du référentiel"] == "MEDIOS-2026.1"
    assert values["Clôture"] == document.closing_label
    assert values["Généré le"] == document.generated_at
    assert values["Logiciel"] == "Médios 0.1.0"
    assert values["Dispositifs"] == "Médiation habitat ; Médiation sociale urbaine"
    row = _find(sheet, "Données")
    assert sheet.cell(row=row, column=1).hyperlink.location == "'Données'!A1"
    assert len(sheet._images) == 1  # the logo


def test_key_figures_values_and_formats(workbook_path: Path) -> None:
    sheet = load_workbook(workbook_path)["Interventions"]
    header = _find(sheet, "Indicateur")
    assert [c.value for c in sheet[header]][: len(KEY_FIGURE_COLUMNS)] == list(KEY_FIGURE_COLUMNS)
    assert sheet.freeze_panes == f"A{header + 1}"
    figures = sample_document().sections[0].key_figures
    for offset, figure in enumerate(figures, start=1):
        cells = sheet[header + offset]
        assert (cells[0].value, cells[1].value, cells[2].value, cells[3].value) == (
            figure.label,
            figure.code,
            figure.value,
            figure.previous,
        )
        assert cells[2].number_format == FORMATS[figure.kind]
        assert cells[6].value == figure.ytd
    binome = sheet[_find(sheet, "INT_BINOME", column=2)]
    assert binome[2].number_format == "0.0 %" and binome[2].value == pytest.approx(0.3127)
    assert binome[4].value == pytest.approx(1.46) and "pts" in binome[4].number_format  # points
    hours = sheet[_find(sheet, "INT_H", column=2)]
    assert hours[2].number_format == "#,##0.0" and hours[4].number_format.startswith("+")
    count = sheet[_find(sheet, "INT_NB", column=2)]
    assert count[2].number_format == "#,##0"
    assert count[5].value == pytest.approx(27 / 312) and count[5].number_format.startswith("+0.0 %")


def test_none_zero_previous_big_number_and_denominator(workbook_path: Path) -> None:
    book = load_workbook(workbook_path)
    conflits = book["Conflits et tensions"]
    apaise = conflits[_find(conflits, "CONF_APAISE", column=2)]
    assert apaise[3].value == "n.c."  # M−1 not computable
    assert apaise[4].value == "n.c."
    assert apaise[7].value == 80 and apaise[7].number_format == '#,##0" conflits terminés"'
    relais = conflits[_find(conflits, "RELAIS", column=2)]
    assert relais[3].value == 0 and relais[4].value == 3 and relais[5].value == "n.c."  # M−1 = 0: no %
    publics = book["Publics"]
    contacts = publics[_find(publics, "CONTACTS", column=2)]
    assert contacts[6].value == BIG and contacts[6].number_format == "#,##0"


def test_tables_values_codes_and_totals(workbook_path: Path) -> None:
    sheet = load_workbook(workbook_path)["Interventions"]
    document = sample_document()
    for table in document.sections[0].tables:
        header = _find(sheet, table.title) + 1
        assert [sheet.cell(row=header, column=i + 1).value for i in range(len(table.columns))] == [
            c.label for c in table.columns
        ]
        for offset, values in enumerate(table.rows, start=1):
            for index, (column, value) in enumerate(zip(table.columns, values, strict=True)):
                cell = sheet.cell(row=header + offset, column=index + 1)
                expected = pytest.approx(value, rel=1e-14) if isinstance(value, float) else value
                assert cell.value == (expected if value is not None else "n.c."), (table.code, offset, index)
                if column.kind in FORMATS and value is not None:
                    assert cell.number_format == FORMATS[column.kind]
        if table.total is not None:
            total = sheet.cell(row=header + len(table.rows) + 1, column=1)
            assert total.value == "Total" and total.font.b
    lieux = document.sections[0].tables[1]
    assert len(lieux.rows) > 20


def test_column_widths_fit_the_content(workbook_path: Path) -> None:
    sheet = load_workbook(workbook_path)["Interventions"]
    widths = {letter: dim.width for letter, dim in sheet.column_dimensions.items()}
    assert widths["A"] == 60  # long labels: capped, wrapped
    assert 8 <= widths["B"] <= 14  # codes
    assert widths["C"] >= len("Interventions")
    longest = "Veille sociale : repérage des fragilités et des situations d'isolement"
    assert sheet.cell(row=_find(sheet, longest), column=1).alignment.wrap_text
    assert not sheet.cell(row=_find(sheet, "Hall d'immeuble"), column=1).alignment.wrap_text


def test_charts_draw_from_the_source_tables(workbook_path: Path) -> None:
    book = load_workbook(workbook_path)
    sheet = book["Interventions"]
    charts = sheet._charts
    assert len(charts) == 4
    registres = _find(sheet, "Interventions par registre") + 2  # first data row
    bar = charts[0]
    assert bar.type == "bar" and bar.x_axis.scaling.orientation == "maxMin"
    (series,) = bar.series
    assert series.val.numRef.f == f"'Interventions'!$C${registres}:$C${registres + 7}"
    assert series.cat.strRef.f == f"'Interventions'!$A${registres}:$A${registres + 7}"
    assert series.tx.strRef.f == f"'Interventions'!C{registres - 1}"
    assert charts[2].type == "col"
    line = charts[3]
    assert type(line).__name__ == "LineChart"
    assert line.series[0].val.numRef.f == "'Mois'!$B$5:$B$16"
    assert line.series[0].cat.numRef.f == "'Mois'!$A$5:$A$16"  # months are dates
    publics = book["Publics"]
    (ages,) = publics._charts
    first = _find(publics, "Moins de 12 ans")
    assert [s.val.numRef.f for s in ages.series] == [
        f"'Publics'!$C${first}:$C${first + 5}",
        f"'Publics'!$D${first}:$D${first + 5}",
    ]
    assert ages.legend is not None


def test_a_chart_without_matching_table_gets_its_own_cells(tmp_path: Path) -> None:
    document = sample_document()
    orphan = Chart("CH_X", "Répartition libre", ChartKind.COLUMN, ("Un", "Deux"), (Series("Nombre", (4, 5)),))
    section = Section("X", "Divers", charts=(orphan,))
    document = dataclasses.replace(document, sections=(section,))
    path = tmp_path / "x.xlsx"
    write_xlsx(document, path)
    sheet = load_workbook(path)["Divers"]
    (chart,) = sheet._charts
    reference = chart.series[0].val.numRef.f
    cells = sheet[reference.split("!")[1].replace("$", "")]
    assert [row[0].value for row in cells] == [4, 5]


def test_months_sheet(workbook_path: Path) -> None:
    sheet = load_workbook(workbook_path)["Mois"]
    table = sample_document().months
    assert table is not None
    assert sheet.freeze_panes == "B5"
    assert [c.value for c in sheet[4]] == [c.label for c in table.columns]
    first = sheet.cell(row=5, column=1)
    assert first.value == dt.datetime(2025, 11, 1) and first.number_format == FORMATS[Kind.MONTH]
    assert [sheet.cell(row=5 + i, column=2).value for i in range(12)] == [r[1] for r in table.rows]


def test_no_months_sheet_for_a_single_month(tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    write_xlsx(sample_document(with_months=False), path)
    assert "Mois" not in load_workbook(path).sheetnames


def test_data_sheet_is_an_excel_table(workbook_path: Path) -> None:
    sheet = load_workbook(workbook_path)["Données"]
    data = sample_document().data
    assert data is not None
    (name,) = sheet.tables
    table = sheet.tables[name]
    assert table.ref == f"A1:G{len(data.rows) + 1}"
    assert [c.name for c in table.tableColumns] == [c.label for c in data.columns]
    assert sheet.freeze_panes == "A2"
    assert sheet.cell(row=2, column=7).value == data.rows[0][6]
    assert sheet.cell(row=len(data.rows) + 1, column=7).value is None  # None stays an empty cell


def test_quality_sheet_with_warnings(workbook_path: Path) -> None:
    sheet = load_workbook(workbook_path)["Qualité"]
    document = sample_document()
    sans_public = _find(sheet, "DQ_SANS_PUBLIC", column=2)
    assert sheet.cell(row=sans_public, column=5).value == -0.9  # 3,2 % − 4,1 %, in points, no float noise
    assert _find(sheet, "Avertissements")
    for warning in document.warnings:
        assert _find(sheet, warning.text)
    taux = sheet[_find(sheet, document.quality.tables[0].rows[0][0])]
    assert taux[2].number_format == "0.0 %"


def test_an_unreadable_logo_is_left_out(tmp_path: Path) -> None:
    broken = tmp_path / "logo.png"
    broken.write_bytes(b"pas une image")
    truncated = tmp_path / "coupé.png"
    truncated.write_bytes(write_logo(tmp_path / "entier.png").read_bytes()[:300])
    for logo in (broken, truncated, tmp_path / "absent.png"):
        path = tmp_path / "bilan.xlsx"
        write_xlsx(sample_document(logo=logo), path)
        assert load_workbook(path)["Couverture"]._images == []


def test_a_folder_as_target_leaves_nothing_and_says_so_in_french(tmp_path: Path) -> None:
    target = tmp_path / "dossier"
    target.mkdir()
    with pytest.raises(ReportFileError) as caught:
        write_xlsx(sample_document(), target)
    assert "dossier" in str(caught.value) and "Impossible d'écrire le rapport" in str(caught.value)
    assert list(target.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["dossier"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes in read-only folders")
def test_a_read_only_folder_leaves_nothing_and_keeps_the_old_file(tmp_path: Path) -> None:
    folder = tmp_path / "lecture-seule"
    folder.mkdir()
    old = folder / "bilan.xlsx"
    old.write_bytes(b"ancien")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(ReportFileError) as caught:
            write_xlsx(sample_document(), old)
        assert "accès refusé" in str(caught.value)
        assert caught.value.filename == str(old)
    finally:
        folder.chmod(stat.S_IRWXU)
    assert [p.name for p in folder.iterdir()] == ["bilan.xlsx"] and old.read_bytes() == b"ancien"


def test_a_failure_while_writing_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "bilan.xlsx"

    def full_disk(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(ReportFileError) as caught:
        write_xlsx(sample_document(), target)
    assert "disque plein" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_an_empty_table_and_empty_sections_are_written(tmp_path: Path) -> None:
    document = sample_document()
    empty = Table("VIDE", "Aucune ligne", (), ())
    section = Section("VIDE", "Section vide", tables=(empty,))
    document = dataclasses.replace(document, sections=(section,), data=None, warnings=())
    path = tmp_path / "vide.xlsx"
    write_xlsx(document, path)
    assert load_workbook(path).sheetnames == ["Couverture", "Section vide", "Mois", "Qualité"]


def test_a_target_locked_by_another_program_keeps_its_old_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to replace a file open in Excel: the old file stays, the message says what to do."""
    target = tmp_path / "bilan.xlsx"
    target.write_bytes(b"ancien")

    def locked(_source: object, _target: object) -> None:
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ReportFileError) as caught:
        write_xlsx(sample_document(), target)
    message = str(caught.value)
    assert "accès refusé" in message and "fermez-le" in message and str(target) in message
    assert [p.name for p in tmp_path.iterdir()] == ["bilan.xlsx"] and target.read_bytes() == b"ancien"
