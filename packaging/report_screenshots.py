"""Render the sample monthly report (tests/report_samples.py) and write its first two PDF pages as PNG
into docs/screenshots (rapport-pdf-1.png, rapport-pdf-2.png).  Needs ``pdftoppm`` (apt poppler-utils).

Run from the repository root: ``.venv/bin/python packaging/report_screenshots.py [--dpi 80]``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=80)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()

    from medios.export.pdf import write_pdf
    from tests.report_samples import sample_document, write_logo

    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        pdf = folder / "rapport.pdf"
        write_pdf(sample_document(logo=write_logo(folder / "logo.png")), pdf)
        for page in (1, 2):
            prefix = folder / f"page{page}"
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    str(args.dpi),
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    "-singlefile",
                    str(pdf),
                    str(prefix),
                ],
                check=True,
            )
            target = args.out / f"rapport-pdf-{page}.png"
            target.write_bytes(prefix.with_suffix(".png").read_bytes())
            print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
