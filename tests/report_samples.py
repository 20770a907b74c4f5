"""A realistic monthly report as plain data, for the tests of the Excel and PDF writers.

Several sections, tables of 20 rows and more, long French labels with accents, a value « non
calculable » (``None``), a previous month at zero, a big number (1 234 567), a month-by-month table, a
long data table, quality warnings.  The figures are consistent with each other (shares are computed
from the counts here), but nothing in the writers depends on that.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from medios.export.document import (
    Chart,
    ChartKind,
    Column,
    KeyFigure,
    Kind,
    Number,
    QualityWarning,
    ReportDocument,
    Section,
    Series,
    Table,
)
from medios.export.french import format_month

BIG = 1234567

REGISTRES = (
    ("CONF", "Gestion des conflits et des tensions", 96),
    ("MER", "Mise en relation avec les institutions et les partenaires", 71),
    ("VSOC", "Veille sociale : repérage des fragilités et des situations d'isolement", 54),
    ("VTEC", "Veille technique : dégradations, éclairage, propreté de l'espace public", 43),
    ("PRES", "Présence active de proximité", 38),
    ("INFO", "Information et accès aux droits", 25),
    ("ACC", "Accompagnement vers les services publics", 12),
    ("AUTRE", "Autre registre", 0),
)

LIEUX = (
    ("HALL", "Hall d'immeuble"),
    ("CAGE", "Cage d'escalier, palier, coursive"),
    ("PARK", "Parking souterrain ou aérien"),
    ("RUE", "Rue, trottoir, espace public ouvert"),
    ("PLACE", "Place, square, parvis"),
    ("PARC", "Parc, jardin public, aire de jeux"),
    ("GARE", "Gare, station, arrêt de bus ou de tramway"),
    ("TRAIN", "À bord d'un train, d'un bus ou d'un tramway"),
    ("COMM", "Commerce, centre commercial, marché"),
    ("ECOLE", "Abords d'un établissement scolaire (école, collège, lycée)"),
    ("COLL", "Dans l'établissement scolaire"),
    ("MAIRIE", "Mairie, mairie annexe, maison France services"),
    ("CCAS", "Centre communal d'action sociale"),
    ("CSOC", "Centre social, maison de quartier"),
    ("LOGT", "Logement d'un habitant (visite à domicile)"),
    ("BAIL", "Agence ou loge du bailleur social"),
    ("SANTE", "Structure de santé (centre de santé, pharmacie, hôpital)"),
    ("SPORT", "Équipement sportif ou culturel (gymnase, médiathèque)"),
    ("CULTE", "Abords d'un lieu de culte"),
    ("FETE", "Fête de quartier, événement festif"),
    ("TEL", "Par téléphone ou visioconférence"),
    ("LOCAL", "Dans les locaux de la structure de médiation"),
    ("NR", "Non renseigné"),
)

PLAGES = (
    ("P06_09", "6 h – 9 h", 14),
    ("P09_12", "9 h – 12 h", 61),
    ("P12_14", "12 h – 14 h", 38),
    ("P14_17", "14 h – 17 h", 102),
    ("P17_20", "17 h – 20 h", 87),
    ("P20_23", "20 h – 23 h", 29),
    ("P23_06", "23 h – 6 h", 8),
)

AGES = (
    ("A0_11", "Moins de 12 ans", 21, 18, 1),
    ("A12_17", "12 à 17 ans", 64, 49, 3),
    ("A18_25", "18 à 25 ans", 88, 61, 2),
    ("A26_59", "26 à 59 ans", 232, 198, 7),
    ("A60", "60 ans et plus", 117, 131, 4),
    ("NC", "Âge non connu", 12, 9, 40),
)

MEDIATEURS = tuple(f"Médiateur·rice {chr(65 + i)}{i:02d}" for i in range(24))

MONTHS = tuple(202511 + i if i < 2 else 202601 + i - 2 for i in range(12))  # nov. 2025 … oct. 2026


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _figure(
    code: str,
    label: str,
    kind: Kind,
    value: Number | None,
    previous: Number | None,
    ytd: Number | None,
    denominator: Number | None = None,
    denominator_label: str | None = None,
) -> KeyFigure:
    diff = None if value is None or previous is None else value - previous
    if kind is Kind.PERCENT:
        diff_pct = None  # a share compares in points, not in percent of a percent
    else:
        diff_pct = None if diff is None or not previous else diff / previous
    return KeyFigure(code, label, kind, value, previous, diff, diff_pct, ytd, denominator, denominator_label)


def interventions_section() -> Section:
    total = sum(n for _, _, n in REGISTRES)
    registres = Table(
        code="INT_REGISTRE",
        title="Interventions par registre",
        columns=(
            Column("Registre", Kind.TEXT),
            Column("Code", Kind.CODE),
            Column("Interventions", Kind.COUNT),
            Column("Part", Kind.PERCENT),
        ),
        rows=tuple((label, code, n, _share(n, total)) for code, label, n in REGISTRES),
        total=("Total", "", total, 1.0),
        note="Une intervention à plusieurs registres compte une fois dans chacun, une fois dans le total.",
    )
    lieux_rows = tuple(
        (label, code, (i * 7) % 23 + 1, round(((i * 7) % 23 + 1) * 0.75, 2)) for i, (code, label) in enumerate(LIEUX)
    )
    lieux = Table(
        code="INT_LIEU",
        title="Interventions par lieu",
        columns=(
            Column("Lieu", Kind.TEXT),
            Column("Code", Kind.CODE),
            Column("Interventions", Kind.COUNT),
            Column("Durée", Kind.HOURS),
        ),
        rows=lieux_rows,
        total=("Total", "", sum(int(r[2]) for r in lieux_rows), round(sum(float(r[3]) for r in lieux_rows), 2)),
    )
    plages = Table(
        code="INT_PLAGE",
        title="Interventions par plage horaire",
        columns=(Column("Plage horaire", Kind.TEXT), Column("Code", Kind.CODE), Column("Interventions", Kind.COUNT)),
        rows=tuple((label, code, n) for code, label, n in PLAGES),
    )
    return Section(
        code="INTERVENTIONS",
        title="Interventions",
        key_figures=(
            _figure("INT_NB", "Interventions", Kind.COUNT, 339, 312, 3120),
            _figure("INT_NOUV", "Situations nouvelles", Kind.COUNT, 251, 240, 2290),
            _figure("INT_SUIVI", "Suivis d'une situation déjà rencontrée", Kind.COUNT, 88, 72, 830),
            _figure("INT_H", "Durée des interventions", Kind.HOURS, 412.5, 398.25, 4010.75),
            _figure("INT_BINOME", "Part des interventions en binôme", Kind.PERCENT, 0.3127, 0.2981, 0.305, 339),
        ),
        tables=(registres, lieux, plages),
        charts=(
            Chart(
                code="CH_REGISTRE",
                title="Interventions par registre",
                kind=ChartKind.BAR,
                categories=tuple(label for _, label, _ in REGISTRES),
                series=(Series("Interventions", tuple(n for _, _, n in REGISTRES)),),
                source="INT_REGISTRE",
            ),
            Chart(
                code="CH_LIEU",
                title="Interventions par lieu",
                kind=ChartKind.BAR,
                categories=tuple(str(r[0]) for r in lieux_rows),
                series=(Series("Interventions", tuple(int(r[2]) for r in lieux_rows)),),
                source="INT_LIEU",
            ),
            Chart(
                code="CH_PLAGE",
                title="Interventions par plage horaire",
                kind=ChartKind.COLUMN,
                categories=tuple(label for _, label, _ in PLAGES),
                series=(Series("Interventions", tuple(n for _, _, n in PLAGES)),),
                source="INT_PLAGE",
            ),
        ),
    )


def publics_section() -> Section:
    rows = tuple((label, code, f, h, nc, f + h + nc) for code, label, f, h, nc in AGES)
    total = sum(int(r[5]) for r in rows)
    ages = Table(
        code="PUB_AGE_SEXE",
        title="Personnes concernées par âge et par sexe",
        columns=(
            Column("Tranche d'âge", Kind.TEXT),
            Column("Code", Kind.CODE),
            Column("Femmes", Kind.COUNT),
            Column("Hommes", Kind.COUNT),
            Column("Non connu", Kind.COUNT),
            Column("Total", Kind.COUNT),
        ),
        rows=rows,
        total=("Total", "", sum(r[2] for r in rows), sum(r[3] for r in rows), sum(r[4] for r in rows), total),
    )
    return Section(
        code="PUBLICS",
        title="Publics",
        key_figures=(
            _figure("CONTACTS", "Personnes concernées (contacts)", Kind.COUNT, total, 1012, BIG),
            _figure("CONTACTS_MOY", "Personnes par intervention", Kind.FTE, total / 339, 1012 / 312, None),
        ),
        tables=(ages,),
        charts=(
            Chart(
                code="CH_AGE_SEXE",
                title="Personnes concernées par âge et par sexe",
                kind=ChartKind.COLUMN,
                categories=tuple(label for _, label, *_ in AGES),
                series=(
                    Series("Femmes", tuple(f for *_, f, _, _ in AGES)),
                    Series("Hommes", tuple(h for *_, h, _ in AGES)),
                ),
                source="PUB_AGE_SEXE",
            ),
        ),
    )


def conflits_section() -> Section:
    sous = (
        ("VOIS", "Conflit de voisinage (bruit, odeurs, animaux)", 41, 30),
        ("USAGE", "Conflit d'usage de l'espace public", 22, 15),
        ("FAMIL", "Conflit familial ou intergénérationnel", 13, 7),
        ("INST", "Tension avec une institution ou un service", 11, 9),
        ("AUTRE", "Autre conflit", 9, 0),
    )
    table = Table(
        code="CONF_SOUS_REGISTRE",
        title="Conflits traités par sous-registre",
        columns=(
            Column("Sous-registre", Kind.TEXT),
            Column("Code", Kind.CODE),
            Column("Conflits", Kind.COUNT),
            Column("Apaisés", Kind.COUNT),
            Column("Taux d'apaisement", Kind.PERCENT),
        ),
        rows=tuple((label, code, n, a, _share(a, n) if a else None) for code, label, n, a in sous),
        total=("Total", "", 96, 61, 61 / 96),
    )
    return Section(
        code="CONFLITS",
        title="Conflits et tensions",
        key_figures=(
            _figure("CONF_NB", "Conflits traités", Kind.COUNT, 96, 88, 901),
            _figure("CONF_APAISE", "Taux d'apaisement", Kind.PERCENT, 61 / 80, None, 0.702, 80, "conflits terminés"),
            _figure("TENSION_3", "Interventions avec violence ou danger", Kind.COUNT, 4, 7, 52),
            _figure("RELAIS", "Relais aux secours ou aux forces de l'ordre", Kind.COUNT, 3, 0, 19),
        ),
        tables=(table,),
    )


def presence_section() -> Section:
    return Section(
        code="PRESENCE",
        title="Présence active et aller-vers",
        key_figures=(
            _figure("PAP_NB", "Tournées et permanences", Kind.COUNT, 148, 151, 1466),
            _figure("PAP_H", "Heures de présence active", Kind.HOURS, 1234.5, 1190.0, 11875.25),
            _figure("PAP_INF", "Contacts informels", Kind.COUNT, 2210, 2390, 21954),
            _figure(
                "ALLER_VERS",
                "Part d'aller-vers",
                Kind.PERCENT,
                0.584,
                0.611,
                0.597,
                301,
                "interventions d'origine connue",
            ),
        ),
    )


def etp_section() -> Section:
    rows = tuple(
        (name, "CDI" if i % 3 else "ADULTE_RELAIS", 1.0 if i % 4 else 0.8, round(100 + i * 3.25, 2))
        for i, name in enumerate(MEDIATEURS)
    )
    table = Table(
        code="ETP_MEDIATEUR",
        title="Équivalents temps plein par médiateur",
        columns=(
            Column("Médiateur (pseudonyme)", Kind.TEXT),
            Column("Contrat", Kind.CODE),
            Column("ETP", Kind.FTE),
            Column("Heures saisies", Kind.HOURS),
        ),
        rows=rows,
        total=("Total", "", round(sum(float(r[2]) for r in rows), 2), round(sum(float(r[3]) for r in rows), 2)),
    )
    return Section(
        code="ETP",
        title="Équipe (ETP)",
        key_figures=(_figure("ETP", "ETP médiateurs", Kind.FTE, 22.8, 22.8, 22.35),),
        tables=(table,),
    )


def quality_section() -> Section:
    rows = tuple(
        (name, f"M{i:02d}", round(0.2 + (i % 9) * 0.09, 4), round(140 + i * 2.5, 1))
        for i, name in enumerate(MEDIATEURS)
    )
    return Section(
        code="QUALITE",
        title="Qualité des données",
        key_figures=(
            _figure(
                "DQ_SANS_PUBLIC",
                "Interventions sans public (hors veille technique)",
                Kind.PERCENT,
                0.032,
                0.041,
                0.038,
                296,
            ),
            _figure("DQ_NR_ORIGINE", "Origine non renseignée", Kind.PERCENT, 0.112, 0.097, 0.104, 339),
            _figure("DQ_RETARD", "Saisies tardives (plus de 7 jours)", Kind.PERCENT, 0.071, None, 0.066, 339),
            _figure("DQ_MODIFS", "Modifications après clôture", Kind.COUNT, 2, 0, 9),
        ),
        tables=(
            Table(
                code="DQ_TAUX_SAISIE",
                title="Heures saisies rapportées aux heures contractuelles",
                columns=(
                    Column("Médiateur (pseudonyme)", Kind.TEXT),
                    Column("Code", Kind.CODE),
                    Column("Taux de saisie", Kind.PERCENT),
                    Column("Heures contractuelles", Kind.HOURS),
                ),
                rows=rows,
                note="Un taux inférieur à 30 % signale des saisies probablement manquantes.",
            ),
        ),
    )


def months_table() -> Table:
    rows = tuple(
        (m, 280 + (i * 37) % 90, 350.0 + (i * 53) % 120 + 0.5, 900 + (i * 71) % 300) for i, m in enumerate(MONTHS)
    )
    return Table(
        code="MOIS",
        title="Évolution sur douze mois",
        columns=(
            Column("Mois", Kind.MONTH),
            Column("Interventions", Kind.COUNT),
            Column("Durée", Kind.HOURS),
            Column("Personnes concernées", Kind.COUNT),
        ),
        rows=rows,
    )


def data_table() -> Table:
    rows: list[tuple[str | Number | None, ...]] = []
    for month in MONTHS[-3:]:
        for code, label, n in REGISTRES:
            rows.append((month, "INT_NB", "Interventions", "registre", code, label, n))
        for code, label in LIEUX:
            rows.append((month, "INT_NB", "Interventions", "lieu", code, label, len(label) % 17))
        for code, label, n in PLAGES:
            rows.append((month, "INT_NB", "Interventions", "plage", code, label, n))
    rows.append((MONTHS[-1], "CONF_APAISE", "Taux d'apaisement", "total", "", "", None))
    return Table(
        code="DONNEES",
        title="Données",
        columns=(
            Column("Mois", Kind.MONTH),
            Column("Indicateur", Kind.CODE),
            Column("Libellé de l'indicateur", Kind.TEXT),
            Column("Dimension", Kind.CODE),
            Column("Modalité", Kind.CODE),
            Column("Libellé de la modalité", Kind.TEXT),
            Column("Valeur", Kind.COUNT),
        ),
        rows=tuple(rows),
    )


def sample_document(*, logo: Path | None = None, with_months: bool = True) -> ReportDocument:
    interventions = interventions_section()
    months = months_table()
    evolution = Chart(
        code="CH_MOIS",
        title="Interventions sur douze mois",
        kind=ChartKind.LINE,
        categories=tuple(format_month(m) for m in MONTHS),
        series=(Series("Interventions", tuple(int(r[1]) for r in months.rows if r[1] is not None)),),
        source="MOIS",
    )
    if with_months:
        interventions = Section(
            interventions.code,
            interventions.title,
            interventions.key_figures,
            interventions.tables,
            (*interventions.charts, evolution),
        )
    sections = (interventions, publics_section(), presence_section(), conflits_section(), etp_section())
    return ReportDocument(
        title="Bilan mensuel — octobre 2026",
        structure_name="Association Médiation & Citoyenneté du Val-d'Étang",
        scope_label="Toute la structure",
        period_label="octobre 2026",
        period_start=dt.date(2026, 10, 1),
        period_end=dt.date(2026, 10, 31),
        referentiel_version="MEDIOS-2026.1",
        closing_label="Mois clôturé le 03/11/2026 (v1) ; 2 modifications depuis",
        generated_at=dt.datetime(2026, 11, 25, 9, 41),
        key_figures=(
            *interventions.key_figures[:1],
            sections[1].key_figures[0],
            interventions.key_figures[3],
            sections[2].key_figures[1],
            sections[3].key_figures[0],
            sections[3].key_figures[1],
            sections[3].key_figures[3],
            interventions.key_figures[4],
        ),
        sections=sections,
        quality=quality_section(),
        months=months if with_months else None,
        data=data_table(),
        methodology=(
            "Les chiffres portent sur les interventions enregistrées dans Médios et datées du mois, "
            "fiches supprimées exclues. Une intervention menée en binôme compte une fois.",
            "Les « contacts » sont les personnes concernées par une intervention, comptées à chaque "
            "intervention : une même personne rencontrée deux fois compte deux fois.",
            "Les taux additionnent numérateurs et dénominateurs sur la période ; le dénominateur est "
            "indiqué à côté du taux. « n.c. » signifie non calculable (aucun cas au dénominateur).",
        ),
        warnings=(
            QualityWarning("DQ_NR_ORIGINE", "11,2 % des interventions n'ont pas d'origine renseignée."),
            QualityWarning("DQ_TAUX_SAISIE", "3 médiateurs ont saisi moins de 30 % de leurs heures contractuelles."),
        ),
        logo=logo,
        software_version="0.1.0",
        extra=(
            ("Dispositifs", "Médiation habitat ; Médiation sociale urbaine"),
            ("Contact", "coordination@exemple.fr"),
        ),
    )


def write_logo(path: Path, size: tuple[int, int] = (320, 120)) -> Path:
    """A small PNG logo (a wide one: its aspect must be kept)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (31, 78, 121))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, size[1] - 10, size[1] - 10), fill=(242, 169, 0))
    draw.rectangle((size[1], size[1] // 2 - 8, size[0] - 16, size[1] // 2 + 8), fill=(255, 255, 255))
    image.save(path)
    return path
