"""The cells of an observatory file, from the indicators service's figures (domain brief §7.2).

The figures come from :mod:`medios.services.indicators.figures` (the one source of the monthly
reports' counts): this module only *names* them as cells and declares how they add up.  A period's
cell is the sum of its months' (every figure is additive over months, the motif breakdown included),
so that the files of a structure can be audited together month by month.

Which cells a file holds:

* every indicator of §7.2, for the whole structure, in total and along each of its dimensions, one
  cell per code of the vocabulary plus ``NR`` (« non renseigné »), zeros included: the same one-way
  tables in every file, whatever the activity;
* for the interventions (count, new situations, minutes) only: each domain, each commune, each
  département, each QPV (codes, ``HORS_QPV``, ``NR``), and each of those territories by domain (at
  most two of territory, domain and dimension in one cell; two vocabularies are never crossed).
  Territories without activity in the period have no cell (their zero follows from the totals);
* sensitive motifs (⚠ in the référentiel) only in quarterly and yearly files, at structure level: a
  monthly file leaves their cells out and lists them in ``omitted`` (§7.4, rule 5).

:func:`structure_for` derives the additive structure from a set of keys, by rule: the same function
serves one file (its ``additivite.json``) and a set of linked files (the union of their keys: a
territory present in one month and not in another is a zero there).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Final, cast

from sqlalchemy import Table

from medios.db.models import (
    ActionCollective,
    Intervention,
    InterventionMotif,
    InterventionPartner,
    InterventionPublic,
    PartnerMeeting,
    PresenceActive,
    TechSignalement,
    Tier,
    tier_of,
)
from medios.referentiel import Referentiel
from medios.services.indicators.figures import Totals, combine
from medios.services.observatory.model import (
    ALL,
    HORS_QPV,
    NR,
    TOTAL,
    Bound,
    CellKey,
    Equation,
    Release,
    Structure,
    TerritoryLevel,
)

# The interventions' indicators: the only ones published by domain and territory.
NB_INTERVENTIONS: Final = "NB_INTERVENTIONS"
NB_NOUVELLES: Final = "NB_SITUATIONS_NOUVELLES"
DUREE_INTERVENTIONS: Final = "DUREE_INTERVENTIONS_MIN"
TERRITORIAL: Final = (NB_INTERVENTIONS, NB_NOUVELLES, DUREE_INTERVENTIONS)
MOTIF: Final = "MOTIF"
NON_ADDITIVE: Final = frozenset({MOTIF})  # multi-select: a motif cell is bounded by the total, never summed
LEVELS: Final[tuple[TerritoryLevel, ...]] = ("COMMUNE", "DEPARTEMENT", "QPV")

# (indicator, dimension) -> (figures table, the table's dimension, a filter on the table or None).
# The dimension's codes are those of the vocabulary of the same name.
Source = tuple[str, str | None, Mapping[str, str] | None]
_ORIENTED: Final = {"role": "ORIENTE"}
SOURCES: Final[Mapping[tuple[str, str], Source]] = {
    **{
        (NB_INTERVENTIONS, dimension): (table, column, None)
        for dimension, table, column in (
            (TOTAL, "int.registre.n", None),
            ("REGISTRE", "int.registre.n", "registre"),
            ("SOUS_REGISTRE", "int.registre.n", "sub_registre"),
            ("ISSUE", "int.registre.n", "outcome"),
            ("LIEU", "int.place.n", "place"),
            ("PLAGE", "int.place.n", "time_band"),
            ("TYPE_JOUR", "int.place.n", "day_type"),
            ("ORIGINE", "int.context.n", "origin"),
            ("MODALITE", "int.context.n", "modality"),
            ("NIVEAU_TENSION", "int.context.n", "tension"),
            (MOTIF, "motif.n", "motif"),
        )
    },
    (NB_NOUVELLES, TOTAL): ("int.registre.new", None, None),
    (NB_NOUVELLES, "REGISTRE"): ("int.registre.new", "registre", None),
    (DUREE_INTERVENTIONS, TOTAL): ("int.registre.min", None, None),
    (DUREE_INTERVENTIONS, "REGISTRE"): ("int.registre.min", "registre", None),
    (DUREE_INTERVENTIONS, "LIEU"): ("int.place.min", "place", None),
    (DUREE_INTERVENTIONS, "PLAGE"): ("int.place.min", "time_band", None),
    ("NB_CONTACTS", TOTAL): ("public.n", None, None),
    ("NB_CONTACTS", "TYPE_PUBLIC"): ("public.n", "public_type", None),
    ("NB_CONTACTS", "TRANCHE_AGE"): ("public.n", "age_band", None),
    ("NB_CONTACTS", "SEXE"): ("public.n", "sex", None),
    ("NB_ORIENTATIONS", TOTAL): ("partner.n", None, _ORIENTED),
    ("NB_ORIENTATIONS", "TYPE_PARTENAIRE"): ("partner.n", "partner_type", _ORIENTED),
    ("NB_SIGNALEMENTS", TOTAL): ("signalement.n", None, None),
    ("NB_SIGNALEMENTS", "TYPE_VEILLE_TECH"): ("signalement.n", "signal_type", None),
    ("NB_SIGNALEMENTS", "TRAITE"): ("signalement.n", "treated", None),
    **{
        (indicator, dimension): (table, column, None)
        for indicator, table in (
            ("NB_SORTIES_PAP", "presence.n"),
            ("DUREE_PAP_MIN", "presence.min"),
            ("NB_CONTACTS_INFORMELS", "presence.informal"),
        )
        for dimension, column in ((TOTAL, None), ("TYPE_PRESENCE", "presence_type"), ("PLAGE", "time_band"))
    },
    **{
        (indicator, dimension): (table, column, None)
        for indicator, table in (("NB_ACTIONS_COLL", "action.n"), ("NB_PARTICIPANTS", "action.participants"))
        for dimension, column in ((TOTAL, None), ("REGISTRE", "registre"), ("THEME_ACTION", "theme"))
    },
    **{
        (indicator, dimension): (table, column, None)
        for indicator, table in (("NB_REUNIONS", "meeting.n"), ("DUREE_REUNIONS_MIN", "meeting.min"))
        for dimension, column in ((TOTAL, None), ("TYPE_REUNION", "meeting_type"))
    },
}
INDICATORS: Final = tuple(dict.fromkeys(indicator for indicator, _dimension in SOURCES))
# The territorial tables: indicator -> figures table keyed (commune, qpv, domain).
_TERRITORY_TABLES: Final = {
    NB_INTERVENTIONS: "int.territory.n",
    NB_NOUVELLES: "int.territory.new",
    DUREE_INTERVENTIONS: "int.territory.min",
}
# Known relations between indicators of the same key: (smaller, larger).  Every intervention lasts a
# minute at least, a new situation is an intervention, so are présence blocks and meetings.
_ORDERED: Final = (
    (NB_NOUVELLES, NB_INTERVENTIONS),
    (NB_INTERVENTIONS, DUREE_INTERVENTIONS),
    ("NB_SORTIES_PAP", "DUREE_PAP_MIN"),
    ("NB_REUNIONS", "DUREE_REUNIONS_MIN"),
)


# What each figures table used here reads of the base (its dimensions and what it sums): tier O columns
# only (domain brief §2), checked by :func:`check_sources`.  The follow-ups are counted from whether
# ``follow_up_of`` is set, never from its value.  Figures tables not listed here (per mediator, per
# dispositif, the devices) never reach a cell: :func:`cells_of` drops them first.
READS: Final[Mapping[str, tuple[type, tuple[str, ...]]]] = {
    "int.registre": (Intervention, ("registre", "sub_registre", "outcome", "duration_min")),
    "int.place": (Intervention, ("place", "time_band", "day_type", "duration_min")),
    "int.context": (Intervention, ("tension", "origin", "modality", "duration_min")),
    "int.territory": (Intervention, ("commune", "qpv", "domain", "duration_min")),
    "motif": (InterventionMotif, ("motif",)),
    "public": (InterventionPublic, ("public_type", "age_band", "sex", "count")),
    "partner": (InterventionPartner, ("partner_type", "role")),
    "signalement": (TechSignalement, ("signal_type", "recipient_type", "treated")),
    "presence": (PresenceActive, ("presence_type", "time_band", "duration_min", "informal_contacts")),
    "action": (ActionCollective, ("registre", "theme", "participants", "duration_min")),
    "meeting": (PartnerMeeting, ("meeting_type", "duration_min")),
}


def check_sources() -> list[str]:
    """The sources that would break the rule « tier O only » (empty when all is well): a column of
    :data:`READS` of another tier, or a cell built from a figures table that :data:`READS` does not list."""
    problems = [
        f"{table.name}.{column} ({tier_of(table.c[column])})"
        for model, columns in READS.values()
        for table in [cast(Table, model.__table__)]  # type: ignore[attr-defined]
        for column in columns
        if tier_of(table.c[column]) is not Tier.OBSERVATORY
    ]
    tables = {table for table, _column, _where in SOURCES.values()} | set(_TERRITORY_TABLES.values())
    problems += sorted(t for t in tables if t.rsplit(".", 1)[0] not in READS)
    return problems


def _observatory_only(totals: Totals) -> Totals:
    """The figures tables of :data:`READS` alone (no pseudonym, dispositif name nor device goes further)."""
    problems = check_sources()
    if problems:
        raise ValueError("colonnes interdites dans l'export Observatoire : " + ", ".join(problems))
    tables = {name: rows for name, rows in totals.tables.items() if name.rsplit(".", 1)[0] in READS}
    return Totals(tables)


def departement(commune: str) -> str:
    """The département of an INSEE commune code (three characters overseas: 971…, 976, 98x)."""
    return commune[:3] if commune[:2] in ("97", "98") else commune[:2]


def is_monthly(months: Sequence[int]) -> bool:
    return len(months) == 1


def omitted_for(months: Sequence[int], referentiel: Referentiel) -> frozenset[tuple[str, ...]]:
    """What a file of ``months`` leaves out: the sensitive motifs' cells in a monthly file (§7.4, rule 5)."""
    if not is_monthly(months):
        return frozenset()
    return frozenset((NB_INTERVENTIONS, MOTIF, code) for code in referentiel.sensitive_codes(MOTIF))


def _with_derived(totals: Totals) -> Totals:
    """The figures plus the new situations (interventions minus follow-ups), per registre and territory."""
    tables = dict(totals.tables)
    for name in ("int.registre", "int.territory"):
        n, suivi = totals.table(f"{name}.n"), totals.table(f"{name}.suivi")
        tables[f"{name}.new"] = {
            key: value - suivi.get(key, 0) for key, value in n.items() if value - suivi.get(key, 0)
        }
    return Totals(tables, totals.devices)


def _modalities(referentiel: Referentiel, dimension: str, seen: Iterable[str]) -> list[str]:
    """Every code of the vocabulary (active ones), the codes met in the data, and ``NR``."""
    codes = dict.fromkeys(referentiel.codes(dimension))
    codes.update(dict.fromkeys(sorted(seen)))
    codes[NR] = None
    return list(codes)


def _one_way(totals: Totals, referentiel: Referentiel, omitted: frozenset[tuple[str, ...]]) -> dict[CellKey, int]:
    values: dict[CellKey, int] = {}
    for (indicator, dimension), (table, column, where) in SOURCES.items():
        filters = dict(where or {})
        if column is None:
            values[CellKey(indicator)] = totals.total(table, **filters)
            continue
        folded = {
            (key[0] if key[0] is not None else NR): v for key, v in totals.fold(table, [column], **filters).items()
        }
        for code in _modalities(referentiel, dimension, folded):
            if (indicator, dimension, code) not in omitted:
                values[CellKey(indicator, dimension=dimension, modality=code)] = folded.get(code, 0)
    return values


def _territorial(totals: Totals) -> dict[CellKey, int]:
    """Domain, commune, département and QPV cells of the interventions' indicators (and territory × domain)."""
    values: dict[CellKey, int] = defaultdict(int)
    for indicator, table in _TERRITORY_TABLES.items():
        for (commune_code, qpv, domain), value in totals.table(table).items():
            commune = commune_code or NR  # never empty: the column is required
            places: list[tuple[TerritoryLevel, str]] = [
                ("COMMUNE", commune),
                ("DEPARTEMENT", departement(commune)),
                ("QPV", qpv or NR),
            ]
            values[CellKey(indicator, domain=domain or NR)] += value
            for level, code in places:
                values[CellKey(indicator, level, code)] += value
                values[CellKey(indicator, level, code, domain or NR)] += value
    return dict(values)


def cells_of(totals: Totals, referentiel: Referentiel, months: Sequence[int]) -> dict[CellKey, int]:
    """Every cell of a file over ``months`` whose figures are ``totals`` (zeros of the one-way tables included)."""
    derived = _with_derived(_observatory_only(totals))
    values = _one_way(derived, referentiel, omitted_for(months, referentiel))
    for key, value in _territorial(derived).items():
        values[key] = value
    return values


def release_of(figures: Mapping[int, Totals], period: str, months: Sequence[int], referentiel: Referentiel) -> Release:
    """The :class:`Release` of a period from its months' figures (unprotected: nothing masked yet)."""
    totals = combine(figures[month] for month in months)
    return Release(
        period=period,
        months=tuple(months),
        values=cells_of(totals, referentiel, months),
        omitted=omitted_for(months, referentiel),
    )


def structure_for(keys: Iterable[CellKey]) -> Structure:
    """The additive structure of a set of cells, by rule (see the module's docstring).

    Equations: the modalities of an additive dimension sum to the total; the domains to ``*``; the
    communes, the départements and the QPV (codes, ``HORS_QPV``, ``NR``) each to the structure, for
    ``*`` and for each domain; a territory's domains to the territory; a département's communes to it.
    Bounds: a motif cell never exceeds the total, and the indicators of :data:`_ORDERED`.
    """
    present = frozenset(keys)
    parts: dict[CellKey, list[CellKey]] = defaultdict(list)
    bounds: list[Bound] = []
    for key in sorted(present):
        at_structure = key.territory_level == "STRUCTURE"
        if key.dimension != TOTAL:
            total = CellKey(key.indicator, key.territory_level, key.territory_code, key.domain)
            if key.dimension in NON_ADDITIVE:
                bounds.append(Bound(key, total))
            else:
                parts[total].append(key)
        elif at_structure and key.domain != ALL:
            parts[CellKey(key.indicator)].append(key)
        elif not at_structure:
            parts[CellKey(key.indicator, domain=key.domain)].append(key)  # a level's territories, by domain
            if key.domain != ALL:
                parts[CellKey(key.indicator, key.territory_level, key.territory_code)].append(key)
            if key.territory_level == "COMMUNE":
                dep = CellKey(key.indicator, "DEPARTEMENT", departement(key.territory_code), key.domain)
                parts[dep].append(key)
    equations: list[Equation] = []
    for total, members in sorted(parts.items()):
        if total not in present:
            continue
        groups: dict[tuple[str, str], list[CellKey]] = defaultdict(list)
        for member in members:  # one equation per dimension, and per level (communes, départements, QPV)
            groups[member.territory_level, member.dimension].append(member)
        for _group, group in sorted(groups.items()):
            equations.append(Equation(total, tuple(sorted(group))))
    for smaller, larger in _ORDERED:
        for key in sorted(present):
            if key.indicator != smaller:
                continue
            other = CellKey(larger, key.territory_level, key.territory_code, key.domain, key.dimension, key.modality)
            if other in present:
                bounds.append(Bound(key, other))
    return Structure(tuple(equations), tuple(sorted(set(bounds), key=lambda b: (b.smaller, b.larger))))


__all__ = [
    "HORS_QPV",
    "INDICATORS",
    "SOURCES",
    "cells_of",
    "departement",
    "omitted_for",
    "release_of",
    "structure_for",
]
