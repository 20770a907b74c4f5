"""Application entry point: ``python -m medios`` and the ``medios`` console script.

Headless commands go to :mod:`medios.cli` without loading Qt; no command (or ``gui``) opens the
desktop window through :mod:`medios.app`.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
from collections.abc import Sequence

from medios import paths
from medios.i18n import translate


def _setup_logging() -> None:
    try:
        log_file = paths.log_dir() / "medios.log"
        os.close(os.open(log_file, os.O_CREAT | os.O_APPEND | os.O_WRONLY, 0o600))  # owner-only from the start
        handler: logging.Handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])


def _has_display() -> bool:
    """Qt aborts the process without a display on Linux; say so in French instead (ecosystem.md §3)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    faulthandler.enable()
    args = list(sys.argv[1:] if argv is None else argv)
    _setup_logging()
    from medios.cli import build_parser, run, set_language_from_environment

    set_language_from_environment()
    parsed = build_parser().parse_args(args)
    if parsed.command in (None, "gui"):
        if not _has_display():
            print(
                translate(
                    "Cli",
                    "Aucun écran disponible : la fenêtre de Médios ne peut pas s'ouvrir. Lancez-la depuis une "
                    "session graphique, ou utilisez une commande (medios --help).",
                ),
                file=sys.stderr,
            )
            return 1
        from medios.app import run_gui

        return run_gui(db_path=parsed.db, demo=parsed.demo)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
