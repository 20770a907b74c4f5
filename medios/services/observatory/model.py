"""The shared vocabulary of the observatory export (format ``medios-observatoire/1``, domain brief §7).

A *cell* is one published figure: an indicator, for one territory (or the whole structure), one
domain (or all), and one modality of one dimension (or the total), over one period.  The same
:class:`CellKey` names the same figure in every period; the period travels beside it.

The additive structure (:class:`Structure`) is the same for every month: equations (a total equals
the sum of its parts) and bounds (a cell never exceeds another).  A quarter's or a year's cell is the
sum of the same key over its months, so that every file of a structure can be checked together at the
month level (see :mod:`medios.services.observatory.suppression`).

This module holds plain data only (and the threshold rule): no database, no file, no Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

from medios.i18n import translate

FORMAT: Final = "medios-observatoire/1"
DEFAULT_THRESHOLD: Final = 11
MIN_THRESHOLD: Final = 5

ALL: Final = "*"  # territory_code, domain: every territory or domain
TOTAL: Final = "TOTAL"  # dimension of a total cell (its modality is ALL)
NR: Final = "NR"  # modality or territory code « non renseigné »
HORS_QPV: Final = "HORS_QPV"


def check_threshold(threshold: int) -> None:
    """Refuse a threshold below :data:`MIN_THRESHOLD` (French message)."""
    if threshold < MIN_THRESHOLD:
        raise ValueError(
            translate("Observatory", "seuil {threshold} refusé : {minimum} au moins.").format(
                threshold=threshold, minimum=MIN_THRESHOLD
            )
        )


TerritoryLevel = Literal["STRUCTURE", "DEPARTEMENT", "COMMUNE", "QPV"]
Status = Literal["D", "M"]  # diffusé, masqué

# Indicators whose values are minutes: they are not counts of persons or events, and copy the mask of
# the count cell of the same key (``MINUTES_OF``).  Every other indicator is a count (primary rule).
MINUTES_OF: Final[Mapping[str, str]] = {
    "DUREE_INTERVENTIONS_MIN": "NB_INTERVENTIONS",
    "DUREE_PAP_MIN": "NB_SORTIES_PAP",
    "DUREE_REUNIONS_MIN": "NB_REUNIONS",
}


@dataclass(frozen=True, order=True)
class CellKey:
    """What a cell counts, whatever the period (the columns of ``cellules.csv`` but period and value)."""

    indicator: str
    territory_level: TerritoryLevel = "STRUCTURE"
    territory_code: str = ALL
    domain: str = ALL
    dimension: str = TOTAL
    modality: str = ALL

    @property
    def is_minutes(self) -> bool:
        return self.indicator in MINUTES_OF

    def omitted_in(self, omitted: frozenset[tuple[str, ...]]) -> bool:
        """Whether the key belongs to a family left out of a file (see :attr:`Release.omitted`)."""
        return (self.indicator, self.dimension) in omitted or (self.indicator, self.dimension, self.modality) in omitted

    def count_key(self) -> CellKey:
        """The count cell whose mask a minutes cell copies (itself for a count cell)."""
        indicator = MINUTES_OF.get(self.indicator)
        if indicator is None:
            return self
        return CellKey(indicator, self.territory_level, self.territory_code, self.domain, self.dimension, self.modality)

    def text(self) -> str:
        """A stable one-line form (``INDICATOR|LEVEL|CODE|DOMAIN|DIMENSION|MODALITY``): ledger key and messages."""
        return "|".join(
            (self.indicator, self.territory_level, self.territory_code, self.domain, self.dimension, self.modality)
        )

    @classmethod
    def parse(cls, text: str) -> CellKey:
        parts = text.split("|")
        if len(parts) != 6:
            raise ValueError(f"clé de cellule illisible : {text!r}")
        indicator, level, code, domain, dimension, modality = parts
        if level not in ("STRUCTURE", "DEPARTEMENT", "COMMUNE", "QPV"):
            raise ValueError(f"niveau de territoire inconnu : {level!r}")
        return cls(indicator, level, code, domain, dimension, modality)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Equation:
    """``total = Σ parts`` in every month (so in every period)."""

    total: CellKey
    parts: tuple[CellKey, ...]


@dataclass(frozen=True)
class Bound:
    """``smaller ≤ larger`` in every month (a motif count never exceeds the interventions, …)."""

    smaller: CellKey
    larger: CellKey


@dataclass(frozen=True)
class Structure:
    """The declared additive structure of a file (``additivite.json``)."""

    equations: tuple[Equation, ...] = ()
    bounds: tuple[Bound, ...] = ()


@dataclass(frozen=True)
class Release:
    """One file's cells: its period (label and months ``yyyymm``), every cell's true value, and its status.

    ``values`` holds every cell of the file (zeros included).  ``masked`` is the set of masked keys
    (empty before suppression).  A key of the structure absent from ``values`` is published as zero,
    unless it is in ``omitted`` (then it is unknown): an ``(indicator, dimension)`` family, or one
    ``(indicator, dimension, modality)`` cell family (the sensitive motifs of a monthly file).
    """

    period: str
    months: tuple[int, ...]
    values: Mapping[CellKey, int]
    masked: frozenset[CellKey] = frozenset()
    omitted: frozenset[tuple[str, ...]] = frozenset()  # families left out (see above)

    def published(self) -> dict[CellKey, int | None]:
        """What a reader of the file sees: the value, or None when masked."""
        return {key: (None if key in self.masked else value) for key, value in self.values.items()}


@dataclass(frozen=True)
class Published:
    """A file as a reader (the auditor, an attacker) sees it: no true value behind a masked cell."""

    period: str
    months: tuple[int, ...]
    cells: Mapping[CellKey, int | None]  # None: masked
    omitted: frozenset[tuple[str, ...]] = frozenset()
    threshold: int = DEFAULT_THRESHOLD
    # The versions of the data the file describes: 0 the current one.  A file whose data changed after it
    # was sent describes an earlier version only; the files it was checked against share that version.
    versions: frozenset[int] = frozenset({0})


@dataclass(frozen=True, slots=True)
class Link:
    """A cell known to hold the same true value in two versions of the data (its value did not change)."""

    versions: tuple[int, int]
    months: tuple[int, ...]
    key: CellKey


@dataclass(frozen=True)
class Risk:
    """A cell whose publication discloses too much, found by the auditor (French ``reason``)."""

    period: str
    key: CellKey
    reason: str
    low: float | None = None  # the feasible interval of a masked cell, when that is the problem
    high: float | None = None


@dataclass(frozen=True)
class Verdict:
    """The auditor's answer on one file or a set of files."""

    cells: int
    masked: int
    risks: tuple[Risk, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.risks
