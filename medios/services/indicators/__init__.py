"""Monthly indicators and data-quality measures (domain brief §6): the one source of the report's figures.

:mod:`.figures` reads additive month figures with SQL aggregation (what a closed month's snapshot
holds); :mod:`.report` folds them into the indicators of a month (M, M−1, difference, year to date)
or of a longer period (total and month by month).  Plain frozen data, no Qt, no file format.
"""

from medios.services.indicators.figures import MonthFigures, Totals, combine, month_figures, read_months
from medios.services.indicators.report import (
    BreakdownTable,
    Device,
    EntryRate,
    Indicator,
    Quality,
    Report,
    Row,
    Section,
    Value,
    build_report,
)

__all__ = [
    "BreakdownTable",
    "Device",
    "EntryRate",
    "Indicator",
    "MonthFigures",
    "Quality",
    "Report",
    "Row",
    "Section",
    "Totals",
    "Value",
    "build_report",
    "combine",
    "month_figures",
    "read_months",
]
