"""The référentiel: shipped data, typed access, version mapping, and its mirror in the database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from medios.db import Database
from medios.db.models import CiterMapping, ReferentielVersion, VocabularyTerm
from medios.db.referentiel_sync import sync_referentiel
from medios.referentiel import CODE_RE, ReferentielError, load_file, load_registry, parse, referentiel_dir

EXPECTED = {
    "REGISTRE": 8,
    "SOUS_REGISTRE": 6,
    "LIEU": 14,
    "PLAGE": 4,
    "TYPE_JOUR": 3,
    "ISSUE": 10,
    "TRANCHE_AGE": 8,
    "SEXE": 3,
    "TYPE_PARTENAIRE": 20,
    "ROLE_PARTENAIRE": 3,
    "TYPE_VEILLE_TECH": 9,
    "TYPE_PRESENCE": 6,
    "THEME_ACTION": 12,
    "EDUC_PRIO": 3,
    "CONTRAT": 6,
    "DOMAINE_CITER": 5,
}


def test_shipped_version_is_active_and_complete() -> None:
    ref = load_registry().active
    assert ref.version == "MEDIOS-2026.1"
    for vocab, count in EXPECTED.items():
        assert len(ref.codes(vocab)) == count, vocab
    assert ref.codes("LIEU")[:3] == ["RUE", "HAB_PC", "HAB_ABORDS"]
    assert ref.vocab("SOUS_REGISTRE").children("MER") == ["MER_INFO", "MER_LIEN", "MER_ACC"]
    assert {"CONSO_PUBLIQUE", "HARCELEMENT", "DANGER"} <= ref.sensitive_codes("MOTIF")
    assert "BRUIT" not in ref.sensitive_codes("MOTIF")
    assert ref.vocab("TRANCHE_AGE").get("A18_24").observatory_code == "dix_huit_vingt_quatre"  # type: ignore[union-attr]


def test_every_term_has_both_labels_and_a_valid_code() -> None:
    ref = load_registry().active
    for vocab in ref.vocabularies.values():
        assert vocab.label_fr and vocab.label_en
        for term in vocab:
            assert CODE_RE.match(term.code), term
            assert term.label_fr.strip() and term.label_en.strip(), term


def test_labels_follow_the_locale_and_unknown_codes_fall_back() -> None:
    ref = load_registry().active
    assert ref.label("LIEU", "HAB_PC") == "Parties communes (hall, escalier, cave, parking)"
    assert ref.label("LIEU", "HAB_PC", "en") != ref.label("LIEU", "HAB_PC", "fr")
    assert ref.label("LIEU", "INCONNU") == "INCONNU"
    assert ref.is_valid("LIEU", "RUE") and not ref.is_valid("LIEU", "PARKING") and not ref.is_valid("LIEU", None)
    with pytest.raises(ReferentielError, match="absent"):
        ref.vocab("PAS_UN_VOCABULAIRE")


def test_citer_rules_only_use_known_codes() -> None:
    ref = load_registry().active
    fields = {
        "registre": "REGISTRE",
        "sub_registre": "SOUS_REGISTRE",
        "outcome": "ISSUE",
        "origin": "ORIGINE",
        "partner_role": "ROLE_PARTENAIRE",
        "theme": "THEME_ACTION",
        "treated": "TRAITE",
    }
    assert ref.citer_rules
    for rule in ref.citer_rules:
        assert ref.is_valid("DOMAINE_CITER", rule.citer_domain)
        for name, codes in [*rule.filter.items(), *(rule.share_of or {}).items()]:
            assert all(ref.is_valid(fields[name], code) for code in codes), rule


def _base() -> dict:
    return json.loads((referentiel_dir() / "MEDIOS-2026.1.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="autre/1"), "format"),
        (lambda d: d["vocabularies"][0]["terms"].append(dict(d["vocabularies"][0]["terms"][0])), "en double"),
        (lambda d: d["vocabularies"][1]["terms"][0].update(parent="NOPE"), "parent inconnu"),
        (lambda d: d["vocabularies"][0]["terms"][0].update(code="pas valide"), "invalide"),
        (lambda d: d["mappings"].append({"vocab": "LIEU", "from_code": "RUE", "kind": "MOVE"}), "correspondance"),
    ],
)
def test_malformed_files_are_refused_in_french(mutate, message: str) -> None:
    data = _base()
    mutate(data)
    with pytest.raises(ReferentielError, match=message):
        parse(data)


def test_unreadable_file_names_itself(tmp_path: Path) -> None:
    bad = tmp_path / "MEDIOS-9999.1.json"
    bad.write_text("{pas du json", encoding="utf-8")
    with pytest.raises(ReferentielError, match="MEDIOS-9999.1.json"):
        load_file(bad)


def _next_version(tmp_path: Path) -> Path:
    """A v2 that renames LIEU.RUE to ESPACE_PUBLIC, retires LIEU.AUTRE, and keeps the old codes readable."""
    v1 = _base()
    v2 = _base()
    v2.update(version="MEDIOS-2027.1", sequence=2, previous="MEDIOS-2026.1", published_on="2027-01-01")
    lieu = next(v for v in v2["vocabularies"] if v["name"] == "LIEU")
    for term in lieu["terms"]:
        if term["code"] in ("RUE", "AUTRE"):
            term["active"] = False
    lieu["terms"].insert(0, {"code": "ESPACE_PUBLIC", "label_fr": "Espace public", "label_en": "Public space"})
    v2["mappings"] = [
        {"vocab": "LIEU", "from_code": "RUE", "to_code": "ESPACE_PUBLIC", "kind": "RENAME"},
        {"vocab": "LIEU", "from_code": "AUTRE", "kind": "RETIRE"},
    ]
    folder = tmp_path / "ref"
    folder.mkdir()
    (folder / "MEDIOS-2026.1.json").write_text(json.dumps(v1), encoding="utf-8")
    (folder / "MEDIOS-2027.1.json").write_text(json.dumps(v2), encoding="utf-8")
    return folder


def test_a_new_version_retires_and_maps_codes(tmp_path: Path) -> None:
    registry = load_registry(_next_version(tmp_path))
    assert registry.active.version == "MEDIOS-2027.1"
    assert "RUE" not in registry.active.codes("LIEU")
    assert registry.active.is_valid("LIEU", "RUE")  # retired, still readable
    assert not registry.active.is_valid("LIEU", "RUE", allow_retired=False)
    assert registry.translate_code("LIEU", "RUE", "MEDIOS-2026.1") == "ESPACE_PUBLIC"
    assert registry.translate_code("LIEU", "AUTRE", "MEDIOS-2026.1") is None
    assert registry.translate_code("LIEU", "HAB_PC", "MEDIOS-2026.1") == "HAB_PC"
    with pytest.raises(ReferentielError, match="inconnue"):
        registry.get("MEDIOS-1999.1")


def test_sync_mirrors_every_version_once(db: Database, tmp_path: Path) -> None:
    registry = load_registry(_next_version(tmp_path))
    with db.session() as session, session.begin():
        assert sync_referentiel(session, registry) == ["MEDIOS-2027.1"]  # 2026.1 came with open_database
        assert sync_referentiel(session, registry) == []
    with db.session() as session:
        versions = session.scalars(select(ReferentielVersion.version).order_by(ReferentielVersion.sequence)).all()
        assert versions == ["MEDIOS-2026.1", "MEDIOS-2027.1"]
        terms = session.scalar(
            select(func.count()).select_from(VocabularyTerm).where(VocabularyTerm.version == "MEDIOS-2026.1")
        )
        assert terms == sum(len(v.terms) for v in registry.get("MEDIOS-2026.1").vocabularies.values())
        retired = session.scalar(
            select(VocabularyTerm.active).where(
                VocabularyTerm.version == "MEDIOS-2027.1", VocabularyTerm.vocab == "LIEU", VocabularyTerm.code == "RUE"
            )
        )
        assert retired is False
        rules = session.scalar(select(func.count()).select_from(CiterMapping))
        assert rules == 2 * len(registry.active.citer_rules)
