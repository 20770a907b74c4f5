"""Monthly aggregates: every breakdown equals a count made in Python over what the test wrote, and the
plans the reports rely on are covering (asserted with and without planner statistics)."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, Select, event, text

from medios.db import Database, open_database
from medios.db.engine import driver_execute
from medios.db.maintenance import analyze, optimize
from medios.services import aggregates as ag
from medios.services import interventions as iv
from medios.services import structure as structure_service
from medios.services.derive import day_type, time_band
from medios.services.rules import PartnerLink, PublicCount

MONTHS = (dt.date(2025, 12, 1), dt.date(2026, 1, 1), dt.date(2026, 2, 1))
TODAY = dt.date(2026, 3, 15)
COMMUNES = ("93066", "93048")
QPVS = (None, "HORS_QPV", "QN09301M")
# (registre, sub_registre, outcome, domain, place)
PROFILES = (
    ("CONF", "CONF_TR", "APAISE", "HABITAT", "HAB_PC"),
    ("CONF", "CONF_DIF", "ACCORD", "HABITAT", "PERMANENCE"),
    ("MER", "MER_INFO", "ORIENTE", "DROITS", "PERMANENCE"),
    ("VTEC", None, "SIGNALE", "CADRE_VIE", "RUE"),
)
MOTIFS = ("BRUIT", "HALL", "VOISINAGE", "ISOLEMENT")
PUBLICS = (("JEUNE", "A18_24", "M"), ("HABITANT", "A40_59", "F"), ("NR", "NC", "NC"))
PARTNERS = (("BAILLEUR", "ALERTE"), ("CCAS", "ORIENTE"), ("BAILLEUR", "CO_INTERVENTION"))


@dataclass
class Written:
    """What the test wrote, as it stands after updates and deletions."""

    db: Database
    dispositifs: tuple[uuid.UUID, ...]
    live: dict[uuid.UUID, iv.InterventionInput]


def _draw(rng: random.Random, mediators: list[uuid.UUID], dispositifs: list[uuid.UUID]) -> iv.InterventionInput:
    registre, sub, outcome, domain, place = rng.choice(PROFILES)
    month = rng.choice(MONTHS)
    return iv.InterventionInput(
        date=month.replace(day=rng.randint(1, 28)),
        start_time=dt.time(rng.randint(0, 23), rng.choice((0, 30))),
        duration_min=rng.randint(5, 240),
        commune=rng.choice(COMMUNES),
        qpv=rng.choice(QPVS),
        place=place,
        registre=registre,
        sub_registre=sub,
        domain=domain,
        outcome=outcome,
        origin=rng.choice(("NR", "ALLER_VERS")),
        modality=rng.choice(("NR", "GROUPE")),
        tension=rng.choice(("NR", "1", "2")),
        motifs=tuple(rng.sample(MOTIFS, rng.randint(0, 3))),
        publics=tuple(PublicCount(*p, rng.randint(1, 9)) for p in rng.sample(PUBLICS, rng.randint(0, 3))),
        partners=tuple(PartnerLink(*p) for p in rng.sample(PARTNERS, rng.randint(0, 2))),
        mediator_ids=tuple(rng.sample(mediators, rng.choice((1, 1, 2, 3)))),
        dispositif_id=rng.choice([*dispositifs, None]),
    )


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Iterator[Written]:
    """A structure with 90 interventions over three months, written through the entry service: some
    updated (month, dispositif, children changed), some follow-ups, some soft-deleted."""
    folder = tmp_path_factory.mktemp("aggregates")
    os.environ["MEDIOS_HOME"] = str(folder / "home")
    path = folder / "medios.db"
    shutil.copy2(template_db, path)
    db = open_database(path)
    try:
        structure_service.init_structure(db, "Médiation Test", mediator="Alice Martin")
        mediators = [structure_service.list_mediators(db)[0].id]
        mediators += [structure_service.create_mediator(db, name).id for name in ("Bruno Petit", "Chloé Roux")]
        dispositifs = [
            structure_service.create_dispositif(db, name, domain, dt.date(2024, 1, 1))
            for name, domain in (("Médiation habitat", "HABITAT"), ("Accès aux droits", "DROITS"))
        ]
        rng = random.Random(6)
        live: dict[uuid.UUID, iv.InterventionInput] = {}
        firsts: list[uuid.UUID] = []
        for n in range(90):
            data = _draw(rng, mediators, dispositifs)
            if firsts and n % 5 == 0:
                data = replace(data, follow_up_of=rng.choice(firsts), date=MONTHS[-1].replace(day=28))
            record = iv.record_intervention(db, data, today=TODAY)
            live[record.id] = data
            if data.follow_up_of is None:
                firsts.append(record.id)
        ids = list(live)
        for record_id in rng.sample(ids, 12):  # edits move interventions between months and dispositifs
            changed = _draw(rng, mediators, dispositifs)
            changed = replace(changed, follow_up_of=live[record_id].follow_up_of)
            if changed.follow_up_of is not None:
                changed = replace(changed, date=MONTHS[-1].replace(day=28))
            iv.update_intervention(db, record_id, changed, today=TODAY)
            live[record_id] = changed
        followed = {d.follow_up_of for d in live.values()}
        for record_id in [i for i in rng.sample(ids, 20) if i not in followed][:8]:
            iv.delete_intervention(db, record_id)
            del live[record_id]
        yield Written(db, tuple(dispositifs), live)
    finally:
        db.dispose()
        del os.environ["MEDIOS_HOME"]


# --------------------------------------------------------------------------- oracle


def _in(data: iv.InterventionInput, period: ag.Period, scope: ag.Scope) -> bool:
    month = data.date.year * 100 + data.date.month
    return (
        period.first <= month <= period.last
        and (scope.dispositif_id is None or data.dispositif_id == scope.dispositif_id)
        and (scope.commune is None or data.commune == scope.commune)
        and (scope.qpv is None or data.qpv == scope.qpv)
    )


def _month(data: iv.InterventionInput) -> int:
    return data.date.year * 100 + data.date.month


def _expected_interventions(
    written: Written, grouping: ag.Grouping, period: ag.Period, scope: ag.Scope
) -> dict[tuple[int, tuple[Any, ...]], ag.Measures]:
    cells: dict[tuple[int, tuple[Any, ...]], ag.Measures] = {}
    for data in written.live.values():
        if not _in(data, period, scope):
            continue
        derived = {"time_band": time_band(data.start_time), "day_type": day_type(data.date, "METROPOLE")}
        cell = (_month(data), tuple(derived[n] if n in derived else getattr(data, n) for n in grouping.value))
        n = len(data.mediator_ids)
        one = ag.Measures(1, data.duration_min, int(data.follow_up_of is not None), n, int(n >= 2))
        cells[cell] = cells[cell] + one if cell in cells else one
    return cells


def _expected_children(
    written: Written, child: ag.Child, period: ag.Period, scope: ag.Scope
) -> dict[tuple[int, tuple[Any, ...]], int]:
    counts: Counter[tuple[int, tuple[Any, ...]]] = Counter()
    for data in written.live.values():
        if not _in(data, period, scope):
            continue
        if child is ag.Child.MOTIF:
            for motif in data.motifs:
                counts[(_month(data), (motif,))] += 1
        elif child is ag.Child.PUBLIC:
            for p in data.publics:
                counts[(_month(data), (p.public_type, p.age_band, p.sex))] += p.count
        else:
            for link in data.partners:
                counts[(_month(data), (link.partner_type, link.role))] += 1
    return dict(counts)


def _cells(breakdown: ag.Breakdown[Any]) -> dict[tuple[int, tuple[Any, ...]], Any]:
    return {(month, key): value for month, key, value in breakdown.cells}


def _scopes(written: Written) -> list[ag.Scope]:
    return [
        ag.STRUCTURE,
        ag.Scope(dispositif_id=written.dispositifs[0]),
        ag.Scope(dispositif_id=written.dispositifs[1]),
        ag.Scope(commune=COMMUNES[1]),
        ag.Scope(qpv="HORS_QPV"),
        ag.Scope(dispositif_id=uuid.uuid4()),  # unknown: empty
    ]


PERIODS = (ag.Period.month(2026, 1), ag.Period.year(2026), ag.Period(202512, 202602), ag.Period.month(2026, 3))


# --------------------------------------------------------------------------- breakdowns against the oracle


def test_the_fixture_holds_what_the_breakdowns_must_tell_apart(written: Written) -> None:
    """Soft-deleted rows, binômes, follow-ups and multi-motif interventions are all present."""
    with written.db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM intervention WHERE deleted_at IS NOT NULL")).scalar() == 8
    live = list(written.live.values())
    assert sum(len(d.mediator_ids) >= 2 for d in live) >= 10
    assert sum(d.follow_up_of is not None for d in live) >= 5
    assert sum(len(d.motifs) >= 2 for d in live) >= 10
    assert {_month(d) for d in live} == {202512, 202601, 202602}


@pytest.mark.parametrize("grouping", list(ag.Grouping), ids=lambda g: g.name)
def test_intervention_breakdowns_equal_the_oracle(written: Written, grouping: ag.Grouping) -> None:
    for scope in _scopes(written):
        for period in PERIODS:
            got = _cells(ag.interventions(written.db, grouping, period, scope))
            assert got == _expected_interventions(written, grouping, period, scope), (scope, period)


@pytest.mark.parametrize("child", list(ag.Child), ids=lambda c: c.name)
def test_child_breakdowns_equal_the_oracle(written: Written, child: ag.Child) -> None:
    for scope in _scopes(written):
        for period in PERIODS:
            got = _cells(ag.children(written.db, child, period, scope))
            assert got == _expected_children(written, child, period, scope), (scope, period)


SPAN = (202511, 202512, 202601, 202602, 202603)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bounds=st.lists(st.sampled_from(SPAN), min_size=2, max_size=2), pick=st.integers(0, 5))
def test_any_period_and_scope_equal_the_oracle(written: Written, bounds: list[int], pick: int) -> None:
    period = ag.Period(min(bounds), max(bounds))
    scope = _scopes(written)[pick]
    assert _cells(ag.interventions(written.db, ag.Grouping.REGISTRE, period, scope)) == _expected_interventions(
        written, ag.Grouping.REGISTRE, period, scope
    )
    assert _cells(ag.publics(written.db, period, scope)) == _expected_children(written, ag.Child.PUBLIC, period, scope)


def test_monthly_totals_list_every_month_and_match_the_breakdowns(written: Written) -> None:
    period = ag.Period(202511, 202603)
    totals = ag.monthly_totals(written.db, period)
    assert list(totals) == [202511, 202512, 202601, 202602, 202603]
    assert totals[202511] == totals[202603] == ag.Measures(0, 0, 0, 0, 0)
    by_registre = ag.interventions(written.db, ag.Grouping.REGISTRE, period)
    for month, measures in totals.items():
        assert sum(by_registre.total([month]).values(), ag.Measures(0, 0, 0, 0, 0)) == measures
    live = written.live.values()
    whole = sum(totals.values(), ag.Measures(0, 0, 0, 0, 0))
    assert whole.interventions == len(written.live)
    assert whole.new_situations == sum(d.follow_up_of is None for d in live)
    assert whole.binomes == sum(len(d.mediator_ids) >= 2 for d in live)
    assert whole.mediator_rows == sum(len(d.mediator_ids) for d in live)


def test_a_multi_motif_intervention_counts_once_per_motif_and_once_in_totals(written: Written) -> None:
    period = ag.Period(202512, 202602)
    motifs = ag.motifs(written.db, period).total()
    assert sum(motifs.values()) == sum(len(d.motifs) for d in written.live.values())
    assert sum(m.interventions for m in ag.interventions(written.db, ag.Grouping.MONTH, period).total().values()) == (
        len(written.live)
    )


def test_folding_reads_months_and_totals(written: Written) -> None:
    breakdown = ag.publics(written.db, ag.Period(202512, 202602))
    by_month = breakdown.by_month()
    assert set(by_month) == {202512, 202601, 202602}
    total = breakdown.total()
    assert total and set(total) == {k for month in by_month.values() for k in month}
    for key in total:
        assert total[key] == sum(month.get(key, 0) for month in by_month.values())


def test_soft_deleted_children_are_subtracted(written: Written) -> None:
    """The child month index holds the children of deleted interventions: they are subtracted, not shown."""
    with written.db.engine.connect() as conn:
        kept = conn.execute(text("SELECT sum(count) FROM intervention_public")).scalar()
    shown = sum(ag.publics(written.db, ag.Period(202512, 202602)).total().values())
    assert shown == sum(p.count for d in written.live.values() for p in d.publics)
    assert kept is not None and kept > shown


def test_scopes_and_periods_refuse_nonsense() -> None:
    with pytest.raises(ValueError, match="un seul filtre"):
        ag.Scope(dispositif_id=uuid.uuid4(), commune="93066")
    with pytest.raises(ValueError, match="mois invalide"):
        ag.Period(202613, 202613)
    with pytest.raises(ValueError, match="période vide"):
        ag.Period(202602, 202601)
    assert ag.Period(202511, 202602).months() == (202511, 202512, 202601, 202602)
    assert len(ag.Period.year(2026).months()) == 12


# --------------------------------------------------------------------------- derived copies stay in step


def _copies_out_of_step(conn: Connection) -> list[Any]:
    """Child copies that differ from their intervention, and mediator counts that differ from the rows."""
    wrong: list[Any] = []
    for table in ("intervention_motif", "intervention_public", "intervention_partner"):
        wrong += conn.execute(
            text(
                f"SELECT '{table}', c.intervention_id FROM {table} c JOIN intervention i ON i.id = c.intervention_id "  # noqa: S608
                "WHERE c.month <> i.month OR c.dispositif_id IS NOT i.dispositif_id"
            )
        ).all()
    wrong += conn.execute(
        text(
            "SELECT 'mediator_count', i.id FROM intervention i WHERE i.mediator_count <> "
            "(SELECT count(*) FROM intervention_mediator m WHERE m.intervention_id = i.id)"
        )
    ).all()
    # The derived figures of migration 0011: the delay of entry and the flags of the children.
    children = {
        "with_public": "intervention_public c WHERE c.intervention_id = i.id",
        "oriented": "intervention_partner c WHERE c.intervention_id = i.id AND c.role = 'ORIENTE'",
        "relayed": "intervention_partner c WHERE c.intervention_id = i.id AND c.role IN ('ORIENTE', 'ALERTE')",
        "vsoc_motif": "intervention_motif c WHERE c.intervention_id = i.id AND c.motif IN "
        "('ISOLEMENT', 'DETRESSE', 'DANGER')",
    }
    for flag, rows in children.items():
        wrong += conn.execute(
            text(f"SELECT '{flag}', i.id FROM intervention i WHERE i.{flag} <> EXISTS (SELECT 1 FROM {rows})")  # noqa: S608
        ).all()
    wrong += conn.execute(
        text(
            "SELECT 'entry_days', i.id FROM intervention i WHERE i.entry_days <> "
            "max(0, CAST(julianday(date(i.created_at)) - julianday(i.date) AS INTEGER))"
        )
    ).all()
    return wrong


def test_entry_updates_keep_the_copies_in_step(written: Written) -> None:
    with written.db.engine.connect() as conn:
        assert _copies_out_of_step(conn) == []
        # The check sees a stale copy.
        conn.execute(text("UPDATE intervention_public SET month = 190001 WHERE intervention_id = "
                          "(SELECT intervention_id FROM intervention_public LIMIT 1)"))  # fmt: skip
        assert {table for table, _id in _copies_out_of_step(conn)} == {"intervention_public"}
        conn.rollback()
        for flag in ("entry_days", "with_public", "oriented", "relayed", "vsoc_motif"):  # and a stale flag
            value = "entry_days + 1" if flag == "entry_days" else f"NOT {flag}"
            conn.execute(
                text(f"UPDATE intervention SET {flag} = {value} WHERE id = (SELECT min(id) FROM intervention)")
            )  # noqa: S608
            assert {name for name, _id in _copies_out_of_step(conn)} == {flag}
            conn.rollback()


def test_demo_and_import_keep_the_copies_in_step(db: Database, tmp_path: Path) -> None:
    from medios.demo.run import generate_demo
    from medios.services.interchange import export_jsonl, import_jsonl

    generate_demo(db, months=2, mediators=3, today=TODAY)
    with db.engine.connect() as conn:
        assert _copies_out_of_step(conn) == []
        assert conn.execute(text("SELECT count(*) FROM sqlite_stat1")).scalar()  # the demo ran ANALYZE
    target = tmp_path / "export.jsonl"
    export_jsonl(db, target)
    other = open_database(tmp_path / "autre.db")
    try:
        structure_service.init_structure(other, "Autre structure", mediator="Zoé Blanc")
        with db.engine.connect() as conn:
            named = conn.execute(text("SELECT name, main_domain, start_date FROM dispositif")).all()
        for name, domain, start in named:
            structure_service.create_dispositif(other, name, domain, dt.date.fromisoformat(str(start)))
        import_jsonl(other, target)
        with other.engine.connect() as conn:
            assert _copies_out_of_step(conn) == []
            assert conn.execute(text("SELECT count(*) FROM intervention_public")).scalar()
        assert ag.publics(other, ag.Period(202601, 202603)).total() == ag.publics(db, ag.Period(202601, 202603)).total()
    finally:
        other.dispose()


# --------------------------------------------------------------------------- plans


def _plan(conn: Connection, statement: Select[Any], values: dict[str, Any]) -> str:
    """EXPLAIN QUERY PLAN of ``statement`` as SQLAlchemy sends it (expanded IN lists, bound values)."""
    sent: list[tuple[str, Any]] = []

    def grab(_conn: Any, _cursor: Any, sql: str, parameters: Any, _context: Any, _many: bool) -> None:
        sent.append((sql, parameters))

    event.listen(conn, "before_cursor_execute", grab)
    try:
        conn.execute(statement, values).all()
    finally:
        event.remove(conn, "before_cursor_execute", grab)
    sql, parameters = sent[-1]
    return "; ".join(row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, parameters))


def _assert_plans(written: Written, conn: Connection) -> None:
    ids = list(written.live)[:3]
    for period in (ag.Period.month(2026, 1), ag.Period.year(2026)):
        for scope in (ag.STRUCTURE, ag.Scope(dispositif_id=written.dispositifs[0])):
            values = ag.parameters(period, scope, ids)
            for name, statement in ag.all_statements(ag.scope_kind(scope)).items():
                plan = _plan(conn, statement, values)
                where = f"{name} {scope} {period}: {plan}"
                if name.endswith("_deleted"):  # the children of a few ids, by primary key
                    assert "USING PRIMARY KEY (intervention_id=?)" in plan and "SCAN" not in plan, where
                    continue
                steps = plan.split("; ")
                assert len(steps) == 1 and "USING COVERING INDEX" in plan, where
                assert "SCAN" not in plan and "TEMP B-TREE" not in plan, where
                if scope.dispositif_id is not None and name != "deleted":
                    assert "dispositif_id=?" in plan, where
        # Commune and QPV scopes: covering on the interventions, no scan (children joined by their key).
        for scope in (ag.Scope(commune=COMMUNES[0]), ag.Scope(qpv="HORS_QPV")):
            values = ag.parameters(period, scope)
            for name, statement in ag.all_statements(ag.scope_kind(scope)).items():
                plan = _plan(conn, statement, values)
                assert "SCAN" not in plan and "USING COVERING INDEX ix_intervention_month_" in plan, (name, plan)


def test_report_plans_are_covering_without_statistics(written: Written) -> None:
    with written.db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")).scalar() == 0
        _assert_plans(written, conn)


def test_report_plans_are_covering_with_statistics(written: Written, tmp_path: Path) -> None:
    copy = tmp_path / "analysee.db"
    with written.db.engine.connect() as conn:
        driver_execute(conn, f"VACUUM INTO '{copy}'")
    analysed = open_database(copy)
    try:
        analyze(analysed)
        with analysed.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM sqlite_stat1")).scalar()
            _assert_plans(written, conn)
    finally:
        analysed.dispose()


def test_optimize_runs_at_close_and_never_raises(db_path: Path) -> None:
    database = open_database(db_path)
    structure_service.init_structure(database, "Médiation Test", mediator="Alice Martin")
    with database.engine.connect() as conn:
        conn.execute(text("SELECT count(*) FROM intervention WHERE month = 202601")).all()
    database.dispose()  # closes the pooled connections: PRAGMA optimize analyses what they used

    class Broken:
        def cursor(self) -> Any:
            return self

        def execute(self, _sql: str) -> None:
            raise OSError("disque plein")

        def close(self) -> None:
            pass

    optimize(Broken())  # logged, not raised


def test_report_statements_emit_no_key_nor_local_column() -> None:
    """The dispositif is grouped on and filtered on, never output: the guard of the reports accepts them all."""
    from medios.db.guard import check_select
    from medios.db.models import Tier

    for kind in ("structure", "dispositif", "commune", "qpv"):
        for statement in ag.all_statements(kind).values():
            if list(statement.selected_columns.keys()) == ["id"]:
                continue  # the ids of deleted interventions: read to subtract, never reported
            check_select(statement, Tier.OBSERVATORY)


def test_breakdowns_read_everything_at_once_and_agree_with_each_call(written: Written) -> None:
    for scope in _scopes(written)[:4]:
        period = ag.Period(202512, 202602)
        report = ag.breakdowns(written.db, period, scope)
        assert report.registre == ag.interventions(written.db, ag.Grouping.REGISTRE, period, scope)
        assert report.place == ag.interventions(written.db, ag.Grouping.PLACE, period, scope)
        assert report.territory == ag.interventions(written.db, ag.Grouping.TERRITORY, period, scope)
        assert report.context == ag.interventions(written.db, ag.Grouping.CONTEXT, period, scope)
        assert report.monthly == ag.monthly_totals(written.db, period, scope)
        assert _cells(report.motifs) == _expected_children(written, ag.Child.MOTIF, period, scope)
        assert _cells(report.publics) == _expected_children(written, ag.Child.PUBLIC, period, scope)
        assert _cells(report.partners) == _expected_children(written, ag.Child.PARTNER, period, scope)
