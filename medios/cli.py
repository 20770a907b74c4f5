"""Command line: English command names, French messages.

``medios`` with no command opens the desktop window; every other command runs headless and never
imports Qt.  Exit codes: 0 success, 1 environment problem (storage), 2 user error (bad input), 3 a bug (traceback in
the local log).
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import gettext
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from medios import __version__, paths
from medios.db import Database, NewerDatabaseError, StorageError, open_database, storage_errors
from medios.i18n import translate, use_cli_language
from medios.services.errors import ValidationError
from medios.services.structure import NoStructureError

EXIT_OK, EXIT_STORAGE, EXIT_USER, EXIT_BUG = 0, 1, 2, 3
log = logging.getLogger(__name__)


class CliError(Exception):
    """A user mistake on the command line: French message, exit code 2."""


# argparse's own messages, in French (argparse looks ``_`` up in its module at call time).
_ARGPARSE_FR = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "show program's version number and exit": "afficher la version et quitter",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (possibles : %(choices)s)",
    "expected one argument": "une valeur est attendue",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "invalid int value: %(value)r": "nombre entier attendu : %(value)r",
}


def _argparse_text(message: str) -> str:
    return _ARGPARSE_FR.get(message, message)


_language = ["fr"]


def current_language() -> str:
    return _language[0]


def set_language_from_environment() -> str:
    """French by default; ``MEDIOS_LANG=en`` switches the messages to the shipped English catalog."""
    _language[0] = use_cli_language(os.environ.get("MEDIOS_LANG"))
    return _language[0]


def build_parser() -> argparse.ArgumentParser:
    argparse._ = _argparse_text if current_language() == "fr" else gettext.gettext  # type: ignore[attr-defined]
    parser = argparse.ArgumentParser(
        prog="medios",
        description=translate("Cli", "Médios : saisie et bilans de l'activité de médiation sociale."),
    )
    parser.add_argument("--version", action="version", version=f"medios {__version__}")
    parser.add_argument(
        "--db",
        metavar="FICHIER",
        help=translate("Cli", "base de données à utiliser (sinon MEDIOS_DB, sinon le dossier de données)"),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=translate("Cli", "remplir une base vide avec des données fictives avant d'ouvrir la fenêtre"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE")

    p = sub.add_parser("init", help=translate("Cli", "créer la base et enregistrer la structure"))
    p.add_argument("--structure", required=True, metavar="NOM", help=translate("Cli", "nom de la structure"))
    p.add_argument("--mediator", metavar="NOM", help=translate("Cli", "premier utilisateur (coordinateur)"))
    p.add_argument(
        "--calendar",
        default="METROPOLE",
        metavar="CODE",
        help=translate("Cli", "calendrier des jours fériés (METROPOLE, ALSACE_MOSELLE, GUADELOUPE…)"),
    )

    p = sub.add_parser("demo", help=translate("Cli", "remplir la base avec une activité fictive réaliste"))
    p.add_argument("--months", type=int, default=12, metavar="N", help=translate("Cli", "nombre de mois (défaut 12)"))
    p.add_argument(
        "--mediators", type=int, default=6, metavar="N", help=translate("Cli", "nombre de médiateurs (défaut 6)")
    )
    p.add_argument("--seed", type=int, default=1, metavar="N", help=translate("Cli", "graine du tirage (défaut 1)"))

    p = sub.add_parser("import", help=translate("Cli", "importer des interventions au format JSONL v1"))
    p.add_argument("file", type=Path, metavar="FICHIER.jsonl")
    p.add_argument(
        "--skip-invalid",
        action="store_true",
        help=translate("Cli", "importer les lignes valides et lister les autres"),
    )

    p = sub.add_parser("export-jsonl", help=translate("Cli", "exporter les interventions au format JSONL v1"))
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FICHIER.jsonl")

    p = sub.add_parser("dispositif", help=translate("Cli", "lister ou ajouter les dispositifs de la structure"))
    dsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    dsub.add_parser("list", help=translate("Cli", "lister les dispositifs"))
    add = dsub.add_parser("add", help=translate("Cli", "ajouter un dispositif"))
    add.add_argument("name", metavar="LIBELLÉ")
    add.add_argument(
        "--domain", required=True, metavar="CODE", help=translate("Cli", "domaine principal (HABITAT, NUIT, SCOLAIRE…)")
    )
    add.add_argument("--start", metavar="AAAA-MM-JJ", help=translate("Cli", "date de début (défaut : aujourd'hui)"))

    p = sub.add_parser("territory", help=translate("Cli", "lister ou ajouter les territoires de la structure"))
    tsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = tsub.add_parser("list", help=translate("Cli", "lister les territoires"))
    listing.add_argument(
        "--level", metavar="NIVEAU", help=translate("Cli", "COMMUNE, QPV, EPCI, DEPARTEMENT ou REGION")
    )
    add = tsub.add_parser("add", help=translate("Cli", "ajouter un territoire"))
    add.add_argument("level", metavar="NIVEAU", help=translate("Cli", "COMMUNE, QPV, EPCI, DEPARTEMENT ou REGION"))
    add.add_argument("code", metavar="CODE")
    add.add_argument("label", metavar="LIBELLÉ")
    add.add_argument(
        "--vintage",
        default=str(dt.date.today().year),
        metavar="MILLÉSIME",
        help=translate("Cli", "millésime du code (défaut : l'année en cours)"),
    )
    add.add_argument(
        "--parent", metavar="CODE", help=translate("Cli", "territoire de rattachement (commune d'un QPV…)")
    )

    sub.add_parser("gui", help=translate("Cli", "ouvrir la fenêtre (comme sans commande)"))
    return parser


# Commands that may create the database file; the others refuse a missing one (a mistyped --db).
CREATING_COMMANDS = frozenset({"init", "demo"})


def _open(args: argparse.Namespace) -> Database:
    return open_database(paths.database_path(args.db), create=args.command in CREATING_COMMANDS)


def cmd_init(args: argparse.Namespace) -> int:
    from medios.services.structure import init_structure

    db = _open(args)
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
    db = _open(args)
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
    db = _open(args)
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
    return EXIT_OK


def cmd_export_jsonl(args: argparse.Namespace) -> int:
    from medios.services.interchange import export_jsonl

    if args.output.is_dir():
        raise CliError(
            translate("Cli", "« {path} » est un dossier : indiquez un nom de fichier, par exemple {example}.").format(
                path=args.output, example=args.output / "interventions.jsonl"
            )
        )
    db = _open(args)
    try:
        count = export_jsonl(db, args.output)
    finally:
        db.dispose()
    print(translate("Cli", "{n} interventions exportées dans {path}.").format(n=count, path=args.output))
    print(
        translate(
            "Cli",
            "Ce fichier contient les heures des interventions et les pseudonymes des médiateurs : "
            "conservez-le comme la base elle-même. Les observations libres et les noms n'y figurent pas.",
        )
    )
    return EXIT_OK


def cmd_dispositif(args: argparse.Namespace) -> int:
    from medios.services.structure import create_dispositif, list_dispositifs

    db = _open(args)
    try:
        if args.action == "add":
            try:
                start = dt.date.fromisoformat(args.start) if args.start else dt.date.today()
            except ValueError:
                raise CliError(translate("Cli", "--start : date AAAA-MM-JJ attendue.")) from None
            create_dispositif(db, args.name, args.domain, start)
            print(translate("Cli", "Dispositif « {name} » ajouté.").format(name=args.name.strip()))
        else:
            for item in list_dispositifs(db):
                print(f"{item.name}\t{item.main_domain}\t{item.start_date.isoformat()}")
    finally:
        db.dispose()
    return EXIT_OK


def cmd_territory(args: argparse.Namespace) -> int:
    from medios.services.territories import add_territory, list_territories

    db = _open(args)
    try:
        if args.action == "add":
            info = add_territory(
                db, args.level.upper(), args.code, args.label, vintage=args.vintage, parent_code=args.parent
            )
            print(
                translate("Cli", "Territoire {level} {code} « {label} » ajouté.").format(
                    level=info.level, code=info.code, label=info.label
                )
            )
        else:
            for item in list_territories(db, args.level.upper() if args.level else None):
                print(f"{item.level}\t{item.code}\t{item.label}\t{item.vintage}\t{item.parent_code or ''}")
    finally:
        db.dispose()
    return EXIT_OK


def _os_reason(exc: OSError) -> str:
    reasons = {
        errno.ENOENT: translate("Cli", "dossier ou fichier introuvable"),
        errno.EACCES: translate("Cli", "accès refusé"),
        errno.EPERM: translate("Cli", "accès refusé"),
        errno.EISDIR: translate("Cli", "c'est un dossier"),
        errno.ENOTDIR: translate("Cli", "un élément du chemin n'est pas un dossier"),
        errno.EEXIST: translate("Cli", "un élément du chemin existe déjà et n'est pas un dossier"),
        errno.ENOSPC: translate("Cli", "disque plein"),
        errno.EROFS: translate("Cli", "support en lecture seule"),
    }
    return reasons.get(exc.errno or 0, exc.strerror or type(exc).__name__)


COMMANDS = {
    "territory": cmd_territory,
    "dispositif": cmd_dispositif,
    "init": cmd_init,
    "demo": cmd_demo,
    "import": cmd_import,
    "export-jsonl": cmd_export_jsonl,
}


def run(argv: Sequence[str] | None = None) -> int:
    """Run a headless command; returns the exit code.  ``None`` command means the GUI (handled by main)."""
    set_language_from_environment()
    args = build_parser().parse_args(argv)
    handler = COMMANDS.get(args.command or "")
    if handler is None:
        raise AssertionError("the GUI is started by medios.__main__")
    try:
        with storage_errors():
            return handler(args)
    except (CliError, ValidationError, NoStructureError) as exc:
        print(translate("Cli", "Erreur : {message}").format(message=exc), file=sys.stderr)
        return EXIT_USER
    except (StorageError, NewerDatabaseError) as exc:
        print(translate("Cli", "Erreur : {message}").format(message=exc), file=sys.stderr)
        return EXIT_STORAGE
    except OSError as exc:
        # A file the user named: missing folder, no permission, a folder instead of a file…
        print(
            translate("Cli", "Erreur : impossible d'utiliser le fichier « {name} » ({reason}).").format(
                name=exc.filename or "", reason=_os_reason(exc)
            ),
            file=sys.stderr,
        )
        return EXIT_USER
    except Exception as exc:
        # A bug: the traceback goes to the local log (statement parameters are hidden by the engine).
        log.exception("unexpected error in command %s", args.command)
        print(
            translate("Cli", "Erreur inattendue ({kind}). Le détail est dans le journal : {log}").format(
                kind=type(exc).__name__, log=paths.log_dir() / "medios.log"
            ),
            file=sys.stderr,
        )
        return EXIT_BUG
