"""French formatting of numbers, dates and months for the report files (pure Python, no locale, no Qt).

The rules of the French national printing office, as Babel's ``fr_FR`` prints them: a narrow no-break
space (U+202F) between groups of three digits, a comma before the decimals, a no-break space (U+00A0)
before a unit (« 12,5 % », « 1 234,5 h »), the minus sign U+2212 and an explicit plus sign on
differences.  Rounding is half away from zero on the decimal text of the number (« 2,5 » gives « 3 »,
0.125 gives « 12,5 % »), as a reader rounding by hand would, never banker's rounding.

:func:`parse_number` reads back what the ``format_*`` functions print (tests use it, and so can
anyone reading a report's text).
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

from medios.export.document import Kind, Number

THOUSANDS = "\u202f"  # narrow no-break space
UNIT_SPACE = "\u00a0"  # no-break space, before %, h, pts
MINUS = "\u2212"
NOT_AVAILABLE = "n.c."  # « non calculable »: a share of nothing, a difference with no previous month

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
SHORT_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")

DECIMALS = {Kind.COUNT: 0, Kind.DIFF: 0, Kind.HOURS: 1, Kind.PERCENT: 1, Kind.FTE: 2}


def _exact(value: Number | Decimal) -> Decimal:
    """The decimal number a float prints as (0.1 is 0.1, not 0.1000000000000000055…)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"nombre non fini : {value!r}")
        return Decimal(repr(value))
    return Decimal(value)


def _rounded(value: Number | Decimal, decimals: int) -> Decimal:
    return _exact(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_number(value: Number | Decimal, decimals: int = 0, *, signed: bool = False) -> str:
    """« 1 234 567 », « 1 234,5 », « −3 »; ``signed`` adds « + » to a positive value (never to zero)."""
    rounded = _rounded(value, decimals)
    negative = rounded < 0
    digits = f"{abs(rounded):.{decimals}f}"
    whole, _, fraction = digits.partition(".")
    groups = []
    while len(whole) > 3:
        groups.append(whole[-3:])
        whole = whole[:-3]
    groups.append(whole)
    text = THOUSANDS.join(reversed(groups))
    if fraction:
        text += "," + fraction
    if negative:
        return MINUS + text
    if signed and rounded > 0:
        return "+" + text
    return text


def format_count(value: Number, *, signed: bool = False) -> str:
    return format_number(value, 0, signed=signed)


def format_hours(value: Number, *, signed: bool = False) -> str:
    """« 1 234,5 h »."""
    return format_number(value, 1, signed=signed) + UNIT_SPACE + "h"


def format_percent(share: Number, decimals: int = 1, *, signed: bool = False) -> str:
    """A share 0..1 as « 12,5 % » (0.125); ``signed`` for a relative change: « +12,5 % »."""
    return format_number(_exact(share) * 100, decimals, signed=signed) + UNIT_SPACE + "%"


def format_points(share: Number, decimals: int = 1) -> str:
    """A difference of two shares in percentage points: 0.025 is « +2,5 pts »."""
    return format_number(_exact(share) * 100, decimals, signed=True) + UNIT_SPACE + "pts"


def format_fte(value: Number, *, signed: bool = False) -> str:
    """Full-time equivalents: « 2,35 »."""
    return format_number(value, 2, signed=signed)


def format_month(yyyymm: int, *, short: bool = True) -> str:
    """202610 as « oct. 2026 » (``short``) or « octobre 2026 »."""
    year, month = divmod(int(yyyymm), 100)
    if not 1 <= month <= 12:
        raise ValueError(f"mois invalide : {yyyymm!r}")
    names = SHORT_MONTHS if short else MONTHS
    return f"{names[month - 1]} {year}"


def format_date(day: dt.date) -> str:
    """« 03/11/2026 »."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def format_long_date(day: dt.date) -> str:
    """« 1er novembre 2026 », « 3 novembre 2026 »."""
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS[day.month - 1]} {day.year}"


def format_datetime(moment: dt.datetime) -> str:
    """« 03/11/2026 à 14 h 05 »."""
    return f"{format_date(moment.date())} à {moment.hour} h {moment.minute:02d}"


def format_value(value: str | Number | None, kind: Kind) -> str:
    """A cell of a report table as printed in the PDF (``None`` is « n.c. », non calculable)."""
    if value is None:
        return NOT_AVAILABLE
    if isinstance(value, str):
        return value
    if kind is Kind.COUNT:
        return format_count(value)
    if kind is Kind.DIFF:
        return format_count(value, signed=True)
    if kind is Kind.HOURS:
        return format_hours(value)
    if kind is Kind.PERCENT:
        return format_percent(value)
    if kind is Kind.FTE:
        return format_fte(value)
    if kind is Kind.MONTH:
        return format_month(int(value))
    return format_number(value, 0 if isinstance(value, int) else 2)


def format_difference(value: Number | None, kind: Kind) -> str:
    """The difference M − (M−1) of a key figure, always signed: « +12 », « −3,5 h », « +2,5 pts »."""
    if value is None:
        return NOT_AVAILABLE
    if kind is Kind.PERCENT:
        return format_points(value)
    if kind is Kind.HOURS:
        return format_hours(value, signed=True)
    if kind is Kind.FTE:
        return format_fte(value, signed=True)
    return format_count(value, signed=True)


def parse_number(text: str) -> Decimal:
    """Read back a number printed by this module (« −1 234,5 h », « +12,5 % » is 12.5, not 0.125)."""
    cleaned = text.strip()
    for unit in ("pts", "%", "h"):
        if cleaned.endswith(unit):
            cleaned = cleaned[: -len(unit)]
            break
    cleaned = cleaned.strip().replace(UNIT_SPACE, "").replace(THOUSANDS, "").replace(" ", "")
    cleaned = cleaned.replace(MINUS, "-").replace(",", ".")
    if cleaned.startswith("+"):
        cleaned = cleaned[1:]
    if not cleaned or not all(c.isdigit() or c in ".-" for c in cleaned):
        raise ValueError(f"nombre illisible : {text!r}")
    return Decimal(cleaned)
