"""Interchange format v1 (domain brief §9): JSON lines, one intervention per line.

:mod:`.format` reads and writes lines (pure), :mod:`.importer` is the import use case with its
:mod:`.report`, :mod:`.exporter` reads the base for an export; the file itself is written by
:mod:`medios.export.jsonl`.  Import -> export -> import changes nothing.
"""

from medios.services.interchange.exporter import export_jsonl, export_lines
from medios.services.interchange.format import FORMAT_KEYS, LineError
from medios.services.interchange.importer import import_jsonl
from medios.services.interchange.report import ImportFailed, ImportReport

__all__ = ["FORMAT_KEYS", "ImportFailed", "ImportReport", "LineError", "export_jsonl", "export_lines", "import_jsonl"]
