"""The monthly report as an Excel workbook (openpyxl), rendered from a :class:`ReportDocument`.

Sheets, in order: « Couverture » (who, what, when, and the list of sheets), one sheet per section
(its key figures, then its tables, with their charts to the right), « Mois » for a period longer than
a month, « Qualité », and « Données », the long table as an Excel table that users can filter and
pivot.  Cells hold real numbers (a percentage is stored as its share 0..1 and shown « 12,5 % » by its
format), never text: the workbook is a source for further calculations.  Charts are native Excel charts
drawing from the cells of the table named by the chart's ``source``, so a user who corrects a cell
sees the chart follow.  Nothing is computed here and nothing is read from a database.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.data_source import AxDataSource, NumRef, StrRef
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table as ExcelTable
from openpyxl.worksheet.table import TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from medios.export import french
from medios.export.document import Chart, ChartKind, Column, KeyFigure, Kind, Number, ReportDocument, Section, Table
from medios.export.output import save_bytes

Cell = str | Number | None

FORMATS = {
    Kind.COUNT: "#,##0",
    Kind.DIFF: "+#,##0;-#,##0;0",
    Kind.HOURS: "#,##0.0",
    Kind.PERCENT: "0.0 %",
    Kind.FTE: "0.00",
    Kind.MONTH: "mmm yyyy",
}
SIGNED_FORMATS = {
    Kind.COUNT: "+#,##0;-#,##0;0",
    Kind.DIFF: "+#,##0;-#,##0;0",
    Kind.HOURS: "+#,##0.0;-#,##0.0;0.0",
    Kind.FTE: "+0.00;-0.00;0.00",
    Kind.PERCENT: '+0.0" pts";-0.0" pts";0.0" pts"',  # the value is written in points (× 100)
}
SIGNED_PERCENT = "+0.0 %;-0.0 %;0.0 %"

KEY_FIGURE_COLUMNS = (
    "Indicateur",
    "Code",
    "M",
    "M−1",
    "Écart",
    "Écart %",
    "Cumul annuel",
    "Dénominateur",
)

INK = "1F3A5F"
HEADER_FILL = PatternFill("solid", fgColor=INK)
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=15, color=INK)
SUBTITLE_FONT = Font(italic=True, color="595959")
TABLE_TITLE_FONT = Font(bold=True, size=12, color=INK)
BOLD = Font(bold=True)
NOTE_FONT = Font(italic=True, size=9, color="595959")
GREY = Font(color="808080")
TOTAL_BORDER = Border(top=Side(style="thin", color=INK))
WRAP = Alignment(wrap_text=True, vertical="top")
RIGHT = Alignment(horizontal="right")

MAX_WIDTH = 60
MIN_WIDTH = 6
CHART_WIDTH_CM = 17.0

_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title: str, used: set[str]) -> str:
    """An Excel sheet name: at most 31 characters, none of ``[]:*?/\\``, unique whatever the case."""
    name = _FORBIDDEN.sub(" ", title).strip().strip("'") or "Feuille"
    name = re.sub(r"\s+", " ", name)[:31].rstrip()
    candidate, number = name, 2
    while candidate.casefold() in used or candidate.casefold() == "history":
        suffix = f" ({number})"
        candidate = name[: 31 - len(suffix)].rstrip() + suffix
        number += 1
    used.add(candidate.casefold())
    return candidate


@dataclass(frozen=True, slots=True)
class _Placed:
    """Where a document table was written: its sheet, header row and data rows (total excluded)."""

    sheet: Worksheet
    table: Table
    header_row: int
    first_row: int
    last_row: int  # first_row - 1 when the table has no rows
    first_column: int = 1


def _month_date(value: Number) -> dt.date:
    year, month = divmod(int(value), 100)
    return dt.date(year, month, 1)


class _Widths:
    """The widest text of each column of a sheet, as the French reader sees it."""

    def __init__(self) -> None:
        self.widths: dict[int, int] = {}

    def see(self, column: int, text: str) -> None:
        longest = max((len(line) for line in text.split("\n")), default=0)
        self.widths[column] = max(self.widths.get(column, 0), longest)

    def apply(self, sheet: Worksheet, wrap_columns: Iterable[int] = ()) -> None:
        for column, width in self.widths.items():
            sheet.column_dimensions[get_column_letter(column)].width = max(MIN_WIDTH, min(MAX_WIDTH, width + 2))
        for column in wrap_columns:
            if self.widths.get(column, 0) + 2 > MAX_WIDTH:
                for (cell,) in sheet.iter_rows(min_col=column, max_col=column):
                    if isinstance(cell.value, str) and len(cell.value) + 2 > MAX_WIDTH:
                        cell.alignment = WRAP


class _Writer:
    def __init__(self, document: ReportDocument) -> None:
        self.document = document
        self.book = Workbook()
        self.used: set[str] = set()
        self.placed: dict[str, _Placed] = {}
        self.pending_charts: list[tuple[Worksheet, Chart, int, int]] = []  # sheet, chart, row, column
        self.contents: list[tuple[str, str]] = []  # sheet name, what it holds

    # Cells -------------------------------------------------------------------------------------------

    def _cell(self, sheet: Worksheet, row: int, column: int, value: Cell, kind: Kind, widths: _Widths) -> None:
        cell = sheet.cell(row=row, column=column)
        if value is None:
            if kind in (Kind.TEXT, Kind.CODE):
                return
            cell.value = french.NOT_AVAILABLE
            cell.font = GREY
            cell.alignment = RIGHT
            widths.see(column, french.NOT_AVAILABLE)
            return
        if isinstance(value, str):
            cell.value = value
            widths.see(column, value)
            return
        if kind is Kind.MONTH:
            cell.value = _month_date(value)
            cell.number_format = FORMATS[Kind.MONTH]
            widths.see(column, french.format_month(int(value)))
            return
        cell.value = value
        number_format = FORMATS.get(kind)
        if number_format:
            cell.number_format = number_format
        widths.see(column, french.format_value(value, kind))

    def _header(self, sheet: Worksheet, row: int, labels: Sequence[str], widths: _Widths, first: int = 1) -> None:
        for offset, label in enumerate(labels):
            cell = sheet.cell(row=row, column=first + offset, value=label)
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(vertical="center", wrap_text=False)
            widths.see(first + offset, label)

    def _heading(self, sheet: Worksheet, title: str) -> int:
        """The sheet's title and the report's identity; returns the next free row."""
        sheet.cell(row=1, column=1, value=title).font = TITLE_FONT
        document = self.document
        subtitle = f"{document.structure_name} — {document.period_label} — {document.scope_label}"
        sheet.cell(row=2, column=1, value=subtitle).font = SUBTITLE_FONT
        return 4

    # Blocks ------------------------------------------------------------------------------------------

    def _key_figures(self, sheet: Worksheet, row: int, figures: Sequence[KeyFigure], widths: _Widths) -> int:
        self._header(sheet, row, KEY_FIGURE_COLUMNS, widths)
        for figure in figures:
            row += 1
            self._cell(sheet, row, 1, figure.label, Kind.TEXT, widths)
            self._cell(sheet, row, 2, figure.code, Kind.CODE, widths)
            for column, value in ((3, figure.value), (4, figure.previous), (7, figure.ytd)):
                self._cell(sheet, row, column, value, figure.kind, widths)
            self._signed(sheet, row, 5, figure.diff, figure.kind, widths)
            if figure.diff_pct is not None or figure.kind is not Kind.PERCENT:  # a share compares in points
                self._ratio(sheet, row, 6, figure.diff_pct, widths)
            self._denominator(sheet, row, 8, figure, widths)
        return row + 2

    def _signed(
        self, sheet: Worksheet, row: int, column: int, value: Number | None, kind: Kind, widths: _Widths
    ) -> None:
        if value is None or kind not in SIGNED_FORMATS:
            self._cell(sheet, row, column, value, kind, widths)
            return
        # Points are written × 100, rounded off the float noise (−0.9, not −0.9000000000000001).
        cell = sheet.cell(row=row, column=column, value=round(value * 100, 9) if kind is Kind.PERCENT else value)
        cell.number_format = SIGNED_FORMATS[kind]
        widths.see(column, french.format_difference(value, kind))

    def _ratio(self, sheet: Worksheet, row: int, column: int, share: float | None, widths: _Widths) -> None:
        if share is None:
            self._cell(sheet, row, column, None, Kind.PERCENT, widths)
            return
        cell = sheet.cell(row=row, column=column, value=share)
        cell.number_format = SIGNED_PERCENT
        widths.see(column, french.format_percent(share, signed=True))

    def _denominator(self, sheet: Worksheet, row: int, column: int, figure: KeyFigure, widths: _Widths) -> None:
        if figure.denominator is None:
            return
        cell = sheet.cell(row=row, column=column, value=figure.denominator)
        label = (figure.denominator_label or "").replace('"', "'")
        cell.number_format = f'#,##0" {label}"' if label else "#,##0"
        widths.see(column, f"{french.format_count(figure.denominator)} {label}".strip())

    def _table(self, sheet: Worksheet, row: int, table: Table, widths: _Widths, *, title: bool = True) -> int:
        if title:
            sheet.cell(row=row, column=1, value=table.title).font = TABLE_TITLE_FONT
            row += 1
        header_row = row
        self._header(sheet, row, [c.label for c in table.columns], widths)
        for values in table.rows:
            row += 1
            self._row(sheet, row, table.columns, values, widths)
        self.placed[table.code] = _Placed(sheet, table, header_row, header_row + 1, row)
        if table.total is not None:
            row += 1
            self._row(sheet, row, table.columns, table.total, widths)
            for column in range(1, len(table.columns) + 1):
                cell = sheet.cell(row=row, column=column)
                cell.font = BOLD
                cell.border = TOTAL_BORDER
        if table.note:
            row += 1
            sheet.cell(row=row, column=1, value=table.note).font = NOTE_FONT
        return row + 2

    def _row(
        self, sheet: Worksheet, row: int, columns: Sequence[Column], values: Sequence[Cell], widths: _Widths
    ) -> None:
        for column, (spec, value) in enumerate(zip(columns, values, strict=False), start=1):
            self._cell(sheet, row, column, value, spec.kind, widths)

    # Sheets ------------------------------------------------------------------------------------------

    def cover(self) -> None:
        document = self.document
        sheet = self.book.active
        assert sheet is not None
        sheet.title = sheet_name("Couverture", self.used)
        sheet.sheet_view.showGridLines = False
        sheet.cell(row=1, column=1, value=document.title).font = TITLE_FONT
        sheet.cell(row=2, column=1, value=document.structure_name).font = Font(bold=True, size=12)
        lines: list[tuple[str, str | dt.date | dt.datetime]] = [
            ("Structure", document.structure_name),
            ("Périmètre", document.scope_label),
            ("Période", document.period_label),
            ("Du", document.period_start),
            ("Au", document.period_end),
            ("Version du référentiel", document.referentiel_version),
            ("Clôture", document.closing_label),
            ("Généré le", document.generated_at),
            ("Logiciel", f"Médios {document.software_version}".strip()),
            *document.extra,
        ]
        row = 4
        widths = _Widths()
        for label, value in lines:
            sheet.cell(row=row, column=1, value=label).font = BOLD
            widths.see(1, label)
            cell = sheet.cell(row=row, column=2, value=value)
            if isinstance(value, dt.datetime):
                cell.number_format = "dd/mm/yyyy hh:mm"
                widths.see(2, french.format_datetime(value))
            elif isinstance(value, dt.date):
                cell.number_format = "dd/mm/yyyy"
                widths.see(2, french.format_date(value))
            else:
                widths.see(2, value)
            cell.alignment = Alignment(horizontal="left")
            row += 1
        self.contents_row = row + 1
        widths.apply(sheet)
        self.cover_sheet = sheet
        self.cover_widths = widths

    def finish_cover(self) -> None:
        sheet, row, widths = self.cover_sheet, self.contents_row, self.cover_widths
        sheet.cell(row=row, column=1, value="Contenu du classeur").font = TABLE_TITLE_FONT
        for name, what in self.contents:
            row += 1
            cell = sheet.cell(row=row, column=1, value=name)
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"{quote_sheetname(name)}!A1")
            cell.font = Font(color="0563C1", underline="single")
            sheet.cell(row=row, column=2, value=what)
            widths.see(1, name)
            widths.see(2, what)
        widths.apply(sheet)
        self._logo(sheet)

    def _logo(self, sheet: Worksheet) -> None:
        logo = self.document.logo
        if logo is None:
            return
        try:
            from openpyxl.drawing.image import Image
            from PIL import Image as Picture

            with Picture.open(os.fspath(logo)) as picture:
                picture.load()  # a truncated file fails here, not in Excel (« contenu illisible »)
            image = Image(os.fspath(logo))
            height = 60
            image.width, image.height = round(image.width * height / image.height), height
            sheet.add_image(image, "D1")
        except Exception:  # an unreadable logo is left out, the report is still written
            return

    def section(self, section: Section, title: str | None = None) -> Worksheet:
        sheet = self.book.create_sheet(sheet_name(title or section.title, self.used))
        sheet.sheet_view.showGridLines = False
        widths = _Widths()
        row = self._heading(sheet, section.title)
        freeze = None
        if section.key_figures:
            freeze = f"A{row + 1}"
            row = self._key_figures(sheet, row, section.key_figures, widths)
        for table in section.tables:
            row = self._table(sheet, row, table, widths)
            if freeze is None:
                freeze = f"A{self.placed[table.code].first_row}"
        sheet.freeze_panes = freeze or "A4"
        widths.apply(sheet, wrap_columns=(1,))
        column = (
            max([len(KEY_FIGURE_COLUMNS) if section.key_figures else 0] + [len(t.columns) for t in section.tables]) + 2
        )
        chart_row = 4
        for chart in section.charts:
            self.pending_charts.append((sheet, chart, chart_row, column))
            chart_row += _chart_rows(chart) + 2
        described = ", ".join(t.title.lower() for t in section.tables[:3])
        self.contents.append((sheet.title, "Chiffres clés" + (f", {described}" if described else "")))
        return sheet

    def months(self, table: Table) -> None:
        sheet = self.book.create_sheet(sheet_name("Mois", self.used))
        sheet.sheet_view.showGridLines = False
        widths = _Widths()
        row = self._heading(sheet, table.title)
        self._table(sheet, row, table, widths, title=False)
        sheet.freeze_panes = f"B{row + 1}"
        widths.apply(sheet)
        self.contents.append((sheet.title, "Tableau mois par mois"))

    def quality(self) -> None:
        document = self.document
        sheet = self.section(document.quality, "Qualité")
        self.contents[-1] = (sheet.title, "Qualité des données et avertissements")
        if not document.warnings:
            return
        row = sheet.max_row + 2
        widths = _Widths()
        sheet.cell(row=row, column=1, value="Avertissements").font = TABLE_TITLE_FONT
        row += 1
        self._header(sheet, row, ("Avertissement", "Code"), widths)
        for warning in document.warnings:
            row += 1
            sheet.cell(row=row, column=1, value=warning.text).alignment = WRAP
            sheet.cell(row=row, column=2, value=warning.code)

    def data(self, table: Table) -> None:
        sheet = self.book.create_sheet(sheet_name("Données", self.used))
        widths = _Widths()
        labels = _unique([c.label for c in table.columns])
        self._header(sheet, 1, labels, widths)
        row = 1
        for values in table.rows:
            row += 1
            for column, (spec, value) in enumerate(zip(table.columns, values, strict=False), start=1):
                if value is None:
                    continue  # empty, not « n.c. »: the column stays numeric for pivot tables
                self._cell(sheet, row, column, value, spec.kind, widths)
        self.placed[table.code] = _Placed(sheet, table, 1, 2, row)
        sheet.freeze_panes = "A2"
        if table.rows:
            reference = f"A1:{get_column_letter(len(labels))}{row}"
            excel = ExcelTable(displayName="Donnees", ref=reference)
            excel.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
            sheet.add_table(excel)
        for column in range(1, len(labels) + 1):
            widths.see(column, labels[column - 1] + "   ")  # room for the filter button
        widths.apply(sheet)
        self.contents.append((sheet.title, "Table longue, filtrable, pour les tableaux croisés dynamiques"))

    # Charts ------------------------------------------------------------------------------------------

    def charts(self) -> None:
        for sheet, chart, row, column in self.pending_charts:
            excel = self._chart(sheet, chart, column)
            if excel is not None:
                sheet.add_chart(excel, f"{get_column_letter(column)}{row}")

    def _chart(self, sheet: Worksheet, chart: Chart, column: int) -> BarChart | LineChart | None:
        if not chart.categories or not chart.series:
            return None
        located = self._locate(chart)
        if located is None:
            located = self._chart_data(sheet, chart, column)
        source, category_column, series_columns, first, last = located
        excel: BarChart | LineChart
        if chart.kind is ChartKind.LINE:
            excel = LineChart()
        else:
            excel = BarChart()
            excel.type = "bar" if chart.kind is ChartKind.BAR else "col"
            excel.gapWidth = 60
            if chart.kind is ChartKind.BAR:
                excel.x_axis.scaling.orientation = "maxMin"  # first category on top, as in the table
                excel.y_axis.crosses = "max"  # and the value axis stays at the bottom
        excel.title = chart.title
        excel.style = 10
        excel.width = CHART_WIDTH_CM
        excel.height = _chart_rows(chart) * 0.5
        for series_column in series_columns:
            data = Reference(source, min_col=series_column, min_row=first - 1, max_row=last)
            excel.add_data(data, titles_from_data=True)
        categories = Reference(source, min_col=category_column, min_row=first, max_row=last)
        for series in excel.series:
            # Text categories are a string reference (openpyxl's set_categories writes a numeric one,
            # which LibreOffice reads as 1, 2, 3…); months are dates, numeric.
            text = isinstance(source.cell(row=first, column=category_column).value, str)
            series.cat = (
                AxDataSource(strRef=StrRef(f=str(categories)))
                if text
                else AxDataSource(numRef=NumRef(f=str(categories)))
            )
        excel.x_axis.delete = False
        excel.y_axis.delete = False
        excel.y_axis.majorGridlines = None if chart.kind is ChartKind.BAR else excel.y_axis.majorGridlines
        if len(series_columns) == 1:
            excel.legend = None
            if chart.kind is not ChartKind.LINE:
                # Every flag spelled out: Excel reads a missing one as « shown ».
                excel.dataLabels = DataLabelList(
                    showVal=True, showCatName=False, showSerName=False, showLegendKey=False, showPercent=False
                )
        else:
            excel.legend.position = "b"
        return excel

    def _locate(self, chart: Chart) -> tuple[Worksheet, int, list[int], int, int] | None:
        """The cells of the chart's source table holding its figures, if they are there in order."""
        placed = self.placed.get(chart.source or "")
        if placed is None:
            return None
        table = placed.table
        kinds = [c.kind for c in table.columns]
        category_index = next(
            (i for kind in (Kind.TEXT, Kind.MONTH, Kind.CODE) for i, k in enumerate(kinds) if k is kind), None
        )
        if category_index is None:
            return None
        labels = [c.label for c in table.columns]
        series_indexes = []
        for series in chart.series:
            if series.name not in labels:
                return None
            series_indexes.append(labels.index(series.name))
        texts = [_category_text(row[category_index], kinds[category_index]) for row in table.rows]
        wanted = list(chart.categories)
        for start in range(len(texts) - len(wanted) + 1):
            if all(
                texts[start + i] == wanted[i] or _same(table.rows[start + i][category_index], wanted[i])
                for i in range(len(wanted))
            ):
                values_match = all(
                    tuple(table.rows[start + i][index] for i in range(len(wanted))) == series.values
                    for series, index in zip(chart.series, series_indexes, strict=True)
                )
                if not values_match:
                    return None
                first = placed.first_row + start
                return (
                    placed.sheet,
                    placed.first_column + category_index,
                    [placed.first_column + i for i in series_indexes],
                    first,
                    first + len(wanted) - 1,
                )
        return None

    def _chart_data(self, sheet: Worksheet, chart: Chart, column: int) -> tuple[Worksheet, int, list[int], int, int]:
        """No source table holds the chart's figures: write them beside the chart, under its title."""
        row = sheet.max_row + 3
        sheet.cell(row=row, column=column, value=f"Données du graphique « {chart.title} »").font = NOTE_FONT
        row += 1
        sheet.cell(row=row, column=column, value="Catégorie").font = BOLD
        for offset, series in enumerate(chart.series, start=1):
            sheet.cell(row=row, column=column + offset, value=series.name).font = BOLD
        for index, category in enumerate(chart.categories, start=1):
            sheet.cell(row=row + index, column=column, value=category)
            for offset, series in enumerate(chart.series, start=1):
                value = series.values[index - 1] if index - 1 < len(series.values) else None
                sheet.cell(row=row + index, column=column + offset, value=value)
        return (
            sheet,
            column,
            [column + i for i in range(1, len(chart.series) + 1)],
            row + 1,
            row + len(chart.categories),
        )

    def write(self) -> bytes:
        document = self.document
        self.cover()
        for section in document.sections:
            self.section(section)
        if document.months is not None:
            self.months(document.months)
        self.quality()
        if document.data is not None:
            self.data(document.data)
        self.charts()
        self.finish_cover()
        self.book.properties.title = document.title
        self.book.properties.creator = "Médios"
        self.book.properties.subject = f"{document.period_label} — {document.scope_label}"
        self.book.properties.keywords = document.referentiel_version
        buffer = io.BytesIO()
        self.book.save(buffer)
        return buffer.getvalue()


def _chart_rows(chart: Chart) -> int:
    """The chart's height in sheet rows (about 0.5 cm each): more room for many horizontal bars."""
    if chart.kind is ChartKind.BAR:
        return max(15, min(40, 2 * len(chart.categories) + 4))
    return 16


def _category_text(value: Cell, kind: Kind) -> str:
    if value is None:
        return ""
    if kind is Kind.MONTH and not isinstance(value, str):
        return french.format_month(int(value))
    return str(value)


def _same(value: Cell, category: str) -> bool:
    return value is not None and str(value) == category


def _unique(labels: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for label in labels:
        name, number = label or "Colonne", 2
        while name.casefold() in seen:
            name, number = f"{label} ({number})", number + 1
        seen.add(name.casefold())
        result.append(name)
    return result


def render_xlsx(document: ReportDocument) -> bytes:
    """The workbook's bytes (``.xlsx``)."""
    return _Writer(document).write()


def write_xlsx(document: ReportDocument, path: str | os.PathLike[str]) -> None:
    """Write the workbook to ``path`` atomically (:class:`medios.export.output.ReportFileError` on failure)."""
    save_bytes(render_xlsx(document), path)
