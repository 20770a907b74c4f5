"""Privacy tiers are declared on every column and readable by exporters."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Integer
from sqlalchemy.schema import Column

from medios.db.models import (
    AuditLog,
    Base,
    Intervention,
    InterventionMotif,
    InterventionPublic,
    Mediator,
    Site,
    Tier,
    VocabularyTerm,
    assert_not_local,
    audience_tiers,
    columns_of_tier,
    exportable_columns,
    tier_of,
)
from medios.db.types import UuidKey

SYNC_COLUMNS = {"created_at", "updated_at", "device_id", "deleted_at"}
ALL_COLUMNS = [column for table in Base.metadata.sorted_tables for column in table.columns]


def _name(column: Column[Any]) -> str:
    return f"{column.table.name}.{column.name}"


def _is_surrogate(column: Column[Any]) -> bool:
    """A UUID column, or the autoincrement integer id of its table."""
    return isinstance(column.type, UuidKey) or (
        isinstance(column.type, Integer) and column.table.autoincrement_column is column
    )


def test_every_column_of_every_table_declares_a_tier() -> None:
    for column in ALL_COLUMNS:
        assert isinstance(tier_of(column), Tier), _name(column)


def test_keys_and_only_keys_are_tier_k() -> None:
    """Surrogate keys and the references to them are K in every table: an O-only exporter can join, never emit them."""
    keys = {_name(c) for c in ALL_COLUMNS if _is_surrogate(c) or any(_is_surrogate(fk.column) for fk in c.foreign_keys)}
    tier_k = {_name(c) for c in ALL_COLUMNS if tier_of(c) is Tier.KEY}
    assert keys == tier_k
    # The references without a foreign key constraint are surrogates too (UUID columns).
    assert {"intervention.created_by", "audit_log.actor_id", "audit_log.record_id"} <= tier_k
    assert {"audit_log.id", "vocabulary_mapping.id", "citer_mapping.id"} <= tier_k
    assert {"intervention_public.intervention_id", "intervention_motif.intervention_id", "site.landlord_id"} <= tier_k


def test_codes_in_composite_keys_keep_their_tier() -> None:
    assert tier_of(InterventionMotif.__table__.c.motif) is Tier.OBSERVATORY
    assert tier_of(InterventionPublic.__table__.c.age_band) is Tier.OBSERVATORY
    assert tier_of(VocabularyTerm.__table__.c.code) is Tier.OBSERVATORY
    assert tier_of(VocabularyTerm.__table__.c.version) is Tier.OBSERVATORY  # a natural key: a version name
    assert not {_name(c) for c in ALL_COLUMNS if c.primary_key and not _is_surrogate(c) and tier_of(c) is Tier.KEY}


def test_tiers_follow_the_domain_brief() -> None:
    table = Intervention.__table__
    local = set(columns_of_tier(table, Tier.LOCAL))
    assert {"start_time", "notes"} | SYNC_COLUMNS <= local
    assert "vocab_version" not in local
    assert set(columns_of_tier(table, Tier.KEY)) == {
        "id", "created_by", "dispositif_id", "site_id", "follow_up_of", "presence_id"
    }  # fmt: skip
    assert tier_of(Mediator.__table__.c.display_name) is Tier.LOCAL
    assert tier_of(Mediator.__table__.c.pseudonym) is Tier.CONFIDENTIAL
    assert tier_of(Site.__table__.c.name) is Tier.LOCAL
    assert tier_of(table.c.registre) is Tier.OBSERVATORY
    assert tier_of(AuditLog.__table__.c.changes) is Tier.CONFIDENTIAL
    assert table.c.date.info["generalise"] == "month"


def test_exporters_get_only_what_their_audience_may_read() -> None:
    table = Intervention.__table__
    observatory = exportable_columns(table, Tier.OBSERVATORY)
    internal = exportable_columns(table, Tier.CONFIDENTIAL)
    assert "registre" in observatory and "consent" not in observatory
    assert "consent" in internal and "registre" in internal
    assert not {"notes", "start_time", "site_id", "id", "dispositif_id", "follow_up_of"} & set(internal)
    child = exportable_columns(InterventionPublic.__table__, Tier.OBSERVATORY)
    assert child == ["public_type", "age_band", "sex", "count", "month"]  # month: the parent's, copied (derived)
    assert InterventionPublic.__table__.c.month.info["derived"]


def test_keys_and_local_columns_have_no_audience() -> None:
    assert audience_tiers(Tier.OBSERVATORY) == {Tier.OBSERVATORY}
    assert audience_tiers(Tier.CONFIDENTIAL) == {Tier.CONFIDENTIAL, Tier.OBSERVATORY}
    for tier in (Tier.LOCAL, Tier.KEY):
        with pytest.raises(ValueError, match="public inconnu"):
            exportable_columns(Intervention.__table__, tier)


def test_reading_a_local_column_for_export_is_refused() -> None:
    table = Intervention.__table__
    assert_not_local(table, ["registre", "outcome", "id"])  # keys are read to join; the guard stops their output
    with pytest.raises(PermissionError, match="notes, start_time"):
        assert_not_local(table, ["registre", "notes", "start_time"])
