"""Application entry point: ``python -m medios`` and the ``medios`` console script.

Headless commands go to :mod:`medios.cli` without loading Qt; no command (or ``gui``) opens the
desktop window through :mod:`medios.app`.  Ctrl+C while either starts is one French line and exit
code 130, never a traceback.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from medios import paths
from medios.i18n import translate


class _LogFile(logging.FileHandler):
    """The local log.  When it cannot be written (disk full, read-only medium) one French line says so
    on stderr and Médios goes on without a log, instead of a traceback for every record."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, encoding="utf-8")
        self.broken = False

    def emit(self, record: logging.LogRecord) -> None:
        if not self.broken:
            super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):
            super().handleError(record)
            return
        self.broken = True
        try:
            self.close()  # flushes what is left, which fails again
        except OSError:
            pass
        self.stream = None  # type: ignore[assignment]
        _warn_log_unwritable(Path(self.baseFilename), error)


def _warn_log_unwritable(path: Path, error: OSError) -> None:
    from medios.files import describe_os_error

    print(
        translate("Cli", "Journal impossible à écrire ({path} : {reason}) : Médios continue sans journal.").format(
            path=path, reason=describe_os_error(error)
        ),
        file=sys.stderr,
    )


def _setup_logging() -> None:
    log_file = paths.log_file()
    try:
        paths.log_dir()
        os.close(os.open(log_file, os.O_CREAT | os.O_APPEND | os.O_WRONLY, 0o600))  # owner-only from the start
        handler: logging.Handler = _LogFile(log_file)
    except OSError as error:
        _warn_log_unwritable(log_file, error)
        handler = logging.NullHandler()
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
    try:
        from medios.cli import build_parser, run, set_language_from_environment

        set_language_from_environment()
        _setup_logging()
        parsed = build_parser().parse_args(args)
        if parsed.command not in (None, "gui"):
            return run(args)
    except KeyboardInterrupt:  # Ctrl+C while starting (a command handles its own)
        # Not through medios.cli: Ctrl+C may have stopped its import halfway, and importing it again
        # would fail.  translate() is already loaded (this module imports medios.i18n).
        print(translate("Cli", "Interrompu : rien n'a été enregistré."), file=sys.stderr)
        return 130
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
    try:
        from medios.app import run_gui

        return run_gui(db_path=parsed.db, demo=parsed.demo)
    except KeyboardInterrupt:  # Ctrl+C while Qt and the window's modules load, before the event loop
        print(translate("Cli", "Interrompu : rien n'a été enregistré."), file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
