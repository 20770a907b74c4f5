"""What a coordinator types as a report's period, and how the report names it."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as strat

from medios.services.aggregates import Period
from medios.services.errors import ValidationError
from medios.services.reports import last_day, parse_period, period_label, period_slug


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2026-10", 202610, 202610),
        (" 2026-3 ", 202603, 202603),
        ("2026-T1", 202601, 202603),
        ("2026-q4", 202610, 202612),
        ("2026Q2", 202604, 202606),
        ("2026", 202601, 202612),
        ("2025-04:2026-03", 202504, 202603),
        ("2025-04-01:2026-03-31", 202504, 202603),
        ("2024-02-01:2024-02-29", 202402, 202402),
    ],
)
def test_periods_that_are_understood(text: str, first: int, last: int) -> None:
    assert parse_period(text) == Period(first, last)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-13", "non reconnue"),
        ("octobre", "non reconnue"),
        ("2026-T5", "non reconnue"),
        ("", "non reconnue"),
        ("2026-03:2025-04", "finit avant de commencer"),
        ("2025-04-02:2026-03-31", "02/04/2025 ne convient pas"),
        ("2025-04-01:2026-03-30", "30/03/2026 ne convient pas"),
        ("2025-02-30:2026-03-31", "non reconnue"),
    ],
)
def test_periods_refused_with_a_french_message_on_the_period(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        parse_period(text)
    (messages,) = excinfo.value.by_field().values()
    assert list(excinfo.value.by_field()) == ["period"] and message in messages[0]


months = strat.builds(lambda y, m: y * 100 + m, strat.integers(1990, 2100), strat.integers(1, 12))


@given(months, months)
def test_a_range_of_months_reads_back_written_either_way(a: int, b: int) -> None:
    first, last = min(a, b), max(a, b)
    as_months = f"{first // 100}-{first % 100:02d}:{last // 100}-{last % 100:02d}"
    as_days = f"{first // 100}-{first % 100:02d}-01:{last_day(last).isoformat()}"
    assert parse_period(as_months) == parse_period(as_days) == Period(first, last)
    # The oracle for the number of months: calendar arithmetic, not the parser's.
    expected = (last // 100 - first // 100) * 12 + last % 100 - first % 100 + 1
    assert len(Period(first, last).months()) == expected


@given(months)
def test_last_day_is_the_day_before_the_next_month(month: int) -> None:
    day = last_day(month)
    assert (day.year * 100 + day.month, (day + dt.timedelta(days=1)).day) == (month, 1)


def test_labels_and_file_names() -> None:
    assert period_label(Period(202610, 202610)) == "octobre 2026"
    assert period_label(Period(202601, 202603)) == "1er trimestre 2026"
    assert period_label(Period(202607, 202609)) == "3e trimestre 2026"
    assert period_label(Period(202601, 202612)) == "année 2026"
    assert period_label(Period(202504, 202603)) == "d'avril 2025 à mars 2026"
    assert period_label(Period(202602, 202604)) == "de février 2026 à avril 2026"
    assert [period_slug(p) for p in (Period(202610, 202610), Period(202601, 202603), Period(202601, 202612))] == [
        "2026-10",
        "2026-T1",
        "2026",
    ]
    assert period_slug(Period(202504, 202603)) == "2025-04_2026-03"
