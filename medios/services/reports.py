"""Monthly, quarterly, yearly and custom-period reports: what to report on, and the files.

:func:`parse_period` reads what a coordinator types (« 2026-10 », « 2026-T1 » or « 2026-Q1 », « 2026 »,
« 2025-04:2026-03 » or « 2025-04-01:2026-03-31 »); :func:`scope_choices` lists what a report may be
restricted to (the structure, a dispositif, a commune, a QPV); :func:`build_document` turns the figures
of :mod:`medios.services.indicators` into the plain :class:`~medios.export.document.ReportDocument`
that the Excel and PDF writers render; :func:`write_report` writes one file.

Reports count whole calendar months (the figures are monthly aggregates): a custom period runs from
the first day of a month to the last day of a month, which covers a funder's year (April to March).

The report is a French document for French funders, whatever the language of the window: the names of
periods and scopes written into it are French here; the messages of errors go through the translation
system as everywhere else.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from medios.db import Database
from medios.db.models import Dispositif, Territory
from medios.export import french
from medios.export.document import (
    Chart,
    ChartKind,
    Column,
    KeyFigure,
    Kind,
    QualityWarning,
    ReportDocument,
    Section,
    Series,
    Table,
)
from medios.i18n import translate
from medios.services.aggregates import Period, Scope, month_bounds
from medios.services.errors import FieldError, ValidationError

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
    return f"{french.MONTHS[month % 100 - 1]} {month // 100}"


def first_day(month: int) -> dt.date:
    return month_bounds(month)[0]


def last_day(month: int) -> dt.date:
    return month_bounds(month)[1]


def period_label(period: Period) -> str:
    """« octobre 2026 », « 1er trimestre 2026 », « année 2026 », « d'avril 2025 à mars 2026 »."""
    first, last = period.first, period.last
    if first == last:
        return month_label(first)
    year = first // 100
    if last // 100 == year and first % 100 == 1 and last % 100 == 12:
        return f"année {year}"
    if last // 100 == year and first % 100 % 3 == 1 and last == first + 2:
        quarter = (first % 100 + 2) // 3
        ordinal = "1er" if quarter == 1 else f"{quarter}e"
        return f"{ordinal} trimestre {year}"
    start = month_label(first)
    if start[0] in "aeiouyâéèêîôû":  # « d'avril », « d'octobre »
        return f"d'{start} à {month_label(last)}"
    return f"de {start} à {month_label(last)}"


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
    return ScopeChoice(STRUCTURE_CHOICE_KEY, "Toute la structure", Scope())


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
        label = f"Dispositif : {name}"
        if deleted_at is not None:
            label = f"{label} (retiré)"
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
            text = f"Commune : {label} ({code})"
            choices.append(ScopeChoice(f"commune:{code}", text, Scope(commune=code), code))
        else:
            text = f"QPV : {label} ({code})"
            choices.append(ScopeChoice(f"qpv:{code}", text, Scope(qpv=code), code))
    choices.append(ScopeChoice("qpv:HORS_QPV", "Hors QPV", Scope(qpv="HORS_QPV"), "HORS_QPV"))
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


# --------------------------------------------------------------------------- the document

# The first page: the figures a funder reads first, in this order.
KEY_CODES = (
    "INT_NB",
    "INT_NOUV",
    "INT_SUIVI",
    "INT_H",
    "CONTACTS",
    "PAP_NB",
    "PAP_H",
    "CONF_NB",
    "CONF_APAISE",
    "ORIENT_NB",
    "SIGN_NB",
    "ACT_NB",
    "REU_NB",
    "ETP",
)
# Charts of the main breakdowns: (section, table code, chart kind, series over ``dimension`` 2 if any).
CHARTS = (
    ("INTERVENTIONS", "INT_NB_REGISTRE", "bar"),
    ("INTERVENTIONS", "INT_NB_LIEU", "bar"),
    ("INTERVENTIONS", "INT_NB_PLAGE", "column"),
    ("PUBLICS", "CONTACTS_AGE_SEXE", "column"),
)
# Breakdowns where one intervention may count in several rows (a row per motif, per mediator of a binôme):
# their rows do not add up to a total.
OVERLAPPING_TABLES = frozenset({"INT_NB_MOTIF", "INT_NB_MEDIATEUR"})
# The breakdowns the few pages of the PDF print; the others are details, in the workbook only.
PDF_TABLES = frozenset(
    {
        "INT_NB_REGISTRE",
        "INT_NB_DOMAINE",
        "INT_NB_LIEU",
        "INT_NB_PLAGE",
        "INT_NB_COMMUNE",
        "INT_NB_QPV",
        "INT_NB_DISPOSITIF",
        "EVOLUTION_12_MOIS",
        "CONTACTS_TYPE",
        "PAP_NB_TYPE",
        "PAP_H_TYPE",
        "CONF_NB_ISSUE",
        "ORIENT_NB_TYPE",
        "SIGN_NB_TYPE",
        "ACT_NB_THEME",
        "REU_NB_TYPE",
        "ETP_CONTRAT",
        "DQ_TAUX_SAISIE",
    }
)
# The month-by-month table of a longer period, and the 12-month evolution of a month report.
MONTHLY_CODES = ("INT_NB", "INT_H", "CONTACTS", "PAP_NB", "ACT_NB", "REU_NB")
EVOLUTION_CODES = ("INT_NB", "CONTACTS")


def _kind(unit: str) -> Kind:
    return {"count": Kind.COUNT, "hours": Kind.HOURS, "percent": Kind.PERCENT, "fte": Kind.FTE}.get(unit, Kind.FTE)


def _share(value: float | int | None, unit: str) -> float | int | None:
    """The indicators give percents as 0..100; the document holds shares (0..1)."""
    if value is None or unit != "percent":
        return value
    return value / 100


def key_figure(indicator: Any) -> KeyFigure:
    """One indicator of :mod:`medios.services.indicators` as the document shows it."""
    unit = indicator.unit
    current = indicator.current
    return KeyFigure(
        code=indicator.code,
        label=indicator.label,
        kind=_kind(unit),
        value=_share(current.value, unit),
        previous=_share(indicator.previous.value, unit) if indicator.previous is not None else None,
        diff=_share(indicator.difference, unit),
        diff_pct=None if unit == "percent" or indicator.percent is None else indicator.percent / 100,
        ytd=_share(indicator.ytd.value, unit) if indicator.ytd is not None else None,
        denominator=current.denominator if unit in ("percent",) else None,
        denominator_label=indicator.denominator_label if unit == "percent" else None,
    )


def _breakdown(table: Any, *, is_month: bool) -> Table:
    kind = _kind(table.unit)
    columns = [Column(label, Kind.TEXT) for label in table.dimensions]
    columns.append(Column("Code", Kind.CODE))
    if is_month:
        columns += [Column("Mois", kind), Column("Mois précédent", kind), Column("Cumul annuel", kind)]
    else:
        columns.append(Column("Période", kind))
    rows = []
    for row in table.rows:
        cells: list[str | float | int | None] = [*row.labels, " · ".join(row.codes)]
        cells += [row.current, row.previous, row.ytd] if is_month else [row.current]
        rows.append(tuple(cells))
    total: list[str | float | int | None] = ["Total", *([""] * (len(table.dimensions) - 1)), ""]
    if is_month:
        total += [
            sum(r.current for r in table.rows),
            sum(r.previous or 0 for r in table.rows),
            sum(r.ytd or 0 for r in table.rows),
        ]
    else:
        total.append(sum(r.current for r in table.rows))
    additive = table.unit != "fte" and table.code not in OVERLAPPING_TABLES
    return Table(
        table.code,
        table.label,
        tuple(columns),
        tuple(rows),
        tuple(total) if rows and additive else None,
        note=None if additive else "Pas de total : une intervention peut compter dans plusieurs lignes.",
        detail=table.code not in PDF_TABLES,
    )


def _chart(table: Any, kind: str) -> Chart | None:
    if not table.rows:
        return None
    if len(table.dimensions) == 2:  # age band × sex: one series per sex
        categories: list[str] = []
        series: dict[str, dict[str, float | int]] = {}
        for row in table.rows:
            category, name = row.labels
            if category not in categories:
                categories.append(category)
            series.setdefault(name, {})[category] = row.current
        return Chart(
            f"{table.code}_CHART",
            table.label,
            ChartKind(kind),
            tuple(categories),
            tuple(Series(name, tuple(values.get(c, 0) for c in categories)) for name, values in series.items()),
            source=table.code,
        )
    return Chart(
        f"{table.code}_CHART",
        table.label,
        ChartKind(kind),
        tuple(row.labels[0] for row in table.rows),
        (Series("Mois" if table.rows[0].previous is not None else "Période", tuple(r.current for r in table.rows)),),
        source=table.code,
    )


def _months_table(report: Any, codes: tuple[str, ...], code: str, title: str) -> Table:
    indicators = [report.indicator(c) for c in codes]
    columns = (Column("Mois", Kind.MONTH), *(Column(i.label, _kind(i.unit)) for i in indicators))
    months = [m for m, _ in indicators[0].months]
    rows = []
    for position, month in enumerate(months):
        rows.append((month, *(_share(i.months[position][1].value, i.unit) for i in indicators)))
    return Table(code, title, columns, tuple(rows))


def _quality(report: Any) -> Section:
    quality = report.quality
    figures = tuple(key_figure(i) for i in quality.indicators)
    tables: list[Table] = []
    if quality.entry_rates:
        tables.append(
            Table(
                "DQ_TAUX_SAISIE",
                "Heures saisies / heures contractuelles, par médiateur",
                (
                    Column("Médiateur", Kind.TEXT),
                    Column("Heures saisies", Kind.HOURS),
                    Column("Heures contractuelles", Kind.HOURS),
                    Column("Taux", Kind.PERCENT),
                    Column("Sous 30 %", Kind.TEXT),
                ),
                tuple(
                    (
                        r.mediator,
                        r.entered_hours,
                        r.contract_hours,
                        _share(r.percent, "percent"),
                        "oui" if r.flagged else "",
                    )
                    for r in quality.entry_rates
                ),
            )
        )
    if quality.devices:
        tables.append(
            Table(
                "DQ_POSTES",
                "Postes ayant saisi des données de la période",
                (Column("Poste", Kind.CODE), Column("Dernière écriture (UTC)", Kind.TEXT)),
                tuple((d.device, d.last_write[:16].replace("T", " ")) for d in quality.devices),
                detail=True,
            )
        )
    amendments = KeyFigure("DQ_MODIFS", "Modifications après clôture", Kind.COUNT, quality.amendments)
    return Section("QUALITE", "Qualité des données", (*figures, amendments), tuple(tables))


def _warnings(report: Any) -> tuple[QualityWarning, ...]:
    found: list[QualityWarning] = []
    for indicator in report.quality.indicators:
        value = indicator.current.value
        if value is None:
            continue
        if indicator.code.startswith("DQ_NR_") and value > 30:
            found.append(
                QualityWarning(
                    indicator.code, f"{indicator.label} : {_percent_text(value)} des {indicator.denominator_label}."
                )
            )
        elif indicator.code == "DQ_RETARD" and value > 20:
            found.append(
                QualityWarning(
                    indicator.code, f"{_percent_text(value)} des interventions saisies plus de 7 jours après."
                )
            )
        elif (
            indicator.unit == "count"
            and indicator.code.startswith(("DQ_COHERENCE", "DQ_ATYPIQUE", "DQ_SANS_PUBLIC"))
            and value
        ):
            found.append(QualityWarning(indicator.code, f"{indicator.label} : {int(value)}."))
    for rate in report.quality.entry_rates:
        if rate.flagged:
            found.append(
                QualityWarning(
                    "DQ_TAUX_SAISIE",
                    f"{rate.mediator} : {_percent_text(rate.percent or 0)} des heures contractuelles saisies (moins de 30 %).",
                )
            )
    if report.quality.amendments:
        found.append(
            QualityWarning("DQ_MODIFS", f"{report.quality.amendments} modification(s) après clôture sur la période.")
        )
    return tuple(found)


def _percent_text(value: float) -> str:
    return f"{value:.0f} %".replace(".", ",")


METHODOLOGY = (
    "Une intervention est une situation traitée à un moment et en un lieu donnés, avec les mêmes personnes. "
    "Une intervention en binôme compte une fois ; sa durée est le temps écoulé, pas multiplié par le nombre de médiateurs.",
    "Les « contacts » sont la somme des personnes concernées par chaque intervention : une personne rencontrée trois fois "
    "compte trois fois. Ce ne sont pas des personnes distinctes.",
    "Une intervention à plusieurs motifs compte une fois par motif dans la répartition par motif, une seule fois dans les totaux. "
    "Les suivis sont les interventions rattachées à la première intervention d'une situation ; les autres sont des situations nouvelles.",
    "Les taux additionnent numérateurs et dénominateurs sur la période (jamais une moyenne de taux mensuels) ; le dénominateur est indiqué. "
    "Les fiches supprimées sont exclues. Une tournée qui passe minuit appartient à sa date de début.",
    "Un mois clôturé est présenté avec les chiffres figés à sa clôture ; les corrections faites depuis sont comptées comme modifications après clôture.",
)


def _closing_label(db: Database, period: Period) -> str:
    from medios.services import closure

    states = closure.month_states(db, list(period.months()))
    if period.first == period.last:
        state = states[period.first]
        if state.status == closure.CLOSED:
            at = state.closed_at.strftime("%d/%m/%Y") if state.closed_at else ""
            text = f"Mois clôturé le {at}"
            text += f", modifié après clôture (v{state.version})" if state.version > 1 else " (v1)"
            return f"{text} ; {state.amendments_since} modification(s) depuis la clôture"
        if state.status == closure.REOPENED:
            return f"Mois rouvert (motif : {state.reopen_reason or ''}) : chiffres provisoires"
        return "Mois ouvert : chiffres provisoires"
    closed = [m for m, s in states.items() if s.status == closure.CLOSED]
    if len(closed) == len(states):
        return "Tous les mois de la période sont clôturés"
    if not closed:
        return "Aucun mois de la période n'est clôturé : chiffres provisoires"
    return f"{len(closed)} mois clôturé(s) sur {len(states)} : chiffres provisoires pour les autres"


def build_document(
    db: Database, period: Period, choice: ScopeChoice, *, now: dt.datetime | None = None
) -> ReportDocument:
    """The report of ``period`` in ``choice``'s scope, as the Excel and PDF writers take it.

    Closed months are read from their snapshot; a month report also carries the 12-month evolution of
    its main figures.  Only figures from :func:`medios.services.indicators.build_report` appear.
    """
    import medios
    from medios.services import closure, indicators
    from medios.services.logo import logo_file
    from medios.services.structure import get_structure

    scope = choice.scope
    counts = closure.amendment_counts(db, period)
    # Every month the report and its 12-month evolution need, read once: closed ones from their snapshot,
    # the others in one pass (the two folds below then read nothing more).
    months = set(period.months())
    if period.first == period.last:
        months |= {_months_back(period.first, n) for n in range(12)}
        months |= set(Period(period.first // 100 * 100 + 1, period.first).months())
    figures, frozen_months = closure.figures_of(db, months, scope)

    def frozen(month: int) -> Any:
        return figures.get(month)

    report = indicators.build_report(db, period, scope, frozen=frozen, amendments=lambda m: counts.get(m, 0))
    report = dataclasses.replace(report, frozen_months=tuple(sorted(frozen_months & set(report.frozen_months))))
    is_month = report.is_month
    by_code = {i.code: i for s in report.sections for i in s.indicators}
    sections = []
    for section in report.sections:
        tables = tuple(_breakdown(t, is_month=is_month) for t in section.tables)
        charts = []
        for section_code, table_code, kind in CHARTS:
            if section_code == section.code:
                found = next((t for t in section.tables if t.code == table_code), None)
                chart = _chart(found, kind) if found is not None else None
                if chart is not None:
                    charts.append(chart)
        sections.append(
            Section(
                section.code, section.label, tuple(key_figure(i) for i in section.indicators), tables, tuple(charts)
            )
        )
    months_table = None
    if is_month:
        evolution_period = Period(_months_back(period.first, 11), period.first)
        evolution = indicators.build_report(db, evolution_period, scope, frozen=frozen)
        months_table = _months_table(evolution, EVOLUTION_CODES, "EVOLUTION_12_MOIS", "Évolution sur 12 mois")
        sections[0] = dataclasses.replace(
            sections[0],
            tables=(*sections[0].tables, months_table),
            charts=(
                *sections[0].charts,
                Chart(
                    "EVOLUTION_12_MOIS_CHART",
                    "Évolution sur 12 mois",
                    ChartKind.LINE,
                    tuple(month_label(m) for m, *_ in months_table.rows),  # type: ignore[arg-type]
                    tuple(
                        Series(column.label, tuple(row[i + 1] or 0 for row in months_table.rows))  # type: ignore[misc]
                        for i, column in enumerate(months_table.columns[1:])
                    ),
                    source=months_table.code,
                ),
            ),
        )
        months_table = None
    else:
        months_table = _months_table(report, MONTHLY_CODES, "MOIS", "Mois par mois")
    closing_text = _closing_label(db, period)
    structure = get_structure(db)
    title = ("Bilan mensuel — " if is_month else "Bilan — ") + period_label(period)
    return ReportDocument(
        title=title,
        structure_name=structure.name,
        scope_label=choice.label,
        period_label=period_label(period),
        period_start=first_day(period.first),
        period_end=last_day(period.last),
        referentiel_version=report.referentiel_version,
        closing_label=closing_text,
        generated_at=(now or dt.datetime.now()).replace(microsecond=0),
        key_figures=tuple(key_figure(by_code[c]) for c in KEY_CODES if c in by_code),
        sections=tuple(sections),
        quality=_quality(report),
        months=months_table,
        data=_long_table(report),
        methodology=METHODOLOGY,
        warnings=_warnings(report),
        software_version=str(medios.__version__),
        logo=logo_file(db),
    )


def _months_back(month: int, count: int) -> int:
    index = (month // 100) * 12 + month % 100 - 1 - count
    return (index // 12) * 100 + index % 12 + 1


def _long_table(report: Any) -> Table:
    """One row a figure: section, table, key (labels and codes), window, value — to pivot in Excel."""
    columns = (
        Column("Section", Kind.TEXT),
        Column("Tableau", Kind.TEXT),
        Column("Code tableau", Kind.CODE),
        Column("Clé", Kind.TEXT),
        Column("Codes", Kind.CODE),
        Column("Mois", Kind.MONTH),
        Column("Valeur", Kind.FTE),
    )
    rows: list[tuple[str | float | int | None, ...]] = []
    month = report.period.last
    previous = _months_back(month, 1)
    for section in report.sections:
        for table in section.tables:
            for row in table.rows:
                key, codes = " · ".join(row.labels), " · ".join(row.codes)
                if report.is_month:
                    rows.append((section.label, table.label, table.code, key, codes, month, row.current))
                    if row.previous is not None:
                        rows.append((section.label, table.label, table.code, key, codes, previous, row.previous))
                else:
                    for m, value in row.months:
                        rows.append((section.label, table.label, table.code, key, codes, m, value))
    return Table("DONNEES", "Données", columns, tuple(rows))


def file_name(period: Period, choice: ScopeChoice, fmt: str) -> str:
    """« Bilan-2026-10.xlsx », « Bilan-2026-T1-Mediation-habitat.pdf »: no space, no accent, no slash."""
    import unicodedata

    parts = ["Bilan", period_slug(period)]
    if choice.key != STRUCTURE_CHOICE_KEY:
        folded = unicodedata.normalize("NFKD", choice.name or choice.key).encode("ascii", "ignore").decode()
        parts.append(re.sub(r"[^A-Za-z0-9]+", "-", folded).strip("-")[:40] or "perimetre")
    return "-".join(parts) + f".{fmt}"


def write_report(document: ReportDocument, fmt: str, path: Path) -> Path:
    """Write ``document`` to ``path`` as ``xlsx`` or ``pdf`` (atomically: no half file on failure)."""
    if fmt == "xlsx":
        from medios.export.xlsx import write_xlsx

        write_xlsx(document, path)
    elif fmt == "pdf":
        from medios.export.pdf import write_pdf

        write_pdf(document, path)
    else:
        raise ValidationError(
            [FieldError("format", translate("Reports", "format « {fmt} » inconnu : xlsx ou pdf.").format(fmt=fmt))]
        )
    return path
