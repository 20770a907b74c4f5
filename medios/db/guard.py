"""Check what a query outputs against the privacy tiers, before a report or a file reads it.

Internal reports (audience ``Tier.CONFIDENTIAL``) may emit C and O columns, observatory files
(``Tier.OBSERVATORY``) only O.  Neither ever emits a local column (L) nor a key (K): keys are read to
join, filter, group and sort, and :func:`check_select` lets them do so.

Each output column of the statement is traced down to the table columns it derives from: labels,
expressions, ``CASE`` (conditions included), functions, casts, scalar subqueries, subqueries, CTEs,
aliases and unions.  What only appears in ``JOIN``, ``WHERE``, ``GROUP BY``, ``ORDER BY``, a window's
``PARTITION BY`` or an aggregate's ``FILTER`` is not output and is not checked.  ``count(...)`` and
``EXISTS (...)`` emit a number or a truth value, never a value of their arguments: an output derived
only through them is allowed.  SQL text (``text()``, ``literal_column()``, ``column()``, ``table()``)
has no known provenance and is refused.

The guard checks tiers, not generalisation: an observatory exporter still groups dates by month and
suppresses small counts itself (domain brief §7.4).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import ColumnElement, CompoundSelect, Select
from sqlalchemy.sql import functions
from sqlalchemy.sql.elements import (
    BindParameter,
    ClauseElement,
    ColumnClause,
    False_,
    FunctionFilter,
    Null,
    Over,
    TextClause,
    True_,
)
from sqlalchemy.sql.schema import Column, Table
from sqlalchemy.sql.selectable import Exists, ScalarSelect

from medios.db.models import Tier, audience_tiers, tier_of

_SEVERITY = (Tier.LOCAL, Tier.KEY, Tier.CONFIDENTIAL, Tier.OBSERVATORY)
_AUDIENCE_NAMES = {Tier.CONFIDENTIAL: "un rapport interne", Tier.OBSERVATORY: "un fichier de l'Observatoire"}


class TierViolation(PermissionError):
    """A query would output a column its audience may not see (or whose provenance is unknown)."""

    def __init__(self, message: str, *, column: str, tier: Tier | None) -> None:
        super().__init__(message)
        self.column = column  # "table.column", or the SQL text of an expression of unknown provenance
        self.tier = tier  # None when the provenance is unknown


class _Unknown:
    """An output element whose table columns cannot be known (SQL text, a column without a table)."""

    __slots__ = ("element",)

    def __init__(self, element: ClauseElement) -> None:
        self.element = element


def check_select(statement: Select[Any] | CompoundSelect[Any], audience: Tier) -> None:
    """Raise :class:`TierViolation` unless every output column of ``statement`` may reach ``audience``.

    ``audience`` is ``Tier.CONFIDENTIAL`` (internal reports: C and O) or ``Tier.OBSERVATORY`` (O only).
    The error names the worst offender: SQL text of unknown provenance, then L, then K, then C.
    """
    allowed = audience_tiers(audience)
    refused: dict[str, Tier] = {}
    for origin in output_origins(statement):
        if isinstance(origin, _Unknown):
            text = " ".join(str(origin.element).split())
            raise TierViolation(
                f"requête refusée pour {_AUDIENCE_NAMES[audience]} : la colonne « {text} » est du texte SQL "
                "de provenance inconnue ; écrivez-la avec les colonnes des modèles.",
                column=text,
                tier=None,
            )
        tier = tier_of(origin)
        if tier not in allowed:
            refused.setdefault(f"{origin.table.name}.{origin.name}", tier)
    if refused:
        name, tier = min(refused.items(), key=lambda item: _SEVERITY.index(item[1]))
        what = "une clé" if tier is Tier.KEY else "une colonne"
        raise TierViolation(
            f"requête refusée pour {_AUDIENCE_NAMES[audience]} : elle ferait sortir {name}, {what} de niveau "
            f"{tier.value}.",
            column=name,
            tier=tier,
        )


def output_origins(statement: Select[Any] | CompoundSelect[Any]) -> Iterator[Column[Any] | _Unknown]:
    """The table columns (or elements of unknown provenance) that the output of ``statement`` derives from."""
    if not isinstance(statement, Select | CompoundSelect):
        raise TypeError(f"check_select attend un select(), reçu {type(statement).__name__}")
    yield from _select_origins(statement, {})


def _origins(element: ClauseElement, seen: dict[int, ClauseElement]) -> Iterator[Column[Any] | _Unknown]:
    if id(element) in seen:  # the dict keeps the element alive, so that its id is not reused
        return
    seen[id(element)] = element
    if isinstance(element, Column) and isinstance(element.table, Table):
        yield element
    elif isinstance(element, Exists) or _is_count(element):
        return  # a truth value or a number of rows: no value of the arguments comes out
    elif isinstance(element, BindParameter | Null | True_ | False_):
        return  # a value written by the application, not read from a table
    elif isinstance(element, TextClause):
        yield _Unknown(element)
    elif isinstance(element, FunctionFilter):
        yield from _origins(element.func, seen)  # FILTER (WHERE …) selects rows, like WHERE
    elif isinstance(element, Over):
        if element.element is not None:
            yield from _origins(element.element, seen)  # PARTITION BY / ORDER BY only arrange rows
    elif isinstance(element, ScalarSelect):
        yield from _select_origins(element.element, seen)
    elif isinstance(element, Select | CompoundSelect):
        yield from _select_origins(element, seen)  # e.g. ``x IN (SELECT …)`` in the output
    elif isinstance(element, ColumnElement) and _is_proxy(element):
        for base in element.base_columns:  # a label, or a column of a subquery, CTE, alias or union
            yield from _origins(base, seen)
    elif isinstance(element, ColumnClause):
        yield _Unknown(element)  # literal_column(), column(), a table() column, a textual select's column
    else:
        for child in element.get_children():
            yield from _origins(child, seen)


def _select_origins(select: Any, seen: dict[int, ClauseElement]) -> Iterator[Column[Any] | _Unknown]:
    if isinstance(select, CompoundSelect):
        for part in select.selects:
            yield from _select_origins(part, seen)
        return
    if not isinstance(select, Select):
        yield _Unknown(select)
        return
    # Text in the columns clause is not in selected_columns: look at what the statement was built with.
    for description in select.column_descriptions:
        if isinstance(description["expr"], TextClause):
            yield _Unknown(description["expr"])
    for column in select.selected_columns:
        yield from _origins(column, seen)


def _is_count(element: ClauseElement) -> bool:
    return isinstance(element, functions.count) or (
        isinstance(element, functions.Function) and element.name.lower() == "count"
    )


def _is_proxy(element: ColumnElement[Any]) -> bool:
    """Whether ``element`` stands for other columns (its base columns are not itself)."""
    bases = element.base_columns
    return not (len(bases) == 1 and next(iter(bases)) is element)
