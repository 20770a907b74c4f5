"""Observatory cells (domain brief §7.2): every cell of a file equals an independent count made here in
plain SQL over the rows of a seeded demo base (soft-deleted rows written over it); the declared
structure holds on the true values and covers every cell; sensitive motifs stay out of monthly files;
a protected file passes its own audit and publishes no count between 1 and threshold − 1."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from medios.db import Database, open_database
from medios.demo import generate_demo
from medios.referentiel import active
from medios.services.aggregates import Period
from medios.services.indicators import month_figures
from medios.services.indicators.figures import Totals
from medios.services.observatory import cells, suppression
from medios.services.observatory.model import ALL, NR, TOTAL, CellKey, Release

TODAY = dt.date(2026, 3, 20)
QUARTER = (202601, 202602, 202603)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("cells") / "base.db"
    shutil.copy2(template_db, path)
    db = open_database(path)
    generate_demo(db, months=4, mediators=4, seed=11, today=TODAY)
    with db.engine.begin() as conn:
        for table in ("intervention", "presence_active", "tech_signalement", "action_collective", "partner_meeting"):
            conn.execute(text(f"UPDATE {table} SET deleted_at = '2026-03-01 10:00:00' WHERE rowid % 11 = 0"))
    yield db
    db.dispose()


def _release(db: Database, months: tuple[int, ...], period: str) -> Release:
    figures = month_figures(db, Period(months[0], months[-1]))
    return cells.release_of(figures, period, months, active())


def _sql(db: Database, query: str, months: tuple[int, ...], **values: Any) -> dict[Any, int]:
    """``query`` (selecting a key and a count) over the live rows of ``months``, as a dict."""
    marks = ", ".join(str(m) for m in months)
    with db.engine.connect() as conn:
        rows = conn.execute(text(query.replace(":months", marks)), values).all()
    return {key: int(n) for key, n in rows if n}


LIVE = "i.deleted_at IS NULL AND i.month IN (:months)"


def _expected(db: Database, months: tuple[int, ...]) -> dict[CellKey, int]:
    """The non-zero cells, counted independently over the rows."""
    out: dict[CellKey, int] = {}

    def put(indicator: str, query: str, key: Any = None, **kw: Any) -> None:
        for value, n in _sql(db, query, months).items():
            out[key(value) if key else CellKey(indicator, **kw)] = n

    interventions = f"FROM intervention i WHERE {LIVE}"
    put("NB_INTERVENTIONS", f"SELECT 1, count(*) {interventions}")
    put("NB_SITUATIONS_NOUVELLES", f"SELECT 1, count(*) {interventions} AND i.follow_up_of IS NULL")
    put("DUREE_INTERVENTIONS_MIN", f"SELECT 1, sum(i.duration_min) {interventions}")
    for dimension, column in (
        ("REGISTRE", "registre"), ("SOUS_REGISTRE", "sub_registre"), ("ISSUE", "outcome"), ("LIEU", "place"),
        ("PLAGE", "time_band"), ("TYPE_JOUR", "day_type"), ("ORIGINE", "origin"), ("MODALITE", "modality"),
        ("NIVEAU_TENSION", "tension"),
    ):  # fmt: skip
        put("", f"SELECT coalesce(i.{column}, 'NR'), count(*) {interventions} GROUP BY 1",
            lambda v, d=dimension: CellKey("NB_INTERVENTIONS", dimension=d, modality=v))  # fmt: skip
    put("", f"SELECT i.registre, count(*) {interventions} AND i.follow_up_of IS NULL GROUP BY 1",
        lambda v: CellKey("NB_SITUATIONS_NOUVELLES", dimension="REGISTRE", modality=v))  # fmt: skip
    for dimension, column in (("REGISTRE", "registre"), ("LIEU", "place"), ("PLAGE", "time_band")):
        put("", f"SELECT i.{column}, sum(i.duration_min) {interventions} GROUP BY 1",
            lambda v, d=dimension: CellKey("DUREE_INTERVENTIONS_MIN", dimension=d, modality=v))  # fmt: skip
    put("", "SELECT m.motif, count(DISTINCT i.id) FROM intervention_motif m JOIN intervention i ON i.id = "
        f"m.intervention_id WHERE {LIVE} GROUP BY 1",
        lambda v: CellKey("NB_INTERVENTIONS", dimension="MOTIF", modality=v))  # fmt: skip
    for indicator, measure in (
        ("NB_INTERVENTIONS", "count(*)"),
        ("NB_SITUATIONS_NOUVELLES", "sum(i.follow_up_of IS NULL)"),
        ("DUREE_INTERVENTIONS_MIN", "sum(i.duration_min)"),
    ):
        put("", f"SELECT i.domain, {measure} {interventions} GROUP BY 1",
            lambda v, ind=indicator: CellKey(ind, domain=v))  # fmt: skip
        put("", f"SELECT i.commune, {measure} {interventions} GROUP BY 1",
            lambda v, ind=indicator: CellKey(ind, "COMMUNE", v))  # fmt: skip
        put("", f"SELECT substr(i.commune, 1, 2), {measure} {interventions} GROUP BY 1",
            lambda v, ind=indicator: CellKey(ind, "DEPARTEMENT", v))  # fmt: skip
        put("", f"SELECT coalesce(i.qpv, 'NR'), {measure} {interventions} GROUP BY 1",
            lambda v, ind=indicator: CellKey(ind, "QPV", v))  # fmt: skip
        put("", f"SELECT i.commune || '|' || i.domain, {measure} {interventions} GROUP BY 1",
            lambda v, ind=indicator: CellKey(ind, "COMMUNE", *v.split("|")))  # fmt: skip
        put("", f"SELECT substr(i.commune, 1, 2) || '|' || i.domain, {measure} {interventions} GROUP BY 1",
            lambda v, ind=indicator: CellKey(ind, "DEPARTEMENT", *v.split("|")))  # fmt: skip
        put("", f"SELECT coalesce(i.qpv, 'NR') || '|' || i.domain, {measure} {interventions} GROUP BY 1",
            lambda v, ind=indicator: CellKey(ind, "QPV", *v.split("|")))  # fmt: skip
    publics = f"FROM intervention_public p JOIN intervention i ON i.id = p.intervention_id WHERE {LIVE}"
    put("NB_CONTACTS", f"SELECT 1, sum(p.count) {publics}")
    for dimension, column in (("TYPE_PUBLIC", "public_type"), ("TRANCHE_AGE", "age_band"), ("SEXE", "sex")):
        put("", f"SELECT p.{column}, sum(p.count) {publics} GROUP BY 1",
            lambda v, d=dimension: CellKey("NB_CONTACTS", dimension=d, modality=v))  # fmt: skip
    oriented = f"FROM intervention_partner p JOIN intervention i ON i.id = p.intervention_id WHERE {LIVE} AND p.role = 'ORIENTE'"
    put("NB_ORIENTATIONS", f"SELECT 1, count(*) {oriented}")
    put("", f"SELECT p.partner_type, count(*) {oriented} GROUP BY 1",
        lambda v: CellKey("NB_ORIENTATIONS", dimension="TYPE_PARTENAIRE", modality=v))  # fmt: skip
    signalements = (
        "FROM tech_signalement s LEFT JOIN intervention i ON i.id = s.intervention_id LEFT JOIN presence_active b"
        " ON b.id = s.presence_id WHERE s.deleted_at IS NULL AND ((i.id IS NOT NULL AND i.deleted_at IS NULL AND"
        " i.month IN (:months)) OR (b.id IS NOT NULL AND b.deleted_at IS NULL AND b.month IN (:months)))"
    )
    put("NB_SIGNALEMENTS", f"SELECT 1, count(*) {signalements}")
    for dimension, column in (("TYPE_VEILLE_TECH", "signal_type"), ("TRAITE", "treated")):
        put("", f"SELECT s.{column}, count(*) {signalements} GROUP BY 1",
            lambda v, d=dimension: CellKey("NB_SIGNALEMENTS", dimension=d, modality=v))  # fmt: skip
    for table, measures, dimensions in (
        ("presence_active", (("NB_SORTIES_PAP", "count(*)"), ("DUREE_PAP_MIN", "sum(i.duration_min)"),
                             ("NB_CONTACTS_INFORMELS", "sum(i.informal_contacts)")),
         (("TYPE_PRESENCE", "presence_type"), ("PLAGE", "time_band"))),
        ("action_collective", (("NB_ACTIONS_COLL", "count(*)"), ("NB_PARTICIPANTS", "sum(i.participants)")),
         (("REGISTRE", "registre"), ("THEME_ACTION", "theme"))),
        ("partner_meeting", (("NB_REUNIONS", "count(*)"), ("DUREE_REUNIONS_MIN", "sum(i.duration_min)")),
         (("TYPE_REUNION", "meeting_type"),)),
    ):  # fmt: skip
        for indicator, measure in measures:
            put(indicator, f"SELECT 1, {measure} FROM {table} i WHERE {LIVE}")
            for dimension, column in dimensions:
                put("", f"SELECT i.{column}, {measure} FROM {table} i WHERE {LIVE} GROUP BY 1",
                    lambda v, ind=indicator, d=dimension: CellKey(ind, dimension=d, modality=v))  # fmt: skip
    return out


@pytest.mark.parametrize(("months", "period"), [((202602,), "2026-02"), (QUARTER, "2026-Q1")])
def test_every_cell_equals_an_independent_count(base: Database, months: tuple[int, ...], period: str) -> None:
    release = _release(base, months, period)
    expected = _expected(base, months)
    if len(months) == 1:  # sensitive motifs are left out of a monthly file
        sensitive = active().sensitive_codes("MOTIF")
        expected = {k: v for k, v in expected.items() if not (k.dimension == "MOTIF" and k.modality in sensitive)}
    got = {key: value for key, value in release.values.items() if value}
    assert got == expected
    assert expected[CellKey("NB_INTERVENTIONS")] > 100  # the demo month is not empty


def test_one_way_tables_hold_every_code_and_nr_with_zeros(base: Database) -> None:
    release = _release(base, (202602,), "2026-02")
    ref = active()
    for dimension in ("REGISTRE", "LIEU", "TRANCHE_AGE", "TYPE_REUNION", "TYPE_VEILLE_TECH"):
        indicator = {"TRANCHE_AGE": "NB_CONTACTS", "TYPE_REUNION": "NB_REUNIONS", "TYPE_VEILLE_TECH": "NB_SIGNALEMENTS"}
        name = indicator.get(dimension, "NB_INTERVENTIONS")
        modalities = {k.modality for k in release.values if k.indicator == name and k.dimension == dimension}
        assert modalities == {*ref.codes(dimension), NR}, dimension
    assert release.values[CellKey("NB_INTERVENTIONS", dimension="REGISTRE", modality=NR)] == 0


def test_sensitive_motifs_only_in_quarters_and_years(base: Database) -> None:
    sensitive = active().sensitive_codes("MOTIF")
    month = _release(base, (202602,), "2026-02")
    quarter = _release(base, QUARTER, "2026-Q1")
    assert month.omitted == {("NB_INTERVENTIONS", "MOTIF", code) for code in sensitive}
    assert not any(k.dimension == "MOTIF" and k.modality in sensitive for k in month.values)
    assert quarter.omitted == frozenset()
    published = {k.modality for k in quarter.values if k.dimension == "MOTIF"}
    assert sensitive <= published
    assert all(k.territory_level == "STRUCTURE" and k.domain == ALL for k in quarter.values if k.dimension == "MOTIF")


def test_the_declared_structure_holds_and_covers_every_cell(base: Database) -> None:
    release = _release(base, QUARTER, "2026-Q1")
    structure = cells.structure_for(release.values)
    values = release.values
    linked: set[CellKey] = set()
    for equation in structure.equations:
        assert values[equation.total] == sum(values[p] for p in equation.parts), equation.total.text()
        linked.update((equation.total, *equation.parts))
    for bound in structure.bounds:
        assert values[bound.smaller] <= values[bound.larger], (bound.smaller.text(), bound.larger.text())
        linked.update((bound.smaller, bound.larger))
    assert set(values) - linked == set()  # no cell stands outside the declared structure
    # The territories each sum to the structure: communes, départements and QPV (codes, HORS_QPV, NR).
    totals = {e.parts[0].territory_level for e in structure.equations if e.total == CellKey("NB_INTERVENTIONS")}
    assert {"COMMUNE", "DEPARTEMENT", "QPV", "STRUCTURE"} <= totals
    motif = CellKey("NB_INTERVENTIONS", dimension="MOTIF", modality="BRUIT")
    assert all(motif not in e.parts for e in structure.equations)  # non-additive: bounded only
    assert any(b.smaller == motif and b.larger == CellKey("NB_INTERVENTIONS") for b in structure.bounds)


def test_a_wrong_equation_would_be_seen() -> None:
    """The structure test above can fail: a département summed with a commune of another one is not equal."""
    keys = {
        CellKey("NB_INTERVENTIONS"): 5,
        CellKey("NB_INTERVENTIONS", "COMMUNE", "75056"): 3,
        CellKey("NB_INTERVENTIONS", "COMMUNE", "93066"): 2,
        CellKey("NB_INTERVENTIONS", "DEPARTEMENT", "75"): 3,
        CellKey("NB_INTERVENTIONS", "DEPARTEMENT", "93"): 2,
    }
    structure = cells.structure_for(keys)
    sums = {e.total: sorted(p.territory_code for p in e.parts) for e in structure.equations}
    assert sums[CellKey("NB_INTERVENTIONS", "DEPARTEMENT", "75")] == ["75056"]
    assert sorted(map(sorted, ([p.territory_code for p in e.parts] for e in structure.equations
                               if e.total == CellKey("NB_INTERVENTIONS")))) == [["75", "93"], ["75056", "93066"]]  # fmt: skip


def test_only_tier_o_figures_reach_the_cells() -> None:
    """Pseudonyms, dispositif names and devices are in the figures for the monthly report; none becomes a cell."""
    totals = Totals(
        {
            "int.registre.n": {("CONF", "CONF_TR", "APAISE"): 12},
            "int.mediator.n": {("MED-SECRET",): 12},
            "int.dispositif.n": {("Dispositif Confidentiel",): 12},
            "entry.min": {("MED-SECRET",): 300},
        },
        {"poste-secret": "2026-02-01T10:00:00"},
    )
    values = cells.cells_of(totals, active(), (202602,))
    text_of_cells = " ".join(key.text() for key in values)
    for secret in ("MED-SECRET", "Confidentiel", "poste-secret"):
        assert secret not in text_of_cells
    assert values[CellKey("NB_INTERVENTIONS", dimension="REGISTRE", modality="CONF")] == 12
    assert cells.check_sources() == []  # every column a cell is built from is tier O


@pytest.mark.parametrize(("months", "period"), [((202602,), "2026-02"), (QUARTER, "2026-Q1")])
def test_a_protected_file_passes_its_audit(base: Database, months: tuple[int, ...], period: str) -> None:
    release = _release(base, months, period)
    structure = cells.structure_for(release.values)
    protected = suppression.protect(release, structure, 11)
    published = protected.published()
    assert not [k for k, v in published.items() if v is not None and 0 < v < 11 and not k.is_minutes]
    verdict = suppression.audit([suppression._publish(protected, protected.masked, 11)], structure, 11)
    assert verdict.ok and verdict.masked == len(protected.masked) and verdict.cells == len(release.values)
    assert TOTAL in {k.dimension for k in release.values}
