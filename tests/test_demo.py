"""The demo generator: counts, reproducibility, dates, derived fields, codes and the project's rules."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from medios.db import Database, open_database
from medios.db.models import (
    ActionCollective,
    AuditLog,
    Intervention,
    Mediator,
    PartnerMeeting,
    PresenceActive,
    Structure,
    TechSignalement,
)
from medios.demo import DemoRefused, DemoReport, generate_demo
from medios.referentiel import load_registry
from medios.services import derive, rules
from medios.services.errors import ValidationError
from medios.services.interventions import InterventionInput, get_intervention, record_intervention
from medios.services.structure import StructureSummary

TODAY = dt.date(2026, 1, 7)  # three months: November (11th), Christmas, New Year, school holidays
ACTIVITY_TABLES = (
    "intervention",
    "intervention_mediator",
    "intervention_motif",
    "intervention_public",
    "intervention_partner",
    "presence_active",
    "presence_mediator",
    "tech_signalement",
    "action_collective",
    "action_mediator",
    "action_public",
    "action_partner",
    "partner_meeting",
    "meeting_mediator",
    "meeting_partner",
    "mediator",
    "mediator_qualification",
    "dispositif",
    "dispositif_funder",
    "dispositif_territory",
    "site",
    "partner",
    "territory",
    "qpv_commune",
)


def _demo(db: Database, **kwargs: Any) -> DemoReport:
    options: dict[str, Any] = {"months": 3, "mediators": 3, "seed": 1, "today": TODAY}
    options.update(kwargs)
    return generate_demo(db, **options)


def _rows(db: Database, sql: str) -> list[tuple[Any, ...]]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql)]


def _count(db: Database, table: str) -> int:
    return int(_rows(db, f"SELECT count(*) FROM {table}")[0][0])


def _snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every activity and reference row, as stored (text, numbers), in a stable order."""
    return {t: sorted(_rows(db, f"SELECT * FROM {t}"), key=repr) for t in ACTIVITY_TABLES}


def test_small_demo_writes_what_it_reports(db: Database) -> None:
    calls: list[tuple[int, int]] = []
    report = _demo(db, progress=lambda done, total: calls.append((done, total)))

    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert (report.first_month, report.last_month) == ("2025-11", "2026-01")
    assert report.interventions == _count(db, "intervention") > 0
    assert report.presences == _count(db, "presence_active") > 0
    assert report.actions == _count(db, "action_collective") > 0
    assert report.meetings == _count(db, "partner_meeting") > 0
    assert report.signalements == _count(db, "tech_signalement") > 0
    assert report.mediators == _count(db, "mediator") == 3
    assert report.seconds > 0
    with db.session() as session:
        structure = session.scalars(select(Structure)).one()
        assert "Démo" in structure.name and structure.holiday_calendar == "METROPOLE"
        roles = Counter(session.scalars(select(Mediator.role)))
        assert roles == {"ADMIN": 1, "MEDIATEUR": 2}
        imports = session.scalars(select(AuditLog).where(AuditLog.action == "IMPORT")).all()
    assert len(imports) == 1
    changes = json.loads(imports[0].changes or "{}")
    assert changes["source"] == "demo" and changes["seed"] == 1
    assert changes["interventions"] == report.interventions
    assert imports[0].table_name == "intervention"
    device = _rows(db, "SELECT value FROM app_setting WHERE key = 'device_id'")[0][0]
    assert imports[0].device_id == device
    assert _rows(db, "SELECT DISTINCT device_id FROM intervention") == [(device,)]
    version = load_registry().active.version
    assert _rows(db, "SELECT DISTINCT vocab_version FROM intervention") == [(version,)]
    assert _rows(db, "SELECT count(*) FROM intervention WHERE notes IS NOT NULL OR deleted_at IS NOT NULL") == [(0,)]
    # Reference lists: 3 dispositifs for a small team, communes and QPV in the territory list.
    assert _count(db, "dispositif") == 3
    levels = dict(_rows(db, "SELECT level, count(*) FROM territory WHERE vintage = '2024' GROUP BY level"))
    assert levels["COMMUNE"] >= 3 and levels["QPV"] >= 4
    assert _rows(db, "SELECT count(*) FROM intervention WHERE qpv = 'HORS_QPV'")[0][0] > 0


def test_volume_is_about_200_per_mediator_and_month(db: Database) -> None:
    report = _demo(db, months=2, mediators=6, today=dt.date(2026, 3, 31))  # February and March, complete
    per_month = report.interventions / 6 / 2
    assert 150 <= per_month <= 260


def test_same_seed_same_content_other_seed_other_content(db: Database, template_db: Path, tmp_path: Path) -> None:
    _demo(db)
    other_path = tmp_path / "other.db"
    shutil.copy2(template_db, other_path)
    other = open_database(other_path)
    third_path = tmp_path / "third.db"
    shutil.copy2(template_db, third_path)
    third = open_database(third_path)
    try:
        _demo(other)
        _demo(third, seed=2)
        first, second, different = _snapshot(db), _snapshot(other), _snapshot(third)
    finally:
        other.dispose()
        third.dispose()
    assert first == second
    assert first["intervention"] != different["intervention"]
    assert {r[0] for r in first["intervention"]}.isdisjoint({r[0] for r in different["intervention"]})


def test_dates_never_after_today_and_derived_columns_match(db: Database) -> None:
    _demo(db)
    with db.session() as session:
        interventions = session.execute(
            select(Intervention.date, Intervention.month, Intervention.start_time, Intervention.time_band,
                   Intervention.day_type, Intervention.created_at, Intervention.updated_at)
        ).all()  # fmt: skip
        presences = session.execute(
            select(PresenceActive.date, PresenceActive.month, PresenceActive.start_time, PresenceActive.end_time,
                   PresenceActive.time_band, PresenceActive.day_type, PresenceActive.duration_min)
        ).all()  # fmt: skip
        others = [
            *session.execute(select(ActionCollective.date, ActionCollective.month)).all(),
            *session.execute(select(PartnerMeeting.date, PartnerMeeting.month)).all(),
        ]
        signalements = session.execute(select(TechSignalement.sent_on, TechSignalement.treated_on)).all()
    end_of_today_utc = dt.datetime.combine(TODAY, dt.time(23, 59, 59))
    seen_day_types = set()
    for day, month, start, band, day_type, created, updated in interventions:
        assert day <= TODAY
        assert month == derive.month_key(day) == day.year * 100 + day.month
        assert band == derive.time_band(start)
        assert day_type == derive.day_type(day, "METROPOLE")
        assert dt.datetime.combine(day, start) - dt.timedelta(hours=2) <= created <= updated <= end_of_today_utc
        seen_day_types.add(day_type)
    assert seen_day_types == {"SEMAINE", "WEEKEND", "FERIE"}
    for day, month, start, end, band, day_type, duration in presences:
        assert day <= TODAY and month == derive.month_key(day)
        assert band == derive.time_band(start) and day_type == derive.day_type(day, "METROPOLE")
        assert duration == derive.block_duration(start, end) and 1 <= duration <= 840
    for day, month in others:
        assert day <= TODAY and month == derive.month_key(day)
    for sent_on, treated_on in signalements:
        assert sent_on is not None and sent_on <= TODAY
        assert treated_on is None or sent_on < treated_on <= TODAY


def test_today_stops_at_now_nothing_in_the_future(db: Database) -> None:
    now = dt.datetime(2026, 1, 7, 15, 0)  # a Wednesday afternoon, winter (UTC+1)
    _demo(db, months=1, mediators=6, today=None, now=now)
    now_utc = now - dt.timedelta(hours=1)
    with db.session() as session:
        interventions = session.execute(
            select(Intervention.date, Intervention.start_time, Intervention.duration_min, Intervention.created_at,
                   Intervention.updated_at)
        ).all()  # fmt: skip
        presences = session.execute(
            select(PresenceActive.date, PresenceActive.start_time, PresenceActive.duration_min,
                   PresenceActive.created_at)
        ).all()  # fmt: skip
        actions = session.execute(
            select(ActionCollective.date, ActionCollective.start_time, ActionCollective.duration_min)
        ).all()
        meeting_days = session.scalars(select(PartnerMeeting.date)).all()
    today = [row for row in interventions if row[0] == now.date()]
    assert today, "the morning of today has interventions"
    for day, start, duration, created, updated in interventions:
        assert dt.datetime.combine(day, start) + dt.timedelta(minutes=duration) <= now
        assert created <= updated <= now_utc
    for day, start, duration, created in presences:
        assert dt.datetime.combine(day, start) + dt.timedelta(minutes=duration) <= now and created <= now_utc
    for day, start, duration in actions:
        assert dt.datetime.combine(day, start) + dt.timedelta(minutes=duration) <= now
    assert all(day <= now.date() for day in meeting_days)


def test_every_code_is_valid_and_children_are_consistent(db: Database) -> None:
    _demo(db, mediators=6)
    ref = load_registry().active
    columns = {
        "intervention": {
            "place": "LIEU",
            "registre": "REGISTRE",
            "domain": "DOMAINE",
            "origin": "ORIGINE",
            "modality": "MODALITE",
            "tension": "NIVEAU_TENSION",
            "outcome": "ISSUE",
            "consent": "CONSENTEMENT",
            "time_band": "PLAGE",
            "day_type": "TYPE_JOUR",
        },
        "intervention_motif": {"motif": "MOTIF"},
        "intervention_public": {"public_type": "TYPE_PUBLIC", "age_band": "TRANCHE_AGE", "sex": "SEXE"},
        "intervention_partner": {"partner_type": "TYPE_PARTENAIRE", "role": "ROLE_PARTENAIRE"},
        "presence_active": {"presence_type": "TYPE_PRESENCE", "time_band": "PLAGE", "day_type": "TYPE_JOUR"},
        "tech_signalement": {
            "signal_type": "TYPE_VEILLE_TECH",
            "recipient_type": "TYPE_PARTENAIRE",
            "treated": "TRAITE",
        },
        "action_collective": {"place": "LIEU", "registre": "REGISTRE", "theme": "THEME_ACTION"},
        "action_public": {"public_type": "TYPE_PUBLIC", "age_band": "TRANCHE_AGE", "sex": "SEXE"},
        "action_partner": {"partner_type": "TYPE_PARTENAIRE"},
        "partner_meeting": {"meeting_type": "TYPE_REUNION"},
        "meeting_partner": {"partner_type": "TYPE_PARTENAIRE"},
        "mediator": {"role": "ROLE_UTILISATEUR", "contract": "CONTRAT"},
        "mediator_qualification": {"qualification": "QUALIF"},
        "dispositif": {"main_domain": "DOMAINE"},
        "dispositif_funder": {"funder": "FINANCEMENT"},
        "dispositif_time_band": {"time_band": "PLAGE"},
        "site": {"place": "LIEU"},
        "partner": {"partner_type": "TYPE_PARTENAIRE"},
        "structure_network": {"network": "RESEAU"},
    }
    for table, vocabularies in columns.items():
        for column, vocab in vocabularies.items():
            values = [v for (v,) in _rows(db, f"SELECT DISTINCT {column} FROM {table}")]
            assert values, f"{table}.{column} is empty"
            invalid = [v for v in values if not ref.is_valid(vocab, v, allow_retired=False)]
            assert not invalid, f"{table}.{column}: {invalid}"
    sub_vocab = ref.vocab("SOUS_REGISTRE")
    for registre, sub in _rows(db, "SELECT DISTINCT registre, sub_registre FROM intervention"):
        if sub is not None:
            term = sub_vocab.get(sub)
            assert term is not None and term.active and term.parent == registre, (registre, sub)
    assert {sub for _r, sub in _rows(db, "SELECT DISTINCT registre, sub_registre FROM intervention")} >= {
        "CONF_TR",
        "CONF_DIF",
        "MER_INFO",
        "MER_ACC",
    }
    territory = [
        (commune, qpv)
        for table in ("intervention", "presence_active", "action_collective", "site")
        for commune, qpv in _rows(db, f"SELECT DISTINCT commune, qpv FROM {table}")
    ]
    for commune, qpv in territory:
        errors: list[Any] = []
        rules.check_commune(errors, commune)
        rules.check_qpv(errors, qpv)
        assert not errors, (commune, qpv)
    listed = {code for (code,) in _rows(db, "SELECT code FROM territory")}
    assert {c for c, q in territory} | {q for c, q in territory if q and q != "HORS_QPV"} <= listed
    # Measures and children.
    assert _rows(db, "SELECT min(duration_min), max(duration_min) FROM intervention")[0] >= (1, 0)
    assert _rows(db, "SELECT count(*) FROM intervention WHERE duration_min NOT BETWEEN 1 AND 720")[0][0] == 0
    assert _rows(db, "SELECT count(*) FROM intervention_public WHERE count < 1")[0][0] == 0
    assert _rows(db, "SELECT count(*) FROM action_collective WHERE participants NOT BETWEEN 5 AND 40")[0][0] == 0
    over = _rows(
        db,
        "SELECT count(*) FROM action_collective a WHERE participants < "
        "(SELECT coalesce(sum(count), 0) FROM action_public p WHERE p.action_id = a.id)",
    )
    assert over == [(0,)]
    assert _rows(db, "SELECT count(*) FROM intervention i WHERE NOT EXISTS "
                     "(SELECT 1 FROM intervention_mediator m WHERE m.intervention_id = i.id)") == [(0,)]  # fmt: skip
    # Coherence of outcomes, partners, consent and signalements (data-quality rules of the brief).
    oriente = "EXISTS (SELECT 1 FROM intervention_partner p WHERE p.intervention_id = i.id AND p.role = 'ORIENTE')"
    signal = "EXISTS (SELECT 1 FROM tech_signalement s WHERE s.intervention_id = i.id)"
    assert _rows(db, f"SELECT count(*) FROM intervention i WHERE outcome = 'ORIENTE' AND NOT {oriente}") == [(0,)]
    assert _rows(db, f"SELECT count(*) FROM intervention i WHERE consent != 'NR' AND NOT {oriente}") == [(0,)]
    assert _rows(db, f"SELECT count(*) FROM intervention i WHERE consent = 'OUI' AND {oriente}")[0][0] > 0
    assert _rows(db, f"SELECT count(*) FROM intervention i WHERE registre = 'VTEC' AND NOT {signal}") == [(0,)]
    assert _rows(db, f"SELECT count(*) FROM intervention i WHERE outcome = 'SIGNALE' AND NOT {signal}") == [(0,)]
    assert _rows(db, f"SELECT count(*) FROM intervention i WHERE registre != 'VTEC' AND {signal}") == [(0,)]
    assert _rows(db, "SELECT count(*) FROM tech_signalement WHERE presence_id IS NOT NULL")[0][0] > 0
    sensitive = ref.sensitive_codes("MOTIF")
    motifs = Counter(m for (m,) in _rows(db, "SELECT motif FROM intervention_motif"))
    assert 0 < sum(motifs[m] for m in sensitive) < 0.08 * sum(motifs.values())


def test_sample_reloaded_through_the_service_passes_the_rules(db: Database) -> None:
    _demo(db)
    ref = load_registry().active
    ids = [uuid.UUID(bytes=b) for (b,) in _rows(db, "SELECT id FROM intervention ORDER BY id LIMIT 60")]
    for intervention_id in ids:
        record = get_intervention(db, intervention_id)
        assert rules.check_intervention(record.data, ref, TODAY) == [], record
        assert 1 <= len(record.data.mediator_ids) <= 2


def test_binomes_follow_ups_and_origins_are_plausible(db: Database) -> None:
    _demo(db, mediators=6)
    total = _count(db, "intervention")
    binomes = _rows(
        db, "SELECT count(*) FROM (SELECT intervention_id FROM intervention_mediator GROUP BY 1 HAVING count(*) = 2)"
    )[0][0]
    assert 0.12 <= binomes / total <= 0.4
    origins = dict(_rows(db, "SELECT origin, count(*) FROM intervention GROUP BY 1"))
    assert max(origins, key=lambda k: origins[k]) == "ALLER_VERS" and origins["NR"] > 0
    tensions = dict(_rows(db, "SELECT tension, count(*) FROM intervention GROUP BY 1"))
    assert tensions["1"] > tensions["2"] > tensions["3"] > 0 and tensions["NR"] > 0
    follow_ups = _rows(
        db,
        "SELECT i.dispositif_id, f.dispositif_id, i.date, i.start_time, f.date, f.start_time "
        "FROM intervention i JOIN intervention f ON f.id = i.follow_up_of",
    )
    assert 0.03 * total <= len(follow_ups) <= 0.25 * total
    for disp, first_disp, day, start, first_day, first_start in follow_ups:
        assert disp == first_disp
        assert (first_day, first_start) < (day, start)
    no_public = _rows(
        db, "SELECT registre, count(*) FROM intervention i WHERE NOT EXISTS "
            "(SELECT 1 FROM intervention_public p WHERE p.intervention_id = i.id) GROUP BY 1",
    )  # fmt: skip
    assert max(dict(no_public).items(), key=lambda item: item[1])[0] == "VTEC"
    unknown_groups = _rows(db, "SELECT count(*) FROM intervention_public WHERE public_type = 'NR' AND sex = 'NC'")
    assert unknown_groups[0][0] > 0


def test_presence_blocks_and_the_interventions_inside_them(db: Database) -> None:
    _demo(db)
    with db.session() as session:
        blocks = {
            row.id: row
            for row in session.execute(
                select(PresenceActive.id, PresenceActive.date, PresenceActive.start_time, PresenceActive.end_time,
                       PresenceActive.time_band, PresenceActive.presence_type, PresenceActive.dispositif_id)
            )
        }  # fmt: skip
        linked = session.execute(
            select(Intervention.presence_id, Intervention.date, Intervention.start_time, Intervention.duration_min,
                   Intervention.dispositif_id).where(Intervention.presence_id.is_not(None))
        ).all()  # fmt: skip
        block_mediators = _rows(db, "SELECT count(*) FROM presence_active p WHERE NOT EXISTS "
                                    "(SELECT 1 FROM presence_mediator m WHERE m.presence_id = p.id)")  # fmt: skip
    assert block_mediators == [(0,)]
    evening = [b for b in blocks.values() if b.time_band in ("SOIREE", "NUIT")]
    assert evening and any(b.presence_type.startswith("TOURNEE") for b in evening)
    assert any(b.end_time < b.start_time for b in evening), "night patrols end after midnight"
    assert {b.presence_type for b in blocks.values()} >= {"PERMANENCE", "TOURNEE_PIED"}
    assert linked
    for presence_id, day, start, duration, dispositif_id in linked:
        block = blocks[presence_id]
        block_start = dt.datetime.combine(block.date, block.start_time)
        block_end = block_start + dt.timedelta(minutes=derive.block_duration(block.start_time, block.end_time))
        begins = dt.datetime.combine(day, start)
        assert block_start <= begins and begins + dt.timedelta(minutes=duration) <= block_end
        assert dispositif_id == block.dispositif_id


def test_refuses_a_database_with_interventions_and_writes_nothing(db: Database, structure: StructureSummary) -> None:
    with db.session() as session:
        mediator_id = session.scalars(select(Mediator.id)).one()
    record_intervention(
        db,
        InterventionInput(
            date=dt.date(2026, 1, 5),
            start_time=dt.time(14, 30),
            duration_min=20,
            commune="69259",
            place="RUE",
            registre="PAP",
            domain="ESP_PUB",
            outcome="INFO",
            mediator_ids=(mediator_id,),
        ),
        today=TODAY,
    )
    before = {t: _count(db, t) for t in (*ACTIVITY_TABLES, "structure", "audit_log")}

    with pytest.raises(ValidationError) as caught:
        _demo(db)

    assert isinstance(caught.value, DemoRefused)
    assert "base vide" in str(caught.value) and "Rien n'a été écrit" in str(caught.value)
    assert {t: _count(db, t) for t in before} == before


def test_arguments_out_of_range_are_refused(db: Database) -> None:
    with pytest.raises(DemoRefused):
        _demo(db, months=0)
    with pytest.raises(DemoRefused):
        _demo(db, mediators=0)
    with pytest.raises(DemoRefused):
        _demo(db, months=400)  # would start before 2000
    assert _count(db, "structure") == 0


def test_a_real_structure_is_never_filled_with_demonstration_data(db: Database, structure: StructureSummary) -> None:
    with pytest.raises(DemoRefused) as caught:
        _demo(db, months=2)
    assert "contient la structure « Médiation Test », créée avec « medios init »" in str(caught.value)
    assert "medios --db demo.db demo" in str(caught.value)
    assert _count(db, "intervention") == 0 and _count(db, "dispositif") == 0 and _count(db, "mediator") == 1


def test_a_demo_database_whose_activity_failed_can_be_filled_again(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medios.demo import run

    def failing(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("panne simulée")

    with monkeypatch.context() as patch:
        patch.setattr(run, "reference_data", failing)
        with pytest.raises(RuntimeError):
            _demo(db, months=1)
    assert _count(db, "structure") == 1 and _count(db, "intervention") == 0  # the structure was committed alone
    report = _demo(db, months=1)
    assert report.interventions == _count(db, "intervention") > 0
