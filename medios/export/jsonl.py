"""Writing JSON lines files (the interchange export): plain objects in, one UTF-8 line each."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from typing import Any

from medios.files import open_output

# json.dumps(line, ensure_ascii=False) without building an encoder for every line: the same text
# (", " and ": " separators, non-ASCII written as is, keys in the order given).
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def write_jsonl(lines: Iterable[dict[str, Any]], target: str | os.PathLike[str]) -> int:
    """Write ``lines`` to ``target`` by the rules of :func:`medios.files.open_output` (atomic for a file,
    ``-`` for standard output); returns the count.

    One write a line: a reader that goes away (``| head``) stops the export at the next line.
    """
    count = 0
    encode = _ENCODE
    with open_output(target) as handle:
        write = handle.write
        for line in lines:
            write(encode(line) + "\n")
            count += 1
    return count
