"""Writing JSON lines files (the interchange export): plain objects in, one UTF-8 line each."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from typing import Any

from medios.files import open_output


def write_jsonl(lines: Iterable[dict[str, Any]], target: str | os.PathLike[str]) -> int:
    """Write ``lines`` to ``target`` by the rules of :func:`medios.files.open_output` (atomic for a file,
    ``-`` for standard output); returns the count."""
    count = 0
    with open_output(target) as handle:
        for line in lines:
            handle.write(json.dumps(line, ensure_ascii=False))
            handle.write("\n")
            count += 1
    return count
