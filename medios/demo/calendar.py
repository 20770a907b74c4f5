"""The demonstration calendar: days, seasons, school holidays, attendance and rates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# --------------------------------------------------------------------------- calendar


@dataclass(frozen=True, slots=True)
class DemoDay:
    date: dt.date
    weekday: int
    day_type: str
    month: int
    school_holiday: bool
    season: float  # share of the staff not on leave
    utc_midnight: dt.datetime  # local midnight of ``date`` as naive UTC


def last_sunday(year: int, month: int) -> dt.date:
    last = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() + 1) % 7)


def utc_offset_hours(day: dt.date) -> int:
    """Paris time: UTC+2 from the last Sunday of March to the last Sunday of October, else UTC+1."""
    return 2 if last_sunday(day.year, 3) <= day < last_sunday(day.year, 10) else 1


def is_school_holiday(day: dt.date) -> bool:
    """Approximate zone A school holidays (enough for a demo)."""
    md = (day.month, day.day)
    return (
        (7, 5) <= md <= (8, 31)
        or (10, 19) <= md <= (11, 3)
        or md >= (12, 20)
        or md <= (1, 4)
        or (2, 8) <= md <= (2, 23)
        or (4, 12) <= md <= (4, 27)
    )


def season_factor(day: dt.date) -> float:
    if day.month == 8:
        return 0.45
    if day.month == 7:
        return 0.8
    if (day.month == 12 and day.day >= 24) or (day.month == 1 and day.day <= 2):
        return 0.55
    return 0.97


def attendance_share(key: str, day: DemoDay) -> float:
    """Share of a dispositif's team at work on ``day`` (before part-time and leave)."""
    weekend = day.weekday >= 5
    holiday = day.day_type == "FERIE"
    if key == "nuit":
        return 0.72
    if key == "habitat":
        return 0.0 if holiday or day.weekday == 6 else (0.3 if weekend else 0.93)
    if key == "droits":
        return 0.0 if holiday or weekend else 0.93
    if key == "scolaire":
        return 0.0 if holiday or weekend or day.school_holiday else 0.93
    if holiday:
        return 0.1
    return (0.5, 0.08)[day.weekday - 5] if weekend else 0.9


def daily_rate(key: str, day: DemoDay) -> float:
    """Relative activity of a working day (Friday and Saturday nights are busier, Wednesday afternoons at school are off)."""
    if key == "nuit":
        return 1.25 if day.weekday in (4, 5) else 0.95
    if key == "scolaire" and day.weekday == 2:
        return 0.6
    if day.weekday >= 5:
        return 0.7
    return 1.0


# --------------------------------------------------------------------------- set-up


def month_starts(today: dt.date, months: int) -> list[dt.date]:
    index = today.year * 12 + today.month - 1 - (months - 1)
    return [dt.date((index + i) // 12, (index + i) % 12 + 1, 1) for i in range(months)]


def month_dates(start: dt.date, today: dt.date) -> list[dt.date]:
    dates = []
    day = start
    while day.month == start.month and day <= today:
        dates.append(day)
        day += dt.timedelta(days=1)
    return dates
