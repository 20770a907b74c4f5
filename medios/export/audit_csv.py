"""The audit log as a CSV file for a coordinator (plain rows in, bytes out): UTF-8 with a BOM so that
Excel reads the accents, one line per entry, the hash of each line to check the file against the base."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence


def audit_csv(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")
