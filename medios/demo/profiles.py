"""Activity profiles of the dispositifs and the distributions they draw from."""

from __future__ import annotations

from dataclasses import dataclass

from medios.demo.draws import Pick, pick_of, time_ranges

# --------------------------------------------------------------------------- shared distributions

SUB_REGISTRES: dict[str, Pick[str | None]] = {
    "CONF": Pick([("CONF_TR", 60), ("CONF_PREV", 25), ("CONF_DIF", 12), (None, 3)]),
    "MER": Pick([("MER_INFO", 50), ("MER_LIEN", 30), ("MER_ACC", 17), (None, 3)]),
}
OUTCOMES: dict[str, Pick[str]] = {
    "CONF": pick_of("APAISE=40 ACCORD=14 PARTIEL=12 NON_RESOLU=8 REFUS=5 ORIENTE=6 RELAIS_AUTORITE=3 EN_COURS=12"),
    "CONF_DIF": pick_of("ACCORD=45 PARTIEL=20 NON_RESOLU=12 REFUS=8 EN_COURS=15"),
    "MER": pick_of("ORIENTE=45 INFO=40 EN_COURS=15"),
    "VTEC": pick_of("SIGNALE=92 EN_COURS=5 INFO=3"),
    "VSOC": pick_of("ORIENTE=30 INFO=23 EN_COURS=30 RELAIS_AUTORITE=5 REFUS=12"),
    "PAP": pick_of("INFO=55 APAISE=30 EN_COURS=10 ORIENTE=5"),
    "SENS": pick_of("INFO=85 APAISE=10 EN_COURS=5"),
    "CONC": pick_of("INFO=50 ACCORD=20 EN_COURS=30"),
    "PROJ": pick_of("EN_COURS=60 INFO=30 ACCORD=10"),
}
TENSION_CONF = pick_of("1=45 2=40 3=7 NR=8")
TENSION_OTHER = pick_of("1=85 2=5 3=1 NR=9")
# (median minutes, sigma of the log) by registre or sous-registre.
DURATIONS: dict[str, tuple[float, float]] = {
    "PAP": (8, 0.6),
    "CONF": (20, 0.7),
    "CONF_DIF": (60, 0.4),
    "MER": (20, 0.6),
    "MER_ACC": (45, 0.5),
    "VTEC": (8, 0.5),
    "VSOC": (20, 0.7),
    "SENS": (15, 0.6),
    "CONC": (45, 0.6),
    "PROJ": (45, 0.6),
}
MOTIF_COUNT = Pick([(0, 18), (1, 55), (2, 22), (3, 5)])
PUBLIC_ROWS = Pick([(1, 62), (2, 28), (3, 10)])
PUBLIC_COUNT = Pick([(1, 65), (2, 20), (3, 9), (4, 6)])
AGES: dict[str, Pick[str]] = {
    "HABITANT": pick_of("A18_24=8 A25_39=30 A40_59=35 A60_69=12 A70_PLUS=7 NC=8"),
    "JEUNE": pick_of("A12_17=45 A18_24=45 A25_39=5 NC=5"),
    "ENFANT_ELEVE": pick_of("A00_11=35 A12_17=62 NC=3"),
    "PARENT": pick_of("A25_39=45 A40_59=45 NC=10"),
    "SENIOR": pick_of("A60_69=40 A70_PLUS=55 NC=5"),
    "ISOLE_VULNERABLE": pick_of("A25_39=20 A40_59=35 A60_69=20 A70_PLUS=15 NC=10"),
    "ERRANCE": pick_of("A18_24=15 A25_39=40 A40_59=35 NC=10"),
    "USAGER": pick_of("A12_17=10 A18_24=25 A25_39=30 A40_59=20 A60_69=8 NC=7"),
    "COMMERCANT": pick_of("A25_39=40 A40_59=50 NC=10"),
    "PROFESSIONNEL": pick_of("A25_39=45 A40_59=45 A60_69=5 NC=5"),
}
SEXES: dict[str, Pick[str]] = {
    "PARENT": pick_of("F=65 M=30 NC=5"),
    "ERRANCE": pick_of("F=15 M=80 NC=5"),
    "JEUNE": pick_of("F=35 M=60 NC=5"),
}
SEX_DEFAULT = pick_of("F=47 M=45 NC=8")
RELAIS = pick_of("POLICE_MUNICIPALE=50 POLICE_GENDARMERIE=30 SECOURS=20")
VSOC_ALERT = pick_of("CCAS=55 DEPARTEMENT=35 SANTE=10")
CONSENT = pick_of("OUI=88 NON=4 NR=8")
SIGNAL_TYPES: dict[str, Pick[str]] = {
    "HAB": pick_of("ASCENSEUR=25 ACCES_PORTE_INTERPHONE=25 ECLAIRAGE=20 PROPRETE_ENCOMBRANTS=20 DEGRADATION=10"),
    "RUE": pick_of(
        "ECLAIRAGE=20 VOIRIE_MOBILIER=20 PROPRETE_ENCOMBRANTS=20 ESPACES_VERTS=15 VEHICULE_EPAVE=10 DEGRADATION=15"
    ),
    "SCOL": pick_of("DEGRADATION=40 ECLAIRAGE=20 VOIRIE_MOBILIER=20 AUTRE=20"),
    "TRANS": pick_of("DEGRADATION=40 ECLAIRAGE=30 VOIRIE_MOBILIER=30"),
    "AUTRE": pick_of("AUTRE=30 DEGRADATION=30 ECLAIRAGE=20 PROPRETE_ENCOMBRANTS=20"),
}
RECIPIENTS: dict[str, Pick[str]] = {
    "HAB": pick_of("BAILLEUR=90 COMMUNE=10"),
    "RUE": pick_of("COMMUNE=75 EPCI=25"),
    "SCOL": pick_of("DEPARTEMENT=60 COMMUNE=40"),
    "TRANS": pick_of("TRANSPORTEUR=85 COMMUNE=15"),
    "AUTRE": pick_of("COMMUNE=100"),
}
PLACE_FAMILY = {
    "HAB_PC": "HAB",
    "HAB_ABORDS": "HAB",
    "HAB_LOGT": "HAB",
    "RUE": "RUE",
    "COMMERCE": "RUE",
    "SCOL_IN": "SCOL",
    "SCOL_ABORDS": "SCOL",
    "TRANS_BORD": "TRANS",
    "TRANS_ARRET": "TRANS",
}
DEFAULT_MOTIFS = pick_of("AUTRE=20 USAGE_PC=40 INSECURITE=40")


@dataclass(frozen=True, slots=True)
class Profile:
    """How one dispositif works: when, where, with whom, and what its mediators record."""

    key: str
    name: str
    main_domain: str
    weight: float  # share of the field mediators
    domains: Pick[str]
    registres: Pick[str]
    places: Pick[str]  # outside presence blocks
    origins: Pick[str]
    publics: Pick[str]
    motifs: dict[str, Pick[str]]
    orient: Pick[str]  # partner types of ORIENTE rows
    co_partner: str  # partner type of CO_INTERVENTION rows
    outside: Pick[tuple[int, int]]  # start windows outside blocks
    pair_p: float  # chance that two mediators of the team patrol together
    binome_p: float  # chance that an intervention of a pair is recorded in binôme
    link_p: float  # chance that an intervention happens during (and is linked to) a block
    follow_p: float  # chance of a follow-up of an earlier situation
    group_p: float  # chance of the GROUPE modality
    sites: tuple[str, ...]
    site_p: float  # chance that an intervention outside blocks is on a named site
    communes: Pick[str]
    funders: tuple[str, ...]
    time_bands: tuple[str, ...]
    commissioners: tuple[str, ...]  # partner keys
    themes: Pick[str]  # collective actions
    years_running: int


PROFILES: tuple[Profile, ...] = (
    Profile(
        key="habitat",
        name="Médiation habitat Les Tilleuls",
        main_domain="HABITAT",
        weight=25,
        domains=pick_of("HABITAT=86 CADRE_VIE=7 DROITS=7"),
        registres=pick_of("CONF=28 VTEC=18 MER=16 VSOC=10 PAP=18 SENS=7 CONC=2 PROJ=1"),
        places=pick_of("HAB_PC=30 HAB_ABORDS=20 HAB_LOGT=25 PERMANENCE=10 DISTANCE=10 RUE=5"),
        origins=pick_of("ALLER_VERS=50 HABITANT=22 COMMANDITAIRE=10 PARTENAIRE=6 APPEL=4 NR=8"),
        publics=pick_of("HABITANT=45 JEUNE=18 SENIOR=12 PARENT=8 ENFANT_ELEVE=5 ISOLE_VULNERABLE=6 PROFESSIONNEL=4"),
        motifs={
            "CONF": pick_of(
                "VOISINAGE=30 BRUIT=20 HALL=15 USAGE_PC=12 RASSEMBLEMENT=8 INCIVILITE=8 ALTERCATION=5 ANIMAUX=4 ENCOMBREMENT=3 CONSO_PUBLIQUE=1"
            ),
            "MER": pick_of(
                "DEMARCHE_ADMIN=25 LOGEMENT_DEMANDE=15 RECLAMATION=15 ENERGIE_EAU=12 NUMERIQUE=12 EMPLOI=8 LANGUE=6 IMPAYE=3 SOINS=2"
            ),
            "VTEC": pick_of("RECLAMATION=40 DEGRADATION=25 ENCOMBREMENT=20 INCIVILITE=10 SQUAT=5"),
            "VSOC": pick_of("ISOLEMENT=55 ENCOMBREMENT=15 AUTRE=5 DETRESSE=3 IMPAYE=2 DANGER=1"),
            "PAP": pick_of("HALL=20 RASSEMBLEMENT=20 INCIVILITE=20 INSECURITE=20 USAGE_PC=20"),
            "SENS": pick_of("USAGE_PC=30 INCIVILITE=30 ENERGIE_EAU=20 BRUIT=20"),
        },
        orient=pick_of(
            "BAILLEUR=35 CCAS=15 CAF=15 FRANCE_SERVICES=10 DEPARTEMENT=10 ENERGIE_EAU=8 JUSTICE_ACCES_DROIT=7"
        ),
        co_partner="BAILLEUR",
        outside=time_ranges(("10:00", "12:00", 20), ("13:30", "17:30", 50), ("17:30", "20:00", 30)),
        pair_p=0.3,
        binome_p=0.6,
        link_p=0.5,
        follow_p=0.12,
        group_p=0.15,
        sites=("tilleuls", "marronniers", "sources"),
        site_p=0.75,
        communes=pick_of("69259=60 69256=40"),
        funders=("BAILLEUR", "CONTRAT_VILLE", "ADULTES_RELAIS"),
        time_bands=("APRES_MIDI", "SOIREE"),
        commissioners=("bailleur",),
        themes=pick_of("REGLES_VIE=35 TRI_ENERGIE=30 LIEN_SOCIAL=25 CITOYENNETE=10"),
        years_running=6,
    ),
    Profile(
        key="nuit",
        name="Correspondants de nuit",
        main_domain="NUIT",
        weight=30,
        domains=pick_of("NUIT=75 ESP_PUB=15 HABITAT=10"),
        registres=pick_of("PAP=25 CONF=33 VSOC=14 VTEC=12 MER=8 SENS=8"),
        places=pick_of("RUE=35 HAB_PC=25 HAB_ABORDS=20 TRANS_ARRET=8 COMMERCE=5 HAB_LOGT=4"),
        origins=pick_of("ALLER_VERS=70 APPEL=12 HABITANT=8 PARTENAIRE=3 NR=7"),
        publics=pick_of("JEUNE=35 HABITANT=35 ERRANCE=8 USAGER=5 ISOLE_VULNERABLE=5 SENIOR=4 COMMERCANT=4"),
        motifs={
            "CONF": pick_of(
                "BRUIT=35 RASSEMBLEMENT=20 ALTERCATION=15 HALL=10 VOISINAGE=10 DEUX_ROUES=6 INCIVILITE=5 CONSO_PUBLIQUE=3"
            ),
            "PAP": pick_of("RASSEMBLEMENT=25 INSECURITE=25 HALL=20 BRUIT=15 INCIVILITE=15"),
            "VSOC": pick_of("ERRANCE=35 ISOLEMENT=30 DETRESSE=4 DANGER=2 CONSO_PUBLIQUE=2"),
            "VTEC": pick_of("DEGRADATION=40 INCIVILITE=20 RECLAMATION=20 ENCOMBREMENT=20"),
            "MER": pick_of("DEMARCHE_ADMIN=20 ISOLEMENT=20 LOGEMENT_DEMANDE=15 EMPLOI=15 SOINS=3"),
            "SENS": pick_of("BRUIT=40 INCIVILITE=30 DEUX_ROUES=15 RASSEMBLEMENT=15"),
        },
        orient=pick_of("CCAS=25 PREVENTION_SPECIALISEE=25 ASSOCIATION=20 BAILLEUR=20 SANTE=10"),
        co_partner="POLICE_MUNICIPALE",
        outside=time_ranges(("18:00", "22:00", 55), ("22:00", "23:55", 45)),
        pair_p=1.0,
        binome_p=0.55,
        link_p=0.8,
        follow_p=0.05,
        group_p=0.3,
        sites=("tilleuls", "marronniers", "sources", "clairiere", "gare"),
        site_p=0.35,
        communes=pick_of("69259=50 69256=30 69199=20"),
        funders=("COLLECTIVITE", "FIPD", "BAILLEUR"),
        time_bands=("SOIREE", "NUIT"),
        commissioners=("ville", "bailleur"),
        themes=pick_of("SECURITE=40 REGLES_VIE=40 LIEN_SOCIAL=20"),
        years_running=9,
    ),
    Profile(
        key="droits",
        name="Point d'accès aux droits",
        main_domain="DROITS",
        weight=15,
        domains=pick_of("DROITS=80 EMPLOI=7 SANTE=5 SOCIOCULT=8"),
        registres=pick_of("MER=78 VSOC=10 CONF=4 SENS=5 PAP=3"),
        places=pick_of("PERMANENCE=65 DISTANCE=22 EQUIP=6 HAB_LOGT=7"),
        origins=pick_of("HABITANT=60 PARTENAIRE=18 ALLER_VERS=10 APPEL=6 NR=6"),
        publics=pick_of("HABITANT=55 SENIOR=18 PARENT=12 ISOLE_VULNERABLE=8 JEUNE=7"),
        motifs={
            "MER": pick_of(
                "DEMARCHE_ADMIN=35 NUMERIQUE=25 LOGEMENT_DEMANDE=10 EMPLOI=8 ENERGIE_EAU=8 LANGUE=8 SOINS=3 IMPAYE=3"
            ),
            "VSOC": pick_of("ISOLEMENT=50 AUTRE=10 DETRESSE=5 IMPAYE=5"),
            "CONF": pick_of("VOISINAGE=40 CONFLIT_AGENT=20 ALTERCATION=20 AUTRE=20"),
            "SENS": pick_of("NUMERIQUE=50 DEMARCHE_ADMIN=30 ENERGIE_EAU=20"),
            "PAP": pick_of("AUTRE=50 ISOLEMENT=50"),
            "VTEC": pick_of("RECLAMATION=60 AUTRE=40"),
        },
        orient=pick_of(
            "CAF=20 FRANCE_SERVICES=15 CCAS=15 CPAM=12 FRANCE_TRAVAIL_ML=10 DEPARTEMENT=10 JUSTICE_ACCES_DROIT=6 ENERGIE_EAU=5 BAILLEUR=5 SANTE=2"
        ),
        co_partner="FRANCE_SERVICES",
        outside=time_ranges(("09:00", "12:00", 55), ("14:00", "17:00", 45)),
        pair_p=0.0,
        binome_p=0.0,
        link_p=0.7,
        follow_p=0.18,
        group_p=0.02,
        sites=("permanence", "mediatheque"),
        site_p=0.8,
        communes=pick_of("69259=60 69256=20 69029=10 69199=10"),
        funders=("COLLECTIVITE", "ADULTES_RELAIS", "FSE"),
        time_bands=("MATIN", "APRES_MIDI"),
        commissioners=("ccas",),
        themes=pick_of("NUMERIQUE=45 ACCES_DROITS=40 SANTE=15"),
        years_running=4,
    ),
    Profile(
        key="scolaire",
        name="Médiation scolaire collège Jean-Moulin",
        main_domain="SCOLAIRE",
        weight=15,
        domains=pick_of("SCOLAIRE=92 SOCIOCULT=8"),
        registres=pick_of("CONF=40 MER=20 PAP=18 SENS=10 VSOC=10 VTEC=2"),
        places=pick_of("SCOL_IN=45 SCOL_ABORDS=35 DISTANCE=12 HAB_LOGT=3 PERMANENCE=5"),
        origins=pick_of("ALLER_VERS=40 ETAB_SCOLAIRE=35 HABITANT=10 PARTENAIRE=5 NR=10"),
        publics=pick_of("ENFANT_ELEVE=60 PARENT=22 PROFESSIONNEL=14 JEUNE=4"),
        motifs={
            "CONF": pick_of("CONFLIT_ELEVES=60 ABORDS_SCOL=10 LIEN_FAMILLE=10 ALTERCATION=8 HARCELEMENT=4 VIOLENCE=3"),
            "MER": pick_of("LIEN_FAMILLE=45 ABSENTEISME=30 DEMARCHE_ADMIN=10 LANGUE=10 SOINS=2"),
            "PAP": pick_of("ABORDS_SCOL=50 CONFLIT_ELEVES=20 RASSEMBLEMENT=15 INCIVILITE=10 DEUX_ROUES=5"),
            "VSOC": pick_of("ABSENTEISME=40 ISOLEMENT=30 HARCELEMENT=4 DETRESSE=3 DANGER=1"),
            "SENS": pick_of("CONFLIT_ELEVES=45 INCIVILITE=40 ABORDS_SCOL=15"),
            "VTEC": pick_of("DEGRADATION=60 INCIVILITE=40"),
        },
        orient=pick_of("DEPARTEMENT=20 SANTE=20 PREVENTION_SPECIALISEE=20 ASSOCIATION=20 CAF=10 FRANCE_TRAVAIL_ML=10"),
        co_partner="EDUCATION_NATIONALE",
        outside=time_ranges(
            ("07:30", "08:30", 25), ("10:00", "10:30", 15), ("11:45", "13:45", 30), ("15:30", "17:30", 30)
        ),
        pair_p=0.0,
        binome_p=0.0,
        link_p=0.6,
        follow_p=0.15,
        group_p=0.12,
        sites=("college",),
        site_p=0.9,
        communes=pick_of("69259=100"),
        funders=("EDUC_NAT", "COLLECTIVITE", "ADULTES_RELAIS"),
        time_bands=("MATIN", "APRES_MIDI"),
        commissioners=("college",),
        themes=pick_of("HARCELEMENT=30 PAIRS=30 CITOYENNETE=25 PARENTALITE=15"),
        years_running=3,
    ),
    Profile(
        key="centre",
        name="Médiation tranquillité centre-ville et gare",
        main_domain="ESP_PUB",
        weight=15,
        domains=pick_of("ESP_PUB=62 TRANSPORT=25 ERP=8 EVENEMENT=5"),
        registres=pick_of("PAP=27 CONF=28 VSOC=15 MER=12 VTEC=10 SENS=8"),
        places=pick_of("RUE=40 TRANS_ARRET=20 TRANS_BORD=10 COMMERCE=18 EQUIP=12"),
        origins=pick_of("ALLER_VERS=68 HABITANT=8 PARTENAIRE=5 COMMANDITAIRE=6 APPEL=5 NR=8"),
        publics=pick_of("USAGER=30 JEUNE=25 HABITANT=15 COMMERCANT=10 ERRANCE=8 SENIOR=6 PROFESSIONNEL=4"),
        motifs={
            "CONF": pick_of(
                "ALTERCATION=25 CONFLIT_AGENT=15 COMPORTEMENT_BORD=15 INCIVILITE=15 RASSEMBLEMENT=15 BRUIT=8 DEUX_ROUES=4 CONSO_PUBLIQUE=3"
            ),
            "PAP": pick_of("INSECURITE=30 RASSEMBLEMENT=20 INFO_TITRE=20 INCIVILITE=15 ERRANCE=15"),
            "VSOC": pick_of("ERRANCE=50 ISOLEMENT=30 DETRESSE=4 DANGER=2"),
            "MER": pick_of("INFO_TITRE=35 DEMARCHE_ADMIN=25 NUMERIQUE=15 EMPLOI=10 LANGUE=10"),
            "VTEC": pick_of("DEGRADATION=40 INCIVILITE=30 AUTRE=30"),
            "SENS": pick_of("INFO_TITRE=40 INCIVILITE=40 COMPORTEMENT_BORD=20"),
        },
        orient=pick_of("ASSOCIATION=25 CCAS=20 FRANCE_SERVICES=20 TRANSPORTEUR=15 SANTE=10 PREVENTION_SPECIALISEE=10"),
        co_partner="TRANSPORTEUR",
        outside=time_ranges(("10:00", "12:00", 15), ("12:00", "18:00", 55), ("18:00", "20:00", 30)),
        pair_p=0.3,
        binome_p=0.6,
        link_p=0.6,
        follow_p=0.06,
        group_p=0.2,
        sites=("gare", "acacias", "clairiere", "mediatheque"),
        site_p=0.5,
        communes=pick_of("69259=50 69029=30 69199=20"),
        funders=("COLLECTIVITE", "FIPD", "AUTRE"),
        time_bands=("APRES_MIDI", "SOIREE"),
        commissioners=("ville", "transporteur"),
        themes=pick_of("LIEN_SOCIAL=35 CITOYENNETE=25 SECURITE=25 SANTE=15"),
        years_running=5,
    ),
)
# Places of the interventions during a presence block, by kind of block.
BLOCK_PLACES = {
    "HAB": pick_of("HAB_PC=45 HAB_ABORDS=35 HAB_LOGT=10 RUE=10"),
    "NUIT": pick_of("RUE=35 HAB_PC=25 HAB_ABORDS=25 TRANS_ARRET=8 COMMERCE=7"),
    "PERM": pick_of("PERMANENCE=85 DISTANCE=15"),
    "SCOL": pick_of("SCOL_IN=65 SCOL_ABORDS=35"),
    "CENTRE": pick_of("RUE=45 COMMERCE=25 TRANS_ARRET=20 EQUIP=10"),
    "BORD": pick_of("TRANS_BORD=70 TRANS_ARRET=30"),
    "EVENT": pick_of("RUE=60 EQUIP=40"),
}
PRESENCE_TYPES = ("TOURNEE_PIED", "TOURNEE_VEHICULE", "PERMANENCE", "ETABLISSEMENT", "TRANSPORT_BORD", "EVENEMENT")
OPEN_OUTCOMES = frozenset({"EN_COURS", "ORIENTE", "PARTIEL", "NON_RESOLU"})
HAB_SITE_PLACES = pick_of("HAB_PC=50 HAB_ABORDS=30 HAB_LOGT=20")
SCOL_PLACES = pick_of("SCOL_IN=70 SCOL_ABORDS=30")
NETWORKS = ("FRANCE_MEDIATION", "CORRESPONDANTS_NUIT")
COORDINATOR_HOURS = time_ranges(("09:00", "12:00", 50), ("14:00", "18:00", 50))

ACTION_TITLES: dict[str, tuple[str, ...]] = {
    "REGLES_VIE": ("Atelier sur les règles de vie en résidence", "Rappel du règlement intérieur avec les locataires"),
    "CITOYENNETE": ("Atelier citoyenneté", "Rencontre jeunes et élus du quartier"),
    "HARCELEMENT": ("Sensibilisation au harcèlement (classes de 5e)", "Prévention du cyberharcèlement"),
    "PAIRS": ("Formation des élèves médiateurs", "Séance de suivi des médiateurs pairs"),
    "NUMERIQUE": ("Atelier démarches en ligne", "Atelier smartphone et services publics"),
    "PARENTALITE": ("Café des parents", "Rencontre parents et équipe éducative"),
    "ACCES_DROITS": ("Information collective sur les aides au logement", "Permanence collective accès aux droits"),
    "SANTE": ("Information prévention santé", "Atelier accès aux soins et complémentaire santé"),
    "TRI_ENERGIE": ("Atelier tri des déchets", "Atelier économies d'énergie"),
    "SECURITE": ("Prévention des risques domestiques", "Marche exploratoire de nuit"),
    "LIEN_SOCIAL": ("Fête des voisins", "Goûter de quartier", "Pique-nique de quartier"),
    "AUTRE": ("Rencontre d'information",),
}
ACTION_PARTNERS = pick_of(
    "BAILLEUR=20 COMMUNE=20 ASSOCIATION=15 EDUCATION_NATIONALE=10 CCAS=10 FRANCE_SERVICES=8 PREVENTION_SPECIALISEE=7 POLICE_MUNICIPALE=5 SANTE=5"
)
ACTION_REGISTRES = pick_of("SENS=55 CONC=25 PROJ=20")
ACTION_PUBLICS = pick_of("HABITANT=35 JEUNE=20 ENFANT_ELEVE=20 PARENT=15 SENIOR=10")

# meeting type -> (subjects, partner types present, dispositif key or None)
MEETINGS: dict[str, tuple[tuple[str, ...], tuple[str, ...], str | None]] = {
    "CLSPD": (
        ("Groupe restreint tranquillité publique", "Séance plénière du CLSPD"),
        (
            "COMMUNE",
            "POLICE_MUNICIPALE",
            "POLICE_GENDARMERIE",
            "PREVENTION_SPECIALISEE",
            "BAILLEUR",
            "JUSTICE_ACCES_DROIT",
        ),
        "nuit",
    ),
    "GUP": (
        ("Point mensuel gestion urbaine de proximité", "Diagnostic en marchant"),
        ("COMMUNE", "BAILLEUR", "EPCI"),
        "habitat",
    ),
    "CELLULE_VEILLE": (
        ("Cellule de veille sociale du quartier", "Situations de fragilité repérées"),
        ("CCAS", "DEPARTEMENT", "PREVENTION_SPECIALISEE", "SANTE"),
        None,
    ),
    "BAILLEUR": (
        ("Point tranquillité résidentielle", "Suivi des signalements techniques"),
        ("BAILLEUR",),
        "habitat",
    ),
    "EQUIPE_EDUC": (
        ("Équipe éducative", "Point climat scolaire", "Préparation du conseil de vie collégienne"),
        ("EDUCATION_NATIONALE",),
        "scolaire",
    ),
    "COMMANDITAIRE": (
        ("Bilan trimestriel du dispositif", "Comité de pilotage"),
        ("COMMUNE", "BAILLEUR"),
        None,
    ),
    "RESEAU": (("Rencontre du réseau régional de médiation",), ("ASSOCIATION",), None),
    "AUTRE": (("Réunion partenariale",), ("ASSOCIATION", "COMMUNE"), None),
}
