"""The query guard: no L column nor key in what a report or an observatory file outputs."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import CompoundSelect, Select, case, column, exists, func, literal, literal_column, select, table, text
from sqlalchemy.orm import aliased

from medios.db import Database
from medios.db.guard import TierViolation, check_select
from medios.db.models import Dispositif, Intervention, InterventionPublic, Mediator, Tier

INTERNAL, OBSERVATORY = Tier.CONFIDENTIAL, Tier.OBSERVATORY


def _refused(statement: Select[Any] | CompoundSelect[Any], audience: Tier, column_name: str, tier: str) -> None:
    with pytest.raises(TierViolation, match=f"{column_name}, une (clé|colonne) de niveau {tier}") as caught:
        check_select(statement, audience)
    assert caught.value.column == column_name and caught.value.tier == tier
    assert isinstance(caught.value, PermissionError)


_CONTACTS_BY_REGISTRE = (
    select(Intervention.registre, func.sum(InterventionPublic.count))
    .join(InterventionPublic, InterventionPublic.intervention_id == Intervention.id)
    .where(Intervention.deleted_at.is_(None))
    .group_by(Intervention.registre)
    .order_by(Intervention.registre)
)


@pytest.mark.parametrize("audience", [INTERNAL, OBSERVATORY])
def test_keys_never_come_out(audience: Tier) -> None:
    _refused(select(Intervention.id), audience, "intervention.id", "K")
    _refused(select(InterventionPublic.intervention_id), audience, "intervention_public.intervention_id", "K")
    _refused(select(Intervention.registre, Intervention.dispositif_id), audience, "intervention.dispositif_id", "K")
    _refused(select(aliased(Intervention).follow_up_of), audience, "intervention.follow_up_of", "K")


@pytest.mark.parametrize("audience", [INTERNAL, OBSERVATORY])
def test_local_columns_never_come_out(audience: Tier) -> None:
    _refused(select(Intervention.start_time), audience, "intervention.start_time", "L")
    _refused(select(func.lower(Intervention.notes).label("n")), audience, "intervention.notes", "L")
    _refused(select(Mediator.pseudonym + Mediator.display_name), audience, "mediator.display_name", "L")


def test_an_entity_select_outputs_every_column() -> None:
    with pytest.raises(TierViolation, match="niveau (K|L)"):
        check_select(select(Intervention), INTERNAL)


def test_counts_and_aggregates_of_observatory_columns_are_allowed() -> None:
    check_select(select(func.count(Intervention.id)), OBSERVATORY)
    check_select(select(func.count()).select_from(Intervention), OBSERVATORY)
    check_select(select(func.count(func.distinct(Intervention.follow_up_of)).label("suivis")), OBSERVATORY)
    check_select(_CONTACTS_BY_REGISTRE, OBSERVATORY)
    check_select(select(exists().where(Intervention.notes.is_not(None))), OBSERVATORY)
    # Keys and L columns used only to filter, group, sort or rank are not output.
    check_select(
        select(
            Intervention.month, func.sum(Intervention.duration_min).filter(Intervention.start_time >= literal("18:00"))
        )
        .where(Intervention.site_id.is_not(None))
        .group_by(Intervention.month, Intervention.id)
        .order_by(Intervention.id),
        OBSERVATORY,
    )
    check_select(select(func.row_number().over(order_by=Intervention.id)), OBSERVATORY)


def test_confidential_columns_go_to_internal_reports_only() -> None:
    check_select(select(Dispositif.name), INTERNAL)
    check_select(select(Mediator.pseudonym, func.count()).group_by(Mediator.pseudonym), INTERNAL)
    _refused(select(Dispositif.name), OBSERVATORY, "dispositif.name", "C")
    _refused(select(Intervention.registre, Intervention.consent), OBSERVATORY, "intervention.consent", "C")


def test_derived_columns_are_traced_to_their_table_columns() -> None:
    inner = select(Intervention.id.label("fiche"), Intervention.registre).subquery()
    _refused(select(inner.c.fiche), OBSERVATORY, "intervention.id", "K")
    check_select(select(inner.c.registre), OBSERVATORY)
    key_case = case((Intervention.id.is_(None), "sans"), else_="avec").label("etat")
    _refused(select(key_case), INTERNAL, "intervention.id", "K")
    check_select(select(case((Intervention.registre == "CONF", "conflit"), else_="autre").label("type")), OBSERVATORY)
    cte = select(Intervention.presence_id.label("bloc"), Intervention.domain).cte("c")
    _refused(select(cte.c.bloc), OBSERVATORY, "intervention.presence_id", "K")
    check_select(select(cte.c.domain), OBSERVATORY)
    _refused(select(Intervention.id.cast(Intervention.registre.type)), OBSERVATORY, "intervention.id", "K")
    scalar = select(func.max(Intervention.start_time)).where(Intervention.id == InterventionPublic.intervention_id)
    _refused(select(scalar.scalar_subquery()), INTERNAL, "intervention.start_time", "L")
    union = select(Intervention.registre).union_all(select(Intervention.notes))
    _refused(union, INTERNAL, "intervention.notes", "L")
    _refused(select(union.subquery().c.registre), INTERNAL, "intervention.notes", "L")


@pytest.mark.parametrize(
    "statement",
    [
        select(text("registre")).select_from(Intervention),
        select(literal_column("registre")),
        select(column("registre")),
        select(table("intervention", column("registre")).c.registre),
        select(text("SELECT registre FROM intervention").columns(column("registre")).subquery().c.registre),
    ],
    ids=["text", "literal_column", "column", "table", "textual-select"],
)
def test_sql_text_of_unknown_provenance_is_refused(statement: Select[Any]) -> None:
    with pytest.raises(TierViolation, match="provenance inconnue") as caught:
        check_select(statement, INTERNAL)
    assert caught.value.tier is None and "registre" in caught.value.column


def test_values_given_by_the_application_are_allowed() -> None:
    check_select(select(literal("MEDIOS-2026.1").label("version"), Intervention.registre), OBSERVATORY)


def test_only_report_audiences_exist() -> None:
    for tier in (Tier.LOCAL, Tier.KEY):
        with pytest.raises(ValueError, match="public inconnu"):
            check_select(select(Intervention.registre), tier)


def test_an_allowed_query_runs_unchanged(db: Database) -> None:
    check_select(_CONTACTS_BY_REGISTRE, OBSERVATORY)
    with db.session() as session:
        assert session.execute(_CONTACTS_BY_REGISTRE).all() == []
