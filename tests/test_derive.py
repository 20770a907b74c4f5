"""Derived fields: PLAGE boundaries, TYPE_JOUR with each holiday calendar, month key, block duration."""

from __future__ import annotations

import datetime as dt

import pytest

from medios.services.derive import block_duration, day_type, month_key, time_band


@pytest.mark.parametrize(
    ("clock", "band"),
    [
        ("00:00", "NUIT"), ("05:59", "NUIT"), ("06:00", "MATIN"), ("11:59", "MATIN"), ("12:00", "APRES_MIDI"),
        ("17:59", "APRES_MIDI"), ("18:00", "SOIREE"), ("21:59", "SOIREE"), ("22:00", "NUIT"), ("23:59", "NUIT"),
    ],
)  # fmt: skip
def test_time_band_boundaries(clock: str, band: str) -> None:
    assert time_band(dt.time.fromisoformat(clock)) == band


@pytest.mark.parametrize(
    ("day", "calendar", "expected"),
    [
        ("2026-11-11", "METROPOLE", "FERIE"),  # Armistice, a Wednesday
        ("2026-11-12", "METROPOLE", "SEMAINE"),
        ("2026-11-14", "METROPOLE", "WEEKEND"),
        ("2026-05-14", "METROPOLE", "FERIE"),  # Ascension
        ("2026-05-25", "METROPOLE", "FERIE"),  # Whit Monday
        ("2026-04-03", "METROPOLE", "SEMAINE"),  # Good Friday, not a holiday in most of France…
        ("2026-04-03", "ALSACE_MOSELLE", "FERIE"),  # …but it is in Alsace-Moselle
        ("2025-12-26", "ALSACE_MOSELLE", "FERIE"),
        ("2025-12-26", "METROPOLE", "SEMAINE"),
        ("2026-05-27", "GUADELOUPE", "FERIE"),  # abolition of slavery
        ("2026-05-22", "MARTINIQUE", "FERIE"),
        ("2026-06-10", "GUYANE", "FERIE"),
        ("2026-12-21", "REUNION", "SEMAINE"),  # 20 December is the date in La Réunion
        ("2025-12-22", "REUNION", "SEMAINE"),
        ("2026-04-27", "MAYOTTE", "FERIE"),
    ],
)
def test_day_type_follows_the_structure_calendar(day: str, calendar: str, expected: str) -> None:
    assert day_type(dt.date.fromisoformat(day), calendar) == expected


def test_a_holiday_on_a_weekend_counts_as_a_holiday() -> None:
    assert day_type(dt.date(2026, 11, 1)) == "FERIE"  # Toussaint 2026 is a Sunday
    assert day_type(dt.date(2026, 12, 26), "ALSACE_MOSELLE") == "FERIE"


def test_month_key_and_block_duration() -> None:
    assert month_key(dt.date(2026, 1, 31)) == 202601
    assert block_duration(dt.time(18, 0), dt.time(23, 30)) == 330
    assert block_duration(dt.time(22, 0), dt.time(1, 15)) == 195  # over midnight
