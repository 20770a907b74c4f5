"""Privacy tiers are declared on every column and readable by exporters."""

from __future__ import annotations

import pytest

from medios.db.models import (
    Base,
    Intervention,
    Mediator,
    Site,
    Tier,
    assert_not_local,
    columns_of_tier,
    exportable_columns,
    tier_of,
)

SYNC_COLUMNS = {"id", "created_at", "updated_at", "created_by", "device_id", "deleted_at"}


def test_every_column_of_every_table_declares_a_tier() -> None:
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            assert isinstance(tier_of(column), Tier), f"{table.name}.{column.name}"


def test_tiers_follow_the_domain_brief() -> None:
    table = Intervention.__table__
    local = set(columns_of_tier(table, Tier.LOCAL))
    assert {"start_time", "site_id", "notes"} | SYNC_COLUMNS <= local
    assert "vocab_version" not in local
    assert tier_of(Mediator.__table__.c.display_name) is Tier.LOCAL
    assert tier_of(Mediator.__table__.c.pseudonym) is Tier.CONFIDENTIAL
    assert tier_of(Site.__table__.c.name) is Tier.LOCAL
    assert tier_of(table.c.registre) is Tier.OBSERVATORY
    assert table.c.date.info["generalise"] == "month"


def test_exporters_get_only_what_their_audience_may_read() -> None:
    table = Intervention.__table__
    observatory = exportable_columns(table, Tier.OBSERVATORY)
    internal = exportable_columns(table, Tier.CONFIDENTIAL)
    assert "registre" in observatory and "follow_up_of" not in observatory
    assert "follow_up_of" in internal and "dispositif_id" in internal
    assert not {"notes", "start_time", "site_id", "id"} & set(internal)


def test_reading_a_local_column_for_export_is_refused() -> None:
    table = Intervention.__table__
    assert_not_local(table, ["registre", "outcome"])
    with pytest.raises(PermissionError, match="notes, start_time"):
        assert_not_local(table, ["registre", "notes", "start_time"])
