"""The observatory export, end to end: quality check, cells, protection, CNIL tests, file, ledger, audit.

:func:`prepare` computes everything a coordinator sees before exporting (the pre-export data-quality
check, the protected cells, what is masked and why, the verdict of the audit run together with the
structure's earlier files, the three CNIL tests) without writing anything.  :func:`export` writes the
file atomically (nothing under the final name unless complete), reads it back and audits it again
with the earlier files, then records it in the ledger (migration 0009).  :func:`check_files` is the
auditor of ``medios observatory check``: it trusts nothing but the files' own content.

The figures are the monthly reports' (:mod:`medios.services.indicators`), closed months read from
their snapshot; :mod:`medios.services.observatory.cells` names them as cells.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from medios.db import Database
from medios.export import observatory as fmt
from medios.files import describe_os_error
from medios.i18n import translate
from medios.referentiel import Referentiel, active, load_registry
from medios.services import closure, indicators, structure
from medios.services.aggregates import STRUCTURE, Period
from medios.services.errors import FieldError, ValidationError
from medios.services.indicators.figures import combine
from medios.services.observatory import cells, ledger, suppression
from medios.services.observatory.model import (
    ALL,
    DEFAULT_THRESHOLD,
    FORMAT,
    TOTAL,
    CellKey,
    Link,
    Published,
    Release,
    Structure,
    Verdict,
    check_threshold,
)

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
# Share of « non renseigné » above which the quality check warns (domain brief §6 uses 10 %).
NR_WARNING: Final = 0.10
# Key fields of the quality check: (label, figures table, its dimension).
_NR_FIELDS: Final = (
    ("origine", "int.context.n", "origin"),
    ("modalité", "int.context.n", "modality"),
    ("niveau de tension", "int.context.n", "tension"),
    ("QPV", "int.territory.n", "qpv"),
)


class ExportRefused(ValueError):
    """An export that cannot be made; ``str()`` says why, in French, for the coordinator."""


# --------------------------------------------------------------------------- periods


def parse_period(text: str) -> tuple[str, Period]:
    """``YYYY-MM``, ``YYYY-Qn`` or ``YYYY``: the observatory's periods (no free range: files must nest)."""
    value = text.strip()
    if match := _MONTH.match(value):
        month = int(match[1]) * 100 + int(match[2])
        return value, Period(month, month)
    if match := _QUARTER.match(value):
        year, quarter = int(match[1]), int(match[2])
        return value, Period(year * 100 + 3 * quarter - 2, year * 100 + 3 * quarter)
    if match := _YEAR.match(value):
        return value, Period.year(int(match[1]))
    raise ValidationError(
        [
            FieldError(
                "period",
                translate(
                    "Observatory",
                    "période « {text} » non comprise : écrivez un mois (2026-10), un trimestre (2026-Q3) ou une année (2026).",
                ).format(text=value),
            )
        ]
    )


# --------------------------------------------------------------------------- quality check


@dataclass(frozen=True, slots=True)
class QualityItem:
    """One line of the pre-export check (French); ``blocking`` ones forbid the export."""

    text: str
    blocking: bool = False


@dataclass(frozen=True, slots=True)
class Quality:
    items: tuple[QualityItem, ...]
    open_months: tuple[int, ...]  # months of the period not closed (export after confirmation)

    @property
    def blocking(self) -> tuple[QualityItem, ...]:
        return tuple(item for item in self.items if item.blocking)


def _percent(share: float) -> str:
    return f"{share * 100:.1f}".replace(".", ",") + " %"


def quality_check(db: Database, period: Period, totals: indicators.Totals) -> Quality:
    """Shares of « non renseigné », months not closed, mediators without time, missing profile fields."""
    items: list[QualityItem] = []
    n = totals.total("int.registre.n")
    if n == 0:
        items.append(QualityItem(translate("Observatory", "aucune intervention sur la période.")))
    for label, table, dimension in _NR_FIELDS:
        missing = sum(v for k, v in totals.fold(table, [dimension]).items() if k[0] in (None, "NR"))
        if n and missing / n > NR_WARNING:
            items.append(
                QualityItem(
                    translate("Observatory", "« {field} » non renseigné pour {share} des interventions ({n}).").format(
                        field=label, share=_percent(missing / n), n=missing
                    )
                )
            )
    states = closure.month_states(db, list(period.months()))
    open_months = tuple(m for m, state in sorted(states.items()) if state.status != closure.CLOSED)
    if open_months:
        names = ", ".join(closure.month_text(m) for m in open_months)
        items.append(
            QualityItem(
                translate(
                    "Observatory",
                    "mois non clôturés : {months} (l'export demande une confirmation et le fichier le dira).",
                ).format(months=names)
            )
        )
    entered = {key[0] for key, value in totals.table("entry.min").items() if value}
    silent = sorted(
        m.pseudonym for m in structure.list_mediators(db) if m.role == "MEDIATEUR" and m.pseudonym not in entered
    )
    if silent:
        items.append(
            QualityItem(
                translate("Observatory", "médiateurs sans aucun temps saisi sur la période : {names}.").format(
                    names=", ".join(silent)
                )
            )
        )
    settings = structure.get_structure(db)
    details = settings.details
    if not details.observatory_id:
        items.append(
            QualityItem(
                translate(
                    "Observatory",
                    "identifiant Observatoire absent : renseignez-le dans les Paramètres de la structure avant d'exporter.",
                ),
                blocking=True,
            )
        )
    missing_fields = [
        label
        for label, absent in (
            (translate("Observatory", "réseau"), not details.networks),
            (translate("Observatory", "commune du siège"), not details.hq_commune),
            (translate("Observatory", "statut juridique"), not settings.legal_status),
        )
        if absent
    ]
    if missing_fields:
        items.append(
            QualityItem(
                translate("Observatory", "profil de la structure incomplet : {fields}.").format(
                    fields=", ".join(missing_fields)
                )
            )
        )
    return Quality(tuple(items), open_months)


# --------------------------------------------------------------------------- preparing


@dataclass(frozen=True)
class Prepared:
    """Everything shown before the export; :func:`export` writes exactly this."""

    period: str
    months: tuple[int, ...]
    threshold: int
    referentiel: Referentiel
    observatory_id: str
    release: Release  # protected
    structure: Structure
    earlier: tuple[Published, ...]  # each with the versions of the data it describes (0: the current one)
    earlier_hashes: tuple[tuple[str, str], ...]  # (period, SHA-256) of the files checked against
    verdict: Verdict
    quality: Quality
    cnil: Mapping[str, tuple[bool, str]]
    profile: Mapping[str, Any] | None = None
    primary: frozenset[CellKey] = field(default_factory=frozenset)
    links: tuple[Link, ...] = ()  # cells of a stale earlier file whose value did not change
    basis: tuple[uuid.UUID, ...] = ()  # the earlier files still true of the data (``checked_against``)
    stale: tuple[ledger.ExportRecord, ...] = ()  # earlier files whose data changed since

    @property
    def ok(self) -> bool:
        return all(passed for passed, _detail in self.cnil.values()) and not self.quality.blocking

    def check_lines(self) -> list[str]:
        """The pre-export check in words: each point to check, then each CNIL test and its verdict."""
        lines = [translate("Observatory", "À vérifier : {text}").format(text=item.text) for item in self.quality.items]
        for code, (ok, detail) in self.cnil.items():
            status = translate("Observatory", "réussi") if ok else translate("Observatory", "échoué")
            lines.append(
                translate("Observatory", "Test CNIL « {name} » : {status} ({detail})").format(
                    name=cnil_test_name(code), status=status, detail=detail
                )
            )
        return lines

    def reason(self, key: CellKey) -> str:
        """Why a cell is masked, in words."""
        if key.is_minutes:
            return translate("Observatory", "minutes d'une cellule de comptage masquée")
        if key in self.primary:
            return translate("Observatory", "moins de {threshold} : trop peu pour être publié").format(
                threshold=self.threshold
            )
        return translate("Observatory", "masquée pour qu'on ne puisse pas retrouver une autre cellule masquée")


_CODE = re.compile(r"[A-Za-z0-9_*]{1,32}")


def cnil_test_name(code: str) -> str:
    """The words for one of the three CNIL tests (the manifest keeps the codes)."""
    names = {
        "individualisation": translate("Observatory", "individualisation : isoler une personne"),
        "correlation": translate("Observatory", "corrélation : relier des données sur une même personne"),
        "inference": translate("Observatory", "inférence : déduire une information sur une personne"),
    }
    return names.get(code, code)


def cnil_tests(
    release: Release, verdict: Verdict, threshold: int, sensitive: frozenset[str]
) -> dict[str, tuple[bool, str]]:
    """The three tests of the Article 29 group (opinion 05/2014), as (passed, French detail)."""
    published = release.published()
    small = [k for k, v in published.items() if v is not None and 0 < v < threshold and not k.is_minutes]
    fine = [
        k
        for k in release.values
        if not all(_CODE.fullmatch(part) for part in (k.territory_code, k.domain, k.dimension, k.modality))
    ]
    coarse_motifs = [
        k
        for k in release.values
        if k.dimension == cells.MOTIF
        and k.modality in sensitive
        and (
            cells.is_monthly(release.months) or k.territory_level not in ("STRUCTURE", "DEPARTEMENT") or k.domain != ALL
        )
    ]
    individualisation = (
        translate("Observatory", "chaque nombre publié vaut 0 ou au moins {threshold}").format(threshold=threshold)
        if not small
        else translate("Observatory", "{n} nombre(s) publié(s) entre 1 et {high}").format(
            n=len(small), high=threshold - 1
        )
    )
    correlation = (
        translate(
            "Observatory",
            "aucun identifiant, nom, date ni texte libre : des codes du référentiel, le mois, la commune ou le QPV au plus fin",
        )
        if not fine
        else translate("Observatory", "{n} cellule(s) portent une clé qui n'est pas un code").format(n=len(fine))
    )
    if not verdict.ok:
        inference = translate("Observatory", "{n} cellule(s) masquée(s) recalculables").format(n=len(verdict.risks))
    elif coarse_motifs:
        inference = translate("Observatory", "motifs sensibles publiés trop finement : {n} cellule(s)").format(
            n=len(coarse_motifs)
        )
    else:
        inference = translate(
            "Observatory",
            "aucune cellule masquée ne peut être approchée à moins de {threshold} près, fichiers déjà envoyés compris ; motifs sensibles au trimestre ou à l'année seulement",
        ).format(threshold=threshold)
    return {
        "individualisation": (not small, individualisation),
        "correlation": (not fine, correlation),
        "inference": (verdict.ok and not coarse_motifs, inference),
    }


def _profile(
    db: Database, year: int, referentiel: Referentiel, totals: indicators.Totals, threshold: int
) -> dict[str, Any]:
    """``profil.json`` of a yearly file (§7.3); head-count breakdowns follow the primary rule (null)."""
    import medios

    settings = structure.get_structure(db)
    details = settings.details
    first, last = f"{year}-01-01", f"{year}-12-31"
    staff = [
        m
        for m in structure.list_mediators(db)
        if m.role == "MEDIATEUR"
        and (m.details.start_date is None or m.details.start_date.isoformat() <= last)
        and (m.details.end_date is None or m.details.end_date.isoformat() >= first)
    ]

    def masked(counts: Mapping[str, int]) -> dict[str, int | None]:
        return {k: (None if 0 < v < threshold else v) for k, v in sorted(counts.items())}

    by_contract: dict[str, int] = {}
    fte_by_contract: dict[str, float] = {}
    by_qualification: dict[str, int] = {}
    for m in staff:
        contract = m.details.contract or "NR"
        by_contract[contract] = by_contract.get(contract, 0) + 1
        fte_by_contract[contract] = fte_by_contract.get(contract, 0.0) + (m.details.fte_percent or 0) / 100
        for qualification in m.details.qualifications or {"NR"}:
            by_qualification[qualification] = by_qualification.get(qualification, 0) + 1
    dispositifs = [
        d
        for d in structure.list_dispositifs(db)
        if d.start_date.isoformat() <= last and (d.end_date is None or d.end_date.isoformat() >= first)
    ]
    by_domain: dict[str, int] = {}
    funders: dict[str, int] = {}
    bands: set[str] = set()
    for d in dispositifs:
        by_domain[d.main_domain] = by_domain.get(d.main_domain, 0) + 1
        bands |= d.links.time_bands
        for funder in d.links.funders:
            funders[funder] = funders.get(funder, 0) + 1
    territory = totals.table("int.territory.n")
    hq = details.hq_commune
    return {
        "observatory_id": details.observatory_id,
        "year": year,
        "referentiel_version": referentiel.version,
        "software": f"Médios {medios.__version__}",
        "legal_status": settings.legal_status,
        "networks": sorted(details.networks),
        "afnor_certified": details.afnor_certified_on is not None,
        "afnor_year": details.afnor_certified_on.year if details.afnor_certified_on else None,
        "hq_departement": cells.departement(hq) if hq else None,
        "communes_served": len({commune for commune, _qpv, _domain in territory}),
        "qpv_served": sorted({qpv for _commune, qpv, _domain in territory if qpv and qpv not in ("HORS_QPV", "NR")}),
        "dispositifs": {
            "count_by_main_domain": dict(sorted(by_domain.items())),
            "time_bands": sorted(bands),
            "funders": dict(sorted(funders.items())),
        },
        "headcount": len(staff),
        "fte_total": round(sum(fte_by_contract.values()), 2),
        "headcount_by_contract": masked(by_contract),
        "fte_by_contract": {
            k: (None if 0 < by_contract[k] < threshold else round(v, 2)) for k, v in sorted(fte_by_contract.items())
        },
        "headcount_by_qualification": masked(by_qualification),
    }


_STEPS: Final = 100  # the unit of prepare's progress


@dataclass(frozen=True)
class _Versions:
    files: tuple[Published, ...]
    links: tuple[Link, ...]
    basis: tuple[ledger.Earlier, ...]
    stale: tuple[ledger.Earlier, ...]


def _maximal(groups: Sequence[frozenset[Any]]) -> list[frozenset[Any]]:
    """The groups of files that no other group holds (one version of the data each), in their order: a
    group inside another describes the same data with fewer files."""
    kept: list[frozenset[Any]] = []
    for group in groups:
        if not any(group < other for other in groups) and group not in kept:
            kept.append(group)
    return kept


def _versions(earlier: Sequence[ledger.Earlier], figures: Mapping[int, Any], registry: Any) -> _Versions:
    """The earlier files as versions of the data.

    A file is still true of the data when every one of its cells hashes as the data give it now (the
    ledger keeps a SHA-256 of each true value): it describes the current version (0), with the new file.
    A stale file (a late entry, a correction since) describes the version of the day it was written,
    together with the files it was checked against (its basis): one more version, numbered from 1, unless
    another one already holds all of its files.  The cells whose value did not change are the same in
    both versions (:class:`Link`): a reader who knows them to be unchanged may combine the two.
    """
    changed: dict[uuid.UUID, frozenset[CellKey]] = {}
    for item in earlier:
        file = item.file
        now = cells.release_of(figures, file.period, file.months, registry.get(item.record.referentiel_version))
        changed[item.record.id] = frozenset(
            key
            for key, digest in item.digests.items()
            if ledger.value_digest(file.period, key, now.values.get(key, 0)) != digest
        )
    ids = {item.record.id for item in earlier}
    kept = _maximal([frozenset({item.record.id} | (item.basis & ids)) for item in earlier if changed[item.record.id]])
    files: list[Published] = []
    links: list[Link] = []
    for item in earlier:
        record_id = item.record.id
        versions = {number for number, group in enumerate(kept, start=1) if record_id in group}
        # The cells of the same value in both versions.  A file still true of the data holds in both:
        # only its masked cells need a link (a published one is fixed in both).
        same = [
            key
            for key in sorted(item.digests)
            if key not in changed[record_id] and (changed[record_id] or item.file.cells.get(key) is None)
        ]
        links += [Link((0, number), item.file.months, key) for number in sorted(versions) for key in same]
        if not changed[record_id]:
            versions.add(0)
        files.append(dataclasses.replace(item.file, versions=frozenset(versions)))
    return _Versions(
        tuple(files),
        tuple(links),
        tuple(item for item in earlier if not changed[item.record.id]),
        tuple(item for item in earlier if changed[item.record.id]),
    )


def prepare(
    db: Database,
    period_text: str,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    referentiel: Referentiel | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Prepared:
    """Everything the export will publish, protected and audited with the earlier files; writes nothing.

    ``progress(done, total)`` is called along the way (figures, protection, audit); it may raise to stop
    (the page's « Annuler »): nothing has been written."""
    report = progress or (lambda _done, _total: None)
    report(0, _STEPS)
    check_threshold(threshold)
    period_code, period = parse_period(period_text)
    months = period.months()
    referentiel = referentiel or active()
    linked = ledger.earlier_versions(db, months)
    wanted = sorted(set(months).union(*(item.file.months for item in linked)))
    figures, _frozen = closure.figures_of(db, wanted, STRUCTURE)
    totals = combine(figures[m] for m in months)
    quality = quality_check(db, period, totals)
    release = cells.release_of(figures, period_code, months, referentiel)
    report(10, _STEPS)
    versions = _versions(linked, figures, load_registry())
    report(15, _STEPS)
    if versions.stale:
        quality = dataclasses.replace(quality, items=(*quality.items, _stale_item(versions.stale)))
    earlier = versions.files
    keys = set(release.values)
    for file in earlier:
        keys.update(file.cells)
    universe = cells.structure_for(keys)  # the union's structure: a key absent from a file is a zero there
    # A key of an earlier file without activity in this period is written as an explicit zero: a zero
    # left implicit could not be masked, and the protection may need to mask it.
    missing = {key: 0 for key in keys - set(release.values) if not key.omitted_in(release.omitted)}
    if missing:
        release = dataclasses.replace(release, values={**release.values, **missing})
    protected = suppression.protect(
        release,
        universe,
        threshold,
        earlier=earlier,
        preferred=ledger.masked_before(db, months),
        links=versions.links,
        progress=lambda share: report(15 + round(70 * share), _STEPS),
    )
    if missing:  # the added zeros left unmasked say what an absent cell says: the file stays as it was
        kept = {k: v for k, v in protected.values.items() if k not in missing or k in protected.masked}
        protected = dataclasses.replace(protected, values=kept)
    file = _published(protected, threshold)
    verdict = suppression.audit([*earlier, file], universe, threshold, versions.links)
    report(95, _STEPS)
    details = structure.get_structure(db).details
    profile = _profile(db, months[0] // 100, referentiel, totals, threshold) if len(months) == 12 else None
    return Prepared(
        period=period_code,
        months=months,
        threshold=threshold,
        referentiel=referentiel,
        observatory_id=details.observatory_id or "",
        release=protected,
        structure=cells.structure_for(protected.values),
        earlier=earlier,
        earlier_hashes=tuple((item.record.period, item.record.file_sha256) for item in versions.basis),
        verdict=verdict,
        quality=quality,
        cnil=cnil_tests(protected, verdict, threshold, referentiel.sensitive_codes(cells.MOTIF)),
        profile=profile,
        primary=suppression.primary_masks(release, threshold),
        links=versions.links,
        basis=tuple(item.record.id for item in versions.basis),
        stale=tuple(item.record for item in versions.stale),
    )


def _stale_item(stale: Sequence[ledger.Earlier]) -> QualityItem:
    names = ", ".join(f"{item.record.period} ({item.record.file_sha256[:12]})" for item in stale)
    return QualityItem(
        translate(
            "Observatory",
            "fichiers déjà envoyés dont les données ont changé depuis : {files}. Le nouveau fichier est protégé "
            "avec eux ; exportez-en aussi une version corrigée.",
        ).format(files=names)
    )


def _published(release: Release, threshold: int) -> Published:
    return Published(release.period, release.months, release.published(), release.omitted, threshold)


# --------------------------------------------------------------------------- the file


def _labels(referentiel: Referentiel, keys: Sequence[CellKey]) -> dict[tuple[str, str], str]:
    labels: dict[tuple[str, str], str] = {}
    for key in keys:
        if key.dimension != TOTAL and key.dimension in referentiel.vocabularies:
            labels[("DIMENSION", key.dimension)] = referentiel.vocab(key.dimension).label()
            if key.modality in referentiel.vocab(key.dimension):
                labels[(key.dimension, key.modality)] = referentiel.label(key.dimension, key.modality)
        if key.domain != ALL and key.domain in referentiel.vocab("DOMAINE"):
            labels[("DOMAIN", key.domain)] = referentiel.label("DOMAINE", key.domain)
    for indicator, label in INDICATOR_LABELS.items():
        labels[("INDICATOR", indicator)] = label
    return labels


INDICATOR_LABELS: Final = {
    "NB_INTERVENTIONS": "Interventions",
    "NB_SITUATIONS_NOUVELLES": "Situations nouvelles (interventions qui ne sont pas une suite)",
    "DUREE_INTERVENTIONS_MIN": "Durée des interventions (minutes)",
    "NB_CONTACTS": "Contacts (personnes concernées, une personne peut revenir)",
    "NB_ORIENTATIONS": "Orientations vers un partenaire",
    "NB_SIGNALEMENTS": "Signalements techniques",
    "NB_SORTIES_PAP": "Tournées et permanences",
    "DUREE_PAP_MIN": "Durée des tournées et permanences (minutes)",
    "NB_CONTACTS_INFORMELS": "Contacts informels en tournée",
    "NB_ACTIONS_COLL": "Actions collectives",
    "NB_PARTICIPANTS": "Participants aux actions collectives",
    "NB_REUNIONS": "Réunions partenariales",
    "DUREE_REUNIONS_MIN": "Durée des réunions (minutes)",
}


def package_of(prepared: Prepared, *, replaces: str | None = None) -> fmt.Package:
    """The file's plain content: cell rows numbered in key order, the declared structure by cell id."""
    import medios

    release = prepared.release
    keys = sorted(release.values)
    ids = {key: number for number, key in enumerate(keys, start=1)}
    rows = tuple(
        fmt.CellRow(
            ids[key],
            release.period,
            key.territory_level,
            key.territory_code,
            key.domain,
            key.indicator,
            key.dimension,
            key.modality,
            None if key in release.masked else release.values[key],
            "M" if key in release.masked else "D",
        )
        for key in keys
    )
    additivity = {
        "equations": [
            {"total": ids[e.total], "parts": [ids[p] for p in e.parts]} for e in prepared.structure.equations
        ],
        "bounds": [{"smaller": ids[b.smaller], "larger": ids[b.larger]} for b in prepared.structure.bounds],
        "non_additive_dimensions": sorted(cells.NON_ADDITIVE),
    }
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "observatory_id": prepared.observatory_id,
        "period": release.period,
        "months": [f"{m // 100}-{m % 100:02d}" for m in release.months],
        "referentiel_version": prepared.referentiel.version,
        "threshold": prepared.threshold,
        "checked_against": [{"period": p, "file_sha256": h} for p, h in prepared.earlier_hashes],
        "omitted": [list(family) for family in sorted(release.omitted)],
        "cnil_tests": {name: {"ok": ok, "detail": detail} for name, (ok, detail) in prepared.cnil.items()},
        "open_months": [f"{m // 100}-{m % 100:02d}" for m in prepared.quality.open_months],
        "software_version": medios.__version__,
    }
    if replaces is not None:
        manifest["replaces_file_sha256"] = replaces
    return fmt.Package(manifest, rows, additivity, _labels(prepared.referentiel, keys), prepared.profile)


@dataclass(frozen=True, slots=True)
class Exported:
    record: ledger.ExportRecord
    path: str
    sha256: str
    verdict: Verdict


def export(
    db: Database,
    prepared: Prepared,
    path: str | os.PathLike[str],
    *,
    confirm_open_months: bool = False,
    replaces: uuid.UUID | None = None,
    actor_id: uuid.UUID | None = None,
) -> Exported:
    """Write the prepared file (atomically), audit it again from its bytes with the earlier files, record it.

    Refused (:class:`ExportRefused`, French, nothing written) when a CNIL test fails, the quality check
    blocks, or the period has open months and ``confirm_open_months`` is false; a ``ValidationError``,
    before anything is written, when ``actor_id`` is not of the coordination.
    """
    if actor_id is not None:
        with db.session() as session:
            closure.check_coordinator(
                session,
                actor_id,
                translate(
                    "Observatory", "seuls la coordination et l'administration peuvent exporter vers l'Observatoire."
                ),
            )
    for name, (ok, detail) in prepared.cnil.items():
        if not ok:
            raise ExportRefused(
                translate("Observatory", "export refusé : le test « {test} » de la CNIL échoue ({detail}).").format(
                    test=name, detail=detail
                )
            )
    if prepared.quality.blocking:
        raise ExportRefused(
            translate("Observatory", "export refusé : {reason}").format(reason=prepared.quality.blocking[0].text)
        )
    if prepared.quality.open_months and not confirm_open_months:
        raise ExportRefused(
            translate(
                "Observatory",
                "la période compte des mois non clôturés : confirmez l'export ou clôturez-les d'abord.",
            )
        )
    replaced_hash = None
    if replaces is not None:
        replaced = next((r for r in ledger.history(db) if r.id == replaces), None)
        if replaced is None:
            raise ExportRefused(translate("Observatory", "le fichier remplacé n'est pas dans le registre des exports."))
        replaced_hash = replaced.file_sha256
    content = fmt.build_package(package_of(prepared, replaces=replaced_hash))
    verdict = check_contents([content], earlier=prepared.earlier, links=prepared.links)
    if not verdict.ok:  # the file as written must pass, or it is not written
        raise ExportRefused(verdict_text(verdict))
    digest = hashlib.sha256(content).hexdigest()
    target = os.fspath(path)
    fmt.save_package(content, target)
    record = ledger.record(
        db,
        prepared.release,
        threshold=prepared.threshold,
        referentiel_version=prepared.referentiel.version,
        file_sha256=digest,
        open_months=prepared.quality.open_months,
        replaces=replaces,
        file_name=os.path.basename(target),
        actor_id=actor_id,
        basis=prepared.basis,
    )
    return Exported(record, target, digest, verdict)


# --------------------------------------------------------------------------- the auditor


def _key_of(row: fmt.CellRow) -> CellKey:
    try:
        return CellKey.parse(
            "|".join((row.indicator, row.territory_level, row.territory_code, row.domain, row.dimension, row.modality))
        )
    except ValueError as exc:
        raise fmt.PackageError(f"cellule {row.cell_id} : {exc}.") from None


def _file_of(package: fmt.Package, registry: Any) -> tuple[Published, set[CellKey]]:
    """A read file as the audit sees it, its codes checked against the référentiel version it names."""
    manifest = package.manifest
    version = str(manifest.get("referentiel_version", ""))
    if version not in registry:
        raise fmt.PackageError(
            translate("Observatory", "version du référentiel inconnue : « {version} ».").format(version=version)
        )
    referentiel = registry.get(version)
    threshold = int(manifest["threshold"])
    check_threshold(threshold)
    _code, period = parse_period(str(manifest["period"]))
    cells_read: dict[CellKey, int | None] = {}
    for row in package.cells:
        key = _key_of(row)
        if row.period != manifest["period"]:
            raise fmt.PackageError(
                translate("Observatory", "cellule {id} : période « {period} » différente de celle du fichier.").format(
                    id=row.cell_id, period=row.period
                )
            )
        if key.indicator not in cells.INDICATORS:
            raise fmt.PackageError(
                translate("Observatory", "cellule {id} : indicateur inconnu « {code} ».").format(
                    id=row.cell_id, code=key.indicator
                )
            )
        if key.dimension != TOTAL and (
            key.dimension not in referentiel.vocabularies
            or (key.modality != "NR" and not referentiel.is_valid(key.dimension, key.modality))
        ):
            raise fmt.PackageError(
                translate("Observatory", "cellule {id} : code « {code} » absent du référentiel {version}.").format(
                    id=row.cell_id, code=f"{key.dimension}/{key.modality}", version=version
                )
            )
        if key in cells_read:
            raise fmt.PackageError(translate("Observatory", "cellule {id} en double.").format(id=row.cell_id))
        cells_read[key] = row.value
    omitted = frozenset(tuple(family) for family in manifest.get("omitted", ()))
    file = Published(str(manifest["period"]), period.months(), cells_read, omitted, threshold)
    _check_declared(package, file)
    return file, set(cells_read)


def _check_declared(package: fmt.Package, file: Published) -> None:
    """The declared structure (``additivite.json``) must be the rule's, and hold on the published values."""
    by_id = {row.cell_id: _key_of(row) for row in package.cells}
    expected = cells.structure_for(file.cells)
    declared = {
        (by_id[e["total"]], tuple(sorted(by_id[p] for p in e["parts"])))
        for e in package.additivity.get("equations", ())
    }
    if declared != {(e.total, tuple(sorted(e.parts))) for e in expected.equations}:
        raise fmt.PackageError(
            translate("Observatory", "additivite.json ne déclare pas les équations du format pour ces cellules.")
        )
    for equation in expected.equations:
        values = [file.cells[equation.total], *(file.cells[p] for p in equation.parts)]
        if all(v is not None for v in values) and values[0] != sum(values[1:]):  # type: ignore[arg-type]
            raise fmt.PackageError(
                translate("Observatory", "équation fausse : {total} ne vaut pas la somme de ses parties.").format(
                    total=equation.total.text()
                )
            )


def check_contents(
    contents: Sequence[bytes], *, earlier: Sequence[Published] = (), links: Sequence[Link] = ()
) -> Verdict:
    """Audit files given as bytes (with ``earlier`` files already known as published cells).

    Files read alone are first audited as one version of the data.  When they contradict each other
    (a corrected file whose data changed, beside the files sent before), each file is audited with the
    files its manifest says it was checked against (``checked_against``): the files of one version of
    the data.  A set that contradicts itself even so is refused as inconsistent.
    """
    registry = load_registry()
    files: list[Published] = list(earlier)
    keys: set[CellKey] = set()
    thresholds: set[int] = set()
    for file in earlier:
        keys.update(file.cells)
        thresholds.add(file.threshold)
    read: list[tuple[str, Published, frozenset[str]]] = []
    for content in contents:
        package = fmt.read_package(content)
        published, file_keys = _file_of(package, registry)
        declared = frozenset(str(item.get("file_sha256", "")) for item in package.manifest.get("checked_against", ()))
        read.append((hashlib.sha256(content).hexdigest(), published, declared))
        files.append(published)
        keys.update(file_keys)
        thresholds.add(published.threshold)
    threshold = max(thresholds or {DEFAULT_THRESHOLD})
    structure_of = cells.structure_for(keys)
    verdict = suppression.audit(files, structure_of, threshold, links)
    if earlier or len(read) < 2 or not suppression.inconsistent(verdict):
        return verdict
    digests = {digest for digest, _file, _declared in read}
    kept = _maximal([frozenset({digest} | (declared & digests)) for digest, _file, declared in read])
    versioned = [
        dataclasses.replace(file, versions=frozenset(n for n, group in enumerate(kept) if digest in group))
        for digest, file, _declared in read
    ]
    return suppression.audit(versioned, structure_of, threshold)


def check_files(paths: Sequence[str | os.PathLike[str]]) -> Verdict:
    """``medios observatory check``: read and audit one file or a set of files of one structure."""
    contents = []
    ids: set[str] = set()
    for path in paths:
        try:
            with open(path, "rb") as handle:
                content = handle.read(fmt.MAX_TOTAL_BYTES + 1)
        except OSError as exc:
            raise fmt.PackageError(
                translate("Observatory", "impossible de lire « {path} » : {reason}.").format(
                    path=os.fspath(path), reason=describe_os_error(exc)
                )
            ) from exc
        if len(content) > fmt.MAX_TOTAL_BYTES:
            raise fmt.PackageError(
                translate("Observatory", "« {path} » est trop gros pour un fichier Observatoire.").format(
                    path=os.fspath(path)
                )
            )
        ids.add(str(fmt.read_package(content).manifest.get("observatory_id")))
        contents.append(content)
    if len(ids) > 1:
        raise fmt.PackageError(
            translate("Observatory", "ces fichiers viennent de structures différentes ({ids}).").format(
                ids=", ".join(sorted(ids))
            )
        )
    return check_contents(contents)


def verdict_text(verdict: Verdict) -> str:
    """« Contrôle réussi : 97 cellules masquées sur 1 284 », or the cells at risk."""
    from medios.export.french import format_count

    if verdict.ok:
        return translate("Observatory", "Contrôle réussi : {masked} cellules masquées sur {cells}.").format(
            masked=format_count(verdict.masked), cells=format_count(verdict.cells)
        )
    lines = [
        translate("Observatory", "Contrôle échoué : {n} cellule(s) à risque.").format(
            n=format_count(len(verdict.risks))
        )
    ]
    lines += [f"  {risk.period} {risk.key.text()} : {risk.reason}" for risk in verdict.risks[:50]]
    return "\n".join(lines)
