"""Primary and secondary suppression of observatory cells, and the linear-programming audit (§7).

The audit sees only what readers see.  Its variables are month-level: ``x[m, k] >= 0`` for every
month ``m`` of the union of the files' months and every key ``k``.  Every equation and bound of the
:class:`Structure` holds in each month; a file's cell for key ``k`` over period ``P`` is
``Σ_{m∈P} x[m, k]``, so a published cell adds that equality.  A key known from the structure or from
another file but absent from a file is published as zero there, unless its (indicator, dimension)
family is in the file's ``omitted``.

Values are integers but the audit solves the LP relaxation: the integer interval of a cell lies
inside its LP interval, so requiring ``high - low >= threshold`` on the LP interval is the safe side
(LP bounds are rounded to 1e-6 before the comparison to absorb solver tolerances).

Keys are split into components linked by equations and bounds; one HiGHS model is built per
component and re-solved, warm-started, with a changed objective for each masked cell.
"""

from __future__ import annotations

import math
import os
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

import highspy
import numpy as np

from medios.services.observatory.model import (
    MINUTES_OF,
    CellKey,
    Link,
    Published,
    Release,
    Risk,
    Structure,
    Verdict,
    check_threshold,
)

INCONSISTENT = "fichiers incohérents : aucune valeur ne satisfait les cellules publiées"
_TOLERANCE = 1e-6
_WITNESS_MARGIN = 1e-3  # a spread of witness points counts only beyond the solver's tolerances
_COUNT_TO_MINUTES: dict[str, str] = {count: minutes for minutes, count in MINUTES_OF.items()}


def _partners(key: CellKey) -> tuple[CellKey, ...]:
    """The key and its count or minutes twin (they share one mask)."""
    count = key.count_key()
    minutes_indicator = _COUNT_TO_MINUTES.get(count.indicator)
    if minutes_indicator is None:
        return (count,)
    return (count, replace(count, indicator=minutes_indicator))


def primary_masks(release: Release, threshold: int) -> frozenset[CellKey]:
    """Counts with ``1 <= value <= threshold - 1``, plus the minutes cells whose count cell is masked."""
    counts = {key for key, value in release.values.items() if not key.is_minutes and 1 <= value <= threshold - 1}
    minutes = {key for key in release.values if key.is_minutes and key.count_key() in counts}
    return frozenset(counts | minutes)


def hidden_share(release: Release) -> float:
    """Share of the total value of the count cells that is masked (0.0 when that total is zero)."""
    total = sum(value for key, value in release.values.items() if not key.is_minutes)
    if total == 0:
        return 0.0
    hidden = sum(value for key, value in release.values.items() if not key.is_minutes and key in release.masked)
    return hidden / total


class _Components:
    """Keys grouped by the equations and bounds that link them (independent of any mask)."""

    def __init__(self, keys: Iterable[CellKey], structure: Structure) -> None:
        parent: dict[CellKey, CellKey] = {key: key for key in keys}

        def find(key: CellKey) -> CellKey:
            root = key
            while parent[root] != root:
                root = parent[root]
            while parent[key] != root:
                parent[key], key = root, parent[key]
            return root

        def union(a: CellKey, b: CellKey) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        for equation in structure.equations:
            for part in equation.parts:
                union(equation.total, part)
        for bound in structure.bounds:
            union(bound.smaller, bound.larger)
        groups: dict[CellKey, list[CellKey]] = defaultdict(list)
        for key in sorted(parent):
            groups[find(key)].append(key)
        self.root: dict[CellKey, CellKey] = {key: find(key) for key in parent}
        self.members: dict[CellKey, tuple[CellKey, ...]] = {root: tuple(group) for root, group in groups.items()}


def _structure_keys(structure: Structure) -> set[CellKey]:
    keys: set[CellKey] = set()
    for equation in structure.equations:
        keys.add(equation.total)
        keys.update(equation.parts)
    for bound in structure.bounds:
        keys.add(bound.smaller)
        keys.add(bound.larger)
    return keys


def _seen(file: Published, key: CellKey) -> tuple[bool, int | None]:
    """(known, value) of a key in a file: unknown when omitted, zero when absent, None when masked."""
    if key in file.cells:
        return True, file.cells[key]
    if key.omitted_in(file.omitted):
        return False, None
    return True, 0


@dataclass
class _Context:
    files: tuple[Published, ...]
    structure: Structure
    threshold: int
    months: tuple[int, ...]
    # Months grouped by the files holding them: a file's period is a union of these blocks (see _blocks).
    blocks: tuple[tuple[int, ...], ...]
    components: _Components
    equations_of: dict[CellKey, list[int]]
    bounds_of: dict[CellKey, list[int]]
    versions: tuple[int, ...]  # the versions of the data the files describe (0: the current one)
    links: tuple[Link, ...]  # cells of the same value in two versions


def _context(files: Sequence[Published], structure: Structure, threshold: int, links: Sequence[Link] = ()) -> _Context:
    keys = _structure_keys(structure)
    for file in files:
        keys.update(file.cells)
    equations_of: dict[CellKey, list[int]] = defaultdict(list)
    for index, equation in enumerate(structure.equations):
        equations_of[equation.total].append(index)
        for part in equation.parts:
            equations_of[part].append(index)
    bounds_of: dict[CellKey, list[int]] = defaultdict(list)
    for index, bound in enumerate(structure.bounds):
        bounds_of[bound.smaller].append(index)
        bounds_of[bound.larger].append(index)
    months = tuple(sorted({month for file in files for month in file.months}))
    components = _Components(keys, structure)
    versions = tuple(sorted({version for file in files for version in file.versions}))
    known = set(versions)
    usable = tuple(link for link in links if set(link.versions) <= known and link.key in keys)
    return _Context(
        tuple(files),
        structure,
        threshold,
        months,
        _blocks(files),
        components,
        equations_of,
        bounds_of,
        versions,
        usable,
    )


def _remasked(context: _Context, files: Sequence[Published]) -> _Context:
    """The context of the same files with other masks: keys, periods and versions unchanged, so the
    components, blocks and links are kept (building the components is most of a context's cost)."""
    assert [(f.period, f.months, f.versions) for f in files] == [
        (f.period, f.months, f.versions) for f in context.files
    ]
    return replace(context, files=tuple(files))


def _blocks(files: Sequence[Published]) -> tuple[tuple[int, ...], ...]:
    """The months grouped by the set of files that hold them: the coarsest partition of which every
    file's period is a union.  The audit needs one variable per block and key, not per month: every
    equation and bound that holds in each month holds for a block's sum, and a block's values can be
    spread back on its months (all in its first), so the intervals are the same (one block for a
    file alone, twelve for a year's months and the year)."""
    holders: dict[int, list[int]] = defaultdict(list)
    for index, file in enumerate(files):
        for month in file.months:
            holders[month].append(index)
    grouped: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for month in sorted(holders):
        grouped[tuple(holders[month])].append(month)
    return tuple(sorted(tuple(months) for months in grouped.values()))


def _blocks_of(context: _Context, file: Published) -> list[int]:
    months = set(file.months)
    return [index for index, block in enumerate(context.blocks) if months.issuperset(block)]


def _audit_component(
    context: _Context,
    root: CellKey,
    only: frozenset[tuple[str, CellKey]] | None = None,
    *,
    first: bool = False,
    front: frozenset[CellKey] = frozenset(),
    exempt: set[tuple[str, CellKey]] | None = None,
) -> list[Risk]:
    """Feasibility and the interval of every masked cell of one component, over all files (or of the
    masked cells ``only`` names, by period and key); with ``first``, stop at the first cell at risk,
    solving the cells of ``front`` first (those most likely to fail).  The implied cells that pass without
    being imprecise (fixed at 0, or known to be at least the threshold) are added to ``exempt``."""
    keys = context.components.members[root]
    months = range(len(context.blocks))
    # One variable per version of the data, block of months and key.
    column: dict[tuple[int, int, CellKey], int] = {}
    for version in context.versions:
        for key in keys:
            for month in months:
                column[(version, month, key)] = len(column)
    starts: list[int] = []
    indices: list[int] = []
    coefficients: list[float] = []
    lower: list[float] = []
    upper: list[float] = []

    def add_row(entries: dict[int, float], low: float, high: float) -> None:
        starts.append(len(indices))
        for index in sorted(entries):
            indices.append(index)
            coefficients.append(entries[index])
        lower.append(low)
        upper.append(high)

    equation_ids = sorted({i for key in keys for i in context.equations_of.get(key, ())})
    bound_ids = sorted({i for key in keys for i in context.bounds_of.get(key, ())})
    for version in context.versions:
        for month in months:
            for i in equation_ids:
                equation = context.structure.equations[i]
                entries: dict[int, float] = defaultdict(float)
                entries[column[(version, month, equation.total)]] += 1.0
                for part in equation.parts:
                    entries[column[(version, month, part)]] -= 1.0
                add_row({k: v for k, v in entries.items() if v != 0.0}, 0.0, 0.0)
            for i in bound_ids:
                bound = context.structure.bounds[i]
                if bound.smaller != bound.larger:
                    add_row(
                        {column[(version, month, bound.smaller)]: 1.0, column[(version, month, bound.larger)]: -1.0},
                        -math.inf,
                        0.0,
                    )
    member = set(keys)
    for link in context.links:  # the same value in both versions: the sums over the cell's blocks agree
        if link.key not in member:
            continue
        spans = [i for i, block in enumerate(context.blocks) if set(link.months).issuperset(block)]
        one, other = link.versions
        entries = {column[(one, b, link.key)]: 1.0 for b in spans}
        entries.update({column[(other, b, link.key)]: -1.0 for b in spans})
        add_row(entries, 0.0, 0.0)
    # (period, key, its columns, implied): the masked cells of the files, then the implied cells.
    targets: list[tuple[str, CellKey, list[int], bool]] = []
    # blocks a published zero fixes at 0, per version and key
    zero_in: dict[tuple[int, CellKey], set[int]] = defaultdict(set)
    for file in context.files:
        blocks = _blocks_of(context, file)
        for version in sorted(file.versions):
            for key in keys:
                known, value = _seen(file, key)
                if not known:
                    continue
                if value is None:
                    if only is None or (file.period, key) in only:
                        targets.append((file.period, key, [column[(version, block, key)] for block in blocks], False))
                else:
                    add_row({column[(version, block, key)]: 1.0 for block in blocks}, float(value), float(value))
                    if value == 0:
                        zero_in[(version, key)].update(blocks)
    # Linked files imply the cells of every block of months that is not a file's whole period (a quarter
    # minus its months already sent): such a cell is never published, but one that can be pinned near a
    # small count is a disclosure all the same.  It passes when its interval is ``threshold`` wide, when
    # it is fixed at 0, or when it is known to be at least ``threshold`` (what a published cell may say).
    whole = {tuple(file.months) for file in context.files}
    for index, block in enumerate(context.blocks):
        if len(context.blocks) < 2 or block in whole:
            continue
        label = "+".join(f"{m // 100}-{m % 100:02d}" for m in block)
        for version in context.versions:
            for key in keys:
                if key.is_minutes or index in zero_in.get((version, key), ()):
                    continue
                if only is None or (label, key) in only:
                    targets.append((label, key, [column[(version, index, key)]], True))
    if front:
        targets.sort(key=lambda target: target[1] not in front)  # stable: the order is otherwise kept
    if not targets and not starts:
        return []

    highs = _solver()
    count = len(column)
    highs.addVars(count, np.zeros(count), np.full(count, highspy.kHighsInf))
    if starts:
        inf = highspy.kHighsInf
        highs.addRows(
            len(starts),
            np.array([max(v, -inf) for v in lower]),
            np.array([min(v, inf) for v in upper]),
            len(indices),
            np.array(starts, dtype=np.int32),
            np.array(indices, dtype=np.int32),
            np.array(coefficients, dtype=np.float64),
        )
    highs.run()
    if highs.getModelStatus() == highspy.HighsModelStatus.kInfeasible:
        period, key = (targets[0][0], targets[0][1]) if targets else (context.files[0].period, keys[0])
        return [Risk(period, key, INCONSISTENT)]

    # Every optimal solution is a feasible point: each masked cell's value there lies in its interval.
    # A cell whose values over the points met so far already spread ``threshold`` apart needs no solve.
    columns_of = [cols for _period, _key, cols, _implied in targets]
    owner = np.array([t for t, cols in enumerate(columns_of) for _ in cols], dtype=np.int64)
    flat = np.array([c for cols in columns_of for c in cols], dtype=np.int64)
    seen_low = np.full(len(targets), np.inf)
    seen_high = np.full(len(targets), -np.inf)

    def witness() -> None:
        point = np.asarray(highs.getSolution().col_value)
        values = np.bincount(owner, weights=point[flat], minlength=len(targets))
        np.minimum(seen_low, values, out=seen_low)
        np.maximum(seen_high, values, out=seen_high)

    if targets:
        witness()
    risks: list[Risk] = []
    previous: list[int] = []
    for index, (period, key, _cols, implied) in enumerate(targets):
        if seen_high[index] - seen_low[index] >= context.threshold + _WITNESS_MARGIN:
            continue
        current = columns_of[index]
        if previous:
            highs.changeColsCost(len(previous), np.array(previous, dtype=np.int32), np.zeros(len(previous)))
        highs.changeColsCost(len(current), np.array(current, dtype=np.int32), np.ones(len(current)))
        previous = current
        bounds: list[float] = []
        for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
            highs.changeObjectiveSense(sense)
            highs.run()
            status = highs.getModelStatus()
            if status == highspy.HighsModelStatus.kUnknown:  # a warm start gone wrong: solve afresh
                highs.clearSolver()
                highs.run()
                status = highs.getModelStatus()
            if status == highspy.HighsModelStatus.kOptimal:
                bounds.append(highs.getInfo().objective_function_value)
                witness()
            elif status in (highspy.HighsModelStatus.kUnbounded, highspy.HighsModelStatus.kUnboundedOrInfeasible):
                bounds.append(math.inf)
            else:
                raise RuntimeError(f"solveur HiGHS : statut inattendu {status} pour {key.text()}")
        low, high = (_rounded(bound) for bound in bounds)
        if implied and (high < _WITNESS_MARGIN or low >= context.threshold - _WITNESS_MARGIN):
            if exempt is not None:
                exempt.add((period, key))
            continue  # fixed at 0, or known to be at least the threshold: what a published cell may say
        if high - low < context.threshold:
            risks.append(
                Risk(
                    period,
                    key,
                    ("cellule déduite des fichiers (jamais publiée) : " if implied else "")
                    + f"intervalle [{_number(low)} ; {_number(high)}] trop étroit "
                    f"(largeur {_number(high - low)} < {context.threshold})",
                    low,
                    high,
                )
            )
            if first:
                break
    return risks


_BANNER_SHOWN = False


def _solver() -> highspy.Highs:
    """A silent HiGHS model.  The first one of a process prints a copyright banner from C++ on the
    standard output whatever the options (HiGHS 1.16): a command's output is not the place for it, so
    the file descriptor goes to the null device while that first model is made."""
    global _BANNER_SHOWN
    if _BANNER_SHOWN:
        highs = highspy.Highs()  # type: ignore[no-untyped-call]
    else:
        _BANNER_SHOWN = True
        sys.stdout.flush()
        try:
            saved = os.dup(1)
        except OSError:  # no standard output to protect
            highs = highspy.Highs()  # type: ignore[no-untyped-call]
        else:
            null = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(null, 1)
                highs = highspy.Highs()  # type: ignore[no-untyped-call]
            finally:
                os.dup2(saved, 1)
                os.close(saved)
                os.close(null)
    highs.setOptionValue("output_flag", False)
    # Primal simplex: between two solves of a component only the objective changes, so the last basis
    # stays primal feasible and a few pivots reach the new optimum (the default dual simplex starts
    # again from a dual-infeasible basis: 1 s per solve instead of 10 ms on a year linked to its months).
    highs.setOptionValue("simplex_strategy", 4)
    return highs


def _rounded(value: float) -> float:
    return round(value / _TOLERANCE) * _TOLERANCE if math.isfinite(value) else value


def _number(value: float) -> str:
    if math.isinf(value):
        return "∞"

    if abs(value - round(value)) < 1e-6:
        return str(round(value))
    return f"{value:.2f}".replace(".", ",")


def _static_risks(context: _Context) -> list[Risk]:
    """Checks (1) and (2): published small counts and false equations, file by file."""
    risks: list[Risk] = []
    for file in context.files:
        for key in sorted(file.cells):
            value = file.cells[key]
            if value is not None and not key.is_minutes and 1 <= value <= context.threshold - 1:
                risks.append(Risk(file.period, key, f"effectif publié {value} inférieur au seuil {context.threshold}"))
        for equation in context.structure.equations:
            seen = [_seen(file, key) for key in (equation.total, *equation.parts)]
            if all(known and value is not None for known, value in seen):
                total, *parts = (value for _, value in seen)
                assert total is not None
                if total != sum(v for v in parts if v is not None):
                    risks.append(
                        Risk(
                            file.period,
                            equation.total,
                            f"équation fausse : total {total} ≠ somme des parties {sum(v for v in parts if v)}",
                        )
                    )
    return risks


def _verdict(context: _Context, risks: Iterable[Risk]) -> Verdict:
    cells = sum(len(file.cells) for file in context.files)
    masked = sum(1 for file in context.files for value in file.cells.values() if value is None)
    order = {file.period: i for i, file in enumerate(context.files)}
    ordered = sorted(risks, key=lambda r: (order.get(r.period, 0), r.period, r.key, r.reason))
    return Verdict(cells, masked, tuple(ordered))


def inconsistent(verdict: Verdict) -> bool:
    """Whether the files of a verdict contradict each other (no data satisfy all their cells)."""
    return any(risk.reason == INCONSISTENT for risk in verdict.risks)


def audit(files: Sequence[Published], structure: Structure, threshold: int, links: Sequence[Link] = ()) -> Verdict:
    """Re-verify files from their published content only (small counts, equations, masked intervals).

    Each file holds in the versions of the data it names (:attr:`Published.versions`); ``links`` are the
    cells known to be the same in two versions."""
    check_threshold(threshold)
    context = _context(files, structure, threshold, links)
    risks = _static_risks(context)
    for root in sorted(context.components.members):
        risks.extend(_audit_component(context, root))
    return _verdict(context, risks)


def _publish(release: Release, masked: frozenset[CellKey], threshold: int) -> Published:
    cells = {key: (None if key in masked else value) for key, value in sorted(release.values.items())}
    return Published(release.period, release.months, cells, release.omitted, threshold)


def protect(
    release: Release,
    structure: Structure,
    threshold: int,
    earlier: Sequence[Published] = (),
    preferred: frozenset[CellKey] = frozenset(),
    links: Sequence[Link] = (),
    progress: Callable[[float], None] | None = None,
) -> Release:
    """The release with its final mask: primary masks, then secondary ones until the audit passes.

    Earlier files are fixed.  For each failing cell, the next cell masked in this release is taken
    among the cells sharing an equation or a bound with it (and the same key, when the failing cell is
    in another file); when all of those are masked, the search widens to their own neighbours.  Ranking:
    keys in ``preferred`` first, then the smallest non-zero value, then zeros, then key order.

    ``progress`` is called with the share done (0 to 1) between two solves of a component; it may raise
    to stop the protection (a user's « Annuler »).
    """
    report = progress or (lambda _share: None)
    check_threshold(threshold)
    masked = set(primary_masks(release, threshold))
    # An earlier file of the same period (the file a correction replaces, or the same export made again):
    # its masks are kept from the start (the same data gives the same cells), and what it published
    # cannot be hidden any more, so masking it would protect nothing.
    same = [file for file in earlier if tuple(file.months) == tuple(release.months)]
    masked |= {key for file in same for key, value in file.cells.items() if value is None and key in release.values}
    pinned = {key for file in same if 0 in file.versions for key, value in file.cells.items() if value is not None}
    context = _context([*earlier, _publish(release, frozenset(masked), threshold)], structure, threshold, links)
    static = _static_risks(context)
    if static:
        raise ValueError(f"protection impossible : {static[0].reason} ({static[0].period}, {static[0].key.text()})")
    roots = sorted(context.components.members)
    by_root: dict[CellKey, list[Risk]] = {}
    exempt_of: dict[CellKey, set[tuple[str, CellKey]]] = defaultdict(set)
    for index, root in enumerate(roots):  # the first audit: 40 % of the work
        report(0.4 * index / len(roots))
        by_root[root] = _audit_component(context, root, exempt=exempt_of[root])
    rounds = 0
    while True:
        rounds += 1
        report(0.4 + 0.3 * (1 - 0.8**rounds))  # the search: 30 %, each round closer
        risks = [risk for root in sorted(by_root) for risk in by_root[root]]
        if not risks:
            if not earlier:  # with earlier files each trial re-solves every linked file: minutes, not seconds
                masked = _prune(
                    release, structure, threshold, masked, preferred, lambda share: report(0.7 + 0.3 * share)
                )
            report(1.0)
            return replace(release, masked=frozenset(masked))
        if any(risk.low is None for risk in risks):
            bad = next(risk for risk in risks if risk.low is None)
            raise ValueError(f"protection impossible : {bad.reason} ({bad.period}, {bad.key.text()})")
        # A cell of this release whose value the earlier files already fix (an interval of width 0) gains
        # nothing from its mask and protects nothing: it is published (a count below the threshold fixed
        # so is a disclosure that already happened, and refused).
        determined = {
            risk.key
            for risk in risks
            if risk.period == release.period
            and risk.high is not None
            and risk.low is not None
            and risk.high - risk.low < _WITNESS_MARGIN
        }
        if determined:
            determined = _fixed_by_earlier(determined, release, structure, threshold, earlier, links)
        if determined:
            primary = primary_masks(release, threshold)
            shown = {key for cell in determined for key in _partners(cell) if key in release.values}
            exposed = sorted(key for key in shown if key in primary and not key.is_minutes)
            if exposed:
                raise ValueError(
                    f"protection impossible : la cellule {exposed[0].text()} ({release.period}) se déduit déjà "
                    "des fichiers envoyés et compte moins que le seuil"
                )
            masked -= shown
            pinned |= shown
            context = _remasked(context, [*earlier, _publish(release, frozenset(masked), threshold)])
            for root in sorted({context.components.root[key] for key in shown}):
                exempt_of[root] = set()  # a new equality: every cell again
                by_root[root] = _audit_component(context, root, exempt=exempt_of[root])
            continue
        added: set[CellKey] = set()
        # The most precise cells first (a cell fixed exactly before one merely narrow): their choice
        # often protects the others of the round too.
        for risk in sorted(risks, key=lambda r: (_width(r), r.key, r.period)):
            if added & (_neighbours(risk.key, context) | {risk.key}):
                continue  # a cell linked to this one was just masked: re-audit first
            choice = _choose(risk, release, masked | added, pinned, context, preferred)
            if choice is None:
                continue
            for key in _partners(choice):
                if key in release.values:
                    added.add(key)
        if not added:
            worst = risks[0]
            raise ValueError(
                f"protection impossible : la cellule {worst.key.text()} ({worst.period}) reste trop précise "
                f"({worst.reason}) et aucune cellule liée ne peut plus être masquée"
            )
        masked |= added
        context = _remasked(context, [*earlier, _publish(release, frozenset(masked), threshold)])
        # Masking a cell removes one equality from the LP: the feasible set only grows, so a masked cell
        # that passed still passes.  The failing cells and the new masks are solved again, and the
        # implied cells that passed fixed at 0 or known to be at least the threshold: they passed without
        # being imprecise, and a larger feasible set can take that away.
        for root in sorted({context.components.root[key] for key in added}):
            again = {(risk.period, risk.key) for risk in by_root[root]} | exempt_of[root]
            again.update((release.period, key) for key in added if context.components.root[key] == root)
            exempt_of[root] = set()
            by_root[root] = _audit_component(context, root, frozenset(again), exempt=exempt_of[root])


def _prune(
    release: Release,
    structure: Structure,
    threshold: int,
    masked: set[CellKey],
    preferred: frozenset[CellKey],
    progress: Callable[[float], None],
) -> set[CellKey]:
    """The secondary masks the audit does not need, published again.

    The search of :func:`protect` adds masks one failing cell at a time; a mask chosen early often
    becomes redundant once later ones are in place.  Each secondary mask is tried in turn, the
    ``preferred`` ones last, then the largest value first (the most value given back): the cell is
    published if every masked cell of its component still passes; else it is tried with each other
    secondary mask of its equations (two masks of a line may each be there only for the other).
    Publishing a cell only adds an equality, so a cell published here cannot make a cell of another
    component fail.  For a file protected alone (with earlier files, each trial would solve them all
    again).
    """
    primary = primary_masks(release, threshold)
    candidates = sorted(
        {key.count_key() for key in masked - primary if key.count_key() in release.values},
        key=lambda key: (key in preferred, -release.values[key], key),
    )
    context = _context([_publish(release, frozenset(masked), threshold)], structure, threshold)

    def passes(trial: set[CellKey], key: CellKey) -> bool:
        trial_context = _remasked(context, [_publish(release, frozenset(trial), threshold)])
        front = frozenset(k for cell in masked - trial for k in _neighbours(cell, context))
        return not _audit_component(trial_context, trial_context.components.root[key], first=True, front=front)

    for index, key in enumerate(candidates):
        progress(index / len(candidates))
        if key not in masked:
            continue
        trial = masked - set(_partners(key))
        if passes(trial, key):
            masked = trial
            continue
        # A mask may be needed only by another secondary mask of one of its equations (two cells of a
        # line, each hiding the other): the two are tried together.
        mates = sorted(
            (k for k in _neighbours(key, context) if k in masked and k in candidates),
            key=lambda k: (k in preferred, -release.values[k], k),
        )
        for mate in mates:
            pair = trial - set(_partners(mate))
            if passes(pair, key):
                masked = pair
                break
    return masked


def _width(risk: Risk) -> float:
    return risk.high - risk.low if risk.high is not None and risk.low is not None else math.inf


def _fixed_by_earlier(
    keys: set[CellKey],
    release: Release,
    structure: Structure,
    threshold: int,
    earlier: Sequence[Published],
    links: Sequence[Link],
) -> set[CellKey]:
    """The ``keys`` whose value the earlier files fix even with every cell of ``release`` masked."""
    hidden = _publish(release, frozenset(release.values), threshold)
    context = _context([*earlier, hidden], structure, threshold, links)
    wanted = frozenset((release.period, key) for key in keys)
    fixed: set[CellKey] = set()
    for root in sorted({context.components.root[key] for key in keys}):
        for risk in _audit_component(context, root, wanted):
            if risk.high is not None and risk.low is not None and risk.high - risk.low < _WITNESS_MARGIN:
                fixed.add(risk.key)
    return fixed


def _neighbours(key: CellKey, context: _Context) -> set[CellKey]:
    found: set[CellKey] = set()
    for i in context.equations_of.get(key, ()):
        equation = context.structure.equations[i]
        found.add(equation.total)
        found.update(equation.parts)
    for i in context.bounds_of.get(key, ()):
        bound = context.structure.bounds[i]
        found.update((bound.smaller, bound.larger))
    found.discard(key)
    return found


def _choose(
    risk: Risk,
    release: Release,
    masked: set[CellKey],
    pinned: set[CellKey],
    context: _Context,
    preferred: frozenset[CellKey],
) -> CellKey | None:
    """The cell of ``release`` to mask next for a failing cell, widening the search ring by ring.

    Ranking: keys in ``preferred`` first; then the cells that open the fewest new equations (an
    equation of the candidate holding no other masked cell would need a mask more: a cell that closes a
    cycle of masks is worth more than a smaller one that starts a new line); then the smallest non-zero
    value, then zeros, then key order."""

    def open_(key: CellKey) -> bool:
        return key in release.values and key not in masked and key not in pinned

    def lonely(key: CellKey) -> int:
        count = 0
        for i in context.equations_of.get(key, ()):
            equation = context.structure.equations[i]
            cells = (equation.total, *equation.parts)
            if risk.key in cells:
                continue
            if not any(other != key and other in masked for other in cells):
                count += 1
        return count

    def rank(key: CellKey) -> tuple[int, int, int, int, CellKey]:
        value = release.values[key]
        return (0 if key in preferred else 1, lonely(key), 0 if value > 0 else 1, value, key)

    visited = {risk.key}
    ring = set(_neighbours(risk.key, context))
    if risk.period != release.period:
        ring.add(risk.key)
    while ring:
        candidates = sorted((key for key in ring if open_(key)), key=rank)
        if candidates:
            return candidates[0]
        visited |= ring
        ring = {n for key in sorted(ring) for n in _neighbours(key, context)} - visited
    return None
