"""Report files benchmark: time to write the Excel workbook and the PDF of a sample monthly report.

Run: ``.venv/bin/python benchmarks/report_files_bench.py [--repeat 5]`` from the repository root.

The document is the one the tests use (``tests/report_samples.py``: five sections, tables of 20 rows
and more, twelve months, 116 data rows, six charts, a logo).  Only the writers are timed, not the
indicators (``benchmarks/report_bench.py`` times those on a big base).  The first run of each writer
pays for imports and font loading and is printed apart; then the best and the median of ``--repeat``.
Target (issue #8): each file well under a second for such a document.  Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _timed(write: Callable[[], None]) -> float:
    start = time.perf_counter()
    write()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import openpyxl
    import reportlab

    from medios.export.pdf import write_pdf
    from medios.export.xlsx import write_xlsx
    from tests.report_samples import sample_document, write_logo

    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        document = sample_document(logo=write_logo(folder / "logo.png"))
        print(f"machine     : {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"libraries   : openpyxl {openpyxl.__version__}, reportlab {reportlab.Version}")
        for name, writer in (("xlsx", write_xlsx), ("pdf", write_pdf)):
            target = folder / f"bilan.{name}"
            first = _timed(lambda: writer(document, target))  # noqa: B023 - called at once
            runs = [_timed(lambda: writer(document, target)) for _ in range(args.repeat)]  # noqa: B023
            size = target.stat().st_size
            print(
                f"{name:<11} : first {first * 1000:6.0f} ms, best {min(runs) * 1000:6.0f} ms,"
                f" median {statistics.median(runs) * 1000:6.0f} ms, {size / 1024:.0f} KiB"
            )
            figures[f"{name}_first_s"] = round(first, 3)
            figures[f"{name}_best_s"] = round(min(runs), 3)
            figures[f"{name}_median_s"] = round(statistics.median(runs), 3)
            figures[f"{name}_kib"] = round(size / 1024)
    figures["python"] = platform.python_version()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
