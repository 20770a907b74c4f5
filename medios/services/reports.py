"""Monthly, quarterly, yearly and custom-period reports: what to report on, and the files.

:func:`parse_period` reads what a coordinator types (« 2026-10 », « 2026-T1 » or « 2026-Q1 », « 2026 »,
« 2025-04:2026-03 » or « 2025-04-01:2026-03-31 »); :func:`scope_choices` lists what a report may be
restricted to (the structure, a dispositif, a commune, a QPV); :func:`build_document` turns the figures
of :mod:`medios.services.indicators` into the plain :class:`~medios.export.document.ReportDocument`
that the Excel and PDF writers render; :func:`write_report` writes one file.

Reports count whole calendar months (the figures are monthly aggregates): a custom period runs from
the first day of a month to the last day of a month, which covers a funder's year (April to March).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select

from medios.db import Database
from medios.db.models import Dispositif, Territory
from medios.i18n import translate
from medios.services.aggregates import Period, Scope
from medios.services.errors import FieldError, ValidationError

MONTH_NAMES = (
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

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-?[QT]([1-4])$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _period_error(text: str) -> ValidationError:
    return ValidationError(
        [
            FieldError(
                "period",
                translate(
                    "Reports",
                    "période « {text} » non reconnue : écrivez un mois (2026-10), un trimestre (2026-T1), une année (2026) ou une plage de mois (2025-04:2026-03).",
                ).format(text=text),
            )
        ]
    )


def _month_of(text: str, *, end: bool, whole: str) -> int:
    """``yyyymm`` of « 2026-04 » or of a date that starts (or, with ``end``, ends) a month."""
    match = _MONTH.match(text)
    if match:
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise _period_error(whole)
        return year * 100 + month
    match = _DAY.match(text)
    if not match:
        raise _period_error(whole)
    try:
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise _period_error(whole) from None
    boundary = (day + dt.timedelta(days=1)).day == 1 if end else day.day == 1
    if not boundary:
        raise ValidationError(
            [
                FieldError(
                    "period",
                    translate(
                        "Reports",
                        "les rapports comptent des mois entiers : la période commence un 1er du mois et finit le dernier jour d'un mois ({day} ne convient pas).",
                    ).format(day=day.strftime("%d/%m/%Y")),
                )
            ]
        )
    return day.year * 100 + day.month


def parse_period(text: str) -> Period:
    """The :class:`Period` of a month, a quarter, a year or a range of months; French errors otherwise."""
    value = text.strip()
    try:
        match = _QUARTER.match(value)
        if match:
            year, quarter = int(match[1]), int(match[2])
            return Period(year * 100 + 3 * quarter - 2, year * 100 + 3 * quarter)
        match = _YEAR.match(value)
        if match:
            return Period.year(int(match[1]))
        if ":" in value:
            start, _, end = value.partition(":")
            first = _month_of(start.strip(), end=False, whole=value)
            last = _month_of(end.strip(), end=True, whole=value)
            if first > last:
                raise ValidationError(
                    [FieldError("period", translate("Reports", "la période finit avant de commencer."))]
                )
            return Period(first, last)
        month = _month_of(value, end=False, whole=value) if _MONTH.match(value) else None
        if month is None:
            raise _period_error(value)
        return Period(month, month)
    except ValueError as exc:
        if isinstance(exc, ValidationError):
            raise
        raise _period_error(value) from None


def month_label(month: int) -> str:
    """« octobre 2026 »."""
    return f"{MONTH_NAMES[month % 100 - 1]} {month // 100}"


def first_day(month: int) -> dt.date:
    return dt.date(month // 100, month % 100, 1)


def last_day(month: int) -> dt.date:
    year, number = divmod(month, 100)
    following = dt.date(year + 1, 1, 1) if number == 12 else dt.date(year, number + 1, 1)
    return following - dt.timedelta(days=1)


def period_label(period: Period) -> str:
    """« octobre 2026 », « 1er trimestre 2026 », « année 2026 », « d'avril 2025 à mars 2026 »."""
    first, last = period.first, period.last
    if first == last:
        return month_label(first)
    year = first // 100
    if last // 100 == year and first % 100 == 1 and last % 100 == 12:
        return translate("Reports", "année {year}").format(year=year)
    if last // 100 == year and first % 100 % 3 == 1 and last == first + 2:
        quarter = (first % 100 + 2) // 3
        ordinal = translate("Reports", "1er") if quarter == 1 else translate("Reports", "{n}e").format(n=quarter)
        return translate("Reports", "{ordinal} trimestre {year}").format(ordinal=ordinal, year=year)
    start = month_label(first)
    if start[0] in "aeiouyâéèêîôû":  # « d'avril », « d'octobre »
        return translate("Reports", "d'{first} à {last}").format(first=start, last=month_label(last))
    return translate("Reports", "de {first} à {last}").format(first=start, last=month_label(last))


def period_slug(period: Period) -> str:
    """The part of a file name that names the period: « 2026-10 », « 2026-T1 », « 2026 », « 2025-04_2026-03 »."""
    first, last = period.first, period.last
    text = f"{first // 100:04d}-{first % 100:02d}"
    if first == last:
        return text
    if last // 100 == first // 100 and first % 100 == 1 and last % 100 == 12:
        return f"{first // 100:04d}"
    if last // 100 == first // 100 and first % 100 % 3 == 1 and last == first + 2:
        return f"{first // 100:04d}-T{(first % 100 + 2) // 3}"
    return f"{text}_{last // 100:04d}-{last % 100:02d}"


# --------------------------------------------------------------------------- scopes


@dataclass(frozen=True, slots=True)
class ScopeChoice:
    """A scope a report may be restricted to, with its French label."""

    key: str  # « structure », « dispositif:<uuid> », « commune:75056 », « qpv:QN07501M »
    label: str
    scope: Scope
    name: str = ""  # what the command line names it by: the dispositif's name, the commune's or QPV's code
    retired: bool = False


STRUCTURE_CHOICE_KEY = "structure"


def structure_choice() -> ScopeChoice:
    return ScopeChoice(STRUCTURE_CHOICE_KEY, translate("Reports", "Toute la structure"), Scope())


def scope_choices(db: Database) -> list[ScopeChoice]:
    """The structure, its dispositifs (retired ones last, marked), the communes and QPV of its list."""
    choices = [structure_choice()]
    with db.session() as session:
        dispositifs = session.execute(
            select(Dispositif.id, Dispositif.name, Dispositif.deleted_at).order_by(
                Dispositif.deleted_at.is_not(None), Dispositif.name
            )
        ).all()
        territories = session.execute(
            select(Territory.level, Territory.code, Territory.label)
            .where(Territory.deleted_at.is_(None), Territory.level.in_(("COMMUNE", "QPV")))
            .order_by(Territory.level, Territory.label)
        ).all()
    for dispositif_id, name, deleted_at in dispositifs:
        label = translate("Reports", "Dispositif : {name}").format(name=name)
        if deleted_at is not None:
            label = translate("Reports", "{label} (retiré)").format(label=label)
        choices.append(
            ScopeChoice(
                f"dispositif:{dispositif_id}", label, Scope(dispositif_id=dispositif_id), name, deleted_at is not None
            )
        )
    seen: set[tuple[str, str]] = set()
    for level, code, label in territories:
        if (level, code) in seen:  # several vintages of one code
            continue
        seen.add((level, code))
        if level == "COMMUNE":
            text = translate("Reports", "Commune : {label} ({code})").format(label=label, code=code)
            choices.append(ScopeChoice(f"commune:{code}", text, Scope(commune=code), code))
        else:
            text = translate("Reports", "QPV : {label} ({code})").format(label=label, code=code)
            choices.append(ScopeChoice(f"qpv:{code}", text, Scope(qpv=code), code))
    choices.append(ScopeChoice("qpv:HORS_QPV", translate("Reports", "Hors QPV"), Scope(qpv="HORS_QPV"), "HORS_QPV"))
    return choices


def find_scope(
    db: Database, *, dispositif: str | None = None, commune: str | None = None, qpv: str | None = None
) -> ScopeChoice:
    """The scope named on the command line (a dispositif by name, a commune or QPV by code)."""
    given = [v for v in (dispositif, commune, qpv) if v]
    if len(given) > 1:
        raise ValidationError(
            [FieldError("scope", translate("Reports", "un seul périmètre à la fois : dispositif, commune ou QPV."))]
        )
    if not given:
        return structure_choice()
    choices = scope_choices(db)
    if dispositif:
        wanted = dispositif.strip().casefold()
        for choice in choices:
            if choice.scope.dispositif_id is not None and choice.name.casefold() == wanted:
                return choice
        raise ValidationError(
            [
                FieldError(
                    "dispositif",
                    translate("Reports", "aucun dispositif ne s'appelle « {name} ».").format(name=dispositif),
                )
            ]
        )
    key = f"commune:{commune.strip()}" if commune else f"qpv:{(qpv or '').strip().upper()}"
    for choice in choices:
        if choice.key == key:
            return choice
    code = (commune or qpv or "").strip()
    field = "commune" if commune else "qpv"
    raise ValidationError(
        [
            FieldError(
                field,
                translate("Reports", "« {code} » n'est pas dans la liste des territoires de la structure.").format(
                    code=code
                ),
            )
        ]
    )
