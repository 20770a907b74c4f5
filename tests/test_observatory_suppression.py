"""Suppression and audit of observatory cells (pure, no database)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medios.services.observatory.model import CellKey, Equation, Published, Release, Structure
from medios.services.observatory.suppression import audit, hidden_share, primary_masks, protect

T = 11
TOTAL = CellKey("NB_INTERVENTIONS")
MINUTES = CellKey("DUREE_INTERVENTIONS_MIN")


def part(i: int, indicator: str = "NB_INTERVENTIONS") -> CellKey:
    return CellKey(indicator, dimension="REGISTRE", modality=f"M{i}")


def qpv(i: int) -> CellKey:
    return CellKey("NB_INTERVENTIONS", "QPV", f"Q{i}")


def pub(period: str, months: tuple[int, ...], cells: dict[CellKey, int | None]) -> Published:
    return Published(period, months, cells, threshold=T)


def test_total_minus_one_published_cell_is_caught() -> None:
    structure = Structure((Equation(TOTAL, (part(1), part(2))),))
    file = pub("2026-01", (202601,), {TOTAL: 40, part(1): 36, part(2): None})
    verdict = audit([file], structure, T)
    assert [(r.period, r.key) for r in verdict.risks] == [("2026-01", part(2))]
    assert verdict.risks[0].low == verdict.risks[0].high == 4
    assert "trop étroit" in verdict.risks[0].reason


def test_month_from_year_minus_other_months_is_caught() -> None:
    months = tuple(202601 + i for i in range(12))
    files = [pub(f"2026-{i + 1:02}", (m,), {TOTAL: 20}) for i, m in enumerate(months[:11])]
    files.append(pub("2026-12", (months[11],), {TOTAL: None}))
    files.append(pub("2026", months, {TOTAL: 225}))
    verdict = audit(files, Structure(), T)
    assert [(r.period, r.key) for r in verdict.risks] == [("2026-12", TOTAL)]


def test_qpv_from_structure_total_minus_other_qpvs_is_caught() -> None:
    structure = Structure((Equation(TOTAL, (qpv(1), qpv(2), qpv(3))),))
    file = pub("2026-01", (202601,), {TOTAL: 100, qpv(1): 30, qpv(2): 60, qpv(3): None})
    assert [r.key for r in audit([file], structure, T).risks] == [qpv(3)]


def test_published_small_count_and_low_threshold() -> None:
    file = pub("2026-01", (202601,), {TOTAL: 3})
    assert [r.key for r in audit([file], Structure(), T).risks] == [TOTAL]
    with pytest.raises(ValueError, match="seuil"):
        audit([file], Structure(), 4)
    with pytest.raises(ValueError, match="seuil"):
        protect(Release("2026-01", (202601,), {TOTAL: 3}), Structure(), 4)


def test_false_equation_is_caught() -> None:
    structure = Structure((Equation(TOTAL, (part(1), part(2))),))
    file = pub("2026-01", (202601,), {TOTAL: 40, part(1): 20, part(2): 21})
    assert any("équation fausse" in r.reason and r.key == TOTAL for r in audit([file], structure, T).risks)


def test_protect_masks_a_second_cell_and_minutes_follow() -> None:
    structure = Structure(
        (
            Equation(TOTAL, (part(1), part(2), part(3))),
            Equation(MINUTES, tuple(part(i, MINUTES.indicator) for i in (1, 2, 3))),
        )
    )
    values = {TOTAL: 60, part(1): 3, part(2): 20, part(3): 37, MINUTES: 600}
    values |= {part(i, MINUTES.indicator): v for i, v in ((1, 30), (2, 200), (3, 370))}
    release = Release("2026-01", (202601,), values)
    assert primary_masks(release, T) == {part(1), part(1, MINUTES.indicator)}
    out = protect(release, structure, T)
    assert out.masked == {part(1), part(2), part(1, MINUTES.indicator), part(2, MINUTES.indicator)}
    assert audit([pub(out.period, out.months, out.published())], structure, T).ok
    assert hidden_share(out) == pytest.approx(23 / 120)


@st.composite
def releases(draw: st.DrawFn) -> tuple[Release, Release, Structure]:
    n = draw(st.integers(2, 5))
    regions = draw(st.integers(1, 3))
    equations = []
    m1: dict[CellKey, int] = {}
    m2: dict[CellKey, int] = {}
    for values in (m1, m2):
        grand = 0
        for r in range(regions):
            top = CellKey("NB_INTERVENTIONS", "COMMUNE", f"C{r}")
            parts = [CellKey("NB_INTERVENTIONS", "COMMUNE", f"C{r}", dimension="D", modality=f"M{i}") for i in range(n)]
            vs = draw(st.lists(st.integers(0, 30), min_size=n, max_size=n))
            values.update(zip(parts, vs, strict=True))
            values[top] = sum(vs)
            grand += sum(vs)
            if values is m1:
                equations.append(Equation(top, tuple(parts)))
        values[TOTAL] = grand
    communes = tuple(CellKey("NB_INTERVENTIONS", "COMMUNE", f"C{r}") for r in range(regions))
    equations.append(Equation(TOTAL, communes))
    return (
        Release("2026-01", (202601,), m1),
        Release("2026-02", (202602,), m2),
        Structure(tuple(equations)),
    )


def _quarter(a: Release, b: Release) -> Release:
    return Release("2026-Q", (202601, 202602), {k: a.values[k] + b.values[k] for k in sorted(a.values)})


@settings(max_examples=25, deadline=None)
@given(releases(), st.booleans())
def test_protect_output_passes_audit_and_is_deterministic(data: tuple[Release, Release, Structure], flip: bool) -> None:
    jan, feb, structure = data
    quarter = _quarter(jan, feb)
    order = [feb, jan, quarter] if flip else [jan, feb, quarter]
    done: list[Published] = []
    for release in order:
        out = protect(release, structure, T, earlier=done)
        again = protect(
            Release(release.period, release.months, dict(reversed(list(release.values.items())))),
            structure,
            T,
            earlier=done,
        )
        assert out.masked == again.masked
        published = out.published()
        assert all(v is None or not 1 <= v <= T - 1 for v in published.values())
        done.append(Published(out.period, out.months, published, threshold=T))
    assert audit(done, structure, T).ok


@settings(max_examples=40, deadline=None)
@given(releases())
def test_protect_single_file_passes_audit(data: tuple[Release, Release, Structure]) -> None:
    jan, _, structure = data
    out = protect(jan, structure, T)
    published = out.published()
    assert all(v is None or not 1 <= v <= T - 1 for v in published.values())
    assert audit([Published(out.period, out.months, published, threshold=T)], structure, T).ok
    assert protect(jan, structure, T).masked == out.masked


# --------------------------------------------------------------------------- a year of linked files

MONTHS = tuple(202601 + i for i in range(12))


@st.composite
def year_of_files(draw: st.DrawFn) -> tuple[list[Release], Structure]:
    """Twelve months of a random structure (sparse or dense: a share of zeros drawn first), its four
    quarters and its year (each the sum of its months), in a random export order."""
    n = draw(st.integers(2, 4))
    regions = draw(st.integers(1, 2))
    zeros = draw(st.sampled_from((0.0, 0.5, 0.9)))
    high = draw(st.sampled_from((6, 20, 60)))
    communes = tuple(CellKey("NB_INTERVENTIONS", "COMMUNE", f"C{r}") for r in range(regions))
    parts = {c: [CellKey(c.indicator, c.territory_level, c.territory_code, dimension="D", modality=f"M{i}")
                 for i in range(n)] for c in communes}  # fmt: skip
    structure = Structure((*(Equation(c, tuple(ps)) for c, ps in parts.items()), Equation(TOTAL, communes)))
    months: dict[int, dict[CellKey, int]] = {}
    for month in MONTHS:
        values: dict[CellKey, int] = {}
        for commune, ps in parts.items():
            for key in ps:
                values[key] = 0 if draw(st.floats(0, 1)) < zeros else draw(st.integers(1, high))
            values[commune] = sum(values[k] for k in ps)
        values[TOTAL] = sum(values[c] for c in communes)
        months[month] = values

    def summed(period: str, included: tuple[int, ...]) -> Release:
        keys = sorted(months[included[0]])
        return Release(period, included, {k: sum(months[m][k] for m in included) for k in keys})

    releases = [summed(f"2026-{m % 100:02d}", (m,)) for m in MONTHS]
    releases += [summed(f"2026-Q{q + 1}", MONTHS[3 * q : 3 * q + 3]) for q in range(4)]
    releases.append(summed("2026", MONTHS))
    return draw(st.permutations(releases)), structure


@settings(max_examples=20, deadline=None)
@given(year_of_files())
def test_twelve_months_four_quarters_and_the_year_in_any_order_pass_the_audit(
    data: tuple[list[Release], Structure],
) -> None:
    """Each file protected with those already sent, in the drawn order: no published count in 1..T−1
    (which file, which cell), every masked cell and every cell implied by the files together at least T
    wide, the whole set audited as the observatory would."""
    order, structure = data
    done: list[Published] = []
    for release in order:
        out = protect(release, structure, T, earlier=done)
        published = out.published()
        small = [(release.period, k.text(), v) for k, v in published.items() if v is not None and 1 <= v <= T - 1]
        assert small == []
        assert {k for k, v in published.items() if v is None} == set(out.masked)
        done.append(Published(out.period, out.months, published, threshold=T))
        verdict = audit(done, structure, T)
        assert verdict.ok, [(r.period, r.key.text(), r.reason) for r in verdict.risks]
