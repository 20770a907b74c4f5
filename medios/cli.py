"""Command line: English command names, French messages.

``medios`` with no command opens the desktop window; every other command runs headless and never
imports Qt.  Exit codes: 0 success, 1 environment problem (storage), 2 user error (bad input), 3 a bug (traceback in
the local log), 4 partial import (``--skip-invalid`` left lines out), 130 interrupted (Ctrl+C: the transaction
under way is rolled back), 141 the program reading the standard output stopped (``| head``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gettext
import logging
import os
import sys
import textwrap
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medios import paths
from medios.files import STDOUT, describe_os_error
from medios.i18n import translate, use_cli_language

if TYPE_CHECKING:
    from medios.db import Database

# ``--help``, ``--version`` and a mistyped argument stop in ``build_parser().parse_args``: this module
# imports nothing heavy (SQLAlchemy, alembic, the models, Qt) before a command actually runs; each command
# imports what it needs (tests/test_cli.py checks it in a fresh process).

EXIT_OK, EXIT_STORAGE, EXIT_USER, EXIT_BUG, EXIT_PARTIAL = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl+C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: the program reading the standard output stopped (``| head``)
log = logging.getLogger(__name__)


class CliError(Exception):
    """A user mistake on the command line: French message, exit code 2."""


# argparse's own messages (Python 3.11), in French: argparse looks ``_`` and ``ngettext`` up in its
# module at call time.  The help of --version is given explicitly (argparse 3.11 does not translate it).
_ARGPARSE_FR = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (possibles : %(choices)s)",
    "expected one argument": "une valeur est attendue",
    "expected at most one argument": "une valeur au plus est attendue",
    "expected at least one argument": "une valeur au moins est attendue",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "ignored explicit argument %r": "valeur inattendue : %r",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "unexpected option string: %s": "option inattendue : %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "commande inconnue : %(parser_name)r (possibles : %(choices)s)",
    "can't open '%(filename)s': %(error)s": "impossible d'ouvrir « %(filename)s » : %(error)s",
}
_ARGPARSE_FR_PLURAL = {
    ("expected %s argument", "expected %s arguments"): ("%s valeur attendue", "%s valeurs attendues"),
}


def _argparse_text(message: str) -> str:
    return _ARGPARSE_FR.get(message, message)


def _argparse_plural(singular: str, plural: str, n: int) -> str:
    french = _ARGPARSE_FR_PLURAL.get((singular, plural))
    if french is None:
        return singular if n == 1 else plural
    return french[0] if n <= 1 else french[1]


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's layout, without cutting option names such as ``--skip-invalid`` at their hyphen."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return textwrap.fill(
            " ".join(text.split()), width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
        )


class _VersionAction(argparse.Action):
    """argparse's ``version`` action, reading the installed version only when asked (``importlib.metadata``
    costs a few tens of milliseconds that ``--help`` does not need)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings=option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kwargs: Any) -> None:
        from medios import __version__

        sys.stdout.write(f"medios {__version__}\n")  # on the standard output, as argparse's own action
        parser.exit()


class _Parser(argparse.ArgumentParser):
    """The parser of ``medios`` and of its commands (argparse makes subparsers of the same class)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)


def _integer(text: str) -> int:
    """argparse's ``int``, with a translated message (argparse would say « invalid int value »)."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("Cli", "nombre entier attendu : « {value} »").format(value=text)
        ) from None


_language = ["fr"]


def current_language() -> str:
    return _language[0]


def set_language_from_environment() -> str:
    """French by default; ``MEDIOS_LANG=en`` (or ``EN``, ``en_US.UTF-8``…) switches the messages to the
    shipped English catalog."""
    _language[0] = use_cli_language(os.environ.get("MEDIOS_LANG"))
    return _language[0]


def build_parser() -> argparse.ArgumentParser:
    french = current_language() == "fr"
    argparse._ = _argparse_text if french else gettext.gettext  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_plural if french else gettext.ngettext  # type: ignore[attr-defined]
    file_ = translate("Cli", "FICHIER")
    jsonl = translate("Cli", "FICHIER.jsonl")
    name = translate("Cli", "NOM")
    label = translate("Cli", "LIBELLÉ")
    level = translate("Cli", "NIVEAU")
    levels = translate("Cli", "COMMUNE, QPV, EPCI, DEPARTEMENT ou REGION")
    parser = _Parser(
        prog="medios",
        description=translate("Cli", "Médios : saisie et bilans de l'activité de médiation sociale."),
        epilog=translate(
            "Cli",
            "Codes de sortie : 0 réussite, 1 problème de stockage (disque plein, base verrouillée, endommagée ou "
            "introuvable), 2 erreur de saisie, 3 erreur inattendue (détail dans le journal), 4 import partiel "
            "(--skip-invalid a écarté des lignes), 130 interrompu (Ctrl+C : rien n'a été enregistré).",
        ),
    )
    parser.add_argument(
        "--version",
        action=_VersionAction,
        help=translate("Cli", "afficher la version et quitter"),
    )
    parser.add_argument(
        "--db",
        metavar=file_,
        help=translate("Cli", "base de données à utiliser (sinon MEDIOS_DB, sinon le dossier de données)"),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=translate("Cli", "remplir une base vide avec des données fictives avant d'ouvrir la fenêtre"),
    )
    parser.add_argument(
        "--passphrase-file",
        metavar=file_,
        help=translate(
            "Cli",
            "fichier qui contient la phrase secrète (ou la clé de secours) de la base chiffrée, sinon "
            "MEDIOS_PASSPHRASE, sinon le trousseau du système, sinon elle est demandée",
        ),
    )
    pdf_ = translate("Cli", "FICHIER.pdf")
    recovery_help = translate("Cli", "écrire aussi la clé de secours dans une page PDF à imprimer")
    by_ = translate("Cli", "PSEUDONYME")
    sub = parser.add_subparsers(dest="command", metavar=translate("Cli", "COMMANDE"))

    p = sub.add_parser("init", help=translate("Cli", "créer la base et enregistrer la structure"))
    p.add_argument("--structure", required=True, metavar=name, help=translate("Cli", "nom de la structure"))
    p.add_argument("--mediator", metavar=name, help=translate("Cli", "premier utilisateur (coordinateur)"))
    p.add_argument(
        "--calendar",
        default="METROPOLE",
        metavar="CODE",
        help=translate("Cli", "calendrier des jours fériés (METROPOLE, ALSACE_MOSELLE, GUADELOUPE…)"),
    )
    p.add_argument("--recovery-pdf", metavar=pdf_, help=recovery_help)

    p = sub.add_parser("demo", help=translate("Cli", "remplir la base avec une activité fictive réaliste"))
    p.add_argument("--recovery-pdf", metavar=pdf_, help=recovery_help)
    p.add_argument(
        "--months", type=_integer, default=12, metavar="N", help=translate("Cli", "nombre de mois (défaut 12)")
    )
    p.add_argument(
        "--mediators", type=_integer, default=6, metavar="N", help=translate("Cli", "nombre de médiateurs (défaut 6)")
    )
    p.add_argument(
        "--seed", type=_integer, default=1, metavar="N", help=translate("Cli", "graine du tirage (défaut 1)")
    )

    p = sub.add_parser(
        "import",
        help=translate("Cli", "importer des interventions au format JSONL v1"),
        epilog=translate(
            "Cli",
            "Tout ou rien : une ligne invalide et rien n'est importé (code 2). Avec --skip-invalid, les lignes "
            "valides sont importées et le code de sortie est 4 si des lignes ont été écartées.",
        ),
    )
    p.add_argument("file", type=Path, metavar=jsonl, help=translate("Cli", "fichier à importer"))
    p.add_argument(
        "--skip-invalid",
        action="store_true",
        help=translate("Cli", "importer les lignes valides et lister les autres"),
    )

    p = sub.add_parser("export-jsonl", help=translate("Cli", "exporter les interventions au format JSONL v1"))
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar=jsonl,
        help=translate("Cli", "fichier à écrire (« - » : la sortie standard)"),
    )
    p.add_argument(
        "--by",
        metavar=translate("Cli", "PSEUDONYME"),
        help=translate("Cli", "pseudonyme de la coordination qui exporte"),
    )

    date_metavar = translate("Cli", "AAAA-MM-JJ")
    codes = translate("Cli", "CODES")
    pseudo = translate("Cli", "PSEUDONYME")

    p = sub.add_parser("structure", help=translate("Cli", "afficher ou corriger la structure"))
    ssub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ssub.add_parser("show", help=translate("Cli", "afficher la structure"))
    change = ssub.add_parser(
        "set", help=translate("Cli", "corriger la structure (seules les options données changent)")
    )
    change.add_argument("--name", metavar=name, help=translate("Cli", "nom de la structure"))
    change.add_argument(
        "--calendar", metavar="CODE", help=translate("Cli", "calendrier des jours fériés (METROPOLE, ALSACE_MOSELLE…)")
    )
    change.add_argument(
        "--notes",
        choices=("on", "off"),
        help=translate(
            "Cli",
            "observations libres (on, off) ; la personne peut demander à lire ce texte : restez factuel, sans "
            "santé, origine, religion ni infraction",
        ),
    )
    change.add_argument(
        "--siret", metavar="SIRET", help=translate("Cli", "numéro SIRET (14 chiffres ; « - » l'efface)")
    )
    change.add_argument(
        "--legal-status", metavar="CODE", help=translate("Cli", "statut juridique (ASSOCIATION, COLLECTIVITE, GIP…)")
    )
    change.add_argument(
        "--observatory-id",
        metavar="ID",
        help=translate("Cli", "identifiant donné par l'observatoire (« - » l'efface)"),
    )
    change.add_argument(
        "--networks",
        metavar=codes,
        help=translate("Cli", "réseaux, codes RESEAU séparés par des virgules (« - » les efface)"),
    )
    change.add_argument(
        "--afnor-date", metavar=date_metavar, help=translate("Cli", "date de certification AFNOR (« - » l'efface)")
    )
    change.add_argument(
        "--hq-commune", metavar="CODE", help=translate("Cli", "code INSEE de la commune du siège (« - » l'efface)")
    )

    p = sub.add_parser(
        "dispositif", help=translate("Cli", "lister, ajouter, corriger ou retirer les dispositifs de la structure")
    )
    dsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = dsub.add_parser("list", help=translate("Cli", "lister les dispositifs"))
    listing.add_argument("--retired", action="store_true", help=translate("Cli", "lister les dispositifs retirés"))
    add = dsub.add_parser("add", help=translate("Cli", "ajouter un dispositif"))
    add.add_argument("name", metavar=label, help=translate("Cli", "nom du dispositif"))
    add.add_argument(
        "--domain", required=True, metavar="CODE", help=translate("Cli", "domaine principal (HABITAT, NUIT, SCOLAIRE…)")
    )
    add.add_argument(
        "--start",
        metavar=date_metavar,
        help=translate("Cli", "date de début (défaut : aujourd'hui)"),
    )
    change = dsub.add_parser("set", help=translate("Cli", "corriger ou renommer un dispositif"))
    change.add_argument("name", metavar=label, help=translate("Cli", "nom actuel du dispositif"))
    change.add_argument("--name", dest="new_name", metavar=label, help=translate("Cli", "nouveau nom"))
    change.add_argument("--domain", metavar="CODE", help=translate("Cli", "domaine principal"))
    change.add_argument("--start", metavar=date_metavar, help=translate("Cli", "date de début"))
    change.add_argument("--end", metavar=date_metavar, help=translate("Cli", "date de fin (« - » l'efface)"))
    add.add_argument("--end", metavar=date_metavar, help=translate("Cli", "date de fin"))
    for form in (add, change):
        form.add_argument(
            "--funders",
            metavar=codes,
            help=translate("Cli", "financements, codes FINANCEMENT séparés par des virgules"),
        )
        form.add_argument(
            "--territories",
            metavar=codes,
            help=translate("Cli", "territoires couverts, codes de la liste des territoires séparés par des virgules"),
        )
        form.add_argument(
            "--time-bands",
            metavar=codes,
            help=translate("Cli", "plages couvertes, codes PLAGE séparés par des virgules"),
        )
        form.add_argument(
            "--commissioner",
            action="append",
            metavar=name,
            help=translate("Cli", "commanditaire, nom d'un partenaire de l'annuaire (option répétable)"),
        )
    retire = dsub.add_parser("retire", help=translate("Cli", "retirer un dispositif (ses fiches le gardent)"))
    retire.add_argument("name", metavar=label, help=translate("Cli", "nom du dispositif"))
    restore = dsub.add_parser("restore", help=translate("Cli", "rétablir un dispositif retiré"))
    restore.add_argument("name", metavar=label, help=translate("Cli", "nom du dispositif"))

    p = sub.add_parser(
        "mediator", help=translate("Cli", "lister, ajouter, corriger ou retirer les utilisateurs (médiateurs)")
    )
    msub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = msub.add_parser("list", help=translate("Cli", "lister les pseudonymes et rôles (jamais les noms)"))
    listing.add_argument("--retired", action="store_true", help=translate("Cli", "lister les utilisateurs retirés"))
    add = msub.add_parser("add", help=translate("Cli", "ajouter un utilisateur (son pseudonyme est attribué)"))
    add.add_argument("name", metavar=name, help=translate("Cli", "nom (reste sur cet ordinateur)"))
    add.add_argument(
        "--role",
        default="MEDIATEUR",
        metavar="CODE",
        help=translate("Cli", "MEDIATEUR (défaut), COORDINATEUR ou ADMIN"),
    )
    rename = msub.add_parser("rename", help=translate("Cli", "changer le pseudonyme d'un médiateur"))
    rename.add_argument("current", metavar=pseudo, help=translate("Cli", "pseudonyme actuel"))
    rename.add_argument("new", metavar=translate("Cli", "NOUVEAU"), help=translate("Cli", "nouveau pseudonyme (MED-…)"))
    change = msub.add_parser("set", help=translate("Cli", "corriger le nom ou le rôle d'un utilisateur"))
    change.add_argument("pseudonym", metavar=pseudo, help=translate("Cli", "pseudonyme de l'utilisateur"))
    change.add_argument("--name", metavar=name, help=translate("Cli", "nom"))
    change.add_argument("--role", metavar="CODE", help=translate("Cli", "MEDIATEUR, COORDINATEUR ou ADMIN"))
    for form in (add, change):
        form.add_argument("--contract", metavar="CODE", help=translate("Cli", "contrat (CDI, CDD, ADULTE_RELAIS…)"))
        form.add_argument("--fte", metavar="%", help=translate("Cli", "quotité en pour cent, de 10 à 100"))
        form.add_argument(
            "--weekly-hours",
            metavar=translate("Cli", "HEURES"),
            help=translate("Cli", "heures par semaine (35, 24,5 ou 24h30 ; défaut : 35 h × quotité)"),
        )
        form.add_argument(
            "--qualifications", metavar=codes, help=translate("Cli", "codes QUALIF séparés par des virgules")
        )
        form.add_argument("--start", metavar=date_metavar, help=translate("Cli", "date d'entrée"))
        form.add_argument("--end", metavar=date_metavar, help=translate("Cli", "date de sortie"))
    retire = msub.add_parser(
        "retire", help=translate("Cli", "retirer un utilisateur (ses fiches le gardent ; pseudonyme jamais réutilisé)")
    )
    retire.add_argument("pseudonym", metavar=pseudo, help=translate("Cli", "pseudonyme de l'utilisateur"))
    restore = msub.add_parser("restore", help=translate("Cli", "rétablir un utilisateur retiré"))
    restore.add_argument("pseudonym", metavar=pseudo, help=translate("Cli", "pseudonyme de l'utilisateur"))

    p = sub.add_parser(
        "territory", help=translate("Cli", "lister, ajouter, importer, corriger ou retirer les territoires")
    )
    tsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = tsub.add_parser("list", help=translate("Cli", "lister les territoires"))
    listing.add_argument("--level", metavar=level, help=levels)
    listing.add_argument("--retired", action="store_true", help=translate("Cli", "lister les territoires retirés"))
    add = tsub.add_parser("add", help=translate("Cli", "ajouter un territoire"))
    add.add_argument("level", metavar=level, help=levels)
    add.add_argument("code", metavar="CODE", help=translate("Cli", "code officiel (INSEE, QPV, SIREN…)"))
    add.add_argument("label", metavar=label, help=translate("Cli", "nom du territoire"))
    add.add_argument(
        "--vintage",
        default=str(dt.date.today().year),
        metavar=translate("Cli", "MILLÉSIME"),
        help=translate("Cli", "millésime du code (défaut : l'année en cours)"),
    )
    add.add_argument(
        "--parent", metavar="CODE", help=translate("Cli", "territoire de rattachement (commune d'un QPV…)")
    )
    change = tsub.add_parser("set", help=translate("Cli", "corriger le libellé ou le rattachement d'un territoire"))
    change.add_argument("level", metavar=level, help=levels)
    change.add_argument("code", metavar="CODE", help=translate("Cli", "code du territoire"))
    change.add_argument("--label", metavar=label, help=translate("Cli", "nouveau libellé"))
    change.add_argument("--parent", metavar="CODE", help=translate("Cli", "rattachement (« - » l'efface)"))
    change.add_argument(
        "--vintage", metavar=translate("Cli", "MILLÉSIME"), help=translate("Cli", "millésime (défaut : le plus récent)")
    )
    retire = tsub.add_parser("retire", help=translate("Cli", "retirer un territoire de la liste"))
    retire.add_argument("level", metavar=level, help=levels)
    retire.add_argument("code", metavar="CODE", help=translate("Cli", "code du territoire"))
    retire.add_argument(
        "--vintage", metavar=translate("Cli", "MILLÉSIME"), help=translate("Cli", "millésime (défaut : le plus récent)")
    )
    restore = tsub.add_parser("restore", help=translate("Cli", "rétablir un territoire retiré"))
    restore.add_argument("level", metavar=level, help=levels)
    restore.add_argument("code", metavar="CODE", help=translate("Cli", "code du territoire"))
    load = tsub.add_parser(
        "import",
        help=translate("Cli", "importer une liste de territoires (CSV ; tout ou rien)"),
        epilog=translate(
            "Cli",
            "Colonnes : code ; libellé ; millésime ; rattachement, ou une ligne d'en-tête (niveau, code, libellé, "
            "millésime, rattachement, ou les noms des fichiers officiels COG et QPV). Séparateur « ; », tabulation "
            "ou « , ». Une ligne invalide et rien n'est ajouté.",
        ),
    )
    load.add_argument("file", type=Path, metavar=file_, help=translate("Cli", "fichier CSV (UTF-8)"))
    load.add_argument(
        "--level", default="COMMUNE", metavar=level, help=translate("Cli", "niveau quand le fichier ne le dit pas")
    )
    load.add_argument(
        "--vintage",
        default=str(dt.date.today().year),
        metavar=translate("Cli", "MILLÉSIME"),
        help=translate("Cli", "millésime quand le fichier ne le dit pas (défaut : l'année en cours)"),
    )
    load.add_argument(
        "--dry-run", action="store_true", help=translate("Cli", "afficher ce qui serait ajouté, sans rien écrire")
    )

    p = sub.add_parser("site", help=translate("Cli", "lister, ajouter, corriger ou retirer les sites"))
    ssub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = ssub.add_parser(
        "list", help=translate("Cli", "lister les sites (identifiant, type de lieu, commune, QPV)")
    )
    listing.add_argument("--retired", action="store_true", help=translate("Cli", "lister les sites retirés"))
    add = ssub.add_parser("add", help=translate("Cli", "ajouter un site"))
    add.add_argument("name", metavar=name, help=translate("Cli", "nom du site"))
    add.add_argument(
        "--place", required=True, metavar="CODE", help=translate("Cli", "type de lieu (HAB_PC, SCOL_ABORDS…)")
    )
    add.add_argument("--commune", required=True, metavar="CODE", help=translate("Cli", "code INSEE de la commune"))
    add.add_argument("--qpv", metavar="CODE", help=translate("Cli", "code QPV ou HORS_QPV"))
    change = ssub.add_parser("set", help=translate("Cli", "corriger ou renommer un site"))
    change.add_argument("name", metavar=name, help=translate("Cli", "nom actuel ou identifiant du site"))
    change.add_argument("--name", dest="new_name", metavar=name, help=translate("Cli", "nouveau nom"))
    change.add_argument("--place", metavar="CODE", help=translate("Cli", "type de lieu"))
    change.add_argument("--commune", metavar="CODE", help=translate("Cli", "code INSEE de la commune"))
    change.add_argument("--qpv", metavar="CODE", help=translate("Cli", "code QPV ou HORS_QPV (« - » l'efface)"))
    for form in (add, change):
        form.add_argument(
            "--uai", metavar="UAI", help=translate("Cli", "code UAI d'un établissement scolaire (« - » l'efface)")
        )
        form.add_argument(
            "--educ-prio", metavar="CODE", help=translate("Cli", "éducation prioritaire : REP, REP_PLUS, HORS_EP")
        )
        form.add_argument(
            "--landlord", metavar=name, help=translate("Cli", "bailleur, nom d'un partenaire de l'annuaire")
        )
    retire = ssub.add_parser("retire", help=translate("Cli", "retirer un site (ses fiches le gardent)"))
    retire.add_argument("name", metavar=name, help=translate("Cli", "nom ou identifiant du site"))
    restore = ssub.add_parser("restore", help=translate("Cli", "rétablir un site retiré"))
    restore.add_argument("name", metavar=name, help=translate("Cli", "nom ou identifiant du site"))

    p = sub.add_parser("partner", help=translate("Cli", "lister, ajouter, corriger ou retirer les partenaires"))
    psub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = psub.add_parser(
        "list", help=translate("Cli", "lister l'annuaire (organisme, type, commune ; jamais les contacts)")
    )
    listing.add_argument("--retired", action="store_true", help=translate("Cli", "lister les partenaires retirés"))
    for action, helptext in (
        ("add", translate("Cli", "ajouter un partenaire")),
        ("set", translate("Cli", "corriger ou renommer un partenaire")),
    ):
        form = psub.add_parser(action, help=helptext)
        form.add_argument("name", metavar=name, help=translate("Cli", "nom de l'organisme"))
        if action == "set":
            form.add_argument("--name", dest="new_name", metavar=name, help=translate("Cli", "nouveau nom"))
        form.add_argument(
            "--type",
            dest="partner_type",
            required=action == "add",
            metavar="CODE",
            help=translate("Cli", "type de partenaire (BAILLEUR, CCAS, POLICE_MUNICIPALE…)"),
        )
        form.add_argument("--commune", metavar="CODE", help=translate("Cli", "code INSEE de la commune"))
        form.add_argument("--contact", metavar=name, help=translate("Cli", "personne à contacter"))
        form.add_argument("--phone", metavar=translate("Cli", "NUMÉRO"), help=translate("Cli", "téléphone"))
        form.add_argument("--email", metavar=translate("Cli", "ADRESSE"), help=translate("Cli", "adresse e-mail"))
    retire = psub.add_parser("retire", help=translate("Cli", "retirer un partenaire de l'annuaire"))
    retire.add_argument("name", metavar=name, help=translate("Cli", "nom de l'organisme"))
    restore = psub.add_parser("restore", help=translate("Cli", "rétablir un partenaire retiré"))
    restore.add_argument("name", metavar=name, help=translate("Cli", "nom de l'organisme"))

    p = sub.add_parser("report", help=translate("Cli", "écrire le bilan d'un mois ou d'une période (Excel ou PDF)"))
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--month", metavar=translate("Cli", "AAAA-MM"), help=translate("Cli", "un mois (2026-10)"))
    when.add_argument(
        "--period",
        metavar=translate("Cli", "PÉRIODE"),
        help=translate("Cli", "un trimestre (2026-T1), une année (2026) ou une plage de mois (2025-04:2026-03)"),
    )
    p.add_argument("--dispositif", metavar=label, help=translate("Cli", "limiter à un dispositif (son nom)"))
    p.add_argument(
        "--commune", metavar=translate("Cli", "CODE"), help=translate("Cli", "limiter à une commune (code INSEE)")
    )
    p.add_argument("--qpv", metavar=translate("Cli", "CODE"), help=translate("Cli", "limiter à un QPV (ou HORS_QPV)"))
    p.add_argument("--format", required=True, choices=("xlsx", "pdf"), help=translate("Cli", "xlsx ou pdf"))
    p.add_argument(
        "-o", "--output", required=True, metavar=translate("Cli", "FICHIER"), help=translate("Cli", "fichier à écrire")
    )

    p = sub.add_parser(
        "month", help=translate("Cli", "clôturer ou rouvrir un mois, voir son état et ses modifications après clôture")
    )
    month = translate("Cli", "AAAA-MM")
    by_help = translate("Cli", "pseudonyme de la coordinatrice ou du coordinateur qui agit (MED-…)")
    msub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    status = msub.add_parser("status", help=translate("Cli", "état d'un mois, ou de tous les mois clôturés"))
    status.add_argument(
        "month", nargs="?", metavar=month, help=translate("Cli", "mois (défaut : tous les mois clôturés)")
    )
    close = msub.add_parser("close", help=translate("Cli", "clôturer un mois terminé : ses chiffres sont figés"))
    close.add_argument("month", metavar=month, help=translate("Cli", "mois à clôturer"))
    close.add_argument("--by", metavar=pseudo, help=by_help)
    reopen = msub.add_parser("reopen", help=translate("Cli", "rouvrir un mois clôturé (action enregistrée)"))
    reopen.add_argument("month", metavar=month, help=translate("Cli", "mois à rouvrir"))
    reopen.add_argument(
        "--reason",
        required=True,
        metavar=translate("Cli", "MOTIF"),
        help=translate("Cli", "pourquoi (200 caractères au plus)"),
    )
    reopen.add_argument("--by", metavar=pseudo, help=by_help)
    changes = msub.add_parser("amendments", help=translate("Cli", "lister les modifications après clôture d'un mois"))
    changes.add_argument("month", metavar=month, help=translate("Cli", "mois"))

    p = sub.add_parser(
        "observatory", help=translate("Cli", "fichier anonymisé pour l'Observatoire : exporter, contrôler, historique")
    )
    osub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = osub.add_parser(
        "export", help=translate("Cli", "écrire le fichier d'un mois, d'un trimestre ou d'une année")
    )
    export.add_argument(
        "--period",
        required=True,
        metavar=translate("Cli", "PÉRIODE"),
        help=translate("Cli", "un mois (2026-10), un trimestre (2026-Q3) ou une année (2026)"),
    )
    export.add_argument(
        "-o",
        "--output",
        required=True,
        metavar=translate("Cli", "FICHIER.zip"),
        help=translate("Cli", "fichier à écrire"),
    )
    export.add_argument(
        "--threshold",
        type=int,
        default=None,
        metavar="N",
        help=translate("Cli", "seuil de secret (défaut 11, jamais moins de 5)"),
    )
    export.add_argument(
        "--confirm-open-months",
        action="store_true",
        help=translate("Cli", "exporter même si des mois de la période ne sont pas clôturés (le fichier le dit)"),
    )
    export.add_argument(
        "--replaces",
        metavar=translate("Cli", "EMPREINTE"),
        help=translate(
            "Cli", "fichier corrigé : début de l'empreinte SHA-256 du fichier qu'il remplace (voir history)"
        ),
    )
    export.add_argument("--by", metavar=pseudo, help=translate("Cli", "pseudonyme de la coordination qui exporte"))
    export.add_argument(
        "--dry-run",
        action="store_true",
        help=translate("Cli", "montrer ce qui serait publié et masqué (et pourquoi) sans rien écrire"),
    )
    check = osub.add_parser("check", help=translate("Cli", "contrôler un fichier ou un ensemble de fichiers"))
    check.add_argument("files", nargs="+", metavar=translate("Cli", "FICHIER.zip"), help=translate("Cli", "fichiers"))
    osub.add_parser("history", help=translate("Cli", "lister les fichiers déjà envoyés"))

    p = sub.add_parser("backup", help=translate("Cli", "sauvegarder la base (copie vérifiée)"))
    p.add_argument(
        "-o",
        "--output",
        metavar=translate("Cli", "FICHIER"),
        help=translate("Cli", "fichier de sauvegarde (par défaut : une sauvegarde automatique du dossier de données)"),
    )
    p = sub.add_parser("restore", help=translate("Cli", "remplacer la base par une sauvegarde vérifiée"))
    p.add_argument("file", metavar=translate("Cli", "SAUVEGARDE"), help=translate("Cli", "fichier de sauvegarde"))
    p.add_argument(
        "--yes",
        action="store_true",
        help=translate("Cli", "remplacer sans demander (la base actuelle est gardée de côté)"),
    )

    p = sub.add_parser("retention", help=translate("Cli", "conservation des observations libres"))
    rsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    rsub.add_parser("show", help=translate("Cli", "la durée de conservation et ce qu'une purge retirerait"))
    change = rsub.add_parser("set", help=translate("Cli", "changer la durée de conservation (en mois)"))
    change.add_argument("months", type=int, metavar=translate("Cli", "MOIS"), help=translate("Cli", "de 1 à 120"))
    change.add_argument("--by", metavar=translate("Cli", "PSEUDONYME"), help=translate("Cli", "qui fait le changement"))
    purge = rsub.add_parser(
        "purge", help=translate("Cli", "retirer les observations échues, et leurs traces du fichier")
    )
    purge.add_argument("--yes", action="store_true", help=translate("Cli", "purger sans demander"))
    purge.add_argument("--by", metavar=translate("Cli", "PSEUDONYME"), help=translate("Cli", "qui purge"))

    p = sub.add_parser("audit", help=translate("Cli", "vérifier le journal des modifications"))
    asub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    asub.add_parser(
        "verify", help=translate("Cli", "vérifier que le journal n'a été ni modifié, ni réordonné, ni amputé")
    )
    export = asub.add_parser("export", help=translate("Cli", "exporter le journal en CSV (coordination)"))
    export.add_argument("-o", "--output", required=True, metavar=translate("Cli", "FICHIER.csv"))
    export.add_argument("--by", metavar=translate("Cli", "PSEUDONYME"), help=translate("Cli", "qui exporte"))

    p = sub.add_parser("check", help=translate("Cli", "contrôler l'intégrité du fichier de la base"))
    depth = p.add_mutually_exclusive_group()
    depth.add_argument(
        "--full", action="store_true", help=translate("Cli", "contrôle complet même sur un gros fichier")
    )
    depth.add_argument("--quick", action="store_true", help=translate("Cli", "contrôle rapide (quick_check)"))

    p = sub.add_parser(
        "encrypt", help=translate("Cli", "chiffrer une base en clair, et ses sauvegardes (administration)")
    )
    p.add_argument("--recovery-pdf", metavar=pdf_, help=recovery_help)
    p.add_argument("--by", metavar=by_, help=translate("Cli", "qui chiffre"))
    p = sub.add_parser(
        "decrypt-copy",
        help=translate("Cli", "écrire une copie en clair de la base, sur demande expresse (administration)"),
    )
    p.add_argument("-o", "--output", required=True, metavar=file_, help=translate("Cli", "la copie à écrire"))
    p.add_argument("--by", metavar=by_, help=translate("Cli", "qui demande la copie"))
    p = sub.add_parser("key", help=translate("Cli", "la clé de chiffrement de la base (administration)"))
    ksub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ksub.add_parser("status", help=translate("Cli", "d'où vient la clé, ce qui ouvre la base"))
    change = ksub.add_parser(
        "rekey",
        help=translate("Cli", "changer la clé (portable perdu, clé de secours exposée) : nouvelle clé de secours"),
    )
    change.add_argument("--recovery-pdf", metavar=pdf_, help=recovery_help)
    change.add_argument("--by", metavar=by_, help=translate("Cli", "qui change la clé"))
    change = ksub.add_parser("passphrase", help=translate("Cli", "définir ou changer la phrase secrète"))
    change.add_argument("--by", metavar=by_, help=translate("Cli", "qui change la phrase"))
    for parser_ in (ksub.choices["rekey"], ksub.choices["passphrase"], sub.choices["encrypt"]):
        parser_.add_argument(
            "--new-passphrase-file",
            metavar=file_,
            help=translate(
                "Cli", "fichier qui contient la nouvelle phrase secrète (sinon MEDIOS_NEW_PASSPHRASE, sinon demandée)"
            ),
        )

    p = sub.add_parser("account", help=translate("Cli", "les comptes (identifiant et mot de passe) des utilisateurs"))
    asub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    asub.add_parser("list", help=translate("Cli", "les comptes : pseudonyme, rôle, identifiant (jamais les noms)"))
    change = asub.add_parser(
        "set", help=translate("Cli", "donner un compte, ou changer son identifiant ou son mot de passe")
    )
    change.add_argument("pseudonym", metavar=translate("Cli", "PSEUDONYME"))
    change.add_argument(
        "--login",
        required=True,
        metavar=translate("Cli", "IDENTIFIANT"),
        help=translate("Cli", "l'identifiant de connexion"),
    )
    change.add_argument("--by", metavar=by_, help=translate("Cli", "l'administration qui donne le compte"))
    change.add_argument(
        "--password-file",
        metavar=file_,
        help=translate("Cli", "fichier qui contient le mot de passe (sinon MEDIOS_NEW_PASSWORD, sinon demandé)"),
    )
    change = asub.add_parser(
        "remove", help=translate("Cli", "retirer le compte d'un utilisateur (il garde ses fiches)")
    )
    change.add_argument("pseudonym", metavar=translate("Cli", "PSEUDONYME"))
    change.add_argument("--by", metavar=by_, help=translate("Cli", "l'administration qui retire le compte"))

    sub.add_parser("gui", help=translate("Cli", "ouvrir la fenêtre (comme sans commande)"))
    return parser


# Commands that may create the database file; the others refuse a missing one (a mistyped --db).
CREATING_COMMANDS = frozenset({"init", "demo"})


def _open(args: argparse.Namespace, *, writing: bool) -> Database:
    """Open the base; a command that will write is refused at once on a read-only base (full disk,
    read-only medium), before it reads a whole file for nothing."""
    from medios.db import open_database

    given = args.db or os.environ.get("MEDIOS_DB") or ""
    if "://" in given:
        # The engine takes URLs (PostgreSQL later); the command line takes a file, for now.
        raise CliError(
            translate(
                "Cli", "--db (ou MEDIOS_DB) attend un fichier de base de données, pas une adresse : « {value} »."
            ).format(value=given)
        )
    db = open_database(paths.database_path(args.db), create=args.command in CREATING_COMMANDS)
    if writing:
        try:
            db.refuse_writes()
        except BaseException:
            db.dispose()
            raise
    return db


# -- keys: the base is unlocked before a command runs ------------------------------------------------

MAX_PROMPTS = 3


def _read_secret_file(name: str) -> str:
    try:
        with open(name, encoding="utf-8") as handle:
            text = handle.read(4096)
    except (OSError, UnicodeDecodeError) as exc:
        reason = describe_os_error(exc) if isinstance(exc, OSError) else translate("Cli", "pas du texte UTF-8")
        raise CliError(
            translate("Cli", "impossible de lire le fichier de phrase secrète « {name} » ({reason}).").format(
                name=name, reason=reason
            )
        ) from None
    return text.rstrip("\r\n")


def _given_secret(args: argparse.Namespace) -> str | None:
    """The passphrase given to a script: ``MEDIOS_PASSPHRASE``, else ``--passphrase-file``."""
    env = os.environ.get("MEDIOS_PASSPHRASE")
    if env:
        return env
    name = getattr(args, "passphrase_file", None)
    return _read_secret_file(name) if name else None


def _interactive() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _ask(args: argparse.Namespace) -> Any:
    """How this command asks for the passphrase: what a script gave (tried once), else the terminal (three
    tries), else nobody (``None``: the base stays locked, with a message saying how to give it)."""
    import getpass

    given = _given_secret(args)
    if given is not None:
        answers = [given]
        return lambda _reason: answers.pop() if answers else None
    if not _interactive():
        return None
    tries = [0]

    def prompt(reason: str | None) -> str | None:
        if reason:
            print(reason, file=sys.stderr)
        if tries[0] == MAX_PROMPTS:
            return None
        tries[0] += 1
        try:
            return getpass.getpass(translate("Cli", "Phrase secrète ou clé de secours : "))
        except EOFError:
            return None

    return prompt


def _new_passphrase(
    args: argparse.Namespace, *, env: str, file_option: str, required: bool, password: bool = False
) -> str | None:
    """A new passphrase (or, with ``password``, an account's password): ``env``, else the file of
    ``file_option``, else typed twice on the terminal; with none of them, ``None`` unless ``required``."""
    import getpass

    value = os.environ.get(env)
    if value:
        return value
    name = getattr(args, file_option, None)
    if name:
        return _read_secret_file(name)
    option = file_option.replace("_", "-")
    if not _interactive():
        if not required:
            return None
        if password:
            raise CliError(
                translate(
                    "Cli",
                    "Il faut un mot de passe pour ce compte : donnez-le par la variable {env} ou par --{option} "
                    "(jamais sur la ligne de commande).",
                ).format(env=env, option=option)
            )
        raise CliError(
            translate(
                "Cli",
                "{reason} Donnez-la par la variable {env} ou par --{option} (jamais sur la ligne de commande).",
            ).format(reason=_no_store(), env=env, option=option)
        )
    if not required:
        return None
    try:
        if password:
            first = getpass.getpass(translate("Cli", "Nouveau mot de passe : "))
            second = getpass.getpass(translate("Cli", "Le même, une seconde fois : "))
        else:
            first = getpass.getpass(translate("Cli", "Nouvelle phrase secrète : "))
            second = getpass.getpass(translate("Cli", "La même, une seconde fois : "))
    except EOFError:
        raise CliError(translate("Cli", "rien n'a été saisi : rien n'a été changé.")) from None
    if first != second:
        raise CliError(translate("Cli", "les deux saisies diffèrent : rien n'a été changé."))
    return first


def _no_store() -> str:
    from medios.services import keys

    return keys.no_store_message()


# Commands that do not read the base: its key is not asked for.
NO_KEY_NEEDED = frozenset({("observatory", "check"), ("key", "status")})


def _unlock(args: argparse.Namespace) -> None:
    """Make the base's key known (or make the key of a base ``init`` or ``demo`` creates)."""
    from medios.services import keys

    given = args.db or os.environ.get("MEDIOS_DB") or ""
    if "://" in given:
        return  # refused by _open with its own message
    path = paths.database_path(args.db)
    fresh = not path.exists() or (path.is_file() and path.stat().st_size == 0)
    if args.command in CREATING_COMMANDS and fresh:
        _create_key(args, path)
        return
    if not path.is_file():
        return
    try:
        keys.unlock(path, _ask(args))
    except keys.UnlockError:
        from medios.db import crypto

        if args.command != "check" or crypto.key_file(path).exists():
            raise
        # No key file: damaged, or encrypted without its key file; the check says which it can tell.


def _create_key(args: argparse.Namespace, path: Path) -> None:
    from medios.services import keys

    store = keys.backend() is not None
    passphrase = _given_secret(args)
    if passphrase is None and not store:
        passphrase = _new_passphrase(args, env="MEDIOS_PASSPHRASE", file_option="passphrase_file", required=True)
    try:
        _key, made = keys.new_key(path, passphrase)
    except keys.KeyError_ as exc:
        raise CliError(str(exc)) from None
    structure = getattr(args, "structure", None) or path.name
    _say_new_key(made, args, structure)


def _say_new_key(made: Any, args: argparse.Namespace, structure: str) -> None:
    if made.in_keyring:
        print(translate("Cli", "Base chiffrée ; sa clé est gardée dans le trousseau du système de ce poste."))
    else:
        print(
            translate(
                "Cli",
                "Base chiffrée ; sans trousseau système sur ce poste, sa phrase secrète sera demandée à chaque "
                "ouverture.",
            )
        )
    print(
        translate(
            "Cli",
            "Clé de secours (recopiez-la ou imprimez-la, rangez-la dans le coffre : elle ne sera plus affichée) :",
        )
    )
    print(f"    {made.recovery}")
    target = getattr(args, "recovery_pdf", None)
    if target:
        import datetime as dt_

        from medios.export.output import save_bytes
        from medios.export.recovery import recovery_pdf

        content = recovery_pdf(code=made.recovery, structure=structure, base_id=made.base_id, created=dt_.date.today())
        save_bytes(content, target, what=translate("Cli", "la clé de secours"))
        print(
            translate("Cli", "Clé de secours écrite dans {path} : imprimez-la, puis supprimez ce fichier.").format(
                path=target
            )
        )


def _actor(args: argparse.Namespace) -> Any:
    """The user named by ``--by``, or ``None``."""
    name = getattr(args, "by", None)
    if not name:
        return None
    from medios.services import structure as st

    db = _open(args, writing=False)
    try:
        return st.find_mediator(db, name).id
    finally:
        db.dispose()


def _structure_name(args: argparse.Namespace) -> str:
    from medios.services.overview import has_structure
    from medios.services.structure import get_structure

    db = _open(args, writing=False)
    try:
        return get_structure(db).name if has_structure(db) else (db.path.name if db.path else "")
    finally:
        db.dispose()


def cmd_encrypt(args: argparse.Namespace) -> int:
    from medios.services import encryption, keys

    path = paths.database_path(args.db)
    if not path.is_file():
        raise CliError(translate("Cli", "aucune base à cet endroit : {path}.").format(path=path))
    actor = _actor(args)
    structure = _structure_name(args)
    passphrase = _new_passphrase(
        args, env="MEDIOS_NEW_PASSPHRASE", file_option="new_passphrase_file", required=keys.backend() is None
    )
    try:
        done = encryption.encrypt_base(path, passphrase=passphrase, actor_id=actor)
    except keys.KeyError_ as exc:
        raise CliError(str(exc)) from None
    _say_new_key(done.key, args, structure)
    print(
        translate(
            "Cli",
            "{n} sauvegarde(s) en clair du dossier de données chiffrée(s) à leur tour. Celles d'un second dossier "
            "(clé USB) se chiffrent depuis la fenêtre, page Sauvegardes, ou sont remplacées par la rotation.",
        ).format(n=len(done.backups))
    )
    print(
        translate(
            "Cli",
            "Le fichier en clair a été écrasé puis supprimé. Sur un disque SSD, des copies peuvent subsister "
            "dans ses blocs libres : chiffrez aussi le disque de l'ordinateur.",
        )
    )
    return EXIT_OK


def cmd_decrypt_copy(args: argparse.Namespace) -> int:
    from medios.services import encryption, keys

    path = paths.database_path(args.db)
    target = Path(args.output).expanduser().resolve()
    actor = _actor(args)
    try:
        encryption.decrypt_copy(path, target, actor_id=actor)
    except keys.KeyError_ as exc:
        raise CliError(str(exc)) from None
    print(
        translate(
            "Cli",
            "Copie en clair écrite : {path}. Elle n'est pas chiffrée : quiconque obtient ce fichier lit tout. "
            "Supprimez-la dès qu'elle a servi.",
        ).format(path=target)
    )
    return EXIT_OK


def cmd_key(args: argparse.Namespace) -> int:
    from medios.db import crypto
    from medios.services import encryption, keys

    path = paths.database_path(args.db)
    if not path.is_file():
        raise CliError(translate("Cli", "aucune base à cet endroit : {path}.").format(path=path))
    if args.action == "status":
        return _key_status(path)
    actor = _actor(args)
    key_file = keys.read_key_file(path) if crypto.is_encrypted(path) else None
    had = key_file is not None and key_file.passphrase is not None
    try:
        if args.action == "passphrase":
            passphrase = _new_passphrase(
                args, env="MEDIOS_NEW_PASSPHRASE", file_option="new_passphrase_file", required=True
            )
            assert passphrase is not None
            encryption.set_passphrase(path, passphrase, actor_id=actor)
            print(translate("Cli", "Phrase secrète enregistrée : elle ouvre la base sur tout poste sans trousseau."))
            return EXIT_OK
        structure = _structure_name(args)
        passphrase = _new_passphrase(
            args,
            env="MEDIOS_NEW_PASSPHRASE",
            file_option="new_passphrase_file",
            required=had or keys.backend() is None,
        )
        made = encryption.rekey(path, passphrase=passphrase, actor_id=actor)
    except keys.KeyError_ as exc:
        raise CliError(str(exc)) from None
    print(translate("Cli", "Nouvelle clé en place ; l'ancienne clé de secours n'ouvre plus la base."))
    _say_new_key(made, args, structure)
    print(
        translate(
            "Cli",
            "Les sauvegardes déjà faites gardent l'ancienne clé : ce poste les ouvre encore, et l'ancienne clé "
            "de secours aussi. Faites une sauvegarde maintenant (medios backup).",
        )
    )
    return EXIT_OK


def cmd_account(args: argparse.Namespace) -> int:
    from medios.services import accounts
    from medios.services import structure as st

    actor = _actor(args) if args.action != "list" else None
    db = _open(args, writing=args.action != "list")
    try:
        if args.action == "list":
            found = accounts.list_accounts(db)
            for account in found:
                print(f"{account.pseudonym}\t{account.role}\t{account.login}")
            if not found:
                print(translate("Cli", "Aucun compte : la fenêtre s'ouvre sans demander qui est là."))
            return EXIT_OK
        user = st.find_mediator(db, args.pseudonym)
        if args.action == "remove":
            accounts.remove_account(db, user.id, actor_id=actor)
            print(
                translate("Cli", "Compte de {pseudonym} retiré ; ses fiches le gardent.").format(
                    pseudonym=user.pseudonym
                )
            )
            return EXIT_OK
        password = _new_passphrase(
            args,
            env="MEDIOS_NEW_PASSWORD",
            file_option="password_file",
            required=True,
            password=True,
        )
        assert password is not None
        account = accounts.set_account(db, user.id, login=args.login, password=password, actor_id=actor)
    finally:
        db.dispose()
    print(
        translate("Cli", "Compte de {pseudonym} enregistré : identifiant « {login} ».").format(
            pseudonym=account.pseudonym, login=account.login
        )
    )
    return EXIT_OK


def _key_status(path: Path) -> int:
    from medios.services import encryption

    state = encryption.status(path)
    if not state.encrypted:
        print(
            translate("Cli", "Base en clair (non chiffrée) : {path}. Chiffrez-la avec « medios encrypt ».").format(
                path=path
            )
        )
        return EXIT_OK
    print(translate("Cli", "Base chiffrée (SQLCipher, clé aléatoire de 256 bits) : {path}.").format(path=path))
    print(
        translate("Cli", "Trousseau du système : {name}.").format(name=state.store)
        if state.store
        else translate("Cli", "Trousseau du système : aucun sur ce poste (la phrase secrète est demandée).")
    )
    if not state.key_file:
        print(translate("Cli", "Fichier de clé : absent (seule la clé de secours ouvre la base ailleurs)."))
        return EXIT_OK
    print(translate("Cli", "Identifiant de la base : {base}.").format(base=state.base_id))
    print(
        translate("Cli", "Phrase secrète : définie.")
        if state.passphrase
        else translate("Cli", "Phrase secrète : aucune (« medios key passphrase » pour en définir une).")
    )
    if state.earlier_keys:
        print(
            translate("Cli", "Clés précédentes gardées pour les anciennes sauvegardes : {n}.").format(
                n=state.earlier_keys
            )
        )
    return EXIT_OK


def _megabytes(size: int) -> str:
    from medios.export.french import format_number

    return format_number(size / 1_000_000, 1)


def cmd_backup(args: argparse.Namespace) -> int:
    from medios.export.french import format_count
    from medios.services.backups import BackupError, backup_now

    database = paths.database_path(args.db)
    target = Path(args.output).expanduser().resolve() if args.output else None
    try:
        done = backup_now(database, target)
    except BackupError as exc:
        raise CliError(str(exc)) from None
    info = done.info
    print(
        translate("Cli", "Sauvegarde écrite et vérifiée : {path} ({n} interventions, {size} Mo).").format(
            path=info.path, n=format_count(info.interventions), size=_megabytes(info.size)
        )
    )
    if done.removed:
        print(
            translate(
                "Cli",
                "{n} sauvegarde(s) automatique(s) plus ancienne(s) retirée(s) (on garde 7 jours, 4 semaines, 12 mois).",
            ).format(n=format_count(len(done.removed)))
        )
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from medios.export.french import format_count
    from medios.services import keys
    from medios.services.backups import BackupError, inspect_file, restore_backup

    database = paths.database_path(args.db)
    backup = Path(args.file).expanduser().resolve()
    if backup.is_file():
        keys.unlock(backup, _ask(args), keys_of=database)  # the base's keys, else its recovery key
    try:
        info = inspect_file(backup)
        print(
            translate("Cli", "Sauvegarde vérifiée : {path} ({n} interventions, révision {revision}).").format(
                path=backup, n=format_count(info.interventions), revision=info.revision
            )
        )
        if not args.yes:
            print(
                translate(
                    "Cli",
                    "Rien n'a été remplacé. Fermez la fenêtre de Médios, puis relancez avec --yes pour remplacer "
                    "{path} (la base actuelle sera gardée de côté).",
                ).format(path=database)
            )
            return EXIT_USER
        done = restore_backup(backup, database)
    except BackupError as exc:
        raise CliError(str(exc)) from None
    print(translate("Cli", "Base restaurée : {path}.").format(path=database))
    if done.aside is not None:
        print(translate("Cli", "L'ancienne base est gardée : {path}.").format(path=done.aside))
    return EXIT_OK


def cmd_retention(args: argparse.Namespace) -> int:
    """``medios retention show|set|purge``: the notes' schedule, a preview, the purge."""
    from medios.export.french import format_count
    from medios.services import retention
    from medios.services import structure as st

    db = _open(args, writing=args.action != "show")
    try:
        actor = st.find_mediator(db, args.by).id if getattr(args, "by", None) else None
        if args.action == "set":
            retention.set_notes_months(db, args.months, actor_id=actor)
        plan = retention.preview(db)
        print(translate("Cli", "Observations conservées {months} mois après leur saisie.").format(months=plan.months))
        if args.action == "set":
            return EXIT_OK
        if not plan.notes:
            print(
                translate("Cli", "Aucune observation saisie avant le {date} : rien à purger.").format(
                    date=plan.cutoff.strftime("%d/%m/%Y")
                )
            )
            return EXIT_OK
        print(
            translate(
                "Cli", "{n} observation(s) saisie(s) avant le {date} (la plus ancienne le {oldest}) seraient retirées."
            ).format(
                n=format_count(plan.notes),
                date=plan.cutoff.strftime("%d/%m/%Y"),
                oldest=plan.oldest.strftime("%d/%m/%Y") if plan.oldest else "?",
            )
        )
        if args.action == "show":
            return EXIT_OK
        if not args.yes:
            print(translate("Cli", "Rien n'a été retiré : relancez avec --yes pour purger."))
            return EXIT_USER
        done = retention.purge(db, actor_id=actor)
    finally:
        db.dispose()
    print(
        translate("Cli", "{n} observation(s) retirée(s) ; le fichier a été réécrit sans leurs traces.").format(
            n=format_count(done)
        )
    )
    return EXIT_OK


def _export_audit(db: Any, args: argparse.Namespace) -> int:
    from medios.export.audit_csv import audit_csv
    from medios.export.french import format_count
    from medios.export.output import save_bytes
    from medios.services import structure as st
    from medios.services.audit import EXPORT_COLUMNS, export_rows

    actor = st.find_mediator(db, args.by).id if args.by else None
    rows = export_rows(db, actor_id=actor)
    save_bytes(audit_csv(EXPORT_COLUMNS, rows), args.output, what=translate("Cli", "le journal"))
    print(
        translate("Cli", "Journal exporté : {path} ({n} ligne(s)).").format(path=args.output, n=format_count(len(rows)))
    )
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    """``medios audit verify``: the hash chain of the audit log, line by line."""
    from medios.export.french import format_count
    from medios.services.audit import verify_chain

    db = _open(args, writing=False)
    try:
        if args.action == "export":
            return _export_audit(db, args)
        report = verify_chain(db)
    finally:
        db.dispose()
    if report.ok:
        print(
            translate(
                "Cli", "Journal intact : {n} ligne(s), chaînées de la première à la dernière (n° {last})."
            ).format(n=format_count(report.entries), last=report.last_id or 0)
        )
        print(
            translate(
                "Cli",
                "Empreinte de la dernière ligne : {head} (notez-la : si des lignes sont retirées à la fin, "
                "elle changera).",
            ).format(head=report.head)
        )
        return EXIT_OK
    print(
        translate("Cli", "Journal altéré : la chaîne casse à la ligne n° {line} ({reason}).").format(
            line=report.broken_at, reason=report.reason
        )
    )
    print(
        translate("Cli", "Les {n} ligne(s) d'avant sont intactes (dernière : n° {last}, empreinte {head}).").format(
            n=format_count(report.entries - 1), last=report.last_id or 0, head=report.head
        )
    )
    return EXIT_USER


def cmd_check(args: argparse.Namespace) -> int:
    """``medios check``: the file read as it is, never migrated nor written."""
    from medios.db import crypto
    from medios.db.integrity import check_file
    from medios.export.french import format_count

    path = paths.database_path(args.db)
    try:
        report = check_file(path, full=True if args.full else False if args.quick else None)
    except FileNotFoundError:
        raise CliError(translate("Cli", "aucune base à cet endroit : {path}.").format(path=path)) from None
    kind = translate("Cli", "contrôle complet") if report.full else translate("Cli", "contrôle rapide")
    seconds = f"{report.seconds:.1f}".replace(".", ",")
    if report.ok:
        print(
            translate("Cli", "Base intègre : {path} ({kind}, {seconds} s).").format(
                path=path, kind=kind, seconds=seconds
            )
        )
        return EXIT_OK
    print(
        translate("Cli", "Base endommagée : {path} ({kind}) : {n} problème(s).").format(
            path=path, kind=kind, n=format_count(len(report.problems) + report.foreign_key_errors)
        )
    )
    for line in report.problems[:20]:
        print(f"  {line}")
    if crypto.is_encrypted(path) and crypto.key_for(path) is None:
        print(
            translate(
                "Cli",
                "  Si c'est une base chiffrée dont le fichier de clé « {key_file} » a été perdu, sa clé de secours "
                "l'ouvre : donnez-la par MEDIOS_PASSPHRASE ou saisissez-la quand elle est demandée.",
            ).format(key_file=crypto.key_file(path))
        )
    if report.foreign_key_errors:
        print(
            translate("Cli", "  {n} référence(s) vers des lignes absentes.").format(
                n=format_count(report.foreign_key_errors)
            )
        )
    print(
        translate(
            "Cli",
            "N'y saisissez plus rien : gardez une copie de ce fichier (avec ses fichiers -wal et -shm) et "
            "reprenez la dernière bonne sauvegarde (les copies faites avant chaque mise à jour de la base sont "
            "dans {folder}).",
        ).format(folder=paths.backup_dir())
    )
    return EXIT_USER


def cmd_init(args: argparse.Namespace) -> int:
    from medios.services.structure import init_structure

    db = _open(args, writing=True)
    try:
        summary = init_structure(db, args.structure, mediator=args.mediator, holiday_calendar=args.calendar)
    finally:
        db.dispose()
    print(
        translate("Cli", "Structure « {name} » enregistrée dans {path} (référentiel {version}).").format(
            name=summary.name, path=db.path, version=summary.referentiel_version
        )
    )
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from medios.demo import generate_demo

    if not 1 <= args.months <= 600:
        raise CliError(translate("Cli", "--months : entre 1 et 600 mois."))
    if not 1 <= args.mediators <= 500:
        raise CliError(translate("Cli", "--mediators : entre 1 et 500 médiateurs."))
    db = _open(args, writing=True)
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] > 2 or done == total:
            last[0] = now
            print(translate("Cli", "  mois {done}/{total}…").format(done=done, total=total), file=sys.stderr)

    try:
        report = generate_demo(db, months=args.months, mediators=args.mediators, seed=args.seed, progress=progress)
    finally:
        db.dispose()
    size_mb = Path(db.path or "").stat().st_size / 1e6 if db.path else 0.0
    print(
        translate(
            "Cli",
            "Données de démonstration, de {first} à {last} : interventions : {interventions} ; tournées et "
            "permanences : {presences} ; actions collectives : {actions} ; réunions : {meetings} ; médiateurs : {mediators}.",
        ).format(
            interventions=f"{report.interventions:,}".replace(",", "\u202f"),
            presences=report.presences,
            actions=report.actions,
            meetings=report.meetings,
            mediators=report.mediators,
            first=report.first_month,
            last=report.last_month,
        )
    )
    print(
        translate("Cli", "Base : {path}, {size} Mo, générée en {seconds} s.").format(
            path=db.path, size=f"{size_mb:.1f}", seconds=f"{report.seconds:.1f}"
        )
    )
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from medios.services.interchange import ImportFailed, import_jsonl

    if not args.file.is_file():
        raise CliError(translate("Cli", "Fichier introuvable : {path}").format(path=args.file))
    db = _open(args, writing=True)
    try:
        report = import_jsonl(db, args.file, skip_invalid=args.skip_invalid)
    except ImportFailed as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USER
    finally:
        db.dispose()
    for line in report.summary_lines():
        print(line)
    for line in report.error_lines():
        print(line, file=sys.stderr)
    return EXIT_PARTIAL if report.invalid_lines else EXIT_OK


def cmd_export_jsonl(args: argparse.Namespace) -> int:
    from medios.services.interchange import export_jsonl

    output: str = args.output
    if output != STDOUT and Path(output).is_dir():
        raise CliError(
            translate("Cli", "« {path} » est un dossier : indiquez un nom de fichier, par exemple {example}.").format(
                path=output, example=Path(output) / "interventions.jsonl"
            )
        )
    actor = _actor(args)
    db = _open(args, writing=False)
    try:
        count = export_jsonl(db, output, actor_id=actor)
    finally:
        db.dispose()
    # With ``-o -`` the lines are the standard output: the messages go to stderr.
    messages = sys.stderr if output == STDOUT else sys.stdout
    where = translate("Cli", "la sortie standard") if output == STDOUT else output
    print(translate("Cli", "{n} interventions exportées dans {path}.").format(n=count, path=where), file=messages)
    print(
        translate(
            "Cli",
            "Ce fichier contient les heures des interventions et les pseudonymes des médiateurs : "
            "conservez-le comme la base elle-même. Les observations libres et les noms n'y figurent pas.",
        ),
        file=messages,
    )
    return EXIT_OK


def _date(text: str | None, option: str) -> dt.date | None:
    """``AAAA-MM-JJ``, ``None`` when not given; « - » is handled by the caller (it clears)."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CliError(translate("Cli", "{option} : date AAAA-MM-JJ attendue.").format(option=option)) from None


def _cleared(text: str | None) -> bool:
    return text is not None and text.strip() == "-"


def _codes(text: str | None, old: Iterable[str]) -> frozenset[str]:
    """Codes separated by commas (upper-cased); « - » clears them, no option keeps ``old``."""
    if text is None:
        return frozenset(old)
    if _cleared(text):
        return frozenset()
    return frozenset(part.strip().upper() for part in text.split(",") if part.strip())


def _percent(text: str | None, option: str) -> int | None:
    if text is None or _cleared(text):
        return None
    try:
        return int(text.strip().rstrip("%").strip())
    except ValueError:
        raise CliError(translate("Cli", "{option} : nombre entier attendu.").format(option=option)) from None


def _hours(text: str) -> int:
    """Weekly hours as minutes: « 35 », « 24,5 », « 24.5 » or « 24h30 »."""
    value = text.strip().lower().replace(" ", "")
    try:
        if "h" in value:
            hours, _, minutes = value.partition("h")
            return int(hours) * 60 + (int(minutes) if minutes else 0)
        return round(float(value.replace(",", ".")) * 60)
    except ValueError:
        raise CliError(translate("Cli", "--weekly-hours : un nombre d'heures attendu (35, 24,5 ou 24h30).")) from None


def _optional_date(text: str | None, option: str, old: dt.date | None) -> dt.date | None:
    if text is None:
        return old
    return None if _cleared(text) else _date(text, option)


def _done(message: str) -> int:
    print(message)
    return EXIT_OK


def cmd_structure(args: argparse.Namespace) -> int:
    from medios.services.structure import StructureDetails, get_structure, update_structure

    db = _open(args, writing=args.action == "set")
    try:
        current = get_structure(db)
        if args.action == "set":
            old = current.details

            def keep(given: str | None, before: str | None) -> str | None:
                return None if _cleared(given) else (before if given is None else given)

            current = update_structure(
                db,
                name=current.name if args.name is None else args.name,
                holiday_calendar=args.calendar or current.holiday_calendar,
                notes_enabled=current.notes_enabled if args.notes is None else args.notes == "on",
                siret=None if _cleared(args.siret) else (current.siret if args.siret is None else args.siret),
                legal_status=args.legal_status or current.legal_status,
                details=StructureDetails(
                    observatory_id=keep(args.observatory_id, old.observatory_id),
                    networks=_codes(args.networks, old.networks),
                    afnor_certified_on=_optional_date(args.afnor_date, "--afnor-date", old.afnor_certified_on),
                    hq_commune=keep(args.hq_commune, old.hq_commune),
                ),
            )
            print(translate("Cli", "Structure « {name} » enregistrée.").format(name=current.name))
            if args.notes == "on":
                print(
                    translate(
                        "Cli",
                        "Observations libres activées. La personne peut demander à lire ce texte : restez factuel, "
                        "sans santé, origine, religion ni infraction.",
                    )
                )
        yes, no = translate("Cli", "oui"), translate("Cli", "non")
        print(translate("Cli", "Nom : {value}").format(value=current.name))
        print(translate("Cli", "Statut juridique : {value}").format(value=current.legal_status))
        print(translate("Cli", "SIRET : {value}").format(value=current.siret or "—"))
        print(translate("Cli", "Jours fériés : {value}").format(value=current.holiday_calendar))
        print(translate("Cli", "Observations libres : {value}").format(value=yes if current.notes_enabled else no))
        details = current.details
        print(translate("Cli", "Identifiant observatoire : {value}").format(value=details.observatory_id or "—"))
        print(translate("Cli", "Réseaux : {value}").format(value=", ".join(sorted(details.networks)) or "—"))
        afnor = details.afnor_certified_on.isoformat() if details.afnor_certified_on else "—"
        print(translate("Cli", "Certification AFNOR : {value}").format(value=afnor))
        print(translate("Cli", "Commune du siège : {value}").format(value=details.hq_commune or "—"))
    finally:
        db.dispose()
    return EXIT_OK


def cmd_dispositif(args: argparse.Namespace) -> int:
    from medios.services import structure as st

    db = _open(args, writing=args.action != "list")
    try:
        if args.action == "add":
            start = _date(args.start, "--start") or dt.date.today()
            links = _dispositif_links(db, args, st.DispositifLinks())
            st.create_dispositif(db, args.name, args.domain, start, end_date=_date(args.end, "--end"), links=links)
            return _done(translate("Cli", "Dispositif « {name} » ajouté.").format(name=args.name.strip()))
        if args.action == "list":
            for item in st.list_dispositifs(db, retired=args.retired):
                end = item.end_date.isoformat() if item.end_date else ""
                covered = ",".join(sorted(item.links.funders | item.links.time_bands))
                print(f"{item.name}\t{item.main_domain}\t{item.start_date.isoformat()}\t{end}\t{covered}".rstrip("\t"))
            return EXIT_OK
        if args.action == "restore":
            restored = st.restore_dispositif(db, st.find_retired_dispositif(db, args.name).id)
            return _done(translate("Cli", "Dispositif « {name} » rétabli.").format(name=restored.name))
        found = st.find_dispositif(db, args.name)
        if args.action == "retire":
            st.retire_dispositif(db, found.id)
            return _done(
                translate("Cli", "Dispositif « {name} » retiré ; ses fiches le gardent.").format(name=found.name)
            )
        info = st.update_dispositif(
            db,
            found.id,
            name=found.name if args.new_name is None else args.new_name,
            main_domain=args.domain or found.main_domain,
            start_date=_date(args.start, "--start") or found.start_date,
            end_date=None if _cleared(args.end) else (_date(args.end, "--end") if args.end else found.end_date),
            links=_dispositif_links(db, args, found.links),
        )
        return _done(translate("Cli", "Dispositif « {name} » enregistré.").format(name=info.name))
    finally:
        db.dispose()


def _dispositif_links(db: Database, args: argparse.Namespace, old: Any) -> Any:
    """The links of a dispositif from the options (territory codes, partner names), ``old`` where not given."""
    from medios.services import directory as dr
    from medios.services import structure as st
    from medios.services import territories as tr

    territory_ids = frozenset(old.territory_ids)
    if args.territories is not None:
        wanted = _codes(args.territories, ())
        live = tr.list_territories(db)
        by_code = {t.code: t.id for t in sorted(live, key=lambda t: t.vintage)}  # the latest vintage wins
        missing = sorted(code for code in wanted if code not in by_code)
        if missing:
            raise CliError(
                translate("Cli", "--territories : {codes} absent(s) de la liste des territoires.").format(
                    codes=", ".join(missing)
                )
            )
        territory_ids = frozenset(by_code[code] for code in wanted)
    commissioner_ids = frozenset(old.commissioner_ids)
    if args.commissioner:
        names = [n for n in args.commissioner if not _cleared(n)]
        commissioner_ids = frozenset(dr.find_partner(db, n).id for n in names)
    return st.DispositifLinks(
        funders=_codes(args.funders, old.funders),
        territory_ids=territory_ids,
        time_bands=_codes(args.time_bands, old.time_bands),
        commissioner_ids=commissioner_ids,
    )


def _mediator_details(args: argparse.Namespace, old: Any) -> Any:
    from medios.services import structure as st

    weekly = old.weekly_minutes
    if args.weekly_hours is not None:
        weekly = None if _cleared(args.weekly_hours) else _hours(args.weekly_hours)
    return st.MediatorDetails(
        contract=old.contract
        if args.contract is None
        else (None if _cleared(args.contract) else args.contract.upper()),
        fte_percent=old.fte_percent if args.fte is None else _percent(args.fte, "--fte"),
        weekly_minutes=weekly,
        qualifications=_codes(args.qualifications, old.qualifications),
        start_date=_optional_date(args.start, "--start", old.start_date),
        end_date=_optional_date(args.end, "--end", old.end_date),
    )


def cmd_mediator(args: argparse.Namespace) -> int:
    from medios.services import structure as st

    db = _open(args, writing=args.action != "list")
    try:
        if args.action == "rename":
            info = st.rename_pseudonym(db, args.current, args.new)
            return _done(
                translate("Cli", "Le médiateur {old} s'appelle désormais {new} ; ses interventions le suivent.").format(
                    old=args.current.strip().upper(), new=info.pseudonym
                )
            )
        if args.action == "list":
            for item in st.list_mediators(db, retired=args.retired):  # names are tier L: never printed
                print(f"{item.pseudonym}\t{item.role}")
            return EXIT_OK
        if args.action == "restore":
            restored = st.restore_mediator(db, st.find_retired_mediator(db, args.pseudonym).id)
            return _done(translate("Cli", "Utilisateur {pseudonym} rétabli.").format(pseudonym=restored.pseudonym))
        if args.action == "add":
            details = _mediator_details(args, st.MediatorDetails())
            info = st.create_mediator(db, args.name, role=args.role.upper(), details=details)
            return _done(
                translate("Cli", "Utilisateur ajouté : {pseudonym} ({role}).").format(
                    pseudonym=info.pseudonym, role=info.role
                )
            )
        found = st.find_mediator(db, args.pseudonym)
        if args.action == "retire":
            st.retire_mediator(db, found.id)
            return _done(
                translate("Cli", "Utilisateur {pseudonym} retiré ; ses fiches le gardent.").format(
                    pseudonym=found.pseudonym
                )
            )
        info = st.update_mediator(
            db,
            found.id,
            display_name=found.display_name if args.name is None else args.name,
            role=(args.role or found.role).upper(),
            details=_mediator_details(args, found.details),
        )
        return _done(
            translate("Cli", "Utilisateur {pseudonym} enregistré ({role}).").format(
                pseudonym=info.pseudonym, role=info.role
            )
        )
    finally:
        db.dispose()


def cmd_territory(args: argparse.Namespace) -> int:
    from medios.services import territories as tr

    if args.action == "import" and not args.file.is_file():
        raise CliError(translate("Cli", "Fichier introuvable : {path}").format(path=args.file))
    db = _open(args, writing=args.action not in ("list",) and not getattr(args, "dry_run", False))
    try:
        if args.action == "add":
            info = tr.add_territory(
                db, args.level.upper(), args.code, args.label, vintage=args.vintage, parent_code=args.parent
            )
            return _done(
                translate("Cli", "Territoire {level} {code} « {label} » ajouté.").format(
                    level=info.level, code=info.code, label=info.label
                )
            )
        if args.action == "list":
            for item in tr.list_territories(db, args.level.upper() if args.level else None, retired=args.retired):
                print(f"{item.level}\t{item.code}\t{item.label}\t{item.vintage}\t{item.parent_code or ''}")
            return EXIT_OK
        if args.action == "import":
            text = args.file.read_text(encoding="utf-8-sig", errors="replace")
            preview = tr.parse_territories(text, level=args.level.upper(), vintage=args.vintage)
            if preview.errors:
                for error in preview.errors[:50]:
                    print(error.for_user(), file=sys.stderr)
                print(translate("Cli", "Aucun territoire ajouté : corrigez le fichier."), file=sys.stderr)
                return EXIT_USER
            if args.dry_run:
                for row in preview.rows:
                    print(f"{row.level}\t{row.code}\t{row.label}\t{row.vintage}\t{row.parent_code or ''}")
                return _done(
                    translate("Cli", "{n} territoires seraient ajoutés (rien n'a été écrit).").format(
                        n=len(preview.rows)
                    )
                )
            count = tr.import_territories(db, preview)
            return _done(translate("Cli", "{n} territoires ajoutés.").format(n=count))
        if args.action == "restore":
            back = tr.restore_territory(db, tr.find_retired_territory(db, args.level.upper(), args.code).id)
            return _done(
                translate("Cli", "Territoire {level} {code} rétabli dans la liste.").format(
                    level=back.level, code=back.code
                )
            )
        found = tr.find_territory(db, args.level.upper(), args.code, args.vintage)
        if args.action == "retire":
            tr.retire_territory(db, found.id)
            return _done(
                translate("Cli", "Territoire {level} {code} retiré de la liste.").format(
                    level=found.level, code=found.code
                )
            )
        info = tr.update_territory(
            db,
            found.id,
            label=found.label if args.label is None else args.label,
            parent_code=None if _cleared(args.parent) else (args.parent or found.parent_code),
        )
        return _done(
            translate("Cli", "Territoire {level} {code} « {label} » enregistré.").format(
                level=info.level, code=info.code, label=info.label
            )
        )
    finally:
        db.dispose()


def _site(db: Database, key: str, *, retired: bool = False) -> Any:
    import uuid

    from medios.services import directory as dr

    find = dr.find_retired_site if retired else dr.find_site
    try:
        site_id = uuid.UUID(key.strip())
    except ValueError:
        return find(db, key)
    for site in dr.list_sites(db, retired=retired):
        if site.id == site_id:
            return site
    return find(db, key)


def _site_details(db: Database, args: argparse.Namespace, old: Any) -> Any:
    from medios.services import directory as dr
    from medios.services.structure import SiteDetails

    def keep(given: str | None, before: str | None) -> str | None:
        return None if _cleared(given) else (before if given is None else given.strip().upper())

    landlord = old.landlord_id
    if args.landlord is not None:
        landlord = None if _cleared(args.landlord) else dr.find_partner(db, args.landlord).id
    return SiteDetails(uai=keep(args.uai, old.uai), educ_prio=keep(args.educ_prio, old.educ_prio), landlord_id=landlord)


def cmd_site(args: argparse.Namespace) -> int:
    from medios.services import directory as dr
    from medios.services.structure import SiteDetails, create_site

    db = _open(args, writing=args.action != "list")
    try:
        if args.action == "list":
            for item in dr.list_sites(db, retired=args.retired):  # a site's name is tier L: never printed
                print(f"{item.id}\t{item.place}\t{item.commune}\t{item.qpv or ''}")
            return EXIT_OK
        if args.action == "restore":
            retired = _site(db, args.name, retired=True)
            return _done(translate("Cli", "Site {id} rétabli.").format(id=dr.restore_site(db, retired.id).id))
        if args.action == "add":
            qpv = args.qpv.strip().upper() if args.qpv else None
            details = _site_details(db, args, SiteDetails())
            site_id = create_site(db, args.name, args.place.upper(), args.commune.strip().upper(), qpv, details=details)
            return _done(translate("Cli", "Site ajouté : {id}.").format(id=site_id))
        found = _site(db, args.name)
        if args.action == "retire":
            dr.retire_site(db, found.id)
            return _done(translate("Cli", "Site {id} retiré ; ses fiches le gardent.").format(id=found.id))
        info = dr.update_site(
            db,
            found.id,
            name=found.name if args.new_name is None else args.new_name,
            place=(args.place or found.place).upper(),
            commune=args.commune or found.commune,
            qpv=None if _cleared(args.qpv) else (args.qpv or found.qpv),
            details=_site_details(db, args, found.details),
        )
        return _done(translate("Cli", "Site {id} enregistré.").format(id=info.id))
    finally:
        db.dispose()


def cmd_partner(args: argparse.Namespace) -> int:
    from medios.services import directory as dr

    db = _open(args, writing=args.action != "list")
    try:
        if args.action == "list":
            for item in dr.list_partners(db, retired=args.retired):  # contacts are tier L: never printed
                print(f"{item.name}\t{item.partner_type}\t{item.commune or ''}")
            return EXIT_OK
        if args.action == "restore":
            back = dr.restore_partner(db, dr.find_retired_partner(db, args.name).id)
            return _done(translate("Cli", "Partenaire « {name} » rétabli dans l'annuaire.").format(name=back.name))
        if args.action == "add":
            info = dr.create_partner(
                db,
                dr.PartnerFields(
                    args.name, args.partner_type.upper(), args.commune, args.contact, args.phone, args.email
                ),
            )
            return _done(translate("Cli", "Partenaire « {name} » ajouté.").format(name=info.name))
        found = dr.find_partner(db, args.name)
        if args.action == "retire":
            dr.retire_partner(db, found.id)
            return _done(
                translate("Cli", "Partenaire « {name} » retiré de l'annuaire ; ses fiches le gardent.").format(
                    name=found.name
                )
            )

        def keep(given: str | None, old: str | None) -> str | None:
            return None if _cleared(given) else (old if given is None else given)

        info = dr.update_partner(
            db,
            found.id,
            dr.PartnerFields(
                found.name if args.new_name is None else args.new_name,
                (args.partner_type or found.partner_type).upper(),
                keep(args.commune, found.commune),
                keep(args.contact, found.contact_name),
                keep(args.phone, found.phone),
                keep(args.email, found.email),
            ),
        )
        return _done(translate("Cli", "Partenaire « {name} » enregistré.").format(name=info.name))
    finally:
        db.dispose()


def _month_line(state: Any) -> str:
    from medios.services import closure

    month = closure.month_text(state.month)
    if state.status == closure.OPEN:
        return translate("Cli", "{month}\touvert").format(month=month)
    closed_at = state.closed_at.strftime("%d/%m/%Y %H:%M") if state.closed_at else ""
    by = state.closed_by or "-"
    if state.status == closure.REOPENED:
        return translate(
            "Cli", "{month}\trouvert (v{version}, motif : {reason})\t{count} modification(s) après clôture"
        ).format(month=month, version=state.version, reason=state.reopen_reason or "", count=state.amendments)
    return translate(
        "Cli", "{month}\tclôturé (v{version}) le {at} UTC par {by}\t{since} modification(s) depuis la clôture"
    ).format(month=month, version=state.version, at=closed_at, by=by, since=state.amendments_since)


def cmd_month(args: argparse.Namespace) -> int:
    from medios.services import closure
    from medios.services import structure as st

    db = _open(args, writing=args.action in ("close", "reopen"))
    try:
        actor = st.find_mediator(db, args.by).id if getattr(args, "by", None) else None
        if args.action == "status" and args.month is None:
            states = closure.closed_months(db)
            if not states:
                return _done(translate("Cli", "Aucun mois clôturé."))
            for state in states:
                print(_month_line(state))
            return EXIT_OK
        month = closure.month_key(args.month)
        if args.action == "status":
            print(_month_line(closure.month_state(db, month)))
        elif args.action == "close":
            print(_month_line(closure.close_month(db, month, actor_id=actor)))
        elif args.action == "reopen":
            print(_month_line(closure.reopen_month(db, month, reason=args.reason, actor_id=actor)))
        else:
            found = closure.list_amendments(db, month)
            if not found:
                return _done(
                    translate("Cli", "Aucune modification après clôture pour {month}.").format(month=args.month)
                )
            for item in found:
                fields = ", ".join(sorted(item.changes)) if item.action == "UPDATE" else ""
                print(
                    "\t".join(
                        [
                            item.at.strftime("%d/%m/%Y %H:%M"),
                            f"v{item.closure_version}",
                            item.record_table,
                            item.action,
                            item.actor or "-",
                            item.reason,
                            fields,
                        ]
                    ).rstrip("\t")
                )
        return EXIT_OK
    finally:
        db.dispose()


def cmd_report(args: argparse.Namespace) -> int:
    from medios.services import reports

    period = reports.parse_period(args.month if args.month else args.period)
    output = Path(args.output)
    if output.suffix.lower() != f".{args.format}":
        raise CliError(
            translate("Cli", "-o : le fichier doit finir par .{fmt} (format choisi).").format(fmt=args.format)
        )
    db = _open(args, writing=False)
    try:
        choice = reports.find_scope(db, dispositif=args.dispositif, commune=args.commune, qpv=args.qpv)
        document = reports.build_document(db, period, choice)
        reports.write_report(document, args.format, output)
    finally:
        db.dispose()
    for warning in document.warnings:
        print(translate("Cli", "À vérifier : {text}").format(text=warning.text), file=sys.stderr)
    return _done(
        translate("Cli", "{title} ({scope}) écrit dans {path}.").format(
            title=document.title, scope=document.scope_label, path=output
        )
    )


def cmd_observatory(args: argparse.Namespace) -> int:
    from medios.export.observatory import PackageError
    from medios.services import structure as st
    from medios.services.observatory import exporter, ledger
    from medios.services.observatory.model import DEFAULT_THRESHOLD

    if args.action == "check":
        try:
            verdict = exporter.check_files([Path(name) for name in args.files])
        except PackageError as exc:
            raise CliError(str(exc)) from None
        print(exporter.verdict_text(verdict))
        return EXIT_OK if verdict.ok else EXIT_USER
    db = _open(args, writing=args.action == "export")
    try:
        if args.action == "history":
            records = ledger.history(db)
            if not records:
                return _done(translate("Cli", "Aucun fichier envoyé à l'Observatoire."))
            for r in records:
                print(
                    "\t".join(
                        [
                            r.created_at.strftime("%d/%m/%Y %H:%M"),
                            r.period,
                            translate("Cli", "{masked} masquées sur {cells}").format(
                                masked=r.masked_cells, cells=r.cells
                            ),
                            translate("Cli", "seuil {n}").format(n=r.threshold),
                            r.file_sha256,
                            r.file_name or "",
                            translate("Cli", "corrige un fichier précédent") if r.replaces else "",
                        ]
                    ).rstrip("\t")
                )
            return EXIT_OK
        output = Path(args.output)
        if args.dry_run:
            threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
            try:
                prepared = exporter.prepare(db, args.period, threshold=threshold)
            except ValueError as exc:
                raise CliError(str(exc)) from None
            _print_preview(prepared)
            return EXIT_OK
        if output.suffix.lower() != ".zip":
            raise CliError(translate("Cli", "-o : le fichier Observatoire doit finir par .zip."))
        actor = st.find_mediator(db, args.by).id if args.by else None
        replaces = None
        if args.replaces:
            prefix = args.replaces.strip().lower()
            found = [r for r in ledger.history(db) if r.file_sha256.startswith(prefix)] if len(prefix) >= 8 else []
            if len(found) != 1:
                raise CliError(
                    translate(
                        "Cli",
                        "--replaces : aucun fichier unique du registre n'a une empreinte commençant par « {prefix} » (8 caractères au moins).",
                    ).format(prefix=prefix)
                )
            replaces = found[0].id
        threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
        try:
            prepared = exporter.prepare(db, args.period, threshold=threshold)
            for item in prepared.quality.items:
                print(translate("Cli", "À vérifier : {text}").format(text=item.text), file=sys.stderr)
            done = exporter.export(
                db,
                prepared,
                output,
                confirm_open_months=args.confirm_open_months,
                replaces=replaces,
                actor_id=actor,
            )
        except (exporter.ExportRefused, PackageError) as exc:
            hint = ""
            if prepared.quality.open_months and not args.confirm_open_months:
                hint = " " + translate("Cli", "(option --confirm-open-months)")
            raise CliError(str(exc) + hint) from None
        except ValueError as exc:  # a threshold below 5, a protection that cannot succeed
            raise CliError(str(exc)) from None
    finally:
        db.dispose()
    record = done.record
    print(
        translate(
            "Cli", "{masked} cellules masquées sur {cells} ; audit avec les {n} fichier(s) déjà envoyés : {verdict}"
        ).format(
            masked=record.masked_cells,
            cells=record.cells,
            n=len(prepared.earlier),
            verdict=exporter.verdict_text(done.verdict),
        )
    )
    return _done(
        translate("Cli", "Fichier Observatoire {period} écrit dans {path} (SHA-256 {sha}).").format(
            period=prepared.period, path=output, sha=done.sha256
        )
    )


def _print_preview(prepared: Any) -> None:
    """``--dry-run``: the quality check, the CNIL tests, and every masked cell with its reason."""
    release = prepared.release
    for line in prepared.check_lines():
        print(line)
    print(
        translate("Cli", "{masked} cellules masquées sur {cells} ; rien n'a été écrit.").format(
            masked=len(release.masked), cells=len(release.values)
        )
    )
    for key in sorted(release.masked):
        print(f"{key.text()}\t{prepared.reason(key)}")


COMMANDS = {
    "encrypt": cmd_encrypt,
    "decrypt-copy": cmd_decrypt_copy,
    "key": cmd_key,
    "account": cmd_account,
    "audit": cmd_audit,
    "retention": cmd_retention,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "check": cmd_check,
    "observatory": cmd_observatory,
    "report": cmd_report,
    "month": cmd_month,
    "structure": cmd_structure,
    "site": cmd_site,
    "partner": cmd_partner,
    "territory": cmd_territory,
    "dispositif": cmd_dispositif,
    "mediator": cmd_mediator,
    "init": cmd_init,
    "demo": cmd_demo,
    "import": cmd_import,
    "export-jsonl": cmd_export_jsonl,
}


def interrupted() -> int:
    """Ctrl+C: one French line, exit code 130 (the transaction under way has been rolled back)."""
    print(translate("Cli", "Interrompu : rien n'a été enregistré."), file=sys.stderr)
    return EXIT_INTERRUPTED


def _file_error(exc: OSError) -> int:
    """A file the user named: missing folder, no permission, a folder instead of a file, a full disk…"""
    from medios.db.engine import StorageKind, storage_kind

    # Operating system errors on a file the user named that are the environment's fault, not the user's.
    environment = (StorageKind.FULL, StorageKind.IO, StorageKind.READ_ONLY)
    print(
        translate("Cli", "Erreur : impossible d'utiliser le fichier « {name} » ({reason}).").format(
            name=exc.filename or "", reason=describe_os_error(exc)
        ),
        file=sys.stderr,
    )
    return EXIT_STORAGE if storage_kind(exc) in environment else EXIT_USER


def run(argv: Sequence[str] | None = None) -> int:
    """Run a headless command; returns the exit code.  ``None`` command means the GUI (handled by main)."""
    set_language_from_environment()
    args = build_parser().parse_args(argv)
    handler = COMMANDS.get(args.command or "")
    if handler is None:
        raise AssertionError("the GUI is started by medios.__main__")
    # Only now that a command will run: the database layer and the services' errors.
    from medios.db import NewerDatabaseError, StorageError
    from medios.db.engine import storage_error_from
    from medios.services.errors import NotFoundError, ValidationError
    from medios.services.keys import KeyError_, UnlockError
    from medios.services.structure import NoStructureError

    log.info("command %s", args.command)  # the command's name only: its arguments may name files of tier L
    try:
        if (args.command, getattr(args, "action", None)) not in NO_KEY_NEEDED:
            _unlock(args)
        return handler(args)
    except KeyboardInterrupt:
        return interrupted()
    except UnlockError as exc:
        print(translate("Cli", "Erreur : {message}").format(message=exc), file=sys.stderr)
        return EXIT_STORAGE
    except (CliError, ValidationError, NotFoundError, NoStructureError, KeyError_) as exc:
        print(translate("Cli", "Erreur : {message}").format(message=exc), file=sys.stderr)
        return EXIT_USER
    except (StorageError, NewerDatabaseError) as exc:
        print(translate("Cli", "Erreur : {message}").format(message=exc), file=sys.stderr)
        return EXIT_STORAGE
    except BrokenPipeError as exc:
        if exc.filename not in (None, STDOUT):
            return _file_error(exc)
        # The reader of the standard output went away (``medios export-jsonl -o - | head``): stop quietly,
        # and let Python's final flush of sys.stdout go nowhere instead of printing its own error.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass
        return EXIT_BROKEN_PIPE
    except OSError as exc:
        return _file_error(exc)
    except Exception as exc:
        known = storage_error_from(exc)  # the database failed while the command used it (disk full…)
        if known is not None:
            print(translate("Cli", "Erreur : {message}").format(message=known), file=sys.stderr)
            return EXIT_STORAGE
        # A bug: the traceback goes to the local log (statement parameters are hidden by the engine).
        log.exception("unexpected error in command %s", args.command)
        print(
            translate("Cli", "Erreur inattendue ({kind}). Le détail est dans le journal : {log}").format(
                kind=type(exc).__name__, log=paths.log_file()
            ),
            file=sys.stderr,
        )
        return EXIT_BUG
