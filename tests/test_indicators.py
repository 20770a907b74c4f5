"""Monthly indicators (domain brief §6): every indicator, breakdown and data-quality measure of the
report equals an independent count made here in plain Python over the rows read with simple SELECTs,
for the structure and each kind of scope, for a month (January against December), the year to date
and custom periods.  Rules broken on purpose (a deleted row counted, monthly ratios averaged) make the
comparison fail; month figures round-trip through JSON exactly."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import shutil
import statistics
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from medios.db import Database, open_database
from medios.db.engine import driver_execute
from medios.db.models import (
    ActionCollective,
    ActionMediator,
    Dispositif,
    Intervention,
    InterventionMediator,
    InterventionMotif,
    InterventionPartner,
    InterventionPublic,
    Mediator,
    MeetingMediator,
    PartnerMeeting,
    PresenceActive,
    PresenceMediator,
    TechSignalement,
)
from medios.demo import generate_demo
from medios.services.aggregates import STRUCTURE, Period, Scope
from medios.services.indicators import MonthFigures, Report, Value, build_report, month_figures
from medios.services.indicators.figures import DIMENSIONS
from medios.services.indicators.report import TABLE_SPECS

TODAY = dt.date(2026, 3, 20)
DEC, JAN, FEB, MAR = 202512, 202601, 202602, 202603

# --------------------------------------------------------------------------- the base


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Iterator[Database]:
    """A seeded demo base (December 2025 to March 2026) with edge cases written over it: soft-deleted
    interventions, blocks, signalements, actions and meetings, contracts starting and ending within a
    month, a mediator entering too little."""
    path = tmp_path_factory.mktemp("indicators") / "base.db"
    shutil.copy2(template_db, path)
    db = open_database(path)
    generate_demo(db, months=4, mediators=4, seed=7, today=TODAY)
    deleted = "'2026-03-01 10:00:00'"
    with db.engine.begin() as conn:
        for table in ("intervention", "presence_active", "tech_signalement", "action_collective", "partner_meeting"):
            conn.execute(text(f"UPDATE {table} SET deleted_at = {deleted} WHERE rowid % 13 = 0"))
        ids = conn.execute(text("SELECT id FROM mediator WHERE role = 'MEDIATEUR' ORDER BY pseudonym")).scalars().all()
        conn.execute(text("UPDATE mediator SET end_date = '2026-01-15' WHERE id = :id"), {"id": ids[0]})
        conn.execute(text("UPDATE mediator SET start_date = '2025-12-10' WHERE id = :id"), {"id": ids[1]})
        conn.execute(text("UPDATE mediator SET weekly_minutes = 20000 WHERE id = :id"), {"id": ids[2]})
    yield db
    db.dispose()


# --------------------------------------------------------------------------- the oracle


def _rows(db: Database, *columns: Any) -> list[Any]:
    with db.session() as session:
        return list(session.execute(select(*columns)).all())


def _month_of(day: dt.date) -> int:
    return day.year * 100 + day.month


def _days(month: int) -> int:
    return calendar.monthrange(month // 100, month % 100)[1]


def _employed(month: int, start: dt.date | None, end: dt.date | None) -> int:
    year, number = divmod(month, 100)
    return sum(
        1
        for day in range(1, _days(month) + 1)
        if (start is None or dt.date(year, number, day) >= start) and (end is None or dt.date(year, number, day) <= end)
    )


@dataclass
class Oracle:
    """Every figure counted in Python over the raw rows (``include_deleted`` and ``average_ratios``
    break a rule on purpose)."""

    db: Database
    include_deleted: bool = False
    average_ratios: bool = False
    data: dict[str, list[Any]] = field(default_factory=dict)
    memo: dict[tuple[frozenset[int], Scope], Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        I = Intervention  # noqa: N806, E741
        self.data = {
            "int": _rows(
                self.db,
                I.id,
                I.month,
                I.date,
                I.dispositif_id,
                I.commune,
                I.qpv,
                I.registre,
                I.sub_registre,
                I.domain,
                I.place,
                I.time_band,
                I.day_type,
                I.origin,
                I.modality,
                I.tension,
                I.outcome,
                I.duration_min,
                I.follow_up_of,
                I.presence_id,
                I.created_at,
                I.updated_at,
                I.device_id,
                I.deleted_at,
            ),
            "med": _rows(self.db, InterventionMediator.intervention_id, InterventionMediator.mediator_id),
            "motif": _rows(self.db, InterventionMotif.intervention_id, InterventionMotif.motif),
            "public": _rows(
                self.db,
                InterventionPublic.intervention_id,
                InterventionPublic.public_type,
                InterventionPublic.age_band,
                InterventionPublic.sex,
                InterventionPublic.count,
            ),
            "partner": _rows(
                self.db, InterventionPartner.intervention_id, InterventionPartner.partner_type, InterventionPartner.role
            ),
            "pres": _rows(
                self.db,
                PresenceActive.id,
                PresenceActive.date,
                PresenceActive.dispositif_id,
                PresenceActive.commune,
                PresenceActive.qpv,
                PresenceActive.presence_type,
                PresenceActive.time_band,
                PresenceActive.start_time,
                PresenceActive.end_time,
                PresenceActive.informal_contacts,
                PresenceActive.updated_at,
                PresenceActive.device_id,
                PresenceActive.deleted_at,
            ),
            "pres_med": _rows(self.db, PresenceMediator.presence_id, PresenceMediator.mediator_id),
            "sign": _rows(
                self.db,
                TechSignalement.intervention_id,
                TechSignalement.presence_id,
                TechSignalement.signal_type,
                TechSignalement.recipient_type,
                TechSignalement.treated,
                TechSignalement.deleted_at,
            ),
            "act": _rows(
                self.db,
                ActionCollective.id,
                ActionCollective.date,
                ActionCollective.dispositif_id,
                ActionCollective.commune,
                ActionCollective.qpv,
                ActionCollective.registre,
                ActionCollective.theme,
                ActionCollective.participants,
                ActionCollective.duration_min,
                ActionCollective.updated_at,
                ActionCollective.device_id,
                ActionCollective.deleted_at,
            ),
            "act_med": _rows(self.db, ActionMediator.action_id, ActionMediator.mediator_id),
            "meet": _rows(
                self.db,
                PartnerMeeting.id,
                PartnerMeeting.date,
                PartnerMeeting.dispositif_id,
                PartnerMeeting.meeting_type,
                PartnerMeeting.duration_min,
                PartnerMeeting.updated_at,
                PartnerMeeting.device_id,
                PartnerMeeting.deleted_at,
            ),
            "meet_med": _rows(self.db, MeetingMediator.meeting_id, MeetingMediator.mediator_id),
            "mediator": _rows(
                self.db,
                Mediator.id,
                Mediator.pseudonym,
                Mediator.role,
                Mediator.contract,
                Mediator.fte_percent,
                Mediator.weekly_minutes,
                Mediator.start_date,
                Mediator.end_date,
                Mediator.deleted_at,
            ),
            "dispositif": _rows(self.db, Dispositif.id, Dispositif.name),
        }

    # ----------------------------------------------------------- the base set

    def _live(self, row: Any) -> bool:
        return self.include_deleted or row.deleted_at is None

    @staticmethod
    def _in_scope(row: Any, scope: Scope, *, meeting: bool = False) -> bool:
        if scope.dispositif_id is not None:
            return bool(row.dispositif_id == scope.dispositif_id)
        if meeting and (scope.commune is not None or scope.qpv is not None):
            return False
        if scope.commune is not None:
            return bool(row.commune == scope.commune)
        if scope.qpv is not None:
            return bool(row.qpv == scope.qpv)
        return True

    def interventions(self, months: set[int], scope: Scope) -> list[Any]:
        return [r for r in self.data["int"] if r.month in months and self._live(r) and self._in_scope(r, scope)]

    def presences(self, months: set[int], scope: Scope) -> list[Any]:
        # a block over midnight belongs to its start date
        return [
            r for r in self.data["pres"] if _month_of(r.date) in months and self._live(r) and self._in_scope(r, scope)
        ]

    def actions(self, months: set[int], scope: Scope) -> list[Any]:
        return [
            r for r in self.data["act"] if _month_of(r.date) in months and self._live(r) and self._in_scope(r, scope)
        ]

    def meetings(self, months: set[int], scope: Scope) -> list[Any]:
        return [
            r
            for r in self.data["meet"]
            if _month_of(r.date) in months and self._live(r) and self._in_scope(r, scope, meeting=True)
        ]

    @staticmethod
    def _block_minutes(row: Any) -> int:
        start = row.start_time.hour * 60 + row.start_time.minute
        end = row.end_time.hour * 60 + row.end_time.minute
        return end - start if end > start else end + 1440 - start

    def children(self, name: str, ids: set[uuid.UUID]) -> list[Any]:
        return [r for r in self.data[name] if r.intervention_id in ids]

    # ----------------------------------------------------------- the figures

    def figures(self, months: set[int], scope: Scope) -> tuple[dict[str, Any], dict[str, Counter[tuple[str, ...]]]]:
        """(indicator code → value or (numerator, denominator)), (table code → Counter of code keys)."""
        key = (frozenset(months), scope)
        if key not in self.memo:
            self.memo[key] = self._figures(months, scope)
        return self.memo[key]  # type: ignore[no-any-return]

    def _figures(self, months: set[int], scope: Scope) -> tuple[dict[str, Any], dict[str, Counter[tuple[str, ...]]]]:
        ints = self.interventions(months, scope)
        ids = {r.id for r in ints}
        mediators_of: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
        for row in self.data["med"]:
            mediators_of[row.intervention_id].add(row.mediator_id)
        motifs = self.children("motif", ids)
        publics = self.children("public", ids)
        partners = self.children("partner", ids)
        pres = self.presences(months, scope)
        pres_ids = {r.id for r in pres}
        signs = [
            s for s in self.data["sign"] if self._live(s) and (s.intervention_id in ids or s.presence_id in pres_ids)
        ]
        acts = self.actions(months, scope)
        meets = self.meetings(months, scope)
        conf = [r for r in ints if r.registre == "CONF"]
        roles_of: dict[uuid.UUID, set[str]] = defaultdict(set)
        for p in partners:
            roles_of[p.intervention_id].add(p.role)
        motifs_of: dict[uuid.UUID, set[str]] = defaultdict(set)
        for m in motifs:
            motifs_of[m.intervention_id].add(m.motif)
        with_public = {p.intervention_id for p in publics}
        with_sign = {s.intervention_id for s in self.data["sign"] if s.deleted_at is None}
        vsoc = [r for r in ints if r.registre == "VSOC" or motifs_of[r.id] & {"ISOLEMENT", "DETRESSE", "DANGER"}]
        delays = [max(0, (r.created_at.date() - r.date).days) for r in ints]
        contacts = sum(p.count for p in publics)
        n = len(ints)

        values: dict[str, Any] = {
            "INT_NB": n,
            "INT_SUIVI": sum(r.follow_up_of is not None for r in ints),
            "INT_NOUV": sum(r.follow_up_of is None for r in ints),
            "INT_H": sum(r.duration_min for r in ints) / 60,
            "INT_BINOME": (sum(len(mediators_of[r.id]) >= 2 for r in ints), n),
            "CONTACTS": contacts,
            "PAP_NB": len(pres),
            "PAP_H": sum(self._block_minutes(r) for r in pres) / 60,
            "PAP_INF": sum(r.informal_contacts for r in pres),
            "ALLER_VERS": (sum(r.origin == "ALLER_VERS" for r in ints), sum(r.origin != "NR" for r in ints)),
            "CONF_NB": len(conf),
            "CONF_APAISE": (
                sum(r.outcome in ("APAISE", "ACCORD") for r in conf),
                sum(r.outcome != "EN_COURS" for r in conf),
            ),
            "TENSION_3": sum(r.tension == "3" for r in ints),
            "RELAIS": sum(r.outcome == "RELAIS_AUTORITE" for r in ints),
            "MER_NB": sum(r.registre == "MER" for r in ints),
            "ORIENT_NB": sum(p.role == "ORIENTE" for p in partners),
            "ORIENT_INT": len({p.intervention_id for p in partners if p.role == "ORIENTE"}),
            "SIGN_NB": len(signs),
            "SIGN_TRAITE": (sum(s.treated == "OUI" for s in signs), len(signs)),
            "VSOC_NB": len(vsoc),
            "VSOC_RELAIS": sum(bool(roles_of[r.id] & {"ORIENTE", "ALERTE"}) for r in vsoc),
            "ACT_NB": len(acts),
            "ACT_PART": sum(a.participants for a in acts),
            "REU_NB": len(meets),
            "REU_H": sum(m.duration_min for m in meets) / 60,
            "DQ_NR_ORIGINE": (sum(r.origin == "NR" for r in ints), n),
            "DQ_NR_MODALITE": (sum(r.modality == "NR" for r in ints), n),
            "DQ_NR_TENSION": (sum(r.tension == "NR" for r in ints), n),
            "DQ_NR_QPV": (sum(r.qpv is None for r in ints), n),
            "DQ_NR_AGE": (sum(p.count for p in publics if p.age_band == "NC"), contacts),
            "DQ_NR_SEXE": (sum(p.count for p in publics if p.sex == "NC"), contacts),
            "DQ_NR_TYPE_PUBLIC": (sum(p.count for p in publics if p.public_type == "NR"), contacts),
            "DQ_SANS_PUBLIC": sum(r.registre != "VTEC" and r.id not in with_public for r in ints),
            "DQ_RETARD": (sum(d > 7 for d in delays), n),
            "DQ_RETARD_MEDIANE": statistics.median(delays) if delays else None,
            "DQ_ATYPIQUE": sum(r.duration_min > 240 for r in ints),
            "DQ_ATYPIQUE_BLOCS": sum(self._block_minutes(r) > 720 for r in pres),
            "DQ_COHERENCE_ORIENTE": sum(r.outcome == "ORIENTE" and "ORIENTE" not in roles_of[r.id] for r in ints),
            "DQ_COHERENCE_SIGNALE": sum(r.outcome == "SIGNALE" and r.id not in with_sign for r in ints),
            "DQ_MODIFS": 0,
            "DQ_POSTES": len({r.device_id for r in (*ints, *pres, *acts, *meets)}),
        }
        staff = [m for m in self.data["mediator"] if m.deleted_at is None]
        if scope == STRUCTURE:
            fte_days = sum(
                (m.fte_percent or 0) * _employed(month, m.start_date, m.end_date)
                for m in staff
                if m.role == "MEDIATEUR"
                for month in months
            )
            values["ETP"] = (fte_days / 100, sum(_days(month) for month in months))
            entered = self.entered_minutes(months)
            contract7 = sum(
                (m.weekly_minutes or 0) * _employed(month, m.start_date, m.end_date) for m in staff for month in months
            )
            values["DQ_TAUX_SAISIE"] = (sum(entered.values()) / 60, contract7 / 7 / 60)

        tables: dict[str, Counter[tuple[str, ...]]] = {}

        def count(code: str, items: Iterable[Any], key: Callable[[Any], tuple[Any, ...]], weight: Any = None) -> None:
            counter: Counter[tuple[str, ...]] = Counter()
            for item in items:
                counter[tuple("NR" if k is None else k for k in key(item))] += 1 if weight is None else weight(item)
            tables[code] = counter

        names = {d.id: d.name for d in self.data["dispositif"]}
        pseudonyms = {m.id: m.pseudonym for m in self.data["mediator"]}
        count("INT_NB_REGISTRE", ints, lambda r: (r.registre,))
        count("INT_NB_SOUS_REGISTRE", ints, lambda r: (r.registre, r.sub_registre))
        count("INT_NB_DOMAINE", ints, lambda r: (r.domain,))
        count("INT_NB_LIEU", ints, lambda r: (r.place,))
        count("INT_NB_PLAGE", ints, lambda r: (r.time_band,))
        count("INT_NB_TYPE_JOUR", ints, lambda r: (r.day_type,))
        count("INT_NB_COMMUNE", ints, lambda r: (r.commune,))
        count("INT_NB_QPV", ints, lambda r: (r.qpv,))
        count("INT_NB_DISPOSITIF", ints, lambda r: (names.get(r.dispositif_id),))
        count(
            "INT_NB_MEDIATEUR",
            [(r, m) for r in ints for m in mediators_of[r.id]],
            lambda pair: (pseudonyms[pair[1]],),
        )
        count("INT_SUIVI_REGISTRE", [r for r in ints if r.follow_up_of], lambda r: (r.registre,))
        count("INT_H_REGISTRE", ints, lambda r: (r.registre,), lambda r: r.duration_min / 60)
        count("INT_NB_MOTIF", motifs, lambda m: (m.motif,))
        count("CONTACTS_TYPE", publics, lambda p: (p.public_type,), lambda p: p.count)
        count("CONTACTS_AGE", publics, lambda p: (p.age_band,), lambda p: p.count)
        count("CONTACTS_SEXE", publics, lambda p: (p.sex,), lambda p: p.count)
        count("CONTACTS_AGE_SEXE", publics, lambda p: (p.age_band, p.sex), lambda p: p.count)
        count("PAP_NB_TYPE", pres, lambda p: (p.presence_type,))
        count("PAP_H_TYPE", pres, lambda p: (p.presence_type,), lambda p: self._block_minutes(p) / 60)
        count("PAP_H_PLAGE", pres, lambda p: (p.time_band,), lambda p: self._block_minutes(p) / 60)
        count("PAP_H_TYPE_PLAGE", pres, lambda p: (p.presence_type, p.time_band), lambda p: self._block_minutes(p) / 60)
        count("INT_NB_ORIGINE", ints, lambda r: (r.origin,))
        count("CONF_NB_SOUS_REGISTRE", conf, lambda r: (r.sub_registre,))
        count("CONF_NB_ISSUE", conf, lambda r: (r.outcome,))
        count("INT_NB_TENSION", ints, lambda r: (r.tension,))
        count("MER_NB_SOUS_REGISTRE", [r for r in ints if r.registre == "MER"], lambda r: (r.sub_registre,))
        count("ORIENT_NB_TYPE", [p for p in partners if p.role == "ORIENTE"], lambda p: (p.partner_type,))
        count("PARTENAIRES_TYPE_ROLE", partners, lambda p: (p.partner_type, p.role))
        count("SIGN_NB_TYPE", signs, lambda s: (s.signal_type,))
        count("SIGN_NB_DESTINATAIRE", signs, lambda s: (s.recipient_type,))
        count("SIGN_NB_TRAITE", signs, lambda s: (s.treated,))
        count("ACT_NB_REGISTRE", acts, lambda a: (a.registre,))
        count("ACT_NB_THEME", acts, lambda a: (a.theme,))
        count("ACT_PART_REGISTRE", acts, lambda a: (a.registre,), lambda a: a.participants)
        count("ACT_PART_THEME", acts, lambda a: (a.theme,), lambda a: a.participants)
        count("REU_NB_TYPE", meets, lambda m: (m.meeting_type,))
        count("REU_H_TYPE", meets, lambda m: (m.meeting_type,), lambda m: m.duration_min / 60)
        if scope == STRUCTURE:
            total_days = sum(_days(month) for month in months)
            count(
                "ETP_CONTRAT",
                [(m, month) for m in staff if m.role == "MEDIATEUR" and m.fte_percent for month in months],
                lambda pair: (pair[0].contract,),
                lambda pair: (
                    pair[0].fte_percent * _employed(pair[1], pair[0].start_date, pair[0].end_date) / 100 / total_days
                ),
            )
        return values, tables

    def entered_minutes(self, months: set[int]) -> Counter[str]:
        """Per mediator pseudonym: minutes of blocks, interventions outside blocks, actions, meetings."""
        pseudonyms = {m.id: m.pseudonym for m in self.data["mediator"]}
        minutes: Counter[str] = Counter()
        ints = {r.id: r for r in self.interventions(months, STRUCTURE) if r.presence_id is None}
        for row in self.data["med"]:
            if row.intervention_id in ints:
                minutes[pseudonyms[row.mediator_id]] += ints[row.intervention_id].duration_min
        for parents, links, key in (
            ({r.id: self._block_minutes(r) for r in self.presences(months, STRUCTURE)}, "pres_med", "presence_id"),
            ({r.id: r.duration_min for r in self.actions(months, STRUCTURE)}, "act_med", "action_id"),
            ({r.id: r.duration_min for r in self.meetings(months, STRUCTURE)}, "meet_med", "meeting_id"),
        ):
            for row in self.data[links]:
                parent = getattr(row, key)
                if parent in parents:
                    minutes[pseudonyms[row.mediator_id]] += parents[parent]
        return minutes

    def value(self, code: str, months: set[int], scope: Scope) -> Any:
        if self.average_ratios and len(months) > 1:
            per_month = [self.figures({m}, scope)[0][code] for m in months]
            if per_month and isinstance(per_month[0], tuple):
                ratios = [n / d for n, d in per_month if d]
                return (sum(ratios) / len(ratios), 1) if ratios else (0, 0)
        return self.figures(months, scope)[0][code]


# --------------------------------------------------------------------------- comparing


def _expected_value(code: str, raw: Any) -> tuple[Any, Any, Any]:
    """(value, numerator, denominator) as the report gives them."""
    if isinstance(raw, tuple):
        numerator, denominator = raw
        scale = 1 if code == "ETP" else 100
        return (numerator * scale / denominator if denominator else None, numerator, denominator)
    return (raw, None, None)


def _check_value(code: str, got: Any, raw: Any, where: str) -> None:
    value, numerator, denominator = _expected_value(code, raw)
    assert got.value == pytest.approx(value), f"{code} {where}: {got} ≠ {raw}"
    if numerator is not None and code not in ("DQ_TAUX_SAISIE",):
        assert got.numerator == pytest.approx(numerator), f"{code} {where} numérateur"
        assert got.denominator == pytest.approx(denominator), f"{code} {where} dénominateur"
    if code == "DQ_TAUX_SAISIE":
        assert got.numerator == pytest.approx(numerator) and got.denominator == pytest.approx(denominator)


def _windows(report: Report) -> list[tuple[str, set[int], str]]:
    """(window name, months, attribute) pairs to compare."""
    period = report.period
    if report.is_month:
        month = period.last
        previous = month - 89 if month % 100 == 1 else month - 1
        ytd = set(Period(month // 100 * 100 + 1, month).months())
        return [("M", {month}, "current"), ("M-1", {previous}, "previous"), ("YTD", ytd, "ytd")]
    return [("période", set(period.months()), "current")]


def compare(report: Report, oracle: Oracle) -> None:
    """Every indicator, DQ measure and breakdown of ``report`` against ``oracle``."""
    scope = report.scope
    indicators = [i for s in report.sections for i in s.indicators] + list(report.quality.indicators)
    seen = {i.code for i in indicators}
    expected_codes = set(oracle.figures({report.period.last}, scope)[0])
    assert seen == expected_codes, seen ^ expected_codes
    for name, months, attribute in _windows(report):
        values, tables = oracle.figures(months, scope)
        for indicator in indicators:
            got = getattr(indicator, attribute)
            assert got is not None
            _check_value(indicator.code, got, oracle.value(indicator.code, months, scope), name)
        for section in report.sections:
            for table in section.tables:
                got_rows = {row.codes: getattr(row, attribute) for row in table.rows}
                want = {k: v for k, v in tables[table.code].items() if v}
                assert {k: v for k, v in got_rows.items() if v} == pytest.approx(want), f"{table.code} {name}"
    if not report.is_month:
        for indicator in indicators:
            for month, got in indicator.months:
                _check_value(indicator.code, got, oracle.value(indicator.code, {month}, scope), str(month))
        for section in report.sections:
            for table in section.tables:
                for index, month in enumerate(report.period.months()):
                    got_rows = {row.codes: row.months[index][1] for row in table.rows if row.months[index][1]}
                    want = {k: v for k, v in oracle.figures({month}, scope)[1][table.code].items() if v}
                    assert got_rows == pytest.approx(want), f"{table.code} {month}"
    if report.is_month:
        for indicator in indicators:
            if indicator.previous is None or indicator.current.value is None or indicator.previous.value is None:
                continue
            assert indicator.difference == pytest.approx(indicator.current.value - indicator.previous.value)
            if indicator.previous.value > 0:
                assert indicator.percent == pytest.approx(indicator.difference * 100 / indicator.previous.value)
            else:
                assert indicator.percent is None


@pytest.fixture(scope="module")
def oracle(base: Database) -> Oracle:
    return Oracle(base)


def _scopes(base: Database) -> list[Scope]:
    with base.session() as session:
        dispositif = session.scalars(select(Dispositif.id).order_by(Dispositif.name)).first()
        commune = session.scalars(
            select(Intervention.commune).group_by(Intervention.commune).order_by(text("count(*) DESC"))
        ).first()
        qpv = session.scalars(
            select(Intervention.qpv)
            .where(Intervention.qpv.like("QN%"))
            .group_by(Intervention.qpv)
            .order_by(text("count(*) DESC"))
        ).first()
    return [STRUCTURE, Scope(dispositif_id=dispositif), Scope(commune=commune), Scope(qpv=qpv), Scope(qpv="HORS_QPV")]


# --------------------------------------------------------------------------- tests


def test_the_base_holds_the_edge_cases(base: Database, oracle: Oracle) -> None:
    """The cases the rules are about exist in the base (otherwise the comparisons would prove little)."""
    ints = oracle.data["int"]
    assert any(r.deleted_at for r in ints) and any(r.deleted_at for r in oracle.data["pres"])
    assert any(r.deleted_at for r in oracle.data["sign"])
    per_intervention = Counter(r.intervention_id for r in oracle.data["med"])
    assert any(count >= 2 for count in per_intervention.values())  # binômes
    assert any(count >= 2 for count in Counter(r.intervention_id for r in oracle.data["motif"]).values())
    assert any(r.follow_up_of for r in ints)
    assert any(r.end_time < r.start_time for r in oracle.data["pres"])  # blocks over midnight
    assert {r.month for r in ints} >= {DEC, JAN, FEB, MAR}


@pytest.mark.parametrize("month", [JAN, FEB])
def test_month_report_equals_the_oracle_for_every_scope(base: Database, oracle: Oracle, month: int) -> None:
    """January compares with December of the year before; February's year to date is two months."""
    for scope in _scopes(base):
        report = build_report(base, Period(month, month), scope)
        assert report.is_month
        compare(report, oracle)


@pytest.mark.parametrize("period", [Period(DEC, FEB), Period(JAN, MAR)])
def test_period_report_equals_the_oracle(base: Database, oracle: Oracle, period: Period) -> None:
    for scope in _scopes(base)[:3]:
        compare(build_report(base, period, scope), oracle)


def test_breaking_a_rule_makes_the_comparison_fail(base: Database) -> None:
    """The comparison is not blind: counting soft-deleted rows, or averaging monthly ratios, fails."""
    report = build_report(base, Period(FEB, FEB))
    with pytest.raises(AssertionError):
        compare(report, Oracle(base, include_deleted=True))
    with pytest.raises(AssertionError):
        compare(report, Oracle(base, average_ratios=True))


def test_binomes_and_motifs_are_counted_by_their_rules(base: Database, oracle: Oracle) -> None:
    report = build_report(base, Period(JAN, JAN))
    total = report.indicator("INT_NB").current.value
    by_motif = sum(row.current for row in report.table("INT_NB_MOTIF").rows)
    by_mediator = sum(row.current for row in report.table("INT_NB_MEDIATEUR").rows)
    assert by_motif != total and by_mediator > total  # once per motif, once per mediator; once in totals
    assert sum(row.current for row in report.table("INT_NB_REGISTRE").rows) == total
    binome = report.indicator("INT_BINOME").current
    assert binome.denominator == total and 0 < (binome.numerator or 0) < total


def test_frozen_months_are_read_from_their_snapshot(base: Database, tmp_path: Path) -> None:
    """A closed month's figures come from ``frozen`` (its snapshot) even after the base changed."""
    path = tmp_path / "copy.db"
    with base.engine.connect() as conn:
        driver_execute(conn, "PRAGMA wal_checkpoint(TRUNCATE)")
    assert base.path is not None
    shutil.copy2(base.path, path)
    db = open_database(path)
    try:
        snapshot = MonthFigures.from_json(month_figures(db, Period(JAN, JAN))[JAN].to_json())
        before = build_report(db, Period(FEB, FEB))
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE intervention SET deleted_at = '2026-03-02' WHERE month = 202601"))
        live = build_report(db, Period(FEB, FEB))
        frozen = build_report(db, Period(FEB, FEB), frozen=lambda m: snapshot if m == JAN else None)
        assert frozen.frozen_months == (JAN,)
        assert live.indicator("INT_NB").previous == Value(0)
        assert frozen.indicator("INT_NB").previous == before.indicator("INT_NB").previous
        assert frozen.indicator("INT_NB").ytd == before.indicator("INT_NB").ytd
        assert frozen.indicator("CONF_APAISE").ytd == before.indicator("CONF_APAISE").ytd
        assert frozen.table("INT_NB_REGISTRE") == before.table("INT_NB_REGISTRE")
        amended = build_report(db, Period(FEB, FEB), amendments=lambda m: 3 if m == FEB else 0)
        assert amended.indicator("DQ_MODIFS").current.value == 3 and amended.quality.amendments == 3
    finally:
        db.dispose()


def test_month_figures_are_additive(base: Database) -> None:
    """A window read at once equals the sum of its months read one by one."""
    from medios.services.indicators import combine

    together = month_figures(base, Period(DEC, FEB))
    for month in (DEC, JAN, FEB):
        alone = month_figures(base, Period(month, month))[month]
        assert alone == together[month]
    summed = combine(together.values())
    assert summed.total("int.registre.n") == sum(f.total("int.registre.n") for f in together.values())


def test_entry_rate_flags_a_mediator_under_30_percent(base: Database, oracle: Oracle) -> None:
    report = build_report(base, Period(FEB, FEB))
    rates = {rate.mediator: rate for rate in report.quality.entry_rates}
    entered = oracle.entered_minutes({FEB})
    flagged = [rate for rate in rates.values() if rate.flagged]
    assert flagged and all(rate.percent is not None and rate.percent < 30 for rate in flagged)
    for pseudonym, minutes in entered.items():
        assert rates[pseudonym].entered_hours == pytest.approx(minutes / 60)
    assert report.indicator("DQ_TAUX_SAISIE").flagged


def test_empty_month(base: Database) -> None:
    report = build_report(base, Period(202001, 202001))
    assert report.indicator("INT_NB").current.value == 0
    assert report.indicator("INT_BINOME").current.value is None  # no denominator
    assert report.indicator("INT_NB").percent is None
    assert report.indicator("DQ_RETARD_MEDIANE").current.value is None
    assert all(not t.rows for s in report.sections for t in s.tables if t.code != "ETP_CONTRAT")


# --------------------------------------------------------------------------- JSON snapshots

_codes = st.one_of(st.none(), st.text(min_size=0, max_size=12))


@st.composite
def month_figures_strategy(draw: st.DrawFn) -> MonthFigures:
    tables = {}
    for base_name in draw(st.lists(st.sampled_from(sorted(DIMENSIONS)), unique=True, max_size=6)):
        width = len(DIMENSIONS[base_name])
        measure = draw(st.sampled_from(["n", "min", "suivi"]))
        rows = draw(
            st.dictionaries(
                st.tuples(*([_codes] * width)),
                st.integers(min_value=-(2**40), max_value=2**40).filter(bool),
                max_size=8,
            )
        )
        if rows:
            tables[f"{base_name}.{measure}"] = rows
    devices = draw(st.dictionaries(st.uuids().map(str), st.datetimes().map(lambda d: d.isoformat()), max_size=3))
    month = draw(st.integers(min_value=1900, max_value=2999)) * 100 + draw(st.integers(min_value=1, max_value=12))
    return MonthFigures(tables=tables, devices=devices, month=month)


@settings(max_examples=200, deadline=None)
@given(month_figures_strategy())
def test_month_figures_round_trip_through_json(figures: MonthFigures) -> None:
    text_ = figures.to_json()
    back = MonthFigures.from_json(text_)
    assert back == figures
    assert back.to_json() == text_


def test_real_month_figures_round_trip(base: Database) -> None:
    figures = month_figures(base, Period(JAN, JAN))[JAN]
    assert MonthFigures.from_json(figures.to_json()) == figures
    with pytest.raises(ValueError, match="format inconnu"):
        MonthFigures.from_json('{"format": "autre", "month": 202601, "tables": {}, "devices": {}}')


def test_every_table_spec_is_compared() -> None:
    """The oracle knows every breakdown table the report builds (a new table needs its oracle)."""
    import inspect

    source = inspect.getsource(Oracle._figures)
    for specs in TABLE_SPECS.values():
        for spec in specs:
            assert f'"{spec.code}"' in source, spec.code


def test_hand_made_edge_cases(db: Database) -> None:
    """One binôme with two motifs, its follow-up next month, a deleted intervention, a block from
    31 January 22:00 to 02:00: counted by the rules, January compared with an empty December."""
    from medios.services import interventions as iv
    from medios.services import presence as pr
    from medios.services import structure as structure_service
    from medios.services.rules import PublicCount

    structure_service.init_structure(db, "Médiation Test", mediator="Alice Martin")
    alice = structure_service.list_mediators(db)[0].id
    bruno = structure_service.create_mediator(db, "Bruno Petit").id
    today = dt.date(2026, 3, 1)
    block = pr.record_presence(
        db,
        pr.PresenceInput(
            date=dt.date(2026, 1, 31),
            start_time=dt.time(22, 0),
            end_time=dt.time(2, 0),
            presence_type="TOURNEE_PIED",
            commune="93066",
            mediator_ids=(alice,),
            informal_contacts=5,
        ),
        today=today,
    )

    def intervention(day: dt.date, **changes: Any) -> uuid.UUID:
        data = iv.InterventionInput(
            date=day,
            start_time=dt.time(10, 0),
            duration_min=30,
            commune="93066",
            qpv="HORS_QPV",
            place="RUE",
            registre="CONF",
            sub_registre="CONF_TR",
            domain="HABITAT",
            outcome="APAISE",
            motifs=("BRUIT", "HALL"),
            publics=(PublicCount("HABITANT", "A40_59", "F", 3),),
            mediator_ids=(alice, bruno),
        )
        return iv.record_intervention(db, dataclasses.replace(data, **changes), today=today).id

    first = intervention(dt.date(2026, 1, 10))
    intervention(dt.date(2026, 2, 2), follow_up_of=first, motifs=(), mediator_ids=(alice,))
    intervention(dt.date(2026, 2, 3), mediator_ids=(bruno,))
    gone = intervention(dt.date(2026, 1, 12))
    iv.delete_intervention(db, gone)

    january = build_report(db, Period(JAN, JAN))
    assert january.indicator("INT_NB").current.value == 1
    assert january.indicator("INT_NB").previous == Value(0) and january.indicator("INT_NB").percent is None
    assert january.indicator("INT_BINOME").current == Value(100.0, 1, 1)
    assert january.indicator("CONTACTS").current.value == 3
    assert {row.codes: row.current for row in january.table("INT_NB_MOTIF").rows} == {("BRUIT",): 1, ("HALL",): 1}
    assert sorted(row.current for row in january.table("INT_NB_MEDIATEUR").rows) == [1, 1]  # once for each
    assert january.indicator("PAP_NB").current.value == 1 and january.indicator("PAP_H").current.value == 4
    assert january.indicator("PAP_INF").current.value == 5
    assert january.indicator("CONF_APAISE").current == Value(100.0, 1, 1)
    february = build_report(db, Period(FEB, FEB))
    assert february.indicator("PAP_NB").current.value == 0  # the block belongs to its start date
    assert february.indicator("INT_SUIVI").current.value == 1 and february.indicator("INT_NOUV").current.value == 1
    assert february.indicator("INT_NB").previous == Value(1) and february.indicator("INT_NB").percent == 100
    assert february.indicator("INT_NB").ytd == Value(3)
    # summed over the window (1 of 3), not the average of 100 % and 0 %
    assert february.indicator("INT_BINOME").ytd == Value(pytest.approx(100 / 3), 1, 3)
    assert block.month == JAN
