"""The monthly report as plain data: what the Excel workbook and the PDF both render.

:mod:`medios.services.report_document` builds a :class:`ReportDocument` from the indicators service
(the one source of figures); :mod:`medios.export.xlsx` and :mod:`medios.export.pdf` render it without
computing anything: no figure is computed twice, and the two files always agree.

Values are numbers (``int`` or ``float``) or ``None`` (« non calculable », for instance a percentage
of nothing); how a value is printed depends on the :class:`Kind` of its column.  Labels are French
(the report is written for French funders); codes stay beside them in their own column.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from pathlib import Path

Number = int | float


class Kind(enum.StrEnum):
    """What a column holds, which decides its format (Excel number format, PDF French formatting)."""

    TEXT = "text"
    CODE = "code"
    COUNT = "count"  # 1 234
    HOURS = "hours"  # 1 234,5 h
    PERCENT = "percent"  # a share 0..1 printed 12,5 %
    FTE = "fte"  # 2,35
    DIFF = "diff"  # a signed count (+12, −3)
    MONTH = "month"  # a month as yyyymm, printed « oct. 2026 »


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    kind: Kind


@dataclass(frozen=True, slots=True)
class KeyFigure:
    """One indicator with its comparison: M, M−1, difference (absolute and %), year to date.

    For a period longer than a month, ``value`` is the period's and ``previous`` / ``ytd`` are
    ``None``.  ``denominator`` is printed beside a ratio (« 62 % de 48 conflits »), with its label.
    """

    code: str  # INT_NB, CONF_APAISE…
    label: str
    kind: Kind
    value: Number | None
    previous: Number | None = None
    diff: Number | None = None
    diff_pct: float | None = None  # a share: 0.125 is +12,5 %; None when M−1 is 0
    ytd: Number | None = None
    denominator: Number | None = None
    denominator_label: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """A titled table: a header row and rows of cells (``str`` for text and codes, numbers otherwise)."""

    code: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str | Number | None, ...], ...]
    total: tuple[str | Number | None, ...] | None = None  # a last row, printed in bold
    note: str | None = None
    detail: bool = False  # a finer breakdown: in the workbook, left out of the few pages of the PDF


class ChartKind(enum.StrEnum):
    BAR = "bar"  # horizontal bars: categories with long labels (registres, lieux)
    COLUMN = "column"  # vertical bars: time bands, age bands
    LINE = "line"  # an evolution over months


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[Number, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart over ``categories`` (one value per category and series); ``source`` names the table it draws."""

    code: str
    title: str
    kind: ChartKind
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    source: str | None = None  # the code of the Table holding the same figures (Excel draws from its cells)


@dataclass(frozen=True, slots=True)
class Section:
    """A block of §6: its key figures, tables and charts."""

    code: str  # INTERVENTIONS, PUBLICS, PRESENCE, CONFLITS, RELATIONS, VEILLE, COLLECTIF, ETP, QUALITE
    title: str
    key_figures: tuple[KeyFigure, ...] = ()
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()


@dataclass(frozen=True, slots=True)
class QualityWarning:
    """A data-quality warning shown in the preview and in the report (« 32 % des interventions sans public »)."""

    code: str
    text: str


@dataclass(frozen=True, slots=True)
class ReportDocument:
    """Everything a report file shows, in order."""

    title: str  # « Bilan mensuel — octobre 2026 »
    structure_name: str
    scope_label: str  # « Toute la structure », « Dispositif : Médiation habitat », « Commune : Paris (75056) »
    period_label: str  # « octobre 2026 », « 1er trimestre 2026 », « du 01/04/2025 au 31/03/2026 »
    period_start: dt.date
    period_end: dt.date
    referentiel_version: str
    closing_label: str  # « Mois clôturé le 03/11/2026 (v1) ; 2 modifications depuis », « Mois ouvert »
    generated_at: dt.datetime  # local time
    key_figures: tuple[KeyFigure, ...]  # the first page
    sections: tuple[Section, ...]
    quality: Section
    months: Table | None = None  # month by month, for a period longer than a month
    data: Table | None = None  # the long table under the figures (Excel « Données » sheet), one row a cell
    methodology: tuple[str, ...] = ()  # paragraphs of the methodological note
    warnings: tuple[QualityWarning, ...] = ()
    logo: Path | None = None  # PNG or JPEG chosen in the settings
    software_version: str = ""
    extra: tuple[tuple[str, str], ...] = ()  # more cover-sheet lines: (label, value)
