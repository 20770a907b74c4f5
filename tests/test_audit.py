"""The audit log records C and O fields and references (K), never an L value."""

from __future__ import annotations

import datetime as dt
import uuid

from medios.db.models import Base, Intervention, Site, Tier, tier_of
from medios.services.audit import auditable_state


def test_the_audit_state_keeps_references_and_never_local_values() -> None:
    site_id, first_id, dispositif_id, author = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    row = Intervention(
        id=uuid.uuid4(),
        created_by=author,
        device_id="poste",
        vocab_version="MEDIOS-2026.1",
        date=dt.date(2026, 3, 2),
        month=202603,
        start_time=dt.time(18, 5),
        time_band="SOIREE",
        day_type="SEMAINE",
        duration_min=25,
        commune="93066",
        place="HAB_PC",
        registre="CONF",
        domain="HABITAT",
        outcome="APAISE",
        site_id=site_id,
        dispositif_id=dispositif_id,
        follow_up_of=first_id,
        notes="Rappel des règles du hall.",
    )
    state = auditable_state(row)
    assert state["site_id"] == str(site_id) and state["follow_up_of"] == str(first_id)
    assert state["dispositif_id"] == str(dispositif_id) and state["presence_id"] is None
    assert state["registre"] == "CONF" and state["date"] == "2026-03-02"
    # The record and its author are columns of the log line; L values never go in.
    assert not {"id", "created_by", "vocab_version", "start_time", "notes", "device_id", "created_at"} & set(state)
    assert str(author) not in state.values() and "18:05:00" not in state.values()


def test_no_table_puts_a_local_column_in_the_audit_log() -> None:
    for mapper in Base.registry.mappers:
        table = mapper.local_table
        local = {c.name for c in table.columns if tier_of(c) is Tier.LOCAL}
        assert not local & set(auditable_state(mapper.class_())), table.name
    assert "name" not in auditable_state(Site(name="Résidence des Lilas"))
