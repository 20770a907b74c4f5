"""The monthly report as a PDF (reportlab platypus, A4), rendered from a :class:`ReportDocument`.

Page 1: the title, what the report covers (scope, period, closing status) and « Chiffres clés », one
card per key figure with its evolution; then each section with its key figures, tables and bar charts,
the month-by-month table of a longer period, the data quality, and the methodological note.  Every page
carries the structure's name and logo at the top and « page 2 sur 5 » at the bottom.  Text is set in
DejaVu Sans, embedded, which has every character French needs (the narrow no-break space between
thousands included, which the PDF base fonts lack).  Nothing is computed here and nothing is read from a
database: numbers are only formatted, by :mod:`medios.export.french`.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics.charts.barcharts import BarChart, HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

from medios.export import french
from medios.export.document import Chart, ChartKind, Column, KeyFigure, Kind, Number, ReportDocument, Section, Table
from medios.export.output import save_bytes
from medios.paths import resources_dir

FONT = "DejaVuSans"
BOLD_FONT = "DejaVuSans-Bold"

INK = colors.HexColor("#1F3A5F")
ACCENT = colors.HexColor("#E8A33D")
MUTED = colors.HexColor("#5B6770")
LIGHT = colors.HexColor("#EEF2F7")
RULE = colors.HexColor("#C9D3DE")
ZEBRA = colors.HexColor("#F7F9FB")
PALETTE = (INK, ACCENT, colors.HexColor("#5B9BD5"), colors.HexColor("#7FA650"), colors.HexColor("#A5A5A5"))

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
TOP = 24 * mm  # room for the running header
BOTTOM = 16 * mm
WIDTH = PAGE_WIDTH - 2 * MARGIN
LOGO_HEIGHT = 11 * mm
LOGO_MAX_WIDTH = 40 * mm
CHART_LABEL_LIMIT = 42  # characters of a category label on a chart; longer ones are shortened

NUMERIC = frozenset({Kind.COUNT, Kind.DIFF, Kind.HOURS, Kind.PERCENT, Kind.FTE})


def register_fonts() -> None:
    """Register DejaVu Sans (regular and bold) from ``resources/fonts`` once per process."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD_FONT, str(folder / "DejaVuSans-Bold.ttf")))
    # No oblique face is shipped: <i> falls back to the upright one rather than to Helvetica.
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD_FONT, italic=FONT, boldItalic=BOLD_FONT)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, bulletFontName=FONT, fontSize=9, leading=12, textColor=colors.black)
    return {
        "base": base,
        "title": ParagraphStyle("title", base, fontName=BOLD_FONT, fontSize=21, leading=26, textColor=INK),
        "structure": ParagraphStyle("structure", base, fontSize=12, leading=16, textColor=MUTED, spaceAfter=8),
        "h1": ParagraphStyle(
            "h1", base, fontName=BOLD_FONT, fontSize=15, leading=19, textColor=INK, spaceBefore=6, spaceAfter=6
        ),
        "h2": ParagraphStyle(
            "h2", base, fontName=BOLD_FONT, fontSize=10.5, leading=14, textColor=INK, spaceBefore=8, spaceAfter=4
        ),
        "cell": ParagraphStyle("cell", base, fontSize=8, leading=10),
        "cell_bold": ParagraphStyle("cell_bold", base, fontName=BOLD_FONT, fontSize=8, leading=10),
        "cell_code": ParagraphStyle("cell_code", base, fontSize=6.5, leading=10, textColor=MUTED),
        "cell_num": ParagraphStyle("cell_num", base, fontSize=8, leading=10, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", base, fontName=BOLD_FONT, fontSize=7.5, leading=9.5, textColor=colors.white),
        "head_num": ParagraphStyle(
            "head_num", base, fontName=BOLD_FONT, fontSize=7.5, leading=9.5, textColor=colors.white, alignment=TA_RIGHT
        ),
        "caption": ParagraphStyle(
            "caption", base, fontName=BOLD_FONT, fontSize=8, leading=11, textColor=MUTED, spaceBefore=8, spaceAfter=2
        ),
        "note": ParagraphStyle("note", base, fontSize=7.5, leading=10, textColor=MUTED, spaceBefore=3),
        "small": ParagraphStyle("small", base, fontSize=8, leading=11, textColor=MUTED),
        "card_label": ParagraphStyle("card_label", base, fontSize=8.5, leading=11, textColor=MUTED),
        "card_value": ParagraphStyle("card_value", base, fontName=BOLD_FONT, fontSize=19, leading=24, textColor=INK),
        "card_line": ParagraphStyle("card_line", base, fontSize=7.5, leading=10, textColor=colors.black),
        "warning": ParagraphStyle("warning", base, fontSize=8.5, leading=11.5, leftIndent=10, bulletIndent=0),
        "method": ParagraphStyle("method", base, fontSize=8.5, leading=12, spaceAfter=5),
    }


def shorten(label: str, limit: int = CHART_LABEL_LIMIT) -> str:
    """``label`` cut at a word boundary to at most ``limit`` characters, with « … » when cut."""
    if len(label) <= limit:
        return label
    cut = label[: limit - 1]
    space = cut.rfind(" ")
    if label[limit - 1] != " " and space > limit // 2:
        cut = cut[:space]  # the word that the limit splits goes
    return cut.rstrip(" ,;:–-(") + "…"


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with « … » to fit ``width`` points in ``font`` at ``size``."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip(" ,;:·—-") + "…"


def _is_one_month(document: ReportDocument) -> bool:
    start, end = document.period_start, document.period_end
    following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start.day == 1 and end == following - dt.timedelta(days=1)


def _comparison_labels(document: ReportDocument) -> tuple[str, str, str]:
    """Headers for M, M−1 and the year to date: « oct. 2026 », « sept. 2026 », « Cumul 2026 »."""
    start = document.period_start
    if not _is_one_month(document):
        return "Période", "Période précédente", "Cumul annuel"
    previous = start - dt.timedelta(days=1)
    return (
        french.format_month(start.year * 100 + start.month),
        french.format_month(previous.year * 100 + previous.month),
        f"Cumul {start.year}",
    )


class _Logo:
    """The structure's logo, read once; ``None`` when missing or unreadable (the report goes on)."""

    def __init__(self, path: Path | None) -> None:
        self.image: ImageReader | None = None
        self.size = (0.0, 0.0)
        if path is None:
            return
        try:
            image = ImageReader(os.fspath(path))
            width, height = image.getSize()
            if width <= 0 or height <= 0:
                return
            image.getRGBData()  # decode now: a truncated file must fail here, not halfway through the PDF
        except Exception:  # a missing, truncated or foreign file: no logo, never a failed report
            return
        scale = min(LOGO_HEIGHT / height, LOGO_MAX_WIDTH / width)
        self.image, self.size = image, (width * scale, height * scale)


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    """A canvas that knows the page count: pages are kept until the end, then footed « page 2 sur 5 »."""

    def __init__(self, *args: Any, footer: str = "", **kwargs: Any) -> None:
        if kwargs.get("initialFontName") is None:  # else every page starts in Helvetica, not embedded
            kwargs["initialFontName"] = FONT
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._footer = footer

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN, BOTTOM - 4 * mm, PAGE_WIDTH - MARGIN, BOTTOM - 4 * mm)
        self.setFont(FONT, 7.5)
        self.setFillColor(MUTED)
        number = f"page {self._pageNumber} sur {total}"
        room = WIDTH - pdfmetrics.stringWidth(number, FONT, 7.5) - 8 * mm
        self.drawString(MARGIN, BOTTOM - 8 * mm, fit(self._footer, FONT, 7.5, room))
        self.drawRightString(PAGE_WIDTH - MARGIN, BOTTOM - 8 * mm, number)
        self.restoreState()


class _Renderer:
    def __init__(self, document: ReportDocument) -> None:
        register_fonts()
        self.document = document
        self.styles = _styles()
        self.logo = _Logo(document.logo)
        self.labels = _comparison_labels(document)
        self.compared = any(
            f.previous is not None or f.ytd is not None for f in (*document.key_figures, *_all_figures(document))
        )

    # Page furniture ----------------------------------------------------------------------------------

    def _page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        top = PAGE_HEIGHT - 10 * mm
        if self.logo.image is not None:
            width, height = self.logo.size
            canvas.drawImage(self.logo.image, PAGE_WIDTH - MARGIN - width, top - height, width, height, mask="auto")
        canvas.setFont(BOLD_FONT, 9)
        canvas.setFillColor(INK)
        available = WIDTH - (self.logo.size[0] + 6 * mm if self.logo.image is not None else 0)
        canvas.drawString(MARGIN, top - 4 * mm, fit(self.document.structure_name, BOLD_FONT, 9, available))
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        subtitle = f"{self.document.period_label} · {self.document.scope_label}"
        canvas.drawString(MARGIN, top - 8 * mm, fit(subtitle, FONT, 7.5, available))
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.2)
        canvas.line(MARGIN, PAGE_HEIGHT - TOP + 3 * mm, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - TOP + 3 * mm)
        canvas.restoreState()

    # Blocks ------------------------------------------------------------------------------------------

    def _p(self, text: str, style: str) -> Paragraph:
        return Paragraph(escape(text), self.styles[style])

    def cover(self) -> list[Flowable]:
        document = self.document
        story: list[Flowable] = [
            self._p(document.title, "title"),
            self._p(document.structure_name, "structure"),
        ]
        period = document.period_label
        start = french.format_date(document.period_start)
        if start not in period:  # « octobre 2026 » gets its dates; « du 01/04/2025 au … » has them
            period += f" (du {start} au {french.format_date(document.period_end)})"
        lines = [
            ("Périmètre", document.scope_label),
            ("Période", period),
            ("Clôture", document.closing_label),
            ("Édition", f"{french.format_datetime(document.generated_at)}, référentiel {document.referentiel_version}"),
            *document.extra,
        ]
        rows = [[self._p(label, "small"), self._p(value, "base")] for label, value in lines]
        info = PdfTable(rows, colWidths=[32 * mm, WIDTH - 32 * mm])
        info.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FONT, 8),
                    ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
                ]
            )
        )
        story += [info, Spacer(1, 7 * mm), self._p("Chiffres clés", "h1")]
        story.append(self._cards(document.key_figures))
        if document.warnings:
            story += [Spacer(1, 5 * mm), self._p("Points d'attention sur les données", "h2")]
            story += [Paragraph(escape(w.text), self.styles["warning"], bulletText="•") for w in document.warnings]
        return story

    def _cards(self, figures: Sequence[KeyFigure]) -> Flowable:
        """Two cards a row, with a gap column and a gap row between them."""
        if not figures:
            return self._p("Aucun chiffre clé pour cette période.", "small")
        gap = 4 * mm
        width = (WIDTH - gap) / 2
        rows: list[list[Any]] = []
        heights: list[float | None] = []
        commands: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), FONT, 8),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
        for start in range(0, len(figures), 2):
            if rows:
                rows.append(["", "", ""])
                heights.append(gap)
            pair = [self._card(f) for f in figures[start : start + 2]]
            index = len(rows)
            rows.append([pair[0], "", pair[1] if len(pair) > 1 else ""])
            heights.append(None)
            for column in range(0, 2 * len(pair), 2):
                commands += [
                    ("BACKGROUND", (column, index), (column, index), LIGHT),
                    ("LINEBEFORE", (column, index), (column, index), 3, INK),
                ]
        table = PdfTable(rows, colWidths=[width, gap, width], rowHeights=heights)
        table.setStyle(TableStyle(commands))
        return table

    def _card(self, figure: KeyFigure) -> list[Flowable]:
        month, previous_label, cumul = self.labels
        parts: list[Flowable] = [
            self._p(figure.label, "card_label"),
            self._p(french.format_value(figure.value, figure.kind), "card_value"),
        ]
        if figure.previous is not None or figure.diff is not None:
            arrow = ""
            if figure.diff is not None and figure.diff != 0:
                arrow = "▲ " if figure.diff > 0 else "▼ "
            evolution = french.format_difference(figure.diff, figure.kind)
            if figure.diff_pct is not None and figure.kind is not Kind.PERCENT:
                evolution += f" ({french.format_percent(figure.diff_pct, signed=True)})"
            previous = french.format_value(figure.previous, figure.kind)
            parts.append(self._p(f"{arrow}{evolution} par rapport à {previous_label} ({previous})", "card_line"))
        elif self.compared and _is_one_month(self.document):  # a longer period has no M−1 by design
            parts.append(self._p(f"{previous_label} : non calculable", "card_line"))
        if figure.ytd is not None:
            parts.append(self._p(f"{cumul} : {french.format_value(figure.ytd, figure.kind)}", "card_line"))
        if figure.denominator is not None:
            parts.append(self._p(_denominator_text(figure), "card_line"))
        parts.append(Spacer(1, 4))
        return parts

    def key_figures_table(self, figures: Sequence[KeyFigure]) -> Flowable:
        month, previous_label, cumul = self.labels
        if self.compared:
            headers = ["Indicateur", "Code", month, previous_label, "Écart", "Écart %", cumul]
        else:
            headers = ["Indicateur", "Code", month]
        rows: list[list[Any]] = []
        for figure in figures:
            label: list[Flowable] = [self._p(figure.label, "cell")]
            if figure.denominator is not None:
                label.append(self._p(_denominator_text(figure), "cell_code"))
            row: list[Any] = [label, figure.code, french.format_value(figure.value, figure.kind)]
            if self.compared:
                share = "" if figure.diff_pct is None and figure.kind is Kind.PERCENT else None
                row += [
                    french.format_value(figure.previous, figure.kind),
                    french.format_difference(figure.diff, figure.kind),
                    share if share is not None else _signed_share(figure.diff_pct),
                    french.format_value(figure.ytd, figure.kind),
                ]
            rows.append(row)
        numeric = list(range(2, len(headers)))
        return self._grid(headers, rows, numeric, code_column=1)

    def table(self, table: Table) -> list[Flowable]:
        numeric = [i for i, c in enumerate(table.columns) if c.kind in NUMERIC]
        code_columns = [i for i, c in enumerate(table.columns) if c.kind is Kind.CODE]
        rows: list[list[Any]] = [self._cells(table.columns, values) for values in table.rows]
        if table.total is not None:
            rows.append(self._cells(table.columns, table.total, bold=True))
        story: list[Flowable] = [self._p(table.title, "h2")]
        if not table.columns:
            return [*story, self._p("Aucune donnée.", "small")]
        if not table.rows:
            story.append(self._p("Aucune ligne pour cette période.", "small"))
            return story
        story.append(
            self._grid(
                [c.label for c in table.columns],
                rows,
                numeric,
                code_column=code_columns[0] if code_columns else None,
                total=table.total is not None,
            )
        )
        if table.note:
            story.append(self._p(table.note, "note"))
        return story

    def _cells(self, columns: Sequence[Column], values: Sequence[str | Number | None], bold: bool = False) -> list[Any]:
        cells: list[Any] = []
        for column, value in zip(columns, values, strict=False):
            text = french.format_value(value, column.kind) if value is not None or column.kind in NUMERIC else ""
            if column.kind is Kind.TEXT:
                cells.append(self._p(text, "cell_bold" if bold else "cell"))
            else:
                cells.append(text)
        return cells

    def _grid(
        self,
        headers: Sequence[str],
        rows: list[list[Any]],
        numeric: Sequence[int],
        *,
        code_column: int | None = None,
        total: bool = False,
    ) -> PdfTable:
        widths = self._widths(headers, rows, numeric, code_column)
        head = [self._p(h, "head_num" if i in numeric else "head") for i, h in enumerate(headers)]
        table = PdfTable([head, *rows], colWidths=widths, repeatRows=1)
        commands: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), FONT, 8),
            ("BACKGROUND", (0, 0), (-1, 0), INK),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ]
        for column in numeric:
            commands.append(("ALIGN", (column, 1), (column, -1), "RIGHT"))
        if code_column is not None:
            commands += [
                ("FONT", (code_column, 1), (code_column, -1), FONT, 6.5),
                ("TEXTCOLOR", (code_column, 1), (code_column, -1), MUTED),
            ]
        for index in range(2, len(rows) + 1, 2):
            commands.append(("BACKGROUND", (0, index), (-1, index), ZEBRA))
        if total:
            commands += [
                ("FONT", (0, -1), (-1, -1), BOLD_FONT, 8),
                ("LINEABOVE", (0, -1), (-1, -1), 0.9, INK),
                ("BACKGROUND", (0, -1), (-1, -1), LIGHT),
            ]
        table.setStyle(TableStyle(commands))
        table.hAlign = "LEFT"
        return table

    def _widths(
        self, headers: Sequence[str], rows: list[list[Any]], numeric: Sequence[int], code_column: int | None
    ) -> list[float]:
        count = len(headers)
        widths = [0.0] * count
        for index in range(count):
            if index in numeric:
                texts = [r[index] for r in rows if index < len(r) and isinstance(r[index], str)]
                longest = max((pdfmetrics.stringWidth(t, BOLD_FONT, 8) for t in texts), default=0)
                header = max(pdfmetrics.stringWidth(w, BOLD_FONT, 7.5) for w in headers[index].split() or [""])
                widths[index] = max(40.0, longest + 10, header + 10)
            elif index == code_column:
                texts = [_plain(r[index]) for r in rows if index < len(r)]
                longest = max((pdfmetrics.stringWidth(t, FONT, 6.5) for t in texts), default=0)
                widths[index] = min(
                    max(34.0, longest + 10, pdfmetrics.stringWidth(headers[index], BOLD_FONT, 7.5) + 10), 80
                )
        free = [i for i in range(count) if widths[i] == 0.0]
        if free:
            rest = max(WIDTH - sum(widths), 60.0 * len(free))
            for index in free:
                widths[index] = rest / len(free)
        scale = WIDTH / sum(widths) if sum(widths) else 1.0  # the full width, or less when too wide
        return [w * scale for w in widths]

    def chart(self, chart: Chart, *, titled: bool = True) -> Flowable | None:
        if not chart.categories or not chart.series:
            return None
        if chart.kind is ChartKind.BAR:
            drawing = self._horizontal(chart)
        elif chart.kind is ChartKind.COLUMN:
            drawing = self._vertical(chart)
        else:
            drawing = self._line(chart)
        if not titled:  # right under the table of the same title: a caption is enough
            return KeepTogether([self._p(f"Graphique : {chart.title}", "caption"), drawing])
        return KeepTogether([self._p(chart.title, "h2"), drawing])

    def _legend(self, drawing: Drawing, chart: Chart, y: float) -> None:
        if len(chart.series) < 2:
            return
        legend = Legend()
        legend.alignment = "right"
        legend.x, legend.y = 0, y
        legend.fontName, legend.fontSize = FONT, 7.5
        legend.columnMaximum = 1
        legend.deltax = 90
        legend.dxTextSpace = 4
        legend.boxAnchor = "nw"
        legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], s.name) for i, s in enumerate(chart.series)]
        drawing.add(legend)

    def _style_bars(self, bars: BarChart, chart: Chart) -> None:
        bars.data = [tuple(s.values) for s in chart.series]
        for index in range(len(chart.series)):
            bars.bars[index].fillColor = PALETTE[index % len(PALETTE)]
            bars.bars[index].strokeColor = None
        bars.valueAxis.valueMin = 0
        top = max((max(s.values, default=0) for s in chart.series), default=0)
        if top <= 0:
            bars.valueAxis.valueMax = 1
        bars.valueAxis.labels.fontName = FONT
        bars.valueAxis.labels.fontSize = 7
        bars.valueAxis.labelTextFormat = _axis_format
        bars.valueAxis.strokeColor = RULE
        bars.valueAxis.visibleGrid = True
        bars.valueAxis.gridStrokeColor = colors.HexColor("#E3E8EE")
        bars.valueAxis.gridStrokeWidth = 0.4
        bars.categoryAxis.labels.fontName = FONT
        bars.categoryAxis.labels.fontSize = 7
        bars.categoryAxis.strokeColor = RULE
        bars.barLabelFormat = _bar_label
        bars.barLabels.fontName = FONT
        bars.barLabels.fontSize = 6.5
        bars.barLabels.fillColor = colors.black

    def _horizontal(self, chart: Chart) -> Drawing:
        names = [shorten(c) for c in chart.categories]
        label_width = min(max(pdfmetrics.stringWidth(n, FONT, 7) for n in names) + 8, WIDTH * 0.48)
        band = 11 + 5 * (len(chart.series) - 1)
        legend = 14 if len(chart.series) > 1 else 0
        height = len(names) * band + 26 + legend
        drawing = Drawing(WIDTH, height, initialFontName=FONT)
        bars = HorizontalBarChart()
        bars.x, bars.y = label_width, 16
        bars.width, bars.height = WIDTH - label_width - 28, height - 22 - legend
        # reportlab draws the first category at the bottom: reverse, so that the chart reads like the table.
        self._style_bars(bars, chart)
        bars.data = [tuple(reversed(s.values)) for s in chart.series]
        bars.categoryAxis.categoryNames = list(reversed(names))
        bars.categoryAxis.labels.boxAnchor = "e"
        bars.categoryAxis.labels.dx = -4
        bars.barLabels.boxAnchor = "w"
        bars.barLabels.dx = 3
        bars.barSpacing = 0.5
        bars.groupSpacing = 3
        drawing.add(bars)
        self._legend(drawing, chart, height)
        return drawing

    def _vertical(self, chart: Chart) -> Drawing:
        slot = (WIDTH - 50) / len(chart.categories)
        longest = max(pdfmetrics.stringWidth(shorten(c, 28), FONT, 7) for c in chart.categories)
        angled = longest > slot - 4
        names = [shorten(c, 28 if angled else CHART_LABEL_LIMIT) for c in chart.categories]
        bottom = (min(longest, 130) * 0.6 + 14) if angled else 24
        legend = 16 if len(chart.series) > 1 else 0
        height = 150 + bottom + legend
        drawing = Drawing(WIDTH, height, initialFontName=FONT)
        bars = VerticalBarChart()
        bars.x, bars.y = 40, bottom
        bars.width, bars.height = WIDTH - 50, height - bottom - 14 - legend
        self._style_bars(bars, chart)
        bars.categoryAxis.categoryNames = names
        if angled:
            bars.categoryAxis.labels.angle = 30
            bars.categoryAxis.labels.boxAnchor = "ne"
            bars.categoryAxis.labels.dx = 2
        else:
            bars.categoryAxis.labels.boxAnchor = "n"
        bars.categoryAxis.labels.dy = -3
        bars.barLabels.boxAnchor = "s"
        bars.barLabels.dy = 2
        bars.groupSpacing = 8
        bars.barSpacing = 1
        drawing.add(bars)
        self._legend(drawing, chart, height)
        return drawing

    def _line(self, chart: Chart) -> Drawing:
        legend = 16 if len(chart.series) > 1 else 0
        names = [shorten(c, 20) for c in chart.categories]
        slot = (WIDTH - 50) / len(names)
        longest = max(pdfmetrics.stringWidth(n, FONT, 6.5) for n in names)
        angled = longest > slot - 4
        bottom = longest * 0.55 + 14 if angled else 26
        height = 150 + bottom + legend
        drawing = Drawing(WIDTH, height, initialFontName=FONT)
        line = HorizontalLineChart()
        line.x, line.y = 40, bottom
        line.width, line.height = WIDTH - 50, height - bottom - 18 - legend
        line.data = [tuple(s.values) for s in chart.series]
        line.joinedLines = 1
        for index in range(len(chart.series)):
            line.lines[index].strokeColor = PALETTE[index % len(PALETTE)]
            line.lines[index].strokeWidth = 1.6
            line.lines[index].symbol = makeMarker("FilledCircle", size=3.5, fillColor=PALETTE[index % len(PALETTE)])
        line.valueAxis.valueMin = 0
        top = max((max(s.values, default=0) for s in chart.series), default=0)
        if top <= 0:
            line.valueAxis.valueMax = 1
        line.valueAxis.labels.fontName = FONT
        line.valueAxis.labels.fontSize = 7
        line.valueAxis.labelTextFormat = _axis_format
        line.valueAxis.visibleGrid = True
        line.valueAxis.gridStrokeColor = colors.HexColor("#E3E8EE")
        line.valueAxis.gridStrokeWidth = 0.4
        line.valueAxis.strokeColor = RULE
        line.categoryAxis.categoryNames = names
        line.categoryAxis.labels.fontName = FONT
        line.categoryAxis.labels.fontSize = 6.5
        if angled:
            line.categoryAxis.labels.angle = 30
            line.categoryAxis.labels.boxAnchor = "ne"
        else:
            line.categoryAxis.labels.boxAnchor = "n"
        line.categoryAxis.labels.dy = -3
        line.categoryAxis.strokeColor = RULE
        line.lineLabelFormat = _bar_label
        line.lineLabels.fontName = FONT
        line.lineLabels.fontSize = 6.5
        line.lineLabels.dy = 6
        drawing.add(line)
        self._legend(drawing, chart, height)
        return drawing

    def section(self, section: Section) -> list[Flowable]:
        story: list[Flowable] = [CondPageBreak(70 * mm), self._p(section.title, "h1")]
        if section.key_figures:
            story.append(self.key_figures_table(section.key_figures))
        drawn: set[str] = set()
        details = [t for t in section.tables if t.detail]
        for table in section.tables:
            if table.detail:
                continue
            story += self.table(table)
            for chart in section.charts:
                if chart.source == table.code and chart.code not in drawn:
                    drawing = self.chart(chart, titled=chart.title != table.title)
                    if drawing is not None:
                        story.append(drawing)
                    drawn.add(chart.code)
        for chart in section.charts:
            if chart.code not in drawn:
                drawing = self.chart(chart)
                if drawing is not None:
                    story.append(drawing)
        if details:
            listed = ", ".join(t.title.lower() for t in details)
            story.append(self._p(f"Dans le classeur Excel, en plus : {listed}.", "small"))
        story.append(Spacer(1, 4 * mm))
        return story

    def quality(self) -> list[Flowable]:
        document = self.document
        story = self.section(document.quality)
        if document.warnings:
            story.append(self._p("Avertissements", "h2"))
            story += [Paragraph(escape(w.text), self.styles["warning"], bulletText="•") for w in document.warnings]
        return story

    def months(self, table: Table) -> list[Flowable]:
        return [CondPageBreak(70 * mm), self._p("Mois par mois", "h1"), *self.table(table)]

    def methodology(self) -> list[Flowable]:
        document = self.document
        story: list[Flowable] = [CondPageBreak(50 * mm), self._p("Note méthodologique", "h1")]
        story += [self._p(text, "method") for text in document.methodology]
        story.append(
            self._p(
                f"Référentiel {document.referentiel_version}. Rapport produit par Médios"
                f" {document.software_version} le {french.format_datetime(document.generated_at)}.".replace("  ", " "),
                "small",
            )
        )
        return story

    def render(self) -> bytes:
        document = self.document
        story = self.cover()
        story.append(PageBreak())
        for section in document.sections:
            story += self.section(section)
        if document.months is not None:
            story += self.months(document.months)
        story += self.quality()
        story += self.methodology()
        buffer = io.BytesIO()
        template = BaseDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=TOP,
            bottomMargin=BOTTOM,
            title=document.title,
            author=document.structure_name,
            subject=f"{document.period_label} — {document.scope_label}",
            creator="Médios",
            producer="Médios (reportlab)",
            keywords=document.referentiel_version,
            lang="fr-FR",
        )
        # No frame padding: the text lines up with the running header and tables span WIDTH exactly.
        frame = Frame(MARGIN, BOTTOM, WIDTH, PAGE_HEIGHT - TOP - BOTTOM, 0, 0, 0, 0, id="page")
        template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._page)])
        footer = f"{document.title} · {document.scope_label}"
        maker: Callable[..., Canvas] = functools.partial(_NumberedCanvas, footer=footer)
        template.build(story, canvasmaker=maker)
        return buffer.getvalue()


def _all_figures(document: ReportDocument) -> list[KeyFigure]:
    return [f for s in (*document.sections, document.quality) for f in s.key_figures]


def _denominator_text(figure: KeyFigure) -> str:
    label = f" {figure.denominator_label}" if figure.denominator_label else ""
    return f"sur {french.format_count(figure.denominator or 0)}{label}"


def _signed_share(share: float | None) -> str:
    return french.NOT_AVAILABLE if share is None else french.format_percent(share, signed=True)


def _axis_format(value: float) -> str:
    return french.format_number(value, 0 if float(value).is_integer() else 1)


def _bar_label(value: float) -> str:
    return french.format_number(value, 0 if float(value).is_integer() else 1)


def _plain(value: Any) -> str:
    if isinstance(value, Paragraph):
        return str(value.getPlainText())
    return str(value)


def render_pdf(document: ReportDocument) -> bytes:
    """The PDF's bytes."""
    checking = rl_config.shapeChecking
    rl_config.shapeChecking = 0  # the charts are built by this code: checking each attribute costs a third
    try:
        return _Renderer(document).render()
    finally:
        rl_config.shapeChecking = checking


def write_pdf(document: ReportDocument, path: str | os.PathLike[str]) -> None:
    """Write the PDF to ``path`` atomically (:class:`medios.export.output.ReportFileError` on failure)."""
    save_bytes(render_pdf(document), path)
