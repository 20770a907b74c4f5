"""French formatting of the report files: separators, signs, rounding, months, read back."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as strat

from medios.export import french
from medios.export.document import Kind

NNBSP = "\u202f"
NBSP = "\u00a0"

finite = strat.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
numbers = strat.one_of(strat.integers(min_value=-(10**15), max_value=10**15), finite)


def oracle(value: int | float, decimals: int) -> Decimal:
    """Half away from zero on the number's decimal text, computed apart from the module."""
    return Decimal(str(value)).quantize(Decimal(10) ** -decimals, rounding=ROUND_HALF_UP)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (7, "7"),
        (999, "999"),
        (1000, f"1{NNBSP}000"),
        (1234567, f"1{NNBSP}234{NNBSP}567"),
        (-1234, f"\u22121{NNBSP}234"),
        (2.5, "3"),
        (-2.5, "\u22123"),
        (0.49, "0"),
    ],
)
def test_format_count(value: int | float, expected: str) -> None:
    assert french.format_count(value) == expected


def test_units_signs_and_the_examples_of_the_brief() -> None:
    assert french.format_percent(0.125) == f"12,5{NBSP}%"
    assert french.format_hours(1234.5) == f"1{NNBSP}234,5{NBSP}h"
    assert french.format_percent(0.125, signed=True) == f"+12,5{NBSP}%"
    assert french.format_percent(-0.125, signed=True) == f"\u221212,5{NBSP}%"
    assert french.format_points(0.025) == f"+2,5{NBSP}pts"
    assert french.format_count(0, signed=True) == "0"
    assert french.format_count(12, signed=True) == "+12"
    assert french.format_fte(2.345) == "2,35"  # half up on the decimal text, not on the binary float
    assert french.format_number(-0.04, 1) == "0,0"  # no « −0,0 »
    assert french.format_value(None, Kind.PERCENT) == "n.c."
    assert french.format_difference(None, Kind.COUNT) == "n.c."
    assert french.format_difference(-3.5, Kind.HOURS) == f"\u22123,5{NBSP}h"
    assert french.format_value(202601, Kind.MONTH) == "janv. 2026"


def test_dates_and_months() -> None:
    assert french.format_date(dt.date(2026, 11, 3)) == "03/11/2026"
    assert french.format_long_date(dt.date(2026, 11, 1)) == "1er novembre 2026"
    assert french.format_long_date(dt.date(2026, 8, 15)) == "15 août 2026"
    assert french.format_datetime(dt.datetime(2026, 11, 3, 14, 5)) == "03/11/2026 à 14 h 05"
    assert french.format_month(202612, short=False) == "décembre 2026"
    assert [french.format_month(202600 + m) for m in (2, 7, 9)] == ["févr. 2026", "juil. 2026", "sept. 2026"]
    with pytest.raises(ValueError):
        french.format_month(202613)


def test_not_finite_is_refused() -> None:
    with pytest.raises(ValueError):
        french.format_number(float("nan"))


@given(numbers, strat.integers(min_value=0, max_value=3))
def test_format_then_parse_gives_the_rounded_number(value: int | float, decimals: int) -> None:
    text = french.format_number(value, decimals)
    assert french.parse_number(text) == oracle(value, decimals)
    whole = text.lstrip("\u2212").split(",")[0]
    assert all(len(group) == 3 for group in whole.split(NNBSP)[1:])  # groups of three after the first
    assert 1 <= len(whole.split(NNBSP)[0]) <= 3
    assert " " not in text and "." not in text and "-" not in text


@given(numbers)
def test_sign_is_explicit_on_differences(value: int | float) -> None:
    text = french.format_count(value, signed=True)
    rounded = oracle(value, 0)
    if rounded > 0:
        assert text.startswith("+")
    elif rounded < 0:
        assert text.startswith("\u2212")
    else:
        assert text == "0"


@given(strat.floats(min_value=-10, max_value=10, allow_nan=False))
def test_percent_reads_back_as_hundredths(share: float) -> None:
    text = french.format_percent(share)
    assert text.endswith(f"{NBSP}%")
    assert french.parse_number(text) == (Decimal(repr(share)) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@given(strat.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_month_and_date_texts(day: dt.date) -> None:
    assert french.format_month(day.year * 100 + day.month, short=False) == f"{french.MONTHS[day.month - 1]} {day.year}"
    assert dt.datetime.strptime(french.format_date(day), "%d/%m/%Y").date() == day
