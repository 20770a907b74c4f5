"""Derived fields: month key, time band (PLAGE) and day type (TYPE_JOUR, with the holiday calendar), and
what an intervention's data-quality figures need of its children and of its entry (domain brief §6)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

# Holiday calendars of CALENDRIER_FERIES -> subdivision of the ``holidays`` package (None: national).
HOLIDAY_SUBDIVISIONS: dict[str, str | None] = {
    "METROPOLE": None,
    "ALSACE_MOSELLE": "57",
    "GUADELOUPE": "971",
    "MARTINIQUE": "972",
    "GUYANE": "973",
    "REUNION": "974",
    "MAYOTTE": "976",
}


# Motifs that make an intervention of another registre a situation of social vulnerability (VSOC, §6).
VSOC_MOTIFS = ("ISOLEMENT", "DETRESSE", "DANGER")
# Partner roles that relay a situation (VSOC_RELAYE): an orientation or an alert.
RELAY_ROLES = ("ORIENTE", "ALERTE")


def month_key(day: dt.date) -> int:
    """``yyyymm`` as an integer: the column the monthly reports group and filter on."""
    return day.year * 100 + day.month


def time_band(start: dt.time) -> str:
    """PLAGE of a start time: MATIN 06-12, APRES_MIDI 12-18, SOIREE 18-22, NUIT 22-06."""
    hour = start.hour
    if 6 <= hour < 12:
        return "MATIN"
    if 12 <= hour < 18:
        return "APRES_MIDI"
    if 18 <= hour < 22:
        return "SOIREE"
    return "NUIT"


@lru_cache(maxsize=64)
def _holidays(calendar: str, year: int) -> frozenset[dt.date]:
    subdiv = HOLIDAY_SUBDIVISIONS.get(calendar)
    return frozenset(holidays.country_holidays("FR", subdiv=subdiv, years=year).keys())


def is_holiday(day: dt.date, calendar: str = "METROPOLE") -> bool:
    return day in _holidays(calendar, day.year)


def day_type(day: dt.date, calendar: str = "METROPOLE") -> str:
    """TYPE_JOUR: FERIE for a holiday of the structure's calendar, else WEEKEND or SEMAINE."""
    if is_holiday(day, calendar):
        return "FERIE"
    return "WEEKEND" if day.weekday() >= 5 else "SEMAINE"


def block_duration(start: dt.time, end: dt.time) -> int:
    """Minutes from ``start`` to ``end``; an end before the start is on the next day."""
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return minutes if minutes > 0 else minutes + 24 * 60


def entry_days(day: dt.date, created_at: dt.datetime) -> int:
    """Days from an intervention's ``day`` to its entry (``created_at``, UTC), never negative: an entry
    made the same day (or dated later) is on time."""
    return max(0, (created_at.date() - day).days)
