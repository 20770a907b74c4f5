"""The monthly (or period) report: every indicator of domain brief §6 from additive month figures.

:func:`build_report` reads the month figures it needs (:func:`~.figures.read_months`), taking closed
months from ``frozen`` (their snapshot), and folds them into windows: for a month M, the windows M,
M−1 (January compares with December of the year before) and the year to date (1 January to the end
of M); for a longer period, the period and each of its months.  Every value of a window is computed
from the window's summed figures: ratios sum their numerators and denominators (never an average of
monthly ratios) and carry both, the median delay of entry is the median of the summed histogram.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from sqlalchemy import select

from medios.db import Database
from medios.referentiel import Referentiel, active
from medios.services import aggregates as ag
from medios.services.aggregates import Period, Scope
from medios.services.indicators.figures import (
    DIMENSIONS,
    LATE_DAYS,
    MonthFigures,
    Totals,
    combine,
    read_months,
)

Unit = Literal["count", "hours", "percent", "fte", "days"]
Number = int | float
ENTRY_RATE_FLAG = 30.0  # % under which DQ_TAUX_SAISIE is flagged (proposal)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Value:
    """One indicator over one window; ratios carry their numerator and denominator (``value`` is
    ``None`` when the denominator is 0)."""

    value: Number | None
    numerator: Number | None = None
    denominator: Number | None = None


@dataclass(frozen=True, slots=True)
class Indicator:
    """``current`` is M (or the whole period); ``previous``, ``difference``, ``percent`` and ``ytd`` are
    given for a month report only; ``months`` (a period report) holds each month's value."""

    code: str
    label: str
    unit: Unit
    current: Value
    previous: Value | None = None
    difference: Number | None = None  # current − previous (points for a percent)
    percent: float | None = None  # difference / previous × 100, only when previous > 0
    ytd: Value | None = None
    months: tuple[tuple[int, Value], ...] = ()
    denominator_label: str | None = None
    flagged: bool = False


@dataclass(frozen=True, slots=True)
class Row:
    """One key of a breakdown: its codes (in their own field) and their French labels."""

    codes: tuple[str, ...]
    labels: tuple[str, ...]
    current: Number
    previous: Number | None = None
    ytd: Number | None = None
    months: tuple[tuple[int, Number], ...] = ()


@dataclass(frozen=True, slots=True)
class BreakdownTable:
    code: str
    label: str
    dimensions: tuple[str, ...]  # French names of the key's parts
    unit: Unit
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Section:
    code: str
    label: str
    indicators: tuple[Indicator, ...]
    tables: tuple[BreakdownTable, ...] = ()


@dataclass(frozen=True, slots=True)
class EntryRate:
    """DQ_TAUX_SAISIE of one mediator over one window (``percent`` is None without contractual time)."""

    mediator: str
    entered_hours: float
    contract_hours: float
    percent: float | None
    flagged: bool


@dataclass(frozen=True, slots=True)
class Device:
    """A device with records in the window (DQ_POSTES) and its last write (ISO, UTC)."""

    device: str  # the first 8 characters of its id
    last_write: str


@dataclass(frozen=True, slots=True)
class Quality:
    indicators: tuple[Indicator, ...]
    entry_rates: tuple[EntryRate, ...]  # the current window, structure scope only
    devices: tuple[Device, ...]  # the current window
    amendments: int  # DQ_MODIFS of the current window (filled by the closing service, 0 otherwise)


@dataclass(frozen=True, slots=True)
class Report:
    period: Period
    scope: Scope
    is_month: bool
    generated_at: dt.datetime
    referentiel_version: str
    sections: tuple[Section, ...]
    quality: Quality
    frozen_months: tuple[int, ...]  # months read from a closure snapshot
    notes: tuple[str, ...] = ()

    def section(self, code: str) -> Section:
        return next(s for s in self.sections if s.code == code)

    def indicator(self, code: str) -> Indicator:
        for indicator in (*(i for s in self.sections for i in s.indicators), *self.quality.indicators):
            if indicator.code == code:
                return indicator
        raise KeyError(code)

    def table(self, code: str) -> BreakdownTable:
        return next(t for s in self.sections for t in s.tables if t.code == code)


# --------------------------------------------------------------------------- indicator definitions

Count = Callable[[Totals], Number | None]
Ratio = Callable[[Totals], tuple[Number, Number]]


def _n(name: str, **where: str | None | Sequence[str | None]) -> Count:
    return lambda t: t.total(name, **where)


def _hours(name: str, **where: str | None | Sequence[str | None]) -> Count:
    return lambda t: t.total(name, **where) / 60


def _median(histogram: dict[int, int]) -> float | None:
    total = sum(histogram.values())
    if not total:
        return None
    ordered = sorted(histogram.items())

    def nth(index: int) -> int:
        seen = 0
        for days, count in ordered:
            seen += count
            if index < seen:
                return days
        raise AssertionError("index hors de l'histogramme")

    if total % 2:
        return float(nth(total // 2))
    return (nth(total // 2 - 1) + nth(total // 2)) / 2


def _delays(t: Totals) -> dict[int, int]:
    return {int(key[0] or 0): value for key, value in t.table("int.delay.n").items()}


def _etp(t: Totals) -> tuple[Number, Number]:
    return t.total("etp.fte_days") / 100, t.total("etp.month.days")


CONF = {"registre": "CONF"}
INT = "int.registre.n"


@dataclass(frozen=True)
class Spec:
    code: str
    label: str
    unit: Unit
    count: Count | None = None
    ratio: Ratio | None = None
    denominator_label: str | None = None


SECTION_SPECS: tuple[tuple[str, str, tuple[Spec, ...]], ...] = (
    (
        "INTERVENTIONS",
        "Interventions",
        (
            Spec("INT_NB", "Interventions", "count", _n(INT)),
            Spec("INT_NOUV", "Situations nouvelles", "count", lambda t: t.total(INT) - t.total("int.registre.suivi")),
            Spec("INT_SUIVI", "Suivis", "count", _n("int.registre.suivi")),
            Spec("INT_H", "Durée (h)", "hours", _hours("int.registre.min")),
            Spec(
                "INT_BINOME",
                "Part en binôme",
                "percent",
                ratio=lambda t: (t.total("int.registre.binome"), t.total(INT)),
                denominator_label="interventions",
            ),
        ),
    ),
    (
        "PUBLICS",
        "Publics et contacts",
        (Spec("CONTACTS", "Personnes concernées (contacts)", "count", _n("public.n")),),
    ),
    (
        "PRESENCE",
        "Présence active",
        (
            Spec("PAP_NB", "Tournées et permanences", "count", _n("presence.n")),
            Spec("PAP_H", "Heures de présence active", "hours", _hours("presence.min")),
            Spec("PAP_INF", "Contacts informels", "count", _n("presence.informal")),
            Spec(
                "ALLER_VERS",
                "Part d'aller-vers",
                "percent",
                ratio=lambda t: (
                    t.total("int.context.n", origin="ALLER_VERS"),
                    t.total("int.context.n") - t.total("int.context.n", origin="NR"),
                ),
                denominator_label="interventions d'origine renseignée",
            ),
        ),
    ),
    (
        "CONFLITS",
        "Conflits",
        (
            Spec("CONF_NB", "Conflits traités", "count", _n(INT, **CONF)),
            Spec(
                "CONF_APAISE",
                "Taux d'apaisement",
                "percent",
                ratio=lambda t: (
                    t.total(INT, registre="CONF", outcome=["APAISE", "ACCORD"]),
                    t.total(INT, **CONF) - t.total(INT, registre="CONF", outcome="EN_COURS"),
                ),
                denominator_label="conflits dont l'issue est connue (hors « en cours »)",
            ),
            Spec("TENSION_3", "Violence ou danger", "count", _n("int.context.n", tension="3")),
            Spec(
                "RELAIS",
                "Relais aux secours ou forces de l'ordre",
                "count",
                _n(INT, outcome="RELAIS_AUTORITE"),
            ),
        ),
    ),
    (
        "MISES_EN_RELATION",
        "Mises en relation et orientations",
        (
            Spec("MER_NB", "Mises en relation", "count", _n(INT, registre="MER")),
            Spec("ORIENT_NB", "Orientations", "count", _n("partner.n", role="ORIENTE")),
            Spec("ORIENT_INT", "Interventions avec orientation", "count", _n("int.quality.orient_int")),
        ),
    ),
    (
        "SIGNALEMENTS",
        "Signalements et veille",
        (
            Spec("SIGN_NB", "Signalements techniques", "count", _n("signalement.n")),
            Spec(
                "SIGN_TRAITE",
                "Signalements traités",
                "percent",
                ratio=lambda t: (t.total("signalement.n", treated="OUI"), t.total("signalement.n")),
                denominator_label="signalements",
            ),
            Spec("VSOC_NB", "Fragilités repérées", "count", _n("int.quality.vsoc")),
            Spec(
                "VSOC_RELAIS",
                "Fragilités orientées ou signalées à un partenaire",
                "count",
                _n("int.quality.vsoc_relaye"),
            ),
        ),
    ),
    (
        "ACTIONS",
        "Actions collectives et réunions",
        (
            Spec("ACT_NB", "Actions collectives", "count", _n("action.n")),
            Spec("ACT_PART", "Participants", "count", _n("action.participants")),
            Spec("REU_NB", "Réunions partenariales", "count", _n("meeting.n")),
            Spec("REU_H", "Heures de réunion", "hours", _hours("meeting.min")),
        ),
    ),
    (
        "ETP",
        "ETP",
        (Spec("ETP", "ETP médiateurs", "fte", ratio=_etp, denominator_label="jours du mois"),),
    ),
)


def _share(name: str, dim: str, code: str | None) -> Ratio:
    return lambda t: (t.total(name, **{dim: code}), t.total(name))


QUALITY_SPECS: tuple[Spec, ...] = (
    *(
        Spec(
            f"DQ_NR_{label}",
            f"Non renseigné : {text}",
            "percent",
            ratio=_share(name, dim, code),
            denominator_label=what,
        )
        for label, text, name, dim, code, what in (
            ("ORIGINE", "origine", "int.context.n", "origin", "NR", "interventions"),
            ("MODALITE", "modalité", "int.context.n", "modality", "NR", "interventions"),
            ("TENSION", "niveau de tension", "int.context.n", "tension", "NR", "interventions"),
            ("QPV", "QPV", "int.territory.n", "qpv", None, "interventions"),
            ("AGE", "tranche d'âge des contacts", "public.n", "age_band", "NC", "contacts"),
            ("SEXE", "sexe des contacts", "public.n", "sex", "NC", "contacts"),
            ("TYPE_PUBLIC", "type de public des contacts", "public.n", "public_type", "NR", "contacts"),
        )
    ),
    Spec("DQ_SANS_PUBLIC", "Interventions sans public (hors veille technique)", "count", _n("int.quality.sans_public")),
    Spec(
        "DQ_RETARD",
        f"Saisies tardives (plus de {LATE_DAYS} jours)",
        "percent",
        ratio=lambda t: (sum(v for d, v in _delays(t).items() if d > LATE_DAYS), sum(_delays(t).values())),
        denominator_label="interventions",
    ),
    Spec("DQ_RETARD_MEDIANE", "Délai médian de saisie (jours)", "days", lambda t: _median(_delays(t))),
    Spec("DQ_ATYPIQUE", "Interventions de plus de 4 h", "count", _n("int.quality.long")),
    Spec("DQ_ATYPIQUE_BLOCS", "Présences de plus de 12 h", "count", _n("presence.long")),
    Spec(
        "DQ_COHERENCE_ORIENTE",
        "Issue « orienté » sans partenaire orienté",
        "count",
        _n("int.quality.oriente_sans_partenaire"),
    ),
    Spec(
        "DQ_COHERENCE_SIGNALE",
        "Issue « signalement transmis » sans signalement",
        "count",
        _n("int.quality.signale_sans_signalement"),
    ),
)


ENTRY_RATE = Spec(
    "DQ_TAUX_SAISIE",
    "Heures saisies / contractuelles",
    "percent",
    ratio=lambda t: (t.total("entry.min") / 60, t.total("entry.contract_min7") / 7 / 60),
    denominator_label="heures contractuelles",
)
AMENDMENTS = Spec("DQ_MODIFS", "Modifications après clôture", "count", _n("amendments.n"))
DEVICES = Spec("DQ_POSTES", "Postes de saisie", "count", lambda t: len(t.devices))


# --------------------------------------------------------------------------- evaluation


def _evaluate(spec: Spec, t: Totals) -> Value:
    if spec.ratio is not None:
        numerator, denominator = spec.ratio(t)
        scale = 1 if spec.unit == "fte" else 100
        return Value(numerator * scale / denominator if denominator else None, numerator, denominator)
    assert spec.count is not None
    return Value(spec.count(t))


def _previous_month(month: int) -> int:
    return month - 89 if month % 100 == 1 else month - 1


@dataclass(frozen=True)
class _Windows:
    current: Totals
    previous: Totals | None
    ytd: Totals | None
    months: tuple[tuple[int, Totals], ...]


def _indicator(spec: Spec, w: _Windows, *, flag_under: float | None = None) -> Indicator:
    current = _evaluate(spec, w.current)
    previous = _evaluate(spec, w.previous) if w.previous is not None else None
    difference = percent = None
    if previous is not None and current.value is not None and previous.value is not None:
        difference = current.value - previous.value
        if previous.value > 0:
            percent = difference * 100 / previous.value
    return Indicator(
        spec.code,
        spec.label,
        spec.unit,
        current,
        previous,
        difference,
        percent,
        _evaluate(spec, w.ytd) if w.ytd is not None else None,
        tuple((m, _evaluate(spec, t)) for m, t in w.months),
        spec.denominator_label,
        flag_under is not None and current.value is not None and current.value < flag_under,
    )


# --------------------------------------------------------------------------- breakdown tables


@dataclass(frozen=True)
class TableSpec:
    code: str
    label: str
    table: str
    dimensions: tuple[str, ...]
    unit: Unit = "count"
    where: tuple[tuple[str, str | tuple[str, ...]], ...] = ()


DIMENSION_LABELS = {
    "registre": ("Registre", "REGISTRE"),
    "sub_registre": ("Sous-registre", "SOUS_REGISTRE"),
    "outcome": ("Issue", "ISSUE"),
    "domain": ("Domaine", "DOMAINE"),
    "place": ("Lieu", "LIEU"),
    "time_band": ("Plage", "PLAGE"),
    "day_type": ("Type de jour", "TYPE_JOUR"),
    "commune": ("Commune", None),
    "qpv": ("QPV", None),
    "dispositif": ("Dispositif", None),
    "mediator": ("Médiateur", None),
    "tension": ("Niveau de tension", "NIVEAU_TENSION"),
    "origin": ("Origine", "ORIGINE"),
    "modality": ("Modalité", "MODALITE"),
    "motif": ("Motif", "MOTIF"),
    "public_type": ("Type de public", "TYPE_PUBLIC"),
    "age_band": ("Tranche d'âge", "TRANCHE_AGE"),
    "sex": ("Sexe", "SEXE"),
    "partner_type": ("Type de partenaire", "TYPE_PARTENAIRE"),
    "role": ("Rôle du partenaire", "ROLE_PARTENAIRE"),
    "presence_type": ("Type de présence", "TYPE_PRESENCE"),
    "signal_type": ("Type de signalement", "TYPE_VEILLE_TECH"),
    "recipient_type": ("Destinataire", "TYPE_PARTENAIRE"),
    "treated": ("Traité", "TRAITE"),
    "theme": ("Thème", "THEME_ACTION"),
    "meeting_type": ("Type de réunion", "TYPE_REUNION"),
    "contract": ("Contrat", "CONTRAT"),
}

TABLE_SPECS: dict[str, tuple[TableSpec, ...]] = {
    "INTERVENTIONS": (
        TableSpec("INT_NB_REGISTRE", "Interventions par registre", INT, ("registre",)),
        TableSpec("INT_NB_SOUS_REGISTRE", "Interventions par sous-registre", INT, ("registre", "sub_registre")),
        TableSpec("INT_NB_DOMAINE", "Interventions par domaine", "int.territory.n", ("domain",)),
        TableSpec("INT_NB_LIEU", "Interventions par lieu", "int.place.n", ("place",)),
        TableSpec("INT_NB_PLAGE", "Interventions par plage horaire", "int.place.n", ("time_band",)),
        TableSpec("INT_NB_TYPE_JOUR", "Interventions par type de jour", "int.place.n", ("day_type",)),
        TableSpec("INT_NB_COMMUNE", "Interventions par commune", "int.territory.n", ("commune",)),
        TableSpec("INT_NB_QPV", "Interventions par QPV", "int.territory.n", ("qpv",)),
        TableSpec("INT_NB_DISPOSITIF", "Interventions par dispositif", "int.dispositif.n", ("dispositif",)),
        TableSpec(
            "INT_NB_MEDIATEUR",
            "Interventions par médiateur (un binôme compte pour chacun)",
            "int.mediator.n",
            ("mediator",),
        ),
        TableSpec("INT_SUIVI_REGISTRE", "Suivis par registre", "int.registre.suivi", ("registre",)),
        TableSpec("INT_H_REGISTRE", "Durée (h) par registre", "int.registre.min", ("registre",), "hours"),
        TableSpec("INT_NB_MOTIF", "Interventions par motif (une par motif)", "motif.n", ("motif",)),
    ),
    "PUBLICS": (
        TableSpec("CONTACTS_TYPE", "Contacts par type de public", "public.n", ("public_type",)),
        TableSpec("CONTACTS_AGE", "Contacts par tranche d'âge", "public.n", ("age_band",)),
        TableSpec("CONTACTS_SEXE", "Contacts par sexe", "public.n", ("sex",)),
        TableSpec("CONTACTS_AGE_SEXE", "Contacts par tranche d'âge et sexe", "public.n", ("age_band", "sex")),
    ),
    "PRESENCE": (
        TableSpec("PAP_NB_TYPE", "Tournées et permanences par type", "presence.n", ("presence_type",)),
        TableSpec("PAP_H_TYPE", "Heures de présence par type", "presence.min", ("presence_type",), "hours"),
        TableSpec("PAP_H_PLAGE", "Heures de présence par plage", "presence.min", ("time_band",), "hours"),
        TableSpec(
            "PAP_H_TYPE_PLAGE",
            "Heures de présence par type et plage",
            "presence.min",
            ("presence_type", "time_band"),
            "hours",
        ),
        TableSpec("INT_NB_ORIGINE", "Interventions par origine", "int.context.n", ("origin",)),
    ),
    "CONFLITS": (
        TableSpec(
            "CONF_NB_SOUS_REGISTRE", "Conflits par sous-registre", INT, ("sub_registre",), where=(("registre", "CONF"),)
        ),
        TableSpec("CONF_NB_ISSUE", "Conflits par issue", INT, ("outcome",), where=(("registre", "CONF"),)),
        TableSpec("INT_NB_TENSION", "Interventions par niveau de tension", "int.context.n", ("tension",)),
    ),
    "MISES_EN_RELATION": (
        TableSpec(
            "MER_NB_SOUS_REGISTRE",
            "Mises en relation par sous-registre",
            INT,
            ("sub_registre",),
            where=(("registre", "MER"),),
        ),
        TableSpec(
            "ORIENT_NB_TYPE",
            "Orientations par type de partenaire",
            "partner.n",
            ("partner_type",),
            where=(("role", "ORIENTE"),),
        ),
        TableSpec("PARTENAIRES_TYPE_ROLE", "Partenaires mobilisés", "partner.n", ("partner_type", "role")),
    ),
    "SIGNALEMENTS": (
        TableSpec("SIGN_NB_TYPE", "Signalements par type", "signalement.n", ("signal_type",)),
        TableSpec("SIGN_NB_DESTINATAIRE", "Signalements par destinataire", "signalement.n", ("recipient_type",)),
        TableSpec("SIGN_NB_TRAITE", "Signalements par état de traitement", "signalement.n", ("treated",)),
    ),
    "ACTIONS": (
        TableSpec("ACT_NB_REGISTRE", "Actions collectives par registre", "action.n", ("registre",)),
        TableSpec("ACT_NB_THEME", "Actions collectives par thème", "action.n", ("theme",)),
        TableSpec("ACT_PART_REGISTRE", "Participants par registre", "action.participants", ("registre",)),
        TableSpec("ACT_PART_THEME", "Participants par thème", "action.participants", ("theme",)),
        TableSpec("REU_NB_TYPE", "Réunions par type", "meeting.n", ("meeting_type",)),
        TableSpec("REU_H_TYPE", "Heures de réunion par type", "meeting.min", ("meeting_type",), "hours"),
    ),
    "ETP": (TableSpec("ETP_CONTRAT", "ETP par contrat", "etp.fte_days", ("contract",), "fte"),),
}


class _Labels:
    def __init__(self, ref: Referentiel, territories: dict[tuple[str, str], str]) -> None:
        self.ref = ref
        self.territories = territories

    def __call__(self, dimension: str, code: str | None) -> str:
        if code is None:
            return "Sans dispositif" if dimension == "dispositif" else "Non renseigné"
        if dimension == "qpv":
            return "Hors QPV" if code == "HORS_QPV" else self.territories.get(("QPV", code), code)
        if dimension == "commune":
            return self.territories.get(("COMMUNE", code), code)
        vocab = DIMENSION_LABELS[dimension][1]
        return self.ref.label(vocab, code) if vocab else code


def _sort_codes(ref: Referentiel, dimension: str, code: str | None) -> tuple[int, str]:
    vocab = DIMENSION_LABELS[dimension][1]
    if vocab and code is not None:
        term = ref.vocab(vocab).get(code)
        if term is not None:
            return (term.sort, code)
    return (1_000_000 if code is None else 999_999, code or "")


def _table(spec: TableSpec, w: _Windows, labels: _Labels, days: Callable[[Totals], Number]) -> BreakdownTable:
    where = {dim: (list(v) if isinstance(v, tuple) else v) for dim, v in spec.where}

    def values(t: Totals | None) -> dict[tuple[str | None, ...], Number]:
        if t is None:
            return {}
        raw = t.fold(spec.table, spec.dimensions, **where)
        if spec.unit == "hours":
            return {k: v / 60 for k, v in raw.items()}
        if spec.unit == "fte":
            total_days = days(t)
            return {k: (v / 100 / total_days if total_days else 0.0) for k, v in raw.items()}
        return dict(raw)

    current, previous, ytd = values(w.current), values(w.previous), values(w.ytd)
    monthly = [(m, values(t)) for m, t in w.months]
    keys = set(current) | set(previous) | set(ytd)
    for _, v in monthly:
        keys |= set(v)
    ordered = sorted(
        keys, key=lambda k: tuple(_sort_codes(labels.ref, d, c) for d, c in zip(spec.dimensions, k, strict=True))
    )
    rows = tuple(
        Row(
            tuple("NR" if c is None else c for c in key),
            tuple(labels(d, c) for d, c in zip(spec.dimensions, key, strict=True)),
            current.get(key, 0),
            previous.get(key, 0) if w.previous is not None else None,
            ytd.get(key, 0) if w.ytd is not None else None,
            tuple((m, v.get(key, 0)) for m, v in monthly),
        )
        for key in ordered
    )
    dims = tuple(DIMENSION_LABELS[d][0] for d in spec.dimensions)
    return BreakdownTable(spec.code, spec.label, dims, spec.unit, rows)


# --------------------------------------------------------------------------- build


def _entry_rates(t: Totals) -> tuple[EntryRate, ...]:
    entered = t.table("entry.min")
    contract = t.table("entry.contract_min7")
    rates = []
    for key in sorted(set(entered) | set(contract), key=lambda k: k[0] or ""):
        minutes, contract7 = entered.get(key, 0), contract.get(key, 0)
        percent = minutes * 7 * 100 / contract7 if contract7 else None
        rates.append(
            EntryRate(
                key[0] or "",
                minutes / 60,
                contract7 / 7 / 60,
                percent,
                percent is not None and percent < ENTRY_RATE_FLAG,
            )
        )
    return tuple(rates)


def _territory_labels(db: Database) -> dict[tuple[str, str], str]:
    from medios.db.models import Territory

    with db.session() as session:
        rows = session.execute(
            select(Territory.level, Territory.code, Territory.label).where(Territory.deleted_at.is_(None))
        ).all()
    return {(level, code): label for level, code, label in rows}


def build_report(
    db: Database,
    period: Period,
    scope: Scope = ag.STRUCTURE,
    *,
    frozen: Callable[[int], MonthFigures | None] | None = None,
    amendments: Callable[[int], int] | None = None,
    ref: Referentiel | None = None,
) -> Report:
    """Every indicator of domain brief §6 for ``period`` in ``scope``.

    A period of one month gives M, M−1, the difference and the year to date; a longer one its total and
    each month.  ``frozen(month)`` returns a closed month's snapshot figures (read instead of the base)
    or ``None``; they must be the figures of the same ``scope`` (a snapshot of the structure serves the
    structure's report only).  ``amendments(month)`` returns the amendments of a month (DQ_MODIFS, 0
    without it; never read from a snapshot).
    """
    ref = ref or active()
    is_month = period.first == period.last
    month = period.last
    if is_month:
        previous = _previous_month(month)
        ytd_months = Period(month // 100 * 100 + 1, month).months()
        needed = sorted({previous, *ytd_months})
    else:
        needed = list(period.months())

    figures: dict[int, MonthFigures] = {}
    frozen_months = []
    if frozen is not None:
        for m in needed:
            snapshot = frozen(m)
            if snapshot is not None:
                figures[m] = snapshot
                frozen_months.append(m)
    figures.update(read_months(db, [m for m in needed if m not in figures], scope))
    if amendments is not None:  # DQ_MODIFS: counted now, never taken from a snapshot
        for m in needed:
            count = amendments(m)
            changed: dict[str, Mapping[tuple[str | None, ...], int]] = dict(figures[m].tables)
            changed["amendments.n"] = {(): count} if count else {}
            figures[m] = replace(figures[m], tables=changed)

    if is_month:
        windows = _Windows(figures[month], figures[previous], combine(figures[m] for m in ytd_months), ())
    else:
        windows = _Windows(combine(figures[m] for m in needed), None, None, tuple((m, figures[m]) for m in needed))

    labels = _Labels(ref, _territory_labels(db))
    structure_only = ag.scope_kind(scope) == "structure"

    def days(t: Totals) -> Number:
        return t.total("etp.month.days")

    sections = []
    for code, label, specs in SECTION_SPECS:
        if code == "ETP" and not structure_only:
            continue
        indicators = tuple(_indicator(spec, windows) for spec in specs)
        breakdowns = tuple(_table(t, windows, labels, days) for t in TABLE_SPECS.get(code, ()))
        sections.append(Section(code, label, indicators, breakdowns))

    quality_indicators = [_indicator(spec, windows) for spec in QUALITY_SPECS]
    entry_rates: tuple[EntryRate, ...] = ()
    if structure_only:
        entry_rates = _entry_rates(windows.current)
        quality_indicators.append(_indicator(ENTRY_RATE, windows, flag_under=ENTRY_RATE_FLAG))
        if any(rate.flagged for rate in entry_rates):
            quality_indicators[-1] = replace(quality_indicators[-1], flagged=True)
    quality_indicators += [_indicator(AMENDMENTS, windows), _indicator(DEVICES, windows)]
    devices = tuple(
        Device(device[:8], last) for device, last in sorted(windows.current.devices.items(), key=lambda d: d[1])
    )
    modifs = windows.current.total("amendments.n")

    notes = [
        "« Contacts » : somme des personnes concernées par intervention ; une personne rencontrée trois fois "
        "compte trois fois (ce ne sont pas des personnes distinctes)."
    ]
    if not structure_only:
        notes.append("ETP et heures saisies / contractuelles : calculés pour la structure entière seulement.")
    if ag.scope_kind(scope) in ("commune", "qpv"):
        notes.append("Les réunions partenariales n'ont ni commune ni QPV : elles ne sont pas comptées ici.")
    return Report(
        period,
        scope,
        is_month,
        dt.datetime.now(dt.UTC).replace(tzinfo=None),
        ref.version,
        tuple(sections),
        Quality(tuple(quality_indicators), entry_rates, devices, modifs),
        tuple(frozen_months),
        tuple(notes),
    )


__all__ = [
    "DIMENSIONS",
    "BreakdownTable",
    "Device",
    "EntryRate",
    "Indicator",
    "Quality",
    "Report",
    "Row",
    "Section",
    "Value",
    "build_report",
]
