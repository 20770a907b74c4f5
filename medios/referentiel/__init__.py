"""Typed access to the versioned vocabularies (référentiel) shipped in ``resources/referentiel``.

Each version is one JSON file (format ``medios-referentiel/1``) holding every vocabulary with its terms,
French and English labels, and the old -> new mapping from the previous version.  Files are the
source of truth; :mod:`medios.db.referentiel_sync` mirrors them into the ``vocabulary_term`` table so
that SQL (reports, PostgreSQL) can join on them.  Codes are never reused: a retired term stays in the
file with ``"active": false`` and stays readable.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from medios import paths

FORMAT = "medios-referentiel/1"
CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9_]{0,31}$")
MAPPING_KINDS = frozenset({"RENAME", "SPLIT", "MERGE", "RETIRE"})
Locale = Literal["fr", "en"]


class ReferentielError(ValueError):
    """A référentiel file is malformed, or a code or version is unknown."""


@dataclass(frozen=True, slots=True)
class Term:
    vocab: str
    code: str
    label_fr: str
    label_en: str
    sort: int
    parent: str | None = None
    active: bool = True
    sensitive: bool = False
    observatory_code: str | None = None

    def label(self, locale: str = "fr") -> str:
        return self.label_en if locale.startswith("en") else self.label_fr


@dataclass(frozen=True, slots=True)
class Vocabulary:
    name: str
    label_fr: str
    label_en: str
    parent_vocab: str | None
    terms: tuple[Term, ...]
    _by_code: dict[str, Term] = field(repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._by_code.update((t.code, t) for t in self.terms)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def get(self, code: str) -> Term | None:
        return self._by_code.get(code)

    def label(self, locale: str = "fr") -> str:
        return self.label_en if locale.startswith("en") else self.label_fr

    def codes(self, *, active_only: bool = True) -> list[str]:
        """Codes in display order; retired codes only with ``active_only=False``."""
        return [t.code for t in self.terms if t.active or not active_only]

    def children(self, parent: str, *, active_only: bool = True) -> list[str]:
        return [t.code for t in self.terms if t.parent == parent and (t.active or not active_only)]


@dataclass(frozen=True, slots=True)
class CodeMapping:
    """How a code of ``from_version`` continues in ``to_version``."""

    vocab: str
    from_version: str
    from_code: str
    to_version: str
    to_code: str | None
    kind: str
    is_default: bool = True


@dataclass(frozen=True, slots=True)
class CiterRule:
    """One row of evidence for a CITER social-utility domain (domain brief §5)."""

    citer_domain: str
    criterion_fr: str
    criterion_en: str
    source: str
    filter: dict[str, tuple[str, ...]]
    indicator: str
    share_of: dict[str, tuple[str, ...]] | None = None


@dataclass(frozen=True)
class Referentiel:
    """One version of the référentiel."""

    version: str
    sequence: int
    previous: str | None
    published_on: str
    vocabularies: dict[str, Vocabulary]
    mappings: tuple[CodeMapping, ...] = ()
    citer_rules: tuple[CiterRule, ...] = ()
    _active: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._active.update((name, frozenset(v.codes())) for name, v in self.vocabularies.items())

    def active_codes(self, vocab: str) -> frozenset[str]:
        """The codes offered for new records (fast membership test for validation)."""
        try:
            return self._active[vocab]
        except KeyError:
            raise ReferentielError(f"vocabulaire « {vocab} » absent du référentiel {self.version}") from None

    def vocab(self, name: str) -> Vocabulary:
        try:
            return self.vocabularies[name]
        except KeyError:
            raise ReferentielError(f"vocabulaire « {name} » absent du référentiel {self.version}") from None

    def is_valid(self, vocab: str, code: str | None, *, allow_retired: bool = True) -> bool:
        """Whether ``code`` belongs to ``vocab`` (retired codes stay valid for existing records)."""
        if code is None:
            return False
        term = self.vocab(vocab).get(code)
        return term is not None and (allow_retired or term.active)

    def label(self, vocab: str, code: str, locale: str = "fr") -> str:
        """The label of ``code``, or the code itself when unknown (never raises in a report)."""
        term = self.vocab(vocab).get(code)
        return term.label(locale) if term else code

    def labels(self, vocab: str, locale: str = "fr", *, active_only: bool = True) -> dict[str, str]:
        return {t.code: t.label(locale) for t in self.vocab(vocab) if t.active or not active_only}

    def codes(self, vocab: str, *, active_only: bool = True) -> list[str]:
        return self.vocab(vocab).codes(active_only=active_only)

    def sensitive_codes(self, vocab: str) -> frozenset[str]:
        return frozenset(t.code for t in self.vocab(vocab) if t.sensitive)


class Registry:
    """Every shipped référentiel version, ordered by sequence; the last one is active."""

    def __init__(self, versions: Iterable[Referentiel]) -> None:
        ordered = sorted(versions, key=lambda r: r.sequence)
        if not ordered:
            raise ReferentielError("aucun fichier de référentiel trouvé")
        self._versions = {r.version: r for r in ordered}
        self.active = ordered[-1]

    def __contains__(self, version: object) -> bool:
        return version in self._versions

    def __iter__(self) -> Iterator[Referentiel]:
        return iter(self._versions.values())

    def get(self, version: str) -> Referentiel:
        try:
            return self._versions[version]
        except KeyError:
            known = ", ".join(self._versions)
            raise ReferentielError(f"version de référentiel « {version} » inconnue (connues : {known})") from None

    def translate_code(self, vocab: str, code: str, from_version: str, to_version: str | None = None) -> str | None:
        """Follow the mapping chain from ``from_version`` to ``to_version`` (default: active).

        Returns the code to use in ``to_version``, or ``None`` when the term was retired without
        successor.  A code with no mapping entry keeps its value.
        """
        target = self.get(to_version) if to_version else self.active
        current: str | None = code
        ref = self.get(from_version)
        while ref.sequence < target.sequence and current is not None:
            nxt = next(r for r in self._versions.values() if r.previous == ref.version)
            moves = [m for m in nxt.mappings if m.vocab == vocab and m.from_code == current]
            if moves:
                chosen = next((m for m in moves if m.is_default), moves[0])
                current = chosen.to_code
            ref = nxt
        return current


def _tuple_filter(raw: Any, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        raise ReferentielError(f"{where} : filtre invalide")
    return {str(k): tuple(str(c) for c in v) for k, v in raw.items()}


def parse(data: dict[str, Any], origin: str = "<données>") -> Referentiel:
    """Build a :class:`Referentiel` from a decoded file, checking its structure."""
    if data.get("format") != FORMAT:
        raise ReferentielError(f"{origin} : format « {data.get('format')} » non reconnu (attendu {FORMAT})")
    version = data["version"]
    vocabularies: dict[str, Vocabulary] = {}
    for raw_vocab in data["vocabularies"]:
        name = raw_vocab["name"]
        if name in vocabularies:
            raise ReferentielError(f"{origin} : vocabulaire « {name} » en double")
        terms: list[Term] = []
        seen: set[str] = set()
        for sort, raw in enumerate(raw_vocab["terms"]):
            code = raw["code"]
            if not CODE_RE.match(code) or code in seen:
                raise ReferentielError(f"{origin} : code « {code} » invalide ou en double dans {name}")
            seen.add(code)
            terms.append(
                Term(
                    vocab=name,
                    code=code,
                    label_fr=raw["label_fr"],
                    label_en=raw["label_en"],
                    sort=sort,
                    parent=raw.get("parent"),
                    active=bool(raw.get("active", True)),
                    sensitive=bool(raw.get("sensitive", False)),
                    observatory_code=raw.get("observatory_code"),
                )
            )
        vocabularies[name] = Vocabulary(
            name=name,
            label_fr=raw_vocab["label_fr"],
            label_en=raw_vocab["label_en"],
            parent_vocab=raw_vocab.get("parent_vocab"),
            terms=tuple(terms),
        )
    for vocab in vocabularies.values():
        if vocab.parent_vocab is None:
            continue
        parent = vocabularies.get(vocab.parent_vocab)
        if parent is None:
            raise ReferentielError(f"{origin} : vocabulaire parent « {vocab.parent_vocab} » absent")
        for term in vocab:
            if term.parent not in parent:
                raise ReferentielError(f"{origin} : {vocab.name}.{term.code} a un parent inconnu « {term.parent} »")
    mappings = []
    for raw in data.get("mappings", []):
        if raw["kind"] not in MAPPING_KINDS:
            raise ReferentielError(f"{origin} : type de correspondance « {raw['kind']} » inconnu")
        mappings.append(
            CodeMapping(
                vocab=raw["vocab"],
                from_version=data["previous"],
                from_code=raw["from_code"],
                to_version=version,
                to_code=raw.get("to_code"),
                kind=raw["kind"],
                is_default=bool(raw.get("is_default", True)),
            )
        )
    rules = tuple(
        CiterRule(
            citer_domain=raw["citer_domain"],
            criterion_fr=raw["criterion_fr"],
            criterion_en=raw["criterion_en"],
            source=raw["source"],
            filter=_tuple_filter(raw["filter"], origin),
            indicator=raw["indicator"],
            share_of=_tuple_filter(raw["share_of"], origin) if raw.get("share_of") is not None else None,
        )
        for raw in data.get("citer_mapping", [])
    )
    return Referentiel(
        version=version,
        sequence=int(data["sequence"]),
        previous=data.get("previous"),
        published_on=data["published_on"],
        vocabularies=vocabularies,
        mappings=tuple(mappings),
        citer_rules=rules,
    )


def load_file(path: Path) -> Referentiel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return parse(data, path.name)
    except (KeyError, TypeError, json.JSONDecodeError) as exc:
        raise ReferentielError(f"{path.name} : fichier de référentiel illisible ({exc})") from exc


def referentiel_dir() -> Path:
    return paths.resources_dir() / "referentiel"


@lru_cache(maxsize=4)
def load_registry(directory: Path | None = None) -> Registry:
    """Every ``*.json`` référentiel in ``directory`` (default: the shipped one), cached."""
    folder = directory or referentiel_dir()
    return Registry(load_file(p) for p in sorted(folder.glob("*.json")))


def active() -> Referentiel:
    """The référentiel version new records are written with."""
    return load_registry().active
