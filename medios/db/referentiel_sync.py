"""Mirror the shipped référentiel files into the ``vocabulary_term`` family of tables.

Idempotent: a version already present is left alone (labels of a published version never change;
a new label is a new version).
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from medios.db.models import CiterMapping, ReferentielVersion, VocabularyMapping, VocabularyTerm
from medios.referentiel import Referentiel, Registry


def sync_referentiel(session: Session, registry: Registry) -> list[str]:
    """Load every version of ``registry`` missing from the database; returns the versions added."""
    present = set(session.scalars(select(ReferentielVersion.version)))
    added: list[str] = []
    for ref in registry:
        if ref.version in present:
            continue
        _insert_version(session, ref)
        added.append(ref.version)
    return added


def _insert_version(session: Session, ref: Referentiel) -> None:
    session.add(
        ReferentielVersion(
            version=ref.version,
            sequence=ref.sequence,
            previous=ref.previous,
            published_on=dt.date.fromisoformat(ref.published_on),
        )
    )
    session.flush()
    terms = [
        {
            "vocab": term.vocab,
            "code": term.code,
            "version": ref.version,
            "label_fr": term.label_fr,
            "label_en": term.label_en,
            "parent_code": term.parent,
            "sort": term.sort,
            "active": term.active,
            "sensitive": term.sensitive,
            "observatory_code": term.observatory_code,
        }
        for vocab in ref.vocabularies.values()
        for term in vocab
    ]
    session.execute(insert(VocabularyTerm), terms)
    if ref.mappings:
        session.execute(
            insert(VocabularyMapping),
            [
                {
                    "vocab": m.vocab,
                    "from_version": m.from_version,
                    "from_code": m.from_code,
                    "to_version": m.to_version,
                    "to_code": m.to_code,
                    "kind": m.kind,
                    "is_default": m.is_default,
                }
                for m in ref.mappings
            ],
        )
    if ref.citer_rules:
        session.execute(
            insert(CiterMapping),
            [
                {
                    "referentiel_version": ref.version,
                    "citer_domain": r.citer_domain,
                    "criterion_fr": r.criterion_fr,
                    "criterion_en": r.criterion_en,
                    "source": r.source,
                    "filter": json.dumps({k: list(v) for k, v in r.filter.items()}, ensure_ascii=False),
                    "share_of": None
                    if r.share_of is None
                    else json.dumps({k: list(v) for k, v in r.share_of.items()}, ensure_ascii=False),
                    "indicator": r.indicator,
                }
                for r in ref.citer_rules
            ],
        )
